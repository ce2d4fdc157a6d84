"""jaxeff.gnn.heldout_nets_xxxvi (held-out families XXXVI, part a; session 31): the
published structures, op counts per type, the pinned multiply-add and parameter counts
(by hand) with their published counterparts, registration, int8 builds and the
overlap with the training spaces."""

from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xxxvi as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt

PIX2PIX_COUNTS = {"CONV_2D": 8, "LEAKY_RELU": 7, "TRANSPOSE_CONV": 8,
                  "CONCATENATION": 7, "TANH": 1}
CE_COUNTS = {"CONV_2D": 6, "LEAKY_RELU": 6, "TRANSPOSE_CONV": 5, "TANH": 1}
POINTNET_COUNTS = {"CONV_2D": 5, "MAX_POOL_2D": 1, "RESHAPE": 1, "FULLY_CONNECTED": 3,
                   "SOFTMAX": 1}
LAPSRN_COUNTS = {"CONV_2D": 23, "LEAKY_RELU": 23, "TRANSPOSE_CONV": 4, "ADD": 2}


def _tconvs(g):
    """(stride, padding, activation, with bias) of every TRANSPOSE_CONV."""
    return [(op.options["stride_h"], op.options["padding"],
             op.options["fused_activation_function"], len(op.inputs) == 4)
            for op in g.ops if op.type == "TRANSPOSE_CONV"]


def test_pix2pix_unet_encoder_decoder_skips_and_published_params():
    g = _graph(hx.pix2pix_unet, (1, 256, 256, 3), (1, 256, 256, 3), 31, PIX2PIX_COUNTS)
    assert hx.PIX2PIX_ENCODER == (64, 128, 256, 512, 512, 512, 512, 512)
    assert hx.PIX2PIX_DECODER == (512, 512, 512, 512, 256, 128, 64)
    assert set(_kernels(g, "CONV_2D")) == {(4, 4)}
    assert set(_opt(g, "CONV_2D", "stride_h")) == {2}
    # LEAKY_RELU 0.2 after the first seven convs; the innermost RELU fused [U]
    assert _acts(g, "CONV_2D") == ["NONE"] * 7 + ["RELU"]
    assert set(_opt(g, "LEAKY_RELU", "alpha")) == {0.2}
    assert [s[0] for s in _out_shapes(g, "CONV_2D")] == [128, 64, 32, 16, 8, 4, 2, 1]
    assert _tconvs(g) == [(2, "SAME", "RELU", True)] * 7 + [(2, "SAME", "NONE", True)]
    assert set(_kernels(g, "TRANSPOSE_CONV")) == {(4, 4)}
    prod = _producers(g)
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [[prod[t].type for t in op.inputs] for op in cats] == [
        ["TRANSPOSE_CONV", "LEAKY_RELU"]] * 7
    assert _out_shapes(g, "CONCATENATION") == [
        (2, 2, 1024), (4, 4, 1024), (8, 8, 1024), (16, 16, 1024), (32, 32, 512),
        (64, 64, 256), (128, 128, 128)]
    assert g.op_types()[-2:] == ["TRANSPOSE_CONV", "TANH"]
    # (frames, C_in, C_out, taps): convs at their output, transposed at their input
    cin = (3,) + hx.PIX2PIX_ENCODER[:-1]
    layers = [((128 >> i) ** 2, ci, c, 16) for i, (ci, c) in enumerate(
        zip(cin, hx.PIX2PIX_ENCODER, strict=True))]
    tconv = [(1, 512, 512, 16)] + [(4 ** i, 1024, 512, 16) for i in (1, 2, 3)] + [
        (256, 1024, 256, 16), (1024, 512, 128, 16), (4096, 256, 64, 16),
        (128 * 128, 128, 3, 16)]
    assert _hand_1d(tconv) == (4_030_726_144, 34_873_795)
    assert _hand_1d(layers + tconv) == (6_048_186_368, 54_409_603)
    # published (recalled): 54.414 M parameters (the PyTorch release's unet_256)
    _pinned(g, (6_048_186_368, 54_409_603), (None, 54.414e6), (None, 0.001))


