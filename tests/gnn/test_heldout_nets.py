"""jaxeff.gnn.heldout_nets: the published structures and multiply-add counts."""

import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn import heldout_nets as hn


def _graph(f, *args):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return b.finish([f(b, b.input((1, 224, 224, 3)), *args)])


def _types(g):
    return [op.type for op in g.ops]


def test_squeezenet11_fire_modules():
    g = _graph(hn.squeezenet11)
    t = _types(g)
    # 8 fire modules (3 convs, 1 concat each), the stem and the classifier conv
    assert t.count("CONCATENATION") == 8 and t.count("CONV_2D") == 8 * 3 + 2
    assert t.count("MAX_POOL_2D") == 3
    assert total_macs(g) == 349_151_936  # hand count; the release: 2.4x below v1.0


def test_googlenet_inception_and_published_macs():
    g = _graph(hn.googlenet)
    t = _types(g)
    assert t.count("CONCATENATION") == 9  # 3a-b, 4a-e, 5a-b
    assert t.count("CONV_2D") == 3 + 9 * 6
    macs = total_macs(g)
    assert macs == 1_582_671_872
    assert abs(macs / 1.5e9 - 1) < 0.06  # "1.5 billion multiply-adds" (Sec. 5)


@pytest.mark.parametrize("size,published,se", [("small", 56e6, 9), ("large", 219e6, 8)])
def test_mobilenet_v3_published_madds(size, published, se):
    g = _graph(hn.mobilenet_v3, size)
    t = _types(g)
    # each SE gate: MEAN, 2 convs, hard sigmoid (ADD + RELU6 fused, MUL), MUL
    assert t.count("MEAN") == se + 1 and t.count("MUL") == 2 * se
    assert abs(total_macs(g) / published - 1) < 0.02  # Tables 3 / 4: 56 M / 219 M
    with pytest.raises(ValueError, match="size"):
        _graph(hn.mobilenet_v3, "tiny")


def _graph_at(f, shape):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    out = f(b, b.input(shape))
    return b.finish([out]), b.shape(out)


def test_densenet121_dense_blocks_and_published_flops():
    g, out = _graph_at(hn.densenet121, (1, 224, 224, 3))
    t = _types(g)
    # 58 dense layers (6 + 12 + 24 + 16), each two convs and one concat; 3 transitions;
    # the stem: 120 convolutions + 1 FC = the "121" layers
    assert t.count("CONCATENATION") == 58 and t.count("CONV_2D") == 120
    assert t.count("AVERAGE_POOL_2D") == 3 and out == (1, 1000)
    # the final block ends with 64 + 2 x ... channels: 1024 into the classifier
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1024)
    macs = total_macs(g)
    assert macs == 2_834_161_664
    assert abs(macs / 2.87e9 - 1) < 0.02  # Fig. 3: 2.87 x 10^9 FLOPs (multiply-adds)


def test_vgg11_cifar_configuration_a():
    g, out = _graph_at(hn.vgg11_cifar, (1, 32, 32, 3))
    t = _types(g)
    assert t.count("CONV_2D") == 8 and t.count("MAX_POOL_2D") == 5 and out == (1, 10)
    assert total_macs(g) == 152_769_536  # hand count of configuration A at 32 x 32


def test_tiny_yolov2_published_flops():
    g, out = _graph_at(hn.tiny_yolov2, (1, 416, 416, 3))
    t = _types(g)
    assert t.count("LEAKY_RELU") == 8 and t.count("MAX_POOL_2D") == 6
    assert out == (1, 13, 13, 125)  # 5 anchors x (20 VOC classes + 5)
    alphas = {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"}
    assert alphas == {0.1}
    # the release's 6.97 BFLOPs at 416 = 2 x multiply-adds
    assert abs(2 * total_macs(g) / 6.97e9 - 1) < 0.001


@pytest.mark.parametrize("f,adds,convs,macs,published", [
    # 8 basic blocks: 16 3x3 convs + 3 projections + the stem
    (hn.resnet18, 8, 16 + 3 + 1, 1_814_073_344, 1.8e9),
    # 16 bottlenecks: 48 convs + 4 projections + the stem; torchvision's 4.09 G
    (hn.resnet50, 16, 48 + 4 + 1, 4_089_184_256, 4.09e9),
])
def test_resnet_blocks_and_published_macs(f, adds, convs, macs, published):
    g, out = _graph_at(f, (1, 224, 224, 3))
    t = _types(g)
    assert t.count("ADD") == adds and t.count("CONV_2D") == convs and out == (1, 1000)
    assert t.count("MAX_POOL_2D") == 1 and t.count("MEAN") == 1
    # every block's ADD carries the fused RELU; the projections have no activation
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "ADD"} == {"RELU"}
    # (the shortcut is the ADD's second input)
    shortcuts = {op.inputs[1] for op in g.ops if op.type == "ADD"}
    proj = [op for op in g.ops if op.type == "CONV_2D" and op.outputs[0] in shortcuts]
    assert len(proj) == (3 if f is hn.resnet18 else 4)
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in proj} == {(1, 1)}
    assert {op.options["fused_activation_function"] for op in proj} == {"NONE"}
    assert total_macs(g) == macs
    assert abs(macs / published - 1) < 0.01


def test_resnet50_stride_on_the_3x3():
    g, _ = _graph_at(hn.resnet50, (1, 224, 224, 3))
    s2 = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
          if op.type == "CONV_2D" and op.options["stride_h"] == 2]
    # the stem (7x7), then per stage 2-4 the 3x3 and the 1x1 projection
    assert s2 == [7] + [3, 1] * 3


def test_efficientnet_b0_mbconv_se_swish_and_published_macs():
    g, out = _graph_at(hn.efficientnet_b0, (1, 224, 224, 3))
    t = _types(g)
    assert out == (1, 1000)
    # 16 MBConv blocks (Table 1: 1 + 2 + 2 + 3 + 3 + 4 + 1), one depthwise each
    assert t.count("DEPTHWISE_CONV_2D") == 16
    # residual where the stride is 1 and the channels kept: 0+1+1+2+2+3+0
    assert t.count("ADD") == 9
    # swish: stem, 15 expansions, 16 depthwise, 16 SE reductions, head = 49;
    # the SE gates add 16 LOGISTIC and 16 broadcast MULs
    assert t.count("LOGISTIC") == 49 + 16 and t.count("MUL") == 49 + 16
    assert t.count("MEAN") == 16 + 1 and "HARD_SWISH" not in t
    # convs: stem, 15 expansions, 2 per SE, 16 projections, head
    assert t.count("CONV_2D") == 1 + 15 + 32 + 16 + 1
    # SE of ratio 0.25 of the block's input channels: first block 32 -> 8
    means = [op for op in g.ops if op.type == "MEAN"]
    se1 = next(op for op in g.ops if op.type == "CONV_2D" and op.inputs[0]
               == means[0].outputs[0])
    assert g.tensors[se1.outputs[0]].shape == (1, 1, 1, 8)
    # the gate broadcasts [1, 1, 1, C] onto the [1, H, W, C] map
    gate = [op for op in g.ops if op.type == "MUL"
            and g.tensors[op.inputs[1]].shape[1:3] == (1, 1)
            and g.tensors[op.inputs[0]].shape[1:3] != (1, 1)]
    assert len(gate) == 16
    assert g.tensors[gate[0].outputs[0]].shape == (1, 112, 112, 32)
    macs = total_macs(g)
    assert macs == 385_814_752
    assert abs(macs / 0.39e9 - 1) < 0.02  # Table 2: 0.39 B FLOPs (multiply-adds)


# -- held-out families IV (session 19, pre-registered)

def _graph_multi(f, shape):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    out = f(b, b.input(shape))
    outs = list(out) if isinstance(out, tuple) else [out]
    return b.finish(outs), [b.shape(o) for o in outs]


def _params(g):
    return sum(int(np.prod(t.shape)) for t in g.tensors
               if t.data is not None and t.dtype == "float32")


def test_mobilenet_v1_table1_and_published_madds():
    g, outs = _graph_multi(hn.mobilenet_v1, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # the stem and 13 pointwise convs; 13 depthwise; every conv RELU6
    assert t.count("CONV_2D") == 14 and t.count("DEPTHWISE_CONV_2D") == 13
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")} == {"RELU6"}
    strides = [op.options["stride_h"] for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert strides == [1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1]
    pool = next(op for op in g.ops if op.type == "AVERAGE_POOL_2D")
    assert g.tensors[pool.inputs[0]].shape == (1, 7, 7, 1024)  # Table 1: pool 7x7
    assert t[-4:] == ["AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"]
    macs = total_macs(g)
    assert macs == 568_740_352
    assert abs(macs / 569e6 - 1) < 0.001  # Table 8: 569 M mult-adds
    assert abs(_params(g) / 4.2e6 - 1) < 0.01  # Table 8: 4.2 M parameters
    half, _ = _graph_multi(lambda b, x: hn.mobilenet_v1(b, x, 0.5), (1, 224, 224, 3))
    fc = next(op for op in half.ops if op.type == "FULLY_CONNECTED")
    assert half.tensors[fc.inputs[1]].shape == (1000, 512)


def test_tiny_yolov3_two_heads_route_and_published_flops():
    g, outs = _graph_multi(hn.tiny_yolov3, (1, 416, 416, 3))
    t = _types(g)
    assert len(g.outputs) == 2
    assert outs == [(1, 13, 13, 255), (1, 26, 26, 255)]  # 3 x (80 COCO classes + 5)
    # 13 convs: 7 backbone, the 1x1 256 route, 3x3 512, 1x1 128, 3x3 256, 2 heads;
    # all but the two linear heads with a standalone LEAKY_RELU 0.1
    assert t.count("CONV_2D") == 13 and t.count("LEAKY_RELU") == 11
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"NONE"}
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [op.options["stride_h"] for op in pools] == [2] * 5 + [1]
    assert pools[-1].options["padding"] == "SAME"
    # the route: 2x nearest up-sampling of 13x13x128, concatenated (first) with the
    # 26x26x256 LEAKY_RELU output before the fifth pool
    up = next(op for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR")
    assert g.tensors[up.outputs[0]].shape == (1, 26, 26, 128)
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert cat.inputs[0] == up.outputs[0]
    assert g.tensors[cat.outputs[0]].shape == (1, 26, 26, 384)
    skip = next(op for op in g.ops if cat.inputs[1] in op.outputs)
    assert skip.type == "LEAKY_RELU" and pools[4].inputs[0] == cat.inputs[1]
    macs = total_macs(g)
    assert macs == 2_782_480_896
    assert abs(2 * macs / 5.56e9 - 1) < 0.02  # the release: 5.56 BFLOPs at 416
    assert t.count("SOFTMAX") == 0


def test_inception_v3_factorised_modules_and_published_madds():
    g, outs = _graph_multi(hn.inception_v3, (1, 299, 299, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 11 modules (3 A, reduction A, 4 B, reduction B, 2 C) + 2 split pairs in each C
    assert t.count("CONCATENATION") == 11 + 4
    # stem 5; A 3 x 7; red. A 4; B 4 x 10; red. B 6; C 2 x 9
    assert t.count("CONV_2D") == 5 + 21 + 4 + 40 + 6 + 18 == 94
    assert t.count("MAX_POOL_2D") == 4 and t.count("AVERAGE_POOL_2D") == 9
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU"}
    kernels = [g.tensors[op.inputs[1]].shape[1:3] for op in g.ops
               if op.type == "CONV_2D"]
    # module B: three 1x7 and three 7x1 (one pair in the 7x7 branch, two in the
    # double one), reduction B one of each; module C: a 1x3 / 3x1 pair per split
    assert kernels.count((1, 7)) == 4 * 3 + 1 and kernels.count((7, 1)) == 4 * 3 + 1
    assert kernels.count((1, 3)) == 2 * 2 and kernels.count((3, 1)) == 2 * 2
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "CONCATENATION"]
    assert cats.count((1, 8, 8, 768)) == 4  # the split pairs of module C
    assert [s for s in cats if s != (1, 8, 8, 768)] == [
        (1, 35, 35, 256), (1, 35, 35, 288), (1, 35, 35, 288)] + [
        (1, 17, 17, 768)] * 5 + [(1, 8, 8, 1280)] + [(1, 8, 8, 2048)] * 2
    macs = total_macs(g)
    assert macs == 5_713_216_096
    assert abs(macs / 5.7e9 - 1) < 0.03  # torchvision: 5.71 G multiply-adds at 299


def test_pilotnet_figure4_connections_and_parameters():
    g, outs = _graph_multi(hn.pilotnet, (1, 66, 200, 3))
    assert outs == [(1, 1)] and _types(g) == ["CONV_2D"] * 5 + ["RESHAPE"] + \
        ["FULLY_CONNECTED"] * 4
    convs = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "CONV_2D"]
    assert convs == [(1, 31, 98, 24), (1, 14, 47, 36), (1, 5, 22, 48), (1, 3, 20, 64),
                     (1, 1, 18, 64)]
    fcs = [op for op in g.ops if op.type == "FULLY_CONNECTED"]
    assert [g.tensors[op.inputs[1]].shape for op in fcs] == [
        (100, 1152), (50, 100), (10, 50), (1, 10)]
    assert [op.options["fused_activation_function"] for op in fcs] == ["RELU"] * 3 + \
        ["NONE"]
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (26_876_342, 252_219)
    # "about 27 million connections and 250 thousand parameters"
    assert abs(macs / 27e6 - 1) < 0.01 and abs(params / 250e3 - 1) < 0.01


def test_families_iv_registered_and_tiny_yolov3_int8_keeps_both_heads():
    """The held-out dispatch builds the four at their input shapes; Tiny-YOLOv3's
    tuple becomes a two-output int8 graph (LiteRT calibration, ~2 s)."""
    from experiments import perfsage_heldout as ph
    from jaxeff.tflite import read_main

    assert set(ph.SESSION19B) <= set(ph.MODELS)
    assert ph.MODELS["inception_v3_299"][1].startswith("none")
    yolo = read_main(ph.build("tiny_yolov3_416"))
    assert [yolo.tensors[i].shape for i in yolo.outputs] == [(1, 13, 13, 255),
                                                            (1, 26, 26, 255)]
    assert {yolo.tensors[i].dtype for i in (*yolo.inputs, *yolo.outputs)} == {"int8"}
    pilot = read_main(ph.build("pilotnet_66x200"))
    assert [pilot.tensors[i].shape for i in pilot.inputs] == [(1, 66, 200, 3)]
    assert [pilot.tensors[i].shape for i in pilot.outputs] == [(1, 1)]


# -- held-out families V (session 19, pre-registered)

def test_ghostnet_table1_ghost_modules_and_published_flops():
    g, outs = _graph_multi(hn.ghostnet, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 16 bottlenecks x 2 ghost modules, each a 1x1 conv, a cheap 3x3 depthwise on it
    # and one CONCATENATION of the two halves (even widths: no slice)
    assert t.count("CONCATENATION") == 32 and t.count("STRIDED_SLICE") == 0
    for op in g.ops:
        if op.type == "CONCATENATION":
            a, c = op.inputs
            cheap = next(o for o in g.ops if c in o.outputs)
            assert cheap.type == "DEPTHWISE_CONV_2D" and cheap.inputs[0] == a
            assert g.tensors[cheap.inputs[1]].shape[1:3] == (3, 3)
    # 7 SE (hard sigmoid: ADD with RELU6, MUL; gate MUL), 16 residual ADDs
    assert t.count("MEAN") == 7 + 1 and t.count("MUL") == 2 * 7
    assert t.count("ADD") == 16 + 7
    # the stem, 32 primary convs, 7 x 2 SE convs, 5 shortcut 1x1s, the 960 head conv
    assert t.count("CONV_2D") == 1 + 32 + 14 + 5 + 1
    # 32 cheap, 4 stride-2 in blocks, 5 shortcut depthwise (stride 2 and 16 -> 16 s1
    # is identity)
    assert t.count("DEPTHWISE_CONV_2D") == 32 + 4 + 5
    se = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
          and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)]
    assert se[0::2] == [20, 32, 120, 168, 168, 240, 240]  # make_divisible(C / 4, 4)
    fcs = [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "FULLY_CONNECTED"]
    assert fcs == [(1280, 960), (1000, 1280)]
    macs = total_macs(g)
    assert (macs, _params(g)) == (141_150_512, 5_171_538)
    assert abs(macs / 141e6 - 1) < 0.01  # Table 7: 141 M FLOPs, 5.2 M parameters


def test_mnasnet_a1_figure7_se_and_published_madds():
    g, outs = _graph_multi(hn.mnasnet_a1, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 1 SepConv + 15 MBConv blocks; SE in 3 + 2 + 3 of them with a LOGISTIC gate
    assert t.count("DEPTHWISE_CONV_2D") == 1 + 2 + 3 + 4 + 2 + 3 + 1
    assert t.count("LOGISTIC") == t.count("MUL") == 8 and t.count("MEAN") == 8 + 1
    # residual ADD on every repeat after the first: 1 + 2 + 3 + 1 + 2
    assert t.count("ADD") == 9
    dw = [(g.tensors[op.inputs[1]].shape[1], op.options["stride_h"],
           g.tensors[op.outputs[0]].shape[-1]) for op in g.ops
          if op.type == "DEPTHWISE_CONV_2D"]
    assert dw[:4] == [(3, 1, 32), (3, 2, 96), (3, 1, 144), (5, 2, 72)]
    assert [k for k, _, _ in dw] == [3] * 3 + [5] * 3 + [3] * 6 + [5] * 3 + [3]
    # SE reduce: int(0.25 C_in) of the block's input (reference TF implementation)
    se = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
          and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)]
    assert se[0::2] == [6, 10, 10, 20, 28, 28, 40, 40]
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "DEPTHWISE_CONV_2D"} == {"RELU"}
    macs = total_macs(g)
    assert (macs, _params(g)) == (311_579_072, 3_870_294)
    assert abs(macs / 312e6 - 1) < 0.01  # Table 1: 312 M multiply-adds, 3.9 M params


