"""Session 36, helper diag (issue 22, latency): why the recommended R'QSTU configuration misses two models of the
fresh families XLIX (diag_latency36.md), after they were scored: ResNet-v2-50 (rule T moved it from -1.6 / +3.7 % to
+5.9 / +11.2 %, U55 / U65) and U-Time (utime_4096, U65 -17.1 %, U55 -6.7 %). And whether rule T's floor lies above
Vela's cycles on any of its operators in V27 (the probe region claim of addendum 2).

Predictions: the seed-0 predictor of score_s36.py (runs/psage_rs35x46_s0 with rules R', Q, S (``predictors("")``) and
with T and U as well (``predictors("TU")``), loaded by score_s36.py's own code), per operator
``pred.node_base.per_op()[target](rec)`` (the per-op sum with the rules; the J25 row is not split per operator).
Vela per operator: ``{u55,u65}_op_ms`` of the folders' labels.json (label_real: Vela 5.2's per-layer cycles summed onto
the TFLite operators). Reads (never writes) runs/ under JAXEFF_MAIN and the shared .tflite files. Runs Vela 5.2 twice
per XLIX model and NPU (--verbose-performance and --verbose-schedule; U55 = ethos-u55-128 / Ethos_U55_High_End_Embedded,
U65 = ethos-u65-256 / Ethos_U65_High_End, Shared_Sram; output in a temporary folder, not kept). Prints markdown
sections A-F (see the md). Deterministic.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, default "."):
  python docs/evidence/perfsage-cpu-2026-12-07-s36/diag_latency36.py > tables.md
"""
from __future__ import annotations

import collections
import csv
import glob
import importlib.util
import json
import os
import re
import subprocess
import tempfile

import numpy as np

from jaxeff.gnn.baselines import (BCAST_BYTES_PER_ELT, WEIGHT_PORT_BYTES_PER_CYCLE, bcast_const_ops,
                                  row_resizes)
from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.realeval import record_of

MAIN = os.environ.get("JAXEFF_MAIN", ".")
HERE = os.path.dirname(os.path.abspath(__file__))
PLATS = ("u55", "u65")
TG = {"u55": "u55_latency_ms", "u65": "u65_latency_ms"}
VELA = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"), "u65": ("ethos-u65-256", "Ethos_U65_High_End")}
KHZ = {p: PEAK[p].clock_hz / 1e3 for p in PLATS}  # cycles per ms
BURST = 128  # Vela 5.2 vela.ini: OffChipFlash (U55) / Dram (U65) burst length, bytes
PORT = {"u55": "OffFlash AC", "u65": "DRAM AC"}
MODELS = ("resnet_v2_50_224", "utime_4096")
V27 = ("real_shared", "heldoutV25X", "heldoutXLVI", "heldoutXLVII")


def _score_module():
    spec = importlib.util.spec_from_file_location("score_s36", os.path.join(HERE, "score_s36.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.PRED = [os.path.join(MAIN, d) for d in mod.PRED]
    return mod


def fmt(v: float, d: int = 2) -> str:
    return f"{v:.{d}f}"


def shp(row) -> str:
    return "x".join(str(int(q)) for q in row)


def vela_run(path: str, p: str, schedule: bool = False) -> tuple[list[dict], str]:
    """Vela's per-layer CSV rows (--verbose-performance) and stdout (with --verbose-schedule if ``schedule``)."""
    acc, sysc = VELA[p]
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                            "Shared_Sram", "--output-dir", out, "--verbose-performance"]
                           + (["--verbose-schedule"] if schedule else []), capture_output=True, check=True, text=True)
        return list(csv.DictReader(open(glob.glob(os.path.join(out, "*_per-layer.csv"))[0]))), r.stdout


