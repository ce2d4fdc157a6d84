"""``to_jax``: a TFLite model (subgraph 0) as a jittable JAX function (issue 16, item 1).

``fn, params = to_jax(path_or_bytes)``; ``fn(params, *inputs)`` returns the list of the
subgraph's outputs in the file's own dtypes. Float ops compute in float32; int8/uint8 ops
compute what TFLite's reference kernels (LiteRT ``OpResolverType.BUILTIN_REF``) compute:
exact int32 accumulation and fixed-point requantization (:mod:`jaxeff.tflite.qmath`,
spec ``tflite_import.md``). ``params`` maps ``"t<index>"`` to each constant tensor used
as an operand (weights, biases, fill values); shape-like constants (axes, permutations,
shapes, and every int32/int64 constant that is not a bias) stay on the host. The host-side constants of every op (multipliers, tables) are
computed once here, from the file's quantization parameters.

Before anything runs, every op is checked: all unsupported op types and all unsupported
dtype/option combinations are listed in a single :class:`UnsupportedOpsError`, with counts.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable
from typing import Any

import jax.numpy as jnp
import numpy as np

from jaxeff.tflite import (  # noqa: F401 - kernels
    ops_elem,
    ops_lstm,
    ops_misc,
    ops_more,
    ops_nn,
    ops_shape,
)
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.kernels import REGISTRY, STATE_SLOTS, Ctx, Run, Unsupported

__all__ = ["UnsupportedOpsError", "read_graph", "supported_ops", "to_jax"]


class UnsupportedOpsError(NotImplementedError):
    """A TFLite model uses ops (or op variants) that ``to_jax`` does not implement."""


def read_graph(src: str | os.PathLike | bytes) -> OpGraph:
    """The adapter to the TFLite reader: subgraph 0 of a file or bytes, with tensor
    dtypes, per-tensor/per-channel quantization, constants and the subgraph's inputs and
    outputs. A corrupt file raises the reader's ``TFLiteError`` (a ``ValueError``)."""
    from jaxeff.tflite.reader import read_main

    return read_main(src)


def supported_ops() -> list[str]:
    """The builtin op names that ``to_jax`` implements (for some dtypes at least)."""
    return sorted(REGISTRY)


#: what a kernel's ``prepare`` may raise for an op it cannot run: ``Unsupported`` and
#: other ``NotImplementedError`` (e.g. a quantized fused TANH), ``ValueError`` (a zero
#: or infinite scale multiplier, a table out of range), and lookup errors of a malformed
#: op (too few inputs, an option of the wrong type)
_PREPARE_ERRORS = (NotImplementedError, ValueError, ArithmeticError, IndexError,
                   KeyError, TypeError)


def _describe(g: OpGraph, oi: int) -> str:
    op = g.ops[oi]

    def names(ix: tuple[int, ...]) -> str:
        return ", ".join(repr(g.tensors[i].name) for i in ix if i >= 0)

    return f"op {oi} ({names(op.inputs)} -> {names(op.outputs)})"


def _prepare(g: OpGraph, rounding: str) -> tuple[list[tuple[Run, Any]], set[tuple[int, int]]]:
    problems: dict[str, list[int]] = collections.defaultdict(list)
    runs: list[tuple[Run, Any]] = []
    static_slots: set[tuple[int, int]] = set()
    for oi, op in enumerate(g.ops):
        if op.type not in REGISTRY:
            problems[op.type].append(oi)
            continue
        prep, static = REGISTRY[op.type]
        ctx = Ctx(op, [g.tensors[i] if i >= 0 else None for i in op.inputs],
                  [g.tensors[i] for i in op.outputs], rounding,
                  [g.tensors[i] for i in op.intermediates])
        try:
            runs.append((prep(ctx), op))
        except _PREPARE_ERRORS as e:
            kind = "" if isinstance(e, Unsupported) else f"{type(e).__name__}: "
            problems[f"{op.type} ({kind}{e})"].append(oi)
            continue
        static_slots |= {(oi, s) for s in static}
    if problems:
        lines = []
        for name, ois in sorted(problems.items()):
            where = "; ".join(_describe(g, oi) for oi in ois[:3])
            more = f"; +{len(ois) - 3} more" if len(ois) > 3 else ""
            lines.append(f"  {name} x{len(ois)}: {where}{more}")
        raise UnsupportedOpsError(
            f"to_jax cannot run this model: {sum(map(len, problems.values()))}"
            f" op(s) are not supported:\n" + "\n".join(lines)
            + f"\n(supported op types: {', '.join(supported_ops())})")
    return runs, static_slots


_BIAS_SLOT = {"CONV_2D": 2, "DEPTHWISE_CONV_2D": 2, "FULLY_CONNECTED": 2,
              "TRANSPOSE_CONV": 3}


