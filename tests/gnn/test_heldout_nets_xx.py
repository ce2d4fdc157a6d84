"""jaxeff.gnn.heldout_nets_xx: held-out families XX (session 24) -- structures, op
counts and multiply-add / parameter counts against the published ones."""

import pytest

from jaxeff.gnn import heldout_nets_xx as hx
from tests.gnn.test_heldout_nets import (_cats, _graph_multi, _int8_io, _params,
                                         _pinned, _producer)


def _types(g):
    return [op.type for op in g.ops]


def _bn_channels(g):
    """Output channels of the convs on maps larger than 1x1 (those a batch norm
    follows in the releases, heads and linear laterals aside)."""
    return sum(g.tensors[op.outputs[0]].shape[-1] for op in g.ops
               if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")
               and g.tensors[op.outputs[0]].shape[1] > 1)


def _consumers(g, t):
    return [op for op in g.ops if t in op.inputs]


def _kernels(g, kind):
    return [g.tensors[op.inputs[1]].shape[1] for op in g.ops if op.type == kind]


def test_yolov7_tiny_elan_sppcspc_pan_and_published_counts():
    g, outs = _graph_multi(hx.yolov7_tiny, (1, 416, 416, 3))
    t = _types(g)
    assert outs == [(1, 52, 52, 255), (1, 26, 26, 255), (1, 13, 13, 255)]
    assert len(t) == 135 and "SOFTMAX" not in t
    # 2 stem convs, 8 ELAN-tiny x 5, SPPCSPC 4, 4 PAN laterals, 2 stride-2, 3 x (3x3
    # + the linear 1x1 head); a standalone LEAKY_RELU 0.1 after all but the heads
    assert t.count("CONV_2D") == 2 + 8 * 5 + 4 + 4 + 2 + 3 * 2
    assert t.count("LEAKY_RELU") == 55
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "CONV_2D"} == {"NONE"}
    # ELAN-tiny: one CONCATENATION of four maps; SPPCSPC's two; the neck's 4 routes
    assert _cats(g) == [
        (4, (104, 104, 128)), (4, (52, 52, 256)), (4, (26, 26, 512)),
        (4, (13, 13, 1024)), (4, (13, 13, 1024)), (2, (13, 13, 512)),
        (2, (26, 26, 256)), (4, (26, 26, 256)), (2, (52, 52, 128)), (4, (52, 52, 128)),
        (2, (26, 26, 256)), (4, (26, 26, 256)), (2, (13, 13, 512)), (4, (13, 13, 512))]
    elans = [op for op in g.ops if op.type == "CONCATENATION" and len(op.inputs) == 4
             and _producer(g, op.inputs[0]).type == "LEAKY_RELU"]
    assert len(elans) == 8
    for op in elans:  # [3x3 #2, 3x3 #1, h, a]: 3x3 #1 and h also feed the next conv
        assert [len(_consumers(g, i)) for i in op.inputs] == [1, 2, 2, 1]
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"]) for op in pools] == [
        (2, 2)] * 3 + [(5, 1), (9, 1), (13, 1)]
    assert len({op.inputs[0] for op in pools[3:]}) == 1  # SPP: side by side
    assert t.count("RESIZE_NEAREST_NEIGHBOR") == 2
    # paper Table 1 (recalled, not read): 6.2 M parameters, 13.8 GFLOPs (2 x MACs) at
    # 640; the same graph at 640 counts 6,850,355,200 MACs (all maps scale exactly)
    _pinned(g, (2_894_275_072, 6_219_709), (13.8e9 / 2 * (416 / 640) ** 2, 6.2e6),
            (0.01, 0.005))


