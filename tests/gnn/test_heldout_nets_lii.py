"""jaxeff.gnn.heldout_nets_lii (held-out families LII, part A; session 37,
pre-registered): the published structure of Residual Attention Network-56 (a 7x7 / 2
RELU stem of 64 and a 3x3 / 2 max pool; pre-activation bottleneck units whose input
batch norm is a per-channel MUL + ADD RELU on [1, 1, 1, C] constants, 1x1 RELU, 3x3
RELU, 1x1 linear, a linear residual ADD, 1x1 projections where the shape changes;
three attention modules with 3, 2, 1 mask levels of max pools, RESIZE_BILINEAR x2 and
skip ADDs, a MUL + ADD RELU, two 1x1 convs, LOGISTIC, (1 + mask) x trunk as an ADD of
a constant 1 and a MUL; a final MUL + ADD RELU, MEAN, FC 1000, SOFTMAX), op order,
kernels, strides, activations, output shapes, op counts per type, the MUL + ADD pairs
by map size and channels, the pinned multiply-add and parameter counts (by hand; the
published 31.9 M parameters and 6.2 G FLOPs), registration, the int8 build (slow)
and the overlap with the training spaces (none draws it exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lii as ha
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides
from tests.gnn.test_heldout_nets_xlix import _resnet_bcast_draws_checked

ATT_IN, ATT_OUT = (1, 224, 224, 3), (1, 1000)
C, M, A, P, R, L = ("CONV_2D", "MUL", "ADD", "MAX_POOL_2D", "RESIZE_BILINEAR",
                    "LOGISTIC")
ATT_COUNTS = {C: 110, M: 40, A: 79, P: 7, R: 6, L: 3, "MEAN": 1,
              "FULLY_CONNECTED": 1, "SOFTMAX": 1}
RU = [M, A, C, C, C, A]
RU_PROJ = [M, A, C, C, C, C, A]
GATE = [M, A, C, C, L, A, M]  # mask head MUL + ADD RELU, 1x1, 1x1, LOGISTIC; 1 +, x


def _module_types(levels):
    """The op types of an attention module of ``levels`` mask levels, by hand."""
    t = RU * 3  # the first unit, the trunk's two
    for _ in range(levels):
        t += [P] + RU * 2  # the level's unit, then the skip (or the bottom's second)
    for i in reversed(range(levels)):
        t += [R, A] + (RU if i else [])
    return t + GATE + RU


ATT_TYPES = [C, P] + [t for i, n in enumerate((3, 2, 1))
                      for t in RU_PROJ + _module_types(n)] + (
    RU_PROJ + RU * 2 + [M, A, "MEAN", "FULLY_CONNECTED", "SOFTMAX"])


def _unit(side, cin, out, s=1):
    """(layers, bn map) of RU(out, s) on a side x side x cin map: 1x1, 3x3 / s, 1x1 and
    the projection, as (output positions, C_in, C_out, taps)."""
    h, w = side // s, out // 4
    layers = [(side * side, cin, w, 1), (h * h, w, w, 9), (h * h, w, out, 1)]
    proj = [(h * h, cin, out, 1)] if (s, cin) != (1, out) else []
    return layers + proj, (side, cin)


def _hand():
    """Every conv and the FC in graph order, and the (side, C) of every unfolded
    batch norm, by hand from the paper's table (independently of the builder)."""
    layers, bns = [(112 * 112, 3, 64, 49)], []

    def ru(side, cin, out, s=1):
        ls, bn = _unit(side, cin, out, s)
        layers.extend(ls)
        bns.append(bn)

    side, cin = 56, 64
    for i, (c, levels) in enumerate(zip((256, 512, 1024), (3, 2, 1))):
        ru(side, cin, c, 2 if i else 1)
        side, cin = side // (2 if i else 1), c
        for _ in range(3):  # the first unit, the trunk
            ru(side, c, c)
        s = side
        for _ in range(levels):
            s //= 2
            ru(s, c, c)
            ru(s, c, c)  # the skip unit, or the bottom's second
        for i_up in reversed(range(levels)):
            s *= 2
            if i_up:
                ru(s, c, c)
        bns.append((side, c))
        layers += [(side * side, c, c, 1)] * 2  # the mask head's 1x1 convs
        ru(side, c, c)  # the last unit
    ru(14, 1024, 2048, 2)
    ru(7, 2048, 2048)
    ru(7, 2048, 2048)
    bns.append((7, 2048))
    return layers + [(1, 2048, 1000, 1)], bns


