"""Fully quantized Winograd ResNet with learnable scales: ``python -m experiments.winograd``.

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., CVPR 2025, arXiv 2412.19867), small-scale reproduction of spec
``winograd.md`` §6 on the cached CIFAR-10 ResNet-20: every 3x3 stride-1 conv runs
as F(4,3) or F(6,3) with x, V, U, M quantized group-wise (W8A8, g = 64); the
stride-2 3x3 and 1x1 convs run direct W8A8 with the same group-wise quantizer;
BatchNorm, ReLU, pooling and the classifier head stay float. Rows:

* FP; direct W8A8 group-wise (no Winograd);
* per F: standard scales (M grouped across the alpha^2 positions: the collapse);
  learned scales (data-free: Gaussian noise, K = 2 random layers per step, one set
  shared by all layers); the tap-wise baseline (static per-position absmax scales
  for x, V, U, M calibrated on ``calib_images`` training images, spec §3; its SQNR
  uses the same static ranges as its top-1); the closed-form equalized scales, from
  the i.i.d. formula t = 1/a and from the layers' own kernels; and, with standard
  scales, M quantized per position ("pixel-wise", ``m_groups="pixel"``) and in
  C_out groups per position (``m_groups="channel"``): the two layouts in which no
  group mixes positions.

Per-layer SQNR (vs the float direct conv, on the real inputs of ``sqnr_images``
validation images; also for the direct W8A8 row) and the per-position range map of
``M`` ("cross" pattern) with standard and learned scales are written to the run
directory. Library calls only: :mod:`jaxeff.ops.winograd_calib`.

    python -m experiments.winograd --smoke         # tiny ResNet on digits, < 1 min
    python -m experiments.winograd                 # CIFAR-10 ResNet-20 (cached)
    python -m experiments.winograd --model resnet18_cifar   # ~13 min with a cached model
    python -m experiments.winograd --dataset mnist  # ResNet-20 on MNIST, 2 epochs,
                                                    # full 10,000-image test set
    python -m experiments.winograd --settings bqw,bqw-dynamic,paw-fsq   # published baselines
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh

from experiments._cli import (
    add_devices_flag,
    add_retrain_flag,
    mesh_from_args,
    parse_args,
)
from jaxeff.data.vision import Split, normalize
from jaxeff.nets.winograd import WinogradConfig, conv_layers, winograd_model
from jaxeff.ops.winograd_baselines import (
    PAWConfig,
    bqw_calibrate,
    bqw_conv,
    convs_sqnr,
    paw_fsq_conv,
    paw_train,
)
from jaxeff.ops.winograd_calib import (
    TAPWISE,
    cross_map,
    per_layer_sqnr,
    tapwise_absmax,
)
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.parallel import mesh_size
from jaxeff.report import RunDir, markdown_table, plot_cross_maps
from jaxeff.search.winograd_scales import (
    ScaleTuneConfig,
    equalized_scales,
    tune_scales,
)
from jaxeff.train import evaluate
from jaxeff.zoo import ModelSpec as TrainRun
from jaxeff.zoo import float_base, trained_model

PAPER = ("ImageNet, 8-bit F(6,3) [sec]: ResNet-18 68.29 (FP 69.76), ResNet-34 71.67 "
         "(FP 73.31) with learned scales; their baseline 66.67 / 69.11")


ROWS = ("standard", "learned", "tapwise", "pixel", "channel", "equalized", "kernels",
        "bqw", "bqw-dynamic", "paw-fsq")
#: the default preset's rows; the published baselines (BQW, PAW+FSQ: about 30 min more
#: on this CPU) run with ``--settings bqw,bqw-dynamic,paw-fsq``
DEFAULT_ROWS = ROWS[:7]
BQW = {"bqw": ("BQW static (channel balancing)", False),
       "bqw-dynamic": ("BQW dynamic (channel balancing)", True)}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    base: TrainRun = float_base("resnet20", "cifar10")
    ms: tuple[int, ...] = (4, 6)
    bits: int = 8
    group_size: int = 64
    eval_images: int = 2000  # seeded random subset of the test split (0: all)
    calib_images: int = 128  # training images for the tap-wise baseline only
    sqnr_images: int = 32  # validation images for the per-layer SQNR table
    baseline_calib_images: int = 256  # training images for BQW and PAW+FSQ
    paw: PAWConfig = PAWConfig()
    tune: ScaleTuneConfig = ScaleTuneConfig()
    extras: bool = True  # equalized and M-layout (pixel, channel) rows
    rows: tuple[str, ...] = DEFAULT_ROWS  # which per-F rows to run (FP, direct always)
    seed: int = 0

    @staticmethod
    def smoke() -> Config:
        return Config(base=TrainRun.smoke(), ms=(4,), eval_images=200, calib_images=32,
                      sqnr_images=8, tune=ScaleTuneConfig(steps=5), extras=False,
                      baseline_calib_images=16, paw=PAWConfig(steps=3, batch=8),
                      rows=("standard", "learned", "tapwise", "bqw", "paw-fsq"))

    @staticmethod
    def default(model: str = "resnet20") -> Config:
        return Config(base=float_base(model, "cifar10"))

    @staticmethod
    def mnist(model: str = "resnet20") -> Config:
        """A float model that trains in minutes on real data: ``model`` on MNIST,
        2 epochs, no augmentation (no flips for digits); full 10,000-image test set."""
        base = TrainRun.for_model(model, "mnist", 2, augment=False)
        return Config(base=base, eval_images=0)


def _images(split: Split, n: int, data) -> np.ndarray:
    return normalize(split.images[:n], data.mean, data.std)


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        mesh: Mesh | None = None) -> dict:
    """Every row of the table; ``mesh`` (``--devices``) splits the scale tuning's
    noise batch over its devices when ``cfg.tune.batch`` is a multiple of their
    count (otherwise the tuning runs on one device and says so)."""
    run_dir = RunDir(workdir, cfg)
    if mesh is not None and cfg.tune.batch % mesh_size(mesh):
        print(f"note: tune batch {cfg.tune.batch} is not a multiple of the "
              f"{mesh_size(mesh)} devices; scale tuning runs unsharded "
              "(use --tune-batch)", flush=True)
        mesh = None
    t0 = time.time()
    model, variables, data, meta = trained_model(cfg.base, progress=progress)
    n_eval = min(cfg.eval_images or len(data.test), len(data.test))
    idx = np.sort(np.random.default_rng(cfg.seed).choice(len(data.test), n_eval,
                                                          replace=False))
    test = Split(data.test.images[idx], data.test.labels[idx])
    calib = [c for c in conv_layers(model, variables, jnp.asarray(
        _images(data.train, cfg.calib_images, data))) if c.eligible]
    want_all = set(cfg.rows)
    bcal = [c for c in conv_layers(model, variables, jnp.asarray(_images(
        data.train, cfg.baseline_calib_images, data))) if c.eligible] if want_all & {
        "bqw", "bqw-dynamic", "paw-fsq"} else []
    real = [c for c in conv_layers(model, variables, jnp.asarray(
        _images(data.val, cfg.sqnr_images, data))) if c.eligible]
    paths = [c.path for c in real]
    kernels = {li.path: li.kernel for li in real}
    q = WinogradQuant(bits=cfg.bits, granularity="group", group_size=cfg.group_size)
    tap = dataclasses.replace(TAPWISE, bits=cfg.bits)

    def acc(wcfg: WinogradConfig | None) -> float:
        mdl = model if wcfg is None else winograd_model(model, wcfg)
        return evaluate(mdl, variables, test, mean=data.mean, std=data.std,
                        batch_size=250)

    rows: dict[str, dict] = {}

    def add(name, wcfg, m=None, quant=None, scales=None, absmax=None):
        """One row: top-1 of the model and per-layer SQNR of its eligible layers
        run exactly as in the model (same quantizer, scales, static ranges or
        per-layer baseline convs)."""
        t = time.time()
        top1 = acc(wcfg)
        if wcfg is not None and wcfg.layer_convs:
            sq = list(convs_sqnr(real, wcfg.layer_convs).values())
        else:
            sq = [] if quant is None else list(per_layer_sqnr(
                real, m=m, quant=quant, scales=scales, absmax=absmax).values())
        rows[name] = {"top1": top1, "layer_sqnr": sq,
                      "mean_sqnr": float(np.mean(sq)) if sq else None}
        run_dir.log(config=name, top1=top1, mean_sqnr=rows[name]["mean_sqnr"],
                    eval_s=time.time() - t)
        if progress:
            print(f"{name}: top-1 {top1:.2f}%  ({time.time() - t:.0f} s)", flush=True)

    add("FP", None)
    add("direct W8A8", WinogradConfig(m=None, direct_quant=q), None, q)
    learned, history, maps, paw_hist = {}, {}, {}, {}
    for m in cfg.ms:
        key = jax.random.key(cfg.seed + m)
        t = time.time()
        base = {"m": m, "quant": q, "direct_quant": q}
        want = set(cfg.rows) - (set() if cfg.extras else
                                {"pixel", "channel", "equalized", "kernels"})
        if "standard" in want:
            add(f"F({m},3) standard", WinogradConfig(**base), m, q)
        if "learned" in want:
            learned[m], history[m] = tune_scales(key, kernels, m, q, cfg.tune,
                                                 mesh=mesh)
            tune_s = time.time() - t
            add(f"F({m},3) learned", WinogradConfig(**base, scales=learned[m]), m, q,
                learned[m])
            rows[f"F({m},3) learned"]["tune_s"] = tune_s
        if "tapwise" in want:
            absmax = tapwise_absmax(calib, m, tap)
            add(f"F({m},3) tap-wise (baseline)",
                WinogradConfig(m=m, quant=tap, direct_quant=q, absmax=absmax), m, tap,
                absmax=absmax)
        for mg, label in (("pixel", "M pixel-wise"), ("channel", "M grouped by channel")):
            if mg in want:
                qm = dataclasses.replace(q, m_groups=mg)
                add(f"F({m},3) standard, {label}",
                    WinogradConfig(m=m, quant=qm, direct_quant=q), m, qm)
        if "equalized" in want:
            eq = equalized_scales(m)
            add(f"F({m},3) equalized", WinogradConfig(**base, scales=eq), m, q, eq)
        if "kernels" in want:
            eqk = equalized_scales(m, kernels=kernels)
            add(f"F({m},3) equalized on kernels", WinogradConfig(**base, scales=eqk),
                m, q, eqk)
        for name, (label, dyn) in BQW.items():
            if name in want:
                convs = {p: bqw_conv(li, m=m, quant=q)
                         for p, li in bqw_calibrate(bcal, m, dynamic=dyn).items()}
                add(f"F({m},3) {label}", WinogradConfig(**base, layer_convs=convs))
        if "paw-fsq" in want:
            t = time.time()
            paw, hist = paw_train(jax.random.key(cfg.seed + 100 + m), bcal, m, q, cfg.paw)
            paw_hist[m] = {p: [h[0], h[-1]] for p, h in hist.items() if h}
            convs = {p: paw_fsq_conv(li, m=m, quant=q) for p, li in paw.items()}
            add(f"F({m},3) PAW+FSQ [U]", WinogradConfig(**base, layer_convs=convs))
            rows[f"F({m},3) PAW+FSQ [U]"]["train_s"] = time.time() - t
        if not cfg.tune.per_layer:
            maps[f"F({m},3) standard"] = cross_map(real, m, None)
            if m in learned:
                maps[f"F({m},3) learned"] = cross_map(real, m, learned[m])
    if maps:
        plot_cross_maps(run_dir.path / "cross.png", maps)
    results = {
        "model": cfg.base.model, "dataset": cfg.base.dataset, "eval_images": n_eval,
        "cached_fp_top1_full_test": meta["test_top1"], "layers": paths,
        "rows": rows, "paper": PAPER, "wall_s": time.time() - t0,
        "learned_t": {str(m): np.exp(np.asarray(s.log_b + s.log_c)).tolist()
                      for m, s in learned.items() if not cfg.tune.per_layer},
        "equalized_t": {str(m): {
            "iid": np.exp(np.asarray(equalized_scales(m).log_b)).tolist(),
            "kernels": np.exp(np.asarray(equalized_scales(
                m, kernels=kernels).log_b)).tolist()} for m in cfg.ms},
        "tune_history": {str(m): h[:: max(1, len(h) // 50)] for m, h in history.items()},
        "range_ratio": {k: float(10 ** (v.max() - v.min())) for k, v in maps.items()},
        "paw": dataclasses.asdict(cfg.paw), "paw_loss_first_last": paw_hist,
        "baseline_calib_images": cfg.baseline_calib_images,
    }
    run_dir.write_results(results)
    run_dir.write_report("# Winograd W8A8\n\n" + tables(results) + "\n")
    return results


def tables(res: dict) -> str:
    """Top-1 table and per-layer SQNR table (markdown)."""
    rows = res["rows"]
    fp, direct = rows["FP"]["top1"], rows["direct W8A8"]["top1"]
    t1 = markdown_table(
        ["config", f"top-1 (%), {res['eval_images']} test images", "vs direct W8A8",
         "mean layer SQNR (dB)"],
        [[k, f"{v['top1']:.2f}", f"{v['top1'] - direct:+.2f}" if k != "FP" else
          f"{fp - direct:+.2f}", "" if v["mean_sqnr"] is None else
          f"{v['mean_sqnr']:.1f}"] for k, v in rows.items()])
    sq_names = [k for k, v in rows.items() if v["layer_sqnr"]]
    t2 = markdown_table(["layer", *sq_names],
                        [[p, *[f"{rows[k]['layer_sqnr'][i]:.1f}" for k in sq_names]]
                         for i, p in enumerate(res["layers"])])
    return f"{t1}\n\nPer-layer SQNR (dB) vs float direct conv:\n\n{t2}"


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--model", default="resnet20",
                   help="resnet20 or resnet18_cifar (trained first if not cached: ~100 s on "
                   "an H200, an estimated 30-40 h on a 2-core CPU)")
    p.add_argument("--dataset", default="cifar10", choices=["cifar10", "mnist"],
                   help="cifar10: the cached 30-epoch float model; mnist: a 2-epoch "
                   "model trained in minutes, full test set")
    p.add_argument("--ms", type=int, nargs="+", default=None)
    p.add_argument("--group-size", type=int, default=None)
    p.add_argument("--bits", type=int, default=None)
    p.add_argument("--eval-images", type=int, default=None, help="0: full test set")
    p.add_argument("--steps", type=int, default=None, help="scale tuning steps")
    p.add_argument("--tune-batch", type=int, default=None,
                   help="noise images per tuning step (a multiple of --devices to "
                   "shard it)")
    p.add_argument("--per-layer", action="store_true", help="one scale set per layer")
    p.add_argument("--no-extras", action="store_true")
    p.add_argument("--no-learned", action="store_true",
                   help="skip the noise tuning and the learned row")
    p.add_argument("--rows", "--settings", dest="rows", default=None,
                   help=f"comma-separated subset of {','.join(ROWS)} (FP, direct always)")
    p.add_argument("--paw-steps", type=int, default=None, help="PAW steps per layer")
    p.add_argument("--paw-lr", type=float, default=None, help="PAW lr of B^T, A^T")
    p.add_argument("--paw-lr-g", type=float, default=None, help="PAW lr of G")
    p.add_argument("--data-dir", default=None)
    p.add_argument("--workdir", default=None)
    p.add_argument("--overwrite", action="store_true")
    p.add_argument("--no-progress", action="store_true")
    add_retrain_flag(p)
    add_devices_flag(p)
    a = parse_args(p, argv)
    if a.smoke:
        cfg = Config.smoke()
    else:
        cfg = Config.mnist(a.model) if a.dataset == "mnist" else Config.default(a.model)
    over: dict = {}
    for name in ("ms", "group_size", "bits", "eval_images"):
        v = getattr(a, name)
        if v is not None:
            over[name] = tuple(v) if isinstance(v, list) else v
    tune = cfg.tune
    if a.steps is not None:
        tune = dataclasses.replace(tune, steps=a.steps)
    if a.tune_batch is not None:
        tune = dataclasses.replace(tune, batch=a.tune_batch)
    if a.per_layer:
        tune = dataclasses.replace(tune, per_layer=True)
    over["tune"] = tune
    paw = {k: v for k, v in (("steps", a.paw_steps), ("lr", a.paw_lr),
                             ("lr_g", a.paw_lr_g)) if v is not None}
    over["paw"] = dataclasses.replace(cfg.paw, **paw)
    if a.no_extras:
        over["extras"] = False
    rows = tuple(a.rows.split(",")) if a.rows else cfg.rows
    bad = set(rows) - set(ROWS)
    if bad:
        p.error(f"--rows: unknown {sorted(bad)}; choose from {ROWS}")
    over["rows"] = tuple(r for r in rows if not (a.no_learned and r == "learned"))
    if a.data_dir:
        over["base"] = dataclasses.replace(cfg.base, data_dir=a.data_dir)
    cfg = dataclasses.replace(cfg, **over)
    tag = a.model if a.dataset == "cifar10" else f"{a.model}_{a.dataset}"
    workdir = a.workdir or ("runs/winograd_smoke" if a.smoke else f"runs/winograd_{tag}")
    if a.overwrite:
        RunDir(workdir, cfg, overwrite=True)
    res = run(cfg, workdir, progress=not a.no_progress, mesh=mesh_from_args(a))
    print(tables(res))
    return res


if __name__ == "__main__":
    main()
