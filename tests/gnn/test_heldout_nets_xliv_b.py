"""jaxeff.gnn.heldout_nets_xliv_b (held-out families XLIV, part B; session 34,
addendum 1): the published structures (FastDepth's MobileNet-v1 encoder, its five
NNConv5 decoder stages of 5x5 depthwise + 1x1 convs and 2x nearest RESIZEs with
additive skips of the encoder's 14 / 28 / 56-pixel maps; the CycleGAN generator's
7x7 convs, stride-2 convs, six residual blocks of 256 with linear ADDs, 3x3 / 2
TRANSPOSE_CONVs and TANH), kernels, strides, paddings, output shapes, activations,
op counts per type, the pinned multiply-add and parameter counts (by hand),
registration, int8 builds (both) and the overlap with the training spaces (neither
is drawn exactly)."""

import inspect
import pathlib
from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets as hn
from jaxeff.gnn import heldout_nets_xliv_b as hx
from tests.gnn.test_heldout_nets import _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides, _tconvs

FASTDEPTH_IN, CYCLEGAN_IN = (1, 224, 224, 3), (1, 128, 128, 3)
FASTDEPTH_COUNTS = {"CONV_2D": 20, "DEPTHWISE_CONV_2D": 18,
                    "RESIZE_NEAREST_NEIGHBOR": 5, "ADD": 3}
CYCLEGAN_COUNTS = {"CONV_2D": 16, "ADD": 6, "TRANSPOSE_CONV": 2, "TANH": 1}
#: MobileNet-v1's 13 depthwise-separable blocks (arXiv 1704.04861, Table 1; the last
#: depthwise conv at stride 1): (depthwise stride, pointwise width)
MBV1 = ((1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512)) + ((1, 512),) * 5 + (
    (2, 1024), (1, 1024))


