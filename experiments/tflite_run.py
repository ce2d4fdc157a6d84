"""Run a TFLite model in JAX (``jaxeff.tflite.to_jax``) and check it against LiteRT.

Issue 16, item 4 (minimal): prints the op table (type, count, supported by ``to_jax``),
the agreement with LiteRT's reference kernels (BUILTIN_REF, the bit-exact target) and
with its default XNNPACK runtime on seeded random inputs (float: max relative error;
integer: fraction of identical elements and the largest LSB difference), the median
time of the jitted JAX function vs LiteRT (1 thread) at the file's batch size, and per
image at ``--big-batch`` (32; LiteRT only where the file can be resized).
``--quantize`` and ``--data`` are not implemented.

    python -m experiments.tflite_run $JAXEFF_DATA/tflite/ML-examples__ds_cnn_s_quantized.tflite
"""

from __future__ import annotations

import argparse

from jaxeff.tflite.compare import compare_model, format_agreement


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model", help="path of a .tflite file")
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--big-batch", type=int, default=32,
                   help="also time per image at this batch (0: skip)")
    a = p.parse_args(argv)
    r = compare_model(a.model, a.seeds, a.repeats, a.big_batch)
    print(f"{r['model']}\n\n| op | count | to_jax |\n|---|---|---|")
    for name, n, ok in r["ops"]:
        print(f"| {name} | {n} | {'yes' if ok else 'no'} |")
    if "unsupported" in r:
        print("\nto_jax cannot run this model:\n" + "\n".join(r["unsupported"]))
        return r
    print(f"\nvs LiteRT BUILTIN_REF ({a.seeds} seeds): {format_agreement(r['vs_ref'])}")
    print(f"vs LiteRT default (XNNPACK): {format_agreement(r['vs_auto'])}")
    print(f"  with rounding='single': {format_agreement(r['single_vs_auto'])}")
    print(f"median ms at the file's batch ({r['batch']}): JAX jit {r['jax_ms']:.3f}, "
          f"LiteRT default (1 thread) {r['litert_auto_ms']:.3f}, "
          f"LiteRT BUILTIN_REF {r['litert_ref_ms']:.3f}")
    if r.get("big_batch"):
        lit = r["litert_ms_per_image_big"]
        print(f"median ms per image at batch {r['big_batch']}: JAX jit "
              f"{r['jax_ms_per_image_big']:.4f}, LiteRT default (1 thread) "
              + (f"{lit:.4f}" if lit is not None else "n/a (the file cannot be resized)"))
    return r


if __name__ == "__main__":
    main()
