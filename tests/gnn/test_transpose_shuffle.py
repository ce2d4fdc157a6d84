"""Issue 22 item 3: TRANSPOSE in the PerfSAGE builder, int8 writer, JAX reference,
features and Vela labels, and the ``shuffle`` space (ShuffleNet-v2, arXiv 1807.11164,
with the channel shuffle)."""

import numpy as np
import pytest
from gnn_graphs import assert_int8_copies_exactly, run_litert

from jaxeff.gnn import spaces
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import (FEATURE_COLUMNS, edges, node_features, op_macs,
                             total_macs)
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.reference import reference
from jaxeff.gnn.spaces_shuffle import channel_shuffle, shuffle, shufflenet_v2
from jaxeff.tflite import read_main, write_tflite
from jaxeff.tflite.vela import vela_available

X = np.random.default_rng(1).standard_normal((1, 5, 6, 8)).astype(np.float32)
COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}
PERMS = ((0, 2, 1, 3), (0, 1, 3, 2), (3, 1, 0, 2))
needs_vela = pytest.mark.skipif(not vela_available(),
                                reason="ethos-u-vela not installed")


def _graph():
    """input -> three TRANSPOSEs (rank 4) | RESHAPE to 5-D, TRANSPOSE."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input(X.shape)
    outs = [b.transpose(x, p) for p in PERMS]
    outs.append(b.transpose(b.reshape(x, (1, 5, 6, 2, 4)), (0, 1, 2, 4, 3)))
    return b.finish(outs)


def _numpy(x):
    return [*(x.transpose(p) for p in PERMS),
            x.reshape(1, 5, 6, 2, 4).transpose(0, 1, 2, 4, 3)]


def _shuffle5(x):
    """The channel shuffle of arXiv 1807.11164 (groups 2) as the converter writes it."""
    n, h, w, c = x.shape
    return x.reshape(n, h, w, 2, c // 2).transpose(0, 1, 2, 4, 3).reshape(n, h, w, c)


def test_shapes_features_edges_and_options():
    g = _graph()
    assert [g.tensors[o].shape for o in g.outputs] == [a.shape for a in _numpy(X)]
    x, cat, inputs = node_features(g)
    assert all(op_macs(g, op) == 0 for op in g.ops)
    assert tuple(x[0, :4]) == (1, 6, 5, 8) and x[0, COL["c_in"]] == 8
    assert tuple(x[2, :4]) == (8, 5, 1, 6) and x[2, COL["c_in"]] == 8
    assert tuple(x[4, :4]) == (5, 6, 4, 2)  # rank 5: leading dims folded
    # act bytes: input + output, float32: 2 x 240 x 4
    assert x[0, COL["log_act_bytes"]] == pytest.approx(np.log1p(2 * 240 * 4))
    s, r = edges(g)
    # ops 0-4 (3: the RESHAPE); input nodes: x, perms 0-2, the shape, perm 3
    assert sorted(zip(s.tolist(), r.tolist(), strict=True)) == [
        (3, 4), (5, 0), (5, 1), (5, 2), (5, 3), (6, 0), (7, 1), (8, 2), (9, 3), (10, 4)]
    assert inputs[0] == g.inputs[0] and cat[5:].tolist() == [0] * 6
    g2 = read_main(write_tflite(g))
    assert g2.ops[0].options_type is None  # as the converter's (basic_lstm models)
    np.testing.assert_array_equal(g2.tensors[g2.ops[2].inputs[1]].data, PERMS[2])
    b = NetBuilder(np.random.default_rng(0))
    with pytest.raises(ValueError, match="no permutation"):
        b.transpose(b.input((1, 4, 4, 8)), (0, 1, 1, 2))


def test_float_litert_matches_numpy_and_reference():
    g = _graph()
    for a, r, n in zip(run_litert(g, X), reference(g, [X]), _numpy(X), strict=True):
        np.testing.assert_array_equal(a, n)
        np.testing.assert_array_equal(np.asarray(r), n)


def test_int8_transpose_is_exact_and_tied_to_the_input():
    assert_int8_copies_exactly(_graph(), X, _numpy)


def test_shuffle_form_equals_the_5d_reference_shuffle():
    x = np.random.default_rng(2).integers(-128, 128, (1, 3, 4, 12)).astype(np.int8)
    ref = _shuffle5(x)
    c = x.shape[-1]
    for i in range(c // 2):  # out[..., 2 i + g] = x[..., g C/2 + i]
        for grp in range(2):
            np.testing.assert_array_equal(ref[..., 2 * i + grp],
                                          x[..., grp * c // 2 + i])
    # the builder's form, float in LiteRT and the reference, then int8 in LiteRT
    b = NetBuilder(np.random.default_rng(0))
    g = b.finish([channel_shuffle(b, b.input(x.shape))])
    assert [op.type for op in g.ops] == ["RESHAPE", "TRANSPOSE", "RESHAPE"]
    assert g.tensors[g.ops[1].outputs[0]].shape == (1, 12, 6, 2)
    xf = x.astype(np.float32)
    np.testing.assert_array_equal(run_litert(g, xf)[0], _shuffle5(xf))
    np.testing.assert_array_equal(np.asarray(reference(g, [xf])[0]), _shuffle5(xf))
    q = quantize_int8(g, calibrate(g, inputs=[[xf]]), same_scale_concat=True)
    ti = q.tensors[q.inputs[0]]
    xq = np.clip(np.round(xf / ti.scale[0]) + ti.zero_point[0], -128, 127)
    np.testing.assert_array_equal(run_litert(q, xq.astype(np.int8))[0], _shuffle5(xq))


def test_same_scale_concat_joins_through_the_shuffle():
    b = NetBuilder(np.random.default_rng(0), share_consts=True)
    x = b.conv(b.input(X.shape), 8, 1)
    keep, h = b.split(x, 2)
    y = channel_shuffle(b, b.concat([keep, b.conv(h, 4, 1, 1, "RELU")]))
    g = b.finish([b.conv(y, 4, 1)])
    q = quantize_int8(g, calibrate(g, inputs=[[X]]), same_scale_concat=True)
    params = {(float(q.tensors[i].scale[0]), int(q.tensors[i].zero_point[0]))
              for op in q.ops[3:7] for i in (*op.inputs[:1], *op.outputs)}
    assert len(params) == 1


@pytest.mark.parametrize("share, n_consts", [(True, 3), (False, 6)])
def test_share_consts(share, n_consts):
    """Two shuffles of one shape: with ``share_consts`` one perm and two shape
    tensors, as the TFLite converter writes equal constants; float weights never."""
    b = NetBuilder(np.random.default_rng(0), share_consts=share)
    x = b.input(X.shape)
    g = b.finish([channel_shuffle(b, channel_shuffle(b, x))])
    consts = [t for t in g.tensors if t.data is not None]
    assert len(consts) == n_consts and {t.dtype for t in consts} == {"int32"}
    b = NetBuilder(np.random.default_rng(0), share_consts=share)
    x = b.conv(b.conv(b.input(X.shape), 8, 1), 8, 1)
    assert len([t for t in b.tensors if t.data is not None]) == 4


def _unit_macs(hw_in: int, hw: int, cin: int, cout: int, stride: int) -> int:
    """Hand count of one ShuffleNet-v2 unit (Fig. 3c / d) at output size hw x hw."""
    half = cout // 2
    if stride == 1:  # 1x1, 3x3 depthwise, 1x1 on half the channels
        return hw * hw * (half * half + 9 * half + half * half)
    left = hw * hw * (9 * cin + cin * half)  # 3x3 dw s2, 1x1
    right = hw_in * hw_in * cin * half + hw * hw * (9 * half + half * half)
    return left + right


def _hand_count(widths: tuple[int, int, int], last: int) -> int:
    total = 112 * 112 * 24 * 3 * 3 * 3  # conv1 3x3 s2, 3 -> 24
    cin, hw = 24, 56  # after the 3x3 s2 max pool (no MACs)
    for cout, n in zip(widths, (4, 8, 4), strict=True):
        total += _unit_macs(hw, hw // 2, cin, cout, 2)
        hw //= 2
        total += (n - 1) * _unit_macs(hw, hw, cout, cout, 1)
        cin = cout
    return total + 7 * 7 * cin * last + last * 1000  # conv5, FC


@pytest.mark.parametrize("width, widths, published",
                         [(1.0, (116, 232, 464), 146e6), (0.5, (48, 96, 192), 41e6)])
def test_macs_of_shufflenet_v2_at_224(width, widths, published):
    """The features' MACs of full-depth ShuffleNet-v2 at 224 x 224 equal a hand count
    of every convolution, depthwise convolution and the FC (pools, additions, BN and
    activations excluded), and lie within 2 % of Table 5's FLOPs (multiply-adds):
    1.0x 144,907,992 vs 146 M, 0.5x 40,476,448 vs 41 M."""
    b = NetBuilder(np.random.default_rng(0), share_consts=True)
    g = b.finish([shufflenet_v2(b, b.input((1, 224, 224, 3)), width)])
    hand = _hand_count(widths, 1024)
    assert total_macs(g) == hand
    x, _, _ = node_features(g)
    assert np.expm1(x[: len(g.ops), COL["log_macs"]].astype(np.float64)).sum() == (
        pytest.approx(hand, rel=1e-5))
    assert abs(hand / published - 1) < 0.02
    ops = [op.type for op in g.ops]
    assert ops.count("TRANSPOSE") == 16 and ops.count("SPLIT") == 13
    assert ops.count("CONCATENATION") == 16


def test_sampling_is_deterministic_per_seed():
    a = [write_tflite(shuffle(np.random.default_rng(s))[0]) for s in (5, 5, 6)]
    assert a[0] == a[1] and a[0] != a[2]
    m1 = shuffle(np.random.default_rng(5))[1]
    assert m1 == shuffle(np.random.default_rng(5))[1]
    s1 = spaces.sample("shuffle", np.random.default_rng(7))
    s2 = spaces.sample("shuffle", np.random.default_rng(7))
    assert write_tflite(s1.graph) == write_tflite(s2.graph) and s1.meta == s2.meta
    assert spaces.SPACES[11] == "shuffle"  # the order the datasets were drawn in


def test_space_choices_and_unit_structure():
    seen = set()
    for s in range(40):
        g, m = shuffle(np.random.default_rng(s))
        seen.add(m["width"])
        assert m["res"] * m["width"] <= 320 and spaces.num_nodes(g) <= 200
        ops = [op.type for op in g.ops]
        n_units = sum(-(-m["depth"] * n // 1) for n in (4, 8, 4))
        assert ops.count("TRANSPOSE") == ops.count("CONCATENATION") == n_units
        assert ops.count("SPLIT") == n_units - 3
        for k, op in enumerate(g.ops):  # every concat is followed by the shuffle
            if op.type == "CONCATENATION":
                assert ops[k + 1: k + 4] == ["RESHAPE", "TRANSPOSE", "RESHAPE"]
    assert seen == {0.5, 1.0, 1.5, 2.0}


def _vela_forms(shape, perm):
    b = NetBuilder(np.random.default_rng(0))
    n, h, w, c = shape
    x = b.conv(b.input((1, h, w, 8)), c, 1)
    y = b.transpose(b.reshape(x, perm[0]), perm[1])
    g = b.finish([b.conv(b.reshape(y, shape), 8, 1)])
    q = quantize_int8(g, calibrate(g, samples=1))
    v = run_vela(write_tflite(q), "u55")
    return [t for (_, t, _), o in zip(v.per_layer, v.original_ops, strict=True)
            if o == "Transpose"]


@needs_vela
def test_vela_maps_the_4d_shuffle_form_where_the_5d_one_falls_to_the_cpu():
    """Vela 5.2 (regor): the converter's 5-D shuffle maps while the product of any 3
    of its 5 axes is <= 2^16 (28 x 28 x 58 at 1.0x) and not beyond (28 x 28 x 122 at
    2.0x); the 4-D form maps at both."""
    small, big = (1, 28, 28, 116), (1, 28, 28, 244)
    for shape, five in ((small, ["NPU"]), (big, ["CPU"])):
        _, h, w, c = shape
        assert _vela_forms(shape, ((1, h, w, 2, c // 2), (0, 1, 2, 4, 3))) == five
        assert _vela_forms(shape, ((1, h * w, 2, c // 2), (0, 1, 3, 2))) == ["NPU"]


@needs_vela
@pytest.mark.parametrize("seed", [0, 6])  # float32 -> int8, int8 -> int8 I/O
def test_vela_u55_maps_every_op_of_a_shuffle_graph(seed):
    s = spaces.sample("shuffle", np.random.default_rng(seed))
    v = run_vela(write_tflite(s.graph), "u55")
    assert v.cpu_ops == 0
    rows = {(o, t) for (_, t, _), o in zip(v.per_layer, v.original_ops, strict=True)}
    # a float32 input's QUANTIZE (and output DEQUANTIZE) stay on the CPU
    cpu = {o for o, t in rows if t != "NPU"}
    allowed = ({"Quantize"} if s.meta["io"][0] == "float32" else set()) | (
        {"Dequantize"} if s.meta["io"][1] == "float32" else set())
    assert cpu <= allowed
    assert ("Transpose", "NPU") in rows
    c = per_op_cycles(s.graph, v.per_layer, v.original_ops)
    assert c.sum() == v.cycles
    assert all(c[k] > 0 for k, op in enumerate(s.graph.ops) if op.type == "TRANSPOSE")
