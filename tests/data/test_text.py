"""Tests for jaxeff.data.text (synthetic files + the shared corpora if JAXEFF_DATA)."""

import os

import numpy as np
import pytest

from jaxeff.data import text

REAL = os.environ.get("JAXEFF_DATA")
needs_data = pytest.mark.skipif(
    not REAL, reason="JAXEFF_DATA not set (point it at shared/data to test real corpora)")


def _intent_tree(root, name="atis", bad=False):
    for split, rows in {"train": [("fly to boston", "flight"), ("fare to dallas", "fare"),
                                  ("fly to dallas", "flight")],
                        "valid": [("fly to boston", "flight")],
                        "test": [("fare to paris please", "fare"),
                                 ("airline name", "airline")]}.items():
        d = root / "text" / "intent" / name / split
        d.mkdir(parents=True)
        (d / "seq.in").write_text("\n".join(u for u, _ in rows) + "\n")
        labels = [lab for _, lab in rows] + (["extra"] if bad and split == "test" else [])
        (d / "label").write_text("\n".join(labels) + "\n")


def test_intent_synthetic(tmp_path):
    _intent_tree(tmp_path)
    d = text.load_intent("atis", tmp_path)
    assert d.intents == ("fare", "flight") and d.vocab[:2] == ("<pad>", "<unk>")
    assert d.train.tokens.shape == (3, 3) and list(d.train.lengths) == [3, 3, 3]
    assert d.test.tokens.shape == (2, 3)  # cut to the longest train utterance
    assert list(d.test.labels) == [0, -1]  # unseen test intent -> -1
    assert d.test.tokens[0, 2] == d.vocab.index("<unk>")  # "paris" unseen
    assert d.test.tokens[1, 2] == 0  # padding
    batches = list(text.intent_batches(d.train, 2, rng=np.random.default_rng(0)))
    assert [len(b["label"]) for b in batches] == [2, 1]


def test_intent_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown intent"):
        text.load_intent("imdb", tmp_path)
    with pytest.raises(FileNotFoundError, match="seq.in"):
        text.load_intent("snips", tmp_path)
    _intent_tree(tmp_path, bad=True)
    with pytest.raises(ValueError, match="2 utterances in seq.in but 3 lines"):
        text.load_intent("atis", tmp_path)


def test_ptb_format_and_lm_batches(tmp_path):
    (tmp_path / "a.txt").write_text(" the cat sat \n the dog \n" * 5)
    (tmp_path / "b.txt").write_text(" the bird \n")
    c = text.load_ptb_format(tmp_path / "a.txt", tmp_path / "b.txt", val_fraction=0.2)
    assert c.vocab[:2] == ("<eos>", "<unk>")
    assert len(c.train) + len(c.val) == 35
    assert [c.vocab[i] for i in c.test] == ["the", "<unk>", "<eos>"]
    ev = list(text.lm_batches(c.train, 2, 4))
    assert sum(b["tokens"].shape[0] for b in ev) == (len(c.train) - 1) // 4
    np.testing.assert_array_equal(ev[0]["tokens"][0, 1:], ev[0]["label"][0, :-1])
    tr = list(text.lm_batches(c.train, 3, 4, rng=np.random.default_rng(0), num_batches=2))
    assert len(tr) == 2 and tr[0]["tokens"].shape == (3, 4)
    with pytest.raises(ValueError, match="too short"):
        next(text.lm_batches(c.test, 1, 8))
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ValueError, match="not UTF-8"):
        text.load_ptb_format(tmp_path / "bad.txt", tmp_path / "b.txt")


def test_missing_data_dir(monkeypatch):
    monkeypatch.delenv("JAXEFF_DATA", raising=False)
    with pytest.raises(FileNotFoundError, match="JAXEFF_DATA"):
        text.load_tinyshakespeare()
    with pytest.raises(ValueError, match="level"):
        text.load_tinyshakespeare("/", level="byte")


@needs_data
def test_real_corpora():
    c = text.load_tinyshakespeare(REAL)
    assert c.vocab_size == 65 and len(c.train) + len(c.val) + len(c.test) == 1_115_394
    w = text.load_tinyshakespeare(REAL, level="word")
    assert w.vocab[0] == "<unk>" and 3_000 < w.vocab_size < 20_000
    p = text.load_ptb(REAL)
    assert len(p.train) + len(p.val) == 73_760 and len(p.test) == 82_430
    assert p.vocab_size <= 10_000
    for name, (ntr, nte, ncls) in {"atis": (4478, 893, 21), "snips": (13084, 700, 7)}.items():
        d = text.load_intent(name, REAL)
        assert (len(d.train), len(d.test), d.num_classes) == (ntr, nte, ncls)
    assert int((text.load_intent("atis", REAL).test.labels < 0).sum()) > 0
