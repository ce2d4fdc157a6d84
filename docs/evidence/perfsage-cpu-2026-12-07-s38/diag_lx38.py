"""Session 38, helper diag (issue 22): why the recommended predictor (score_s38.py ``predictors("T216UVZ1")``, three
seeds) under-predicts the two fresh keyword-spotting CNNs of runs/heldoutLX (``res26_narrow_kws_101x40``: -20.2 /
-19.7 %, ``tc_resnet14_1.5_98x40``: -12.0 / -28.3 %, U55 / U65, fresh_LX_table.md), per operator (diag_lx38.md).
Nothing here changes a number of the study or adopts a rule; the candidate of section E is evaluated only inside this
process, on the per-op sums (no Predictor is patched, nothing in src/ changes).

A. per operator and NPU for the two fresh models: Vela's per-op cycles (labels.json ``{u55,u65}_op_ms`` x clock), the
   forests' per-op cycles (seed ensemble = geometric mean of the three seeds per operator), and a depth-16 bound
   (convs: OH OW Kh Kw pad16(C_in) pad16(C_out) / P, P = 128 / 256; ADD: OH OW pad16(C)).
B. points of the label by operator kind, the two fresh models and the four sibling validation models of
   runs/heldoutV33X.
C. mix22's training split (zfit_s37.py's loading): the same kinds' Vela / bound ratios and how many there are.
D. Vela 5.2 on a few synthetic single convs / ADDs (diag_vz38.py's probe construction).
E. one candidate (R16), its constant from section C only, and its per-op-sum effect on the six models.
Markdown on stdout. Deterministic. About 1-2 minutes on CPU.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set; Vela 5.2 on the PATH for section D):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_lx38.py > tables.md
"""
from __future__ import annotations

import collections
import importlib.util
import json
import os

import numpy as np

from jaxeff.gnn.baselines import Z_MIN_PX
from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
FRESH = ("heldoutLX", ("res26_narrow_kws_101x40", "tc_resnet14_1.5_98x40"))
SIBS = ("heldoutV33X", ("res15_narrow_kws_101x40", "res8_narrow_kws_101x40", "tc_resnet8_1.5_98x40",
                        "tc_resnet14_98x40"))
PLATS = ("u55", "u65")
TG = {"u55": "u55_latency_ms", "u65": "u65_latency_ms"}
KHZ = {p: PEAK[p].clock_hz / 1e3 for p in PLATS}
P = {"u55": 128.0, "u65": 256.0}
ADD_RATE = {"u55": 1.5, "u65": 0.75}  # only for the bound column of A; section C measures it on training


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


s38 = _load("score_s38", os.path.join(HERE, "score_s38.py"))


def pad(c, m: int):
    return np.ceil(np.maximum(c, 1) / m) * m


def geo(rec: dict) -> dict:
    n = int(rec["n_ops"])
    a = np.asarray(rec["x"][:n], np.float64)
    return {"oh": a[:, 1], "ow": a[:, 2], "cout": a[:, 3], "cin": a[:, _COL["c_in"]], "kh": a[:, _COL["kernel_h"]],
            "kw": a[:, _COL["kernel_w"]], "sh": a[:, _COL["stride_h"]], "sw": a[:, _COL["stride_w"]],
            "dil": np.maximum(a[:, _COL["dilation_h_factor"]], a[:, _COL["dilation_w_factor"]])}


def odd16(c) -> np.ndarray:
    """C >= 16 and C mod 16 in 1..8: pad16(C) > pad8(C)."""
    c = np.rint(np.asarray(c))
    return (c >= 16) & (np.mod(c, 16) >= 1) & (np.mod(c, 16) <= 8)


