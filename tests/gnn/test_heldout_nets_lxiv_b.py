"""jaxeff.gnn.heldout_nets_lxiv_b (held-out families LXIV, part B; session 40,
section 2, pre-registered): the published structures of Ronao and Cho's HAR convnet
(three 1x9 SAME RELU convs of 96, 192, 192 on a 1 x 128 x 6 window, each with a
max pool 1x3 / 3, a flatten of 768, FC 1000 RELU, FC 6, SOFTMAX) and Yildirim et
al.'s arrhythmia CNN (seven VALID RELU convs on a 1 x 3,600 x 1 fragment, the first
1x50 / 3 of 128 on one channel, four max pools 1x2 of strides 3, 2, 2, 2, a flatten
of 1,152, FC 512 RELU, FC 17, SOFTMAX): their kernels, strides, paddings, output
shapes, activations, op counts per type, the pinned multiply-add and parameter
counts (by hand), registration, the int8 builds (slow) and the overlap with the
training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxiv_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, R, FC, SM = ("CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                    "SOFTMAX")

# -- Ronao and Cho 2016
RON_IN, RON_OUT = (1, 1, 128, 6), (1, 6)
RON_COUNTS = {C: 3, MP: 3, R: 1, FC: 2, SM: 1}
RON_TYPES = [C, MP] * 3 + [R, FC, FC, SM]
#: SAME conv widths (the input's), VALID 1x3 / 3 pools: floor((W - 3) / 3) + 1
RON_CONV = [(1, 128, 96), (1, 42, 192), (1, 14, 192)]
RON_POOL = [(1, 42, 96), (1, 14, 192), (1, 4, 192)]
#: (output positions, C_in, C_out, taps): the convs, then the flatten of 4 x 192 =
#: 768 into the FCs
RON_LAYERS = [(128, 6, 96, 9), (42, 96, 192, 9), (14, 192, 192, 9),
              (1, 768, 1000, 1), (1, 1000, 6, 1)]

# -- Yildirim et al. 2018
YIL_IN, YIL_OUT = (1, 1, 3600, 1), (1, 17)
YIL_COUNTS = {C: 7, MP: 4, R: 1, FC: 2, SM: 1}
YIL_TYPES = [C, MP, C, MP, C, C, MP, C, MP, C, C, R, FC, FC, SM]
#: VALID conv widths floor((W - k) / s) + 1 and pool widths floor((W - 2) / s) + 1
YIL_CONV = [(1, 1184, 128), (1, 389, 32), (1, 185, 32), (1, 91, 128), (1, 31, 256),
            (1, 11, 512), (1, 9, 128)]
YIL_POOL = [(1, 395, 128), (1, 194, 32), (1, 45, 128), (1, 15, 256)]
YIL_LAYERS = [(1184, 1, 128, 50), (389, 128, 32, 7), (185, 32, 32, 10),
              (91, 32, 128, 5), (31, 128, 256, 15), (11, 256, 512, 5),
              (9, 512, 128, 3), (1, 1152, 512, 1), (1, 512, 17, 1)]


def _chain(g):
    """Each op reads the previous op's output (a plain chain from the input)."""
    assert g.ops[0].inputs[0] == g.inputs[0] and g.outputs == g.ops[-1].outputs
    for a, b in zip(g.ops, g.ops[1:]):
        assert b.inputs[0] == a.outputs[0], (a.type, b.type)


