"""NetBuilder graphs through the TFLite writer: LiteRT runs them as the JAX reference
and the int8 quantizer predict (spec perfsage.md §5.2, §5.4 tests 1-2)."""

import jax
import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import build
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.reference import reference
from jaxeff.tflite import OpGraph, Tensor, read_main, write_tflite

from gnn_graphs import all_ops_graph


def test_round_trip_and_file_layout():
    g = quantize_int8(all_ops_graph(), calibrate(all_ops_graph()))
    buf = write_tflite(g)
    assert buf[4:8] == b"TFL3"
    m = schema.ModelT.InitFromPackedBuf(buf, 0)
    assert m.version == 3 and m.buffers[0].data is None
    g2 = read_main(buf)
    assert g2.op_types() == g.op_types()
    for a, b in zip(g.ops, g2.ops, strict=True):
        assert (a.inputs, a.outputs) == (b.inputs, b.outputs)
        for k, v in a.options.items():
            assert b.options[k] == pytest.approx(v)
    for a, b in zip(g.tensors, g2.tensors, strict=True):
        assert (a.shape, a.dtype) == (b.shape, b.dtype)
        if a.data is not None:
            np.testing.assert_array_equal(np.asarray(a.data), b.data)
        if a.scale is not None:
            np.testing.assert_allclose(a.scale, b.scale)
            np.testing.assert_array_equal(a.zero_point, b.zero_point)
            assert a.quant_dim == b.quant_dim


def _run(buf: bytes, x: np.ndarray) -> np.ndarray:
    it = Interpreter(model_content=buf, num_threads=1)
    it.allocate_tensors()
    d = it.get_input_details()[0]
    if d["dtype"] == np.int8:
        s, z = d["quantization"]
        x = np.clip(np.round(x / s) + z, -128, 127).astype(np.int8)
    it.set_tensor(d["index"], x)
    it.invoke()
    return it.get_tensor(it.get_output_details()[0]["index"])


def test_float_model_matches_jax_reference():
    g = all_ops_graph()
    x = np.random.default_rng(1).standard_normal((1, 16, 16, 3)).astype(np.float32)
    out = _run(write_tflite(g), x)
    ref = np.asarray(reference(g, [x])[0])
    np.testing.assert_allclose(out, ref, atol=1e-5, rtol=0)


def _int8_reference(g: OpGraph, xq: np.ndarray) -> np.ndarray:
    """Integer conv / dwconv / FC (int32 accumulate, float requantize) in JAX x64."""
    with jax.enable_x64(True):
        import jax.numpy as jnp

        (op,) = g.ops
        tx, tw, tb, ty = (g.tensors[i] for i in (*op.inputs, op.outputs[0]))
        x = jnp.asarray(xq, jnp.float64) - tx.zero_point[0]
        w = jnp.asarray(tw.data, jnp.float64)
        fg = dict(g.tensors[0].__dict__)
        fx = Tensor(**{**fg, "dtype": "float32", "scale": None, "zero_point": None})
        fw = Tensor(tw.name, tw.shape, "float32", np.asarray(w))
        fb = Tensor(tb.name, tb.shape, "float32", np.asarray(tb.data, np.float64))
        fy = Tensor(ty.name, ty.shape)
        acc = reference(OpGraph([fx, fw, fb, fy], [op], (0,), (3,)), [x])[0]
        m = float(tx.scale[0]) * np.asarray(tw.scale, np.float64) / float(ty.scale[0])
        if op.type == "FULLY_CONNECTED":
            m = m[0]
        y = jnp.round(acc * m) + ty.zero_point[0]
        return np.asarray(jnp.clip(y, -128, 127))


@pytest.mark.parametrize("kind", ["conv", "dwconv", "fc"])
def test_int8_single_op_within_one_step(kind):
    b = build.NetBuilder(np.random.default_rng(2))
    x = b.input((1, 9, 9, 8) if kind != "fc" else (1, 32))
    y = {
        "conv": lambda: b.conv(x, 12, 3, 2),
        "dwconv": lambda: b.dwconv(x, 3, 1),
        "fc": lambda: b.fc(x, 16),
    }[kind]()
    g = b.finish([y])
    q = quantize_int8(g, calibrate(g))
    xf = np.random.default_rng(3).standard_normal(g.tensors[0].shape).astype(np.float32)
    s, z = q.tensors[0].scale[0], q.tensors[0].zero_point[0]
    xq = np.clip(np.round(xf / s) + z, -128, 127).astype(np.int8)
    out = _run(write_tflite(q), xf).astype(np.int64)
    ref = _int8_reference(q, xq)
    assert out.shape == ref.shape
    assert np.abs(out - ref).max() <= 1


def test_int8_model_close_to_float():
    g = all_ops_graph()
    q = quantize_int8(g, calibrate(g))
    x = np.random.default_rng(1).standard_normal((1, 16, 16, 3)).astype(np.float32)
    out = _run(write_tflite(q), x)
    t = q.tensors[q.outputs[0]]
    deq = (out.astype(np.float32) - t.zero_point[0]) * t.scale[0]
    ref = np.asarray(reference(g, [x])[0])
    assert np.abs(deq - ref).max() < 0.05 * ref.max() + 4 * t.scale[0]




