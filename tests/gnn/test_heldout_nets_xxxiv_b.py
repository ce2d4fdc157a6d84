"""jaxeff.gnn.heldout_nets_xxxiv_b (held-out families XXXIV, part b; session 30): the
published structures, op counts per type, the pinned multiply-add and parameter counts
(by hand where short) with their published counterparts, registration, int8 builds and
the overlap facts against the ``sesr``, ``dil``, ``upsample``, ``agg`` and ``detect``
spaces (``upsample`` draws FSRCNN x2 on 64 x 64 exactly)."""

import inspect
from collections import Counter

import numpy as np

from jaxeff.gnn import heldout_nets_xxxiv_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph

DARTS_COUNTS = {"CONV_2D": 241, "DEPTHWISE_CONV_2D": 198, "ADD": 80, "RELU": 55,
                "CONCATENATION": 22, "MAX_POOL_2D": 4, "STRIDED_SLICE": 2, "MEAN": 1,
                "FULLY_CONNECTED": 1, "SOFTMAX": 1}
SQUEEZEDET_COUNTS = {"CONV_2D": 32, "MAX_POOL_2D": 3, "CONCATENATION": 10}


def test_dncnn_s_17_convs_residual_sub_and_hand_counts():
    g = _graph(hx.dncnn_s, (1, 64, 64, 1), (1, 64, 64, 1), 18,
               {"CONV_2D": 17, "SUB": 1})
    assert _acts(g, "CONV_2D") == ["RELU"] * 16 + ["NONE"]
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 17
    assert _out_shapes(g, "CONV_2D") == [(64, 64, 64)] * 16 + [(64, 64, 1)]
    sub = g.ops[-1]  # the input minus the residual (noise) estimate
    assert sub.type == "SUB" and sub.inputs[0] == g.inputs[0]
    assert _producers(g)[sub.inputs[1]] is g.ops[-2]
    macs = 64 * 64 * (9 * 64 + 15 * 9 * 64 * 64 + 9 * 64)
    assert (macs, 640 + 15 * (9 * 64 * 64 + 64) + 577) == (2_269_642_752, 555_137)
    # published (recalled): 0.56 M (556 K) parameters
    _pinned(g, (2_269_642_752, 555_137), (None, 556e3), (None, 0.01))


def test_fsrcnn_prelu_deconvolution_and_published_complexity():
    from jaxeff.nets.sesr import fsrcnn_weights
    from jaxeff.nets.sesr_npu import fsrcnn_graph

    g = _graph(hx.fsrcnn, (1, 64, 64, 1), (1, 128, 128, 1), 15, {
        "CONV_2D": 7, "PRELU": 7, "TRANSPOSE_CONV": 1})
    assert g.op_types() == ["CONV_2D", "PRELU"] * 7 + ["TRANSPOSE_CONV"]
    assert _kernels(g, "CONV_2D") == [(5, 5), (1, 1)] + [(3, 3)] * 4 + [(1, 1)]
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == [56] + [12] * 5 + [56]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "PRELU"] == [
        (1, 1, c) for c in [56] + [12] * 5 + [56]]
    tc = g.ops[-1]  # 9x9 stride 2, SAME, with bias: (output shape, weights, x, bias)
    assert g.tensors[tc.inputs[1]].shape == (1, 9, 9, 56) and len(tc.inputs) == 4
    assert (tc.options["stride_h"], tc.options["padding"]) == (2, "SAME")
    # Section 3.3 (recalled): 12,464 weights; (9 m s^2 + 2 s d + 106 d) S_LR MACs
    d, s, m = 56, 12, 4
    assert fsrcnn_weights(d, s, m) == 9 * m * s * s + 2 * s * d + 106 * d == 12_464
    assert 12_464 + (56 + 12 * 5 + 56 + 1) + (56 + 12 * 5 + 56) == 12_809
    _pinned(g, (51_052_544, 12_809), (12_464 * 64 * 64, 12_464), (1e-9, 0.03))
    # the earlier validation model fsrcnn_x2_64 is the sub-pixel form, not this one
    ref = fsrcnn_graph(2, (64, 64))
    assert ref.op_types().count("CONV_2D") == 8 and _kernels(ref, "TRANSPOSE_CONV") == [
        (2, 2)]


