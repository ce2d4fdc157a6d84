"""Session 40, helper diag (issue 22, SRAM): why velamem's default (``velamem.DEFAULT_RULE``) predicts the fresh model
runs/heldoutLXV/models/xresnet1d50_ptbxl_1000x12.tflite within +2.7 % on the U55 (Vela 279.9 KiB) but -55.8 % on the U65
(Vela 663.5 KiB). Diagnosis only: nothing in src/ changes, no number of velamem changes, no rule is chosen.

Part 1: Vela 5.2's SRAM peak on both NPUs (--verbose-allocation; temporary folder, the accelerator / system config of
``jaxeff.gnn.labels.PLATFORMS``, --memory-mode Shared_Sram; session 38's ``diag_lviii38.vela_text``): the live set at
the peak and the next-highest time steps on the U65, each weight buffer named with the operator it belongs to.
Part 2: every weighted operator on the U65: Vela's schedule (--verbose-schedule: OFM, kernel, OFM block, encoded
weights, weight buffer, depth slices; *Vela's cycles are not read*) beside velamem's (its encoded weight estimate and
the buffer it holds, the test that decided it), under the default and under the what-if U2 below; the U55 buffer mode.
Part 3: the feature maps at Vela's U65 peak against velamem's at the same operator.
Part 4: what-ifs (this process only: ``velamem.refetch_buffers`` re-built from its own source with one or two lines
changed, ``velamem.vela_cycles`` wrapped; src/ unchanged), on this model and on V33 (the shared models Vela maps fully +
runs/heldoutV33X npu_full, 284 models, loaded one at a time), session 22's rule (``sram_v2.decide``) against the default
for information. They change only the U65 (the U55 is checked to be unchanged):

* U1: the default + "_ublk" (session 33 addendum 5, an existing selectable flag, not the default): on the U65 the
  whole-weight test's "no slower" own cycles are ``max(c, vela_cycles, conv_ublock_cycles)`` (the U65's 2 x 2 x 8 OFM
  micro-block: a map one pixel high fills half of it, twice the roofline) and its slack ``max(s, vs)``.
* U2: U1 and the slack ``vs`` of a previous CONV_2D also raised to its micro-block cycles (``velamem.vela_cycles``
  returns ``max(vela_cycles, conv_ublock_cycles)`` on the U65; it also enters the "_bdq_vis" compute cycles).
* D: on the U65 a one-OFM-block CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV holds its whole weights whenever the
  "no slower" test ``T + W/16 <= own cycles`` passes, whatever the previous operator's slack (the brief's "allow the
  U65 weight double-buffer": regor keeps a two-slice Double buffer, together the whole weights, when the slack is short).
* U2D: U2 and D.
* U2S: U2 and, on the U65, a one-block convolution that fails the whole-weight test but passes the "no slower" test
  takes velamem's sliced branch (its "_bdq_vis" visible-copy test decides; regor's sliced path for ``refetches == 1``).
* U2+enc (this model only): U2 with Vela's weight codec sizes (``velamem.codec_weight_bytes``, candidate "_enc").

Markdown on stdout (the tables of diag_xres40.md). Deterministic. About 2.5 minutes on 1 core (Vela on 1 model x 2 NPUs,
velamem on 284 V33 models x 6 variants x 2 NPUs, each record loaded and dropped in turn).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set, JAXEFF_MAIN = the checkout holding runs/):
  python docs/evidence/perfsage-cpu-2026-12-07-s40/diag_xres40.py > /tmp/diag_xres40_tables.md
"""
from __future__ import annotations

import contextlib
import gc
import inspect
import json
import os
import pathlib
import re
import sys

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from experiments.perfsage import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "."))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s39"))
from diag_lviii38 import allocation, peak_live, total_sram, vela_text  # noqa: E402
from sram_v2 import decide, summary  # noqa: E402
from diag_c1_39 import _MARKS, v33_list  # noqa: E402  (the trace lines of session 39's traced refetch_buffers)

PL = ("u55", "u65")
RULE = vm.DEFAULT_RULE
MODEL = "xresnet1d50_ptbxl_1000x12"
PATH = MAIN / "runs/heldoutLXV/models" / f"{MODEL}.tflite"

