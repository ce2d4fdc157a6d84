"""Session 39, helper diag (issue 22): Vela 5.2's cycles for one-row CONV_2Ds (OH = 1, OW > 1, stride 1, dilation 1,
kernel 1 x k, k > 1) with C_in >= 8 on the U55 and U65, and one candidate rule W1 for them (diag_row39.md). Nothing
here changes a number of the study or adopts a rule: W1 is evaluated only inside this process on per-op sums.

A. synthetic probes (NetBuilder: input -> 1x1 conv C_in -> C_in -> the measured 1 x k SAME conv -> 1x1 conv to 16; the
   measured conv's own per-layer cycles, per_op_cycles as label_real does): Vela / b8, Vela / b16 and Vela / W1's unit
   price by NPU, parity and OW.
B. mix22's training split (diag_lx38.py's loading): the convs in W1's domain, their quantiles; W1's constants.
C. W1 evaluated in-process on per-op sums (score_s38.py predictors("T216UVZ1R"), seed ensemble) of the TC-ResNet
   siblings (runs/heldoutV33X) and the fresh LX one (runs/heldoutLX).
D. how many V33 models (runs/heldoutV33X + runs/real_shared) have an op in W1's domain.
Markdown on stdout (the whole of diag_row39.md). Deterministic. About 2-3 minutes on CPU (Vela 5.2 on ~150 probes x 2).

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s39/diag_row39.py > docs/evidence/perfsage-cpu-2026-12-07-s39/diag_row39.md
"""
from __future__ import annotations

import collections
import importlib.util
import json
import os

import numpy as np

from jaxeff.gnn.baselines import WEIGHT_PORT_BYTES_PER_CYCLE
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
S38 = os.path.join(os.path.dirname(HERE), "perfsage-cpu-2026-12-07-s38")


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


lx = _load("diag_lx38", os.path.join(S38, "diag_lx38.py"))  # geo, per_op, load_train, q3 (and score_s38 as lx.s38)

PLATS = ("u55", "u65")
P = {"u55": 128.0, "u65": 256.0}
BETA = WEIGHT_PORT_BYTES_PER_CYCLE  # vela.ini's weight port, 1.0 / 3.75 B per cycle (not fitted here)
OWS = (13, 14, 25, 26, 49, 50, 97, 98, 199, 200)
KS = (3, 9)
CS = (8, 16, 24, 36, 48, 64)
MIXED = ((16, 32), (32, 16), (24, 48), (48, 24), (16, 64), (64, 16), (8, 32), (40, 40))
MIXED_OWS = (25, 26, 49, 50, 97, 98)
W1_MAX_OW = 64  # domain limit: OW < 64, set from section A (see the md's Finding)
W1_MIN_CIN = 16
TC = (("heldoutV33X", "tc_resnet8_1.5_98x40"), ("heldoutV33X", "tc_resnet14_98x40"),
      ("heldoutLX", "tc_resnet14_1.5_98x40"))


def pad(c, m: int):
    return np.ceil(np.maximum(np.asarray(c, np.float64), 1) / m) * m


# ------------------------------------------------------------------------------------------------ bounds
def b8(ow, k, ci, co, p):
    return ow * k * pad(ci, 8) * pad(co, 8) / P[p]


def b16(ow, k, ci, co, p):
    return ow * k * pad(ci, 16) * pad(co, 16) / P[p]


def part_kernel(ci, k):
    """Vela 5.2 architecture_allocator._choose_kernel_method (8-bit IFM): part-kernel-first when C_in <= 8 or when
    C k / (pad8(C) pad4(k)) > C / pad32(C)."""
    ci, k = np.asarray(ci, np.float64), np.asarray(k, np.float64)
    return (ci <= 8) | (ci * k / (pad(ci, 8) * pad(k, 4)) > ci / pad(ci, 32))


