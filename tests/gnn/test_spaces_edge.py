"""Issue 22 item 2: integer LSTM, depth multiplier > 1 and QUANTIZE / DEQUANTIZE
boundaries in the training spaces (``jaxeff.gnn.spaces_edge``)."""

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import spaces
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import node_features, op_macs
from jaxeff.gnn.int8 import calibrate, quantize_int8, with_io_boundary
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.tflite import read_main, write_tflite
from jaxeff.tflite.vela import vela_available


def _lstm_graph(t=28, f=28, h=20):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, t, f))
    y = b.reshape(b.lstm(x, h), (1, t * h))
    g = b.finish([b.softmax(b.fc(y, 10))])
    return g, quantize_int8(g, calibrate(g, samples=1))


@pytest.fixture(scope="module")
def lstm():
    return _lstm_graph()


def test_lstm_macs_are_the_gate_fcs(lstm):
    g, _ = lstm
    # 28 steps x 4 gates x 20 units x (28 inputs + 20 recurrent)
    assert op_macs(g, g.ops[0]) == 28 * 4 * 20 * (28 + 20) == 107_520


def test_int8_lstm_layout_and_litert_runs(lstm):
    _, q = lstm
    op = q.ops[0]
    t = q.tensors
    assert len(op.inputs) == 24 and len(op.intermediates) == 5
    assert [op.inputs[i] for i in (9, 10, 11, 16, 17, 20, 21, 22, 23)] == [-1] * 9
    s_in = float(t[op.inputs[0]].scale[0])
    for gate in range(4):  # bias scale = s_in * s_w of the gate's input weights, exact
        w, b = t[op.inputs[1 + gate]], t[op.inputs[12 + gate]]
        assert w.dtype == "int8" and b.dtype == "int32"
        assert b.scale[0] == np.float32(s_in * float(w.scale[0]))
        assert np.abs(w.data).max() == 127
    out, cell = t[op.inputs[18]], t[op.inputs[19]]
    assert out.is_variable and cell.is_variable
    assert cell.dtype == "int16" and cell.scale[0] == 2.0**-12
    assert out.scale[0] == t[op.outputs[0]].scale[0]
    buf = write_tflite(q)
    assert read_main(buf).ops[0].intermediates == op.intermediates
    it = Interpreter(model_content=buf, num_threads=1)
    it.allocate_tensors()
    it.invoke()
    assert it.get_output_details()[0]["dtype"] == np.int8


@pytest.mark.parametrize("din, dout", [("uint8", "float32"), ("float32", "uint8")])
def test_io_boundary_ops_and_quantization(lstm, din, dout):
    _, q = lstm
    b = with_io_boundary(q, din, dout)
    assert b.op_types() == ["QUANTIZE"] + q.op_types() + [
        "QUANTIZE" if dout == "uint8" else "DEQUANTIZE"]
    tin, tout = b.tensors[b.inputs[0]], b.tensors[b.outputs[0]]
    assert (tin.dtype, tout.dtype) == (din, dout)
    u8 = tin if din == "uint8" else tout
    i8 = q.tensors[q.inputs[0] if din == "uint8" else q.outputs[0]]
    assert u8.scale[0] == i8.scale[0] and u8.zero_point[0] == i8.zero_point[0] + 128
    it = Interpreter(model_content=write_tflite(b), num_threads=1)
    it.allocate_tensors()
    it.invoke()
    x, cat, _ = node_features(b)  # uint8 / float32 now reach the dtype one-hot
    assert x.shape[0] == len(cat)
    with pytest.raises(ValueError, match="boundary dtype"):
        with_io_boundary(q, "int16")


def test_raw_uint8_input_rescales(lstm):
    _, q = lstm
    b = with_io_boundary(q, "uint8", "int8", in_scale=1.0)
    t = b.tensors[b.inputs[0]]
    assert t.scale[0] == 1.0 and t.zero_point[0] == 0


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_lstm_and_uint8_quantize_to_the_npu(lstm):
    _, q = lstm
    b = with_io_boundary(q, "uint8", "uint8", in_scale=1.0)
    v = run_vela(write_tflite(b), "u55")
    assert v.cpu_ops == 0
    c = per_op_cycles(b, v.per_layer, v.original_ops)
    assert c.sum() == v.cycles
    k = b.op_types().index("UNIDIRECTIONAL_SEQUENCE_LSTM")
    assert c[k] > 0.8 * v.cycles  # the unrolled cell dominates
    assert c[0] > 0  # the rescaling QUANTIZE runs on the NPU


def test_edge_space_is_seeded_and_has_its_structures():
    a = spaces.sample("edge", np.random.default_rng(5))
    b = spaces.sample("edge", np.random.default_rng(5))
    assert write_tflite(a.graph) == write_tflite(b.graph)
    kinds, ops = set(), set()
    rng = np.random.default_rng(0)
    for _ in range(12):
        s = spaces.sample("edge", rng)
        kinds.add(s.meta["kind"])
        ops |= set(s.graph.op_types())
        dw = [o for o in s.graph.ops if o.type == "DEPTHWISE_CONV_2D"]
        if s.meta["kind"] == "dwmult":
            assert dw[0].options["depth_multiplier"] == s.meta["mult"] > 1
    assert kinds == {"lstm", "dwmult"}
    assert {"UNIDIRECTIONAL_SEQUENCE_LSTM", "QUANTIZE", "DEQUANTIZE"} <= ops
