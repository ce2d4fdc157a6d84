"""LiteRT (``ai-edge-litert``, the TensorFlow Lite runtime): run and time a model.

The host-CPU reference runtime of the project: PerfSAGE (arXiv 2301.10999) host
latency labels (spec perfsage.md §5.1: ``Interpreter(num_threads=1)``, default
XNNPACK delegate, median of timed ``invoke()`` calls) and the oracle that
``jaxeff.tflite`` conversions are checked against. Needs the ``tflite`` extra.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from jaxeff._extras import require
from jaxeff.tflite.reader import model_bytes
from jaxeff.tflite.schema import TFLiteError

__all__ = ["Timing", "host_latency", "interpreter", "random_inputs", "run",
           "time_model"]

Model = str | os.PathLike | bytes


@dataclasses.dataclass(frozen=True, kw_only=True)
class Timing:
    """Wall time of ``invoke()`` in milliseconds: median and inter-quartile range
    over ``n`` timed runs (after the warm-up runs)."""

    median_ms: float
    iqr_ms: float
    n: int


def interpreter(model: Model, *, num_threads: int = 1) -> Any:
    """A LiteRT ``Interpreter`` for ``model`` (path or bytes) with its tensors
    allocated. ``FileNotFoundError`` / :class:`TFLiteError` name a missing or
    corrupt file; a ``MissingExtraError`` names the ``tflite`` extra."""
    buf, where = model_bytes(model)
    mod = require("ai_edge_litert.interpreter", purpose="running TFLite models in LiteRT")
    try:
        it = mod.Interpreter(model_content=buf, num_threads=int(num_threads))
        it.allocate_tensors()
    except (ValueError, RuntimeError) as e:
        raise TFLiteError(f"{where}: LiteRT cannot load the model ({e})") from None
    return it


def random_inputs(details: Sequence[dict[str, Any]], seed: int = 0) -> list[np.ndarray]:
    """Seeded inputs for LiteRT input ``details``: integer tensors uniform codes
    ``-128..127`` cast to the tensor's dtype, float tensors standard normal."""
    rng = np.random.default_rng(seed)
    out = []
    for d in details:
        dt = d["dtype"]
        out.append(
            rng.integers(-128, 128, d["shape"]).astype(dt)
            if np.issubdtype(dt, np.integer)
            else rng.standard_normal(d["shape"]).astype(dt)
        )
    return out


def _set_inputs(it: Any, inputs: Sequence[np.ndarray] | None, seed: int) -> None:
    details = it.get_input_details()
    if inputs is None:
        inputs = random_inputs(details, seed)
    if len(inputs) != len(details):
        raise ValueError(f"inputs: the model has {len(details)} inputs, got {len(inputs)}")
    for i, (d, x) in enumerate(zip(details, inputs, strict=True)):
        x, shape = np.asarray(x), [int(n) for n in d["shape"]]
        if list(x.shape) != shape or x.dtype != d["dtype"]:
            raise ValueError(
                f"inputs[{i}] ({d['name']!r}) must be {np.dtype(d['dtype']).name}"
                f"{shape}, got {x.dtype.name}{list(x.shape)}"
            )
        it.set_tensor(d["index"], x)


def run(
    model: Model,
    inputs: Sequence[np.ndarray] | None = None,
    *,
    num_threads: int = 1,
    seed: int = 0,
) -> list[np.ndarray]:
    """Run ``model`` once in LiteRT and return its outputs (file order and dtypes).

    ``inputs``: one array per model input, of the input's exact shape and dtype
    (``ValueError`` names the input otherwise); ``None`` = :func:`random_inputs`
    with ``seed``."""
    it = interpreter(model, num_threads=num_threads)
    _set_inputs(it, inputs, seed)
    it.invoke()
    return [np.array(it.get_tensor(d["index"])) for d in it.get_output_details()]


def _timed(it: Any, n: int) -> Timing:
    times = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        it.invoke()
        times.append((time.perf_counter_ns() - t0) * 1e-6)
    q1, _, q3 = statistics.quantiles(times, n=4) if len(times) > 1 else (times[0],) * 3
    return Timing(median_ms=float(np.median(times)), iqr_ms=float(q3 - q1), n=n)


def time_model(
    model: Model,
    inputs: Sequence[np.ndarray] | None = None,
    *,
    runs: int = 20,
    warmup: int = 3,
    num_threads: int = 1,
    seed: int = 0,
) -> Timing:
    """Median (and IQR) of ``runs`` timed ``invoke()`` calls after ``warmup``
    untimed ones, on ``num_threads`` CPU threads. ``inputs`` as in :func:`run`."""
    if runs < 1 or warmup < 0:
        raise ValueError(f"runs must be >= 1 and warmup >= 0, got {runs}, {warmup}")
    it = interpreter(model, num_threads=num_threads)
    _set_inputs(it, inputs, seed)
    for _ in range(warmup):
        it.invoke()
    return _timed(it, runs)


def host_latency(
    model: Model,
    *,
    budget_s: float = 2.0,
    min_runs: int = 5,
    max_runs: int = 50,
    warmup: int = 5,
    warmup_budget_s: float = 1.0,
    seed: int = 0,
) -> dict[str, float]:
    """Median LiteRT latency (ms) on one host CPU thread, with IQR (spec §5.1).

    Random inputs (:func:`random_inputs` with ``seed``); ``warmup`` invokes (cut to
    fit ``warmup_budget_s``, at least one), then n = clip(budget_s / first timed
    run, min_runs, max_runs) timed invokes. Returns ``{"median_ms", "iqr_ms", "n"}``.
    """
    it = interpreter(model, num_threads=1)
    _set_inputs(it, None, seed)
    t0 = time.perf_counter_ns()
    it.invoke()
    first = (time.perf_counter_ns() - t0) * 1e-9
    for _ in range(max(1, min(warmup, int(warmup_budget_s / max(first, 1e-6))))):
        it.invoke()
    n = int(np.clip(budget_s / max(first, 1e-6), min_runs, max_runs))
    t = _timed(it, n)
    return {"median_ms": t.median_ms, "iqr_ms": t.iqr_ms, "n": t.n}
