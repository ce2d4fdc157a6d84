"""Optax training loop for classifiers: jitted steps, checkpoint/resume, cache.

Not a paper method: the "train -> evaluate" stage of the pipeline. SGD (Nesterov)
or AdamW with linear warm-up + cosine decay (Loshchilov & Hutter, arXiv 1608.03983),
decoupled weight decay on kernels only, label smoothing (Szegedy et al., arXiv
1512.00567). Checkpoints after every epoch; an interrupted run resumes from the
last finished epoch with the same data order (the epoch's shuffle is seeded by
``seed + epoch``). The cache of trained float models is :mod:`jaxeff.zoo`.

Data parallel (issue 20): given a mesh (:func:`jaxeff.parallel.make_mesh`), each
batch is split over its devices and the parameters, model state and optimizer
state are replicated (:func:`jaxeff.parallel.data_parallel_jit`); the step is the
one-device step of the global batch (BatchNorm statistics included) up to float
summation order. Checkpoints hold host NumPy arrays
(:func:`jaxeff.parallel.to_host`), so a run resumes on any device count.
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
import optax
from jax.sharding import Mesh

from jaxeff.data.vision import Augment, Split, VisionData, iterate_batches
from jaxeff.metrics import top1_correct
from jaxeff.parallel import (
    data_parallel_jit,
    mesh_size,
    replicate,
    shard_leading,
    to_host,
)
from jaxeff.report import RunDir, atomic_write
from jaxeff.types import Variables

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, kw_only=True)
class TrainConfig:
    """Training hyper-parameters (all overridable from experiment flags).

    ``augment``: ``True`` applies the dataset's own augmentation
    (:attr:`VisionData.augment`: flips + pad-crop for CIFAR-10, none for digits),
    ``False`` none, an :class:`~jaxeff.data.vision.Augment` that one instead.
    """

    epochs: int = 30
    batch_size: int = 128
    optimizer: str = "sgd"  # "sgd" (Nesterov momentum) | "adamw"
    lr: float = 0.1
    momentum: float = 0.9
    weight_decay: float = 5e-4
    warmup_epochs: float = 1.0
    label_smoothing: float = 0.0
    grad_clip: float | None = None
    augment: bool | Augment = True
    seed: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.augment, bool | Augment):
            raise ValueError(f"augment must be a bool or an Augment, got {self.augment!r}")
        if self.optimizer not in ("sgd", "adamw"):
            raise ValueError(f"optimizer must be 'sgd' or 'adamw', got {self.optimizer!r}")
        if self.epochs < 1 or self.batch_size < 1 or self.lr <= 0:
            raise ValueError(f"bad training config: {self}")


def augmentation(cfg: TrainConfig, data: VisionData) -> Augment:
    """The augmentation ``cfg`` applies to ``data``'s training images."""
    if isinstance(cfg.augment, Augment):
        return cfg.augment
    return data.augment if cfg.augment else Augment()


def make_optimizer(cfg: TrainConfig, steps_per_epoch: int) -> optax.GradientTransformation:
    """Warm-up + cosine schedule, kernel-only decoupled weight decay."""
    total = cfg.epochs * steps_per_epoch
    warm = min(int(cfg.warmup_epochs * steps_per_epoch), total - 1)
    sched = optax.warmup_cosine_decay_schedule(0.0, cfg.lr, max(warm, 1), total, 0.0)

    def decay_mask(params: Any) -> Any:
        return jax.tree.map(lambda p: p.ndim > 1, params)

    if cfg.optimizer == "sgd":
        tx = optax.chain(
            optax.add_decayed_weights(cfg.weight_decay, mask=decay_mask),
            optax.sgd(sched, momentum=cfg.momentum, nesterov=True),
        )
    else:
        tx = optax.adamw(sched, weight_decay=cfg.weight_decay, mask=decay_mask)
    if cfg.grad_clip:
        tx = optax.chain(optax.clip_by_global_norm(cfg.grad_clip), tx)
    return tx


