"""jaxeff.gnn.heldout_nets_xlv_b (held-out families XLV, part D; session 34,
addendum 2): the published structures (the SEGAN generator's eleven 1x31 / (1, 2)
convs with PRELU, the latent z as a second graph input concatenated at the
bottleneck, eleven 1x31 / (1, 2) TRANSPOSE_CONVs with PRELU and encoder skips
concatenated, TANH; SegNet-Basic's four 7x7 conv + 2x2 / 2 max pool encoders, four
nearest RESIZE + linear 7x7 conv decoders back to the encoder's sizes, the 1x1
classifier and the per-pixel SOFTMAX), kernels, strides, paddings, output shapes,
activations, op counts per type, the pinned multiply-add and parameter counts (by
hand), registration, int8 builds (both) and the overlap with the training spaces
(neither is drawn exactly)."""

import pathlib
from collections import Counter

import pytest

import numpy as np

from jaxeff.gnn import heldout_nets_xlv_b as hx
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xliv import _pools
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides, _tconvs

SEGAN_IN, SEGAN_Z_IN, SEGNET_IN = (1, 1, 16384, 1), (1, 1, 8, 1024), (1, 360, 480, 3)
SEGAN_COUNTS = {"CONV_2D": 11, "PRELU": 21, "CONCATENATION": 11, "TRANSPOSE_CONV": 11,
                "TANH": 1}
SEGNET_COUNTS = {"CONV_2D": 9, "MAX_POOL_2D": 4, "RESIZE_NEAREST_NEIGHBOR": 4,
                 "SOFTMAX": 1}
ENC = (16, 32, 32, 64, 64, 128, 128, 256, 256, 512, 1024)
DEC = (512, 256, 256, 128, 128, 64, 64, 32, 32, 16, 1)


