"""Section 1 (issue 22, session 31, PREREGISTERED.md): P-J25-ens (rule P, the weight regime of the per-op forests)
against O-J25-ens on V16 = the 11 shared models + the held-out models of V15 and XXXV, scored where Vela maps fully.
Both come from the same runs (`real_study_s31.sh pv16`: rule O's predictors, `--weight-rule` writes P's rows beside).

P replaces O iff on both platforms its seed ensemble's (i) MAPE, (ii) number of models above 50 % and (iii) maximum
are not higher than O's. Reported beside it (deciding nothing): medians, models within 10 %, the models whose
prediction P moves, single-seed MAPEs and `beats` of each against its own per-op sum.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s31/choose31.py [RUN_PREFIX [INC CAND]]
Addendum 2 (rule Q, on V17): `choose31.py runs/psage_rs31qv17 P PQ` (the incumbent first, the candidate second; the
rows: O = no rule, P = rule P, PQ = rules P and Q). Session 32 (rule R, on V18): `choose31.py runs/psage_rs32rv18 PQ RQ`
(R = rule R in place of P, RQ = rules R and Q); addendum 3 (on V19): `choose31.py runs/psage_rs32sv19 RQ R2QS`
(R2QS = rules R', Q and S).
"""
import math
import sys

import numpy as np

from experiments.perfsage import CAPPED_J, WITH_P, WITH_PQ, WITH_R, WITH_R2QS, WITH_RQ
from experiments.perfsage_seeds import PER_OP, TARGETS, _ens_err, _rows, beats, load, pooled

pre = sys.argv[1] if len(sys.argv) > 1 else "runs/psage_rs31pv16"
J25 = CAPPED_J.format(0.25)
FORM = {"O": "{}", "P": WITH_P, "PQ": WITH_PQ, "R": WITH_R, "RQ": WITH_RQ, "R2QS": WITH_R2QS}
inc, cand = sys.argv[2:4] if len(sys.argv) > 3 else ("O", "P")
ROWS = {f"{r}-J25-ens": (FORM[r].format(J25), FORM[r].format(PER_OP)) for r in (inc, cand)}
INC, CAND = ROWS
runs = [pooled(load(f"{pre}_s{s}")) for s in range(3)]
rows = _rows(runs, "pooled")
names = [r["model"] for r in rows[0]]
print(f"{pre}_s0..2: {len(names)} scored models (pooled validation)")
stats = {}
for name, (row, per_op) in ROWS.items():
    stats[name] = {}
    print(name)
    for t in TARGETS:
        e = _ens_err(rows, row, t)
        single = float(np.mean([np.mean([abs(r["err"][row][t]) for r in rs]) for rs in rows]))
        stats[name][t] = (float(e.mean()), int((e > 50).sum()), float(e.max()), e)
        print(f"  {t}: MAPE {e.mean():.3f}, median {np.median(e):.2f}, max {e.max():.1f} "
              f"({names[int(e.argmax())]}), > 50 %: {int((e > 50).sum())}, within 10 %: {int((e <= 10).sum())}; "
              f"single-seed MAPE {single:.3f}")
    for crit, r in beats(runs, "pooled", row, per_op).items():
        c = "; ".join(f"{t[:3]} {a}/{bb}/{tie} of {n}, MAPE {r['mape'][t][0]:.2f} vs {r['mape'][t][1]:.2f}"
                      for t, (a, bb, tie, n) in r["counts"].items())
        print(f"  beats its per-op sum, {crit}: {'shown' if r['shown'] else 'not shown'} ({c})")
print(f"models whose seed-ensemble prediction {CAND} moves by more than 0.01 % against {INC}:")
for t in TARGETS:
    lp = {n: np.exp(np.mean([[math.log(r["pred"][row][t]) for r in rs] for rs in rows], 0))
          for n, (row, _) in ROWS.items()}
    moved = np.flatnonzero(np.abs(lp[CAND] / lp[INC] - 1) > 1e-4)
    eo, ep = stats[INC][t][3], stats[CAND][t][3]
    print(f"  {t}: {len(moved)}: " + ", ".join(
        f"{names[i]} {eo[i]:.1f} -> {ep[i]:.1f} %" for i in moved))
o, p = stats[INC], stats[CAND]
ok = {t: (p[t][0] <= o[t][0], p[t][1] <= o[t][1], p[t][2] <= o[t][2]) for t in TARGETS}
for t, (a, b, c) in ok.items():
    print(f"{t}: (i) MAPE {p[t][0]:.3f} vs {o[t][0]:.3f}: {a}; (ii) > 50 %: {p[t][1]} vs {o[t][1]}: {b}; "
          f"(iii) max {p[t][2]:.1f} vs {o[t][2]:.1f}: {c}")
print("chosen:", CAND if all(all(v) for v in ok.values()) else INC)
