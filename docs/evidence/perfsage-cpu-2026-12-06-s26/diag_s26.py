"""Why the pair count stays near half on V8 (issue 22, session 26; validation only, decides nothing).

For rule J25's capped GNN g and its per-op sum b on each (V8 model, seed) pair: how often the GNN's correction
log(g / b) points the way the per-op sum's residual log(Vela / b) needs, binned by the size of that residual, and the
pair counts if the correction were scaled by a (a = 0: the per-op sum; a = 1: J25).
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s26/diag_s26.py
"""
import numpy as np

from experiments.perfsage import CAPPED_J, CAPPED_U
from experiments.perfsage_seeds import PER_OP, TARGETS, TIE, _rows, load, pooled

runs = [pooled(load(f"runs/psage_rs26j8_s{s}")) for s in range(3)]
rows = _rows(runs, "pooled")
J = CAPPED_J.format(0.25)
print(f"V8: {len(rows[0])} scored models x 3 seeds")
for t in TARGETS:
    lab = np.array([r["label"][t] for r in rows[0]])
    g = np.array([[r["pred"][J][t] for r in rs] for rs in rows])
    b = np.array([[r["pred"][PER_OP][t] for r in rs] for rs in rows])
    corr, need = np.log(g / b), np.log(lab / b)
    eb = np.abs(b / lab - 1) * 100
    print(f"\n{t}")
    for lo, hi in ((0, 2), (2, 5), (5, 10), (10, 1e9)):
        m = (eb >= lo) & (eb < hi)
        right = (np.sign(corr) == np.sign(need))[m]
        eg = np.abs(g / lab - 1)[m] * 100
        print(f"  per-op sum |error| {lo}-{hi if hi < 1e9 else 'inf'} %: {int(m.sum())} pairs, correction points the "
              f"right way in {right.mean() * 100:.0f} %, GNN closer in {int((eb[m] - eg > TIE).sum())}, "
              f"farther in {int((eg - eb[m] > TIE).sum())}, mean |error| {eb[m].mean():.2f} -> {eg.mean():.2f}")
    for a in (0.25, 0.5, 0.75, 1.0):
        e = np.abs(b * np.exp(a * corr) / lab - 1) * 100
        print(f"  correction x {a}: MAPE {e.mean():.3f}, closer / farther {int((eb - e > TIE).sum())} / "
              f"{int((e - eb > TIE).sum())} of {e.size}")

# where rule J moved the seed ensemble on V8 (J25-ens against I-ens, |error| points; > 0: J25 closer)
moved = []
for i, r in enumerate(rows[0]):
    d = []
    for t in TARGETS:
        ens = {k: np.exp(np.mean([np.log(rs[i]["pred"][k][t]) for rs in rows])) for k in (J, CAPPED_U)}
        d.append(abs(ens[CAPPED_U] / r["label"][t] - 1) * 100 - abs(ens[J] / r["label"][t] - 1) * 100)
    moved.append((max(d, key=abs), r["model"], d))
moved.sort(key=lambda m: -abs(m[0]))
big = [m for m in moved if abs(m[0]) > 1]
print(f"\nJ25-ens against I-ens on V8: {len(big)} models move by more than 1 point")
for _, name, d in big:
    print(f"  {name}: U55 {d[0]:+.1f}, U65 {d[1]:+.1f} points closer with rule J")
