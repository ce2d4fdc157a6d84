"""jaxeff.gnn.heldout_nets_lii_b (held-out families LII, part B; session 37,
pre-registered): the published structure of RevNet-110 (a linear 3x3 stem of 32;
three stages of 9 units at 32, 64, 128 channels on 32, 16, 8 pixels; a reversible
unit a SPLIT into halves, y1 = F(x2) + x1, y2 = G(y1) + x2 with F and G a per-channel
MUL + ADD RELU batch norm on [1, 1, 1, C / 2] constants, a 3x3 RELU and a 3x3 linear,
a CONCATENATION; the first unit of stages 2 and 3 a pre-activation basic unit with a
1x1 / 2 projection; a final MUL + ADD RELU, MEAN, FC 10, SOFTMAX), op order,
kernels, strides, activations, output shapes, op counts per type, the MUL + ADD pairs
by map size and channels, the pinned multiply-add and parameter counts (by hand; the
published 1.73 M parameters), registration, the int8 build (slow) and the overlap
with the training spaces (none draws it exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lii_b as hr
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides
from tests.gnn.test_heldout_nets_xlix import _int8_bn_kept, _resnet_bcast_draws_checked

REV_IN, REV_OUT = (1, 32, 32, 3), (1, 10)
C, M, A, S, K = "CONV_2D", "MUL", "ADD", "SPLIT", "CONCATENATION"
REV_COUNTS = {C: 107, M: 53, A: 105, S: 25, K: 25, "MEAN": 1, "FULLY_CONNECTED": 1,
              "SOFTMAX": 1}
FN = [M, A, C, C]
REV = [S] + FN + [A] + FN + [A, K]
BASIC = [M, A, C, C, C, A]  # the projection after the branch's two convs
REV_TYPES = [C] + REV * 9 + (BASIC + REV * 8) * 2 + [
    M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
#: (map side, channels) of every unfolded batch norm: F's and G's per reversible unit
#: (on half the channels), the basic units' (on the concatenation), the final one
BN_MAPS = ([(32, 16)] * 18 + [(32, 32)] + [(16, 32)] * 16 + [(16, 64)]
           + [(8, 64)] * 16 + [(8, 128)])


def _layers():
    """(output positions, C_in, C_out, taps) of every conv and the FC, in graph
    order, by hand: the stem; per reversible unit four 3x3 convs on C / 2; per basic
    unit 3x3 / 2, 3x3 and the 1x1 / 2 projection; the FC."""
    layers = [(32 * 32, 3, 32, 9)]
    for side, c, n in ((32, 32, 9), (16, 64, 8), (8, 128, 8)):
        if side < 32:
            layers += [(side * side, c // 2, c, 9), (side * side, c, c, 9),
                       (side * side, c // 2, c, 1)]
        layers += [(side * side, c // 2, c // 2, 9)] * 4 * n
    return layers + [(1, 128, 10, 1)]


def _check_reversible(g, stages, bn_maps):
    """RevNet's reversible units and batch norms (shared with RevNet-38's test): each
    SPLIT in two along C (axis -1 or 3), ``stages`` = (side, C/2, units) per stage; the
    CONCATENATION of (y1, y2) with y1 = F(x2) + x1, y2 = G(y1) + x2, linear, the branch
    first, F's and G's batch norms reading x2 and y1; the unfolded batch norms a MUL by a
    positive [1, 1, 1, C] scale and an ADD of a [1, 1, 1, C] shift with RELU fused, by
    map and channels as ``bn_maps``; the residual ADDs linear. Returns the producers, the
    batch-norm ADDs and the residual ADDs."""
    prod = _producers(g)
    splits = [op for op in g.ops if op.type == S]
    assert {op.options["num_splits"] for op in splits} == {2}
    assert {int(g.tensors[op.inputs[0]].data) % 4 for op in splits} == {3}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in splits] == [
        (s, s, c) for s, c, n in stages for _ in range(n)]
    cats = [op for op in g.ops if op.type == K]
    for sp, cat in zip(splits, cats, strict=True):
        x1, x2 = sp.outputs
        y1, y2 = (prod[t] for t in cat.inputs)
        assert y1.type == A and y2.type == A
        assert y1.inputs[1] == x1 and y2.inputs[1] == x2
        f, gg = prod[y1.inputs[0]], prod[y2.inputs[0]]
        assert f.type == C and gg.type == C
        f_bn = prod[prod[prod[f.inputs[0]].inputs[0]].inputs[0]]
        g_bn = prod[prod[prod[gg.inputs[0]].inputs[0]].inputs[0]]
        assert f_bn.type == M and f_bn.inputs[0] == x2
        assert g_bn.type == M and g_bn.inputs[0] == y1.outputs[0]
    muls = [op for op in g.ops if op.type == M]
    bn_adds = [op for op in g.ops if op.type == A and prod[op.inputs[0]].type == M]
    res_adds = [op for op in g.ops if op.type == A and op not in bn_adds]
    assert len(muls) == len(bn_adds) == len(bn_maps)
    assert [prod[op.inputs[0]] for op in bn_adds] == muls
    for ops in (muls, bn_adds):
        assert [g.tensors[op.inputs[1]].shape for op in ops] == [
            (1, 1, 1, c) for _, c in bn_maps]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert [g.tensors[op.outputs[0]].shape[1:] for op in muls] == [
        (s, s, c) for s, c in bn_maps]
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    return prod, bn_adds, res_adds


def test_revnet110_reversible_units_mul_add_batch_norms_and_hand_counts():
    g = _graph(hr.revnet110, REV_IN, REV_OUT, 318, REV_COUNTS)
    assert (hr.REVNET110_STEM, hr.REVNET110_WIDTHS, hr.REVNET110_UNITS) == (
        32, (32, 64, 128), (9, 9, 9))
    assert g.op_types() == REV_TYPES
    layers = _layers()
    assert len(layers) == 108
    # convs: 3x3 but the projections; stride 2 on the basic units' first 3x3 and
    # projection; SAME
    assert _kernels(g, C) == [(1, 1) if k == 1 else (3, 3) for *_, k in layers[:-1]]
    one = [(1, 1)]
    assert _strides(g, C) == one * 37 + ([(2, 2), (1, 1), (2, 2)] + one * 32) * 2
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert [(s[0] * s[1], s[2]) for s in _out_shapes(g, C)] == [
        (n, co) for n, _, co, _ in layers[:-1]]
    # the stem linear; in F, G and the basic unit the first 3x3 RELU (its batch norm
    # folded), the second 3x3 and the projection linear
    fg = ["RELU", "NONE"]
    assert _acts(g, C) == ["NONE"] + fg * 18 + (fg + ["NONE"] + fg * 16) * 2
    prod, bn_adds, res_adds = _check_reversible(
        g, ((32, 16, 9), (16, 32, 8), (8, 64, 8)), BN_MAPS)
    assert len(res_adds) == 52
    assert Counter(BN_MAPS) == {(32, 16): 18, (32, 32): 1, (16, 32): 16, (16, 64): 1,
                                (8, 64): 16, (8, 128): 1}
    # the basic units: the batch norm on the previous CONCATENATION, the projection
    # on the pre-activated map
    basics = [op for op in res_adds if prod[op.inputs[1]].type == C]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in basics] == [
        (16, 16, 64), (8, 8, 128)]
    for op in basics:
        proj = prod[op.inputs[1]]
        a = prod[proj.inputs[0]]
        assert a in bn_adds and prod[prod[a.inputs[0]].inputs[0]].type == K
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(10, 128)]
    # MACs and weights + biases by hand: stem, stages 1-3, FC
    cuts = [0, 1, 1 + 36, 1 + 36 + 35, 1 + 36 + 35 + 35, 108]
    assert [_hand_1d(layers[a:b]) for a, b in zip(cuts, cuts[1:])] == [
        (884_736, 896), (84_934_656, 83_520), (90_177_536, 353_472),
        (90_177_536, 1_411_456), (1_280, 1_290)]
    assert _hand_1d(layers) == (266_175_744, 1_850_634)
    bn = 2 * sum(c for _, c in BN_MAPS)
    assert bn == 4_096
    # published: 1.73 M parameters (recalled; ResNet-110's as well); no MAC count
    _pinned(g, (266_175_744, 1_850_634 + bn), (None, 1.73e6), (None, 0.10))


def test_no_training_space_draws_the_lii_b_model_exactly():
    """The overlap stated in ``models.json``: resnet draws CIFAR ResNets
    post-activation (every ADD RELU, no MUL, no SOFTMAX); bcast's constants on maps of
    at most 64 x 48; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph

    _resnet_bcast_draws_checked()
    assert not _overlap_unnamed(ph.MODELS, {
        "revnet110_cifar_32": ("preact_resnet18_cifar_32", "preact_resnet164_cifar_32",
                               "resnet32_cifar_32", "lednet_512x256")})


def test_family_lii_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37B == ("revnet110_cifar_32",)
    # after LII's part A (later families may follow); every builder model once,
    # registered
    _registered_after(ph, ph.SESSION37B, ph.SESSION37A)
    assert ph.MODELS["revnet110_cifar_32"][1].split()[0] == "resnet"


@pytest.mark.slow
def test_family_lii_b_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("revnet110_cifar_32")
    assert (ins, outs) == ([REV_IN], [REV_OUT])
    assert Counter(g.op_types()) == REV_COUNTS and g.op_types() == REV_TYPES
    # the int8 graph keeps the [1, 1, 1, C] MUL + ADD RELU batch norms
    _int8_bn_kept(g, BN_MAPS)
