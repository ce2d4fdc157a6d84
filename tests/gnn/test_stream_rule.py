"""Rule R (issue 22, session 32): every operator whose weights exceed its type's
training range costs ``max(forest at the clipped weights, rho_w B_w / W_w)``, with
``rho_w`` the training split's median cycles / weight term over its largest
weight-dominated operators (``NNMeter.weight_stream_ratio``); unlike rule P it also
acts where the clipped operator stays weight-dominated (the Context Encoder's
transposed convolution, ``docs/evidence/perfsage-cpu-2026-12-06-s32/diag_wbound.md``)."""

from __future__ import annotations

import numpy as np
import pytest

from jaxeff.gnn.baselines import NNMeter, roof_terms
from jaxeff.gnn.bounds import node_box
from jaxeff.gnn.fit import ForestBase, Predictor, _check_stream
from jaxeff.gnn.graph import NUM_CATEGORIES
from tests.gnn.test_weight_rule import COL, _rec


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """Training TRANSPOSE_CONVs that are all compute-bound at their largest weights
    (4 x the MAC term); a test one on a 1 x 1 map with 4 x more weights, weight-dominated even when
    clipped, so that rule P leaves it to the forest's extrapolated ratio."""
    d = tmp_path_factory.mktemp("rr")
    train = [_rec(d, f"t{i}.tflite", s, c, c // 2, f)
             for i, (s, c, f) in enumerate([(8, 16, 64), (16, 32, 96), (12, 24, 128),
                                            (20, 16, 80)])]
    m = NNMeter(trees_scale=0.05, target="ratio").fit(train, "u55_op_cycles")
    hi = node_box(train)[1][:, COL]
    return m, hi, train, _rec(d, "big.tflite", 1, 64, 32, 512)


def test_stream_ratio_by_hand(fitted):
    m, _, train, _ = fitted
    terms, ratios = [], []
    for r in train:  # the labels: FC 1.1 x its weight term, TRANSPOSE_CONV max(4 MAC, 0.9 W)
        t = roof_terms(r, "u55")
        dom = t[:, 2] > t[:, :2].max(1)
        terms += list(t[dom, 2])
        ratios += list(np.asarray(r["u55_op_cycles"])[dom] / t[dom, 2])
    terms, ratios = np.asarray(terms), np.asarray(ratios)
    assert len(terms) >= 4 and np.sum(np.isclose(ratios, 1.1)) >= 4  # the FCs at least
    assert m.weight_stream_ratio(train, "u55_op_cycles", top=1.0) == pytest.approx(
        np.median(ratios))
    top = terms >= np.sort(terms)[-max(1, int(np.ceil(0.1 * len(terms))))]
    assert m.weight_stream_ratio(train, "u55_op_cycles") == pytest.approx(
        np.median(ratios[top]))
    # a label scaled on the largest operator only moves the top decile's median
    big = max(range(len(train)), key=lambda i: roof_terms(train[i], "u55")[:, 2].max())
    t = roof_terms(train[big], "u55")
    j = int(np.argmax(t[:, 2]))
    lab = np.asarray(train[big]["u55_op_cycles"], np.float64).copy()
    lab[j] = 0.5 * t[j, 2]
    moved = [dict(r) for r in train]
    moved[big]["u55_op_cycles"] = lab
    assert m.weight_stream_ratio(moved, "u55_op_cycles", top=1e-9) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="not this forest's platform"):
        m.weight_stream_ratio(train, "u65_op_cycles")
    with pytest.raises(ValueError, match="top must be in"):
        m.weight_stream_ratio(train, "u55_op_cycles", top=0)
    with pytest.raises(ValueError, match="no weight-dominated operator"):
        m.weight_stream_ratio([{**r, "u55_op_cycles": np.zeros(r["n_ops"])} for r in train],
                              "u55_op_cycles")


def test_rule_r_streams_where_rule_p_does_not(fitted):
    m, hi, _, rec = fitted
    ops = list(rec["ops"][: rec["n_ops"]])
    k, f = ops.index("TRANSPOSE_CONV"), ops.index("FULLY_CONNECTED")
    t = roof_terms(rec, "u55")
    over, clipped = m.clip_weights(rec, hi)
    assert over[k] and over[f]
    # weight-dominated even at the clip: outside rule P's regime
    tc = roof_terms(clipped, "u55")
    assert tc[k, 2] > tc[k, :2].max()
    assert not m.weight_regime(rec, hi)[0][k]
    plain, p_rule = m.predict_ops(rec), m.predict_ops(rec, hi)
    assert p_rule[k] == plain[k] and plain[k] > 2 * t[k, 2]  # the compute-side ratio
    rho = 0.9
    r_rule = m.predict_ops(rec, hi, stream=rho)
    at_clip = m.predict_ops(clipped)
    for i in (k, f):  # every operator beyond its weights: the larger of the two
        assert r_rule[i] == pytest.approx(max(at_clip[i], rho * t[i, 2]), rel=1e-12)
    assert r_rule[k] == pytest.approx(rho * t[k, 2], rel=1e-12)  # 0.9 x: Vela's cost
    assert r_rule[k] < 0.5 * plain[k]
    np.testing.assert_array_equal(np.delete(r_rule, [k, f]), np.delete(plain, [k, f]))
    # a larger rho never lowers a prediction (the max, not a min)
    assert np.all(m.predict_ops(rec, hi, stream=2 * rho) >= r_rule)
    wide = np.full(NUM_CATEGORIES + 1, 99.0, np.float32)  # inside: nothing moves
    np.testing.assert_array_equal(m.predict_ops(rec, wide, stream=rho), plain)


def test_rule_r_refusals_and_the_predictor_file(fitted, tmp_path):
    m, hi, _, rec = fitted
    with pytest.raises(ValueError, match="needs weight_hi"):
        m.predict_ops(rec, stream=0.9)
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="stream must be a finite number > 0"):
            m.predict_ops(rec, hi, stream=bad)
    fb = ForestBase(("u55_latency_ms",), {"u55_latency_ms": m}, {"u55_latency_ms": 2e-6})
    with pytest.raises(ValueError, match="one ratio per forest target"):
        fb.with_weight_rule(hi, {"u65_latency_ms": 0.9})
    r = fb.with_weight_rule(hi, {"u55_latency_ms": 0.9})
    np.testing.assert_allclose(r.per_op()["u55_latency_ms"](rec),
                               m.predict_ops(rec, hi, stream=0.9) * 2e-6, rtol=1e-12)
    meters = {"u55_latency_ms": m}
    assert _check_stream({"u55_latency_ms": 1}, meters) == {"u55_latency_ms": 1.0}
    for bad in ({"u55_latency_ms": 0}, {"u55_latency_ms": True}, {"u65_latency_ms": 1.0},
                {"u55_latency_ms": "1"}, [1.0], {"u55_latency_ms": float("nan")}):
        with pytest.raises(ValueError, match="weight_stream must map"):
            _check_stream(bad, meters)
    from jaxeff.gnn.fit import FitConfig

    p = Predictor(params=None, scaler=None, targets=("u55_latency_ms",), config=FitConfig(),
                  node_base=fb, node_box=(np.zeros((NUM_CATEGORIES + 1, 1)),
                                          np.zeros((NUM_CATEGORIES + 1, 1))))
    with pytest.raises(ValueError, match="rule R needs the predictor's weight_stream"):
        p.with_weight_rule(stream=True)
