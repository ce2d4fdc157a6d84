"""jaxeff.gnn.heldout_nets_lvii (held-out families LVII; session 37, addendum 8,
pre-registered): the published structure of TSception (three temporal 1x64, 1x32,
1x16 VALID convs of 15 on a 28 x 512 x 1 EEG window, LEAKY_RELUs, average pools 1x8
/ 8, a CONCATENATION along time, a MUL + ADD batch norm, 28x1 and 14x1 / 14 spatial
convs with average pools 1x2 / 2 concatenated along H, a batch norm, a 3x1 fusion
conv, an average pool 1x4 / 4, MEAN, FC 32 RELU, FC 2, SOFTMAX) and of Tsinalis et
al. 2016 (a 1x200 VALID RELU conv of 20 on 15,000 samples, a max pool 1x20 / 10, a
TRANSPOSE stacking the maps as 20 rows, a 20x30 VALID RELU conv of 400, a max pool
1x10 / 2, a flatten of 288,400, FC 500, FC 500, FC 5, SOFTMAX), kernels, strides (the
pools' above 3 and the narrow-input long-kernel convs pinned), paddings, output
shapes, activations, op counts per type, the pinned multiply-add and parameter counts
(by hand), registration, the int8 build (slow) and the overlap with the training
spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lvii as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, AP, R, FC, SM = ("CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "RESHAPE",
                        "FULLY_CONNECTED", "SOFTMAX")
LR, CAT, MUL, ADD, MEAN, TR = ("LEAKY_RELU", "CONCATENATION", "MUL", "ADD", "MEAN",
                               "TRANSPOSE")

# -- TSception
TSC_IN, TSC_OUT = (1, 28, 512, 1), (1, 2)
TSC_COUNTS = {C: 6, LR: 6, AP: 6, CAT: 2, MUL: 2, ADD: 2, MEAN: 1, FC: 2, SM: 1}
TSC_TYPES = ([C, LR, AP] * 3 + [CAT, MUL, ADD] + [C, LR, AP] * 2 + [CAT, MUL, ADD]
             + [C, LR, AP, MEAN, FC, FC, SM])
#: (output positions, C_in, C_out, taps): the temporal convs (512 - k + 1 = 449, 481,
#: 497 samples on 28 rows), the spatial (178 samples on 1 and 2 rows), the fusion (89
#: samples on 1 row), the two FCs
TSC_LAYERS = [(28 * 449, 1, 15, 64), (28 * 481, 1, 15, 32), (28 * 497, 1, 15, 16),
              (178, 15, 15, 28), (2 * 178, 15, 15, 14), (89, 15, 15, 3),
              (1, 15, 32, 1), (1, 32, 2, 1)]

# -- Tsinalis et al. 2016
TSI_IN, TSI_OUT = (1, 1, 15000, 1), (1, 5)
TSI_COUNTS = {C: 2, MP: 2, TR: 1, R: 1, FC: 3, SM: 1}
TSI_TYPES = [C, MP, TR, C, MP, R, FC, FC, FC, SM]
#: (output positions, C_in, C_out, taps): 15,000 - 199 = 14,801; 1,479 - 29 = 1,450;
#: the flatten of 721 x 400 = 288,400 into the FCs
TSI_LAYERS = [(14801, 1, 20, 200), (1450, 1, 400, 600), (1, 288400, 500, 1),
              (1, 500, 500, 1), (1, 500, 5, 1)]


@pytest.fixture(scope="module")
def tsi_graph():
    return _graph(hl.tsinalis2016, TSI_IN, TSI_OUT, 10, TSI_COUNTS)


def test_tsception_temporal_spatial_fusion_pools_stride_8_4_and_hand_counts():
    g = _graph(hl.tsception, TSC_IN, TSC_OUT, 28, TSC_COUNTS)
    assert (hl.TSC_IN, hl.TSC_T_KERNELS, hl.TSC_FILTERS, hl.TSC_T_POOL, hl.TSC_S_POOL,
            hl.TSC_F_POOL, hl.TSC_S_KERNELS, hl.TSC_S_STRIDES, hl.TSC_F_KERNEL,
            hl.TSC_HIDDEN, hl.TSC_CLASSES, hl.TSC_ALPHA) == (
        (28, 512), (64, 32, 16), 15, 8, 2, 4, (28, 14), (1, 14), 3, 32, 2, 0.01)
    assert g.op_types() == TSC_TYPES
    convs = [op for op in g.ops if op.type == C]
    # convs: VALID, linear (standalone LEAKY_RELU after each), with biases
    assert _kernels(g, C) == [(1, 64), (1, 32), (1, 16), (28, 1), (14, 1), (3, 1)]
    assert _strides(g, C) == [(1, 1)] * 3 + [(1, 1), (14, 1), (1, 1)]
    assert set(_opt(g, C, "padding")) == {"VALID"}
    assert set(_acts(g, C)) == {"NONE"}
    assert {len(op.inputs) for op in convs} == {3}
    assert _out_shapes(g, C) == [(28, 449, 15), (28, 481, 15), (28, 497, 15),
                                 (1, 178, 15), (2, 178, 15), (1, 89, 15)]
    # rule Z's domain: the three temporal convs have 1 input channel (< 8) and 64,
    # 32, 16 taps (>= 16), stride 1, each on the input
    assert [g.tensors[op.inputs[1]].shape for op in convs[:3]] == [
        (15, 1, 64, 1), (15, 1, 32, 1), (15, 1, 16, 1)]
    assert all(op.inputs[0] == g.inputs[0] for op in convs[:3])
    assert [g.tensors[op.inputs[1]].shape for op in convs[3:]] == [
        (15, 28, 1, 15), (15, 14, 1, 15), (15, 3, 1, 15)]
    # LEAKY_RELU 0.01 after each conv, each pool on its LEAKY_RELU
    lrs = [op for op in g.ops if op.type == LR]
    assert set(_opt(g, LR, "alpha")) == {0.01}
    assert [op.inputs[0] for op in lrs] == [op.outputs[0] for op in convs]
    pools = [op for op in g.ops if op.type == AP]
    assert [p.inputs[0] for p in pools] == [op.outputs[0] for op in lrs]
    # average pools VALID, stride = window: 1x8 / 8 (stride 8 above 3) x 3, 1x2 / 2
    # x 2, 1x4 / 4 (stride 4 above 3); 449, 481, 497 and 89 floored (1 dropped each)
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 8)] * 3 + [(1, 2)] * 2 + [(1, 4)]
    assert _strides(g, AP) == [(1, 8)] * 3 + [(1, 2)] * 2 + [(1, 4)]
    assert set(_opt(g, AP, "padding")) == {"VALID"}
    assert _out_shapes(g, AP) == [(28, 56, 15), (28, 60, 15), (28, 62, 15),
                                  (1, 89, 15), (2, 89, 15), (1, 22, 15)]
    assert [w % p for w, p in ((449, 8), (481, 8), (497, 8), (178, 2), (89, 4))] == [
        1, 1, 1, 0, 1]
    # the concatenations: temporal along W (56 + 60 + 62 = 178), spatial along H
    cats = [op for op in g.ops if op.type == CAT]
    assert [op.inputs for op in cats] == [
        tuple(p.outputs[0] for p in pools[:3]), tuple(p.outputs[0] for p in pools[3:5])]
    assert [op.options["axis"] for op in cats] == [2, 1]
    assert _out_shapes(g, CAT) == [(28, 178, 15), (3, 89, 15)]
    # the batch norms: MUL then ADD on [1, 1, 1, 15] constants, linear, on each
    # concatenation, feeding the spatial convs and the fusion conv
    muls, adds = [op for op in g.ops if op.type == MUL], [
        op for op in g.ops if op.type == ADD]
    for cat, m, a in zip(cats, muls, adds, strict=True):
        assert m.inputs[0] == cat.outputs[0] and a.inputs[0] == m.outputs[0]
        assert g.tensors[m.inputs[1]].shape == g.tensors[a.inputs[1]].shape == (
            1, 1, 1, 15)
    assert set(_acts(g, MUL)) | set(_acts(g, ADD)) == {"NONE"}
    assert convs[3].inputs[0] == convs[4].inputs[0] == adds[0].outputs[0]
    assert convs[5].inputs[0] == adds[1].outputs[0]
    # the head: MEAN over H, W of the last pool, FC 32 RELU, FC 2 linear, SOFTMAX
    mean, fc1, fc2, sm = g.ops[-4:]
    assert mean.inputs[0] == pools[-1].outputs[0]
    assert g.tensors[mean.outputs[0]].shape == (1, 1, 1, 15)
    assert _fc_weights(g) == [(32, 15), (2, 32)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert fc1.inputs[0] == mean.outputs[0] and fc2.inputs[0] == fc1.outputs[0]
    assert sm.inputs == fc2.outputs and g.outputs == sm.outputs
    # MACs: 28 x 449 x 15 x 64, 28 x 481 x 15 x 32, 28 x 497 x 15 x 16, 178 x 15 x 15
    # x 28, 2 x 178 x 15 x 15 x 14, 89 x 15 x 15 x 3, 15 x 32, 32 x 2
    assert [t * ci * co * k for t, ci, co, k in TSC_LAYERS] == [
        12_069_120, 6_464_640, 3_339_840, 1_121_400, 1_121_400, 60_075, 480, 64]
    assert (12_069_120 + 6_464_640 + 3_339_840 + 1_121_400 + 1_121_400 + 60_075
            + 480 + 64) == 24_177_019
    # parameters: weights and biases, plus 2 x (15 + 15) batch-norm scales / shifts
    assert [ci * co * k + co for _, ci, co, k in TSC_LAYERS] == [
        975, 495, 255, 6_315, 3_165, 690, 512, 66]
    assert 975 + 495 + 255 + 30 + 6_315 + 3_165 + 30 + 690 + 512 + 66 == 12_533
    macs, params = _hand_1d(TSC_LAYERS)
    assert (macs, params + 2 * 30) == (24_177_019, 12_533)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (24_177_019, 12_533), (None, None), (None, None))


def test_tsinalis2016_long_kernels_pool_stride_10_transpose_and_hand_counts(
        tsi_graph):
    g = tsi_graph
    assert (hl.TSI_LEN, hl.TSI_F1, hl.TSI_K1, hl.TSI_P1, hl.TSI_F2, hl.TSI_K2,
            hl.TSI_P2, hl.TSI_HIDDEN, hl.TSI_CLASSES) == (
        15000, 20, 200, (20, 10), 400, 30, (10, 2), (500, 500), 5)
    assert g.op_types() == TSI_TYPES
    c1, p1, tr, c2, p2, rs, f1, f2, f3, sm = g.ops
    # convs: 1x200 and 20x30 VALID RELU, stride 1, with biases; both 1 input
    # channel (< 8) with 200 and 600 taps (>= 16): rule Z's domain
    assert _kernels(g, C) == [(1, 200), (20, 30)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"VALID"}
    assert _acts(g, C) == ["RELU"] * 2
    assert {len(op.inputs) for op in (c1, c2)} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in (c1, c2)] == [
        (20, 1, 200, 1), (400, 20, 30, 1)]
    assert _out_shapes(g, C) == [(1, 14801, 20), (1, 1450, 400)]
    # max pools: 1x20 / (1, 10) (stride 10 above 3; (14,801 - 20) / 10 floored, 1
    # sample dropped), 1x10 / (1, 2) (exact)
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in (p1, p2)] == [(1, 20), (1, 10)]
    assert _strides(g, MP) == [(1, 10), (1, 2)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == [(1, 1479, 20), (1, 721, 400)]
    assert (14801 - 20) // 10 + 1 == 1479 and (14801 - 20) % 10 == 1
    assert (1450 - 10) % 2 == 0 and (1450 - 10) // 2 + 1 == 721
    # the stacking: TRANSPOSE (0, 3, 2, 1) of the pooled one-row map to 20 rows
    assert tr.inputs[0] == p1.outputs[0] and c2.inputs[0] == tr.outputs[0]
    assert tuple(g.tensors[tr.inputs[1]].data) == (0, 3, 2, 1)
    assert g.tensors[tr.outputs[0]].shape == (1, 20, 1479, 1)
    assert p1.inputs[0] == c1.outputs[0] and p2.inputs[0] == c2.outputs[0]
    # the head: flatten to [1, 288400], FC 500 RELU x 2, FC 5 linear, SOFTMAX
    assert rs.inputs[0] == p2.outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 288400) and 721 * 400 == 288400
    assert _fc_weights(g) == [(500, 288400), (500, 500), (5, 500)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert (f1.inputs[0], f2.inputs[0], f3.inputs[0]) == (
        rs.outputs[0], f1.outputs[0], f2.outputs[0])
    assert sm.inputs == f3.outputs and g.outputs == sm.outputs
    # MACs: 14,801 x 20 x 200, 1,450 x 400 x 600, 288,400 x 500, 500 x 500, 500 x 5
    assert [t * ci * co * k for t, ci, co, k in TSI_LAYERS] == [
        59_204_000, 348_000_000, 144_200_000, 250_000, 2_500]
    assert (59_204_000 + 348_000_000 + 144_200_000 + 250_000
            + 2_500) == 551_656_500
    assert [ci * co * k + co for _, ci, co, k in TSI_LAYERS] == [
        4_020, 240_400, 144_200_500, 250_500, 2_505]
    assert 4_020 + 240_400 + 144_200_500 + 250_500 + 2_505 == 144_697_925
    assert _hand_1d(TSI_LAYERS) == (551_656_500, 144_697_925)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (551_656_500, 144_697_925), (None, None), (None, None))


def test_no_training_space_draws_the_lvii_models_exactly():
    """The overlap stated in ``models.json``: longk draws 2-D maps of at most 128 a
    side and 1-D signals of lengths without 15,000, pools of stride at most 3 under
    at most 50 M MACs; no draw pools with a stride above 3; the earlier models of the
    same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert max(spaces_longk.SIDES) == 128 < 512 and 15000 not in spaces_longk.LENGTHS
    assert spaces_longk.MAX_MACS == 50_000_000 < 551_656_500
    rng = np.random.default_rng(57)
    for name in ("longk", "tiny", "agg"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape not in (TSC_IN, TSI_IN), name
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type in (MP, AP)), name
    assert not _overlap_unnamed(ph.MODELS, {
        "tsception_28x512": ("eegnet_8_2_64x128", "chambon2018_2x3840"),
        "tsinalis2016_15000": ("chambon2018_2x3840", "deepsleepnet_cnn_3000",
                               "tinysleepnet_cnn_3000", "utime_4096")})


def test_family_lvii_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37J == ("tsception_28x512", "tsinalis2016_15000")
    # after LVI (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION37J, ph.SESSION37I)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION37J] == ["longk", "longk"]


@pytest.mark.slow
def test_family_lvii_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the pools of stride above 3 and the narrow-input long-kernel convs
    for name, shapes, counts, types, strides, pool in (
            ("tsception_28x512", (TSC_IN, TSC_OUT), TSC_COUNTS, TSC_TYPES,
             [(1, 8)] * 3 + [(1, 2)] * 2 + [(1, 4)], AP),
            ("tsinalis2016_15000", (TSI_IN, TSI_OUT), TSI_COUNTS, TSI_TYPES,
             [(1, 10), (1, 2)], MP)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([shapes[0]], [shapes[1]]), name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        assert _strides(g, pool) == strides, name
    assert _kernels(g, C) == [(1, 200), (20, 30)]
