"""Section 2's choice (issue 22, session 26): I-ens against rule J's seed ensembles (J0-ens, J25-ens) on V8.

V8 = the 11 shared models ("real") and the 118 held-out models of runs/heldoutV8, scored where Vela maps fully
(runs/psage_rs26j8_s{0,1,2}: rule I's saved predictors reused, rule J's rows added). Per rule and platform: the
seed-ensemble MAPE / max / models above 50 % (what chooses, `experiments.perfsage_seeds.choose`), the single-seed
MAPE averaged over seeds, the share of out-of-box nodes, and `beats` against the per-op sum (deciding nothing).
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s26/choose26.py [RUN_PREFIX]
"""
import sys

import numpy as np

from experiments.perfsage import CAPPED_J, CAPPED_U
from experiments.perfsage_seeds import PER_OP, TARGETS, _ens_err, _rows, beats, choose, load, pooled

pre = sys.argv[1] if len(sys.argv) > 1 else "runs/psage_rs26j8"
runs = [pooled(load(f"{pre}_s{s}")) for s in range(3)]
rows = _rows(runs, "pooled")
rules = {"I-ens": CAPPED_U, "J0-ens": CAPPED_J.format(0.0), "J25-ens": CAPPED_J.format(0.25)}
print(f"{len(rows[0])} scored models ({pre}_s0..2)")
table = {}
for name, row in rules.items():
    table[name] = {}
    for t in TARGETS:
        e = _ens_err(rows, row, t)
        single = float(np.mean([np.mean([abs(r["err"][row][t]) for r in rs]) for rs in rows]))
        worst = rows[0][int(e.argmax())]["model"]
        table[name][t] = (float(e.mean()), int((e > 50).sum()))
        print(f"{name:8s} {t}: ensemble MAPE {e.mean():.3f}, median {np.median(e):.2f}, max {e.max():.1f} "
              f"({worst}), > 50 %: {int((e > 50).sum())}; single-seed MAPE (mean over seeds) {single:.3f}")
    b = beats(runs, "pooled", row, PER_OP)
    for crit, r in b.items():
        c = "; ".join(f"{t[:3]} {a}/{bb}/{tie} of {n}, MAPE {r['mape'][t][0]:.2f} vs {r['mape'][t][1]:.2f}"
                      for t, (a, bb, tie, n) in r["counts"].items())
        print(f"    beats the per-op sum, {crit}: {'shown' if r['shown'] else 'not shown'} ({c})")
for m in ("0", "0.25"):
    sh = np.asarray([r["out_of_box"][m] for r in rows[0]]) * 100
    print(f"out-of-box node share at m = {m}: median {np.median(sh):.1f} %, mean {sh.mean():.1f} %, "
          f"max {sh.max():.1f} % ({rows[0][int(sh.argmax())]['model']}), models with none: {int((sh == 0).sum())}")
print("chosen:", choose(table))
