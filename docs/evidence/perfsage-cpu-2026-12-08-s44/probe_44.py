"""Session 44 (issue 22, PREREGISTERED.md section 2): Vela 5.2's cycles of (a) activations after producers it may or may
not fuse them into, and (b) MAX_POOL_2D / AVERAGE_POOL_2D with ONE output pixel (kernel = the whole map, VALID), against
closed forms and against the recommended per-op forests (T216UVZ1RWK100+Q2O2P1+PL2a, mean of the three saved seeds, as
docs/evidence/perfsage-cpu-2026-12-08-s43/score_s43.py builds them). Synthetic int8 probes only; no registered model.

Machinery from probe_c1_43.py (imported): NetBuilder(rng 0) -> int8_graph(seed=0); labels.run_vela per NPU (U55 =
ethos-u55-128 at 500 MHz, U65 = ethos-u65-256 at 1 GHz, Shared_Sram); per_op_cycles of every TFLite op (as the labels);
Vela's own performance database (captured read-only around ethosu.vela.stats_writer): the rows Vela reports (operator,
name, op_cycles) and perf_debug_main (mac_cycles, ao_cycles, cmd_cycles, traversal, OFM block). Forest = per-op ms of
each op, mean over the three predictors' node_base.per_op() (rules of the reading included).

(a) ACT: graph input(s) (1, H, W, C) -> producer -> activation, H x W x C in MAPS, producers PRODUCERS, activations
ACTS (RELU_EQ / RELU6_EQ: output quantized as the input), and every producer alone (activation "-"); context "out" (the
pair's output is the graph output) and "mid" (it feeds a 2 x 2 / 2 MAX_POOL_2D, as inside a network). (b) POOL: MAX /
AVG, kernel = the whole H x W map, VALID, stride 1: H x W in POOL_MAPS x C in POOL_CS, N_RAND seeded random (kind, H,
W, C) (numpy default_rng(44)) and LIMIT probes (large kernels: what Vela refuses), context "out"; and POOL_MAPS x C
{16, 50} with the IFM made by an ABS (context "mid").
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set, runs/ present for the predictors):
    python docs/evidence/perfsage-cpu-2026-12-08-s44/probe_44.py [--cache /tmp/probe_44.json]
writes probe_44.md next to this file (one Vela at a time; ~30 s to load the predictors, ~4 GB)."""
from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import sys
import tempfile
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
EVID = HERE.parent


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


p43 = _load("probe_c1_43", EVID / "perfsage-cpu-2026-12-08-s43" / "probe_c1_43.py")
PLATS, CLOCK, TG, qtl, rq, col = p43.PLATS, p43.CLOCK, p43.TG, p43.qtl, p43.rq, p43.col
READING = "T216UVZ1RWK100+Q2O2P1+PL2a"

MAPS = [(256, 256, 8), (128, 128, 16), (64, 64, 32), (32, 32, 64), (1, 1000, 16), (56, 56, 24)]
PRODUCERS = ["input", "ABS", "NEG", "CONV_ABS", "CONV1x1", "ADD", "CONCAT", "RESHAPE", "MEAN_H", "MEAN_HW",
             "CONV_SHARED"]
ACTS = ["TANH", "LOGISTIC", "HARD_SWISH", "LEAKY_RELU", "RELU", "RELU6", "RELU_EQ", "RELU6_EQ"]
CLASS = {"TANH": "LUT", "LOGISTIC": "LUT", "HARD_SWISH": "LUT", "LEAKY_RELU": "LUT", "RELU": "RELU",
         "RELU6": "RELU", "RELU_EQ": "RELU_EQ", "RELU6_EQ": "RELU_EQ"}
CTXS = ("out", "mid")
POOL_MAPS = [(26, 26), (8, 8), (16, 16), (13, 13), (7, 7), (32, 32), (56, 56), (1, 78), (1, 300), (1, 64), (4, 100),
             (9, 9)]
POOL_CS = [16, 50, 64, 128, 256]
N_RAND = 40
LIMIT = [(1, 1024, 16), (1, 4096, 16), (64, 64, 16), (128, 128, 16), (256, 256, 8), (200, 200, 8), (17, 17, 16),
         (1, 257, 16), (256, 1, 16), (257, 1, 16), (300, 1, 16), (256, 2, 16), (1, 65536, 8), (1, 65537, 8),
         (2, 32769, 8), (256, 257, 8)]


# -- probes

def act_points() -> list[tuple]:
    """("act", ctx, producer, activation, H, W, C); activation "-": the producer alone."""
    pts = []
    for ctx in CTXS:
        for h, w, c in MAPS:
            for pr in PRODUCERS:
                if ctx == "mid" and pr == "MEAN_HW":
                    continue  # a 1 x 1 map: no pool can follow
                for a in ACTS + ["-"]:
                    if a == "-" and pr in ("input", "RESHAPE", "CONV_SHARED"):
                        continue  # nothing to run / CONV_SHARED alone is CONV1x1 (+ MUL)
                    pts.append(("act", ctx, pr, a, h, w, c))
    return pts


def pool_points() -> list[tuple]:
    """("pool", ctx, kind, H, W, C): kernel = the whole H x W map, VALID; ctx "mid": IFM made by an ABS."""
    pts = [(k, h, w, c) for k in ("max", "avg") for (h, w) in POOL_MAPS for c in POOL_CS]
    rng = np.random.default_rng(44)
    while len(pts) < len(POOL_MAPS) * len(POOL_CS) * 2 + N_RAND:
        h = int(rng.choice([1, int(rng.integers(2, 65))]))
        w = int(rng.integers(2, 161))
        c = int(rng.choice([8, 24, 32, 40, 96, 100, 160, 192, 320, 512, int(rng.integers(1, 300))]))
        p = (str(rng.choice(["max", "avg"])), h, w, c)
        if p not in pts:
            pts.append(p)
    pts += [(k, h, w, c) for k in ("max", "avg") for (h, w, c) in LIMIT]
    mid = [(k, h, w, c) for k in ("max", "avg") for (h, w) in POOL_MAPS for c in (16, 50)]
    return [("pool", "out", *p) for p in pts] + [("pool", "mid", *p) for p in mid]


