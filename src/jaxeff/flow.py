"""Rectified flow: training loss, resumable cached training, deterministic Euler sampler.

"Flow Straight and Fast: Learning to Generate and Transfer Data with Rectified Flow"
(Liu et al., arXiv 2209.03003), Eq. 1: ``x_t = t x_1 + (1 - t) x_0`` with ``x_0 ~
N(0, I)`` (noise), ``x_1`` data, ``t ~ U(0, 1)``; the net ``v(x_t, t, y)`` regresses
the velocity ``x_1 - x_0`` (mean squared error); sampling integrates ``dx/dt = v``
from ``t = 0`` to 1 with Euler steps. InstaFlow (arXiv 2309.06380), the paper's
headline model in Pan et al. (arXiv 2412.19867), is a rectified-flow model.

Training reuses :mod:`jaxeff.train` (the optimizer schedule of
:func:`~jaxeff.train.make_optimizer`, checkpoint atomics) and the model cache folder
of :mod:`jaxeff.zoo` (``$JAXEFF_CACHE/models/<name>-<hash>``, key = net, data
fingerprint, recipe). A checkpoint is written every ``ckpt_every`` steps and at the
end of every epoch; an interrupted run resumes at the step it reached with the same
data order (epoch ``e`` is shuffled by ``seed + e``) and the same noise (step ``s``
draws from ``fold_in(key(seed), s)``). An exponential moving average of the weights
(``ema``) is kept and is what the cache returns.

Shipped weights (:mod:`jaxeff.weights`, kind ``"diffusion"``): before training,
:func:`train_flow` looks for a model card whose key is exactly this run's cache key
(:func:`flow_cache_key`: net, recipe, data fingerprint) and loads its verified EMA
weights instead; ``JAXEFF_NO_SHIPPED=1`` (or ``weights.use_shipped(False)``) trains.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import pathlib
import time
from collections.abc import Callable
from typing import Any

import flax.linen as nn
import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from jaxeff import weights as _weights
from jaxeff.data.vision import Split, cache_dir
from jaxeff.parallel import data_parallel_jit, mesh_size, replicate, shard_leading, to_host
from jaxeff.report import atomic_write, config_hash, to_jsonable
from jaxeff.train import TrainConfig, load_variables, make_optimizer, save_variables
from jaxeff.types import Variables

log = logging.getLogger(__name__)

__all__ = ["FlowConfig", "euler_sample", "flow_cache_key", "flow_loss", "make_flow_step",
           "pad_images", "train_flow", "trajectory"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class FlowConfig:
    """Rectified-flow training recipe (jaxeff's choices, not a paper's).

    ``train`` holds the optimizer recipe (AdamW, warm-up + cosine); ``ema`` the
    weight-EMA decay; ``ckpt_every`` the checkpoint interval in steps;
    ``max_steps`` optionally stops early (the schedule still spans all epochs).
    """

    train: TrainConfig = TrainConfig(epochs=1, batch_size=64, optimizer="adamw",
                                     lr=2e-3, weight_decay=0.0, warmup_epochs=0.05,
                                     grad_clip=1.0, augment=False)
    ema: float = 0.995
    ckpt_every: int = 100
    max_steps: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.ema < 1.0:
            raise ValueError(f"ema must be in [0, 1), got {self.ema}")
        if self.ckpt_every < 1:
            raise ValueError(f"ckpt_every must be >= 1, got {self.ckpt_every}")


def pad_images(images: np.ndarray, size: int = 32) -> np.ndarray:
    """uint8 ``[N, h, w, C]`` -> float32 ``[N, size, size, C]`` in [-1, 1], zero
    (black, -1) padding centred (MNIST 28x28 -> 32x32)."""
    images = np.asarray(images)
    if images.ndim != 4 or images.dtype != np.uint8:
        raise ValueError(f"pad_images expects uint8 [N, h, w, C], got {images.dtype} "
                         f"{images.shape}")
    n, h, w, c = images.shape
    if h > size or w > size:
        raise ValueError(f"images {h}x{w} are larger than size {size}")
    out = np.full((n, size, size, c), -1.0, np.float32)
    t, left = (size - h) // 2, (size - w) // 2
    out[:, t:t + h, left:left + w] = images.astype(np.float32) / 127.5 - 1.0
    return out


def flow_loss(model: nn.Module, params: Any, key: jax.Array, x1: jax.Array,
              y: jax.Array) -> jax.Array:
    """Rectified-flow loss (Liu et al. Eq. 1): ``E |v(x_t, t, y) - (x_1 - x_0)|^2``
    with ``x_0 ~ N(0, I)``, ``t ~ U(0, 1)``; mean over pixels and batch."""
    k0, kt = jax.random.split(key)
    x0 = jax.random.normal(k0, x1.shape, x1.dtype)
    t = jax.random.uniform(kt, (x1.shape[0],), x1.dtype)
    xt = t[:, None, None, None] * x1 + (1.0 - t[:, None, None, None]) * x0
    v, _ = model.apply({"params": params}, xt, t, y)
    return jnp.mean((v - (x1 - x0)) ** 2)


def euler_sample(apply_fn: Callable, noise: jax.Array, labels: jax.Array,
                 steps: int = 20) -> jax.Array:
    """Deterministic Euler integration of ``dx/dt = v(x, t, y)`` from ``t = 0``
    (``noise [B, H, W, C]``) to ``t = 1``; ``apply_fn(x, t [B], y) -> v``.

    Returns ``[B, H, W, C]`` float32 (data range [-1, 1], unclipped). Step ``i``
    evaluates the net at ``t_i = i / steps``.
    """
    if steps < 1:
        raise ValueError(f"steps must be >= 1, got {steps}")
    return trajectory(apply_fn, noise, labels, steps)[1]


def trajectory(apply_fn: Callable, noise: jax.Array, labels: jax.Array,
               steps: int = 20) -> tuple[jax.Array, jax.Array]:
    """Euler sampler that also returns every net input: ``(xs [steps, B, H, W, C],
    x_final)``, ``xs[i]`` the state at ``t_i = i / steps`` (for calibrating
    activation ranges over all sampler timesteps)."""
    dt = 1.0 / steps
    b = noise.shape[0]

    def body(x, i):
        t = jnp.full((b,), i * dt, noise.dtype)
        return x + dt * apply_fn(x, t, labels), x

    x, xs = jax.lax.scan(body, noise, jnp.arange(steps))
    return xs, x


def flow_cache_key(name: str, cfg: FlowConfig, data_key: dict) -> dict[str, Any]:
    """The key :func:`train_flow` caches under (and matches shipped weights by):
    the net's name, the recipe (without ``max_steps`` and ``ckpt_every``, which
    do not change the model) and ``data_key``."""
    key = {"model": name, "flow": to_jsonable(cfg), **data_key, "version": 1}
    key["flow"].pop("max_steps", None)  # stopping early is not another model
    key["flow"].pop("ckpt_every", None)
    return key


def _cache(name: str, cfg: FlowConfig, data_key: dict) -> tuple[pathlib.Path, dict]:
    key = flow_cache_key(name, cfg, data_key)
    return cache_dir() / "models" / f"{name}-{config_hash(key)}", key


def make_flow_step(model: nn.Module, tx: Any, ema_decay: float, *,
                   mesh: Mesh | None = None) -> Callable:
    """One rectified-flow training step ``(params, ema, opt_state, key, x1, y) ->
    (params, ema, opt_state, loss)``: the gradient of :func:`flow_loss` on the batch,
    an optax update, and the weight EMA ``ema <- d * ema + (1 - d) * params``.

    ``mesh``: data parallel over its devices (issue 20): ``x1`` and ``y`` split along
    axis 0 (place them with :func:`jaxeff.parallel.shard_leading`), everything else
    replicated; the step computes the one-device function of the global batch (the
    noise ``x_0`` and times ``t`` are drawn for the global batch from the replicated
    key), so only float summation order differs. ``mesh=None``: plain ``jax.jit``.
    """
    def step(params, ema, opt, k, x, y):
        loss, g = jax.value_and_grad(lambda p: flow_loss(model, p, k, x, y))(params)
        upd, opt = tx.update(g, opt, params)
        params = jax.tree.map(lambda p, u: p + u, params, upd)
        ema = jax.tree.map(lambda e, p: ema_decay * e + (1 - ema_decay) * p, ema, params)
        return params, ema, opt, loss

    return data_parallel_jit(step, mesh, batch_argnums=(4, 5), num_args=6)


def train_flow(model: nn.Module, name: str, train: Split, cfg: FlowConfig, *,
               data_key: dict, progress: bool = True,
               log_fn: Callable[[dict], None] | None = None,
               mesh: Mesh | None = None) -> tuple[Variables, dict[str, Any]]:
    """Train (or load from the cache) a rectified-flow net on ``train``.

    ``train.images``: uint8 ``[N, h, w, C]`` (padded to 32x32 here), labels int.
    ``data_key``: what identifies the data in the cache key (name, fingerprint).
    Returns ``(ema variables, meta)``; ``meta["complete"]`` is False when
    ``cfg.max_steps`` stopped the run before the last epoch (not cached as final).
    ``mesh``: data-parallel training over its devices (:func:`make_flow_step`); the
    batch size must be a multiple of the device count. The device count is not in the
    cache key and checkpoints hold host arrays, so a run resumes on any device count.
    """
    if mesh is not None and cfg.train.batch_size % mesh_size(mesh):
        raise ValueError(f"batch_size={cfg.train.batch_size} is not a multiple of the "
                         f"{mesh_size(mesh)} devices of the mesh (data-parallel batches "
                         "are split evenly)")
    d, key = _cache(name, cfg, data_key)
    card = _weights.find_card("diffusion", key, data_sha256=data_key.get("data_sha256"))
    if card is not None:  # shipped, sha256-verified EMA weights of exactly this run
        return _weights.load(card), {**card["meta"], "source": f"shipped:{card['file']}"}
    final, meta_f, ckpt = d / "variables.msgpack", d / "meta.json", d / "checkpoint.msgpack"
    if final.exists() and meta_f.exists():
        log.info("using cached flow model %s", d)
        return load_variables(final), json.loads(meta_f.read_text())
    d.mkdir(parents=True, exist_ok=True)
    tc = cfg.train
    x_all = pad_images(train.images)
    y_all = np.asarray(train.labels, np.int32)
    spe = len(x_all) // tc.batch_size
    if spe == 0:
        raise ValueError(f"batch_size {tc.batch_size} exceeds {len(x_all)} images")
    total = tc.epochs * spe
    tx = make_optimizer(tc, spe)
    params = model.init(jax.random.key(tc.seed), jnp.asarray(x_all[:1]),
                        jnp.zeros((1,)), jnp.zeros((1,), jnp.int32))["params"]
    state = {"params": params, "ema": params, "opt": tx.init(params), "step": 0,
             "history": "[]", "wall": 0.0}
    if ckpt.exists():
        state = flax.serialization.from_bytes(state, ckpt.read_bytes())
        log.info("resumed %s at step %d", ckpt, int(state["step"]))
    history = json.loads(state["history"])

    step_fn = make_flow_step(model, tx, cfg.ema, mesh=mesh)

    params, ema, opt = state["params"], state["ema"], state["opt"]
    if mesh is not None:
        params, ema, opt = replicate((params, ema, opt), mesh)
    s, wall = int(state["step"]), float(state["wall"])
    stop = min(total, cfg.max_steps or total)
    base = jax.random.key(tc.seed + 1)

    def save(losses):
        history.append({"step": s, "epoch": s / spe, "loss": float(np.mean(losses)),
                        "wall_s": wall})
        if log_fn:
            log_fn(history[-1])
        atomic_write(ckpt, flax.serialization.to_bytes(to_host(
            {"params": params, "ema": ema, "opt": opt, "step": s,
             "history": json.dumps(history), "wall": wall})))

    t0, losses = time.time(), []
    while s < stop:
        epoch, i = divmod(s, spe)
        order = np.random.default_rng(tc.seed * 100_003 + epoch).permutation(len(x_all))
        idx = order[i * tc.batch_size:(i + 1) * tc.batch_size]
        batch = (x_all[idx], y_all[idx])
        if mesh is not None:
            batch = shard_leading(batch, mesh)
        params, ema, opt, loss = step_fn(params, ema, opt, jax.random.fold_in(base, s),
                                         *batch)
        losses.append(loss)
        s += 1
        if s % cfg.ckpt_every == 0 or s % spe == 0 or s == stop:
            wall += time.time() - t0
            t0 = time.time()
            save(jax.device_get(losses))
            losses = []
            if progress:
                print(f"step {s}/{stop} (epoch {s / spe:.2f}) loss "
                      f"{history[-1]['loss']:.4f} {wall:.0f} s", flush=True)
    variables = {"params": to_host(ema)}
    meta = {**key, "history": history, "train_wall_s": wall, "steps": s,
            "complete": s >= total,
            "params": int(sum(x.size for x in jax.tree.leaves(ema)))}
    if s >= total:
        save_variables(final, variables)
        atomic_write(meta_f, json.dumps(meta, indent=2))
    return variables, meta
