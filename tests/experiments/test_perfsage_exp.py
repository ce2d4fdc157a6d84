"""Smoke tests of `experiments.perfsage_dataset` and `experiments.perfsage`."""

import dataclasses
import json
import math
import os

import numpy as np
import pytest

from experiments import perfsage, perfsage_dataset
from jaxeff.gnn import baselines
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.dataset import load_dataset, make_tflite
from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import memory_plan
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

pytestmark = pytest.mark.usefixtures("rbg_keys")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    wd = tmp_path_factory.mktemp("perfsage") / "ds"
    card = perfsage_dataset.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    return wd, card


def test_dataset_smoke_card_and_resume(dataset):
    wd, card = dataset
    assert card["total"] == 12
    assert set(card["spaces"]) == {"mbconv", "resnet", "dscnn", "sesr"}
    for c in card["spaces"].values():
        assert c["count"] == 3 and c["nodes"][1] <= 200
        lo, _, hi = c["ranges"]["u55_latency_ms"]
        assert 0 < lo <= hi
    assert "PerfSAGE dataset card" in (wd / "card.md").read_text()
    again = perfsage_dataset.main(["--smoke", "--no-progress", "--workdir", str(wd)])
    assert again["graphs_built_this_run"] == 0 and again["total"] == 12
    # a graph regenerates exactly from its (space, seed)
    rec = load_dataset(wd)[0]
    s, _ = make_tflite(rec["space"], rec["seed"])
    assert s.graph.op_types() == rec["ops"]


def test_model_seed_moves_the_forests_and_keeps_the_split(dataset):
    wd, _ = dataset
    cfg, _, _ = perfsage.parse(["--smoke", "--real-study", "--model-seed", "2"])
    assert cfg.model_seed == 2 and perfsage.Config().model_seed == 0
    recs = load_dataset(wd)
    tg = ("u55_latency_ms",)
    f0 = perfsage._forests(perfsage.Config.smoke(), recs, tg)
    f2 = perfsage._forests(cfg, recs, tg)
    assert f0.meters[tg[0]].seed == 10 and f2.meters[tg[0]].seed == 12
    # model seed 0 = the forests of the earlier runs (random_state 10)
    old = baselines.NNMeter(trees_scale=0.02).fit(recs, "u55_op_cycles")
    for r in recs:
        assert np.array_equal(f0.per_op()[tg[0]](r),
                              old.predict_ops(r) * f0.ratios[tg[0]])
    assert any(not np.array_equal(f0.per_op()[tg[0]](r), f2.per_op()[tg[0]](r))
               for r in recs)


@pytest.mark.slow  # CI budget: ~86 s on 2 cores; the dataset smoke and the predict CLI bounds test stay
def test_perfsage_smoke_and_predict(dataset, tmp_path, capsys):
    wd, _ = dataset
    run = tmp_path / "run"
    res = perfsage.main(
        ["--smoke", "--no-progress", "--dataset", str(wd), "--workdir", str(run)]
    )
    t = res["table"]["u55_latency_ms"]
    assert {
        "PerfSAGE (additive readout)",
        "PerfSAGE (paper readout)",
        "MACs-linear (a)",
        "BRP-NAS GCN",
        "nn-Meter (Vela per-op oracle)",
    } <= set(t)
    assert res["train"]["epochs"] == 8 and "dscnn" in res["loso"]["scores"]
    # the guard of held-out dscnn was chosen on the three other spaces only
    sel = res["loso"]["selection"]["dscnn"]
    assert set(sel["inner"]) == {"none", "clip 5"} and sel["chosen"] in sel["inner"]
    for v in sel["inner"].values():
        assert set(v["per_space"]) == {"mbconv", "resnet", "sesr"}
        assert v["mean"] == pytest.approx(np.mean(list(v["per_space"].values())))
    assert min(sel["inner"], key=lambda g: sel["inner"][g]["mean"]) == sel["chosen"]
    assert json.loads((run / "results.json").read_text())["n_graphs"] >= 10
    if os.environ.get("JAXEFF_DATA"):
        assert len(res["real"]) == 15
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 8, 8, 3))
    save_tflite(b.finish([b.conv(x, 4, 3)]), tmp_path / "m.tflite")
    out = perfsage.main(
        [
            "predict",
            str(tmp_path / "m.tflite"),
            "--predictor",
            str(run / "predictor.npz"),
        ]
    )
    vals = {k: v for k, v in out.items() if not k.startswith("_")}
    assert set(vals) == set(res["targets"]) and all(v > 0 for v in vals.values())
    printed = capsys.readouterr().out
    assert "u55_latency_ms" in printed and "out-of-distribution" in printed


