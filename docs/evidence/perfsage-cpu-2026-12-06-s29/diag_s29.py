"""Issue 22, session 29, after families XXXII's read (decides nothing): where rule N's per-op sum misses on the two
worst XXXII models (the TCN, EEGNet on U65). Per operator type, Vela's per-layer ms against the per-op sum's (seed 0,
runs/psage_rs29n32_s0); for the TCN also per convolution, by dilation.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s29/diag_s29.py
"""
import collections

from experiments.perfsage_seeds import load

st = load("runs/psage_rs29n32_s0")
for r in st["heldout"]:
    if r["model"] not in ("tcn_smnist_784.tflite", "eegnet_8_2_64x128.tflite"):
        continue
    for t in ("u55_latency_ms", "u65_latency_ms"):
        agg = collections.defaultdict(lambda: [0, 0.0, 0.0])
        convs = []
        for o in r["breakdown"][t]:
            a = agg[o["type"]]
            a[0] += 1
            a[1] += o["vela_ms"]
            a[2] += o["pred_ms"]["per-op sum"]
            if o["type"] == "CONV_2D":
                convs.append((o["vela_ms"], o["pred_ms"]["per-op sum"]))
        tot_v = sum(a[1] for a in agg.values())
        print(f"\n{r['model']} {t}: Vela {tot_v:.4f} ms, per-op sum {sum(a[2] for a in agg.values()):.4f} ms")
        print("| op type | n | Vela ms | per-op sum ms | share of Vela | error % |")
        print("|---|---|---|---|---|---|")
        for k, (n, v, p) in sorted(agg.items(), key=lambda kv: -kv[1][1]):
            print(f"| {k} | {n} | {v:.4f} | {p:.4f} | {v / tot_v * 100:.1f} % | {(p / v - 1) * 100 if v else float('nan'):+.1f} |")
        if r["model"].startswith("tcn"):  # the 17 convs in graph order: level i's two dilated convs (2^i), 1x1 first
            print("CONV_2D in graph order, Vela ms / per-op sum ms: " + ", ".join(f"{v:.4f}/{p:.4f}" for v, p in convs))
