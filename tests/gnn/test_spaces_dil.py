"""The ``dil`` space (issue 22, session 29, rule O): registered last, seeded, within its
size limits, drawing dilated convolutions at rates up to 128 (pinned counts on seed 0),
and mapped fully to the NPU by Vela on both platforms."""

import collections

import numpy as np
import pytest
from gnn_graphs import assert_vela_maps_fully

from jaxeff.gnn import spaces
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.spaces_dil import EH_MAX, EHW_MAX, MAX_MACS, MAX_OPS, dil
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available

_CONVS = ("CONV_2D", "DEPTHWISE_CONV_2D")


def test_dil_registered_last():
    """Appended after longk: every earlier space keeps its position (dataset seeds);
    it draws no CONCATENATION, so no same-scale concat."""
    assert spaces.SPACES[-4:] == ("tiny", "bcast", "longk", "dil")
    assert spaces.SAMPLERS["dil"] is dil and "dil" not in spaces.SAME_SCALE_CONCAT


def test_dil_space_is_seeded():
    a = spaces.sample("dil", np.random.default_rng(3))
    b = spaces.sample("dil", np.random.default_rng(3))
    assert write_tflite(a.graph) == write_tflite(b.graph) and a.meta == b.meta


def _summary(g) -> dict:
    """What one graph holds, read from its operators: the largest rate, a causal PAD (one
    side only along an axis), a residual stack (an ADD after a dilated conv whose rates
    double), a dilated DEPTHWISE_CONV_2D, a TANH x LOGISTIC gate."""
    prod = g.producers()
    rates = [(op.type, max(op.options["dilation_h_factor"], op.options["dilation_w_factor"]))
             for op in g.ops if op.type in _CONVS]
    causal = any(op.type == "PAD" and any(lo > 0 and hi == 0 for lo, hi in
                                          g.tensors[op.inputs[1]].data.tolist())
                 for op in g.ops)
    conv_rates = [d for _, d in rates]
    branch = []  # the rate of each ADD's dilated branch (through a gate's TANH)
    for op in g.ops:
        for t in op.inputs if op.type == "ADD" else ():
            p = g.ops[prod[t]]
            if p.type == "MUL":
                p = g.ops[prod[g.ops[prod[p.inputs[0]]].inputs[0]]]
            if p.type in _CONVS and max(g.tensors[p.inputs[1]].shape[1:3]) > 1:
                branch.append(max(p.options["dilation_h_factor"],
                                  p.options["dilation_w_factor"]))
    doubling = any(b == 2 * a for a, b in zip(branch, branch[1:]))
    gated = any(op.type == "MUL" and sorted(g.ops[prod[t]].type for t in op.inputs)
                == ["LOGISTIC", "TANH"] for op in g.ops)
    return {"max_rate": max(conv_rates), "causal": causal,
            "stack": doubling,
            "dw_dilated": any(t == "DEPTHWISE_CONV_2D" and d > 1 for t, d in rates),
            "gated": gated}


def _dilation_counts(summaries) -> collections.Counter:
    n = collections.Counter()
    for s in summaries:
        n["d8"] += s["max_rate"] >= 8
        n["d32"] += s["max_rate"] >= 32
        n["d64"] += s["max_rate"] >= 64
        n["causal"] += s["causal"]
        n["stack"] += s["stack"]
        n["dw_dilated"] += s["dw_dilated"]
        n["gated"] += s["gated"]
    return n


def test_dil_space_is_bounded_and_draws_dilations():
    rng = np.random.default_rng(0)
    summaries, seen, types = [], collections.defaultdict(set), collections.Counter()
    for _ in range(200):
        g, m = dil(rng)
        assert 5 <= len(g.ops) <= MAX_OPS and m["macs"] == total_macs(g) <= MAX_MACS
        assert (g.ops[-1].type == "SOFTMAX") == m["softmax"]
        for op in g.ops:
            if op.type in _CONVS:  # Vela's dilated-kernel limits; the map is kept
                _, kh, kw, _ = g.tensors[op.inputs[1]].shape
                eh = (kh - 1) * op.options["dilation_h_factor"] + 1
                ew = (kw - 1) * op.options["dilation_w_factor"] + 1
                assert eh <= EH_MAX and eh * ew <= EHW_MAX
                _, h, w, _ = g.tensors[op.inputs[0]].shape
                assert eh <= h and ew <= w
        s = _summary(g)
        assert s["stack"] == (m["stack"] and len(m["layers"]) > 1)
        summaries.append(s)
        types.update(g.op_types())
        seen["layout"].add(m["layout"])
        seen["head"].add(m["head"])
        seen["pad"].update(t[3] for t in m["layers"])
        seen["n"].add(len(m["layers"]))
    # concrete counts on seed 0 (200 draws); undilated graphs give 0 (next test)
    assert _dilation_counts(summaries) == {
        "d8": 146, "d32": 62, "d64": 27, "causal": 137, "stack": 101,
        "dw_dilated": 129, "gated": 145}
    assert seen["layout"] == {"1d_h", "1d_w", "2d"}
    assert seen["head"] == {"mean", "last", "dense"}
    assert seen["pad"] == {"causal", "explicit", "same"} and seen["n"] == set(range(2, 11))
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "PAD", "ADD", "MUL", "TANH", "LOGISTIC",
            "MEAN", "STRIDED_SLICE", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"} == set(types)


def test_dilation_counts_can_fail():
    """A plain 3x3 network (no rate, SAME, no gate, no ADD) scores zero on every count."""
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0), "t")
    x = b.input((1, 32, 32, 8))
    for _ in range(3):
        x = b.conv(x, 16, 3, 1, "RELU")
    x = b.dwconv(x, 3)
    g = b.finish([b.fc(b.mean(x, (1, 2), keep_dims=False), 10)])
    assert sum(_dilation_counts([_summary(g)]).values()) == 0


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_dil_graphs_to_the_npu():
    rng = np.random.default_rng(11)
    for _ in range(30):
        assert_vela_maps_fully(dil(rng)[0])


def test_dil_misses_families_xxxiii_by_the_named_values():
    """Session 29 addendum 2's overlap statement (PREREGISTERED.md, before families
    XXXIII were labelled): ``dil`` draws none of the eight test models in its exact
    configuration, each one missing its choice sets by the values named here."""
    from jaxeff.gnn import spaces_dil as sd

    # Coucke et al.: 182 frames of 20 MFCCs, 242 operators
    assert 182 not in sd.LENGTHS and 20 not in sd.SEQ_C and sd.MAX_OPS < 242
    # the context module: a 64 x 64 x 21 map is drawable, but its 21-wide 3x3 convs are
    # not (the widths skip 21; only the dense 1x1 head reaches 21)
    assert 64 in sd.SIDES and 21 in sd.MAP_C and 21 not in sd.WIDTHS and 21 in sd.DENSE_OUT
    # MS-TCN: 2,048 input channels, dilations 256 and 512
    assert max(sd.SEQ_C) < 2048 and max(sd.DILATIONS) < 256
    # Hannun et al.: 16-tap kernels, 94 operators
    assert 16 not in sd.KERNELS and sd.MAX_OPS < 94
    # the vision four (TinyNet-E 149, RegNetY-200MF 546, EtinyNet 58, MobileNetV2 65
    # operators, pinned in their own tests) exceed its 40 operators
    assert sd.MAX_OPS < 58
