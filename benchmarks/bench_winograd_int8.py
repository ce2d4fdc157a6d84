"""Integer Winograd vs direct int8 convolution (int32 accumulation), same run.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., arXiv 2412.19867) reports +31.3 % speed for the conv layers of its
int8 Winograd kernels on an Arm CPU against direct int8 convolution. This measures
the same comparison with XLA on this device: the baseline is
``lax.conv_general_dilated(int8, int8, preferred_element_type=int32)`` (3x3, stride 1,
SAME) followed by the float rescale of its int32 output; the contender is
:func:`jaxeff.ops.winograd_int.int8_winograd_conv` (int32 input transform, int8
``V``, int8 x int8 -> int32 batched GEMM, int8 ``M`` grouped across positions,
int32 output transform, float rescale). Weights are prepared offline for both
(direct: int8 per-channel codes; Winograd: ``U_q``). Ratio = direct time /
Winograd time (> 1: Winograd faster). Also the Winograd GEMM alone and the
multiplication limit ``m^2 9 / (m+2)^2``. Appends rows to benchmarks/RESULTS.md.

    python -m benchmarks.bench_winograd_int8
    python -m benchmarks.bench_winograd_int8 --shapes 56x64 28x128 --batches 32 --ms 4
"""

from __future__ import annotations

import argparse

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.ops.winograd import _input_transform
from jaxeff.ops.winograd_int import (
    int8_winograd_conv,
    integer_matrices,
    prepare_weights,
)

DN = ("NHWC", "HWIO", "NHWC")


def _direct(x_q, w_q, scale):
    y = lax.conv_general_dilated(x_q, w_q, (1, 1), "SAME", dimension_numbers=DN,
                                 preferred_element_type=jnp.int32)
    return y.astype(jnp.float32) * scale


def _v_scale(x_q: jax.Array, x_scale: float, m: int) -> jax.Array:
    """Static per-position ``V`` scales calibrated on the input itself."""
    _, _, bi, kb, _ = integer_matrices(m)
    _, h, w, _ = x_q.shape
    th, tw = -(-h // m), -(-w // m)
    xp = jnp.pad(x_q.astype(jnp.int32), ((0, 0), (1, th * m + 1 - h), (1, tw * m + 1 - w),
                                         (0, 0)))
    v = _input_transform(xp, bi, None, m, th, tw)
    return jnp.max(jnp.abs(v), axis=(1, 2)).astype(jnp.float32) * x_scale / kb**2 / 127


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shapes", nargs="+", default=["56x64", "28x128", "14x256"],
                   help="HxC (square H x H maps, C_in = C_out = C)")
    p.add_argument("--batches", type=int, nargs="+", default=[1, 32])
    p.add_argument("--ms", type=int, nargs="+", default=[2, 4, 6])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    rng = np.random.default_rng(0)
    dev = jax.devices()[0].device_kind
    rows, lines = [], []
    for shape in a.shapes:
        h, c = (int(v) for v in shape.split("x"))
        w = jnp.asarray(rng.normal(0, 0.05, (3, 3, c, c)), jnp.float32)
        w_s = jnp.max(jnp.abs(w), axis=(0, 1, 2)) / 127
        w_q = jnp.clip(jnp.round(w / w_s), -128, 127).astype(jnp.int8)
        for n in a.batches:
            x_q = jnp.asarray(rng.integers(-128, 128, (n, h, h, c)), jnp.int8)
            x_scale = 0.02
            direct = jax.jit(_direct)
            t_direct = median_time(lambda: direct(x_q, w_q, x_scale * w_s), a.repeats)
            for m in a.ms:
                u_q, u_s = prepare_weights(w, m)
                v_s = _v_scale(x_q, x_scale, m)
                wino = jax.jit(lambda x, u, us, vs, m=m: int8_winograd_conv(
                    x, x_scale, u, us, vs, m=m))
                t_dir2 = median_time(lambda: direct(x_q, w_q, x_scale * w_s), a.repeats)
                t_w = median_time(lambda: wino(x_q, u_q, u_s, v_s), a.repeats)
                t_base = float(np.median([t_direct, t_dir2]))
                th = -(-h // m)
                v8 = jnp.asarray(rng.integers(-128, 128, ((m + 2) ** 2, n * th * th, c)),
                                 jnp.int8)
                gemm = jax.jit(lambda v, u: lax.dot_general(
                    v, u, (((2,), (1,)), ((0,), (0,))), preferred_element_type=jnp.int32))
                t_gemm = median_time(lambda: gemm(v8, u_q), a.repeats)
                row = {"shape": f"{h}x{h}x{c}", "batch": n, "m": m,
                       "direct_ms": 1e3 * t_base, "winograd_ms": 1e3 * t_w,
                       "gemm_ms": 1e3 * t_gemm, "ratio": t_base / t_w,
                       "mult_limit": 9 * m * m / (m + 2) ** 2}
                rows.append(row)
                lines.append(table_row(
                    "bench_winograd_int8", f"int8 Winograd F({m},3)",
                    f"{h}x{h}x{c}, batch {n}",
                    f"{1e3 * t_w:.2f} ms (GEMM alone {1e3 * t_gemm:.2f} ms; "
                    f"multiplication limit {row['mult_limit']:.2f}x)",
                    f"direct int8 conv, int32 acc {1e3 * t_base:.2f} ms",
                    t_base / t_w, dev))
                print(lines[-1], flush=True)
    append_rows(a.out, lines)
    return rows


if __name__ == "__main__":
    main()