def test_ronao_har_cnn_same_convs_floored_pools_flatten_and_hand_counts():
    g = _graph(hl.ronao_har_cnn, RON_IN, RON_OUT, 10, RON_COUNTS)
    assert (hl.RONAO_LEN, hl.RONAO_AXES, hl.RONAO_FILTERS, hl.RONAO_K, hl.RONAO_POOL,
            hl.RONAO_HIDDEN, hl.RONAO_CLASSES) == (128, 6, (96, 192, 192), 9, 3,
                                                   1000, 6)
    assert g.op_types() == RON_TYPES
    _chain(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1x9 SAME, stride 1, RELU fused, with biases; the 2nd and 3rd on
    # 96 / 192 channels at OW 42 / 14 (W1's domain)
    assert _kernels(g, C) == [(1, 9)] * 3 and _strides(g, C) == [(1, 1)] * 3
    assert set(_opt(g, C, "padding")) == {"SAME"} and _acts(g, C) == ["RELU"] * 3
    assert {len(op.inputs) for op in convs} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (96, 1, 9, 6), (192, 1, 9, 96), (192, 1, 9, 192)]
    assert [g.tensors[op.inputs[2]].shape for op in convs] == [(96,), (192,), (192,)]
    assert _out_shapes(g, C) == RON_CONV
    # the max pools: 1x3 / (1, 3) VALID; 128 = 3 x 42 + 2 and 14 = 3 x 4 + 2 floored
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 3)] * 3
    assert _strides(g, MP) == [(1, 3)] * 3 and set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == RON_POOL
    w = hl.RONAO_LEN
    for (_, cw, _), (_, pw, _) in zip(RON_CONV, RON_POOL, strict=True):
        assert cw == w and pw == (w - 3) // 3 + 1 == w // 3
        w = pw
    assert (128 % 3, 42 % 3, 14 % 3) == (2, 0, 2)
    # the head: flatten to [1, 768] (NHWC), FC 1000 RELU, FC 6 linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 768) and 4 * 192 == 768
    assert _fc_weights(g) == [(1000, 768), (6, 1000)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    # MACs: 128 x 6 x 96 x 9, 42 x 96 x 192 x 9, 14 x 192 x 192 x 9, 768 x 1000,
    # 1000 x 6
    assert [t * ci * co * k for t, ci, co, k in RON_LAYERS] == [
        663_552, 6_967_296, 4_644_864, 768_000, 6_000]
    assert 663_552 + 6_967_296 + 4_644_864 + 768_000 + 6_000 == 13_049_712
    assert [ci * co * k + co for _, ci, co, k in RON_LAYERS] == [
        5_280, 166_080, 331_968, 769_000, 6_006]
    assert 5_280 + 166_080 + 331_968 + 769_000 + 6_006 == 1_278_334
    assert _hand_1d(RON_LAYERS) == (13_049_712, 1_278_334)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (13_049_712, 1_278_334), (None, None), (None, None))


