"""Session 43 (issue 22): Vela 5.2's cycles of (a) stride-1 CONV_2D with few input channels (C_in 1..16) and large
or tall / wide kernels, (b) stride-1 MAX_POOL_2D / AVERAGE_POOL_2D with large kernels (up to the whole axis), against
closed forms and against the recommended per-op forests (T216UVZ1RWK100+Q2O2P1, mean of the three saved seeds, as
docs/evidence/perfsage-cpu-2026-12-07-s42/score_s42.py builds them). Synthetic single-operator int8 probes only.

Probe: NetBuilder(rng 0): graph input (1, H, W, C_in) -> the measured op (conv: fused RELU, OHWI weights, random) ->
graph output; int8_graph(seed=0); written to a temp file, featurised with realeval.record_of. Per NPU (labels.run_vela:
U55 = ethos-u55-128 / Ethos_U55_High_End_Embedded at 500 MHz, U65 = ethos-u65-256 / Ethos_U65_High_End at 1 GHz,
Shared_Sram, as the labels): per_op_cycles of the op (as the labels), plus Vela's own performance database (captured by
wrapping ethosu.vela.stats_writer.write_regor_perlayer_performance_csv, read-only): mac_cycles, ao_cycles, cmd_cycles,
traversal, IFM / OFM block, est_ifm_read_cycles, est_weight_read_cycles, weight_transfer_cycles, MAC count.
Forest: per-op ms of the op, mean over the three predictors' node_base.per_op().

Probe sets (numpy default_rng(43) for all draws): CONV: the five musicnn convs (MUST), C_in sweeps of two of them
(SWEEP), and a seeded random subset of C_in {1,2,3,4,8,16} x kernel x C_out x map x padding (N_CONV);
POOL: the musicnn pools (MUST), whole-axis pools on 2-D and 1-high maps, 2-D large-kernel pools, MAX and AVG.
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
    python docs/evidence/perfsage-cpu-2026-12-08-s43/probe_c1_43.py [--cache /tmp/probe_c1_43.json]
writes probe_c1_43.md next to this file (about 45 s on 2 cores, one Vela at a time; --cache reuses / stores the raw probe rows)."""
from __future__ import annotations

import importlib.util
import itertools
import json
import os
import pathlib
import sys
import tempfile
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
PLATS = ("u55", "u65")
CLOCK = {"u55": 500e6, "u65": 1e9}
UBLK = {"u55": (1, 2), "u65": (2, 2)}  # OFM micro-block (height, width), 8 deep (Vela: Block(w, h, d))
TG = {"u55": "u55_latency_ms", "u65": "u65_latency_ms"}
N_CONV = 112
C = np.ceil

KERNELS = [(3, 3), (5, 5), (9, 9), (7, 38), (7, 67), (32, 1), (64, 1), (128, 1), (1, 32), (1, 7), (3, 15)]
COUTS = [16, 24, 32, 51, 64, 100, 128, 204, 256]
MAPS = [(187, 96), (193, 96), (96, 96), (64, 40), (190, 100), (120, 60)]
CINS = [1, 2, 3, 4, 8, 16]
# (C_in, H, W, kh, kw, C_out, padding): musicnn_mtt_187x96 nodes 1, 3, 5, 7, 9
CONV_MUST = [(1, 193, 96, 7, 38, 204, "VALID"), (1, 193, 96, 7, 67, 204, "VALID"), (1, 187, 96, 128, 1, 51, "SAME"),
             (1, 187, 96, 64, 1, 51, "SAME"), (1, 187, 96, 32, 1, 51, "SAME")]
CONV_SWEEP = [(ci, 193, 96, 7, 38, 204, "VALID") for ci in (2, 3, 4, 8, 16)] + \
             [(ci, 187, 96, 128, 1, 51, "SAME") for ci in (2, 3, 4, 8, 16)]
# (kind, H, W, C, kh, kw)
POOL_MUST = [("max", 187, 59, 204, 1, 59), ("max", 187, 30, 204, 1, 30), ("max", 187, 96, 51, 1, 96),
             ("max", 187, 1, 753, 187, 1)]


