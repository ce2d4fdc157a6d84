"""``NNMeter(target="ratio")`` (session 19): per-op forests on log(cycles / roofline)."""

import dataclasses

import numpy as np
import pytest

from gnn_graphs import space_records
from jaxeff.gnn import baselines
from jaxeff.gnn.bounds import PEAK
from jaxeff.gnn.graph import FEATURE_COLUMNS

_COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}


@pytest.fixture(scope="module")
def fitted():
    recs = space_records()
    return (baselines.NNMeter(trees_scale=0.05, target="ratio").fit(recs[:8], "u55_op_cycles"),
            baselines.NNMeter(trees_scale=0.05).fit(recs[:8], "u55_op_cycles"), recs)


def test_roof_terms_are_the_named_rates():
    r = space_records(1)[0]
    x = np.asarray(r["x"][: r["n_ops"]], np.float64)
    t55, t65 = baselines.roof_terms(r, "u55"), baselines.roof_terms(r, "u65")
    macs, par = np.expm1(x[:, _COL["log_macs"]]), np.expm1(x[:, _COL["log_param_bytes"]])
    assert np.allclose(t55[:, 0], macs / 128) and np.allclose(t65[:, 0], macs / 256)
    assert np.allclose(t55[:, 2], par / 1.0) and np.allclose(t65[:, 2], par / 3.75)
    assert PEAK["u55"].sram_bytes_per_cycle == 8 and PEAK["u65"].sram_bytes_per_cycle == 16
    assert np.array_equal(baselines.roofline(r, "u55"), np.maximum(t55.max(1), 1.0))
    with pytest.raises(ValueError, match="platform"):
        baselines.roof_terms(r, "u85")


def test_ratio_forest_round_trips_bit_exactly(fitted):
    nm, _, recs = fitted
    assert nm.platform == "u55" and set(nm.fallback) == {"mac", "nomac"}
    arrays, meta = nm.to_arrays()
    assert meta["target"] == "ratio" and meta["n_features"] == 16
    back = baselines.NNMeter.from_arrays(arrays, meta)
    for r in recs:
        assert np.array_equal(back.predict_ops(r), nm.predict_ops(r))
    assert back.to_arrays()[1] == meta


def test_cycle_forest_files_are_unchanged(fitted):
    _, cyc, _ = fitted
    meta = cyc.to_arrays()[1]
    assert "target" not in meta and meta["n_features"] == 12  # old files still load
    assert baselines.NNMeter.from_arrays(*cyc.to_arrays()).target == "cycles"


def _scaled(rec, k, factor):
    """A copy of ``rec`` whose operator ``k`` has ``factor`` x the MACs and weights."""
    x = np.array(rec["x"], np.float32)
    for c in ("log_macs", "log_param_bytes"):
        x[k, _COL[c]] = np.log1p(np.expm1(np.float64(x[k, _COL[c]])) * factor)
    return {**rec, "x": x}


def test_ratio_forest_extrapolates_where_the_cycle_forest_cannot(fitted):
    nm, cyc, recs = fitted
    r = recs[9]
    k = int(np.argmax(baselines.op_features(r)[:, 9]))  # its largest MAC operator
    big = _scaled(r, k, 1000.0)
    top = max(float(np.max(q["u55_op_cycles"])) for q in recs[:8])
    assert cyc.predict_ops(big)[k] <= top  # a forest never leaves its labels' range
    assert nm.predict_ops(big)[k] > 100 * nm.predict_ops(r)[k]
    assert nm.predict_ops(big)[k] > 10 * top


def test_unseen_op_types_get_the_roofline_times_the_median_ratio(fitted):
    nm, cyc, recs = fitted
    r = dict(recs[9])
    r["ops"] = ["NEVER_SEEN"] * r["n_ops"]
    p, roof = nm.predict_ops(r), baselines.roofline(r, "u55")
    mac = baselines.op_features(r)[:, 9] > 0
    want = roof * np.exp(np.where(mac, nm.fallback["mac"], nm.fallback["nomac"]))
    assert np.allclose(p, want) and np.all(p > 0)
    assert np.all(cyc.predict_ops(r) == 0)  # the nn-Meter forests give 0


def test_bad_targets_and_meta_are_refused(fitted):
    nm, _, recs = fitted
    with pytest.raises(ValueError, match="target"):
        baselines.NNMeter(target="latency")
    with pytest.raises(ValueError, match="names no platform"):
        baselines.NNMeter(trees_scale=0.05, target="ratio").fit(recs[:2], "op_cycles")
    arrays, meta = nm.to_arrays()
    for bad, match in (({"platform": "u85"}, "platform"), ({"fallback": {"mac": 1.0}}, "fallback"),
                       ({"fallback": {"mac": float("nan"), "nomac": 0.0}}, "fallback"),
                       ({"n_features": 12}, "n_features"), ({"target": "x"}, "target")):
        with pytest.raises(ValueError, match=match):
            baselines.NNMeter.from_arrays(arrays, {**meta, **bad})
    assert dataclasses.replace(nm).target == "ratio"


