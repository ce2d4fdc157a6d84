"""jaxeff.gnn.heldout_nets_xxxv (held-out families XXXV, part a; session 30 addendum
2): the published structures, op counts per type, the pinned multiply-add and
parameter counts (by hand) with their published counterparts, registration, int8
builds and the overlap with the training spaces."""

import inspect
from collections import Counter

import pytest

import numpy as np

from jaxeff.gnn import heldout_nets_xxxv as hx
from jaxeff.gnn.heldout_nets import MOBILENET_V2
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxiv import _mbv2_hand

UNET_COUNTS = {"CONV_2D": 19, "MAX_POOL_2D": 4, "TRANSPOSE_CONV": 4,
               "STRIDED_SLICE": 4, "CONCATENATION": 4, "SOFTMAX": 1}
PORTRAIT_COUNTS = {"CONV_2D": 51, "DEPTHWISE_CONV_2D": 27, "ADD": 18,
                   "TRANSPOSE_CONV": 5, "SOFTMAX": 1}
KIM_COUNTS = {"CONV_2D": 3, "MAX_POOL_2D": 3, "CONCATENATION": 1, "RESHAPE": 1,
              "FULLY_CONNECTED": 1, "SOFTMAX": 1}
YUNET_COUNTS = {"CONV_2D": 30, "DEPTHWISE_CONV_2D": 29, "MAX_POOL_2D": 4,
                "RESIZE_BILINEAR": 2, "ADD": 2, "LOGISTIC": 6, "RESHAPE": 12}
#: YuNet's outputs: cls, obj, bbox, kps at strides 8 / 16 / 32 (``[1, H W, n]``)
YUNET_OUTS = [(1, p, n) for n in (1, 1, 4, 10) for p in (1600, 400, 100)]


def test_unet_orig_valid_convs_centre_crops_and_hand_counts():
    g = _graph(hx.unet_orig, (1, 572, 572, 1), (1, 388, 388, 2), 36, UNET_COUNTS)
    assert hx.UNET_FILTERS == (64, 128, 256, 512, 1024)
    # 18 unpadded 3x3 convs with RELU (23 convolutions with the 4 up-convs and the
    # 1x1, as Section 2 counts)
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 18 + [(1, 1)]
    assert _opt(g, "CONV_2D", "padding")[:18] == ["VALID"] * 18
    assert _acts(g, "CONV_2D") == ["RELU"] * 18 + ["NONE"]
    sides = [s[0] for s in _out_shapes(g, "CONV_2D")]
    assert sides == [570, 568, 282, 280, 138, 136, 66, 64, 30, 28, 54, 52, 102, 100,
                     198, 196, 390, 388, 388]
    assert _out_shapes(g, "MAX_POOL_2D") == [
        (284, 284, 64), (140, 140, 128), (68, 68, 256), (32, 32, 512)]
    # up-convolutions: linear 2x2/2 VALID TRANSPOSE_CONVs halving the channels
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert {(op.options["stride_h"], op.options["padding"],
             op.options["fused_activation_function"], len(op.inputs))
            for op in tcs} == {(2, "VALID", "NONE", 4)}  # with bias
    assert [(g.tensors[op.inputs[1]].shape, g.tensors[op.outputs[0]].shape[1:])
            for op in tcs] == [((c, 2, 2, 2 * c), (s, s, c)) for c, s in zip(
                (512, 256, 128, 64), (56, 104, 200, 392), strict=True)]
    # centre crops 64 -> 56, 136 -> 104, 280 -> 200, 568 -> 392 (margins 4 ... 88)
    crops = [op for op in g.ops if op.type == "STRIDED_SLICE"]
    assert [tuple(g.tensors[op.inputs[1]].data) for op in crops] == [
        (0, 4, 4, 0), (0, 16, 16, 0), (0, 40, 40, 0), (0, 88, 88, 0)]
    assert [g.tensors[op.inputs[0]].shape[1] for op in crops] == [64, 136, 280, 568]
    prod = _producers(g)
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [[prod[t].type for t in op.inputs] for op in cats] == [
        ["STRIDED_SLICE", "TRANSPOSE_CONV"]] * 4
    assert _out_shapes(g, "CONCATENATION") == [
        (56, 56, 1024), (104, 104, 512), (200, 200, 256), (392, 392, 128)]
    assert g.op_types()[-2:] == ["CONV_2D", "SOFTMAX"]
    layers, cin = [], 1
    for i, c in enumerate(hx.UNET_FILTERS):  # contracting path
        s = sides[2 * i]
        layers += [(s * s, cin, c, 9), ((s - 2) ** 2, c, c, 9)]
        cin = c
    for i, c in enumerate(hx.UNET_FILTERS[-2::-1]):  # expansive path
        s_in, s = sides[9 + 2 * i], sides[10 + 2 * i]
        layers += [(s_in * s_in, 2 * c, c, 4), (s * s, 2 * c, c, 9),
                   ((s - 2) ** 2, c, c, 9)]
    layers.append((388 * 388, 64, 2, 1))
    assert _hand_1d(layers) == (150_428_424_448, 31_030_658)
    tconv = [lay for lay in layers if lay[3] == 4]
    assert _hand_1d(tconv)[0] == 5_631_377_408
    # published: no count in the paper; 31.0 M parameters as quoted (recalled)
    _pinned(g, (150_428_424_448, 31_030_658), (None, 31.0e6), (None, 0.01))


