"""Session 23 diagnostic (read after the families XVII / XVIII outcome; changes nothing): per operator type, Vela's
in-graph cycles against a study run's per-op sum and stacked (uncapped) node predictions, as % of the model's Vela
latency, from the run's per-model breakdown.

    python docs/evidence/perfsage-cpu-2026-12-05-s23/by_type.py RUN MODEL.tflite [...] > OUT.md
"""
import collections
import json
import sys

run, models = sys.argv[1], sys.argv[2:]
rows = json.load(open(f"{run}/results.json"))["real_study"]["heldout"]
print(f"# Where the per-op sum misses, by operator type (`{run}`)\n")
print("Shares of the model's Vela latency (%); ratio = per-op sum / Vela. Only types whose per-op sum is off by more "
      "than 0.5 points are listed.\n")
for m in models:
    x = next(r for r in rows if r["model"] == m)
    for t in ("u55_latency_ms", "u65_latency_ms"):
        y, agg = x["label"][t], collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0])
        for o in x["breakdown"][t]:
            a = agg[o["type"]]
            a[0] += 1
            a[1] += o["vela_ms"]
            a[2] += o["pred_ms"]["per-op sum"]
            a[3] += o["pred_ms"]["stacked"]
        print(f"## {m}, {t} (Vela {y:.3f} ms)\n")
        print("| type | n | Vela | per-op sum | stacked | ratio |\n|---|---|---|---|---|---|")
        for k, a in sorted(agg.items(), key=lambda kv: -abs(kv[1][2] - kv[1][1])):
            if abs(a[2] - a[1]) / y * 100 > 0.5:
                ratio = f"{a[2] / a[1]:.2f}" if a[1] > 0 else "Vela 0"
                print(f"| {k} | {a[0]} | {100 * a[1] / y:.1f} | {100 * a[2] / y:.1f} | {100 * a[3] / y:.1f} | "
                      f"{ratio} |")
        print()
