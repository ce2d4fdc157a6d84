"""Labels: Vela wrapper, LiteRT timing, memory planner, energy model (spec §5.1, §5.4
tests 5-6)."""

import dataclasses
import math

import numpy as np
import pytest

from jaxeff.gnn import labels
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.tflite import Op, OpGraph, Tensor
from jaxeff.tflite import TFLiteError, write_tflite
from jaxeff.tflite.litert import host_latency
from jaxeff.tflite.vela import VelaResult, vela_available

from gnn_graphs import all_ops_graph, tflite_dir

vela = pytest.mark.skipif(not vela_available(), reason="ethos-u-vela missing")


@vela
def test_vela_anchors_exact():
    d = tflite_dir()
    v = labels.run_vela(d / "ML-examples__ds_cnn_s_quantized.tflite", "u55")
    assert v.cycles == 89_884 and v.sram_kib == 21.6875 and v.nn_macs == 2_664_792
    assert v.latency_ms == pytest.approx(v.cycles / v.core_clock * 1e3, rel=1e-9)
    assert v.latency_ms == pytest.approx(0.179768)
    assert sum(r[2] for r in v.per_layer) == v.cycles
    m = labels.run_vela(d / "test_data__mobilenet_v1_0.25_128_quant.tflite", "u55")
    assert m.cycles == 671_949 and m.sram_kib == pytest.approx(128.61, abs=0.005)
    assert labels.run_vela(d / "tflite2onnx__mobilenet_v1_0.25_128.tflite").cycles == 0


@vela
def test_vela_compiles_our_int8_and_flags_cpu_ops():
    g = all_ops_graph(depth_to_space=True)
    q = quantize_int8(g, calibrate(g))
    v = labels.run_vela(write_tflite(q), "u55")
    assert v.cycles > 0 and v.cpu_ops == 1  # DEPTH_TO_SPACE stays on the CPU
    g2 = all_ops_graph(depth_to_space=False)
    v2 = labels.run_vela(write_tflite(quantize_int8(g2, calibrate(g2))), "u65")
    assert v2.cpu_ops == 0 and v2.latency_ms > 0
    with pytest.raises(TFLiteError, match="not a TFLite flatbuffer"):
        labels.run_vela(b"not a model")


def _chain(sizes):
    ts = [Tensor(f"t{i}", (n,), "int8") for i, n in enumerate(sizes)]
    ops = [Op("RELU", (i,), (i + 1,)) for i in range(len(sizes) - 1)]
    return OpGraph(ts, ops, (0,), (len(sizes) - 1,))


def test_planner_exact_on_hand_examples():
    # chain a(32) -> b(64) -> c(16): op0 holds a,b = 96; op1 holds b,c = 80
    m = labels.memory_plan(_chain([32, 64, 16]))
    assert m["peak_bytes"] == 96 and m["arena_bytes"] == 96 and m["weight_bytes"] == 0
    # sizes aligned to 16: 10 -> 16, 20 -> 32
    assert labels.memory_plan(_chain([10, 20]))["peak_bytes"] == 48
    # diamond: x feeds op0 and op2 (x lives to op2)
    ts = [
        Tensor("x", (64,), "int8"),
        Tensor("a", (32,), "int8"),
        Tensor("b", (32,), "int8"),
        Tensor("y", (16,), "int8"),
        Tensor("w", (4,), "int8", np.ones(4, np.int8)),
    ]
    ops = [Op("RELU", (0,), (1,)), Op("RELU", (1,), (2,)), Op("ADD", (0, 2), (3,))]
    m = labels.memory_plan(OpGraph(ts, ops, (0,), (3,)))
    assert m["peak_bytes"] == 64 + 32 + 32  # op1: x, a, b live
    # greedy: x@0, a@64, b@96, y fits the gap left by a at 64
    assert m["arena_bytes"] == 128 and m["weight_bytes"] == 4


def test_planner_arena_at_least_peak_on_real_graphs():
    g = all_ops_graph()
    m = labels.memory_plan(g)
    assert m["arena_bytes"] >= m["peak_bytes"] > 0
    assert m["weight_bytes"] == sum(t.nbytes for t in g.tensors if t.data is not None)


def test_energy_model_formula():
    v = VelaResult(
        latency_ms=2.0,
        cycles=1,
        core_clock=1.0,
        sram_kib=0,
        flash_kib=0,
        nn_macs=10**6,
        sram_bytes=1000,
        dram_bytes=10,
        flash_bytes=100,
        cpu_ops=0,
        per_layer=(),
    )
    pj = 0.2e6 + 1.25e3 + 160 * 10 + 100 * 100
    assert labels.energy_uj(v) == pytest.approx(pj * 1e-6)
    e = labels.energy_uj(v, dataclasses.replace(labels.EnergyModel(), p_idle_w=0.5))
    assert e == pytest.approx(pj * 1e-6 + 0.5 * 2e-3 * 1e6)


def test_host_latency_median_and_iqr():
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 8, 8, 4))
    g = b.finish([b.conv(x, 8, 3)])
    h = host_latency(write_tflite(quantize_int8(g, calibrate(g))), budget_s=0.05)
    assert h["median_ms"] > 0 and h["iqr_ms"] >= 0 and 5 <= h["n"] <= 50


