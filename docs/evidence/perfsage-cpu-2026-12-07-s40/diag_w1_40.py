"""Session 40, helper diag (issue 22): what Vela 5.2's cycle count for a one-row 1 x k CONV_2D follows in the
weight-stream-bound regime, as C_in, C_out, k and OW vary (diag_w1_40.md). Synthetic single-conv probes only (no real
model is read). Nothing here changes a number of the study or adopts a rule.

Probes: NetBuilder(np.random.default_rng(0)) as diag_row39.py builds them: input (1, 1, OW, C_in) -> 1x1 conv C_in ->
C_in -> the measured 1 x k SAME stride-1 conv C_in -> C_out -> 1x1 conv to 16; int8_graph(seed=0). For each probe and
NPU (U55-128 High_End_Embedded, U65-256 High_End, Shared_Sram, as jaxeff.gnn.labels.run_vela):
  * Vela's label for the measured conv: run_vela + per_op_cycles (as diag_row39.py / label_real);
  * the same compile again with --verbose-schedule (`vela_detail`): the per-layer CSV's terms (NPU, SRAM AC, DRAM AC,
    OffFlash AC: Op Cycles is their max) and the schedule's "Encoded Weights = N bytes", OFM block, traversal and
    weight buffer of the conv (Vela 5.2 compiles U55 / U65 TFLite with its C++ core, Regor); the two Op Cycles must
    agree (asserted);
  * the repo's own quantities: W = k C_in C_out + 10 C_out, beta = WEIGHT_PORT_BYTES_PER_CYCLE, bV and W1 / W2 from
    jaxeff.gnn.baselines.row_conv_cycles (stream_kappa True / False), and E_codec = velamem.codec_weight_bytes (the
    session-39 "*_enc" estimate of the encoded stream, Vela's weight encoder run on the graph's own weights).
Markdown on stdout (the whole of diag_w1_40.md). Deterministic. About 3 minutes on 1 CPU core.

Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s40/diag_w1_40.py > docs/evidence/perfsage-cpu-2026-12-07-s40/diag_w1_40.md
"""
from __future__ import annotations

import contextlib
import csv
import io
import pathlib
import re
import tempfile

import numpy as np

from jaxeff.gnn.baselines import W1_KAPPA, WEIGHT_PORT_BYTES_PER_CYCLE, Z_MACS, row_conv_cycles

PLATS = ("u55", "u65")
BETA = WEIGHT_PORT_BYTES_PER_CYCLE  # 1.0 / 3.75 B per cycle (vela.ini), not fitted
WCOL = {"u55": "OffFlash AC", "u65": "DRAM AC"}  # the weight port's access-cycle column (Shared_Sram: axi1)
CINS = (16, 32, 64, 128, 256, 512)
COUTS = (16, 64, 128, 256, 512)
KS = (3, 5, 9)
OWS = (9, 14, 31, 42, 63)


def pad(c, m: int):
    return np.ceil(np.maximum(np.asarray(c, np.float64), 1) / m) * m


def bv(ow, k, ci, co, p) -> float:
    """W1's MAC-array count (baselines.row_conv_cycles' bV, copied; checked against it per probe)."""
    part = (ci <= 8) or (ci * k / (pad(ci, 8) * pad(k, 4)) > ci / pad(ci, 32))
    taps = pad(k, 4) if part else k
    lanes = (pad(ci, 16) if ci > 16 else pad(ci, 8)) if part else pad(ci, 32)
    f = 2.0 if (ow % 2 == 1 and p == "u65") else 1.0
    return float(ow * taps * lanes * pad(co, 8) * f / Z_MACS[p])


def wbytes(k, ci, co) -> float:
    return float(k * ci * co + 10 * co)


# ------------------------------------------------------------------------------------------------ Vela
SCHED_RE = {
    "enc": re.compile(r"Encoded Weights = (\d+) bytes"),
    "wbuf": re.compile(r"Weight buffer = (\d+) bytes \((\w+)\)"),
    "block": re.compile(r"OFM Block=\[([^\]]*)\]"),
    "trav": re.compile(r"Traversal=(\w+)"),
    "kernel": re.compile(r"Kernel: size=(\d+),(\d+)"),
}


