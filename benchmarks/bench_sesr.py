"""SESR collapsed vs expanded: inference on large tiles and training-step time.

"Collapsible Linear Blocks for Super-Efficient Super Resolution" (arXiv 2103.09404)
§3: the expanded linear blocks (k x k conv to p channels, then 1 x 1) and their
collapsed k x k kernels compute the same function (Eq. C1). Measured side by side
in one run on the same device (medians of ``--repeats``):

* inference: ``CollapsedSESR`` (exported once) vs ``SESR(collapsed=False)`` on an LR
  tile (default 270 x 480 = 1/16 of a 1080p frame, x2 -> a 4K tile);
* training: one jitted AMSGrad L1 step in collapsed space (kernels collapsed inside
  the step, gradients through the einsum) vs in expanded space.

Appends the ratios to benchmarks/RESULTS.md.

    python -m benchmarks.bench_sesr
    python -m benchmarks.bench_sesr --variant M5 --tile 540 960 --batch 16 --patch 32
"""

from __future__ import annotations

import argparse
import platform

import jax
import jax.numpy as jnp
import numpy as np
import optax

from benchmarks._results import append_rows, median_time
from jaxeff.nets.sesr import (
    SESR_VARIANTS,
    SESR,
    export_sesr,
    sesr_expanded_weights,
    sesr_train_macs,
    sesr_weights,
)
from jaxeff.train_sr import make_sr_step



def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--variant", default="M5", choices=list(SESR_VARIANTS))
    p.add_argument("--scale", type=int, default=2, choices=[2, 4])
    p.add_argument("--tile", type=int, nargs=2, default=[270, 480], help="LR H W")
    p.add_argument("--batch", type=int, default=16, help="training batch")
    p.add_argument("--patch", type=int, default=32, help="training LR patch side")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    v = SESR_VARIANTS[a.variant]
    model = SESR(scale=a.scale, m=v.m, f=v.f, p=v.p)
    rng = np.random.default_rng(0)
    tile = jnp.asarray(rng.random((1, *a.tile, 1), np.float32))
    variables = model.init(jax.random.key(0), tile[:, :16, :16])
    inf, iv = export_sesr(model, variables)
    f_col = jax.jit(lambda x: inf.apply(iv, x)[0])
    exp = model.clone(collapsed=False)
    f_exp = jax.jit(lambda x: exp.apply(variables, x)[0])
    t_col_inf = median_time(lambda: f_col(tile), a.repeats)
    t_exp_inf = median_time(lambda: f_exp(tile), a.repeats)
    diff = float(jnp.max(jnp.abs(f_col(tile) - f_exp(tile))))

    xb = jnp.asarray(rng.random((a.batch, a.patch, a.patch, 1), np.float32))
    yb = jnp.asarray(rng.random((a.batch, a.scale * a.patch, a.scale * a.patch, 1),
                                np.float32))
    times = {}
    for name, mod in (("collapsed", model), ("expanded", exp)):
        tx = optax.amsgrad(5e-4)
        step = make_sr_step(mod, tx)
        tv = {"params": variables["params"]}
        st = tx.init(tv)
        times[name] = median_time(lambda step=step, tv=tv, st=st: step(tv, {}, st, xb, yb),
                              a.repeats)
    px = a.tile[0] * a.tile[1]
    res = {"variant": a.variant, "scale": a.scale, "tile": a.tile,
           "infer_collapsed_s": t_col_inf, "infer_expanded_s": t_exp_inf,
           "infer_ratio": t_exp_inf / t_col_inf, "max_abs_diff": diff,
           "infer_macs_collapsed": sesr_weights(v, a.scale) * px,
           "infer_macs_expanded": sesr_expanded_weights(v, a.scale) * px,
           "train_collapsed_s": times["collapsed"], "train_expanded_s": times["expanded"],
           "train_ratio": times["expanded"] / times["collapsed"],
           "train_macs_collapsed": sesr_train_macs(v, a.scale, (a.batch, a.patch, a.patch),
                                                   collapsed=True),
           "train_macs_expanded": sesr_train_macs(v, a.scale, (a.batch, a.patch, a.patch),
                                                  collapsed=False),
           "device": jax.devices()[0].device_kind, "host": platform.machine()}
    lines = [
        f"| bench_sesr | SESR-{a.variant} x{a.scale} | inference, LR tile "
        f"{a.tile[0]}x{a.tile[1]} (1080p = 16 tiles), max diff {diff:.1e} | collapsed "
        f"{t_col_inf * 1e3:.0f} ms | expanded {t_exp_inf * 1e3:.0f} ms | "
        f"**{res['infer_ratio']:.2f}x** | {res['device']} |",
        f"| bench_sesr | SESR-{a.variant} x{a.scale} | training step (fwd+bwd+AMSGrad), "
        f"{a.batch}x{a.patch}x{a.patch} LR | collapsed {times['collapsed'] * 1e3:.0f} ms"
        f" | expanded {times['expanded'] * 1e3:.0f} ms | **{res['train_ratio']:.2f}x** | "
        f"{res['device']} |"]
    print("\n".join(lines))
    append_rows(a.out, lines)
    return res


if __name__ == "__main__":
    main()
