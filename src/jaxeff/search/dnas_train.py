"""MicroNets DNAS search loop and the from-scratch training of extracted networks.

"MicroNets" (Banbury et al., arXiv 2010.11267, Sec. 4.1 / 5.2): the supernet's
weights (SGD, cosine schedule, weight decay) and the architecture logits (Adam)
are updated on alternate training batches; the loss is cross-entropy plus the
budget penalty of :func:`jaxeff.search.dnas.budget_penalty` at the expected costs
of the current Gumbel sample. The Gumbel temperature follows FBNetV2's schedule
``tau = tau0 * decay^epoch`` (arXiv 2004.05565; spec ``micronets_ran.md`` A2:
5 * 0.956^epoch). An optional first ``warmup_epochs`` train only the weights
([Choice], as FBNet does). The argmax architecture is then trained from scratch
with :func:`train_classifier`.

Inputs are arrays ``x`` [N, ...] and int labels ``y`` [N]; ``prep(x, key, train)``
turns a batch into the network input inside the jitted step (for FSDD: random
time shift of the waveform, MFCC, standardization).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxeff.search.dnas import (
    Arch,
    SearchSpace,
    SuperMicroNet,
    budget_penalty,
    expected_costs,
    init_arch,
    sample_arch,
)

log = logging.getLogger(__name__)

__all__ = ["DNASConfig", "TrainConfig", "accuracy", "search", "train_classifier"]

Prep = Callable[[jax.Array, jax.Array, bool], jax.Array]


def _identity(x: jax.Array, key: jax.Array, train: bool) -> jax.Array:
    return x


@dataclasses.dataclass(frozen=True, kw_only=True)
class TrainConfig:
    """SGD (momentum 0.9) with cosine decay to ``lr * final_lr_ratio``, decoupled
    weight decay on kernels, batch size, epochs, seed (paper Sec. 5.2 recipe shape)."""

    epochs: int = 30
    batch_size: int = 64
    lr: float = 0.05
    final_lr_ratio: float = 1e-3
    weight_decay: float = 1e-3
    seed: int = 0

    def __post_init__(self):
        if self.epochs < 1 or self.batch_size < 1 or self.lr <= 0:
            raise ValueError(f"bad training config: {self}")


@dataclasses.dataclass(frozen=True, kw_only=True)
class DNASConfig(TrainConfig):
    """:class:`TrainConfig` for the weights plus the architecture optimizer.

    ``budgets``: ``(("ops", 16.4e6), ("wm", 51_660), ...)``; ``penalty``: the
    weight of the budget term; ``target_costs``: budgeted costs penalized two-sided
    (``|E/B - 1|``, pulled to the budget; see :func:`~jaxeff.search.dnas.
    budget_penalty`), the others by the hinge; ``arch_lr``: Adam on the logits;
    ``tau0``, ``tau_decay``: Gumbel temperature ``tau0 * tau_decay^epoch``;
    ``warmup_epochs``: weights only.
    """

    budgets: tuple[tuple[str, float], ...] = ()
    target_costs: tuple[str, ...] = ()
    penalty: float = 1.0
    arch_lr: float = 3e-3
    tau0: float = 5.0
    tau_decay: float = 0.956
    warmup_epochs: int = 0

    def __post_init__(self):
        super().__post_init__()
        names = {k for k, _ in self.budgets}
        if set(self.target_costs) - names:
            raise ValueError(f"target_costs {self.target_costs} must be budgeted costs "
                             f"({sorted(names)})")
        if not (self.tau0 > 0 and 0 < self.tau_decay <= 1):
            raise ValueError(f"need tau0 > 0 and 0 < tau_decay <= 1, got {self.tau0}, "
                             f"{self.tau_decay}")


def _sgd(cfg: TrainConfig, steps: int) -> optax.GradientTransformation:
    sched = optax.cosine_decay_schedule(cfg.lr, max(steps, 1), cfg.final_lr_ratio)
    return optax.chain(
        optax.add_decayed_weights(cfg.weight_decay,
                                  mask=lambda p: jax.tree.map(lambda a: a.ndim > 1, p)),
        optax.sgd(sched, momentum=0.9))


def _ce(logits: jax.Array, y: jax.Array) -> jax.Array:
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


def _batches(rng: np.random.Generator, n: int, bs: int):
    perm = rng.permutation(n)
    for i in range(n // bs):
        yield perm[i * bs:(i + 1) * bs]


def search(key: jax.Array, space: SearchSpace, x: np.ndarray, y: np.ndarray,
           cfg: DNASConfig, *, prep: Prep = _identity,
           callback: Callable[[dict[str, Any]], None] | None = None) -> tuple[
               Arch, Any, list[dict[str, Any]]]:
    """Run DNAS; returns (architecture logits, supernet variables, per-epoch history).

    Even batches update the weights, odd batches the logits (after the warm-up).
    History rows: epoch, tau, train loss/acc, and the expected costs under
    ``softmax(alpha)``.
    """
    if len(x) != len(y) or len(x) < 2 * cfg.batch_size:
        raise ValueError(f"x ({len(x)}) and y ({len(y)}) must match and hold at least "
                         f"two batches of {cfg.batch_size}")
    budgets = dict(cfg.budgets)
    model = SuperMicroNet(space)
    k_init, key = jax.random.split(key)
    arch = init_arch(space)
    x0 = prep(jnp.asarray(x[:2]), k_init, False)
    # jitted init: one compile instead of one per eager op and shape (5-10 s per
    # network on the shared CPU); the same variables bit for bit (checked, session 15)
    v = jax.jit(model.init)(k_init, x0, {k: jax.nn.softmax(a) for k, a in arch.items()})
    params, stats = v["params"], v["batch_stats"]
    steps = cfg.epochs * (len(x) // cfg.batch_size)
    tx, ax = _sgd(cfg, steps), optax.adam(cfg.arch_lr)
    opt, aopt = tx.init(params), ax.init(arch)

    def loss_fn(params, stats, arch, xb, yb, key, tau):
        k1, k2 = jax.random.split(key)
        w = sample_arch(k1, arch, tau)
        logits, upd = model.apply({"params": params, "batch_stats": stats},
                                  prep(xb, k2, True), w, train=True,
                                  mutable=["batch_stats"])
        ce = _ce(logits[0], yb)
        pen = (budget_penalty(expected_costs(space, w), budgets, target=cfg.target_costs)
               if budgets else 0.0)
        acc = jnp.mean(jnp.argmax(logits[0], -1) == yb)
        return ce + cfg.penalty * pen, (upd["batch_stats"], ce, acc)

    @jax.jit
    def w_step(params, stats, opt, arch, xb, yb, key, tau):
        (_, (stats, ce, acc)), g = jax.value_and_grad(loss_fn, has_aux=True)(
            params, stats, arch, xb, yb, key, tau)
        upd, opt = tx.update(g, opt, params)
        return optax.apply_updates(params, upd), stats, opt, {"ce": ce, "acc": acc}

    @jax.jit
    def a_step(params, stats, arch, aopt, xb, yb, key, tau):
        g = jax.grad(lambda a: loss_fn(params, stats, a, xb, yb, key, tau)[0])(arch)
        upd, aopt = ax.update(g, aopt, arch)
        return optax.apply_updates(arch, upd), aopt

    history = []
    for epoch in range(cfg.epochs):
        rng = np.random.default_rng(cfg.seed * 1_000_003 + epoch)
        tau = jnp.float32(cfg.tau0 * cfg.tau_decay ** epoch)
        ms = []
        for b, idx in enumerate(_batches(rng, len(x), cfg.batch_size)):
            key, sk = jax.random.split(key)
            xb, yb = jnp.asarray(x[idx]), jnp.asarray(y[idx])
            if b % 2 == 1 and epoch >= cfg.warmup_epochs:
                arch, aopt = a_step(params, stats, arch, aopt, xb, yb, sk, tau)
            else:
                params, stats, opt, m = w_step(params, stats, opt, arch, xb, yb, sk, tau)
                ms.append(m)
        ms = jax.device_get(ms)
        probs = {k: jax.nn.softmax(a) for k, a in arch.items()}
        rec = {"epoch": epoch + 1, "tau": float(tau),
               "train_ce": float(np.mean([m["ce"] for m in ms])),
               "train_acc": 100 * float(np.mean([m["acc"] for m in ms])),
               **{f"E_{k}": float(c) for k, c in expected_costs(space, probs).items()}}
        history.append(rec)
        log.info("dnas %s", rec)
        if callback:
            callback(rec)
    return arch, {"params": params, "batch_stats": stats}, history


def train_classifier(key: jax.Array, model: nn.Module, x: np.ndarray, y: np.ndarray,
                     cfg: TrainConfig, *, prep: Prep = _identity,
                     callback: Callable[[dict[str, Any]], None] | None = None) -> tuple[
                         Any, list[dict[str, Any]]]:
    """Train ``model`` (``(logits, aux) = model(x, train=...)``, BN in
    ``batch_stats``) from scratch; returns (variables, per-epoch history)."""
    if len(x) != len(y) or len(x) < cfg.batch_size:
        raise ValueError(f"x ({len(x)}) and y ({len(y)}) must match and hold at least "
                         f"one batch of {cfg.batch_size}")
    k_init, key = jax.random.split(key)
    v = jax.jit(model.init)(k_init, prep(jnp.asarray(x[:2]), k_init, False))
    params, stats = v["params"], v.get("batch_stats", {})
    tx = _sgd(cfg, cfg.epochs * (len(x) // cfg.batch_size))
    opt = tx.init(params)

    @jax.jit
    def step(params, stats, opt, xb, yb, key):
        def loss_fn(p):
            (logits, _), upd = model.apply({"params": p, "batch_stats": stats},
                                           prep(xb, key, True), train=True,
                                           mutable=["batch_stats"])
            return _ce(logits, yb), (upd.get("batch_stats", {}), logits)

        (loss, (stats, logits)), g = jax.value_and_grad(loss_fn, has_aux=True)(params)
        upd, opt = tx.update(g, opt, params)
        acc = jnp.mean(jnp.argmax(logits, -1) == yb)
        return optax.apply_updates(params, upd), stats, opt, {"ce": loss, "acc": acc}

    history = []
    for epoch in range(cfg.epochs):
        rng = np.random.default_rng(cfg.seed * 1_000_003 + epoch)
        ms = []
        for idx in _batches(rng, len(x), cfg.batch_size):
            key, sk = jax.random.split(key)
            params, stats, opt, m = step(params, stats, opt, jnp.asarray(x[idx]),
                                         jnp.asarray(y[idx]), sk)
            ms.append(m)
        ms = jax.device_get(ms)
        rec = {"epoch": epoch + 1, "train_ce": float(np.mean([m["ce"] for m in ms])),
               "train_acc": 100 * float(np.mean([m["acc"] for m in ms]))}
        history.append(rec)
        if callback:
            callback(rec)
    out = {"params": params}
    if stats:
        out["batch_stats"] = stats
    return out, history


@functools.lru_cache(maxsize=32)
def _eval_fn(model: nn.Module, prep: Prep) -> Callable[[Any, jax.Array], jax.Array]:
    # one jitted eval function per (model, prep), reused across calls (a new closure
    # per call recompiled it every time)
    return jax.jit(lambda v, xb: model.apply(v, prep(xb, jax.random.key(0), False))[0])


def accuracy(model: nn.Module, variables: Any, x: np.ndarray, y: np.ndarray, *,
             prep: Prep = _identity, batch_size: int = 500) -> float:
    """Top-1 accuracy in % of ``model`` (eval mode) over all of ``x``."""
    try:
        fn = _eval_fn(model, prep)
    except TypeError:  # an unhashable model or prep: no cache
        fn = _eval_fn.__wrapped__(model, prep)
    correct = 0
    for i in range(0, len(x), batch_size):
        logits = fn(variables, jnp.asarray(x[i:i + batch_size]))
        correct += int(jnp.sum(jnp.argmax(logits, -1) == jnp.asarray(y[i:i + batch_size])))
    return 100.0 * correct / len(x)
