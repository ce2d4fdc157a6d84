"""Session 38, helper diag (issue 22, SRAM): why velamem's default (``velamem.DEFAULT_RULE``) misses two fresh models of
families LVIII (sram_LVIII.md): piczak_esc_60x41 on the U55 (Vela 89.1 KiB, velamem -82.0 %; U65 exact) and
ignatov_har_128 on the U65 (Vela 35.0 KiB, velamem -22.9 %; U55 exact). Nothing here changes a number of velamem or
chooses a rule.

Part 1: per model and NPU, Vela 5.2's peak live set (--verbose-allocation; temporary folder, not kept; the accelerator /
system config of ``jaxeff.gnn.labels.PLATFORMS`` and --memory-mode Shared_Sram, as ``jaxeff.gnn.labels.run_vela``)
against velamem's peak operator (``node_sram_bytes``, its ``feature_map_live`` and weight buffers in Vela's order).
Part 2: every weighted operator, Vela's schedule (--verbose-schedule: OFM block, encoded weights, weight buffer, depth
slices, cycles) against velamem's (encoded weight bytes, block count / depth, buffer, roofline and Vela-shaped cycles).
Part 3: the two tests that decide the first convolution's buffer, with velamem's and Vela's numbers.
Part 4: the same operator situation on V33 (the shared models Vela maps fully + runs/heldoutV33X npu_full, as
sram_v33.md): a non-split CONV_2D on fewer than 8 input channels whose weights Vela re-reads per OFM block.
Part 5: what-if rules (not rules of velamem; made in this process only, by wrapping ``velamem.encoded_weight_bytes`` and
re-building ``velamem.refetch_buffers`` from its own source with two lines changed), on every V33 model, every model it
changes listed, and on the two LVIII models:

* X ("narrow-input encoding"): a CONV_2D that Vela does not split per output pixel, on ``C_in`` < 8 input channels
  (:data:`velamem.NARROW_CHANNELS`), has ``encoded_weight_bytes x (1 + SPLIT_EXPANSION / sqrt(C_in))`` encoded weight
  bytes (the expansion velamem already uses for split convolutions, read off session 32's synthetic probes), wherever
  encoded weights enter (whole-weight tests, sliced branch, "_vis" / "_dom" tests, buffer sizes).
* Y ("Vela-rate slices"): in the sliced branch of ``refetch_buffers`` the copy time is Vela's own,
  ``t = W / WEIGHT_STREAM + L`` (L = the U65's DRAM latency of ``PREBUFFER``, 0 on the U55) in place of the fitted
  ``BUFFERING_SLICED``, and the later slice depth is ``q = max(16, ceil16(p x c_v / t))`` with the Vela-shaped cycles
  ``c_v = max(c, conv_ublock_cycles, depthwise_cycles)`` in place of the roofline ``c`` (Vela's python scheduler:
  ``buffering_depth = D x cycles(first slice) / full_transfer_cycles``, rounded to the OFM block depth).
* Yq: as Y, but only ``q`` uses Vela's ``t`` and ``c_v`` (the first slice ``p`` and the one-slice test unchanged).
* X+Y, X+Yq: both.

Markdown on stdout. Deterministic. About 3 minutes (Vela on 2 models x 2 NPUs, velamem on 286 models x 6 rules).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_lviii38.py > tables.md
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import inspect
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from jaxeff.gnn.labels import PLATFORMS
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = os.environ.get("JAXEFF_MAIN", ".")
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from sram_v14 import real_models  # noqa: E402

PLATS = ("u55", "u65")
RULE = vm.DEFAULT_RULE
MODELS = ("piczak_esc_60x41", "ignatov_har_128")
FOLDER, V33 = "heldoutLVIII", "heldoutV33X"


# ---------------------------------------------------------------- Vela
def vela_text(path: str, p: str) -> str:
    acc, sysc = PLATFORMS[p]
    with tempfile.TemporaryDirectory() as out:
        return subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                               "Shared_Sram", "--output-dir", out, "--verbose-schedule", "--verbose-allocation"],
                              capture_output=True, check=True, text=True).stdout


def allocation(text: str) -> list[dict]:
    out, on = [], False
    for line in text.splitlines():
        if line.startswith("Allocation, memory Sram"):
            on = True
            continue
        if on and line.startswith("Allocation Peak"):
            break
        m = re.match(r"\s*(\d+) -\s+(\d+):\s+(0x\w+) -\s+0x\w+:\s+(\d+):\s+(\d+):\s+(\w+)\s+: (\S+)", line)
        if on and m:
            out.append({"start": int(m.group(1)), "end": int(m.group(2)), "addr": m.group(3), "size": int(m.group(4)),
                        "fmt": m.group(6), "name": m.group(7)})
    return out


def peak_live(al: list[dict]) -> tuple[int, list[dict]]:
    seen: set = set()
    al = [a for a in al if not ((a["addr"], a["start"], a["end"]) in seen
                                or seen.add((a["addr"], a["start"], a["end"])))]
    ts = sorted({a["start"] for a in al})
    use = {t: sum(a["size"] for a in al if a["start"] <= t <= a["end"]) for t in ts}
    t0 = max(ts, key=lambda t: (use[t], -t))
    return t0, [a for a in al if a["start"] <= t0 <= a["end"]]


def total_sram(text: str) -> int:
    return int(round(float(re.search(r"Total SRAM used\s+([\d.]+) KiB", text).group(1)) * 1024))


def vela_ops(text: str) -> list[dict]:
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        g = lambda pat: re.search(pat, blk)  # noqa: E731
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        k, t, w = g(r"Kernel: size=(\d+),(\d+)"), g(r"Time index = (\d+)"), g(r"Weight buffer = (\d+) bytes \((\w+)\)")
        e, s, b = g(r"Encoded Weights = (\d+)"), g(r"Depth slices = \[([\d, ]+)\]"), g(r"OFM Block=\[([\d, ]+)\]")
        cy, u = g(r"Cycles=(\d+)"), g(r"Memory Used: (\d+) bytes")
        out.append({"i": int(m.group(1)), "kind": m.group(2), "ofm": m.group(3).strip().replace(", ", "x"),
                    "kernel": f"{k.group(1)}x{k.group(2)}" if k else "", "t": int(t.group(1)) if t else -1,
                    "wbuf": f"{w.group(1)} {w.group(2)}" if w else "", "enc": int(e.group(1)) if e else 0,
                    "slices": s.group(1).replace(" ", "") if s else "", "block": b.group(1).replace(" ", "") if b else "",
                    "cycles": int(cy.group(1)) if cy else 0, "used": int(u.group(1)) if u else 0})
    return out


# ---------------------------------------------------------------- velamem internals (captured, not changed)
@contextlib.contextmanager
def capture():
    """Record the last ``feature_map_live`` / ``refetch_buffers`` results and the reordered record velamem used."""
    cap, fml, rfb = {}, vm.feature_map_live, vm.refetch_buffers

    def f(rec, *a, **kw):
        cap["fm"] = np.array(fml(rec, *a, **kw))
        return cap["fm"]

    def r(rec, pl, *a, **kw):
        b, p = rfb(rec, pl, *a, **kw)
        cap.update(buf=b.copy(), pre=p.copy(), held=kw.get("held"), under=kw.get("under"), rec=rec)
        return b, p
    vm.feature_map_live, vm.refetch_buffers = f, r
    try:
        yield cap
    finally:
        vm.feature_map_live, vm.refetch_buffers = fml, rfb


def col(x, v, c) -> int:
    return int(round(float(x[v, _COL[c]])))


def cin(rec: dict, v: int) -> int:
    x, n, _, _, prods = vm._graph(rec)
    p = vm._feature_input(x, n, prods, v)
    return col(x, p, "shape3") if p is not None else 0


# ---------------------------------------------------------------- what-if rules
_EWB, _RFB = vm.encoded_weight_bytes, vm.refetch_buffers


def _ewb_x(rec: dict) -> np.ndarray:
    """X: narrow-input CONV_2D (C_in < 8, not split per pixel) encoded with the split-conv expansion."""
    w = np.array(_EWB(rec), np.float64)
    x, n, ops, _, prods = vm._graph(rec)
    split = vm.split_convs(rec)
    for v in range(n):
        if ops[v] == "CONV_2D" and not split[v] and w[v] > 0:
            p = vm._feature_input(x, n, prods, v)
            c = col(x, p, "shape3") if p is not None else 0
            if 0 < c < vm.NARROW_CHANNELS:
                w[v] *= 1.0 + vm.SPLIT_EXPANSION / np.sqrt(c)
    return w


def _build_rfb(only_q: bool):
    """refetch_buffers with Vela's copy rate (and Vela-shaped cycles in q): Y (only_q False) or Yq (True)."""
    src = inspect.getsource(_RFB)
    a = "        t, d = w[v] / b.bytes_per_cycle + b.latency, int(depth[v])\n"
    q = "        q = max(16, _ceil16(p * c[v] / t))\n"
    s = "    sched = scheduled_ops(rec)\n"
    assert src.count(a) == 1 and src.count(q) == 1 and src.count(s) == 1, "velamem.refetch_buffers changed"
    tv = "(w[v] / WEIGHT_STREAM[pl] + (PREBUFFER[pl].latency if pl in PREBUFFER else 0.0))"
    src = src.replace(s, "    _cvy = np.maximum.reduce([c, conv_ublock_cycles(rec, pl), depthwise_cycles(rec, pl)])\n" + s)
    if only_q:
        src = src.replace(q, f"        q = max(16, _ceil16(p * _cvy[v] / {tv}))\n")
    else:
        src = src.replace(a, f"        t, d = {tv}, int(depth[v])\n").replace(q, "        q = max(16, _ceil16(p * _cvy[v] / t))\n")
    name = "_diag_rfb_yq" if only_q else "_diag_rfb_y"
    src = src.replace("def refetch_buffers(", f"def {name}(", 1)
    # executed in velamem's own namespace (this process only) so that X's wrapper is seen by it too
    exec(compile(src, f"<refetch_buffers {name}>", "exec"), vm.__dict__)  # noqa: S102
    return vm.__dict__[name]


