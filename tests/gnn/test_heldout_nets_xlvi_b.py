"""jaxeff.gnn.heldout_nets_xlvi_b (held-out families XLVI, part B; session 35,
pre-registered): the published structures (Wave-U-Net's twelve 1x15 conv + LEAKY_RELU
+ stride-2 STRIDED_SLICE down blocks, the 1x15 bottom conv of 312, twelve 2x
RESIZE_BILINEAR + skip CONCATENATION + 1x5 conv up blocks, the input concatenated, a
1x1 conv to two sources, TANH; WaveNet's causal PAD + 1x2 convs dilated 1 ... 512
twice, SPLIT tanh x sigmoid gates, 1x1 skip and residual convs, the summed skips and
the 1x1 head to a 256-way SOFTMAX), kernels, strides, dilations, paddings, output
shapes, activations, op counts per type, the pinned multiply-add and parameter counts
(by hand), registration, int8 builds (both) and the overlap with the training spaces
(neither is drawn exactly)."""

import pathlib
from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xlvi_b as hx
from tests.gnn.test_heldout_nets import _dil, _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

WUN_IN, WUN_OUT = (1, 1, 16384, 1), (1, 1, 16384, 2)
WN_IN, WN_OUT = (1, 1, 4096, 1), (1, 1, 4096, 256)
WUN_COUNTS = {"CONV_2D": 26, "LEAKY_RELU": 25, "STRIDED_SLICE": 12,
              "RESIZE_BILINEAR": 12, "CONCATENATION": 13, "TANH": 1}
WN_COUNTS = {"CONV_2D": 62, "PAD": 21, "SPLIT": 20, "TANH": 20, "LOGISTIC": 20,
             "MUL": 20, "ADD": 38, "SOFTMAX": 1}


def _inputs(g, op):
    return [g.tensors[t] for t in op.inputs]


