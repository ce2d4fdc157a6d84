"""jaxeff.gnn.heldout_nets_lvi (held-out families LVI; session 37, addendum 7,
pre-registered): the published structure of SB-CNN (three 5x5 VALID RELU convs of
24, 48, 48 on a 128 x 128 x 1 log-mel patch, max pools 4x2 / (4, 2) after the first
two, a flatten of 2,400, FC 64 RELU, FC 10, SOFTMAX) and of FCN-4 (four 3x3 SAME
RELU convs of 128, 384, 768, 2,048 on a 96 x 1,366 x 1 mel-spectrogram, each
followed by a VALID max pool of (2, 4), (4, 5), (3, 8), (4, 8), stride = size, to a
1 x 1 map; a 1x1 conv to 50, LOGISTIC), kernels, strides (the pools' above 3
pinned), paddings, output shapes, activations, op counts per type, the pinned
multiply-add and parameter counts (by hand), registration, the int8 build (slow) and
the overlap with the training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lvi as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, R, FC, SM, L = ("CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                       "SOFTMAX", "LOGISTIC")

# -- SB-CNN
SB_IN, SB_OUT = (1, 128, 128, 1), (1, 10)
SB_COUNTS = {C: 3, MP: 2, R: 1, FC: 2, SM: 1}
SB_TYPES = [C, MP, C, MP, C, R, FC, FC, SM]
#: (output positions, C_in, C_out, taps) of the three 5x5 VALID convs (128 -> 124;
#: pooled 31 x 62 -> 27 x 58; pooled 6 x 29 -> 2 x 25) and the two FCs
SB_LAYERS = [(124 * 124, 1, 24, 25), (27 * 58, 24, 48, 25), (2 * 25, 48, 48, 25),
             (1, 2400, 64, 1), (1, 64, 10, 1)]

# -- FCN-4
FCN_IN, FCN_OUT = (1, 96, 1366, 1), (1, 1, 1, 50)
FCN_COUNTS = {C: 5, MP: 4, L: 1}
FCN_TYPES = [C, MP] * 4 + [C, L]
#: the map (H, W) before each pool and after it: 96 -> 48 -> 12 -> 4 -> 1 along H
#: (exact), 1,366 -> 341 -> 68 -> 8 -> 1 along W (floored: 2, 1 and 4 frames
#: dropped; the last exact)
FCN_MAPS = [(96, 1366), (48, 341), (12, 68), (4, 8), (1, 1)]
FCN_LAYERS = [(96 * 1366, 1, 128, 9), (48 * 341, 128, 384, 9),
              (12 * 68, 384, 768, 9), (4 * 8, 768, 2048, 9), (1, 2048, 50, 1)]


def test_sbcnn_5x5_valid_convs_pools_4x2_stride_4_and_hand_counts():
    g = _graph(hl.sbcnn, SB_IN, SB_OUT, 9, SB_COUNTS)
    assert (hl.SBCNN_IN, hl.SBCNN_FILTERS, hl.SBCNN_K, hl.SBCNN_POOL, hl.SBCNN_HIDDEN,
            hl.SBCNN_CLASSES) == ((128, 128), (24, 48, 48), 5, (4, 2), 64, 10)
    assert g.op_types() == SB_TYPES
    # convs: 5x5 VALID RELU, stride 1, with biases
    assert _kernels(g, C) == [(5, 5)] * 3
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"VALID"}
    assert _acts(g, C) == ["RELU"] * 3
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(124, 124, 24), (27, 58, 48), (2, 25, 48)]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (24, 5, 5, 1), (48, 5, 5, 24), (48, 5, 5, 48)]
    # max pools: 4x2 VALID of stride (4, 2) (stride 4 along H, above 3), 124 x 124 ->
    # 31 x 62, 27 x 58 -> 6 x 29 (27 rows floored), each on the conv before it
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(4, 2), (4, 2)]
    assert _strides(g, MP) == [(4, 2), (4, 2)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(31, 62, 24), (6, 29, 48)]
    assert 27 // 4 == 6 and 27 % 4 == 3
    assert [p.inputs[0] for p in pools] == [g.ops[0].outputs[0], g.ops[2].outputs[0]]
    assert g.ops[2].inputs[0] == pools[0].outputs[0]
    assert g.ops[4].inputs[0] == pools[1].outputs[0]
    # the head: flatten to [1, 2400], FC 64 RELU, FC 10 linear, SOFTMAX
    rs, fc1, fc2, sm = g.ops[-4:]
    assert rs.inputs[0] == g.ops[4].outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 2400) and 2 * 25 * 48 == 2400
    assert _fc_weights(g) == [(64, 2400), (10, 64)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert fc1.inputs[0] == rs.outputs[0] and fc2.inputs[0] == fc1.outputs[0]
    assert sm.inputs == fc2.outputs and sm.options["beta"] == 1.0
    assert g.outputs == sm.outputs
    # MACs: 124^2 x 24 x 25, 27 x 58 x 48 x 24 x 25, 2 x 25 x 48 x 48 x 25, 2400 x
    # 64, 64 x 10
    assert [t * ci * co * k for t, ci, co, k in SB_LAYERS] == [
        9_225_600, 45_100_800, 2_880_000, 153_600, 640]
    assert 9_225_600 + 45_100_800 + 2_880_000 + 153_600 + 640 == 57_360_640
    # parameters (weights and biases)
    assert [ci * co * k + co for _, ci, co, k in SB_LAYERS] == [
        624, 28_848, 57_648, 153_664, 650]
    assert 624 + 28_848 + 57_648 + 153_664 + 650 == 241_434
    assert _hand_1d(SB_LAYERS) == (57_360_640, 241_434)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (57_360_640, 241_434), (None, None), (None, None))


def test_fcn4_3x3_convs_pools_stride_4_to_8_to_one_pixel_and_hand_counts():
    g = _graph(hl.fcn4, FCN_IN, FCN_OUT, 10, FCN_COUNTS)
    assert (hl.FCN4_IN, hl.FCN4_FILTERS, hl.FCN4_POOLS, hl.FCN4_TAGS) == (
        (96, 1366), (128, 384, 768, 2048), ((2, 4), (4, 5), (3, 8), (4, 8)), 50)
    assert g.op_types() == FCN_TYPES
    # convs: four 3x3 SAME RELU (batch norms folded), a 1x1 of 50 linear; stride 1
    assert _kernels(g, C) == [(3, 3)] * 4 + [(1, 1)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["RELU"] * 4 + ["NONE"]
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [
        (h, w, c) for (h, w), c in zip(FCN_MAPS, (128, 384, 768, 2048, 50))]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (128, 3, 3, 1), (384, 3, 3, 128), (768, 3, 3, 384), (2048, 3, 3, 768),
        (50, 1, 1, 2048)]
    # max pools: VALID, stride = size, (2, 4), (4, 5), (3, 8), (4, 8) (strides 4, 5,
    # 8 above 3); H exact, W floored; the last to 1 x 1 exactly; each on a conv
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(2, 4), (4, 5), (3, 8), (4, 8)]
    assert _strides(g, MP) == [(2, 4), (4, 5), (3, 8), (4, 8)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [
        (h, w, c) for (h, w), c in zip(FCN_MAPS[1:], (128, 384, 768, 2048))]
    for (h, w), (ph, pw), (h2, w2) in zip(FCN_MAPS, hl.FCN4_POOLS, FCN_MAPS[1:]):
        assert h % ph == 0 and (h // ph, w // pw) == (h2, w2)
    assert [w % pw for (_, w), (_, pw) in zip(FCN_MAPS, hl.FCN4_POOLS)] == [
        2, 1, 4, 0]
    for i in range(0, 8, 2):
        assert g.ops[i].type == C and g.ops[i + 1].inputs[0] == g.ops[i].outputs[0]
    # the output: 1x1 conv of the 1 x 1 x 2048 pool, a standalone LOGISTIC, no
    # RESHAPE
    out, sig = g.ops[-2:]
    assert out.inputs[0] == pools[-1].outputs[0]
    assert sig.inputs == out.outputs and g.outputs == sig.outputs
    # MACs: 96 x 1366 x 128 x 9, 48 x 341 x 384 x 128 x 9, 12 x 68 x 768 x 384 x 9,
    # 4 x 8 x 2048 x 768 x 9, 2048 x 50
    assert [t * ci * co * k for t, ci, co, k in FCN_LAYERS] == [
        151_068_672, 7_240_679_424, 2_165_833_728, 452_984_832, 102_400]
    assert (151_068_672 + 7_240_679_424 + 2_165_833_728 + 452_984_832
            + 102_400) == 10_010_669_056
    # parameters (weights and biases)
    assert [ci * co * k + co for _, ci, co, k in FCN_LAYERS] == [
        1_280, 442_752, 2_654_976, 14_157_824, 102_450]
    assert 1_280 + 442_752 + 2_654_976 + 14_157_824 + 102_450 == 17_359_282
    assert _hand_1d(FCN_LAYERS) == (10_010_669_056, 17_359_282)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (10_010_669_056, 17_359_282), (None, None), (None, None))


def test_no_training_space_draws_the_lvi_models_exactly():
    """The overlap stated in ``models.json``: longk draws 2-D maps of at most 128 a
    side and pools of stride at most 3 under at most 50 M MACs; tiny's spectrograms
    stop at 124 x 40, its pools at 3; plain's pools stride 2; no draw pools with a
    stride above 3; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert max(spaces_longk.SIDES) == 128 and 1366 not in spaces_longk.LENGTHS
    assert spaces_longk.MAX_MACS == 50_000_000 < 57_360_640
    rng = np.random.default_rng(55)
    for name in ("longk", "tiny", "plain"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape not in (SB_IN, FCN_IN), name
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type in (MP, "AVERAGE_POOL_2D")), name
    assert not _overlap_unnamed(ph.MODELS, {
        "sbcnn_128": ("chambon2018_2x3840", "cnn_trad_fpool3_98x40", "vggish_96x64"),
        "fcn4_96x1366": ("l3net_audio_257x199", "vggish_96x64", "samplecnn_59049",
                         "panns_cnn6_1001x64")})


def test_family_lvi_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37I == ("sbcnn_128", "fcn4_96x1366")
    # after LV (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION37I, ph.SESSION37H)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION37I] == ["longk", "plain"]


@pytest.mark.slow
def test_family_lvi_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the pools of stride above 3
    for name, shapes, counts, types, strides in (
            ("sbcnn_128", (SB_IN, SB_OUT), SB_COUNTS, SB_TYPES, [(4, 2)] * 2),
            ("fcn4_96x1366", (FCN_IN, FCN_OUT), FCN_COUNTS, FCN_TYPES,
             list(hl.FCN4_POOLS))):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([shapes[0]], [shapes[1]]), name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        assert _strides(g, MP) == strides, name