def test_xception_figure5_flows_and_published_size():
    g, outs = _graph_multi(hn.xception, (1, 299, 299, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # separable convs: entry 2 x 3, middle 3 x 8, exit 4 = 34 depthwise 3x3
    assert t.count("DEPTHWISE_CONV_2D") == 34
    # + 2 stem convs and 4 1x1/2 residual convs
    assert t.count("CONV_2D") == 34 + 2 + 4 and t.count("MAX_POOL_2D") == 4
    # residual ADDs: 3 entry + 8 middle + 1 exit; a standalone RELU opens each block
    # but the first (its input is an ADD output that also feeds the residual)
    assert t.count("ADD") == 12 and t.count("RELU") == 11
    for op in g.ops:
        if op.type == "RELU":
            src = next(o for o in g.ops if op.inputs[0] in o.outputs)
            users = [o.type for o in g.ops if op.inputs[0] in o.inputs]
            assert src.type == "ADD" and len(users) == 2
    adds = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "ADD"]
    assert adds == [(1, 74, 74, 128), (1, 37, 37, 256)] + [(1, 19, 19, 728)] * 9 + [
        (1, 10, 10, 1024)]
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 2048)
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (8_357_403_496, 22_851_736)
    assert abs(macs / 8.4e9 - 1) < 0.01  # ~8.4 G multiply-adds at 299
    assert abs(params / 22_855_952 - 1) < 0.001  # Table 3: 22,855,952 parameters


def test_families_v_registered_at_their_input_shapes():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION19C == ("ghostnet_1.0_224", "mnasnet_a1_224", "xception_299")
    assert set(ph.SESSION19C) <= set(ph.MODELS)
    assert ph.MODELS["ghostnet_1.0_224"][1].startswith("none")
    assert ph.MODELS["xception_299"][1].startswith("plain")


# -- held-out families VI (session 20, pre-registered)

def test_resnet34_table1_basic_blocks_and_published_macs():
    g, outs = _graph_multi(hn.resnet34, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 16 basic blocks (3 + 4 + 6 + 3): 32 3x3 convs + 3 projections + the stem
    assert t.count("ADD") == 16 and t.count("CONV_2D") == 32 + 3 + 1
    assert t.count("MAX_POOL_2D") == 1 and t.count("MEAN") == 1
    adds = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "ADD"]
    assert adds == [(1, 56, 56, 64)] * 3 + [(1, 28, 28, 128)] * 4 + [
        (1, 14, 14, 256)] * 6 + [(1, 7, 7, 512)] * 3
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "ADD"} == {"RELU"}
    shortcuts = {op.inputs[1] for op in g.ops if op.type == "ADD"}
    proj = [op for op in g.ops if op.type == "CONV_2D" and op.outputs[0] in shortcuts]
    assert [(g.tensors[op.inputs[1]].shape[1:3], op.options["stride_h"],
             op.options["fused_activation_function"]) for op in proj] == [
        ((1, 1), 2, "NONE")] * 3
    macs = total_macs(g)
    assert macs == 3_663_761_408
    assert abs(macs / 3.6e9 - 1) < 0.02  # Table 1: 3.6 x 10^9 FLOPs (multiply-adds)


def test_mobilenet_v2_table2_inverted_residuals_and_published_madds():
    g, outs = _graph_multi(hn.mobilenet_v2, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 17 bottlenecks (1 + 2 + 3 + 4 + 3 + 3 + 1), one depthwise each; convs: the stem,
    # 16 expansions (none where t = 1), 17 projections, the 1x1 1792, the classifier
    assert t.count("DEPTHWISE_CONV_2D") == 17 and t.count("CONV_2D") == 1 + 16 + 17 + 2
    # residual on every repeat after a stage's first: 0 + 1 + 2 + 3 + 2 + 2 + 0
    assert t.count("ADD") == 10
    dw = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [op.options["stride_h"] for op in dw] == [1, 2, 1, 2, 1, 1, 2, 1, 1, 1,
                                                    1, 1, 1, 2, 1, 1, 1]
    assert {op.options["fused_activation_function"] for op in dw} == {"RELU6"}
    # linear bottlenecks: the conv after each depthwise has no activation; the
    # stem, expansions and the 1792 conv RELU6, the classifier none
    proj = [op for op in g.ops if op.type == "CONV_2D"
            and any(d.outputs[0] == op.inputs[0] for d in dw)]
    assert {op.options["fused_activation_function"] for op in proj} == {"NONE"}
    # width 1.4 rounded to multiples of 8: 16 -> 24, 24 -> 32, 32 -> 48, 64 -> 88, ...
    assert [g.tensors[op.outputs[0]].shape[-1] for op in proj] == (
        [24] + [32] * 2 + [48] * 3 + [88] * 4 + [136] * 3 + [224] * 3 + [448])
    acts = [op.options["fused_activation_function"] for op in g.ops if op.type == "CONV_2D"]
    assert acts.count("RELU6") == 1 + 16 + 1 and acts.count("NONE") == 17 + 1
    pool = next(op for op in g.ops if op.type == "AVERAGE_POOL_2D")
    assert g.tensors[pool.inputs[0]].shape == (1, 7, 7, 1792)  # 1280 x 1.4
    assert t[-4:] == ["AVERAGE_POOL_2D", "CONV_2D", "RESHAPE", "SOFTMAX"]
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (582_195_824, 6_084_808)
    assert abs(macs / 585e6 - 1) < 0.01  # Table 4: MobileNetV2 (1.4) 585 M MAdds
    one, _ = _graph_multi(lambda b, x: hn.mobilenet_v2(b, x, 1.0), (1, 224, 224, 3))
    assert (total_macs(one), _params(one)) == (300_774_272, 3_487_816)
    # Table 4: MobileNetV2 (1.0) 300 M MAdds, 3.4 M parameters
    assert abs(total_macs(one) / 300e6 - 1) < 0.01 and abs(_params(one) / 3.4e6 - 1) < 0.03
    # below width 1 the last 1x1 conv keeps 1280 (Section 6.1)
    half, _ = _graph_multi(lambda b, x: hn.mobilenet_v2(b, x, 0.5), (1, 224, 224, 3))
    pool = next(op for op in half.ops if op.type == "AVERAGE_POOL_2D")
    assert half.tensors[pool.inputs[0]].shape == (1, 7, 7, 1280)


def test_squeezenet10_table1_fire_modules_and_parameters():
    g, outs = _graph_multi(hn.squeezenet10, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 8 fire modules (3 convs, 1 concat each), conv1 and conv10
    assert t.count("CONCATENATION") == 8 and t.count("CONV_2D") == 8 * 3 + 2
    stem = g.ops[0]
    assert stem.type == "CONV_2D" and g.tensors[stem.inputs[1]].shape == (96, 7, 7, 3)
    assert stem.options["stride_h"] == 2 and stem.options["padding"] == "VALID"
    # max pools after conv1, fire4 and fire8
    pools = [g.tensors[op.inputs[0]].shape[-1] for op in g.ops if op.type == "MAX_POOL_2D"]
    assert pools == [96, 256, 512]
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "CONCATENATION"]
    assert [s[-1] for s in cats] == [128, 128, 256, 256, 384, 384, 512, 512]
    assert [s[1] for s in cats] == [54] * 3 + [26] * 4 + [12]  # VALID at 224 [U]
    assert t[-3:] == ["CONV_2D", "MEAN", "SOFTMAX"]
    macs = total_macs(g)
    assert (macs, _params(g)) == (777_221_152, 1_248_424)  # Table 1: 1,248,424 params
    assert 0.7e9 < macs < 0.9e9
    # at 227 (the release's crop) the maps are Table 1's 111 / 55 / 27 / 13
    g227, _ = _graph_multi(hn.squeezenet10, (1, 227, 227, 3))
    assert g227.tensors[g227.ops[0].outputs[0]].shape == (1, 111, 111, 96)
    assert [g227.tensors[op.outputs[0]].shape[1] for op in g227.ops
            if op.type == "CONCATENATION"] == [55] * 3 + [27] * 4 + [13]
    assert total_macs(g227) == 832_667_936


def test_darknet19_table6_and_published_operations():
    g, outs = _graph_multi(hn.darknet19, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 19 convs; a standalone LEAKY_RELU 0.1 after all but the linear classifier conv
    assert t.count("CONV_2D") == 19 and t.count("LEAKY_RELU") == 18
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"NONE"}
    convs = [(g.tensors[op.inputs[1]].shape[1], g.tensors[op.outputs[0]].shape[-1])
             for op in g.ops if op.type == "CONV_2D"]
    assert convs == [(3, 32), (3, 64), (3, 128), (1, 64), (3, 128), (3, 256), (1, 128),
                     (3, 256), (3, 512), (1, 256), (3, 512), (1, 256), (3, 512),
                     (3, 1024), (1, 512), (3, 1024), (1, 512), (3, 1024), (1, 1000)]
    pools = [g.tensors[op.outputs[0]].shape[1] for op in g.ops if op.type == "MAX_POOL_2D"]
    assert pools == [112, 56, 28, 14, 7]
    assert t[-3:] == ["CONV_2D", "MEAN", "SOFTMAX"]
    assert g.tensors[g.ops[-3].outputs[0]].shape == (1, 7, 7, 1000)
    macs = total_macs(g)
    assert macs == 2_790_989_824
    # Table 6: "5.58 billion operations" = Darknet's FLOPs = 2 x multiply-adds
    assert abs(2 * macs / 5.58e9 - 1) < 0.001


def test_families_vi_registered_and_squeezenet10_int8():
    """The held-out dispatch knows the four; SqueezeNet 1.0 builds as a full-int8
    graph with one output (LiteRT calibration, a few seconds)."""
    from experiments import perfsage_heldout as ph
    from jaxeff.tflite import read_main

    assert ph.SESSION20 == ("resnet34_224", "mobilenet_v2_1.4_224", "squeezenet_1.0_224",
                            "darknet19_224")
    assert set(ph.SESSION20) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION20] == [
        "resnet", "mbconv", "none", "plain"]
    sq = read_main(ph.build("squeezenet_1.0_224"))
    assert [sq.tensors[i].shape for i in sq.inputs] == [(1, 224, 224, 3)]
    assert [sq.tensors[i].shape for i in sq.outputs] == [(1, 1000)]
    assert {sq.tensors[i].dtype for i in (*sq.inputs, *sq.outputs)} == {"int8"}
    assert sq.op_types().count("CONCATENATION") == 8


# -- held-out families VII (session 20, pre-registered)

def test_peleenet_table1_stem_two_way_dense_layers_and_published_macs():
    g, outs = _graph_multi(hn.peleenet, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # the stem concat + 3 + 4 + 8 + 6 two-way dense layers, one 3-input concat each
    assert t.count("CONCATENATION") == 1 + 21
    # stem 4 convs; 5 per dense layer (two 1x1, three 3x3); 4 transition 1x1 convs
    assert t.count("CONV_2D") == 4 + 21 * 5 + 4
    assert t.count("MAX_POOL_2D") == 1 and t.count("AVERAGE_POOL_2D") == 3
    assert "RELU" not in t  # post-activation: every RELU fused into its conv
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU"}
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    stem = cats[0]  # Figure 2: 3x3/2 branch and the 2x2/2 max pool of the 112x112x32
    assert [next(o.type for o in g.ops if i in o.outputs) for i in stem.inputs] == [
        "CONV_2D", "MAX_POOL_2D"]
    assert [len(op.inputs) for op in cats] == [2] + [3] * 21
    shapes = [g.tensors[op.outputs[0]].shape for op in cats]
    want = [(1, 56, 56, 64)]
    starts = ((56, 32), (28, 128), (14, 256), (7, 512))
    for (n, _), (hw, c0) in zip(hn.PELEENET, starts, strict=True):
        want += [(1, hw, hw, c0 + 32 * (j + 1)) for j in range(n)]
    assert shapes == want  # Table 1: 128, 256, 512, 704 channels after the stages
    # 1x1 convs: stem (16, then 32 after the concat), per dense layer two bottlenecks
    # of 16 x width (1 / 2 / 4 / 4), transitions keeping the channels
    ones = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
            and g.tensors[op.inputs[1]].shape[1:3] == (1, 1)]
    assert ones == ([16, 32] + [16] * 6 + [128] + [32] * 8 + [256] + [64] * 16 + [512]
                    + [64] * 12 + [704])
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 704)
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (507_757_568, 2_797_384)
    # Table 1 / Section 3: 508 M FLOPs (multiply-adds), 2.8 M parameters
    assert abs(macs / 508e6 - 1) < 0.005 and abs(params / 2.8e6 - 1) < 0.01


