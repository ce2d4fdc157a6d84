"""Issue 22, our variant: PerfSAGE as a residual on a per-node roofline prior
(``bounds.node_prior``, ``FitConfig.prior``)."""

import math

import jax
import numpy as np
import pytest
from gnn_graphs import spec_graph

from jaxeff.gnn.bounds import node_prior
from jaxeff.gnn.fit import FitConfig, Scaler, graph_of
from jaxeff.gnn.graph import pad_batch
from jaxeff.gnn.perfsage import PerfSAGE
from jaxeff.gnn.realeval import graph_record

pytestmark = pytest.mark.usefixtures("rbg_keys")


def test_node_prior_is_the_operator_roofline():
    rec = graph_record(spec_graph())  # float32 conv 3x3, 3 -> 8 on 16 x 16 first
    p = node_prior(rec, "u55_latency_ms")
    # MACs 55,296 / 128 = 432 cycles < bytes (16*16*3 + 16*16*8) * 4 / 8 = 1,408 cycles
    assert p[0] == pytest.approx(math.log(1408 / 500e6 * 1e3), rel=1e-6)
    assert p[rec["n_ops"]:] == pytest.approx(math.log(1 / 500e6 * 1e3))  # input nodes
    u65 = node_prior(rec, "u65_latency_ms")  # 2,816 B / 16 = 704 > 216 MAC cycles
    assert u65[0] == pytest.approx(math.log(704 / 1e9 * 1e3), rel=1e-6)
    assert not node_prior(rec, "u55_sram_kib").any()


@pytest.mark.slow  # un-jitted GNN apply twice (~3-4 s)
def test_prior_shifts_each_node_log_contribution_exactly():
    rec = graph_record(spec_graph())
    sc = Scaler.fit([rec["x"]])
    m = PerfSAGE(num_targets=1, hidden=8, readout="additive")
    plain = pad_batch([graph_of(rec, sc, None, "reverse")])
    shifted = pad_batch([graph_of(rec, sc, None, "reverse",
                                  prior=np.full((len(rec["x"]), 1), 2.0))])
    params = m.init(jax.random.key(0), plain)["params"]
    y0 = np.asarray(m.apply({"params": params}, plain))[0, 0]
    y1 = np.asarray(m.apply({"params": params}, shifted))[0, 0]
    assert y1 == pytest.approx(y0 * math.exp(2.0), rel=1e-5)  # soft sum is homogeneous


def test_prior_needs_the_additive_readout():
    with pytest.raises(ValueError, match="prior"):
        FitConfig(prior=True).check()
    assert FitConfig(prior=True, readout="additive").check().prior


def test_residual_range_per_op_type_is_the_training_ratio():
    from jaxeff.gnn.fit import node_targets, residual_range
    from jaxeff.gnn.graph import category

    rec = graph_record(spec_graph())  # CONV_2D, ADD, MEAN, FULLY_CONNECTED
    rec["u55_op_cycles"] = np.asarray([400.0, 0.0, 100.0, 100.0])
    rec["labels"] = {"u55_latency_ms": 0.5}
    rr = np.asarray(residual_range([rec], ["u55_latency_ms", "u55_sram_kib"]))
    with np.errstate(divide="ignore"):  # ADD has 0 cycles: log 0, never used
        ratio = np.log(node_targets(rec, ["u55_latency_ms"])[:, 0]) - node_prior(
            rec, "u55_latency_ms")
    conv = category(rec["graph"].ops[0])
    np.testing.assert_allclose(rr[conv, 0], [ratio[0] - 1, ratio[0] + 1])
    seen = ratio[[0, 2, 3]]  # ADD has no cycles: it gets the all-operator range
    add = category(rec["graph"].ops[1])
    np.testing.assert_allclose(rr[add, 0], [seen.min() - 1, seen.max() + 1])
    assert (rr[:, 1] == [-1e3, 1e3]).all()  # SRAM: no prior, no clamp


def test_op_box_clips_each_node_into_its_op_types_training_range(tmp_path):
    from gnn_graphs import all_ops_graph

    from jaxeff.gnn.fit import Predictor, op_box
    from jaxeff.gnn.graph import NUM_CATEGORIES, category

    small, big = graph_record(spec_graph()), graph_record(all_ops_graph())
    lo, hi = op_box([small])
    conv = category(small["graph"].ops[0])
    x = np.asarray(small["x"])
    np.testing.assert_array_equal(lo[conv], x[0])  # one conv: its own features
    assert lo.shape == hi.shape == (NUM_CATEGORIES + 1, x.shape[1])
    unseen = category(next(o for o in big["graph"].ops if o.type == "SOFTMAX"))
    np.testing.assert_array_equal(lo[unseen], x.min(0))  # unseen type: global range
    p = Predictor({}, Scaler.fit([x]), ("u55_latency_ms",),
                  FitConfig(readout="additive", prior=True), box=(lo, hi))
    g = p._graph(big, None)
    clipped = p.scaler.mean + np.asarray(g.nodes["x"]) * p.scaler.std  # raw again
    cat = np.asarray(big["cat"])
    assert np.all(clipped <= hi[cat] + 1e-3) and np.all(clipped >= lo[cat] - 1e-3)
    np.testing.assert_allclose(np.asarray(g.nodes["prior"])[:, 0],
                               node_prior(big, "u55_latency_ms"), rtol=1e-6)  # unclipped
