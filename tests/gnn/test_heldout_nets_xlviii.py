"""jaxeff.gnn.heldout_nets_xlviii (held-out families XLVIII, part A; session 36,
pre-registered): the published structures of EDSR-baseline x2 (1x1 mean-shift convs,
a 3x3 head conv of 64, 16 residual blocks of 3x3 conv RELU - 3x3 conv with linear
ADDs, a 3x3 conv ADDed to the head's output, a 3x3 conv to 256, the x2 pixel shuffle,
a 3x3 conv to 3) and FFDNet grey-scale (space-to-depth 2, a second graph input of the
noise-level map CONCATENATED, 15 3x3 convs of 64, RELU but the last to 4,
depth-to-space 2), the shuffles in addendum 2's NPU forms (npu_d2s TRANSPOSE_CONVs, a
2x2 / 2 CONV_2D of fixed 0 / 1 weights for the space-to-depth) and equal to the
DEPTH_TO_SPACE / SPACE_TO_DEPTH forms: kernels, strides, paddings, output shapes,
activations, op sequences and counts per type, the pinned multiply-add and parameter
counts (by hand; EDSR's published 1.5 M), NetBuilder's SPACE_TO_DEPTH against
LiteRT, registration, the int8 builds (slow) and the overlap with the training
spaces (none draws them)."""

import inspect
import pathlib
import re
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlviii as hx
from jaxeff.gnn.graph import total_macs
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxii_b import _litert_permutation
from tests.gnn.test_heldout_nets_xxxviii import _strides

C, A, D2S, S2D = "CONV_2D", "ADD", "DEPTH_TO_SPACE", "SPACE_TO_DEPTH"
T = "TRANSPOSE_CONV"
EDSR_IN, EDSR_OUT = (1, 64, 64, 3), (1, 128, 128, 3)
EDSR_COUNTS = {C: 38, A: 17, T: 1}
FFD_IN, FFD_MAP, FFD_OUT = (1, 128, 128, 1), (1, 64, 64, 1), (1, 128, 128, 1)
FFD_COUNTS = {C: 16, "CONCATENATION": 1, T: 1}


def _npu_d2s_x2(g, op, src, hw, c):
    """``op`` is :func:`jaxeff.nets.sesr_npu.npu_d2s`'s x2 shuffle of tensor ``src``
    (``[1, *hw, 4 c]``): a 2x2 / 2 VALID linear TRANSPOSE_CONV to ``[1, 2 h, 2 w, c]``
    with the fixed one-hot weights and no bias."""
    from jaxeff.nets.sesr_npu import d2s_tconv_weights

    assert op.type == T and op.inputs[2] == src and len(op.inputs) == 3
    assert g.tensors[src].shape == (1, *hw, 4 * c)
    assert (op.options["stride_h"], op.options["stride_w"], op.options["padding"],
            op.options["fused_activation_function"]) == (2, 2, "VALID", "NONE")
    np.testing.assert_array_equal(g.tensors[op.inputs[1]].data, d2s_tconv_weights(c, 2))
    assert g.tensors[op.inputs[0]].data.tolist() == [1, 2 * hw[0], 2 * hw[1], c]
    assert g.tensors[op.outputs[0]].shape == (1, 2 * hw[0], 2 * hw[1], c)


