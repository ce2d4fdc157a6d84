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
state them); ``m_groups="channel"`` groups ``M`` along ``C_out`` per position and
tile instead. A group of size ``g`` is clipped to the axis length; an axis that is
not a multiple of ``g`` gets a last, shorter group (zero padding does not change
an absmax). Scales are dynamic (computed from the tensor at hand, as group-wise
kernels do) unless static ``absmax`` values are passed per stage (the calibrated
tap-wise baseline). Rounding uses the straight-through estimator with the LSQ
gradient for the scale, so gradients flow "through the group max" (spec
"Data-free fine-tuning" step 2).
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.ops.calibrate import minmax_qparams
from jaxeff.ops.quant import QuantSpec, fake_quant
from jaxeff.ops.winograd import WinogradScales, check_eligible, winograd_conv

__all__ = [
    "GRANULARITIES",
    "STAGES",
    "WinogradQuant",
    "absmax_fake_quant",
    "direct_quant_conv",
    "quant_axes",
    "make_hooks",
    "quantized_winograd_conv",
    "stage_absmax",
    "winograd_or_direct",
]

GRANULARITIES = ("tensor", "channel", "position", "group")
STAGES = ("x", "V", "U", "M")
_GROUP_SIZES = (32, 64, 256)


@dataclasses.dataclass(frozen=True, kw_only=True)
class WinogradQuant:
    """Static settings of the fully quantized Winograd path (hashable).

    Attributes:
      bits: bit-width of every quantized stage (2..8 or 16).
      granularity: one of :data:`GRANULARITIES` (module docstring table).
      group_size: ``g`` for ``"group"`` (32, 64 or 256 in the paper; any > 0 here).
      stages: which of ``"x", "V", "U", "M"`` are quantized.
      m_groups: ``"position"`` (spec default) or ``"channel"`` grouping of ``M``.
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
        bad = [s for s in self.stages if s not in STAGES]
        if bad:
            raise ValueError(f"unknown stages {bad}; choose from {STAGES}")
        if self.m_groups not in ("position", "channel"):
            raise ValueError(f"m_groups must be 'position' or 'channel', got "
                             f"{self.m_groups!r}")


def quant_axes(stage: str, q: WinogradQuant) -> tuple[tuple[int, ...], int | None]:
    """``(keep_axes, group_axis)`` of ``stage`` for ``q.granularity`` (table above).

    ``stage`` is ``"x", "V", "U", "M"`` or ``"W"`` (the HWIO kernel of a direct
    conv: per C_out; groups along C_in per tap and C_out).
    """
    g = q.granularity
    table = {
        "tensor": {s: ((), None) for s in (*STAGES, "W")},
        "channel": {"x": ((3,), None), "V": ((2,), None), "U": ((2,), None),
                    "M": ((2,), None), "W": ((3,), None)},
        "position": {"x": ((), None), "V": ((0,), None), "U": ((0, 2), None),
                     "M": ((0,), None), "W": ((3,), None)},
        "group": {"x": ((0, 1, 2), 3), "V": ((0, 1), 2), "U": ((0, 2), 1),
                  "M": ((1, 2), 0) if q.m_groups == "position" else ((0, 1), 2),
                  "W": ((0, 1, 3), 2)},
    }
    return table[g][stage]


def _rows(x: jax.Array, keep: tuple[int, ...], gax: int | None, g: int):
    """``x`` -> ``[P * groups, g * R]`` rows (one scale per row) and the inverse."""
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
    rows = x3.reshape(p * ng, -1)
    inv = tuple(int(i) for i in np.argsort(perm))

    def back(rq: jax.Array) -> jax.Array:
        y = rq.reshape(p, ng * gs, -1)[:, :glen]
        return y.reshape(xt.shape).transpose(inv)

    return rows, back


def absmax_fake_quant(
    x: jax.Array,
    keep: tuple[int, ...],
    group_axis: int | None,
    group_size: int,
    bits: int,
    absmax: jax.Array | None = None,
) -> jax.Array:
    """Symmetric signed fake-quant, one scale ``absmax/(2^(b-1)-1)`` per group.

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
    rows, back = _rows(x, keep, group_axis, group_size)
    spec = QuantSpec(bits=bits, signed=True, symmetric=True, granularity="channel",
                     axis=0)
    if absmax is None:
        amax = jnp.max(jnp.abs(rows), axis=1, keepdims=True)
    else:
        amax = jnp.asarray(absmax, rows.dtype).reshape(-1, 1)
        if amax.shape[0] != rows.shape[0]:
            raise ValueError(f"static absmax has {amax.shape[0]} entries, the stage "
                             f"needs {rows.shape[0]}")
    qp = minmax_qparams(-amax, amax, spec, eps=1e-12)
    rq = fake_quant(rows, qp.scale.astype(rows.dtype), qp.zero_point, spec, lsq=True)
    return back(rq.astype(x.dtype))


