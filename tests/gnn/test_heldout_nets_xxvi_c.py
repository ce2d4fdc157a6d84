"""jaxeff.gnn.heldout_nets_xxvi_c: held-out families XXVI, part c (session 26) --
structures, op counts per type, multiply-add / parameter counts against hand counts
and the published ones, registration and the int8 builds."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_xxvi_c as hx
from tests.gnn.test_heldout_nets import (_bn_channels, _graph_multi, _int8_io, _params,
                                         _pinned, _producer)
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiv_b import _act, _types


def _dil(op):
    return op.options["dilation_h_factor"]


def test_retinanet_fpn_p3_p7_subnets_and_torchvision_params():
    g, outs = _graph_multi(hx.retinanet_r50_fpn, (1, 512, 512, 3))
    levels = [64, 32, 16, 8, 4]
    assert outs == [(1, s, s, 720) for s in levels] + [(1, s, s, 36) for s in levels]
    # ResNet-50 less its head (53 convs, 16 ADDs, max pool); FPN: 3 laterals, 3
    # outputs, P6, P7, 2 nearest x2 + ADD, the RELU before P7; 10 subnets of 5 convs
    assert len(g.ops) == 133 and _types(g) == {
        "CONV_2D": 53 + 8 + 50, "ADD": 16 + 2, "RESIZE_NEAREST_NEIGHBOR": 2,
        "MAX_POOL_2D": 1, "RELU": 1}
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    # the laterals read C3 / C4 / C5 (the last ADD of stages 3-5)
    lat = convs[53:56]
    assert [g.tensors[op.inputs[0]].shape for op in lat] == [
        (1, 64, 64, 512), (1, 32, 32, 1024), (1, 16, 16, 2048)]
    assert {_producer(g, op.inputs[0]).type for op in lat} == {"ADD"}
    # P6: 3x3/2 on C5 (the paper's choice); P7: 3x3/2 on RELU(P6)
    p6, p7 = convs[59:61]
    assert p6.inputs[0] == lat[2].inputs[0] and p6.options["stride_h"] == 2
    assert _producer(g, p7.inputs[0]).type == "RELU" and p7.options["stride_h"] == 2
    assert g.tensors[p7.outputs[0]].shape == (1, 4, 4, 256)
    # subnets: 4 x 3x3 conv 256 RELU, a linear 3x3 to 9 x 80 / 9 x 4
    heads = convs[61:]
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in heads} == {(3, 3)}
    assert [(g.tensors[op.outputs[0]].shape[-1], _act(op)) for op in heads[:5]] == [
        (256, "RELU")] * 4 + [(720, "NONE")]
    # hand count of the subnets: per pixel 8 convs 256 -> 256 and the two outputs
    pix = sum(s * s for s in levels)
    head = pix * (8 * 9 * 256 * 256 + 9 * 256 * (720 + 36))
    assert head == 35_248_029_696
    per_level = 8 * (9 * 256 * 256 + 256) + 9 * 256 * 756 + 756
    _pinned(g, (61_023_076_352, 63_795_012), (None, None), (None, None))
    # the paper shares the subnets over the levels: 37,942,132 with them once.
    # torchvision's retinanet_resnet50_fpn (recalled: 34,014,999 parameters) has 91
    # classes, P6 on P5 (256 in, not 2048) and frozen batch norm in the backbone
    # (no conv biases there: 26,560 channels); with those three changes our count
    # is exactly torchvision's
    shared = _params(g) - 4 * per_level
    assert shared == 37_942_132
    assert shared - 26_560 - (2048 - 256) * 9 * 256 + 11 * 9 * (9 * 256 + 1) == (
        34_014_999)


def test_yolo_fastest_11_blocks_spp_heads_and_published_counts():
    g, outs = _graph_multi(hx.yolo_fastest_11, (1, 320, 320, 3))
    assert outs == [(1, 10, 10, 255), (1, 20, 20, 255)] and len(g.ops) == 162
    # stem; 24 blocks of 1x1 / depthwise / 1x1 (18 with a shortcut ADD); SPP; heads
    # of a 1x1 96, two (5x5 depthwise + 1x1) each and the 255 convs
    assert _types(g) == {"CONV_2D": 1 + 24 * 2 + 1 + 2 * 3, "LEAKY_RELU": 54,
                         "DEPTHWISE_CONV_2D": 24 + 4, "ADD": 18, "MAX_POOL_2D": 3,
                         "CONCATENATION": 2, "RESIZE_NEAREST_NEIGHBOR": 1}
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    # block outputs (cfg): 4 / 8 / 8 / 16 / 24 / 48 channels at 160 ... 10
    assert _out_shapes(g, "ADD") == (
        [(160, 160, 4)] + [(80, 80, 8)] * 2 + [(40, 40, 8)] * 2 + [(40, 40, 16)] * 4
        + [(20, 20, 24)] * 4 + [(10, 10, 48)] * 5)
    dk = Counter(k for k, _ in _kernels(g, "DEPTHWISE_CONV_2D"))
    assert dk == {3: 24, 5: 4}
    assert [op.options["stride_h"] for op in g.ops
            if op.type == "DEPTHWISE_CONV_2D"].count(2) == 4
    # SPP: 9 / 5 / 3 max pools at stride 1 and the map, one CONCATENATION (192)
    pools = [(o.options["filter_height"], o.options["stride_h"], o.options["padding"])
             for o in g.ops if o.type == "MAX_POOL_2D"]
    assert pools == [(9, 1, "SAME"), (5, 1, "SAME"), (3, 1, "SAME")]
    # head 2: the 1x1 96 up-sampled x2 and the last 20x20 block (cfg layer 80)
    assert _out_shapes(g, "CONCATENATION") == [(10, 10, 192), (20, 20, 120)]
    cat2 = [op for op in g.ops if op.type == "CONCATENATION"][1]
    assert [_producer(g, t).type for t in cat2.inputs] == ["RESIZE_NEAREST_NEIGHBOR",
                                                          "ADD"]
    # the README: 0.252 BFlops (2 x multiply-adds) and 0.35 M "params", the values
    # of the darknet weight file (weights, and bias, scale, mean and variance of each
    # batch-normalised channel; the 255 convs have a bias): -0.5 % and -1.1 %
    _pinned(g, (125_437_600, 326_166), (0.252e9 / 2, None), (0.006, None))
    bn = sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
             if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")) - 2 * 255
    weights = _params(g) - bn - 2 * 255
    assert (bn, weights + 4 * bn + 2 * 255) == (6_632, 346_062)
    assert abs(346_062 / 0.35e6 - 1) < 0.012


def test_scrfd_500m_backbone_pafpn_heads_and_published_counts():
    g, outs = _graph_multi(hx.scrfd_500m, (1, 640, 640, 3))
    assert outs == [(1, 16800, 1), (1, 16800, 4)] and len(g.ops) == 71
    # body: stem + 14 separable; PAFPN: 3 laterals, 3 + 2 3x3, 2 3x3/2, 2 x2, 4 ADD;
    # head per stride: 2 separable + score / box 3x3 convs, 2 RESHAPEs
    assert _types(g) == {"CONV_2D": 15 + 10 + 3 * 4, "DEPTHWISE_CONV_2D": 14 + 3 * 2,
                         "RESHAPE": 6, "ADD": 4, "RESIZE_NEAREST_NEIGHBOR": 2,
                         "CONCATENATION": 2}
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [op.options["stride_h"] for op in dws[:14]] == [
        1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1]
    # stage outputs 40 / 72 / 152 / 288 at 160 ... 20; the neck reads the last three
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [g.tensors[op.inputs[0]].shape for op in convs[15:18]] == [
        (1, 80, 80, 72), (1, 40, 40, 152), (1, 20, 20, 288)]
    assert {g.tensors[op.outputs[0]].shape[-1] for op in convs[15:25]} == {16}
    # bottom-up 3x3/2 convs, ADDed to the top-down level
    down = [op for op in convs[15:25] if op.options["stride_h"] == 2]
    assert [g.tensors[op.outputs[0]].shape for op in down] == [
        (1, 40, 40, 16), (1, 20, 20, 16)]
    assert {_act(op) for op in convs[15:25]} == {"NONE"}
    # towers: 16 -> 64 -> 64 RELU; then per stride 3x3 convs to 2 x 1 and 2 x 4
    assert [(g.tensors[op.outputs[0]].shape[1:], _act(op)) for op in convs[25:31]] == [
        ((s, s, 64), "RELU") for s in (80, 80, 40, 40, 20, 20)]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in convs[31:]] == [
        (s, s, c) for s in (80, 40, 20) for c in (2, 8)]
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in convs[31:]} == {(3, 3)}
    # the paper: SCRFD-0.5GF, 0.5 GFLOPs at VGA (640 x 480) and 0.57 M parameters;
    # at 640 x 480 we count -4.5 %; with the head counted once (shared over the
    # strides in the release) -0.3 %
    _pinned(g, (636_777_600, 591_734), (None, None), (None, None))
    vga, _ = _graph_multi(hx.scrfd_500m, (1, 480, 640, 3))
    per_level = (9 * 16 + 16) + (16 * 64 + 64) + (9 * 64 + 64) + (64 * 64 + 64) + (
        9 * 64 * 10 + 10)
    assert per_level == 11_818
    _pinned(vga, (477_583_200, 591_734), (0.5e9, None), (0.05, None))
    assert abs((_params(g) - 2 * per_level) / 0.57e6 - 1) < 0.004


def test_ultraface_rfb_320_backbone_rfb_heads_and_published_counts():
    g, outs = _graph_multi(hx.ultraface_rfb_320, (1, 240, 320, 3))
    assert outs == [(1, 4420, 2), (1, 4420, 4)] and len(g.ops) == 65
    # stem, 11 separable convs, RFB (12 convs, CONCATENATION, ADD), extra layer (1x1,
    # separable), heads: 3 maps x 2 separable + 2 plain 3x3; 8 RESHAPEs, 2 concats
    assert _types(g) == {"CONV_2D": 1 + 11 + 12 + 2 + 6 + 2,
                         "DEPTHWISE_CONV_2D": 11 + 1 + 6, "RESHAPE": 8,
                         "CONCATENATION": 1 + 2, "ADD": 1, "SOFTMAX": 1}
    # RFB: three branches ending in 3x3 convs dilated 2 / 3 / 5 to 16 channels
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [(_dil(op), g.tensors[op.outputs[0]].shape[-1]) for op in convs
            if _dil(op) > 1] == [(2, 16), (3, 16), (5, 16)]
    rfb = next(op for op in g.ops if op.type == "CONCATENATION")
    assert g.tensors[rfb.outputs[0]].shape == (1, 30, 40, 48)
    add = next(op for op in g.ops if op.type == "ADD")
    assert g.tensors[add.outputs[0]].shape == (1, 30, 40, 64) and _act(add) == "RELU"
    # four maps: 40x30, 20x15, 10x8, 5x4 with 3 / 2 / 2 / 3 anchors
    maps = [g.tensors[op.inputs[0]].shape[1:3] for op in g.ops if op.type == "RESHAPE"]
    assert maps[::2] == [(30, 40), (15, 20), (8, 10), (4, 5)]
    assert sum(h * w * a for (h, w), a in zip(maps[::2], hx.ULTRAFACE_ANCHORS,
                                              strict=True)) == 4420
    assert g.ops[-1].type == "SOFTMAX"
    # OpenVINO's model zoo (read): 0.2106 GFLOPs (2 x multiply-adds) and 0.3004 M
    # parameters: -4.6 % MACs; parameters -8.0 % with batch norm unfolded (the
    # stem, the separable convs of the body and the RFB; not the extra layer and
    # the heads), a gap not explained [U]
    _pinned(g, (100_418_560, 273_888), (0.2106e9 / 2, None), (0.05, None))
    bn = _bn_channels(g) - sum(g.tensors[op.outputs[0]].shape[-1] for op in
                               convs[-10:] + [o for o in g.ops
                                              if o.type == "DEPTHWISE_CONV_2D"][-7:])
    assert bn == 2_404 and abs((_params(g) + bn) / 0.3004e6 - 1) < 0.085


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xxvi_c_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26E == ("retinanet_r50_fpn_512", "yolo_fastest_1.1_320",
                             "scrfd_500m_640", "ultraface_rfb_320x240")
    assert set(ph.SESSION26E) <= set(ph.MODELS)
    i = ph.BUILDER_MODELS.index(ph.SESSION26E[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION26E
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION26E] == [
        "resnet", "mbconv", "detect", "detect"]
    shapes = {"retinanet_r50_fpn_512": ((1, 512, 512, 3), 10, 133),
              "yolo_fastest_1.1_320": ((1, 320, 320, 3), 2, 162),
              "scrfd_500m_640": ((1, 640, 640, 3), 2, 71),
              "ultraface_rfb_320x240": ((1, 240, 320, 3), 2, 65)}
    for name, (shape, n_out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and len(outs) == n_out and len(g.ops) == n_ops, name
    assert outs == [(1, 4420, 2), (1, 4420, 4)]
