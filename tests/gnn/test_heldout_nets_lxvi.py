"""jaxeff.gnn.heldout_nets_lxvi (held-out families LXVI, part A; session 40,
addendum 2, pre-registered): the published structures of M18 and M34-res (Dai et
al., arXiv 1610.00087, Table 1) on 32,000 raw samples in M11's layout (a PAD of 38 /
38 in time, a 1x80 VALID conv of stride (1, 4) on one channel, four max pools 1x4 /
4, MEAN, FC 10, SOFTMAX; M18: sixteen 1x3 SAME RELU convs, four each of 64 / 128 /
256 / 512; M34-res: 16 residual blocks of two 1x3 SAME convs, RELU then linear, 3 x
48, 4 x 96, 6 x 192, 3 x 384, with 1x1 conv shortcuts where the width changes and
ADD RELU): their kernels, strides, paddings, output shapes, activations, the wiring
of the blocks, op counts per type, the pinned multiply-add and parameter counts (by
hand, and against the published 3.7 M and 4.0 M parameters), registration, the int8
builds (slow) and the overlap with the training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxvi as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lviii_b import _no_draw_pools_above_3
from tests.gnn.test_heldout_nets_lxv import _resnet_square_longk_plain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

P, C, MP, A, ME, FC, SM = ("PAD", "CONV_2D", "MAX_POOL_2D", "ADD", "MEAN",
                           "FULLY_CONNECTED", "SOFTMAX")
RAW_IN, RAW_OUT = (1, 1, 32000, 1), (1, 10)
#: the widths after the stem ((32076 - 80) / 4 + 1) and after each VALID pool of 4
WIDTHS = (2000, 500, 125, 31)
HEAD = [ME, FC, SM]

# -- M18
M18_COUNTS = {P: 1, C: 17, MP: 4, ME: 1, FC: 1, SM: 1}
M18_TYPES = [P, C] + ([MP] + [C] * 4) * 4 + HEAD
#: (output positions, C_in, C_out, taps): the stem; per stage the first conv from
#: the previous width, three more at the stage's width; the FC on the 512 means
M18_LAYERS = [(8000, 1, 64, 80)]
for _t, _ci, _co in zip(WIDTHS, (64, 64, 128, 256), (64, 128, 256, 512), strict=True):
    M18_LAYERS += [(_t, _ci, _co, 3)] + [(_t, _co, _co, 3)] * 3
M18_LAYERS += [(1, 512, 10, 1)]

# -- M34-res
M34_COUNTS = {P: 1, C: 36, MP: 4, A: 16, ME: 1, FC: 1, SM: 1}
_PLAIN, _WIDEN = [C, C, A], [C, C, C, A]
M34_TYPES = ([P, C, MP] + _PLAIN * 3 + [MP] + _WIDEN + _PLAIN * 3 + [MP] + _WIDEN
             + _PLAIN * 5 + [MP] + _WIDEN + _PLAIN * 2 + HEAD)
#: the convs in graph order as (output positions, C_in, C_out, taps): the stem; per
#: stage the first block (1x3 from the previous width, 1x3, 1x1 shortcut where the
#: width changes), then the other blocks' two 1x3s
M34_CONVS = [(8000, 1, 48, 80)]
for _t, _ci, _co, _n in zip(WIDTHS, (48, 48, 96, 192), (48, 96, 192, 384),
                            (3, 4, 6, 3), strict=True):
    M34_CONVS += [(_t, _ci, _co, 3), (_t, _co, _co, 3)]
    M34_CONVS += [(_t, _ci, _co, 1)] if _ci != _co else []
    M34_CONVS += [(_t, _co, _co, 3)] * (2 * (_n - 1))
M34_LAYERS = M34_CONVS + [(1, 384, 10, 1)]
#: per conv: RELU on the stem and each block's first 1x3; none on the second or on
#: the shortcut conv
_A_PLAIN, _A_SC = ["RELU", "NONE"], ["RELU", "NONE", "NONE"]
M34_CONV_ACTS = (["RELU"] + _A_PLAIN * 3 + _A_SC + _A_PLAIN * 3 + _A_SC + _A_PLAIN * 5
                 + _A_SC + _A_PLAIN * 2)


def _stem_and_pools(g, c0):
    """M11's PAD 38 / 38 on the input, the 1x80 / (1, 4) VALID RELU stem of ``c0``
    on one channel with a bias (8,000 outputs), four max pools 1x4 / (1, 4) VALID
    (125 floored to 31)."""
    pad, stem = g.ops[0], g.ops[1]
    assert (hl.POOL, hl.PAD, hl.CLASSES) == (4, (38, 38), 10)
    assert pad.inputs[0] == g.inputs[0]
    assert g.tensors[pad.inputs[1]].data.tolist() == [[0, 0], [0, 0], [38, 38],
                                                      [0, 0]]
    assert _out_shapes(g, P) == [(1, 32076, 1)] and 32000 + 76 == 32076
    assert stem.type == C and stem.inputs[0] == pad.outputs[0] and len(stem.inputs) == 3
    assert g.tensors[stem.inputs[1]].shape == (c0, 1, 80, 1)
    assert g.tensors[stem.inputs[2]].shape == (c0,)
    assert stem.options["padding"] == "VALID" and stem.options["stride_w"] == 4
    assert g.tensors[stem.outputs[0]].shape == (1, 1, 8000, c0)
    assert (32076 - 80) // 4 + 1 == 8000
    for op in (op for op in g.ops if op.type == MP):
        assert (op.options["filter_height"], op.options["filter_width"]) == (1, 4)
    assert _strides(g, MP) == [(1, 4)] * 4 and _opt(g, MP, "padding") == ["VALID"] * 4
    w, got = 8000, []
    for _ in range(4):
        w = (w - 4) // 4 + 1
        got.append(w)
    assert tuple(got) == WIDTHS and 125 % 4 == 1
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS)


def _head_checks(g, c):
    """MEAN over H and W of the last op before it, FC 10 linear, SOFTMAX (the
    output)."""
    me, fc, sm = g.ops[-3:]
    assert me.inputs[0] == g.ops[-4].outputs[0]
    assert g.tensors[me.inputs[1]].data.tolist() == [1, 2]
    assert _out_shapes(g, ME) == [(1, 1, c)]
    assert _fc_weights(g) == [(10, c)] and _acts(g, FC) == ["NONE"]
    assert fc.inputs[0] == me.outputs[0]
    assert sm.inputs == fc.outputs and g.outputs == sm.outputs


def test_m18_stem_four_stages_of_four_1x3_convs_and_hand_and_published_counts():
    g = _graph(hl.m18, RAW_IN, RAW_OUT, 25, M18_COUNTS)
    assert (hl.M18_STEM, hl.M18_STAGES) == (
        (64, 80, 4), ((64, 4), (128, 4), (256, 4), (512, 4)))
    assert g.op_types() == M18_TYPES and len(M18_LAYERS) == 18
    _stem_and_pools(g, 64)
    # the convs: stem, then 4 x 4 1x3 SAME RELU stride 1, with biases
    assert _kernels(g, C) == [(1, 80)] + [(1, 3)] * 16
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 16
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 16
    assert _acts(g, C) == ["RELU"] * 17
    convs = [op for op in g.ops if op.type == C]
    assert {len(op.inputs) for op in convs} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M18_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M18_LAYERS[:-1]]
    assert _out_shapes(g, C)[1:] == ([(1, 2000, 64)] * 4 + [(1, 500, 128)] * 4
                                     + [(1, 125, 256)] * 4 + [(1, 31, 512)] * 4)
    # every op reads the one before it (a plain chain)
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))
    _head_checks(g, 512)
    # MACs: positions x C_in x C_out x taps per layer
    assert [t * ci * co * k for t, ci, co, k in M18_LAYERS] == (
        [40_960_000] + [24_576_000] * 4 + [12_288_000] + [24_576_000] * 3
        + [12_288_000] + [24_576_000] * 3 + [12_189_696] + [24_379_392] * 3 + [5_120])
    assert 4 * 24_576_000 == 98_304_000
    assert 12_288_000 + 3 * 24_576_000 == 86_016_000
    assert 12_189_696 + 3 * 24_379_392 == 85_327_872
    assert (40_960_000 + 98_304_000 + 2 * 86_016_000 + 85_327_872
            + 5_120) == 396_628_992
    assert [ci * co * k + co for _, ci, co, k in M18_LAYERS] == (
        [5_184] + [12_352] * 4 + [24_704] + [49_280] * 3 + [98_560] + [196_864] * 3
        + [393_728] + [786_944] * 3 + [5_130])
    assert (5_184 + 4 * 12_352 + 24_704 + 3 * 49_280 + 98_560 + 3 * 196_864
            + 393_728 + 3 * 786_944 + 5_130) == 3_675_978
    assert _hand_1d(M18_LAYERS) == (396_628_992, 3_675_978)
    # published (Table 1, recalled): 3.7 M parameters; no MAC count
    _pinned(g, (396_628_992, 3_675_978), (None, 3.7e6), (None, 0.02))


def test_m34res_stem_residual_blocks_1x1_shortcuts_and_hand_and_published_counts():
    g = _graph(hl.m34res, RAW_IN, RAW_OUT, 60, M34_COUNTS)
    assert (hl.M34_STEM, hl.M34_STAGES) == (
        (48, 80, 4), ((48, 3), (96, 4), (192, 6), (384, 3)))
    assert g.op_types() == M34_TYPES and len(M34_CONVS) == 36
    _stem_and_pools(g, 48)
    # the convs: stem, then 1x3 SAME (and three 1x1 shortcuts), stride 1, biases
    assert _kernels(g, C) == [(1, k) for *_, k in M34_CONVS]
    assert _kernels(g, C).count((1, 1)) == 3 and _kernels(g, C).count((1, 3)) == 32
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 35
    assert _opt(g, C, "padding")[0] == "VALID"
    assert [p for p, (*_, k) in zip(_opt(g, C, "padding"), M34_CONVS, strict=True)
            if k == 3] == ["SAME"] * 32
    assert _acts(g, C) == M34_CONV_ACTS and _acts(g, A) == ["RELU"] * 16
    convs = [op for op in g.ops if op.type == C]
    assert {len(op.inputs) for op in convs} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M34_CONVS]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M34_CONVS]
    assert _out_shapes(g, A) == ([(1, 2000, 48)] * 3 + [(1, 500, 96)] * 4
                                 + [(1, 125, 192)] * 6 + [(1, 31, 384)] * 3)
    # the wiring: each block's first conv and shortcut read the block's input (the
    # pool before the stage's first block, the last ADD elsewhere); the second conv
    # reads the first; the ADD sums the second conv and the shortcut (the input, or
    # a 1x1 conv on it where the width changes)
    ops = g.ops
    adds = [i for i, op in enumerate(ops) if op.type == A]
    n_sc = 0
    for j, i in enumerate(adds):
        s = i - 3 if ops[i - 1].type == C and ops[i - 3].type == C else i - 2
        blk = ops[s:i + 1]
        x = blk[0].inputs[0]
        src = ops[s - 1]
        assert x == src.outputs[0] and src.type == (MP if j in (0, 3, 7, 13) else A)
        assert blk[1].inputs[0] == blk[0].outputs[0]
        assert blk[-1].inputs[0] == blk[1].outputs[0]
        if len(blk) == 3:
            assert blk[-1].inputs[1] == x
            assert g.tensors[x].shape == g.tensors[blk[-1].outputs[0]].shape
        else:
            n_sc += 1
            assert blk[2].inputs[0] == x and blk[-1].inputs[1] == blk[2].outputs[0]
            assert g.tensors[blk[2].inputs[1]].shape[1:3] == (1, 1)
            assert g.tensors[x].shape[-1] * 2 == g.tensors[blk[2].outputs[0]].shape[-1]
    # the pools: after PAD + stem (2), 3 plain blocks (12 = 3 + 9), a widening
    # block and 3 plain (26 = 13 + 4 + 9), a widening block and 5 plain (46)
    assert n_sc == 3 and [i for i, op in enumerate(ops) if op.type == MP] == [
        2, 12, 26, 46]
    _head_checks(g, 384)
    # MACs by hand: per stage and per first block
    stage_convs = [M34_CONVS[1:7], M34_CONVS[7:16], M34_CONVS[16:29],
                   M34_CONVS[29:36]]
    assert [len(s) for s in stage_convs] == [6, 9, 13, 7]
    assert 8000 * 1 * 48 * 80 == 30_720_000
    assert [sum(t * ci * co * k for t, ci, co, k in s) for s in stage_convs] == [
        82_944_000, 105_984_000, 161_280_000, 77_709_312]
    assert 2000 * 48 * 48 * 3 == 13_824_000 and 6 * 13_824_000 == 82_944_000
    assert 500 * 48 * 96 * 3 + 500 * 96 * 96 * 3 + 500 * 48 * 96 == 23_040_000
    assert 6_912_000 + 13_824_000 + 2_304_000 == 23_040_000
    assert 23_040_000 + 3 * 27_648_000 == 105_984_000
    assert 125 * 96 * 192 * 3 + 125 * 192 * 192 * 3 + 125 * 96 * 192 == 23_040_000
    assert 23_040_000 + 5 * 27_648_000 == 161_280_000
    assert (31 * 192 * 384 * 3, 31 * 384 * 384 * 3, 31 * 192 * 384) == (
        6_856_704, 13_713_408, 2_285_568)
    assert 6_856_704 + 13_713_408 + 2_285_568 == 22_855_680
    assert 22_855_680 + 2 * 27_426_816 == 77_709_312
    assert (30_720_000 + 82_944_000 + 105_984_000 + 161_280_000 + 77_709_312
            + 3_840) == 458_641_152
    # parameters by hand: per stage
    assert 48 * 80 + 48 == 3_888
    assert [sum(ci * co * k + co for _, ci, co, k in s) for s in stage_convs] == [
        41_760, 212_832, 1_292_736, 2_509_440]
    assert 6 * 6_960 == 41_760
    assert 13_920 + 7 * 27_744 + 4_704 == 212_832
    assert 55_488 + 11 * 110_784 + 18_624 == 1_292_736
    assert 221_568 + 5 * 442_752 + 74_112 == 2_509_440
    assert (3_888 + 41_760 + 212_832 + 1_292_736 + 2_509_440 + 3_850) == 4_064_506
    assert 4_064_506 - 4_704 - 18_624 - 74_112 == 3_967_066  # without the 1x1s
    assert _hand_1d(M34_LAYERS) == (458_641_152, 4_064_506)
    # published (Table 1, recalled): 4.0 M parameters; no MAC count
    _pinned(g, (458_641_152, 4_064_506), (None, 4.0e6), (None, 0.02))


def test_no_training_space_draws_the_lxvi_a_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals under a 1 x 80
    VALID conv of stride 4, but of at most 16,000 samples, one pool of stride at most
    3, later convs of at most 128 filters, no ADD, at most 30 ops and 50 M MACs;
    resnet draws basic blocks with 1x1 projection shortcuts only on square RGB maps
    (3x3 / 7x7 / 1x1 kernels); tiny's filters stop at 128, its ops at 12, its MACs at
    100 M; no draw pools with a stride above 3; the earlier models of the same kinds
    are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk, spaces_tiny

    assert 80 in spaces_longk.KERNELS and 1 in spaces_longk.IN_C
    assert max(spaces_longk.LENGTHS) == 16000 < 32000
    assert max(spaces_longk.LAYER_FILTERS) == 128 < 256
    assert spaces_longk.MAX_MACS == 50_000_000 < 396_628_992
    assert spaces_longk.MAX_OPS == 30 > 25  # M18's op count fits; its MACs do not
    assert max(spaces_tiny.FILTERS) == 128 and spaces_tiny.MAX_OPS == 12 < 25
    assert spaces_tiny.MAX_MACS == 100_000_000 < 396_628_992
    _no_draw_pools_above_3(("longk", "tiny", "resnet"))
    rng = np.random.default_rng(40)
    for name in ("resnet", "longk"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape != RAW_IN, name
            _resnet_square_longk_plain(g, name)
    assert not _overlap_unnamed(ph.MODELS, {
        "m18_raw_32000": ("m11_raw_32000", "m5_raw_32000", "m5_32000"),
        "m34res_raw_32000": ("m11_raw_32000", "m5_raw_32000", "resnet_ts_500",
                             "hannun_ecg_resnet_256")})


def test_family_lxvi_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40D == ("m18_raw_32000", "m34res_raw_32000")
    # after LXV (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION40D, ph.SESSION40C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION40D] == ["longk", "longk"]


@pytest.mark.slow
def test_family_lxvi_a_int8():
    # int8 input and output, the float graphs' op sequences (so their counts); the
    # PAD + VALID stride-4 stem on one channel, the four pools of stride 4, the
    # fused RELUs and the 1x1 shortcuts
    g, ins, outs = _int8_io("m18_raw_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M18_COUNTS and g.op_types() == M18_TYPES
    assert _strides(g, MP) == [(1, 4)] * 4
    assert _kernels(g, C)[0] == (1, 80) and _strides(g, C)[0] == (1, 4)
    assert _acts(g, C) == ["RELU"] * 17
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M18_LAYERS[:-1]]
    g, ins, outs = _int8_io("m34res_raw_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M34_COUNTS and g.op_types() == M34_TYPES
    assert _strides(g, MP) == [(1, 4)] * 4
    assert _kernels(g, C) == [(1, k) for *_, k in M34_CONVS]
    assert _acts(g, C) == M34_CONV_ACTS and _acts(g, A) == ["RELU"] * 16
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M34_CONVS]
