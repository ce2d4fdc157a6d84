"""``python -m experiments.tflite_run``: op table, LiteRT agreement, timing line."""

import os
import pathlib

import pytest

pytest.importorskip("ai_edge_litert")
from experiments import tflite_run

DATA = pathlib.Path(os.environ.get("JAXEFF_DATA", "/work/shared/data")) / "tflite"


@pytest.mark.skipif(not (DATA / "tflite-micro__micro_speech_quantized.tflite").is_file(),
                    reason="shared TFLite models not available")
def test_tflite_run_prints_table_and_agreement(capsys):
    r = tflite_run.main([str(DATA / "tflite-micro__micro_speech_quantized.tflite"),
                         "--seeds", "1", "--repeats", "2"])
    out = capsys.readouterr().out
    assert "| DEPTHWISE_CONV_2D | 1 | yes |" in out
    assert "vs LiteRT BUILTIN_REF (1 seeds): 100.0 % identical, max 0 LSB" in out
    assert r["vs_ref"] == {"identical": 1.0, "max_lsb": 0}
    assert "median ms at the file's batch (1)" in out
    assert "median ms per image at batch 32: JAX jit" in out
    assert r["jax_ms_per_image_big"] > 0


def test_tflite_run_unsupported_model(capsys, tmp_path):
    from jaxeff.tflite import Op, OpGraph, Tensor, save_tflite

    g = OpGraph([Tensor("x", (1, 4)), Tensor("y", (1, 4))], [Op("ABS", (0,), (1,))],
                (0,), (1,))
    path = save_tflite(g, tmp_path / "abs.tflite")
    tflite_run.main([str(path)])
    out = capsys.readouterr().out
    assert "| ABS | 1 | no |" in out
    assert "ABS x1: op 0 ('x' -> 'y')" in out


def test_tflite_run_smoke(capsys):
    r = tflite_run.main(["--smoke"])
    out = capsys.readouterr().out
    assert "| CONV_2D | 1 | yes |" in out and "| SOFTMAX | 1 | yes |" in out
    assert r["vs_ref"] == {"identical": 1.0, "max_lsb": 0}
    assert "median ms per image at batch 4" in out
