"""L-inf adversarial attacks: FGSM and PGD with random start; BPDA composition.

FGSM: Goodfellow et al., "Explaining and Harnessing Adversarial Examples" (arXiv
1412.6572); PGD: Madry et al., "Towards Deep Learning Models Resistant to
Adversarial Attacks" (arXiv 1706.06083); BPDA: Athalye et al., "Obfuscated Gradients
Give a False Sense of Security" (arXiv 1802.00420). Spec ``sesr.md`` §3.3::

    FGSM: x' = clip(x + eps sign(grad_x L(f(x), y)), 0, 1)
    PGD:  x_0 = clip(x + U(-eps, eps), 0, 1)
          x_{t+1} = Pi(x_t + alpha sign(grad_x L(f(x_t), y))),  Pi = clip to
          [x - eps, x + eps] and [0, 1]

Pixels in [0, 1], untargeted, cross-entropy. ``loss_fn(x, y) -> scalar`` is the
attacked loss: the classifier alone (gray-box: the defence is unseen), ``f(D(x))``
(full gradient through a differentiable defence), or :func:`bpda` (forward through
D, backward as identity); :func:`pipeline_loss` builds each of them.

Adaptive attacks on a differentiable defence (Athalye et al.; Tramer et al., "On
Adaptive Attacks to Adversarial Example Defenses", arXiv 2002.08347): when every part
of ``f(D(x))`` is differentiable, the standard adaptive attack uses the exact
gradient ``grad_x L(f(D(x)), y)`` (``mode="full"``); BPDA is for non-differentiable
D. Expectation over transformation (EOT) is needed only for a randomized D.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp
import optax

__all__ = ["ATTACK_MODES", "bpda", "cross_entropy_loss", "fgsm", "pgd", "pipeline_loss"]

LossFn = Callable[[jax.Array, jax.Array], jax.Array]


def cross_entropy_loss(logits_fn: Callable[[jax.Array], jax.Array]) -> LossFn:
    """``(x, y) -> sum CE(logits_fn(x), y)`` (sum, so per-example grads are unscaled)."""
    def loss(x, y):
        return optax.softmax_cross_entropy_with_integer_labels(logits_fn(x), y).sum()
    return loss


def bpda(defence: Callable[[jax.Array], jax.Array]) -> Callable[[jax.Array], jax.Array]:
    """Straight-through D: forward ``D(x)``, gradient as if ``D`` were the identity."""
    def d(x):
        return x + jax.lax.stop_gradient(defence(x) - x)
    return d


#: gradient the attacker uses: f(D(x)) exactly, f(bpda(D)(x)), or f(x) (gray-box)
ATTACK_MODES = ("full", "bpda", "gray")


def pipeline_loss(logits_fn: Callable[[jax.Array], jax.Array],
                  defence: Callable[[jax.Array], jax.Array] | None, mode: str = "full"
                  ) -> LossFn:
    """Cross-entropy of the defended classifier ``f(D(x))`` as the attacker sees it.

    ``mode``: ``"full"`` (default): the exact gradient through D and f (adaptive,
    for a differentiable D); ``"bpda"``: forward D, backward identity
    (:func:`bpda`); ``"gray"``: f alone (the defence unseen). ``defence=None``: no
    defence (every mode is f alone).
    """
    if mode not in ATTACK_MODES:
        raise ValueError(f"mode must be one of {ATTACK_MODES}, got {mode!r}")
    if defence is None or mode == "gray":
        return cross_entropy_loss(logits_fn)
    d = bpda(defence) if mode == "bpda" else defence
    return cross_entropy_loss(lambda x: logits_fn(d(x)))


def _check(x: jax.Array, eps: float) -> None:
    if isinstance(eps, int | float) and not 0.0 <= eps <= 1.0:
        raise ValueError(f"eps must lie in [0, 1] (pixels in [0, 1]), got {eps}")
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"x must be a float image batch in [0, 1], got {x.dtype}")


def fgsm(loss_fn: LossFn, x: jax.Array, y: jax.Array, eps: float) -> jax.Array:
    """One signed-gradient step of size ``eps``; ``x [N, H, W, C]`` in [0, 1]."""
    _check(x, eps)
    g = jax.grad(loss_fn)(x, y)
    return jnp.clip(x + eps * jnp.sign(g), 0.0, 1.0)


def pgd(key: jax.Array, loss_fn: LossFn, x: jax.Array, y: jax.Array, eps: float, *,
        steps: int = 10, alpha: float | None = None) -> jax.Array:
    """PGD-``steps`` with a uniform random start; ``alpha`` defaults to ``eps / 4``."""
    _check(x, eps)
    if steps < 1:
        raise ValueError(f"steps must be >= 1, got {steps}")
    alpha = eps / 4 if alpha is None else alpha
    lo, hi = jnp.clip(x - eps, 0.0, 1.0), jnp.clip(x + eps, 0.0, 1.0)
    x0 = jnp.clip(x + jax.random.uniform(key, x.shape, x.dtype, -eps, eps), 0.0, 1.0)
    grad = jax.grad(loss_fn)

    def body(_, xt):
        return jnp.clip(xt + alpha * jnp.sign(grad(xt, y)), lo, hi)

    return jax.lax.fori_loop(0, steps, body, x0)
