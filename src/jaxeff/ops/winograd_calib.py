"""Per-layer calibration and diagnostics of Winograd and direct quantized convs.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), spec ``winograd.md``:

* :func:`layer_sqnr`, :func:`direct_layer_sqnr`, :func:`per_layer_sqnr`: the SQNR of
  §2 "Data-free fine-tuning", ``10 log10(|Y_ref|^2 / |Y_ref - Y_q|^2)`` dB, of one
  quantized conv (Winograd or direct W8A8) against the float direct conv computed at
  ``HIGHEST`` precision, so the two can be compared layer by layer;
* :func:`tapwise_absmax`: the static per-position ranges of the tap-wise baseline
  (§3 "Tap-wise / per-position": static absmax scales for ``x, V, M`` per position,
  calibrated through the float Winograd pipeline; ``U`` is static anyway);
* :func:`m_position_std`, :func:`cross_map`: ``std(M_p)`` per Winograd position, the
  "cross" pattern of §2 "Range imbalance" (``std(M_ij) = a_i a_j`` for i.i.d. data).

Layers are given as objects with ``path``, ``input`` (``[N, H, W, C_in]``),
``kernel`` (HWIO) and optionally ``strides`` and ``padding`` attributes, e.g. the
:class:`~jaxeff.nets.winograd.ConvInfo` list of
:func:`~jaxeff.nets.winograd.conv_layers`, or :class:`ConvLayer`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from jaxeff.ops.losses import sqnr_db
from jaxeff.ops.winograd import WinogradScales, winograd_conv
from jaxeff.ops.winograd_quant import WinogradQuant, check_quant, stage_absmax
from jaxeff.ops.winograd_route import winograd_or_direct

__all__ = [
    "TAPWISE",
    "ConvLayer",
    "cross_map",
    "direct_layer_sqnr",
    "layer_sqnr",
    "m_position_std",
    "per_layer_sqnr",
    "stage_tensors",
    "tapwise_absmax",
]

DN = ("NHWC", "HWIO", "NHWC")
TAPWISE = WinogradQuant(granularity="position")
"""The tap-wise baseline's quantizer: per-position V, M; per position and C_out U."""
_HI = lax.Precision.HIGHEST


@dataclasses.dataclass(frozen=True)
class ConvLayer:
    """One conv layer's real input ``[N, H, W, C_in]`` and HWIO kernel."""

    path: str
    input: jax.Array
    kernel: jax.Array
    strides: tuple[int, int] = (1, 1)
    padding: Any = "SAME"


def _hashable(padding):
    return padding if isinstance(padding, str) else tuple(tuple(p) for p in padding)


def _reference(x, w, strides, padding):
    return lax.conv_general_dilated(x, w, strides, padding, dimension_numbers=DN,
                                    precision=_HI)


def layer_sqnr(x: jax.Array, w: jax.Array, m: int, quant: WinogradQuant,
               scales: WinogradScales | None = None, padding="SAME", *,
               absmax: Mapping[str, jax.Array] | None = None) -> jax.Array:
    """SQNR (dB, scalar) of the quantized Winograd F(m, r) conv of ``x [N,H,W,C_in]``
    with HWIO ``w`` against the float direct conv (spec §2 SQNR).

    ``scales``: transform scales; ``absmax``: static per-stage ranges (e.g. from
    :func:`tapwise_absmax`), so a statically calibrated row's SQNR uses the same
    ranges as its accuracy.
    """
    y = winograd_or_direct(m, quant=quant, scales=scales, absmax=absmax)(
        x, w, (1, 1), padding, dimension_numbers=DN)
    return sqnr_db(y, _reference(x, w, (1, 1), padding))


def direct_layer_sqnr(x: jax.Array, w: jax.Array, quant: WinogradQuant,
                      padding="SAME", strides=(1, 1)) -> jax.Array:
    """SQNR (dB, scalar) of the direct W8A8 conv
    (:func:`~jaxeff.ops.winograd_route.direct_quant_conv`) against the float conv."""
    y = winograd_or_direct(None, quant=quant)(x, w, strides, padding,
                                              dimension_numbers=DN)
    return sqnr_db(y, _reference(x, w, strides, padding))


@functools.partial(jax.jit, static_argnames=("m", "quant", "strides", "padding"))
def _one_sqnr(x, w, scales, absmax, *, m, quant, strides, padding):
    conv = winograd_or_direct(m, quant=quant, scales=scales, absmax=absmax)
    y = conv(x, w, strides, padding, dimension_numbers=DN)
    return sqnr_db(y, _reference(x, w, strides, padding))


