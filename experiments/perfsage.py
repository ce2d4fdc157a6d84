"""PerfSAGE vs baselines: MAPE per target x search space, leave-one-space-out, real
models, and a ``predict`` command.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999). Claim: MAPE < 5 % on every target and
space, better than the BRP-NAS GCN. Spec perfsage.md §2-§5.

    python -m experiments.perfsage --dataset runs/perfsage_dataset_default
    python -m experiments.perfsage --smoke           # builds a tiny dataset, < 2 min
    python -m experiments.perfsage predict MODEL.tflite [--predictor P.npz [P2.npz ...]]
    python -m experiments.perfsage --dataset D --real-study --epochs 60   # issue 22

``predict`` prints every target clamped into its physical bounds and an
out-of-distribution flag (:mod:`jaxeff.gnn.bounds`). ``--real-study`` (issue 22)
trains the old (graph loss) and new (graph + node loss on Vela per-layer cycles)
predictors, and our roofline-prior variant (``FitConfig.prior``; ``--no-prior-variant``
skips it), and compares them with MACs+bytes linear and a per-op sum on the test split,
on the real models (:mod:`jaxeff.gnn.realeval`, validation only) and on a held-out test
folder (``--heldout DIR``, e.g. built by ``experiments.perfsage_heldout``), with a
per-operator breakdown against Vela's per-layer cycles for every model some predictor
misses by more than 25 %.

Protocol: graphs below the label floors of spec §6 (Vela 10 us, host 20 us) are
dropped; random 80/10/10 split; the predictor with the best validation MAPE is
kept; test MAPE per target and space. Leave-one-space-out: train on three spaces,
test on the fourth. Real models: ``$JAXEFF_DATA/tflite`` labelled here with Vela
and LiteRT (float models have no NPU time and are left out of the Vela columns).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import pathlib
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from experiments._cli import parse_run_args, preset_parser, run_and_report
from jaxeff.gnn import baselines
from jaxeff.gnn import velamem
from jaxeff.gnn.bounds import (
    assess,
    capped_correction,
    node_box,
    per_op_on_unseen,
    check_caps,
    correction_cap,
    graph_quantities,
    live_bytes,
    target_bounds,
)
from jaxeff.gnn.dataset import DatasetConfig, build_dataset, load_dataset
from jaxeff.gnn.fit import (
    FitConfig,
    ForestBase,
    Predictor,
    fit,
    latency_columns,
    memory_columns,
    metrics,
    with_memory_base,
)
from jaxeff.gnn.realeval import (
    REAL_TARGETS,
    error_rows,
    label_real,
    node_breakdown,
    op_coverage,
    real_dir,
    record_of,
    summary,
)
from jaxeff.report import RunDir, atomic_write, markdown_table

LATENCY = ("u55_latency_ms", "u65_latency_ms", "host_latency_ms")
FLOORS = {"u55_latency_ms": 0.01, "u65_latency_ms": 0.01, "host_latency_ms": 0.02}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    dataset: str = "runs/perfsage_dataset_default"
    targets: tuple[str, ...] = LATENCY + (
        "u55_sram_kib",
        "u65_sram_kib",
        "peak_kib",
        "u55_energy_uj",
        "u65_energy_uj",
    )
    # readout "additive" is our deviation [U] (jaxeff.gnn.perfsage); the paper's readout
    # is trained beside it with the same settings when ``paper_readout`` is set
    fit: FitConfig = FitConfig(epochs=200, readout="additive", schedule="cosine")
    paper_readout: bool = True
    split_seed: int = 0
    # "random": a permutation of all graphs (adding graphs moves old ones between
    # sides); "stable": by a hash of each graph (session 17; see stable_split)
    split_kind: str = "random"
    gcn_epochs: int = 60
    gcn_hidden: int = 128  # BRP-NAS uses 600; 128 keeps the default preset to minutes on a CPU [U]
    gcn_targets: tuple[str, ...] = LATENCY
    nnmeter_trees: float = 1.0
    # session 19: the per-op forests' target, "cycles" (nn-Meter) or "ratio" (log
    # cycles over the per-op roofline, baselines.NNMeter; the per-op sum and the
    # stacked base of the real study)
    forest_target: str = "cycles"
    forest_context: bool = False  # ratio forests: + fusion context (baselines.context_features)
    # session 22, rule D: ratio forests whose roofline counts the MACs Vela executes for
    # dilations above 2 (baselines.executed_macs_factor)
    forest_lowered: bool = False
    # session 22, rule E: and a bilinear resize's executed operations (baselines.resize_ops)
    forest_resize: bool = False
    # session 28, rule L: the roofline counts channel-padded MACs with this input-depth
    # granule (baselines.padded_macs_factor; 0 = off)
    forest_padded: int = 0
    # session 23: the stacked variants' node loss also fits operators labelled 0 to one
    # cycle (FitConfig.zero_floor)
    zero_floor: bool = False
    # session 23: the stacked variants' message direction (FitConfig.direction; "" keeps
    # the fit's, PerfSAGE's "reverse": each node averages its successors)
    stacked_direction: str = ""
    # session 21, rule M: the stacked variant's base forests are fit on "in_graph" Vela
    # per-layer cycles (as before) or on each kernel's cost "alone" (labels.alone_cycles,
    # made by experiments.perfsage_alone into alone_labels, default <dataset>/alone); the
    # per-op sum row stays on in-graph cycles
    forest_base: str = "in_graph"
    alone_labels: str | None = None
    loso_epochs: int = 100
    loso_spaces: tuple[str, ...] | None = None  # None = every space
    # out-of-distribution guard settings (feature_clip, node_cap) among which an inner
    # leave-one-space-out over the training spaces chooses (see ``loso``); one
    # setting = no inner study
    loso_guards: tuple[tuple[float | None, bool], ...] = (
        (None, False), (5.0, False), (None, True), (5.0, True))
    ablation_epochs: int = 200
    ablation_targets: tuple[str, ...] = ("u55_latency_ms",)
    ablation_only: bool = False  # only the faithful-to-ours ablation table
    workers: int = 1  # processes for the independent fits of the ablation and LOSO
    real_models: bool = True
    baselines: bool = True  # nn-Meter and BRP-NAS GCN (MACs-linear always runs)
    loso_only: bool = False  # only the leave-one-space-out study
    smoke_dataset: DatasetConfig | None = None  # build this dataset first (smoke)
    # issue 22: only the real-model study (old vs node-supervised PerfSAGE, bounds, OOD
    # flags, MACs+bytes linear and per-op-sum baselines on $JAXEFF_DATA/tflite)
    real_study: bool = False
    node_loss: float = 1.0  # lambda of the node-supervised model of the study [U]
    unknown_rate: float = 0.05  # category dropout to UNKNOWN of that model [U]
    # label only the N smallest real model files (smoke: Vela compiles a large file in
    # tens of seconds, e.g. the shared 643 KB LSTM in 24 s per platform, small ones in
    # well under a second)
    real_limit: int | None = None
    # issue 22 [U]: also train our variant, the new model predicting a residual on a
    # per-node roofline prior (FitConfig.prior), reported as an extra row
    prior_variant: bool = True
    # issue 22 item 4: a folder of further real int8 models (built by
    # experiments.perfsage_heldout), evaluated like $JAXEFF_DATA/tflite as a test set
    heldout: str = ""
    # issue 22 session 9 [U]: further node-supervised rows (FitConfig.node_inputs):
    # "roofline" (per-node log roofline times as inputs), "stacked" (our variant: the
    # per-op forests' node times as inputs and base, the GNN learns a log correction;
    # its training graphs get out-of-fold forest predictions, ``stack_folds`` folds)
    node_variants: tuple[str, ...] = ()
    stack_folds: int = 3
    # real study: load predictor_{old,new,prior,roofline,stacked}.npz from this folder
    # (an earlier run of the same config and data) instead of training them again
    reuse: str = ""
    # real study: model seed N (the split stays on split_seed): the GNN rows train with
    # FitConfig.seed + N, the nn-Meter forests (per-op sum, stacked base, out-of-fold)
    # with random_state 10 + N; N = 0 reproduces the earlier runs
    model_seed: int = 0
    # the stacked_mem row's Adam step (session 16 [U]): at the default 0.01 it diverged in
    # its first epoch on 2 of 3 seeds (with and without the live-KiB input column); chosen
    # on training loss, never on the real models
    memory_lr: float = 0.003
    # the stacked_slow row's Adam step (session 17 [U]): the stacked row at stacked_mem's
    # step, the one setting that differs; its choice over the stacked row is made on
    # the validation models only
    slow_lr: float = 0.003
    # session 26, rule J [U]: the capped row with the GNN's contribution of every node
    # outside its op type's training box replaced by the forests' (Predictor.
    # predict_fallback), one row per margin (a fraction of the box's width)
    node_margins: tuple[float, ...] = (0.0, 0.25)
    # session 31, rule P [U]: also the per-op sum and the rule-J rows with the forests'
    # weight regime (Predictor.with_weight_rule), beside the rows without it
    weight_rule: bool = False
    # session 31 addendum 2, rule Q [U]: with weight_rule, also those rows with rules P and Q
    # (CONV_2Ds with a stride above 3 costed as Vela splits them, Predictor.with_stride_rule)
    stride_rule: bool = False
    # session 32, rule R [U]: with weight_rule, also the rows with rule R in place of P
    # (every operator beyond its type's training weights costs at least rho_w x its
    # weight-streaming time; rho_w of the training split, saved with the predictor), and
    # with stride_rule those with rules R and Q
    stream_rule: bool = False
    # session 32 addendum 3 [U]: with stream_rule and stride_rule, also the rows with rules
    # R' (rho_w per op type, saved with the predictor), Q and S (stride-1 transposed
    # convolutions by the CONV_2D forest)
    tconv_rule: bool = False

    @staticmethod
    def smoke() -> Config:
        return Config(
            dataset="",
            fit=FitConfig(epochs=8, batch_size=8, readout="additive"),
            targets=LATENCY + ("u55_sram_kib", "u55_energy_uj"),
            gcn_epochs=2,
            gcn_hidden=16,
            gcn_targets=("u55_latency_ms",),
            nnmeter_trees=0.02,
            loso_epochs=2,
            loso_spaces=("dscnn",),
            loso_guards=((None, False), (5.0, False)),
            ablation_epochs=2,
            real_limit=2,
            smoke_dataset=DatasetConfig.smoke(),
        )

    @staticmethod
    def default() -> Config:
        return Config()


def stable_split(recs: list[dict], seed: int) -> tuple[list, list, list]:
    """80/10/10 split by a hash of each graph's (space, sampling seed) and ``seed``:
    a graph's side does not depend on the other graphs, so adding graphs to a
    dataset leaves the old ones where they were (sizes are 80/10/10 in expectation).
    Records without ``space`` / ``seed`` raise ``ValueError``."""
    out: tuple[list, list, list] = ([], [], [])
    for r in recs:
        if "space" not in r or "seed" not in r:
            raise ValueError("stable split: every record needs 'space' and 'seed'")
        key = f"{seed}/{r['space']}/{int(r['seed'])}".encode()
        u = int.from_bytes(hashlib.sha256(key).digest()[:8], "little") / 2.0**64
        out[2 if u < 0.1 else 1 if u < 0.2 else 0].append(r)
    return out


def split(recs: list[dict], seed: int, kind: str = "random") -> tuple[list, list, list]:
    """Random 80/10/10 split (at least one graph each for tiny sets); ``kind=
    "stable"``: :func:`stable_split`."""
    if kind == "stable":
        return stable_split(recs, seed)
    if kind != "random":
        raise ValueError(f"split kind must be 'random' or 'stable', got {kind!r}")
    idx = np.random.default_rng(seed).permutation(len(recs))
    n_val = max(1, len(recs) // 10)
    n_test = max(1, len(recs) // 10)
    pick = lambda ii: [recs[i] for i in ii]
    return (
        pick(idx[n_val + n_test :]),
        pick(idx[:n_val]),
        pick(idx[n_val : n_val + n_test]),
    )


def _y(recs: list[dict], t: str) -> np.ndarray:
    return np.asarray([r["labels"][t] for r in recs], np.float64)


def _by_space(pred: np.ndarray, recs: list[dict], t: str, spaces) -> dict[str, dict]:
    y = _y(recs, t)
    out = {"all": metrics(pred, y)}
    for sp in spaces:
        m = np.asarray([r["space"] == sp for r in recs])
        if m.sum() > 1:
            out[sp] = metrics(pred[m], y[m])
    return out


def _check_config(cfg: Config) -> None:
    """``ValueError`` naming the first inconsistent choice of ``cfg`` (rules that need
    others, unknown names). :func:`run` calls it before it creates the run folder, so
    a refused configuration leaves nothing behind; :func:`load_records` too."""
    if cfg.forest_resize and not cfg.forest_lowered:
        raise ValueError("forest_resize (rule E) needs forest_lowered (rule D)")
    if cfg.forest_padded and cfg.forest_target not in baselines.RATIO_TARGETS:
        raise ValueError("forest_padded (rule L) needs a ratio forest target "
                         f"{baselines.RATIO_TARGETS}, got {cfg.forest_target!r}")
    if cfg.stride_rule and not cfg.weight_rule:
        raise ValueError("stride_rule (rule Q) is read with weight_rule (rule P)")
    if cfg.stream_rule and not cfg.weight_rule:
        raise ValueError("stream_rule (rule R) is read with weight_rule (rule P)")
    if cfg.tconv_rule and not (cfg.stream_rule and cfg.stride_rule):
        raise ValueError("tconv_rule (rules R', Q and S) is read with stream_rule and "
                         "stride_rule")
    if cfg.weight_rule and cfg.forest_target not in baselines.RATIO_TARGETS:
        raise ValueError("weight_rule (rule P) needs a ratio forest target "
                         f"{baselines.RATIO_TARGETS}, got {cfg.forest_target!r}")
    if cfg.stacked_direction not in ("", "forward", "reverse", "both"):
        raise ValueError("stacked_direction must be '', 'forward', 'reverse' or 'both', "
                         f"got {cfg.stacked_direction!r}")
    if cfg.forest_lowered and cfg.forest_target not in baselines.RATIO_TARGETS:
        raise ValueError("forest_lowered (rule D) needs a ratio forest target "
                         f"{baselines.RATIO_TARGETS}, got {cfg.forest_target!r}")
    if cfg.forest_base not in baselines.FOREST_LABELS:
        raise ValueError(f"forest_base must be one of {baselines.FOREST_LABELS}, "
                         f"got {cfg.forest_base!r}")


def load_records(dpath: str, cfg: Config) -> tuple[list[dict], int]:
    """Dataset records with every target, above the label floors; and the count
    before the floors."""
    recs = [
        r for r in load_dataset(dpath) if all(t in r["labels"] for t in cfg.targets)
    ]
    n_all = len(recs)
    recs = [
        r for r in recs if all(r["labels"].get(t, 1) >= f for t, f in FLOORS.items())
    ]
    _check_config(cfg)
    if cfg.forest_base == "alone":  # rule M: every graph needs its kernels' alone cycles
        from jaxeff.gnn.labels import attach_alone

        folder = cfg.alone_labels or str(pathlib.Path(dpath) / "alone")
        got = attach_alone(recs, folder)
        if got != len(recs):
            raise ValueError(f"forest_base='alone': {len(recs) - got} of {len(recs)} graphs "
                             f"have no alone labels in {folder!r}; run python -m "
                             f"experiments.perfsage_alone {dpath}")
    return recs, n_all


# state of a worker process (or of this process when workers == 1): records, config
_WORKER: dict[str, Any] = {}


def _init_worker(dpath: str, cfg: Config) -> None:
    _WORKER.update(recs=load_records(dpath, cfg)[0], cfg=cfg)


def _map(fn, jobs: list, cfg: Config, dpath: str) -> list:
    """``[fn(j) for j in jobs]``, in ``cfg.workers`` spawned processes when > 1 (each
    loads the dataset once; results come back in job order)."""
    if cfg.workers <= 1 or len(jobs) <= 1:
        return [fn(j) for j in jobs]
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(min(cfg.workers, len(jobs)), _init_worker,
                                      (dpath, cfg)) as pool:
        return pool.map(fn, jobs, chunksize=1)


def run(
    cfg: Config,
    workdir: str | pathlib.Path,
    *,
    progress: bool = True,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Train PerfSAGE and the baselines; write results, report and predictor."""
    _check_config(cfg)
    run_dir = RunDir(workdir, cfg, overwrite=overwrite)
    dpath = cfg.dataset
    if cfg.smoke_dataset is not None:
        dpath = str(run_dir.path / "dataset")
        build_dataset(cfg.smoke_dataset, dpath, progress=progress)
    recs, n_all = load_records(dpath, cfg)
    _WORKER.update(recs=recs, cfg=cfg)
    spaces = sorted({r["space"] for r in recs})
    train, val, test = split(recs, cfg.split_seed, cfg.split_kind)
    res: dict[str, Any] = {
        "n_graphs": len(recs),
        "dropped_below_floor": n_all - len(recs),
        "split": [len(train), len(val), len(test)],
        "spaces": spaces,
        "targets": list(cfg.targets),
    }
    if cfg.real_study:
        res["real_study"] = real_study(cfg, train, val, test, spaces, run_dir, progress)
        run_dir.write_results(res)
        run_dir.write_report(report(res))
        return res
    if cfg.ablation_only:
        t0 = time.time()
        res["ablation"] = ablation(cfg, spaces, progress, dpath)
        res["ablation_seconds"] = time.time() - t0
        run_dir.write_results(res)
        run_dir.write_report(report(res))
        return res
    if cfg.loso_only:
        t0 = time.time()
        res["loso"] = loso(recs, cfg, spaces, progress, dpath)
        res["loso_seconds"] = time.time() - t0
        run_dir.write_results(res)
        run_dir.write_report(report(res))
        return res
    bar = _bar(progress, cfg.fit.epochs, "PerfSAGE")
    t0 = time.time()
    pred = fit(train, val, cfg.targets, cfg.fit, on_epoch=lambda r: _tick(bar, r))
    train_s = time.time() - t0
    _close(bar)
    pred.save(run_dir.path / "predictor.npz")
    for h in pred.history:
        run_dir.log(model="perfsage", **h)
    ep = [h["seconds"] for h in pred.history]
    res["train"] = {
        "seconds": train_s,
        "epochs": len(ep),
        "graphs_per_s": len(train)
        * len(ep)
        / max(sum(ep[1:]) * len(ep) / max(len(ep) - 1, 1), 1e-9),
        "first_epoch_s": ep[0] if ep else None,
        "best_val_mape": min(h["val_mape"] for h in pred.history),
    }
    p_test = pred.predict(test)
    p_paper = None
    if cfg.paper_readout and cfg.fit.readout != "paper":
        bar = _bar(progress, cfg.fit.epochs, "PerfSAGE (paper readout)")
        t1 = time.time()
        pp = fit(train, val, cfg.targets, dataclasses.replace(cfg.fit, readout="paper"),
                 on_epoch=lambda r: _tick(bar, r))
        _close(bar)
        res["train_paper_readout_s"] = time.time() - t1
        for h in pp.history:
            run_dir.log(model="perfsage_paper_readout", **h)
        p_paper = pp.predict(test)
    table: dict[str, dict] = {}
    for k, t in enumerate(cfg.targets):
        table[t] = {f"PerfSAGE ({cfg.fit.readout} readout)": _by_space(
            p_test[:, k], test, t, spaces)}
        if p_paper is not None:
            table[t]["PerfSAGE (paper readout)"] = _by_space(p_paper[:, k], test, t, spaces)
        ytr = _y(train, t)
        for v in "abc":
            f = baselines.fit_macs_linear(train, ytr, v)
            table[t][f"MACs-linear ({v})"] = _by_space(f(test), test, t, spaces)
    for plat in ("u55", "u65"):
        t = f"{plat}_latency_ms"
        if t not in cfg.targets or not cfg.baselines:
            continue
        nm = baselines.NNMeter(trees_scale=cfg.nnmeter_trees).fit(
            train, f"{plat}_op_cycles"
        )
        ratio = np.median(
            [
                r["labels"][t] / max(float(np.sum(r[f"{plat}_op_cycles"])), 1.0)
                for r in train
            ]
        )
        table[t]["nn-Meter (Vela per-op oracle)"] = _by_space(
            nm.predict(test) * ratio, test, t, spaces
        )
    t_gcn = time.time()
    for t in [t for t in cfg.gcn_targets if t in cfg.targets and cfg.baselines]:
        g = baselines.fit_brp_gcn(
            train,
            _y(train, t),
            epochs=cfg.gcn_epochs,
            hidden=cfg.gcn_hidden,
            seed=cfg.split_seed,
        )
        table[t]["BRP-NAS GCN"] = _by_space(g(test), test, t, spaces)
    res["gcn_seconds"] = time.time() - t_gcn
    res["table"] = table
    res["loso"] = loso(recs, cfg, spaces, progress, dpath)
    if cfg.real_models:
        res["real"] = real_models(pred)
    run_dir.write_results(res)
    run_dir.write_report(report(res))
    return res


