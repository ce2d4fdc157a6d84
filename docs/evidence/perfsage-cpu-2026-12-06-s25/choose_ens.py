"""Addendum 2a's check at full precision (issue 22, session 25): rule I against its seed ensemble I-ens on V7.

V7 = V6 (runs/psage_rs25i_s*) + families XXII / XXIII (runs/psage_rs25iT_s*), merged by perfsage_seeds.load.
I's MAPE is the mean over its 3 seeds; I-ens's is that of the geometric mean of the 3 seeds' predictions.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s25/choose_ens.py
"""
import numpy as np

from experiments.perfsage_seeds import load

ROW = "PerfSAGE capped, per-op sum on unseen op types (ours)"
T = ("u55_latency_ms", "u65_latency_ms")
runs = [load(f"runs/psage_rs25i_s{s}+runs/psage_rs25iT_s{s}") for s in range(3)]
rows = [sorted((r for k in ("real", "heldout") for r in st[k] if r["npu_full"]), key=lambda r: r["model"])
        for st in runs]
assert all([r["model"] for r in rs] == [r["model"] for r in rows[0]] for rs in rows)
adopt = True
for t in T:
    lab = np.array([r["label"][t] for r in rows[0]])
    pred = np.array([[r["pred"][ROW][t] for r in rs] for rs in rows])  # [seeds, models]
    single = float(np.mean(np.abs(pred / lab - 1).mean(1) * 100))
    e = np.abs(np.exp(np.log(pred).mean(0)) / lab - 1) * 100
    worst = rows[0][int(e.argmax())]["model"]
    print(f"{t}: n={len(lab)} I (seed mean) MAPE {single:.3f}; I-ens MAPE {e.mean():.3f}, max {e.max():.1f} "
          f"({worst}), above 50 %: {int((e > 50).sum())}")
    adopt &= bool(e.mean() < single and not (e > 50).any())
print("I-ens adopted:", adopt)
