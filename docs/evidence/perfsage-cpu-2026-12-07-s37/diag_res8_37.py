"""Session 37, helper diag (issue 22, latency): why R'QST2U-J25-ens under-predicts the KWS network Res8-narrow
(``res8_narrow_kws_101x40``, V29's worst model, -38.7 / -48.8 % U55 / U65) and its wide sibling ``res8_kws_101x40``
(-27.2 / -34.9 %), per operator (diag_res8_37.md). Both are validation models of runs/heldoutV25X; their Vela
figures are read here.

Predictions: the seed-0 predictor of score_s37.py, ``predictors("T2U")[0]`` (rules R', Q, S, T, T2, U), per operator
``pred.node_base.per_op()[target](rec)`` (the J25 row is not split per operator). Vela per operator: ``{u55,u65}_op_ms``
of runs/heldoutV25X/labels.json. Vela 5.2 is run once more per model and NPU with --verbose-performance and
--verbose-schedule (diag_latency36.vela_run; output in a temporary folder, not kept). Then synthetic probes (section
E; probe_s37.cycles on NetBuilder graphs, nothing read from any validation or fresh model): pools with a stride above 3,
3 x 3 convs and activation ADDs at depths that are not multiples of 8 / 16, and a MUL by a [1, 1, 1, C] constant for
C = 17..48 on 25 x 13 and 50 x 20 maps. Probe sections E1-E3 first, then per model sections A-D and F (candidate rules V, W, X fitted on the probes), as markdown on stdout. Deterministic. About 4 minutes.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s37/diag_res8_37.py [--no-probes] > tables.md
"""
from __future__ import annotations

import collections
import importlib.util
import json
import math
import os
import re
import sys

import numpy as np

from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = os.environ.get("JAXEFF_MAIN", ".")
MODELS = ("res8_narrow_kws_101x40", "res8_kws_101x40")
FOLDER = "heldoutV25X"


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


d36 = _load("diag_latency36", os.path.join(HERE, "..", "perfsage-cpu-2026-12-07-s36", "diag_latency36.py"))
PLATS, TG, KHZ, fmt, shp = d36.PLATS, d36.TG, d36.KHZ, d36.fmt, d36.shp
SUBOPS = ("Relu", "Relu6", "ReluN1To1", "LUT", "Sigmoid", "Tanh")  # CSV rows of fused activations: not scheduled


def predictor():
    s37 = _load("score_s37", os.path.join(HERE, "score_s37.py"))
    s37.s36.PRED = [os.path.join(MAIN, d) for d in s37.s36.PRED]
    return s37.predictors("T2U")[0]  # seed 0


