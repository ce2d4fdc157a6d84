"""Issue 22, session 36: tables and the pre-registered choice (PREREGISTERED.md section 1) from score_s36.py's output.
Per rule set: the J25 row's seed ensemble (median / MAPE / max / within 10 % / above 50 % per NPU), the criteria (a)-(d)
against R'QS, the per-op sum beside it, perfsage_seeds.beats of the J25 row against its own per-op sum, and the models
whose ensemble error moves most. Call: PYTHONPATH=src:. python choose_s36.py SCORE.json [--choose] [--only F...]"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from experiments.perfsage_seeds import beats

TG = ("u55_latency_ms", "u65_latency_ms")
A, B = "J25", "per-op sum"


def runs_of(res: dict, key: str, keep: list[int]) -> list[dict]:
    """perfsage_seeds-style studies, one per seed, of rule set ``key`` (rows A and B)."""
    s = res["sets"][key]
    out = []
    for k in range(len(s["j25"])):
        rows = []
        for i in keep:
            m = res["models"][i]
            pred = {A: dict(zip(TG, s["j25"][k][i], strict=True)), B: dict(zip(TG, s["per_op"][k][i], strict=True))}
            err = {r: {t: (pred[r][t] / m["label"][t] - 1) * 100 for t in TG} for r in pred}
            rows.append({"model": m["name"], "npu_full": True, "label": m["label"], "pred": pred, "err": err})
        out.append({"heldout": rows})
    return out


def ens_err(res: dict, key: str, row: str, keep: list[int]) -> np.ndarray:
    """[n, 2] signed % error of the seed ensemble."""
    s = np.asarray(res["sets"][key]["j25_ens" if row == A else "per_op_ens"])[keep]
    lab = np.asarray([[res["models"][i]["label"][t] for t in TG] for i in keep])
    return (s / lab - 1) * 100


def stats(e: np.ndarray) -> list[str]:
    a = np.abs(e)
    return [f"{np.median(a[:, k]):.1f} / {a[:, k].mean():.2f} / {a[:, k].max():.1f} / {int((a[:, k] <= 10).sum())}"
            f" / {int((a[:, k] > 50).sum())}" for k in range(2)]


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("score")
    p.add_argument("--choose", action="store_true")
    p.add_argument("--only", nargs="+", default=None, help="folders to keep")
    a = p.parse_args(argv)
    res = json.load(open(a.score))
    keep = [i for i, m in enumerate(res["models"]) if a.only is None or m["folder"] in a.only]
    print(f"{len(keep)} models Vela maps fully ({', '.join(sorted({res['models'][i]['folder'] for i in keep}))})\n")
    print("Seed ensemble, |error| %: median / MAPE / max / within 10 % / above 50 %\n")
    print("| rule set | row | U55 | U65 |\n|---|---|---|---|")
    for key in res["sets"]:
        for row in (A, B):
            print(f"| {key} | {row} | " + " | ".join(stats(ens_err(res, key, row, keep))) + " |")
    print("\nJ25 against its own per-op sum (perfsage_seeds.beats; pairs = model x seed)\n")
    print("| rule set | criterion | U55 a / b / tie of n | U55 MAPE a / b | U65 a / b / tie of n | U65 MAPE a / b | shown |")
    print("|---|---|---|---|---|---|---|")
    for key in res["sets"]:
        for name, r in beats(runs_of(res, key, keep), "heldout", A, B, TG).items():
            c = [r["counts"][t] for t in TG]
            m = [r["mape"][t] for t in TG]
            print(f"| {key} | {name} | {c[0][0]} / {c[0][1]} / {c[0][2]} of {c[0][3]} | {m[0][0]:.2f} / {m[0][1]:.2f} "
                  f"| {c[1][0]} / {c[1][1]} / {c[1][2]} of {c[1][3]} | {m[1][0]:.2f} / {m[1][1]:.2f} "
                  f"| {'yes' if r['shown'] else 'no'} |")
    base = np.abs(ens_err(res, key0 := next(iter(res["sets"])), A, keep))
    names = [res["models"][i]["name"] for i in keep]
    print(f"\nModels whose J25 ensemble |error| moves by more than 2 points against {key0} (signed errors, %)\n")
    for key in list(res["sets"])[1:]:
        e = ens_err(res, key, A, keep)
        b = ens_err(res, key0, A, keep)
        mv = [i for i in range(len(keep)) if np.abs(np.abs(e[i]) - np.abs(b[i])).max() > 2]
        print(f"- {key}: {len(mv)} models" + (": " if mv else "") + "; ".join(
            f"{names[i]} U55 {b[i, 0]:+.1f} -> {e[i, 0]:+.1f}, U65 {b[i, 1]:+.1f} -> {e[i, 1]:+.1f}" for i in mv))
    if not a.choose:
        return
    print(f"\n## Choice (section 1): against {key0}, per NPU (a) no model from <= 50 % to > 50 %, (b) max +<= 1 point, "
          "(c) within 10 % not fewer, (d) MAPE lower on at least one NPU; of the passing, the lowest mean MAPE\n")
    passing = {}
    for key in list(res["sets"])[1:]:
        e = np.abs(ens_err(res, key, A, keep))
        ca = not ((base <= 50) & (e > 50)).any()
        cb = bool((e.max(0) <= base.max(0) + 1).all())
        cc = bool(((e <= 10).sum(0) >= (base <= 10).sum(0)).all())
        cd = bool((e.mean(0) < base.mean(0)).any())
        ok = ca and cb and cc and cd
        print(f"- {key}: (a) {ca}, (b) {cb} (max {e.max(0)[0]:.1f} / {e.max(0)[1]:.1f} vs {base.max(0)[0]:.1f} / "
              f"{base.max(0)[1]:.1f}), (c) {cc} ({(e <= 10).sum(0).tolist()} vs {(base <= 10).sum(0).tolist()}), "
              f"(d) {cd} (MAPE {e.mean(0)[0]:.2f} / {e.mean(0)[1]:.2f} vs {base.mean(0)[0]:.2f} / {base.mean(0)[1]:.2f})"
              f": {'passes' if ok else 'fails'}")
        if ok:
            passing[key] = float(e.mean())
    pick = min(passing, key=passing.get) if passing else key0
    print(f"\nChosen: **{pick}**" + ("" if passing else f" (no candidate passes; the reference {key0} stays)"))


if __name__ == "__main__":
    main(sys.argv[1:])