def test_bn_inception_figure5_modules_and_madds():
    g, outs = _graph_multi(hn.bn_inception, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem 3 convs; 8 modules of 7 convs (1x1; 1x1 -> 3x3; 1x1 -> 3x3 -> 3x3; pool
    # proj), the stride-2 modules 3c / 4e of 5 (no 1x1, the pool passed through)
    assert t.count("CONCATENATION") == 10 and t.count("CONV_2D") == 3 + 8 * 7 + 2 * 5
    kernels = [g.tensors[op.inputs[1]].shape[1] for op in g.ops if op.type == "CONV_2D"]
    assert set(kernels) == {1, 3, 7} and kernels.count(7) == 1  # no 5x5 left
    # average pools in 3a, 3b, 4a-4d, 5a; max pools: 2 in the stem, 3c, 4e, 5b
    assert t.count("AVERAGE_POOL_2D") == 7 and t.count("MAX_POOL_2D") == 5
    pools = [(op.type[0], op.options["stride_h"]) for op in g.ops if "POOL" in op.type]
    assert pools == [("M", 2)] * 2 + [("A", 1)] * 2 + [("M", 2)] + [("A", 1)] * 4 + [
        ("M", 2), ("A", 1), ("M", 1)]
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU"}
    # the stem's 7x7 and the last 3x3 of both 3x3 branches of 3c and 4e have stride 2
    assert sum(op.options["stride_h"] == 2 for op in g.ops if op.type == "CONV_2D") == 5
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [g.tensors[op.outputs[0]].shape for op in cats] == [
        (1, 28, 28, 256), (1, 28, 28, 320), (1, 14, 14, 576), (1, 14, 14, 576),
        (1, 14, 14, 576), (1, 14, 14, 608), (1, 14, 14, 608), (1, 7, 7, 1056),
        (1, 7, 7, 1024), (1, 7, 7, 1024)]
    for i in (2, 7):  # 3c, 4e: three inputs, the last the max pool itself
        src = next(o for o in g.ops if cats[i].inputs[-1] in o.outputs)
        assert len(cats[i].inputs) == 3 and src.type == "MAX_POOL_2D"
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (2_032_600_064, 11_275_208)
    # no count in the paper; ~30 % above GoogLeNet's 1.5 G (Sec. 4.1), "about 2 G"
    assert 1.9e9 < macs < 2.1e9


def test_densenet169_table1_blocks_and_published_flops():
    g, out = _graph_at(hn.densenet169, (1, 224, 224, 3))
    t = _types(g)
    # 82 dense layers (6 + 12 + 32 + 32), two convs and a concat each; 3 transitions;
    # the stem: 168 convolutions + 1 FC = the "169" layers
    assert t.count("CONCATENATION") == 82 and t.count("CONV_2D") == 168
    assert t.count("RELU") == 82 + 3 + 1 and t.count("AVERAGE_POOL_2D") == 3
    assert out == (1, 1000)
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1664)  # 640 + 32 x 32
    # the same layers as DenseNet-121 (its pinned test above is unchanged): the first
    # two blocks and their transitions give the same op sequence
    g121, _ = _graph_at(hn.densenet121, (1, 224, 224, 3))
    cut = 2 + 4 * 18 + 2 * 3
    assert _types(g121)[:cut] == t[:cut]
    macs = total_macs(g)
    assert (macs, _params(g)) == (3_359_843_328, 14_005_288)
    assert abs(macs / 3.4e9 - 1) < 0.02  # Fig. 3: ~3.4 x 10^9 FLOPs (multiply-adds)


def test_unet_figure1_levels_skips_and_macs():
    g, outs = _graph_multi(hn.unet, (1, 128, 128, 1))
    t = _types(g)
    assert outs == [(1, 128, 128, 1)] and "SOFTMAX" not in t
    # Section 2: 23 convolutional layers = 18 3x3, 4 up-convolutions, the 1x1 head
    assert t.count("CONV_2D") == 19 and t.count("TRANSPOSE_CONV") == 4
    assert t.count("MAX_POOL_2D") == 4 and t.count("CONCATENATION") == 4
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [g.tensors[op.outputs[0]].shape[-1] for op in convs] == [
        64, 64, 128, 128, 256, 256, 512, 512, 1024, 1024, 512, 512, 256, 256, 128, 128,
        64, 64, 1]
    acts = [op.options["fused_activation_function"] for op in convs]
    assert acts == ["RELU"] * 18 + ["NONE"]
    ups = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    # 2x2/2 halving the channels, linear; weights OHWI
    assert [g.tensors[op.inputs[1]].shape for op in ups] == [
        (512, 2, 2, 1024), (256, 2, 2, 512), (128, 2, 2, 256), (64, 2, 2, 128)]
    assert {(op.options["stride_h"], op.options["fused_activation_function"])
            for op in ups} == {(2, "NONE")}
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [g.tensors[op.outputs[0]].shape for op in cats] == [
        (1, 16, 16, 1024), (1, 32, 32, 512), (1, 64, 64, 256), (1, 128, 128, 128)]
    for cat, up in zip(cats, ups):  # [skip from the contracting path, up-sampled]
        skip = next(o for o in g.ops if cat.inputs[0] in o.outputs)
        assert skip.type == "CONV_2D" and cat.inputs[1] == up.outputs[0]
        assert any(o.type == "MAX_POOL_2D" and o.inputs[0] == cat.inputs[0]
                   for o in g.ops)
    # hand count: per level r x r, c channels (SAME 3x3 convs, 2x2/2 up-convs)
    hand, cin = 0, 1
    for lvl in range(5):
        r, c = 128 >> lvl, 64 << lvl
        hand += r * r * 9 * c * (cin + c)
        cin = c
    for lvl in range(4):
        r, c = 128 >> lvl, 64 << lvl
        hand += (r // 2) ** 2 * 4 * (2 * c) * c + r * r * 9 * c * (3 * c)
    hand += 128 * 128 * 64
    macs = total_macs(g)
    assert macs == hand == 12_022_972_416
    assert _params(g) == 31_030_593


def test_families_vii_registered_and_unet_int8():
    """The held-out dispatch knows the four; the U-Net builds as a full-int8 graph
    with its four TRANSPOSE_CONVs and a 128 x 128 x 1 output (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph
    from jaxeff.tflite import read_main

    assert ph.SESSION20B == ("peleenet_224", "bn_inception_224", "densenet169_224",
                             "unet_128")
    assert set(ph.SESSION20B) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION20B] == [
        "plain", "none", "plain", "upsample"]
    u = read_main(ph.build("unet_128"))
    assert [u.tensors[i].shape for i in u.inputs] == [(1, 128, 128, 1)]
    assert [u.tensors[i].shape for i in u.outputs] == [(1, 128, 128, 1)]
    assert {u.tensors[i].dtype for i in (*u.inputs, *u.outputs)} == {"int8"}
    assert u.op_types().count("TRANSPOSE_CONV") == 4
    assert u.op_types().count("CONCATENATION") == 4


# -- held-out families VIII (session 20, pre-registered)

def _producer(g, t):
    return next(o for o in g.ops if t in o.outputs)


def test_hardnet68_table1_harmonic_blocks_and_published_macs():
    g, outs = _graph_multi(hn.hardnet68, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 68 layers: 2 stem + 8 + 16 + 16 + 16 + 4 block convs + 5 transitions + the FC
    assert t.count("CONV_2D") == 2 + 60 + 5 and t.count("FULLY_CONNECTED") == 1
    # a concat per even layer (two or more links), one per block output
    assert t.count("CONCATENATION") == (4 + 1) + 2 * (8 + 1) + (8 + 1) + (2 + 1) == 35
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU6"}
    pools = [(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
             for op in g.ops if op.type == "MAX_POOL_2D"]
    assert pools == [(3, 2, "SAME")] + [(2, 2, "VALID")] * 3
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    # block 1 (k = 14, m = 1.7): layers 2 / 4 / 8 carry 1, 2, 3 extra links and
    # 14 x 1.7^n channels rounded to even: 24, 40, 68
    assert [g.tensors[op.outputs[0]].shape[-1] for op in convs[2:10]] == [
        14, 24, 14, 40, 14, 24, 14, 68]
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    # layer 2 <- [1, 0]; 4 <- [3, 2, 0]; 6 <- [5, 4]; 8 <- [7, 6, 4, 0]; the output
    # concatenates layers 1, 3, 5, 7 and 8 (the block input, 64 channels, left out)
    assert [len(op.inputs) for op in cats[:5]] == [2, 3, 2, 4, 5]
    assert [g.tensors[op.outputs[0]].shape for op in cats[:5]] == [
        (1, 56, 56, 78), (1, 56, 56, 102), (1, 56, 56, 54), (1, 56, 56, 142),
        (1, 56, 56, 124)]
    stem_pool = next(op for op in g.ops if op.type == "MAX_POOL_2D")
    assert cats[3].inputs[-1] == stem_pool.outputs[0]
    assert stem_pool.outputs[0] not in cats[4].inputs
    assert [cats[4].inputs.index(convs[2 + i].outputs[0]) for i in (0, 2, 4, 6, 7)] == [
        0, 1, 2, 3, 4]
    # transitions: 1x1 convs on each block's output concat: 8 odd layers of k plus the
    # last (k x 1.7^4, even) in blocks 2-4, e.g. 8 x 20 + 168 = 328
    trans = [op for op in convs if op.inputs[0] in {c.outputs[0] for c in cats}
             and g.tensors[op.inputs[1]].shape[1:3] == (1, 1)]
    assert [(g.tensors[op.inputs[0]].shape[1:], g.tensors[op.outputs[0]].shape[-1])
            for op in trans] == [((56, 56, 124), 128), ((28, 28, 262), 256),
                                 ((28, 28, 328), 320), ((14, 14, 654), 640),
                                 ((7, 7, 782), 1024)]
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1024)
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (4_246_114_304, 17_559_042)
    # published: 4.3 G MACs, 17.6 M parameters
    assert abs(macs / 4.3e9 - 1) < 0.02 and abs(params / 17.6e6 - 1) < 0.01


def test_yolov4_tiny_csp_slice_routes_two_heads_and_published_flops():
    g, outs = _graph_multi(hn.yolov4_tiny, (1, 416, 416, 3))
    t = _types(g)
    assert len(g.outputs) == 2 and "SOFTMAX" not in t
    assert outs == [(1, 13, 13, 255), (1, 26, 26, 255)]  # 3 x (80 COCO classes + 5)
    # 2 stem + 3 stages x 4 + 3x3 512, 1x1 256, 3x3 512, 1x1 128, 3x3 256, 2 heads;
    # all but the two linear heads with a standalone LEAKY_RELU 0.1
    assert t.count("CONV_2D") == 21 and t.count("LEAKY_RELU") == 19
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"NONE"}
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"]) for op in pools] == [
        (2, 2)] * 3
    # the cfg's "groups=2 group_id=1": a STRIDED_SLICE of the second half of the
    # channels, feeding one 3x3 conv
    splits = [op for op in g.ops if op.type == "STRIDED_SLICE"]
    assert len(splits) == 3 and "SPLIT" not in t
    for op, hw, c in zip(splits, (104, 52, 26), (64, 128, 256), strict=True):
        assert g.tensors[op.inputs[0]].shape == (1, hw, hw, c)
        assert g.tensors[op.outputs[0]].shape == (1, hw, hw, c // 2)
        assert [g.tensors[i].data.tolist() for i in op.inputs[1:]] == [
            [0, 0, 0, c // 2], [1, hw, hw, c], [1, 1, 1, 1]]
        (user,) = [o for o in g.ops if op.outputs[0] in o.inputs]
        assert user.type == "CONV_2D"
        assert _producer(g, op.inputs[0]).type == "LEAKY_RELU"
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [g.tensors[op.outputs[0]].shape for op in cats] == [
        (1, 104, 104, 64), (1, 104, 104, 128), (1, 52, 52, 128), (1, 52, 52, 256),
        (1, 26, 26, 256), (1, 26, 26, 512), (1, 26, 26, 384)]
    for inner, outer, split in zip(cats[0:6:2], cats[1:6:2], splits, strict=True):
        # inner [second 3x3, first 3x3]; outer [the stage's 3x3 (split input), 1x1]
        a = [o for o in g.ops if o.type == "LEAKY_RELU" and o.outputs[0] == inner.inputs[1]]
        assert a and outer.inputs[0] == split.inputs[0]
        one = _producer(g, _producer(g, outer.inputs[1]).inputs[0])
        assert g.tensors[one.inputs[1]].shape[1:3] == (1, 1)
        assert one.inputs[0] == inner.outputs[0]
    # head 2: [2x up-sampled 13x13x128, the last stage's 26x26 1x1 256]
    up = next(op for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR")
    assert cats[-1].inputs == (up.outputs[0], cats[5].inputs[1])
    macs = total_macs(g)
    assert (macs, _params(g)) == (3_453_938_176, 6_053_502)
    assert abs(2 * macs / 6.9e9 - 1) < 0.01  # the release: 6.9 BFLOPs at 416


def test_inception_v4_figures3_9_modules_and_madds():
    g, outs = _graph_multi(hn.inception_v4, (1, 299, 299, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem 11; A 4 x 7; red. A 4; B 7 x 10; red. B 6; C 3 x 10
    assert t.count("CONV_2D") == 11 + 28 + 4 + 70 + 6 + 30 == 149
    # stem 3, 14 modules, 2 reductions, 2 split pairs in each C
    assert t.count("CONCATENATION") == 3 + 14 + 2 + 6
    assert t.count("MAX_POOL_2D") == 4 and t.count("AVERAGE_POOL_2D") == 14
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU"}
    kernels = [g.tensors[op.inputs[1]].shape[1:3] for op in g.ops if op.type == "CONV_2D"]
    assert kernels.count((7, 1)) == kernels.count((1, 7)) == 1 + 7 * 3 + 1
    assert kernels.count((3, 1)) == kernels.count((1, 3)) == 3 * 3
    strided = [(g.tensors[op.outputs[0]].shape[-1], op.options["padding"])
               for op in g.ops if op.type == "CONV_2D" and op.options["stride_h"] == 2]
    assert strided == [(32, "VALID"), (96, "VALID"), (192, "VALID"), (384, "VALID"),
                       (256, "VALID"), (192, "VALID"), (320, "VALID")]
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "CONCATENATION"]
    assert cats == [(1, 73, 73, 160), (1, 71, 71, 192), (1, 35, 35, 384)] + [
        (1, 35, 35, 384)] * 4 + [(1, 17, 17, 1024)] * 8 + [(1, 8, 8, 1536)] + [
        (1, 8, 8, 512), (1, 8, 8, 512), (1, 8, 8, 1536)] * 3
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1536)
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (12_253_974_624, 42_648_232)
    # no count in the paper; ~12.3 G multiply-adds and ~42.7 M parameters quoted
    assert abs(macs / 12.3e9 - 1) < 0.01 and abs(params / 42.7e6 - 1) < 0.01


def test_ghostnet_1_3_width_variant_and_published_flops():
    g, outs = _graph_multi(lambda b, x: hn.ghostnet(b, x, 1.3), (1, 224, 224, 3))
    g10, _ = _graph_multi(hn.ghostnet, (1, 224, 224, 3))
    assert outs == [(1, 1000)]
    assert _types(g) == _types(g10)  # only the widths change
    assert _types(g).count("STRIDED_SLICE") == 0  # multiples of 4: ghost halves even
    stem = g.ops[0]
    assert g.tensors[stem.outputs[0]].shape == (1, 112, 112, 20)  # _div4(16 x 1.3)
    fcs = [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "FULLY_CONNECTED"]
    assert fcs == [(1280, 1248), (1000, 1280)]  # 960 x 1.3; the 1280 not scaled
    macs, params = total_macs(g), _params(g)
    assert (macs, params) == (227_003_256, 7_344_566)
    # Table 7, GhostNet 1.3x: 226 M FLOPs (multiply-adds), 7.3 M parameters
    assert abs(macs / 226e6 - 1) < 0.01 and abs(params / 7.3e6 - 1) < 0.01


def test_families_viii_registered_and_yolov4_tiny_int8_keeps_slices_and_heads():
    """The held-out dispatch knows the four; YOLOv4-tiny builds as a two-output
    full-int8 graph with its three channel STRIDED_SLICEs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph
    from jaxeff.tflite import read_main

    assert ph.SESSION20C == ("hardnet68_224", "yolov4_tiny_416", "inception_v4_299",
                             "ghostnet_1.3_224")
    assert set(ph.SESSION20C) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION20C] == [
        "plain", "plain", "none", "none"]
    assert "width variant" in ph.MODELS["ghostnet_1.3_224"][1]
    y = read_main(ph.build("yolov4_tiny_416"))
    assert [y.tensors[i].shape for i in y.inputs] == [(1, 416, 416, 3)]
    assert [y.tensors[i].shape for i in y.outputs] == [(1, 13, 13, 255),
                                                       (1, 26, 26, 255)]
    assert {y.tensors[i].dtype for i in (*y.inputs, *y.outputs)} == {"int8"}
    assert y.op_types().count("STRIDED_SLICE") == 3
    assert y.op_types().count("CONCATENATION") == 7


# -- held-out families IX (session 21, pre-registered)

def _dil(op):
    return op.options["dilation_h_factor"], op.options["dilation_w_factor"]


def _pinned(g, exact, published, tol):
    """(MACs, parameters) of ``g`` equal ``exact`` and lie within ``tol`` (relative)
    of the ``published`` pair (``None``: no published count)."""
    got = (total_macs(g), _params(g))
    assert got == exact
    for v, ref, t in zip(got, published, tol, strict=True):
        assert ref is None or abs(v / ref - 1) < t, (v, ref)


def test_deeplabv3_mnv2_table7_output_stride_16_and_published_madds():
    g, outs = _graph_multi(hn.deeplabv3_mobilenet_v2, (1, 513, 513, 3))
    t = _types(g)
    assert outs == [(1, 513, 513, 21)] and "SOFTMAX" not in t
    # backbone: stem, 16 expansions, 17 projections (V2*: no 1x1 of 1280); head:
    # pooled 1x1, 1x1 branch, projection, logits
    assert t.count("CONV_2D") == 1 + 16 + 17 + 4 and t.count("DEPTHWISE_CONV_2D") == 17
    assert not any(g.tensors[op.outputs[0]].shape[-1] == 1280 for op in g.ops)
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    # output stride 16: the first 160-channel bottleneck keeps stride 1 (undilated),
    # the two after it and the 320 one are dilated by 2; strides 2 only before
    assert [op.options["stride_h"] for op in dws] == [1, 2, 1, 2, 1, 1, 2] + [1] * 10
    assert [_dil(op) for op in dws] == [(1, 1)] * 14 + [(2, 2)] * 3
    assert g.tensors[dws[-1].outputs[0]].shape == (1, 33, 33, 960)
    # image pooling: MEAN -> 1x1 256 -> bilinear 1x1 -> 33x33, concat with the 1x1
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert g.tensors[mean.outputs[0]].shape == (1, 1, 1, 320)
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert g.tensors[cat.outputs[0]].shape == (1, 33, 33, 512)
    ups = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert [(g.tensors[op.inputs[0]].shape, g.tensors[op.outputs[0]].shape)
            for op in ups] == [((1, 1, 1, 256), (1, 33, 33, 256)),
                               ((1, 33, 33, 21), (1, 129, 129, 21)),
                               ((1, 129, 129, 21), (1, 513, 513, 21))]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in ups} == {(True, False)}
    assert cat.inputs[0] == ups[0].outputs[0]
    # Table 7 (MNet V2*, OS 16, no ASPP): 2.75 B MAdds, 2.11 M parameters; the MAdds
    # match at DeepLab's 513 crop (at 512: 2,603,958,272, -5.3 %)
    _pinned(g, (2_740_709_056, 2_097_013), (2.75e9, 2.11e6), (0.01, 0.01))


