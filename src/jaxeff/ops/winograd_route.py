"""Routing: run a convolution as (quantized) Winograd or directly, by one rule.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md`` §4 "Eligible":
3x3 convs, stride 1, dilation 1, groups 1 run as Winograd; stride-2, 1x1 and
grouped/depthwise convs stay direct (§7), with the same group-wise W8A8 quantizer
as the Winograd layers (the paper's "W8A8 group-wise, no Winograd" reference, §1).

* :func:`direct_quant_conv`: the quantized direct conv;
* :func:`winograd_or_direct`: the one routing function, a drop-in
  ``lax.conv_general_dilated`` that applies :func:`~jaxeff.ops.winograd.check_eligible`
  (the one eligibility rule) to every call. The Flax injection
  (:mod:`jaxeff.nets.winograd`) builds its per-layer convs with it.

Both follow :mod:`jaxeff.ops.winograd`'s rules: ``lax.conv_general_dilated``'s
signature and defaults (``dimension_numbers=None`` is NCHW/OIHW/NCHW; every form lax
accepts works, including the ``ConvDimensionNumbers`` Flax passes for NHWC/HWIO/NHWC).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp
from jax import lax

from jaxeff.ops.winograd import WinogradScales, check_eligible, conv_dims, winograd_conv
from jaxeff.ops.winograd_quant import (
    WinogradQuant,
    absmax_fake_quant,
    check_quant,
    quantized_winograd_conv,
)

__all__ = ["ConvFn", "WinogradRouter", "direct_quant_conv", "quant_dot_general",
           "winograd_or_direct"]

ConvFn = Callable[..., jax.Array]
"""A function with ``lax.conv_general_dilated``'s signature."""
W8A8 = WinogradQuant()  # group-wise W8A8, g = 64: the default of direct_quant_conv


def _direct_axes(dn: lax.ConvDimensionNumbers, q: WinogradQuant, ndim: int):
    """``(keep, group_axis)`` of a direct conv's input and kernel, in their own layout.

    Input: like stage ``"x"`` (groups along its channel axis per pixel). Kernel:
    per output channel (``"channel"``, ``"position"``), groups along its input-channel
    axis per tap and output channel (``"group"``), one scale (``"tensor"``).
    """
    c, o, i = dn.lhs_spec[1], dn.rhs_spec[0], dn.rhs_spec[1]
    others = tuple(a for a in range(ndim) if a != c)
    x_ax = {"tensor": ((), None), "channel": ((c,), None), "position": ((), None),
            "group": (others, c)}[q.granularity]
    w_ax = {"tensor": ((), None), "channel": ((o,), None), "position": ((o,), None),
            "group": (tuple(a for a in range(ndim) if a != i), i)}[q.granularity]
    return x_ax, w_ax


def direct_quant_conv(
    lhs: jax.Array,
    rhs: jax.Array,
    window_strides: Sequence[int],
    padding,
    lhs_dilation=None,
    rhs_dilation=None,
    dimension_numbers=None,
    feature_group_count: int = 1,
    batch_group_count: int = 1,
    precision=None,
    preferred_element_type=None,
    *,
    quant: WinogradQuant = W8A8,
) -> jax.Array:
    """Direct W8A8 conv with the same quantizer, then ``lax.conv_general_dilated``.

    The "W8A8 group-wise, no Winograd" reference of the paper (spec §1). Any
    layout, rank and ``dimension_numbers`` form lax accepts (``None``: lax's
    NCHW/OIHW/NCHW; Flax passes ``ConvDimensionNumbers`` for NHWC/HWIO/NHWC), so
    ``nn.Conv(conv_general_dilated=functools.partial(direct_quant_conv, quant=q))``
    works. With ``quant.granularity == "group"`` the input is quantized in groups of
    ``g`` along its channel axis per pixel and the kernel in groups along its input
    channels per tap and output channel (``"channel"``: per input channel / per
    output channel; ``"position"``: per tensor / per output channel). Stage ``"x"``
    of ``quant.stages`` switches the input quantization, ``"U"`` the kernel's.
    """
    check_quant(quant, "direct_quant_conv")
    x, w = jnp.asarray(lhs), jnp.asarray(rhs)
    if x.ndim != w.ndim or x.ndim < 3:
        raise ValueError(f"direct_quant_conv needs lhs and rhs of equal rank >= 3, got "
                         f"lhs.shape={x.shape}, rhs.shape={w.shape}")
    dn = conv_dims(dimension_numbers, x.shape, w.shape, "direct_quant_conv")
    (xk, xg), (wk, wg) = _direct_axes(dn, quant, x.ndim)
    if "x" in quant.stages:
        x = absmax_fake_quant(x, xk, xg, quant.group_size, quant.bits)
    if "U" in quant.stages:  # weights: the direct conv's counterpart of U
        w = absmax_fake_quant(w, wk, wg, quant.group_size, quant.bits)
    return lax.conv_general_dilated(x, w, window_strides, padding, lhs_dilation,
                                    rhs_dilation, dn, feature_group_count,
                                    batch_group_count, precision,
                                    preferred_element_type)


