"""jaxeff.gnn.heldout_nets_xli_b (held-out families XLI, part b; session 33,
addendum 2): the published structures, kernels (InceptionTime's 1x39 / 1x19 / 1x9,
the ResNet's 1x8 / 1x5 / 1x3, QuartzNet's depthwise 1x33 ... 1x87), strides (QuartzNet's
stride-2 C1), dilations (its C2's 2), paddings, output shapes, activations, op counts
per type, the pinned multiply-add and parameter counts (by hand) with the published
one where there is any, registration, int8 builds (all three) and the overlap with the
training spaces (none draws any of the three exactly)."""

from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xli_b as hx
from tests.gnn.test_heldout_nets import _dil, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

ITIME_COUNTS = {"CONV_2D": 31, "MAX_POOL_2D": 6, "CONCATENATION": 6, "ADD": 2,
                "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
RESNET_TS_COUNTS = {"CONV_2D": 11, "ADD": 3, "MEAN": 1, "FULLY_CONNECTED": 1,
                    "SOFTMAX": 1}
QN_COUNTS = {"DEPTHWISE_CONV_2D": 27, "CONV_2D": 34, "ADD": 5}
HEAD = ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]
#: the layers of one QuartzNet block by hand: (kernel, C_in, C), 128 frames
QN_BLOCKS = ((33, 256, 256), (39, 256, 256), (51, 256, 512), (63, 512, 512),
             (75, 512, 512))


def test_inception_time_modules_branches_shortcuts_and_hand_counts():
    g = _graph(hx.inception_time, (1, 1, 1000, 1), (1, 10), 48, ITIME_COUNTS)
    first = ["CONV_2D"] * 3 + ["MAX_POOL_2D", "CONV_2D", "CONCATENATION"]
    module = ["CONV_2D"] + first
    res = ["CONV_2D", "ADD"]
    assert g.op_types() == first + module * 2 + res + module * 3 + res + HEAD
    # the first module has no bottleneck (one input channel); the others a linear 1x1
    k_first = [(1, 39), (1, 19), (1, 9), (1, 1)]
    k_mod = [(1, 1)] + k_first
    assert _kernels(g, "CONV_2D") == k_first + k_mod * 2 + [(1, 1)] + k_mod * 3 + [
        (1, 1)]
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    a_first, a_mod = ["RELU"] * 4, ["NONE"] + ["RELU"] * 4
    assert _acts(g, "CONV_2D") == a_first + a_mod * 2 + ["NONE"] + a_mod * 3 + ["NONE"]
    assert _out_shapes(g, "CONV_2D") == [(1, 1000, 32)] * 14 + [(1, 1000, 128)] + [
        (1, 1000, 32)] * 15 + [(1, 1000, 128)]
    # 1x3 stride-1 SAME max pools of the module input (1 channel, then 128)
    assert _opt(g, "MAX_POOL_2D", "filter_width") == [3] * 6
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {1}
    assert set(_strides(g, "MAX_POOL_2D")) == {(1, 1)}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"SAME"}
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 1000, 1)] + [(1, 1000, 128)] * 5
    # each CONCATENATION: the 39 / 19 / 9 convs on the bottleneck (or the input),
    # then the pool branch's 1x1 conv on the pool of the module input
    prod = _producers(g)
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert _out_shapes(g, "CONCATENATION") == [(1, 1000, 128)] * 6
    adds = [op for op in g.ops if op.type == "ADD"]
    ins = [g.inputs[0]] + [cats[0].outputs[0], cats[1].outputs[0], adds[0].outputs[0],
                           cats[3].outputs[0], cats[4].outputs[0]]
    for i, cat in enumerate(cats):
        convs = [prod[t] for t in cat.inputs]
        assert [g.tensors[c.inputs[1]].shape[2] for c in convs] == [39, 19, 9, 1]
        src = {c.inputs[0] for c in convs[:3]}
        assert len(src) == 1
        if i == 0:
            assert src == {ins[0]}
        else:
            bott = prod[src.pop()]
            assert bott.type == "CONV_2D" and bott.inputs[0] == ins[i]
        pool = prod[convs[3].inputs[0]]
        assert pool.type == "MAX_POOL_2D" and pool.inputs[0] == ins[i]
    # the shortcuts: a 1x1 conv of the residual block's input, ADDed with RELU
    assert _acts(g, "ADD") == ["RELU"] * 2
    for add, cat, src in zip(adds, (cats[2], cats[5]), (ins[0], adds[0].outputs[0]),
                             strict=True):
        out, short = add.inputs
        assert prod[out] is cat and prod[short].type == "CONV_2D"
        assert prod[short].inputs[0] == src
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert prod[mean.inputs[0]] is adds[1]
    assert _fc_weights(g) == [(10, 128)]
    first_l = [(1000, 1, 32, k) for k in (39, 19, 9, 1)]
    mod_l = [(1000, 128, 32, 1)] + [(1000, 32, 32, k) for k in (39, 19, 9)] + [
        (1000, 128, 32, 1)]
    layers = first_l + mod_l * 5 + [(1000, 1, 128, 1), (1000, 128, 128, 1),
                                    (1, 128, 10, 1)]
    assert _hand_1d(first_l) == (2_176_000, 2_304)
    assert _hand_1d(mod_l) == (76_800_000, 76_960)
    # published: no count for one network
    _by_hand(g, layers, (402_689_280, 405_162))


