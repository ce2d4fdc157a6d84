"""Issue 22 session 16: data-only random forests (``jaxeff.gnn.trees``) predict
bit-identically to scikit-learn; ``NNMeter`` exports / imports them; tampered arrays
give a clear ``ValueError``."""

import numpy as np
import pytest
from gnn_graphs import space_records
from sklearn.ensemble import RandomForestRegressor

from jaxeff.gnn import baselines
from jaxeff.gnn.trees import TreeEnsemble, float32_floor


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def _data(rng, n, f=7):
    x = rng.normal(size=(n, f)) * rng.lognormal(0, 2, size=f)
    x[:, 0] = np.round(x[:, 0])  # ties between samples, thresholds at midpoints
    y = np.exp(x[:, 1] / max(x[:, 1].std(), 1.0)) + np.abs(x[:, 2]) + rng.normal(size=n)
    return x, y


def _probe(rf, rng, x):
    """Fresh samples, the training samples (float64 and float32), and every
    threshold and its float64 neighbours (the <= boundary)."""
    thr = np.concatenate([e.tree_.threshold[e.tree_.children_left >= 0]
                          for e in rf.estimators_])[:3000]
    edge = np.concatenate([thr, np.nextafter(thr, np.inf), np.nextafter(thr, -np.inf),
                           thr.astype(np.float32).astype(np.float64)])
    at = np.tile(edge[:, None], (1, x.shape[1]))
    return np.concatenate([_data(rng, 300, x.shape[1])[0], x,
                           x.astype(np.float32).astype(np.float64), at])


@pytest.mark.parametrize("depth,max_features,n_trees,n", [
    (2, 1.0, 3, 200), (8, 3, 17, 400), (None, 1, 9, 300), (50, 0.5, 25, 500),
    (None, 1.0, 1, 1)])  # the last: a one-tree forest on one sample (a lone leaf)
def test_numpy_forest_is_bit_identical_to_sklearn(depth, max_features, n_trees, n):
    rng = np.random.default_rng(n_trees)
    x, y = _data(rng, n)
    rf = RandomForestRegressor(n_estimators=n_trees, max_depth=depth,
                               max_features=max_features, random_state=3,
                               n_jobs=1).fit(x, y)
    te = TreeEnsemble.from_sklearn(rf)
    probe = _probe(rf, rng, x)
    assert _same_bits(te.predict(probe), rf.predict(probe))
    leaves = te.apply(probe) - te.arrays["offsets"][:-1, None]
    assert np.array_equal(leaves, np.stack([e.apply(probe.astype(np.float32))
                                            for e in rf.estimators_]))
    back = TreeEnsemble.from_arrays(te.arrays, te.n_features)
    assert _same_bits(back.predict(probe), rf.predict(probe))
    # values are kept at leaves only (split nodes are never read; smaller files)
    split = te.arrays["left"] >= 0
    assert not te.arrays["value"][split].any()
    assert split.sum() == sum(int((e.tree_.children_left >= 0).sum())
                              for e in rf.estimators_)


def test_float32_floor_is_the_largest_float32_below():
    t = np.random.default_rng(0).normal(size=10000) * 1e3
    f = float32_floor(t)
    assert f.dtype == np.float32 and np.all(f.astype(np.float64) <= t)
    assert np.all(np.nextafter(f, np.float32(np.inf)).astype(np.float64) > t)


@pytest.fixture(scope="module")
def meter():
    recs = space_records()
    return baselines.NNMeter(trees_scale=0.05).fit(recs[:8], "op_cycles"), recs


def test_nnmeter_export_import_predicts_the_same_bits(meter):
    nm, recs = meter
    arrays, meta = nm.to_arrays()
    assert meta["seed"] == 10 and all(a.dtype.kind in "biuf" for a in arrays.values())
    back = baselines.NNMeter.from_arrays(arrays, meta)
    assert all(isinstance(f, TreeEnsemble) for f in back.forests.values())
    assert set(back.forests) == set(nm.forests)
    for r in recs:  # 4 records unseen in training
        assert _same_bits(back.predict_ops(r), nm.predict_ops(r))
    assert _same_bits(back.predict(recs), nm.predict(recs))
    assert back.to_arrays()[1] == meta  # exports again unchanged
    assert all(np.array_equal(v, back.to_arrays()[0][k]) for k, v in arrays.items())


