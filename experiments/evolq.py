"""Evol-Q: block-wise evolutionary scale search on a fully quantized ViT.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (arXiv 2308.10814); CPT-V (arXiv 2211.09643) is the same engine
(``python -m experiments.evolq --algo cptv``). The baseline is the FQ-ViT-style
fully quantized
ViT of ``jaxeff.ptq.fq_vit``.

    python -m experiments.evolq                       # digits ViT (bundled data), < 3 min
    python -m experiments.evolq --preset smoke        # < 1 min
    python -m experiments.evolq --dataset cifar10 --bits 3 4 --seeds 0 1 2
    python -m experiments.evolq --dataset cifar10 --preset paper   # K=15, P=10, C=3
    python -m experiments.evolq --model resnet20 --dataset cifar10 --bits 4   # CNN
    python -m experiments.evolq --algo cptv           # CPT-V (arXiv 2211.09643)
    python -m experiments.evolq --algo snes           # any evosax algorithm, any case

Protocol (spec evolq.md §5): calibration = random training images in fixed batches
of 100; model selection on the held-out validation split (training images never
used by training); test top-1 on the test split, never touched by search or
selection. Every (bits, seed) search checkpoints after each block and resumes.
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time
from typing import Any

import jax
import numpy as np
from jax.sharding import Mesh

from experiments._cli import (
    add_devices_flag,
    parse_run_args,
    preset_parser,
    run_and_report,
)
from jaxeff.metrics import mean_std
from jaxeff.ptq import fq_vit, ptq, resnet_config
from jaxeff.report import RunDir, markdown_table, plot_curves
from jaxeff.search.evolq import EvolQConfig, eps_for_bits, run_search
from jaxeff.search.fitness import FullForward, ViTBlocks
from jaxeff.search.strategy import EVOLQ_ALGOS
from jaxeff.train import evaluate
from jaxeff.zoo import SMOKE_VIT, calibration_batches, trained_model, validation_batches
from jaxeff.zoo import ModelSpec as TrainRun
from jaxeff.zoo import float_base as base_for

CNN_LEAVES = r"blocks_{b}/(conv1|conv2|shortcut)/w_scale"


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    base: TrainRun = base_for("vit_digits/2", "digits")
    w_bits: tuple[int, ...] = (3, 4, 8)
    a_bits: int = 8
    seeds: tuple[int, ...] = (0,)
    calib_images: int = 500
    calib_batch: int = 100
    search: EvolQConfig = EvolQConfig(passes=3)

    @staticmethod
    def smoke() -> Config:
        # the 64 calibration images as one batch: calibrate() compiles its step
        # once, not twice (its first call starts from empty stats)
        return Config(base=SMOKE_VIT,
                      w_bits=(4,), calib_images=64, calib_batch=64,
                      search=EvolQConfig(passes=1))

    @staticmethod
    def default(dataset: str = "digits", model: str | None = None) -> Config:
        model = model or ("vit_digits/2" if dataset == "digits" else "vit_cifar/4")
        n = 500 if dataset == "digits" else 1000
        return Config(base=base_for(model, dataset), calib_images=n,
                      search=EvolQConfig(passes=3, leaves=_leaves(model)))

    @staticmethod
    def paper(dataset: str = "cifar10", model: str | None = None) -> Config:
        cfg = Config.default(dataset, model)
        return dataclasses.replace(cfg, calib_images=1000, search=dataclasses.replace(
            cfg.search, passes=10, population=15, cycles=3, tournament=10))


def _leaves(model: str) -> str:
    return EvolQConfig().leaves if model.startswith("vit") else CNN_LEAVES


def _quantize(cfg: Config, model, variables, batches, bits: int):
    if cfg.base.model.startswith("vit"):
        qmodel, qvars = fq_vit(model, variables, batches, w_bits=bits, a_bits=cfg.a_bits)
        return qmodel, qvars, ViTBlocks(qmodel)
    qmodel, qvars = ptq(model, variables, batches, resnet_config(bits, cfg.a_bits))
    return qmodel, qvars, FullForward(qmodel, sum(qmodel.stage_sizes))


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False, mesh: Mesh | None = None) -> dict[str, Any]:
    """FP / PTQ baseline / Evol-Q test top-1 for every (bits, seed).

    Top-down: data and float model (:mod:`jaxeff.zoo`) -> quantize
    (:mod:`jaxeff.ptq`) -> search (:mod:`jaxeff.search.evolq`) -> report.
    ``mesh`` (``--devices``): the population is split over its devices (and a float
    model still to train is trained data-parallel); results do not depend on it.
    A finished run (its ``results.json``, written by this configuration) is read back
    and returned without recomputing anything; ``overwrite`` recomputes it. An
    unfinished one resumes its searches from their checkpoints.
    """
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    if not overwrite and (saved := run_dir.read_results()) is not None:
        print(f"{run_dir.path}: finished run read back (--overwrite recomputes it)")
        return saved
    # data + model: the cached float net and its dataset; validation for selection
    model, variables, data, _ = trained_model(cfg.base, progress=progress, mesh=mesh)
    fp = evaluate(model, variables, data)  # test split, the dataset's preprocessing
    sel = validation_batches(data, cfg.calib_batch)
    runs: list[dict[str, Any]] = []
    for bits in cfg.w_bits:
        for seed in cfg.seeds:
            # quantize: FQ-ViT (or CNN PTQ) calibrated on seeded training images
            batches = calibration_batches(data.train.images, data.mean, data.std,
                                          cfg.calib_images, cfg.calib_batch, seed)
            qmodel, qvars, adapter = _quantize(cfg, model, variables, batches, bits)
            # search: block-wise Evol-Q, the pass chosen on validation
            t0 = time.time()
            res = _search(cfg, adapter, qvars, batches, sel, bits, seed, run_dir,
                          progress, mesh)
            # one compiled quantized forward for both scorings (only "quant" differs)
            q_apply = jax.jit(lambda v, x, qm=qmodel: qm.apply(v, x)[0])
            rec = {"w_bits": bits, "seed": seed,
                   "ptq_top1": evaluate(qmodel, qvars, data, apply_fn=q_apply),
                   "evolq_top1": evaluate(qmodel, {**qvars, "quant": res.quant}, data,
                                          apply_fn=q_apply),
                   "search_s": res.seconds, "wall_s": time.time() - t0,
                   "evals": res.evals, "best_pass": res.best_pass,
                   "selection": res.selection, "history": res.history}
            runs.append(rec)
            run_dir.log(**{k: v for k, v in rec.items() if k != "history"})
            _plot_search(cfg, res.history, bits, seed, run_dir)
    # report
    results = {"model": cfg.base.model, "dataset": cfg.base.dataset, "fp_top1": fp,
               "algo": cfg.search.algo, "loss": cfg.search.loss,
               "passes": cfg.search.passes, "summary": summarize(runs, cfg),
               "runs": runs}
    run_dir.write_results(results)
    run_dir.write_report("# Evol-Q\n\n" + table(results) + "\n")
    return results


def _search(cfg: Config, adapter, qvars, batches, sel, bits: int, seed: int,
            run_dir: RunDir, progress: bool, mesh: Mesh | None = None):
    """:func:`run_search` for one (bits, seed), checkpointed in the run directory.

    The mutation step is ``cfg.search.eps`` if set, else the official code's rule
    for these weight bits (:func:`eps_for_bits`: 1e-3 at 3/4-bit, 1e-4 at 8-bit).
    """
    search = cfg.search
    if search.eps is None:
        search = dataclasses.replace(search, eps=eps_for_bits(bits))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=cfg.search.passes * adapter.num_blocks, leave=False,
                   desc=f"Evol-Q W{bits}A{cfg.a_bits} seed {seed}")

    def on_block(rec: dict[str, Any]) -> None:
        if bar is not None:
            bar.update(1)
            bar.set_postfix(block=rec["block"], F=f"{rec['f_after']:.4f}")

    res = run_search(jax.random.key(seed), adapter, qvars, batches, sel, search,
                     run_dir.path / f"search_w{bits}_s{seed}", on_block=on_block,
                     mesh=mesh)
    if bar is not None:
        bar.close()
    return res


def _plot_search(cfg: Config, history: list[dict[str, Any]], bits: int, seed: int,
                 run_dir: RunDir) -> None:
    plot_curves(run_dir.path / f"loss_w{bits}_s{seed}.png",
                {f"pass {p}": [h["f_after"] for h in history if h["pass"] == p]
                 for p in range(1, cfg.search.passes + 1)},
                xlabel="block visit (last block first)",
                ylabel=f"{cfg.search.loss} fitness",
                title=f"Evol-Q W{bits}A{cfg.a_bits} seed {seed}")


def summarize(runs: list[dict[str, Any]], cfg: Config) -> dict[str, Any]:
    out = {}
    for bits in cfg.w_bits:
        rs = [r for r in runs if r["w_bits"] == bits]
        base, ev = [r["ptq_top1"] for r in rs], [r["evolq_top1"] for r in rs]
        out[f"W{bits}A{cfg.a_bits}"] = {
            "ptq": mean_std(base), "evolq": mean_std(ev),
            "gain": float(np.mean(ev) - np.mean(base)),
            "search_s": float(np.median([r["search_s"] for r in rs])),
            "evals": int(np.median([r["evals"] for r in rs])), "n_seeds": len(rs)}
    return out


def table(results: dict[str, Any]) -> str:
    rows = []
    for name, s in results["summary"].items():
        rows.append([name, f"{results['fp_top1']:.2f}",
                     f"{s['ptq'][0]:.2f} ± {s['ptq'][1]:.2f}",
                     f"{s['evolq'][0]:.2f} ± {s['evolq'][1]:.2f}",
                     f"{s['gain']:+.2f}", f"{s['search_s']:.1f}", s["evals"],
                     s["n_seeds"]])
    head = ["bits", "FP top-1", "PTQ baseline", f"Evol-Q ({results['algo']}, "
            f"{results['loss']})", "gain", "search s (median)", "evals", "seeds"]
    return (f"{results['model']} on {results['dataset']}, test top-1 (%), "
            f"P={results['passes']}\n\n" + markdown_table(head, rows))


def _algo_name(name: str) -> str:
    """``--algo`` matched case-insensitively against the paper's and evosax's names."""
    from evosax.algorithms import algorithms

    names = {n.lower(): n for n in (*EVOLQ_ALGOS, *algorithms)}
    if name.lower() not in names:
        raise argparse.ArgumentTypeError(
            f"unknown algo {name!r}; choose from {sorted(names.values())}")
    return names[name.lower()]


def parse(argv: list[str] | None = None, *, algo_default: str = "evolq") -> tuple[
        Config, str, argparse.Namespace]:
    p = preset_parser("Evol-Q block-wise scale search", ("smoke", "default", "paper"))
    p.add_argument("--dataset", choices=["digits", "cifar10", "mnist"], default=None)
    p.add_argument("--data-dir", default=None, help="dataset folder (or $JAXEFF_DATA)")
    p.add_argument("--model", default=None, help="vit_digits/2, vit_cifar/4, resnet20")
    p.add_argument("--loss", choices=["infonce", "mse", "cosine", "kl"], default=None)
    p.add_argument("--algo", default=None, type=_algo_name,
                   help="evolq | cptv | an evosax algorithm (any case)")
    p.add_argument("--bits", type=int, nargs="+", default=None)
    p.add_argument("--seeds", type=int, nargs="+", default=None)
    p.add_argument("--passes", type=int, default=None)
    add_devices_flag(p)
    a, preset = parse_run_args(p, argv)
    dataset = a.dataset or ("cifar10" if preset == "paper" else "digits")
    if preset == "smoke":
        cfg = Config.smoke()
    elif preset == "paper":
        cfg = Config.paper(dataset, a.model)
    else:
        cfg = Config.default(dataset, a.model)
    over: dict[str, Any] = {}
    s_over = {k: v for k, v in (("loss", a.loss), ("passes", a.passes),
                                ("algo", a.algo or algo_default)) if v is not None}
    over["search"] = dataclasses.replace(cfg.search, **s_over)
    if a.bits:
        over["w_bits"] = tuple(a.bits)
    if a.seeds:
        over["seeds"] = tuple(a.seeds)
    if a.data_dir:
        over["base"] = dataclasses.replace(cfg.base, data_dir=a.data_dir)
    cfg = dataclasses.replace(cfg, **over)
    tag = f"{preset}_{cfg.base.model.replace('/', '_')}_{cfg.base.dataset}"
    tag += f"_{cfg.search.algo}_{cfg.search.loss}"
    return cfg, a.workdir or f"runs/evolq_{tag}", a


def main(argv: list[str] | None = None, *, algo_default: str = "evolq") -> dict:
    cfg, workdir, a = parse(argv, algo_default=algo_default)
    return run_and_report(run, table, cfg, workdir, a)


if __name__ == "__main__":
    main()
