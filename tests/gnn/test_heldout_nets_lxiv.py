"""jaxeff.gnn.heldout_nets_lxiv (held-out families LXIV, part A; session 40, section
2, pre-registered): the published structures of Acharya et al.'s arrhythmia ECG CNN
(three 1-D VALID convs 1x3 of 5, 1x4 of 10 and 1x20 of 20 on a 1 x 260 x 1 beat, each
with a standalone LEAKY_RELU 0.01 and a max pool 1x2 / 2, a flatten of 440, FC 30 and
FC 20 with LEAKY_RELU, FC 5, SOFTMAX) and seizure EEG CNN (five 1-D VALID RELU convs
1x6 of 4, 1x5 of 4, 1x4 of 10, 1x4 of 10 and 1x4 of 15 on a 1 x 4,097 x 1 segment,
each with a max pool 1x2 / 2, a flatten of 1,875, FC 50 and FC 20 RELU, FC 3,
SOFTMAX), their kernels, strides, paddings, output shapes, activations, op counts per
type, the pinned multiply-add and parameter counts (by hand), registration, the int8
builds (slow) and the overlap with the training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxiv as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, LR, MP, R, FC, SM = ("CONV_2D", "LEAKY_RELU", "MAX_POOL_2D", "RESHAPE",
                        "FULLY_CONNECTED", "SOFTMAX")

# -- Acharya et al. 2017 (arrhythmia)
ARR_IN, ARR_OUT = (1, 1, 260, 1), (1, 5)
ARR_COUNTS = {C: 3, LR: 5, MP: 3, R: 1, FC: 3, SM: 1}
ARR_TYPES = [C, LR, MP] * 3 + [R, FC, LR, FC, LR, FC, SM]
ARR_KERNELS = [(1, 3), (1, 4), (1, 20)]
#: the conv widths (VALID: W - k + 1) and the pool widths (VALID 1x2 / 2: floor(W /
#: 2); every conv width even, nothing floored)
ARR_CONV_W, ARR_POOL_W = (258, 126, 44), (129, 63, 22)
ARR_CONV_OUT = [(1, 258, 5), (1, 126, 10), (1, 44, 20)]
ARR_POOL_OUT = [(1, 129, 5), (1, 63, 10), (1, 22, 20)]
ARR_FC = [(30, 440), (20, 30), (5, 20)]
#: (output positions, C_in, C_out, taps): the convs, then the flatten of 22 x 20 =
#: 440 into the FCs
ARR_LAYERS = [(258, 1, 5, 3), (126, 5, 10, 4), (44, 10, 20, 20), (1, 440, 30, 1),
              (1, 30, 20, 1), (1, 20, 5, 1)]

# -- Acharya et al. 2018 (seizure)
SEZ_IN, SEZ_OUT = (1, 1, 4097, 1), (1, 3)
SEZ_COUNTS = {C: 5, MP: 5, R: 1, FC: 3, SM: 1}
SEZ_TYPES = [C, MP] * 5 + [R, FC, FC, FC, SM]
SEZ_KERNELS = [(1, 6), (1, 5), (1, 4), (1, 4), (1, 4)]
SEZ_CONV_W, SEZ_POOL_W = (4092, 2042, 1018, 506, 250), (2046, 1021, 509, 253, 125)
SEZ_CONV_OUT = [(1, 4092, 4), (1, 2042, 4), (1, 1018, 10), (1, 506, 10),
                (1, 250, 15)]
SEZ_POOL_OUT = [(1, 2046, 4), (1, 1021, 4), (1, 509, 10), (1, 253, 10), (1, 125, 15)]
SEZ_FC = [(50, 1875), (20, 50), (3, 20)]
#: (output positions, C_in, C_out, taps): the convs, then the flatten of 125 x 15 =
#: 1,875 into the FCs
SEZ_LAYERS = [(4092, 1, 4, 6), (2042, 4, 4, 5), (1018, 4, 10, 4), (506, 10, 10, 4),
              (250, 10, 15, 4), (1, 1875, 50, 1), (1, 50, 20, 1), (1, 20, 3, 1)]


def _widths(w, kernels, conv_w, pool_w):
    """The VALID conv and 1x2 / 2 pool widths from ``w`` by hand: each conv width
    even (nothing floored)."""
    for k, cw, pw in zip(kernels, conv_w, pool_w, strict=True):
        assert (w - k + 1, (w - k + 1 - 2) // 2 + 1) == (cw, pw) and cw % 2 == 0
        w = pw


def _pools(g, n, out):
    """The ``n`` max pools of ``g``: 1x2 / (1, 2) VALID, output shapes ``out``."""
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 2)] * n
    assert _strides(g, MP) == [(1, 2)] * n and set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == out
    return pools


def test_acharya_arrhythmia_ecg_valid_convs_leaky_pools_flatten_and_hand_counts():
    g = _graph(hl.acharya_arrhythmia_ecg, ARR_IN, ARR_OUT, 16, ARR_COUNTS)
    assert (hl.ARR_LEN, hl.ARR_LEADS, hl.ARR_FILTERS, hl.ARR_KERNELS, hl.ARR_POOL,
            hl.ARR_HIDDEN, hl.ARR_CLASSES, hl.ARR_ALPHA) == (
        260, 1, (5, 10, 20), (3, 4, 20), 2, (30, 20), 5, 0.01)
    assert g.op_types() == ARR_TYPES
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1xk VALID, stride 1, linear (a standalone LEAKY_RELU after each),
    # with biases; the first on the input
    assert _kernels(g, C) == ARR_KERNELS
    assert _strides(g, C) == [(1, 1)] * 3
    assert set(_opt(g, C, "padding")) == {"VALID"} and set(_acts(g, C)) == {"NONE"}
    assert {len(op.inputs) for op in convs} == {3}
    assert convs[0].inputs[0] == g.inputs[0]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (5, 1, 3, 1), (10, 1, 4, 5), (20, 1, 20, 10)]
    assert [g.tensors[op.inputs[2]].shape for op in convs] == [(5,), (10,), (20,)]
    # VALID widths: 260 - 2 = 258, 129 - 3 = 126, 63 - 19 = 44
    assert _out_shapes(g, C) == ARR_CONV_OUT
    _widths(hl.ARR_LEN, hl.ARR_KERNELS, ARR_CONV_W, ARR_POOL_W)
    # LEAKY_RELU 0.01 after each conv and after FC 30 and FC 20; each pool on its
    # LEAKY_RELU
    lrs = [op for op in g.ops if op.type == LR]
    fcs = [op for op in g.ops if op.type == FC]
    assert _opt(g, LR, "alpha") == [0.01] * 5
    assert [op.inputs[0] for op in lrs] == [op.outputs[0] for op in convs + fcs[:2]]
    pools = _pools(g, 3, ARR_POOL_OUT)
    assert [p.inputs[0] for p in pools] == [op.outputs[0] for op in lrs[:3]]
    assert [op.inputs[0] for op in convs[1:]] == [p.outputs[0] for p in pools[:2]]
    # the head: flatten to [1, 440], FC 30, FC 20 (linear, then LEAKY_RELU), FC 5
    # linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert rs.inputs[0] == pools[-1].outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 440) and 22 * 20 == 440
    assert _fc_weights(g) == ARR_FC
    assert _acts(g, FC) == ["NONE"] * 3
    assert [f.inputs[0] for f in fcs] == [rs.outputs[0], lrs[3].outputs[0],
                                          lrs[4].outputs[0]]
    sm = g.ops[-1]
    assert sm.inputs == fcs[2].outputs and g.outputs == sm.outputs
    # MACs: 258 x 1 x 5 x 3, 126 x 5 x 10 x 4, 44 x 10 x 20 x 20, 440 x 30, 30 x 20,
    # 20 x 5
    assert [t * ci * co * k for t, ci, co, k in ARR_LAYERS] == [
        3_870, 25_200, 176_000, 13_200, 600, 100]
    assert 3_870 + 25_200 + 176_000 + 13_200 + 600 + 100 == 218_970
    assert [ci * co * k + co for _, ci, co, k in ARR_LAYERS] == [
        20, 210, 4_020, 13_230, 620, 105]
    assert 20 + 210 + 4_020 + 13_230 + 620 + 105 == 18_205
    assert _hand_1d(ARR_LAYERS) == (218_970, 18_205)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (218_970, 18_205), (None, None), (None, None))


def test_acharya_seizure_eeg_valid_relu_convs_pools_flatten_and_hand_counts():
    g = _graph(hl.acharya_seizure_eeg, SEZ_IN, SEZ_OUT, 15, SEZ_COUNTS)
    assert (hl.SEZ_LEN, hl.SEZ_CHANNELS, hl.SEZ_FILTERS, hl.SEZ_KERNELS, hl.SEZ_POOL,
            hl.SEZ_HIDDEN, hl.SEZ_CLASSES) == (
        4097, 1, (4, 4, 10, 10, 15), (6, 5, 4, 4, 4), 2, (50, 20), 3)
    assert g.op_types() == SEZ_TYPES
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1xk VALID, stride 1, RELU fused, with biases; the first on the input
    assert _kernels(g, C) == SEZ_KERNELS
    assert _strides(g, C) == [(1, 1)] * 5
    assert set(_opt(g, C, "padding")) == {"VALID"} and _acts(g, C) == ["RELU"] * 5
    assert {len(op.inputs) for op in convs} == {3}
    assert convs[0].inputs[0] == g.inputs[0]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (4, 1, 6, 1), (4, 1, 5, 4), (10, 1, 4, 4), (10, 1, 4, 10), (15, 1, 4, 10)]
    assert [g.tensors[op.inputs[2]].shape for op in convs] == [
        (4,), (4,), (10,), (10,), (15,)]
    # VALID widths: 4,097 - 5 = 4,092, 2,046 - 4 = 2,042, 1,021 - 3 = 1,018, 509 - 3
    # = 506, 253 - 3 = 250
    assert _out_shapes(g, C) == SEZ_CONV_OUT
    _widths(hl.SEZ_LEN, hl.SEZ_KERNELS, SEZ_CONV_W, SEZ_POOL_W)
    # each pool straight on its conv; each later conv on a pool
    pools = _pools(g, 5, SEZ_POOL_OUT)
    assert [p.inputs[0] for p in pools] == [op.outputs[0] for op in convs]
    assert [op.inputs[0] for op in convs[1:]] == [p.outputs[0] for p in pools[:4]]
    # the head: flatten to [1, 1875], FC 50 RELU, FC 20 RELU, FC 3 linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert rs.inputs[0] == pools[-1].outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 1875) and 125 * 15 == 1875
    fcs = [op for op in g.ops if op.type == FC]
    assert _fc_weights(g) == SEZ_FC
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert [f.inputs[0] for f in fcs] == [rs.outputs[0], fcs[0].outputs[0],
                                          fcs[1].outputs[0]]
    sm = g.ops[-1]
    assert sm.inputs == fcs[2].outputs and g.outputs == sm.outputs
    # MACs: 4,092 x 1 x 4 x 6, 2,042 x 4 x 4 x 5, 1,018 x 4 x 10 x 4, 506 x 10 x 10
    # x 4, 250 x 10 x 15 x 4, 1,875 x 50, 50 x 20, 20 x 3
    assert [t * ci * co * k for t, ci, co, k in SEZ_LAYERS] == [
        98_208, 163_360, 162_880, 202_400, 150_000, 93_750, 1_000, 60]
    assert (98_208 + 163_360 + 162_880 + 202_400 + 150_000 + 93_750 + 1_000 + 60
            == 871_658)
    assert [ci * co * k + co for _, ci, co, k in SEZ_LAYERS] == [
        28, 84, 170, 410, 615, 93_800, 1_020, 63]
    assert 28 + 84 + 170 + 410 + 615 + 93_800 + 1_020 + 63 == 96_190
    assert _hand_1d(SEZ_LAYERS) == (871_658, 96_190)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (871_658, 96_190), (None, None), (None, None))


def test_no_training_space_draws_the_lxiv_a_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of lengths
    without 260 and 4,097; tiny's sensor windows stop at 256 samples and its draws
    at 12 ops (the two hold 16 and 15); agg's and plain's LEAKY_RELU have slope 0.1;
    no draw takes either input; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk, spaces_tiny

    assert not {260, 4097} & set(spaces_longk.LENGTHS)
    assert spaces_tiny.MAX_OPS == 12 < 15
    rng = np.random.default_rng(40)
    for name in ("longk", "tiny", "agg"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape not in (ARR_IN, SEZ_IN), name
            assert all(op.options["alpha"] == pytest.approx(0.1)
                       for op in g.ops if op.type == LR), name
    assert not _overlap_unnamed(ph.MODELS, {
        "acharya_arrhythmia_ecg_260": ("acharya_mi_ecg_651", "ecg_cnn_187"),
        "acharya_seizure_eeg_4097": ("acharya_mi_ecg_651", "tsinalis2016_15000")})


def test_family_lxiv_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40A == ("acharya_arrhythmia_ecg_260", "acharya_seizure_eeg_4097")
    # after LXIII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION40A, ph.SESSION39C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION40A] == ["tiny", "longk"]


@pytest.mark.slow
def test_family_lxiv_a_int8():
    # int8 input and output, the float graphs' op sequences (so their counts); the
    # arrhythmia CNN keeps its standalone LEAKY_RELUs, both their VALID widths
    g, ins, outs = _int8_io("acharya_arrhythmia_ecg_260")
    assert (ins, outs) == ([ARR_IN], [ARR_OUT])
    assert Counter(g.op_types()) == ARR_COUNTS and g.op_types() == ARR_TYPES
    assert _kernels(g, C) == ARR_KERNELS
    assert _out_shapes(g, C) == ARR_CONV_OUT and _out_shapes(g, MP) == ARR_POOL_OUT
    assert _strides(g, MP) == [(1, 2)] * 3
    assert _fc_weights(g) == ARR_FC
    g, ins, outs = _int8_io("acharya_seizure_eeg_4097")
    assert (ins, outs) == ([SEZ_IN], [SEZ_OUT])
    assert Counter(g.op_types()) == SEZ_COUNTS and g.op_types() == SEZ_TYPES
    assert _kernels(g, C) == SEZ_KERNELS and _acts(g, C) == ["RELU"] * 5
    assert _out_shapes(g, C) == SEZ_CONV_OUT and _out_shapes(g, MP) == SEZ_POOL_OUT
    assert _strides(g, MP) == [(1, 2)] * 5
    assert _fc_weights(g) == SEZ_FC
