"""The ``longk`` search space: convolutions with long kernels on inputs of few
channels (issue 22, session 29, rule N).

Session 29 read on validation that our predictors badly underestimate Vela's cost of a
first-layer convolution on an input of one channel whose kernel is long (a kernel
spanning the whole time axis of a spectrogram, a stride of 4 along the frequency axis,
a 1 x 3 max pool after it): the other training spaces hold few such forms (``tiny``
draws kernels of at most 20 x 8). This space draws small networks whose first layer
is such a convolution on a 1-D signal or a 2-D map of 1-3 channels. One graph, drawn
uniformly per choice with the graph's generator (every choice set is ours [U]):

* input: a 1-D signal ``[1, T, 1, C]`` or ``[1, 1, T, C]`` (T {64, 100, 128, 200, 256,
  400, 500, 512, 1000, 1024, 2000, 4000, 8000, 16000}, :data:`LENGTHS`), or a 2-D map
  ``[1, H, W, C]`` (H, W {8, 10, 12, 16, 20, 24, 28, 32, 40, 49, 50, 64, 80, 96, 98,
  101, 128}, :data:`SIDES`); C {1, 1, 1, 2, 3} (:data:`IN_C`: 1 in 3 draws of 5);
* a first layer: CONV_2D to {4, 8, 12, 16, 20, 24, 30, 32, 40, 48, 50, 64, 70, 80, 90,
  96, 100, 128, 150, 180, 192} filters (:data:`FILTERS`), or (20 % where C = 1) a
  DEPTHWISE_CONV_2D with that depth multiplier; kernel extent per axis of length
  n > 1: the whole axis (30 %) or {1, 3, 5, 8, 10, 16, 20, 32, 40, 64, 80}
  (:data:`KERNELS`) capped at n, then cut to Vela's limits (height <= 64, height x
  width <= 4096); stride {1, 2, 3} along H, {1, 2, 3, 4} along W (4 only for a VALID
  CONV_2D on an even W, which Vela folds into the depth; Vela keeps a SAME one on the
  CPU); SAME or VALID; RELU or linear;
* (50 %) a MAX_POOL_2D or AVERAGE_POOL_2D, VALID, over both axes or one only
  (uniform), window {1, ..., 8} per pooled axis capped at its length, stride per axis
  the window, 1 or 2 (uniform), capped at 3 (Vela's pool limit);
* 0-4 layers, each one of (uniform): a 3x3, k x 1 or 1 x k (k {3, 5, 7, 9}) CONV_2D, a
  3x3 DEPTHWISE_CONV_2D, or a second long 1-D CONV_2D (k {8, 10, 12, 16}) along the
  map's longer axis; kernels capped at the map, {8, 16, 24, 32, 48, 64, 96, 128}
  filters (:data:`LAYER_FILTERS`), stride {1, 2} per axis longer than 1, SAME, RELU
  (80 %) or linear;
* a head: RESHAPE to ``[1, H W C]`` (a flatten) or MEAN over axes 1 and 2 (uniform;
  the flatten where an axis of the map is longer than 4,096: Vela keeps that MEAN on
  the CPU);
  (50 %) a FULLY_CONNECTED of {32, 64, 128} (RELU or linear); a FULLY_CONNECTED to {2,
  4, 10, 12, 35} classes; SOFTMAX (70 %).

A draw is redrawn (counted in ``meta["redraws"]``) while it has more than
:data:`MAX_OPS` operators, more than :data:`MAX_MACS` multiply-accumulates, or a
FULLY_CONNECTED with more than :data:`MAX_FC_INPUTS` inputs (Vela leaves it on the
CPU) or :data:`MAX_FC_WEIGHTS` weights. Vela 5.2 maps every form drawn here to the
Ethos-U55 and U65 NPUs, per-op cycles summing to the total (3 x 1,000 draws of seeds 0,
1 and 2 checked in session 29, 40 in ``tests/gnn/test_spaces_longk.py``). Two forms
of the first version were removed that way: a stride of 4 with SAME padding (Vela
keeps it on the CPU: "Stride>3 is only supported IF ... padding = VALID") and a MEAN
head on a map with an axis longer than 4,096 (a 1-D signal of 8,000 or 16,000).
200 draws of seed 0 hold 3-10 operators (median 7) and at most 48 M MACs (median
1.2 M), with 39 redraws in all.
"""

from __future__ import annotations

import math

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick, redraw_within
from jaxeff.tflite.ir import OpGraph

__all__ = ["CLASSES", "FILTERS", "HIDDEN", "IN_C", "KERNELS", "LAYERS", "LAYER_FILTERS",
           "LENGTHS", "MAX_FC_INPUTS", "MAX_FC_WEIGHTS", "MAX_MACS", "MAX_OPS", "SIDES",
           "longk"]

#: most operators of a draw
MAX_OPS = 30
#: most multiply-accumulates of a draw
MAX_MACS = 50_000_000
#: most inputs of one FULLY_CONNECTED (Vela 5.2 keeps a larger one on the CPU)
MAX_FC_INPUTS = 65_536
#: most weights of one FULLY_CONNECTED (int8 bytes)
MAX_FC_WEIGHTS = 2_000_000
#: Vela's conv kernel limits: height, height x width
KH_MAX, KHW_MAX = 64, 4096
#: Vela's longest axis of a map whose MEAN over axes 1, 2 it runs on the NPU
MEAN_AXIS_MAX = 4096
LENGTHS = (64, 100, 128, 200, 256, 400, 500, 512, 1000, 1024, 2000, 4000, 8000, 16000)
SIDES = (8, 10, 12, 16, 20, 24, 28, 32, 40, 49, 50, 64, 80, 96, 98, 101, 128)
IN_C = (1, 1, 1, 2, 3)
FILTERS = (4, 8, 12, 16, 20, 24, 30, 32, 40, 48, 50, 64, 70, 80, 90, 96, 100, 128, 150,
           180, 192)
