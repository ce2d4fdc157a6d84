"""jaxeff.gnn.heldout_nets_lxxvi (held-out families LXXVI; session 44, addendum 5,
pre-registered): the published structures of Angermueller et al.'s DeepCpG DNA
module (1x11 VALID RELU conv of 128 on a 1 x 1,001 x 4 one-hot sequence, a 1x4 / 4
max pool, a 1x3 VALID RELU conv of 256, a 1x2 / 2 max pool, a flatten of 31,232, FC
128 RELU, FC 1, LOGISTIC) and Agarwal and Shendure's Xpresso (1x6 VALID RELU conv of
128 on 1 x 10,500 x 4, a 1x30 / 30 max pool, a 1x9 VALID RELU conv of 32, a 1x10 /
10 max pool, a flatten of 1,088, FC 64 RELU, FC 2 RELU, FC 1): their kernels,
strides, paddings, output shapes, activations, op counts and sequences, the pinned
multiply-add and parameter counts (by hand), registration, the int8 builds (slow)
and the overlap with the training spaces (none draws them exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxxvi as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxiv_b import _chain
from tests.gnn.test_heldout_nets_lxxiii_a import _biased, _pool_windows
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, R, FC, LG = ("CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                    "LOGISTIC")
NAMES = ("deepcpg_dna_1001x4", "xpresso_10500x4")

# -- DeepCpG DNA module
CPG_IN, CPG_OUT = (1, 1, 1001, 4), (1, 1)
CPG_COUNTS = {C: 2, MP: 2, R: 1, FC: 2, LG: 1}
CPG_TYPES = [C, MP, C, MP, R, FC, FC, LG]
CPG_CONV = [(1, 991, 128), (1, 245, 256)]
CPG_POOL = [(1, 247, 128), (1, 122, 256)]
#: (output positions, C_in, C_out, taps): the two convs, FC 128, FC 1
CPG_LAYERS = [(991, 4, 128, 11), (245, 128, 256, 3), (1, 31_232, 128, 1),
              (1, 128, 1, 1)]

# -- Xpresso
XP_IN, XP_OUT = (1, 1, 10500, 4), (1, 1)
XP_COUNTS = {C: 2, MP: 2, R: 1, FC: 3}
XP_TYPES = [C, MP, C, MP, R, FC, FC, FC]
XP_CONV = [(1, 10495, 128), (1, 341, 32)]
XP_POOL = [(1, 349, 128), (1, 34, 32)]
#: (output positions, C_in, C_out, taps): the two convs, FC 64, FC 2, FC 1
XP_LAYERS = [(10495, 4, 128, 6), (341, 128, 32, 9), (1, 1_088, 64, 1),
             (1, 64, 2, 1), (1, 2, 1, 1)]


def test_deepcpg_dna_two_valid_convs_floored_pools_fc128_logistic_and_hand_counts():
    g = _graph(hl.deepcpg_dna, CPG_IN, CPG_OUT, 8, CPG_COUNTS)
    assert (hl.CPG_LEN, hl.CPG_STAGES, hl.CPG_HIDDEN, hl.CPG_OUT) == (
        1001, ((128, 11, 4), (256, 3, 2)), 128, 1)
    assert g.op_types() == CPG_TYPES
    _chain(g)
    _biased(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x11 and 1x3 VALID, stride 1, RELU fused; 4 -> 128 -> 256 channels
    assert _kernels(g, C) == [(1, 11), (1, 3)] and _strides(g, C) == [(1, 1)] * 2
    assert _opt(g, C, "padding") == ["VALID"] * 2 and _acts(g, C) == ["RELU"] * 2
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (128, 1, 11, 4), (256, 1, 3, 128)]
    assert _out_shapes(g, C) == CPG_CONV
    # the max pools: 1x4 / (1, 4) then 1x2 / (1, 2), VALID, remainders floored; each
    # feeds the next op (the first a conv: a stride above 3 before a convolution)
    assert _pool_windows(g) == [(1, 4), (1, 2)]
    assert _strides(g, MP) == [(1, 4), (1, 2)]
    assert _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, MP) == CPG_POOL
    assert (1001 - 10, 991 // 4, 247 - 2, 245 // 2) == (991, 247, 245, 122)
    assert 991 % 4 == 3 and 245 % 2 == 1
    assert g.ops[2].inputs[0] == g.ops[1].outputs[0]
    # the head: flatten to [1, 31232] (NHWC), FC 128 RELU, FC 1 linear, LOGISTIC
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 31_232) and 122 * 256 == 31_232
    assert _fc_weights(g) == [(128, 31_232), (1, 128)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert g.ops[-1].inputs[0] == g.ops[-2].outputs[0]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in CPG_LAYERS] == [
        5_581_312, 24_084_480, 3_997_696, 128]
    assert 5_581_312 + 24_084_480 + 3_997_696 + 128 == 33_663_616
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in CPG_LAYERS] == [
        5_760, 98_560, 3_997_824, 129]
    assert 5_760 + 98_560 + 3_997_824 + 129 == 4_102_273
    assert _hand_1d(CPG_LAYERS) == (33_663_616, 4_102_273)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (33_663_616, 4_102_273), (None, None), (None, None))


def test_xpresso_two_valid_convs_pools_30_and_10_three_fcs_and_hand_counts():
    g = _graph(hl.xpresso, XP_IN, XP_OUT, 8, XP_COUNTS)
    assert (hl.XP_LEN, hl.XP_STAGES, hl.XP_HIDDEN, hl.XP_OUT) == (
        10500, ((128, 6, 30), (32, 9, 10)), (64, 2), 1)
    assert g.op_types() == XP_TYPES
    _chain(g)
    _biased(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x6 and 1x9 VALID, stride 1, RELU fused; 4 -> 128 -> 32 channels
    assert _kernels(g, C) == [(1, 6), (1, 9)] and _strides(g, C) == [(1, 1)] * 2
    assert _opt(g, C, "padding") == ["VALID"] * 2 and _acts(g, C) == ["RELU"] * 2
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (128, 1, 6, 4), (32, 1, 9, 128)]
    assert _out_shapes(g, C) == XP_CONV
    # the max pools: 1x30 / (1, 30) then 1x10 / (1, 10), VALID, remainders floored;
    # the first feeds the second conv
    assert _pool_windows(g) == [(1, 30), (1, 10)]
    assert _strides(g, MP) == [(1, 30), (1, 10)]
    assert _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, MP) == XP_POOL
    assert (10500 - 5, 10495 // 30, 349 - 8, 341 // 10) == (10495, 349, 341, 34)
    assert 10495 % 30 == 25 and 341 % 10 == 1
    assert g.ops[2].inputs[0] == g.ops[1].outputs[0]
    # the head: flatten to [1, 1088] (NHWC; no half-life features), FC 64 RELU, FC 2
    # RELU, FC 1 linear
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 1_088) and 34 * 32 == 1_088
    assert _fc_weights(g) == [(64, 1088), (2, 64), (1, 2)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in XP_LAYERS] == [
        32_240_640, 12_570_624, 69_632, 128, 2]
    assert 32_240_640 + 12_570_624 + 69_632 + 128 + 2 == 44_881_026
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in XP_LAYERS] == [
        3_200, 36_896, 69_696, 130, 3]
    assert 3_200 + 36_896 + 69_696 + 130 + 3 == 109_925
    assert _hand_1d(XP_LAYERS) == (44_881_026, 109_925)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (44_881_026, 109_925), (None, None), (None, None))


def test_family_lxxvi_registered_and_overlap_text():
    """Registered after LXXV (other families may sit between or follow); the overlap
    stated in ``models.json``: longk draws 1-D signals of 1-3 channels (4 not among
    them), lengths without 1,001 or 10,500, first kernels without 11 or 6, first
    filters with 128, pools of stride at most 3 after the first layer only, later
    layers of at most 128 filters (256 not among them), FCs of at most 2 M weights,
    65,536 inputs and 128 hidden units, classes without 1, at most 50 M MACs; tiny's
    sensor windows are of at most 256 samples and its pools stop at 3; the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION44F == NAMES
    _registered_after(ph, ph.SESSION44F, ph.SESSION44E)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "longk"]
    assert 4 not in spaces_longk.IN_C and max(spaces_longk.IN_C) == 3
    assert not {1001, 10500} & set(spaces_longk.LENGTHS)
    assert 1000 in spaces_longk.LENGTHS and max(spaces_longk.LENGTHS) == 16000
    assert not {11, 6} & set(spaces_longk.KERNELS)
    assert 128 in spaces_longk.FILTERS and max(spaces_longk.FILTERS) == 192
    assert max(spaces_longk.LAYER_FILTERS) == 128 and 32 in spaces_longk.LAYER_FILTERS
    assert 256 not in spaces_longk.LAYER_FILTERS
    assert {64, 128} <= set(spaces_longk.HIDDEN) and 2 not in spaces_longk.HIDDEN
    assert 1 not in spaces_longk.CLASSES and 2 in spaces_longk.CLASSES
    assert spaces_longk.MAX_FC_WEIGHTS == 2_000_000 < 31_232 * 128
    assert spaces_longk.MAX_FC_INPUTS == 65_536 > 31_232
    assert spaces_longk.MAX_MACS == 50_000_000 > 44_881_026 > 33_663_616
    assert 1 not in spaces_tiny.CLASSES and max(spaces_tiny.FILTERS) == 128
    assert spaces_tiny.MAX_OPS == 12
    assert not _overlap_unnamed(ph.MODELS, {
        "deepcpg_dna_1001x4": ("deepsea_1000x4", "deepbind_101x4", "basset_600x4"),
        "xpresso_10500x4": ("deepsea_1000x4", "wavemsnet_44100",
                            "dieleman_e2e_48000")})


@pytest.mark.slow
def test_family_lxxvi_int8():
    g, ins, outs = _int8_io("deepcpg_dna_1001x4")
    assert (ins, outs) == ([CPG_IN], [CPG_OUT])
    assert Counter(g.op_types()) == CPG_COUNTS and g.op_types() == CPG_TYPES
    assert _kernels(g, C) == [(1, 11), (1, 3)]
    assert _opt(g, C, "padding") == ["VALID"] * 2
    assert _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, C) == CPG_CONV and _out_shapes(g, MP) == CPG_POOL
    assert _fc_weights(g) == [(128, 31_232), (1, 128)]
    g, ins, outs = _int8_io("xpresso_10500x4")
    assert (ins, outs) == ([XP_IN], [XP_OUT])
    assert Counter(g.op_types()) == XP_COUNTS and g.op_types() == XP_TYPES
    assert _kernels(g, C) == [(1, 6), (1, 9)]
    assert _opt(g, C, "padding") == ["VALID"] * 2
    assert _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, C) == XP_CONV and _out_shapes(g, MP) == XP_POOL
    assert _fc_weights(g) == [(64, 1088), (2, 64), (1, 2)]