def test_leaky_relu_writes_its_alpha(tmp_path):
    """Session 18: LEAKY_RELU carries LeakyReluOptions (without them LiteRT runs alpha
    = 0, a ReLU); the float graph matches x > 0 ? x : 0.1 x exactly in LiteRT."""
    from gnn_graphs import run_litert

    from jaxeff.tflite import save_tflite

    b = build.NetBuilder(np.random.default_rng(0))
    g = b.finish([b.leaky_relu(b.input((1, 4, 4, 8)), 0.1)])
    save_tflite(g, tmp_path / "m.tflite")
    assert read_main(tmp_path / "m.tflite").ops[0].options["alpha"] == pytest.approx(0.1)
    x = np.random.default_rng(1).standard_normal((1, 4, 4, 8)).astype(np.float32)
    np.testing.assert_array_equal(run_litert(g, x)[0], np.where(x > 0, x, np.float32(0.1) * x))
    with pytest.raises(ValueError, match="alpha"):
        b.leaky_relu(b.input((1, 2)), 1.5)


def test_dilated_conv_and_dwconv_match_litert_and_reference(tmp_path):
    """Session 21: CONV_2D / DEPTHWISE_CONV_2D carry their dilation factors (atrous
    convs of DeepLabv3 and ERFNet); SAME keeps the size, VALID shrinks by the dilated
    extent; LiteRT and the JAX reference agree."""
    from gnn_graphs import run_litert

    from jaxeff.tflite import save_tflite

    b = build.NetBuilder(np.random.default_rng(0))
    x = b.input((1, 20, 24, 8))
    y = b.conv(x, 6, (3, 1), 1, "RELU", dilation=(4, 1))
    y = b.dwconv(y, 3, 1, dilation=2)
    y = b.conv(y, 5, 3, 1, padding="VALID", dilation=3)
    assert b.shape(y) == (1, 20 - 6, 24 - 6, 5)
    g = b.finish([y])
    save_tflite(g, tmp_path / "m.tflite")
    assert [(op.options["dilation_h_factor"], op.options["dilation_w_factor"])
            for op in read_main(tmp_path / "m.tflite").ops] == [(4, 1), (2, 2), (3, 3)]
    v = np.random.default_rng(1).standard_normal((1, 20, 24, 8)).astype(np.float32)
    np.testing.assert_allclose(run_litert(g, v)[0], np.asarray(reference(g, [v])[0]),
                               atol=1e-5, rtol=0)


def test_rsqrt_float_matches_reference_and_int8_runs():
    """Session 36: a standalone RSQRT (``1 / sqrt(x)``, no options; SuperPoint's L2
    normalisation) runs in LiteRT as the JAX reference, and its full-int8 copy stays
    close to it."""
    b = build.NetBuilder(np.random.default_rng(0))
    x = b.input((1, 1, 12, 16))
    ms = b.mean(b.mul(x, x), axes=(3,), keep_dims=True)
    g = b.finish([b.mul(x, b.act(ms, "RSQRT"))])
    assert g.op_types() == ["MUL", "MEAN", "RSQRT", "MUL"]
    v = np.random.default_rng(1).standard_normal((1, 1, 12, 16)).astype(np.float32)
    ref = np.asarray(reference(g, [v])[0])
    np.testing.assert_allclose(ref, 4 * v / np.linalg.norm(v, axis=-1, keepdims=True),
                               rtol=1e-5, atol=1e-5)
    _litert_and_int8_close(g, v, ref, 0.1)


def test_elu_float_matches_reference_and_int8_runs():
    """Session 29: a standalone ELU (EEGNet's activation; no options) runs in LiteRT as
    the JAX reference's ``x > 0 ? x : exp(x) - 1``, and its full-int8 copy (calibrated
    output range, LiteRT's int8 lookup-table kernel) stays close to it."""

    b = build.NetBuilder(np.random.default_rng(0))
    y = b.act(b.conv(b.input((1, 6, 10, 4)), 8, 3), "ELU")
    g = b.finish([b.act(b.dwconv(y, (1, 3), mult=2), "ELU")])
    assert g.op_types() == ["CONV_2D", "ELU", "DEPTHWISE_CONV_2D", "ELU"]
    x = np.random.default_rng(1).standard_normal((1, 6, 10, 4)).astype(np.float32)
    ref = np.asarray(reference(g, [x])[0])
    assert ref.min() > -1 and ref.min() < -0.2  # the negative branch is exercised
    _litert_and_int8_close(g, x, ref, 0.05)


def _litert_and_int8_close(g, x, ref, tol):
    """LiteRT runs float ``g`` on ``x`` as ``ref``; its full-int8 copy (calibrated on
    ``x``) keeps the op types and stays within ``tol`` of ``ref``'s largest magnitude
    (plus 4 output steps)."""
    from gnn_graphs import run_litert

    np.testing.assert_allclose(run_litert(g, x)[0], ref, atol=1e-5, rtol=0)
    q = quantize_int8(g, calibrate(g, inputs=[[x]]))
    assert read_main(write_tflite(q)).op_types() == g.op_types()
    out = _run(write_tflite(q), x)
    t = q.tensors[q.outputs[0]]
    deq = (out.astype(np.float32) - t.zero_point[0]) * t.scale[0]
    assert np.abs(deq - ref).max() < tol * np.abs(ref).max() + 4 * t.scale[0]
