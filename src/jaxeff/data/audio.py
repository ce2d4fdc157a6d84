"""Keyword-spotting audio: the Free Spoken Digit Dataset (FSDD) and an MFCC front end.

Data side of MicroNets (Banbury et al., arXiv 2010.11267, Sec. 5.2: KWS on 49x10
MFCC maps from 40 ms windows with a 20 ms stride) and of Hello Edge (Zhang et al.,
arXiv 1711.07128, Sec. 3), which fix the front end: frames of 40 ms every 20 ms,
a log-mel spectrogram, a DCT, 10 coefficients; 1 s of audio gives 49 frames.

FSDD (``$JAXEFF_DATA/fsdd``, see shared/data/README.md): ``fsdd-recordings.zip``
with ``recordings/<digit>_<speaker>_<index>.wav`` (8 kHz mono 16-bit PCM, 3,000
files, 6 speakers x 10 digits x 50 recordings), read with the standard-library
``wave`` module (no new dependency).

MFCC, [Choice] where the papers leave it open (spec ``micronets_ran.md`` A5): each
recording is centre-padded with zeros (or centre-cropped) to 1 s = 8,000 samples;
frames of 320 samples every 160 (49 frames), a periodic Hann window, a 512-point
real FFT, the power spectrum, 40 triangular mel filters (HTK mel scale
``2595 log10(1 + f / 700)``, triangles in mel, 20 Hz .. 4 kHz), ``log(x + 1e-6)``
and an orthonormal DCT-II keeping coefficients 0..9: ``[N, 49, 10]`` float32.

Splits: the official one (recordings with index 0-4 of every speaker and digit are
test), a leave-one-speaker-out split (MicroNets spec A6: the official split shares
speakers), and a validation split carved from train (index 5-9 of the training
speakers, for choices such as budgets and learning rates).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import pathlib
import wave
import zipfile

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.data.vision import data_root

__all__ = [
    "FSDD",
    "SPEAKERS",
    "dct_matrix",
    "fit_length",
    "fsdd_features",
    "fsdd_splits",
    "kws_prep",
    "load_fsdd",
    "mel_filterbank",
    "mfcc",
    "read_metadata",
    "read_wav",
]

SPEAKERS = ("george", "jackson", "lucas", "nicolas", "theo", "yweweler")
SAMPLE_RATE = 8000


@dataclasses.dataclass(frozen=True)
class FSDD:
    """All recordings: ``audio`` [N] list of int16 arrays; ``digit``, ``index`` [N]
    int32; ``speaker`` [N] str; ``names`` the zip member names."""

    audio: list[np.ndarray]
    digit: np.ndarray
    speaker: np.ndarray
    index: np.ndarray
    names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.audio)


def read_wav(data: bytes, *, name: str = "<bytes>") -> tuple[np.ndarray, int]:
    """A mono 16-bit PCM WAV file's bytes -> (int16 samples [T], sample rate)."""
    try:
        with wave.open(io.BytesIO(data)) as w:
            if w.getnchannels() != 1 or w.getsampwidth() != 2:
                raise ValueError(f"{name}: need mono 16-bit PCM, got {w.getnchannels()} "
                                 f"channels of {8 * w.getsampwidth()} bits")
            rate = w.getframerate()
            frames = w.readframes(w.getnframes())
    except (wave.Error, EOFError) as e:
        raise ValueError(f"corrupt WAV file {name}: {e}") from e
    return np.frombuffer(frames, dtype="<i2").astype(np.int16), rate


def load_fsdd(data_dir: str | os.PathLike | None = None) -> FSDD:
    """Read ``fsdd/fsdd-recordings.zip`` under ``data_dir`` (default ``$JAXEFF_DATA``)."""
    root = data_root(data_dir)
    folder = root / "fsdd" if (root / "fsdd").is_dir() else root
    path = pathlib.Path(folder) / "fsdd-recordings.zip"
    if not path.is_file():
        raise FileNotFoundError(f"missing FSDD zip {path} (see shared/data/README.md)")
    audio, digit, speaker, index, names = [], [], [], [], []
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if n.endswith(".wav")):
            stem = pathlib.PurePosixPath(name).stem
            parts = stem.split("_")
            if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
                raise ValueError(f"{path}: member {name!r} is not <digit>_<speaker>_<index>"
                                 ".wav")
            x, rate = read_wav(z.read(name), name=name)
            if rate != SAMPLE_RATE:
                raise ValueError(f"{name}: sample rate {rate}, expected {SAMPLE_RATE}")
            audio.append(x)
            digit.append(int(parts[0]))
            speaker.append(parts[1])
            index.append(int(parts[2]))
            names.append(name)
    if not audio:
        raise ValueError(f"{path} holds no .wav files")
    return FSDD(audio, np.asarray(digit, np.int32), np.asarray(speaker),
                np.asarray(index, np.int32), tuple(names))