def test_erfnet_table1_factorised_dilated_blocks_and_params():
    g, outs = _graph_multi(hn.erfnet, (1, 256, 512, 3))
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 17 non-bottleneck-1D blocks (5 + 8 encoder, 2 + 2 decoder) of 4 convs and an
    # ADD; 3 downsamplers (conv, max pool, CONCATENATION, RELU); 3 deconvolutions
    assert t.count("CONV_2D") == 17 * 4 + 3 and t.count("ADD") == 17
    assert t.count("MAX_POOL_2D") == t.count("CONCATENATION") == t.count("RELU") == 3
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    kernels = [g.tensors[op.inputs[1]].shape[1:3] for op in convs]
    assert kernels.count((3, 1)) == kernels.count((1, 3)) == 34
    # the dilated 3x1 of each block (its third conv): Table 1's rates
    third = [op for op in convs if g.tensors[op.inputs[1]].shape[1:3] == (3, 1)][1::2]
    assert [_dil(op) for op in third] == [(1, 1)] * 5 + [
        (d, 1) for d in (2, 4, 8, 16) * 2] + [(1, 1)] * 4
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [g.tensors[op.outputs[0]].shape for op in cats] == [
        (1, 128, 256, 16), (1, 64, 128, 64), (1, 32, 64, 128)]
    for cat in cats:  # [3x3/2 conv to out - in channels, 2x2/2 max pool of the input]
        assert [_producer(g, i).type for i in cat.inputs] == ["CONV_2D", "MAX_POOL_2D"]
    ups = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [(g.tensors[op.inputs[1]].shape, op.options["padding"],
             op.options["fused_activation_function"]) for op in ups] == [
        ((64, 3, 3, 128), "SAME", "RELU"), ((16, 3, 3, 64), "SAME", "RELU"),
        ((19, 2, 2, 16), "VALID", "NONE")]
    # hand count: blocks 4 x (3 C^2) per pixel, downsamplers 9 C_i (C_o - C_i) per
    # output pixel, deconvolutions H_i W_i C_i K^2 C_o
    px = 256 * 512
    hand = (px // 4 * 9 * 3 * 13 + px // 16 * 9 * 16 * 48 + px // 64 * 9 * 64 * 64
            + 4 * 3 * (5 * px // 16 * 64 ** 2 + 8 * px // 64 * 128 ** 2
                       + 2 * px // 16 * 64 ** 2 + 2 * px // 4 * 16 ** 2)
            + px // 64 * 128 * 9 * 64 + px // 16 * 64 * 9 * 16 + px // 4 * 16 * 4 * 19)
    assert hand == 6_651_084_800
    # the paper gives no count; about 2.1 M parameters is the figure later papers quote
    _pinned(g, (hand, 2_057_599), (None, 2.1e6), (0, 0.025))


def test_ssdlite_mnv2_table6_heads_reshapes_and_published_madds():
    g, outs = _graph_multi(hn.ssdlite_mobilenet_v2, (1, 320, 320, 3))
    t = _types(g)
    # 20x20 x 3 anchors + (10x10 + 5x5 + 3x3 + 2x2 + 1x1) x 6 = 2034
    assert outs == [(1, 2034, 4), (1, 2034, 81)] and len(g.outputs) == 2
    assert "SOFTMAX" not in t and "LOGISTIC" not in t
    # backbone 34 + the 1x1 1280; extras 4 x 2; heads 6 x 2 (each after a depthwise)
    assert t.count("CONV_2D") == 34 + 1 + 8 + 12
    assert t.count("DEPTHWISE_CONV_2D") == 17 + 4 + 12
    reshapes = [op for op in g.ops if op.type == "RESHAPE"]
    hw = (20, 10, 5, 3, 2, 1)
    assert [g.tensors[op.inputs[0]].shape for op in reshapes] == [
        s for h, a in zip(hw, (3, 6, 6, 6, 6, 6)) for s in
        ((1, h, h, 4 * a), (1, h, h, 81 * a))]
    # feature maps: layer 15's expansion (stride 16) and the last layer (stride 32)
    feats = [_producer(g, _producer(g, op.inputs[0]).inputs[0]).inputs[0]
             for op in reshapes[::2]]
    assert [g.tensors[f].shape for f in feats] == [
        (1, 20, 20, 576), (1, 10, 10, 1280), (1, 5, 5, 512), (1, 3, 3, 256),
        (1, 2, 2, 256), (1, 1, 1, 128)]
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [op.options["axis"] for op in cats] == [1, 1]
    assert [o for c in cats for o in c.outputs] == list(g.outputs)
    # Table 6 (320 x 320): 0.8 B MAdds, 4.3 M parameters
    _pinned(g, (788_830_144, 4_311_637), (0.8e9, 4.3e6), (0.02, 0.01))


def test_mobilefacenet_table1_prelu_gdconv_and_published_madds():
    g, outs = _graph_multi(hn.mobilefacenet, (1, 112, 112, 3))
    t = _types(g)
    assert outs == [(1, 128)] and "SOFTMAX" not in t
    # conv, depthwise, 15 bottlenecks (1x1 + depthwise with PRELU, linear 1x1), 1x1
    # 512, GDConv, the linear 1x1 embedding
    assert t.count("CONV_2D") == 1 + 15 * 2 + 2 and t.count("DEPTHWISE_CONV_2D") == 17
    assert t.count("PRELU") == 2 + 15 * 2 + 1 and t.count("ADD") == 4 + 6 + 2
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")} == {"NONE"}
    alphas = [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "PRELU"]
    assert alphas[:3] == [(1, 1, 64), (1, 1, 64), (1, 1, 128)]  # one slope a channel
    gd = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"][-1]
    assert g.tensors[gd.inputs[1]].shape == (1, 7, 7, 512)
    assert gd.options["padding"] == "VALID"
    assert g.tensors[gd.outputs[0]].shape == (1, 1, 1, 512)
    assert not any(gd.outputs[0] in op.inputs for op in g.ops if op.type == "PRELU")
    # Table 2: 221 M MAdds, 0.99 M parameters
    _pinned(g, (220_965_376, 993_344), (221e6, 0.99e6), (0.01, 0.01))


def _int8_io(name):
    """The int8 graph of held-out model ``name`` (int8 inputs and outputs) and its
    input and output shapes."""
    from experiments import perfsage_heldout as ph
    from jaxeff.tflite import read_main

    g = read_main(ph.build(name))
    assert {g.tensors[i].dtype for i in (*g.inputs, *g.outputs)} == {"int8"}
    return (g, [g.tensors[i].shape for i in g.inputs],
            [g.tensors[i].shape for i in g.outputs])


def test_families_ix_registered_and_erfnet_ssdlite_int8():
    """The held-out dispatch knows the four; ERFNet's int8 graph keeps its dilations
    and TRANSPOSE_CONVs, SSDLite's its two concatenated outputs (LiteRT
    calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION21 == ("deeplabv3_mnv2_513", "erfnet_512x256", "ssdlite_mnv2_320",
                            "mobilefacenet_112")
    assert set(ph.SESSION21) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION21] == [
        "mbconv", "upsample", "detect", "mbconv"]
    e, _, eo = _int8_io("erfnet_512x256")
    assert eo == [(1, 256, 512, 19)]
    assert max(_dil(op)[0] for op in e.ops if op.type == "CONV_2D") == 16
    assert e.op_types().count("TRANSPOSE_CONV") == 3
    s, si, so = _int8_io("ssdlite_mnv2_320")
    assert si == [(1, 320, 320, 3)] and so == [(1, 2034, 4), (1, 2034, 81)]
    assert s.op_types().count("RESHAPE") == 12


# -- held-out families X (addendum 5)

def test_mnasnet_b1_figure7_no_se_and_published_madds():
    g, outs = _graph_multi(hn.mnasnet_b1, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem, SepConv's 1x1, 16 MBConv blocks (expansion, projection), head 1x1
    assert t.count("CONV_2D") == 1 + 1 + 16 * 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 17 and "MUL" not in t and "LOGISTIC" not in t
    # residual ADDs: every repeat after a stage's first (2 + 2 + 2 + 1 + 3)
    assert t.count("ADD") == 10
    ks = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
          if op.type == "DEPTHWISE_CONV_2D"]
    assert ks == [3] + [3] * 3 + [5] * 3 + [5] * 3 + [3] * 2 + [5] * 4 + [3]
    # arXiv 1807.11626 v1, Table 1 (recalled, not read): 317 M multiply-adds, 4.2 M
    # parameters (torchvision's mnasnet1_0 lists 4.38 M with batch norm unfolded)
    _pinned(g, (314_415_872, 4_364_352), (317e6, 4.2e6), (0.01, 0.04))


def test_linknet_encoder_decoder_bypasses_and_published_params():
    g, outs = _graph_multi(hn.linknet, (1, 256, 512, 3))
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # encoder: 4 x 2 basic blocks (ADD RELU) and 3 projections; decoder: 4 x 3 layers
    # (1x1 conv, TRANSPOSE_CONV, 1x1 conv) and its ADD; final: deconv, conv, deconv
    assert t.count("CONV_2D") == 1 + 16 + 3 + 4 * 2 + 1
    assert t.count("TRANSPOSE_CONV") == 4 + 2 and t.count("ADD") == 8 + 4
    tc = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [op.options["stride_h"] for op in tc] == [2, 2, 2, 1, 2, 2]
    assert [g.tensors[op.outputs[0]].shape for op in tc] == [
        (1, 16, 32, 128), (1, 32, 64, 64), (1, 64, 128, 32), (1, 64, 128, 16),
        (1, 128, 256, 32), (1, 256, 512, 19)]
    # the bypasses: decoder i's output + the input of encoder i (1/4 ... 1/16)
    dec = [op for op in g.ops if op.type == "ADD"
           and op.options["fused_activation_function"] == "NONE"]
    assert [g.tensors[op.outputs[0]].shape for op in dec] == [
        (1, 16, 32, 256), (1, 32, 64, 128), (1, 64, 128, 64), (1, 64, 128, 64)]
    # the paper (read in summaries): 11.5 M parameters, 21.2 GFLOPs at 3 x 640 x 360;
    # at 640 x 352 (360 is no multiple of 32), scaled by 360 / 352 and 2 FLOPs a MAC:
    # 19.1 G, -9.8 % (the FLOP convention is not stated)
    _pinned(g, (5_437_915_136, 11_529_779), (None, 11.5e6), (None, 0.005))
    g2, _ = _graph_multi(hn.linknet, (1, 352, 640, 3))
    assert total_macs(g2) == 9_346_416_640
    assert abs(2 * total_macs(g2) * 360 / 352 / 21.2e9 - 1) < 0.1


def test_wrn16_4_table1_preactivation_blocks_and_published_params():
    g, outs = _graph_multi(hn.wide_resnet_cifar, (1, 32, 32, 3))
    t = _types(g)
    assert outs == [(1, 10)]
    # conv1, 6 blocks of two 3x3 convs, 3 1x1 shortcuts (16 -> 64, 64 -> 128/2,
    # 128 -> 256/2); standalone pre-activation RELUs: 5 blocks and the head
    assert t.count("CONV_2D") == 1 + 12 + 3 and t.count("ADD") == 6
    assert t.count("RELU") == 5 + 1 and t.count("FULLY_CONNECTED") == 1
    widths = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == "ADD"]
    assert widths == [(32, 32, 64)] * 2 + [(16, 16, 128)] * 2 + [(8, 8, 256)] * 2
    # arXiv 1605.07146 (recalled, not read): WRN-16-4 2.7 M parameters; no MAC count
    _pinned(g, (392_612_352, 2_747_530), (None, 2.7e6), (None, 0.02))


def test_ssd300_mnv1_table13_feature_maps_heads_and_published_madds():
    g, outs = _graph_multi(hn.ssd_mobilenet_v1, (1, 300, 300, 3))
    t = _types(g)
    # 19x19 x 3 anchors + (10x10 + 5x5 + 3x3 + 2x2 + 1x1) x 6 = 1917
    assert outs == [(1, 1917, 4), (1, 1917, 91)] and len(g.outputs) == 2
    # backbone 14 convs, extras 4 x 2, predictors 6 x 2 (1x1, on the maps directly)
    assert t.count("CONV_2D") == 14 + 8 + 12 and t.count("DEPTHWISE_CONV_2D") == 13
    reshapes = [op for op in g.ops if op.type == "RESHAPE"]
    feats = [_producer(g, op.inputs[0]).inputs[0] for op in reshapes[::2]]
    assert [g.tensors[f].shape for f in feats] == [
        (1, 19, 19, 512), (1, 10, 10, 1024), (1, 5, 5, 512), (1, 3, 3, 256),
        (1, 2, 2, 256), (1, 1, 1, 128)]
    heads = [_producer(g, op.inputs[0]) for op in reshapes]
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in heads} == {(1, 1)}
    # arXiv 1704.04861, Table 13 (SSD 300, MobileNet; recalled, not read): 1.2 B
    # mult-adds, 6.8 M parameters
    _pinned(g, (1_237_129_408, 6_807_167), (1.2e9, 6.8e6), (0.04, 0.01))


def test_families_x_registered_and_linknet_ssd_int8():
    """The held-out dispatch knows the four; LinkNet's int8 graph keeps its
    TRANSPOSE_CONVs, SSD's its two concatenated outputs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION21B == ("mnasnet_b1_224", "linknet_512x256", "wrn16_4_cifar",
                             "ssd300_mnv1")
    assert set(ph.SESSION21B) <= set(ph.MODELS)
    assert not set(ph.SESSION21B) & set(ph.SESSION21)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION21B] == [
        "mbconv", "upsample", "resnet", "detect"]
    n, _, no = _int8_io("linknet_512x256")
    assert no == [(1, 256, 512, 19)] and n.op_types().count("TRANSPOSE_CONV") == 6
    s, si, so = _int8_io("ssd300_mnv1")
    assert si == [(1, 300, 300, 3)] and so == [(1, 1917, 4), (1, 1917, 91)]
    assert s.op_types().count("RESHAPE") == 12


# -- held-out families XI (session 22, pre-registered)

_CITY = (1, 256, 512, 3)


def _kernel(g, op):
    return g.tensors[op.inputs[1]].shape[1:3]


def test_espnet_esp_modules_hff_decoder_and_published_params():
    g, outs = _graph_multi(hn.espnet, _CITY)
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 13 ESP modules (2 down-sampling, 2 + 8 residual, 1 in the decoder) of a reduce
    # conv and five dilated 3x3 convs; level 1, two decoder 1x1 convs, the 3x3 conv
    assert t.count("CONV_2D") == 13 * 6 + 4 and t.count("TRANSPOSE_CONV") == 3
    # HFF: 3 ADDs a module; 10 residual ADDs; a CONCATENATION a module and 5 more
    assert t.count("ADD") == 13 * 3 + 10 and t.count("CONCATENATION") == 13 + 5
    assert t.count("PRELU") == 20 and t.count("AVERAGE_POOL_2D") == 3
    dil = [_dil(op) for op in g.ops
           if op.type == "CONV_2D" and _kernel(g, op) == (3, 3)]
    assert dil.count((16, 16)) == 13 and dil.count((2, 2)) == 13
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "CONCATENATION"]
    # the paper's 19 + 3 ... 131 ... 256 maps and the decoder's 2C / C + 19 concats
    for shape in ((1, 128, 256, 19), (1, 64, 128, 131), (1, 32, 64, 256),
                  (1, 64, 128, 38), (1, 128, 256, 38)):
        assert shape in cats
    tc = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [(_kernel(g, op), op.options["padding"]) for op in tc] == [
        ((2, 2), "VALID")] * 3
    assert [op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "TRANSPOSE_CONV")] == ["NONE"] * 85
    # 0.364 M parameters (quoted by later papers, not read in the paper); no published
    # multiply-add count; 4,670,283,776 MACs at 1024 x 512
    _pinned(g, (1_167_570_944, 361_459), (None, 0.364e6), (None, 0.01))


def test_cgnet_m3n21_context_guided_blocks_and_published_params():
    g, outs = _graph_multi(hn.cgnet, _CITY)
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 24 CG blocks (M = 3, N = 21): f_loc and f_sur depthwise, a global-context gate
    # each; 22 residual ADDs (not the two down-sampling blocks)
    assert t.count("DEPTHWISE_CONV_2D") == 48 and t.count("ADD") == 22
    assert t.count("MEAN") == t.count("MUL") == t.count("LOGISTIC") == 24
    # stem 3; down blocks 3x3/2, reduce 1x1, 2 gate convs; blocks 1x1 and 2 gate convs
    assert t.count("CONV_2D") == 3 + 2 * 4 + 22 * 3 + 1
    assert t.count("PRELU") == 3 + 1 + 24 * 2 + 2 and t.count("AVERAGE_POOL_2D") == 3
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op) for op in dws[1::2]] == [(2, 2)] * 3 + [(4, 4)] * 21
    assert {_dil(op) for op in dws[::2]} == {(1, 1)}
    gates = [g.tensors[op.inputs[1]].shape[0] for op in g.ops if op.type == "CONV_2D"
             and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)]
    assert gates == [8, 64] * 3 + [8, 128] * 21  # reductions 8 and 16
    ups = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert [g.tensors[op.outputs[0]].shape[1:3] for op in ups] == [
        (64, 128), (128, 256), (256, 512)]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in ups} == {(False, True)}
    # abstract: "less than 0.5 M parameters"; no multiply-add count (6,762,312,704
    # MACs at 1024 x 512)
    assert _params(g) < 0.5e6
    _pinned(g, (1_690_612_736, 490_969), (None, 0.5e6), (None, 0.02))


def test_edanet_dense_asymmetric_modules_and_published_params_flops():
    g, outs = _graph_multi(hn.edanet, _CITY)
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 13 EDA modules of 5 convs (1x1, 3x1, 1x3, dilated 3x1, dilated 1x3), 3
    # downsamplers, the projection; 2 conv / max-pool downsamplers
    assert t.count("CONV_2D") == 13 * 5 + 3 + 1 and t.count("MAX_POOL_2D") == 2
    assert t.count("CONCATENATION") == 13 + 2 and t.count("RELU") == 2
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [_kernel(g, op) for op in convs].count((3, 1)) == 26
    second = [_dil(op) for op in convs if _kernel(g, op) == (3, 1)][1::2]
    assert second == [(d, 1) for d in (1, 1, 1, 2, 2, 2, 2, 4, 4, 8, 8, 16, 16)]
    cats = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
            if op.type == "CONCATENATION"]
    assert cats == [15, 60, 100, 140, 180, 220, 260] + list(range(170, 451, 40))
    (up,) = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert g.tensors[up.inputs[0]].shape == (1, 32, 64, 19)
    assert not up.options["align_corners"] and not up.options["half_pixel_centers"]
    # 0.68 M parameters, 8.97 G FLOPs at 512 x 1024 (recalled, not read)
    _pinned(g, (2_208_223_232, 685_955), (None, 0.68e6), (None, 0.01))
    g2, _ = _graph_multi(hn.edanet, (1, 512, 1024, 3))
    assert total_macs(g2) == 8_832_892_928
    assert abs(total_macs(g2) / 8.97e9 - 1) < 0.02


