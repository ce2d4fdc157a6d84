"""Fixed-point requantization of TFLite's reference kernels, exact in JAX's 32-bit default.

TFLite's integer kernels (tensorflow/lite/kernels/internal/common.h, quantization_util.cc)
rescale an int32 accumulator by a real multiplier ``M`` stored as a Q31 significand ``q``
in [2^30, 2^31) and a power-of-two exponent ``shift`` (``M = q * 2^(shift - 31)``):

* :func:`quantize_multiplier` - ``frexp`` of the double ``M``, significand rounded half
  away from zero to 31 bits (``q == 2^31`` renormalised), exponents below -31 flush to 0.
* ``SaturatingRoundingDoublingHighMul(a, b)`` (:func:`srdhm`): the high 32 bits of
  ``2*a*b``: the product plus a nudge (2^30, or 1 - 2^30 when negative) divided by 2^31
  truncating toward zero, which rounds ties toward +inf (-1.5 -> -1); saturating
  ``INT32_MIN * INT32_MIN``.
* ``RoundingDivideByPOT(x, e)`` (:func:`rounding_divide_by_pot`): ``x / 2^e`` rounded
  half away from zero.
* ``MultiplyByQuantizedMultiplier(x, q, shift)`` (:func:`mbqm`): left shift by
  ``max(shift, 0)`` (wrapping int32 multiply), high-mul by ``q``, rounding right shift by
  ``max(-shift, 0)`` (the double-rounding build, TFLite's default; spec tflite_import.md).

JAX disables 64-bit types by default, so the 64-bit product of :func:`srdhm` is formed
from 16-bit halves in uint32 arithmetic (no int64 anywhere): exact for every int32 pair.
The ``np_*`` functions are the plain int64 NumPy definitions, used as the test oracle
and to build lookup tables at import time.
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
from jax import lax

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1


# ------------------------------------------------------------------ build-time (host)
def quantize_multiplier(m: float) -> tuple[int, int]:
    """``QuantizeMultiplier`` (quantization_util.cc): real ``m >= 0`` -> ``(q, shift)``
    with ``m ~= q * 2^(shift - 31)``, ``q`` in [2^30, 2^31) (0 for ``m == 0``)."""
    if m < 0 or not math.isfinite(m):
        raise ValueError(f"multiplier must be finite and >= 0, got {m}")
    if m == 0.0:
        return 0, 0
    frac, shift = math.frexp(m)
    q = _round_half_away(frac * float(1 << 31))
    if q == 1 << 31:
        q //= 2
        shift += 1
    if shift < -31:
        return 0, 0
    return int(q), int(shift)


def quantize_multipliers(ms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`quantize_multiplier` of every element (per-channel); int32 arrays."""
    pairs = [quantize_multiplier(float(m)) for m in np.ravel(np.asarray(ms, np.float64))]
    q = np.array([p[0] for p in pairs], np.int32).reshape(np.shape(ms))
    s = np.array([p[1] for p in pairs], np.int32).reshape(np.shape(ms))
    return q, s


def _round_half_away(x: float) -> int:
    """``std::round`` / ``TfLiteRound``: nearest integer, ties away from zero."""
    return int(math.copysign(math.floor(abs(x) + 0.5), x))


def np_round_half_away(x: np.ndarray) -> np.ndarray:
    """Element-wise ``std::round`` in the dtype of ``x`` (ties away from zero)."""
    x = np.asarray(x)
    return (np.sign(x) * np.floor(np.abs(x) + x.dtype.type(0.5))).astype(x.dtype)


def np_srdhm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Int64 NumPy ``SaturatingRoundingDoublingHighMul`` (the oracle); int32 result."""
    a64, b64 = np.asarray(a, np.int64), np.asarray(b, np.int64)
    ab = a64 * b64
    nudged = ab + np.where(ab >= 0, 1 << 30, 1 - (1 << 30))
    q = np.where(nudged >= 0, nudged // (1 << 31), -((-nudged) // (1 << 31)))
    sat = (a64 == INT32_MIN) & (b64 == INT32_MIN)
    return np.where(sat, INT32_MAX, q).astype(np.int32)


def np_rounding_divide_by_pot(x: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Int64 NumPy ``RoundingDivideByPOT`` (``0 <= e <= 31``); int32 result."""
    x64, e64 = np.asarray(x, np.int64), np.asarray(e, np.int64)
    mask = (np.int64(1) << e64) - 1
    rem = x64 & mask
    thr = (mask >> 1) + (x64 < 0)
    return ((x64 >> e64) + (rem > thr)).astype(np.int32)


