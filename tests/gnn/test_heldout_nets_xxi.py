"""jaxeff.gnn.heldout_nets_xxi (held-out families XXI): structures, published counts."""

from collections import Counter

from jaxeff.gnn import heldout_nets_xxi as hx
from tests.gnn.test_heldout_nets import (_bn_channels, _graph_multi, _int8_io, _params,
                                         _pinned)

_IMAGENET = (1, 224, 224, 3)


def _classifier(f, n_ops, counts):
    """The graph of builder ``f`` at 224, checked: a [1, 1000] output, ``n_ops`` ops
    of the types and numbers ``counts``."""
    g, outs = _graph_multi(f, _IMAGENET)
    assert outs == [(1, 1000)] and len(g.ops) == n_ops
    assert Counter(op.type for op in g.ops) == counts
    return g


def _counted(g, exact, published, tol, unfolded):
    """:func:`_pinned`, and the parameters with batch norm unfolded (one more per
    normalised channel) equal ``unfolded``."""
    _pinned(g, exact, published, tol)
    assert _params(g) + _bn_channels(g) == unfolded


def _out_shapes(g, type_):
    return [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == type_]


def _kernels(g, type_):
    return [g.tensors[op.inputs[1]].shape[1:3] for op in g.ops if op.type == type_]


def test_pp_lcnet_table1_hard_swish_se_and_published_counts():
    # stem, 13 pointwise, 2 x 2 SE convs; HARD_SWISH after the stem, every depthwise
    # and pointwise conv and the 1280 FC; SE: MEAN, hard sigmoid (ADD, MUL), MUL
    g = _classifier(hx.pp_lcnet, 71, {
        "CONV_2D": 18, "DEPTHWISE_CONV_2D": 13, "HARD_SWISH": 28, "MEAN": 3, "ADD": 2,
        "MUL": 4, "FULLY_CONNECTED": 2, "SOFTMAX": 1})
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(3, 3)] * 6 + [(5, 5)] * 7
    assert _out_shapes(g, "DEPTHWISE_CONV_2D")[-2:] == [(7, 7, 256), (7, 7, 512)]
    assert [op.options["fused_activation_function"] for op in g.ops
            if op.type == "ADD"] == ["RELU6"] * 2  # relu6(x + 3)
    assert g.tensors[g.ops[-2].inputs[0]].shape == (1, 1280)
    # PP-LCNet-1x (recalled, not read): 2.96 M parameters, 161 M FLOPs; batch
    # norm unfolded: 2,953,804, less the head conv's bias 2,952,524 (timm's lcnet_100
    # 2.95 M, recalled)
    _counted(g, (155_700_480, 2_948_332), (161e6, 2.96e6), (0.04, 0.005), 2_953_804)


def test_mobilenetv4_conv_small_uib_variants_and_published_counts():
    # stem, 2 FusedIB x 2, 12 UIB x 2 (expansion, projection), head 960
    g = _classifier(hx.mobilenetv4_conv_small, 59, {
        "CONV_2D": 30, "DEPTHWISE_CONV_2D": 15, "ADD": 10, "MEAN": 1,
        "FULLY_CONNECTED": 2, "SOFTMAX": 1})
    # ExtraDW (5, 5), IB x4, ConvNext, ExtraDW (3, 3), ExtraDW (5, 5), IB x4
    assert [k[0] for k in _kernels(g, "DEPTHWISE_CONV_2D")] == [
        5, 5, 3, 3, 3, 3, 3, 3, 3, 5, 5, 5, 5, 3, 3]
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    # the stride sits on the middle depthwise; the start depthwise has no activation
    assert [op.options["stride_h"] for op in dws] == [1, 2] + [1] * 5 + [1, 2] + [1] * 6
    assert [op.options["fused_activation_function"] for op in dws][:2] == ["NONE",
                                                                          "RELU"]
    pw = _out_shapes(g, "CONV_2D")
    assert pw[:5] == [(112, 112, 32), (56, 56, 32), (56, 56, 32), (28, 28, 96),
                      (28, 28, 64)]
    assert pw[5] == (28, 28, 192) and pw[-1] == (7, 7, 960)
    # expansion 6 of 96 before the stride-2 middle depthwise; 4 and 3 of 128 at 7 px
    assert {(14, 14, 576), (7, 7, 512), (7, 7, 384)} <= set(pw)
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "ADD"} == {"NONE"}
    # Table 1 (MNv4-Conv-S, recalled, not read): 3.8 M parameters, 0.2 G MACs; timm's
    # mobilenetv4_conv_small (recalled): 3.77 M, 0.19 GMACs
    _counted(g, (186_005_568, 3_761_480), (0.2e9, 3.8e6), (0.08, 0.015), 3_772_744)


