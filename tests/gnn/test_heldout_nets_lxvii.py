"""jaxeff.gnn.heldout_nets_lxvii (held-out families LXVII; session 41, addendum 2,
pre-registered): three raw-waveform CNNs whose first conv has a stride above 3 and a
fused RELU, the samples along W, one row (PANNs' Wavegram front end on 32,000
samples: a 1x11 / 5 VALID stem, three blocks of two 1x3 SAME convs each with a 1x4 /
4 max pool, MEAN, FC 527, LOGISTIC; WaveMsNet on 44,100 samples: three VALID
branches of stride 1 / 5 / 10, each with a 1x11 SAME conv and a max pool to 293,
their CONCATENATION, two 1x3 convs with 1x4 / 4 pools, MEAN, FC 50, SOFTMAX;
Dieleman and Schrauwen's tagger on 48,000 samples: a 1x256 / 256 VALID stem, two 1x8
VALID convs with 1x4 / 4 pools, a RESHAPE flatten, FC 100 RELU, FC 50, LOGISTIC):
their kernels, strides, paddings, output lengths (from the definitions' formulas),
activations, wiring, op counts per type, the multiply-add and parameter counts (by
hand), registration, the int8 builds (slow) and the overlap with the training spaces
(none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxvii as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lviii_b import _no_draw_pools_above_3
from tests.gnn.test_heldout_nets_lxv import _resnet_square_longk_plain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, CAT, ME, FC, SM, LG, R = ("CONV_2D", "MAX_POOL_2D", "CONCATENATION", "MEAN",
                                 "FULLY_CONNECTED", "SOFTMAX", "LOGISTIC", "RESHAPE")
NAMES = ("panns_wavegram_32000", "wavemsnet_44100", "dieleman_e2e_48000")


def _valid(n, k, s):
    """The length of a VALID window of ``k`` and stride ``s`` over ``n``."""
    return (n - k) // s + 1


# -- L1 PANNs Wavegram front end
P_IN, P_OUT = (1, 1, 32000, 1), (1, 527)
P_STEM_W = _valid(32000, 11, 5)
P_WIDTHS = (_valid(P_STEM_W, 4, 4), _valid(_valid(P_STEM_W, 4, 4), 4, 4))
P_WIDTHS += (_valid(P_WIDTHS[-1], 4, 4),)
P_COUNTS = {C: 7, MP: 3, ME: 1, FC: 1, LG: 1}
P_TYPES = [C] + [C, C, MP] * 3 + [ME, FC, LG]
#: (output positions, C_in, C_out, taps): the stem; per block two 1x3 convs at the
#: block's input width (the pool follows them); the FC on the 128 means
P_LAYERS = [(P_STEM_W, 1, 64, 11)]
for _t, _ci, _co in zip((P_STEM_W,) + P_WIDTHS[:2], (64, 64, 128), (64, 128, 128),
                        strict=True):
    P_LAYERS += [(_t, _ci, _co, 3), (_t, _co, _co, 3)]
P_LAYERS += [(1, 128, 527, 1)]

# -- L2 WaveMsNet
W_IN, W_OUT = (1, 1, 44100, 1), (1, 50)
#: per branch (taps, stride, pool) and the first conv's VALID length
W_BRANCHES = ((11, 1, 150), (51, 5, 30), (101, 10, 15))
W_BR_W = tuple(_valid(44100, k, s) for k, s, _ in W_BRANCHES)
W_COUNTS = {C: 8, MP: 5, CAT: 1, ME: 1, FC: 1, SM: 1}
W_TYPES = [C, C, MP] * 3 + [CAT, C, MP, C, MP, ME, FC, SM]
W_LAYERS = []
for _w, (_k, _, _) in zip(W_BR_W, W_BRANCHES, strict=True):
    W_LAYERS += [(_w, 1, 32, _k), (_w, 32, 32, 11)]
W_LAYERS += [(293, 96, 128, 3), (_valid(293, 4, 4), 128, 256, 3), (1, 256, 50, 1)]

# -- L3 Dieleman and Schrauwen
D_IN, D_OUT = (1, 1, 48000, 1), (1, 50)
D_STEM_W = _valid(48000, 256, 256)
D_W1 = _valid(D_STEM_W, 8, 1)
D_P1 = _valid(D_W1, 4, 4)
D_W2 = _valid(D_P1, 8, 1)
D_P2 = _valid(D_W2, 4, 4)
D_COUNTS = {C: 3, MP: 2, R: 1, FC: 2, LG: 1}
D_TYPES = [C, C, MP, C, MP, R, FC, FC, LG]
D_LAYERS = [(D_STEM_W, 1, 32, 256), (D_W1, 32, 32, 8), (D_W2, 32, 32, 8),
            (1, D_P2 * 32, 100, 1), (1, 100, 50, 1)]


def _chain(g):
    """Every op reads the one before it (a plain chain)."""
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))


def _biased(g):
    """Every conv and FC has a bias of its output width."""
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)


def _mean_head(g, c, n):
    """The last three ops: MEAN over H and W of the ``c``-channel map before it, FC
    ``n`` linear on it, the last op (LOGISTIC or SOFTMAX) the graph's output."""
    me, fc, last = g.ops[-3:]
    assert me.type == ME and me.inputs[0] == g.ops[-4].outputs[0]
    assert g.tensors[me.inputs[1]].data.tolist() == [1, 2]
    assert _out_shapes(g, ME) == [(1, 1, c)]
    assert _fc_weights(g) == [(n, c)] and _acts(g, FC) == ["NONE"]
    assert fc.inputs[0] == me.outputs[0] and last.inputs == fc.outputs
    assert g.outputs == last.outputs