_RFB_Y, _RFB_YQ = _build_rfb(False), _build_rfb(True)
CANDS = ("X", "Y", "Yq", "X+Y", "X+Yq")


@contextlib.contextmanager
def what_if(name: str):
    vm.encoded_weight_bytes = _ewb_x if name.startswith("X") else _EWB
    vm.refetch_buffers = {"Y": _RFB_Y, "Yq": _RFB_YQ}.get(name.split("+")[-1], _RFB)
    try:
        yield
    finally:
        vm.encoded_weight_bytes, vm.refetch_buffers = _EWB, _RFB


def shp(x, v) -> str:
    return "x".join(str(col(x, v, f"shape{j}")) for j in (1, 2, 3))


# ---------------------------------------------------------------- parts 1-3
def part1(texts: dict, labs: dict, recs: dict) -> None:
    print("## 1. Vela's peak live set against velamem's peak\n")
    print(f"Rule `{RULE}` (the default). Vela: the SRAM allocation table at the first time index of its largest live "
          "sum. velamem: the operator of its maximum `node_sram_bytes` (TFLite index), its feature maps (fm), weight "
          "buffer (buf) and the rest (pre-buffered / held weights), in Vela's order.\n")
    print("| model | NPU | Vela total B | Vela peak time | Vela live set at the peak (name fmt bytes life) | velamem total B "
          "| velamem peak op | fm B | buf B | other B | error % |")
    print("|---|---|---:|---:|---|---:|---|---:|---:|---:|---:|")
    for m in MODELS:
        for p in PLATS:
            t = texts[(m, p)]
            t0, live = peak_live(allocation(t))
            tot = total_sram(t)
            assert abs(sum(a["size"] for a in live) - tot) < 8, (m, p)
            rec = recs[m]
            n = int(rec["n_ops"])
            with capture() as cap:
                est = vm.node_sram_bytes(rec, p, rule=RULE)[:n]
            order = vm.vela_order(rec, concat_first=True)
            v = int(np.argmax(est))
            i = int(np.flatnonzero(order == v)[0])
            x = np.asarray(rec["x"])
            fm, buf = float(cap["fm"][i]), float(cap["buf"][i])
            lab = labs[m][p + "_sram_kib"] * 1024
            print(f"| {m} | {p} | {tot} | {t0} | " + "; ".join(
                f"{a['name']} {a['fmt']} {a['size']} {a['start']}-{a['end']}" for a in live)
                + f" | {int(est[v])} | {v} {rec['ops'][v]} {shp(x, v)} | {int(fm)} | {int(buf)} | "
                  f"{int(est[v] - fm - buf)} | {(est[v] / lab - 1) * 100:+.1f} |")


