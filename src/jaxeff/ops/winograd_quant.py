"""Fully quantized Winograd convolution (and its direct-conv W8A8 reference).

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md`` §2 "Quantized
pipeline": the input ``x`` of the input transform, its output ``V = B'^T d B'``,
the transformed weights ``U = G' w G'^T`` (transformed offline in float, then
quantized) and the GEMM output ``M`` (= the output transform's input) are each
fake-quantized with a symmetric signed grid, ``s = max|x| / (2^(b-1) - 1)`` per
quantization group, round half to even, clamp (8 bits by default). The output
transform ``Y = A'^T M A'`` stays in float, as the transform matrices do.

Granularities (tensor shapes: ``x [N,H,W,C_in]``, ``V [a^2,T,C_in]``,
``U [a^2,C_in,C_out]``, ``M [a^2,T,C_out]``, ``a = alpha``, ``T`` tiles):

=========  ==========  ===============  ==================  ===========================
           x           V                U                   M
=========  ==========  ===============  ==================  ===========================
tensor     1           1                1                   1
channel    per C_in    per C_in         per C_out           per C_out
position   1           per position     per pos. x C_out    per position (tap-wise)
group      C_in groups C_in groups per  C_in groups per     groups along the a^2
           per pixel   position & tile  position & C_out    positions per tile & C_out
=========  ==========  ===============  ==================  ===========================

The group axes are the spec's table (its choice is [unverified]: the paper does not
state them). ``M`` has three layouts (``m_groups``):

* ``"position"`` (default, the hardware-friendly layout the paper keeps so that the
  output transform ``A'^T M A'`` can run in integers): a group spans the ``alpha^2``
  positions of one tile and output channel, so positions whose ranges differ by up
  to ``1678x`` (F(6,3), spec "Range imbalance") share one scale. This is what makes
  standard transforms collapse, and what the learned (or equalized) scales fix;
* ``"pixel"``: one dynamic scale per position ``p`` ("pixel-wise" / per-position
  scales), ``alpha^2`` scales per tensor; no group mixes positions, so there is no
  collapse even with standard transforms, but the output transform then needs a
  per-position rescale (float, or a requantization per position);
* ``"channel"``: groups of ``g`` along ``C_out`` per position and tile (also never
  mixes positions; the spec's mechanism check).

A group of size ``g`` is clipped to the axis length; an axis that is of ``g`` gets a last, shorter group (zero padding does not change an absmax). Scales are dynamic (computed from the tensor at hand, as group-wise
kernels do) unless static ``absmax`` values are passed per stage (the calibrated
tap-wise baseline). Every stage is quantized by the one group-wise quantizer of
:mod:`jaxeff.ops.quant` (``QuantSpec(granularity="group")`` + ``fake_quant``): this
module only lays the stage tensor out as ``[scale index, group, rest]``. Rounding
uses the straight-through estimator with the LSQ gradient for the scale, so
gradients flow "through the group max" (spec "Data-free fine-tuning" step 2).

:func:`quantized_winograd_conv` follows :mod:`jaxeff.ops.winograd`'s rules (``lax``
signature and default layout, one eligibility rule, exact default precision,
floating inputs). The direct W8A8 conv and the routing function live in
:mod:`jaxeff.ops.winograd_route`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.ops.calibrate import minmax_qparams
from jaxeff.ops.quant import QuantSpec, fake_quant
from jaxeff.ops.winograd import WinogradScales, winograd_conv

__all__ = [
    "GRANULARITIES",
    "M_GROUPS",
    "STAGES",
    "WinogradQuant",
    "absmax_fake_quant",
    "check_quant",
    "make_hooks",
    "quant_axes",
    "quantized_winograd_conv",
    "stage_absmax",
]

GRANULARITIES = ("tensor", "channel", "position", "group")
STAGES = ("x", "V", "U", "M")
M_GROUPS = ("position", "pixel", "channel")


@dataclasses.dataclass(frozen=True, kw_only=True)
class WinogradQuant:
    """Static settings of the fully quantized Winograd path (hashable).

    Attributes:
      bits: bit-width of every quantized stage (2..8 or 16).
      granularity: one of :data:`GRANULARITIES` (module docstring table).
      group_size: ``g`` for ``"group"`` (32, 64 or 256 in the paper; any int > 0).
      stages: which of ``"x", "V", "U", "M"`` are quantized.
      m_groups: layout of ``M``'s scales with ``"group"``: ``"position"`` (spec
        default, groups across the ``alpha^2`` positions), ``"pixel"`` (one scale
        per position) or ``"channel"`` (groups along ``C_out`` per position).
    """

    bits: int = 8
    granularity: str = "group"
    group_size: int = 64
    stages: tuple[str, ...] = STAGES
    m_groups: str = "position"

    def __post_init__(self) -> None:
        QuantSpec(bits=self.bits)  # validates bits
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {GRANULARITIES}, got "
                             f"{self.granularity!r}")
        if (isinstance(self.group_size, bool) or not isinstance(self.group_size, int)
                or self.group_size < 1):
            raise ValueError(f"group_size must be a positive int, got {self.group_size!r}")
        if isinstance(self.stages, str) or not isinstance(self.stages, tuple):
            raise TypeError(f"stages must be a tuple of names from {STAGES}, got "
                            f"{self.stages!r}")
        bad = [s for s in self.stages if s not in STAGES]
        if bad:
            raise ValueError(f"unknown stages {bad}; choose from {STAGES}")
        if self.m_groups not in M_GROUPS:
            raise ValueError(f"m_groups must be one of {M_GROUPS}, got {self.m_groups!r}")


def quant_axes(stage: str, q: WinogradQuant) -> tuple[tuple[int, ...], int | None]:
    """``(keep_axes, group_axis)`` of a Winograd ``stage`` for ``q`` (table above).

    ``stage`` is ``"x"`` (NHWC), ``"V"``, ``"U"`` or ``"M"``.
    """
    m_axes = {"position": ((1, 2), 0), "pixel": ((0,), None), "channel": ((0, 1), 2)}
    table = {
        "tensor": {s: ((), None) for s in STAGES},
        "channel": {"x": ((3,), None), "V": ((2,), None), "U": ((2,), None),
                    "M": ((2,), None)},
        "position": {"x": ((), None), "V": ((0,), None), "U": ((0, 2), None),
                     "M": ((0,), None)},
        "group": {"x": ((0, 1, 2), 3), "V": ((0, 1), 2), "U": ((0, 2), 1),
                  "M": m_axes[q.m_groups]},
    }
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    return table[q.granularity][stage]


def _layout(x: jax.Array, keep: tuple[int, ...], gax: int | None, g: int):
    """``x`` -> ``[P, groups * g, R]`` (zero-padded groups) and the inverse."""
    gl = [gax] if gax is not None else []
    rest = tuple(i for i in range(x.ndim) if i not in keep and i not in gl)
    perm = (*keep, *gl, *rest)
    xt = x.transpose(perm)
    p = math.prod(x.shape[i] for i in keep)
    glen = x.shape[gax] if gax is not None else 1
    gs = min(g, glen)
    ng = -(-glen // gs)
    x3 = xt.reshape(p, glen, -1)
    if ng * gs != glen:
        x3 = jnp.pad(x3, ((0, 0), (0, ng * gs - glen), (0, 0)))
    inv = tuple(int(i) for i in np.argsort(perm))

    def back(y3: jax.Array) -> jax.Array:
        return y3[:, :glen].reshape(xt.shape).transpose(inv)

    return x3, gs, back


def absmax_fake_quant(
    x: jax.Array,
    keep: tuple[int, ...],
    group_axis: int | None,
    group_size: int,
    bits: int,
    absmax: jax.Array | None = None,
) -> jax.Array:
    """Symmetric signed fake-quant, one scale ``absmax/(2^(b-1)-1)`` per group.

    Lays ``x`` out as ``[P, groups * g, R]`` and applies :mod:`jaxeff.ops.quant`'s
    group-wise quantizer (``QuantSpec(granularity="group", axis=1,
    channel_axis=0)``, :func:`~jaxeff.ops.quant.fake_quant` with ``lsq=True``).

    Args:
      x: any float array.
      keep: axes with one scale per index (e.g. positions, tiles, channels).
      group_axis: axis split into groups of ``group_size`` (clipped to its
        length; a last short group if it does not divide), or ``None``.
      group_size: ``g``.
      bits: bit-width.
      absmax: optional static ``[P * groups]`` range (else the dynamic group max).

    Returns:
      ``x`` quantize-dequantized, same shape; STE gradient for ``x``, LSQ gradient
      through the scale into the group max (spec §2).
    """
    if (isinstance(group_size, bool) or not isinstance(group_size, int)
            or group_size < 1):
        raise ValueError(f"group_size must be a positive int, got {group_size!r}")
    x3, gs, back = _layout(x, keep, group_axis, group_size)
    spec = QuantSpec(bits=bits, signed=True, symmetric=True, granularity="group",
                     axis=1, group_size=gs, channel_axis=0)
    pshape = spec.param_shape(x3.shape)  # [P, groups, 1]
    if absmax is None:
        amax = jnp.max(jnp.abs(x3.reshape(spec.block_shape(x3.shape))),
                       axis=spec.reduce_axes(x3.shape)).reshape(pshape)
    else:
        amax = jnp.asarray(absmax, x3.dtype)
        if amax.size != math.prod(pshape):
            raise ValueError(f"static absmax has {amax.size} entries, the stage "
                             f"needs {math.prod(pshape)}")
        amax = amax.reshape(pshape)
    qp = minmax_qparams(-amax, amax, spec, eps=1e-12)
    y3 = fake_quant(x3, qp.scale.astype(x3.dtype), qp.zero_point, spec, lsq=True)
    return back(y3.astype(x.dtype))


def stage_absmax(x: jax.Array, stage: str, q: WinogradQuant) -> jax.Array:
    """Per-group ``max|x|`` of ``stage`` (``[P * groups]``), for static calibration."""
    keep, gax = quant_axes(stage, q)
    x3, gs, _ = _layout(x, keep, gax, q.group_size)
    return jnp.max(jnp.abs(x3.reshape(x3.shape[0], -1, gs, x3.shape[2])),
                   axis=(2, 3)).reshape(-1)


def make_hooks(q: WinogradQuant, absmax: dict[str, jax.Array] | None = None):
    """Stage hooks for :func:`~jaxeff.ops.winograd.winograd_conv`."""
    absmax = absmax or {}

    def hook(stage, t):
        return absmax_fake_quant(t, *quant_axes(stage, q), q.group_size, q.bits,
                                 absmax.get(stage))

    return {s: functools.partial(hook, s) for s in q.stages}


def check_quant(quant, fn: str) -> None:
    """``TypeError`` naming ``quant`` unless it is a :class:`WinogradQuant`."""
    if not isinstance(quant, WinogradQuant):
        raise TypeError(f"{fn}: quant must be a WinogradQuant, got {type(quant)}")


def quantized_winograd_conv(
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
    m: int = 4,
    quant: WinogradQuant = WinogradQuant(),
    scales: WinogradScales | None = None,
    absmax: dict[str, jax.Array] | None = None,
    points=None,
) -> jax.Array:
    """Fully quantized Winograd F(m, r) conv (``lax.conv_general_dilated`` signature).

    Pan et al. (arXiv 2412.19867), spec §2 steps (1)-(4): ``x``, ``V``, ``U``
    (from the float kernel, transformed at highest precision) and ``M`` are
    fake-quantized per ``quant``; ``scales`` are the learnable ``S_B, S_G`` (with
    ``S_A = (S_B S_G)^{-1}``); ``absmax`` optional static per-stage ranges
    (:func:`stage_absmax` layout). Layout, eligibility, precision and dtype follow
    :func:`~jaxeff.ops.winograd.winograd_conv` (``dimension_numbers=None`` is lax's
    NCHW/OIHW/NCHW), which it raises like.
    """
    check_quant(quant, "quantized_winograd_conv")
    return winograd_conv(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation,
                         dimension_numbers, feature_group_count, batch_group_count,
                         precision, preferred_element_type, m=m, points=points,
                         scales=scales, hooks=make_hooks(quant, absmax))