def test_portraitnet_d_blocks_transposed_convs_and_published_params():
    g = _graph(hx.portraitnet, (1, 224, 224, 3), (1, 224, 224, 2), 102,
               PORTRAIT_COUNTS)
    # the encoder as the release's MobileNet-v2: the t = 1 block keeps its 1x1
    # expansion conv; 52 ops, 10 residual ADDs
    assert [op.type for op in g.ops[:4]] == ["CONV_2D"] * 2 + ["DEPTHWISE_CONV_2D",
                                                               "CONV_2D"]
    assert _out_shapes(g, "CONV_2D")[34] == (7, 7, 320)
    # a D-block: dw RELU, 1x1 RELU, dw RELU, 1x1, 1x1 shortcut, ADD RELU
    i = next(k for k, op in enumerate(g.ops) if op.type == "TRANSPOSE_CONV")
    assert [op.type for op in g.ops[i - 6:i + 2]] == [
        "DEPTHWISE_CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "CONV_2D",
        "ADD", "TRANSPOSE_CONV", "ADD"]
    assert [op.options["fused_activation_function"] for op in g.ops[i - 6:i - 1]] == [
        "RELU", "RELU", "RELU", "NONE", "NONE"]
    assert _acts(g, "ADD").count("RELU") == 5 and _acts(g, "ADD").count("NONE") == 13
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [g.tensors[op.inputs[1]].shape for op in tcs] == [
        (c, 4, 4, c) for c in hx.PORTRAIT_DECODER]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [
        (14, 14, 96), (28, 28, 32), (56, 56, 24), (112, 112, 16), (224, 224, 8)]
    assert {(op.options["stride_h"], op.options["padding"],
             op.options["fused_activation_function"], len(op.inputs))
            for op in tcs} == {(2, "SAME", "NONE", 3)}  # no bias
    # skip ADDs: [encoder map, up-sampled] at 1/16, 1/8, 1/4
    prod = _producers(g)
    skips = [op for op in g.ops if op.type == "ADD"
             and prod[op.inputs[1]].type == "TRANSPOSE_CONV"]
    assert [g.tensors[op.inputs[0]].shape[1:] for op in skips] == [
        (14, 14, 96), (28, 28, 32), (56, 56, 24)]
    assert _kernels(g, "CONV_2D")[-1] == (3, 3)
    enc = _mbv2_hand(224)
    assert enc == (292_268_928, 1_796_992)
    dec, tconv, cin, side = [], [0, 0], MOBILENET_V2[-1][1], 7
    for c in hx.PORTRAIT_DECODER:
        p = side * side
        dec += [(p, cin, None, 9), (p, cin, c, 1), (p, c, None, 9), (p, c, c, 1),
                (p, cin, c, 1)]
        tconv = [tconv[0] + p * c * 16 * c, tconv[1] + c * 16 * c]
        cin, side = c, 2 * side
    dec.append((224 * 224, 8, 2, 9))
    dec = _hand_1d(dec)
    hand = (enc[0] + dec[0] + tconv[0], enc[1] + dec[1] + tconv[1])
    assert hand == (361_237_408, 2_063_762)
    # published (recalled): 2.1 M parameters (-2 %); no MAC count pinned
    _pinned(g, hand, (None, 2.1e6), (None, 0.02))


