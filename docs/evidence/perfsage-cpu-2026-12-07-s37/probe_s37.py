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


def probe_pool(kind: str, h: int, w: int, c: int, kh: int, kw: int) -> dict:
    """Rule V (addendum 3): one AVERAGE_POOL_2D / MAX_POOL_2D with kernel = stride (kh, kw) between two 1 x 1 convs;
    Vela's cycles per OFM pixel (one NPU operation each where it splits the pool)."""
    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, h, w, c)), c, 1)
    y = b.pool(x, kind, (kh, kw), (kh, kw))
    g = b.finish([b.conv(y, c, 1)])
    t = "AVERAGE_POOL_2D" if kind == "avg" else "MAX_POOL_2D"
    k = [i for i, o in enumerate(g.ops) if o.type == t][0]
    cy = cycles(g, k)
    return {"op": t, "h": h, "w": w, "c": c, "kh": kh, "kw": kw, "oh": h // kh, "ow": w // kw,
            "u55": cy["u55"], "u65": cy["u65"]}


#: the dense grid: square maps 2..64 and every multiple of 16 channel count that the grid names
SQ_HW = tuple(range(2, 65))
SQ_C = (32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 512, 640, 768, 1024, 1536, 2048)


def grid(name: str):
    if name == "time":
        return [("MUL", hw, hw, 64) for hw in (7, 16, 32)]
    if name == "sq":
        return [("MUL", hw, hw, c) for c in SQ_C for hw in SQ_HW]
    if name == "pool":  # addendum 3: 2-D pools (the diagnosis's grid) and one-row 1 x K / K pools
        two_d = [(kd, 100, 39, c, 4, 3) for kd in ("avg", "max") for c in (8, 16, 19, 32, 45, 64, 128)]
        two_d += [("avg", 100, 40, 19, 4, 4), ("avg", 52, 21, 19, 4, 3), ("avg", 96, 96, 19, 8, 8),
                  ("max", 64, 64, 32, 8, 8), ("avg", 60, 60, 24, 5, 5)]
        one_row = [(kd, 1, 4096, c, 1, k) for kd in ("avg", "max") for c in (8, 16, 32, 64, 128) for k in (4, 8, 16)]
        return two_d + one_row
    if name == "c16":  # addendum 5: depth 16 (MUL and ADD with a fused ReLU), every square map
        return [(op, hw, hw, 16) for op in ("MUL", "ADD") for hw in SQ_HW]
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
        print(json.dumps(probe_pool(*it) if sys.argv[1] == "pool" else probe(*it)), flush=True)