def stage_absmax(x: jax.Array, stage: str, q: WinogradQuant) -> jax.Array:
    """Per-group ``max|x|`` of ``stage`` (``[P * groups]``), for static calibration."""
    keep, gax = quant_axes(stage, q)
    rows, _ = _rows(x, keep, gax, q.group_size)
    return jnp.max(jnp.abs(rows), axis=1)


def make_hooks(q: WinogradQuant, absmax: dict[str, jax.Array] | None = None):
    """Stage hooks for :func:`~jaxeff.ops.winograd.winograd_conv`."""
    absmax = absmax or {}

    def hook(stage, t):
        keep, gax = quant_axes(stage, q)
        return absmax_fake_quant(t, keep, gax, q.group_size, q.bits, absmax.get(stage))

    return {s: functools.partial(hook, s) for s in q.stages}


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
    ``S_A = (S_B S_G)^{-1}``); ``absmax`` optional static per-stage ranges.
    Raises ``ValueError`` like :func:`~jaxeff.ops.winograd.winograd_conv`.
    """
    return winograd_conv(lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation,
                         dimension_numbers, feature_group_count, batch_group_count,
                         precision, preferred_element_type, m=m, points=points,
                         scales=scales, hooks=make_hooks(quant, absmax))


def direct_quant_conv(
    lhs: jax.Array,
    rhs: jax.Array,
    window_strides: Sequence[int],
    padding,
    lhs_dilation=None,
    rhs_dilation=None,
    dimension_numbers=("NHWC", "HWIO", "NHWC"),
    feature_group_count: int = 1,
    batch_group_count: int = 1,
    precision=None,
    preferred_element_type=None,
    *,
    quant: WinogradQuant = WinogradQuant(),
) -> jax.Array:
    """Direct W8A8 conv with the same quantizer (NHWC/HWIO only): the input per
    ``quant_axes("x")`` and the kernel per ``quant_axes("W")`` (group-wise: groups
    along C_in per tap and output channel), then ``lax.conv_general_dilated``.

    The "W8A8 group-wise, no Winograd" reference of the paper (spec §1).
    """
    if tuple(dimension_numbers or ()) != ("NHWC", "HWIO", "NHWC"):
        raise ValueError("direct_quant_conv supports NHWC/HWIO/NHWC only, got "
                         f"{dimension_numbers}")
    x, w = jnp.asarray(lhs), jnp.asarray(rhs)
    if "x" in quant.stages:
        keep, gax = quant_axes("x", quant)
        x = absmax_fake_quant(x, keep, gax, quant.group_size, quant.bits)
    if "U" in quant.stages:  # weights: the direct conv's counterpart of U
        keep, gax = quant_axes("W", quant)
        w = absmax_fake_quant(w, keep, gax, quant.group_size, quant.bits)
    return lax.conv_general_dilated(x, w, window_strides, padding, lhs_dilation,
                                    rhs_dilation, dimension_numbers,
                                    feature_group_count, batch_group_count,
                                    precision, preferred_element_type)


def winograd_or_direct(m: int | None, **kw):
    """A ``conv_general_dilated`` that routes eligible convs (square kernel, stride 1,
    no dilation or groups) to (quantized) Winograd F(m, r) and the rest to the
    direct conv (quantized if ``kw["quant"]`` is set). ``m=None``: all direct."""
    quant = kw.get("quant")

    def conv(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None,
             dimension_numbers=("NHWC", "HWIO", "NHWC"), feature_group_count=1,
             batch_group_count=1, precision=None, preferred_element_type=None):
        args = (lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation,
                dimension_numbers, feature_group_count, batch_group_count, precision,
                preferred_element_type)
        dn = lax.conv_dimension_numbers(jnp.shape(lhs), jnp.shape(rhs),
                                         dimension_numbers)
        hw = tuple(jnp.shape(rhs)[i] for i in dn.rhs_spec[2:])
        why = check_eligible(hw, window_strides, lhs_dilation, rhs_dilation,
                             feature_group_count, batch_group_count)
        if why is None and (hw[0] != 3 and kw.get("points") is None):
            why = "no standard points"
        if m is not None and why is None:
            if quant is None:
                return winograd_conv(*args, m=m, **{k: v for k, v in kw.items()
                                                     if k != "quant"})
            return quantized_winograd_conv(*args, m=m, **kw)
        if quant is None:
            return lax.conv_general_dilated(*args)
        return direct_quant_conv(*args, quant=quant)

    return conv
