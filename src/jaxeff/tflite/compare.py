"""Run a TFLite model in LiteRT and compare it with ``to_jax`` (issue 16, item 1/4).

:func:`run_litert` runs LiteRT (:func:`jaxeff.tflite.litert.interpreter`) with the
reference kernels (``OpResolverType.BUILTIN_REF``: the bit-exact target, spec
tflite_import.md) or the default runtime (``AUTO``: XNNPACK delegate), with a chosen
thread count and batch size, after checking the inputs' count, dtypes and shapes;
:func:`match_stats` gives the agreement figures the issue asks for: max absolute and
relative error for float outputs, fraction of identical elements and the largest
difference in LSB for integer outputs.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Sequence
from typing import Any

import jax
import numpy as np

from jaxeff.tflite._inputs import Spec, check_inputs, random_inputs
from jaxeff.tflite.litert import interpreter
from jaxeff.tflite.schema import TFLiteError

__all__ = ["compare_model", "format_agreement", "match_stats", "random_inputs",
           "run_litert"]


def run_litert(src: str | os.PathLike | bytes, inputs: Sequence[np.ndarray],
               resolver: str = "ref", threads: int = 1, repeat: int = 0
               ) -> tuple[list[np.ndarray], list[float]]:
    """Outputs of LiteRT on ``inputs`` (``resolver`` "ref" | "auto" | "builtin", see
    :data:`jaxeff.tflite.litert.RESOLVERS`), and, with ``repeat > 0``, the wall times
    of ``repeat`` further invocations (seconds). ``inputs``: one array per model input,
    of the input's dtype and shape except for the leading (batch) dimension
    (``ValueError`` names the input otherwise)."""
    specs = _specs(interpreter(src, resolver=resolver).get_input_details())
    xs = check_inputs(specs, inputs, 0, any_batch=True)
    it = interpreter(src, num_threads=threads, resolver=resolver,
                     input_shapes=[x.shape for x in xs])
    for d, x in zip(it.get_input_details(), xs, strict=True):
        it.set_tensor(d["index"], x)
    it.invoke()
    outs = [it.get_tensor(d["index"]).copy() for d in it.get_output_details()]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        it.invoke()
        times.append(time.perf_counter() - t0)
    return outs, times


def _specs(details: list[dict]) -> list[Spec]:
    return [(d["name"], tuple(int(n) for n in d["shape"]), np.dtype(d["dtype"]))
            for d in details]


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


def _merge(stats: Sequence[dict]) -> dict:
    """The worst of several agreement figures (outputs, seeds): the smallest identical
    fraction, the largest LSB difference over the integer ones and the largest relative
    error over the float ones (a model may mix integer and float outputs)."""
    out = {"identical": min(s["identical"] for s in stats)}
    for k in ("max_lsb", "max_rel"):
        vals = [s[k] for s in stats if k in s]
        if vals:
            out[k] = max(vals)
    return out


def _agree(ours: list, theirs: list) -> dict:
    """Worst agreement over the outputs (:func:`_merge` of :func:`match_stats`)."""
    if len(ours) != len(theirs):
        raise ValueError(f"{len(ours)} outputs vs {len(theirs)}")
    return _merge([match_stats(a, b) for a, b in zip(ours, theirs, strict=True)])


def format_agreement(a: dict) -> str:
    """One-line text of :func:`_agree` figures."""
    extra = ([f"max {a['max_lsb']} LSB"] if "max_lsb" in a else []) + (
        [f"max rel {a['max_rel']:.1e}"] if "max_rel" in a else [])
    return f"{100 * a['identical']:.1f} % identical, {', '.join(extra)}"


def compare_model(path: str | os.PathLike, seeds: int = 5, repeats: int = 50,
                  big_batch: int = 0) -> dict:
    """Op table, ``to_jax`` agreement with LiteRT BUILTIN_REF and default (worst over
    ``seeds`` seeded inputs and the outputs; also ``rounding="single"`` vs default), and
    median times (ms) of the jitted function and LiteRT (1 thread) at the file's batch
    (``batch``); ``unsupported`` lists the ops ``to_jax`` cannot run.

    ``big_batch > 0``: also the jitted function's median time per image at that batch
    (``jax_ms_per_image_big``) and LiteRT default's at that batch where the file can be
    resized to it (``litert_ms_per_image_big``, None otherwise: constant shapes)."""
    from jaxeff.tflite.interpreter import (
        UnsupportedOpsError,
        input_specs,
        op_table,
        to_jax,
    )

    specs = input_specs(path)
    row: dict = {"model": os.path.basename(os.fspath(path)), "ops": op_table(path),
                 "batch": specs[0][1][0] if specs and specs[0][1] else None}
    try:
        t0 = time.perf_counter()
        fn, params = to_jax(path)
    except UnsupportedOpsError as e:
        row["unsupported"] = str(e).splitlines()[1:-1]
        return row
    jf = jax.jit(fn)
    fn1, _ = to_jax(path, rounding="single")
    jf1 = jax.jit(fn1)
    ref_st, auto_st, single_st = [], [], []
    for seed in range(seeds):
        x = random_inputs(specs, seed)
        ours = [np.asarray(v) for v in jf(params, *x)]
        if seed == 0:
            row["load_compile_s"] = time.perf_counter() - t0
        ref_st.append(_agree(ours, run_litert(path, x, "ref")[0]))
        auto = run_litert(path, x, "auto")[0]
        auto_st.append(_agree(ours, auto))
        single_st.append(_agree([np.asarray(v) for v in jf1(params, *x)], auto))

    row["vs_ref"], row["vs_auto"] = _merge(ref_st), _merge(auto_st)
    row["single_vs_auto"] = _merge(single_st)
    x = random_inputs(specs, 0)
    row["jax_ms"] = _median_ms(jf, params, x, repeats)
    row["litert_auto_ms"] = 1e3 * statistics.median(run_litert(path, x, "auto", 1, repeats)[1])
    row["litert_ref_ms"] = 1e3 * statistics.median(run_litert(path, x, "ref", 1, repeats)[1])
    if big_batch > 0:
        row["big_batch"] = big_batch
        xb = random_inputs(specs, 0, batch=big_batch)
        row["jax_ms_per_image_big"] = _median_ms(jf, params, xb, repeats) / big_batch
        try:
            tb = run_litert(path, xb, "auto", 1, repeats)[1]
            row["litert_ms_per_image_big"] = 1e3 * statistics.median(tb) / big_batch
        except (TFLiteError, ValueError, RuntimeError):
            row["litert_ms_per_image_big"] = None
    return row


def _median_ms(jf: Any, params: dict, x: list[np.ndarray], repeats: int) -> float:
    """Median wall time (ms) of ``jf(params, *x)`` after one warm-up (compile) call."""
    xs = [jax.numpy.asarray(v) for v in x]
    jax.block_until_ready(jf(params, *xs))
    ts = []
    for _ in range(repeats):
        t1 = time.perf_counter()
        jax.block_until_ready(jf(params, *xs))
        ts.append(time.perf_counter() - t1)
    return 1e3 * statistics.median(ts)
