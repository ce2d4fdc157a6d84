"""Session 31 (issue 22): how Vela 5.2 (regor) lowers and costs CONV_2D with stride > 3.

Builds one-conv int8 graphs (jaxeff.gnn.build.NetBuilder), compiles each with the Vela CLI
(U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 / Ethos_U65_High_End;
Shared_Sram, --optimise Performance, --verbose-schedule) and records, per probe and platform:
  n_sched  operations Vela schedules for the conv (1 = not split),
  kernel   the kernel size / stride Vela gives them (first scheduled op),
  ofm_str  the OFM stripe of the first scheduled op,
  cyc      Vela's cycles for the conv (sum of the per-layer CSV "Op Cycles" rows; a lone conv, so the
           graph total less nothing),
  macs     the TFLite MACs of the conv (OH * OW * Cout * KH * KW * Cin),
and compares ``cyc`` with the proposed formula (see diag_stride4.md):
  stride <= 3 on both axes: one op (not modelled here, printed for reference);
  stride  > 3 on any axis:  OH * OW ops, each a stride-1 conv over one output pixel
                            (KH x KW x Cin window, all Cout channels), cost ``per_pixel`` cycles each.

Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s31/diag_stride4.py [OUT.json]
(about 2-4 min on 2 cores; results also printed as a table.)
"""
from __future__ import annotations

import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.join(os.getcwd(), "src"))

from jaxeff.gnn.build import NetBuilder  # noqa: E402
from jaxeff.gnn.int8 import calibrate, quantize_int8  # noqa: E402
from jaxeff.tflite import save_tflite  # noqa: E402

PLAT = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
        "u65": ("ethos-u65-256", "Ethos_U65_High_End")}

# (H, W, Cin, Cout, K, (sh, sw), padding)
PROBES = [
    # stride sweep, 3x3 kernel, 8 -> 16 channels, 24x24 input
    *[(24, 24, 8, 16, 3, (s, s), "SAME") for s in (1, 2, 3, 4, 5)],
    # one axis only
    (24, 24, 8, 16, 3, (4, 1), "VALID"), (24, 24, 8, 16, 3, (1, 4), "VALID"), (24, 24, 8, 16, 3, (3, 4), "SAME"),
    # SAME with a non-zero pad at stride 4 (Vela leaves these on the CPU: 0 NPU cycles)
    (24, 24, 8, 16, 3, (4, 1), "SAME"), (24, 24, 8, 16, 3, (1, 4), "SAME"),
    # kernel sweep at stride 4
    *[(24, 24, 8, 16, k, (4, 4), "VALID") for k in (3, 5, 8, 11)],
    # input channel sweep at stride 4
    *[(24, 24, c, 16, 5, (4, 4), "VALID") for c in (1, 3, 8, 16)],
    # padding and output channels at stride 4
    (24, 24, 8, 16, 5, (4, 4), "SAME"), (24, 24, 8, 64, 5, (4, 4), "VALID"), (24, 24, 3, 96, 11, (4, 4), "VALID"),
    # OFM size: the per-pixel cost must not depend on it
    (48, 48, 3, 96, 11, (4, 4), "VALID"),
    # stride-2 / 3 control with the OverFeat kernel
    (24, 24, 3, 96, 11, (2, 2), "VALID"), (24, 24, 3, 96, 11, (3, 3), "VALID"),
]


