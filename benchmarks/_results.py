"""Append rows to the benchmarks' shared markdown log (benchmarks/RESULTS.md)."""

from __future__ import annotations

import pathlib

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
