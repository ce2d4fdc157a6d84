"""Collapse linear conv chains (expand -> project, + short residual) into one kernel.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (Bhardwaj et al.,
arXiv 2103.09404), §3 and Algorithms 1-2; spec ``sesr.md`` §2.2. Shared with the
RAN work (re-parameterised linear branches).

A *linear block* LB_k(Cin -> Cout) is a k x k conv ``A`` (HWIO ``[k, k, Cin, p]``,
bias ``a``) followed, with no non-linearity in between, by a 1 x 1 conv ``B``
(``[p, Cout]``, bias ``b``), optionally plus the short residual ``x`` (Cin = Cout).
Because the 1 x 1 conv mixes channels pointwise, the chain equals one k x k conv
(exactly, zero "SAME" padding included, biases included)::

    K[y, x, i, o] = sum_p A[y, x, i, p] B[p, o] + R[y, x, i, o]          (Eq. C1)
    R = delta_io at the centre tap (k//2, k//2) if residual else 0
    c[o]          = sum_p a[p] B[p, o] + b[o]                              (Eq. C2)

Eq. C2 is exact because ``A``'s bias is added at every output position (also where
the zero-padded input is partial) and ``B`` is 1 x 1. The official code instead
builds K with the "delta trick" (Alg. 1-2: push one-hot impulses through the
expanded chain), which spreads biases over every tap; SESR therefore uses bias-free
blocks (spec §2.2). :func:`delta_collapse` implements the delta trick for any linear
(bias-free) chain of stride-1 convs, e.g. k x k followed by k' x k' (kernel size
k + k' - 1), and is the reference the einsum path is tested against.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp
from jax import lax

__all__ = [
    "collapse_block",
    "collapse_bias",
    "conv2d",
    "delta_collapse",
    "expanded_block",
    "residual_kernel",
]

_DN = ("NHWC", "HWIO", "NHWC")


def conv2d(x: jax.Array, kernel: jax.Array, bias: jax.Array | None = None, *,
           padding: str = "SAME") -> jax.Array:
    """Stride-1 NHWC conv: ``x [N, H, W, Cin]``, ``kernel [k, k, Cin, Cout]`` (HWIO)."""
    y = lax.conv_general_dilated(x, kernel.astype(x.dtype), (1, 1), padding,
                                 dimension_numbers=_DN)
    return y if bias is None else y + bias.astype(y.dtype)


def residual_kernel(k: int, channels: int, dtype=jnp.float32) -> jax.Array:
    """``R [k, k, C, C]``: identity at the centre tap, zero elsewhere (odd ``k``)."""
    if k < 1 or k % 2 == 0:
        raise ValueError(f"a residual needs an odd kernel size, got k={k}")
    r = jnp.zeros((k, k, channels, channels), dtype)
    return r.at[k // 2, k // 2].set(jnp.eye(channels, dtype=dtype))


def _check(expand: jax.Array, project: jax.Array) -> jax.Array:
    if expand.ndim != 4:
        raise ValueError(f"expand must be an HWIO kernel [k, k, Cin, p], got "
                         f"{expand.shape}")
    if project.ndim == 4:
        if project.shape[:2] != (1, 1):
            raise ValueError(f"project must be 1x1, got kernel {project.shape}")
        project = project[0, 0]
    if project.ndim != 2 or project.shape[0] != expand.shape[3]:
        raise ValueError(f"project must be [p, Cout] with p = {expand.shape[3]}, got "
                         f"{project.shape}")
    if expand.shape[0] != expand.shape[1]:
        raise ValueError(f"expand must be square, got {expand.shape[:2]}")
    return project


def collapse_block(expand: jax.Array, project: jax.Array, *,
                   residual: bool = False) -> jax.Array:
    """Collapsed kernel of a linear block (Eq. C1).

    Args:
      expand: ``A [k, k, Cin, p]``.
      project: ``B [p, Cout]`` or ``[1, 1, p, Cout]``.
      residual: add the short residual (needs ``Cin == Cout`` and odd ``k``).

    Returns:
      ``K [k, k, Cin, Cout]`` with ``conv(x, K) == conv(conv(x, A), B) (+ x)``.
    """
    project = _check(expand, project)
    k, _, cin, _ = expand.shape
    kern = jnp.einsum("yxip,po->yxio", expand, project,
                      precision=lax.Precision.HIGHEST)
    if residual:
        if cin != project.shape[1]:
            raise ValueError(f"residual needs Cin == Cout, got {cin} and "
                             f"{project.shape[1]}")
        kern = kern + residual_kernel(k, cin, kern.dtype)
    return kern


def collapse_bias(project: jax.Array, expand_bias: jax.Array | None,
                  project_bias: jax.Array | None) -> jax.Array | None:
    """Collapsed bias ``c = a B + b`` (Eq. C2); None if both biases are None."""
    if project.ndim == 4:
        project = project[0, 0]
    if expand_bias is None and project_bias is None:
        return None
    c = jnp.zeros((project.shape[1],), project.dtype)
    if expand_bias is not None:
        c = c + jnp.dot(expand_bias, project, precision=lax.Precision.HIGHEST)
    if project_bias is not None:
        c = c + project_bias
    return c


def expanded_block(x: jax.Array, expand: jax.Array, project: jax.Array, *,
                   residual: bool = False, expand_bias: jax.Array | None = None,
                   project_bias: jax.Array | None = None) -> jax.Array:
    """The expanded linear block ``conv1x1(conv_kxk(x, A) + a, B) + b (+ x)``."""
    project = _check(expand, project)
    h = conv2d(x, expand, expand_bias)
    y = conv2d(h, project[None, None], project_bias)
    return y + x if residual else y


def delta_collapse(linear_fn: Callable[[jax.Array], jax.Array], cin: int,
                   k: int, dtype=jnp.float32) -> jax.Array:
    """P1 Algorithm 1-2 ("delta trick"): the k x k kernel of a bias-free linear map.

    ``linear_fn`` maps ``[N, H, W, cin]`` to ``[N, H - k + 1, W - k + 1, Cout]``
    (VALID padding, stride 1, e.g. a chain of convs whose sizes sum to ``k`` + n -
    1). Feeds ``cin`` one-hot impulse images of size ``(2k - 1)^2``, reverses both
    spatial axes and transposes to HWIO. Returns ``K [k, k, cin, Cout]``.
    """
    if k < 1 or cin < 1:
        raise ValueError(f"need k >= 1 and cin >= 1, got k={k}, cin={cin}")
    n = 2 * k - 1
    imp = jnp.zeros((cin, n, n, cin), dtype).at[
        jnp.arange(cin), k - 1, k - 1, jnp.arange(cin)].set(1)
    out = linear_fn(imp)  # [cin, k, k, Cout]
    if out.shape[:3] != (cin, k, k):
        raise ValueError(f"linear_fn must map a {n}x{n} image to {k}x{k} (VALID), "
                         f"got output {out.shape}")
    return jnp.transpose(out[:, ::-1, ::-1, :], (1, 2, 0, 3))
