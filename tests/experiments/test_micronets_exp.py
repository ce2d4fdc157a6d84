"""Smoke test of `python -m experiments.micronets` (arXiv 2010.11267): runs, resumes, reports."""

import json
import os

import pytest

from experiments import micronets

pytestmark = [pytest.mark.usefixtures("rbg_keys"),
              pytest.mark.skipif(not os.environ.get("JAXEFF_DATA"),
                                 reason="JAXEFF_DATA not set (needs shared/data/fsdd)")]


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
