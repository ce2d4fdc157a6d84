"""Section 2 / addendum 1's choice from the study runs, at full precision (issue 22, session 24).

Per rule: MAPE over the models Vela maps fully (shared real + held-out pooled), averaged over its 3 seeds, per
platform; ensemble (geometric mean over seeds) models above 50 %. Usage: python choose.py TAG:NAME ... (first = E')
"""
import json
import sys

import numpy as np

ROW = "PerfSAGE capped, per-op sum on unseen op types (ours)"
T = ("u55_latency_ms", "u65_latency_ms")


def rule(tag):
    errs, preds, labs = {t: [] for t in T}, {t: [] for t in T}, {}
    for s in range(3):
        st = json.load(open(f"runs/psage_rs24{tag}_s{s}/results.json"))["real_study"]
        rows = [r for k in ("real", "heldout") for r in st[k] if r["npu_full"]]
        for t in T:
            e = [abs(r["pred"][ROW][t] / r["label"][t] - 1) * 100 for r in rows]
            errs[t].append(np.mean(e))
            preds[t].append([r["pred"][ROW][t] for r in rows])
            labs[t] = [r["label"][t] for r in rows]
    out = {"n": len(labs[T[0]])}
    for t in T:
        ens = np.exp(np.mean(np.log(preds[t]), 0))
        out[t] = (float(np.mean(errs[t])), int(np.sum(np.abs(ens / np.asarray(labs[t]) - 1) > 0.5)))
    return out


res = {a.split(":")[1]: rule(a.split(":")[0]) for a in sys.argv[1:]}
base = next(iter(res.values()))
best, best_avg = next(iter(res)), np.mean([base[t][0] for t in T])
for name, r in res.items():
    avg = np.mean([r[t][0] for t in T])
    ok = all(r[t][0] <= base[t][0] + 0.3 and r[t][1] <= base[t][1] for t in T)
    print(f"{name}: n={r['n']} MAPE u55 {r[T[0]][0]:.3f} u65 {r[T[1]][0]:.3f} avg {avg:.3f}; "
          f"ensemble > 50 %: {r[T[0]][1]} / {r[T[1]][1]}; qualifies: {ok}")
    if ok and avg < best_avg:
        best, best_avg = name, avg
print("chosen:", best)
