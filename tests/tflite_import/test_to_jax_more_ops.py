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
from jaxeff.tflite.interpreter import UnsupportedOpsError, to_jax

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


def test_previously_unverified_float_ops():
    """SUB, CONCATENATION, PAD, PADV2, SQUEEZE, EXPAND_DIMS, SPACE_TO_DEPTH, RSQRT, SUM,
    LOG_SOFTMAX, PRELU, MAXIMUM, MINIMUM against LiteRT (options written explicitly)."""
    ts = [Tensor("a", (1, 4, 4, 2)), Tensor("b", (1, 4, 4, 2)),
          Tensor("sub", (1, 4, 4, 2)), Tensor("cat", (1, 4, 4, 4)),
          _const("pads", [[0, 0], [1, 0], [0, 2], [0, 0]], np.int32), Tensor("pad", (1, 5, 6, 4)),
          _const("val", [0.5], np.float32), Tensor("pad2", (1, 5, 6, 4)),
          Tensor("s2d", (1, 2, 2, 8)), Tensor("rs", (1, 2, 2, 8)),
          _const("axes", [1, 2], np.int32), Tensor("sum", (1, 1, 1, 8)),
          Tensor("sq", (1, 8)), _const("ax0", [1], np.int32), Tensor("ex", (1, 1, 8)),
          Tensor("ls", (1, 1, 8)), _const("alpha", _x((1, 1, 2)) * 0.3),
          Tensor("pr", (1, 4, 4, 2)), Tensor("mx", (1, 4, 4, 2)), Tensor("mn", (1, 4, 4, 2))]
    ix = {t.name: i for i, t in enumerate(ts)}

    def op(kind, ins, outs, opts=None, ot=None):
        return Op(kind, tuple(ix[n] for n in ins), tuple(ix[n] for n in outs), opts or {},
                  options_type=ot)

    ops = [op("SUB", ["a", "b"], ["sub"], {"fused_activation_function": "NONE"}),
           op("CONCATENATION", ["a", "sub"], ["cat"], {"axis": 3}),
           op("PAD", ["cat", "pads"], ["pad"]),
           op("PADV2", ["cat", "pads", "val"], ["pad2"], ot="PadV2Options"),
           op("SPACE_TO_DEPTH", ["sub"], ["s2d"], {"block_size": 2}, "SpaceToDepthOptions"),
           op("MUL", ["s2d", "s2d"], ["rs"], {"fused_activation_function": "NONE"}),
           op("SUM", ["rs", "axes"], ["sum"], {"keep_dims": True}, "ReducerOptions"),
           op("SQUEEZE", ["sum"], ["sq"], {"squeeze_dims": [1, 2]}, "SqueezeOptions"),
           op("EXPAND_DIMS", ["sq", "ax0"], ["ex"], ot="ExpandDimsOptions"),
           op("LOG_SOFTMAX", ["ex"], ["ls"], ot="LogSoftmaxOptions"),
           op("PRELU", ["a", "alpha"], ["pr"]),
           op("MAXIMUM", ["a", "b"], ["mx"], ot="MaximumMinimumOptions"),
           op("MINIMUM", ["a", "b"], ["mn"], ot="MaximumMinimumOptions")]
    outs = ("pad", "pad2", "sum", "ls", "pr", "mx", "mn")
    g = OpGraph(ts, ops, (0, 1), tuple(ix[n] for n in outs))
    _check(g, [_x((1, 4, 4, 2)), _x((1, 4, 4, 2))])
    g2 = OpGraph([Tensor("x", (1, 6)), Tensor("y", (1, 6))], [Op("RSQRT", (0,), (1,))],
                 (0,), (1,))
    _check(g2, [np.abs(_x((1, 6))) + 0.1])


def test_int8_data_movement_ops():
    """int8 SPACE_TO_DEPTH, DEPTH_TO_SPACE, PAD (fills the zero point), CONCATENATION,
    SLICE, GATHER, RESIZE_NEAREST_NEIGHBOR, TRANSPOSE with one shared quantization:
    identical to LiteRT."""
    def q(name, shape, data=None):
        return Tensor(name, shape, "int8", data=data, scale=np.array([0.05], np.float32),
                      zero_point=np.array([3]))

    ts = [q("x", (1, 4, 4, 2)), q("s2d", (1, 2, 2, 8)), q("d2s", (1, 4, 4, 2)),
          _const("pads", [[0, 0], [1, 1], [0, 1], [0, 0]], np.int32), q("pad", (1, 6, 5, 2)),
          q("cat", (1, 6, 5, 4)), _const("b", [0, 1, 0, 1], np.int32),
          _const("n", [1, 4, 4, 2], np.int32), q("sl", (1, 4, 4, 2)),
          _const("gi", [3, 0, 2], np.int32), q("ga", (1, 4, 3, 2)),
          _const("hw", [7, 5], np.int32), q("rs", (1, 7, 5, 2)),
          _const("perm", [0, 3, 1, 2], np.int32), q("tr", (1, 2, 7, 5))]
    ops = [Op("SPACE_TO_DEPTH", (0,), (1,), {"block_size": 2}, options_type="SpaceToDepthOptions"),
           Op("DEPTH_TO_SPACE", (1,), (2,), {"block_size": 2}),
           Op("PAD", (2, 3), (4,)),
           Op("CONCATENATION", (4, 4), (5,), {"axis": 3}),
           Op("SLICE", (5, 6, 7), (8,), options_type="SliceOptions"),
           Op("GATHER", (8, 9), (10,), {"axis": 2}, options_type="GatherOptions"),
           Op("RESIZE_NEAREST_NEIGHBOR", (10, 11), (12,), {"half_pixel_centers": True},
              options_type="ResizeNearestNeighborOptions"),
           Op("TRANSPOSE", (12, 13), (14,), options_type="TransposeOptions")]
    x = RNG.integers(-128, 128, (1, 4, 4, 2)).astype(np.int8)
    _check(OpGraph(ts, ops, (0,), (14,)), [x])


