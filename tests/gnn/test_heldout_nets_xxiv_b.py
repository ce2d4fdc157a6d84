"""jaxeff.gnn.heldout_nets_xxiv_b: held-out families XXIV, second half (session 25) --
structures, op counts, multiply-add / parameter counts against hand counts and the
published ones, and the int8 builds."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets as hn
from jaxeff.gnn import heldout_nets_xxiv_b as hx
from jaxeff.gnn.graph import total_macs
from tests.gnn.test_heldout_nets import (_graph_multi, _int8_io, _params, _pinned,
                                         _producer)


def _types(g):
    return Counter(op.type for op in g.ops)


def _act(op):
    return op.options.get("fused_activation_function")


def test_centernet_r18_up_convolutions_heads_and_hand_counts():
    g, outs = _graph_multi(hx.centernet_r18, (1, 512, 512, 3))
    assert outs == [(1, 128, 128, 80), (1, 128, 128, 2), (1, 128, 128, 2)]
    assert len(g.ops) == 41 and _types(g) == {
        "CONV_2D": 20 + 3 + 6, "ADD": 8, "TRANSPOSE_CONV": 3, "MAX_POOL_2D": 1}
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [(g.tensors[op.inputs[1]].shape, op.options["stride_h"], _act(op))
            for op in tcs] == [((c, 4, 4, c), 2, "RELU") for c in hx.CENTERNET_UP]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in tcs] == [
        (32, 32, 256), (64, 64, 128), (128, 128, 64)]
    for op in tcs:  # a 3x3 conv RELU before each up-convolution [U: not deformable]
        pre = _producer(g, op.inputs[2])
        assert pre.type == "CONV_2D" and _act(pre) == "RELU"
        assert g.tensors[pre.inputs[1]].shape[1:3] == (3, 3)
    for o in g.outputs:  # heads: 3x3 64 RELU, 1x1 (linear) on the last up-conv
        last = _producer(g, o)
        mid = _producer(g, last.inputs[0])
        assert g.tensors[last.inputs[1]].shape[1:3] == (1, 1) and _act(last) == "NONE"
        assert g.tensors[mid.inputs[1]].shape == (64, 3, 3, 64) and _act(mid) == "RELU"
        assert mid.inputs[0] == tcs[-1].outputs[0]
    # hand count: ResNet-18 at 512 without its FC, the up-convolutions, the heads
    r18, _ = _graph_multi(hn.resnet18, (1, 512, 512, 3))
    macs = total_macs(r18) - 512 * 1000
    par = _params(r18) - 513_000
    cin, h = 512, 16
    for c in hx.CENTERNET_UP:
        macs += h * h * cin * 9 * c + h * h * c * 16 * c
        par += cin * 9 * c + c + c * 16 * c + c
        cin, h = c, 2 * h
    macs += 128 * 128 * 64 * (3 * 576 + 84)
    par += 3 * (576 * 64 + 64) + 64 * 84 + 84
    _pinned(g, (macs, par), (None, None), (None, None))
    assert (macs, par) == (13_086_228_480, 14_213_396)


def test_ddrnet23_slim_bilateral_fusion_dappm_and_published_counts():
    g, outs = _graph_multi(hx.ddrnet23_slim, (1, 512, 1024, 3))
    assert outs == [(1, 64, 128, 19)] and len(g.ops) == 96
    assert _types(g) == {"CONV_2D": 55, "ADD": 24, "RESIZE_BILINEAR": 7, "RELU": 5,
                         "AVERAGE_POOL_2D": 3, "MEAN": 1, "CONCATENATION": 1}
    # DAPPM: 5x5/2 SAME average pools chained 8x16 -> 4x8 -> 2x4 -> 1x2 [U], MEAN;
    # one CONCATENATION of the five 128-channel branches
    pools = [op for op in g.ops if op.type == "AVERAGE_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"], op.options["padding"],
             g.tensors[op.outputs[0]].shape[1:3]) for op in pools] == [
        (5, 2, "SAME", (4, 8)), (5, 2, "SAME", (2, 4)), (5, 2, "SAME", (1, 2))]
    assert [_producer(g, op.inputs[0]).type for op in pools[1:]] == [
        "AVERAGE_POOL_2D"] * 2
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert len(cat.inputs) == 5 and g.tensors[cat.outputs[0]].shape == (1, 8, 16, 640)
    # resizes: DAPPM x2 (half-pixel), x4, x8, 1x1 broadcast; fusion x2 / x4; spp x8
    rs = [(g.tensors[op.inputs[0]].shape[1:3], g.tensors[op.outputs[0]].shape[1:3],
           op.options["half_pixel_centers"]) for op in g.ops
          if op.type == "RESIZE_BILINEAR"]
    assert rs == [((32, 64), (64, 128), True), ((16, 32), (64, 128), False),
                  ((4, 8), (8, 16), True), ((2, 4), (8, 16), False),
                  ((1, 2), (8, 16), False), ((1, 1), (8, 16), False),
                  ((8, 16), (64, 128), False)]
    # bilateral fusion: high -> low by strided 3x3 convs (one, then two), ADD RELU
    downs = [op for op in g.ops if op.type == "CONV_2D" and op.options["stride_h"] == 2
             and op.inputs[0] not in g.inputs
             and _producer(g, op.inputs[0]).type == "RELU"]
    assert [(g.tensors[op.outputs[0]].shape[1:], _act(op)) for op in downs] == [
        ((32, 64, 128), "NONE"), ((32, 64, 128), "RELU")]
    down4 = next(op for op in g.ops if downs[1].outputs[0] in op.inputs)
    assert g.tensors[down4.outputs[0]].shape[1:] == (16, 32, 256)
    for op in (downs[0], down4):  # ADD(low, down) with fused RELU
        add = next(a for a in g.ops if op.outputs[0] in a.inputs)
        assert add.type == "ADD" and _act(add) == "RELU"
    # the standalone RELUs: the two no_relu layer outputs of each fusion, DAPPM's cat
    assert [g.tensors[op.inputs[0]].shape[1:] for op in g.ops if op.type == "RELU"] == [
        (64, 128, 64), (32, 64, 128), (64, 128, 64), (16, 32, 256), (8, 16, 640)]
    # the paper (Table, recalled): 5.7 M parameters, 36.3 GFLOPs at 2048 x 1024 (4x)
    _pinned(g, (9_070_379_008, 5_683_059), (36.3e9 / 4, 5.7e6), (0.01, 0.01))


def test_lraspp_mnv3_large_dilated_tail_head_and_published_counts():
    g, outs = _graph_multi(hx.lraspp_mnv3_large, (1, 512, 512, 3))
    assert outs == [(1, 64, 64, 19)] and len(g.ops) == 133
    assert _types(g) == {"CONV_2D": 51, "HARD_SWISH": 20, "ADD": 19, "MUL": 17,
                         "DEPTHWISE_CONV_2D": 15, "MEAN": 9, "LOGISTIC": 1,
                         "RESIZE_BILINEAR": 1}
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    opts = [(op.options["stride_h"], op.options["dilation_h_factor"]) for op in dws]
    assert opts == (
        [(1, 1), (2, 1), (1, 1), (2, 1), (1, 1), (1, 1), (2, 1)] + [(1, 1)] * 5
        + [(1, 2)] * 3)
    assert g.tensors[dws[-1].outputs[0]].shape == (1, 32, 32, 960)
    # head: ADD(1x1 classifier of the 1/8 tap, 1x1 classifier of the x2 up-sampled
    # MUL(1x1 128 RELU, LOGISTIC(1x1 of the MEAN)))
    add = g.ops[-1]
    low, high = (_producer(g, t) for t in add.inputs)
    assert g.tensors[low.inputs[0]].shape == (1, 64, 64, 40)
    up = _producer(g, high.inputs[0])
    assert up.type == "RESIZE_BILINEAR" and up.options["half_pixel_centers"]
    mul = _producer(g, up.inputs[0])
    br, gate = (_producer(g, t) for t in mul.inputs)
    assert _act(br) == "RELU" and g.tensors[br.outputs[0]].shape == (1, 32, 32, 128)
    assert gate.type == "LOGISTIC"
    assert g.tensors[gate.outputs[0]].shape == (1, 1, 1, 128)
    assert _producer(g, _producer(g, gate.inputs[0]).inputs[0]).type == "MEAN"
    # torchvision (recalled, not read): 3,221,538 parameters with 21 classes, 2.09
    # GFLOPs (multiply-adds) at 520 x 520
    _pinned(g, (1_973_288_832, 3_209_014), (2.09e9 * (512 / 520) ** 2, 3_221_538),
            (0.03, 0.01))


def test_efficientdet_d0_bifpn_heads_and_published_counts():
    g, outs = _graph_multi(hx.efficientdet_d0, (1, 512, 512, 3))
    levels = [(64, 64), (32, 32), (16, 16), (8, 8), (4, 4)]
    assert outs == [(1, *hw, 810) for hw in levels] + [(1, *hw, 36) for hw in levels]
    assert len(g.ops) == 591
    b0, _ = _graph_multi(hn.efficientnet_b0, (1, 224, 224, 3))
    t, tb = _types(g), _types(b0)
    # B0 without its head (1x1 1280 swish, MEAN, FC, SOFTMAX); P6 1x1 + 2 max pools;
    # BiFPN layers of 8 nodes (19 fusion MULs, 11 ADDs, swish, separable conv), 4
    # nearest x2 and 4 max pools; 10 head towers of 3 separable convs + swish, 1 more
    assert t["CONV_2D"] == tb["CONV_2D"] - 1 + 1 + 5 + 3 * 8 + 10 * 4
    assert t["DEPTHWISE_CONV_2D"] == tb["DEPTHWISE_CONV_2D"] + 3 * 8 + 10 * 4
    assert t["MUL"] == tb["MUL"] - 1 + 3 * (19 + 8) + 10 * 3
    assert t["ADD"] == tb["ADD"] + 3 * 11 and t["MEAN"] == tb["MEAN"] - 1 == 16
    assert (t["MAX_POOL_2D"], t["RESIZE_NEAREST_NEIGHBOR"]) == (2 + 3 * 4, 3 * 4)
    assert set(t) == {"CONV_2D", "DEPTHWISE_CONV_2D", "MUL", "ADD", "LOGISTIC", "MEAN",
                      "MAX_POOL_2D", "RESIZE_NEAREST_NEIGHBOR"}
    pools = {(o.options["filter_height"], o.options["stride_h"], o.options["padding"])
             for o in g.ops if o.type == "MAX_POOL_2D"}
    assert pools == {(3, 2, "SAME")}
    # fusion: MUL by one folded scalar weight per node size [U]
    consts = {round(float(g.tensors[i].data.ravel()[0]), 4) for op in g.ops
              if op.type == "MUL" for i in op.inputs
              if g.tensors[i].data is not None}
    assert consts == {0.5, 0.3333}
    # hand count of the heads: per level 3 x (9 x 64 + 64 x 64) + 9 x 64 + 64 x out
    pix = sum(h * w for h, w in levels)
    head = pix * (2 * 3 * (9 * 64 + 64 * 64) + 2 * 9 * 64 + 64 * (810 + 36))
    assert head == 454_637_568
    # EfficientNet-B0 at 512 without its head conv and FC; P6 and BiFPN the rest
    b512, _ = _graph_multi(hn.efficientnet_b0, (1, 512, 512, 3))
    body = total_macs(b512) - 16 * 16 * 320 * 1280 - 1280 * 1000
    assert total_macs(g) - head - body == 136_203_264
    # the paper (Table 2, read from the abstract's table): 3.9 M parameters, 2.5 B
    # FLOPs (multiply-adds); our graph repeats the shared head weights on 5 levels:
    # without the 4 copies of one level's kernels, 3,861,642 (-1.0 %)
    shared = 4 * (2 * 3 * (9 * 64 + 64 * 64) + 2 * 9 * 64 + 64 * (810 + 36))
    _pinned(g, (2_492_331_520, 4_194_954), (2.5e9, None), (0.01, None))
    assert abs((_params(g) - shared) / 3.9e6 - 1) < 0.011


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxiv_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION25D == ("centernet_r18_512", "ddrnet23_slim_1024x512",
                             "lraspp_mnv3_large_512", "efficientdet_d0_512")
    assert set(ph.SESSION25D) <= set(ph.BUILDER_MODELS) & set(ph.MODELS)
    shapes = {"centernet_r18_512": ((1, 512, 512, 3), 3, 41),
              "ddrnet23_slim_1024x512": ((1, 512, 1024, 3), 1, 96),
              "lraspp_mnv3_large_512": ((1, 512, 512, 3), 1, 133),
              "efficientdet_d0_512": ((1, 512, 512, 3), 10, 591)}
    for name, (shape, n_out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and len(outs) == n_out and len(g.ops) == n_ops