def test_perfsage_loso_only_with_ood_guards(dataset, tmp_path):
    wd, _ = dataset
    res = perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                         str(tmp_path / "loso"), "--loso-only", "--loso-guards",
                         "clip:5+cap"])
    assert "table" not in res and "train" not in res
    assert set(res["loso"]["scores"]["dscnn"]) == {"host_latency_ms", "u55_latency_ms",
                                                   "u65_latency_ms"}
    # one guard setting: nothing to choose, no inner study
    assert res["loso"]["selection"]["dscnn"] == {"chosen": "clip 5 + cap", "inner": {}}
    assert "Leave-one-space-out" in (tmp_path / "loso" / "report.md").read_text()
    cfg, _, _ = perfsage.parse(["--loso-only", "--feature-clip", "5", "--node-cap",
                                "--loso-guards", "none", "clip:3+cap"])
    assert cfg.loso_only and cfg.fit.feature_clip == 5.0 and cfg.fit.node_cap
    assert cfg.loso_guards == ((None, False), (3.0, True))
    with pytest.raises(ValueError, match="guard"):
        perfsage.parse_guard("clamp")


@pytest.mark.slow  # CI budget: ~18 s on 2 cores
def test_perfsage_ablation_rows_are_cumulative(dataset, tmp_path):
    wd, _ = dataset
    cfg, _, _ = perfsage.parse(["--ablation-only"])
    first, last = perfsage.ablation_config(cfg, 0), perfsage.ablation_config(cfg, 5)
    # row 0 = the public code's setting, the last row = our default readout / schedule
    assert (first.readout, first.log_output, first.loss, first.schedule,
            first.features) == ("paper", False, "mape", "constant", "faithful")
    assert (last.readout, last.loss, last.schedule, last.features) == (
        cfg.fit.readout, cfg.fit.loss, cfg.fit.schedule, cfg.fit.features)
    res = perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                         str(tmp_path / "abl"), "--ablation-only", "--ablation-epochs",
                         "1"])
    rows = res["ablation"]
    assert [r["row"] for r in rows] == [r for r, _ in perfsage.ABLATION]
    assert all(r["epochs_run"] <= 1 and "all" in r["test"]["u55_latency_ms"]
               for r in rows)
    assert "train_mape" in rows[0]["history"][0]
    assert "train_log_l1" in rows[-1]["history"][0]


