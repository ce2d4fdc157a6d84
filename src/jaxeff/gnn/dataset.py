"""PerfSAGE dataset: random INT8 networks from four search spaces, labelled with
Vela (Ethos-U55-128, Ethos-U65-256), LiteRT host latency, a memory planner and an
energy model, stored as data-only shards.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999); EdgeDLPerf is not public, this is the
small-scale stand-in of spec perfsage.md §5.3-5.4. :func:`build_dataset` writes
``<folder>/shards/<space>_<k>.npz`` (data-only ``.npz`` + JSON, never pickle;
:mod:`jaxeff.gnn.shards`) atomically, so an interrupted build resumes with the
missing shards; :func:`load_dataset` reads them back. Each record holds the graph's
node features / edges (not its weights: the TFLite file is regenerated from
``(space, seed)`` by :func:`make_tflite`), its labels and Vela per-op cycles.

Issue 20: the unit of work is one graph, :func:`label_graph` (sample -> write
TFLite -> Vela -> LiteRT -> features), a pure function of ``(config, space, shard,
index)``: its seeds come from :func:`graph_seed` and its own random stream, never
from the order or place it runs in. :func:`build_dataset` runs these tasks in this
process or on Dask distributed (:mod:`jaxeff.gnn.distributed`: a local cluster or a
running one) and writes each shard here, records in index order, once all its
graphs are back; so every label but the host latency (timed on the worker named in
``host_timed_by``) is the same for any number or placement of workers given the
same tool versions (checked; :func:`jaxeff.gnn.shards.labels_digest`). Shards are
idempotent: the folder is bound to :func:`dataset_identity`, finished shards are
skipped, unreadable ones rebuilt, and those of another configuration never
overwritten (:func:`jaxeff.gnn.shards.shard_state`). One builder per folder at a
time (it removes stale ``*.npz.tmp*`` files).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import pathlib
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from jaxeff.gnn.shards import (
    ATTRIBUTION_KEY,
    check_manifest,
    fingerprint,
    load_dataset,
    load_shard,
    read_shard,
    save_shard,
    shard_state,
)
from jaxeff.report import to_jsonable

log = logging.getLogger(__name__)

__all__ = [
    "EXECUTION_FIELDS",
    "TARGETS",
    "DatasetConfig",
    "build_dataset",
    "dataset_card",
    "dataset_identity",
    "graph_seed",
    "label_graph",
    "load_dataset",
    "load_shard",
    "make_record",
    "make_tflite",
    "read_shard",
    "save_shard",
    "shard_plan",
]

TARGETS = (
    "u55_latency_ms",
    "u65_latency_ms",
    "host_latency_ms",
    "u55_sram_kib",
    "u65_sram_kib",
    "peak_kib",
    "arena_kib",
    "u55_energy_uj",
    "u65_energy_uj",
)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DatasetConfig:
    """What to generate: graphs per search space, sharding, seeds; and where.

    ``workers`` and ``scheduler`` say where the graphs are labelled, not what is
    built (:data:`EXECUTION_FIELDS`, left out of :func:`dataset_identity`):
    ``workers=1`` and no scheduler labels in this process; ``workers=N >= 2`` on a
    Dask ``LocalCluster`` of N worker processes; ``scheduler="tcp://host:8786"``
    on that running Dask cluster (extra ``[dist]``, :mod:`jaxeff.gnn.distributed`).
    """

    spaces: tuple[str, ...] = ("mbconv", "resnet", "dscnn", "sesr")
    per_space: int = 500
    shard_size: int = 25
    workers: int = 2
    scheduler: str | None = None  # a running Dask scheduler's address
    seed: int = 0
    max_nodes: int = 200
    host: bool = True  # LiteRT host-CPU latency (noisy on a shared machine)
    repeat_frac: float = 0.05  # re-time this fraction for the repeat MAPE

    @staticmethod
    def smoke() -> DatasetConfig:
        return DatasetConfig(per_space=3, shard_size=2, workers=1)  # no cluster start

    @staticmethod
    def default() -> DatasetConfig:
        return DatasetConfig()


#: DatasetConfig fields that say where graphs are labelled, not what is built
EXECUTION_FIELDS = ("workers", "scheduler")


def shard_plan(cfg: DatasetConfig) -> list[tuple[str, int, int]]:
    """(space, shard index, graphs in shard) for every shard."""
    plan = []
    for sp in cfg.spaces:
        for k, lo in enumerate(range(0, cfg.per_space, cfg.shard_size)):
            plan.append((sp, k, min(cfg.shard_size, cfg.per_space - lo)))
    return plan


def graph_seed(cfg: DatasetConfig, space: str, shard: int, i: int) -> int:
    """Seed of graph ``i`` of a shard: regenerates its TFLite file exactly."""
    ss = np.random.SeedSequence([cfg.seed, cfg.spaces.index(space), shard, i])
    return int(ss.generate_state(1)[0])


def make_tflite(space: str, seed: int, max_nodes: int = 200):
    """The INT8 sample (``spaces.Sample``) and its TFLite bytes for a graph seed."""
    from jaxeff.gnn.spaces import sample
    from jaxeff.tflite.writer import write_tflite

    s = sample(space, np.random.default_rng(seed), max_nodes=max_nodes)
    return s, write_tflite(s.graph)


def regenerate(rec: dict[str, Any], max_nodes: int):
    """A record's sample and TFLite bytes rebuilt from its ``space`` and ``seed``
    (:func:`make_tflite`); ``ValueError`` when the rebuilt graph's operators differ
    from the record's (another spaces version made it)."""
    s, buf = make_tflite(rec["space"], int(rec["seed"]), max_nodes)
    if s.graph.op_types() != list(rec["ops"]):
        raise ValueError(f"{rec['space']}:{rec['seed']}: regenerated operators differ "
                         "from the record")
    return s, buf