def vela_detail(buf: bytes, p: str) -> list[dict]:
    """One Vela 5.2 compile with run_vela's configuration plus --verbose-schedule: per scheduled op, the per-layer
    CSV's row (all columns) and the schedule's encoded weight bytes, weight buffer, OFM block and traversal."""
    from ethosu.vela.vela import main as vela_main

    from jaxeff.gnn.labels import PLATFORMS
    from jaxeff.tflite._native import native_output

    accel, system = PLATFORMS[p]
    with tempfile.TemporaryDirectory(prefix="diag_w1_40_") as tmp:
        src = pathlib.Path(tmp) / "g.tflite"
        src.write_bytes(buf)
        out = pathlib.Path(tmp) / "out"
        args = [str(src), "--output-dir", str(out), "--verbose-performance", "--verbose-schedule",
                "--accelerator-config", accel, "--system-config", system, "--memory-mode", "Shared_Sram"]
        pyout = io.StringIO()
        with native_output() as native, contextlib.redirect_stdout(pyout), contextlib.redirect_stderr(pyout):
            rc = vela_main(args)
        assert rc == 0, rc
        with (out / "g_per-layer.csv").open() as f:
            rows = list(csv.DictReader(f))
    text = pyout.getvalue() + "".join(native)
    sched = text[text.rfind("Schedule:"):]
    blocks = re.split(r"\n\s*\d+: Operation ", sched)[1:]
    assert len(blocks) == len(rows), (len(blocks), len(rows))
    res = []
    for r, b in zip(rows, blocks):
        d = {c: float(r[c]) for c in ("Op Cycles", "NPU", "SRAM AC", "DRAM AC", "OffFlash AC", "MAC Count")}
        d["enc"] = float(SCHED_RE["enc"].search(b).group(1))
        m = SCHED_RE["wbuf"].search(b)
        d["wbuf"], d["wbuf_kind"] = int(m.group(1)), m.group(2)
        d["block"] = SCHED_RE["block"].search(b).group(1).replace(" ", "")
        d["trav"] = SCHED_RE["trav"].search(b).group(1)
        d["kw"] = int(SCHED_RE["kernel"].search(b).group(1))
        res.append(d)
    return res


def probe(ow: int, k: int, cin: int, cout: int) -> dict:
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.gnn.realeval import graph_record
    from jaxeff.gnn.velamem import codec_weight_bytes
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, 1, ow, cin)), cin, 1)  # a cheap op first: the measured conv must not read the graph input
    x = b.conv(x, cout, (1, k), (1, 1), padding="SAME")
    gr = b.finish([b.conv(x, 16, 1)])
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    rec = graph_record(q)
    out = {"ow": ow, "k": k, "cin": cin, "cout": cout, "W": wbytes(k, cin, cout)}
    wq = np.asarray(q.tensors[q.ops[1].inputs[1]].data, np.float64)
    out["wstd"] = float(wq.std())
    for p in PLATS:
        v = run_vela(buf, p)
        lab = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[1])
        det = vela_detail(buf, p)
        assert len(det) == 3 and det[1]["kw"] == k, det
        d = det[1]
        assert d["Op Cycles"] == lab, (d["Op Cycles"], lab)
        m1, c1 = row_conv_cycles(rec, p, stream_kappa=True)
        m2, c2 = row_conv_cycles(rec, p, stream_kappa=False)
        assert bool(m1[1]) and not m1[[0, 2]].any()
        b_v = bv(ow, k, cin, cout, p)
        assert abs(c1[1] - W1_KAPPA[p] * max(b_v, out["W"] / BETA[p])) < 1e-6 * c1[1]
        out[p] = {"vela": lab, "npu": d["NPU"], "sram": d["SRAM AC"], "wac": d[WCOL[p]], "enc": d["enc"],
                  "wbuf": d["wbuf_kind"], "block": d["block"], "trav": d["trav"],
                  "ecodec": float(codec_weight_bytes(rec, p)[1]), "bv": b_v, "w1": float(c1[1]), "w2": float(c2[1])}
    return out


def run_probes() -> list[dict]:
    return [probe(ow, k, ci, co) for ci in CINS for co in COUTS for k in KS for ow in OWS]


# ------------------------------------------------------------------------------------------------ derived
def binds(r: dict, p: str) -> str:
    x = r[p]
    terms = {"weights": x["wac"], "MAC (NPU)": x["npu"], "SRAM": x["sram"]}
    return max(terms, key=terms.get)


