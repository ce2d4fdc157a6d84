"""Session 38, helper diag (issue 22; session 37 outcome 10): why adopting rules V + Z (T216U -> T216UVZ) moved Abdoli's
ESC CNN (``abdoli_esc_16000``) and SoundNet-8 (``soundnet8_220500``) of runs/heldoutV31X farther from Vela 5.2 on the
Ethos-U65, per operator (diag_vz38.md). Nothing here changes a number of the study or adopts a rule; the candidate of
section E is applied only inside this process (a patched ``baselines.z_conv_bound``), never in src/.

A. per operator and NPU: Vela's per-op cycles (labels.json ``{u55,u65}_op_ms`` x clock), the forests' per-op cycles
   under T216U and T216UVZ (score_s37.py ``predictors``; seed ensemble = geometric mean of the three seeds per
   operator; per-seed values where rules V / Z do not replace the forest differ by a few %), the rule's own value.
B. sums: Vela's total label against the sum of its per-op cycles; per-op sums and J25 (seed ensembles, as score_s36).
C. Vela 5.2 on synthetic single convs (no validation or fresh model read): Vela / padded-MAC bound per NPU by OFM
   geometry (one-row maps of odd / even width, one-column maps, 2-D maps).
D. mix22's training split (the study's split, zfit_s37.py's loading): Vela / bound in rule Z's domain by the same
   geometry, per NPU; and all one-row CONV_2Ds by OW parity.
E. one candidate (Z1), its constant from section C's probes only, and its effect on the two models.
Markdown on stdout. Deterministic. About 3 minutes on CPU.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_vz38.py > tables.md
(section C: Vela 5.2 on the PATH, as the labels were made)
"""
from __future__ import annotations

import collections
import importlib.util
import json
import os

import numpy as np

from jaxeff.gnn import baselines
from jaxeff.gnn.baselines import split_pool_cycles, z_conv_bound
from jaxeff.gnn.bounds import _COL, PEAK
from jaxeff.gnn.realeval import record_of

HERE = os.path.dirname(os.path.abspath(__file__))
S37 = os.path.join(HERE, "..", "perfsage-cpu-2026-12-07-s37", "score_s37.py")
FOLDER = "heldoutV31X"
NAMES = ("abdoli_esc_16000", "soundnet8_220500")
PLATS = ("u55", "u65")
TG = {"u55": "u55_latency_ms", "u65": "u65_latency_ms"}
KHZ = {p: PEAK[p].clock_hz / 1e3 for p in PLATS}
SETS = ("T216U", "T216UVZ")


