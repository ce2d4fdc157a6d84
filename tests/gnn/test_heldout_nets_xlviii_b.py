"""jaxeff.gnn.heldout_nets_xlviii_b (held-out families XLVIII, part B; session 36,
pre-registered): SuperPoint's published structure (eight 3x3 RELU convs 64-128 with
three 2x2 / 2 max pools, the point head's 3x3 conv 256, 1x1 conv 65, SOFTMAX, dust-bin
STRIDED_SLICE and the depth-to-space 8 in addendum 2's NPU form -- three npu_d2s
TRANSPOSE_CONVs after the 1x1 conv's channels are permuted, equal to DEPTH_TO_SPACE 8
-- the descriptor head's 3x3 conv 256, 1x1 conv 256
and the MUL / MEAN / RSQRT / MUL L2 normalisation) and CSRNet configuration B's (VGG-16's
first ten convs, six 3x3 RELU convs dilated 2 of 512-64, a linear 1x1 conv), kernels,
strides, dilations, output shapes, activations, op sequences and counts per type, the
pinned multiply-add and parameter counts (by hand; CSRNet's published 16.26 M
parameters), registration, the int8 build and the overlap with the training spaces
(neither drawn exactly)."""

import pathlib
import re
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlviii_b as hx
from jaxeff.gnn.reference import reference
from tests.gnn.test_heldout_nets import _dil, _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xlviii import _npu_d2s_x2
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

SP_IN, SP_OUTS = (1, 240, 320, 1), [(1, 240, 320, 1), (1, 30, 40, 256)]
SP_COUNTS = {"CONV_2D": 12, "MAX_POOL_2D": 3, "SOFTMAX": 1, "STRIDED_SLICE": 1,
             "TRANSPOSE_CONV": 3, "RESHAPE": 2, "MUL": 2, "MEAN": 1,
             "RSQRT": 1}
CSR_IN, CSR_OUT = (1, 256, 256, 3), (1, 32, 32, 1)
CSR_COUNTS = {"CONV_2D": 17, "MAX_POOL_2D": 3}
C, P = "CONV_2D", "MAX_POOL_2D"


def _sp_types():
    return ([C, C, P] * 3 + [C, C] + [C, C, "SOFTMAX", "STRIDED_SLICE"]
            + ["TRANSPOSE_CONV"] * 3
            + [C, C, "RESHAPE", "MUL", "MEAN", "RSQRT", "MUL", "RESHAPE"])


def _sp_hand():
    """(MACs, parameters) of SuperPoint by hand: convs as (pixels, C_in, C_out,
    taps) with a bias."""
    s = [240 * 320, 120 * 160, 60 * 80, 30 * 40]
    convs = [(s[0], 1, 64, 9), (s[0], 64, 64, 9), (s[1], 64, 64, 9), (s[1], 64, 64, 9),
             (s[2], 64, 128, 9), (s[2], 128, 128, 9), (s[3], 128, 128, 9),
             (s[3], 128, 128, 9)]
    convs += [(s[3], 128, 256, 9), (s[3], 256, 65, 1)]  # point head
    convs += [(s[3], 128, 256, 9), (s[3], 256, 256, 1)]  # descriptor head
    return _hand_1d(convs)


