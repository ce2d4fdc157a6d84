"""Train (and cache) a float classifier: ``python -m experiments.train_classifier``.

Examples::

    python -m experiments.train_classifier            # ResNet-20 on digits, < 1 min
    python -m experiments.train_classifier --smoke
    python -m experiments.train_classifier --model resnet20 --dataset cifar10 --epochs 30
    python -m experiments.train_classifier --model vit_cifar/4 --dataset cifar10

The trained variables are cached by :mod:`jaxeff.zoo` under ``$JAXEFF_CACHE/models``
keyed by the model, a fingerprint of the data and the full recipe, so other
experiments (FQ-ViT PTQ, Evol-Q, Winograd) reuse them; a rerun with the same flags
skips training, an interrupted run resumes at the last epoch.
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time

from jax.sharding import Mesh

from experiments._cli import (
    add_devices_flag,
    add_retrain_flag,
    mesh_from_args,
    parse_args,
)
from jaxeff.report import RunDir, markdown_table, plot_curves
from jaxeff.zoo import ModelSpec as Config
from jaxeff.zoo import trained_model


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True,
        mesh: Mesh | None = None) -> dict:
    """Train (or load the cached) model; write a run directory; return results.

    ``mesh`` (``--devices``): data-parallel training over its devices (the batch
    size must be a multiple of their number); the cache key does not include it.
    """
    run_dir = RunDir(workdir, cfg)
    t0 = time.time()
    _, _, _, meta = trained_model(cfg, progress=progress, mesh=mesh)
    hist = meta["history"]
    results = {
        "model": cfg.model, "dataset": cfg.dataset, "params": meta["params"],
        "test_top1": meta["test_top1"],
        "val_top1": hist[-1].get("val_top1") if hist else None,
        "train_time_s": sum(h["epoch_time_s"] for h in hist),
        "wall_s_this_call": time.time() - t0,
        "epochs": len(hist),
    }
    run_dir.write_results(results)
    if not run_dir.metrics():  # a rerun in the same directory must not duplicate them
        for h in hist:
            run_dir.log(**h)
    plot_curves(run_dir.path / "curves.png",
                {"train_acc": [h["train_acc"] for h in hist],
                 "val_top1": [h.get("val_top1", 0.0) for h in hist]},
                xlabel="epoch", ylabel="top-1 (%)", title=cfg.model)
    table = markdown_table(
        ["model", "dataset", "params", "epochs", "test top-1 (%)", "train time (s)"],
        [[cfg.model, cfg.dataset, results["params"], results["epochs"],
          results["test_top1"], results["train_time_s"]]])
    run_dir.write_report(f"# train_classifier\n\n{table}\n")
    return results


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="tiny model on digits, ~1 min")
    p.add_argument("--model", default="resnet20")
    p.add_argument("--dataset", default="digits", choices=["cifar10", "mnist", "digits"],
                   help="digits (default) is bundled with scikit-learn, needs no files")
    p.add_argument("--data-dir", default=None, help="dataset folder (default $JAXEFF_DATA)")
    p.add_argument("--epochs", type=int, default=None,
                   help="default: 15")
    for name in ("lr", "weight_decay", "label_smoothing", "warmup_epochs"):
        p.add_argument("--" + name.replace("_", "-"), type=float, default=None)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--optimizer", choices=["sgd", "adamw"], default=None)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workdir", default=None, help="run directory (default runs/...)")
    p.add_argument("--no-progress", action="store_true")
    add_retrain_flag(p)
    add_devices_flag(p)
    a = parse_args(p, argv)
    if a.smoke:
        cfg = Config.smoke()
    else:
        over = {k: getattr(a, k) for k in ("lr", "weight_decay", "label_smoothing",
                                           "warmup_epochs", "batch_size", "optimizer")
                if getattr(a, k) is not None}
        epochs = a.epochs or 15
        cfg = Config.for_model(a.model, a.dataset, epochs, seed=a.seed, **over)
        cfg = dataclasses.replace(cfg, data_dir=a.data_dir)
    workdir = a.workdir or f"runs/train_{cfg.model.replace('/', '_')}_{cfg.dataset}"
    res = run(cfg, workdir, progress=not a.no_progress, mesh=mesh_from_args(a))
    print(markdown_table(["model", "dataset", "params", "epochs", "test top-1 (%)",
                          "train time (s)"],
                         [[res["model"], res["dataset"], res["params"], res["epochs"],
                           res["test_top1"], res["train_time_s"]]]))
    return res


if __name__ == "__main__":
    main()