def test_segan_generator_strided_encoder_latent_input_skip_decoder_and_hand_counts():
    g, outs = _graph_multi(hx.segan_generator, SEGAN_IN)
    assert outs == [SEGAN_IN] and len(g.ops) == 55
    assert Counter(g.op_types()) == SEGAN_COUNTS
    assert (hx.SEGAN_LEN, hx.SEGAN_K, hx.SEGAN_ENC, hx.SEGAN_DEC, hx.SEGAN_Z) == (
        16384, 31, ENC, DEC, 1024)
    c, r, cat, t = "CONV_2D", "PRELU", "CONCATENATION", "TRANSPOSE_CONV"
    assert g.op_types() == [c, r] * 11 + [cat] + [t, r, cat] * 10 + [t, "TANH"]
    # two graph inputs: the waveform, then z (recorded after the encoder)
    assert [g.tensors[i].shape for i in g.inputs] == [SEGAN_IN, SEGAN_Z_IN]
    # the encoder: 1x31 convs of stride (1, 2) along W, SAME, linear, each with a
    # standalone PRELU (slopes [1, 1, C], non-negative); 16384 -> 8192 -> ... -> 8
    assert _kernels(g, c) == [(1, 31)] * 11
    assert _strides(g, c) == [(1, 2)] * 11
    assert set(_opt(g, c, "padding")) == {"SAME"}
    assert set(_acts(g, c)) == {"NONE"}
    enc_shapes = [(1, 16384 >> (i + 1), ch) for i, ch in enumerate(ENC)]
    assert enc_shapes[0] == (1, 8192, 16) and enc_shapes[-1] == (1, 8, 1024)
    assert _out_shapes(g, c) == enc_shapes
    prod = _producers(g)
    prelus = [op for op in g.ops if op.type == r]
    assert [prod[op.inputs[0]].type for op in prelus] == [c] * 11 + [t] * 10
    assert [g.tensors[op.inputs[1]].shape for op in prelus] == [
        (1, 1, ch) for ch in ENC + DEC[:-1]]
    assert all(g.tensors[op.inputs[1]].data.min() >= 0 for op in prelus)
    # c (the last encoder PRELU, 8 x 1024) concatenated with z on the channels
    cats = [op for op in g.ops if op.type == cat]
    assert cats[0].inputs == (prelus[10].outputs[0], g.inputs[1])
    assert set(_opt(g, cat, "axis")) == {-1}
    # the decoder: 1x31 TRANSPOSE_CONVs of stride (1, 2), SAME, linear, with bias;
    # each but the last PRELU'd and concatenated (decoder map first) with the
    # encoder's PRELU output of its length: 16 x 512 + 16 x 512, ..., 8192 x 16 x 2
    tconvs = [op for op in g.ops if op.type == t]
    assert _tconvs(g) == [(1, "SAME", "NONE", True)] * 11
    assert _strides(g, t) == [(1, 2)] * 11
    assert _kernels(g, t) == [(1, 31)] * 11
    dec_shapes = [(1, 16 << i, ch) for i, ch in enumerate(DEC)]
    assert dec_shapes[-1] == (1, 16384, 1)
    assert _out_shapes(g, t) == dec_shapes
    assert [tuple(g.tensors[op.inputs[0]].data) for op in tconvs] == [
        (1, *s) for s in dec_shapes]
    dec_in = [2048] + [2 * ch for ch in DEC[:-1]]
    assert dec_in == [2048, 1024, 512, 512, 256, 256, 128, 128, 64, 64, 32]
    assert [g.tensors[op.inputs[2]].shape[3] for op in tconvs] == dec_in
    assert [op.inputs[2] for op in tconvs] == [o.outputs[0] for o in cats]
    for i, skip in enumerate(cats[1:]):
        assert skip.inputs == (prelus[11 + i].outputs[0], prelus[9 - i].outputs[0])
        assert prelus[11 + i].inputs[0] == tconvs[i].outputs[0]
        assert enc_shapes[9 - i] == dec_shapes[i]
    assert _out_shapes(g, cat) == [(1, 8, 2048)] + [
        (1, 16 << i, 2 * ch) for i, ch in enumerate(DEC[:-1])]
    tanh = g.ops[-1]
    assert tanh.inputs == (tconvs[-1].outputs[0],) and g.outputs == tanh.outputs
    # (frames, C_in, C_out, taps): convs at their output, transposed at their input
    enc = [(16384 >> (i + 1), ci, co, 31) for i, (ci, co) in enumerate(
        zip((1,) + ENC[:-1], ENC, strict=True))]
    dec = [(8 << i, ci, co, 31) for i, (ci, co) in enumerate(
        zip(dec_in, DEC, strict=True))]
    # encoder: 8192 x 1 x 16 x 31 = 4,063,232; layers 2-10 each 2^21 x 31 =
    # 65,011,712 (4096 x 16 x 32 = 2048 x 32 x 32 = ... = 16 x 256 x 512); the last
    # 8 x 512 x 1024 x 31 = 130,023,424
    assert [f * ci * co * k for f, ci, co, k in enc] == [4_063_232] + [
        65_011_712] * 9 + [130_023_424]
    assert _hand_1d(enc) == (719_192_064, 24_366_528)
    # decoder: 8 x 2048 x 512 x 31 = 260,046,848; 9 of 130,023,424; 8192 x 32 x 1 x 31
    assert [f * ci * co * k for f, ci, co, k in dec] == [260_046_848] + [
        130_023_424] * 9 + [8_126_464]
    assert _hand_1d(dec) == (1_438_384_128, 48_729_521)
    slopes = sum(ENC) + sum(DEC[:-1])
    assert slopes == 2512 + 1488 == 4000
    _by_hand(g, enc + dec, (2_157_576_192, 73_096_049), slopes)


