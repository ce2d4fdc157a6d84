"""Session 33 (issue 22, SRAM): Vela 5.2's printed per-operator cycles of pooling, transposed-convolution, fully
connected and PAD + convolution probes, beside velamem's roofline cycles (the slack its weight-copy test uses) --
synthetic int8 graphs only (no validation or test model), for the candidate of PREREGISTERED.md section 2.

Each probe is a small graph built with jaxeff.gnn.build.NetBuilder, quantised (jaxeff.gnn.int8) and compiled with the
Vela CLI (U55: ethos-u55-128 / Ethos_U55_High_End_Embedded; U65: ethos-u65-256 / Ethos_U65_High_End; Shared_Sram,
--optimise Performance, --verbose-schedule, as jaxeff.gnn.labels.run_vela). Printed per operator: its type, OFM, Vela's
"Cycles", velamem.roofline_cycles, and the ratio.

Usage (repo root, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/diag_cycles33.py [OUT.json]
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.realeval import record_of
from jaxeff.tflite import save_tflite

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "perfsage-cpu-2026-12-06-s32"))
from diag_u65_buffer import PLAT, vela as _vela_u65  # noqa: E402


# (kind, input shape, args)
PROBES = [
    ("maxpool", (1, 109, 109, 96), (3, 2)),
    ("maxpool", (1, 55, 55, 96), (3, 2)),
    ("maxpool", (1, 112, 112, 64), (3, 3)),
    ("maxpool", (1, 28, 28, 256), (2, 2)),
    ("maxpool", (1, 16, 16, 512), (3, 3)),
    ("avgpool", (1, 56, 56, 64), (2, 2)),
    ("avgpool", (1, 14, 14, 256), (3, 1)),
    ("tconv", (1, 4, 4, 512), (256, 4, 2)),
    ("tconv", (1, 8, 8, 256), (128, 4, 2)),
    ("tconv", (1, 7, 7, 128), (64, 4, 2)),
    ("tconv", (1, 14, 14, 64), (1, 4, 2)),
    ("tconv", (1, 7, 7, 256), (128, 5, 1)),
    ("tconv", (1, 16, 16, 64), (32, 3, 2)),
    ("tconv", (1, 28, 28, 32), (32, 3, 1)),
    ("fc", (1, 1024), (6272,)),
    ("fc", (1, 100), (12544,)),
    ("fc", (1, 4096), (4096,)),
    ("fc", (1, 512), (1000,)),
    ("fc", (1, 110), (6144,)),
    ("fc", (1, 9216), (1024,)),
    ("conv", (1, 27, 27, 96), (256, 5, 1)),
    ("conv", (1, 32, 32, 64), (64, 3, 1)),
    ("padconv", (1, 27, 27, 96), (256, 5, 1)),
    ("poolconv", (1, 109, 109, 96), (256, 5, 1)),
]


def build(kind, shape, args, path):
    b = NetBuilder(np.random.default_rng(0))
    x = b.input(shape)
    if kind in ("maxpool", "avgpool"):
        x = b.pool(x, kind[:3], args[0], args[1])
    elif kind == "tconv":
        x = b.transpose_conv(x, args[0], args[1], args[2], act="RELU")
    elif kind == "fc":
        x = b.fc(x, args[0], act="RELU")
    elif kind == "conv":
        x = b.conv(x, args[0], args[1], args[2], act="RELU")
    elif kind == "padconv":
        x = b.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)))
        x = b.conv(x, args[0], args[1], args[2], act="RELU", padding="VALID")
    elif kind == "poolconv":
        x = b.pool(x, "max", 3, 2)
        x = b.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)))
        x = b.conv(x, args[0], args[1], args[2], act="RELU", padding="VALID")
    g = b.finish([x])
    save_tflite(quantize_int8(g, calibrate(g, seed=0, samples=1)), path)


def vela(path, plat):
    """Vela's scheduled operations (type, OFM, printed cycles), through session 32's parser (diag_u65_buffer.vela)."""
    return [{k: o[k] for k in ("op", "ofm", "cycles")} for o in _vela_u65(path, plat)["ops"]]


def main():
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (kind, shape, args) in enumerate(PROBES):
            p = os.path.join(tmp, f"p{i}.tflite")
            build(kind, shape, args, p)
            rec = record_of(p)
            n = int(rec["n_ops"])
            x = np.asarray(rec["x"], np.float64)
            macs = np.expm1(x[:n, vm._COL["log_macs"]])
            act = np.expm1(x[:n, vm._COL["log_act_bytes"]])
            w = vm.encoded_weight_bytes(rec)
            r = {"kind": kind, "shape": shape, "args": args, "ops": list(rec["ops"][:n]),
                 "macs": macs.tolist(), "act_bytes": act.tolist(), "wenc": w.tolist()}
            for pl in PLAT:
                r[pl] = {"vela": vela(p, pl), "roofline": vm.roofline_cycles(rec, pl).tolist()}
                sched = [o for o in rec["ops"][:n] if o not in vm.MEMORY_ONLY]
                print(f"{kind} {shape} {args} {pl}: ours {list(zip(sched, [int(c) for c in r[pl]['roofline']]))} | "
                      f"Vela {[(o['op'], o['ofm'], o['cycles']) for o in r[pl]['vela']]} | MACs "
                      f"{[int(m) for m in macs]} act {[int(a) for a in act]} W {[int(v) for v in w]}", flush=True)
            res.append(r)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
