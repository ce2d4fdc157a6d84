"""Evol-Q II: test the paper's three arguments, not only its table (issue 23).

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814). Four studies
on the FQ-ViT-style fully quantized ViT (``jaxeff.ptq.fq_vit``), the main job's
digits ViT ``vit_digits/2`` and calibration protocol (500 seeded training images in
batches of 100, selection on the 200 validation images, test on the 359 test images):

1. **landscape** (paper Fig. 1 / §3): one block's qkv+proj weight scales perturbed
   along seeded random directions and 2-D planes; calibration infoNCE and MSE, and
   test top-1 (figure only); roughness per bit-width (:mod:`jaxeff.search.landscape`).
2. **methods** (paper Table 7): tournament vs Adam-STE (LSQ) vs random search vs
   evosax SNES / CMA-ES on the same block objective at the same forward-pass budget
   per block visit (:mod:`jaxeff.search.baselines`).
3. **grid** (paper Tables 2-4, "+10.30 at W3A8"): W x A bit-widths, FQ-ViT baseline
   vs Evol-Q; gain against the baseline's drop from FP.
4. **losses** (paper Fig. 6): infoNCE vs MSE vs KL fitness at equal budget; the seed
   count a resolution would need, from the observed spread.

    python -m experiments.evolq_claims              # default preset (~30 min, shared CPU)
    python -m experiments.evolq_claims --smoke      # ~75 s (tiny ViT, W4A8 only)
    python -m experiments.evolq_claims --preset cifar10  # the grid on the CIFAR-10 ViT, 3 seeds
    python -m experiments.evolq_claims --studies landscape methods

Every unit (one landscape bit-width, one search) is saved as JSON under
``<run dir>/units`` when done, and searches checkpoint after each block visit, so a
rerun resumes; a run directory written by another configuration is never reused
without ``--overwrite``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import pathlib
import shutil
import time
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.metrics import mean_std
from jaxeff.parallel import pad_leading
from jaxeff.ptq import fq_vit
from jaxeff.report import RunDir, atomic_write, config_hash, markdown_table
from jaxeff.search.baselines import lsq_model
from jaxeff.search.evolq import EvolQConfig, eps_for_bits, run_search
from jaxeff.search.fitness import (
    ViTBlocks,
    block_leaves,
    float_adapter,
    jit_logits_all,
    make_fitness,
    vector_fitness,
)
from jaxeff.search.landscape import Top1, line_sweep, plane_sweep
from jaxeff.train import evaluate
from jaxeff.zoo import (
    SMOKE_VIT,
    ModelSpec,
    calibration_batches,
    float_base,
    trained_model,
    validation_batches,
)

STUDIES = ("landscape", "methods", "losses", "grid")
#: test images per ``lax.map`` step of the top-1 evaluation (padding is cut off)
TEST_CHUNK = 500
#: the paper's claims, set beside ours in the report (spec evolq.md §1, §4)
PAPER = {"landscape": "jagged: ~1e-4 scale perturbations move top-1 by about ±1% "
                      "(Fig. 1, §3)",
         "methods": "evolution beats SGD / Adam / AdamW on the block objective "
                    "(Table 7)",
         "grid": "gain grows as the baseline breaks: ViT-B +10.30 (W3A8), +0.78 "
                 "(W4A8), +0.15 (W8A8)",
         "losses": "infoNCE keeps improving, MSE / cosine / KL plateau (Fig. 6)"}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    """All four studies' settings (hashable; the run directory is bound to it)."""

    base: ModelSpec = float_base("vit_digits/2", "digits")
    calib_images: int = 500
    calib_batch: int = 100
    studies: tuple[str, ...] = STUDIES
    # 1 landscape (relative perturbation: a step t moves each scale by t |s_j| RMS)
    land_bits: tuple[int, ...] = (3, 4, 8)
    land_block: int = -1  # -1: the last block (the first one the search visits)
    land_dirs: int = 2
    land_steps: int = 41
    land_radius: float = 0.05
    plane_steps: int = 11
    # 2 methods (W3A8): 1 + budget forward passes per block visit for every method
    meth_bits: int = 3
    meth_seeds: tuple[int, ...] = (0, 1, 2)
    #: ``algo`` or ``algo:eps`` (``eps`` overrides the mutation step; for ``adam`` it
    #: is the learning rate: ``adam`` uses the tournament's step, ``adam:0.01`` 10x)
    methods: tuple[str, ...] = ("evolq", "adam", "adam:0.01", "random", "SNES",
                                "CMA_ES")
    meth_passes: int = 2
    meth_budget: int = 8
    evosax_popsize: int = 4
    # 3 grid and 4 losses: the main job's search (P 3, K 15, C 3, S 10)
    grid_w: tuple[int, ...] = (2, 3, 4)
    grid_a: tuple[int, ...] = (4, 6, 8)
    grid_seeds: tuple[int, ...] = (0,)
    loss_bits: int = 3
    losses: tuple[str, ...] = ("infonce", "mse", "kl")
    loss_seeds: tuple[int, ...] = (0, 1, 2, 3, 4)
    search: EvolQConfig = EvolQConfig(passes=3)

    @staticmethod
    def cifar10() -> Config:
        """Study 3 (the grid) on the shipped CIFAR-10 ViT ``vit_cifar/4`` (FP 70.95%),
        with the paper's 1,000 calibration images (10 batches of 100), selection on
        the 1,000 validation images, test on all 10,000, 3 seeds; the same search as
        the digits grid (P 3, K 15, C 3, S 10, infoNCE)."""
        return Config(base=float_base("vit_cifar/4", "cifar10"), calib_images=1000,
                      calib_batch=100, studies=("grid",), grid_seeds=(0, 1, 2))

    @staticmethod
    def smoke() -> Config:
        """The tiny smoke ViT, one bit-width (W4A8, one quantization shared by all
        studies), tiny grids."""
        return Config(base=SMOKE_VIT, calib_images=64, calib_batch=32,
                      land_bits=(4,), land_dirs=1, land_steps=7, plane_steps=3,
                      meth_bits=4, meth_seeds=(0,),
                      methods=("evolq", "adam", "random", "SNES"),
                      meth_passes=1, meth_budget=2, evosax_popsize=2,
                      grid_w=(4,), grid_a=(8,), loss_bits=4, losses=("infonce", "mse"),
                      loss_seeds=(0,), search=EvolQConfig(passes=1))


