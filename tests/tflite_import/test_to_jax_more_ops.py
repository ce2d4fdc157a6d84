"""The remaining common ops of issue 16 (DIV, LEAKY_RELU, BATCH_MATMUL, TRANSPOSE_CONV,
SLICE, GATHER, ARG_MAX, CAST, RESIZE_BILINEAR, RESIZE_NEAREST_NEIGHBOR) on small graphs
written with jaxeff's writer, against LiteRT BUILTIN_REF (float within 1e-5 relative,
integer outputs identical)."""

import jax
import numpy as np
import pytest

pytest.importorskip("ai_edge_litert")
from jaxeff.tflite import Op, OpGraph, Tensor, write_tflite
from jaxeff.tflite.compare import run_litert
from jaxeff.tflite.interpreter import to_jax

RNG = np.random.default_rng(0)


def _check(g, xs):
    model = write_tflite(g)
    fn, params = to_jax(model)
    ours = [np.asarray(v) for v in jax.jit(fn)(params, *xs)]
    ref, _ = run_litert(model, xs, "ref")
    for a, b in zip(ours, ref, strict=True):
        assert a.shape == b.shape and a.dtype == b.dtype, (a.shape, b.shape, a.dtype, b.dtype)
        if np.issubdtype(b.dtype, np.floating):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5 * max(np.abs(b).max(), 1))
        else:
            np.testing.assert_array_equal(a, b)


def _const(name, arr, dtype=None):
    arr = np.asarray(arr, dtype)
    return Tensor(name, arr.shape, arr.dtype.name, data=arr)


def _x(shape):
    return RNG.standard_normal(shape).astype(np.float32)


def test_div_leaky_relu_batch_matmul():
    ts = [Tensor("a", (2, 3, 4)), Tensor("b", (2, 4, 5)), _const("d", _x((1, 3, 1)) + 3),
          Tensor("q", (2, 3, 4)), Tensor("l", (2, 3, 4)), Tensor("m", (2, 3, 5)),
          Tensor("n", (2, 5, 3))]
    ops = [Op("DIV", (0, 2), (3,), {"fused_activation_function": "RELU6"},
              options_type="DivOptions"),
           Op("LEAKY_RELU", (0,), (4,), {"alpha": 0.2}, options_type="LeakyReluOptions"),
           Op("BATCH_MATMUL", (4, 1), (5,), {"adj_x": False, "adj_y": False},
              options_type="BatchMatMulOptions"),
           Op("BATCH_MATMUL", (1, 3), (6,), {"adj_x": True, "adj_y": True},
              options_type="BatchMatMulOptions")]
    _check(OpGraph(ts, ops, (0, 1), (3, 4, 5, 6)), [_x((2, 3, 4)) * 5, _x((2, 4, 5))])


@pytest.mark.parametrize("stride,padding,in_hw,out_hw", [(2, "SAME", 4, 8), (2, "VALID", 4, 9),
                                                         (1, "SAME", 5, 5), (3, "VALID", 3, 10)])
def test_transpose_conv(stride, padding, in_hw, out_hw):
    w = _x((6, 3, 3, 4))
    ts = [_const("shape", [1, out_hw, out_hw, 6], np.int32), _const("w", w),
          Tensor("x", (1, in_hw, in_hw, 4)), _const("b", _x((6,))),
          Tensor("y", (1, out_hw, out_hw, 6))]
    op = Op("TRANSPOSE_CONV", (0, 1, 2, 3), (4,),
            {"padding": padding, "stride_h": stride, "stride_w": stride})
    _check(OpGraph(ts, [op], (2,), (4,)), [_x((1, in_hw, in_hw, 4))])


def test_slice_gather_argmax_cast():
    ts = [Tensor("x", (2, 5, 6)), _const("begin", [0, 1, 2], np.int32),
          _const("size", [-1, 3, 2], np.int32), Tensor("s", (2, 3, 2)),
          _const("idx", [4, 0, 0, 2], np.int32), Tensor("g", (2, 4, 6)),
          _const("ax", [2], np.int32), Tensor("am", (2, 5), "int32"),
          Tensor("c", (2, 5, 6), "int32"), Tensor("c8", (2, 5), "int8")]
    ops = [Op("SLICE", (0, 1, 2), (3,), options_type="SliceOptions"),
           Op("GATHER", (0, 4), (5,), {"axis": 1}, options_type="GatherOptions"),
           Op("ARG_MAX", (0, 6), (7,), {"output_type": "INT32"}, options_type="ArgMaxOptions"),
           Op("CAST", (0,), (8,), {"in_data_type": "FLOAT32", "out_data_type": "INT32"},
              options_type="CastOptions"),
           Op("CAST", (7,), (9,), {"in_data_type": "INT32", "out_data_type": "INT8"},
              options_type="CastOptions")]
    _check(OpGraph(ts, ops, (0,), (3, 5, 7, 8, 9)), [_x((2, 5, 6)) * 4])


@pytest.mark.parametrize("align,half", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("op", ["RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"])
def test_resize(op, align, half):
    opts = "ResizeBilinearOptions" if op == "RESIZE_BILINEAR" else "ResizeNearestNeighborOptions"
    for out_hw in ((7, 10), (3, 2)):
        ts = [Tensor("x", (1, 5, 4, 3)), _const("size", out_hw, np.int32),
              Tensor("y", (1, *out_hw, 3))]
        o = Op(op, (0, 1), (2,), {"align_corners": align, "half_pixel_centers": half},
               options_type=opts)
        _check(OpGraph(ts, [o], (0,), (2,)), [_x((1, 5, 4, 3))])
