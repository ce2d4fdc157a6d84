"""Text corpora for sequence models: language modelling and intent detection.

Not a paper method; the data side of the HMF reproduction ("Rank and run-time
aware compression of NLP Applications", arXiv 2010.03193; spec
``hmf_simd.md`` A5). Files are read from ``$JAXEFF_DATA/text`` (layout of
``shared/data/README.md``):

* tiny-shakespeare ``tinyshakespeare/input.txt``: character or word level, split
  contiguously 90/5/5 into train/val/test (spec A5; no official split exists).
* PTB-format files (``ptb/ptb.{valid,test}.txt``, ``wikitext2/{valid,test}.txt``):
  one sentence per line, ``<eos>`` appended per line. Only valid/test are shared,
  so the LM trains on valid and evaluates on test (spec A5).
* ATIS / SNIPS ``intent/<name>/<split>/{seq.in,label}``: padded token ids and
  intent labels; the vocabulary and label set come from train. Test labels never
  seen in train (four multi-intent ATIS labels) get label ``-1`` and count as
  errors.

Batches: LM ``{"tokens": int32 [B, T], "label": int32 [B, T]}`` (next token);
intent ``{"tokens": int32 [B, L], "length": int32 [B], "label": int32 [B]}``.
"""

from __future__ import annotations

import collections
import dataclasses
import os
import pathlib
import re
from collections.abc import Iterator

import numpy as np

from jaxeff.data.vision import data_root

PAD, UNK, EOS = "<pad>", "<unk>", "<eos>"

__all__ = [
    "INTENT_DATASETS",
    "Corpus",
    "IntentData",
    "IntentSplit",
    "intent_batches",
    "lm_batches",
    "load_intent",
    "load_ptb",
    "load_ptb_format",
    "load_tinyshakespeare",
]

INTENT_DATASETS = ("atis", "snips")
_WORD = re.compile(r"[A-Za-z']+|[^\sA-Za-z']")


@dataclasses.dataclass(frozen=True)
class Corpus:
    """A language-modelling corpus: ``train/val/test`` int32 token ids, ``vocab``."""

    name: str
    vocab: tuple[str, ...]
    train: np.ndarray
    val: np.ndarray
    test: np.ndarray

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)


@dataclasses.dataclass(frozen=True)
class IntentSplit:
    """``tokens`` int32 [N, L] (0-padded), ``lengths`` int32 [N], ``labels`` int32 [N]."""

    tokens: np.ndarray
    lengths: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)


@dataclasses.dataclass(frozen=True)
class IntentData:
    name: str
    vocab: tuple[str, ...]
    intents: tuple[str, ...]
    train: IntentSplit
    val: IntentSplit
    test: IntentSplit

    @property
    def vocab_size(self) -> int:
        return len(self.vocab)

    @property
    def num_classes(self) -> int:
        return len(self.intents)


def _read(path: pathlib.Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"missing text file {path} (see shared/data/README.md)")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"corrupt text file {path}: not UTF-8 ({e})") from e


def _text_dir(data_dir: str | os.PathLike | None) -> pathlib.Path:
    root = data_root(data_dir)
    return root / "text" if (root / "text").is_dir() else root


