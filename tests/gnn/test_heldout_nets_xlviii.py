"""jaxeff.gnn.heldout_nets_xlviii (held-out families XLVIII, part A; session 36,
pre-registered): the published structures of EDSR-baseline x2 (1x1 mean-shift convs,
a 3x3 head conv of 64, 16 residual blocks of 3x3 conv RELU - 3x3 conv with linear
ADDs, a 3x3 conv ADDed to the head's output, a 3x3 conv to 256, DEPTH_TO_SPACE 2, a
3x3 conv to 3) and FFDNet grey-scale (SPACE_TO_DEPTH 2, a second graph input of the
noise-level map CONCATENATED, 15 3x3 convs of 64, RELU but the last to 4,
DEPTH_TO_SPACE 2): kernels, strides, paddings, output shapes, activations, op
sequences and counts per type, the pinned multiply-add and parameter counts (by hand;
EDSR's published 1.5 M), NetBuilder's SPACE_TO_DEPTH against LiteRT, registration,
the int8 builds (slow) and the overlap with the training spaces (none draws them)."""

import inspect
import pathlib
import re
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlviii as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxii_b import _litert_permutation
from tests.gnn.test_heldout_nets_xxxviii import _strides

C, A, D2S, S2D = "CONV_2D", "ADD", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH"
EDSR_IN, EDSR_OUT = (1, 64, 64, 3), (1, 128, 128, 3)
EDSR_COUNTS = {C: 38, A: 17, D2S: 1}
FFD_IN, FFD_MAP, FFD_OUT = (1, 128, 128, 1), (1, 64, 64, 1), (1, 128, 128, 1)
FFD_COUNTS = {C: 15, S2D: 1, "CONCATENATION": 1, D2S: 1}


def test_edsr_baseline_x2_residual_blocks_pixel_shuffle_and_hand_counts():
    g = _graph(hx.edsr_baseline_x2, EDSR_IN, EDSR_OUT, 56, EDSR_COUNTS)
    assert (hx.EDSR_WIDTH, hx.EDSR_BLOCKS, hx.EDSR_SCALE) == (64, 16, 2)
    assert g.op_types() == [C, C] + [C, C, A] * 16 + [C, A, C, D2S, C, C]
    # convs: 1x1 mean shift, 3x3 head, 32 block convs, 3x3 body end, 3x3 up-sampler,
    # 3x3 tail, 1x1 mean shift; stride 1, SAME; RELU only on each block's first conv
    assert _kernels(g, C) == [(1, 1)] + [(3, 3)] * 36 + [(1, 1)]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE", "NONE"] + ["RELU", "NONE"] * 16 + ["NONE"] * 4
    assert set(_acts(g, A)) == {"NONE"}  # no ReLU after the addition
    assert _out_shapes(g, C) == [(64, 64, 3)] + [(64, 64, 64)] * 34 + [
        (64, 64, 256), (128, 128, 3), (128, 128, 3)]
    # the residual blocks: ADD [block input, second conv], the second conv reading
    # the first; the block input the head conv, then the previous ADD; the global
    # skip ADD [head conv, body conv]
    prod = _producers(g)
    convs = [op for op in g.ops if op.type == C]
    adds = [op for op in g.ops if op.type == A]
    head = convs[1]
    ins = [head.outputs[0]] + [a.outputs[0] for a in adds[:15]]
    for i, add in enumerate(adds[:16]):
        assert add.inputs[0] == ins[i]
        second = prod[add.inputs[1]]
        first = prod[second.inputs[0]]
        assert (second, first) == (convs[3 + 2 * i], convs[2 + 2 * i])
        assert first.inputs[0] == ins[i]
    assert adds[16].inputs[0] == head.outputs[0]
    assert prod[adds[16].inputs[1]] is convs[34]
    assert convs[34].inputs[0] == adds[15].outputs[0]
    # up-sampler: 3x3 conv to 256 = 64 x 2^2, DEPTH_TO_SPACE 2 to 128 x 128 x 64
    d2s = g.ops[-3]
    assert d2s.options["block_size"] == 2 and d2s.inputs == convs[35].outputs
    assert g.tensors[d2s.outputs[0]].shape == (1, 128, 128, 64)
    assert g.ops[-2].inputs[0] == d2s.outputs[0]
    assert g.outputs == g.ops[-1].outputs
    # (pixels, C_in, C_out, taps)
    layers = ([(4096, 3, 3, 1), (4096, 3, 64, 9)] + [(4096, 64, 64, 9)] * 33
              + [(4096, 64, 256, 9), (16384, 64, 3, 9), (16384, 3, 3, 1)])
    # mean shift 4,096 x 9; head 4,096 x 3 x 64 x 9; 33 x 4,096 x 64^2 x 9; the
    # up-sampler 4,096 x 64 x 256 x 9; tail 16,384 x 64 x 3 x 9; mean shift 16,384 x 9
    assert [4096 * 9, 4096 * 1728, 33 * 4096 * 36_864, 4096 * 147_456,
            16_384 * 1728, 16_384 * 9] == [36_864, 7_077_888, 4_982_833_152,
                                          603_979_776, 28_311_552, 147_456]
    # parameters: mean shifts 12 each; head 1,792; 33 x 36,928; up-sampler 147,712;
    # tail 1,731
    assert 24 + 1_792 + 33 * 36_928 + 147_712 + 1_731 == 1_369_883
    _by_hand(g, layers, (5_622_386_688, 1_369_883))
    # published: "1.5 M" (Table 1, the x4 baseline's: a second 3x3 conv to 256 in
    # its up-sampler, 147,712 more); pinned within 10 % (-8.7 %)
    _pinned(g, (5_622_386_688, 1_369_883), (None, 1.5e6), (None, 0.1))
    assert 1_369_883 - 24 + 147_712 == 1_517_571


