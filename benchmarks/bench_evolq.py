"""Evol-Q fitness throughput: one vmapped population call vs one candidate at a time.

The official Evol-Q code evaluates candidates one by one (a Python loop over
forward passes). ``jaxeff.search.fitness.make_fitness`` evaluates a whole population
in one jitted ``vmap``. Both paths below use the same model, calibration batches,
block and device; only the batching differs. Reports candidates per second (median
of ``--repeats`` timings) and their ratio, measured in one run, and appends the
result to benchmarks/RESULTS.md.

    python -m benchmarks.bench_evolq                    # digits ViT, population 16
    python -m benchmarks.bench_evolq --model vit_cifar/4 --image-size 32 --batch 100
    python -m benchmarks.bench_evolq --chunks 1 2 4     # + the population in chunks
"""

from __future__ import annotations

import argparse
import platform

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks._results import append_rows, median_time, table_row
from jaxeff.nets import build_model
from jaxeff.ptq import fq_vit
from jaxeff.search.fitness import ViTBlocks, make_fitness


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="vit_digits/2")
    p.add_argument("--image-size", type=int, default=8)
    p.add_argument("--channels", type=int, default=1)
    p.add_argument("--batch", type=int, default=100, help="calibration batch size")
    p.add_argument("--batches", type=int, default=2)
    p.add_argument("--population", type=int, default=16)
    p.add_argument("--block", type=int, default=0, help="searched block (0: longest suffix)")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--gemm", type=int, default=1024,
                   help="size of the square f32 GEMM that measures XLA's throughput")
    p.add_argument("--chunks", type=int, nargs="*", default=[],
                   help="also time the population in chunks of these sizes "
                        "(make_fitness(chunk=c): lax.map over chunks, vmap within)")
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)

    model = build_model(a.model, 10, image_size=a.image_size)
    shape = (a.batch, a.image_size, a.image_size, a.channels)
    xs = jax.random.normal(jax.random.key(0), (a.batches, *shape))
    variables = model.init(jax.random.key(1), xs[0])
    qmodel, qvars = fq_vit(model, variables, list(xs), w_bits=4)
    adapter = ViTBlocks(qmodel)
    targets = jnp.stack([model.apply({"params": variables["params"]}, x)[0] for x in xs])
    fit = make_fitness(adapter, qvars, xs, targets, a.block)
    leaves = {f"blocks_{a.block}/attn/qkv/w_scale": None,
              f"blocks_{a.block}/attn/proj/w_scale": None}
    quant = qvars["quant"][f"blocks_{a.block}"]["attn"]
    s0 = {"qkv": quant["qkv"]["w_scale"], "proj": quant["proj"]["w_scale"]}
    rng = np.random.default_rng(0)
    pop = {k: jnp.abs(s0[k.split("/")[2]][None] + rng.uniform(
        -1e-3, 1e-3, (a.population, *s0[k.split("/")[2]].shape)).astype(np.float32))
        for k in leaves}
    singles = [{k: v[i:i + 1] for k, v in pop.items()} for i in range(a.population)]

    # achieved GFLOP/s: XLA's own flop count of one population call, against this
    # machine's XLA f32 GEMM throughput measured in the same run (issue 20 item 3)
    cost = jax.jit(fit).lower(pop).compile().cost_analysis()
    cost = cost[0] if isinstance(cost, (list, tuple)) else cost
    flops = float(cost.get("flops", float("nan"))) if cost else float("nan")
    nbytes = float(cost.get("bytes accessed", float("nan"))) if cost else float("nan")
    g = jax.random.normal(jax.random.key(2), (a.gemm, a.gemm), jnp.float32)
    gemm = jax.jit(lambda u, v: jnp.matmul(u, v, precision=jax.lax.Precision.HIGHEST))
    t_gemm = median_time(lambda: gemm(g, g), a.repeats)
    gemm_gflops = 2 * a.gemm ** 3 / t_gemm / 1e9
    t_vmap = median_time(lambda: fit(pop), a.repeats)
    t_loop = median_time(lambda: [fit(s) for s in singles], a.repeats)
    f_vmap = fit(pop)
    f_loop = np.concatenate([fit(s) for s in singles])
    res = {"model": a.model, "population": a.population, "batch": a.batch,
           "batches": a.batches, "block": a.block,
           "vmap_cand_per_s": a.population / t_vmap,
           "loop_cand_per_s": a.population / t_loop, "ratio": t_loop / t_vmap,
           "max_abs_fitness_diff": float(np.max(np.abs(f_vmap - f_loop))),
           "population_gflop": flops / 1e9, "vmap_gflop_s": flops / t_vmap / 1e9,
           "gemm_gflop_s": gemm_gflops, "population_gbytes": nbytes / 1e9,
           "flop_per_byte": flops / nbytes,
           "fraction_of_gemm": flops / t_vmap / 1e9 / gemm_gflops,
           "device": jax.devices()[0].device_kind, "host": platform.machine()}
    line = table_row("bench_evolq", a.model,
                     f"pop {a.population}, {a.batches}x{a.batch} images, block {a.block}",
                     f"vmap {res['vmap_cand_per_s']:.1f} cand/s",
                     f"loop {res['loop_cand_per_s']:.1f} cand/s", res["ratio"],
                     res["device"])
    line2 = table_row("bench_evolq", a.model,
                      f"pop {a.population}, {a.batches}x{a.batch} images, block {a.block}: "
                      f"{flops / 1e9:.3f} GFLOP, {nbytes / 1e9:.2f} GB accessed per population "
                      f"call (XLA cost analysis; {flops / nbytes:.1f} flop/byte)",
                      f"population {res['vmap_gflop_s']:.2f} GFLOP/s",
                      f"XLA f32 GEMM {a.gemm}^3 {gemm_gflops:.2f} GFLOP/s",
                      res["fraction_of_gemm"], res["device"])
    rows = [line, line2]
    for c in a.chunks:  # the same population in chunks of c candidates, same run
        fit_c = make_fitness(adapter, qvars, xs, targets, a.block, chunk=c)
        fc = fit_c(pop)
        t_c = median_time(lambda: fit_c(pop), a.repeats)
        res[f"chunk{c}_cand_per_s"] = a.population / t_c
        res[f"chunk{c}_max_abs_fitness_diff"] = float(np.max(np.abs(fc - f_loop)))
        rows.append(table_row(
            "bench_evolq", a.model,
            f"pop {a.population}, {a.batches}x{a.batch} images, block {a.block}; "
            f"chunks of {c} (lax.map, vmap inside)",
            f"chunked {a.population / t_c:.1f} cand/s", f"loop {res['loop_cand_per_s']:.1f}"
            " cand/s", t_loop / t_c, res["device"]))
    for r in rows:
        print(r)
    append_rows(a.out, rows)
    return res


if __name__ == "__main__":
    main()
