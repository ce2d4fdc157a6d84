"""Issue 22, session 28, after families XXX's read (decides nothing): where rule L's per-op sum misses on the three
worst XXX models. Per operator type, Vela's per-layer ms against the per-op sum's (seed 0, runs/psage_rs28l30_s0).
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s28/diag_s28.py
"""
import collections

from experiments.perfsage_seeds import load

st = load("runs/psage_rs28l30_s0")
for r in st["heldout"]:
    if r["model"] not in ("bc_resnet1_40x101.tflite", "cnn_one_fpool3_32x40.tflite", "tc_resnet8_1.5_98x40.tflite"):
        continue
    for t in ("u55_latency_ms", "u65_latency_ms"):
        agg = collections.defaultdict(lambda: [0, 0.0, 0.0])
        for o in r["breakdown"][t]:
            a = agg[o["type"]]
            a[0] += 1
            a[1] += o["vela_ms"]
            a[2] += o["pred_ms"]["per-op sum"]
        tot_v = sum(a[1] for a in agg.values())
        print(f"\n{r['model']} {t}: Vela {tot_v:.4f} ms, per-op sum {sum(a[2] for a in agg.values()):.4f} ms")
        print("| op type | n | Vela ms | per-op sum ms | share of Vela | error % |")
        print("|---|---|---|---|---|---|")
        for k, (n, v, p) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
            print(f"| {k} | {n} | {v:.4f} | {p:.4f} | {v / tot_v * 100:.1f} % | {(p / v - 1) * 100 if v else float('nan'):+.1f} |")
