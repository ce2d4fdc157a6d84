"""Issue 22: ``python -m experiments.perfsage predict`` on graphs with unseen ops and
absurd sizes gives bounded numbers with an out-of-distribution flag."""

import json
import math

import jax
import numpy as np
import pytest

from experiments import perfsage
from jaxeff.gnn import velamem
from jaxeff.gnn.baselines import NNMeter
from jaxeff.gnn.bounds import OodStats, node_box
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.fit import (
    FitConfig,
    ForestBase,
    Predictor,
    Scaler,
    batches,
    fit,
    graph_of,
)
from jaxeff.gnn.perfsage import PerfSAGE
from jaxeff.gnn.realeval import record_of
from jaxeff.gnn.store import ArtifactError
from jaxeff.tflite import save_tflite

TARGETS = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "u65_sram_kib")


def _model(path, hw, custom):
    b = NetBuilder(np.random.default_rng(0))
    y = b.conv(b.input((1, hw, hw, 3)), 64, 3, 2)
    if custom:
        y = b._op("CUSTOM:TFLite_Detection_PostProcess", [y], b.shape(y))
    save_tflite(b.finish([b.fc(b.mean(y, (1, 2), False), 10)]), path)
    return record_of(path)


def test_predict_cli_bounds_unseen_op_and_absurd_size(tmp_path, capsys):
    rec = _model(tmp_path / "train.tflite", 32, False)
    rec["labels"] = dict.fromkeys(TARGETS, 1.0)
    cfg = FitConfig(hidden=8, readout="additive", unknown_rate=0.05)
    scaler = Scaler.fit([rec["x"]])
    model = PerfSAGE(num_targets=len(TARGETS), hidden=8, readout="additive")
    g = batches([graph_of(rec, scaler, None, cfg.direction)], cfg.batch_size, None)[0]
    params = jax.jit(model.init)(jax.random.key(0), g)["params"]
    params["head"]["bias"] = params["head"]["bias"] + 80.0  # raw output ~ e^80
    path = Predictor(params, scaler, TARGETS, cfg, ood=OodStats.fit([rec], TARGETS)).save(
        tmp_path / "p.npz")
    # an unseen CUSTOM op on a 20000 x 20000 input (a 3.2e11-MAC convolution)
    _model(tmp_path / "absurd.tflite", 20000, True)
    out = perfsage.main(["predict", str(tmp_path / "absurd.tflite"), "--predictor",
                         str(path)])
    a = out["_assessment"]
    assert a["ood"] and a["unseen_ops"] == ["CUSTOM:TFLite_Detection_PostProcess"]
    assert a["score"] > 1
    for t in TARGETS:
        assert math.isfinite(out[t]) and a["lower"][t] <= out[t] <= a["upper"][t]
        assert a["clamped"][t]  # e^80 is far above every upper bound
    printed = capsys.readouterr().out
    assert "(clamped)" in printed and "out-of-distribution: YES" in printed
    assert "CUSTOM:TFLite_Detection_PostProcess" in printed
    # session 18: the no-learning Vela-rules SRAM is printed, finite, at least the input
    assert "SRAM by Vela's memory rules" in printed
    assert f"rule {velamem.DEFAULT_RULE})" in printed
    assert all(math.isfinite(v) and v >= 20000 * 20000 * 3 * 4 / 1024
               for v in out["_vela_rules"].values())
    # the upper bound is physical: 64 x MACs at 128 MAC/cycle, 500 MHz, and more
    macs = 10000 * 10000 * 64 * 9 * 3
    assert a["upper"]["u55_latency_ms"] > 64 * macs / 128 / 500e6 * 1e3


