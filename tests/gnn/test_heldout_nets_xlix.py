"""jaxeff.gnn.heldout_nets_xlix (held-out families XLIX, part D; session 36,
addendum 3, pre-registered): the published structure of ResNet-v2-50 (a linear 7x7 /
2 stem of 64 and a 3x3 / 2 max pool; 3-4-6-3 pre-activation bottleneck units of 64,
128, 256, 512 whose input batch norm is a per-channel MUL + ADD RELU on [1, 1, 1, C]
constants, 1x1 RELU, 3x3 RELU (stride 2 in the first unit of stages 2-4), 1x1 to 4 x,
a linear residual ADD; 1x1 projections of the pre-activated map; a final MUL + ADD
RELU, MEAN, FC 1000, SOFTMAX), kernels, strides, paddings, output shapes,
activations, op counts per type, the MUL + ADD pairs by map size, the pinned
multiply-add and parameter counts (by hand; the published 25.6 M parameters and 3.8
G FLOPs), registration, the int8 build (slow) and the overlap with the training
spaces (none draws it exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlix as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

RV2_IN, RV2_OUT = (1, 224, 224, 3), (1, 1000)
RV2_COUNTS = {"CONV_2D": 53, "MUL": 17, "ADD": 33, "MAX_POOL_2D": 1, "MEAN": 1,
              "FULLY_CONNECTED": 1, "SOFTMAX": 1}
C, M, A = "CONV_2D", "MUL", "ADD"
UNIT = [M, A, C, C, C, A]
PROJ = [M, A, C, C, C, C, A]  # the projection after the branch's three convs
RV2_TYPES = [C, "MAX_POOL_2D"] + [
    t for n in (3, 4, 6, 3) for t in PROJ + UNIT * (n - 1)] + [
    M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
#: (map side, channels) of each unit's input batch norm, then the final one
BN_MAPS = ([(56, 64)] + [(56, 256)] * 3 + [(28, 512)] * 4 + [(14, 1024)] * 6
           + [(7, 2048)] * 3)


def _layers():
    """(output positions, C_in, C_out, taps) of every conv and the FC, in graph
    order: the stem; per unit 1x1, 3x3 (stride 2 in a stage's first unit but the
    first stage's), 1x1 to 4 x, then the projection (at the output size) in a
    stage's first unit; the FC."""
    layers, side, cin = [(112 * 112, 3, 64, 49)], 56, 64
    for i, (w, n) in enumerate(zip((64, 128, 256, 512), (3, 4, 6, 3), strict=True)):
        for j in range(n):
            h = side // (2 if i and not j else 1)
            layers += [(side * side, cin, w, 1), (h * h, w, w, 9), (h * h, w, 4 * w, 1)]
            layers += [] if j else [(h * h, cin, 4 * w, 1)]
            side, cin = h, 4 * w
    return layers + [(1, 2048, 1000, 1)]


def _bn_pairs(g, bn_maps):
    """The producers, the MULs, the batch norms' ADDs and the residual ADDs of a
    pre-activation ResNet ``g``, checked: one MUL by a positive [1, 1, 1, C] scale
    then ADD of a [1, 1, 1, C] shift per (side, C) of ``bn_maps``, a residual ADD
    per unit."""
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == M]
    bn_adds = [op for op in g.ops if op.type == A and prod[op.inputs[0]].type == M]
    res_adds = [op for op in g.ops if op.type == A and op not in bn_adds]
    assert len(muls) == len(bn_adds) == len(bn_maps) == len(res_adds) + 1
    assert [prod[op.inputs[0]] for op in bn_adds] == muls
    for ops in (muls, bn_adds):
        assert [g.tensors[op.inputs[1]].shape for op in ops] == [
            (1, 1, 1, c) for _, c in bn_maps]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    return prod, muls, bn_adds, res_adds