@pytest.mark.slow
def test_perfsage_real_study_smoke(dataset, tmp_path):
    wd, _ = dataset
    held = tmp_path / "held"
    held.mkdir()
    s, buf = make_tflite("edge", 3)  # an int8 LSTM or depth-multiplier graph
    (held / "edge3.tflite").write_bytes(buf)
    res = perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                         str(tmp_path / "rs"), "--real-study", "--epochs", "1",
                         "--heldout", str(held), "--node-variants", "roofline", "stacked",
                         "stacked_mem"])
    st = res["real_study"]
    assert set(st["in_distribution"]) >= {"MACs+bytes linear (c)",
                                          "PerfSAGE new (graph + node loss, bounded)",
                                          perfsage.PRIOR, perfsage.CAPPED,
                                          *(perfsage.VARIANTS[v] for v in
                                            ("roofline", "stacked", "stacked_mem"))}
    (row,) = st["heldout"]
    assert row["model"] == "edge3.tflite" and row["npu_full"]
    bd = row["breakdown"]["u55_latency_ms"]
    assert [b["type"] for b in bd] == s.graph.op_types()
    # Vela's per-operator times add up to its total; every predictor has a value per op
    assert sum(b["vela_ms"] for b in bd) == pytest.approx(row["label"]["u55_latency_ms"])
    assert set(bd[0]["pred_ms"]) == {"per-op sum", "PerfSAGE old", "PerfSAGE new",
                                     "PerfSAGE + prior", "roofline", "stacked",
                                     "stacked_mem"}
    # the liveness rows predict memory only; the no-learning one is the planner's peak
    live = row["pred"][perfsage.LIVE]
    assert live["u55_sram_kib"] == pytest.approx(
        memory_plan(s.graph)["peak_bytes"] / 1024) and math.isnan(live["u55_latency_ms"])
    assert "u55_sram_kib" in st["in_distribution"][perfsage.LIVE_RATIO]
    assert (tmp_path / "rs" / "predictor_roofline.npz").exists()
    stacked = tmp_path / "rs" / "predictor_stacked.npz"  # session 16: saved, data-only
    out = perfsage.main(["predict", str(held / "edge3.tflite"), "--predictor",
                         str(stacked)])
    for t in out["_assessment"]["value"]:  # the CLI repeats the study's numbers
        assert out[t] == row["pred"][perfsage.VARIANTS["stacked"]][t]
    assert st["heldout_summary"][perfsage.PRIOR]["u55_latency_ms"]["n"] == 1
    # session 19: the capped row corrects the per-op sum by at most exp(cap), latency only
    caps = st["correction_caps"]
    assert set(caps) == {"u55_latency_ms", "u65_latency_ms"} and min(caps.values()) >= 0
    cap_row, per_op = row["pred"][perfsage.CAPPED], row["pred"]["per-op sum (nn-Meter forests)"]
    for t, c in caps.items():
        assert abs(math.log(cap_row[t] / per_op[t])) <= c + 1e-9
    assert math.isnan(cap_row["u55_sram_kib"])
    # session 22, rule C-U: the capped row, or the per-op sum on unseen operator types
    want = per_op if row["unseen_ops"] else cap_row
    assert all(row["pred"][perfsage.CAPPED_U][t] == want[t] for t in caps)
    # ... and written beside the stacked predictor, so that `predict` gives the same row
    assert perfsage.load_caps(tmp_path / "rs" / perfsage.CAPS_FILE, perfsage.REAL_TARGETS) == caps
    # session 20: and inside the predictor file itself
    assert Predictor.load(stacked).correction_caps == pytest.approx(caps, rel=0)
    assert out["_capped"] == pytest.approx({t: cap_row[t] for t in caps}, rel=1e-12)
    assert out["_recommended"] == pytest.approx(
        {t: row["pred"][perfsage.CAPPED_U][t] for t in caps}, rel=1e-12)
    # session 26, rule J: one row per margin, as the saved predictor (with its training
    # box) gives it in the library; the share of out-of-box nodes per model
    saved = Predictor.load(stacked)
    assert saved.node_box is not None
    rec = record_of(held / "edge3.tflite")
    for m in perfsage.Config().node_margins:
        j = row["pred"][perfsage.CAPPED_J.format(m)]
        lib = saved.predict_capped([rec], True, node_margin=m)[0]
        for t in caps:
            assert j[t] == pytest.approx(lib[saved.targets.index(t)], rel=1e-9)
            assert abs(math.log(j[t] / per_op[t])) <= caps[t] + 1e-9 or row["unseen_ops"]
        assert 0.0 <= row["out_of_box"][f"{m:g}"] <= 1.0
    assert row["out_of_box"]["0"] >= row["out_of_box"]["0.25"]
    cli = perfsage.main(["predict", str(held / "edge3.tflite"), "--predictor", str(stacked),
                         "--node-margin", "0.25"])  # the CLI gives the study's rule-J row
    assert cli["_rule_j"] == pytest.approx(
        {t: row["pred"][perfsage.CAPPED_J.format(0.25)][t] for t in caps}, rel=1e-9)
    assert all(v == 100.0 for v in st["train_labels_inside_bounds_pct"].values())
    if os.environ.get("JAXEFF_DATA"):
        assert len(st["real"]) == 2 and all(r["label"]["u55_latency_ms"] >= 0
                                            for r in st["real"])
    assert "Real-model study" in (tmp_path / "rs" / "report.md").read_text()
    # --reuse loads every saved predictor, the stacked one with its forests
    again = perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd),
                           "--workdir", str(tmp_path / "rs2"), "--real-study",
                           "--epochs", "1", "--node-variants", "roofline", "stacked",
                           "stacked_mem", "--reuse", str(tmp_path / "rs")])["real_study"]
    assert (json.dumps(again["in_distribution"], sort_keys=True)  # NaN-safe equality
            == json.dumps(st["in_distribution"], sort_keys=True))
    assert (tmp_path / "rs2" / "predictor_stacked_mem.npz").exists()
    assert Predictor.load(tmp_path / "rs2" / "predictor_stacked.npz").node_box is not None


