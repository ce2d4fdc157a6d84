"""ResNets with injectable convolutions.

"Deep Residual Learning for Image Recognition" (He et al., arXiv 1512.03385):
ImageNet-style ResNet-18/34/50 (7x7 stem, 4 stages) and CIFAR ResNet-20/56
(3x3 stem, 3 stages of 16/32/64 channels, 3n basic blocks each). CIFAR
shortcuts use 1x1 projection convs where the shape changes (option B of the
paper; option A's zero padding has no weights to quantize).

``conv`` is a factory (``nn.Conv`` by default; ``QuantConv`` or a Winograd
conv by injection, DESIGN.md convention 4). ``act_quant`` optionally inserts
quantization points at block inputs (``blocks_i/in_q``) and the head input.
Returns ``(logits, aux)`` with ``aux["blocks"]`` the output of every block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp

from jaxeff.nets.layers import maybe_quant

Factory = Callable[..., nn.Module]


class BasicBlock(nn.Module):
    filters: int
    strides: int = 1
    conv: Factory = nn.Conv
    norm: Factory = nn.BatchNorm
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        x = maybe_quant(self.act_quant, "in_q", x)
        s = (self.strides, self.strides)
        y = self.conv(self.filters, (3, 3), s, padding=((1, 1), (1, 1)),
                      use_bias=False, name="conv1")(x)
        y = nn.relu(self.norm(name="bn1")(y))
        y = maybe_quant(self.act_quant, "mid_q", y)
        y = self.conv(self.filters, (3, 3), padding=((1, 1), (1, 1)),
                      use_bias=False, name="conv2")(y)
        y = self.norm(name="bn2", scale_init=nn.initializers.zeros_init())(y)
        if x.shape[-1] != self.filters or self.strides != 1:
            x = self.conv(self.filters, (1, 1), s, padding="VALID", use_bias=False,
                          name="shortcut")(x)
            x = self.norm(name="bn_sc")(x)
        return nn.relu(x + y)


class Bottleneck(nn.Module):
    filters: int
    strides: int = 1
    conv: Factory = nn.Conv
    norm: Factory = nn.BatchNorm
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        x = maybe_quant(self.act_quant, "in_q", x)
        s = (self.strides, self.strides)
        y = self.conv(self.filters, (1, 1), padding="VALID", use_bias=False,
                      name="conv1")(x)
        y = nn.relu(self.norm(name="bn1")(y))
        y = self.conv(self.filters, (3, 3), s, padding=((1, 1), (1, 1)),
                      use_bias=False, name="conv2")(y)
        y = nn.relu(self.norm(name="bn2")(y))
        y = self.conv(4 * self.filters, (1, 1), padding="VALID", use_bias=False,
                      name="conv3")(y)
        y = self.norm(name="bn3", scale_init=nn.initializers.zeros_init())(y)
        if x.shape[-1] != 4 * self.filters or self.strides != 1:
            x = self.conv(4 * self.filters, (1, 1), s, padding="VALID",
                          use_bias=False, name="shortcut")(x)
            x = self.norm(name="bn_sc")(x)
        return nn.relu(x + y)


class ResNet(nn.Module):
    """ResNet classifier: ``[B,H,W,C]`` float32 -> ``(logits [B, classes], aux)``.

    ``stem="cifar"``: 3x3 conv, no pooling; ``stem="imagenet"``: 7x7/2 conv and
    3x3/2 max-pool. ``stage_sizes[i]`` blocks at width ``widths[i]``; every stage
    after the first starts with stride 2.
    """

    num_classes: int
    stage_sizes: Sequence[int] = (3, 3, 3)
    widths: Sequence[int] = (16, 32, 64)
    block: str = "basic"
    stem: str = "cifar"
    conv: Factory = nn.Conv
    dense: Factory = nn.Dense
    act_quant: Factory | None = None

    @nn.compact
    def __call__(self, x: jax.Array, train: bool = False) -> tuple[jax.Array, Any]:
        if x.ndim != 4:
            raise ValueError(f"ResNet expects [B, H, W, C] images, got {x.shape}")
        if self.block not in ("basic", "bottleneck"):
            raise ValueError(f"block must be 'basic' or 'bottleneck', got {self.block}")
        norm = partial(nn.BatchNorm, use_running_average=not train, momentum=0.9,
                       epsilon=1e-5)
        blk = BasicBlock if self.block == "basic" else Bottleneck
        if self.stem == "imagenet":
            x = self.conv(self.widths[0], (7, 7), (2, 2), padding=((3, 3), (3, 3)),
                          use_bias=False, name="conv_init")(x)
            x = nn.relu(norm(name="bn_init")(x))
            x = nn.max_pool(x, (3, 3), (2, 2), padding=((1, 1), (1, 1)))
        elif self.stem == "cifar":
            x = self.conv(self.widths[0], (3, 3), padding=((1, 1), (1, 1)),
                          use_bias=False, name="conv_init")(x)
            x = nn.relu(norm(name="bn_init")(x))
        else:
            raise ValueError(f"stem must be 'cifar' or 'imagenet', got {self.stem!r}")
        outs, k = [], 0
        for i, (n, w) in enumerate(zip(self.stage_sizes, self.widths, strict=True)):
            for j in range(n):
                stride = 2 if i > 0 and j == 0 else 1
                x = blk(w, stride, self.conv, norm, self.act_quant,
                        name=f"blocks_{k}")(x)
                outs.append(x)
                k += 1
        x = jnp.mean(x, axis=(1, 2))
        x = maybe_quant(self.act_quant, "head_in_q", x)
        return self.dense(self.num_classes, name="head")(x), {"blocks": tuple(outs)}


ResNet18 = partial(ResNet, stage_sizes=(2, 2, 2, 2), widths=(64, 128, 256, 512),
                   stem="imagenet")
ResNet34 = partial(ResNet, stage_sizes=(3, 4, 6, 3), widths=(64, 128, 256, 512),
                   stem="imagenet")
ResNet50 = partial(ResNet, stage_sizes=(3, 4, 6, 3), widths=(64, 128, 256, 512),
                   stem="imagenet", block="bottleneck")
ResNet20 = partial(ResNet, stage_sizes=(3, 3, 3), widths=(16, 32, 64))
ResNet56 = partial(ResNet, stage_sizes=(9, 9, 9), widths=(16, 32, 64))
# ResNet-18 with a CIFAR stem (used by the Winograd experiments)
ResNet18Cifar = partial(ResNet, stage_sizes=(2, 2, 2, 2), widths=(64, 128, 256, 512))
_ResNetTiny = partial(ResNet, stage_sizes=(1, 1), widths=(4, 8))  # tests

RESNETS: dict[str, Callable[..., ResNet]] = {
    "resnet18": ResNet18, "resnet34": ResNet34, "resnet50": ResNet50,
    "resnet20": ResNet20, "resnet56": ResNet56, "resnet18_cifar": ResNet18Cifar,
    "resnet_tiny": _ResNetTiny,
}
