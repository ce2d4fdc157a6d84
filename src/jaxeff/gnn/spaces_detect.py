"""The ``detect`` search space: SSDLite-style detectors on small MobileNet-v2 and
ShuffleNet-v2 backbones (issue 22: the slicing ops real detectors carry).

PerfSAGE (Chai et al., arXiv 2301.10999) lists SSDLite among its public datasets;
none of the other spaces has a detection head, a channel split or a crop. One graph:

* optionally a STRIDED_SLICE crop of a larger camera frame (4:3 or 16:9) to the square
  network input, every pixel or every second one;
* a backbone, drawn with equal probability:

  - ``mbv2``: MobileNet-v2 inverted residuals (Sandler et al., arXiv 1801.04381, the
    (t, c, n, s) table, RELU6) with width multiplier {0.35, 0.5, 0.75, 1.0} and the
    repeats ``ceil(d n)``, d {0.35, 0.5};
  - ``shufflenet``: ShuffleNet-v2 units (Ma et al., arXiv 1807.11164, Fig. 3c/d): stem
    3x3 stride-2 conv + 3x3 stride-2 MAX_POOL; per stage a stride-2 unit (two
    branches: 3x3 depthwise + 1x1 conv || 1x1, 3x3 depthwise, 1x1, CONCATENATION)
    then units that SPLIT the channels in two halves, transform one (1x1, 3x3
    depthwise, 1x1) and CONCATENATE; widths of the 0.5x / 1.0x / 1.5x nets, 1-3
    units per stage. The channel shuffle is left out here (this space was built before
    the builder had TRANSPOSE; Vela 5.2 maps the converter's 5-D form only while the
    product of any three axes is <= 2^16); the ``shuffle`` space
    (:mod:`jaxeff.gnn.spaces_shuffle`) has it;

* SSDLite heads (Liu et al., arXiv 1512.02325, SSD multibox heads; SSDLite of arXiv
  1801.04381: 3x3 depthwise + 1x1 conv instead of a 3x3 conv) on the stride-16 and
  stride-32 maps plus 0-2 extra stride-2 layers (1x1 conv, 3x3 stride-2 depthwise,
  1x1 conv): per scale a box conv to ``4 A`` and a class conv to ``C A`` channels,
  RESHAPE to ``[1, H W A, 4]`` / ``[1, H W A, C]``, CONCATENATION over the scales,
  LOGISTIC on the class scores; A {3, 4, 6} anchors, C {2, 4, 11, 21, 91} classes.

All choice sets are ours [U]. Vela 5.2 maps every form drawn here to the NPU (its
STRIDED_SLICE needs batch and channel strides 1; SPLIT is folded into its consumers'
reads). Two outputs: the boxes and the scores.
"""

from __future__ import annotations

import math

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["detect"]

#: MobileNet-v2 bottleneck stages (arXiv 1801.04381 Table 2): t, c, n, s
MBV2 = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1),
        (6, 160, 3, 2), (6, 320, 1, 1))
#: ShuffleNet-v2 stage widths (arXiv 1807.11164 Table 5) by model size
SHUFFLE = {0.5: (48, 96, 192), 1.0: (116, 232, 464), 1.5: (176, 352, 704)}