def w3(r: dict, p: str) -> float:
    """Candidate W3 (not adopted): max(W1_KAPPA x bV, E_codec / beta): kappa on the MAC term only, the stream at the
    encoded size."""
    x = r[p]
    return max(W1_KAPPA[p] * x["bv"], x["ecodec"] / BETA[p])


RATIOS = (
    ("Vela / (W/beta)", lambda r, p: r[p]["vela"] / (r["W"] / BETA[p])),
    ("Vela / (E_vela/beta)", lambda r, p: r[p]["vela"] / (r[p]["enc"] / BETA[p])),
    ("Vela / (E_codec/beta)", lambda r, p: r[p]["vela"] / (r[p]["ecodec"] / BETA[p])),
    ("Vela / max(bV, W/beta)", lambda r, p: r[p]["vela"] / max(r[p]["bv"], r["W"] / BETA[p])),
    ("Vela / W1", lambda r, p: r[p]["vela"] / r[p]["w1"]),
    ("Vela / W2", lambda r, p: r[p]["vela"] / r[p]["w2"]),
    ("Vela / W3", lambda r, p: r[p]["vela"] / w3(r, p)),
)


def q3(a) -> str:
    a = np.asarray(a, np.float64)
    if not len(a):
        return "-"
    return " / ".join(f"{np.quantile(a, t):.3f}" for t in (0.1, 0.5, 0.9))


def mm(a) -> str:
    a = np.asarray(a, np.float64)
    return f"{a.min():.3f}-{a.max():.3f}" if len(a) else "-"


def spread(a) -> str:
    a = np.asarray(a, np.float64)
    return f"{np.quantile(a, 0.9) / np.quantile(a, 0.1):.2f}" if len(a) else "-"


# ------------------------------------------------------------------------------------------------ tables
def table_terms(pr: list[dict]) -> None:
    print("\n## T1. Which of Vela's terms sets the conv's Op Cycles (Op Cycles = max(NPU, SRAM AC, weight-port AC) in "
          "every probe)\n")
    print("Weight-port AC = the per-layer CSV's OffFlash AC (U55) / DRAM AC (U65). `wac / (E_vela/beta)`: the weight "
          "port's access cycles over Vela's own encoded weight bytes / beta; `weight buffer`: the schedule's weight "
          "buffering of the conv.\n")
    print("| NPU | n | Op Cycles = max of the three | binds: weights / MAC / SRAM | weight buffer: None / Single / "
          "Double | wac / (E_vela/beta), buffer None: min-max; in [0.99, 1.01] / in [1.99, 2.01] | same, buffer Single "
          "or Double: min-max | E_codec / E_vela min-max |")
    print("|---|---:|---|---|---|---|---|---|")
    for p in PLATS:
        ok = sum(r[p]["vela"] == max(r[p]["npu"], r[p]["sram"], r[p]["wac"]) for r in pr)
        cnt = {t: sum(binds(r, p) == t for r in pr) for t in ("weights", "MAC (NPU)", "SRAM")}
        kind = {t: sum(r[p]["wbuf"] == t for r in pr) for t in ("None", "Single", "Double")}
        wa = [r[p]["wac"] / (r[p]["enc"] / BETA[p]) for r in pr if r[p]["wbuf"] == "None"]
        wb = [r[p]["wac"] / (r[p]["enc"] / BETA[p]) for r in pr if r[p]["wbuf"] != "None"]
        one = sum(0.99 <= a <= 1.01 for a in wa)
        two = sum(1.99 <= a <= 2.01 for a in wa)
        de = [r[p]["ecodec"] / r[p]["enc"] for r in pr]
        print(f"| {p.upper()} | {len(pr)} | {ok} of {len(pr)} | {cnt['weights']} / {cnt['MAC (NPU)']} / "
              f"{cnt['SRAM']} | {kind['None']} / {kind['Single']} / {kind['Double']} | {mm(wa)}; {one} / {two} | "
              f"{mm(wb)} | {mm(de)} |")
    print("\nWeight-bound probes by weight buffer (Vela / (E_vela/beta) min-max):\n")
    print("| NPU | buffer | n weight-bound | Vela / (E_vela/beta) | (OW, k, C_in -> C_out) of those off 1.000 by > 1 % |")
    print("|---|---|---:|---|---|")
    for p in PLATS:
        for t in ("None", "Single", "Double"):
            rs = [r for r in pr if binds(r, p) == "weights" and r[p]["wbuf"] == t]
            a = [r[p]["vela"] / (r[p]["enc"] / BETA[p]) for r in rs]
            off = [f"({r['ow']}, {r['k']}, {r['cin']} -> {r['cout']}): {x:.3f}" for r, x in zip(rs, a)
                   if abs(x - 1) > 0.01]
            print(f"| {p.upper()} | {t} | {len(rs)} | {mm(a)} | {'; '.join(off) or '-'} |")