def test_yildirim_arrhythmia_ecg_valid_strided_convs_pools_flatten_and_hand_counts():
    g = _graph(hl.yildirim_arrhythmia_ecg, YIL_IN, YIL_OUT, 15, YIL_COUNTS)
    assert (hl.YIL_LEN, hl.YIL_LEADS, hl.YIL_CONVS, hl.YIL_POOLS, hl.YIL_POOL,
            hl.YIL_HIDDEN, hl.YIL_CLASSES) == (
        3600, 1, ((128, 50, 3), (32, 7, 1), (32, 10, 1), (128, 5, 2), (256, 15, 1),
                  (512, 5, 1), (128, 3, 1)), (3, 2, None, 2, 2, None, None), 2,
        512, 17)
    assert g.op_types() == YIL_TYPES
    _chain(g)
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1xk VALID, RELU fused, with biases; the first on the input, one
    # channel, 50 taps, stride 3 (rule Z); the last three on 128-512 channels at
    # OW 31 / 11 / 9 (W1's domain)
    assert _kernels(g, C) == [(1, 50), (1, 7), (1, 10), (1, 5), (1, 15), (1, 5),
                              (1, 3)]
    assert _strides(g, C) == [(1, 3), (1, 1), (1, 1), (1, 2), (1, 1), (1, 1), (1, 1)]
    assert set(_opt(g, C, "padding")) == {"VALID"} and _acts(g, C) == ["RELU"] * 7
    assert {len(op.inputs) for op in convs} == {3}
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (128, 1, 50, 1), (32, 1, 7, 128), (32, 1, 10, 32), (128, 1, 5, 32),
        (256, 1, 15, 128), (512, 1, 5, 256), (128, 1, 3, 512)]
    assert _out_shapes(g, C) == YIL_CONV
    # the max pools: 1x2 VALID, strides 3, 2, 2, 2
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 2)] * 4
    assert _strides(g, MP) == [(1, 3), (1, 2), (1, 2), (1, 2)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == YIL_POOL
    # the widths by hand: (3600 - 50) // 3 + 1 = 1184 (1 floored), (1184 - 2) // 3
    # + 1 = 395, 395 - 6 = 389, (389 - 2) // 2 + 1 = 194 (floored), 194 - 9 = 185,
    # (185 - 5) // 2 + 1 = 91, (91 - 2) // 2 + 1 = 45 (floored), 45 - 14 = 31,
    # (31 - 2) // 2 + 1 = 15 (floored), 15 - 4 = 11, 11 - 2 = 9
    w, got = hl.YIL_LEN, []
    for (_, k, s), p in zip(hl.YIL_CONVS, hl.YIL_POOLS, strict=True):
        w = (w - k) // s + 1
        got.append(w)
        if p is not None:
            w = (w - 2) // p + 1
            got.append(w)
    assert got == [1184, 395, 389, 194, 185, 91, 45, 31, 15, 11, 9]
    assert (3550 % 3, 389 % 2, 91 % 2, 31 % 2) == (1, 1, 1, 1)
    # the head: flatten to [1, 1152] (NHWC), FC 512 RELU, FC 17 linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 1152) and 9 * 128 == 1152
    assert _fc_weights(g) == [(512, 1152), (17, 512)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert [t * ci * co * k for t, ci, co, k in YIL_LAYERS] == [
        7_577_600, 11_153_408, 1_894_400, 1_863_680, 15_237_120, 7_208_960,
        1_769_472, 589_824, 8_704]
    assert (7_577_600 + 11_153_408 + 1_894_400 + 1_863_680 + 15_237_120 + 7_208_960
            + 1_769_472 + 589_824 + 8_704) == 47_303_168
    assert [ci * co * k + co for _, ci, co, k in YIL_LAYERS] == [
        6_528, 28_704, 10_272, 20_608, 491_776, 655_872, 196_736, 590_336, 8_721]
    assert (6_528 + 28_704 + 10_272 + 20_608 + 491_776 + 655_872 + 196_736
            + 590_336 + 8_721) == 2_009_553
    assert _hand_1d(YIL_LAYERS) == (47_303_168, 2_009_553)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (47_303_168, 2_009_553), (None, None), (None, None))


def test_no_training_space_draws_the_lxiv_b_models_exactly():
    """The overlap stated in ``models.json``: tiny draws [1, 1, 128, 6] windows but
    no 1x9 kernel, no 96 / 192 filters and no FC 1000, and stops at 12 ops and 256
    samples; longk draws no 6-channel input, no 3,600 samples, no 50-tap kernel, no
    layer of more than 128 filters, no FC hidden of 512 / 1000; no space pools with
    a stride above its window; no draw takes Yildirim's input; the earlier models of
    the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk, spaces_tiny

    assert 9 not in spaces_tiny.KERNEL_W and 1000 not in spaces_tiny.FC_WIDTHS
    assert not {96, 192} & set(spaces_tiny.FILTERS) and spaces_tiny.MAX_OPS < 15
    assert 6 not in spaces_longk.IN_C and 3600 not in spaces_longk.LENGTHS
    assert 50 not in spaces_longk.KERNELS and max(spaces_longk.LAYER_FILTERS) == 128
    assert not {512, 1000} & set(spaces_longk.HIDDEN)
    rng = np.random.default_rng(40)
    for name in ("longk", "tiny"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            shape = g.tensors[g.inputs[0]].shape
            # tiny may draw Ronao's [1, 1, 128, 6] window, never its 1x9 convs
            assert shape != YIL_IN and (name == "tiny" or shape != RON_IN), name
            assert all(g.tensors[op.inputs[1]].shape[2] != 9 for op in g.ops
                       if op.type == C and name == "tiny"), name
            assert all(op.options["stride_w"] <= op.options["filter_width"]
                       for op in g.ops if op.type == MP), name
            assert all(g.tensors[op.inputs[1]].shape[0] != 1000 for op in g.ops
                       if op.type == FC), name
    assert not _overlap_unnamed(ph.MODELS, {
        "ronao_har_cnn_128x6": ("har_cnn1d_128x9", "ignatov_har_128",
                                "tc_resnet8_98x40"),
        "yildirim_arrhythmia_ecg_3600": ("acharya_mi_ecg_651", "deepsleepnet_cnn_3000",
                                         "m5_32000")})


def test_family_lxiv_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40B == ("ronao_har_cnn_128x6", "yildirim_arrhythmia_ecg_3600")
    # after LXIII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION40B, ph.SESSION39C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION40B] == ["tiny", "longk"]


@pytest.mark.slow
def test_family_lxiv_b_int8():
    # int8 input and output, the float graphs' op sequences (so their counts); the
    # fused RELUs, the SAME / VALID widths, the floored pools and the strided convs
    g, ins, outs = _int8_io("ronao_har_cnn_128x6")
    assert (ins, outs) == ([RON_IN], [RON_OUT])
    assert Counter(g.op_types()) == RON_COUNTS and g.op_types() == RON_TYPES
    assert _kernels(g, C) == [(1, 9)] * 3 and _acts(g, C) == ["RELU"] * 3
    assert _out_shapes(g, C) == RON_CONV and _out_shapes(g, MP) == RON_POOL
    assert _fc_weights(g) == [(1000, 768), (6, 1000)]
    g, ins, outs = _int8_io("yildirim_arrhythmia_ecg_3600")
    assert (ins, outs) == ([YIL_IN], [YIL_OUT])
    assert Counter(g.op_types()) == YIL_COUNTS and g.op_types() == YIL_TYPES
    assert _strides(g, C) == [(1, 3), (1, 1), (1, 1), (1, 2), (1, 1), (1, 1), (1, 1)]
    assert _strides(g, MP) == [(1, 3), (1, 2), (1, 2), (1, 2)]
    assert _out_shapes(g, C) == YIL_CONV and _out_shapes(g, MP) == YIL_POOL
    assert _fc_weights(g) == [(512, 1152), (17, 512)]
