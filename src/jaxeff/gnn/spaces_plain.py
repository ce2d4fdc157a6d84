"""The ``plain`` search space: large plain, Darknet-style and dense networks (issue 22).

PerfSAGE (Chai et al., arXiv 2301.10999) should predict the networks people deploy.
Session 18's held-out families (DenseNet-121, VGG-11, Tiny-YOLOv2) showed three gaps in
the other spaces: convolutions with megabytes of weights (beyond every training label,
where a random forest cannot extrapolate), standalone activation operators (DenseNet's
pre-activation RELU, YOLO's LEAKY_RELU after each convolution) and long CONCATENATION
chains. This space draws, with equal probability (every choice set is ours [U]):

* ``vgg``: VGG configurations A / B / D (Simonyan & Zisserman, arXiv 1409.1556, Table 1)
  or their first 3-4 stages, width multiplier {1/8 ... 1}, input {32 ... 160}, 3x3
  convolutions with fused RELU (or, a quarter of the time, a standalone RELU / RELU6),
  2x2 max pools, then flatten + FC (CIFAR style) or MEAN + FC, optionally SOFTMAX;
* ``darknet``: Tiny-YOLO-style stacks (Redmon & Farhadi, arXiv 1612.08242): 6-9 3x3
  convolutions doubling from a base width {8, 16, 32} up to a cap {256 ... 1024}, each
  followed by a standalone LEAKY_RELU (alpha 0.1; Vela fuses it into the convolution)
  or a fused RELU / a standalone RELU, max pools after the first 4-6, a stride-1 SAME
  max pool at the end half the time, a 1x1 head of ``anchors x (classes + 5)``
  channels; input {96 ... 416};
* ``densenet``: DenseNet-BC (Huang et al., arXiv 1608.06993): a 3x3 stem (or 7x7 / 2 +
  3x3 / 2 max pool from 128 pixels), 2-4 dense blocks of 2-8 layers (standalone RELU,
  1x1 convolution to 4 x growth with fused RELU, 3x3 convolution to ``growth``
  {12, 16, 24, 32}, CONCATENATION with the block's running map), transitions
  (standalone RELU, 1x1 convolution halving the channels, 2x2 average pool), then
  RELU, MEAN, FC, SOFTMAX; input {32 ... 224}.

Only ops Vela 5.2 maps to the NPU: CONV_2D, MAX_POOL_2D, AVERAGE_POOL_2D, RELU, RELU6,
LEAKY_RELU, CONCATENATION, MEAN, RESHAPE, FULLY_CONNECTED, SOFTMAX. The ``*_net``
builders take explicit settings, so a configuration can be built and pinned.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["PLAIN_KINDS", "VGG_CONFIGS", "darknet_net", "densenet_net", "plain",
           "vgg_net"]

PLAIN_KINDS = ("vgg", "darknet", "densenet")
#: VGG configurations A, B, D of arXiv 1409.1556 Table 1 (0 = 2x2 max pool)
VGG_CONFIGS = {
    "A": (64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
    "B": (64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0),
    "D": (64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0),
}


def _activate(b: NetBuilder, x: int, act: str) -> int:
    """``act``: "fused:<A>" (already fused into the producer: nothing to add),
    "RELU" / "RELU6" standalone, or "LEAKY" (standalone LEAKY_RELU, alpha 0.1)."""
    if act.startswith("fused"):
        return x
    return b.leaky_relu(x, 0.1) if act == "LEAKY" else b.act(x, act)


def _fused(act: str) -> str:
    return act.split(":", 1)[1] if act.startswith("fused") else "NONE"


def vgg_net(b: NetBuilder, config: Sequence[int], width: float = 1.0, res: int = 32,
            act: str = "fused:RELU", head: str = "flatten", classes: int = 10,
            softmax: bool = True) -> int:
    """A VGG stack: ``config`` widths (0 = 2x2 max pool) times ``width``, 3x3 SAME
    convolutions, then ``head`` "flatten" (RESHAPE + FC) or "mean" (MEAN + FC)."""
    x = b.input((1, res, res, 3))
    for v in config:
        if v == 0:
            x = b.pool(x, "max", 2, 2) if b.shape(x)[1] >= 2 else x
        else:
            x = _activate(b, b.conv(x, max(8, int(v * width)), 3, 1, _fused(act)), act)
    if head == "flatten":
        x = b.reshape(x, (1, int(np.prod(b.shape(x)[1:]))))
    else:
        x = b.mean(x, (1, 2), keep_dims=False)
    x = b.fc(x, classes)
    return b.softmax(x) if softmax else x


def darknet_net(b: NetBuilder, base: int = 16, cap: int = 1024, layers: int = 8,
                pools: int = 5, res: int = 416, act: str = "LEAKY",
                final_pool: bool = True, anchors: int = 5, classes: int = 20) -> int:
    """A Tiny-YOLO-style stack: ``layers`` 3x3 convolutions of width
    ``min(base 2^i, cap)``, a 2x2 / 2 max pool after each of the first ``pools``, a
    2x2 / 1 SAME max pool after the next one if ``final_pool``, and a 1x1 head."""
    x = b.input((1, res, res, 3))
    for i in range(layers):
        x = _activate(b, b.conv(x, min(base * 2**i, cap), 3, 1, _fused(act)), act)
        if i < pools:
            x = b.pool(x, "max", 2, 2)
        elif i == pools and final_pool:
            x = b.pool(x, "max", 2, 1, "SAME")
    return b.conv(x, anchors * (classes + 5), 1)


def densenet_net(b: NetBuilder, blocks: Sequence[int] = (2, 2, 2), growth: int = 12,
                 res: int = 32, act: str = "RELU", classes: int = 10) -> int:
    """A DenseNet-BC: dense blocks of ``blocks`` layers, growth ``growth``, standalone
    ``act`` (RELU / RELU6) before every convolution that follows a concatenation."""
    x = b.input((1, res, res, 3))
    if res >= 128:
        x = b.pool(b.conv(x, 2 * growth, 7, 2, "RELU"), "max", 3, 2, "SAME")
    else:
        x = b.conv(x, 2 * growth, 3, 1)
    for i, n in enumerate(blocks):
        for _ in range(n):
            y = b.conv(b.act(x, act), 4 * growth, 1, 1, act)
            x = b.concat([x, b.conv(y, growth, 3, 1)])
        if i < len(blocks) - 1:
            x = b.conv(b.act(x, act), max(8, b.shape(x)[-1] // 2), 1, 1)
            x = b.pool(x, "avg", 2, 2)
    x = b.mean(b.act(x, act), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))


def _vgg(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    name = pick(rng, tuple(VGG_CONFIGS))
    cfg = VGG_CONFIGS[name]
    stages = pick(rng, (3, 4, 5))
    cut = [i for i, v in enumerate(cfg) if v == 0][stages - 1] + 1
    meta = {"config": name, "stages": stages,
            "width": pick(rng, (0.125, 0.25, 0.375, 0.5, 0.75, 1.0)),
            "res": pick(rng, (32, 48, 64, 96, 128, 160)),
            "act": pick(rng, ("fused:RELU",) * 3 + ("RELU", "RELU6")),
            "head": pick(rng, ("flatten", "mean")), "classes": pick(rng, (10, 100, 1000)),
            "softmax": bool(rng.random() < 0.5)}
    if meta["res"] >= 96:
        meta["head"] = "mean"  # a flatten of 512 x 3 x 3+ maps: FC weights of > 4 MB
    kw = {k: v for k, v in meta.items() if k not in ("config", "stages")}
    return vgg_net(b, cfg[:cut], **kw), meta


def _darknet(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    layers = int(rng.integers(6, 10))
    meta = {"base": pick(rng, (8, 16, 32)), "cap": pick(rng, (256, 512, 1024)),
            "layers": layers, "pools": int(rng.integers(4, min(6, layers - 1) + 1)),
            "res": pick(rng, (96, 128, 160, 224, 256, 320, 416)),
            "act": pick(rng, ("LEAKY", "LEAKY", "fused:RELU", "RELU")),
            "final_pool": bool(rng.random() < 0.5), "anchors": pick(rng, (3, 5)),
            "classes": pick(rng, (1, 20, 80))}
    return darknet_net(b, **meta), meta


def _densenet(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    nb = int(rng.integers(2, 5))
    meta = {"blocks": tuple(int(rng.integers(2, 9)) for _ in range(nb)),
            "growth": pick(rng, (12, 16, 24, 32)),
            "res": pick(rng, (32, 64, 96, 128, 160, 224)),
            "act": pick(rng, ("RELU", "RELU", "RELU6")), "classes": pick(rng, (10, 100, 1000))}
    return densenet_net(b, **meta), meta


def plain(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``plain`` space and its choices (module doc)."""
    kind = pick(rng, PLAIN_KINDS)
    b = NetBuilder(rng, kind)
    out, meta = {"vgg": _vgg, "darknet": _darknet, "densenet": _densenet}[kind](b, rng)
    return b.finish([out]), {"kind": kind, **meta}
