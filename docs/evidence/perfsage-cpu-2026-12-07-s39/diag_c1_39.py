"""Session 39, helper diag (issue 22, SRAM): is candidate C1 ("_enc", Vela's weight codec on the model's own weights)
held back by velamem's fitted transfer constants? What-if only: velamem's module constants are replaced in this process
(``velamem.BUFFERING`` / ``velamem.BUFFERING_SLICED``); nothing in src/ changes and no rule is chosen here.

Set: V33 (the shared models Vela maps fully, runs/real_shared/labels.json with files in $JAXEFF_DATA/tflite, plus
runs/heldoutV33X npu_full; 284 models), labels ``u55_sram_kib`` / ``u65_sram_kib``. V33 is a validation set that every
SRAM rule since session 38 was written from; it is not a test set.

Variants (E1 = ``velamem.DEFAULT_RULE``, C1 = E1 + "_enc"):
  E1           the default as it is (the reference of session 22's rule)
  (a) C1       as it is (fitted constants: BUFFERING u55 (1.5, 0) / u65 (3.75, 64); BUFFERING_SLICED u55 (1.25, 256) /
               u65 (5.0, 0))
  (b) C1+VR    C1 with BUFFERING and BUFFERING_SLICED both set to Vela's own rates: u55 (1.0 B/cycle, 0), u65 (3.75, 500)
               (vela.ini's flash / DRAM: ``velamem.WEIGHT_STREAM``, ``velamem.PREBUFFER``)
  (c) C1+VR65  C1 with only the U65 entries set to (3.75, 500) (the U55 keeps the fitted constants)
  (d) E1+VR    E1 (velamem's estimated weight size, no codec) with (b)'s constants: a control
  (e) E1+VR65  E1 with (c)'s constants (extra control)

The codec sizes (``velamem.codec_weight_bytes``, per platform) are computed once per model and cached under /tmp (not
in the repo), with each record stripped of its TFLite graph (weights), one model loaded at a time; the records carry
them as ``enc_weight_bytes`` for the "_enc" rule (E1 is scored on records without that key).

Part 2 (C1 as it is, U65): the operators that gain / lose a weight buffer under C1 on binarynet_vgg_cifar_32,
all_cnn_c_32 and darknet53_256, with the numbers of the test that flips, read off a traced copy of
``velamem.refetch_buffers`` (its own source with trace lines added, executed in this process only), beside Vela 5.2's
own schedule of the same operators (--verbose-schedule, temporary folder).

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set; JAXEFF_MAIN = the checkout holding runs/):
  python docs/evidence/perfsage-cpu-2026-12-07-s39/diag_c1_39.py > docs/evidence/perfsage-cpu-2026-12-07-s39/diag_c1_39.md
The first run builds the cache (about 20 min on 1 core: the codec on 284 models x 2 NPUs); later runs a few minutes.
"""
from __future__ import annotations

import contextlib
import gc
import inspect
import json
import os
import pathlib
import pickle
import sys
import time

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "."))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
from sram_v2 import decide, summary  # noqa: E402

CACHE = pathlib.Path(os.environ.get("DIAG_C1_CACHE", "/tmp/diag_c1_39"))
PL = ("u55", "u65")
E1 = vm.DEFAULT_RULE
C1 = E1 + "_enc"
FITTED = {"BUFFERING": dict(vm.BUFFERING), "BUFFERING_SLICED": dict(vm.BUFFERING_SLICED)}
VELA = {"u55": vm.Buffering(1.0, 0.0), "u65": vm.Buffering(3.75, 500.0)}
assert VELA["u55"].bytes_per_cycle == vm.WEIGHT_STREAM["u55"]
assert VELA["u65"] == vm.PREBUFFER["u65"] and VELA["u65"].bytes_per_cycle == vm.WEIGHT_STREAM["u65"]
#: tag -> (rule, constants per platform (BUFFERING and BUFFERING_SLICED alike) or None = the fitted ones)
VARIANTS = {
    "E1": (E1, None),
    "(a) C1": (C1, None),
    "(b) C1+VR": (C1, {"u55": VELA["u55"], "u65": VELA["u65"]}),
    "(c) C1+VR65": (C1, {"u65": VELA["u65"]}),
    "(d) E1+VR": (E1, {"u55": VELA["u55"], "u65": VELA["u65"]}),
    "(e) E1+VR65": (E1, {"u65": VELA["u65"]}),
}
DIAG = ("binarynet_vgg_cifar_32", "all_cnn_c_32", "darknet53_256")