def inputs(rec: dict, v: int) -> str:
    """Input shapes; 'c' marks a constant (a non-op node with parameter bytes), the graph input has none."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    return ", ".join(("c" if i >= n and x[i, _COL["log_param_bytes"]] > 0 else "") + shp(x[i, :4]) for i in s[d == v])


def schedule(text: str) -> list[dict]:
    """--verbose-schedule: per scheduled NPU operation, in order, its op, OFM, blocks, depth slices and cycles."""
    out = []
    for line in text.splitlines():
        m = re.search(r"^\s*\d+: Operation (\w+)\s+- OFM ([\d, ]+)", line)
        if m:
            out.append({"op": m.group(1), "ofm": [int(v) for v in m.group(2).split(",")]})
            continue
        if not out:
            continue
        m = re.search(r"OFM Block=\[([\d, ]+)\], IFM Block=\[([\d, ]+)\], Traversal=(\w+)", line)
        if m:
            out[-1]["block"] = [int(v) for v in m.group(1).split(",")]
            out[-1]["iblock"] = [int(v) for v in m.group(2).split(",")]
            out[-1]["trav"] = m.group(3)
        m = re.search(r"Depth slices = \[([\d, ]+)\]", line)
        if m:
            out[-1]["slices"] = [int(v) for v in m.group(1).split(",")]
        m = re.search(r"Kernel: size=(\d+),(\d+) stride=(\d+),(\d+)", line)
        if m:
            out[-1]["kernel"] = "x".join(m.group(2, 1)) + " / " + "x".join(m.group(4, 3))  # Vela prints w,h
    return out


def per_tflite(rec: dict, layers: list[dict], sched: list[dict]) -> list[dict]:
    """Vela's CSV rows (with their schedule entries) grouped onto the TFLite operators, in order."""
    vt = {"Conv2D": "CONV_2D", "AvgPool": "AVERAGE_POOL_2D", "Add": "ADD", "Mean": "MEAN",
          "FullyConnected": "FULLY_CONNECTED", "Softmax": "SOFTMAX", "MaxPool": "MAX_POOL_2D", "Mul": "MUL"}
    rows = [r for r in layers if r["NNG Operator"] not in SUBOPS]
    assert len(rows) == len(sched) and all(r["NNG Operator"] == s["op"] for r, s in zip(rows, sched)), "CSV / schedule"
    groups: list[dict] = []
    for r, s in zip(rows, sched):
        base = r["Name"].removesuffix("_intermediate")
        g = groups[-1] if groups else None
        if g is None or g["orig"] != r["Original Operator"] or (g["orig"] != "Softmax" and g["base"] != base):
            g = {"orig": r["Original Operator"], "base": base, "rows": []}
            groups.append(g)
        g["rows"].append((r, s))
    assert [vt[g["orig"]] for g in groups] == list(rec["ops"][:int(rec["n_ops"])]), "groups / TFLite ops"
    return groups


def pad(n: int, b: int) -> int:
    return math.ceil(n / b) * b