def eps_rule(w_bits: int) -> float:
    """The official code's mutation step (:func:`eps_for_bits`); at 2 bits, where it
    is undefined, the 3/4-bit value 1e-3 (our extension, stated in the report)."""
    return 1e-3 if w_bits == 2 else eps_for_bits(w_bits)


def _units_dir(path: pathlib.Path, cfg: Config) -> pathlib.Path:
    """``path/units``, emptied (with ``path/searches``) if it holds another config's
    units (a run directory reused with ``--overwrite``): never mixes configs."""
    units, tag = path / "units", config_hash(cfg)
    stamp = units / "CONFIG_HASH"
    if units.exists() and (not stamp.exists() or stamp.read_text() != tag):
        shutil.rmtree(units)
        shutil.rmtree(path / "searches", ignore_errors=True)
    units.mkdir(exist_ok=True)
    stamp.write_text(tag)
    return units


class _Ctx:
    """Shared state of one run: data, float model, memoised quantized models."""

    def __init__(self, cfg: Config, run_dir: RunDir, progress: bool):
        self.cfg, self.run_dir, self.progress = cfg, run_dir, progress
        self.model, self.variables, self.data, _ = trained_model(cfg.base,
                                                                 progress=progress)
        self.fp = evaluate(self.model, self.variables, self.data)
        self.sel = validation_batches(self.data, cfg.calib_batch)
        self.units = _units_dir(run_dir.path, cfg)
        self._q: dict[tuple[int, int, int], Any] = {}
        self._models: dict[tuple[int, int], Any] = {}
        self._lsq: dict[int, Any] = {}
        self._test: tuple[jax.Array, np.ndarray] | None = None
        self.t0 = time.time()

    def say(self, msg: str) -> None:
        if self.progress:
            print(f"[{time.time() - self.t0:7.1f}s] {msg}", flush=True)

    def quantized(self, w: int, a: int, seed: int):
        """``(qmodel, qvars, calib batches, PTQ test top-1)`` for (W, A, seed)."""
        k = (w, a, seed)
        if k not in self._q:
            b = calibration_batches(self.data.train.images, self.data.mean,
                                    self.data.std, self.cfg.calib_images,
                                    self.cfg.calib_batch, seed)
            qm, qv = fq_vit(self.model, self.variables, b, w_bits=w, a_bits=a)
            # one module per (W, A): its structure does not depend on the seed, and
            # an equal module object lets every jitted fitness compile once per shape
            qm = self._models.setdefault((w, a), qm)
            self._q[k] = (qm, qv, b, self.top1(qm, qv))
        return self._q[k]

    def top1(self, qm, qv) -> float:
        """Test top-1 (%) of ``qm`` with ``qv`` over all test images (one batch,
        compiled once per module; equals ``jaxeff.train.evaluate``)."""
        if self._test is None:
            x = jnp.asarray(self.data.preprocess(self.data.test.images))
            chunk = min(len(x), TEST_CHUNK)  # bounded memory: 10,000 CIFAR images OOM
            x, _ = pad_leading(x, chunk)  # padded rows' logits are cut off below
            self._test = (x.reshape(-1, chunk, *x.shape[1:]),
                          np.asarray(self.data.test.labels))
        logits = jit_logits_all({k: v for k, v in qv.items() if k != "quant_stats"},
                                self._test[0], adapter=ViTBlocks(qm))
        logits = np.asarray(logits).reshape(-1, logits.shape[-1])[:len(self._test[1])]
        return float(100.0 * np.mean(np.argmax(logits, -1) == self._test[1]))

    def unit(self, name: str, fn) -> dict[str, Any]:
        """``fn()`` once: its JSON result is kept under ``units/name.json``."""
        path = self.units / f"{name}.json"
        if path.exists():
            return json.loads(path.read_text())
        t = time.time()
        out = fn()
        out["unit_wall_s"] = time.time() - t
        atomic_write(path, json.dumps(out, sort_keys=True))
        self.run_dir.log(unit=name, **{k: v for k, v in out.items()
                                       if not isinstance(v, (list, dict))})
        self.say(f"{name} done in {out['unit_wall_s']:.1f}s")
        return out

    def search(self, w: int, a: int, seed: int, search: EvolQConfig) -> dict[str, Any]:
        """One block-wise search (``run_search``, the main job's protocol)."""
        name = (f"search_w{w}a{a}_{search.algo}_{search.loss}_p{search.passes}"
                f"{'' if search.eps is None else f'_eps{search.eps:g}'}"
                f"_c{search.cycles}_e{search.evosax_popsize}x"
                f"{search.evosax_generations}_s{seed}")

        def go() -> dict[str, Any]:
            qm, qv, b, ptq_top1 = self.quantized(w, a, seed)
            # the gradient method needs LSQ scale gradients (same forward values)
            qm_s = self._lsq.setdefault(id(qm), lsq_model(qm)) if (
                search.algo == "adam") else qm
            s = search if search.eps is not None else dataclasses.replace(
                search, eps=eps_rule(w))
            res = run_search(jax.random.key(seed), ViTBlocks(qm_s), qv, b, self.sel,
                             s, self.run_dir.path / "searches" / name)
            top1 = self.top1(qm, {**qv, "quant": res.quant})
            return {"w": w, "a": a, "seed": seed, "algo": search.algo,
                    "loss": search.loss, "ptq_top1": ptq_top1, "top1": top1,
                    "gain": top1 - ptq_top1, "evals": res.evals,
                    "search_s": res.seconds, "best_pass": res.best_pass,
                    "f0": res.history[0]["f_before"],
                    "f_final": res.history[-1]["f_after"],
                    "curve": [[h["evals"], h["f_after"]] for h in res.history],
                    "selection": res.selection}

        return self.unit(name, go)


