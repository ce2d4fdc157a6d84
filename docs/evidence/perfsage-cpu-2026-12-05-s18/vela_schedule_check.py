"""Session 18 (issue 22): check jaxeff.gnn.velamem's structure against Vela's own schedule.

For each model and NPU, runs Vela 5.2 with --verbose-schedule (Shared_Sram, the labels'
configuration) and reads, per scheduled operator, "Memory Used: B (op=, buf=, ccd=, nl=)"
and the weight-buffer mode and depth slices. Prints:
- Vela's feature-map peak (max over operators of op + nl) beside
  velamem.feature_map_live(rec).max();
- the structural form max_k fm(k) + buf(k) + pre(k') evaluated on Vela's own per-operator
  maps and buffers (the pre-buffered slice of a double-buffered operator = its first
  depth slice), beside the label "Total SRAM used".

Usage: python docs/evidence/perfsage-cpu-2026-12-05-s18/vela_schedule_check.py OUT_DIR MODEL.tflite ...
"""
import re
import subprocess
import sys
import pathlib

import numpy as np

from jaxeff.gnn import velamem
from jaxeff.gnn.realeval import record_of

CONFIGS = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
           "u65": ("ethos-u65-256", "Ethos_U65_High_End")}


def schedule(model: pathlib.Path, plat: str, out: pathlib.Path) -> tuple[float, list[dict]]:
    acc, sysc = CONFIGS[plat]
    log = subprocess.run(["vela", str(model), "--accelerator-config", acc, "--system-config",
                          sysc, "--memory-mode", "Shared_Sram", "--output-dir", str(out),
                          "--verbose-schedule"], capture_output=True, text=True).stdout
    m = re.search(r"Total SRAM used\s+([\d.]+) KiB", log)
    if not m:
        return float("nan"), []
    ops = []
    for block in re.split(r"\n\t\d+: Operation ", log)[1:]:
        mu = re.search(r"Memory Used: \d+ bytes \(op=(\d+), buf=(\d+), ccd=\d+, nl=(\d+)\)", block)
        wb = re.search(r"Weight buffer = (\d+) bytes \((\w+)\)", block)
        sl = re.search(r"Depth slices = \[([\d, ]+)\]", block)
        ops.append({"fm": int(mu.group(1)) + int(mu.group(3)) if mu else 0,
                    "buf": int(mu.group(2)) if mu else 0,
                    "weights": wb is not None, "mode": wb.group(2) if wb else None,
                    "slices": [int(s) for s in sl.group(1).split(",")] if sl else None})
    return float(m.group(1)) * 1024, ops


def structural(ops: list[dict]) -> float:
    best = 0.0
    for k, o in enumerate(ops):
        nxt = 0.0
        for p in ops[k + 1:]:
            if p["weights"]:
                s = p["slices"]
                nxt = p["buf"] * ((s[1] - s[0]) / s[-1] if p["mode"] == "Double" else 1.0)
                break
        best = max(best, o["fm"] + o["buf"] + nxt)
    return best


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    errs = []
    print("| model | NPU | Vela feature-map peak B | velamem B | label KiB | structural form on Vela's buffers, error % |")
    print("|---|---|---|---|---|---|")
    for f in sys.argv[2:]:
        f = pathlib.Path(f)
        rec = record_of(f)
        for plat in CONFIGS:
            label, ops = schedule(f, plat, out)
            if not ops:
                print(f"| {f.stem} | {plat} | Vela failed or maps no NPU op | | | |")
                continue
            fm = max(o["fm"] for o in ops)
            e = 100 * (structural(ops) / label - 1)
            errs.append(abs(e))
            print(f"| {f.stem} | {plat} | {fm} | {int(velamem.feature_map_live(rec).max())} | "
                  f"{label / 1024:.2f} | {e:+.2f} |")
    if errs:
        print(f"\nstructural form: {len(errs)} pairs, median |error| {np.median(errs):.3f} %, "
              f"max {max(errs):.2f} %")


if __name__ == "__main__":
    main()