def test_panns_wavegram_valid_stride5_stem_three_blocks_and_hand_counts():
    g = _graph(hl.panns_wavegram, P_IN, P_OUT, 13, P_COUNTS)
    assert (hl.PANNS_STEM, hl.PANNS_BLOCKS, hl.PANNS_POOL, hl.PANNS_CLASSES) == (
        (64, 11, 5), (64, 128, 128), 4, 527)
    assert g.op_types() == P_TYPES and len(P_LAYERS) == 8
    # the lengths of the definition: 6,398 after the stem, pools to 1,599, 399, 99
    assert P_STEM_W == 6398 and 5 * 6397 + 11 == 31996 <= 32000 < 31996 + 5
    assert P_WIDTHS == (1599, 399, 99)
    assert [s[1] for s in _out_shapes(g, MP)] == list(P_WIDTHS)
    # the stem reads the input: 1x11, stride (1, 5), VALID, RELU, 64 on one channel
    stem = g.ops[0]
    assert stem.inputs[0] == g.inputs[0]
    assert g.tensors[stem.inputs[1]].shape == (64, 1, 11, 1)
    assert _kernels(g, C) == [(1, 11)] + [(1, 3)] * 6
    assert _strides(g, C) == [(1, 5)] + [(1, 1)] * 6
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 6
    assert _acts(g, C) == ["RELU"] * 7
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in P_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in P_LAYERS[:-1]]
    assert _out_shapes(g, C) == ([(1, 6398, 64)] * 3 + [(1, 1599, 128)] * 2
                                 + [(1, 399, 128)] * 2)
    # the pools: 1x4 / (1, 4) VALID
    assert _strides(g, MP) == [(1, 4)] * 3 and _opt(g, MP, "padding") == ["VALID"] * 3
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in g.ops if op.type == MP] == [(1, 4)] * 3
    _chain(g)
    _biased(g)
    # the head: MEAN over H and W, FC 527 linear, LOGISTIC (the output)
    _mean_head(g, 128, 527)
    # MACs by hand: positions x C_in x C_out x taps
    assert [t * ci * co * k for t, ci, co, k in P_LAYERS] == [
        4_504_192, 78_618_624, 78_618_624, 39_297_024, 78_594_048, 19_611_648,
        19_611_648, 67_456]
    assert 6398 * 64 * 11 == 4_504_192 and 6398 * 64 * 64 * 3 == 78_618_624
    assert 1599 * 64 * 128 * 3 == 39_297_024 and 1599 * 128 * 128 * 3 == 78_594_048
    assert 399 * 128 * 128 * 3 == 19_611_648
    assert 2 * 78_618_624 == 157_237_248 and 39_297_024 + 78_594_048 == 117_891_072
    assert (4_504_192 + 157_237_248 + 117_891_072 + 2 * 19_611_648
            + 128 * 527) == 318_923_264
    # parameters by hand: weights + biases
    assert [ci * co * k + co for _, ci, co, k in P_LAYERS] == [
        768, 12_352, 12_352, 24_704, 49_280, 49_280, 49_280, 67_983]
    assert 64 * 11 + 64 == 768 and 128 * 527 + 527 == 67_983
    assert 768 + 2 * 12_352 + 24_704 + 3 * 49_280 + 67_983 == 265_999
    assert _hand_1d(P_LAYERS) == (318_923_264, 265_999)
    # no published count of this front end alone (Wavegram-CNN14 holds CNN14)
    _pinned(g, (318_923_264, 265_999), (None, None), (None, None))


