"""Smoke test of the diffusion Winograd experiment (tiny UNet on digits)."""

import json

import pytest

from experiments import diffusion


# 1,060 s measured under load ~14 on the shared 2-core CPU (compiling the quantized
# Winograd sampler dominates): too long for the default suite
@pytest.mark.slow
def test_diffusion_smoke(tmp_path):
    cfg = diffusion.Config.smoke()
    res = diffusion.run(cfg, tmp_path / "run", progress=False)
    rows = res["rows"]
    assert list(rows) == ["FP", "W8A8", "F4-standard"]
    for name, r in rows.items():
        assert r["fid"][0] >= 0.0 and 0.0 <= r["acc"][0] <= 100.0
        assert (r["psnr"] is None) == (name == "FP")
        assert (tmp_path / "run" / "grids" / f"{name}.png").exists()
    # W8A8 stays much closer to the FP samples than the collapsing Winograd F(4,3)
    assert rows["W8A8"]["psnr"][0] > rows["F4-standard"]["psnr"][0]
    assert res["floor_fid"] >= 0.0 and res["eligible_convs"] > 0
    saved = json.loads((tmp_path / "run" / "results.json").read_text())
    assert saved["rows"]["FP"]["fid"] == list(rows["FP"]["fid"])
    assert "InstaFlow" in (tmp_path / "run" / "report.md").read_text()
