"""Issue 22, session 32: how Vela costs weight-dominated operators, read on the training split of rule O's
predictors (runs/mix22) and on the validation models (V18) -- the diagnosis behind rule R.
Per operator: roofline terms (MACs / P, act bytes / W, weight bytes / W_w; rule L's padded MACs), Vela's cycles,
and PQ's forest prediction. Usage (repo root): PYTHONPATH=src:. python docs/evidence/.../diag_wbound.py [MODEL ...]
"""
import json
import sys

import numpy as np

from jaxeff.gnn.baselines import _COL, roof_terms
from jaxeff.gnn.dataset import load_dataset
from jaxeff.gnn.fit import Predictor
from jaxeff.gnn.realeval import record_of

CLK = {"u55": 500e3, "u65": 1e6}  # cycles per ms
pred = Predictor.load("runs/psage_rs29o_s0/predictor_stacked.npz").with_weight_rule().with_stride_rule()
fb = pred.node_base
hi = fb.weight_hi
for name in [a for a in sys.argv[1:] if not a.startswith("--")]:
    path = f"runs/heldoutV17/models/{name}.tflite"
    lab = json.load(open("runs/heldoutV17/labels.json"))[f"{name}.tflite"]
    rec = record_of(path)
    for plat in ("u55", "u65"):
        m = fb.meters[f"{plat}_latency_ms"]
        t = roof_terms(rec, plat, m.lowered, m.resize_lowered, m.padded)
        p = m.predict_ops(rec, hi, True)
        v = np.asarray(lab[f"{plat}_op_ms"]) * CLK[plat]
        print(f"## {name} {plat}: Vela {lab[f'{plat}_latency_ms']:.2f} ms, forest PQ {p.sum() / CLK[plat]:.2f} ms")
        x = np.asarray(rec["x"])
        for i, o in enumerate(rec["ops"]):
            if v[i] > 0.02 * v.sum() or p[i] > 0.02 * p.sum():
                wb = np.expm1(x[i, _COL["log_param_bytes"]])
                over = x[i, _COL["log_param_bytes"]] > hi[rec["cat"][i]]
                print(f"  {i:3d} {o:18s} W {wb / 1e6:7.2f} MB over={over!s:5s} terms {t[i, 0]:.3g} {t[i, 1]:.3g} "
                      f"{t[i, 2]:.3g}  vela {v[i]:.3g} (x{v[i] / t[i].max():.2f} of max term)  pred {p[i]:.3g} "
                      f"(x{p[i] / t[i].max():.2f})")
if "--train" in sys.argv[1:] or not sys.argv[1:]:
    recs = load_dataset("runs/mix22")
    for plat in ("u55", "u65"):
        m = fb.meters[f"{plat}_latency_ms"]
        rows = {}
        for r in recs:
            t = roof_terms(r, plat, m.lowered, m.resize_lowered, m.padded)
            c = np.asarray(r[f"{plat}_op_cycles"], np.float64)
            wdom = t[:, 2] > t[:, :2].max(1)
            for i in np.flatnonzero(wdom & (c > 0)):
                rows.setdefault(r["ops"][i], []).append((t[i, 2], c[i] / t[i, 2]))
        print(f"## training ({plat}): weight-dominated operators, cycles / weight term by type and weight size")
        for o, v in sorted(rows.items()):
            a = np.asarray(v)
            big = a[:, 0] >= np.quantile(a[:, 0], 0.9)
            print(f"  {o:18s} n={len(a):5d} max W-term {a[:, 0].max():.3g}; ratio median {np.median(a[:, 1]):.2f}"
                  f" [q10 {np.quantile(a[:, 1], .1):.2f}, q90 {np.quantile(a[:, 1], .9):.2f}];"
                  f" top-10%-by-size median {np.median(a[big, 1]):.2f}")