def test_ghostnetv2_dfc_attention_and_published_counts():
    # 14 DFC gates (bottlenecks 3 ... 16): pool, 1x1, 1x5 / 5x1 depthwise, LOGISTIC,
    # resize, MUL; 7 hard-sigmoid SE (2 MULs each); 32 ghost modules (concat); convs:
    # stem, 32 ghost primaries, 14 DFC, 7 x 2 SE, 5 shortcuts, head; depthwise: 32
    # cheap, 14 x 2 DFC, 4 strided, 5 shortcuts
    g = _classifier(hx.ghostnetv2, 272, {
        "CONV_2D": 1 + 32 + 14 + 14 + 5 + 1, "DEPTHWISE_CONV_2D": 32 + 28 + 4 + 5,
        "CONCATENATION": 32, "ADD": 16 + 7, "AVERAGE_POOL_2D": 14, "LOGISTIC": 14,
        "RESIZE_NEAREST_NEIGHBOR": 14, "MUL": 14 + 14, "MEAN": 8,
        "FULLY_CONNECTED": 2, "SOFTMAX": 1})
    assert _kernels(g, "DEPTHWISE_CONV_2D").count((1, 5)) == 14
    assert _kernels(g, "DEPTHWISE_CONV_2D").count((5, 1)) == 14
    pools = [(g.tensors[op.inputs[0]].shape[1], op.options["filter_height"],
              op.options["stride_h"]) for op in g.ops if op.type == "AVERAGE_POOL_2D"]
    assert [p[1:] for p in pools] == [(2, 2)] * 14
    assert [p[0] for p in pools] == [56, 56, 28, 28] + [14] * 6 + [7] * 4
    # up-sampled x2, but 3 -> 7 in the last four bottlenecks (the release's size=)
    resize = [(g.tensors[op.inputs[0]].shape[1], g.tensors[op.outputs[0]].shape[1])
              for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR"]
    assert resize == [(28, 56)] * 2 + [(14, 28)] * 2 + [(7, 14)] * 6 + [(3, 7)] * 4
    # GhostNetV2 1.0x: 167 M FLOPs (the release's README), 6.1 M (recalled); GhostNet
    # 1.0 (heldout_nets.ghostnet) plus the DFC branches; batch norm unfolded: timm's
    # ghostnetv2_100 6.16 M (recalled)
    _counted(g, (167_048_288, 6_125_730), (167e6, 6.1e6), (0.002, 0.005), 6_156_922)


def test_hrnet_w18_small_branches_fuse_head_and_published_counts():
    g = _classifier(hx.hrnet_w18_small, 150, {
        "CONV_2D": 91, "ADD": 46, "RESIZE_NEAREST_NEIGHBOR": 10, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # fuse up-sampling: stage 2 (x2), stage 3 (x2, x4, x2), stage 4 (x2, x4, x8 to 56;
    # x2, x4 to 28; x2 to 14)
    ups = [g.tensors[op.outputs[0]].shape[1] // g.tensors[op.inputs[0]].shape[1]
           for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR"]
    assert ups == [2, 2, 4, 2, 2, 4, 8, 2, 4, 2]
    # stem: two 3x3/2 convs of 64; head: 3x3/2 downsamples, 1x1 conv to 2048
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    shapes = [g.tensors[op.outputs[0]].shape[1:] for op in convs]
    assert shapes[:2] == [(112, 112, 64), (56, 56, 64)]
    assert shapes[-1] == (7, 7, 2048)
    down = [s for op, s in zip(convs, shapes) if op.options["stride_h"] == 2
            and s[-1] >= 256]
    assert down == [(28, 28, 256), (14, 14, 512), (7, 7, 1024)]  # head downsamples
    # ADDs with RELU: 2 x (2 + 3 + 4) basic blocks, 1 + 4 bottlenecks, 2 + 3 + 4 fuse
    # outputs; without: the fuse sums' inner ADDs (3 in stage 3, 8 in 4), 3 in the head
    relu_adds = sum(1 for op in g.ops if op.type == "ADD"
                    and op.options["fused_activation_function"] == "RELU")
    assert relu_adds == 18 + 5 + 9 and 46 - relu_adds == 3 + 8 + 3
    # the release (recalled, not read): 13.2 M parameters, 1.49 GFLOPs; timm's
    # hrnet_w18_small (recalled): 13.19 M, 1.61 GMACs
    _counted(g, (1_601_508_352, 13_171_608), (1.49e9, 13.2e6), (0.08, 0.005),
             13_183_624)
    g1, _ = _graph_multi(lambda b, x: hx.hrnet_w18_small(b, x, blocks=1), _IMAGENET)
    _pinned(g1, (1_471_452_160, 12_659_320), (1.49e9, 13.2e6), (0.02, 0.05))


def _registered(family, spaces, int8_counts):
    """The models ``family`` (a tuple of :mod:`experiments.perfsage_heldout`) are
    registered, one block of its builder models, their overlaps start with the
    training spaces ``spaces``, and each int8 graph (224 in, [1, 1000] out) holds
    the ops ``int8_counts[name]``; returns the block's index and the int8 graphs."""
    from experiments import perfsage_heldout as ph

    assert set(family) <= set(ph.MODELS)
    i = ph.BUILDER_MODELS.index(family[0])
    assert ph.BUILDER_MODELS[i:i + len(family)] == family
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in family] == spaces
    graphs = {}
    for name, counts in int8_counts.items():
        q, qi, qo = _int8_io(name)
        assert qi == [_IMAGENET] and qo == [(1, 1000)], name
        assert {k: q.op_types().count(k) for k in counts} == counts, name
        graphs[name] = q
    return i, graphs


def test_families_xxi_registered_and_int8_io():
    """The held-out dispatch knows the four at 224; their int8 graphs keep the DFC
    gates, the HARD_SWISHes, the UIB depthwise convs and the HRNet up-sampling
    (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION24B == ("pp_lcnet_1.0_224", "mobilenetv4_conv_small_224",
                             "ghostnetv2_1.0_224", "hrnet_w18_small_224")
    _registered(ph.SESSION24B, ["mbconv", "mbconv", "mbconv", "resnet"], {
        "pp_lcnet_1.0_224": {"HARD_SWISH": 28, "DEPTHWISE_CONV_2D": 13},
        "mobilenetv4_conv_small_224": {"DEPTHWISE_CONV_2D": 15, "ADD": 10},
        "ghostnetv2_1.0_224": {"LOGISTIC": 14, "RESIZE_NEAREST_NEIGHBOR": 14,
                               "AVERAGE_POOL_2D": 14},
        "hrnet_w18_small_224": {"RESIZE_NEAREST_NEIGHBOR": 10, "ADD": 46}})
