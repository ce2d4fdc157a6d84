"""PerfSAGE model and baselines (spec perfsage.md §5.4 tests 7-8)."""

import chex
import jax
import jax.numpy as jnp
import jraph
import numpy as np
import pytest
from gnn_graphs import all_ops_graph, spec_graph

from jaxeff.gnn import baselines
from jaxeff.gnn.fit import FitConfig, Predictor, Scaler, batches, fit, graph_of, metrics
from jaxeff.gnn.graph import FEATURE_COLUMNS
from jaxeff.gnn.perfsage import PerfSAGE, mape_loss
from jaxeff.gnn.realeval import graph_record

pytestmark = pytest.mark.usefixtures("rbg_keys")


def _rec(g, label=1.0):
    return {
        **graph_record(g),
        "weight_bytes": 1,
        "act_bytes": 1,
        "labels": {"y": label},
        "space": "toy",
        "op_cycles": np.arange(len(g.ops), dtype=np.float32),
    }


@pytest.fixture(scope="module")
def setup():
    recs = [_rec(spec_graph(), 1.0), _rec(all_ops_graph(), 2.0)]
    sc = Scaler.fit([r["x"] for r in recs])
    model = PerfSAGE(num_targets=2, hidden=16)
    g = batches([graph_of(r, sc, None, "reverse") for r in recs], 4, None)[0]
    params = model.init(jax.random.key(0), g)["params"]
    return recs, sc, model, params


def test_batched_equals_single(setup):
    recs, sc, model, params = setup
    both = model.apply(
        {"params": params},
        batches([graph_of(r, sc, None, "reverse") for r in recs], 4, None)[0],
    )
    for i, r in enumerate(recs):
        one = model.apply(
            {"params": params}, batches([graph_of(r, sc, None, "reverse")], 4, None)[0]
        )
        np.testing.assert_allclose(one[0], both[i], rtol=1e-5)


def test_node_permutation_invariance(setup):
    recs, sc, model, params = setup
    r = recs[1]
    n = len(r["x"])
    perm = np.random.default_rng(0).permutation(n)
    inv = np.argsort(perm)
    rp = {
        **r,
        "x": r["x"][perm],
        "cat": r["cat"][perm],
        "senders": inv[r["senders"]],
        "receivers": inv[r["receivers"]],
    }
    a = model.apply(
        {"params": params}, batches([graph_of(r, sc, None, "reverse")], 4, None)[0]
    )
    b = model.apply(
        {"params": params}, batches([graph_of(rp, sc, None, "reverse")], 4, None)[0]
    )
    np.testing.assert_allclose(a[0], b[0], rtol=1e-5)


def test_readout_is_sum_over_200(setup):
    recs, sc, _, _ = setup
    m = PerfSAGE(num_targets=1, hidden=8, log_output=False)
    g = batches([graph_of(recs[0], sc, None, "reverse")], 2, None)[0]
    p = m.init(jax.random.key(1), g)["params"]
    p["head"]["kernel"] = jnp.ones_like(p["head"]["kernel"])
    p["head"]["bias"] = jnp.zeros_like(p["head"]["bias"])
    y, state = m.apply(
        {"params": p}, g, capture_intermediates=True, mutable=["intermediates"]
    )
    inter = state["intermediates"]
    own, nb = inter["self_2"]["__call__"][0], inter["neigh_2"]["__call__"][0]
    n = len(recs[0]["x"])
    agg = jraph.segment_mean(nb[g.senders], g.receivers, nb.shape[0])
    h = jnp.concatenate([own, agg], -1)[:n]
    z = h / jnp.linalg.norm(h, axis=-1, keepdims=True)
    np.testing.assert_allclose(float(y[0, 0]), float(z.sum() / 200), rtol=1e-5)
    # sinks (the final FC) aggregate nothing: their neighbour half is zero
    sink = int(np.setdiff1d(np.arange(n), np.asarray(g.receivers[:n]))[0])
    np.testing.assert_array_equal(np.asarray(agg[sink]), 0)