Guard = tuple[float | None, bool]  # (FitConfig.feature_clip, FitConfig.node_cap)


def guard_label(g: Guard) -> str:
    """``(5.0, True)`` -> ``"clip 5 + cap"``; ``(None, False)`` -> ``"none"``."""
    parts = ([f"clip {g[0]:g}"] if g[0] is not None else []) + (["cap"] if g[1] else [])
    return " + ".join(parts) or "none"


def parse_guard(text: str) -> Guard:
    """``"none"``, ``"clip:5"``, ``"cap"`` or ``"clip:5+cap"`` -> a :data:`Guard`."""
    clip, cap = None, False
    for part in text.split("+"):
        part = part.strip().lower()
        if part == "cap":
            cap = True
        elif part.startswith("clip:"):
            clip = float(part[5:])
        elif part != "none":
            raise ValueError(f"guard {text!r}: use none, clip:X, cap or clip:X+cap")
    return clip, cap


def _fit_spaces(train_spaces: tuple[str, ...], g: Guard) -> tuple[Predictor, list[dict]]:
    """PerfSAGE trained on the worker's records of ``train_spaces`` with guard ``g``
    (random 90 % trained on, 10 % for the best epoch); the graphs trained on."""
    recs, cfg = _WORKER["recs"], _WORKER["cfg"]
    rest = [r for r in recs if r["space"] in train_spaces]
    tr, va, te = split(rest, cfg.split_seed, cfg.split_kind)
    fc = dataclasses.replace(cfg.fit, epochs=cfg.loso_epochs, feature_clip=g[0],
                             node_cap=g[1])
    targets = tuple(t for t in LATENCY if t in cfg.targets)
    return fit(tr + te, va, targets, fc), tr + te


def _held_mape(p: Predictor, sp: str) -> list[float]:
    held = [r for r in _WORKER["recs"] if r["space"] == sp]
    ph = p.predict(held)
    return [metrics(ph[:, k], _y(held, t))["mape"] for k, t in enumerate(p.targets)]


def _loso_job(job: tuple[tuple[str, ...], Guard, tuple[str, ...]]) -> dict[str, list]:
    """Fit on ``job[0]`` with guard ``job[1]``; MAPE per target on each space of
    ``job[2]`` (never one of the training spaces)."""
    train_spaces, g, held = job
    t0 = time.time()
    p, _ = _fit_spaces(train_spaces, g)
    out = {sp: _held_mape(p, sp) for sp in held}
    print(f"[loso] trained on {list(train_spaces)} guard {guard_label(g)} in "
          f"{time.time() - t0:.0f} s: " + ", ".join(
              f"{sp} {np.mean(v):.1f} %" for sp, v in out.items()), flush=True)
    return out


