"""jaxeff.gnn.heldout_nets_lxii (held-out families LXII, part A; session 39, section 2,
pre-registered): the published structure of PAN x2 (a 3x3 conv to 40, 16 SC-PA blocks
-- two 1x1 convs to 20 with LEAKY_RELU 0.2, a plain 3x3 branch and a PAConv branch
(3x3 conv times LOGISTIC of a 1x1 conv, then a 3x3 conv), CONCATENATION, a 1x1 conv
to 40, an identity ADD -- a 3x3 trunk conv ADDed to the first conv's output, U-PA (x2
up-sampling as RESIZE_BILINEAR with half-pixel centres, 3x3 conv to 24, pixel
attention, LEAKY_RELU, 3x3 conv, LEAKY_RELU), a 3x3 conv to 3 and the image's
bilinear x2 ADDed): kernels, paddings, output shapes, the pixel-attention wiring, op
counts per type, the pinned multiply-add and parameter counts (by hand; the paper's
261K), registration, the int8 build (slow) and the overlap with the training spaces
(none draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxii as hl
from tests.gnn.test_heldout_nets import _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt

C, LR, A, LG, M, CAT, RB = ("CONV_2D", "LEAKY_RELU", "ADD", "LOGISTIC", "MUL",
                            "CONCATENATION", "RESIZE_BILINEAR")
PAN_IN, PAN_OUT = (1, 64, 64, 3), (1, 128, 128, 3)
PAN_COUNTS = {C: 118, LR: 66, A: 18, LG: 17, M: 17, CAT: 16, RB: 2}
#: one SC-PA block's ops in build order: conv1_a, LReLU, conv1_b, LReLU, k1, LReLU,
#: PAConv (k3, k2, LOGISTIC, MUL, k4), LReLU, CONCATENATION, conv3, ADD
SCPA = [C, LR, C, LR, C, LR, C, C, LG, M, C, LR, CAT, C, A]


@pytest.fixture(scope="module")
def pan_graph():
    return _graph(hl.pan_x2, PAN_IN, PAN_OUT, 254, PAN_COUNTS)


def test_pan_x2_sequence_kernels_shapes_and_activations(pan_graph):
    g = pan_graph
    assert (hl.PAN_NF, hl.PAN_UNF, hl.PAN_BLOCKS, hl.PAN_SCALE, hl.PAN_SLOPE) == (
        40, 24, 16, 2, 0.2)
    assert g.op_types() == [C] + SCPA * 16 + [C, A, RB, C, C, LG, M, LR, C, LR, C, RB,
                                              A]
    # every conv stride 1, SAME, linear (the LeakyReLUs standalone, slope 0.2)
    assert set(_opt(g, C, "stride_h")) == set(_opt(g, C, "stride_w")) == {1}
    assert set(_opt(g, C, "padding")) == {"SAME"} and set(_acts(g, C)) == {"NONE"}
    assert set(_opt(g, LR, "alpha")) == {0.2}
    assert set(_acts(g, A)) == set(_acts(g, M)) == {"NONE"}
    block_k = [(1, 1), (1, 1), (3, 3), (3, 3), (1, 1), (3, 3), (1, 1)]
    assert _kernels(g, C) == [(3, 3)] + block_k * 16 + [(3, 3), (3, 3), (1, 1),
                                                        (3, 3), (3, 3)]
    block_s = [(64, 64, 20)] * 6 + [(64, 64, 40)]
    assert _out_shapes(g, C) == [(64, 64, 40)] + block_s * 16 + [
        (64, 64, 40), (128, 128, 24), (128, 128, 24), (128, 128, 24), (128, 128, 3)]
    assert _out_shapes(g, CAT) == [(64, 64, 40)] * 16
    assert set(_opt(g, CAT, "axis")) == {-1}
    # depths 40 / 20 / 24 of the 3x3 convs' inputs: C mod 16 in 1..8 (R16's domain)
    ins3 = {g.tensors[op.inputs[0]].shape[-1] for op in g.ops
            if op.type == C and g.tensors[op.inputs[1]].shape[1:3] == (3, 3)}
    assert ins3 == {3, 40, 20, 24} and {c % 16 for c in ins3 - {3}} == {8, 4}
    # both resizes x2 bilinear with half-pixel centres, no align_corners
    assert _out_shapes(g, RB) == [(128, 128, 40), (128, 128, 3)]
    assert set(_opt(g, RB, "half_pixel_centers")) == {True}
    assert set(_opt(g, RB, "align_corners")) == {False}
    assert g.outputs == g.ops[-1].outputs


def test_pan_x2_pixel_attention_scpa_and_skip_wiring(pan_graph):
    g = pan_graph
    prod = _producers(g)
    first = g.ops[0]
    assert first.inputs[0] == g.inputs[0]
    x = first.outputs[0]
    for i in range(16):
        ops = g.ops[1 + 15 * i: 16 + 15 * i]
        c1a, la, c1b, lb, k1, l1, k3, k2, sig, mul, k4, l2, cat, c3, add = ops
        assert c1a.inputs[0] == c1b.inputs[0] == x  # both 1x1s read the block input
        assert (la.inputs[0], lb.inputs[0]) == (c1a.outputs[0], c1b.outputs[0])
        assert k1.inputs[0] == la.outputs[0] and l1.inputs[0] == k1.outputs[0]
        # PAConv: k4(k3(u) * LOGISTIC(k2(u))), u the second 1x1's LeakyReLU
        assert k3.inputs[0] == k2.inputs[0] == lb.outputs[0]
        assert sig.inputs[0] == k2.outputs[0]
        assert list(mul.inputs) == [k3.outputs[0], sig.outputs[0]]
        assert k4.inputs[0] == mul.outputs[0] and l2.inputs[0] == k4.outputs[0]
        assert list(cat.inputs) == [l1.outputs[0], l2.outputs[0]]
        assert c3.inputs[0] == cat.outputs[0]
        assert list(add.inputs) == [x, c3.outputs[0]]
        x = add.outputs[0]
    trunk, skip, up, upconv, pa, sig, mul, lr1, hr, lr2, last, ilr, out = g.ops[241:]
    assert trunk.inputs[0] == x and list(skip.inputs) == [first.outputs[0],
                                                          trunk.outputs[0]]
    assert up.inputs[0] == skip.outputs[0] and upconv.inputs[0] == up.outputs[0]
    # PA: x * LOGISTIC(conv1x1(x)), then LeakyReLU (the release's lrelu(att1(.)))
    assert pa.inputs[0] == upconv.outputs[0] and sig.inputs[0] == pa.outputs[0]
    assert list(mul.inputs) == [upconv.outputs[0], sig.outputs[0]]
    assert lr1.inputs[0] == mul.outputs[0] and hr.inputs[0] == lr1.outputs[0]
    assert lr2.inputs[0] == hr.outputs[0] and last.inputs[0] == lr2.outputs[0]
    assert ilr.inputs[0] == g.inputs[0]
    assert list(out.inputs) == [last.outputs[0], ilr.outputs[0]]
    assert prod[out.inputs[1]] is ilr


def test_pan_x2_hand_counts_and_published_params(pan_graph):
    g = pan_graph
    # (output pixels, C_in, C_out, taps), every conv with a bias
    block = [(4096, 40, 20, 1)] * 2 + [(4096, 20, 20, 9)] * 2 + [
        (4096, 20, 20, 1), (4096, 20, 20, 9), (4096, 40, 40, 1)]
    layers = ([(4096, 3, 40, 9)] + block * 16 + [(4096, 40, 40, 9)]
              + [(16384, 40, 24, 9), (16384, 24, 24, 1), (16384, 24, 24, 9),
                 (16384, 24, 3, 9)])
    # conv_first 4,423,680; a block 58,982,400 (16: 943,718,400); trunk 58,982,400;
    # upconv1 141,557,760, PA 9,437,184, HRconv1 84,934,656, conv_last 10,616,832
    assert [4096 * 1080, 2 * 4096 * 800 + 3 * 4096 * 3600 + 4096 * 400 + 4096 * 1600,
            4096 * 14_400, 16384 * 8640, 16384 * 576, 16384 * 5184, 16384 * 648] == [
        4_423_680, 58_982_400, 58_982_400, 141_557_760, 9_437_184, 84_934_656,
        10_616_832]
    # parameters: a block 14,560 with every bias (the release's 14,420: biases only
    # on the PA 1x1); conv_first 1,120, trunk 14,440, upconv1 8,664, PA 600,
    # HRconv1 5,208, conv_last 651
    assert 2 * 820 + 3 * 3620 + 420 + 1640 == 14_560
    assert 2 * 800 + 3 * 3600 + 420 + 1600 == 14_420
    assert _hand_1d(layers) == (1_253_670_912, 263_643)
    assert 16 * 14_420 + 1_120 + 14_440 + 8_664 + 600 + 5_208 + 651 == 261_403
    assert 263_643 - 261_403 == 16 * 140
    # the paper's x2 "261K" (recalled): this graph's count (every conv with a bias)
    # within 2 % (+1.0 %), the release's learned count within 0.2 %
    _pinned(g, (1_253_670_912, 263_643), (None, 261e3), (None, 0.02))
    assert abs(261_403 / 261e3 - 1) < 0.002 and _params(g) == 263_643


def test_no_training_space_draws_pan_x2_exactly():
    """The overlap stated in ``models.json``: no space draws LEAKY_RELU of slope 0.2
    (agg and plain: 0.1); upsample's sr up-samples features only by TRANSPOSE_CONV
    (its RESIZE is the global residual of the input), its encdec's resize goes into
    a 1x1 conv; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_agg, spaces_plain, spaces_upsample

    assert "leaky_relu(y, 0.1)" in inspect.getsource(spaces_agg)
    assert "leaky_relu(x, 0.1)" in inspect.getsource(spaces_plain)
    sr = inspect.getsource(spaces_upsample._sr)
    assert sr.count("_resize2(") == 1 and "b.add(y, _resize2(b, rng, x," in sr
    assert "b.conv(_resize2(b, rng, y, hw, up), cs, 1, 1" in inspect.getsource(
        spaces_upsample._encdec)
    for seed in range(16):
        g, meta = spaces_upsample.upsample(np.random.default_rng(seed))
        assert "LEAKY_RELU" not in g.op_types(), seed
        if meta["kind"] == "sr":
            assert "LOGISTIC" not in g.op_types() and "MUL" not in g.op_types()
    assert not _overlap_unnamed(ph.MODELS, {
        "pan_x2_64": ("idn_x2_64", "carn_m_x2_64", "edsr_baseline_x2_64")})


def test_family_lxii_a_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION39A == ("pan_x2_64",)
    # after LXI (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION39A, ph.SESSION38J)
    assert ph.MODELS["pan_x2_64"][1].split()[0] == "upsample"
    assert "RESIZE_BILINEAR x2 with half-pixel centres" in ph.MODELS["pan_x2_64"][1]


@pytest.mark.slow
def test_family_lxii_a_int8():
    # int8 input and output, the float graph's op counts and resizes
    g, ins, outs = _int8_io("pan_x2_64")
    assert (ins, outs) == ([PAN_IN], [PAN_OUT])
    assert Counter(g.op_types()) == PAN_COUNTS
    assert (g.op_types().count(C), g.op_types().count(LG), g.op_types().count(M),
            g.op_types().count(RB)) == (118, 17, 17, 2)
    assert _out_shapes(g, RB) == [(128, 128, 40), (128, 128, 3)]
    assert set(_opt(g, RB, "half_pixel_centers")) == {True}
    assert _opt(g, LR, "alpha") == pytest.approx([0.2] * 66)