# ----------------------------------------------------------------------------- study 1


def study_landscape(ctx: _Ctx) -> dict[str, Any]:
    cfg, out = ctx.cfg, {}
    for w in cfg.land_bits:
        out[f"W{w}"] = ctx.unit(f"landscape_w{w}", lambda w=w: _landscape(ctx, w))
        _plot_landscape(ctx, w, out[f"W{w}"])
    return out


def _landscape(ctx: _Ctx, w: int) -> dict[str, Any]:
    cfg = ctx.cfg
    qm, qv, b, ptq_top1 = ctx.quantized(w, 8, 0)
    ad = ViTBlocks(qm)
    blk = cfg.land_block % ad.num_blocks
    calib = jnp.stack(b)
    base = {k: v for k, v in qv.items() if k not in ("quant", "quant_stats")}
    tg = jit_logits_all(base, calib, adapter=float_adapter(ad))
    test_x = jnp.asarray(ctx.data.preprocess(ctx.data.test.images))[None]
    onehot = jax.nn.one_hot(ctx.data.test.labels, ctx.data.num_classes)[None]
    from flax.traverse_util import flatten_dict

    flat = flatten_dict(qv["quant"], sep="/")
    leaves = block_leaves(qv["quant"], cfg.search.leaves, ad.num_blocks)[blk]
    s0 = {p: jnp.asarray(flat[p]) for p in leaves}
    fits = {}
    for name, loss, xs, t in (("infonce", "infonce", calib, tg),
                              ("mse", "mse", calib, tg),
                              ("test_top1", Top1(), test_x, onehot)):
        fits[name], s0_vec, _ = vector_fitness(
            make_fitness(ad, qv, xs, t, blk, loss), s0)
    key = jax.random.key(1000 + w)
    line = line_sweep(key, fits, s0_vec, n_dirs=cfg.land_dirs, radius=cfg.land_radius,
                      steps=cfg.land_steps)
    plane = plane_sweep(jax.random.fold_in(key, 1), fits, s0_vec,
                        radius=cfg.land_radius, steps=cfg.plane_steps)
    return {"w": w, "block": blk, "dims": int(s0_vec.size), "ptq_top1": ptq_top1,
            "median_scale": float(jnp.median(s0_vec)), "ts": line.ts.tolist(),
            "line": {k: v.tolist() for k, v in line.values.items()},
            "rough": {k: [r and dataclasses.asdict(r) for r in v]
                      for k, v in line.rough.items()},
            "plane_ts": plane.ts.tolist(),
            "plane": {k: v.tolist() for k, v in plane.values.items()}}