def b16(g: dict, p: str, ops) -> np.ndarray:
    """Depth-16 bound per op: convs OH OW Kh Kw pad16(C_in) pad16(C_out) / P; ADD OH OW pad16(C) x 1.5 / 0.75; else 0."""
    conv = np.asarray([t == "CONV_2D" for t in ops])
    add = np.asarray([t == "ADD" for t in ops])
    px = g["oh"] * g["ow"]
    c = px * g["kh"] * g["kw"] * pad(g["cin"], 16) * pad(g["cout"], 16) / P[p]
    return np.where(conv, c, np.where(add, px * pad(g["cout"], 16) * ADD_RATE[p], 0.0))


def r16_domain(g: dict, ops) -> np.ndarray:
    """Candidate R16's domain: CONV_2D 3x3, stride 1, dilation 1, 2-D OFM of >= Z_MIN_PX px, C_in and C_out odd16."""
    conv = np.asarray([t == "CONV_2D" for t in ops])
    return (conv & (g["kh"] == 3) & (g["kw"] == 3) & (g["sh"] == 1) & (g["sw"] == 1) & (g["dil"] <= 1)
            & (g["oh"] >= 2) & (g["ow"] >= 2) & (g["oh"] * g["ow"] >= Z_MIN_PX) & odd16(g["cin"]) & odd16(g["cout"]))


def kind(t: str, g: dict, v: int) -> str:
    if t == "CONV_2D":
        if g["oh"][v] == 1 and g["ow"][v] > 1 and g["kw"][v] > 1:
            return f"CONV 1xk one-row, OW {'odd' if int(g['ow'][v]) % 2 else 'even'}"
        if g["kh"][v] == 3 and g["kw"][v] == 3 and g["oh"][v] > 1:
            d = "dilated" if g["dil"][v] > 1 else "C odd16" if odd16(g["cin"][v]) and odd16(g["cout"][v]) else \
                "C_in < 16" if g["cin"][v] < 16 else "other C"
            return f"CONV 3x3 2-D, {d}"
        return "CONV other"
    if t in ("ADD", "MEAN"):
        return f"{t}, C {'odd16' if odd16(g['cout'][v]) else 'mult 16' if int(g['cout'][v]) % 16 == 0 else 'other'}"
    if "POOL" in t:
        return "pool"
    return "other"


def per_op(preds, rec: dict, p: str) -> np.ndarray:
    per = np.asarray([pp.node_base.per_op()[TG[p]](rec) for pp in preds], np.float64) * KHZ[p]
    return np.exp(np.log(np.maximum(per, 1e-9)).mean(0))


def q3(a) -> str:
    a = np.asarray(a, np.float64)
    return " / ".join(f"{t:.3f}" for t in np.quantile(a, [0.1, 0.5, 0.9])) if len(a) else "-"


# ------------------------------------------------------------------------------------------------ A
def section_a(data: dict) -> None:
    for name in FRESH[1]:
        d = data[name]
        g, ops, n = d["g"], d["rec"]["ops"], int(d["rec"]["n_ops"])
        print(f"\n## A. {name}\n")
        for p in PLATS:
            vela, ens, L = d[p]["vela"], d[p]["ens"], d[p]["L"]
            bd = b16(g, p, ops[:n])
            print(f"### {name}, {p.upper()} (cycles; pred = seed-ensemble per op; pts = (pred - Vela) / Vela's label "
                  "x 100; b16 = depth-16 bound)\n")
            print("| op | type | OFM HxWxC | k / s | C_in | Vela cyc | pred cyc | pred/Vela | pts | b16 | Vela/b16 |")
            print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
            for v in range(n):
                rt = f"{ens[v] / vela[v]:.3f}" if vela[v] > 0 else "-"
                bb = f"{bd[v]:.0f} | {vela[v] / bd[v]:.3f}" if bd[v] > 0 else "- | -"
                print(f"| {v} | {ops[v]} | {int(g['oh'][v])}x{int(g['ow'][v])}x{int(g['cout'][v])} | "
                      f"{int(g['kh'][v])}x{int(g['kw'][v])} / {int(g['sh'][v])}x{int(g['sw'][v])} | {int(g['cin'][v])} | "
                      f"{vela[v]:.0f} | {ens[v]:.0f} | {rt} | {(ens[v] - vela[v]) / L * 100:+.1f} | {bb} |")
            print(f"| **sum** | | | | | **{vela.sum():.0f}** | **{ens.sum():.0f}** | {ens.sum() / vela.sum():.3f} | "
                  f"{(ens.sum() / L - 1) * 100:+.1f} | | |")
            print(f"\nVela's label {L:.0f} cycles; sum of its per-op cycles {vela.sum():.0f} "
                  f"({(vela.sum() / L - 1) * 100:+.4f} %).\n")


