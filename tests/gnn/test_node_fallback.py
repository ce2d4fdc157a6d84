"""Issue 22, session 26, rule J: the per-operator-type feature box of a stacked
predictor's training split, the nodes outside it, and the fallback of their GNN
contributions to the forests' (``bounds.node_box`` / ``nodes_out_of_range`` /
``node_fallback``, ``Predictor.predict_fallback``)."""

import dataclasses

import numpy as np
import pytest
from gnn_graphs import space_records
from test_node_inputs import TG, _forest_base

from jaxeff.gnn.bounds import node_box, node_fallback, nodes_out_of_range
from jaxeff.gnn.fit import FitConfig, Predictor, fit
from jaxeff.gnn.graph import FEATURE_COLUMNS, NUM_CATEGORIES
from jaxeff.gnn.store import ArtifactError


@pytest.fixture(scope="module")
def recs():
    return space_records(10, seed=3)


@pytest.fixture(scope="module")
def stacked(recs, tmp_path_factory):
    train, val = recs[:6], recs[6:]
    cfg = FitConfig(epochs=1, batch_size=4, hidden=8, readout="additive",
                    node_inputs="stacked", node_loss=1.0)
    p = fit(train, val, TG, cfg, node_base=_forest_base(train, memo=True))
    p.correction_caps = {"u55_latency_ms": 0.2, "u65_latency_ms": 0.2}
    return p


def test_node_box_is_the_per_category_range_with_nan_for_unseen(recs):
    lo, hi = node_box(recs)
    assert lo.shape == hi.shape == (NUM_CATEGORIES + 1, len(FEATURE_COLUMNS))
    x = np.concatenate([r["x"] for r in recs])
    cat = np.concatenate([r["cat"] for r in recs])
    for c in np.unique(cat):
        np.testing.assert_array_equal(lo[c], x[cat == c].min(0))
        np.testing.assert_array_equal(hi[c], x[cat == c].max(0))
    unseen = np.setdiff1d(np.arange(NUM_CATEGORIES + 1), cat)
    assert unseen.size and np.isnan(lo[unseen]).all() and np.isnan(hi[unseen]).all()
    # every training node is inside its own box
    assert not any(nodes_out_of_range(r, (lo, hi)).any() for r in recs)
    with pytest.raises(ValueError, match="at least one"):
        node_box([])


def test_out_of_range_margin_constant_columns_and_unseen_types(recs):
    box = node_box(recs)
    lo, hi = box
    r = recs[0]
    v = 0
    c = int(r["cat"][v])
    wide = np.flatnonzero(hi[c] > lo[c])
    flat = np.flatnonzero(hi[c] == lo[c])
    assert wide.size and flat.size
    k = wide[0]
    x = r["x"].copy()
    x[v, k] = hi[c, k] + 0.1 * (hi[c, k] - lo[c, k])  # 10 % of the range above
    moved = {**r, "x": x}
    out = {m: nodes_out_of_range(moved, box, m) for m in (0.0, 0.05, 0.25)}
    assert out[0.0][v] and out[0.05][v] and not out[0.25][v]
    assert all(o.sum() == 1 for o in (out[0.0], out[0.05]))  # only that node
    x = r["x"].copy()
    x[v, flat[0]] += 1.0  # a column constant in training: out at any margin
    assert nodes_out_of_range({**r, "x": x}, box, 1e6)[v]
    cat = r["cat"].copy()
    cat[v] = next(i for i in range(2, NUM_CATEGORIES) if np.isnan(lo[i]).all())
    assert nodes_out_of_range({**r, "cat": cat}, box, 1e6)[v]  # unseen op type
    for bad in (-0.1, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="margin"):
            nodes_out_of_range(r, box, bad)
    with pytest.raises(ValueError, match="does not fit"):
        nodes_out_of_range(r, (lo[:, :5], hi[:, :5]))


