"""Smoke test of `python -m experiments.micronets_latency` (arXiv 2010.11267 Sec. 3):
runs, fits, resumes from the per-network records."""

import json

import pytest

pytest.importorskip("ai_edge_litert")
pytest.importorskip("ethosu.vela")

from experiments import micronets_latency as ml


def test_micronets_latency_smoke_and_resume(tmp_path):
    wd = tmp_path / "run"
    res = ml.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    cfg = ml.Config.smoke()
    assert set(res["fits"]) == set(cfg.backbones)
    for b in cfg.backbones:
        for m in ml.METRICS:
            f = res["fits"][b][m]
            assert f["n"] == cfg.n and f["r2"] <= 1.0
        assert res["cpu_fallback_ops"][b] == 0
    recs = sorted((wd / "nets").iterdir())
    assert len(recs) == cfg.n * len(cfg.backbones)
    assert all("litert_ms_retest" in json.loads(p.read_text()) for p in recs)
    # the probes: a 3x3 depthwise conv costs more Vela cycles per op than a dense one
    by = {(p["kind"], p["cin"]): p for p in res["probes"]}
    dw, dense = by[("dw3x3", 32)], by[("conv3x3", 32)]
    assert dw["u55_cycles"] / dw["ops"] > dense["u55_cycles"] / dense["ops"]
    for name in ("results.json", "report.md", "latency_vs_ops.png", "records.jsonl",
                 "channel_sweep.png"):
        assert (wd / name).exists(), name
    stamp = {p.name: p.stat().st_mtime_ns for p in recs}
    again = ml.run(cfg, wd, progress=False)
    assert again["fits"] == res["fits"]
    assert stamp == {p.name: p.stat().st_mtime_ns for p in (wd / "nets").iterdir()}


def test_micronets_latency_flags():
    cfg, wd, _ = ml.parse(["--backbones", "cifar10", "--n", "7"])
    assert cfg.backbones == ("cifar10",) and cfg.n == 7 and wd.endswith("default")
    with pytest.raises(ValueError, match="backbones"):
        ml.Config(backbones=("vww",))
    with pytest.raises(ValueError, match="n must be"):
        ml.Config(n=4)
