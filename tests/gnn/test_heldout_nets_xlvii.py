"""jaxeff.gnn.heldout_nets_xlvii (held-out families XLVII, part C; session 35,
addendum 2, pre-registered): the published structure of the MelGAN generator (a 1x7
conv to 512; four LEAKY_RELU + 1-D TRANSPOSE_CONV stages of kernel 2 r and stride
(1, r), r = 8, 8, 2, 2, halving the channels to 32; after each three residual blocks
of a 1x1 conv shortcut ADDed to LEAKY_RELU, a 1x3 conv dilated 1, 3, 9, LEAKY_RELU
and a 1x1 conv; LEAKY_RELU, a 1x7 conv to 1, TANH), kernels, strides, dilations,
paddings, output shapes, activations, op counts per type, the pinned multiply-add
and parameter counts (by hand; the published 4.26 M parameters), registration, the
int8 build and the overlap with the training spaces (none draws it exactly)."""

import pathlib
from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xlvii as hx
from tests.gnn.test_heldout_nets import _dil, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxix import _space_call_args, _space_tconv_strides
from tests.gnn.test_heldout_nets_xxxviii import _strides

MEL_IN, MEL_OUT = (1, 1, 32, 80), (1, 1, 8192, 1)
MEL_COUNTS = {"CONV_2D": 38, "TRANSPOSE_CONV": 4, "LEAKY_RELU": 29, "ADD": 12,
              "TANH": 1}


