"""experiments.perfsage_seeds: mean / sd over runs, paired counts, seed ensemble."""

import json
import math

import pytest

from experiments import perfsage_seeds as ps

T = ps.TARGETS


def _run(tmp_path, name, preds, labels=(1.0, 2.0, 4.0), full=(True, True, False)):
    """A fake results.json: ``preds[row] = per-model predictions`` (same for both
    targets)."""
    rows = []
    for i, (lab, f) in enumerate(zip(labels, full, strict=True)):
        pred = {m: {t: p[i] for t in T} for m, p in preds.items()}
        err = {m: {t: (p[i] / lab - 1) * 100 for t in T} for m, p in preds.items()}
        rows.append({"model": f"m{i}", "npu_full": f, "label": {t: lab for t in T},
                     "pred": pred, "err": err})
    d = tmp_path / name
    d.mkdir()
    (d / "results.json").write_text(json.dumps({"real_study": {"real": rows}}))
    return d


def test_seed_table_paired_and_ensemble(tmp_path):
    a, b = ps.STACKED, ps.PER_OP
    r1 = _run(tmp_path, "s0", {a: [1.1, 2.0, 99.0], b: [1.2, 1.8, 4.0]})
    r2 = _run(tmp_path, "s1", {a: [1.3, 2.2, 99.0], b: [1.2, 2.2, 4.0]})
    runs = [ps.load(r1), ps.load(r2)]
    head, body = ps.seed_table(runs, "real")
    row = {r[0]: r for r in body}
    # run 0 |err| of a: 10, 0 -> median 5, max 10; run 1: 30, 10 -> median 20, max 30
    assert row[a][1] == f"12.5 ± {math.sqrt(112.5):.1f}"
    assert row[a][3] == f"20.0 ± {math.sqrt(200):.1f}"
    # ensemble of a on m0: sqrt(1.1 * 1.3) vs 1; m1: sqrt(2.0 * 2.2) vs 2
    e0, e1 = (math.sqrt(1.1 * 1.3) - 1) * 100, (math.sqrt(4.4) / 2 - 1) * 100
    assert row[a][4] == f"{(e0 + e1) / 2:.1f} / {(e0 + e1) / 2:.1f} / {max(e0, e1):.1f} (1/2)"
    _, pb = ps.paired(runs, "real")
    # pairs (a vs b): m0 10 < 20, 30 > 20; m1 0 < 10, 10 = 10 -> 2 / 1 / 1
    assert pb[-1][1] == "2 / 1 / 1"
    assert pb[0][1:3] == ["20.0", "20.0"]
    text = ps.main([str(r1), str(r2)])
    assert "m2" not in text  # not fully on the NPU


def test_bad_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="results.json"):
        ps.load(tmp_path)
    (tmp_path / "results.json").write_text("{}")
    with pytest.raises(ValueError, match="not a --real-study run"):
        ps.load(tmp_path)
    a = _run(tmp_path, "x", {ps.STACKED: [1, 2, 3], ps.PER_OP: [1, 2, 3]})
    b = _run(tmp_path, "y", {ps.STACKED: [1, 2, 3], ps.PER_OP: [1, 2, 3]},
             full=(True, False, True))
    with pytest.raises(ValueError, match="disagree"):
        ps.seed_table([ps.load(a), ps.load(b)], "real")
    # the same models in another order (a merged A+B run) are aligned by name
    c = _run(tmp_path, "z", {ps.STACKED: [1, 5, 3], ps.PER_OP: [2, 2, 3]})
    rev = ps.load(c)
    rev = {**rev, "real": rev["real"][::-1]}
    assert ps.seed_table([ps.load(a), rev], "real") == ps.seed_table(
        [ps.load(a), ps.load(c)], "real")
    assert ps.seed_table([ps.load(a), rev], "real") != ps.seed_table(
        [ps.load(a), ps.load(a)], "real")


def test_select_only_and_drop(tmp_path):
    a, b = ps.STACKED, ps.PER_OP
    r = _run(tmp_path, "s0", {a: [1.1, 2.0, 99.0], b: [1.2, 1.8, 4.0]},
             full=(True, True, True))
    st = ps.load(r)
    assert [x["model"] for x in ps.select(st, only=["m0", "m2.tflite"])["real"]] == [
        "m0", "m2"]
    assert [x["model"] for x in ps.select(st, drop=["m1"])["real"]] == ["m0", "m2"]
    assert [x["model"] for x in ps.select(st)["real"]] == ["m0", "m1", "m2"]
    with pytest.raises(ValueError, match="m9"):
        ps.select(st, only=["m9"])
    # the paired counts see only the kept models: m2 alone, where b is closer
    text = ps.main([str(r), "--only", "m2"])
    assert "0 / 1 / 0" in text and "m0" not in text