def test_dabnet_depthwise_asymmetric_bottlenecks_and_published_params_flops():
    g, outs = _graph_multi(hn.dabnet, _CITY)
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 9 DAB modules (3 + 6): 3x3 and 1x1 convs, 4 depthwise, 2 ADDs, 7 PRELUs
    assert t.count("CONV_2D") == 3 + 2 + 9 * 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 36 and t.count("ADD") == 18
    assert t.count("PRELU") == 3 + 1 + 2 + 9 * 7 + 2
    assert t.count("AVERAGE_POOL_2D") == 1 + 2 + 3 and t.count("MAX_POOL_2D") == 1
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_kernel(g, op) for op in dws] == [(3, 1), (1, 3)] * 18
    dilated = [_dil(op) for op in dws][2::4]  # each module's second 3x1 branch
    assert dilated == [(d, 1) for d in (2, 2, 2, 4, 4, 8, 8, 16, 16)]
    assert {_dil(op) for op in dws[::4]} == {(1, 1)}
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "CONCATENATION"]
    assert cats == [(1, 128, 256, 35), (1, 64, 128, 64), (1, 64, 128, 131),
                    (1, 32, 64, 259)]
    ups = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert len(ups) == 3 and {op.options["half_pixel_centers"] for op in ups} == {True}
    # 0.76 M parameters (abstract); 10.46 G FLOPs at 512 x 1024 (recalled, not read)
    _pinned(g, (2_555_095_040, 751_169), (None, 0.76e6), (None, 0.015))
    g2, _ = _graph_multi(hn.dabnet, (1, 512, 1024, 3))
    assert total_macs(g2) == 10_220_380_160
    assert abs(total_macs(g2) / 10.46e9 - 1) < 0.03


def test_families_xi_registered_and_int8_keep_dilation_prelu_resizes():
    """The held-out dispatch knows the four at 512 x 256; their int8 graphs keep the
    dilated convs, PRELUs and up-sampling ops (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22 == ("espnet_512x256", "cgnet_m3n21_512x256", "edanet_512x256",
                            "dabnet_512x256")
    assert set(ph.SESSION22) <= set(ph.MODELS)
    assert not set(ph.SESSION22) & set(ph.SESSION21 + ph.SESSION21B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22] == [
        "upsample", "mbconv", "plain", "mbconv"]
    # (up-sampling op, count, activation op, count, largest dilation)
    counts = {"espnet_512x256": ("TRANSPOSE_CONV", 3, "PRELU", 20, 16),
              "cgnet_m3n21_512x256": ("RESIZE_BILINEAR", 3, "PRELU", 54, 4),
              "edanet_512x256": ("RESIZE_BILINEAR", 1, "RELU", 2, 16),
              "dabnet_512x256": ("RESIZE_BILINEAR", 3, "PRELU", 71, 16)}
    for name, (up, n_up, act, n_act, dil) in counts.items():
        q, qi, qo = _int8_io(name)
        assert qi == [_CITY] and qo == [(1, 256, 512, 19)], name
        types = q.op_types()
        assert types.count(up) == n_up and types.count(act) == n_act, name
        assert max(max(_dil(op)) for op in q.ops
                   if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")) == dil, name


# -- held-out families XII (session 22)

def test_proxylessnas_mobile_figure4_blocks_and_published_madds():
    g, outs = _graph_multi(hn.proxylessnas_mobile, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem, MB1's 1x1, 19 MBConv blocks (expansion, projection), head 1x1; the two
    # searched "zero" blocks of the 32-channel stage are not emitted
    assert t.count("CONV_2D") == 1 + 1 + 19 * 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 20
    assert "MUL" not in t and "LOGISTIC" not in t
    # residual ADDs where the shape is kept: 1 + 3 + 3 + 3 + 3
    assert t.count("ADD") == 13
    ks = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
          if op.type == "DEPTHWISE_CONV_2D"]
    assert ks == [3, 5, 3, 7, 3, 5, 5, 7, 5, 5, 5, 5, 5, 5, 5, 7, 7, 7, 7, 7]
    acts = {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")}
    assert acts == {"RELU6", "NONE"}
    # 320 M mult-adds (recalled, not read); parameters: the osmr/imgclsmob
    # re-implementation's test pins 4,080,512 (batch norm unfolded; read there)
    _pinned(g, (320_427_584, 4_063_264), (320e6, 4_080_512), (0.01, 0.01))


def test_mixnet_s_mixconv_grouped_pointwise_and_published_madds():
    g, outs = _graph_multi(hn.mixnet_s, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    ks = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
          if op.type == "DEPTHWISE_CONV_2D"]
    mix = [(3,), (3,), (3,), (3, 5, 7)] + [(3, 5)] * 3 + [(3, 5, 7)] + [(3, 5)] * 2 + [
        (3, 5, 7)] + [(3, 5, 7, 9)] * 2 + [(3, 5, 7, 9, 11)] + [(3, 5, 7, 9)] * 2
    assert ks == [k for block in mix for k in block]
    # every MixConv of 2+ kernels and every grouped 1x1 conv: one SPLIT, one concat
    splits = [len(op.outputs) for op in g.ops if op.type in ("SPLIT", "SPLIT_V")]
    assert len(splits) == t.count("CONCATENATION") == 34
    assert sorted(splits)[-3:] == [4, 4, 5]
    # 13 blocks with swish (expansion, depthwise, SE reduce) and an SE gate: LOGISTIC
    # 13 x 3 + 13, MUL the same; MEAN: 13 SE + the head
    assert t.count("LOGISTIC") == t.count("MUL") == 52 and t.count("MEAN") == 14
    assert t.count("CONV_2D") == 80 and t.count("ADD") == 11
    # Table 2 (recalled, not read): 256 M FLOPs, 4.1 M parameters; the block strings
    # give 6.6 % fewer multiply-adds (see the builder's docstring)
    _pinned(g, (239_173_360, 4_118_510), (256e6, 4.1e6), (0.07, 0.01))


def test_fbnet_a_grouped_shuffle_blocks_and_published_madds():
    g, outs = _graph_multi(hn.fbnet_a, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem, 16 plain blocks x 2 convs, 3 g2 blocks x 2 grouped convs of 2 CONV_2D,
    # head; three skip blocks not emitted
    assert t.count("CONV_2D") == 1 + 16 * 2 + 3 * 4 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 19 and t.count("ADD") == 13
    assert t.count("SPLIT") == t.count("CONCATENATION") == 6
    # one channel shuffle per g2 block, in the 4-D form Vela maps
    perms = [tuple(g.tensors[op.inputs[1]].data) for op in g.ops
             if op.type == "TRANSPOSE"]
    assert perms == [(0, 1, 3, 2)] * 3 and t.count("RESHAPE") == 6
    ks = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
          if op.type == "DEPTHWISE_CONV_2D"]
    assert ks == [3, 3, 5, 3, 5, 3, 5, 5, 5, 5, 3, 5, 5, 3, 5, 5, 5, 5, 5]
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1504)
    # Table 3 (recalled, not read): 249 M FLOPs, 4.3 M parameters
    _pinned(g, (249_921_848, 4_304_472), (249e6, 4.3e6), (0.01, 0.01))
    # Table 1's 1984-channel head overshoots them (the [U] for 1504)
    g2, _ = _graph_multi(lambda b, x: hn.fbnet_a(b, x, 1984), (1, 224, 224, 3))
    assert (total_macs(g2), _params(g2)) == (258_680_888, 4_953_912)


def test_alexnet_space_to_depth_stem_fcs_and_published_params():
    g, outs = _graph_multi(hn.alexnet, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    assert t[:5] == ["PAD", "RESHAPE", "TRANSPOSE", "RESHAPE", "CONV_2D"]
    assert t.count("CONV_2D") == 5 and t.count("MAX_POOL_2D") == 3
    # no conv stride above 3 (Vela 5.2's limit); the stem is 3x3/1 on 57 x 57 x 48
    assert {op.options["stride_h"] for op in g.ops if op.type == "CONV_2D"} == {1}
    stem = next(op for op in g.ops if op.type == "CONV_2D")
    assert g.tensors[stem.inputs[1]].shape == (64, 3, 3, 48)
    assert g.tensors[stem.outputs[0]].shape == (1, 55, 55, 64)
    fcs = [g.tensors[op.inputs[1]].shape for op in g.ops
           if op.type == "FULLY_CONNECTED"]
    assert fcs == [(4096, 9216), (4096, 4096), (1000, 4096)]
    # torchvision's model card (recalled, not read): 61.1 M parameters, 0.71 GFLOPs;
    # the 11x11/4 form counts 714,188,480 MACs and 61,100,840 parameters exactly, the
    # space-to-depth stem (a 12x12/4 conv) adds 13.4 M MACs and 4,416 parameters
    _pinned(g, (727_546_880, 61_105_256), (0.71e9, 61.1e6), (0.03, 0.001))


def test_families_xii_registered_and_fbnet_alexnet_int8():
    """The held-out dispatch knows the four; FBNet-A's int8 graph keeps its shuffles,
    AlexNet's its space-to-depth stem (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22B == ("proxylessnas_mobile_224", "mixnet_s_224", "fbnet_a_224",
                             "alexnet_224")
    assert set(ph.SESSION22B) <= set(ph.MODELS)
    assert not set(ph.SESSION22B) & set(ph.SESSION21 + ph.SESSION21B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22B] == [
        "mbconv", "mbconv", "mbconv", "plain"]
    f, fi, fo = _int8_io("fbnet_a_224")
    assert fi == [(1, 224, 224, 3)] and fo == [(1, 1000)]
    assert f.op_types().count("TRANSPOSE") == 3
    a, _, ao = _int8_io("alexnet_224")
    assert ao == [(1, 1000)] and a.op_types()[:3] == ["PAD", "RESHAPE", "TRANSPOSE"]


# -- held-out families XIII (session 22)

def _resizes(g):
    """(input H W, output H W, align_corners, half_pixel_centers) of every
    RESIZE_BILINEAR."""
    return [(g.tensors[op.inputs[0]].shape[1:3], g.tensors[op.outputs[0]].shape[1:3],
             op.options["align_corners"], op.options["half_pixel_centers"])
            for op in g.ops if op.type == "RESIZE_BILINEAR"]


def _max_dil(g):
    return max(max(_dil(op)) for op in g.ops
               if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D"))


def test_deeplabv3plus_mnv2_aspp_decoder_and_release_flops():
    g, outs = _graph_multi(hn.deeplabv3plus_mobilenet_v2, (1, 513, 513, 3))
    t = _types(g)
    assert outs == [(1, 513, 513, 21)] and "SOFTMAX" not in t
    # backbone 1 + 16 + 17 convs, 17 depthwise; ASPP: pooled 1x1, 1x1, 3 separable
    # (depthwise + 1x1), projection; decoder: low-level 1x1, 2 separable, logits
    assert t.count("CONV_2D") == 34 + 6 + 1 + 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 17 + 3 + 2
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op) for op in dws[17:]] == [(6, 6), (12, 12), (18, 18), (1, 1), (1, 1)]
    assert _max_dil(g) == 18
    cats = [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "CONCATENATION"]
    assert cats == [(1, 33, 33, 1280), (1, 129, 129, 304)]
    # the low-level features: the 24-channel stride-4 block output (a residual ADD)
    low = next(op for op in g.ops if op.type == "CONV_2D"
               and g.tensors[op.inputs[1]].shape == (48, 1, 1, 24))
    assert g.tensors[low.inputs[0]].shape == (1, 129, 129, 24)
    assert any(op.type == "ADD" and op.outputs[0] == low.inputs[0] for op in g.ops)
    assert _resizes(g) == [((1, 1), (33, 33), True, False),
                           ((33, 33), (129, 129), True, False),
                           ((129, 129), (513, 513), True, False)]
    # the paper gives no MobileNet-v2 count: no published pin for the held-out form
    _pinned(g, (5_804_159_152, 2_700_421), (None, None), (None, None))
    # the VainF/DeepLabV3Plus-Pytorch README (read): DeepLabV3Plus-MobileNet 17.0 G
    # FLOPs at 513 (thop, multiply-adds) for its regular-conv ASPP and one decoder conv
    g2, _ = _graph_multi(lambda b, x: hn.deeplabv3plus_mobilenet_v2(
        b, x, separable=False, decoder_convs=1), (1, 513, 513, 3))
    _pinned(g2, (17_121_909_568, 5_208_101), (17.0e9, None), (0.01, None))


