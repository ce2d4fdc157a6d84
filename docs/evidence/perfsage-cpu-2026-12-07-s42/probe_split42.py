"""Session 42 (issue 22): Vela 5.2's cycles of a CONV_2D it splits into one NPU operation per output pixel (stride
above 3), against rule Q / candidate Qe (``jaxeff.gnn.baselines.split_conv_cycles``), and a per-pixel compute term
fitted to synthetic probes. Synthetic probes only; no real model is read.

Probe: NetBuilder(rng 0): input (1, 1, W_in, C_in) -> [C_in > 1: 1x1 conv C_in -> C_in] -> the measured 1 x K VALID
conv, stride (1, S), C_in -> C_out, fused RELU -> 1x1 conv to 16; int8_graph(seed=0); W_in = (OW - 1) S + K. Per NPU:
Vela's per-op cycles of the measured conv (run_vela + per_op_cycles, as the labels) and its per-layer rows (one row
per output pixel, plus one row for the RELU, which Vela runs as a separate pass over the whole output when it splits
the conv), E = codec_weight_bytes of the measured conv, rule Q's c_px, the stream term W_0 + E / beta, and Qe's
cycles (split_conv_cycles(codec=True)).

Two probe sets:
* dense: the builder's random weights (as every other probe); grid C_in {1, 2, 3, 8, 16, 64} x K {8, 16, 25, 50,
  80, 101, 400 (C_in <= 3)} x S {4, 5, 8, 10} x C_out {16, 32, 64, 128, 256, 512}, a seeded random subset of N_DENSE
  plus real-model-like points (MUST), and a few without the fused RELU (NOACT);
* compressible: the measured conv's weights zero except a random 1/32 and tap 0 of input channel 0, so that E is small
  and the compute term binds on both NPUs (checked: Vela's per-pixel cycles do not change between density 0 and 1/32,
  CHECK); grid C_in {1, 2, 3, 8, 12, 16, 24, 32, 48, 64, 128} x the same K, S, C_out, K C_in C_out <= 2.2 M, a seeded
  random subset of N_SPARSE. The compute forms are fitted on it and checked on the dense probes.
OW uniform in 64..200 (seeded). numpy default_rng(42) for all draws.
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
    python THIS > probe_split42.md   (about 1.5 minutes on 2 cores: 376 probes x 2 Vela compiles)."""
from __future__ import annotations

import itertools
import time

import numpy as np

from jaxeff.gnn.build import NetBuilder

PLATS = ("u55", "u65")
SPLIT_FETCH = {"u55": (64.0, 1.0), "u65": (454.0, 3.71)}  # = baselines.SPLIT_WEIGHT_FETCH (asserted in main)
N_DENSE, N_SPARSE, DENSITY = 200, 150, 1 / 32
KS = (8, 16, 25, 50, 80, 101, 400)
SS = (4, 5, 8, 10)
COS = (16, 32, 64, 128, 256, 512)
MUST = [(1, 80, 4, 128), (1, 80, 4, 256), (1, 11, 5, 64), (1, 51, 5, 32), (1, 101, 10, 32), (1, 25, 4, 64),
        (64, 25, 4, 128), (12, 16, 4, 64), (1, 400, 10, 64), (1, 80, 4, 512), (2, 80, 4, 256), (8, 80, 4, 256)]
NOACT = [(1, 80, 4, 256), (16, 25, 4, 64), (1, 400, 10, 32), (64, 8, 4, 128)]
CHECK = [(1, 80, 4, 256), (64, 25, 4, 128), (16, 25, 4, 64), (8, 80, 4, 256), (1, 16, 4, 64), (32, 50, 5, 128)]
C = np.ceil