def test_wave_unet_decimating_encoder_bilinear_skip_decoder_and_hand_counts():
    g = _graph(hx.wave_unet, WUN_IN, WUN_OUT, 89, WUN_COUNTS)
    assert (hx.WUN_LEN, hx.WUN_LEVELS, hx.WUN_FC, hx.WUN_FD, hx.WUN_FU,
            hx.WUN_SOURCES, hx.WUN_ALPHA) == (16384, 12, 24, 15, 5, 2, 0.2)
    c, lr, ss, rz, cat = ("CONV_2D", "LEAKY_RELU", "STRIDED_SLICE", "RESIZE_BILINEAR",
                          "CONCATENATION")
    assert g.op_types() == [c, lr, ss] * 12 + [c, lr] + [rz, cat, c, lr] * 12 + [
        cat, c, "TANH"]
    # convs: twelve 1x15 down, the 1x15 bottom, twelve 1x5 up, the 1x1 head; all
    # stride 1, SAME, linear (LeakyReLU standalone, slope 0.2)
    assert _kernels(g, c) == [(1, 15)] * 13 + [(1, 5)] * 12 + [(1, 1)]
    assert set(_strides(g, c)) == {(1, 1)}
    assert set(_opt(g, c, "padding")) == {"SAME"}
    assert set(_acts(g, c)) == {"NONE"}
    assert set(_opt(g, lr, "alpha")) == {0.2}
    prod = _producers(g)
    assert {prod[op.inputs[0]].type for op in g.ops if op.type == lr} == {c}
    lens = [16384 >> i for i in range(12)]
    assert lens[-1] == 8
    down = [(1, n, 24 * (i + 1)) for i, n in enumerate(lens)]
    up = [(1, n, 24 * (i + 1)) for i, n in reversed(list(enumerate(lens)))]
    assert _out_shapes(g, c) == down + [(1, 4, 312)] + up + [(1, 16384, 2)]
    # decimation: STRIDED_SLICE of the whole map, strides (1, 1, 2, 1) (even samples)
    slices = [op for op in g.ops if op.type == ss]
    for op, (_, n, ch) in zip(slices, down, strict=True):
        x, begin, end, strides = _inputs(g, op)
        assert prod[op.inputs[0]].type == lr and x.shape == (1, 1, n, ch)
        assert (tuple(begin.data), tuple(end.data), tuple(strides.data)) == (
            (0, 0, 0, 0), (1, 1, n, ch), (1, 1, 2, 1))
    assert _out_shapes(g, ss) == [(1, n // 2, ch) for _, n, ch in down]
    # up-sampling: RESIZE_BILINEAR 2x along W (H stays 1), no align_corners nor
    # half-pixel centres; each reads the bottom or the previous up block's LEAKY_RELU
    ups = [op for op in g.ops if op.type == rz]
    assert [tuple(g.tensors[op.inputs[1]].data) for op in ups] == [
        (1, n) for _, n, _ in up]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in ups} == {(False, False)}
    assert {prod[op.inputs[0]].type for op in ups} == {lr}
    assert _out_shapes(g, rz) == [(1, n, ch + 24) for _, n, ch in up]
    # skips: the down block's LEAKY_RELU output (before decimation) first, the
    # up-sampled map second; the last CONCATENATION the input first, then 24 channels
    cats = [op for op in g.ops if op.type == cat]
    for op, s, u in zip(cats[:-1], reversed(slices), ups, strict=True):
        assert op.inputs == (s.inputs[0], u.outputs[0])
    assert set(_opt(g, cat, "axis")) == {-1}
    assert _out_shapes(g, cat) == [(1, n, 2 * ch + 24) for _, n, ch in up] + [
        (1, 16384, 25)]
    assert cats[-1].inputs[0] == g.inputs[0]
    assert g.ops[-1].inputs == (g.ops[-2].outputs[0],) and g.outputs == g.ops[-1].outputs
    # (frames, C_in, C_out, taps): down 24 i filters on 24 (i - 1) (1 the first)
    layers = [(n, ci, co, 15) for (_, n, co), ci in zip(
        down, [1] + [24 * i for i in range(1, 12)], strict=True)]
    layers += [(4, 288, 312, 15)]
    layers += [(n, co + 24 + co, co, 5) for _, n, co in up] + [(16384, 25, 2, 1)]
    # down: 16384 x 1 x 24 x 15 = 5,898,240; 8192 x 24 x 48 x 15 = 141,557,760;
    # 4096 x 48 x 72 x 15 = 2048 x 72 x 96 x 15 = 212,336,640; ...; 8 x 264 x 288 x 15
    assert [n * ci * co * k for n, ci, co, k in layers[:12]] == [
        5_898_240, 141_557_760, 212_336_640, 212_336_640, 176_947_200, 132_710_400,
        92_897_280, 61_931_520, 39_813_120, 24_883_200, 15_206_400, 9_123_840]
    assert sum(n * ci * co * k for n, ci, co, k in layers[:12]) == 1_125_642_240
    # bottom 4 x 288 x 312 x 15; up 8 x 600 x 288 x 5 = 6,912,000 ... 16384 x 72 x 24
    # x 5 = 141,557,760; head 16384 x 25 x 2 = 819,200
    assert [n * ci * co * k for n, ci, co, k in layers[12:14]] == [5_391_360, 6_912_000]
    assert layers[24] == (16384, 72, 24, 5)
    assert sum(n * ci * co * k for n, ci, co, k in layers[13:25]) == 1_311_759_360
    _by_hand(g, layers, (2_443_612_160, 10_263_028))


def test_wavenet_causal_dilated_gated_stacks_skips_softmax_and_hand_counts():
    g = _graph(hx.wavenet, WN_IN, WN_OUT, 202, WN_COUNTS)
    assert (hx.WN_LEN, hx.WN_STACKS, hx.WN_LAYERS, hx.WN_RES, hx.WN_SKIP, hx.WN_OUT,
            hx.WN_MAX_DIL) == (4096, 2, 10, 32, 128, 256, 512)
    p, c, a = "PAD", "CONV_2D", "ADD"
    gate = [p, c, "SPLIT", "TANH", "LOGISTIC", "MUL", c]
    assert g.op_types() == [p, c] + gate + [c, a] + (gate + [a, c, a]) * 18 + gate + [
        a, c, c, "SOFTMAX"]
    # the causal convs: PAD of d before the signal along W, then 1x2 VALID dilated
    # (1, d); the first d = 1 to 32, then 1 ... 512 twice to 64
    rates = [1] + [2 ** i for i in range(10)] * 2
    assert rates[-1] == 512
    pads = [op for op in g.ops if op.type == p]
    assert [tuple(map(tuple, g.tensors[op.inputs[1]].data)) for op in pads] == [
        ((0, 0), (0, 0), (d, 0), (0, 0)) for d in rates]
    prod = _producers(g)
    causal = [op for op in g.ops if op.type == c and prod.get(op.inputs[0]) in pads]
    assert [prod[op.inputs[0]] for op in causal] == pads
    assert [_dil(op) for op in causal] == [(1, d) for d in rates]
    assert [g.tensors[op.inputs[1]].shape[1:3] for op in causal] == [(1, 2)] * 21
    assert {op.options["padding"] for op in causal} == {"VALID"}
    assert [g.tensors[op.outputs[0]].shape for op in causal] == [(1, 1, 4096, 32)] + [
        (1, 1, 4096, 64)] * 20
    # the gates: SPLIT (2 on the channels) of the dilated conv, TANH of the first
    # half, LOGISTIC of the second, MUL; the skip 1x1 conv to 128 and (but the last)
    # the residual 1x1 conv to 32 read the MUL
    splits = [op for op in g.ops if op.type == "SPLIT"]
    assert [prod[op.inputs[1]] for op in splits] == causal[1:]
    assert set(_opt(g, "SPLIT", "num_splits")) == {2}
    assert {int(g.tensors[op.inputs[0]].data) for op in splits} == {-1}
    muls = [op for op in g.ops if op.type == "MUL"]
    for s, m in zip(splits, muls, strict=True):
        t, lg = (prod[i] for i in m.inputs)
        assert (t.type, lg.type) == ("TANH", "LOGISTIC")
        assert (t.inputs[0], lg.inputs[0]) == s.outputs
    assert _out_shapes(g, "MUL") == [(1, 4096, 32)] * 20
    ones = [op for op in g.ops if op.type == c and op not in causal]
    assert _kernels(g, c)[-2:] == [(1, 1)] * 2
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in ones} == {(1, 1)}
    readers = [[op for op in ones if op.inputs[0] == m.outputs[0]] for m in muls]
    assert [[g.tensors[op.outputs[0]].shape[3] for op in r] for r in readers] == [
        [128, 32]] * 19 + [[128]]
    # residual ADDs: the residual conv plus the layer's input (the first the causal
    # conv's 32 channels); the skip ADDs sum the twenty skip convs in layer order,
    # RELU fused into the last only
    adds = [op for op in g.ops if op.type == a]
    res = [op for op in adds if prod[op.inputs[0]] in (r[1] for r in readers[:19])]
    skip = [op for op in adds if op not in res]
    assert len(res) == len(skip) == 19
    assert res[0].inputs[1] == causal[0].outputs[0]
    assert [op.inputs[1] for op in res[1:]] == [op.outputs[0] for op in res[:-1]]
    assert [pads[i + 1].inputs[0] for i in range(1, 20)] == [
        op.outputs[0] for op in res]
    assert skip[0].inputs == (readers[0][0].outputs[0], readers[1][0].outputs[0])
    assert [op.inputs[1] for op in skip] == [r[0].outputs[0] for r in readers[1:]]
    assert [_acts(g, a)[adds.index(op)] for op in skip] == ["NONE"] * 18 + ["RELU"]
    assert set(_acts(g, a)) == {"NONE", "RELU"}
    # the head: 1x1 conv 128 RELU on the summed skips, 1x1 conv 256, SOFTMAX
    h1, h2, soft = g.ops[-3:]
    assert h1.inputs[0] == skip[-1].outputs[0] and h2.inputs[0] == h1.outputs[0]
    assert _acts(g, c)[-2:] == ["RELU", "NONE"]
    assert _out_shapes(g, c)[-2:] == [(1, 4096, 128), (1, 4096, 256)]
    assert soft.inputs == h2.outputs and soft.options["beta"] == 1.0
    # (frames, C_in, C_out, taps): 4096 x 1 x 32 x 2 = 262,144; dilated 4096 x 32 x
    # 64 x 2 = 16,777,216; skip 4096 x 32 x 128 = 16,777,216; residual 4096 x 32 x 32
    # = 4,194,304; head 4096 x 128 x 128 = 67,108,864 and 4096 x 128 x 256
    layers = [(4096, 1, 32, 2)] + [(4096, 32, 64, 2)] * 20 + [
        (4096, 32, 128, 1)] * 20 + [(4096, 32, 32, 1)] * 19 + [
        (4096, 128, 128, 1), (4096, 128, 256, 1)]
    assert [n * ci * co * k for n, ci, co, k in layers[:2]] == [262_144, 16_777_216]
    assert 262_144 + 40 * 16_777_216 + 19 * 4_194_304 + 67_108_864 + 134_217_728 == (
        952_369_152)
    # parameters: 96; 20 of 4,160; 20 of 4,224; 19 of 1,056; 16,512; 33,024
    assert 96 + 20 * 4_160 + 20 * 4_224 + 19 * 1_056 + 16_512 + 33_024 == 237_376
    _by_hand(g, layers, (952_369_152, 237_376))