def schedule_elementwise(text: str) -> list[dict]:
    """--verbose-schedule: per scheduled Mul / Add, in order, OFM shape, OFM block and IFM2 stripe."""
    out, cur = [], None
    for line in text.splitlines():
        m = re.search(r"Operation (\w+)\s+- OFM ([\d, ]+)", line)
        if m:
            cur = {"op": m.group(1), "ofm": [int(v) for v in m.group(2).split(",")]} if m.group(1) in ("Mul", "Add") \
                else None
            continue
        if cur is None:
            continue
        m = re.search(r"OFM Block=\[([\d, ]+)\]", line)
        if m:
            cur["block"] = [int(v) for v in m.group(1).split(",")]
        m = re.search(r"IFM2 Stripe\s+=\s+\[([\d, ]+)\]", line)
        if m:
            cur["ifm2"] = [int(v) for v in m.group(1).split(",")]
            out.append(cur)
            cur = None
    return out


def folder_models(folder: str) -> list[tuple[str, str, dict]]:
    """(name, file, labels) of the Vela-fully-mapped models of runs/<folder>, as score_s36.folder_models."""
    lab = json.load(open(os.path.join(MAIN, "runs", folder, "labels.json")))
    d = (os.path.join(os.environ.get("JAXEFF_DATA", "/work/shared/data"), "tflite") if folder == "real_shared"
         else os.path.join(MAIN, "runs", folder, "models"))
    return [(k.removesuffix(".tflite"), os.path.join(d, k), v) for k, v in sorted(lab.items()) if v.get("npu_full")]


def inputs(rec: dict, v: int) -> str:
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    return ", ".join(("c" if i >= n else "") + shp(x[i, :4]) for i in s[d == v])