def test_ffdnet_gray_space_to_depth_noise_map_input_and_hand_counts():
    g = _graph(hx.ffdnet_gray, FFD_IN, FFD_OUT, 18, FFD_COUNTS)
    assert (hx.FFDNET_LAYERS, hx.FFDNET_WIDTH, hx.FFDNET_BLOCK) == (15, 64, 2)
    assert g.op_types() == [S2D, "CONCATENATION"] + [C] * 15 + [D2S]
    # two graph inputs: the image and the noise-level map of the sub-images' size
    assert [g.tensors[t].shape for t in g.inputs] == [FFD_IN, FFD_MAP]
    s2d, cat = g.ops[0], g.ops[1]
    assert s2d.inputs == (g.inputs[0],) and s2d.options["block_size"] == 2
    assert g.tensors[s2d.outputs[0]].shape == (1, 64, 64, 4)
    assert list(cat.inputs) == [s2d.outputs[0], g.inputs[1]]
    assert cat.options["axis"] == -1 and _out_shapes(g, "CONCATENATION") == [
        (64, 64, 5)]
    # 15 3x3 SAME stride-1 convs of 64, RELU fused but on the last (to 4)
    assert _kernels(g, C) == [(3, 3)] * 15
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["RELU"] * 14 + ["NONE"]
    assert _out_shapes(g, C) == [(64, 64, 64)] * 14 + [(64, 64, 4)]
    prod = _producers(g)
    # one chain: each op after the CONCATENATION reads the op before it
    assert all(prod[g.ops[k].inputs[0]] is g.ops[k - 1] for k in range(2, 18))
    assert g.ops[-1].options["block_size"] == 2 and g.outputs == g.ops[-1].outputs
    layers = [(4096, 5, 64, 9)] + [(4096, 64, 64, 9)] * 13 + [(4096, 64, 4, 9)]
    # first 4,096 x 5 x 64 x 9; 13 x 4,096 x 64^2 x 9; last 4,096 x 64 x 4 x 9;
    # parameters 2,944 + 13 x 36,928 + 2,308 (folded batch norms: the middle biases)
    assert [4096 * 2880, 13 * 150_994_944, 4096 * 2304] == [
        11_796_480, 1_962_934_272, 9_437_184]
    assert 2_944 + 13 * 36_928 + 2_308 == 485_316
    _by_hand(g, layers, (1_984_167_936, 485_316))


def _same_quant(g, op):
    """``op``'s input and output carry one (scale, zero point)."""
    i, o = (g.tensors[t] for t in (op.inputs[0], op.outputs[0]))
    return (i.scale.tolist(), i.zero_point.tolist()) == (
        o.scale.tolist(), o.zero_point.tolist())


