"""``to_jax`` keeps integer constants other than biases (shapes, axes) on the host, so
shape computations fold statically and ``jax.jit(fn)`` compiles (the docstring of
``jaxeff.tflite.interpreter._shape_like``); float weights and int32 biases are
device parameters. Written for a mutation-testing survivor of issue 26 (2026-12-03)."""

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, write_tflite
from jaxeff.tflite.interpreter import to_jax


def test_reshape_shape_stays_on_host_and_jit_compiles():
    ts = [Tensor("x", (1, 6), "float32"),
          Tensor("shape", (3,), "int32", data=np.array([1, 3, 2], np.int32)),
          Tensor("y", (1, 3, 2), "float32"),
          Tensor("z", (1, 3, 2), "float32")]
    ops = [Op("RESHAPE", (0, 1), (2,)), Op("RELU", (2,), (3,))]
    fn, params = to_jax(write_tflite(OpGraph(ts, ops, (0,), (3,))))
    assert params == {}  # the int32 shape is not a traced parameter
    x = np.array([[-1, 2, -3, 4, -5, 6]], np.float32)
    y = np.asarray(jax.jit(fn)(params, x)[0])
    np.testing.assert_array_equal(y, np.maximum(x, 0).reshape(1, 3, 2))


def test_float_weights_and_bias_are_device_parameters():
    w = np.arange(8, dtype=np.float32).reshape(2, 4) / 8
    b = np.array([0.5, -0.5], np.float32)
    ts = [Tensor("x", (1, 4), "float32"), Tensor("w", (2, 4), "float32", data=w),
          Tensor("b", (2,), "float32", data=b), Tensor("y", (1, 2), "float32")]
    fn, params = to_jax(write_tflite(OpGraph(ts, [Op("FULLY_CONNECTED", (0, 1, 2), (3,))],
                                             (0,), (3,))))
    assert sorted(params) == ["t1", "t2"]
    x = np.array([[1.0, -2.0, 3.0, 0.5]], np.float32)
    np.testing.assert_allclose(jax.jit(fn)(params, x)[0], x @ w.T + b, rtol=1e-6)


def test_integer_constants_of_a_computed_shape_stay_on_host():
    # the RESHAPE shape is computed (PACK of int32 constants, a non-static slot): the
    # constants must stay NumPy values for the shape to fold under jit
    ts = [Tensor("x", (1, 6), "float32")]
    ts += [Tensor(f"d{i}", (), "int32", data=np.array(v, np.int32))
           for i, v in enumerate((1, 2, 3))]
    ts += [Tensor("shape", (3,), "int32"), Tensor("y", (1, 2, 3), "float32")]
    ops = [Op("PACK", (1, 2, 3), (4,), {"values_count": 3, "axis": 0}),
           Op("RESHAPE", (0, 4), (5,))]
    fn, params = to_jax(write_tflite(OpGraph(ts, ops, (0,), (5,))))
    assert params == {}
    x = np.arange(6, dtype=np.float32)[None]
    np.testing.assert_array_equal(jax.jit(fn)(params, x)[0], x.reshape(1, 2, 3))


def test_wrong_input_count_lists_the_input_names():
    ts = [Tensor("image", (1, 4), "float32"), Tensor("y", (1, 4), "float32")]
    fn, params = to_jax(write_tflite(OpGraph(ts, [Op("RELU", (0,), (1,))], (0,), (1,))))
    with pytest.raises(TypeError, match=r"takes 1 input\(s\) \['image'\], got 0"):
        fn(params)