def loso(recs: list[dict], cfg: Config, spaces: list[str], progress: bool,
         dpath: str = "") -> dict:
    """Leave-one-space-out MAPE of PerfSAGE and MACs-linear (a), latency targets.

    For each held-out (outer) space the out-of-distribution guard (``cfg.loso_guards``:
    feature clip / node cap settings) is chosen by an inner leave-one-space-out over
    the training spaces only: each setting is trained on all training spaces but one
    and scored on that one (mean MAPE over the latency targets); the setting with the
    lowest mean over the inner held-out spaces is kept, and only then is the outer
    model trained on all training spaces and scored on the held-out one. No choice
    sees the held-out space. Every method (PerfSAGE, MACs-linear) trains on the same
    graphs (a random 90 % of the training spaces; PerfSAGE keeps its best epoch on the
    other 10 %). An inner fit depends only on its training spaces and guard, so the
    fit on spaces {A, B} serves the inner folds of both outer spaces C and D.
    Returns ``{"scores": {space: {target: {method: MAPE}}}, "selection": {...}}``.
    """
    _WORKER.update(recs=recs, cfg=cfg)
    targets = tuple(t for t in LATENCY if t in cfg.targets)
    guards = tuple(cfg.loso_guards) or ((cfg.fit.feature_clip, cfg.fit.node_cap),)
    outer = [sp for sp in (spaces if cfg.loso_spaces is None else cfg.loso_spaces)
             if 2 <= sum(r["space"] == sp for r in recs) < len(recs)]
    rest_of = {sp: tuple(s for s in spaces if s != sp) for sp in outer}
    # phase 1: inner fits (deduplicated), each scored on every space it did not see
    inner_jobs: dict[tuple[tuple[str, ...], Guard], None] = {}
    if len(guards) > 1:
        for sp in outer:
            if len(rest_of[sp]) > 1:
                for g in guards:
                    for i in rest_of[sp]:
                        inner_jobs[(tuple(s for s in rest_of[sp] if s != i), g)] = None
    keys = list(inner_jobs)
    done = _map(_loso_job, [(tr, g, tuple(s for s in spaces if s not in tr))
                            for tr, g in keys], cfg, dpath)
    inner_res = dict(zip(keys, done, strict=True))
    selection: dict[str, dict] = {}
    chosen: dict[str, Guard] = {}
    for sp in outer:
        inner: dict[str, dict] = {}
        chosen[sp], best = guards[0], np.inf
        if len(guards) > 1 and len(rest_of[sp]) > 1:
            for g in guards:
                per = {i: float(np.mean(inner_res[
                    (tuple(s for s in rest_of[sp] if s != i), g)][i]))
                    for i in rest_of[sp]}
                mean = float(np.mean(list(per.values())))
                inner[guard_label(g)] = {"per_space": per, "mean": mean}
                if np.nan_to_num(mean, nan=np.inf) < best:
                    best, chosen[sp] = np.nan_to_num(mean, nan=np.inf), g
        selection[sp] = {"chosen": guard_label(chosen[sp]), "inner": inner}
    # phase 2: the outer fit of each held-out space with its chosen guard
    done = _map(_loso_job, [(rest_of[sp], chosen[sp], (sp,)) for sp in outer], cfg, dpath)
    scores: dict[str, dict] = {}
    for sp, out in zip(outer, done, strict=True):
        held = [r for r in recs if r["space"] == sp]
        tr = split([r for r in recs if r["space"] in rest_of[sp]], cfg.split_seed,
                   cfg.split_kind)
        tr = tr[0] + tr[2]  # the graphs PerfSAGE was trained on (see _fit_spaces)
        scores[sp] = {}
        for k, t in enumerate(targets):
            f = baselines.fit_macs_linear(tr, _y(tr, t), "a")
            scores[sp][t] = {
                "PerfSAGE": out[sp][k],
                "MACs-linear (a)": metrics(f(held), _y(held, t))["mape"],
            }
    return {"scores": scores, "selection": selection, "epochs": cfg.loso_epochs,
            "guards": [guard_label(g) for g in guards]}


# Cumulative ablation from the paper's configuration to ours (issue 14 item 4): each
# row adds one deviation to the row above. Row 0 is the public code's setting as far
# as our port has it (spec §2.2); what stays different from it is listed in RESULTS.
ABLATION: tuple[tuple[str, dict[str, Any]], ...] = (
    ("paper: sum of L2-normalised embeddings / 200, linear head, MAPE loss, "
     "constant Adam 0.01, 18 paper features",
     dict(readout="paper", log_output=False, loss="mape", schedule="constant",
          features="faithful", feature_clip=None, node_cap=False)),
    ("+ our 12 '+' node features (log MACs / bytes, dtype, kernel, C_in)",
     dict(features="plus")),
    ("+ exp head exp(g W + b)", dict(log_output=True)),
    ("+ log-L1 loss (mean absolute log ratio)", dict(loss="log_l1")),
    ("+ cosine learning-rate decay", dict(schedule="cosine")),
    ("+ additive readout (per-node exp contributions, soft sum)",
     dict(readout="additive")),
)


def ablation_config(cfg: Config, row: int) -> FitConfig:
    """The cumulative :class:`FitConfig` of ablation row ``row`` (rows 0..row applied)."""
    fc = dataclasses.replace(cfg.fit, epochs=cfg.ablation_epochs)
    for _, over in ABLATION[: row + 1]:
        fc = dataclasses.replace(fc, **over)
    return fc


def _ablation_job(row: int) -> dict:
    recs, cfg = _WORKER["recs"], _WORKER["cfg"]
    train, val, test = split(recs, cfg.split_seed, cfg.split_kind)
    spaces = sorted({r["space"] for r in recs})
    fc = ablation_config(cfg, row)
    t0 = time.time()
    p = fit(train, val, cfg.ablation_targets, fc)
    pt = p.predict(test)
    hist = p.history
    out = {
        "row": ABLATION[row][0],
        "config": dataclasses.asdict(fc),
        "seconds": time.time() - t0,
        "epochs_run": len(hist),
        "stopped_non_finite": len(hist) < fc.epochs,
        "best_val_mape": float(np.nanmin([h["val_mape"] for h in hist])),
        "history": hist,
        "test": {t: _by_space(pt[:, k], test, t, spaces)
                 for k, t in enumerate(cfg.ablation_targets)},
    }
    print(f"[ablation] {out['row']}: test MAPE " + ", ".join(
        f"{t} {v['all']['mape']:.2f} %" for t, v in out["test"].items()), flush=True)
    return out


def ablation(cfg: Config, spaces: list[str], progress: bool, dpath: str = "") -> list[dict]:
    """Train each cumulative row of :data:`ABLATION` (``cfg.ablation_targets``, one
    model per target set as in the public code) on the same random split; test MAPE
    per space. Rows are independent fits (run in ``cfg.workers`` processes)."""
    return _map(_ablation_job, list(range(len(ABLATION))), cfg, dpath)


def real_models(pred: Predictor) -> list[dict]:
    """Predictions vs Vela / LiteRT / planner labels for ``$JAXEFF_DATA/tflite``."""
    from jaxeff.gnn import labels
    from jaxeff.tflite.litert import host_latency

    root = os.environ.get("JAXEFF_DATA")
    d = pathlib.Path(root or "") / "tflite"
    if not root or not d.is_dir():
        return []
    rows = []
    for f in sorted(d.glob("*.tflite")):
        rec = record_of(f)
        p = pred.predict([rec])[0]
        lab: dict[str, float] = {}
        for plat in ("u55", "u65"):
            v = labels.run_vela(f, plat)
            lab[f"{plat}_latency_ms"] = v.latency_ms
            lab[f"{plat}_sram_kib"] = v.sram_kib
            lab[f"{plat}_energy_uj"] = labels.energy_uj(v)
        lab["host_latency_ms"] = host_latency(f)["median_ms"]
        m = labels.memory_plan(rec["graph"])
        lab["peak_kib"], lab["arena_kib"] = (
            m["peak_bytes"] / 1024,
            m["arena_bytes"] / 1024,
        )
        rows.append(
            {
                "model": f.name,
                "nodes": len(rec["x"]),
                "pred": dict(zip(pred.targets, map(float, p), strict=True)),
                "label": lab,
            }
        )
    return rows


def _bounded(p: Predictor, recs: list[dict]) -> tuple[np.ndarray, list[dict]]:
    a = p.predict_bounded(recs)
    return np.asarray([[r["value"][t] for t in p.targets] for r in a]), a


OLD = "PerfSAGE old (graph loss, raw)"
NEW = "PerfSAGE new (graph + node loss, bounded)"
PRIOR = "PerfSAGE + roofline prior (ours, bounded)"
VARIANTS = {"roofline": "PerfSAGE node-sum + roofline inputs (bounded)",
            "stacked": "PerfSAGE stacked on per-op forests (ours, bounded)",
            "stacked_mem": "PerfSAGE stacked + liveness memory base (ours, bounded)",
            "stacked_slow": "PerfSAGE stacked, Adam step 0.003 (ours, bounded)",
            "stacked_rules": "PerfSAGE stacked + Vela-rules memory base (ours, bounded)"}
LIVE = "liveness peak (planner, no learning)"
LIVE_RATIO = "liveness peak x train median ratio"
VELA_MEM = "Vela memory rules (no learning)"
CAPPED = "PerfSAGE stacked, capped correction (ours)"
#: rule C-U (session 22): the capped row, with the per-op sum on graphs holding an
#: operator type no training graph had
CAPPED_U = "PerfSAGE capped, per-op sum on unseen op types (ours)"
#: rule J (session 26): the C-U row, with every node outside its op type's training box
#: given its forests' value (``Predictor.predict_fallback`` at margin m)
CAPPED_J = "PerfSAGE capped, per-op on unseen op types and out-of-box nodes (m = {:g}, ours)"
#: rule P (session 31): a row with the forests' weight regime
#: (``NNMeter.weight_regime``): the per-op sum and each rule-J row, suffixed
WITH_P = "{}, rule P"
#: rules P and Q (session 31 addendum 2): and CONV_2Ds with a stride above 3 as Vela
#: splits them (``baselines.split_conv_cycles``)
WITH_PQ = "{}, rules P and Q"
#: rule R (session 32): rule P's rows with every operator beyond its type's training
#: weights costed at least rho_w x its weight-streaming time (``NNMeter.predict_ops``
#: with ``stream``); and with rule Q
WITH_R = "{}, rule R"
WITH_RQ = "{}, rules R and Q"
#: rules R', Q and S (session 32 addendum 3): rho_w per op type, and stride-1
#: TRANSPOSE_CONVs by the CONV_2D forest (``NNMeter.predict_ops`` with ``tconv1``)
WITH_R2QS = "{}, rules R', Q and S"
CAPS_FILE = "predictor_stacked.caps.json"  # the capped row's caps, beside its predictor
#: rule Z's geometry in ``predict --recommended`` (session 38 outcome 2: candidate Z1, "row"); R16 is on
#: there too (outcome 9), and W1 (session 39 outcome 1)
RECOMMENDED_Z_GEOMETRY = "row"
#: the pool rule in ``predict --recommended`` (session 43 outcome 7: candidate PL2a, "a")
RECOMMENDED_WIDE_POOL = "a"
#: the LUT-activation rules in ``predict --recommended`` (session 44 outcome 4: candidates AB and AS, "bs", with G1)
RECOMMENDED_LUT_ACT = "bs"
#: candidate K's bound in ``predict --recommended`` (session 40 outcome 1: K100, beta = 1.0)
RECOMMENDED_NODE_BOUND = 1.0


def load_caps(path: pathlib.Path, targets: tuple[str, ...]) -> dict[str, float]:
    """The correction caps written beside a stacked predictor (``CAPS_FILE``; a
    session-20 study also saves them inside it, ``Predictor.correction_caps``), checked
    by :func:`jaxeff.gnn.bounds.check_caps`: ``ValueError`` naming the file for
    anything but latency targets of ``targets`` mapped to finite numbers >= 0."""
    try:
        caps = json.loads(path.read_text())
    except json.JSONDecodeError as e:
        raise ValueError(f"corrupt {path}: {e}") from None
    try:
        return check_caps(caps, targets)
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None


def _variant_fit(cfg: Config, v: str) -> FitConfig:
    """The FitConfig of node-input variant ``v`` (``VARIANTS``)."""
    stacked = v.startswith("stacked")
    return dataclasses.replace(cfg.fit, seed=cfg.fit.seed + cfg.model_seed,
                               lr={"stacked_mem": cfg.memory_lr, "stacked_rules": cfg.memory_lr,
                                   "stacked_slow": cfg.slow_lr}.get(v, cfg.fit.lr),
                               node_loss=cfg.node_loss, unknown_rate=cfg.unknown_rate,
                               zero_floor=cfg.zero_floor and stacked,
                               direction=(stacked and cfg.stacked_direction) or cfg.fit.direction,
                               node_inputs="stacked" if stacked else v,
                               memory_base={"stacked_mem": True,
                                            "stacked_rules": "rules"}.get(v, False))


def live_peak_kib(rec: dict) -> float:
    """The planner's peak live activation KiB of a record (max of ``live_bytes`` over
    operators; = :func:`jaxeff.gnn.labels.memory_plan` peak on every training graph
    and real model with single-output operators)."""
    return float(live_bytes(rec)[: int(rec["n_ops"])].max(initial=0.0)) / 1024.0