@pytest.mark.parametrize("stride,padding,in_hw,out_hw", [(2, "SAME", 4, 8), (3, "VALID", 3, 10)])
def test_int8_transpose_conv(stride, padding, in_hw, out_hw):
    """Per-channel int8 TRANSPOSE_CONV with bias and RELU: identical to LiteRT."""
    w = RNG.integers(-127, 128, (6, 3, 3, 4)).astype(np.int8)
    ws = (RNG.uniform(0.005, 0.02, 6)).astype(np.float32)
    ts = [_const("shape", [1, out_hw, out_hw, 6], np.int32),
          Tensor("w", w.shape, "int8", data=w, scale=ws, zero_point=np.zeros(6, np.int64)),
          Tensor("x", (1, in_hw, in_hw, 4), "int8", scale=np.array([0.04], np.float32),
                 zero_point=np.array([-5])),
          Tensor("b", (6,), "int32", data=RNG.integers(-2000, 2000, 6).astype(np.int32),
                 scale=(ws * np.float32(0.04)).astype(np.float32), zero_point=np.zeros(6, np.int64)),
          Tensor("y", (1, out_hw, out_hw, 6), "int8", scale=np.array([0.3], np.float32),
                 zero_point=np.array([-20]))]
    op = Op("TRANSPOSE_CONV", (0, 1, 2, 3), (4,),
            {"padding": padding, "stride_h": stride, "stride_w": stride,
             "fused_activation_function": "RELU"})
    x = RNG.integers(-128, 128, (1, in_hw, in_hw, 4)).astype(np.int8)
    _check(OpGraph(ts, [op], (2,), (4,)), [x])


@pytest.mark.parametrize("dt", ["int8", "uint8"])
def test_quantized_leaky_relu_maximum_minimum(dt):
    """int8/uint8 LEAKY_RELU (rescaled), MAXIMUM / MINIMUM (shared quantization):
    identical to LiteRT."""
    zp = 3 if dt == "int8" else 128

    def q(name, shape, s=0.05, z=zp):
        return Tensor(name, shape, dt, scale=np.array([s], np.float32), zero_point=np.array([z]))

    ts = [q("a", (4, 64)), q("b", (4, 64)), q("lr", (4, 64), 0.031, zp - 7),
          q("mx", (4, 64)), q("mn", (4, 64))]
    ops = [Op("LEAKY_RELU", (0,), (2,), {"alpha": 0.3}, options_type="LeakyReluOptions"),
           Op("MAXIMUM", (0, 1), (3,), options_type="MaximumMinimumOptions"),
           Op("MINIMUM", (0, 1), (4,), options_type="MaximumMinimumOptions")]
    info = np.iinfo(dt)
    xs = [RNG.integers(info.min, int(info.max) + 1, (4, 64)).astype(dt) for _ in range(2)]
    _check(OpGraph(ts, ops, (0, 1), (2, 3, 4)), xs)


@pytest.mark.parametrize("adj", [(False, False), (True, True)])
def test_int8_batch_matmul(adj):
    def q(name, shape, s, z):
        return Tensor(name, shape, "int8", scale=np.array([s], np.float32), zero_point=np.array([z]))

    sa = (2, 16, 24) if not adj[0] else (2, 24, 16)
    sb = (2, 24, 12) if not adj[1] else (2, 12, 24)
    ts = [q("a", sa, 0.05, 4), q("b", sb, 0.02, -7), q("y", (2, 16, 12), 0.4, 9)]
    op = Op("BATCH_MATMUL", (0, 1), (2,), {"adj_x": adj[0], "adj_y": adj[1]},
            options_type="BatchMatMulOptions")
    xs = [RNG.integers(-128, 128, sa).astype(np.int8), RNG.integers(-128, 128, sb).astype(np.int8)]
    _check(OpGraph(ts, [op], (0, 1), (2,)), xs)


@pytest.mark.parametrize("dt", ["int8"])
@pytest.mark.parametrize("align,half", [(False, False), (True, False), (False, True)])
def test_quantized_resize_bilinear(dt, align, half):
    info = np.iinfo(dt)
    for out_hw in ((7, 10), (3, 2)):
        ts = [Tensor("x", (1, 5, 4, 3), dt, scale=np.array([0.1], np.float32),
                     zero_point=np.array([1])),
              _const("size", out_hw, np.int32),
              Tensor("y", (1, *out_hw, 3), dt, scale=np.array([0.1], np.float32),
                     zero_point=np.array([1]))]
        o = Op("RESIZE_BILINEAR", (0, 1), (2,), {"align_corners": align, "half_pixel_centers": half},
               options_type="ResizeBilinearOptions")
        x = RNG.integers(info.min, int(info.max) + 1, (1, 5, 4, 3)).astype(dt)
        _check(OpGraph(ts, [o], (0,), (2,)), [x])


def test_uint8_resize_bilinear_listed():
    q = {"scale": np.array([0.1], np.float32), "zero_point": np.array([1])}
    g = OpGraph([Tensor("x", (1, 5, 4, 3), "uint8", **q), _const("size", (7, 10), np.int32),
                 Tensor("y", (1, 7, 10, 3), "uint8", **q)],
                [Op("RESIZE_BILINEAR", (0, 1), (2,), options_type="ResizeBilinearOptions")],
                (0,), (2,))
    with pytest.raises(UnsupportedOpsError, match=r"RESIZE_BILINEAR \(dtype uint8"):
        to_jax(write_tflite(g))
