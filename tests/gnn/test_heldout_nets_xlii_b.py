"""jaxeff.gnn.heldout_nets_xlii_b (held-out families XLII, part F; session 33,
addendum 3): the published structures, kernels (ResNet-18's and VGG-16's 3x3, NIN's
5x5 / 1x1 / 3x3), strides (ResNet-18's stride-2 blocks and 1x1 projections, the 2x2 /
2 and 3x3 / 2 pools), paddings, output shapes, activations, op counts per type, the
pinned multiply-add and parameter counts (by hand), registration, int8 builds (all
three) and the overlap with the training spaces (none draws any of the three exactly;
resnet and plain come close)."""

from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xlii_b as hx
from tests.gnn.test_heldout_nets import _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

CIFAR = (1, 32, 32, 3)
RESNET18_COUNTS = {"CONV_2D": 20, "ADD": 8, "MEAN": 1, "FULLY_CONNECTED": 1,
                   "SOFTMAX": 1}
VGG16_COUNTS = {"CONV_2D": 13, "MAX_POOL_2D": 5, "RESHAPE": 1, "FULLY_CONNECTED": 2,
                "SOFTMAX": 1}
NIN_COUNTS = {"CONV_2D": 9, "MAX_POOL_2D": 1, "AVERAGE_POOL_2D": 1, "MEAN": 1,
              "SOFTMAX": 1}
HEAD = ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]


def _overlap_unnamed(models, earlier):
    """The (model, earlier model) pairs of ``earlier`` whose overlap text in
    ``models`` (``MODELS``) fails to say "(partly", says "same configuration" or
    leaves out the earlier test model (or names one that is not registered)."""
    bad = [(m, "(partly") for m in earlier if "(partly" not in models[m][1]]
    bad += [(m, "same") for m in earlier if "same configuration" in models[m][1]]
    return bad + [(m, e) for m, es in earlier.items() for e in es
                  if e not in models[m][1] or e not in models]


def _registered_after(ph, family, before):
    """``family`` stands in one run in ``BUILDER_MODELS`` somewhere after the last
    model of ``before`` (other families may sit between or follow), every builder
    model once, and every one of ``family`` in ``MODELS``."""
    reg = ph.BUILDER_MODELS
    i = reg.index(family[0])
    assert reg[i:i + len(family)] == family
    assert reg.index(before[-1]) < i and len(set(reg)) == len(reg)
    assert set(family) <= set(ph.MODELS)


def _int8_cifar(io):
    """The int8 graphs of the held-out models ``io`` maps to their op counts per
    type, each checked: one ``[1, 32, 32, 3]`` input, one ``[1, 10]`` output, those
    counts."""
    gs = {}
    for name, counts in io.items():
        gs[name], ins, outs = _int8_io(name)
        assert ins == [CIFAR] and outs == [(1, 10)], name
        assert Counter(gs[name].op_types()) == counts, name
    return gs


