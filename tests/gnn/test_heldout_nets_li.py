"""jaxeff.gnn.heldout_nets_li (held-out families LI, part J; session 36, addendum 6,
pre-registered): the published structure of PreAct-ResNet-34 (a linear 7x7 / 2 stem
of 64 and a 3x3 / 2 max pool; 3-4-6-3 pre-activation basic units of 64, 128, 256, 512
whose input batch norm is a per-channel MUL + ADD RELU on [1, 1, 1, C] constants, a
3x3 RELU (stride 2 in the first unit of stages 2-4), a linear 3x3, a linear residual
ADD; 1x1 / 2 projections of the pre-activated map; a final MUL + ADD RELU, MEAN, FC
1000, SOFTMAX), kernels, strides, paddings, output shapes, activations, op counts per
type, the MUL + ADD pairs by map size, the pinned multiply-add and parameter counts
(by hand; the published 21.8 M parameters and 3.6 G FLOPs), registration, the int8
build (slow) and the overlap with the training spaces (none draws it exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_li as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides
from tests.gnn.test_heldout_nets_xlix import (_bn_pairs, _int8_bn_kept,
                                              _resnet_bcast_draws_checked)

PR34_IN, PR34_OUT = (1, 224, 224, 3), (1, 1000)
PR34_COUNTS = {"CONV_2D": 36, "MUL": 17, "ADD": 33, "MAX_POOL_2D": 1, "MEAN": 1,
               "FULLY_CONNECTED": 1, "SOFTMAX": 1}
C, M, A = "CONV_2D", "MUL", "ADD"
UNITS, WIDTHS = (3, 4, 6, 3), (64, 128, 256, 512)
UNIT = [M, A, C, C, A]
PROJ = [M, A, C, C, C, A]  # the projection after the branch's two convs
PR34_TYPES = [C, "MAX_POOL_2D"] + UNIT * 3 + [
    t for n in UNITS[1:] for t in PROJ + UNIT * (n - 1)] + [
    M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
#: (map side, channels) of each unit's input batch norm, then the final one
BN_MAPS = [(56, 64)] * 4 + [(28, 128)] * 4 + [(14, 256)] * 6 + [(7, 512)] * 3


def _layers():
    """(output positions, C_in, C_out, taps) of every conv and the FC, in graph
    order: the stem; per unit 3x3 (stride 2 in the first unit of stages 2-4), 3x3,
    then the projection (at the output size) in those units; the FC."""
    layers, side, cin = [(112 * 112, 3, 64, 49)], 56, 64
    for i, (w, n) in enumerate(zip(WIDTHS, UNITS, strict=True)):
        for j in range(n):
            s = 2 if i and not j else 1
            h = side // s
            layers += [(h * h, cin, w, 9), (h * h, w, w, 9)]
            layers += [(h * h, cin, w, 1)] if s == 2 else []
            side, cin = h, w
    return layers + [(1, 512, 1000, 1)]


def test_preact_resnet34_basic_units_mul_add_batch_norms_and_hand_counts():
    g = _graph(hl.preact_resnet34, PR34_IN, PR34_OUT, 90, PR34_COUNTS)
    assert (hl.PREACT34_STEM, hl.PREACT34_WIDTHS, hl.PREACT34_UNITS) == (
        64, WIDTHS, UNITS)
    assert g.op_types() == PR34_TYPES
    # convs: 7x7 / 2 stem; per unit 3x3, 3x3 (+ the 1x1 projection); SAME
    k = [(3, 3), (3, 3)]
    assert _kernels(g, C) == [(7, 7)] + k * 3 + [
        s for n in UNITS[1:] for s in k + [(1, 1)] + k * (n - 1)]
    one = [(1, 1)] * 2
    assert _strides(g, C) == [(2, 2)] + one * 3 + [
        s for n in UNITS[1:] for s in [(2, 2), (1, 1), (2, 2)] + one * (n - 1)]
    assert set(_opt(g, C, "padding")) == {"SAME"}
    # the stem linear; in a unit the first 3x3 RELU (its batch norm folded), the
    # second 3x3 and the projection linear
    a = ["RELU", "NONE"]
    assert _acts(g, C) == ["NONE"] + a * 3 + [
        t for n in UNITS[1:] for t in a + ["NONE"] + a * (n - 1)]
    pool = next(op for op in g.ops if op.type == "MAX_POOL_2D")
    assert (pool.options["filter_height"], pool.options["filter_width"],
            pool.options["stride_h"], pool.options["padding"]) == (3, 3, 2, "SAME")
    assert g.tensors[pool.outputs[0]].shape == (1, 56, 56, 64)
    shapes, side = [(112, 112, 64)], 56
    for i, (w, n) in enumerate(zip(WIDTHS, UNITS, strict=True)):
        side = side // (2 if i else 1)
        shapes += [(side, side, w)] * (3 if i else 2)
        shapes += [(side, side, w)] * 2 * (n - 1)
    assert _out_shapes(g, C) == shapes
    # the 17 unfolded batch norms: MUL by a positive [1, 1, 1, C] scale, ADD of a [1,
    # 1, 1, C] shift with RELU fused; by map: 4 at 56 x 56 (64), 4 at 28 x 28 (128),
    # 6 at 14 x 14 (256), 3 at 7 x 7 (512)
    prod, muls, bn_adds, res_adds = _bn_pairs(g, BN_MAPS)
    assert _out_shapes(g, M) == [(s, s, c) for s, c in BN_MAPS]
    assert Counter(s for s, _ in BN_MAPS) == {56: 4, 28: 4, 14: 6, 7: 3}
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in res_adds] == [
        (s, s, w) for s, w, n in zip((56, 28, 14, 7), WIDTHS, UNITS) for _ in range(n)]
    # unit k's batch norm reads the max pool (k = 0) or the previous sum; the branch
    # reads the pre-activated map; the projections (units 3, 7, 13) read it too, the
    # identity shortcuts the raw sum (unit 0's the pool); the final batch norm the
    # last sum
    firsts = (3, 7, 13)
    for k, add in enumerate(res_adds):
        main, short = (prod[t] for t in add.inputs)
        assert main.type == C and g.tensors[main.inputs[1]].shape[1:3] == (3, 3)
        first = prod[main.inputs[0]]
        assert first.type == C and prod[first.inputs[0]] is bn_adds[k]
        assert prod[muls[k].inputs[0]] is (res_adds[k - 1] if k else pool)
        if k in firsts:
            assert short.type == C and prod[short.inputs[0]] is bn_adds[k]
            assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short is (res_adds[k - 1] if k else pool)
    assert prod[muls[-1].inputs[0]] is res_adds[-1]
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(1000, 512)]
    # MACs and weights + biases by hand: stem, stages 1-4, FC
    layers = _layers()
    cuts = [0, 1, 1 + 6, 1 + 6 + 9, 1 + 6 + 9 + 13, 1 + 6 + 9 + 13 + 7, 37]
    assert [_hand_1d(layers[a:b]) for a, b in zip(cuts, cuts[1:])] == [
        (118_013_952, 9_472), (693_633_024, 221_568), (873_463_808, 1_115_264),
        (1_335_885_824, 6_819_072), (642_252_800, 13_110_784), (512_000, 513_000)]
    assert _hand_1d(layers) == (3_663_761_408, 21_789_160)
    bn = 2 * sum(c for _, c in BN_MAPS)
    assert bn == 7_680
    # published: 21.8 M parameters (ResNet-34's, recalled) and 3.6 G FLOPs
    # (multiply-adds, arXiv 1512.03385 Table 1)
    _pinned(g, (3_663_761_408, 21_789_160 + bn), (3.6e9, 21.8e6), (0.05, 0.01))


def test_no_training_space_draws_the_li_model_exactly():
    """The overlap stated in ``models.json``: resnet draws the layout
    post-activation (every ADD RELU, no MUL, no SOFTMAX) on inputs of at most 128
    pixels; bcast's constants [1, 1, 1, C] on maps of at most 64 x 48 x 64; the
    earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph

    _resnet_bcast_draws_checked()
    assert not _overlap_unnamed(ph.MODELS, {
        "preact_resnet34_224": ("resnet34_224", "resnet_v2_50_224",
                                "preact_resnet18_cifar_32")})


def test_family_li_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36J == ("preact_resnet34_224",)
    # after L's part I (later families may follow); every builder model once,
    # registered
    _registered_after(ph, ph.SESSION36J, ph.SESSION36I)
    assert ph.MODELS["preact_resnet34_224"][1].split()[0] == "resnet"


@pytest.mark.slow
def test_family_li_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("preact_resnet34_224")
    assert (ins, outs) == ([PR34_IN], [PR34_OUT])
    assert Counter(g.op_types()) == PR34_COUNTS and g.op_types() == PR34_TYPES
    # the int8 graph keeps the [1, 1, 1, C] MUL + ADD RELU batch norms
    _int8_bn_kept(g, BN_MAPS)
