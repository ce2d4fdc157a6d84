"""Session 30 (issue 22, SRAM): velamem rules refetch / vorder / vorder_cat on V14, and the pre-registered choice.

V14 = the shared real models Vela maps fully (labels in runs/real_shared/labels.json) + the held-out models of
runs/heldoutV14 (= heldoutV13 + heldoutXXXIII) that it maps fully. The choice (PREREGISTERED.md section 1 and
addendum 1) uses session 22's rule (`sram_v2.decide`): vorder against refetch; then vorder_cat against the rule that
stands. With SRAM_SET=DIR (a folder of runs/) only that folder's models are read and no choice is made (the fresh
test families). `real_models` and `report` are shared with sram_v15.py (addendum 2).

Usage (repo root, JAXEFF_DATA set): python docs/evidence/perfsage-cpu-2026-12-06-s30/sram_v14.py OUT.md
"""
import json
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, decide, errors, summary, table  # noqa: E402

from jaxeff.gnn.realeval import record_of  # noqa: E402

RULES = ("refetch", "vorder", "vorder_cat")


def real_models(folder: str) -> dict:
    """The shared models Vela maps fully and those of runs/FOLDER, or of SRAM_SET alone."""
    if os.environ.get("SRAM_SET"):
        return _folder(os.environ["SRAM_SET"])
    out = {}
    lab = json.load(open("runs/real_shared/labels.json"))
    d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
    for k, v in lab.items():
        if v.get("npu_full"):
            out[f"shared/{k}"] = (record_of(d / k), {p: v[f"{p}_sram_kib"] for p in PL})
    return {**out, **_folder(folder)}


def report(out: pathlib.Path, where: str, models: dict, rules: tuple, choose) -> None:
    """Write one table per rule (the first is the baseline of the others), the lines of
    ``choose(errs)`` unless SRAM_SET is set, and a summary per rule and platform."""
    errs = {r: errors(models, r) for r in rules}
    where = os.environ.get("SRAM_SET") or where
    text = [f"# Velamem on {where} ({len(models)} models), rules {', '.join(rules)}", ""]
    for r in rules:
        text.append(table(models, errs[r], r, errs[rules[0]] if r != rules[0] else None))
    if not os.environ.get("SRAM_SET"):
        text += choose(errs)
    text.append("| rule | platform | n | median | mean | max | within 10 % | above 50 % |")
    text.append("|---|---|---|---|---|---|---|---|")
    for r in rules:
        for pl in PL:
            s = summary(errs[r], pl)
            text.append(f"| {r} | {pl} | {s['n']} | {s['median']:.2f} | {s['mean']:.2f} | {s['max']:.1f} | "
                        f"{s['within10']} | {s['above50']} |")
    text = "\n".join(text) + "\n"
    print(text[-1500:])
    out.write_text(text)


def choose(errs: dict) -> list:
    ok, why = decide(errs["refetch"], errs["vorder"])
    lines = [f"**Choice 1, 'vorder' against 'refetch': {'adopt' if ok else 'reject'}** ({why}).\n"]
    stand = "vorder" if ok else "refetch"
    ok2, why2 = decide(errs[stand], errs["vorder_cat"])
    lines.append(f"**Choice 2, 'vorder_cat' against {stand!r}: {'adopt' if ok2 else 'reject'}** ({why2}).\n")
    lines.append(f"**Default after section 1: {'vorder_cat' if ok2 else stand!r}.**\n")
    return lines


if __name__ == "__main__":
    report(pathlib.Path(sys.argv[1]), "V14", real_models("heldoutV14"), RULES, choose)
