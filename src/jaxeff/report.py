"""Run directories: config.json, metrics.jsonl, results.json, report.md, plots.

A run directory belongs to one configuration. Opening an existing directory with
a different configuration raises instead of overwriting results the run did not
produce; opening it with the same configuration resumes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pathlib
import time
from typing import Any


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, tuples, numpy scalars/arrays -> plain JSON types."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "tolist"):  # numpy / jax arrays and scalars
        return obj.tolist()
    if isinstance(obj, float | int | str | bool) or obj is None:
        return obj
    return repr(obj)


def config_hash(config: Any) -> str:
    """Stable 16-hex-digit hash of a JSON-able configuration."""
    blob = json.dumps(to_jsonable(config), sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write via a temporary file and ``os.replace`` (no torn files)."""
    path = pathlib.Path(path)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(tmp, mode) as f:
        f.write(data)
    os.replace(tmp, path)


class RunDir:
    """A run directory bound to one configuration.

    Args:
      path: the directory (created if missing).
      config: the run's configuration (dataclass or dict).
      overwrite: allow replacing a directory written by a different config.
    """

    def __init__(self, path: str | os.PathLike, config: Any, *, overwrite: bool = False):
        self.path = pathlib.Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.config = to_jsonable(config)
        cfg_file = self.path / "config.json"
        if cfg_file.exists():
            try:
                old = json.loads(cfg_file.read_text())
            except json.JSONDecodeError as e:
                raise ValueError(f"corrupt {cfg_file}: {e}") from e
            if old != self.config and not overwrite:
                raise FileExistsError(
                    f"{self.path} holds a run with a different configuration; "
                    "choose another --workdir or pass overwrite=True (--overwrite)"
                )
            if old != self.config:
                for name in ("metrics.jsonl", "results.json", "report.md"):
                    (self.path / name).unlink(missing_ok=True)
        atomic_write(cfg_file, json.dumps(self.config, indent=2, sort_keys=True))

    def log(self, **metrics: Any) -> None:
        """Append one JSON line (with a wall-clock timestamp) to metrics.jsonl."""
        rec = {"time": time.time(), **to_jsonable(metrics)}
        with open(self.path / "metrics.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")

    def metrics(self) -> list[dict[str, Any]]:
        f = self.path / "metrics.jsonl"
        if not f.exists():
            return []
        return [json.loads(line) for line in f.read_text().splitlines() if line]

    def write_results(self, results: dict[str, Any]) -> pathlib.Path:
        out = self.path / "results.json"
        atomic_write(out, json.dumps(to_jsonable(results), indent=2, sort_keys=True))
        return out

    def read_results(self) -> dict[str, Any] | None:
        f = self.path / "results.json"
        return json.loads(f.read_text()) if f.exists() else None

    def write_report(self, markdown: str) -> pathlib.Path:
        out = self.path / "report.md"
        atomic_write(out, markdown)
        return out


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    """A GitHub markdown table; floats printed with 2 decimals."""

    def fmt(v: Any) -> str:
        return f"{v:.2f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def plot_curves(path: str | os.PathLike, series: dict[str, list[float]], *,
                xlabel: str = "step", ylabel: str = "", title: str = "") -> None:
    """Line plot of named series to a PNG (matplotlib, Agg backend)."""
    from jaxeff._extras import require

    matplotlib = require("matplotlib", purpose="plots")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for name, ys in series.items():
        ax.plot(range(len(ys)), ys, label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if len(series) > 1:
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_cross_maps(path: str | os.PathLike, maps: dict[str, Any]) -> None:
    """Side-by-side heat maps of Winograd per-position ``log10 std(M_p)`` maps
    (:func:`jaxeff.ops.winograd_calib.cross_map`; the "cross" of Pan et al., arXiv
    2412.19867), each titled with its max/min std ratio, to a PNG."""
    from jaxeff._extras import require

    matplotlib = require("matplotlib", purpose="plots")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, axes = plt.subplots(1, len(maps), figsize=(3.2 * len(maps), 3.2))
    for ax, (name, mp) in zip(np.atleast_1d(axes), maps.items(), strict=True):
        im = ax.imshow(mp, cmap="viridis", vmin=-3.5, vmax=0)
        ax.set_title(f"{name}\nmax/min std {10 ** (mp.max() - mp.min()):.0f}x",
                     fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=list(np.atleast_1d(axes)), label="log10 std(M_p) / max")
    fig.savefig(path, dpi=100)
    plt.close(fig)
