"""jaxeff.gnn.heldout_nets_xxxv_b (held-out families XXXV, part b; session 30 addendum
2): the published structures, op counts per type, the pinned multiply-add and
parameter counts (by hand where short) with their published counterparts,
registration, int8 builds and the overlap facts against the ``resnet``, ``plain``,
``mobilenet``, ``ext`` and ``dil`` spaces (none draws any of the four exactly)."""

import inspect
from collections import Counter

import pytest

import numpy as np

from jaxeff.gnn import heldout_nets_xxxv_b as hx
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from tests.gnn.test_heldout_nets import _dil, _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph

PYRAMID_COUNTS = {"CONV_2D": 109, "ADD": 109, "MUL": 55, "PAD": 48,
                  "AVERAGE_POOL_2D": 2, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
FRACTAL_COUNTS = {"CONV_2D": 75, "ADD": 35, "MUL": 20, "MAX_POOL_2D": 5, "RESHAPE": 1,
                  "FULLY_CONNECTED": 1, "SOFTMAX": 1}
LITESEG_COUNTS = {"CONV_2D": 47, "DEPTHWISE_CONV_2D": 27, "ADD": 10,
                  "RESIZE_BILINEAR": 3, "CONCATENATION": 2, "MEAN": 1}
ESNET_COUNTS = {"CONV_2D": 63, "ADD": 18, "MAX_POOL_2D": 3, "CONCATENATION": 3,
                "RELU": 3, "TRANSPOSE_CONV": 3}


def _data(g, op, i):
    return g.tensors[op.inputs[i]].data


def test_pyramidnet_widths_padded_shortcuts_and_published_params():
    g = _graph(hx.pyramidnet_cifar, (1, 32, 32, 3), (1, 10), 326, PYRAMID_COUNTS)
    w = hx.pyramid_widths()
    assert len(w) == 54 and w[:6] == [17, 18, 19, 20, 20, 21] and w[-1] == 64
    assert {b - a for a, b in zip([16] + w, w, strict=False)} == {0, 1}
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 16)] + [
        (32 >> (k // 18),) * 2 + (c,) for k, c in enumerate(w) for _ in range(2)]
    assert _acts(g, "CONV_2D") == ["NONE"] + ["RELU", "NONE"] * 54
    prod = _producers(g)
    # the shortcut: 2x2/2 average pool where the map halves, zeros after the channels
    pads = [op for op in g.ops if op.type == "PAD"]
    assert all(_data(g, op, 1)[:3].tolist() == [[0, 0]] * 3 and _data(g, op, 1)[3][0]
               == 0 for op in pads)
    assert sum(_data(g, op, 1)[3][1] for op in pads) == 48  # one channel each
    assert [prod[op.inputs[0]].type for op in pads].count("AVERAGE_POOL_2D") == 2
    assert {op.options["filter_height"] for op in g.ops
            if op.type == "AVERAGE_POOL_2D"} == {2}
    # batch norms: per-channel MUL + ADD, linear before each unit, RELU at the end
    bn = [op for op in g.ops if op.type == "ADD" and _data(g, op, 1) is not None]
    assert len(bn) == 55 and [prod[op.inputs[0]].type for op in bn] == ["MUL"] * 55
    assert [op.options["fused_activation_function"] for op in bn] == ["NONE"] * 54 + [
        "RELU"]
    res = [op for op in g.ops if op.type == "ADD" and _data(g, op, 1) is None]
    assert len(res) == 54 and set(_acts(g, "ADD")[:-1]) == {"NONE"}
    # hand: stem, two 3x3 convs a unit, the FC; biases, MUL / ADD vectors
    macs, par, cin = 1024 * 27 * 16, 27 * 16 + 16 + 2 * 64 + 650, 16
    for k, c in enumerate(w):
        p = 1024 >> (2 * (k // 18))
        macs += p * 9 * c * (cin + c)
        par, cin = par + 9 * c * (cin + c) + 2 * c + 2 * cin, c
    assert (macs + 640, par) == (403_813_504, 1_768_322)
    # published (Table 1, recalled): 1.7 M parameters
    _pinned(g, (403_813_504, 1_768_322), (None, 1.7e6), (None, 0.05))


def _fractal_hand(columns):
    """(MACs, parameters) of FractalNet: per block 4 (C) convs reading the block
    input and 2^C - 1 - C reading a c-channel map; biases, one constant per join."""
    macs, par, cin, p, joins = 5120, 5130, 3, 1024, 2 ** (columns - 2)
    for c in hx.FRACTAL_WIDTHS:
        k = 9 * c * (columns * cin + (2 ** columns - 1 - columns) * c)
        macs, par = macs + p * k, par + k + (2 ** columns - 1) * c + joins
        cin, p = c, p // 4
    return macs, par


def test_fractalnet_columns_mean_joins_and_published_params():
    g = _graph(hx.fractalnet_cifar, (1, 32, 32, 3), (1, 10), 138, FRACTAL_COUNTS)
    widths = hx.FRACTAL_WIDTHS
    assert _out_shapes(g, "CONV_2D") == [
        (32 >> i, 32 >> i, c) for i, c in enumerate(widths) for _ in range(15)]
    assert set(_acts(g, "CONV_2D")) == {"RELU"} and set(_kernels(g, "CONV_2D")) == {
        (3, 3)}
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == "MUL"]  # joins of 2, 3, 2, 4 columns
    assert [round(float(_data(g, op, 1)[0]), 4) for op in muls] == [
        0.5, 0.3333, 0.5, 0.25] * 5 and {_data(g, op, 1).size for op in muls} == {1}

    def n_added(t):
        op = prod[t]
        return 1 if op.type != "ADD" else n_added(op.inputs[0]) + n_added(op.inputs[1])

    assert [n_added(op.inputs[0]) for op in muls] == [2, 3, 2, 4] * 5
    readers = Counter(t for op in g.ops if op.type == "CONV_2D" for t in op.inputs[:1])
    blocks = [g.inputs[0]] + [op.outputs[0] for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [readers[t] for t in blocks] == [4] * 5 + [0]  # four columns a block
    assert [readers[op.outputs[0]] for op in muls] == [2, 3, 2, 0] * 5
    assert [prod[op.inputs[0]].type for op in g.ops if op.type == "MAX_POOL_2D"] == [
        "MUL"] * 5
    assert _out_shapes(g, "MAX_POOL_2D")[-1] == (1, 1, 512)
    assert _fractal_hand(4) == (2_036_077_568, 76_084_574)
    # published (Table 1, recalled): 38.6 M at 20 layers (C = 3), 22.9 M at 40: the
    # C = 3 form is 12.7 % under the first, this one 3.3 x the second
    b = NetBuilder(np.random.default_rng(0))
    c3 = b.finish([hx.fractalnet_cifar(b, b.input((1, 32, 32, 3)), columns=3)])
    assert Counter(c3.op_types()) == {"CONV_2D": 35, "ADD": 15, "MUL": 10,
                                      "MAX_POOL_2D": 5, "RESHAPE": 1,
                                      "FULLY_CONNECTED": 1, "SOFTMAX": 1}
    assert (total_macs(c3), _params(c3)) == _fractal_hand(3) == (845_222_912,
                                                                  33_714_324)
    assert abs(_params(c3) / 38.6e6 - 1) < 0.13 and _params(g) / 22.9e6 > 3.3
    _pinned(g, (2_036_077_568, 76_084_574), (None, None), (None, None))


def test_liteseg_daspp_decoder_and_release_param_count():
    g = _graph(hx.liteseg_mnv2, (1, 360, 640, 3), (1, 360, 640, 19), 90, LITESEG_COUNTS)
    prod = _producers(g)
    assert _out_shapes(g, "CONCATENATION") == [(12, 20, 1760), (90, 160, 120)]
    big = next(op for op in g.ops if g.tensors[op.outputs[0]].shape[-1] == 1280)
    assert g.tensors[big.outputs[0]].shape == (1, 12, 20, 1280)  # output stride 32
    assert (big.type, big.options["fused_activation_function"]) == ("CONV_2D", "RELU6")
    cat1, cat2 = (op for op in g.ops if op.type == "CONCATENATION")
    assert cat1.inputs[0] == big.outputs[0]  # the short residual: the map itself
    low = prod[cat2.inputs[1]]  # the second 24-channel bottleneck's output, stride 4
    assert low.type == "ADD" and g.tensors[low.outputs[0]].shape == (1, 90, 160, 24)
    # the DASPP and decoder depthwise convs: linear, rate-1 branch and conv1 1x1
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"][-10:]
    assert [g.tensors[op.inputs[1]].shape[1] for op in dws] == [1] + [3] * 6 + [1, 3, 3]
    assert [_dil(op)[0] for op in dws] == [1, 3, 1, 6, 1, 9, 1, 1, 1, 1]
    assert {op.options["fused_activation_function"] for op in dws} == {"NONE"}
    for op in dws:  # each read by one 1x1 conv: the release's SeparableConv2d
        (r,) = [r for r in g.ops if op.outputs[0] in r.inputs]
        assert r.type == "CONV_2D" and g.tensors[r.inputs[1]].shape[1:3] == (1, 1)
    rs = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in rs] == [
        (12, 20, 96), (90, 160, 96), (360, 640, 19)]
    assert {op.options["align_corners"] for op in rs} == {True}
    assert g.ops[-1] is rs[-1]  # the logits, as the release (no SOFTMAX head)
    # hand: the head (DASPP, image pooling, conv1, decoder) over the MobileNet-v2 1.0
    # body (3,487,816 with its 1,281,000 classifier, test_heldout_nets), with biases
    head = (2560 + 122_976 + 3 * (12_800 + 122_976 + 960 + 9312) + 122_976
            + 3520 + 169_056 + 1200 + 11_616 + 960 + 9312 + 96 * 19 + 19)
    assert head + 3_487_816 - 1_281_000 == 3_090_979
    # the release's count: no conv biases, two per batch-norm channel (not after the
    # head's depthwise convs), the class conv's bias, the unused classifier
    convs = [op for op in g.ops if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")]
    head_dw = {id(op) for op in dws}
    rel = sum(int(np.prod(g.tensors[op.inputs[1]].shape)) for op in convs) + 1_281_000
    rel += sum(0 if id(op) in head_dw else g.tensors[op.inputs[2]].shape[0] * (
        1 if op is convs[-1] else 2) for op in convs)
    assert rel == 4_382_707 and abs(rel / 4.38e6 - 1) < 0.001  # published, recalled
    b = NetBuilder(np.random.default_rng(0))
    m = total_macs(b.finish([hx.liteseg_mnv2(b, b.input((1, 512, 1024, 3)))]))
    assert m == 4_305_379_328 and abs(m / 4.9e9 - 1) < 0.15  # 4.9 G FLOPs, recalled
    _pinned(g, (1_937_598_720, 3_090_979), (None, None), (None, None))


def test_esnet_fcu_pfcu_symmetric_decoder_and_published_params():
    g = _graph(hx.esnet, (1, 512, 1024, 3), (1, 512, 1024, 19), 93, ESNET_COUNTS)
    prod = _producers(g)
    assert _out_shapes(g, "CONCATENATION") == [(256, 512, 16), (128, 256, 64),
                                               (64, 128, 128)]
    assert [prod[op.inputs[0]].type for op in g.ops if op.type == "RELU"] == [
        "CONCATENATION"] * 3
    assert Counter(_kernels(g, "CONV_2D")) == {(3, 3): 3, (3, 1): 22, (1, 3): 22,
                                               (5, 1): 8, (1, 5): 8}
    dil = Counter(_dil(op) for op in g.ops if op.type == "CONV_2D")
    assert dil == {(1, 1): 45, (2, 1): 3, (1, 2): 3, (5, 1): 3, (1, 5): 3, (9, 1): 3,
                   (1, 9): 3}
    tc = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert _kernels(g, "TRANSPOSE_CONV") == [(3, 3), (3, 3), (2, 2)]
    assert [(op.options["padding"], op.options["fused_activation_function"])
            for op in tc] == [("SAME", "RELU"), ("SAME", "RELU"), ("VALID", "NONE")]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(128, 256, 64), (256, 512, 16),
                                                (512, 1024, 19)]
    # a PFCU: the input plus three dilated branches, the last ADD with RELU
    adds = [op for op in g.ops if op.type == "ADD"
            and g.tensors[op.outputs[0]].shape[1] == 64]
    assert [_dil(prod[op.inputs[1]])[1] for op in adds] == [2, 5, 9] * 3
    unit_in = [next(op for op in g.ops if op.type == "RELU" and g.tensors[
        op.outputs[0]].shape[-1] == 128).outputs[0], adds[2].outputs[0],
        adds[5].outputs[0]]  # the third downsampling unit, then each PFCU
    assert [op.inputs[0] for op in adds] == [
        t for i, u in enumerate(unit_in) for t in (u, *(a.outputs[0] for a in
                                                        adds[3 * i:3 * i + 2]))]
    assert [op.options["fused_activation_function"] for op in adds] == [
        "NONE", "NONE", "RELU"] * 3 and set(_acts(g, "ADD")) == {"NONE", "RELU"}
    assert _acts(g, "ADD").count("RELU") == 9 + 3  # FCUs and PFCUs
    assert g.ops[-1] is tc[-1]  # the logits, as the release (no SOFTMAX head)
    # hand: downsamplers, FCUs (4 convs), PFCUs (8), upsamplers, the output deconv
    macs = (131_072 * 351 + 5 * 131_072 * 3072 + 32_768 * 6912 + 4 * 32_768 * 81_920
            + 8192 * 36_864 + 3 * 8192 * 393_216 + 8192 * 128 * 9 * 64
            + 32_768 * 64 * 9 * 16 + 131_072 * 16 * 4 * 19)
    par = (364 + 5 * 4 * (48 * 16 + 16) + 6960 + 4 * 4 * (5 * 64 * 64 + 64) + 36_928
           + 3 * 8 * (3 * 128 * 128 + 128) + 73_792 + 9232 + 1235)
    assert (macs, par) == (24_054_202_368, 1_655_615)
    # published (Table 2, recalled): 1.66 M parameters
    _pinned(g, (24_054_202_368, 1_655_615), (None, 1.66e6), (None, 0.01))


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xxxv_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION30D == ("pyramidnet110_a48_cifar_32", "fractalnet40_cifar_32",
                             "liteseg_mnv2_360x640", "esnet_512x1024")
    i = ph.BUILDER_MODELS.index(ph.SESSION30D[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION30D
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION30D] == [
        "resnet", "plain", "mobilenet", "ext"]
    assert all("(partly" in ph.MODELS[m][1] and "same configuration" not in
               ph.MODELS[m][1] for m in ph.SESSION30D)
    io = {"pyramidnet110_a48_cifar_32": ((1, 32, 32, 3), (1, 10), PYRAMID_COUNTS),
          "fractalnet40_cifar_32": ((1, 32, 32, 3), (1, 10), FRACTAL_COUNTS),
          "liteseg_mnv2_360x640": ((1, 360, 640, 3), (1, 360, 640, 19), LITESEG_COUNTS),
          "esnet_512x1024": ((1, 512, 1024, 3), (1, 512, 1024, 19), ESNET_COUNTS)}
    for name, (i, o, counts) in io.items():
        g, ins, outs = _int8_io(name)
        assert ins == [i] and outs == [o], name
        assert Counter(g.op_types()) == counts, name


def test_spaces_miss_xxxv_b_by_the_named_values():
    """``MODELS``' overlaps: resnet's widths double per stage (2-4 stages of 1-4
    blocks) and its inputs stop at 128, the spaces' dilation rates are powers of 2 and
    ext's factorised maps stop at 128 x 256; no sampled graph PADs the channel axis,
    MULs by a one-element constant, holds a 1x1 depthwise conv or a conv dilated by
    an odd rate (or 6), puts a SOFTMAX on a 4-D map or takes a 360 x 640 or 512 x 1024
    input."""
    from jaxeff.gnn import spaces, spaces_dil, spaces_ext

    src = inspect.getsource(spaces.resnet)
    assert "width = c * 2**i" in src and "int(rng.integers(2, 5))" in src
    assert "pick(rng, (32, 64, 96, 128))" in src
    assert spaces_dil.DILATIONS == (1, 2, 4, 8, 16, 32, 64, 128)
    ext = inspect.getsource(spaces_ext)
    assert "for d in (1, 2, 4, 8, 16)" in ext and "(128, 256)))" in ext
    rng = np.random.default_rng(35)
    for name in spaces.SPACES:
        for _ in range(6):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape[1:3] not in ((360, 640), (512, 1024))
            for op in g.ops:
                if op.type == "PAD":
                    assert _data(g, op, 1)[3].tolist() == [0, 0], name
                if op.type == "MUL":
                    assert all(g.tensors[t].data is None or g.tensors[t].data.size > 1
                               for t in op.inputs), name
                if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D"):
                    assert set(_dil(op)) <= set(spaces_dil.DILATIONS), name
                if op.type == "DEPTHWISE_CONV_2D":
                    assert g.tensors[op.inputs[1]].shape[1:3] != (1, 1), name
                if op.type == "SOFTMAX":
                    assert len(g.tensors[op.inputs[0]].shape) == 2, name