def test_node_fallback_replaces_out_nodes_and_scales_the_graph_value():
    g = np.array([[4.0, 1.0], [6.0, 1.0]])
    b = np.array([[1.0, 3.0], [2.0, 3.0]])
    np.testing.assert_allclose(node_fallback(np.array([10.0, 2.0]), g, b,
                                             np.array([False, True])), [6.0, 4.0])
    # none out: unchanged, bit for bit; all out: the ratio of the two sums
    p = np.array([9.5, 1.9])
    assert np.array_equal(node_fallback(p, g, b, np.zeros(2, bool)), p)
    np.testing.assert_allclose(node_fallback(p, g, b, np.ones(2, bool)),
                               p * b.sum(0) / g.sum(0))
    with pytest.raises(ValueError, match="must be"):
        node_fallback(p, g, b, np.zeros(3, bool))
    with pytest.raises(ValueError, match="> 0"):
        node_fallback(p, g, -b, np.zeros(2, bool))


def test_predict_fallback_and_capped(stacked, recs):
    p = stacked
    with pytest.raises(ValueError, match="node_box"):
        p.predict_capped(recs, True, node_margin=0.0)
    p.node_box = node_box(recs)  # every record inside: rule J changes nothing
    np.testing.assert_array_equal(p.predict_fallback(recs, 0.0), p.predict(recs))
    np.testing.assert_array_equal(p.predict_capped(recs, True, node_margin=0.0),
                                  p.predict_capped(recs, True))
    # an empty box (no category seen): every node gets its forests' value on the
    # forests' targets; the other target (SRAM) is untouched
    nan = np.full_like(p.node_box[0], np.nan)
    p.node_box = (nan, nan)
    raw, fb = p.predict(recs), p.predict_fallback(recs, 0.0)
    for i, (r, u) in enumerate(zip(recs, p.predict_nodes(recs), strict=True)):
        base = np.exp(p.node_base(r))
        np.testing.assert_allclose(fb[i, :2], raw[i, :2] * base[:, :2].sum(0)
                                   / u[:, :2].sum(0), rtol=1e-12)
    np.testing.assert_array_equal(fb[:, 2], raw[:, 2])
    p.node_box = None


def test_node_box_round_trip_and_tampering(stacked, recs, tmp_path):
    p = stacked
    p.node_box = node_box(recs[:6])
    try:
        path = p.save(tmp_path / "j.npz")
    finally:
        box, p.node_box = p.node_box, None
    q = Predictor.load(path)
    for a, b in zip(q.node_box, box, strict=True):
        assert np.array_equal(a, b, equal_nan=True) and a.dtype == np.float32
    assert all(np.array_equal(a, b) for a, b in zip(q.nodes_out(recs, 0.0),
                                                    p.__class__.nodes_out(q, recs, 0.0),
                                                    strict=True))
    arrays = dict(np.load(path, allow_pickle=False))
    c = int(np.flatnonzero(np.isfinite(box[0]).all(1))[0])
    for name, change in (("swapped", lambda a: a.update({"nodebox/lo": box[1],
                                                          "nodebox/hi": box[0]})),
                         ("half", lambda a: a.pop("nodebox/hi")),
                         ("shape", lambda a: a.update({"nodebox/lo": box[0][:, :3],
                                                       "nodebox/hi": box[1][:, :3]})),
                         ("mixed", lambda a: a.update({"nodebox/lo": np.where(
                             np.arange(box[0].shape[1]) == 0, np.nan, box[0]
                         ).astype(np.float32)}))):
        bad = dict(arrays)
        change(bad)
        with open(tmp_path / f"{name}.npz", "wb") as f:
            np.savez(f, **bad)
        with pytest.raises(ArtifactError, match=rf"{name}\.npz.*nodebox"):
            Predictor.load(tmp_path / f"{name}.npz")
    assert np.isfinite(box[0][c]).all()