def test_resnet_ts_three_blocks_8_5_3_shortcuts_and_hand_counts():
    g = _graph(hx.resnet_ts, (1, 1, 500, 1), (1, 2), 17, RESNET_TS_COUNTS)
    proj = ["CONV_2D"] * 4 + ["ADD"]
    assert g.op_types() == proj * 2 + ["CONV_2D"] * 3 + ["ADD"] + HEAD
    ks = [(1, 8), (1, 5), (1, 3)]
    assert _kernels(g, "CONV_2D") == (ks + [(1, 1)]) * 2 + ks
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # RELU after the first two convs, the third and the shortcut linear
    assert _acts(g, "CONV_2D") == ["RELU", "RELU", "NONE", "NONE"] * 2 + [
        "RELU", "RELU", "NONE"]
    assert _out_shapes(g, "CONV_2D") == [(1, 500, 64)] * 4 + [(1, 500, 128)] * 7
    assert _acts(g, "ADD") == ["RELU"] * 3
    assert _out_shapes(g, "ADD") == [(1, 500, 64), (1, 500, 128), (1, 500, 128)]
    # shortcuts: 1x1 convs where the width changes (1 -> 64, 64 -> 128), the
    # identity in block 3 (128 -> 128)
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    for k, add in enumerate(adds):
        main, short = add.inputs
        assert g.tensors[prod[main].inputs[1]].shape[1:3] == (1, 3)
        src = g.inputs[0] if k == 0 else adds[k - 1].outputs[0]
        if k < 2:
            assert prod[short].type == "CONV_2D" and prod[short].inputs[0] == src
        else:
            assert short == src
    assert _fc_weights(g) == [(2, 128)]
    layers = [(500, 1, 64, 8), (500, 64, 64, 5), (500, 64, 64, 3), (500, 1, 64, 1),
              (500, 64, 128, 8), (500, 128, 128, 5), (500, 128, 128, 3),
              (500, 64, 128, 1), (500, 128, 128, 8), (500, 128, 128, 5),
              (500, 128, 128, 3), (1, 128, 2, 1)]
    assert [_hand_1d(layers[i:j])[0] for i, j in ((0, 4), (4, 8), (8, 11))] == [
        16_672_000, 102_400_000, 131_072_000]
    # published: no count in the paper
    _by_hand(g, layers, (250_144_256, 501_698))


def test_quartznet5x5_table1_separable_blocks_and_published_params():
    g = _graph(hx.quartznet5x5, (1, 1, 256, 64), (1, 1, 128, 29), 66, QN_COUNTS)
    sep = ["DEPTHWISE_CONV_2D", "CONV_2D"]
    assert g.op_types() == sep + (sep * 5 + ["CONV_2D", "ADD"]) * 5 + sep + [
        "CONV_2D"] * 2
    # depthwise 1 x K along time: C1 33 / 2, B1-B5 33, 39, 51, 63, 75, C2 87 dilated 2
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(1, 33)] + [
        (1, k) for k, _, _ in QN_BLOCKS for _ in range(5)] + [(1, 87)]
    assert _strides(g, "DEPTHWISE_CONV_2D") == [(1, 2)] + [(1, 1)] * 26
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op) for op in dws] == [(1, 1)] * 26 + [(1, 2)]
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    # 256 -> 128 frames at C1; a block's first depthwise conv on its input's width
    dw_c = [64] + [cin if i == 0 else c for _, cin, c in QN_BLOCKS for i in range(5)]
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [(1, 128, c) for c in dw_c + [512]]
    # every other conv 1x1: the pointwise halves (RELU fused but the fifth of a
    # block), the residuals (linear), C3 RELU, C4 linear
    assert set(_kernels(g, "CONV_2D")) == {(1, 1)}
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert _acts(g, "CONV_2D") == ["RELU"] + (["RELU"] * 4 + ["NONE"] * 2) * 5 + [
        "RELU", "RELU", "NONE"]
    pw_c = [256] + [c for _, _, c in QN_BLOCKS for _ in range(6)] + [512, 1024, 29]
    assert _out_shapes(g, "CONV_2D") == [(1, 128, c) for c in pw_c]
    # the residual: a 1x1 conv of the block input, ADDed before the last RELU
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    assert _acts(g, "ADD") == ["RELU"] * 5
    for k, add in enumerate(adds):
        main, short = (prod[t] for t in add.inputs)
        assert main.type == "CONV_2D" and prod[main.inputs[0]].type == (
            "DEPTHWISE_CONV_2D")
        src = g.ops[1].outputs[0] if k == 0 else adds[k - 1].outputs[0]
        assert short.type == "CONV_2D" and short.inputs[0] == src
    layers = [(128, 64, None, 33), (128, 64, 256, 1)]
    for k, cin, c in QN_BLOCKS:
        layers += [(128, cin, None, k), (128, cin, c, 1)]
        layers += [(128, c, None, k), (128, c, c, 1)] * 4 + [(128, cin, c, 1)]
    layers += [(128, 512, None, 87), (128, 512, 512, 1), (128, 512, 1024, 1),
               (128, 1024, 29, 1)]
    assert _hand_1d(layers[:2])[0] == 2_367_488
    assert _hand_1d(layers[2:13])[0] == 55_738_368
    assert _hand_1d(layers[-4:])[0] == 39_256_064 + 67_108_864 + 3_801_088
    assert _hand_1d(layers) == (855_678_976, 6_709_661)
    # published (Table 2, recalled): 6.7 M parameters
    _pinned(g, (855_678_976, 6_709_661), (None, 6.7e6), (None, 0.01))