def np_mbqm(x: np.ndarray, q: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """Int64 NumPy ``MultiplyByQuantizedMultiplier``; int32 result."""
    shift = np.asarray(shift, np.int64)
    left = np.maximum(shift, 0)
    xs = (np.asarray(x, np.int64) << left).astype(np.int32)  # C int32 wrap
    return np_rounding_divide_by_pot(np_srdhm(xs, q), np.maximum(-shift, 0))


# ------------------------------------------------------------------ traced (JAX, int32)
def _u32(x: jnp.ndarray) -> jnp.ndarray:
    return lax.bitcast_convert_type(x.astype(jnp.int32), jnp.uint32)


def srdhm(a: jnp.ndarray, b: jnp.ndarray) -> jnp.ndarray:
    """``SaturatingRoundingDoublingHighMul`` of int32 arrays (broadcast), exact without
    int64: |a|*|b| < 2^62 is assembled from four 16x16-bit products in uint32 with
    explicit carries, the nudge in magnitude (2^30 for a non-negative product, 2^30 - 1
    for a negative one: the C code's truncation toward zero) is added, and bits 31..62
    are kept, then the sign is restored."""
    a = jnp.asarray(a, jnp.int32)
    b = jnp.asarray(b, jnp.int32)
    neg = (a < 0) ^ (b < 0)
    ua = _u32(jnp.where(a < 0, -a, a))  # -INT32_MIN wraps to 2^31 as uint32: exact
    ub = _u32(jnp.where(b < 0, -b, b))
    m16 = jnp.uint32(0xFFFF)
    al, ah = ua & m16, ua >> 16
    bl, bh = ub & m16, ub >> 16
    ll, hh = al * bl, ah * bh
    mid = al * bh + ah * bl  # each < 2^31: the sum fits uint32
    lo = ll + (mid << 16)
    hi = hh + (mid >> 16) + (lo < ll).astype(jnp.uint32)
    nudge = jnp.where(neg, jnp.uint32((1 << 30) - 1), jnp.uint32(1 << 30))
    lo2 = lo + nudge
    hi2 = hi + (lo2 < lo).astype(jnp.uint32)
    mag = lax.bitcast_convert_type((hi2 << 1) | (lo2 >> 31), jnp.int32)
    out = jnp.where(neg, -mag, mag)
    return jnp.where((a == INT32_MIN) & (b == INT32_MIN), jnp.int32(INT32_MAX), out)


def rounding_divide_by_pot(x: jnp.ndarray, e: jnp.ndarray | int) -> jnp.ndarray:
    """``RoundingDivideByPOT``: int32 ``x / 2^e`` rounded half away from zero, 0 <= e <= 31."""
    x = jnp.asarray(x, jnp.int32)
    e = jnp.asarray(e, jnp.int32)
    mask = lax.bitcast_convert_type((jnp.uint32(1) << _u32(e)) - jnp.uint32(1), jnp.int32)
    rem = x & mask
    thr = (mask >> 1) + (x < 0).astype(jnp.int32)
    return (x >> e) + (rem > thr).astype(jnp.int32)


def mbqm(x: jnp.ndarray, q: jnp.ndarray | int, shift: jnp.ndarray | int) -> jnp.ndarray:
    """``MultiplyByQuantizedMultiplier(x, q, shift)`` on int32 (q/shift broadcast, e.g.
    per output channel on the last axis)."""
    shift = jnp.asarray(shift, jnp.int32)
    left = jnp.maximum(shift, 0)
    xs = jnp.asarray(x, jnp.int32) * (jnp.int32(1) << left)  # wrapping, as in C
    return rounding_divide_by_pot(srdhm(xs, q), jnp.maximum(-shift, 0))


def np_mbqm_single(x: np.ndarray, q: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """Int64 NumPy ``MultiplyByQuantizedMultiplier`` of a ``TFLITE_SINGLE_ROUNDING``
    build: ``(x * q + 2^(30 - shift)) >> (31 - shift)``, one rounding (half up); a
    shift above 30 saturates to ``(2^31 - 1, 30)`` as that build's
    ``QuantizeMultiplier`` does (:func:`saturate_single`)."""
    q, shift = saturate_single(np.asarray(q, np.int64), np.asarray(shift, np.int64))
    ts = 31 - np.asarray(shift, np.int64)
    r = np.asarray(x, np.int64) * np.asarray(q, np.int64) + (np.int64(1) << (ts - 1))
    return (r >> ts).astype(np.int32)


def saturate_single(q: np.ndarray, shift: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What ``QuantizeMultiplier`` of a ``TFLITE_SINGLE_ROUNDING`` build stores for a
    shift above 30 (tensorflow/lite/kernels/internal/quantization_util.cc: the
    single-rounding ``MultiplyByQuantizedMultiplier`` does not support it, so it is
    saturated): ``q = 2^31 - 1``, ``shift = 30``; other ``(q, shift)`` unchanged. Works
    on NumPy and JAX arrays."""
    xp = jnp if isinstance(q, jnp.ndarray) or isinstance(shift, jnp.ndarray) else np
    big = shift > 30
    return xp.where(big, INT32_MAX, q), xp.where(big, 30, shift)


def mbqm_single(x: jnp.ndarray, q: jnp.ndarray | int, shift: jnp.ndarray | int
                ) -> jnp.ndarray:
    """``MultiplyByQuantizedMultiplier`` of a ``TFLITE_SINGLE_ROUNDING`` build on int32
    (``q >= 0``, ``-31 <= shift <= 30``): the signed 64-bit ``x * q + 2^(30 - shift)`` is
    formed in uint32 halves (two's complement) and shifted right arithmetically by
    ``31 - shift``, exactly as the int64 C code, without int64. A shift above 30 (a
    multiplier of 2^30 or more) saturates as in :func:`saturate_single`."""
    x = jnp.asarray(x, jnp.int32)
    q, shift = saturate_single(jnp.asarray(q, jnp.int32), jnp.asarray(shift, jnp.int32))
    ts = 31 - jnp.asarray(shift, jnp.int32)  # 1..62
    neg = x < 0
    ux, uq = _u32(jnp.where(neg, -x, x)), _u32(q)
    m16 = jnp.uint32(0xFFFF)
    xl, xh, ql, qh = ux & m16, ux >> 16, uq & m16, uq >> 16
    ll, hh = xl * ql, xh * qh
    mid1, mid2 = xl * qh, xh * ql  # each < 2^32; add them with carries separately
    lo = ll + (mid1 << 16)
    hi = hh + (mid1 >> 16) + (lo < ll).astype(jnp.uint32)
    lo2 = lo + (mid2 << 16)
    hi = hi + (mid2 >> 16) + (lo2 < lo).astype(jnp.uint32)
    # two's complement negation when x < 0
    nlo = ~lo2 + jnp.uint32(1)
    nhi = ~hi + (nlo == 0).astype(jnp.uint32)
    lo2, hi = jnp.where(neg, nlo, lo2), jnp.where(neg, nhi, hi)
    # + 2^(ts - 1)
    r_lo = jnp.where(ts <= 32, jnp.uint32(1) << _u32(jnp.clip(ts - 1, 0, 31)), jnp.uint32(0))
    r_hi = jnp.where(ts > 32, jnp.uint32(1) << _u32(jnp.clip(ts - 33, 0, 31)), jnp.uint32(0))
    lo3 = lo2 + r_lo
    hi3 = hi + r_hi + (lo3 < lo2).astype(jnp.uint32)
    shi = lax.bitcast_convert_type(hi3, jnp.int32)
    small = ts < 32
    t_s = _u32(jnp.clip(ts, 1, 31))
    low_part = (lo3 >> t_s) | (hi3 << (jnp.uint32(32) - t_s))
    res_small = lax.bitcast_convert_type(low_part, jnp.int32)
    res_big = shi >> jnp.clip(ts - 32, 0, 31)
    return jnp.where(small, res_small, res_big)


# ------------------------------------------------------------------ quantization ranges
QRANGE = {"int8": (-128, 127), "uint8": (0, 255), "int16": (-32768, 32767),
          "int32": (INT32_MIN, INT32_MAX)}


def activation_range(act: str | None, dtype: str, scale: float, zero_point: int
                     ) -> tuple[int, int]:
    """``CalculateActivationRangeQuantized`` (kernel_util.cc): the integer clamp of a
    fused activation, ``zp + round(f / scale)`` in float32 for the bounds 0, 6, +-1."""
    qmin, qmax = QRANGE[dtype]

    def q(f: float) -> int:
        return int(zero_point) + _round_half_away(float(np.float32(f) / np.float32(scale)))

    act = act or "NONE"
    if act == "NONE":
        return qmin, qmax
    if act == "RELU":
        return max(qmin, q(0.0)), qmax
    if act == "RELU6":
        return max(qmin, q(0.0)), min(qmax, q(6.0))
    if act == "RELU_N1_TO_1":
        return max(qmin, q(-1.0)), min(qmax, q(1.0))
    raise NotImplementedError(f"fused activation {act} on a quantized output")
