"""jaxeff.gnn.heldout_nets_lxxv (held-out families LXXV; session 44, addendum 3,
pre-registered): the published structures of Zhou et al.'s ExPecto "Beluga" DeepSEA
(three stages of two 1x8 VALID RELU convs of 320, 480, 640 on a 1 x 2,000 x 4 one-hot
sequence, two 1x4 / 4 max pools, a flatten of 67,840, FC 2,003 RELU, FC 2,002,
LOGISTIC) and de Almeida et al.'s DeepSTARR (SAME RELU convs of 256 x 7, 60 x 3, 60 x
5, 120 x 3 taps on 1 x 249 x 4, each with a VALID max pool 1x2 / 2, a flatten of
1,800, FC 256 RELU twice, FC 2): their kernels, strides, paddings, output shapes,
activations, op counts and sequences, the pinned multiply-add and parameter counts
(by hand), registration, the int8 builds (slow) and the overlap with the training
spaces (none draws them exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxxv as hl
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
NAMES = ("deepsea_beluga_2000x4", "deepstarr_249x4")

# -- Beluga
BE_IN, BE_OUT = (1, 1, 2000, 4), (1, 2002)
BE_COUNTS = {C: 6, MP: 2, R: 1, FC: 2, LG: 1}
BE_TYPES = [C, C, MP, C, C, MP, C, C, R, FC, FC, LG]
BE_CONV = [(1, 1993, 320), (1, 1986, 320), (1, 489, 480), (1, 482, 480),
           (1, 113, 640), (1, 106, 640)]
BE_POOL = [(1, 496, 320), (1, 120, 480)]
#: (output positions, C_in, C_out, taps): the six convs, FC 2,003, FC 2,002
BE_LAYERS = [(1993, 4, 320, 8), (1986, 320, 320, 8), (489, 320, 480, 8),
             (482, 480, 480, 8), (113, 480, 640, 8), (106, 640, 640, 8),
             (1, 67_840, 2_003, 1), (1, 2_003, 2_002, 1)]

# -- DeepSTARR
ST_IN, ST_OUT = (1, 1, 249, 4), (1, 2)
ST_COUNTS = {C: 4, MP: 4, R: 1, FC: 3}
ST_TYPES = [C, MP, C, MP, C, MP, C, MP, R, FC, FC, FC]
ST_CONV = [(1, 249, 256), (1, 124, 60), (1, 62, 60), (1, 31, 120)]
ST_POOL = [(1, 124, 256), (1, 62, 60), (1, 31, 60), (1, 15, 120)]
ST_LAYERS = [(249, 4, 256, 7), (124, 256, 60, 3), (62, 60, 60, 5), (31, 60, 120, 3),
             (1, 1_800, 256, 1), (1, 256, 256, 1), (1, 256, 2, 1)]


def test_beluga_six_valid_convs_floored_pools_flatten_logistic_and_hand_counts():
    g = _graph(hl.deepsea_beluga, BE_IN, BE_OUT, 12, BE_COUNTS)
    assert (hl.BASES, hl.BE_LEN, hl.BE_FILTERS, hl.BE_K, hl.BE_POOL, hl.BE_HIDDEN,
            hl.BE_OUT) == (4, 2000, (320, 480, 640), 8, 4, 2003, 2002)
    assert g.op_types() == BE_TYPES
    _chain(g)
    _biased(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x8 VALID, stride 1, RELU fused; 4 -> 320, 320 -> 480, 480 -> 640
    # channels, two convs a stage (no batch norm)
    assert _kernels(g, C) == [(1, 8)] * 6 and _strides(g, C) == [(1, 1)] * 6
    assert _opt(g, C, "padding") == ["VALID"] * 6 and _acts(g, C) == ["RELU"] * 6
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (320, 1, 8, 4), (320, 1, 8, 320), (480, 1, 8, 320), (480, 1, 8, 480),
        (640, 1, 8, 480), (640, 1, 8, 640)]
    assert _out_shapes(g, C) == BE_CONV
    # the max pools: 1x4 / (1, 4) VALID after the first two stages, remainders floored
    assert _pool_windows(g) == [(1, 4)] * 2 and _strides(g, MP) == [(1, 4)] * 2
    assert _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, MP) == BE_POOL
    assert (2000 - 7, 1993 - 7, 1986 // 4, 496 - 7, 489 - 7, 482 // 4, 120 - 7,
            113 - 7) == (1993, 1986, 496, 489, 482, 120, 113, 106)
    assert 1986 % 4 == 2 and 482 % 4 == 2
    # the head: flatten to [1, 67840] (NHWC), FC 2,003 RELU, FC 2,002 linear, LOGISTIC
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 67_840) and 106 * 640 == 67_840
    assert _fc_weights(g) == [(2003, 67_840), (2002, 2003)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert g.ops[-1].inputs[0] == g.ops[-2].outputs[0]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in BE_LAYERS] == [
        20_408_320, 1_626_931_200, 600_883_200, 888_422_400, 277_708_800,
        347_340_800, 135_883_520, 4_010_006]
    assert (20_408_320 + 1_626_931_200 + 600_883_200 + 888_422_400 + 277_708_800
            + 347_340_800 + 135_883_520 + 4_010_006) == 3_901_588_246
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in BE_LAYERS] == [
        10_560, 819_520, 1_229_280, 1_843_680, 2_458_240, 3_277_440, 135_885_523,
        4_012_008]
    assert (10_560 + 819_520 + 1_229_280 + 1_843_680 + 2_458_240 + 3_277_440
            + 135_885_523 + 4_012_008) == 149_536_251
    assert _hand_1d(BE_LAYERS) == (3_901_588_246, 149_536_251)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (3_901_588_246, 149_536_251), (None, None), (None, None))


def test_deepstarr_four_same_convs_floored_pools_two_fc256_and_hand_counts():
    g = _graph(hl.deepstarr, ST_IN, ST_OUT, 12, ST_COUNTS)
    assert (hl.ST_LEN, hl.ST_CONVS, hl.ST_POOL, hl.ST_HIDDEN, hl.ST_OUT) == (
        249, ((256, 7), (60, 3), (60, 5), (120, 3)), 2, (256, 256), 2)
    assert g.op_types() == ST_TYPES
    _chain(g)
    _biased(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x7, 1x3, 1x5, 1x3 SAME, stride 1, RELU fused (batch norms folded)
    assert _kernels(g, C) == [(1, 7), (1, 3), (1, 5), (1, 3)]
    assert _strides(g, C) == [(1, 1)] * 4
    assert _opt(g, C, "padding") == ["SAME"] * 4 and _acts(g, C) == ["RELU"] * 4
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (256, 1, 7, 4), (60, 1, 3, 256), (60, 1, 5, 60), (120, 1, 3, 60)]
    assert _out_shapes(g, C) == ST_CONV
    # the max pools: 1x2 / (1, 2) VALID after every conv (floor: 249 -> 124, 31 -> 15)
    assert _pool_windows(g) == [(1, 2)] * 4 and _strides(g, MP) == [(1, 2)] * 4
    assert _opt(g, MP, "padding") == ["VALID"] * 4
    assert _out_shapes(g, MP) == ST_POOL
    assert (249 // 2, 124 // 2, 62 // 2, 31 // 2) == (124, 62, 31, 15)
    # the head: flatten to [1, 1800] (NHWC), FC 256 RELU twice, FC 2 linear
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 1_800) and 15 * 120 == 1_800
    assert _fc_weights(g) == [(256, 1800), (256, 256), (2, 256)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in ST_LAYERS] == [
        1_784_832, 5_713_920, 1_116_000, 669_600, 460_800, 65_536, 512]
    assert (1_784_832 + 5_713_920 + 1_116_000 + 669_600 + 460_800 + 65_536
            + 512) == 9_811_200
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in ST_LAYERS] == [
        7_424, 46_140, 18_060, 21_720, 461_056, 65_792, 514]
    assert (7_424 + 46_140 + 18_060 + 21_720 + 461_056 + 65_792
            + 514) == 620_706
    assert _hand_1d(ST_LAYERS) == (9_811_200, 620_706)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (9_811_200, 620_706), (None, None), (None, None))


def test_family_lxxv_registered_and_overlap_text():
    """Registered after LXXIV part b (other families may sit between or follow); the
    overlap stated in ``models.json``: longk draws 1-D signals of 1-3 channels (4
    not among them), lengths with 2,000 but without 249, first kernels with 8 but
    without 7, filters up to 192, pools of stride at most 3 and FCs of at most 2 M
    weights, 65,536 inputs and 128 hidden units; tiny's sensor windows are of 1, 3,
    6, 9 channels and at most 256 samples (249 not among them), its kernel widths
    leave out 7, its filters stop at 128 and leave out 60 and 120, its FCs hold 256
    and 2 classes; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION44E == NAMES
    _registered_after(ph, ph.SESSION44E, ph.SESSION44D)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "tiny"]
    assert 4 not in spaces_longk.IN_C and max(spaces_longk.IN_C) == 3
    assert 2000 in spaces_longk.LENGTHS and 249 not in spaces_longk.LENGTHS
    assert 249 not in spaces_longk.SIDES
    assert 8 in spaces_longk.KERNELS and 7 not in spaces_longk.KERNELS
    assert max(spaces_longk.FILTERS) == 192
    assert not {320, 480, 640, 256, 60, 120} & set(spaces_longk.FILTERS)
    assert max(spaces_longk.LAYER_FILTERS) == 128 and max(spaces_longk.HIDDEN) == 128
    assert not {2003, 256} & set(spaces_longk.HIDDEN)
    assert 2002 not in spaces_longk.CLASSES and 2 in spaces_longk.CLASSES
    assert spaces_longk.MAX_FC_WEIGHTS == 2_000_000 < 67_840 * 2003
    assert spaces_longk.MAX_FC_INPUTS == 65_536 < 106 * 640
    assert spaces_longk.MAX_MACS == 50_000_000
    assert max(spaces_tiny.FILTERS) == 128
    assert not {256, 60, 120} & set(spaces_tiny.FILTERS)
    assert 7 not in spaces_tiny.KERNEL_W and 256 in spaces_tiny.FC_WIDTHS
    assert 2 in spaces_tiny.CLASSES and spaces_tiny.MAX_OPS == 12
    assert spaces_tiny.MAX_FC_WEIGHTS == 4_000_000
    assert not _overlap_unnamed(ph.MODELS, {
        "deepsea_beluga_2000x4": ("deepsea_1000x4", "char_cnn_large_1014",
                                  "dieleman_e2e_48000"),
        "deepstarr_249x4": ("basset_600x4", "ronao_har_cnn_128x6",
                            "har_cnn1d_128x9")})


