"""Session 30 addendum 2 (issue 22, SRAM): velamem rules on V15 and the pre-registered choice of vorder_cat_smx.

V15 = the shared real models Vela maps fully (runs/real_shared/labels.json) + the held-out models of runs/heldoutV15
(= heldoutV14 + heldoutXXXIV) that it maps fully. Choice (PREREGISTERED.md addendum 2): session 22's rule
(`sram_v2.decide`), vorder_cat_smx against vorder_cat (the default after section 1). With SRAM_SET=DIR only that
folder's models are read and no choice is made (the fresh test families XXXV).

Usage (repo root, JAXEFF_DATA set): python docs/evidence/perfsage-cpu-2026-12-06-s30/sram_v15.py OUT.md
"""
import json
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, decide, errors, summary, table  # noqa: E402

from jaxeff.gnn.realeval import record_of  # noqa: E402

RULES = ("vorder_cat", "vorder_cat_smx", "refetch")


def models() -> dict:
    if os.environ.get("SRAM_SET"):
        return _folder(os.environ["SRAM_SET"])
    out = {}
    lab = json.load(open("runs/real_shared/labels.json"))
    d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
    for k, v in lab.items():
        if v.get("npu_full"):
            out[f"shared/{k}"] = (record_of(d / k), {p: v[f"{p}_sram_kib"] for p in PL})
    return {**out, **_folder("heldoutV15")}


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    ms = models()
    errs = {r: errors(ms, r) for r in RULES}
    where = os.environ.get("SRAM_SET") or "V15"
    text = [f"# Velamem on {where} ({len(ms)} models), rules {', '.join(RULES)}", ""]
    for r in RULES:
        text.append(table(ms, errs[r], r, errs["vorder_cat"] if r != "vorder_cat" else None))
    if not os.environ.get("SRAM_SET"):
        ok, why = decide(errs["vorder_cat"], errs["vorder_cat_smx"])
        text.append(f"**Choice, 'vorder_cat_smx' against 'vorder_cat': {'adopt' if ok else 'reject'}** ({why}).\n")
    text.append("| rule | platform | n | median | mean | max | within 10 % | above 50 % |")
    text.append("|---|---|---|---|---|---|---|---|")
    for r in RULES:
        for pl in PL:
            s = summary(errs[r], pl)
            text.append(f"| {r} | {pl} | {s['n']} | {s['median']:.2f} | {s['mean']:.2f} | {s['max']:.1f} | "
                        f"{s['within10']} | {s['above50']} |")
    text = "\n".join(text) + "\n"
    print(text[-1300:])
    out.write_text(text)


if __name__ == "__main__":
    main()