def bv(ow, k, ci, co, p):
    """The MAC-array bound as Vela 5.2's npu_performance._estimate_conv_cycles counts it for a 1 x k one-row conv,
    without its per-block floors: depth-first convs take C_in in chunks of 32 (pad32) and k taps; part-kernel-first
    ones take taps in fours (pad4(k)) and C_in in 8s within chunks of 16 (pad8 up to 16, pad16 above); C_out in
    micro-blocks of 8; on the U65 (micro-block 2x2) an odd-width row runs on 2-high micro-blocks, half empty (x2),
    an even-width one on 4x1 ones (npu_performance.py lines 318-328)."""
    ow, k, ci, co = (np.asarray(a, np.float64) for a in (ow, k, ci, co))
    pk = part_kernel(ci, k)
    taps = np.where(pk, pad(k, 4), k)
    cin = np.where(pk, np.where(ci > 16, pad(ci, 16), pad(ci, 8)), pad(ci, 32))
    odd = (np.rint(ow).astype(np.int64) % 2 == 1) if p == "u65" else np.zeros(np.shape(ow), bool)
    return ow * taps * cin * pad(co, 8) * np.where(odd, 2.0, 1.0) / P[p]


def wfetch(k, ci, co, p):
    """Weight-stream cycles: (k C_in C_out + 10 C_out) bytes (int8 weights + scale/bias, rule Q's W_enc) / beta."""
    k, ci, co = (np.asarray(a, np.float64) for a in (k, ci, co))
    return (k * ci * co + 10 * co) / BETA[p]


def w1_unit(ow, k, ci, co, p):
    """W1 before kappa: max(bv, weight stream)."""
    return np.maximum(bv(ow, k, ci, co, p), wfetch(k, ci, co, p))


BOUNDS = (("b8", b8), ("b16", b16), ("bV", bv), ("max(bV, W/beta)", w1_unit))


def w1_domain(g: dict, ops) -> np.ndarray:
    conv = np.asarray([t == "CONV_2D" for t in ops])
    return (conv & (g["oh"] == 1) & (g["ow"] >= 2) & (g["ow"] < W1_MAX_OW) & (g["kh"] == 1) & (g["kw"] >= 2) & (g["sh"] == 1)
            & (g["sw"] == 1) & (g["dil"] <= 1) & (g["cin"] >= W1_MIN_CIN))


def row_family(g: dict, ops) -> np.ndarray:
    """The characterised family, no OW limit: one-row 1 x k (k > 1) stride-1 undilated CONV_2Ds with C_in >= 8."""
    conv = np.asarray([t == "CONV_2D" for t in ops])
    return (conv & (g["oh"] == 1) & (g["ow"] >= 2) & (g["kh"] == 1) & (g["kw"] >= 2) & (g["sh"] == 1)
            & (g["sw"] == 1) & (g["dil"] <= 1) & (g["cin"] >= 8))


def rec_bounds(g: dict, p: str, fn) -> np.ndarray:
    return fn(g["ow"], g["kw"], g["cin"], g["cout"], p)


def q3(a) -> str:
    return lx.q3(a)


def spread(a) -> str:
    a = np.asarray(a, np.float64)
    return f"{np.quantile(a, 0.9) / np.quantile(a, 0.1):.2f}" if len(a) else "-"


# ------------------------------------------------------------------------------------------------ A
def probe(ow: int, k: int, cin: int, cout: int) -> dict:
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, 1, ow, cin)), cin, 1)  # a cheap op first: the measured conv must not read the graph input
    x = b.conv(x, cout, (1, k), (1, 1), padding="SAME")
    gr = b.finish([b.conv(x, 16, 1)])
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    out = {"ow": ow, "k": k, "cin": cin, "cout": cout}
    for p in PLATS:
        v = run_vela(buf, p)
        out[p] = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[1])
    return out


def run_probes() -> list[dict]:
    items = [(ow, k, c, c) for k in KS for c in CS for ow in OWS]
    items += [(ow, 9, ci, co) for ci, co in MIXED for ow in MIXED_OWS]
    return [probe(*it) for it in items]


def ratios(r: dict, p: str) -> dict:
    return {n: r[p] / float(fn(r["ow"], r["k"], r["cin"], r["cout"], p)) for n, fn in BOUNDS}