def build(h, w, cin, cout, k, stride, padding, path):
    b = NetBuilder(np.random.default_rng(0))
    g = b.finish([b.conv(b.input((1, h, w, cin)), cout, k, stride=stride, padding=padding)])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def vela(path, plat):
    accel, system = PLAT[plat]
    with tempfile.TemporaryDirectory() as out:
        log = subprocess.run(["vela", path, "--accelerator-config", accel, "--system-config", system,
                              "--memory-mode", "Shared_Sram", "--optimise", "Performance", "--output-dir", out,
                              "--verbose-schedule", "--verbose-performance"],
                             capture_output=True, text=True).stdout
        rows = list(csv.DictReader(open(glob.glob(os.path.join(out, "*_per-layer.csv"))[0])))
    conv = [r for r in rows if r["Original Operator"] == "Conv2D"]
    sched = re.findall(r"\n\t\d+: Operation (\w+)\s+- OFM [\d, ]+.*?\n\t\tKernel: size=(\d+),(\d+) stride=(\d+),(\d+)"
                       r".*?OFM Stripe\s+= \[([\d, ]+)\].*?Estimated Perf: Macs=(\d+) Cycles=(\d+)", log, re.S)
    sched = [s for s in sched if s[0] == "Conv2D"]
    enc = re.search(r"Operation Conv2D.*?Encoded Weights = (\d+) bytes", log, re.S)
    return {"enc_weights": int(enc.group(1)) if enc else None, "n_rows": len(conv), "cyc": sum(int(r["Op Cycles"]) for r in conv),
            "row_cyc": sorted({int(r["Op Cycles"]) for r in conv}),
            "vela_macs": sum(int(r["MAC Count"]) for r in conv),
            "n_sched": len(sched), "kernel": sched[0][1:5] if sched else None,
            "ofm_stripe": sched[0][5] if sched else None,
            "sched_cyc": sorted({int(s[7]) for s in sched})}


# proposed per-sub-op model (diag_stride4.md): compute C_px = A * KH*KW*ceil(Cin/8)*ceil(Cout/8) + B; weight
# stream of one sub-op T_w = W0 + W_enc / BETA (W_enc: Vela's encoded weight bytes, re-fetched by every sub-op);
# each sub-op costs max(C_px, T_w); the first sub-op's weight fetch is not hidden (+ W_enc / BETA).
A, B = 11.0, 200.0
BETA = {"u55": 1.0, "u65": 3.71}
W0 = {"u55": 64.0, "u65": 454.0}


def model(r, plat, w_enc=None):
    """Predicted Vela cycles of a stride > 3 conv (VALID / zero pad): OH*OW sub-ops."""
    c_px = A * r["k"] * r["k"] * -(-r["cin"] // 8) * -(-r["cout"] // 8) + B
    if w_enc is None:  # no Vela: raw weights + 10 bytes of bias/scale per output channel
        w_enc = r["k"] * r["k"] * r["cin"] * r["cout"] + 10 * r["cout"]
    return r["oh"] * r["ow"] * max(c_px, W0[plat] + w_enc / BETA[plat]) + w_enc / BETA[plat]


def out_len(n, k, s, padding):
    return -(-n // s) if padding == "SAME" else (n - k) // s + 1


def main():
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (h, w, cin, cout, k, (sh, sw), pad) in enumerate(PROBES):
            p = os.path.join(tmp, f"p{i}.tflite")
            build(h, w, cin, cout, k, (sh, sw), pad, p)
            oh, ow = out_len(h, k, sh, pad), out_len(w, k, sw, pad)
            r = {"h": h, "w": w, "cin": cin, "cout": cout, "k": k, "sh": sh, "sw": sw, "pad": pad,
                 "oh": oh, "ow": ow, "macs": oh * ow * cout * k * k * cin}
            for plat in PLAT:
                r[plat] = vela(p, plat)
                big = max(sh, sw) > 3 and r[plat]["n_sched"] > 0
                r[plat]["model"] = model(r, plat, r[plat]["enc_weights"]) if big else None
                r[plat]["model_raw"] = model(r, plat) if big else None
            res.append(r)
            u, v = r["u55"], r["u65"]
            print(f"{h}x{w}x{cin:<3d} k{k:<2d} s{sh},{sw} {pad:5s} -> {oh}x{ow}x{cout:<3d} MACs {r['macs']:>9d} | "
                  f"U55 ops {u['n_sched']:>4d} kern {u['kernel']} stripe [{u['ofm_stripe']}] cyc {u['cyc']:>9d} "
                  f"per-op {u['row_cyc'][:3]} sched {u['sched_cyc'][:2]} Wenc {u['enc_weights']} model {u['model'] or 0:.0f} "
                  f"| U65 ops {v['n_sched']:>4d} cyc {v['cyc']:>9d} per-op {v['row_cyc'][:3]} sched {v['sched_cyc'][:2]} "
                  f"model {v['model'] or 0:.0f}",
                  flush=True)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
