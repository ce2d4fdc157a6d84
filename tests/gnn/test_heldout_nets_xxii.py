"""jaxeff.gnn.heldout_nets_xxii: held-out families XXII (session 25) -- structures, op
counts, the shuffles' TRANSPOSEs and multiply-add / parameter counts against hand
counts and the published ones."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets as hn
from jaxeff.gnn import heldout_nets_xxii as hx
from jaxeff.gnn.graph import op_macs, total_macs
from tests.gnn.test_heldout_nets import (_cats, _graph_multi, _int8_io, _pinned,
                                         _producer)


def _consumers(g, t):
    return [op for op in g.ops if t in op.inputs]


def _kernels(g, kind):
    return [g.tensors[op.inputs[1]].shape[1] for op in g.ops if op.type == kind]


def _transposes(g):
    """(input shape, permutation) of every TRANSPOSE."""
    return [(g.tensors[op.inputs[0]].shape, tuple(g.tensors[op.inputs[1]].data))
            for op in g.ops if op.type == "TRANSPOSE"]


def _shuffles_ok(g):
    """Every TRANSPOSE is a shuffle: RESHAPE [1, H, W, C] -> [1, H W, g, C / g],
    TRANSPOSE [0, 1, 3, 2], RESHAPE back to [1, H, W, C]."""
    for op in (op for op in g.ops if op.type == "TRANSPOSE"):
        before = _producer(g, op.inputs[0])
        after = _consumers(g, op.outputs[0])
        assert before.type == "RESHAPE" and [a.type for a in after] == ["RESHAPE"]
        src, dst = g.tensors[before.inputs[0]].shape, g.tensors[after[0].outputs[0]].shape
        assert src == dst and len(src) == 4
        _, hw, grp, n = g.tensors[op.inputs[0]].shape
        assert hw == src[1] * src[2] and grp * n == src[3]
        assert tuple(g.tensors[op.inputs[1]].data) == (0, 1, 3, 2)


def _snv2_macs(res, widths, reps, k, stem=24):
    """Hand count of a ShuffleNet-v2 body (paper units, ``k x k`` depthwise)."""
    h = res // 2
    m, h, cin = h * h * stem * 27, h // 2, stem
    for c, n in zip(widths, reps, strict=True):
        ho, half = h // 2, c // 2
        m += ho * ho * cin * (k * k + half)  # kept branch: depthwise /2, 1x1
        m += h * h * cin * half + ho * ho * half * (k * k + half)
        m += (n - 1) * ho * ho * half * (2 * half + k * k)
        h, cin = ho, c
    return m


def test_snet146_cem_5x5_units_shuffles_and_counts():
    g, outs = _graph_multi(hx.snet146_cem, (1, 320, 320, 3))
    t = Counter(op.type for op in g.ops)
    assert outs == [(1, 20, 20, 245)] and len(g.ops) == 140
    # stem, 3 stride-2 units (3 convs, 2 depthwise), 13 stride-1 (2, 1); CEM 3 convs
    assert t["CONV_2D"] == 1 + 3 * 3 + 13 * 2 + 3
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [5] * (3 * 2 + 13)
    assert (t["SPLIT"], t["TRANSPOSE"], t["RESHAPE"]) == (13, 16, 32)
    assert (t["MAX_POOL_2D"], t["MEAN"], t["RESIZE_NEAREST_NEIGHBOR"], t["ADD"]) == (
        1, 1, 1, 2)
    assert _cats(g) == [(2, (40, 40, 132))] * 4 + [(2, (20, 20, 264))] * 8 + [
        (2, (10, 10, 528))] * 4
    _shuffles_ok(g)
    assert {s[0][2] for s in _transposes(g)} == {2}
    # CEM: ADD(1x1 of C4, nearest x2 of a 1x1 of C5), then ADD of the 1x1 conv of
    # C5's MEAN, broadcast from 1x1
    add1, add2 = (op for op in g.ops if op.type == "ADD")
    c4, up = (_producer(g, i) for i in add1.inputs)
    assert c4.type == "CONV_2D" and g.tensors[c4.inputs[0]].shape == (1, 20, 20, 264)
    assert up.type == "RESIZE_NEAREST_NEIGHBOR"
    c5 = _producer(g, up.inputs[0])
    assert g.tensors[c5.inputs[0]].shape == (1, 10, 10, 528)
    glb = _producer(g, add2.inputs[1])
    assert g.tensors[glb.outputs[0]].shape == (1, 1, 1, 245)
    assert _producer(g, glb.inputs[0]).type == "MEAN"
    assert g.ops[-1] is add2
    # hand counts: the CEM's three 1x1 convs; the body as a ShuffleNet-v2 (its
    # maps scale by (320 / 224)^2 = 100 / 49 exactly)
    cem = 20 * 20 * 264 * 245 + 10 * 10 * 528 * 245 + 528 * 245
    assert cem == 38_937_360
    assert total_macs(g) - cem == _snv2_macs(320, hx.SNET146, (4, 8, 4), 5)
    g224, _ = _graph_multi(hx.snet146, (1, 224, 224, 3))
    assert total_macs(g224) == _snv2_macs(224, hx.SNET146, (4, 8, 4), 5) == 160_609_848
    assert total_macs(g224) * 100 // 49 == total_macs(g) - cem
    # ThunderNet Table 1 (recalled, not read): SNet-146, 146 MFLOPs at 224 (with an
    # ImageNet FC of 528 x 1000); this count is 10 % above it
    _pinned(g, (366_712_560, 1_359_849), (None, None), (None, None))
    assert abs((total_macs(g224) + 528_000) / 146e6 - 1) < 0.11


def test_lite_hrnet18_channel_weighting_fuse_head_and_published_counts():
    g, outs = _graph_multi(hx.lite_hrnet18, (1, 256, 192, 3))
    t = Counter(op.type for op in g.ops)
    assert outs == [(1, 64, 48, 17)] and len(g.ops) == 986
    assert t == {"CONV_2D": 205, "DEPTHWISE_CONV_2D": 96, "MUL": 96, "ADD": 79,
                 "CONCATENATION": 65, "LOGISTIC": 64, "RESIZE_NEAREST_NEIGHBOR": 58,
                 "AVERAGE_POOL_2D": 52, "SPLIT": 49, "TRANSPOSE": 49, "RESHAPE": 98,
                 "MEAN": 48, "SPLIT_V": 16, "RELU": 8, "RESIZE_BILINEAR": 3}
    # 16 weighting blocks: 2 x 2 modules of 2 branches, 2 x 4 of 3, 2 x 2 of 4
    splits_v = [tuple(g.tensors[o].shape[-1] for o in op.outputs) for op in g.ops
                if op.type == "SPLIT_V"]
    assert splits_v == [(20, 40)] * 4 + [(20, 40, 80)] * 8 + [(20, 40, 80, 160)] * 4
    for op in (op for op in g.ops if op.type == "SPLIT_V"):  # 1x1 RELU, 1x1, LOGISTIC
        gate = _producer(g, op.inputs[0])
        up = _producer(g, gate.inputs[0])
        red = _producer(g, up.inputs[0])
        assert (gate.type, up.type, red.type) == ("LOGISTIC", "CONV_2D", "CONV_2D")
        assert red.options["fused_activation_function"] == "RELU"
        assert _producer(g, red.inputs[0]).type == "CONCATENATION"
    reds = [g.tensors[_producer(g, _producer(g, _producer(g, op.inputs[0]).inputs[0])
                                   .inputs[0]).outputs[0]].shape[-1]
            for op in g.ops if op.type == "SPLIT_V"]
    assert reds == [60 // 8] * 4 + [140 // 8] * 8 + [300 // 8] * 4 == [7] * 4 + [
        17] * 8 + [37] * 4
    # adaptive pooling to the smallest branch as 2x2/2 cascades: 1, 3, 6 per block
    pools = [op for op in g.ops if op.type == "AVERAGE_POOL_2D"]
    assert {(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
            for op in pools} == {(2, 2, "VALID")}
    assert len(pools) == 4 * 1 + 8 * 3 + 4 * 6
    # spatial weighting on every branch half: MEAN, 1x1 to C / 4 RELU, 1x1, LOGISTIC
    mids = Counter(g.tensors[_consumers(g, op.outputs[0])[0].outputs[0]].shape[-1]
                   for op in g.ops if op.type == "MEAN")
    assert mids == {5: 16, 10: 16, 20: 12, 40: 4}
    # per branch: CONCATENATION [kept half, weighted half], 2-group shuffle (and the
    # stem's); the weighting's CONCATENATION of the pooled halves
    _shuffles_ok(g)
    assert {s[0][2] for s in _transposes(g)} == {2}
    assert Counter(_cats(g)) == {
        (2, (64, 48, 32)): 1, (2, (64, 48, 40)): 16, (2, (32, 24, 80)): 16,
        (2, (16, 12, 160)): 12, (2, (8, 6, 320)): 4,
        (2, (32, 24, 60)): 4, (3, (16, 12, 140)): 8, (4, (8, 6, 300)): 4}
    # the release's fuse: ADD(t, t) once per output branch (24), branch 0's sum into
    # a standalone RELU and the other outputs' depthwise chains
    twice = [op for op in g.ops if op.type == "ADD" and op.inputs[0] == op.inputs[1]]
    assert len(twice) == 2 * 2 + 4 * 3 + 2 * 4
    for op in (op for op in g.ops if op.type == "RELU"):
        s0 = _producer(g, op.inputs[0])
        assert s0.type == "ADD" and len(_consumers(g, s0.outputs[0])) >= 2
        assert {c.type for c in _consumers(g, s0.outputs[0])} == {
            "RELU", "DEPTHWISE_CONV_2D"}
    # head: three half-pixel bilinear x2 resizes + ADD, then the 1x1 heatmap conv
    rs = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in rs] == [
        (16, 12, 160), (32, 24, 80), (64, 48, 40)]
    assert all(op.options["half_pixel_centers"] for op in rs)
    # hand count of the stem: 3x3/2 32; 1x1 16 -> 32, 3x3/2 depthwise, 1x1 32 -> 16;
    # 3x3/2 depthwise on 16, 1x1 16 -> 16
    stem = [op for op in g.ops if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")][:6]
    assert sum(op_macs(g, op) for op in stem) == (
        128 * 96 * 32 * 27 + 128 * 96 * 16 * 32 + 64 * 48 * 32 * 9 + 64 * 48 * 32 * 16
        + 64 * 48 * 16 * 9 + 64 * 48 * 16 * 16)
    assert op_macs(g, g.ops[-1]) == 64 * 48 * 40 * 17
    # the release's README (read): 1.1 M parameters, 205.2 M FLOPs at 256x192
    _pinned(g, (198_626_688, 1_114_569), (205.2e6, 1.1e6), (0.04, 0.02))


def test_igcv3_d_group_convs_permutations_and_published_counts():
    g, outs = _graph_multi(hx.igcv3_d, (1, 224, 224, 3))
    t = Counter(op.type for op in g.ops)
    assert outs == [(1, 1000)] and len(g.ops) == 510
    assert [op.type for op in g.ops[-3:]] == ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    blocks = sum(n for _, _, n, _ in hx.IGCV3_D)
    assert blocks == 32
    # per block: 2 group convs of 2 CONV_2Ds (SPLIT / CONCATENATION), 2 permutations
    assert t["CONV_2D"] == 4 * blocks + 2 and t["DEPTHWISE_CONV_2D"] == blocks
    assert t["SPLIT"] == t["CONCATENATION"] == t["TRANSPOSE"] == 2 * blocks
    assert t["RESHAPE"] == 4 * blocks and t["ADD"] == blocks - len(hx.IGCV3_D)
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "DEPTHWISE_CONV_2D"} == {"RELU6"}
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [op.options["fused_activation_function"] for op in convs] == (
        ["RELU6"] + ["NONE"] * 4 * blocks + ["RELU6"])  # linear group convs
    assert [op.options["stride_h"] for op in g.ops if op.type == "DEPTHWISE_CONV_2D"
            ] == [1, 2, 1, 1, 1, 2] + [1] * 5 + [2] + [1] * 13 + [2] + [1] * 6
    # the 2-group permutation of the expansion, then the release's C / 2-group one
    # of the projection, each RESHAPE / TRANSPOSE / RESHAPE
    _shuffles_ok(g)
    tr = _transposes(g)
    assert [s[0][2] for s in tr[0::2]] == [2] * blocks
    assert [s[0][2] for s in tr[1::2]] == [c // 2 for _, c, n, _ in hx.IGCV3_D
                                           for _ in range(n)]
    assert tr[:2] == [((1, 112 * 112, 2, 16), (0, 1, 3, 2)),
                      ((1, 112 * 112, 8, 2), (0, 1, 3, 2))]
    for op in (op for op in g.ops if op.type == "ADD"):  # after the 2nd permutation
        assert _producer(g, op.inputs[1]).type == "RESHAPE"
        assert op.options["fused_activation_function"] == "NONE"
    # hand count from the table: expansion H W C (t C) / 2, depthwise 9 t C per output
    # pixel, projection (t C) c / 2 per output pixel; stem, last 1x1, FC
    h, cin, macs, par = 112, 32, 112 * 112 * 32 * 27, 27 * 32 + 32
    for tt, c, n, s in hx.IGCV3_D:
        for j in range(n):
            ho, e = h // (s if j == 0 else 1), tt * cin
            macs += h * h * cin * e // 2 + ho * ho * e * (9 + c // 2)
            par += cin * e // 2 + 11 * e + e * c // 2 + c
            h, cin = ho, c
    macs += 7 * 7 * 320 * 1280 + 1280 * 1000
    par += 320 * 1280 + 1280 + 1280 * 1000 + 1000
    # the release's README (read): 3.5 M parameters; the paper's multiply-adds
    # (recalled, not read): about 318 M
    _pinned(g, (macs, par), (318e6, 3.5e6), (0.02, 0.02))
    assert (macs, par) == (312_970_176, 3_459_416)


def test_shuffleseg_shufflenet_v1_encoder_skip_decoder_and_counts():
    g, outs = _graph_multi(hx.shuffleseg, (1, 256, 512, 3))
    t = Counter(op.type for op in g.ops)
    assert outs == [(1, 256, 512, 20)] and len(g.ops) == 249
    assert "SOFTMAX" not in t and "FULLY_CONNECTED" not in t
    # encoder: the ShuffleNet-v1 test model's 16 units (95 convs); 3 score convs
    assert t["CONV_2D"] == 95 + 3 and t["DEPTHWISE_CONV_2D"] == 16
    assert (t["SPLIT"], t["TRANSPOSE"], t["RESHAPE"]) == (31, 16, 32)
    _shuffles_ok(g)
    assert {s[0][2] for s in _transposes(g)} == {3}
    assert [c for c in _cats(g) if c[0] == 2] == [
        (2, (32, 64, 240)), (2, (16, 32, 480)), (2, (8, 16, 960))]
    # SkipNet: 4x4/2 TRANSPOSE_CONV (no bias) + 1x1 score conv of stage 3, of stage 2
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert len(tcs) == 2 and all(len(op.inputs) == 3 for op in tcs)
    assert [(g.tensors[op.inputs[1]].shape, op.options["stride_h"]) for op in tcs] == [
        ((20, 4, 4, 20), 2)] * 2
    for op, skip in zip(tcs, ((16, 32, 480), (32, 64, 240)), strict=True):
        add = _consumers(g, op.outputs[0])
        assert [a.type for a in add] == ["ADD"]
        score = _producer(g, add[0].inputs[1])
        assert g.tensors[score.inputs[0]].shape[1:] == skip
    rs = next(op for op in g.ops if op.type == "RESIZE_BILINEAR")
    assert g.tensors[rs.inputs[0]].shape == (1, 32, 64, 20) and rs is g.ops[-1]
    assert not (rs.options["align_corners"] or rs.options["half_pixel_centers"])
    # hand counts: the decoder; the encoder is the ShuffleNet-v1 test model's body
    # without its FC, scaled by 512 x 256 / 224^2 = 128 / 49 (every map exactly)
    dec = (8 * 16 * 960 * 20 + 8 * 16 * 20 * 16 * 20 + 16 * 32 * 480 * 20
           + 16 * 32 * 20 * 16 * 20 + 32 * 64 * 240 * 20)
    v1, _ = _graph_multi(hn.shufflenet_v1, (1, 224, 224, 3))
    assert total_macs(g) - dec == (total_macs(v1) - 960 * 1000) * 128 // 49
    assert dec == 21_299_200
    # the paper (recalled, not read): 2.03 GFLOPs at a resolution not recalled; no
    # published parameter count known
    _pinned(g, (377_872_384, 938_948), (None, None), (None, None))


def test_families_xxii_registered():
    """The held-out dispatch knows the four, right after families XXI."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION25 == ("snet146_320", "lite_hrnet18_256x192", "igcv3_d_1.0_224",
                            "shuffleseg_512x256")
    assert set(ph.SESSION25) <= set(ph.MODELS)
    i = ph.BUILDER_MODELS.index(ph.SESSION25[0])
    assert ph.BUILDER_MODELS[i - 4:i + 4] == ph.SESSION24B + ph.SESSION25
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION25] == [
        "shuffle", "shuffle", "mbconv", "upsample"]


@pytest.mark.parametrize("name,shape,outs,counts", [
    ("snet146_320", (1, 320, 320, 3), [(1, 20, 20, 245)],
     {"TRANSPOSE": 16, "DEPTHWISE_CONV_2D": 19}),
    ("lite_hrnet18_256x192", (1, 256, 192, 3), [(1, 64, 48, 17)],
     {"TRANSPOSE": 49, "SPLIT_V": 16, "LOGISTIC": 64, "AVERAGE_POOL_2D": 52}),
    ("igcv3_d_1.0_224", (1, 224, 224, 3), [(1, 1000)], {"TRANSPOSE": 64, "SPLIT": 64}),
    ("shuffleseg_512x256", (1, 256, 512, 3), [(1, 256, 512, 20)],
     {"TRANSPOSE": 16, "TRANSPOSE_CONV": 2})])
def test_families_xxii_int8_io(name, shape, outs, counts):
    """Int8 inputs / outputs at the model's sizes; the int8 graph keeps the
    shuffles' TRANSPOSEs and the other ops named (LiteRT calibration)."""
    q, qi, qo = _int8_io(name)
    assert qi == [shape] and qo == outs
    assert {k: q.op_types().count(k) for k in counts} == counts