def test_context_encoder_bottleneck_decoder_and_hand_counts():
    g = _graph(hx.context_encoder, (1, 128, 128, 3), (1, 64, 64, 3), 18, CE_COUNTS)
    assert (hx.CE_ENCODER, hx.CE_BOTTLENECK, hx.CE_DECODER) == (
        (64, 64, 128, 256, 512), 4000, (256, 128, 64, 3))
    assert g.op_types()[:2] == ["CONV_2D", "LEAKY_RELU"]
    assert set(_kernels(g, "CONV_2D")) == {(4, 4)}
    assert _opt(g, "CONV_2D", "stride_h") == [2] * 5 + [1]
    assert _opt(g, "CONV_2D", "padding") == ["SAME"] * 5 + ["VALID"]
    assert set(_opt(g, "LEAKY_RELU", "alpha")) == {0.2}
    assert _out_shapes(g, "CONV_2D") == [
        (64, 64, 64), (32, 32, 64), (16, 16, 128), (8, 8, 256), (4, 4, 512),
        (1, 1, 4000)]
    # 4x4 VALID stride-1 from the bottleneck, then 4x4/2 SAME
    assert _tconvs(g) == [(1, "VALID", "RELU", True)] + [
        (2, "SAME", "RELU", True)] * 3 + [(2, "SAME", "NONE", True)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [
        (4, 4, 512), (8, 8, 256), (16, 16, 128), (32, 32, 64), (64, 64, 3)]
    assert g.op_types()[-1] == "TANH"
    enc = [(64 * 64, 3, 64, 16), (32 * 32, 64, 64, 16), (16 * 16, 64, 128, 16),
           (8 * 8, 128, 256, 16), (4 * 4, 256, 512, 16), (1, 512, 4000, 16)]
    dec = [(1, 4000, 512, 16), (16, 512, 256, 16), (64, 256, 128, 16),
           (256, 128, 64, 16), (1024, 64, 3, 16)]
    assert _hand_1d(dec) == (136_577_024, 35_524_547)
    assert _hand_1d(enc + dec) == (349_700_096, 71_118_691)
    # published: no count recalled
    _pinned(g, (349_700_096, 71_118_691), (None, None), (None, None))


def test_pointnet_cls_shared_mlps_global_max_and_published_counts():
    g = _graph(hx.pointnet_cls, (1, 1024, 1, 3), (1, 40), 11, POINTNET_COUNTS)
    assert g.op_types() == ["CONV_2D"] * 5 + [
        "MAX_POOL_2D", "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    assert set(_kernels(g, "CONV_2D")) == {(1, 1)}
    assert _acts(g, "CONV_2D") == ["RELU"] * 5
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == list(hx.POINTNET_MLP)
    assert _out_shapes(g, "CONV_2D")[-1] == (1024, 1, 1024)
    # the max over the 1,024 points: one 1024 x 1 window
    assert (_opt(g, "MAX_POOL_2D", "filter_height"),
            _opt(g, "MAX_POOL_2D", "filter_width")) == ([1024], [1])
    assert _out_shapes(g, "RESHAPE") == [(1024,)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    cin = (3,) + hx.POINTNET_MLP[:-1]
    layers = [(1024, ci, c, 1) for ci, c in zip(cin, hx.POINTNET_MLP, strict=True)]
    layers += [(1, 1024, 512, 1), (1, 512, 256, 1), (1, 256, 40, 1)]
    assert _hand_1d(layers) == (151_857_152, 815_400)
    # published (recalled, Table 6, PointNet (vanilla)): 0.8 M parameters, 148 M FLOPs
    _pinned(g, (151_857_152, 815_400), (148e6, 0.8e6), (0.03, 0.02))


def test_lapsrn_x4_two_levels_residual_adds_and_published_params():
    g = _graph(hx.lapsrn_x4, (1, 64, 64, 1), (1, 256, 256, 1), 52, LAPSRN_COUNTS)
    assert (hx.LAPSRN_LEVELS, hx.LAPSRN_DEPTH, hx.LAPSRN_WIDTH) == (2, 10, 64)
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_opt(g, "LEAKY_RELU", "alpha")) == {0.2}
    # per level: 10 convs + LEAKY_RELU, TRANSPOSE_CONV + LEAKY_RELU, residual conv,
    # the image's TRANSPOSE_CONV, ADD
    level = ["CONV_2D", "LEAKY_RELU"] * 10 + ["TRANSPOSE_CONV", "LEAKY_RELU", "CONV_2D",
                                              "TRANSPOSE_CONV", "ADD"]
    assert g.op_types() == ["CONV_2D", "LEAKY_RELU"] + level * 2
    assert _tconvs(g) == [(2, "SAME", "NONE", True)] * 4
    assert _out_shapes(g, "TRANSPOSE_CONV") == [
        (128, 128, 64), (128, 128, 1), (256, 256, 64), (256, 256, 1)]
    assert set(_acts(g, "ADD")) == {"NONE"}
    prod = _producers(g)
    assert [[prod[t].type for t in op.inputs] for op in g.ops if op.type == "ADD"] == [
        ["TRANSPOSE_CONV", "CONV_2D"]] * 2
    layers = [(64 * 64, 1, 64, 9)]
    for s in (64, 128):
        layers += [(s * s, 64, 64, 9)] * 10 + [
            (s * s, 64, 64, 16), (4 * s * s, 64, 1, 9), (s * s, 1, 1, 16)]
    assert _hand_1d([lay for lay in layers if lay[3] == 16])[0] == 1_342_504_960
    assert _hand_1d(layers) == (8_941_797_376, 871_588)
    # published (recalled): 812 K parameters (+7 %)
    _pinned(g, (8_941_797_376, 871_588), (None, 812e3), (None, 0.08))


def test_no_training_space_draws_a_xxxvi_a_model_exactly():
    """The overlap stated in ``models.json`` (each one "partly", checked with the
    registration): no space draws a LEAKY_RELU of alpha 0.2, a TRANSPOSE_CONV from
    more than 256 channels or of stride 1, or a max pool wider than 8."""
    from jaxeff.gnn import spaces

    rng = np.random.default_rng(36)
    for name in spaces.SPACES:
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape != (1, 1024, 1, 3), name
            for op in g.ops:
                shp = [g.tensors[t].shape for t in op.inputs]
                if op.type == "LEAKY_RELU":
                    assert op.options["alpha"] != 0.2, name
                if op.type == "TRANSPOSE_CONV":
                    assert shp[2][-1] <= 256 and op.options["stride_h"] == 2, name
                if op.type == "MAX_POOL_2D":
                    assert op.options["filter_height"] <= 8, name


def test_families_xxxvi_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    # the overlaps start with the spaces named; one block of builder models
    _registered(ph.SESSION31A, ["upsample", "upsample", "dil", "upsample"], {})
    i = ph.BUILDER_MODELS.index(ph.SESSION31A[0])
    assert (ph.BUILDER_MODELS[i - 4:i] == ph.SESSION30D
            and ph.BUILDER_MODELS[i:i + 4] == ph.SESSION31A)
    assert ph.SESSION31A == ("pix2pix_unet_256", "context_encoder_128",
                             "pointnet_cls_1024", "lapsrn_x4_64")
    # every overlap is partial (the no-training-space test names the values)
    assert {ph.MODELS[m][1].count("(partly") for m in ph.SESSION31A} == {1}
    assert not any("same configuration" in ph.MODELS[m][1] for m in ph.SESSION31A)
    # the two smaller ones built to int8 (the float graphs of all four above)
    io = {"pointnet_cls_1024": ([(1, 1024, 1, 3)], [(1, 40)], POINTNET_COUNTS),
          "lapsrn_x4_64": ([(1, 64, 64, 1)], [(1, 256, 256, 1)], LAPSRN_COUNTS)}
    for name, (ins, outs, counts) in io.items():
        g, qi, qo = _int8_io(name)
        assert (qi, qo) == (ins, outs), name
        assert Counter(g.op_types()) == counts, name
