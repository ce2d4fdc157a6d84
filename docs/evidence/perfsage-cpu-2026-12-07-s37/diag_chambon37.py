"""Session 37, helper diag (issue 22, outcome 5 of PREREGISTERED.md): why R'QST2U over-predicts Chambon et al. 2018
(``chambon2018_2x3840`` of runs/heldoutLIV; +17.5 / +24.9 % U55 / U65, seed ensemble J25) and why velamem's default
rule is +32.4 % on its SRAM (Vela 91.5 KiB), per operator (diag_chambon37.md). The outcome is recorded; nothing here
changes a number or chooses a rule.

Latency: the seed-0 predictors of score_s37.py, ``predictors("T2U")[0]`` and ``predictors("T2UV")[0]`` (rule V),
per operator ``pred.node_base.per_op()[target](rec)``; Vela per operator ``{u55,u65}_op_ms`` of
runs/heldoutLIV/labels.json; Vela 5.2 once more per NPU with --verbose-performance, --verbose-schedule and
--verbose-allocation (temporary folder, not kept). Sections A-C reuse diag_res8_37.py / diag_latency36.py (importlib).
Section E counts the training set's (runs/mix22, all shards: the split is not re-derived) convolutions and pools near
Chambon's. SRAM: ``velamem.node_sram_bytes`` / ``feature_map_live`` under ``velamem.DEFAULT_RULE`` against Vela's
allocation table (section G). Markdown on stdout. Deterministic. About 1 minute.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s37/diag_chambon37.py > tables.md
"""
from __future__ import annotations

import collections
import glob
import importlib.util
import json
import math
import os
import re
import subprocess
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.baselines import split_pool_cycles
from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.environ.get("JAXEFF_MAIN", ".")
NAME = "chambon2018_2x3840"
FOLDER = "heldoutLIV"


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


d37 = _load("diag_res8_37", os.path.join(HERE, "diag_res8_37.py"))
d36 = d37.d36
PLATS, TG, KHZ, fmt, shp = d36.PLATS, d36.TG, d36.KHZ, d36.fmt, d36.shp
VT = {"Conv2D": "CONV_2D", "MaxPool": "MAX_POOL_2D", "FullyConnected": "FULLY_CONNECTED", "Softmax": "SOFTMAX"}


def predictor(rules: str):
    s37 = _load("score_s37_" + rules, os.path.join(HERE, "score_s37.py"))
    s37.s36.PRED = [os.path.join(MAIN, d) for d in s37.s36.PRED]
    return s37.predictors(rules)[0]  # seed 0


def vela_alloc(path: str, p: str) -> str:
    """Vela 5.2 stdout with --verbose-schedule and --verbose-allocation."""
    acc, sysc = d36.VELA[p]
    with tempfile.TemporaryDirectory() as out:
        return subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                               "Shared_Sram", "--output-dir", out, "--verbose-schedule", "--verbose-allocation"],
                              capture_output=True, check=True, text=True).stdout


def groups_of(rec: dict, layers: list[dict]) -> dict[int, list[dict]]:
    """Vela's CSV rows grouped onto the TFLite operators (RESHAPE has none): consecutive rows of one original
    operator and OFM name (a SOFTMAX's lowering: all its rows)."""
    gs: list[list[dict]] = []
    for r in layers:
        key = (r["Original Operator"], r["Name"] if r["Original Operator"] != "Softmax" else "")
        if not gs or gs[-1][0] != key:
            gs.append([key, []])
        gs[-1][1].append(r)
    n = int(rec["n_ops"])
    ops = [v for v in range(n) if rec["ops"][v] != "RESHAPE"]
    assert [VT[k[0]] for k, _ in gs] == [rec["ops"][v] for v in ops], "groups / TFLite ops"
    return {v: g for v, (_, g) in zip(ops, gs)}


