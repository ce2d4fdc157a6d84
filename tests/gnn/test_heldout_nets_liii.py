"""jaxeff.gnn.heldout_nets_liii (held-out families LIII, part D; session 37, addendum 2,
pre-registered): the published structures of the IRCNN denoiser (seven 3x3 convs of
64 dilated 1, 2, 3, 4, 3, 2, 1 on a 128 x 128 x 1 image, RELU on the first six, the
last to one channel SUBtracted from the input) and IDN x2 (two 3x3 convs of 64 with
LEAKY_RELU 0.05; four distillation blocks of 3x3 convs 48, 32 (grouped: SPLIT / four
CONV_2D / CONCATENATION), 64, a SPLIT_V into 16 and 48, the 16 CONCATENATED onto the
block input, the 48 through 3x3 convs 64, 48 (grouped), 80 ADDed to it, a 1x1
compression to 64; a 17x17 / 2 TRANSPOSE_CONV to 1 ADDed to a RESIZE_BILINEAR x2 of
the input), kernels, dilations, strides, paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand; the
published 0.19 M and 553 K parameters, IDN's 124.6 G multiply-adds, recalled),
registration, the int8 build (slow) and the overlap with the training spaces (none
draws them exactly)."""

import inspect
import pathlib
import re
from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_liii as hd
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_heldout_nets import _dil, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

C, LR, A, CAT = "CONV_2D", "LEAKY_RELU", "ADD", "CONCATENATION"
SP, SV, TC, RB = "SPLIT", "SPLIT_V", "TRANSPOSE_CONV", "RESIZE_BILINEAR"

IRCNN_IN = IRCNN_OUT = (1, 128, 128, 1)
IRCNN_COUNTS = {C: 7, "SUB": 1}
IRCNN_P = 128 * 128

IDN_IN, IDN_OUT = (1, 64, 64, 1), (1, 128, 128, 1)
IDN_P = 64 * 64
GROUPED = [SP, C, C, C, C, CAT, LR]
DBLOCK = [C, LR] + GROUPED + [C, LR, SV, CAT, C, LR] + GROUPED + [C, LR, A, C]
IDN_TYPES = [C, LR, C, LR] + DBLOCK * 4 + [TC, RB, A]
IDN_COUNTS = {C: 54, LR: 26, SP: 8, SV: 4, CAT: 12, A: 5, TC: 1, RB: 1}
#: CARN / IMDN-style comparisons count multiply-adds on a 1280 x 720 x2 output
HD_LR = 640 * 360


def _ircnn_layers():
    """(output positions, C_in, C_out, taps) of IRCNN's seven 3x3 convs."""
    return [(IRCNN_P, 1, 64, 9)] + [(IRCNN_P, 64, 64, 9)] * 5 + [(IRCNN_P, 64, 1, 9)]


def test_ircnn_dilated_chain_sub_residual_and_hand_counts():
    g = _graph(hd.ircnn, IRCNN_IN, IRCNN_OUT, 8, IRCNN_COUNTS)
    assert (hd.IRCNN_WIDTH, hd.IRCNN_DILATIONS) == (64, (1, 2, 3, 4, 3, 2, 1))
    assert g.op_types() == [C] * 7 + ["SUB"]
    # seven 3x3 convs, stride 1, SAME, dilated 1, 2, 3, 4, 3, 2, 1; RELU on the first
    # six (the middle five's batch norms folded), the last linear to one channel
    assert set(_kernels(g, C)) == {(3, 3)} and set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    convs = [op for op in g.ops if op.type == C]
    assert [_dil(op) for op in convs] == [(d, d) for d in (1, 2, 3, 4, 3, 2, 1)]
    assert _acts(g, C) == ["RELU"] * 6 + ["NONE"]
    assert _out_shapes(g, C) == [(128, 128, 64)] * 6 + [(128, 128, 1)]
    # a chain; the output the input minus the predicted residual
    prod = _producers(g)
    x = g.inputs[0]
    assert convs[0].inputs[0] == x
    assert all(prod[b.inputs[0]] is a for a, b in zip(convs, convs[1:]))
    sub = g.ops[-1]
    assert sub.inputs == (x, convs[-1].outputs[0])
    assert sub.options["fused_activation_function"] == "NONE"
    assert list(g.outputs) == [sub.outputs[0]]
    # MACs and weights + biases by hand: the first conv, the middle five, the last
    layers = _ircnn_layers()
    assert [_hand_1d(layers[a:b]) for a, b in ((0, 1), (1, 6), (6, 7))] == [
        (9_437_184, 640), (3_019_898_880, 184_640), (9_437_184, 577)]
    assert _hand_1d(layers) == (3_038_773_248, 185_857)
    assert 3_038_773_248 // IRCNN_P == 185_472
    # published: about 0.19 M parameters (IRCNN as listed in later comparisons,
    # e.g. DPIR's, recalled from memory; within 3 %)
    _pinned(g, (3_038_773_248, 185_857), (None, 0.19e6), (None, 0.03))


