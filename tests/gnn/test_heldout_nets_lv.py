"""jaxeff.gnn.heldout_nets_lv (held-out families LV; session 37, addendum 6,
pre-registered): the published structure of PreAct-ResNet-110 (a linear 3x3 stem of
16; three stages of 18 pre-activation basic units of 16, 32, 64 on 32, 16, 8 pixels
whose input batch norm is a per-channel MUL + ADD RELU on [1, 1, 1, C] constants, a
3x3 RELU (stride 2 in the first unit of stages 2 and 3), a linear 3x3, a linear
residual ADD; 1x1 / 2 projections of the pre-activated map; a final MUL + ADD RELU,
MEAN, FC 10, SOFTMAX) and of RevNet-38 (RevNet-110's layout, one code path, with 3
units a stage at 32, 64, 112 channels), op order, kernels, strides, activations,
output shapes, op counts per type, the MUL + ADD pairs by map size and channels, the
pinned multiply-add and parameter counts (by hand; the published 1.7 M and 0.46 M
parameters, from memory), registration, the int8 build (slow) and the overlap with
the training spaces (none draws them exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lv as hv
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides
from tests.gnn.test_heldout_nets_lii_b import _check_reversible
from tests.gnn.test_heldout_nets_xlix import (_bn_pairs, _int8_bn_kept,
                                              _resnet_bcast_draws_checked)

CIFAR_IN, CIFAR_OUT = (1, 32, 32, 3), (1, 10)
C, M, A, S, K = "CONV_2D", "MUL", "ADD", "SPLIT", "CONCATENATION"
HEAD = [M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"]

# -- PreAct-ResNet-110
PR110_COUNTS = {C: 111, M: 55, A: 109, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
UNIT = [M, A, C, C, A]
PROJ = [M, A, C, C, C, A]  # the projection after the branch's two convs
PR110_TYPES = [C] + UNIT * 18 + (PROJ + UNIT * 17) * 2 + HEAD
#: (map side, channels) of each unit's input batch norm, then the final one
PR110_BN = [(32, 16)] * 19 + [(16, 32)] * 18 + [(8, 64)] * 18

# -- RevNet-38
REV_COUNTS = {C: 35, M: 17, A: 33, S: 7, K: 7, "MEAN": 1, "FULLY_CONNECTED": 1,
              "SOFTMAX": 1}
FN = [M, A, C, C]
REV = [S] + FN + [A] + FN + [A, K]
BASIC = [M, A, C, C, C, A]
REV_TYPES = [C] + REV * 3 + (BASIC + REV * 2) * 2 + HEAD
#: F's and G's per reversible unit (on half the channels), the basic units' (on the
#: concatenation), the final one
REV_BN = ([(32, 16)] * 6 + [(32, 32)] + [(16, 32)] * 4 + [(16, 64)]
          + [(8, 56)] * 4 + [(8, 112)])


def _pr110_layers():
    """(output positions, C_in, C_out, taps) of every conv and the FC, in graph
    order, by hand: the stem; per unit 3x3 (stride 2 in the first unit of stages 2
    and 3), 3x3, then the projection in those units; the FC."""
    layers, side, cin = [(32 * 32, 3, 16, 9)], 32, 16
    for i, w in enumerate((16, 32, 64)):
        for j in range(18):
            s = 2 if i and not j else 1
            h = side // s
            layers += [(h * h, cin, w, 9), (h * h, w, w, 9)]
            layers += [(h * h, cin, w, 1)] if s == 2 else []
            side, cin = h, w
    return layers + [(1, 64, 10, 1)]


def _rev_layers():
    """As :func:`_pr110_layers` for RevNet-38: the stem; per reversible unit four
    3x3 convs on C / 2; per basic unit 3x3 / 2, 3x3 and the 1x1 / 2 projection; the
    FC."""
    layers = [(32 * 32, 3, 32, 9)]
    for side, c, cin, n in ((32, 32, None, 3), (16, 64, 32, 2), (8, 112, 64, 2)):
        if cin:
            layers += [(side * side, cin, c, 9), (side * side, c, c, 9),
                       (side * side, cin, c, 1)]
        layers += [(side * side, c // 2, c // 2, 9)] * 4 * n
    return layers + [(1, 112, 10, 1)]


def test_preact_resnet110_basic_units_mul_add_batch_norms_and_hand_counts():
    g = _graph(hv.preact_resnet110, CIFAR_IN, CIFAR_OUT, 278, PR110_COUNTS)
    assert (hv.PREACT110_STEM, hv.PREACT110_WIDTHS, hv.PREACT110_UNITS) == (
        16, (16, 32, 64), (18, 18, 18))
    assert g.op_types() == PR110_TYPES
    layers = _pr110_layers()
    assert len(layers) == 112
    # convs: 3x3 stem; per unit 3x3, 3x3 (+ the 1x1 / 2 projection); SAME
    k = [(3, 3), (3, 3)]
    assert _kernels(g, C) == [(3, 3)] + k * 18 + (k + [(1, 1)] + k * 17) * 2
    one = [(1, 1)] * 2
    assert _strides(g, C) == [(1, 1)] + one * 18 + (
        [(2, 2), (1, 1), (2, 2)] + one * 17) * 2
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert [(s[0] * s[1], s[2]) for s in _out_shapes(g, C)] == [
        (n, co) for n, _, co, _ in layers[:-1]]
    # the stem linear; in a unit the first 3x3 RELU (its batch norm folded), the
    # second 3x3 and the projection linear
    a = ["RELU", "NONE"]
    assert _acts(g, C) == ["NONE"] + a * 18 + (a + ["NONE"] + a * 17) * 2
    # the 55 unfolded batch norms: MUL by a positive [1, 1, 1, C] scale, ADD of a [1,
    # 1, 1, C] shift with RELU fused; 19 on 16-channel 32 x 32 maps (stage 1's 18
    # units' and stage 2's first), 18 on 16 x 16 x 32, 18 on 8 x 8 x 64 (the final)
    prod, muls, bn_adds, res_adds = _bn_pairs(g, PR110_BN)
    assert _out_shapes(g, M) == [(s, s, c) for s, c in PR110_BN]
    assert Counter(PR110_BN) == {(32, 16): 19, (16, 32): 18, (8, 64): 18}
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in res_adds] == [
        (s, s, w) for s, w in ((32, 16), (16, 32), (8, 64)) for _ in range(18)]
    # unit k's batch norm reads the stem (k = 0) or the previous sum; the branch the
    # pre-activated map; the projections (units 18, 36) read it too, the identity
    # shortcuts the raw sum (unit 0's the stem's output); the final batch norm the
    # last sum
    stem = g.ops[0]
    for k, add in enumerate(res_adds):
        main, short = (prod[t] for t in add.inputs)
        assert main.type == C and g.tensors[main.inputs[1]].shape[1:3] == (3, 3)
        first = prod[main.inputs[0]]
        assert first.type == C and prod[first.inputs[0]] is bn_adds[k]
        assert prod[muls[k].inputs[0]] is (res_adds[k - 1] if k else stem)
        if k in (18, 36):
            assert short.type == C and prod[short.inputs[0]] is bn_adds[k]
            assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short is (res_adds[k - 1] if k else stem)
    assert prod[muls[-1].inputs[0]] is res_adds[-1]
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(10, 64)]
    # MACs and weights + biases by hand: stem, stages 1-3, FC
    cuts = [0, 1, 1 + 36, 1 + 36 + 37, 1 + 36 + 37 + 37, 112]
    assert [_hand_1d(layers[a:b]) for a, b in zip(cuts, cuts[1:])] == [
        (442_368, 448), (84_934_656, 83_520), (83_886_080, 328_864),
        (83_886_080, 1_313_088), (640, 650)]
    assert _hand_1d(layers) == (253_149_824, 1_726_570)
    bn = 2 * sum(c for _, c in PR110_BN)
    assert bn == 4_064
    # published: 1.7 M parameters (ResNet-110's, from memory); no MAC count
    _pinned(g, (253_149_824, 1_726_570 + bn), (None, 1.7e6), (None, 0.05))


def test_revnet38_reversible_units_mul_add_batch_norms_and_hand_counts():
    g = _graph(hv.revnet38, CIFAR_IN, CIFAR_OUT, 102, REV_COUNTS)
    assert (hv.REVNET38_STEM, hv.REVNET38_WIDTHS, hv.REVNET38_UNITS) == (
        32, (32, 64, 112), (3, 3, 3))
    assert g.op_types() == REV_TYPES
    layers = _rev_layers()
    assert len(layers) == 36
    # convs: 3x3 but the projections; stride 2 on the basic units' first 3x3 and
    # projection; SAME
    assert _kernels(g, C) == [(1, 1) if k == 1 else (3, 3) for *_, k in layers[:-1]]
    one = [(1, 1)]
    assert _strides(g, C) == one * 13 + ([(2, 2), (1, 1), (2, 2)] + one * 8) * 2
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert [(s[0] * s[1], s[2]) for s in _out_shapes(g, C)] == [
        (n, co) for n, _, co, _ in layers[:-1]]
    fg = ["RELU", "NONE"]
    assert _acts(g, C) == ["NONE"] + fg * 6 + (fg + ["NONE"] + fg * 4) * 2
    prod, bn_adds, res_adds = _check_reversible(
        g, ((32, 16, 3), (16, 32, 2), (8, 56, 2)), REV_BN)
    assert len(res_adds) == 16
    # 6 of the 17 unfolded batch norms on 16-channel 32 x 32 maps (F's and G's of stage 1)
    assert Counter(REV_BN) == {(32, 16): 6, (32, 32): 1, (16, 32): 4, (16, 64): 1,
                               (8, 56): 4, (8, 112): 1}
    # the basic units: the batch norm on the previous CONCATENATION, the projection
    # on the pre-activated map
    basics = [op for op in res_adds if prod[op.inputs[1]].type == C]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in basics] == [
        (16, 16, 64), (8, 8, 112)]
    for op in basics:
        a = prod[prod[op.inputs[1]].inputs[0]]
        assert a in bn_adds and prod[prod[a.inputs[0]].inputs[0]].type == K
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(10, 112)]
    # MACs and weights + biases by hand: stem, stages 1-3, FC
    cuts = [0, 1, 1 + 12, 1 + 12 + 11, 1 + 12 + 11 + 11, 36]
    assert [_hand_1d(layers[a:b]) for a, b in zip(cuts, cuts[1:])] == [
        (884_736, 896), (28_311_552, 27_840), (33_554_432, 131_520),
        (26_263_552, 411_152), (1_120, 1_130)]
    assert _hand_1d(layers) == (89_015_392, 572_538)
    # the two full-width down-sampling units
    assert _hand_1d(layers[13:16])[1] + _hand_1d(layers[24:27])[1] == 242_448
    bn = 2 * sum(c for _, c in REV_BN)
    assert bn == 1_312
    # published: 0.46 M parameters (Table 1, from memory, as ResNet-32's; within 30
    # %: +24.8 %, the full-width down-sampling units); no MAC count
    _pinned(g, (89_015_392, 572_538 + bn), (None, 0.46e6), (None, 0.30))


def test_no_training_space_draws_the_lv_models_exactly():
    """The overlap stated in ``models.json``: resnet draws CIFAR ResNets
    post-activation (every ADD RELU, no MUL, no SOFTMAX); bcast's constants on maps of
    at most 64 x 48; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph

    _resnet_bcast_draws_checked()
    assert not _overlap_unnamed(ph.MODELS, {
        "preact_resnet110_cifar_32": ("preact_resnet164_cifar_32",
                                      "preact_resnet18_cifar_32",
                                      "preact_resnet34_224", "resnet32_cifar_32"),
        "revnet38_cifar_32": ("revnet110_cifar_32", "preact_resnet18_cifar_32",
                              "resnet32_cifar_32", "lednet_512x256")})


def test_family_lv_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37H == ("preact_resnet110_cifar_32", "revnet38_cifar_32")
    # after LIV's part B (later families may follow); every builder model once,
    # registered
    _registered_after(ph, ph.SESSION37H, ph.SESSION37G)
    assert {ph.MODELS[m][1].split()[0] for m in ph.SESSION37H} == {"resnet"}


@pytest.mark.slow
def test_family_lv_int8():
    # int8 input and output, the float graph's op sequence; the int8 graph keeps
    # the [1, 1, 1, C] MUL + ADD RELU batch norms
    for name, counts, types, bn in (
            ("preact_resnet110_cifar_32", PR110_COUNTS, PR110_TYPES, PR110_BN),
            ("revnet38_cifar_32", REV_COUNTS, REV_TYPES, REV_BN)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([CIFAR_IN], [CIFAR_OUT]), name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        _int8_bn_kept(g, bn)