def section_d(rec: dict, lab: dict, pr: dict, prv: dict, groups: dict, scheds: dict) -> None:
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    print("\n### D. Per operator, Vela's NPU operations (--verbose-performance / --verbose-schedule)\n")
    print("n NPU = NPU operations (fused Relu rows not counted); cyc/NPU op = Vela op cycles per NPU operation; "
          "MAC util = MACs / (op cycles x 128 / 256); pMAC = H W Kh Kw pad8(C_in) pad8(C_out) / (op cycles x 128 / "
          "256), the utilisation of the MAC array with both depths padded to 8; V = rule V (T2UV) c/elt.\n")
    print("| op | type | OFM | k / s | C_in | NPU | n NPU | cyc/NPU op | OFM block | IFM block | MAC util % | pMAC % "
          "| Vela c/elt | T2U c/elt | V c/elt |")
    print("|---:|---|---|---|---:|---|---:|---:|---|---|---:|---:|---:|---:|---:|")
    for v in range(n):
        if v not in groups["u55"]:
            continue
        e = float(np.prod(x[v, :4]))
        kh, kw, cin = int(x[v, _COL["kernel_h"]]), int(x[v, _COL["kernel_w"]]), int(x[v, _COL["c_in"]])
        for p in PLATS:
            rows = [r for r in groups[p][v] if r["NNG Operator"] not in d37.SUBOPS]
            cyc = sum(int(r["Op Cycles"]) for r in rows)
            macs = sum(int(r["MAC Count"]) for r in rows)
            conv = rec["ops"][v] == "CONV_2D"
            P = PEAK[p].macs_per_cycle
            pm = (x[v, 1] * x[v, 2] * kh * kw * d37.pad(cin, 8) * d37.pad(int(x[v, 3]), 8)) if conv else 0
            s0 = next((s for s in scheds[p] if s.get("ofm") == [int(q) for q in x[v, :4]]
                       and VT.get(s["op"]) == rec["ops"][v]), {})
            print(f"| {v} | {rec['ops'][v]} | {shp(x[v, 1:4])} | {kh}x{kw} / {int(x[v, _COL['stride_h']])}x"
                  f"{int(x[v, _COL['stride_w']])} | {cin} | {p.upper()} | {len(rows)} | {fmt(cyc / len(rows), 0)} "
                  f"| {shp(s0.get('block', [0])[1:]) or '-'} | {shp(s0.get('iblock', [0])[1:]) or '-'} "
                  f"| {fmt(macs / (cyc * P) * 100, 1) if conv else '-'} | {fmt(pm / (cyc * P) * 100, 1) if conv else '-'} "
                  f"| {fmt(lab[p + '_op_ms'][v] * KHZ[p] / e)} | {fmt(pr[p][v] * KHZ[p] / e)} "
                  f"| {fmt(prv[p][v] * KHZ[p] / e)} |")