def quant_dot_general(quant: WinogradQuant = W8A8) -> Callable[..., jax.Array]:
    """A ``lax.dot_general`` drop-in for ``nn.Dense(dot_general=...)`` with the same
    group-wise W8A8 quantizer as :func:`direct_quant_conv` (the paper's dense /
    attention projections in "W8A8 group-wise", spec §1).

    For ``lhs [..., K] @ rhs [K, N]`` (Dense's contraction): the input in groups of
    ``g`` along ``K`` per row (stage ``"x"``), the kernel in groups along ``K`` per
    output column (stage ``"U"``); dynamic symmetric absmax scales; other
    contractions raise ``ValueError``.
    """
    check_quant(quant, "quant_dot_general")

    def dot_general(lhs, rhs, dimension_numbers, precision=None,
                    preferred_element_type=None, **kw):
        (lc, rc), (lb, rb) = dimension_numbers
        x, w = jnp.asarray(lhs), jnp.asarray(rhs)
        if (tuple(lc), tuple(rc), tuple(lb), tuple(rb)) != ((x.ndim - 1,), (0,), (), ()) \
                or w.ndim != 2:
            raise ValueError(f"quant_dot_general: only Dense's [..., K] @ [K, N] is "
                             f"supported, got dimension_numbers={dimension_numbers}, "
                             f"shapes {x.shape} and {w.shape}")
        if "x" in quant.stages:
            x = absmax_fake_quant(x, tuple(range(x.ndim - 1)), x.ndim - 1,
                                  quant.group_size, quant.bits)
        if "U" in quant.stages:
            w = absmax_fake_quant(w, (1,), 0, quant.group_size, quant.bits)
        return lax.dot_general(x, w, dimension_numbers, precision=precision,
                               preferred_element_type=preferred_element_type, **kw)

    return dot_general


@dataclasses.dataclass(frozen=True, eq=False)
class WinogradRouter:
    """A ``lax.conv_general_dilated`` drop-in built by :func:`winograd_or_direct`.

    ``router(lhs, rhs, window_strides, padding, ...)`` computes the conv;
    :meth:`why_direct` says, for the same arguments, why it runs direct (``None``:
    Winograd), so an injector can record the route without computing anything.
    """

    m: int | None
    quant: WinogradQuant | None
    direct_quant: WinogradQuant | None
    scales: WinogradScales | None = None
    absmax: dict[str, jax.Array] | None = None
    points: Sequence | None = None
    winograd_fn: ConvFn | None = None

    def why_direct(self, lhs_shape, rhs_shape, window_strides, lhs_dilation=None,
                   rhs_dilation=None, dimension_numbers=None, feature_group_count=1,
                   batch_group_count=1) -> str | None:
        """:func:`~jaxeff.ops.winograd.check_eligible` on a call's arguments."""
        if self.m is None:
            return "m is None (all direct)"
        if len(lhs_shape) != 4 or len(rhs_shape) != 4:
            return f"not a 2-D conv (lhs rank {len(lhs_shape)})"
        dn = conv_dims(dimension_numbers, lhs_shape, rhs_shape, "winograd_or_direct")
        hw = tuple(rhs_shape[i] for i in dn.rhs_spec[2:])
        return check_eligible(hw, window_strides, lhs_dilation, rhs_dilation,
                              feature_group_count, batch_group_count, m=self.m,
                              points=self.points)

    def __call__(self, lhs, rhs, window_strides, padding, lhs_dilation=None,
                 rhs_dilation=None, dimension_numbers=None, feature_group_count=1,
                 batch_group_count=1, precision=None, preferred_element_type=None):
        args = (lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation,
                dimension_numbers, feature_group_count, batch_group_count, precision,
                preferred_element_type)
        why = self.why_direct(jnp.shape(lhs), jnp.shape(rhs), window_strides,
                              lhs_dilation, rhs_dilation, dimension_numbers,
                              feature_group_count, batch_group_count)
        if why is None:
            if self.winograd_fn is not None:
                return self.winograd_fn(*args)
            if self.quant is None:
                return winograd_conv(*args, m=self.m, points=self.points,
                                     scales=self.scales)
            return quantized_winograd_conv(*args, m=self.m, quant=self.quant,
                                           scales=self.scales, absmax=self.absmax,
                                           points=self.points)
        if self.direct_quant is None:
            return lax.conv_general_dilated(*args)
        return direct_quant_conv(*args, quant=self.direct_quant)