# ---------------------------------------------------------------- what-if refetch_buffers (this process only)
_RFB, _VC = vm.refetch_buffers, vm.vela_cycles
_src = inspect.getsource(_RFB)
for _line, _add in _MARKS.items():
    assert _src.count(_line) == 1, f"velamem.refetch_buffers changed: {_line!r}"
    _src = _src.replace(_line, _line + _add)
_a = "            if xfer[v] <= (s if own_cycles is None else max(s, vs)) and (refetched\n"
_b = "        if ops[v] not in SLICED or w[v] <= 0 or one_block[v]:\n"
_p = "        p = max(16, int(d * sp / t // 16) * 16) if t > max(s, vs) else d\n"
_h = "        before[v] = u\n"
for _line in (_a, _b, _p, _h):
    assert _src.count(_line) == 1, f"velamem.refetch_buffers changed: {_line!r}"
_src = (_src.replace(_a, "            if (xfer[v] <= (s if own_cycles is None else max(s, vs)) or (_X40['D'] and not refetched"
                         " and ops[v] in SLICED)) and (refetched\n")
        .replace(_b, "        if ops[v] not in SLICED or w[v] <= 0 or (one_block[v] and not (_X40['S'] and hide and"
                     " xfer[v] + w[v] / SRAM_WEIGHT_BYTES_PER_CYCLE <= co[v])):\n")
        .replace(_p, _p + "        _DIAG_TR[v].update(t=float(t), p=int(p), d=int(d), sp=float(sp))\n")
        .replace(_h + _MARKS[_h], _h + _MARKS[_h]
                 + "        _DIAG_TR[v].update(own=own_cycles is not None, hide=bool(hide), pl=pl)\n")
        .replace("def refetch_buffers(", "def _x40_rfb(", 1))
vm.__dict__.update(_X40={"D": False, "S": False}, _DIAG_TR={})
exec(compile(_src, "<refetch_buffers x40>", "exec"), vm.__dict__)  # noqa: S102  (this process only)
RFB_X = vm.__dict__["_x40_rfb"]


def _vc_ublk(rec: dict, platform: str, depthwise: bool = False) -> np.ndarray:
    """U2: ``vela_cycles`` raised to the CONV_2D micro-block cycles on the U65 (the slack of the previous operator)."""
    c = _VC(rec, platform, depthwise)
    return np.maximum(c, vm.conv_ublock_cycles(rec, platform)) if vm._platform(platform) == "u65" else c


#: name -> (rule suffix, U2 slack, D, S)
VARS = {"E (default)": ("", False, False, False), "U1": ("_ublk", False, False, False),
        "U2": ("_ublk", True, False, False), "D": ("", False, True, False), "U2D": ("_ublk", True, True, False),
        "U2S": ("_ublk", True, False, True)}


@contextlib.contextmanager
def variant(name: str):
    suf, slack, d, s = VARS[name]
    vm.__dict__["_X40"].update(D=d, S=s)
    vm.refetch_buffers = RFB_X
    if slack:
        vm.vela_cycles = _vc_ublk
    try:
        yield RULE + suf
    finally:
        vm.refetch_buffers, vm.vela_cycles = _RFB, _VC
        vm.__dict__["_X40"].update(D=False, S=False)


def node_sram(rec: dict, pl: str, name: str) -> np.ndarray:
    """velamem's per-operator SRAM (TFLite order) under a what-if; "E (default)" is ``node_sram_bytes`` exactly."""
    n = int(rec["n_ops"])
    with variant(name) as rule:
        return vm._node_sram(rec, pl, None, rule)[:n]


@contextlib.contextmanager
def traced():
    """Capture feature maps, buffers, held / under bytes and the per-operator trace of the (what-if) refetch_buffers."""
    cap, fml, rfb = {}, vm.feature_map_live, vm.refetch_buffers

    def f(rec, *a, **kw):
        cap["fm"] = np.array(fml(rec, *a, **kw))
        return cap["fm"]

    def r(rec, pl, *a, **kw):
        vm.__dict__["_DIAG_TR"] = {}
        b, p = rfb(rec, pl, *a, **kw)
        cap.update(buf=b.copy(), pre=p.copy(), held=kw.get("held"), under=kw.get("under"), rec=rec,
                   tr=dict(vm.__dict__["_DIAG_TR"]))
        return b, p
    vm.feature_map_live, vm.refetch_buffers = f, r
    try:
        yield cap
    finally:
        vm.feature_map_live, vm.refetch_buffers = fml, rfb


