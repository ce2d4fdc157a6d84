"""Section 2's choice (issue 22, session 27): K-J25-ens (rule K, trained on mix19 = mix18 + the tiny space) against
I-J25-ens (rule I's predictors, the recommended J25-ens) on V8.

V8 = the 11 shared models and the 118 held-out models of runs/heldoutV8, scored where Vela maps fully. Rule (a): over
all of V8, per platform, K's seed-ensemble MAPE not worse by more than 0.3 points and no more models above 50 %; rule
(b): over V8's models with at most 32 operators, K's MAPE averaged over the two platforms lower. Reported beside it
(deciding nothing): medians, maxima, single-seed MAPEs and `beats` against each rule's own per-op sum.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s27/choose27.py [I_PREFIX K_PREFIX]
A prefix holding "{s}" is formatted with the seed instead (addendum 2's V9: merged runs "A_s{s}+B_s{s}+C_s{s}").
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J
from experiments.perfsage_seeds import PER_OP, TARGETS, _ens_err, _rows, beats, load, pooled

J25 = CAPPED_J.format(0.25)
pres = {"I-J25-ens": sys.argv[1] if len(sys.argv) > 2 else "runs/psage_rs26j8",
        "K-J25-ens": sys.argv[2] if len(sys.argv) > 2 else "runs/psage_rs27k"}
SMALL = 32  # operators (PREREGISTERED.md s27, section 2)
stats = {}
for name, pre in pres.items():
    runs = [pooled(load(pre.format(s=s) if "{s}" in pre else f"{pre}_s{s}")) for s in range(3)]
    rows = _rows(runs, "pooled")
    n_ops = np.asarray([len(r["breakdown"]["u55_latency_ms"]) for r in rows[0]])
    small = n_ops <= SMALL
    print(f"{name} ({pre}, seeds 0..2): {len(rows[0])} scored models, {int(small.sum())} with <= {SMALL} operators")
    stats[name] = {"models": [r["model"] for r in rows[0]]}
    for t in TARGETS:
        e = _ens_err(rows, J25, t)
        single = float(np.mean([np.mean([abs(r["err"][J25][t]) for r in rs]) for rs in rows]))
        stats[name][t] = (float(e.mean()), int((e > 50).sum()), float(e[small].mean()))
        print(f"  {t}: all: MAPE {e.mean():.3f}, median {np.median(e):.2f}, max {e.max():.1f} "
              f"({rows[0][int(e.argmax())]['model']}), > 50 %: {int((e > 50).sum())}; single-seed MAPE {single:.3f}"
              f" | <= {SMALL} ops: MAPE {e[small].mean():.3f}, median {np.median(e[small]):.2f}, max "
              f"{e[small].max():.1f} ({np.asarray(rows[0], dtype=object)[small][int(e[small].argmax())]['model']})")
    for crit, r in beats(runs, "pooled", J25, PER_OP).items():
        c = "; ".join(f"{t[:3]} {a}/{bb}/{tie} of {n}, MAPE {r['mape'][t][0]:.2f} vs {r['mape'][t][1]:.2f}"
                      for t, (a, bb, tie, n) in r["counts"].items())
        print(f"  beats its per-op sum, {crit}: {'shown' if r['shown'] else 'not shown'} ({c})")
i, k = stats["I-J25-ens"], stats["K-J25-ens"]
assert i["models"] == k["models"], "the two rules must score the same V8 models"
a = all(k[t][0] <= i[t][0] + 0.3 and k[t][1] <= i[t][1] for t in TARGETS)
b = np.mean([k[t][2] for t in TARGETS]) < np.mean([i[t][2] for t in TARGETS])
print(f"(a) all scored models within 0.3 points, no more models above 50 %: {a}")
print(f"(b) <= {SMALL} ops, MAPE averaged over the platforms: K {np.mean([k[t][2] for t in TARGETS]):.3f} vs I "
      f"{np.mean([i[t][2] for t in TARGETS]):.3f}: {b}")
print("chosen:", "K-J25-ens" if a and b else "I-J25-ens")