# ------------------------------------------------------------------------------------------------ B
def section_b(data: dict) -> None:
    print("\n## B. Points of the label by operator kind (per-op seed ensembles, T216UVZ1)\n")
    print("odd16 = C >= 16 with C mod 16 in 1..8 (pad16(C) > pad8(C)); 3x3 odd16 needs both C_in and C_out odd16. "
          "pred/Vela = sum over the kind's ops; pts = (pred - Vela) / label x 100.\n")
    print("| model | NPU | kind | n | Vela share % | pred/Vela | pts |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name in FRESH[1] + SIBS[1]:
        d = data[name]
        g, ops, n = d["g"], d["rec"]["ops"], int(d["rec"]["n_ops"])
        ks = [kind(ops[v], g, v) for v in range(n)]
        for p in PLATS:
            vela, ens, L = d[p]["vela"], d[p]["ens"], d[p]["L"]
            for k in sorted(set(ks)):
                m = np.asarray([x == k for x in ks])
                if vela[m].sum() <= 0:
                    continue
                print(f"| {name} | {p.upper()} | {k} | {m.sum()} | {vela[m].sum() / L * 100:.1f} | "
                      f"{ens[m].sum() / vela[m].sum():.3f} | {(ens[m].sum() - vela[m].sum()) / L * 100:+.1f} |")
            print(f"| {name} | {p.upper()} | **all** | {n} | 100.0 | {ens.sum() / vela.sum():.3f} | "
                  f"**{(ens.sum() / L - 1) * 100:+.1f}** |")


# ------------------------------------------------------------------------------------------------ C
def load_train():
    from experiments import perfsage as ps

    cfg = ps.Config(**{k: v for k, v in json.load(open("runs/psage_rs35x46_s0/config.json")).items()
                       if k in ps.Config.__dataclass_fields__})
    recs, _ = ps.load_records(cfg.dataset, cfg)
    train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
    return cfg, train


def section_c(cfg, train) -> dict:
    conv3 = collections.defaultdict(list)
    adds, rows, chan = collections.defaultdict(list), collections.defaultdict(list), collections.Counter()
    dom = []
    for rec in train:
        n, g = int(rec["n_ops"]), geo(rec)
        ops = rec["ops"][:n]
        cyc = {p: np.asarray(rec[f"{p}_op_cycles"], np.float64)[:n] for p in PLATS}
        bd = {p: b16(g, p, ops) for p in PLATS}
        dm = r16_domain(g, ops)
        for v in range(n):
            t = ops[v]
            if t in ("CONV_2D", "ADD"):
                chan[(t, "19" if int(g["cout"][v]) == 19 else "odd16" if odd16(g["cout"][v]) else
                      "mult 16" if int(g["cout"][v]) % 16 == 0 else "other")] += 1
            if t == "ADD" and bd["u55"][v] > 0:
                adds["C odd16" if odd16(g["cout"][v]) else "C mult 16" if int(g["cout"][v]) % 16 == 0
                     else "C other"].append(tuple(cyc[p][v] / (bd[p][v] / ADD_RATE[p]) for p in PLATS))
            if t != "CONV_2D" or bd["u55"][v] <= 0:
                continue
            r = tuple(cyc[p][v] / bd[p][v] for p in PLATS)
            if dm[v]:
                dom.append(r)
            if (g["kh"][v] == 3 and g["kw"][v] == 3 and g["sh"][v] == 1 and g["sw"][v] == 1 and g["dil"][v] <= 1
                    and g["oh"][v] >= 2 and g["ow"][v] >= 2 and g["cin"][v] >= 16 and g["cout"][v] >= 16):
                px = g["oh"][v] * g["ow"][v]
                cc = "both odd16" if odd16(g["cin"][v]) and odd16(g["cout"][v]) else \
                    "both mult 16" if int(g["cin"][v]) % 16 == 0 and int(g["cout"][v]) % 16 == 0 else "mixed / other"
                pb = "< 256" if px < 256 else "256-999" if px < Z_MIN_PX else ">= 1000"
                conv3[(cc, pb)].append(r)
            if g["oh"][v] == 1 and g["ow"][v] > 1 and g["kw"][v] > 1 and g["cin"][v] >= 16:
                rows[("OW odd" if int(g["ow"][v]) % 2 else "OW even",
                      "OW < 64" if g["ow"][v] < 64 else "OW >= 64")].append(r)
    print(f"\n## C. mix22's training split ({len(train)} graphs, split seed {cfg.split_seed}, {cfg.split_kind})\n")
    print("Training CONV_2D / ADD by output depth class (n): "
          + "; ".join(f"{k[0]} {k[1]}: {c}" for k, c in sorted(chan.items())) + ".\n")
    print("3x3 stride-1 undilated CONV_2Ds with a 2-D OFM and C_in, C_out >= 16: Vela / b16 "
          "(OH OW 9 pad16(C_in) pad16(C_out) / P):\n")
    print("| channels | OFM px | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % |")
    print("|---|---|---:|---|---|")
    for k in sorted(conv3):
        a = np.asarray(conv3[k])
        print(f"| {k[0]} | {k[1]} | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} |")
    print("\nADDs: Vela / (OH OW pad16(C)) cycles per padded element:\n")
    print("| ADD | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % |")
    print("|---|---:|---|---|")
    for k in sorted(adds):
        a = np.asarray(adds[k])
        print(f"| {k} | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} |")
    print("\nOne-row CONV_2Ds (OH = 1, Kw > 1, C_in >= 16): Vela / b16:\n")
    print("| one-row conv | width | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % |")
    print("|---|---|---:|---|---|")
    for k in sorted(rows):
        a = np.asarray(rows[k])
        print(f"| {k[0]} | {k[1]} | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} |")
    a = np.asarray(dom)
    kap = {p: float(np.median(a[:, i])) for i, p in enumerate(PLATS)}
    print(f"\nCandidate R16's domain (section E) in training: {len(a)} convs, Vela/b16 U55 {q3(a[:, 0])}, U65 "
          f"{q3(a[:, 1])}; kappa16 = the medians, {kap['u55']:.4f} / {kap['u65']:.4f}.")
    return kap


# ------------------------------------------------------------------------------------------------ D
def probe(h: int, w: int, cin: int, cout: int, kh: int, kw: int, add: bool = False) -> dict:
    """One CONV_2D (VALID, stride 1) on the graph input (or ADD of two such convs' input-sized 1x1 convs), then a 1x1
    conv; Vela 5.2's cycles of the probed op per NPU over its b16."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, cin)), cout, (kh, kw), (1, 1), padding="VALID")
    if add:
        x = b.add(x, b.conv(x, cout, 1))
    gr = b.finish([b.conv(x, 16, 1)])
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    oh, ow = h - kh + 1, w - kw + 1
    out = {"oh": oh, "ow": ow, "cin": cin, "cout": cout, "k": f"{kh}x{kw}", "add": add}
    for p in PLATS:
        v = run_vela(buf, p)
        cyc = per_op_cycles(q, v.per_layer, list(v.original_ops))
        if add:
            bd = oh * ow * pad(cout, 16) * ADD_RATE[p]
            out[p] = float(cyc[2]) / float(bd)
        else:
            out[p] = float(cyc[0]) / float(oh * ow * kh * kw * pad(cin, 16) * pad(cout, 16) / P[p])
    return out


def section_d() -> None:
    print("\n## D. Vela 5.2 on synthetic single ops: Vela / b16 (no validation or fresh model read)\n")
    items = [(52, 22, c, c, 3, 3) for c in (16, 19, 24, 32)] + [(27, 15, c, c, 3, 3) for c in (16, 19)]
    items += [(1, wd + 8, c, c, 1, 9) for c in (32, 36) for wd in (48, 49, 25, 26)]
    print("| probe | OFM | C_in -> C_out | U55 Vela/b16 | U65 Vela/b16 |")
    print("|---|---|---|---:|---:|")
    for it in items:
        r = probe(*it)
        print(f"| CONV {r['k']} | {r['oh']}x{r['ow']} | {r['cin']} -> {r['cout']} | {r['u55']:.3f} | {r['u65']:.3f} |")
    for c in (16, 19, 24, 32):
        r = probe(50, 20, c, c, 1, 1, add=True)
        print(f"| ADD (cyc / (px pad16(C) x 1.5 / 0.75)) | {r['oh']}x{r['ow']} | {c} | {r['u55']:.3f} | "
              f"{r['u65']:.3f} |")


# ------------------------------------------------------------------------------------------------ E
def section_e(data: dict, kap: dict) -> None:
    print("\n## E. Candidate R16 (evaluated in this process only, per-op sums)\n")
    print("R16: a CONV_2D with a 3x3 kernel, stride 1, dilation 1, a 2-D OFM of at least Z_MIN_PX = "
          f"{Z_MIN_PX} px and both C_in and C_out >= 16 with C mod 16 in 1..8 costs kappa16 x OH OW 9 pad16(C_in) "
          f"pad16(C_out) / P cycles, kappa16 = {kap['u55']:.4f} / {kap['u65']:.4f} (U55 / U65; section C's training "
          "medians). Every other op keeps its forest price.\n")
    print("| model | NPU | ops in R16 | their Vela / forest / R16 cycles | per-op sum error %, T216UVZ1 -> +R16 |")
    print("|---|---|---:|---|---|")
    for name in FRESH[1] + SIBS[1]:
        d = data[name]
        g, ops, n = d["g"], d["rec"]["ops"], int(d["rec"]["n_ops"])
        m = r16_domain(g, ops[:n])
        for p in PLATS:
            vela, ens, L = d[p]["vela"], d[p]["ens"], d[p]["L"]
            rule = kap[p] * b16(g, p, ops[:n])
            new = np.where(m, rule, ens)
            print(f"| {name} | {p.upper()} | {m.sum()} | {vela[m].sum():.0f} / {ens[m].sum():.0f} / {rule[m].sum():.0f} | "
                  f"{(ens.sum() / L - 1) * 100:+.1f} -> {(new.sum() / L - 1) * 100:+.1f} |")


def main() -> None:
    preds = s38.predictors("T216UVZ1")
    data = {}
    for folder, names in (FRESH, SIBS):
        lab = json.load(open(os.path.join("runs", folder, "labels.json")))
        for name in names:
            rec = record_of(os.path.join("runs", folder, "models", name + ".tflite"))
            d = {"rec": rec, "g": geo(rec)}
            for p in PLATS:
                d[p] = {"vela": np.asarray(lab[name + ".tflite"][p + "_op_ms"], np.float64) * KHZ[p],
                        "ens": per_op(preds, rec, p), "L": lab[name + ".tflite"][TG[p]] * KHZ[p]}
            data[name] = d
    print("# diag_lx38 tables\n")
    print("Predictors: score_s38.py `predictors(\"T216UVZ1\")` (three seeds). Cycles = ms x clock (U55 500 MHz, "
          "U65 1 GHz).")
    section_a(data)
    section_b(data)
    cfg, train = load_train()
    kap = section_c(cfg, train)
    section_d()
    section_e(data, kap)


if __name__ == "__main__":
    main()
