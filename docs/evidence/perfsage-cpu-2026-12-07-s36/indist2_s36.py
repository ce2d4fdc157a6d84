"""Issue 22, session 36: the in-distribution table for the recommended R'QSTU beside R'QS -- the J25 row and its per-op
sum on the test split of runs/mix22 (the study's split, its config from runs/psage_rs35x46_s0), per seed and NPU,
with the study's own R'QS figures of the same runs as a check (they must agree to 1e-6).
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s36/indist2_s36.py"""

import json
import pathlib
import sys

import numpy as np

from experiments import perfsage as ps
from jaxeff.gnn.fit import metrics

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from score_s36 import PRED, TG, predict, predictors  # noqa: E402

J25 = "PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = 0.25, ours), rules R', Q and S"
PER = "per-op sum (nn-Meter forests), rules R', Q and S"
cfg = ps.Config(**{k: v for k, v in json.load(open(f"{PRED[0]}/config.json")).items()
                   if k in ps.Config.__dataclass_fields__})
recs, _ = ps.load_records(cfg.dataset, cfg)
_, _, test = ps.split(recs, cfg.split_seed, cfg.split_kind)
y = np.asarray([[r["labels"][t] for t in TG] for r in test])
print(f"{len(test)} test graphs of {cfg.dataset} (split seed {cfg.split_seed}, {cfg.split_kind})\n")
print("| rule set | row | seed | U55 MAPE % / within 10 % | U65 MAPE % / within 10 % |\n|---|---|---|---|---|")
worst = 0.0
for rs in ("", "TU"):
    p = predict(predictors(rs), test)
    for row, key, study in (("J25", "j25", J25), ("per-op sum", "per_op", PER)):
        for s, d in enumerate(PRED):
            m = [metrics(p[key][s][:, k], y[:, k]) for k in range(2)]
            if rs == "":
                ref = json.load(open(f"{d}/results.json"))["real_study"]["in_distribution"][study]
                worst = max(worst, *(abs(m[k]["mape"] / ref[t]["all"]["mape"] - 1) for k, t in enumerate(TG)))
            print(f"| {rs or chr(82) + chr(39) + 'QS'} | {row} | {s} | {m[0]['mape']:.2f} / {m[0]['acc10']:.1f} "
                  f"| {m[1]['mape']:.2f} / {m[1]['acc10']:.1f} |")
print(f"\nR'QS against the study's own in-distribution MAPE: largest relative difference {worst:.2e}")