def _int8_bn_kept(g, bn_maps):
    """The int8 graph ``g`` keeps the [1, 1, 1, C] MUL + ADD RELU batch norms."""
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == M] == [
        (1, 1, 1, c) for _, c in bn_maps]
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == A and g.tensors[op.inputs[1]].data is not None} == {"RELU"}


def test_resnet_v2_50_pre_activation_units_mul_add_batch_norms_and_hand_counts():
    g = _graph(hx.resnet_v2_50, RV2_IN, RV2_OUT, 107, RV2_COUNTS)
    assert (hx.RESNETV2_STEM, hx.RESNETV2_WIDTHS, hx.RESNETV2_UNITS) == (
        64, (64, 128, 256, 512), (3, 4, 6, 3))
    assert g.op_types() == RV2_TYPES
    # convs: 7x7 / 2 stem; per unit 1x1, 3x3, 1x1 (+ the 1x1 projection); SAME
    k = [(1, 1), (3, 3), (1, 1)]
    assert _kernels(g, C) == [(7, 7)] + [
        s for n in (3, 4, 6, 3) for s in k + [(1, 1)] + k * (n - 1)]
    one = [(1, 1)] * 3
    assert _strides(g, C) == [(2, 2)] + one + [(1, 1)] + one * 2 + [
        s for n in (4, 6, 3)
        for s in [(1, 1), (2, 2), (1, 1), (2, 2)] + one * (n - 1)]
    assert set(_opt(g, C, "padding")) == {"SAME"}
    # the stem linear; in a unit the 1x1 and 3x3 RELU (their batch norms folded),
    # the last 1x1 and the projection linear
    a = ["RELU", "RELU", "NONE"]
    assert _acts(g, C) == ["NONE"] + [
        t for n in (3, 4, 6, 3) for t in a + ["NONE"] + a * (n - 1)]
    pool = next(op for op in g.ops if op.type == "MAX_POOL_2D")
    assert (pool.options["filter_height"], pool.options["filter_width"],
            pool.options["stride_h"], pool.options["padding"]) == (3, 3, 2, "SAME")
    assert g.tensors[pool.outputs[0]].shape == (1, 56, 56, 64)
    shapes, side, cin_side = [(112, 112, 64)], 56, 56
    for i, (w, n) in enumerate(zip((64, 128, 256, 512), (3, 4, 6, 3), strict=True)):
        side = side // (2 if i else 1)
        shapes += [(cin_side, cin_side, w), (side, side, w), (side, side, 4 * w),
                   (side, side, 4 * w)]
        shapes += [(side, side, w), (side, side, w), (side, side, 4 * w)] * (n - 1)
        cin_side = side
    assert _out_shapes(g, C) == shapes
    # the 17 unfolded batch norms: MUL by a positive [1, 1, 1, C] scale, ADD of a [1,
    # 1, 1, C] shift with RELU fused; by map: 4 at 56 x 56 (64, then 256 x 3), 4 at
    # 28 x 28 (512), 6 at 14 x 14 (1,024), 3 at 7 x 7 (2,048)
    prod, muls, bn_adds, res_adds = _bn_pairs(g, BN_MAPS)
    assert _out_shapes(g, M) == [
        (s, s, c) for s, c in BN_MAPS]
    assert Counter(s for s, _ in BN_MAPS) == {56: 4, 28: 4, 14: 6, 7: 3}
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in res_adds] == [
        (s, s, 4 * w) for s, w, n in ((56, 64, 3), (28, 128, 4), (14, 256, 6),
                                      (7, 512, 3)) for _ in range(n)]
    # unit k's batch norm reads the max pool (k = 0) or the previous sum; the branch
    # reads the pre-activated map; the projections (units 0, 3, 7, 13) read it too,
    # the identity shortcuts the raw sum; the final batch norm the last sum
    firsts = (0, 3, 7, 13)
    for k, add in enumerate(res_adds):
        main, short = (prod[t] for t in add.inputs)
        assert main.type == C and g.tensors[main.inputs[1]].shape[1:3] == (1, 1)
        reduce = prod[prod[main.inputs[0]].inputs[0]]
        assert reduce.type == C and prod[reduce.inputs[0]] is bn_adds[k]
        assert prod[muls[k].inputs[0]] is (res_adds[k - 1] if k else pool)
        if k in firsts:
            assert short.type == C and prod[short.inputs[0]] is bn_adds[k]
            assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short is res_adds[k - 1]
    assert prod[muls[-1].inputs[0]] is res_adds[-1]
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(1000, 2048)]
    # MACs and weights + biases by hand: stem, stages 1-4, FC
    layers = _layers()
    cuts = [0, 1, 1 + 10, 1 + 10 + 13, 1 + 10 + 13 + 19, 1 + 10 + 13 + 19 + 10, 54]
    assert [_hand_1d(layers[a:b]) for a, b in zip(cuts, cuts[1:])] == [
        (118_013_952, 9_472), (667_942_912, 214_400), (1_027_604_480, 1_216_000),
        (1_464_336_384, 7_088_128), (809_238_528, 14_953_472),
        (2_048_000, 2_049_000)]
    assert _hand_1d(layers) == (4_089_184_256, 25_530_472)
    bn = 2 * sum(c for _, c in BN_MAPS)
    assert bn == 30_336
    # published: 25.6 M parameters (ResNet-50's, recalled) and 3.8 G FLOPs
    # (multiply-adds, arXiv 1512.03385 Table 1, stride on the first 1x1)
    _pinned(g, (4_089_184_256, 25_530_472 + bn), (3.8e9, 25.6e6), (0.10, 0.01))