def _plt():
    from jaxeff._extras import require

    mpl = require("matplotlib", purpose="plots")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _plot_landscape(ctx: _Ctx, w: int, r: dict[str, Any]) -> None:
    plt = _plt()
    names = ("infonce", "mse", "test_top1")
    fig, axes = plt.subplots(2, 3, figsize=(11, 6.5))
    ts = np.asarray(r["ts"]) * 100
    for j, n in enumerate(names):
        for i, row in enumerate(r["line"][n]):
            axes[0, j].plot(ts, row, lw=0.9, label=f"dir {i}")
        axes[0, j].set_title(f"{n} (line)")
        axes[0, j].set_xlabel("relative scale step (%)")
        pt = np.asarray(r["plane_ts"]) * 100
        im = axes[1, j].imshow(np.asarray(r["plane"][n]), origin="lower",
                               extent=[pt[0], pt[-1], pt[0], pt[-1]], aspect="auto")
        fig.colorbar(im, ax=axes[1, j])
        axes[1, j].set_title(f"{n} (plane)")
        axes[1, j].set_xlabel("dir 2 (%)")
        axes[1, j].set_ylabel("dir 1 (%)")
    axes[0, 0].legend(fontsize=7)
    fig.suptitle(f"W{w}A8 block {r['block']} scale landscape (calibration losses; "
                 "test top-1 recorded only)")
    fig.tight_layout()
    fig.savefig(ctx.run_dir.path / f"landscape_w{w}.png", dpi=70)
    plt.close(fig)


# ----------------------------------------------------------------------------- study 2


def _method_search(cfg: Config, method: str) -> EvolQConfig:
    """The same 1 + budget forward passes per block visit for every method
    (``method``: ``algo`` or ``algo:eps``)."""
    algo, _, eps = method.partition(":")
    s = dataclasses.replace(cfg.search, passes=cfg.meth_passes, algo=algo,
                            cycles=cfg.meth_budget,
                            eps=float(eps) if eps else cfg.search.eps)
    if algo not in ("evolq", "adam", "random"):
        gens = max(1, cfg.meth_budget // cfg.evosax_popsize)
        s = dataclasses.replace(s, evosax_popsize=cfg.evosax_popsize,
                                evosax_generations=gens)
    return s


def study_methods(ctx: _Ctx) -> dict[str, Any]:
    cfg, out = ctx.cfg, {}
    for algo in cfg.methods:
        out[algo] = [ctx.search(cfg.meth_bits, 8, s, _method_search(cfg, algo))
                     for s in cfg.meth_seeds]
    _plot_curves(ctx, out)
    return out


def _plot_curves(ctx: _Ctx, out: dict[str, list[dict[str, Any]]]) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 4))
    for algo, runs in out.items():
        ys = np.mean([[c[1] for c in r["curve"]] for r in runs], axis=0)
        xs = np.cumsum([c[0] for c in runs[0]["curve"]])
        ax.plot(np.concatenate([[0], xs]),
                np.concatenate([[np.mean([r["f0"] for r in runs])], ys]), label=algo)
    ax.set_xlabel("fitness evaluations (forward passes)")
    ax.set_ylabel("calibration infoNCE (mean over seeds)")
    ax.set_title(f"W{ctx.cfg.meth_bits}A8 block-wise search, equal budget")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(ctx.run_dir.path / "methods_curves.png", dpi=80)
    plt.close(fig)