def section_e(rec: dict) -> None:
    """The training set (runs/mix22) near Chambon's convolutions and pools."""
    from jaxeff.gnn.shards import load_dataset
    x0 = np.asarray(rec["x"])
    conv_cat, pool_cat = int(rec["cat"][0]), int(rec["cat"][2])
    recs = load_dataset(os.path.join(MAIN, "runs", "mix22"))
    rows: dict = collections.defaultdict(list)
    zr: dict = collections.defaultdict(list)
    for r in recs:
        n = len(r["u55_op_cycles"])
        x, cat = np.asarray(r["x"][:n], np.float64), np.asarray(r["cat"][:n])
        kk = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
        kmax = np.maximum(x[:, _COL["kernel_h"]], x[:, _COL["kernel_w"]])
        e = np.prod(x[:, :4], 1)
        for v in range(n):
            cyc = (r["u55_op_cycles"][v] / e[v], r["u65_op_cycles"][v] / e[v])
            if cat[v] == conv_cat:
                rows["CONV_2D, all"].append(cyc)
                if x[v, _COL["c_in"]] <= 2:
                    rows["CONV_2D, C_in <= 2"].append(cyc)
                    if kk[v] >= 16:
                        rows["CONV_2D, C_in <= 2, Kh Kw >= 16"].append(cyc)
                if kmax[v] >= 32:
                    rows["CONV_2D, a kernel side >= 32"].append(cyc)
                if min(x[v, 1], x[v, 2]) == 1 and max(x[v, 1], x[v, 2]) >= 1000:
                    rows["CONV_2D, one-row map of >= 1000 px"].append(cyc)
                if x[v, _COL["c_in"]] <= 2 and x[v, 3] <= 8 and kk[v] >= 16:
                    rows["CONV_2D, C_in <= 2, C_out <= 8, Kh Kw >= 16"].append(cyc)
                if x[v, _COL["c_in"]] < 8 and kk[v] >= 16:
                    zc = (x[v, 1] * x[v, 2] * kk[v] * math.ceil(x[v, _COL["c_in"]] / 8) * 8
                          * math.ceil(x[v, 3] / 8) * 8)
                    zr["C_in < 8, Kh Kw >= 16"].append((r["u55_op_cycles"][v] * 128 / zc,
                                                         r["u65_op_cycles"][v] * 256 / zc))
                    if x[v, 1] * x[v, 2] >= 1000:
                        zr["C_in < 8, Kh Kw >= 16, OFM >= 1000 px"].append(
                            (r["u55_op_cycles"][v] * 128 / zc, r["u65_op_cycles"][v] * 256 / zc))
            elif cat[v] == pool_cat:
                if max(x[v, _COL["stride_h"]], x[v, _COL["stride_w"]]) > 3 and x[v, 1] * x[v, 2] > 1:
                    rows["MAX_POOL_2D, stride > 3, > 1 output px"].append(cyc)
                    if kk[v] >= 16 and x[v, 3] <= 8:
                        rows["MAX_POOL_2D, stride > 3, Kh Kw >= 16, C <= 8"].append(cyc)
    print(f"\n### E. The training set near Chambon's operators (runs/mix22, all {len(recs)} graphs; Vela c/elt)\n")
    print("Chambon's: op 1 CONV_2D 1x64 on C_in 2 -> 8, 1 x 3840 map; op 3 CONV_2D 1x64 on 8 -> 8, 1 x 240; pools "
          "1x16 / 1x16 on 8 channels. Quantiles of Vela's cycles per OFM element over the matching operators.\n")
    print("| operators | n | U55 c/elt 10 / 50 / 90 % | U65 c/elt 10 / 50 / 90 % |")
    print("|---|---:|---|---|")
    for k, v in rows.items():
        a = np.asarray(v)
        q = [" / ".join(fmt(t) for t in np.percentile(a[:, j], [10, 50, 90])) for j in range(2)]
        print(f"| {k} | {len(a)} | {q[0]} | {q[1]} |")
    print("\nCandidate Z (section F) on the training set: Vela op cycles / (H W Kh Kw pad8(C_in) pad8(C_out) / P), "
          "quantiles; 1.0 = Vela exactly at the padded-MAC bound (Chambon's op 1: 1.006 / 1.006).\n")
    print("| CONV_2D | n | U55 ratio 10 / 50 / 90 % | U65 ratio 10 / 50 / 90 % | share within [0.9, 1.2] U55 / U65 |")
    print("|---|---:|---|---|---|")
    for k, v in zr.items():
        a = np.asarray(v)
        q = [" / ".join(fmt(t) for t in np.percentile(a[:, j], [10, 50, 90])) for j in range(2)]
        w = [fmt(np.mean((a[:, j] >= 0.9) & (a[:, j] <= 1.2)) * 100, 0) for j in range(2)]
        print(f"| {k} | {len(a)} | {q[0]} | {q[1]} | {w[0]} / {w[1]} % |")
    del x0


