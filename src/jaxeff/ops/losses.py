"""Output-matching losses for post-training quantization search, and SQNR.

Fitness functions of Evol-Q ("Jumping through Local Minima: Quantization in the
Loss Landscape of Vision Transformers", Frumkin et al., arXiv 2308.10814; spec
``evolq.md`` §2 "Fitness"), comparing the quantized model's outputs ``zq`` with the
float targets ``zf``, both ``[N, C] float32`` (one row per image):

* :func:`info_nce`, the contrastive loss of the official code (``utils.py``
  ``contrastive_loss``), written after MoCo v3 ("An Empirical Study of Training
  Self-Supervised Vision Transformers", Chen et al., arXiv 2104.02057, Alg. 1):
  ``q_n = zq_n/|zq_n|``, ``k_n = zf_n/|zf_n|``,
  ``L = 2T * (1/N) sum_n -log( exp(q_n.k_n/T) / sum_m exp(q_n.k_m/T) )``,
  one direction (quantized -> target), in-batch negatives, the ``2T`` factor of
  MoCo v3's code;
* the ablation losses of the paper's Fig. 6 (undefined in the released code; ours):
  ``mse = mean((zq - zf)^2)``, ``cosine = 1 - mean_n cos(zq_n, zf_n)``,
  ``kl = mean_n KL(softmax zf_n || softmax zq_n)``;
* :func:`sqnr_db`, the signal-to-quantization-noise ratio.

All are pure, jittable and vmappable; every loss returns a float32 scalar.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

__all__ = ["LOSSES", "cosine", "info_nce", "kl", "mse", "sqnr_db"]

_NORM_EPS = 1e-12  # torch.nn.functional.normalize's eps, as MoCo v3


def _check_pair(zq: jax.Array, zf: jax.Array, name: str) -> tuple[jax.Array, jax.Array]:
    zq, zf = jnp.asarray(zq), jnp.asarray(zf)
    if zq.ndim != 2 or zq.shape != zf.shape:
        raise ValueError(
            f"{name} needs zq and zf of the same shape [N, C], got {zq.shape} and "
            f"{zf.shape}"
        )
    ct = jnp.promote_types(jnp.result_type(zq, zf), jnp.float32)
    return zq.astype(ct), zf.astype(ct)


def _normalize(z: jax.Array) -> jax.Array:
    n = jnp.linalg.norm(z, axis=-1, keepdims=True)
    return z / jnp.maximum(n, _NORM_EPS)


def info_nce(zq: jax.Array, zf: jax.Array, temperature: float = 3.0) -> jax.Array:
    """MoCo-v3 infoNCE of quantized outputs against float targets (Evol-Q fitness).

    Args:
      zq: ``[N, C]`` quantized model outputs (queries).
      zf: ``[N, C]`` float targets (keys); row ``n`` is the positive of ``zq[n]``,
        the other ``N - 1`` rows are its negatives.
      temperature: ``T`` (3.0 in the official Evol-Q code).

    Returns:
      ``2T * mean_n CE(row n of (q k^T)/T, label n)``, a scalar. Invariant to a
      positive rescaling of any row of ``zq`` or ``zf``.
    """
    zq, zf = _check_pair(zq, zf, "info_nce")
    q, k = _normalize(zq), _normalize(zf)
    logits = (q @ k.T) / temperature  # [N, N]
    logp = jax.nn.log_softmax(logits, axis=-1)
    ce = -jnp.mean(jnp.diagonal(logp))
    return 2.0 * temperature * ce


def mse(zq: jax.Array, zf: jax.Array) -> jax.Array:
    """``mean((zq - zf)^2)`` over all elements of ``[N, C]`` outputs."""
    zq, zf = _check_pair(zq, zf, "mse")
    return jnp.mean(jnp.square(zq - zf))


def cosine(zq: jax.Array, zf: jax.Array) -> jax.Array:
    """``1 - mean_n cos(zq_n, zf_n)`` for ``[N, C]`` outputs."""
    zq, zf = _check_pair(zq, zf, "cosine")
    return 1.0 - jnp.mean(jnp.sum(_normalize(zq) * _normalize(zf), axis=-1))


def kl(zq: jax.Array, zf: jax.Array) -> jax.Array:
    """``mean_n KL(softmax(zf_n) || softmax(zq_n))`` for ``[N, C]`` logits."""
    zq, zf = _check_pair(zq, zf, "kl")
    lq = jax.nn.log_softmax(zq, axis=-1)
    lf = jax.nn.log_softmax(zf, axis=-1)
    return jnp.mean(jnp.sum(jnp.exp(lf) * (lf - lq), axis=-1))


def sqnr_db(x: jax.Array, ref: jax.Array) -> jax.Array:
    """Signal-to-quantization-noise ratio ``10 log10(sum ref^2 / sum (x-ref)^2)``.

    Args:
      x: the approximation (e.g. quantized outputs), any shape.
      ref: the reference, same shape as ``x``.

    Returns:
      A scalar in dB (``+inf`` when ``x == ref``).
    """
    x, ref = jnp.asarray(x), jnp.asarray(ref)
    if x.shape != ref.shape:
        raise ValueError(f"sqnr_db needs equal shapes, got {x.shape} and {ref.shape}")
    ct = jnp.promote_types(jnp.result_type(x, ref), jnp.float32)
    x, ref = x.astype(ct), ref.astype(ct)
    return 10.0 * jnp.log10(jnp.sum(jnp.square(ref)) / jnp.sum(jnp.square(x - ref)))


LOSSES: dict[str, Callable[[jax.Array, jax.Array], jax.Array]] = {
    "infonce": info_nce,
    "mse": mse,
    "cosine": cosine,
    "kl": kl,
}
