"""MicroNets latency-vs-ops study helpers (arXiv 2010.11267 Sec. 3)."""

from __future__ import annotations

import dataclasses

import jax
import numpy as np
import pytest

from jaxeff.nets.micronets import MicroNet, cost_summary, num_params
from jaxeff.search.dnas import kws_space
from jaxeff.search.dnas_latency import (
    cifar10_space,
    layer_probe,
    least_squares,
    linear_fit,
    measure_network,
    ops_split,
    random_variables,
    sample_specs,
    spec_from_record,
)


def test_linear_fit_exact_line_and_known_r2():
    f = linear_fit([1, 2, 3, 4], [3, 5, 7, 9])
    assert f["slope"] == pytest.approx(2, abs=1e-12)
    assert f["intercept"] == pytest.approx(1, abs=1e-12) and f["r2"] == 1.0
    # y = 0, 1, 0, 1 on x = 0..3: slope 0.4, SS_res 0.8, SS_tot 1 -> r^2 0.2
    assert linear_fit([0, 1, 2, 3], [0, 1, 0, 1])["r2"] == pytest.approx(0.2, abs=1e-12)
    with pytest.raises(ValueError, match="equal length"):
        linear_fit([1, 2, 3], [1, 2])


def test_least_squares_recovers_two_features():
    x = np.random.default_rng(0).random((20, 2))
    f = least_squares(x, x @ [3.0, -2.0] + 5.0)
    np.testing.assert_allclose(f["coef"], [3.0, -2.0], atol=1e-10)
    assert f["intercept"] == pytest.approx(5.0, abs=1e-10)
    assert f["r2"] == pytest.approx(1.0, abs=1e-12)
    with pytest.raises(ValueError, match="N = len"):
        least_squares(x[:3], [1, 2, 3])


def test_ops_split_depthwise_by_hand():
    s = ops_split(cifar10_space().base)
    # depthwise 3x3: 2*9*(1024*64 + 256*64 + 256*128 + 64*128 + 64*256)
    assert s["depthwise"] == 2 * 9 * (1024 * 64 + 256 * 64 + 256 * 128 + 64 * 128
                                      + 64 * 256)
    assert s["stem"] == 2 * 1024 * 27 * 64
    assert s["stem"] + s["pointwise"] + s["depthwise"] == 39_605_248


def test_cifar10_backbone_costs_by_hand():
    # stem 2*1024*27*64, DS blocks 64, 128/2, 128, 256/2, 256, FC 2*256*10
    c = cost_summary(cifar10_space().base)
    assert c["ops"] == 39_605_248 and c["params"] == 138_570
    assert c["wm"] == 2 * 32 * 32 * 64  # block 0's depthwise: 64 ch in and out


def test_in_channels_scale_the_stem_only():
    base = cifar10_space(8).base
    one = dataclasses.replace(base, in_channels=1)
    d = {k: cost_summary(base)[k] - cost_summary(one)[k] for k in ("ops", "params")}
    assert d == {"ops": 2 * 1024 * 9 * 2 * 8, "params": 9 * 2 * 8}
    with pytest.raises(ValueError, match="in_channels"):
        dataclasses.replace(base, in_channels=0)


def test_random_variables_fit_micronet_and_cost_model():
    spec = sample_specs(cifar10_space(16), 1, seed=3)[0]
    v = random_variables(spec, np.random.default_rng(0))
    ref = jax.eval_shape(MicroNet(spec, batch_norm=False).init, jax.random.key(0),
                         np.zeros((1, 32, 32, 3), np.float32))
    assert jax.tree.map(np.shape, v) == jax.tree.map(lambda a: a.shape, dict(ref))
    assert num_params(v["params"]) == cost_summary(spec)["params"]


def test_uniform_samples_cover_the_options():
    space = kws_space(16, 3)
    specs = sample_specs(space, 200, seed=0)
    assert {s.stem_channels for s in specs} == {4, 8, 12, 16}
    depths = {len(s.blocks) for s in specs}
    assert depths == {1, 2, 3}  # block 0 is never skipped
    assert sample_specs(space, 5, seed=0) == specs[:5]  # seeded


@pytest.mark.parametrize("kind,cin,ops", [("dw3x3", 8, 2 * 125 * 9 * 8),
                                          ("pw", 8, 2 * 125 * 8 * 12)])
def test_layer_probe_ops(kind, cin, ops):
    pytest.importorskip("ai_edge_litert")
    pytest.importorskip("ethosu.vela")
    p = layer_probe(kind, cin, cin if kind == "dw3x3" else 12, litert_runs=2)
    assert p["ops"] == ops and p["u55_cycles"] > 0 and p["u65_cycles"] > 0


def test_layer_probe_bad_input():
    with pytest.raises(ValueError, match="kind"):
        layer_probe("conv5x5", 8, 8)
    with pytest.raises(ValueError, match="cout == cin"):
        layer_probe("dw3x3", 8, 16)


def test_measure_network_record():
    pytest.importorskip("ai_edge_litert")
    pytest.importorskip("ethosu.vela")
    space = kws_space(8, 2)
    spec = sample_specs(space, 1, seed=1)[0]
    rec, buf = measure_network(spec, litert_runs=2)
    assert rec["ops"] == cost_summary(spec)["ops"] and rec["tflite_bytes"] == len(buf)
    assert rec["u55_cpu_ops"] == rec["u65_cpu_ops"] == 0  # all on the NPU
    assert rec["u55_cycles"] > rec["u65_cycles"] > 0  # 128 vs 256 MACs / cycle
    assert rec["litert_ms"] > 0
    assert spec_from_record(space, rec) == spec
    with pytest.raises(ValueError, match="litert_runs"):
        measure_network(spec, litert_runs=0)
