"""Run a TFLite model in JAX (``jaxeff.tflite.to_jax``) and check it against LiteRT.

Issue 16, item 4 (minimal): prints the op table (type, count, supported by ``to_jax``),
the agreement with LiteRT's reference kernels (BUILTIN_REF, the bit-exact target) and
with its default XNNPACK runtime on seeded random inputs (float: max relative error;
integer: fraction of identical elements and the largest LSB difference), the median
time of the jitted JAX function vs LiteRT (1 thread) at the file's batch size, and per
image at ``--big-batch`` (32; LiteRT only where the file can be resized).
``--smoke`` runs a small int8 conv + dense model written with jaxeff's writer (no data
folder needed), 1 seed.

``--quantize w8a8,winograd-f43,winograd-f63`` (any of them) runs jaxeff's methods on a
**float** model instead (:mod:`jaxeff.tflite.flax_methods`): the file is imported
with ``to_flax``, quantized in JAX (W8A8 min-max calibrated on ``--calib-images``
training images; Winograd F(4,3)/F(6,3) W8A8 group-wise with learned scales, the
configuration of experiments.winograd) and evaluated on the test split of
``--dataset`` under ``--data`` (default ``$JAXEFF_DATA``; inputs normalized with the
dataset's mean/std, ``--norm dataset``, or ``x / 255``, ``--norm unit``). With
``--export OUT.tflite`` the W8A8 model is written as a fully int8 TFLite
(:func:`jaxeff.tflite.flax_export.export_int8`) and evaluated in LiteRT (default
XNNPACK runtime) and in ``to_jax`` (LiteRT's reference kernels, bit-exact), with the
agreement of their predictions with the JAX W8A8 model. Int8 TFLite has no Winograd
op: the Winograd models are evaluated in JAX only. ``--smoke --quantize ...`` does
this for the tiny digits ResNet of the model zoo, exported to a float TFLite first
(W8A8 and F(4,3) on 200 test images, 1 tuning step; about 35 s of CPU).

    python -m experiments.tflite_run $JAXEFF_DATA/tflite/ML-examples__ds_cnn_s_quantized.tflite
    python -m experiments.tflite_run --smoke
    python -m experiments.tflite_run resnet20_float.tflite --data $JAXEFF_DATA \\
        --quantize w8a8,winograd-f43,winograd-f63 --export resnet20_int8.tflite
    python -m experiments.tflite_run --smoke --quantize w8a8,winograd-f43
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pathlib
import tempfile
import time

import jax
import numpy as np

from experiments._cli import parse_args
from jaxeff.report import RunDir, markdown_table
from jaxeff.search.winograd_scales import ScaleTuneConfig
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


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuantizeConfig:
    """``--quantize`` mode: ``model`` a float .tflite (``""``: the zoo's smoke ResNet,
    exported first), ``methods`` of :data:`jaxeff.tflite.flax_methods.METHODS`."""

    model: str = ""
    methods: tuple[str, ...] = ("w8a8", "winograd-f43", "winograd-f63")
    dataset: str = "cifar10"
    data_dir: str | None = None
    norm: str = "dataset"  # "dataset" (mean/std of its train split) | "unit" (x / 255)
    calib_images: int = 256  # training images (W8A8 ranges, the export's ranges)
    eval_images: int = 0  # seeded subset of the test split (0: all)
    batch: int = 250
    export: str | None = None  # int8 .tflite path of the W8A8 model
    tune: ScaleTuneConfig = dataclasses.field(default_factory=ScaleTuneConfig)
    seed: int = 0

    @staticmethod
    def smoke() -> QuantizeConfig:
        # tuning compiles per layer pair: 1 step keeps the smoke under a minute
        return QuantizeConfig(methods=("w8a8", "winograd-f43"), dataset="digits",
                              calib_images=32, eval_images=200, batch=100,
                              tune=ScaleTuneConfig(steps=1))


def _smoke_float_model(path: pathlib.Path) -> tuple[str, str | None]:
    """The zoo's tiny digits ResNet as a float TFLite at ``path``."""
    from jaxeff.nets.resnet_export import resnet_graph
    from jaxeff.zoo import ModelSpec, trained_model

    spec = ModelSpec.smoke()
    model, variables, data, _ = trained_model(spec, progress=False)
    save_tflite(resnet_graph(model, variables, input_shape=(1, *data.image_shape)), path)
    return str(path), spec.data_dir


