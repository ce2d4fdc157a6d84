"""Issue 22: bounded PerfSAGE predictions, OOD flags and node-level supervision."""

import math

import jax
import jax.numpy as jnp
import jraph
import numpy as np
import pytest
from gnn_graphs import tflite_dir

from jaxeff.gnn.bounds import (
    OodStats,
    assess,
    capped_correction,
    correction_cap,
    graph_quantities,
    target_bounds,
)
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import FitConfig, node_targets
from jaxeff.gnn.graph import FEATURE_COLUMNS, INPUT_CATEGORY
from jaxeff.gnn.perfsage import node_l1_loss
from jaxeff.gnn.realeval import error_rows, record_of, summary
from jaxeff.tflite import save_tflite


def _conv_rec(tmp_path, hw=16, c_out=8, custom=False):
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, hw, hw, 3)), c_out, 3)
    if custom:
        y = b._op("CUSTOM:TFLite_Detection_PostProcess", [y], b.shape(y))
    save_tflite(b.finish([y]), tmp_path / "m.tflite")
    return record_of(tmp_path / "m.tflite")


def test_roofline_lower_bound_exact(tmp_path):
    q = graph_quantities(_conv_rec(tmp_path))
    # conv 3x3, 3 -> 8 on 16x16 (SAME): 55,296 MACs; float input 16*16*3*4 = 3072 B
    assert q["macs"] == 55296 and q["input_bytes"] == 3072
    lo55, hi55 = target_bounds("u55_latency_ms", q)
    lo65, _ = target_bounds("u65_latency_ms", q)
    # U55-128 at 500 MHz: max(55296 / 128, 3072 / 8) = 432 cycles; U65-256 at 1 GHz:
    # max(55296 / 256, 3072 / 16) = 216 cycles
    assert lo55 == pytest.approx(432 / 500e6 * 1e3, rel=1e-12)
    assert lo65 == pytest.approx(216 / 1e9 * 1e3, rel=1e-12)
    assert hi55 > 64 * lo55


def test_vela_anchors_inside_bounds():
    d = tflite_dir()
    # spec perfsage.md §4 (Vela 5.2, U55-128): DS-CNN-S 0.179768 ms, 21.6875 KiB;
    # MobileNet-v1-0.25-128 uint8 671,949 cycles at 500 MHz, 128.61 KiB
    for name, ms, kib in (("ML-examples__ds_cnn_s_quantized", 0.179768, 21.6875),
                          ("test_data__mobilenet_v1_0.25_128_quant", 671949 / 5e5, 128.61)):
        q = graph_quantities(record_of(d / f"{name}.tflite"))
        lo, hi = target_bounds("u55_latency_ms", q)
        assert lo < ms < hi, (name, lo, ms, hi)
        lo, hi = target_bounds("u55_sram_kib", q)
        assert lo <= kib < hi, (name, lo, kib, hi)


def _ood(recs, targets):
    for r in recs:
        r["labels"] = {t: 1.0 for t in targets}
    return OodStats.fit(recs, targets)


def test_absurd_raw_outputs_are_clamped_and_flagged(tmp_path):
    rec = _conv_rec(tmp_path)
    tg = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "peak_kib", "host_latency_ms",
          "u55_energy_uj", "other_target")
    ood = _ood([dict(rec)], tg)
    raw = np.asarray([[4e18, math.inf, math.nan, -1.0, 0.0, 1e300, 1e9]])
    (a,) = assess(raw, [rec], tg, ood)
    for t in tg:
        assert a["lower"][t] <= a["value"][t] <= a["upper"][t] < math.inf
        assert a["clamped"][t]
    assert a["ood"] and a["unseen_ops"] == [] and a["score"] == 0.0
    # inside the bounds and the training box: untouched, not flagged
    mid = {t: math.sqrt(a["lower"][t] * a["upper"][t]) for t in tg}
    (b,) = assess(np.asarray([[mid[t] for t in tg]]), [rec], tg, ood)
    assert not b["ood"] and not any(b["clamped"].values())
    assert b["value"] == pytest.approx(mid)
    bad = dict(rec, x=np.where(np.arange(rec["x"].size).reshape(rec["x"].shape) == 0,
                               np.inf, rec["x"]))
    with pytest.raises(ValueError, match="refused.*non-finite"):
        assess(raw, [bad], tg, ood)


