"""Issue 22, session 9: extra node inputs (``FitConfig.node_inputs``): per-node
roofline times, and our stacked variant on a per-op predictor's node times."""

import math

import numpy as np
import pytest
from gnn_graphs import spec_graph

from jaxeff.gnn.bounds import node_prior
from jaxeff.gnn.fit import (
    FEATURE_SETS,
    STACK_RESIDUAL,
    FitConfig,
    Predictor,
    Scaler,
    model_inputs,
    n_extra,
    stack_base,
    stack_range,
)
from jaxeff.gnn.realeval import graph_record

TG = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib")


def test_node_inputs_config_is_checked():
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="forests").check()
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="roofline").check()  # paper readout
    with pytest.raises(ValueError, match="node_inputs"):
        FitConfig(node_inputs="stacked", readout="additive", prior=True).check()
    assert FitConfig(node_inputs="stacked", readout="additive").check()


def test_model_inputs_append_roofline_then_base_columns():
    rec = graph_record(spec_graph())
    w = FEATURE_SETS["plus"]
    roof = model_inputs(rec, TG, FitConfig(readout="additive", node_inputs="roofline"))
    assert roof["x"].shape == (len(rec["x"]), w + 2)
    assert n_extra(FitConfig(node_inputs="roofline"), TG) == 2  # two latency targets
    np.testing.assert_array_equal(roof["x"][:, :w], np.asarray(rec["x"])[:, :w])
    np.testing.assert_allclose(roof["x"][:, w + 1], node_prior(rec, "u65_latency_ms"),
                               rtol=1e-6)
    cfg = FitConfig(readout="additive", node_inputs="stacked")
    with pytest.raises(ValueError, match="node_base"):
        model_inputs(rec, TG, cfg)
    base = np.arange(len(rec["x"]) * 3, dtype=np.float64).reshape(-1, 3)
    st = model_inputs(rec, TG, cfg, base)
    assert st["x"].shape == (len(rec["x"]), w + 4) and n_extra(cfg, TG) == 4
    np.testing.assert_array_equal(st["x"][:, w + 2:], base[:, :2])  # no SRAM column


def test_stack_base_is_log_per_op_time_with_roofline_fallback():
    rec = graph_record(spec_graph())  # CONV_2D, ADD, MEAN, FULLY_CONNECTED
    per_op = {"u55_latency_ms": lambda r: np.asarray([2e-3, 0.0, 1e-4, 5e-4])}
    b = stack_base(rec, TG, per_op)
    n = rec["n_ops"]
    np.testing.assert_allclose(b[[0, 2, 3], 0], np.log([2e-3, 1e-4, 5e-4]))
    roof = node_prior(rec, "u55_latency_ms")
    assert b[1, 0] == pytest.approx(roof[1])  # forest said 0: unseen type
    np.testing.assert_allclose(b[n:, 0], roof[n:])  # input nodes: one cycle
    assert math.isclose(roof[n], math.log(1 / 500e6 * 1e3), rel_tol=1e-9)
    assert not b[:, 1:].any()  # no per-op predictor for u65 / SRAM here
    rr = np.asarray(stack_range(TG))
    assert (rr[:, :2] == [-STACK_RESIDUAL, STACK_RESIDUAL]).all()
    assert (rr[:, 2] == [-1e3, 1e3]).all()


def test_stacked_predictor_refuses_to_save_and_to_predict_without_base(tmp_path):
    rec = graph_record(spec_graph())
    cfg = FitConfig(readout="additive", node_inputs="stacked")
    p = Predictor({}, Scaler.fit([np.zeros((2, 4))]), TG, cfg)
    with pytest.raises(ValueError, match="not saved"):
        p.save(tmp_path / "p.npz")
    with pytest.raises(ValueError, match="node_base"):
        p._graph(rec, None)
