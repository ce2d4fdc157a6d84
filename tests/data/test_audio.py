"""FSDD loader and the MFCC front end (MicroNets arXiv 2010.11267 / Hello Edge 1711.07128)."""

from __future__ import annotations

import io
import math
import os
import wave

import numpy as np
import pytest

from jaxeff.data.audio import (
    SPEAKERS,
    dct_matrix,
    fit_length,
    fsdd_features,
    fsdd_splits,
    load_fsdd,
    mel_filterbank,
    mfcc,
    read_metadata,
    read_wav,
)


def _ref_mfcc(x: np.ndarray) -> np.ndarray:
    """Independent float64 reference written with loops and explicit formulas:
    a direct DFT (no FFT), filters evaluated one by one from the HTK mel formula,
    and the DCT-II sum written out."""
    sr, win, hop, nfft, nmel, ncep = 8000, 320, 160, 512, 40, 10
    mel = lambda f: 2595.0 * math.log10(1.0 + f / 700.0)
    lo_m, hi_m = mel(20.0), mel(4000.0)
    edges = [lo_m + (hi_m - lo_m) * i / (nmel + 1) for i in range(nmel + 2)]
    nbin = nfft // 2 + 1
    fb = np.zeros((nmel, nbin))
    for j in range(nmel):
        a, c, b = edges[j], edges[j + 1], edges[j + 2]
        for k in range(nbin):
            m = mel(k * sr / nfft)
            if a < m <= c:
                fb[j, k] = (m - a) / (c - a)
            elif c < m < b:
                fb[j, k] = (b - m) / (b - c)
    n = np.arange(win)
    window = np.array([math.sin(math.pi * i / win) ** 2 for i in range(win)])
    ks = np.arange(nbin)[:, None]
    dft = np.exp(-2j * np.pi * ks * n[None, :] / nfft)  # only the first win inputs
    frames = 1 + (len(x) - win) // hop
    out = np.zeros((frames, ncep))
    for t in range(frames):
        seg = x[t * hop:t * hop + win].astype(np.float64) * window
        p = np.abs(dft @ seg) ** 2
        logmel = np.log(fb @ p + 1e-6)
        for q in range(ncep):
            s = sum(logmel[i] * math.cos(math.pi * q * (i + 0.5) / nmel)
                    for i in range(nmel))
            out[t, q] = s * math.sqrt((1 if q else 0.5) * 2.0 / nmel)
    return out


def test_mfcc_matches_independent_reference():
    rng = np.random.default_rng(0)
    t = np.arange(8000) / 8000
    x = (3000 * np.sin(2 * np.pi * 440 * t) + 800 * np.sin(2 * np.pi * 1900 * t)
         + 200 * rng.standard_normal(8000)).astype(np.float32)
    got = np.asarray(mfcc(x[None]))[0]
    assert got.shape == (49, 10)
    ref = _ref_mfcc(x)
    # float32 FFT vs float64 direct DFT; log-mel values are O(10-100)
    np.testing.assert_allclose(got, ref, rtol=1e-4, atol=2e-3)


def test_dct_matrix_matches_scipy():
    fft = pytest.importorskip("scipy.fft")
    x = np.random.default_rng(1).standard_normal((5, 40))
    np.testing.assert_allclose(x @ dct_matrix(40, 10),
                               fft.dct(x, type=2, norm="ortho")[:, :10], atol=1e-12)


def test_mel_filterbank_shape_and_peaks():
    fb = mel_filterbank()
    assert fb.shape == (257, 40)
    assert fb.min() >= 0 and fb.max() <= 1
    assert (fb.sum(0) > 0).all()  # no empty filter at 512-point resolution
    assert (np.argmax(fb, 0)[1:] >= np.argmax(fb, 0)[:-1]).all()


def test_fit_length_centres():
    np.testing.assert_array_equal(fit_length(np.array([1, 2]), 6), [0, 0, 1, 2, 0, 0])
    np.testing.assert_array_equal(fit_length(np.arange(10), 4), [3, 4, 5, 6])
    with pytest.raises(ValueError, match="1-D"):
        fit_length(np.zeros((2, 2)))


def _wav(samples, rate=8000, channels=1):
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, "<i2").tobytes())
    return buf.getvalue()


def test_read_wav_roundtrip_and_errors():
    x = np.array([0, 1, -1, 32767, -32768], np.int16)
    y, rate = read_wav(_wav(x))
    np.testing.assert_array_equal(y, x)
    assert rate == 8000
    with pytest.raises(ValueError, match="mono 16-bit"):
        read_wav(_wav(np.zeros(4), channels=2))
    with pytest.raises(ValueError, match="corrupt WAV file bad.wav"):
        read_wav(b"RIFFxxxx", name="bad.wav")


