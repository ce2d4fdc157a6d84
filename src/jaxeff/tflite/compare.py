"""Run a TFLite model in LiteRT and compare it with ``to_jax`` (issue 16, item 1/4).

:func:`run_litert` runs LiteRT's interpreter with the reference kernels
(``OpResolverType.BUILTIN_REF``: the bit-exact target, spec tflite_import.md) or the
default runtime (``AUTO``: XNNPACK delegate), with a chosen thread count;
:func:`match_stats` gives the agreement figures the issue asks for: max absolute and
relative error for float outputs, fraction of identical elements and the largest
difference in LSB for integer outputs.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np

from jaxeff._extras import require


def _interp(src: str | os.PathLike | bytes, resolver: str, threads: int) -> Any:
    lite = require("ai_edge_litert.interpreter", purpose="running TFLite models")
    kind = {"ref": lite.OpResolverType.BUILTIN_REF, "auto": lite.OpResolverType.AUTO,
            "builtin": lite.OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES}[resolver]
    kw = {"model_content": bytes(src)} if isinstance(src, bytes | bytearray) else {
        "model_path": os.fspath(src)}
    return lite.Interpreter(**kw, experimental_op_resolver_type=kind, num_threads=threads)


def run_litert(src: str | os.PathLike | bytes, inputs: list[np.ndarray],
               resolver: str = "ref", threads: int = 1, repeat: int = 0
               ) -> tuple[list[np.ndarray], list[float]]:
    """Outputs of LiteRT on ``inputs`` (``resolver`` "ref" | "auto" | "builtin"), and,
    with ``repeat > 0``, the wall times of ``repeat`` further invocations (seconds)."""
    it = _interp(src, resolver, threads)
    det = it.get_input_details()
    for d, x in zip(det, inputs):
        if tuple(d["shape"]) != tuple(x.shape):
            it.resize_tensor_input(d["index"], list(x.shape))
    it.allocate_tensors()
    for d, x in zip(it.get_input_details(), inputs):
        it.set_tensor(d["index"], np.asarray(x))
    it.invoke()
    outs = [it.get_tensor(d["index"]).copy() for d in it.get_output_details()]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        it.invoke()
        times.append(time.perf_counter() - t0)
    return outs, times


def random_inputs(specs: list[tuple[tuple[int, ...], str]], seed: int = 0,
                  batch: int | None = None) -> list[np.ndarray]:
    """Seeded inputs: uniform [-1, 1) floats, the full range for integers."""
    rng = np.random.default_rng(seed)
    out = []
    for shape, dt in specs:
        shp = ((batch,) + tuple(shape[1:])) if batch else tuple(shape)
        if dt.startswith("float"):
            out.append(rng.uniform(-1, 1, shp).astype(dt))
        else:
            info = np.iinfo(dt)
            out.append(rng.integers(info.min, int(info.max) + 1, shp).astype(dt))
    return out


def match_stats(a: np.ndarray, b: np.ndarray) -> dict[str, float]:
    """Agreement of two outputs of one dtype: ``identical`` (fraction), ``max_lsb`` for
    integers; ``max_abs`` and ``max_rel`` (to ``max|b|``) for floats."""
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.dtype != b.dtype:
        raise ValueError(f"outputs differ in shape/dtype: {a.shape} {a.dtype} vs "
                         f"{b.shape} {b.dtype}")
    out = {"identical": float(np.mean(a == b)), "n": int(a.size)}
    if np.issubdtype(a.dtype, np.integer):
        out["max_lsb"] = int(np.max(np.abs(a.astype(np.int64) - b.astype(np.int64)),
                                    initial=0))
    else:
        d = np.abs(a.astype(np.float64) - b.astype(np.float64))
        out["max_abs"] = float(d.max(initial=0.0))
        out["max_rel"] = float(d.max(initial=0.0) / max(np.abs(b).max(initial=0.0), 1e-30))
    return out
