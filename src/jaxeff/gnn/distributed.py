"""PerfSAGE labelling on a distributed task engine: Dask distributed (issue 20 item 2).

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999) trains on EdgeDLPerf, 134,912 labelled
graphs; spec perfsage.md §5.3-5.4 builds our stand-in with
:mod:`jaxeff.gnn.dataset`. Its unit of work, one graph (sample -> write TFLite ->
Vela U55 / U65 -> LiteRT host timing -> features:
:func:`jaxeff.gnn.dataset.label_graph`), is a pure function of ``(config, space,
shard, index)``, so it can run on any machine; this module runs those tasks on
Dask distributed, an existing engine (no home-made scheduler):

* :func:`dask_client` opens a ``LocalCluster`` of ``workers`` processes (one thread
  each: Vela and LiteRT are single-threaded and host timing must not share a core
  with a second task of the same worker), or connects to a running cluster at
  ``scheduler`` (``tcp://host:8786``; start one with ``dask scheduler`` and
  ``dask worker tcp://host:8786 --nthreads 1`` on every machine, each with
  ``jaxeff[tflite,dist]`` installed at the same versions).
* :func:`map_unordered` submits tasks under deterministic keys with a bounded
  window (a 134,912-graph build never holds every result in the client) and
  yields ``(key, result)`` as they finish.

Results travel back to the client, which alone writes the shards
(:func:`jaxeff.gnn.dataset.build_dataset`), so workers need no shared file system.
Dask is the optional extra ``[dist]`` (``pip install 'jaxeff[dist]'``); without it
this module still imports and :func:`dask_client` raises
:class:`jaxeff._extras.MissingExtraError` naming the extra.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import socket
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jaxeff._extras import require

log = logging.getLogger(__name__)

__all__ = ["dask_client", "map_unordered", "worker_id"]


@contextlib.contextmanager
def dask_client(
    workers: int = 2, scheduler: str | None = None, *, timeout_s: float = 120.0
) -> Iterator[Any]:
    """A ``distributed.Client``: a fresh local cluster, or the one at ``scheduler``.

    Args:
      workers: worker processes of the local cluster (>= 1), one thread each; with
        ``scheduler`` the number of workers to wait for (at most ``timeout_s``).
      scheduler: address of a running Dask scheduler (``tcp://host:8786``), or
        ``None`` for a ``LocalCluster`` that is closed on exit.
      timeout_s: how long to wait for the scheduler and its workers.

    Raises:
      MissingExtraError: Dask distributed is not installed (extra ``[dist]``).
      ValueError: ``workers < 1``.
    """
    if int(workers) != workers or workers < 1:
        raise ValueError(f"workers must be an integer >= 1, got {workers!r}")
    dd = require("distributed", purpose="PerfSAGE labelling on Dask (more than one "
                 "worker or a scheduler; workers=1 labels in-process without it)")
    if scheduler is not None:
        client = dd.Client(scheduler, timeout=timeout_s)
        try:
            client.wait_for_workers(int(workers), timeout=timeout_s)
            yield client
        finally:
            client.close()
        return
    with dd.LocalCluster(
        n_workers=int(workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.WARNING,
    ) as cluster, dd.Client(cluster, timeout=timeout_s) as client:
        yield client


def map_unordered(
    client: Any,
    fn: Callable[..., Any],
    tasks: Iterable[tuple[str, tuple]],
    *,
    window: int,
    retries: int = 1,
) -> Iterator[tuple[str, Any]]:
    """Run ``fn(*args)`` for every ``(key, args)`` of ``tasks`` on ``client``.

    At most ``window`` tasks are in flight; results are yielded as ``(key,
    result)`` in completion order (callers reorder by key). Keys name the tasks on
    the cluster (so they must be unique); a task that fails ``retries + 1`` times
    raises its error here.
    """
    dd = require("distributed", purpose="distributed PerfSAGE labelling")
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    it = iter(tasks)

    def submit(key: str, args: tuple) -> Any:
        return client.submit(fn, *args, key=key, pure=False, retries=retries)

    first = [submit(k, a) for k, a in itertools.islice(it, window)]
    if not first:
        return
    queue = dd.as_completed(first, with_results=True)
    for fut, result in queue:
        yield fut.key, result
        fut.release()
        for k, a in itertools.islice(it, 1):
            queue.add(submit(k, a))


def worker_id() -> str:
    """Where the calling task runs: the Dask worker's name and address inside a
    Dask worker, else ``host:pid`` (recorded beside host-latency labels, which
    depend on the machine that timed them)."""
    here = f"{socket.gethostname()}:{os.getpid()}"
    if "distributed" in sys.modules:
        try:
            w = sys.modules["distributed"].get_worker()
        except ValueError:  # not inside a worker
            return here
        return f"{w.name}@{w.address}"
    return here
