"""Session 20, rule L (issue 22): CONCATENATION inputs written in place (velamem.CONCAT_IN_PLACE)
with the refetch rule, against the refetch rule alone (PREREGISTERED.md, addendum 4).

Usage: PYTHONPATH=.:docs/evidence/perfsage-cpu-2026-12-05-s20 python .../rule_l.py {train,val,test} OUT.md [FOLDER]
"""
import json
import pathlib
import sys

import numpy as np

import rule_g
from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import record_of

PL = ("u55", "u65")


def kib(rec, pl, in_place):
    vm.CONCAT_IN_PLACE = in_place
    try:
        return vm.sram_bytes(rec, pl, rule="refetch") / 1024
    finally:
        vm.CONCAT_IN_PLACE = False


def table(models, title, per_model=True):
    rows = [f"## {title}", ""]
    if per_model:
        rows += ["| model | " + " | ".join(f"{pl} label KiB | {pl} refetch % | {pl} + in place %"
                                           for pl in PL) + " |", "|---" * 7 + "|"]
    errs = {(k, pl): [] for k in (False, True) for pl in PL}
    for name, (rec, lab) in sorted(models.items()):
        cells = []
        for pl in PL:
            y = lab[f"{pl}_sram_kib"]
            cells.append(f"{y:.1f}")
            for k in (False, True):
                e = (kib(rec, pl, k) - y) / y * 100
                errs[(k, pl)].append(abs(e))
                cells.append(f"{e:+.1f}")
        if per_model:
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += ["", "| rule | n | " + " | ".join(f"{pl} median / MAPE / max" for pl in PL) + " |",
             "|---|---|---|---|"]
    for k, label in ((False, "refetch"), (True, "refetch + concat in place")):
        rows.append(f"| {label} | {len(models)} | " + " | ".join(
            "{:.2f} / {:.2f} / {:.1f}".format(np.median(errs[(k, pl)]), np.mean(errs[(k, pl)]),
                                              np.max(errs[(k, pl)])) for pl in PL) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    what, out = sys.argv[1], pathlib.Path(sys.argv[2])
    if what == "train":
        tr = rule_g.training_graphs()
        models = {f"{r['space']}/{int(r['seed'])}": (r, r["labels"]) for r in tr}
        text = table(models, "The 500 training graphs (mix12 training split, seed 0)", per_model=False)
        cc = {k: v for k, v in models.items() if "CONCATENATION" in v[0]["ops"]}
        text += "\n" + table(cc, f"Of them, the {len(cc)} with a CONCATENATION", per_model=False)
    elif what == "val":
        text = table(rule_g.val_models(), "Validation: the 11 shared real models Vela maps fully")
    else:
        folder = pathlib.Path(sys.argv[3])
        lab = json.load(open(folder / "labels.json"))
        models = {k: (record_of(folder / "models" / k), v) for k, v in lab.items() if v.get("npu_full")}
        text = table(models, f"Test models in {folder}")
    print(text)
    out.write_text(text)
