"""float32 diffusion UNet forward: Winograd F(m,3) by injection vs ``lax.conv``.

Issue 17's must-show speed row: the study's UNet (``unet("cpu")``, 687k parameters,
26 of its 44 convs Winograd-eligible) runs one jitted forward ``v(x, t, y)`` on a
batch of 32x32x1 images, once as built (every conv ``nn.Conv``, i.e.
``lax.conv_general_dilated``) and once with its ``conv`` factory swapped by
:func:`jaxeff.nets.winograd.winograd_model` (``WinogradConfig(m=m)``: float, no
quantization; the eligible 3x3 stride-1 convs run ``winograd_conv``, the others
stay direct). Both in one run on the same device, medians of ``--repeats``; the
variables are jit arguments (not constants), so the Winograd side transforms its
weights in every call, as the study's sampler does. Appends one row per (m, batch)
to benchmarks/RESULTS.md. The weights are random, of the net's shapes (speed does
not depend on their values); the relative output difference is printed as a check.

    python -m benchmarks.bench_unet                  # F(4,3), batch 64
    python -m benchmarks.bench_unet --ms 4 6 --batches 1 64 --repeats 5
"""

from __future__ import annotations

import argparse
import json

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.nets.unet import unet
from jaxeff.nets.winograd import WinogradConfig, winograd_model


def bench_one(variant: str, batch: int, m: int, repeats: int) -> dict:
    if batch < 1 or repeats < 1:
        raise ValueError(f"batch and repeats must be >= 1, got {batch}, {repeats}")
    model = unet(variant, 10)
    rng = np.random.default_rng(0)  # numpy inputs: no eager jax op to compile
    x = jnp.asarray(rng.normal(size=(batch, 32, 32, 1)), jnp.float32)
    t = jnp.asarray(np.linspace(0.0, 1.0, batch), jnp.float32)
    y = jnp.asarray(np.arange(batch) % 10, jnp.int32)
    # random weights of the net's shapes (speed does not depend on their values;
    # model.init eager or jitted costs minutes of compiling on a loaded CPU)
    shapes = jax.eval_shape(model.init, jax.random.key(0), x[:1], t[:1], y[:1])
    variables = jax.tree.map(lambda s: jnp.asarray(
        rng.normal(0.0, 0.05, s.shape), s.dtype), shapes)
    wino = winograd_model(model, WinogradConfig(m=m))
    f_direct = jax.jit(lambda v, x, t, y: model.apply(v, x, t, y)[0])
    f_wino = jax.jit(lambda v, x, t, y: wino.apply(v, x, t, y)[0])
    ref, out = f_direct(variables, x, t, y), f_wino(variables, x, t, y)
    err = float(jnp.max(jnp.abs(out - ref)) / jnp.max(jnp.abs(ref)))
    t_direct = median_time(lambda: f_direct(variables, x, t, y), repeats)
    t_wino = median_time(lambda: f_wino(variables, x, t, y), repeats)
    return {"variant": variant, "batch": batch, "m": m, "t_direct_ms": 1e3 * t_direct,
            "t_winograd_ms": 1e3 * t_wino, "ratio": t_direct / t_wino,
            "max_rel_err": err, "repeats": repeats}


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--variant", default="cpu")
    p.add_argument("--batches", type=int, nargs="+", default=[64])
    p.add_argument("--ms", type=int, nargs="+", default=[4])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    p.add_argument("--json", default=None, help="also write the rows here")
    a = p.parse_args(argv)
    rows, lines = [], []
    dev = jax.devices()[0].device_kind
    for b in a.batches:
        for m in a.ms:
            r = bench_one(a.variant, b, m, a.repeats)
            rows.append(r)
            line = table_row(
                "bench_unet", f'flow UNet unet("{a.variant}")',
                f"forward, batch {b}, f32, F({m},3) on the eligible convs by "
                f"injection (max rel. diff {r['max_rel_err']:.1e})",
                f"winograd {r['t_winograd_ms']:.1f} ms",
                f"lax.conv {r['t_direct_ms']:.1f} ms", r["ratio"], dev)
            print(line, flush=True)
            lines.append(line)
    append_rows(a.out, lines)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)
    return rows


if __name__ == "__main__":
    main()
