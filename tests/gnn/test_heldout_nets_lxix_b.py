"""jaxeff.gnn.heldout_nets_lxix_b (held-out families LXIX, part B; session 42,
section 4, pre-registered): the published structures of Perol et al.'s ConvNetQuake
(eight 1x3 / 2 SAME RELU convs of 32 on a 1 x 1,000 x 3 window, widths 500 to 4, a
flatten of 128, FC 7, SOFTMAX) and Ross et al.'s Generalized Phase Detection (four
SAME RELU convs of 32 x 21, 64 x 15, 128 x 11, 256 x 9 taps on a 1 x 400 x 3 window,
each with a max pool 1x2 / 2, a flatten of 6,400, FC 200 RELU twice, FC 3,
SOFTMAX): their kernels, strides, paddings, output shapes, activations, op counts
and sequences, the pinned multiply-add and parameter counts (by hand), registration,
the int8 builds (slow) and the overlap with the training spaces (none draws them
exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxix_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, R, FC, SM = ("CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                    "SOFTMAX")
NAMES = ("convnetquake_1000x3", "gpd_400x3")

# -- ConvNetQuake
CNQ_IN, CNQ_OUT = (1, 1, 1000, 3), (1, 7)
CNQ_COUNTS = {C: 8, R: 1, FC: 1, SM: 1}
CNQ_TYPES = [C] * 8 + [R, FC, SM]
#: SAME stride-2 widths: ceil(W / 2) from 1,000
CNQ_WIDTHS = (500, 250, 125, 63, 32, 16, 8, 4)
#: (output positions, C_in, C_out, taps): the eight convs, then the flatten of 4 x
#: 32 = 128 into FC 7
CNQ_LAYERS = ([(500, 3, 32, 3)] + [(w, 32, 32, 3) for w in CNQ_WIDTHS[1:]]
              + [(1, 128, 7, 1)])

# -- Generalized Phase Detection
GPD_IN, GPD_OUT = (1, 1, 400, 3), (1, 3)
GPD_COUNTS = {C: 4, MP: 4, R: 1, FC: 3, SM: 1}
GPD_TYPES = [C, MP] * 4 + [R, FC, FC, FC, SM]
GPD_CONV = [(1, 400, 32), (1, 200, 64), (1, 100, 128), (1, 50, 256)]
GPD_POOL = [(1, 200, 32), (1, 100, 64), (1, 50, 128), (1, 25, 256)]
GPD_LAYERS = [(400, 3, 32, 21), (200, 32, 64, 15), (100, 64, 128, 11),
              (50, 128, 256, 9), (1, 6400, 200, 1), (1, 200, 200, 1),
              (1, 200, 3, 1)]


def _chain(g):
    """Each op reads the previous op's output (a plain chain from the input), every
    conv and FC with a bias of its output width."""
    assert g.ops[0].inputs[0] == g.inputs[0] and g.outputs == g.ops[-1].outputs
    for a, b in zip(g.ops, g.ops[1:]):
        assert b.inputs[0] == a.outputs[0], (a.type, b.type)
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)


def test_convnetquake_eight_strided_same_convs_flatten_and_hand_counts():
    g = _graph(hl.convnetquake, CNQ_IN, CNQ_OUT, 11, CNQ_COUNTS)
    assert (hl.CNQ_LEN, hl.CNQ_COMPONENTS, hl.CNQ_LAYERS, hl.CNQ_FILTERS, hl.CNQ_K,
            hl.CNQ_STRIDE, hl.CNQ_CLASSES) == (1000, 3, 8, 32, 3, 2, 7)
    assert g.op_types() == CNQ_TYPES
    _chain(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x3 / (1, 2) SAME, RELU fused, 32 filters; the first on 3 channels
    assert _kernels(g, C) == [(1, 3)] * 8 and _strides(g, C) == [(1, 2)] * 8
    assert _opt(g, C, "padding") == ["SAME"] * 8 and _acts(g, C) == ["RELU"] * 8
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [(32, 1, 3, 3)] + [
        (32, 1, 3, 32)] * 7
    assert _out_shapes(g, C) == [(1, w, 32) for w in CNQ_WIDTHS]
    # the widths by hand: ceil(W / 2); 125 and 63 odd (O2's domain)
    w, got = hl.CNQ_LEN, []
    for _ in range(8):
        w = -(-w // 2)
        got.append(w)
    assert tuple(got) == CNQ_WIDTHS and (125 % 2, 63 % 2) == (1, 1)
    # the head: flatten to [1, 128] (NHWC), FC 7 linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 128) and 4 * 32 == 128
    assert _fc_weights(g) == [(7, 128)] and _acts(g, FC) == ["NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in CNQ_LAYERS] == [
        144_000, 768_000, 384_000, 193_536, 98_304, 49_152, 24_576, 12_288, 896]
    assert 500 * 3 * 32 * 3 == 144_000 and 63 * 32 * 32 * 3 == 193_536
    assert (768_000 + 384_000 + 193_536 + 98_304 + 49_152 + 24_576
            + 12_288) == 1_529_856
    assert 144_000 + 1_529_856 + 896 == 1_674_752
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in CNQ_LAYERS] == [320] + [3_104] * 7 + [
        903]
    assert 3 * 3 * 32 + 32 + 7 * (3 * 32 * 32 + 32) + 128 * 7 + 7 == 22_951
    assert _hand_1d(CNQ_LAYERS) == (1_674_752, 22_951)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (1_674_752, 22_951), (None, None), (None, None))


def test_gpd_four_same_convs_pools_flatten_two_fc200_and_hand_counts():
    g = _graph(hl.gpd, GPD_IN, GPD_OUT, 13, GPD_COUNTS)
    assert (hl.GPD_LEN, hl.GPD_COMPONENTS, hl.GPD_CONVS, hl.GPD_POOL, hl.GPD_HIDDEN,
            hl.GPD_CLASSES) == (400, 3, ((32, 21), (64, 15), (128, 11), (256, 9)),
                                2, (200, 200), 3)
    assert g.op_types() == GPD_TYPES
    _chain(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1xk SAME, stride 1, RELU fused
    assert _kernels(g, C) == [(1, 21), (1, 15), (1, 11), (1, 9)]
    assert _strides(g, C) == [(1, 1)] * 4
    assert _opt(g, C, "padding") == ["SAME"] * 4 and _acts(g, C) == ["RELU"] * 4
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (32, 1, 21, 3), (64, 1, 15, 32), (128, 1, 11, 64), (256, 1, 9, 128)]
    assert _out_shapes(g, C) == GPD_CONV
    # the max pools: 1x2 / (1, 2) VALID; every width even, nothing floored
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 2)] * 4
    assert _strides(g, MP) == [(1, 2)] * 4 and _opt(g, MP, "padding") == ["VALID"] * 4
    assert _out_shapes(g, MP) == GPD_POOL
    assert [w for _, w, _ in GPD_POOL] == [400 // 2, 400 // 4, 400 // 8, 400 // 16]
    # the head: flatten to [1, 6400] (NHWC), FC 200 RELU, FC 200 RELU, FC 3 linear,
    # SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 6400) and 25 * 256 == 6400
    assert _fc_weights(g) == [(200, 6400), (200, 200), (3, 200)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in GPD_LAYERS] == [
        806_400, 6_144_000, 9_011_200, 14_745_600, 1_280_000, 40_000, 600]
    assert 400 * 3 * 32 * 21 == 806_400 and 50 * 128 * 256 * 9 == 14_745_600
    assert (806_400 + 6_144_000 + 9_011_200 + 14_745_600 + 1_280_000 + 40_000
            + 600) == 32_027_800
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in GPD_LAYERS] == [
        2_048, 30_784, 90_240, 295_168, 1_280_200, 40_200, 603]
    assert (2_048 + 30_784 + 90_240 + 295_168 + 1_280_200 + 40_200
            + 603) == 1_739_243
    assert _hand_1d(GPD_LAYERS) == (32_027_800, 1_739_243)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (32_027_800, 1_739_243), (None, None), (None, None))


def test_family_lxix_b_registered_and_overlap_text():
    """Registered after LXVIII (other families, LXIX part A, may sit between or
    follow); the overlap stated in ``models.json``: longk draws 1,000 / 400 samples
    on 3 channels but at most five convs, one pool, no 21 / 15 / 11 taps, no layer
    of 256 filters, no FC hidden of 200 and no 7 / 3 classes; tiny's windows stop at
    256 samples and its ops at 12; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION42B == NAMES
    _registered_after(ph, ph.SESSION42B, ph.SESSION41B)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "longk"]
    assert {1000, 400} <= set(spaces_longk.LENGTHS) and 3 in spaces_longk.IN_C
    assert 3 in spaces_longk.KERNELS and 32 in spaces_longk.FILTERS
    assert not {21, 15, 11} & set(spaces_longk.KERNELS)
    assert max(spaces_longk.LAYER_FILTERS) == 128 and 200 not in spaces_longk.HIDDEN
    assert not {7, 3} & set(spaces_longk.CLASSES)
    assert spaces_tiny.MAX_OPS == 12 and 200 not in spaces_tiny.FC_WIDTHS
    assert not {1000, 400} & {64, 128, 187, 256}  # tiny's sensor windows
    assert not _overlap_unnamed(ph.MODELS, {
        "convnetquake_1000x3": ("har_cnn1d_128x9", "ronao_har_cnn_128x6",
                                "xresnet1d50_ptbxl_1000x12"),
        "gpd_400x3": ("ronao_har_cnn_128x6", "acharya_seizure_eeg_4097",
                      "ignatov_har_128")})


