"""jaxeff.gnn.heldout_nets_li_b (held-out families LI, part K; session 36, addendum
6, pre-registered): the published structure of DenseNet-161 (a 7x7 / 2 stem of 96
RELU and a 3x3 / 2 max pool; dense blocks of 6, 12, 36, 24 bottleneck layers of
growth 48, each a per-channel MUL + ADD RELU on [1, 1, 1, C] constants on the running
map, 1x1 of 192 RELU, 3x3 of 48 and a two-input CONCATENATION; transitions MUL + ADD
RELU, 1x1 to half the channels, 2x2 / 2 average pool; a final MUL + ADD RELU, MEAN,
FC 1000, SOFTMAX), kernels, strides, paddings, output shapes, activations, op counts
per type, the MUL + ADD pairs by map size, the pinned multiply-add and parameter
counts (by hand; the published 28.7 M parameters and 7.7 G FLOPs), registration,
the int8 build (slow) and the overlap with the training spaces (none draws it
exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_li_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

DN_IN, DN_OUT = (1, 224, 224, 3), (1, 1000)
DN_COUNTS = {"CONV_2D": 160, "MUL": 82, "ADD": 82, "CONCATENATION": 78,
             "MAX_POOL_2D": 1, "AVERAGE_POOL_2D": 3, "MEAN": 1,
             "FULLY_CONNECTED": 1, "SOFTMAX": 1}
C, M, A, K = "CONV_2D", "MUL", "ADD", "CONCATENATION"
BLOCKS = (6, 12, 36, 24)
LAYER = [M, A, C, C, K]
TRANS = [M, A, C, "AVERAGE_POOL_2D"]
DN_TYPES = [C, "MAX_POOL_2D"] + [
    t for i, n in enumerate(BLOCKS) for t in LAYER * n + (TRANS if i < 3 else [])] + [
    M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"]


def _plan():
    """(map side, channels) of every unfolded batch norm in graph order (each layer's,
    each transition's, the final one), the per-block layer lists (output positions,
    C_in, C_out, taps) of every conv (the stem first, the FC last; a transition's 1x1
    at its input size with its block) and the transitions' 1x1s alone."""
    bn, groups, trans, side, c = [], [[(112 * 112, 3, 96, 49)]], [], 56, 96
    for i, n in enumerate(BLOCKS):
        blk = []
        for _ in range(n):
            bn.append((side, c))
            blk += [(side * side, c, 192, 1), (side * side, 192, 48, 9)]
            c += 48
        if i < len(BLOCKS) - 1:
            bn.append((side, c))
            trans.append((side * side, c, c // 2, 1))
            blk.append(trans[-1])
            side, c = side // 2, c // 2
        groups.append(blk)
    bn.append((side, c))
    return bn, groups + [[(1, c, 1000, 1)]], trans


def test_densenet161_dense_blocks_mul_add_batch_norms_and_hand_counts():
    g = _graph(hl.densenet161, DN_IN, DN_OUT, 409, DN_COUNTS)
    assert (hl.DENSENET161_STEM, hl.DENSENET161_GROWTH, hl.DENSENET161_BOTTLENECK,
            hl.DENSENET161_BLOCKS, hl.DENSENET161_COMPRESSION) == (
        96, 48, 192, BLOCKS, 0.5)
    assert g.op_types() == DN_TYPES
    # convs: 7x7 / 2 stem; per layer 1x1, 3x3; per transition 1x1; SAME, stride 1
    # but the stem
    assert _kernels(g, C) == [(7, 7)] + [
        s for i, n in enumerate(BLOCKS)
        for s in [(1, 1), (3, 3)] * n + ([(1, 1)] if i < 3 else [])]
    assert _strides(g, C) == [(2, 2)] + [(1, 1)] * 159
    assert set(_opt(g, C, "padding")) == {"SAME"}
    # the stem and the bottleneck 1x1 RELU (their batch norms folded); the 3x3 and
    # the transitions' 1x1 linear
    assert _acts(g, C) == ["RELU"] + [
        t for i, n in enumerate(BLOCKS)
        for t in ["RELU", "NONE"] * n + (["NONE"] if i < 3 else [])]
    pool = next(op for op in g.ops if op.type == "MAX_POOL_2D")
    assert (pool.options["filter_height"], pool.options["filter_width"],
            pool.options["stride_h"], pool.options["padding"]) == (3, 3, 2, "SAME")
    assert g.tensors[pool.outputs[0]].shape == (1, 56, 56, 96)
    avgs = [op for op in g.ops if op.type == "AVERAGE_POOL_2D"]
    assert {(op.options["filter_height"], op.options["filter_width"],
             op.options["stride_h"], op.options["stride_w"], op.options["padding"])
            for op in avgs} == {(2, 2, 2, 2, "VALID")}
    assert [g.tensors[op.outputs[0]].shape for op in avgs] == [
        (1, 28, 28, 192), (1, 14, 14, 384), (1, 7, 7, 1056)]
    bn, groups, trans = _plan()
    shapes, side = [(112, 112, 96)], 56
    for i, n in enumerate(BLOCKS):
        shapes += [(side, side, 192), (side, side, 48)] * n
        if i < 3:
            shapes.append((side, side, trans[i][2]))
            side //= 2
    assert _out_shapes(g, C) == shapes
    # the dense connections: each CONCATENATION [running map, new 48-channel map]
    # on the last axis, the running map growing by 48
    prod = _producers(g)
    cats = [op for op in g.ops if op.type == K]
    assert all(len(op.inputs) == 2 and op.options["axis"] in (3, -1) for op in cats)
    assert [g.tensors[op.outputs[0]].shape[1:] for op in cats] == [
        (s, s, c0 + 48 * (j + 1)) for s, c0, n in ((56, 96, 6), (28, 192, 12),
                                                  (14, 384, 36), (7, 1056, 24))
        for j in range(n)]
    assert all(prod[op.inputs[1]].type == C for op in cats)
    # the 82 unfolded batch norms: MUL by a positive [1, 1, 1, C] scale, ADD of a [1,
    # 1, 1, C] shift with RELU fused; by map: 7 at 56 x 56, 13 at 28 x 28, 37 at 14 x
    # 14, 25 at 7 x 7
    muls = [op for op in g.ops if op.type == M]
    adds = [op for op in g.ops if op.type == A]
    assert [prod[op.inputs[0]] for op in adds] == muls
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [
        (1, 1, 1, c) for _, c in bn]
    assert [g.tensors[op.inputs[1]].shape for op in adds] == [
        (1, 1, 1, c) for _, c in bn]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert _out_shapes(g, M) == [(s, s, c) for s, c in bn]
    assert Counter(s for s, _ in bn) == {56: 7, 28: 13, 14: 37, 7: 25}
    assert {op.options["fused_activation_function"] for op in adds} == {"RELU"}
    # each batch norm reads the running map (the max pool, an average pool or the
    # previous CONCATENATION), which the layer's CONCATENATION reads too; the
    # bottleneck 1x1 (or the transition's) reads the ADD; the MEAN the last ADD
    readers = [prod[m.inputs[0]] for m in muls]
    assert readers[0] is pool and [r.type for r in readers].count(K) == 78
    assert [r for r in readers if r.type == "AVERAGE_POOL_2D"] == avgs
    for op in cats:
        assert prod[op.inputs[0]] in readers
    convs = [op for op in g.ops if op.type == C][1:]
    assert [prod[op.inputs[0]] for op in convs if prod[op.inputs[0]].type == A] == (
        adds[:-1])
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is adds[-1]
    assert _fc_weights(g) == [(1000, 2208)]
    # MACs and weights + biases by hand: stem, blocks 1-3 with their transitions,
    # block 4, FC; the layers' convs and the transitions' alone
    assert [_hand_1d(grp) for grp in groups] == [
        (177_020_928, 14_208), (2_572_222_464, 821_856), (1_835_237_376, 2_344_128),
        (2_680_602_624, 13_686_240), (460_615_680, 9_406_080), (2_208_000, 2_209_000)]
    layers = [lay for grp in groups for lay in grp]
    assert _hand_1d(trans) == (899_555_328, 2_600_544)
    assert _hand_1d([lay for grp in groups[1:-1] for lay in grp if lay not in trans]
                    ) == (6_649_122_816, 23_657_760)
    assert _hand_1d(layers) == (7_727_907_072, 28_481_512)
    nbn = 2 * sum(c for _, c in bn)
    assert nbn == 189_792
    # published: 28.7 M parameters (torchvision's 28,681,000) and 7.7 G FLOPs
    # (multiply-adds, as commonly quoted)
    _pinned(g, (7_727_907_072, 28_481_512 + nbn), (7.7e9, 28.7e6), (0.05, 0.01))


def test_no_training_space_draws_the_li_b_model_exactly():
    """The overlap stated in ``models.json``: plain's densenet draws growth 12-32
    with standalone RELU pre-activations (no MUL, no ADD) and blocks of at most 8
    layers; bcast's constants on maps of at most 64 x 48; the earlier models of the
    same kind are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_plain
    from jaxeff.gnn.spaces_bcast import bcast

    src = inspect.getsource(spaces_plain._densenet)
    assert "rng.integers(2, 9)" in src and "(12, 16, 24, 32)" in src
    for seed in range(30):
        g, meta = spaces_plain.plain(np.random.default_rng(seed))
        if meta["kind"] == "densenet":
            assert "MUL" not in g.op_types() and max(meta["blocks"]) <= 8
            assert meta["growth"] <= 32
    for seed in range(12):
        g, _ = bcast(np.random.default_rng(seed))
        shp = [g.tensors[op.outputs[0]].shape for op in g.ops]
        assert max(s[1] * s[2] for s in shp if len(s) == 4) <= 64 * 48
    assert not _overlap_unnamed(ph.MODELS, {
        "densenet161_224": ("densenet121_224", "densenet169_224",
                            "densenet_bc100_k12_cifar_32", "fc_densenet56_224")})


def test_family_li_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36K == ("densenet161_224",)
    # after L's part I (LI's part J may sit between; later families may follow);
    # every builder model once, registered
    _registered_after(ph, ph.SESSION36K, ph.SESSION36I)
    prev = ph.BUILDER_MODELS[ph.BUILDER_MODELS.index("densenet161_224") - 1]
    assert prev in ph.SESSION36I + getattr(ph, "SESSION36J", ())
    assert ph.MODELS["densenet161_224"][1].split()[0] == "plain"


@pytest.mark.slow
def test_family_li_b_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("densenet161_224")
    assert (ins, outs) == ([DN_IN], [DN_OUT])
    assert Counter(g.op_types()) == DN_COUNTS and g.op_types() == DN_TYPES
    # the int8 graph keeps the [1, 1, 1, C] MUL + ADD RELU batch norms
    bn, _, _ = _plan()
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == M] == [
        (1, 1, 1, c) for _, c in bn]
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == A} == {"RELU"}
