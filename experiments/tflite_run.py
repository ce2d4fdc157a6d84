"""Run a TFLite model in JAX (``jaxeff.tflite.to_jax``) and check it against LiteRT.

Issue 16, item 4 (minimal): prints the op table (type, count, supported by ``to_jax``),
the agreement with LiteRT's reference kernels (BUILTIN_REF, the bit-exact target) and
with its default XNNPACK runtime on seeded random inputs (float: max relative error;
integer: fraction of identical elements and the largest LSB difference), the median
time of the jitted JAX function vs LiteRT (1 thread) at the file's batch size, and per
image at ``--big-batch`` (32; LiteRT only where the file can be resized).
``--quantize`` and ``--data`` are not implemented. ``--smoke`` runs a small int8
conv + dense model written with jaxeff's writer (no data folder needed), 1 seed.

    python -m experiments.tflite_run $JAXEFF_DATA/tflite/ML-examples__ds_cnn_s_quantized.tflite
    python -m experiments.tflite_run --smoke
"""

from __future__ import annotations

import argparse
import pathlib
import tempfile

import numpy as np

from jaxeff.tflite import Op, OpGraph, Tensor, save_tflite
from jaxeff.tflite.compare import compare_model, format_agreement


def smoke_model(path: pathlib.Path) -> pathlib.Path:
    """A seeded int8 graph: CONV_2D 3x3 (per-channel, bias) + RELU -> MEAN ->
    FULLY_CONNECTED (no bias) -> SOFTMAX, written to ``path``."""
    rng = np.random.default_rng(0)

    def q(name: str, shape: tuple, s: float, z: int, data: np.ndarray | None = None,
          dt: str = "int8") -> Tensor:
        return Tensor(name, shape, dt, data=data, scale=np.array([s], np.float32),
                      zero_point=np.array([z]))

    ws = rng.uniform(0.005, 0.02, 8).astype(np.float32)
    ts = [q("x", (1, 8, 8, 3), 0.05, 2),
          Tensor("w", (8, 3, 3, 3), "int8", data=rng.integers(-127, 128, (8, 3, 3, 3)),
                 scale=ws, zero_point=np.zeros(8, np.int64)),
          q("h", (1, 8, 8, 8), 0.1, -128),
          Tensor("ax", (2,), "int32", data=np.array([1, 2], np.int32)),
          q("m", (1, 8), 0.05, -128),
          q("fw", (4, 8), 0.02, 0, rng.integers(-127, 128, (4, 8))),
          q("logits", (1, 4), 0.2, 0), q("p", (1, 4), 1 / 256, -128),
          Tensor("b", (8,), "int32", data=rng.integers(-500, 500, 8).astype(np.int32),
                 scale=ws * np.float32(0.05), zero_point=np.zeros(8, np.int64))]
    ops = [Op("CONV_2D", (0, 1, 8), (2,), {"padding": "SAME", "stride_h": 1, "stride_w": 1,
                                           "fused_activation_function": "RELU"}),
           Op("MEAN", (2, 3), (4,), {"keep_dims": False}),
           Op("FULLY_CONNECTED", (4, 5), (6,)),
           Op("SOFTMAX", (6,), (7,), {"beta": 1.0})]
    return save_tflite(OpGraph(ts, ops, (0,), (7,)), path)


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model", nargs="?", help="path of a .tflite file")
    p.add_argument("--smoke", action="store_true", help="a small built-in model, 1 seed")
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--big-batch", type=int, default=32,
                   help="also time per image at this batch (0: skip)")
    a = p.parse_args(argv)
    if a.smoke:
        with tempfile.TemporaryDirectory() as d:
            model = smoke_model(pathlib.Path(d) / "smoke.tflite")
            return _report(compare_model(model, 1, 3, 4), 1)
    if a.model is None:
        p.error("give a .tflite path (or --smoke)")
    return _report(compare_model(a.model, a.seeds, a.repeats, a.big_batch), a.seeds)


def _report(r: dict, seeds: int) -> dict:
    print(f"{r['model']}\n\n| op | count | to_jax |\n|---|---|---|")
    for name, n, ok in r["ops"]:
        print(f"| {name} | {n} | {'yes' if ok else 'no'} |")
    if "unsupported" in r:
        print("\nto_jax cannot run this model:\n" + "\n".join(r["unsupported"]))
        return r
    print(f"\nvs LiteRT BUILTIN_REF ({seeds} seeds): {format_agreement(r['vs_ref'])}")
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