def part2(texts: dict, recs: dict) -> None:
    print("\n## 2. Weighted operators: Vela's schedule against velamem\n")
    print("Vela: --verbose-schedule (OFM block, \"Encoded Weights\", \"Weight buffer\", \"Depth slices\", cycles). "
          "velamem: `encoded_weight_bytes` W, `weight_refetches` r and block depth of its port of Vela's block search, "
          "its buffer (buf) and pre-buffered slice (pre) under the default rule, roofline cycles c and Vela-shaped "
          "cycles c_v = max(c, `conv_ublock_cycles`, `depthwise_cycles`, `vela_cycles`).\n")
    print("| model | NPU | op | kind | OFM | kernel | Vela OFM block | Vela enc. W | Vela buffer | Vela slices | Vela cycles "
          "| velamem W | r | block depth | buf | pre | c | c_v |")
    print("|---|---|---:|---|---|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m in MODELS:
        rec = recs[m]
        order = vm.vela_order(rec, concat_first=True)
        for p in PLATS:
            with capture() as cap:
                vm.node_sram_bytes(rec, p, rule=RULE)
            rr = cap["rec"]
            x = np.asarray(rr["x"])
            w = vm.encoded_weight_bytes(rr)
            r, bd = vm._conv_blocks(rr, p)
            c = vm.roofline_cycles(rr, p)
            cv = np.maximum.reduce([c, vm.conv_ublock_cycles(rr, p), vm.depthwise_cycles(rr, p),
                                    vm.vela_cycles(rr, p, depthwise=True)])
            wops = [o for o in vela_ops(texts[(m, p)]) if o["kind"] in ("Conv2D", "FullyConnected", "DepthwiseConv2D")]
            mine = [i for i in range(int(rr["n_ops"])) if rr["ops"][i] in vm.WEIGHTED]
            assert len(wops) == len(mine), (m, p)
            for o, i in zip(wops, mine, strict=True):
                print(f"| {m} | {p} | {order[i]} | {rr['ops'][i]} | {shp(x, i)} | {o['kernel']} | {o['block']} | {o['enc']} "
                      f"| {o['wbuf']} | {o['slices']} | {o['cycles']} | {w[i]:.0f} | {r[i]:.0f} | {bd[i]:.0f} | "
                      f"{cap['buf'][i]:.0f} | {cap['pre'][i]:.0f} | {c[i]:.0f} | {cv[i]:.0f} |")


def part3(texts: dict, recs: dict) -> None:
    print("\n## 3. The tests that decide the first convolution's buffer\n")
    print("\"_dom\" / \"_vis\" op-cycle dominance: buffering cannot pay when the operator's cycles reach the cycles of "
          "streaming its weights once per OFM block, `r x W / WEIGHT_STREAM` (U55 1 B / cycle, U65 3.75). Slice depth: "
          "velamem's `q = max(16, ceil16(p c / t))` with `t = W / b + L` of `BUFFERING_SLICED` (U55 1.25 B / cycle, "
          "L 256; U65 5.0, 0) and roofline c, then rounded up to its block depth (\"_bdq\"); Vela's python scheduler "
          "(same form): `D x cycles(first slice) / full_transfer_cycles` rounded up to the OFM block depth, with "
          "Vela's encoded W, its printed cycles and its transfer `W / WEIGHT_STREAM + L` (U65 L = 500).\n")
    print("| model | NPU | r | velamem W | velamem c_v | r W / stream | velamem dominated | Vela W | Vela cycles | "
          "r W_Vela / stream | Vela dominated | velamem q | Vela-form q (Vela W, cycles) | Vela's slices |")
    print("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---|")
    for m in MODELS:
        rec = recs[m]
        for p in PLATS:
            with capture() as cap:
                vm.node_sram_bytes(rec, p, rule=RULE)
            rr = cap["rec"]
            i = next(k for k in range(int(rr["n_ops"])) if rr["ops"][k] == "CONV_2D")
            o = next(o for o in vela_ops(texts[(m, p)]) if o["kind"] == "Conv2D")
            w = float(vm.encoded_weight_bytes(rr)[i])
            r, bd = (float(a[i]) for a in vm._conv_blocks(rr, p))
            c = float(vm.roofline_cycles(rr, p)[i])
            cv = max(c, float(vm.conv_ublock_cycles(rr, p)[i]), float(vm.depthwise_cycles(rr, p)[i]))
            st = vm.WEIGHT_STREAM[p]
            lat = vm.PREBUFFER[p].latency if p in vm.PREBUFFER else 0.0
            b = vm.BUFFERING_SLICED[p]
            d = col(np.asarray(rr["x"]), i, "shape3")
            q = max(16, vm._ceil16(16 * c / (w / b.bytes_per_cycle + b.latency)))
            q = vm._ceil_to(q, int(bd)) if bd > 0 else q
            blk = int(o["block"].split(",")[-1])
            qv = vm._ceil_to(int(np.ceil(d * (o["cycles"] * 16 / d) / (o["enc"] / st + lat))), blk)
            print(f"| {m} | {p} | {r:.0f} | {w:.0f} | {cv:.0f} | {r * w / st:.0f} | {'yes' if cv >= r * w / st else 'no'} "
                  f"| {o['enc']} | {o['cycles']} | {r * o['enc'] / st:.0f} | "
                  f"{'yes' if o['cycles'] >= r * o['enc'] / st else 'no'} | {q} | {qv} | {o['slices']} |")


# ---------------------------------------------------------------- parts 4-5
def part4(models: dict, err: dict) -> None:
    print("\n## 4. The operator situation on V33: a non-split CONV_2D on C_in < 8 whose weights Vela re-reads "
          "per OFM block (`weight_refetches` > 1)\n")
    print("Listed where it can set the peak: its feature maps (velamem's fm there) plus its whole weights at X's "
          "encoded size exceed velamem's estimate. Per model and NPU: how many such convolutions, the one with the "
          "largest fm + W_X (TFLite index, OFM, C_in, velamem W, W_X, r), velamem's fm and buffer for it (default rule), "
          "whether it is velamem's peak operator, and the default error.\n")
    print("| model | NPU | n | conv: op OFM C_in W W_X r | fm | velamem buf | fm + W_X | velamem total | at velamem's peak "
          "| Vela KiB | default % |")
    print("|---|---|---:|---|---:|---:|---:|---:|---|---:|---:|")
    rows = nall = 0
    for nm in sorted(models):
        rec, y = models[nm]
        x, n, ops, _, _ = vm._graph(rec)
        split = vm.split_convs(rec)
        w = vm.encoded_weight_bytes(rec)
        order = vm.vela_order(rec, concat_first=True)
        for p in PLATS:
            r = vm.weight_refetches(rec, p)
            hit = [v for v in range(n) if ops[v] == "CONV_2D" and not split[v] and 0 < cin(rec, v) < vm.NARROW_CHANNELS
                   and r[v] > 1]
            if not hit:
                continue
            nall += 1
            with capture() as cap:
                est = vm.node_sram_bytes(rec, p, rule=RULE)[:n]
            wx = _ewb_x(rec)
            pos = {u: int(np.flatnonzero(order == u)[0]) for u in hit}
            v = max(hit, key=lambda u: cap["fm"][pos[u]] + wx[u])
            i = pos[v]
            if cap["fm"][i] + wx[v] <= est.max():
                continue
            rows += 1
            print(f"| {nm} | {p} | {len(hit)} | {v} {shp(x, v)} {cin(rec, v)} {w[v]:.0f} {wx[v]:.0f} {r[v]:.0f} | "
                  f"{cap['fm'][i]:.0f} | {cap['buf'][i]:.0f} | {cap['fm'][i] + wx[v]:.0f} | {est.max():.0f} | "
                  f"{'yes' if int(np.argmax(est)) == v else 'no'} | {y[p]:.1f} | {err[('default', nm, p)]:+.1f} |")
    print(f"\n{rows} of the {nall} (model, NPU) pairs with such a convolution.")


def errors(models: dict, names: list, cands: tuple) -> dict:
    err = {}
    for c in ("default",) + cands:
        with what_if(c):
            for nm in names:
                rec, y = models[nm]
                for p in PLATS:
                    err[(c, nm, p)] = (vm.sram_bytes(rec, p, rule=RULE) / 1024 / y[p] - 1) * 100
    return err


def part5(models: dict, err: dict, fresh: dict, ferr: dict) -> None:
    names = sorted(models)
    print(f"\n## 5. What-if rules on V33 ({len(names)} models: shared npu_full + runs/{V33} npu_full)\n")
    print("| rule | NPU | n | within 10 % | median abs. % | mean abs. % | above 50 % | max abs. % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in ("default",) + CANDS:
        for p in PLATS:
            a = np.abs([err[(c, nm, p)] for nm in names])
            print(f"| {c} | {p} | {len(a)} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} |")
    print(f"\n### The two LVIII models under each what-if (runs/{FOLDER})\n")
    print("| model | rule | U55 Vela KiB | U55 % | U65 Vela KiB | U65 % |")
    print("|---|---|---:|---:|---:|---:|")
    for nm in sorted(fresh):
        y = fresh[nm][1]
        for c in ("default",) + CANDS:
            print(f"| {nm} | {c} | " + " | ".join(f"{y[p]:.1f} | {ferr[(c, nm, p)]:+.1f}" for p in PLATS) + " |")
    for c in CANDS:
        ch = [nm for nm in names if any(abs(err[(c, nm, p)] - err[("default", nm, p)]) > 1e-9 for p in PLATS)]
        print(f"\n### Models {c} changes ({len(ch)} of {len(names)})\n")
        print("| model | U55 Vela KiB | U55 default % | U55 " + c + " % | U65 Vela KiB | U65 default % | U65 " + c + " % |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for nm in ch:
            y = models[nm][1]
            print(f"| {nm} | " + " | ".join(f"{y[p]:.1f} | {err[('default', nm, p)]:+.1f} | {err[(c, nm, p)]:+.1f}"
                                            for p in PLATS) + " |")


def main() -> None:
    os.chdir(MAIN)
    labs = json.load(open(os.path.join("runs", FOLDER, "labels.json")))
    labs = {m: labs[m + ".tflite"] for m in MODELS}
    paths = {m: os.path.join("runs", FOLDER, "models", m + ".tflite") for m in MODELS}
    recs = {m: record_of(paths[m]) for m in MODELS}
    with concurrent.futures.ThreadPoolExecutor(4) as ex:
        fut = {(m, p): ex.submit(vela_text, paths[m], p) for m in MODELS for p in PLATS}
        texts = {k: f.result() for k, f in fut.items()}
    for m in MODELS:
        for p in PLATS:
            assert abs(total_sram(texts[(m, p)]) - labs[m][p + "_sram_kib"] * 1024) < 8, (m, p)
    part1(texts, labs, recs)
    part2(texts, recs)
    part3(texts, recs)
    models = real_models(V33)
    names = sorted(models)
    err = errors(models, names, CANDS)
    fresh = {f"{FOLDER}/{m}.tflite": (recs[m], {p: labs[m][p + "_sram_kib"] for p in PLATS}) for m in MODELS}
    ferr = errors(fresh, sorted(fresh), CANDS)
    part4(models, err)
    part5(models, err, fresh, ferr)


if __name__ == "__main__":
    main()
