"""Issue 22, session 42: per-model and summary tables of a fresh set with the headline rule set, its per-op sum, every
other scored rule set, the MACs+bytes linear fit and the old predictor (session 37's table with more rows).
Call: PYTHONPATH=src:. python fresh_table_s42.py SCORE.json BASE.json FOLDER HEADLINE_SET [OTHER_SET ...] [--title T]"""

import argparse
import json

import numpy as np

TG = ("u55_latency_ms", "u65_latency_ms")


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("score")
    p.add_argument("base")
    p.add_argument("folder")
    p.add_argument("head")
    p.add_argument("others", nargs="*")
    p.add_argument("--title", default="")
    a = p.parse_args(argv)
    s, b = json.load(open(a.score)), json.load(open(a.base))
    ks = [i for i, m in enumerate(s["models"]) if m["folder"] == a.folder]
    kb = [i for i, m in enumerate(b["models"]) if m["folder"] == a.folder]
    assert [s["models"][i]["name"] for i in ks] == [b["models"][i]["name"] for i in kb]
    lab = np.asarray([[s["models"][i]["label"][t] for t in TG] for i in ks])
    rows = {f"**{a.head}-J25-ens (recommended)**": np.asarray(s["sets"][a.head]["j25_ens"])[ks],
            f"{a.head}'s per-op sum": np.asarray(s["sets"][a.head]["per_op_ens"])[ks]}
    for o in a.others:
        rows[f"{o}-J25-ens"] = np.asarray(s["sets"][o]["j25_ens"])[ks]
        rows[f"{o}'s per-op sum"] = np.asarray(s["sets"][o]["per_op_ens"])[ks]
    rows["MACs+bytes linear"] = np.asarray(b["lin"])[kb]
    rows["old predictor + bounds (seed ensemble)"] = np.asarray(b["old_ens"])[kb]
    err = {k: (v / lab - 1) * 100 for k, v in rows.items()}
    print(f"# {a.title or a.folder}: {len(ks)} models Vela maps fully\n")
    print("| predictor | U55 median / MAPE / max % | U65 median / MAPE / max % |\n|---|---|---|")
    for k, e in err.items():
        x = np.abs(e)
        print(f"| {k} | " + " | ".join(f"{np.median(x[:, j]):.1f} / {x[:, j].mean():.2f} / {x[:, j].max():.1f}"
                                       for j in range(2)) + " |")
    print("\nPer model, signed error % (U55 / U65)\n")
    print("| model | Vela ms U55 / U65 | " + " | ".join(k.strip("*") for k in err) + " |")
    print("|---|---|" + "---|" * len(err))
    for n, i in enumerate(ks):
        print(f"| {s['models'][i]['name']} | {lab[n, 0]:.2f} / {lab[n, 1]:.2f} | "
              + " | ".join(f"{e[n, 0]:+.1f} / {e[n, 1]:+.1f}" for e in err.values()) + " |")


if __name__ == "__main__":
    main()