def test_melgan_transposed_upsampling_dilated_residual_stacks_and_hand_counts():
    g = _graph(hx.melgan_generator, MEL_IN, MEL_OUT, 84, MEL_COUNTS)
    assert (hx.MELGAN_FRAMES, hx.MELGAN_MELS, hx.MELGAN_WIDTH, hx.MELGAN_RATIOS,
            hx.MELGAN_DILATIONS, hx.MELGAN_K, hx.MELGAN_ALPHA) == (
        32, 80, 512, (8, 8, 2, 2), (1, 3, 9), 7, 0.2)
    c, lr, t, a = "CONV_2D", "LEAKY_RELU", "TRANSPOSE_CONV", "ADD"
    block = [c, lr, c, lr, c, a]
    assert g.op_types() == [c] + ([lr, t] + block * 3) * 4 + [lr, c, "TANH"]
    # convs: the 1x7 pre conv, per block the 1x1 shortcut, the dilated 1x3 and the
    # 1x1, the 1x7 post conv; all stride 1, SAME, linear (LeakyReLU standalone, 0.2)
    assert _kernels(g, c) == [(1, 7)] + [(1, 1), (1, 3), (1, 1)] * 12 + [(1, 7)]
    assert set(_strides(g, c)) == {(1, 1)}
    assert set(_opt(g, c, "padding")) == {"SAME"}
    assert set(_acts(g, c)) == {"NONE"}
    assert set(_opt(g, lr, "alpha")) == {0.2}
    convs = [op for op in g.ops if op.type == c]
    assert [_dil(op) for op in convs] == [(1, 1)] + [
        x for d in (1, 3, 9) * 4 for x in ((1, 1), (1, d), (1, 1))] + [(1, 1)]
    # the transposed convs: 1x16 / (1, 8), 1x16 / (1, 8), 1x4 / (1, 2), 1x4 / (1, 2),
    # SAME (r x the input), linear, with a bias; each reads a LEAKY_RELU
    ts = [op for op in g.ops if op.type == t]
    assert [g.tensors[op.inputs[1]].shape for op in ts] == [
        (256, 1, 16, 512), (128, 1, 16, 256), (64, 1, 4, 128), (32, 1, 4, 64)]
    assert [(op.options["stride_h"], op.options["stride_w"]) for op in ts] == [
        (1, 8), (1, 8), (1, 2), (1, 2)]
    assert {op.options["padding"] for op in ts} == {"SAME"}
    assert set(_acts(g, t)) == {"NONE"} and {len(op.inputs) for op in ts} == {4}
    assert [tuple(g.tensors[op.inputs[0]].data) for op in ts] == [
        (1, 1, 256, 256), (1, 1, 2048, 128), (1, 1, 4096, 64), (1, 1, 8192, 32)]
    prod = _producers(g)
    assert [prod[op.inputs[2]].type for op in ts] == [lr] * 4
    assert [g.tensors[op.inputs[2]].shape for op in ts] == [
        (1, 1, 32, 512), (1, 1, 256, 256), (1, 1, 2048, 128), (1, 1, 4096, 64)]
    stages = [(256, 256), (2048, 128), (4096, 64), (8192, 32)]
    assert _out_shapes(g, c) == [(1, 32, 512)] + [
        (1, n, ch) for n, ch in stages for _ in range(9)] + [(1, 8192, 1)]
    # residual blocks: the shortcut conv reads the block's input (the transposed
    # conv or the previous ADD), as does the first LEAKY_RELU; ADD(shortcut, 1x1)
    adds = [op for op in g.ops if op.type == a]
    ins = [ts[i // 3].outputs[0] if i % 3 == 0 else adds[i - 1].outputs[0]
           for i in range(12)]
    for i, op in enumerate(adds):
        short, y = (prod[v] for v in op.inputs)
        assert short.type == c and short.inputs[0] == ins[i]
        assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
        act2 = prod[y.inputs[0]]
        mid = prod[act2.inputs[0]]
        act1 = prod[mid.inputs[0]]
        assert (act2.type, mid.type, act1.type) == (lr, c, lr)
        assert act1.inputs[0] == ins[i]
    assert set(_acts(g, a)) == {"NONE"}
    # the head: LEAKY_RELU of the last ADD, 1x7 conv to 1, TANH
    assert g.ops[-3].inputs == adds[-1].outputs
    assert g.ops[-1].inputs == g.ops[-2].outputs and g.outputs == g.ops[-1].outputs
    # (frames, C_in, C_out, taps); the transposed convs at their input frames
    layers = [(32, 80, 512, 7)]
    for (n, ch), (m, cin, k) in zip(stages, [(32, 512, 16), (256, 256, 16),
                                             (2048, 128, 4), (4096, 64, 4)],
                                    strict=True):
        layers += [(m, cin, ch, k)] + [(n, ch, ch, 1), (n, ch, ch, 3),
                                       (n, ch, ch, 1)] * 3
    layers += [(8192, 32, 1, 7)]
    # pre 32 x 80 x 512 x 7; transposed 32 x 512 x 256 x 16, 256 x 256 x 128 x 16,
    # 2048 x 128 x 64 x 4, 4096 x 64 x 32 x 4; a stack 3 x 5 n C^2 (256 x 256^2 x 15
    # = 251,658,240; 2048 x 128^2 x 15; 4096 x 64^2 x 15; 8192 x 32^2 x 15); post
    # 8192 x 32 x 7
    tr = [layers[1 + 10 * i] for i in range(4)]
    assert [m * ci * co * k for m, ci, co, k in [layers[0], *tr, layers[-1]]] == [
        9_175_040, 67_108_864, 134_217_728, 67_108_864, 33_554_432, 1_835_008]
    assert [15 * n * ch * ch for n, ch in stages] == [
        251_658_240, 503_316_480, 251_658_240, 125_829_120]
    # parameters: pre 287,232; transposed 2,097,408, 524,416, 32,832, 8,224; stacks
    # 3 x (5 C^2 + 3 C) = 985,344, 246,912, 62,016, 15,648; post 225
    assert [3 * (5 * ch * ch + 3 * ch) for _, ch in stages] == [
        985_344, 246_912, 62_016, 15_648]
    assert [ci * co * k + co for _, ci, co, k in tr] == [
        2_097_408, 524_416, 32_832, 8_224]
    assert 287_232 + 2_662_880 + 1_309_920 + 225 == 4_260_257
    _by_hand(g, layers, (1_445_462_016, 4_260_257))
    # published: about 4.26 M parameters (rounded; weight norms' 5,793 gains folded)
    _pinned(g, (1_445_462_016, 4_260_257), (None, 4.26e6), (None, 0.005))
    assert 512 + 9 * sum(ch for _, ch in stages) + 1 + 960 == 5_793
    assert abs((4_260_257 + 5_793) / 4.26e6 - 1) < 0.005


def test_no_training_space_draws_the_xlvii_c_model_exactly():
    """The overlap stated in ``models.json``: every training TRANSPOSE_CONV has
    stride 2 on both axes (MelGAN's (1, 8) and (1, 2)), and upsample and ext (the
    spaces that draw them) emit neither a TANH nor a LEAKY_RELU; only dil emits a
    TANH, on sequences of at most 2,048 samples, at most 40 ops and 60 M MACs, rates
    of at most 128 and no TRANSPOSE_CONV; every training LEAKY_RELU has slope 0.1
    (MelGAN's 0.2); longk's 1-D signals stop at 30 ops; the earlier models of the
    same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_ext, spaces_upsample
    from jaxeff.gnn import spaces_longk as sl

    strides = _space_tconv_strides()
    assert strides and set(strides) == {2}
    slopes = _space_call_args("leaky_relu", 1, "alpha", None)
    assert slopes and set(slopes) == {0.1}
    tanh = {p.stem for p in pathlib.Path(sd.__file__).parent.glob("spaces*.py")
            if '"TANH"' in p.read_text()}
    assert tanh == {"spaces_dil"}
    assert max(sd.LENGTHS) == 2048 < 8192 and sd.MAX_OPS == 40 < 84
    assert sd.MAX_MACS == 60_000_000 and max(sd.DILATIONS) == 128
    assert sl.MAX_OPS == 30 < 84
    for seed in range(8):
        for draw in (spaces_upsample.upsample, spaces_ext.ext):
            g = draw(np.random.default_rng(seed))[0]
            assert not {"TANH", "LEAKY_RELU"} & set(g.op_types())
            assert {(op.options["stride_h"], op.options["stride_w"])
                    for op in g.ops if op.type == "TRANSPOSE_CONV"} <= {(2, 2)}
        assert "TRANSPOSE_CONV" not in sd.dil(np.random.default_rng(seed))[0].op_types()
    assert not _overlap_unnamed(ph.MODELS, {
        "melgan_gen_32x80": ("segan_gen_16384", "wave_unet_16384", "wavenet_2x10_4096",
                             "cyclegan_gen_r6_128")})


def test_family_xlvii_c_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION35C == ("melgan_gen_32x80",)
    # after XLVI's part B (later families may follow); every builder model once,
    # every one registered
    _registered_after(ph, ph.SESSION35C, ph.SESSION35B)
    assert ph.MODELS["melgan_gen_32x80"][1].split()[0] == "upsample"
    # int8 input and output, op counts per type as the float graph's
    g, ins, outs = _int8_io("melgan_gen_32x80")
    assert (ins, outs, Counter(g.op_types())) == ([MEL_IN], [MEL_OUT], MEL_COUNTS)
    # the int8 graph keeps the 1-D transposed convs' strides, the dilations and TANH
    assert [(op.options["stride_h"], op.options["stride_w"])
            for op in g.ops if op.type == "TRANSPOSE_CONV"] == [
        (1, 8), (1, 8), (1, 2), (1, 2)]
    assert sorted({_dil(op)[1] for op in g.ops if op.type == "CONV_2D"}) == [1, 3, 9]
    assert g.op_types()[-1] == "TANH"