def test_mape_loss_value():
    pred = jnp.array([[1.1, 2.0], [0.5, 4.0], [9.0, 9.0]])
    y = jnp.array([[1.0, 2.0], [1.0, 5.0], [0.0, 0.0]])
    mask = jnp.array([True, True, False])
    assert float(mape_loss(pred, y, mask)) == pytest.approx((0.1 + 0 + 0.5 + 0.2) / 4)
    m = metrics(np.array([1.05, 0.5, 2.0]), np.array([1.0, 1.0, 2.0]))
    assert m["mape"] == pytest.approx(55 / 3) and m["acc10"] == pytest.approx(200 / 3)


def test_fit_compiles_once_per_bucket_and_loss_falls():
    rng = np.random.default_rng(0)
    recs = []
    for i in range(12):
        r = _rec(all_ops_graph() if i % 2 else spec_graph())
        r["labels"] = {"y": float(1 + (i % 2) * 3 + rng.random() * 0.1)}
        recs.append(r)
    pred = fit(
        recs[:10], recs[10:], ("y",), FitConfig(epochs=25, batch_size=4, lr=0.01)
    )
    h = pred.history
    assert h[-1]["train_log_l1"] < h[0]["train_log_l1"]  # named after its objective
    assert "train_mape" not in h[0]
    assert min(x["val_mape"] for x in h) < 30


def test_logged_train_mape_is_the_mape_and_faithful_features():
    """With loss="mape" the logged ``train_mape`` is the training-set MAPE (%): with a
    negligible step the parameters stay at their start, so it equals the MAPE of the
    returned predictor on the training graphs (one batch). ``features="faithful"``
    uses the paper's 18 columns only."""
    recs = []
    for i in range(6):
        r = _rec(all_ops_graph() if i % 2 else spec_graph())
        r["labels"] = {"y": 2.0 + i}
        recs.append(r)
    cfg = FitConfig(epochs=1, batch_size=8, lr=1e-12, hidden=16, readout="paper",
                    log_output=False, loss="mape", features="faithful")
    pred = fit(recs, recs[:2], ("y",), cfg)
    y = np.asarray([r["labels"]["y"] for r in recs])
    got = pred.history[0]["train_mape"]
    assert got == pytest.approx(metrics(pred.predict(recs)[:, 0], y)["mape"], rel=1e-4)
    assert pred.scaler.mean.shape == (18,) and got > 0
    with pytest.raises(ValueError, match="features"):
        fit(recs, recs, ("y",), FitConfig(features="all"))


def test_predictor_save_load(tmp_path, setup):
    recs, sc, model, params = setup
    p = Predictor(params, sc, ("a", "b"), FitConfig(hidden=16))
    p.save(tmp_path / "p.npz")
    q = Predictor.load(tmp_path / "p.npz")
    np.testing.assert_allclose(p.predict(recs), q.predict(recs), rtol=1e-6)
    assert q.targets == ("a", "b") and q.config == p.config
    (tmp_path / "bad.npz").write_bytes(b"junk")
    with pytest.raises(ValueError, match="corrupt predictor file .*bad.npz"):
        Predictor.load(tmp_path / "bad.npz")


def test_step_traces_once_per_bucket(setup):
    recs, sc, model, params = setup

    @jax.jit
    @chex.assert_max_traces(n=1)
    def f(p, g):
        return model.apply({"params": p}, g)

    gs = [graph_of(r, sc, None, "reverse") for r in recs]
    f(params, batches(gs, 4, None)[0])
    f(params, batches(gs[::-1], 4, None)[0])  # same bucket, no retrace
    f(params, batches(gs[:1] * 2, 4, None)[0])


def test_gcn_adjacency_exact(spec_g):
    r = _rec(spec_g)
    cats = sorted({int(c) for c in r["cat"]})
    vocab = {c: i for i, c in enumerate(cats)}
    f, a = baselines.gcn_inputs([r], vocab, 16)
    n = len(r["cat"]) + 1
    assert f[0, 0, -1] == 1 and f[0, :n].sum() == n and f[0, n:].sum() == 0
    expect = np.eye(16, dtype=np.float32)
    expect[np.arange(n) * 0, np.arange(n)] = 1
    expect[n:, n:] = 0
    expect[np.arange(n, 16), np.arange(n, 16)] = 0
    expect[r["senders"] + 1, r["receivers"] + 1] = 1
    np.testing.assert_array_equal(a[0], expect)
    assert a[0].sum() == n + (n - 1) + len(r["senders"])