def test_unseen_op_and_out_of_range_features_flagged(tmp_path):
    tg = ("u55_latency_ms",)
    ood = _ood([_conv_rec(tmp_path)], tg)
    big = _conv_rec(tmp_path, hw=512, custom=True)
    score, unseen = ood.score(big)
    assert unseen == ["CUSTOM:TFLite_Detection_PostProcess"] and score > 1
    # a column constant in training (here: no int8 tensor at all) scores 1e3 per unit
    rec = _conv_rec(tmp_path)
    col = list(FEATURE_COLUMNS).index("dtype_int8")
    rec["x"] = rec["x"].copy()
    rec["x"][0, col] = 1.0
    assert ood.score(rec)[0] == pytest.approx(1e3)
    with pytest.raises(ValueError, match="ood.lo"):
        OodStats.from_json(dict(ood.to_json(), lo=[0.0]), len(ood.lo), tg)
    assert OodStats.from_json(ood.to_json(), len(ood.lo), tg) == ood


def test_node_targets_sum_to_graph_label_and_node_loss_value():
    rec = {"x": np.zeros((5, 3)), "n_ops": 3, "labels": {"u55_latency_ms": 2.0,
                                                          "u55_sram_kib": 7.0},
           "u55_op_cycles": np.asarray([100.0, 0.0, 300.0])}
    yn = node_targets(rec, ("u55_sram_kib", "u55_latency_ms"))
    np.testing.assert_allclose(yn[:, 1], [0.5, 0.0, 1.5, 0.0, 0.0])
    assert not yn[:, 0].any()
    with pytest.raises(ValueError, match="3 operators"):
        node_targets(dict(rec, n_ops=3, u55_op_cycles=np.ones(2)), ("u55_latency_ms",))
    # one real graph of 3 nodes + one padding graph of 1 node
    g = jraph.GraphsTuple(nodes=None, edges=None, senders=jnp.zeros(0, jnp.int32),
                          receivers=jnp.zeros(0, jnp.int32), globals=None,
                          n_node=jnp.asarray([3, 1]), n_edge=jnp.asarray([0, 0]))
    g = g._replace(nodes={"cat": jnp.zeros(4, jnp.int32)})
    node_y = jnp.asarray([[1.0], [2.0], [0.0], [9.0]])
    u = jnp.log(jnp.asarray([[2.0], [2.0], [1.0], [1.0]]))
    # labelled nodes: mean(|log 2 - log 1|, |log 2 - log 2|) = log(2) / 2; the node
    # with label 0 takes exp(0) = 1 of the graph total 3; the padding graph is ignored
    fn = jax.jit(node_l1_loss)
    want = math.log(2) / 2 + 1 / 3
    assert float(fn(u, node_y, g, jnp.asarray([True]))) == pytest.approx(want, rel=1e-6)
    assert float(fn(u, node_y, g, jnp.asarray([False]))) == 0.0
    # session 23, zero_floor: the operator labelled 0 joins the mean with target 0.5
    # (|log 1 - log 0.5|); an input node labelled 0 does not (category INPUT)
    floor = jnp.asarray([0.5])
    want = (math.log(2) + 0 + math.log(2)) / 3 + 1 / 3
    op = INPUT_CATEGORY + 2  # an operator category
    go = g._replace(nodes={"cat": jnp.full(4, op, jnp.int32)})
    assert float(fn(u, node_y, go, jnp.asarray([True]), floor)) == pytest.approx(want, rel=1e-6)
    gi = g._replace(nodes={"cat": jnp.asarray([op, op, INPUT_CATEGORY, op], jnp.int32)})
    assert float(fn(u, node_y, gi, jnp.asarray([True]), floor)) == pytest.approx(
        math.log(2) / 2 + 1 / 3, rel=1e-6)


def test_fit_config_node_loss_checks():
    with pytest.raises(ValueError, match="node_loss needs"):
        FitConfig(node_loss=1.0).check()  # paper readout
    with pytest.raises(ValueError, match="unknown_rate"):
        FitConfig(unknown_rate=1.5).check()
    FitConfig(readout="additive", node_loss=1.0, unknown_rate=0.05).check()
    with pytest.raises(ValueError, match="zero_floor needs node_loss"):
        FitConfig(readout="additive", zero_floor=True).check()