def test_fastdepth_mobilenet_encoder_nnconv5_decoder_skips_and_hand_counts():
    g = _graph(hx.fastdepth, FASTDEPTH_IN, (1, 224, 224, 1), 46, FASTDEPTH_COUNTS)
    assert hn.MOBILENET_V1 == MBV1
    assert (hx.FASTDEPTH_K, hx.FASTDEPTH_DECODER) == (5, (512, 256, 128, 64, 32))
    dw, pw, up = "DEPTHWISE_CONV_2D", "CONV_2D", "RESIZE_NEAREST_NEIGHBOR"
    stage = [dw, pw, up]
    assert g.op_types() == [pw] + [dw, pw] * 13 + (stage + ["ADD"]) * 3 + stage * 2 + [
        pw]
    # the encoder: 3x3/2 stem, 13 3x3 depthwise (stride 2 at blocks 2, 4, 6, 12) + 1x1;
    # the decoder: five 5x5 depthwise of stride 1 + 1x1; the final 1x1
    assert _kernels(g, dw) == [(3, 3)] * 13 + [(5, 5)] * 5
    assert _strides(g, dw) == [(s, s) for s, _ in MBV1] + [(1, 1)] * 5
    assert set(_opt(g, dw, "depth_multiplier")) == {1}
    assert _kernels(g, pw) == [(3, 3)] + [(1, 1)] * 19
    assert _strides(g, pw) == [(2, 2)] + [(1, 1)] * 19
    assert set(_opt(g, pw, "padding")) == set(_opt(g, dw, "padding")) == {"SAME"}
    # RELU fused on every conv (ReLU for ReLU6 [U]), the final 1x1 too; linear sums
    assert set(_acts(g, pw)) == set(_acts(g, dw)) == {"RELU"}
    assert _acts(g, "ADD") == ["NONE"] * 3
    enc = [(112, 112, 64), (56, 56, 128), (56, 56, 128), (28, 28, 256), (28, 28, 256),
           (14, 14, 512)] + [(14, 14, 512)] * 5 + [(7, 7, 1024)] * 2
    dec = [(14, 14, 512), (28, 28, 256), (56, 56, 128), (112, 112, 64), (224, 224, 32)]
    assert _out_shapes(g, pw) == [(112, 112, 32)] + enc + [
        (s // 2, s // 2, c) for s, _, c in dec] + [(224, 224, 1)]
    # 2x nearest up-sampling, no align_corners / half-pixel centres
    ups = [op for op in g.ops if op.type == up]
    assert _out_shapes(g, up) == dec
    assert [tuple(g.tensors[op.inputs[1]].data) for op in ups] == [s[:2] for s in dec]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in ups} == {(False, False)}
    # each stage: 5x5 depthwise on the previous stage's output, 1x1, RESIZE; the
    # first three sums ADD the up-sampled map and the encoder's last map of its size
    # (blocks 11, 5 and 3: 14 x 14 x 512, 28 x 28 x 256, 56 x 56 x 128)
    prod = _producers(g)
    convs = [op for op in g.ops if op.type == pw]
    adds = [op for op in g.ops if op.type == "ADD"]
    y = convs[13].outputs[0]
    for k, u in enumerate(ups):
        p = prod[u.inputs[0]]
        assert p.type == pw and prod[p.inputs[0]].type == dw
        assert prod[p.inputs[0]].inputs[0] == y
        y = adds[k].outputs[0] if k < 3 else u.outputs[0]
        if k < 3:
            assert adds[k].inputs[0] == u.outputs[0]
    assert [a.inputs[1] for a in adds] == [convs[i].outputs[0] for i in (11, 5, 3)]
    assert [enc[i - 1] for i in (11, 5, 3)] == dec[:3]
    assert [enc[i] for i in (11, 5, 3)] == [(7, 7, 1024), (14, 14, 512), (28, 28, 256)]
    assert convs[-1].inputs[0] == ups[-1].outputs[0]
    # (output pixels, C_in, C_out or None (depthwise), taps)
    layers, side, cin = [(112 * 112, 3, 32, 9)], 112, 32
    for s, c in MBV1:
        side //= s
        layers += [(side * side, cin, None, 9), (side * side, cin, c, 1)]
        cin = c
    encoder = layers
    assert (side, cin) == (7, 1024)
    # MobileNet-v1's 568,740,352 MACs less its FC (1024 x 1000); its 3,185,088 conv
    # weights (4,209,088 less the FC's 1,024,000) and 10,944 biases (stem 32,
    # depthwise 4,960, pointwise 5,952)
    assert _hand_1d(encoder) == (568_740_352 - 1024 * 1000, 3_185_088 + 10_944)
    assert _hand_1d(encoder) == (567_716_352, 3_196_032)
    decoder = []
    for c in hx.FASTDEPTH_DECODER:
        decoder += [(side * side, cin, None, 25), (side * side, cin, c, 1)]
        side, cin = 2 * side, c
    decoder.append((224 * 224, 32, 1, 1))
    # each decoder 1x1: 25,690,112 MACs (49 x 1024 x 512 = 196 x 512 x 256 = ...);
    # the depthwise 25 taps x (49 x 1024 + 196 x 512 + 784 x 256 + 3136 x 128 + 12544
    # x 64) = 38,886,400; weights 25 x 1984 + 698,368, biases 1984 + 992, last 33
    assert {t * ci * co for t, ci, co, _ in decoder[1:10:2]} == {25_690_112}
    assert sum(t * ci * k for t, ci, _, k in decoder[0:10:2]) == 38_886_400
    assert _hand_1d(decoder) == (38_886_400 + 5 * 25_690_112 + 1_605_632,
                                 25 * 1984 + 698_368 + 1984 + 992 + 33)
    assert _hand_1d(decoder) == (168_942_592, 750_977)
    _by_hand(g, encoder + decoder, (736_658_944, 3_947_009))
    # published (Table I, recalled): 0.74 G MACs for MobileNet-NNConv5
    assert abs(736_658_944 / 0.74e9 - 1) < 0.005


def test_cyclegan_generator_r6_residual_blocks_transposed_convs_and_hand_counts():
    g = _graph(hx.cyclegan_generator_r6, CYCLEGAN_IN, (1, 128, 128, 3), 25,
               CYCLEGAN_COUNTS)
    assert (hx.CYCLEGAN_STEM, hx.CYCLEGAN_DOWN, hx.CYCLEGAN_BLOCKS, hx.CYCLEGAN_UP,
            hx.CYCLEGAN_OUT) == (64, (128, 256), 6, (128, 64), 3)
    c = "CONV_2D"
    assert g.op_types() == [c] * 3 + [c, c, "ADD"] * 6 + ["TRANSPOSE_CONV"] * 2 + [
        c, "TANH"]
    # c7s1-64, d128, d256, 12 residual 3x3s, c7s1-3: 7x7 stride 1, 3x3 stride 2 / 1
    assert _kernels(g, c) == [(7, 7)] + [(3, 3)] * 14 + [(7, 7)]
    assert _strides(g, c) == [(1, 1), (2, 2), (2, 2)] + [(1, 1)] * 13
    assert set(_opt(g, c, "padding")) == {"SAME"}
    # norm + ReLU folded / fused; a block's second conv and the last conv linear
    assert _acts(g, c) == ["RELU"] * 3 + ["RELU", "NONE"] * 6 + ["NONE"]
    assert _out_shapes(g, c) == [(128, 128, 64), (64, 64, 128)] + [
        (32, 32, 256)] * 13 + [(128, 128, 3)]
    # u128, u64: 3x3/2 SAME TRANSPOSE_CONVs with bias and RELU, 32 -> 64 -> 128
    assert _tconvs(g) == [(2, "SAME", "RELU", True)] * 2
    assert _kernels(g, "TRANSPOSE_CONV") == [(3, 3)] * 2
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(64, 64, 128), (128, 128, 64)]
    # residual sums: the block's second conv (reading its first, which reads the
    # block input) ADDed to the block input, no activation
    prod = _producers(g)
    convs = [op for op in g.ops if op.type == c]
    adds = [op for op in g.ops if op.type == "ADD"]
    assert _acts(g, "ADD") == ["NONE"] * 6
    ins = [convs[2].outputs[0]] + [a.outputs[0] for a in adds]
    for k, add in enumerate(adds):
        second = prod[add.inputs[0]]
        assert second.type == c and prod[second.inputs[0]].inputs[0] == ins[k]
        assert add.inputs[1] == ins[k]
    tconvs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert tconvs[0].inputs[2] == ins[-1]
    assert tuple(g.tensors[tconvs[0].inputs[0]].data) == (1, 64, 64, 128)
    assert convs[-1].inputs[0] == tconvs[1].outputs[0]
    tanh = g.ops[-1]
    assert tanh.inputs[0] == convs[-1].outputs[0] and g.outputs == tanh.outputs
    # (frames, C_in, C_out, taps): convs at their output, transposed at their input
    layers = [(128 * 128, 3, 64, 49), (64 * 64, 64, 128, 9), (32 * 32, 128, 256, 9)]
    layers += [(32 * 32, 256, 256, 9)] * 12
    layers += [(32 * 32, 256, 128, 9), (64 * 64, 128, 64, 9), (128 * 128, 64, 3, 49)]
    # the 7x7s 154,140,672 MACs each, d128 / d256 / u128 / u64 301,989,888 each, a
    # residual conv 603,979,776 and 256 x 256 x 9 + 256 = 590,080 parameters
    assert {t * ci * co * k for t, ci, co, k in layers[:1] + layers[-1:]} == {
        154_140_672}
    assert {t * ci * co * k for t, ci, co, k in layers[1:3] + layers[15:17]} == {
        301_989_888}
    assert _hand_1d(layers[3:4]) == (603_979_776, 590_080)
    assert 2 * 154_140_672 + 4 * 301_989_888 + 12 * 603_979_776 == 8_763_998_208
    _by_hand(g, layers, (8_763_998_208, 7_837_699))
    # published (the PyTorch release's 9-block generator, recalled): 11.378 M
    # parameters = this graph's plus three blocks of two convs
    assert 7_837_699 + 3 * 2 * 590_080 == 11_378_179
    assert abs(11_378_179 / 11.378e6 - 1) < 0.0001


