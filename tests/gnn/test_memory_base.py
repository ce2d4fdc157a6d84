"""Issue 22, session 16: per-node live activation bytes (``bounds.live_bytes``) and
the stacked variant's memory base (``FitConfig.memory_base``)."""

import math

import numpy as np
import pytest
from gnn_graphs import all_ops_graph, spec_graph

from jaxeff.gnn.bounds import live_bytes
from jaxeff.gnn.fit import (
    MEMORY_SHARPNESS,
    STACK_RESIDUAL,
    FitConfig,
    fit,
    memory_columns,
    model_inputs,
    n_extra,
    stack_base,
    stack_range,
)
from jaxeff.gnn.labels import memory_plan
from jaxeff.gnn.realeval import graph_record
from jaxeff.gnn.spaces import SAMPLERS, SPACES, sample

TG = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib")


def test_live_bytes_by_hand():
    # float32: input 16x16x3 = 3072 B; conv out 16x16x8 = 8192; add out 8192;
    # mean out 8 -> 32; fc out 10 -> 40 -> 48 aligned
    rec = graph_record(spec_graph())
    live = live_bytes(rec)
    n = rec["n_ops"]
    np.testing.assert_array_equal(live[:n], [3072 + 8192, 8192 + 8192, 8192 + 32, 32 + 48])
    ins = live[n:]  # the graph input and two constants (bias of ADD, FC weights ...)
    assert sorted(ins[ins > 0]) == [3072]
    assert live[:n].max() == memory_plan(spec_graph())["peak_bytes"] == 16384


@pytest.mark.parametrize("space", SPACES)
def test_live_peak_equals_the_planner_on_every_space(space):
    graphs = [all_ops_graph(), sample(space, np.random.default_rng(0)).graph]  # + int8
    graphs += [SAMPLERS[space](np.random.default_rng(s))[0] for s in range(1, 4)]
    for g in graphs:
        rec = graph_record(g)
        live, peak = live_bytes(rec)[: rec["n_ops"]].max(), memory_plan(g)["peak_bytes"]
        if space == "recurrent":
            # the unrolled GRU's SPLITs (time axis, gates) have parts that die at
            # different steps; the features count each SPLIT by its first output (one
            # part), so the liveness peak is a lower bound there (measured 0.44-1.0 x)
            assert live <= peak
        else:
            assert live == peak


def test_memory_base_config_columns_and_range():
    with pytest.raises(ValueError, match="memory_base"):
        FitConfig(readout="additive", node_inputs="roofline", memory_base=True).check()
    cfg = FitConfig(readout="additive", node_inputs="stacked", memory_base=True).check()
    assert memory_columns(TG) == [2] and memory_columns(("peak_kib", "u65_sram_kib")) == [0, 1]
    assert n_extra(cfg, TG) == 4  # the memory base is a prior, not an input column
    rec = graph_record(spec_graph())
    per_op = {"u55_latency_ms": lambda r: np.full(r["n_ops"], 1e-3)}
    plain, mem = stack_base(rec, TG, per_op), stack_base(rec, TG, per_op, memory=True)
    np.testing.assert_array_equal(plain[:, :2], mem[:, :2])
    assert not plain[:, 2].any()
    np.testing.assert_allclose(mem[:, 2], np.log(np.maximum(live_bytes(rec), 1) / 1024))
    x = model_inputs(rec, TG, cfg, mem)["x"]
    np.testing.assert_array_equal(x[:, -2:], mem[:, :2].astype(np.float32))
    rr = np.asarray(stack_range(TG, memory=True))
    assert (rr[:, 2] == [-STACK_RESIDUAL, STACK_RESIDUAL]).all()


@pytest.mark.slow  # one jit compile of the padded GNN
def test_memory_base_prediction_is_bounded_by_the_liveness_peak():
    """Untrained, the SRAM head's value is the liveness peak times a correction the
    soft clamp bounds by exp(+-STACK_RESIDUAL), times the soft max's excess
    n^(1 / beta) (beta = MEMORY_SHARPNESS)."""
    recs = []
    for s, g in enumerate([spec_graph(), all_ops_graph()] * 2):
        r = graph_record(g)
        r["labels"] = {t: 1.0 + s for t in TG}
        recs.append(r)
    per_op = {t: (lambda r: np.full(r["n_ops"], 1e-3)) for t in TG[:2]}
    cfg = FitConfig(readout="additive", node_inputs="stacked", memory_base=True,
                    epochs=0, hidden=8, batch_size=4)
    p = fit(recs, recs, TG, cfg, node_base=lambda r: stack_base(r, TG, per_op, True))
    beta = 1 + math.log1p(math.exp(float(p.params["sharpness"][2])))
    assert beta == pytest.approx(MEMORY_SHARPNESS, rel=1e-6)
    pred = p.predict(recs)[:, 2]
    for r, v in zip(recs, pred, strict=True):
        peak = live_bytes(r)[: r["n_ops"]].max() / 1024
        n = len(r["x"])
        assert peak * math.exp(-STACK_RESIDUAL) <= v <= (
            peak * math.exp(STACK_RESIDUAL) * n ** (1 / beta) * (1 + 1e-5))


def test_rules_memory_base_uses_vela_rules_for_vela_sram_only():
    """memory_base="rules" (session 18): the Vela SRAM columns take the log KiB of
    velamem.node_sram_bytes, rule "own" (whose max over operators is velamem.sram_bytes), the
    planner's peak column keeps the liveness base."""
    from jaxeff.gnn import velamem

    for bad in ("vela", 1):  # an int is not a bool here
        with pytest.raises(ValueError, match="memory_base"):
            FitConfig(readout="additive", node_inputs="stacked", memory_base=bad).check()
    FitConfig(readout="additive", node_inputs="stacked", memory_base="rules").check()
    tg = TG + ("u65_sram_kib", "peak_kib")
    rec = graph_record(all_ops_graph())
    per_op = {"u55_latency_ms": lambda r: np.full(r["n_ops"], 1e-3)}
    live = stack_base(rec, tg, per_op, memory=True)
    rules = stack_base(rec, tg, per_op, memory="rules")
    np.testing.assert_array_equal(rules[:, [0, 1, 4]], live[:, [0, 1, 4]])
    n = rec["n_ops"]
    for k, p in ((2, "u55"), (3, "u65")):
        # the base is session 18's rule, as its predictors were trained (session 20)
        node = velamem.node_sram_bytes(rec, p, rule="own")
        np.testing.assert_allclose(rules[:, k], np.log(np.maximum(node, 1) / 1024))
        assert node[:n].max() == velamem.sram_bytes(rec, p, rule="own")
        assert velamem.node_sram_bytes(rec, p)[:n].max() == velamem.sram_bytes(rec, p)
        np.testing.assert_array_equal(node[n:], live_bytes(rec)[n:])  # input nodes
    assert (rules[:n, 2] != live[:n, 2]).any()  # the layout rule changes this graph