def test_attention56_structure_mask_branches_batch_norms_and_hand_counts():
    g = _graph(ha.attention56, ATT_IN, ATT_OUT, 248, ATT_COUNTS)
    assert (ha.ATT56_STEM, ha.ATT56_WIDTHS, ha.ATT56_LEVELS, ha.ATT56_LAST) == (
        64, (256, 512, 1024), (3, 2, 1), 2048)
    assert g.op_types() == ATT_TYPES
    layers, bns = _hand()
    assert len(layers) == 111 and len(bns) == 37
    # kernels, strides and output channels of every conv, by hand
    taps = {1: (1, 1), 9: (3, 3), 49: (7, 7)}
    assert _kernels(g, C) == [taps[k] for _, _, _, k in layers[:-1]]
    strided = {i for i, (n, ci, co, k) in enumerate(layers[:-1])
               if k == 9 and n in (28 * 28, 14 * 14, 7 * 7) and ci == co
               and ci in (128, 256, 512) and layers[i - 1][0] == 4 * n}
    assert len(strided) == 3
    assert _strides(g, C).count((2, 2)) == 1 + 3 + 3  # stem, 3x3s, projections
    assert [tuple(s[1:]) for s in _out_shapes(g, C)][0] == (112, 64)
    assert [s[0] * s[1] for s in _out_shapes(g, C)] == [n for n, *_ in layers[:-1]]
    assert [s[-1] for s in _out_shapes(g, C)] == [co for _, _, co, _ in layers[:-1]]
    # activations: stem RELU; per unit 1x1 RELU, 3x3 RELU, 1x1 linear (+ projection
    # linear); mask head 1x1 RELU, 1x1 linear
    acts = _acts(g, C)
    assert acts[0] == "RELU" and acts.count("RELU") == 1 + 2 * 33 + 3
    assert acts.count("NONE") == 33 + 4 + 3
    # max pools 3x3 / 2 SAME: the stem's at 56, module 1's 28, 14, 7, module 2's 14,
    # 7, module 3's 7
    pools = [op for op in g.ops if op.type == P]
    assert {(op.options["filter_height"], op.options["filter_width"],
             op.options["stride_h"], op.options["padding"]) for op in pools} == {
        (3, 3, 2, "SAME")}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in pools] == [
        (56, 56, 64), (28, 28, 256), (14, 14, 256), (7, 7, 256), (14, 14, 512),
        (7, 7, 512), (7, 7, 1024)]
    # RESIZE_BILINEAR x2, half-pixel centres and align_corners off, each ADDed (linear,
    # the up-sampled map first) to a skip unit's output or, last in a module, to the
    # trunk
    prod = _producers(g)
    rs = [op for op in g.ops if op.type == R]
    assert [(g.tensors[op.inputs[0]].shape[1], g.tensors[op.outputs[0]].shape[1:])
            for op in rs] == [(7, (14, 14, 256)), (14, (28, 28, 256)),
                              (28, (56, 56, 256)), (7, (14, 14, 512)),
                              (14, (28, 28, 512)), (7, (14, 14, 1024))]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in rs} == {(False, False)}
    assert [list(g.tensors[op.inputs[1]].data) for op in rs] == [
        [s, s] for s in (14, 28, 56, 14, 28, 14)]
    up_adds = [op for op in g.ops if op.type == A and prod.get(op.inputs[0]) in rs]
    assert [prod[op.inputs[0]] for op in up_adds] == rs
    assert {op.options["fused_activation_function"] for op in up_adds} == {"NONE"}
    # the skip (or trunk) summand is a residual unit's ADD of the same shape
    assert all(prod[op.inputs[1]].type == A for op in up_adds)
    # the gate: LOGISTIC, ADD of a constant 1 [1, 1, 1, 1], MUL by the trunk (the
    # second trunk unit's ADD, which the top up-sampling ADD reads as well)
    logs = [op for op in g.ops if op.type == L]
    one_adds = [op for op in g.ops if op.type == A and prod.get(op.inputs[0]) in logs]
    assert [prod[op.inputs[0]] for op in one_adds] == logs
    for op in one_adds:
        k = g.tensors[op.inputs[1]]
        assert k.shape == (1, 1, 1, 1) and k.data.ravel().tolist() == [1.0]
    gates = [op for op in g.ops
             if op.type == M and g.tensors[op.inputs[1]].data is None]
    assert [prod[op.inputs[0]] for op in gates] == one_adds
    tops = [up_adds[i] for i in (2, 4, 5)]
    assert [op.inputs[1] for op in gates] == [op.inputs[1] for op in tops]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in gates] == [
        (56, 56, 256), (28, 28, 512), (14, 14, 1024)]
    # the 37 unfolded batch norms: MUL by a positive [1, 1, 1, C] scale, ADD of a [1,
    # 1, 1, C] shift with RELU fused, on the maps the hand table lists
    muls = [op for op in g.ops if op.type == M and op not in gates]
    bn_adds = [op for op in g.ops if op.type == A and prod.get(op.inputs[0]) in muls]
    assert len(muls) == len(bn_adds) == 37
    assert [prod[op.inputs[0]] for op in bn_adds] == muls
    for ops in (muls, bn_adds):
        assert [g.tensors[op.inputs[1]].shape for op in ops] == [
            (1, 1, 1, c) for _, c in bns]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert [g.tensors[op.outputs[0]].shape[1:] for op in muls] == [
        (s, s, c) for s, c in bns]
    # by map: the module's map 4 units, the mask head and the next strided unit's
    # input; a mask level two units, one more on the way up but at the bottom
    assert Counter(bns) == {(56, 64): 1, (56, 256): 6, (28, 256): 3, (14, 256): 3,
                            (7, 256): 2, (28, 512): 6, (14, 512): 3, (7, 512): 2,
                            (14, 1024): 6, (7, 1024): 2, (7, 2048): 3}
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    res_adds = [op for op in g.ops if op.type == A
                and op not in bn_adds + up_adds + one_adds]
    assert len(res_adds) == 33
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(1000, 2048)]
    # MACs and weights + biases by hand (the three constants 1 are parameters too)
    assert _hand_1d(layers) == (6_270_836_736, 31_778_152)
    bn = 2 * sum(c for _, c in bns)
    assert bn == 47_232
    # published: 31.9 M parameters and 6.2 G FLOPs (multiply-adds), recalled
    _pinned(g, (6_270_836_736, 31_778_152 + bn + 3), (6.2e9, 31.9e6), (0.05, 0.01))