def test_predict_cli_with_a_stacked_predictor_file(tmp_path, capsys):
    """Session 16: a stacked predictor file carries its nn-Meter forests (data-only);
    the CLI gives the in-memory predictor's numbers exactly."""
    recs = [_model(tmp_path / f"m{hw}.tflite", hw, False) for hw in (16, 24, 32)]
    for i, r in enumerate(recs):
        cyc = np.arange(1.0, r["n_ops"] + 1) * 100 * (i + 1)
        r.update(u55_op_cycles=cyc, u65_op_cycles=cyc / 2)
        r["labels"] = {"u55_latency_ms": cyc.sum() / 5e5,
                       "u65_latency_ms": cyc.sum() / 2e6,
                       "u55_sram_kib": 5.0, "u65_sram_kib": 6.0}
    meters = {t: NNMeter(trees_scale=0.02, target="ratio").fit(recs, f"{t[:3]}_op_cycles")
              for t in TARGETS[:2]}
    base = ForestBase(TARGETS, meters, {"u55_latency_ms": 2e-6, "u65_latency_ms": 5e-7})
    cfg = FitConfig(epochs=1, batch_size=4, hidden=8, readout="additive",
                    node_inputs="stacked")
    pred = fit(recs, [], TARGETS, cfg, node_base=base)
    path = pred.save(tmp_path / "predictor_stacked.npz")
    out = perfsage.main(["predict", str(tmp_path / "m24.tflite"), "--predictor",
                         str(path)])
    want = pred.predict_bounded([record_of(tmp_path / "m24.tflite")])[0]["value"]
    assert {t: out[t] for t in TARGETS} == want
    rec = record_of(tmp_path / "m24.tflite")
    assert out["_vela_rules"] == {f"{p}_sram_kib": velamem.sram_bytes(rec, p) / 1024
                                  for p in ("u55", "u65")}
    printed = capsys.readouterr().out
    assert "u55_latency_ms" in printed and "per-op sum of its forests (target ratio" in printed
    # session 19: the saved ratio forests' per-op sum, exactly as the in-memory ones
    assert out["_per_op_sum"] == {t: float(base.per_op()[t](rec).sum()) for t in TARGETS[:2]}
    assert all(v > 0 for v in out["_per_op_sum"].values())
    assert out["_capped"] == {}  # no caps file beside this predictor: no capped line
    # a caps file beside it: the capped value moves the per-op sum by at most e^cap
    caps = tmp_path / perfsage.CAPS_FILE
    caps.write_text(json.dumps({"u55_latency_ms": 0.1, "u65_latency_ms": 0.0}))
    out = perfsage.main(["predict", str(tmp_path / "m24.tflite"), "--predictor", str(path)])
    p = out["_per_op_sum"]
    assert out["_capped"]["u65_latency_ms"] == pytest.approx(p["u65_latency_ms"])
    assert abs(math.log(out["_capped"]["u55_latency_ms"] / p["u55_latency_ms"])) <= 0.1 + 1e-12
    printed = capsys.readouterr().out
    assert "recommended (session 22, rule C-U" in printed and ", as here" not in printed
    for bad in ('{"u55_sram_kib": 1.0}', '{"u55_latency_ms": -1}', '{"u55_latency_ms": true}',
                "[1, 2]", "{not json"):
        caps.write_text(bad)
        with pytest.raises(ValueError, match="caps|corrupt"):
            perfsage.main(["predict", str(tmp_path / "m24.tflite"), "--predictor", str(path)])
    # session 20: caps saved inside the predictor file win over a file beside it, and
    # predict_capped gives the same numbers in the library
    caps.write_text(json.dumps({"u55_latency_ms": 0.1, "u65_latency_ms": 0.0}))
    with pytest.raises(ValueError, match="correction_caps"):
        pred.predict_capped([rec])
    pred.correction_caps = {"u55_latency_ms": 0.0, "u65_latency_ms": 0.0}
    (tmp_path / "inside").mkdir()
    (tmp_path / "bad").mkdir()
    path2 = pred.save(tmp_path / "inside" / "predictor_stacked.npz")
    loaded = Predictor.load(path2)
    assert loaded.correction_caps == pred.correction_caps
    np.testing.assert_allclose(loaded.predict_capped([rec])[0, :2],
                               [p[t] for t in TARGETS[:2]], rtol=1e-12)  # cap 0: the sum
    np.testing.assert_array_equal(loaded.predict_capped([rec])[0, 2:],
                                  pred.predict_capped([rec])[0, 2:])
    (path2.parent / perfsage.CAPS_FILE).write_text(caps.read_text())  # ignored: inside wins
    out = perfsage.main(["predict", str(tmp_path / "m24.tflite"), "--predictor", str(path2)])
    assert out["_capped"] == pytest.approx({t: p[t] for t in TARGETS[:2]}, rel=1e-12)
    for bad in ({"u55_sram_kib": 1.0}, {"u55_latency_ms": -1.0},
                {"u55_latency_ms": float("nan")}, {"host_latency_ms": 1.0}):
        pred.correction_caps = bad
        bad_path = pred.save(tmp_path / "bad" / "predictor_stacked.npz")
        with pytest.raises(ArtifactError, match="caps"):
            Predictor.load(bad_path)
    # session 22, rule C-U: a graph with an operator type no training graph had (CUSTOM)
    # gets its forests' per-op sum, exactly, in the library and in the CLI
    pred.correction_caps = {"u55_latency_ms": 0.1, "u65_latency_ms": 0.1}
    path3 = pred.save(tmp_path / "inside" / "predictor_stacked.npz")
    odd = _model(tmp_path / "odd.tflite", 24, True)
    loaded = Predictor.load(path3)
    sums = [float(base.per_op()[t](odd).sum()) for t in TARGETS[:2]]
    np.testing.assert_array_equal(loaded.predict_capped([odd], unseen_per_op=True)[0, :2], sums)
    np.testing.assert_array_equal(loaded.predict_capped([odd, rec], unseen_per_op=True)[1],
                                  loaded.predict_capped([rec])[0])  # seen types: unchanged
    capsys.readouterr()
    out = perfsage.main(["predict", str(tmp_path / "odd.tflite"), "--predictor", str(path3)])
    assert out["_assessment"]["unseen_ops"] == ["CUSTOM:TFLite_Detection_PostProcess"]
    assert out["_recommended"] == {t: v for t, v in zip(TARGETS[:2], sums, strict=True)}
    assert out["_capped"] != out["_recommended"]  # the capped GNN moved the sum
    assert ", as here" in capsys.readouterr().out


