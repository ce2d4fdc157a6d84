"""Issue 22, session 37: Vela 5.2 probes on synthetic graphs only (no validation or fresh model read) of a MUL by a
constant [1, 1, 1, C] (and, as a check, an ADD of one with a fused ReLU) between two 1 x 1 convs, on H x W maps,
per NPU: cycles per OFM element, as JSON lines. Used to build rule T2's table (PREREGISTERED.md).
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s37/probe_s37.py GRID [SHARD N]"""

from __future__ import annotations

import json
import sys

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.nets.sesr_npu import int8_graph
from jaxeff.tflite import read_main

PLATS = ("u55", "u65")


def cycles(g, k: int) -> dict[str, float]:
    buf = int8_graph(g, seed=0)
    q = read_main(buf)
    out = {}
    for p in PLATS:
        v = run_vela(buf, p)
        assert v.cpu_ops == 0, (p, v.cpu_ops)
        out[p] = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[k])
    return out


def probe(op: str, h: int, w: int, c: int) -> dict:
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, c)), c, 1)
    k_const = b.const(np.random.default_rng(1).normal(size=(1, 1, 1, c)).astype(np.float32))
    y = (b.mul(x, k_const) if op == "MUL" else b.add(x, k_const, "RELU") if op == "ADD"
         else b.add(x, k_const))  # "ADDN": an ADD without a fused activation
    op_type = "ADD" if op == "ADDN" else op
    g = b.finish([b.conv(y, c, 1)])
    k = [i for i, o in enumerate(g.ops) if o.type == op_type][0]
    cy = cycles(g, k)
    e = h * w * c
    return {"op": op, "h": h, "w": w, "c": c, "u55": cy["u55"] / e, "u65": cy["u65"] / e}


#: the dense grid: square maps 2..64 and every multiple of 16 channel count that the grid names
SQ_HW = tuple(range(2, 65))
SQ_C = (32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024, 1536, 2048)


def grid(name: str):
    if name == "time":
        return [("MUL", hw, hw, 64) for hw in (7, 16, 32)]
    if name == "sq":
        return [("MUL", hw, hw, c) for c in SQ_C for hw in SQ_HW]
    if name == "nsq":  # non-square maps, one depth
        return [("MUL", h, w, 256) for h in (2, 4, 7, 8, 14, 15, 16, 28, 31, 32, 56)
                for w in (2, 4, 7, 8, 12, 14, 15, 16, 20, 28, 30, 31, 32, 56, 64, 112) if h != w]
    if name == "add":  # ADD with a fused ReLU and without, square maps, two depths
        return [(op, hw, hw, c) for op in ("ADD", "ADDN") for c in (64, 256) for hw in SQ_HW]
    raise SystemExit(f"unknown grid {name}")


if __name__ == "__main__":
    items = grid(sys.argv[1])
    if len(sys.argv) > 3:
        s, n = int(sys.argv[2]), int(sys.argv[3])
        items = items[s::n]
    for it in items:
        print(json.dumps(probe(*it)), flush=True)