def test_nnmeter_seed_changes_the_forests():
    recs = space_records(6)
    a = baselines.NNMeter(trees_scale=0.05).fit(recs, "op_cycles")
    b = baselines.NNMeter(trees_scale=0.05, seed=10).fit(recs, "op_cycles")
    c = baselines.NNMeter(trees_scale=0.05, seed=11).fit(recs, "op_cycles")
    assert _same_bits(a.predict(recs), b.predict(recs))
    assert not _same_bits(a.predict(recs), c.predict(recs))


def _tamper(arrays, op, name, fn):
    out = {k: v.copy() for k, v in arrays.items()}
    out[f"{op}/{name}"] = fn(out[f"{op}/{name}"])
    return out


def _first_internal(a):
    return int(np.flatnonzero(a >= 0)[0])


def _set(i_fn, val):
    def f(a):
        a[i_fn(a)] = val
        return a
    return f


@pytest.mark.parametrize("name,fn,match", [
    ("left", _set(_first_internal, 0), "left child of node 0 .*forward"),  # self loop
    ("right", lambda a: np.where(a >= 0, a + 10**6, a).astype(a.dtype), "right child"),
    ("left", _set(_first_internal, -1), "exactly one child"),
    ("feature", _set(lambda a: 0, 12), "feature index out of range"),
    ("feature", _set(lambda a: 0, -3), "feature index out of range"),
    ("threshold", _set(lambda a: 0, np.nan), "thresholds must be finite"),
    ("value", _set(lambda a: -1, np.inf), "values must be finite"),
    ("value", lambda a: a.astype(np.float32), "'value' must be 1-D float64"),
    ("threshold", lambda a: a[:-1], "differ in length"),
    ("offsets", lambda a: a[::-1].copy(), "offsets"),
    ("offsets", lambda a: a.reshape(1, -1), "'offsets' must be 1-D"),
    ("missing_left", _set(lambda a: 0, 2), "missing_left"),
])
def test_tampered_forest_arrays_give_a_clear_error(meter, name, fn, match):
    nm, _ = meter
    arrays, meta = nm.to_arrays()
    with pytest.raises(ValueError, match=rf"forest 'CONV_2D'.*{match}"):
        baselines.NNMeter.from_arrays(_tamper(arrays, "CONV_2D", name, fn), meta)


def test_tampered_nnmeter_meta_gives_a_clear_error(meter):
    nm, _ = meter
    arrays, meta = nm.to_arrays()
    with pytest.raises(ValueError, match="missing or unexpected"):
        baselines.NNMeter.from_arrays({**arrays, "CONV_2D/extra": np.zeros(1)}, meta)
    with pytest.raises(ValueError, match="op-type names"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "ops": ["a/b"]})
    with pytest.raises(ValueError, match="n_features"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "n_features": 3})
    with pytest.raises(ValueError, match="seed"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "seed": "10"})


def test_missing_values_follow_sklearn():
    """NaN inputs take each node's ``missing_go_to_left`` branch, as in sklearn."""
    rng = np.random.default_rng(5)
    x, y = _data(rng, 400)
    x[rng.random(x.shape) < 0.1] = np.nan
    rf = RandomForestRegressor(n_estimators=7, max_features=0.6, random_state=0,
                               n_jobs=1).fit(x, y)
    te = TreeEnsemble.from_sklearn(rf)
    assert te.arrays["missing_left"].any() and not te.arrays["missing_left"].all()
    probe = np.concatenate([x, _data(rng, 200)[0]])
    probe[rng.random(probe.shape) < 0.3] = np.nan
    assert _same_bits(te.predict(probe), rf.predict(probe))
    with pytest.raises(ValueError, match="infinite"):
        te.predict(np.full((1, x.shape[1]), np.inf))