def test_resnet18_cifar_3x3_stem_basic_blocks_projections_and_hand_counts():
    g = _graph(hx.resnet18_cifar, CIFAR, (1, 10), 31, RESNET18_COUNTS)
    block = ["CONV_2D", "CONV_2D", "ADD"]
    proj = ["CONV_2D", "CONV_2D", "CONV_2D", "ADD"]
    assert g.op_types() == ["CONV_2D"] + block * 2 + (proj + block) * 3 + HEAD
    # no max pool: the stem is one 3x3 stride-1 conv of 64 RELU at 32 x 32
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 5 + [
        (3, 3), (3, 3), (1, 1), (3, 3), (3, 3)] * 3
    assert _strides(g, "CONV_2D") == [(1, 1)] * 5 + [
        (2, 2), (1, 1), (2, 2), (1, 1), (1, 1)] * 3
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # the block's first conv RELU (BN folded), the second and the projection
    # linear, the block's last ReLU fused into the ADD
    assert _acts(g, "CONV_2D") == ["RELU"] + ["RELU", "NONE"] * 2 + [
        "RELU", "NONE", "NONE", "RELU", "NONE"] * 3
    assert _acts(g, "ADD") == ["RELU"] * 8
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 64)] * 5 + [
        (16, 16, 128)] * 5 + [(8, 8, 256)] * 5 + [(4, 4, 512)] * 5
    assert _out_shapes(g, "ADD") == [(32, 32, 64)] * 2 + [(16, 16, 128)] * 2 + [
        (8, 8, 256)] * 2 + [(4, 4, 512)] * 2
    # shortcuts: the block input itself, a 1x1 stride-2 conv of it in blocks 3, 5, 7
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    ins = [g.ops[0].outputs[0]] + [a.outputs[0] for a in adds]
    for k, add in enumerate(adds):
        main, short = add.inputs
        first = prod[prod[main].inputs[0]]
        assert prod[main].type == first.type == "CONV_2D"
        assert first.inputs[0] == ins[k]
        if k in (2, 4, 6):
            sc = prod[short]
            assert sc.type == "CONV_2D" and sc.inputs[0] == ins[k]
            assert g.tensors[sc.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert short == ins[k]
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert mean.inputs[0] == ins[-1]
    assert _fc_weights(g) == [(10, 512)]
    layers = [(1024, 3, 64, 9)] + [(1024, 64, 64, 9)] * 4
    for hw, ci, co in ((256, 64, 128), (64, 128, 256), (16, 256, 512)):
        layers += [(hw, ci, co, 9), (hw, co, co, 9), (hw, ci, co, 1),
                   (hw, co, co, 9), (hw, co, co, 9)]
    layers += [(1, 512, 10, 1)]
    # the same convs as PreAct ResNet-18 (families XL), less its unfolded batch norms;
    # published: no count for this adaptation in the paper
    _by_hand(g, layers, (555_422_720, 11_169_162))


def test_vgg16_cifar_configuration_d_cifar_head_and_hand_counts():
    g = _graph(hx.vgg16_cifar, CIFAR, (1, 10), 22, VGG16_COUNTS)
    c, m = "CONV_2D", "MAX_POOL_2D"
    assert g.op_types() == [c, c, m, c, c, m] + [c, c, c, m] * 3 + [
        "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    widths = [64, 64, 128, 128, 256, 256, 256] + [512] * 6
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    hw = [32, 32, 16, 16, 8, 8, 8, 4, 4, 4, 2, 2, 2]
    assert _out_shapes(g, "CONV_2D") == [(h, h, w) for h, w in zip(hw, widths,
                                                                   strict=True)]
    # 2x2 / 2 VALID max pools: 32 -> 16 -> 8 -> 4 -> 2 -> 1
    assert set(_opt(g, "MAX_POOL_2D", "filter_width")) == {2}
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {2}
    assert set(_strides(g, "MAX_POOL_2D")) == {(2, 2)}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "MAX_POOL_2D") == [(16, 16, 64), (8, 8, 128), (4, 4, 256),
                                             (2, 2, 512), (1, 1, 512)]
    # the CIFAR head: 1 x 1 x 512 flattened, FC 512 RELU, FC 10 (linear)
    assert _out_shapes(g, "RESHAPE") == [(512,)]
    assert _fc_weights(g) == [(512, 512), (10, 512)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    hw2 = [h * h for h in hw]
    cins = [3] + widths[:-1]
    layers = [(t, ci, co, 9) for t, ci, co in zip(hw2, cins, widths, strict=True)]
    layers += [(1, 512, 512, 1), (1, 512, 10, 1)]
    assert sum(t * ci * co * k for t, ci, co, k in layers[:13]) == 313_196_544
    # published: 138 M parameters for the ImageNet model (its FCs), not comparable
    _by_hand(g, layers, (313_463_808, 14_982_474))


def test_nin_cifar_mlpconv_blocks_pools_and_hand_counts():
    g = _graph(hx.nin_cifar, CIFAR, (1, 10), 13, NIN_COUNTS)
    c = "CONV_2D"
    assert g.op_types() == [c] * 3 + ["MAX_POOL_2D"] + [c] * 3 + [
        "AVERAGE_POOL_2D"] + [c] * 3 + ["MEAN", "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(5, 5), (1, 1), (1, 1)] * 2 + [
        (3, 3), (1, 1), (1, 1)]
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # RELU fused into every conv, the 10-map class conv too [U]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 192), (32, 32, 160), (32, 32, 96),
                                         (16, 16, 192), (16, 16, 192), (16, 16, 192),
                                         (8, 8, 192), (8, 8, 192), (8, 8, 10)]
    # 3x3 / 2 SAME pools (Caffe's ceil mode): max 32 -> 16, average 16 -> 8
    for t, shape in (("MAX_POOL_2D", (16, 16, 96)), ("AVERAGE_POOL_2D", (8, 8, 192))):
        assert _opt(g, t, "filter_height") == _opt(g, t, "filter_width") == [3]
        assert _strides(g, t) == [(2, 2)]
        assert _opt(g, t, "padding") == ["SAME"]
        assert _out_shapes(g, t) == [shape]
    # global average pooling of the class maps straight into the SOFTMAX (no FC)
    prod = _producers(g)
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert prod[mean.inputs[0]] is g.ops[-3]
    assert "FULLY_CONNECTED" not in g.op_types()
    layers = [(1024, 3, 192, 25), (1024, 192, 160, 1), (1024, 160, 96, 1),
              (256, 96, 192, 25), (256, 192, 192, 1), (256, 192, 192, 1),
              (64, 192, 192, 9), (64, 192, 192, 1), (64, 192, 10, 1)]
    # published: no count in the paper (the often-quoted 0.97 M agrees; not pinned)
    _by_hand(g, layers, (222_486_528, 966_986))


def test_no_training_space_draws_a_xlii_b_model_exactly():
    """The overlap stated in ``models.json``: resnet can draw ResNet-18's whole graph
    at 32 x 32 (stem 64, two basic blocks in each of four stages, FC 10) but never
    puts a SOFTMAX after the FC; plain's vgg draws VGG-16's conv stack (configuration
    D, width 1, 32 x 32) with a one-FC head, never the hidden FC 512; no space draws
    a SAME average pool of overlapping windows (NIN's 3x3 / 2) -- plain's, edge's and
    tiny's average pools are VALID with the stride equal to the window; the earlier
    models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.spaces_plain import VGG_CONFIGS, vgg_net
    from jaxeff.gnn.spaces_tiny import tiny

    for seed in range(20):
        g, _ = sp.resnet(np.random.default_rng(seed))
        assert "SOFTMAX" not in g.op_types()
        assert g.op_types()[-2:] == ["MEAN", "FULLY_CONNECTED"]
    b = NetBuilder(np.random.default_rng(0), "resnet18")
    assert b.finish([hx.resnet18_cifar(b, b.input(CIFAR))]).op_types()[-3:] == HEAD
    # plain's VGG-16 at width 1 on 32 x 32: our graph less the hidden FC
    b = NetBuilder(np.random.default_rng(0), "vgg")
    plain = b.finish([vgg_net(b, VGG_CONFIGS["D"], 1.0, 32)]).op_types()
    b = NetBuilder(np.random.default_rng(0), "vgg16")
    ours = b.finish([hx.vgg16_cifar(b, b.input(CIFAR))]).op_types()
    assert ours.count("FULLY_CONNECTED") == 2 and plain.count("FULLY_CONNECTED") == 1
    assert ours[:-3] + ours[-2:] == plain
    for seed in range(12):
        for draw in (sp.plain, sp.edge, tiny):
            g, _ = draw(np.random.default_rng(seed))
            avg = [op for op in g.ops if op.type == "AVERAGE_POOL_2D"]
            for op in avg:
                o = op.options
                assert o["padding"] == "VALID"
                assert (o["stride_h"], o["stride_w"]) in {
                    (o["filter_height"], o["filter_width"]), (1, 1)}
    assert not _overlap_unnamed(ph.MODELS, {
        "resnet18_cifar_32": ("preact_resnet18_cifar_32", "resnet20_cifar_32",
                              "resnet18_224"),
        "vgg16_cifar_32": ("vgg11_cifar", "vgg16_224"),
        "nin_cifar_32": ("nin_224",)})


def test_families_xlii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33F == ("resnet18_cifar_32", "vgg16_cifar_32", "nin_cifar_32")
    # after XLI's part b (a SESSION33E, where merged, may sit between; later families
    # may follow); every builder model once, every one registered
    _registered_after(ph, ph.SESSION33F, ph.SESSION33D)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33F] == [
        "resnet", "plain", "plain"]
    io = {"resnet18_cifar_32": RESNET18_COUNTS, "vgg16_cifar_32": VGG16_COUNTS,
          "nin_cifar_32": NIN_COUNTS}
    gs = _int8_cifar(io)
    # the int8 graphs keep the stride-2 projections, the 2x2 pools, the 3x3 / 2 SAME
    # average pool
    assert _strides(gs["resnet18_cifar_32"], "CONV_2D")[5:8] == [(2, 2), (1, 1),
                                                                 (2, 2)]
    assert _out_shapes(gs["vgg16_cifar_32"], "MAX_POOL_2D")[-1] == (1, 1, 512)
    g = gs["nin_cifar_32"]
    assert _opt(g, "AVERAGE_POOL_2D", "padding") == ["SAME"]
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(8, 8, 192)]