def _forests(cfg: Config, recs: list[dict], tg: tuple[str, ...],
             labels: str = "in_graph") -> ForestBase:
    """Per latency target, nn-Meter forests fit on ``recs`` (``NNMeter.seed`` = 10 +
    ``cfg.model_seed``) and the median label / cycles ratio of ``recs``: ``per_op()``
    gives ``rec -> [n_ops]`` ms, calling it the stacked variant's base (memoised per
    record: the validation graphs are predicted every epoch; forests are slow).
    ``labels="alone"``: fit on each kernel's cost alone (rule M, session 21); the
    cycles -> ms ratio stays that of the in-graph cycles (the clock)."""
    meters, ratios = {}, {}
    for t in tg:
        key = f"{t.split('_')[0]}_op_cycles"
        if t.endswith("_latency_ms") and key in recs[0]:
            ratios[t] = float(np.median(
                [r["labels"][t] / max(float(np.sum(r[key])), 1.0) for r in recs]))
            fit_key = key if labels == "in_graph" else f"{t.split('_')[0]}_alone_cycles"
            fitted = baselines.NNMeter(trees_scale=cfg.nnmeter_trees,
                                       seed=10 + cfg.model_seed,
                                       target=cfg.forest_target,
                                       context=cfg.forest_context,
                                       lowered=cfg.forest_lowered,
                                       resize_lowered=cfg.forest_resize,
                                       padded=cfg.forest_padded).fit(recs, fit_key)
            # predict with the data-only NumPy forests: the same bits as scikit-learn's
            # (tests/gnn/test_trees.py), ~15x faster on the study's per-record calls
            meters[t] = baselines.NNMeter.from_arrays(*fitted.to_arrays())
    return ForestBase(tg, meters, ratios, memo=True)


def _out_of_fold(cfg: Config, train: list[dict], tg: tuple[str, ...]) -> list[np.ndarray]:
    """Stacked variant: each training graph's base from forests fit on the other
    ``cfg.stack_folds - 1`` folds (so the GNN learns corrections of held-out kernel
    predictions, not of the forests' fit on its own graph)."""
    fold = np.random.default_rng(cfg.split_seed).permutation(len(train)) % cfg.stack_folds
    out: list[np.ndarray | None] = [None] * len(train)
    for f in range(cfg.stack_folds):
        rest = [r for r, k in zip(train, fold, strict=True) if k != f]
        base = _forests(cfg, rest, tg, cfg.forest_base)
        base.memo = False
        for i in np.flatnonzero(fold == f):
            out[i] = base(train[i])
    return out


def real_study(cfg: Config, train: list[dict], val: list[dict], test: list[dict],
               spaces: list[str], run_dir: RunDir, progress: bool) -> dict[str, Any]:
    """Issue 22: the old predictor (additive readout, graph loss only, raw output) and
    the new one (graph + lambda x node loss on Vela per-layer cycles, UNKNOWN-op
    dropout, bounded output), MACs+bytes linear (c) and the per-op sum (nn-Meter-style
    forests on per-layer cycles), on the test split and on the real models (labels by
    Vela, used for nothing but this table)."""
    tg = cfg.targets
    models: dict[str, Predictor] = {}
    forests = _forests(cfg, train, tg)  # the per-op sum (and the stacked base)
    nm_ops = forests.per_op()
    oof: list[np.ndarray] = []  # out-of-fold stacked bases, shared by both stacked rows
    fresh: set[str] = set()  # the predictors trained (not reused) in this run
    fit0 = dataclasses.replace(cfg.fit, seed=cfg.fit.seed + cfg.model_seed)
    for tag, name, fc in (
        ("old", OLD, fit0),
        ("new", NEW, dataclasses.replace(
            fit0, node_loss=cfg.node_loss, unknown_rate=cfg.unknown_rate)),
    ) + (("prior", PRIOR, dataclasses.replace(fit0, node_loss=cfg.node_loss,
                                               unknown_rate=cfg.unknown_rate, prior=True)),
         ) * cfg.prior_variant + tuple(
            (v, VARIANTS[v], _variant_fit(cfg, v)) for v in cfg.node_variants):
        saved = pathlib.Path(cfg.reuse) / f"predictor_{tag}.npz"
        if cfg.reuse and saved.exists():
            models[name] = Predictor.load(saved)  # a model of an earlier, killed run
            if models[name].config != fc:
                raise ValueError(f"--reuse: {saved} was trained with another config")
            if fc.node_inputs == "stacked":  # its own saved forests, memoised
                fb = models[name].node_base
                if any((m.trees_scale, m.seed, m.target, m.context, m.labels, m.lowered,
                        m.resize_lowered, m.padded) != (
                        cfg.nnmeter_trees, 10 + cfg.model_seed, cfg.forest_target,
                        cfg.forest_context, cfg.forest_base, cfg.forest_lowered,
                        cfg.forest_resize, cfg.forest_padded)
                       for m in fb.meters.values()):
                    raise ValueError(f"--reuse: {saved} has forests of another "
                                     "nnmeter_trees / model seed / forest target / base / "
                                     "roofline")
                fb.memo = True
                _with_node_box(models[name], train)
                if cfg.stream_rule:
                    _with_weight_stream(models[name], train, cfg.tconv_rule)
            models[name].save(run_dir.path / f"predictor_{tag}.npz")
            for h in models[name].history:
                run_dir.log(model=name, **h)
            print(f"{name}: reused {saved}", flush=True)
            continue
        bar, t0 = _bar(progress, fc.epochs, name), time.time()
        extra = {}
        if fc.node_inputs == "stacked":
            t1 = time.time()
            if not oof:
                oof.extend(_out_of_fold(cfg, train, tg))
            mem = fc.memory_base
            tb = oof if not mem else [with_memory_base(b, r, tg, mem) for b, r in zip(
                oof, train, strict=True)]
            fb = forests if cfg.forest_base == "in_graph" else _forests(
                cfg, train, tg, cfg.forest_base)
            base = ForestBase(tg, fb.meters, fb.ratios, memory=mem, memo=True)
            extra = {"node_base": base, "train_base": tb}
            print(f"stacked: forests and out-of-fold bases {time.time() - t1:.0f} s",
                  flush=True)
        models[name] = fit(train, val, tg, fc, on_epoch=lambda r, b=bar: _tick(b, r),
                           **extra)
        _close(bar)
        fresh.add(name)
        if fc.node_inputs == "stacked":  # session 20: the caps travel inside the file
            models[name].correction_caps = _study_caps(models[name], train, tg, oof)
            _with_node_box(models[name], train)  # session 26: and rule J's box
            if cfg.stream_rule:  # session 32: and rule R's ratios
                _with_weight_stream(models[name], train, cfg.tconv_rule)
        models[name].save(run_dir.path / f"predictor_{tag}.npz")  # stacked: + forests
        for h in models[name].history:
            run_dir.log(model=name, **h)
        print(f"{name}: {time.time() - t0:.0f} s, best val MAPE "
              f"{min(h['val_mape'] for h in models[name].history):.2f} %", flush=True)
    old, new = models[OLD], models[NEW]
    pri = models.get(PRIOR)
    stk = models.get(VARIANTS["stacked"])
    caps: dict[str, float] = {}
    if stk is not None:  # session 19: the stacked correction capped at the training need
        if VARIANTS["stacked"] in fresh:  # computed above on this run's out-of-fold sums
            caps = stk.correction_caps
        else:  # reused: from this run's training split
            if not oof:
                oof.extend(_out_of_fold(cfg, train, tg))
            caps = _study_caps(stk, train, tg, oof)
            if stk.correction_caps is None:  # a pre-session-20 file: in memory only
                stk.correction_caps = caps
        # also beside the predictor, for `predict` with older predictor files (plain JSON)
        atomic_write(run_dir.path / CAPS_FILE, json.dumps(caps, indent=1, sort_keys=True))
    lin = {t: baselines.fit_macs_linear(train, _y(train, t), "c") for t in tg}
    nm = {t: lambda rs, f=f: np.asarray([f(r).sum() for r in rs]) for t, f in nm_ops.items()}
    mcols = set(memory_columns(tg))
    ratio = {k: float(np.median([r["labels"][tg[k]] / max(live_peak_kib(r), 1e-3)
                                 for r in train])) for k in mcols}

    def memory_rows(recs: list[dict]) -> dict[str, np.ndarray]:
        """The no-learning liveness rows: the peak, and the peak x train median ratio,
        on the memory targets (NaN elsewhere)."""
        if not mcols:
            return {}
        peak = np.asarray([live_peak_kib(r) for r in recs])
        nan = np.full(len(recs), np.nan)
        rows = {LIVE: np.stack([peak if k in mcols else nan for k in range(len(tg))], 1),
                LIVE_RATIO: np.stack([peak * ratio[k] if k in mcols else nan
                                      for k in range(len(tg))], 1)}
        vk = [k for k, t in enumerate(tg) if t in ("u55_sram_kib", "u65_sram_kib")]
        if vk:  # Vela's SRAM by its own memory rules (jaxeff.gnn.velamem), session 18
            rows[VELA_MEM] = np.stack(
                [np.asarray([velamem.sram_bytes(r, tg[k][:3]) / 1024.0 for r in recs])
                 if k in vk else nan for k in range(len(tg))], 1)
        return rows

    def predict_all(recs: list[dict]) -> dict[str, np.ndarray]:
        nan = np.full(len(recs), np.nan)
        rows = {
            "MACs+bytes linear (c)": np.stack([lin[t](recs) for t in tg], 1),
            "per-op sum (nn-Meter forests)": np.stack(
                [nm[t](recs) if t in nm else nan for t in tg], 1),
            **memory_rows(recs),
            "PerfSAGE old (graph loss, raw)": old.predict(recs),
            "PerfSAGE old + bounds": _bounded(old, recs)[0],
            "PerfSAGE new, raw": new.predict(recs),
            "PerfSAGE new (graph + node loss, bounded)": _bounded(new, recs)[0],
            **({} if pri is None else {PRIOR: _bounded(pri, recs)[0]}),
        }
        assessed = {name: _bounded(models[name], recs) for name in VARIANTS.values()
                    if name in models}
        rows.update({name: a[0] for name, a in assessed.items()})
        if caps:  # on the stacked row's bounded predictions just made
            rows[CAPPED] = _capped(stk, caps, recs, rows[VARIANTS["stacked"]])
            unseen = np.asarray([bool(a["unseen_ops"])
                                 for a in assessed[VARIANTS["stacked"]][1]])
            rows[CAPPED_U] = per_op_on_unseen(
                rows[CAPPED], rows["per-op sum (nn-Meter forests)"], unseen)
            for m in cfg.node_margins:  # rule J: out-of-box nodes fall back first
                j = np.asarray([[a["value"][t] for t in tg] for a in assess(
                    stk.predict_fallback(recs, m), recs, tg, stk.ood)])
                rows[CAPPED_J.format(m)] = per_op_on_unseen(
                    _capped(stk, caps, recs, j), rows["per-op sum (nn-Meter forests)"],
                    unseen)
            if cfg.weight_rule:
                rows.update(_rule_p_rows(stk, caps, recs, cfg.node_margins, unseen))
            if cfg.stride_rule:
                rows.update(_rule_p_rows(stk, caps, recs, cfg.node_margins, unseen, True))
            if cfg.stream_rule:
                rows.update(_rule_p_rows(stk, caps, recs, cfg.node_margins, unseen,
                                         stream=True))
                if cfg.stride_rule:
                    rows.update(_rule_p_rows(stk, caps, recs, cfg.node_margins, unseen,
                                             True, True))
                if cfg.tconv_rule:
                    rows.update(_rule_p_rows(stk, caps, recs, cfg.node_margins, unseen,
                                             True, True, True))
        return rows

    def node_stats(recs: list[dict]) -> list[dict]:
        """Per record, rule J's share of out-of-box nodes at each margin."""
        if stk is None or not caps:
            return [{} for _ in recs]
        fr = {m: [float(o.mean()) for o in stk.nodes_out(recs, m)] for m in cfg.node_margins}
        return [{"out_of_box": {f"{m:g}": fr[m][i] for m in cfg.node_margins}}
                for i in range(len(recs))]

    p_test = predict_all(test)
    indist = {m: {t: _by_space(p[:, k], test, t, spaces) for k, t in enumerate(tg)
                  if np.all(np.isfinite(p[:, k]))} for m, p in p_test.items()}
    inside = {t: float(np.mean([lo <= r["labels"][t] <= hi for r in train for lo, hi in [
        target_bounds(t, graph_quantities(r))]]) * 100) for t in tg}
    out: dict[str, Any] = {"in_distribution": indist, "train_labels_inside_bounds_pct":
                           inside, "node_loss": cfg.node_loss,
                           "unknown_rate": cfg.unknown_rate, "correction_caps": caps}
    cover = op_coverage(train)
    sets = (("real", real_dir(), cfg.real_limit),
            ("heldout", pathlib.Path(cfg.heldout) if cfg.heldout else None, None))
    for name, d, limit in sets:
        if d is None:
            continue
        if not d.is_dir():
            raise FileNotFoundError(f"--heldout: {d} is not a folder of .tflite files")
        files = sorted(d.glob("*.tflite"))
        if limit is not None:  # the smallest files, in name order
            files = sorted(sorted(files, key=lambda f: (f.stat().st_size, f.name))[:limit])
        rows = _evaluate(files, run_dir.path / f"{name}_labels.json", tg, predict_all,
                         {"PerfSAGE old": old, "PerfSAGE new": new, "PerfSAGE + prior": pri,
                          **{v: models[n] for v, n in VARIANTS.items() if n in models}},
                         nm_ops, cover, node_stats)
        out[name] = rows
        out[f"{name}_summary"] = {m: {t: summary(rows, m, t) for t in tg}
                                  for m in rows[0]["pred"]} if rows else {}
    return out