def _idn_block_layers():
    """(positions, C_in, C_out, taps) of one distillation block's convs, a grouped
    conv as its four groups."""
    p = IDN_P
    return ([(p, 64, 48, 9)] + [(p, 12, 8, 9)] * 4 + [(p, 32, 64, 9), (p, 48, 64, 9)]
            + [(p, 16, 12, 9)] * 4 + [(p, 48, 80, 9), (p, 80, 64, 1)])


def _idn_layers():
    """(positions, C_in, C_out, taps) of IDN's convs: the FBlock's two, the four
    blocks', the 17x17 transposed conv (on its 64 x 64 input, to 1)."""
    fblock = [(IDN_P, 1, 64, 9), (IDN_P, 64, 64, 9)]
    return fblock + _idn_block_layers() * 4 + [(IDN_P, 64, 1, 17 * 17)]


def _lr(g, t):
    """The LEAKY_RELU reading tensor ``t``."""
    return next(op for op in g.ops if op.type == LR and op.inputs[0] == t)


def _grouped_checked(g, prod, cat, cin, cout):
    """``cat`` is a grouped conv: a CONCATENATION on the channels of four 3x3 convs
    (``cout / 4`` filters each, linear, SAME) of the four outputs of one SPLIT of a
    ``cin``-channel map, in order; returns the SPLIT."""
    convs = [prod[t] for t in cat.inputs]
    assert [op.type for op in convs] == [C] * 4 and cat.options["axis"] in (-1, 3)
    split = prod[convs[0].inputs[0]]
    assert split.type == SP and split.options["num_splits"] == 4
    assert [op.inputs[0] for op in convs] == list(split.outputs)
    assert g.tensors[split.inputs[1]].shape[-1] == cin
    assert int(g.tensors[split.inputs[0]].data) in (-1, 3)
    assert {g.tensors[op.inputs[1]].shape for op in convs} == {
        (cout // 4, 3, 3, cin // 4)}
    assert {op.options["fused_activation_function"] for op in convs} == {"NONE"}
    assert g.tensors[cat.outputs[0]].shape == (1, 64, 64, cout)
    return split


def test_idn_x2_distillation_blocks_grouped_convs_slices_and_hand_counts():
    g = _graph(hd.idn_x2, IDN_IN, IDN_OUT, 111, IDN_COUNTS)
    assert (hd.IDN_WIDTH, hd.IDN_BLOCKS, hd.IDN_SLICE) == (64, 4, 16)
    assert (hd.IDN_UPPER, hd.IDN_LOWER, hd.IDN_GROUPS) == (
        (48, 32, 64), (64, 48, 80), 4)
    assert (hd.IDN_ALPHA, hd.IDN_DECONV) == (0.05, 17)
    assert g.op_types() == IDN_TYPES
    # convs: 3x3 everywhere but the blocks' 1x1 compressions; stride 1, dilation 1,
    # SAME, all linear (the LeakyReLUs standalone, slope 0.05)
    blk_k = [(3, 3)] * 12 + [(1, 1)]
    assert _kernels(g, C) == [(3, 3)] * 2 + blk_k * 4
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert {_dil(op) for op in g.ops if op.type == C} == {(1, 1)}
    assert set(_acts(g, C)) == {"NONE"}
    assert set(_opt(g, LR, "alpha")) == {0.05}
    blk_c = [48] + [8] * 4 + [64, 64] + [12] * 4 + [80, 64]
    assert _out_shapes(g, C) == [(64, 64, 64)] * 2 + [
        (64, 64, c) for c in blk_c] * 4
    assert _out_shapes(g, LR) == [(64, 64, 64)] * 2 + [
        (64, 64, c) for c in (48, 32, 64, 64, 48, 80)] * 4
    prod = _producers(g)
    x = g.inputs[0]
    # every LEAKY_RELU reads a conv or a grouped conv's CONCATENATION
    assert {prod[op.inputs[0]].type for op in g.ops if op.type == LR} == {C, CAT}
    convs = [op for op in g.ops if op.type == C]
    # the FBlock: conv, LEAKY_RELU, conv, LEAKY_RELU on the input
    assert convs[0].inputs[0] == x
    assert [prod[g.ops[i].inputs[0]] for i in (1, 2, 3)] == g.ops[:3]
    y = g.ops[3].outputs[0]
    svs = [op for op in g.ops if op.type == SV]
    adds = [op for op in g.ops if op.type == A]
    cats = [op for op in g.ops if op.type == CAT]
    for k, sv in enumerate(svs):
        first = convs[2 + 13 * k]
        comp = convs[2 + 13 * k + 12]
        assert first.inputs[0] == y
        # the upper module: 3x3 48, grouped 48 -> 32, 3x3 64, each LEAKY_RELU
        lr1 = _lr(g, first.outputs[0])
        up_cat = cats[3 * k]
        split = _grouped_checked(g, prod, up_cat, 48, 32)
        assert split.inputs[1] == lr1.outputs[0]
        lr2 = _lr(g, up_cat.outputs[0])
        third = convs[2 + 13 * k + 5]
        assert third.inputs[0] == lr2.outputs[0]
        lr3 = _lr(g, third.outputs[0])
        # the slice: SPLIT_V (16, 48) on the channels; [block input, the 16]
        assert sv.inputs[0] == lr3.outputs[0]
        assert g.tensors[sv.inputs[1]].data.tolist() == [16, 48]
        assert int(g.tensors[sv.inputs[2]].data) in (-1, 3)
        assert [g.tensors[t].shape for t in sv.outputs] == [(1, 64, 64, 16),
                                                            (1, 64, 64, 48)]
        mid = cats[3 * k + 1]
        assert list(mid.inputs) == [y, sv.outputs[0]] and mid.options["axis"] in (-1, 3)
        assert g.tensors[mid.outputs[0]].shape == (1, 64, 64, 80)
        # the lower module on the 48: 3x3 64, grouped 64 -> 48, 3x3 80, LEAKY_RELU
        low1 = convs[2 + 13 * k + 6]
        assert low1.inputs[0] == sv.outputs[1]
        lr4 = _lr(g, low1.outputs[0])
        lo_cat = cats[3 * k + 2]
        assert _grouped_checked(g, prod, lo_cat, 64, 48).inputs[1] == lr4.outputs[0]
        lr5 = _lr(g, lo_cat.outputs[0])
        low3 = convs[2 + 13 * k + 11]
        assert low3.inputs[0] == lr5.outputs[0]
        lr6 = _lr(g, low3.outputs[0])
        # the ADD (the lower module first, linear), the 1x1 compression to 64
        add = adds[k]
        assert add.inputs == (lr6.outputs[0], mid.outputs[0])
        assert add.options["fused_activation_function"] == "NONE"
        assert comp.inputs[0] == add.outputs[0]
        y = comp.outputs[0]
    # the RBlock: TRANSPOSE_CONV 17x17 / 2 SAME to 1 on the last compression, ADDed
    # to a RESIZE_BILINEAR x2 of the input (no align_corners, no half-pixel centres)
    tc = next(op for op in g.ops if op.type == TC)
    assert tc.inputs[2] == y and len(tc.inputs) == 4
    assert g.tensors[tc.inputs[1]].shape == (1, 17, 17, 64)
    assert (tc.options["stride_h"], tc.options["stride_w"], tc.options["padding"],
            tc.options["fused_activation_function"]) == (2, 2, "SAME", "NONE")
    assert g.tensors[tc.outputs[0]].shape == IDN_OUT
    rb = next(op for op in g.ops if op.type == RB)
    assert rb.inputs[0] == x and g.tensors[rb.inputs[1]].data.tolist() == [128, 128]
    assert (rb.options["align_corners"], rb.options["half_pixel_centers"]) == (
        False, False)
    assert adds[-1].inputs == (tc.outputs[0], rb.outputs[0])
    assert list(g.outputs) == [adds[-1].outputs[0]]
    # MACs and weights + biases by hand: the FBlock, a block, the four blocks, the
    # transposed conv (H_i W_i C_i K_h K_w C_o)
    layers = _idn_layers()
    assert _hand_1d(layers[:2]) == (153_354_240, 37_568)
    assert _hand_1d(_idn_block_layers()) == (506_986_496, 124_176)
    assert _hand_1d(layers[2:-1]) == (2_027_945_984, 496_704)
    assert _hand_1d(layers[-1:]) == (75_759_616, 18_497)
    assert _hand_1d(layers) == (2_257_059_840, 552_769)
    per_lr = 2_257_059_840 // IDN_P
    assert per_lr * IDN_P == 2_257_059_840 and per_lr == 551_040
    # published (recalled from memory; IMDN's comparison): 553 K parameters (within
    # 1 %) and 124.6 G multiply-adds for a 1280 x 720 x2 output (within 3 %)
    _pinned(g, (2_257_059_840, 552_769), (None, 553e3), (None, 0.01))
    assert abs(per_lr * HD_LR / 124.6e9 - 1) < 0.03


def test_grouped_conv_rejects_indivisible_widths():
    import numpy as np

    b = NetBuilder(np.random.default_rng(0), "t")
    with pytest.raises(ValueError, match="divisible"):
        hd.grouped_conv(b, b.input((1, 8, 8, 48)), 30, 3, 4)


def test_no_training_space_draws_the_liii_d_models_exactly():
    """The overlap stated in ``models.json``: no space SUBs, writes a SPLIT_V or
    dilates by 3 (dil's and ext's rates are powers of 2); sesr draws at most 13
    convs of at most 32 filters; upsample's sr TRANSPOSE_CONVs of kernel 2-9; dil's
    2-D maps of at most 96 x 96 of 3+ channels and 60 M MACs; agg's LEAKY_RELU 0.1;
    the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_dil, spaces_ext, spaces_upsample

    src = {q.stem: q.read_text() for q in pathlib.Path(spaces.__file__).parent.glob(
        "spaces*.py")}
    assert not any(re.search(r"\.(sub|split_v)\(", s) for s in src.values())
    assert spaces_dil.DILATIONS == (1, 2, 4, 8, 16, 32, 64, 128)
    assert max(spaces_dil.SIDES) == 96 and min(spaces_dil.MAP_C) == 3
    assert spaces_dil.MAX_MACS == 60_000_000
    assert "for d in (1, 2, 4, 8, 16)" in inspect.getsource(spaces_ext)
    assert "dilation=" not in "".join(s for k, s in src.items()
                                      if k not in ("spaces_dil", "spaces_ext"))
    se = inspect.getsource(spaces.sesr)
    assert "pick(rng, (8, 16, 24, 32))" in se and "int(rng.integers(1, 12))" in se
    sr = inspect.getsource(spaces_upsample._sr)
    assert "pick(rng, (2, 3, 4, 5, 9))" in sr and "int(rng.integers(1, 6))" in sr
    assert "leaky_relu(y, 0.1)" in src["spaces_agg"]
    assert not _overlap_unnamed(ph.MODELS, {
        "ircnn_gray_128": ("dncnn_17_64x64", "ffdnet_gray_128",
                           "dilated_context_64x64x21"),
        "idn_x2_64": ("carn_m_x2_64", "fsrcnn_deconv_x2_64", "lapsrn_x4_64")})


def test_family_liii_d_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37D == ("ircnn_gray_128", "idn_x2_64")
    # after LII's part C (session 37's other parts may sit between or follow); every
    # builder model once, registered
    _registered_after(ph, ph.SESSION37D, ph.SESSION37C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION37D] == ["sesr", "upsample"]


@pytest.mark.slow
def test_family_liii_d_int8():
    # int8 input and output, the float graph's op sequence; IRCNN's dilations kept
    for name, shapes, types in (
            ("ircnn_gray_128", ([IRCNN_IN], [IRCNN_OUT]), [C] * 7 + ["SUB"]),
            ("idn_x2_64", ([IDN_IN], [IDN_OUT]), IDN_TYPES)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == shapes, name
        assert g.op_types() == types, name
        assert Counter(g.op_types()) == Counter(types), name
        if name == "ircnn_gray_128":
            assert [_dil(op)[0] for op in g.ops if op.type == C] == [
                1, 2, 3, 4, 3, 2, 1]