def make_record(
    space: str, seed: int, cfg: DatasetConfig, rng: np.random.Generator
) -> dict[str, Any]:
    """Sample, label and featurize one graph (resampling Vela CPU-op graphs)."""
    from jaxeff.gnn.graph import edges, node_features, total_macs
    from jaxeff.gnn.labels import label_model
    from jaxeff.tflite.litert import host_latency

    rejected_cpu = rejected_err = 0
    for attempt in range(20):
        s, buf = make_tflite(space, seed + attempt * 7919, cfg.max_nodes)
        try:
            lab = label_model(s.graph, buf, host=cfg.host)
        except Exception as e:  # noqa: BLE001 - a tool rejected the model: resample
            log.warning(
                "%s seed %d: labelling failed (%s); resampling",
                space,
                seed + attempt * 7919,
                e,
            )
            rejected_err += 1
            continue
        if lab["u55_cpu_ops"] == 0 and lab["u65_cpu_ops"] == 0:
            break
        rejected_cpu += 1
    else:
        raise RuntimeError(f"{space} seed {seed}: every draw had Vela CPU ops")
    x, cat, _ = node_features(s.graph)
    snd, rcv = edges(s.graph, "forward")
    g = s.graph
    rec = {
        "space": space,
        "seed": seed + attempt * 7919,
        "meta": s.meta,
        "rejected_nodes": s.rejected,
        "rejected_cpu": rejected_cpu,
        "rejected_error": rejected_err,
        "x": x,
        "cat": cat,
        "senders": snd,
        "receivers": rcv,
        "n_ops": len(g.ops),
        "macs": total_macs(g),
        "ops": g.op_types(),
        "weight_bytes": sum(t.nbytes for t in g.tensors if t.data is not None),
        "act_bytes": sum(t.nbytes for t in g.tensors if t.data is None),
        "labels": {k: float(lab[k]) for k in TARGETS if k in lab},
        "u55_op_cycles": np.asarray(lab["u55_op_cycles"], np.float32),
        "u65_op_cycles": np.asarray(lab["u65_op_cycles"], np.float32),
    }
    if cfg.host:
        rec["labels"]["host_iqr_ms"] = float(lab["host_iqr_ms"])
        if rng.random() < cfg.repeat_frac:
            rec["host_repeat_ms"] = host_latency(buf)["median_ms"]
    return rec