def _predict(fn, xs: np.ndarray, batch: int) -> np.ndarray:
    """argmax of ``fn(x_batch)`` over ``xs`` in fixed batches (the last one padded)."""
    out = []
    for i in range(0, len(xs), batch):
        x = xs[i:i + batch]
        pad = batch - len(x)
        if pad:
            x = np.concatenate([x, np.zeros((pad, *x.shape[1:]), x.dtype)])
        out.append(np.argmax(np.asarray(fn(x)), -1)[:batch - pad])
    return np.concatenate(out)


def run(cfg: QuantizeConfig, workdir: str | pathlib.Path, *, progress: bool = True
        ) -> dict:
    """Import ``cfg.model``, quantize it by each method, evaluate (module doc)."""
    from jaxeff.data.vision import load_vision, normalize
    from jaxeff.tflite import read_main, to_flax, to_jax
    from jaxeff.tflite.compare import run_litert
    from jaxeff.tflite.flax_export import export_int8
    from jaxeff.tflite.flax_methods import quantize_imported

    if cfg.norm not in ("dataset", "unit"):
        raise ValueError(f"norm must be 'dataset' or 'unit', got {cfg.norm!r}")
    run_dir = RunDir(workdir, cfg)
    t0 = time.time()
    model_path, data_dir = cfg.model, cfg.data_dir
    if not model_path:
        model_path, zoo_dir = _smoke_float_model(run_dir.path / "float.tflite")
        data_dir = data_dir or zoo_dir
    data = load_vision(cfg.dataset, data_dir)
    prep = ((lambda im: normalize(im, data.mean, data.std)) if cfg.norm == "dataset"
            else (lambda im: np.asarray(im, np.float32) / np.float32(255)))
    module, fv = to_flax(model_path)
    want = tuple(module.graph.tensors[module.graph.inputs[0]].shape[1:])
    if want != tuple(data.image_shape):
        raise ValueError(f"{model_path} takes [N, {', '.join(map(str, want))}] inputs, "
                         f"{cfg.dataset} images are {tuple(data.image_shape)}")
    rng = np.random.default_rng(cfg.seed)
    calib = prep(data.train.images[np.sort(rng.choice(len(data.train), min(
        cfg.calib_images, len(data.train)), replace=False))])
    n_eval = min(cfg.eval_images or len(data.test), len(data.test))
    idx = np.sort(rng.choice(len(data.test), n_eval, replace=False))
    xs, ys = prep(data.test.images[idx]), data.test.labels[idx]
    rows: dict[str, dict] = {}

    def add(name: str, preds: np.ndarray, t: float, **extra) -> np.ndarray:
        rows[name] = {"top1": 100 * float(np.mean(preds == ys)), **extra}
        run_dir.log(row=name, **rows[name], s=time.time() - t)
        if progress:
            print(f"{name}: top-1 {rows[name]['top1']:.2f}% ({time.time() - t:.0f} s)",
                  flush=True)
        return preds

    t = time.time()
    # variables are jit arguments, never closed-over constants (XLA would constant-fold
    # the weight quantizers and Winograd transforms for minutes)
    fp = jax.jit(lambda v, x: module.apply(v, x)[0])
    add("FP (to_flax)", _predict(lambda x: fp(fv, x), xs, cfg.batch), t)
    for k, method in enumerate(cfg.methods):
        t = time.time()
        qm, qv, info = quantize_imported(jax.random.key(cfg.seed + k), module, fv, method,
                                         calib, tune=cfg.tune)
        fq = jax.jit(lambda v, x, qm=qm: qm.apply(v, x)[0])
        pj = add(f"{method} (JAX)", _predict(lambda x, f=fq, v=qv: f(v, x), xs,
                                             cfg.batch), t, **info)
        if method != "w8a8" or not cfg.export:
            continue
        t = time.time()
        buf = export_int8(qm, qv, calib, description=f"jaxeff {method}")
        pathlib.Path(cfg.export).write_bytes(buf)
        g = read_main(buf)
        tin = g.tensors[g.inputs[0]]
        codes = np.clip(np.round(xs / tin.scale[0]) + tin.zero_point[0], -128, 127
                        ).astype(np.int8)
        fn, params = to_jax(buf)
        jfn = jax.jit(fn)
        pt = add("w8a8 int8 TFLite in to_jax (= LiteRT BUILTIN_REF)",
                 _predict(lambda x, f=jfn, p=params: f(p, x)[0], codes, cfg.batch), t)
        t = time.time()
        pl = add("w8a8 int8 TFLite in LiteRT (default, XNNPACK)", _predict(
            lambda x, b=buf: run_litert(b, [x], "auto")[0][0], codes, cfg.batch), t)
        rows["agreement"] = {
            "LiteRT vs to_jax": 100 * float(np.mean(pl == pt)),
            "LiteRT vs JAX W8A8": 100 * float(np.mean(pl == pj)),
            "to_jax vs JAX W8A8": 100 * float(np.mean(pt == pj)),
            "int8_tflite_bytes": len(buf)}
        run_dir.log(row="agreement", **rows["agreement"])
    results = {"model": model_path, "dataset": cfg.dataset, "eval_images": n_eval,
               "calib_images": len(calib), "rows": rows, "wall_s": time.time() - t0}
    run_dir.write_results(results)
    run_dir.write_report("# TFLite import -> quantize\n\n" + table(results) + "\n")
    return results