def test_edsr_baseline_x2_residual_blocks_pixel_shuffle_and_hand_counts():
    g = _graph(hx.edsr_baseline_x2, EDSR_IN, EDSR_OUT, 56, EDSR_COUNTS)
    assert (hx.EDSR_WIDTH, hx.EDSR_BLOCKS, hx.EDSR_SCALE) == (64, 16, 2)
    assert g.op_types() == [C, C] + [C, C, A] * 16 + [C, A, C, T, C, C]
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
    # up-sampler: 3x3 conv to 256 = 64 x 2^2, the x2 shuffle (npu_d2s: one one-hot
    # TRANSPOSE_CONV, addendum 2) to 128 x 128 x 64
    d2s = g.ops[-3]
    _npu_d2s_x2(g, d2s, convs[35].outputs[0], (64, 64), 64)
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
    assert _hand_1d(layers) == (5_622_386_688, 1_369_883)
    # the shuffle's fixed weights, MACs and parameters as a conv's: 4,096 input
    # pixels x 256 x 2 x 2 x 64, 64 x 2 x 2 x 256 weights (no bias)
    assert (4096 * 256 * 4 * 64, 64 * 4 * 256) == (268_435_456, 65_536)
    _pinned(g, (5_622_386_688 + 268_435_456, 1_369_883 + 65_536), (None, None),
            (None, None))
    assert (5_890_822_144, 1_435_419) == (total_macs(g), 1_369_883 + 65_536)
    # published: "1.5 M" (Table 1, the x4 baseline's: a second 3x3 conv to 256 in
    # its up-sampler, 147,712 more); the learned 1,369,883 within 10 % (-8.7 %)
    assert abs(1_369_883 / 1.5e6 - 1) < 0.1
    assert 1_369_883 - 24 + 147_712 == 1_517_571


def test_ffdnet_gray_space_to_depth_noise_map_input_and_hand_counts():
    g = _graph(hx.ffdnet_gray, FFD_IN, FFD_OUT, 18, FFD_COUNTS)
    assert (hx.FFDNET_LAYERS, hx.FFDNET_WIDTH, hx.FFDNET_BLOCK) == (15, 64, 2)
    assert g.op_types() == [C, "CONCATENATION"] + [C] * 15 + [T]
    # two graph inputs: the image and the noise-level map of the sub-images' size
    assert [g.tensors[t].shape for t in g.inputs] == [FFD_IN, FFD_MAP]
    s2d, cat = g.ops[0], g.ops[1]
    # the space-to-depth 2 (addendum 2): a 2x2 / 2 VALID linear CONV_2D 1 -> 4, fixed
    # 0 / 1 weights (output channel 2 i + j takes tap (i, j)) and a zero bias
    assert s2d.inputs[0] == g.inputs[0] and _kernels(g, C)[0] == (2, 2)
    assert (_strides(g, C)[0], _opt(g, C, "padding")[0], _acts(g, C)[0]) == (
        (2, 2), "VALID", "NONE")
    want = np.zeros((4, 2, 2, 1), np.float32)
    for i, j in np.ndindex(2, 2):
        want[2 * i + j, i, j, 0] = 1
    np.testing.assert_array_equal(g.tensors[s2d.inputs[1]].data, want)
    np.testing.assert_array_equal(g.tensors[s2d.inputs[2]].data, np.zeros(4))
    assert g.tensors[s2d.outputs[0]].shape == (1, 64, 64, 4)
    assert list(cat.inputs) == [s2d.outputs[0], g.inputs[1]]
    assert cat.options["axis"] == -1 and _out_shapes(g, "CONCATENATION") == [
        (64, 64, 5)]
    # 15 3x3 SAME stride-1 convs of 64, RELU fused but on the last (to 4)
    assert _kernels(g, C)[1:] == [(3, 3)] * 15
    assert set(_strides(g, C)[1:]) == {(1, 1)}
    assert set(_opt(g, C, "padding")[1:]) == {"SAME"}
    assert _acts(g, C)[1:] == ["RELU"] * 14 + ["NONE"]
    assert _out_shapes(g, C) == [(64, 64, 4)] + [(64, 64, 64)] * 14 + [(64, 64, 4)]
    prod = _producers(g)
    # one chain: each op after the CONCATENATION reads the op before it
    assert all(prod[g.ops[k].inputs[-1 if k == 17 else 0]] is g.ops[k - 1]
               for k in range(2, 18))
    # the depth-to-space 2 (npu_d2s: one one-hot TRANSPOSE_CONV 4 -> 1)
    _npu_d2s_x2(g, g.ops[-1], g.ops[-2].outputs[0], (64, 64), 1)
    assert g.outputs == g.ops[-1].outputs
    layers = ([(4096, 1, 4, 4), (4096, 5, 64, 9)] + [(4096, 64, 64, 9)] * 13
              + [(4096, 64, 4, 9)])
    # space-to-depth conv 4,096 x 1 x 4 x 4 (16 weights, 4 zero biases); first
    # 4,096 x 5 x 64 x 9; 13 x 4,096 x 64^2 x 9; last 4,096 x 64 x 4 x 9;
    # parameters 20 + 2,944 + 13 x 36,928 + 2,308 (folded batch norms: the middle
    # biases); the shuffle 4,096 input pixels x 4 x 2 x 2 x 1 MACs, 16 weights
    assert [4096 * 16, 4096 * 2880, 13 * 150_994_944, 4096 * 2304, 4096 * 16] == [
        65_536, 11_796_480, 1_962_934_272, 9_437_184, 65_536]
    assert 20 + 2_944 + 13 * 36_928 + 2_308 == 485_336
    assert _hand_1d(layers) == (1_984_167_936 + 65_536, 485_336)
    _pinned(g, (1_984_299_008, 485_352), (None, None), (None, None))
    assert (1_984_233_472 + 65_536, 485_336 + 16) == (1_984_299_008, 485_352)


