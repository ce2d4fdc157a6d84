"""Short CIFAR-10 training of RAN-e / ConvNeXt nets with a validation-selected checkpoint.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562), spec
``micronets_ran.md`` §B5 (CIFAR-10 experiments) and §B2 (the search's "short proxy
training on a validation split"). Not the paper's 350-epoch recipe: SGD (Nesterov)
with warm-up + cosine from :func:`jaxeff.train.make_optimizer`, the dataset's
augmentation, and the model's own BN momentum (the RAN modules take
``bn_momentum``; the spec's 0.99 suits ImageNet's ~1,600 steps per epoch, not a
few hundred steps in total, see docs/RESULTS.md "RANs (issue 19)").

:func:`train_select` evaluates the validation split after every epoch and keeps
the variables of the best epoch (ties: the earlier), so the test split is touched
once, by the caller, on the selected variables. Every epoch is checkpointed
(msgpack: params, model state, optimizer state, best variables, history); a rerun
resumes after the last finished epoch with the same data order.
"""

from __future__ import annotations

import json
import logging
import pathlib
import time
from typing import Any

import flax.linen as nn
import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.data.vision import VisionData, iterate_batches
from jaxeff.report import atomic_write
from jaxeff.train import (
    TrainConfig,
    augmentation,
    evaluate,
    make_optimizer,
    make_train_step,
)
from jaxeff.types import Variables

__all__ = ["train_select"]

log = logging.getLogger(__name__)


def train_select(model: nn.Module, data: VisionData, cfg: TrainConfig,
                 workdir: str | pathlib.Path, *, progress: bool = False,
                 ) -> tuple[Variables, list[dict[str, Any]]]:
    """Train ``model`` on ``data.train`` for ``cfg.epochs``; return the variables of
    the epoch with the best ``data.val`` top-1 and the per-epoch history (each
    record: epoch, train_loss, train_acc, val_top1, epoch_time_s; the selected one
    has ``"selected": True``). ``data.val`` must not be empty."""
    if len(data.val) == 0:
        raise ValueError("train_select needs a validation split (val_size > 0)")
    steps = len(data.train) // cfg.batch_size
    if steps == 0:
        raise ValueError(f"batch_size={cfg.batch_size} exceeds the {len(data.train)} "
                         "training examples")
    wd = pathlib.Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    tx = make_optimizer(cfg, steps)
    v0 = model.init(jax.random.key(cfg.seed), jnp.zeros((1, *data.image_shape)))
    params = v0["params"]
    state = {k: c for k, c in v0.items() if k != "params"}
    ck = {"params": params, "state": state, "opt_state": tx.init(params),
          "best": {"params": params, **state}, "epoch": 0, "history": "[]"}
    path = wd / "checkpoint.msgpack"
    if path.exists():
        ck = flax.serialization.from_bytes(ck, path.read_bytes())
        log.info("resumed %s at epoch %d", path, int(ck["epoch"]))
    history = json.loads(ck["history"])
    step = make_train_step(model, tx, data.num_classes, cfg.label_smoothing)
    eval_fn = jax.jit(lambda v, x: model.apply(v, x)[0])
    params, state, opt = ck["params"], ck["state"], ck["opt_state"]
    for epoch in range(int(ck["epoch"]), cfg.epochs):
        rng = np.random.default_rng(cfg.seed * 100_003 + epoch)
        t0, ms = time.time(), []
        batches = iterate_batches(data.train, cfg.batch_size, preprocess=data.preprocess,
                                  rng=rng, shuffle=True, drop_remainder=True,
                                  augment=augmentation(cfg, data))
        if progress:
            from tqdm.auto import tqdm

            batches = tqdm(batches, total=steps, leave=False,
                           desc=f"epoch {epoch + 1}/{cfg.epochs}")
        for b in batches:
            params, state, opt, m = step(params, state, opt, b)
            ms.append(m)
        ms = jax.device_get(ms)
        v = {"params": params, **state}
        rec = {"epoch": epoch + 1,
               "train_loss": float(np.mean([m["loss"] for m in ms])),
               "train_acc": 100 * float(np.mean([m["acc"] for m in ms])),
               "val_top1": evaluate(model, v, data.val, preprocess=data.preprocess,
                                    apply_fn=eval_fn),
               "epoch_time_s": time.time() - t0}
        if not history or rec["val_top1"] > max(h["val_top1"] for h in history):
            ck["best"] = v
        history.append(rec)
        log.info("epoch %s", rec)
        atomic_write(path, flax.serialization.to_bytes(jax.device_get(
            {"params": params, "state": state, "opt_state": opt, "best": ck["best"],
             "epoch": epoch + 1, "history": json.dumps(history)})))
    best = int(np.argmax([h["val_top1"] for h in history]))  # first max = earliest
    history[best]["selected"] = True
    return ck["best"], history