def label_graph(
    cfg: DatasetConfig, space: str, shard: int, i: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Engine task: graph ``i`` of ``(space, shard)``, generated and labelled.

    Returns ``(record, info)``; ``info`` holds the task's ``seconds``, the
    ``worker`` it ran on (:func:`jaxeff.gnn.distributed.worker_id`) and the label
    tools' ``versions``. With ``cfg.host`` the record's ``host_timed_by`` names that
    worker. Everything else in the record depends only on the arguments.
    """
    from jaxeff.gnn.distributed import worker_id

    t0 = time.perf_counter()
    rng = np.random.default_rng([cfg.seed, 99, shard, cfg.spaces.index(space), i])
    rec = make_record(space, graph_seed(cfg, space, shard, i), cfg, rng)
    who = worker_id()
    if cfg.host:
        rec["host_timed_by"] = who
    info = {"seconds": time.perf_counter() - t0, "worker": who,
            "versions": tool_versions()}
    return rec, info


def tool_versions() -> dict[str, str]:
    """Installed versions of the label tools (``ethos-u-vela``, ``ai-edge-litert``) and
    of our per-op row attribution (:data:`jaxeff.gnn.labels.PER_OP_ATTRIBUTION`)."""
    from importlib.metadata import PackageNotFoundError, version

    from jaxeff.gnn.labels import PER_OP_ATTRIBUTION

    out = {ATTRIBUTION_KEY: str(PER_OP_ATTRIBUTION)}
    for p in ("ethos-u-vela", "ai-edge-litert"):
        try:
            out[p] = version(p)
        except PackageNotFoundError:
            out[p] = "missing"
    return out


def dataset_identity(cfg: DatasetConfig) -> dict[str, Any]:
    """What a dataset folder holds: ``cfg`` as JSON without :data:`EXECUTION_FIELDS`."""
    d = to_jsonable(dataclasses.asdict(cfg))
    return {k: v for k, v in d.items() if k not in EXECUTION_FIELDS}


def build_dataset(
    cfg: DatasetConfig,
    path: str | pathlib.Path,
    *,
    progress: bool = True,
    on_shard: Callable[[int, float], None] | None = None,
    client: Any = None,
) -> tuple[int, float]:
    """Build the missing shards of ``cfg`` under ``path/shards``.

    Graphs are labelled on ``client`` (a ``distributed.Client``) when given, else
    as ``cfg`` says: in this process (``workers=1``, no ``scheduler``), on a local
    Dask cluster of ``cfg.workers`` processes, or on the cluster at
    ``cfg.scheduler`` (:func:`jaxeff.gnn.distributed.dask_client`).
    ``on_shard(graphs, task seconds)`` runs after each shard is written. Returns
    ``(graphs built, wall seconds)``; a finished dataset builds nothing.
    """
    out = pathlib.Path(path) / "shards"
    out.mkdir(parents=True, exist_ok=True)
    ident = dataset_identity(cfg)
    check_manifest(out, ident)
    for t in out.glob("*.npz.tmp*"):
        t.unlink()
    plan = shard_plan(cfg)
    todo = [
        (sp, k, n)
        for sp, k, n in plan
        if shard_state(out / f"{sp}_{k:04d}.npz", ident, n) != "done"
    ]
    total, left = sum(p[2] for p in plan), sum(t[2] for t in todo)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc="PerfSAGE dataset", unit="graph",
                   initial=total - left)
    t0 = time.time()
    try:
        if todo:
            _run(cfg, todo, out, ident, client, bar, on_shard)
    finally:
        if bar is not None:
            bar.close()
    return left, time.time() - t0


def _run(cfg, todo, out, ident, client, bar, on_shard) -> None:
    fp = fingerprint(ident)
    tasks = [
        (f"perfsage-{fp}-{sp}-{k:04d}-{i:04d}", (cfg, sp, k, i))
        for sp, k, n in todo for i in range(n)
    ]
    where = {key: (sp, k, i) for key, (_, sp, k, i) in tasks}
    size = {(sp, k): n for sp, k, n in todo}
    pending: dict[tuple[str, int], dict[int, tuple[dict, dict]]] = {}
    versions = None
    for key, (rec, info) in _results(cfg, tasks, client):
        if versions is None:
            versions = info["versions"]
        elif info["versions"] != versions:
            raise RuntimeError(
                f"worker {info['worker']} labels with {info['versions']}, others "
                f"with {versions}: install the same tool versions on every worker"
            )
        sp, k, i = where[key]
        got = pending.setdefault((sp, k), {})
        got[i] = (rec, info)
        if len(got) < size[(sp, k)]:
            continue
        del pending[(sp, k)]
        recs = [got[j][0] for j in range(len(got))]
        secs = float(sum(got[j][1]["seconds"] for j in range(len(got))))
        workers = sorted({got[j][1]["worker"] for j in range(len(got))})
        save_shard(out / f"{sp}_{k:04d}.npz", recs, secs,
                   {"dataset": ident, "workers": workers, "versions": versions})
        if bar is not None:
            bar.update(len(recs))
        if on_shard is not None:
            on_shard(len(recs), secs)


def _results(cfg, tasks, client) -> Iterator[tuple[str, tuple[dict, dict]]]:
    """``(key, label_graph(*args))`` for every task, on the chosen engine."""
    if client is None and cfg.scheduler is None and cfg.workers == 1:
        for key, args in tasks:
            yield key, label_graph(*args)
        return
    from jaxeff.gnn.distributed import dask_client, map_unordered

    with (
        contextlib.nullcontext(client) if client is not None
        else dask_client(cfg.workers, cfg.scheduler)
    ) as c:
        window = max(4 * len(c.nthreads()), cfg.shard_size)
        yield from map_unordered(c, label_graph, tasks, window=window)


def dataset_card(recs: list[dict], cfg: DatasetConfig, wall: float, built: int) -> dict:
    """Counts, rejections, label ranges per space, throughput, repeat MAPE."""
    card: dict[str, Any] = {
        "total": len(recs),
        "spaces": {},
        "wall_s_this_run": wall,
        "graphs_built_this_run": built,
        "graphs_per_s_this_run": built / wall if wall else None,
    }
    for sp in cfg.spaces:
        rs = [r for r in recs if r["space"] == sp]
        ranges = {}
        for t in TARGETS:
            v = np.asarray([r["labels"][t] for r in rs if t in r["labels"]])
            if v.size:
                ranges[t] = [float(v.min()), float(np.median(v)), float(v.max())]
        card["spaces"][sp] = {
            "count": len(rs),
            "rejected_nodes": sum(r["rejected_nodes"] for r in rs),
            "rejected_cpu": sum(r["rejected_cpu"] for r in rs),
            "rejected_error": sum(r.get("rejected_error", 0) for r in rs),
            "nodes": [
                int(min((len(r["x"]) for r in rs), default=0)),
                int(max((len(r["x"]) for r in rs), default=0)),
            ],
            "ranges": ranges,
        }
    rep = [
        (r["labels"]["host_latency_ms"], r["host_repeat_ms"])
        for r in recs
        if "host_repeat_ms" in r
    ]
    card["host_repeat"] = {
        "n": len(rep),
        "mape": float(np.mean([abs(b - a) / a for a, b in rep]) * 100) if rep else None,
    }
    card["versions"] = tool_versions()
    return card
