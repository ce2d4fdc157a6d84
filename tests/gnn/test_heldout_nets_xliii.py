"""jaxeff.gnn.heldout_nets_xliii (held-out families XLIII, part G; session 33,
addendum 5): the published structures (ResNet-32's three stages of five basic blocks,
DenseNet-BC-100's 48 bottleneck layers and compression-0.5 transitions, WRN-28-10's
pre-activation groups of four blocks at 160 / 320 / 640), kernels, strides,
paddings, output shapes, activations, op counts per type, the pinned multiply-add and
parameter counts (by hand), registration, int8 builds (all three) and the overlap
with the training spaces (none draws any of the three exactly)."""

import inspect

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xliii as hx
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import (_int8_cifar, _overlap_unnamed,
                                                _registered_after)
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

CIFAR = (1, 32, 32, 3)
RESNET32_COUNTS = {"CONV_2D": 33, "ADD": 15, "MEAN": 1, "FULLY_CONNECTED": 1,
                   "SOFTMAX": 1}
DENSENET_COUNTS = {"CONV_2D": 99, "MUL": 51, "ADD": 51, "CONCATENATION": 48,
                   "AVERAGE_POOL_2D": 2, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
WRN_COUNTS = {"CONV_2D": 28, "ADD": 12, "RELU": 12, "MEAN": 1, "FULLY_CONNECTED": 1,
              "SOFTMAX": 1}
HEAD = ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]


def _shortcuts(g, proj_at):
    """Every ADD's second input is the block's input (the stem's or the last ADD's
    output), or, for the ADDs numbered in ``proj_at``, a 1x1 conv of it (of the
    input itself or of its standalone RELU); the first input a 3x3 conv of the block's
    (pre-activated) input through a second 3x3 conv. Returns the block inputs."""
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    ins = [g.ops[0].outputs[0]] + [a.outputs[0] for a in adds]

    def raw(t):  # through a standalone pre-activation RELU
        return prod[t].inputs[0] if prod[t].type == "RELU" else t

    for k, add in enumerate(adds):
        main, short = add.inputs
        first = prod[prod[main].inputs[0]]
        assert prod[main].type == first.type == "CONV_2D"
        assert raw(first.inputs[0]) == ins[k]
        if k in proj_at:
            sc = prod[short]
            assert sc.type == "CONV_2D" and sc.inputs[0] == first.inputs[0]
            assert g.tensors[sc.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short == ins[k]
    return ins


def _stage_layers(widths, blocks, cin, hws=(1024, 256, 64)):
    """(output pixels, C_in, C_out, taps) of basic-block stages: per block two 3x3
    convs, and a 1x1 projection after them where the width or the stride changes."""
    layers = []
    for i, (w, hw) in enumerate(zip(widths, hws, strict=True)):
        for j in range(blocks):
            layers += [(hw, cin, w, 9), (hw, w, w, 9)]
            if cin != w or (i and not j):
                layers.append((hw, cin, w, 1))
            cin = w
    return layers


def test_resnet32_cifar_three_stages_of_five_blocks_and_hand_counts():
    g = _graph(hx.resnet32_cifar, CIFAR, (1, 10), 51, RESNET32_COUNTS)
    block = ["CONV_2D", "CONV_2D", "ADD"]
    proj = ["CONV_2D", "CONV_2D", "CONV_2D", "ADD"]
    assert g.op_types() == ["CONV_2D"] + block * 5 + (proj + block * 4) * 2 + HEAD
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 11 + (
        [(3, 3), (3, 3), (1, 1)] + [(3, 3)] * 8) * 2
    # stride 2 on the first 3x3 of stages 2 and 3 and on their 1x1 projections
    assert _strides(g, "CONV_2D") == [(1, 1)] * 11 + (
        [(2, 2), (1, 1), (2, 2)] + [(1, 1)] * 8) * 2
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # the stem and each block's first conv RELU (BN folded), the second and the
    # projection linear, the block's last ReLU fused into the ADD
    assert _acts(g, "CONV_2D") == ["RELU"] + ["RELU", "NONE"] * 5 + (
        ["RELU", "NONE", "NONE"] + ["RELU", "NONE"] * 4) * 2
    assert _acts(g, "ADD") == ["RELU"] * 15
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 16)] * 11 + [
        (16, 16, 32)] * 11 + [(8, 8, 64)] * 11
    assert _out_shapes(g, "ADD") == [(32, 32, 16)] * 5 + [(16, 16, 32)] * 5 + [
        (8, 8, 64)] * 5
    ins = _shortcuts(g, (5, 10))
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert mean.inputs[0] == ins[-1]
    assert _fc_weights(g) == [(10, 64)]
    layers = [(1024, 3, 16, 9)] + _stage_layers((16, 32, 64), 5, 16) + [
        (1, 64, 10, 1)]
    assert len(layers) == 34  # 6n + 2 = 32 weighted layers and the two projections
    # published (Table 6): 0.46 M parameters (option A: no projection weights)
    _by_hand(g, layers, (69_124_736, 465_674))
    assert abs(465_674 / 0.46e6 - 1) < 0.02


