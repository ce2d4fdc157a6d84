"""Issue 22, session 27 diagnosis on V8 (validation only; decides nothing by itself): where does the per-op sum
(the stacked predictor's nn-Meter forests, ``node_base``) miss on small real models?  Per operator: Vela's ms
against the forests' ms, grouped by op type; and the models' signed totals sorted by Vela latency.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s27/diag_s27.py RUN [N_SMALL]
RUN: a stacked study run on V8 (runs/psage_rs26j8_s0); its real_labels.json / heldout_labels.json give the labels.
"""
import json
import pathlib
import sys
from collections import defaultdict

import numpy as np

from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import real_dir, record_of

run = pathlib.Path(sys.argv[1])
n_small = int(sys.argv[2]) if len(sys.argv) > 2 else 30
pred = Predictor.load(run / "predictor_stacked.npz")
per_op = pred.node_base.per_op()
cfg = json.loads((run / "config.json").read_text())
held = pathlib.Path(cfg.get("heldout_dir") or "runs/heldoutV8") / "models"
labels = {}
for f, d in (("real_labels.json", real_dir()), ("heldout_labels.json", held)):
    for m, v in json.loads((run / f).read_text()).items():
        if v.get("npu_full"):
            labels[m] = (pathlib.Path(d) / m, v)
rows = []
by_type = defaultdict(lambda: defaultdict(list))
for m, (path, v) in sorted(labels.items(), key=lambda kv: kv[1][1]["u55_latency_ms"]):
    rec = record_of(path)
    line = [m.removesuffix(".tflite"), v["u55_latency_ms"], rec["n_ops"]]
    for plat in ("u55", "u65"):
        t = f"{plat}_latency_ms"
        p = np.asarray(per_op[t](rec), np.float64)
        y = np.asarray(v[f"{plat}_op_ms"], np.float64)
        line.append((p.sum() / y.sum() - 1) * 100)
        if len(rows) < n_small:
            for k, typ in enumerate(rec["ops"]):
                by_type[plat][typ].append((y[k], p[k], m))
    rows.append(line)
print(f"# per-op sum (forests of {run}) on V8, models sorted by Vela U55 ms\n")
print("| model | U55 ms | ops | U55 per-op sum err % | U65 per-op sum err % |\n|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]:.3f} | {r[2]} | {r[3]:+.1f} | {r[4]:+.1f} |")
for plat in ("u55", "u65"):
    print(f"\n## {plat}: the {n_small} smallest models, per op type: Vela ms total, forests' ms total, ratio, "
          "worst ops\n")
    for typ, xs in sorted(by_type[plat].items(), key=lambda kv: -sum(a for a, _, _ in kv[1])):
        y = sum(a for a, _, _ in xs)
        p = sum(b for _, b, _ in xs)
        worst = sorted(xs, key=lambda t: -(abs(t[0] - t[1])))[:3]
        w = "; ".join(f"{mm.removesuffix('.tflite')[:24]} {a:.4f}->{b:.4f}" for a, b, mm in worst)
        print(f"- {typ}: n={len(xs)} vela {y:.3f} ms, forests {p:.3f} ms, ratio {p / max(y, 1e-12):.3f}; {w}")