def test_no_training_space_draws_a_xlvi_b_model_exactly():
    """The overlap stated in ``models.json``: only upsample and ext emit a RESIZE,
    neither a TANH nor a STRIDED_SLICE (Wave-U-Net's decimation and output); only dil
    emits a TANH, on sequences of at most 2,048 samples, at most 40 ops, rates of at
    most 128, without a SPLIT (WaveNet: 4,096 samples, 202 ops, rates to 512, SPLIT
    gates); longk's 1-D signals stop at 16,000 samples and 30 ops; the earlier models
    of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_ext, spaces_upsample
    from jaxeff.gnn import spaces_longk as sl

    src = {p.stem: p.read_text() for p in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    up = {k for k, s in src.items() if ".resize(" in s}
    assert up == {"spaces_upsample", "spaces_ext"}
    assert not any(w in src[k] for k in up for w in ("TANH", ".strided_slice("))
    assert {k for k, s in src.items() if '"TANH"' in s} == {"spaces_dil"}
    assert ".split(" not in src["spaces_dil"]
    assert max(sd.LENGTHS) == 2048 < 4096 and sd.MAX_OPS == 40 < 202
    assert max(sd.DILATIONS) == 128 < 512
    for seed in range(8):
        for draw in (spaces_upsample.upsample, spaces_ext.ext):
            t = set(draw(np.random.default_rng(seed))[0].op_types())
            assert not {"TANH", "STRIDED_SLICE", "LEAKY_RELU"} & t
        g = sd.dil(np.random.default_rng(seed))[0]
        assert "SPLIT" not in g.op_types() and len(g.ops) <= 40
    assert max(sl.LENGTHS) == 16000 < 16384 and sl.MAX_OPS == 30
    assert not _overlap_unnamed(ph.MODELS, {
        "wave_unet_16384": ("segan_gen_16384", "demucs_enc4_4096"),
        "wavenet_2x10_4096": ("tcn_smnist_784", "conv_tasnet_enc_8000")})


def test_families_xlvi_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION35B == ("wave_unet_16384", "wavenet_2x10_4096")
    # after XLV's part D (a SESSION35A, where merged, may sit between; later
    # families may follow); every builder model once, every one registered
    _registered_after(ph, ph.SESSION35B, ph.SESSION34D)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION35B] == ["upsample", "dil"]
    # int8 inputs and outputs, op counts per type as the float graphs'
    want = {"wave_unet_16384": ([WUN_IN], [WUN_OUT], WUN_COUNTS),
            "wavenet_2x10_4096": ([WN_IN], [WN_OUT], WN_COUNTS)}
    gs = {}
    for m, (ins, outs, counts) in want.items():
        gs[m], got_in, got_out = _int8_io(m)
        assert (got_in, got_out, Counter(gs[m].op_types())) == (ins, outs, counts), m
    # the int8 graphs keep the stride-2 decimations, the 1-D bilinear RESIZEs and
    # the TANH; the dilations to 512 and the 256-way SOFTMAX
    g = gs["wave_unet_16384"]
    assert _out_shapes(g, "STRIDED_SLICE")[-1] == (1, 4, 288)
    assert _out_shapes(g, "RESIZE_BILINEAR")[-1] == (1, 16384, 48)
    assert g.op_types()[-1] == "TANH"
    g = gs["wavenet_2x10_4096"]
    assert sorted({_dil(op)[1] for op in g.ops if op.type == "CONV_2D"}) == [
        2 ** i for i in range(10)]
    assert g.op_types()[-1] == "SOFTMAX"