def test_textcnn_kim_three_filter_heights_max_over_time_and_hand_counts():
    g = _graph(hx.textcnn_kim, (1, 56, 300, 1), (1, 2), 10, KIM_COUNTS)
    assert g.op_types() == ["CONV_2D", "MAX_POOL_2D"] * 3 + [
        "CONCATENATION", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"]
    assert (hx.KIM_LEN, hx.KIM_DIM, hx.KIM_HEIGHTS, hx.KIM_MAPS) == (
        56, 300, (3, 4, 5), 100)
    # h x 300 VALID convs of 100 maps on the one-channel sentence matrix, RELU
    assert _kernels(g, "CONV_2D") == [(3, 300), (4, 300), (5, 300)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert _acts(g, "CONV_2D") == ["RELU"] * 3
    assert _out_shapes(g, "CONV_2D") == [(54, 1, 100), (53, 1, 100), (52, 1, 100)]
    # max over time: one window over the whole remaining length
    assert _opt(g, "MAX_POOL_2D", "filter_height") == [54, 53, 52]
    assert set(_opt(g, "MAX_POOL_2D", "filter_width")) == {1}
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 1, 100)] * 3
    assert _out_shapes(g, "CONCATENATION") == [(1, 1, 300)]
    assert _out_shapes(g, "RESHAPE") == [(300,)]
    assert g.tensors[g.ops[-2].inputs[1]].shape == (2, 300)
    # (frames, C_in = 1, maps, taps = h x 300); the FC
    layers = [(57 - h, 1, 100, h * 300) for h in (3, 4, 5)] + [(1, 300, 2, 1)]
    assert _hand_1d(layers) == (19_020_600, 360_902)
    # published: no count
    _pinned(g, (19_020_600, 360_902), (None, None), (None, None))


def test_yunet_units_tiny_fpn_heads_and_published_params():
    g, outs = _graph_multi(hx.yunet, (1, 320, 320, 3))
    assert outs == YUNET_OUTS and len(g.ops) == 85
    assert Counter(g.op_types()) == YUNET_COUNTS
    # stem 3x3/2 RELU; a unit: 1x1 linear, 3x3 depthwise (RELU where BN ReLU)
    assert g.op_types()[:4] == ["CONV_2D", "CONV_2D", "DEPTHWISE_CONV_2D",
                                "MAX_POOL_2D"]
    assert _kernels(g, "CONV_2D")[0] == (3, 3) and _opt(g, "CONV_2D",
                                                        "stride_h")[0] == 2
    assert _kernels(g, "CONV_2D")[1:] == [(1, 1)] * 29
    assert _acts(g, "CONV_2D") == ["RELU"] + ["NONE"] * 29
    prod = _producers(g)
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert all(prod[op.inputs[0]].type == "CONV_2D" for op in dws)
    # backbone 11 units and FPN 3 with BN ReLU; per stride the shared head unit
    # (BN ReLU), then the four heads' units (linear)
    assert _acts(g, "DEPTHWISE_CONV_2D") == ["RELU"] * 14 + (["RELU"] + ["NONE"] * 4
                                                             ) * 3
    assert _out_shapes(g, "MAX_POOL_2D") == [
        (80, 80, 16), (40, 40, 64), (20, 20, 64), (10, 10, 64)]
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {2}
    # the tiny FPN: bilinear x2 (half-pixel) of the coarser unit, ADDed (linear)
    assert _out_shapes(g, "RESIZE_BILINEAR") == [(20, 20, 64), (40, 40, 64)]
    assert set(_opt(g, "RESIZE_BILINEAR", "half_pixel_centers")) == {True}
    assert set(_acts(g, "ADD")) == {"NONE"}
    # heads: LOGISTIC on class and objectness only, each head RESHAPEd
    logi = [op for op in g.ops if op.type == "LOGISTIC"]
    assert {g.tensors[op.inputs[0]].shape[-1] for op in logi} == {1}
    assert {prod[t].type for t in g.outputs} == {"RESHAPE"}
    assert [prod[prod[t].inputs[0]].type for t in g.outputs] == [
        "LOGISTIC"] * 6 + ["DEPTHWISE_CONV_2D"] * 6
    layers = [(160 * 160, 3, 16, 9)]

    def unit(p, cin, c):
        return [(p, cin, c, 1), (p, c, None, 9)]

    layers += unit(160 * 160, 16, 16)
    side = 80
    for i, (cin, c) in enumerate(hx.YUNET_STAGES, 1):
        layers += unit(side * side, cin, cin) + unit(side * side, cin, c)
        side //= 2 if i in hx.YUNET_POOL_AFTER else 1
    for p in (1600, 400, 100):
        layers += unit(p, 64, 64) * 2  # the FPN's unit and the head's shared one
        layers += [lay for n in (1, 1, 4, 10) for lay in unit(p, 64, n)]
    assert _hand_1d(layers) == (135_598_400, 73_840)
    # published (recalled): 75,856 parameters, counting each batch norm's scale and
    # shift (16 after the stem, one per unit with BN ReLU: 1,008 channels)
    bn = 16 + 16 + (16 + 64) + 4 * 2 * 64 + 3 * 64 + 3 * 64
    assert 73_840 + 2 * bn == 75_856
    _pinned(g, (135_598_400, 73_840), (None, 75_856), (None, 0.03))


