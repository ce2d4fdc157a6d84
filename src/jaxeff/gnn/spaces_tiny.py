"""The ``tiny`` search space: microcontroller-scale networks of 1-12 operators
(issue 22, session 27, rule K).

The other training spaces hold few graphs this small: a handful of operators on a
single-channel spectrogram, a small image, a sensor window or a flat feature vector,
whose cost on the NPU is dominated by one wide first convolution or by the weight
stream of a large FULLY_CONNECTED after a flatten (the kinds of LeNet, TF speech
commands' models, Sainath & Parada's keyword-spotting CNNs, gesture and ECG CNNs).
One graph, drawn uniformly per choice (every choice set is ours [U]):

* input: a spectrogram ``[1, T, F, 1]`` (T {32, 49, 64, 98, 101, 124}, F {10, 13, 20,
  32, 40}), given as such or as a flat ``[1, T F]`` vector RESHAPEd to it (TF's
  fingerprint input); an image ``[1, S, S, C]`` (S {28, 32, 48, 64, 96}, C {1, 3}); a
  sensor window ``[1, 1, T, C]`` or ``[1, T, C, 1]`` (T {64, 128, 187, 256}, C {1, 3,
  6, 9}); or a flat vector ``[1, D]`` (D {64, 128, 250, 490, 640, 1024});
* a body (not for a flat vector) of 0-4 CONV_2D: kernel height {1, 3, 5, 8, 10, 20}
  and width {1, 3, 4, 5, 8} clipped to the map, stride {1, 2} per axis, {4, 8, 16,
  32, 48, 64, 128} filters, SAME or VALID, RELU (80 %) or
  linear; for a map of more than one channel a depthwise 3x3 + 1x1 pair instead (20
  %); after each, with probability 0.4, a MAX / AVERAGE pool of 2 or 3 (stride =
  size) where the map allows;
* a head: RESHAPE to ``[1, H W C]`` (a flatten; 80 %) or MEAN over the map; 0-3
  FULLY_CONNECTED of {16, 32, 64, 128, 256, 512} (RELU or linear); a last
  FULLY_CONNECTED to {2, 3, 4, 6, 10, 12} classes; SOFTMAX (80 %).

A draw is redrawn (counted in ``meta["redraws"]``) while it has more than
:data:`MAX_OPS` operators, more than :data:`MAX_MACS` multiply-accumulates or a
FULLY_CONNECTED weight above :data:`MAX_FC_WEIGHTS` (int8 bytes), keeping graphs
microcontroller-sized. Vela 5.2 maps every op drawn here to the Ethos-U NPU except a
FULLY_CONNECTED of more than 65,536 inputs (left on the CPU; the dataset builder
redraws such a graph, about 1 draw in 80).

The first version of these choice sets (session 27, never trained on) also held 94 and
186 filters, a kernel spanning the whole time axis, FC widths 100 and 300 and flat
inputs of 784 and 1,960: values of the test models named minutes before (families
XXVIII). They were removed before any predictor trained on the space
(``docs/evidence/perfsage-cpu-2026-12-06-s27/PREREGISTERED.md``, addendum 1).
"""

from __future__ import annotations

import math

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.gnn.graph import total_macs
from jaxeff.tflite.ir import OpGraph

__all__ = ["CLASSES", "FC_WIDTHS", "FILTERS", "FLAT_SIZES", "KERNEL_H", "KERNEL_W",
           "MAX_FC_WEIGHTS", "MAX_MACS", "MAX_OPS", "tiny"]

#: most operators of a draw
MAX_OPS = 12
#: most multiply-accumulates of a draw (cnn-trad-fpool3 has about 80 M)
MAX_MACS = 100_000_000
#: most weights of one FULLY_CONNECTED (int8 bytes)
MAX_FC_WEIGHTS = 4_000_000
FILTERS = (4, 8, 16, 32, 48, 64, 128)
FC_WIDTHS = (16, 32, 64, 128, 256, 512)
CLASSES = (2, 3, 4, 6, 10, 12)
FLAT_SIZES = (64, 128, 250, 490, 640, 1024)
KERNEL_H, KERNEL_W = (1, 3, 5, 8, 10, 20), (1, 3, 4, 5, 8)


