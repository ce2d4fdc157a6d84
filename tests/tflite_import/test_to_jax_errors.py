"""``to_jax`` errors: unsupported ops listed with counts before anything runs, corrupt
files, bad inputs."""

import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, TFLiteError, write_tflite
from jaxeff.tflite.interpreter import UnsupportedOpsError, to_jax


def _model(types):
    ts = [Tensor(f"t{i}", (1, 4), "float32") for i in range(len(types) + 1)]
    ops = [Op(t, (i,), (i + 1,)) for i, t in enumerate(types)]
    return write_tflite(OpGraph(ts, ops, (0,), (len(types),)))


def test_float_chain_runs():
    fn, params = to_jax(_model(["RELU", "LOGISTIC", "TANH"]))
    x = np.linspace(-2, 2, 4, dtype=np.float32)[None]
    y = np.asarray(fn(params, x)[0])
    np.testing.assert_allclose(y, np.tanh(1 / (1 + np.exp(-np.maximum(x, 0)))), rtol=1e-6)


def test_unsupported_ops_listed_with_counts():
    with pytest.raises(UnsupportedOpsError) as e:
        to_jax(_model(["ABS", "RELU", "ABS", "FLOOR", "ABS"]))
    msg = str(e.value)
    assert "ABS x3" in msg and "FLOOR x1" in msg and "4 op(s)" in msg
    assert "RELU x" not in msg


def test_corrupt_and_missing_files():
    good = _model(["RELU"])
    with pytest.raises(TFLiteError, match="truncated"):
        to_jax(good[:6])
    with pytest.raises(TFLiteError, match="not a TFLite"):
        to_jax(b"\x00" * 64)
    with pytest.raises(FileNotFoundError):
        to_jax("/nonexistent/model.tflite")


def test_bad_inputs_named():
    fn, params = to_jax(_model(["RELU"]))
    with pytest.raises(TypeError, match="must be float32"):
        fn(params, np.zeros((1, 4), np.int8))
    with pytest.raises(ValueError, match=r"shape \[batch, 4\]"):
        fn(params, np.zeros((1, 5), np.float32))
    with pytest.raises(TypeError, match="1 input"):
        fn(params)
    with pytest.raises(ValueError, match="rounding"):
        to_jax(_model(["RELU"]), rounding="nearest")
