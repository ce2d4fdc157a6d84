"""Session 22 diagnostic (read after the families XI outcome; changes nothing): where a rule's per-op sum misses a
model, by operator type. Vela's in-graph per-operator cycles against the stacked predictor's own forests (its
per-op base), on U55.

    python docs/evidence/perfsage-cpu-2026-12-05-s22/by_type.py RUN MODEL.tflite [...] > OUT.md
"""
import collections
import pathlib
import sys

import numpy as np

from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite.reader import read_main

run, models = sys.argv[1], sys.argv[2:]
per_op = Predictor.load(pathlib.Path(run) / "predictor_stacked.npz").node_base.per_op()
print(f"# Where the per-op sum misses, by operator type (U55, forests of `{run}`)\n")
print("| model | op type | count | share of in-graph cycles (%) | forests / in-graph | "
      "contribution to the model's error (points) |")
print("|---|---|---|---|---|---|")
for m in models:
    g, rec = read_main(m), record_of(m)
    v = run_vela(m, "u55")
    inside = per_op_cycles(g, v.per_layer, list(v.original_ops))
    pred = per_op["u55_latency_ms"](rec) * 500e3  # ms -> cycles at 500 MHz
    tot = inside.sum()
    by = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for op, c, p in zip(g.ops, inside, pred, strict=True):
        by[op.type][0] += 1
        by[op.type][1] += c
        by[op.type][2] += p
    for t, (n, c, p) in sorted(by.items(), key=lambda kv: -kv[1][1]):
        print(f"| {pathlib.Path(m).name} | {t} | {n} | {100 * c / tot:.1f} | "
              f"{p / c if c else float('nan'):.2f} | {100 * (p - c) / tot:+.1f} |")
