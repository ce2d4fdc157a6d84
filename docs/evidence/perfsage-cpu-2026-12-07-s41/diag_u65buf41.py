"""Session 41 helper diag (issue 22, SRAM, U65): which condition separates the weighted operators Vela 5.2 buffers whole
on the Ethos-U65 (Ethos_U65_High_End, weights in DRAM) from those it leaves unbuffered although session 40's what-if U2
(micro-block cycles in velamem's U65 whole-weight tests) would buffer them. Diagnosis only: nothing in src/ changes, no
rule is chosen.

Per model (runs/heldout_all/models, validation): Vela on the U65 (--verbose-schedule --verbose-allocation, session 38's
``diag_lviii38.vela_text``; one Vela at a time), every weighted operator (Conv2D / DepthwiseConv2D / FullyConnected) with
Vela's buffer mode and bytes, encoded weights, depth slices, OFM block, OFM, kernel, Vela's printed op cycles and the
previous Vela operation's, and velamem's default (E) and U2 decisions (session 40's ``diag_xres40.run_traced``; the
what-if ``refetch_buffers`` is rebuilt in that module's process only). Vela operations that are one split convolution
(consecutive operations with the same OFM, kernel and encoded weights, OFM stripe one pixel) are folded into one row.
Then the hypotheses of the brief are scored (buffer vs not) on the operators U2 buffers whole and on all matched ones.

Markdown on stdout. Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA / JAXEFF_MAIN set):
  python docs/evidence/perfsage-cpu-2026-12-07-s41/diag_u65buf41.py [--cache DIR] [--more] > /tmp/diag_u65buf41.md
--cache DIR: read / write Vela's U65 text as DIR/<model>.u65.txt (no Vela run when present).
--more: also the five extra U65-missed models of the brief.
"""
from __future__ import annotations

import argparse
import gc
import math
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "."))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s40"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
import diag_xres40 as X  # noqa: E402  (builds its what-if refetch_buffers in this process only)
from diag_lviii38 import vela_text  # noqa: E402
from experiments.perfsage import record_of  # noqa: E402
from jaxeff.gnn import velamem as vm  # noqa: E402

MODELS = ["xresnet1d50_ptbxl_1000x12", "wav2letter_raw_16000", "resnet50_224", "overfeat_fast_231", "vgg_m_224",
          "resnet_v2_50_224"]
MORE = ["tiny_yolov2_416", "tc_resnet8_1.5_98x40", "vgg_s_224", "pix2pix_unet_256",
        "/work/shared/data/tflite/ML-examples__cnn_m_quantized.tflite"]
BPC, LAT, SRAM_BPC = 3.75, 500.0, 16.0  # U65 DRAM copy (velamem PREBUFFER), SRAM weight read
WK = ("Conv2D", "DepthwiseConv2D", "FullyConnected", "Conv2DBias", "TransposeConv2D")


def model_path(m: str) -> pathlib.Path:
    return pathlib.Path(m) if m.startswith("/") else MAIN / "runs/heldout_all/models" / f"{m}.tflite"


def vela_nobuf(path: str) -> str:
    """Vela on the U65 with --disable-buffering (deprecated flag, still honoured: every weight buffer is None)."""
    with tempfile.TemporaryDirectory() as out:
        return subprocess.run(["vela", path, "--accelerator-config", "ethos-u65-256", "--system-config",
                               "Ethos_U65_High_End", "--memory-mode", "Shared_Sram", "--output-dir", out,
                               "--verbose-schedule", "--disable-buffering"],
                              capture_output=True, check=True, text=True).stdout


def vela_u65(m: str, cache: str | None, nobuf: bool = False) -> str:
    name = model_path(m).stem
    sub = "nobuf" if nobuf else ""
    if cache:
        f = pathlib.Path(cache) / sub / f"{name}.u65.txt"
        if f.exists() and f.stat().st_size > 0:
            return f.read_text()
    t = vela_nobuf(str(model_path(m))) if nobuf else vela_text(str(model_path(m)), "u65")
    if cache:
        pathlib.Path(cache).mkdir(parents=True, exist_ok=True)
        (pathlib.Path(cache) / sub).mkdir(parents=True, exist_ok=True)
        (pathlib.Path(cache) / sub / f"{name}.u65.txt").write_text(t)
    return t