def _split_vars(variables: Variables) -> tuple[Any, dict[str, Any]]:
    rest = {k: v for k, v in variables.items() if k != "params"}
    return variables["params"], rest


def make_train_step(model: nn.Module, tx: optax.GradientTransformation,
                    num_classes: int, label_smoothing: float, *,
                    mesh: Mesh | None = None) -> Callable:
    """Jitted ``(params, state, opt_state, batch) -> (params, state, opt_state, metrics)``.

    ``mesh``: data parallel over its devices (``batch`` split along axis 0, the
    rest replicated); ``None``: one device.
    """

    def loss_fn(params, state, batch):
        mutable = ["batch_stats"] if "batch_stats" in state else []
        out, new_state = model.apply(
            {"params": params, **state}, batch["image"], train=True, mutable=mutable
        )
        logits = out[0]
        onehot = optax.smooth_labels(
            jax.nn.one_hot(batch["label"], num_classes), label_smoothing
        )
        loss = optax.softmax_cross_entropy(logits, onehot).mean()
        return loss, (dict(new_state), logits)

    def step(params, state, opt_state, batch):
        (loss, (new_state, logits)), grads = jax.value_and_grad(loss_fn, has_aux=True)(
            params, state, batch
        )
        updates, opt_state = tx.update(grads, opt_state, params)
        params = optax.apply_updates(params, updates)
        state = {**state, **new_state}
        acc = jnp.mean(jnp.argmax(logits, -1) == batch["label"])
        return params, state, opt_state, {"loss": loss, "acc": acc}

    return data_parallel_jit(step, mesh, batch_argnums=(3,), num_args=4)


def evaluate(model: nn.Module, variables: Variables, split: Split | VisionData, *,
             mean=None, std=None,
             preprocess: Callable[[np.ndarray], Any] | None = None,
             batch_size: int = 500, apply_fn: Callable | None = None) -> float:
    """Top-1 accuracy (in %) of ``model`` on ``split``; covers every example.

    ``split``: a :class:`Split` (uint8 ``[N, H, W, C]`` images, int32 labels) or a
    :class:`VisionData`, meaning its test split. Each batch of images is turned into
    the model's input by ``preprocess`` (uint8 ``[B, H, W, C]`` -> float32, e.g.
    :func:`jaxeff.data.vision.raw_pixels` for a model trained on 0..255 pixels), or
    by :func:`~jaxeff.data.vision.normalize` with ``mean``/``std``; given a
    ``VisionData`` and neither, the dataset's own preprocessing
    (:meth:`VisionData.preprocess`). ``apply_fn(variables, x) -> logits [B, classes]``
    replaces ``model.apply(variables, x)[0]``.
    """
    if isinstance(split, VisionData):
        if preprocess is None and mean is None and std is None:
            preprocess = split.preprocess
        split = split.test
    if len(split) == 0:
        raise ValueError("cannot evaluate on an empty split")
    fn = apply_fn or jax.jit(lambda v, x: model.apply(v, x)[0])
    correct = 0
    for b in iterate_batches(split, batch_size, mean=mean, std=std,
                             preprocess=preprocess, shuffle=False,
                             drop_remainder=False):
        correct += int(top1_correct(fn(variables, b["image"]), b["label"]))
    return 100.0 * correct / len(split)


