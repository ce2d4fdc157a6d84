"""Markdown tables of a real-study run's results.json (issue 22, session 9), one set
at a time, so the held-out test set can stay unread until a configuration is chosen:

    python s9_tables.py RESULTS.json real                    # validation: every row
    python s9_tables.py RESULTS.json heldout ROW [ROW ...]   # test: only the rows named
    python s9_tables.py RESULTS.json indist                  # in-distribution MAPE

ROW: a predictor name of the study, matched by substring.
"""

import json
import sys

res = json.load(open(sys.argv[1]))
st, which = res["real_study"], sys.argv[2]
keep = sys.argv[3:]
TG = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "u65_sram_kib")


def rows_of(names):
    return [m for m in names if not keep or any(k in m for k in keep)]


if which == "indist":
    ms = list(st["in_distribution"])
    print("| predictor | " + " | ".join(TG) + " |\n" + "|---" * (len(TG) + 1) + "|")
    for m in ms:
        v = st["in_distribution"][m]
        print(f"| {m} | " + " | ".join(f"{v[t]['all']['mape']:.2f}" if t in v else "-"
                                       for t in TG) + " |")
    sys.exit()
summ = st[f"{which}_summary"]
ms = rows_of(summ)
print(f"{res['n_graphs']} graphs, split {res['split']}; set {which}, NPU-only models\n")
print("| predictor | " + " | ".join(f"{t} median / MAPE / max (within 10 %)" for t in TG)
      + " |\n" + "|---" * (len(TG) + 1) + "|")
for m in ms:
    cells = []
    for t in TG:
        s = summ[m].get(t)
        cells.append("-" if not s or not s["n"] else
                     f"{s['median']:.1f} / {s['mape']:.1f} / {s['max']:.1f} "
                     f"({s['within10']}/{s['n']})")
    print(f"| {m} | " + " | ".join(cells) + " |")
for t in TG[:2]:
    print(f"\n{t}: signed error % per model\n")
    print("| model | NPU only | Vela ms | " + " | ".join(ms) + " |\n"
          + "|---" * (len(ms) + 3) + "|")
    for r in st[which]:
        e = [r["err"][m][t] for m in ms]
        print(f"| {r['model'].removesuffix('.tflite')} | {'yes' if r['npu_full'] else 'no'}"
              f" | {r['label'][t]:.4g} | " + " | ".join(f"{x:+.0f}" for x in e) + " |")
