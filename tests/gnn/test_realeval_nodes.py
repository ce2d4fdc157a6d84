"""Issue 22 item 1: per-operator predictions and the per-operator error breakdown
(``Predictor.predict_nodes``, ``NNMeter.predict_ops``, ``realeval.node_breakdown``)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from gnn_graphs import all_ops_graph, spec_graph

from jaxeff.gnn import baselines
from jaxeff.gnn.fit import FitConfig, Predictor, Scaler, batches, graph_of
from jaxeff.gnn.graph import FEATURE_COLUMNS
from jaxeff.gnn.realeval import graph_record, node_breakdown, op_coverage

pytestmark = pytest.mark.usefixtures("rbg_keys")


def _rec(g, label):
    r = graph_record(g)
    r.update(labels={"y": label}, space="toy",
             op_cycles=np.arange(1, len(g.ops) + 1, dtype=np.float32))
    return r


@pytest.fixture(scope="module")
def recs():
    return [_rec(spec_graph(), 1.0), _rec(all_ops_graph(), 2.0)]


@pytest.mark.slow  # two jit compiles of the padded GNN (~4 s)
def test_node_contributions_soft_sum_to_the_prediction(recs):
    cfg = FitConfig(hidden=8, readout="additive")
    sc = Scaler.fit([r["x"] for r in recs])
    g = batches([graph_of(r, sc, None, cfg.direction) for r in recs], 2, None)[0]
    p = Predictor({}, sc, ("y", "z"), cfg)
    p.params = p.model.init(jax.random.key(0), g)["params"]
    p.params["sharpness"] = p.params["sharpness"] + jnp.asarray([0.0, 6.0])  # beta > 1
    beta = 1.0 + np.asarray(jax.nn.softplus(p.params["sharpness"]), np.float64)
    nodes = p.predict_nodes(recs)
    assert [n.shape for n in nodes] == [(len(r["x"]), 2) for r in recs]
    soft = [np.sum(n**beta, 0) ** (1 / beta) for n in nodes]
    np.testing.assert_allclose(soft, p.predict(recs), rtol=1e-4)
    with pytest.raises(ValueError, match="readout='additive'"):
        Predictor({}, sc, ("y",), FitConfig()).predict_nodes(recs)


def test_per_op_forest_predictions_sum_to_the_graph(recs):
    nm = baselines.NNMeter(trees_scale=0.02).fit(recs, "op_cycles")
    per_op = [nm.predict_ops(r) for r in recs]
    assert [len(v) for v in per_op] == [r["n_ops"] for r in recs]
    np.testing.assert_allclose([v.sum() for v in per_op], nm.predict(recs))


def test_breakdown_names_the_columns_outside_the_training_range(recs):
    cover = op_coverage(recs[:1])  # spec graph: CONV_2D, ADD, MEAN, FC
    r = recs[1]
    bd = node_breakdown(r, np.ones(r["n_ops"]), {"p": np.full(r["n_ops"], 2.0)}, cover)
    assert [b["type"] for b in bd] == r["ops"]
    assert all(b["pred_ms"] == {"p": 2.0} and b["vela_ms"] == 1.0 for b in bd)
    unseen = {b["type"] for b in bd if b["outside"] == ["unseen op type"]}
    assert unseen == set(r["ops"]) - set(recs[0]["ops"])
    conv = next(b for b in bd if b["type"] == "CONV_2D")
    # the spec graph's only conv has no fused activation; all_ops_graph's first is RELU6
    assert any(s.startswith("fused_activation_function=") for s in conv["outside"])
    own = node_breakdown(recs[0], np.ones(recs[0]["n_ops"]), {}, cover)
    assert all(b["outside"] == [] for b in own)  # a graph is inside its own coverage
    assert set(cover) == set(recs[0]["ops"])
    lo, hi = cover["CONV_2D"]
    assert lo.shape == hi.shape == (len(FEATURE_COLUMNS),)
