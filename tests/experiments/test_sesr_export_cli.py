"""``python -m experiments.sesr export`` (issue 21 item 5): the int8 ``.tflite`` of the
shipped SESR-M5, byte-identical to ``experiments.sesr_npu export`` (one library call)."""

from __future__ import annotations

import os
import pathlib

import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
DATA = pathlib.Path(os.environ.get("JAXEFF_DATA", "/nonexistent"))
pytestmark = pytest.mark.skipif(not (DATA / "sr" / "T91").is_dir(),
                                reason="needs $JAXEFF_DATA/sr/T91 for calibration")


@pytest.mark.parametrize("scale", [2, 4])
def test_sesr_export_writes_the_sesr_npu_file(tmp_path, capsys, scale):
    from experiments import sesr, sesr_npu
    from jaxeff.tflite.compare import run_litert
    from jaxeff.tflite.interpreter import read_graph

    args = ["--scale", str(scale), "--hw", "8", "12", "--calib", "2"]
    (a,) = sesr.main(["export", *args, "--out", str(tmp_path / "a")])
    (b,) = sesr_npu.main(["export", *args, "--out", str(tmp_path / "b")])
    assert pathlib.Path(a).name == f"sesr_m5_x{scale}_8x12_int8_tconv.tflite"
    assert "wrote" in capsys.readouterr().out
    buf = pathlib.Path(a).read_bytes()
    assert buf == pathlib.Path(b).read_bytes()
    g = read_graph(buf)
    assert {g.tensors[i].dtype for i in (*g.inputs, *g.outputs)} == {"int8"}
    assert "DEPTH_TO_SPACE" not in {op.type for op in g.ops}  # NPU shuffle (TCONV)
    out = run_litert(buf, [np.zeros((1, 8, 12, 1), np.int8)])[0][0]
    assert out.shape == (1, 8 * scale, 12 * scale, 1) and out.dtype == np.int8


def test_sesr_export_rejects_a_bad_scale(tmp_path):
    from experiments import sesr

    with pytest.raises(SystemExit):
        sesr.main(["export", "--scale", "3", "--out", str(tmp_path)])
