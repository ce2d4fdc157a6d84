"""Baselines for Evol-Q's block search: gradient descent (STE) and random search.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814) argues that
evolution beats gradient descent on the quantization scales (its Table 7: SGD, Adam,
AdamW on the same block objective) because the loss is jagged in the scales (its
Fig. 1 / §3). This module gives the two comparison points of that argument, with
the same interface and forward-pass budget as one tournament block visit
(:func:`jaxeff.search.strategy.search_block`: ``1 + C`` fitness evaluations):

* :func:`gradient_search_block`: Adam on the scales with the LSQ straight-through
  gradient (Esser et al., arXiv 1902.08153, Eq. 3; :func:`jaxeff.ops.quant.fake_quant`
  ``lsq=True``), ``steps`` updates, every visited point evaluated, the best kept
  (elitist, as the tournament). The model must carry LSQ gradients:
  :func:`lsq_model` clones a quantized model so (forward values unchanged).
* :func:`random_search_block`: ``samples`` independent candidates
  ``|x0 + u|``, ``u_j ~ U(-eps, eps)`` (the tournament's mutation, without
  selection or chaining), the best kept.

Both return ``(best_x [d], F0 [], best_F [], evaluations)`` like ``search_block``;
``evaluations`` counts forward passes of the fitness (the gradient method also runs
``steps`` backward passes, not counted).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

import flax.linen as nn
import jax
import jax.numpy as jnp
import optax

from jaxeff.nets.layers import Factory
from jaxeff.search.strategy import keep_best
from jaxeff.types import Key

__all__ = ["BASELINE_ALGOS", "gradient_search_block", "lsq_model",
           "random_search_block", "search_block_baseline"]

#: algorithm names accepted by :func:`search_block_baseline` (and ``EvolQConfig.algo``)
BASELINE_ALGOS = ("adam", "random")


def _check(x0: jax.Array, n: int, name: str, eps: float) -> int:
    d = int(jnp.size(x0))
    if jnp.ndim(x0) != 1 or d == 0:
        raise ValueError(f"x0 must be a non-empty flat vector [d], got shape "
                         f"{jnp.shape(x0)}")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{name} must be an int >= 1, got {n!r}")
    if not (isinstance(eps, (int, float)) and eps >= 0 and eps < float("inf")):
        raise ValueError(f"eps must be a finite float >= 0, got {eps!r}")
    return d


def gradient_search_block(key: Key, fitness: Callable[[jax.Array], jax.Array],
                          x0: jax.Array, *, steps: int, lr: float,
                          lr_relative: bool = False
                          ) -> tuple[jax.Array, jax.Array, jax.Array, int]:
    """Adam with the LSQ straight-through gradient on one block's scales.

    Table 7 of arXiv 2308.10814 (gradient optimizers on the block objective). Points
    ``x_0 = x0, x_1, ..., x_steps``; ``x_{t+1} = x_t + Adam(grad F(x_t))`` (optax
    ``adam(lr)``, per coordinate ``lr * |x0_j|`` if ``lr_relative``); every point
    is evaluated and the lowest ``F`` kept (strict ``<``, so ``best_F <= F0``).

    Args:
      key: unused (the method is deterministic); kept for the common interface.
      fitness: ``[P, d] -> [P]`` differentiable in ``x`` (scores ``|x|``); for a
        quantized model this needs LSQ scale gradients (:func:`lsq_model`).
      x0: ``[d]`` float32 start.
      steps: Adam updates ``C``; ``1 + steps`` forward passes in all.
      lr: Adam learning rate (> 0).

    Returns:
      ``(best_x [d], F0 [], best_F [], 1 + steps)``.

    Raises:
      ValueError naming the argument (``x0``, ``steps``, ``lr``), or if the gradient
      at ``x0`` is identically zero (a model without LSQ scale gradients).
    """
    del key
    _check(x0, steps, "steps", 0.0)
    if not (isinstance(lr, (int, float)) and 0 < lr < float("inf")):
        raise ValueError(f"lr must be a finite float > 0, got {lr!r}")
    x0 = jnp.asarray(x0, jnp.float32)
    rate = lr * jnp.abs(x0) if lr_relative else jnp.float32(lr)
    tx = optax.chain(optax.scale_by_adam(), optax.scale(-1.0))
    value_grad = jax.value_and_grad(lambda x: fitness(x[None])[0])
    f0, g = value_grad(x0)
    if not bool(jnp.any(g != 0)):
        raise ValueError(
            "the fitness gradient w.r.t. the scales is identically zero at x0: the "
            "model's quantizers give no scale gradient; build it with "
            "jaxeff.search.baselines.lsq_model(qmodel)")
    best_x, best_f = x0, f0
    opt = tx.init(x0)
    x = x0
    for t in range(steps):
        g = jnp.where(jnp.isfinite(g), g, 0.0)
        upd, opt = tx.update(g, opt)
        x = x + rate * upd
        if t + 1 < steps:
            f, g = value_grad(x)
        else:
            f = fitness(x[None])[0]
        best_x, best_f = keep_best(x[None], f[None], best_x, best_f)
    return best_x, f0, best_f, 1 + steps


def random_search_block(key: Key, fitness: Callable[[jax.Array], jax.Array],
                        x0: jax.Array, *, samples: int, eps: float,
                        eps_relative: bool = False
                        ) -> tuple[jax.Array, jax.Array, jax.Array, int]:
    """Pure random search around ``x0``: the tournament's mutation without selection.

    ``samples`` candidates ``|x0 + u_i|``, ``u_ij ~ U(-eps, eps)`` i.i.d. (times
    ``|x0_j|`` if ``eps_relative``), scored in one vmapped call; the lowest ``F``
    replaces ``x0`` only if strictly below ``F0`` (arXiv 2308.10814 baseline for its
    evolution-vs-gradient argument, spec ``evolq.md`` §2 "Budget").

    Args:
      key: PRNG key of the perturbations.
      fitness: ``[P, d] -> [P]``.
      x0: ``[d]`` float32 start.
      samples: candidates ``C``; ``1 + samples`` forward passes in all.
      eps: half-width (>= 0).

    Returns:
      ``(best_x [d], F0 [], best_F [], 1 + samples)``.
    """
    d = _check(x0, samples, "samples", eps)
    x0 = jnp.asarray(x0, jnp.float32)
    f0 = fitness(x0[None])[0]
    width = eps * jnp.abs(x0) if eps_relative else jnp.float32(eps)
    u = jax.random.uniform(key, (samples, d), minval=-1.0, maxval=1.0) * width
    x = jnp.abs(x0 + u)
    best_x, best_f = keep_best(x, fitness(x), x0, f0)
    return best_x, f0, best_f, 1 + samples


def search_block_baseline(key: Key, fitness: Callable[[jax.Array], jax.Array],
                          x0: jax.Array, *, algo: str, budget: int, eps: float,
                          eps_relative: bool = False
                          ) -> tuple[jax.Array, jax.Array, jax.Array, int]:
    """One block visit by baseline ``algo`` at ``1 + budget`` forward passes.

    ``"adam"``: :func:`gradient_search_block` with ``lr = eps`` (the tournament's
    mutation half-width, so both move a scale by about ``eps`` per step);
    ``"random"``: :func:`random_search_block` with the same ``eps``.
    """
    if algo == "adam":
        return gradient_search_block(key, fitness, x0, steps=budget, lr=eps,
                                     lr_relative=eps_relative)
    if algo == "random":
        return random_search_block(key, fitness, x0, samples=budget, eps=eps,
                                   eps_relative=eps_relative)
    raise ValueError(f"unknown baseline algo {algo!r}; choose from {BASELINE_ALGOS}")


def lsq_model(qmodel: nn.Module) -> nn.Module:
    """``qmodel`` whose weight quantizers pass the LSQ gradient to their scales.

    Forward values are bit-identical (only the backward pass changes: the scale
    gradient ``round(x/s) - x/s`` inside the range, arXiv 1902.08153 Eq. 3). For a
    model from :func:`jaxeff.ptq.quantize_model` (ViT, ResNet: ``dense`` / ``conv`` /
    ``act_quant`` factories bound to a ``QuantConfig``).
    """
    fields = {}
    for name in ("dense", "conv", "act_quant"):
        fac = getattr(qmodel, name, None)
        cfg = getattr(fac, "keywords", {}).get("config") if isinstance(
            fac, partial) else None
        if cfg is None:
            continue
        rules = tuple(dataclasses.replace(
            r, config=None if r.config is None else dataclasses.replace(r.config,
                                                                        lsq=True))
            for r in cfg.rules)
        fields[name] = Factory(fac.func, *fac.args, **{
            **fac.keywords, "config": dataclasses.replace(cfg, rules=rules)})
    if not fields:
        raise TypeError(f"{type(qmodel).__name__} is not a quantized model with "
                        "QuantConfig factories (build it with jaxeff.ptq.quantize_model "
                        "or fq_vit)")
    return qmodel.clone(**fields)
