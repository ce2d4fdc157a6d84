"""Per-model signed error % on a held-out set (issue 22, session 28): the seed ensembles (geometric mean over the
three runs) of two rules' J25 rows, each one's per-op sum, MACs+bytes linear and the old predictor (+ bounds), with
each model's operator count and share of out-of-box nodes (m = 0.25). Session 27's per_model27.py with the rules
named on the command line.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/per_model28.py A=PREFIX B=PREFIX [C=PREFIX ...]
(session 29: any number of rules; the last one's MACs+bytes linear and old predictor are shown)
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

J25 = CAPPED_J.format(0.25)
rules = [x.split("=", 1) for x in sys.argv[1:]]  # two or more NAME=PREFIX; the last gives the baselines
names = [n for n, _ in rules]
sets = {name: _rows([load(f"{pre}_s{s}") for s in range(3)], "heldout") for name, pre in rules}
assert all([r["model"] for r in sets[n][0]] == [r["model"] for r in sets[names[0]][0]] for n in names)
b = names[-1]
cols = [c for n in names for c in ((n, J25, f"{n} J25-ens"), (n, PER_OP, f"{n} per-op sum"))]
cols += [(b, "MACs+bytes linear (c)", "MACs+bytes linear"), (b, "PerfSAGE old + bounds", "old + bounds")]
head = ["model", "ops", "NPU only", f"out-of-box {' / '.join(names)}"] + [f"{t[:3]} {c[2]}" for t in TARGETS
                                                                          for c in cols]
body = []
for i, r in enumerate(sets[names[0]][0]):
    line = [r["model"].removesuffix(".tflite"), str(len(r["breakdown"]["u55_latency_ms"])),
            "yes" if r["npu_full"] else "no",
            " / ".join(f"{sets[s][0][i]['out_of_box']['0.25'] * 100:.0f} %" for s in names)]
    for t in TARGETS:
        for s, row, _ in cols:
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in sets[s]]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
print(f"# Per-model signed error % ({', '.join(f'{p}_s0..2 = {n}' for n, p in rules)}; seed ensembles)\n")
print(markdown_table(head, body))