# ----------------------------------------------------------------------------- 3 and 4


def study_grid(ctx: _Ctx) -> dict[str, Any]:
    cfg, out = ctx.cfg, {}
    runs: dict[tuple[int, int, int], dict[str, Any]] = {}
    for s in cfg.grid_seeds:  # seed-major: an interrupted run has whole seeds done
        for w in cfg.grid_w:
            for a in cfg.grid_a:
                runs[w, a, s] = ctx.search(w, a, s, cfg.search)
    for w in cfg.grid_w:
        for a in cfg.grid_a:
            out[f"W{w}A{a}"] = [runs[w, a, s] for s in cfg.grid_seeds]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5, 4))
    for cell, runs in out.items():
        d = ctx.fp - np.mean([r["ptq_top1"] for r in runs])
        g = np.mean([r["gain"] for r in runs])
        ax.scatter([d], [g])
        ax.annotate(cell, (d, g), fontsize=8)
    ax.axhline(0, color="gray", lw=0.5)
    ax.set_xlabel("baseline drop from FP (points)")
    ax.set_ylabel("Evol-Q gain over baseline (points)")
    fig.tight_layout()
    fig.savefig(ctx.run_dir.path / "grid_gain_vs_drop.png", dpi=80)
    plt.close(fig)
    return out


def study_losses(ctx: _Ctx) -> dict[str, Any]:
    cfg = ctx.cfg
    return {loss: [ctx.search(cfg.loss_bits, 8, s,
                              dataclasses.replace(cfg.search, loss=loss))
                   for s in cfg.loss_seeds] for loss in cfg.losses}


def seeds_needed(diffs: list[float], z: float = 2.0) -> float:
    """Paired seeds for ``|mean| >= z * sd / sqrt(n)``: ``ceil((z sd / mean)^2)``;
    inf if the mean difference is 0 (nan with fewer than 2 differences)."""
    d = np.asarray(diffs, np.float64)
    if d.size < 2:
        return float("nan")
    m, sd = float(np.mean(d)), float(np.std(d, ddof=1))
    if m == 0:
        return float("inf")
    return float(max(2, math.ceil((z * sd / abs(m)) ** 2)))