def test_no_training_space_draws_the_lii_model_exactly():
    """The overlap stated in ``models.json``: resnet draws bottleneck layouts
    post-activation (every ADD RELU, no MUL, no SOFTMAX) on inputs of at most 128
    pixels; bcast's constants on maps of at most 64 x 48; the earlier models of the
    same kinds are named."""
    from experiments import perfsage_heldout as ph

    _resnet_bcast_draws_checked()
    assert not _overlap_unnamed(ph.MODELS, {
        "attention56_224": ("resnet_v2_50_224", "stacked_hourglass_1_256",
                            "attention_unet_128")})


def test_family_lii_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37A == ("attention56_224",)
    # after LI's part K (later families may follow); every builder model once,
    # registered
    _registered_after(ph, ph.SESSION37A, ph.SESSION36K)
    assert ph.MODELS["attention56_224"][1].split()[0] == "resnet"


@pytest.mark.slow
def test_family_lii_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("attention56_224")
    assert (ins, outs) == ([ATT_IN], [ATT_OUT])
    assert Counter(g.op_types()) == ATT_COUNTS and g.op_types() == ATT_TYPES
    # the int8 graph keeps the [1, 1, 1, C] MUL + ADD RELU batch norms (and the
    # three gate MULs of two maps)
    bns = _hand()[1]
    consts = [op for op in g.ops if op.type == M
              and g.tensors[op.inputs[1]].data is not None]
    assert [g.tensors[op.inputs[1]].shape for op in consts] == [
        (1, 1, 1, c) for _, c in bns]
    assert [op.type for op in g.ops].count(R) == 6