def fit_length(x: np.ndarray, length: int = SAMPLE_RATE) -> np.ndarray:
    """Centre-pad with zeros or centre-crop a 1-D signal to ``length`` samples."""
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError(f"x must be 1-D audio, got shape {x.shape}")
    n = len(x)
    if n >= length:
        start = (n - length) // 2
        return x[start:start + length]
    left = (length - n) // 2
    return np.pad(x, (left, length - n - left))


def _hz_to_mel(f: np.ndarray) -> np.ndarray:
    return 2595.0 * np.log10(1.0 + f / 700.0)


def mel_filterbank(n_mels: int = 40, n_fft: int = 512, sample_rate: int = SAMPLE_RATE,
                   fmin: float = 20.0, fmax: float = 4000.0) -> np.ndarray:
    """[n_fft // 2 + 1, n_mels] triangular filters, triangles in HTK mel.

    Filter ``j`` rises from edge ``j`` to ``j + 1`` and falls to ``j + 2`` of
    ``n_mels + 2`` equally spaced mel edges in ``[mel(fmin), mel(fmax)]``; a bin at
    ``k sr / n_fft`` Hz gets the triangle's value at its mel position.
    """
    if not 0 <= fmin < fmax <= sample_rate / 2:
        raise ValueError(f"need 0 <= fmin < fmax <= sample_rate / 2, got fmin={fmin}, "
                         f"fmax={fmax}, sample_rate={sample_rate}")
    edges = np.linspace(_hz_to_mel(np.float64(fmin)), _hz_to_mel(np.float64(fmax)),
                        n_mels + 2)
    m = _hz_to_mel(np.arange(n_fft // 2 + 1) * sample_rate / n_fft)[:, None]
    lo, c, hi = edges[None, :-2], edges[None, 1:-1], edges[None, 2:]
    return np.maximum(0.0, np.minimum((m - lo) / (c - lo), (hi - m) / (hi - c)))


def dct_matrix(n_in: int, n_out: int) -> np.ndarray:
    """Orthonormal DCT-II as an [n_in, n_out] matrix (``x @ D`` = first ``n_out``
    coefficients of ``scipy.fft.dct(x, norm="ortho")``)."""
    n = np.arange(n_in)[:, None]
    k = np.arange(n_out)[None, :]
    d = np.cos(np.pi * k * (2 * n + 1) / (2 * n_in)) * np.sqrt(2.0 / n_in)
    d[:, 0] /= np.sqrt(2.0)
    return d


def mfcc(audio: jax.typing.ArrayLike, *, sample_rate: int = SAMPLE_RATE,
         window_ms: float = 40.0, stride_ms: float = 20.0, n_fft: int = 512,
         n_mels: int = 40, n_mfcc: int = 10, fmin: float = 20.0,
         fmax: float | None = None) -> jax.Array:
    """MFCC features (Hello Edge / MicroNets front end; module docstring).

    Args:
      audio: [N, T] float waveforms (any scale; int16 ranges are fine).
    Returns:
      [N, F, n_mfcc] float32 with ``F = 1 + (T - win) // hop``; 1 s at 8 kHz gives
      49 x 10.
    """
    x = jnp.asarray(audio, jnp.float32)
    if x.ndim != 2:
        raise ValueError(f"audio must be [N, T], got shape {x.shape}")
    win = round(sample_rate * window_ms / 1000)
    hop = round(sample_rate * stride_ms / 1000)
    if x.shape[1] < win or n_fft < win:
        raise ValueError(f"audio length {x.shape[1]} and n_fft {n_fft} must be >= the "
                         f"window ({win} samples)")
    frames = 1 + (x.shape[1] - win) // hop
    idx = hop * np.arange(frames)[:, None] + np.arange(win)[None, :]
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(win) / win)  # periodic
    spec = jnp.fft.rfft(x[:, idx] * hann.astype(np.float32), n=n_fft)
    power = jnp.real(spec) ** 2 + jnp.imag(spec) ** 2
    fb = mel_filterbank(n_mels, n_fft, sample_rate, fmin,
                        sample_rate / 2 if fmax is None else fmax)
    logmel = jnp.log(power @ fb.astype(np.float32) + 1e-6)
    return logmel @ dct_matrix(n_mels, n_mfcc).astype(np.float32)


def fsdd_features(data: FSDD, *, length: int = SAMPLE_RATE,
                  batch: int = 500) -> np.ndarray:
    """Every recording fitted to ``length`` samples (:func:`fit_length`) -> MFCC
    ``[N, 49, 10, 1]`` float32 (a one-channel map for the KWS nets)."""
    out = []
    for i in range(0, len(data), batch):
        x = np.stack([fit_length(a, length) for a in data.audio[i:i + batch]])
        out.append(np.asarray(mfcc(x.astype(np.float32))))
    return np.concatenate(out)[..., None]


def kws_prep(mean: np.ndarray, std: np.ndarray, *, max_shift: int = 800,
             **mfcc_kw):
    """A jittable ``prep(audio, key, train)`` for KWS nets: ``audio`` [B, T] ->
    MFCC standardized by ``mean``/``std`` (per coefficient, from the training
    split) -> ``[B, F, n_mfcc, 1]``. In training, each waveform is first shifted in
    time by a uniform ``[-max_shift, max_shift]`` samples with zero fill (Hello
    Edge's 100 ms time-shift augmentation, arXiv 1711.07128 Sec. 4; 800 samples at
    8 kHz)."""
    mean = jnp.asarray(mean, jnp.float32)
    std = jnp.asarray(std, jnp.float32)

    def prep(audio: jax.Array, key: jax.Array, train: bool) -> jax.Array:
        x = jnp.asarray(audio, jnp.float32)
        if train and max_shift > 0:
            t = x.shape[1]
            pad = jnp.pad(x, ((0, 0), (max_shift, max_shift)))
            off = jax.random.randint(key, (x.shape[0],), 0, 2 * max_shift + 1)
            x = jax.vmap(lambda r, o: jax.lax.dynamic_slice(r, (o,), (t,)))(pad, off)
        return ((mfcc(x, **mfcc_kw) - mean) / std)[..., None]

    return prep


def fsdd_splits(data: FSDD, *, held_out_speaker: str | None = None,
                val_indices: tuple[int, int] = (5, 9)) -> dict[str, np.ndarray]:
    """Index arrays ``train``, ``val``, ``test`` into ``data``.

    ``held_out_speaker=None``: the official split (recording index 0-4 of every
    speaker and digit is test). Otherwise leave-one-speaker-out: that speaker's
    recordings are test. ``val``: recordings with index in ``val_indices``
    (inclusive) of the training speakers, removed from train.
    """
    if held_out_speaker is None:
        test = data.index <= 4
    else:
        if held_out_speaker not in set(data.speaker.tolist()):
            raise ValueError(f"held_out_speaker {held_out_speaker!r} is not one of "
                             f"{sorted(set(data.speaker.tolist()))}")
        test = data.speaker == held_out_speaker
    lo, hi = val_indices
    val = ~test & (data.index >= lo) & (data.index <= hi)
    train = ~test & ~val
    return {k: np.flatnonzero(v) for k, v in
            (("train", train), ("val", val), ("test", test))}


def read_metadata(data_dir: str | os.PathLike | None = None) -> list[dict[str, str]]:
    """Rows of ``fsdd/metadata.csv`` (file, digit, speaker, index, split, n_samples_8k)."""
    root = data_root(data_dir)
    path = (root / "fsdd" if (root / "fsdd").is_dir() else root) / "metadata.csv"
    if not path.is_file():
        raise FileNotFoundError(f"missing FSDD metadata {path}")
    with open(path, newline="") as f:
        return list(csv.DictReader(f))