def test_nnmeter_conv_features_exact(spec_g):
    f = baselines.op_features(_rec(spec_g))
    # conv 3x3, 3 -> 8 on 16x16, stride 1: H, W, HW, Cin, Cout, Kh, Kw, Sh, Sw, MACs
    np.testing.assert_allclose(f[0, :9], [16, 16, 256, 3, 8, 3, 3, 1, 1])
    assert f[0, 9] == pytest.approx(55_296 / 1e6, rel=1e-5)
    assert f[0, 10] == pytest.approx((8 * 27 + 8) * 4 / 1e6, rel=1e-5)


def test_macs_linear_exact_on_linear_data():
    recs = [
        {"macs": m, "weight_bytes": 0, "act_bytes": 0, "n_ops": 1}
        for m in (1e5, 2e5, 5e5, 1e6)
    ]
    y = np.array([2e-5 * r["macs"] + 0.3 for r in recs])
    f = baselines.fit_macs_linear(recs, y, "a")
    np.testing.assert_allclose(f(recs), y, rtol=1e-6)
    fb = baselines.fit_macs_linear(recs, y, "b")
    assert np.all(np.abs(fb(recs) / y - 1) < 0.2)


def test_nnmeter_additive_fit():
    recs = [_rec(spec_graph()), _rec(all_ops_graph())]
    nm = baselines.NNMeter(trees_scale=0.02).fit(recs, "op_cycles")
    pred = nm.predict(recs)
    assert pred.shape == (2,) and np.all(pred >= 0)


def test_log_l1_loss_value():
    from jaxeff.gnn.perfsage import log_l1_loss

    z = jnp.log(jnp.array([[2.0], [1.0], [5.0]]))
    y = jnp.array([[1.0], [1.0], [0.0]])
    mask = jnp.array([True, True, False])
    assert float(log_l1_loss(z, y, mask)) == pytest.approx(np.log(2.0) / 2)
    with pytest.raises(ValueError, match="log_output"):
        fit([], [], ("y",), FitConfig(log_output=False))


def _union(a: dict, b: dict) -> dict:
    """Disjoint union of two records as one graph (no edges between them)."""
    n = len(a["x"])
    return {
        **a,
        "x": np.concatenate([a["x"], b["x"]]),
        "cat": np.concatenate([a["cat"], b["cat"]]),
        "senders": np.concatenate([a["senders"], b["senders"] + n]),
        "receivers": np.concatenate([a["receivers"], b["receivers"] + n]),
    }


@pytest.mark.parametrize("rho, combine", [(-60.0, np.add), (60.0, np.maximum)])
def test_additive_readout_sums_or_maxes_over_disjoint_parts(setup, rho, combine):
    """beta = 1: prediction(A u B) = pred(A) + pred(B) exactly (latency adds over ops);
    beta large: it tends to max(pred(A), pred(B)) (peak memory)."""
    recs, sc, _, _ = setup
    m = PerfSAGE(num_targets=2, hidden=16, readout="additive")
    one = lambda r: batches([graph_of(r, sc, None, "reverse")], 2, None)[0]
    p = m.init(jax.random.key(3), one(recs[0]))["params"]
    p["sharpness"] = jnp.full_like(p["sharpness"], rho)
    ya, yb = (np.asarray(m.apply({"params": p}, one(r)))[0] for r in recs)
    yab = np.asarray(m.apply({"params": p}, one(_union(recs[0], recs[1]))))[0]
    np.testing.assert_allclose(yab, combine(ya, yb), rtol=2e-3 if rho > 0 else 1e-5)
    assert np.all(ya > 0) and np.all(yb > 0)


