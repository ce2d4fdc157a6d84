"""jaxeff.gnn.heldout_nets_xlvi (held-out families XLVI, part A; session 35,
pre-registered): the published structures (Mini-Xception's two VALID 3x3 stem convs
of 8, its four residual modules of two separable 3x3 convs and a 3x3 / 2 SAME max
pool ADDed to a 1x1 / 2 conv, the 3x3 conv classifier, MEAN and SOFTMAX; DroNet's
5x5 / 2 stem and 3x3 / 2 VALID max pool, its three pre-activation blocks with the
first batch norm as MUL + ADD + RELU and 1x1 / 2 shortcuts, the RELU on the flatten
of 7 x 7 x 128 and its two one-unit FC heads), kernels, strides, paddings, output
shapes, activations, op counts per type, the pinned multiply-add and parameter counts
(by hand, beside the published parameter counts), registration, int8 builds (both)
and the overlap with the training spaces (neither is drawn exactly)."""

import inspect
import pathlib
import re
from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xlvi as hx
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

MINI_IN, DRONET_IN = (1, 48, 48, 1), (1, 200, 200, 1)
MINI_COUNTS = {"CONV_2D": 15, "DEPTHWISE_CONV_2D": 8, "MAX_POOL_2D": 4, "ADD": 4,
               "MEAN": 1, "SOFTMAX": 1}
DRONET_COUNTS = {"CONV_2D": 10, "MAX_POOL_2D": 1, "MUL": 3, "ADD": 6, "RESHAPE": 1,
                 "RELU": 1, "FULLY_CONNECTED": 2, "LOGISTIC": 1}


def _is_const(g, t):
    return g.tensors[t].data is not None


def _pools(g):
    """(kernel, stride, padding) of every MAX_POOL_2D."""
    return [((op.options["filter_height"], op.options["filter_width"]),
             (op.options["stride_h"], op.options["stride_w"]), op.options["padding"])
            for op in g.ops if op.type == "MAX_POOL_2D"]


