"""Session 22 (issue 22, SRAM): velamem on evaluation set V2 for one or more rules.

V2 = the shared real models Vela maps fully (runs/psage_rs19b_s0/real_labels.json, npu_full) plus the
58 held-out models of runs/heldout58 (npu_full). All were seen before as test or validation models.

Usage (repo root, JAXEFF_DATA set): python docs/evidence/perfsage-cpu-2026-12-05-s22/sram_v2.py
    OUT.md RULE [RULE ...]
With SRAM_SET=DIR (a folder of runs/ with models/ and labels.json, e.g. heldoutXIXII) the models of
that folder replace V2 (the fresh test families, after the decision).
Prints per model |error| % per platform and per rule the median / mean / max / count within 10 % /
count above 50 %; writes one markdown table per rule (the first is the baseline) to OUT.md.
"""
import json
import os
import pathlib
import sys

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import record_of

PL = ("u55", "u65")
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "/work/main"))


def _folder(name: str) -> dict:
    h = MAIN / "runs" / name
    lab = json.load(open(h / "labels.json"))
    return {f"{name}/{k}": (record_of(h / "models" / k), {p: v[f"{p}_sram_kib"] for p in PL})
            for k, v in lab.items() if v.get("npu_full")}


def v2_models() -> dict:
    """name -> (record, labels) of the V2 models, or of the folder SRAM_SET."""
    if os.environ.get("SRAM_SET"):
        return _folder(os.environ["SRAM_SET"])
    out = {}
    lab = json.load(open(MAIN / "runs/psage_rs19b_s0/real_labels.json"))
    d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
    for k, v in lab.items():
        if v.get("npu_full"):
            out[f"shared/{k}"] = (record_of(d / k), {p: v[f"{p}_sram_kib"] for p in PL})
    return {**out, **_folder("heldout58")}


def errors(models: dict, rule: str) -> dict:
    """(name, platform) -> signed error % of velamem.sram_bytes(rule) against Vela."""
    return {(name, pl): (vm.sram_bytes(rec, pl, rule=rule) / 1024 - y[pl]) / y[pl] * 100
            for name, (rec, y) in models.items() for pl in PL}


def summary(err: dict, pl: str) -> dict:
    a = np.abs([e for (_, p), e in err.items() if p == pl])
    return {"n": len(a), "median": float(np.median(a)), "mean": float(np.mean(a)),
            "max": float(np.max(a)), "within10": int(np.sum(a <= 10)), "above50": int(np.sum(a > 50))}


def table(models: dict, err: dict, rule: str, base: dict | None) -> str:
    rows = [f"## rule {rule!r}", "", "| model | " + " | ".join(
        f"{pl} Vela KiB | {pl} error %" + (f" | {pl} baseline %" if base else "") for pl in PL) + " |",
        "|---" * (1 + (3 if base else 2) * len(PL)) + "|"]
    for name in sorted(models):
        cells = []
        for pl in PL:
            cells += [f"{models[name][1][pl]:.1f}", f"{err[(name, pl)]:+.1f}"]
            if base:
                cells.append(f"{base[(name, pl)]:+.1f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += ["", "| platform | n | median | mean | max | within 10 % | above 50 % |",
             "|---|---|---|---|---|---|---|"]
    for pl in PL:
        s = summary(err, pl)
        rows.append(f"| {pl} | {s['n']} | {s['median']:.2f} | {s['mean']:.2f} | {s['max']:.1f} | "
                    f"{s['within10']} | {s['above50']} |")
    return "\n".join(rows) + "\n"


def decide(base: dict, cand: dict) -> tuple[bool, str]:
    """The pre-registered decision rule (session 22 brief)."""
    sb = {pl: summary(base, pl) for pl in PL}
    sc = {pl: summary(cand, pl) for pl in PL}
    why = []
    if sum(sc[p]["within10"] for p in PL) <= sum(sb[p]["within10"] for p in PL):
        why.append("within-10 % count does not rise")
    for p in PL:
        if sc[p]["median"] > sb[p]["median"] + 0.2:
            why.append(f"{p} median rises by more than 0.2")
        if sc[p]["above50"] > sb[p]["above50"]:
            why.append(f"{p} count above 50 % rises")
        if sc[p]["max"] > sb[p]["max"] + 1e-9:
            why.append(f"{p} max rises")
    return not why, "; ".join(why) or "all conditions met"


if __name__ == "__main__":
    out, rules = pathlib.Path(sys.argv[1]), sys.argv[2:]
    models = v2_models()
    errs = {r: errors(models, r) for r in rules}
    base = errs[rules[0]]
    where = os.environ.get("SRAM_SET") or "V2"
    text = [f"# Velamem on {where} ({len(models)} models), rules {', '.join(rules)}", ""]
    for r in rules:
        text.append(table(models, errs[r], r, base if r != rules[0] else None))
        if r != rules[0]:
            ok, why = decide(base, errs[r])
            text.append(f"**Decision rule, {r!r} against {rules[0]!r}: {'adopt' if ok else 'reject'}** "
                        f"({why}).\n")
    text = "\n".join(text)
    print(text)
    out.write_text(text)
