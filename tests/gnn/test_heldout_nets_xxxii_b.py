"""jaxeff.gnn.heldout_nets_xxxii_b (held-out families XXXII, part b; session 29): the
published structures, op counts per type, the pinned multiply-add and parameter counts
(by hand) with their published counterparts, NetBuilder's DEPTH_TO_SPACE of block 3
against LiteRT, registration, int8 builds and the overlap facts against the ``sesr``,
``upsample``, ``plain``, ``agg``, ``tiny`` and ``bcast`` spaces."""

import inspect

import numpy as np

from jaxeff.gnn import heldout_nets_xxxii_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph
from tests.gnn.test_heldout_nets_xxviii_b import _fc_widths, _pools

CIFAR = (1, 32, 32, 3)


def _conv_hand(layers):
    """(MACs, parameters) of convs given as (output pixels, k, C_in, C_out), biased."""
    return (sum(p * k * k * ci * co for p, k, ci, co in layers),
            sum(k * k * ci * co + co for _, k, ci, co in layers))


def test_espcn_x3_layers_tanh_depth_to_space_and_counts():
    g = _graph(hx.espcn_x3, (1, 100, 100, 1), (1, 300, 300, 1), 6, {
        "CONV_2D": 3, "TANH": 2, "DEPTH_TO_SPACE": 1})
    assert g.op_types() == ["CONV_2D", "TANH", "CONV_2D", "TANH", "CONV_2D",
                            "DEPTH_TO_SPACE"]
    assert _kernels(g, "CONV_2D") == [(5, 5), (3, 3), (3, 3)]
    assert _out_shapes(g, "CONV_2D") == [(100, 100, 64), (100, 100, 32), (100, 100, 9)]
    assert set(_acts(g, "CONV_2D")) == {"NONE"}  # TANH standalone, last conv linear
    assert {op.options["padding"] for op in g.ops if op.type == "CONV_2D"} == {"SAME"}
    assert g.ops[-1].options["block_size"] == hx.ESPCN_SCALE == 3
    exact = _conv_hand([(10_000, 5, 1, 64), (10_000, 3, 64, 32), (10_000, 3, 32, 9)])
    assert exact == (226_240_000, 22_729)
    _pinned(g, exact, (None, None), (None, None))  # the paper gives no count


def _litert_permutation(g, v):
    """Run ``g`` (one input; float or int8) in LiteRT on ``v`` (float) or, for an
    int8 graph, on seeded random int8 values of ``v``'s shape; the input fed and the
    outputs."""
    from ai_edge_litert.interpreter import Interpreter

    from jaxeff.tflite import write_tflite

    it = Interpreter(model_content=write_tflite(g), num_threads=1)
    it.allocate_tensors()
    d = it.get_input_details()[0]
    inp = v if d["dtype"] == np.float32 else np.random.default_rng(2).integers(
        -128, 128, v.shape).astype(np.int8)
    it.set_tensor(d["index"], inp)
    it.invoke()
    return inp, [it.get_tensor(e["index"]) for e in it.get_output_details()]


