"""The ``tiny`` space (issue 22, session 27, rule K): seeded, within its size limits,
varied over its choice sets, int8-buildable and mapped fully to the NPU by Vela."""

import collections
import math

import numpy as np
import pytest

from jaxeff.gnn import spaces
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.spaces_tiny import MAX_FC_WEIGHTS, MAX_MACS, MAX_OPS, _sizes, tiny
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available


def test_tiny_registered_last():
    """Appended after every earlier space, so their positions (dataset seeds) hold;
    session 28's bcast and session 29's longk and dil come right after it."""
    assert spaces.SPACES[-5:] == ("agg", "tiny", "bcast", "longk", "dil")
    assert spaces.SAMPLERS["tiny"] is tiny
    assert "tiny" not in spaces.SAME_SCALE_CONCAT  # it draws no CONCATENATION


def test_tiny_space_is_seeded():
    a = spaces.sample("tiny", np.random.default_rng(3))
    b = spaces.sample("tiny", np.random.default_rng(3))
    assert write_tflite(a.graph) == write_tflite(b.graph) and a.meta == b.meta


def test_tiny_space_is_bounded_and_varied():
    rng = np.random.default_rng(0)
    seen = collections.defaultdict(set)
    types = collections.Counter()
    for _ in range(200):
        g, m = tiny(rng)
        macs, fc = _sizes(g)
        assert 1 <= len(g.ops) <= MAX_OPS and macs <= MAX_MACS and fc <= MAX_FC_WEIGHTS
        assert m["macs"] == macs
        assert g.ops[-1].type in ("FULLY_CONNECTED", "SOFTMAX")
        assert (g.ops[-1].type == "SOFTMAX") == m["softmax"]
        seen["input"].add(m["input"])
        seen["head"].add(m.get("head"))
        seen["n_fc"].add(len(m["fcs"]))
        seen["n_layers"].add(len(m["layers"]))
        types.update(g.op_types())
        if m["input"] == "flat":  # an MLP: FULLY_CONNECTED (+ SOFTMAX) only
            assert set(g.op_types()) <= {"FULLY_CONNECTED", "SOFTMAX"}
            assert len(g.op_types()) == len(m["fcs"]) + 1 + m["softmax"]
    assert seen["input"] == {"spectrogram", "image", "sensor", "flat"}
    assert seen["head"] == {"flatten", "mean", None} and seen["n_fc"] == {0, 1, 2, 3}
    assert seen["n_layers"] == {0, 1, 2, 3, 4}
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "RESHAPE",
            "MEAN", "FULLY_CONNECTED", "SOFTMAX"} <= set(types)


def test_tiny_sizes_count_macs_by_hand():
    # a 10x8/2 SAME conv of 8 on 49 x 40 x 1, flatten, FC 4 (tiny_conv's shape)
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0), "t")
    x = b.conv(b.input((1, 49, 40, 1)), 8, (10, 8), 2, "RELU")
    y = b.fc(b.reshape(x, (1, 25 * 20 * 8)), 4)
    macs, fc = _sizes(b.finish([y]))
    assert macs == 25 * 20 * 8 * 80 + 4000 * 4 and fc == 16_000


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_tiny_graphs_to_the_npu():
    rng = np.random.default_rng(1)
    for _ in range(3):
        g, _ = tiny(rng)
        q = quantize_int8(g, calibrate(g, samples=1))
        v = run_vela(write_tflite(q), "u55")
        assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
        assert math.isclose(per_op_cycles(q, v.per_layer, v.original_ops).sum(), v.cycles)
