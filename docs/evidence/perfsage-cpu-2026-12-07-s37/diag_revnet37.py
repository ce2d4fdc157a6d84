"""Session 37, helper diag (issue 22, latency): why the recommended R'QST2U over-predicts RevNet-110's U55 latency
(fresh families LII, PREREGISTERED.md outcome 2: +27.9 % under R'QST2U-J25-ens, +17.0 % under R'QSTU; U65 +3.8 %).
Written after the outcome; it changes no number (diag_revnet37.md).

Predictions: the seed-0 predictor as score_s37.py builds it (``predictors("")`` = R'QS, ``predictors("TU")``,
``predictors("T2U")``, element 0 = runs/psage_rs35x46_s0), per operator ``pred.node_base.per_op()[target](rec)``.
Vela per operator: ``{u55,u65}_op_ms`` of runs/heldoutLII/labels.json. Runs Vela 5.2 once per NPU on the model with
--verbose-performance and --verbose-schedule (diag_latency36.py's ``vela_run``; temporary folder) and a few synthetic
probes (probe_s37.py's builder and helpers; no model read). Reads (never writes) runs/ under JAXEFF_MAIN. Prints
markdown sections A-G. Deterministic.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s37/diag_revnet37.py > tables.md      (about 3 minutes)
"""
from __future__ import annotations

import collections
import contextlib
import importlib.util
import io
import json
import os

import numpy as np

from jaxeff.gnn.baselines import (BCAST_BYTES_PER_ELT, WEIGHT_PORT_BYTES_PER_CYCLE, bcast_const_ops,
                                  bcast_exact_cycles)
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.realeval import record_of
from jaxeff.nets.sesr_npu import int8_graph
from jaxeff.tflite import read_main

HERE = os.path.dirname(os.path.abspath(__file__))
EVID = os.path.dirname(HERE)


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


d36 = _load("diag_latency36", os.path.join(EVID, "perfsage-cpu-2026-12-07-s36", "diag_latency36.py"))
s37 = _load("score_s37", os.path.join(HERE, "score_s37.py"))
p37 = _load("probe_s37", os.path.join(HERE, "probe_s37.py"))
PLATS, TG, KHZ, PORT, MAIN = d36.PLATS, d36.TG, d36.KHZ, d36.PORT, d36.MAIN
fmt, shp = d36.fmt, d36.shp
NAME = "revnet110_cifar_32"
RS = ("", "TU", "T2U")
RSN = {"": "R'QS", "TU": "TU", "T2U": "T2U"}


def producer(rec: dict, v: int) -> str:
    """Types of the non-constant inputs' producers ('in' = the graph input)."""
    n = int(rec["n_ops"])
    s, d = np.asarray(rec["senders"]), np.asarray(rec["receivers"])
    return "+".join(rec["ops"][i] for i in s[d == v] if i < n) or "in"


def rules(rec: dict) -> dict[str, np.ndarray]:
    """Per op: 'T2' where T2 acts (T2's cycles replace the forest), 'T' where only T acts, '-' elsewhere."""
    bc = bcast_const_ops(rec)
    out = {}
    for p in PLATS:
        m2, _ = bcast_exact_cycles(rec, p)
        out[p] = np.where(m2, "T2", np.where(bc, "T", "-"))
    return out


