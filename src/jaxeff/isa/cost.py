"""Instruction-count throughput model of the asymmetric SIMD matmul and its baselines.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(arXiv 2008.00638) claims 2x the MACs per instruction of symmetric 8-bit
instructions "without more register-port bandwidth". Spec ``hmf_simd.md`` §B2:

* ``#asmmla = ceil(M/2) ceil(N/4) ceil(K/8)``; widening costs 2 ops per s16
  accumulator register every W instructions (and once at the end);
* ``#smmla = ceil(M/2) ceil(N/2) ceil(K/8)``; int4 weights must first be widened
  to int8: 2 ops per 32 weights, reused across M tiles (KleidiAI's qsi4 path);
* SDOT / VPDPBUSD (by element / broadcast form): ``M ceil(N/4) ceil(K/4)``
  instructions of 16 MACs, plus the same int4 unpacking;
* speed-up vs SMMLA (unpacking ignored, N%4 = 0): ``2 / (1 + 2/W)`` [D].

Register-port bandwidth counts the 128-bit registers an instruction reads (two
sources and the accumulator) and writes (the accumulator). The ``asmmla_4x4x8``
variant (spec §B2 alternative, 4 accumulator registers) shows what more MACs cost
when the accumulator no longer fits one register.
"""

from __future__ import annotations

import dataclasses
import math

__all__ = ["INSTRUCTIONS", "InstrInfo", "gemm_cost", "speedup_vs_smmla"]


@dataclasses.dataclass(frozen=True, kw_only=True)
class InstrInfo:
    """One 128-bit matrix / dot-product instruction.

    Attributes:
      name: mnemonic as printed in tables.
      macs: multiply-accumulates per instruction.
      a_bits, b_bits, acc_bits: operand and accumulator element widths.
      acc_regs: 128-bit registers holding the accumulator (read and written).
      tile: (M, K, N) covered by one instruction (dot forms: 1 x 4 x 4).
    """

    name: str
    macs: int
    a_bits: int
    b_bits: int
    acc_bits: int
    tile: tuple[int, int, int]
    acc_regs: int = 1

    @property
    def regs_read(self) -> int:
        return 2 + self.acc_regs

    @property
    def regs_written(self) -> int:
        return self.acc_regs

    @property
    def macs_per_port_bit(self) -> float:
        """MACs per bit moved through register ports (reads + writes)."""
        return self.macs / (128 * (self.regs_read + self.regs_written))


INSTRUCTIONS: dict[str, InstrInfo] = {
    "asmmla": InstrInfo(name="ASMMLA 8x4->16 (jaxeff choice)", macs=64, a_bits=8,
                        b_bits=4, acc_bits=16, tile=(2, 8, 4)),
    "asmmla_4x4x8": InstrInfo(name="ASMMLA 4x4x8 (4 acc regs)", macs=128, a_bits=8,
                              b_bits=4, acc_bits=16, tile=(4, 4, 8), acc_regs=4),
    "smmla": InstrInfo(name="SMMLA / USMMLA", macs=32, a_bits=8, b_bits=8,
                       acc_bits=32, tile=(2, 8, 2)),
    "sdot": InstrInfo(name="SDOT (by element)", macs=16, a_bits=8, b_bits=8,
                      acc_bits=32, tile=(1, 4, 4)),
    "vpdpbusd": InstrInfo(name="VPDPBUSD xmm", macs=16, a_bits=8, b_bits=8,
                          acc_bits=32, tile=(1, 4, 4)),
}


def gemm_cost(m: int, k: int, n: int, instr: str, *,
              widen_every: int | None = None) -> dict[str, int]:
    """Operation counts of an ``[M, K] x [K, N]`` GEMM with int4 weights.

    arXiv 2008.00638 throughput model (spec §B2). ``widen_every`` applies to the
    asymmetric instructions only (None: widen once at the end).

    Returns:
      dict with ``instructions``, ``widen_ops``, ``unpack_ops``, ``total_ops`` and
      ``macs`` (useful MACs, ``M*K*N``).
    """
    if instr not in INSTRUCTIONS:
        raise ValueError(f"unknown instruction {instr!r}; one of {list(INSTRUCTIONS)}")
    if min(m, k, n) < 1:
        raise ValueError(f"GEMM sizes must be positive, got M={m} K={k} N={n}")
    if widen_every is not None and widen_every < 1:
        raise ValueError(f"widen_every must be >= 1 or None, got {widen_every}")
    info = INSTRUCTIONS[instr]
    tm, tk, tn = info.tile
    tiles = math.ceil(m / tm) * math.ceil(n / tn)
    steps = math.ceil(k / tk)
    count = tiles * steps
    widen = unpack = 0
    if info.acc_bits == 16:
        per_tile = math.ceil(steps / widen_every) if widen_every else 1
        widen = 2 * info.acc_regs * tiles * per_tile
    else:  # int4 -> int8 weight unpacking, 2 ops per 32 weights, reused over M
        unpack = 2 * math.ceil(k * n / 32)
    return {"instructions": count, "widen_ops": widen, "unpack_ops": unpack,
            "total_ops": count + widen + unpack, "macs": m * k * n}


def speedup_vs_smmla(widen_every: int | None) -> float:
    """Closed form ``2 / (1 + 2/W)`` of spec §B2 (``W = None``: 2)."""
    return 2.0 if widen_every is None else 2.0 / (1.0 + 2.0 / widen_every)
