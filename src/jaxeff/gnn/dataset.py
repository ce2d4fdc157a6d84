"""PerfSAGE dataset: random INT8 networks from four search spaces, labelled with
Vela (Ethos-U55-128, Ethos-U65-256), LiteRT host latency, a memory planner and an
energy model, stored as data-only shards.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999); EdgeDLPerf is not public, this is the
small-scale stand-in of spec perfsage.md §5.3-5.4. :func:`build_dataset` writes
``<folder>/shards/<space>_<k>.npz`` (one seed each, data-only ``.npz`` + JSON via
:mod:`jaxeff.gnn.store`, never pickle) atomically, so an interrupted build resumes
with the missing shards; :func:`load_dataset` reads them back. Each record holds the
graph's node features / edges (not its weights: the TFLite file is regenerated from
``(space, seed)`` by :func:`make_tflite`), its labels and Vela per-op cycles.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing as mp
import pathlib
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from jaxeff.gnn.store import ArtifactError, load_npz_json, save_npz_json

log = logging.getLogger(__name__)

__all__ = [
    "TARGETS",
    "DatasetConfig",
    "build_dataset",
    "dataset_card",
    "graph_seed",
    "load_dataset",
    "load_shard",
    "make_record",
    "make_tflite",
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
    """What to generate: graphs per search space, sharding, workers, seeds."""

    spaces: tuple[str, ...] = ("mbconv", "resnet", "dscnn", "sesr")
    per_space: int = 500
    shard_size: int = 25
    workers: int = 2
    seed: int = 0
    max_nodes: int = 200
    host: bool = True  # LiteRT host-CPU latency (noisy on a shared machine)
    repeat_frac: float = 0.05  # re-time this fraction for the repeat MAPE

    @staticmethod
    def smoke() -> DatasetConfig:
        return DatasetConfig(per_space=3, shard_size=2, workers=2)

    @staticmethod
    def default() -> DatasetConfig:
        return DatasetConfig()


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


def build_shard(args: tuple[DatasetConfig, str, int, int, str]) -> tuple[str, int, float]:
    """Worker: build one shard file (skipped when it already exists)."""
    cfg, space, k, n, out_dir = args
    path = pathlib.Path(out_dir) / f"{space}_{k:04d}.npz"
    if path.exists():
        return str(path), n, 0.0
    t0 = time.time()
    rng = np.random.default_rng([cfg.seed, 99, k, cfg.spaces.index(space)])
    recs = [
        make_record(space, graph_seed(cfg, space, k, i), cfg, rng) for i in range(n)
    ]
    dt = time.time() - t0
    save_shard(path, recs, dt)
    return str(path), n, dt


SHARD_KIND = "jaxeff.perfsage.dataset_shard"
# array fields of a record: name -> (dtype kind, ndim)
ARRAY_FIELDS = {
    "x": ("f", 2),
    "cat": ("i", 1),
    "senders": ("i", 1),
    "receivers": ("i", 1),
    "u55_op_cycles": ("f", 1),
    "u65_op_cycles": ("f", 1),
}


def save_shard(path: str | pathlib.Path, recs: list[dict[str, Any]], seconds: float) -> None:
    """Write dataset records as one data-only shard (arrays in ``.npz``, the rest JSON)."""
    arrays, meta = {}, []
    for i, r in enumerate(recs):
        for k in ARRAY_FIELDS:
            arrays[f"{i}/{k}"] = np.asarray(r[k])
        meta.append({k: v for k, v in r.items() if k not in ARRAY_FIELDS})
    save_npz_json(path, SHARD_KIND, arrays, {"records": meta, "seconds": seconds})


def load_shard(path: str | pathlib.Path) -> list[dict[str, Any]]:
    """Records of one shard, checked: arrays of the right kind and rank, node counts
    consistent, edge indices in range; :class:`ArtifactError` names the file."""
    arrays, meta = load_npz_json(path, SHARD_KIND)
    recs = []
    try:
        for i, m in enumerate(meta["records"]):
            if not isinstance(m, dict) or not isinstance(m.get("labels"), dict):
                raise ValueError(f"record {i} has no labels")
            r = dict(m)
            for k, (kind, ndim) in ARRAY_FIELDS.items():
                a = arrays[f"{i}/{k}"]
                if a.dtype.kind not in (kind + ("u" if kind == "i" else "")) or a.ndim != ndim:
                    raise ValueError(f"record {i} {k}: {a.dtype}{list(a.shape)}")
                r[k] = a
            n = len(r["x"])
            if len(r["cat"]) != n or len(r["senders"]) != len(r["receivers"]):
                raise ValueError(f"record {i}: inconsistent node / edge counts")
            for k in ("senders", "receivers"):
                if len(r[k]) and not (0 <= r[k].min() and r[k].max() < n):
                    raise ValueError(f"record {i}: {k} out of range [0, {n})")
            recs.append(r)
    except (KeyError, TypeError, ValueError) as e:
        raise ArtifactError(
            f"corrupt dataset shard {str(path)!r}: {type(e).__name__}: {e}"
        ) from None
    return recs


def load_dataset(path: str | pathlib.Path) -> list[dict[str, Any]]:
    """All records of a dataset folder (``shards/*.npz``), in shard order."""
    d = pathlib.Path(path)
    files = sorted((d / "shards").glob("*.npz"))
    if not files:
        raise FileNotFoundError(
            f"no dataset shards under {d / 'shards'}; build one "
            "with python -m experiments.perfsage_dataset"
        )
    recs = []
    for f in files:
        recs += load_shard(f)
    return recs


def build_dataset(cfg: DatasetConfig, path: str | pathlib.Path, *,
                  progress: bool = True,
                  on_shard: Callable[[int, float], None] | None = None,
                  ) -> tuple[int, float]:
    """Build the missing shards of ``cfg`` under ``path/shards`` (``cfg.workers``
    processes); ``on_shard(graphs, seconds)`` after each. Returns ``(graphs built,
    wall seconds)``; a finished dataset builds nothing."""
    out = pathlib.Path(path) / "shards"
    out.mkdir(parents=True, exist_ok=True)
    plan = shard_plan(cfg)
    todo = [
        (cfg, sp, k, n, str(out))
        for sp, k, n in plan
        if not (out / f"{sp}_{k:04d}.npz").exists()
    ]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(
            total=sum(n for *_, n in plan),
            desc="PerfSAGE dataset",
            unit="graph",
            initial=sum(n for *_, n in plan) - sum(t[3] for t in todo),
        )

    def done(n: int, dt: float) -> None:
        if bar is not None:
            bar.update(n)
        if on_shard is not None:
            on_shard(n, dt)

    t0 = time.time()
    if todo:
        if cfg.workers > 1:
            with mp.get_context("spawn").Pool(cfg.workers) as pool:
                for _, n, dt in pool.imap_unordered(build_shard, todo):
                    done(n, dt)
        else:
            for t in todo:
                _, n, dt = build_shard(t)
                done(n, dt)
    if bar is not None:
        bar.close()
    return sum(t[3] for t in todo), time.time() - t0


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
    try:
        from importlib.metadata import version

        card["versions"] = {p: version(p) for p in ("ethos-u-vela", "ai-edge-litert")}
    except Exception:  # noqa: BLE001
        card["versions"] = {}
    return card
