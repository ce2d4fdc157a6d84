"""``jaxeff.tflite.to_jax`` on the shared TFLite models: op support, agreement with
LiteRT (reference kernels BUILTIN_REF, and the default XNNPACK runtime AUTO) on seeded
random inputs, and the median time of the jitted JAX function vs LiteRT (1 thread) at
batch 1. Writes a markdown table and a JSON log (issue 16, item 1).

    python -m benchmarks.bench_tflite_import --out docs/evidence/tflite-import-cpu-2026-12-02b
    python -m benchmarks.bench_tflite_import --lstm     # also the unrolled LSTMs (minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import time

import jax
import numpy as np

from jaxeff.tflite.compare import match_stats, random_inputs, run_litert
from jaxeff.tflite.interpreter import UnsupportedOpsError, input_specs, op_table, to_jax


def _agree(ours: list, theirs: list) -> dict:
    """Worst agreement over the outputs: identical fraction, max LSB / max rel error."""
    st = [match_stats(a, b) for a, b in zip(ours, theirs)]
    out = {"identical": min(s["identical"] for s in st)}
    if "max_lsb" in st[0]:
        out["max_lsb"] = max(s["max_lsb"] for s in st)
    else:
        out["max_rel"] = max(s["max_rel"] for s in st)
    return out


def _fmt(a: dict) -> str:
    extra = (f"max {a['max_lsb']} LSB" if "max_lsb" in a else f"max rel {a['max_rel']:.1e}")
    return f"{100 * a['identical']:.1f} % identical, {extra}"


def bench_model(path: pathlib.Path, seeds: int, repeats: int) -> dict:
    row: dict = {"model": path.name, "ops": op_table(path)}
    try:
        t0 = time.perf_counter()
        fn, params = to_jax(path)
    except UnsupportedOpsError as e:
        row["unsupported"] = str(e).splitlines()[1:-1]
        return row
    jf = jax.jit(fn)
    fn1, _ = to_jax(path, rounding="single")
    jf1 = jax.jit(fn1)
    specs = input_specs(path)
    ref_st, auto_st, single_st = [], [], []
    for seed in range(seeds):
        x = random_inputs(specs, seed)
        ours = [np.asarray(v) for v in jf(params, *x)]
        if seed == 0:
            row["load_compile_s"] = time.perf_counter() - t0
        ref_st.append(_agree(ours, run_litert(path, x, "ref")[0]))
        auto = run_litert(path, x, "auto")[0]
        auto_st.append(_agree(ours, auto))
        single_st.append(_agree([np.asarray(v) for v in jf1(params, *x)], auto))

    def worst(st: list) -> dict:
        w = {"identical": min(s["identical"] for s in st)}
        k = "max_lsb" if "max_lsb" in st[0] else "max_rel"
        w[k] = max(s[k] for s in st)
        return w

    row["vs_ref"], row["vs_auto"] = worst(ref_st), worst(auto_st)
    row["single_vs_auto"] = worst(single_st)
    x = random_inputs(specs, 0)
    xs = [jax.numpy.asarray(v) for v in x]
    jax.block_until_ready(jf(params, *xs))
    tj = []
    for _ in range(repeats):
        t1 = time.perf_counter()
        jax.block_until_ready(jf(params, *xs))
        tj.append(time.perf_counter() - t1)
    row["jax_ms"] = 1e3 * statistics.median(tj)
    row["litert_auto_ms"] = 1e3 * statistics.median(run_litert(path, x, "auto", 1, repeats)[1])
    row["litert_ref_ms"] = 1e3 * statistics.median(run_litert(path, x, "ref", 1, repeats)[1])
    return row


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(os.environ.get("JAXEFF_DATA", "data"),
                                                  "tflite"))
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=50)
    p.add_argument("--lstm", action="store_true", help="include the unrolled LSTMs")
    p.add_argument("--only", default=None, help="only models whose name contains this")
    p.add_argument("--out", default=None, help="folder for table.md and rows.json")
    a = p.parse_args(argv)
    names = [json.loads(s)["file"] for s in
             (pathlib.Path(a.data) / "MANIFEST.jsonl").read_text().splitlines()]
    rows = []
    lines = [("| model | ops (types) | to_jax | vs LiteRT BUILTIN_REF | vs LiteRT default "
              "(XNNPACK) | JAX jit ms | LiteRT 1 thr ms | LiteRT/JAX |"),
             "|---|---|---|---|---|---|---|---|"]
    for n in names:
        if ("basic_lstm" in n and not a.lstm) or (a.only and a.only not in n):
            continue
        r = bench_model(pathlib.Path(a.data) / n, a.seeds, a.repeats)
        rows.append(r)
        nops = sum(c for _, c, _ in r["ops"])
        if "unsupported" in r:
            line = (f"| {n} | {nops} ({len(r['ops'])}) | no: {'; '.join(r['unsupported'])}"
                    " | - | - | - | - | - | - | - |")
        else:
            line = (f"| {n} | {nops} ({len(r['ops'])}) | yes | {_fmt(r['vs_ref'])} | "
                    f"{_fmt(r['vs_auto'])} | {_fmt(r['single_vs_auto'])} | {r['jax_ms']:.3f} | "
                    f"{r['litert_auto_ms']:.3f} | {r['litert_ref_ms']:.3f} | "
                    f"{r['litert_auto_ms'] / r['jax_ms']:.2f}x |")
        print(line, flush=True)
        lines.append(line)
    if a.out:
        out = pathlib.Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "table.md").write_text("\n".join(lines) + "\n")
        (out / "rows.json").write_text(json.dumps(rows, indent=1, default=str))
    return rows


if __name__ == "__main__":
    main()
