"""Multi-device and multi-host JAX: a 1-D mesh, leading-axis sharding, host gathers.

Not a paper method: the "Scale" part of the design (DESIGN.md) and issue 20 item 1.
Everything here is JAX's own machinery (``jax.sharding.Mesh`` / ``NamedSharding``,
``jax.distributed``); nothing is home-made beyond small helpers:

* :func:`make_mesh` - a 1-D mesh over the first ``N`` devices (axis ``"data"``);
  :func:`mesh_or_none` returns ``None`` for a one-device mesh, so a single CPU or
  GPU keeps the unsharded code path (results bit-identical to before).
* :func:`shard_leading` / :func:`pad_leading` - a batch or population axis split
  over the mesh. A population is padded to a multiple of the device count with
  copies of its first member (:func:`pad_leading`; the caller drops the padded
  results); a training batch is never padded (padded examples would change the
  mean loss), so its size must divide the device count.
* :func:`replicate` - parameters and optimizer state on every device.
* :func:`data_parallel_jit` - ``jax.jit`` with the batch arguments sharded and
  everything else (and every output) replicated: XLA's SPMD partitioner turns the
  mean over the batch into a cross-device all-reduce, so one step on ``N`` devices
  equals the one-device step up to float reassociation (tests/test_parallel.py).
* :func:`to_host` - a device-count-free NumPy copy of a (sharded) pytree for
  checkpoints, so a run written on 8 devices resumes on 1 (or on 64).
* :func:`initialize_distributed` - ``jax.distributed.initialize`` only when asked
  (arguments) or when the environment names a cluster.

Multi-host: start one process per host with ``JAX_COORDINATOR_ADDRESS=host0:1234``,
``JAX_NUM_PROCESSES`` and ``JAX_PROCESS_ID`` set (or ``JAXEFF_DISTRIBUTED=1`` on a
Cloud TPU / Slurm / Open MPI allocation, which JAX detects itself) and call
:func:`initialize_distributed` before any other JAX call (the experiments' shared
``--devices`` flag does). Every process then computes the same global batch (the
data order is seeded), and :func:`shard_leading` hands each of its devices its
slice. This path is written to JAX's documented contract but tested here only with
one process (8 fake CPU devices).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

log = logging.getLogger(__name__)

__all__ = [
    "DATA_AXIS",
    "data_parallel_jit",
    "initialize_distributed",
    "leading_axis",
    "leading_sharding",
    "make_mesh",
    "mesh_or_none",
    "mesh_size",
    "pad_leading",
    "replicate",
    "replicated",
    "shard_leading",
    "to_host",
]

#: the name of the mesh axis that batches and populations are split over
DATA_AXIS = "data"


def make_mesh(devices: int | None = None, *, axis: str = DATA_AXIS) -> Mesh:
    """A 1-D :class:`~jax.sharding.Mesh` over the first ``devices`` of
    ``jax.devices()`` (all of them, over every host, when ``None``).

    Raises ``TypeError`` when ``devices`` is not an int, ``ValueError`` when it is
    not in ``[1, available]``.
    """
    avail = jax.devices()
    if devices is None:
        devices = len(avail)
    if isinstance(devices, bool) or not isinstance(devices, (int, np.integer)):
        raise TypeError(f"devices must be an int >= 1 or None (all), got {devices!r}")
    if not 1 <= devices <= len(avail):
        raise ValueError(
            f"devices={devices} but {len(avail)} {avail[0].platform} device(s) are "
            "available (to fake N CPU devices set XLA_FLAGS="
            "--xla_force_host_platform_device_count=N before JAX starts)")
    return Mesh(np.array(avail[:devices]), (axis,))


def mesh_or_none(devices: int | None = None, *, axis: str = DATA_AXIS) -> Mesh | None:
    """:func:`make_mesh`, or ``None`` when it would hold one device (so one device
    runs the plain, unsharded programs)."""
    mesh = make_mesh(devices, axis=axis)
    return mesh if mesh_size(mesh) > 1 else None


def mesh_size(mesh: Mesh | None) -> int:
    """Devices in ``mesh`` (1 for ``None``)."""
    return 1 if mesh is None else int(mesh.devices.size)


def leading_axis(mesh: Mesh, prefer: str | None = None) -> str:
    """The axis a leading batch / population axis is split over: ``prefer`` if the
    mesh has it, else the only axis of a 1-D mesh (``ValueError`` otherwise)."""
    names = tuple(mesh.axis_names)
    if prefer is not None and prefer in names:
        return prefer
    if len(names) != 1:
        raise ValueError(f"need a 1-D mesh or one with a {prefer!r} axis, got axes "
                         f"{names}")
    return names[0]


def replicated(mesh: Mesh) -> NamedSharding:
    """Every device holds the whole array."""
    return NamedSharding(mesh, PartitionSpec())


def leading_sharding(mesh: Mesh, axis: str | None = None) -> NamedSharding:
    """Axis 0 split over ``axis`` (default: :func:`leading_axis`), the rest whole."""
    return NamedSharding(mesh, PartitionSpec(axis or leading_axis(mesh)))


def _leading_size(tree: Any) -> int:
    sizes = {int(np.shape(a)[0]) if np.ndim(a) else -1 for a in jax.tree.leaves(tree)}
    if len(sizes) != 1 or -1 in sizes:
        raise ValueError(f"every leaf needs the same leading axis, got sizes "
                         f"{sorted(sizes)} (-1: a scalar)")
    return sizes.pop()


def pad_leading(tree: Any, multiple: int) -> tuple[Any, int]:
    """Pad axis 0 of every leaf to a multiple of ``multiple`` with copies of row 0.

    Returns ``(padded, n)`` with ``n`` the original length; results of the padded
    rows are meaningless and must be dropped (``out[:n]``). Meant for populations
    (independent rows), never for a batch that is averaged over.
    """
    n = _leading_size(tree)
    pad = (-n) % int(multiple)
    if pad:
        tree = jax.tree.map(
            lambda a: jnp.concatenate([a, jnp.repeat(a[:1], pad, axis=0)]), tree)
    return tree, n


def _put(x: Any, sharding: NamedSharding) -> jax.Array:
    if jax.process_count() == 1 or isinstance(x, jax.core.Tracer):
        return jax.device_put(x, sharding)
    host = np.asarray(x)  # every process holds the same global array
    return jax.make_array_from_callback(host.shape, sharding, lambda i: host[i])


def shard_leading(tree: Any, mesh: Mesh, *, axis: str | None = None) -> Any:
    """Put every leaf of ``tree`` on ``mesh`` with axis 0 split over its devices.

    Axis 0 must be a multiple of the device count (``ValueError`` naming both
    otherwise; pad a population with :func:`pad_leading` first). With several
    processes every process passes the same global arrays.
    """
    sharding = leading_sharding(mesh, axis)
    n, d = _leading_size(tree), mesh.shape[sharding.spec[0]]
    if n % d:
        raise ValueError(f"leading axis {n} is not a multiple of the {d} devices of "
                         f"the mesh: use a batch size divisible by {d} (or --devices "
                         "that divides it)")
    return jax.tree.map(lambda a: _put(a, sharding), tree)


def replicate(tree: Any, mesh: Mesh) -> Any:
    """Every leaf on every device of ``mesh``."""
    rep = replicated(mesh)
    return jax.tree.map(lambda a: _put(a, rep), tree)


def data_parallel_jit(fn: Callable, mesh: Mesh | None, *,
                      batch_argnums: Sequence[int], num_args: int,
                      axis: str | None = None) -> Callable:
    """``jax.jit(fn)`` with positional args ``batch_argnums`` split along axis 0 and
    the other ``num_args - len(batch_argnums)`` args and all outputs replicated.

    ``mesh=None``: plain ``jax.jit(fn)``. The data-parallel step computes exactly
    the one-device function of the global batch (SPMD partitioning inserts the
    all-reduces); only float summation order differs.
    """
    if mesh is None:
        return jax.jit(fn)
    data, rep = leading_sharding(mesh, axis), replicated(mesh)
    bad = [i for i in batch_argnums if not 0 <= i < num_args]
    if bad:
        raise ValueError(f"batch_argnums {bad} outside the {num_args} arguments")
    shardings = tuple(data if i in batch_argnums else rep for i in range(num_args))
    return jax.jit(fn, in_shardings=shardings, out_shardings=rep)


def to_host(tree: Any) -> Any:
    """A NumPy copy of ``tree``'s JAX arrays, independent of how they were sharded.

    Fully addressable arrays are copied whole; replicated arrays of a multi-host
    run from a local shard; others are all-gathered across processes
    (``jax.experimental.multihost_utils.process_allgather``).
    """
    def one(a: Any) -> Any:
        if not isinstance(a, jax.Array):
            return a  # NumPy arrays, Python numbers and strings stay as they are
        if a.is_fully_addressable:
            return np.asarray(a)
        if a.sharding.is_fully_replicated:
            return np.asarray(a.addressable_data(0))
        from jax.experimental import multihost_utils

        return np.asarray(multihost_utils.process_allgather(a, tiled=True))

    return jax.tree.map(one, tree)


_ENV = ("JAX_COORDINATOR_ADDRESS", "JAX_NUM_PROCESSES", "JAX_PROCESS_ID")


def initialize_distributed(coordinator_address: str | None = None,
                           num_processes: int | None = None,
                           process_id: int | None = None, *,
                           environ: Mapping[str, str] | None = None) -> bool:
    """Start ``jax.distributed`` for a multi-host run, only when asked.

    Asked means: any argument given, ``JAX_COORDINATOR_ADDRESS`` set (then
    ``JAX_NUM_PROCESSES`` / ``JAX_PROCESS_ID`` give the other two), or
    ``JAXEFF_DISTRIBUTED=1`` (JAX detects Cloud TPU, Slurm or Open MPI itself).
    Must run before any other JAX call. Returns whether it initialized (``False``:
    nothing asked, or already initialized).
    """
    env = os.environ if environ is None else environ
    explicit = any(v is not None for v in (coordinator_address, num_processes,
                                           process_id))
    auto = env.get("JAXEFF_DISTRIBUTED", "") == "1"
    if not (explicit or auto or env.get(_ENV[0])):
        return False
    if jax.distributed.is_initialized():
        return False

    def env_int(name: str) -> int | None:
        v = env.get(name)
        if v is None:
            return None
        try:
            return int(v)
        except ValueError:
            raise ValueError(f"{name} must be an integer, got {v!r}") from None

    kw = {"coordinator_address": coordinator_address or env.get(_ENV[0]),
          "num_processes": num_processes if num_processes is not None
          else env_int(_ENV[1]),
          "process_id": process_id if process_id is not None else env_int(_ENV[2])}
    jax.distributed.initialize(**kw)
    log.info("jax.distributed: process %d of %d, %d global devices",
             jax.process_index(), jax.process_count(), jax.device_count())
    return True