def test_nanodet_m_shufflenet_pan_gfl_heads_and_published_counts():
    g, outs = _graph_multi(hx.nanodet_m, (1, 320, 320, 3))
    t = _types(g)
    assert outs == [(1, 40, 40, 112), (1, 20, 20, 112), (1, 10, 10, 112)]
    assert len(t) == 207 and "SOFTMAX" not in t
    # ShuffleNet-v2 1.0x: stem, 3 stride-2 units (3 convs, 2 depthwise), 13 stride-1
    # units (2 convs, 1 depthwise); 3 laterals; 3 heads of 2 separable stacks + 1x1
    assert t.count("CONV_2D") == 1 + 3 * 3 + 13 * 2 + 3 + 3 * 3
    assert t.count("DEPTHWISE_CONV_2D") == 3 * 2 + 13 + 3 * 2
    assert t.count("LEAKY_RELU") == 1 + 3 * 3 + 13 * 2 + 3 * 4
    assert {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"} == {0.1}
    assert t.count("SPLIT") == 13 and t.count("TRANSPOSE") == 16
    assert t.count("RESHAPE") == 32 and t.count("MAX_POOL_2D") == 1
    stages = [(2, (40, 40, 116))] * 4 + [(2, (20, 20, 232))] * 8 + [
        (2, (10, 10, 464))] * 4
    assert _cats(g) == stages
    # PAN: bilinear x2 up + ADD top-down, bilinear x1/2 + ADD bottom-up, no convs
    rs = [op for op in g.ops if op.type.startswith("RESIZE")]
    assert {op.type for op in rs} == {"RESIZE_BILINEAR"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in rs] == [
        (20, 20, 96), (40, 40, 96), (20, 20, 96), (10, 10, 96)]
    assert all(op.options["half_pixel_centers"] for op in rs)
    assert [_consumers(g, op.outputs[0])[0].type for op in rs] == ["ADD"] * 4
    assert t.count("ADD") == 4
    # the NanoDet README (read in a copy): 0.72 GFLOPs, 0.95 M parameters at 320;
    # 2 x MACs = 0.684 G (-5 %); with batch norm unfolded (one more parameter per
    # channel of every conv but the 3 linear laterals and the 3 heads): 950,036
    _pinned(g, (342_223_200, 941_818), (0.72e9 / 2, None), (0.06, None))
    assert _params(g) + _bn_channels(g) - 3 * 96 - 3 * 112 == 950_036


def test_dla34_tree_roots_and_published_counts():
    g, outs = _graph_multi(hx.dla34, (1, 224, 224, 3))
    t = _types(g)
    assert outs == [(1, 1000)] and len(t) == 63
    assert t[-4:] == ["MEAN", "CONV_2D", "RESHAPE", "SOFTMAX"]
    # stem 3; trees: 12 basic blocks (24 convs), 6 roots, 4 projections; classifier
    assert t.count("CONV_2D") == 3 + 24 + 6 + 4 + 1 and t.count("ADD") == 12
    assert _kernels(g, "CONV_2D")[:3] == [7, 3, 3]
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"]) for op in pools] == [
        (2, 2)] * 4
    # roots: ONE CONCATENATION of the two blocks' outputs, the first subtree's root
    # and (levels 3-5) the pooled tree input; then a 1x1 conv with RELU, no ADD
    assert _cats(g) == [(2, (56, 56, 128)), (2, (28, 28, 256)), (4, (28, 28, 448)),
                        (2, (14, 14, 512)), (4, (14, 14, 896)), (3, (7, 7, 1280))]
    for op in (op for op in g.ops if op.type == "CONCATENATION"):
        ins = [_producer(g, i).type for i in op.inputs]
        assert ins[:2] == ["ADD", "ADD"]
        assert len(_consumers(g, op.inputs[1])) == 3  # next block, its ADD, the root
        root = _consumers(g, op.outputs[0])
        assert [r.type for r in root] == ["CONV_2D"]
        assert root[0].options["fused_activation_function"] == "RELU"
        if len(ins) == 4:
            assert ins[2:] == ["MAX_POOL_2D", "CONV_2D"]
    # timm's dla34 (recalled, not read): 3.07 G MACs, 15,742,104 parameters = this
    # count + one per batch-norm channel (timm drops the release's unused projections)
    _pinned(g, (3_060_043_776, 15_734_360), (3.07e9, 15.742104e6), (0.005, 0.001))
    assert _params(g) + _bn_channels(g) == 15_742_104


