"""Table 5 networks (arXiv 2010.11267) exported to full int8 with random weights:
measured TFLM arena vs the SpArSe working-memory model and the paper's SRAM.

    PYTHONPATH=src python docs/evidence/micronets-cpu-2026-12-03/table5_arena.py

Weights are random (He-normal from flax init, BN identity), calibrated on 8 N(0,1)
inputs: the arena depends only on tensor shapes, not on weight values.
"""

import jax
import numpy as np

from jaxeff.nets.micronets import MICRONETS, MicroNet, cost_summary
from jaxeff.nets.micronets_export import export_int8
from jaxeff.tflite import tflm

PAPER_SRAM_KB = {"kws_s": 53.2, "kws_m": 103.3, "kws_l": 208.8, "dscnn_s": 47.2,
                 "dscnn_m": 123.3, "dscnn_l": 201.3, "ad_s": 114.2, "ad_m": 274.5,
                 "ad_l": 383.7}

print("| model | WM model B | TFLM arena B (total / head / tail) | arena - WM B | "
      "paper SRAM KB | tflite B |")
print("|---|---|---|---|---|---|")
for name, spec in MICRONETS.items():
    model = MicroNet(spec, batch_norm=True)
    x = np.random.default_rng(0).standard_normal((8, *spec.input_hw, 1)).astype(np.float32)
    v = model.init(jax.random.key(0), x[:1])
    buf = export_int8(spec, v, x)
    r = tflm.run(buf)
    wm = cost_summary(spec)["wm"]
    print(f"| {name} | {wm:,} | {r.arena_bytes:,} / {r.arena_head_bytes:,} / "
          f"{r.arena_tail_bytes:,} | {r.arena_bytes - wm:,} | {PAPER_SRAM_KB[name]} | "
          f"{len(buf):,} |", flush=True)