def test_space_to_depth_matches_litert_and_inverts_depth_to_space():
    """NetBuilder's SPACE_TO_DEPTH (block 2) as LiteRT runs it, float and int8 (a
    permutation: the int8 output is the input's bytes rearranged, one scale), the
    reference interpreter's, and DEPTH_TO_SPACE of it the identity."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import calibrate, quantize_int8
    from jaxeff.gnn.reference import reference
    from jaxeff.tflite import read_main, write_tflite

    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 6, 4, 3))
    s = b.space_to_depth(x, 2)
    g = b.finish([s, b.depth_to_space(s, 2)])
    assert [g.tensors[t].shape for t in g.outputs] == [(1, 3, 2, 12), (1, 6, 4, 3)]
    v = np.random.default_rng(1).standard_normal((1, 6, 4, 3)).astype(np.float32)

    def s2d(a):  # out[h, w, (i b + j) C + c] = in[b h + i, b w + j, c]
        return a.reshape(1, 3, 2, 2, 2, 3).transpose(0, 1, 3, 2, 4, 5).reshape(
            1, 3, 2, 12)

    out = reference(g, [v])
    np.testing.assert_array_equal(np.asarray(out[0]), s2d(v))
    np.testing.assert_array_equal(np.asarray(out[1]), v)
    q = quantize_int8(g, calibrate(g, seed=0))
    qg = read_main(write_tflite(q))
    assert qg.ops[0].type == S2D and _same_quant(qg, qg.ops[0])
    for m in (g, q):
        inp, got = _litert_permutation(m, v)
        shapes = {r.shape: r for r in got}
        np.testing.assert_array_equal(shapes[(1, 3, 2, 12)], s2d(inp))
        np.testing.assert_array_equal(shapes[(1, 6, 4, 3)], inp)


def test_no_training_space_draws_the_xlviii_a_models_exactly():
    """The overlap stated in ``models.json``: no training space writes a
    DEPTH_TO_SPACE or a SPACE_TO_DEPTH (the SR spaces write the shuffle as a
    TRANSPOSE_CONV); sesr draws at most 12 mapping convs of 8-32 filters on a
    one-channel input; resnet's basic blocks, 1-4 a stage, ADD with RELU; the
    earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp

    src = {q.stem: q.read_text() for q in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    assert not any(re.search(r"\.(depth_to_space|space_to_depth)\(", s)
                   for s in src.values())
    sesr = inspect.getsource(sp.sesr)
    assert "int(rng.integers(1, 12))" in sesr and "(8, 16, 24, 32)" in sesr
    assert "b.input((1, h, w, 1))" in sesr
    res = inspect.getsource(sp.resnet)
    assert "int(rng.integers(1, 5))" in res and 'b.add(h, sc, "RELU")' in res
    for seed in range(8):
        g, _ = sp.sesr(np.random.default_rng(seed))
        assert len(g.inputs) == 1 and g.op_types().count(C) <= 13
    assert not _overlap_unnamed(ph.MODELS, {
        "edsr_baseline_x2_64": ("carn_m_x2_64", "espcn_x3_100x100", "vdsr_20_64x64"),
        "ffdnet_gray_128": ("dncnn_17_64x64", "vdsr_20_64x64", "espcn_x3_100x100")})


def test_family_xlviii_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36A == ("edsr_baseline_x2_64", "ffdnet_gray_128")
    # after XLVII's part D (later families may follow); every builder model once,
    # every one registered
    _registered_after(ph, ph.SESSION36A, ph.SESSION35D)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION36A] == ["upsample", "sesr"]


@pytest.mark.slow
def test_family_xlviii_a_int8():
    # int8 inputs and outputs, op counts per type as the float graphs'; the int8
    # graphs keep the shuffles (FFDNet's two inputs, the map second)
    g, ins, outs = _int8_io("edsr_baseline_x2_64")
    assert (ins, outs, Counter(g.op_types())) == ([EDSR_IN], [EDSR_OUT], EDSR_COUNTS)
    assert [op.options["block_size"] for op in g.ops if op.type == D2S] == [2]
    g, ins, outs = _int8_io("ffdnet_gray_128")
    assert (ins, outs, Counter(g.op_types())) == ([FFD_IN, FFD_MAP], [FFD_OUT],
                                                  FFD_COUNTS)
    assert g.op_types()[:2] == [S2D, "CONCATENATION"] and g.op_types()[-1] == D2S
    assert _same_quant(g, g.ops[0])
