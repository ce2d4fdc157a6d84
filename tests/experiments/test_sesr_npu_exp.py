"""``python -m experiments.sesr_npu --smoke`` (issue 21 items 2-3)."""

from __future__ import annotations

import pytest

from jaxeff.tflite.vela import vela_available

pytestmark = pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")
pytest.importorskip("ai_edge_litert")


def test_sesr_npu_smoke(tmp_path, capsys):
    from experiments import sesr_npu

    res = sesr_npu.main(["--smoke", "--no-progress", "--workdir", str(tmp_path / "r")])
    out = capsys.readouterr().out
    assert "FPS" in out and "tconv" in out
    assert res["d2s"]["d2s"]["u55-128"]["cpu_ops"] == 1
    assert res["d2s"]["tconv"]["u55-128"]["cpu_ops"] == 0
    for r in res["frames"]:
        assert r["u55-128"]["cpu_ops"] == 0
        # Vela's MACs of one tile = conv weights x tile pixels + the shuffle's
        assert r["macs_tile"] <= r["u55-128"]["nn_macs"] <= 1.01 * r["macs_tile"]
        assert r["u55-128"]["fps"] == pytest.approx(
            r["u55-128"]["clock"] / (r["tiles"] * r["u55-128"]["cycles"]))
    d = res["defence"]
    assert d["M5"]["u55-128"]["pipeline_fps"] > d["fsrcnn"]["u55-128"]["pipeline_fps"]


def test_sesr_npu_export_cli(tmp_path):
    import os
    import pathlib

    from experiments import sesr_npu
    from jaxeff.tflite.compare import run_litert

    if not (pathlib.Path(os.environ.get("JAXEFF_DATA", "/nonexistent")) / "sr" / "T91").is_dir():
        pytest.skip("needs $JAXEFF_DATA/sr/T91 for calibration")
    (f,) = sesr_npu.export_main(["--scale", "2", "--out", str(tmp_path), "--hw", "8", "12",
                                 "--calib", "2"])
    out = run_litert(pathlib.Path(f).read_bytes(), [__import__("numpy").zeros(
        (1, 8, 12, 1), "int8")])[0][0]
    assert out.shape == (1, 16, 24, 1) and out.dtype.name == "int8"
