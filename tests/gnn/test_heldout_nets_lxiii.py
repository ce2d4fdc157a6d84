"""jaxeff.gnn.heldout_nets_lxiii (held-out families LXIII; session 39, addendum 5,
pre-registered): LR-ASPP on MobileNetV3-Small at 512 (the stem 3x3/2 conv of 16
hard-swish, the eleven MobileNet-v3 Small bottlenecks with the last stage at stride 1
and dilation 2, the 1x1 conv to 576 hard-swish; the LR-ASPP head: a 1x1 RELU branch of
128 times LOGISTIC of a 1x1 conv of the global MEAN, one RESIZE_BILINEAR x2 with
half-pixel centres to 1/8, a 1x1 classifier of 19 ADDed to a 1x1 classifier of the
first 1/8 block's output): op counts per type, the depthwise strides and dilations,
the 1/16 and 1/8 shapes, the head's wiring, the multiply-add and parameter counts
against a hand count, registration and the int8 build (slow)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets as hn
from jaxeff.gnn import heldout_nets_lxiii as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt

C, DW, HS, A, M, MN, LG, RB = ("CONV_2D", "DEPTHWISE_CONV_2D", "HARD_SWISH", "ADD",
                               "MUL", "MEAN", "LOGISTIC", "RESIZE_BILINEAR")
IN, OUT = (1, 512, 512, 3), (1, 64, 64, 19)
#: 45 CONV_2D: stem, 39 in the blocks (row 0: SE 2 + projection; rows 1-2: expansion
#: + projection; rows 3-10: expansion, SE 2, projection), the 1x1 to 576, the head's
#: gate, branch and two classifiers; 18 HARD_SWISH: stem, rows 3-10 x 2, the 1x1 to
#: 576; 19 MUL: 9 SE x 2 (x / 6, x * gate) + the head's; 16 ADD: 9 SE (x + 3), 6
#: residuals (rows 2, 4, 5, 7, 9, 10), the classifiers'; 10 MEAN: 9 SE + the gate's
COUNTS = {C: 45, M: 19, HS: 18, A: 16, DW: 11, MN: 10, LG: 1, RB: 1}


@pytest.fixture(scope="module")
def graph():
    return _graph(hl.lraspp_mnv3_small, IN, OUT, 121, COUNTS)


def test_lraspp_mnv3_small_dilated_tail_and_shapes(graph):
    g = graph
    assert (hl.LRASPP_INTER, hl.LRASPP_LOW_BLOCK) == (128, 1)
    assert hn.MBV3_HEAD["small"][0] == 576 and len(hn.MBV3["small"]) == 11
    # the stem: 3x3/2 conv of 16, hard-swish (standalone)
    stem = g.ops[0]
    assert stem.type == C and stem.inputs[0] == g.inputs[0]
    assert _kernels(g, C)[0] == (3, 3) and _opt(g, C, "stride_h")[0] == 2
    assert g.ops[1].type == HS and g.ops[1].inputs[0] == stem.outputs[0]
    # depthwise: the Small rows' strides, the last stage (rows 8-10) stride 1,
    # dilation 2
    dws = [op for op in g.ops if op.type == DW]
    assert [(op.options["stride_h"], op.options["stride_w"],
             op.options["dilation_h_factor"], op.options["dilation_w_factor"])
            for op in dws] == ([(2, 2, 1, 1), (2, 2, 1, 1), (1, 1, 1, 1), (2, 2, 1, 1)]
                               + [(1, 1, 1, 1)] * 4 + [(1, 1, 2, 2)] * 3)
    assert _kernels(g, DW) == [(3, 3)] * 3 + [(5, 5)] * 8
    assert _out_shapes(g, DW) == [
        (128, 128, 16), (64, 64, 72), (64, 64, 88), (32, 32, 96), (32, 32, 240),
        (32, 32, 240), (32, 32, 120), (32, 32, 144), (32, 32, 288), (32, 32, 576),
        (32, 32, 576)]
    assert set(_opt(g, C, "padding")) == set(_opt(g, DW, "padding")) == {"SAME"}
    # the high features: 1x1 conv to 576 (1/16: 32 x 32), standalone HARD_SWISH
    prod = _producers(g)
    add = g.ops[-1]
    assert add.type == A and g.outputs == add.outputs
    low_cls, high_cls = (prod[t] for t in add.inputs)
    up = prod[high_cls.inputs[0]]
    mul = prod[up.inputs[0]]
    hs = prod[prod[mul.inputs[0]].inputs[0]]
    high = prod[hs.inputs[0]]
    assert (hs.type, high.type) == (HS, C)
    assert g.tensors[high.outputs[0]].shape == (1, 32, 32, 576)
    assert g.tensors[high.inputs[1]].shape[1:3] == (1, 1)
    assert g.tensors[high.inputs[0]].shape == (1, 32, 32, 96)
    # the low-level features: the first 1/8 block's output (row 1: projection to 24
    # at 64 x 64, no residual), straight into the 1x1 classifier
    assert g.tensors[low_cls.inputs[0]].shape == (1, 64, 64, 24)
    lowp = prod[low_cls.inputs[0]]
    assert lowp.type == C and g.tensors[lowp.inputs[0]].shape == (1, 64, 64, 72)
    assert prod[lowp.inputs[0]] is dws[1]


def test_lraspp_mnv3_small_head_wiring(graph):
    g = graph
    prod = _producers(g)
    add = g.ops[-1]
    low_cls, high_cls = (prod[t] for t in add.inputs)
    assert list(add.inputs) == [low_cls.outputs[0], high_cls.outputs[0]]
    assert _acts(g, A)[-1] == "NONE"
    for cls in (low_cls, high_cls):  # linear 1x1 classifiers of 19
        assert cls.type == C and cls.options["fused_activation_function"] == "NONE"
        assert g.tensors[cls.inputs[1]].shape == (19, 1, 1, g.tensors[
            cls.inputs[0]].shape[-1]) and g.tensors[cls.outputs[0]].shape == OUT
    # exactly one RESIZE_BILINEAR, x2 on both axes with half-pixel centres, 1/16
    # -> 1/8, on the gated 128-channel branch
    up = prod[high_cls.inputs[0]]
    assert up.type == RB and [op for op in g.ops if op.type == RB] == [up]
    assert g.tensors[up.inputs[0]].shape == (1, 32, 32, 128)
    assert g.tensors[up.outputs[0]].shape == (1, 64, 64, 128)
    assert up.options["half_pixel_centers"] and not up.options["align_corners"]
    # MUL [1x1 RELU branch of 128, LOGISTIC(1x1 conv 128 of the MEAN)], broadcast
    mul = prod[up.inputs[0]]
    br, sig = (prod[t] for t in mul.inputs)
    assert mul.type == M and br.type == C and sig.type == LG
    assert br.options["fused_activation_function"] == "RELU"
    assert g.tensors[br.outputs[0]].shape == (1, 32, 32, 128)
    gate = prod[sig.inputs[0]]
    assert gate.type == C and gate.options["fused_activation_function"] == "NONE"
    assert g.tensors[gate.outputs[0]].shape == (1, 1, 1, 128)
    mean = prod[gate.inputs[0]]
    assert mean.type == MN and mean.inputs[0] == br.inputs[0]  # both on the high map
    assert g.tensors[mean.outputs[0]].shape == (1, 1, 1, 576)


def _hand_counts():
    """(MACs, parameters) by hand: every conv with a bias; SE mids _div8(exp / 4);
    each SE's hard sigmoid holds two float constants (3 and 1 / 6)."""
    macs, params = 256 * 256 * 27 * 16, 27 * 16 + 16  # the stem at 256 x 256
    h, cin = 256, 16
    mids = (8, 24, 24, 24, 64, 64, 32, 40, 72, 144, 144)
    for i, (k, exp, out, se, _, s) in enumerate(hn.MBV3["small"]):
        s = 1 if i >= 8 else s
        ho = h // s
        if exp != cin:
            macs, params = macs + h * h * cin * exp, params + cin * exp + exp
        macs, params = macs + ho * ho * exp * k * k, params + exp * k * k + exp
        if se:
            mid = mids[i]
            macs = macs + 2 * exp * mid
            params = params + 2 * exp * mid + mid + exp + 2
        macs, params = macs + ho * ho * exp * out, params + exp * out + out
        h, cin = ho, out
    assert (h, cin) == (32, 96)
    head = [(1024, 96, 576), (1, 576, 128), (1024, 576, 128), (4096, 24, 19),
            (4096, 128, 19)]
    return (macs + sum(p * a * c for p, a, c in head),
            params + sum(a * c + c for _, a, c in head))