def test_no_training_space_draws_a_xxxv_a_model_exactly():
    """The overlap stated in ``models.json``: each model misses every space's exact
    choices by the values named here."""
    from jaxeff.gnn import spaces, spaces_detect, spaces_dil, spaces_longk, spaces_tiny
    from jaxeff.gnn import spaces_upsample as su

    # U-Net: encdec's convs SAME, one a level, RGB inputs <= 224; dil's maps <= 96
    enc = inspect.getsource(su._encdec)
    assert "(64, 96, 128, 160, 192, 224)" in enc and "b.input((1, r, r, 3))" in enc
    assert 'y = b.conv(y, c, 3, 1, "RELU")' in enc and "rng.integers(2, 4)" in enc
    assert max(spaces_dil.SIDES) == 96
    # PortraitNet: expansion 1 skipped in the MobileNet-v2 spaces; sr's bias-free
    # TRANSPOSE_CONVs are 2x2
    for f in (spaces.mobilenet, spaces_detect):
        assert "if t > 1 else x" in inspect.getsource(f)
    assert "c, 2, 2, padding=\"VALID\",\n" in inspect.getsource(su._sr)
    # Kim: no side of 300; longk's pools at most 8 wide, tiny's kernels 20 x 8
    assert max(spaces_longk.SIDES) == 128 and 300 not in spaces_longk.LENGTHS
    assert "rng.integers(1, 9)" in inspect.getsource(spaces_longk._pool)
    assert "(1, 3, 5, 8, 10, 20)" in inspect.getsource(spaces_tiny)
    # YuNet: detect's inputs <= 256, two outputs
    assert "(96, 128, 160, 192, 224, 256)" in inspect.getsource(spaces_detect.detect)
    rng = np.random.default_rng(35)
    for name in spaces.SPACES:
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert len(g.outputs) < 12, name
            shape = g.tensors[g.inputs[0]].shape
            assert 300 not in shape and 572 not in shape, name
            for op in g.ops:
                shp = [g.tensors[t].shape for t in op.inputs]
                if op.type == "SOFTMAX":  # positions
                    assert np.prod(shp[0][:-1]) <= 96 * 96, name
                if op.type == "TRANSPOSE_CONV":
                    assert shp[2][-1] <= 256, name
                    assert len(op.inputs) == 4 or shp[1][1:3] == (2, 2), name
                if op.type == "MAX_POOL_2D":
                    assert op.options["filter_height"] <= 8, name
                if op.type == "STRIDED_SLICE" and len(shp[0]) == 4:  # centre crop
                    b, e = (g.tensors[t].data for t in op.inputs[1:3])
                    assert not all(0 < b[k] == shp[0][k] - e[k] for k in (1, 2)), name
    from experiments import perfsage_heldout as ph
    overlaps = [ph.MODELS[m][1] for m in ph.SESSION30C]
    assert all("(partly" in o and "same configuration" not in o for o in overlaps)


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xxxv_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION30C == ("unet_orig_572", "portraitnet_224", "textcnn_kim_56x300",
                             "yunet_320")
    i = ph.BUILDER_MODELS.index(ph.SESSION30C[0])
    assert (ph.BUILDER_MODELS[i - 4:i] == ph.SESSION30B
            and ph.BUILDER_MODELS[i:i + 4] == ph.SESSION30C)
    _registered(ph.SESSION30C, ["upsample", "mobilenet", "longk", "detect"], {})
    io = {"unet_orig_572": ([(1, 572, 572, 1)], [(1, 388, 388, 2)], UNET_COUNTS),
          "portraitnet_224": ([(1, 224, 224, 3)], [(1, 224, 224, 2)], PORTRAIT_COUNTS),
          "textcnn_kim_56x300": ([(1, 56, 300, 1)], [(1, 2)], KIM_COUNTS),
          "yunet_320": ([(1, 320, 320, 3)], YUNET_OUTS, YUNET_COUNTS)}
    for name, (ins, outs, counts) in io.items():
        g, qi, qo = _int8_io(name)
        assert (qi, qo) == (ins, outs), name
        assert Counter(g.op_types()) == counts, name