def _rule_p_rows(stk: Predictor, caps: dict[str, float], recs: list[dict],
                 margins: Sequence[float], unseen: np.ndarray,
                 stride: bool = False, stream: bool = False,
                 tconv: bool = False) -> dict[str, np.ndarray]:
    """Rule P (session 31): the per-op sum and the rule-J rows of the stacked predictor
    ``stk`` with its forests' weight regime (:meth:`Predictor.with_weight_rule`);
    ``stride``: with rule Q as well (:meth:`Predictor.with_stride_rule`); ``stream``:
    rule R in place of P (session 32); ``tconv`` (with both): rules R', Q and S."""
    sp = stk.with_weight_rule(stream, per_type=tconv)
    name = WITH_R if stream else WITH_P
    if stride:
        sp, name = sp.with_stride_rule(), WITH_RQ if stream else WITH_PQ
    if tconv:
        sp, name = sp.with_tconv_rule(), WITH_R2QS
    per_op = sp.node_base.per_op()
    tg = stk.targets
    nan = np.full(len(recs), np.nan)
    po = np.stack([np.asarray([float(per_op[t](r).sum()) for r in recs]) if t in per_op
                   else nan for t in tg], 1)
    rows = {name.format("per-op sum (nn-Meter forests)"): po}
    for m in margins:
        j = np.asarray([[a["value"][t] for t in tg] for a in assess(
            sp.predict_fallback(recs, m), recs, tg, sp.ood)])
        rows[name.format(CAPPED_J.format(m))] = per_op_on_unseen(
            _capped(sp, caps, recs, j), po, unseen)
    return rows


def _with_node_box(p: Predictor, train: list[dict]) -> None:
    """Give a stacked predictor rule J's box of ``train`` (``bounds.node_box``); a
    reused one that has a box must have this split's."""
    lo, hi = node_box(train)
    if p.node_box is not None and not all(np.array_equal(a, b, equal_nan=True) for a, b in
                                          zip(p.node_box, (lo, hi), strict=True)):
        raise ValueError("--reuse: the stacked predictor's node box is not this training "
                         "split's")
    p.node_box = (lo, hi)


#: rule R' (session 32 addendum 3 [U]): an op type gets its own rho_w when the training
#: split holds at least this many of its operators weight-dominated
STREAM_MIN_OPS = 100


def _with_weight_stream(p: Predictor, train: list[dict], per_type: bool = False) -> None:
    """Give a stacked predictor rule R's ratios of ``train``
    (``NNMeter.weight_stream_ratio`` per forest target) and, with ``per_type``, rule
    R''s (per op type, :data:`STREAM_MIN_OPS`); a reused one that has ratios must have
    this split's."""
    # one pass over the training split per target: the per-type dict holds the pooled
    # ratio under "*"
    wt = {t: m.weight_stream_ratio(train, f"{t.split('_')[0]}_op_cycles",
                                   min_ops=STREAM_MIN_OPS)
          for t, m in p.node_base.meters.items()}
    ws = {t: d["*"] for t, d in wt.items()}
    if p.weight_stream is not None and p.weight_stream != ws:
        raise ValueError("--reuse: the stacked predictor's weight_stream is not this "
                         "training split's")
    p.weight_stream = ws
    if per_type:
        if p.weight_stream_types is not None and p.weight_stream_types != wt:
            raise ValueError("--reuse: the stacked predictor's weight_stream_types are "
                             "not this training split's")
        p.weight_stream_types = wt


def _study_caps(stk: Predictor, train: list[dict], tg: tuple[str, ...],
                oof: list[np.ndarray]) -> dict[str, float]:
    """Per latency target the stacked predictor's forests predict, the correction cap
    of the training split (``bounds.correction_cap``) against the out-of-fold per-op
    sums ``oof`` the GNN was trained on (session 19, rule E)."""
    caps = {}
    for k in latency_columns(tg):
        if tg[k] in stk.node_base.meters:
            p_oof = [float(np.exp(b[: int(r["n_ops"]), k]).sum())
                     for b, r in zip(oof, train, strict=True)]
            caps[tg[k]] = correction_cap(_y(train, tg[k]), np.asarray(p_oof))
    return caps


def _capped(stk: Predictor, caps: dict[str, float], recs: list[dict],
            s: np.ndarray) -> np.ndarray:
    """The stacked predictor's bounded prediction ``s [n, T]`` with its graph-level
    correction of its own forests' per-op sum clipped to ``+-caps[t]`` (latency
    targets; NaN for the others): :func:`jaxeff.gnn.bounds.capped_correction`."""
    out = np.full_like(s, np.nan)
    per_op = stk.node_base.per_op()
    for k, t in enumerate(stk.targets):
        if t in caps:
            p = np.asarray([per_op[t](r).sum() for r in recs])
            out[:, k] = capped_correction(s[:, k], p, caps[t])
    return out


def _evaluate(files: list[pathlib.Path], cache: pathlib.Path, tg: tuple[str, ...],
              predict_all, gnns: dict[str, Predictor | None], nm_ops: dict,
              cover: dict, node_stats: Callable[[list[dict]], list[dict]] | None = None
              ) -> list[dict]:
    """Vela-label ``files`` (cached in ``cache``) and score every predictor on them:
    per-model errors, the new model's OOD flags, bounds check and per-operator
    breakdown (issue 22)."""
    labs = json.loads(cache.read_text()) if cache.exists() else {}
    for f in files:
        if f.name not in labs:
            labs[f.name] = label_real(f)
            cache.write_text(json.dumps(labs, indent=1))
    if not files:
        return []
    recs = [record_of(f) for f in files]
    rows = error_rows([f.name for f in files], [labs[f.name] for f in files],
                      predict_all(recs), tg)
    flags = gnns["PerfSAGE new"].predict_bounded(recs)
    stats = node_stats(recs) if node_stats else [{}] * len(recs)
    for r, fl, rec, st in zip(rows, flags, recs, stats, strict=True):
        r.update(st)
        r.update(nodes=len(rec["x"]), ood=fl["ood"], ood_score=fl["score"],
                 unseen_ops=fl["unseen_ops"], clamped=[t for t, c in fl["clamped"].items()
                                                       if c])
        q = graph_quantities(rec)
        r["inside_bounds"] = {t: bool(target_bounds(t, q)[0] <= r["label"][t]
                                      <= target_bounds(t, q)[1]) for t in tg
                              if r["label"][t] > 0}
    nodes = {m: p.predict_nodes(recs) for m, p in gnns.items() if p}
    for i, (r, rec) in enumerate(zip(rows, recs, strict=True)):
        n, bd = rec["n_ops"], {}
        for k, t in enumerate(tg):
            key = f"{t.split('_')[0]}_op_ms"
            if t not in nm_ops or key not in labs[files[i].name]:
                continue
            bd[t] = node_breakdown(rec, np.asarray(labs[files[i].name][key]), {
                "per-op sum": nm_ops[t](rec),
                **{m: v[i][:n, k] for m, v in nodes.items()}}, cover)
        r["breakdown"] = bd
    return rows


def report(res: dict) -> str:
    head = (f"# PerfSAGE\n\n{res['n_graphs']} graphs ({res['dropped_below_floor']} "
            f"dropped below the label floors)")
    if "ablation" in res:  # --ablation-only
        lines = [head + f", split {res['split']}; ablation only "
                 f"({res['ablation_seconds']:.0f} s).\n"]
    elif "real_study" in res:
        lines = [head + f", split {res['split']}; real-model study only.\n"]
    elif "train" not in res:  # --loso-only
        lines = [head + f"; leave-one-space-out only ({res['loso_seconds']:.0f} s).\n"]
    else:
        lines = [head + f", split {res['split']}; training {res['train']['seconds']:.0f}"
                 f" s, {res['train']['graphs_per_s']:.0f} graphs/s after compilation."
                 "\n\n## Test MAPE (%) per target and space\n"]
    cols = ["all"] + res["spaces"]
    for t, models in res.get("table", {}).items():
        rows = [
            [m] + [f"{v[c]['mape']:.2f}" if c in v else "-" for c in cols]
            for m, v in models.items()
        ]
        lines.append(f"\n### {t}\n\n" + markdown_table(["model"] + cols, rows))
    if res.get("ablation"):
        tg = list(res["ablation"][0]["test"])
        rows = [[r["row"], r["epochs_run"], f"{r['best_val_mape']:.2f}"]
                + [f"{r['test'][t]['all']['mape']:.2f}" for t in tg]
                + [f"{r['test'][tg[0]][c]['mape']:.2f}" if c in r["test"][tg[0]] else "-"
                   for c in res["spaces"]] for r in res["ablation"]]
        lines.append(
            "\n## Cumulative ablation, paper -> ours (test MAPE %)\n\n"
            + markdown_table(["row", "epochs", "best val MAPE"] + tg
                             + [f"{tg[0]} {c}" for c in res["spaces"]], rows))
    if res.get("loso"):
        lo = res["loso"]
        rows = []
        for sp, d in lo["scores"].items():
            sel = lo["selection"][sp]
            for t, v in d.items():
                rows.append([sp, t, sel["chosen"], f"{v['PerfSAGE']:.1f}",
                             f"{v['MACs-linear (a)']:.1f}"])
        lines.append(
            f"\n## Leave-one-space-out MAPE (%), {lo['epochs']} epochs; guard chosen "
            "by inner leave-one-space-out on the training spaces\n\n"
            + markdown_table(["held-out space", "target", "guard chosen", "PerfSAGE",
                              "MACs-linear (a)"], rows))
        rows = [[sp, g, f"{v['mean']:.1f}"] + [f"{k} {x:.1f}" for k, x in
                                                  v["per_space"].items()]
                for sp, sel in lo["selection"].items() for g, v in sel["inner"].items()]
        if rows:
            lines.append("\n### Inner leave-one-space-out (mean MAPE % over latency "
                         "targets; training spaces only)\n\n"
                         + markdown_table(["outer held-out", "guard", "mean",
                                           "inner held-out 1", "2", "3"],
                                          [r + [""] * (6 - len(r)) for r in rows]))
    if res.get("real_study"):
        lines.append(real_study_report(res["real_study"], res["spaces"]))
    if res.get("real"):
        rows = []
        for r in res["real"]:
            row = [r["model"], r["nodes"]]
            for t in ("u55_latency_ms", "host_latency_ms", "peak_kib"):
                row.append(
                    f"{r['pred'].get(t, float('nan')):.3g} / "
                    f"{r['label'].get(t, float('nan')):.3g}"
                )
            rows.append(row)
        lines.append(
            "\n## Real models: predicted / measured\n\n"
            + markdown_table(["model", "nodes", "U55 ms", "host ms", "peak KiB"], rows)
        )
    return "\n".join(lines) + "\n"


def real_study_report(st: dict, spaces: list[str]) -> str:
    """Markdown of :func:`real_study`."""
    lines = ["\n## Real-model study (issue 22)\n"]
    tg = list(next(iter(st["in_distribution"].values())))
    for t in tg:
        rows = [[m] + [f"{v[t][c]['mape']:.2f}" if c in v.get(t, {}) else "-"
                       for c in ["all"] + spaces]
                for m, v in st["in_distribution"].items() if t in v]
        lines.append(f"\n### In distribution, {t} (test MAPE %)\n\n"
                     + markdown_table(["model", "all"] + spaces, rows))
    lines.append("\nTraining labels inside their bounds (%): " + ", ".join(
        f"{t} {v:.1f}" for t, v in st["train_labels_inside_bounds_pct"].items()))
    for key, title in (("real", "Real models"), ("heldout", "Held-out built models")):
        if st.get(key):
            lines.append(_set_report(st, key, title, tg))
    return "\n".join(lines)


