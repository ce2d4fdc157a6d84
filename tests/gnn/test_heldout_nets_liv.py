"""jaxeff.gnn.heldout_nets_liv (held-out families LIV, part F; session 37, addendum
3, pre-registered): the published CNN parts of TinySleepNet (PAD + a VALID 1x50 / 6
conv of 128, a 1x8 / 8 max pool, three 1x8 convs of 128, a 1x4 / 4 max pool) and
DeepSleepNet (that small-filter branch at 64 first filters and a large-filter branch:
PAD + a VALID 1x400 / 50 conv of 64, a 1x4 / 4 max pool, three 1x6 convs of 128, a
1x2 / 2 max pool; both flattened and concatenated), each with an FC to 5 and a
SOFTMAX in place of the sequence learner, on a 30-s epoch [1, 1, 3000, 1]: kernels,
strides, paddings, output shapes, activations, op counts per type, the pinned
multiply-add and parameter counts (by hand), registration, the int8 build (slow) and
the overlap with the training spaces (none draws them exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_liv as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

IN, OUT = (1, 1, 3000, 1), (1, 5)
C, MP, RS, FC = "CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED"
BRANCH = ["PAD", C, MP, C, C, C, MP, RS]
TINY_COUNTS = {C: 4, MP: 2, "PAD": 1, RS: 1, FC: 1, "SOFTMAX": 1}
TINY_TYPES = BRANCH + [FC, "SOFTMAX"]
DSN_COUNTS = {C: 8, MP: 4, "PAD": 2, RS: 2, "CONCATENATION": 1, FC: 1, "SOFTMAX": 1}
DSN_TYPES = BRANCH * 2 + ["CONCATENATION", FC, "SOFTMAX"]
#: (output frames, C_in, C_out, taps) of the convs
TINY = [(500, 1, 128, 50)] + [(62, 128, 128, 8)] * 3
SMALL = [(500, 1, 64, 50), (62, 64, 128, 8)] + [(62, 128, 128, 8)] * 2
LARGE = [(60, 1, 64, 400), (15, 64, 128, 6)] + [(15, 128, 128, 6)] * 2


def _pads(g):
    """The (before, after) padding along W of each PAD (none on N, H, C)."""
    out = []
    for op in g.ops:
        if op.type == "PAD":
            p = np.asarray(g.tensors[op.inputs[1]].data).tolist()
            assert p[0] == p[1] == p[3] == [0, 0]
            out.append(tuple(p[2]))
    return out


def _pools(g):
    return [(op.options["filter_height"], op.options["filter_width"])
            for op in g.ops if op.type == MP]


def _head(g, n_in):
    """The FC to 5 (linear, weights [5, n_in]) and the SOFTMAX at the end."""
    fc, soft = g.ops[-2:]
    assert g.tensors[fc.inputs[1]].shape == (5, n_in)
    assert fc.options["fused_activation_function"] == "NONE"
    assert soft.inputs == fc.outputs and soft.options["beta"] == 1.0
    assert g.outputs == soft.outputs


def test_same_pad_matches_same_output_lengths():
    # TensorFlow's SAME: 3000 / 6 -> 500 needs 44 (22 / 22), 3000 / 50 -> 60 needs
    # 350 (175 / 175); with them a VALID conv gives SAME's length
    assert hl._same_pad(3000, 50, 6) == (22, 22)
    assert hl._same_pad(3000, 400, 50) == (175, 175)
    assert (3000 + 44 - 50) // 6 + 1 == 500 and (3000 + 350 - 400) // 50 + 1 == 60
    assert hl._same_pad(63, 4, 4) == (0, 1) and hl._same_pad(8, 3, 1) == (1, 1)


def test_tinysleepnet_cnn_strided_stem_pools_8_and_4_and_hand_counts():
    g = _graph(hl.tinysleepnet_cnn, IN, OUT, 10, TINY_COUNTS)
    assert (hl.SLEEP_LEN, hl.SLEEP_CLASSES) == (3000, 5)
    assert (hl.TINY_FILTERS, hl.TINY_K1, hl.TINY_S1, hl.TINY_POOL1, hl.TINY_K,
            hl.TINY_POOL2) == (128, 50, 6, 8, 8, 4)
    assert g.op_types() == TINY_TYPES
    # PAD 22 / 22 along W, then the 1x50 VALID conv of stride (1, 6): 500 frames;
    # three 1x8 SAME convs of stride 1; every conv RELU (batch norm folded)
    assert _pads(g) == [(22, 22)] and _out_shapes(g, "PAD") == [(1, 3044, 1)]
    assert _kernels(g, C) == [(1, 50)] + [(1, 8)] * 3
    assert _strides(g, C) == [(1, 6)] + [(1, 1)] * 3
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 3
    assert _acts(g, C) == ["RELU"] * 4
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in TINY]
    # max pools 1x8 / 8 and 1x4 / 4, VALID (500 -> 62 -> 15), each on a conv
    assert _pools(g) == [(1, 8), (1, 4)]
    assert _strides(g, MP) == [(1, 8), (1, 4)]
    assert set(_opt(g, MP, "padding")) == {"VALID"} and set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(1, 62, 128), (1, 15, 128)]
    prod = _producers(g)
    assert {prod[op.inputs[0]].type for op in g.ops if op.type == MP} == {C}
    # flatten 15 x 128 = 1,920, FC 5, SOFTMAX
    assert _out_shapes(g, RS) == [(1920,)]
    _head(g, 1920)
    # MACs: 500 x 50 x 128 = 3,200,000; 62 x 8 x 128 x 128 = 8,126,464 three times;
    # FC 1,920 x 5 = 9,600. Parameters: 50 x 128 + 128 = 6,528; 8 x 128 x 128 + 128 =
    # 131,200 three times; 1,920 x 5 + 5 = 9,605
    assert 500 * 50 * 128 == 3_200_000 and 62 * 8 * 128 * 128 == 8_126_464
    assert 3_200_000 + 3 * 8_126_464 + 9_600 == 27_588_992
    assert 6_528 + 3 * 131_200 + 9_605 == 409_733
    macs, par = _hand_1d(TINY)
    assert (macs + 1920 * 5, par + 1920 * 5 + 5) == (27_588_992, 409_733)
    # published: only the whole model's (with its LSTM) recalled, roughly; not pinned
    _pinned(g, (27_588_992, 409_733), (None, None), (None, None))


def test_deepsleepnet_cnn_two_branches_pools_8_4_and_4_2_and_hand_counts():
    g = _graph(hl.deepsleepnet_cnn, IN, OUT, 19, DSN_COUNTS)
    assert hl.DSN_BRANCHES == ((64, 50, 6, 8, 128, 8, 4), (64, 400, 50, 4, 128, 6, 2))
    assert g.op_types() == DSN_TYPES
    # both branches read the input through their PAD: 22 / 22 (small), 175 / 175
    # (large) along W
    pads = [op for op in g.ops if op.type == "PAD"]
    assert {op.inputs[0] for op in pads} == set(g.inputs)
    assert _pads(g) == [(22, 22), (175, 175)]
    assert _out_shapes(g, "PAD") == [(1, 3044, 1), (1, 3350, 1)]
    # convs: 1x50 / 6 VALID, three 1x8; 1x400 / 50 VALID, three 1x6; all RELU
    assert _kernels(g, C) == [(1, 50)] + [(1, 8)] * 3 + [(1, 400)] + [(1, 6)] * 3
    assert _strides(g, C) == ([(1, 6)] + [(1, 1)] * 3 + [(1, 50)] + [(1, 1)] * 3)
    assert _opt(g, C, "padding") == (["VALID"] + ["SAME"] * 3) * 2
    assert _acts(g, C) == ["RELU"] * 8
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in SMALL + LARGE]
    # max pools: 1x8 / 8, 1x4 / 4 (small: 500 -> 62 -> 15); 1x4 / 4, 1x2 / 2 (large:
    # 60 -> 15 -> 7), VALID
    assert _pools(g) == [(1, 8), (1, 4), (1, 4), (1, 2)]
    assert _strides(g, MP) == [(1, 8), (1, 4), (1, 4), (1, 2)]
    assert set(_opt(g, MP, "padding")) == {"VALID"} and set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(1, 62, 64), (1, 15, 128), (1, 15, 64), (1, 7, 128)]
    # flattens 1,920 and 896, CONCATENATED small first (2,816), FC 5, SOFTMAX
    rs = [op for op in g.ops if op.type == RS]
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert tuple(cat.inputs) == (rs[0].outputs[0], rs[1].outputs[0])
    assert _out_shapes(g, RS) == [(1920,), (896,)]
    assert g.tensors[cat.outputs[0]].shape == (1, 2816)
    _head(g, 2816)
    # MACs: small 1,600,000 + 62 x 8 x 64 x 128 = 4,063,232 + 2 x 8,126,464; large
    # 60 x 400 x 64 = 1,536,000 + 15 x 6 x 64 x 128 = 737,280 + 2 x 1,474,560; FC
    # 2,816 x 5 = 14,080
    assert 1_600_000 + 4_063_232 + 2 * 8_126_464 == 21_916_160
    assert 1_536_000 + 737_280 + 2 * 15 * 6 * 128 * 128 == 5_222_400
    assert 21_916_160 + 5_222_400 + 14_080 == 27_152_640
    # parameters: small 3,264 + 65,664 + 2 x 131,200 = 331,328; large 25,664 +
    # 49,280 + 2 x 98,432 = 271,808; FC 2,816 x 5 + 5 = 14,085
    assert _hand_1d(SMALL)[1] == 3_264 + 65_664 + 2 * 131_200 == 331_328
    assert _hand_1d(LARGE)[1] == 25_664 + 49_280 + 2 * 98_432 == 271_808
    macs, par = _hand_1d(SMALL + LARGE)
    assert (macs + 2816 * 5, par + 2816 * 5 + 5) == (27_152_640, 617_221)
    _pinned(g, (27_152_640, 617_221), (None, None), (None, None))


def test_no_training_space_draws_the_liv_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of 64-16,000
    samples (never 3,000), first-conv kernels up to 80 (or the whole axis)
    and strides up to 4, one pool
    of stride at most 3, at most 30 ops and 50 M MACs; no space draws a MAX_POOL with
    a stride above 3 (rule V) or a CONV_2D of stride 6 or 50 (recurrent's VALID 10x4
    stems of stride 4, 5 or 8 along H the nearest); the earlier models of the same
    kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert 3000 not in spaces_longk.LENGTHS and max(spaces_longk.KERNELS) == 80
    assert "min(pick(rng, (kk, 1, 2)), kk, 3)" in inspect.getsource(spaces_longk._pool)
    assert "pick(rng, (1, 2, 3, 4) if s4 else (1, 2, 3))" in inspect.getsource(
        spaces_longk._first)
    assert (spaces_longk.MAX_OPS, spaces_longk.MAX_MACS) == (30, 50_000_000)
    rng = np.random.default_rng(54)
    for name, draw in spaces.SAMPLERS.items():
        for _ in range(2):
            g, _ = draw(rng)
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type == MP), name
            assert not {6, 50} & {s for op in g.ops if op.type == C
                                  for s in (op.options["stride_h"],
                                            op.options["stride_w"])}, name
    assert not _overlap_unnamed(ph.MODELS, {
        m: ("utime_4096", "m5_raw_32000", "eegnet_8_2_64x128")
        for m in ("tinysleepnet_cnn_3000", "deepsleepnet_cnn_3000")})


def test_family_liv_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37F == ("tinysleepnet_cnn_3000", "deepsleepnet_cnn_3000")
    # after LIII's part B (later families, session 37's part G included, may sit
    # between or follow); every builder model once, registered
    _registered_after(ph, ph.SESSION37F, ph.SESSION37E)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION37F] == ["longk", "longk"]


@pytest.mark.slow
def test_family_liv_int8():
    # int8 input and output, the float graph's op sequence; the PADs, the strided
    # VALID stems and the pools of stride 8, 4 (and 2) kept
    for name, types, pools in (
            ("tinysleepnet_cnn_3000", TINY_TYPES, [(1, 8), (1, 4)]),
            ("deepsleepnet_cnn_3000", DSN_TYPES, [(1, 8), (1, 4), (1, 4), (1, 2)])):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([IN], [OUT]), name
        assert g.op_types() == types and Counter(g.op_types()) == Counter(types), name
        assert _strides(g, MP) == pools and _pools(g) == pools, name
        assert _opt(g, C, "padding")[0] == "VALID", name