def test_missing_zip_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="fsdd-recordings.zip"):
        load_fsdd(tmp_path)


def _fsdd_root():
    root = os.environ.get("JAXEFF_DATA")
    if not root or not os.path.isfile(os.path.join(root, "fsdd", "fsdd-recordings.zip")):
        pytest.skip("FSDD not available (set JAXEFF_DATA)")
    return root


@pytest.fixture(scope="module")
def fsdd():
    return load_fsdd(_fsdd_root())


def test_fsdd_matches_metadata_and_scipy(fsdd):
    meta = read_metadata(_fsdd_root())
    assert len(fsdd) == len(meta) == 3000
    by_file = {r["file"]: r for r in meta}
    for name, a, d, s, i in zip(fsdd.names, fsdd.audio, fsdd.digit, fsdd.speaker,
                                fsdd.index):
        r = by_file[name.split("/")[-1]]
        assert (int(r["digit"]), r["speaker"], int(r["index"]), int(r["n_samples_8k"])) \
            == (d, s, i, len(a))
        assert (r["split"] == "test") == (i <= 4)
    wavfile = pytest.importorskip("scipy.io.wavfile")
    import zipfile
    with zipfile.ZipFile(os.path.join(_fsdd_root(), "fsdd", "fsdd-recordings.zip")) as z:
        rate, ref = wavfile.read(io.BytesIO(z.read(fsdd.names[7])))
    assert rate == 8000
    np.testing.assert_array_equal(ref, fsdd.audio[7])


def test_standard_and_speaker_splits(fsdd):
    sp = fsdd_splits(fsdd)
    assert [len(sp[k]) for k in ("train", "val", "test")] == [2400, 300, 300]
    assert set(fsdd.index[sp["test"]]) == set(range(5))
    assert set(fsdd.index[sp["val"]]) == set(range(5, 10))
    assert not set(sp["train"]) & set(sp["val"]) | set(sp["train"]) & set(sp["test"])
    # every speaker and digit has 5 test recordings
    for s in SPEAKERS:
        for d in range(10):
            assert ((fsdd.speaker[sp["test"]] == s) & (fsdd.digit[sp["test"]] == d)
                    ).sum() == 5
    lo = fsdd_splits(fsdd, held_out_speaker="theo")
    assert set(fsdd.speaker[lo["test"]]) == {"theo"} and len(lo["test"]) == 500
    assert "theo" not in set(fsdd.speaker[lo["train"]]) | set(fsdd.speaker[lo["val"]])
    assert len(lo["val"]) == 250 and len(lo["train"]) == 2250
    with pytest.raises(ValueError, match="held_out_speaker 'bob'"):
        fsdd_splits(fsdd, held_out_speaker="bob")


def test_fsdd_features_shape_and_reference(fsdd):
    sub = type(fsdd)(fsdd.audio[:3], fsdd.digit[:3], fsdd.speaker[:3], fsdd.index[:3],
                     fsdd.names[:3])
    f = fsdd_features(sub)
    assert f.shape == (3, 49, 10, 1) and f.dtype == np.float32
    ref = _ref_mfcc(fit_length(fsdd.audio[0]).astype(np.float64))
    np.testing.assert_allclose(f[0, ..., 0], ref, rtol=1e-4, atol=5e-3)


def test_kws_prep_standardizes_and_shifts():
    import jax

    from jaxeff.data.audio import kws_prep
    x = np.zeros((2, 8000), np.float32)
    x[:, 3000:3400] = np.random.default_rng(0).standard_normal((2, 400)) * 1000
    f = np.asarray(mfcc(x))
    prep = kws_prep(f.mean((0, 1)), f.std((0, 1)) + 1e-3, max_shift=800)
    ev = np.asarray(prep(x, jax.random.key(0), False))
    assert ev.shape == (2, 49, 10, 1)
    np.testing.assert_allclose(ev[..., 0], (f - f.mean((0, 1))) / (f.std((0, 1)) + 1e-3),
                               rtol=1e-5, atol=1e-5)
    tr = np.asarray(prep(x, jax.random.key(1), True))
    assert not np.allclose(tr, ev)  # shifted
    # a shift by a whole number of hops moves the frames: energy peak moves
    assert np.argmax(tr[0, :, 0, 0]) != np.argmax(ev[0, :, 0, 0]) or \
        np.argmax(tr[1, :, 0, 0]) != np.argmax(ev[1, :, 0, 0])
