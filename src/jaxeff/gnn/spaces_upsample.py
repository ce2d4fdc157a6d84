"""The ``upsample`` search space: up-sampling networks (issue 22 item 3).

PerfSAGE (Chai et al., arXiv 2301.10999) is meant to predict "arbitrary" graphs; the
held-out real models it failed worst on (FSRCNN, SESR) up-sample with TRANSPOSE_CONV,
which no other training space emits, and encoder-decoders up-sample with RESIZE_*.
Two kinds, drawn with equal probability (every choice set is ours [U]):

* ``sr``: super-resolution nets in the style of FSRCNN (Dong et al., arXiv 1608.00367:
  feature conv, 1x1 shrink, 3x3 mapping convs, 1x1 expand, strided deconvolution) and
  SESR (Bhardwaj et al., arXiv 2103.09404: 3x3 convs, sub-pixel output). Each x2 stage
  is either a stride-2 TRANSPOSE_CONV (kernel 2 ... 9) or a conv to 4C channels followed
  by a kernel-2 stride-2 VALID TRANSPOSE_CONV without bias (depth-to-space written as
  the transposed conv that Vela maps to the NPU, as :mod:`jaxeff.nets.sesr_npu` does;
  its weights are random here, not SESR's one-hot ones);
  optionally a global residual: the LR input up-sampled by RESIZE_NEAREST_NEIGHBOR or
  RESIZE_BILINEAR and ADDed;
* ``encdec``: small UNet-like encoder-decoders (Ronneberger et al., arXiv 1505.04597)
  at 64 ... 224 pixels: 2 or 3 levels of conv + stride-2 conv or MAX_POOL, a
  bottleneck, then per level an up-sampling (RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR
  or TRANSPOSE_CONV), a CONCATENATION or ADD with the skip, and a 3x3 conv; 1x1 head,
  optionally LOGISTIC.

Only the forms Vela 5.2 maps to the NPU are drawn: TRANSPOSE_CONV stride 2 with output
= 2x input (SAME, or VALID with kernel 2), RESIZE by a factor 2 or 4 without align_corners, and
half-pixel centres on bilinear only for x2.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["upsample"]


def _act(b: NetBuilder, x: int, act: str) -> int:
    return b.act(x, "PRELU") if act == "PRELU" else x


def _conv(b: NetBuilder, x: int, c: int, k: int, act: str, stride: int = 1) -> int:
    return _act(b, b.conv(x, c, k, stride, "NONE" if act == "PRELU" else act), act)


def _resize2(b: NetBuilder, rng: np.random.Generator, x: int, hw, kind: str) -> int:
    half = kind == "bilinear" and hw[0] == 2 * b.shape(x)[1] and rng.random() < 0.5
    return b.resize(x, hw, kind, half_pixel_centers=bool(half))


def _sr(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    h, w = pick(rng, ((32, 32), (48, 48), (64, 64), (90, 160), (120, 160)))
    cin, scale = pick(rng, (1, 3)), pick(rng, (2, 4))
    d, m, act = pick(rng, (16, 32, 48, 56)), int(rng.integers(1, 6)), pick(
        rng, ("RELU", "PRELU"))
    x = b.input((1, h, w, cin))
    y = _conv(b, x, d, pick(rng, (3, 5)), act)
    style = pick(rng, ("fsrcnn", "sesr"))
    if style == "fsrcnn":
        s = pick(rng, (8, 12, 16))
        y = _conv(b, y, s, 1, act)
        for _ in range(m):
            y = _conv(b, y, s, 3, act)
        y = _conv(b, y, d, 1, act)
    else:
        for _ in range(m):
            y = _conv(b, y, d, 3, act)
    up = pick(rng, ("tconv", "subpixel"))
    stages = int(np.log2(scale))
    for i in range(stages):
        c = cin if i == stages - 1 else d
        if up == "tconv":
            y = b.transpose_conv(y, c, pick(rng, (2, 3, 4, 5, 9)), 2)
        else:
            y = b.transpose_conv(b.conv(y, 4 * c, 3), c, 2, 2, padding="VALID",
                                 bias=False)  # the form of jaxeff.nets.sesr_npu
    resid = pick(rng, ("none", "nearest", "bilinear"))
    if resid != "none":
        y = b.add(y, _resize2(b, rng, x, (h * scale, w * scale), resid))
    return y, {"kind": "sr", "style": style, "up": up, "scale": scale, "lr": (h, w),
               "m": m, "residual": resid}


def _encdec(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    r, levels = pick(rng, (64, 96, 128, 160, 192, 224)), int(rng.integers(2, 4))
    c, up = pick(rng, (8, 16, 24, 32)), pick(rng, ("nearest", "bilinear", "tconv"))
    merge, down = pick(rng, ("concat", "add")), pick(rng, ("conv", "pool"))
    y = b.input((1, r, r, 3))
    skips = []
    for _ in range(levels):
        y = b.conv(y, c, 3, 1, "RELU")
        skips.append(y)
        y = b.conv(y, 2 * c, 3, 2, "RELU") if down == "conv" else b.pool(y, "max", 2, 2)
        c *= 2
    y = b.conv(y, c, 3, 1, "RELU")
    for skip in reversed(skips):
        hw, cs = b.shape(skip)[1:3], b.shape(skip)[3]
        if up == "tconv":
            y = b.transpose_conv(y, cs, pick(rng, (2, 3, 4)), 2, "RELU")
        else:
            y = b.conv(_resize2(b, rng, y, hw, up), cs, 1, 1, "RELU")
        y = b.concat([y, skip]) if merge == "concat" else b.add(y, skip)
        y = b.conv(y, cs, 3, 1, "RELU")
    y = b.conv(y, pick(rng, (1, 2, 4, 8)), 1)
    if rng.random() < 0.3:
        y = b.act(y, "LOGISTIC")
    return y, {"kind": "encdec", "res": r, "levels": levels, "up": up, "merge": merge,
               "down": down}


def upsample(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``upsample`` space and its choices (module doc)."""
    b = NetBuilder(rng, "upsample")
    out, meta = (_sr if rng.random() < 0.5 else _encdec)(b, rng)
    return b.finish([out]), meta