def run_traced(rec: dict, pl: str, name: str) -> dict:
    n = int(rec["n_ops"])
    with variant(name) as rule, traced() as cap:
        tot = vm._node_sram(rec, pl, None, rule)[:n]
    cap["tot"] = tot[vm.vela_order(rec, concat_first=True)]  # Vela's order, as the other arrays
    return cap


def explain(tr: dict) -> str:
    """The test that decided one operator's buffer (velamem's numbers, cycles)."""
    br = tr["br"]
    sl = max(tr["s"], tr["vs"]) if tr.get("own") else tr["s"]
    sname = "max(s,vs)" if tr.get("own") else "s"
    head = ""
    if tr.get("pre_x") is not None and br != "split conv":
        w16 = tr["pre_x"] + tr["w"] / vm.SRAM_WEIGHT_BYTES_PER_CYCLE
        head = (f"U65 whole {'taken' if br == 'u65 whole' else 'not taken'}: T={tr['pre_x']:.0f} "
                f"{'<=' if tr['pre_x'] <= sl else '>'} {sname}={sl:.0f}, "
                + ("refetched" if not tr["ob"] else f"T+W/16={w16:.0f} {'<=' if w16 <= tr['co'] else '>'} c_own={tr['co']:.0f}"))
    if br in ("u65 whole", "split conv", "-"):
        return head or br
    if br == "own":
        txt = f"own: W/3.75+64={tr['own_x']:.0f} {'<=' if tr['own_x'] <= tr['c'] else '>'} c={tr['c']:.0f}"
    elif br == "dom: streamed":
        txt = f"dom: streamed (r={tr['r']:.0f})"
    elif br == "one slice":
        txt = f"sliced: T5={tr['t']:.0f} <= slack={tr['sp']:.0f} (one slice)"
    elif br == "vis: dropped":
        txt = f"sliced p={tr.get('p')}/{tr.get('d')}, q={tr.get('q')}: _vis dropped"
    else:
        txt = f"sliced: T5={tr['t']:.0f} > slack={tr['sp']:.0f}, slices {tr.get('edges')}"
    return (head + "; " if head else "") + txt


# ---------------------------------------------------------------- Vela's schedule (no cycles read)
def vela_sched(text: str) -> list[dict]:
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        g = lambda pat: re.search(pat, blk)  # noqa: E731
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        k, w = g(r"Kernel: size=(\d+),(\d+) stride=(\d+),(\d+)"), g(r"Weight buffer = (\d+) bytes \((\w+)\)")
        e, s, b = g(r"Encoded Weights = (\d+)"), g(r"Depth slices = \[([\d, ]+)\]"), g(r"OFM Block=\[([\d, ]+)\]")
        t, u = g(r"Time index = (\d+)"), g(r"Memory Used: (\d+) bytes")
        out.append({"i": int(m.group(1)), "kind": m.group(2), "ofm": "x".join(m.group(3).replace(" ", "").split(",")[1:]),
                    "kernel": f"{k.group(2)}x{k.group(1)}/s{k.group(3)}" if k else "", "t": int(t.group(1)) if t else -1,
                    "wbuf": int(w.group(1)) if w else 0, "mode": w.group(2) if w else "",
                    "enc": int(e.group(1)) if e else 0, "slices": s.group(1).replace(" ", "") if s else "",
                    "block": b.group(1).replace(" ", "") if b else "", "used": int(u.group(1)) if u else 0})
    return out


def col(x, v, c) -> int:
    return int(round(float(x[v, _COL[c]])))


def shp(x, v) -> str:
    return "x".join(str(col(x, v, f"shape{j}")) for j in (1, 2, 3))


def wb_op(name: str) -> str:
    m = re.match(r"WB_(single|double2?)_\d+_op(\d+)", name)
    return f"op{m.group(2)} {m.group(1)}" if m else ""


def live_sums(al: list[dict]) -> dict[int, tuple[int, list[dict]]]:
    seen: set = set()
    al = [a for a in al if not ((a["addr"], a["start"], a["end"]) in seen or seen.add((a["addr"], a["start"], a["end"])))]
    out = {}
    for t in sorted({a["start"] for a in al}):
        live = [a for a in al if a["start"] <= t <= a["end"]]
        out[t] = (sum(a["size"] for a in live), live)
    return out


