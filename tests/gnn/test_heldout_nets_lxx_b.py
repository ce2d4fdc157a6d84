"""jaxeff.gnn.heldout_nets_lxx_b (held-out families LXX, part B; session 43, section
4, pre-registered): the published structures of Pons and Serra's musicnn (MTT; a PAD
of 3 frames, 7x38 and 7x67 VALID timbral convs of 204 and 128x1, 64x1, 32x1 SAME
temporal convs of 51 on a 187 x 96 x 1 log-mel, each max-pooled over the frequency
axis and CONCATENATED to 561; three 7x1 convs of 64 with two residual ADDs,
CONCATENATED densely to 753; max and mean over time CONCATENATED to 1,506, FC 200
RELU, FC 50, LOGISTIC) and Redmon's Darknet Reference Model (seven 3x3 convs of 16 to
1,024 with standalone LEAKY_RELU 0.1 and six 2x2 / 2 max pools, the sixth SAME on the
odd 7 x 7 map, a 1x1 conv to 1,000, MEAN, SOFTMAX): their kernels, strides,
paddings, output shapes, activations, op counts and sequences, the pinned
multiply-add and parameter counts (by hand), the published Darknet figures,
registration, the int8 builds (slow) and the overlap with the training spaces (none
draws them exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxx_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, CAT, A, ME, R, FC, LG = ("CONV_2D", "MAX_POOL_2D", "CONCATENATION", "ADD",
                                "MEAN", "RESHAPE", "FULLY_CONNECTED", "LOGISTIC")
P, LR, SM = "PAD", "LEAKY_RELU", "SOFTMAX"
NAMES = ("musicnn_mtt_187x96", "darknet_ref_224")

# -- musicnn
M_IN, M_OUT = (1, 187, 96, 1), (1, 50)
M_COUNTS = {P: 1, C: 8, MP: 6, CAT: 3, A: 2, ME: 1, R: 1, FC: 2, LG: 1}
M_TYPES = ([P] + [C, MP] * 5 + [CAT] + [C, C, A, C, A, CAT] + [MP, ME, CAT, R, FC, FC,
                                                               LG])
M_KERNELS = [(7, 38), (7, 67), (128, 1), (64, 1), (32, 1)] + [(7, 1)] * 3
M_CONV = [(187, 59, 204), (187, 30, 204)] + [(187, 96, 51)] * 3 + [(187, 1, 64)] * 3
M_POOL = [(1, 59), (1, 30), (1, 96), (1, 96), (1, 96), (187, 1)]
#: (output positions, C_in, C_out, kernel taps) of the convs, then the two FCs
M_LAYERS = [(187 * 59, 1, 204, 7 * 38), (187 * 30, 1, 204, 7 * 67),
            (187 * 96, 1, 51, 128), (187 * 96, 1, 51, 64), (187 * 96, 1, 51, 32),
            (187, 561, 64, 7), (187, 64, 64, 7), (187, 64, 64, 7), (1, 1506, 200, 1),
            (1, 200, 50, 1)]

# -- Darknet Reference
D_IN, D_OUT = (1, 224, 224, 3), (1, 1000)
D_COUNTS = {C: 8, LR: 7, MP: 6, ME: 1, SM: 1}
D_TYPES = [C, LR, MP] * 6 + [C, LR, C, ME, SM]
D_SIDES = (224, 112, 56, 28, 14, 7, 4)
D_WIDTHS = (16, 32, 64, 128, 256, 512, 1024)
D_LAYERS = ([(s * s, ci, co, 9) for s, ci, co in zip(D_SIDES, (3,) + D_WIDTHS[:-1],
                                                     D_WIDTHS, strict=True)]
            + [(16, 1024, 1000, 1)])


def test_musicnn_front_mid_back_end_and_hand_counts():
    g = _graph(hl.musicnn_mtt, M_IN, M_OUT, 25, M_COUNTS)
    assert (hl.MUSICNN_FRAMES, hl.MUSICNN_MELS, hl.MUSICNN_TIMBRAL,
            hl.MUSICNN_TIMBRAL_FILTERS, hl.MUSICNN_TEMPORAL,
            hl.MUSICNN_TEMPORAL_FILTERS, hl.MUSICNN_MID, hl.MUSICNN_MID_K,
            hl.MUSICNN_MID_LAYERS, hl.MUSICNN_HIDDEN, hl.MUSICNN_TAGS) == (
        187, 96, ((7, 38), (7, 67)), 204, (128, 64, 32), 51, 64, 7, 3, 200, 50)
    # the recalled fractions of the 96 bins and of 128 / 32 filters
    assert (int(0.4 * 96), int(0.7 * 96), int(1.6 * 128), int(1.6 * 32)) == (
        38, 67, 204, 51)
    assert g.op_types() == M_TYPES
    prod = _producers(g)
    # the PAD: 3 frames each side, read by both timbral convs (VALID) only; the
    # temporal convs read the unpadded input (SAME)
    pad = g.ops[0]
    assert g.tensors[pad.outputs[0]].shape == (1, 193, 96, 1)
    assert g.tensors[pad.inputs[1]].data.tolist() == [[0, 0], [3, 3], [0, 0], [0, 0]]
    convs = [op for op in g.ops if op.type == C]
    assert [op.inputs[0] for op in convs[:5]] == [pad.outputs[0]] * 2 + [
        g.inputs[0]] * 3
    assert _kernels(g, C) == M_KERNELS and set(_strides(g, C)) == {(1, 1)}
    assert _opt(g, C, "padding") == ["VALID"] * 2 + ["SAME"] * 6
    assert _acts(g, C) == ["RELU"] * 8
    assert [g.tensors[op.inputs[1]].shape[3] for op in convs] == [1] * 5 + [561, 64,
                                                                           64]
    assert _out_shapes(g, C) == M_CONV
    # the pools: whole frequency axis (front-end), whole time axis (back-end), stride
    # 1 (one output either way), VALID
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == M_POOL
    assert _strides(g, MP) == [(1, 1)] * 6 and _opt(g, MP, "padding") == ["VALID"] * 6
    assert _out_shapes(g, MP) == [(187, 1, 204)] * 2 + [(187, 1, 51)] * 3 + [
        (1, 1, 753)]
    # the concatenations: front-end 561 (timbral first), mid-end 753 (front-end, c1,
    # r2, r3), back-end 1,506 (max, then mean)
    cats = [op for op in g.ops if op.type == CAT]
    assert _out_shapes(g, CAT) == [(187, 1, 561), (187, 1, 753), (1, 1, 1506)]
    assert [prod[t].type for t in cats[0].inputs] == [MP] * 5
    assert 2 * 204 + 3 * 51 == 561 and 561 + 3 * 64 == 753 and 2 * 753 == 1506
    f, c1, r2, r3 = cats[1].inputs
    assert (f, prod[c1].type, prod[r2].type, prod[r3].type) == (
        cats[0].outputs[0], C, A, A)
    assert [prod[t].type for t in cats[2].inputs] == [MP, ME]
    # the residual ADDs: the new 7x1 conv first, then the running map (c1, then r2)
    adds = [op for op in g.ops if op.type == A]
    assert [prod[op.inputs[0]].type for op in adds] == [C, C]
    assert [op.inputs[1] for op in adds] == [c1, r2] and adds[1].outputs[0] == r3
    assert _acts(g, A) == ["NONE"] * 2
    mean = next(op for op in g.ops if op.type == ME)
    assert g.tensors[mean.inputs[1]].data.tolist() == [1]
    assert mean.options["keep_dims"] is True
    # the head: RESHAPE to [1, 1506], FC 200 RELU, FC 50 linear, LOGISTIC
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 1506)
    assert _fc_weights(g) == [(200, 1506), (50, 200)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in M_LAYERS] == [
        598_694_712, 536_742_360, 117_190_656, 58_595_328, 29_297_664, 46_998_336,
        5_361_664, 5_361_664, 301_200, 10_000]
    assert 187 * 59 * 204 * 7 * 38 == 598_694_712
    assert 187 * 96 * 51 * 128 == 117_190_656
    assert (598_694_712 + 536_742_360 + 117_190_656 + 58_595_328 + 29_297_664
            + 46_998_336 + 2 * 5_361_664 + 301_200 + 10_000) == 1_398_553_584
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in M_LAYERS] == [
        54_468, 95_880, 6_579, 3_315, 1_683, 251_392, 28_736, 28_736, 301_400,
        10_050]
    assert (54_468 + 95_880 + 6_579 + 3_315 + 1_683 + 251_392 + 2 * 28_736 + 301_400
            + 10_050) == 782_239
    assert _hand_1d(M_LAYERS) == (1_398_553_584, 782_239)
    # the folded batch norms' scales and shifts (recalled ~787 k with them; not
    # pinned as published)
    assert 782_239 + 2 * (1 + 2 * 204 + 3 * 51 + 3 * 64 + 1506 + 200) == 787_159
    _pinned(g, (1_398_553_584, 782_239), (None, None), (None, None))


def test_musicnn_one_conv_taller_than_64():
    """The 128-frame temporal conv is the one kernel taller than 64 (longk's cap,
    and the limit of Vela's Python operator checks, which Vela 5.2's compiler does
    not apply: the model labels NPU-only); with time along W the 67-bin timbral conv
    would be the one instead."""
    from jaxeff.gnn import spaces_longk

    g = _graph(hl.musicnn_mtt, M_IN, M_OUT, 25, M_COUNTS)
    assert [kh for kh, _ in _kernels(g, C) if kh > spaces_longk.KH_MAX] == [128]
    assert [kw for _, kw in _kernels(g, C) if kw > 64] == [67]
    assert max(kh * kw for kh, kw in _kernels(g, C)) <= 4096


def test_darknet_ref_stack_pools_head_and_published_counts():
    g = _graph(hl.darknet_ref, D_IN, D_OUT, 23, D_COUNTS)
    assert (hl.DARKNET_REF, hl.DARKNET_REF_POOLS, hl.DARKNET_REF_CLASSES) == (
        D_WIDTHS, 6, 1000)
    assert g.op_types() == D_TYPES
    # every op reads the previous op's output (a plain chain)
    assert g.ops[0].inputs[0] == g.inputs[0] and g.outputs == g.ops[-1].outputs
    for a, b in zip(g.ops, g.ops[1:]):
        assert b.inputs[0] == a.outputs[0], (a.type, b.type)
    # the convs: 3x3 SAME linear (LEAKY_RELU 0.1 standalone), then the 1x1 to 1,000
    assert _kernels(g, C) == [(3, 3)] * 7 + [(1, 1)]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] * 8 and _opt(g, LR, "alpha") == [0.1] * 7
    assert _out_shapes(g, C) == [(s, s, c) for s, c in zip(D_SIDES, D_WIDTHS,
                                                           strict=True)] + [
        (4, 4, 1000)]
    # the pools: 2x2 / 2, VALID on the even maps, SAME on the odd 7 x 7 (-> 4 x 4)
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(2, 2)] * 6
    assert _strides(g, MP) == [(2, 2)] * 6
    assert _opt(g, MP, "padding") == ["VALID"] * 5 + ["SAME"]
    assert [s for s, _, _ in _out_shapes(g, MP)] == list(D_SIDES[1:])
    assert -(-7 // 2) == 4 and (7 - 2) // 2 + 1 == 3
    # the head: MEAN over H and W (no kept dims), SOFTMAX
    mean = next(op for op in g.ops if op.type == ME)
    assert g.tensors[mean.inputs[1]].data.tolist() == [1, 2]
    assert g.tensors[mean.outputs[0]].shape == (1, 1000)
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in D_LAYERS] == [
        21_676_032] + [57_802_752] * 5 + [75_497_472, 16_384_000]
    assert 21_676_032 + 5 * 57_802_752 + 75_497_472 + 16_384_000 == 402_571_264
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in D_LAYERS] == [
        448, 4_640, 18_496, 73_856, 295_168, 1_180_160, 4_719_616, 1_025_000]
    assert (448 + 4_640 + 18_496 + 73_856 + 295_168 + 1_180_160 + 4_719_616
            + 1_025_000) == 7_317_384
    assert _hand_1d(D_LAYERS) == (402_571_264, 7_317_384)
    # published (the Tiny Darknet page): 0.81 Bn operations (2 x multiply-adds) and
    # a 28 MB weight file (float32); a stride-1 sixth pool would give 1.18 Bn
    _pinned(g, (402_571_264, 7_317_384), (0.81e9 / 2, 28 * 2**20 / 4), (0.01, 0.01))
    assert round(2 * (402_571_264 - 75_497_472 - 16_384_000
                      + 49 * 1024 * 4608 + 49 * 1000 * 1024) / 1e9, 2) == 1.18


def test_family_lxx_b_registered_and_overlap_text():
    """Registered after LXIX part C (other families, LXX parts A and C, may sit
    between or follow); the overlap stated in ``models.json``: longk's one-channel
    maps stop at 128 a side and its kernels at 64 tall, one first conv, pools of at
    most 8; tiny's 187-row windows at 9 columns and 12 ops; plain's darknet draws the
    Darknet Reference trunk at 224 px but VALID pools and a detection head; the
    earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION43B == NAMES
    _registered_after(ph, ph.SESSION43B, ph.SESSION42C)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "plain"]
    assert 96 in spaces_longk.SIDES and 187 not in spaces_longk.SIDES
    assert spaces_longk.KH_MAX == 64 and spaces_longk.MAX_OPS == 30
    assert 204 not in spaces_longk.FILTERS and 51 not in spaces_longk.FILTERS
    assert spaces_tiny.MAX_OPS == 12 and 50 not in spaces_tiny.CLASSES
    assert 200 not in spaces_tiny.FC_WIDTHS
    assert not _overlap_unnamed(ph.MODELS, {
        "musicnn_mtt_187x96": ("textcnn_kim_56x300", "panns_cnn6_1001x64",
                               "fcn4_96x1366"),
        "darknet_ref_224": ("tiny_yolov2_416", "darknet19_224")})


