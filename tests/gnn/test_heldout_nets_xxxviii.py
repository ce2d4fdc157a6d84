"""jaxeff.gnn.heldout_nets_xxxviii (held-out families XXXVIII; session 32): the
published structures, kernels, strides, paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand) with their
published counterparts, registration, int8 builds (all six: ZFNet's 62 M weights
build in seconds here) and the overlap with the training spaces (none draws any of
the six exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_xxxviii as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt

SNGAN_COUNTS = {"FULLY_CONNECTED": 1, "RESHAPE": 1, "TRANSPOSE_CONV": 3, "CONV_2D": 1,
                "TANH": 1}
LSGAN_COUNTS = {"FULLY_CONNECTED": 1, "RESHAPE": 1, "TRANSPOSE_CONV": 7, "TANH": 1}
INFOGAN_COUNTS = {"FULLY_CONNECTED": 2, "RESHAPE": 1, "TRANSPOSE_CONV": 2,
                  "LOGISTIC": 1}
SRGAN_D_COUNTS = {"CONV_2D": 8, "LEAKY_RELU": 9, "RESHAPE": 1, "FULLY_CONNECTED": 2,
                  "LOGISTIC": 1}
ZFNET_COUNTS = {"PAD": 1, "CONV_2D": 5, "MAX_POOL_2D": 3, "RESHAPE": 1,
                "FULLY_CONNECTED": 3, "SOFTMAX": 1}
M5_COUNTS = {"PAD": 1, "CONV_2D": 4, "MAX_POOL_2D": 4, "MEAN": 1, "FULLY_CONNECTED": 1,
             "SOFTMAX": 1}


def _strides(g, type_):
    return [(op.options["stride_h"], op.options["stride_w"]) for op in g.ops
            if op.type == type_]


def _fc_weights(g):
    return [g.tensors[op.inputs[1]].shape for op in g.ops
            if op.type == "FULLY_CONNECTED"]


def _tconvs(g):
    """(stride, padding, activation, with bias) of every TRANSPOSE_CONV."""
    return [(op.options["stride_h"], op.options["padding"],
             op.options["fused_activation_function"], len(op.inputs) == 4)
            for op in g.ops if op.type == "TRANSPOSE_CONV"]


def test_sngan_generator_projection_and_4x4_transposed_convs():
    g = _graph(hx.sngan_generator, (1, 128), (1, 32, 32, 3), 7, SNGAN_COUNTS)
    assert g.op_types() == ["FULLY_CONNECTED", "RESHAPE"] + ["TRANSPOSE_CONV"] * 3 + [
        "CONV_2D", "TANH"]
    assert _fc_weights(g) == [(8192, 128)] and _acts(g, "FULLY_CONNECTED") == ["RELU"]
    assert _out_shapes(g, "RESHAPE") == [(4, 4, 512)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(4, 4)] * 3
    assert _tconvs(g) == [(2, "SAME", "RELU", True)] * 3
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(8, 8, 256), (16, 16, 128),
                                                (32, 32, 64)]
    assert _kernels(g, "CONV_2D") == [(3, 3)] and _strides(g, "CONV_2D") == [(1, 1)]
    assert (_opt(g, "CONV_2D", "padding"), _acts(g, "CONV_2D")) == (["SAME"], ["NONE"])
    # (frames, C_in, C_out, taps): the FC, transposed convs at their input, the conv
    layers = [(1, 128, 8192, 1), (16, 512, 256, 16), (64, 256, 128, 16),
              (256, 128, 64, 16), (1024, 64, 3, 9)]
    assert _hand_1d(layers) == (103_481_344, 3_811_459)
    # published: no count in the paper
    _pinned(g, (103_481_344, 3_811_459), (None, None), (None, None))


def test_lsgan_generator_seven_3x3_transposed_convs_of_stride_2_and_1():
    g = _graph(hx.lsgan_generator, (1, 1024), (1, 112, 112, 3), 10, LSGAN_COUNTS)
    assert g.op_types() == ["FULLY_CONNECTED", "RESHAPE"] + ["TRANSPOSE_CONV"] * 7 + [
        "TANH"]
    assert _fc_weights(g) == [(12544, 1024)] and _acts(g, "FULLY_CONNECTED") == ["RELU"]
    assert _out_shapes(g, "RESHAPE") == [(7, 7, 256)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(3, 3)] * 7
    assert _tconvs(g) == [(s, "SAME", "RELU", True) for s in (2, 1, 2, 1, 2, 2)] + [
        (1, "SAME", "NONE", True)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [
        (14, 14, 256), (14, 14, 256), (28, 28, 256), (28, 28, 256), (56, 56, 128),
        (112, 112, 64), (112, 112, 3)]
    layers = [(1, 1024, 12544, 1), (49, 256, 256, 9), (196, 256, 256, 9),
              (196, 256, 256, 9), (784, 256, 256, 9), (784, 256, 128, 9),
              (3136, 128, 64, 9), (12544, 64, 3, 9)]
    assert _hand_1d(layers) == (1_219_477_504, 15_588_483)
    # published: no count in the paper
    _pinned(g, (1_219_477_504, 15_588_483), (None, None), (None, None))


def test_infogan_generator_two_fcs_and_sigmoid_output():
    g = _graph(hx.infogan_generator, (1, 74), (1, 28, 28, 1), 6, INFOGAN_COUNTS)
    assert g.op_types() == ["FULLY_CONNECTED"] * 2 + ["RESHAPE"] + [
        "TRANSPOSE_CONV"] * 2 + ["LOGISTIC"]
    assert _fc_weights(g) == [(1024, 74), (6272, 1024)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU"]
    assert _out_shapes(g, "RESHAPE") == [(7, 7, 128)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(4, 4)] * 2
    assert _tconvs(g) == [(2, "SAME", "RELU", True), (2, "SAME", "NONE", True)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(14, 14, 64), (28, 28, 1)]
    layers = [(1, 74, 1024, 1), (1, 1024, 6272, 1), (49, 128, 64, 16),
              (196, 64, 1, 16)]
    assert _hand_1d(layers) == (13_121_536, 6_637_761)
    # published: no count in the paper
    _pinned(g, (13_121_536, 6_637_761), (None, None), (None, None))


def test_srgan_discriminator_strided_convs_leaky_relu_and_dense_head():
    g = _graph(hx.srgan_discriminator, (1, 96, 96, 3), (1, 1), 21, SRGAN_D_COUNTS)
    assert g.op_types() == ["CONV_2D", "LEAKY_RELU"] * 8 + [
        "RESHAPE", "FULLY_CONNECTED", "LEAKY_RELU", "FULLY_CONNECTED", "LOGISTIC"]
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 8
    assert _strides(g, "CONV_2D") == [(1, 1), (2, 2)] * 4
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "CONV_2D")) == {"NONE"}
    assert set(_opt(g, "LEAKY_RELU", "alpha")) == {0.2}
    assert _out_shapes(g, "CONV_2D") == [
        (96, 96, 64), (48, 48, 64), (48, 48, 128), (24, 24, 128), (24, 24, 256),
        (12, 12, 256), (12, 12, 512), (6, 6, 512)]
    assert _out_shapes(g, "RESHAPE") == [(18432,)]
    assert _fc_weights(g) == [(1024, 18432), (1, 1024)]
    assert _acts(g, "FULLY_CONNECTED") == ["NONE", "NONE"]
    layers = [(9216, 3, 64, 9), (2304, 64, 64, 9), (2304, 64, 128, 9),
              (576, 128, 128, 9), (576, 128, 256, 9), (144, 256, 256, 9),
              (144, 256, 512, 9), (36, 512, 512, 9), (1, 18432, 1024, 1),
              (1, 1024, 1, 1)]
    assert _hand_1d(layers) == (884_147_200, 23_561_793)
    # published: no count in the paper
    _pinned(g, (884_147_200, 23_561_793), (None, None), (None, None))


def test_zfnet_figure_sizes_and_hand_counts():
    g = _graph(hx.zfnet, (1, 224, 224, 3), (1, 1000), 14, ZFNET_COUNTS)
    assert g.op_types() == [
        "PAD", "CONV_2D", "MAX_POOL_2D", "CONV_2D", "MAX_POOL_2D", "CONV_2D",
        "CONV_2D", "CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
        "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    assert g.tensors[g.ops[0].inputs[1]].data.tolist() == [[0, 0], [1, 1], [1, 1],
                                                           [0, 0]]
    assert _out_shapes(g, "PAD") == [(226, 226, 3)]
    assert _kernels(g, "CONV_2D") == [(7, 7), (5, 5), (3, 3), (3, 3), (3, 3)]
    assert _strides(g, "CONV_2D") == [(2, 2), (2, 2)] + [(1, 1)] * 3
    assert _opt(g, "CONV_2D", "padding") == ["VALID", "VALID"] + ["SAME"] * 3
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # the figure's 110, 55, 26, 13, 13, 13, 6
    assert _out_shapes(g, "CONV_2D") == [(110, 110, 96), (26, 26, 256),
                                         (13, 13, 384), (13, 13, 384), (13, 13, 256)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(55, 55, 96), (13, 13, 256), (6, 6, 256)]
    assert _opt(g, "MAX_POOL_2D", "padding") == ["SAME", "SAME", "VALID"]
    assert set(_strides(g, "MAX_POOL_2D")) == {(2, 2)}
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {3}
    assert _fc_weights(g) == [(4096, 9216), (4096, 4096), (1000, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(12100, 3, 96, 49), (676, 96, 256, 25), (169, 256, 384, 9),
              (169, 384, 384, 9), (169, 384, 256, 9), (1, 9216, 4096, 1),
              (1, 4096, 4096, 1), (1, 4096, 1000, 1)]
    assert _hand_1d(layers) == (1_168_032_896, 62_357_608)
    # published: no count in the paper
    _pinned(g, (1_168_032_896, 62_357_608), (None, None), (None, None))


def test_m5_raw_waveform_pad_valid_stride4_and_published_params():
    g = _graph(hx.m5, (1, 1, 32000, 1), (1, 10), 12, M5_COUNTS)
    assert g.op_types() == ["PAD"] + ["CONV_2D", "MAX_POOL_2D"] * 4 + [
        "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    assert g.tensors[g.ops[0].inputs[1]].data.tolist() == [[0, 0], [0, 0], [38, 38],
                                                           [0, 0]]
    assert _out_shapes(g, "PAD") == [(1, 32076, 1)]
    assert _kernels(g, "CONV_2D") == [(1, 80), (1, 3), (1, 3), (1, 3)]
    assert _strides(g, "CONV_2D") == [(1, 4)] + [(1, 1)] * 3
    assert _opt(g, "CONV_2D", "padding") == ["VALID"] + ["SAME"] * 3
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [(1, 8000, 128), (1, 2000, 128),
                                         (1, 500, 256), (1, 125, 512)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 2000, 128), (1, 500, 128),
                                             (1, 125, 256), (1, 31, 512)]
    assert set(_strides(g, "MAX_POOL_2D")) == {(1, 4)}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "MEAN") == [(1, 1, 512)]
    assert _fc_weights(g) == [(10, 512)]
    layers = [(8000, 1, 128, 80), (2000, 128, 128, 3), (500, 128, 256, 3),
              (125, 256, 512, 3), (1, 512, 10, 1)]
    assert _hand_1d(layers) == (278_533_120, 557_066)
    # published (Table 1, recalled): 0.5 M parameters (the layers listed hold 0.56 M,
    # as the earlier m5_32000)
    _pinned(g, (278_533_120, 557_066), (None, 0.5e6), (None, 0.12))


def test_no_training_space_draws_a_xxxviii_model_exactly():
    """The overlap stated in ``models.json``: tiny's FCs stop at 4 M weights (the
    LSGAN projection holds 12.8 M, the SRGAN dense layer 18.9 M, ZFNet's first FC
    37.7 M) and its filters at 128; the earlier models of the same papers or layouts
    are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_tiny as st

    assert min(1024 * 12544, 18432 * 1024, 9216 * 4096) > st.MAX_FC_WEIGHTS
    assert max(st.FILTERS) == 128
    for m in ph.SESSION32A:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
    earlier = {"sngan_gen_cifar_32": "DCGAN generator",
               "lsgan_gen_112": "DCGAN generator",
               "infogan_gen_mnist_28": "DCGAN generator",
               "zfnet_224": "alexnet_owt_224", "m5_raw_32000": "m5_32000"}
    for m, e in earlier.items():
        assert e in ph.MODELS[m][1], m
    assert "m5_32000" in ph.MODELS and "alexnet_owt_224" in ph.MODELS


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xxxviii_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION32A == ("sngan_gen_cifar_32", "lsgan_gen_112",
                             "infogan_gen_mnist_28", "srgan_disc_96", "zfnet_224",
                             "m5_raw_32000")
    i = ph.BUILDER_MODELS.index(ph.SESSION32A[0])
    assert ph.BUILDER_MODELS[i - 4:i] == ph.SESSION31C
    j = ph.BUILDER_MODELS.index(ph.SESSION32B[0])
    assert ph.BUILDER_MODELS[i:j] == ph.SESSION32A
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert set(ph.SESSION32A) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION32A] == [
        "upsample", "upsample", "upsample", "plain", "plain", "tiny"]
    io = {"sngan_gen_cifar_32": ((1, 128), (1, 32, 32, 3), SNGAN_COUNTS),
          "lsgan_gen_112": ((1, 1024), (1, 112, 112, 3), LSGAN_COUNTS),
          "infogan_gen_mnist_28": ((1, 74), (1, 28, 28, 1), INFOGAN_COUNTS),
          "srgan_disc_96": ((1, 96, 96, 3), (1, 1), SRGAN_D_COUNTS),
          "zfnet_224": ((1, 224, 224, 3), (1, 1000), ZFNET_COUNTS),
          "m5_raw_32000": ((1, 1, 32000, 1), (1, 10), M5_COUNTS)}
    for name, (shape, out, counts) in io.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out], name
        assert Counter(g.op_types()) == counts, name