def const_chan(rec: dict) -> np.ndarray:
    """MUL / ADD (BCAST_OPS) with one constant input of shape [1, 1, 1, C], C > 1 (any map size; T's region aside)."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"], np.float64)
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    out = np.zeros(n, bool)
    for v in range(n):
        if rec["ops"][v] not in ("MUL", "ADD", "SUB", "MAXIMUM", "MINIMUM"):
            continue
        cs = [i for i in s[d == v] if i >= n and x[i, _COL["log_param_bytes"]] > 0]
        out[v] = len(cs) == 1 and x[cs[0], 1] == 1 and x[cs[0], 2] == 1 and x[cs[0], 3] > 1 and x[v, 1] * x[v, 2] > 1
    return out


def section_a(name: str, rec: dict, lab: dict, pr: dict) -> None:
    n = int(rec["n_ops"])
    print(f"\n### A. {name}: per operator type, Vela ms vs per-op sum ms (seed 0), R'QS and R'QSTU\n")
    print("label (Vela) " + ", ".join(f"{p.upper()} {lab[TG[p]]:.3f} ms" for p in PLATS) + "; per-op sum (seed 0) "
          + ", ".join(f"{p.upper()} R'QS {(pr[''][p].sum() / lab[TG[p]] - 1) * 100:+.1f} % -> TU "
                      f"{(pr['TU'][p].sum() / lab[TG[p]] - 1) * 100:+.1f} %" for p in PLATS)
          + ". contrib = (pred - Vela) / label, %, under TU; U65/U55 = Vela's U65 cycles over U55's for the type.\n")
    print("| type | n | U55 Vela | U55 R'QS | U55 TU | U55 contrib % | U65 Vela | U65 R'QS | U65 TU | U65 contrib % "
          "| U65/U55 cycles |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    agg: dict = collections.defaultdict(lambda: np.zeros((2, 4)))
    for v in range(n):
        for k, p in enumerate(PLATS):
            agg[rec["ops"][v]][k] += [1, lab[p + "_op_ms"][v], pr[""][p][v], pr["TU"][p][v]]
    for t, a in sorted(agg.items(), key=lambda kv: -abs(kv[1][1, 3] - kv[1][1, 1])):
        cells = []
        for k, p in enumerate(PLATS):
            cells += [fmt(a[k, 1], 3), fmt(a[k, 2], 3), fmt(a[k, 3], 3), f"{(a[k, 3] - a[k, 1]) / lab[TG[p]] * 100:+.1f}"]
        ratio = a[1, 1] * KHZ["u65"] / max(a[0, 1] * KHZ["u55"], 1e-12)
        print(f"| {t} | {int(a[0, 0])} | " + " | ".join(cells) + f" | {fmt(ratio)} |")


def section_b(name: str, rec: dict, lab: dict, pr: dict) -> None:
    x = np.asarray(rec["x"])
    bc, rr = bcast_const_ops(rec), row_resizes(rec)
    for p in PLATS:
        vela = np.asarray(lab[p + "_op_ms"])
        tu, rq = pr["TU"][p], pr[""][p]
        top = sorted(range(len(vela)), key=lambda v: -abs(tu[v] - vela[v]))[:10]
        print(f"\n### B. {name} {p.upper()}: top 10 operators by |pred (TU) - Vela|\n")
        print("'c' marks a constant input; rule: T / U where it acts; c/elt = cycles per OFM element.\n")
        print("| op | type | OFM | inputs | k / s | rule | Vela ms | TU ms | err ms | R'QS ms | Vela c/elt | TU c/elt |")
        print("|---:|---|---|---|---|---|---:|---:|---:|---:|---:|---:|")
        for v in top:
            e = float(np.prod(x[v, :4]))
            ks = (f"{int(x[v, _COL['kernel_h']])}x{int(x[v, _COL['kernel_w']])} / "
                  f"{int(x[v, _COL['stride_h']])}x{int(x[v, _COL['stride_w']])}")
            rule = "T" if bc[v] else ("U" if rr[v] else "-")
            print(f"| {v} | {rec['ops'][v]} | {shp(x[v, :4])} | {inputs(rec, v)} | {ks} | {rule} | {fmt(vela[v], 3)} "
                  f"| {fmt(tu[v], 3)} | {tu[v] - vela[v]:+.3f} | {fmt(rq[v], 3)} | {fmt(vela[v] * KHZ[p] / e)} "
                  f"| {fmt(tu[v] * KHZ[p] / e)} |")


def section_c(name: str, rec: dict, layers: dict) -> None:
    print(f"\n### C. {name}: Vela 5.2 --verbose-performance, per (TFLite op, NPU op) summed\n")
    print("n = NPU operations. c/elt over the OFM elements of the TFLite operators of that type; port = OffFlash AC "
          "(U55) / DRAM AC (U65), the memory the constants live in.\n")
    print("| NPU | TFLite op | NPU op | n | op cycles | NPU cycles | SRAM AC | DRAM AC | OffFlash AC "
          "| op c/elt | port c/elt |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    x = np.asarray(rec["x"])
    vt = {"Conv2D": "CONV_2D", "Mul": "MUL", "Add": "ADD", "Concat": "CONCATENATION", "MaxPool": "MAX_POOL_2D",
          "AvgPool": "AVERAGE_POOL_2D", "Softmax": "SOFTMAX", "ResizeNearestNeighbor": "RESIZE_NEAREST_NEIGHBOR",
          "FullyConnected": "FULLY_CONNECTED", "Mean": "MEAN"}
    elts = collections.Counter()
    for v in range(int(rec["n_ops"])):
        elts[rec["ops"][v]] += float(np.prod(x[v, :4]))
    cols = ("Op Cycles", "NPU", "SRAM AC", "DRAM AC", "OffFlash AC")
    for p in PLATS:
        agg: dict = {}
        for row in layers[p]:
            key = (row["Original Operator"], row["NNG Operator"])
            agg[key] = agg.get(key, np.zeros(1 + len(cols))) + np.array([1] + [int(row[c]) for c in cols])
        port_col = 1 + cols.index(PORT[p])
        for (a, nng), tot in sorted(agg.items(), key=lambda kv: -kv[1][1]):
            e = elts.get(vt.get(a, a), 0)
            if tot[1] > 0:
                per = [fmt(tot[1] / e), fmt(tot[port_col] / e)] if e else ["-", "-"]
                print("| " + " | ".join([p.upper(), a, nng] + [str(int(q)) for q in tot] + per) + " |")


def section_d(rec: dict, lab: dict, pr: dict, layers: dict, sched: dict) -> None:
    """ResNet-v2-50: the MUL / ADD by a [1,1,1,C] constant, grouped by type and OFM shape."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    cc, bc = const_chan(rec), bcast_const_ops(rec)
    # Vela's trace per scheduled Mul / Add (CSV rows of NNG Mul / Add and the schedule, both in schedule order)
    trace = {}
    for p in PLATS:
        rows = [r for r in layers[p] if r["NNG Operator"] in ("Mul", "Add")]
        sc = sched[p]
        assert [r["NNG Operator"] for r in rows] == [s["op"] for s in sc], "CSV / schedule order differ"
        trace[p] = collections.defaultdict(list)
        for r, s in zip(rows, sc):
            if s["ifm2"][:3] == [1, 1, 1] and s["ifm2"][3] > 1:
                trace[p][(s["op"].upper(), tuple(s["ofm"][1:]))].append((r, s))
    print("\n### D. resnet_v2_50_224: the MUL / ADD by a constant [1,1,1,C] (unfolded pre-activation batch norms)\n")
    print("Per group (type, OFM): T = rule T acts; Vela, R'QS and TU in cycles per OFM element (seed-0 forests); "
          "/floor = over T's term 8 B / W_w (U55 8.00, U65 2.13 c/elt); NPU = Vela's NPU cycles per element (the "
          "elementwise work, ADD with its fused ReLU); port B/elt = OffFlash AC x 1 (U55) or DRAM AC x 3.75 (U65) per "
          "element, i.e. bytes of the constant read per OFM element; block = Vela's OFM block (H, W, depth) from "
          "--verbose-schedule; 128/d = the burst length over the block depth, bytes per element by Vela's "
          "memory-transfer efficiency (legacy npu_performance.py `_estimate_memory_transfer_efficiency`, NHWC read, "
          "x stride C != block depth: burst = block depth).\n")
    print("| type | OFM | n | T | NPU | Vela c/elt | /floor | NPU c/elt | port B/elt | block | 128/d | R'QS c/elt "
          "| TU c/elt | Vela ms | R'QS ms | TU ms |")
    print("|---|---|---:|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    groups = collections.defaultdict(list)
    for v in np.where(cc)[0]:
        groups[(rec["ops"][v], tuple(int(q) for q in x[v, 1:4]))].append(int(v))
    tot = collections.defaultdict(lambda: np.zeros(3))
    for (t, hwc), vs in sorted(groups.items(), key=lambda kv: (-kv[0][1][0], kv[0][0])):
        e = float(np.prod(hwc)) * len(vs)
        tflag = "yes" if all(bc[v] for v in vs) else ("no" if not any(bc[v] for v in vs) else "some")
        for p in PLATS:
            vm = sum(lab[p + "_op_ms"][v] for v in vs)
            rq, tu = sum(pr[""][p][v] for v in vs), sum(pr["TU"][p][v] for v in vs)
            tot[(p, tflag)] += [vm, rq, tu]
            tr = trace[p].get((t, hwc), [])
            npu = sum(int(r["NPU"]) for r, _ in tr)
            port = sum(int(r[PORT[p]]) for r, _ in tr) * WEIGHT_PORT_BYTES_PER_CYCLE[p]
            blocks = sorted({tuple(s["block"][1:]) for _, s in tr})
            d = blocks[0][2] if len(blocks) == 1 else None
            floor = BCAST_BYTES_PER_ELT / WEIGHT_PORT_BYTES_PER_CYCLE[p]
            te = float(np.prod(hwc)) * len(tr)
            print(f"| {t} | {shp(hwc)} | {len(vs)} | {tflag} | {p.upper()} | {fmt(vm * KHZ[p] / e)} "
                  f"| {fmt(vm * KHZ[p] / e / floor)} | {fmt(npu / te) if tr else '-'} | {fmt(port / te) if tr else '-'} "
                  f"| {', '.join(shp(b) for b in blocks) or '-'} | {fmt(BURST / min(BURST, d)) if d else '-'} "
                  f"| {fmt(rq * KHZ[p] / e)} | {fmt(tu * KHZ[p] / e)} | {fmt(vm, 3)} | {fmt(rq, 3)} | {fmt(tu, 3)} |")
    print("\nDecomposition of the per-op sum's error (seed 0), points of the label:\n")
    print("| NPU | T-ops (8): R'QS -> TU | other MUL / ADD by constant: R'QS = TU | every other operator | "
          "per-op sum R'QS -> TU |")
    print("|---|---|---|---|---|")
    for p in PLATS:
        L = lab[TG[p]]
        a, b = tot[(p, "yes")], tot[(p, "no")]
        rest_v = sum(lab[p + "_op_ms"][v] for v in range(n) if not cc[v])
        rest_p = sum(pr["TU"][p][v] for v in range(n) if not cc[v])
        print(f"| {p.upper()} | {(a[1] - a[0]) / L * 100:+.1f} -> {(a[2] - a[0]) / L * 100:+.1f} "
              f"| {(b[2] - b[0]) / L * 100:+.1f} | {(rest_p - rest_v) / L * 100:+.1f} "
              f"| {(pr[''][p].sum() / L - 1) * 100:+.1f} -> {(pr['TU'][p].sum() / L - 1) * 100:+.1f} |")


def section_e(rec: dict, lab: dict, pr: dict, layers: dict) -> None:
    """U-Time: per operator, the NPU operations Vela runs it as, and cycles on both NPUs."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    rr = row_resizes(rec)
    print("\n### E. utime_4096: the non-conv operators, Vela's NPU operations and cycles on U55 and U65\n")
    print("NPU ops = Vela's per-layer rows (U55) of the operator, by NNG op (count x), mapped by the CSV Name in "
          "TFLite order; in = input W; Vela / TU in cycles per OFM element; U65/U55 = Vela's cycles ratio; U-rule "
          "cost = 1.00 c/elt (rule U's c_U).\n")
    print("| op | type | OFM | in W | rule | NPU ops (U55) | U55 Vela | U55 TU | U55 R'QS | U65 Vela | U65 TU "
          "| U65 R'QS | U65/U55 cycles | U65 err ms (TU) |")
    print("|---:|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    # group CSV rows into TFLite operators: rows of one Name (all Softmax rows together); a Vela-made '#' row
    # belongs to the next named row of the same Original Operator (an intermediate x2 step of a resize)
    names: list[list] = []
    pending: collections.Counter = collections.Counter()
    for row in layers["u55"]:
        nm, orig, nng = row["Name"], row["Original Operator"], row["NNG Operator"]
        if nm.startswith("#"):
            pending[(orig, nng)] += 1
            continue
        if names and names[-1][0] == orig and (names[-1][2] == nm or orig == "Softmax"):
            names[-1][1][nng] += 1
        else:
            names.append([orig, collections.Counter({nng: 1}), nm])
        for (o, k), c in list(pending.items()):
            if o == orig:
                names[-1][1][k] += c
                del pending[(o, k)]
    skip = {"CONV_2D"}
    nonconv = [v for v in range(n) if rec["ops"][v] not in skip]
    groups = [g for g in names if g[0] != "Conv2D"]
    for v, g in zip(nonconv, groups if len(groups) == len(nonconv) else [None] * len(nonconv)):
        e = float(np.prod(x[v, :4]))
        src = [i for i in s[d == v] if i < n or x[i, _COL["log_param_bytes"]] == 0]
        w_in = int(x[src[0], 2]) if src else 0
        ops = ", ".join(f"{k} x{c}" for k, c in g[1].items() if k not in ("LUT", "Relu")) if g else "?"
        c = {p: lab[p + "_op_ms"][v] * KHZ[p] for p in PLATS}
        print(f"| {v} | {rec['ops'][v]} | {shp(x[v, :4])} | {w_in} | {'U' if rr[v] else '-'} | {ops} | "
              + " | ".join(f"{fmt(c[p] / e)} | {fmt(pr['TU'][p][v] * KHZ[p] / e)} | {fmt(pr[''][p][v] * KHZ[p] / e)}"
                           for p in PLATS)
              + f" | {fmt(c['u65'] / max(c['u55'], 1e-9))} | {pr['TU']['u65'][v] - lab['u65_op_ms'][v]:+.4f} |")


def section_f(v27: list, xlix: list) -> None:
    print("\n### F. Rule T's operators in V27 (and in XLIX): Vela's cycles over T's floor 8 x OFM elements / W_w\n")
    print("Vela cycles = label op_ms x clock (label_real's per-operator cycles, rescaled to Vela's total: factor 1 "
          "where Vela's latency is the sum of its layers). One row per set and NPU; then every T-operator below "
          "0.99 (DRAM access counts are whole cycles, so an op exactly at the floor reads 0.99999 on U65); "
          "'at floor' = within 1 % of 1.0.\n")
    print("| set | NPU | models | T-ops | min | q10 | median | max | at floor | ops below 0.99 "
          "| models with one below 0.99 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    below = []
    for label, rows in (("V27", v27), ("XLIX", xlix)):
        for p in PLATS:
            r = np.array([q[p] for q in rows]) if rows else np.zeros(0)
            mods = {q["model"] for q in rows}
            lo = [q for q in rows if q[p] < 0.99]
            at = int(np.sum(np.abs(r - 1.0) <= 0.01))
            if len(r):
                print(f"| {label} | {p.upper()} | {len(mods)} | {len(r)} | {fmt(r.min())} | {fmt(np.percentile(r, 10))} "
                      f"| {fmt(np.median(r))} | {fmt(r.max())} | {at} | {len(lo)} | {len({q['model'] for q in lo})} |")
            below += [(label, p, q) for q in lo]
    print("\n| set | NPU | model | op | type | OFM | const | Vela / floor (this NPU) | Vela / floor (other NPU) |")
    print("|---|---|---|---:|---|---|---|---:|---:|")
    for label, p, q in sorted(below, key=lambda z: (z[0], z[1], z[2][p])):
        o = "u65" if p == "u55" else "u55"
        print(f"| {label} | {p.upper()} | {q['model']} | {q['op']} | {q['type']} | {q['ofm']} | {q['const']} "
              f"| {fmt(q[p])} | {fmt(q[o])} |")
    if not below:
        print("| - | - | none | | | | | | |")


def t_rows(items: list) -> list[dict]:
    out = []
    for name, path, lab in items:
        rec = record_of(path)
        m = bcast_const_ops(rec)
        if not m.any():
            continue
        x = np.asarray(rec["x"], np.float64)
        n = int(rec["n_ops"])
        s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
        for v in np.where(m)[0]:
            e = float(np.prod(x[v, :4]))
            cs = [i for i in s[d == v] if i >= n]
            row = {"model": name, "op": int(v), "type": rec["ops"][v], "ofm": shp(x[v, :4]),
                   "const": shp(x[cs[0], :4]) if cs else "?"}
            for p in PLATS:
                floor = BCAST_BYTES_PER_ELT * e / WEIGHT_PORT_BYTES_PER_CYCLE[p]
                row[p] = lab[p + "_op_ms"][v] * KHZ[p] / floor
            out.append(row)
    return out


def main() -> None:
    s36 = _score_module()
    preds = {rs: s36.predictors(rs)[0] for rs in ("", "TU")}  # seed 0
    labs = json.load(open(os.path.join(MAIN, "runs", "heldoutXLIX", "labels.json")))
    print("Seed 0 (runs/psage_rs35x46_s0), per-op sum with rules R', Q, S (R'QS) and with T and U (TU).")
    for name in MODELS:
        path = os.path.join(MAIN, "runs", "heldoutXLIX", "models", name + ".tflite")
        rec, lab = record_of(path), labs[name + ".tflite"]
        pr = {rs: {p: np.asarray(pd.node_base.per_op()[TG[p]](rec), np.float64) for p in PLATS}
              for rs, pd in preds.items()}
        layers, sched = {}, {}
        for p in PLATS:
            layers[p], out = vela_run(path, p, name.startswith("resnet"))
            sched[p] = schedule_elementwise(out)
        print(f"\n## {name}")
        section_a(name, rec, lab, pr)
        section_b(name, rec, lab, pr)
        if name.startswith("resnet"):
            section_d(rec, lab, pr, layers, sched)
        else:
            section_e(rec, lab, pr, layers)
        section_c(name, rec, layers)
    v27 = t_rows([m for f in V27 for m in folder_models(f)])
    xlix = t_rows(folder_models("heldoutXLIX"))
    section_f(v27, xlix)


if __name__ == "__main__":
    main()
