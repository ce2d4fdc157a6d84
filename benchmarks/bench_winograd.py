"""float32 ``winograd_conv`` vs ``lax.conv_general_dilated`` on ResNet 3x3 layers.

Winograd F(m x m, 3 x 3) needs ``alpha^2`` instead of ``9 m^2`` multiplications per
tile and channel pair (Lavin & Gray, arXiv 1509.09308; spec ``winograd.md`` §2):
limits 2.25x (F(2,3)), 4x (F(4,3)), 5.06x (F(6,3)). Both convolutions run jitted
on the same device in one run; times are medians of ``--repeats``. The Winograd
time uses weights transformed offline (``transformed_rhs``, as deployed); the
breakdown times each stage alone (input transform, GEMM, output transform) and the
per-call weight transform, to show where the time goes. Appends one row per
(shape, batch, F) to benchmarks/RESULTS.md.

    python -m benchmarks.bench_winograd                       # 4 shapes x batch 1, 32
    python -m benchmarks.bench_winograd --quick               # 28x28x128, batch 1
    python -m benchmarks.bench_winograd --shapes 56x64 --batches 1 --ms 4
"""

from __future__ import annotations

import argparse

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.ops.winograd import (
    _output_transform,
    transform_weights,
    winograd_conv,
    winograd_cost,
    winograd_matrices,
)

DN = ("NHWC", "HWIO", "NHWC")
SHAPES = ("56x64", "28x128", "14x256", "7x512")


def breakdown(x: jax.Array, w: jax.Array, m: int, repeats: int) -> dict[str, float]:
    """Seconds for input transform (up to ``V``), GEMM, output transform, and the
    per-call weight transform, each jitted alone (medians)."""
    g = winograd_matrices(m)[1]
    u = transform_weights(w, g)
    keep = {}

    def upto_v(x):  # input transform only: stop after V by returning it
        out = {}

        def grab(v):
            out["v"] = v
            return v

        winograd_conv(x, w, (1, 1), "SAME", dimension_numbers=DN, m=m,
                      hooks={"V": grab}, transformed_rhs=u)
        return out["v"]

    f_in = jax.jit(upto_v)
    v = f_in(x)
    keep["input_transform"] = median_time(lambda: f_in(x), repeats)
    gemm = jax.jit(lambda v, u: lax.dot_general(v, u, (((2,), (1,)), ((0,), (0,)))))
    mm = gemm(v, u)
    keep["gemm"] = median_time(lambda: gemm(v, u), repeats)
    at = winograd_matrices(m)[0]
    n, h, wd, _ = x.shape
    th, tw = -(-h // m), -(-wd // m)

    def out_tf(mm):  # the output transform winograd_conv runs, then the crop
        return _output_transform(mm, at, None, n, th, tw)[:, :h, :wd]

    f_out = jax.jit(out_tf)
    keep["output_transform"] = median_time(lambda: f_out(mm), repeats)
    f_w = jax.jit(lambda w: transform_weights(w, g))
    keep["weight_transform"] = median_time(lambda: f_w(w), repeats)
    return keep


def bench_one(hw: int, c: int, batch: int, m: int, repeats: int,
              with_breakdown: bool) -> dict:
    rng = np.random.default_rng(0)
    x = jnp.asarray(rng.normal(size=(batch, hw, hw, c)), jnp.float32)
    w = jnp.asarray(rng.normal(size=(3, 3, c, c)) / np.sqrt(9 * c), jnp.float32)
    u = transform_weights(w, winograd_matrices(m)[1])
    # both sides at the same (exact float32) precision: winograd_conv's default
    hi = lax.Precision.HIGHEST
    direct = jax.jit(lambda x, w: lax.conv_general_dilated(
        x, w, (1, 1), "SAME", dimension_numbers=DN, precision=hi))
    wino = jax.jit(lambda x, u: winograd_conv(
        x, w, (1, 1), "SAME", dimension_numbers=DN, m=m, transformed_rhs=u,
        precision=hi))
    err = float(jnp.max(jnp.abs(wino(x, u) - direct(x, w))) /
                jnp.max(jnp.abs(direct(x, w))))
    t_direct = median_time(lambda: direct(x, w), repeats)
    t_wino = median_time(lambda: wino(x, u), repeats)
    res = {"shape": f"{hw}x{hw}x{c}", "batch": batch, "m": m, "t_direct_ms": 1e3 *
           t_direct, "t_winograd_ms": 1e3 * t_wino, "ratio": t_direct / t_wino,
           "mult_limit": float(winograd_cost(m)["reduction"]), "max_rel_err": err}
    if with_breakdown:
        res["breakdown_ms"] = {k: 1e3 * v
                               for k, v in breakdown(x, w, m, repeats).items()}
    return res


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shapes", nargs="+", default=list(SHAPES),
                   help="HWxC, e.g. 56x64 28x128")
    p.add_argument("--batches", type=int, nargs="+", default=[1, 32])
    p.add_argument("--ms", type=int, nargs="+", default=[2, 4, 6])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--quick", action="store_true", help="28x128, batch 1, F(4,3)")
    p.add_argument("--no-breakdown", action="store_true")
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    if a.quick:
        a.shapes, a.batches, a.ms = ["28x128"], [1], [4]
    rows, lines = [], []
    dev = jax.devices()[0].device_kind
    for shape in a.shapes:
        hw, c = (int(v) for v in shape.split("x"))
        for b in a.batches:
            for m in a.ms:
                r = bench_one(hw, c, b, m, a.repeats, not a.no_breakdown)
                rows.append(r)
                bd = r.get("breakdown_ms")
                extra = ("" if not bd else " (in {input_transform:.1f} / gemm "
                         "{gemm:.1f} / out {output_transform:.1f} / w {weight_transform"
                         ":.1f} ms)".format(**bd))
                line = table_row(
                    "bench_winograd", f"F({m},3)",
                    f"{r['shape']}, batch {b}, f32, limit {r['mult_limit']:.2f}x",
                    f"winograd {r['t_winograd_ms']:.2f} ms{extra}",
                    f"lax.conv {r['t_direct_ms']:.2f} ms", r["ratio"], dev)
                print(line, flush=True)
                lines.append(line)
    append_rows(a.out, lines)
    return rows


if __name__ == "__main__":
    main()