def _input(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    kind = pick(rng, ("spectrogram", "image", "sensor", "flat"))
    if kind == "spectrogram":
        t, f = pick(rng, (32, 49, 64, 98, 101, 124)), pick(rng, (10, 13, 20, 32, 40))
        flat = bool(rng.random() < 0.3)  # TF's flat fingerprint, reshaped
        x = b.reshape(b.input((1, t * f)), (1, t, f, 1)) if flat else b.input((1, t, f, 1))
        return x, {"input": kind, "shape": (t, f), "flat": flat}
    if kind == "image":
        s, c = pick(rng, (28, 32, 48, 64, 96)), pick(rng, (1, 3))
        return b.input((1, s, s, c)), {"input": kind, "shape": (s, c)}
    if kind == "sensor":
        t, c = pick(rng, (64, 128, 187, 256)), pick(rng, (1, 3, 6, 9))
        layout = pick(rng, ("1xT", "Tx1"))
        shape = (1, 1, t, c) if layout == "1xT" else (1, t, c, 1)
        return b.input(shape), {"input": kind, "shape": (t, c), "layout": layout}
    d = pick(rng, FLAT_SIZES)
    return b.input((1, d)), {"input": kind, "shape": (d,)}


def _kernel(rng: np.random.Generator, h: int, w: int) -> tuple[int, int]:
    kh, kw = pick(rng, KERNEL_H), pick(rng, KERNEL_W)
    return min(kh, h), min(kw, w)


def _conv_layer(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    _, h, w, c = b.shape(x)
    act = "RELU" if rng.random() < 0.8 else "NONE"
    stride = (pick(rng, (1, 2)) if h > 1 else 1, pick(rng, (1, 2)) if w > 1 else 1)
    if c > 1 and rng.random() < 0.2:  # depthwise-separable pair
        kh, kw = min(3, h), min(3, w)
        x = b.dwconv(x, (kh, kw), stride, act)
        return b.conv(x, pick(rng, FILTERS), 1, 1, act), "dwsep"
    kh, kw = _kernel(rng, h, w)
    pad = pick(rng, ("SAME", "VALID"))
    return b.conv(x, pick(rng, FILTERS), (kh, kw), stride, act, pad), "conv"


def _pool(b: NetBuilder, rng: np.random.Generator, x: int) -> int:
    _, h, w, _ = b.shape(x)
    k = pick(rng, (2, 3))
    kh, kw = (k if h >= k else 1), (k if w >= k else 1)
    if kh == kw == 1:
        return x
    return b.pool(x, pick(rng, ("max", "avg")), (kh, kw), (kh, kw), "VALID")


def _draw(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    b = NetBuilder(rng, "tiny")
    x, meta = _input(b, rng)
    layers = []
    if meta["input"] != "flat":
        for _ in range(int(rng.integers(0, 5))):
            x, kind = _conv_layer(b, rng, x)
            if rng.random() < 0.4:
                x, kind = _pool(b, rng, x), kind + "+pool"
            layers.append(kind)
        if rng.random() < 0.8:
            x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
            meta["head"] = "flatten"
        else:
            x = b.mean(x, (1, 2), keep_dims=False)
            meta["head"] = "mean"
    fcs = [pick(rng, FC_WIDTHS) for _ in range(int(rng.integers(0, 4)))]
    for n in fcs:
        x = b.fc(x, n, "RELU" if rng.random() < 0.7 else "NONE")
    y = b.fc(x, pick(rng, CLASSES))
    softmax = rng.random() < 0.8
    if softmax:
        y = b.softmax(y)
    meta.update(layers=tuple(layers), fcs=tuple(fcs), softmax=softmax)
    return b.finish([y]), meta


def _sizes(g: OpGraph) -> tuple[int, int]:
    """(multiply-accumulates, :func:`jaxeff.gnn.graph.total_macs`; largest
    FULLY_CONNECTED weight count) of ``g``."""
    fc = [math.prod(g.tensors[op.inputs[1]].shape) for op in g.ops
          if op.type == "FULLY_CONNECTED"]
    return total_macs(g), max(fc, default=0)


def tiny(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``tiny`` space and its choices (module doc)."""
    for redraws in range(1000):
        g, meta = _draw(rng)
        macs, fc = _sizes(g)
        if len(g.ops) <= MAX_OPS and macs <= MAX_MACS and fc <= MAX_FC_WEIGHTS:
            return g, {**meta, "macs": macs, "redraws": redraws}
    raise RuntimeError("tiny: no draw within the size limits in 1000 tries")