def _resnet_bcast_draws_checked():
    """resnet draws its layout post-activation (every ADD RELU, no MUL, no SOFTMAX)
    on inputs of at most 128 pixels; bcast's constants on maps of at most 64 x 48."""
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn.spaces_bcast import bcast

    for seed in range(12):
        g, _ = sp.resnet(np.random.default_rng(seed))
        types = Counter(g.op_types())
        assert not {"SOFTMAX", "MUL"} & set(types)
        assert set(_acts(g, A)) == {"RELU"}
        assert g.tensors[g.inputs[0]].shape[1] <= 128
    for seed in range(12):
        g, _ = bcast(np.random.default_rng(seed))
        shp = [g.tensors[op.outputs[0]].shape for op in g.ops]
        assert max(s[1] * s[2] for s in shp if len(s) == 4) <= 64 * 48


def test_no_training_space_draws_the_xlix_model_exactly():
    """The overlap stated in ``models.json``: resnet draws the layout
    post-activation (every ADD RELU, no MUL, no SOFTMAX) on inputs of at most 128
    pixels; bcast's constants [1, 1, 1, C] on maps of at most 64 x 48 x 64; the
    earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph

    _resnet_bcast_draws_checked()
    assert not _overlap_unnamed(ph.MODELS, {
        "resnet_v2_50_224": ("resnet50_224", "preact_resnet164_cifar_32",
                             "preact_resnet18_cifar_32", "fc_densenet56_224")})


def test_family_xlix_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36D == ("resnet_v2_50_224",)
    # after XLVIII's part C (later families may follow); every builder model once,
    # registered
    _registered_after(ph, ph.SESSION36D, ph.SESSION36C)
    assert ph.MODELS["resnet_v2_50_224"][1].split()[0] == "resnet"


@pytest.mark.slow
def test_family_xlix_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("resnet_v2_50_224")
    assert (ins, outs) == ([RV2_IN], [RV2_OUT])
    assert Counter(g.op_types()) == RV2_COUNTS and g.op_types() == RV2_TYPES
    # the int8 graph keeps the [1, 1, 1, C] MUL + ADD RELU batch norms
    _int8_bn_kept(g, BN_MAPS)
