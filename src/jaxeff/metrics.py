"""Evaluation metrics (pure functions)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np


def top1_correct(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Number of correct top-1 predictions. ``logits [B, K]``, ``labels [B]`` int."""
    if logits.ndim != 2 or labels.shape != logits.shape[:1]:
        raise ValueError(
            f"expected logits [B, K] and labels [B], got {logits.shape} and {labels.shape}"
        )
    return jnp.sum(jnp.argmax(logits, -1) == labels)


def top1(logits: jax.Array, labels: jax.Array) -> jax.Array:
    """Top-1 accuracy in [0, 1]."""
    return top1_correct(logits, labels) / labels.shape[0]


def mean_std(values: list[float] | np.ndarray) -> tuple[float, float]:
    """Mean and sample standard deviation (0 for a single value)."""
    v = np.asarray(values, dtype=np.float64)
    return float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else 0.0
