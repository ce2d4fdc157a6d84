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
Markdown on stdout (the whole of diag_w1_40.md). Deterministic. About 5-8 minutes on 1 CPU core.

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
    print("| NPU | n | Op Cycles = max of the three | binds: weights / MAC / SRAM | wac / (E_vela/beta) min-max | "
          "weight buffer kinds | E_codec - E_vela (bytes) min-max |")
    print("|---|---:|---|---|---|---|---|")
    for p in PLATS:
        ok = sum(r[p]["vela"] == max(r[p]["npu"], r[p]["sram"], r[p]["wac"]) for r in pr)
        cnt = {t: sum(binds(r, p) == t for r in pr) for t in ("weights", "MAC (NPU)", "SRAM")}
        wa = [r[p]["wac"] / (r[p]["enc"] / BETA[p]) for r in pr]
        kinds = sorted({r[p]["wbuf"] for r in pr})
        de = [r[p]["ecodec"] - r[p]["enc"] for r in pr]
        print(f"| {p.upper()} | {len(pr)} | {ok} of {len(pr)} | {cnt['weights']} / {cnt['MAC (NPU)']} / "
              f"{cnt['SRAM']} | {mm(wa)} | {', '.join(kinds)} | {min(de):+.0f} to {max(de):+.0f} |")


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
    same = sum(r["u55"]["enc"] == r["u65"]["enc"] for r in pr)
    ref = {(r["k"], r["cin"], r["cout"]): r["u55"]["enc"] for r in pr if r["ow"] == OWS[0]}
    flat = sum(r["u55"]["enc"] == ref[(r["k"], r["cin"], r["cout"])] for r in pr)
    print(f"\nE_vela is the same on both NPUs in {same} of {len(pr)} probes, and the same as at OW {OWS[0]} (same k, "
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
    print("W = k C_in C_out + 10 C_out; E = Vela's encoded weight bytes (schedule); bind: w = weight port, m = NPU (MAC), "
          "s = SRAM. Ratios are Vela's Op Cycles over the term.\n")
    print("| OW | k | C_in -> C_out | W | E_vela | E/W | trav | U55 cyc | bind | /(W/b) | /(E/b) | /max(bV,W/b) | NPU/bV "
          "| U65 cyc | bind | /(W/b) | /(E/b) | /max(bV,W/b) | NPU/bV |")
    print("|---:|---:|---|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    for r in pr:
        cells = []
        for p in PLATS:
            x = r[p]
            cells.append(f"{x['vela']:.0f} | {binds(r, p)[0].lower()} | {x['vela'] / (r['W'] / BETA[p]):.3f} | "
                         f"{x['vela'] / (x['enc'] / BETA[p]):.3f} | {x['vela'] / max(x['bv'], r['W'] / BETA[p]):.3f} | "
                         f"{x['npu'] / x['bv']:.2f}")
        print(f"| {r['ow']} | {r['k']} | {r['cin']} -> {r['cout']} | {r['W']:.0f} | {r['u55']['enc']:.0f} | "
              f"{r['u55']['enc'] / r['W']:.3f} | {r['u55']['trav'][:4]} | " + " | ".join(cells) + " |")


FINDING = ""


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
