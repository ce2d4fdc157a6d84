"""Flax networks; each returns ``(out, aux)``. ``build_model`` maps names to modules."""

from __future__ import annotations

from typing import Any

import flax.linen as nn

from jaxeff.nets.layers import (
    ActQuant,
    LayerQuant,
    QuantConfig,
    QuantConv,
    QuantDense,
    QuantRule,
    maybe_quant,
    module_path,
)
from jaxeff.nets.micronets import MICRONETS, MicroNet, MicroNetSpec
from jaxeff.nets.ran import RAN_E_CONFIGS, EfficientNetLite
from jaxeff.nets.ran_i import RAN_I, ConvNeXt
from jaxeff.nets.resnet import (
    RESNETS,
    ResNet,
    ResNet18,
    ResNet18Cifar,
    ResNet20,
    ResNet34,
    ResNet50,
    ResNet56,
)
from jaxeff.nets.rnn import (
    CompressedDense,
    Compression,
    IntentClassifier,
    LanguageModel,
    Recurrent,
)
from jaxeff.nets.sesr import (
    FSRCNN,
    SESR,
    SESR_VARIANTS,
    SR_MODELS,
    CollapsedSESR,
    build_sr,
    export_sesr,
    fsrcnn_macs,
    sesr_macs,
    sesr_weights,
)
from jaxeff.nets.unet import UNet, unet
from jaxeff.nets.vit import VARIANTS, ViT, decode_variant, vit

__all__ = [
    "FSRCNN",
    "MICRONETS",
    "MODEL_NAMES",
    "RAN_E_CONFIGS",
    "RAN_I",
    "RESNETS",
    "SESR",
    "SESR_VARIANTS",
    "SR_MODELS",
    "VARIANTS",
    "ActQuant",
    "CollapsedSESR",
    "CompressedDense",
    "Compression",
    "ConvNeXt",
    "EfficientNetLite",
    "IntentClassifier",
    "LanguageModel",
    "LayerQuant",
    "MicroNet",
    "MicroNetSpec",
    "QuantConfig",
    "QuantConv",
    "QuantDense",
    "QuantRule",
    "Recurrent",
    "ResNet",
    "ResNet18",
    "ResNet18Cifar",
    "ResNet20",
    "ResNet34",
    "ResNet50",
    "ResNet56",
    "UNet",
    "ViT",
    "build_model",
    "build_sr",
    "decode_variant",
    "export_sesr",
    "fsrcnn_macs",
    "maybe_quant",
    "module_path",
    "sesr_macs",
    "sesr_weights",
    "unet",
    "vit",
]

MODEL_NAMES = (*RESNETS, *(f"vit_{v}" for v in VARIANTS))


def build_model(name: str, num_classes: int, **kw: Any) -> nn.Module:
    """``"resnet20"``, ``"vit_cifar/4"``, ``"vit_Ti/16"``... -> a Flax module."""
    if name in RESNETS:
        return RESNETS[name](num_classes=num_classes, **kw)
    if name.startswith("vit_"):
        return vit(name[4:], num_classes, **kw)
    raise ValueError(f"unknown model {name!r}; choose from {MODEL_NAMES} "
                     "(ViT names take an optional /patch, e.g. vit_cifar/4)")
