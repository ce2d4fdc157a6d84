"""Issue 22: STRIDED_SLICE, SPLIT and SPLIT_V in the PerfSAGE graph builder, the
full-int8 writer, the JAX reference and the feature extractor."""

import numpy as np
import pytest
from gnn_graphs import assert_int8_copies_exactly, run_litert

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import FEATURE_COLUMNS, edges, node_features, op_macs
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.reference import reference
from jaxeff.tflite import read_main, write_tflite
from jaxeff.tflite.vela import vela_available

X = np.random.default_rng(1).standard_normal((1, 7, 6, 8)).astype(np.float32)
COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}


def _graph():
    """input -> STRIDED_SLICE (H/W stride 2) | SPLIT in 2 | SPLIT_V (2, 5, 1)."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input(X.shape)
    s = b.strided_slice(x, (0, 1, 0, 2), (1, 7, 5, 8), (1, 2, 2, 1))
    outs = [s, *b.split(x, 2), *b.split_v(x, (2, 5, 1), axis=3)]
    return b.finish(outs)


def _numpy(x):
    return [x[:, 1:7:2, 0:5:2, 2:8], *np.split(x, 2, 3), *np.split(x, [2, 7], 3)]


def test_shapes_features_and_edges():
    g = _graph()
    assert [g.tensors[o].shape for o in g.outputs] == [a.shape for a in _numpy(X)]
    assert [len(op.outputs) for op in g.ops] == [1, 2, 3]
    x, cat, inputs = node_features(g)
    assert all(op_macs(g, op) == 0 for op in g.ops)
    assert x[1, COL["c_in"]] == 8  # SPLIT: the data input's depth, not the axis's
    assert tuple(x[1, :4]) == (1, 7, 6, 4)  # first output's shape
    assert tuple(x[2, :4]) == (1, 7, 6, 2) and x[2, COL["c_in"]] == 8
    # act bytes: the input plus every output (float32): 2 x 7 x 6 x 8 x 4
    assert x[1, COL["log_act_bytes"]] == pytest.approx(np.log1p(2 * 7 * 6 * 8 * 4))
    s, r = edges(g)
    # ops 0-2, then input nodes: x, begin, end, strides, split axis, sizes, axis
    assert sorted(zip(s.tolist(), r.tolist(), strict=True)) == [
        (3, 0), (3, 1), (3, 2), (4, 0), (5, 0), (6, 0), (7, 1), (8, 2), (9, 2)]
    assert inputs[0] == g.inputs[0] and cat[3:].tolist() == [0] * 7
    b = NetBuilder(np.random.default_rng(0))
    t = b.input((1, 4, 4, 8))
    with pytest.raises(ValueError, match="not divisible"):
        b.split(t, 3)
    with pytest.raises(ValueError, match="do not cover"):
        b.split_v(t, (1, 2))
    with pytest.raises(ValueError, match="entries"):
        b.strided_slice(t, (0, 0), (1, 4))


def test_float_litert_matches_numpy_and_reference():
    g = _graph()
    got = run_litert(g, X)
    ref = reference(g, [X])
    for a, r, n in zip(got, ref, _numpy(X), strict=True):
        np.testing.assert_array_equal(a, n)
        np.testing.assert_array_equal(np.asarray(r), n)
    g2 = read_main(write_tflite(g))
    assert g2.ops[0].options["shrink_axis_mask"] == 0
    assert g2.ops[1].options["num_splits"] == 2 and g2.ops[2].options["num_splits"] == 3


def test_int8_is_exact_and_tied_to_the_input():
    assert_int8_copies_exactly(_graph(), X, _numpy)


def test_same_scale_concat_joins_through_split():
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input(X.shape), 8, 1)
    left, right = b.split(x, 2)
    y = b.concat([left, b.conv(right, 4, 1, 1, "RELU")])
    g = b.finish([b.conv(y, 4, 1)])
    q = quantize_int8(g, calibrate(g, inputs=[[X]]), same_scale_concat=True)
    cat = g.ops[3]
    params = {(float(q.tensors[i].scale[0]), int(q.tensors[i].zero_point[0]))
              for i in (x, *cat.inputs, *cat.outputs)}
    assert len(params) == 1
    xq = np.zeros(X.shape, np.int8)
    assert run_litert(q, xq)[0].shape == (1, 7, 6, 4)


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_slice_and_split_to_the_npu():
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input(X.shape), 8, 3, 1, "RELU")
    left, right = b.split(x, 2)
    y = b.concat([left, b.conv(right, 4, 1, 1, "RELU")])
    y = b.strided_slice(y, (0, 1, 1, 0), (1, 7, 6, 8), (1, 2, 2, 1))
    parts = b.split_v(y, (2, 6), axis=3)
    g = b.finish([b.conv(parts[0], 4, 1), b.conv(parts[1], 4, 1)])
    q = quantize_int8(g, calibrate(g, samples=1), same_scale_concat=True)
    v = run_vela(write_tflite(q), "u55")
    assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
    c = per_op_cycles(q, v.per_layer, v.original_ops)
    assert c.sum() == v.cycles


def test_unused_split_output_calibrates_and_quantizes():
    """Session 20: LiteRT never allocates a SPLIT output no operator reads; calibration
    skips it (its quantization is tied to the input), and a range missing where one is
    needed is a clear error, not a KeyError."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.conv(b.input(X.shape), 8, 1)
    unused, right = b.split(x, 2)
    g = b.finish([b.conv(right, 4, 1)])
    ranges = calibrate(g, inputs=[[X]])
    assert unused not in ranges and right in ranges
    q = quantize_int8(g, ranges)
    assert (float(q.tensors[unused].scale[0]), int(q.tensors[unused].zero_point[0])) == (
        float(q.tensors[x].scale[0]), int(q.tensors[x].zero_point[0]))
    assert run_litert(q, np.zeros(X.shape, np.int8))[0].shape == (1, 7, 6, 4)
    out = g.ops[-1].outputs[0]
    with pytest.raises(ValueError, match=f"tensor {out} .* no calibration range"):
        quantize_int8(g, {k: v for k, v in ranges.items() if k != out})
