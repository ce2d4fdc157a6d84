"""Section 2B (issue 22, session 28, PREREGISTERED.md): L-J25-ens (rule L, the channel-padded roofline) against
K-J25-ens (the recommended predictor) on V10 = the 11 shared models + the held-out models of V8, XXVII, XXVIII and
XXIX, scored where Vela maps fully.

Rule (a): over all of V10, per platform, L's seed-ensemble MAPE not worse by more than 0.3 points and no more models
above 50 %; rule (b): over V10's models with at most 32 operators, L's MAPE averaged over the two platforms lower.
The two rules' runs hold the models in different orders (K: four runs merged per seed; L: one folder), so they are
aligned by model name. Reported beside it (deciding nothing): medians, maxima, single-seed MAPEs and `beats`.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/choose28.py [K_PREFIX L_PREFIX]
(a prefix holding "{s}" is formatted with the seed, else "_s{seed}" is appended). "NAME=PREFIX" names a rule: addendum
1's choice on V11 is `choose28.py "L=<L's runs>" "M=<M's runs>"` (the incumbent first, the candidate second).
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J
from experiments.perfsage_seeds import PER_OP, TARGETS, _ens_err, _rows, beats, load, pooled

J25 = CAPPED_J.format(0.25)
K = "runs/psage_rs27k_s{s}+runs/psage_rs27k27_s{s}+runs/psage_rs27k28_s{s}+runs/psage_rs27k29_s{s}"
args = sys.argv[1:3] if len(sys.argv) > 2 else [f"K={K}", "L=runs/psage_rs28l"]
args = [x if "=" in x else f"{n}={x}" for x, n in zip(args, "KL", strict=True)]
pres = {f"{x.split('=', 1)[0]}-J25-ens": x.split("=", 1)[1] for x in args}
inc, cand = list(pres)  # the incumbent, the candidate
SMALL = 32  # operators (PREREGISTERED.md s27 section 2, kept in s28)
stats, order = {}, None
for name, pre in pres.items():
    runs = [pooled(load(pre.format(s=s) if "{s}" in pre else f"{pre}_s{s}")) for s in range(3)]
    rows = _rows(runs, "pooled")
    names = [r["model"] for r in rows[0]]
    order = order or sorted(names)
    if sorted(names) != order:
        raise SystemExit(f"{name}: not the same V10 models ({sorted(set(names) ^ set(order))})")
    idx = np.asarray([names.index(m) for m in order])  # aligned by model name
    n_ops = np.asarray([len(r["breakdown"]["u55_latency_ms"]) for r in rows[0]])[idx]
    small = n_ops <= SMALL
    print(f"{name} ({pre}, seeds 0..2): {len(order)} scored models, {int(small.sum())} with <= {SMALL} operators")
    stats[name] = {}
    for t in TARGETS:
        e = _ens_err(rows, J25, t)[idx]
        single = float(np.mean([np.mean([abs(r["err"][J25][t]) for r in rs]) for rs in rows]))
        stats[name][t] = (float(e.mean()), int((e > 50).sum()), float(e[small].mean()))
        print(f"  {t}: all: MAPE {e.mean():.3f}, median {np.median(e):.2f}, max {e.max():.1f} "
              f"({order[int(e.argmax())]}), > 50 %: {int((e > 50).sum())}; single-seed MAPE {single:.3f}"
              f" | <= {SMALL} ops: MAPE {e[small].mean():.3f}, median {np.median(e[small]):.2f}, max "
              f"{e[small].max():.1f} ({np.asarray(order)[small][int(e[small].argmax())]})")
        worst = np.argsort(-e[small])[:5]
        print("    worst small: " + ", ".join(f"{np.asarray(order)[small][i]} {e[small][i]:.1f}" for i in worst))
    for crit, r in beats(runs, "pooled", J25, PER_OP).items():
        c = "; ".join(f"{t[:3]} {a}/{bb}/{tie} of {n}, MAPE {r['mape'][t][0]:.2f} vs {r['mape'][t][1]:.2f}"
                      for t, (a, bb, tie, n) in r["counts"].items())
        print(f"  beats its per-op sum, {crit}: {'shown' if r['shown'] else 'not shown'} ({c})")
k, l_ = stats[inc], stats[cand]
a = all(l_[t][0] <= k[t][0] + 0.3 and l_[t][1] <= k[t][1] for t in TARGETS)
b = np.mean([l_[t][2] for t in TARGETS]) < np.mean([k[t][2] for t in TARGETS])
print(f"(a) all scored models within 0.3 points, no more models above 50 %: {a}")
print(f"(b) <= {SMALL} ops, MAPE averaged over the platforms: {cand[0]} {np.mean([l_[t][2] for t in TARGETS]):.3f} "
      f"vs {inc[0]} {np.mean([k[t][2] for t in TARGETS]):.3f}: {b}")
print("chosen:", cand if a and b else inc)
