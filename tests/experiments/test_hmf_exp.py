"""Smoke test of `python -m experiments.hmf` (arXiv 2010.03193): runs, resumes, reports."""

import dataclasses
import json
import os

import pytest

from experiments import hmf

pytestmark = [pytest.mark.usefixtures("rbg_keys"),
              pytest.mark.skipif(not os.environ.get("JAXEFF_DATA"),
                                 reason="JAXEFF_DATA not set (needs shared/data/text)")]


@pytest.mark.slow  # CI budget (session 35): ~59 s on 2 cores; the HMF layers, costs and
# compression are pinned by tests/nets/test_rnn.py and tests/ops/test_lowrank.py
def test_hmf_smoke_and_resume(tmp_path):
    wd = tmp_path / "run"
    res = hmf.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    cells = {(r["task"], r["kind"]): r for r in res["cells"]}
    assert len(cells) == 8  # 2 tasks x (dense + lmf, hmf, prune at 4x)
    assert cells[("shakespeare", "dense")]["test"] > 1.0  # perplexity
    assert 0.0 <= cells[("atis", "hmf")]["test"] <= 100.0  # accuracy %
    for task in ("shakespeare", "atis"):
        dense = cells[(task, "dense")]["weights"]
        for kind in ("lmf", "hmf", "prune"):
            assert cells[(task, kind)]["weights"] <= dense / 4
        assert cells[(task, "prune")]["index"] > 0
    assert res["claims"]["comparisons"] == 2
    for name in ("results.json", "report.md", "quality_vs_compression.png"):
        assert (wd / name).exists(), name
    assert "## atis" in (wd / "report.md").read_text()
    # rerun: every cell is read back, nothing is retrained
    stamp = {p.name: p.stat().st_mtime_ns for p in (wd / "cells").iterdir()}
    again = hmf.run(hmf.Config.smoke(), wd, progress=False)
    assert again["cells"] == res["cells"]
    assert stamp == {p.name: p.stat().st_mtime_ns for p in (wd / "cells").iterdir()}
    assert json.loads((wd / "results.json").read_text())["init"] == "scratch"


def test_hmf_flags():
    cfg, wd, _ = hmf.parse(["--tasks", "snips", "--kinds", "hmf", "lmf", "--factors",
                            "8", "--init", "svd", "--cell", "gru", "--dense-frac", "0.25"])
    assert cfg.tasks == ("snips",) and cfg.kinds == ("hmf", "lmf")
    assert cfg.factors == (8.0,) and cfg.init == "svd" and "gru_svd" in wd
    assert cfg.dense_frac == 0.25
    with pytest.raises(ValueError, match="init"):
        hmf.Config(init="random")


@pytest.mark.slow  # CI budget: ~18 s on 2 cores; the HMF smoke stays
def test_hmf_svd_finetune(tmp_path):
    cfg = dataclasses.replace(hmf.Config.smoke(), tasks=("atis",), kinds=("hmf", "prune"),
                              init="svd")
    res = hmf.run(cfg, tmp_path / "svd", progress=False)
    cells = {r["kind"]: r for r in res["cells"]}
    assert set(cells) == {"dense", "hmf", "prune"}
    assert cells["prune"]["weights"] == cells["dense"]["weights"] // 4
    assert (tmp_path / "svd" / "cells" / "atis_dense.msgpack").exists()
