"""Smoke test of `python -m experiments.micronets` (arXiv 2010.11267): runs, resumes, reports."""

import dataclasses
import json
import os

import pytest

from experiments import micronets

pytestmark = [pytest.mark.usefixtures("rbg_keys"),
              pytest.mark.skipif(not os.environ.get("JAXEFF_DATA"),
                                 reason="JAXEFF_DATA not set (needs shared/data/fsdd)")]


@pytest.mark.slow  # CI budget (session 35): ~49 s on 2 cores; the MicroNets costs, DNAS,
# export and TFLM runs are pinned by tests/nets/test_micronets*.py and tests/search/test_dnas*.py
def test_micronets_smoke_and_resume(tmp_path):
    wd = tmp_path / "run"
    res = micronets.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    # Table 5 reproduction (spec A5)
    assert round(res["table5"]["kws_s"]["ops"] / 1e6, 2) == 16.39
    assert res["table5"]["ad_l"]["wm"] == 353_280
    cells = {r["kind"]: r for r in res["cells"]}
    assert set(cells) == {"dnas", "dscnn", "random"}
    ops_b, wm_b = micronets.BUDGETS["S"]
    for r in cells.values():
        assert r["ops"] <= ops_b and r["wm"] <= wm_b  # every network fits
        assert 0.0 <= r["test"] <= 100.0
    for name in ("results.json", "report.md", "accuracy_vs_ops.png"):
        assert (wd / name).exists(), name
    assert (wd / "cells" / "S_dnas.msgpack").exists()
    assert "## FSDD keyword spotting" in (wd / "report.md").read_text()
    # int8 deployment: every exported model kept; TFLM and LiteRT agree
    for kind in ("dnas", "dscnn", "random"):
        assert (wd / "tflite" / f"S_{kind}.tflite").exists()
        d = cells[kind]["deploy"]
        assert d["agreement"] >= 99.0
        assert d["tflm_arena"] >= d["wm_model"]
    # int8 QAT with learned ranges: TFLM runs exactly the model JAX simulates
    q = cells["dnas"]["qat"]
    assert q["tflm_jax_agreement"] >= 99.0 and q["tflm_litert_agreement"] >= 99.0
    assert (wd / "tflite" / "S_dnas_qat.tflite").exists()
    assert "## Int8 QAT" in (wd / "report.md").read_text()
    stamp = {p.name: p.stat().st_mtime_ns for p in (wd / "cells").iterdir()}
    again = micronets.run(micronets.Config.smoke(), wd, progress=False)
    assert again["cells"] == json.loads((wd / "results.json").read_text())["cells"]
    assert stamp == {p.name: p.stat().st_mtime_ns for p in (wd / "cells").iterdir()}


@pytest.mark.slow  # CI budget: ~105 s on 2 cores (session 33); the smoke-and-resume test stays
def test_micronets_parallel_budgets_equal_one_process(tmp_path):
    # two budgets in two worker processes: the same cells, bit for bit, as in one
    argv = ["--smoke", "--budgets", "S", "M", "--methods", "dnas", "dscnn",
            "--qat-epochs", "0", "--no-progress"]
    par = micronets.main(argv + ["--workdir", str(tmp_path / "par")])
    assert [(r["budget"], r["kind"]) for r in par["cells"]] == [
        ("S", "dnas"), ("S", "dscnn"), ("M", "dnas"), ("M", "dscnn")]
    assert len((tmp_path / "par" / "metrics.jsonl").read_text().splitlines()) == 4
    cfg, _, _ = micronets.parse(argv)
    micronets.run(cfg, tmp_path / "seq", progress=False, jobs=1)
    for f in sorted((tmp_path / "par" / "cells").glob("*.msgpack")):
        assert f.read_bytes() == (tmp_path / "seq" / "cells" / f.name).read_bytes(), f.name


def test_micronets_presets():
    d, _, _ = micronets.parse([])
    assert d == micronets.Config.default() and not d.held_out_speaker
    assert d.qat_methods == ("dnas",) and d.budgets == ("S", "M", "L")
    f, wd, _ = micronets.parse(["--preset", "full"])
    assert f == micronets.Config() and f.held_out_speaker == "george" and wd.endswith("full")
    assert f.qat_methods == ("dnas", "dscnn", "random")
    # the default differs from the full study only in the cells it leaves out
    assert dataclasses.replace(d, held_out_speaker="george",
                               qat_methods=f.qat_methods) == f
    assert micronets.parse(["--speaker", "george"])[0].held_out_speaker == "george"
    with pytest.raises(SystemExit):
        micronets.parse(["--speaker", "george", "--no-speaker"])
    with pytest.raises(SystemExit):
        micronets.parse(["--jobs", "0"])


def test_micronets_flags():
    cfg, wd, _ = micronets.parse(["--budgets", "L", "--dnas-epochs", "3"])
    assert cfg.budgets == ("L",) and cfg.dnas_epochs == 3 and wd.endswith("default")
    cfg, _, _ = micronets.parse(["--methods", "dnas", "--no-speaker", "--tau-decay", "0.6",
                                 "--qat-epochs", "0", "--qat-methods", "dnas"])
    assert cfg.qat_epochs == 0 and cfg.qat_methods == ("dnas",)
    assert cfg.methods == ("dnas",) and not cfg.held_out_speaker and cfg.tau_decay == 0.6
    assert cfg.penalty_mode == "target"  # the preset (chosen on validation)
    cfg, _, _ = micronets.parse(["--penalty-mode", "hinge"])
    assert cfg.penalty_mode == "hinge"
    assert micronets.Config().tau_decay ** micronets.Config().dnas_epochs == \
        pytest.approx(0.956 ** 100, rel=1e-2)  # the paper's schedule, compressed
    with pytest.raises(ValueError, match="penalty_mode"):
        micronets.Config(penalty_mode="soft")
    with pytest.raises(ValueError, match="methods"):
        micronets.Config(methods=("evolution",))
    with pytest.raises(ValueError, match="qat_methods"):
        micronets.Config(qat_methods=("evolution",))
    with pytest.raises(ValueError, match="budgets"):
        micronets.Config(budgets=("XL",))