@pytest.mark.slow
def test_family_lxxv_int8():
    g, ins, outs = _int8_io("deepsea_beluga_2000x4")
    assert (ins, outs) == ([BE_IN], [BE_OUT])
    assert Counter(g.op_types()) == BE_COUNTS and g.op_types() == BE_TYPES
    assert _kernels(g, C) == [(1, 8)] * 6 and _opt(g, C, "padding") == ["VALID"] * 6
    assert _out_shapes(g, C) == BE_CONV and _out_shapes(g, MP) == BE_POOL
    assert _fc_weights(g) == [(2003, 67_840), (2002, 2003)]
    g, ins, outs = _int8_io("deepstarr_249x4")
    assert (ins, outs) == ([ST_IN], [ST_OUT])
    assert Counter(g.op_types()) == ST_COUNTS and g.op_types() == ST_TYPES
    assert _kernels(g, C) == [(1, 7), (1, 3), (1, 5), (1, 3)]
    assert _opt(g, C, "padding") == ["SAME"] * 4
    assert _opt(g, MP, "padding") == ["VALID"] * 4
    assert _out_shapes(g, C) == ST_CONV and _out_shapes(g, MP) == ST_POOL
    assert _fc_weights(g) == [(256, 1800), (256, 256), (2, 256)]