def section_a(rec: dict, lab: dict, pr: dict) -> None:
    n = int(rec["n_ops"])
    print("\n### A. Per operator type: Vela ms vs per-op sum ms (seed 0), R'QS, TU and T2U\n")
    print("label (Vela) " + ", ".join(f"{p.upper()} {lab[TG[p]]:.3f} ms" for p in PLATS) + "; per-op sum (seed 0) "
          + "; ".join(f"{p.upper()} " + " / ".join(f"{RSN[r]} {(pr[r][p].sum() / lab[TG[p]] - 1) * 100:+.1f} %"
                                                    for r in RS) for p in PLATS)
          + ". contrib = (pred - Vela) / label, points.\n")
    print("| type | n | NPU | Vela ms | R'QS ms | TU ms | T2U ms | contrib TU | contrib T2U |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for p in PLATS:
        agg: dict = collections.defaultdict(lambda: np.zeros(5))
        for v in range(n):
            agg[rec["ops"][v]] += [1, lab[p + "_op_ms"][v]] + [pr[r][p][v] for r in RS]
        L = lab[TG[p]]
        for t, a in sorted(agg.items(), key=lambda kv: -abs(kv[1][4] - kv[1][1])):
            print(f"| {t} | {int(a[0])} | {p.upper()} | {fmt(a[1], 3)} | {fmt(a[2], 3)} | {fmt(a[3], 3)} "
                  f"| {fmt(a[4], 3)} | {(a[3] - a[1]) / L * 100:+.1f} | {(a[4] - a[1]) / L * 100:+.1f} |")


def section_b(rec: dict, lab: dict, pr: dict, rl: dict) -> None:
    x = np.asarray(rec["x"])
    for p, k in (("u55", 10), ("u65", 8)):
        vela = np.asarray(lab[p + "_op_ms"])
        t2 = pr["T2U"][p]
        groups = collections.defaultdict(list)  # identical operators (one per unit) together
        for v in range(len(vela)):
            groups[(rec["ops"][v], shp(x[v, :4]), d36.inputs(rec, v), producer(rec, v), rl[p][v])].append(v)
        top = sorted(groups.items(), key=lambda kv: (-abs(sum(t2[v] - vela[v] for v in kv[1])), kv[1][0]))[:k]
        print(f"\n### B. {p.upper()}: top {k} operator groups by |sum of pred (T2U) - Vela|\n")
        print("A group = the operators of one type, OFM, input shapes, producer ('from') and rule (T2 / T where it "
              "acts), i.e. the same operator in each unit of a stage; first = its first operator; per-operator ms "
              "and cycles per OFM element (c/elt) are the group's means; err pts = the group's (T2U - Vela) / "
              "label. 'c' marks a constant input.\n")
        print("| first | n | type | OFM | inputs | from | rule | Vela ms | T2U ms | TU ms | R'QS ms | Vela c/elt "
              "| T2U c/elt | TU c/elt | err pts T2U | err pts TU |")
        print("|---:|---:|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        L = lab[TG[p]]
        for (t, o, ins, src, rule), vs in top:
            e = float(np.prod(x[vs[0], :4]))
            m = {r: float(np.mean([a[v] for v in vs])) for r, a in (("V", vela), ("T2U", t2), ("TU", pr["TU"][p]),
                                                                    ("", pr[""][p]))}
            print(f"| {vs[0]} | {len(vs)} | {t} | {o} | {ins} | {src} | {rule} | {fmt(m['V'], 4)} | "
                  f"{fmt(m['T2U'], 4)} | {fmt(m['TU'], 4)} | {fmt(m[''], 4)} | {fmt(m['V'] * KHZ[p] / e)} "
                  f"| {fmt(m['T2U'] * KHZ[p] / e)} | {fmt(m['TU'] * KHZ[p] / e)} "
                  f"| {(m['T2U'] - m['V']) * len(vs) / L * 100:+.1f} | {(m['TU'] - m['V']) * len(vs) / L * 100:+.1f} |")


def trace_const_ops(rec: dict, layers: dict, sched: dict) -> dict[str, dict[int, tuple[dict, dict]]]:
    """Per NPU, TFLite op -> (Vela CSV row, schedule entry) of the MUL / ADD by a [1,1,1,C] constant. CSV rows of
    NNG Mul / Add and the schedule are both in schedule order; the IFM2-broadcast ones are matched to the TFLite
    const_chan operators in graph order (asserted: same type and OFM, one by one)."""
    x = np.asarray(rec["x"])
    ops = [int(v) for v in np.where(d36.const_chan(rec))[0]]
    out = {}
    for p in PLATS:
        rows = [r for r in layers[p] if r["NNG Operator"] in ("Mul", "Add")]
        sc = sched[p]
        assert [r["NNG Operator"] for r in rows] == [s["op"] for s in sc], "CSV / schedule order differ"
        tr = [(r, s) for r, s in zip(rows, sc) if s["ifm2"][:3] == [1, 1, 1] and s["ifm2"][3] > 1
              and r["Original Operator"] == r["NNG Operator"]]  # not a Mean's / Softmax's own Mul / Add
        assert len(tr) == len(ops), (p, len(tr), len(ops))
        for v, (r, s) in zip(ops, tr):
            assert s["op"].upper() == rec["ops"][v] and s["ofm"][1:] == [int(q) for q in x[v, 1:4]], (p, v, s)
        out[p] = dict(zip(ops, tr))
    return out


def section_c(rec: dict, lab: dict, pr: dict, rl: dict, trace: dict) -> None:
    x = np.asarray(rec["x"])
    groups = collections.defaultdict(list)
    for v in trace["u55"]:
        groups[(rec["ops"][v], tuple(int(q) for q in x[v, 1:4]), producer(rec, v))].append(v)
    print("\n### C. The MUL / ADD by a constant [1,1,1,C] (the unfolded batch norms), by type, OFM and producer\n")
    print("c/elt = cycles per OFM element. Vela = label (per-op cycles); NPU / port B/elt = Vela's NPU cycles and "
          "OffFlash AC x 1 (U55) / DRAM AC x 3.75 (U65) per element, from --verbose-performance; block = Vela's OFM "
          "block (H, W, depth) from --verbose-schedule; rule T2 = its table value (bcast_table2, same H, nearest C), "
          "T = the 8 B floor (8.00 / 2.13), '-' = neither acts (C = 16 is outside both); forest = R'QS (no T / T2); "
          "err = (pred - Vela) / label, points, summed over the group.\n")
    print("| type | OFM | from | n | NPU | rule | Vela c/elt | NPU c/elt | port B/elt | block | rule c/elt | forest c/elt "
          "| TU c/elt | T2U c/elt | err TU | err T2U |")
    print("|---|---|---|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    key = lambda kv: (-kv[0][1][0] * kv[0][1][1], kv[0][1][2], kv[0][0], kv[0][2])
    tot = collections.defaultdict(lambda: np.zeros(2))
    for (t, hwc, src), vs in sorted(groups.items(), key=key):
        e = float(np.prod(hwc))
        E = e * len(vs)
        for p in PLATS:
            kh, L = KHZ[p], lab[TG[p]]
            vm = sum(lab[p + "_op_ms"][v] for v in vs)
            tu, t2, rq = (sum(pr[r][p][v] for v in vs) for r in ("TU", "T2U", ""))
            rule = sorted({rl[p][v] for v in vs})
            tr = [trace[p][v] for v in vs]
            npu = sum(int(r["NPU"]) for r, _ in tr) / E
            port = sum(int(r[PORT[p]]) for r, _ in tr) * WEIGHT_PORT_BYTES_PER_CYCLE[p] / E
            blocks = sorted({tuple(s["block"][1:]) for _, s in tr})
            if rule == ["T2"]:
                m2, cy = bcast_exact_cycles(rec, p)
                rc = fmt(float(np.mean([cy[v] for v in vs])) / e)
            elif rule == ["T"]:
                rc = fmt(BCAST_BYTES_PER_ELT / WEIGHT_PORT_BYTES_PER_CYCLE[p])
            else:
                rc = "-"
            tot[(p, rule[0] if len(rule) == 1 else "mixed", hwc[2] == 16)] += [(tu - vm) / L * 100,
                                                                                (t2 - vm) / L * 100]
            print(f"| {t} | {shp(hwc)} | {src} | {len(vs)} | {p.upper()} | {'/'.join(rule)} | {fmt(vm * kh / E)} "
                  f"| {fmt(npu)} | {fmt(port)} | {', '.join(shp(b) for b in blocks)} | {rc} | {fmt(rq * kh / E)} "
                  f"| {fmt(tu * kh / E)} | {fmt(t2 * kh / E)} | {(tu - vm) / L * 100:+.1f} | {(t2 - vm) / L * 100:+.1f} |")
    print("\nSum of err over these operators, points of the label:\n")
    print("| NPU | C = 16 (32 x 32; neither rule) TU / T2U | T2 acts (C >= 32) TU / T2U | T acts (not T2) TU / T2U |")
    print("|---|---|---|---|")
    for p in PLATS:
        cells = []
        for k in ((p, "-", True), (p, "T2", False), (p, "T", False)):
            a = tot.get(k, np.zeros(2))
            cells.append(f"{a[0]:+.1f} / {a[1]:+.1f}")
        print(f"| {p.upper()} | " + " | ".join(cells) + " |")


# ---- section D: synthetic probes (no model read) ----

def _cycles_all(g) -> dict[str, np.ndarray]:
    buf = int8_graph(g, seed=0)
    q = read_main(buf)
    out = {}
    for p in PLATS:
        v = run_vela(buf, p)
        assert v.cpu_ops == 0, (p, v.cpu_ops)
        out[p] = np.asarray(per_op_cycles(q, v.per_layer, list(v.original_ops)), np.float64)
    return out


def _const(c: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(1, 1, 1, c)).astype(np.float32)


def probe_split(h: int, c: int) -> dict:
    """conv 1x1 to 2C; SPLIT; x2 * k (MUL), + k' with ReLU (ADD); 3x3 conv; y1 = x1 + it; CONCAT(y1, x2); conv 1x1.
    Costs of the MUL and the ADD by a constant [1,1,1,C], per OFM element."""
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, h, 2 * c)), 2 * c, 1)
    x1, x2 = b.split(x, 2)
    m = b.mul(x2, b.const(_const(c, 1)))
    a = b.add(m, b.const(_const(c, 2)), "RELU")
    y1 = b.add(x1, b.conv(a, c, 3))
    g = b.finish([b.conv(b.concat([y1, x2]), 2 * c, 1)])
    return _measure(g, h, c, "split half")


