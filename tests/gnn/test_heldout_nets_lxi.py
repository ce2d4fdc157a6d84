"""jaxeff.gnn.heldout_nets_lxi (held-out families LXI; session 38, addendum 7,
pre-registered): MobileNet-v2 0.75 at 224 (the ``mobilenet_v2_1.0_160`` builder at
width 0.75: stem 24, bottlenecks 16, 24 x 2, 24 x 3, 48 x 4, 72 x 3, 120 x 3, 240,
last 1x1 1280 kept, MEAN, FC, SOFTMAX) and MobileNet-v3-Large 0.75 at 224 (the
``mobilenet_v3_large_224`` builder at width 0.75: blocks 16, 24 x 2, 32 x 3, 64 x 4,
88 x 2, 120 x 3, last 1x1 720, head 1280 kept), the width rule (``make_divisible(v
x 0.75, 8)``), op counts per type, the channels of every residual ADD, the pinned
multiply-add and parameter counts against the published ones, registration, the
int8 build (slow) and the overlap with the training spaces (none draws them
exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxi as hl
from jaxeff.gnn.heldout_nets import _div8
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph

C, DW, ADD, M, FC, SM = ("CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "MEAN",
                         "FULLY_CONNECTED", "SOFTMAX")
HS, MUL, RS = "HARD_SWISH", "MUL", "RESHAPE"
IN, OUT = (1, 224, 224, 3), (1, 1000)

# -- MobileNet-v2 0.75
V2_COUNTS = {C: 35, DW: 17, ADD: 10, M: 1, FC: 1, SM: 1}
#: output channels of every CONV_2D (stem, per bottleneck expansion / projection,
#: last 1x1) and of every depthwise conv
V2_CONVS = [24, 16] + [96, 24, 144, 24] + [144, 24] * 3 + [144, 48] + [288, 48] * 3 + [
    288, 72] + [432, 72] * 2 + [432, 120] + [720, 120] * 2 + [720, 240, 1280]
V2_DWS = [24, 96, 144, 144, 144, 144, 144, 288, 288, 288, 288, 432, 432, 432, 720,
          720, 720]
#: (H, W, C) of every residual ADD
V2_ADDS = [(56, 56, 24)] + [(28, 28, 24)] * 2 + [(14, 14, 48)] * 3 + [
    (14, 14, 72)] * 2 + [(7, 7, 120)] * 2

# -- MobileNet-v3-Large 0.75
V3_COUNTS = {C: 49, HS: 21, DW: 15, ADD: 18, MUL: 16, M: 9, RS: 1, SM: 1}
V3_BLOCKS = [16, 24, 24, 32, 32, 32, 64, 64, 64, 64, 88, 88, 120, 120, 120]
V3_EXPS = [16, 64, 72, 72, 96, 96, 192, 160, 144, 144, 384, 528, 528, 720, 720]
V3_ADDS = [(112, 112, 16), (56, 56, 24), (28, 28, 32), (28, 28, 32)] + [
    (14, 14, 64)] * 3 + [(14, 14, 88)] + [(7, 7, 120)] * 2


@pytest.fixture(scope="module")
def v2_graph():
    return _graph(hl.mobilenet_v2_075_224, IN, OUT, 65, V2_COUNTS)


@pytest.fixture(scope="module")
def v3_graph():
    return _graph(hl.mobilenet_v3_large_075_224, IN, OUT, 130, V3_COUNTS)


def _residual_adds(g):
    """The ADDs of two non-constant maps of one shape (the hard-sigmoid's ADD of 3
    left out), as (H, W, C)."""
    return [g.tensors[op.outputs[0]].shape[1:] for op in g.ops if op.type == ADD
            and all(g.tensors[i].data is None for i in op.inputs)
            and g.tensors[op.inputs[0]].shape == g.tensors[op.inputs[1]].shape]


def test_width_rule_make_divisible():
    # make_divisible(v x 0.75, 8): nearest multiple of 8, min 8, >= 90 % of v x 0.75
    assert hl.LXI_WIDTH == 0.75
    v2 = (32, 16, 24, 32, 64, 96, 160, 320)
    assert [_div8(c * 0.75) for c in v2] == [24, 16, 24, 24, 48, 72, 120, 240]
    v3 = (16, 24, 40, 80, 112, 160, 960)
    assert [_div8(c * 0.75) for c in v3] == [16, 24, 32, 64, 88, 120, 720]
    # 18 -> 16 would fall below 90 % (16.2): 24
    assert int(18 + 4) // 8 * 8 == 16 < 0.9 * 18 and _div8(18) == 24
    assert _div8(147.2) == 144 and 144 >= 0.9 * 147.2  # 64 x 2.3 (the 184 rows)


def test_mobilenet_v2_075_channels_adds_and_published_counts(v2_graph):
    g = v2_graph
    assert [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == C] == (
        V2_CONVS)
    assert [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == DW] == (
        V2_DWS)
    assert set(_kernels(g, DW)) == {(3, 3)}
    assert _kernels(g, C) == [(3, 3)] + [(1, 1)] * 34
    assert set(_acts(g, DW)) == {"RELU6"} and set(_acts(g, ADD)) == {"NONE"}
    # the residual ADDs: 24 x 3, 48 x 3, 72 x 2, 120 x 2 (24, 72, 120 = 8 mod 16)
    assert _out_shapes(g, ADD) == V2_ADDS and _residual_adds(g) == V2_ADDS
    assert [c % 16 for *_, c in V2_ADDS] == [8, 8, 8, 0, 0, 0, 8, 8, 8, 8]
    # the last 1x1 conv kept at 1280 below width 1, at 7 x 7; Keras head
    assert _out_shapes(g, C)[-1] == (7, 7, 1280)
    assert g.op_types()[-3:] == [M, FC, SM]
    prod = _producers(g)
    mean, fc, sm = g.ops[-3:]
    assert prod[mean.inputs[0]].type == C and fc.inputs[0] == mean.outputs[0]
    assert g.tensors[fc.inputs[1]].shape == (1000, 1280)
    assert sm.inputs == fc.outputs and g.outputs == sm.outputs
    # TF-slim README (recalled): mobilenet_v2_0.75_224 209 M MACs, 2.61 M parameters
    _pinned(g, (209_069_792, 2_623_104), (209e6, 2.61e6), (0.05, 0.05))
    _pinned(g, (209_069_792, 2_623_104), (209e6, 2.61e6), (0.001, 0.006))


def test_mobilenet_v3_large_075_channels_adds_and_published_counts(v3_graph):
    g = v3_graph
    convs = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == C]
    dws = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == DW]
    assert dws == V3_EXPS  # the first block has no expansion: its depthwise on 16
    assert convs[0] == 16 and convs[-3:] == [720, 1280, 1000]
    # block outputs: the linear projections (no fused activation, no HARD_SWISH
    # after, on a map larger than 1 x 1)
    prod = _producers(g)
    hs_in = {op.inputs[0] for op in g.ops if op.type == HS}
    proj = [op for op in g.ops if op.type == C and op.options[
        "fused_activation_function"] == "NONE" and op.outputs[0] not in hs_in
            and g.tensors[op.inputs[0]].shape[1] > 1]
    assert [g.tensors[op.outputs[0]].shape[-1] for op in proj] == V3_BLOCKS
    # squeeze-excite: _div8(expansion / 4) on the 8 SE rows
    se = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == C
          and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)][:-2]
    se_exps = [72, 96, 96, 384, 528, 528, 720, 720]
    assert se == [c for e in se_exps for c in (_div8(e / 4), e)]
    assert se[::2] == [24, 24, 24, 96, 136, 136, 184, 184]
    assert set(_kernels(g, DW)) == {(3, 3), (5, 5)}
    # the residual ADDs: 16, 24, 32 x 2, 64 x 3, 88, 120 x 2 (16 / 64 = 0 mod 16)
    assert _residual_adds(g) == V3_ADDS
    assert [c % 16 for *_, c in V3_ADDS] == [0, 8, 0, 0, 0, 0, 0, 8, 8, 8]
    # the last 1x1 conv 720 at 7 x 7, MEAN, the head's 1x1 1280 kept, 1x1 1000
    assert _out_shapes(g, C)[-3:] == [(7, 7, 720), (1, 1, 1280), (1, 1, 1000)]
    assert g.op_types()[-2:] == [RS, SM] and g.outputs == g.ops[-1].outputs
    assert prod[g.ops[-2].inputs[0]].type == C
    # TF-slim MobileNet-v3 README / paper Table 3 (recalled): Large 0.75, 155 M MACs,
    # 4.0 M parameters
    _pinned(g, (154_560_624, 3_984_000), (155e6, 4.0e6), (0.05, 0.05))
    _pinned(g, (154_560_624, 3_984_000), (155e6, 4.0e6), (0.003, 0.005))


def test_siblings_default_width_unchanged():
    from tests.gnn.test_heldout_nets import _graph_multi
    from jaxeff.gnn.heldout_nets import mobilenet_v3
    from jaxeff.gnn.graph import total_macs

    g, _ = _graph_multi(lambda b, x: mobilenet_v3(b, x, "large"), IN)
    assert Counter(g.op_types()) == V3_COUNTS  # only the widths differ
    assert total_macs(g) == 216_589_760


def test_no_training_space_draws_the_lxi_models_exactly():
    """The overlap stated in ``models.json``: the mobilenet space's v2 branch at
    alpha 0.75 and 224 rounds 24 x 0.75 = 18 to 16 (nearest multiple of 8), not to
    the reference's 24, so it never builds the 24-channel second stage; the mbconv
    space has no hard-sigmoid gate; the siblings from the same papers are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces

    assert spaces._round8(24 * 0.75) == 16 != _div8(24 * 0.75) == 24
    rng, seen = np.random.default_rng(61), 0
    while seen < 4:
        g, meta = spaces.SAMPLERS["mobilenet"](rng)
        if meta["version"] == "v2" and meta["alpha"] == 0.75:
            seen += 1
            assert _residual_adds(g)[:1] != [(meta["res"] // 4,) * 2 + (24,)]
            convs = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
                     if op.type == C]
            assert 24 not in convs[1:4]  # the second stage's projection: 16
    assert not _overlap_unnamed(ph.MODELS, {
        "mobilenet_v2_0.75_224": ("mobilenet_v2_1.0_160", "mobilenet_v2_1.4_224",
                                  "mobilenet_v2_0.35_96"),
        "mobilenet_v3_large_0.75_224": ("mobilenet_v3_large_224",
                                        "mobilenet_v3_small_0.5_96")})


def test_family_lxi_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION38I == ("mobilenet_v2_0.75_224",)
    assert ph.SESSION38J == ("mobilenet_v3_large_0.75_224",)
    # after LX (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION38I, ph.SESSION38H)
    _registered_after(ph, ph.SESSION38J, ph.SESSION38I)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION38I + ph.SESSION38J] == [
        "mobilenet", "mbconv"]


@pytest.mark.slow
def test_family_lxi_int8():
    # int8 input and output, the float graph's op counts and residual ADDs
    for name, counts, adds in (("mobilenet_v2_0.75_224", V2_COUNTS, V2_ADDS),
                               ("mobilenet_v3_large_0.75_224", V3_COUNTS, V3_ADDS)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([IN], [OUT]), name
        assert Counter(g.op_types()) == counts, name
        assert _residual_adds(g) == adds, name
