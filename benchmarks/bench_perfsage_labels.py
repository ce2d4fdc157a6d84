"""PerfSAGE dataset labelling throughput: 2 Dask workers against 1, in one run.

PerfSAGE (arXiv 2301.10999) trains on 134,912 labelled graphs; issue 20 item 2 runs
the dataset builder's per-graph tasks (sample -> write TFLite -> Vela U55 / U65 ->
LiteRT -> features, :func:`jaxeff.gnn.dataset.label_graph`) on Dask distributed.
This builds the same small dataset three times, side by side: in this process (the
1-worker path without an engine), on a Dask ``LocalCluster`` of 1 worker process
and of N (default 2). Each engine's workers are started and warmed up (one graph
each, imports done) before its clock starts, so the ratio is labelling throughput;
cluster start-up is reported apart. The three datasets' labels must agree
(:func:`jaxeff.gnn.shards.labels_digest`; host latency excepted), else it fails.

    python -m benchmarks.bench_perfsage_labels                 # 2 spaces x 8 graphs
    python -m benchmarks.bench_perfsage_labels --per-space 20 --host

The row records the load average and, for each side, the wall time and the time
summed inside the tasks (where the time goes: with N busy workers the task time is
about N x the wall time; less means workers waited). On a shared machine the ratio
is a lower bound of what N idle cores give.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import platform
import tempfile
import time

from benchmarks._results import append_rows, table_row
from jaxeff.gnn.dataset import DatasetConfig, build_dataset, label_graph, load_dataset
from jaxeff.gnn.distributed import dask_client
from jaxeff.gnn.shards import labels_digest


def _warm(cfg: DatasetConfig) -> None:
    """One throw-away graph: imports and first-call costs out of the clock."""
    label_graph(cfg, cfg.spaces[0], 10_000, 0)


def _timed_build(cfg: DatasetConfig, folder: pathlib.Path, client=None) -> tuple[
        float, float, str]:
    """(wall s, summed task s, labels digest) of one build."""
    busy = []
    t0 = time.perf_counter()
    built, _ = build_dataset(cfg, folder, progress=False, client=client,
                             on_shard=lambda n, s: busy.append(s))
    dt = time.perf_counter() - t0
    assert built == cfg.per_space * len(cfg.spaces), built
    return dt, sum(busy), labels_digest(load_dataset(folder))


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--spaces", nargs="+", default=["dscnn", "resnet"])
    p.add_argument("--per-space", type=int, default=8)
    p.add_argument("--shard-size", type=int, default=4)
    p.add_argument("--workers", type=int, default=2, help="the fast side (N)")
    p.add_argument("--host", action="store_true",
                   help="also time LiteRT host latency (off: Vela labels only)")
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    cfg = DatasetConfig(spaces=tuple(a.spaces), per_space=a.per_space,
                        shard_size=a.shard_size, workers=1, host=a.host)
    load0 = os.getloadavg()[0]
    res: dict = {"graphs": a.per_space * len(a.spaces), "workers": a.workers}
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        _warm(cfg)
        res["inproc_s"], res["inproc_task_s"], d_in = _timed_build(
            cfg, root / "inproc")
        digests = {"in-process": d_in}
        for n in (1, a.workers):
            t0 = time.perf_counter()
            with dask_client(n) as c:
                c.run(_warm, cfg)
                res[f"startup_{n}_s"] = time.perf_counter() - t0
                res[f"dask{n}_s"], res[f"dask{n}_task_s"], digests[f"dask {n}"] = \
                    _timed_build(cfg, root / f"dask{n}", client=c)
    load1 = os.getloadavg()[0]
    if len(set(digests.values())) != 1:
        raise AssertionError(f"labels differ between engines: {digests}")
    g = res["graphs"]
    n = a.workers
    res.update(ratio=res["dask1_s"] / res[f"dask{n}_s"],
               ratio_vs_inproc=res["inproc_s"] / res[f"dask{n}_s"],
               load=(load0, load1), digest=d_in)
    setting = (f"{g} graphs ({'+'.join(a.spaces)}), shards of {a.shard_size}, "
               f"{'Vela + host' if a.host else 'Vela'} labels identical on all three; "
               f"load avg {load0:.1f} -> {load1:.1f} on {os.cpu_count()} cores; "
               f"cluster start {res['startup_1_s']:.1f} / {res[f'startup_{n}_s']:.1f} s "
               "not timed")
    # where the time goes: wall s and summed in-task s (busy workers: task s ~ n x wall)
    fast = (f"Dask {n} workers {g / res[f'dask{n}_s']:.2f} graphs/s "
            f"({res[f'dask{n}_s']:.1f} s wall, {res[f'dask{n}_task_s']:.1f} s in tasks)")
    host = f"cpu ({platform.machine()})"
    lines = [
        table_row("bench_perfsage_labels", "PerfSAGE dataset build", setting, fast,
                  f"Dask 1 worker {g / res['dask1_s']:.2f} graphs/s "
                  f"({res['dask1_s']:.1f} s, {res['dask1_task_s']:.1f} s in tasks)",
                  res["ratio"],
                  host),
        table_row("bench_perfsage_labels", "PerfSAGE dataset build", setting, fast,
                  f"in-process {g / res['inproc_s']:.2f} graphs/s "
                  f"({res['inproc_s']:.1f} s, {res['inproc_task_s']:.1f} s in tasks)",
                  res["ratio_vs_inproc"], host),
    ]
    print("\n".join(lines))
    append_rows(a.out, lines)
    return res


if __name__ == "__main__":
    main()
