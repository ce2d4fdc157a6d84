"""TensorFlow Lite Micro (``tflite-micro``): run a model in the microcontroller
runtime and measure the tensor arena it needs.

TFLM's Python interpreter (``tflite_micro.runtime.Interpreter``) runs the same C++
kernels as on a Cortex-M (reference kernels, no delegate). Built with its default
``kAllocationRecording`` config, it records every arena allocation;
``print_allocations()`` writes them to the process's stderr, which is the only
place the package reports them (no API returns the number). :func:`run` captures
that text and parses the ``Arena allocation total / head / tail N bytes`` lines:
``arena_bytes`` is the smallest arena this model was measured to fit in on this
build (a Cortex-M build may differ by alignment and pointer size). Needs the
``tflite`` extra.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence

import numpy as np

from jaxeff._extras import require
from jaxeff.tflite._inputs import check_inputs
from jaxeff.tflite._native import native_output
from jaxeff.tflite.reader import model_bytes, read_main

__all__ = ["TFLMError", "TFLMResult", "run", "run_many"]

_ARENA = re.compile(r"Arena allocation (total|head|tail) (\d+) bytes")


class TFLMError(RuntimeError):
    """TFLM could not prepare or run a model (its log tail is in the message)."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class TFLMResult:
    """Outputs of one TFLM inference (file order and dtypes) and the measured arena:
    ``arena_bytes`` (total) = ``arena_head_bytes`` (non-persistent, tensors) +
    ``arena_tail_bytes`` (persistent)."""

    outputs: tuple[np.ndarray, ...]
    arena_bytes: int
    arena_head_bytes: int
    arena_tail_bytes: int


def run(
    model: str | os.PathLike | bytes,
    inputs: Sequence[np.ndarray] | None = None,
    *,
    arena_size: int | None = None,
    seed: int = 0,
) -> TFLMResult:
    """Run ``model`` (path or bytes) once in TFLM; return outputs and arena use.

    ``inputs``: one array per model input of its exact shape and dtype
    (``ValueError`` names the input otherwise); ``None`` = seeded random inputs
    (integer: uniform ``-128..127`` codes cast to the dtype; float: standard
    normal). ``arena_size``: bytes given to TFLM (default: TFLM's own heuristic,
    10 x the model size); too small raises :class:`TFLMError` with TFLM's message.
    The whole file is checked by :func:`jaxeff.tflite.read_main` first, so a
    corrupt model raises :class:`~jaxeff.tflite.schema.TFLiteError`, not a crash.
    """
    res = run_many(model, None if inputs is None else [inputs], arena_size=arena_size,
                   seed=seed)
    return TFLMResult(outputs=res.outputs[0], arena_bytes=res.arena_bytes,
                      arena_head_bytes=res.arena_head_bytes,
                      arena_tail_bytes=res.arena_tail_bytes)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TFLMManyResult:
    """Outputs of several TFLM inferences of one model (``outputs[k]``: the k-th
    input set's outputs) and the arena measured after them (as :class:`TFLMResult`)."""

    outputs: tuple[tuple[np.ndarray, ...], ...]
    arena_bytes: int
    arena_head_bytes: int
    arena_tail_bytes: int


def run_many(
    model: str | os.PathLike | bytes,
    inputs: Sequence[Sequence[np.ndarray]] | None = None,
    *,
    arena_size: int | None = None,
    seed: int = 0,
) -> TFLMManyResult:
    """:func:`run` for several input sets on one prepared interpreter (the model is
    parsed, checked and allocated once; each set is written to the inputs and
    invoked in turn). ``inputs``: a sequence of input sets, each as in :func:`run`;
    ``None`` = one seeded random set. Same outputs as one :func:`run` per set (TFLM
    keeps no state between invokes of a feed-forward model; tested) at a fraction
    of the time: preparing the interpreter dominates a small model's single run.
    """
    buf, where = model_bytes(model)
    g = read_main(buf)
    runtime = require("tflite_micro", purpose="running TFLite Micro").runtime
    if arena_size is not None and int(arena_size) <= 0:
        raise ValueError(f"arena_size must be a positive byte count, got {arena_size}")
    try:
        with native_output() as log:
            it = runtime.Interpreter.from_bytes(buf, arena_size=arena_size)
    except (RuntimeError, ValueError) as e:
        raise TFLMError(f"{where}: TFLM cannot prepare the model ({e}): "
                        f"{''.join(log)[-600:]}") from None
    specs = [(t.name, tuple(t.shape), np.dtype(t.dtype))
             for t in (g.tensors[i] for i in g.inputs)]
    outputs = []
    for xs in [None] if inputs is None else inputs:
        for i, x in enumerate(check_inputs(specs, xs, seed)):
            it.set_input(x, i)
        try:
            with native_output() as log:
                it.invoke()
        except RuntimeError as e:
            raise TFLMError(f"{where}: TFLM invoke failed ({e}): "
                            f"{''.join(log)[-600:]}") from None
        outputs.append(tuple(np.array(it.get_output(i)) for i in range(len(g.outputs))))
    with native_output() as log:
        it.print_allocations()
    found = {k: int(v) for k, v in _ARENA.findall("".join(log))}
    if set(found) != {"total", "head", "tail"}:
        raise TFLMError(f"{where}: TFLM printed no arena allocation report: "
                        f"{''.join(log)[-600:]!r}")
    return TFLMManyResult(outputs=tuple(outputs), arena_bytes=found["total"],
                          arena_head_bytes=found["head"], arena_tail_bytes=found["tail"])