def test_pp_picodet_s_es_blocks_csp_pan_heads_and_published_counts():
    g, outs = _graph_multi(hx.pp_picodet_s, (1, 320, 320, 3))
    t = _types(g)
    assert outs == [(1, 40, 40, 112), (1, 20, 20, 112), (1, 10, 10, 112),
                    (1, 5, 5, 112)]
    assert len(t) == 347 and "SOFTMAX" not in t
    # 13 ES blocks, each with one SE: MEAN, 1x1 RELU, 1x1, hard sigmoid (ADD with
    # RELU6, MUL 1/6), MUL; the fourth PAN level is the one other ADD
    assert t.count("MEAN") == 13 and t.count("MUL") == 26 and t.count("ADD") == 14
    assert t.count("CONV_2D") == 98 and t.count("HARD_SWISH") == 87
    assert t.count("SPLIT") == 10 and t.count("TRANSPOSE") == 10
    assert {op.options["fused_activation_function"] for op in g.ops
            if op.type == "ADD" and _producer(g, op.inputs[0]).type == "CONV_2D"} == {
        "RELU6"}
    # 3x3 depthwise in ESNet (3 per stride-2 block, 1 per stride-1 block); 5x5 in
    # the CSP layers (4), the PAN down-sampling (2 + 2 for the top level), heads (8)
    dw = _kernels(g, "DEPTHWISE_CONV_2D")
    assert dw.count(3) == 3 * 3 + 10 and dw.count(5) == 4 + 4 + 8
    stage = {40: 96, 20: 192, 10: 384}
    cats = _cats(g)[:23]
    # stride-2 blocks: one CONCATENATION; stride-1: ghost-like [1x1, its depthwise]
    # of the middle width, then [kept half, branch] of the stage width
    assert [c[1][-1] == stage[c[1][0]] for c in cats].count(True) == 13
    assert [c[1][-1] for c in cats if c[1][-1] != stage[c[1][0]]] == [
        48, 48, 120, 96, 120, 96, 96, 96, 192, 192]
    assert _cats(g)[23:] == [(2, (20, 20, 192)), (2, (20, 20, 96)),
                             (2, (40, 40, 192)), (2, (40, 40, 96)),
                             (2, (20, 20, 192)), (2, (20, 20, 96)),
                             (2, (10, 10, 192)), (2, (10, 10, 96))]
    assert t.count("RESIZE_NEAREST_NEIGHBOR") == 2
    # the legacy (2021.10) README (read): 0.99 M parameters, 0.73 GFLOPs at 320;
    # 2 x MACs = 0.702 G (-3.8 %); unfolded (one more parameter per batch-normalised
    # channel, less the 2 hard-sigmoid constants of each SE and the 4 heads' biases)
    _pinned(g, (350_963_528, 983_917), (0.73e9 / 2, 0.99e6), (0.05, 0.01))
    assert _params(g) - 13 * 2 + _bn_channels(g) - 4 * 112 == 992_715


def test_families_xx_registered():
    """The held-out dispatch knows the four, families XXI right after them."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION24 == ("yolov7_tiny_416", "nanodet_m_320", "dla34_224",
                            "pp_picodet_s_320")
    assert set(ph.SESSION24) <= set(ph.MODELS)
    i = ph.BUILDER_MODELS.index(ph.SESSION24[0])
    assert ph.BUILDER_MODELS[i:i + 8] == ph.SESSION24 + ph.SESSION24B  # XXI follow
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION24] == [
        "plain", "shuffle", "resnet", "shuffle"]


_HEADS3 = ((52, 52), (26, 26), (13, 13))


@pytest.mark.parametrize("name,size,outs,counts", [
    ("yolov7_tiny_416", 416, [(1, h, w, 255) for h, w in _HEADS3],
     {"LEAKY_RELU": 55, "CONCATENATION": 14}),
    ("nanodet_m_320", 320, [(1, s, s, 112) for s in (40, 20, 10)],
     {"RESIZE_BILINEAR": 4, "TRANSPOSE": 16}),
    ("dla34_224", 224, [(1, 1000)], {"CONCATENATION": 6}),
    ("pp_picodet_s_320", 320, [(1, s, s, 112) for s in (40, 20, 10, 5)],
     {"HARD_SWISH": 87, "MEAN": 13})])
def test_families_xx_int8_io(name, size, outs, counts):
    """Int8 inputs / outputs at the model's sizes; the int8 graph keeps the standalone
    LEAKY_RELUs, the bilinear resizes, the root CONCATENATIONs and the HARD_SWISHes
    (LiteRT calibration)."""
    q, qi, qo = _int8_io(name)
    assert qi == [(1, size, size, 3)] and qo == outs
    assert {k: q.op_types().count(k) for k in counts} == counts