def parse(text: str) -> list[dict]:
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        g = lambda pat: re.search(pat, blk)  # noqa: E731
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        k = g(r"Kernel: size=(\d+),(\d+) stride=(\d+),(\d+)")
        w, e = g(r"Weight buffer = (\d+) bytes \((\w+)\)"), g(r"Encoded Weights = (\d+)")
        s, b = g(r"Depth slices = \[([\d, ]+)\]"), g(r"OFM Block=\[([\d, ]+)\]")
        st, cy = g(r"OFM Stripe\s+= \[([\d, ]+)\]"), g(r"Cycles=(\d+)")
        mu = g(r"Memory Used: (\d+) bytes \(op=(\d+), buf=(\d+), ccd=(\d+), nl=(\d+)\)")
        ofm = [int(v) for v in m.group(3).replace(" ", "").split(",")]
        out.append({"k": int(m.group(1)), "kind": m.group(2), "ofm": ofm[-3:] if len(ofm) >= 3 else [1, 1, ofm[-1]],
                    "kernel": f"{k.group(2)}x{k.group(1)}/s{k.group(3)}" if k else "",
                    "wbuf": int(w.group(1)) if w else 0, "mode": w.group(2) if w else "",
                    "enc": int(e.group(1)) if e else 0, "slices": s.group(1).replace(" ", "") if s else "",
                    "block": [int(v) for v in b.group(1).split(",")] if b else [1, 1, 1, 1],
                    "stripe": [int(v) for v in st.group(1).split(",")] if st else [],
                    "cyc": int(cy.group(1)) if cy else 0,
                    "mem": [int(mu.group(j)) for j in range(1, 6)] if mu else [0] * 5})
    return out


def fold(ops: list[dict]) -> list[dict]:
    """Weighted Vela operations, a split convolution (same OFM / kernel / weights, 1-pixel OFM stripe) as one row."""
    rows = []
    for j, o in enumerate(ops):
        prev = ops[j - 1] if j else None
        o = dict(o, prev_cyc=prev["cyc"] if prev else 0, prev_nb=prev["cyc_nb"] if prev else 0, prev_kind=prev["kind"] if prev else "-", n=1,
                 modes={o["mode"]})
        if o["enc"] <= 0:
            continue
        r = rows[-1] if rows else None
        if (r and r["k"] + r["n"] == o["k"] and r["ofm"] == o["ofm"] and r["kernel"] == o["kernel"]
                and r["enc"] == o["enc"] and o["stripe"][1:3] == [1, 1]):
            r["n"] += 1
            r["modes"].add(o["mode"])
            r["wbuf"] = max(r["wbuf"], o["wbuf"])
            if o["mode"] != "None":
                r["mode"] = o["mode"]
            continue
        rows.append(o)
    return rows


def blocks(o: dict) -> int:
    h, w, c = o["ofm"]
    b = o["block"]
    return math.ceil(h / b[1]) * math.ceil(w / b[2]) * math.ceil(c / b[3])


def match(rows: list[dict], cap: dict) -> list[tuple[dict, int]]:
    """Vela's weighted rows against velamem's weighted operators (its Vela order), by OFM shape, in order."""
    rr = cap["rec"]
    x = np.asarray(rr["x"])
    n = int(rr["n_ops"])
    w = vm.encoded_weight_bytes(rr)
    mine = [i for i in range(n) if rr["ops"][i] in vm.WEIGHTED and w[i] > 0]
    shp = {i: [X.col(x, i, f"shape{j}") for j in (1, 2, 3)] for i in mine}
    out, p = [], 0
    for o in rows:
        hit = -1
        for q in range(p, min(p + 6, len(mine))):
            a, b = shp[mine[q]], o["ofm"]
            if a == b or (a[1:] == b[1:] and a[0] * a[1] == b[0] * b[1]) or a[0] * a[1] * a[2] == b[0] * b[1] * b[2] \
                    and a[2] == b[2]:
                hit = q
                break
        if hit >= 0:
            out.append((o, mine[hit]))
            p = hit + 1
        else:
            out.append((o, -1))
    return out