def build(pt: tuple) -> tuple[bytes, dict]:
    """The int8 TFLite of a probe and the indices of its ops: "m" the measured op (activation or pool), "p" the
    producer (None: graph input; for "-" the producer alone is "p" and "m" is None)."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import calibrate
    from jaxeff.nets.sesr_npu import int8_graph

    b = NetBuilder(np.random.default_rng(0), "probe")
    if pt[0] == "pool":
        _, ctx, k, h, w, c = pt
        x = b.input((1, h, w, c))
        if ctx == "mid":
            x = b.act(x, "ABS")
        g = b.finish([b.pool(x, k, (h, w), 1, padding="VALID")])
        return int8_graph(g, seed=0), dict(m=len(g.ops) - 1, p=0 if ctx == "mid" else None)
    _, ctx, pr, a, h, w, c = pt
    shp = (1, h, w, c)
    if pr == "input":
        x = b.input(shp)
    elif pr in ("ABS", "NEG"):
        x = b.act(b.input(shp), pr)
    elif pr == "CONV_ABS":
        x = b.act(b.conv(b.input(shp), c, (1, 1), 1, act="NONE"), "ABS")
    elif pr in ("CONV1x1", "CONV_SHARED"):
        x = b.conv(b.input(shp), c, (1, 1), 1, act="NONE")
    elif pr == "ADD":
        x = b.add(b.input(shp), b.input(shp))
    elif pr == "CONCAT":
        x = b.concat([b.input((1, h, w, c // 2)), b.input((1, h, w, c - c // 2))])
    elif pr == "RESHAPE":
        x = b.reshape(b.input((1, h * w * c)), shp)
    elif pr == "MEAN_H":
        x = b.mean(b.input(shp), (1,))
    elif pr == "MEAN_HW":
        x = b.mean(b.input(shp), (1, 2))
    else:
        raise ValueError(pr)
    pi = None if pr == "input" else len(b.ops) - 1
    y = x
    ai = None
    if a != "-":
        kind = a.removesuffix("_EQ")
        y = b.leaky_relu(x, 0.1) if kind == "LEAKY_RELU" else b.act(x, kind)
        ai = len(b.ops) - 1
    if pr == "CONV_SHARED":
        y = b.mul(x, y)  # the conv's output has two consumers: the activation and the MUL (swish-like)
    if ctx == "mid":  # the pair's output feeds another NPU op (a 2 x 2 / 2 max pool), as inside a network
        _, oh, ow, _ = b.shape(y)
        y = b.pool(y, "max", (min(2, oh), min(2, ow)), (min(2, oh), min(2, ow)), padding="VALID")
    g = b.finish([y])
    rng = calibrate(g, seed=0)
    if a.endswith("_EQ"):  # the activation's output quantized as its input (Vela's fusing condition for RELUs)
        rng[g.ops[ai].outputs[0]] = rng[g.ops[ai].inputs[0]]
    return int8_graph(g, seed=0, ranges=rng), dict(m=ai, p=pi)


def vela_rows(buf: bytes, p: str, q) -> dict:
    from jaxeff.gnn.labels import per_op_cycles, run_vela

    p43._CAP.clear()
    t0 = time.time()
    v = run_vela(buf, p)
    tv = time.time() - t0
    lab = per_op_cycles(q, v.per_layer, list(v.original_ops)).tolist()
    perf = p43._table("perf")
    main = {r["id"]: r for r in p43._table("perf_debug_main")}
    rows = []
    for r in perf:
        m = main.get(r["id"], {})
        blk = lambda s: [int(np.nan_to_num(p43._num(m.get(f"{s}_block_{a}", 0)))) for a in "hwc"]  # noqa: E731
        rows.append(dict(op=r["operator"], name=r["name"], cyc=p43._num(r["op_cycles"]),
                         mac=p43._num(m.get("mac_cycles")), ao=p43._num(m.get("ao_cycles")),
                         cmd=p43._num(m.get("cmd_cycles")), trav=m.get("traversal", ""), ofm_blk=blk("ofm"),
                         ifm_blk=blk("ifm")))
    return dict(lab=lab, rows=rows, cpu_ops=int(v.cpu_ops), orig=list(v.original_ops), t=tv,
                total=float(v.cycles))


def run_all(cache: str | None) -> tuple[list, list, float, float]:
    if cache and os.path.exists(cache):
        d = json.load(open(cache))
        return d["rows"], d["fails"], d["t"], d["tf"]
    from jaxeff.gnn.realeval import record_of
    from jaxeff.tflite import read_main

    p43._install_capture()
    t0 = time.time()
    rows, fails, bufs = [], [], []
    for pt in act_points() + pool_points():
        try:
            buf, ix = build(pt)
            q = read_main(buf)
            res = dict(pt=list(pt), ix=ix, ops=[op.type for op in q.ops],
                       oshapes=[list(q.tensors[op.outputs[0]].shape) for op in q.ops])
            if pt[0] == "act" and ix["m"] is not None:  # the activation's input / output quantization
                ti, to = (q.tensors[q.ops[ix["m"]].inputs[0]], q.tensors[q.ops[ix["m"]].outputs[0]])
                res["q"] = [float(ti.scale[0]), int(ti.zero_point[0]), float(to.scale[0]), int(to.zero_point[0])]
            for p in PLATS:
                res[p] = vela_rows(buf, p, q)
        except Exception as e:  # noqa: BLE001 - a probe the builder / Vela rejects is reported, not fatal
            fails.append([list(pt), f"{type(e).__name__}: {str(e)[-300:]}"])
            continue
        rows.append(res)
        bufs.append(buf)
    t = time.time() - t0
    t1 = time.time()
    preds = _load("score_s43", EVID / "perfsage-cpu-2026-12-08-s43" / "score_s43.py").predictors(READING)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.tflite")
        for res, buf in zip(rows, bufs):
            pathlib.Path(path).write_bytes(buf)
            rec = record_of(path)
            res["forest_ms"] = {p: np.mean([pr.node_base.per_op()[TG[p]](rec) for pr in preds], 0).tolist()
                                for p in PLATS}
    tf = time.time() - t1
    if cache:
        json.dump(dict(rows=rows, fails=fails, t=t, tf=tf), open(cache, "w"))
    return rows, fails, t, tf


def main(argv: list[str]) -> None:
    cache = argv[argv.index("--cache") + 1] if "--cache" in argv else None
    rows, fails, t_run, t_f = run_all(cache)
    out: list[str] = []
    report(out.append, rows, fails, t_run, t_f)
    (HERE / "probe_44.md").write_text("\n".join(out) + "\n")
    print("\n".join(out))


# -- closed forms and report

#: Vela's output-stage (ao) cycles per written element of a producer alone (probed here; CONV_2D: 1x1, ao-bound)
A_OUT = {"ABS": {"u55": 0.5, "u65": 0.25}, "NEG": {"u55": 1.5, "u65": 0.75}, "ADD": {"u55": 1.5, "u65": 0.75},
         "CONV_2D": {"u55": 0.5, "u65": 0.25}}
ELTWISE = ("ABS", "NEG", "ADD")
ACT_ROWS = ("LUT", "Relu", "Relu6")
BW = {"u55": 8, "u65": 16}  # SRAM bytes per cycle (fits the pools' first-IFM-block term)
DCAP = {"u55": 5376, "u65": 11200}  # IFM block bytes Vela's pool block choice stays within (fitted to its blocks)
C_ = np.ceil


def lab(r, p, i):
    return 0.0 if i is None else float(r[p]["lab"][i])


def pair(r, p):
    return lab(r, p, r["ix"]["p"]) + lab(r, p, r["ix"]["m"])


def hwc(r):
    return r["pt"][-3:]


def elems(r):
    h, w, c = hwc(r)
    return float(h * w * c)


def e_w(r, brick: bool):
    """Elements an element-wise op writes: depth padded to 16 when its output is an intermediate (NHCWB16)."""
    h, w, c = hwc(r)
    return float(h * w * (16 * C_(c / 16) if brick else c))


def fused(r, p):
    return r["ix"]["m"] is not None and not any(x["op"] in ACT_ROWS and x["cyc"] > 0 for x in r[p]["rows"])


def charged(r, p):
    a, b = lab(r, p, r["ix"]["p"]) > 0, lab(r, p, r["ix"]["m"]) > 0
    return {(True, False): "producer", (False, True): "activation", (True, True): "both"}.get((a, b), "none")


def vela_ops(r, p):
    rows = [x for x in r[p]["rows"] if x["cyc"] > 0]
    if r["pt"][1] == "mid" and rows and rows[-1]["op"] == "MaxPool":
        rows = rows[:-1]  # the consumer
    out: dict[str, int] = {}
    for x in rows:
        out[x["op"]] = out.get(x["op"], 0) + 1
    return " + ".join(f"{k}{'x%d' % n if n > 1 else ''}" for k, n in out.items()) or "-"


def own_pass_cf(r, p):
    """An activation in its own NPU pass: 16 cycles per micro-block (U55 1 x 2, U65 2 x 2) per 8 channels."""
    _, h, w, c = r["oshapes"][r["ix"]["m"]]
    return 16.0 * p43.uxy(p, h, w) * C_(c / 8)


def pool_cf(r, p) -> dict:
    from jaxeff.gnn.baselines import _sub_kernels

    _, ctx, k, h, w, c = r["pt"]
    pp = float(_sub_kernels(np.array([h]), np.array([w]), lambda t: max(4, t))[0])
    pl = 4.0 * C_(c / 8) * pp  # PL's formula at one output pixel (Uxy = 1)
    hb = min(h, 8) if p == "u55" else min(2 * C_((h + 1) / 2), 10)
    wb = min(2 * C_((w + 1) / 2), 10)
    d = min(8 * C_(c / 8), 128, 8 * np.floor(DCAP[p] / (hb * wb) / 8))
    cf2 = pl + pp * d / 8
    return dict(P=pp, pl=pl, hb=hb, wb=wb, D=d, cf1=1.25 * pl, cf2=cf2, cf3=cf2 + 64 + hb * wb * d / BW[p])


def err(a):
    a = np.abs(np.asarray(a, float))
    if not len(a):
        return "-"
    return f"{np.median(a) * 100:.2f} / {np.quantile(a, 0.9) * 100:.2f} / {a.max() * 100:.2f}"


def fv(r, p, ops, v_cyc):
    f = sum(r["forest_ms"][p][i] for i in ops if i is not None)
    return f / (v_cyc / CLOCK[p] * 1e3) if v_cyc > 0 else float("nan")


def rng_s(x):
    x = np.asarray([v for v in x if np.isfinite(v)], float)
    return f"{np.median(x):.2f} ({x.min():.2f}-{x.max():.2f})" if len(x) else "-"


def report(pr, rows, fails, t_run, t_f):  # noqa: C901 - one linear report
    act = [r for r in rows if r["pt"][0] == "act"]
    pool = [r for r in rows if r["pt"][0] == "pool"]
    by = {tuple(r["pt"][1:]): r for r in act}
    pr("# Probe 44: Vela 5.2 cycles of activations after fusable and unfusable producers, and of one-output-pixel "
       "pools; closed forms and the recommended per-op forests (synthetic probes)\n")
    pr("Script: `probe_44.py` (docstring: probes; it imports session 43's `probe_c1_43.py` for Vela's performance "
       "database). Reproduce (repo root, `runs/` present): `export JAXEFF_DATA=/work/shared/data PYTHONPATH=src:.; "
       ". .venv/bin/activate; python docs/evidence/perfsage-cpu-2026-12-08-s44/probe_44.py` (writes this file). "
       f"{len(act)} activation / producer graphs and {len(pool)} pool graphs compiled, {len(fails)} failed; "
       f"build + Vela {t_run:.0f} s (Vela {sum(r[p]['t'] for r in rows for p in PLATS):.0f} s), predictors + "
       f"forest {t_f:.0f} s. Vela 5.2.0: U55 = ethos-u55-128 (500 MHz), U65 = ethos-u65-256 (1 GHz), Shared_Sram "
       "(labels.run_vela). Labels = `per_op_cycles` (as the training labels); `rows` = the operators Vela "
       "itself reports (perf database), with mac / ao / cmd cycles and blocks from perf_debug_main. Forest = "
       f"per-op ms of each op, mean of the three **{READING}** predictors' node_base.per_op() (score_s43.predictors; "
       "the rules of the reading included); F/V = forest ms / Vela ms.\n")
    for f in fails:
        pr(f"- failed {f}")
    pr("Terms: E = H W C (elements of the activation's map); E16 = H W 16 ceil(C/16); Uxy = OFM micro-blocks, "
       "H ceil(W/2) on U55-128, ceil(H/2) ceil(W/2) on U65-256. Context **out**: the pair's output is the graph "
       "output; **mid**: it feeds a 2 x 2 / 2 MAX_POOL_2D (1 x 2 on one-row maps), as inside a network (the pool's "
       "cycles are not counted). Activation classes: **LUT** = TANH, LOGISTIC, HARD_SWISH, LEAKY_RELU (alpha 0.1; "
       "Vela runs all four as a LUT; their labels were identical probe by probe: "
       f"{_same_class(act, ('TANH', 'LOGISTIC', 'HARD_SWISH', 'LEAKY_RELU'))}); **RELU** = RELU, RELU6 with the "
       "output quantized from its own calibrated range (int8_graph's default; "
       f"{_same_class(act, ('RELU', 'RELU6'))}); **RELU_EQ** = RELU / RELU6 whose output is quantized exactly as "
       f"its input ({_same_class(act, ('RELU_EQ', 'RELU6_EQ'))}). Producers: graph input; ABS; NEG (Vela runs it "
       "as `Sub`); CONV_ABS = CONV_2D 1x1 -> ABS (the ABS is the producer; Xu-Net's motif); CONV1x1 (C -> C, no "
       "fused activation; the control); ADD of two graph inputs; CONCATENATION of two C/2 inputs; RESHAPE of a flat "
       "input; MEAN_H = MEAN over H (keep dims; the activation runs on 1 x W x C); MEAN_HW = MEAN over H, W (1 x 1 "
       "x C); CONV_SHARED = CONV_2D 1x1 whose output feeds the activation and a MUL (swish-like). "
       "Every producer builds and converts to int8; NEG, LEAKY_RELU and HARD_SWISH are supported, nothing was "
       "skipped.\n")

    # ---------------- 1. fusion
    pr("## 1. Activations: which producer Vela fuses them into\n")
    pr("Per producer x class: `fused` = Vela reports the activation as its own row with 0 cycles (its work folded "
       "into the producer's pass); `own pass` = the activation has a row of its own with cycles. `label on` = the "
       "TFLite op `per_op_cycles` gives the pair's cycles to. Counts are over 6 maps x 2 contexts x 2 NPUs "
       "(x 2 or 4 activations per class) and were unanimous unless a count is shown. `in FUSABLE` = the producer's "
       "TFLite type is in baselines.FUSABLE_PRODUCERS.\n")
    pr("| producer | in FUSABLE | LUT | RELU (own quantization) | RELU_EQ | Vela rows (LUT pair, mid) | "
       "label on (LUT) |")
    pr("|---|---|---|---|---|---|---|")
    from jaxeff.gnn.baselines import FUSABLE_PRODUCERS

    fuse_tab = {}
    for prd in PRODUCERS:
        cells = []
        for cls in ("LUT", "RELU", "RELU_EQ"):
            sub = [r for r in act if r["pt"][2] == prd and r["pt"][3] != "-" and CLASS[r["pt"][3]] == cls]
            fl = [fused(r, p) for r in sub for p in PLATS]
            n = sum(fl)
            fuse_tab[(prd, cls)] = (n, len(fl))
            cells.append("fused" if n == len(fl) else "own pass" if n == 0 else f"fused {n}/{len(fl)}")
        lut = [r for r in act if r["pt"][2] == prd and r["pt"][3] == "TANH"]
        ch = sorted({charged(r, p) for r in lut for p in PLATS})
        ops = sorted({vela_ops(r, "u55") for r in lut if r["pt"][1] == "mid"}) or \
            sorted({vela_ops(r, "u55") for r in lut})
        typ = next((r["ops"][r["ix"]["p"]] for r in lut if r["ix"]["p"] is not None), "-")
        pr(f"| {prd} | {typ}: {'yes' if typ in FUSABLE_PRODUCERS else 'no'} | " + " | ".join(cells)
           + f" | {'; '.join(ops)} | {', '.join(ch)} |")
    pr("")
    fz = [r for r in act if r["pt"][3] != "-" and CLASS[r["pt"][3]] != "LUT" and r["pt"][2] in (
        "ABS", "NEG", "CONV_ABS", "CONV1x1", "ADD", "MEAN_H", "MEAN_HW")]
    eq = lambda r: r["q"][0] == r["q"][2] and r["q"][1] == r["q"][3]  # noqa: E731
    cnt = {(a, b): sum(1 for r in fz for p in PLATS if eq(r) == a and fused(r, p) == b)
           for a in (True, False) for b in (True, False)}
    pr(f"- RELU / RELU6 (both quantizations) after ABS, NEG, CONV_ABS, CONV1x1, ADD, MEAN_H, MEAN_HW "
       f"({len(fz)} graphs x 2 NPUs): input / output quantization equal and fused {cnt[(True, True)]}, equal and "
       f"own pass {cnt[(True, False)]}, different and fused {cnt[(False, True)]}, different and own pass "
       f"{cnt[(False, False)]}.")
    for prd in ("ABS", "CONV_ABS"):
        for a in ("RELU", "RELU6"):
            sub = [r for r in act if r["pt"][2] == prd and r["pt"][3] == a]
            pr(f"- {prd} -> {a} (own quantization): fused on {sum(fused(r, p) for r in sub for p in PLATS)} / "
               f"{2 * len(sub)}; quantization equal on {sum(eq(r) for r in sub)} / {len(sub)} graphs"
               + (" (RELU6's output range is cut at 6, the ABS output's is not when its max exceeds 6)"
                  if a == "RELU6" and prd == "CONV_ABS" else "") + ".")
    pr("")

    # ---------------- 2. cycles per element
    pr("## 2. Pair cycles per map element (Vela labels of producer + activation; map order "
       + ", ".join(f"{h}x{w}x{c}" for h, w, c in MAPS) + ")\n")
    pr("Cell: context mid, then (out) where it differs. `-` rows: the producer alone. MEAN rows are per element of "
       "the MEAN's input map (the activation runs on 1 x W x C or 1 x 1 x C).\n")
    for p in PLATS:
        pr(f"### {p.upper()}\n")
        pr("| producer | act | " + " | ".join(f"{h}x{w}x{c}" for h, w, c in MAPS) + " |")
        pr("|---|---|" + "---:|" * len(MAPS))
        for prd in PRODUCERS:
            for a in ("-", "TANH", "RELU", "RELU_EQ"):
                cells = []
                for h, w, c in MAPS:
                    vals = []
                    for ctx in ("mid", "out"):
                        r = by.get((ctx, prd, a, h, w, c))
                        vals.append(None if r is None else pair(r, p) / (h * w * c))
                    if vals[0] is None and vals[1] is None:
                        cells.append("")
                        continue
                    m, o = vals
                    cells.append(f"{o:.3f} (out)" if m is None else f"{m:.3f}" if o is None or abs(m - o) < 5e-4
                                 else f"{m:.3f} ({o:.3f})")
                if any(cells):
                    pr(f"| {prd} | {a if a == '-' else CLASS[a]} | " + " | ".join(cells) + " |")
        pr("")

    # ---------------- 3. closed forms
    pr("## 3. Closed forms for the pair (|form / Vela - 1| median / 90 % / max, %)\n")
    cf_rows = []

    def cf_line(label, sel, form, target):
        out = []
        for p in PLATS:
            sub = [r for r in act if sel(r, p)]
            e = [form(r, p) / target(r, p) - 1 for r in sub]
            out.append((len(sub), err(e)))
        cf_rows.append((label, out))

    own = lambda r, p: r["ix"]["m"] is not None and not fused(r, p)  # noqa: E731
    cf_line("(A) activation in its own pass, LUT: 16 Uxy ceil(C/8)",
            lambda r, p: own(r, p) and CLASS[r["pt"][3]] == "LUT", own_pass_cf, lambda r, p: lab(r, p, r["ix"]["m"]))
    cf_line("(A) activation in its own pass, RELU / RELU_EQ: 16 Uxy ceil(C/8)",
            lambda r, p: own(r, p) and CLASS[r["pt"][3]] != "LUT", own_pass_cf,
            lambda r, p: lab(r, p, r["ix"]["m"]))
    cf_line("(A') any own-pass activation on a map of >= 4096 elements",
            lambda r, p: own(r, p) and np.prod(r["oshapes"][r["ix"]["m"]]) >= 4096, own_pass_cf,
            lambda r, p: lab(r, p, r["ix"]["m"]))

    def elt_fused(r, p):
        prd = r["ops"][r["ix"]["p"]]
        lut = 1.0 if CLASS[r["pt"][3]] == "LUT" else 0.0
        return max(A_OUT[prd][p], lut) * e_w(r, r["pt"][1] == "mid")
    eltsel = lambda r, p: r["pt"][2] in ELTWISE + ("CONV_ABS",) and fused(r, p)  # noqa: E731
    cf_line("(B) LUT fused into ABS / NEG / ADD: max(a_p, 1) E_w", lambda r, p: eltsel(r, p) and
            CLASS[r["pt"][3]] == "LUT", elt_fused, pair)
    cf_line("(B) RELU-type fused into ABS / NEG / ADD: a_p E_w (free)", lambda r, p: eltsel(r, p) and
            CLASS[r["pt"][3]] != "LUT", elt_fused, pair)

    def alone(r, p):
        a = by.get((r["pt"][1], r["pt"][2], "-", *hwc(r)))
        return lab(a, p, a["ix"]["p"])
    convsel = lambda r, p: r["pt"][2] == "CONV1x1" and fused(r, p)  # noqa: E731
    cf_line("(C) LUT fused into CONV_2D 1x1: conv alone + (1 - a_conv) E",
            lambda r, p: convsel(r, p) and CLASS[r["pt"][3]] == "LUT",
            lambda r, p: alone(r, p) + (1 - A_OUT["CONV_2D"][p]) * elems(r), pair)
    cf_line("(C') the same, closed: 1.0 E", lambda r, p: convsel(r, p) and CLASS[r["pt"][3]] == "LUT",
            lambda r, p: elems(r), pair)
    cf_line("(C) RELU_EQ fused into CONV_2D 1x1: conv alone (free)",
            lambda r, p: convsel(r, p) and CLASS[r["pt"][3]] != "LUT", alone, pair)
    cf_line("(D) LUT / RELU_EQ fused into MEAN: MEAN alone (free)",
            lambda r, p: r["pt"][2].startswith("MEAN") and fused(r, p), alone, pair)
    cf_line("(E) ABS / NEG / ADD followed by an own-pass activation (its output an intermediate): a_p E16",
            lambda r, p: r["pt"][2] in ELTWISE and r["pt"][3] != "-" and not fused(r, p),
            lambda r, p: A_OUT[r["ops"][r["ix"]["p"]]][p] * e_w(r, True), lambda r, p: lab(r, p, r["ix"]["p"]))
    cf_line("(F) ABS / NEG / ADD alone: a_p E_w (E16 in mid, E in out)",
            lambda r, p: r["pt"][2] in ELTWISE and r["pt"][3] == "-",
            lambda r, p: A_OUT[r["ops"][r["ix"]["p"]]][p] * e_w(r, r["pt"][1] == "mid"),
            lambda r, p: lab(r, p, r["ix"]["p"]))
    pr("a_p = the producer's output-stage cycles per written element: ABS 0.5 / 0.25, NEG (Sub) and ADD 1.5 / 0.75, "
       "CONV_2D 0.5 / 0.25 (U55 / U65). E_w = E16 when the pair's output is an intermediate tensor (context mid), "
       "E when it is the graph output (out); a CONV_2D's output stage is charged on E in both.\n")
    for p in PLATS:
        sub = [r for r in act if own(r, p)]
        e = sorted(((own_pass_cf(r, p) / lab(r, p, r["ix"]["m"]) - 1, r) for r in sub), key=lambda t: -abs(t[0]))
        pr(f"- {p.upper()} (A) largest misses: " + "; ".join(
            f"{r['pt'][1]} {r['pt'][2]} -> {r['pt'][3]} {'x'.join(map(str, r['oshapes'][r['ix']['m']][1:]))} "
            f"({lab(r, p, r['ix']['m']):.0f} cyc) {x:+.3f}" for x, r in e[:4]))
    pr("")
    pr("| form | U55 n | U55 err | U65 n | U65 err |")
    pr("|---|---:|---:|---:|---:|")
    for label, out in cf_rows:
        pr(f"| {label} | {out[0][0]} | {out[0][1]} | {out[1][0]} | {out[1][1]} |")
    pr("")
    lut_vs = {p: [] for p in PLATS}
    for r in act:
        if r["pt"][3] == "TANH" and r["pt"][2] in ("input", "RESHAPE", "CONCAT", "CONV_SHARED"):
            q = by[(r["pt"][1], r["pt"][2], "RELU", *hwc(r))]
            for p in PLATS:
                lut_vs[p].append(lab(r, p, r["ix"]["m"]) - lab(q, p, q["ix"]["m"]))
    pr("- LUT vs RELU-type in an own pass (same graph, TANH minus RELU, cycles): "
       + "; ".join(f"{p.upper()} {rq(lut_vs[p])} (min / 10 % / median / 90 % / max)" for p in PLATS)
       + " -- a LUT pass costs what a RELU pass costs plus a few hundred cycles (table load).")
    big = [r for r in act if r["pt"][1] == "mid" and r["pt"][3] == "TANH" and r["pt"][2] == "input"]
    pr("- Own-pass activation, cycles per element (context mid, TANH after the graph input): "
       + "; ".join(f"{p.upper()} " + ", ".join(f"{lab(r, p, r['ix']['m']) / elems(r):.3f}" for r in big)
                   for p in PLATS) + " (one-row 1 x 1000 map 5th: the U65's 2 x 2 micro-block half empty).")
    pr("")

    # ---------------- 4. forests on activations
    pr("## 4. The forests on the pairs\n")
    pr("Forest cycles per element of each op (median over maps, context mid) and the pair's F/V (forest ms of "
       "producer + activation / Vela ms of the pair), median (min-max) over the 6 maps; RELU, RELU6 with their own "
       "output quantization; RELU_EQ = RELU_EQ and RELU6_EQ. `V pair c/E` median over maps, context mid.\n")
    pr("| producer | class | U55 F prod c/E | U55 F act c/E | U55 V pair c/E | U55 F/V mid | U55 F/V out | "
       "U65 F prod c/E | U65 F act c/E | U65 V pair c/E | U65 F/V mid | U65 F/V out |")
    pr("|---|---|" + "---:|" * 10)
    fvg = {}
    FCLS = {"TANH": ("TANH",), "LOGISTIC": ("LOGISTIC",), "HARD_SWISH": ("HARD_SWISH",),
            "LEAKY_RELU": ("LEAKY_RELU",), "RELU": ("RELU",), "RELU6": ("RELU6",), "RELU_EQ": ("RELU_EQ", "RELU6_EQ")}
    for prd in PRODUCERS:
        for cls in ("-",) + tuple(FCLS):
            cells = []
            for p in PLATS:
                sel = lambda r, ctx: (r["pt"][1] == ctx and r["pt"][2] == prd  # noqa: E731
                                      and (r["pt"][3] == "-" if cls == "-" else r["pt"][3] in FCLS[cls]))
                mid = [r for r in act if sel(r, "mid")]
                out = [r for r in act if sel(r, "out")]
                if not mid and not out:
                    break
                ref = mid or out
                fp = [r["forest_ms"][p][r["ix"]["p"]] * CLOCK[p] / 1e3 / elems(r) for r in ref
                      if r["ix"]["p"] is not None]
                fa = [r["forest_ms"][p][r["ix"]["m"]] * CLOCK[p] / 1e3 / elems(r) for r in ref
                      if r["ix"]["m"] is not None]
                vp = [pair(r, p) / elems(r) for r in ref]
                f_m = [fv(r, p, (r["ix"]["p"], r["ix"]["m"]), pair(r, p)) for r in mid]
                f_o = [fv(r, p, (r["ix"]["p"], r["ix"]["m"]), pair(r, p)) for r in out]
                fvg[(prd, cls, p)] = f_m or f_o
                cells += [f"{np.median(fp):.3f}" if fp else "-", f"{np.median(fa):.3f}" if fa else "-",
                          f"{np.median(vp):.3f}", rng_s(f_m), rng_s(f_o)]
            if cells:
                pr(f"| {prd} | {cls} | " + " | ".join(cells) + " |")
    pr("")

    # ---------------- 5. pools
    ok = [r for r in pool if r["u55"]["cpu_ops"] == 0 and r["u65"]["cpu_ops"] == 0]
    refused = [r for r in pool if r not in ok]
    out1 = [r for r in ok if r["pt"][1] == "out"]
    pr("## 5. MAX_POOL_2D / AVERAGE_POOL_2D with one output pixel (kernel = the whole H x W map, VALID)\n")
    pr(f"{len(out1)} mapped probes in context out ({len(POOL_MAPS)} maps x C {POOL_CS} x MAX / AVG, {N_RAND} "
       f"random (kind, H, W, C) from default_rng(44), large-kernel limit probes), and "
       f"{len([r for r in ok if r['pt'][1] == 'mid'])} in context mid (the pool's IFM made by an ABS, i.e. an "
       "intermediate NHCWB16 tensor; the pool's own label).\n")
    pr("**Refused** (Vela leaves the pool on the CPU as `Passthrough`, both NPUs): "
       + ", ".join(f"{r['pt'][2]} {r['pt'][3]}x{r['pt'][4]}x{r['pt'][5]}" for r in refused)
       + ". Mapped at the limits: " + ", ".join(
           sorted({f"{r['pt'][3]}x{r['pt'][4]}" for r in ok if tuple(r["pt"][3:]) in LIMIT and (
               r["pt"][3] >= 256 or r["pt"][4] >= 4096)}))
       + ". Consistent with a kernel height <= 256 and kernel area <= 65,536 limit (width alone up to 65,536 "
       "maps).\n")
    n_rows = sorted({len([x for x in r[p]["rows"] if x["cyc"] > 0]) for r in ok for p in PLATS})
    ops = sorted({x["op"] for r in ok for p in PLATS for x in r[p]["rows"] if x["cyc"] > 0 and
                  not (r["pt"][1] == "mid" and x["op"] == "Abs")})
    pr(f"**No rewrite**: every mapped pool is one Vela operator ({ops}; rows with cycles per graph: {n_rows}, "
       "the mid graphs' ABS included); no split into passes and no other operator, up to 256 x 256 and 1 x 65,536 "
       "kernels.\n")
    pr("Decomposition from Vela's performance database (context out, all mapped probes):\n")
    for p in PLATS:
        cf = [pool_cf(r, p) for r in out1]
        prow = [[x for x in r[p]["rows"] if x["op"] in ("MaxPool", "AvgPool")][0] for r in out1]
        v = col(out1, lambda r: lab(r, p, r["ix"]["m"]))
        mac = np.array([x["mac"] for x in prow])
        cmd = np.array([x["cmd"] for x in prow])
        dv = np.array([x["ofm_blk"][2] for x in prow])
        pl = np.array([c["pl"] for c in cf])
        pp = np.array([c["P"] for c in cf])
        d_ok = sum(int(c["D"] == d) for c, d in zip(cf, dv))
        ifm = np.array([np.prod(x["ifm_blk"]) for x in prow]) / BW[p]
        pr(f"- {p.upper()}: mac_cycles / PL {rq(mac / pl)}; cmd_cycles / (P D/8) {rq(cmd / (pp * dv / 8))} "
           f"(D = Vela's OFM block depth); rest = Vela - mac - cmd: {rq(v - mac - cmd)} cycles, minus the first "
           f"IFM block's fetch (ifm block bytes / {BW[p]} B per cycle): {rq(v - mac - cmd - ifm)}; the D rule "
           f"below gives Vela's D on {d_ok} / {len(cf)}.")
    pr("")
    pr("Closed forms, P = sum over Vela's 8x8 sub-kernels of max(4, taps) (baselines._sub_kernels), "
       "PL = 4 ceil(C/8) P (PL's formula with Uxy = 1):\n")
    pr("- **PL**: 4 ceil(C/8) P (the PL / PL2a formula)")
    pr("- **1.25 PL**")
    pr("- **CF2** = PL + P D / 8: the MAC term plus Vela's command term (one pass of P per 8 channels of the first "
       "OFM block); D = min(8 ceil(C/8), 128, 8 floor(cap / (hb wb) / 8)), cap = 5,376 (U55) / 11,200 (U65) "
       "bytes, IFM block hb x wb = min(H, 8) x min(2 ceil((W+1)/2), 10) on U55, min(2 ceil((H+1)/2), 10) x "
       "min(2 ceil((W+1)/2), 10) on U65 (D = 64 / 112 on 2-D maps of H >= 8, 128 on one-row maps)")
    pr("- **CF3** = CF2 + 64 + hb wb D / (8 | 16): plus the first IFM block's fetch from SRAM (8 / 16 B per cycle)\n")
    pr("| form | U55 err (out) | U65 err (out) | U55 err (mid) | U65 err (mid) | U55 form/Vela median (min-max) | "
       "U65 form/Vela median (min-max) |")
    pr("|---|---:|---:|---:|---:|---:|---:|")
    midr = [r for r in ok if r["pt"][1] == "mid"]
    for key, name in (("pl", "PL"), ("cf1", "1.25 PL"), ("cf2", "CF2"), ("cf3", "CF3")):
        cells = []
        for grp in (out1, midr):
            for p in PLATS:
                cells.append(err([pool_cf(r, p)[key] / lab(r, p, r["ix"]["m"]) - 1 for r in grp]))
        for p in PLATS:
            cells.append(rng_s([pool_cf(r, p)[key] / lab(r, p, r["ix"]["m"]) for r in out1]))
        pr(f"| {name} | " + " | ".join(cells) + " |")
    pr("")
    for p in PLATS:
        e3 = [(pool_cf(r, p)["cf3"] / lab(r, p, r["ix"]["m"]) - 1, r) for r in out1]
        bad = sorted(e3, key=lambda t: -abs(t[0]))[:5]
        pr(f"- {p.upper()} CF3 largest misses: " + "; ".join(
            f"{r['pt'][2]} {r['pt'][3]}x{r['pt'][4]}x{r['pt'][5]} ({lab(r, p, r['ix']['m']):.0f} cyc) {x:+.3f}"
            for x, r in bad))
    dm = []
    for r in midr:
        o = by_pool(out1, r)
        if o is not None:
            dm += [lab(r, p, r["ix"]["m"]) / lab(o, p, o["ix"]["m"]) - 1 for p in PLATS]
    pr(f"- IFM from an intermediate (mid) vs from the graph input (out), same pool: |mid / out - 1| max "
       f"{np.abs(dm).max() * 100 if dm else float('nan'):.3f} % over {len(dm)} pairs.")
    pr("")
    pr("### Forest / Vela on one-pixel pools (context out)\n")
    pr("| kind | map | n | U55 F/V median (min-max) | U65 F/V median (min-max) | U55 F c/PL | U65 F c/PL |")
    pr("|---|---|---:|---:|---:|---:|---:|")
    for k in ("max", "avg"):
        for shp, sel in (("2-D (H > 1)", lambda r: r["pt"][3] > 1), ("one row (H = 1)", lambda r: r["pt"][3] == 1)):
            sub = [r for r in out1 if r["pt"][2] == k and sel(r)]
            cells = [rng_s([fv(r, p, (r["ix"]["m"],), lab(r, p, r["ix"]["m"])) for r in sub]) for p in PLATS]
            cells += [f"{np.median([r['forest_ms'][p][0] * CLOCK[p] / 1e3 / pool_cf(r, p)['pl'] for r in sub]):.2f}"
                      for p in PLATS]
            pr(f"| {k} | {shp} | {len(sub)} | " + " | ".join(cells) + " |")
    cn = [r for r in out1 if tuple(r["pt"][2:]) == ("max", 26, 26, 50)]
    if cn:
        r = cn[0]
        pr("\nCNNIQA's pool (MAX 26 x 26 x 50): Vela " + ", ".join(
            f"{p.upper()} {lab(r, p, 0):.0f} cyc ({lab(r, p, 0) / CLOCK[p] * 1e3:.4f} ms), "
            f"PL {pool_cf(r, p)['pl']:.0f}, "
            f"CF3 {pool_cf(r, p)['cf3']:.0f}, forest {r['forest_ms'][p][0]:.4f} ms (F/V "
            f"{fv(r, p, (0,), lab(r, p, 0)):.2f})" for p in PLATS) + ".")
    pr("")

    # ---------------- 6. findings
    def fmed(prd, a, p, which):
        sub = [r for r in act if r["pt"][1] == "mid" and r["pt"][2] == prd and r["pt"][3] == a]
        return float(np.median([r["forest_ms"][p][r["ix"][which]] * CLOCK[p] / 1e3 / elems(r) for r in sub]))

    def fvm(prd, a, p, sel=lambda r: True):
        sub = [r for r in act if r["pt"][1] == "mid" and r["pt"][2] == prd and r["pt"][3] == a and sel(r)]
        return rng_s([fv(r, p, (r["ix"]["p"], r["ix"]["m"]), pair(r, p)) for r in sub])

    def pfv(k, one_row, p):
        sub = [r for r in out1 if r["pt"][2] == k and (r["pt"][3] == 1) == one_row]
        return rng_s([fv(r, p, (0,), lab(r, p, 0)) for r in sub])
    xu = lambda r: tuple(hwc(r)) == (256, 256, 8)  # noqa: E731
    pr("## 6. Findings (numbers from the tables above)\n")
    pr("- **Which producers fuse which activations.** LUT activations (TANH, LOGISTIC, HARD_SWISH, LEAKY_RELU) "
       "are folded into the pass of ABS, NEG (run as `Sub`), ADD, CONV_2D and MEAN (into its closing `Mul`) on "
       "every map, context and NPU; they get an own pass after the graph input, after RESHAPE (removed by Vela, so "
       "the same as no producer), after CONCATENATION (two MemoryCopy passes, then the LUT) and after a CONV_2D "
       "whose output has a second consumer. RELU / RELU6 fuse into the same producers if and only if their output "
       "quantization equals their input's (section 1's count: no exception in either direction); int8_graph "
       "calibrates a standalone RELU's output to [0, max], so by default they fuse only after ABS (whose output "
       "already starts at 0; RELU6 after an ABS whose max exceeds 6 does not) and run in an own pass after "
       "CONV_2D, ADD, NEG and MEAN. Against baselines.FUSABLE_PRODUCERS: ABS, NEG and MEAN are missing for LUT "
       "activations; for RELU-type ones CONV_2D and ADD are listed but Vela does not fuse them under int8_graph's "
       "quantization; the single-consumer condition holds (CONV_SHARED: own pass, LUT and RELU alike).")
    pr("- **Where the label lands.** A pair fused into ABS / NEG is labelled on the activation (ABS / NEG get 0: "
       "Vela's row carries the activation's output name with type Abs / Sub); fused into CONV_2D, ADD or MEAN it is "
       "labelled on the producer and the activation gets 0.")
    pr("- **Closed forms (section 3).** An activation in its own pass costs 16 Uxy ceil(C/8) cycles, i.e. 1.0 cycle "
       "per element on the U55-128 and 0.5 on the U65-256 (1.0 on one-row maps), LUT and RELU-type alike (a LUT "
       "pass adds 0-320 / 0-568 cycles); |error| U55 " + cf_rows[2][1][0][1] + " %, U65 " + cf_rows[2][1][1][1]
       + " % (median / 90 % / max) on maps of >= 4,096 elements, worse on small maps (up to "
       + cf_rows[1][1][0][1].split(" / ")[2] + " % on a 1 x 1 x 8 RELU after MEAN_HW; the largest misses are "
       "listed above the table). A LUT folded into an element-wise producer sets its output stage "
       "to 1 cycle per written element on both NPUs: pair = max(a_p, 1) E_w, with a_p = 0.5 / 0.25 (ABS), 1.5 / 0.75 "
       "(NEG, ADD) and E_w = H W 16 ceil(C/16) when the result is an intermediate tensor (H W C as a graph output): "
       "exact on all probes. A fused RELU-type activation is free (exact). A LUT fused into a 1x1 CONV_2D adds "
       "(1 - a_conv) E, a_conv = 0.5 / 0.25 (median error " + cf_rows[5][1][0][1].split(" / ")[0] + " / "
       + cf_rows[5][1][1][1].split(" / ")[0] + " %). Xu-Net's ABS -> TANH on 256 x 256 x 8 is the E16 case: "
       "2 cycles per element on both NPUs inside a network (1,048,576 cycles, the session-42 figure), 1 as a graph "
       "output.")
    pr(f"- **The forests on activations (section 4).** TANH, HARD_SWISH and LEAKY_RELU are priced 0 everywhere, "
       f"also where Vela gives them an own pass (after the graph input, RESHAPE, CONCATENATION, a shared conv: "
       f"F/V of the pair {fvm('input', 'TANH', 'u55')} / {fvm('CONV_SHARED', 'TANH', 'u55')} on the U55 after "
       f"input / shared conv). LOGISTIC is priced ~0 after CONV_2D, ADD and MEAN and "
       f"{fmed('input', 'LOGISTIC', 'u55', 'm'):.2f} / {fmed('input', 'LOGISTIC', 'u65', 'm'):.2f} cycles per "
       f"element (U55 / U65, median) elsewhere, after ABS / NEG too. RELU / RELU6 are priced "
       f"{fmed('input', 'RELU', 'u55', 'm'):.2f} / {fmed('input', 'RELU', 'u65', 'm'):.2f} whatever the "
       f"producer: right for int8_graph's own-pass RELUs (F/V {fvm('CONV1x1', 'RELU', 'u55')} after CONV_2D, "
       f"U55), {fvm('CONV1x1', 'RELU_EQ', 'u55')} when Vela fuses them (RELU_EQ after CONV_2D). ABS and NEG are "
       f"priced {fmed('ABS', '-', 'u55', 'p'):.3f} / {fmed('ABS', '-', 'u65', 'p'):.3f} cycles per element "
       f"against Vela's 0.5 / 0.25 (ABS) and 1.5 / 0.75 (NEG) on E_w. ABS -> TANH pair F/V: U55 "
       f"{fvm('ABS', 'TANH', 'u55')}, U65 {fvm('ABS', 'TANH', 'u65')}; at 256 x 256 x 8 in a network (Xu-Net's "
       f"case) {fvm('ABS', 'TANH', 'u55', xu)} / {fvm('ABS', 'TANH', 'u65', xu)}.")
    c3 = {p: err([pool_cf(r, p)["cf3"] / lab(r, p, r["ix"]["m"]) - 1 for r in out1]) for p in PLATS}
    c1 = {p: err([pool_cf(r, p)["cf1"] / lab(r, p, r["ix"]["m"]) - 1 for r in out1]) for p in PLATS}
    c0 = {p: rng_s([pool_cf(r, p)["pl"] / lab(r, p, r["ix"]["m"]) for r in out1]) for p in PLATS}
    pr(f"- **One-pixel pools (section 5).** Vela runs each as one MaxPool / AvgPool operator (no rewrite) and "
       f"refuses kernels taller than 256 or larger than 65,536 taps. Its cycles = the MAC term (= PL's 4 ceil(C/8) "
       f"P, within ~1 %) + a command term P D / 8 (D = its OFM block depth: min(8 ceil(C/8), 64 / 112) on maps "
       f"of H >= 8, up to 128 on shorter and one-row maps) + the first IFM block's fetch (~64 + block bytes / 8 "
       f"or 16). PL alone / Vela = {c0['u55']} (U55), "
       f"{c0['u65']} (U65); |error| (median / 90 % / max) of 1.25 PL: U55 {c1['u55']} %, U65 {c1['u65']} %; of "
       f"CF3 (all three terms): U55 {c3['u55']} %, U65 {c3['u65']} %. MAX and AVG cost the same; an IFM made by "
       f"another NPU op changes "
       f"nothing. The forests price MAX one-pixel pools at F/V {pfv('max', False, 'u55')} (U55) / "
       f"{pfv('max', False, 'u65')} (U65) on 2-D maps and {pfv('max', True, 'u55')} / {pfv('max', True, 'u65')} "
       f"on one-row maps; AVG ones at {pfv('avg', False, 'u55')} / {pfv('avg', False, 'u65')} (2-D) and "
       f"{pfv('avg', True, 'u55')} / {pfv('avg', True, 'u65')} (one row).")
    pr("")
    pr("## 7. Uncertain\n")
    pr("- Synthetic graphs; int8_graph's calibration decides every quantization; whether a converter-made model's "
       "standalone RELU has equal input / output quantization was not checked here.")
    pr("- Producers other than those listed (DEPTHWISE_CONV_2D, FULLY_CONNECTED, pools, MUL, SUB as such, "
       "TRANSPOSE_CONV) not probed as producers; CONV_2D only 1x1 (ao-bound), so (C) is shown where the output "
       "stage binds; a compute-bound conv should absorb a LUT for free (not probed).")
    pr("- The CF2 / CF3 block-depth and IFM-block rules are read off Vela's chosen blocks on these probes; other "
       "shapes (e.g. H between 2 and 7 at large C) may pick other blocks. int16, SAME padding and strides not "
       "probed for one-pixel pools.")
    pr("")

    # ---------------- 8. all pool probes
    pr("## 8. All pool probes\n")
    pr("| ctx | kind | H x W x C | U55 Vela | U55 PL | U55 CF3 | U55 mac | U55 cmd | U55 D | U55 F/V | U65 Vela | "
       "U65 PL | U65 CF3 | U65 mac | U65 cmd | U65 D | U65 F/V |")
    pr("|---|---|---|" + "---:|" * 14)
    for r in pool:
        cells = []
        for p in PLATS:
            if r[p]["cpu_ops"]:
                cells += ["CPU"] + [""] * 6
                continue
            x = [x for x in r[p]["rows"] if x["op"] in ("MaxPool", "AvgPool")][0]
            v = lab(r, p, r["ix"]["m"])
            cf = pool_cf(r, p)
            cells += [f"{v:.0f}", f"{cf['pl']:.0f}", f"{cf['cf3']:.0f}", f"{x['mac']:.0f}", f"{x['cmd']:.0f}",
                      f"{x['ofm_blk'][2]}", f"{fv(r, p, (r['ix']['m'],), v):.2f}"]
        pr(f"| {r['pt'][1]} | {r['pt'][2]} | {r['pt'][3]}x{r['pt'][4]}x{r['pt'][5]} | " + " | ".join(cells) + " |")


def by_pool(rows, r):
    for o in rows:
        if o["pt"][2:] == r["pt"][2:]:
            return o
    return None


def _same_class(act, names) -> str:
    by = {tuple(r["pt"][1:]): r for r in act}
    n = bad = 0
    for r in act:
        if r["pt"][3] != names[0]:
            continue
        for b in names[1:]:
            o = by[(r["pt"][1], r["pt"][2], b, *r["pt"][4:])]
            n += 1
            bad += any(o[p]["lab"] != r[p]["lab"] for p in PLATS)
    return f"{n - bad} / {n} graph pairs equal"


if __name__ == "__main__":
    main(sys.argv[1:])