def test_segnet_basic_7x7_encoder_pools_nearest_decoder_softmax_and_hand_counts():
    g = _graph(hx.segnet_basic, SEGNET_IN, (1, 360, 480, 11), 18, SEGNET_COUNTS)
    assert (hx.SEGNET_STAGES, hx.SEGNET_WIDTH, hx.SEGNET_K, hx.SEGNET_POOL,
            hx.SEGNET_CLASSES) == (4, 64, 7, 2, 11)
    c, p, rz = "CONV_2D", "MAX_POOL_2D", "RESIZE_NEAREST_NEIGHBOR"
    assert g.op_types() == [c, p] * 4 + [rz, c] * 4 + [c, "SOFTMAX"]
    # 7x7 SAME stride-1 convs of 64: RELU in the encoder (BN folded), linear in the
    # decoder (the basic version); the 1x1 classifier to 11, linear
    assert _kernels(g, c) == [(7, 7)] * 8 + [(1, 1)]
    assert set(_strides(g, c)) == {(1, 1)}
    assert set(_opt(g, c, "padding")) == {"SAME"}
    assert _acts(g, c) == ["RELU"] * 4 + ["NONE"] * 5
    sides = [(360, 480), (180, 240), (90, 120), (45, 60)]
    assert _out_shapes(g, c) == [(*s, 64) for s in sides] + [
        (*s, 64) for s in sides[::-1]] + [(360, 480, 11)]
    # 2x2 / 2 VALID max pools: 360 x 480 -> ... -> 45 x 60 -> 22 x 30 (floor)
    assert _pools(g, p) == [((2, 2), (2, 2), "VALID")] * 4
    assert _out_shapes(g, p) == [(180, 240, 64), (90, 120, 64), (45, 60, 64),
                                 (22, 30, 64)]
    # nearest RESIZEs to the encoder convs' sizes (22 x 30 -> 45 x 60, not 44), no
    # align_corners / half-pixel centres; each reads the last pool or the previous
    # decoder conv, and each decoder conv its RESIZE; no skips
    prod = _producers(g)
    ups = [op for op in g.ops if op.type == rz]
    assert _out_shapes(g, rz) == [(*s, 64) for s in sides[::-1]]
    assert [tuple(g.tensors[op.inputs[1]].data) for op in ups] == sides[::-1]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in ups} == {(False, False)}
    assert [prod[op.inputs[0]].type for op in ups] == [p, c, c, c]
    convs = [op for op in g.ops if op.type == c]
    assert [op.inputs[0] for op in convs[4:8]] == [u.outputs[0] for u in ups]
    assert ups[0].inputs[0] == g.ops[7].outputs[0]
    assert all(len(op.inputs) == 2 for op in ups)
    # the per-pixel SOFTMAX over the 11 classes reads the 1x1 classifier
    soft = g.ops[-1]
    assert soft.inputs == (convs[-1].outputs[0],) and soft.options["beta"] == 1.0
    assert convs[-1].inputs[0] == convs[7].outputs[0]
    px = [h * w for h, w in sides]
    layers = [(px[0], 3, 64, 49)] + [(n, 64, 64, 49) for n in px[1:]] + [
        (n, 64, 64, 49) for n in px[::-1]] + [(px[0], 64, 11, 1)]
    # 172,800 px x 3 x 64 x 49 = 1,625,702,400; a 64 -> 64 7x7 is 200,704 MACs a
    # pixel: 43,200 / 10,800 / 2,700 px -> 8,670,412,800 / 2,167,603,200 /
    # 541,900,800, the last decoder conv at 172,800 px 34,681,651,200; the
    # classifier 172,800 x 64 x 11 = 121,651,200
    assert 64 * 64 * 49 == 200_704
    assert [n * ci * co * k for n, ci, co, k in layers] == [
        1_625_702_400, 8_670_412_800, 2_167_603_200, 541_900_800, 541_900_800,
        2_167_603_200, 8_670_412_800, 34_681_651_200, 121_651_200]
    # parameters: 3 x 64 x 49 + 64 = 9,472; seven of 200,704 + 64; 64 x 11 + 11
    assert 9_472 + 7 * 200_768 + 715 == 1_415_563
    _by_hand(g, layers, (59_188_838_400, 1_415_563))


