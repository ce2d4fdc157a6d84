"""PerfSAGE labelling on Dask distributed (issue 20 item 2): labels independent of
the number and placement of workers; shards idempotent and resumable."""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import subprocess
import sys
import time
from dataclasses import replace

import numpy as np
import pytest

import jaxeff
from jaxeff.gnn.dataset import (
    DatasetConfig,
    build_dataset,
    dataset_identity,
    label_graph,
    load_dataset,
    load_shard,
    read_shard,
)
from jaxeff.gnn.distributed import map_unordered, worker_id
from jaxeff.gnn.shards import labels_digest

pytest.importorskip("ethosu.vela")

# tiny, quick graphs: DS-CNN-like networks, Vela labels only (deterministic)
TINY = DatasetConfig(spaces=("dscnn",), per_space=3, shard_size=2, workers=1,
                     host=False)
VELA = ("u55_latency_ms", "u65_latency_ms", "u55_sram_kib", "u65_sram_kib")


def _vela_bytes(recs: list[dict]) -> bytes:
    """The Vela labels of a dataset as exact bytes (JSON floats round-trip)."""
    return b"".join(
        json.dumps({k: r["labels"][k] for k in VELA}).encode()
        + r["u55_op_cycles"].tobytes() + r["u65_op_cycles"].tobytes()
        for r in recs
    )


def _env() -> dict[str, str]:
    src = str(pathlib.Path(jaxeff.__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [src, *filter(None, [os.environ.get("PYTHONPATH")])])}


