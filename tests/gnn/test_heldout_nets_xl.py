"""jaxeff.gnn.heldout_nets_xl (held-out families XL, part A; session 33): the
published structures, kernels, strides (VGG-S's and OverFeat's 3x3/3 pools, the
tutorial DCGAN's stride-1 TRANSPOSE_CONV), paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand) with the
published ones where there are any, registration, int8 builds (all four: OverFeat's
126 M FC weights build in seconds here) and the overlap with the training spaces
(none draws any of the four exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_xl as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxix import _space_call_args, _space_tconv_strides
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides, _tconvs

VGG_S_COUNTS = {"CONV_2D": 5, "MAX_POOL_2D": 3, "PAD": 1, "RESHAPE": 1,
                "FULLY_CONNECTED": 3, "SOFTMAX": 1}
OVERFEAT_A_COUNTS = {"CONV_2D": 6, "MAX_POOL_2D": 3, "RESHAPE": 1,
                     "FULLY_CONNECTED": 3, "SOFTMAX": 1}
DCGAN_TF_COUNTS = {"FULLY_CONNECTED": 1, "LEAKY_RELU": 3, "RESHAPE": 1,
                   "TRANSPOSE_CONV": 3, "TANH": 1}
ACGAN_COUNTS = {"FULLY_CONNECTED": 1, "RESHAPE": 1, "TRANSPOSE_CONV": 3, "TANH": 1}
HEAD = ["RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]


def _pools(g):
    """(kernel, stride, padding) of every MAX_POOL_2D (square in all four models)."""
    return [(op.options["filter_height"], op.options["stride_h"],
             op.options["padding"]) for op in g.ops if op.type == "MAX_POOL_2D"]


def test_vgg_s_table1_stride_3_pools_pad_and_hand_counts():
    g = _graph(hx.vgg_s, (1, 224, 224, 3), (1, 1000), 14, VGG_S_COUNTS)
    assert g.op_types() == [
        "CONV_2D", "MAX_POOL_2D", "PAD", "CONV_2D", "MAX_POOL_2D", "CONV_2D", "CONV_2D",
        "CONV_2D", "MAX_POOL_2D"] + HEAD
    assert g.tensors[g.ops[2].inputs[1]].data.tolist() == [[0, 0], [1, 1], [1, 1],
                                                           [0, 0]]
    assert _out_shapes(g, "PAD") == [(39, 39, 96)]
    assert _kernels(g, "CONV_2D") == [(7, 7), (5, 5), (3, 3), (3, 3), (3, 3)]
    assert _strides(g, "CONV_2D") == [(2, 2)] + [(1, 1)] * 4
    assert _opt(g, "CONV_2D", "padding") == ["VALID", "VALID"] + ["SAME"] * 3
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # the released model's 109, 37, 35, 18, 18, 18, 18, 6
    assert _out_shapes(g, "CONV_2D") == [(109, 109, 96), (35, 35, 256)] + [
        (18, 18, 512)] * 3
    assert _out_shapes(g, "MAX_POOL_2D") == [(37, 37, 96), (18, 18, 256), (6, 6, 512)]
    assert _pools(g) == [(3, 3, "SAME"), (2, 2, "SAME"), (3, 3, "VALID")]
    assert _out_shapes(g, "RESHAPE") == [(18432,)]
    assert _fc_weights(g) == [(4096, 18432), (4096, 4096), (1000, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(11881, 3, 96, 49), (1225, 96, 256, 25), (324, 256, 512, 9),
              (324, 512, 512, 9), (324, 512, 512, 9), (1, 18432, 4096, 1),
              (1, 4096, 4096, 1), (1, 4096, 1000, 1)]
    assert _hand_1d(layers) == (2_927_705_120, 102_908_520)
    # published: no count in the paper
    _pinned(g, (2_927_705_120, 102_908_520), (None, None), (None, None))


def test_overfeat_accurate_table3_sizes_and_published_counts():
    g = _graph(hx.overfeat_accurate, (1, 221, 221, 3), (1, 1000), 14,
               OVERFEAT_A_COUNTS)
    assert g.op_types() == ["CONV_2D", "MAX_POOL_2D"] * 2 + ["CONV_2D"] * 4 + [
        "MAX_POOL_2D"] + HEAD
    assert _kernels(g, "CONV_2D") == [(7, 7), (7, 7)] + [(3, 3)] * 4
    assert _strides(g, "CONV_2D") == [(2, 2)] + [(1, 1)] * 5
    assert _opt(g, "CONV_2D", "padding") == ["VALID", "VALID"] + ["SAME"] * 4
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # Table 3: 108, 36, 30, 15, 15, 15, 15, 15, 5
    assert _out_shapes(g, "CONV_2D") == [
        (108, 108, 96), (30, 30, 256), (15, 15, 512), (15, 15, 512), (15, 15, 1024),
        (15, 15, 1024)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(36, 36, 96), (15, 15, 256),
                                             (5, 5, 1024)]
    assert _pools(g) == [(3, 3, "VALID"), (2, 2, "VALID"), (3, 3, "VALID")]
    assert _out_shapes(g, "RESHAPE") == [(25600,)]
    assert _fc_weights(g) == [(4096, 25600), (4096, 4096), (1000, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(11664, 3, 96, 49), (900, 96, 256, 49), (225, 256, 512, 9),
              (225, 512, 512, 9), (225, 512, 1024, 9), (225, 1024, 1024, 9),
              (1, 25600, 4096, 1), (1, 4096, 4096, 1), (1, 4096, 1000, 1)]
    assert _hand_1d(layers) == (5_355_446_784, 144_656_488)
    # published (Table 4, recalled): 144 M parameters, 5,369 M connections
    _pinned(g, (5_355_446_784, 144_656_488), (5369e6, 144e6), (0.005, 0.01))


def test_dcgan_tutorial_generator_stride_1_tconv_leaky_0_3_and_hand_counts():
    g = _graph(hx.dcgan_tutorial_generator, (1, 100), (1, 28, 28, 1), 9,
               DCGAN_TF_COUNTS)
    assert g.op_types() == ["FULLY_CONNECTED", "LEAKY_RELU", "RESHAPE"] + [
        "TRANSPOSE_CONV", "LEAKY_RELU"] * 2 + ["TRANSPOSE_CONV", "TANH"]
    assert _fc_weights(g) == [(12544, 100)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    # Keras's default slope, standalone after the FC and the first two tconvs
    assert _opt(g, "LEAKY_RELU", "alpha") == [0.3] * 3
    assert _out_shapes(g, "LEAKY_RELU") == [(12544,), (7, 7, 128), (14, 14, 64)]
    assert _out_shapes(g, "RESHAPE") == [(7, 7, 256)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(5, 5)] * 3
    assert _strides(g, "TRANSPOSE_CONV") == [(1, 1), (2, 2), (2, 2)]
    # BN folded into biases of the first two; the last without bias, as the tutorial
    assert _tconvs(g) == [(1, "SAME", "NONE", True), (2, "SAME", "NONE", True),
                          (2, "SAME", "NONE", False)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(7, 7, 128), (14, 14, 64),
                                                (28, 28, 1)]
    # (frames, C_in, C_out, taps): the FC, transposed convs at their input; the last
    # layer's bias (1) taken off
    layers = [(1, 100, 12544, 1), (49, 256, 128, 25), (49, 128, 64, 25),
              (196, 64, 1, 25)]
    macs, params = _hand_1d(layers)
    assert (macs, params - 1) == (51_744_000, 2_292_736)
    # the tutorial's weights alone (its layers have no bias): 2,280,000
    assert 100 * 12544 + 25 * (256 * 128 + 128 * 64 + 64) == 2_280_000
    # published: no count in the tutorial
    _pinned(g, (51_744_000, 2_292_736), (None, None), (None, None))


def test_acgan_generator_cifar_table_projection_and_5x5_transposed_convs():
    g = _graph(hx.acgan_generator, (1, 110), (1, 32, 32, 3), 6, ACGAN_COUNTS)
    assert g.op_types() == ["FULLY_CONNECTED", "RESHAPE"] + ["TRANSPOSE_CONV"] * 3 + [
        "TANH"]
    assert _fc_weights(g) == [(6144, 110)] and _acts(g, "FULLY_CONNECTED") == ["RELU"]
    assert _out_shapes(g, "RESHAPE") == [(4, 4, 384)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(5, 5)] * 3
    assert _tconvs(g) == [(2, "SAME", "RELU", True)] * 2 + [(2, "SAME", "NONE", True)]
    assert set(_strides(g, "TRANSPOSE_CONV")) == {(2, 2)}
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(8, 8, 192), (16, 16, 96),
                                                (32, 32, 3)]
    layers = [(1, 110, 6144, 1), (16, 384, 192, 25), (64, 192, 96, 25),
              (256, 96, 3, 25)]
    assert _hand_1d(layers) == (61_501_440, 2_993_475)
    # published: no count in the paper
    _pinned(g, (61_501_440, 2_993_475), (None, None), (None, None))


def test_no_training_space_draws_a_xl_a_model_exactly():
    """The overlap stated in ``models.json``: every training TRANSPOSE_CONV has stride
    2 (the tutorial DCGAN's first is stride 1); every training LEAKY_RELU slope is 0.1
    (the tutorial's 0.3); tiny's FC widths stop at 512 (the generators project to
    12,544 and 6,144), its FCs at 4 M weights (VGG-S's first holds 75.5 M, OverFeat's
    104.9 M) and its filters at 128; the earlier models of the same papers or layouts
    are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_tiny as st

    assert set(_space_tconv_strides()) == {2}
    slopes = _space_call_args("leaky_relu", 1, "alpha", None)
    assert slopes and set(slopes) == {0.1}
    assert max(st.FC_WIDTHS) == 512 < min(12544, 6144)
    assert min(18432 * 4096, 25600 * 4096) > st.MAX_FC_WEIGHTS
    assert max(st.FILTERS) == 128
    for m in ph.SESSION33A:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
    earlier = {"vgg_s_224": ("vgg_m_224", "zfnet_224"),
               "overfeat_accurate_221": ("overfeat_fast_231", "zfnet_224"),
               "dcgan_gen_mnist_28": ("dcgan_generator_64", "infogan_gen_mnist_28"),
               "acgan_gen_cifar_32": ("dcgan_generator_64", "sngan_gen_cifar_32")}
    for m, es in earlier.items():
        for e in es:
            assert e in ph.MODELS[m][1], (m, e)
            assert e in ph.MODELS, e


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xl_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    # part A's four lead SESSION33A, right after SESSION32C (a part B may follow)
    assert ph.SESSION33A[:4] == ("vgg_s_224", "overfeat_accurate_221",
                                 "dcgan_gen_mnist_28", "acgan_gen_cifar_32")
    i = ph.BUILDER_MODELS.index(ph.SESSION33A[0])
    assert ph.BUILDER_MODELS[i - 4:i] == ph.SESSION32C
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION33A[:4]
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert set(ph.SESSION33A) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33A[:4]] == [
        "plain", "plain", "upsample", "upsample"]
    io = {"vgg_s_224": ((1, 224, 224, 3), (1, 1000), VGG_S_COUNTS),
          "overfeat_accurate_221": ((1, 221, 221, 3), (1, 1000), OVERFEAT_A_COUNTS),
          "dcgan_gen_mnist_28": ((1, 100), (1, 28, 28, 1), DCGAN_TF_COUNTS),
          "acgan_gen_cifar_32": ((1, 110), (1, 32, 32, 3), ACGAN_COUNTS)}
    gs = {}
    for name, (shape, out, counts) in io.items():
        gs[name], ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out], name
        assert Counter(gs[name].op_types()) == counts, name
    # the int8 graphs keep the stride-3 pools, the stride-1 TRANSPOSE_CONV and the
    # bias-free last one
    assert [s for _, s, _ in _pools(gs["vgg_s_224"])] == [3, 2, 3]
    assert [s for _, s, _ in _pools(gs["overfeat_accurate_221"])] == [3, 2, 3]
    assert _strides(gs["dcgan_gen_mnist_28"], "TRANSPOSE_CONV") == [(1, 1), (2, 2),
                                                                    (2, 2)]
    assert [t[3] for t in _tconvs(gs["dcgan_gen_mnist_28"])] == [True, True, False]