def _load(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


s37 = _load("score_s37", S37)
s36 = s37.s36


def pad(c, m: int):
    return np.ceil(np.maximum(c, 1) / m) * m


def geo(x: dict) -> dict:
    """OH, OW, C_out, C_in, Kh, Kw, Sh, Sw of one record, [n_ops] each."""
    n = int(x["n_ops"])
    a = np.asarray(x["x"][:n], np.float64)
    return {"oh": a[:, 1], "ow": a[:, 2], "cout": a[:, 3], "cin": a[:, _COL["c_in"]], "kh": a[:, _COL["kernel_h"]],
            "kw": a[:, _COL["kernel_w"]], "sh": a[:, _COL["stride_h"]], "sw": a[:, _COL["stride_w"]]}


def pmac_bound(g: dict, p: str) -> np.ndarray:
    """OH OW Kh Kw pad8(C_in) pad8(C_out) / P cycles (rule Z's bound, for any conv)."""
    return g["oh"] * g["ow"] * g["kh"] * g["kw"] * pad(g["cin"], 8) * pad(g["cout"], 8) / baselines.Z_MACS[p]


def shape_class(oh: float, ow: float) -> str:
    if oh == 1 and ow == 1:
        return "1x1"
    if oh == 1:
        return "one row, OW odd" if int(ow) % 2 else "one row, OW even"
    if ow == 1:
        return "one column"
    return "2-D"


def per_op(preds, rec: dict, p: str) -> np.ndarray:
    """[seeds, n_ops] per-op cycles of the forests."""
    return np.asarray([pp.node_base.per_op()[TG[p]](rec) for pp in preds], np.float64) * KHZ[p]


def q3(a) -> str:
    a = np.asarray(a, np.float64)
    return " / ".join(f"{t:.3f}" for t in np.quantile(a, [0.1, 0.5, 0.9])) if len(a) else "-"


# ------------------------------------------------------------------------------------------------ A, B
def sections_ab(recs: dict, labs: dict, preds: dict) -> dict:
    res = {}
    for name in NAMES:
        rec, lab = recs[name], labs[name]
        n, g = int(rec["n_ops"]), geo(rec)
        print(f"\n## {name}\n")
        for p in PLATS:
            vela = np.asarray(lab[p + "_op_ms"], np.float64) * KHZ[p]
            zm, zb = z_conv_bound(rec, p)
            vm, vc = split_pool_cycles(rec, p)
            per = {s: per_op(preds[s], rec, p) for s in SETS}
            ens = {s: np.exp(np.log(np.maximum(per[s], 1e-9)).mean(0)) for s in SETS}
            L = lab[TG[p]] * KHZ[p]
            res[(name, p)] = {"vela": vela, "ens": ens, "per": per, "L": L}
            print(f"### {name}, {p.upper()} (cycles; ens = seed-ensemble geometric mean per op; 'seeds' = the three "
                  f"seeds' T216U values; pts = (ens - Vela) / Vela's label x 100)\n")
            print("| op | type | OFM HxWxC | k / s | C_in | rule | Vela cyc | T216U ens (seeds) | T216U/Vela | pts "
                  "| T216UVZ ens | VZ/Vela | pts | pMAC bound | Vela/bound |")
            print("|---:|---|---|---|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
            for v in range(n):
                t = rec["ops"][v]
                rule = "Z" if zm[v] else "V" if vm[v] else ""
                conv = t == "CONV_2D"
                bd = pmac_bound({k: a[v] for k, a in g.items()}, p) if conv else 0.0
                a, b = ens["T216U"][v], ens["T216UVZ"][v]
                seeds = ", ".join(f"{c:.0f}" for c in per["T216U"][:, v])
                rt = lambda c: f"{c / vela[v]:.3f}" if vela[v] > 0 else "-"  # noqa: E731
                print(f"| {v} | {t} | {int(g['oh'][v])}x{int(g['ow'][v])}x{int(g['cout'][v])} | "
                      f"{int(g['kh'][v])}x{int(g['kw'][v])} / {int(g['sh'][v])}x{int(g['sw'][v])} | {int(g['cin'][v])} "
                      f"| {rule} | {vela[v]:.0f} | {a:.0f} ({seeds}) | {rt(a)} | {(a - vela[v]) / L * 100:+.1f} "
                      f"| {b:.0f} | {rt(b)} | {(b - vela[v]) / L * 100:+.1f} | {f'{bd:.0f}' if conv else '-'} "
                      f"| {f'{vela[v] / bd:.3f}' if conv else '-'} |")
            print(f"| **sum** | | | | | | **{vela.sum():.0f}** | **{ens['T216U'].sum():.0f}** | "
                  f"{ens['T216U'].sum() / vela.sum():.3f} | {(ens['T216U'].sum() / L - 1) * 100:+.1f} | "
                  f"**{ens['T216UVZ'].sum():.0f}** | {ens['T216UVZ'].sum() / vela.sum():.3f} | "
                  f"{(ens['T216UVZ'].sum() / L - 1) * 100:+.1f} | | |")
            print(f"\nVela's label {L:.0f} cycles ({lab[TG[p]]:.6f} ms); sum of Vela's per-op cycles {vela.sum():.0f} "
                  f"({(vela.sum() / L - 1) * 100:+.4f} %). Rule values: "
                  + "; ".join([f"Z op {v}: kappa {baselines.Z_KAPPA[p]} x bound {zb[v]:.0f} = "
                               f"{baselines.Z_KAPPA[p] * zb[v]:.0f} ({baselines.Z_KAPPA[p] * zb[v] / vela[v]:.3f} x Vela)"
                               for v in np.flatnonzero(zm)]
                              + [f"V op {v}: {vc[v]:.0f} ({vc[v] / vela[v]:.3f} x Vela)" for v in np.flatnonzero(vm)])
                  + ".\n")
    print("\n## B. Sums, seed ensembles (signed error against Vela's label, %)\n")
    print("per-op = geometric mean over seeds of each seed's per-op sum (score_s36 `per_op_ens`); J25 = the stacked "
          "prediction (`j25_ens`); per-seed per-op sums in brackets.\n")
    print("| model | NPU | set | per-op ens | per-op per seed | J25 ens |")
    print("|---|---|---|---:|---|---:|")
    for name in NAMES:
        for s in SETS:
            pr = s36.predict(preds[s], [recs[name]])
            for k, p in enumerate(PLATS):
                L = labs[name][TG[p]]
                po = pr["per_op"][:, 0, k]
                print(f"| {name} | {p.upper()} | {s} | {(pr['per_op_ens'][0, k] / L - 1) * 100:+.1f} | "
                      + ", ".join(f"{(c / L - 1) * 100:+.1f}" for c in po)
                      + f" | {(pr['j25_ens'][0, k] / L - 1) * 100:+.1f} |")
    return res


# ------------------------------------------------------------------------------------------------ C
def probe(h: int, w: int, cin: int, cout: int, kh: int, kw: int, sh: int, sw: int) -> dict:
    """One CONV_2D (VALID) on the graph input, then a 1x1 conv; Vela 5.2's cycles of the first per NPU."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, cin)), cout, (kh, kw), (sh, sw), padding="VALID")
    gr = b.finish([b.conv(x, 16, 1)])
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    g = {"oh": oh, "ow": ow, "cout": cout, "cin": cin, "kh": kh, "kw": kw}
    out = {"oh": oh, "ow": ow, "cin": cin, "cout": cout, "k": f"{kh}x{kw}", "s": f"{sh}x{sw}"}
    for p in PLATS:
        v = run_vela(buf, p)
        out[p] = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[0]) / float(pmac_bound(g, p))
    return out


def probe_grid() -> list[tuple]:
    items = []
    for cin in (1, 2, 4):
        for cout in (8, 16, 32, 64):
            for w, kw, sw in ((4096, 64, 1), (4095, 64, 1), (8192, 64, 2), (8190, 64, 2), (4096, 16, 2),
                              (4098, 16, 2)):
                items.append((1, w, cin, cout, 1, kw, 1, sw))  # one row: OW odd / even
            items.append((4096, 1, cin, cout, 64, 1, 2, 1))  # one column
            items.append((66, 66, cin, cout, 5, 5, 2, 2))  # 2-D
            items.append((3, 4096, cin, cout, 1, 64, 1, 2))  # three rows
    items += [(1, 4096, 16, 32, 1, 32, 1, 2), (1, 4099, 16, 32, 1, 32, 1, 2)]  # wider C_in, outside Z's domain
    return items


def section_c() -> float:
    print("\n## C. Vela 5.2 on synthetic single convs: Vela cycles / padded-MAC bound (P = 128 / 256)\n")
    rows = [probe(*it) for it in probe_grid()]
    grp = collections.defaultdict(list)
    for r in rows:
        cls = shape_class(r["oh"], r["ow"]) if r["oh"] != 3 else "three rows"
        if r["cin"] >= 8:
            cls += ", C_in 16"
        grp[cls].append(r)
    print("| OFM geometry | n | U55 Vela/bound 10 / 50 / 90 % | U65 Vela/bound 10 / 50 / 90 % | U65 min / max |")
    print("|---|---:|---|---|---|")
    for k in sorted(grp):
        v = grp[k]
        print(f"| {k} | {len(v)} | {q3([r['u55'] for r in v])} | {q3([r['u65'] for r in v])} | "
              f"{min(r['u65'] for r in v):.3f} / {max(r['u65'] for r in v):.3f} |")
    print("\nAll probes (C_in, C_out, kernel, stride, OH x OW: U55 / U65 ratio):\n")
    for r in rows:
        print(f"- C_in {r['cin']}, C_out {r['cout']}, k {r['k']}, s {r['s']}, OFM {r['oh']}x{r['ow']}: "
              f"{r['u55']:.3f} / {r['u65']:.3f}")
    print("\nLarge one-row maps (C_in 1 -> 16, 1x64 / 1x2; the last two at SoundNet-8's first-conv size, input "
          "width 220564 and 220566):\n")
    for w in (32768, 65536, 220564, 220566):
        r = probe(1, w, 1, 16, 1, 64, 1, 2)
        print(f"- OFM 1x{r['ow']} (OW {'odd' if r['ow'] % 2 else 'even'}): {r['u55']:.3f} / {r['u65']:.3f}")
    c1 = float(np.median([r["u65"] for r in grp["one row, OW odd"]]))
    return c1


# ------------------------------------------------------------------------------------------------ D
def section_d() -> None:
    from experiments import perfsage as ps

    cfg = ps.Config(**{k: v for k, v in json.load(open("runs/psage_rs35x46_s0/config.json")).items()
                       if k in ps.Config.__dataclass_fields__})
    recs, _ = ps.load_records(cfg.dataset, cfg)
    train, _, _ = ps.split(recs, cfg.split_seed, cfg.split_kind)
    zr, allrow = collections.defaultdict(list), collections.defaultdict(list)
    details = []
    for rec in train:
        n, g = int(rec["n_ops"]), geo(rec)
        cyc = {p: np.asarray(rec[f"{p}_op_cycles"], np.float64)[:n] for p in PLATS}
        zm, _ = z_conv_bound(rec, "u55")
        conv = np.asarray([t == "CONV_2D" for t in rec["ops"][:n]], bool)
        bd = {p: pmac_bound(g, p) for p in PLATS}
        for v in np.flatnonzero(conv):
            r = tuple(cyc[p][v] / bd[p][v] for p in PLATS)
            cls = shape_class(g["oh"][v], g["ow"][v])
            if zm[v]:
                zr[cls].append(r)
                if cls == "one row, OW odd":
                    details.append((int(g["cin"][v]), int(g["cout"][v]), int(g["kh"][v]), int(g["kw"][v]),
                                    int(g["sh"][v]), int(g["sw"][v]), int(g["ow"][v]), *r))
            if g["oh"][v] == 1 and g["ow"][v] > 1:
                allrow[cls].append(r)
    print(f"\n## D. mix22's training split ({len(train)} graphs, split seed {cfg.split_seed}, {cfg.split_kind}): "
          "Vela / padded-MAC bound\n")
    print("Rule Z's domain (C_in < 8, >= 16 taps, stride <= 3, >= 1000 output px) by OFM geometry; kappa = "
          f"{baselines.Z_KAPPA['u55']} / {baselines.Z_KAPPA['u65']} is the median over all of them.\n")
    print("| Z domain, OFM geometry | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % |")
    print("|---|---:|---|---|")
    for k in sorted(zr):
        a = np.asarray(zr[k])
        print(f"| {k} | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} |")
    a = np.asarray([r for v in zr.values() for r in v])
    print(f"| all | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} |")
    print("\nThe Z-domain one-row convs of odd width in training (C_in, C_out, kernel, stride, OW: U55 / U65 ratio): "
          + "; ".join(f"{d[0]} -> {d[1]}, {d[2]}x{d[3]} / {d[4]}x{d[5]}, OW {d[6]}: {d[7]:.3f} / {d[8]:.3f}"
                      for d in details) + ".\n")
    print("All training CONV_2Ds with a one-row OFM (OH = 1, OW > 1), any C_in / kernel / size:\n")
    print("| one-row CONV_2D | n | U55 10 / 50 / 90 % | U65 10 / 50 / 90 % | U65/U55 cycle ratio x 2, median |")
    print("|---|---:|---|---|---:|")
    for k in sorted(allrow):
        a = np.asarray(allrow[k])
        print(f"| {k} | {len(a)} | {q3(a[:, 0])} | {q3(a[:, 1])} | {np.median(a[:, 1] / a[:, 0]):.3f} |")


# ------------------------------------------------------------------------------------------------ E
def section_e(c1: float, recs: dict, labs: dict, res: dict) -> None:
    print("\n## E. Candidate Z1 (not applied anywhere but in this process)\n")
    print(f"Z1: on the U65 only, a conv of rule Z's domain whose OFM is one row of odd width (OH = 1, OW odd) costs "
          f"c1 x its padded-MAC bound in place of kappa x bound, c1 = {c1:.4f} = the median U65 Vela/bound over "
          "section C's one-row odd-width probes (synthetic only). U55 and every other conv: unchanged.\n")
    orig = baselines.z_conv_bound
    preds = {s: s37.predictors(s) for s in SETS}
    prs = {(name, s): s36.predict(preds[s], [recs[name]]) for name in NAMES for s in SETS}  # before the patch

    def z1(rec: dict, platform: str):
        m, bound = orig(rec, platform)
        if platform == "u65":
            g = geo(rec)
            odd = (g["oh"] == 1) & (np.mod(g["ow"], 2) == 1)
            bound = np.where(m & odd, bound * c1 / baselines.Z_KAPPA["u65"], bound)
        return m, bound

    baselines.z_conv_bound = z1
    try:
        print("| model | NPU | Z-domain op: Vela / VZ / Z1 cycles | per-op ens T216U / T216UVZ / Z1 | "
              "J25 ens T216U / T216UVZ / Z1 |")
        print("|---|---|---|---|---|")
        predz = s37.predictors("T216UVZ")  # built under the patch: T216UVZ with Z1
        for name in NAMES:
            rec, lab = recs[name], labs[name]
            pr = {s: prs[(name, s)] for s in SETS}
            prz = s36.predict(predz, [rec])
            zm, _ = orig(rec, "u65")
            for k, p in enumerate(PLATS):
                L = lab[TG[p]]
                r = res[(name, p)]
                zz = np.exp(np.log(np.maximum(per_op(predz, rec, p), 1e-9)).mean(0))
                ops = "; ".join(f"op {v}: {r['vela'][v]:.0f} / {r['ens']['T216UVZ'][v]:.0f} / {zz[v]:.0f}"
                                for v in np.flatnonzero(zm))
                e = lambda d, key: f"{(d[key][0, k] / L - 1) * 100:+.1f}"  # noqa: E731
                print(f"| {name} | {p.upper()} | {ops} | {e(pr['T216U'], 'per_op_ens')} / "
                      f"{e(pr['T216UVZ'], 'per_op_ens')} / {e(prz, 'per_op_ens')} | {e(pr['T216U'], 'j25_ens')} / "
                      f"{e(pr['T216UVZ'], 'j25_ens')} / {e(prz, 'j25_ens')} |")
    finally:
        baselines.z_conv_bound = orig


def main() -> None:
    recs = {n: record_of(os.path.join("runs", FOLDER, "models", n + ".tflite")) for n in NAMES}
    lab = json.load(open(os.path.join("runs", FOLDER, "labels.json")))
    labs = {n: lab[n + ".tflite"] for n in NAMES}
    preds = {s: s37.predictors(s) for s in SETS}
    print("# diag_vz38 tables\n")
    print("Predictors: score_s37.py `predictors(rules)` (three seeds, runs/psage_rs35x46_s0, psage_rs35x4647_s1, "
          "psage_rs35x46_s2). Cycles = ms x clock (U55 500 MHz, U65 1 GHz).")
    res = sections_ab(recs, labs, preds)
    c1 = section_c()
    section_d()
    section_e(c1, recs, labs, res)


if __name__ == "__main__":
    main()