def build_vocab(tokens: list[str], *, min_count: int = 1,
                specials: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``specials`` first, then tokens seen ``>= min_count`` times by frequency, name."""
    counts = collections.Counter(tokens)
    words = sorted((w for w, c in counts.items() if c >= min_count and w not in specials),
                   key=lambda w: (-counts[w], w))
    return (*specials, *words)


def encoder(vocab: tuple[str, ...]):
    """``tokens -> int32 ids``; out-of-vocabulary tokens map to ``<unk>`` if present."""
    index = {w: i for i, w in enumerate(vocab)}
    unk = index.get(UNK)

    def enc(tokens: list[str]) -> np.ndarray:
        try:
            return np.array([index[t] if unk is None else index.get(t, unk)
                             for t in tokens], np.int32)
        except KeyError as e:
            raise ValueError(f"token {e.args[0]!r} not in the vocabulary (no <unk>)") from e

    return enc


def encode(tokens: list[str], vocab: tuple[str, ...]) -> np.ndarray:
    """Token ids (int32); out-of-vocabulary tokens map to ``<unk>`` if present."""
    return encoder(vocab)(tokens)


def load_tinyshakespeare(data_dir: str | os.PathLike | None = None, *,
                         level: str = "char", min_count: int = 3,
                         fractions: tuple[float, float] = (0.9, 0.05)) -> Corpus:
    """tiny-shakespeare at ``level`` "char" or "word", contiguous 90/5/5 split.

    Word level: ``[A-Za-z']+`` words and single punctuation marks, case kept,
    words seen fewer than ``min_count`` times in train become ``<unk>``.
    """
    if level not in ("char", "word"):
        raise ValueError(f"level must be 'char' or 'word', got {level!r}")
    text = _read(_text_dir(data_dir) / "tinyshakespeare" / "input.txt")
    toks = list(text) if level == "char" else _WORD.findall(text)
    a = int(fractions[0] * len(toks))
    b = a + int(fractions[1] * len(toks))
    if level == "char":
        vocab = build_vocab(toks)
    else:
        vocab = build_vocab(toks[:a], min_count=min_count, specials=(UNK,))
    ids = encode(toks, vocab)
    return Corpus(f"tinyshakespeare-{level}", vocab, ids[:a], ids[a:b], ids[b:])


def load_ptb_format(train: str | os.PathLike, test: str | os.PathLike, *,
                    name: str = "ptb", val_fraction: float = 0.1) -> Corpus:
    """PTB-format word LM: one sentence per line, ``<eos>`` appended per line.

    The vocabulary comes from ``train``; the last ``val_fraction`` of ``train``
    becomes the validation stream.
    """
    def words(path):
        lines = _read(pathlib.Path(path)).splitlines()
        out = [w for line in lines for w in (*line.split(), EOS)]
        if not out:
            raise ValueError(f"{path} holds no tokens")
        return out

    tr, te = words(train), words(test)
    vocab = build_vocab(tr, specials=(EOS, UNK))
    ids = encode(tr, vocab)
    cut = len(ids) - int(val_fraction * len(ids))
    return Corpus(name, vocab, ids[:cut], ids[cut:], encode(te, vocab))


def load_ptb(data_dir: str | os.PathLike | None = None, *,
             dataset: str = "ptb") -> Corpus:
    """PTB or WikiText-2 from the shared folder: train on valid, test on test (spec A5)."""
    d = _text_dir(data_dir)
    files = {"ptb": ("ptb/ptb.valid.txt", "ptb/ptb.test.txt"),
             "wikitext2": ("wikitext2/valid.txt", "wikitext2/test.txt")}
    if dataset not in files:
        raise ValueError(f"unknown corpus {dataset!r}; choose from {tuple(files)}")
    return load_ptb_format(*(d / f for f in files[dataset]), name=dataset)


def load_intent(name: str, data_dir: str | os.PathLike | None = None, *,
                min_count: int = 1, max_len: int | None = None) -> IntentData:
    """ATIS or SNIPS intent detection (Goo et al. 2018 splits), padded to ``max_len``.

    ``max_len`` defaults to the longest train utterance; longer ones are cut.
    """
    if name not in INTENT_DATASETS:
        raise ValueError(f"unknown intent dataset {name!r}; choose from {INTENT_DATASETS}")
    d = _text_dir(data_dir) / "intent" / name
    raw = {}
    for split in ("train", "valid", "test"):
        utts = [s.split() for s in _read(d / split / "seq.in").splitlines()]
        labels = _read(d / split / "label").splitlines()
        if len(utts) != len(labels):
            raise ValueError(f"{d / split}: {len(utts)} utterances in seq.in but "
                             f"{len(labels)} lines in label")
        raw[split] = (utts, [s.strip() for s in labels])
    train_tokens = [t for u in raw["train"][0] for t in u]
    vocab = build_vocab(train_tokens, min_count=min_count, specials=(PAD, UNK))
    intents = tuple(sorted(set(raw["train"][1])))
    length = max_len or max(len(u) for u in raw["train"][0])
    lab_index = {s: i for i, s in enumerate(intents)}
    enc = encoder(vocab)

    def make(utts, labels):
        toks = np.zeros((len(utts), length), np.int32)
        lens = np.zeros(len(utts), np.int32)
        for i, u in enumerate(utts):
            ids = enc(u[:length])
            toks[i, :len(ids)], lens[i] = ids, max(len(ids), 1)
        labs = np.array([lab_index.get(s, -1) for s in labels], np.int32)
        return IntentSplit(toks, lens, labs)

    return IntentData(name, vocab, intents, make(*raw["train"]), make(*raw["valid"]),
                      make(*raw["test"]))


def lm_batches(ids: np.ndarray, batch_size: int, seq_len: int, *,
               rng: np.random.Generator | None = None,
               num_batches: int | None = None) -> Iterator[dict[str, np.ndarray]]:
    """``{"tokens", "label"}`` windows of ``seq_len`` (label = next token).

    With ``rng``: ``num_batches`` batches of random windows (training). Without:
    the stream cut into consecutive non-overlapping windows, in order, the last
    partial batch kept (evaluation covers every token once but the first).
    """
    if batch_size < 1 or seq_len < 1:
        raise ValueError(f"batch_size and seq_len must be positive, got "
                         f"{batch_size}, {seq_len}")
    if len(ids) <= seq_len:
        raise ValueError(f"stream of {len(ids)} tokens is too short for "
                         f"windows of {seq_len}")
    if rng is not None:
        for _ in range(num_batches or (len(ids) // (batch_size * seq_len))):
            s = rng.integers(0, len(ids) - seq_len, batch_size)[:, None]
            w = ids[s + np.arange(seq_len + 1)]
            yield {"tokens": w[:, :-1], "label": w[:, 1:]}
        return
    n = (len(ids) - 1) // seq_len
    x = ids[: n * seq_len].reshape(n, seq_len)
    y = ids[1: n * seq_len + 1].reshape(n, seq_len)
    for s in range(0, n, batch_size):
        yield {"tokens": x[s:s + batch_size], "label": y[s:s + batch_size]}


def intent_batches(split: IntentSplit, batch_size: int, *,
                   rng: np.random.Generator | None = None,
                   drop_remainder: bool = False) -> Iterator[dict[str, np.ndarray]]:
    """One epoch of ``{"tokens", "length", "label"}``; shuffled when ``rng`` is given."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    n = len(split)
    order = rng.permutation(n) if rng is not None else np.arange(n)
    stop = n - n % batch_size if drop_remainder else n
    for s in range(0, stop, batch_size):
        i = order[s:s + batch_size]
        yield {"tokens": split.tokens[i], "length": split.lengths[i],
               "label": split.labels[i]}
