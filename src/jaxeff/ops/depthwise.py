"""Depthwise convolution as ``k x k`` shifted multiply-adds (fast on XLA CPU).

Not a paper method: a faster lowering of the depthwise ``k x k`` convolution of
MobileNetV2 / EfficientNet / RAN-e MBConv blocks ("Restructurable Activation
Networks", Bhardwaj et al., arXiv 2208.08562, spec ``micronets_ran.md`` §B2) and of
ConvNeXt blocks. XLA's CPU backend runs ``lax.conv_general_dilated`` with
``feature_group_count = C`` (and, above all, its gradients) far slower than the
arithmetic warrants; the same convolution written as a sum of ``k^2`` strided
slices of the padded input, each scaled per channel, is fused by XLA into a few
loops. For input ``x [N, H, W, C]``, kernel ``w [kh, kw, 1, C]`` (HWIO with one
input channel per group), strides ``(sh, sw)`` and the padded input ``xp``::

    y[n, i, j, c] = sum_{u < kh, v < kw} xp[n, sh i + u, sw j + v, c] w[u, v, 0, c]

which is exactly ``lax.conv_general_dilated(x, w, (sh, sw), padding,
dimension_numbers=("NHWC", "HWIO", "NHWC"), feature_group_count=C)`` (up to float
summation order). Gradients are JAX's own (slices transpose to pads).

:func:`conv_general_dilated` has ``lax.conv_general_dilated``'s signature, so it
plugs into ``flax.linen.Conv(conv_general_dilated=...)``: it routes depthwise
2-D NHWC/HWIO convolutions (one input channel per group, channel multiplier 1, no
dilation) here and everything else to lax. The shifted sum runs inside a ``jit``
named :data:`DEPTHWISE_NAME`, so jaxpr-based cost counters can still count it as a
depthwise convolution (``N Ho Wo C kh kw`` MACs, :func:`depthwise_macs`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import jax
import jax.numpy as jnp
from jax import lax

__all__ = [
    "DEPTHWISE_IMPLS",
    "DEPTHWISE_NAME",
    "conv_general_dilated",
    "depthwise_conv",
    "depthwise_impl",
    "depthwise_macs",
    "is_depthwise",
]

DEPTHWISE_NAME = "jaxeff_depthwise_shifted"
Padding = str | Sequence[tuple[int, int]]


def _pair(v: int | Sequence[int], what: str) -> tuple[int, int]:
    t = (v, v) if isinstance(v, int) else tuple(v)
    if len(t) != 2 or not all(isinstance(s, int) and s >= 1 for s in t):
        raise ValueError(f"depthwise_conv: {what} must be a positive int or a pair of "
                         f"positive ints, got {v!r}")
    return t  # type: ignore[return-value]


def _pads(hw: tuple[int, int], k: tuple[int, int], s: tuple[int, int],
          padding: Padding) -> tuple[tuple[int, int], tuple[int, int]]:
    if isinstance(padding, str):
        if padding.upper() not in ("SAME", "VALID"):
            raise ValueError(f"depthwise_conv: padding must be 'SAME', 'VALID' or two "
                             f"(low, high) pairs, got {padding!r}")
        p = lax.padtype_to_pads(hw, k, s, padding.upper())
    else:
        p = [tuple(q) for q in padding]
        if len(p) != 2 or not all(len(q) == 2 and all(isinstance(a, int) and a >= 0
                                                      for a in q) for q in p):
            raise ValueError(f"depthwise_conv: explicit padding must be two (low, high)"
                             f" pairs of non-negative ints, got {padding!r}")
    return (int(p[0][0]), int(p[0][1])), (int(p[1][0]), int(p[1][1]))


@functools.partial(jax.jit, static_argnames=("strides", "pads"))
def jaxeff_depthwise_shifted(x: jax.Array, w: jax.Array, strides: tuple[int, int],
                             pads: tuple[tuple[int, int], tuple[int, int]]
                             ) -> jax.Array:
    """The shifted multiply-add sum (name = :data:`DEPTHWISE_NAME`; checked inputs)."""
    xp = jnp.pad(x, ((0, 0), pads[0], pads[1], (0, 0)))
    kh, kw = w.shape[:2]
    sh, sw = strides
    ho = (xp.shape[1] - kh) // sh + 1
    wo = (xp.shape[2] - kw) // sw + 1
    y = None
    for u in range(kh):
        for v in range(kw):
            sl = lax.slice(xp, (0, u, v, 0),
                           (xp.shape[0], u + sh * (ho - 1) + 1, v + sw * (wo - 1) + 1,
                            xp.shape[3]), (1, sh, sw, 1))
            t = sl * w[u, v, 0]
            y = t if y is None else y + t
    return y


def depthwise_conv(x: jax.typing.ArrayLike, kernel: jax.typing.ArrayLike,
                   strides: int | Sequence[int] = 1,
                   padding: Padding = "SAME") -> jax.Array:
    """Depthwise conv ``x [N, H, W, C]``, ``kernel [kh, kw, 1, C]`` -> ``[N, Ho, Wo, C]``.

    ``strides``: int or ``(sh, sw)``; ``padding``: ``"SAME"`` (TF/lax convention),
    ``"VALID"`` or ``((top, bottom), (left, right))``. Equals
    ``lax.conv_general_dilated(..., feature_group_count=C)`` with NHWC/HWIO
    dimension numbers; floating inputs only (the result has ``x``'s dtype after
    promotion with ``kernel``).
    """
    x, kernel = jnp.asarray(x), jnp.asarray(kernel)
    if x.ndim != 4:
        raise ValueError(f"depthwise_conv: x must be [N, H, W, C], got shape {x.shape}")
    if kernel.ndim != 4 or kernel.shape[2] != 1 or kernel.shape[3] != x.shape[3]:
        raise ValueError(f"depthwise_conv: kernel must be [kh, kw, 1, C] with C = "
                         f"{x.shape[3]} (x's channels), got shape {kernel.shape}")
    for name, a in (("x", x), ("kernel", kernel)):
        if not jnp.issubdtype(a.dtype, jnp.floating):
            raise TypeError(f"depthwise_conv: {name} must be floating, got {a.dtype}")
    s = _pair(strides, "strides")
    k = (int(kernel.shape[0]), int(kernel.shape[1]))
    pads = _pads((int(x.shape[1]), int(x.shape[2])), k, s, padding)
    for d in range(2):
        if x.shape[1 + d] + sum(pads[d]) < k[d]:
            raise ValueError(f"depthwise_conv: padded input {x.shape[1:3]} + {pads} is "
                             f"smaller than the kernel {k}")
    dt = jnp.result_type(x, kernel)
    return jaxeff_depthwise_shifted(x.astype(dt), kernel.astype(dt), s, pads)


def _spec(dn: Any, nd: int) -> lax.ConvDimensionNumbers:
    return lax.conv_dimension_numbers((1,) * nd, (1,) * nd, dn)


def is_depthwise(lhs_shape: Sequence[int], rhs_shape: Sequence[int],
                 dimension_numbers: Any, feature_group_count: int) -> bool:
    """True when a conv is a 2-D NHWC/HWIO depthwise conv with multiplier 1 (the
    case :func:`conv_general_dilated` routes to :func:`depthwise_conv`)."""
    if len(lhs_shape) != 4 or len(rhs_shape) != 4 or feature_group_count < 2:
        return False
    dn = _spec(dimension_numbers if dimension_numbers is not None
               else ("NCHW", "OIHW", "NCHW"), 4)
    if tuple(dn.lhs_spec) != (0, 3, 1, 2) or tuple(dn.rhs_spec) != (3, 2, 0, 1) \
            or tuple(dn.out_spec) != (0, 3, 1, 2):
        return False
    c = lhs_shape[3]
    return feature_group_count == c and rhs_shape[2] == 1 and rhs_shape[3] == c


def conv_general_dilated(lhs: jax.Array, rhs: jax.Array,
                         window_strides: Sequence[int], padding: Padding,
                         lhs_dilation: Sequence[int] | None = None,
                         rhs_dilation: Sequence[int] | None = None,
                         dimension_numbers: Any = None,
                         feature_group_count: int = 1,
                         batch_group_count: int = 1, precision: Any = None,
                         preferred_element_type: Any = None) -> jax.Array:
    """``lax.conv_general_dilated`` with depthwise convs routed to :func:`depthwise_conv`.

    Routed when :func:`is_depthwise` holds, there is no dilation, no batch grouping
    and no ``preferred_element_type``; otherwise the call goes to lax unchanged.
    """
    undilated = all(d == 1 for d in (*(lhs_dilation or ()), *(rhs_dilation or ())))
    if (undilated and batch_group_count == 1 and preferred_element_type is None
            and is_depthwise(lhs.shape, rhs.shape, dimension_numbers,
                             feature_group_count)):
        return depthwise_conv(lhs, rhs, tuple(window_strides), padding)
    return lax.conv_general_dilated(
        lhs, rhs, window_strides, padding, lhs_dilation=lhs_dilation,
        rhs_dilation=rhs_dilation, dimension_numbers=dimension_numbers,
        feature_group_count=feature_group_count, batch_group_count=batch_group_count,
        precision=precision, preferred_element_type=preferred_element_type)


DEPTHWISE_IMPLS = ("shifted", "lax")


def depthwise_impl(name: str):
    """The ``conv_general_dilated`` for a module's ``depthwise`` field: ``"shifted"``
    (:func:`conv_general_dilated`, depthwise convs as shifted multiply-adds) or
    ``"lax"`` (``lax.conv_general_dilated``, grouped conv; the reference)."""
    if name not in DEPTHWISE_IMPLS:
        raise ValueError(f"depthwise must be one of {DEPTHWISE_IMPLS}, got {name!r}")
    return conv_general_dilated if name == "shifted" else lax.conv_general_dilated


def depthwise_macs(eqn: Any) -> int | None:
    """MACs of a jaxpr equation if it is the named depthwise ``jit`` (``N Ho Wo C kh
    kw``), else None."""
    if eqn.params.get("name") != DEPTHWISE_NAME:
        return None
    kshape = eqn.invars[1].aval.shape
    return math.prod(eqn.outvars[0].aval.shape) * kshape[0] * kshape[1]
