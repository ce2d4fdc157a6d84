"""Session 42 (issue 22): Vela 5.2's cycles for a one-row CONV_2D as its output width goes odd / even (synthetic
probes only; no real model is read). Motivated by read models (families LXVII / LXVIII): their stride-1 1 x 3 convs on
64-256 channels cost 2.0 x the forests' value on the U65 at odd widths (73 ... 1,995) and 1.0 x at even widths.

Probe: NetBuilder(rng 0): input (1, 1, OW_in, C_in) -> 1x1 conv C_in -> the measured 1 x k SAME conv, stride s,
C_in -> C_out -> 1x1 conv to 16; int8_graph(seed=0); Vela's per-op cycles of the measured conv (run_vela +
per_op_cycles, as the labels). Prints a markdown table: cycles per output pixel, and the odd / even ratio of each
(k, s, C_in, C_out) pair of neighbouring widths.
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set): python THIS > probe_rowodd42.md (a few minutes)."""
from __future__ import annotations

import itertools

import numpy as np

PLATS = ("u55", "u65")


def probe(ow: int, k: int, s: int, cin: int, cout: int) -> dict:
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.nets.sesr_npu import int8_graph
    from jaxeff.tflite import read_main

    b = NetBuilder(np.random.default_rng(0), "probe")
    x = b.conv(b.input((1, 1, ow * s, cin)), cin, 1)
    x = b.conv(x, cout, (1, k), (1, s), padding="SAME")
    gr = b.finish([b.conv(x, 16, 1)])
    buf = int8_graph(gr, seed=0)
    q = read_main(buf)
    oshape = q.tensors[q.ops[1].outputs[0]].shape
    assert tuple(oshape) == (1, 1, ow, cout), oshape
    out = {}
    for p in PLATS:
        v = run_vela(buf, p)
        out[p] = float(per_op_cycles(q, v.per_layer, list(v.original_ops))[1])
    return out


def main() -> None:
    print("| k | s | C_in | C_out | OW | U55 cyc/px | U65 cyc/px | U55 odd/even | U65 odd/even |")
    print("|---|---|---|---|---|---:|---:|---:|---:|")
    for k, s, cin, cout in itertools.product((1, 3, 9), (1, 2), (16, 128), (64,)):
        prev = None
        for ow in (63, 64, 399, 400, 1599, 1600):
            c = probe(ow, k, s, cin, cout)
            r = ["", ""]
            if ow % 2 == 0 and prev is not None:
                r = [f"{(prev[p] / (ow - 1)) / (c[p] / ow):.3f}" for p in PLATS]
            print(f"| {k} | {s} | {cin} | {cout} | {ow} | {c['u55'] / ow:.1f} | {c['u65'] / ow:.1f} | {r[0]} | {r[1]} |",
                  flush=True)
            prev = c


if __name__ == "__main__":
    main()
