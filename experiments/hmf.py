"""HMF vs LMF, pruning and Kronecker on sequence models: ``python -m experiments.hmf``.

"Rank and run-time aware compression of NLP Applications" (Thakker et al.,
arXiv 2010.03193), at the small scale of spec ``hmf_simd.md`` A5: a char-level
LSTM language model on tiny-shakespeare (test perplexity) and BiLSTM intent
detection on ATIS and SNIPS (test accuracy). Every gate matrix of every cell is
compressed to ``floor(m n / c)`` weights for c in {2, 4, 8, 16} as LMF, HMF,
gradual magnitude pruning or a Kronecker product; embeddings and heads stay dense.

    python -m experiments.hmf                  # default preset (~10-15 min, 2 CPU cores)
    python -m experiments.hmf --smoke          # < 1 min, tiny models, few steps
    python -m experiments.hmf --init svd       # compressed cells fine-tune the dense model
    python -m experiments.hmf --tasks atis --factors 4 --kinds hmf lmf

Each (task, kind, factor) cell is trained from scratch with the structure fixed
(spec A2 default) and saved under ``<workdir>/cells``; a rerun skips finished
cells. One seed per cell; the hyper-parameters are ours, not the paper's.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pathlib
import time
from typing import Any

import flax.serialization
import jax
import jax.numpy as jnp
import numpy as np
import optax

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.data import text
from jaxeff.nets import rnn
from jaxeff.ops.lowrank import prune_sparsity
from jaxeff.report import RunDir, atomic_write, markdown_table
from jaxeff.train import TrainConfig, make_optimizer

TASKS = ("shakespeare", "atis", "snips")
KINDS = ("lmf", "hmf", "prune", "kron")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    tasks: tuple[str, ...] = TASKS
    kinds: tuple[str, ...] = KINDS
    factors: tuple[float, ...] = (2.0, 4.0, 8.0, 16.0)
    cell: str = "lstm"
    init: str = "scratch"  # "scratch" | "svd" (fine-tune the trained dense model)
    dense_frac: float = 0.5  # HMF budget share of dense rows (spec A2 [Choice])
    lm_hidden: int = 128
    lm_embed: int = 64
    lm_steps: int = 300
    lm_batch: int = 32
    seq_len: int = 64
    lm_lr: float = 5e-3
    intent_hidden: int = 64
    intent_embed: int = 64
    intent_epochs: int = 2
    intent_batch: int = 64
    intent_lr: float = 5e-3
    eval_batches: int = 0  # LM test windows evaluated (0: all)
    data_dir: str | None = None
    seed: int = 0

    def __post_init__(self) -> None:
        if set(self.tasks) - set(TASKS) or set(self.kinds) - set(KINDS):
            raise ValueError(f"tasks must come from {TASKS}, kinds from {KINDS}")
        if self.init not in ("scratch", "svd"):
            raise ValueError(f"init must be 'scratch' or 'svd', got {self.init!r}")

    @staticmethod
    def smoke() -> Config:
        return Config(tasks=("shakespeare", "atis"), kinds=("lmf", "hmf", "prune"),
                      factors=(4.0,), lm_hidden=16,
                      lm_embed=8, lm_steps=6, lm_batch=4, seq_len=16, intent_hidden=8,
                      intent_embed=8, intent_epochs=1, intent_batch=256,
                      eval_batches=2)

    @staticmethod
    def default() -> Config:
        return Config()


# ------------------------------------------------------------------ task setup


def _task(cfg: Config, name: str) -> dict[str, Any]:
    """Data, model factory, batch iterators and the metric of one task."""
    if name == "shakespeare":
        c = text.load_tinyshakespeare(cfg.data_dir)

        def make(comp):
            return rnn.LanguageModel(vocab=c.vocab_size, embed=cfg.lm_embed,
                                     hidden=cfg.lm_hidden, cell=cfg.cell, comp=comp)

        def train_batches(rng):
            for b in text.lm_batches(c.train, cfg.lm_batch, cfg.seq_len, rng=rng,
                                     num_batches=cfg.lm_steps):
                yield _lm_batch(b, cfg.lm_batch)

        def eval_batches(split):
            ids = {"val": c.val, "test": c.test}[split]
            for i, b in enumerate(text.lm_batches(ids, cfg.lm_batch, cfg.seq_len)):
                if cfg.eval_batches and i >= cfg.eval_batches:
                    return
                yield _lm_batch(b, cfg.lm_batch)

        return dict(make=make, train=train_batches, eval=eval_batches, metric="ppl",
                    lr=cfg.lm_lr, steps=cfg.lm_steps,
                    example=(np.zeros((cfg.lm_batch, cfg.seq_len), np.int32),))
    d = text.load_intent(name, cfg.data_dir, min_count=2 if name == "snips" else 1)

    def make(comp):  # noqa: F811
        return rnn.IntentClassifier(vocab=d.vocab_size, num_classes=d.num_classes,
                                    embed=cfg.intent_embed, hidden=cfg.intent_hidden,
                                    cell=cfg.cell, comp=comp)

    def train_batches(rng):  # noqa: F811
        for _ in range(cfg.intent_epochs):
            for b in text.intent_batches(d.train, cfg.intent_batch, rng=rng,
                                         drop_remainder=True):
                yield _intent_batch(b, cfg.intent_batch)

    def eval_batches(split):  # noqa: F811
        for b in text.intent_batches({"val": d.val, "test": d.test}[split],
                                     cfg.intent_batch):
            yield _intent_batch(b, cfg.intent_batch)

    steps = cfg.intent_epochs * (len(d.train) // cfg.intent_batch)
    length = d.train.tokens.shape[1]
    return dict(make=make, train=train_batches, eval=eval_batches, metric="acc",
                lr=cfg.intent_lr, steps=steps,
                example=(np.zeros((cfg.intent_batch, length), np.int32),
                         np.ones(cfg.intent_batch, np.int32)))


def _pad(x: np.ndarray, n: int) -> np.ndarray:
    return np.concatenate([x, np.zeros((n - len(x), *x.shape[1:]), x.dtype)])


def _lm_batch(b: dict, n: int) -> dict:
    w = np.ones(b["label"].shape, np.float32)
    return {"inputs": (_pad(b["tokens"], n),), "label": _pad(b["label"], n),
            "weight": _pad(w, n)}


def _intent_batch(b: dict, n: int) -> dict:
    w = (b["label"] >= 0).astype(np.float32)  # unseen intents: wrong, no loss
    return {"inputs": (_pad(b["tokens"], n), _pad(np.maximum(b["length"], 1), n)),
            "label": _pad(np.maximum(b["label"], 0), n), "weight": _pad(w, n),
            "count": _pad(np.ones(len(w), np.float32), n)}


# --------------------------------------------------------------------- training


def _make_step(model, tx):
    """One jitted step; ``scale = 0`` evaluates (the update is discarded).

    Evaluation reuses the training step so each cell compiles once (compiles
    dominate on a 2-core CPU).
    """

    def loss_fn(params, rest, batch):
        logits = model.apply({"params": params, **rest}, *batch["inputs"])[0]
        nll = optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"])
        w = batch["weight"]
        correct = (jnp.argmax(logits, -1) == batch["label"]) * w
        return jnp.sum(nll * w) / jnp.maximum(jnp.sum(w), 1.0), (
            jnp.sum(nll * w), jnp.sum(correct), jnp.sum(w))

    @jax.jit
    def step(params, opt_state, rest, batch, scale):
        (loss, stats), grads = jax.value_and_grad(loss_fn, has_aux=True)(
            params, rest, batch)
        updates, new_opt = tx.update(grads, opt_state, params)
        updates = jax.tree.map(lambda u: u * scale, updates)
        return optax.apply_updates(params, updates), new_opt, stats

    return step


def _evaluate(step, params, opt_state, rest, batches, metric: str) -> float:
    nll = correct = weight = count = 0.0
    for b in batches:
        s = jax.device_get(step(params, opt_state, rest,
                                {k: v for k, v in b.items() if k != "count"}, 0.0)[2])
        nll, correct, weight = nll + s[0], correct + s[1], weight + s[2]
        count += float(b["count"].sum()) if "count" in b else s[2]
    if metric == "ppl":
        return float(np.exp(nll / weight))
    return float(100.0 * correct / count)


def train_cell(cfg: Config, task: dict, comp: rnn.Compression,
               dense_vars: dict | None = None) -> tuple[dict, dict[str, Any]]:
    """Train one (task, compression) cell; returns (variables, record)."""
    model = task["make"](comp)
    key = jax.random.key(cfg.seed)
    variables = model.init(key, *task["example"])
    if dense_vars is not None and comp.kind != "dense":
        variables = rnn.compress_variables(dense_vars, variables, comp,
                                           rnn.GATES[cfg.cell])
    tcfg = TrainConfig(epochs=1, optimizer="adamw", lr=task["lr"], weight_decay=0.0,
                       warmup_epochs=0.05, grad_clip=1.0, seed=cfg.seed)
    tx = make_optimizer(tcfg, task["steps"])
    params = variables["params"]
    rest = {k: v for k, v in variables.items() if k != "params"}
    opt_state = tx.init(params)
    step = _make_step(model, tx)
    gradual = comp.kind == "prune" and dense_vars is None
    n, final_s = task["steps"], 1.0 - 1.0 / comp.factor
    begin, end, every = int(0.1 * n), max(int(0.7 * n), int(0.1 * n) + 1), max(n // 50, 1)
    masks = jax.jit(rnn.update_masks)
    rng, t0 = np.random.default_rng(cfg.seed), time.time()
    for i, b in enumerate(task["train"](rng)):
        if gradual and i >= begin and (i - begin) % every == 0:
            s = prune_sparsity(i, final=final_s, begin=begin, end=end)
            rest = masks({"params": params, **rest}, s)
            rest.pop("params")
        params, opt_state, _ = step(params, opt_state, rest,
                                    {k: v for k, v in b.items() if k != "count"}, 1.0)
    if gradual:  # exactly s_f at the end, even if the last update fell short
        rest = masks({"params": params, **rest}, jnp.float32(final_s))
        rest.pop("params")
    jax.block_until_ready(params)
    train_s = time.time() - t0
    ev = {split: _evaluate(step, params, opt_state, rest, task["eval"](split),
                           task["metric"]) for split in ("val", "test")}
    variables = {"params": params, **rest}
    cost = rnn.rnn_cost(variables, comp, rnn.GATES[cfg.cell])
    rec = {"kind": comp.kind, "factor": comp.factor, "metric": task["metric"],
           "val": ev["val"], "test": ev["test"], "train_s": train_s,
           "wall_s": time.time() - t0, **cost}
    return variables, rec


# ------------------------------------------------------------------------- run


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        overwrite: bool = False) -> dict[str, Any]:
    """Every (task, kind, factor) cell; resumes finished cells from ``cells/``."""
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    cells_dir = run_dir.path / "cells"
    cells_dir.mkdir(exist_ok=True)
    records: list[dict[str, Any]] = []
    plan = [(t, "dense", 1.0) for t in cfg.tasks]
    plan += [(t, k, c) for t in cfg.tasks for k in cfg.kinds for c in cfg.factors]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(plan), desc="HMF cells")
    tasks: dict[str, dict] = {}
    for task_name, kind, factor in plan:
        f = cells_dir / f"{task_name}_{kind}_{factor:g}.json"
        if f.exists():
            rec = json.loads(f.read_text())
        else:
            if task_name not in tasks:
                tasks[task_name] = _task(cfg, task_name)
            task = tasks[task_name]
            dense_vars = None
            if cfg.init == "svd" and kind != "dense":
                blob = (cells_dir / f"{task_name}_dense.msgpack").read_bytes()
                dense_vars = flax.serialization.msgpack_restore(blob)
            comp = rnn.Compression(kind=kind, factor=factor, dense_frac=cfg.dense_frac)
            variables, rec = train_cell(cfg, task, comp, dense_vars)
            rec["task"] = task_name
            if kind == "dense":
                atomic_write(cells_dir / f"{task_name}_dense.msgpack",
                             flax.serialization.msgpack_serialize(
                                 jax.tree.map(np.asarray, variables)))
            atomic_write(f, json.dumps(rec, indent=2))
            run_dir.log(**rec)
        records.append(rec)
        if bar is not None:
            bar.update(1)
            bar.set_postfix(cell=f"{task_name}/{kind}/{factor:g}",
                            **{rec["metric"]: f"{rec['test']:.2f}"})
    if bar is not None:
        bar.close()
    results = {"cell": cfg.cell, "init": cfg.init, "cells": records,
               "claims": claims(records)}
    run_dir.write_results(results)
    plot(records, run_dir.path / "quality_vs_compression.png")
    run_dir.write_report(report(results))
    return results


def claims(records: list[dict[str, Any]]) -> dict[str, Any]:
    """HMF vs LMF at equal budget, per task and factor (claim 1 of arXiv 2010.03193)."""
    by = {(r["task"], r["kind"], r["factor"]): r for r in records}
    out = {}
    for (task, kind, factor), r in by.items():
        lmf = by.get((task, "lmf", factor))
        if kind != "hmf" or lmf is None:
            continue
        better = r["test"] < lmf["test"] if r["metric"] == "ppl" else r["test"] > lmf["test"]
        out[f"{task}@{factor:g}x"] = {"hmf": r["test"], "lmf": lmf["test"],
                                      "metric": r["metric"], "hmf_better": bool(better)}
    wins = sum(v["hmf_better"] for v in out.values())
    return {"hmf_vs_lmf": out, "hmf_wins": wins, "comparisons": len(out)}


def report(results: dict[str, Any]) -> str:
    lines = [f"# HMF (arXiv 2010.03193): {results['cell'].upper()}, init "
             f"{results['init']}", ""]
    tasks = sorted({r["task"] for r in results["cells"]}, key=TASKS.index)
    for task in tasks:
        rs = [r for r in results["cells"] if r["task"] == task]
        metric = rs[0]["metric"]
        name = "test perplexity (lower is better)" if metric == "ppl" else \
            "test accuracy % (higher is better)"
        lines += [f"## {task}: {name}", ""]
        rows = [[r["kind"], f"{r['factor']:g}x", round(r["test"], 3),
                 round(r["val"], 3), r["weights"], r["index"], r["macs"],
                 r["total_params"], round(r["train_s"], 1)] for r in rs]
        lines += [markdown_table(["kind", "c", "test", "val", "RNN weights",
                                  "CSR index", "RNN MACs/step", "model params",
                                  "train s"], rows), ""]
    c = results["claims"]
    lines += [f"HMF beats LMF in {c['hmf_wins']} of {c['comparisons']} equal-budget "
              "comparisons.", ""]
    return "\n".join(lines)


def plot(records: list[dict[str, Any]], path: pathlib.Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tasks = [t for t in TASKS if any(r["task"] == t for r in records)]
    fig, axes = plt.subplots(1, len(tasks), figsize=(4.5 * len(tasks), 3.6), squeeze=False)
    for ax, task in zip(axes[0], tasks):
        rs = [r for r in records if r["task"] == task]
        for kind in ("dense", *KINDS):
            pts = sorted((r["factor"], r["test"]) for r in rs if r["kind"] == kind)
            if kind == "dense" and pts:
                ax.axhline(pts[0][1], color="k", ls="--", label="dense")
            elif pts:
                ax.plot(*zip(*pts), marker="o", label=kind)
        ax.set_xscale("log", base=2)
        ax.set_xlabel("compression of the gate matrices (x)")
        ax.set_ylabel("test perplexity" if rs[0]["metric"] == "ppl" else "test accuracy %")
        ax.set_title(task)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def parse(argv: list[str] | None = None) -> tuple[Config, str, argparse.Namespace]:
    p = preset_parser("HMF vs LMF / pruning / Kronecker")
    p.add_argument("--tasks", nargs="+", choices=TASKS, default=None)
    p.add_argument("--kinds", nargs="+", choices=KINDS, default=None)
    p.add_argument("--factors", type=float, nargs="+", default=None)
    p.add_argument("--cell", choices=["lstm", "gru"], default=None)
    p.add_argument("--init", choices=["scratch", "svd"], default=None)
    p.add_argument("--dense-frac", type=float, default=None,
                   help="HMF budget share of the dense rows (default 0.5)")
    p.add_argument("--lm-steps", type=int, default=None)
    p.add_argument("--intent-epochs", type=int, default=None)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--data-dir", default=None, help="shared data folder (or $JAXEFF_DATA)")
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over = {k: v for k, v in dict(
        tasks=a.tasks and tuple(a.tasks), kinds=a.kinds and tuple(a.kinds),
        factors=a.factors and tuple(a.factors), cell=a.cell, init=a.init,
        dense_frac=a.dense_frac, lm_steps=a.lm_steps,
        intent_epochs=a.intent_epochs, seed=a.seed,
        data_dir=a.data_dir).items() if v is not None}
    cfg = dataclasses.replace(cfg, **over)
    return cfg, a.workdir or f"runs/hmf_{preset}_{cfg.cell}_{cfg.init}", a


def main(argv: list[str] | None = None) -> dict[str, Any]:
    cfg, workdir, a = parse(argv)
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
