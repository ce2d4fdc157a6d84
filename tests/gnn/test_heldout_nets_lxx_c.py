"""jaxeff.gnn.heldout_nets_lxx_c (held-out families LXX, part C; session 43, section
4, pre-registered): the published structures of Redmon's Tiny Darknet (16 SAME
convs, 3x3 16 and 32, then 1x1 / 3x3 pairs 16 / 128, 32 / 256, 64 / 512, a 1x1 of 128
and a linear 1x1 classifier of 1,000, each but the last followed by a standalone
LEAKY_RELU 0.1, four 2x2 / 2 max pools, MEAN, SOFTMAX on 224 x 224 x 3) and Zhang et
al.'s MCNN (three columns of four SAME RELU convs, 9/7/7/7, 7/5/5/5, 5/3/3/3 kernels
of 16-32-16-8, 20-40-20-10, 24-48-24-12 filters, two 2x2 / 2 max pools each, on 384 x
512 x 3; CONCATENATION of 30 channels; a 1x1 RELU conv to the density map): their
kernels, strides, paddings, output shapes, activations, op counts and sequences, the
wiring, the pinned multiply-add and parameter counts (by hand), registration, the
int8 builds (slow) and the overlap with the training spaces (none draws them
exactly). Graphs only (MCNN is 5.3 G MACs)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxx_c as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxix_b import _chain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

C, LR, MP, MN, SM, CAT = ("CONV_2D", "LEAKY_RELU", "MAX_POOL_2D", "MEAN", "SOFTMAX",
                          "CONCATENATION")
NAMES = ("tiny_darknet_224", "mcnn_crowd_384x512")

# -- Tiny Darknet
T_IN, T_OUT = (1, 224, 224, 3), (1, 1000)
T_COUNTS = {C: 16, LR: 15, MP: 4, MN: 1, SM: 1}
T_TYPES = ([C, LR, MP] * 2 + [C, LR] * 4 + [MP] + [C, LR] * 4 + [MP] + [C, LR] * 5
           + [C, MN, SM])
#: (filters, kernel) of the 16 convs, the classifier last
T_CONVS = [(16, 3), (32, 3), (16, 1), (128, 3), (16, 1), (128, 3), (32, 1), (256, 3),
           (32, 1), (256, 3), (64, 1), (512, 3), (64, 1), (512, 3), (128, 1), (1000, 1)]
#: the side of each conv's output (SAME, stride 1; pools between)
T_SIDES = [224, 112] + [56] * 4 + [28] * 4 + [14] * 6
#: (output positions, C_in, C_out, taps) of the 16 convs, for the hand counts
T_LAYERS = [(s * s, ci, co, k * k) for s, ci, (co, k) in zip(
    T_SIDES, [3] + [f for f, _ in T_CONVS[:-1]], T_CONVS)]

# -- MCNN
M_IN, M_OUT = (1, 384, 512, 3), (1, 96, 128, 1)
M_COUNTS = {C: 13, MP: 6, CAT: 1}
M_COLUMN = [C, MP, C, MP, C, C]
M_TYPES = M_COLUMN * 3 + [CAT, C]
M_K = [9, 7, 7, 7, 7, 5, 5, 5, 5, 3, 3, 3, 1]
M_F = [16, 32, 16, 8, 20, 40, 20, 10, 24, 48, 24, 12, 1]
M_CIN = [3, 16, 32, 16, 3, 20, 40, 20, 3, 24, 48, 24, 30]
F, H, Q = 384 * 512, 192 * 256, 96 * 128
M_POS = [F, H, Q, Q] * 3 + [Q]
M_LAYERS = [(t, ci, co, k * k) for t, ci, co, k in zip(M_POS, M_CIN, M_F, M_K)]


def test_tiny_darknet_cfg_squeeze_expand_pairs_leaky_mean_and_hand_counts():
    g = _graph(hl.tiny_darknet, T_IN, T_OUT, 37, T_COUNTS)
    assert (hl.TINY_DARKNET_CLASSES, hl.TINY_DARKNET_ALPHA) == (1000, 0.1)
    assert [v for v in hl.TINY_DARKNET if v != "M"] + [(1000, 1)] == T_CONVS
    assert g.op_types() == T_TYPES
    # a plain chain from the input, every conv with a bias of its width
    _chain(g)
    convs = [op for op in g.ops if op.type == C]
    assert _kernels(g, C) == [(k, k) for _, k in T_CONVS]
    assert _strides(g, C) == [(1, 1)] * 16 and _opt(g, C, "padding") == ["SAME"] * 16
    # no activation fused: a standalone LEAKY_RELU 0.1 after each conv but the last
    assert _acts(g, C) == ["NONE"] * 16
    assert _opt(g, LR, "alpha") == [0.1] * 15
    prod = _producers(g)
    assert [prod[op.inputs[0]] for op in g.ops if op.type == LR] == convs[:-1]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, k, k, ci) for (co, k), ci in zip(T_CONVS, [3] + [f for f, _ in T_CONVS])]
    assert _out_shapes(g, C) == [(s, s, f) for s, (f, _) in zip(T_SIDES, T_CONVS)]
    assert _out_shapes(g, LR) == _out_shapes(g, C)[:-1]
    # four 2x2 / 2 VALID max pools: 224 -> 112 -> 56 -> 28 -> 14
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in g.ops if op.type == MP] == [(2, 2)] * 4
    assert _strides(g, MP) == [(2, 2)] * 4 and _opt(g, MP, "padding") == ["VALID"] * 4
    assert _out_shapes(g, MP) == [(112, 112, 16), (56, 56, 32), (28, 28, 128),
                                  (14, 14, 256)]
    # the head: linear 1x1 of 1,000 on 14 x 14, MEAN over H and W, SOFTMAX
    mn, sm = g.ops[-2:]
    assert prod[mn.inputs[0]] is convs[-1] and mn.options["keep_dims"] is False
    assert list(g.tensors[mn.inputs[1]].data) == [1, 2]
    assert sm.inputs == mn.outputs and g.outputs == sm.outputs
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in T_LAYERS] == [
        21_676_032, 57_802_752, 1_605_632, 57_802_752, 6_422_528, 57_802_752,
        3_211_264, 57_802_752, 6_422_528, 57_802_752, 3_211_264, 57_802_752,
        6_422_528, 57_802_752, 12_845_056, 25_088_000]
    assert 224 * 224 * 3 * 16 * 9 == 21_676_032 and 14 * 14 * 128 * 1000 == 25_088_000
    assert 56 * 56 * 16 * 128 * 9 == 28 * 28 * 32 * 256 * 9 == 14 * 14 * 64 * 512 * 9
    assert (21_676_032 + 7 * 57_802_752 + 1_605_632 + 3 * 6_422_528 + 2 * 3_211_264
            + 12_845_056 + 25_088_000) == 491_524_096
    # parameters by hand (biases: the folded batch norms' and the classifier's)
    assert [ci * co * k + co for _, ci, co, k in T_LAYERS] == [
        448, 4_640, 528, 18_560, 2_064, 18_560, 4_128, 73_984, 8_224, 73_984, 16_448,
        295_424, 32_832, 295_424, 65_664, 129_000]
    assert sum(co for co, _ in T_CONVS) == 3_192
    assert sum(ci * co * k for _, ci, co, k in T_LAYERS) == 1_036_720
    assert 1_036_720 + 3_192 == 1_039_912
    assert _hand_1d(T_LAYERS) == (491_524_096, 1_039_912)
    # published (the Tiny Darknet page, recalled): 980 M operations (2 x MACs) and
    # 4.0 MB (float32 weights, MiB)
    assert abs(2 * 491_524_096 / 980e6 - 1) < 0.005
    assert abs(4 * 1_039_912 / 2**20 / 4.0 - 1) < 0.01
    _pinned(g, (491_524_096, 1_039_912), (490e6, 2**20), (0.005, 0.01))


def test_mcnn_three_columns_concat_density_map_and_hand_counts():
    g = _graph(hl.mcnn_crowd, M_IN, M_OUT, 20, M_COUNTS)
    assert hl.MCNN_COLUMNS == (((9, 16), (7, 32), (7, 16), (7, 8)),
                               ((7, 20), (5, 40), (5, 20), (5, 10)),
                               ((5, 24), (3, 48), (3, 24), (3, 12)))
    assert hl.MCNN_POOLED == 2
    assert g.op_types() == M_TYPES
    convs = [op for op in g.ops if op.type == C]
    assert _kernels(g, C) == [(k, k) for k in M_K]
    assert _strides(g, C) == [(1, 1)] * 13 and _opt(g, C, "padding") == ["SAME"] * 13
    assert _acts(g, C) == ["RELU"] * 13
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, k, k, ci) for co, k, ci in zip(M_F, M_K, M_CIN)]
    for op in convs:
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)
    sides = {F: (384, 512), H: (192, 256), Q: (96, 128)}
    assert _out_shapes(g, C) == [(*sides[t], f) for t, f in zip(M_POS, M_F)]
    # the pools: 2x2 / 2 VALID after each column's first two convs
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in g.ops if op.type == MP] == [(2, 2)] * 6
    assert _strides(g, MP) == [(2, 2)] * 6 and _opt(g, MP, "padding") == ["VALID"] * 6
    assert _out_shapes(g, MP) == [(192, 256, 16), (96, 128, 32), (192, 256, 20),
                                  (96, 128, 40), (192, 256, 24), (96, 128, 48)]
    # the wiring: each column a chain from the graph input; the CONCATENATION of the
    # three columns' last convs (large, medium, small) along channels; the 1x1 reads it
    prod = _producers(g)
    ops = g.ops
    for i in range(3):
        col = ops[6 * i: 6 * i + 6]
        assert col[0].inputs[0] == g.inputs[0]
        for a, b in zip(col, col[1:]):
            assert b.inputs[0] == a.outputs[0]
    cat, out = ops[-2:]
    assert [prod[t] for t in cat.inputs] == [ops[5], ops[11], ops[17]]
    assert cat.options["axis"] in (-1, 3)
    assert g.tensors[cat.outputs[0]].shape == (1, 96, 128, 30) and 8 + 10 + 12 == 30
    assert out.inputs[0] == cat.outputs[0] and g.outputs == out.outputs
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in M_LAYERS] == [
        764_411_904, 1_233_125_376, 308_281_344, 77_070_336,
        578_027_520, 983_040_000, 245_760_000, 61_440_000,
        353_894_400, 509_607_936, 127_401_984, 31_850_496, 368_640]
    assert 384 * 512 * 3 * 16 * 81 == 764_411_904 and 96 * 128 * 30 == 368_640
    large = 764_411_904 + 1_233_125_376 + 308_281_344 + 77_070_336
    medium = 578_027_520 + 983_040_000 + 245_760_000 + 61_440_000
    small = 353_894_400 + 509_607_936 + 127_401_984 + 31_850_496
    assert (large, medium, small) == (2_382_888_960, 1_868_267_520, 1_022_754_816)
    assert large + medium + small + 368_640 == 5_274_279_936
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in M_LAYERS] == [
        3_904, 25_120, 25_104, 6_280, 2_960, 20_040, 20_020, 5_010, 1_824, 10_416,
        10_392, 2_604, 31]
    assert sum(M_F) == 271 and sum(ci * co * k for _, ci, co, k in M_LAYERS) == 133_434
    assert 133_434 + 271 == 133_705
    assert _hand_1d(M_LAYERS) == (5_274_279_936, 133_705)
    # published (recalled from later papers' comparison tables): 0.13 M parameters
    _pinned(g, (5_274_279_936, 133_705), (None, 0.13e6), (None, 0.05))


def test_no_training_space_draws_the_lxx_c_models_exactly():
    """The overlap stated in ``models.json``: plain's darknet draws 6-9 3x3 convs
    with standalone LEAKY_RELU and a 1x1 detection head of at most 425 channels at
    96-416 px; agg's inplace branches, dil's k x k convs (k at most 7) on maps of at
    most 96 and longk's first convs on maps of at most 128 stop short of MCNN; the
    earlier models of the same kinds are named; the family registered."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_dil, spaces_longk

    assert max(spaces_dil.KERNELS) == 7 and max(spaces_dil.SIDES) == 96 < 384
    assert max(spaces_longk.SIDES) == 128 < 384
    assert 9 not in spaces_longk.KERNELS and 7 not in spaces_longk.KERNELS
    assert max(3, 5) * (80 + 5) == 425 < 1000  # plain's darknet head: anchors x (c + 5)
    assert not _overlap_unnamed(ph.MODELS, {
        "tiny_darknet_224": ("darknet19_224", "tiny_yolov2_416", "squeezenet_1.1_224"),
        "mcnn_crowd_384x512": ("csrnet_b_256", "srcnn_915_64x64")})
    assert "no space draws a 9x9 CONV_2D" in ph.MODELS["mcnn_crowd_384x512"][1]
    # registered after LXIX part C (LXX parts A and B may sit between), the nearest
    # spaces first in the overlap text, the sources in the family text
    _registered_after(ph, ph.SESSION43C, ph.SESSION42C)
    assert ph.SESSION43C == NAMES
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["plain", "agg"]
    assert [ph.MODELS[m][0].split(" (")[0] for m in NAMES] == ["Tiny Darknet", "MCNN"]


@pytest.mark.slow
def test_family_lxx_c_int8():
    """Both int8 graphs keep the float graphs' ops, kernels, paddings, fused
    activations and conv output shapes (LiteRT calibration)."""
    t_shapes = [(s, s, f) for s, (f, _) in zip(T_SIDES, T_CONVS)]
    m_shapes = [(*{F: (384, 512), H: (192, 256), Q: (96, 128)}[t], f)
                for t, f in zip(M_POS, M_F)]
    for name, io, counts, types, ks, act, shapes in (
            (NAMES[0], ([T_IN], [T_OUT]), T_COUNTS, T_TYPES,
             [k for _, k in T_CONVS], "NONE", t_shapes),
            (NAMES[1], ([M_IN], [M_OUT]), M_COUNTS, M_TYPES, M_K, "RELU", m_shapes)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == io, name
        assert Counter(g.op_types()) == counts and g.op_types() == types, name
        n = len(ks)
        assert _kernels(g, C) == [(k, k) for k in ks], name
        assert _opt(g, C, "padding") == ["SAME"] * n and _acts(g, C) == [act] * n
        assert _out_shapes(g, C) == shapes, name