def test_additive_readout_learns_an_additive_label():
    """A label that is a sum over operators (here MACs) is learned to < 15 % MAPE."""
    rng = np.random.default_rng(1)
    recs = []
    for i in range(16):
        r = _rec(all_ops_graph() if i % 2 else spec_graph())
        k = int(rng.integers(1, 4))
        for _ in range(k - 1):
            r = _union(r, _rec(spec_graph()))
        macs = np.expm1(r["x"][:, FEATURE_COLUMNS.index("log_macs")])
        r["labels"] = {"y": float(macs.sum() / 1e3 + 1.0)}
        recs.append(r)
    cfg = FitConfig(epochs=60, batch_size=4, lr=0.01, hidden=16, readout="additive")
    pred = fit(recs[:12], recs[12:], ("y",), cfg)
    assert min(x["val_mape"] for x in pred.history) < 15


def test_bad_readout_is_rejected():
    with pytest.raises(ValueError, match="readout"):
        fit([], [], ("y",), FitConfig(readout="mean"))
    with pytest.raises(ValueError, match="log_output"):
        fit([], [], ("y",), FitConfig(readout="additive", log_output=False, loss="mape"))


def test_bad_schedule_is_rejected():
    with pytest.raises(ValueError, match="schedule"):
        fit([], [], ("y",), FitConfig(schedule="linear"))


def test_feature_clip_and_node_cap_bound_out_of_range_graphs(setup, tmp_path):
    """OOD guards [U]: standardised features are clipped to +-c, and with node_cap every
    node adds at most exp(cap): a graph of n nodes is predicted <= n * exp(cap), however
    far its features lie outside the training range."""
    recs, _, _, _ = setup
    sc = Scaler.fit([r["x"] for r in recs], clip=3.0)
    wild = dict(recs[0], x=recs[0]["x"] * 1e3 + 1e3)
    assert np.abs(sc(wild["x"])).max() == pytest.approx(3.0)
    cap = (np.log(2.0), np.log(5.0))
    m = PerfSAGE(num_targets=2, hidden=16, readout="additive", node_cap=cap)
    one = lambda r: batches([graph_of(r, Scaler(sc.mean, sc.std), None, "reverse")],
                            2, None)[0]
    p = m.init(jax.random.key(0), one(recs[0]))["params"]
    p = jax.tree.map(lambda a: a * 50.0, p)  # a wildly extrapolating head
    y = np.asarray(m.apply({"params": p}, one(wild)))[0]
    n = len(wild["x"])
    assert np.all(y <= n * np.exp(cap) * (1 + 1e-5)) and np.all(y > 0)
    uncapped = PerfSAGE(num_targets=2, hidden=16, readout="additive")
    assert np.max(np.asarray(uncapped.apply({"params": p}, one(wild)))[0]
                  / (n * np.exp(cap))) > 10  # the same head without the cap explodes


def test_fit_with_ood_guards_saves_and_reloads(tmp_path):
    recs = []
    for i in range(8):
        r = _rec(all_ops_graph() if i % 2 else spec_graph())
        r["labels"] = {"y": 1.0 + 3.0 * (i % 2)}
        recs.append(r)
    cfg = FitConfig(epochs=3, batch_size=4, hidden=16, readout="additive",
                    feature_clip=4.0, node_cap=True)
    pred = fit(recs[:6], recs[6:], ("y",), cfg)
    assert pred.node_cap == pytest.approx((np.log(4.0),), rel=1e-6)
    assert pred.scaler.clip == 4.0
    pred.save(tmp_path / "p.npz")
    q = Predictor.load(tmp_path / "p.npz")
    assert q.node_cap == pred.node_cap and q.scaler.clip == 4.0
    np.testing.assert_allclose(q.predict(recs), pred.predict(recs), rtol=1e-6)
    with pytest.raises(ValueError, match="node_cap"):
        fit([], [], ("y",), FitConfig(node_cap=True))
    with pytest.raises(ValueError, match="feature_clip"):
        fit([], [], ("y",), FitConfig(feature_clip=0.0))