def test_mini_xception_fig4_separable_modules_pools_and_hand_counts():
    g = _graph(hx.mini_xception, MINI_IN, (1, 7), 33, MINI_COUNTS)
    assert (hx.MINI_XCEPTION_STEM, hx.MINI_XCEPTION_MODULES,
            hx.MINI_XCEPTION_CLASSES) == (8, (16, 32, 64, 128), 7)
    c, d = "CONV_2D", "DEPTHWISE_CONV_2D"
    module = [c, d, c, d, c, "MAX_POOL_2D", "ADD"]  # shortcut, two separables, pool
    assert g.op_types() == [c, c] + module * 4 + [c, "MEAN", "SOFTMAX"]
    # stem 3x3 VALID twice; per module the 1x1 / 2 shortcut and two 1x1 pointwise;
    # the 3x3 classifier
    assert _kernels(g, c) == [(3, 3)] * 2 + [(1, 1)] * 12 + [(3, 3)]
    assert _strides(g, c) == [(1, 1)] * 2 + [(2, 2), (1, 1), (1, 1)] * 4 + [(1, 1)]
    assert _opt(g, c, "padding") == ["VALID"] * 2 + ["SAME"] * 13
    assert _acts(g, c) == ["RELU"] * 2 + ["NONE", "RELU", "NONE"] * 4 + ["NONE"]
    # the separables' depthwise 3x3 / 1 SAME, linear, multiplier 1
    assert _kernels(g, d) == [(3, 3)] * 8 and set(_strides(g, d)) == {(1, 1)}
    assert set(_opt(g, d, "padding")) == {"SAME"} and set(_acts(g, d)) == {"NONE"}
    assert set(_opt(g, d, "depth_multiplier")) == {1}
    # 48 -> 46 -> 44 (VALID), then 44 -> 22 -> 11 -> 6 -> 3 (SAME, ceil)
    sides = ((44, 8, 16, 22), (22, 16, 32, 11), (11, 32, 64, 6), (6, 64, 128, 3))
    convs, dws = [(46, 46, 8), (44, 44, 8)], []
    for s, cin, co, o in sides:
        convs += [(o, o, co), (s, s, co), (s, s, co)]
        dws += [(s, s, cin), (s, s, co)]
    assert _out_shapes(g, c) == convs + [(3, 3, 7)]
    assert _out_shapes(g, d) == dws
    assert _pools(g) == [((3, 3), (2, 2), "SAME")] * 4
    assert _out_shapes(g, "MAX_POOL_2D") == _out_shapes(g, "ADD") == [
        (o, o, co) for _, _, co, o in sides]
    # each module: ADD(pool(pw(dw(pw(dw(x))))), conv1x1/2(x)), linear; x the stem's
    # second conv or the previous ADD
    prod = _producers(g)
    x = g.ops[1].outputs[0]
    for add in (op for op in g.ops if op.type == "ADD"):
        pool, sc = prod[add.inputs[0]], prod[add.inputs[1]]
        assert pool.type == "MAX_POOL_2D" and sc.type == c and sc.inputs[0] == x
        chain, t = [], pool.inputs[0]
        for _ in range(4):
            chain.append(prod[t])
            t = prod[t].inputs[0]
        assert [op.type for op in chain] == [c, d, c, d] and t == x
        x = add.outputs[0]
    assert _acts(g, "ADD") == ["NONE"] * 4
    # the classifier: conv 3x3 to 7 at 3 x 3, MEAN over the map, SOFTMAX: the output
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert prod[mean.inputs[0]] is g.ops[-3] and prod[g.ops[-3].inputs[0]].type == "ADD"
    assert list(g.tensors[mean.inputs[1]].data) == [1, 2]
    assert g.tensors[mean.outputs[0]].shape == (1, 7) and g.outputs == g.ops[-1].outputs
    assert "FULLY_CONNECTED" not in g.op_types()
    # (output pixels, C_in, C_out, taps); depthwise (pixels, C, None, taps)
    layers = [(46 * 46, 1, 8, 9), (44 * 44, 8, 8, 9)]
    for s, cin, co, o in sides:
        layers += [(o * o, cin, co, 1), (s * s, cin, None, 9), (s * s, cin, co, 1),
                   (s * s, co, None, 9), (s * s, co, co, 1)]
    layers.append((9, 128, 7, 9))
    mac = [t * ci * (co or 1) * k for t, ci, co, k in layers]
    # stem 2,116 * 8 * 9 = 152,352 and 1,936 * 8 * 8 * 9 = 1,115,136; module 1 at 44
    # x 44: 484 * 8 * 16 = 61,952, 1,936 * 8 * 9 = 139,392, 1,936 * 8 * 16 = 247,808,
    # 1,936 * 16 * 9 = 278,784, 1,936 * 16 * 16 = 495,616; the others likewise;
    # the classifier 9 * 128 * 7 * 9 = 72,576
    assert mac[:7] == [152_352, 1_115_136, 61_952, 139_392, 247_808, 278_784, 495_616]
    assert [sum(mac[2 + 5 * i:7 + 5 * i]) for i in range(4)] == [
        1_223_552, 1_014_464, 921_696, 1_020_672]
    assert mac[-1] == 72_576
    total = 152_352 + 1_115_136 + 1_223_552 + 1_014_464 + 921_696 + 1_020_672 + 72_576
    assert total == 5_520_448
    # parameters (weights and biases): stem 80 + 584; modules (shortcut, dw, pw, dw,
    # pw) 144 + 80 + 144 + 160 + 272, 544 + 160 + 544 + 320 + 1,056, 2,112 + 320 +
    # 2,112 + 640 + 4,160, 8,320 + 640 + 8,320 + 1,280 + 16,512; classifier 8,071
    params = (80 + 584 + (144 + 80 + 144 + 160 + 272) + (544 + 160 + 544 + 320 + 1_056)
              + (2_112 + 320 + 2_112 + 640 + 4_160) + (8_320 + 640 + 8_320 + 1_280
                                                       + 16_512) + 8_071)
    assert params == 56_575
    assert _hand_1d(layers) == (5_520_448, 56_575)
    # published: "approximately 60,000 parameters" (Section 3): -5.7 %
    _pinned(g, (5_520_448, 56_575), (None, 60_000), (None, 0.1))