def table_weight_bound(pr: list[dict]) -> None:
    print("\n## T2. Weight-bound probes (the weight port's AC sets Op Cycles): Vela / stream terms, 10 / 50 / 90 % "
          "[min-max]\n")
    for p in PLATS:
        wb = [r for r in pr if binds(r, p) == "weights"]
        print(f"### {p.upper()} ({len(wb)} weight-bound probes)\n")
        print("| subset | n | Vela / (W/beta) | Vela / (E_vela/beta) | Vela / (E_codec/beta) | Vela / max(bV, W/beta) |")
        print("|---|---:|---|---|---|---|")
        subsets = [("all", wb)]
        subsets += [(f"C_in {c}", [r for r in wb if r["cin"] == c]) for c in CINS]
        subsets += [(f"C_out {c}", [r for r in wb if r["cout"] == c]) for c in COUTS]
        subsets += [(f"k {k}", [r for r in wb if r["k"] == k]) for k in KS]
        subsets += [(f"OW {o}", [r for r in wb if r["ow"] == o]) for o in OWS]
        for name, rs in subsets:
            if not rs:
                print(f"| {name} | 0 | - | - | - | - |")
                continue
            cells = []
            for nm in ("Vela / (W/beta)", "Vela / (E_vela/beta)", "Vela / (E_codec/beta)", "Vela / max(bV, W/beta)"):
                fn = dict(RATIOS)[nm]
                a = [fn(r, p) for r in rs]
                cells.append(f"{q3(a)} [{mm(a)}]")
            print(f"| {name} | {len(rs)} | " + " | ".join(cells) + " |")
        print()


def table_enc(pr: list[dict]) -> None:
    print("\n## T3. What the encoded size follows: E_vela / W by fan-in k C_in and C_out (NPU-independent here; U55's "
          "E_vela shown), and the weights-only stream's bits per weight\n")
    print("S = E_vela - ceil16(10 C_out) (scale/bias part as velamem.codec_weight_bytes counts it); bits/weight = 8 S / "
          "(k C_in C_out). `int8 std`: the measured conv's int8 weights' standard deviation (NetBuilder He-normal, "
          "per-channel max-abs quantised to +-127, so it falls as the fan-in grows). Traversal: the schedule's.\n")
    fans = sorted({r["k"] * r["cin"] for r in pr})
    print("| fan-in k C_in | (k, C_in) | traversal | int8 std | E/W at C_out 16 / 64 / 128 / 256 / 512 | "
          "bits/weight at C_out 16 / 64 / 128 / 256 / 512 |")
    print("|---:|---|---|---:|---|---|")
    for f in fans:
        for k, ci in sorted({(r["k"], r["cin"]) for r in pr if r["k"] * r["cin"] == f}):
            rs = [r for r in pr if r["k"] == k and r["cin"] == ci and r["ow"] == OWS[0]]
            rs.sort(key=lambda r: r["cout"])
            tr = sorted({r["u55"]["trav"] for r in pr if r["k"] == k and r["cin"] == ci})
            ew = " / ".join(f"{r['u55']['enc'] / r['W']:.3f}" for r in rs)
            bpw = " / ".join(f"{8 * (r['u55']['enc'] - pad(10 * r['cout'], 16)) / (k * ci * r['cout']):.2f}"
                             for r in rs)
            std = np.mean([r["wstd"] for r in rs])
            print(f"| {f} | ({k}, {ci}) | {', '.join(tr)} | {std:.1f} | {ew} | {bpw} |")
    print("\nShape-only fit (NetBuilder's He-normal int8 weights only), least squares over the probes at OW "
          f"{OWS[0]}: E/W = a + b log2(k C_in), by traversal:\n")
    print("| traversal | n | a | b | max abs residual |")
    print("|---|---:|---:|---:|---:|")
    for tr in ("DepthFirst", "PartKernel"):
        rs = [r for r in pr if r["ow"] == OWS[0] and r["u55"]["trav"] == tr]
        if len(rs) < 3:
            continue
        xx = np.log2([r["k"] * r["cin"] for r in rs])
        yy = np.asarray([r["u55"]["enc"] / r["W"] for r in rs])
        b_, a_ = np.polyfit(xx, yy, 1)
        print(f"| {tr} | {len(rs)} | {a_:.4f} | {b_:+.4f} | {np.abs(a_ + b_ * xx - yy).max():.3f} |")
    dmax = max(abs(r["u65"]["enc"] / r["u55"]["enc"] - 1) for r in pr)
    same = sum(r["u55"]["enc"] == r["u65"]["enc"] for r in pr)
    ref = {(r["k"], r["cin"], r["cout"]): r["u55"]["enc"] for r in pr if r["ow"] == OWS[0]}
    flat = sum(r["u55"]["enc"] == ref[(r["k"], r["cin"], r["cout"])] for r in pr)
    print(f"\nE_vela is the same on both NPUs in {same} of {len(pr)} probes (max |E_U65 / E_U55 - 1| = {dmax:.4f}), "
          f"and the same as at OW {OWS[0]} (same k, "
          f"C_in, C_out) in {flat} of {len(pr)}.")