def test_wavemsnet_three_branches_to_293_concat_and_hand_counts():
    g = _graph(hl.wavemsnet, W_IN, W_OUT, 17, W_COUNTS)
    assert (hl.WMS_BRANCHES, hl.WMS_FILTERS, hl.WMS_K2, hl.WMS_BACK, hl.WMS_POOL,
            hl.WMS_CLASSES) == (W_BRANCHES, 32, 11, (128, 256), 4, 50)
    assert g.op_types() == W_TYPES and len(W_LAYERS) == 9
    # the lengths of the definition: the branches' first convs, each pool to 293,
    # then 73 and 18
    assert W_BR_W == (44090, 8810, 4400)
    assert [_valid(w, p, p) for w, (_, _, p) in zip(W_BR_W, W_BRANCHES)] == [293] * 3
    assert _valid(293, 4, 4) == 73 and _valid(73, 4, 4) == 18
    assert [s[1] for s in _out_shapes(g, MP)] == [293, 293, 293, 73, 18]
    # the convs: per branch a VALID RELU conv of 32 on the input and a 1x11 SAME
    # RELU conv of 32; then 1x3 SAME RELU of 128 and 256
    assert _kernels(g, C) == [(1, 11), (1, 11), (1, 51), (1, 11), (1, 101), (1, 11),
                              (1, 3), (1, 3)]
    assert _strides(g, C) == [(1, 1), (1, 1), (1, 5), (1, 1), (1, 10), (1, 1),
                              (1, 1), (1, 1)]
    assert _opt(g, C, "padding") == ["VALID", "SAME"] * 3 + ["SAME"] * 2
    assert _acts(g, C) == ["RELU"] * 8
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in W_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in W_LAYERS[:-1]]
    # the pools: window = stride, VALID
    assert _strides(g, MP) == [(1, 150), (1, 30), (1, 15), (1, 4), (1, 4)]
    assert [op.options["filter_width"] for op in g.ops if op.type == MP] == [
        150, 30, 15, 4, 4]
    assert {op.options["filter_height"] for op in g.ops if op.type == MP} == {1}
    assert _opt(g, MP, "padding") == ["VALID"] * 5
    # the wiring: each branch's first conv reads the input, its second conv the
    # first, its pool the second; the CONCATENATION the three pools in branch
    # order on channels; a chain after it
    ops = g.ops
    for i in (0, 3, 6):
        assert ops[i].inputs[0] == g.inputs[0]
        assert ops[i + 1].inputs[0] == ops[i].outputs[0]
        assert ops[i + 2].inputs[0] == ops[i + 1].outputs[0]
    cat = ops[9]
    assert list(cat.inputs) == [ops[2].outputs[0], ops[5].outputs[0],
                                ops[8].outputs[0]]
    assert cat.options["axis"] in (-1, 3) and _out_shapes(g, CAT) == [(1, 293, 96)]
    assert all(y.inputs[0] == x.outputs[0] for x, y in zip(ops[9:], ops[10:]))
    _biased(g)
    # the head: MEAN over H and W of 18 x 256, FC 50 linear, SOFTMAX (the output)
    _mean_head(g, 256, 50)
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in W_LAYERS] == [
        15_519_680, 496_629_760, 14_377_920, 99_235_840, 14_220_800, 49_561_600,
        10_801_152, 7_176_192, 12_800]
    assert 44090 * 32 * 11 == 15_519_680 and 44090 * 32 * 32 * 11 == 496_629_760
    assert 8810 * 32 * 51 == 14_377_920 and 8810 * 32 * 32 * 11 == 99_235_840
    assert 4400 * 32 * 101 == 14_220_800 and 4400 * 32 * 32 * 11 == 49_561_600
    assert 293 * 96 * 128 * 3 == 10_801_152 and 73 * 128 * 256 * 3 == 7_176_192
    assert (15_519_680 + 496_629_760, 14_377_920 + 99_235_840,
            14_220_800 + 49_561_600) == (512_149_440, 113_613_760, 63_782_400)
    assert (512_149_440 + 113_613_760 + 63_782_400 + 10_801_152 + 7_176_192
            + 256 * 50) == 707_535_744
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in W_LAYERS] == [
        384, 11_296, 1_664, 11_296, 3_264, 11_296, 36_992, 98_560, 12_850]
    assert 32 * 32 * 11 + 32 == 11_296 and 96 * 128 * 3 + 128 == 36_992
    assert 384 + 1_664 + 3_264 + 3 * 11_296 + 36_992 + 98_560 + 12_850 == 187_602
    assert _hand_1d(W_LAYERS) == (707_535_744, 187_602)
    _pinned(g, (707_535_744, 187_602), (None, None), (None, None))


