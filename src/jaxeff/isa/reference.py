"""Scalar NumPy reference semantics (the spec) of the asymmetric-operand SIMD matmul.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(Gope, Beu, Mattina, arXiv 2008.00638): an 8-bit x 4-bit matrix-multiply-accumulate
into 16-bit lanes. Only the paper's abstract was available; the instruction shape
and operand layout below are jaxeff design choices (spec ``hmf_simd.md`` §B2, tagged
[Choice]/[U]), derived from "one fully used 128-bit register per operand":
``M*K*8 = K*N*4 = M*N*16 = 128`` gives ``M=2, K=8, N=4``, 64 MACs per instruction.

Registers are ``uint8`` byte arrays (little-endian); element ``e`` of width ``w``
is bits ``[e*w, (e+1)*w)`` of the register read as one unsigned integer. This module
is deliberately slow: Python integers, one element at a time, no vectorization, so it
can serve as the spec that the jitted kernel (:mod:`jaxeff.isa.simd`) is checked
against bit-exactly.

Instructions (spec §B2 table; Arm A-profile pseudo-code MatMulAdd/SDOT, Intel SDM):

* ``asmmla`` [Choice]: A ``2x8`` s8 (or u8), ``A[i][k] = n[8i+k]``; B ``8x4`` s4,
  ``B[k][j] = nib[8j+k]`` with ``nib[2q]`` the low and ``nib[2q+1]`` the high nibble
  of byte ``q``; C ``2x4`` s16, ``d[4i+j] += sum_k A[i][k] B[k][j]``, wrapping mod
  2^16 (default) or saturating once per instruction. Overflow flag per lane: the
  exact ``d + sum`` leaves ``[-2^15, 2^15 - 1]``.
* ``smmla`` / ``ummla`` / ``usmmla``: A ``2x8`` (n), B ``8x2`` by column
  (``B[k][j] = m[8j+k]``), C ``2x2`` s32, wrap mod 2^32.
* ``sdot`` / ``udot`` / ``usdot`` (also by element): 4 s32 lanes,
  ``d[e] += sum_{i<4} n[4e+i] m[4e+i]`` (by element: ``m[4x+i]``).
* ``vpdpbusd`` / ``vpdpbusds``: u8 x s8 groups of 4 into 4 s32 lanes, wrapping or
  (``S``) saturating.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "ASMMLA_SHAPE",
    "asmmla",
    "asmmla_gemm",
    "from_lanes",
    "lanes",
    "saturate",
    "sdot",
    "sign_extend",
    "smmla",
    "smmla_gemm",
    "vpdpbusd",
    "wrap",
]

ASMMLA_SHAPE: tuple[int, int, int] = (2, 8, 4)
MODES = ("wrap", "saturate")


def _check_bits(bits: int) -> None:
    if isinstance(bits, bool) or not isinstance(bits, int) or not 1 <= bits <= 64:
        raise ValueError(f"bit-width must be an int in 1..64, got {bits!r}")


def wrap(v: int, bits: int) -> int:
    """Two's-complement wrap-around of integer ``v`` to ``bits`` (spec §B2 step 2).

    ``wrap(t, 16) = ((t + 2^15) mod 2^16) - 2^15`` (arXiv 2008.00638, wrap mode).
    """
    _check_bits(bits)
    half = 1 << (bits - 1)
    return ((int(v) + half) % (1 << bits)) - half


def saturate(v: int, bits: int) -> int:
    """Clip integer ``v`` to the signed ``bits`` range (saturating variant)."""
    _check_bits(bits)
    half = 1 << (bits - 1)
    return min(max(int(v), -half), half - 1)


def sign_extend(v: int, bits: int) -> int:
    """``sx(v) = v - 2^bits [v >= 2^(bits-1)]`` for ``0 <= v < 2^bits`` (spec §B2)."""
    _check_bits(bits)
    v = int(v)
    if not 0 <= v < (1 << bits):
        raise ValueError(f"sign_extend needs 0 <= v < 2^{bits}, got {v}")
    return v - (1 << bits) if v >= (1 << (bits - 1)) else v


def _reg(reg: np.ndarray | Sequence[int], name: str, nbytes: int | None = None) -> int:
    arr = np.asarray(reg)
    if arr.dtype != np.uint8 or arr.ndim != 1:
        raise TypeError(f"{name} must be a 1-D uint8 byte array, got {arr.dtype} "
                        f"{arr.shape}")
    if nbytes is not None and arr.size != nbytes:
        raise ValueError(f"{name} must have {nbytes} bytes, got {arr.size}")
    return int.from_bytes(arr.tobytes(), "little")


def lanes(reg: np.ndarray, width: int, signed: bool) -> list[int]:
    """Elements of a byte register: element ``e`` is bits ``[e*w, (e+1)*w)``.

    Args:
      reg: ``uint8 [nbytes]`` register (little-endian).
      width: element width in bits (4, 8, 16, 32); must divide ``8*nbytes``.
      signed: two's-complement (sign-extended) or unsigned elements.
    """
    _check_bits(width)
    v = _reg(reg, "reg")
    total = 8 * np.asarray(reg).size
    if total % width:
        raise ValueError(f"width {width} does not divide the register's {total} bits")
    mask = (1 << width) - 1
    out = [(v >> (e * width)) & mask for e in range(total // width)]
    return [sign_extend(x, width) for x in out] if signed else out


def from_lanes(values: Sequence[int], width: int) -> np.ndarray:
    """Inverse of :func:`lanes`: pack integers (taken mod ``2^width``) into bytes."""
    _check_bits(width)
    if (len(values) * width) % 8:
        raise ValueError(f"{len(values)} lanes of {width} bits are not whole bytes")
    v = 0
    for e, x in enumerate(values):
        v |= (int(x) & ((1 << width) - 1)) << (e * width)
    nbytes = len(values) * width // 8
    return np.frombuffer(v.to_bytes(nbytes, "little"), np.uint8).copy()


def _finish(t: list[int], bits: int, mode: str) -> tuple[list[int], list[bool]]:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    flags = [not lo <= x <= hi for x in t]
    f = wrap if mode == "wrap" else saturate
    return [f(x, bits) for x in t], flags


def asmmla(d: np.ndarray, n: np.ndarray, m: np.ndarray, *,
           shape: tuple[int, int, int] = ASMMLA_SHAPE, mode: str = "wrap",
           a_signed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """One asymmetric 8x4-bit matrix multiply-accumulate into s16 lanes.

    arXiv 2008.00638 (abstract: 8-bit x 4-bit inputs, 16-bit accumulators); layout is
    the jaxeff choice of spec §B2: ``A[i][k] = n[K*i+k]`` (8-bit), ``B[k][j] =
    nib[K*j+k]`` (s4, low nibble first), ``d[N*i+j] += sum_k A[i][k] B[k][j]``.

    Args:
      d: accumulator, ``uint8 [2*M*N]`` bytes holding ``M*N`` s16 lanes.
      n: ``uint8 [M*K]`` bytes of A (s8 if ``a_signed`` else u8: ``asmmla_u``).
      m: ``uint8 [K*N/2]`` bytes of packed s4 B.
      shape: ``(M, K, N)``; default ``(2, 8, 4)`` = three full 128-bit registers.
      mode: ``"wrap"`` (mod 2^16) or ``"saturate"`` (clip once per instruction).
      a_signed: A is s8 (True) or u8 (False).

    Returns:
      ``(d', flags)``: the new accumulator bytes and ``bool [M*N]`` overflow flags
      (the exact ``d + sum`` left the s16 range).
    """
    mm, kk, nn = shape
    if min(shape) < 1 or (kk * nn) % 2:
        raise ValueError(f"shape (M, K, N) needs positive sizes and even K*N, got {shape}")
    _reg(d, "d", 2 * mm * nn)
    _reg(n, "n", mm * kk)
    _reg(m, "m", kk * nn // 2)
    acc = lanes(d, 16, signed=True)
    a = lanes(n, 8, signed=a_signed)
    nib = lanes(m, 4, signed=True)
    t = []
    for i in range(mm):
        for j in range(nn):
            s = sum(a[kk * i + k] * nib[kk * j + k] for k in range(kk))
            t.append(acc[nn * i + j] + s)
    out, flags = _finish(t, 16, mode)
    return from_lanes(out, 16), np.array(flags, bool)


def smmla(d: np.ndarray, n: np.ndarray, m: np.ndarray, *, a_signed: bool = True,
          b_signed: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Arm SMMLA / UMMLA / USMMLA ``Vd.4S, Vn.16B, Vm.16B`` (32 MACs, wrap 2^32).

    ``A[i][k] = n[8i+k]``, ``B[k][j] = m[8j+k]``, ``d[2i+j] += sum_k A[i][k] B[k][j]``
    (Arm A-profile MatMulAdd). USMMLA: ``a_signed=False, b_signed=True``. Baseline
    of arXiv 2008.00638 (symmetric-operand instruction, spec §B3).

    Returns ``(d', flags)``, ``flags`` set where the exact sum left int32.
    """
    _reg(d, "d", 16)
    _reg(n, "n", 16)
    _reg(m, "m", 16)
    acc = lanes(d, 32, signed=True)
    a, b = lanes(n, 8, a_signed), lanes(m, 8, b_signed)
    t = [acc[2 * i + j] + sum(a[8 * i + k] * b[8 * j + k] for k in range(8))
         for i in range(2) for j in range(2)]
    out, flags = _finish(t, 32, "wrap")
    return from_lanes(out, 32), np.array(flags, bool)


def sdot(d: np.ndarray, n: np.ndarray, m: np.ndarray, *, a_signed: bool = True,
         b_signed: bool = True, index: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Arm SDOT / UDOT / USDOT ``Vd.4S, Vn.16B, Vm.16B`` (16 MACs, wrap 2^32).

    ``d[e] += sum_{i<4} n[4e+i] m[4e+i]``; with ``index=x`` (by element,
    ``Vm.4B[x]``) ``d[e] += sum_i n[4e+i] m[4x+i]``. Baseline of arXiv 2008.00638.
    """
    _reg(d, "d", 16)
    _reg(n, "n", 16)
    _reg(m, "m", 16)
    if index is not None and index not in range(4):
        raise ValueError(f"index must be 0..3 or None, got {index!r}")
    acc = lanes(d, 32, signed=True)
    a, b = lanes(n, 8, a_signed), lanes(m, 8, b_signed)
    t = [acc[e] + sum(a[4 * e + i] * b[4 * (e if index is None else index) + i]
                      for i in range(4)) for e in range(4)]
    out, flags = _finish(t, 32, "wrap")
    return from_lanes(out, 32), np.array(flags, bool)


def vpdpbusd(d: np.ndarray, a: np.ndarray, b: np.ndarray, *,
             saturate_result: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """x86 VPDPBUSD (wrap) / VPDPBUSDS (saturate) on xmm: u8 x s8 -> 4 s32 lanes.

    ``d[e] += sum_{i<4} zx(a[4e+i]) * sx(b[4e+i])`` (Intel SDM); 16 MACs. Baseline of
    arXiv 2008.00638.
    """
    _reg(d, "d", 16)
    _reg(a, "a", 16)
    _reg(b, "b", 16)
    acc = lanes(d, 32, signed=True)
    ua, sb = lanes(a, 8, signed=False), lanes(b, 8, signed=True)
    t = [acc[e] + sum(ua[4 * e + i] * sb[4 * e + i] for i in range(4)) for e in range(4)]
    out, flags = _finish(t, 32, "saturate" if saturate_result else "wrap")
    return from_lanes(out, 32), np.array(flags, bool)


def _tile_regs(a: np.ndarray, b: np.ndarray, shape: tuple[int, int, int]):
    """Zero-pad ``a [M, K]`` and ``b [K, N]`` to whole ``shape`` tiles."""
    mt, kt, nt = shape
    a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"need a [M, K] and b [K, N], got {a.shape} and {b.shape}")
    m, k = a.shape
    n = b.shape[1]
    pm, pk, pn = -m % mt, -k % kt, -n % nt
    return np.pad(a, ((0, pm), (0, pk))), np.pad(b, ((0, pk), (0, pn))), (m, n)


def asmmla_gemm(a: np.ndarray, b: np.ndarray, *, widen_every: int | None = None,
                mode: str = "wrap", a_signed: bool = True) -> tuple[np.ndarray, int]:
    """Scalar GEMM built only from :func:`asmmla` (slow; small shapes only).

    arXiv 2008.00638 with jaxeff's widening scheme (spec §B2 [Choice]): output tiles
    ``2x4``, K in chunks of 8 in ascending order; every ``widen_every`` instructions
    the s16 lanes are added into s32 and reset (``None``: only at the end).

    Args:
      a: ``[M, K]`` integer codes (s8, or u8 if ``a_signed=False``).
      b: ``[K, N]`` s4 codes in ``[-8, 7]``.

    Returns:
      ``(c int64 [M, N], events)``: events = lane overflow flags summed over all
      instructions.
    """
    ap, bp, (m, n) = _tile_regs(a, b, ASMMLA_SHAPE)
    steps = ap.shape[1] // 8
    out = np.zeros((ap.shape[0], bp.shape[1]), np.int64)
    events = 0
    for i0 in range(0, ap.shape[0], 2):
        for j0 in range(0, bp.shape[1], 4):
            d = from_lanes([0] * 8, 16)
            acc = [0] * 8
            for s in range(steps):
                k0 = 8 * s
                nreg = from_lanes(ap[i0:i0 + 2, k0:k0 + 8].ravel().tolist(), 8)
                mreg = from_lanes(bp[k0:k0 + 8, j0:j0 + 4].T.ravel().tolist(), 4)
                d, flags = asmmla(d, nreg, mreg, mode=mode, a_signed=a_signed)
                events += int(flags.sum())
                if widen_every is not None and (s + 1) % widen_every == 0:
                    acc = [x + y for x, y in zip(acc, lanes(d, 16, True), strict=True)]
                    d = from_lanes([0] * 8, 16)
            acc = [x + y for x, y in zip(acc, lanes(d, 16, True), strict=True)]
            out[i0:i0 + 2, j0:j0 + 4] = np.array(acc).reshape(2, 4)
    return out[:m, :n], events


def smmla_gemm(a: np.ndarray, b: np.ndarray, *, a_signed: bool = True) -> np.ndarray:
    """Scalar GEMM from :func:`smmla` (``2x2`` tiles, K chunks of 8, s32 lanes).

    The symmetric baseline of arXiv 2008.00638 (spec §B3): s4 weights are widened
    to s8 (sign extension) before the 8-bit instruction. Returns ``int64 [M, N]``.
    """
    ap, bp, (m, n) = _tile_regs(a, b, (2, 8, 2))
    out = np.zeros((ap.shape[0], bp.shape[1]), np.int64)
    for i0 in range(0, ap.shape[0], 2):
        for j0 in range(0, bp.shape[1], 2):
            d = from_lanes([0] * 4, 32)
            for k0 in range(0, ap.shape[1], 8):
                nreg = from_lanes(ap[i0:i0 + 2, k0:k0 + 8].ravel().tolist(), 8)
                mreg = from_lanes(bp[k0:k0 + 8, j0:j0 + 2].T.ravel().tolist(), 8)
                d, _ = smmla(d, nreg, mreg, a_signed=a_signed)
            out[i0:i0 + 2, j0:j0 + 2] = np.array(lanes(d, 32, True)).reshape(2, 2)
    return out[:m, :n]
