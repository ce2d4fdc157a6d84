"""LiteRT host latency (1 thread) of int8 RAN-e-GT with h-swish vs ReLU6, and Lite0-ReLU6.

    PYTHONPATH=src python docs/evidence/rans-cpu-2026-12-03/litert_relu6.py
"""

from jaxeff.nets.ran import LITE0_STAGES, RAN_E_CONFIGS
from jaxeff.nets.ran_vela import int8_tflite, network_graph
from jaxeff.tflite.litert import host_latency

NETS = [
    ("GT_relu6", RAN_E_CONFIGS["GT"], {"act": "relu6"}),
    ("GT", RAN_E_CONFIGS["GT"], {}),
    ("lite0_relu6", LITE0_STAGES,
     {"lite": True, "stem": 32, "head": 1280, "act": "relu6"}),
]
for name, st, kw in NETS:
    buf = int8_tflite(network_graph(st, **kw))
    print(name, host_latency(buf, budget_s=2.0), flush=True)
