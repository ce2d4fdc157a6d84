"""Smoke test of the Winograd experiment (tiny ResNet on digits)."""

import dataclasses
import json

import pytest

from experiments import winograd


@pytest.mark.slow  # CI budget (session 35): ~60 s on 2 cores; learned > standard by SQNR
# through the public API stays in the default run (tests/test_outside_user.py)
def test_winograd_smoke_learned_beats_standard(tmp_path):
    """The smoke preset cut to the paper's two rows (default run; the whole preset,
    with the tap-wise, BQW and PAW+FSQ rows, is the slow test below)."""
    cfg = dataclasses.replace(winograd.Config.smoke(), rows=("standard", "learned"))
    res = winograd.run(cfg, tmp_path / "run", progress=False)
    rows = res["rows"]
    assert {"FP", "direct W8A8", "F(4,3) standard", "F(4,3) learned"} <= set(rows)
    assert len(rows["F(4,3) learned"]["layer_sqnr"]) == len(res["layers"]) > 0
    assert rows["F(4,3) learned"]["mean_sqnr"] > rows["F(4,3) standard"]["mean_sqnr"]
    assert json.loads((tmp_path / "run" / "results.json").read_text())["rows"].keys() \
        == rows.keys()


@pytest.mark.slow  # CI budget: ~109 s on 2 cores
def test_winograd_smoke(tmp_path):
    res = winograd.run(winograd.Config.smoke(), tmp_path / "run", progress=False)
    rows = res["rows"]
    assert {"FP", "direct W8A8", "F(4,3) standard", "F(4,3) learned",
            "F(4,3) tap-wise (baseline)"} <= set(rows)
    for r in rows.values():
        assert 0.0 <= r["top1"] <= 100.0
    assert len(rows["F(4,3) learned"]["layer_sqnr"]) == len(res["layers"]) > 0
    # learning on noise beats the standard transforms layer by layer (mean SQNR)
    assert rows["F(4,3) learned"]["mean_sqnr"] > rows["F(4,3) standard"]["mean_sqnr"]
    # the published baselines run through the injection, per layer, in the same table
    for name in ("F(4,3) BQW static (channel balancing)", "F(4,3) PAW+FSQ [U]"):
        assert len(rows[name]["layer_sqnr"]) == len(res["layers"]), name
        assert rows[name]["mean_sqnr"] > rows["F(4,3) standard"]["mean_sqnr"], name
    assert set(res["paw_loss_first_last"][4]) == set(res["layers"])
    assert (tmp_path / "run" / "cross.png").exists()
    saved = json.loads((tmp_path / "run" / "results.json").read_text())
    assert saved["rows"]["FP"]["top1"] == rows["FP"]["top1"]
