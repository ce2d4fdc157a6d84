"""Per-model signed error % of session 35's fresh sets (issue 22; PREREGISTERED.md section 2, addenda 2 and 4): the seed
ensembles (geometric mean over three runs) of R'QS's J25 row and its per-op sum, MACs+bytes linear and the old predictor
(+ bounds), with each model's operator count, whether Vela maps it fully and its share of out-of-box nodes (m = 0.25).
Families XLVI from runs x46_s0, x4647_s1, x46_s2 and XLVII from x47_s0, x4647_s1, x47_s2 (addendum 4); rows are matched
by model name. Session 34's per_model34.py with per-family runs.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-07-s35/per_model35.py
"""
import json

import numpy as np

from experiments.perfsage import CAPPED_J, WITH_R2QS
from experiments.perfsage_seeds import PER_OP, TARGETS, load
from jaxeff.report import markdown_table

J25 = CAPPED_J.format(0.25)
RUNS = {"heldoutXLVI": ("x46_s0", "x4647_s1", "x46_s2"), "heldoutXLVII": ("x47_s0", "x4647_s1", "x47_s2")}
cols = [(WITH_R2QS.format(J25), "R'QS J25-ens"), (WITH_R2QS.format(PER_OP), "R'QS per-op sum"),
        ("MACs+bytes linear (c)", "MACs+bytes linear"), ("PerfSAGE old + bounds", "old + bounds")]
head = ["set", "model", "ops", "NPU only", "out-of-box"] + [f"{t[:3]} {c}" for t in TARGETS for _, c in cols]
body, missing = [], []
for folder, runs in RUNS.items():
    names = json.load(open(f"runs/{folder}/labels.json"))
    by_run = [{r["model"]: r for r in load(f"runs/psage_rs35{x}")["heldout"]} for x in runs]
    for nm in names:
        rs = [b.get(nm) for b in by_run]
        if any(r is None for r in rs) or not rs[0]["npu_full"]:
            missing.append(nm)
            continue
        r = rs[0]
        line = [folder.removeprefix("heldout"), nm.removesuffix(".tflite"), str(len(r["breakdown"]["u55_latency_ms"])),
                "yes", f"{r['out_of_box']['0.25'] * 100:.0f} %"]
        for t in TARGETS:
            for row, _ in cols:
                p = np.exp(np.mean([np.log(x["pred"][row][t]) for x in rs]))
                line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
        body.append(line)
print("# Per-model signed error % (runs/psage_rs35*: rule O's rebuilt predictors with rules R', Q and S; seed ensembles; "
      "heldoutXLVI, heldoutXLVII)\n")
print(markdown_table(head, sorted(body)))
if missing:
    print(f"\nNot scored (Vela does not map them fully): {', '.join(sorted(missing))}")
