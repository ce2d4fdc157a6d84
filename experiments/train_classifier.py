"""Train (and cache) a float classifier: ``python -m experiments.train_classifier``.

Examples::

    python -m experiments.train_classifier            # ResNet-20 on digits, < 1 min
    python -m experiments.train_classifier --smoke
    python -m experiments.train_classifier --model resnet20 --dataset cifar10 --epochs 30
    python -m experiments.train_classifier --model vit_cifar/4 --dataset cifar10

The trained variables are cached under ``$JAXEFF_CACHE/models`` keyed by config,
so other experiments (FQ-ViT PTQ, Evol-Q, Winograd) reuse them; a rerun with the
same flags skips training, an interrupted run resumes at the last epoch.
"""

from __future__ import annotations

import argparse
import dataclasses
import pathlib
import time
from typing import Any

from jaxeff.data.vision import load_vision
from jaxeff.nets import build_model
from jaxeff.report import RunDir, markdown_table, plot_curves
from jaxeff.train import TrainConfig, train_cached

# Per-family recipes (hyper-parameters chosen by us, not from a paper).
RECIPES: dict[str, dict[str, Any]] = {
    "resnet": dict(optimizer="sgd", lr=0.1, weight_decay=5e-4, warmup_epochs=1.0,
                   label_smoothing=0.0, batch_size=128),
    "vit": dict(optimizer="adamw", lr=1e-3, weight_decay=0.05, warmup_epochs=2.0,
                label_smoothing=0.1, batch_size=128, grad_clip=1.0),
}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Config:
    model: str = "resnet20"
    dataset: str = "cifar10"
    data_dir: str | None = None
    val_size: int = 1000
    train: TrainConfig = TrainConfig()

    @staticmethod
    def for_model(model: str, dataset: str, epochs: int, **over: Any) -> Config:
        fam = "vit" if model.startswith("vit") else "resnet"
        tr = TrainConfig(epochs=epochs, **{**RECIPES[fam], **over})
        return Config(model=model, dataset=dataset, train=tr,
                      val_size=1000 if dataset != "digits" else 200)

    @staticmethod
    def smoke() -> Config:
        return Config.for_model("resnet_tiny", "digits", 2, batch_size=64)

    @staticmethod
    def default() -> Config:
        """The foundation issue's CIFAR-10 ResNet-20 run."""
        return Config.for_model("resnet20", "cifar10", 15)


def float_base(model: str, dataset: str) -> Config:
    """The cached float model that the PTQ / Evol-Q experiments start from."""
    if dataset == "digits":
        if model.startswith("vit"):
            return Config.for_model(model, dataset, 20, batch_size=64, lr=2e-3)
        return Config.for_model(model, dataset, 15)
    return Config.for_model(model, dataset, 14 if model.startswith("vit") else 30)


# tiny ViT on digits shared by the --smoke presets of fqvit / evolq
SMOKE_VIT = Config.for_model("vit_tiny/2", "digits", 3, batch_size=64)


def model_kwargs(cfg: Config) -> dict[str, Any]:
    if cfg.model.startswith("vit_"):
        size = {"cifar10": 32, "mnist": 28, "digits": 8}[cfg.dataset]
        return {"image_size": size}
    return {}


def trained_model(cfg: Config, *, progress: bool = True):
    """(model, variables, data, meta) for ``cfg``, training it if not cached.

    Other experiments (FQ-ViT, Evol-Q, Winograd) start from this float model.
    """
    data = load_vision(cfg.dataset, cfg.data_dir, val_size=cfg.val_size)
    kw = model_kwargs(cfg)
    model = build_model(cfg.model, data.num_classes, **kw)
    variables, meta = train_cached(cfg.model, model, data, cfg.train, model_kwargs=kw,
                                   progress=progress)
    return model, variables, data, meta


def run(cfg: Config, workdir: str | pathlib.Path, *, progress: bool = True) -> dict:
    """Train (or load the cached) model; write a run directory; return results."""
    run_dir = RunDir(workdir, cfg)
    t0 = time.time()
    _, _, _, meta = trained_model(cfg, progress=progress)
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
    a = p.parse_args(argv)
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
    res = run(cfg, workdir, progress=not a.no_progress)
    print(markdown_table(["model", "dataset", "params", "epochs", "test top-1 (%)",
                          "train time (s)"],
                         [[res["model"], res["dataset"], res["params"], res["epochs"],
                           res["test_top1"], res["train_time_s"]]]))
    return res


if __name__ == "__main__":
    main()