def table_rows(m: str, cache: str | None) -> tuple[list[dict], dict]:
    text = vela_u65(m, cache)
    ops = parse(text)
    nb = {o["k"]: o for o in parse(vela_u65(m, cache, nobuf=True))}
    for o in ops:  # the same operation in the unbuffered schedule (same index, kind and OFM), else none
        q = nb.get(o["k"])
        o["cyc_nb"] = q["cyc"] if q and q["kind"] == o["kind"] and q["ofm"] == o["ofm"] else -1
    rows = fold(ops)
    rec = record_of(model_path(m))
    caps = {nm: X.run_traced(rec, "u65", nm) for nm in ("E (default)", "U2")}
    cap_e, cap_u = caps["E (default)"], caps["U2"]
    wv = vm.encoded_weight_bytes(cap_e["rec"])
    order = vm.vela_order(rec, concat_first=True)
    est = {nm: float(np.max(X.node_sram(rec, "u65", nm))) for nm in ("E (default)", "U2")}
    tot = int(round(float(re.search(r"Total SRAM used\s+([\d.]+) KiB", text).group(1)) * 1024))
    out = []
    for o, i in match(rows, cap_e):
        r = dict(o, i=i, v=int(order[i]) if i >= 0 else -1)
        if i >= 0:
            te, tu = cap_e["tr"].get(i, {}), cap_u["tr"].get(i, {})
            r.update(W=float(wv[i]), E_buf=float(cap_e["buf"][i]), U2_buf=float(cap_u["buf"][i]),
                     E_br=te.get("br", "?"), U2_br=tu.get("br", "?"), s=te.get("s", 0.0), vs_u2=tu.get("vs", 0.0),
                     c_u2=tu.get("co", 0.0), c_e=te.get("c", 0.0), ob=bool(te.get("ob", False)))
        out.append(r)
    del rec, caps
    gc.collect()
    return out, {"vela": tot, **est, "nops": len(ops)}


# ------------------------------------------------------------------ hypotheses (y = Vela buffers: Single or Double)
def H(r: dict) -> dict[str, bool]:
    we = r["enc"]
    t = we / BPC + LAT
    own, prev = r["cyc"], r["prev_cyc"]
    return {
        "a: T<=prev Vela cyc & T+W/16<=own Vela cyc": t <= prev and t + we / SRAM_BPC <= own,
        "a1: T+W/16<=own Vela cyc": t + we / SRAM_BPC <= own,
        "a2: T<=prev Vela cyc": t <= prev,
        "a1n: T+W/16<=own Vela cyc, unbuffered run": t + we / SRAM_BPC <= r["cyc_nb"],
        "a1u: T+W/16<=velamem U2 own cycles (c U2)": t + we / SRAM_BPC <= r.get("c_u2", 0.0),
        "a3: own Vela cyc >= W/3.75 (op not DRAM-bound)": own >= we / BPC,
        "b: W_enc <= 1 MiB": we <= 1 << 20,
        "b2: W_enc <= 640 KiB": we <= 640 << 10,
        "c: one OFM block (Vela block)": blocks(r) == 1,
        "c2: <= 4 OFM blocks": blocks(r) <= 4,
    }