def table(res: dict) -> str:
    """Markdown top-1 table (and the agreement line) of :func:`run`'s results."""
    rows = {k: v for k, v in res["rows"].items() if k != "agreement"}
    fp = rows["FP (to_flax)"]["top1"]
    out = markdown_table(["model", f"top-1 (%), {res['eval_images']} test images",
                          "vs FP"], [[k, f"{v['top1']:.2f}", f"{v['top1'] - fp:+.2f}"]
                                     for k, v in rows.items()])
    if "agreement" in res["rows"]:
        a = res["rows"]["agreement"]
        out += "\n\nsame top-1 prediction: " + ", ".join(
            f"{k} {v:.2f}%" for k, v in a.items() if k != "int8_tflite_bytes")
    return out


def _quantize_main(a: argparse.Namespace) -> dict:
    from jaxeff.tflite.flax_methods import METHODS

    cfg = QuantizeConfig.smoke() if a.smoke else QuantizeConfig()
    methods = tuple(m for m in a.quantize.split(",") if m) or cfg.methods
    bad = [m for m in methods if m not in METHODS]
    if bad:
        raise SystemExit(f"--quantize: unknown {bad}; choose from {list(METHODS)}")
    over = {"methods": methods, "model": a.model or ""}
    for k in ("dataset", "norm", "calib_images", "eval_images", "export"):
        if getattr(a, k) is not None:
            over[k] = getattr(a, k)
    if a.data is not None or os.environ.get("JAXEFF_DATA"):
        over["data_dir"] = a.data or os.environ["JAXEFF_DATA"]
    if a.tune_steps is not None:
        over["tune"] = dataclasses.replace(cfg.tune, steps=a.tune_steps)
    cfg = dataclasses.replace(cfg, **over)
    if not cfg.model and not a.smoke:
        raise SystemExit("give a float .tflite path (or --smoke)")
    workdir = a.workdir or f"runs/tflite_run_quantize{'_smoke' if a.smoke else ''}"
    r = run(cfg, workdir)
    print("\n" + table(r) + f"\n\nrun directory: {workdir}")
    return r


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model", nargs="?", help="path of a .tflite file")
    p.add_argument("--smoke", action="store_true", help="a small built-in model, 1 seed")
    p.add_argument("--seeds", type=int, default=3)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--big-batch", type=int, default=32,
                   help="also time per image at this batch (0: skip)")
    p.add_argument("--quantize", default=None, nargs="?", const="", metavar="M[,M...]",
                   help="w8a8, winograd-f43, winograd-f63 (comma-separated): run "
                        "jaxeff's methods on a float model and report accuracy")
    p.add_argument("--data", default=None, metavar="DIR",
                   help="data root (default $JAXEFF_DATA)")
    p.add_argument("--dataset", default=None, help="labelled dataset (cifar10)")
    p.add_argument("--norm", default=None, choices=("dataset", "unit"))
    p.add_argument("--calib-images", type=int, default=None)
    p.add_argument("--eval-images", type=int, default=None, help="0: all test images")
    p.add_argument("--tune-steps", type=int, default=None)
    p.add_argument("--export", default=None, metavar="OUT.tflite",
                   help="write the W8A8 model as int8 TFLite and run it in LiteRT")
    p.add_argument("--workdir", default=None)
    a = parse_args(p, argv)
    if a.quantize is not None:
        return _quantize_main(a)
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
