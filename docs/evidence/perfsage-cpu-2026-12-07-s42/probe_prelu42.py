"""Session 42 (issue 22), helper diag: what Vela 5.2 charges for a standalone PRELU and why the recommended predictor's
per-op forests price the Conv-TasNet encoder's PRELUs (runs/heldoutV41/models/conv_tasnet_enc_8000.tflite, 1 x 999 x 512
maps) at 2.2-2.4 x Vela. Synthetic probes, plus Vela run on that one validation model (no other real model is read, no
label file is read). Nothing here changes a number of the study or adopts a rule.

Grid: the brief's maps plus 2 x 512, 4 x 256 and 16 x 16 (where the 2-D regime starts), C 8 ... 512.
Probe: NetBuilder(rng 0): input (1, H, W, C) -> 1x1 conv C -> PRELU (NetBuilder.act: per-channel alpha = |N(0, 1)| x
0.25, so alpha_max < 1 in every probe here, asserted) -> 1x1 conv to 16; int8_graph(seed=0). Variant "a>1": the same
graph with alpha[0] set to 1.25 (one channel above 1, as the Conv-TasNet's node 15: alpha_max 1.075). For each probe and
NPU (U55-128 High_End_Embedded, U65-256 High_End, Shared_Sram, as jaxeff.gnn.labels.run_vela):
  * Vela's label of the PRELU: run_vela + per_op_cycles (as the labels);
  * Vela's lowering: the same compile again writing the per-layer CSV: the rows whose original operator is Prelu (NNG op,
    Op Cycles, and whether the constant port's access cycles, OffFlash AC on U55 / DRAM AC on U65, set Op Cycles); their
    sum must equal the label (asserted);
  * roof_terms(rec, p) of the PRELU node (rec = graph_record(read_main(buf))) and Vela / max(terms);
  * the recommended predictor's per-op price of the node: score_s42.predictors("T216UVZ1RWK100") (the three saved seeds
    with their rules), node_base.per_op(), geometric mean over seeds, in cycles (ms / the base's ratio).
Then the training data: every PRELU of runs/mix22 (the forests' dataset; they saw its random training split), its map
shape and Vela cycles per element, and whether the forests hold a PRELU forest.
Markdown on stdout. Deterministic. Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s42/probe_prelu42.py > docs/evidence/perfsage-cpu-2026-12-07-s42/probe_prelu42.md
"""
from __future__ import annotations

import collections
import contextlib
import csv
import dataclasses
import importlib.util
import io
import pathlib
import sys
import tempfile
import time

import numpy as np

PLATS = ("u55", "u65")
CLOCK_MHZ = {"u55": 500.0, "u65": 1000.0}  # vela.ini: High_End_Embedded / High_End core clocks (ms = cycles / kHz)
WCOL = {"u55": "OffFlash AC", "u65": "DRAM AC"}  # the constant port's access-cycle column (Shared_Sram)
MAPS = ((1, 64), (1, 999), (1, 1000), (1, 4000), (2, 512), (4, 256), (8, 8), (16, 16), (32, 32), (56, 56), (112, 112))
CS = (8, 16, 32, 64, 128, 512)
VARIANTS = ("draw", "a>1")
RULES = "T216UVZ1RWK100"
MODEL = pathlib.Path("runs/heldoutV41/models/conv_tasnet_enc_8000.tflite")
SHORT = {"Mul": "Mul", "Maximum": "Max", "Minimum": "Min", "Relu": "Relu", "Add": "Add", "LeakyRelu": "LRelu"}