def section_f(rec: dict, lab: dict, pr: dict, prv: dict) -> None:
    """Candidate rules on Chambon: padded-MAC conv (pMAC rate 1) for C_in < 8; rule V's pools."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"][:int(rec["n_ops"])], np.float64)
    print("\n### F. Candidate rules, applied to the seed-0 T2U per-op sum in place of the forest\n")
    print("Z: a CONV_2D with C_in < 8 and Kh Kw >= 16 costs H W Kh Kw pad8(C_in) pad8(C_out) / P cycles (P = 128 / 256, "
          "the MAC array with both depths padded to 8); V = rule V's pools (baselines.split_pool_cycles). Signed "
          "error of the per-op sum against Vela's label, %.\n")
    print("| NPU | T2U | T2U + Z | T2UV | T2UV + Z | T2U with pools and op 1 at Vela's cycles |")
    print("|---|---:|---:|---:|---:|---:|")
    kk = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
    cin = x[:, _COL["c_in"]]
    for p in PLATS:
        L, vela = lab[TG[p]], np.asarray(lab[p + "_op_ms"])
        z = np.array([t == "CONV_2D" for t in rec["ops"][:n]]) & (cin < 8) & (kk >= 16)
        zc = x[:, 1] * x[:, 2] * kk * np.ceil(cin / 8) * 8 * np.ceil(x[:, 3] / 8) * 8 / PEAK[p].macs_per_cycle / KHZ[p]
        pool = np.array([t == "MAX_POOL_2D" for t in rec["ops"][:n]])
        cells = []
        for base in (pr[p], prv[p]):
            cells += [(base.sum() / L - 1) * 100, (np.where(z, zc, base).sum() / L - 1) * 100]
        ideal = np.where(pool | (np.arange(n) == 1), vela, pr[p])
        cells.append((ideal.sum() / L - 1) * 100)
        print(f"| {p.upper()} | " + " | ".join(f"{c:+.1f}" for c in cells) + " |")
    for p in PLATS:
        m, cyc = split_pool_cycles(rec, p)
        print(f"\n- {p.upper()} rule V pools: ops {[int(v) for v in np.flatnonzero(m)]}, V cycles "
              + ", ".join(fmt(cyc[v], 0) for v in np.flatnonzero(m)) + "; Vela "
              + ", ".join(fmt(lab[p + '_op_ms'][v] * KHZ[p], 0) for v in np.flatnonzero(m))
              + "; T2U forest " + ", ".join(fmt(pr[p][v] * KHZ[p], 0) for v in np.flatnonzero(m)) + " cycles.")


def allocation(text: str) -> list[dict]:
    """--verbose-allocation, the SRAM feature-map table: start, end, size, format, name."""
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("Allocation, memory Sram"):
            on = True
            continue
        if on and line.startswith("Allocation Peak"):
            break
        m = re.match(r"\s*(\d+) -\s+(\d+):\s+0x\w+ -\s+0x\w+:\s+(\d+):\s+(\d+):\s+(\w+)\s+: (\S+)", line)
        if on and m:
            out.append({"start": int(m.group(1)), "end": int(m.group(2)), "size": int(m.group(3)),
                        "usage": int(m.group(4)), "fmt": m.group(5), "name": m.group(6)})
    return out


def section_g(rec: dict, lab: dict, texts: dict) -> None:
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    rule = vm.DEFAULT_RULE
    print("\n### G. SRAM: velamem (DEFAULT_RULE) per operator against Vela's allocation\n")
    print(f"Rule `{rule}`. fm = feature_map_live (Vela's order; here the TFLite order), buf = refetch_buffers' "
          "buffer; total = node_sram_bytes. Vela: 'Memory Used' of the operator's first NPU operation "
          "(--verbose-schedule).\n")
    order = vm.vela_order(rec, concat_first=True)
    assert list(order) == list(range(n)), "Vela order differs from the TFLite order"
    fm = vm.feature_map_live(rec, vm.CONCAT_IN_PLACE, True, True, True, True, True)
    print("| op | type | OFM | NPU | velamem fm | velamem buf | velamem total | Vela Memory Used (op / buf / nl) |")
    print("|---:|---|---|---|---:|---:|---:|---|")
    for p in PLATS:
        tot = vm.node_sram_bytes(rec, p)[:n]
        buf, _ = vm.refetch_buffers(rec, p)
        mem = re.findall(r"Operation (\w+)\s+- OFM ([\d, ]+).*?Memory Used: (\d+) bytes \(op=(\d+), buf=(\d+), ccd=\d+, "
                         r"nl=(\d+)\)", texts[p], re.S)
        for v in range(n):
            t = [int(q) for q in x[v, :4]]
            hit = next((m for m in mem if [int(q) for q in m[1].split(",")] == t and VT.get(m[0]) == rec["ops"][v]),
                       None)
            vela = f"{hit[2]} ({hit[3]} / {hit[4]} / {hit[5]})" if hit else "-"
            print(f"| {v} | {rec['ops'][v]} | {shp(x[v, 1:4])} | {p.upper()} | {int(fm[v])} | {int(buf[v])} "
                  f"| {int(tot[v])} | {vela} |")
    for p in PLATS:
        al = allocation(texts[p])
        ts = sorted({a["start"] for a in al})
        use = {t: sum(a["size"] for a in al if a["start"] <= t <= a["end"]) for t in ts}
        t0 = max(ts, key=lambda t: (use[t], -t))  # the first time of the largest live sum
        live = [a for a in al if a["start"] <= t0 <= a["end"]]
        print(f"\n{p.upper()}: Vela 'Total SRAM used' {lab[p + '_sram_kib']:.2f} KiB = {int(lab[p + '_sram_kib'] * 1024)} B; "
              f"velamem {vm.sram_bytes(rec, p):.0f} B ({(vm.sram_bytes(rec, p) / (lab[p + '_sram_kib'] * 1024) - 1) * 100:+.1f} %). "
              f"Vela's live set at its peak (time index {t0}, NPU op 1 = TFLite op 1):\n")
        print("| tensor | Vela format | Vela bytes | lifetime |")
        print("|---|---|---:|---|")
        for a in live:
            print(f"| {a['name']} | {a['fmt']} | {a['size']} | {a['start']}-{a['end']} |")
        print(f"| **sum** | | {sum(a['size'] for a in live)} | |")
    # velamem's live set at op 1 by hand from its layout rule: the maps it holds and their sizes
    print("\nvelamem's live set at op 1 (the same for both NPUs):\n")
    print("| tensor | velamem layout | velamem bytes | Vela layout / bytes |")
    print("|---|---|---:|---|")
    print("| op 0 OFM 1x3840x2 (conv_2d_3) | brick, C 2 -> 16 | 61440 | NHCWB16 / 61440 |")
    print("| op 1 OFM 1x3840x8 (conv_2d_6) | brick, C 8 -> 16 | 61440 | NHWC / 30720 |")
    b1 = int(vm.refetch_buffers(rec, "u55")[0][1])
    for p in PLATS:  # the hand-written rows below are velamem's numbers
        assert fm[1] == 2 * 61440 and vm.node_sram_bytes(rec, p)[1] == fm[1] + b1 == vm.sram_bytes(rec, p)
    print(f"| op 1 weights | buffer (param + 6 C_out, 16-aligned) | {b1} | WB_single 1520 (Vela's encoded) |")
    print(f"| **sum** | | {61440 * 2 + b1} | 93680 |")
    print("\nWhat-if (not a rule of velamem; arithmetic on the rows above): op 1's OFM in NHWC because its consumer, "
          "the 1x16 / 16 max pool, is split by Vela per output pixel (split_pool_cycles flags it): "
          f"{61440 + 30720 + b1} B, {((61440 + 30720 + b1) / 93680 - 1) * 100:+.1f} % on both NPUs.")


def main() -> None:
    path = os.path.join(MAIN, "runs", FOLDER, "models", NAME + ".tflite")
    rec = record_of(path)
    lab = json.load(open(os.path.join(MAIN, "runs", FOLDER, "labels.json")))[NAME + ".tflite"]
    per, perv = predictor("T2U").node_base.per_op(), predictor("T2UV").node_base.per_op()
    pr = {p: np.asarray(per[TG[p]](rec), np.float64) for p in PLATS}
    prv = {p: np.asarray(perv[TG[p]](rec), np.float64) for p in PLATS}
    layers, groups, scheds, texts = {}, {}, {}, {}
    for p in PLATS:
        layers[p], out = d36.vela_run(path, p, True)
        scheds[p] = d37.schedule(out)
        groups[p] = groups_of(rec, layers[p])
        texts[p] = vela_alloc(path, p)
        for v in range(int(rec["n_ops"])):  # the CSV groups reproduce the label's per-op ms
            got = sum(int(r["Op Cycles"]) for r in groups[p].get(v, [])) / KHZ[p]
            assert abs(got - lab[p + "_op_ms"][v]) < 1e-6 + 1e-3 * lab[p + "_op_ms"][v], (p, v, got)
    print(f"## {NAME}\n")
    print("Seed 0 (runs/psage_rs35x46_s0); T2U = score_s37 predictors('T2U')[0], T2UV = predictors('T2UV')[0]. "
          "Per-op sums: " + "; ".join(
              f"{p.upper()} label {lab[TG[p]]:.4f} ms, T2U {(pr[p].sum() / lab[TG[p]] - 1) * 100:+.1f} %, "
              f"T2UV {(prv[p].sum() / lab[TG[p]] - 1) * 100:+.1f} %" for p in PLATS) + ".")
    d37.section_a(NAME + " (T2U)", rec, lab, pr)
    d37.section_a(NAME + " (T2UV)", rec, lab, prv)
    d37.section_b(NAME + " (T2U)", rec, lab, pr)
    d36.section_c(NAME, rec, layers)
    section_d(rec, lab, pr, prv, groups, scheds)
    section_e(rec)
    section_f(rec, lab, pr, prv)
    section_g(rec, lab, texts)


if __name__ == "__main__":
    main()
