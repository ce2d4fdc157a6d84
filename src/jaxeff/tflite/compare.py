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
import statistics
import time
from typing import Any

import jax
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


def _agree(ours: list, theirs: list) -> dict:
    """Worst agreement over the outputs: identical fraction, max LSB / max rel error."""
    st = [match_stats(a, b) for a, b in zip(ours, theirs)]
    out = {"identical": min(s["identical"] for s in st)}
    if "max_lsb" in st[0]:
        out["max_lsb"] = max(s["max_lsb"] for s in st)
    else:
        out["max_rel"] = max(s["max_rel"] for s in st)
    return out


def format_agreement(a: dict) -> str:
    """One-line text of :func:`_agree` figures."""
    extra = (f"max {a['max_lsb']} LSB" if "max_lsb" in a else f"max rel {a['max_rel']:.1e}")
    return f"{100 * a['identical']:.1f} % identical, {extra}"


def compare_model(path: str | os.PathLike, seeds: int = 5, repeats: int = 50) -> dict:
    """Op table, ``to_jax`` agreement with LiteRT BUILTIN_REF and default (worst over
    ``seeds`` seeded inputs and the outputs; also ``rounding="single"`` vs default), and
    median times (ms) of the jitted function and LiteRT (1 thread) at the file's batch;
    ``unsupported`` lists the ops ``to_jax`` cannot run."""
    from jaxeff.tflite.interpreter import (
        UnsupportedOpsError,
        input_specs,
        op_table,
        to_jax,
    )

    row: dict = {"model": os.path.basename(os.fspath(path)), "ops": op_table(path)}
    try:
        t0 = time.perf_counter()
        fn, params = to_jax(path)
    except UnsupportedOpsError as e:
        row["unsupported"] = str(e).splitlines()[1:-1]
        return row
    jf = jax.jit(fn)
    fn1, _ = to_jax(path, rounding="single")
    jf1 = jax.jit(fn1)
    specs = input_specs(path)
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

    def worst(st: list) -> dict:
        w = {"identical": min(s["identical"] for s in st)}
        k = "max_lsb" if "max_lsb" in st[0] else "max_rel"
        w[k] = max(s[k] for s in st)
        return w

    row["vs_ref"], row["vs_auto"] = worst(ref_st), worst(auto_st)
    row["single_vs_auto"] = worst(single_st)
    x = random_inputs(specs, 0)
    xs = [jax.numpy.asarray(v) for v in x]
    jax.block_until_ready(jf(params, *xs))
    tj = []
    for _ in range(repeats):
        t1 = time.perf_counter()
        jax.block_until_ready(jf(params, *xs))
        tj.append(time.perf_counter() - t1)
    row["jax_ms"] = 1e3 * statistics.median(tj)
    row["litert_auto_ms"] = 1e3 * statistics.median(run_litert(path, x, "auto", 1, repeats)[1])
    row["litert_ref_ms"] = 1e3 * statistics.median(run_litert(path, x, "ref", 1, repeats)[1])
    return row
