"""jaxeff.gnn.heldout_nets_xxvii (held-out families XXVII, part a; session 26): the
published structures, op counts per type, the pinned multiply-add and parameter counts
with their published counterparts, the overlap with the ``families`` space,
registration and int8 builds."""

import numpy as np

from jaxeff.gnn import heldout_nets_xxvii as hx
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.spaces_families import resnet8_net, vww_net
from tests.gnn.test_heldout_nets import _bn_channels, _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxiv import _hand
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt


def _weights(g):
    """The weight shapes of the convs and FCs of ``g`` in order."""
    return [g.tensors[op.inputs[1]].shape for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED")]


def _space_graph(f):
    b = NetBuilder(np.random.default_rng(0), "t")
    return b.finish([f(b)])


def test_vww_mobilenet_v1_025_at_96_relu_mean_head_and_published_macs():
    g = _graph(hx.mobilenet_v1_025_96_vww, (1, 96, 96, 3), (1, 2), 30, {
        "CONV_2D": 14, "DEPTHWISE_CONV_2D": 13, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    # stem 3x3/2 of 8, then 13 x (3x3 depthwise, 1x1 pointwise); RELU everywhere
    assert _kernels(g, "CONV_2D") == [(3, 3)] + [(1, 1)] * 13
    assert set(_kernels(g, "DEPTHWISE_CONV_2D")) == {(3, 3)}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    assert _opt(g, "DEPTHWISE_CONV_2D", "stride_h") == [1, 2, 1, 2, 1, 2, 1, 1, 1, 1,
                                                        1, 2, 1]
    widths = [16, 32, 32, 64, 64] + [128] * 6 + [256, 256]
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == [8] + widths
    assert set(_acts(g, "CONV_2D") + _acts(g, "DEPTHWISE_CONV_2D")) == {"RELU"}
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert g.tensors[mean.inputs[0]].shape == (1, 3, 3, 256)  # 96 / 32
    layers, side, cin = [(48, 3, 8, 9)], 48, 8
    for s, c in zip(_opt(g, "DEPTHWISE_CONV_2D", "stride_h"), widths, strict=True):
        side //= s
        layers += [(side, 1, cin, 9), (side, cin, c, 1)]
        cin = c
    assert _hand(layers + [(1, 256, 2, 1)]) == (7_489_664, 210_850)
    # published (MLPerf Tiny, recalled): 7.5 M MACs (-0.14 %); its 325 KB is the
    # int8 model's size (this graph's int8 file: about 295 KB, its weights without
    # per-channel scales and biases' int32), not a parameter count. Unfolded batch
    # norm (a scale per normalised channel): 213,586
    _pinned(g, (7_489_664, 210_850), (7.5e6, None), (0.002, None))
    assert _params(g) + _bn_channels(g) == 213_586
    # the families space's vww draws this configuration: the same convs and FC,
    # AVERAGE_POOL_2D + RESHAPE where the held-out model has MEAN
    s = _space_graph(vww_net)
    assert _weights(s) == _weights(g)
    assert [op.type for op in s.ops][-4:] == ["AVERAGE_POOL_2D", "RESHAPE",
                                              "FULLY_CONNECTED", "SOFTMAX"]


def test_resnet8_cifar_three_basic_blocks_projections_and_published_macs():
    g = _graph(hx.resnet8_cifar, (1, 32, 32, 3), (1, 10), 15, {
        "CONV_2D": 9, "ADD": 3, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # stem; per stack 3x3 (stride), 3x3, and a 1x1 projection where the shape changes
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 3 + [(3, 3), (3, 3), (1, 1)] * 2
    assert _opt(g, "CONV_2D", "stride_h") == [1, 1, 1, 2, 1, 2, 2, 1, 2]
    assert _acts(g, "CONV_2D") == ["RELU", "RELU", "NONE"] + ["RELU", "NONE",
                                                              "NONE"] * 2
    assert _acts(g, "ADD") == ["RELU"] * 3
    assert _out_shapes(g, "ADD") == [(32, 32, 16), (16, 16, 32), (8, 8, 64)]
    prod, convs = _producers(g), [op for op in g.ops if op.type == "CONV_2D"]
    adds = [op for op in g.ops if op.type == "ADD"]
    assert prod[adds[0].inputs[1]] is convs[0]  # identity shortcut in stack 1
    assert [prod[a.inputs[1]] for a in adds[1:]] == [convs[5], convs[8]]
    layers = [(32, 3, 16, 9), (32, 16, 16, 9), (32, 16, 16, 9),
              (16, 16, 32, 9), (16, 32, 32, 9), (16, 16, 32, 1),
              (8, 32, 64, 9), (8, 64, 64, 9), (8, 32, 64, 1), (1, 64, 10, 1)]
    assert _hand(layers) == (12_501_632, 77_706)
    # published (MLPerf Tiny, recalled): 12.5 M MACs (+0.01 %); its 96 KB is the
    # int8 model's size (this graph's: about 91 KB). Keras's count of the reference
    # (biased convs, four parameters a channel on the seven batch norms, none on the
    # projections; recalled): 78,666
    _pinned(g, (12_501_632, 77_706), (12.5e6, None), (0.001, None))
    assert _params(g) + 4 * (16 + 2 * 16 + 2 * 32 + 2 * 64) == 78_666
    s = _space_graph(resnet8_net)  # the families space's resnet8: the same convs
    assert _weights(s) == _weights(g) and "MEAN" not in s.op_types()


def test_lenet5_valid_5x5_convs_max_pools_fc_stack_and_published_params():
    g = _graph(hx.lenet5, (1, 32, 32, 1), (1, 10), 9, {
        "CONV_2D": 2, "MAX_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 3,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == ["CONV_2D", "MAX_POOL_2D"] * 2 + [
        "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    assert set(_kernels(g, "CONV_2D")) == {(5, 5)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    # C1 28 x 28 x 6, S2 14, C3 10 x 10 x 16, S4 5; 2x2/2 max pools [U]
    assert _out_shapes(g, "CONV_2D") == [(28, 28, 6), (10, 10, 16)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(14, 14, 6), (5, 5, 16)]
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {2}
    assert set(_opt(g, "MAX_POOL_2D", "stride_h")) == {2}
    assert g.tensors[g.ops[4].outputs[0]].shape == (1, 400)
    assert [s[-1] for s in _out_shapes(g, "FULLY_CONNECTED")] == [120, 84, 10]
    assert _acts(g, "CONV_2D") == ["RELU"] * 2  # RELU for the scaled tanh [U]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(28, 1, 6, 25), (10, 6, 16, 25), (1, 400, 120, 1), (1, 120, 84, 1),
              (1, 84, 10, 1)]
    assert _hand(layers) == (416_520, 61_706)
    # published (Section II.B): "about 60,000 trainable parameters" (+2.8 %); its
    # layer counts (C1 156, S2 12, C3 1,516 with the partial Table I, S4 32, C5
    # 48,120, F6 10,164, 840 RBF weights) 60,840: this graph's full C3 has 900 more,
    # no subsampling coefficients (44 fewer), 10 output biases more
    _pinned(g, (416_520, 61_706), (None, 60e3), (None, 0.03))
    assert _params(g) - (2_416 - 1_516) + 12 + 32 - 10 == 60_840


def test_tiny_conv_one_strided_10x8_conv_and_fc():
    g = _graph(hx.tiny_conv, (1, 49, 40, 1), (1, 4), 4, {
        "CONV_2D": 1, "RESHAPE": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # 10 frames x 8 channels, 8 filters, stride 2 x 2 SAME, RELU: 25 x 20 x 8
    assert _kernels(g, "CONV_2D") == [(10, 8)]
    assert _opt(g, "CONV_2D", "stride_h") == _opt(g, "CONV_2D", "stride_w") == [2]
    assert _opt(g, "CONV_2D", "padding") == ["SAME"]
    assert _acts(g, "CONV_2D") == ["RELU"] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    assert _out_shapes(g, "CONV_2D") == [(25, 20, 8)]
    assert g.tensors[g.ops[1].outputs[0]].shape == (1, 4000)
    # no published count: 25 x 20 x 8 x 80 + 4000 x 4 MACs; 648 + 16,004 parameters
    _pinned(g, (336_000, 16_652), (None, None), (None, None))
    g12 = _graph(lambda b, x: hx.tiny_conv(b, x, 12), (1, 49, 40, 1), (1, 12), 4, {
        "CONV_2D": 1, "RESHAPE": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert _params(g12) == 648 + 4000 * 12 + 12  # speech_commands' 12 labels [U]


def test_families_xxvii_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26G == ("mobilenet_v1_0.25_96_vww", "resnet8_cifar", "lenet5_32",
                             "tiny_conv_49x40")
    _registered(ph.SESSION26G, ["families", "families", "plain", "kws"], {})
    shapes = {"mobilenet_v1_0.25_96_vww": ((1, 96, 96, 3), (1, 2), 30),
              "resnet8_cifar": ((1, 32, 32, 3), (1, 10), 15),
              "lenet5_32": ((1, 32, 32, 1), (1, 10), 9),
              "tiny_conv_49x40": ((1, 49, 40, 1), (1, 4), 4)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("tiny_conv_49x40")  # a CONV_2D, no depth multiplier [U]
    assert g.op_types() == ["CONV_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"]