def test_context_features_see_activation_fusion():
    """Session 19: a LOGISTIC right after a convolution that feeds nothing else (Vela
    fuses it) and one whose convolution also feeds a MUL (swish) differ in context."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.realeval import graph_record

    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 8, 8, 4))
    c1 = b.conv(x, 8, 3)
    fused = b.act(c1, "LOGISTIC")  # conv -> LOGISTIC only
    c2 = b.conv(fused, 8, 1)
    swish = b.mul(c2, b.act(c2, "LOGISTIC"))  # conv -> LOGISTIC and MUL
    rec = graph_record(b.finish([swish]))
    ctx = baselines.context_features(rec)
    types = rec["ops"]
    lg = [i for i, t in enumerate(types) if t == "LOGISTIC"]
    assert types[:2] == ["CONV_2D", "LOGISTIC"] and len(lg) == 2
    assert ctx[lg[0]].tolist() == [1.0, 1.0] and ctx[lg[1]].tolist() == [1.0, 2.0]
    assert ctx[0].tolist() == [0.0, 0.0]  # the first conv reads the graph input
    mul = types.index("MUL")
    assert ctx[mul].tolist() == [1.0, 2.0]  # its first operator input is the conv


def test_context_forest_round_trips_and_needs_the_ratio_target():
    recs = space_records()
    nm = baselines.NNMeter(trees_scale=0.05, target="ratio", context=True).fit(
        recs[:8], "u55_op_cycles")
    arrays, meta = nm.to_arrays()
    assert meta["context"] is True and meta["n_features"] == 18
    back = baselines.NNMeter.from_arrays(arrays, meta)
    assert back.context and all(np.array_equal(back.predict_ops(r), nm.predict_ops(r))
                                for r in recs)
    with pytest.raises(ValueError, match="context"):
        baselines.NNMeter(context=True)
    with pytest.raises(ValueError, match="context"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "context": "yes"})
    with pytest.raises(ValueError, match="n_features"):
        baselines.NNMeter.from_arrays(arrays, {**meta, "context": False})


def test_mean_leaves_predict_the_arithmetic_mean_ratio():
    """Session 20: ``target="ratio_mean"`` leaves hold the arithmetic mean of cycles / r
    of the training operators in them; a log-space forest predicts their geometric mean,
    below it whenever the ratios spread (retransformation bias)."""
    r = space_records(1)[0]
    n = r["n_ops"]
    ops = ["CONV_2D"] * n  # one op type, identical features: one leaf per tree
    x = np.repeat(np.asarray(r["x"][:1], np.float32), n, 0)
    rec = {**r, "ops": ops, "x": np.concatenate([x, np.asarray(r["x"][n:])], 0)}
    roof = baselines.roofline(rec, "u55")
    ratio = np.linspace(1.0, 9.0, n)
    rec["u55_op_cycles"] = roof * ratio
    mean = baselines.NNMeter(trees_scale=0.05, target="ratio_mean").fit([rec], "u55_op_cycles")
    geo = baselines.NNMeter(trees_scale=0.05, target="ratio").fit([rec], "u55_op_cycles")
    np.testing.assert_allclose(mean.predict_ops(rec), roof * ratio.mean(), rtol=1e-12)
    np.testing.assert_allclose(mean.predict([rec]), [np.sum(rec["u55_op_cycles"])], rtol=1e-12)
    # the log-space forest averages over its bootstrap samples: not above the arithmetic mean
    assert np.all(geo.predict_ops(rec) < roof * ratio.mean())
    # data-only round trip, bit for bit; the target and platform travel in the meta
    arrays, meta = mean.to_arrays()
    assert meta["target"] == "ratio_mean" and meta["n_features"] == 16
    back = baselines.NNMeter.from_arrays(arrays, meta)
    assert np.array_equal(back.predict_ops(rec), mean.predict_ops(rec))


def test_mean_leaves_keep_the_unseen_op_fallback(fitted):
    nm, _, recs = fitted
    mean = baselines.NNMeter(trees_scale=0.05, target="ratio_mean").fit(recs[:8], "u55_op_cycles")
    assert mean.fallback == nm.fallback
    r = recs[0]
    odd = {**r, "ops": ["NEVER_SEEN"] * r["n_ops"]}
    np.testing.assert_array_equal(mean.predict_ops(odd), nm.predict_ops(odd))
    assert np.all(mean.predict_ops(r) > 0)
