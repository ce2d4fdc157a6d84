"""Shared type aliases used across jaxeff."""

from __future__ import annotations

from typing import Any

import jax

Params = Any  # pytree of float arrays ("params" collection)
QParams = Any  # pytree of quantization parameters ("quant" collection)
Variables = dict[str, Any]  # {"params": ..., "batch_stats": ..., "quant": ...}
Key = jax.Array
Batch = dict[str, Any]  # {"image": [B,H,W,C] float32, "label": [B] int32}
Population = Any  # pytree whose leaves carry a leading population axis
Fitness = jax.Array  # [P] float32, lower is better
Metrics = dict[str, Any]
