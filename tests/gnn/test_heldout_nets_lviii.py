"""jaxeff.gnn.heldout_nets_lviii (held-out families LVIII, part A; session 38,
section 3, pre-registered): the published structure of EnvNet (two 1x8 VALID RELU
convs of 40 on 24,014 raw samples, a max pool 1x160 / 160, a TRANSPOSE stacking the
40 maps as rows, an 8x13 VALID RELU conv of 50, a max pool 3x3 / 3, a 1x5 VALID RELU
conv of 50, a max pool 1x3 / 3, a flatten of 7,700, FC 4096, FC 4096, FC 50,
SOFTMAX) and of Piczak's ESC CNN (a 57x6 VALID RELU conv of 80 on a 60 x 41 x 2
log-mel patch, a max pool 4x3 of stride (1, 3), a 1x3 VALID RELU conv of 80, a max
pool 1x3 / 3, a flatten of 240, FC 5000, FC 5000, FC 50, SOFTMAX), kernels, strides
(the pool of stride 160 and the narrow-input long-kernel convs pinned), paddings,
output shapes, activations, op counts per type, the pinned multiply-add and
parameter counts (by hand), registration, the int8 build (slow) and the overlap with
the training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lviii as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, AP, R, FC, SM, TR = ("CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "RESHAPE",
                            "FULLY_CONNECTED", "SOFTMAX", "TRANSPOSE")

# -- EnvNet
ENV_IN, ENV_OUT = (1, 1, 24014, 1), (1, 50)
ENV_COUNTS = {C: 4, MP: 3, TR: 1, R: 1, FC: 3, SM: 1}
ENV_TYPES = [C, C, MP, TR, C, MP, C, MP, R, FC, FC, FC, SM]
#: (output positions, C_in, C_out, taps): 24,014 - 7 = 24,007; 24,007 - 7 = 24,000;
#: the 8x13 conv on the 40 x 150 x 1 map to 33 x 138; the 1x5 conv on 11 x 46 to 11
#: x 42; the flatten of 11 x 14 x 50 = 7,700 into the FCs
ENV_LAYERS = [(24007, 1, 40, 8), (24000, 40, 40, 8), (33 * 138, 1, 50, 8 * 13),
              (11 * 42, 50, 50, 5), (1, 7700, 4096, 1), (1, 4096, 4096, 1),
              (1, 4096, 50, 1)]

# -- Piczak's ESC CNN
PIC_IN, PIC_OUT = (1, 60, 41, 2), (1, 50)
PIC_COUNTS = {C: 2, MP: 2, R: 1, FC: 3, SM: 1}
PIC_TYPES = [C, MP, C, MP, R, FC, FC, FC, SM]
#: (output positions, C_in, C_out, taps): the 57x6 conv on 60 x 41 to 4 x 36; the
#: 1x3 conv on 1 x 12 to 1 x 10; the flatten of 3 x 80 = 240 into the FCs
PIC_LAYERS = [(4 * 36, 2, 80, 57 * 6), (10, 80, 80, 3), (1, 240, 5000, 1),
              (1, 5000, 5000, 1), (1, 5000, 50, 1)]


@pytest.fixture(scope="module")
def env_graph():
    return _graph(hl.envnet, ENV_IN, ENV_OUT, 13, ENV_COUNTS)


@pytest.fixture(scope="module")
def pic_graph():
    return _graph(hl.piczak_esc, PIC_IN, PIC_OUT, 9, PIC_COUNTS)


def test_envnet_raw_convs_pool_stride_160_transpose_and_hand_counts(env_graph):
    g = env_graph
    assert (hl.ENVNET_LEN, hl.ENVNET_RAW, hl.ENVNET_RAW_POOL, hl.ENVNET_CONVS,
            hl.ENVNET_FC, hl.ENVNET_CLASSES) == (
        24014, ((40, 8), (40, 8)), 160,
        ((50, (8, 13), ((3, 3), (3, 3))), (50, (1, 5), ((1, 3), (1, 3)))),
        (4096, 4096), 50)
    assert g.op_types() == ENV_TYPES
    c1, c2, p1, tr, c3, p2, c4, p3, rs, f1, f2, f3, sm = g.ops
    # convs: 1x8, 1x8, 8x13, 1x5 VALID RELU, stride 1, with biases; the 8x13 conv
    # has 1 input channel (< 8) and 104 taps (>= 16): rule Z's domain
    assert _kernels(g, C) == [(1, 8), (1, 8), (8, 13), (1, 5)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"VALID"}
    assert _acts(g, C) == ["RELU"] * 4
    assert {len(op.inputs) for op in (c1, c2, c3, c4)} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in (c1, c2, c3, c4)] == [
        (40, 1, 8, 1), (40, 1, 8, 40), (50, 8, 13, 1), (50, 1, 5, 50)]
    assert _out_shapes(g, C) == [(1, 24007, 40), (1, 24000, 40), (33, 138, 50),
                                 (11, 42, 50)]
    # max pools VALID, stride = window: 1x160 / 160 (stride 160 above 3; 24,000 =
    # 160 x 150 exact), 3x3 / 3 (33 = 3 x 11, 138 = 3 x 46 exact), 1x3 / 3 (42 = 3 x
    # 14 exact)
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in (p1, p2, p3)] == [(1, 160), (3, 3), (1, 3)]
    assert _strides(g, MP) == [(1, 160), (3, 3), (1, 3)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == [(1, 150, 40), (11, 46, 50), (11, 14, 50)]
    assert [n % p for n, p in ((24000, 160), (33, 3), (138, 3), (42, 3))] == [0] * 4
    # the stacking: TRANSPOSE (0, 3, 2, 1) of the pooled one-row map to 40 rows
    assert (c2.inputs[0], p1.inputs[0], tr.inputs[0], c3.inputs[0]) == (
        c1.outputs[0], c2.outputs[0], p1.outputs[0], tr.outputs[0])
    assert tuple(g.tensors[tr.inputs[1]].data) == (0, 3, 2, 1)
    assert g.tensors[tr.outputs[0]].shape == (1, 40, 150, 1)
    assert (p2.inputs[0], c4.inputs[0], p3.inputs[0]) == (
        c3.outputs[0], p2.outputs[0], c4.outputs[0])
    # the head: flatten to [1, 7700], FC 4096 RELU x 2, FC 50 linear, SOFTMAX
    assert rs.inputs[0] == p3.outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 7700) and 11 * 14 * 50 == 7700
    assert _fc_weights(g) == [(4096, 7700), (4096, 4096), (50, 4096)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert (f1.inputs[0], f2.inputs[0], f3.inputs[0]) == (
        rs.outputs[0], f1.outputs[0], f2.outputs[0])
    assert sm.inputs == f3.outputs and g.outputs == sm.outputs
    # MACs: 24,007 x 40 x 8, 24,000 x 40 x 40 x 8, 33 x 138 x 50 x 104, 11 x 42 x 50
    # x 50 x 5, 7,700 x 4,096, 4,096 x 4,096, 4,096 x 50
    assert [t * ci * co * k for t, ci, co, k in ENV_LAYERS] == [
        7_682_240, 307_200_000, 23_680_800, 5_775_000, 31_539_200, 16_777_216,
        204_800]
    assert (7_682_240 + 307_200_000 + 23_680_800 + 5_775_000 + 31_539_200
            + 16_777_216 + 204_800) == 392_859_256
    assert [ci * co * k + co for _, ci, co, k in ENV_LAYERS] == [
        360, 12_840, 5_250, 12_550, 31_543_296, 16_781_312, 204_850]
    assert (360 + 12_840 + 5_250 + 12_550 + 31_543_296 + 16_781_312
            + 204_850) == 48_560_458
    assert _hand_1d(ENV_LAYERS) == (392_859_256, 48_560_458)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (392_859_256, 48_560_458), (None, None), (None, None))


def test_piczak_esc_57x6_conv_on_two_channels_pools_and_hand_counts(pic_graph):
    g = pic_graph
    assert (hl.PICZAK_IN, hl.PICZAK_CONVS, hl.PICZAK_FC, hl.PICZAK_CLASSES) == (
        (60, 41, 2),
        ((80, (57, 6), ((4, 3), (1, 3))), (80, (1, 3), ((1, 3), (1, 3)))),
        (5000, 5000), 50)
    assert g.op_types() == PIC_TYPES
    c1, p1, c2, p2, rs, f1, f2, f3, sm = g.ops
    # convs: 57x6 and 1x3 VALID RELU, stride 1, with biases; the first has 2 input
    # channels (< 8) and 342 taps (>= 16), but only 4 x 36 = 144 output pixels (< 1,000):
    # outside rule Z's domain
    assert _kernels(g, C) == [(57, 6), (1, 3)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"VALID"}
    assert _acts(g, C) == ["RELU"] * 2
    assert {len(op.inputs) for op in (c1, c2)} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in (c1, c2)] == [
        (80, 57, 6, 2), (80, 1, 3, 80)]
    assert c1.inputs[0] == g.inputs[0]
    assert _out_shapes(g, C) == [(4, 36, 80), (1, 10, 80)]
    # max pools VALID: 4x3 of stride (1, 3) (the window fits the 4 x 36 map: one
    # row, 36 = 3 x 12 exact), 1x3 / (1, 3) ((10 - 3) / 3 floored, 1 frame dropped);
    # no pool stride above 3
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in (p1, p2)] == [(4, 3), (1, 3)]
    assert _strides(g, MP) == [(1, 3), (1, 3)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == [(1, 12, 80), (1, 3, 80)]
    assert (4 - 4) // 1 + 1 == 1 and 36 % 3 == 0 and 10 % 3 == 1
    assert (p1.inputs[0], c2.inputs[0], p2.inputs[0]) == (
        c1.outputs[0], p1.outputs[0], c2.outputs[0])
    # the head: flatten to [1, 240], FC 5000 RELU x 2, FC 50 linear, SOFTMAX
    assert rs.inputs[0] == p2.outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 240) and 3 * 80 == 240
    assert _fc_weights(g) == [(5000, 240), (5000, 5000), (50, 5000)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert (f1.inputs[0], f2.inputs[0], f3.inputs[0]) == (
        rs.outputs[0], f1.outputs[0], f2.outputs[0])
    assert sm.inputs == f3.outputs and g.outputs == sm.outputs
    # MACs: 4 x 36 x 80 x 57 x 6 x 2, 10 x 80 x 80 x 3, 240 x 5,000, 5,000 x 5,000,
    # 5,000 x 50
    assert [t * ci * co * k for t, ci, co, k in PIC_LAYERS] == [
        7_879_680, 192_000, 1_200_000, 25_000_000, 250_000]
    assert 7_879_680 + 192_000 + 1_200_000 + 25_000_000 + 250_000 == 34_521_680
    assert [ci * co * k + co for _, ci, co, k in PIC_LAYERS] == [
        54_800, 19_280, 1_205_000, 25_005_000, 250_050]
    assert 54_800 + 19_280 + 1_205_000 + 25_005_000 + 250_050 == 26_534_130
    assert _hand_1d(PIC_LAYERS) == (34_521_680, 26_534_130)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (34_521_680, 26_534_130), (None, None), (None, None))


def test_no_training_space_draws_the_lviii_a_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of lengths
    without 24,014 and 2-D maps of sides without 60 and 41, pools of stride at most
    3, FCs of at most 2 M weights; tiny's FCs stop at 4 M weights; no draw pools with
    a stride above 3; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk, spaces_tiny

    assert 24014 not in spaces_longk.LENGTHS and max(spaces_longk.LENGTHS) < 24014
    assert 60 not in spaces_longk.SIDES and 41 not in spaces_longk.SIDES
    assert spaces_longk.MAX_FC_WEIGHTS == 2_000_000 < 5000 * 5000 < 7700 * 4096
    assert spaces_tiny.MAX_FC_WEIGHTS == 4_000_000 < 5000 * 5000
    rng = np.random.default_rng(58)
    for name in ("longk", "tiny", "plain"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape not in (ENV_IN, PIC_IN), name
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type in (MP, AP)), name
    assert not _overlap_unnamed(ph.MODELS, {
        "envnet_24014": ("envnet_v2_66650", "tsinalis2016_15000"),
        "piczak_esc_60x41": ("sbcnn_128", "cnn_trad_fpool3_98x40", "vggish_96x64")})


def test_family_lviii_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION38A == ("envnet_24014", "piczak_esc_60x41")
    # after LVII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION38A, ph.SESSION37J)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION38A] == ["longk", "longk"]


@pytest.mark.slow
def test_family_lviii_a_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the max pool of stride 160 and the narrow-input long-kernel convs
    for name, shapes, counts, types, strides in (
            ("envnet_24014", (ENV_IN, ENV_OUT), ENV_COUNTS, ENV_TYPES,
             [(1, 160), (3, 3), (1, 3)]),
            ("piczak_esc_60x41", (PIC_IN, PIC_OUT), PIC_COUNTS, PIC_TYPES,
             [(1, 3), (1, 3)])):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([shapes[0]], [shapes[1]]), name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        assert _strides(g, MP) == strides, name
    assert _kernels(g, C) == [(57, 6), (1, 3)]