def _set_report(st: dict, key: str, title: str, tg: list[str]) -> str:
    """Summary, per-model, breakdown and OOD tables of one evaluated model set."""
    lines = []
    for t in tg:
        rows = [[m, s["n"], f"{s['median']:.1f}", f"{s['mape']:.1f}", f"{s['max']:.1f}",
                 s["within10"]] for m, s in ((m, v[t]) for m, v in
                                             st[f"{key}_summary"].items())]
        lines.append(f"\n### {title} fully on the NPU, {t} (|error| %)\n\n"
                     + markdown_table(["model", "n", "median", "MAPE", "max",
                                       "within 10 %"], rows))
    ms = list(st[f"{key}_summary"])
    for t in tg:
        rows = []
        for r in st[key]:
            rows.append([r["model"].removesuffix(".tflite"), "yes" if r["npu_full"] else
                         "no", f"{r['label'][t]:.4g}"]
                        + [f"{r['err'][m][t]:+.1f}" for m in ms])
        lines.append(f"\n### {title}, per model, {t}: Vela label and signed error % of each "
                     "predictor\n\n" + markdown_table(
                         ["model", "NPU only", "Vela"] + ms, rows))
    lines.append(breakdown_report(st[key]))
    rows = [[r["model"].removesuffix(".tflite"), r["nodes"], f"{r['ood_score']:.2f}",
             " ".join(r["unseen_ops"]) or "-", " ".join(r["clamped"]) or "-",
             "OOD" if r["ood"] else "in", all(r["inside_bounds"].values())]
            for r in st[key]]
    lines.append("\n### New predictor: OOD score, unseen ops, clamped targets\n\n"
                 + markdown_table(["model", "nodes", "score", "unseen ops", "clamped",
                                   "flag", "labels inside bounds"], rows))
    return "\n".join(lines)


def breakdown_report(rows: list[dict], worst: float = 25.0) -> str:
    """Per-operator tables (issue 22 item 1) of the NPU-only real models that some
    latency predictor misses by more than ``worst`` %: Vela's per-layer time, each
    predictor's per-operator prediction, and the features outside the training range
    of that op type."""
    lines = []
    for r in rows:
        for t, bd in r.get("breakdown", {}).items():
            errs = [abs(v[t]) for v in r["err"].values() if np.isfinite(v.get(t, np.nan))]
            if not r["npu_full"] or not errs or max(errs) <= worst:
                continue
            ms = list(bd[0]["pred_ms"]) if bd else []
            tab = [[b["op"], b["type"], f"{b['vela_ms'] * 1e3:.1f}"]
                   + [f"{b['pred_ms'][m] * 1e3:.1f}" for m in ms]
                   + ["; ".join(b["outside"]) or "-"] for b in bd]
            lines.append(f"\n### Per operator, {r['model'].removesuffix('.tflite')}, {t} "
                         "(us; features outside the training range of the op type)\n\n"
                         + markdown_table(["op", "type", "Vela"] + ms + ["outside"], tab))
    return "\n".join(lines)


def _bar(progress: bool, total: int, desc: str):
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, leave=False)


def _tick(bar, rec: dict) -> None:
    if bar is not None:
        bar.update(1)
        loss = next(k for k in rec if k.startswith("train_"))
        bar.set_postfix({loss: f"{rec[loss]:.1f}", "val_mape": f"{rec['val_mape']:.1f}%"})


def _close(bar) -> None:
    if bar is not None:
        bar.close()


