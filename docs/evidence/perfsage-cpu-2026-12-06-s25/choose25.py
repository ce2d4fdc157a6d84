"""Section 2's choice from the study runs, at full precision (issue 22, session 25).

Session 24's statistic (its ``choose.py``) on V6. Per rule: MAPE over the models Vela maps fully (shared real +
held-out pooled), averaged over its 3 seeds, per platform; ensemble (geometric mean over seeds) models above 50 %.
Usage: PYTHONPATH=. python choose25.py RUNS:NAME ... (first = the reference, H-ctx). RUNS is a run folder with ``{s}`` for the
seed; ``A+B`` merges two folders' held-out models (experiments.perfsage_seeds.load).
"""
import sys

import numpy as np

from experiments.perfsage_seeds import choose, load

ROW = "PerfSAGE capped, per-op sum on unseen op types (ours)"
T = ("u55_latency_ms", "u65_latency_ms")


def rule(spec):
    errs, preds, labs, names = {t: [] for t in T}, {t: [] for t in T}, {}, None
    for s in range(3):
        st = load(spec.format(s=s))
        rows = sorted((r for k in ("real", "heldout") for r in st[k] if r["npu_full"]),
                      key=lambda r: r["model"])
        got = [r["model"] for r in rows]
        assert names is None or got == names, "seeds disagree on the models"
        names = got
        for t in T:
            errs[t].append(np.mean([abs(r["pred"][ROW][t] / r["label"][t] - 1) * 100 for r in rows]))
            preds[t].append([r["pred"][ROW][t] for r in rows])
            labs[t] = [r["label"][t] for r in rows]
    out = {"n": len(names), "models": names}
    for t in T:
        ens = np.exp(np.mean(np.log(preds[t]), 0))
        out[t] = (float(np.mean(errs[t])), int(np.sum(np.abs(ens / np.asarray(labs[t]) - 1) > 0.5)))
    return out


res = {a.rsplit(":", 1)[1]: rule(a.rsplit(":", 1)[0]) for a in sys.argv[1:]}
base = next(iter(res.values()))
for name, r in res.items():
    assert r["models"] == base["models"], f"{name} scores other models than the reference"
    avg = np.mean([r[t][0] for t in T])
    print(f"{name}: n={r['n']} MAPE u55 {r[T[0]][0]:.3f} u65 {r[T[1]][0]:.3f} avg {avg:.3f}; "
          f"ensemble > 50 %: {r[T[0]][1]} / {r[T[1]][1]}")
print("chosen:", choose(res, targets=T))
