"""Per-model signed error % on a held-out set (issue 22, session 27): the seed ensembles (geometric mean over the
three runs) of rule K's and rule I's J25 rows, each one's per-op sum, MACs+bytes linear and the old predictor
(+ bounds), with each model's operator count and share of out-of-box nodes (m = 0.25) under K and I.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s27/per_model27.py K_PREFIX I_PREFIX
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

J25 = CAPPED_J.format(0.25)
sets = {name: _rows([load(f"{pre}_s{s}") for s in range(3)], "heldout")
        for name, pre in (("K", sys.argv[1]), ("I", sys.argv[2]))}
assert [r["model"] for r in sets["K"][0]] == [r["model"] for r in sets["I"][0]]
cols = [("K", J25, "K J25-ens"), ("K", PER_OP, "K per-op sum"), ("I", J25, "I J25-ens"), ("I", PER_OP, "I per-op sum"),
        ("I", "MACs+bytes linear (c)", "MACs+bytes linear"), ("I", "PerfSAGE old + bounds", "old + bounds")]
head = ["model", "ops", "NPU only", "out-of-box K / I"] + [f"{t[:3]} {c[2]}" for t in TARGETS for c in cols]
body = []
for i, r in enumerate(sets["K"][0]):
    line = [r["model"].removesuffix(".tflite"), str(len(r["breakdown"]["u55_latency_ms"])),
            "yes" if r["npu_full"] else "no",
            " / ".join(f"{sets[s][0][i]['out_of_box']['0.25'] * 100:.0f} %" for s in ("K", "I"))]
    for t in TARGETS:
        for s, row, _ in cols:
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in sets[s]]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
print(f"# Per-model signed error % ({sys.argv[1]}_s0..2 = K, {sys.argv[2]}_s0..2 = I; seed ensembles)\n")
print(markdown_table(head, body))