def section_a(name: str, rec: dict, lab: dict, pr: dict) -> None:
    n = int(rec["n_ops"])
    print(f"\n### A. {name}: per operator type, Vela vs T2U per-op sum (seed 0)\n")
    print("label (Vela) " + ", ".join(f"{p.upper()} {lab[TG[p]]:.4f} ms" for p in PLATS) + "; seed-0 per-op sum "
          + ", ".join(f"{p.upper()} {(pr[p].sum() / lab[TG[p]] - 1) * 100:+.1f} %" for p in PLATS)
          + ". ms summed over the type; contrib = (pred - Vela) / label, points; c/elt = cycles per OFM element.\n")
    print("| type | n | U55 Vela ms | U55 pred ms | U55 contrib | U55 Vela c/elt | U55 pred c/elt | U65 Vela ms "
          "| U65 pred ms | U65 contrib | U65 Vela c/elt | U65 pred c/elt |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    x = np.asarray(rec["x"])
    agg: dict = collections.defaultdict(lambda: np.zeros((2, 4)))
    for v in range(n):
        for k, p in enumerate(PLATS):
            agg[rec["ops"][v]][k] += [1, lab[p + "_op_ms"][v], pr[p][v], float(np.prod(x[v, :4]))]
    for t, a in sorted(agg.items(), key=lambda kv: (kv[1][0, 2] - kv[1][0, 1])):
        cells = []
        for k, p in enumerate(PLATS):
            cells += [fmt(a[k, 1], 4), fmt(a[k, 2], 4), f"{(a[k, 2] - a[k, 1]) / lab[TG[p]] * 100:+.1f}",
                      fmt(a[k, 1] * KHZ[p] / a[k, 3]), fmt(a[k, 2] * KHZ[p] / a[k, 3])]
        print(f"| {t} | {int(a[0, 0])} | " + " | ".join(cells) + " |")


def section_b(name: str, rec: dict, lab: dict, pr: dict) -> None:
    x = np.asarray(rec["x"])
    n = int(rec["n_ops"])
    print(f"\n### B. {name}: every operator, by U55 error (pred - Vela)\n")
    print("'c' marks a constant input (weights, bias); k / s = kernel / stride (h x w); contrib in points of the "
          "label; c/elt per OFM element.\n")
    print("| op | type | OFM | inputs | k / s | act | U55 Vela ms | U55 pred ms | U55 contrib | U55 Vela / pred c/elt "
          "| U65 Vela ms | U65 pred ms | U65 contrib | U65 Vela / pred c/elt |")
    print("|---:|---|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|")
    for v in sorted(range(n), key=lambda v: pr["u55"][v] - lab["u55_op_ms"][v]):
        e = float(np.prod(x[v, :4]))
        ks = (f"{int(x[v, _COL['kernel_h']])}x{int(x[v, _COL['kernel_w']])} / "
              f"{int(x[v, _COL['stride_h']])}x{int(x[v, _COL['stride_w']])}")
        cells = []
        for p in PLATS:
            vm, pm = lab[p + "_op_ms"][v], pr[p][v]
            cells += [fmt(vm, 4), fmt(pm, 4), f"{(pm - vm) / lab[TG[p]] * 100:+.1f}",
                      f"{fmt(vm * KHZ[p] / e)} / {fmt(pm * KHZ[p] / e)}"]
        print(f"| {v} | {rec['ops'][v]} | {shp(x[v, :4])} | {inputs(rec, v)} | {ks} "
              f"| {int(x[v, _COL['fused_activation_function']])} | " + " | ".join(cells) + " |")


def section_d(name: str, rec: dict, lab: dict, pr: dict, groups: dict) -> None:
    """Per TFLite operator: Vela's NPU operations, blocks and the padding of the work to the block grid."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    print(f"\n### D. {name}: per operator, Vela's NPU operations and blocks (--verbose-schedule)\n")
    print("n NPU = scheduled NPU operations; cyc/NPU op = Vela's op cycles per NPU operation; OFM / IFM block = "
          "(H, W, depth) of the first; slices = weight depth slices; pad = (OFM H, W, C rounded up to the OFM block) "
          "over the OFM elements; ifm-d = C_in rounded up to the IFM block depth over C_in; MAC util = MACs / (cycles x "
          "peak MACs per cycle, 128 / 256).\n")
    print("| op | type | OFM | NPU | n NPU | NPU ops | cyc/NPU op | OFM block | IFM block | slices | pad | ifm-d "
          "| MAC util % | Vela c/elt | pred c/elt |")
    print("|---:|---|---|---|---:|---|---:|---|---|---|---:|---:|---:|---:|---:|")
    for v in range(n):
        e = float(np.prod(x[v, :4]))
        h, w, c = (int(q) for q in x[v, 1:4])
        for p in PLATS:
            g = groups[p][v]
            kinds = collections.Counter(s["op"] for _, s in g["rows"])
            cyc = sum(int(r["Op Cycles"]) for r, _ in g["rows"])
            macs = sum(int(r["MAC Count"]) for r, _ in g["rows"])
            s0 = g["rows"][0][1]
            b, ib = s0.get("block", [0] * 4)[1:], s0.get("iblock", [0] * 4)[1:]
            padf = (pad(h, b[0]) * pad(w, b[1]) * pad(c, b[2]) / (h * w * c)) if len(g["rows"]) == 1 and b[0] else None
            cin = int(x[v, _COL["c_in"]])
            ifd = pad(cin, ib[2]) / cin if rec["ops"][v] == "CONV_2D" and ib[2] and cin else None
            util = macs / (cyc * PEAK[p].macs_per_cycle) * 100 if rec["ops"][v] == "CONV_2D" and cyc else None
            print(f"| {v} | {rec['ops'][v]} | {shp(x[v, 1:4])} | {p.upper()} | {len(g['rows'])} "
                  f"| {', '.join(f'{k} x{c_}' for k, c_ in kinds.items())} | {fmt(cyc / len(g['rows']), 0)} "
                  f"| {shp(b)} | {shp(ib)} | {s0.get('slices', '-')} | {fmt(padf) if padf else '-'} "
                  f"| {fmt(ifd) if ifd else '-'} | {fmt(util, 1) if util else '-'} | {fmt(lab[p + '_op_ms'][v] * KHZ[p] / e)} "
                  f"| {fmt(pr[p][v] * KHZ[p] / e)} |")


# ---- section E: synthetic probes -------------------------------------------------------------------------------------

def _probe_graph(kind: str, h: int, w: int, c: int, k=(4, 3), s=(4, 3)):
    """A 1 x 1 conv (C -> C), the probed operator, a 1 x 1 conv; returns (graph, index of the probed op, OFM elts)."""
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, c)), c, 1)
    if kind in ("avg", "max"):
        y = b.pool(x, kind, k, s)
        t = "AVERAGE_POOL_2D" if kind == "avg" else "MAX_POOL_2D"
    elif kind == "conv":
        y, t = b.conv(x, c, 3, 1, "RELU"), "CONV_2D"
    elif kind == "addact":
        y, t = b.add(x, b.conv(x, c, 1), "NONE"), "ADD"
    else:  # "mul": MUL by a [1, 1, 1, C] constant
        y = b.mul(x, b.const(np.random.default_rng(1).normal(size=(1, 1, 1, c)).astype(np.float32)))
        t = "MUL"
    g = b.finish([b.conv(y, c, 1)])
    idx = [i for i, o in enumerate(g.ops) if o.type == t]
    k_ = idx[-1] if kind == "addact" else idx[0 if kind != "conv" else 1]
    return g, k_, float(np.prod(b.shape(y)))


def probes() -> dict:
    """Runs E1-E3; returns the fits of the candidate rules (section F): pool split a0 + a1 Kh Kw ceil(C / 8) cycles
    per OFM pixel (least squares over E1's split pools), padded-MAC rate u of the conv (median over E2's C = 19, 24,
    45, the depths not a multiple of 16), per NPU."""
    probe = _load("probe_s37", os.path.join(HERE, "probe_s37.py"))
    fit: dict = {"pool": {}, "conv": {}}
    pool_rows: list = []

    def run(kind, h, w, c, **kw):
        g, k, e = _probe_graph(kind, h, w, c, **kw)
        cy = probe.cycles(g, k)
        return e, cy

    print("\n### E1. Probe: pools with a stride above 3 (synthetic; one pool between two 1 x 1 convs)\n")
    print("cyc/px = Vela cycles per OFM pixel (= per NPU operation when split); c/elt per OFM element.\n")
    print("| pool | k / s | IFM | OFM px | U55 cyc/px | U65 cyc/px | U55 c/elt | U65 c/elt |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for kind, k, s_, h, w, c in ([("avg", (4, 3), (4, 3), 100, 39, c) for c in (8, 16, 19, 24, 32, 45, 48, 64)]
                                 + [("max", (4, 3), (4, 3), 100, 39, 19), ("avg", (4, 4), (4, 4), 100, 40, 19),
                                    ("avg", (3, 3), (3, 3), 99, 39, 19), ("avg", (2, 2), (2, 2), 100, 40, 19),
                                    ("avg", (4, 3), (4, 3), 52, 21, 19), ("avg", (4, 3), (4, 3), 200, 78, 19),
                                    ("avg", (8, 8), (8, 8), 96, 96, 19), ("avg", (4, 3), (4, 3), 100, 39, 128)]):
        e, cy = run(kind, h, w, c, k=k, s=s_)
        px = e / c
        if max(s_) > 3:
            pool_rows.append((k[0] * k[1] * math.ceil(c / 8), cy["u55"] / px, cy["u65"] / px))
        print(f"| {kind} | {k[0]}x{k[1]} / {s_[0]}x{s_[1]} | {h}x{w}x{c} | {int(px)} | {fmt(cy['u55'] / px, 0)} "
              f"| {fmt(cy['u65'] / px, 0)} | {fmt(cy['u55'] / e)} | {fmt(cy['u65'] / e)} |")

    a = np.asarray(pool_rows)
    design = np.stack([np.ones(len(a)), a[:, 0]], 1)
    print("\nFit over the split pools above, cycles per OFM pixel = a0 + a1 x Kh Kw ceil(C / 8):\n")
    for j, p in enumerate(PLATS):
        coef = np.linalg.lstsq(design, a[:, 1 + j], rcond=None)[0]
        res = (design @ coef) / a[:, 1 + j] - 1
        fit["pool"][p] = coef
        print(f"- {p.upper()}: a0 = {coef[0]:.1f}, a1 = {coef[1]:.3f}; max |rel. residual| {np.abs(res).max() * 100:.1f} % "
              f"over {len(a)} probes")
    conv_u: dict = {p: [] for p in PLATS}
    print("\n### E2. Probe: 3 x 3 conv C -> C (ReLU) and activation ADD on 25 x 13 x C (synthetic)\n")
    print("c/elt per OFM element; conv also in MACs per cycle.\n")
    print("| C | conv U55 c/elt | conv U65 c/elt | conv U55 MAC/c | conv U65 MAC/c | ADD U55 c/elt | ADD U65 c/elt |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for c in (16, 19, 24, 32, 45, 48, 64):
        e, cv = run("conv", 25, 13, c)
        _, ad = run("addact", 25, 13, c)
        macs = e * 9 * c
        if c % 16:
            for p in PLATS:
                conv_u[p].append(e * 9 * pad(c, 16) * pad(c, 8) / c / cv[p])
        print(f"| {c} | {fmt(cv['u55'] / e)} | {fmt(cv['u65'] / e)} | {fmt(macs / cv['u55'], 1)} "
              f"| {fmt(macs / cv['u65'], 1)} | {fmt(ad['u55'] / e)} | {fmt(ad['u65'] / e)} |")

    fit["conv"] = {p: float(np.median(conv_u[p])) for p in PLATS}
    print("\nPadded-MAC rate u = H W 9 pad16(C_in) pad8(C_out) / Vela cycles over C = 19, 24, 45: "
          + "; ".join(f"{p.upper()} " + ", ".join(fmt(q, 1) for q in conv_u[p]) + f" (median {fmt(fit['conv'][p], 1)})"
                      for p in PLATS) + ".")
    print("\n### E3. Probe: MUL by a [1, 1, 1, C] constant, C = 17..48, on 25 x 13 and 50 x 20 (synthetic)\n")
    print("c/elt per OFM element; hyp = 128 x ceil(d/16) / d bytes per element at the port (W_w 1.0 / 3.75 B per "
          "cycle) with d = C (one block depth covering C), max'ed with the NPU's 0.75 / 0.38 c/elt.\n")
    print("| C | 25x13 U55 | 25x13 U65 | 50x20 U55 | 50x20 U65 | hyp U55 | hyp U65 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for c in range(17, 49):
        cells = []
        for h, w in ((25, 13), (50, 20)):
            e, cy = run("mul", h, w, c)
            cells += [fmt(cy["u55"] / e), fmt(cy["u65"] / e)]
        hyp = 128 * math.ceil(c / 16) / c
        print(f"| {c} | " + " | ".join(cells) + f" | {fmt(max(hyp / 1.0, 0.75))} | {fmt(max(hyp / 3.75, 0.375))} |")
    return fit


ADD_NPU = {"u55": 1.5, "u65": 0.75}  # cycles per element of an elementwise ADD (session 37 addendum 1; E2 here)


def candidate(rec: dict, p: str, fit: dict) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per candidate rule: ([n] bool where it acts, [n] Vela-style cycles there)."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"][:int(rec["n_ops"])], np.float64)
    ops = list(rec["ops"][:n])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    h, w, c = x[:, 1], x[:, 2], x[:, 3]
    kk = x[:, _COL["kernel_h"]] * x[:, _COL["kernel_w"]]
    smax = np.maximum(x[:, _COL["stride_h"]], x[:, _COL["stride_w"]])
    cin = x[:, _COL["c_in"]]
    out = {}
    m = np.array([t in ("AVERAGE_POOL_2D", "MAX_POOL_2D") for t in ops]) & (smax > 3)
    a0, a1 = fit["pool"][p]
    out["V (pool split)"] = (m, h * w * (a0 + a1 * kk * np.ceil(c / 8)))
    m = (np.array([t == "CONV_2D" for t in ops]) & (smax <= 3) & (cin >= 17)
         & ((cin % 16 != 0) | (c % 16 != 0)))
    out["W (conv depth padding)"] = (m, h * w * kk * np.ceil(cin / 16) * 16 * np.ceil(c / 8) * 8 / fit["conv"][p])
    two_act = np.array([t == "ADD" and sum(1 for i in s[d == v] if i < n or x[i, _COL["log_param_bytes"]] == 0) == 2
                        for v, t in enumerate(ops)]) if n else np.zeros(0, bool)
    m = two_act & (c % 16 != 0)
    out["X (ADD brick padding)"] = (m, h * w * np.ceil(c / 16) * 16 * ADD_NPU[p])
    return out


def section_f(name: str, rec: dict, lab: dict, pr: dict, fit: dict) -> None:
    print(f"\n### F. {name}: candidate rules V, W, X applied to the seed-0 T2U per-op sum (in place of the forest)\n")
    print("Per rule: ops it acts on, Vela / forest / rule cycles per OFM element there, points of the label before -> "
          "after; last row: per-op sum with all three.\n")
    print("| NPU | rule | ops | Vela c/elt | forest c/elt | rule c/elt | contrib before | contrib after |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    x = np.asarray(rec["x"])
    e = np.prod(x[:int(rec["n_ops"]), :4], 1)
    for p in PLATS:
        L, vela = lab[TG[p]], np.asarray(lab[p + "_op_ms"])
        new = pr[p].copy()
        for rule, (m, cyc) in candidate(rec, p, fit).items():
            if not m.any():
                print(f"| {p.upper()} | {rule} | 0 | | | | | |")
                continue
            ms = cyc / KHZ[p]
            E = e[m].sum()
            print(f"| {p.upper()} | {rule} | {int(m.sum())} | {fmt(vela[m].sum() * KHZ[p] / E)} "
                  f"| {fmt(pr[p][m].sum() * KHZ[p] / E)} | {fmt(ms[m].sum() * KHZ[p] / E)} "
                  f"| {(pr[p][m].sum() - vela[m].sum()) / L * 100:+.1f} | {(ms[m].sum() - vela[m].sum()) / L * 100:+.1f} |")
            new[m] = ms[m]
        print(f"| {p.upper()} | per-op sum | {len(e)} | | | | {(pr[p].sum() / L - 1) * 100:+.1f} "
              f"| {(new.sum() / L - 1) * 100:+.1f} |")


def main() -> None:
    pred = predictor()
    per = pred.node_base.per_op()
    labs = json.load(open(os.path.join(MAIN, "runs", FOLDER, "labels.json")))
    fit = probes() if "--no-probes" not in sys.argv else None
    print("Seed 0 (runs/psage_rs35x46_s0), per-op sum with rules R', Q, S, T, T2, U (score_s37 predictors('T2U')[0]).")
    for name in MODELS:
        path = os.path.join(MAIN, "runs", FOLDER, "models", name + ".tflite")
        rec, lab = record_of(path), labs[name + ".tflite"]
        pr = {p: np.asarray(per[TG[p]](rec), np.float64) for p in PLATS}
        layers, groups = {}, {}
        for p in PLATS:
            layers[p], out = d36.vela_run(path, p, True)
            groups[p] = per_tflite(rec, layers[p], schedule(out))
        print(f"\n## {name}")
        section_a(name, rec, lab, pr)
        section_b(name, rec, lab, pr)
        d36.section_c(name, rec, layers)
        section_d(name, rec, lab, pr, groups)
        if fit:
            section_f(name, rec, lab, pr, fit)


if __name__ == "__main__":
    main()
