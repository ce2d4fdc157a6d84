"""The ``bcast`` space (issue 22, session 28, rule M): registered last, seeded, within
its size limits, varied over its choice sets, broadcasting as drawn and mapped fully
to the NPU by Vela on both platforms."""

import collections

import numpy as np
import pytest
from gnn_graphs import assert_vela_maps_fully

from jaxeff.gnn import spaces
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.spaces_bcast import BLOCKS, CONST_SHAPES, MAX_MACS, MAX_OPS, bcast
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available

BINARY = ("ADD", "MUL", "SUB")


def test_bcast_registered_last():
    """Appended after tiny: every earlier space keeps its position (dataset seeds);
    session 29's longk and dil come right after it."""
    assert spaces.SPACES[-4:] == ("tiny", "bcast", "longk", "dil") and spaces.SAMPLERS["bcast"] is bcast
    assert "bcast" not in spaces.SAME_SCALE_CONCAT  # it draws no CONCATENATION


def test_bcast_space_is_seeded():
    a = spaces.sample("bcast", np.random.default_rng(3))
    b = spaces.sample("bcast", np.random.default_rng(3))
    assert write_tflite(a.graph) == write_tflite(b.graph) and a.meta == b.meta


def test_bcast_space_is_bounded_and_varied():
    rng = np.random.default_rng(0)
    seen = collections.defaultdict(set)
    types = collections.Counter()
    for _ in range(200):
        g, m = bcast(rng)
        assert 1 <= len(g.ops) <= MAX_OPS and m["macs"] == total_macs(g) <= MAX_MACS
        assert 2 <= len(m["blocks"]) <= 8
        assert (g.ops[-1].type == "SOFTMAX") == m["softmax"]
        for op in g.ops:
            if op.type in BINARY:  # the map is the first operand, the output its shape
                assert g.tensors[op.outputs[0]].shape == g.tensors[op.inputs[0]].shape
        types.update(g.op_types())
        for tag in m["blocks"]:
            parts = tag.removesuffix("+res").split(":")
            seen["kind"].add(parts[0])
            seen["res"].add(tag.endswith("+res"))
            seen[parts[0]].add(tuple(parts[1:]))
    assert seen["kind"] == set(BLOCKS) and seen["res"] == {True, False}
    assert {p[1] for p in seen["const"]} == set(CONST_SHAPES)
    assert {p[0] for p in seen["const"]} == set(BINARY)
    assert {p[0] for p in seen["pool"]} == {"1", "2"}
    assert {"dw", "1x1", "sig"} <= {q for p in seen["pool"] for q in p}
    assert {p[-1] for p in seen["pool"]} == {"ADD", "MUL"}
    assert seen["gate"] == {("se",), ("map",)}
    assert {p[0] for p in seen["layer"]} == {"dw3", "conv1", "conv3"}
    assert {p[1] for p in seen["layer"]} == {"s11", "s21", "s12"}
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "ADD", "MUL", "SUB", "MEAN", "LOGISTIC",
            "FULLY_CONNECTED", "SOFTMAX"} == set(types)


def test_bcast_per_row_constant_by_hand():
    """A ``const`` block of form H1C adds / multiplies / subtracts a [1, h, 1, c]
    constant onto the [1, h, w, c] map, and the output keeps the map's shape."""
    rng = np.random.default_rng(1)
    for _ in range(100):
        g, m = bcast(rng)
        if any(":H1C" in t for t in m["blocks"]):
            break
    else:
        raise AssertionError("no H1C constant in 100 draws")
    consts = [op for op in g.ops
              if op.type in BINARY and g.tensors[op.inputs[1]].data is not None]
    assert len(consts) == sum(t.startswith("const:") for t in m["blocks"])
    tags = [t.removesuffix("+res").split(":") for t in m["blocks"]]
    drawn = [(p[1], p[2]) for p in tags if p[0] == "const"]
    for op, (type_, form) in zip(consts, drawn, strict=True):  # in block order
        _, h, w, c = g.tensors[op.inputs[0]].shape
        assert op.type == type_
        if form == "H1C":
            assert g.tensors[op.inputs[1]].shape == (1, h, 1, c)
            assert g.tensors[op.outputs[0]].shape == (1, h, w, c)


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_bcast_graphs_to_the_npu():
    rng = np.random.default_rng(11)
    for _ in range(40):
        assert_vela_maps_fully(bcast(rng)[0])
