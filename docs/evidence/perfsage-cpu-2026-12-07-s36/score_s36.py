"""Issue 22, session 36 (PREREGISTERED.md section 1): the light scorer. Loads the three saved rule O predictors as
session 35's study runs saved them with their training split's rule R / R' ratios (runs/psage_rs29o_s{0,1,2} reused by
runs/psage_rs35x46_s0, psage_rs35x4647_s1, psage_rs35x46_s2: PRED), gives them rules R', Q and S (R'QS) and optionally T / U, and predicts
each Vela-fully-mapped model's record of the given held-out folders: the J25 row (predict_capped, rule C-U, margin 0.25)
and the per-op sum of the same forests, per seed and as the seed ensemble (geometric mean). No training data is loaded.

  check: reproduce session 35's R'QS-J25 rows of runs/psage_rs35x46_s* / psage_rs35x47_s* (per model and seed)
  score SETS... --folders F... --out OUT.json: per model, label and predictions, for each rule set ('' = R'QS, T, U, TU)
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s36/score_s36.py ..."""

from __future__ import annotations

import argparse
import json
import math
import pathlib
import sys
import time

import numpy as np

from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of

SEEDS = (0, 1, 2)
TG = ("u55_latency_ms", "u65_latency_ms")
J25 = "PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours), rules R', Q and S"
SHARED = pathlib.Path("/work/shared/data/tflite")
PRED = ["runs/psage_rs35x46_s0", "runs/psage_rs35x4647_s1", "runs/psage_rs35x46_s2"]


def predictors(rules: str) -> list[Predictor]:
    out = []
    for d in PRED:
        p = Predictor.load(f"{d}/predictor_stacked.npz")
        p = p.with_weight_rule(stream=True, per_type=True).with_stride_rule().with_tconv_rule()
        if "Tp" in rules:  # addendum 5: T' (with T)
            p = p.with_bcast_rule(table=True)
        elif "T" in rules:
            p = p.with_bcast_rule()
        if "U" in rules:
            p = p.with_row_rule()
        out.append(p)
    return out


def predict(preds: list[Predictor], recs: list[dict]) -> dict[str, np.ndarray]:
    """Per seed ``[n, 2]`` J25 and per-op sum (latency targets), and the ensembles."""
    j, po = [], []
    for p in preds:
        v = p.predict_capped(recs, True, 0.25)
        j.append(np.stack([v[:, p.targets.index(t)] for t in TG], 1))
        per = p.node_base.per_op()
        po.append(np.asarray([[float(per[t](r).sum()) for t in TG] for r in recs]))
    j, po = np.asarray(j), np.asarray(po)
    return {"j25": j, "per_op": po, "j25_ens": np.exp(np.log(j).mean(0)),
            "per_op_ens": np.exp(np.log(po).mean(0))}


def folder_models(folder: str) -> list[tuple[str, pathlib.Path, dict]]:
    """(name, file, labels) of the Vela-fully-mapped models of runs/<folder> (real_shared: the shared files)."""
    lab = json.load(open(f"runs/{folder}/labels.json"))
    d = SHARED if folder == "real_shared" else pathlib.Path(f"runs/{folder}/models")
    return [(k.removesuffix(".tflite"), d / k, v) for k, v in sorted(lab.items()) if v.get("npu_full")]


def check() -> None:
    preds = predictors("")
    worst = 0.0
    for fam, runs in (("heldoutXLVI", ["psage_rs35x46_s0", "psage_rs35x4647_s1", "psage_rs35x46_s2"]),
                      ("heldoutXLVII", ["psage_rs35x47_s0", "psage_rs35x4647_s1", "psage_rs35x47_s2"])):
        ms = folder_models(fam)
        recs = [record_of(f) for _, f, _ in ms]
        got = predict(preds, recs)["j25"]
        for s, run in enumerate(runs):
            rows = {r["model"].removesuffix(".tflite"): r for r in json.load(open(f"runs/{run}/results.json"))
                    ["real_study"]["heldout"]}
            for i, (name, _, _) in enumerate(ms):
                for k, t in enumerate(TG):
                    ref = rows[name]["pred"][J25][t]
                    rel = abs(got[s, i, k] / ref - 1)
                    worst = max(worst, rel)
                    print(f"{fam} seed {s} {name} {t}: study {ref:.6g} light {got[s, i, k]:.6g} rel {rel:.2e}")
    print(f"largest relative difference {worst:.2e} ({'PASS' if worst < 1e-6 else 'FAIL'} at 1e-6)")


def score(sets: list[str], folders: list[str], out: str) -> None:
    ms = [(f, *m) for f in folders for m in folder_models(f)]
    t0 = time.time()
    recs = [record_of(p) for _, _, p, _ in ms]
    print(f"{len(recs)} records in {time.time() - t0:.0f} s", flush=True)
    res = {"models": [{"folder": f, "name": n, "label": {t: lab[t] for t in TG}} for f, n, _, lab in ms],
           "sets": {}}
    for rs in sets:
        t0 = time.time()
        p = predict(predictors(rs), recs)
        res["sets"][rs or "R'QS"] = {k: v.tolist() for k, v in p.items()}
        print(f"set {rs or chr(39).join(['R', 'QS'])}: {time.time() - t0:.0f} s", flush=True)
    pathlib.Path(out).write_text(json.dumps(res))


def main(argv: list[str]) -> None:
    a = argparse.ArgumentParser()
    a.add_argument("cmd", choices=("check", "score"))
    a.add_argument("sets", nargs="*")
    a.add_argument("--folders", nargs="+", default=[])
    a.add_argument("--out", default=None)
    k = a.parse_args(argv)
    if k.cmd == "check":
        check()
    else:
        score(["" if s == "RQS" else s for s in k.sets], k.folders, k.out)


if __name__ == "__main__":
    main(sys.argv[1:])