def test_xlviii_a_npu_rewrite_is_exact():
    """Addendum 2's rewrite is exact: FFDNet with the space-to-depth conv and the
    npu_d2s TRANSPOSE_CONV equals FFDNet with SPACE_TO_DEPTH and DEPTH_TO_SPACE (the
    same seeded weights) on random inputs, the reference interpreter (float), on a
    small image; the space-to-depth conv alone equals SPACE_TO_DEPTH."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.reference import reference

    def run(f, shape, **kw):
        b = NetBuilder(np.random.default_rng(0))
        g = b.finish([f(b, b.input(shape), **kw)])
        rng = np.random.default_rng(1)
        ins = [rng.standard_normal(g.tensors[t].shape).astype(np.float32)
               for t in g.inputs]
        return g, [np.asarray(o) for o in reference(g, ins)]

    g, npu = run(hx.ffdnet_gray, (1, 8, 6, 1))
    g0, ref = run(hx.ffdnet_gray, (1, 8, 6, 1), npu=False)
    assert g.op_types() == [C, "CONCATENATION"] + [C] * 15 + [T]
    assert g0.op_types() == [S2D, "CONCATENATION"] + [C] * 15 + [D2S]
    np.testing.assert_allclose(npu[0], ref[0], rtol=1e-5, atol=1e-5)
    _, npu = run(lambda b, x: hx.s2d_conv(b, x, 2), (1, 4, 6, 3))
    _, ref = run(lambda b, x: b.space_to_depth(x, 2), (1, 4, 6, 3))
    np.testing.assert_allclose(npu[0], ref[0], rtol=1e-5, atol=1e-5)


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
    DEPTH_TO_SPACE or a SPACE_TO_DEPTH (the SR spaces write the shuffle as the
    one-hot TRANSPOSE_CONV the models use, addendum 2); sesr draws at most 12
    mapping convs of 8-32 filters on a one-channel input; resnet's basic blocks, 1-4
    a stage, ADD with RELU; the earlier models of the same kinds are named."""
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
    # graphs keep the NPU shuffles (FFDNet's two inputs, the map second)
    g, ins, outs = _int8_io("edsr_baseline_x2_64")
    assert (ins, outs, Counter(g.op_types())) == ([EDSR_IN], [EDSR_OUT], EDSR_COUNTS)
    assert _out_shapes(g, T) == [(128, 128, 64)]
    g, ins, outs = _int8_io("ffdnet_gray_128")
    assert (ins, outs, Counter(g.op_types())) == ([FFD_IN, FFD_MAP], [FFD_OUT],
                                                  FFD_COUNTS)
    assert g.op_types()[:2] == [C, "CONCATENATION"] and g.op_types()[-1] == T
    assert _kernels(g, C)[0] == (2, 2) and _out_shapes(g, T) == [(128, 128, 1)]