def _darts_hand(c=36, layers=20, classes=10):
    """(MACs, parameters) of the DARTS_V2 network: stem, per cell the two
    preprocessing convs (a FactorizedReduce counts as one 1x1 conv) and, in normal
    cells, 5 separable and 1 dilated conv, then the FC; biases everywhere."""
    macs, par = 32 * 32 * 27 * 3 * c, 27 * 3 * c + 3 * c
    cpp = cp = 3 * c
    for i in range(layers):
        k = 2 ** ((i >= layers // 3) + (i >= 2 * layers // 3))
        cc, red = c * k, i in (layers // 3, 2 * layers // 3)
        p = 1024 // (k // 2 if red else k) ** 2  # pixels of the preprocessing
        macs, par = macs + p * (cpp + cp) * cc, par + (cpp + cp) * cc + 2 * cc
        if not red:
            sep, dil = 2 * (9 * cc + cc * cc), 9 * cc + cc * cc
            macs += p * (5 * sep + dil)
            par += 5 * (sep + 4 * cc) + dil + 2 * cc
        cpp, cp = cp, 4 * cc
    return macs + cp * classes, par + cp * classes + classes


def test_darts_v2_cells_genotype_and_published_params():
    g = _graph(hx.darts_v2_cifar, (1, 32, 32, 3), (1, 10), 605, DARTS_COUNTS)
    assert _out_shapes(g, "CONCATENATION") == (
        [(32, 32, 144)] * 6 + [(16, 16, 288), (16, 16, 72)] + [(16, 16, 288)] * 6
        + [(8, 8, 576), (8, 8, 144)] + [(8, 8, 576)] * 6)
    prod = _producers(g)
    # FactorizedReduce: RELU, a one-pixel shift, two stride-2 1x1 convs of c / 2
    sl = [op for op in g.ops if op.type == "STRIDED_SLICE"]
    assert [tuple(g.tensors[op.inputs[1]].data) for op in sl] == [(0, 1, 1, 0)] * 2
    assert [g.tensors[op.outputs[0]].shape[1:] for op in sl] == [(31, 31, 144),
                                                                  (15, 15, 288)]
    assert all(prod[op.inputs[0]].type == "RELU" for op in sl)
    s2 = [op for op in g.ops if op.type == "CONV_2D" and op.options["stride_h"] == 2]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in s2] == [(16, 16, 36)] * 2 + [
        (8, 8, 72)] * 2
    # one dilated (rate 2) depthwise conv per normal cell; every depthwise linear and
    # fed by a standalone RELU or a 1x1 conv with the RELU fused
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert sum(op.options["dilation_h_factor"] == 2 for op in dws) == 18
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert {(prod[op.inputs[0]].type, prod[op.inputs[0]].options.get(
        "fused_activation_function")) for op in dws} == {("RELU", None),
                                                         ("CONV_2D", "RELU")}
    # RELU fused: the stem, the separable convs' first 1x1 (5 x 18), and the second
    # preprocessing conv of each normal cell (read only through its ReLU); a RELU
    # standalone on each cell output but the last (19) and, per normal cell, on p0
    # (16 convs, 2 FactorizedReduce CONCATENATIONs) and on node 2 (an ADD)
    assert _acts(g, "CONV_2D").count("RELU") == 1 + 5 * 18 + 18
    assert _acts(g, "CONV_2D")[0] == "RELU"
    assert Counter(prod[op.inputs[0]].type for op in g.ops if op.type == "RELU") == {
        "CONCATENATION": 19 + 2, "CONV_2D": 16, "ADD": 18}
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in pools] == [
        (16, 16, 72)] * 2 + [(8, 8, 144)] * 2  # CSE: one pool per cell input
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert prod[mean.inputs[0]].type == "CONCATENATION"  # no RELU before the pool
    assert _darts_hand() == (528_359_040, 3_345_778)
    # Table 1: 3.3 M parameters; later papers' tables (recalled): 528 M multiply-adds
    _pinned(g, (528_359_040, 3_345_778), (528e6, 3.3e6), (0.01, 0.02))


def test_squeezedet_fire_modules_convdet_and_published_counts():
    g = _graph(hx.squeezedet, (1, 384, 1248, 3), (1, 24, 78, 72), 45,
               SQUEEZEDET_COUNTS)
    assert _out_shapes(g, "CONCATENATION") == (
        [(96, 312, 128)] * 2 + [(48, 156, 256)] * 2 + [(24, 78, 384)] * 2
        + [(24, 78, 512)] * 2 + [(24, 78, 768)] * 2)
    prod = _producers(g)
    for cat in (op for op in g.ops if op.type == "CONCATENATION"):  # fire modules
        e1, e3 = (prod[t] for t in cat.inputs)
        assert (g.tensors[e1.inputs[1]].shape[1:3], g.tensors[e3.inputs[1]].shape[1:3]
                ) == ((1, 1), (3, 3)) and e1.inputs[0] == e3.inputs[0]
        assert g.tensors[prod[e1.inputs[0]].inputs[1]].shape[1:3] == (1, 1)
    assert {(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
            for op in g.ops if op.type == "MAX_POOL_2D"} == {(3, 2, "SAME")}
    head = g.ops[-1]
    assert head.type == "CONV_2D" and _acts(g, "CONV_2D")[-1] == "NONE"
    # conv1, ConvDet, then per fire module the squeeze and both expands (1x1, 3x3)
    cin, p = 64, 96 * 312
    macs = 192 * 624 * 27 * 64 + 24 * 78 * 9 * 768 * 72
    par = 27 * 64 + 64 + 9 * 768 * 72 + 72
    for f in hx.SQUEEZEDET_FIRE:
        if f == 0:
            p //= 4
            continue
        (sq, ex), w = f, cin * f[0] + 10 * f[0] * f[1]
        macs, par, cin = macs + p * w, par + w + sq + 2 * ex, 2 * ex
    assert (macs, par) == (5_283_053_568, 2_082_120)
    # published (Table 2, recalled): 7.9 MB of 32-bit weights (MiB): 2.07 M
    _pinned(g, (5_283_053_568, 2_082_120), (None, 7.9 * 2**20 / 4), (None, 0.01))


def test_families_xxxiv_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION30B == ("dncnn_17_64x64", "fsrcnn_deconv_x2_64",
                             "darts_v2_cifar_32", "squeezedet_384x1248")
    i = ph.BUILDER_MODELS.index(ph.SESSION30B[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION30B
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert "fsrcnn_x2_64" in ph.MODELS and "fsrcnn_x2_64" not in ph.BUILDER_MODELS
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION30B] == [
        "sesr", "upsample", "agg", "agg"]
    assert [m for m in ph.SESSION30B if "same configuration" in ph.MODELS[m][1]] == [
        "fsrcnn_deconv_x2_64"]
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION30B if m != (
        "fsrcnn_deconv_x2_64"))
    io = {"dncnn_17_64x64": ((1, 64, 64, 1), (1, 64, 64, 1), {"CONV_2D": 17, "SUB": 1}),
          "fsrcnn_deconv_x2_64": ((1, 64, 64, 1), (1, 128, 128, 1), {
              "CONV_2D": 7, "PRELU": 7, "TRANSPOSE_CONV": 1}),
          "darts_v2_cifar_32": ((1, 32, 32, 3), (1, 10), DARTS_COUNTS),
          "squeezedet_384x1248": ((1, 384, 1248, 3), (1, 24, 78, 72),
                                  SQUEEZEDET_COUNTS)}
    for name, (i, o, counts) in io.items():
        g, ins, outs = _int8_io(name)
        assert ins == [i] and outs == [o], name
        assert {t: g.op_types().count(t) for t in counts} == counts, name
        assert len(g.ops) == sum(counts.values()), name


class _Scripted:
    """A generator whose ``integers`` answers from a script (the choices of a space's
    draw); ``standard_normal`` (the builder's weights) from a real one."""

    def __init__(self, script):
        self.script, self.real = list(script), np.random.default_rng(0)

    def integers(self, *args):
        return self.script.pop(0)

    def standard_normal(self, shape):
        return self.real.standard_normal(shape)


def test_spaces_miss_xxxiv_b_by_the_named_values_and_upsample_draws_fsrcnn():
    """``MODELS``' overlaps: ``upsample``'s sr kind draws FSRCNN (56, 12, 4) x2 on 64
    x 64 with the 9x9 deconvolution exactly (a scripted draw of its choices); sesr's
    stacks stop at 13 convs of 32 filters, dil's inputs have 3+ channels and 60 M
    MACs, agg's graphs 200 nodes; no sampled graph SUBs an image input, shifts a map
    by one pixel (STRIDED_SLICE [1:, 1:]), feeds a depthwise conv from a standalone
    RELU, CONCATENATES a 1x1 and a 3x3 conv of one input (a fire module) or takes a
    384 x 1248 input, and none has 605 ops."""
    from jaxeff.gnn import spaces, spaces_agg, spaces_dil
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.spaces_upsample import _sr

    # _sr's draws: (64, 64), 1 channel, x2, d 56, m 4, PRELU, 5x5, fsrcnn, s 12, tconv,
    # kernel 9, no residual
    b = NetBuilder(np.random.default_rng(0))
    script = _Scripted([2, 0, 0, 3, 4, 1, 1, 0, 1, 0, 4, 0])
    out, meta = _sr(b, script)
    drawn = b.finish([out])
    assert not script.script  # every choice drawn
    ref = _graph(hx.fsrcnn, (1, 64, 64, 1), (1, 128, 128, 1), 15, {
        "CONV_2D": 7, "PRELU": 7, "TRANSPOSE_CONV": 1})
    assert meta["style"] == "fsrcnn" and meta["residual"] == "none"
    for a, r in zip(drawn.ops, ref.ops, strict=True):
        assert (a.type, a.options) == (r.type, r.options)
        assert [drawn.tensors[t].shape for t in (*a.inputs, *a.outputs)] == [
            ref.tensors[t].shape for t in (*r.inputs, *r.outputs)]
    src = inspect.getsource(spaces.sesr)
    assert "pick(rng, (8, 16, 24, 32))" in src and "int(rng.integers(1, 12))" in src
    assert spaces_dil.MAP_C == (3, 8, 16, 21, 32, 64)
    assert spaces_dil.MAX_MACS == 60_000_000 and spaces_agg._LIMIT == 200
    rng = np.random.default_rng(34)
    for name in spaces.SPACES:
        for _ in range(6):
            g, _ = spaces.SAMPLERS[name](rng)
            prod, maps = _producers(g), {t for t in g.inputs if
                                         len(g.tensors[t].shape) == 4}
            assert len(g.ops) < 605 and g.tensors[g.inputs[0]].shape != (
                1, 384, 1248, 3), name
            for op in g.ops:
                assert not (op.type == "SUB" and maps & set(op.inputs)), name
                if op.type == "STRIDED_SLICE":
                    assert tuple(g.tensors[op.inputs[1]].data[1:3]) != (1, 1), name
                if op.type == "DEPTHWISE_CONV_2D":
                    assert getattr(prod.get(op.inputs[0]), "type", None) != "RELU", name
                if op.type == "CONCATENATION":
                    convs = [prod[t] for t in op.inputs
                             if getattr(prod.get(t), "type", None) == "CONV_2D"]
                    pairs = {(g.tensors[c.inputs[1]].shape[1:3], c.inputs[0])
                             for c in convs}
                    assert not any(((1, 1), x) in pairs and ((3, 3), x) in pairs
                                   for _, x in pairs), name