# ------------------------------------------------------------------------------------------------ Vela
def vela_rows(buf: bytes, p: str) -> list[dict]:
    """One Vela 5.2 compile with run_vela's configuration writing the per-layer CSV: its rows."""
    from ethosu.vela.vela import main as vela_main

    from jaxeff.gnn.labels import PLATFORMS
    from jaxeff.tflite._native import native_output

    accel, system = PLATFORMS[p]
    with tempfile.TemporaryDirectory(prefix="probe_prelu42_") as tmp:
        src = pathlib.Path(tmp) / "g.tflite"
        src.write_bytes(buf)
        out = pathlib.Path(tmp) / "out"
        args = [str(src), "--output-dir", str(out), "--verbose-performance",
                "--accelerator-config", accel, "--system-config", system, "--memory-mode", "Shared_Sram"]
        with native_output(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            rc = vela_main(args)
        assert rc == 0, rc
        with (out / "g_per-layer.csv").open() as f:
            return list(csv.DictReader(f))


def lowering(rows: list[dict], p: str) -> list[tuple[str, float, bool]]:
    """(NNG op, Op Cycles, constant port binds) of the per-layer rows whose original operator is Prelu."""
    out = []
    for r in rows:
        if r["Original Operator"] != "Prelu":
            continue
        cyc, npu, w = float(r["Op Cycles"]), float(r["NPU"]), float(r[WCOL[p]])
        out.append((r["NNG Operator"], cyc, w >= cyc and w > npu))
    return out


def load_predictors() -> list:
    spec = importlib.util.spec_from_file_location(
        "score_s42", pathlib.Path(__file__).resolve().parent / "score_s42.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.predictors(RULES)


def forest_cycles(preds: list, rec: dict, node: int) -> dict[str, float]:
    """The per-op price (all seeds' node_base.per_op, geometric mean) of one node, in cycles per NPU."""
    out = {}
    for p in PLATS:
        t = f"{p}_latency_ms"
        v = [float(pr.node_base.per_op()[t](rec)[node]) / pr.node_base.ratios[t] for pr in preds]
        out[p] = float(np.exp(np.mean(np.log(v))))
    return out


def probe(h: int, w: int, c: int, variant: str, preds: list) -> dict:
    from jaxeff.gnn.baselines import roof_terms
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.gnn.realeval import graph_record
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, c)), c, 1)  # a cheap op first: the PRELU must not read the graph input
    x = b.act(x, "PRELU")
    gr = b.finish([b.conv(x, 16, 1)])
    ai = gr.ops[1].inputs[1]
    alpha = np.array(gr.tensors[ai].data, np.float32)
    if variant == "a>1":
        alpha.reshape(-1)[0] = 1.25
        gr.tensors[ai] = dataclasses.replace(gr.tensors[ai], data=alpha)
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    assert [o.type for o in q.ops] == ["CONV_2D", "PRELU", "CONV_2D"]
    at = q.tensors[q.ops[1].inputs[1]]
    aq = (np.asarray(at.data, np.float64) - np.asarray(at.zero_point, np.float64)) * np.asarray(at.scale, np.float64)
    rec = graph_record(q)
    n = h * w * c
    out = {"h": h, "w": w, "c": c, "variant": variant, "n": n, "amax": float(aq.max())}
    assert (out["amax"] < 1) == (variant == "draw"), out
    fc = forest_cycles(preds, rec, 1)
    for p in PLATS:
        v = run_vela(buf, p)
        lab = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[1])
        low = lowering(vela_rows(buf, p), p)
        assert abs(sum(x[1] for x in low) - lab) < 0.5, (low, lab)
        t = roof_terms(rec, p)[1]
        out[p] = {"vela": lab, "low": low, "terms": t, "roof": float(t.max()), "forest": fc[p]}
    return out


