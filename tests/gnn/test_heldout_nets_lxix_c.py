"""jaxeff.gnn.heldout_nets_lxix_c (held-out families LXIX, part C; session 42,
addendum 1, pre-registered): the WaveGAN discriminator with VALID convs (five 1x25
stride-(1, 4) VALID convs of 64-1,024 on 16,384 samples to widths 4,090, 1,017, 249,
57, 9, each followed by a standalone LEAKY_RELU 0.2, a flatten of 9,216, FC 1) and
ConvMixer-768/32 (a 7x7 / 7 VALID RELU patch embedding of 768 on 224 x 224 x 3 and a
MUL + ADD batch norm; 32 blocks of a 7x7 SAME RELU depthwise conv, a MUL + ADD batch
norm, a residual ADD, a 1x1 RELU conv of 768, a MUL + ADD batch norm; MEAN, FC 1000,
SOFTMAX). Op counts and sequences, kernels, strides, paddings, output shapes, the
residual wiring, the MAC and parameter counts (by hand), registration, the int8
builds (slow) and the overlap text. No float inference here (ConvMixer is 20.7 G
MACs): graphs only."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxix_a as ha
from jaxeff.gnn import heldout_nets_lxix_c as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxix_a import (
    W_COUNTS, W_FILTERS, W_IN, W_OUT, W_TYPES, _wavegan_int8)
from tests.gnn.test_heldout_nets_lxix_b import _chain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, D, LR, FC, A, M, MN, SM = (
    "CONV_2D", "DEPTHWISE_CONV_2D", "LEAKY_RELU", "FULLY_CONNECTED", "ADD", "MUL",
    "MEAN", "SOFTMAX")
NAMES = ("wavegan_disc_valid_16384", "convmixer_768_32_224")

# -- WaveGAN discriminator, VALID: part A's input, output, op sequence and filters
W_WIDTHS = (4090, 1017, 249, 57, 9)
#: (output positions, C_in, C_out, taps): the five convs, the FC on the flatten
W_LAYERS = [(4090, 1, 64, 25), (1017, 64, 128, 25), (249, 128, 256, 25),
            (57, 256, 512, 25), (9, 512, 1024, 25), (1, 9216, 1, 1)]

# -- ConvMixer-768/32
X_IN, X_OUT = (1, 224, 224, 3), (1, 1000)
X_COUNTS = {C: 33, D: 32, M: 65, A: 97, MN: 1, FC: 1, SM: 1}
X_BLOCK = [D, M, A, A, C, M, A]  # depthwise, BN, residual, pointwise, BN
X_TYPES = [C, M, A] + X_BLOCK * 32 + [MN, FC, SM]
X_MAP = (1, 32, 32, 768)


def test_wavegan_disc_valid_strided_convs_widths_and_hand_counts():
    g = _graph(hl.wavegan_disc_valid, W_IN, W_OUT, 12, W_COUNTS)
    assert g.op_types() == W_TYPES
    # a plain chain: each op reads the one before it (the first the input); every
    # conv and the FC with a bias of its output width
    _chain(g)
    assert _kernels(g, C) == [(1, 25)] * 5 and _strides(g, C) == [(1, 4)] * 5
    assert _opt(g, C, "padding") == ["VALID"] * 5 and _acts(g, C) == ["NONE"] * 5
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (co, 1, k, ci) for _, ci, co, k in W_LAYERS[:-1]]
    # VALID widths by hand: floor((W - 25) / 4) + 1 from 16,384
    w, got = 16384, []
    for _ in range(5):
        w = (w - 25) // 4 + 1
        got.append(w)
    assert tuple(got) == W_WIDTHS
    assert _out_shapes(g, C) == [(1, w, f) for w, f in zip(W_WIDTHS, W_FILTERS)]
    assert _out_shapes(g, LR) == _out_shapes(g, C)
    assert _opt(g, LR, "alpha") == [0.2] * 5
    rs = g.ops[-2]
    assert g.tensors[rs.outputs[0]].shape == (1, 9216) and 9 * 1024 == 9216
    assert _fc_weights(g) == [(1, 9216)] and _acts(g, FC) == ["NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in W_LAYERS] == [
        6_544_000, 208_281_600, 203_980_800, 186_777_600, 117_964_800, 9_216]
    assert 4090 * 64 * 25 == 6_544_000 and 9 * 1024 * 25 * 512 == 117_964_800
    assert (6_544_000 + 208_281_600 + 203_980_800 + 186_777_600 + 117_964_800
            + 9_216) == 723_558_016
    # parameters by hand: the convs as the SAME model's, FC 9,216 + 1
    assert [ci * co * k + co for _, ci, co, k in W_LAYERS] == [
        1_664, 204_928, 819_456, 3_277_312, 13_108_224, 9_217]
    assert 17_427_969 - 16_385 + 9_217 == 17_420_801
    assert _hand_1d(W_LAYERS) == (723_558_016, 17_420_801)
    _pinned(g, (723_558_016, 17_420_801), (None, None), (None, None))


def test_wavegan_disc_default_padding_is_the_registered_same_model():
    """The lxix_a builder's new ``padding`` keeps its default graph (SAME) and draws
    the same weights in the same order for VALID (only the padding, the widths and
    the FC's input change)."""
    from tests.gnn.test_heldout_nets import _graph_multi

    s, _ = _graph_multi(ha.wavegan_disc, W_IN)
    v, _ = _graph_multi(hl.wavegan_disc_valid, W_IN)
    assert _opt(s, C, "padding") == ["SAME"] * 5
    for a, b in zip([op for op in s.ops if op.type == C],
                    [op for op in v.ops if op.type == C], strict=True):
        assert np.array_equal(s.tensors[a.inputs[1]].data, v.tensors[b.inputs[1]].data)
        assert np.array_equal(s.tensors[a.inputs[2]].data, v.tensors[b.inputs[2]].data)


def test_convmixer_768_32_patch_stem_blocks_batch_norms_and_hand_counts():
    g = _graph(hl.convmixer_768_32, X_IN, X_OUT, 230, X_COUNTS)
    assert (hl.CONVMIXER_DIM, hl.CONVMIXER_DEPTH, hl.CONVMIXER_PATCH, hl.CONVMIXER_K,
            hl.CONVMIXER_CLASSES) == (768, 32, 7, 7, 1000)
    assert g.op_types() == X_TYPES
    # the stem 7x7 / 7 VALID RELU of 768 (224 = 32 x 7); the pointwise 1x1 / 1 SAME
    assert _kernels(g, C) == [(7, 7)] + [(1, 1)] * 32
    assert _strides(g, C) == [(7, 7)] + [(1, 1)] * 32
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 32
    assert _acts(g, C) == ["RELU"] * 33 and 224 == 32 * 7
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (768, 7, 7, 3)] + [(768, 1, 1, 768)] * 32
    # the depthwise 7x7 / 1 SAME RELU, multiplier 1
    assert _kernels(g, D) == [(7, 7)] * 32 and _strides(g, D) == [(1, 1)] * 32
    assert _opt(g, D, "padding") == ["SAME"] * 32 and _acts(g, D) == ["RELU"] * 32
    assert _opt(g, D, "depth_multiplier") == [1] * 32
    assert {g.tensors[op.inputs[1]].shape for op in g.ops if op.type == D} == {
        (1, 7, 7, 768)}
    # every map after the stem 32 x 32 x 768 (isotropic)
    assert set(_out_shapes(g, C)) == set(_out_shapes(g, D)) == {X_MAP[1:]}
    assert {g.tensors[op.outputs[0]].shape for op in g.ops if op.type in (A, M)} == {
        X_MAP}
    # every conv and the FC with a bias of its output width
    for op in (op for op in g.ops if op.type in (C, D, FC)):
        w = g.tensors[op.inputs[1]].shape
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (w[-1] if op.type == D else w[0],)
    # the wiring: conv (RELU fused) -> MUL by a positive [1, 1, 1, 768] scale -> ADD
    # of a [1, 1, 1, 768] shift (linear); the residual ADD of the depthwise branch's
    # batch norm (first) and the block's input (linear); the pointwise conv reads the
    # sum
    prod = _producers(g)
    ops = g.ops

    def bn(conv, mul, add):
        assert prod[mul.inputs[0]] is conv and prod[add.inputs[0]] is mul
        assert mul.options["fused_activation_function"] == "NONE"
        assert add.options["fused_activation_function"] == "NONE"
        sc, sh = (g.tensors[t] for t in (mul.inputs[1], add.inputs[1]))
        assert sc.shape == sh.shape == (1, 1, 1, 768) and sc.data.min() > 0

    stem = ops[0]
    assert stem.inputs[0] == g.inputs[0]
    bn(*ops[0:3])
    x = ops[2]
    for i in range(32):
        dw, m1, a1, res, pw, m2, a2 = ops[3 + 7 * i: 10 + 7 * i]
        assert prod[dw.inputs[0]] is x
        bn(dw, m1, a1)
        assert [prod[t] for t in res.inputs] == [a1, x]
        assert res.options["fused_activation_function"] == "NONE"
        assert prod[pw.inputs[0]] is res
        bn(pw, m2, a2)
        x = a2
    mn, fc, sm = ops[-3:]
    assert prod[mn.inputs[0]] is x and mn.options["keep_dims"] is False
    assert list(g.tensors[mn.inputs[1]].data) == [1, 2]
    assert g.tensors[mn.outputs[0]].shape == (1, 768)
    assert _fc_weights(g) == [(1000, 768)] and _acts(g, FC) == ["NONE"]
    assert sm.inputs == fc.outputs and g.outputs == sm.outputs
    # MACs by hand: stem, per block depthwise + pointwise, FC
    stem_macs, dw_macs, pw_macs = 1024 * 768 * 7 * 7 * 3, 1024 * 768 * 49, 1024 * 768**2
    assert (stem_macs, dw_macs, pw_macs) == (115_605_504, 38_535_168, 603_979_776)
    assert 32 * (dw_macs + pw_macs) == 32 * 642_514_944 == 20_560_478_208
    macs = 115_605_504 + 20_560_478_208 + 768 * 1000
    assert macs == 20_676_851_712
    # parameters by hand: convs and FC with biases, then the 65 batch norms
    assert (7 * 7 * 3 * 768 + 768, 49 * 768 + 768, 768 * 768 + 768, 768 * 1000 + 1000) == (
        113_664, 38_400, 590_592, 769_000)
    weights = 113_664 + 32 * (38_400 + 590_592) + 769_000
    assert weights == 21_010_408
    bns = 65 * 2 * 768
    assert bns == 99_840 and weights + bns == 21_110_248
    # published (the paper's ImageNet table, recalled): 21.1 M parameters
    _pinned(g, (20_676_851_712, 21_110_248), (None, 21.1e6), (None, 0.01))


