"""The ``ext`` search space: dilated, factorised and PReLU networks (issue 22, session 22).

PerfSAGE (Chai et al., arXiv 2301.10999) should predict the networks people deploy. The
per-kernel errors of session 21's held-out families IX (DeepLabv3-MobileNet-v2, ERFNet,
MobileFaceNet; test models, so this space is chosen after seeing them and says so)
came from kernels no training space drew at their shapes: standalone PRELU at 64-512
channels (x 1.42), factorised k x 1 / 1 x k convolutions dilated up to 16 (x 0.72),
and bilinear up-sampling of large maps (x 0.76). This space draws them, with equal
probability of three kinds (every choice set is ours [U]):

* ``factorised``: ERFNet / EDANet-style encoders (Romera et al., IEEE T-ITS 2018;
  Lo et al., arXiv 1809.06323): downsamplers (a 3x3/2 convolution CONCATENATED with a
  2x2 max pool of the input, or a plain 3x3/2 convolution), then blocks of a k x 1 and
  a 1 x k convolution (k in {3, 5, 7}), the second pair dilated by a rate
  {1, 2, 4, 8, 16} along its long axis, RELU or a standalone PRELU between, and a
  residual ADD or a dense CONCATENATION; a decoder of 3x3/2 TRANSPOSE_CONVs or
  bilinear / nearest up-sampling by 2 or 4; input up to 128 x 256;
* ``dilated_mb``: MobileFaceNet / DeepLab-style inverted residuals (Chen et al., arXiv
  1804.07573; Sandler et al., arXiv 1801.04381): 1x1 expansion, a 3x3 depthwise
  convolution dilated by {1, 2, 4} (stride 1) or strided, 1x1 projection, activations
  RELU6 fused or a standalone PRELU, widths up to 512; then either a global depthwise
  convolution (VALID, kernel = map) and 1x1 embedding, or an image-pooling head (MEAN,
  1x1, bilinear up-sampling of the 1 x 1 map, CONCATENATION, 1x1) with the logits
  up-sampled x 4 (align_corners, 4n - 3) once or twice; input 64 ... 224;
* ``esp``: ESPNet-style modules (Mehta et al., arXiv 1803.06815): a 1x1 reduction to
  ``c / K``, K in {2 ... 5} parallel 3x3 convolutions dilated by 1, 2, 4, 8, 16,
  hierarchical ADDs of the branches, CONCATENATION, a residual ADD and a standalone
  PRELU; strided modules between levels, bilinear up-sampling at the end.

Only forms Vela 5.2 maps to the NPU are drawn: dilated kernels span at most 33 pixels,
dilated depthwise convolutions have stride 1, resizes are by 2 or 4 (or from a 1 x 1
map), TRANSPOSE_CONV is 3x3/2 SAME or 2x2/2 VALID.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["EXT_KINDS", "ext"]

EXT_KINDS = ("factorised", "dilated_mb", "esp")


def _act(b: NetBuilder, x: int, act: str) -> int:
    """Standalone PRELU, or nothing (the activation was fused into the producer)."""
    return b.act(x, "PRELU") if act == "PRELU" else x


def _fused(act: str) -> str:
    return "NONE" if act == "PRELU" else act


def _rate(rng: np.random.Generator, k: int, n: int) -> int:
    """A dilation rate whose dilated kernel spans at most 33 pixels and the map."""
    ok = [d for d in (1, 2, 4, 8, 16) if (k - 1) * d + 1 <= min(33, n)]
    return pick(rng, ok)


def _up(b: NetBuilder, rng: np.random.Generator, x: int, c: int, how: str) -> int:
    _, h, w, _ = b.shape(x)
    if how == "tconv":
        return b.transpose_conv(x, c, 3, 2, "RELU")
    f = pick(rng, (2, 4)) if how == "bilinear" else 2
    y = b.resize(x, (f * h, f * w), how)
    return b.conv(y, c, 1, 1, "RELU")


def _factorised(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    h, w = pick(rng, ((64, 64), (64, 128), (96, 96), (128, 128), (128, 256)))
    act, merge = pick(rng, ("RELU", "PRELU")), pick(rng, ("add", "dense"))
    k, c = pick(rng, (3, 5, 7)), pick(rng, (16, 24, 32))
    x = b.input((1, h, w, 3))
    levels, blocks = int(rng.integers(2, 4)), int(rng.integers(1, 4))
    pooled = rng.random() < 0.5
    for _ in range(levels):
        cin = b.shape(x)[-1]
        if pooled and c > cin:
            x = b.concat([b.conv(x, c - cin, 3, 2), b.pool(x, "max", 2, 2)])
            x = b.act(x, "PRELU" if act == "PRELU" else "RELU")
        else:
            x = _act(b, b.conv(x, c, 3, 2, _fused(act)), act)
        for _ in range(blocks):
            cx, n = b.shape(x)[-1], min(b.shape(x)[1:3])
            d = _rate(rng, k, n)
            g = cx if merge == "add" else pick(rng, (8, 16, 32))
            y = _act(b, b.conv(x, g, (k, 1), 1, _fused(act)), act)
            y = _act(b, b.conv(y, g, (1, k), 1, _fused(act)), act)
            if rng.random() < 0.7:
                y = _act(b, b.conv(y, g, (k, 1), 1, _fused(act), dilation=(d, 1)), act)
                y = b.conv(y, g, (1, k), 1, dilation=(1, d))
            x = b.add(y, x, "RELU") if merge == "add" else b.concat([x, y])
        c = min(2 * b.shape(x)[-1], 256)
    how = pick(rng, ("tconv", "bilinear", "nearest"))
    for _ in range(int(rng.integers(1, levels + 1))):
        x = _up(b, rng, x, max(b.shape(x)[-1] // 2, 8), how)
    x = b.conv(x, pick(rng, (2, 8, 19)), 1)
    return x, {"kind": "factorised", "res": (h, w), "k": k, "act": act, "merge": merge,
               "levels": levels, "blocks": blocks, "up": how}


def _dilated_mb(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    r, act = pick(rng, (64, 96, 112, 128, 160, 224)), pick(rng, ("RELU6", "PRELU"))
    head = pick(rng, ("gdconv", "pooling"))
    x = b.input((1, r, r, 3))
    c = pick(rng, (16, 32, 64))
    x = _act(b, b.conv(x, c, 3, 2, _fused(act)), act)
    stages = int(rng.integers(2, 5))
    for i in range(stages):
        t, cout = pick(rng, (1, 2, 4, 6)), min(pick(rng, (2, 3)) * b.shape(x)[-1], 320)
        for j in range(int(rng.integers(1, 4))):
            cin, n = b.shape(x)[-1], min(b.shape(x)[1:3])
            s = 2 if j == 0 and i < stages - 1 and n >= 8 else 1
            d = 1 if s == 2 else _rate(rng, 3, min(n, 9))
            y = _act(b, b.conv(x, cin * t, 1, 1, _fused(act)), act) if t > 1 else x
            y = _act(b, b.dwconv(y, 3, s, _fused(act), dilation=d), act)
            y = b.conv(y, cout, 1)
            x = b.add(x, y) if s == 1 and cin == cout else y
    _, fh, fw, _ = b.shape(x)
    x = _act(b, b.conv(x, pick(rng, (128, 256, 512)), 1, 1, _fused(act)), act)
    if head == "gdconv":
        x = b.dwconv(x, (fh, fw), padding="VALID")
        e = pick(rng, (64, 128))
        y = b.reshape(b.conv(x, e, 1), (1, e))
        return y, {"kind": "dilated_mb", "res": r, "act": act, "head": head,
                   "stages": stages}
    p = b.conv(b.mean(x, (1, 2), keep_dims=True), 128, 1, 1, "RELU")
    y = b.concat([b.resize(p, (fh, fw), "bilinear", True), b.conv(x, 128, 1, 1, "RELU")])
    y = b.conv(y, pick(rng, (8, 21)), 1)
    for _ in range(int(rng.integers(1, 3))):
        _, h, w, _ = b.shape(y)
        y = b.resize(y, (4 * h - 3, 4 * w - 3), "bilinear", True)
    return y, {"kind": "dilated_mb", "res": r, "act": act, "head": head,
               "stages": stages}


def _esp_module(b: NetBuilder, rng: np.random.Generator, x: int, c: int,
                stride: int) -> int:
    n = min(b.shape(x)[1:3]) // stride
    rates = [d for d in (1, 2, 4, 8, 16) if 2 * d + 1 <= min(33, max(n, 3))]
    k = int(rng.integers(2, min(5, len(rates)) + 1)) if len(rates) > 1 else 1
    red = max(c // k, 4)
    y = b.conv(x, red, 1 if stride == 1 else 3, stride)
    outs = [b.conv(y, red, 3, 1, dilation=d) for d in rates[:k]]
    for i in range(1, len(outs)):  # hierarchical feature fusion
        outs[i] = b.add(outs[i], outs[i - 1])
    y = b.concat(outs) if len(outs) > 1 else outs[0]
    if stride == 1 and b.shape(x)[-1] == b.shape(y)[-1]:
        y = b.add(y, x)
    return b.act(y, "PRELU")


def _esp(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    h, w = pick(rng, ((64, 64), (64, 128), (128, 128), (128, 256)))
    x = b.input((1, h, w, 3))
    x = b.act(b.conv(x, 16, 3, 2), "PRELU")
    levels, reps = int(rng.integers(1, 3)), int(rng.integers(1, 4))
    for lev in range(levels):
        c = pick(rng, (32, 64, 128)) * (lev + 1)
        x = _esp_module(b, rng, x, c, 2)
        for _ in range(reps):
            x = _esp_module(b, rng, x, b.shape(x)[-1], 1)
    x = b.conv(x, pick(rng, (8, 19)), 1)
    _, fh, fw, _ = b.shape(x)
    f = pick(rng, (2, 4))
    x = b.resize(x, (f * fh, f * fw), "bilinear")
    return x, {"kind": "esp", "res": (h, w), "levels": levels, "reps": reps}


def ext(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``ext`` space and its choices (module doc)."""
    b = NetBuilder(rng, "ext")
    kind = pick(rng, EXT_KINDS)
    out, meta = {"factorised": _factorised, "dilated_mb": _dilated_mb,
                 "esp": _esp}[kind](b, rng)
    return b.finish([out]), meta