def test_predict_cli_seed_ensemble(tmp_path, capsys):
    """Session 25 (I-ens): several predictors give, per target, the geometric mean of
    their recommended predictions; a predictor without caps is refused in an ensemble."""
    recs = [_model(tmp_path / f"m{hw}.tflite", hw, False) for hw in (16, 24, 32)]
    for i, r in enumerate(recs):
        cyc = np.arange(1.0, r["n_ops"] + 1) * 100 * (i + 1)
        r.update(u55_op_cycles=cyc, u65_op_cycles=cyc / 2)
        r["labels"] = {"u55_latency_ms": cyc.sum() / 5e5, "u65_latency_ms": cyc.sum() / 2e6,
                       "u55_sram_kib": 5.0, "u65_sram_kib": 6.0}
    paths = []
    for k, cap in enumerate((0.0, 0.3)):
        meters = {t: NNMeter(trees_scale=0.02, target="ratio").fit(recs, f"{t[:3]}_op_cycles")
                  for t in TARGETS[:2]}
        base = ForestBase(TARGETS, meters, {"u55_latency_ms": 2e-6, "u65_latency_ms": 5e-7})
        cfg = FitConfig(epochs=1 + k, batch_size=4, hidden=8, readout="additive",
                        node_inputs="stacked", seed=k)
        pred = fit(recs, [], TARGETS, cfg, node_base=base)
        pred.correction_caps = {"u55_latency_ms": cap, "u65_latency_ms": cap}
        (tmp_path / f"s{k}").mkdir()
        paths.append(str(pred.save(tmp_path / f"s{k}" / "predictor_stacked.npz")))
    model = str(tmp_path / "m24.tflite")
    one = [perfsage.main(["predict", model, "--predictor", p])["_recommended"] for p in paths]
    assert one[0] != one[1]  # cap 0 gives the per-op sum, cap 0.3 the GNN's correction
    capsys.readouterr()
    out = perfsage.main(["predict", model, "--predictor", *paths])
    assert out["_recommended"] == one[0]
    for t in TARGETS[:2]:
        assert out["_ensemble"][t] == pytest.approx(math.sqrt(one[0][t] * one[1][t]), rel=1e-12)
    printed = capsys.readouterr().out
    assert "predictor 2 of 2" in printed and "seed ensemble of 2 predictors" in printed
    # a plain (non-stacked) predictor has no recommended line: refused in an ensemble
    plain = fit(recs, [], TARGETS, FitConfig(epochs=1, batch_size=4, hidden=8))
    (tmp_path / "plain").mkdir()
    pp = str(plain.save(tmp_path / "plain" / "predictor.npz"))
    with pytest.raises(ValueError, match="seed ensemble needs stacked predictors"):
        perfsage.main(["predict", model, "--predictor", paths[0], pp])


