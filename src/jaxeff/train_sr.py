"""Super-resolution training and evaluation: L1 on Y patches, AMSGrad, resume, cache.

Training loop of SESR (arXiv 2103.09404; ARM-software/sesr ``train.py``), spec
``sesr.md`` §2.4 / §5.4: random LR patches with flips/rotations
(:func:`jaxeff.data.sr.sample_patches`), L1 loss, Adam with AMSGrad. Our choices,
marked [U] in the docs: cosine decay of the learning rate (the official code keeps
it constant; ``schedule="constant"`` restores that) and a budget in steps, not
epochs. The patch stream of step ``t`` is seeded by ``(seed, t)``, so a run
interrupted and resumed from its checkpoint sees exactly the same data.

Budget selection on validation (``val_every > 0``): every ``val_every`` steps (and
at the last step) :func:`fit_sr` scores the current weights on held-out validation
pairs (:func:`make_validator`; e.g. T91 images left out of training by
:func:`jaxeff.data.sr.holdout_split`) and keeps a snapshot; :func:`select_checkpoint`
picks the step to use. Test sets never enter this choice.

Data parallel (issue 20): with a ``mesh`` the patch batch is split over its devices
and the variables and optimizer state are replicated, as in :mod:`jaxeff.train`;
checkpoints hold host arrays, so a run resumes on any device count.

Evaluation (spec §5.1): the network maps LR Y (rounded BT.601 Y of the uint8 LR,
/255) to HR Y; ``round(clip(255 y))`` is scored against the rounded Y of
modcrop(HR) with PSNR/SSIM and a ``scale``-pixel crop. For RGB output
(:func:`upscale_rgb`) Cb/Cr are upscaled by MATLAB bicubic.
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

from jaxeff.data.sr import (
    SRPairs,
    imresize,
    rgb_to_y,
    rgb_to_ycbcr,
    sample_patches,
    ycbcr_to_rgb,
)
from jaxeff.metrics import psnr, sr_scores, ssim
from jaxeff.parallel import (
    data_parallel_jit,
    mesh_size,
    replicate,
    shard_leading,
    to_host,
)
from jaxeff.report import RunDir, atomic_write
from jaxeff.train import save_variables
from jaxeff.types import Variables

log = logging.getLogger(__name__)

__all__ = ["SRTrainConfig", "evaluate_sr", "fit_sr", "make_sr_step", "make_validator",
           "select_checkpoint", "snapshot_path", "upscale_rgb", "upscale_y"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SRTrainConfig:
    """SR training hyper-parameters (spec §5.4 unless noted)."""

    steps: int = 12_000
    batch_size: int = 16
    lr_patch: int = 32
    lr: float = 5e-4
    schedule: str = "cosine"  # "cosine" [U] | "constant" (official code)
    seed: int = 0
    ckpt_every: int = 1000
    log_every: int = 500
    # score on validation + snapshot every val_every steps and at the end (0: never)
    val_every: int = 0

    def __post_init__(self) -> None:
        if self.schedule not in ("cosine", "constant"):
            raise ValueError(f"schedule must be 'cosine' or 'constant', got "
                             f"{self.schedule!r}")
        if self.steps < 1 or self.batch_size < 1 or self.lr_patch < 4 or self.lr <= 0:
            raise ValueError(f"bad SR training config: {self}")
        if self.val_every < 0:
            raise ValueError(f"val_every must be >= 0 (0 = no validation), got "
                             f"{self.val_every}")


def _optimizer(cfg: SRTrainConfig) -> optax.GradientTransformation:
    lr = (optax.cosine_decay_schedule(cfg.lr, cfg.steps) if cfg.schedule == "cosine"
          else cfg.lr)
    return optax.amsgrad(lr)


def make_sr_step(model: nn.Module, tx: optax.GradientTransformation, *,
                 mesh: Mesh | None = None) -> Callable:
    """Jitted ``(train_vars, fixed, opt_state, lr, hr) -> (train_vars, opt_state, m)``.

    ``train_vars`` holds the trained collections (``params``, and ``quant`` for
    QAT); ``fixed`` any other collections. Loss: mean |model(lr) - hr| (L1).
    ``mesh``: data parallel (``lr`` / ``hr`` split along axis 0, the rest
    replicated); ``None``: one device.
    """

    def loss_fn(tv, fixed, lr, hr):
        out, _ = model.apply({**tv, **fixed}, lr)
        return jnp.mean(jnp.abs(out - hr))

    def step(tv, fixed, opt_state, lr, hr):
        loss, grads = jax.value_and_grad(loss_fn)(tv, fixed, lr, hr)
        updates, opt_state = tx.update(grads, opt_state, tv)
        return optax.apply_updates(tv, updates), opt_state, {"loss": loss}

    return data_parallel_jit(step, mesh, batch_argnums=(3, 4), num_args=5)


def fit_sr(model: nn.Module, hr: list[np.ndarray], lr: list[np.ndarray],
           cfg: SRTrainConfig, workdir: str | pathlib.Path, *, scale: int,
           init: Variables | None = None, trained: tuple[str, ...] = ("params",),
           progress: bool = True, desc: str = "train",
           extra_config: dict[str, Any] | None = None,
           validate: Callable[[Variables], float] | None = None,
           mesh: Mesh | None = None) -> tuple[Variables, list[dict[str, Any]]]:
    """Train ``model`` on Y patch pairs; checkpoint every ``ckpt_every`` steps.

    Args:
      hr, lr: training Y images ``[sH, sW]`` / ``[H, W]`` float32 in [0, 1].
      init: starting variables (default: ``model.init`` with key ``seed``).
      trained: collections updated by the optimizer (e.g. ``("params", "quant")``).
      validate: variables -> validation score (higher is better, e.g.
        :func:`make_validator`); with ``cfg.val_every > 0`` it runs every
        ``val_every`` steps and at the last step, logs ``{"step", "val_psnr"}`` and
        saves the variables to :func:`snapshot_path` (``workdir/val/``).
      mesh: data-parallel training over its devices (``cfg.batch_size`` a multiple
        of their number); a checkpoint resumes on any device count.

    Returns:
      (variables at the last step, history): one ``loss`` record per ``log_every``
      steps and one ``val_psnr`` record per validation.
    """
    if cfg.val_every and validate is None:
        raise ValueError("cfg.val_every > 0 needs a validate function")
    if cfg.batch_size % mesh_size(mesh):
        raise ValueError(f"batch_size={cfg.batch_size} is not a multiple of the "
                         f"{mesh_size(mesh)} devices of the mesh")
    run = RunDir(workdir, {"train": cfg, "scale": scale, **(extra_config or {})})
    tx = _optimizer(cfg)
    if init is None:
        x0 = jnp.zeros((1, cfg.lr_patch, cfg.lr_patch, 1), jnp.float32)
        init = model.init(jax.random.key(cfg.seed), x0)
    init = dict(init)
    tv = {k: init[k] for k in trained}
    fixed = {k: v for k, v in init.items() if k not in trained}
    opt_state = tx.init(tv)
    ckpt = run.path / "checkpoint.msgpack"
    start, history = 0, []
    if ckpt.exists():
        target = {"tv": tv, "opt_state": opt_state, "step": 0, "history": "[]"}
        got = flax.serialization.from_bytes(target, ckpt.read_bytes())
        tv, opt_state, start = got["tv"], got["opt_state"], int(got["step"])
        history = json.loads(got["history"])
        log.info("resumed %s at step %d", ckpt, start)
    step = make_sr_step(model, tx, mesh=mesh)
    if mesh is not None:
        tv, fixed, opt_state = replicate((tv, fixed, opt_state), mesh)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=cfg.steps, initial=start, desc=desc, leave=False)
    t0, pending = time.time(), []
    for t in range(start, cfg.steps):
        rng = np.random.default_rng([cfg.seed, t])
        xb, yb = sample_patches(rng, hr, lr, cfg.batch_size, cfg.lr_patch, scale)
        if mesh is not None:
            xb, yb = shard_leading((xb, yb), mesh)
        tv, opt_state, m = step(tv, fixed, opt_state, xb, yb)
        pending.append(m["loss"])
        done = t + 1
        if done % cfg.log_every == 0 or done == cfg.steps:
            rec = {"step": done, "loss": float(np.mean(jax.device_get(pending))),
                   "elapsed_s": time.time() - t0}
            pending = []
            history.append(rec)
            run.log(**rec)
            if bar is not None:
                bar.set_postfix(loss=f"{rec['loss']:.4f}")
        if cfg.val_every and (done % cfg.val_every == 0 or done == cfg.steps):
            cur = {**fixed, **tv}
            rec = {"step": done, "val_psnr": float(validate(cur))}
            snap = snapshot_path(run.path, done)
            snap.parent.mkdir(exist_ok=True)
            save_variables(snap, cur)
            history = [h for h in history
                       if not ("val_psnr" in h and h["step"] == done)] + [rec]
            run.log(**rec)
            log.info("%s step %d: validation %.4f", desc, done, rec["val_psnr"])
        if (done % cfg.ckpt_every == 0 or done == cfg.steps
                or (cfg.val_every and done % cfg.val_every == 0)):
            blob = flax.serialization.to_bytes(to_host(
                {"tv": tv, "opt_state": opt_state, "step": done,
                 "history": json.dumps(history)}))
            atomic_write(ckpt, blob)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return {**fixed, **tv}, history


def snapshot_path(workdir: str | pathlib.Path, step: int) -> pathlib.Path:
    """Where :func:`fit_sr` keeps the variables validated at ``step``."""
    return pathlib.Path(workdir) / "val" / f"step_{step:08d}.msgpack"


def select_checkpoint(history: list[dict[str, Any]], tol_db: float = 0.0) -> int:
    """The step chosen on validation: the earliest step whose ``val_psnr`` is within
    ``tol_db`` of the best (``tol_db = 0``: the best; exact ties go to the earlier).

    ``history``: records of :func:`fit_sr`; only those with ``val_psnr`` count.
    """
    val = [(int(h["step"]), float(h["val_psnr"])) for h in history if "val_psnr" in h]
    if not val:
        raise ValueError("history has no validation records (was val_every 0?)")
    if not tol_db >= 0:
        raise ValueError(f"tol_db must be >= 0, got {tol_db!r}")
    best = max(p for _, p in val)
    return min(s for s, p in val if p >= best - tol_db)


def make_validator(model: nn.Module, pairs: SRPairs) -> Callable[[Variables], float]:
    """``variables -> mean Y-PSNR`` of ``model`` on ``pairs`` (as :func:`evaluate_sr`).

    The jitted apply takes the variables as an argument, so successive checkpoints
    reuse the compiled function (one compilation per image shape).
    """
    fwd = jax.jit(lambda v, x: model.apply(v, x)[0])

    def validate(variables: Variables) -> float:
        return evaluate_sr(lambda x: fwd(variables, x), pairs)["psnr"]

    return validate


def upscale_y(apply_fn: Callable[[jax.Array], jax.Array], y: np.ndarray) -> np.ndarray:
    """Network Y upscaling: ``y [H, W]`` on [0, 255] -> float64 ``[sH, sW]`` on
    [0, 255] (clipped, not rounded). ``apply_fn`` maps ``[1, H, W, 1]`` in [0, 1].

    ``y`` may be uint8 or float on the [0, 255] scale: it is converted explicitly
    to float32 and divided by 255 here (the networks themselves refuse integers).
    """
    y = np.asarray(y)
    if y.ndim != 2 or min(y.shape) < 1:
        raise ValueError(f"upscale_y: argument y must be a Y image [H, W], got shape "
                         f"{y.shape}")
    if not (y.dtype == np.uint8 or np.issubdtype(y.dtype, np.floating)):
        raise TypeError(f"upscale_y: argument y must be uint8 or float on [0, 255], "
                        f"got dtype {y.dtype}")
    x = jnp.asarray(np.asarray(y, np.float32)[None, :, :, None] / 255.0)
    out = np.asarray(apply_fn(x), np.float64)[0, :, :, 0]
    return np.clip(out * 255.0, 0.0, 255.0)


def upscale_rgb(apply_fn: Callable[[jax.Array], jax.Array] | None,
                lr: np.ndarray, scale: int) -> np.ndarray:
    """uint8 RGB (or gray) LR -> uint8 SR: Y by the network, Cb/Cr by MATLAB bicubic.

    ``lr``: uint8 ``[H, W, 3]`` or ``[H, W]`` on [0, 255] (what
    :func:`jaxeff.data.sr.read_image` returns); other dtypes are refused, since a
    float image on [0, 1] would be read as near-black. ``apply_fn=None`` gives
    bicubic on all channels (float, then rounded).
    """
    lr = np.asarray(lr)
    if lr.dtype != np.uint8:
        raise TypeError(f"upscale_rgb: argument lr must be a uint8 image on [0, 255] "
                        f"(as read from a file), got dtype {lr.dtype}")
    if not (lr.ndim == 2 or (lr.ndim == 3 and lr.shape[-1] == 3)) or min(lr.shape[:2]) < 1:
        raise ValueError(f"upscale_rgb: argument lr must be [H, W, 3] RGB or [H, W] "
                         f"gray, got shape {lr.shape}")
    if apply_fn is None:
        up = imresize(lr.astype(np.float64), float(scale))
        return np.clip(np.floor(up + 0.5), 0, 255).astype(np.uint8)
    if lr.ndim == 2:
        return np.floor(upscale_y(apply_fn, lr) + 0.5).astype(np.uint8)
    ycc = rgb_to_ycbcr(lr)
    y = upscale_y(apply_fn, np.floor(ycc[..., 0] + 0.5))
    cbcr = imresize(ycc[..., 1:], float(scale))
    rgb = ycbcr_to_rgb(np.concatenate([y[..., None], cbcr], axis=-1))
    return np.clip(np.floor(rgb + 0.5), 0, 255).astype(np.uint8)


def evaluate_sr(apply_fn: Callable[[jax.Array], jax.Array] | None, pairs: SRPairs,
                *, round_y: bool = True) -> dict[str, Any]:
    """Mean Y-PSNR / SSIM over ``pairs`` (spec §5.1); ``apply_fn=None``: bicubic.

    Network: input rounded LR Y / 255, output ``round(clip(255 y))`` (or float with
    ``round_y=False``). Bicubic: float MATLAB bicubic of the uint8 RGB LR, clipped,
    then Y (rounded unless ``round_y=False``).
    """
    s = pairs.scale
    ps, ss, per = [], [], {}
    for name, hr, lr in zip(pairs.names, pairs.hr, pairs.lr):
        if apply_fn is None:
            up = imresize(lr.astype(np.float64), float(s))
            p, q = sr_scores(up, hr, s, round_y=round_y)
        else:
            y = upscale_y(apply_fn, rgb_to_y(lr))
            y = np.floor(y + 0.5) if round_y else y
            ref = rgb_to_y(hr, round_y=round_y)
            p, q = psnr(y, ref, crop=s), ssim(y, ref, crop=s)
        ps.append(p)
        ss.append(q)
        per[name] = (p, q)
    return {"psnr": float(np.mean(ps)), "ssim": float(np.mean(ss)), "per_image": per}