# ---------------------------------------------------------------- parts
def part1(texts: dict, rec: dict, labs: dict) -> None:
    print("## 1. Vela's SRAM peak (--verbose-allocation)\n")
    print("Vela's live set at the first time index of its largest live sum (Vela's time index: operator k runs at "
          "2k and 2k+1). A weight buffer `WB_<mode>_<bytes>_op<k>` belongs to Vela operator k (part 2). velamem: its "
          "`sram_bytes` under the default rule.\n")
    print("| NPU | Vela total B (KiB) | velamem B | error % | peak time | live set at the peak (name fmt bytes life; op) | sum B |")
    print("|---|---|---:|---:|---:|---|---:|")
    for p in PL:
        t0, live = peak_live(allocation(texts[p]))
        est = vm.sram_bytes(rec, p)
        print(f"| {p} | {total_sram(texts[p])} ({labs[p]:.1f}) | {est:.0f} | {(est / 1024 / labs[p] - 1) * 100:+.1f} | {t0} | "
              + "; ".join(f"{a['name']} {a['fmt']} {a['size']} {a['start']}-{a['end']}"
                          + (f" ({wb_op(a['name'])})" if wb_op(a['name']) else "") for a in live)
              + f" | {sum(a['size'] for a in live)} |")
    print("\n### The eight highest U65 time steps (live sum), weight buffers and feature maps apart\n")
    print("| time | live sum B | weight buffers (op, mode, bytes) | feature maps B |")
    print("|---:|---:|---|---:|")
    ls = live_sums(allocation(texts["u65"]))
    for t in sorted(ls, key=lambda t: (-ls[t][0], t))[:8]:
        tot, live = ls[t]
        wb = [a for a in live if a["name"].startswith("WB_")]
        print(f"| {t} | {tot} | " + "; ".join(f"{wb_op(a['name'])} {a['size']}" for a in wb)
              + f" | {tot - sum(a['size'] for a in wb)} |")


def part2(texts: dict, rec: dict) -> None:
    print("\n## 2. Weighted operators on the U65: Vela's schedule against velamem (default E and what-if U2)\n")
    print("Vela: --verbose-schedule (operator index k = Vela's order, OFM H x W x C, kernel W x H / stride, OFM block, "
          "encoded weights, weight buffer bytes and mode, depth slices; cycles not read). velamem: the same operator in "
          "its Vela order (index i, TFLite operator v, matched by OFM shape), its encoded weight estimate W "
          "(`encoded_weight_bytes`), the buffer it holds (buf) and the bytes fetched under it for the next operator "
          "(held + under), and the test that decided it: T = W / 3.75 + 500 (DRAM copy), s = the previous operator's "
          "roofline cycles, vs = its `vela_cycles` (U2: with CONV_2D micro-block cycles), c_own = the 'no slower' "
          "cycles (E: roofline; U1 / U2: micro-block). U55: Vela's weight buffer mode on the U55.\n")
    vu65 = [o for o in vela_sched(texts["u65"]) if o["enc"] > 0]
    vu55 = {o["i"]: o for o in vela_sched(texts["u55"]) if o["enc"] > 0}
    caps = {nm: run_traced(rec, "u65", nm) for nm in ("E (default)", "U2")}
    rr = caps["E (default)"]["rec"]
    x = np.asarray(rr["x"])
    n = int(rr["n_ops"])
    order = vm.vela_order(rec, concat_first=True)
    w = vm.encoded_weight_bytes(rr)
    mine = [i for i in range(n) if rr["ops"][i] in vm.WEIGHTED]
    if len(vu65) == len(mine) + 1:  # Vela lowers the MEAN (no weights in velamem) to a weighted DepthwiseConv2D
        k = [j for j, o in enumerate(vu65) if o["kind"] == "DepthwiseConv2D"]
        assert len(k) == 1 and "DEPTHWISE_CONV_2D" not in rr["ops"], "unexpected weighted operators"
        mine.insert(k[0], -1)
    assert len(mine) == len(vu65), (len(mine), len(vu65))
    print("| k | Vela kind | OFM | kernel | OFM block | Vela enc. W | Vela U65 buffer | slices | U55 buffer | i (v) | "
          "velamem W | W / Vela | E buf | E held+under | E test | U2 buf | U2 held+under | U2 test |")
    print("|---:|---|---|---|---|---:|---|---|---|---|---:|---:|---:|---:|---|---:|---:|---|")
    for o, i in zip(vu65, mine):
        u55 = vu55.get(o["i"], {})
        row = [str(o["i"]), o["kind"], o["ofm"], o["kernel"], o["block"], str(o["enc"]), f"{o['wbuf']} {o['mode']}",
               o["slices"], f"{u55.get('wbuf', '')} {u55.get('mode', '')}"]
        if i < 0:
            print("| " + " | ".join(row + ["MEAN (velamem: no weights)"] + [""] * 8) + " |")
            continue
        assert o["ofm"].split("x", 1)[1] == "x".join(shp(x, i).split("x")[1:]), (o, shp(x, i))
        row += [f"{i} ({order[i]})", f"{w[i]:.0f}", f"{w[i] / o['enc']:.3f}"]
        for nm in ("E (default)", "U2"):
            c = caps[nm]
            tr = c["tr"].get(i)
            row += [f"{c['buf'][i]:.0f}", f"{c['held'][i] + c['under'][i]:.0f}", explain(tr) if tr else ""]
        print("| " + " | ".join(row) + " |")