def table_mac(pr: list[dict]) -> None:
    print("\n## T4. The MAC side: Vela's NPU term / W1's bV, 10 / 50 / 90 % [min-max], all probes (bV's U65 x2 for odd "
          "OW included)\n")
    print("| NPU | subset | n | NPU / bV | NPU / (W1_KAPPA bV) |")
    print("|---|---|---:|---|---|")
    for p in PLATS:
        subsets = [("all", pr), ("MAC-bound", [r for r in pr if binds(r, p) == "MAC (NPU)"])]
        subsets += [(f"C_in {c}", [r for r in pr if r["cin"] == c]) for c in CINS]
        subsets += [(f"C_out {c}", [r for r in pr if r["cout"] == c]) for c in COUTS]
        subsets += [(f"OW {o}", [r for r in pr if r["ow"] == o]) for o in OWS]
        for name, rs in subsets:
            a = [r[p]["npu"] / r[p]["bv"] for r in rs]
            b = [r[p]["npu"] / (W1_KAPPA[p] * r[p]["bv"]) for r in rs]
            print(f"| {p.upper()} | {name} | {len(rs)} | {q3(a)} [{mm(a)}] | {q3(b)} [{mm(b)}] |")


def table_rules(pr: list[dict]) -> None:
    print("\n## T5. W1, W2 and candidate W3 = max(W1_KAPPA x bV, E_codec / beta) on the probes: Vela / rule, 10 / 50 / "
          "90 % [min-max] and the 90/10 spread\n")
    print("| NPU | subset | n | Vela / W1 | Vela / W2 | Vela / W3 |")
    print("|---|---|---:|---|---|---|")
    for p in PLATS:
        subsets = [("all", pr), ("weight-bound", [r for r in pr if binds(r, p) == "weights"]),
                   ("MAC-bound", [r for r in pr if binds(r, p) == "MAC (NPU)"]),
                   ("C_in, C_out <= 64", [r for r in pr if r["cin"] <= 64 and r["cout"] <= 64]),
                   ("C_in, C_out >= 128", [r for r in pr if r["cin"] >= 128 and r["cout"] >= 128])]
        for name, rs in subsets:
            cells = []
            for nm in ("Vela / W1", "Vela / W2", "Vela / W3"):
                fn = dict(RATIOS)[nm]
                a = [fn(r, p) for r in rs]
                cells.append(f"{q3(a)} [{mm(a)}] / {spread(a)}" if a else "-")
            print(f"| {p.upper()} | {name} | {len(rs)} | " + " | ".join(cells) + " |")


