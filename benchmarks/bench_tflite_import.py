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

from jaxeff.tflite.compare import compare_model, format_agreement


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=os.path.join(os.environ.get("JAXEFF_DATA", "data"),
                                                  "tflite"))
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--repeats", type=int, default=50)
    p.add_argument("--lstm", action="store_true", help="include the unrolled LSTMs")
    p.add_argument("--only", default=None, help="only models whose name contains this")
    p.add_argument("--out", default=None, help="folder for table.md and rows.json")
    p.add_argument("--big-batch", type=int, default=0,
                   help="also time per image at this batch (issue 16: 32)")
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
        r = compare_model(pathlib.Path(a.data) / n, a.seeds, a.repeats, a.big_batch)
        rows.append(r)
        nops = sum(c for _, c, _ in r["ops"])
        if "unsupported" in r:
            line = (f"| {n} | {nops} ({len(r['ops'])}) | no: {'; '.join(r['unsupported'])}"
                    " | - | - | - | - | - | - | - |")
        else:
            line = (f"| {n} | {nops} ({len(r['ops'])}) | yes | {format_agreement(r['vs_ref'])} | "
                    f"{format_agreement(r['vs_auto'])} | {format_agreement(r['single_vs_auto'])} | {r['jax_ms']:.3f} | "
                    f"{r['litert_auto_ms']:.3f} | {r['litert_ref_ms']:.3f} | "
                    f"{r['litert_auto_ms'] / r['jax_ms']:.2f}x |")
            if a.big_batch:
                lit = r["litert_ms_per_image_big"]
                line += (f" {r['jax_ms_per_image_big']:.4f} | "
                         + ("n/a" if lit is None else f"{lit:.4f}") + " | "
                         f"{r['litert_auto_ms'] / r['jax_ms_per_image_big']:.2f}x |")
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