def test_drn_c_26_dilated_degridding_levels_and_published_params():
    g, outs = _graph_multi(hn.drn_c_26, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and t[-1] == "SOFTMAX"
    # stem; 10 residual basic blocks (2 convs) with 5 projections (levels 2-6);
    # 2 non-residual blocks (levels 7, 8); the classifier conv
    assert t.count("CONV_2D") == 1 + 10 * 2 + 5 + 2 * 2 + 1 and t.count("ADD") == 10
    assert "MAX_POOL_2D" not in t
    stem = g.ops[0]
    assert g.tensors[stem.inputs[1]].shape == (16, 7, 7, 3)
    assert g.tensors[stem.outputs[0]].shape == (1, 224, 224, 16)
    three = [op for op in g.ops if op.type == "CONV_2D" and _kernel(g, op) == (3, 3)]
    assert [_dil(op)[0] for op in three] == [1] * 12 + [2] * 4 + [4] * 4 + [2, 2, 1, 1]
    assert _max_dil(g) == 4
    # output stride 8: every dilated conv on 28 x 28
    assert {g.tensors[op.outputs[0]].shape[1:3] for op in three
            if _dil(op) != (1, 1)} == {(28, 28)}
    # the degridding levels 7 and 8 have no residual ADD: the last ADD feeds level 7
    last_add = [op for op in g.ops if op.type == "ADD"][-1]
    assert three[-4].inputs[0] == last_add.outputs[0]
    pool = next(op for op in g.ops if op.type == "AVERAGE_POOL_2D")
    assert (pool.options["filter_height"], pool.options["filter_width"]) == (28, 28)
    # the release's README (read; Table 1 of the paper as recalled): 21.1 M parameters;
    # no published multiply-add count
    _pinned(g, (16_971_239_424, 21_119_592), (None, 21.1e6), (None, 0.005))


def test_lednet_split_shuffle_modules_apn_and_published_params():
    g, outs = _graph_multi(hn.lednet, _CITY)
    t = _types(g)
    assert outs == [(1, 256, 512, 19)] and "SOFTMAX" not in t
    # 13 SS-nbt modules: a SPLIT, 8 factorised convs, a CONCATENATION, a residual ADD,
    # a channel shuffle (RESHAPE, TRANSPOSE, RESHAPE); 3 downsamplers (conv, max pool,
    # CONCATENATION, RELU); APN: 2 1x1 convs, 6 one-channel convs, 2 ADDs, a MUL, an ADD
    assert t.count("SPLIT") == t.count("TRANSPOSE") == 13 and t.count("RESHAPE") == 26
    assert t.count("CONV_2D") == 13 * 8 + 3 + 8
    assert t.count("CONCATENATION") == 13 + 3 and t.count("MAX_POOL_2D") == 3
    assert t.count("ADD") == 13 + 3 and t.count("MUL") == 1 and t.count("RELU") == 3
    ks = [_kernel(g, op) for op in g.ops if op.type == "CONV_2D"]
    assert ks.count((3, 1)) == ks.count((1, 3)) == 13 * 4
    # the dilated 3x1 of each module's left half: the dilations of Table 1
    second = [_dil(op) for op in g.ops if op.type == "CONV_2D"
              and _kernel(g, op) == (3, 1)][1::4]
    assert second == [(d, 1) for d in (1, 1, 1, 1, 1, 1, 2, 5, 9, 2, 5, 9, 17)]
    assert _max_dil(g) == 17
    # channel shuffle in the 4-D form Vela maps
    perms = {tuple(g.tensors[op.inputs[1]].data) for op in g.ops
             if op.type == "TRANSPOSE"}
    assert perms == {(0, 1, 3, 2)}
    # APN pyramid: one-channel 7x7/2, 5x5/2, 3x3/2, 3x3 then 5x5 and 7x7 on 32 x 64
    one = [(_kernel(g, op), g.tensors[op.outputs[0]].shape[1:3]) for op in g.ops
           if op.type == "CONV_2D" and g.tensors[op.outputs[0]].shape[-1] == 1]
    assert one == [((7, 7), (16, 32)), ((5, 5), (8, 16)), ((3, 3), (4, 8)),
                   ((3, 3), (4, 8)), ((5, 5), (8, 16)), ((7, 7), (16, 32))]
    mul = next(op for op in g.ops if op.type == "MUL")
    assert [g.tensors[i].shape for i in mul.inputs] == [(1, 32, 64, 1), (1, 32, 64, 19)]
    assert _resizes(g) == [((1, 1), (32, 64), True, False)] + [
        ((h, w), (2 * h, 2 * w), False, True)
        for h, w in ((4, 8), (8, 16), (16, 32), (32, 64), (64, 128), (128, 256))]
    # 0.94 M parameters, 11.5 G FLOPs at 1024 x 512 (recalled, not read)
    _pinned(g, (2_802_124_480, 917_293), (None, 0.94e6), (None, 0.03))
    g2, _ = _graph_multi(hn.lednet, (1, 512, 1024, 3))
    assert total_macs(g2) == 11_208_490_624
    assert abs(total_macs(g2) / 11.5e9 - 1) < 0.03


def test_fast_scnn_downsample_ppm_fusion_and_published_params():
    g, outs = _graph_multi(hn.fast_scnn, (1, 512, 1024, 3))
    t = _types(g)
    assert outs == [(1, 512, 1024, 19)] and "SOFTMAX" not in t
    # LDS: conv + 2 DSConvs; 9 bottlenecks (expansion, depthwise, projection); PPM 4
    # branch convs and the 1x1; fusion: depthwise, 2 1x1s; classifier 2 DSConvs, 1x1
    assert t.count("CONV_2D") == 1 + 2 + 9 * 2 + 5 + 2 + 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 2 + 9 + 1 + 2
    # residual ADDs: 2 in each of the three stages; the fusion ADD
    assert t.count("ADD") == 6 + 1 and t.count("AVERAGE_POOL_2D") == 3
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [op.options["stride_h"] for op in dws] == [2, 2, 2, 1, 1, 2, 1, 1, 1, 1, 1,
                                                     1, 1, 1]
    assert [_dil(op) for op in dws].count((4, 4)) == 1 and _max_dil(g) == 4
    (cat,) = [op for op in g.ops if op.type == "CONCATENATION"]
    assert g.tensors[cat.outputs[0]].shape == (1, 16, 32, 256)
    pools = [g.tensors[op.outputs[0]].shape[1:3] for op in g.ops
             if op.type == "AVERAGE_POOL_2D"]
    assert pools == [(2, 4), (4, 8), (8, 16)]
    assert _resizes(g) == [((1, 1), (16, 32), False, False),
                           ((2, 4), (16, 32), False, False),
                           ((4, 8), (16, 32), False, False),
                           ((8, 16), (16, 32), False, False),
                           ((16, 32), (64, 128), False, False),
                           ((64, 128), (512, 1024), False, False)]
    # 1.11 M parameters (Table 4; recalled, not read); no multiply-add count
    _pinned(g, (1_678_053_376, 1_125_955), (None, 1.11e6), (None, 0.02))


def test_families_xiii_registered_and_int8_keep_dilation_and_resizes():
    """The held-out dispatch knows the four at their input sizes; their int8 graphs
    keep the dilated convs, resizes and shuffles (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22C == ("deeplabv3plus_mnv2_513", "drn_c_26_224", "lednet_512x256",
                             "fast_scnn_1024x512")
    assert set(ph.SESSION22C) <= set(ph.MODELS)
    assert not set(ph.SESSION22C) & set(ph.SESSION21 + ph.SESSION22 + ph.SESSION22B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22C] == [
        "mbconv", "resnet", "shuffle", "mbconv"]
    # (input, output, RESIZE_BILINEARs, TRANSPOSEs, largest dilation)
    counts = {"deeplabv3plus_mnv2_513": ((1, 513, 513, 3), (1, 513, 513, 21), 3, 0, 18),
              "drn_c_26_224": ((1, 224, 224, 3), (1, 1000), 0, 0, 4),
              "lednet_512x256": (_CITY, (1, 256, 512, 19), 7, 13, 17),
              "fast_scnn_1024x512": ((1, 512, 1024, 3), (1, 512, 1024, 19), 6, 0, 4)}
    for name, (shape, out, n_up, n_tr, dil) in counts.items():
        q, qi, qo = _int8_io(name)
        assert qi == [shape] and qo == [out], name
        types = q.op_types()
        assert types.count("RESIZE_BILINEAR") == n_up, name
        assert types.count("TRANSPOSE") == n_tr, name
        assert _max_dil(q) == dil, name


# -- held-out families XIV (session 22)

def test_vgg16_configuration_d_fc_head_and_published_params():
    g, outs = _graph_multi(hn.vgg16, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    assert t.count("CONV_2D") == 13 and t.count("MAX_POOL_2D") == 5
    widths = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
              if op.type == "CONV_2D"]
    assert widths == [64, 64, 128, 128, 256, 256, 256] + [512] * 6
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"RELU"}
    fcs = [g.tensors[op.inputs[1]].shape for op in g.ops
           if op.type == "FULLY_CONNECTED"]
    assert fcs == [(4096, 25088), (4096, 4096), (1000, 4096)]
    # Table 2: 138 M parameters (read); torchvision's 138,357,544 parameters and
    # 15.47 GFLOPs (multiply-adds; recalled, not read) match exactly
    _pinned(g, (15_470_264_320, 138_357_544), (15.47e9, 138e6), (0.001, 0.003))


def test_squeezenext23_blocks_separable_order_and_published_params():
    g, outs = _graph_multi(hn.squeezenext23, (1, 227, 227, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    # stem, 21 blocks x 5 convs, 4 projection shortcuts (stage 1's 64 -> 32 and the
    # three stride-2 blocks), the 1x1 128 conv: the release's 111 convolutions
    assert len(convs) == 1 + 21 * 5 + 4 + 1 and t.count("ADD") == 21
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "ADD")} == {"RELU"}
    ks = [g.tensors[op.inputs[1]].shape[1:3] for op in convs]
    sep = [k for k in ks if k in ((3, 1), (1, 3))]
    # 3x1 first in the odd blocks, 1x3 first in the even ones (the Caffe release)
    assert len(sep) == 42
    assert [sep[2 * i] for i in range(21)] == [(3, 1) if i % 2 == 0 else (1, 3)
                                               for i in range(21)]
    assert g.tensors[convs[0].outputs[0]].shape == (1, 111, 111, 64)
    sizes = sorted({g.tensors[op.outputs[0]].shape[1] for op in g.ops
                    if op.type == "ADD"})
    assert sizes == [7, 14, 28, 55]
    # the first block squeezes 64 -> 16 -> 8 (r = 4), a stride-2 block 32 -> 32 -> 16
    # (r = 1): the output widths of the first convs after the stem
    assert [g.tensors[op.outputs[0]].shape[-1] for op in convs[1:8]] == [
        32, 16, 8, 16, 16, 32, 16]
    # Table 2 (recalled, not read): 0.72 M parameters, 282 M MACs; osmr/imgclsmob
    # pins 724,056 parameters (read) = this count + 2 x 5,776 batch-norm parameters
    _pinned(g, (277_999_808, 712_504), (282e6, 0.72e6), (0.02, 0.02))
    assert _params(g) + 2 * sum(g.tensors[op.outputs[0]].shape[-1]
                                for op in convs) == 724_056


def test_efficientnet_lite2_stages_no_se_and_published_params():
    g, outs = _graph_multi(hn.efficientnet_lite2, (1, 260, 260, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    assert hn._lite_stages(1.1, 1.2) == tuple(
        (e, k, s, c, n, False) for e, k, s, c, n in (
            (1, 3, 1, 16, 1), (6, 3, 2, 24, 3), (6, 5, 2, 48, 3), (6, 3, 2, 88, 4),
            (6, 5, 1, 120, 4), (6, 5, 2, 208, 5), (6, 3, 1, 352, 1)))
    # 21 blocks: stem, 20 expansions, 21 projections, the fixed 1280 head
    assert t.count("DEPTHWISE_CONV_2D") == 21 and t.count("CONV_2D") == 1 + 20 + 21 + 1
    assert t.count("ADD") == 14 and "MUL" not in t and "LOGISTIC" not in t
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "DEPTHWISE_CONV_2D"} == {"RELU6"}
    stem = next(op for op in g.ops if op.type == "CONV_2D")
    assert g.tensors[stem.outputs[0]].shape == (1, 130, 130, 32)
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1280)
    # the release's README (read): 6.1 M parameters, 899 M multiply-adds; its counter
    # lies 3-5 % above this construction for every Lite model (see the docstring)
    _pinned(g, (859_736_272, 6_063_024), (899e6, 6.1e6), (0.05, 0.01))


def test_mobilenet_v2_035_96_widths_and_published_madds():
    g, outs = _graph_multi(hn.mobilenet_v2_035, (1, 96, 96, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    assert t.count("CONV_2D") == 36 and t.count("DEPTHWISE_CONV_2D") == 17
    assert t.count("ADD") == 10
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [g.tensors[op.outputs[0]].shape[-1] for op in (convs[0], *convs[-2:])] == [
        16, 1280, 1000]
    # the 17 linear projections (fed by a depthwise conv): Table 2's widths x 0.35
    proj = [g.tensors[op.outputs[0]].shape[-1] for op in convs
            if g.tensors[op.inputs[0]].name.startswith("depthwise")]
    assert proj == [8, 8, 8, 16, 16, 16, 24, 24, 24, 24, 32, 32, 32, 56, 56, 56, 112]
    pool = next(op for op in g.ops if op.type == "AVERAGE_POOL_2D")
    assert g.tensors[pool.inputs[0]].shape == (1, 3, 3, 1280)
    # the TF-slim README (read): 11 M MACs, 1.66 M parameters at 96; it truncates to
    # whole millions, at every resolution of the 0.35 row
    _pinned(g, (11_934_128, 1_670_088), (11.9e6, 1.66e6), (0.01, 0.01))
    for res, published in ((128, 20), (160, 30), (192, 43), (224, 59)):
        g2, _ = _graph_multi(hn.mobilenet_v2_035, (1, res, res, 3))
        assert total_macs(g2) // 1_000_000 == published


def test_families_xiv_registered_and_squeezenext_int8():
    """The held-out dispatch knows the four at their input sizes; SqueezeNext's int8
    graph keeps its 3x1 / 1x3 convs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22D == ("vgg16_224", "squeezenext23_227", "efficientnet_lite2_260",
                             "mobilenet_v2_0.35_96")
    assert set(ph.SESSION22D) <= set(ph.MODELS)
    assert not set(ph.SESSION22D) & set(ph.SESSION22 + ph.SESSION22B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22D] == [
        "plain", "ext", "families", "detect"]
    s, si, so = _int8_io("squeezenext23_227")
    assert si == [(1, 227, 227, 3)] and so == [(1, 1000)]
    ks = [s.tensors[op.inputs[1]].shape[1:3] for op in s.ops if op.type == "CONV_2D"]
    assert ks.count((3, 1)) == ks.count((1, 3)) == 21
    m, mi, mo = _int8_io("mobilenet_v2_0.35_96")
    assert mi == [(1, 96, 96, 3)] and mo == [(1, 1000)]


# -- held-out families XV (session 22)

def _seg(f, shape, classes):
    """The float graph of segmentation builder ``f`` on ``shape`` and its op types;
    checks the per-pixel logits at the input size (no SOFTMAX)."""
    g, outs = _graph_multi(f, shape)
    t = _types(g)
    assert outs == [(*shape[:3], classes)] and "SOFTMAX" not in t
    return g, t

def test_bisenet_resnet18_two_paths_attention_fusion_and_counts():
    g, t = _seg(hn.bisenet_resnet18, _CITY, 19)
    # spatial path 4 convs; ResNet-18 stem + 16 block convs + 3 projections; ARMs 2 x
    # (3x3, gate 1x1); global context 1x1; 2 head 3x3s; FFM 1x1 + 2 gate 1x1s; output
    # 3x3 + 1x1
    assert t.count("CONV_2D") == 4 + 1 + 16 + 3 + 2 * 2 + 1 + 2 + 3 + 2
    # 8 residual ADDs, the global-context ADD, the 1/16 ADD and the FFM ADD
    assert t.count("ADD") == 8 + 3 and t.count("MAX_POOL_2D") == 1
    assert t.count("MEAN") == 4 and t.count("LOGISTIC") == t.count("MUL") == 3
    sp = [g.tensors[op.outputs[0]].shape for op in g.ops[:4]]
    assert sp == [(1, 128, 256, 64), (1, 64, 128, 64), (1, 32, 64, 64),
                  (1, 32, 64, 128)]
    assert g.tensors[g.ops[0].inputs[1]].shape == (64, 7, 7, 3)
    # ARM gates: broadcast MULs on the 1/32 and 1/16 maps; the FFM gate at 1/8
    muls = [[g.tensors[i].shape for i in op.inputs] for op in g.ops if op.type == "MUL"]
    assert muls == [[(1, 8, 16, 128), (1, 1, 1, 128)],
                    [(1, 16, 32, 128), (1, 1, 1, 128)],
                    [(1, 32, 64, 256), (1, 1, 1, 256)]]
    # the global context enters by a broadcast ADD of the 1x1 map
    assert any(op.type == "ADD" and g.tensors[op.inputs[1]].shape == (1, 1, 1, 128)
               for op in g.ops)
    (cat,) = [op for op in g.ops if op.type == "CONCATENATION"]
    assert g.tensors[cat.outputs[0]].shape == (1, 32, 64, 256)
    near = [(g.tensors[op.inputs[0]].shape[1:3], g.tensors[op.outputs[0]].shape[1:3])
            for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR"]
    assert near == [((8, 16), (16, 32)), ((16, 32), (32, 64))]
    assert _resizes(g) == [((h, w), (2 * h, 2 * w), False, True)
                           for h, w in ((32, 64), (64, 128), (128, 256))]
    # no published count is pinned (the paper's 49.0 M, recalled, cannot be reached
    # by its layers); the ResNet-18 context path is the classifier's minus its FC
    _pinned(g, (7_396_261_888, 13_236_051), (None, None), (None, None))


def test_contextnet14_branches_fusion_and_published_params():
    g, t = _seg(hn.contextnet14, (1, 512, 1024, 3), 19)
    # shallow: conv + 3 DSConvs; deep: conv + 12 bottlenecks (1x1, depthwise, 1x1);
    # fusion: depthwise + 2 1x1s; classifier: 2 DSConvs + 1x1
    assert t.count("CONV_2D") == 1 + 3 + 1 + 12 * 2 + 2 + 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 3 + 12 + 1 + 2
    # residual ADDs: the two 32 -> 32 bottlenecks, 2 + 2 in the 48 / 64 stages, 1 + 1
    # in 96 / 128; the fusion ADD
    assert t.count("ADD") == 2 + 4 + 2 + 1
    pools = [(g.tensors[op.inputs[0]].shape[1:3], g.tensors[op.outputs[0]].shape[1:3])
             for op in g.ops if op.type == "AVERAGE_POOL_2D"]
    assert pools == [((512, 1024), (256, 512)), ((256, 512), (128, 256))]
    # the deep branch ends at 1/32 (16 x 32 x 128), the shallow one at 1/8
    fuse = next(op for op in g.ops if op.type == "ADD"
                and op.options["fused_activation_function"] == "RELU")
    assert [g.tensors[i].shape for i in fuse.inputs] == [(1, 64, 128, 128)] * 2
    # the t = 1 bottleneck keeps its 1x1 conv (32 -> 32 on the 64 x 128 deep stem,
    # beside its 32 -> 32 projection)
    w = [(g.tensors[op.inputs[0]].shape, g.tensors[op.inputs[1]].shape)
         for op in g.ops if op.type == "CONV_2D"]
    assert w.count(((1, 64, 128, 32), (32, 1, 1, 32))) == 2
    # the t = 6 expansions of the second 32 bottleneck and the first 48 one
    assert w.count(((1, 64, 128, 32), (192, 1, 1, 32))) == 2
    assert _resizes(g) == [((16, 32), (64, 128), False, False),
                           ((64, 128), (512, 1024), False, False)]
    # 0.85 M parameters (recalled, not read); osmr/imgclsmob pins 876,563 (read) = this
    # count + its batch-norm parameters (one more per channel of every conv but the
    # classifier) + the biases its two fusion 1x1 convs keep beside batch norm
    _pinned(g, (1_686_388_736, 865_251), (None, 0.85e6), (None, 0.02))
    convs = [op for op in g.ops if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")]
    bn = sum(g.tensors[op.outputs[0]].shape[-1] for op in convs[:-1])
    assert _params(g) + bn + 2 * 128 == 876_563


def test_pspnet_mnv2_dilated_backbone_pyramid_pooling_and_counts():
    g, t = _seg(hn.pspnet_mobilenet_v2, (1, 512, 512, 3), 21)
    # backbone 1 + 16 + 17 convs (no 1280 conv); 4 branch 1x1s, the 3x3, the logits
    assert t.count("CONV_2D") == 34 + 4 + 2 and t.count("DEPTHWISE_CONV_2D") == 17
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op)[0] for op in dws] == [1] * 7 + [2] * 7 + [4] * 3
    assert [op.options["stride_h"] for op in dws] == [1, 2, 1, 2, 1, 1] + [1] * 11
    assert _max_dil(g) == 4
    # output stride 8: every dilated depthwise conv on 64 x 64
    assert {g.tensors[op.outputs[0]].shape[1:3] for op in dws
            if _dil(op) != (1, 1)} == {(64, 64)}
    pools = [g.tensors[op.outputs[0]].shape[1] for op in g.ops
             if op.type == "AVERAGE_POOL_2D"]
    assert pools == [32, 16, 8, 4, 2] and t.count("MEAN") == 1
    (cat,) = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [g.tensors[i].shape for i in cat.inputs] == [(1, 64, 64, 320)] + [
        (1, 64, 64, 80)] * 4
    assert _resizes(g) == [((1, 1), (8, 8), False, False),
                           ((8, 8), (64, 64), False, False),
                           ((2, 2), (16, 16), False, False),
                           ((16, 16), (64, 64), False, False),
                           ((4, 4), (32, 32), False, False),
                           ((32, 32), (64, 64), False, False),
                           ((8, 8), (64, 64), False, False),
                           ((64, 64), (512, 512), False, False)]
    # no published count for the MobileNet-v2 form (paper or release)
    _pinned(g, (9_566_893_056, 2_361_237), (None, None), (None, None))


def test_fcn8s_vgg16_skips_transpose_convs_and_published_params():
    g, t = _seg(hn.fcn8s_vgg16, (1, 256, 256, 3), 21)
    # 13 VGG convs, fc6 / fc7 / score_fr, score_pool4 / score_pool3
    assert t.count("CONV_2D") == 13 + 3 + 2 and t.count("MAX_POOL_2D") == 5
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [g.tensors[op.inputs[1]].shape for op in convs[13:16]] == [
        (4096, 7, 7, 512), (4096, 1, 1, 4096), (21, 1, 1, 4096)]
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [(g.tensors[op.inputs[2]].shape, g.tensors[op.outputs[0]].shape)
            for op in tcs] == [((1, 8, 8, 21), (1, 16, 16, 21)),
                               ((1, 16, 16, 21), (1, 32, 32, 21))]
    assert all(len(op.inputs) == 3 and op.options["stride_h"] == 2 for op in tcs)
    assert all(g.tensors[op.inputs[1]].shape == (21, 4, 4, 21) for op in tcs)
    # the skip ADDs: 1x1 scores of pool4 (16 x 16 x 512) and pool3 (32 x 32 x 256)
    skips = [g.tensors[op.inputs[0]].shape for op in convs[16:]]
    assert skips == [(1, 16, 16, 512), (1, 32, 32, 256)] and t.count("ADD") == 2
    assert _resizes(g) == [((32, 32), (256, 256), False, False)]
    # Table 1 (recalled, not read): 134 M parameters for FCN-VGG16
    _pinned(g, (27_711_009_792, 134_376_863), (None, 134e6), (None, 0.005))


def test_families_xv_registered_and_int8_keep_gates_and_resizes():
    """The held-out dispatch knows the four at their input sizes; BiSeNet's and
    ContextNet's int8 graphs keep their gates, resizes and pools (LiteRT
    calibration). PSPNet and FCN-8s (134 M weights) are checked as float graphs
    above."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22E == ("bisenet_r18_512x256", "contextnet14_1024x512",
                             "pspnet_mnv2_512", "fcn8s_vgg16_256")
    assert set(ph.SESSION22E) <= set(ph.MODELS)
    assert not set(ph.SESSION22E) & set(ph.SESSION22C + ph.SESSION22D)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22E] == [
        "resnet", "mbconv", "mbconv", "plain"]
    assert all("[U]" in ph.MODELS[m][1] for m in ph.SESSION22E)
    q, qi, qo = _int8_io("bisenet_r18_512x256")
    assert qi == [_CITY] and qo == [(1, 256, 512, 19)]
    types = q.op_types()
    assert types.count("LOGISTIC") == 3 and types.count("RESIZE_NEAREST_NEIGHBOR") == 2
    assert types.count("RESIZE_BILINEAR") == 3
    c, ci, co = _int8_io("contextnet14_1024x512")
    assert ci == [(1, 512, 1024, 3)] and co == [(1, 512, 1024, 19)]
    assert c.op_types().count("AVERAGE_POOL_2D") == 2
    assert c.op_types().count("RESIZE_BILINEAR") == 2


# -- held-out families XVI (session 22)

def test_resnet101_table1_bottlenecks_and_published_macs():
    g, outs = _graph_multi(hn.resnet101, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 33 bottlenecks (3 + 4 + 23 + 3) of 3 convs, 4 projections, the stem: 104 convs
    assert t.count("CONV_2D") == 1 + 33 * 3 + 4 and t.count("ADD") == 33
    adds = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == "ADD"]
    assert adds.count((14, 14, 1024)) == 23 and adds[-1] == (7, 7, 2048)
    # the stride sits on the 3x3 conv (and the projection), as in resnet50
    strided = [g.tensors[op.inputs[1]].shape[1] for op in g.ops
               if op.type == "CONV_2D" and op.options["stride_h"] == 2]
    assert strided == [7, 3, 1, 3, 1, 3, 1]
    # Table 1 (recalled, not read): 7.6 G FLOPs (multiply-adds, stride on the 1x1);
    # torchvision (recalled): 7.80 G MACs (v1.5) and 44,549,160 parameters with batch
    # norm unfolded = this count + one more parameter per conv output channel
    _pinned(g, (7_801_405_440, 44_496_488), (7.6e9, 44.5e6), (0.03, 0.002))
    assert _params(g) + sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
                            if op.type == "CONV_2D") == 44_549_160


def test_mobilenet_v1_050_160_widths_and_published_madds():
    g, outs = _graph_multi(hn.mobilenet_v1_050_160, (1, 160, 160, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    assert t.count("CONV_2D") == 14 and t.count("DEPTHWISE_CONV_2D") == 13
    widths = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
              if op.type == "CONV_2D"]
    assert widths == [16, 32, 64, 64, 128, 128, 256, 256, 256, 256, 256, 256, 512, 512]
    pool = next(op for op in g.ops if op.type == "AVERAGE_POOL_2D")
    assert g.tensors[pool.inputs[0]].shape == (1, 5, 5, 512)
    # the TF-slim README (recalled, not read): 77 M MACs, 1.32 M parameters (1001
    # classes: + 513 parameters)
    _pinned(g, (76_524_800, 1_326_120), (77e6, 1.32e6), (0.01, 0.005))


def test_darknet53_table1_residual_blocks_and_published_operations():
    g, outs = _graph_multi(hn.darknet53, (1, 256, 256, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 52 convs, each with a standalone LEAKY_RELU 0.1; 23 linear residual ADDs; the FC
    assert t.count("CONV_2D") == 52 and t.count("LEAKY_RELU") == 52
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "ADD")} == {"NONE"}
    adds = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == "ADD"]
    assert [adds.count(s) for s in ((128, 128, 64), (64, 64, 128), (32, 32, 256),
                                    (16, 16, 512), (8, 8, 1024))] == [1, 2, 8, 8, 4]
    assert len(adds) == 23 and t[-3:] == ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    # Table 2 (recalled, not read): 18.7 billion operations at 256 (2 x
    # multiply-adds); timm's darknet53 (recalled): 41.6 M parameters
    _pinned(g, (9_285_115_904, 41_592_072), (18.7e9 / 2, 41.6e6), (0.01, 0.001))


def test_shufflenet_v1_g3_units_shuffle_and_published_flops():
    g, outs = _graph_multi(hn.shufflenet_v1, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # 16 units: 3 stride-2 (pool + concat), 13 stride-1 (ADD RELU); one shuffle each
    assert t.count("AVERAGE_POOL_2D") == 3 and t.count("ADD") == 13
    assert t.count("TRANSPOSE") == 16 and t.count("DEPTHWISE_CONV_2D") == 16
    perms = {tuple(g.tensors[op.outputs[0]].shape) for op in g.ops
             if op.type == "TRANSPOSE"}
    assert all(p[0] == 1 and p[-1] == 3 for p in perms)  # [1, H W, C / 3, 3]
    # grouped 1x1 convs: 3 CONV_2Ds a SPLIT; the first unit's first 1x1 is not grouped
    assert t.count("SPLIT") == 2 * 16 - 1
    assert t.count("CONV_2D") == 1 + 3 * (2 * 16 - 1) + 1
    # stride-2 units: CONCATENATION of the pooled input and out - in new channels
    pooled = {op.outputs[0] for op in g.ops if op.type == "AVERAGE_POOL_2D"}
    units = [[g.tensors[i].shape[1:] for i in (*op.inputs, *op.outputs)]
             for op in g.ops if op.type == "CONCATENATION" and op.inputs[0] in pooled]
    assert units == [[(28, 28, 24), (28, 28, 216), (28, 28, 240)],
                     [(14, 14, 240), (14, 14, 240), (14, 14, 480)],
                     [(7, 7, 480), (7, 7, 480), (7, 7, 960)]]
    # Table 1 (recalled, not read): 137 M FLOPs (multiply-adds) at g = 3; osmr/
    # imgclsmob's shufflenet_g3_w1 (recalled): 1,865,728 parameters = this count +
    # one more parameter per batch-normalised channel
    _pinned(g, (137_460_672, 1_853_488), (137e6, 1.865728e6), (0.005, 0.01))
    assert _params(g) + sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
                            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")) == 1_865_728


def test_families_xvi_registered_and_int8_io():
    """The held-out dispatch knows the four at their input sizes; their int8 graphs
    keep the shuffle and the LEAKY_RELUs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION22F == ("resnet101_224", "mobilenet_v1_0.5_160", "darknet53_256",
                             "shufflenet_v1_g3_224")
    assert set(ph.SESSION22F) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION22F] == [
        "resnet", "families", "plain", "shuffle"]
    for name, shape, op, n in (
            ("mobilenet_v1_0.5_160", (1, 160, 160, 3), "CONV_2D", 14),
            ("shufflenet_v1_g3_224", (1, 224, 224, 3), "TRANSPOSE", 16)):
        q, qi, qo = _int8_io(name)
        assert qi == [shape] and qo == [(1, 1000)], name
        assert q.op_types().count(op) == n, name


