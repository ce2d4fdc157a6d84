"""Reader / writer of jaxeff.gnn.tflite (spec perfsage.md §2.1, §5.2, §5.4 1-2)."""

import jax
import numpy as np
import pytest
from ai_edge_litert import schema_py_generated as schema
from ai_edge_litert.interpreter import Interpreter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaxeff.gnn import build
from jaxeff.gnn.graph import Op, OpGraph, Tensor
from jaxeff.gnn.tflite import (
    TFLiteError,
    op_kernel,
    op_name,
    read_main,
    read_tflite,
    write_tflite,
)

from gnn_graphs import all_ops_graph, spec_graph, tflite_dir


def test_reader_parses_every_real_model():
    d = tflite_dir()
    import json

    manifest = [
        json.loads(line)
        for line in (d / "MANIFEST.jsonl").read_text().split("\n")
        if line
    ]
    assert len(manifest) == 15
    for m in manifest:
        graphs = read_tflite(d / m["file"])
        assert len(graphs) == 1, m["file"]
        g = graphs[0]
        hist: dict[str, int] = {}
        for t in g.op_types():
            hist[t] = hist.get(t, 0) + 1
        assert hist == m["op_hist"], m["file"]
        shapes = [[list(g.tensors[i].shape), g.tensors[i].dtype] for i in g.inputs]
        assert shapes == m["input"], m["file"]
        # the writer re-emits any real model; LiteRT still runs it
        g2 = read_main(write_tflite(g))
        assert g2.op_types() == g.op_types()


def test_weights_and_quantization_of_ds_cnn():
    g = read_main(tflite_dir() / "ML-examples__ds_cnn_s_quantized.tflite")
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    w = g.tensors[convs[0].inputs[1]]
    assert w.shape == (64, 10, 4, 1) and w.dtype == "int8" and w.data.dtype == np.int8
    assert w.data.shape == w.shape and w.buffer > 0
    assert w.scale.shape == (64,) and not w.zero_point.any() and w.quant_dim == 0
    assert np.abs(w.data).max() == 127  # symmetric per-channel int8 weights
    dw_op = next(op for op in g.ops if op.type == "DEPTHWISE_CONV_2D")
    dw = g.tensors[dw_op.inputs[1]]
    assert dw.shape == (1, 3, 3, 64) and dw.quant_dim == 3
    o = dw_op.options  # SAME padding, stride 1, fused RELU: enum fields as names
    assert (o["padding"], o["stride_h"], o["stride_w"]) == ("SAME", 1, 1)
    assert (o["depth_multiplier"], o["fused_activation_function"]) == (1, "RELU")
    # kernels in JAX layouts: OHWI -> HWIO, depthwise [1,KH,KW,C] -> [KH,KW,1,C]
    assert op_kernel(g, convs[0]).shape == (10, 4, 1, 64)
    np.testing.assert_array_equal(op_kernel(g, convs[0])[2, 3, 0], w.data[:, 2, 3, 0])
    assert op_kernel(g, dw_op).shape == (3, 3, 1, 64)
    np.testing.assert_array_equal(op_kernel(g, dw_op)[1, 2, 0], dw.data[0, 1, 2])
    x = g.tensors[convs[1].inputs[0]]
    assert x.data is None and x.zero_point.tolist() == [-128]


def test_op_code_rule():
    assert op_name(0, 3) == "CONV_2D"
    assert op_name(150, 127) == "GELU"
    g = OpGraph(
        [Tensor("x", (1, 4)), Tensor("y", (1, 4))], [Op("GELU", (0,), (1,))], (0,), (1,)
    )
    m = schema.ModelT.InitFromPackedBuf(write_tflite(g), 0)
    oc = m.operatorCodes[0]
    assert (oc.builtinCode, oc.deprecatedBuiltinCode) == (150, 127)
    assert read_main(write_tflite(g)).op_types() == ["GELU"]


def test_round_trip_and_file_layout():
    g = build.quantize_int8(all_ops_graph(), build.calibrate(all_ops_graph()))
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
    ref = np.asarray(build.reference(g, [x])[0])
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
        acc = build.reference(OpGraph([fx, fw, fb, fy], [op], (0,), (3,)), [x])[0]
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
    q = build.quantize_int8(g, build.calibrate(g))
    xf = np.random.default_rng(3).standard_normal(g.tensors[0].shape).astype(np.float32)
    s, z = q.tensors[0].scale[0], q.tensors[0].zero_point[0]
    xq = np.clip(np.round(xf / s) + z, -128, 127).astype(np.int8)
    out = _run(write_tflite(q), xf).astype(np.int64)
    ref = _int8_reference(q, xq)
    assert out.shape == ref.shape
    assert np.abs(out - ref).max() <= 1


def test_int8_model_close_to_float():
    g = all_ops_graph()
    q = build.quantize_int8(g, build.calibrate(g))
    x = np.random.default_rng(1).standard_normal((1, 16, 16, 3)).astype(np.float32)
    out = _run(write_tflite(q), x)
    t = q.tensors[q.outputs[0]]
    deq = (out.astype(np.float32) - t.zero_point[0]) * t.scale[0]
    ref = np.asarray(build.reference(g, [x])[0])
    assert np.abs(deq - ref).max() < 0.05 * ref.max() + 4 * t.scale[0]


def test_missing_and_bad_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_tflite(tmp_path / "nope.tflite")
    with pytest.raises(TFLiteError, match="truncated"):
        read_tflite(b"TFL")
    with pytest.raises(TFLiteError, match="file identifier"):
        read_tflite(b"\x00" * 64)


_SMALL = write_tflite(spec_graph())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(_SMALL) - 1))
def test_truncated_files_raise_clear_error(cut):
    with pytest.raises(TFLiteError):
        read_tflite(_SMALL[:cut])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(_SMALL) - 1), st.integers(1, 255)),
        min_size=1,
        max_size=8,
    )
)
def test_corrupt_files_never_crash(flips):
    buf = bytearray(_SMALL)
    for pos, x in flips:
        buf[pos] ^= x
    try:
        graphs = read_tflite(bytes(buf))
    except TFLiteError as e:
        assert str(e)
    else:  # a flip in weights / names leaves a valid model
        assert graphs and all(isinstance(g, OpGraph) for g in graphs)