def _round8(x: float) -> int:
    return max(8, int(x + 4) // 8 * 8)


def _input(b: NetBuilder, rng: np.random.Generator, res: int) -> tuple[int, dict]:
    """The network input, or a crop of a larger frame (STRIDED_SLICE)."""
    if rng.random() < 0.5:
        return b.input((1, res, res, 3)), {"crop": None}
    step = pick(rng, (1, 2))
    aspect = pick(rng, ((4, 3), (16, 9)))
    h, w = step * res, step * res * aspect[0] // aspect[1]
    x = b.input((1, h, w, 3))
    left = (w - step * res) // 2
    crop = b.strided_slice(x, (0, 0, left, 0), (1, h, left + step * res, 3),
                           (1, step, step, 1))
    return crop, {"crop": (h, w, step)}


def _mbv2(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[list[int], dict]:
    alpha, depth = pick(rng, (0.35, 0.5, 0.75, 1.0)), pick(rng, (0.35, 0.5))
    c = _round8(32 * alpha)
    x = b.conv(x, c, 3, 2, "RELU6")
    feats = []
    for t, cout, n, s in MBV2:
        co = _round8(cout * alpha)
        for j in range(math.ceil(depth * n)):
            st = s if j == 0 else 1
            h = b.conv(x, c * t, 1, 1, "RELU6") if t > 1 else x
            h = b.conv(b.dwconv(h, 3, st, "RELU6"), co, 1)
            x = b.add(x, h) if st == 1 and c == co else h
            c = co
        if cout == 96:
            feats.append(x)  # stride 16
    feats.append(x)  # stride 32
    return feats, {"alpha": alpha, "depth": depth}


def _shuffle_unit(b: NetBuilder, x: int, cout: int, stride: int) -> int:
    c = b.shape(x)[3]
    if stride == 1:
        keep, h = b.split(x, 2)
        half = c // 2
    else:
        keep = b.conv(b.dwconv(x, 3, 2), cout // 2, 1, 1, "RELU")
        h, half = x, cout // 2
    h = b.conv(h, half, 1, 1, "RELU")
    h = b.conv(b.dwconv(h, 3, stride), half, 1, 1, "RELU")
    return b.concat([keep, h])


def _shufflenet(b: NetBuilder, rng: np.random.Generator, x: int
                ) -> tuple[list[int], dict]:
    size = pick(rng, tuple(SHUFFLE))
    reps = [int(rng.integers(1, k)) for k in (3, 4, 3)]
    x = b.pool(b.conv(x, 24, 3, 2, "RELU"), "max", 3, 2, "SAME")
    feats = []
    for cout, n in zip(SHUFFLE[size], reps, strict=True):
        for j in range(n):
            x = _shuffle_unit(b, x, cout, 2 if j == 0 else 1)
        feats.append(x)
    return feats[1:], {"size": size, "units": tuple(reps)}


def _heads(b: NetBuilder, rng: np.random.Generator, feats: list[int]
           ) -> tuple[list[int], dict]:
    anchors, classes = pick(rng, (3, 4, 6)), pick(rng, (2, 4, 11, 21, 91))
    extra = int(rng.integers(0, 3))
    x = feats[-1]
    for _ in range(extra):
        if b.shape(x)[1] < 2:
            break
        c = _round8(b.shape(x)[3] / 2)
        x = b.conv(b.dwconv(b.conv(x, c // 2, 1, 1, "RELU6"), 3, 2, "RELU6"), c, 1, 1,
                   "RELU6")
        feats = feats + [x]
    boxes, scores = [], []
    for f in feats:
        _, h, w, _ = b.shape(f)
        for out, n in ((boxes, 4), (scores, classes)):
            y = b.conv(b.dwconv(f, 3, 1, "RELU6"), n * anchors, 1)
            out.append(b.reshape(y, (1, h * w * anchors, n)))
    cat = [b.concat(t, 1) if len(t) > 1 else t[0] for t in (boxes, scores)]
    meta = {"anchors": anchors, "classes": classes, "scales": len(feats),
            "boxes": b.shape(cat[0])[1]}
    return [cat[0], b.act(cat[1], "LOGISTIC")], meta


def detect(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``detect`` space and its choices (module doc)."""
    b = NetBuilder(rng, "detect")
    res = pick(rng, (96, 128, 160, 192, 224, 256))
    x, meta = _input(b, rng, res)
    kind = pick(rng, ("mbv2", "shufflenet"))
    feats, bmeta = (_mbv2 if kind == "mbv2" else _shufflenet)(b, rng, x)
    outs, hmeta = _heads(b, rng, feats)
    return b.finish(outs), {"kind": kind, "res": res, **meta, **bmeta, **hmeta}