def test_no_training_space_draws_the_lxix_c_models_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of at most
    16,000 samples, kernels among {1, ..., 80} (25 not among them), later layers of
    at most 128 filters, 2-D maps of at most 128 px; bcast's constants on at most 64
    channels; no space draws a stride of 7; the earlier models of the same kinds are
    named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_bcast, spaces_longk

    assert max(spaces_longk.LENGTHS) == 16000 < 16384
    assert 25 not in spaces_longk.KERNELS and max(spaces_longk.LAYER_FILTERS) == 128
    assert spaces_longk.MAX_MACS == 50_000_000 < 723_558_016
    assert max(spaces_longk.SIDES) == 128 < 224
    assert max(spaces_bcast.CHANNELS) == 64 < 768
    assert spaces_bcast.MAX_MACS == 50_000_000
    assert not _overlap_unnamed(ph.MODELS, {
        "wavegan_disc_valid_16384": ("wavegan_disc_16384", "m5_valid_32000",
                                     "m18_valid_32000", "demucs_enc4_4096",
                                     "srgan_disc_96"),
        "convmixer_768_32_224": ("faceboxes_512", "proxylessnas_mobile_224",
                                 "resnet_v2_50_224")})
    assert "VALID (ours" in ph.MODELS["wavegan_disc_valid_16384"][1]
    assert "Qe's domain" in ph.MODELS["convmixer_768_32_224"][1]


def test_family_lxix_c_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION42C == NAMES
    _registered_after(ph, ph.SESSION42C, ph.SESSION42B)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "mbconv"]
    assert "WaveGAN" in ph.MODELS["wavegan_disc_valid_16384"][0]
    assert "ConvMixer" in ph.MODELS["convmixer_768_32_224"][0]


@pytest.mark.slow
def test_family_lxix_c_int8():
    _wavegan_int8("wavegan_disc_valid_16384", "VALID", W_WIDTHS)
    g, ins, outs = _int8_io("convmixer_768_32_224")
    assert (ins, outs) == ([X_IN], [X_OUT])
    assert Counter(g.op_types()) == X_COUNTS and g.op_types() == X_TYPES
    assert _strides(g, C) == [(7, 7)] + [(1, 1)] * 32
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 32
    assert _acts(g, C) == ["RELU"] * 33 and _acts(g, D) == ["RELU"] * 32
    assert set(_out_shapes(g, C)) == {X_MAP[1:]}
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == M] == [
        (1, 1, 1, 768)] * 65