class _Builder(NetBuilder):
    """NetBuilder whose next weights keep only a random ``density`` (and [:, 0, 0, 0]) when ``density`` is set."""

    density: float | None = None

    def _weights(self, shape, fan_in):
        w = super()._weights(shape, fan_in)
        if self.density is not None:
            keep = np.random.default_rng(1).random(shape) < self.density
            keep[:, 0, 0, 0] = True
            w = np.where(keep, w, 0).astype(np.float32)
        return w


def grids(rng: np.random.Generator) -> tuple[list, list]:
    dense = [(ci, k, s, co) for ci, k, s, co in itertools.product((1, 2, 3, 8, 16, 64), KS, SS, COS)
             if k != 400 or ci <= 3]
    pick = [dense[i] for i in sorted(rng.choice(len(dense), N_DENSE, replace=False))]
    pts = [p for p in MUST if p not in pick] + pick
    d = [(*p, int(rng.integers(64, 201)), "RELU", None) for p in pts]
    d += [(*p, int(rng.integers(64, 201)), "NONE", None) for p in NOACT]
    sparse = [(ci, k, s, co) for ci, k, s, co in itertools.product(
        (1, 2, 3, 8, 12, 16, 24, 32, 48, 64, 128), KS, SS, COS) if (k != 400 or ci <= 3) and k * ci * co <= 2_200_000]
    pick = [sparse[i] for i in sorted(rng.choice(len(sparse), N_SPARSE, replace=False))]
    sp = [(*p, int(rng.integers(64, 201)), "RELU", DENSITY) for p in pick]
    sp += [(*p, 100, "RELU", dd) for p in CHECK for dd in (0.0, DENSITY)]
    return d, sp


def probe(cin: int, k: int, s: int, cout: int, ow: int, act: str, density: float | None) -> dict:
    from jaxeff.gnn.baselines import SPLIT_WEIGHT_FETCH, split_conv_cycles
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.gnn.realeval import graph_record
    from jaxeff.gnn.velamem import codec_weight_bytes
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = _Builder(np.random.default_rng(0), "probe")
    x = b.input((1, 1, (ow - 1) * s + k, cin))
    if cin > 1:
        x = b.conv(x, cin, 1)
    b.density = density
    x = b.conv(x, cout, (1, k), (1, s), act=act, padding="VALID")
    b.density = None
    buf = int8_graph(b.finish([b.conv(x, 16, 1)]), seed=0)
    q = read_main(buf)
    mi = 1 if cin > 1 else 0
    op = q.ops[mi]
    assert op.type == "CONV_2D" and tuple(q.tensors[op.inputs[1]].shape) == (cout, 1, k, cin)
    assert tuple(q.tensors[op.outputs[0]].shape) == (1, 1, ow, cout)
    oname = q.tensors[op.outputs[0]].name
    rec = graph_record(q)
    only = np.zeros(rec["n_ops"], bool)
    only[mi] = True
    res = dict(cin=cin, k=k, s=s, cout=cout, ow=ow, act=act, density=density,
               c_px=11.0 * k * C(cin / 8) * C(cout / 8) + 200)
    for p in PLATS:
        t0 = time.time()
        v = run_vela(buf, p)
        tv = time.time() - t0
        tot = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[mi])
        mine = [lay for lay in v.layers if lay.name == oname or lay.name.startswith(oname + "_")]
        if act == "NONE":  # no activation pass: the pixel rows carry the output's own name
            pix = [lay for lay in mine if lay.name == oname]
        else:
            pix = [lay for lay in mine if lay.name != oname]
        ext = [lay for lay in mine if lay not in pix]
        assert all(lay.macs == k * cin * cout for lay in pix), "pixel row MACs"
        cyc = np.array([lay.cycles for lay in pix], float)
        e = float(codec_weight_bytes(rec, p, only=only)[mi])
        w0, beta = SPLIT_WEIGHT_FETCH[p]
        res[p] = dict(tot=tot, n_px=len(pix), n_ext=len(ext), ext_macs=sum(lay.macs for lay in ext),
                      px_sum=float(cyc.sum()), first=float(cyc[0]), px=float(cyc[1:].mean()),
                      med=float(np.median(cyc[1:])), spread=float((cyc[1:].max() - cyc[1:].min()) / cyc[1:].mean()),
                      ext=float(sum(lay.cycles for lay in ext)), E=e, stream=w0 + e / beta,
                      qe=float(split_conv_cycles(rec, p, codec=True)[1][mi]),
                      q=float(split_conv_cycles(rec, p)[1][mi]), t=tv)
    return res