def per_layer_sqnr(
    layers: Sequence[Any],
    *,
    m: int | None,
    quant: WinogradQuant,
    scales: WinogradScales | Mapping[str, WinogradScales] | None = None,
    absmax: Mapping[str, Mapping[str, jax.Array]] | None = None,
) -> dict[str, float]:
    """``{path: SQNR dB}`` of each layer run as the model runs it, vs its float conv.

    Each layer goes through :func:`~jaxeff.ops.winograd_route.winograd_or_direct`:
    ``m=None`` gives the direct W8A8 conv of every layer; with ``m`` eligible layers
    run quantized Winograd (with ``scales``, shared or ``{path: scales}``, and the
    static ranges ``absmax[path]`` if given) and the others direct W8A8.
    """
    check_quant(quant, "per_layer_sqnr")
    out = {}
    for li in layers:
        sc = scales.get(li.path) if isinstance(scales, Mapping) else scales
        am = None if absmax is None else absmax.get(li.path)
        st = tuple(getattr(li, "strides", (1, 1)))
        pad = _hashable(getattr(li, "padding", "SAME"))
        out[li.path] = float(_one_sqnr(li.input, li.kernel, sc, am, m=m, quant=quant,
                                       strides=st, padding=pad))
    return out


def stage_tensors(x: jax.Array, w: jax.Array, m: int, padding, stages: Sequence[str],
                  scales: WinogradScales | None = None, *,
                  matrices=None) -> dict[str, jax.Array]:
    """The float Winograd pipeline's stage tensors ``{stage: tensor}`` for NHWC ``x``
    and HWIO ``w`` (``"x"`` NHWC, ``"V"`` ``[alpha^2, T, C_in]``, ``"U"``
    ``[alpha^2, C_in, C_out]``, ``"M"`` ``[alpha^2, T, C_out]``), with optional
    ``scales`` or full transform ``matrices`` (:func:`~jaxeff.ops.winograd.winograd_conv`).
    """
    got: dict[str, jax.Array] = {}

    def grab(name):
        def f(t):
            got[name] = t
            return t
        return f

    winograd_conv(x, w, (1, 1), padding, dimension_numbers=DN, m=m, scales=scales,
                  hooks={s: grab(s) for s in stages}, matrices=matrices)
    return got


def tapwise_absmax(layers: Sequence[Any], m: int, quant: WinogradQuant = TAPWISE
                   ) -> dict[str, dict[str, jax.Array]]:
    """Static per-position ranges ``{path: {"x", "V", "M": absmax}}`` (spec §3).

    The float Winograd pipeline runs on each layer's calibration ``input`` (e.g.
    training images through the float model); each stage's ``max|.|`` is taken per
    ``quant``'s groups (:func:`~jaxeff.ops.winograd_quant.stage_absmax`). Pass the
    result as ``absmax`` with the same ``quant`` (``granularity="position"``: the
    ranges do not depend on the batch or image size).
    """
    check_quant(quant, "tapwise_absmax")
    out = {}
    for li in layers:
        pad = getattr(li, "padding", "SAME")
        t = stage_tensors(li.input, li.kernel, m, pad, ("x", "V", "M"))
        out[li.path] = {s: stage_absmax(v, s, quant) for s, v in t.items()}
    return out


def m_position_std(x: jax.Array, w: jax.Array, m: int,
                   scales: WinogradScales | None = None, padding="SAME") -> np.ndarray:
    """``std(M_p)`` per Winograd position, ``[alpha, alpha]`` float64 (spec "Range
    imbalance"), of the float pipeline on input ``x [N,H,W,C_in]``, HWIO ``w``."""
    mm = stage_tensors(x, w, m, padding, ("M",), scales)["M"]
    alpha = m + w.shape[0] - 1
    return np.asarray(jnp.std(mm, axis=(1, 2)), np.float64).reshape(alpha, alpha)


def cross_map(layers: Sequence[Any], m: int,
              scales: WinogradScales | None = None) -> np.ndarray:
    """Mean over layers of ``log10 std(M_p)``, ``[alpha, alpha]``, relative to its max
    (0 = the largest position); ``10**(max - min)`` is the range ratio over positions."""
    maps = [np.log10(m_position_std(li.input, li.kernel, m, scales,
                                    getattr(li, "padding", "SAME")) + 1e-30)
            for li in layers]
    mp = np.mean(maps, axis=0)
    return mp - mp.max()