def table_all(pr: list[dict]) -> None:
    print("\n## T6. Every probe\n")
    print("W = k C_in C_out + 10 C_out; E = Vela's encoded weight bytes (schedule, U55's); bind: w = weight port, m = NPU "
          "(MAC), s = SRAM; block buf = the conv's OFM block width x depth and its weight buffer (N one / S ingle / "
          "D ouble). Ratios are Vela's Op Cycles over the term (E/b with that NPU's E).\n")
    print("| OW | k | C_in -> C_out | W | E_vela | E/W | trav | U55 cyc | bind | block buf | /(W/b) | /(E/b) | "
          "/max(bV,W/b) | NPU/bV | U65 cyc | bind | block buf | /(W/b) | /(E/b) | /max(bV,W/b) | NPU/bV |")
    print("|---:|---:|---|---:|---:|---:|---|---:|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|")
    for r in pr:
        cells = []
        for p in PLATS:
            x = r[p]
            blk = "x".join(x["block"].split(",")[2:])
            cells.append(f"{x['vela']:.0f} | {binds(r, p)[0].lower()} | {blk} {x['wbuf'][0]} | "
                         f"{x['vela'] / (r['W'] / BETA[p]):.3f} | "
                         f"{x['vela'] / (x['enc'] / BETA[p]):.3f} | {x['vela'] / max(x['bv'], r['W'] / BETA[p]):.3f} | "
                         f"{x['npu'] / x['bv']:.2f}")
        print(f"| {r['ow']} | {r['k']} | {r['cin']} -> {r['cout']} | {r['W']:.0f} | {r['u55']['enc']:.0f} | "
              f"{r['u55']['enc'] / r['W']:.3f} | {r['u55']['trav'][:4]} | " + " | ".join(cells) + " |")


