"""The ``families`` search space: published architecture families with random
multipliers (issue 22, "a training distribution that covers real networks").

PerfSAGE (Chai et al., arXiv 2301.10999) should predict the networks people deploy;
this space draws the three families of the MLPerf Tiny / TFLite-Micro model zoo, one
per graph with equal probability, each with a random width multiplier, depth
multiplier and input resolution (every choice set is ours [U]):

* ``efficientnet_lite``: EfficientNet (Tan & Le, arXiv 1905.11946, Table 1: the B0
  stages, MBConv expansion 1 / 6, kernels 3 / 5, strides 1 2 2 2 1 2 1) in its "Lite"
  form (the TensorFlow TPU release's EfficientNet-Lite: no squeeze-excite, RELU6
  instead of swish, stem (32) and head (1280) widths and the first and last stages'
  repeats not scaled). Widths ``c w`` rounded to a multiple of 8 (at least 8, bumped
  by 8 when rounding loses more than 10 %), repeats ``ceil(d L)``; head 1x1 conv,
  MEAN or AVERAGE_POOL, FULLY_CONNECTED, optionally SOFTMAX. w {0.5 ... 1.4} (Lite0-4
  use 1.0-1.4), d {0.5, 0.75, 1.0} (deeper Lite variants exceed PerfSAGE's 200 graph
  nodes), resolution {96 ... 224};
* ``resnet8``: the MLPerf Tiny image-classification ResNet-8 (Banbury et al., arXiv
  2106.07597; He et al., arXiv 1512.03385): 3x3 stem, three stages of basic blocks at
  16 / 32 / 64 channels, stride-2 1x1 projection shortcuts, ADD with fused RELU,
  AVERAGE_POOL, flatten (RESHAPE), FULLY_CONNECTED, SOFTMAX on 32x32x3; here each
  stage has a random width multiplier {0.5, 1, 1.5, 2} and 1-3 blocks, resolution
  {32, 48, 64}, 10 or 100 classes;
* ``vww``: the MLPerf Tiny visual-wake-words MobileNet-v1 (Howard et al., arXiv
  1704.04861; alpha 0.25 at 96x96x3, 2 classes; widths ``int(alpha c)``): alpha
  {0.25, 0.35, 0.5}, resolution {64, 80, 96, 112, 128}, grayscale or RGB input, the
  five stride-1 512-channel blocks scaled to ``ceil(5 d)``, RELU (MLPerf Tiny) or RELU6
  (Keras), AVERAGE_POOL + RESHAPE + FULLY_CONNECTED + SOFTMAX.

Only ops the builder has and Vela 5.2 maps fully to the NPU (CONV_2D, DEPTHWISE_CONV_2D,
ADD, MEAN, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX). The ``*_net`` builders
take explicit settings, so the published configurations can be built and pinned.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["EFFNET_B0", "FAMILIES", "efficientnet_lite_net", "families", "resnet8_net",
           "round_filters", "vww_net"]

FAMILIES = ("efficientnet_lite", "resnet8", "vww")
#: EfficientNet-B0 MBConv stages (arXiv 1905.11946 Table 1): expansion, kernel,
#: stride, output channels, repeats
EFFNET_B0 = ((1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3),
             (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1))


def round_filters(c: int, width: float, divisor: int = 8) -> int:
    """EfficientNet's width rounding: ``c w`` to a multiple of ``divisor`` (at least
    ``divisor``), plus ``divisor`` when rounding loses more than 10 %."""
    f = c * width
    new = max(divisor, int(f + divisor / 2) // divisor * divisor)
    return new + divisor if new < 0.9 * f else new


def _head(b: NetBuilder, x: int, classes: int, pool: str, softmax: bool) -> int:
    """Global pooling (``"mean"``: MEAN; ``"avg"``: AVERAGE_POOL + RESHAPE), FC."""
    if pool == "mean":
        x = b.mean(x, (1, 2), keep_dims=False)
    else:
        _, h, w, c = b.shape(x)
        x = b.reshape(b.pool(x, "avg", (h, w), 1, "VALID"), (1, c))
    x = b.fc(x, classes)
    return b.softmax(x) if softmax else x


def efficientnet_lite_net(b: NetBuilder, width: float = 1.0, depth: float = 1.0,
                          res: int = 224, classes: int = 1000, pool: str = "mean",
                          softmax: bool = True) -> int:
    """EfficientNet-Lite on a ``[1, res, res, 3]`` input (Lite0: 1.0, 1.0, 224)."""
    x = b.conv(b.input((1, res, res, 3)), 32, 3, 2, "RELU6")  # fixed stem
    c = 32
    for i, (e, k, s, cout, n) in enumerate(EFFNET_B0):
        co = round_filters(cout, width)
        reps = n if i in (0, len(EFFNET_B0) - 1) else math.ceil(depth * n)
        for j in range(reps):
            st = s if j == 0 else 1
            h = b.conv(x, c * e, 1, 1, "RELU6") if e != 1 else x
            h = b.conv(b.dwconv(h, k, st, "RELU6"), co, 1)
            x = b.add(x, h) if st == 1 and c == co else h
            c = co
    x = b.conv(x, 1280, 1, 1, "RELU6")  # fixed head
    return _head(b, x, classes, pool, softmax)


def resnet8_net(b: NetBuilder, widths: Sequence[int] = (16, 32, 64),
                blocks: Sequence[int] = (1, 1, 1), res: int = 32, classes: int = 10
                ) -> int:
    """MLPerf Tiny ResNet-8 (defaults) or a variant with other stage widths / blocks."""
    x = b.conv(b.input((1, res, res, 3)), widths[0], 3, 1, "RELU")
    c = widths[0]
    for i, (w, n) in enumerate(zip(widths, blocks, strict=True)):
        for j in range(n):
            s = 2 if i > 0 and j == 0 else 1
            h = b.conv(b.conv(x, w, 3, s, "RELU"), w, 3)
            sc = b.conv(x, w, 1, s) if s != 1 or c != w else x
            x, c = b.add(h, sc, "RELU"), w
    return _head(b, x, classes, "avg", True)


def vww_net(b: NetBuilder, alpha: float = 0.25, res: int = 96, channels: int = 3,
            mid: int = 5, act: str = "RELU", classes: int = 2) -> int:
    """MobileNet-v1 of MLPerf Tiny visual wake words (defaults); ``mid`` stride-1
    512-channel blocks (5 in MobileNet-v1)."""
    x = b.conv(b.input((1, res, res, channels)), int(32 * alpha), 3, 2, act)
    plan = ([(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
            + [(512, 1)] * mid + [(1024, 2), (1024, 1)])
    for cout, s in plan:
        x = b.conv(b.dwconv(x, 3, s, act), int(cout * alpha), 1, 1, act)
    return _head(b, x, classes, "avg", True)


def _efficientnet_lite(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    meta = {"width": pick(rng, (0.5, 0.75, 1.0, 1.1, 1.2, 1.4)),
            "depth": pick(rng, (0.5, 0.75, 1.0)),
            "res": pick(rng, (96, 128, 160, 192, 224)),
            "classes": pick(rng, (10, 100, 1000)),
            "pool": pick(rng, ("mean", "avg")), "softmax": bool(rng.random() < 0.5)}
    return efficientnet_lite_net(b, **meta), meta


def _resnet8(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    mult = [pick(rng, (0.5, 1.0, 1.5, 2.0)) for _ in range(3)]
    meta = {"widths": tuple(int(16 * 2**i * m) for i, m in enumerate(mult)),
            "blocks": tuple(int(rng.integers(1, 4)) for _ in range(3)),
            "res": pick(rng, (32, 48, 64)), "classes": pick(rng, (10, 100))}
    return resnet8_net(b, **meta), meta


def _vww(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    meta = {"alpha": pick(rng, (0.25, 0.35, 0.5)),
            "res": pick(rng, (64, 80, 96, 112, 128)), "channels": pick(rng, (1, 3)),
            "mid": math.ceil(5 * pick(rng, (0.6, 0.8, 1.0))),
            "act": pick(rng, ("RELU", "RELU6"))}
    return vww_net(b, **meta), meta


def families(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``families`` space and its choices (module doc)."""
    family = pick(rng, FAMILIES)
    b = NetBuilder(rng, family)
    draw = {"efficientnet_lite": _efficientnet_lite, "resnet8": _resnet8,
            "vww": _vww}[family]
    out, meta = draw(b, rng)
    return b.finish([out]), {"family": family, **meta}