def test_no_training_space_draws_a_xliv_b_model_exactly():
    """The overlap stated in ``models.json``: only upsample and ext emit a RESIZE or a
    TRANSPOSE_CONV; neither draws a TANH (CycleGAN's image output), upsample no
    depthwise conv and ext a nearest RESIZE only in its factorised kind, which has
    none (FastDepth's 5x5 depthwise decoder); mobilenet draws the MobileNet-v1 1.0
    encoder at 224 with RELU6 only; resnet fuses RELU into every ADD (CycleGAN's
    linear residual sums); the earlier models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_ext, spaces_upsample

    src = {p.stem: p.read_text() for p in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    up = {k for k, s in src.items() if ".resize(" in s or ".transpose_conv(" in s}
    assert up == {"spaces_upsample", "spaces_ext"}
    assert not any("TANH" in src[k] for k in up)
    assert "dwconv" not in src["spaces_upsample"]
    assert "nearest" not in inspect.getsource(spaces_ext._dilated_mb)
    assert "nearest" not in inspect.getsource(spaces_ext._esp)
    assert "dwconv" not in inspect.getsource(spaces_ext._factorised)
    for seed in range(8):
        for draw in (spaces_upsample.upsample, spaces_ext.ext):
            types = set(draw(np.random.default_rng(seed))[0].op_types())
            assert "TANH" not in types
            assert not {"DEPTHWISE_CONV_2D", "RESIZE_NEAREST_NEIGHBOR"} <= types
    m = inspect.getsource(sp.mobilenet)
    assert '"RELU6"' in m and '"RELU"' not in m and "resize" not in m
    for seed in range(20):
        g, _ = sp.resnet(np.random.default_rng(seed))
        assert set(_acts(g, "ADD")) == {"RELU"} and "TANH" not in g.op_types()
    assert not _overlap_unnamed(ph.MODELS, {
        "fastdepth_224": ("mobilenet_v1_1.0_224", "lw_openpose_368", "portraitnet_224"),
        "cyclegan_gen_r6_128": ("pix2pix_unet_256", "edsr_x2_48", "rednet30_64")})


def test_families_xliv_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION34B == ("fastdepth_224", "cyclegan_gen_r6_128")
    # after XLIII's part H (a SESSION34A, where merged, may sit between; later
    # families may follow); every builder model once, every one registered
    _registered_after(ph, ph.SESSION34B, ph.SESSION33H)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION34B] == ["mobilenet",
                                                                   "upsample"]
    built = {m: _int8_io(m) for m in ph.SESSION34B}
    assert {m: (ins, outs) for m, (_, ins, outs) in built.items()} == {
        "fastdepth_224": ([FASTDEPTH_IN], [(1, 224, 224, 1)]),
        "cyclegan_gen_r6_128": ([CYCLEGAN_IN], [CYCLEGAN_IN])}
    gs = {m: g for m, (g, _, _) in built.items()}
    assert [Counter(g.op_types()) for g in gs.values()] == [FASTDEPTH_COUNTS,
                                                            CYCLEGAN_COUNTS]
    # the int8 graphs keep the 5x5 depthwise decoder, the nearest up-samplings and
    # the skip sums; the 3x3/2 TRANSPOSE_CONVs and the TANH output
    g = gs["fastdepth_224"]
    assert _kernels(g, "DEPTHWISE_CONV_2D")[13:] == [(5, 5)] * 5
    assert _out_shapes(g, "RESIZE_NEAREST_NEIGHBOR")[-1] == (224, 224, 32)
    assert _out_shapes(g, "ADD") == [(14, 14, 512), (28, 28, 256), (56, 56, 128)]
    g = gs["cyclegan_gen_r6_128"]
    assert _tconvs(g) == [(2, "SAME", "RELU", True)] * 2
    assert g.op_types()[-1] == "TANH"