def _out_shapes_of(g, op):
    return g.tensors[op.outputs[0]].shape[1:]


def test_densenet_bc100_bottlenecks_compression_and_hand_counts():
    g = _graph(hx.densenet_bc100_k12_cifar, CIFAR, (1, 10), 254, DENSENET_COUNTS)
    layer = ["MUL", "ADD", "CONV_2D", "CONV_2D", "CONCATENATION"]
    trans = ["MUL", "ADD", "CONV_2D", "AVERAGE_POOL_2D"]
    assert g.op_types() == ["CONV_2D"] + (layer * 16 + trans) * 2 + layer * 16 + [
        "MUL", "ADD"] + HEAD
    # stem 3x3 of 2k = 24 (linear); per layer 1x1 of 4k = 48 RELU (BN folded), 3x3 of
    # k = 12 (linear); transitions 1x1 to half the channels (linear)
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    dense = [c for c in convs[1:] if _out_shapes_of(g, c)[-1] in (48, 12)]
    assert len(dense) == 96
    assert [g.tensors[c.inputs[1]].shape[1:3] for c in dense] == [(1, 1), (3, 3)] * 48
    assert [c.options["fused_activation_function"] for c in dense] == [
        "RELU", "NONE"] * 48
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    outs = _out_shapes(g, "CONV_2D")
    trans_convs = [s for s in outs if s[-1] not in (48, 12)]
    assert trans_convs == [(32, 32, 24), (32, 32, 108), (16, 16, 150)]
    assert _acts(g, "CONV_2D")[0] == "NONE"
    # the running map: 24 + 16 x 12 = 216 -> 108 + 192 = 300 -> 150 + 192 = 342
    cat = _out_shapes(g, "CONCATENATION")
    assert [s[-1] for s in cat] == ([36 + 12 * i for i in range(16)]
                                    + [120 + 12 * i for i in range(16)]
                                    + [162 + 12 * i for i in range(16)])
    assert [s[:2] for s in cat] == [(32, 32)] * 16 + [(16, 16)] * 16 + [(8, 8)] * 16
    # 2x2 / 2 VALID average pools: 32 -> 16 -> 8
    assert _opt(g, "AVERAGE_POOL_2D", "filter_height") == [2, 2]
    assert _strides(g, "AVERAGE_POOL_2D") == [(2, 2)] * 2
    assert set(_opt(g, "AVERAGE_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(16, 16, 108), (8, 8, 150)]
    # every batch norm a MUL by [C] and an ADD of [C] with RELU fused
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == "MUL"]
    assert all(g.tensors[m.inputs[1]].shape == (g.tensors[m.inputs[0]].shape[-1],)
               for m in muls)
    assert _acts(g, "ADD") == ["RELU"] * 51
    assert all(prod[a.inputs[0]].type == "MUL" for a in g.ops if a.type == "ADD")
    # each layer's 3x3 output concatenated onto the running map
    for c in (op for op in g.ops if op.type == "CONCATENATION"):
        assert prod[c.inputs[1]].type == "CONV_2D"
        assert g.tensors[c.inputs[1]].shape[-1] == 12
    assert _fc_weights(g) == [(10, 342)]
    layers, bn, c = [(1024, 3, 24, 9)], [], 24
    for i, hw in enumerate((1024, 256, 64)):
        for _ in range(16):
            bn.append(c)
            layers += [(hw, c, 48, 1), (hw, 48, 12, 9)]
            c += 12
        if i < 2:
            bn.append(c)
            layers.append((hw, c, c // 2, 1))
            c //= 2
    layers.append((1, c, 10, 1))
    assert len(layers) == 100 and len(bn) == 50
    # + the final batch norm; published (Table 2): 0.8 M parameters (rounded)
    _by_hand(g, layers, (287_929_692, 748_336), extra=2 * (sum(bn) + 342))
    assert 748_336 + 2 * (sum(bn) + 342) == 767_716
    assert abs(767_716 / 0.8e6 - 1) < 0.05


def test_wrn28_10_preactivation_groups_projections_and_hand_counts():
    g = _graph(hx.wrn28_10_cifar, CIFAR, (1, 10), 55, WRN_COUNTS)
    c, r, a = "CONV_2D", "RELU", "ADD"
    block = [r, c, c, a]
    assert g.op_types() == [c] + [c, c, c, a] + block * 3 + (
        [r, c, c, c, a] + block * 3) * 2 + [r] + HEAD
    assert _kernels(g, "CONV_2D") == [(3, 3)] + ([(3, 3), (3, 3), (1, 1)] + [
        (3, 3)] * 6) * 3
    assert _strides(g, "CONV_2D") == [(1, 1)] * 10 + (
        [(2, 2), (1, 1), (2, 2)] + [(1, 1)] * 6) * 2
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # conv1 RELU (the first block's BN folded); a block's first conv RELU, the
    # second and the projection linear; the ADDs linear (pre-activation)
    assert _acts(g, "CONV_2D") == ["RELU"] + (
        ["RELU", "NONE", "NONE"] + ["RELU", "NONE"] * 3) * 3
    assert _acts(g, "ADD") == ["NONE"] * 12
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 16)] + [(32, 32, 160)] * 9 + [
        (16, 16, 320)] * 9 + [(8, 8, 640)] * 9
    assert _out_shapes(g, "ADD") == [(32, 32, 160)] * 4 + [(16, 16, 320)] * 4 + [
        (8, 8, 640)] * 4
    # projections on the pre-activated input at the first block of each group
    ins = _shortcuts(g, (0, 4, 8))
    prod = _producers(g)
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert prod[mean.inputs[0]].type == "RELU"
    assert prod[mean.inputs[0]].inputs[0] == ins[-1]
    assert _fc_weights(g) == [(10, 640)]
    layers = [(1024, 3, 16, 9)] + _stage_layers((160, 320, 640), 4, 16) + [
        (1, 640, 10, 1)]
    # conv1, N = (28 - 4) / 6 = 4 blocks of two 3x3 convs a group, 3 projections, FC
    assert len(layers) == 1 + 3 * 4 * 2 + 3 + 1
    # published (Tables 4 / 5, recalled): 36.5 M parameters
    _by_hand(g, layers, (5_243_328_768, 36_471_338))
    assert abs(36_471_338 / 36.5e6 - 1) < 0.01


def test_no_training_space_draws_a_xliii_model_exactly():
    """The overlap stated in ``models.json``: resnet draws ResNet-32's blocks,
    widths and projections but 1-4 blocks a stage and never a SOFTMAX; it never
    draws a standalone RELU, a linear residual ADD or a stage width 10 times its stem
    (WRN-28-10); plain's densenet draws DenseNet-BC at growth 12 with 2-8 layers a
    block and standalone RELUs, never a MUL; the earlier models of the same layouts
    are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_plain

    src = inspect.getsource(sp.resnet)
    assert "rng.integers(1, 5)" in src and "(8, 16, 32, 64)" in src
    assert "c * 2**i" in src
    for seed in range(20):
        g, _ = sp.resnet(np.random.default_rng(seed))
        assert "SOFTMAX" not in g.op_types() and "RELU" not in g.op_types()
        assert set(_acts(g, "ADD")) == {"RELU"}
    assert "rng.integers(2, 9)" in inspect.getsource(spaces_plain._densenet)
    for seed in range(30):
        g, meta = spaces_plain.plain(np.random.default_rng(seed))
        if meta["kind"] == "densenet":
            assert "MUL" not in g.op_types() and max(meta["blocks"]) <= 8
    assert not _overlap_unnamed(ph.MODELS, {
        "resnet32_cifar_32": ("resnet20_cifar", "resnet20_cifar_32",
                              "resnet18_cifar_32"),
        "densenet_bc100_k12_cifar_32": ("densenet40_k12_cifar_32", "densenet121_224",
                                        "densenet169_224"),
        "wrn28_10_cifar_32": ("wrn16_4_cifar", "preact_resnet18_cifar_32")})


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xliii_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33G == ("resnet32_cifar_32", "densenet_bc100_k12_cifar_32",
                             "wrn28_10_cifar_32")
    # after XLII's part F (later families, a SESSION33H among them, may follow);
    # every builder model once, every one registered
    _registered_after(ph, ph.SESSION33G, ph.SESSION33F)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33G] == [
        "resnet", "plain", "resnet"]
    io = {"resnet32_cifar_32": RESNET32_COUNTS,
          "densenet_bc100_k12_cifar_32": DENSENET_COUNTS,
          "wrn28_10_cifar_32": WRN_COUNTS}
    gs = _int8_cifar(io)
    # the int8 graphs keep the stride-2 projections, the MUL + ADD batch norms and
    # the 2x2 pools, the standalone RELUs
    assert _strides(gs["resnet32_cifar_32"], "CONV_2D")[11:14] == [(2, 2), (1, 1),
                                                                   (2, 2)]
    g = gs["densenet_bc100_k12_cifar_32"]
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(16, 16, 108), (8, 8, 150)]
    assert _out_shapes(g, "CONCATENATION")[-1] == (8, 8, 342)
    assert _out_shapes(gs["wrn28_10_cifar_32"], "ADD")[-1] == (8, 8, 640)