def winograd_or_direct(
    m: int | None = 4,
    *,
    quant: WinogradQuant | None = None,
    direct_quant: WinogradQuant | None | str = "same",
    scales: WinogradScales | None = None,
    absmax: dict[str, jax.Array] | None = None,
    points=None,
    winograd_fn: ConvFn | None = None,
) -> WinogradRouter:
    """The one routing function: a ``lax.conv_general_dilated`` drop-in that sends
    each call to Winograd or to the direct conv by :func:`check_eligible`.

    Eligible convs (square ``r x r``, ``r >= 2``, stride 1, no dilation, no groups,
    Cook-Toom points for F(m, r)) run :func:`~jaxeff.ops.winograd.winograd_conv`
    (``quant=None``) or :func:`quantized_winograd_conv`; the rest (1x1, strided,
    dilated, grouped, not 2-D) run ``lax.conv_general_dilated``
    (``direct_quant=None``) or :func:`direct_quant_conv`. The returned
    :class:`WinogradRouter` has lax's signature and defaults
    (``dimension_numbers=None``: NCHW/OIHW/NCHW), so it can be called directly or
    passed as ``nn.Conv(conv_general_dilated=...)``.

    Args:
      m: Winograd output tile F(m, r); ``None`` routes every conv to the direct path.
      quant: quantization of the Winograd convs (``None``: float).
      direct_quant: quantization of the direct convs; ``"same"`` (default) means
        ``quant``, ``None`` float.
      scales: optional learnable transform scales for the Winograd convs.
      absmax: optional static per-stage ranges (needs ``quant``).
      points: Cook-Toom points (default standard).
      winograd_fn: optional ``lax.conv_general_dilated`` drop-in that runs the
        eligible convs instead of the (quantized) Winograd path above, e.g. a
        per-layer baseline of :mod:`jaxeff.ops.winograd_baselines` (BQW, PAW+FSQ);
        ineligible convs still run direct.
    """
    if m is not None and (isinstance(m, bool) or not isinstance(m, int) or m < 1):
        raise ValueError(f"m must be a positive int or None, got {m!r}")
    if isinstance(direct_quant, str):
        if direct_quant != "same":
            raise ValueError(f"direct_quant must be a WinogradQuant, None or 'same', "
                             f"got {direct_quant!r}")
        direct_quant = quant
    for name, q in (("quant", quant), ("direct_quant", direct_quant)):
        if q is not None:
            check_quant(q, f"winograd_or_direct {name}")
    if absmax is not None and quant is None:
        raise ValueError("winograd_or_direct: absmax (static ranges) needs quant")
    if winograd_fn is not None and not callable(winograd_fn):
        raise TypeError(f"winograd_fn must be callable, got {type(winograd_fn)}")
    return WinogradRouter(m, quant, direct_quant, scales, absmax, points, winograd_fn)