def section_a(pr: list[dict]) -> dict:
    kap = {}
    print("\n## A. Synthetic one-row probes (Vela 5.2, the measured conv's own cycles)\n")
    print(f"{len(pr)} probes: OW in {OWS}, k in {KS}, C_in = C_out in {CS}; and k = 9 with C_in -> C_out in "
          f"{', '.join(f'{a}->{b}' for a, b in MIXED)} at OW in {MIXED_OWS}. b8 / b16 = OW k pad8|16(C_in) pad8|16(C_out)"
          " / P; bV = Vela's MAC-array count (docstring of `bv`; x2 for odd OW on the U65); W/beta = (k C_in C_out + "
          "10 C_out) / beta, beta = 1.0 / 3.75 B per cycle.\n")
    print("### A1. Vela / bound by NPU, parity and OW: median [min-max] over the probes at that OW\n")
    for p in PLATS:
        print(f"#### {p.upper()}\n")
        print("| OW | parity | n | " + " | ".join(n for n, _ in BOUNDS) + " |")
        print("|---:|---|---:|" + "---|" * len(BOUNDS))
        for ow in OWS:
            rs = [ratios(r, p) for r in pr if r["ow"] == ow]
            cells = []
            for n, _ in BOUNDS:
                a = np.asarray([x[n] for x in rs])
                cells.append(f"{np.median(a):.2f} [{a.min():.2f}-{a.max():.2f}]")
            print(f"| {ow} | {'odd' if ow % 2 else 'even'} | {len(rs)} | " + " | ".join(cells) + " |")
        print()
    print("### A2. Tightness: Vela / bound over probes with OW >= limit, 10 / 50 / 90 % and the 90/10 spread\n")
    print("| NPU | OW >= (or range) | n | " + " | ".join(f"{n} q / spread" for n, _ in BOUNDS) + " |")
    print("|---|---:|---:|" + "---|" * len(BOUNDS))
    for p in PLATS:
        for lim in (13, 25, 49, 64, 97, 199):
            rs = [ratios(r, p) for r in pr if r["ow"] >= lim]
            cells = []
            for n, _ in BOUNDS:
                a = [x[n] for x in rs]
                cells.append(f"{q3(a)} / {spread(a)}")
            print(f"| {p.upper()} | {lim} | {len(rs)} | " + " | ".join(cells) + " |")
        for lo, hi, cmin in ((13, W1_MAX_OW, 8), (13, W1_MAX_OW, W1_MIN_CIN), (13, W1_MAX_OW, 32)):
            rs = [ratios(r, p) for r in pr if lo <= r["ow"] < hi and r["cin"] >= cmin]
            cells = [f"{q3([x[n] for x in rs])} / {spread([x[n] for x in rs])}" for n, _ in BOUNDS]
            print(f"| {p.upper()} | < {hi}, C_in >= {cmin} | {len(rs)} | " + " | ".join(cells) + " |")
    print("\n### A3. Parity on the U65 (probes with the same k, C_in, C_out): Vela(odd OW) / Vela(next even OW)\n")
    print("| OW pair | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % |")
    print("|---|---:|---|---|")
    for o in OWS[::2]:
        pairs = [(a, b) for a in pr for b in pr if a["ow"] == o and b["ow"] == o + 1
                 and (a["k"], a["cin"], a["cout"]) == (b["k"], b["cin"], b["cout"])]
        print(f"| {o} / {o + 1} | {len(pairs)} | {q3([a['u55'] / b['u55'] for a, b in pairs])} | "
              f"{q3([a['u65'] / b['u65'] for a, b in pairs])} |")
    print("\n### A4. W1's constant from the probes: median Vela / max(bV, W/beta) over probes with OW < "
          f"{W1_MAX_OW} (the domain) and C_in >= {W1_MIN_CIN}, by parity and C_in\n")
    print("| NPU | subset | n | 10 / 50 / 90 % | spread |")
    print("|---|---|---:|---|---:|")
    for p in PLATS:
        dom = [r for r in pr if r["ow"] < W1_MAX_OW and r["cin"] >= W1_MIN_CIN]
        subsets = [("all", dom), ("OW odd", [r for r in dom if r["ow"] % 2]),
                   ("OW even", [r for r in dom if r["ow"] % 2 == 0])]
        subsets += [(f"C_in {c}", [r for r in dom if r["cin"] == c]) for c in sorted({r["cin"] for r in dom})]
        for name, rs in subsets:
            a = [ratios(r, p)["max(bV, W/beta)"] for r in rs]
            print(f"| {p.upper()} | {name} | {len(a)} | {q3(a)} | {spread(a)} |")
        kap[p] = float(np.median([ratios(r, p)["max(bV, W/beta)"] for r in dom]))
    print(f"\nW1's kappa (probe medians, all of the domain): U55 {kap['u55']:.4f}, U65 {kap['u65']:.4f}.")
    return kap