def test_lraspp_mnv3_small_hand_counts(graph):
    # 633,487,360 MACs and 1,071,608 parameters (19 classes); no published count
    # for this configuration is pinned
    assert _hand_counts() == (633_487_360, 1_071_608)
    _pinned(graph, (633_487_360, 1_071_608), (None, None), (None, None))


def test_family_lxiii_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION39C == ("lraspp_mnv3_small_512",)
    # after LXII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION39C, ph.SESSION39B)
    text = ph.MODELS["lraspp_mnv3_small_512"][1]
    assert text.split()[0] == "mbconv" and "sibling of lraspp_mnv3_large_512" in text
    assert "RESIZE_BILINEAR x2 with half-pixel centres" in text
    assert not _overlap_unnamed(ph.MODELS, {"lraspp_mnv3_small_512": (
        "lraspp_mnv3_large_512", "mobilenet_v3_small_224", "mobilenet_v3_small_0.5_96")})


@pytest.mark.slow
def test_family_lxiii_int8():
    # int8 input and output, the float graph's op counts, the one x2 resize
    g, ins, outs = _int8_io("lraspp_mnv3_small_512")
    assert (ins, outs) == ([IN], [OUT])
    assert Counter(g.op_types()) == COUNTS
    assert _out_shapes(g, RB) == [(64, 64, 128)]
    assert _opt(g, RB, "half_pixel_centers") == [True]
    assert _out_shapes(g, DW)[-3:] == [(32, 32, 288), (32, 32, 576),
                                                    (32, 32, 576)]