def test_predict_cli_rule_j(tmp_path, capsys):
    """Session 26 (rule J): ``--node-margin`` prints and ensembles the recommended row
    with out-of-box nodes on their forests' value; a predictor without its box is
    refused; a box that holds every node changes nothing; the CLI gives the library's
    numbers (``Predictor.predict_capped``, whose arithmetic ``tests/gnn/
    test_node_fallback.py`` pins)."""
    recs = [_model(tmp_path / f"m{hw}.tflite", hw, False) for hw in (16, 24, 32)]
    for r in recs:
        cyc = np.arange(1.0, r["n_ops"] + 1) * 100
        r.update(u55_op_cycles=cyc, u65_op_cycles=cyc / 2)
        r["labels"] = {"u55_latency_ms": cyc.sum() / 5e5, "u65_latency_ms": cyc.sum() / 2e6,
                       "u55_sram_kib": 5.0, "u65_sram_kib": 6.0}
    meters = {t: NNMeter(trees_scale=0.02, target="ratio").fit(recs, f"{t[:3]}_op_cycles")
              for t in TARGETS[:2]}
    base = ForestBase(TARGETS, meters, {"u55_latency_ms": 2e-6, "u65_latency_ms": 5e-7})
    pred = fit(recs, [], TARGETS, FitConfig(epochs=1, batch_size=4, hidden=8,
                                            readout="additive", node_inputs="stacked"),
               node_base=base)
    pred.correction_caps = {"u55_latency_ms": 0.3, "u65_latency_ms": 0.3}
    model = str(tmp_path / "m24.tflite")
    path = str(pred.save(tmp_path / "nobox.npz"))
    with pytest.raises(ValueError, match="--node-margin needs .*training box"):
        perfsage.main(["predict", model, "--predictor", path, "--node-margin", "0"])
    with pytest.raises(SystemExit):
        perfsage.main(["predict", model, "--predictor", path, "--node-margin", "-1"])
    pred.node_box = node_box(recs)  # every node of m24 inside: rule J is the C-U row
    path = str(pred.save(tmp_path / "box.npz"))
    capsys.readouterr()
    out = perfsage.main(["predict", model, "--predictor", path, "--node-margin", "0"])
    assert out["_rule_j"] == pytest.approx(out["_recommended"], rel=1e-12)
    assert "rule J (session 26, margin 0): 0.0 % of the nodes" in capsys.readouterr().out
    nan = np.full_like(pred.node_box[0], np.nan)
    pred.node_box = (nan, nan)  # no category seen: every node on its forests' value
    path2 = str(pred.save(tmp_path / "empty.npz"))
    out = perfsage.main(["predict", model, "--predictor", path2, "--node-margin", "0"])
    lib = pred.predict_capped([record_of(model)], True, node_margin=0.0)[0]
    assert out["_rule_j"] == pytest.approx(dict(zip(TARGETS[:2], lib[:2], strict=True)),
                                           rel=1e-12)
    ens = perfsage.main(["predict", model, "--predictor", path, path2, "--node-margin", "0"])
    for t in TARGETS[:2]:
        assert ens["_ensemble"][t] == pytest.approx(
            math.sqrt(out["_rule_j"][t] * ens["_rule_j"][t]), rel=1e-12)
