"""Per-model signed error % on a held-out set (issue 22, session 28): the seed ensembles (geometric mean over the
three runs) of two rules' J25 rows, each one's per-op sum, MACs+bytes linear and the old predictor (+ bounds), with
each model's operator count and share of out-of-box nodes (m = 0.25). Session 27's per_model27.py with the rules
named on the command line.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/per_model28.py A=PREFIX B=PREFIX
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

J25 = CAPPED_J.format(0.25)
(a, pa), (b, pb) = (x.split("=", 1) for x in sys.argv[1:3])
sets = {name: _rows([load(f"{pre}_s{s}") for s in range(3)], "heldout") for name, pre in ((a, pa), (b, pb))}
assert [r["model"] for r in sets[a][0]] == [r["model"] for r in sets[b][0]]
cols = [(a, J25, f"{a} J25-ens"), (a, PER_OP, f"{a} per-op sum"), (b, J25, f"{b} J25-ens"),
        (b, PER_OP, f"{b} per-op sum"), (b, "MACs+bytes linear (c)", "MACs+bytes linear"),
        (b, "PerfSAGE old + bounds", "old + bounds")]
head = ["model", "ops", "NPU only", f"out-of-box {a} / {b}"] + [f"{t[:3]} {c[2]}" for t in TARGETS for c in cols]
body = []
for i, r in enumerate(sets[a][0]):
    line = [r["model"].removesuffix(".tflite"), str(len(r["breakdown"]["u55_latency_ms"])),
            "yes" if r["npu_full"] else "no",
            " / ".join(f"{sets[s][0][i]['out_of_box']['0.25'] * 100:.0f} %" for s in (a, b))]
    for t in TARGETS:
        for s, row, _ in cols:
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in sets[s]]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
print(f"# Per-model signed error % ({pa}_s0..2 = {a}, {pb}_s0..2 = {b}; seed ensembles)\n")
print(markdown_table(head, body))