def test_dronet_fig2_preactivation_blocks_two_heads_and_hand_counts():
    g, outs = _graph_multi(hx.dronet, DRONET_IN)
    assert outs == [(1, 1), (1, 1)] and len(g.ops) == 25
    assert Counter(g.op_types()) == DRONET_COUNTS
    assert (hx.DRONET_STEM, hx.DRONET_BLOCKS) == (32, (32, 64, 128))
    c, m, a = "CONV_2D", "MUL", "ADD"
    block = [m, a, c, c, c, a]  # BN-RELU, conv / 2, conv, shortcut, residual ADD
    fc = "FULLY_CONNECTED"
    assert g.op_types() == [c, "MAX_POOL_2D"] + block * 3 + [
        "RESHAPE", "RELU", fc, fc, "LOGISTIC"]
    # stem 5x5 / 2 SAME linear; per block 3x3 / 2 (RELU fused: the second BN's
    # ReLU), 3x3 / 1 linear, 1x1 / 2 shortcut linear
    assert _kernels(g, c) == [(5, 5)] + [(3, 3), (3, 3), (1, 1)] * 3
    assert _strides(g, c) == [(2, 2)] + [(2, 2), (1, 1), (2, 2)] * 3
    assert set(_opt(g, c, "padding")) == {"SAME"}
    assert _acts(g, c) == ["NONE"] + ["RELU", "NONE", "NONE"] * 3
    assert _pools(g) == [((3, 3), (2, 2), "VALID")]
    # 200 -> 100 (stem) -> 49 (VALID pool: (100 - 3) // 2 + 1) -> 25 -> 13 -> 7
    assert (100 - 3) // 2 + 1 == 49
    assert _out_shapes(g, "MAX_POOL_2D") == [(49, 49, 32)]
    assert _out_shapes(g, c) == [(100, 100, 32)] + [(25, 25, 32)] * 3 + [
        (13, 13, 64)] * 3 + [(7, 7, 128)] * 3
    # the first BN of each block: MUL by a positive [C] scale, ADD of a [C] shift
    # with RELU fused, on the block's input (the pool or the previous block's ADD)
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == m]
    assert all(_is_const(g, op.inputs[1]) for op in muls)
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [(32,), (32,), (64,)]
    adds = [op for op in g.ops if op.type == a]
    shifts = [op for op in adds if _is_const(g, op.inputs[1])]
    res = [op for op in adds if not _is_const(g, op.inputs[1])]
    assert [prod[op.inputs[0]] for op in shifts] == muls
    assert [g.tensors[op.inputs[1]].shape for op in shifts] == [(32,), (32,), (64,)]
    assert _acts(g, a) == ["RELU", "NONE"] * 3
    assert _out_shapes(g, m) == [(49, 49, 32), (25, 25, 32), (13, 13, 64)]
    # each block: ADD(conv(conv/2(BN-RELU(x))), conv1x1/2(x)), linear
    x = g.ops[1].outputs[0]
    for k, add in enumerate(res):
        main, sc = prod[add.inputs[0]], prod[add.inputs[1]]
        first = prod[main.inputs[0]]
        assert main.type == first.type == sc.type == c
        assert prod[first.inputs[0]] is shifts[k] and muls[k].inputs[0] == x
        assert sc.inputs[0] == x and g.tensors[sc.inputs[1]].shape[1:3] == (1, 1)
        x = add.outputs[0]
    # the head: flatten 7 x 7 x 128 = 6,272, a standalone RELU, FC 1 (steering,
    # linear) and FC 1 + LOGISTIC (collision) on the same RELU output
    flat = next(op for op in g.ops if op.type == "RESHAPE")
    relu = next(op for op in g.ops if op.type == "RELU")
    assert flat.inputs[0] == res[-1].outputs[0] and relu.inputs[0] == flat.outputs[0]
    assert g.tensors[flat.outputs[0]].shape == (1, 7 * 7 * 128) == (1, 6_272)
    fcs = [op for op in g.ops if op.type == fc]
    assert [op.inputs[0] for op in fcs] == [relu.outputs[0]] * 2
    assert _fc_weights(g) == [(1, 6_272)] * 2 and _acts(g, fc) == ["NONE"] * 2
    assert g.ops[-1].type == "LOGISTIC" and g.ops[-1].inputs[0] == fcs[1].outputs[0]
    assert g.outputs == (fcs[0].outputs[0], g.ops[-1].outputs[0])
    # (output pixels, C_in, C_out, taps)
    layers = [(100 * 100, 1, 32, 25)]
    for (o, cin, co) in ((25, 32, 32), (13, 32, 64), (7, 64, 128)):
        layers += [(o * o, cin, co, 9), (o * o, co, co, 9), (o * o, cin, co, 1)]
    layers += [(1, 6_272, 1, 1)] * 2
    mac = [t * ci * co * k for t, ci, co, k in layers]
    # stem 10,000 * 32 * 25 = 8,000,000; block 1 625 * 32 * 32 * 9 = 5,760,000 twice,
    # 625 * 32 * 32 = 640,000; block 2 169 * 32 * 64 * 9 = 3,115,008, 169 * 64 * 64 *
    # 9 = 6,230,016, 169 * 32 * 64 = 346,112; block 3 49 * 64 * 128 * 9 = 3,612,672,
    # 49 * 128 * 128 * 9 = 7,225,344, 49 * 64 * 128 = 401,408; FCs 6,272 each
    assert mac == [8_000_000, 5_760_000, 5_760_000, 640_000, 3_115_008, 6_230_016,
                   346_112, 3_612_672, 7_225_344, 401_408, 6_272, 6_272]
    assert sum(mac) == 41_103_104
    # parameters: stem 832; blocks 9,248 + 9,248 + 1,056, 18,496 + 36,928 + 2,112,
    # 73,856 + 147,584 + 8,320; FCs 2 x 6,273; batch-norm scales and shifts 2 x (32
    # + 32 + 64)
    convs = 832 + 19_552 + 57_536 + 229_760
    assert convs == 307_680 and 9_248 * 2 + 1_056 == 19_552
    assert 18_496 + 36_928 + 2_112 == 57_536 and 73_856 + 147_584 + 8_320 == 229_760
    bns = 2 * (32 + 32 + 64)
    assert _hand_1d(layers) == (41_103_104, convs + 2 * 6_273) and bns == 256
    assert convs + 2 * 6_273 + bns == 320_482
    # published: "3.2 x 10^5" parameters (Table I): +0.2 %
    _pinned(g, (41_103_104, 320_482), (None, 320_000), (None, 0.01))