def score(rows: list[dict], sel, title: str) -> None:
    rs = [r for r in rows if sel(r)]
    print(f"\n### {title} ({len(rs)} operators; Vela buffers {sum(r['mode'] != 'None' for r in rs)})\n")
    if not rs:
        return
    print("| hypothesis | correct | buffered by Vela, predicted not | not buffered, predicted buffer |")
    print("|---|---:|---|---|")
    for h in H(rs[0]):
        ok, fn, fp = 0, [], []
        for r in rs:
            y, p = r["mode"] != "None", H(r)[h]
            ok += y == p
            tag = f"{r['model'][:14]} k{r['k']}"
            (fn if y and not p else fp if p and not y else []).append(tag)
        fmt = lambda L: (", ".join(L[:12]) + (f" (+{len(L) - 12})" if len(L) > 12 else "")) if L else "-"  # noqa: E731
        print(f"| {h} | {ok}/{len(rs)} | {len(fn)}: {fmt(fn)} | {len(fp)}: {fmt(fp)} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache")
    ap.add_argument("--more", action="store_true")
    a = ap.parse_args()
    os.chdir(MAIN)
    allrows, summ = [], {}
    for m in MODELS + (MORE if a.more else []):
        name = model_path(m).stem
        try:
            rows, s = table_rows(m, a.cache)
        except Exception as e:  # noqa: BLE001  (report and go on)
            print(f"\n- {name}: failed: {type(e).__name__}: {e}")
            continue
        for r in rows:
            r["model"] = name
        allrows += rows
        summ[name] = s
    print("# diag_u65buf41 tables (U65, Vela 5.2 vs velamem E / U2)\n")
    print("| model | Vela total B | Vela ops | E B (err %) | U2 B (err %) | weighted rows | matched | Vela buffers |")
    print("|---|---:|---:|---|---|---:|---:|---:|")
    for name, s in summ.items():
        rs = [r for r in allrows if r["model"] == name]
        print(f"| {name} | {s['vela']} | {s['nops']} | {s['E (default)']:.0f} ({(s['E (default)'] / s['vela'] - 1) * 100:+.1f}) | "
              f"{s['U2']:.0f} ({(s['U2'] / s['vela'] - 1) * 100:+.1f}) | {len(rs)} | {sum(r['i'] >= 0 for r in rs)} | "
              f"{sum(r['mode'] != 'None' for r in rs)} |")
    print("\n## Hypothesis scores (y = Vela's U65 buffer is Single or Double)\n")
    print("T = W_enc / 3.75 + 500 with W_enc = Vela's encoded weights; 'own' / 'prev' = Vela's printed cycles of the "
          "operation and of the Vela operation before it (of the final schedule).")
    core = set(MODELS[:5])
    score(allrows, lambda r: r["model"] in core and r.get("U2_br") == "u65 whole" and r["n"] == 1 and r["kind"] != "FullyConnected",
          "five brief models: operators U2 buffers whole (u65 whole branch)")
    score(allrows, lambda r: r["model"] in core and r["n"] == 1 and r["kind"] != "FullyConnected",
          "five brief models: every non-split Conv2D / DepthwiseConv2D")
    score(allrows, lambda r: r["model"] == "resnet_v2_50_224" and r["n"] == 1 and r["kind"] != "FullyConnected",
          "resnet_v2_50_224: every non-split Conv2D / DepthwiseConv2D")
    if a.more:
        score(allrows, lambda r: r["model"] not in core | {"resnet_v2_50_224"} and r["n"] == 1 and r["kind"] != "FullyConnected",
              "extra models: every non-split Conv2D / DepthwiseConv2D")
    print("\n## Per-operator tables (U65)\n")
    print("k: Vela operation index (split convolutions: first index, n = operations). cyc / prev cyc: Vela's printed "
          "cycles of it and of the Vela operation before it. blk#: OFM blocks (Vela's block). mem: Vela's 'Memory Used' "
          "(total; op, buf, ccd, nl). i (v): velamem's operator (Vela order, TFLite index). W: velamem's weight estimate. "
          "T_v = W_enc/3.75+500 (Vela's bytes). E / U2: velamem buffer bytes and branch; s = previous roofline cycles, "
          "vs = U2 slack, c = U2 own cycles.\n")
    for name in summ:
        print(f"\n### {name}\n")
        print("| k | n | kind | OFM | kernel | OFM block | blk# | slices | W_enc | Vela buf | cyc | prev cyc (kind) | "
              "T_v | T_v+W/16 | cyc unbuf. | cyc / c U2 | mem (op,buf,ccd,nl) | i (v) | W | E buf (br) | U2 buf (br) | s | vs U2 | c U2 |")
        print("|" + "---|" * 24)
        for r in [r for r in allrows if r["model"] == name]:
            t = r["enc"] / BPC + LAT
            mem = r["mem"]
            row = [r["k"], r["n"], r["kind"], "x".join(map(str, r["ofm"])), r["kernel"], ",".join(map(str, r["block"][1:])),
                   blocks(r), r["slices"], r["enc"], f"{r['wbuf']} {r['mode']}", r["cyc"],
                   f"{r['prev_cyc']} ({r['prev_kind']})", f"{t:.0f}", f"{t + r['enc'] / SRAM_BPC:.0f}", r["cyc_nb"],
                   f"{r['cyc'] / r['c_u2']:.2f}" if r.get("c_u2") else "",
                   f"{mem[0]} ({mem[1]},{mem[2]},{mem[3]},{mem[4]})"]
            if r["i"] >= 0:
                row += [f"{r['i']} ({r['v']})", f"{r['W']:.0f}", f"{r['E_buf']:.0f} ({r['E_br']})",
                        f"{r['U2_buf']:.0f} ({r['U2_br']})", f"{r['s']:.0f}", f"{r['vs_u2']:.0f}", f"{r['c_u2']:.0f}"]
            else:
                row += ["unmatched"] + [""] * 6
            print("| " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main()
