"""Session 32 addendum 2 (issue 22, SRAM): when Vela 5.2 (regor) buffers an operator's weights in SRAM on the
Ethos-U65 (Shared_Sram: weights in DRAM) -- probes for diag_u65_buffer.md.

Builds small int8 graphs (jaxeff.gnn.build.NetBuilder) of two or three weighted operators in a row -- FULLY_CONNECTED
chains of varying input / output widths (a slow "front" operator followed by a smaller one whose weight copy it can
hide, or not), and 1x1 / 3x3 CONV_2D pairs -- compiles each with the Vela CLI (U55: ethos-u55-128 /
Ethos_U55_High_End_Embedded; U65: ethos-u65-256 / Ethos_U65_High_End; Shared_Sram, --optimise Performance,
--verbose-schedule) and records per weighted operator: Vela's encoded weights, "Weight buffer = N bytes (kind)",
its printed "Cycles", and Vela's "Total SRAM used"; beside them velamem's default and the candidate
"vorder_cat_smx_lin_split_u65buf" (total SRAM; the candidate's buffers per operator).

Usage (repo root, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s32/diag_u65_buffer.py [OUT.json]
(about 1-2 min on 2 cores.)
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
CAND = "vorder_cat_smx_lin_split_u65buf"

# ("fc", input width, [output widths]): a chain; ("pair", big width, small width, n): FC(big -> n) and FC(small -> n)
# on two inputs, summed (Vela runs the big one first); ("conv", H, W, C_in, [(C_out, kernel)])
PROBES = [
    ("pair", 128, 10, 384),     # gru-like: the input projection after the recurrent FC
    ("pair", 256, 16, 256),
    ("pair", 256, 8, 512),
    ("pair", 60, 60, 180),      # crnn-like, but Vela runs them in the other order / the copy is just too slow
    ("fc", 784, [300, 100]),    # lenet-300-100: the second FC's copy hides under the first, but it is not slower unbuffered
    ("fc", 60, [180, 180]),     # crnn-like: 60 -> 180 -> 180
    ("fc", 10, [384, 384]),     # gru-like input projection, then a wide one
    ("fc", 256, [256, 64]),
    ("fc", 256, [512, 32]),     # a wide FC (more than two 128-deep blocks) before a small one
    ("fc", 16, [128, 128]),     # cnn_s-like 16 -> 128
    ("fc", 1024, [64, 256]),
    ("conv", 16, 16, 64, [(128, 3), (128, 3)]),
    ("conv", 8, 8, 128, [(256, 3), (256, 3)]),
    ("conv", 32, 32, 16, [(64, 3), (64, 3)]),
]

OP = re.compile(r"\n\t(\d+): Operation (\w+)\s+- OFM ([\d, ]+).*?"
                r"(?:Encoded Weights = (\d+) bytes\s+Weight buffer = (\d+) bytes \((\w+)\).*?)?"
                r"Cycles=(\d+)", re.S)


def build(spec, path):
    b = NetBuilder(np.random.default_rng(0))
    if spec[0] == "pair":
        _, big, small, n = spec
        a = b.fc(b.input((1, big)), n)
        c = b.fc(b.input((1, small)), n)
        x = b.add(c, a)
    elif spec[0] == "fc":
        x = b.input((1, spec[1]))
        for k in spec[2]:
            x = b.fc(x, k, act="RELU")
    else:
        _, h, w, cin, layers = spec
        x = b.input((1, h, w, cin))
        for cout, k in layers:
            x = b.conv(x, cout, k, act="RELU")
    g = b.finish([x])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def vela(path, plat):
    accel, system = PLAT[plat]
    with tempfile.TemporaryDirectory() as out:
        log = subprocess.run(["vela", path, "--accelerator-config", accel, "--system-config", system,
                              "--memory-mode", "Shared_Sram", "--optimise", "Performance", "--output-dir", out,
                              "--verbose-schedule"], capture_output=True, text=True).stdout
        row = next(csv.DictReader(open(glob.glob(os.path.join(out, "*_summary_*.csv"))[0])))
    ops = [{"op": m[1], "ofm": m[2].strip(), "wenc": int(m[3]) if m[3] else 0,
            "wbuf": int(m[4]) if m[4] else 0, "kind": m[5] or "-", "cycles": int(m[6])}
           for m in OP.findall(log)]
    return {"sram": int(round(float(row["sram_memory_used"]) * 1024)), "ops": ops}


def ours(rec, pl):
    """The candidate's per-operator (buffer, held-under-it) bytes of the weighted operators, in Vela's order."""
    order = vm.vela_order(rec, concat_first=True)
    r2 = vm._reordered(rec, order)
    held = np.zeros(int(r2["n_ops"]))
    buf, _ = vm.refetch_buffers(r2, pl, None, split=True, whole_prebuffer=True, held=held)
    w = vm.encoded_weight_bytes(r2)
    return [(int(buf[v]), int(held[v])) for v in range(len(w)) if w[v] > 0], [int(x) for x in w[w > 0]]


def main():
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, spec in enumerate(PROBES):
            p = os.path.join(tmp, f"p{i}.tflite")
            build(spec, p)
            rec = record_of(p)
            r = {"spec": repr(spec)}
            for pl in PLAT:
                v = vela(p, pl)
                bufs, wenc = ours(rec, pl)
                v["velamem"] = {ru: vm.sram_bytes(rec, pl, rule=ru) for ru in (vm.DEFAULT_RULE, CAND)}
                v["cand_buffers"], v["wenc_ours"] = bufs, wenc
                r[pl] = v
                wops = [o for o in v["ops"] if o["wenc"]]
                print(f"{spec} {pl}: Vela sram {v['sram']} | "
                      + " ; ".join(f"{o['op']}[{o['ofm']}] W{o['wenc']} buf {o['wbuf']} {o['kind']} cyc {o['cycles']}"
                                   for o in wops)
                      + f" | ours W {wenc} (buf, held) {bufs} | default {v['velamem'][vm.DEFAULT_RULE]:.0f} "
                        f"cand {v['velamem'][CAND]:.0f}", flush=True)
            res.append(r)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