def _shape_like(op_type: str, slot: int, dtype: str) -> bool:
    """Integer (int32/int64) constants other than biases are shape-like (dims, axes,
    units) and stay on the host, so shape computations fold statically."""
    return dtype in ("int32", "int64") and _BIAS_SLOT.get(op_type) != slot


def to_jax(src: str | os.PathLike | bytes, rounding: str = "ref"
           ) -> tuple[Callable[..., list[jnp.ndarray]], dict[str, jnp.ndarray]]:
    """Load subgraph 0 of a TFLite model as ``(fn, params)``.

    ``fn(params, *inputs)``: one array per subgraph input, in the file's dtype and with
    the file's shape (the batch dimension may differ where the model allows it); returns
    the list of outputs in the file's dtypes. Jittable (``jax.jit(fn)``: one compile per
    input shape). Raises :class:`UnsupportedOpsError` listing every unsupported op with
    its count, and the reader's ``TFLiteError`` for a corrupt file.

    ``rounding``: the requantization to match (:attr:`Ctx.mbqm`). ``"ref"`` (default):
    LiteRT's BUILTIN_REF kernels as measured (FULLY_CONNECTED rounds once, every other op
    twice, SRDHM + RoundingDivideByPOT); ``"single"``: one rounding everywhere
    (``TFLITE_SINGLE_ROUNDING`` builds; also what LiteRT's default XNNPACK runtime gave on
    the shared int8 CNNs); ``"double"``: two roundings everywhere."""
    g = read_graph(src)
    if rounding not in ("ref", "single", "double"):
        raise ValueError(f"rounding must be 'ref', 'single' or 'double', got {rounding!r}")
    runs, static_slots = _prepare(g, rounding)
    produced = {t for op in g.ops for t in op.outputs}
    params: dict[str, jnp.ndarray] = {}
    host: dict[int, np.ndarray] = {}
    for oi, op in enumerate(g.ops):
        for slot, ti in enumerate(op.inputs):
            if ti < 0 or ti in produced or ti in g.inputs:
                continue
            t = g.tensors[ti]
            if t.data is None and slot in STATE_SLOTS.get(op.type, ()):
                host[ti] = None  # a variable (state) tensor: the kernel initialises it
                continue
            if t.data is None:
                raise UnsupportedOpsError(
                    f"{op.type} input {slot} (tensor {ti} {t.name!r}) is neither "
                    f"computed, a model input nor a constant (variable tensors are not "
                    f"supported)")
            if (oi, slot) in static_slots or _shape_like(op.type, slot, t.dtype):
                host[ti] = np.asarray(t.data)
            else:
                params[f"t{ti}"] = jnp.asarray(t.data)
    in_meta = [(g.tensors[i].name, g.tensors[i].dtype, g.tensors[i].shape) for i in g.inputs]

    def fn(params: dict[str, jnp.ndarray], *inputs: Any) -> list[jnp.ndarray]:
        if len(inputs) != len(g.inputs):
            raise TypeError(f"the model takes {len(g.inputs)} input(s) "
                            f"{[m[0] for m in in_meta]}, got {len(inputs)}")
        env: dict[int, Any] = dict(host)
        for k, (ti, x, (name, dt, shp)) in enumerate(zip(g.inputs, inputs, in_meta)):
            x = jnp.asarray(x)
            if x.dtype != jnp.dtype(dt):
                raise TypeError(f"input {k} ({name!r}) must be {dt}, got {x.dtype}")
            if x.ndim != len(shp) or tuple(x.shape[1:]) != tuple(shp[1:]):
                raise ValueError(f"input {k} ({name!r}) must have shape "
                                 f"[batch, {', '.join(map(str, shp[1:]))}], got {x.shape}")
            env[ti] = x
        for run, op in runs:
            vals = [None if i < 0 else env[i] if i in env else params[f"t{i}"]
                    for i in op.inputs]
            outs = run(vals)
            for ti, y in zip(op.outputs, outs):
                env[ti] = y
        return [jnp.asarray(env[i]) for i in g.outputs]

    return fn, params


def op_table(src: str | os.PathLike | bytes) -> list[tuple[str, int, bool]]:
    """``(op type, count, supported type)`` for every op type of subgraph 0."""
    g = read_graph(src)
    c = collections.Counter(op.type for op in g.ops)
    return [(k, n, k in REGISTRY) for k, n in c.most_common()]


def input_specs(src: str | os.PathLike | bytes) -> list[tuple[str, tuple[int, ...], np.dtype]]:
    """``(name, shape, dtype)`` of each subgraph-0 input (the spec form of
    :func:`jaxeff.tflite._inputs.random_inputs`)."""
    g = read_graph(src)
    return [(g.tensors[i].name, tuple(g.tensors[i].shape), np.dtype(g.tensors[i].dtype))
            for i in g.inputs]
