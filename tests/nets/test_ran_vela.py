"""Int8 TFLite graphs of RAN-e blocks / networks and their Vela costs (issue 19)."""

from __future__ import annotations

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.ran import RAN_E_CONFIGS, block_plan, count_macs, ran_e
from jaxeff.nets.ran_vela import (
    add_block,
    block_costs,
    block_graph,
    int8_tflite,
    network_graph,
    vela_costs,
)
from jaxeff.tflite.vela import vela_available

needs_vela = pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")
pytest.importorskip("ai_edge_litert")


def _types(g):
    return [op.type for op in g.ops]


def test_block_graph_forms():
    p = block_plan(RAN_E_CONFIGS["GT"], 0.5)[3]  # 32 -> 40, stride 1: no residual
    r = dataclasses.replace(p, cin=40)  # make it residual
    mb = _types(block_graph(dataclasses.replace(r, kind="mbconv"), 8))
    assert mb == ["CONV_2D", "HARD_SWISH", "DEPTHWISE_CONV_2D", "HARD_SWISH",
                  "CONV_2D", "ADD"]
    col = _types(block_graph(r, 8))
    assert col == ["DEPTHWISE_CONV_2D", "HARD_SWISH", "CONV_2D", "ADD"]
    assert _types(block_graph(r, 8, skip="folded")) == col[:-1]  # residual in the kernel
    assert _types(block_graph(r, 8, affine="muladd"))[:2] == ["MUL", "ADD"]
    assert "HARD_SWISH" not in _types(block_graph(r, 8, act="relu6"))
    nb = NetBuilder(np.random.default_rng(0))
    with pytest.raises(ValueError, match="input channels"):
        add_block(nb, nb.input((1, 8, 8, 3)), r)
    with pytest.raises(ValueError, match="affine"):
        block_graph(r, 8, affine="bn")


@needs_vela
def test_network_on_npu_and_macs_match_flax():
    """The graph is the Flax network: Vela's MAC count = the module's count + the
    leading-BN 1x1 depthwise of each collapsed block + the MEAN (Vela counts it)."""
    kw = {"res": 32, "width": 0.5, "stem_stride": 1, "num_classes": 10}
    g = network_graph(RAN_E_CONFIGS["GT"], **kw)
    costs = vela_costs(int8_tflite(g))
    m = ran_e("GT", cifar=True)
    x = jnp.zeros((1, 32, 32, 3))
    v = jax.eval_shape(m.init, jax.random.key(0), x)
    flax_macs = count_macs(m.apply, v, x)
    hw, extra = 32, 0
    for p in block_plan(RAN_E_CONFIGS["GT"], 0.5):
        if p.kind == "collapsed":
            extra += hw * hw * p.cin
        hw = -(-hw // p.stride)
    extra += hw * hw * 672  # MEAN over the head
    for pf in ("u55", "u65"):
        assert costs[pf]["cpu_ops"] == 0
        assert costs[pf]["nn_macs"] == flax_macs + extra
        assert costs[pf]["cycles"] > 0


@needs_vela
def test_block_costs_rows():
    rows = block_costs(RAN_E_CONFIGS["GT"][:2], res=32, width=0.5, stem_stride=1,
                       platforms=("u65",))
    assert [r["hw"] for r in rows] == [32, 32]
    assert [r["flag"] for r in rows] == [1, 1]
    for r in rows:
        assert r["u65_mbconv"] > 0 and r["u65_collapsed"] > 0
        assert r["u65_saved"] == r["u65_mbconv"] - r["u65_collapsed"]
        assert r["u65_mbconv_cpu_ops"] == r["u65_collapsed_cpu_ops"] == 0
    with pytest.raises(ValueError, match="platform"):
        vela_costs(b"", ("u99",))
