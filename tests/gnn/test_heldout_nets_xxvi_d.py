"""jaxeff.gnn.heldout_nets_xxvi_d (held-out families XXVI, part d; session 26): the
published structures, op counts per type, the pinned multiply-add and parameter counts
with their published counterparts, registration and int8 builds."""

from collections import Counter

from jaxeff.gnn import heldout_nets_xxvi_d as hx
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers


def _graph(f, shape, out, n_ops, counts):
    """The graph of builder ``f`` on ``shape``, checked: one output ``out``, ``n_ops``
    ops of the types and numbers ``counts``."""
    g, outs = _graph_multi(f, shape)
    assert outs == [out] and len(g.ops) == n_ops
    assert Counter(op.type for op in g.ops) == counts
    return g


def _opt(g, type_, key):
    return [op.options[key] for op in g.ops if op.type == type_]


def _hand_1d(layers):
    """(MACs, parameters) of convs given as (output frames, C_in, C_out, taps) and
    depthwise convs as (frames, C, None, taps), each with a bias."""
    macs = sum(t * ci * (co or 1) * k for t, ci, co, k in layers)
    return macs, sum(ci * (co or 1) * k + (co or ci) for _, ci, co, k in layers)


def test_tc_resnet8_temporal_convs_strided_blocks_and_published_counts():
    g = _graph(hx.tc_resnet8, (1, 1, 98, 40), (1, 12), 16, {
        "CONV_2D": 10, "ADD": 3, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # 1-D convs over time (kernel height 1): 3x1 stem, per block 9x1/2, 9x1, 1x1/2
    assert _kernels(g, "CONV_2D") == [(1, 3)] + [(1, 9), (1, 9), (1, 1)] * 3
    assert _opt(g, "CONV_2D", "stride_w") == [1] + [2, 1, 2] * 3
    assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
    # stem RELU; main path RELU then linear; shortcut RELU [U]; ADD RELU
    assert _acts(g, "CONV_2D") == ["RELU"] + ["RELU", "NONE", "RELU"] * 3
    assert set(_acts(g, "ADD")) == {"RELU"}
    # k = 1: 16, then 24 / 32 / 48 channels; 98 -> 49 -> 25 -> 13 frames (SAME)
    assert _out_shapes(g, "CONV_2D")[0] == (1, 98, 16)
    assert _out_shapes(g, "ADD") == [(1, 49, 24), (1, 25, 32), (1, 13, 48)]
    prod = _producers(g)
    for add in (op for op in g.ops if op.type == "ADD"):
        main, short = (prod[t] for t in add.inputs)
        assert g.tensors[main.inputs[1]].shape[1:3] == (1, 9)
        assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
    layers = [(98, 40, 16, 3)]
    for t, ci, co in ((49, 16, 24), (25, 24, 32), (13, 32, 48)):
        layers += [(t, ci, co, 9), (t, co, co, 9), (t, ci, co, 1)]
    assert _hand_1d(layers + [(1, 48, 12, 1)]) == (1_522_560, 64_852)
    # published (Table 1, recalled): 66 K parameters, 3.0 M FLOPs (1.5 M MACs):
    # +1.5 % MACs (SAME padding: 13 frames, not 12, after three strides), -1.7 %
    # parameters (the batch norms' scales, 328 channels, not counted: 65,180)
    _pinned(g, (1_522_560, 64_852), (1.5e6, 66e3), (0.02, 0.02))
    assert _params(g) + 16 + 3 * (24 + 32 + 48) == 65_180


def test_matchboxnet_3x1x64_separable_blocks_dilated_epilogue_and_published_params():
    g = _graph(hx.matchboxnet_3x1x64, (1, 1, 128, 64), (1, 12), 20, {
        "CONV_2D": 10, "DEPTHWISE_CONV_2D": 5, "ADD": 3, "MEAN": 1, "SOFTMAX": 1})
    # time-channel separable convs: 1 x K depthwise (no activation) into 1x1 convs;
    # K = 11 (prologue, stride 2 [U]), 13 / 15 / 17 (blocks), 29 dilated 2
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(1, 11), (1, 13), (1, 15), (1, 17),
                                                (1, 29)]
    assert _opt(g, "DEPTHWISE_CONV_2D", "stride_w") == [2, 1, 1, 1, 1]
    assert _opt(g, "DEPTHWISE_CONV_2D", "dilation_w_factor") == [1, 1, 1, 1, 2]
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "dilation_h_factor")) == {1}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [(1, 64, 64), (1, 64, 128)] + [
        (1, 64, 64)] * 3
    assert set(_kernels(g, "CONV_2D")) == {(1, 1)}
    # prologue 128 RELU; per block pointwise 64 and residual 64 (both linear, the
    # RELU on the ADD); epilogue 128 RELU, 1x1 128 RELU, 1x1 12 (logits)
    assert [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
            if op.type == "CONV_2D"] == [128] + [64, 64] * 3 + [128, 128, 12]
    assert _acts(g, "CONV_2D") == ["RELU"] + ["NONE"] * 6 + ["RELU", "RELU", "NONE"]
    assert _acts(g, "ADD") == ["RELU"] * 3
    prod = _producers(g)
    for add in (op for op in g.ops if op.type == "ADD"):
        pw, res = (prod[t] for t in add.inputs)  # residual: 1x1 of the block input
        assert prod[pw.inputs[0]].type == "DEPTHWISE_CONV_2D"
        assert prod[pw.inputs[0]].inputs[0] == res.inputs[0]
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert g.tensors[mean.inputs[0]].shape == (1, 1, 64, 12)
    dw = [(64, 64, None, 11), (64, 128, None, 13), (64, 64, None, 15),
          (64, 64, None, 17), (64, 64, None, 29)]
    pw = [(64, 64, 128, 1), (64, 128, 64, 1), (64, 128, 64, 1)] + [
        (64, 64, 64, 1)] * 4 + [(64, 64, 128, 1), (64, 128, 128, 1), (64, 128, 12, 1)]
    assert _hand_1d(dw + pw) == (4_694_016, 74_508)
    # published (Table 2, recalled): 77 K parameters, no MAC count; -3.2 %. As the
    # release holds them (no conv biases: 384 depthwise and 768 pointwise biases
    # out; a batch norm's scale and shift on the 768 pointwise channels; the
    # decoder's 12 biases) 74,892: -2.7 %
    _pinned(g, (4_694_016, 74_508), (None, 77e3), (None, 0.035))
    assert _params(g) - 384 - 768 + 2 * 768 == 74_892
    # prologue_stride=1 (NeMo's speech-commands configs, possibly) keeps 128 frames
    g1, _ = _graph_multi(lambda b, x: hx.matchboxnet_3x1x64(b, x, prologue_stride=1),
                         (1, 1, 128, 64))
    assert g1.tensors[g1.ops[-2].inputs[0]].shape == (1, 1, 128, 12)