def part3(texts: dict, rec: dict) -> None:
    print("\n## 3. Vela's U65 peak against velamem at the same operator\n")
    t0, live = peak_live(allocation(texts["u65"]))
    g = rec["graph"]
    names = {g.tensors[g.ops[v].outputs[0]].name: v for v in range(int(rec["n_ops"]))}
    x = np.asarray(rec["x"])
    print(f"Vela's peak: time {t0} = the last step of Vela operator {t0 // 2}. Its entries, the TFLite operator that "
          "writes each feature map (v):\n")
    print("| entry | fmt | bytes | life | what |")
    print("|---|---|---:|---|---|")
    for a in live:
        v = names.get(a["name"])
        what = (f"{wb_op(a['name'])} weight buffer" if wb_op(a["name"]) else
                f"output of v={v} {rec['ops'][v]} {shp(x, v)}" if v is not None else "")
        print(f"| {a['name']} | {a['fmt']} | {a['size']} | {a['start']}-{a['end']} | {what} |")
    print("\nvelamem per operator around there (Vela's order i; TFLite v), default E and what-ifs U1 / U2: feature maps "
          "(fm), own weight buffer (buf), bytes fetched under it for later operators (held + under), total "
          "(`node_sram_bytes`).\n")
    print("| i | v | kind | OFM | fm | E buf | E held+under | E total | U1 buf | U1 held+under | U1 total | U2 buf | "
          "U2 held+under | U2 total |")
    print("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    caps = {nm: run_traced(rec, "u65", nm) for nm in ("E (default)", "U1", "U2")}
    rr = caps["E (default)"]["rec"]
    xr = np.asarray(rr["x"])
    order = vm.vela_order(rec, concat_first=True)
    for i in list(range(34, 44)) + list(range(60, 66)):
        row = [str(i), str(order[i]), rr["ops"][i], shp(xr, i), f"{caps['E (default)']['fm'][i]:.0f}"]
        for nm in ("E (default)", "U1", "U2"):
            c = caps[nm]
            row += [f"{c['buf'][i]:.0f}", f"{c['held'][i] + c['under'][i]:.0f}", f"{c['tot'][i]:.0f}"]
        print("| " + " | ".join(row) + " |")
    for nm, c in caps.items():
        k = int(np.argmax(c["tot"]))
        print(f"\n- {nm}: peak at i={k} (v={order[k]} {rr['ops'][k]} {shp(xr, k)}): {c['tot'][k]:.0f} B = fm "
              f"{c['fm'][k]:.0f} + buf {c['buf'][k]:.0f} + held/under {c['held'][k] + c['under'][k]:.0f}.")


def part4(rec: dict, labs: dict) -> None:
    print("\n## 4. What-ifs on this model\n")
    print("| variant | U55 B | U55 error % | U65 B | U65 error % | U65 peak i (v, kind, OFM) |")
    print("|---|---:|---:|---:|---:|---|")
    order = vm.vela_order(rec, concat_first=True)
    x = np.asarray(rec["x"])
    for nm in VARS:
        e = {p: float(np.max(node_sram(rec, p, nm))) for p in PL}
        tot = node_sram(rec, "u65", nm)
        v = int(np.argmax(tot))
        i = int(np.flatnonzero(order == v)[0])
        print(f"| {nm} | {e['u55']:.0f} | {(e['u55'] / 1024 / labs['u55'] - 1) * 100:+.1f} | {e['u65']:.0f} | "
              f"{(e['u65'] / 1024 / labs['u65'] - 1) * 100:+.1f} | {i} ({v}, {rec['ops'][v]}, {shp(x, v)}) |")
    enc = {p: np.asarray(vm.codec_weight_bytes(rec, p), np.float64) for p in PL}
    for nm in ("E (default)", "U2"):
        e = {}
        for p in PL:
            r2 = {**rec, "enc_weight_bytes": enc[p]}
            with variant(nm) as rule:
                e[p] = float(np.max(vm._node_sram(r2, p, None, rule + "_enc")[:int(rec["n_ops"])]))
        print(f"| {nm}+enc | {e['u55']:.0f} | {(e['u55'] / 1024 / labs['u55'] - 1) * 100:+.1f} | {e['u65']:.0f} | "
              f"{(e['u65'] / 1024 / labs['u65'] - 1) * 100:+.1f} | |")


def part5() -> None:
    print("\n## 5. The what-ifs on V33 (284 models; session 22's rule against the default, information only)\n")
    errs = {nm: {} for nm in VARS}
    for name, path, y in v33_list():
        rec = record_of(path)
        for nm in VARS:
            for p in PL:
                errs[nm][(name, p)] = (float(np.max(node_sram(rec, p, nm))) / 1024 - y[p]) / y[p] * 100
        del rec
        gc.collect()
    base = errs["E (default)"]
    print("| variant | NPU | n | within 10 % | median abs. % | above 50 % | max abs. % | mean abs. % | models changed "
          "(> 0.05 pt) | closer / farther by > 1 pt |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for nm in VARS:
        for p in PL:
            s = summary(errs[nm], p)
            ch = [k for k in base if k[1] == p and abs(errs[nm][k] - base[k]) > 0.05]
            cl = sum(abs(errs[nm][k]) < abs(base[k]) - 1 for k in ch)
            fa = sum(abs(errs[nm][k]) > abs(base[k]) + 1 for k in ch)
            print(f"| {nm} | {p} | {s['n']} | {s['within10']} | {s['median']:.2f} | {s['above50']} | {s['max']:.1f} | "
                  f"{s['mean']:.2f} | {len(ch)} | {cl} / {fa} |")
    print()
    for nm in list(VARS)[1:]:
        ok, why = decide(base, errs[nm])
        print(f"- {nm} against the default: {'pass' if ok else 'fail'} ({why}).")
    ch = sorted({k[0] for k in base if k[1] == "u65" and any(abs(errs[nm][k] - base[k]) > 0.05 for nm in VARS)},
                key=lambda m: -max(abs(errs[nm][(m, "u65")]) for nm in VARS))
    print(f"\n### U65 errors (%) of the {len(ch)} V33 models some what-if changes\n")
    print("| model | " + " | ".join(VARS) + " |")
    print("|---" * (1 + len(VARS)) + "|")
    for m in ch:
        print(f"| {m} | " + " | ".join(f"{errs[nm][(m, 'u65')]:+.1f}" for nm in VARS) + " |")


def main() -> None:
    os.chdir(MAIN)
    labs = {p: json.load(open(MAIN / "runs/heldoutLXV/labels.json"))[f"{MODEL}.tflite"][f"{p}_sram_kib"] for p in PL}
    texts = {p: vela_text(str(PATH), p) for p in PL}
    rec = record_of(PATH)
    print(f"# diag_xres40 tables: {MODEL} (runs/heldoutLXV), rule `{RULE}`\n")
    part1(texts, rec, labs)
    part2(texts, rec)
    part3(texts, rec)
    part4(rec, labs)
    del rec
    gc.collect()
    part5()


if __name__ == "__main__":
    main()
