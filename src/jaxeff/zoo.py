"""The model zoo: trained float classifiers cached on disk, and calibration samples.

Not a paper method: the "net" stage of the pipeline (DESIGN.md, "data -> net ->
quantize -> search"). Every PTQ / Evol-Q / Winograd / SIMD experiment starts from a
float model named by a :class:`ModelSpec` (model name, dataset, validation size and
the full training recipe). :func:`trained_model` trains it once with
:func:`jaxeff.train.fit` and caches the variables under
``$JAXEFF_CACHE/models/<model>-<hash>``; the hash covers the model and its kwargs,
the dataset's content fingerprint (:attr:`jaxeff.data.vision.VisionData.fingerprint`),
the training recipe and the augmentation actually applied, so a different copy of
the data or another recipe is another entry, never a stale model.

Calibration samples (:func:`calibration_batches`) follow the Evol-Q protocol
(arXiv 2308.10814, §5): seeded random training images in fixed batches.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import pathlib
import time
from typing import Any

import flax.linen as nn
import jax
import numpy as np

from jaxeff import train as _train
from jaxeff.data.vision import VisionData, cache_dir, load_vision, normalize
from jaxeff.nets import build_model
from jaxeff.report import atomic_write, config_hash, to_jsonable
from jaxeff.train import TrainConfig, evaluate, load_variables, save_variables
from jaxeff.types import Variables

log = logging.getLogger(__name__)

__all__ = [
    "RECIPES",
    "SMOKE_VIT",
    "ModelSpec",
    "calibration_batches",
    "float_base",
    "is_cached",
    "model_kwargs",
    "train_cached",
    "trained_model",
]

# Per-family recipes (hyper-parameters chosen by us, not from a paper).
RECIPES: dict[str, dict[str, Any]] = {
    "resnet": dict(optimizer="sgd", lr=0.1, weight_decay=5e-4, warmup_epochs=1.0,
                   label_smoothing=0.0, batch_size=128),
    "vit": dict(optimizer="adamw", lr=1e-3, weight_decay=0.05, warmup_epochs=2.0,
                label_smoothing=0.1, batch_size=128, grad_clip=1.0),
}


@dataclasses.dataclass(frozen=True, kw_only=True)
class ModelSpec:
    """A float classifier to train (or load): model, dataset, split and recipe.

    ``model`` is a :func:`jaxeff.nets.build_model` name, ``dataset`` a
    :func:`jaxeff.data.vision.load_vision` name, ``val_size`` the validation images
    carved out of the training split, ``train`` the full training recipe.
    """

    model: str = "resnet20"
    dataset: str = "cifar10"
    data_dir: str | None = None
    val_size: int = 1000
    train: TrainConfig = TrainConfig()

    @staticmethod
    def for_model(model: str, dataset: str, epochs: int, **over: Any) -> ModelSpec:
        """The family recipe of :data:`RECIPES` for ``model``, with ``over`` applied."""
        fam = "vit" if model.startswith("vit") else "resnet"
        tr = TrainConfig(epochs=epochs, **{**RECIPES[fam], **over})
        return ModelSpec(model=model, dataset=dataset, train=tr,
                         val_size=1000 if dataset != "digits" else 200)

    @staticmethod
    def smoke() -> ModelSpec:
        """A tiny ResNet on digits (2 epochs): the --smoke presets' CNN."""
        return ModelSpec.for_model("resnet_tiny", "digits", 2, batch_size=64)

    @staticmethod
    def default() -> ModelSpec:
        """The foundation issue's CIFAR-10 ResNet-20 run."""
        return ModelSpec.for_model("resnet20", "cifar10", 15)


def float_base(model: str, dataset: str) -> ModelSpec:
    """The cached float model that the PTQ / Evol-Q / Winograd experiments start from."""
    if dataset == "digits":
        if model.startswith("vit"):
            return ModelSpec.for_model(model, dataset, 20, batch_size=64, lr=2e-3)
        return ModelSpec.for_model(model, dataset, 15)
    return ModelSpec.for_model(model, dataset, 14 if model.startswith("vit") else 30)


# tiny ViT on digits shared by the --smoke presets of fqvit / evolq
SMOKE_VIT = ModelSpec.for_model("vit_tiny/2", "digits", 3, batch_size=64)


