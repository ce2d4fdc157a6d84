"""gemmlowp's 16-bit fixed-point logistic and tanh (fixedpoint.h), as NumPy tables.

TFLite's integer LSTM (lstm_eval.cc, portable_tensor_utils.cc ``ApplySigmoid`` /
``ApplyTanh``) evaluates ``gemmlowp::logistic`` and ``gemmlowp::tanh`` on
``FixedPoint<int16_t, IntegerBits>`` gate values (Q3.12 for the gates). The functions
are built from int16 primitives, each reproduced here on int64 arrays with the C
semantics (two's-complement wrap of int16 ``+ - << neg``, truncating division):

* ``SaturatingRoundingDoublingHighMul``: ``(a b + nudge) / 2^15``, nudge ``2^14`` or
  ``1 - 2^14`` by the product's sign, saturating ``-2^15 * -2^15``;
* ``RoundingDivideByPOT`` (half away from zero), ``SaturatingRoundingMultiplyByPOT``,
  ``RoundingHalfSum``, saturating add, and the Q0.31 constants rounded to Q0.15
  (``RescaleConstantInitializer``);
* ``exp`` on [-1/4, 0) by a 4th-order Taylor expansion around -1/8, extended to x < 0
  by the barrel shifter of ``exp(-2^k)`` factors; ``1 / (1 + x)`` and
  ``(1 - x) / (1 + x)`` by three Newton-Raphson steps from ``48/17 - 32/17 d``;
  ``logistic(x) = 1 / (1 + exp(-|x|))`` (mirrored), ``tanh(x) = (1 - e) / (1 + e)`` with
  ``e = exp(-2|x|)``.

Every int16 input is tabulated once (:func:`logistic_table`, :func:`tanh_table`,
65,536 entries), so the traced kernel is one gather.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["logistic_q015", "logistic_table", "tanh_q015", "tanh_table"]

_EXP_BARREL = ((-2, 1672461947), (-1, 1302514674), (0, 790015084), (1, 290630308),
               (2, 39332535), (3, 720401), (4, 242))


def _w16(x: np.ndarray) -> np.ndarray:
    """int16 two's-complement wrap of an int64 array."""
    return ((np.asarray(x, np.int64) + 32768) & 0xFFFF) - 32768


def _tdiv(a: np.ndarray, b: int) -> np.ndarray:
    """C integer division (truncation toward zero)."""
    a = np.asarray(a, np.int64)
    q = np.abs(a) // b
    return np.where(a < 0, -q, q)


def _srdhm(a: np.ndarray, b: np.ndarray | int) -> np.ndarray:
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    ab = a * b
    r = _w16(_tdiv(ab + np.where(ab >= 0, 1 << 14, 1 - (1 << 14)), 1 << 15))
    return np.where((a == b) & (a == -32768), 32767, r)


def _rdbpot(x: np.ndarray, e: int) -> np.ndarray:
    x = np.asarray(x, np.int64)
    mask = (1 << e) - 1
    return _w16((x >> e) + ((x & mask) > (mask >> 1) + (x < 0)))


def _srmbypot(x: np.ndarray, e: int) -> np.ndarray:
    """``SaturatingRoundingMultiplyByPOT<e>`` on int16."""
    if e == 0:
        return x
    if e < 0:
        return _rdbpot(x, -e)
    thr = (1 << (15 - e)) - 1
    r = np.where(x > thr, 32767, _w16(np.asarray(x, np.int64) << e))
    return np.where(x < -thr, -32768, r)


def _const(v: int) -> int:
    """A Q*.31 int32 constant as the int16 raw value (rounding shift by 16)."""
    return int(_rdbpot(np.int64(v), 16))


def _exp_quarter(a: np.ndarray) -> np.ndarray:
    """``exp_on_interval_between_negative_one_quarter_and_0_excl`` (Q0.15)."""
    ct, c13 = _const(1895147668), _const(715827883)
    x = _w16(a + (1 << 12))
    x2 = _srdhm(x, x)
    x3, x4 = _srdhm(x2, x), _srdhm(x2, x2)
    t = _srmbypot(_w16(_srdhm(_w16(_srmbypot(x4, -2) + x3), c13) + x2), -1)
    return np.clip(ct + _srdhm(ct, _w16(x + t)), -32768, 32767)


def _exp_neg(a: np.ndarray, ib: int) -> np.ndarray:
    """``exp_on_negative_values`` of a Q(ib).(15-ib) value, Q0.15 result."""
    fb = 15 - ib
    quarter = 1 << (fb - 2)
    amq = _w16((a & (quarter - 1)) - quarter)
    res = _exp_quarter(_srmbypot(amq, ib))
    rem = _w16(amq - a)
    for e, m in _EXP_BARREL:
        if ib > e:
            res = np.where((rem & (1 << (fb + e))) != 0, _srdhm(res, _const(m)), res)
    if ib > 5:
        res = np.where(a < _const(-(1 << (36 - ib))), 0, res)
    return np.where(a == 0, 32767, res)


def _newton(a: np.ndarray) -> np.ndarray:
    """Q2.13 ``1 / (1 + a)`` by Newton-Raphson (the shared loop of both divisions)."""
    hd = _w16(_tdiv(a + 32767 + np.where(a + 32767 >= 0, 1, -1), 2))  # RoundingHalfSum
    x = _w16(_const(1515870810) + _srdhm(hd, _const(-1010580540)))
    for _ in range(3):
        x = _w16(x + _srmbypot(_srdhm(x, _w16(8192 - _srdhm(hd, x))), 2))
    return x


def logistic_q015(a: np.ndarray, ib: int) -> np.ndarray:
    """``gemmlowp::logistic`` of int16 raw values in Q(ib).(15-ib): Q0.15 result."""
    a = np.asarray(a, np.int64)
    pos = a > 0
    absin = np.where(pos, a, _w16(-a))
    rp = _srmbypot(_newton(_exp_neg(_w16(-absin), ib)), 1)
    rn = _w16(32767 - rp)
    return np.where(a == 0, _const(1 << 30), np.where(pos, rp, rn))


def tanh_q015(a: np.ndarray, ib: int) -> np.ndarray:
    """``gemmlowp::tanh`` of int16 raw values in Q(ib).(15-ib): Q0.15 result."""
    a = np.asarray(a, np.int64)
    neg = a < 0
    n = np.where(neg, a, _w16(-a))
    t = _srmbypot(_w16(_newton(_exp_neg(n, ib + 1)) - 8192), 2)
    return np.where(a == 0, 0, np.where(neg, _w16(-t), t))


@functools.lru_cache(maxsize=8)
def logistic_table(ib: int) -> np.ndarray:
    """:func:`logistic_q015` of every int16 ``-32768..32767`` (int32, index ``x + 32768``)."""
    return logistic_q015(np.arange(-32768, 32768), ib).astype(np.int32)


@functools.lru_cache(maxsize=8)
def tanh_table(ib: int) -> np.ndarray:
    """:func:`tanh_q015` of every int16 (int32, index ``x + 32768``)."""
    return tanh_q015(np.arange(-32768, 32768), ib).astype(np.int32)
