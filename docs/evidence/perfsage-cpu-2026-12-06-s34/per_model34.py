"""Per-model signed error % of the fresh sets of session 34 (issue 22; PREREGISTERED.md section 1 and addendum 1):
the seed ensembles (geometric mean over the three runs `runs/psage_rs34r24_s*`) of R'QS's J25 row and its per-op sum,
MACs+bytes linear and the old predictor (+ bounds), for the models of the held-out folders named on the command line,
with each model's operator count, whether Vela maps it fully and its share of out-of-box nodes (m = 0.25). Session
32's per_model32.py cut to a set of folders.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s34/per_model34.py heldoutXL heldoutXLI ...
"""
import json
import sys

import numpy as np

from experiments.perfsage import CAPPED_J, WITH_R2QS
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

PRE = "runs/psage_rs34r24"
J25 = CAPPED_J.format(0.25)
folders = sys.argv[1:]
keep = {k: f for f in folders for k in json.load(open(f"runs/{f}/labels.json"))}
rows = _rows([load(f"{PRE}_s{s}") for s in range(3)], "heldout")
cols = [(WITH_R2QS.format(J25), "R'QS J25-ens"), (WITH_R2QS.format(PER_OP), "R'QS per-op sum"),
        ("MACs+bytes linear (c)", "MACs+bytes linear"), ("PerfSAGE old + bounds", "old + bounds")]
head = ["set", "model", "ops", "NPU only", "out-of-box"] + [f"{t[:3]} {c}" for t in TARGETS for _, c in cols]
body = []
for i, r in enumerate(rows[0]):
    if r["model"] not in keep:
        continue
    line = [keep[r["model"]].removeprefix("heldout"), r["model"].removesuffix(".tflite"),
            str(len(r["breakdown"]["u55_latency_ms"])), "yes" if r["npu_full"] else "no",
            f"{r['out_of_box']['0.25'] * 100:.0f} %"]
    for t in TARGETS:
        for row, _ in cols:
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in rows]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
missing = sorted(set(keep) - {r["model"] for r in rows[0]})  # not scored: Vela does not map them fully
print(f"# Per-model signed error % ({PRE}_s0..2: rule O's rebuilt predictors with rules R', Q and S; seed ensembles; "
      f"{', '.join(folders)})\n")
print(markdown_table(head, sorted(body)))
if missing:
    print(f"\nNot in the runs' scored rows (Vela does not map them fully): {', '.join(missing)}")