@pytest.mark.slow
def test_family_lxix_b_int8():
    g, ins, outs = _int8_io("convnetquake_1000x3")
    assert (ins, outs) == ([CNQ_IN], [CNQ_OUT])
    assert Counter(g.op_types()) == CNQ_COUNTS and g.op_types() == CNQ_TYPES
    assert _kernels(g, C) == [(1, 3)] * 8 and _strides(g, C) == [(1, 2)] * 8
    assert _opt(g, C, "padding") == ["SAME"] * 8 and _acts(g, C) == ["RELU"] * 8
    assert _out_shapes(g, C) == [(1, w, 32) for w in CNQ_WIDTHS]
    assert _fc_weights(g) == [(7, 128)]
    g, ins, outs = _int8_io("gpd_400x3")
    assert (ins, outs) == ([GPD_IN], [GPD_OUT])
    assert Counter(g.op_types()) == GPD_COUNTS and g.op_types() == GPD_TYPES
    assert _kernels(g, C) == [(1, 21), (1, 15), (1, 11), (1, 9)]
    assert _opt(g, C, "padding") == ["SAME"] * 4 and _acts(g, C) == ["RELU"] * 4
    assert _out_shapes(g, C) == GPD_CONV and _out_shapes(g, MP) == GPD_POOL
    assert _fc_weights(g) == [(200, 6400), (200, 200), (3, 200)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert np.prod(GPD_POOL[-1]) == 6400