def test_no_training_space_draws_a_xlv_d_model_exactly():
    """The overlap stated in ``models.json``: only upsample and ext emit a RESIZE or
    a TRANSPOSE_CONV; neither draws a TANH (SEGAN's waveform output) or a SOFTMAX
    (SegNet's per-pixel classes), nor a second graph input; their transposed convs
    have equal strides on both axes (SEGAN's are (1, 2)) and their nearest RESIZEs
    integer factors (SegNet's 22 -> 45 is not); longk's 1-D signals stop at 16,000
    samples, 30 ops and 50 M MACs; dil's per-pixel SOFTMAX at 96 a side; the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_ext, spaces_upsample
    from jaxeff.gnn import spaces_longk as sl

    src = {p.stem: p.read_text() for p in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    up = {k for k, s in src.items() if ".resize(" in s or ".transpose_conv(" in s}
    assert up == {"spaces_upsample", "spaces_ext"}
    assert not any(w in src[k] for k in up for w in ("TANH", "softmax"))
    for seed in range(8):
        for draw in (spaces_upsample.upsample, spaces_ext.ext):
            g = draw(np.random.default_rng(seed))[0]
            assert len(g.inputs) == 1
            assert not {"TANH", "SOFTMAX"} & set(g.op_types())
            assert {op.options["stride_h"] == op.options["stride_w"]
                    for op in g.ops if op.type == "TRANSPOSE_CONV"} <= {True}
            for op in (op for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR"):
                (_, hi, wi, _), (_, ho, wo, _) = (g.tensors[op.inputs[0]].shape,
                                                  g.tensors[op.outputs[0]].shape)
                assert ho % hi == 0 and wo % wi == 0
    assert max(sl.LENGTHS) == 16000 < 16384 and sl.MAX_OPS == 30
    assert sl.MAX_MACS == 50_000_000
    assert max(sd.SIDES) == 96
    assert not _overlap_unnamed(ph.MODELS, {
        "segan_gen_16384": ("conv_tasnet_enc_8000", "pix2pix_unet_256",
                            "demucs_enc4_4096"),
        "segnet_basic_360x480": ("unet_orig_572", "enet_512", "erfnet_512x256")})


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xlv_d_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION34D == ("segan_gen_16384", "segnet_basic_360x480")
    # after XLIV's part B (a SESSION34C, where merged, may sit between; later
    # families may follow); every builder model once, every one registered
    _registered_after(ph, ph.SESSION34D, ph.SESSION34B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION34D] == ["upsample",
                                                                   "upsample"]
    built = {m: _int8_io(m) for m in ph.SESSION34D}
    assert {m: (ins, outs) for m, (_, ins, outs) in built.items()} == {
        "segan_gen_16384": ([SEGAN_IN, SEGAN_Z_IN], [SEGAN_IN]),
        "segnet_basic_360x480": ([SEGNET_IN], [(1, 360, 480, 11)])}
    gs = {m: g for m, (g, _, _) in built.items()}
    assert [Counter(g.op_types()) for g in gs.values()] == [SEGAN_COUNTS,
                                                            SEGNET_COUNTS]
    # the int8 graphs keep z's concatenation, the (1, 2) 1x31 TRANSPOSE_CONVs and the
    # TANH; the 22 x 30 -> 45 x 60 RESIZE and the per-pixel SOFTMAX
    g = gs["segan_gen_16384"]
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert g.inputs[1] in cat.inputs
    assert _strides(g, "TRANSPOSE_CONV") == [(1, 2)] * 11
    assert _kernels(g, "TRANSPOSE_CONV") == [(1, 31)] * 11
    assert g.op_types()[-1] == "TANH"
    g = gs["segnet_basic_360x480"]
    assert _out_shapes(g, "RESIZE_NEAREST_NEIGHBOR")[0] == (45, 60, 64)
    assert g.tensors[g.ops[-1].inputs[0]].shape == (1, 360, 480, 11)
    assert g.op_types()[-1] == "SOFTMAX"
