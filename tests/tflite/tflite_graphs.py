"""A small hand-built float graph for the jaxeff.tflite tests."""

import numpy as np

from jaxeff.tflite import Op, OpGraph, Tensor


def fc_softmax_graph() -> OpGraph:
    """x [1, 8] float32 -> FULLY_CONNECTED (w [4, 8], b [4]) -> SOFTMAX -> [1, 4]."""
    rng = np.random.default_rng(0)
    ts = [
        Tensor("x", (1, 8)),
        Tensor("w", (4, 8), data=rng.standard_normal((4, 8)).astype(np.float32)),
        Tensor("b", (4,), data=np.linspace(-1, 1, 4, dtype=np.float32)),
        Tensor("h", (1, 4)),
        Tensor("y", (1, 4)),
    ]
    ops = [
        Op("FULLY_CONNECTED", (0, 1, 2), (3,), {"fused_activation_function": "NONE"}),
        Op("SOFTMAX", (3,), (4,), {"beta": 1.0}),
    ]
    return OpGraph(ts, ops, (0,), (4,))
