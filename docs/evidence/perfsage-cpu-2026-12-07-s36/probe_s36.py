"""Issue 22, session 36, PREREGISTERED.md section 1: Vela 5.2 probes on synthetic graphs (no V27 or fresh model read)
that fix rule T's kappa / threshold and rule U's c_U. Each probe is a 1 x 1 conv (so the op reads an SRAM feature
map, as inside a network), then the probed op, then a 1 x 1 conv; the probed op's Vela cycles (per_op_cycles) per
OFM element are printed per NPU, and for T also over the term 8 x OFM elements / W_w.
Call (repo root, venv on): PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s36/probe_s36.py [T|U]"""

from __future__ import annotations

import sys

import numpy as np

from jaxeff.gnn.baselines import WEIGHT_PORT_BYTES_PER_CYCLE
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.nets.sesr_npu import int8_graph

PLATS = ("u55", "u65")


def cycles(g, k: int) -> dict[str, float]:
    buf = int8_graph(g, seed=0)
    out = {}
    from jaxeff.tflite import read_main
    q = read_main(buf)
    for p in PLATS:
        v = run_vela(buf, p)
        assert v.cpu_ops == 0, (p, v.cpu_ops)
        out[p] = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[k])
    return out


def probe_t(grid=None) -> None:
    print("| op | H x W | C | const | OFM elts | U55 cyc/elt | U65 cyc/elt | U55 cyc/(8 elt/W_w) | U65 cyc/(8 elt/W_w) |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|")
    grid = grid or [(op, (hw, hw), c, kind) for op in ("MUL", "ADD") for hw in (4, 8, 16, 32, 56, 112, 224)
                    for c in (8, 48, 180) if not (hw * hw * c > 224 * 224 * 64 and c > 48)
                    for kind in (("chan", "full") if hw <= 32 else ("chan",))]
    for op, (h, w), c, kind in grid:
        hw = f"{h}x{w}"
        b = NetBuilder(np.random.default_rng(0), "probe")
        x = b.conv(b.input((1, h, w, c)), c, 1)
        shape = (1, 1, 1, c) if kind == "chan" else (1, h, w, c)
        k_const = b.const(np.random.default_rng(1).normal(size=shape).astype(np.float32))
        y = (b.mul if op == "MUL" else b.add)(x, k_const)
        g = b.finish([b.conv(y, c, 1)])
        k = [i for i, o in enumerate(g.ops) if o.type == op][0]
        cy = cycles(g, k)
        e = h * w * c
        term = {p: 8.0 * e / WEIGHT_PORT_BYTES_PER_CYCLE[p] for p in PLATS}
        print(f"| {op} | {hw} | {c} | {kind} | {e} | {cy['u55'] / e:.2f} | {cy['u65'] / e:.2f} "
              f"| {cy['u55'] / term['u55']:.2f} | {cy['u65'] / term['u65']:.2f} |", flush=True)


def probe_u() -> None:
    print("| op | in | out | C | OFM elts | U55 cyc/elt | U65 cyc/elt |")
    print("|---|---|---|---:|---:|---:|---:|")
    for kind in ("bilinear", "nearest"):
        for w in (16, 128, 1024, 8192):
            for c in (16, 96):
                for hw_in, hw_out in (((1, w), (1, 2 * w)), ((w, 1), (2 * w, 1))) if w <= 1024 else (((1, w), (1, 2 * w)),):
                    b = NetBuilder(np.random.default_rng(0), "probe")
                    x = b.conv(b.input((1, *hw_in, c)), c, 1)
                    y = b.resize(x, hw_out, kind)
                    g = b.finish([b.conv(y, c, 1)])
                    k = [i for i, o in enumerate(g.ops) if o.type.startswith("RESIZE")][0]
                    cy = cycles(g, k)
                    e = hw_out[0] * hw_out[1] * c
                    print(f"| {g.ops[k].type} | {hw_in[0]}x{hw_in[1]} | {hw_out[0]}x{hw_out[1]} | {c} | {e} "
                          f"| {cy['u55'] / e:.2f} | {cy['u65'] / e:.2f} |", flush=True)


def probe_t2() -> None:
    """Addendum 2's second grid: channel counts between 8 and 48, maps between 16 x 16 and 32 x 32, 1-row maps."""
    probe_t([(op, hw, c, "chan") for op in ("MUL", "ADD") for hw in ((24, 24), (32, 32), (64, 64), (1, 4096), (4096, 1))
             for c in (12, 16, 24, 32)] + [(op, hw, 48, "chan") for op in ("MUL",) for hw in ((20, 20), (24, 24), (28, 28),
                                                                                        (1, 1024), (64, 16))])


#: addendum 5's grid (rule T' table): square maps and depths, at most 224 x 224 x 256 elements
TP_HW = (7, 10, 14, 20, 28, 40, 56, 80, 112, 160, 224)
TP_C = (32, 64, 128, 256, 512, 1024, 2048)


def probe_tp() -> None:
    """Addendum 5: per (op, H = W, C) the cycles per output element on each NPU, as JSON lines (the T' table)."""
    import json

    for op in ("MUL", "ADD"):
        for hw in TP_HW:
            for c in TP_C:
                if hw * hw * c > 224 * 224 * 256:
                    continue
                b = NetBuilder(np.random.default_rng(0), "probe")
                x = b.conv(b.input((1, hw, hw, c)), c, 1)
                k_const = b.const(np.random.default_rng(1).normal(size=(1, 1, 1, c)).astype(np.float32))
                y = b.mul(x, k_const) if op == "MUL" else b.add(x, k_const, "RELU")
                g = b.finish([b.conv(y, c, 1)])
                k = [i for i, o in enumerate(g.ops) if o.type == op][0]
                cy = cycles(g, k)
                e = hw * hw * c
                print(json.dumps({"op": op, "hw": hw, "c": c, "u55": cy["u55"] / e, "u65": cy["u65"] / e}),
                      flush=True)


if __name__ == "__main__":
    {"T": probe_t, "T2": probe_t2, "U": probe_u, "Tp": probe_tp}[sys.argv[1]]()