def test_dieleman_e2e_stride256_front_end_valid_convs_flatten_and_hand_counts():
    g = _graph(hl.dieleman_e2e, D_IN, D_OUT, 9, D_COUNTS)
    assert (hl.DIEL_STEM, hl.DIEL_CONVS, hl.DIEL_POOL, hl.DIEL_HIDDEN,
            hl.DIEL_TAGS) == ((32, 256, 256), ((32, 8), (32, 8)), 4, 100, 50)
    assert g.op_types() == D_TYPES and len(D_LAYERS) == 5
    # the lengths of the definition: 187 (48,000 / 256, the half frame floored),
    # 180, 45, 38, 9; the flatten 9 x 32
    assert (D_STEM_W, D_W1, D_P1, D_W2, D_P2) == (187, 180, 45, 38, 9)
    assert 256 * 187 == 47_872 <= 48000 < 48_128
    assert [s[1] for s in _out_shapes(g, C)] == [187, 180, 38]
    assert [s[1] for s in _out_shapes(g, MP)] == [45, 9]
    stem = g.ops[0]
    assert stem.inputs[0] == g.inputs[0]
    assert g.tensors[stem.inputs[1]].shape == (32, 1, 256, 1)
    assert _kernels(g, C) == [(1, 256), (1, 8), (1, 8)]
    assert _strides(g, C) == [(1, 256), (1, 1), (1, 1)]
    assert _opt(g, C, "padding") == ["VALID"] * 3 and _acts(g, C) == ["RELU"] * 3
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in D_LAYERS[:3]]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in D_LAYERS[:3]]
    assert _strides(g, MP) == [(1, 4)] * 2 and _opt(g, MP, "padding") == ["VALID"] * 2
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in g.ops if op.type == MP] == [(1, 4)] * 2
    _chain(g)
    _biased(g)
    # the flatten: a RESHAPE of [1, 1, 9, 32] to [1, 288]; FC 100 RELU, FC 50
    # linear, LOGISTIC (the output)
    rs = g.ops[5]
    assert g.tensors[rs.inputs[0]].shape == (1, 1, 9, 32)
    assert g.tensors[rs.outputs[0]].shape == (1, 288) and 9 * 32 == 288
    assert _fc_weights(g) == [(100, 288), (50, 100)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert g.outputs == g.ops[-1].outputs
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in D_LAYERS] == [
        1_531_904, 1_474_560, 311_296, 28_800, 5_000]
    assert 187 * 32 * 256 == 1_531_904 and 180 * 32 * 32 * 8 == 1_474_560
    assert 38 * 32 * 32 * 8 == 311_296
    assert 1_531_904 + 1_474_560 + 311_296 + 288 * 100 + 100 * 50 == 3_351_560
    # parameters by hand: three convs of 8,224 (32 x 256 + 32 = 32 x 32 x 8 + 32)
    assert [ci * co * k + co for _, ci, co, k in D_LAYERS] == [
        8_224, 8_224, 8_224, 28_900, 5_050]
    assert 3 * 8_224 + 288 * 100 + 100 + 100 * 50 + 50 == 58_622
    assert _hand_1d(D_LAYERS) == (3_351_560, 58_622)
    _pinned(g, (3_351_560, 58_622), (None, None), (None, None))