# ------------------------------------------------------------------------------------------------ model
def model_section(preds: list) -> tuple[list[str], list]:
    """The Conv-TasNet encoder: each PRELU's alpha_max, Vela's lowering and cycles (run here), the forests' price."""
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.gnn.realeval import graph_record
    from jaxeff.tflite import read_main

    buf = MODEL.read_bytes()
    q = read_main(buf)
    rec = graph_record(q)
    lab, rows = {}, {}
    for p in PLATS:
        v = run_vela(buf, p)
        lab[p] = per_op_cycles(q, v.per_layer, list(v.original_ops))
        rows[p] = vela_rows(buf, p)
    runs = {}
    for p in PLATS:
        runs[p], cur = [], []
        for r in rows[p] + [{"Original Operator": ""}]:
            if r["Original Operator"] == "Prelu":
                cur.append(r)
            elif cur:
                runs[p].append(cur)
                cur = []
    lines = ["| node | map | alpha_max | U55 lowering | U55 Vela cyc/elt | U55 forest / Vela | U65 lowering | "
             "U65 Vela cyc/elt | U65 forest / Vela |", "|---:|---|---:|---|---:|---:|---|---:|---:|"]
    res = []
    for i, op in enumerate(q.ops):
        if op.type != "PRELU":
            continue
        at = q.tensors[op.inputs[1]]
        aq = (np.asarray(at.data, np.float64) - np.asarray(at.zero_point, np.float64)) * np.asarray(at.scale)
        shp = q.tensors[op.outputs[0]].shape
        n = int(np.prod(shp))
        fc = forest_cycles(preds, rec, i)
        cells = []
        for p in PLATS:
            # the per-layer rows of this PRELU: the contiguous run of Prelu rows holding a row named after its output
            # (the Minimum of the catch-all lowering is named after the PRELU's input)
            name = q.tensors[op.outputs[0]].name
            run = next(g for g in runs[p] if any(r["Name"] == name or r["Name"].startswith(name + "_") for r in g))
            low = lowering(run, p)
            assert abs(sum(x[1] for x in low) - lab[p][i]) < 0.5, (i, p, low, lab[p][i])
            cells += [fmt_low(low, n), f"{lab[p][i] / n:.3f}", f"{fc[p] / lab[p][i]:.2f}"]
            res.append((i, p, lab[p][i] / n, fc[p] / lab[p][i], float(aq.max()), [x[0] for x in low]))
        lines.append(f"| {i} | {'x'.join(map(str, shp[1:]))} | {aq.max():.3f} | " + " | ".join(cells) + " |")
    return lines, res