# ---------------------------------------------------------------- the set and the cache
def v33_list() -> list[tuple[str, pathlib.Path, dict]]:
    out = []
    lab = json.load(open(MAIN / "runs/real_shared/labels.json"))
    d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
    for k, v in lab.items():
        if v.get("npu_full"):
            out.append((f"shared/{k}", d / k, {p: v[f"{p}_sram_kib"] for p in PL}))
    h = MAIN / "runs/heldoutV33X"
    for k, v in json.load(open(h / "labels.json")).items():
        if v.get("npu_full"):
            out.append((f"heldoutV33X/{k}", h / "models" / k, {p: v[f"{p}_sram_kib"] for p in PL}))
    return out


def _cache_file(name: str) -> pathlib.Path:
    return CACHE / (name.replace("/", "__") + ".pkl")


def load_all() -> dict:
    """name -> (record without its graph, labels, {platform: codec bytes per operator}); builds what is missing."""
    CACHE.mkdir(parents=True, exist_ok=True)
    out, t0 = {}, time.time()
    todo = v33_list()
    for i, (name, path, y) in enumerate(todo):
        f = _cache_file(name)
        if not f.exists():
            rec = record_of(path)
            enc = {p: np.asarray(vm.codec_weight_bytes(rec, p), np.float64) for p in PL}
            small = {k: v for k, v in rec.items() if k != "graph"}
            tmp = f.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps((small, y, enc)))
            tmp.rename(f)
            del rec
            gc.collect()
            print(f"[cache {i + 1}/{len(todo)}] {name} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
        out[name] = pickle.loads(f.read_bytes())
    return out


# ---------------------------------------------------------------- what-if constants
@contextlib.contextmanager
def constants(over: dict | None):
    """BUFFERING and BUFFERING_SLICED with the entries of ``over`` replaced (this process only)."""
    if over:
        vm.BUFFERING = {**FITTED["BUFFERING"], **over}
        vm.BUFFERING_SLICED = {**FITTED["BUFFERING_SLICED"], **over}
    try:
        yield
    finally:
        vm.BUFFERING = dict(FITTED["BUFFERING"])
        vm.BUFFERING_SLICED = dict(FITTED["BUFFERING_SLICED"])


def rec_for(entry, pl: str, rule: str) -> dict:
    rec, _, enc = entry
    return {**rec, "enc_weight_bytes": enc[pl]} if rule.endswith("_enc") else rec


def score(models: dict) -> dict:
    """tag -> {(name, platform): signed error %} (sram_v2.errors' form)."""
    errs = {}
    for tag, (rule, over) in VARIANTS.items():
        t0 = time.time()
        with constants(over):
            errs[tag] = {(nm, pl): (vm.sram_bytes(rec_for(e, pl, rule), pl, rule=rule) / 1024 - e[1][pl]) / e[1][pl] * 100
                         for nm, e in models.items() for pl in PL}
        print(f"[score] {tag} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    return errs


# ---------------------------------------------------------------- traced refetch_buffers (part 2)
_RFB = vm.refetch_buffers
_MARKS = {  # a line of velamem.refetch_buffers -> the trace line put after it (same indentation as the next line)
    "        before[v] = u\n":
        "        _DIAG_TR[v] = dict(s=float(s), vs=float(vs), c=float(c[v]), cw=float(cw[v]), co=float(co[v]), w=float(w[v]),"
        " ob=bool(one_block[v]), r=(float(refetches[v]) if refetches is not None else -1.0), st=bool(stream[v]),"
        " buf0=float(buf[v]), own_x=float(w[v] / own.bytes_per_cycle + own.latency),"
        " pre_x=(float(xfer[v]) if hide else None), before=int(u), br='-')\n",
    "        if wsplit[v] > 0:\n": "            _DIAG_TR[v]['br'] = 'split conv'\n",
    "                buf[v], pre[v] = _ceil16(w[v]), 0.0\n": "                _DIAG_TR[v]['br'] = 'u65 whole'\n",
    "        if stream[v]:  # \"*_vblk_dom\": Vela reads its weights from flash / DRAM per block\n":
        "            _DIAG_TR[v]['br'] = 'dom: streamed'\n",
    "        if ops[v] not in SLICED or w[v] <= 0 or one_block[v]:\n": "            _DIAG_TR[v]['br'] = 'own'\n",
    "        if p >= d:  # one slice: a single buffer of the whole weights\n":
        "            _DIAG_TR[v]['br'] = 'one slice'\n",
    "        edges = [0, *range(p, d, q), d]\n":
        "        _DIAG_TR[v].update(br='sliced', t=float(t), p=int(p), d=int(d), q=int(q), edges=list(edges),"
        " vis=((np.diff(edges) / d, float(w[v]), float(vis_c[v]), float(max(s, vs)), float(refetches[v]),"
        " float(WEIGHT_STREAM[pl]), float(vis_lat)) if visible else None))\n",
    "            buf[v] = pre[v] = 0.0  # \"*_bdq_vis\": the visible copy outweighs the saved weight reads\n":
        "            _DIAG_TR[v]['br'] = 'vis: dropped'\n",
}


def _build_traced():
    src = inspect.getsource(_RFB)
    for line, add in _MARKS.items():
        assert src.count(line) == 1, f"velamem.refetch_buffers changed: {line!r}"
        src = src.replace(line, line + add)
    # the one-slice branch must also record t and p: put them in on the line that computes p
    pline = "        p = max(16, int(d * sp / t // 16) * 16) if t > max(s, vs) else d\n"
    assert src.count(pline) == 1, "velamem.refetch_buffers changed (p)"
    src = src.replace(pline, pline + "        _DIAG_TR[v].update(t=float(t), p=int(p), d=int(d), sp=float(max(s, vs)))\n")
    src = src.replace("def refetch_buffers(", "def _diag_c1_rfb(", 1)
    vm.__dict__["_DIAG_TR"] = {}
    exec(compile(src, "<refetch_buffers traced>", "exec"), vm.__dict__)  # noqa: S102  (this process only)
    return vm.__dict__["_diag_c1_rfb"]


_TRACED = _build_traced()


@contextlib.contextmanager
def traced():
    cap = {}

    def r(rec, pl, *a, **kw):
        vm.__dict__["_DIAG_TR"] = {}
        b, p = _TRACED(rec, pl, *a, **kw)
        cap.update(buf=b.copy(), pre=p.copy(), held=kw.get("held"), under=kw.get("under"), last=kw.get("last_slice"),
                   rec=rec, tr=dict(vm.__dict__["_DIAG_TR"]))
        return b, p
    fml = vm.feature_map_live

    def f(rec, *a, **kw):
        cap["fm"] = np.array(fml(rec, *a, **kw))
        return cap["fm"]
    vm.refetch_buffers, vm.feature_map_live = r, f
    try:
        yield cap
    finally:
        vm.refetch_buffers, vm.feature_map_live = _RFB, fml


def vis_numbers(args) -> tuple[float, float]:
    """(visible cycles, saved cycles) of ``velamem._slices_visible`` (its formula, for the report)."""
    frac, w, cv, slack, refetches, stream, latency = args
    xfer = frac * w / stream + latency
    vis = max(xfer[0] - slack, 0.0) + float(np.sum(np.maximum(xfer[1:] - frac[:-1] * cv, 0.0)))
    unmoved = max(refetches, 1.0) * w / stream
    if cv >= unmoved and vis < vm.STARTUP_DELAY_CYCLES * len(frac):
        vis = 0.0
    return vis, max(unmoved - cv, 0.0)


def col(x, v, c) -> int:
    return int(round(float(x[v, _COL[c]])))


def shp(x, v) -> str:
    return "x".join(str(col(x, v, f"shape{j}")) for j in (1, 2, 3))


def run_traced(entry, pl: str, rule: str) -> dict:
    rec = rec_for(entry, pl, rule)
    n = int(rec["n_ops"])
    with traced() as cap:
        tot = vm.node_sram_bytes(rec, pl, rule=rule)[:n]
    order = vm.vela_order(rec, concat_first=True)
    cap["tot_vorder"] = tot[order]
    return cap


def explain(tr: dict) -> str:
    """The test that decided one operator's buffer, with its numbers (cycles)."""
    br = tr["br"]
    head = ""
    if tr.get("pre_x") is not None and br != "split conv":  # the U65 whole-weight prebuffer test comes first
        w16 = tr["pre_x"] + tr["w"] / vm.SRAM_WEIGHT_BYTES_PER_CYCLE
        head = (f"u65 whole {'taken' if br == 'u65 whole' else 'not taken'}: T_dram={tr['pre_x']:.0f} "
                f"{'<=' if tr['pre_x'] <= tr['s'] else '>'} s={tr['s']:.0f}, "
                + ("refetched" if not tr["ob"] else f"T_dram+W/16={w16:.0f} {'<=' if w16 <= tr['co'] else '>'} c={tr['co']:.0f}"))
    if br in ("u65 whole", "split conv", "-"):
        return head or br
    if br == "own":
        ok = "<=" if tr["own_x"] <= tr["c"] else ">"
        txt = f"own: xfer={tr['own_x']:.0f} {ok} c={tr['c']:.0f}"
    elif br == "dom: streamed":
        txt = f"dom: streamed (r={tr['r']:.0f})"
    elif br == "one slice":
        txt = f"sliced: T={tr['t']:.0f} <= slack={tr['sp']:.0f} (one slice)"
    else:
        txt = f"sliced: T={tr['t']:.0f} > slack={tr['sp']:.0f}, p={tr['p']}/{tr['d']}, q={tr['q']}"
        if tr.get("vis") is not None:
            vis, saved = vis_numbers(tr["vis"])
            txt += (f"; _vis: visible={vis:.0f} {'>' if vis > saved else '<='} saved={saved:.0f} "
                    f"(c_v={tr['vis'][2]:.0f}, r={tr['vis'][4]:.0f})" + (" -> dropped" if br == "vis: dropped" else ""))
    return (head + "; " if head else "") + txt


def part2(models: dict, texts: dict) -> list[str]:
    from diag_lviii38 import vela_ops  # noqa: E402
    out = ["## Part 2: C1 (as it is) on the U65: the operators whose weight buffer changes", "",
           "Per weighted operator whose buffer (or pre-buffered / held bytes) differs between E1 and C1, in Vela's order "
           "(velamem's index i). W_est = `encoded_weight_bytes` (E1), W_enc = the codec (C1); buf = the weight buffer "
           "velamem holds for it (B); the test that decided it with its numbers (cycles): `own` = the whole-weight test "
           "of `weight_buffers` (xfer = W / 3.75 + 64 <= c, roofline c); `u65 whole` = the U65 whole-weight prebuffer "
           "(T_dram = W / 3.75 + 500 <= the previous operator's slack s, and refetched or T_dram + W/16 <= c); "
           "`sliced` = `BUFFERING_SLICED` (T = W / 5.0 <= slack: one slice; else depth slices p, q, then the `_vis` "
           "test: visible transfer cycles against the weight-read cycles saved); `dom` = `_vblk_dom` streaming. "
           "Vela: its --verbose-schedule for the same operator (weight buffer, depth slices, cycles; matched by the "
           "order of weighted operators). Peak: velamem's peak operator and its total under each rule.", ""]
    for m in DIAG:
        name = f"heldoutV33X/{m}.tflite"
        e = models[name]
        y = e[1]["u65"]
        a, b = run_traced(e, "u65", E1), run_traced(e, "u65", C1)
        rr = a["rec"]
        x = np.asarray(rr["x"])
        n = int(rr["n_ops"])
        west, wenc = vm.encoded_weight_bytes(rr), np.asarray(b["rec"]["enc_weight_bytes"], float)[:n]
        mine = [i for i in range(n) if rr["ops"][i] in vm.WEIGHTED]
        vops = [o for o in vela_ops(texts[m]) if o["kind"] in ("Conv2D", "FullyConnected", "DepthwiseConv2D",
                                                               "Conv2DBackpropInputSwitchedBias")]
        vmap = dict(zip(mine, vops)) if len(vops) == len(mine) else {}
        ia, ib = int(np.argmax(a["tot_vorder"])), int(np.argmax(b["tot_vorder"]))
        out += [f"### {m} (U65; Vela {y:.1f} KiB; E1 {a['tot_vorder'][ia] / 1024:.1f} KiB "
                f"({(a['tot_vorder'][ia] / 1024 / y - 1) * 100:+.1f} %), peak at i={ia} {rr['ops'][ia]} {shp(x, ia)}; "
                f"C1 {b['tot_vorder'][ib] / 1024:.1f} KiB ({(b['tot_vorder'][ib] / 1024 / y - 1) * 100:+.1f} %), "
                f"peak at i={ib} {rr['ops'][ib]} {shp(x, ib)})", ""]
        if not vmap:
            out.append(f"(Vela's weighted operators: {len(vops)}, velamem's {len(mine)}: not matched)\n")
        out += ["| i | op | OFM | W_est | W_enc | W_enc / W_est | E1 buf | E1 test | C1 buf | C1 test | Vela buffer | "
                "Vela slices | Vela cycles | Vela enc. W |", "|---:|---|---|---:|---:|---:|---:|---|---:|---|---|---|---:|---:|"]
        ha = a["held"] if a["held"] is not None else np.zeros(n)
        hb = b["held"] if b["held"] is not None else np.zeros(n)
        for i in mine:
            if abs(a["buf"][i] - b["buf"][i]) < 1 and abs(ha[i] - hb[i]) < 1 and abs(a["pre"][i] - b["pre"][i]) < 1:
                continue
            vo = vmap.get(i, {})
            ta, tb = a["tr"].get(i, {"br": "-"}), b["tr"].get(i, {"br": "-"})
            out.append(f"| {i} | {rr['ops'][i]} | {shp(x, i)} | {west[i]:.0f} | {wenc[i]:.0f} | {wenc[i] / west[i]:.3f} | "
                       f"{a['buf'][i]:.0f} | {explain(ta)} | {b['buf'][i]:.0f} | {explain(tb)} | {vo.get('wbuf', '')} | "
                       f"{vo.get('slices', '')} | {vo.get('cycles', '')} | {vo.get('enc', '')} |")
        for tag, cp in (("E1", a), ("C1", b)):
            i0 = int(np.argmax(cp["tot_vorder"]))
            z = np.zeros(n)
            held, under = (cp["held"] if cp["held"] is not None else z), (cp["under"] if cp["under"] is not None else z)
            into = [j for j, t in cp["tr"].items() if t.get("before") == i0 and (cp["pre"][j] > 0 or t["br"] == "u65 whole")]
            out.append(f"- {tag} peak i={i0} {rr['ops'][i0]} {shp(x, i0)}: {cp['tot_vorder'][i0]:.0f} B = feature maps "
                       f"{cp['fm'][i0]:.0f} + own weight buffer {cp['buf'][i0]:.0f} ({explain(cp['tr'].get(i0, {'br': '-'}))}) "
                       f"+ next ops' weights fetched under it {held[i0] + under[i0]:.0f} (held whole {held[i0]:.0f}, "
                       f"first slices {under[i0]:.0f}: " + ", ".join(
                           f"i={j} {rr['ops'][j]} {shp(x, j)} {cp['buf'][j] if cp['tr'][j]['br'] == 'u65 whole' else cp['pre'][j]:.0f} B"
                           for j in into) + ").")
        out.append("")
    return out


# ---------------------------------------------------------------- report
def summary_rows(errs: dict) -> list[str]:
    rows = ["| rule | platform | n | within 10 % | median abs. error % | above 50 % | max abs. error % | mean abs. error % |",
            "|---|---|---|---|---|---|---|---|"]
    for tag in VARIANTS:
        for pl in PL:
            s = summary(errs[tag], pl)
            rows.append(f"| {tag} | {pl} | {s['n']} | {s['within10']} | {s['median']:.2f} | {s['above50']} | "
                        f"{s['max']:.1f} | {s['mean']:.2f} |")
    return rows


FINDING = """## Finding

(filled in after the first run; see the tables below)
"""


def main() -> None:
    models = load_all()
    errs = score(models)
    lines = ["# Diagnosis: candidate C1 (\"_enc\") against velamem's fitted transfer constants (session 39, helper)", "",
             "What-if only (velamem's module constants replaced in this process; src/ unchanged; no rule chosen). "
             f"V33 = the shared models Vela maps fully + runs/heldoutV33X npu_full ({len(models)} models); **V33 is not a "
             "test set** (every SRAM rule since session 38, C1 included, was written with it in view). Made by "
             "`diag_c1_39.py` (this folder). E1 = `" + E1 + "`; C1 = E1 + `_enc`. "
             "VR = `BUFFERING` and `BUFFERING_SLICED` both set to Vela's own rates, U55 (1.0 B/cycle, 0), U65 (3.75 B/cycle, "
             "500 cycles) (`WEIGHT_STREAM`, `PREBUFFER`); VR65 = only the U65 entries. Fitted: `BUFFERING` U55 (1.5, 0) / "
             "U65 (3.75, 64), `BUFFERING_SLICED` U55 (1.25, 256) / U65 (5.0, 0). `ONE_BLOCK_AREA` unchanged.", "",
             FINDING, "## Summary (V33, 284 models)", ""]
    lines += summary_rows(errs)
    lines += ["", "## Session 22's rule (`sram_v2.decide`) against E1", ""]
    for tag in VARIANTS:
        if tag == "E1":
            continue
        ok, why = decide(errs["E1"], errs[tag])
        w = sum(summary(errs[tag], pl)["within10"] for pl in PL)
        lines.append(f"- **{tag}**: **{'pass' if ok else 'fail'}** ({why}); within 10 % both NPUs {w} "
                     f"(E1 {sum(summary(errs['E1'], pl)['within10'] for pl in PL)}).")
    ok, why = decide(errs["(d) E1+VR"], errs["(b) C1+VR"])
    lines.append(f"- (information) (b) against (d) (the codec on top of Vela's rates): {'pass' if ok else 'fail'} ({why}).")
    ok, why = decide(errs["(e) E1+VR65"], errs["(c) C1+VR65"])
    lines.append(f"- (information) (c) against (e): {'pass' if ok else 'fail'} ({why}).")
    # models that any variant moves by more than 5 points of absolute error
    tags = list(VARIANTS)
    moved = sorted({nm for (nm, pl) in errs["E1"] for t in tags[1:]
                    if abs(abs(errs[t][(nm, pl)]) - abs(errs["E1"][(nm, pl)])) > 5})
    lines += ["", "## Models whose absolute error some variant moves by more than 5 points (signed error %)", "",
              "| model | NPU | Vela KiB | " + " | ".join(tags) + " |", "|---|---|---:|" + "---:|" * len(tags)]
    for nm in moved:
        for pl in PL:
            if any(abs(abs(errs[t][(nm, pl)]) - abs(errs["E1"][(nm, pl)])) > 5 for t in tags[1:]):
                lines.append(f"| {nm} | {pl} | {models[nm][1][pl]:.1f} | " + " | ".join(
                    f"{errs[t][(nm, pl)]:+.1f}" for t in tags) + " |")
    lines.append(f"\n{len(moved)} models.\n")
    for t in tags[1:]:
        for pl in PL:
            better = sum(abs(errs[t][k]) < abs(errs['E1'][k]) - 1 for k in errs['E1'] if k[1] == pl)
            worse = sum(abs(errs[t][k]) > abs(errs['E1'][k]) + 1 for k in errs['E1'] if k[1] == pl)
            lines.append(f"- {t} {pl}: closer to Vela than E1 by > 1 point on {better} models, farther on {worse}.")
    lines.append("")
    # Vela's schedule of the three part-2 models (U65)
    from diag_lviii38 import vela_text  # noqa: E402
    texts = {m: vela_text(str(MAIN / "runs/heldoutV33X/models" / f"{m}.tflite"), "u65") for m in DIAG}
    lines += part2(models, texts)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