@contextlib.contextmanager
def two_node_cluster(tmp: pathlib.Path):
    """A Dask scheduler and two worker 'nodes': three separate OS processes started
    with the ``dask scheduler`` / ``dask worker`` command-line programs (each worker
    with its own nanny, name and local directory, one thread), talking TCP on
    127.0.0.1 exactly as machines of a real cluster would; they share this host."""
    from distributed import Client

    sfile = tmp / "scheduler.json"
    py = [sys.executable, "-m"]
    procs = [subprocess.Popen(
        [*py, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(sfile)],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(600):
            if sfile.exists() and sfile.stat().st_size:
                break
            time.sleep(0.1)
        addr = json.loads(sfile.read_text())["address"]
        for name in ("node-a", "node-b"):
            procs.append(subprocess.Popen(
                [*py, "distributed.cli.dask_worker", addr, "--nthreads", "1",
                 "--nworkers", "1", "--name", name, "--no-dashboard",
                 "--local-directory", str(tmp / name)],
                env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        with Client(addr, timeout=120) as client:
            client.wait_for_workers(2, timeout=120)
            yield client
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.mark.slow  # three clusters of fresh processes: ~40 s at load 8, see RESULTS
def test_vela_labels_identical_with_1_2_local_and_2_node_workers(tmp_path):
    pytest.importorskip("distributed")
    built, _ = build_dataset(TINY, tmp_path / "one", progress=False)
    ref = load_dataset(tmp_path / "one")
    assert built == 3 and len(ref) == 3
    two = build_dataset(replace(TINY, workers=2), tmp_path / "two", progress=False)
    assert two[0] == 3
    with two_node_cluster(tmp_path) as client:
        assert {w["name"] for w in client.scheduler_info(n_workers=-1)["workers"]
                .values()} == {"node-a", "node-b"}
        # through the address, as `--scheduler tcp://...` does
        addr = client.scheduler.address
        assert build_dataset(replace(TINY, scheduler=addr, workers=2),
                             tmp_path / "nodes", progress=False)[0] == 3
    for other in ("two", "nodes"):
        recs = load_dataset(tmp_path / other)
        assert _vela_bytes(recs) == _vela_bytes(ref), other
        assert labels_digest(recs) == labels_digest(ref), other
    # the 2-node build really ran on both nodes (3 graphs, 2 shards)
    used = set()
    for f in sorted((tmp_path / "nodes" / "shards").glob("*.npz")):
        used |= {w.split("@")[0] for w in read_shard(f)[1]["workers"]}
    assert used <= {"node-a", "node-b"} and used


def test_two_threaded_dask_workers_give_the_same_shards(tmp_path):
    """The Dask path in the fast suite: two workers of an in-process cluster (the
    process-based 2-worker and 2-node runs are the slow test above)."""
    dd = pytest.importorskip("distributed")
    build_dataset(TINY, tmp_path / "one", progress=False)
    with dd.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                         dashboard_address=None) as cluster, dd.Client(cluster) as c:
        assert build_dataset(TINY, tmp_path / "two", progress=False, client=c)[0] == 3
        got = list(map_unordered(c, pow, [(f"k{i}", (i, 2)) for i in range(5)],
                                 window=1))
        with pytest.raises(ZeroDivisionError):  # a failing task stops the build
            list(map_unordered(c, divmod, [("ok", (1, 1)), ("bad", (1, 0))], window=2,
                               retries=0))
    assert sorted(got) == [(f"k{i}", i * i) for i in range(5)]
    ref, recs = load_dataset(tmp_path / "one"), load_dataset(tmp_path / "two")
    assert _vela_bytes(recs) == _vela_bytes(ref)
    assert labels_digest(recs) == labels_digest(ref)


def test_resume_skips_finished_and_redoes_half_written_shard(tmp_path):
    build_dataset(TINY, tmp_path, progress=False)
    shards = sorted((tmp_path / "shards").glob("*.npz"))
    assert [f.name for f in shards] == ["dscnn_0000.npz", "dscnn_0001.npz"]
    whole = shards[1].read_bytes()
    ref = labels_digest(load_dataset(tmp_path))
    stamp = shards[0].stat().st_mtime_ns
    shards[1].write_bytes(whole[: len(whole) // 2])  # a half-written shard
    (tmp_path / "shards" / "dscnn_0001.npz.tmp123").write_bytes(b"stale")
    built, _ = build_dataset(TINY, tmp_path, progress=False)
    assert built == 1  # only the damaged shard (1 graph) was labelled again
    assert shards[0].stat().st_mtime_ns == stamp
    assert labels_digest(load_dataset(tmp_path)) == ref
    assert not list((tmp_path / "shards").glob("*.tmp*"))
    # a finished dataset labels nothing, whatever the worker count
    again = replace(TINY, workers=5)
    assert build_dataset(again, tmp_path, progress=False)[0] == 0


def test_another_configuration_is_refused_and_never_overwritten(tmp_path):
    build_dataset(TINY, tmp_path / "a", progress=False)
    before = {f: f.read_bytes() for f in (tmp_path / "a" / "shards").iterdir()}
    other = replace(TINY, seed=1)
    with pytest.raises(FileExistsError, match=r"\['seed'\]"):
        build_dataset(other, tmp_path / "a", progress=False)
    assert {f: f.read_bytes() for f in before} == before
    # a shard of another configuration copied into a folder is refused too
    dst = tmp_path / "b" / "shards"
    dst.mkdir(parents=True)
    (dst / "manifest.json").write_text(json.dumps(dataset_identity(other)))
    shard = tmp_path / "a" / "shards" / "dscnn_0000.npz"
    (dst / shard.name).write_bytes(shard.read_bytes())
    with pytest.raises(FileExistsError, match="another configuration"):
        build_dataset(other, tmp_path / "b", progress=False)
    assert (dst / shard.name).read_bytes() == shard.read_bytes()


def test_host_labels_name_their_worker_and_are_left_out_of_the_digest():
    cfg = replace(TINY, host=True, repeat_frac=1.0)
    rec, info = label_graph(cfg, "dscnn", 0, 0)
    assert rec["host_timed_by"] == info["worker"] == worker_id()
    assert rec["labels"]["host_latency_ms"] > 0 and rec["host_repeat_ms"] > 0
    moved = {**rec, "host_timed_by": "elsewhere", "host_repeat_ms": 9.0,
             "labels": {**rec["labels"], "host_latency_ms": 9.0}}
    assert labels_digest([moved]) == labels_digest([rec])
    vela = {**rec, "labels": {**rec["labels"], "u55_latency_ms": 9.0}}
    assert labels_digest([vela]) != labels_digest([rec])
    cycles = {**rec, "u55_op_cycles": rec["u55_op_cycles"] + np.float32(1)}
    assert labels_digest([cycles]) != labels_digest([rec])


def test_graph_task_does_not_depend_on_order(tmp_path):
    """A graph's record is a function of (config, space, shard, index) alone."""
    a = [label_graph(TINY, "dscnn", 1, 0)[0], label_graph(TINY, "dscnn", 0, 1)[0]]
    b = [label_graph(TINY, "dscnn", 0, 1)[0], label_graph(TINY, "dscnn", 1, 0)[0]]
    assert labels_digest(a) == labels_digest(b[::-1])
    build_dataset(TINY, tmp_path, progress=False)
    assert labels_digest([load_shard(tmp_path / "shards" / "dscnn_0001.npz")[0]]) \
        == labels_digest(a[:1])