def test_plain_darknet_draws_the_trunk_not_the_model():
    """plain's darknet builder with the Darknet Reference settings (base 16, cap
    1,024, seven layers, six pools, 224 px, LEAKY) gives the same trunk up to the
    sixth pool, which it floors (7 -> 3), and a detection head instead of the
    ImageNet one."""
    import numpy as np

    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.spaces_plain import darknet_net

    b = NetBuilder(np.random.default_rng(0), "t")
    out = darknet_net(b, base=16, cap=1024, layers=7, pools=6, res=224,
                      act="LEAKY", final_pool=False, anchors=5, classes=20)
    g = b.finish([out])
    assert b.shape(out) == (1, 3, 3, 125)
    assert _opt(g, MP, "padding") == ["VALID"] * 6
    assert "MEAN" not in g.op_types() and "SOFTMAX" not in g.op_types()
    d = _graph(hl.darknet_ref, D_IN, D_OUT, 23, D_COUNTS)
    assert g.op_types() == d.op_types()[:-2]
    assert _out_shapes(g, C)[:6] == _out_shapes(d, C)[:6]


@pytest.mark.slow
def test_family_lxx_b_int8():
    g, ins, outs = _int8_io("musicnn_mtt_187x96")
    assert (ins, outs) == ([M_IN], [M_OUT])
    assert Counter(g.op_types()) == M_COUNTS and g.op_types() == M_TYPES
    assert _kernels(g, C) == M_KERNELS and _out_shapes(g, C) == M_CONV
    assert _opt(g, C, "padding") == ["VALID"] * 2 + ["SAME"] * 6
    assert _acts(g, C) == ["RELU"] * 8
    assert _out_shapes(g, CAT) == [(187, 1, 561), (187, 1, 753), (1, 1, 1506)]
    assert _fc_weights(g) == [(200, 1506), (50, 200)]
    g, ins, outs = _int8_io("darknet_ref_224")
    assert (ins, outs) == ([D_IN], [D_OUT])
    assert Counter(g.op_types()) == D_COUNTS and g.op_types() == D_TYPES
    assert _kernels(g, C) == [(3, 3)] * 7 + [(1, 1)]
    assert _opt(g, MP, "padding") == ["VALID"] * 5 + ["SAME"]
    assert _out_shapes(g, C)[-2:] == [(4, 4, 1024), (4, 4, 1000)]
