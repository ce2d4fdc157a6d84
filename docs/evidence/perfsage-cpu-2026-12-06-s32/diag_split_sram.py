"""Session 32 (issue 22, SRAM): what Vela 5.2 (regor) keeps in SRAM for a CONV_2D with a stride above 3,
which it splits into one NPU operation per output pixel (s31 diag_stride4.md).

Builds small int8 graphs (jaxeff.gnn.build.NetBuilder) around one split convolution -- alone (graph input ->
conv -> graph output), after a 3x3 stride-1 conv ("pre": its IFM is an intermediate map), before a 1x1 conv
("post": its OFM is an intermediate map) -- compiles each with the Vela CLI (U55: ethos-u55-128 /
Ethos_U55_High_End_Embedded; U65: ethos-u65-256 / Ethos_U65_High_End; Shared_Sram, --optimise Performance,
--verbose-schedule) and records per probe and platform:
  n_sub    scheduled sub-operations of the split conv (OH * OW),
  wenc     Vela's encoded weight bytes of one sub-op (every sub-op has its own copy),
  wbuf     the weight buffer of the first / second sub-op ("Single" = whole encoded weights),
  mem      "Memory Used" (op = the feature maps of the sub-op, buf, nl = the rest live) of the first two sub-ops,
  sram     Vela's "Total SRAM used" bytes (summary CSV),
and velamem's estimate by the default rule and by rule "vorder_cat_smx_lin_split" (if this library has it).

Usage (repo root, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s32/diag_split_sram.py [OUT.json]
(about 2-3 min on 2 cores.)
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

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

PLAT = {"u55": ("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
        "u65": ("ethos-u65-256", "Ethos_U65_High_End")}

# (H, W, Cin, Cout, (KH, KW), (SH, SW), context[, fused activation, default RELU])
PROBES = [
    (24, 24, 8, 16, (3, 3), (4, 4), "alone"),
    (24, 24, 1, 16, (5, 5), (4, 4), "alone"),
    (24, 24, 16, 64, (5, 5), (4, 4), "alone"),
    (24, 24, 3, 96, (11, 11), (4, 4), "alone"),
    (48, 48, 3, 96, (11, 11), (4, 4), "alone"),
    (32, 40, 1, 200, (32, 8), (1, 8), "alone"),
    (32, 40, 1, 100, (16, 8), (4, 1), "alone"),
    (24, 24, 32, 128, (5, 5), (8, 8), "alone"),
    (24, 24, 64, 256, (8, 8), (4, 4), "alone"),
    (24, 24, 24, 40, (3, 3), (4, 4), "alone"),
    (24, 24, 8, 24, (5, 5), (4, 4), "pre"),
    (24, 24, 8, 24, (5, 5), (4, 4), "post"),
    (48, 48, 3, 96, (11, 11), (4, 4), "post"),
    (24, 24, 8, 16, (3, 3), (2, 2), "alone"),
    # no fused activation; an OFM that a RESHAPE + FULLY_CONNECTED reads (NHWC); an intermediate IFM of 24 channels
    (24, 24, 24, 40, (3, 3), (4, 4), "alone", "NONE"),
    (24, 24, 8, 40, (5, 5), (4, 4), "flat", "NONE"),
    (24, 24, 8, 40, (5, 5), (4, 4), "flat"),
    (24, 24, 24, 40, (5, 5), (4, 4), "pre"),
    # a larger map before the split conv: the graph peak elsewhere
    (64, 64, 24, 40, (5, 5), (4, 4), "pre"),
]


def build(h, w, cin, cout, k, stride, ctx, path, act="RELU"):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, h, w, cin))
    if ctx == "pre":
        x = b.conv(x, cin, 3, act="RELU")
    y = b.conv(x, cout, k, stride=stride, padding="VALID", act=act)
    if ctx == "post":
        y = b.conv(y, 16, 1)
    if ctx == "flat":
        y = b.fc(b.reshape(y, (1, int(np.prod(b.shape(y))))), 10)
    g = b.finish([y])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


SUB = re.compile(r"\n\t(\d+): Operation Conv2D\s+- OFM [\d, ]+.*?\n\t\tKernel: size=(\d+),(\d+) stride=1,1"
                 r".*?IFM Stripe\s+= \[([\d, ]+)\].*?OFM Stripe\s+= \[([\d, ]+)\]"
                 r".*?Encoded Weights = (\d+) bytes\s+Weight buffer = (\d+) bytes \((\w+)\)"
                 r".*?Memory Used: (\d+) bytes \(op=(\d+), buf=(\d+), ccd=(\d+), nl=(\d+)\)", re.S)


def vela(path, plat, kh, kw):
    accel, system = PLAT[plat]
    with tempfile.TemporaryDirectory() as out:
        log = subprocess.run(["vela", path, "--accelerator-config", accel, "--system-config", system,
                              "--memory-mode", "Shared_Sram", "--optimise", "Performance", "--output-dir", out,
                              "--verbose-schedule"], capture_output=True, text=True).stdout
        row = next(csv.DictReader(open(glob.glob(os.path.join(out, "*_summary_*.csv"))[0])))
    subs = [m for m in SUB.findall(log) if (int(m[1]), int(m[2])) == (kw, kh)]
    peak = max((int(m) for m in re.findall(r"Memory Used: (\d+) bytes", log)), default=0)
    return {"sram": int(round(float(row["sram_memory_used"]) * 1024)), "max_memory_used": peak, "n_sub": len(subs),
            "wenc": int(subs[0][5]) if subs else None,
            "ifm_stripe": subs[0][3] if subs else None, "ofm_stripe": subs[0][4] if subs else None,
            "wbuf": [(int(s[6]), s[7]) for s in subs[:2]],
            "mem": [tuple(int(v) for v in s[8:13]) for s in subs[:2]]}


def main():
    res = []
    rules = [r for r in (vm.DEFAULT_RULE, "vorder_cat_smx_lin_split") if r in vm.RULES]
    with tempfile.TemporaryDirectory() as tmp:
        for i, (h, w, cin, cout, k, s, ctx, *act) in enumerate(PROBES):
            p = os.path.join(tmp, f"p{i}.tflite")
            build(h, w, cin, cout, k, s, ctx, p, *act)
            rec = record_of(p)
            oh, ow = (h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1
            r = {"h": h, "w": w, "cin": cin, "cout": cout, "k": k, "s": s, "ctx": ctx, "act": (act or ["RELU"])[0], "oh": oh, "ow": ow,
                 "wenc_ours": float(vm.encoded_weight_bytes(rec).max())}
            for pl in PLAT:
                r[pl] = vela(p, pl, *k)
                r[pl]["velamem"] = {ru: vm.sram_bytes(rec, pl, rule=ru) for ru in rules}
                v = r[pl]
                print(f"{h}x{w}x{cin} k{k} s{s} {ctx:5s} {r['act']:4s} -> {oh}x{ow}x{cout} {pl}: sram {v['sram']} "
                      f"(max mem {v['max_memory_used']}) sub {v['n_sub']} wenc {v['wenc']} (ours "
                      f"{r['wenc_ours']:.0f}) wbuf {v['wbuf']} mem(op,buf,ccd,nl) {v['mem']} "
                      f"IFM [{v['ifm_stripe']}] OFM [{v['ofm_stripe']}] velamem "
                      + " ".join(f"{ru}={b:.0f}" for ru, b in v["velamem"].items()), flush=True)
            res.append(r)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
