"""Per-model signed error % on families XXXVIII (issue 22, session 32): the seed ensembles (geometric mean over the
three runs `runs/psage_rs32r38_s*`) of PQ's and RQ's J25 rows and each one's per-op sum, MACs+bytes linear and the old
predictor (+ bounds) (and, with addendum 3's runs, R'QS's rows), with each model's operator count, whether Vela maps it fully and its share of out-of-box nodes
(m = 0.25). Session 31's per_model31.py with rule R's rows.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s32/per_model32.py [RUN_PREFIX]
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J, WITH_PQ, WITH_R2QS, WITH_RQ
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

pre = sys.argv[1] if len(sys.argv) > 1 else "runs/psage_rs32r38"
J25 = CAPPED_J.format(0.25)
rows = _rows([load(f"{pre}_s{s}") for s in range(3)], "heldout")
r2 = [(WITH_R2QS.format(J25), "R'QS J25-ens"), (WITH_R2QS.format(PER_OP), "R'QS per-op sum")]
cols = r2 * (WITH_R2QS.format(J25) in rows[0][0]["pred"]) + [(WITH_RQ.format(J25), "RQ J25-ens"), (WITH_RQ.format(PER_OP), "RQ per-op sum"),
        (WITH_PQ.format(J25), "PQ J25-ens"), (WITH_PQ.format(PER_OP), "PQ per-op sum"),
        ("MACs+bytes linear (c)", "MACs+bytes linear"), ("PerfSAGE old + bounds", "old + bounds")]
head = ["model", "ops", "NPU only", "out-of-box"] + [f"{t[:3]} {c}" for t in TARGETS for _, c in cols]
body = []
for i, r in enumerate(rows[0]):
    line = [r["model"].removesuffix(".tflite"), str(len(r["breakdown"]["u55_latency_ms"])),
            "yes" if r["npu_full"] else "no", f"{r['out_of_box']['0.25'] * 100:.0f} %"]
    for t in TARGETS:
        for row, _ in cols:
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in rows]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
print(f"# Per-model signed error % ({pre}_s0..2: rule O's predictors with the rows of rules P and Q, R and Q"
      + (", R', Q and S" if r2[0][0] in rows[0][0]["pred"] else "") + "; seed ensembles)\n")
print(markdown_table(head, body))
