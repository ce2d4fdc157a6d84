"""int8/uint8 HARD_SWISH of TFLite's reference kernel (reference_ops::HardSwish, the
16-bit fixed-point version of activations.cc's HardSwishPrepare), as a 256-entry table.

The op is element-wise on an 8-bit input, so the kernel's int16 arithmetic is emulated
once per input code in NumPy (int64 holding int16 values, with the kernel's
saturations): ``x' = (q - zp) << 7``; a pre-shift output ``SRDHM16(x', m_out)``; a
"relu-ish" factor: ``x'`` rescaled by ``m_relu`` (saturating left shifts around the
high-mul, or a rounding right shift) into [-1, 1], mapped to [0, 1] by
``(r + 2^15) >> 1``; their product by the non-rounding ``SaturatingDoublingHighMul``;
a rounding right shift by the output exponent; ``+ zp_out``, clamp. Multipliers: float32
``(s_in / 128) / s_out`` and ``(s_in / 128) / (3 / 32768)``, ``QuantizeMultiplier``,
then rounded to 16 bits (``DownScaleInt32ToInt16Multiplier``).
"""

from __future__ import annotations

import numpy as np

from jaxeff.tflite.qmath import QRANGE, quantize_multiplier

I16_MIN, I16_MAX = -(2**15), 2**15 - 1


def _to16(m32: int) -> int:
    """``DownScaleInt32ToInt16Multiplier``: ``(m + 2^15) >> 16``, saturating."""
    if m32 >= 2**31 - 1 - 2**15:
        return I16_MAX
    return (m32 + 2**15) >> 16


def _srdhm16(a: np.ndarray, b: int) -> np.ndarray:
    ab = a.astype(np.int64) * b
    nudged = ab + np.where(ab >= 0, 1 << 14, 1 - (1 << 14))
    q = np.where(nudged >= 0, nudged // (1 << 15), -((-nudged) // (1 << 15)))
    return np.where((a == I16_MIN) & (b == I16_MIN), I16_MAX, q)


def _sdhm16(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    ab = a.astype(np.int64) * b
    q = np.where(ab >= 0, ab // (1 << 15), -((-ab) // (1 << 15)))
    return np.where((a == I16_MIN) & (b == I16_MIN), I16_MAX, q)


def _rdbpot16(x: np.ndarray, e: int) -> np.ndarray:
    mask = (1 << e) - 1
    rem = x & mask
    thr = (mask >> 1) + (x < 0)
    return (x >> e) + (rem > thr)


def _sat_lshift16(x: np.ndarray, n: int) -> np.ndarray:
    return np.clip(x * (1 << n), I16_MIN, I16_MAX)


def hard_swish_table(dtype: str, s_in: float, zp_in: int, s_out: float, zp_out: int
                     ) -> np.ndarray:
    """Output code (int32) for every input code ``qmin..qmax`` of ``dtype``."""
    hires = np.float32(1.0 / 128.0) * np.float32(s_in)
    m_out, e_out = quantize_multiplier(float(hires / np.float32(s_out)))
    m_rel, e_rel = quantize_multiplier(float(hires / np.float32(3.0 / 32768.0)))
    m_out, m_rel = _to16(m_out), _to16(m_rel)
    if e_out > 0:
        raise ValueError("HARD_SWISH output multiplier exponent must be <= 0")
    lo, hi = QRANGE[dtype]
    x = np.arange(lo, hi + 1, dtype=np.int64) - zp_in
    hx = x * 128
    pre = _srdhm16(hx, m_out)
    r = hx
    if e_rel > 0:
        r = _sat_lshift16(r, e_rel - 1)
    r = _srdhm16(r, m_rel)
    if e_rel > 0:
        r = _sat_lshift16(r, 1)
    if e_rel < 0:
        r = _rdbpot16(r, -e_rel)
    r = (r + (1 << 15)) >> 1
    out = _rdbpot16(_sdhm16(r, pre), -e_out) + zp_out
    return np.clip(out, lo, hi).astype(np.int32)
