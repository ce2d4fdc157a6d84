"""Issue 22, session 36: the study's two other baselines for the light scorer's fresh sets -- MACs+bytes linear (c),
fit on the training split of runs/mix22 exactly as `experiments.perfsage` does (its config from runs/psage_rs35x46_s0),
and the old predictor (+ bounds) of each seed (runs' predictor_old.npz), with their seed ensemble.

  check: reproduce both rows of session 35's runs on XLVI / XLVII (per model and seed)
  score --folders F... --out OUT.json
Call (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s36/baselines_s36.py ..."""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

import numpy as np

from experiments import perfsage as ps
from jaxeff.gnn import baselines
from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from score_s36 import PRED, TG, folder_models  # noqa: E402

LIN, OLD = "MACs+bytes linear (c)", "PerfSAGE old + bounds"


def fitted() -> tuple[dict, list[Predictor]]:
    cfg = ps.Config(**{k: v for k, v in json.load(open(f"{PRED[0]}/config.json")).items()
                       if k in ps.Config.__dataclass_fields__})
    recs, _ = ps.load_records(cfg.dataset, cfg)
    train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
    lin = {t: baselines.fit_macs_linear(train, ps._y(train, t), "c") for t in TG}
    return lin, [Predictor.load(f"{d}/predictor_old.npz") for d in PRED]


def predict(lin: dict, olds: list[Predictor], recs: list[dict]) -> dict[str, np.ndarray]:
    li = np.stack([lin[t](recs) for t in TG], 1)
    old = np.asarray([[[a["value"][t] for t in TG] for a in p.predict_bounded(recs)] for p in olds])
    return {"lin": li, "old": old, "old_ens": np.exp(np.log(old).mean(0))}


def check() -> None:
    lin, olds = fitted()
    worst = 0.0
    for fam, runs in (("heldoutXLVI", ["psage_rs35x46_s0", "psage_rs35x4647_s1", "psage_rs35x46_s2"]),
                      ("heldoutXLVII", ["psage_rs35x47_s0", "psage_rs35x4647_s1", "psage_rs35x47_s2"])):
        ms = folder_models(fam)
        got = predict(lin, olds, [record_of(f) for _, f, _ in ms])
        for s, run in enumerate(runs):
            rows = {r["model"].removesuffix(".tflite"): r for r in json.load(open(f"runs/{run}/results.json"))
                    ["real_study"]["heldout"]}
            for i, (name, _, _) in enumerate(ms):
                for k, t in enumerate(TG):
                    for key, val in ((LIN, got["lin"][i, k]), (OLD, got["old"][s, i, k])):
                        ref = rows[name]["pred"][key][t]
                        worst = max(worst, abs(val / ref - 1))
    print(f"largest relative difference {worst:.2e} ({'PASS' if worst < 1e-6 else 'FAIL'} at 1e-6)")


def score(folders: list[str], out: str) -> None:
    lin, olds = fitted()
    ms = [(f, *m) for f in folders for m in folder_models(f)]
    p = predict(lin, olds, [record_of(x) for _, _, x, _ in ms])
    pathlib.Path(out).write_text(json.dumps({"models": [{"folder": f, "name": n, "label": {t: lab[t] for t in TG}}
                                                        for f, n, _, lab in ms], **{k: v.tolist() for k, v in p.items()}}))


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("cmd", choices=("check", "score"))
    a.add_argument("--folders", nargs="+", default=[])
    a.add_argument("--out")
    k = a.parse_args(sys.argv[1:])
    check() if k.cmd == "check" else score(k.folders, k.out)