KERNELS = (1, 3, 5, 8, 10, 16, 20, 32, 40, 64, 80)
LAYER_FILTERS = (8, 16, 24, 32, 48, 64, 96, 128)
LAYERS = ("conv3", "convk1", "conv1k", "dw3", "long")
HIDDEN = (32, 64, 128)
CLASSES = (2, 4, 10, 12, 35)


def _input(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    layout = pick(rng, ("1d_h", "1d_w", "2d"))
    c = pick(rng, IN_C)
    if layout == "2d":
        h, w = pick(rng, SIDES), pick(rng, SIDES)
    else:
        t = pick(rng, LENGTHS)
        h, w = (t, 1) if layout == "1d_h" else (1, t)
    return b.input((1, h, w, c)), {"layout": layout, "input": (h, w, c)}


def _extent(rng: np.random.Generator, n: int) -> int:
    """A long kernel extent along an axis of length ``n``: the whole axis (30 %) or
    one of :data:`KERNELS` capped at ``n``."""
    if n == 1:
        return 1
    return n if rng.random() < 0.3 else min(pick(rng, KERNELS), n)


def _first(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, dict]:
    _, h, w, c = b.shape(x)
    kh, kw = _extent(rng, h), _extent(rng, w)
    kh = min(kh, KH_MAX)
    kw = min(kw, KHW_MAX // kh)
    dw = c == 1 and rng.random() < 0.2
    pad, act, f = pick(rng, ("SAME", "VALID")), pick(rng, ("RELU", "NONE")), pick(rng, FILTERS)
    sh = pick(rng, (1, 2, 3)) if h > 1 else 1
    s4 = w % 2 == 0 and pad == "VALID" and not dw  # Vela folds a stride of 4 into depth
    sw = pick(rng, (1, 2, 3, 4) if s4 else (1, 2, 3)) if w > 1 else 1
    if dw:
        y = b.dwconv(x, (kh, kw), (sh, sw), act, pad, mult=f)
    else:
        y = b.conv(x, f, (kh, kw), (sh, sw), act, pad)
    return y, {"first": ("dw" if dw else "conv", (kh, kw), (sh, sw), pad, act, f)}


def _pool(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, tuple]:
    _, h, w, _ = b.shape(x)
    axes = pick(rng, ("hw", "h", "w"))
    kind = pick(rng, ("max", "avg"))
    k, s = [], []
    for a, n in (("h", h), ("w", w)):
        kk = min(int(rng.integers(1, 9)), n) if a in axes else 1
        k.append(kk)
        s.append(min(pick(rng, (kk, 1, 2)), kk, 3))
    return b.pool(x, kind, tuple(k), tuple(s), "VALID"), (kind, tuple(k), tuple(s))


def _layer(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    _, h, w, _ = b.shape(x)
    kind = pick(rng, LAYERS)
    if kind == "long":
        k = pick(rng, (8, 10, 12, 16))
        kh, kw = (k, 1) if h >= w else (1, k)
    elif kind in ("convk1", "conv1k"):
        k = pick(rng, (3, 5, 7, 9))
        kh, kw = (k, 1) if kind == "convk1" else (1, k)
    else:
        kh = kw = 3
    kh, kw = min(kh, h), min(kw, w)
    stride = (pick(rng, (1, 2)) if h > 1 else 1, pick(rng, (1, 2)) if w > 1 else 1)
    act = "RELU" if rng.random() < 0.8 else "NONE"
    if kind == "dw3":
        y = b.dwconv(x, (kh, kw), stride, act)
    else:
        y = b.conv(x, pick(rng, LAYER_FILTERS), (kh, kw), stride, act)
    return y, f"{kind}:{kh}x{kw}:s{stride[0]}{stride[1]}"


def _draw(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    b = NetBuilder(rng, "longk")
    x, meta = _input(b, rng)
    x, first = _first(b, rng, x)
    meta.update(first)
    meta["pool"] = None
    if rng.random() < 0.5:
        x, meta["pool"] = _pool(b, rng, x)
    layers = []
    for _ in range(int(rng.integers(0, 5))):
        x, tag = _layer(b, rng, x)
        layers.append(tag)
    head = pick(rng, ("flatten", "mean"))
    if max(b.shape(x)[1:3]) > MEAN_AXIS_MAX:
        head = "flatten"
    if head == "flatten":
        x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    else:
        x = b.mean(x, (1, 2), keep_dims=False)
    hidden = pick(rng, HIDDEN) if rng.random() < 0.5 else None
    if hidden:
        x = b.fc(x, hidden, pick(rng, ("RELU", "NONE")))
    y = b.fc(x, pick(rng, CLASSES))
    softmax = bool(rng.random() < 0.7)
    if softmax:
        y = b.softmax(y)
    meta.update(layers=tuple(layers), head=head, hidden=hidden, softmax=softmax)
    return b.finish([y]), meta


def _fc_sizes(g: OpGraph) -> tuple[int, int]:
    """Largest FULLY_CONNECTED input count and weight count of ``g``."""
    shapes = [g.tensors[op.inputs[1]].shape for op in g.ops
              if op.type == "FULLY_CONNECTED"]
    return max(s[1] for s in shapes), max(s[0] * s[1] for s in shapes)


def longk(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``longk`` space and its choices (module doc)."""
    def fc_fits(g: OpGraph) -> bool:
        fc_in, fc_w = _fc_sizes(g)
        return fc_in <= MAX_FC_INPUTS and fc_w <= MAX_FC_WEIGHTS

    return redraw_within("longk", rng, _draw, MAX_OPS, MAX_MACS, fc_fits)