def test_int8_hard_swish_accepted_by_litert_for_wide_negative_inputs():
    """LiteRT rejects an int8 HARD_SWISH whose s_in / (128 s_out) >= 1; the writer
    floors the output scale so a mostly-negative input range still loads and runs."""
    from ai_edge_litert.interpreter import Interpreter

    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 4, 4, 8))
    y = b.act(x, "HARD_SWISH")
    g = b.finish([y])
    q = quantize_int8(g, {x: (-200.0, 0.1), y: (-0.375, 0.1)})
    s_in, s_out = float(q.tensors[x].scale[0]), float(q.tensors[y].scale[0])
    assert s_in / (128 * s_out) < 1.0
    it = Interpreter(model_content=write_tflite(q), num_threads=1)
    it.allocate_tensors()  # raised "output_multiplier_exponent <= 0" before the floor
    it.set_tensor(it.get_input_details()[0]["index"], np.zeros((1, 4, 4, 8), np.int8))
    it.invoke()


@vela
def test_per_op_cycles_sum_to_total():
    g = quantize_int8(all_ops_graph(False), calibrate(all_ops_graph(False)))
    v = labels.run_vela(write_tflite(g), "u55")
    per = labels.per_op_cycles(g, v.per_layer, list(v.original_ops))
    assert per.sum() == v.cycles and per.shape == (len(g.ops),)
    conv = [i for i, op in enumerate(g.ops) if op.type == "CONV_2D"]
    assert all(per[i] > 0 for i in conv)
    assert per[[i for i, op in enumerate(g.ops) if op.type == "SOFTMAX"][0]] > 0


def test_per_op_cycles_keep_an_in_place_writer_s_row_on_the_writer():
    # Vela names the row of an operator that writes straight into a CONCATENATION after
    # the concatenation's output; its original type must bring it back (session 21)
    ts = [Tensor("x", (1, 2, 2, 4), "int8"), Tensor("y", (1, 4, 4, 4), "int8"),
          Tensor("z", (1, 4, 4, 4), "int8"), Tensor("cat", (1, 4, 4, 8), "int8")]
    g = OpGraph(ts, [Op("TRANSPOSE_CONV", (0,), (1,)), Op("RELU", (1,), (2,)),
                     Op("CONCATENATION", (1, 2), (3,))], (0,), (3,))
    rows = [("cat", "NPU", 100), ("cat", "NPU", 0), ("z", "NPU", 5), ("cat", "NPU", 7)]
    per = labels.per_op_cycles(g, rows, ["TransposeConv2D", "TransposeConv2D", "Relu", "Concat"])
    assert per.tolist() == [100, 5, 7]
    for vela_type, op in (("LeakyRelu", "LEAKY_RELU"), ("ResizeBilinear", "RESIZE_BILINEAR"),
                          ("ResizeNearestNeighbor", "RESIZE_NEAREST_NEIGHBOR")):
        g.ops[0] = Op(op, (0,), (1,))
        assert labels.per_op_cycles(g, rows[:1], [vela_type]).tolist() == [100, 0, 0]


def test_per_op_cycles_split_rows_of_several_in_place_writers():
    # two convs write in place into one CONCATENATION and a third (its own row) does
    # not: Vela names the writers' rows after the concatenation, so version 2 gave
    # both to the conv nearest it; version 3 splits them by roofline weight (session 23)
    ts = [Tensor("x", (1, 4, 4, 4), "int8"), Tensor("a", (1, 4, 4, 8), "int8"),
          Tensor("b", (1, 4, 4, 8), "int8"), Tensor("c", (1, 4, 4, 8), "int8"),
          Tensor("cat", (1, 4, 4, 24), "int8")]
    ts += [Tensor(f"w{i}", (8, k, k, 4), "int8", data=np.zeros((8, k, k, 4), np.int8))
           for i, k in enumerate((1, 3, 1))]
    g = OpGraph(ts, [Op("CONV_2D", (0, 5), (1,)), Op("CONV_2D", (0, 6), (2,)),
                     Op("CONV_2D", (0, 7), (3,)), Op("CONCATENATION", (1, 2, 3), (4,))],
                (0,), (4,))
    rows = [("cat", "NPU", 100), ("cat", "NPU", 0), ("cat", "NPU", 200), ("c", "NPU", 9),
            ("cat", "NPU", 4)]
    per = labels.per_op_cycles(g, rows, ["Conv2D"] * 4 + ["Concat"])
    # roofline weights max(MACs, 16 x activation bytes): 16 (64 + 128) = 3,072 for the
    # 1x1 conv (512 MACs), 4,608 MACs for the 3x3 conv
    assert np.allclose(per, [300 * 3072 / 7680, 300 * 4608 / 7680, 9, 4])
    assert math.isclose(per.sum(), 313)
    assert labels.PER_OP_ATTRIBUTION == 3


@vela
def test_per_op_cycles_of_convs_written_into_one_concatenation():
    from jaxeff.gnn.dataset import make_tflite

    s, buf = make_tflite("detect", 3964924996, 200)  # a mix15 training graph
    v = labels.run_vela(buf, "u55")
    per = labels.per_op_cycles(s.graph, v.per_layer, list(v.original_ops))
    assert s.graph.op_types()[3:8] == ["CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D",
                                       "CONV_2D", "CONCATENATION"]
    # ops 3 and 6 (same shape) write into op 7; version 2 gave 0 and 8,192
    assert (per[3], per[6], per[7]) == (4096, 4096, 0)
    assert math.isclose(per.sum(), v.cycles)


@vela
def test_per_op_cycles_of_a_transpose_conv_written_into_a_concatenation():
    from jaxeff.gnn.dataset import make_tflite

    s, buf = make_tflite("upsample", 3837338006, 200)  # a mix14 training graph
    v = labels.run_vela(buf, "u55")
    per = labels.per_op_cycles(s.graph, v.per_layer, list(v.original_ops))
    assert s.graph.op_types()[5:7] == ["TRANSPOSE_CONV", "CONCATENATION"]
    assert (per[5], per[6]) == (750_742, 112_024)  # before the fix: 0 and 862,766
    assert per.sum() == v.cycles