def model_kwargs(spec: ModelSpec) -> dict[str, Any]:
    """Extra :func:`build_model` kwargs of ``spec`` (a ViT's image size)."""
    if spec.model.startswith("vit_"):
        size = {"cifar10": 32, "mnist": 28, "digits": 8}[spec.dataset]
        return {"image_size": size}
    return {}


def _model_cache(model_name: str, data: VisionData, cfg: TrainConfig,
                 model_kwargs: dict[str, Any] | None) -> tuple[pathlib.Path, dict]:
    """The cache folder of a model and its key: model name and kwargs, the data's
    content fingerprint and sizes, and the full training recipe with its ``augment``
    resolved on ``data`` (so ``True`` and the dataset's explicit Augment agree)."""
    key_cfg = {"model": model_name, "model_kwargs": model_kwargs or {},
               "num_classes": data.num_classes, "dataset": data.name,
               "data_sha256": data.fingerprint, "sizes": data.sizes,
               "train": to_jsonable(dataclasses.replace(
                   cfg, augment=_train.augmentation(cfg, data))), "version": 2}
    d = cache_dir() / "models" / f"{model_name.replace('/', '_')}-{config_hash(key_cfg)}"
    return d, key_cfg


def is_cached(model_name: str, data: VisionData, cfg: TrainConfig, *,
              model_kwargs: dict[str, Any] | None = None) -> bool:
    """Whether :func:`train_cached` would load (not train) this model."""
    d, _ = _model_cache(model_name, data, cfg, model_kwargs)
    return (d / "variables.msgpack").exists() and (d / "meta.json").exists()


def train_cached(model_name: str, model: nn.Module, data: VisionData, cfg: TrainConfig,
                 *, model_kwargs: dict[str, Any] | None = None,
                 progress: bool = True) -> tuple[Variables, dict[str, Any]]:
    """Train once and cache under ``$JAXEFF_CACHE/models/<hash>``; reuse afterwards.

    Returns ``(variables, meta)``; ``meta`` holds the key, the per-epoch history, the
    parameter count and the test top-1 (%).
    """
    d, key_cfg = _model_cache(model_name, data, cfg, model_kwargs)
    final, meta_f = d / "variables.msgpack", d / "meta.json"
    if final.exists() and meta_f.exists():
        log.info("using cached model %s", d)
        return load_variables(final), json.loads(meta_f.read_text())
    t0 = time.time()
    variables, history = _train.fit(model, data, cfg, d, progress=progress,
                                    extra_config=key_cfg)
    test_top1 = evaluate(model, variables, data)
    meta = {**key_cfg, "test_top1": test_top1, "history": history,
            "train_wall_s": time.time() - t0,
            "params": int(sum(x.size for x in jax.tree.leaves(variables["params"])))}
    save_variables(final, variables)
    atomic_write(meta_f, json.dumps(meta, indent=2))
    return variables, meta


def trained_model(spec: ModelSpec, *, progress: bool = True) -> tuple[
        nn.Module, Variables, VisionData, dict[str, Any]]:
    """``(model, variables, data, meta)`` for ``spec``, training it if not cached."""
    data = load_vision(spec.dataset, spec.data_dir, val_size=spec.val_size)
    kw = model_kwargs(spec)
    model = build_model(spec.model, data.num_classes, **kw)
    variables, meta = train_cached(spec.model, model, data, spec.train,
                                   model_kwargs=kw, progress=progress)
    return model, variables, data, meta


def calibration_batches(images: np.ndarray, mean, std, n: int, batch: int,
                        seed: int) -> list[np.ndarray]:
    """``n`` seeded random images (eval transforms) in fixed batches of ``batch``.

    ``images``: uint8 ``[N, H, W, C]`` (a training split); returns float32
    ``[batch, H, W, C]`` normalized arrays (the last one shorter if ``batch`` does
    not divide ``n``). Evol-Q protocol (arXiv 2308.10814 §5).
    """
    if n > len(images):
        raise ValueError(f"calibration needs {n} images, the split has {len(images)}")
    idx = np.random.default_rng(seed).choice(len(images), n, replace=False)
    x = normalize(images[np.sort(idx)], mean, std)
    return [x[i:i + batch] for i in range(0, n, batch)]