def test_real_error_summary():
    labels = [{"npu_full": True, "t": 2.0}, {"npu_full": True, "t": 4.0},
              {"npu_full": False, "t": 1.0}]
    rows = error_rows(["a", "b", "c"], labels, {"m": np.asarray([[3.0], [3.0], [9.0]])},
                      ("t",))
    assert [r["err"]["m"]["t"] for r in rows] == [50.0, -25.0, 800.0]
    s = summary(rows, "m", "t")
    assert s == {"n": 2, "median": 37.5, "mape": 37.5, "max": 50.0, "within10": 0}
    assert summary(rows, "m", "t", only_full=False)["max"] == 800.0


def test_spec_graph_quantities(spec_g, tmp_path):
    save_tflite(spec_g, tmp_path / "s.tflite")
    q = graph_quantities(record_of(tmp_path / "s.tflite"))
    assert q["n_ops"] == 4 and q["macs"] == 55296 + 8 * 10


def test_correction_cap_and_capped_correction_exact():
    """Session 19: the cap is the percentile of |log(label / base)|; the capped
    prediction moves the base by at most exp(cap), and not at all inside it."""
    y = np.asarray([1.0, 2.0, 4.0, 8.0, 1.0])
    b = np.asarray([1.0, 1.0, 1.0, 1.0, 2.0])  # |log ratios| = 0, l2, 2 l2, 3 l2, l2
    l2 = math.log(2)
    assert correction_cap(y, b, 100) == pytest.approx(3 * l2)
    assert correction_cap(y, b, 50) == pytest.approx(l2)
    assert correction_cap(y, b, 0) == 0.0
    pred, base = np.asarray([10.0, 1.5, 0.1]), np.asarray([1.0, 1.0, 1.0])
    out = capped_correction(pred, base, l2)
    np.testing.assert_allclose(out, [2.0, 1.5, 0.5])  # clipped up, kept, clipped down
    assert np.array_equal(capped_correction(pred, base, 10.0), pred)
    for bad in (lambda: correction_cap(y, b[:3]), lambda: correction_cap(y, -b),
                lambda: correction_cap(y, b, 101), lambda: capped_correction(pred, base, -1),
                lambda: capped_correction(pred, base[:2], 1.0),
                lambda: capped_correction(-pred, base, 1.0)):
        with pytest.raises(ValueError):
            bad()


def test_check_caps_accepts_latency_caps_only():
    """Session 20: the caps a stacked predictor saves are checked on load."""
    from jaxeff.gnn.bounds import check_caps
    tg = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib")
    assert check_caps({"u55_latency_ms": 1, "u65_latency_ms": 0.5}, tg) == {
        "u55_latency_ms": 1.0, "u65_latency_ms": 0.5}
    assert check_caps({}, tg) == {}
    for bad in ({"u55_sram_kib": 1.0}, {"u55_latency_ms": -0.1}, {"u55_latency_ms": True},
                {"u55_latency_ms": float("inf")}, {"host_latency_ms": 1.0}, [1.0], None):
        with pytest.raises(ValueError, match="caps"):
            check_caps(bad, tg)
    with pytest.raises(ValueError, match="caps"):  # a target the forests do not predict
        check_caps({"u65_latency_ms": 1.0}, tg, forests={"u55_latency_ms"})


def test_per_op_on_unseen_selects_per_graph():
    from jaxeff.gnn.bounds import per_op_on_unseen

    cap, po = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[5.0, 6.0], [7.0, 8.0]])
    np.testing.assert_array_equal(per_op_on_unseen(cap, po, [False, True]),
                                  [[1.0, 2.0], [7.0, 8.0]])
    np.testing.assert_array_equal(per_op_on_unseen(cap[:, 0], po[:, 0], [True, False]),
                                  [5.0, 3.0])
    with pytest.raises(ValueError, match="one flag per graph"):
        per_op_on_unseen(cap, po, [True])
    with pytest.raises(ValueError, match="must agree"):
        per_op_on_unseen(cap, po[:, :1], [True, False])
