"""Session 42 (issue 22): per-node latency of the recommended per-op forests (T216UVZ1RW, the three saved seeds,
geometric mean) against Vela's per-op ms, on READ models only (families LXVII / LXVIII, scored in session 41).
Lists each model's operators with Vela ms, forest ms and their ratio, and whether a rule priced the node.
Usage (repo root, venv on, JAXEFF_DATA set): PYTHONPATH=src:. python THIS FOLDER:MODEL [FOLDER:MODEL ...]"""
from __future__ import annotations

import importlib.util
import json
import pathlib
import sys

import numpy as np

from jaxeff.gnn.graph import FEATURE_COLUMNS
from jaxeff.gnn.realeval import record_of

S40 = pathlib.Path(__file__).resolve().parents[1] / "perfsage-cpu-2026-12-07-s40" / "score_s40.py"
spec = importlib.util.spec_from_file_location("score_s40", S40)
s40 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(s40)
TG = ("u55_latency_ms", "u65_latency_ms")


def desc(rec, i):
    x, c = rec["x"][i], FEATURE_COLUMNS
    shp = "x".join(str(int(x[c.index(f"shape{j}")])) for j in range(4))
    op = rec["ops"][i]
    if op in ("CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "MAX_POOL_2D", "AVERAGE_POOL_2D"):
        g = lambda k: int(x[c.index(k)]) if k in c else -1
        return f"{op} {shp} k{g('kernel_h')}x{g('kernel_w')} s{g('stride_h')}x{g('stride_w')} cin{g('c_in')}"
    return f"{op} {shp}"


def main(args):
    preds = s40.predictors(sys.argv[1] if False else "T216UVZ1RW")
    for a in args:
        folder, name = a.split(":")
        lab = json.load(open(f"runs/{folder}/labels.json"))[f"{name}.tflite"]
        rec = record_of(pathlib.Path(f"runs/{folder}/models/{name}.tflite"))
        n = int(rec["n_ops"])
        per = {t: np.exp(np.mean([np.log(np.maximum(np.asarray(p.node_base.per_op()[t](rec), float), 1e-12))
                                  for p in preds], 0)) for t in TG}
        print(f"\n## {folder}/{name}  Vela U55 {lab['u55_latency_ms']:.3f} ms U65 {lab['u65_latency_ms']:.3f} ms; "
              f"per-op sum {per[TG[0]].sum():.3f} / {per[TG[1]].sum():.3f}\n")
        print("| i | op | Vela u55 | forest u55 | ratio | Vela u65 | forest u65 | ratio |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        vu55, vu65 = lab["u55_op_ms"], lab["u65_op_ms"]
        for i in range(n):
            a55, a65 = float(vu55[i]), float(vu65[i])
            f55, f65 = float(per[TG[0]][i]), float(per[TG[1]][i])
            print(f"| {i} | {desc(rec, i)} | {a55:.4f} | {f55:.4f} | {f55 / max(a55, 1e-9):.2f} | {a65:.4f} | "
                  f"{f65:.4f} | {f65 / max(a65, 1e-9):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
