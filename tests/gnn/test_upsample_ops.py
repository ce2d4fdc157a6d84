"""Issue 22: TRANSPOSE_CONV and RESIZE_* in the PerfSAGE graph builder, the full-int8
writer and the feature extractor (``jaxeff.gnn.build`` / ``int8`` / ``graph``)."""

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import FEATURE_COLUMNS, node_features, op_macs
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.reference import reference
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available

X = np.random.default_rng(1).standard_normal((1, 6, 5, 3)).astype(np.float32)


def _run(g, x):
    it = Interpreter(model_content=write_tflite(g), num_threads=1)
    it.allocate_tensors()
    it.set_tensor(it.get_input_details()[0]["index"], x)
    it.invoke()
    return it.get_tensor(it.get_output_details()[0]["index"])


def _tconv_graph(k=3, s=2, padding="SAME", act="NONE"):
    b = NetBuilder(np.random.default_rng(0))
    y = b.transpose_conv(b.input(X.shape), 4, k, s, act, padding)
    g = b.finish([y])
    return g, quantize_int8(g, calibrate(g, inputs=[[X]]))


def _np_tconv(x, w, out_hw, s, pad):
    """TFLite TRANSPOSE_CONV by its definition: input pixel (i, j) adds
    ``x[i, j] . w[:, ky, kx, :]`` at output (i s - pad + ky, j s - pad + kx)."""
    _, h, wd, _ = x.shape
    co, kh, kw, _ = w.shape
    full = np.zeros(((h - 1) * s + kh + out_hw[0], (wd - 1) * s + kw + out_hw[1], co))
    for ky in range(kh):
        for kx in range(kw):
            full[ky:ky + (h - 1) * s + 1:s, kx:kx + (wd - 1) * s + 1:s] += (
                x[0] @ w[:, ky, kx, :].T)
    return full[pad[0]:pad[0] + out_hw[0], pad[1]:pad[1] + out_hw[1]]


def test_transpose_conv_macs_shapes_and_vela_count():
    g, _ = _tconv_graph()
    op = g.ops[0]
    assert [g.tensors[i].shape for i in op.inputs] == [(4,), (4, 3, 3, 3), X.shape, (4,)]
    assert g.tensors[op.outputs[0]].shape == (1, 12, 10, 4)
    # H_i W_i C_i K_h K_w C_o (spec §3.1): 6 * 5 * 3 * 3 * 3 * 4
    assert op_macs(g, op) == 3240
    gv, _ = _tconv_graph(padding="VALID")  # s H + max(K - s, 0)
    assert gv.tensors[gv.ops[0].outputs[0]].shape == (1, 13, 11, 4)
    x, _, _ = node_features(g)
    col = {c: i for i, c in enumerate(FEATURE_COLUMNS)}
    assert x[0, col["c_in"]] == 3  # the input's depth, not the output_shape vector
    assert (x[0, col["kernel_h"]], x[0, col["kernel_w"]]) == (3, 3)
    assert x[0, col["log_macs"]] == pytest.approx(np.log1p(3240))


@pytest.mark.parametrize("k, s, padding, act", [(3, 2, "SAME", "RELU"),
                                                (2, 2, "SAME", "NONE"),
                                                (3, 2, "VALID", "NONE")])
