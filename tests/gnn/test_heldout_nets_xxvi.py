"""jaxeff.gnn.heldout_nets_xxvi (held-out families XXVI, part a; session 26): the
published structures, op counts per type, the pinned multiply-add and parameter
counts with their published counterparts, registration and int8 builds."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xxvi as hx
from tests.gnn.test_heldout_nets import (_bn_channels, _graph_multi, _int8_io,
                                         _params, _pinned)
from tests.gnn.test_heldout_nets_xxi import (_classifier, _counted, _kernels,
                                             _out_shapes, _registered)
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers

_IRV2 = (1, 299, 299, 3)


def _irv2_counts(repeats):
    """Ops per type of Inception-ResNet-v2 with ``repeats`` A / B / C blocks: stem
    5 convs, mixed_5b 7, an A block 7 (with the up-projection), Reduction-A 4, a B
    block 5, Reduction-B 7, a C block 5, conv_7b."""
    a, bb, c = repeats
    return {"CONV_2D": 5 + 7 + 7 * a + 4 + 5 * bb + 7 + 5 * c + 1,
            "CONCATENATION": 1 + a + 1 + bb + 1 + c, "ADD": a + bb + c,
            "MAX_POOL_2D": 4, "AVERAGE_POOL_2D": 1, "MEAN": 1,
            "FULLY_CONNECTED": 1, "SOFTMAX": 1}


def test_inception_resnet_v2_blocks_scaled_residuals_and_release_counts():
    g, outs = _graph_multi(hx.inception_resnet_v2, _IRV2)
    assert outs == [(1, 1000)] and len(g.ops) == 185
    assert Counter(op.type for op in g.ops) == _irv2_counts((5, 10, 5)) == {
        "CONV_2D": 134, "CONCATENATION": 23, "ADD": 20, "MAX_POOL_2D": 4,
        "AVERAGE_POOL_2D": 1, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
    # 5 x A (35x35x320), 10 x B (17x17x1088), 5 x C (8x8x2080); RELU after every
    # residual ADD but the last block's (the release's activation_fn=None)
    assert _out_shapes(g, "ADD") == ([(35, 35, 320)] * 5 + [(17, 17, 1088)] * 10
                                     + [(8, 8, 2080)] * 5)
    assert _acts(g, "ADD") == ["RELU"] * 19 + ["NONE"]
    # stem: 299 -> 149 -> 147 -> 147 -> 73 -> 73 -> 71 -> 35 (VALID)
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in convs[:5]] == [
        (149, 149, 32), (147, 147, 32), (147, 147, 64), (73, 73, 80), (71, 71, 192)]
    # the concatenations into the residual up-projections: 128 (A), 384 (B), 448 (C)
    prod = _producers(g)
    ups = [prod[op.inputs[1]] for op in g.ops if op.type == "ADD"]
    assert all(u.type == "CONV_2D" and u.options["fused_activation_function"] == "NONE"
               and g.tensors[u.inputs[1]].shape[1:3] == (1, 1) for u in ups)
    assert [g.tensors[u.inputs[0]].shape[-1] for u in ups] == [128] * 5 + [384] * 10 + [
        448] * 5
    # residual scaling folded [U]: the up-projections' weights are He-normal times
    # 0.17 / 0.1 / 0.2 (the last C block 1)
    for u, s in zip(ups, [0.17] * 5 + [0.1] * 10 + [0.2] * 4 + [1.0], strict=True):
        w = g.tensors[u.inputs[1]].data
        rms = float(np.sqrt(np.mean(w.astype(np.float64) ** 2)))
        assert abs(rms / (s * np.sqrt(2.0 / w.shape[-1])) - 1) < 0.05
    # reductions: 17x17x1088 (384 + 384 + 320) and 8x8x2080 (384 + 288 + 320 + 1088)
    red = [op for op in g.ops if op.type == "CONCATENATION" and prod[
        op.inputs[-1]].type == "MAX_POOL_2D"]
    assert [[g.tensors[t].shape[1:] for t in op.inputs] for op in red] == [
        [(17, 17, 384), (17, 17, 384), (17, 17, 320)],
        [(8, 8, 384), (8, 8, 288), (8, 8, 320), (8, 8, 1088)]]
    assert Counter(_kernels(g, "CONV_2D")) == {
        (1, 1): 75, (3, 3): 28, (5, 5): 1, (1, 7): 10, (7, 1): 10, (1, 3): 5,
        (3, 1): 5}
    assert g.tensors[g.ops[-3].inputs[0]].shape == (1, 8, 8, 1536)  # conv_7b
    # the pre-registered 5 / 10 / 5 (the paper's Figure 15) has no published count
    _pinned(g, (8_506_795_616, 33_764_632), (None, None), (None, None))
    # the release's 10 / 20 / 10: Keras InceptionResNetV2 (recalled) 55,813,192
    # trainable parameters (weights, batch norm betas = our folded biases, the
    # up-projections' biases, FC) and 55,873,736 in all (+ moving mean and variance
    # of every conv but the 40 up-projections): both exact; about 13.2 G
    # multiply-adds (the commonly quoted figure): -0.3 %
    r, outs = _graph_multi(
        lambda b, x: hx.inception_resnet_v2(b, x, repeats=hx.IRV2_RELEASE_REPEATS),
        _IRV2)
    assert Counter(op.type for op in r.ops) == _irv2_counts((10, 20, 10))
    _pinned(r, (13_155_794_016, 55_813_192), (13.2e9, 55.8e6), (0.004, 0.001))
    upc = sum(g.tensors[u.outputs[0]].shape[-1] for u in ups) * 2  # 10 / 20 / 10
    assert upc == 45_760
    assert _params(r) + 2 * (_bn_channels(r) - upc) == 55_873_736


def test_selecsls42b_modules_skips_head_and_published_counts():
    # stem, 6 modules x 6 convs, 4 head convs
    g = _classifier(hx.selecsls42b, 50, {
        "CONV_2D": 41, "CONCATENATION": 6, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # each module concatenates d1 (mid), d2, d3 (mid / 2) and, second of a pair, the
    # first's output
    cats = [[g.tensors[t].shape[1:] for t in op.inputs] for op in g.ops
            if op.type == "CONCATENATION"]
    assert cats == [
        [(56, 56, 64), (56, 56, 32), (56, 56, 32)],
        [(56, 56, 64), (56, 56, 32), (56, 56, 32), (56, 56, 64)],
        [(28, 28, 144), (28, 28, 72), (28, 28, 72)],
        [(28, 28, 144), (28, 28, 72), (28, 28, 72), (28, 28, 144)],
        [(14, 14, 304), (14, 14, 152), (14, 14, 152)],
        [(14, 14, 304), (14, 14, 152), (14, 14, 152), (14, 14, 304)]]
    prod = _producers(g)
    for i in (1, 3, 5):  # the skip is the pair's first module's 1x1 fusion
        op = [o for o in g.ops if o.type == "CONCATENATION"][i]
        first = prod[op.inputs[-1]]
        assert first.type == "CONV_2D" and op.inputs[-1] == prod[op.inputs[0]].inputs[0]
    # a module: 3x3 (stride), 1x1, 3x3, 1x1, 3x3, 1x1 fusion
    assert _kernels(g, "CONV_2D")[1:7] == [(3, 3), (1, 1)] * 3
    convs = _out_shapes(g, "CONV_2D")
    assert convs[-4:] == [(7, 7, 960), (7, 7, 1024), (4, 4, 1280), (4, 4, 1024)]
    # timm's selecsls42b (recalled): 32.46 M parameters, 2.98 G MACs; ours with
    # batch norm unfolded (one more a channel, no conv bias) 32,458,248 (-0.005 %),
    # MACs -0.3 % (the head's 4x4 map and the FC counted as timm does, recalled)
    _counted(g, (2_971_924_480, 32_448_424), (2.98e9, 32.46e6), (0.004, 0.001),
             32_458_248)


def test_vovnet39_osa_modules_stages_and_published_counts():
    # stem 3, 6 OSA modules x (5 3x3 + 1x1), pools before stages 3-5
    g = _classifier(hx.vovnet39, 51, {
        "CONV_2D": 39, "CONCATENATION": 6, "MAX_POOL_2D": 3, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # ONE CONCATENATION of the module input and five 3x3 outputs
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [len(op.inputs) for op in cats] == [6] * 6
    assert _out_shapes(g, "CONCATENATION") == [
        (56, 56, 128 + 5 * 128), (28, 28, 256 + 5 * 160), (14, 14, 512 + 5 * 192),
        (14, 14, 768 + 5 * 192), (7, 7, 768 + 5 * 224), (7, 7, 1024 + 5 * 224)]
    assert Counter(_kernels(g, "CONV_2D")) == {(3, 3): 33, (1, 1): 6}
    assert [s for s in _out_shapes(g, "CONV_2D") if s[-1] >= 256] == [
        (56, 56, 256), (28, 28, 512), (14, 14, 768), (14, 14, 768), (7, 7, 1024),
        (7, 7, 1024)]
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [(op.options["filter_height"], op.options["stride_h"]) for op in pools] == [
        (3, 2)] * 3
    # timm's vovnet39a (recalled): 22.60 M parameters, 7.09 G MACs; ours with batch
    # norm unfolded 22,600,296 (+0.001 %), MACs -0.25 %
    _counted(g, (7_072_227_328, 22_590_088), (7.09e9, 22.6e6), (0.003, 0.001),
             22_600_296)


def test_hardnet39ds_harmonic_links_separable_layers_and_published_counts():
    g = _classifier(hx.hardnet39ds, 97, {
        "CONV_2D": 2 + 32 + 4, "DEPTHWISE_CONV_2D": 1 + 32 + 3,
        "CONCATENATION": 2 + 8 + 4 + 2 + 4, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})  # stem, 32 layers (1x1 + depthwise), transitions, downs;
    # a CONCATENATION per multi-link layer (2 / 8 / 4 / 2) and per block output
    assert set(_acts(g, "CONV_2D")) == {"RELU6"}
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}  # linear depthwise
    assert set(_kernels(g, "CONV_2D")) == {(3, 3), (1, 1)}
    assert _kernels(g, "CONV_2D").count((3, 3)) == 1  # the stem conv only
    assert set(_kernels(g, "DEPTHWISE_CONV_2D")) == {(3, 3)}
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    down = [g.tensors[op.outputs[0]].shape[1:] for op in dws
            if op.options["stride_h"] == 2]
    assert down == [(56, 56, 48), (28, 28, 96), (14, 14, 320), (7, 7, 640)]
    # block 1 (k = 16, m = 1.6): layers 16, 26, 16, 40; output layers 1, 3, 4 = 72
    convs = _out_shapes(g, "CONV_2D")
    assert [c[-1] for c in convs[2:6]] == [16, 26, 16, 40]
    prod = _producers(g)
    trans = [op for op in g.ops if op.type == "CONV_2D"
             and g.tensors[op.outputs[0]].shape[-1] in (96, 320, 640, 1024)
             and prod[op.inputs[0]].type == "CONCATENATION"]
    assert [g.tensors[op.inputs[0]].shape[1:] for op in trans] == [
        (56, 56, 72), (28, 28, 292), (14, 14, 518), (7, 7, 730)]
    # HarDNet-39DS (Table 1 / 4, recalled): 3.5 M parameters, 0.44 G MACs; ours
    # -0.6 % (3,488,228 with batch norm unfolded) and -2.4 % (the paper's count,
    # rounded, not reproduced more closely)
    _counted(g, (429_471_474, 3_479_820), (0.44e9, 3.5e6), (0.025, 0.007), 3_488_228)


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxvi_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26C == ("inception_resnet_v2_299", "selecsls42b_224",
                             "vovnet39_224", "hardnet39ds_224")
    assert ph.MODELS["inception_resnet_v2_299"][1].split()[0] == "none"
    i, _ = _registered(ph.SESSION26C[1:], ["plain"] * 3, {
        "selecsls42b_224": {"CONV_2D": 41, "CONCATENATION": 6},
        "vovnet39_224": {"CONV_2D": 39, "CONCATENATION": 6, "MAX_POOL_2D": 3},
        "hardnet39ds_224": {"DEPTHWISE_CONV_2D": 36, "CONCATENATION": 20}})
    assert ph.BUILDER_MODELS[i - 1] == "inception_resnet_v2_299"
    assert "inception_resnet_v2_299" in ph.BUILDER_MODELS
    q, qi, qo = _int8_io("inception_resnet_v2_299")
    assert qi == [_IRV2] and qo == [(1, 1000)] and len(q.ops) == 185
    assert {k: q.op_types().count(k) for k in ("CONV_2D", "ADD")} == {
        "CONV_2D": 134, "ADD": 20}
