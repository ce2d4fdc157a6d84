"""jaxeff.gnn.heldout_nets_xliii_b (held-out families XLIII, part H; session 33,
addendum 5): the published structures (ResNeXt-29's 8-way grouped 3x3 convs as SPLIT
/ 8 CONV_2D / CONCATENATION, PreAct ResNet-164's 54 pre-activation bottleneck
units), kernels, strides (the stride-2 grouped convs, 3x3 convs and 1x1 projections),
paddings, output shapes, activations, op counts per type, the pinned multiply-add and
parameter counts (by hand), registration, int8 builds (both) and the overlap with the
training spaces (neither is drawn exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xliii_b as hx
from tests.gnn.test_heldout_nets import _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxv import _groups
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

CIFAR = (1, 32, 32, 3)
RESNEXT29_COUNTS = {"CONV_2D": 94, "SPLIT": 9, "CONCATENATION": 9, "ADD": 9,
                    "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
PREACT164_COUNTS = {"CONV_2D": 166, "MUL": 54, "ADD": 108, "MEAN": 1,
                    "FULLY_CONNECTED": 1, "SOFTMAX": 1}
HEAD = ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]


def test_resnext29_8x64d_grouped_bottlenecks_projections_and_hand_counts():
    g = _graph(hx.resnext29_8x64d_cifar, CIFAR, (1, 10), 124, RESNEXT29_COUNTS)
    block = ["CONV_2D", "SPLIT"] + ["CONV_2D"] * 8 + ["CONCATENATION", "CONV_2D"]
    assert g.op_types() == ["CONV_2D"] + (
        block + ["CONV_2D", "ADD"] + (block + ["ADD"]) * 2) * 3 + HEAD
    # cardinality 8: each block's 3x3 eight convs of d = 64 x 2^(stage - 1) channels
    # (bottleneck widths 512, 1024, 2048) with RELU, fed by one SPLIT
    assert _groups(g) == [(8, {((d, 3, 3, d), "RELU")}) for d in (64, 128, 256)
                          for _ in range(3)]
    assert [len(op.outputs) for op in g.ops if op.type == "SPLIT"] == [8] * 9
    assert _out_shapes(g, "CONCATENATION") == [(32, 32, 512)] * 3 + [
        (16, 16, 1024)] * 3 + [(8, 8, 2048)] * 3
    # the stem a 3x3 stride-1 conv of 64 RELU; no max pool
    assert _kernels(g, "CONV_2D")[0] == (3, 3) and _acts(g, "CONV_2D")[0] == "RELU"
    assert _out_shapes(g, "CONV_2D")[0] == (32, 32, 64)
    k3 = [op for op in g.ops if op.type == "CONV_2D"
          and g.tensors[op.inputs[1]].shape[1:3] == (3, 3)][1:]
    assert len(k3) == 72 and {op.options["padding"] for op in k3} == {"SAME"}
    # the stride on the grouped 3x3 of stages 2 and 3's first block
    assert [op.options["stride_h"] for op in k3] == [1] * 24 + ([2] * 8 + [1] * 16) * 2
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # the first 1x1 RELU at the block input's size, the last 1x1 and the
    # projections linear, the block's ReLU fused into the ADD
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    assert _acts(g, "ADD") == ["RELU"] * 9
    assert _out_shapes(g, "ADD") == [(32, 32, 256)] * 3 + [(16, 16, 512)] * 3 + [
        (8, 8, 1024)] * 3
    ins = [g.ops[0].outputs[0]] + [a.outputs[0] for a in adds]
    first = []
    for k, add in enumerate(adds):
        main, short = add.inputs
        last = prod[main]
        assert last.type == "CONV_2D" and last.options["fused_activation_function"] \
            == "NONE"
        assert g.tensors[last.inputs[1]].shape[1:3] == (1, 1)
        assert prod[last.inputs[0]].type == "CONCATENATION"
        split = prod[prod[prod[last.inputs[0]].inputs[0]].inputs[0]]
        assert split.type == "SPLIT"
        reduce = prod[split.inputs[1]]
        assert reduce.type == "CONV_2D" and reduce.inputs[0] == ins[k]
        assert reduce.options["fused_activation_function"] == "RELU"
        first.append(g.tensors[reduce.outputs[0]].shape[1:])
        if k % 3 == 0:  # a 1x1 projection of the block's stride
            sc = prod[short]
            assert sc.type == "CONV_2D" and sc.inputs[0] == ins[k]
            assert g.tensors[sc.inputs[1]].shape[1:3] == (1, 1)
            assert sc.options["stride_h"] == (1 if k == 0 else 2)
            assert sc.options["fused_activation_function"] == "NONE"
        else:
            assert short == ins[k]
    assert first == [(32, 32, 512)] * 3 + [(32, 32, 1024)] + [(16, 16, 1024)] * 2 + [
        (16, 16, 2048)] + [(8, 8, 2048)] * 2
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert mean.inputs[0] == ins[-1]
    assert _fc_weights(g) == [(10, 1024)]
    layers, side, cin = [(1024, 3, 64, 9)], 32, 64
    for i, cout in enumerate((256, 512, 1024)):
        w = 8 * 64 * 2 ** i
        for j in range(3):
            h = side // (2 if i and not j else 1)
            layers += [(side * side, cin, w, 1), *[(h * h, w // 8, w // 8, 9)] * 8,
                       (h * h, w, cout, 1)] + ([(h * h, cin, cout, 1)] if not j else [])
            side, cin = h, cout
    layers += [(1, 1024, 10, 1)]
    # each block's grouped 3x3: 301,989,888 MACs at every stage
    assert sum(t * ci * co * k for t, ci, co, k in layers[2:10]) == 301_989_888
    _by_hand(g, layers, (5_387_266_048, 34_397_962))
    # published (Table 7, recalled): 34.4 M parameters
    assert abs(34_397_962 / 34.4e6 - 1) < 0.001


def test_preact_resnet164_pre_activation_bottlenecks_and_hand_counts():
    g = _graph(hx.preact_resnet164_cifar, CIFAR, (1, 10), 331, PREACT164_COUNTS)
    convs = ["CONV_2D"] * 3
    unit = ["MUL", "ADD"] + convs + ["ADD"]
    proj = ["MUL", "ADD"] + convs + ["CONV_2D", "ADD"]
    assert g.op_types() == ["CONV_2D"] + convs + ["CONV_2D", "ADD"] + unit * 17 + (
        proj + unit * 17) * 2 + ["MUL", "ADD"] + HEAD
    k = [(1, 1), (3, 3), (1, 1)]
    assert _kernels(g, "CONV_2D") == [(3, 3)] + (k + [(1, 1)] + k * 17) * 3
    one = [(1, 1)] * 3
    assert _strides(g, "CONV_2D") == [(1, 1)] + one + [(1, 1)] + one * 17 + (
        [(1, 1), (2, 2), (1, 1), (2, 2)] + one * 17) * 2
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # the stem RELU (the first unit's batch norm folded); in a unit the 1x1 and 3x3
    # RELU (their batch norms folded), the last 1x1 and the projection linear
    a = ["RELU", "RELU", "NONE"]
    assert _acts(g, "CONV_2D") == ["RELU"] + (a + ["NONE"] + a * 17) * 3
    shapes = []
    for side, w, cin_side in ((32, 16, 32), (16, 32, 32), (8, 64, 16)):
        shapes += [(cin_side, cin_side, w), (side, side, w), (side, side, 4 * w),
                   (side, side, 4 * w)]
        shapes += [(side, side, w), (side, side, w), (side, side, 4 * w)] * 17
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 16)] + shapes
    # unfolded batch norms: MUL by [C], ADD of [C] with RELU; residual ADDs linear
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == "MUL"]
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [
        (64,)] * 18 + [(128,)] * 18 + [(256,)] * 18
    bn_adds = [op for op in g.ops
               if op.type == "ADD" and prod[op.inputs[0]].type == "MUL"]
    res_adds = [op for op in g.ops if op.type == "ADD" and op not in bn_adds]
    assert len(bn_adds) == len(res_adds) == 54
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    assert [g.tensors[op.outputs[0]].shape[1:] for op in res_adds] == [
        (32, 32, 64)] * 18 + [(16, 16, 128)] * 18 + [(8, 8, 256)] * 18
    # unit k's batch norm reads the previous sum (none in the first unit, which
    # reads the RELU stem); the projections (units 0, 18, 36) the pre-activated map,
    # the identity shortcuts the raw sum
    stem = g.ops[0]
    for k, add in enumerate(res_adds):
        main, short = (prod[t] for t in add.inputs)
        assert main.type == "CONV_2D" and g.tensors[main.inputs[1]].shape[1:3] == (1, 1)
        reduce = prod[prod[main.inputs[0]].inputs[0]]
        assert reduce.type == "CONV_2D"
        if k:
            assert prod[muls[k - 1].inputs[0]] is res_adds[k - 1]
        act = stem if k == 0 else bn_adds[k - 1]
        assert prod[reduce.inputs[0]] is act
        if k % 18 == 0:
            assert short.type == "CONV_2D" and prod[short.inputs[0]] is act
            assert g.tensors[short.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short is res_adds[k - 1]
    assert prod[muls[-1].inputs[0]] is res_adds[-1]
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    assert _fc_weights(g) == [(10, 256)]
    layers, side, cin = [(1024, 3, 16, 9)], 32, 16
    for i, w in enumerate((16, 32, 64)):
        for j in range(18):
            h = side // (2 if i and not j else 1)
            layers += [(side * side, cin, w, 1), (h * h, w, w, 9), (h * h, w, 4 * w, 1)]
            layers += [] if j else [(h * h, cin, 4 * w, 1)]
            side, cin = h, 4 * w
    layers += [(1, 256, 10, 1)]
    # every unit but a stage's first: 4,456,448 MACs
    assert sum(t * ci * co * k for t, ci, co, k in layers[5:8]) == 4_456_448
    # plus the 54 unfolded batch norms' scales and shifts (2 x 18 x (64 + 128 + 256))
    bn = 2 * 18 * (64 + 128 + 256)
    assert bn == 16_128
    _by_hand(g, layers, (247_646_720, 1_691_594), bn)
    # published (Table 3, recalled): 1.7 M parameters
    assert abs((1_691_594 + bn) / 1.7e6 - 1) < 0.005


def test_no_training_space_draws_a_xliii_b_model_exactly():
    """The overlap stated in ``models.json``: resnet draws bottleneck blocks of 1-4 a
    stage with every ADD RELU, never a MUL, a SPLIT, a CONCATENATION or a SOFTMAX
    (ResNeXt-29's grouped convs, PreAct ResNet-164's 18 units a stage, its MUL + ADD
    batch norms and linear sums); shuffle's and detect's SPLITs are in halves, one
    kept as it is into the CONCATENATION (no 8-way split into convs); the earlier
    models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn.spaces_detect import detect
    from jaxeff.gnn.spaces_shuffle import shuffle

    for seed in range(20):
        g, _ = sp.resnet(np.random.default_rng(seed))
        types = Counter(g.op_types())
        assert not {"SOFTMAX", "MUL", "SPLIT", "CONCATENATION"} & set(types)
        assert set(_acts(g, "ADD")) == {"RELU"} and types["ADD"] <= 4 * 4
    for seed in range(8):
        for draw in (shuffle, detect):
            g, _ = draw(np.random.default_rng(seed))
            cats = {t for op in g.ops if op.type == "CONCATENATION" for t in op.inputs}
            for op in (op for op in g.ops if op.type == "SPLIT"):
                assert len(op.outputs) == 2 and op.outputs[0] in cats
    assert not _overlap_unnamed(ph.MODELS, {
        "resnext29_8x64d_cifar_32": ("resnext50_32x4d_224", "regnetx_200mf_224"),
        "preact_resnet164_cifar_32": ("preact_resnet18_cifar_32",
                                      "pyramidnet110_a48_cifar_32", "wrn16_4_cifar",
                                      "resnet20_cifar_32")})


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xliii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33H == ("resnext29_8x64d_cifar_32", "preact_resnet164_cifar_32")
    # after XLII's part F (a SESSION33G, where merged, may sit between; later
    # families may follow); every builder model once, every one registered
    _registered_after(ph, ph.SESSION33H, ph.SESSION33F)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33H] == ["resnet", "resnet"]
    built = {m: _int8_io(m) for m in ph.SESSION33H}
    assert {m: (ins, outs) for m, (_, ins, outs) in built.items()} == dict.fromkeys(
        ph.SESSION33H, ([CIFAR], [(1, 10)]))
    gs = {m: g for m, (g, _, _) in built.items()}
    assert [Counter(g.op_types()) for g in gs.values()] == [RESNEXT29_COUNTS,
                                                            PREACT164_COUNTS]
    # the int8 graphs keep the 8-way splits, the stride-2 grouped convs, the
    # per-channel MUL constants
    g = gs["resnext29_8x64d_cifar_32"]
    assert [len(op.outputs) for op in g.ops if op.type == "SPLIT"] == [8] * 9
    assert _out_shapes(g, "CONCATENATION")[3] == (16, 16, 1024)
    g = gs["preact_resnet164_cifar_32"]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "MUL"][::18] \
        == [(64,), (128,), (256,)]