def test_no_training_space_draws_the_lxvii_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of at most
    16,000 samples under a first conv of stride at most 4 and kernels of at most 80
    taps (or the whole axis), pools of stride at most 3; tiny's inputs, filters,
    ops; no draw pools with a stride above 3 (every LXVII model does); the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk, spaces_tiny

    assert max(spaces_longk.LENGTHS) == 16000 < min(32000, 44100, 48000)
    assert max(spaces_longk.KERNELS) == 80 < 101 < 256
    assert spaces_longk.MAX_MACS == 50_000_000 < 318_923_264 < 707_535_744
    assert spaces_tiny.MAX_OPS == 12 < 13 < 17
    # the first convs' strides (5; 1, 5, 10; 256): above longk's 4 but WaveMsNet's
    # first branch
    assert (hl.PANNS_STEM[2], hl.DIEL_STEM[2]) == (5, 256)
    _no_draw_pools_above_3(("longk", "tiny", "agg"))
    rng = np.random.default_rng(41)
    for name in ("longk", "tiny"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape not in (P_IN, W_IN, D_IN), name
            assert all(op.options["stride_w"] <= 4 for op in g.ops if op.type == C)
            if name == "longk":
                _resnet_square_longk_plain(g, name)
    assert not _overlap_unnamed(ph.MODELS, {
        "panns_wavegram_32000": ("panns_cnn6_1001x64", "m11_raw_32000",
                                 "m18_valid_32000", "wav2vec_enc_16000"),
        "wavemsnet_44100": ("envnet_24014", "abdoli_esc_16000", "m11_raw_32000",
                            "googlenet_224"),
        "dieleman_e2e_48000": ("wav2letter_raw_16000", "samplecnn_59049",
                               "abdoli_esc_16000")})


def test_family_lxvii_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION41A == NAMES
    # after LXVI's VALID-stem variants (later families may follow); every builder
    # model once, registered
    _registered_after(ph, ph.SESSION41A, ph.SESSION40F)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION41A] == ["longk"] * 3


@pytest.mark.slow
def test_family_lxvii_int8():
    # int8 input and output, the float graphs' op sequences (so their counts); the
    # strided VALID stems, the pools, the fused RELUs
    for name, io, counts, types in (("panns_wavegram_32000", (P_IN, P_OUT), P_COUNTS,
                                     P_TYPES),
                                    ("wavemsnet_44100", (W_IN, W_OUT), W_COUNTS,
                                     W_TYPES),
                                    ("dieleman_e2e_48000", (D_IN, D_OUT), D_COUNTS,
                                     D_TYPES)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([io[0]], [io[1]]), name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        assert set(_acts(g, C)) == {"RELU"}, name
    g, _, _ = _int8_io("panns_wavegram_32000")
    assert _strides(g, C)[0] == (1, 5) and _out_shapes(g, C)[0] == (1, 6398, 64)
    g, _, _ = _int8_io("dieleman_e2e_48000")
    assert _strides(g, C)[0] == (1, 256) and _out_shapes(g, C)[0] == (1, 187, 32)
