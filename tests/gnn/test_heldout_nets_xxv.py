"""jaxeff.gnn.heldout_nets_xxv (held-out families XXV, first half): structures,
counts."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xxv as hx
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import (_classifier, _counted, _kernels,
                                             _out_shapes, _registered)
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxiv import _hand


def _groups(g):
    """Per CONCATENATION of a grouped conv (its inputs all CONV_2Ds reading one
    SPLIT's outputs): the number of groups and the set of (weight shape, activation)
    of its convs."""
    prod, out = _producers(g), []
    for cat in (op for op in g.ops if op.type == "CONCATENATION"):
        convs = [prod.get(t) for t in cat.inputs]
        if any(c is None or c.type != "CONV_2D" for c in convs):
            continue
        splits = {id(prod.get(c.inputs[0])) for c in convs}
        first = prod.get(convs[0].inputs[0])
        if len(splits) == 1 and first is not None and first.type == "SPLIT":
            out.append((len(convs), {(g.tensors[c.inputs[1]].shape, c.options[
                "fused_activation_function"]) for c in convs}))
    return out


def test_resnext50_32x4d_grouped_3x3_as_32_convs_and_published_counts():
    # stem, 16 x (1x1, 32 group convs, 1x1), 4 projections
    g = _classifier(hx.resnext50_32x4d, 601, {
        "CONV_2D": 1 + 16 * 34 + 4, "SPLIT": 16, "CONCATENATION": 16, "ADD": 16,
        "MAX_POOL_2D": 1, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # every block's 3x3: 32 groups of 4 / 8 / 16 / 32 channels (Table 1: 32x4d)
    # with RELU, fed by one SPLIT of the 1x1's output
    assert _groups(g) == [(32, {((w, 3, 3, w), "RELU")}) for n, w in zip(
        (3, 4, 6, 3), (4, 8, 16, 32), strict=True) for _ in range(n)]
    assert [len(op.outputs) for op in g.ops if op.type == "SPLIT"] == [32] * 16
    # the stride on the group convs of each stage's first block
    strides = [op.options["stride_h"] for op in g.ops if op.type == "CONV_2D"
               and g.tensors[op.inputs[1]].shape[1] == 3]
    assert strides == [1] * 96 + ([2] * 32 + [1] * 96) + ([2] * 32 + [1] * 160) + (
        [2] * 32 + [1] * 64)
    assert _out_shapes(g, "ADD") == ([(56, 56, 256)] * 3 + [(28, 28, 512)] * 4
                                     + [(14, 14, 1024)] * 6 + [(7, 7, 2048)] * 3)
    assert set(_acts(g, "ADD")) == {"RELU"}
    layers, side, cin = [(112, 3, 64, 49), (1, 2048, 1000, 1)], 56, 64
    for i, (n, p) in enumerate(zip((3, 4, 6, 3), (64, 128, 256, 512), strict=True)):
        w = 2 * p  # 32 x 4 x p / 64
        for j in range(n):
            h = side // (2 if i and not j else 1)
            layers += [(side, cin, w, 1), *[(h, w // 32, w // 32, 9)] * 32,
                       (h, w, 4 * p, 1)] + ([(h, cin, 4 * p, 1)] if j == 0 else [])
            side, cin = h, 4 * p
    assert _hand(layers) == (4_230_479_872, 24_994_792)
    # ResNeXt-50 32x4d (Table 1, recalled): 25.0 M parameters, 4.2 GFLOPs
    # (multiply-adds): +0.7 % MACs (torchvision's 4.23 G), -0.02 % parameters; with
    # batch norm unfolded exactly torchvision's resnext50_32x4d (25,028,904)
    _counted(g, _hand(layers), (4.2e9, 25.0e6), (0.008, 0.001), 25_028_904)


def test_nasnet_a_mobile_cells_factorized_reductions_and_published_counts():
    # 16 cells (2 stem reductions, 12 normal, 2 reductions) of 5 separable ops (RELU,
    # 2 depthwise, 2 1x1), 5 ADDs and a CONCATENATION; each cell a RELU + 1x1 on its
    # input, 15 RELU + 1x1 (11) or factorized reductions (4) on the previous one
    g = _classifier(hx.nasnet_a_mobile, 639, {
        "CONV_2D": 1 + 16 * 10 + 16 + 11 + 4 * 2, "DEPTHWISE_CONV_2D": 16 * 10,
        "RELU": 16 * 5 + 16 + 15 + 1, "ADD": 16 * 5, "CONCATENATION": 16 + 4,
        "AVERAGE_POOL_2D": 12 * 3 + 4 * 2 + 4 * 2, "MAX_POOL_2D": 4 * 2, "PAD": 4,
        "STRIDED_SLICE": 4, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    prod = _producers(g)
    cells = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops
             if op.type == "CONCATENATION" and prod[op.inputs[-1]].type == "ADD"]
    assert cells == ([(56, 56, 44), (28, 28, 88)] + [(28, 28, 264)] * 4
                     + [(14, 14, 352)] + [(14, 14, 528)] * 4 + [(7, 7, 704)]
                     + [(7, 7, 1056)] * 4)  # 6 x 44 / 88 / 176 filters, 4 @ 1056
    # the stem conv: 3x3/2 VALID, linear (111x111)
    assert g.tensors[g.ops[0].outputs[0]].shape == (1, 111, 111, 32)
    assert g.ops[0].options["padding"] == "VALID"
    # factorized reductions of the previous state: two halves, the second shifted
    facts = [op for op in g.ops if op.type == "CONCATENATION" and len(op.inputs) == 2]
    assert {prod[t].type for op in facts for t in op.inputs} == {"CONV_2D"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in facts] == [
        (56, 56, 22), (28, 28, 44), (14, 14, 88), (7, 7, 176)]
    assert [g.tensors[op.inputs[1]].data.tolist() for op in g.ops if op.type == "PAD"
            ] == [[[0, 0], [0, 1], [0, 1], [0, 0]]] * 4
    assert _out_shapes(g, "STRIDED_SLICE") == [(111, 111, 32), (56, 56, 44),
                                               (28, 28, 264), (14, 14, 528)]
    # separable kernels: 3 / 5 in normal cells, 3 / 5 / 7 in reductions, twice each
    dk = Counter(k for k, _ in _kernels(g, "DEPTHWISE_CONV_2D"))
    assert dk == {3: 2 * (12 * 3 + 4), 5: 2 * (12 * 2 + 4 * 2), 7: 2 * 4 * 2}
    assert [op.options["stride_h"] for op in g.ops if op.type == "DEPTHWISE_CONV_2D"
            ].count(2) == 4 * 4
    # NASNet-A Mobile (Table 2, recalled): 5.3 M parameters, 564 M multiply-adds
    _pinned(g, (563_638_816, 5_286_962), (564e6, 5.3e6), (0.001, 0.003))


def test_dpn68_dual_paths_grouped_convs_and_published_counts():
    # stem; 22 blocks x (1x1, 32 group convs, 1x1) + 4 projections
    g = _classifier(hx.dpn68, 942, {
        "CONV_2D": 1 + 22 * 34 + 4, "SPLIT": 22, "CONCATENATION": 22 * 3 - 1 + 1,
        "STRIDED_SLICE": 22 * 2 + 4 * 2, "RELU": 22 + 1, "ADD": 22, "MAX_POOL_2D": 1,
        "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # grouped 3x3 (32 groups: 4 / 8 / 16 / 32 channels a group, RELU)
    assert _groups(g) == [(32, {((w, 3, 3, w), "RELU")}) for n, w in zip(
        (3, 4, 12, 3), (4, 8, 16, 32), strict=True) for _ in range(n)]
    prod = _producers(g)
    # residual path: ADD of the residual and the 1x1's first bw channels
    assert _out_shapes(g, "ADD") == ([(56, 56, 64)] * 3 + [(28, 28, 128)] * 4
                                     + [(14, 14, 256)] * 12 + [(7, 7, 512)] * 3)
    assert {prod[t].type for op in g.ops if op.type == "ADD" for t in op.inputs} == {
        "STRIDED_SLICE", "ADD"}
    # dense path: grows by inc a block from 2 inc (the projection's share)
    dense, widths = [], []
    for n, _, inc, _ in hx.DPN68:
        widths += [2 * inc + inc * (j + 1) for j in range(n)]
    for op in g.ops:
        if op.type == "CONCATENATION" and prod[op.inputs[-1]].type == "STRIDED_SLICE":
            dense.append(g.tensors[op.outputs[0]].shape[-1])
    assert dense == widths and widths[-1] == 320
    # the head reads the CONCATENATION of both paths through a standalone RELU
    relu = [op for op in g.ops if op.type == "RELU"][-1]
    assert g.tensors[relu.inputs[0]].shape == (1, 7, 7, 512 + 320)
    # DPN-68 (Table 2, recalled): 12.8 M parameters, 2.5 GFLOPs; timm's dpn68 12.61 M
    # (recalled). As the release holds them: the weights without conv biases, a
    # batch norm (2 a channel) on the input of every pre-activated conv (stem, a
    # block's input, twice in projection blocks, the 3x3's and the last 1x1's input),
    # the head's, and the classifier's bias: exactly 12,611,602. MACs -7 % of 2.5 G
    # (timm lists 2.35 G, recalled): the paper's count is not reproduced.
    _pinned(g, (2_326_163_456, 12_575_056), (2.5e9, 12.8e6), (0.075, 0.02))
    weights = sum(int(np.prod(g.tensors[op.inputs[1]].shape)) for op in g.ops
                  if op.type in ("CONV_2D", "FULLY_CONNECTED"))
    bn, cin = hx.DPN68_STEM, hx.DPN68_STEM
    for n, bw, inc, r in hx.DPN68:
        for j in range(n):
            bn += cin * (1 if j else 2) + 2 * r
            cin = bw + 3 * inc if j == 0 else cin + inc
    assert cin == 832 and weights + 2 * (bn + cin) + 1000 == 12_611_602


def test_pfld_025_backbone_multiscale_head_and_hand_counts():
    g, outs = _graph_multi(hx.pfld, (1, 112, 112, 3))
    assert outs == [(1, 196)] and len(g.ops) == 58
    assert Counter(op.type for op in g.ops) == {
        "CONV_2D": 29, "DEPTHWISE_CONV_2D": 14, "ADD": 10, "MEAN": 2, "RESHAPE": 1,
        "CONCATENATION": 1, "FULLY_CONNECTED": 1}
    # widths x 0.25: stem 16, bottlenecks 16 (x5, /2), 32 (/2), 32 (x6), 4
    proj = [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == "CONV_2D"
            and op.options["fused_activation_function"] == "NONE"]
    assert proj == [(28, 28, 16)] * 5 + [(14, 14, 32)] * 7 + [(14, 14, 4)]
    assert _out_shapes(g, "ADD") == [(28, 28, 16)] * 4 + [(14, 14, 32)] * 6
    # S1, S2 (MEANs of the 14x14x4 and 7x7x8 maps), S3 (7x7 VALID conv, 1x1x32)
    prod = _producers(g)
    cat = next(op for op in g.ops if op.type == "CONCATENATION")
    assert [g.tensors[t].shape for t in cat.inputs] == [(1, 4), (1, 8), (1, 32)]
    assert [g.tensors[prod[t].inputs[0]].shape for t in cat.inputs] == [
        (1, 14, 14, 4), (1, 7, 7, 8), (1, 1, 1, 32)]
    assert g.ops[-1].type == "FULLY_CONNECTED"
    layers, side, cin = [(56, 3, 16, 9), (56, 1, 16, 9)], 56, 16
    for t, c, n, s in hx.PFLD:
        for j in range(n):
            h = side // (s if j == 0 else 1)
            e = cin * t
            layers += [(side, cin, e, 1), (h, 1, e, 9), (h, e, c // 4, 1)]
            side, cin = h, c // 4
    layers += [(7, 4, 8, 9), (1, 8, 32, 49), (1, 44, 196, 1)]
    assert _hand(layers) == (20_400_464, 91_984)
    # the paper gives file sizes only (2.1 MB for 0.25X, recalled), not matched here
    _pinned(g, _hand(layers), (None, None), (0, 0))


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxv_a_registered_and_int8_io():
    """The held-out dispatch knows the four, right after families XXIV; their int8
    graphs keep the 32-way group splits, NASNet's cells and PFLD's 196 outputs."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26 == ("resnext50_32x4d_224", "nasnet_a_mobile_224", "dpn68_224",
                            "pfld_0.25_112")
    i, _ = _registered(ph.SESSION26[:3], ["resnet", "none", "resnet"], {
        "resnext50_32x4d_224": {"CONV_2D": 549, "SPLIT": 16, "CONCATENATION": 16},
        "nasnet_a_mobile_224": {"DEPTHWISE_CONV_2D": 160, "RELU": 112, "PAD": 4},
        "dpn68_224": {"STRIDED_SLICE": 52, "SPLIT": 22, "CONCATENATION": 66}})
    assert i == ph.BUILDER_MODELS.index(ph.SESSION25D[-1]) + 1
    assert ph.BUILDER_MODELS[i + 3] == "pfld_0.25_112"
    assert ph.MODELS["pfld_0.25_112"][1].split()[0] == "mbconv"
    q, qi, qo = _int8_io("pfld_0.25_112")
    assert qi == [(1, 112, 112, 3)] and qo == [(1, 196)]
    assert {k: q.op_types().count(k) for k in ("MEAN", "ADD", "CONCATENATION")} == {
        "MEAN": 2, "ADD": 10, "CONCATENATION": 1}