# -- analysis helpers

def qtl(r: np.ndarray) -> str:
    """|r| in %: median / 90 % / max."""
    a = np.abs(np.asarray(r, float))
    if not len(a):
        return "-"
    return f"{np.median(a) * 100:.1f} / {np.quantile(a, 0.9) * 100:.1f} / {a.max() * 100:.1f}"


def rq(r: np.ndarray) -> str:
    """min / 10 % / median / 90 % / max."""
    r = np.asarray(r, float)
    if not len(r):
        return "-"
    return " / ".join(f"{np.quantile(r, u):.3f}" for u in (0.0, 0.1, 0.5, 0.9, 1.0))


def lsq(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Least squares on relative error: min sum ((a coef) / y - 1)^2."""
    return np.linalg.lstsq(a / y[:, None], np.ones_like(y), rcond=None)[0]


def part_kernel(cin: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Vela's traversal for an 8-bit CONV_2D (as velamem.codec_weight_bytes): part-kernel first when C_in <= 8 or
    (C_in / ceil8(C_in)) (taps / ceil4(taps)) >= C_in / ceil32(C_in)."""
    return (cin <= 8) | ((cin / (C(cin / 8) * 8)) * (k / (C(k / 4) * 4)) >= cin / (C(cin / 32) * 32))


def forms() -> dict:
    """name -> function(cin, k, cout) -> feature columns (the constant is added by the caller). T_d: Vela's traversal
    (part_kernel): part-kernel first ceil(K/4) ceil(C_in/8), depth first K ceil(C_in/d)."""
    out = {"F1 K ceil(Ci/8) ceil(Co/8) (Q's units)": lambda ci, k, co: [k * C(ci / 8) * C(co / 8)]}
    for d, e in itertools.product((8, 16, 32), (8, 16)):
        out[f"F2 ceil(K Ci/{d}) ceil(Co/{e})"] = (lambda d, e: lambda ci, k, co: [C(k * ci / d) * C(co / e)])(d, e)
    out["F3 ceil(K/4) ceil(Ci/8) ceil(Co/8)"] = lambda ci, k, co: [C(k / 4) * C(ci / 8) * C(co / 8)]
    for d in (16, 32, 64):
        def t(ci, k, d=d):
            return np.where(part_kernel(ci, k), C(k / 4) * C(ci / 8), k * C(ci / d))
        out[f"F4 T{d} ceil(Co/8)"] = (lambda t: lambda ci, k, co: [t(ci, k) * C(co / 8)])(t)
        for m in (8, 16, 32):
            out[f"F5 T{d} (ceil(Co/8), min(ceil(Co/8), {m}))"] = (lambda t, m: lambda ci, k, co: [
                t(ci, k) * C(co / 8), t(ci, k) * np.minimum(C(co / 8), m)])(t, m)
    # F6: F5 with T32, but the part-kernel depth in 16-channel granules above 8 channels (C_in 24 costs as 32)
    def t6(ci, k):
        return np.where(part_kernel(ci, k), C(k / 4) * np.where(ci <= 8, 1, 2 * C(ci / 16)), k * C(ci / 32))
    for m in (8, 16, 32):
        out[f"F6 T32' (ceil(Co/8), min(ceil(Co/8), {m}))"] = (lambda m: lambda ci, k, co: [
            t6(ci, k) * C(co / 8), t6(ci, k) * np.minimum(C(co / 8), m)])(m)
    return out


def arr(rows: list[dict], key: str, p: str | None = None) -> np.ndarray:
    return np.array([(r[p] if p else r)[key] for r in rows], float)


def main() -> None:
    from jaxeff.gnn.baselines import SPLIT_WEIGHT_FETCH

    assert SPLIT_WEIGHT_FETCH == SPLIT_FETCH, SPLIT_WEIGHT_FETCH
    t_start = time.time()
    dpts, spts = grids(np.random.default_rng(42))
    rows, fails = [], []
    for pt in dpts + spts:
        try:
            rows.append(probe(*pt))
        except Exception as e:  # noqa: BLE001 - a probe Vela rejects is reported, not fatal
            fails.append((pt, f"{type(e).__name__}: {str(e)[-200:]}"))
    t_run = time.time() - t_start
    dense = [r for r in rows if r["density"] is None and r["act"] == "RELU"]
    noact = [r for r in rows if r["act"] == "NONE"]
    sparse = [r for r in rows if r["density"] == DENSITY and (r["cin"], r["k"], r["s"], r["cout"], r["ow"])
              not in {(*c, 100) for c in CHECK}]
    check = [r for r in rows if r["density"] is not None and r not in sparse]

    print("# Probe split42: Vela 5.2's per-pixel split CONV_2D vs rule Q / candidate Qe (synthetic probes)\n")
    print("Script: `probe_split42.py` (its docstring describes the probes). "
          f"{len(rows)} probes compiled ({len(dense)} dense RELU, {len(noact)} dense NONE, {len(sparse)} compressible "
          f"RELU, {len(check)} density checks), {len(fails)} failed; probe wall time {t_run:.0f} s "
          f"(Vela compile {sum(r[p]['t'] for r in rows for p in PLATS):.0f} s). Vela 5.2.0, U55 = ethos-u55-128 / "
          "Ethos_U55_High_End_Embedded, U65 = ethos-u65-256 / Ethos_U65_High_End, Shared_Sram (run_vela). "
          "`px` below = the mean of a conv's pixel rows after the first; `Vela_px` = per_op_cycles of the conv / OW "
          "(all pixel rows + the RELU pass); `fetch` = W_0 + E / beta with rule Q's W_0, beta.\n")
    for pt, msg in fails:
        print(f"- failed {pt}: {msg}")

    print("## 1. Is the measured conv split into one operation per output pixel?\n")
    for p in PLATS:
        npx = np.array([r[p]["n_px"] == r["ow"] for r in rows])
        cons = np.array([abs(r[p]["tot"] - r[p]["px_sum"] - r[p]["ext"]) < 1 for r in rows])
        relu = [r for r in rows if r["act"] == "RELU"]
        nex = sorted({r[p]["n_ext"] for r in relu})
        okm = np.mean([r[p]["ext_macs"] == r["ow"] * r["cout"] for r in relu])
        sp = arr(rows, "spread", p)
        print(f"- {p}: pixel rows (MACs = K C_in C_out each) == OW on {npx.sum()} / {len(rows)} probes; "
              f"per_op_cycles == pixel rows + extra rows on {cons.sum()} / {len(rows)}; extra rows per RELU probe "
              f"{nex} (MACs = OW C_out on a share {okm:.2f}), per NONE probe {sorted({r[p]['n_ext'] for r in noact})}; "
              f"(max - min) / mean of the pixel rows after the first: median {np.median(sp):.3f}, "
              f"90 % {np.quantile(sp, 0.9):.3f}, max {sp.max():.3f}")
    print("\nThe extra row is the fused RELU, run as a separate pass over the whole output (absent without the "
          "activation). Fit on all RELU probes, ext = b0 + b1 OW C_out:\n")
    act_fit = {}
    relu = [r for r in rows if r["act"] == "RELU"]
    for p in PLATS:
        y = arr(relu, "ext", p)
        n = arr(relu, "ow") * arr(relu, "cout")
        cf = lsq(np.stack([np.ones_like(n), n], 1), y)
        act_fit[p] = cf
        print(f"- {p}: ext / (OW C_out) {rq(y / n)}; ext = {cf[0]:.1f} + {cf[1]:.4f} OW C_out, |rel. residual| "
              f"{qtl((cf[0] + cf[1] * n) / y - 1)} %")
    print("\nFirst pixel row minus px, over E / beta (rule Q adds one E / beta per conv):\n")
    for p in PLATS:
        for grp, sel in (("C_in = 1 (graph input fed directly)", lambda r: r["cin"] == 1),
                         ("C_in > 1 (after a 1x1 conv)", lambda r: r["cin"] > 1)):
            xs = [r for r in dense if sel(r)]
            ex = np.array([(r[p]["first"] - r[p]["px"]) / (r[p]["stream"] - SPLIT_FETCH[p][0]) for r in xs])
            print(f"- {p}, {grp}, dense: {rq(ex)}")
    print("\nWeight density check (compressible probes, OW 100): px at density 0 / px at density 1/32, and E:\n")
    for c in CHECK:
        a = [r for r in check if (r["cin"], r["k"], r["s"], r["cout"]) == c]
        z = next(r for r in a if r["density"] == 0.0)
        o = next(r for r in a if r["density"] == DENSITY)
        print(f"- {c}: " + "; ".join(f"{p} {z[p]['px'] / o[p]['px']:.4f} (E {z[p]['E']:.0f} / {o[p]['E']:.0f}, "
                                     f"px {o[p]['px']:.0f})" for p in PLATS))

    print("\n## 2. Vela / Qe on the dense probes, per output pixel\n")
    print("Quantiles min / 10 % / median / 90 % / max of per_op_cycles / split_conv_cycles.\n")
    for p in PLATS:
        print(f"- **{p}** Vela / Qe: {rq(arr(dense, 'tot', p) / arr(dense, 'qe', p))}; Vela / Q: "
              f"{rq(arr(dense, 'tot', p) / arr(dense, 'q', p))}")
    for key in ("cin", "k", "cout", "s"):
        print(f"\n| {key} | n | U55 median Vela/Qe | U55 min-max | U65 median Vela/Qe | U65 min-max |")
        print("|---|---:|---:|---:|---:|---:|")
        for v in sorted({r[key] for r in dense}):
            sub = [r for r in dense if r[key] == v]
            cells = []
            for p in PLATS:
                x = arr(sub, "tot", p) / arr(sub, "qe", p)
                cells += [f"{np.median(x):.3f}", f"{x.min():.3f}-{x.max():.3f}"]
            print(f"| {v} | {len(sub)} | " + " | ".join(cells) + " |")

    print("\n## 3. Which term binds (dense probes)?\n")
    for p in PLATS:
        rf = arr(dense, "px", p) / arr(dense, "stream", p)
        print(f"- **{p}** px / fetch: {rq(rf)}; within +-5 %: {np.mean(np.abs(rf - 1) < 0.05):.2f}, above 1.15 "
              f"(compute-bound): {np.mean(rf > 1.15):.2f}, below 0.95: {np.mean(rf < 0.95):.2f}")
        lo = [r for r, f in zip(dense, rf) if f < 0.95]
        if lo:
            print(f"  - below 0.95: (C_in, K, C_out) {sorted({(r['cin'], r['k'], r['cout']) for r in lo})}")
        cbm = rf > 1.15
        if cbm.any():
            print(f"  - px / c_px (rule Q's compute) on the compute-bound: {rq(arr(dense, 'px', p)[cbm] / arr(dense, 'c_px')[cbm])}")
        fb = np.abs(rf - 1) < 0.05
        y, e = arr(dense, "px", p)[fb], arr(dense, "E", p)[fb]
        cf = lsq(np.stack([np.ones_like(e), e], 1), y)
        print(f"  - fetch-bound ({fb.sum()}): refit px = {cf[0]:.1f} + E / {1 / cf[1]:.3f}, |rel. residual| "
              f"{qtl((cf[0] + cf[1] * e) / y - 1)} % (rule Q's W_0 + E / beta: {qtl(arr(dense, 'stream', p)[fb] / y - 1)} %)")
    for p in PLATS:
        rf = arr(sparse, "px", p) / arr(sparse, "stream", p)
        print(f"- compressible, **{p}** px / fetch: {rq(rf)}; above 1.15: {np.mean(rf > 1.15):.2f}")
    r55, r65 = arr(sparse, "px", "u55"), arr(sparse, "px", "u65")
    print(f"- compressible, px U55 / px U65: {rq(r55 / r65)}\n")

    print("## 4. Compute-term fits\n")
    print("Fitted (least squares on relative error, px = a0 + a . U) on the compressible probes whose px > 1.15 fetch; "
          "checked on the dense probes whose px > 1.15 fetch (compute-bound, held out); then the whole per-pixel "
          "price `max(fit, fetch) + RELU pass` (section 1's b0 / OW + b1 C_out) against Vela_px on all dense RELU "
          "probes. Residuals |pred / Vela - 1| in %: median / 90 % / max.\n")
    print("T_d: Vela's traversal (part-kernel first when C_in <= 8 or (C_in/ceil8(C_in)) (taps/ceil4(taps)) >= "
          "C_in/ceil32(C_in), as velamem.codec_weight_bytes): part-kernel ceil(K/4) ceil(C_in/8), depth first "
          "K ceil(C_in/d). T32': as T32, but part-kernel ceil(K/4) (C_in <= 8 ? 1 : 2 ceil(C_in/16)).\n")
    best = {}
    fm = forms()
    for p in PLATS:
        sfit = [r for r in sparse if r[p]["px"] > 1.15 * r[p]["stream"]]
        dcb = [r for r in dense if r[p]["px"] > 1.15 * r[p]["stream"]]
        ys, yd = arr(sfit, "px", p), arr(dcb, "px", p)
        vel = arr(dense, "tot", p) / arr(dense, "ow")
        act = act_fit[p][0] / arr(dense, "ow") + act_fit[p][1] * arr(dense, "cout")
        fetch = arr(dense, "stream", p)
        print(f"### {p}: fitted on {len(sfit)} compressible probes, held-out {len(dcb)} dense compute-bound\n")
        print("| form | a0 | a | fit resid. | dense compute-bound | all dense: price vs Vela_px |")
        print("|---|---:|---|---:|---:|---:|")
        qe_px = arr(dense, "qe", p) / arr(dense, "ow")
        print(f"| rule Q (11 U + 200) / Qe as is | 200 | 11 | {qtl(arr(sfit, 'c_px') / ys - 1)} | "
              f"{qtl(arr(dcb, 'c_px') / yd - 1)} | {qtl(qe_px / vel - 1)} |")
        scores = []
        for name, f in fm.items():
            def cols(rs, f=f):
                u = f(arr(rs, "cin"), arr(rs, "k"), arr(rs, "cout"))
                return np.stack([np.ones(len(rs))] + u, 1)
            cf = lsq(cols(sfit), ys)
            rs_fit = cols(sfit) @ cf / ys - 1
            rs_d = cols(dcb) @ cf / yd - 1
            price = np.maximum(cols(dense) @ cf, fetch) + act
            rs_all = price / vel - 1
            scores.append((np.quantile(np.abs(rs_fit), 0.9), name, cf, rs_fit, rs_d, rs_all))
            print(f"| {name} | {cf[0]:.1f} | {', '.join(f'{c:.3f}' for c in cf[1:])} | {qtl(rs_fit)} | {qtl(rs_d)} | "
                  f"{qtl(rs_all)} |")
        scores.sort(key=lambda s: s[0])
        best[p] = scores[0]
        _, name, cf, rs_fit, rs_d, rs_all = best[p]
        print(f"\nBest by the 90 % fit residual: **{name}**, a0 {cf[0]:.1f}, a {', '.join(f'{c:.3f}' for c in cf[1:])}."
              f" Fit residual by C_in (median of signed, min-max): " + "; ".join(
                  f"{ci}: {np.median(rs_fit[m]):+.3f} ({rs_fit[m].min():+.3f}..{rs_fit[m].max():+.3f})"
                  for ci in sorted({r['cin'] for r in sfit}) for m in [arr(sfit, 'cin') == ci]))
        print(f"; by C_out: " + "; ".join(
            f"{co}: {np.median(rs_fit[m]):+.3f} ({rs_fit[m].min():+.3f}..{rs_fit[m].max():+.3f})"
            for co in sorted({r['cout'] for r in sfit}) for m in [arr(sfit, 'cout') == co]) + "\n")

    print("## 5. Real-model-like points (dense MUST list)\n")
    print("| C_in | K | S | C_out | OW | plat | Vela_px | px | RELU/px | E | fetch | c_px (Q) | Qe_px | Vela/Qe | "
          "best compute | best price / Vela_px |")
    print("|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in dense:
        if (r["cin"], r["k"], r["s"], r["cout"]) not in MUST:
            continue
        for p in PLATS:
            d = r[p]
            _, name, cf, *_ = best[p]
            comp = float(np.concatenate([[1.0], [float(np.ravel(u)[0]) for u in fm[name](
                np.array([r["cin"]], float), np.array([r["k"]], float), np.array([r["cout"]], float))]]) @ cf)
            price = max(comp, d["stream"]) + act_fit[p][0] / r["ow"] + act_fit[p][1] * r["cout"]
            print(f"| {r['cin']} | {r['k']} | {r['s']} | {r['cout']} | {r['ow']} | {p} | {d['tot'] / r['ow']:.0f} | "
                  f"{d['px']:.0f} | {d['ext'] / r['ow']:.0f} | {d['E']:.0f} | {d['stream']:.0f} | {r['c_px']:.0f} | "
                  f"{d['qe'] / r['ow']:.0f} | {d['tot'] / d['qe']:.3f} | {comp:.0f} | "
                  f"{price / (d['tot'] / r['ow']):.3f} |")

    print("\n## 6. Finding (numbers generated by this script)\n")
    print("Units: T = part-kernel first ? ceil(K/4) (C_in <= 8 ? 1 : 2 ceil(C_in/16)) : K ceil(C_in/32), part-kernel "
          "first when C_in <= 8 or (C_in/ceil8(C_in)) (K_h K_w/ceil4(K_h K_w)) >= C_in/ceil32(C_in) (Vela's rule, as "
          "velamem.codec_weight_bytes; F6's T32'); U1 = T ceil(C_out/8), U2 = T min(ceil(C_out/8), 16). "
          "Other forms: section 4.\n")
    k50 = ~((arr(dense, "k") == 50) & np.isin(arr(dense, "cin"), (8, 16)))
    for p in PLATS:
        _, name, cf, rs_fit, rs_d, rs_all = best[p]
        qe_all = arr(dense, "qe", p) / arr(dense, "tot", p) - 1
        print(f"- {p}: compute per pixel = {cf[0]:.1f} + {' + '.join(f'{c:.3f} U{i + 1}' for i, c in enumerate(cf[1:]))}"
              f" with {name}; price per pixel = max(compute, W_0 + E/beta) + RELU pass {act_fit[p][1]:.3f} C_out "
              f"(+ {act_fit[p][0]:.0f} per conv). |err| median / 90 % / max: fit {qtl(rs_fit)} %, dense compute-bound "
              f"{qtl(rs_d)} %, all dense vs Vela_px {qtl(rs_all)} % (Qe: {qtl(qe_all)} %); without the K = 50, "
              f"C_in 8 / 16 probes (E ~10 % high, below) {qtl(rs_all[k50])} % (Qe: {qtl(qe_all[k50])} %).")
    r55, r65 = arr(sparse, "px", "u55"), arr(sparse, "px", "u65")
    both = [(r["u55"]["px"] > 1.15 * r["u55"]["stream"]) and (r["u65"]["px"] > 1.15 * r["u65"]["stream"])
            for r in sparse]
    rb = (r55 / r65)[np.array(both)]
    fr55 = arr(dense, "px", "u55") / arr(dense, "stream", "u55")
    d65 = [r for r in dense if r["u65"]["px"] > 1.15 * r["u65"]["stream"]]
    print(f"- The compute term is the same on both NPUs: px U55 / U65 {rq(rb)} on the {len(rb)} compressible probes "
          "compute-bound on both (one output pixel per operation: the 256-MAC U65 gains nothing over the 128-MAC "
          "U55), so one formula serves both. It grows with the traversal's kernel steps T (part-kernel first: ceil(K/4) taps of one 8-channel "
          "group, or of 16-channel granules above 8 channels; depth first: K ceil(C_in/32)) times the OFM 8-channel "
          "groups, with a cheaper slope past 16 groups (C_out > 128).")
    print(f"- U55: the weight fetch binds on every dense probe (px / (64 + E) {rq(fr55)}); Qe already prices it. "
          f"U65: compute binds on {len(d65)} / {len(dense)} dense probes, C_in in {sorted({r['cin'] for r in d65})}; "
          "there rule Q's c_px = 11 K ceil(C_in/8) ceil(C_out/8) + 200 is "
          f"{rq(arr(d65, 'c_px') / arr(d65, 'px', 'u65'))} x Vela's px (highest at C_out >= 256).")
    print("- Not in Q / Qe: Vela runs a fused RELU as a separate pass over the split conv's whole output, about 1 "
          "cycle per output element on both NPUs (section 1), i.e. + C_out per pixel. Rule Q's one extra E / beta "
          "per conv matches the first pixel only roughly (U55, conv fed by the graph input: 0.5-0.9 E; after another "
          "NPU op: ~0).")
    print("- Uncertain: only 1 x K kernels (K_h = 1) and int8 were probed; the 16-channel granule rests on C_in 24 "
          "alone; on the U65 near the compute / fetch crossover the pixel rows alternate and px sits a few % above "
          "both terms; E (codec) is ~10 % above Vela's fetch for K = 50 at C_in 8 and 16 on both NPUs "
          "(section 3), a codec question, not a compute one.")
    print()

    print("## 7. All probes\n")
    print("density: '-' = dense weights. px = mean pixel row after the first.\n")
    print("| C_in | K | S | C_out | OW | act | density | U55 Vela_px | U55 px | U55 first | U55 E | U55 fetch | "
          "U55 Qe_px | U65 Vela_px | U65 px | U65 first | U65 E | U65 fetch | U65 Qe_px | c_px |")
    print("|" + "---|" * 7 + "---:|" * 13)
    for r in rows:
        cells = []
        for p in PLATS:
            d = r[p]
            cells += [f"{d['tot'] / r['ow']:.0f}", f"{d['px']:.0f}", f"{d['first']:.0f}", f"{d['E']:.0f}",
                      f"{d['stream']:.0f}", f"{d['qe'] / r['ow']:.0f}"]
        dn = "-" if r["density"] is None else f"{r['density']:.4g}"
        print(f"| {r['cin']} | {r['k']} | {r['s']} | {r['cout']} | {r['ow']} | {r['act']} | {dn} | "
              + " | ".join(cells) + f" | {r['c_px']:.0f} |")
    print(f"\nTotal wall time {time.time() - t_start:.0f} s.")


if __name__ == "__main__":
    main()
