"""FQ-ViT-style fully quantized ViT PTQ table: ``python -m experiments.fqvit``.

Baseline of Evol-Q (arXiv 2308.10814) after FQ-ViT (arXiv 2111.13824): per-channel
asymmetric uint-W weights with bias correction, uint8 OMSE activations, PTF
LayerNorm inputs. For each calibration seed, 1,000 random training images
(10 batches of 100) calibrate the model; top-1 is measured on the full test set.

    python -m experiments.fqvit --smoke          # tiny ViT on digits, < 1 min
    python -m experiments.fqvit                  # CIFAR-10 ViT (cached), W8/4/3 A8, 3 seeds
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time

from experiments._cli import add_retrain_flag, parse_args
from jaxeff.metrics import mean_std
from jaxeff.ptq import fq_vit
from jaxeff.report import RunDir, markdown_table
from jaxeff.train import evaluate
from jaxeff.zoo import SMOKE_VIT, calibration_batches, float_base, trained_model
from jaxeff.zoo import ModelSpec as TrainRun


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    base: TrainRun = float_base("vit_cifar/4", "cifar10")
    w_bits: tuple[int, ...] = (8, 4, 3)
    a_bits: int = 8
    seeds: tuple[int, ...] = (0, 1, 2)
    calib_images: int = 1000
    calib_batch: int = 100
    ptf: bool = True
    observer: str = "omse"
    bias_correction: bool = True

    @staticmethod
    def smoke() -> Config:
        # the 64 calibration images as one batch: calibrate() compiles its step
        # once per bit-width, not twice (its first call starts from empty stats)
        return Config(base=SMOKE_VIT,
                      w_bits=(8, 4), seeds=(0,), calib_images=64, calib_batch=64)

    @staticmethod
    def default() -> Config:
        return Config()


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True) -> dict:
    run_dir = RunDir(workdir, cfg)
    model, variables, data, meta = trained_model(cfg.base, progress=progress)
    fp = evaluate(model, variables, data.test, mean=data.mean, std=data.std)
    rows: dict[int, list[float]] = {b: [] for b in cfg.w_bits}
    jobs = [(s, b) for s in cfg.seeds for b in cfg.w_bits]
    if progress:
        from tqdm.auto import tqdm

        jobs = tqdm(jobs, desc="fq-vit ptq")
    t0 = time.time()
    for seed, bits in jobs:
        batches = calibration_batches(data.train.images, data.mean, data.std,
                                      cfg.calib_images, cfg.calib_batch, seed)
        qmodel, qvars = fq_vit(model, variables, batches, w_bits=bits,
                               a_bits=cfg.a_bits, ptf=cfg.ptf, observer=cfg.observer,
                               bias_correction=cfg.bias_correction)
        acc = evaluate(qmodel, qvars, data.test, mean=data.mean, std=data.std)
        rows[bits].append(acc)
        run_dir.log(seed=seed, w_bits=bits, a_bits=cfg.a_bits, test_top1=acc)
    results = {"model": cfg.base.model, "dataset": cfg.base.dataset, "fp_top1": fp,
               "params": meta["params"], "ptq_time_s": time.time() - t0,
               "ptq": {f"W{b}A{cfg.a_bits}": {"per_seed": v, "mean": mean_std(v)[0],
                                              "std": mean_std(v)[1]}
                       for b, v in rows.items()}}
    run_dir.write_results(results)
    table = table_rows(results)
    run_dir.write_report("# FQ-ViT PTQ\n\n" + table + "\n")
    return results


def table_rows(results: dict) -> str:
    rows = [["FP32", f"{results['fp_top1']:.2f}", ""]]
    for name, r in results["ptq"].items():
        rows.append([name, f"{r['mean']:.2f} ± {r['std']:.2f}",
                     ", ".join(f"{v:.2f}" for v in r["per_seed"])])
    return markdown_table(["setting", "test top-1 (%) mean ± std", "per seed"], rows)


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description="FQ-ViT PTQ table")
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--bits", type=int, nargs="+", default=None, help="weight bits")
    p.add_argument("--seeds", type=int, nargs="+", default=None)
    p.add_argument("--no-ptf", action="store_true", help="plain per-tensor LN inputs")
    p.add_argument("--data-dir", default=None)
    p.add_argument("--workdir", default=None)
    p.add_argument("--no-progress", action="store_true")
    add_retrain_flag(p)
    a = parse_args(p, argv)
    cfg = Config.smoke() if a.smoke else Config.default()
    over = {}
    if a.bits:
        over["w_bits"] = tuple(a.bits)
    if a.seeds:
        over["seeds"] = tuple(a.seeds)
    if a.no_ptf:
        over["ptf"] = False
    if a.data_dir:
        over["base"] = dataclasses.replace(cfg.base, data_dir=a.data_dir)
    cfg = dataclasses.replace(cfg, **over)
    workdir = a.workdir or ("runs/fqvit_smoke" if a.smoke else "runs/fqvit")
    res = run(cfg, workdir, progress=not a.no_progress)
    print(table_rows(res))
    return res


if __name__ == "__main__":
    main()