def test_real_study_rule_p_rows_match_the_library(dataset, tmp_path):
    """Rule P (session 31): ``--weight-rule`` writes the per-op sum and each rule-J row
    with the forests' weight regime beside the rows without it (``--stride-rule``: and
    with rule Q); ``predict --weight-rule`` gives the study's row; a cycle-forest study
    refuses the flag, and rule Q without rule P is refused."""
    wd, _ = dataset
    held = tmp_path / "held"
    held.mkdir()
    b = NetBuilder(np.random.default_rng(0))  # a transposed conv far above any training one
    g = b.finish([b.transpose_conv(b.input((1, 2, 2, 256)), 128, 4, 2)])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), held / "tc.tflite")
    st = perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                        str(tmp_path / "rp"), "--real-study", "--epochs", "1", "--heldout",
                        str(held), "--node-variants", "stacked", "--forest-target", "ratio",
                        "--weight-rule", "--stride-rule", "--stream-rule",
                        "--tconv-rule"])["real_study"]
    (row,) = st["heldout"]
    j25, per_op = perfsage.CAPPED_J.format(0.25), "per-op sum (nn-Meter forests)"
    for m in perfsage.Config().node_margins:
        assert perfsage.WITH_P.format(perfsage.CAPPED_J.format(m)) in row["pred"]
        # rule Q (addendum 2) moves nothing on a graph without a stride above 3
        pq = row["pred"][perfsage.WITH_PQ.format(perfsage.CAPPED_J.format(m))]
        p_ = row["pred"][perfsage.WITH_P.format(perfsage.CAPPED_J.format(m))]
        assert all(pq[t] == p_[t] for t in ("u55_latency_ms", "u65_latency_ms"))
    stacked = tmp_path / "rp" / "predictor_stacked.npz"
    pred = Predictor.load(stacked).with_weight_rule()
    rec = record_of(held / "tc.tflite")
    moved = {t: m.weight_regime(rec, pred.node_base.weight_hi)[0].any()
             for t, m in pred.node_base.meters.items()}
    for t, f in pred.node_base.per_op().items():
        assert row["pred"][perfsage.WITH_P.format(per_op)][t] == pytest.approx(
            float(f(rec).sum()), rel=1e-12)
        # the rule moves the per-op sum exactly where an operator is in its regime
        same = row["pred"][perfsage.WITH_P.format(per_op)][t] == row["pred"][per_op][t]
        assert same != moved[t]
    cli = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                         "--node-margin", "0.25", "--weight-rule"])
    assert cli["_rule_j"] == pytest.approx(
        {t: row["pred"][perfsage.WITH_P.format(j25)][t] for t in cli["_rule_j"]}, rel=1e-9)
    # rule R (session 32): its ratios saved with the predictor; its rows are the library's
    rpred = Predictor.load(stacked)
    assert set(rpred.weight_stream) == set(rpred.node_base.meters)
    assert all(0 < v < 100 for v in rpred.weight_stream.values())
    rr = rpred.with_weight_rule(stream=True)
    for t, f in rr.node_base.per_op().items():
        assert row["pred"][perfsage.WITH_R.format(per_op)][t] == pytest.approx(
            float(f(rec).sum()), rel=1e-12)
    for m in perfsage.Config().node_margins:  # rule Q moves nothing here either
        rq = row["pred"][perfsage.WITH_RQ.format(perfsage.CAPPED_J.format(m))]
        r_ = row["pred"][perfsage.WITH_R.format(perfsage.CAPPED_J.format(m))]
        assert all(rq[t] == r_[t] for t in ("u55_latency_ms", "u65_latency_ms"))
    cli_r = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                           "--node-margin", "0.25", "--weight-rule", "--stream-rule"])
    assert cli_r["_rule_j"] == pytest.approx(
        {t: row["pred"][perfsage.WITH_R.format(j25)][t] for t in cli_r["_rule_j"]}, rel=1e-9)
    # rules R', Q and S (session 32 addendum 3): per-type ratios saved; rows = the library's
    assert set(rpred.weight_stream_types) == set(rpred.node_base.meters)
    assert all(d["*"] == rpred.weight_stream[t] for t, d in rpred.weight_stream_types.items())
    r2 = rpred.with_weight_rule(stream=True, per_type=True).with_stride_rule().with_tconv_rule()
    for t, f in r2.node_base.per_op().items():
        assert row["pred"][perfsage.WITH_R2QS.format(per_op)][t] == pytest.approx(
            float(f(rec).sum()), rel=1e-12)
    cli_s = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                           "--node-margin", "0.25", "--weight-rule", "--stream-rule",
                           "--stream-types", "--stride-rule", "--tconv-rule"])
    assert cli_s["_rule_j"] == pytest.approx(
        {t: row["pred"][perfsage.WITH_R2QS.format(j25)][t] for t in cli_s["_rule_j"]},
        rel=1e-9)
    # rules T and U (session 36) on top: the CLI's rule-J values are the library's
    cli_tu = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                            "--node-margin", "0.25", "--weight-rule", "--stream-rule",
                            "--stream-types", "--stride-rule", "--tconv-rule",
                            "--bcast-rule", "--row-rule"])
    tu = r2.with_bcast_rule().with_row_rule()
    tu.correction_caps = rpred.correction_caps
    lib = tu.predict_capped([rec], True, 0.25)[0]
    assert cli_tu["_rule_j"] == pytest.approx(
        {t: float(lib[tu.targets.index(t)]) for t in cli_tu["_rule_j"]}, rel=1e-9)
    # rules T2, V, Z (session 37), Z1 and R16 (session 38), W1 (session 39) on top: the
    # library's values; --recommended = these flags
    cli_t2 = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                            "--node-margin", "0.25", "--weight-rule", "--stream-rule",
                            "--stream-types", "--stride-rule", "--tconv-rule",
                            "--bcast-rule", "--bcast-exact", "--bcast-c16", "--pool-rule",
                            "--z-rule", "--z-geometry", "row", "--conv16-rule",
                            "--row-conv-rule", "--row-rule", "--row-odd-rule",
                            "--split-probe", "--row-prelu-rule", "--wide-pool-rule", "a",
                            "--pixel-pool-rule", "--lut-act-rule", "bs"])
    t2 = (r2.with_stride_rule(probe=True).with_bcast_rule(exact=True, c16=True).with_pool_rule()
          .with_z_rule("row").with_row_rule().with_depth16_rule(add=False, conv=True)
          .with_row_conv_rule().with_row_odd_rule().with_row_prelu_rule().with_stride1_pool_rule("a")
          .with_pixel_pool_rule().with_lut_act_rule("bs"))
    t2.correction_caps = rpred.correction_caps
    lib2 = t2.predict_capped([rec], True, 0.25)[0]
    assert cli_t2["_rule_j"] == pytest.approx(
        {t: float(lib2[t2.targets.index(t)]) for t in cli_t2["_rule_j"]}, rel=1e-9)
    rec_ = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                          "--recommended", "--node-bound", "1e9"])  # the same flags in one
    assert rec_["_rule_j"] == cli_t2["_rule_j"]  # (a bound that never acts: bit-exact)
    with pytest.raises(SystemExit):  # T2 refines T: refused alone
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--bcast-exact"])
    with pytest.raises(SystemExit):  # T2-16 extends T2: refused without it
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--bcast-rule", "--bcast-c16"])
    with pytest.raises(SystemExit):  # Z1 / Z2 refine Z: refused without it
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--z-geometry", "row"])
    with pytest.raises(SystemExit):  # Y acts in rule J: refused without a node margin
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--ruled-fallback"])
    # candidate K (session 40): --node-bound on the recommended flags is the library's
    for beta, extra in ((0.5, ["--node-bound", "0.5"]), (1.0, [])):  # --recommended: K100
        cli_k = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor",
                               str(stacked), "--recommended"] + extra)
        tk = t2.with_node_bound(beta)
        libk = tk.predict_capped([rec], True, 0.25)[0]
        assert cli_k["_rule_j"] == pytest.approx(
            {t: float(libk[tk.targets.index(t)]) for t in cli_k["_rule_j"]}, rel=1e-9)
    assert perfsage.RECOMMENDED_NODE_BOUND == 1.0
    assert perfsage.RECOMMENDED_WIDE_POOL == "a"  # PL2a (session 43 outcome 7)
    assert perfsage.RECOMMENDED_LUT_ACT == "bs"  # G1 + AB + AS (session 44 outcome 4)
    with pytest.raises(SystemExit):  # PL2a / PL2b include PL: not both
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--wide-pool-rule", "a", "--stride1-pool-rule"])
    # candidate W2 (session 40 addendum 1): --row-conv-w2 on the recommended flags
    cli_w2 = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                            "--recommended", "--row-conv-w2"])
    tw2 = (r2.with_stride_rule(probe=True).with_bcast_rule(exact=True, c16=True)
           .with_pool_rule().with_z_rule("row").with_row_rule()
           .with_depth16_rule(add=False, conv=True).with_row_conv_rule(w2=True)
           .with_row_odd_rule().with_row_prelu_rule().with_stride1_pool_rule("a")
          .with_pixel_pool_rule().with_lut_act_rule("bs").with_node_bound(1.0))
    tw2.correction_caps = rpred.correction_caps
    libw2 = tw2.predict_capped([rec], True, 0.25)[0]
    assert cli_w2["_rule_j"] == pytest.approx(
        {t: float(libw2[tw2.targets.index(t)]) for t in cli_w2["_rule_j"]}, rel=1e-9)
    with pytest.raises(SystemExit):  # W2 refines W1
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--row-conv-w2"])
    # candidate W3 (session 40 addendum 4): --row-conv-codec on the recommended flags
    cli_w3 = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                            "--recommended", "--row-conv-codec"])
    tw3 = (r2.with_stride_rule(probe=True).with_bcast_rule(exact=True, c16=True)
           .with_pool_rule().with_z_rule("row").with_row_rule()
           .with_depth16_rule(add=False, conv=True).with_row_conv_rule(codec=True)
           .with_row_odd_rule().with_row_prelu_rule().with_stride1_pool_rule("a")
          .with_pixel_pool_rule().with_lut_act_rule("bs").with_node_bound(1.0))
    tw3.correction_caps = rpred.correction_caps
    libw3 = tw3.predict_capped([rec], True, 0.25)[0]
    assert cli_w3["_rule_j"] == pytest.approx(
        {t: float(libw3[tw3.targets.index(t)]) for t in cli_w3["_rule_j"]}, rel=1e-9)
    for bad in (["--row-conv-codec"], ["--recommended", "--row-conv-codec", "--row-conv-w2"]):
        with pytest.raises(SystemExit):  # W3 refines W1; W2 and W3 exclude each other
            perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked)]
                          + bad)
    # candidates Qe / Q2 (session 42, not adopted): on the recommended flags, the library's
    # (--recommended has Q2 and P1 since session 42 outcome 3; --split-codec takes Qe instead)
    for flags, kw in ((["--split-codec"], {"codec": True}), ([], {"probe": True})):
        cli_q = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                               "--recommended"] + flags)
        tq = (r2.with_stride_rule(**kw).with_bcast_rule(exact=True, c16=True).with_pool_rule()
              .with_z_rule("row").with_row_rule().with_depth16_rule(add=False, conv=True)
              .with_row_conv_rule().with_row_odd_rule().with_row_prelu_rule().with_stride1_pool_rule("a")
          .with_pixel_pool_rule().with_lut_act_rule("bs")
              .with_node_bound(1.0))
        tq.correction_caps = rpred.correction_caps
        libq = tq.predict_capped([rec], True, 0.25)[0]
        assert cli_q["_rule_j"] == pytest.approx(
            {t: float(libq[tq.targets.index(t)]) for t in cli_q["_rule_j"]}, rel=1e-9)
    for bad in (["--split-codec"], ["--split-probe"],
                ["--stride-rule", "--split-codec", "--split-probe"]):
        with pytest.raises(SystemExit):  # Qe / Q2 refine rule Q and exclude each other
            perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked)]
                          + bad)
    # candidates C1a / C1b (session 43, selectable, not adopted): on the recommended flags, the library's
    for flag, wide in (("a", False), ("b", True)):
        cli_c = perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                               "--recommended", "--few-cin-rule", flag])
        tc = (r2.with_stride_rule(probe=True).with_bcast_rule(exact=True, c16=True).with_pool_rule()
              .with_z_rule("row").with_row_rule().with_depth16_rule(add=False, conv=True)
              .with_row_conv_rule().with_row_odd_rule().with_row_prelu_rule().with_stride1_pool_rule("a")
          .with_pixel_pool_rule().with_lut_act_rule("bs")
              .with_few_cin_rule(wide).with_node_bound(1.0))
        tc.correction_caps = rpred.correction_caps
        libc = tc.predict_capped([rec], True, 0.25)[0]
        assert cli_c["_rule_j"] == pytest.approx(
            {t: float(libc[tc.targets.index(t)]) for t in cli_c["_rule_j"]}, rel=1e-9)
    # candidates G1 / AB / AS (session 44, in --recommended): on a graph where they act (Xu-Net's CONV -> ABS ->
    # TANH, a whole-map max pool, a TANH on the graph input) the CLI's rule-J values are the library's, and differ
    # from the same reading without them
    bx = NetBuilder(np.random.default_rng(1))
    xi = bx.input((1, 16, 16, 4))
    gx = bx.finish([bx.pool(bx.act(bx.act(bx.conv(xi, 8, 3), "ABS"), "TANH"), "max", (16, 16)), bx.act(xi, "TANH")])
    save_tflite(quantize_int8(gx, calibrate(gx, seed=0, samples=1)), held / "xu.tflite")
    rx = record_of(held / "xu.tflite")
    cli_x = perfsage.main(["predict", str(held / "xu.tflite"), "--predictor", str(stacked), "--node-margin", "0.25",
                           "--pixel-pool-rule", "--lut-act-rule", "bs"])
    for tx, moved in ((rpred.with_pixel_pool_rule().with_lut_act_rule("bs"), True), (rpred, False)):
        libx = tx.predict_capped([rx], True, 0.25)[0]
        same = cli_x["_rule_j"] == pytest.approx({t: float(libx[tx.targets.index(t)]) for t in cli_x["_rule_j"]},
                                                 rel=1e-9)
        assert same == moved
    for bad in (["--node-bound", "0.5"], ["--node-margin", "0.25", "--node-bound", "0"],
                ["--node-margin", "0.25", "--node-bound", "nan"]):
        with pytest.raises(SystemExit):  # K acts in rule J; beta finite and > 0
            perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked)]
                          + bad)
    with pytest.raises(ValueError, match="tconv_rule .rules R', Q and S. is read with"):
        perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                       str(tmp_path / "rs2"), "--real-study", "--epochs", "1",
                       "--forest-target", "ratio", "--weight-rule", "--tconv-rule"])
    with pytest.raises(ValueError, match="stream_rule .rule R. is read with weight_rule"):
        perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                       str(tmp_path / "rr2"), "--real-study", "--epochs", "1",
                       "--forest-target", "ratio", "--stream-rule"])
    with pytest.raises(SystemExit):
        perfsage.main(["predict", str(held / "tc.tflite"), "--predictor", str(stacked),
                       "--stream-rule"])
    with pytest.raises(ValueError, match="stride_rule .rule Q. is read with weight_rule"):
        perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                       str(tmp_path / "rq2"), "--real-study", "--epochs", "1",
                       "--forest-target", "ratio", "--stride-rule"])
    with pytest.raises(ValueError, match="weight_rule .rule P. needs a ratio forest"):
        perfsage.main(["--smoke", "--no-progress", "--dataset", str(wd), "--workdir",
                       str(tmp_path / "rq"), "--real-study", "--epochs", "1",
                       "--weight-rule"])