def predict_main(argv: list[str]) -> dict[str, Any]:
    """``python -m experiments.perfsage predict MODEL.tflite [--predictor P [P ...]]``:
    each target's prediction clamped into its physical bounds (printed beside it), the
    out-of-distribution score, unseen op types and flag (:mod:`jaxeff.gnn.bounds`), and
    the no-learning SRAM estimate of :mod:`jaxeff.gnn.velamem` (U55 and U65 KiB).

    Several predictors (the seeds of one rule) are reported one after the other, then
    their **seed ensemble**: per target the geometric mean of their recommended
    predictions (session 25's I-ens, issue 22), returned under ``_ensemble``; the other
    keys are the first predictor's. ``--node-margin M`` (rule J, session 26) also
    prints, and ensembles, the recommended prediction with every node outside its op
    type's training box given its forests' value (``_rule_j``; the predictor must carry
    its box: a session-26 study saves it). ``--recommended`` turns on the recommended
    reading in one flag (session 37: rule J at 0.25 with rules R', Q, S, T, T2 (depth 16
    included), U, V and Z).
    """
    p = argparse.ArgumentParser(description="Predict latency / memory / energy")
    p.add_argument("model")
    p.add_argument("--predictor", nargs="+", default=["runs/perfsage_default/predictor.npz"],
                   help="one predictor file, or the seeds of one rule (seed ensemble)")
    p.add_argument("--node-margin", type=float, default=None, metavar="M",
                   help="rule J: nodes outside their op type's training box (widened by "
                        "M x its width) get the forests' value")
    p.add_argument("--weight-rule", action="store_true",
                   help="rule P (session 31): operators whose weights exceed their op "
                        "type's training range, in a regime the type never showed, cost "
                        "max(forest at the clipped weights, weight-streaming time)")
    p.add_argument("--stride-rule", action="store_true",
                   help="rule Q (session 31): a CONV_2D with a stride above 3 costs what "
                        "Vela's split into one operation per output pixel costs")
    p.add_argument("--stream-rule", action="store_true",
                   help="with --weight-rule: rule R (session 32) in place of P: every "
                        "operator beyond its type's training weights costs max(forest at "
                        "the clipped weights, rho_w x weight-streaming time)")
    p.add_argument("--stream-types", action="store_true",
                   help="with --stream-rule: rule R' (session 32 addendum 3), rho_w per "
                        "op type")
    p.add_argument("--tconv-rule", action="store_true",
                   help="rule S (session 32 addendum 3): a stride-1 TRANSPOSE_CONV is "
                        "predicted by the CONV_2D forest, as Vela runs it as a convolution")
    p.add_argument("--bcast-rule", action="store_true",
                   help="rule T (session 36): an ADD / SUB / MUL / MAXIMUM / MINIMUM with a "
                        "per-channel constant broadcast over a map of at least 32 x 32 x 17 "
                        "costs at least Vela's reads of that constant (8 bytes per output "
                        "element at the flash / DRAM port)")
    p.add_argument("--bcast-exact", action="store_true",
                   help="with --bcast-rule: rule T2 (session 37): such an operator on a "
                        "square map of 2 x 2 to 64 x 64 with a depth a multiple of 16 costs "
                        "Vela's probed cycles at that exact map size")
    p.add_argument("--bcast-c16", action="store_true",
                   help="with --bcast-exact: T2-16 (session 37 addendum 5, outcome 6), "
                        "rule T2 on 16-channel maps too")
    p.add_argument("--pool-rule", action="store_true",
                   help="rule V (session 37): an average / max pool with a stride above 3 "
                        "and more than one output pixel costs Vela's split into one "
                        "operation per output pixel")
    p.add_argument("--z-rule", action="store_true",
                   help="rule Z (session 37): a CONV_2D with fewer than 8 input channels, at "
                        "least 16 taps, a stride of at most 3 and at least 1,000 output "
                        "pixels costs kappa x its padded-MAC bound")
    p.add_argument("--z-geometry", choices=("", "row", "rowcol"), default=None,
                   help="with --z-rule: candidate Z1 'row' (session 38 addendum 2, outcome 2: "
                        "a one-row output of odd width at about twice the bound on the U65) "
                        "or Z2 'rowcol' (and a one-column output on both NPUs); '' = rule Z")
    p.add_argument("--conv16-rule", action="store_true",
                   help="candidate R16 (session 38 addendum 7, outcome 9): a 3 x 3 / 1 undilated "
                        "conv of at least 1,000 output pixels on depths of C mod 16 in 1..8 "
                        "costs kappa16 x its 16-padded MAC bound")
    p.add_argument("--row-conv-rule", action="store_true",
                   help="candidate W1 (session 39 addendum 3, outcome 1): a one-row 1 x k conv "
                        "(2 <= OW < 64, stride 1, C_in >= 16) costs kappa x max(Vela's "
                        "MAC-array count, an odd width twice on the U65, its weight stream)")
    p.add_argument("--row-conv-w2", action="store_true",
                   help="candidate W2 (session 40 addendum 1): --row-conv-rule with kappa on "
                        "the MAC count only, max(kappa bV, W / beta)")
    p.add_argument("--row-conv-codec", action="store_true",
                   help="candidate W3 (session 40 addendum 4): --row-conv-rule with the weight "
                        "stream at Vela's encoded size, max(kappa bV, E / beta)")
    p.add_argument("--row-odd-rule", action="store_true",
                   help="candidate O2 (session 42 section 2, outcome 1): on the U65 a one-row "
                        "CONV_2D of odd width outside rules Z / W1 pays its MAC-array share "
                        "twice (v + min(v, bV))")
    p.add_argument("--row-prelu-rule", action="store_true",
                   help="candidate P1 (session 42 addendum 3, outcome 3): a PRELU on a one-row map costs "
                        "Vela's probed cycles per element (U55 4.5 / 2.25 / 3.25, U65 2.0 / "
                        "1.0 / 1.158 for C <= 8 / <= 64 / above)")
    p.add_argument("--few-cin-rule", choices=("a", "b"), default=None,
                   help="candidates C1a / C1b (session 43 addenda 3-4): a stride-1 CONV_2D on a 2-D map with "
                        "C_in <= 4 and >= 32 taps (a) or C_in <= 16 (b) costs Vela's part-kernel compute "
                        "term 4 Uxy ceil(C_out/8) S ceil(C_in/8)")
    p.add_argument("--stride1-pool-rule", action="store_true",
                   help="candidate PL (session 43 addendum 3, outcome 5; superseded by PL2a): a stride-1 "
                        "VALID pool of >= 32 taps and more than one output pixel costs 4 Uxy ceil(C/8) P")
    p.add_argument("--wide-pool-rule", choices=("a", "b"), default=None,
                   help="candidates PL2a / PL2b (session 43 addendum 6; PL2a chosen, outcome 7): PL's formula for "
                        "every pool with strides <= 3, any padding and more than one output pixel, of >= 9 taps "
                        "(a) or any kernel (b), outside rule V (replaces --stride1-pool-rule)")
    p.add_argument("--pixel-pool-rule", action="store_true",
                   help="candidate G1 (session 44 addendum 1): a pool with one output pixel costs Vela's probed "
                        "cycles 4 ceil(C/8) P + P D/8 + 64 + hb wb D/(8|16) (compute, command, first IFM block)")
    p.add_argument("--lut-act-rule", choices=("b", "s", "bs"), default=None,
                   help="candidates AB / AS (session 44 addendum 1): a TANH / LOGISTIC / HARD_SWISH / LEAKY_RELU "
                        "folded into an ABS / NEG (b: the pair max(a_p, 1) E_w on the activation) or in its own "
                        "pass after the graph input, a CONCATENATION or a shared producer (s: 16 Uxy ceil(C/8))")
    p.add_argument("--split-codec", action="store_true",
                   help="candidate Qe (session 42 section 2; not adopted): with --stride-rule, "
                        "the split convs' weight fetch at Vela's encoded size")
    p.add_argument("--split-probe", action="store_true",
                   help="candidate Q2 (session 42 addendum 2, outcome 3): with --stride-rule, "
                        "the split convs priced from Vela probes (compute term, encoded "
                        "fetch, the fused activation's pass)")
    p.add_argument("--node-bound", type=float, default=None, metavar="BETA",
                   help="candidate K (session 40 section 1): with --node-margin, the GNN may "
                        "move each in-box operator's forest price by at most the factor "
                        "e^BETA (K50: 0.5, K100: 1.0)")
    p.add_argument("--add16-rule", action="store_true",
                   help="candidate A16 (session 38 addendum 7; not adopted): an ADD of two "
                        "same-shape maps on such a depth costs Vela's element-wise term per "
                        "16-padded element")
    p.add_argument("--ruled-fallback", action="store_true",
                   help="candidate Y (session 38 addendum 3): with --node-margin, the "
                        "operators a rule prices keep their ruled base in place of the "
                        "GNN's contribution")
    p.add_argument("--row-rule", action="store_true",
                   help="rule U (session 36): a resize of a one-row or one-column map "
                        "costs Vela's single average pool (1 cycle per output element; "
                        "U55 one column: 2)")
    p.add_argument("--recommended", action="store_true",
                   help="the recommended reading (issue 22, session 44: R'QST2U-J25 with "
                        "T2 on depth 16, V, Z1, R16, W1, K100, O2, Q2, P1, PL2a, G1, AB and AS): "
                        "--node-margin 0.25 "
                        "--node-bound 1.0 (each unless given) "
                        "--weight-rule --stream-rule --stream-types --stride-rule "
                        "--tconv-rule --bcast-rule --bcast-exact --bcast-c16 --pool-rule "
                        "--z-rule --z-geometry row (unless given) --conv16-rule "
                        "--row-conv-rule --row-rule --row-odd-rule --split-probe (unless "
                        "--split-codec) --row-prelu-rule --wide-pool-rule a (unless given) "
                        "--pixel-pool-rule --lut-act-rule bs (unless given); "
                        "give the seeds' predictors for the seed ensemble")
    a = p.parse_args(argv)
    if a.recommended:
        for k in ("weight_rule", "stream_rule", "stream_types", "stride_rule", "tconv_rule",
                  "bcast_rule", "bcast_exact", "bcast_c16", "pool_rule", "z_rule", "row_rule",
                  "conv16_rule", "row_conv_rule", "row_odd_rule", "row_prelu_rule"):
            setattr(a, k, True)
        a.wide_pool_rule = a.wide_pool_rule or RECOMMENDED_WIDE_POOL
        a.pixel_pool_rule = True
        a.lut_act_rule = a.lut_act_rule or RECOMMENDED_LUT_ACT
        a.split_probe = a.split_probe or not a.split_codec
        a.node_margin = 0.25 if a.node_margin is None else a.node_margin
        a.z_geometry = RECOMMENDED_Z_GEOMETRY if a.z_geometry is None else a.z_geometry
        a.node_bound = RECOMMENDED_NODE_BOUND if a.node_bound is None else a.node_bound
    if a.stream_rule and not a.weight_rule:
        p.error("--stream-rule (rule R) is given with --weight-rule")
    if a.stream_types and not a.stream_rule:
        p.error("--stream-types (rule R') is given with --stream-rule")
    if a.bcast_exact and not a.bcast_rule:
        p.error("--bcast-exact (rule T2) is given with --bcast-rule")
    if a.bcast_c16 and not a.bcast_exact:
        p.error("--bcast-c16 (candidate T2-16) is given with --bcast-exact")
    if a.z_geometry and not a.z_rule:
        p.error("--z-geometry (candidates Z1 / Z2) is given with --z-rule")
    if a.ruled_fallback and a.node_margin is None:
        p.error("--ruled-fallback (candidate Y) is given with --node-margin (rule J)")
    if a.wide_pool_rule and a.stride1_pool_rule:
        p.error("--wide-pool-rule (PL2a / PL2b) includes --stride1-pool-rule (PL): choose one")
    if a.row_conv_codec and not a.row_conv_rule:
        p.error("--row-conv-codec (candidate W3) is given with --row-conv-rule (W1)")
    if a.row_conv_codec and a.row_conv_w2:
        p.error("--row-conv-codec (W3) and --row-conv-w2 (W2) price the same stream: choose one")
    if a.row_conv_w2 and not a.row_conv_rule:
        p.error("--row-conv-w2 (candidate W2) is given with --row-conv-rule (W1)")
    if (a.split_codec or a.split_probe) and not a.stride_rule:
        p.error("--split-codec / --split-probe (candidates Qe / Q2) refine --stride-rule")
    if a.split_codec and a.split_probe:
        p.error("--split-codec and --split-probe price the same convs: choose one")
    if a.node_bound is not None and a.node_margin is None:
        p.error("--node-bound (candidate K) is given with --node-margin (rule J)")
    if a.node_bound is not None and not (math.isfinite(a.node_bound) and a.node_bound > 0):
        p.error(f"--node-bound must be a finite number > 0, got {a.node_bound}")
    if a.node_margin is not None and not (math.isfinite(a.node_margin) and a.node_margin >= 0):
        p.error(f"--node-margin must be a finite number >= 0, got {a.node_margin}")
    rec = record_of(a.model)
    outs = []
    for i, path in enumerate(a.predictor):
        if len(a.predictor) > 1:
            print(f"== predictor {i + 1} of {len(a.predictor)}: {path}")
        pred = Predictor.load(path)
        if a.weight_rule and a.stream_rule:
            pred = pred.with_weight_rule(stream=True, per_type=a.stream_types)
            n = {t: int(m.clip_weights(rec, pred.node_base.weight_hi)[0].sum())
                 for t, m in pred.node_base.meters.items()}
            print(f"rule R{chr(39) * a.stream_types} (session 32): operators beyond their "
                  "type's training weights: " + ", ".join(
                      f"{t} {k} (rho_w {pred.weight_stream[t]:.3f}"
                      + (f", per type {pred.weight_stream_types[t]}" if a.stream_types
                         else "") + ")" for t, k in n.items()))
        elif a.weight_rule:
            pred = pred.with_weight_rule()
            n = {t: int(m.weight_regime(rec, pred.node_base.weight_hi)[0].sum())
                 for t, m in pred.node_base.meters.items()}
            print("rule P (session 31): operators in a weight regime their type never "
                  "showed in training: " + ", ".join(f"{t} {k}" for t, k in n.items()))
        if a.tconv_rule:
            pred = pred.with_tconv_rule()
            print("rule S (session 32): stride-1 TRANSPOSE_CONVs predicted as "
                  f"convolutions: {int(baselines.stride1_tconvs(rec).sum())}")
        if a.stride_rule:
            pred = pred.with_stride_rule(codec=a.split_codec, probe=a.split_probe)
            k = int(baselines.split_conv_cycles(rec, "u55")[0].sum())
            print(f"rule Q (session 31): CONV_2Ds with a stride above 3 (split by Vela "
                  f"into one operation per output pixel): {k}"
                  + (" (Qe, session 42: the fetch at Vela's encoded size)" if a.split_codec
                     else "")
                  + (" (Q2, session 42: priced from Vela probes)" if a.split_probe else ""))
        if a.row_prelu_rule:
            pred = pred.with_row_prelu_rule()
            print("candidate P1 (session 42): PRELUs on one-row maps at Vela's probed cycles: "
                  f"{int(baselines.row_prelu_cycles(rec, 'u55')[0].sum())}")
        if a.few_cin_rule:
            pred = pred.with_few_cin_rule(wide=a.few_cin_rule == "b")
            print(f"candidate C1{a.few_cin_rule} (session 43): stride-1 convs on few input channels at Vela's "
                  f"compute term: {int(baselines.few_cin_conv_cycles(rec, 'u55', a.few_cin_rule == 'b')[0].sum())}")
        if a.wide_pool_rule:
            pred = pred.with_stride1_pool_rule(a.wide_pool_rule)
            print(f"candidate PL2{a.wide_pool_rule} (session 43): pools of strides <= 3 at Vela's compute term: "
                  f"{int(baselines.stride1_pool_cycles(rec, 'u55', a.wide_pool_rule)[0].sum())}")
        elif a.stride1_pool_rule:
            pred = pred.with_stride1_pool_rule()
            print("candidate PL (session 43): stride-1 VALID pools of >= 32 taps at Vela's compute term: "
                  f"{int(baselines.stride1_pool_cycles(rec, 'u55')[0].sum())}")
        if a.pixel_pool_rule:
            pred = pred.with_pixel_pool_rule()
            print("candidate G1 (session 44): pools with one output pixel at Vela's probed cycles: "
                  f"{int(baselines.pixel_pool_cycles(rec, 'u55')[0].sum())}")
        if a.lut_act_rule:
            pred = pred.with_lut_act_rule(a.lut_act_rule)
            print(f"candidates {'/'.join('A' + k.upper() for k in a.lut_act_rule)} (session 44): LUT activations "
                  f"at Vela's probed cycles: {int(baselines.lut_activation_cycles(rec, 'u55', a.lut_act_rule)[0].sum())}")
        if a.row_odd_rule:
            pred = pred.with_row_odd_rule()
            print("candidate O2 (session 42): U65 one-row convs of odd width, MAC share twice: "
                  f"{int(baselines.row_odd_macs(rec, 'u65')[0].sum())}")
        if a.bcast_rule:
            pred = pred.with_bcast_rule(exact=a.bcast_exact, c16=a.bcast_c16)
            print("rule T (session 36): elementwise operators with a broadcast constant "
                  f"Vela reads per output element: {int(baselines.bcast_const_ops(rec).sum())}")
            if a.bcast_exact:
                print("rule T2 (session 37): of its kind on square maps up to 64 x 64, "
                      "at Vela's exact-size probes: "
                      f"{int(baselines.bcast_exact_cycles(rec, 'u55', a.bcast_c16)[0].sum())}")
        if a.pool_rule:
            pred = pred.with_pool_rule()
            print("rule V (session 37): pools with a stride above 3 (split by Vela into one "
                  f"operation per output pixel): {int(baselines.split_pool_cycles(rec, 'u55')[0].sum())}")
        if a.z_rule:
            pred = pred.with_z_rule(a.z_geometry or "")
            print("rule Z (session 37): narrow-input long-kernel convs at the padded-MAC "
                  f"bound: {int(baselines.z_conv_bound(rec, 'u55')[0].sum())}"
                  + (f" (geometry {a.z_geometry!r}, session 38)" if a.z_geometry else ""))
        if a.row_rule:
            pred = pred.with_row_rule()
            print("rule U (session 36): one-row / one-column resizes: "
                  f"{int((baselines.row_resizes(rec) > 0).sum())}")
        if a.conv16_rule or a.add16_rule:
            pred = pred.with_depth16_rule(add=a.add16_rule, conv=a.conv16_rule)
            print("candidates A16 / R16 (session 38): operators on depths of C mod 16 in 1..8 at "
                  f"16-padded costs: {int(baselines.depth16_cycles(rec, 'u55', a.add16_rule, a.conv16_rule)[0].sum())}")
        if a.row_conv_rule:
            pred = pred.with_row_conv_rule(w2=a.row_conv_w2, codec=a.row_conv_codec)
            print("candidate W1 (session 39): one-row 1 x k convs at Vela's MAC-array count or "
                  f"weight stream: {int(baselines.row_conv_cycles(rec, 'u55')[0].sum())}"
                  + (" (W2, session 40: kappa on the MAC count only)" if a.row_conv_w2 else "")
                  + (" (W3, session 40: the stream at Vela's encoded size)"
                     if a.row_conv_codec else ""))
        if a.node_bound is not None:
            pred = pred.with_node_bound(a.node_bound)
            print(f"candidate K (session 40): each in-box operator's GNN correction bounded "
                  f"to a factor e^{a.node_bound:g}"
                  + (f" = {math.exp(a.node_bound):.3f}" if a.node_bound < 50 else ""))
        if a.ruled_fallback:
            pred = pred.with_ruled_fallback()
            print("candidate Y (session 38): rule-priced operators keeping their ruled base: "
                  + ", ".join(f"{t} {int(m.sum())}" for t, m in pred.node_base.ruled(rec).items()))
        outs.append(_predict_one(pred, path, rec, a.node_margin))
    if len(outs) == 1:
        return outs[0]
    key = "_recommended" if a.node_margin is None else "_rule_j"
    recs = [o[key] for o in outs]
    if not all(recs) or any(set(r) != set(recs[0]) for r in recs):
        raise ValueError("a seed ensemble needs stacked predictors with correction caps "
                         "on the same targets (each prints a 'recommended' line)")
    ens = {t: math.exp(sum(math.log(r[t]) for r in recs) / len(recs)) for t in recs[0]}
    print(f"seed ensemble of {len(recs)} predictors (session 25, I-ens: the geometric mean "
          f"of their {'recommended' if key == '_recommended' else 'rule-J'} predictions): "
          + ", ".join(f"{k} {v:.4g}" for k, v in ens.items()))
    return {**outs[0], "_ensemble": ens}


