"""Cycle-level weight-stationary systolic array: symmetric int8 vs asymmetric 8x4 PEs.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(arXiv 2008.00638) states that the asymmetric idea also applies to a symmetric
(TPU-like) systolic array "without violating its implementation constraints". The
PE design here is a jaxeff reconstruction (spec ``hmf_simd.md`` §B2, [U; Choice]):

* ``"int8"`` PE: 8-bit activation in, 8-bit weight register (s4 weights widened to
  s8), 32-bit partial sum in and out; 1 MAC per cycle.
* ``"int8x4"`` PE: the same 8-bit weight register holds two s4 weights (output
  columns ``2c`` and ``2c+1``), two 8x4 multipliers, and the 32-bit partial-sum wires
  carry two s16 lanes (wrapping adders, overflow flags). Same wires, 2 MACs/cycle.

Dataflow (TPU-v1 style): weights of a ``rows x cols`` tile stay in the PEs;
activation ``X[m, k]`` enters row ``k`` at cycle ``start + m + k`` and moves one PE
right per cycle; partial sums move one PE down per cycle and leave the bottom of
column ``c`` at cycle ``start + m + rows - 1 + c``, where they are added into int32
accumulators (for ``int8x4`` this is the s16 -> s32 widening, every ``rows``
products). Weight tiles are double-buffered: the next tile loads (``rows`` cycles)
while the current one streams, so tile ``t+1`` starts ``max(M, rows)`` cycles after
tile ``t``; the first load is exposed. :func:`cycles` is the closed form of the
simulated schedule.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

__all__ = ["ArrayConfig", "SimResult", "cycles", "simulate", "utilization"]

PES = ("int8", "int8x4")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ArrayConfig:
    """A ``rows x cols`` weight-stationary array of ``pe`` processing elements."""

    rows: int = 16
    cols: int = 16
    pe: str = "int8"

    def __post_init__(self) -> None:
        if self.pe not in PES:
            raise ValueError(f"pe must be one of {PES}, got {self.pe!r}")
        if min(self.rows, self.cols) < 1:
            raise ValueError(f"rows and cols must be >= 1, got {self.rows}x{self.cols}")

    @property
    def lanes(self) -> int:
        """Output columns per PE (MACs per PE per cycle)."""
        return 2 if self.pe == "int8x4" else 1

    @property
    def out_cols(self) -> int:
        return self.cols * self.lanes


@dataclasses.dataclass(frozen=True)
class SimResult:
    """``out int64 [M, N]``, total ``cycles``, s16 lane overflow ``events``."""

    out: np.ndarray
    cycles: int
    events: int


def _tiles(k: int, n: int, cfg: ArrayConfig) -> int:
    return math.ceil(k / cfg.rows) * math.ceil(n / cfg.out_cols)


def cycles(m: int, k: int, n: int, cfg: ArrayConfig) -> int:
    """Cycles of an ``[M, K] x [K, N]`` GEMM (closed form of :func:`simulate`).

    ``rows + (T - 1) max(M, rows) + M + rows + cols - 2`` for ``T`` weight tiles
    (arXiv 2008.00638 systolic comparison; schedule of this module's docstring).
    """
    if min(m, k, n) < 1:
        raise ValueError(f"GEMM sizes must be positive, got M={m} K={k} N={n}")
    t = _tiles(k, n, cfg)
    return cfg.rows + (t - 1) * max(m, cfg.rows) + m + cfg.rows + cfg.cols - 2


def utilization(m: int, k: int, n: int, cfg: ArrayConfig) -> float:
    """Useful MACs / (PEs x MACs per PE per cycle x cycles)."""
    peak = cfg.rows * cfg.cols * cfg.lanes * cycles(m, k, n, cfg)
    return m * k * n / peak


def simulate(a: np.ndarray, b: np.ndarray, cfg: ArrayConfig) -> SimResult:
    """Cycle-by-cycle simulation (registers shifted every cycle; small GEMMs only).

    Args:
      a: ``[M, K]`` 8-bit activation codes (s8 or u8).
      b: ``[K, N]`` s4 weight codes in ``[-8, 7]``.
      cfg: the array.

    Returns:
      :class:`SimResult`; for ``int8`` PEs ``out == a @ b`` exactly; for ``int8x4``
      PEs each column's partial sum wraps in s16 (equal to
      ``jaxeff.isa.simd.asmmla_gemm(a, b, widen_every=rows // 8)`` for wrap mode).
    """
    a, b = np.asarray(a), np.asarray(b)
    if not (np.issubdtype(a.dtype, np.integer) and np.issubdtype(b.dtype, np.integer)):
        raise TypeError(f"simulate needs integer codes, got {a.dtype} and {b.dtype}")
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"need a [M, K] and b [K, N], got {a.shape} and {b.shape}")
    if b.size and (b.min() < -8 or b.max() > 7):
        raise ValueError("b must hold s4 codes in [-8, 7]")
    if a.size and (a.min() < -128 or a.max() > 255):
        raise ValueError("a must hold 8-bit codes (s8 or u8)")
    m, k = a.shape
    n = b.shape[1]
    r, c, lanes = cfg.rows, cfg.cols, cfg.lanes
    kt, nt = math.ceil(k / r), math.ceil(n / cfg.out_cols)
    ap = np.pad(a.astype(np.int64), ((0, 0), (0, kt * r - k)))
    bp = np.pad(b.astype(np.int64), ((0, kt * r - k), (0, nt * cfg.out_cols - n)))
    # weight tiles [T, rows, cols, lanes] and their (k-tile, n-tile) coordinates
    order = [(i, j) for j in range(nt) for i in range(kt)]
    wt = np.stack([bp[i * r:(i + 1) * r, j * cfg.out_cols:(j + 1) * cfg.out_cols]
                   .reshape(r, c, lanes) for i, j in order])
    ktile = np.array([i for i, _ in order])
    starts = [r + t * max(m, r) for t in range(len(order))]
    total = cycles(m, k, n, cfg)
    # which stream element (tile, row m) enters the left edge at each cycle
    tile_at = np.full(total + 1, -1)
    m_at = np.zeros(total + 1, np.int64)
    for t, s0 in enumerate(starts):
        tile_at[s0:s0 + m] = t
        m_at[s0:s0 + m] = np.arange(m)
    act = np.zeros((r, c), np.int64)            # activation register of each PE
    tag = np.full((r, c), -1)                   # tile of the activation it holds
    row = np.zeros((r, c), np.int64)            # its row m
    psum = np.zeros((r, c, lanes), np.int64)    # partial-sum register(s)
    out = np.zeros((m, nt * cfg.out_cols), np.int64)
    events = 0
    rr = np.arange(r)
    for cyc in range(total):
        # shift activations right, feed the left edge (row i delayed by i cycles)
        act[:, 1:], tag[:, 1:], row[:, 1:] = act[:, :-1], tag[:, :-1], row[:, :-1]
        src = np.maximum(cyc - rr, 0)
        tnew = np.where(cyc >= rr, tile_at[src], -1)
        tag[:, 0], row[:, 0] = tnew, m_at[src]
        kidx = ktile[np.maximum(tnew, 0)] * r + rr
        act[:, 0] = np.where(tnew >= 0, ap[m_at[src], kidx], 0)
        valid = tag >= 0
        w = wt[np.maximum(tag, 0), rr[:, None], np.arange(c)[None, :]]  # [r, c, lanes]
        p_in = np.concatenate([np.zeros((1, c, lanes), np.int64), psum[:-1]], 0)
        t_sum = p_in + np.where(valid[..., None], act[..., None] * w, 0)
        if cfg.pe == "int8x4":
            over = (t_sum < -(1 << 15)) | (t_sum > (1 << 15) - 1)
            events += int(over.sum())
            t_sum = ((t_sum + (1 << 15)) & 0xFFFF) - (1 << 15)
        psum = t_sum
        # the bottom row's results leave the array: widen into int32 accumulators
        done = valid[-1]
        for col in np.flatnonzero(done):
            ti, mi = tag[-1, col], row[-1, col]
            n0 = order[ti][1] * cfg.out_cols + col * lanes
            out[mi, n0:n0 + lanes] += psum[-1, col]
    return SimResult(out=out[:, :n], cycles=total, events=events)