def test_variant_fit_configs():
    cfg = perfsage.Config(model_seed=2)
    st, mem = perfsage._variant_fit(cfg, "stacked"), perfsage._variant_fit(cfg, "stacked_mem")
    assert (st.node_inputs, st.memory_base, st.lr) == ("stacked", False, cfg.fit.lr)
    assert (mem.node_inputs, mem.memory_base, mem.lr) == ("stacked", True, cfg.memory_lr)
    assert st.seed == mem.seed == cfg.fit.seed + 2
    assert perfsage._variant_fit(cfg, "roofline").check().node_inputs == "roofline"
    slow = perfsage._variant_fit(dataclasses.replace(cfg, slow_lr=0.002), "stacked_slow")
    assert (slow.node_inputs, slow.memory_base, slow.lr) == ("stacked", False, 0.002)
    # the slow row differs from the stacked row in its step only
    assert dataclasses.replace(slow, lr=st.lr) == st
    # session 23: --zero-floor reaches the stacked rows only (old / new stay reusable)
    assert not st.zero_floor
    zf = perfsage.parse(["--smoke", "--zero-floor"])[0]
    assert zf.zero_floor and perfsage._variant_fit(zf, "stacked").check().zero_floor
    assert not perfsage._variant_fit(zf, "roofline").zero_floor
    both = perfsage.parse(["--smoke", "--stacked-direction", "both"])[0]
    assert perfsage._variant_fit(both, "stacked").check().direction == "both"
    assert perfsage._variant_fit(both, "roofline").direction == st.direction == "reverse"


