"""jaxeff.tflite: the pure-Python flatbuffer reader against the real shared models."""

import json
import os
import pathlib

import numpy as np
import pytest

from jaxeff import tflite

_DATA = os.environ.get("JAXEFF_DATA")
TFL = pathlib.Path(_DATA or "/nonexistent") / "tflite"
needs_data = pytest.mark.skipif(
    not (TFL / "MANIFEST.jsonl").exists(),
    reason="JAXEFF_DATA is unset or has no tflite/MANIFEST.jsonl (shared data folder)")


@needs_data
def test_all_models_match_manifest():
    for line in (TFL / "MANIFEST.jsonl").read_text().splitlines():
        m = json.loads(line)
        model = tflite.read_model(TFL / m["file"])
        g = model.subgraphs[0]
        assert len(model.subgraphs) == 1 and model.version == 3
        assert tflite.op_histogram(model) == m["op_hist"], m["file"]
        assert [[list(g.tensors[i].shape), g.tensors[i].dtype] for i in g.inputs] == \
            m["input"], m["file"]


@needs_data
def test_weights_and_quantization_of_ds_cnn():
    g = tflite.read_model(TFL / "ML-examples__ds_cnn_s_quantized.tflite").subgraphs[0]
    convs = [op for op in g.operators if op.opcode == "CONV_2D"]
    w = g.tensors[convs[0].inputs[1]]
    assert w.shape == (64, 10, 4, 1) and w.dtype == "int8" and w.data.shape == w.shape
    assert w.quantization.scale.shape == (64,) and not w.quantization.zero_point.any()
    assert w.quantization.quantized_dimension == 0
    assert np.abs(w.data).max() == 127  # symmetric per-channel int8 weights
    dw = g.tensors[[op for op in g.operators
                    if op.opcode == "DEPTHWISE_CONV_2D"][0].inputs[1]]
    assert dw.shape == (1, 3, 3, 64) and dw.quantization.quantized_dimension == 3
    x = g.tensors[convs[1].inputs[0]]
    assert x.data is None and x.quantization.zero_point.tolist() == [-128]


def test_rejects_non_tflite(tmp_path):
    with pytest.raises(ValueError, match="TFL3"):
        tflite.read_model(b"\x00" * 64)
    with pytest.raises(FileNotFoundError):
        tflite.read_model(tmp_path / "missing.tflite")
    with pytest.raises(ValueError, match="corrupt"):
        tflite.read_model(b"\xff\xff\x00\x00TFL3" + b"\x00" * 8)
