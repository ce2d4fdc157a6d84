"""Issue 22, session 27 (diagnosis after families XXIX's read; decides nothing): does Vela's cost of a convolution
step with the channel count (padding to the NPU's block depth) where the MAC count grows smoothly? One 3x3 SAME
conv of C -> C channels on a 25 x 13 map (Res8's block shape), C = 8 ... 48, compiled alone by Vela 5.2 for U55-128
and U65-256; printed: cycles, cycles per MAC, and the ratio to C = 48's cycles per MAC. Synthetic graphs only.
Usage (repo root): PYTHONPATH=. python docs/evidence/perfsage-cpu-2026-12-06-s27/probe_channels_s27.py
"""
import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import run_vela
from jaxeff.tflite import write_tflite

rows = []
for c in range(8, 49):
    b = NetBuilder(np.random.default_rng(0), "p")
    g = b.finish([b.conv(b.input((1, 25, 13, c)), c, 3, 1, "RELU")])
    q = write_tflite(quantize_int8(g, calibrate(g, samples=1)))
    macs = 25 * 13 * c * c * 9
    rows.append((c, macs, run_vela(q, "u55").cycles, run_vela(q, "u65").cycles))
ref = {p: rows[-1][2 + k] / rows[-1][1] for k, p in enumerate(("u55", "u65"))}
print("| C | MACs | U55 cycles | U55 cycles / MAC vs C = 48 | U65 cycles | U65 cycles / MAC vs C = 48 |")
print("|---|---|---|---|---|---|")
for c, m, a, b in rows:
    print(f"| {c} | {m} | {a:.0f} | {a / m / ref['u55']:.2f} | {b:.0f} | {b / m / ref['u65']:.2f} |")