def test_stable_split_keeps_old_graphs_in_place():
    rng = np.random.default_rng(0)
    old = [{"space": "a", "seed": int(s)} for s in rng.integers(0, 2**32, 2000)]
    new = [{"space": "b", "seed": int(s)} for s in rng.integers(0, 2**32, 500)]
    sides = lambda parts: {(r["space"], r["seed"]): k for k, p in enumerate(parts) for r in p}
    before = sides(perfsage.split(old, 0, "stable"))
    after = sides(perfsage.split(old + new, 0, "stable"))
    assert all(after[k] == v for k, v in before.items())  # nothing moved
    n = np.bincount(list(before.values()), minlength=3) / len(old)
    assert abs(n[0] - 0.8) < 0.04 and abs(n[1] - 0.1) < 0.03 and abs(n[2] - 0.1) < 0.03
    # another split seed gives another split; the random split moves old graphs
    assert sides(perfsage.split(old, 1, "stable")) != before
    r0 = sides(perfsage.split(old, 0))
    assert any(sides(perfsage.split(old + new, 0))[k] != v for k, v in r0.items())
    with pytest.raises(ValueError, match="kind"):
        perfsage.split(old, 0, "hashed")
    with pytest.raises(ValueError, match="seed"):
        perfsage.split([{"space": "a"}], 0, "stable")
