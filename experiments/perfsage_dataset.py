"""Build a PerfSAGE dataset: random INT8 networks from four search spaces, labelled
with Vela (Ethos-U55-128, Ethos-U65-256), LiteRT host latency, a memory planner and
an energy model.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999); EdgeDLPerf is not public, this is the
small-scale stand-in of spec perfsage.md §5.3-5.4.

    python -m experiments.perfsage_dataset                 # 500 graphs/space, ~30 min
    python -m experiments.perfsage_dataset --smoke         # 3 graphs/space, < 1 min
    python -m experiments.perfsage_dataset --per-space 100 --workers 4
    python -m experiments.perfsage_dataset --workers 1     # in-process, no Dask
    python -m experiments.perfsage_dataset --scheduler tcp://head:8786 --workers 8

Where graphs are labelled (issue 20): ``--workers 1`` in this process;
``--workers N`` (default 2) on a Dask ``LocalCluster`` of N worker processes;
``--scheduler ADDRESS`` on a running Dask cluster (``dask scheduler`` on one machine,
``dask worker ADDRESS --nthreads 1`` on each, all with ``jaxeff[tflite,dist]`` at the
same versions; ``--workers`` is then how many workers to wait for). Dask is the
extra ``[dist]``. Results come back to this process, which alone writes the shards
into ``--workdir`` (workers need no shared file system). Labels do not depend on
the number or placement of workers, except the host-latency labels, timed on the
worker named in each record's ``host_timed_by``; so the run directory's identity
leaves ``--workers`` / ``--scheduler`` out and a build can be resumed with others.

The dataset itself (generation, labels, data-only shards that resume after an
interruption) is :mod:`jaxeff.gnn.dataset`, built on :mod:`jaxeff.gnn.distributed`,
stored by :mod:`jaxeff.gnn.shards`; this script builds it into the run directory
and writes ``card.md``, the dataset card: counts per space, rejections, label
ranges, throughput, host repeat MAPE.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import shutil
from typing import Any

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.gnn.dataset import (
    EXECUTION_FIELDS,
    build_dataset,
    dataset_card,
    dataset_identity,
    load_dataset,
)
from jaxeff.gnn.dataset import DatasetConfig as Config
from jaxeff.gnn.shards import MANIFEST
from jaxeff.report import RunDir, atomic_write, markdown_table


def run(
    cfg: Config,
    workdir: str | pathlib.Path,
    *,
    progress: bool = True,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Build (or finish) the dataset and write its card.

    The run directory is bound to :func:`dataset_identity` (the configuration
    without ``workers`` / ``scheduler``); ``overwrite`` replaces a directory of
    another identity, shards included.
    """
    ident = dataset_identity(cfg)
    _drop_execution_fields(pathlib.Path(workdir) / "config.json", ident)
    run_dir = RunDir(workdir, ident, overwrite=overwrite)
    shards = run_dir.path / "shards"
    if overwrite and (shards / MANIFEST).exists() and json.loads(
            (shards / MANIFEST).read_text()) != ident:
        shutil.rmtree(shards)
    built, wall = build_dataset(
        cfg, run_dir.path, progress=progress,
        on_shard=lambda n, dt: run_dir.log(event="shard", graphs=n, seconds=dt))
    recs = load_dataset(run_dir.path)
    card = dataset_card(recs, cfg, wall, built)
    card["engine"] = (
        f"Dask cluster at {cfg.scheduler}" if cfg.scheduler
        else "in-process" if cfg.workers == 1
        else f"Dask LocalCluster of {cfg.workers} worker processes")
    run_dir.write_results(card)
    run_dir.write_report(card_markdown(card))
    atomic_write(run_dir.path / "card.md", card_markdown(card))
    return card


def _drop_execution_fields(cfg_file: pathlib.Path, ident: dict) -> None:
    """A run directory written before issue 20 recorded ``workers`` in its config:
    drop it when the rest is ``ident`` (the same dataset)."""
    if not cfg_file.exists():
        return
    try:
        old = json.loads(cfg_file.read_text())
    except json.JSONDecodeError:
        return  # RunDir names the corrupt file
    if not isinstance(old, dict) or not set(old) & set(EXECUTION_FIELDS):
        return
    rest = {k: v for k, v in old.items() if k not in EXECUTION_FIELDS}
    if rest == ident:
        atomic_write(cfg_file, json.dumps(ident, indent=2, sort_keys=True))