def test_candidate_y_keeps_ruled_bases(stacked, recs, monkeypatch):
    """Candidate Y (session 38 addendum 3): with it, the operators a rule prices keep the
    ruled base in place of the GNN's contribution, per target, as rule J's out-of-box
    nodes do; with no such operator it changes nothing."""
    from jaxeff.gnn.fit import ForestBase

    p = stacked
    p.node_box = node_box(recs)  # nothing out of the box
    y = p.with_ruled_fallback()
    assert y.node_base.ruled_fallback and not p.node_base.ruled_fallback
    # no rule on: no operator is ruled and Y changes nothing
    assert not any(m.any() for r in recs for m in y.node_base.ruled(r).values())
    np.testing.assert_array_equal(y.predict_fallback(recs, 0.0), p.predict_fallback(recs, 0.0))
    # every operator ruled on U65 only: U65 falls back to the base over the operators
    monkeypatch.setattr(ForestBase, "ruled", lambda self, r: {
        "u55_latency_ms": np.zeros(int(r["n_ops"]), bool),
        "u65_latency_ms": np.ones(int(r["n_ops"]), bool)})
    raw, fb = y.predict(recs), y.predict_fallback(recs, 0.0)
    for i, (r, u) in enumerate(zip(recs, y.predict_nodes(recs), strict=True)):
        b = np.exp(y.node_base(r))
        n = int(r["n_ops"])
        want = raw[i, 1] * (b[:n, 1].sum() + u[n:, 1].sum()) / u[:, 1].sum()
        np.testing.assert_allclose(fb[i, 1], want, rtol=1e-12)
    np.testing.assert_array_equal(fb[:, 0], raw[:, 0])
    p.node_box = None
    with pytest.raises(ValueError, match="candidate Y needs"):
        dataclasses.replace(p, node_base=None).with_ruled_fallback()


def test_candidate_k_clips_in_box_operators_to_the_bound():
    """Candidate K (session 40 section 1): the kept GNN contribution of an in-box node
    flagged ``bounded`` is clipped to [base e^-beta, base e^beta]; out-of-box nodes keep
    the base; unflagged (input) nodes keep the GNN's value."""
    g = np.array([[10.0], [0.1], [5.0], [7.0]])
    b = np.array([[1.0], [1.0], [1.0], [1.0]])
    out = np.array([False, False, True, False])
    ops = np.array([True, True, True, False])
    p = np.array([22.1])
    e = np.exp(0.5)
    want = p * (e + 1 / e + 1.0 + 7.0) / g.sum(0)
    np.testing.assert_allclose(node_fallback(p, g, b, out, 0.5, ops), want, rtol=1e-12)
    # a bound wider than every correction: rule J unchanged, bit for bit
    assert np.array_equal(node_fallback(p, g, b, out, 10.0, ops), node_fallback(p, g, b, out))
    for bad in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="log_bound"):
            node_fallback(p, g, b, out, bad, ops)
    with pytest.raises(ValueError, match="bounded"):
        node_fallback(p, g, b, out, 0.5)
    with pytest.raises(ValueError, match="bounded"):
        node_fallback(p, g, b, out, 0.5, ops[:3])


def test_candidate_k_in_predict_fallback(stacked, recs):
    """Candidate K through ``Predictor.predict_fallback``: each operator's kept value is
    within e^beta of its forests' value, input nodes untouched; ``with_node_bound``
    rejects a bad beta and leaves the original predictor unbounded."""
    p = stacked
    p.node_box = node_box(recs)  # nothing out of the box
    try:
        k = p.with_node_bound(0.1)
        assert k.node_log_bound == 0.1 and p.node_log_bound is None
        raw, fb = k.predict(recs), k.predict_fallback(recs, 0.0)
        moved = False
        for i, (r, u) in enumerate(zip(recs, k.predict_nodes(recs), strict=True)):
            b = np.exp(k.node_base(r))
            n = int(r["n_ops"])
            kept = np.concatenate([np.clip(u[:n], b[:n] * np.exp(-0.1), b[:n] * np.exp(0.1)),
                                   u[n:]])
            np.testing.assert_allclose(fb[i, :2], raw[i, :2] * kept[:, :2].sum(0)
                                       / u[:, :2].sum(0), rtol=1e-12)
            moved |= bool(np.any(np.abs(np.log(u[:n, :2] / b[:n, :2])) > 0.1))
            assert fb[i, 2] == raw[i, 2]  # SRAM is not a forest target here
        assert moved  # the test exercises the clip
        np.testing.assert_array_equal(p.with_node_bound(1e6).predict_fallback(recs, 0.0),
                                      p.predict_fallback(recs, 0.0))
        for bad in (0, -0.5, float("nan"), True, "0.5"):
            with pytest.raises(ValueError, match="beta"):
                p.with_node_bound(bad)
    finally:
        p.node_box = None
