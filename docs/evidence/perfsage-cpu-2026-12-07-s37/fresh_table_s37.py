"""Issue 22, session 37: per-model and summary tables of a fresh set from score_s37.py (J25 and per-op sum, seed
ensembles, of a headline rule set and the one beside it) and session 36's baselines_s36.py (MACs+bytes linear, old
predictor + bounds seed ensemble).
Call: PYTHONPATH=src:. python fresh_table_s37.py SCORE.json BASE.json FOLDER HEADLINE_SET OTHER_SET [TITLE]
(set keys as score_s37.py writes them: TU = R'QSTU, T2U = R'QST2U (T2 with T))"""

import json
import sys

import numpy as np

TG = ("u55_latency_ms", "u65_latency_ms")
NAME = {"TU": "R'QSTU", "T2U": "R'QST2U", "T2UV": "R'QST2UV", "T216U": "R'QST2U (T2-16)", "T216UV": "R'QST2U (T2-16) + V", "T216UVZ": "R'QST2U (T2-16) + V + Z", "R'QS": "R'QS"}


def main(score: str, base: str, folder: str, head: str, other: str, title: str = "") -> None:
    s, b = json.load(open(score)), json.load(open(base))
    ks = [i for i, m in enumerate(s["models"]) if m["folder"] == folder]
    kb = [i for i, m in enumerate(b["models"]) if m["folder"] == folder]
    assert [s["models"][i]["name"] for i in ks] == [b["models"][i]["name"] for i in kb]
    lab = np.asarray([[s["models"][i]["label"][t] for t in TG] for i in ks])
    rows = {f"**{NAME[head]}-J25-ens (recommended)**": np.asarray(s["sets"][head]["j25_ens"])[ks],
            f"{NAME[head]}'s per-op sum": np.asarray(s["sets"][head]["per_op_ens"])[ks],
            f"{NAME[other]}-J25-ens": np.asarray(s["sets"][other]["j25_ens"])[ks],
            "MACs+bytes linear": np.asarray(b["lin"])[kb],
            "old predictor + bounds (seed ensemble)": np.asarray(b["old_ens"])[kb]}
    err = {k: (v / lab - 1) * 100 for k, v in rows.items()}
    print(f"# {title or folder}: {len(ks)} models Vela maps fully\n")
    print("| predictor | U55 median / MAPE / max % | U65 median / MAPE / max % |\n|---|---|---|")
    for k, e in err.items():
        a = np.abs(e)
        print(f"| {k} | " + " | ".join(f"{np.median(a[:, j]):.1f} / {a[:, j].mean():.2f} / {a[:, j].max():.1f}"
                                       for j in range(2)) + " |")
    print("\nPer model, signed error % (U55 / U65)\n")
    print("| model | Vela ms U55 / U65 | " + " | ".join(k.strip("*") for k in err) + " |")
    print("|---|---|" + "---|" * len(err))
    for n, i in enumerate(ks):
        print(f"| {s['models'][i]['name']} | {lab[n, 0]:.2f} / {lab[n, 1]:.2f} | "
              + " | ".join(f"{e[n, 0]:+.1f} / {e[n, 1]:+.1f}" for e in err.values()) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:])