def _predict_one(pred: Predictor, path: str, rec: dict,
                 node_margin: float | None = None) -> dict[str, Any]:
    """One predictor's report of :func:`predict_main` (printed), and its numbers."""
    res = pred.predict_bounded([rec])[0]
    print(f"{'target':18s} {'prediction':>12s} {'lower':>12s} {'upper':>12s}")
    for t in pred.targets:
        note = "  (clamped)" if res["clamped"][t] else ""
        print(f"{t:18s} {res['value'][t]:12.4g} {res['lower'][t]:12.4g} "
              f"{res['upper'][t]:12.4g}{note}")
    unseen = ", ".join(res["unseen_ops"]) or "none"
    print(f"out-of-distribution: {'YES' if res['ood'] else 'no'} (feature score "
          f"{res['score']:.2f} training std outside the training range; unseen ops: "
          f"{unseen})")
    rules = {f"{pl}_sram_kib": velamem.sram_bytes(rec, pl) / 1024.0 for pl in ("u55", "u65")}
    print(f"SRAM by Vela's memory rules (no learning, jaxeff.gnn.velamem, rule "
          f"{velamem.DEFAULT_RULE}): "
          + ", ".join(f"{k} {v:.4g}" for k, v in rules.items()))
    per_op = {}
    if isinstance(pred.node_base, ForestBase):  # a stacked predictor carries its forests
        per_op = {t: float(f(rec).sum()) for t, f in pred.node_base.per_op().items()}
        kind = {m.target for m in pred.node_base.meters.values()}
        print(f"per-op sum of its forests (target {'/'.join(sorted(kind))}; session 19: "
              "the ratio forests' sum is level with the GNN on validation): "
              + ", ".join(f"{k} {v:.4g}" for k, v in per_op.items()))
    capped, recommended = {}, {}
    caps_file = pathlib.Path(path).with_name(CAPS_FILE)
    caps = pred.correction_caps  # saved inside since session 20; older files: beside it
    if per_op and caps is None and caps_file.exists():
        caps = load_caps(caps_file, tuple(pred.targets))
    if per_op and caps:  # the study's recommended row (session 19, rule E)
        capped = {t: float(capped_correction(np.asarray([res["value"][t]]),
                                             np.asarray([per_op[t]]), c)[0])
                  for t, c in caps.items() if t in per_op}
        print("capped correction (the GNN moves the per-op sum by at most its training "
              "need): " + ", ".join(f"{k} {v:.4g}" for k, v in capped.items()))
        # rule C-U (session 22): the per-op sum where an operator type is unseen
        recommended = {t: per_op[t] if res["unseen_ops"] else v for t, v in capped.items()}
        print("recommended (session 22, rule C-U: the capped correction, or the per-op sum "
              "where the graph holds an operator type no training graph had"
              + (", as here" if res["unseen_ops"] else "") + "): "
              + ", ".join(f"{k} {v:.4g}" for k, v in recommended.items()))
    rule_j = {}
    if node_margin is not None:
        if not recommended or pred.node_box is None:
            raise ValueError(f"--node-margin needs a stacked predictor with correction caps "
                             f"and its training box (a session-26 study saves it): {path}")
        pred.correction_caps = caps
        row = pred.predict_capped([rec], True, node_margin)[0]
        rule_j = {t: float(row[pred.targets.index(t)]) for t in recommended}
        share = float(pred.nodes_out([rec], node_margin)[0].mean()) * 100
        print(f"rule J (session 26, margin {node_margin:g}): {share:.1f} % of the nodes lie "
              "outside their op type's training box and get the forests' value: "
              + ", ".join(f"{k} {v:.4g}" for k, v in rule_j.items()))
    return {**res["value"], "_assessment": res, "_vela_rules": rules, "_per_op_sum": per_op,
            "_capped": capped, "_recommended": recommended, "_rule_j": rule_j}


def parse(argv: list[str] | None = None) -> tuple[Config, str, argparse.Namespace]:
    p = preset_parser("PerfSAGE vs baselines")
    p.add_argument("--dataset", default=None, help="folder of perfsage_dataset")
    p.add_argument("--targets", nargs="+", default=None)
    p.add_argument("--epochs", type=int, default=None)
    p.add_argument("--loso-epochs", type=int, default=None)
    p.add_argument("--gcn-epochs", type=int, default=None)
    p.add_argument("--gcn-hidden", type=int, default=None, help="BRP-NAS: 600")
    p.add_argument(
        "--linear-output",
        action="store_true",
        help="paper's linear readout instead of exp(.)",
    )
    p.add_argument("--no-real", action="store_true")
    p.add_argument(
        "--no-baselines", action="store_true", help="skip nn-Meter and BRP-NAS GCN"
    )
    p.add_argument(
        "--loso-spaces",
        nargs="+",
        default=None,
        help="held-out spaces for leave-one-space-out ('none' skips)",
    )
    p.add_argument("--readout", choices=["additive", "paper"], default=None,
                   help="PerfSAGE readout (default additive, our deviation [U])")
    p.add_argument("--schedule", choices=["constant", "cosine"], default=None,
                   help="learning-rate schedule (default cosine, our deviation [U])")
    p.add_argument("--no-paper-readout", action="store_true",
                   help="do not also train the paper-readout model for comparison")
    p.add_argument("--feature-clip", type=float, default=None,
                   help="clip standardised node features to +-this (OOD guard [U])")
    p.add_argument("--node-cap", action="store_true",
                   help="additive readout: cap each node's contribution at the largest "
                        "training label (OOD guard [U])")
    p.add_argument("--loso-only", action="store_true",
                   help="only the leave-one-space-out study")
    p.add_argument("--loso-guards", nargs="+", default=None,
                   help="guard settings the inner leave-one-space-out chooses among: "
                        "none, clip:X, cap, clip:X+cap (one setting: no inner study)")
    p.add_argument("--ablation-only", action="store_true",
                   help="only the cumulative paper-to-ours ablation table")
    p.add_argument("--ablation-epochs", type=int, default=None)
    p.add_argument("--workers", type=int, default=None,
                   help="processes for the independent ablation / LOSO fits")
    p.add_argument("--ablation-targets", nargs="+", default=None)
    p.add_argument("--real-study", action="store_true",
                   help="only the real-model study of issue 22 (targets: Vela U55/U65 "
                        "latency and SRAM)")
    p.add_argument("--node-loss", type=float, default=None,
                   help="lambda of the node-level loss of the study's new model")
    p.add_argument("--no-prior-variant", action="store_true",
                   help="real study: skip our roofline-prior residual variant")
    p.add_argument("--node-variants", nargs="+", default=None,
                   choices=sorted(VARIANTS),
                   help="real study: also train these node-input variants (issue 22)")
    p.add_argument("--split", choices=("random", "stable"), default=None,
                   help="random: a permutation of all graphs (default); stable: by a "
                        "hash of each graph, so added graphs leave old ones in place")
    p.add_argument("--model-seed", type=int, default=None, metavar="N",
                   help="real study: GNN seed + N, forest random_state 10 + N (the "
                        "split stays on the split seed)")
    p.add_argument("--forest-target", choices=baselines.FOREST_TARGETS, default=None,
                   help="real study: per-op forests on raw Vela cycles (nn-Meter, the "
                        "default) or on log(cycles / roofline) (session 19)")
    p.add_argument("--forest-context", action="store_true",
                   help="real study, ratio forests: add the fusion-context features "
                        "(producer fusable, producer fan-out; session 19)")
    p.add_argument("--forest-lowered", action="store_true",
                   help="real study, ratio forests: the roofline counts the MACs Vela "
                        "executes for dilations above 2 (rule D, session 22)")
    p.add_argument("--forest-resize", action="store_true",
                   help="with --forest-lowered: the roofline also counts a bilinear "
                        "resize's executed operations (rule E, session 22)")
    p.add_argument("--forest-padded", type=int, choices=baselines.PAD_GRANULES, default=None,
                   metavar="G", help="real study, ratio forests: the roofline counts the "
                   "MACs of channel-padded tensors, input depth to a multiple of G "
                   f"{baselines.PAD_GRANULES}, output depth to 8 (rule L, session 28)")
    p.add_argument("--weight-rule", action="store_true",
                   help="real study: also the per-op sum and rule-J rows with the "
                        "forests' weight regime (rule P, session 31)")
    p.add_argument("--stride-rule", action="store_true",
                   help="real study, with --weight-rule: also those rows with rule Q "
                        "(CONV_2Ds with a stride above 3 costed as Vela splits them)")
    p.add_argument("--stream-rule", action="store_true",
                   help="real study, with --weight-rule: also the rows with rule R in "
                        "place of P (and with --stride-rule, rules R and Q; session 32)")
    p.add_argument("--tconv-rule", action="store_true",
                   help="real study, with --stream-rule and --stride-rule: also the rows "
                        "with rules R' (per-type rho_w), Q and S (stride-1 transposed "
                        "convolutions by the CONV_2D forest; session 32 addendum 3)")
    p.add_argument("--zero-floor", action="store_true",
                   help="the stacked variants' node loss also fits operators labelled 0 "
                        "to one cycle (FitConfig.zero_floor, session 23)")
    p.add_argument("--stacked-direction", choices=("forward", "reverse", "both"),
                   default=None, help="message direction of the stacked variants "
                   "(default: the fit's, PerfSAGE's 'reverse'; session 23)")
    p.add_argument("--forest-base", choices=baselines.FOREST_LABELS, default=None,
                   help="real study, stacked variant: base forests on Vela's in-graph "
                        "per-layer cycles (default) or on each kernel's cost alone (rule M, "
                        "session 21; labels from experiments.perfsage_alone)")
    p.add_argument("--alone-labels", default=None, metavar="DIR",
                   help="folder of experiments.perfsage_alone files (default DATASET/alone)")
    p.add_argument("--node-margins", type=float, nargs="*", default=None, metavar="M",
                   help="real study: rule J's rows, one per margin (fraction of each op "
                        "type's training feature range; default 0 0.25; none: no rows)")
    p.add_argument("--reuse", default=None, metavar="DIR",
                   help="real study: load the saved predictors of an earlier run")
    p.add_argument("--heldout", default=None, metavar="DIR",
                   help="real study: also test on the .tflite files in DIR (built by "
                        "experiments.perfsage_heldout)")
    a, preset = parse_run_args(p, argv)
    cfg = Config.smoke() if preset == "smoke" else Config.default()
    over: dict[str, Any] = {}
    if a.dataset:  # an existing dataset replaces the smoke preset's own
        over["dataset"], over["smoke_dataset"] = a.dataset, None
    if a.targets:
        over["targets"] = tuple(a.targets)
    if a.loso_epochs is not None:
        over["loso_epochs"] = a.loso_epochs
    if a.gcn_epochs is not None:
        over["gcn_epochs"] = a.gcn_epochs
    if a.gcn_hidden is not None:
        over["gcn_hidden"] = a.gcn_hidden
    if a.no_real:
        over["real_models"] = False
    if a.no_prior_variant:
        over["prior_variant"] = False
    if a.heldout:
        over["heldout"] = a.heldout
    if a.reuse:
        over["reuse"] = a.reuse
    if a.node_margins is not None:
        if not all(math.isfinite(m) and m >= 0 for m in a.node_margins):
            p.error(f"--node-margins must be finite numbers >= 0, got {a.node_margins}")
        over["node_margins"] = tuple(a.node_margins)
    if a.model_seed is not None:
        over["model_seed"] = a.model_seed
    if a.forest_target:
        over["forest_target"] = a.forest_target
    if a.forest_context:
        over["forest_context"] = True
    if a.forest_lowered:
        over["forest_lowered"] = True
    if a.forest_resize:
        over["forest_resize"] = True
    if a.forest_padded:
        over["forest_padded"] = a.forest_padded
    if a.weight_rule:
        over["weight_rule"] = True
    if a.stride_rule:
        over["stride_rule"] = True
    if a.stream_rule:
        over["stream_rule"] = True
    if a.tconv_rule:
        over["tconv_rule"] = True
    if a.zero_floor:
        over["zero_floor"] = True
    if a.stacked_direction:
        over["stacked_direction"] = a.stacked_direction
    if a.forest_base:
        over["forest_base"] = a.forest_base
    if a.alone_labels:
        over["alone_labels"] = a.alone_labels
    if a.split:
        over["split_kind"] = a.split
    if a.node_variants:
        over["node_variants"] = tuple(a.node_variants)
    if a.no_baselines:
        over["baselines"] = False
    if a.loso_spaces:
        over["loso_spaces"] = () if a.loso_spaces == ["none"] else tuple(a.loso_spaces)
    fo = {}
    if a.epochs is not None:
        fo["epochs"] = a.epochs
    if a.linear_output:
        fo["log_output"], fo["readout"] = False, "paper"
    if a.readout:
        fo["readout"] = a.readout
    if a.schedule:
        fo["schedule"] = a.schedule
    if a.no_paper_readout:
        over["paper_readout"] = False
    if a.feature_clip is not None:
        fo["feature_clip"] = a.feature_clip
    if a.node_cap:
        fo["node_cap"] = True
    if a.loso_only:
        over["loso_only"] = True
    if a.loso_guards:
        over["loso_guards"] = tuple(parse_guard(g) for g in a.loso_guards)
    if a.ablation_only:
        over["ablation_only"] = True
    if a.ablation_epochs is not None:
        over["ablation_epochs"] = a.ablation_epochs
    if a.workers is not None:
        over["workers"] = a.workers
    if a.ablation_targets:
        over["ablation_targets"] = tuple(a.ablation_targets)
    if a.real_study:
        over["real_study"] = True
        over.setdefault("targets", REAL_TARGETS)
    if a.node_loss is not None:
        over["node_loss"] = a.node_loss
    over["fit"] = dataclasses.replace(cfg.fit, **fo)
    cfg = dataclasses.replace(cfg, **over)
    return cfg, a.workdir or f"runs/perfsage_{preset}", a


def main(argv: list[str] | None = None) -> dict:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "predict":
        return predict_main(argv[1:])
    cfg, workdir, a = parse(argv)
    return run_and_report(run, report, cfg, workdir, a)


if __name__ == "__main__":
    main()
