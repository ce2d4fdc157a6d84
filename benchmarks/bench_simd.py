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
Both implementations are timed (``--impl``): ``registers`` (every instruction on
packed 128-bit words) and ``lanes`` (the same instruction sequence on unpacked s16
lanes; identical results, checked here too). Issue 20's goal: within 4x of the
int32 matmul, i.e. ratio >= 0.25.

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
    p.add_argument("--impl", default="registers,lanes",
                   help="comma-separated asmmla_gemm implementations to time")
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    rng = np.random.default_rng(0)
    qa = jnp.asarray(rng.integers(-128, 128, (a.m, a.k)), jnp.int32)
    qb = jnp.asarray(rng.integers(-8, 8, (a.k, a.n)), jnp.int32)
    w = a.widen or None
    matmul = jax.jit(int_matmul)
    exact = np.asarray(matmul(qa, qb))
    macs = a.m * a.k * a.n
    impls = [s.strip() for s in a.impl.split(",") if s.strip()]
    # interleave: baseline timed before each implementation, in the same process
    rows, lines, first = {}, [], None
    for impl in impls:
        t_ref = median_time(lambda: matmul(qa, qb), a.repeats)
        t_emu = median_time(lambda impl=impl: asmmla_gemm(qa, qb, widen_every=w,
                                                          impl=impl).out, a.repeats)
        res = asmmla_gemm(qa, qb, widen_every=w, impl=impl)
        if first is None:
            first = res
        elif not (np.array_equal(np.asarray(res.out), np.asarray(first.out))
                  and np.array_equal(np.asarray(res.events), np.asarray(first.events))):
            raise AssertionError(f"impl={impl} differs from impl={impls[0]}")
        rows[impl] = {"emulated_mac_s": macs / t_emu, "int32_mac_s": macs / t_ref,
                      "ratio": t_ref / t_emu, "instr_per_s": res.instructions / t_emu}
        lines.append(table_row(
            "bench_simd", f"asmmla GEMM (W={w or 'inf'}, impl={impl})",
            f"{a.m}x{a.k}x{a.n} s8 x s4",
            f"emulated {macs / t_emu / 1e9:.3f} GMAC/s "
            f"({res.instructions / t_emu / 1e6:.1f} M instr/s)",
            f"jnp int32 matmul {macs / t_ref / 1e9:.3f} GMAC/s", t_ref / t_emu,
            jax.devices()[0].device_kind, digits=3))
        print(lines[-1], flush=True)
    out = {"m": a.m, "k": a.k, "n": a.n, "widen": w, "impls": rows,
           "equal_when_no_overflow": bool(int(first.events.sum()) > 0
                                          or np.array_equal(np.asarray(first.out), exact)),
           "device": jax.devices()[0].device_kind, "host": platform.machine()}
    append_rows(a.out, lines)
    return out


if __name__ == "__main__":
    main()