def conv_grid(rng: np.random.Generator) -> list[tuple]:
    full = []
    for ci, (kh, kw), co, (h, w), pad in itertools.product(CINS, KERNELS, COUTS, MAPS, ("SAME", "VALID")):
        if pad == "VALID" and (kh > h or kw > w):
            continue
        if pad == "SAME" and (kh > h or kw > w):
            continue
        full.append((ci, h, w, kh, kw, co, pad))
    pick = [full[i] for i in sorted(rng.choice(len(full), N_CONV, replace=False))]
    out = []
    for p in CONV_MUST + CONV_SWEEP + pick:
        if p not in out:
            out.append(p)
    return out


def pool_grid() -> list[tuple]:
    pts = list(POOL_MUST)
    # whole-axis 1 x W on 2-D maps, H x 1 (whole height), and partial axes
    for h, w, c in [(187, 59, 204), (187, 96, 51), (96, 64, 64), (187, 30, 16), (64, 128, 128), (120, 40, 256)]:
        pts += [("max", h, w, c, 1, w), ("max", h, w, c, h, 1), ("max", h, w, c, 1, max(2, w // 2))]
    # 1-high / 1-wide maps: kernel = the whole length
    for n, c in [(187, 753), (187, 64), (96, 256), (60, 768), (240, 128), (30, 16), (187, 561)]:
        pts += [("max", n, 1, c, n, 1), ("max", 1, n, c, 1, n)]
    # 2-D large kernels, stride 1 (incl. the whole map)
    for h, w, c, kh, kw in [(32, 32, 64, 8, 8), (32, 32, 64, 16, 16), (24, 24, 128, 24, 24), (16, 16, 256, 16, 16),
                            (48, 48, 32, 12, 12), (64, 64, 16, 9, 9), (20, 20, 512, 20, 20), (60, 60, 32, 30, 30),
                            (12, 12, 768, 12, 12), (40, 40, 64, 5, 5)]:
        pts.append(("max", h, w, c, kh, kw))
    # small-kernel reference points
    for h, w, c in [(187, 96, 51), (96, 96, 128), (1, 187, 256)]:
        pts += [("max", h, w, c, 1, 3), ("max", h, w, c, 3, 3) if h >= 3 else ("max", h, w, c, 1, 8)]
    # AVERAGE_POOL_2D on a subset (VALID)
    pts = list(dict.fromkeys(pts))
    avg = [("avg", *p[1:]) for p in pts][::2]
    return pts + avg


# -- one probe

_CAP: dict = {}


def _install_capture() -> None:
    import ethosu.vela.stats_writer as sw

    if getattr(sw, "_s43", False):
        return
    orig = sw.write_regor_perlayer_performance_csv

    def wrap(arch, db, rep, base):
        _CAP["t"] = {k: (list(t.header), [list(r) for r in t.data]) for k, t in db.tables.items()}
        return orig(arch, db, rep, base)

    sw.write_regor_perlayer_performance_csv = wrap
    sw._s43 = True


def _table(name: str) -> list[dict]:
    hd, rows = _CAP["t"].get(name, ([], []))
    return [dict(zip(hd, r)) for r in rows]


def _num(s) -> float:
    try:
        return float(s)
    except (TypeError, ValueError):
        return float("nan")


def vela_detail(buf: bytes, p: str, q, mi: int) -> dict:
    from jaxeff.gnn.labels import per_op_cycles, run_vela

    _CAP.clear()
    t0 = time.time()
    v = run_vela(buf, p)
    tv = time.time() - t0
    tot = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[mi])
    perf = [r for r in _table("perf") if _num(r["op_cycles"]) > 0]
    ids = {r["id"] for r in perf}
    main = [r for r in _table("perf_debug_main") if r["id"] in ids]
    dbg = [r for r in _table("perf_debug") if r["id"] in ids]
    s = lambda rows, k: float(np.nansum([_num(r[k]) for r in rows]))
    m0 = main[0] if main else {}
    return dict(tot=tot, n_rows=len(perf), op=sum(_num(r["op_cycles"]) for r in perf),
                macs=s(perf, "mac_count"), mac=s(main, "mac_cycles"), ao=s(main, "ao_cycles"),
                cmd=s(main, "cmd_cycles"), trav=m0.get("traversal", ""),
                ifm_blk=[int(_num(m0.get(f"ifm_block_{a}", 0))) for a in "hwc"],
                ofm_blk=[int(_num(m0.get(f"ofm_block_{a}", 0))) for a in "hwc"],
                ifm_rd=s(dbg, "est_ifm_read_cycles"), w_rd=s(dbg, "est_weight_read_cycles"),
                w_tr=s(dbg, "weight_transfer_cycles"), nobuf=s(dbg, "est_op_cycles_without_buffering"),
                t=tv, ops=sorted({r["operator"] for r in perf}))


_PREDS: list = []


def forest_ms(path: str, mi: int) -> dict:
    from jaxeff.gnn.realeval import record_of

    if not _PREDS:
        spec = importlib.util.spec_from_file_location(
            "s42", HERE.parent / "perfsage-cpu-2026-12-07-s42" / "score_s42.py")
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        _PREDS.extend(m.predictors("T216UVZ1RWK100+Q2O2P1"))
    rec = record_of(path)
    return {p: float(np.mean([pr.node_base.per_op()[TG[p]](rec) for pr in _PREDS], 0)[mi]) for p in PLATS}


def build(kind: str, pt: tuple) -> tuple[bytes, str]:
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.nets.sesr_npu import int8_graph

    b = NetBuilder(np.random.default_rng(0), "probe")
    if kind == "conv":
        ci, h, w, kh, kw, co, pad = pt
        x = b.input((1, h, w, ci))
        y = b.conv(x, co, (kh, kw), 1, act="RELU", padding=pad)
        want = "CONV_2D"
    else:
        k, h, w, c, kh, kw = pt
        x = b.input((1, h, w, c))
        y = b.pool(x, k, (kh, kw), 1, padding="VALID")
        want = "MAX_POOL_2D" if k == "max" else "AVERAGE_POOL_2D"
    return int8_graph(b.finish([y]), seed=0), want


def probe(kind: str, pt: tuple) -> dict:
    from jaxeff.tflite import read_main

    buf, want = build(kind, pt)
    q = read_main(buf)
    mi = [i for i, op in enumerate(q.ops) if op.type == want]
    assert len(mi) == 1, [op.type for op in q.ops]
    mi = mi[0]
    oshape = list(q.tensors[q.ops[mi].outputs[0]].shape)
    res = dict(kind=kind, pt=list(pt), oshape=oshape, n_ops=len(q.ops))
    for p in PLATS:
        res[p] = vela_detail(buf, p, q, mi)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.tflite")
        pathlib.Path(path).write_bytes(buf)
        res["forest_ms"] = forest_ms(path, mi)
    return res


# -- closed forms

def sub_steps(kh: int, kw: int, div: int) -> int:
    """Vela's 8x8 sub-kernel split: sum over sub-kernels of ceil(taps / div) (div 4: part-kernel 8-bit steps)."""
    hs = [min(8, kh - i) for i in range(0, kh, 8)]
    ws = [min(8, kw - i) for i in range(0, kw, 8)]
    return int(sum(-(-(a * b) // div) for a in hs for b in ws))


def pool_taps(kh: int, kw: int) -> int:
    """Pooling: sum over 8x8 sub-kernels of max(4, taps)."""
    hs = [min(8, kh - i) for i in range(0, kh, 8)]
    ws = [min(8, kw - i) for i in range(0, kw, 8)]
    return int(sum(max(4, a * b) for a in hs for b in ws))


def n_sub(kh: int, kw: int) -> int:
    return int(C(kh / 8) * C(kw / 8))


def uxy(p: str, oh: int, ow: int) -> float:
    uh, uw = UBLK[p]
    return float(C(oh / uh) * C(ow / uw))


def conv_units(r: dict, p: str, trav: str | None = None) -> float:
    """4 Uxy ceil(C_out/8) T: T = part-kernel first: sum_sub ceil(taps/4) ceil(C_in/8); depth first: taps ceil(C_in/32)."""
    ci, h, w, kh, kw, co, pad = r["pt"]
    _, oh, ow, _ = r["oshape"]
    trav = trav or r[p]["trav"]
    if trav == "PartKernel":
        t = sub_steps(kh, kw, 4) * C(ci / 8)
    else:
        t = kh * kw * C(ci / 32)
    return 4.0 * uxy(p, oh, ow) * C(co / 8) * t


def pool_units(r: dict, p: str) -> float:
    """4 Uxy ceil(C/8) sum_sub max(4, taps)."""
    _, h, w, c, kh, kw = r["pt"]
    _, oh, ow, _ = r["oshape"]
    return 4.0 * uxy(p, oh, ow) * C(c / 8) * pool_taps(kh, kw)


# -- reporting helpers

def qtl(r) -> str:
    a = np.abs(np.asarray(r, float))
    if not len(a):
        return "-"
    return f"{np.median(a) * 100:.2f} / {np.quantile(a, 0.9) * 100:.2f} / {a.max() * 100:.2f}"


def rq(r) -> str:
    r = np.asarray(r, float)
    if not len(r):
        return "-"
    return " / ".join(f"{np.quantile(r, u):.3f}" for u in (0.0, 0.1, 0.5, 0.9, 1.0))


def lsq(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares on relative error."""
    return np.linalg.lstsq(a / y[:, None], np.ones_like(y), rcond=None)[0]


def col(rows, f):
    return np.array([f(r) for r in rows], float)


def run_all(cache: str | None) -> tuple[list, list, float]:
    if cache and os.path.exists(cache):
        d = json.load(open(cache))
        return d["rows"], d["fails"], d["t"]
    _install_capture()
    t0 = time.time()
    rows, fails = [], []
    pts = [("conv", p) for p in conv_grid(np.random.default_rng(43))] + [("pool", p) for p in pool_grid()]
    for kind, pt in pts:
        try:
            rows.append(probe(kind, pt))
        except Exception as e:  # noqa: BLE001 - a probe Vela / the builder rejects is reported, not fatal
            fails.append([kind, list(pt), f"{type(e).__name__}: {str(e)[-300:]}"])
    t = time.time() - t0
    if cache:
        json.dump(dict(rows=rows, fails=fails, t=t), open(cache, "w"))
    return rows, fails, t


def main(argv: list[str]) -> None:
    cache = argv[argv.index("--cache") + 1] if "--cache" in argv else None
    rows, fails, t_run = run_all(cache)
    out: list[str] = []
    pr = out.append
    conv = [r for r in rows if r["kind"] == "conv"]
    pool = [r for r in rows if r["kind"] == "pool"]
    report(pr, conv, pool, fails, t_run)
    (HERE / "probe_c1_43.md").write_text("\n".join(out) + "\n")
    print("\n".join(out))


def vms(r, p):
    return r[p]["tot"] / CLOCK[p] * 1e3


def macs_ideal(r: dict, p: str) -> float:
    """MACs at full MAC-array rate with C_in rounded up to 8 (U55 128, U65 256 MAC/cycle)."""
    v = r[p]
    ci = r["pt"][0]
    return v["macs"] * (8 * C(ci / 8) / ci) / (128 if p == "u55" else 256)


def kname(r: dict) -> str:
    return f"{r['pt'][3]}x{r['pt'][4]}" if r["kind"] == "conv" else f"{r['pt'][4]}x{r['pt'][5]}"


def fit_block(pr, rows, units, label):
    """tot = a U + b per NPU (relative least squares); returns dict p -> (a, b, resid)."""
    out = {}
    for p in PLATS:
        u = col(rows, lambda r: units(r, p))
        y = col(rows, lambda r: r[p]["tot"])
        cf = lsq(np.stack([u, np.ones_like(u)], 1), y)
        res = (cf[0] * u + cf[1]) / y - 1
        raw = u / y - 1
        mac = col(rows, lambda r: r[p]["mac"]) / u - 1
        out[p] = (cf, res, raw)
        pr(f"- {p}: Vela mac_cycles / U: {rq(mac + 1)}; per-op cycles / U: {rq(1 / (raw + 1))}; "
           f"|U / Vela - 1| (no fitted constant) median / 90 % / max {qtl(raw)} %; fit Vela = {cf[0]:.4f} U + "
           f"{cf[1]:.0f}: |resid| {qtl(res)} %")
    return out


def report(pr, conv, pool, fails, t_run):  # noqa: C901 - one linear report
    pr("# Probe c1_43: Vela 5.2 cycles of few-input-channel large-kernel CONV_2D and large-kernel pools, "
       "closed forms, and the recommended per-op forests (synthetic probes)\n")
    pr("Script: `probe_c1_43.py` (docstring: probes). Reproduce (repo root): `export JAXEFF_DATA=/work/shared/data "
       "PYTHONPATH=src:.; . .venv/bin/activate; python docs/evidence/perfsage-cpu-2026-12-08-s43/probe_c1_43.py` "
       f"(writes this file). {len(conv)} conv + {len(pool)} pool probes compiled, {len(fails)} failed; probe wall time "
       f"{t_run:.0f} s (Vela {sum(r[p]['t'] for r in conv + pool for p in PLATS):.0f} s). Vela 5.2.0 (regor core): "
       "U55 = ethos-u55-128 / Ethos_U55_High_End_Embedded (500 MHz), U65 = ethos-u65-256 / Ethos_U65_High_End (1 GHz), "
       "Shared_Sram (labels.run_vela). `Vela` = per_op_cycles of the op (as the labels); `mac`, `ao`, traversal and "
       "blocks are read from Vela's own performance database (perf_debug_main). Forest = per-op ms of the op, mean "
       "of the three T216UVZ1RWK100+Q2O2P1 predictors (score_s42.predictors), F/V = forest ms / Vela ms.\n")
    for f in fails:
        pr(f"- failed {f}")
    # ---------------- conv
    pr("## 1. CONV_2D, stride 1, C_in 1..16\n")
    trav = sorted({r[p]["trav"] for r in conv for p in PLATS})
    pr(f"Traversal Vela chose: {trav} on all {len(conv)} probes x 2 NPUs. "
       f"C_in range {sorted({r['pt'][0] for r in conv})}, kernels {sorted({kname(r) for r in conv})}, "
       f"C_out {sorted({r['pt'][5] for r in conv})}, OFM up to {max(r['oshape'][1] for r in conv)} x "
       f"{max(r['oshape'][2] for r in conv)}.\n")
    pr("Closed form (Vela's part-kernel-first traversal): **U = 4 * Uxy * ceil(C_out/8) * S * ceil(C_in/8)**, "
       "Uxy = OH * ceil(OW/2) on the U55-128 (OFM micro-block 2 wide x 1 high x 8 deep), ceil(OH/2) * ceil(OW/2) "
       "on the U65-256 (2 x 2 x 8); S = sum over Vela's 8x8 sub-kernels of ceil(taps_sub / 4) (= ceil(KhKw/4) when "
       "both sides are <= 8 or the kernel is 8-aligned; 7x38 -> 67, 7x67 -> 118, 128x1 -> 32, 9x9 -> 22). "
       "4 cycles per micro-block per 4 taps per 8 input channels.\n")
    cf_conv = fit_block(pr, conv, conv_units, "conv")
    for p in PLATS:
        ao = col(conv, lambda r: r[p]["ao"]) / col(conv, lambda r: r["oshape"][1] * r["oshape"][2] * r["pt"][5])
        pr(f"- {p}: Vela's output-stage (ao) cycles per OFM element {rq(ao)}; ao / mac {rq(col(conv, lambda r: r[p]['ao'] / r[p]['mac']))} "
           "(ao never exceeded mac here; it ties at S ceil(C_in/8) = 2, e.g. 1x7 with C_in <= 8)")
    for p in PLATS:
        _, res, raw = cf_conv[p]
        big = np.abs(raw) > 0.02
        if big.any():
            pr(f"- {p}: probes with |U / Vela - 1| > 2 %: " + "; ".join(
                f"{tuple(r['pt'])} OFM {r['oshape'][1]}x{r['oshape'][2]}: {x:+.3f}"
                for r, x in zip(conv, raw) if abs(x) > 0.02))
    pr("")
    pr("### Forest / Vela by group (C_in, kernel); `ideal` = MACs * 8ceil(C_in/8)/C_in / (128 | 256)\n")
    pr("| C_in | kernel | n | U55 F/V median (min-max) | U65 F/V median (min-max) | U55 Vela/ideal | U55 F/ideal | "
       "U65 Vela/ideal | U65 F/ideal |")
    pr("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    groups = sorted({(r["pt"][0], r["pt"][3], r["pt"][4]) for r in conv})
    for ci, kh, kw in groups:
        sub = [r for r in conv if (r["pt"][0], r["pt"][3], r["pt"][4]) == (ci, kh, kw)]
        cells = []
        for p in PLATS:
            fv = col(sub, lambda r: r["forest_ms"][p] / vms(r, p))
            cells.append(f"{np.median(fv):.3f} ({fv.min():.3f}-{fv.max():.3f})")
        for p in PLATS:
            idl = col(sub, lambda r: macs_ideal(r, p))
            cells += [f"{np.median(col(sub, lambda r: r[p]['tot']) / idl):.3f}",
                      f"{np.median(col(sub, lambda r: r['forest_ms'][p] * CLOCK[p] / 1e3) / idl):.3f}"]
        pr(f"| {ci} | {kh}x{kw} | {len(sub)} | " + " | ".join(cells) + " |")
    pr("")
    for lab, sel in (("C_in <= 4, kernel taps >= 32", lambda r: r["pt"][0] <= 4 and r["pt"][3] * r["pt"][4] >= 32),
                     ("C_in <= 4, 3x3 / 5x5 / 1x7", lambda r: r["pt"][0] <= 4 and r["pt"][3] * r["pt"][4] < 32),
                     ("C_in 8", lambda r: r["pt"][0] == 8), ("C_in 16", lambda r: r["pt"][0] == 16)):
        sub = [r for r in conv if sel(r)]
        pr(f"- {lab} ({len(sub)}): F/V U55 {rq(col(sub, lambda r: r['forest_ms']['u55'] / vms(r, 'u55')))}; "
           f"U65 {rq(col(sub, lambda r: r['forest_ms']['u65'] / vms(r, 'u65')))}; forest / U (cycles) U55 "
           f"{rq(col(sub, lambda r: r['forest_ms']['u55'] * CLOCK['u55'] / 1e3 / conv_units(r, 'u55')))}")
    pr("")
    # ---------------- pool
    pr("## 2. MAX_POOL_2D / AVERAGE_POOL_2D, stride 1, VALID, large kernels\n")
    pr("Closed form: **U = 4 * Uxy * ceil(C/8) * P**, Uxy as for the conv, P = sum over 8x8 sub-kernels of "
       "max(4, taps_sub) (= Kh Kw rounded up per sub-kernel; 1x59 -> 60, 187x1 -> 188, 1x3 -> 4). Same for MAX and "
       "AVG. On a 1-high OFM the U65's 2x2 micro-block wastes half, so a whole-height pool costs the same cycles on "
       "both NPUs (twice the U65's time share).\n")
    cf_pool = fit_block(pr, pool, pool_units, "pool")
    for p in PLATS:
        _, res, raw = cf_pool[p]
        big = np.abs(res) > 0.05
        pr(f"- {p}: probes with |fit resid| > 5 %: " + ("; ".join(
            f"{r['pt'][0]} {tuple(r['pt'][1:])} ({r[p]['tot']:.0f} cyc): {x:+.3f}"
            for r, x in zip(pool, res) if abs(x) > 0.05) or "none"))
    pr("")
    pr("### Pool forest / Vela by group\n")
    pr("| group | n | U55 F/V median (min-max) | U65 F/V median (min-max) |")
    pr("|---|---:|---:|---:|")

    def pgroup(r):
        k, h, w, c, kh, kw = r["pt"]
        oh, ow = r["oshape"][1:3]
        if (h == 1 or w == 1) and oh * ow == 1:
            g = "1-D map, kernel = whole length"
        elif oh * ow == 1:
            g = "2-D map, kernel = whole map"
        elif (kh == h and kw == 1) or (kw == w and kh == 1):
            g = "2-D map, kernel = one whole axis (1xW / Hx1)"
        elif kh * kw >= 16:
            g = "partial large kernel (>= 16 taps)"
        else:
            g = "small kernel (< 16 taps)"
        return f"{k}: {g}"
    for g in sorted({pgroup(r) for r in pool}):
        sub = [r for r in pool if pgroup(r) == g]
        cells = []
        for p in PLATS:
            fv = col(sub, lambda r: r["forest_ms"][p] / vms(r, p))
            cells.append(f"{np.median(fv):.3f} ({fv.min():.3f}-{fv.max():.3f})")
        pr(f"| {g} | {len(sub)} | " + " | ".join(cells) + " |")
    pr("")
    # ---------------- musicnn points
    pr("## 3. The musicnn_mtt_187x96 operators (probes that replicate them)\n")
    pr("| op | U55 Vela cyc | U55 U | U55 F/V | U65 Vela cyc | U65 U | U65 F/V |")
    pr("|---|---:|---:|---:|---:|---:|---:|")
    must = [r for r in conv if tuple(r["pt"]) in CONV_MUST] + [r for r in pool if tuple(r["pt"]) in POOL_MUST]
    for r in must:
        un = conv_units if r["kind"] == "conv" else pool_units
        cells = []
        for p in PLATS:
            cells += [f"{r[p]['tot']:.0f}", f"{un(r, p):.0f}", f"{r['forest_ms'][p] / vms(r, p):.3f}"]
        pr(f"| {r['kind']} {tuple(r['pt'])} | " + " | ".join(cells) + " |")
    pr("")
    # ---------------- findings
    pr("## 4. Findings (numbers from the tables above)\n")
    c55, c65 = cf_conv["u55"], cf_conv["u65"]
    p55, p65 = cf_pool["u55"], cf_pool["u65"]
    pr(f"- CONV_2D, stride 1, C_in 1-16, every probe part-kernel first and compute-bound (Vela's per-op cycles = its "
       f"mac_cycles within a few %): Vela = U with |U / Vela - 1| median / 90 % / max {qtl(c55[2])} % (U55), "
       f"{qtl(c65[2])} % (U65); with a fitted constant {c55[0][0]:.4f} U + {c55[0][1]:.0f} (U55) / "
       f"{c65[0][0]:.4f} U + {c65[0][1]:.0f} (U65): {qtl(c55[1])} % / {qtl(c65[1])} %. The largest misses are "
       "small outputs (OFM a few pixels wide, e.g. 58x3, 1x40), where per-block overhead adds up to ~15 %.")
    pr(f"- Pools (MAX and AVG alike): Vela = U with |U / Vela - 1| {qtl(p55[2])} % (U55), {qtl(p65[2])} % (U65); "
       f"fit {p55[0][0]:.4f} U + {p55[0][1]:.0f} / {p65[0][0]:.4f} U + {p65[0][1]:.0f}: {qtl(p55[1])} % / "
       f"{qtl(p65[1])} %; the misses are the small ones (1x1 OFM with <= 256 channels, 7-60 k cycles), where Vela "
       "adds ~1.5-4 k cycles over U (output stage / per-block overhead; it grows with the number of 8-tap "
       "sub-kernels and was not modelled here).")
    big = [r for r in conv if r["pt"][0] <= 4 and r["pt"][3] * r["pt"][4] >= 32]
    sm = [r for r in conv if r["pt"][0] <= 4 and r["pt"][3] * r["pt"][4] < 32 and r["pt"][3] * r["pt"][4] != 7]
    fu = {p: col(big, lambda r: r["forest_ms"][p] * CLOCK[p] / 1e3 / conv_units(r, p)) for p in PLATS}
    fs = {p: col(sm, lambda r: r["forest_ms"][p] * CLOCK[p] / 1e3 / conv_units(r, p)) for p in PLATS}
    pr(f"- Where the ~1.1x comes from: on the {len(big)} probes with C_in <= 4 and >= 32 kernel taps the forest's "
       f"cycles are a near-constant multiple of U: forest / U U55 {rq(fu['u55'])}, U65 {rq(fu['u65'])} (min / 10 % / "
       f"median / 90 % / max), while Vela / U is ~1.00. The forest does track the C_out rounding to 8 and the "
       f"4-tap rounding of small kernels (3x3, 5x5, 3x15, C_in <= 4: forest / U U55 {rq(fs['u55'])}), so the excess "
       "is a flat ~12 % on large / tall / wide kernels, independent of map size and C_out: the forest has no "
       "feature for the (absent) tap-rounding waste of a many-tap kernel and prices it like a mid-size kernel "
       "(e.g. a 5x5 pays 28/25 = 1.12 over the ideal MAC rate). At C_in 8 / 16 and at 1x7 kernels the forest is "
       "off in both directions (F/V 0.45-1.8), so it does not capture ceil(C_in/8) x S there either.")
    pr("- Forest on pools (section 2 table): whole-axis / whole-map MAX pools (the musicnn kind) are over-priced "
       "(median F/V 1.8-4.5 on the U55, 1.1-2.3 on the U65), while partial-axis and 2-D large-kernel stride-1 pools "
       "(which cost taps x OFM pixels) are under-priced down to 0.01-0.3x: the forest's price does not scale with "
       "kernel taps x OFM size (its errors follow neither IFM nor OFM size alone). Vela's cost per OFM element is "
       "about taps / 4 cycles per 8 channels x micro-block, so a 1x59 pool over 187x59x204 costs as much as "
       "reading the IFM ~4 times.")
    pr("")
    pr("## 5. Proposal\n")
    pr("Price by rule, in place of the forest, (i) every CONV_2D with stride 1, dilation 1, int8, C_in <= 16 and "
       "S ceil(C_in/8) >= 2 (probed: C_in 1-16, kernels 3x3 .. 7x67 / 128x1 / 1x32, C_out 16-256, OFM up to "
       "193x96) at cycles = 4 Uxy ceil(C_out/8) S ceil(C_in/8) (+ a few hundred cycles), Uxy = OH ceil(OW/2) on "
       "U55-128 and ceil(OH/2) ceil(OW/2) on U65-256, S = sum over 8x8 sub-kernels of ceil(taps/4); ms = cycles / "
       "500 MHz (U55) or / 1 GHz (U65); (ii) every MAX_POOL_2D / AVERAGE_POOL_2D with stride 1, VALID, int8 at "
       "cycles = 4 Uxy ceil(C/8) sum_sub max(4, taps) (+ ~1-2 k cycles constant for tiny outputs). Both are Vela's "
       "own compute terms (mac_cycles) and were within a few % of the per-op label on every probe here; a first "
       "version could restrict (i) to C_in <= 4 and taps >= 32 (where the forest is consistently 1.1x high) and "
       "(ii) to kernel = a whole axis, and widen after a held-out check.")
    pr("")
    pr("## 6. Uncertain\n")
    pr("- Only single-op graphs with the graph input as IFM (in SRAM, Shared_Sram); in a real network the op's "
       "per-op label can also carry weight-DMA or IFM-fetch time when memory binds (weights read 'w/tot' stayed "
       "below 1 here, but large C_in x C_out x taps at C_in 8-16 came close: 0.99 of the op time on the U55).")
    pr("- Only stride 1, dilation 1, int8, batch 1; part-kernel traversal was chosen on every probe (C_in <= 16); "
       "depth-first (C_in > 16, small kernels) not probed; S ceil(C_in/8) = 1 (1x1 .. 2x2 kernels at C_in <= 8) "
       "not probed: there the output stage (ao, 0.5 cycle per OFM element on U55, 0.25 on U65 here) probably binds.")
    pr("- Pools: SAME padding, strides > 1 and int16 not probed; Vela's constraints on very large pool kernels "
       "(> 256 taps high) not tested.")
    pr("- The forest-side explanation (an averaged small-kernel overhead) is inferred from forest / U being flat "
       "(~1.12) across large kernels, not from the trees' splits.")
    pr("")
    pr("## 7. All probes\n")
    pr("| kind | point | OFM | U55 Vela | U55 U | U55 mac | U55 ao | U55 ofm blk | U55 F/V | U65 Vela | U65 U | U65 mac | "
       "U65 ao | U65 ofm blk | U65 F/V |")
    pr("|---|---|---|" + "---:|" * 12)
    for r in conv + pool:
        un = conv_units if r["kind"] == "conv" else pool_units
        cells = []
        for p in PLATS:
            v = r[p]
            cells += [f"{v['tot']:.0f}", f"{un(r, p):.0f}", f"{v['mac']:.0f}", f"{v['ao']:.0f}",
                      "x".join(map(str, v["ofm_blk"])), f"{r['forest_ms'][p] / vms(r, p):.3f}"]
        pr(f"| {r['kind']} | {tuple(r['pt'])} | {r['oshape'][1]}x{r['oshape'][2]}x{r['oshape'][3]} | "
           + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