# -- held-out families XVII (session 23, pre-registered)

def _cats(g):
    """The CONCATENATIONs' (input count, output shape without the batch)."""
    return [(len(op.inputs), g.tensors[op.outputs[0]].shape[1:]) for op in g.ops
            if op.type == "CONCATENATION"]


def test_vovnet27_slim_table1_osa_modules_and_published_params():
    g, outs = _graph_multi(hn.vovnet27_slim, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)]
    # stem 3 + 4 OSA modules of 5 3x3 convs and a 1x1; 3 max pools between stages
    assert t.count("CONV_2D") == 3 + 4 * 6 and t.count("MAX_POOL_2D") == 3
    # one-shot aggregation: ONE CONCATENATION of the module input and the 5 outputs
    assert _cats(g) == [(6, (56, 56, 128 + 5 * 64)), (6, (28, 28, 128 + 5 * 80)),
                        (6, (14, 14, 256 + 5 * 96)), (6, (7, 7, 384 + 5 * 112))]
    for op in (op for op in g.ops if op.type == "CONCATENATION"):
        layers = [_producer(g, i) for i in op.inputs[1:]]
        assert all(p.type == "CONV_2D" for p in layers)
        assert [p.inputs[0] for p in layers] == list(op.inputs[:-1])  # one chain
    ones = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
            and g.tensors[op.inputs[1]].shape[1] == 1]
    assert ones == [128, 256, 384, 512]
    # published (recalled, not read; source table and whether the classifier is
    # counted unknown to us): 3.5 M parameters; no published MAC count known to us
    _pinned(g, (2_176_695_296, 3_522_440), (None, 3.5e6), (None, 0.01))


def test_yolov5n_c3_sppf_pan_three_heads_and_published_counts():
    g, outs = _graph_multi(hn.yolov5n, (1, 320, 320, 3))
    t = _types(g)
    assert outs == [(1, 40, 40, 255), (1, 20, 20, 255), (1, 10, 10, 255)]
    # 57 Conv (conv + SiLU as LOGISTIC, MUL) and the three linear 1x1 heads
    assert t.count("CONV_2D") == 60 and t.count("LOGISTIC") == t.count("MUL") == 57
    assert t.count("ADD") == 1 + 2 + 3 + 1  # backbone C3 bottleneck shortcuts
    assert "SOFTMAX" not in t and t.count("RESIZE_NEAREST_NEIGHBOR") == 2
    stem = g.ops[0]
    assert g.tensors[stem.inputs[1]].shape == (16, 6, 6, 3) and stem.options[
        "stride_h"] == 2
    # 8 C3 concats of two halves; SPPF's concat of four; 4 neck route concats
    assert _cats(g) == [
        (2, (80, 80, 32)), (2, (40, 40, 64)), (2, (20, 20, 128)), (2, (10, 10, 256)),
        (4, (10, 10, 512)), (2, (20, 20, 256)), (2, (20, 20, 128)), (2, (40, 40, 128)),
        (2, (40, 40, 64)), (2, (20, 20, 128)), (2, (20, 20, 128)), (2, (10, 10, 256)),
        (2, (10, 10, 256))]
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"]) for op in pools] == [
        (5, 1)] * 3
    assert [p.inputs[0] for p in pools[1:]] == [p.outputs[0] for p in pools[:2]]
    # the v6.0 README (recalled, not read): 4.5 GFLOPs (2 x MACs) at 640 = 4 x 320,
    # 1.9 M parameters; the fused model summary (recalled): 1,867,405 parameters
    _pinned(g, (558_515_200, 1_867_405), (4.5e9 / 8, 1_867_405), (0.01, 1e-9))


def test_unetpp_l4_nested_dense_skips_and_published_params():
    g, outs = _graph_multi(hn.unetpp, (1, 128, 128, 3))
    t = _types(g)
    assert outs == [(1, 128, 128, 1)]
    # 15 nodes of two 3x3 convs and the 1x1 head; 10 up-samplings, 4 max pools
    assert t.count("CONV_2D") == 31 and t.count("TRANSPOSE_CONV") == 10
    assert t.count("MAX_POOL_2D") == 4
    # X^{i,j} concatenates X^{i,0..j-1} and up(X^{i+1,j-1}): j + 1 maps, diagonal by
    # diagonal (X^{0,1}; X^{1,1}, X^{0,2}; X^{2,1}, X^{1,2}, X^{0,3}; ...)
    assert _cats(g) == [
        (2, (128, 128, 64)), (2, (64, 64, 128)), (3, (128, 128, 96)),
        (2, (32, 32, 256)), (3, (64, 64, 192)), (4, (128, 128, 128)),
        (2, (16, 16, 512)), (3, (32, 32, 384)), (4, (64, 64, 256)),
        (5, (128, 128, 160))]
    for op in (op for op in g.ops if op.type == "CONCATENATION"):
        assert _producer(g, op.inputs[-1]).type == "TRANSPOSE_CONV"
        assert {_producer(g, i).type for i in op.inputs[:-1]} == {"CONV_2D"}
    # the 1x1 head sits on X^{0,4}: two 3x3 convs on the concat of five maps
    head = g.ops[-1]
    x04 = _producer(g, _producer(g, head.inputs[0]).inputs[0])
    assert head.type == "CONV_2D" and len(_producer(g, x04.inputs[0]).inputs) == 5
    # Table 3 (recalled, not read): UNet++ 9.04 M parameters; no published MACs known
    _pinned(g, (7_446_986_752, 9_042_177), (None, 9.04e6), (None, 0.001))


def test_retinaface_mnet025_fpn_ssh_heads_and_release_params():
    g, outs = _graph_multi(hn.retinaface_mnet025, (1, 320, 320, 3))
    t = _types(g)
    # 2 anchors on 40x40, 20x20, 10x10: 4200 boxes, classes, landmarks
    assert outs == [(1, 4200, 4), (1, 4200, 2), (1, 4200, 10)]
    # body 14 convs + 13 depthwise, FPN 3 laterals + 2 merges, SSH 5 convs a level,
    # 9 heads; a standalone LEAKY_RELU 0.1 on all but the SSH's 3 linear convs per
    # level and the heads
    assert t.count("CONV_2D") == 14 + 5 + 3 * 5 + 9
    assert t.count("DEPTHWISE_CONV_2D") == 13
    assert t.count("LEAKY_RELU") == 27 + 5 + 3 * 2
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D", "ADD")} == {"NONE"}
    assert t.count("RESIZE_NEAREST_NEIGHBOR") == t.count("ADD") == 2
    # SSH: [3x3 of 32, "5x5" of 16, "7x7" of 16] -> 64, RELU; then the head concats
    assert _cats(g) == [(3, (40, 40, 64)), (3, (20, 20, 64)), (3, (10, 10, 64)),
                        (3, (4200, 4)), (3, (4200, 2)), (3, (4200, 10))]
    relus = [op for op in g.ops if op.type == "RELU"]
    assert [_producer(g, op.inputs[0]).type for op in relus] == ["CONCATENATION"] * 3
    assert t.count("RESHAPE") == 9
    # the common release's PyTorch model (recalled, not read): 426,608 parameters with
    # batch norm unfolded = this count + one parameter per batch-normalised channel
    # (every conv but the 9 heads); the paper gives no count
    _pinned(g, (245_286_400, 423_264), (None, None), (None, None))
    heads = {op.outputs[0] for op in g.ops if op.type == "RESHAPE"}
    bn = sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
             if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")
             and not any(op.outputs[0] in o.inputs and o.outputs[0] in heads
                         for o in g.ops))
    assert _params(g) + bn == 426_608


