"""Seeds table for the MicroNets FSDD preset (session 12).

Seed 0 is read from the cells the RESULTS tables already cite (DNAS (E): session10/,
DS-CNN and random search: fsdd_MS/ and fsdd_L/); seeds 1 and 2 from this folder's
mn_seed{s}_{budget}/cells. Cells that are missing are skipped (partial table).
Run from the repository root:
    python docs/evidence/micronets-cpu-2026-12-03/session12/seeds_table.py
Writes seeds_table.md and seeds_table.json beside this script.
"""
from __future__ import annotations

import json
import pathlib
import statistics

HERE = pathlib.Path(__file__).resolve().parent
EV = HERE.parent
METHODS = ("dnas", "dscnn", "random")
SEED0 = {  # (budget, method) -> folder holding {budget}_{method}.json and _deploy.json
    ("S", "dnas"): EV / "session10/mn_target_e", ("M", "dnas"): EV / "session10/mn_target_e",
    ("L", "dnas"): EV / "session10/mn_target_e_L",
    ("S", "dscnn"): EV / "fsdd_MS/cells", ("M", "dscnn"): EV / "fsdd_MS/cells",
    ("L", "dscnn"): EV / "fsdd_L/cells", ("S", "random"): EV / "fsdd_MS/cells",
    ("M", "random"): EV / "fsdd_MS/cells", ("L", "random"): EV / "fsdd_L/cells"}


def cell(budget: str, method: str, seed: int) -> dict | None:
    d = SEED0[(budget, method)] if seed == 0 else HERE / f"mn_seed{seed}_{budget}/cells"
    f, g = d / f"{budget}_{method}.json", d / f"{budget}_{method}_deploy.json"
    if not (f.exists() and g.exists()):
        return None
    rec, dep = json.loads(f.read_text()), json.loads(g.read_text())
    return {"seed": seed, "tflm": dep["tflm_test"], "float": rec["test"], "val": rec["val"],
            "mops": rec["ops"] / 1e6, "arena": dep["tflm_arena"], "arch": rec["arch"],
            "n_test_correct": round(dep["tflm_test"] * 3)}  # 300 test recordings


def ms(xs: list[float]) -> str:
    if len(xs) == 1:
        return f"{xs[0]:.2f} (n=1)"
    return f"{statistics.mean(xs):.2f} ± {statistics.stdev(xs):.2f} (n={len(xs)})"


def arch_str(a: dict) -> str:
    return f"{a['stem']}; " + " ".join(str(b[0]) for b in a["blocks"])


def times() -> list[str]:
    """Wall time of each finished (budget, seed) run from seeds_times.log (the driver's
    START/END lines with `uptime`), with the cells' own DNAS-search and training seconds."""
    f = HERE / "seeds_times.log"
    if not f.exists():
        return []
    start, rows = {}, ["| budget | seed | wall s (min) | load avg 1/5/15 at start -> end | "
                       "DNAS search s | training s: DNAS, DS-CNN, random (kept sample; the other one is not timed) |", "|---|---|---|---|---|---|"]
    for line in f.read_text().splitlines():
        w = line.split()
        load = line.split("load average:")[-1].strip()
        if w[0] == "START":
            start[(w[1], w[2])] = load
        elif w[0] == "END" and w[3] == "rc=0":
            b, s, wall = w[1], w[2], int(w[4].split("=")[1])
            d = HERE / f"mn_seed{s}_{b}/cells"
            dn = json.loads((d / f"{b}_dnas.json").read_text())
            tr = [dn["train_s"], json.loads((d / f"{b}_dscnn.json").read_text())["train_s"]]
            tr.append(json.loads((d / f"{b}_random.json").read_text())["train_s"])
            rows.append(f"| {b} | {s} | {wall} ({wall / 60:.1f}) | {start.get((b, s), '?')} -> {load} | "
                        f"{dn['search_s']:.0f} | {', '.join(f'{t:.0f}' for t in tr)} |")
    return rows


def main() -> None:
    out, lines = {}, [
        "| budget | method | TFLM int8 test % mean ± sd | per seed 0 / 1 / 2 | Mops per seed | "
        "TFLM arena B per seed | widths per seed (stem; blocks) |",
        "|---|---|---|---|---|---|---|"]
    for b in ("S", "M", "L"):
        for m in METHODS:
            cs = [c for s in (0, 1, 2) if (c := cell(b, m, s))]
            out[f"{b}_{m}"] = cs
            if not cs:
                continue
            by = {c["seed"]: c for c in cs}
            per = lambda k, fmt: " / ".join(fmt(by[s][k]) if s in by else "-" for s in (0, 1, 2))  # noqa: E731
            lines.append(
                f"| {b} | {m} | {ms([c['tflm'] for c in cs])} | {per('tflm', '{:.2f}'.format)} | "
                f"{per('mops', '{:.2f}'.format)} | {per('arena', '{:,}'.format)} | "
                f"{per('arch', arch_str)} |")
    lines += ["", "Paired per seed (DNAS minus baseline, test recordings of 300; + = DNAS ahead):", ""]
    pairs = {}
    for b in ("S", "M", "L"):
        for base in ("dscnn", "random"):
            d = {c["seed"]: c for c in out[f"{b}_dnas"]}
            o = {c["seed"]: c for c in out[f"{b}_{base}"]}
            diffs = {s: d[s]["n_test_correct"] - o[s]["n_test_correct"] for s in sorted(d) if s in o}
            if not diffs:
                continue
            w = sum(v > 0 for v in diffs.values())
            lo = sum(v < 0 for v in diffs.values())
            pairs[f"{b}_dnas_vs_{base}"] = diffs
            lines.append(f"- {b}, DNAS vs {base}: " + ", ".join(
                f"seed {s}: {v:+d}" for s, v in diffs.items())
                + f" -> {w} wins, {lo} losses, {len(diffs) - w - lo} ties")
    tot = [v for p in pairs.values() for v in p.values()]
    lines.append(f"- all pairings: {sum(v > 0 for v in tot)} wins, {sum(v < 0 for v in tot)} "
                 f"losses, {sum(v == 0 for v in tot)} ties of {len(tot)}")
    lines += ["", *times()]
    (HERE / "seeds_table.md").write_text("\n".join(lines) + "\n")
    (HERE / "seeds_table.json").write_text(json.dumps({"cells": out, "paired": pairs}, indent=2))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