def card_markdown(card: dict) -> str:
    rows = []
    for sp, c in card["spaces"].items():
        lat = c["ranges"].get("u55_latency_ms", [0, 0, 0])
        host = c["ranges"].get("host_latency_ms", [0, 0, 0])
        sram = c["ranges"].get("u55_sram_kib", [0, 0, 0])
        rows.append(
            [
                sp,
                c["count"],
                c["rejected_nodes"],
                c["rejected_cpu"],
                c["rejected_error"],
                f"{c['nodes'][0]}-{c['nodes'][1]}",
                f"{lat[0]:.3g} / {lat[1]:.3g} / {lat[2]:.3g}",
                f"{host[0]:.3g} / {host[1]:.3g} / {host[2]:.3g}",
                f"{sram[0]:.3g} / {sram[1]:.3g} / {sram[2]:.3g}",
            ]
        )
    head = [
        "space",
        "graphs",
        "rejected (>200 nodes)",
        "rejected (Vela CPU op)",
        "rejected (tool error)",
        "nodes",
        "U55 latency ms min/med/max",
        "host ms min/med/max",
        "U55 SRAM KiB min/med/max",
    ]
    rep = card["host_repeat"]
    rate = card["graphs_per_s_this_run"]
    return (
        "# PerfSAGE dataset card\n\n" + markdown_table(head, rows) + "\n\n"
        f"Total {card['total']} graphs. This run built "
        f"{card['graphs_built_this_run']} in {card['wall_s_this_run']:.0f} s"
        + (f" ({rate:.2f} graphs/s)" if rate else "")
        + (f" on {card['engine']}" if card.get("engine") else "")
        + ".\n"
        f"Host-latency repeat MAPE: {rep['mape']} % over {rep['n']} re-timed "
        "graphs (LiteRT, 1 thread; the machine was shared, so host labels are "
        "noisy).\nEnergy labels are a model (spec §5.1), not measurements.\n"
        f"Tools: {json.dumps(card.get('versions', {}))}\n"
    )


def parse(argv: list[str] | None = None) -> tuple[Config, str, argparse.Namespace]:
    p = preset_parser("Build the PerfSAGE dataset")
    p.epilog = (
        "Engine (issue 20): --workers 1 labels in this process; --workers N (default "
        "2) on a Dask LocalCluster of N processes; --scheduler tcp://HOST:8786 on a "
        "running Dask cluster (pip install 'jaxeff[dist]'). Shards are written here "
        "and resume; labels do not depend on the workers (host latency excepted).")
    p.add_argument("--per-space", type=int, default=None)
    p.add_argument("--shard-size", type=int, default=None)
    p.add_argument("--workers", type=int, default=None,
                   help="1: in this process; N >= 2: a local Dask cluster of N "
                        "worker processes; with --scheduler: workers to wait for "
                        "(default 1 there)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="address of a running Dask scheduler, e.g. tcp://head:8786 "
                        "(workers need jaxeff[tflite,dist] at the same versions)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--spaces", nargs="+", default=None)
    p.add_argument("--no-host", action="store_true", help="skip LiteRT timing")
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over = {
        k: v
        for k, v in (
            ("per_space", a.per_space),
            ("shard_size", a.shard_size),
            ("workers", a.workers),
            ("seed", a.seed),
        )
        if v is not None
    }
    if a.scheduler:
        over["scheduler"] = a.scheduler
        over.setdefault("workers", 1)
    if a.spaces:
        over["spaces"] = tuple(a.spaces)
    if a.no_host:
        over["host"] = False
    cfg = dataclasses.replace(cfg, **over)
    return cfg, a.workdir or f"runs/perfsage_dataset_{preset}", a


def main(argv: list[str] | None = None) -> dict:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, card_markdown, cfg, workdir, a, label="dataset directory")


if __name__ == "__main__":
    main()
