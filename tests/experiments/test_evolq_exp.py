"""Smoke tests of `python -m experiments.evolq` (CPT-V: `--algo cptv`)."""

import json

import pytest

from experiments import evolq


def test_evolq_smoke(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path / "cache"))
    wd = tmp_path / "run"
    res = evolq.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    s = res["summary"]["W4A8"]
    assert 0 <= s["ptq"][0] <= 100 and 0 <= s["evolq"][0] <= 100
    assert s["evals"] > 0 and res["runs"][0]["history"]
    # elitism per block visit: the fitness never increases
    for h in res["runs"][0]["history"]:
        assert h["f_after"] <= h["f_before"]
    assert (wd / "loss_w4_s0.png").exists()
    assert json.loads((wd / "results.json").read_text())["algo"] == "evolq"
    # a rerun of the finished run reads it back (nothing recomputed: results.json
    # untouched) and agrees
    stamp = (wd / "results.json").stat().st_mtime_ns
    again = evolq.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    assert list(again["summary"]["W4A8"]["evolq"]) == list(s["evolq"])
    assert again["runs"][0]["history"] == json.loads(json.dumps(res["runs"][0]["history"]))
    assert (wd / "results.json").stat().st_mtime_ns == stamp


def test_cptv_alias_and_flags(tmp_path, monkeypatch):
    monkeypatch.setenv("JAXEFF_CACHE", str(tmp_path / "cache"))
    cfg, wd, _ = evolq.parse(["--smoke", "--loss", "mse", "--algo", "SNES",
                              "--bits", "3", "--seeds", "1", "2"])
    assert cfg.search.loss == "mse" and cfg.search.algo == "SNES"
    assert cfg.w_bits == (3,) and cfg.seeds == (1, 2) and "SNES" in wd
    cfg2, _, _ = evolq.parse(["--smoke"], algo_default="cptv")
    assert cfg2.search.algo == "cptv"
    # algorithm names match case-insensitively (issue 25 item 7)
    for flag, name in (("snes", "SNES"), ("cma_es", "CMA_ES"), ("CPTV", "cptv"),
                       ("EvolQ", "evolq")):
        assert evolq.parse(["--smoke", "--algo", flag])[0].search.algo == name
    with pytest.raises(SystemExit):
        evolq.parse(["--smoke", "--algo", "no_such_algo"])