def test_superpoint_encoder_heads_and_hand_counts():
    g, outs = _graph_multi(hx.superpoint, SP_IN)
    assert outs == SP_OUTS and len(g.ops) == 26
    assert Counter(g.op_types()) == SP_COUNTS and g.op_types() == _sp_types()
    assert (hx.SP_ENCODER, hx.SP_HEAD, hx.SP_CELL, hx.SP_DESC) == (
        (64, 64, 64, 64, 128, 128, 128, 128), 256, 8, 256)
    # convs: 3x3 RELU in the encoder and the heads' first convs, the heads' 1x1 linear;
    # all stride 1, SAME, undilated
    assert _kernels(g, C) == [(3, 3)] * 9 + [(1, 1), (3, 3), (1, 1)]
    assert _acts(g, C) == ["RELU"] * 9 + ["NONE", "RELU", "NONE"]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert {_dil(op) for op in g.ops if op.type == C} == {(1, 1)}
    assert [s[-1] for s in _out_shapes(g, C)] == [64, 64, 64, 64, 128, 128, 128, 128,
                                                  256, 65, 256, 256]
    # three 2x2 / 2 VALID max pools: 240 x 320 -> 30 x 40
    assert _out_shapes(g, P) == [(120, 160, 64), (60, 80, 64), (30, 40, 128)]
    assert {(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
            for op in g.ops if op.type == P} == {(2, 2, "VALID")}
    prod = _producers(g)
    # both heads read the encoder's last conv
    enc = g.ops[10]
    assert g.tensors[enc.outputs[0]].shape == (1, 30, 40, 128)
    heads = [op for op in g.ops if op.type == C and op.inputs[0] == enc.outputs[0]]
    assert len(heads) == 2 and {_kernels_of(g, op) for op in heads} == {(3, 3)}
    # point head: SOFTMAX over 65 channels, the first 64 sliced (the dust-bin, the
    # 65th, dropped), the depth-to-space 8 to the full-resolution heatmap as npu_d2s:
    # three one-hot 2x2 / 2 TRANSPOSE_CONVs 64 -> 16 -> 4 -> 1 (addendum 2)
    sm, sl = (next(op for op in g.ops if op.type == t)
              for t in ("SOFTMAX", "STRIDED_SLICE"))
    assert g.tensors[sm.outputs[0]].shape == (1, 30, 40, 65)
    assert sl.inputs[0] == sm.outputs[0]
    assert [g.tensors[t].data.tolist() for t in sl.inputs[1:]] == [
        [0, 0, 0, 0], [1, 30, 40, 64], [1, 1, 1, 1]]
    ts = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    src = sl.outputs[0]
    for op, hw, c in zip(ts, [(30, 40), (60, 80), (120, 160)], [16, 4, 1], strict=True):
        _npu_d2s_x2(g, op, src, hw, c)
        src = op.outputs[0]
    assert g.outputs[0] == src
    # descriptor head: y = x rsqrt(mean_c(x x)) on the map reshaped to one row of
    # 1,200 pixels (Vela maps a MEAN over the channels only where H, W or C is 1),
    # the MEAN over the channels kept, then reshaped back
    r1, mul1, mean, rsqrt, mul2, r2 = g.ops[-6:]
    assert prod[r1.inputs[0]].type == C
    assert g.tensors[r1.outputs[0]].shape == (1, 1, 1200, 256)
    x = r1.outputs[0]
    assert list(mul1.inputs) == [x] * 2
    assert g.tensors[mean.inputs[1]].data.tolist() == [3] and mean.options["keep_dims"]
    assert g.tensors[mean.outputs[0]].shape == (1, 1, 1200, 1)
    assert list(mul2.inputs) == [x, rsqrt.outputs[0]] and r2.inputs[0] == mul2.outputs[0]
    assert g.outputs[1] == r2.outputs[0]
    # counts by hand: conv1b 76,800 * 64 * 64 * 9 = 2,831,155,200; convPb 1,200 * 256
    # * 65 = 19,968,000; convDb 1,200 * 256 * 256 = 78,643,200; parameters: encoder
    # 640 + 3 x 36,928 + 73,856 + 3 x 147,584 = 628,032, heads 295,168 + 16,705 +
    # 295,168 + 65,792
    assert 76_800 * 64 * 64 * 9 == 2_831_155_200 and 1_200 * 256 * 65 == 19_968_000
    assert 640 + 3 * 36_928 + 73_856 + 3 * 147_584 == 628_032
    assert 628_032 + 295_168 + 16_705 + 295_168 + 65_792 == 1_300_865
    assert _sp_hand() == (6_512_947_200, 1_300_865)
    # the shuffles' fixed weights, MACs and parameters as a conv's (input pixels x
    # C_in x 2 x 2 x C_out; C_out x 2 x 2 x C_in weights, no bias)
    shuffles = [(1_200, 64, 16), (4_800, 16, 4), (19_200, 4, 1)]
    assert [(t * ci * 4 * co, co * 4 * ci) for t, ci, co in shuffles] == [
        (4_915_200, 4_096), (1_228_800, 256), (307_200, 16)]
    assert (6_512_947_200 + 6_451_200, 1_300_865 + 4_368) == (6_519_398_400, 1_305_233)
    _pinned(g, (6_519_398_400, 1_305_233), (None, None), (None, None))


def test_superpoint_npu_depth_to_space_8_is_exact():
    """Addendum 2's rewrite is exact: SuperPoint with the 1x1 conv's first 64
    channels permuted by npu_d2s_perm and three x2 TRANSPOSE_CONVs equals SuperPoint
    with DEPTH_TO_SPACE 8 (the same seeded weights) on a random 16 x 24 image, the
    reference interpreter (float); the permutation is not the identity."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.nets.sesr_npu import npu_d2s_perm

    def run(**kw):
        b = NetBuilder(np.random.default_rng(0))
        g = b.finish(list(hx.superpoint(b, b.input((1, 16, 24, 1)), **kw)))
        v = np.random.default_rng(1).standard_normal((1, 16, 24, 1)).astype(np.float32)
        return g, [np.asarray(o) for o in reference(g, [v])]

    (g, npu), (g0, ref) = run(), run(npu=False)
    assert Counter(g.op_types()) == SP_COUNTS
    assert g0.op_types().count("DEPTH_TO_SPACE") == 1 and "TRANSPOSE_CONV" not in (
        g0.op_types())
    p = npu_d2s_perm(1, 8)
    assert sorted(p) == list(range(64)) and (p != np.arange(64)).any()
    w, w0 = (gr.tensors[[op for op in gr.ops if op.type == C][9].inputs[1]].data
             for gr in (g, g0))
    np.testing.assert_array_equal(w, np.concatenate([w0[p], w0[64:]]))
    for a, r in zip(npu, ref, strict=True):
        np.testing.assert_allclose(a, r, rtol=1e-5, atol=1e-5)


def test_superpoint_l2_normalisation_matches_unit_descriptors():
    """The RESHAPE / MUL / MEAN / RSQRT / MUL / RESHAPE replacement is sqrt(256) = 16 times the unit
    descriptor (the float reference on a small image)."""
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 4, 5, 256))
    g = b.finish([hx.l2_normalise(b, x)])
    v = np.random.default_rng(1).standard_normal((1, 4, 5, 256)).astype(np.float32)
    y = np.asarray(reference(g, [v])[0])
    np.testing.assert_allclose(y, 16 * v / np.linalg.norm(v, axis=-1, keepdims=True),
                               rtol=1e-5, atol=1e-5)


def _kernels_of(g, op):
    return g.tensors[op.inputs[1]].shape[1:3]


def test_csrnet_b_vgg16_front_dilated_back_end_and_hand_counts():
    g = _graph(hx.csrnet_b, CSR_IN, CSR_OUT, 20, CSR_COUNTS)
    assert g.op_types() == [C, C, P, C, C, P, C, C, C, P] + [C] * 10
    assert hx.CSR_FRONT == (64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512)
    assert (hx.CSR_BACK, hx.CSR_DILATION) == ((512, 512, 512, 256, 128, 64), 2)
    assert _kernels(g, C) == [(3, 3)] * 16 + [(1, 1)]
    assert [_dil(op) for op in g.ops if op.type == C] == [(1, 1)] * 10 + [(2, 2)] * 6 + [
        (1, 1)]
    assert _acts(g, C) == ["RELU"] * 16 + ["NONE"]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _out_shapes(g, P) == [(128, 128, 64), (64, 64, 128), (32, 32, 256)]
    assert _out_shapes(g, C)[9:] == [(32, 32, c) for c in (512,) * 4 + (256, 128, 64,
                                                                       1)]
    # by hand: the front end (VGG-16's first ten convs), the dilated back end and the
    # head; conv3_1 4,096 * 128 * 256 * 9 = 1,207,959,552, a 512 -> 512 conv at 32 x 32
    # 1,024 * 512 * 512 * 9 = 2,415,919,104; parameters: front end 7,635,264, back end
    # 3 x 2,359,808 + 1,179,904 + 295,040 + 73,792 = 8,628,160, head 65
    layers, c = [], 3
    for side, ws in ((256, (64, 64)), (128, (128, 128)), (64, (256,) * 3),
                     (32, (512,) * 3 + hx.CSR_BACK)):
        for w in ws:
            layers.append((side * side, c, w, 9))
            c = w
    layers.append((32 * 32, 64, 1, 1))
    assert 1_024 * 512 * 512 * 9 == 2_415_919_104
    assert 3 * 2_359_808 + 1_179_904 + 295_040 + 73_792 == 8_628_160
    assert 7_635_264 + 8_628_160 + 65 == 16_263_489
    assert _hand_1d(layers) == (27_065_909_248, 16_263_489)
    # published: "16.26 M" parameters: +0.02 %, pinned within 1 %
    _pinned(g, (27_065_909_248, 16_263_489), (None, 16.26e6), (None, 0.01))


def test_no_training_space_draws_superpoint_or_csrnet_exactly():
    """The overlap stated in ``models.json``: no space emits DEPTH_TO_SPACE or RSQRT
    (SuperPoint's heads); plain's vgg draws VGG stacks at <= 160 px with a MEAN or
    flatten head (CSRNet's front end runs at 256 and has no head); the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_plain as spl

    src = {q.stem: q.read_text() for q in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    assert not any(re.search(r"\.depth_to_space\(|RSQRT", s) for s in src.values())
    assert "(32, 48, 64, 96, 128, 160)" in src["spaces_plain"]
    for seed in range(3):
        g, meta = spl.plain(np.random.default_rng(seed))
        assert "DEPTH_TO_SPACE" not in g.op_types() and "RSQRT" not in g.op_types()
        if meta["kind"] == "vgg":
            assert g.op_types()[-1] in ("SOFTMAX", "FULLY_CONNECTED")
    assert not _overlap_unnamed(ph.MODELS, {
        "superpoint_240x320": ("vgg16_224", "vggish_96x64", "espcn_x3_100x100",
                               "fc_densenet56_224"),
        "csrnet_b_256": ("vgg16_224", "fcn8s_vgg16_256", "dilated_context_64x64x21")})


@pytest.mark.slow
def test_family_xlviii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36B == ("superpoint_240x320", "csrnet_b_256")
    # after XLVII's part D (a SESSION36A, where merged, may sit between); every
    # builder model once, registered
    _registered_after(ph, ph.SESSION36B, ph.SESSION35D)
    g, ins, outs = _int8_io("superpoint_240x320")
    assert (ins, outs) == ([SP_IN], SP_OUTS)
    assert Counter(g.op_types()) == SP_COUNTS and g.op_types() == _sp_types()
    # the int8 graph keeps the dust-bin slice, the NPU shuffles and the RSQRT
    assert _out_shapes(g, "STRIDED_SLICE") == [(30, 40, 64)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(60, 80, 16), (120, 160, 4),
                                                (240, 320, 1)]
    assert _out_shapes(g, "RSQRT") == [(1, 1200, 1)]
    g, ins, outs = _int8_io("csrnet_b_256")
    assert (ins, outs) == ([CSR_IN], [CSR_OUT])
    assert Counter(g.op_types()) == CSR_COUNTS
    assert [_dil(op) for op in g.ops if op.type == C][10:16] == [(2, 2)] * 6