def test_families_xvii_registered_and_int8_io():
    """The held-out dispatch knows the four at their input sizes; their int8 graphs
    keep the multi-input CONCATENATIONs and the three outputs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION23 == ("vovnet27_slim_224", "yolov5n_320", "unetpp_128",
                            "retinaface_mnet025_320")
    assert set(ph.SESSION23) <= set(ph.MODELS) and set(ph.SESSION23) <= set(
        ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION23] == [
        "plain", "plain", "upsample", "detect"]
    for name, shape, out, cats in (
            ("vovnet27_slim_224", (1, 224, 224, 3), [(1, 1000)], 4),
            ("yolov5n_320", (1, 320, 320, 3),
             [(1, 40, 40, 255), (1, 20, 20, 255), (1, 10, 10, 255)], 13),
            ("unetpp_128", (1, 128, 128, 3), [(1, 128, 128, 1)], 10),
            ("retinaface_mnet025_320", (1, 320, 320, 3),
             [(1, 4200, 4), (1, 4200, 2), (1, 4200, 10)], 6)):
        q, qi, qo = _int8_io(name)
        assert qi == [shape] and qo == out, name
        assert q.op_types().count("CONCATENATION") == cats, name


# -- held-out families XVIII (session 23, pre-registered)

def _bn_channels(g):
    """Output channels of the convs on maps larger than 1x1 (the batch-normalised
    ones; an unfolded graph has one more parameter for each)."""
    return sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
               if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")
               and g.tensors[op.inputs[0]].shape[1] > 1)


def test_se_resnet50_table1_gates_before_add_and_published_counts():
    g, outs = _graph_multi(hn.se_resnet50, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 153
    # ResNet-50's 53 convs plus two 1x1 convs per SE gate; a MEAN, LOGISTIC and MUL a
    # gate, one MEAN in the head
    assert t.count("CONV_2D") == 53 + 2 * 16 and t.count("ADD") == 16
    assert t.count("MEAN") == 16 + 1 and t.count("LOGISTIC") == t.count("MUL") == 16
    # the gate scales the residual branch, which then enters the ADD
    made = {op.outputs[0]: op for op in g.ops}
    gated = [op for op in g.ops
             if op.type == "ADD" and made[op.inputs[0]].type == "MUL"]
    assert len(gated) == 16
    # Table 1: fc [C / 16, C] per stage (3 / 4 / 6 / 3 blocks)
    fcs = [(g.tensors[op.inputs[1]].shape[0], g.tensors[op.inputs[1]].shape[3])
           for op in g.ops if op.type == "CONV_2D"
           and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)]
    assert fcs[0::2] == [(16, 256)] * 3 + [(32, 512)] * 4 + [(64, 1024)] * 6 + [
        (128, 2048)] * 3
    scale = [g.tensors[i].shape for op in g.ops if op.type == "MUL" for i in op.inputs]
    assert scale[-2:] == [(1, 7, 7, 2048), (1, 1, 1, 2048)]
    # Table 2 (recalled, not read): 3.87 GFLOPs (multiply-adds, stride on the first
    # 1x1; the v1.5 stride here adds 5.7 %) and 28.1 M parameters
    _pinned(g, (4_091_699_200, 28_061_464), (3.87e9, 28.1e6), (0.06, 0.002))
    r, _ = _graph_multi(hn.resnet50, (1, 224, 224, 3))
    # the SE blocks: 2 C^2 / 16 + C / 16 + C per block
    assert _params(g) - _params(r) == 2_530_992


def test_nin_mlpconv_blocks_space_to_depth_stem_and_params():
    g, outs = _graph_multi(hn.nin, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 20
    assert t[:4] == ["RESHAPE", "TRANSPOSE", "RESHAPE", "CONV_2D"]
    assert t[-2:] == ["MEAN", "SOFTMAX"]
    assert t.count("CONV_2D") == 12 and t.count("MAX_POOL_2D") == 3
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert {op.options["fused_activation_function"] for op in convs} == {"RELU"}
    assert {op.options["stride_h"] for op in convs} == {1}  # Vela 5.2: stride <= 3
    layers = [(_kernel(g, op)[0], g.tensors[op.outputs[0]].shape[1:]) for op in convs]
    assert layers == [
        (3, (54, 54, 96)), (1, (54, 54, 96)), (1, (54, 54, 96)),
        (5, (27, 27, 256)), (1, (27, 27, 256)), (1, (27, 27, 256)),
        (3, (13, 13, 384)), (1, (13, 13, 384)), (1, (13, 13, 384)),
        (3, (6, 6, 1024)), (1, (6, 6, 1024)), (1, (6, 6, 1000))]
    assert g.tensors[convs[0].inputs[1]].shape == (96, 3, 3, 48)  # 12x12/4 as s2d
    # no published multiply-add count; the model zoo's ~29 MB float32 file (recalled,
    # not read): ~7.6 M parameters, which the 11x11 form has exactly (7,595,176; the
    # 12x12 stem adds 6,624 parameters and 19.3 M MACs)
    _pinned(g, (1_119_504_384, 7_601_800), (None, 7.6e6), (0, 0.001))


def test_spnasnet100_blocks_no_se_and_release_params():
    g, outs = _graph_multi(hn.spnasnet100, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 81
    # stem, MBConv1's 1x1, 20 MBConv blocks (expansion, projection), head 1x1
    assert t.count("CONV_2D") == 1 + 1 + 20 * 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 21 and t.count("ADD") == 14
    assert "MUL" not in t and "LOGISTIC" not in t
    ks = [_kernel(g, op)[0] for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert ks == [3, 3, 3, 3, 5, 3, 3, 3, 5, 3, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 3]
    acts = {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")}
    assert acts == {"RELU", "NONE"}
    # timm's spnasnet_100 (recalled, not read): 4.42 M parameters, batch norm unfolded;
    # no published multiply-add count pinned
    _pinned(g, (333_467_072, 4_401_864), (None, 4.42e6), (0, 0.005))
    assert _params(g) + _bn_channels(g) == 4_421_616


def test_efficientnet_edgetpu_s_fused_stages_and_release_counts():
    g, outs = _graph_multi(hn.efficientnet_edgetpu_s, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 64
    # stem; 7 fused blocks (3x3 expansion conv, 1x1 projection); 11 MBConv blocks
    # (1x1 expansion, 5x5 depthwise, 1x1 projection); head 1x1
    assert t.count("CONV_2D") == 1 + 7 * 2 + 11 * 2 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 11 and t.count("ADD") == 1 + 3 + 4 + 3 + 1
    fused = [(g.tensors[op.outputs[0]].shape[1:], op.options["stride_h"])
             for op in g.ops if op.type == "CONV_2D" and _kernel(g, op) == (3, 3)]
    assert fused == [((112, 112, 32), 2), ((112, 112, 96), 1), ((56, 56, 192), 2),
                     ((56, 56, 256), 1), ((28, 28, 256), 2)] + [((28, 28, 384), 1)] * 3
    dws = {_kernel(g, op) for op in g.ops if op.type == "DEPTHWISE_CONV_2D"}
    assert dws == {(5, 5)}
    assert "MUL" not in t and "LOGISTIC" not in t
    # timm's efficientnet_es (recalled, not read): 5.44 M parameters (batch norm
    # unfolded), 1.81 G MACs
    _pinned(g, (1_788_731_008, 5_412_672), (1.81e9, 5.44e6), (0.015, 0.006))
    assert _params(g) + _bn_channels(g) == 5_438_392


def test_families_xviii_registered_and_int8_io():
    """The held-out dispatch knows the four at 224; NIN's int8 graph keeps its
    space-to-depth stem, EfficientNet-EdgeTPU-S its convs (LiteRT calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION23B == ("se_resnet50_224", "nin_224", "spnasnet100_224",
                             "efficientnet_edgetpu_s_224")
    assert set(ph.SESSION23B) <= set(ph.MODELS) and set(ph.SESSION23B) <= set(
        ph.BUILDER_MODELS)
    i = ph.BUILDER_MODELS.index(ph.SESSION23B[0])  # one block, once (families XIX follow)
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION23B
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION23B] == [
        "resnet", "plain", "mbconv", "mbconv"]
    for name, op, n in (("nin_224", "TRANSPOSE", 1),
                        ("efficientnet_edgetpu_s_224", "CONV_2D", 38)):
        q, qi, qo = _int8_io(name)
        assert qi == [(1, 224, 224, 3)] and qo == [(1, 1000)], name
        assert q.op_types().count(op) == n, name


# -- held-out families XIX (session 23, addendum 3, pre-registered)

def _silu_pairs(g):
    """How many LOGISTICs feed a MUL together with their own input (SiLU as
    ``x * LOGISTIC(x)``)."""
    made = {op.outputs[0]: op for op in g.ops}
    return sum(1 for op in g.ops if op.type == "MUL" and op.inputs[1] in made
               and made[op.inputs[1]].type == "LOGISTIC"
               and made[op.inputs[1]].inputs[0] == op.inputs[0])


def test_yolov8n_c2f_sppf_pan_decoupled_heads_and_published_counts():
    g, outs = _graph_multi(hn.yolov8n, (1, 320, 320, 3))
    t = _types(g)
    assert outs == [(1, 40, 40, 144), (1, 20, 20, 144), (1, 10, 10, 144)]
    assert len(t) == 212 and "SOFTMAX" not in t
    # 57 Conv (conv + SiLU) and 6 linear 1x1 predictions (box 64, class 80 a level)
    assert t.count("CONV_2D") == 63 and t.count("LOGISTIC") == t.count("MUL") == 57
    assert _silu_pairs(g) == 57
    assert t.count("SPLIT") == 8 and t.count("ADD") == 1 + 2 + 2 + 1
    assert t.count("RESIZE_NEAREST_NEIGHBOR") == 2
    assert g.tensors[g.ops[0].inputs[1]].shape == (16, 3, 3, 3)
    # C2f: the two halves and every bottleneck's output in one CONCATENATION; SPPF's
    # four; the neck's four routes; one box + class CONCATENATION a level
    assert _cats(g) == [
        (3, (80, 80, 48)), (4, (40, 40, 128)), (4, (20, 20, 256)), (3, (10, 10, 384)),
        (4, (10, 10, 512)), (2, (20, 20, 384)), (3, (20, 20, 192)), (2, (40, 40, 192)),
        (3, (40, 40, 96)), (2, (20, 20, 192)), (3, (20, 20, 192)), (2, (10, 10, 384)),
        (3, (10, 10, 384)), (2, (40, 40, 144)), (2, (20, 20, 144)), (2, (10, 10, 144))]
    preds = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
             and op.outputs[0] not in {m.inputs[0] for m in g.ops if m.type == "MUL"}]
    assert preds == [64, 80] * 3
    # the Ultralytics model summary (recalled, not read): 8.7 GFLOPs (2 x MACs) at
    # 640 = 4 x 320, 3.2 M parameters; fused, 3,151,904 = this count + DFL's 16
    _pinned(g, (1_092_864_000, 3_151_888), (8.7e9 / 8, 3_151_904), (0.01, 1e-5))


def test_yolox_nano_focus_depthwise_csp_spp_heads_and_published_counts():
    g, outs = _graph_multi(hn.yolox_nano, (1, 416, 416, 3))
    t = _types(g)
    assert outs == [(1, 52, 52, 85), (1, 26, 26, 85), (1, 13, 13, 85)]
    assert len(t) == 352 and "SOFTMAX" not in t
    # Focus as space-to-depth by 2: RESHAPE, TRANSPOSE, RESHAPE, then a 3x3 conv
    assert t[:4] == ["RESHAPE", "TRANSPOSE", "RESHAPE", "CONV_2D"]
    assert g.tensors[g.ops[3].inputs[0]].shape == (1, 208, 208, 12)
    # 30 DWConvs (depthwise + 1x1); SiLU after all but the 9 head predictions
    assert t.count("DEPTHWISE_CONV_2D") == 30 and t.count("CONV_2D") == 83
    assert t.count("LOGISTIC") == t.count("MUL") == _silu_pairs(g) == 83 + 30 - 9
    assert t.count("ADD") == 1 + 3 + 3  # backbone CSP shortcuts
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [op.options["filter_height"] for op in pools] == [5, 9, 13]
    assert len({op.inputs[0] for op in pools}) == 1  # SPP: side by side
    assert _cats(g) == [
        (2, (104, 104, 32)), (2, (52, 52, 64)), (2, (26, 26, 128)), (4, (13, 13, 512)),
        (2, (13, 13, 256)), (2, (26, 26, 256)), (2, (26, 26, 128)),
        (2, (52, 52, 128)), (2, (52, 52, 64)), (2, (26, 26, 128)), (2, (26, 26, 128)),
        (2, (13, 13, 256)), (2, (13, 13, 256)),
        (3, (52, 52, 85)), (3, (26, 26, 85)), (3, (13, 13, 85))]
    # Table 4 / the release README (recalled, not read): 0.91 M parameters, 1.08
    # GFLOPs (2 x MACs) at 416
    _pinned(g, (522_553_408, 904_463), (1.08e9 / 2, 0.91e6), (0.04, 0.01))


def test_efficientnetv2_b0_fused_stages_se_silu_and_release_counts():
    g, outs = _graph_multi(hn.efficientnetv2_b0, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 267
    # stem; 1 fused block without projection, 4 fused blocks (3x3, 1x1); 16 MBConv
    # (1x1, depthwise, 2 SE convs, 1x1); head 1x1
    assert t.count("CONV_2D") == 1 + 1 + 4 * 2 + 16 * 4 + 1
    assert t.count("DEPTHWISE_CONV_2D") == 16 and t.count("MEAN") == 16 + 1
    assert t.count("ADD") == 1 + 1 + 2 + 4 + 7
    # SiLU after every conv but the projections and the SE gate convs (LOGISTIC)
    assert _silu_pairs(g) == 1 + 5 + 16 * 3 + 1 and t.count("LOGISTIC") == 55 + 16
    fused = [(g.tensors[op.outputs[0]].shape[1:], op.options["stride_h"])
             for op in g.ops if op.type == "CONV_2D" and _kernel(g, op) == (3, 3)]
    assert fused == [((112, 112, 32), 2), ((112, 112, 16), 1), ((56, 56, 64), 2),
                     ((56, 56, 128), 1), ((28, 28, 128), 2), ((28, 28, 192), 1)]
    assert {_kernel(g, op) for op in g.ops if op.type == "DEPTHWISE_CONV_2D"} == {
        (3, 3)}
    # the release (recalled, not read): 7.1 M parameters, 0.72 GFLOPs (multiply-adds);
    # timm's tf_efficientnetv2_b0 (recalled): 7,139,704 with batch norm unfolded
    _pinned(g, (718_086_176, 7_109_400), (0.72e9, 7.1e6), (0.005, 0.002))
    assert _params(g) + _bn_channels(g) == 7_139_704


def test_mobileone_s0_inference_form_and_published_counts():
    g, outs = _graph_multi(hn.mobileone_s0, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 46
    assert t.count("CONV_2D") == 22 and t.count("DEPTHWISE_CONV_2D") == 21
    assert t[-3:] == ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    assert {"ADD", "MUL", "LOGISTIC"}.isdisjoint(t)  # re-parameterised, no SiLU
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")} == {"RELU"}
    pw = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == "CONV_2D"]
    assert pw == [(112, 112, 48), (56, 56, 48), (56, 56, 48)] + [(28, 28, 128)] * 8 + [
        (14, 14, 256)] * 10 + [(7, 7, 1024)]
    # Table 8 (recalled, not read): 2.1 M parameters, 275 M FLOPs (multiply-adds)
    _pinned(g, (275_110_400, 2_078_504), (275e6, 2.1e6), (0.002, 0.02))


def test_families_xix_registered_and_int8_io():
    """The held-out dispatch knows the four at their input sizes; their int8 graphs
    keep the SiLU LOGISTICs, the C2f SPLITs and the Focus TRANSPOSE (LiteRT
    calibration)."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION23C == ("yolov8n_320", "yolox_nano_416", "efficientnetv2_b0_224",
                             "mobileone_s0_224")
    assert set(ph.SESSION23C) <= set(ph.MODELS)
    i = ph.BUILDER_MODELS.index(ph.SESSION23C[0])  # one block; families XX next
    assert ph.BUILDER_MODELS[i:i + 8] == ph.SESSION23C + ph.SESSION24
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION23C] == [
        "plain", "mbconv", "mbconv", "families"]
    for name, shape, out, counts in (
            ("yolov8n_320", (1, 320, 320, 3),
             [(1, 40, 40, 144), (1, 20, 20, 144), (1, 10, 10, 144)],
             {"SPLIT": 8, "LOGISTIC": 57}),
            ("yolox_nano_416", (1, 416, 416, 3),
             [(1, 52, 52, 85), (1, 26, 26, 85), (1, 13, 13, 85)],
             {"TRANSPOSE": 1, "LOGISTIC": 104}),
            ("efficientnetv2_b0_224", (1, 224, 224, 3), [(1, 1000)], {"LOGISTIC": 71}),
            ("mobileone_s0_224", (1, 224, 224, 3), [(1, 1000)],
             {"DEPTHWISE_CONV_2D": 21})):
        q, qi, qo = _int8_io(name)
        assert qi == [shape] and qo == out, name
        assert {k: q.op_types().count(k) for k in counts} == counts, name