def test_depth_to_space_block3_matches_litert():
    """NetBuilder's DEPTH_TO_SPACE (block 3) as LiteRT runs it, float and int8 (a
    permutation: the int8 output is the input's bytes rearranged)."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import calibrate, quantize_int8
    from jaxeff.gnn.reference import reference

    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 4, 5, 18))
    g = b.finish([b.depth_to_space(x, 3)])
    assert g.tensors[g.outputs[0]].shape == (1, 12, 15, 2)
    v = np.random.default_rng(1).standard_normal((1, 4, 5, 18)).astype(np.float32)
    want = v.reshape(1, 4, 5, 3, 3, 2).transpose(0, 1, 3, 2, 4, 5).reshape(1, 12, 15, 2)
    np.testing.assert_array_equal(np.asarray(reference(g, [v])[0]), want)
    for q in (g, quantize_int8(g, calibrate(g, seed=0))):
        inp, (out,) = _litert_permutation(q, v)
        np.testing.assert_array_equal(
            out, inp.reshape(1, 4, 5, 3, 3, 2).transpose(0, 1, 3, 2, 4, 5).reshape(
                1, 12, 15, 2))


def test_densenet40_k12_blocks_bn_as_mul_add_and_published_counts():
    g = _graph(hx.densenet40_k12_cifar, CIFAR, (1, 10), 158, {
        "CONV_2D": 39, "MUL": 39, "ADD": 39, "CONCATENATION": 36,
        "AVERAGE_POOL_2D": 2, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert (hx.DENSENET40_LAYERS, hx.DENSENET40_GROWTH) == (12, 12)
    assert [s[-1] for s in _out_shapes(g, "CONCATENATION")] == [
        c + 12 * (i + 1) for c in (16, 160, 304) for i in range(12)]
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(16, 16, 160), (8, 8, 304)]
    assert _pools(g, "AVERAGE_POOL_2D") == [((2, 2), (2, 2), "VALID")] * 2
    # 3x3 stem, 12 dense 3x3 convs a block, 1x1 transitions keeping the channels
    assert _kernels(g, "CONV_2D") == ([(3, 3)] * 13 + [(1, 1)] + [(3, 3)] * 12
                                      + [(1, 1)] + [(3, 3)] * 12)
    assert set(_acts(g, "CONV_2D")) == {"NONE"} and set(_acts(g, "MUL")) == {"NONE"}
    assert set(_acts(g, "ADD")) == {"RELU"}
    # every BN: MUL by a [C] constant, ADD of a [C] constant, feeding a conv or MEAN
    prod = _producers(g)
    for op in (o for o in g.ops if o.type in ("CONV_2D", "MEAN") and o is not g.ops[0]):
        add = prod[op.inputs[0]]
        mul = prod[add.inputs[0]]
        assert (add.type, mul.type) == ("ADD", "MUL")
        c = g.tensors[mul.inputs[0]].shape[-1]
        assert g.tensors[mul.inputs[1]].shape == g.tensors[add.inputs[1]].shape == (c,)
        assert getattr(prod.get(mul.inputs[0]), "type", None) in (
            "CONCATENATION", "AVERAGE_POOL_2D", "CONV_2D")
    dense = [(hw * hw, 3, c + 12 * i, 12) for hw, c in ((32, 16), (16, 160), (8, 304))
             for i in range(12)]
    convs = [(1024, 3, 3, 16)] + dense + [(1024, 1, 160, 160), (256, 1, 304, 304)]
    macs, par = _conv_hand(convs)
    bn = 2 * (sum(c for _, _, c, _ in dense) + 160 + 304 + 448)
    fc = 448 * 10 + 10
    assert (macs + 4480, par + bn + fc) == (264_812_928, 1_020_634)
    biases = 16 + 36 * 12 + 160 + 304
    assert par + bn + fc - biases == 1_019_722  # the paper's model (bias-free convs)
    # Table 2: 1.0 M parameters; Liu et al. 2017 (recalled): 5.33e8 FLOPs = 2 x MACs
    _pinned(g, (264_812_928, 1_020_634), (5.33e8 / 2, 1.0e6), (0.01, 0.03))


def test_tinyissimo_yolo_convs_pools_fc_head_and_published_params():
    g = _graph(hx.tinyissimo_yolo, (1, 88, 88, 3), (1, 4, 4, 13), 14, {
        "CONV_2D": 5, "MAX_POOL_2D": 5, "RESHAPE": 2, "FULLY_CONNECTED": 2})
    assert hx.TINYISSIMO_GRID == (4, 2, 3)
    assert g.op_types()[:10] == ["CONV_2D", "MAX_POOL_2D"] * 5
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert [s[0] for s in _out_shapes(g, "CONV_2D")] == [88, 44, 22, 11, 5]
    assert _out_shapes(g, "MAX_POOL_2D")[-1] == (2, 2, 128)
    assert _pools(g) == [((2, 2), (2, 2), "VALID")] * 5
    assert _fc_widths(g) == [256, 208] and _acts(g, "FULLY_CONNECTED") == [
        "RELU", "NONE"]
    macs, par = _conv_hand([(88 * 88, 3, 3, 16), (44 * 44, 3, 16, 32),
                            (22 * 22, 3, 32, 64), (11 * 11, 3, 64, 128),
                            (25, 3, 128, 128)])
    fc = 512 * 256 + 256 * 208
    assert (macs + fc, par + fc + 256 + 208) == (33_979_392, 429_808)
    # abstract: 422 k parameters (the layer table recalled)
    _pinned(g, (33_979_392, 429_808), (None, 422e3), (None, 0.02))


def test_binarynet_vgg_small_stages_fcs_and_counts():
    g = _graph(hx.binarynet_vgg_cifar, CIFAR, (1, 10), 14, {
        "CONV_2D": 6, "MAX_POOL_2D": 3, "RESHAPE": 1, "FULLY_CONNECTED": 3,
        "SOFTMAX": 1})
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == [128, 128, 256, 256, 512, 512]
    assert _out_shapes(g, "MAX_POOL_2D") == [(16, 16, 128), (8, 8, 256), (4, 4, 512)]
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _fc_widths(g) == [1024, 1024, 10]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1024, 8192)
    macs, par = _conv_hand([(1024, 3, 3, 128), (1024, 3, 128, 128),
                            (256, 3, 128, 256), (256, 3, 256, 256),
                            (64, 3, 256, 512), (64, 3, 512, 512)])
    fcs = 8192 * 1024 + 1024 * 1024 + 1024 * 10
    assert (macs, fcs) == (607_518_720, 9_447_424)
    assert (macs + fcs, par + fcs + 2058) == (616_966_144, 14_025_866)
    _pinned(g, (616_966_144, 14_025_866), (None, None), (None, None))


def test_families_xxxii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION29B == ("espcn_x3_100x100", "densenet40_k12_cifar_32",
                             "tinyissimo_yolo_88", "binarynet_vgg_cifar_32")
    i = ph.BUILDER_MODELS.index(ph.SESSION29B[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION29B
    _registered(ph.SESSION29B, ["sesr", "plain", "tiny", "plain"], {})
    assert not [m for m in ph.SESSION29B if "same configuration" in ph.MODELS[m][1]]
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION29B)
    shapes = {"espcn_x3_100x100": ((1, 100, 100, 1), (1, 300, 300, 1), 6),
              "densenet40_k12_cifar_32": (CIFAR, (1, 10), 158),
              "tinyissimo_yolo_88": ((1, 88, 88, 3), (1, 4, 4, 13), 14),
              "binarynet_vgg_cifar_32": (CIFAR, (1, 10), 14)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("espcn_x3_100x100")
    assert g.op_types().count("TANH") == 2 and g.op_types()[-1] == "DEPTH_TO_SPACE"
    assert g.ops[-1].options["block_size"] == 3
    g, _, _ = _int8_io("densenet40_k12_cifar_32")
    assert [g.op_types().count(t) for t in ("MUL", "ADD", "CONCATENATION")] == [
        39, 39, 36]


def test_spaces_miss_xxxii_b_by_the_named_values():
    """``MODELS``' overlaps: no space emits DEPTH_TO_SPACE or a scale of 3; ``plain``
    draws DenseNet-BC blocks of 2-8 layers with 1x1 bottlenecks and VGG stacks whose
    first conv has at most 64 channels and one FC; ``tiny`` holds at most 12 ops and 4
    convs, no 88-pixel image; ``agg``'s dense blocks have 2-4 layers of growth 8-32;
    ``bcast`` has at most 40 ops and no CONCATENATION."""
    from jaxeff.gnn import (spaces, spaces_agg, spaces_bcast, spaces_plain,
                            spaces_tiny, spaces_upsample)

    rng = np.random.default_rng(32)
    for space in (spaces.sesr, spaces_upsample.upsample):
        for _ in range(20):
            g, meta = space(rng)
            assert "DEPTH_TO_SPACE" not in g.op_types() and "TANH" not in g.op_types()
            assert meta.get("scale", 2) in (2, 4)
    src = inspect.getsource(spaces.sesr)
    assert "((32, 32), (64, 64), (90, 160), (180, 320))" in src  # not 100 x 100
    assert "(8, 16, 24, 32)" in src and "(2, 4)" in src  # filters, scales: not 64 / 3
    src = inspect.getsource(spaces_upsample._sr)
    assert "(16, 32, 48, 56)" in src and "(120, 160)" in src and "(100, 100)" not in src
    src = inspect.getsource(spaces_plain._densenet)
    assert "rng.integers(2, 9)" in src  # 2-8 layers a block (DenseNet-40: 12)
    src = inspect.getsource(spaces_plain.densenet_net)
    assert "4 * growth, 1" in src and "// 2" in src and "2 * growth, 3" in src
    assert "(8, 16, 24, 32)" in inspect.getsource(spaces_agg._dense)  # not 12
    assert "rng.integers(2, 5)" in inspect.getsource(spaces_agg._dense)
    assert spaces_bcast.MAX_OPS == 40
    # VGG: the first conv 64 x width (<= 64; BinaryNet's 128), one FC to the classes
    assert {cfg[0] for cfg in spaces_plain.VGG_CONFIGS.values()} == {64}
    assert "0.75, 1.0))" in inspect.getsource(spaces_plain._vgg)
    for _ in range(30):
        g, meta = spaces_plain.plain(rng)
        if meta["kind"] == "vgg":
            first = next(op for op in g.ops if op.type == "CONV_2D")
            assert g.tensors[first.outputs[0]].shape[-1] <= 64
            assert g.op_types().count("FULLY_CONNECTED") == 1
        assert "MUL" not in g.op_types()  # no batch norm as MUL + ADD
        assert g.tensors[g.inputs[0]].shape[1] != 88
    # tiny: at most 12 ops, 4 convs, images 28-96 without 88, <= 100 M MACs
    assert (spaces_tiny.MAX_OPS, spaces_tiny.MAX_MACS) == (12, 100_000_000)
    assert "(28, 32, 48, 64, 96)" in inspect.getsource(spaces_tiny._input)
    assert "rng.integers(0, 5)" in inspect.getsource(spaces_tiny._draw)
    assert spaces_tiny.MAX_FC_WEIGHTS < 8192 * 1024  # BinaryNet's first FC
    assert 208 not in spaces_tiny.CLASSES and 13 not in spaces_tiny.CLASSES
