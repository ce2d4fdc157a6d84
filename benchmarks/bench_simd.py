"""Emulated MAC/s of the jitted asmmla GEMM vs a plain ``jnp`` int32 matmul.

"High Throughput Matrix-Matrix Multiplication between Asymmetric Bit-Width Operands"
(arXiv 2008.00638). ``jaxeff.isa.simd.asmmla_gemm`` emulates the instruction
bit-exactly on packed 128-bit registers (nibble unpacking, sign extension, s16
lane wrap, widening every W instructions, overflow flags); the baseline is the
exact ``int32`` matmul of the same codes (``lax.dot_general``). Both run on the same
device in one process; reports useful MACs per second (median of ``--repeats``) and
the ratio emulated / plain, checks that both agree, and appends a row to
benchmarks/RESULTS.md. Emulation is expected to be much slower than the native
matmul: the ratio is the cost of bit-exact emulation, not a hardware speed-up.

    python -m benchmarks.bench_simd                       # 4096 x 576 x 64, W = 4
    python -m benchmarks.bench_simd --m 1024 --k 256 --n 32 --widen 0
"""

from __future__ import annotations

import argparse
import platform

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.isa.simd import asmmla_gemm
from jaxeff.ops.quant import int_matmul



def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--m", type=int, default=4096)
    p.add_argument("--k", type=int, default=576)
    p.add_argument("--n", type=int, default=64)
    p.add_argument("--widen", type=int, default=4, help="W (0 = never)")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    rng = np.random.default_rng(0)
    qa = jnp.asarray(rng.integers(-128, 128, (a.m, a.k)), jnp.int32)
    qb = jnp.asarray(rng.integers(-8, 8, (a.k, a.n)), jnp.int32)
    w = a.widen or None
    matmul = jax.jit(int_matmul)
    t_emu = median_time(lambda: asmmla_gemm(qa, qb, widen_every=w).out, a.repeats)
    t_ref = median_time(lambda: matmul(qa, qb), a.repeats)
    res = asmmla_gemm(qa, qb, widen_every=w)
    exact = np.asarray(matmul(qa, qb))
    macs = a.m * a.k * a.n
    out = {"m": a.m, "k": a.k, "n": a.n, "widen": w, "emulated_mac_s": macs / t_emu,
           "int32_mac_s": macs / t_ref, "ratio": t_ref / t_emu,
           "instr_per_s": res.instructions / t_emu,
           "equal_when_no_overflow": bool(int(res.events.sum()) > 0
                                          or np.array_equal(np.asarray(res.out), exact)),
           "device": jax.devices()[0].device_kind, "host": platform.machine()}
    line = table_row("bench_simd", f"asmmla GEMM (W={w or 'inf'})",
                     f"{a.m}x{a.k}x{a.n} s8 x s4",
                     f"emulated {out['emulated_mac_s'] / 1e9:.3f} GMAC/s "
                     f"({out['instr_per_s'] / 1e6:.1f} M instr/s)",
                     f"jnp int32 matmul {out['int32_mac_s'] / 1e9:.3f} GMAC/s",
                     out["ratio"], out["device"], digits=3)
    print(line)
    append_rows(a.out, [line])
    return out


if __name__ == "__main__":
    main()