FINDING = """# Session 40 diag: what Vela 5.2 charges a weight-stream-bound one-row 1 x k CONV_2D (W1's domain; issue 22)

**This diagnosis changes no number and adopts no rule.** It reads no real model. It uses only synthetic single-conv
probes (450 shapes x U55-128 / U65-256) and Vela 5.2's own reports and source. Everything below the Finding is printed
by `diag_w1_40.py` (this folder, about 3 minutes on one CPU core). W3 below is a candidate only.

## Finding

1. **Vela 5.2 prices these convs with its C++ core (Regor), not with the Python `npu_performance` that session 39
   read.** `ethosu/vela/vela.py` sends U55 / U65 TFLite models to `process_regor` unless `--debug-force-legacy-core`
   is given, and `jaxeff.tflite.vela.compile_model` does not give it. In Regor's per-layer report, the conv's Op Cycles
   = max(NPU, SRAM AC, weight-port AC) in **450 of 450** probes on both NPUs (T1). Weight-port AC is the OffFlash AC
   column on the U55 and the DRAM AC column on the U65 (Shared_Sram puts constants on axi1).
2. **In the weight-bound regime, Vela's cycles are the encoded weight bytes over beta, with no overhead.**
   - The weight port sets Op Cycles in **433 of 450** U55 probes and **223 of 450** U65 probes. The SRAM term never
     does.
   - When the conv streams its weights straight from axi1 (weight buffer "None"; 433 U55 / 353 U65 probes), weight-port
     AC = E_vela / beta (E_vela = the schedule's "Encoded Weights" bytes, scales included). The ratio is within 0.3 %
     of 1 in all 433 U55 probes and 347 U65 probes. The other 6 U65 probes show 2.000 (weights read twice); all 6 are MAC-bound.
   - Over the weight-bound probes, Vela / (E_vela / beta) is **1.000 / 1.000 / 1.000** (10/50/90 %) on both NPUs. The
     range is 0.999-1.000 on the U65 (T2).
   - The only exceptions are 2 U55 probes at OW 63, k 3 (32 -> 512 and 256 -> 512), at 1.063 and 0.952. There the
     OFM block (32 wide) is narrower than OW, and Vela double-buffers the weights in SRAM in depth slices. That adds
     slice overhead, or moves the first slice's fetch onto the previous op.
3. **Against the raw W = k C_in C_out + 10 C_out, the same cycles are not a constant.** Weight-bound Vela / (W/beta),
   10/50/90 % [range]:
   - U55: 0.912 / 0.940 / 1.134 [0.888-1.172]. U65: 0.912 / 0.934 / 0.977 [0.901-1.160].
   - The ratio depends only on C_in and k, i.e. on E / W. It falls with fan-in. U55 medians: C_in 16 **1.134**, 32
     0.977, 64 0.950, 128 0.935, 256 0.923, 512 **0.912**.
   - It does not depend on OW: the quantiles are identical at OW 9, 14, 31 and 42. At fixed (k, C_in), C_out moves
     E / W by <= 0.023 (T3).
   - Both of the brief's regimes are this one curve: ~1.13 small-channel (C_in 16) and ~0.92-0.93 large-channel
     (fan-in k C_in >= 576 gives E / W 0.90-0.94, T3).
4. **What E follows (T3): Vela's weight codec (mlw) applied to these particular weights, plus 10 B of scale/bias per
   output channel.**
   - Depth-first traversal (every C_in >= 32 here): the weight stream costs 8.08 bits per weight at fan-in 96, falling
     to 7.22 at fan-in 4608.
   - Why it falls: NetBuilder's He-normal weights are quantised per channel by max-abs. The more draws per channel,
     the further out the maximum, so the int8 standard deviation falls from 48.5 to 33.4 and the codec needs fewer
     bits.
   - Part-kernel traversal (C_in 16 here): 9.0-9.55 bits per weight, because the taps are padded to a multiple of 4
     with zeros (3 -> 4, 5 -> 8, 9 -> 12) and the small fan-in leaves the int8 spread wide (std 46-52). This is the
     **~1.13 regime**: E/W = 1.12-1.17.
   - No per-block constant explains this. Between C_out 16 and 512 the bits per weight differ by <= 0.21 at fan-in 48
     and <= 0.04 at fan-in >= 768, so any per-C_out-block overhead is small.
   - E does not depend on OW in 430 of 450 probes. It is the same on both NPUs in 367 of 450. Elsewhere the OFM block
     depth differs, and the largest gap is 0.76 % (T3).
   - A stream priced at k C_in C_out bytes therefore needs a factor below 1 for depth-first convs and above 1 for
     part-kernel ones. W1's single kappa (1.1269 on the U55) is close to the part-kernel C_in-16 value (median
     1.134). That is why it fits small-channel convs.
   - It over-prices depth-first large-fan-in convs by 1.1269 / (0.90-0.94) = 1.20-1.25x on the U55, and by
     1.3491 / (0.90-0.94) = 1.44-1.50x on the U65. Measured: Vela / W1 = 0.676-0.725 (10-90 %) on U65 weight-bound
     probes.
5. **The repo can already compute E.** `jaxeff.gnn.velamem.codec_weight_bytes` (session 39's "*_enc") runs Vela's
   encoder on the graph's own weights. Its E_codec / E_vela is 0.985-1.021 on every probe (T1).
   - Over the weight-bound probes, Vela / (E_codec / beta) is 0.991 / 1.000 / 1.000 [0.952-1.067] (U55) and
     1.000 / 1.000 / 1.000 [0.979-1.001] (U65).
   - The largest misses are the two double-buffered OW-63 probes and C_in 16 (E_codec up to 2 % high).
6. **Rules on the 450 probes, Vela / rule (T5), 10/50/90 %, spread = 90/10.**

   | NPU | probes | W1 | W2 | W3 |
   |---|---|---|---|---|
   | U55 | weight-bound (433) | 0.809 / 0.834 / 1.006 (spread 1.24) | 0.912 / 0.940 / 1.134 (1.24) | 0.991 / 1.000 / 1.000 (1.01) |
   | U65 | weight-bound (223) | 0.676 / 0.693 / 0.725 (1.07) | 0.912 / 0.934 / 0.977 (1.07) | 1.000 / 1.000 / 1.000 (1.00) |
   | U55 | all (450) | 0.809 / 0.836 / 1.006 (1.24) | 0.912 / 0.942 / 1.134 (1.24) | 0.990 / 1.000 / 1.000 (1.01) |
   | U65 | all (450) | 0.681 / 0.754 / 1.092 (1.60) | 0.821 / 0.938 / 1.252 (1.53) | 0.821 / 1.000 / 1.234 (1.50) |

   - The U65's remaining spread under W3 comes from the MAC side (next item).
7. **The MAC side is a separate problem, and this diag does not solve it (T4).**
   - Regor's NPU term / bV runs from 1.02 to 4.17 (U55) and from 1.03 to 9.50 (U65). It is largest at small OW and
     small C_out: U55 OW-9 median 2.26; U65 OW-14 median 3.03, against 1.34 at OW 42.
   - 227 of the U65 probes are MAC-bound: every probe at odd OW 31 and 63, and some at 9, 14 and 42.
   - On the U55 only 17 probes are MAC-bound, all at OW 63 (16 of them with k 3), where the OFM block is 32 or 64
     wide.

## Candidate rule W3 (not adopted, not applied anywhere)

- **Domain:** W1's: CONV_2D, OH = 1, 2 <= OW < 64, kernel 1 x k with k >= 2, stride 1, dilation 1, C_in >= 16.
- **Price:** `max(W1_KAPPA_p x bV_p, E_codec / beta_p)`.
  - E_codec = `velamem.codec_weight_bytes(rec, p)`: Vela's encoder on the op's own weights, including ceil16(10 C_out)
    of scale/bias.
  - beta = `WEIGHT_PORT_BYTES_PER_CYCLE` = 1.0 / 3.75 B per cycle (vela.ini).
  - bV and W1_KAPPA = 1.1269 / 1.3491 are unchanged from W1.
  - **No new fitted constant.** The stream term has factor 1, read off Vela's report (finding 2), not fitted.
- This is W2 with W replaced by E. W2's failure on small-channel convs (stream too low by ~1 / 1.13) is the part-kernel
  E/W > 1 that E_codec carries by construction. Its success on large-channel convs (~0.93) is the depth-first
  E/W < 1.
- **Shape-only fallback, for graphs without weights:** E / W ~ a + b log2(k C_in).
  - Depth-first: a = 1.0904, b = -0.0161 (max residual 0.027). Part-kernel: a = 1.1983, b = -0.0089 (0.030).
  - These are fitted on NetBuilder's He-normal int8 weights only. Trained weights compress differently, so this is
    not proposed for real models.

## Uncertain

- **Trained weights.** Every probe has NetBuilder Gaussian weights. Finding 2 (Vela = E / beta when weight-bound) is
  a property of Vela's cost model and should carry over. Finding 4's E/W curve should not. Checking W3 on V33's
  TC-ResNet ops, by comparing E_codec / W there with 1.1269, needs those models; this diag did not read them.
- **Weight buffering.** When Regor buffers weights in SRAM (Single / Double: 17 U55 / 97 U65 probes), the weight-port
  AC no longer equals E / beta (0.002-1.063). Part of the fetch can land on the previous op. W3 does not model this.
  It bound Vela in only 2 probes here. Real graphs, with other neighbours and SRAM pressure, may buffer more often.
- **The MAC side.** W1_KAPPA x bV is kept as it is, although NPU / bV is far from constant (finding 7). On the U65,
  W3's spread (1.50) comes entirely from MAC-bound probes.
- **Session 39's source reading.** Its source notes (kernel-method choice, the U65 even-width micro-block) are from
  the legacy Python core. Regor may differ, and this diag did not read Regor's source (it is not in the wheel, only
  its compiled module). On the U65, T4's NPU / bV median is 3.03 at even OW 14, where bV has no x2. At odd OW 9,
  where bV includes the x2, it is 2.34. That suggests Regor does not grant the even-width saving at OW 14, or charges
  small-OW costs that bV lacks.
- **Grid limits.** OW <= 63, OH = 1, int8, no fused activation, no stride or dilation. The preceding op is always a
  1x1 conv C_in -> C_in.
"""


def main() -> None:
    if FINDING:
        print(FINDING)
    print("# diag_w1_40 tables\n")
    print(f"Probes: C_in in {CINS}, C_out in {COUTS}, k in {KS}, OW in {OWS} ({len(CINS) * len(COUTS) * len(KS) * len(OWS)}"
          " probes x 2 NPUs), every one in W1's domain (OH 1, OW < 64, stride 1, C_in >= 16). Cycles are Vela 5.2's Op "
          "Cycles of the measured conv. beta = 1.0 (U55) / 3.75 (U65) B per cycle; W1_KAPPA = "
          f"{W1_KAPPA['u55']} / {W1_KAPPA['u65']}.")
    pr = run_probes()
    table_terms(pr)
    table_weight_bound(pr)
    table_enc(pr)
    table_mac(pr)
    table_rules(pr)
    table_all(pr)


if __name__ == "__main__":
    main()
