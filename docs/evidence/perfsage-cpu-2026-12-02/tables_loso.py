import json
l = json.load(open("runs/perfsage_loso/results.json"))
lo = l["loso"]
print("LOSO", l["n_graphs"], l.get("loso_seconds"), lo["epochs"], lo["guards"])
print("| held-out space | guard chosen (inner LOSO) | target | PerfSAGE | MACs-linear (a) |")
print("|---|---|---|---|---|")
win = 0; n = 0
for sp, d in lo["scores"].items():
    for t, v in d.items():
        b = v["PerfSAGE"] < v["MACs-linear (a)"]; win += b; n += 1
        p = f"**{v['PerfSAGE']:.3g}**" if b else f"{v['PerfSAGE']:.3g}"
        print(f"| {sp} | {lo['selection'][sp]['chosen']} | {t} | {p} | {v['MACs-linear (a)']:.3g} |")
print("wins", win, "of", n)
print()
print("| outer held-out | " + " | ".join(lo["guards"]) + " |")
print("|---|" + "---|" * len(lo["guards"]))
for sp, sel in lo["selection"].items():
    cells = []
    for g in lo["guards"]:
        v = sel["inner"][g]
        s = f"{v['mean']:.3g} (" + ", ".join(f"{k} {x:.3g}" for k, x in v["per_space"].items()) + ")"
        cells.append(f"**{s}**" if g == sel["chosen"] else s)
    print(f"| {sp} | " + " | ".join(cells) + " |")
