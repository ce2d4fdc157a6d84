"""jaxeff.gnn.heldout_nets_xxiv (held-out families XXIV, first half): structures,
counts."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_xxiv as hx
from tests.gnn.test_heldout_nets import (_bn_channels, _graph_multi, _int8_io, _params,
                                         _pinned)
from tests.gnn.test_heldout_nets_xxi import (_classifier, _counted, _kernels,
                                             _out_shapes, _registered)
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers


def _hand(layers):
    """(MACs, parameters) of convs / FCs given as (output side, C_in per group, C_out,
    kernel taps), each with a bias."""
    return (sum(h * h * k * ci * co for h, ci, co, k in layers),
            sum(k * ci * co + co for _, ci, co, k in layers))


def test_res2net50_hierarchical_splits_stage_pools_and_published_counts():
    # 16 blocks x (1x1, 3 3x3, 1x1) + stem + 4 projections; ADD: 16 residual and 2
    # between the splits in each of the 12 blocks that are not the first of a stage
    g = _classifier(hx.res2net50_26w4s, 165, {
        "CONV_2D": 85, "SPLIT": 16, "CONCATENATION": 16, "ADD": 40,
        "AVERAGE_POOL_2D": 4, "MAX_POOL_2D": 1, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    # splits of 26 planes / 64, on the block's input size (the stride is after them)
    assert _out_shapes(g, "SPLIT") == ([(56, 56, 26)] * 3 + [(56, 56, 52)]
                                       + [(28, 28, 52)] * 3 + [(28, 28, 104)]
                                       + [(14, 14, 104)] * 5 + [(14, 14, 208)]
                                       + [(7, 7, 208)] * 2)
    assert Counter(_kernels(g, "CONV_2D")) == {(1, 1): 36, (3, 3): 48, (7, 7): 1}
    prod = _producers(g)
    # a block's concat: three 3x3 convs and the last split (pooled in stage blocks,
    # with the block's stride)
    tails = []
    for cat in (op for op in g.ops if op.type == "CONCATENATION"):
        *convs, last = (prod[t] for t in cat.inputs)
        assert [c.type for c in convs] == ["CONV_2D"] * 3
        tails.append(last.type[0] + (str(last.options["stride_h"])
                                     if last.type == "AVERAGE_POOL_2D" else ""))
    assert tails == ["A1", "S", "S", "A2", "S", "S", "S", "A2"] + ["S"] * 5 + [
        "A2", "S", "S"]
    # hierarchical ADD: the previous 3x3 conv's output and the next split, no RELU
    inner = [op for op in g.ops if op.type == "ADD"
             and prod[op.inputs[1]].type == "SPLIT"]
    assert len(inner) == 24 and set(_acts(g, "ADD")) == {"NONE", "RELU"}
    assert all(prod[op.inputs[0]].type == "CONV_2D" and op.options[
        "fused_activation_function"] == "NONE" for op in inner)
    # by hand: (output side, C_in, C_out, taps) per conv, stage by stage
    layers, side, cin = [(112, 3, 64, 49), (1, 2048, 1000, 1)], 56, 64
    for i, (n, p) in enumerate(zip((3, 4, 6, 3), (64, 128, 256, 512), strict=True)):
        w = 26 * p // 64
        for j in range(n):
            h = side // (2 if i and not j else 1)
            layers += [(side, cin, 4 * w, 1), *[(h, w, w, 9)] * 3,
                       (h, 4 * w, 4 * p, 1)]
            layers += [(h, cin, 4 * p, 1)] if j == 0 else []
            side, cin = h, 4 * p
    assert _hand(layers) == (4_255_166_464, 25_669_374)
    # Res2Net-50 26w4s (recalled, not read): 4.2 GFLOPs, 25.7 M; timm's
    # res2net50_26w_4s 25.70 M (batch norm unfolded)
    _counted(g, _hand(layers), (4.2e9, 25.7e6), (0.015, 0.002), 25_699_120)


def test_regnetx_200mf_grouped_convs_as_split_and_published_counts():
    # stem, 13 x (1x1, 1x1), 4 projections, 3 + 7 + 4 x 19 + 7 x 46 group convs
    g = _classifier(hx.regnetx_200mf, 481, {
        "CONV_2D": 1 + 26 + 4 + 408, "SPLIT": 13, "CONCATENATION": 13, "ADD": 13,
        "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert [len(op.outputs) for op in g.ops if op.type == "SPLIT"] == (
        [3, 7] + [19] * 4 + [46] * 7)
    prod = _producers(g)
    for cat in (op for op in g.ops if op.type == "CONCATENATION"):
        convs = [prod[t] for t in cat.inputs]  # 8 -> 8 channels a group, RELU
        assert {(c.type, g.tensors[c.inputs[1]].shape, c.options[
            "fused_activation_function"]) for c in convs} == {
            ("CONV_2D", (8, 3, 3, 8), "RELU")}
        assert len({prod[c.inputs[0]].outputs for c in convs}) == 1  # one SPLIT
    assert _out_shapes(g, "ADD") == ([(56, 56, 24), (28, 28, 56)] + [(14, 14, 152)] * 4
                                     + [(7, 7, 368)] * 7)
    assert set(_acts(g, "ADD")) == {"RELU"}
    layers, side, cin = [(112, 3, 32, 9), (1, 368, 1000, 1)], 112, 32
    for depth, w in hx.REGNETX_200MF:
        for j in range(depth):
            h = side // (1 if j else 2)
            layers += [(side, cin, w, 1), (h, 8, w, 9), (h, w, w, 1)]
            layers += [] if j else [(h, cin, w, 1)]
            side, cin = h, w
    assert _hand(layers) == (199_039_872, 2_674_368)
    # RegNetX-200MF (recalled, not read): 0.2 GFLOPs, 2.7 M; timm's regnetx_002
    # 2.68 M (batch norm unfolded)
    _counted(g, _hand(layers), (0.2e9, 2.7e6), (0.006, 0.01), 2_684_792)


def test_espnetv2_eesp_units_reinforcement_and_published_counts():
    assert [hx._eesp_dilations(r) for r in (13, 11, 9, 7, 5)] == [
        (1, 2, 3, 4)] * 3 + [(1, 1, 2, 3), (1, 1, 1, 2)]
    # 17 EESP units x (2 grouped 1x1 of 4 convs, 4 depthwise, 3 HFF ADDs, 2 PRELU);
    # stem, 3 reinforcement pairs, head depthwise and grouped 1x1
    g = _classifier(hx.espnetv2, 447, {
        "CONV_2D": 17 * 8 + 1 + 6 + 4, "DEPTHWISE_CONV_2D": 17 * 4 + 1,
        "PRELU": 17 * 2 + 13 + 4 + 3 + 3, "ADD": 17 * 3 + 13 + 3,
        "CONCATENATION": 17 * 3 + 4 + 1, "SPLIT": 17 * 2 + 1,
        "AVERAGE_POOL_2D": 4 + 2 + 3 + 4, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"][:-1]
    got = [(op.options["stride_h"], op.options["dilation_h_factor"]) for op in dws]
    rates = [(2, 1, 2, 3, 4), (2, 1, 2, 3, 4)] + [(1, 1, 2, 3, 4)] * 3 + [
        (2, 1, 2, 3, 4)] + [(1, 1, 1, 2, 3)] * 7 + [(2, 1, 1, 2, 3)] + [
        (1, 1, 1, 1, 2)] * 3
    assert got == [(s, d) for s, *ds in rates for d in ds]
    # branch widths C / 4 on 56 ... 7 px
    assert _out_shapes(g, "DEPTHWISE_CONV_2D")[::4] == (
        [(56, 56, 8), (28, 28, 16)] + [(28, 28, 32)] * 3 + [(14, 14, 32)]
        + [(14, 14, 64)] * 7 + [(7, 7, 64)] + [(7, 7, 128)] * 3 + [(7, 7, 512)])
    prod = _producers(g)
    # strided units: CONCATENATION(average pool, grouped expansion), + reinforcement
    downs = [op for op in g.ops if op.type == "CONCATENATION"
             and prod[op.inputs[0]].type == "AVERAGE_POOL_2D"]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in downs] == [
        (56, 56, 64), (28, 28, 128), (14, 14, 256), (7, 7, 512)]
    # input reinforcement: the image pooled 2, 3, 4 times (recomputed per level)
    chains, img = [], g.inputs[0]
    for op in (op for op in g.ops if op.type == "AVERAGE_POOL_2D"
               and op.inputs[0] == img):
        n, t = 1, op.outputs[0]
        while (nxt := [o for o in g.ops if t in o.inputs])[0].type == "AVERAGE_POOL_2D":
            n, t = n + 1, nxt[0].outputs[0]
        chains.append(n)
    assert chains == [2, 3, 4]
    # ESPNetV2 s = 1.0 (recalled, not read): 86 MFLOPs, 1.67 M parameters. As the
    # release holds them: batch norm unfolded on every conv, but the dilated
    # depthwise branches have neither batch norm nor bias (-2 a channel), the batch
    # norm after each unit's CONCATENATION (+2 a channel: as many), and level 5's
    # unused reinforcement (3x3 conv 3 -> 3 with BN and PRELU, 1x1 3 -> 512 with BN)
    _pinned(g, (86_744_404, 1_655_485), (86e6, 1.67e6), (0.01, 0.01))
    branches = sum(g.tensors[op.outputs[0]].shape[-1] for op in dws)
    cats = sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
               if op.type == "CONCATENATION" and prod[op.inputs[-1]].type == "ADD")
    assert branches == cats == 4192
    release = (_params(g) + _bn_channels(g) - 2 * branches + 2 * cats
               + (81 + 2 * 3 + 3) + (3 * 512 + 2 * 512))
    assert release == 1_669_592 and abs(release / 1.67e6 - 1) < 0.001


def test_blazeface_blocks_padded_shortcuts_heads_and_hand_counts():
    g, outs = _graph_multi(hx.blazeface, (1, 128, 128, 3))
    assert outs == [(1, 896, 16), (1, 896, 1)] and len(g.ops) == 61
    assert Counter(op.type for op in g.ops) == {
        "CONV_2D": 22, "DEPTHWISE_CONV_2D": 17, "ADD": 11, "MAX_POOL_2D": 3,
        "PAD": 2, "RESHAPE": 4, "CONCATENATION": 2}
    assert set(_kernels(g, "DEPTHWISE_CONV_2D")) == {(5, 5)}
    prod = _producers(g)
    # stride-2 shortcuts: 2x2/2 max pool, zero channels padded where they grow
    pads = [op for op in g.ops if op.type == "PAD"]
    assert [prod[op.inputs[0]].type for op in pads] == ["MAX_POOL_2D"] * 2
    assert [g.tensors[op.inputs[1]].data.tolist() for op in pads] == [
        [[0, 0]] * 3 + [[0, c]] for c in (24, 48)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(32, 32, 24), (16, 16, 48), (8, 8, 96)]
    assert _out_shapes(g, "ADD") == ([(64, 64, 24)] * 2 + [(32, 32, 48)] * 3
                                     + [(16, 16, 96)] * 3 + [(8, 8, 96)] * 3)
    assert set(_acts(g, "ADD")) == {"RELU"}
    # heads: 16x16 x 2 anchors and 8x8 x 6 anchors, 16 box values and 1 score each
    # on the third and the sixth double block's ADD
    assert _out_shapes(g, "CONV_2D")[-4:] == [(16, 16, 32), (16, 16, 2), (8, 8, 96),
                                              (8, 8, 6)]
    adds = [op.outputs[0] for op in g.ops if op.type == "ADD"]
    assert [c.inputs[0] for c in g.ops if c.type == "CONV_2D"][-4:] == (
        [adds[7]] * 2 + [adds[10]] * 2)
    layers, side, cin = [(64, 3, 24, 25)], 64, 24
    for cout, s, mid in hx.BLAZEFACE:
        h = side // s
        layers += [(h, 1, cin, 25)]  # depthwise: one input channel a filter
        layers += [(h, cin, mid, 1), (h, 1, mid, 25), (h, mid, cout, 1)] if mid else [
            (h, cin, cout, 1)]
        side, cin = h, cout
    layers += [(16, 96, 32, 1), (16, 96, 2, 1), (8, 96, 96, 1), (8, 96, 6, 1)]
    assert _hand(layers) == (34_140_672, 71_176)
    _pinned(g, _hand(layers), (None, None), (0, 0))  # the paper gives none (recalled)


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxiv_a_registered_and_int8_io():
    """The held-out dispatch knows the four, right after families XXIII; their int8
    graphs keep the split groups, the dilated branches and BlazeFace's two
    outputs."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION25C == ("res2net50_26w4s_224", "regnetx_200mf_224",
                             "espnetv2_1.0_224", "blazeface_128")
    i, _ = _registered(ph.SESSION25C[:3], ["resnet", "resnet", "upsample"], {
        "res2net50_26w4s_224": {"SPLIT": 16, "ADD": 40, "AVERAGE_POOL_2D": 4},
        "regnetx_200mf_224": {"CONV_2D": 439, "CONCATENATION": 13},
        "espnetv2_1.0_224": {"DEPTHWISE_CONV_2D": 69, "PRELU": 57, "SPLIT": 35}})
    assert i == ph.BUILDER_MODELS.index(ph.SESSION25B[-1]) + 1
    assert ph.BUILDER_MODELS[i + 3] == "blazeface_128"
    assert ph.MODELS["blazeface_128"][1].split()[0] == "detect"
    q, qi, qo = _int8_io("blazeface_128")
    assert qi == [(1, 128, 128, 3)] and qo == [(1, 896, 16), (1, 896, 1)]
    assert {k: q.op_types().count(k) for k in ("PAD", "DEPTHWISE_CONV_2D", "RESHAPE")
            } == {"PAD": 2, "DEPTHWISE_CONV_2D": 17, "RESHAPE": 4}
