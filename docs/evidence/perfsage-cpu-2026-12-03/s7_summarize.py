"""Compact summary (no per-operator breakdowns) of a real-study run's results.json
(issue 22, session 7): in-distribution MAPE, real / held-out summaries and per-model
signed errors of every predictor.

    python docs/evidence/perfsage-cpu-2026-12-03/s7_summarize.py runs/psage_rsC/results.json OUT.json
"""

import json
import sys

res = json.load(open(sys.argv[1]))
st = res["real_study"]
out = {"n_graphs": res["n_graphs"], "split": res["split"],
       "in_distribution": {m: {t: v[t]["all"] for t in v} for m, v in
                           st["in_distribution"].items()}}
for key in ("real", "heldout"):
    if key in st:
        out[f"{key}_summary"] = st[f"{key}_summary"]
        out[key] = [{k: r[k] for k in ("model", "npu_full", "label", "err", "ood_score",
                                        "unseen_ops")} for r in st[key]]
json.dump(out, open(sys.argv[2], "w"), indent=1, allow_nan=True)