def test_no_training_space_draws_a_xlvi_a_model_exactly():
    """The overlap stated in ``models.json``: every 3x3 / 2 max pool a training space
    writes follows its stem conv on a 3-channel input (resnet, detect, plain's
    densenet, shuffle), once a graph, and the pools of a variable kind are of stride =
    window (tiny), 2x2 (edge) or VALID (longk), where Mini-Xception has four SAME 3x3 /
    2 pools on a one-channel input; detect is the only space with several graph
    outputs and draws no FULLY_CONNECTED, where DroNet's two outputs are FCs;
    families' resnet8 is post-activation on 3-channel inputs of 32-64 and bcast's
    maps stop at 64 a side; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_bcast as sb
    from jaxeff.gnn import spaces_detect as sd
    from jaxeff.gnn import spaces_families as sf
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_plain as spl
    from jaxeff.gnn import spaces_shuffle as ss
    from jaxeff.gnn import spaces_tiny as st

    src = {q.stem: q.read_text() for q in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    fixed = {k: re.findall(r'.*"max", 3, 2.*', s) for k, s in src.items()}
    fixed = {k: v for k, v in fixed.items() if v}
    assert set(fixed) == {"spaces", "spaces_detect", "spaces_plain", "spaces_shuffle"}
    assert all(len(v) == 1 and "b.pool(b.conv(x, " in v[0] for v in fixed.values())
    assert "(kh, kw), (kh, kw)" in inspect.getsource(st._pool)
    assert 'pick(rng, ("avg", "max")), 2, 2)' in src["spaces_edge"]
    assert '"VALID")' in inspect.getsource(sl._pool)
    rng_draws = (sp.resnet, sd.detect, spl.plain, ss.shuffle)
    for seed in range(4):
        for draw in rng_draws:
            g, _ = draw(np.random.default_rng(seed))
            assert g.tensors[g.inputs[0]].shape[-1] == 3
            assert _pools(g).count(((3, 3), (2, 2), "SAME")) <= 1
    # several outputs: detect only, and no FC there
    multi = {k for k, s in src.items() if re.search(r"finish\((?!\[)", s)}
    assert multi == {"spaces_detect"} and ".fc(" not in src["spaces_detect"]
    # families' resnet8: a 3x3 RELU stem on [1, res, res, 3], every ADD with RELU
    assert "b.input((1, res, res, 3)), widths[0], 3, 1, \"RELU\")" in inspect.getsource(
        sf.resnet8_net)
    assert 'b.add(h, sc, "RELU")' in inspect.getsource(sf.resnet8_net)
    assert "(32, 48, 64)" in inspect.getsource(sf._resnet8)
    assert max(sb.IN_H) == 64 and max(sb.IN_W) <= 64
    assert not _overlap_unnamed(ph.MODELS, {
        "mini_xception_48": ("xception_299", "mtcnn_onet_48"),
        "dronet_200": ("resnet8_cifar", "preact_resnet18_cifar_32", "pilotnet_66x200",
                       "mtcnn_onet_48")})


def test_families_xlvi_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION35A == ("mini_xception_48", "dronet_200")
    # after XLV's part D (a SESSION35B, where merged, may follow); every builder model
    # once, every one registered
    _registered_after(ph, ph.SESSION35A, ph.SESSION34D)
    built = {m: _int8_io(m) for m in ph.SESSION35A}
    assert {m: (ins, outs) for m, (_, ins, outs) in built.items()} == {
        "mini_xception_48": ([MINI_IN], [(1, 7)]),
        "dronet_200": ([DRONET_IN], [(1, 1), (1, 1)])}
    gs = {m: g for m, (g, _, _) in built.items()}
    assert [Counter(g.op_types()) for g in gs.values()] == [MINI_COUNTS, DRONET_COUNTS]
    # the int8 graphs keep Mini-Xception's four SAME 3x3 / 2 pools and 3 x 3 x 128
    # map, DroNet's VALID pool, MUL + ADD + RELU batch norms and two FC heads
    g = gs["mini_xception_48"]
    assert _pools(g) == [((3, 3), (2, 2), "SAME")] * 4
    assert _out_shapes(g, "ADD")[-1] == (3, 3, 128)
    g = gs["dronet_200"]
    assert _pools(g) == [((3, 3), (2, 2), "VALID")]
    assert _acts(g, "ADD") == ["RELU", "NONE"] * 3
    assert _fc_weights(g) == [(1, 6_272)] * 2
    assert g.op_types()[-1] == "LOGISTIC"
