"""Kendall tau of the NN-Mass study over the networks finished so far.

The study run (``python -m experiments.rans ... --study-n 20 ... --workdir
docs/evidence/rans-cpu-2026-12-03/study``) caches one ``study/<i>.json`` per trained
network and writes results.json only when all 20 are done. This reads the finished
caches and applies the same statistics (jaxeff.metrics.kendall_test, seed 0):

    PYTHONPATH=src python docs/evidence/rans-cpu-2026-12-03/study_partial.py
"""

import json
import pathlib

from jaxeff.metrics import kendall_test

D = pathlib.Path(__file__).parent / "study" / "study"
rows = sorted((json.loads(f.read_text()) for f in D.glob("*.json")),
              key=lambda r: r["index"])
print("| # | wm | dm | depths | dims | NN-Mass | MACs | params | val top-1 | train s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['index']} | {r['wm']} | {r['dm']} | {r['depths']} | {r['dims']} | "
          f"{r['nn_mass']} | {r['macs']:,} | {r['params']:,} | {r['val_top1']:.2f} | "
          f"{r['train_s']:.0f} |")
acc = [r["val_top1"] for r in rows]
print(f"\n{len(rows)} networks")
if len(rows) >= 2:
    for k in ("nn_mass", "macs", "params"):
        t = kendall_test([r[k] for r in rows], acc, seed=0)
        print(f"{k:8s} vs val top-1: tau-b {t['tau']:+.3f}, permutation p {t['p_perm']:.4f}, "
              f"bootstrap 95 % [{t['ci95_low']:+.3f}, {t['ci95_high']:+.3f}]")
