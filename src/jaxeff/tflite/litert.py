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
from jaxeff.tflite._inputs import check_inputs
from jaxeff.tflite.reader import model_bytes
from jaxeff.tflite.schema import TFLiteError

__all__ = ["RESOLVERS", "Timing", "host_latency", "interpreter", "run", "time_model"]

Model = str | os.PathLike | bytes


@dataclasses.dataclass(frozen=True, kw_only=True)
class Timing:
    """Wall time of ``invoke()`` in milliseconds: median and inter-quartile range
    over ``n`` timed runs (after the warm-up runs)."""

    median_ms: float
    iqr_ms: float
    n: int


#: LiteRT op resolvers by name: ``"auto"`` (the default: builtin kernels with the XNNPACK
#: delegate), ``"ref"`` (the reference kernels, BUILTIN_REF: the bit-exact target of
#: ``to_jax``, spec tflite_import.md), ``"builtin"`` (optimized kernels, no delegate)
RESOLVERS = ("auto", "ref", "builtin")


def interpreter(model: Model, *, num_threads: int = 1, resolver: str = "auto",
                input_shapes: Sequence[Sequence[int]] | None = None) -> Any:
    """A LiteRT ``Interpreter`` for ``model`` (path or bytes) with its tensors
    allocated, using op ``resolver`` (:data:`RESOLVERS`); ``input_shapes`` resizes the
    inputs first (another batch size). ``FileNotFoundError`` / :class:`TFLiteError` name
    a missing or corrupt file; a ``MissingExtraError`` names the ``tflite`` extra."""
    if resolver not in RESOLVERS:
        raise ValueError(f"resolver must be one of {RESOLVERS}, got {resolver!r}")
    buf, where = model_bytes(model)
    mod = require("ai_edge_litert.interpreter", purpose="running TFLite models in LiteRT")
    kind = {"auto": mod.OpResolverType.AUTO, "ref": mod.OpResolverType.BUILTIN_REF,
            "builtin": mod.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES}[resolver]
    try:
        it = mod.Interpreter(model_content=buf, num_threads=int(num_threads),
                             experimental_op_resolver_type=kind)
        if input_shapes is not None:
            for d, shp in zip(it.get_input_details(), input_shapes, strict=True):
                if tuple(d["shape"]) != tuple(shp):
                    it.resize_tensor_input(d["index"], [int(n) for n in shp])
        it.allocate_tensors()
    except (ValueError, RuntimeError) as e:
        raise TFLiteError(f"{where}: LiteRT cannot load the model ({e})") from None
    return it


def _specs(it: Any) -> list[tuple[str, tuple[int, ...], np.dtype]]:
    return [(d["name"], tuple(int(n) for n in d["shape"]), np.dtype(d["dtype"]))
            for d in it.get_input_details()]


def _set_inputs(it: Any, inputs: Sequence[np.ndarray] | None, seed: int) -> None:
    xs = check_inputs(_specs(it), inputs, seed)
    for d, x in zip(it.get_input_details(), xs, strict=True):
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
    (``ValueError`` names the input otherwise); ``None`` = seeded random inputs
    (integer: uniform ``-128..127`` codes cast to the dtype; float: standard
    normal)."""
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

    Seeded random inputs (as in :func:`run`); ``warmup`` invokes (cut to
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
