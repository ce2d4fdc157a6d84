"""Vela FPS ratios of RAN-e GT / C vs EfficientNet-Lite0 across random-weight seeds.

The int8 graphs carry random weights (no trained RAN-e in the project); Vela's
weight compression depends on them. This re-runs the 224^2 comparison with
seeds 0-2 (weights and calibration) to show how much the ratios move.
    PYTHONPATH=src python docs/evidence/rans-cpu-2026-12-03/vela_seeds.py
"""

from jaxeff.nets.ran import LITE0_STAGES, RAN_E_CONFIGS
from jaxeff.nets.ran_vela import int8_tflite, network_graph, vela_costs

NETS = {
    "lite0_relu6": (LITE0_STAGES, {"lite": True, "stem": 32, "head": 1280,
                                   "act": "relu6"}),
    "lite0_hswish": (LITE0_STAGES, {"lite": True, "stem": 32, "head": 1280,
                                    "act": "hswish"}),
    "GT": (RAN_E_CONFIGS["GT"], {}),
    "C": (RAN_E_CONFIGS["C"], {}),
}
for seed in (0, 1, 2):
    fps = {n: vela_costs(int8_tflite(network_graph(st, seed=seed, **kw), seed))
           for n, (st, kw) in NETS.items()}
    for n in ("GT", "C"):
        r = {f"{pf} x {b}": round(fps[n][pf]["fps"] / fps[b][pf]["fps"], 3)
             for b in ("lite0_relu6", "lite0_hswish") for pf in ("u55", "u65")}
        print(f"seed {seed} {n}: {r}", flush=True)
