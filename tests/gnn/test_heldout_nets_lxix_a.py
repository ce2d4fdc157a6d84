"""jaxeff.gnn.heldout_nets_lxix_a (held-out families LXIX, part A; session 42, section
4, pre-registered): the WaveGAN discriminator (d = 64; five 1x25 stride-(1, 4) SAME
convs of 64-1,024 on 16,384 samples, each followed by a standalone LEAKY_RELU 0.2, a
flatten of 16,384, FC 1) and Ribeiro et al.'s 12-lead ECG ResNet (a 1x16 RELU conv of
64 on 4,096 x 12; four residual units of 128 / 196 / 256 / 320 whose skip is a 1x4 / 4
max pool then a 1x1 conv and whose main path is a 1x16 RELU conv then a 1x16 stride-4
linear conv, a linear ADD read by the next skip, a MUL + ADD RELU batch norm read by
the next main path; a flatten of 5,120, FC 6, LOGISTIC). Op counts and sequences,
kernels, strides, paddings, output widths, the residual wiring, the MAC and parameter
counts (by hand), registration, the int8 builds (slow) and the overlap text."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxix_a as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, LR, RS, FC, MP, A, M, LG = ("CONV_2D", "LEAKY_RELU", "RESHAPE", "FULLY_CONNECTED",
                               "MAX_POOL_2D", "ADD", "MUL", "LOGISTIC")
NAMES = ("wavegan_disc_16384", "ribeiro_ecg_resnet_4096")

# -- WaveGAN discriminator
W_IN, W_OUT = (1, 1, 16384, 1), (1, 1)
W_COUNTS = {C: 5, LR: 5, RS: 1, FC: 1}
W_TYPES = [C, LR] * 5 + [RS, FC]
W_WIDTHS = (4096, 1024, 256, 64, 16)
W_FILTERS = (64, 128, 256, 512, 1024)
#: (output positions, C_in, C_out, taps): the five convs, the FC on the flatten
W_LAYERS = [(4096, 1, 64, 25), (1024, 64, 128, 25), (256, 128, 256, 25),
            (64, 256, 512, 25), (16, 512, 1024, 25), (1, 16384, 1, 1)]

# -- Ribeiro ECG ResNet
R_IN, R_OUT = (1, 1, 4096, 12), (1, 6)
R_COUNTS = {C: 13, MP: 4, A: 8, M: 4, RS: 1, FC: 1, LG: 1}
R_UNIT = [MP, C, C, C, A, M, A]  # skip pool, skip 1x1, main 1x16, main 1x16 / 4, sum, BN
R_TYPES = [C] + R_UNIT * 4 + [RS, FC, LG]
R_FILTERS = (128, 196, 256, 320)
R_WIDTHS = (4096, 1024, 256, 64, 16)
#: (output positions, C_in, C_out, taps) in graph order: the stem; per unit the skip's
#: 1x1, the 1x16, the 1x16 / 4; the FC on the flatten
R_LAYERS = [(4096, 12, 64, 16)]
for _i, (_f, _c) in enumerate(zip(R_FILTERS, (64,) + R_FILTERS[:-1], strict=True)):
    _w = R_WIDTHS[_i]
    R_LAYERS += [(_w // 4, _c, _f, 1), (_w, _c, _f, 16), (_w // 4, _f, _f, 16)]
R_LAYERS += [(1, 5120, 6, 1)]


def test_wavegan_disc_strided_convs_leaky_relus_and_hand_counts():
    g = _graph(hl.wavegan_disc, W_IN, W_OUT, 12, W_COUNTS)
    assert (hl.WAVEGAN_FILTERS, hl.WAVEGAN_TAPS, hl.WAVEGAN_STRIDE,
            hl.WAVEGAN_ALPHA) == (W_FILTERS, 25, 4, 0.2)
    assert g.op_types() == W_TYPES
    # a plain chain: each conv reads the LEAKY_RELU before it (the first the input)
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))
    assert g.ops[0].inputs[0] == g.inputs[0]
    assert _kernels(g, C) == [(1, 25)] * 5
    assert _strides(g, C) == [(1, 4)] * 5
    assert _opt(g, C, "padding") == ["SAME"] * 5 and _acts(g, C) == ["NONE"] * 5
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (co, 1, k, ci) for _, ci, co, k in W_LAYERS[:-1]]
    # 16,384 / 4^k: 4,096, 1,024, 256, 64, 16 (SAME: the ceiling, exact here)
    assert [16384 // 4 ** k for k in range(1, 6)] == list(W_WIDTHS)
    assert _out_shapes(g, C) == [(1, w, f) for w, f in zip(W_WIDTHS, W_FILTERS)]
    assert _out_shapes(g, LR) == _out_shapes(g, C)
    assert _opt(g, LR, "alpha") == [0.2] * 5
    # every conv and the FC with a bias of its output width
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)
    rs, fc = g.ops[-2:]
    assert g.tensors[rs.outputs[0]].shape == (1, 16384) and 16 * 1024 == 16384
    assert _fc_weights(g) == [(1, 16384)] and _acts(g, FC) == ["NONE"]
    assert g.outputs == fc.outputs
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in W_LAYERS] == [
        6_553_600, 209_715_200, 209_715_200, 209_715_200, 209_715_200, 16_384]
    assert 4096 * 64 * 25 == 6_553_600 and 1024 * 128 * 25 * 64 == 209_715_200
    assert 256 * 256 * 25 * 128 == 64 * 512 * 25 * 256 == 16 * 1024 * 25 * 512
    assert 6_553_600 + 4 * 209_715_200 + 16_384 == 845_430_784
    # parameters by hand (weights and biases)
    assert [ci * co * k + co for _, ci, co, k in W_LAYERS] == [
        1_664, 204_928, 819_456, 3_277_312, 13_108_224, 16_385]
    assert 25 * 512 * 1024 == 13_107_200
    assert 1_664 + 204_928 + 819_456 + 3_277_312 + 13_108_224 + 16_385 == 17_427_969
    assert _hand_1d(W_LAYERS) == (845_430_784, 17_427_969)
    _pinned(g, (845_430_784, 17_427_969), (None, None), (None, None))


def test_ribeiro_ecg_resnet_units_skips_batch_norms_and_hand_counts():
    g = _graph(hl.ribeiro_ecg_resnet, R_IN, R_OUT, 32, R_COUNTS)
    assert (hl.RIBEIRO_STEM, hl.RIBEIRO_UNITS, hl.RIBEIRO_TAPS, hl.RIBEIRO_DOWN,
            hl.RIBEIRO_CLASSES) == (64, R_FILTERS, 16, 4, 6)
    assert g.op_types() == R_TYPES
    assert _kernels(g, C) == [(1, 16)] + [(1, 1), (1, 16), (1, 16)] * 4
    assert _strides(g, C) == [(1, 1)] + [(1, 1), (1, 1), (1, 4)] * 4
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["RELU"] + ["NONE", "RELU", "NONE"] * 4
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (co, 1, k, ci) for _, ci, co, k in R_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in R_LAYERS[:-1]]
    # the skips' pools 1x4 / (1, 4) VALID: 4,096 -> 1,024 -> 256 -> 64 -> 16 on the
    # previous depth
    assert _strides(g, MP) == [(1, 4)] * 4 and _opt(g, MP, "padding") == ["VALID"] * 4
    for op in (op for op in g.ops if op.type == MP):
        assert (op.options["filter_height"], op.options["filter_width"]) == (1, 4)
    assert _out_shapes(g, MP) == [(1, w, c) for w, c in zip(
        R_WIDTHS[1:], (64,) + R_FILTERS[:-1], strict=True)]
    # per unit: the residual ADD (linear) of the stride-4 conv and the skip's 1x1;
    # the batch norm a MUL by a positive [1, 1, 1, C] scale, an ADD of a [1, 1, 1, C]
    # shift with RELU fused; the next skip pools the raw sum, the next main path
    # reads the batch norm
    prod = _producers(g)
    ops = g.ops
    stem = ops[0]
    assert stem.inputs[0] == g.inputs[0] and g.tensors[stem.inputs[1]].shape == (
        64, 1, 16, 12)
    skip_in = main_in = stem
    for u, f in enumerate(R_FILTERS):
        pool, skip, c1, c2, res, mul, bn = ops[1 + 7 * u: 8 + 7 * u]
        assert prod[pool.inputs[0]] is skip_in and prod[skip.inputs[0]] is pool
        assert prod[c1.inputs[0]] is main_in and prod[c2.inputs[0]] is c1
        assert [prod[t] for t in res.inputs] == [c2, skip]
        assert res.options["fused_activation_function"] == "NONE"
        assert prod[mul.inputs[0]] is res and prod[bn.inputs[0]] is mul
        assert bn.options["fused_activation_function"] == "RELU"
        assert mul.options["fused_activation_function"] == "NONE"
        sc, sh = (g.tensors[t] for t in (mul.inputs[1], bn.inputs[1]))
        assert sc.shape == sh.shape == (1, 1, 1, f) and sc.data.min() > 0
        assert g.tensors[res.outputs[0]].shape == (1, 1, R_WIDTHS[u + 1], f)
        skip_in, main_in = res, bn
    rs, fc, lg = ops[-3:]
    assert prod[rs.inputs[0]] is main_in
    assert g.tensors[rs.outputs[0]].shape == (1, 5120) and 16 * 320 == 5120
    assert _fc_weights(g) == [(6, 5120)] and _acts(g, FC) == ["NONE"]
    assert lg.inputs == fc.outputs and g.outputs == lg.outputs
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)
    # MACs by hand: stem; per unit skip 1x1, 1x16, 1x16 / 4; FC
    assert [t * ci * co * k for t, ci, co, k in R_LAYERS] == [
        50_331_648,
        8_388_608, 536_870_912, 268_435_456,
        6_422_528, 411_041_792, 157_351_936,
        3_211_264, 205_520_896, 67_108_864,
        1_310_720, 83_886_080, 26_214_400,
        30_720]
    assert 4096 * 64 * 16 * 12 == 50_331_648 and 4096 * 128 * 16 * 64 == 536_870_912
    assert 1024 * 128 * 16 * 128 == 268_435_456 and 1024 * 196 * 16 * 128 == 411_041_792
    assert 256 * 196 * 16 * 196 == 157_351_936 and 16 * 320 * 16 * 320 == 26_214_400
    # parameters by hand (weights and biases): stem, units 1-4, FC
    assert [ci * co * k + co for _, ci, co, k in R_LAYERS] == [
        12_352,
        8_320, 131_200, 262_272,
        25_284, 401_604, 614_852,
        50_432, 803_072, 1_048_832,
        82_240, 1_311_040, 1_638_720,
        30_726]
    assert [_hand_1d(R_LAYERS[1 + 3 * u: 4 + 3 * u])[1] for u in range(4)] == [
        401_792, 1_041_740, 1_902_336, 3_032_000]
    assert 12_352 + 401_792 + 1_041_740 + 1_902_336 + 3_032_000 + 30_726 == 6_420_946
    assert _hand_1d(R_LAYERS) == (1_826_125_824, 6_420_946)
    bn = 2 * sum(R_FILTERS)
    assert bn == 1_800
    _pinned(g, (1_826_125_824, 6_420_946 + bn), (None, None), (None, None))


def test_no_training_space_draws_the_lxix_a_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of at most
    16,000 samples on 1-3 channels, kernels among {1, ..., 80} (25 not among them),
    a stride of 4 only VALID, later layers of at most 128 filters; plain's LEAKY_RELU
    is 0.1; no draw pools with a stride above 3; the earlier models of the same kinds
    are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk
    from tests.gnn.test_heldout_nets_lviii_b import _no_draw_pools_above_3

    assert max(spaces_longk.LENGTHS) == 16000 < 16384
    assert 25 not in spaces_longk.KERNELS and 16 in spaces_longk.KERNELS
    assert 12 not in spaces_longk.IN_C and max(spaces_longk.LAYER_FILTERS) == 128
    assert max(spaces_longk.FILTERS) == 192 < 196
    assert spaces_longk.MAX_MACS == 50_000_000 < 845_430_784
    assert spaces_longk.MAX_OPS == 30 < 32
    _no_draw_pools_above_3(("longk", "resnet"))
    assert not _overlap_unnamed(ph.MODELS, {
        "wavegan_disc_16384": ("srgan_disc_96", "demucs_enc4_4096", "segan_gen_16384",
                               "wave_unet_16384"),
        "ribeiro_ecg_resnet_4096": ("hannun_ecg_resnet_256",
                                    "xresnet1d50_ptbxl_1000x12", "resnet_v2_50_224")})


def test_family_lxix_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION42A == NAMES
    _registered_after(ph, ph.SESSION42A, ph.SESSION41B)
    # right after LXVIII (later families may follow)
    i = ph.BUILDER_MODELS.index(ph.SESSION41B[-1]) + 1
    assert ph.BUILDER_MODELS[i:i + 2] == NAMES
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "resnet"]
    assert "WaveGAN" in ph.MODELS["wavegan_disc_16384"][0]
    assert "Ribeiro" in ph.MODELS["ribeiro_ecg_resnet_4096"][0]


def _wavegan_int8(name, padding, widths):
    """The int8 WaveGAN discriminator ``name``: part A's I/O and op sequence, five
    1x25 / (1, 4) convs of ``padding`` to ``widths``, LEAKY_RELU 0.2, the FC on the
    flatten of the last width x 1,024."""
    g, ins, outs = _int8_io(name)
    assert (ins, outs) == ([W_IN], [W_OUT])
    assert Counter(g.op_types()) == W_COUNTS and g.op_types() == W_TYPES
    assert _kernels(g, C) == [(1, 25)] * 5 and _strides(g, C) == [(1, 4)] * 5
    assert _opt(g, C, "padding") == [padding] * 5
    assert _out_shapes(g, C) == [(1, w, f) for w, f in zip(widths, W_FILTERS)]
    assert np.allclose(_opt(g, LR, "alpha"), [0.2] * 5)
    assert _fc_weights(g) == [(1, widths[-1] * 1024)]


@pytest.mark.slow
def test_family_lxix_a_int8():
    _wavegan_int8("wavegan_disc_16384", "SAME", W_WIDTHS)
    g, ins, outs = _int8_io("ribeiro_ecg_resnet_4096")
    assert (ins, outs) == ([R_IN], [R_OUT])
    assert Counter(g.op_types()) == R_COUNTS and g.op_types() == R_TYPES
    assert _strides(g, C) == [(1, 1)] + [(1, 1), (1, 1), (1, 4)] * 4
    assert _acts(g, C) == ["RELU"] + ["NONE", "RELU", "NONE"] * 4
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in R_LAYERS[:-1]]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == M] == [
        (1, 1, 1, f) for f in R_FILTERS]
