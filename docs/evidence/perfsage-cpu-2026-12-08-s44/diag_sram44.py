"""Session 44 helper diag (issue 22, SRAM): why velamem's default rule S2 (``velamem.DEFAULT_RULE``) over-predicts two
fresh models of runs/heldoutLXXIII: deepsea_1000x4 on the U65 (Vela 387.8 KiB, velamem +228.7 %; U55 +2.6 %) and
deepbind_101x4 (U55 Vela 1.6 KiB, +101.9 %; U65 2.2 KiB, +52.2 %). Diagnosis only: nothing in src/ changes, no rule
is chosen.

Parts (markdown on stdout):
1. Totals and peaks: Vela's "Total SRAM used", its peak live set (--verbose-allocation), velamem's peak operator
   (``node_sram_bytes``) with its terms (session 40's ``diag_xres40.run_traced`` under the default, checked equal).
2. Vela's schedule, consecutive split sub-operations folded (--verbose-schedule).
3. Per TFLite operator: Vela's "Memory Used" (op / buf / nl) against velamem's fm / buf / pre / held / under.
4. Weighted operators: Vela's buffer, slices, block, cycles against velamem's decisive test.
5. A replay, with Vela's own printed numbers (encoded weights, OFM block, op cycles, previous operation's cycles), of
   the weight-buffering acceptance of regor's ``Scheduler::ProposeSlicedWeightBuffering`` as read in a public copy of
   Vela's C++ sources (hapv3/neural-compiler, ethosu/regor/compiler/scheduler.cpp; not the 5.2 tag, see the .md).
6. What-ifs (this process only; ``velamem.refetch_buffers`` / ``velamem._slices_visible`` rebuilt from their own
   source with a few lines changed): A = the slack after a pool Vela splits per output pixel is one sub-operation's
   cycles (as "_spslack" does for split convolutions); B = velamem's one-slice branch, where its copy is not hidden (T > slack), also takes
   the "_bdq_vis" no-slower test; L = that test's unbuffered weight time counts the DRAM / flash latency once per fetch; V = Vela's
   printed cycles in place of velamem's (slack of a split operator = its last sub-operation).
7. (--v41) A, B, L, BL and A+BL on V41 (shared npu_full + runs/heldout_all npu_full), models whose prediction changes;
8. (--v41) Vela on tc_resnet8_98x40 and keras_mnist_convnet_28 (U65; 2 more runs) to check B's and L's changes there.

Vela 5.2 runs 4 times (2 models x 2 NPUs; session 38's ``diag_lviii38.vela_text``: the labels' accelerator / system
configs, Shared_Sram, --verbose-schedule --verbose-allocation), one at a time, about 15 s in all; ``--cache DIR`` keeps
the texts (``DIR/<model>_<npu>.txt``). Without --v41 about 20 s more; --v41 adds about 3-4 minutes (one record at a time).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA / JAXEFF_MAIN set):
  python docs/evidence/perfsage-cpu-2026-12-08-s44/diag_sram44.py [--cache DIR] [--v41] > /tmp/diag_sram44_tables.md
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import inspect
import json
import math
import os
import pathlib
import re
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "."))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s40"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
from jaxeff.gnn import velamem as vm  # noqa: E402
from jaxeff.gnn.realeval import record_of  # noqa: E402

_RFB0, _SV0, _VC0 = vm.refetch_buffers, vm._slices_visible, vm.vela_cycles  # the library's own, before any what-if
import diag_xres40 as X  # noqa: E402  (its traced refetch_buffers, used for "E (default)" only)
from diag_lviii38 import allocation, peak_live, total_sram, vela_text  # noqa: E402

PL = ("u55", "u65")
MODELS = ("deepsea_1000x4", "deepbind_101x4")
FOLDER = MAIN / "runs/heldoutLXXIII/models"
LABELS = MAIN / "runs/heldoutLXXIIIa/labels.json"
RULE = vm.DEFAULT_RULE
#: memory of the weights (Shared_Sram: const area on AXI1) and of the staging SRAM, per NPU, from vela.ini:
#: U55-128 64-bit AXI x OffChipFlash clock scale 0.125 = 1 B/cycle, read latency 64; SRAM 8 B/cycle, latency 32.
#: U65-256 128-bit AXI x Dram clock scale 0.234375 = 3.75 B/cycle, read latency 500; SRAM 16 B/cycle, latency 32.
MEM = {"u55": (1.0, 64.0, 8.0, 32.0), "u65": (3.75, 500.0, 16.0, 32.0)}
STARTUP = 1000  # regor's STARTUP_DELAY_CYCLES
SPLIT = 16  # regor's OFM_SPLIT_DEPTH


# ---------------------------------------------------------------- Vela
def vela_texts(cache: pathlib.Path | None) -> dict:
    out = {}
    for m in MODELS:
        for p in PL:
            f = cache / f"{m}_{p}.txt" if cache else None
            if f is not None and f.exists():
                out[m, p] = f.read_text()
                continue
            out[m, p] = vela_text(str(FOLDER / f"{m}.tflite"), p)  # one Vela at a time
            if f is not None:
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_text(out[m, p])
    return out


def parse(text: str) -> list[dict]:
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        g = lambda pat: re.search(pat, blk)  # noqa: E731
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        w, e = g(r"Weight buffer = (\d+) bytes \((\w+)\)"), g(r"Encoded Weights = (\d+)")
        s, b = g(r"Depth slices = \[([\d, ]+)\]"), g(r"OFM Block=\[([\d, ]+)\]")
        st, cy = g(r"OFM Stripe\s+= \[([\d, ]+)\]"), g(r"Cycles=(\d+)")
        mu = g(r"Memory Used: (\d+) bytes \(op=(\d+), buf=(\d+), ccd=(\d+), nl=(\d+)\)")
        ofm = [int(v) for v in m.group(3).replace(" ", "").strip(",").split(",")]
        blk_ = [int(v) for v in b.group(1).split(",")] if b else []
        out.append({"k": int(m.group(1)), "kind": m.group(2), "ofm": ofm, "ofm_s": "x".join(map(str, ofm[1:])),
                    "wbuf": int(w.group(1)) if w else 0, "mode": w.group(2) if w else "",
                    "enc": int(e.group(1)) if e else 0, "slices": [int(v) for v in s.group(1).split(",")] if s else [],
                    "block": blk_, "stripe": st.group(1).replace(" ", "") if st else "",
                    "cyc": int(cy.group(1)) if cy else 0,
                    "mem": [int(mu.group(j)) for j in range(1, 6)] if mu else [0] * 5,
                    # regor's weightsRefetch: OFM blocks in height x width
                    "r": (math.ceil(ofm[1] / blk_[1]) * math.ceil(ofm[2] / blk_[2])) if blk_ else 0})
    return out


def groups(ops: list[dict]) -> list[list[dict]]:
    """Consecutive Vela operations of one kind and one OFM shape (a per-output-pixel split) as one group."""
    out: list[list[dict]] = []
    for o in ops:
        if out and out[-1][0]["kind"] == o["kind"] and out[-1][0]["ofm"] == o["ofm"] and o["kind"] == "MaxPool":
            out[-1].append(o)
        else:
            out.append([o])
    return out


KINDS = {"Conv2D": "CONV_2D", "MaxPool": "MAX_POOL_2D", "FullyConnected": "FULLY_CONNECTED"}


def tflite_of(rec: dict, gr: list[list[dict]]) -> dict[int, list[dict]]:
    """TFLite operator -> its Vela operations (RESHAPE runs none; a LOGISTIC after a FULLY_CONNECTED is fused)."""
    ops = rec["ops"]
    tfl = [v for v in range(int(rec["n_ops"])) if ops[v] not in ("RESHAPE", "LOGISTIC")]
    assert len(tfl) == len(gr), (tfl, [g[0]["kind"] for g in gr])
    for v, g in zip(tfl, gr):
        assert KINDS[g[0]["kind"]] == ops[v], (v, ops[v], g[0]["kind"])
    return dict(zip(tfl, gr))


# ---------------------------------------------------------------- regor's acceptance test, replayed
def round_away(v: float, m: int) -> int:
    return int(-(-int(v) // m) * m)


def regor_slices(D: int, c: float, T: float, slack: float, dom: bool, bd: int) -> list[int]:
    """The depth slices regor proposes (sliced method; halfBufferLimit not binding): prebuffer ratio from the slack,
    first slice p, later slices q = RoundAway(max(D c_p / T, 16), block depth) with c_p ~ c p / D (regor measures
    the first slice's cycles with EstimateOpPerformance; here proportional to depth)."""
    min_split = min(SPLIT / D, 1.0)
    ratio = min(slack / T, 1.0)
    aligned = math.floor(ratio / min_split) * min_split
    pre = 1.0 if (1.0 - aligned) < min_split / 2 else ratio
    if dom and 0.5 < pre < 1.0:
        pre = min(max(round_away(math.floor(D * 0.5), SPLIT) / D, 0.5), 1.0)
    pre = max(pre, min_split)
    if pre >= 1.0:
        return [0, D]
    p = max(int(D * pre) // 8 * 8, SPLIT)
    if p >= D:
        return [0, D]
    q = round_away(max(int(D * (c * p / D) / T), SPLIT), bd)
    return [0, *range(p, D, q), D]


def regor_check(pl: str, W: float, D: int, r: int, c: float, slack: float, first: bool, slices: list[int]) -> dict:
    """regor's 'take the buffering if it looks the same or better' on given slices (Vela's numbers)."""
    B, L, Bs, Ls = MEM[pl]
    T = max(W / B + L, W / Bs + (250.0 if pl == "u65" else 0.0))  # MemToMemCycles (source read / write latency)
    U = r * (W / B + L)  # cyclesUnmoved: MinReadCycles (with latency) per fetch
    F = r * (W / Bs + Ls)  # cyclesFromBuffer
    dom = c > U
    small = T * min(D, SPLIT) / D
    force = first and r > 1 and (small < U / 10 or small <= STARTUP)
    usable = slack if not first else (STARTUP if force else 0.0)
    d = np.diff(slices)
    vis, prev = 0.0, None
    for i, di in enumerate(d):
        ti = W * di / D / B + L
        sl = usable if i == 0 else (c * prev / D if len(d) > 1 else 0.0)
        vis += max(ti - sl, 0.0)
        prev = di
    new = max(c + vis, F)
    comp = ""
    if dom and vis / len(d) < STARTUP:
        new -= vis
        comp = "visible/slice < 1000: ignored"
    orig = max(c, U)
    take = not (orig < new or (r == 1 and T + F > orig))
    return {"T": T, "U": U, "F": F, "dom": dom, "force": force, "usable": usable, "vis": vis, "new": new,
            "orig": orig, "take": take, "comp": comp}


# ---------------------------------------------------------------- what-ifs (this process only)
_src = inspect.getsource(_RFB0)
_LINES = {
    "area": "    area = x[:n, _COL[\"shape1\"]] * x[:n, _COL[\"shape2\"]]\n",
    "vs": "        vs, vslack = vslack, cw[v]\n",
    "one": "        if p >= d:  # one slice: a single buffer of the whole weights\n",
}
for _k, _l in _LINES.items():
    assert _src.count(_l) == 1, f"velamem.refetch_buffers changed: {_l!r}"
_src = (_src.replace(_LINES["area"], _LINES["area"] + "    _spool44 = split_pools(rec)\n")
        .replace(_LINES["vs"], _LINES["vs"]
                 + "        if _W44['A'] and _spool44[v]:  # A: the slack of one per-pixel sub-operation\n"
                 "            slack, vslack = c[v] / max(area[v], 1.0), cw[v] / max(area[v], 1.0)\n")
        .replace(_LINES["one"], _LINES["one"]
                 + "            if _W44['B'] and visible and t > max(s, vs) and _slices_visible(\n"
                 "                    np.ones(1), w[v], vis_c[v], max(s, vs),\n"
                 "                                                      refetches[v], WEIGHT_STREAM[pl], vis_lat):\n"
                 "                buf[v] = pre[v] = 0.0  # B: the one-slice buffer takes the no-slower test too\n"
                 "                continue\n")
        .replace("def refetch_buffers(", "def _w44_rfb(", 1))
_svsrc = inspect.getsource(_SV0)
_u = "    unmoved = max(refetches, 1.0) * w / stream\n"
assert _svsrc.count(_u) == 1, "velamem._slices_visible changed"
_svsrc = (_svsrc.replace(_u, "    unmoved = max(refetches, 1.0) * (w / stream + (latency if _W44['L'] else 0.0))\n")
          .replace("def _slices_visible(", "def _w44_sv(", 1))
vm.__dict__["_W44"] = {"A": False, "B": False, "L": False}
exec(compile(_src, "<refetch_buffers w44>", "exec"), vm.__dict__)  # noqa: S102  (this process only)
exec(compile(_svsrc, "<_slices_visible w44>", "exec"), vm.__dict__)  # noqa: S102
RFB_W, SV_W = vm.__dict__["_w44_rfb"], vm.__dict__["_w44_sv"]


@contextlib.contextmanager
def whatif(flags: str, vcyc: np.ndarray | None = None):
    vm.__dict__["_W44"].update(A="A" in flags, B="B" in flags, L="L" in flags)
    vm.refetch_buffers, vm._slices_visible = RFB_W, SV_W
    if vcyc is not None:
        vm.vela_cycles = lambda rec, platform, depthwise=False: np.asarray(vcyc, np.float64).copy()
    try:
        yield
    finally:
        vm.refetch_buffers, vm._slices_visible, vm.vela_cycles = _RFB0, _SV0, _VC0
        vm.__dict__["_W44"].update(A=False, B=False, L=False)


def sram_whatif(rec: dict, pl: str, flags: str, vcyc: np.ndarray | None = None) -> float:
    n = int(rec["n_ops"])
    with whatif(flags, vcyc):
        return float(np.max(vm._node_sram(rec, pl, vcyc, RULE, test_cycles=vcyc)[:n]))


def vela_cycle_array(rec: dict, pl: str, tmap: dict) -> np.ndarray:
    """Vela's printed cycles per TFLite operator: the last Vela operation of each (a split operator's last
    sub-operation, which is the slack the next operator sees); velamem's roofline where Vela runs none."""
    c = vm.roofline_cycles(rec, pl).copy()
    for v, g in tmap.items():
        c[v] = g[-1]["cyc"]
    return c


# ---------------------------------------------------------------- V41 side effects
def v41_models() -> list[tuple[str, pathlib.Path, dict]]:
    out = []
    lab = json.load(open(MAIN / "runs/real_shared/labels.json"))
    d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
    for k, v in lab.items():
        if v.get("npu_full"):
            out.append((f"shared/{k}", d / k, {p: v[f"{p}_sram_kib"] for p in PL}))
    h = MAIN / "runs/heldout_all"
    for k, v in json.load(open(h / "labels.json")).items():
        if v.get("npu_full"):
            out.append((f"heldout_all/{k}", h / "models" / k, {p: v[f"{p}_sram_kib"] for p in PL}))
    return out


def v41_part(cands: tuple[str, ...]) -> None:
    print(f"\n## 7. Side effects on V41 (what-ifs {', '.join(cands)} against the default)\n")
    models = v41_models()
    err = {f: {} for f in ("", *cands)}
    for name, path, y in models:
        rec = record_of(path)
        for pl in PL:
            err[""][name, pl] = (vm.sram_bytes(rec, pl) / 1024 / y[pl] - 1) * 100
            for f in cands:
                err[f][name, pl] = (sram_whatif(rec, pl, f) / 1024 / y[pl] - 1) * 100
        del rec
        gc.collect()
    print(f"{len(models)} models (shared npu_full + runs/heldout_all npu_full). Error = (velamem / Vela - 1) x 100.\n")
    print("| variant | NPU | within 10 % | median abs % | mean abs % | above 50 % | max abs % | models changed |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for f in ("", *cands):
        for pl in PL:
            a = np.abs([e for (nm, p), e in err[f].items() if p == pl])
            ch = sum(1 for (nm, p), e in err[f].items() if p == pl and abs(e - err[""][nm, p]) > 1e-9)
            print(f"| {f or 'E (default)'} | {pl} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} | {ch if f else ''} |")
    changed = sorted({nm for f in cands for (nm, p), e in err[f].items() if abs(e - err[""][nm, p]) > 1e-9})
    print("\n| model | " + " | ".join(f"{pl} {f or 'E'} %" for pl in PL for f in ("", *cands)) + " |")
    print("|---" * (1 + (1 + len(cands)) * len(PL)) + "|")
    for nm in changed:
        cells = [f"{err[f][nm, pl]:+.1f}" for pl in PL for f in ("", *cands)]
        print(f"| {nm} | " + " | ".join(cells) + " |")


# ---------------------------------------------------------------- operator-level check of B and L on V41 models
CHECK = (("tc_resnet8_98x40", "B"), ("keras_mnist_convnet_28", "L"))  # runs/heldout_all, U65


def check_part(cache: pathlib.Path | None) -> None:
    print("\n## 8. Operator-level check of B and L on two V41 models they change (U65; one Vela run each)\n")
    print("The convolutions whose velamem buffer the what-if changes, matched to Vela's Conv2D operations in order "
          "(OFM shapes checked), with Vela's buffer and the section-5 replay on Vela's numbers.\n")
    print("| model | what-if | Vela total B | velamem E B | what-if B | v | OFM | velamem buf E -> what-if | Vela k | "
          "Vela buffer | Vela W_enc | r | c | prev cyc | replay visible / new / orig | replay |")
    print("|---|---|---:|---:|---:|---:|---|---|---:|---|---:|---:|---:|---:|---|---|")
    p = "u65"
    for m, f in CHECK:
        path = MAIN / "runs/heldout_all/models" / f"{m}.tflite"
        cf = cache / f"{m}_{p}.txt" if cache else None
        if cf is not None and cf.exists():
            text = cf.read_text()
        else:
            text = vela_text(str(path), p)
            if cf is not None:
                cf.write_text(text)
        flat = parse(text)
        rec = record_of(path)
        n = int(rec["n_ops"])
        x = np.asarray(rec["x"])
        order = vm.vela_order(rec, concat_first=True)
        bufs = {}
        for g in ("", f):
            cap = {}
            with whatif(g):
                rfb = vm.refetch_buffers

                def r(rec_, pl, *a, _rfb=rfb, **kw):
                    b, q = _rfb(rec_, pl, *a, **kw)
                    cap["buf"] = b.copy()
                    return b, q
                vm.refetch_buffers = r
                cap["tot"] = float(np.max(vm._node_sram(rec, p, None, RULE)[:n]))
            bufs[g] = cap
        convs_t = [int(v) for v in order if rec["ops"][v] == "CONV_2D"]
        convs_v = [o for o in flat if o["kind"] == "Conv2D"]
        assert len(convs_t) == len(convs_v)
        vt_ = int(re.search(r"Allocation Peak Tensor Size: (\d+) bytes", text.split("Allocation, memory Sram", 1)[1]).group(1))
        for i, v in enumerate(order):
            b0, b1 = bufs[""]["buf"][i], bufs[f]["buf"][i]
            if b0 == b1:
                continue
            o = convs_v[convs_t.index(int(v))]
            assert o["ofm_s"] == X.shp(x, int(v)), (o["ofm_s"], X.shp(x, int(v)))
            prev = next((q for q in flat if q["k"] == o["k"] - 1), None)
            slack = prev["cyc"] if prev else 0.0
            B, L, _, _ = MEM[p]
            T = o["enc"] / B + L
            tested = o["slices"] if o["wbuf"] else regor_slices(o["ofm"][3], o["cyc"], T, slack, o["cyc"] > o["r"] * T,
                                                                 o["block"][3])
            rc = regor_check(p, o["enc"], o["ofm"][3], o["r"], o["cyc"], slack, prev is None, tested)
            print(f"| {m} | {f} | {vt_} | {bufs['']['tot']:.0f} | {bufs[f]['tot']:.0f} | {int(v)} | {o['ofm_s']} | "
                  f"{b0:.0f} -> {b1:.0f} | {o['k']} | {o['mode']} {o['wbuf']} {o['slices']} | {o['enc']} | {o['r']} | "
                  f"{o['cyc']} | {prev['cyc'] if prev else '-'} | {rc['vis']:.0f} / {rc['new']:.0f} / {rc['orig']:.0f} | "
                  f"{'buffer' if rc['take'] else 'none'} |")


# ---------------------------------------------------------------- report
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=pathlib.Path)
    ap.add_argument("--v41", nargs="?", const="A,B,L,BL,ABL", default=None,
                    help="what-ifs to score on V41, comma-separated (default A,B,L,BL,ABL)")
    a = ap.parse_args()
    os.chdir(MAIN)
    labs = json.load(open(LABELS))
    texts = vela_texts(a.cache)
    recs = {m: record_of(FOLDER / f"{m}.tflite") for m in MODELS}
    vops = {k: parse(t) for k, t in texts.items()}
    tmaps = {(m, p): tflite_of(recs[m], groups(vops[m, p])) for m in MODELS for p in PL}
    caps = {}
    for m in MODELS:
        rec, n = recs[m], int(recs[m]["n_ops"])
        assert np.array_equal(vm.vela_order(rec, concat_first=True), np.arange(n))  # Vela's order is TFLite's here
        for p in PL:
            caps[m, p] = X.run_traced(rec, p, "E (default)")
            assert np.allclose(caps[m, p]["tot"], vm.node_sram_bytes(rec, p)[:n])
    est = {(m, p): vm.sram_bytes(recs[m], p) for m in MODELS for p in PL}
    # Vela's total: the labels' KiB (sram_memory_used, exact to the byte) = the text's 'Allocation Peak' of the SRAM
    vt = {(m, p): int(round(labs[f"{m}.tflite"][f"{p}_sram_kib"] * 1024)) for m in MODELS for p in PL}
    for k, t in texts.items():
        assert abs(total_sram(t) - vt[k]) < 8, k
        assert int(re.search(r"Allocation Peak Tensor Size: (\d+) bytes", t.split("Allocation, memory Sram", 1)[1]).group(1)) == vt[k]
    # the reported errors (sram_LXXIII.md) and the numbers the .md quotes
    for (m, p), e in {("deepsea_1000x4", "u65"): 228.7, ("deepsea_1000x4", "u55"): 2.6,
                      ("deepbind_101x4", "u55"): 101.9, ("deepbind_101x4", "u65"): 52.2}.items():
        assert abs((est[m, p] / 1024 / labs[f"{m}.tflite"][f"{p}_sram_kib"] - 1) * 100 - e) < 0.06, (m, p)
    assert est["deepsea_1000x4", "u65"] == 1305280 and vt["deepsea_1000x4", "u65"] == 397120
    assert caps["deepsea_1000x4", "u65"]["buf"][2] == 1110240 and caps["deepsea_1000x4", "u65"]["under"][1] == 452320
    assert est["deepbind_101x4", "u55"] == est["deepbind_101x4", "u65"] == 3360
    assert caps["deepbind_101x4", "u55"]["buf"][0] == 1696 and vt["deepbind_101x4", "u65"] == 2208

    print(f"# diag_sram44 tables: deepsea_1000x4 / deepbind_101x4 (runs/heldoutLXXIII), velamem `{RULE}` vs Vela 5.2\n")

    # 1. totals and peaks
    print("## 1. Totals and peaks\n")
    print("| model | NPU | Vela total B | velamem B | error % | Vela peak time: live set (bytes) | velamem peak op: "
          "fm + buf + pre(next) + held + under = total |")
    print("|---|---|---:|---:|---:|---|---|")
    for m in MODELS:
        for p in PL:
            c, x = caps[m, p], np.asarray(recs[m]["x"])
            t0, live = peak_live(allocation(texts[m, p]))
            i = int(np.argmax(c["tot"]))
            nxt = c["tot"][i] - c["fm"][i] - c["buf"][i] - c["held"][i] - c["under"][i]
            print(f"| {m} | {p} | {vt[m, p]} | {est[m, p]:.0f} | {(est[m, p] / vt[m, p] - 1) * 100:+.1f} | t={t0}: "
                  + " + ".join(f"{a_['name']} {a_['size']}" for a_ in live) + f" = {sum(a_['size'] for a_ in live)} | "
                  f"v{i} {recs[m]['ops'][i]} {X.shp(x, i)}: {c['fm'][i]:.0f} + {c['buf'][i]:.0f} + {nxt:.0f} + "
                  f"{c['held'][i]:.0f} + {c['under'][i]:.0f} = {c['tot'][i]:.0f} |")

    # 2. Vela's allocation and schedule
    print("\n## 2. Vela's SRAM allocation (--verbose-allocation) and schedule (--verbose-schedule, split sub-operations "
          "folded)\n")
    print("Vela time index t: operation k runs at 2k and 2k+1. `WB_<mode>_<bytes>_op<k>`: weight buffer of operation k.\n")
    for m in MODELS:
        for p in PL:
            al = allocation(texts[m, p])
            print(f"**{m}, {p}** allocation: " + "; ".join(f"{a_['name']} {a_['size']} B t {a_['start']}-{a_['end']}"
                                                          for a_ in al) + "\n")
            print("| Vela k | kind | OFM | OFM stripe | OFM block | refetches | enc B | weight buffer | slices | cycles "
                  "(each) | Memory Used (op, buf, nl) |")
            print("|---|---|---|---|---|---:|---:|---|---|---:|---|")
            for g in groups(vops[m, p]):
                o = g[0]
                kk = f"{o['k']}" + (f"-{g[-1]['k']} ({len(g)} ops)" if len(g) > 1 else "")
                mm = max(g, key=lambda q: q["mem"][0])["mem"]
                print(f"| {kk} | {o['kind']} | {o['ofm_s']} | {o['stripe']} | {','.join(map(str, o['block']))} | "
                      f"{o['r'] if o['enc'] else ''} | {o['enc'] or ''} | {f'''{o['wbuf']} {o['mode']}''' if o['enc'] else ''} | "
                      f"{o['slices'] if o['enc'] else ''} | {o['cyc']} | {mm[0]} ({mm[1]}, {mm[2]}, {mm[4]}) |")
            print()

    # 3. per operator
    print("## 3. Per TFLite operator: Vela's 'Memory Used' against velamem's `node_sram_bytes` terms\n")
    print("velamem: fm = live feature maps, buf = own weight buffer, pre = its pre-buffered part, held = whole weights "
          "of the next operator fetched under it (U65 rule), under = pre-buffered bytes of the next operator fetched "
          "under it (\"_wlive\"); total = fm + buf + held + under here. Vela: the largest 'Memory Used' of the "
          "operator's Vela operations (a weight buffer's pre-fetched part is in the allocation, not in 'Memory Used').\n")
    print("| model | NPU | v | TFLite op | OFM | Vela k | Vela mem (op, buf, nl) | Vela buffer | fm | buf | pre | held | "
          "under | total | total - Vela mem |")
    print("|---|---|---:|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for m in MODELS:
        x = np.asarray(recs[m]["x"])
        for p in PL:
            c = caps[m, p]
            for v in range(int(recs[m]["n_ops"])):
                g = tmaps[m, p].get(v)
                if g:
                    o = max(g, key=lambda q: q["mem"][0])
                    kk = f"{g[0]['k']}" + (f"-{g[-1]['k']}" if len(g) > 1 else "")
                    vm_ = f"{o['mem'][0]} ({o['mem'][1]}, {o['mem'][2]}, {o['mem'][4]})"
                    vb = f"{g[0]['wbuf']} {g[0]['mode']}" if g[0]["enc"] else ""
                    diff = f"{c['tot'][v] - o['mem'][0]:+.0f}"
                else:
                    kk, vm_, vb, diff = "-", "(none: reshape / fused)", "", ""
                print(f"| {m} | {p} | {v} | {recs[m]['ops'][v]} | {X.shp(x, v)} | {kk} | {vm_} | {vb} | {c['fm'][v]:.0f} | "
                      f"{c['buf'][v]:.0f} | {c['pre'][v]:.0f} | {c['held'][v]:.0f} | {c['under'][v]:.0f} | "
                      f"{c['tot'][v]:.0f} | {diff} |")

    # 4. weighted operators
    print("\n## 4. Weighted operators: Vela's schedule against velamem's decisive test\n")
    print("Vela: encoded weights, buffer, slices, refetches (OFM blocks in H x W), cycles of it and of the Vela "
          "operation before it (a split pool's last sub-operation). velamem: W (`encoded_weight_bytes`), codec W "
          "(`codec_weight_bytes`, candidate \"_enc\"), buffer, branch / slices, r, s = slack (previous roofline), vs = "
          "previous `vela_cycles`, c = own roofline, vis_c = the \"_bdq_vis\" compute cycles (max of c, vela_cycles, "
          "conv_ublock_cycles, depthwise_cycles), test = `diag_xres40.explain`.\n")
    print("| model | NPU | v | OFM | Vela W_enc | Vela buffer | Vela slices | r | Vela cyc | prev cyc | velamem W | codec W | "
          "buf | slices | r | s | vs | c | vis_c | test |")
    print("|---|---|---:|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for m in MODELS:
        rec = recs[m]
        x = np.asarray(rec["x"])
        w = vm.encoded_weight_bytes(rec)
        for p in PL:
            cw = np.asarray(vm.codec_weight_bytes(rec, p))
            visc = np.maximum.reduce([vm.roofline_cycles(rec, p), vm.vela_cycles(rec, p, depthwise=True),
                                      vm.conv_ublock_cycles(rec, p), vm.depthwise_cycles(rec, p)])
            flat = vops[m, p]
            for v, g in sorted(tmaps[m, p].items()):
                o = g[0]
                if not o["enc"]:
                    continue
                prev = next((q for q in flat if q["k"] == o["k"] - 1), None)
                tr = caps[m, p]["tr"].get(v, {})
                print(f"| {m} | {p} | {v} | {X.shp(x, v)} | {o['enc']} | {o['wbuf']} {o['mode']} | {o['slices']} | "
                      f"{o['r']} | {o['cyc']} | {prev['cyc'] if prev else '-'} | {w[v]:.0f} | {cw[v]:.0f} | "
                      f"{caps[m, p]['buf'][v]:.0f} | {tr.get('edges', '')} | {tr.get('r', 0):.0f} | {tr.get('s', 0):.0f} | "
                      f"{tr.get('vs', 0):.0f} | {tr.get('c', 0):.0f} | {visc[v]:.0f} | {X.explain(tr) if tr else ''} |")

    # 5. regor replay
    print("\n## 5. regor's weight-buffer acceptance replayed with Vela's own numbers\n")
    print("B / L = weight memory bandwidth (B/cycle) and read latency; T = MemToMemCycles = W/B + L (U65: max with W/16 "
          "+ 250); U = cyclesUnmoved = r (W/B + L); F = cyclesFromBuffer = r (W/Bs + 32); dom = c > U "
          "(opcycleDominated); force = forceInitialBuffer (first op, r > 1, smallest slice copy <= 1000 or < U/10); "
          "slack = the previous Vela operation's cycles (slackBufferingCycles = its opCycles; 0 for the first, where "
          "usable slack = 1000 if forced); visible = slice 0's copy beyond the usable slack + each later slice's copy "
          "beyond the compute of the slice before it (compute ~ c x depth / D); ignored when dom and visible / slices < "
          "1000. new = c + visible, orig = max(c, U). Buffer taken unless orig < new, or r = 1 and T + F > orig. "
          "'regor slices' = the slices the replay proposes (first-slice cycles ~ proportional to depth); the test is "
          "run on Vela's printed slices where Vela buffers, else on the proposed ones.\n")
    print("| model | NPU | Vela k | W_enc | D | r | c | slack | T | U | dom | force | regor slices | tested slices | "
          "visible | new | orig | replay | Vela |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|---:|---:|---|---|")
    agree = 0
    total = 0
    for m in MODELS:
        for p in PL:
            flat = vops[m, p]
            for o in flat:
                if not o["enc"]:
                    continue
                prev = next((q for q in flat if q["k"] == o["k"] - 1), None)
                D, bd = o["ofm"][3], o["block"][3]
                slack = prev["cyc"] if prev else 0.0
                B, L, _, _ = MEM[p]
                T = o["enc"] / B + L
                U = o["r"] * T
                prop = regor_slices(D, o["cyc"], T, slack, o["cyc"] > U, bd)
                tested = o["slices"] if o["wbuf"] else prop
                rc = regor_check(p, o["enc"], D, o["r"], o["cyc"], slack, prev is None, tested)
                total += 1
                agree += rc["take"] == bool(o["wbuf"])
                print(f"| {m} | {p} | {o['k']} | {o['enc']} | {D} | {o['r']} | {o['cyc']} | {slack:.0f} | {rc['T']:.0f} | "
                      f"{rc['U']:.0f} | {'yes' if rc['dom'] else 'no'} | {'yes' if rc['force'] else 'no'} | {prop} | "
                      f"{tested} | {rc['vis']:.0f}{' (' + rc['comp'] + ')' if rc['comp'] else ''} | {rc['new']:.0f} | "
                      f"{rc['orig']:.0f} | {'buffer' if rc['take'] else 'none'} | {o['mode']} {o['wbuf']} |")
    print(f"\nThe replay agrees with Vela's buffer / none on {agree} of {total} weighted operations.\n")
    # the first-op force clause of DeepBind's conv with velamem's weights
    print("DeepBind conv 0 (first operation, D = 16, r = 2): forceInitialBuffer needs the one-slice copy T <= 1000 "
          "cycles (U/10 = T/5 here, never larger). T = W/B + L per weight estimate:\n")
    print("| NPU | W | T | forced (usable slack 1000) |")
    print("|---|---|---:|---|")
    rec = recs["deepbind_101x4"]
    for p in PL:
        B, L, _, _ = MEM[p]
        for nm, W in (("Vela W_enc", tmaps["deepbind_101x4", p][0][0]["enc"]),
                      ("velamem encoded_weight_bytes", float(vm.encoded_weight_bytes(rec)[0])),
                      ("velamem codec_weight_bytes", float(np.asarray(vm.codec_weight_bytes(rec, p))[0]))):
            T = W / B + L
            print(f"| {p} | {nm} {W:.0f} | {T:.0f} | {'yes' if T <= STARTUP else 'no'} |")

    # 6. what-ifs
    print("\n## 6. What-ifs on velamem (this process only)\n")
    print("E = the default; A = the slack after a pool Vela splits per output pixel (`split_pools`) is one sub-operation's "
          "cycles (c / OFM pixels, for both s and vs), as \"_spslack\" does after a split convolution; B = the one-slice "
          "branch of `refetch_buffers` (p >= D), where the copy is not hidden under the previous operator (T > max(s, vs): "
          "p was clamped up to D, e.g. D <= 16), also takes the \"_bdq_vis\" test (`_slices_visible` on one slice); L = "
          "`_slices_visible`'s unbuffered weight time is r (W / B + L) (the U65's 500-cycle DRAM latency once per fetch; "
          "velamem's U55 latency there is 0) instead of r W / B; V = Vela's printed cycles for every operator (cycles, "
          "the \"_vslack\" slack and the U65 whole-weight test's own cycles; a split operator's = its last "
          "sub-operation's, the slack its successor sees), velamem's micro-block cycles kept in vis_c.\n")
    vars_ = ("", "A", "B", "BL", "ABL", "V", "VBL")
    print("| model | NPU | Vela B | " + " | ".join(f"{f or 'E'} B (err %)" for f in vars_) + " |")
    print("|---|---|---:|" + "---|" * len(vars_))
    for m in MODELS:
        for p in PL:
            cells = []
            for f in vars_:
                vc = vela_cycle_array(recs[m], p, tmaps[m, p]) if "V" in f else None
                b = sram_whatif(recs[m], p, f.replace("V", ""), vc)
                if f == "":
                    assert b == est[m, p]
                cells.append(f"{b:.0f} ({(b / vt[m, p] - 1) * 100:+.1f})")
            print(f"| {m} | {p} | {vt[m, p]} | " + " | ".join(cells) + " |")

    if a.v41:
        v41_part(tuple(a.v41.split(",")))
        check_part(a.cache)


if __name__ == "__main__":
    main()