# ----------------------------------------------------------------------------- driver


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Run the selected studies; results in ``workdir`` (resumable per unit)."""
    bad = [s for s in cfg.studies if s not in STUDIES]
    if bad:
        raise ValueError(f"unknown studies {bad}; choose from {STUDIES}")
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    ctx = _Ctx(cfg, run_dir, progress)
    results: dict[str, Any] = {"model": cfg.base.model, "dataset": cfg.base.dataset,
                               "fp_top1": ctx.fp, "test_images": len(ctx.data.test)}
    fns = {"landscape": study_landscape, "methods": study_methods,
           "grid": study_grid, "losses": study_losses}
    for s in cfg.studies:  # results and report rewritten after every study
        ctx.say(f"study {s}")
        results[s] = fns[s](ctx)
        results["wall_s"] = time.time() - ctx.t0
        run_dir.write_results(results)
        run_dir.write_report(report(results))
    return results


def _ms(v: list[float]) -> str:
    m, s = mean_std(v)
    return f"{m:.2f} ± {s:.2f}"


def report(res: dict[str, Any]) -> str:
    """Markdown tables of every study that ran."""
    out = [(f"# Evol-Q II ({res['model']} on {res['dataset']}, FP top-1 "
            f"{res['fp_top1']:.2f}, {res['test_images']} test images)\n")]
    if "landscape" in res:
        rows = []
        for name, r in res["landscape"].items():
            for m in ("infonce", "mse", "test_top1"):
                rr = [x for x in r["rough"][m] if x]  # None: non-finite direction
                rows.append([f"{name}A8", m, f"{r['median_scale']:.3g}",
                             _ms([x["tv"] for x in rr]),
                             _ms([x["tv_ratio"] for x in rr]),
                             _ms([x["minima"] for x in rr]),
                             (f"{min(map(min, r['line'][m])):.4g}..."
                              f"{max(map(max, r['line'][m])):.4g}")])
        out += [("## 1 landscape: roughness along random directions (mean ± std "
                 "over directions)\n"), f"Paper: {PAPER['landscape']}\n",
                markdown_table(["bits", "quantity", "median scale",
                                "TV of slope / unit step", "TV ratio",
                                "strict local minima", "range"], rows), ""]
    if "methods" in res:
        rows = [[a, len(rs), _ms([r["ptq_top1"] for r in rs]),
                 _ms([r["top1"] for r in rs]), _ms([r["gain"] for r in rs]),
                 _ms([r["f_final"] for r in rs]), int(np.median([r["evals"]
                                                                 for r in rs])),
                 f"{np.median([r['search_s'] for r in rs]):.1f}"]
                for a, rs in res["methods"].items()]
        out += ["## 2 methods at equal forward-pass budget\n",
                f"Paper: {PAPER['methods']}\n",
                markdown_table(["method", "seeds", "PTQ", "after search", "gain",
                                "last-pass calib infoNCE", "evals", "search s (median)"],
                               rows), ""]
    if "grid" in res:
        rows = []
        for cell, rs in res["grid"].items():
            ptq = [r["ptq_top1"] for r in rs]
            rows.append([cell, len(rs), _ms(ptq), f"{res['fp_top1'] - np.mean(ptq):.2f}",
                         _ms([r["top1"] for r in rs]), _ms([r["gain"] for r in rs])])
        drops = [res["fp_top1"] - np.mean([r["ptq_top1"] for r in rs])
                 for rs in res["grid"].values()]
        gains = [np.mean([r["gain"] for r in rs]) for rs in res["grid"].values()]
        corr = (float(np.corrcoef(drops, gains)[0, 1])
                if len(drops) > 2 and np.std(gains) > 0 and np.std(drops) > 0
                else float("nan"))
        out += ["## 3 bit-width grid: gain vs baseline drop\n",
                f"Paper: {PAPER['grid']}\n",
                markdown_table(["cell", "seeds", "PTQ", "drop from FP", "Evol-Q",
                                "gain"], rows),
                f"\nPearson r(drop, gain) over cells: {corr:.2f}", ""]
    if "losses" in res:
        rows, ref = [], res["losses"].get("infonce")
        for loss, rs in res["losses"].items():
            need = ("" if loss == "infonce" or ref is None else seeds_needed(
                [a["gain"] - b["gain"] for a, b in zip(ref, rs)]))
            rows.append([loss, len(rs), _ms([r["gain"] for r in rs]),
                         _ms([100 * (r["f0"] - r["f_final"]) / r["f0"] for r in rs]),
                         need])
        out += ["## 4 fitness losses at equal budget\n", f"Paper: {PAPER['losses']}\n",
                markdown_table(["loss", "seeds", "test gain", "last-pass calib loss cut (%)",
                                "paired seeds to resolve vs infoNCE (2 sd)"], rows), ""]
    return "\n".join(out) + "\n"


def parse(argv: list[str] | None = None) -> tuple[Config, str, Any]:
    p = preset_parser(__doc__, presets=("smoke", "default", "cifar10"))
    p.add_argument("--studies", nargs="+", choices=STUDIES, default=None)
    a, preset = parse_run_args(p, argv)
    cfg = {"smoke": Config.smoke, "cifar10": Config.cifar10}.get(preset, Config)()
    if a.studies:
        cfg = dataclasses.replace(cfg, studies=tuple(a.studies))
    tag = preset if not a.studies else f"{preset}_{'_'.join(a.studies)}"
    return cfg, a.workdir or f"runs/evolq_claims_{tag}", a


def main(argv: list[str] | None = None) -> dict[str, Any]:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
