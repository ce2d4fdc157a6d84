"""Session 20, rule J development check (not a test): per-op sums of NNMeter "ratio" and
"ratio_mean" forests trained on the mix14 training split (random split seed 0, forest seed 10,
trees_scale 1.0 as the study), |error| % per space on the mix14 **validation** split.

Usage: PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-05-s20/rule_j_dev.py OUT.md
"""
import collections
import sys

import numpy as np

from experiments.perfsage import Config, load_records, split
from jaxeff.gnn.baselines import NNMeter

cfg = Config()
cfg = Config(targets=tuple(t for t in cfg.targets if t != "host_latency_ms"))
recs, _ = load_records("runs/mix14", cfg)
train, val, _ = split(recs, 0, "random")
rows = ["| space | n | " + " | ".join(f"{p} {k} median / MAPE / max" for p in ("u55", "u65")
                                       for k in ("ratio", "ratio_mean")) + " |",
        "|---|---|---|---|---|---|"]
errs = collections.defaultdict(list)
for pl in ("u55", "u65"):
    for k in ("ratio", "ratio_mean"):
        m = NNMeter(trees_scale=1.0, target=k).fit(train, f"{pl}_op_cycles")
        p = m.predict(val) / 500e3 if pl == "u55" else None
        y = np.asarray([r["labels"][f"{pl}_latency_ms"] for r in val])
        # per-op cycles -> ms as the study does: the training ratio of label ms to summed cycles
        ratio = np.median([r["labels"][f"{pl}_latency_ms"] / max(np.sum(r[f"{pl}_op_cycles"]), 1.0)
                           for r in train])
        p = m.predict(val) * ratio
        for r, a, b in zip(val, p, y):
            errs[(r["space"], pl, k)].append(100 * abs(a - b) / b)
            errs[("all", pl, k)].append(100 * abs(a - b) / b)
for sp in sorted({s for s, _, _ in errs}):
    n = len(errs[(sp, "u55", "ratio")])
    cells = []
    for pl in ("u55", "u65"):
        for k in ("ratio", "ratio_mean"):
            e = np.asarray(errs[(sp, pl, k)])
            cells.append(f"{np.median(e):.1f} / {e.mean():.1f} / {e.max():.1f}")
    rows.append(f"| {sp} | {n} | " + " | ".join(cells) + " |")
text = "\n".join(rows) + "\n"
print(text)
open(sys.argv[1], "w").write(text)