def probe_unit(h: int, c: int) -> dict:
    """One RevNet reversible unit as in the model (F, G = MUL, ADD+ReLU, 3x3 conv+ReLU, 3x3 conv), between 1x1
    convs; the four batch-norm MUL / ADD, averaged per type."""
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, h, 2 * c)), 2 * c, 1)
    x1, x2 = b.split(x, 2)

    def f(z: int, s: int) -> int:
        z = b.add(b.mul(z, b.const(_const(c, s))), b.const(_const(c, s + 1)), "RELU")
        return b.conv(b.conv(z, c, 3, act="RELU"), c, 3)

    y1 = b.add(x1, f(x2, 1))
    y2 = b.add(x2, f(y1, 3))
    g = b.finish([b.conv(b.concat([y1, y2]), 2 * c, 1)])
    return _measure(g, h, c, "RevNet unit")


def probe_full(h: int, c: int) -> dict:
    """MUL and ADD+ReLU by a [1,1,1,C] constant on a concatenation of two conv outputs (the full-width batch norm
    before a stage's first unit and the final one), then a 1x1 conv."""
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.input((1, h, h, c))
    z = b.concat([b.conv(x, c // 2, 1), b.conv(x, c // 2, 1)])
    z = b.add(b.mul(z, b.const(_const(c, 1))), b.const(_const(c, 2)), "RELU")
    g = b.finish([b.conv(z, c, 1)])
    return _measure(g, h, c, "on a CONCAT")


def _measure(g, h: int, c: int, kind: str) -> dict:
    cy = _cycles_all(g)
    e = h * h * c
    out = {"kind": kind, "h": h, "c": c}
    for t in ("MUL", "ADD"):
        ks = [i for i, o in enumerate(g.ops) if o.type == t and any(
            g.tensors[j].data is not None and int(np.prod(g.tensors[j].shape)) == c for j in o.inputs)]
        for p in PLATS:
            out[(t, p)] = float(np.mean([cy[p][k] for k in ks])) / e
    return out


def _plain(h: int, c: int) -> dict:
    out = {"kind": "conv-op-conv (probe_s37)", "h": h, "c": c}
    for t in ("MUL", "ADD"):
        r = p37.probe(t, h, h, c)
        for p in PLATS:
            out[(t, p)] = r[p]
    return out


def section_d() -> None:
    print("\n### D. Synthetic probes: does the SPLIT / CONCATENATION context change Vela's cost of the batch norms?\n")
    print("Cycles per OFM element of the MUL and the ADD (fused ReLU) by a [1,1,1,C] constant, U55 / U65. conv-op-conv "
          "= probe_s37.py's graph (a 1x1 conv, the op, a 1x1 conv); split half = the op on one SPLIT half of a 2C "
          "map, its result in a CONCATENATION; RevNet unit = a whole reversible unit (both F and G, mean of the two "
          "MULs and of the two ADDs); on a CONCAT = the op on a CONCATENATION of two convs (full width C).\n")
    print("| H = W | C | graph | MUL U55 | MUL U65 | ADD U55 | ADD U65 |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    cases = [(32, 16), (16, 32), (8, 64)]
    for h, c in cases:
        for r in (_plain(h, c), probe_split(h, c), probe_unit(h, c)):
            print(f"| {h} | {c} | {r['kind']} | " + " | ".join(fmt(r[(t, p)]) for t in ("MUL", "ADD") for p in PLATS)
                  + " |")
    for h, c in ((32, 32), (16, 64), (8, 128)):
        for r in (_plain(h, c), probe_full(h, c)):
            print(f"| {h} | {c} | {r['kind']} | " + " | ".join(fmt(r[(t, p)]) for t in ("MUL", "ADD") for p in PLATS)
                  + " |")


def c16_sweep() -> dict[tuple[str, str, int], float]:
    """probe_s37.py's MUL / ADD (ReLU) probe at C = 16 on every square map 2..64: (type, NPU, H) -> c/elt."""
    out = {}
    for t in ("MUL", "ADD"):
        for h in range(2, 65):
            r = p37.probe(t, h, h, 16)
            for p in PLATS:
                out[(t, p, h)] = r[p]
    return out


def section_e(sw: dict) -> None:
    print("\n### E. Synthetic sweep: MUL / ADD (ReLU) by a [1,1,1,16] constant, conv-op-conv, square maps 2..64\n")
    print("Distinct values of cycles per OFM element and the map sizes H = W that give them (probe_s37.probe, C = 16).\n")
    print("| type | NPU | c/elt: H |")
    print("|---|---|---|")
    for t in ("MUL", "ADD"):
        for p in PLATS:
            by = collections.defaultdict(list)
            for h in range(2, 65):
                by[round(sw[(t, p, h)], 2)].append(h)
            cells = []
            for val, hs in sorted(by.items()):
                runs, st = [], hs[0]
                for a, b2 in zip(hs, hs[1:] + [None]):
                    if b2 != a + 1:
                        runs.append(f"{st}" if st == a else f"{st}-{a}")
                        if b2 is not None:
                            st = b2
                cells.append(f"{val:.2f}: {', '.join(runs)}")
            print(f"| {t} | {p.upper()} | " + "; ".join(cells) + " |")


def section_f(rec: dict, lab: dict, pr: dict, sw: dict) -> None:
    """Post hoc what-if (not a rule test): T2U with its table extended to C = 16 by the sweep of section E."""
    n, x = int(rec["n_ops"]), np.asarray(rec["x"])
    bc16 = [v for v in np.where(d36.const_chan(rec))[0]
            if int(x[v, 3]) == 16 and int(x[v, 1]) == int(x[v, 2]) and 2 <= int(x[v, 1]) <= 64]
    print("\n### F. Post hoc what-if (seed 0; not a test): T2U with the C = 16 operators at the section E values\n")
    print("| NPU | ops changed | Vela ms | T2U ms | T2U % | T2U + C16 ms | T2U + C16 % |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for p in PLATS:
        q = pr["T2U"][p].copy()
        for v in bc16:
            t = "MUL" if rec["ops"][v] == "MUL" else "ADD"
            q[v] = sw[(t, p, int(x[v, 1]))] * float(np.prod(x[v, :4])) / KHZ[p]
        L = lab[TG[p]]
        print(f"| {p.upper()} | {len(bc16)} | {fmt(L, 3)} | {fmt(pr['T2U'][p].sum(), 3)} "
              f"| {(pr['T2U'][p].sum() / L - 1) * 100:+.1f} | {fmt(q.sum(), 3)} | {(q.sum() / L - 1) * 100:+.1f} |")


V29 = ("real_shared", "heldoutV25X", "heldoutXLVI", "heldoutXLVII", "heldoutXLVIII", "heldoutXLIX", "heldoutL",
       "heldoutLI")


def section_g(pred) -> None:
    """How often V29 (the 272 models Vela maps fully) holds a MUL / ADD by a [1,1,1,16] constant."""
    print("\n### G. MUL / ADD by a [1,1,1,16] constant in V29 (272 models Vela maps fully)\n")
    print("| model | ops (type OFM x n) | U55 Vela c/elt | U55 T2U c/elt | U65 Vela c/elt | U65 T2U c/elt "
          "| share of label U55 / U65 % |")
    print("|---|---|---:|---:|---:|---:|---|")
    items = [m for f in V29 for m in d36.folder_models(f)]
    for name, path, lab in items:
        rec = record_of(path)
        x = np.asarray(rec["x"])
        vs = [int(v) for v in np.where(d36.const_chan(rec))[0] if int(x[v, 3]) == 16]
        if not vs:
            continue
        e = sum(float(np.prod(x[v, :4])) for v in vs)
        c = collections.Counter((rec["ops"][v], shp(x[v, 1:4])) for v in vs)
        cells = []
        for p in PLATS:
            q = np.asarray(pred.node_base.per_op()[TG[p]](rec), np.float64)
            cells += [fmt(sum(lab[p + "_op_ms"][v] for v in vs) * KHZ[p] / e), fmt(sum(q[v] for v in vs) * KHZ[p] / e)]
        share = " / ".join(f"{sum(lab[p + '_op_ms'][v] for v in vs) / lab[TG[p]] * 100:.1f}" for p in PLATS)
        print(f"| {name} | {', '.join(f'{t} {o} x{k}' for (t, o), k in sorted(c.items()))} | " + " | ".join(cells)
              + f" | {share} |")
    print(f"\n{len(items)} models scanned.")


def main() -> None:
    s37.s36.PRED = [os.path.join(MAIN, d) for d in s37.s36.PRED]
    preds = {r: s37.predictors(r)[0] for r in RS}  # seed 0
    path = os.path.join(MAIN, "runs", "heldoutLII", "models", NAME + ".tflite")
    lab = json.load(open(os.path.join(MAIN, "runs", "heldoutLII", "labels.json")))[NAME + ".tflite"]
    rec = record_of(path)
    pr = {r: {p: np.asarray(pd.node_base.per_op()[TG[p]](rec), np.float64) for p in PLATS} for r, pd in preds.items()}
    layers, sched = {}, {}
    for p in PLATS:
        layers[p], out = d36.vela_run(path, p, True)
        sched[p] = d36.schedule_elementwise(out)
    rl = rules(rec)
    print(f"Seed 0 ({s37.s36.PRED[0].split('/runs/')[-1] if '/runs/' in s37.s36.PRED[0] else s37.s36.PRED[0]}), "
          f"{NAME}: per-op sums with rules R', Q, S (R'QS), plus T and U (TU), plus T2, T and U (T2U).")
    section_a(rec, lab, pr)
    section_b(rec, lab, pr, rl)
    section_c(rec, lab, pr, rl, trace_const_ops(rec, layers, sched))
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        d36.section_c(NAME, rec, layers)
    print(buf.getvalue().replace("### C. ", "### C2. ", 1), end="")
    section_d()
    sw = c16_sweep()
    section_e(sw)
    section_f(rec, lab, pr, sw)
    section_g(preds["T2U"])


if __name__ == "__main__":
    main()
