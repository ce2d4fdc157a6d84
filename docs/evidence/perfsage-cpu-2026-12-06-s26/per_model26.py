"""Per-model |error| % on a held-out set (issue 22, session 26): the seed ensembles (geometric mean over the three
runs) of J25, J0 and I, the per-op sum's ensemble, MACs+bytes linear and the old predictor (+ bounds), with each
model's share of out-of-box nodes (rule J). Signed errors (prediction / Vela - 1).
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s26/per_model26.py RUN_PREFIX
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J, CAPPED_U
from experiments.perfsage_seeds import PER_OP, TARGETS, _rows, load
from jaxeff.report import markdown_table

pre = sys.argv[1]
runs = [load(f"{pre}_s{s}") for s in range(3)]
rows = _rows(runs, "heldout")
cols = {"J25-ens": CAPPED_J.format(0.25), "J0-ens": CAPPED_J.format(0.0), "I-ens": CAPPED_U,
        "per-op sum (ens)": PER_OP, "MACs+bytes linear": "MACs+bytes linear (c)",
        "old + bounds": "PerfSAGE old + bounds"}
head = ["model", "out-of-box nodes m=0 / 0.25"] + [f"{t[:3]} {c}" for t in TARGETS for c in cols]
body = []
for i, r in enumerate(rows[0]):
    line = [r["model"].removesuffix(".tflite"),
            " / ".join(f"{r['out_of_box'][m] * 100:.1f} %" for m in ("0", "0.25"))]
    for t in TARGETS:
        for row in cols.values():
            p = np.exp(np.mean([np.log(rs[i]["pred"][row][t]) for rs in rows]))
            line.append(f"{(p / r['label'][t] - 1) * 100:+.1f}")
    body.append(line)
print(f"# Per-model signed error % ({pre}_s0..2, seed ensembles; Vela maps all fully)\n")
print(markdown_table(head, body))