def test_pooled_and_above_50(tmp_path):
    a, b = ps.STACKED, ps.PER_OP
    r = _run(tmp_path, "s0", {a: [1.1, 2.0, 7.0], b: [1.2, 1.8, 4.0]},
             full=(True, True, True))
    res = json.loads((r / "results.json").read_text())
    rows = res["real_study"]["real"]
    res["real_study"] = {"real": rows[:1], "heldout": rows[1:]}
    (r / "results.json").write_text(json.dumps(res))
    st = ps.pooled(ps.load(r))
    assert [x["model"] for x in st["pooled"]] == ["m0", "m1", "m2"]
    _, body = ps.seed_table([st], "pooled")
    # a on m2: 7 / 4 -> +75 %, the one model above 50 %
    assert {x[0]: x for x in body}[a][4].endswith("(1/3; > 50 %: 1)")
    assert "held-out models pooled" in ps.main([str(r), "--pooled"])
    assert "held-out models pooled" not in ps.main([str(r)])


def test_beats_three_criteria(tmp_path):
    """Hand-computed: labels 1 and 2 on the NPU; |err| of a / b per run."""
    a, b = ps.STACKED, ps.PER_OP
    # run 0: m0 a 10 / b 10.3 (0.3 apart: headline a-win, tolerant tie); m1 a 5 / b 20
    # run 1: m0 a 12 / b 10 (b wins both ways); m1 a 0 / b 0.02 (tie both ways)
    r0 = _run(tmp_path, "s0", {a: [1.1, 2.1, 9.0], b: [1.103, 2.4, 9.0]})
    r1 = _run(tmp_path, "s1", {a: [1.12, 2.0, 9.0], b: [1.1, 2.0004, 9.0]})
    res = ps.beats([ps.load(r0), ps.load(r1)], "real")
    t = T[0]
    assert res["headline"]["counts"][t] == (2, 1, 1, 4)
    assert res["tie-tolerant"]["counts"][t] == (1, 1, 2, 4)
    mape_a, mape_b = (10 + 5 + 12 + 0) / 4, (10.3 + 20 + 10 + 0.02) / 4
    assert res["headline"]["mape"][t] == pytest.approx((mape_a, mape_b))
    # 2 of 4 pairs is not more than half; tolerant: 1 win vs 1 loss is not more
    assert not res["headline"]["shown"] and not res["tie-tolerant"]["shown"]
    # ensembles: m0 a sqrt(1.1*1.12) vs b sqrt(1.103*1.1); m1 a sqrt(2.1*2)/2 vs b
    ea0, eb0 = math.sqrt(1.1 * 1.12) - 1, math.sqrt(1.103 * 1.1) - 1
    ea1, eb1 = math.sqrt(2.1 * 2.0) / 2 - 1, math.sqrt(2.4 * 2.0004) / 2 - 1
    assert ea0 > eb0 and ea1 < eb1
    assert res["seed ensemble"]["counts"][t] == (1, 1, 0, 2)
    assert not res["seed ensemble"]["shown"]
    # a clear win everywhere is shown by all three
    r2 = _run(tmp_path, "s2", {a: [1.0, 2.0, 9.0], b: [1.5, 3.0, 9.0]})
    r3 = _run(tmp_path, "s3", {a: [1.01, 2.0, 9.0], b: [1.5, 2.5, 9.0]})
    res = ps.beats([ps.load(r2), ps.load(r3)], "real")
    assert all(v["shown"] for v in res.values())
    head, body = ps.beats_table([ps.load(r2), ps.load(r3)], "real")
    assert [r[0] for r in body] == ["headline", "tie-tolerant", "seed ensemble"]
    assert body[0][1] == "4 / 0 / 0 of 4" and body[0][-1] == "yes"


def test_merged_runs(tmp_path):
    """``A+B``: A's validation models, A's then B's held-out models; overlap refused."""
    a = tmp_path / "a"
    a.mkdir()
    row = {"model": "x", "npu_full": True}
    (a / "results.json").write_text(json.dumps({"real_study": {
        "real": [row], "heldout": [{**row, "model": "h1"}]}}))
    b = tmp_path / "b"
    b.mkdir()
    (b / "results.json").write_text(json.dumps({"real_study": {
        "real": [{**row, "model": "other"}], "heldout": [{**row, "model": "h2"}]}}))
    st = ps.load(f"{a}+{b}")
    assert [r["model"] for r in st["real"]] == ["x"]
    assert [r["model"] for r in st["heldout"]] == ["h1", "h2"]
    with pytest.raises(ValueError, match="already in"):
        ps.load(f"{a}+{a}")
    with pytest.raises(FileNotFoundError, match="results.json"):
        ps.load(f"{a}+{tmp_path / 'nope'}")


def test_choose_rule():
    """The pre-registered criterion: tolerance 0.3 points, no more ensemble > 50 %."""
    t0, t1 = T
    ref = {t0: (4.0, 0), t1: (5.0, 0)}
    assert ps.choose({"ref": ref}) == "ref"
    # lower mean but 0.31 worse on one target: disqualified
    assert ps.choose({"ref": ref, "x": {t0: (4.31, 0), t1: (3.0, 0)}}) == "ref"
    # 0.3 worse is allowed; the lowest qualifying mean wins
    assert ps.choose({"ref": ref, "x": {t0: (4.3, 0), t1: (3.0, 0)},
                      "y": {t0: (3.9, 0), t1: (4.9, 0)}}) == "x"
    # an extra ensemble model above 50 % disqualifies
    assert ps.choose({"ref": ref, "x": {t0: (1.0, 1), t1: (1.0, 0)}}) == "ref"
    with pytest.raises(ValueError, match="no rules"):
        ps.choose({})