# ------------------------------------------------------------------------------------------------ training data
def training_section(preds: list) -> tuple[list[str], dict]:
    from jaxeff.gnn.shards import load_dataset

    recs = load_dataset("runs/mix22")
    rows = []
    for r in recs:
        nops = int(r["n_ops"])
        for i, t in enumerate(list(r["ops"][:nops])):
            if t == "PRELU":
                x = r["x"][i]
                n = float(np.prod(x[:4]))
                rows.append((r["space"], int(x[1]), int(x[2]), int(x[3]), n,
                             float(r["u55_op_cycles"][i]) / n, float(r["u65_op_cycles"][i]) / n))
    spaces = collections.Counter(s for s, *_ in rows)
    hmin = min(r[1] for r in rows)
    e55, e65 = np.array([r[5] for r in rows]), np.array([r[6] for r in rows])
    has = [sorted(m.forests) for pr in preds for m in pr.node_base.meters.values()]
    prelu_forest = all("PRELU" in f for f in has)
    fb = {p: preds[0].node_base.meters[f"{p}_latency_ms"].fallback for p in PLATS}
    out = {"n": len(rows), "spaces": dict(spaces), "hmin": hmin, "wmin": min(r[2] for r in rows),
           "h1": sum(r[1] == 1 for r in rows), "nmax": max(r[4] for r in rows), "prelu_forest": prelu_forest,
           "fallback": fb, "graphs": sum("PRELU" in list(r["ops"][: int(r["n_ops"])]) for r in recs),
           "ngraphs": len(recs)}
    lines = [f"runs/mix22 ({len(recs)} graphs; the forests saw its random training split) holds {len(rows)} PRELU "
             f"nodes in {out['graphs']} graphs, spaces {dict(spaces)}; map H {hmin}-{max(r[1] for r in rows)}, "
             f"W {out['wmin']}-{max(r[2] for r in rows)}, C {min(r[3] for r in rows)}-{max(r[3] for r in rows)}, "
             f"elements {min(r[4] for r in rows):,.0f}-{out['nmax']:,.0f}; PRELUs with H = 1: {out['h1']}. "
             f"Every seed's forests hold a PRELU forest: {prelu_forest} (so the unseen-type fallback, roofline x "
             f"exp(training median log ratio of its kind), is not used for PRELU; its values here: "
             + ", ".join(f"{p} mac {np.exp(fb[p]['mac']):.2f} / nomac {np.exp(fb[p]['nomac']):.2f}" for p in PLATS)
             + ").", "",
             "Vela cycles per element of the training PRELUs, by the share of nodes in each band:", "",
             "| band (U55 cyc/elt) | nodes | U55 cyc/elt median | U65 cyc/elt median | C range |", "|---|---:|---:|---:|---|"]
    bands = ((0, 3.0), (3.0, 4.0), (4.0, 8.0), (8.0, 10.0), (10.0, 99.0))
    for lo, hi in bands:
        m = (e55 >= lo) & (e55 < hi)
        if m.any():
            cc = [r[3] for r, k in zip(rows, m) if k]
            lines.append(f"| [{lo:g}, {hi:g}) | {int(m.sum())} | {np.median(e55[m]):.2f} | {np.median(e65[m]):.2f} | "
                         f"{min(cc)}-{max(cc)} |")
    tin = np.array([in_rule_t(r[1], r[2], r[3]) for r in rows])
    lines += ["", f"All training PRELUs: U55 cyc/elt median {np.median(e55):.2f} (mean {e55.mean():.2f}), U65 median "
              f"{np.median(e65):.2f} (mean {e65.mean():.2f}). In rule T's domain (H, W >= 2, H W >= 1024, C >= 17): "
              f"{int(tin.sum())} nodes, U55 median {np.median(e55[tin]):.2f}, U65 {np.median(e65[tin]):.2f}; outside "
              f"it: {int((~tin).sum())} nodes, U55 median {np.median(e55[~tin]):.2f}, U65 {np.median(e65[~tin]):.2f}."]
    out["tin"] = tin
    out["e55"], out["e65"] = e55, e65
    return lines, out


# ------------------------------------------------------------------------------------------------ output
def fmt_low(low: list, n: int) -> str:
    return " + ".join(f"{SHORT.get(o, o)} {c / n:.2f}{'w' if wb else ''}" for o, c, wb in low)


def in_rule_t(h: int, w: int, c: int) -> bool:
    """Rule T's domain (baselines.bcast_const_ops): H, W >= 2, H W >= BCAST_MIN_HW, C >= BCAST_MIN_C."""
    from jaxeff.gnn.baselines import BCAST_MIN_C, BCAST_MIN_HW

    return min(h, w) >= 2 and h * w >= BCAST_MIN_HW and c >= BCAST_MIN_C


def in_big2d(h: int, w: int, c: int) -> bool:
    """The probes' 2-D regime: H, W >= 32 and C >= 32."""
    return min(h, w) >= 32 and c >= 32


def alpha_mul(r: dict, p: str) -> float:
    """Cycles per element of the Mul by alpha (the last Mul of either lowering)."""
    return [c for o, c, _ in r[p]["low"] if o == "Mul"][-1] / r["n"]


def fit(rs: list[dict], p: str) -> tuple[float, float, np.ndarray]:
    """a0 + a1 x elements fit to Vela's cycles by least relative squares; the relative residuals."""
    n = np.array([r["n"] for r in rs], np.float64)
    y = np.array([r[p]["vela"] for r in rs])
    (a0, a1), *_ = np.linalg.lstsq(np.stack([1 / y, n / y], 1), np.ones(len(y)), rcond=None)
    return a0, a1, (a0 + a1 * n) / y - 1


