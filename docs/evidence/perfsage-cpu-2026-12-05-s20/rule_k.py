"""Session 20, rule K (issue 22): the "refetch" split between velamem's own-cycles rule and
the slack rule (PREREGISTERED.md, addendum 3).

Per CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV: if H_out x W_out <= A (one OFM block, the
weights are read once) the session-18 own-cycles rule with its shipped constants; otherwise
the slack rule (rule_g.slack_schedule, whole weights when the transfer fits under the previous
operator, else double-buffered depth slices). FULLY_CONNECTED: the own-cycles rule.

Usage: PYTHONPATH=.:docs/evidence/perfsage-cpu-2026-12-05-s20 python .../rule_k.py {fit,val,test} ...
"""
import itertools
import json
import pathlib
import sys

import numpy as np

import rule_g
from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL

A_GRID = (16, 32, 64, 128, 256, 512)
PL = ("u55", "u65")
_OWN: dict = {}


def refetch_kib(rec, pl, a, bl):
    """SRAM KiB of the refetch rule with block area ``a`` and slack-branch constants ``bl``."""
    n = int(rec["n_ops"])
    if n == 0:
        return 0.0
    key = (id(rec), pl)
    if key not in _OWN:
        _OWN[key] = (vm.feature_map_live(rec), *vm.weight_buffers(rec, pl))
    fm, obuf, opre = _OWN[key]
    x = np.asarray(rec["x"], np.float64)
    area = x[:n, _COL["shape1"]] * x[:n, _COL["shape2"]]
    sliced = np.asarray([o in rule_g.SLICED for o in rec["ops"]])
    multi = sliced & (area > a)
    sch = rule_g.slack_schedule(rec, pl, buffering=vm.Buffering(*bl), mask=multi)
    buf = np.where(multi, sch.buf, obuf)
    pre = np.where(multi, sch.pre, opre)
    return float(np.max(vm._in_use(fm, buf, pre))) / 1024


def fit():
    train = rule_g.training_graphs()
    best = {}
    for pl in PL:
        y = np.asarray([r["labels"][f"{pl}_sram_kib"] for r in train])
        own = np.asarray([vm.sram_bytes(r, pl, rule="own") / 1024 for r in train])
        res = []
        for a, bl in itertools.product(A_GRID, itertools.product(rule_g.B_GRID, rule_g.L_GRID)):
            p = np.asarray([refetch_kib(r, pl, a, bl) for r in train])
            e = 100 * np.abs(p - y) / y
            res.append((float(e.mean()), float(np.median(e)), a, bl))
        res.sort(key=lambda t: t[:2])
        e_own = 100 * np.abs(own - y) / y
        best[pl] = res[0]
        print(pl, "own (shipped) MAPE / median:", round(e_own.mean(), 2), round(np.median(e_own), 2),
              "refetch best:", res[0], "next:", res[1:3], flush=True)
    return best


def table(models, consts, title):
    rows = [f"## {title}", "", "| model | " + " | ".join(
        f"{pl} label KiB | {pl} own % | {pl} refetch %" for pl in PL) + " |",
        "|---" * (1 + 3 * len(PL)) + "|"]
    errs = {(r, pl): [] for r in ("own", "refetch") for pl in PL}
    for name, (rec, lab) in sorted(models.items()):
        cells = []
        for pl in PL:
            y = lab[f"{pl}_sram_kib"]
            a, bl = consts[pl]
            for rule, p in (("own", vm.sram_bytes(rec, pl, rule="own") / 1024),
                            ("refetch", refetch_kib(rec, pl, a, tuple(bl)))):
                e = (p - y) / y * 100
                errs[(rule, pl)].append(abs(e))
                cells.append(f"{e:+.1f}")
            cells.insert(len(cells) - 2, f"{y:.1f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += ["", "| rule | " + " | ".join(f"{pl} median / MAPE / max" for pl in PL) + " |",
             "|---|---|---|"]
    for rule in ("own", "refetch"):
        rows.append(f"| {rule} | " + " | ".join(
            "{:.1f} / {:.1f} / {:.1f}".format(np.median(errs[(rule, pl)]), np.mean(errs[(rule, pl)]),
                                              np.max(errs[(rule, pl)])) for pl in PL) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    what, out = sys.argv[1], pathlib.Path(sys.argv[2])
    cfile = pathlib.Path("docs/evidence/perfsage-cpu-2026-12-05-s20/rule_k_constants.json")
    if what == "fit":
        best = fit()
        cfile.write_text(json.dumps({pl: [v[2], list(v[3])] for pl, v in best.items()}, indent=1))
        text = "\n".join(f"- refetch {pl}: MAPE {v[0]:.2f} %, median {v[1]:.2f} %, A = {v[2]}, "
                         f"(b, L) = {v[3]}" for pl, v in best.items()) + "\n"
    else:
        consts = json.loads(cfile.read_text())
        if what == "val":
            text = table(rule_g.val_models(), consts, "Validation: the 11 shared real models Vela maps fully")
        else:
            folder = pathlib.Path(sys.argv[3])
            lab = json.load(open(folder / "labels.json"))
            from jaxeff.gnn.realeval import record_of
            models = {k: (record_of(folder / "models" / k), v) for k, v in lab.items()
                      if v.get("npu_full") and (len(sys.argv) < 5 or k.removesuffix(".tflite") in sys.argv[4:])}
            text = table(models, consts, f"Test models in {folder}")
    print(text)
    out.write_text(text)