def section_a_full(pr: list[dict]) -> None:
    print("\n## A5. Every probe: Vela cycles and Vela / bound (U55 | U65)\n")
    print("| OW | k | C_in -> C_out | part-kernel | U55 cyc | b8 | b16 | bV | W1 unit | U65 cyc | b8 | b16 | bV | "
          "W1 unit |")
    print("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in pr:
        cells = []
        for p in PLATS:
            x = ratios(r, p)
            cells.append(f"{r[p]:.0f} | " + " | ".join(f"{x[n]:.2f}" for n, _ in BOUNDS))
        print(f"| {r['ow']} | {r['k']} | {r['cin']} -> {r['cout']} | "
              f"{'yes' if part_kernel(r['cin'], r['k']) else 'no'} | " + " | ".join(cells) + " |")


# ------------------------------------------------------------------------------------------------ B
def section_b(cfg, train, kap: dict) -> None:
    fam = collections.defaultdict(list)
    ndom = 0
    domr = collections.defaultdict(list)
    for rec in train:
        n, g = int(rec["n_ops"]), lx.geo(rec)
        ops = rec["ops"][:n]
        m, d = row_family(g, ops), w1_domain(g, ops)
        if not m.any():
            continue
        cyc = {p: np.asarray(rec[f"{p}_op_cycles"], np.float64)[:n] for p in PLATS}
        bd = {(p, nm): rec_bounds(g, p, fn) for p in PLATS for nm, fn in BOUNDS}
        for v in np.flatnonzero(m):
            ow = int(g["ow"][v])
            key = ("odd" if ow % 2 else "even", "< 64" if ow < 64 else ">= 64",
                   "C_in 8-15" if g["cin"][v] < 16 else "C_in >= 16")
            fam[key].append({(p, nm): cyc[p][v] / bd[(p, nm)][v] for p in PLATS for nm, _ in BOUNDS})
            if d[v]:
                ndom += 1
                domr["odd" if ow % 2 else "even"].append(
                    {p: cyc[p][v] / (kap[p] * bd[(p, "max(bV, W/beta)")][v]) for p in PLATS})
                domr["all"].append(domr["odd" if ow % 2 else "even"][-1])
    print(f"\n## B. mix22's training split ({len(train)} graphs, split seed {cfg.split_seed}, {cfg.split_kind})\n")
    print("One-row 1 x k (k > 1) stride-1 undilated CONV_2Ds with C_in >= 8 (the characterised family), Vela / bound, "
          "10 / 50 / 90 %:\n")
    print("| parity | OW | C_in | n | NPU | b8 | b16 | bV | max(bV, W/beta) |")
    print("|---|---|---|---:|---|---|---|---|---|")
    for key in sorted(fam):
        rs = fam[key]
        for p in PLATS:
            print(f"| {key[0]} | {key[1]} | {key[2]} | {len(rs)} | {p.upper()} | "
                  + " | ".join(f"{q3([x[(p, nm)] for x in rs])}" for nm, _ in BOUNDS) + " |")
    print(f"\nW1's domain in training: **{ndom}** convs. Vela / W1 (kappa from section A), 10 / 50 / 90 %:\n")
    print("| subset | n | U55 | U65 | U55 median Vela / unit | U65 median Vela / unit |")
    print("|---|---:|---|---|---:|---:|")
    for k in ("all", "even", "odd"):
        rs = domr[k]
        if not rs:
            print(f"| {k} | 0 | - | - | - | - |")
            continue
        print(f"| {k} | {len(rs)} | {q3([x['u55'] for x in rs])} | {q3([x['u65'] for x in rs])} | "
              f"{np.median([x['u55'] for x in rs]) * kap['u55']:.4f} | "
              f"{np.median([x['u65'] for x in rs]) * kap['u65']:.4f} |")


# ------------------------------------------------------------------------------------------------ C
def section_c(kap: dict) -> None:
    preds = lx.s38.predictors("T216UVZ1R")
    print("\n## C. W1 in-process on per-op sums (information only; these models are read, not a test)\n")
    print("Per-op predictions: score_s38.py `predictors(\"T216UVZ1R\")`, geometric mean of the three seeds per op; "
          "W1's ops replaced by kappa x max(bV, W/beta). pts = (pred - Vela) / Vela's label x 100.\n")
    print("| model | NPU | ops in W1 | their Vela / forest / W1 cycles | W1 ops' pts, forest -> W1 | "
          "per-op sum error %, T216UVZ1R -> +W1 |")
    print("|---|---|---:|---|---|---|")
    detail = []
    for folder, name in TC:
        lab = json.load(open(os.path.join("runs", folder, "labels.json")))[name + ".tflite"]
        rec = record_of(os.path.join("runs", folder, "models", name + ".tflite"))
        g, n = lx.geo(rec), int(rec["n_ops"])
        ops = rec["ops"][:n]
        m, fam = w1_domain(g, ops), row_family(g, ops)
        for p in PLATS:
            khz = lx.KHZ[p]
            vela = np.asarray(lab[p + "_op_ms"], np.float64) * khz
            L = lab[lx.TG[p]] * khz
            ens = lx.per_op(preds, rec, p)
            rule = kap[p] * rec_bounds(g, p, w1_unit)
            new = np.where(m, rule, ens)
            print(f"| {name} | {p.upper()} | {m.sum()} | {vela[m].sum():.0f} / {ens[m].sum():.0f} / "
                  f"{rule[m].sum():.0f} | {(ens[m].sum() - vela[m].sum()) / L * 100:+.1f} -> "
                  f"{(rule[m].sum() - vela[m].sum()) / L * 100:+.1f} | {(ens.sum() / L - 1) * 100:+.1f} -> "
                  f"{(new.sum() / L - 1) * 100:+.1f} |")
            for v in np.flatnonzero(fam):
                detail.append((name, p, v, g, vela[v], ens[v], rule[v], bool(m[v])))
    print("\nThe family's ops in these models (stride-1 one-row 1 x k, C_in >= 8), with or without W1's OW limit:\n")
    print("| model | NPU | op | OFM | k | C_in -> C_out | in W1 | Vela | forest / Vela | W1 / Vela |")
    print("|---|---|---:|---|---:|---|---|---:|---:|---:|")
    for name, p, v, g, ve, en, ru, ind in detail:
        print(f"| {name} | {p.upper()} | {v} | 1x{int(g['ow'][v])} | {int(g['kw'][v])} | {int(g['cin'][v])} -> "
              f"{int(g['cout'][v])} | {'yes' if ind else 'no'} | {ve:.0f} | {en / ve:.3f} | {ru / ve:.3f} |")


# ------------------------------------------------------------------------------------------------ D
def section_d() -> None:
    print("\n## D. V33 models with an op in W1's domain (runs/heldoutV33X + runs/real_shared)\n")
    tot = {"all": 0, "full": 0}
    hit = {"all": [], "full": []}
    famhit = []
    for folder in ("heldoutV33X", "real_shared"):
        lab = json.load(open(os.path.join("runs", folder, "labels.json")))
        for fn in sorted(lab):
            rec = record_of(os.path.join("runs", folder, "models", fn))
            g, n = lx.geo(rec), int(rec["n_ops"])
            ops = rec["ops"][:n]
            m, fam = w1_domain(g, ops), row_family(g, ops)
            full = bool(lab[fn].get("npu_full"))
            tot["all"] += 1
            tot["full"] += full
            if m.any():
                hit["all"].append((fn[:-7], int(m.sum()), full))
                if full:
                    hit["full"].append(fn[:-7])
            if fam.any():
                famhit.append((fn[:-7], int(fam.sum()), int(m.sum())))
    print(f"The domain does not depend on the NPU, so the counts are the same for the U55 and the U65: "
          f"**{len(hit['full'])} of {tot['full']}** models Vela maps fully ({len(hit['all'])} of {tot['all']} in all) "
          "have at least one op in W1's domain.\n")
    print("| model | ops in W1 | Vela maps fully |")
    print("|---|---:|---|")
    for name, k, full in hit["all"]:
        print(f"| {name} | {k} | {'yes' if full else 'no'} |")
    print(f"\nModels with an op of the characterised family (any OW > 1): {len(famhit)}; of them, ops with OW >= "
          f"{W1_MAX_OW} or C_in < {W1_MIN_CIN} only (outside W1): "
          + (", ".join(f"{nm} ({k})" for nm, k, d in famhit if d == 0) or "none") + ".")


FINDING = """# Session 39 diag: Vela 5.2 on one-row 1 x k CONV_2Ds with C_in >= 8, and candidate W1 (issue 22)

**This diagnosis changes no number and adopts no rule.** Everything below is printed by `diag_row39.py` (this folder,
about 1 minute on CPU with Vela 5.2). W1's constants are read off synthetic probes only. mix22's training split is used
only to check them. The TC-ResNet models are read in section C for information only; they are not a test.

## Finding

1. **Neither padded-MAC bound gives a constant.** Over the 168 probes, Vela / b8 runs from 1.08 to 28.6 and Vela / b16
   from 0.52 to 13.7. The ratio falls roughly as 1 / OW and is still falling at OW 200. Even at OW >= 199, the 90/10
   spread is 2.20 (b8) / 1.92 (b16) on the U55 and 2.75 / 2.88 on the U65 (A2). b16 is the tighter of the two on the
   U55, b8 on the U65, but neither is usable. The brief's "kappa x b8|16 with an OW >= limit" has no OW limit in this
   grid where it becomes tight.
2. **Vela's source explains why (ethos-u-vela 5.2, `npu_performance._estimate_conv_cycles` and
   `architecture_allocator`).**
   - (a) At small OW the conv is bound by the weight stream, (k C_in C_out + 10 C_out) / beta with beta = 1.0 / 3.75 B
     per cycle (the repo's `WEIGHT_PORT_BYTES_PER_CYCLE`, from vela.ini). On the U55, Vela / max(bV, W/beta) is
     0.93-1.19 at every OW <= 50 for C_in >= 16 (A1).
   - (b) The MAC count depends on the kernel method Vela picks. Depth-first pads C_in to 32. Part-kernel-first pads
     the taps to 4 and C_in to 8 or 16; it is chosen for C_in <= 8 and whenever it uses the MAC array better (e.g.
     36 channels, or 16 channels at k = 3 or 9).
   - (c) **Parity, U65 only.** The U65-256 micro-block is 2x2x8. For OH = 1 and kernel height 1, Vela uses a 4x1
     micro-block only when OW is even ("Optimisation only applies for even width tensors"). At odd OW, half of each
     2x2 micro-block is empty, so compute costs 2x. The U55-128 micro-block (2x1x8) has no such case.
   - The probes match this. U65 Vela(odd) / Vela(OW + 1) rises with OW: median 1.00 at 13/14, 1.23 at 25/26, 1.68 at
     49/50 and 97/98, 1.93 at 199/200, because the weight stream hides the 2x at small OW. On the U55 the ratio is
     1.000 at every pair (A3).
3. **Where it is irregular: the crossover, not small OW.**
   - With bV = Vela's MAC count (x2 for odd OW on the U65) and the unit price max(bV, W/beta), the probes are tight
     at OW < 64 with C_in >= 16:
     - U55: 10/50/90 % = 0.940 / 1.127 / 1.155, spread 1.23; every C_in from 16 to 64 has a spread <= 1.03 (A4).
     - U65: 0.999 / 1.349 / 2.144, spread 2.15. C_in >= 32 alone gives 0.967 / 1.217 / 1.561.
   - At OW 97-200, where the MAC and weight terms are of similar size, Vela charges more than either term: U55 up to
     2.6x, U65 up to 6.3x for C_in 8. Per-block floors (`max(32, 4 n_ublk_xy)` cycles per kernel step) and the OFM
     block Vela's search picks are probably why; I did not model them. C_in = 8 (part-kernel, few MACs per output)
     is irregular at every OW on the U65 (1.9-4.4x at OW <= 50).
   - Hence W1's domain is limited to OW < 64 and C_in >= 16, the opposite of an OW >= limit.
4. **Training split (mix22, 2849 graphs, seed 0).**
   - The characterised family (stride-1 one-row 1 x k, k > 1, C_in >= 8) has 288 convs.
   - W1's domain has **77**: 58 even-OW, 19 odd-OW.
   - Vela / (kappa x unit), 10/50/90 %: **U55 0.839 / 0.962 / 1.021**, **U65 0.704 / 0.972 / 1.828**. The training
     medians of Vela / unit, 1.084 (U55) and 1.311 (U65), sit within 4 % / 3 % of the probe kappas. Odd and even agree
     (U65 medians 1.311 / 1.314), so the x2 parity term in bV carries the parity effect.
   - With b16 instead, the same training convs have U65 medians of 2.33 (even) and 3.16 (odd), with 90 % quantiles of
     6.2. That is why a forest trained on b16-like features cannot price them.
5. **Effect in-process, per-op sums of T216UVZ1R's seed ensemble (section C, information only)**, U55 / U65:
   - tc_resnet14_1.5_98x40 (LX, fresh): -12.2 -> **-2.7** / -28.5 -> **-0.4**; its 9 W1 ops go from -7.4 / -20.2 to
     +2.0 / +7.9 points.
   - tc_resnet14_98x40: -12.0 -> **+2.0** / -20.8 -> **-0.6**; 9 ops.
   - tc_resnet8_1.5_98x40: -11.9 -> **-7.7** / -27.2 -> **-10.3**; only 3 ops are in W1. Its other odd-width row convs
     are stride 2 (1x9 / 1x2), outside this brief's stride-1 domain.
   - Per op: the U55 W1 ops sit at 0.98-1.04x Vela, except the 32-channel OW-25 convs at 1.18x. On the U65 the 36-
     and 48-channel convs at OW 25-49 sit at 1.00-1.03x. The OW-13 convs (48 / 72 channels) and the 32-channel OW-25
     ones are over-priced, at 1.23-1.29x.
   - The U65 24 -> 24 convs of tc_resnet14 (OW 49) are still under-priced, at 0.65-0.75x (the forest had 0.42-0.48x).
     That matches the probes' C_in 24 scatter (A4: 1.19 / 1.84 / 2.32).
6. **V33 exposure (section D).** The domain does not depend on the NPU, so the U55 and U65 counts are the same: **7 of
   the 284** models Vela maps fully (10 of 294 in all) have an op in W1's domain:
   - ecg_cnn_187 (6 ops), samplecnn_59049 (3), tc_resnet14_98x40 (9), tc_resnet8_1.5_98x40 (3), utime_4096 (3),
     wav2letter_raw_16000 (8), wave_unet_16384 (7);
   - not fully mapped: deepsleepnet_cnn_3000, melgan_gen_32x80, tinysleepnet_cnn_3000.
   - These 7 models were not scored with W1 here. A V33 check would have to run the real scorer.
7. **Uncertain.**
   - bV re-implements Vela's kernel-method choice and padding by reading the source. It omits the per-block floors,
     the OFM block choice and the output / bias cycles, so it is an approximation.
   - W_enc ignores Vela's weight compression. Random int8 probe weights barely compress; real weights may compress
     better, which would make W1 over-price weight-bound convs.
   - The U65 kappa is a median over a wide spread (2.15). The probes have no stride 2, no dilation, no fused
     activation other than none, and none of the 1 < OH cases.
   - Where OW >= 64 or C_in < 16, the family stays with the forests; this diag proposes nothing there.

## Candidate W1 (one change, not applied anywhere)

- **Domain:** CONV_2D with OH = 1, 2 <= OW < 64, kernel 1 x k with k >= 2, stride 1 x 1, dilation 1, C_in >= 16 (any
  C_out). Both NPUs.
- **Price:** `kappa_p x max(bV_p, W_enc / beta_p)` cycles.
  - W_enc = k C_in C_out + 10 C_out (rule Q's weight bytes).
  - beta = `WEIGHT_PORT_BYTES_PER_CYCLE` = 1.0 / 3.75 B per cycle, the existing vela.ini constant; not fitted.
  - bV = OW x taps x cin x pad8(C_out) x f / P, with P = 128 / 256. Depth-first: taps = k, cin = pad32(C_in).
    Part-kernel-first: taps = pad4(k), cin = pad16(C_in) above 16, else pad8(C_in). Part-kernel-first is used when
    C_in <= 8 or C_in k / (pad8(C_in) pad4(k)) > C_in / pad32(C_in), as in Vela 5.2's `_choose_kernel_method`.
    f = 2 for odd OW on the U65, else 1.
- **Constants:** one fitted constant per NPU, **kappa = 1.1269 (U55) / 1.3491 (U65)**. Each is the median of Vela /
  max(bV, W/beta) over the 88 synthetic probes in the domain (A4). The training split gives 1.084 / 1.311 for the same
  median (section B); that is a check, not the source.
- These models are now read, so any gain on them is not a test. W1 would need its own pre-registration and fresh
  families.

"""


def main() -> None:
    print(FINDING)
    print("# diag_row39 tables\n")
    print("Cycles = ms x clock for labels (U55 500 MHz, U65 1 GHz); P = 128 (U55) / 256 (U65) MACs per cycle.")
    pr = run_probes()
    kap = section_a(pr)
    cfg, train = lx.load_train()
    section_b(cfg, train, kap)
    section_c(kap)
    section_d()
    section_a_full(pr)


if __name__ == "__main__":
    main()