def _inputs(draw, seeds=range(12)):
    """The input shapes and op types of ``draw``'s graphs of ``seeds``."""
    out = []
    for seed in seeds:
        g, _ = draw(np.random.default_rng(seed))
        out.append(([g.tensors[i].shape for i in g.inputs], g))
    return out


def test_no_training_space_draws_a_xli_b_model_exactly():
    """The overlap stated in ``models.json``: agg's Inception-like branches sit on
    square 2-D images, never on a 1 x T map; longk draws no ADD nor CONCATENATION and
    stops at 30 operators and 50 M MACs (InceptionTime 48 / 403 M, the ResNet's
    residual ADDs, 250 M); tiny stops at 12 operators; resnet draws square 3-channel
    images; dil's and mbconv's depthwise kernels stop at 7 and dil's widths at 128
    (QuartzNet's 33-87 taps on 64-512 channels); longk's long depthwise conv only on a
    one-channel input; the earlier models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_tiny as st
    from jaxeff.gnn.spaces_agg import agg

    for shapes, _ in _inputs(agg):
        (_, h, w, _), = shapes
        assert h == w > 1
    for _, g in _inputs(sl.longk):
        assert not {"ADD", "CONCATENATION"} & set(g.op_types())
        dw_in = [g.tensors[op.inputs[0]].shape[-1] for op in g.ops
                 if op.type == "DEPTHWISE_CONV_2D" and
                 g.tensors[op.inputs[1]].shape[2] > 3]
        assert set(dw_in) <= {1}
    assert sl.MAX_OPS == 30 < 48 and sl.MAX_MACS < 250_144_256
    assert st.MAX_OPS == 12 < 17
    for shapes, _ in _inputs(sp.resnet):
        (_, h, w, c), = shapes
        assert h == w > 1 and c == 3
    assert max(sd.KERNELS) == 7 < 33 and max(sd.WIDTHS) == 128 < 256
    assert sd.MAX_MACS < 855_678_976
    for _, g in _inputs(sp.mbconv):
        assert max(_kernels(g, "DEPTHWISE_CONV_2D")) <= (7, 7)
    for m in ph.SESSION33D:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
    earlier = {"inceptiontime_1000": ("keras_timeseries_fcn_500", "googlenet_224"),
               "resnet_ts_500": ("keras_timeseries_fcn_500", "tc_resnet8_98x40"),
               "quartznet5x5_64x256": ("matchboxnet_3x1x64", "contextnet14_1024x512")}
    unnamed = [(m, e) for m, es in earlier.items() for e in es
               if e not in ph.MODELS[m][1] or e not in ph.MODELS]
    assert not unnamed


def test_families_xli_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33D == ("inceptiontime_1000", "resnet_ts_500",
                             "quartznet5x5_64x256")
    # one run after XL's part b (a SESSION33C, where merged, may sit between; later
    # families may follow); every builder model once, every one registered
    reg = ph.BUILDER_MODELS
    i = reg.index(ph.SESSION33D[0])
    assert reg[i:i + len(ph.SESSION33D)] == ph.SESSION33D
    assert reg.index(ph.SESSION33B[-1]) < i and len(set(reg)) == len(reg)
    assert set(ph.SESSION33D) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33D] == [
        "agg", "longk", "mbconv"]
    io = {"inceptiontime_1000": ((1, 1, 1000, 1), (1, 10), ITIME_COUNTS),
          "resnet_ts_500": ((1, 1, 500, 1), (1, 2), RESNET_TS_COUNTS),
          "quartznet5x5_64x256": ((1, 1, 256, 64), (1, 1, 128, 29), QN_COUNTS)}
    gs = {}
    for name, (shape, out, counts) in io.items():
        gs[name], ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out], name
        assert Counter(gs[name].op_types()) == counts, name
    # the int8 graphs keep the long 1-D kernels, QuartzNet's stride and dilation
    assert _kernels(gs["inceptiontime_1000"], "CONV_2D")[:3] == [(1, 39), (1, 19),
                                                                 (1, 9)]
    g = gs["quartznet5x5_64x256"]
    assert max(k for _, k in _kernels(g, "DEPTHWISE_CONV_2D")) == 87
    assert _strides(g, "DEPTHWISE_CONV_2D")[0] == (1, 2)
    assert _dil([op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"][-1]) == (1, 2)
