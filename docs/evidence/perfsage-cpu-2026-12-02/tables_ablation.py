import json, sys
a = json.load(open("runs/perfsage_ablation/results.json"))
print("ABLATION", a["n_graphs"], a["split"], a.get("ablation_seconds"))
sp = a["spaces"]
print("| # | row (cumulative) | epochs run | best val MAPE | test MAPE U55 | " + " | ".join(sp) + " | ±10 % acc | Spearman ρ |")
print("|---|---|---|---|---|" + "---|" * len(sp) + "---|---|")
for i, r in enumerate(a["ablation"]):
    t = r["test"]["u55_latency_ms"]
    print(f"| {i} | {r['row']} | {r['epochs_run']}{' (stopped: non-finite loss)' if r['stopped_non_finite'] else ''} | {r['best_val_mape']:.2f} | **{t['all']['mape']:.2f}** | " + " | ".join(f"{t[s]['mape']:.2f}" for s in sp) + f" | {t['all']['acc10']:.1f} | {t['all']['spearman']:.3f} |")
    print("   seconds", round(r["seconds"]), file=sys.stderr)
