"""Section 2A (issue 22, session 28, PREREGISTERED.md): the input-depth granule G of rule L's channel-padded
roofline, chosen from the per-op sum alone on V10, before any GNN is trained.

Rule K's forests (mix19's training split, forest seed 10 = model seed 0, ratio target, context, rules D / E) are fit
without padding (K) and with G in {8, 16, 32}; each one's per-op sum is scored on V10 = the shared models + the
held-out folders V8, XXVII, XXVIII, XXIX, where Vela maps fully. G: the lowest MAPE over V10's models of at most 32
operators averaged over the two platforms (ties: the smaller G), if lower than K's and, over all of V10 per platform,
not worse than K's by more than 0.3 points. Checks itself: K's per-op sum here must equal the per-op sum row of the
seed-0 runs of rule K (`runs/psage_rs27k_s0` + `rs27k27` + `rs27k28` + `rs27k29`).
Usage (repo root): JAXEFF_DATA=... PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/forest_pad28.py
"""
import dataclasses
import json
import pathlib
import time

import numpy as np

from experiments import perfsage as ps
from experiments.perfsage_seeds import PER_OP, load, pooled
from jaxeff.gnn.realeval import real_dir, record_of

SMALL, TOL, GRANULES = 32, 0.3, (8, 16, 32)
TG = ("u55_latency_ms", "u65_latency_ms")
K_RUNS = "runs/psage_rs27k_s0+runs/psage_rs27k27_s0+runs/psage_rs27k28_s0+runs/psage_rs27k29_s0"
cfg = ps.parse(["--dataset", "runs/mix19", "--real-study", "--epochs", "60", "--no-prior-variant",
                "--node-variants", "stacked", "--forest-target", "ratio", "--model-seed", "0",
                "--forest-lowered", "--forest-resize", "--forest-context"])[0]
recs, _ = ps.load_records(cfg.dataset, cfg)
train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
print(f"mix19: {len(recs)} graphs, {len(train)} in the training split", flush=True)

models = []  # (name, record, labels) of V10, NPU-only
sets = [(real_dir(), json.loads(pathlib.Path("runs/real_shared/labels.json").read_text()))]
for h in ("heldoutV8", "heldoutXXVII", "heldoutXXVIII", "heldoutXXIX"):
    sets.append((pathlib.Path(f"runs/{h}/models"), json.loads(pathlib.Path(f"runs/{h}/labels.json").read_text())))
for d, labs in sets:
    for f in sorted(d.glob("*.tflite")):
        if labs[f.name]["npu_full"]:
            models.append((f.name, record_of(f), labs[f.name]))
names = [m[0] for m in models]
assert len(set(names)) == len(names), "a model twice in V10"
small = np.asarray([m[1]["n_ops"] <= SMALL for m in models])
print(f"V10: {len(models)} scored models, {int(small.sum())} with <= {SMALL} operators", flush=True)

stats = {}
for g in (0, *GRANULES):
    t0 = time.time()
    fb = ps._forests(dataclasses.replace(cfg, forest_padded=g), train, cfg.targets)
    per_op = fb.per_op()
    err = {t: np.asarray([abs(float(per_op[t](r).sum()) / lab[t] - 1) * 100 for _, r, lab in models]) for t in TG}
    stats[g] = err
    tag = f"G = {g}" if g else "K (no padding)"
    print(f"{tag} ({time.time() - t0:.0f} s)", flush=True)
    for t in TG:
        e = err[t]
        print(f"  {t}: all: MAPE {e.mean():.3f}, median {np.median(e):.2f}, max {e.max():.1f} ({names[int(e.argmax())]}),"
              f" > 50 %: {int((e > 50).sum())} | <= {SMALL} ops: MAPE {e[small].mean():.3f}, median "
              f"{np.median(e[small]):.2f}, max {e[small].max():.1f}", flush=True)

# self-check against rule K's seed-0 runs (the same forests: the same per-op sums)
st = pooled(load(K_RUNS))
rows = {r["model"]: r for r in st["pooled"] if r["npu_full"]}
assert set(rows) == set(names), sorted(set(rows) ^ set(names))
for t in TG:
    theirs = np.asarray([abs(rows[n]["err"][PER_OP][t]) for n in names])
    print(f"self-check {t}: max |K here - K's run| = {np.abs(theirs - stats[0][t]).max():.2e} points", flush=True)

k = stats[0]
score = {g: float(np.mean([stats[g][t][small].mean() for t in TG])) for g in stats}
print("\n| roofline | <= 32 ops MAPE (mean of platforms) | all MAPE u55 | all MAPE u65 | qualifies |")
print("|---|---|---|---|---|")
ok = {}
for g in stats:
    ok[g] = g != 0 and score[g] < score[0] and all(stats[g][t].mean() <= k[t].mean() + TOL for t in TG)
    print(f"| {'G = %d' % g if g else 'K'} | {score[g]:.3f} | {stats[g]['u55_latency_ms'].mean():.3f} | "
          f"{stats[g]['u65_latency_ms'].mean():.3f} | {ok[g] if g else '-'} |")
best = min((g for g in GRANULES if ok[g]), key=lambda g: (score[g], g), default=None)
print("\nchosen:", f"G = {best} (rule L is trained)" if best else "none (rule L stops; K stays)")