def test_transpose_conv_float_and_int8_match_numpy(k, s, padding, act):
    g, q = _tconv_graph(k, s, padding, act)
    op = g.ops[0]
    out_hw = g.tensors[op.outputs[0]].shape[1:3]
    pad = [0, 0] if padding == "VALID" else [
        max((-(-n // s) - 1) * s + k - n, 0) // 2 for n in out_hw]
    w, bias = g.tensors[op.inputs[1]].data, g.tensors[op.inputs[3]].data
    ref = _np_tconv(X.astype(np.float64), w, out_hw, s, pad) + bias
    ref = np.maximum(ref, 0) if act == "RELU" else ref
    np.testing.assert_allclose(_run(g, X)[0], ref, atol=1e-5)
    np.testing.assert_allclose(np.asarray(reference(g, [X])[0])[0], ref, atol=1e-5)
    # int8: exact integer sums, then the per-channel requantization (LiteRT uses a
    # fixed-point multiplier: within one output code of the float rescale)
    t = q.tensors
    tx, tw, tb, to = (t[i] for i in (op.inputs[2], op.inputs[1], op.inputs[3], op.outputs[0]))
    assert tw.dtype == "int8" and tw.quant_dim == 0 and tb.dtype == "int32"
    sx, zx = float(tx.scale[0]), int(tx.zero_point[0])
    xq = np.clip(np.round(X / sx) + zx, -128, 127).astype(np.int8)
    acc = _np_tconv(xq.astype(np.int64) - zx, tw.data.astype(np.int64), out_hw, s, pad)
    acc = acc + tb.data
    m = sx * tw.scale.astype(np.float64) / float(to.scale[0])
    lo = to.zero_point[0] if act == "RELU" else -128
    want = np.clip(np.round(acc * m) + to.zero_point[0], lo, 127)
    got = _run(q, xq)[0].astype(np.int64)
    assert np.abs(got - want).max() <= 1
    assert np.mean(got == want) > 0.9


@pytest.mark.parametrize("kind, half", [("nearest", False), ("nearest", True),
                                        ("bilinear", False), ("bilinear", True)])
def test_resize_reference_litert_and_int8(kind, half):
    b = NetBuilder(np.random.default_rng(0))
    y = b.resize(b.input(X.shape), (12, 10), kind, half_pixel_centers=half)
    g = b.finish([y])
    f = _run(g, X)
    np.testing.assert_allclose(np.asarray(reference(g, [X])[0]), f, atol=1e-6)
    if kind == "nearest" and not half:  # exact x2 repeat
        np.testing.assert_array_equal(f, X.repeat(2, 1).repeat(2, 2))
    q = quantize_int8(g, calibrate(g, inputs=[[X]]))
    ti, to = q.tensors[q.inputs[0]], q.tensors[q.outputs[0]]
    assert (ti.scale[0], ti.zero_point[0]) == (to.scale[0], to.zero_point[0])
    xq = np.clip(np.round(X / ti.scale[0]) + ti.zero_point[0], -128, 127).astype(np.int8)
    got = _run(q, xq).astype(np.int64)
    want = np.asarray(reference(g, [xq.astype(np.float64)])[0])  # on the codes
    assert np.abs(got - want).max() <= (0 if kind == "nearest" else 1)
    with pytest.raises(ValueError, match="resize kind"):
        b.resize(0, (2, 2), "cubic")


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_transpose_conv_and_resize_to_the_npu():
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input(X.shape), 8, 3, 1, "RELU")
    x = b.transpose_conv(x, 4, 3, 2, "RELU")
    x = b.resize(x, (24, 20), "nearest")
    g = b.finish([b.resize(x, (48, 40), "bilinear", half_pixel_centers=True)])
    q = quantize_int8(g, calibrate(g, samples=1))
    v = run_vela(write_tflite(q), "u55")
    assert v.cpu_ops == 0
    assert {r[1] for r in v.per_layer} == {"NPU"}
    c = per_op_cycles(q, v.per_layer, v.original_ops)
    assert c.sum() == v.cycles and (c > 0).all()  # every op gets NPU cycles
    # Vela runs the stride-2 transpose conv as a conv over the zero-upsampled input:
    # its MAC count is H_o W_o C_o K_h K_w C_i = s^2 x ours (spec §3.1's formula)
    gt, qt = _tconv_graph()
    assert run_vela(write_tflite(qt), "u55").nn_macs == 4 * op_macs(gt, gt.ops[0])


def test_same_scale_concat_unifies_ranges_and_xnnpack_runs():
    b = NetBuilder(np.random.default_rng(0))
    x = b.input(X.shape)
    y = b.concat([b.conv(x, 4, 3, 1, "RELU"), b.conv(x, 4, 1, 1)])
    g = b.finish([b.conv(y, 2, 1)])
    r = calibrate(g, inputs=[[X]])
    cat = g.ops[2]

    def params(q):
        return {(float(q.tensors[i].scale[0]), int(q.tensors[i].zero_point[0]))
                for i in (*cat.inputs, *cat.outputs)}

    assert len(params(quantize_int8(g, r))) == 3  # default: unchanged behaviour
    q = quantize_int8(g, r, same_scale_concat=True)
    lo = min(r[i][0] for i in (*cat.inputs, *cat.outputs))
    hi = max(r[i][1] for i in (*cat.inputs, *cat.outputs))
    (s, _z), = params(q)
    assert s == pytest.approx((hi - lo) / 255, rel=1e-6)
    tin = q.tensors[q.inputs[0]]
    xq = np.clip(np.round(X / tin.scale[0]) + tin.zero_point[0], -128, 127)
    assert _run(q, xq.astype(np.int8)).shape == (1, 6, 5, 2)  # XNNPACK delegates it