def test_res15_dilated_residual_stack_at_full_resolution_and_published_counts():
    g = _graph(hx.res15_kws, (1, 101, 40, 1), (1, 12), 23, {
        "CONV_2D": 14, "ADD": 6, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # 2^floor(i / 3) for the 13 layers after the first conv (the last: 16)
    dil = [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16]
    assert [hx.res15_dilation(i) for i in range(13)] == dil
    assert _opt(g, "CONV_2D", "dilation_h_factor") == [1] + dil
    assert _opt(g, "CONV_2D", "dilation_w_factor") == [1] + dil
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
    assert set(_out_shapes(g, "CONV_2D")) == {(101, 40, 45)}  # no pooling
    assert set(_acts(g, "CONV_2D")) == {"RELU"} and set(_acts(g, "ADD")) == {"NONE"}
    # each ADD: the second conv of a block + the block's input (the first conv's
    # output, then the previous ADD); the 13th conv reads the last ADD
    prod, adds = _producers(g), [op for op in g.ops if op.type == "ADD"]
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    for j, add in enumerate(adds):
        assert prod[add.inputs[0]] is convs[2 * j + 2]
        assert prod[add.inputs[1]] is (convs[0] if j == 0 else adds[j - 1])
    assert prod[convs[-1].inputs[0]] is adds[-1]
    macs = 101 * 40 * (9 * 45 + 13 * 9 * 45 * 45) + 45 * 12
    par = 9 * 45 + 45 + 13 * (9 * 45 * 45 + 45) + 45 * 12 + 12
    assert (macs, par) == (958_813_740, 238_512)
    # published (Table 1, recalled): 238 K parameters (+0.2 %; bias-free convs and
    # affine-free batch norms as the release: 237,882, -0.05 %), 894 M multiplies
    # (+7 %: the dilated 3x3 layers alone count 957 M at 101 x 40 with SAME padding;
    # the recalled table value is not reproduced)
    _pinned(g, (958_813_740, 238_512), (894e6, 238e3), (0.08, 0.003))
    assert _params(g) - 14 * 45 == 237_882


def test_ad_autoencoder_fc_bottleneck_and_published_counts():
    g = _graph(hx.ad_autoencoder, (1, 640), (1, 640), 10, {"FULLY_CONNECTED": 10})
    widths = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops]
    assert widths == [128] * 4 + [8] + [128] * 4 + [640]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU"] * 9 + ["NONE"]
    # published (MLPerf Tiny Table 1, recalled): 270 K parameters, 0.264 M MACs:
    # MACs exact; -1.5 % parameters, with the nine batch norms' four parameters a
    # unit (Keras's count) 269,992 (-0.003 %)
    _pinned(g, (264_192, 265_864), (0.264e6, 270e3), (0.001, 0.02))
    assert _params(g) + 4 * (8 * 128 + 8) == 269_992


def test_families_xxvi_d_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26F == ("tc_resnet8_98x40", "matchboxnet_3x1x64",
                             "res15_kws_101x40", "ad_autoencoder_640")
    _registered(ph.SESSION26F, ["kws"] * 4, {})
    shapes = {"tc_resnet8_98x40": ((1, 1, 98, 40), (1, 12), 16),
              "matchboxnet_3x1x64": ((1, 1, 128, 64), (1, 12), 20),
              "res15_kws_101x40": ((1, 101, 40, 1), (1, 12), 23),
              "ad_autoencoder_640": ((1, 640), (1, 640), 10)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("matchboxnet_3x1x64")  # the dilation survives the writer
    assert [op.options["dilation_w_factor"] for op in g.ops
            if op.type == "DEPTHWISE_CONV_2D"] == [1, 1, 1, 1, 2]