def fit(model: nn.Module, data: VisionData, cfg: TrainConfig, workdir: str | pathlib.Path,
        *, progress: bool = True, extra_config: dict[str, Any] | None = None,
        mesh: Mesh | None = None) -> tuple[Variables, list[dict[str, Any]]]:
    """Train ``model`` on ``data.train``; evaluate on ``data.val`` every epoch.

    Checkpoints ``workdir/checkpoint.msgpack`` after every epoch and resumes from
    it, on any device count. ``mesh``: data-parallel training over its devices
    (``cfg.batch_size`` must be a multiple of their number); the device count is
    not part of the run's configuration. Returns the final variables and the
    per-epoch history.
    """
    n_dev = mesh_size(mesh)
    if cfg.batch_size % n_dev:
        raise ValueError(f"batch_size={cfg.batch_size} is not a multiple of the {n_dev} "
                         "devices of the mesh (data-parallel batches are split evenly)")
    run = RunDir(workdir, {"train": cfg, **(extra_config or {})})
    steps_per_epoch = len(data.train) // cfg.batch_size
    if steps_per_epoch == 0:
        raise ValueError(
            f"batch_size={cfg.batch_size} exceeds the {len(data.train)} training examples"
        )
    tx = make_optimizer(cfg, steps_per_epoch)
    x0 = jnp.zeros((1, *data.image_shape), jnp.float32)
    variables = model.init(jax.random.key(cfg.seed), x0)
    params, state = _split_vars(dict(variables))
    opt_state = tx.init(params)
    ckpt = run.path / "checkpoint.msgpack"
    start_epoch, history = 0, []
    if ckpt.exists():
        target = {"params": params, "state": state, "opt_state": opt_state,
                  "epoch": 0, "history": "[]"}
        restored = flax.serialization.from_bytes(target, ckpt.read_bytes())
        params, state, opt_state = restored["params"], restored["state"], restored["opt_state"]
        start_epoch = int(restored["epoch"])
        history = json.loads(restored["history"])
        log.info("resumed %s at epoch %d", ckpt, start_epoch)
    step = make_train_step(model, tx, data.num_classes, cfg.label_smoothing, mesh=mesh)
    if mesh is not None:
        params, state, opt_state = replicate((params, state, opt_state), mesh)
    eval_fn = jax.jit(lambda v, x: model.apply(v, x)[0])
    for epoch in range(start_epoch, cfg.epochs):
        rng = np.random.default_rng(cfg.seed * 100_003 + epoch)
        t0, sums, n = time.time(), {"loss": 0.0, "acc": 0.0}, 0
        batches = iterate_batches(data.train, cfg.batch_size,
                                  preprocess=data.preprocess, rng=rng, shuffle=True,
                                  drop_remainder=True,
                                  augment=augmentation(cfg, data))
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=steps_per_epoch, leave=False,
                           desc=f"epoch {epoch + 1}/{cfg.epochs}")
        pending = []
        for batch in batches:
            if mesh is not None:
                batch = shard_leading(batch, mesh)
            params, state, opt_state, m = step(params, state, opt_state, batch)
            pending.append(m)
        for m in jax.device_get(pending):
            sums = {k: sums[k] + float(m[k]) for k in sums}
            n += 1
        rec = {"epoch": epoch + 1, "train_loss": sums["loss"] / n,
               "train_acc": 100 * sums["acc"] / n, "epoch_time_s": time.time() - t0}
        if len(data.val):
            rec["val_top1"] = evaluate(model, {"params": params, **state}, data.val,
                                       preprocess=data.preprocess, apply_fn=eval_fn)
        history.append(rec)
        run.log(**rec)
        log.info("epoch %s", rec)
        blob = flax.serialization.to_bytes(to_host(
            {"params": params, "state": state, "opt_state": opt_state,
             "epoch": epoch + 1, "history": json.dumps(history)}))
        atomic_write(ckpt, blob)
    return {"params": params, **state}, history


def save_variables(path: str | pathlib.Path, variables: Variables) -> None:
    atomic_write(path, flax.serialization.msgpack_serialize(
        jax.tree.map(np.asarray, to_host(variables))))


def load_variables(path: str | pathlib.Path) -> Variables:
    path = pathlib.Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no saved variables at {path}")
    try:
        out = flax.serialization.msgpack_restore(path.read_bytes())
    except Exception as e:  # msgpack raises various types on corruption
        raise ValueError(f"corrupt variables file {path}: {e}") from e
    if not isinstance(out, dict) or "params" not in out:
        raise ValueError(f"{path} is not a saved variables dict (no 'params' entry)")
    return out
