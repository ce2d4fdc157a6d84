"""Command-line plumbing shared by the ``python -m experiments.<name>`` entry points.

Every preset-driven experiment has the same outer shape: ``--preset`` / ``--smoke``,
its own overrides, then ``--workdir`` / ``--overwrite`` / ``--no-progress``, and a
``main`` that runs, prints the report and names the run directory. The pieces here
keep those flags and messages identical across experiments.

``--devices N`` (:func:`add_devices_flag`, issue 20): a 1-D mesh over the first N
devices (default all) for the experiments that shard work over devices; with one
device nothing changes (no mesh). Multi-host runs start ``jax.distributed`` from
the environment first (:func:`jaxeff.parallel.initialize_distributed`).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from typing import Any


def preset_parser(description: str | None,
                  presets: Sequence[str] = ("smoke", "default")) -> argparse.ArgumentParser:
    """An ``ArgumentParser`` with ``--preset`` (default ``"default"``) and ``--smoke``.

    ``description`` may be a module docstring: only its first line is used.
    """
    first = (description or "").strip().splitlines()
    p = argparse.ArgumentParser(description=first[0] if first else None)
    p.add_argument("--preset", choices=list(presets), default="default")
    p.add_argument("--smoke", action="store_true", help="same as --preset smoke")
    return p


def parse_run_args(p: argparse.ArgumentParser,
                   argv: list[str] | None) -> tuple[argparse.Namespace, str]:
    """Add the run-directory flags, parse ``argv``; return ``(namespace, preset)``.

    ``--workdir`` names the run directory; ``--overwrite`` lets a run replace a
    directory written by a different configuration (never done silently);
    ``--no-progress`` turns the progress bars off.
    """
    p.add_argument("--workdir", default=None,
                   help="run directory (default runs/<experiment>_<preset>...)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace a run directory written by another configuration")
    p.add_argument("--no-progress", action="store_true")
    add_retrain_flag(p)
    a = parse_args(p, argv)
    return a, "smoke" if a.smoke else a.preset


def add_retrain_flag(p: argparse.ArgumentParser) -> None:
    """``--retrain``: ignore shipped weights and cached float models, train from
    scratch (:func:`jaxeff.zoo.retrain`); applied by :func:`parse_args`."""
    p.add_argument("--retrain", action="store_true",
                   help="train float models from scratch: ignore the weights shipped "
                        "in jaxeff/weights and the model cache")


def parse_args(p: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """``p.parse_args(argv)``, then switch the zoo to retraining if ``--retrain``."""
    a = p.parse_args(argv)
    if getattr(a, "retrain", False):
        from jaxeff.zoo import retrain

        retrain(True)
    return a


def add_devices_flag(p: argparse.ArgumentParser) -> None:
    """``--devices N``: shard over the first N devices (:func:`mesh_from_args`)."""
    p.add_argument("--devices", type=int, default=None, metavar="N",
                   help="data-parallel over a 1-D mesh of the first N devices "
                        "(default: all; one device runs unsharded)")


def mesh_from_args(a: argparse.Namespace) -> Any:
    """The mesh ``--devices`` asks for, or ``None`` on one device (or without the
    flag). Starts ``jax.distributed`` first when the environment names a cluster.
    Bad counts exit with the argparse-style message naming the flag."""
    if not hasattr(a, "devices"):
        return None
    from jaxeff.parallel import initialize_distributed, mesh_or_none

    initialize_distributed()
    try:
        return mesh_or_none(a.devices)
    except (TypeError, ValueError) as e:
        raise SystemExit(f"error: argument --devices: {e}") from None


def run_and_report(run: Callable[..., Any], report: Callable[[Any], str], cfg: Any,
                   workdir: str, a: argparse.Namespace, *,
                   label: str = "run directory") -> Any:
    """``run(cfg, workdir, ...)``, print ``report(result)``, wall time and ``workdir``.

    With a ``--devices`` flag (:func:`add_devices_flag`) ``run`` also gets
    ``mesh=`` (:func:`mesh_from_args`).
    """
    t0 = time.time()
    kw = {"mesh": mesh_from_args(a)} if hasattr(a, "devices") else {}
    res = run(cfg, workdir, progress=not a.no_progress, overwrite=a.overwrite, **kw)
    print(report(res))
    print(f"wall {time.time() - t0:.0f} s; {label}: {workdir}")
    return res