def main() -> None:
    t0 = time.time()
    preds = load_predictors()
    res = []
    for variant in VARIANTS:
        for h, w in MAPS:
            for c in CS:
                res.append(probe(h, w, c, variant, preds))
                print(f"probe {h}x{w}x{c} {variant}: {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    mlines, mres = model_section(preds)
    tlines, tr = training_section(preds)

    def rng(a) -> str:
        a = np.asarray(a, np.float64)
        return f"{a.min():.2f}-{a.max():.2f}" if a.max() - a.min() > 0.005 else f"{a.min():.2f}"

    one = {v: [r for r in res if r["variant"] == v] for v in VARIANTS}
    draw = one["draw"]
    pats = {v: collections.Counter(tuple(x[0] for x in r[p]["low"]) for r in one[v] for p in PLATS) for v in VARIANTS}
    assert set(pats["draw"]) == {("Mul", "Mul", "Maximum")} and set(pats["a>1"]) == {("Relu", "Minimum", "Mul", "Add")}
    tin = [r for r in draw if in_big2d(r["h"], r["w"], r["c"])]
    row = [r for r in draw if r["h"] == 1]
    two = [r for r in draw if r["h"] > 1]
    row32 = [r for r in row if r["c"] >= 32]
    # the alpha Mul is constant-port bound at 8.00 / 2.13 cycles per element on 2-D maps H, W >= 32 with C >= 32, at
    # most 2.00 / 0.75 on one-row maps
    for r in res:
        if in_big2d(r["h"], r["w"], r["c"]):
            assert abs(alpha_mul(r, "u55") - 8) < 0.01 and abs(alpha_mul(r, "u65") - 2.133) < 0.01, r
        if r["h"] == 1:
            assert alpha_mul(r, "u55") <= 2.001 and alpha_mul(r, "u65") <= 0.751, r
    amul = {p: rng([alpha_mul(r, p) for r in row]) for p in PLATS}
    mids = [(h, w) for h, w in MAPS if 1 < h < 32]
    mid = ", ".join(f"{h}x{w} " + " / ".join(rng([alpha_mul(r, p) for r in draw if (r["h"], r["w"]) == (h, w)
                                                  and r["c"] >= 32]) for p in PLATS) for h, w in mids)

    def cpe(rs, p) -> str:
        return rng([r[p]["vela"] / r["n"] for r in rs])

    def fr(rs, p) -> str:
        return rng([r[p]["forest"] / r[p]["vela"] for r in rs])

    ref = next(r for r in draw if (r["h"], r["w"], r["c"]) == (1, 999, 512))
    ref1 = next(r for r in one["a>1"] if (r["h"], r["w"], r["c"]) == (1, 999, 512))
    f55, f65 = ref["u55"], ref["u65"]
    ms = lambda cyc, p: cyc / CLOCK_MHZ[p] / 1e3
    m15 = {x[1]: x for x in mres if x[0] == 15}
    mo = [x for x in mres if x[0] != 15]
    assert all(x[4] < 1 for x in mo) and m15["u55"][4] >= 1
    assert all(abs(x[2] - ref[x[1]]["vela"] / ref["n"]) < 1e-3 for x in mo if x[0] != 50)
    assert all(abs(m15[p][2] - ref1[p]["vela"] / ref1["n"]) < 1e-3 for p in PLATS)
    a1in = [r for r in one["a>1"] if in_big2d(r["h"], r["w"], r["c"])]
    a1out = [r for r in one["a>1"] if r["h"] == 1]
    sets = {"all": draw, "2d": tin, "row": row, "a>1 2d": a1in, "a>1 row": a1out}
    fits = {(k, p): fit(rs, p) for k, rs in sets.items() for p in PLATS}

    def lf(k: str) -> str:
        return "; ".join(f"{p.upper()} {round(fits[(k, p)][0]) + 0:,} + {fits[(k, p)][1]:.3f} n (|res| max "
                         f"{np.abs(fits[(k, p)][2]).max():.0%})" for p in PLATS)

    roof_x = {p: np.median([r[p]["vela"] / r[p]["roof"] / (r[p]["vela"] / r["n"]) for r in draw]) for p in PLATS}
    print("# Session 42: Vela 5.2's cycles for a standalone PRELU (synthetic probes; Conv-TasNet encoder)\n")
    print(f"Made by `probe_prelu42.py` (this folder): {len(res)} probes x 2 NPUs, Vela also run on {MODEL} (that model "
          f"only, no label file read); predictor: score_s42 `{RULES}` (3 seeds, geometric mean). Diagnosis only.\n")
    print("## Finding\n")
    print(f"1. Lowering (every probe, both NPUs): a PRELU with per-channel alpha, alpha_max < 1, becomes 3 NPU ops, Mul "
          f"(x 1, the ifm -> ofm rescale) + Mul by alpha (a [1,1,1,C] constant broadcast read from flash on U55 / DRAM "
          f"on U65) + Maximum; alpha_max >= 1 (variant a>1) falls to Vela's 4-op catch-all Relu + Minimum(x, 0) + Mul "
          f"by alpha + Add.")
    print(f"2. Cycles per element (alpha < 1) are flat in n: rescale Mul + Max cost 0.75 + 0.50 (U55) / 0.38 + 0.25 "
          f"(U65) for C >= 16 (twice that at C = 8); the alpha Mul is bound by the constant port's per-element reads "
          f"(`w`): 8.00 / 2.13 on 2-D maps with H, W >= 32 and C >= 32 (asserted; rule T's broadcast-constant cost), "
          f"{amul['u55']} / {amul['u65']} on one-row maps; between (C >= 32): {mid}; C = 16: 1.00 / 0.38 everywhere. "
          f"Totals: 2-D (H, W, C >= 32) U55 {cpe(tin, 'u55')}, U65 {cpe(tin, 'u65')}; one-row maps U55 "
          f"{cpe(row, 'u55')}, U65 {cpe(row, 'u65')}. 1 x 999 x 512: {f55['vela'] / ref['n']:.2f} / "
          f"{f65['vela'] / ref['n']:.2f} cyc/elt = {ms(f55['vela'], 'u55'):.2f} / {ms(f65['vela'], 'u65'):.2f} ms, "
          f"Conv-TasNet's other PRELUs to the cycle.")
    print(f"3. Node 15 is the model's only PRELU with alpha_max >= 1 ({m15['u55'][4]:.3f}): Vela uses the catch-all, "
          f"{m15['u55'][2]:.2f} / {m15['u65'][2]:.2f} cyc/elt = {ms(ref1['u55']['vela'], 'u55'):.2f} / "
          f"{ms(ref1['u65']['vela'], 'u65'):.2f} ms, which the a>1 probe at 1 x 999 x 512 reproduces exactly (a>1 on "
          f"2-D maps H, W, C >= 32: U55 {cpe(a1in, 'u55')}, U65 {cpe(a1in, 'u65')} cyc/elt).")
    print(f"4. Fit a0 + a1 n (least relative squares): all default probes {lf('all')}; 2-D (H, W, C >= 32) "
          f"{lf('2d')}; one-row maps {lf('row')}; a>1 2-D {lf('a>1 2d')}, a>1 one-row {lf('a>1 row')}. The "
          f"intercept is negligible; a1 needs the regime (2-D / row, C, alpha_max >= 1), not n.")
    print(f"5. Roofline: the PRELU's max term is the activation-bytes term (MAC 0, alpha bytes tiny), so Vela / "
          f"roofline = {roof_x['u55']:.0f} x (U55) / {roof_x['u65']:.0f} x (U65) its cyc/elt: default probes U55 "
          f"{rng([r['u55']['vela'] / r['u55']['roof'] for r in draw])}, U65 "
          f"{rng([r['u65']['vela'] / r['u65']['roof'] for r in draw])}; 1 x 999 x 512 {f55['vela'] / f55['roof']:.1f}"
          f" / {f65['vela'] / f65['roof']:.2f}.")
    hi = tr["e55"] >= 7.9
    print(f"6. Training: PRELU is not an unseen type: {tr['n']} PRELUs in {tr['graphs']} of {tr['ngraphs']} mix22 "
          f"graphs (spaces {tr['spaces']}), every one on a 2-D map (H >= {tr['hmin']}, none with H = 1); {int(hi.sum())} "
          f"of them cost >= 7.9 cyc/elt on U55 (all {int(tr['tin'].sum())} in rule T's domain, at median "
          f"{np.median(tr['e55'][tr['tin']]):.2f} / {np.median(tr['e65'][tr['tin']]):.2f}). Every seed has a PRELU "
          f"forest, so NNMeter's unseen-type fallback (roofline x exp(training median log ratio of the mac / nomac "
          f"kind)) is never used for PRELU.")
    print(f"7. Why 2.2 x: the PRELU forest prices 1 x 999 x 512 at {f55['forest'] / ref['n']:.2f} / "
          f"{f65['forest'] / ref['n']:.2f} cyc/elt ({f55['forest'] / f55['vela']:.2f} / {f65['forest'] / f65['vela']:.2f}"
          f" x Vela): with no one-row PRELU in training it prices the row as the 2-D training maps of its size and depth "
          f"(between their 9.25 and 2.25-3.25 modes on U55, at the 2.76 mode on U65), while on a row Vela's alpha Mul "
          f"costs 2.00 / 0.53, not 8.00 / 2.13. "
          f"Forest / Vela: 2-D (H, W, C >= 32) U55 {fr(tin, 'u55')}, U65 {fr(tin, 'u65')}; one-row maps with C >= 32 "
          f"U55 {fr(row32, 'u55')}, U65 {fr(row32, 'u65')}; node 15 only {m15['u55'][3]:.2f} / {m15['u65'][3]:.2f} "
          f"because Vela's catch-all costs more there.")
    print("\n## Conv-TasNet encoder PRELUs (Vela 5.2 run here on that model only)\n")
    print("Lowering: NNG ops with cycles per element each; `w`: the op's constant-port access cycles (OffFlash AC U55, "
          "DRAM AC U65) set its Op Cycles. forest: the predictor's per-op price (cycles).\n")
    print("\n".join(mlines))
    print("\n## Training data (runs/mix22)\n")
    print("\n".join(tlines))
    print("\n## Probe table\n")
    print("n = H W C elements. cyc/elt: Vela's label / n. roof: max of roof_terms (cycles), terms = MAC / act / weight. "
          "forest: the predictor's per-op price / Vela.\n")
    print("| variant | H x W | C | n | alpha_max | U55 lowering (cyc/elt each) | U55 cyc/elt | U55 terms | U55 Vela/roof | "
          "U55 forest/Vela | U65 lowering | U65 cyc/elt | U65 terms | U65 Vela/roof | U65 forest/Vela |")
    print("|---|---|---:|---:|---:|---|---:|---|---:|---:|---|---:|---|---:|---:|")
    for r in res:
        cells = []
        for p in PLATS:
            x = r[p]
            cells += [fmt_low(x["low"], r["n"]), f"{x['vela'] / r['n']:.3f}",
                      " / ".join(f"{v:,.0f}" for v in x["terms"]), f"{x['vela'] / x['roof']:.2f}",
                      f"{x['forest'] / x['vela']:.2f}"]
        print(f"| {r['variant']} | {r['h']}x{r['w']} | {r['c']} | {r['n']:,} | {r['amax']:.3f} | " + " | ".join(cells)
              + " |")
    print(f"\nRuntime {time.time() - t0:.0f} s.")


if __name__ == "__main__":
    main()
