"""Shared benchmark helpers: median timing and the markdown log (benchmarks/RESULTS.md)."""

from __future__ import annotations

import pathlib
import statistics
import time
from collections.abc import Callable

import jax

HEADER = ("# Benchmarks\n\nRatios measured side by side in one run (medians of "
          "repeats). Append-only log.\n\n| bench | model | setting | fast | baseline | "
          "ratio | device |\n|---|---|---|---|---|---|---|\n")


def append_rows(path: str | pathlib.Path, lines: list[str]) -> None:
    """Create ``path`` with the table header if missing, then append ``lines``."""
    out = pathlib.Path(path)
    if not out.exists():
        out.write_text(HEADER)
    with open(out, "a") as f:
        f.write("".join(line + "\n" for line in lines))


def table_row(bench: str, model: str, setting: str, fast: str, baseline: str,
              ratio: float, device: str, *, digits: int = 2) -> str:
    """One row of the RESULTS.md table; the ratio (baseline time / fast time) in bold."""
    return (f"| {bench} | {model} | {setting} | {fast} | {baseline} | "
            f"**{ratio:.{digits}f}x** | {device} |")


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``fn()`` over ``repeats`` calls after one warm-up (compile).

    Each call is waited for with ``jax.block_until_ready`` so asynchronous dispatch
    does not hide device time.
    """
    jax.block_until_ready(fn())
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        jax.block_until_ready(fn())
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
