"""The ``edge`` search space: structures of published micro-controller models that the
other PerfSAGE spaces lack (issue 22 item 2).

PerfSAGE (Chai et al., arXiv 2301.10999) claims to predict "arbitrary" TFLite graphs;
its training spaces decide what that means in practice. Real converted models carry
structures none of :mod:`jaxeff.gnn.spaces` emits; this space adds them, each drawn
uniformly (choice sets are ours [U]):

* ``lstm``: keyword / MNIST-row style recurrent classifiers, one or two
  UNIDIRECTIONAL_SEQUENCE_LSTM layers (the integer 8x8_16 form, which Vela unrolls onto
  the NPU; Hochreiter & Schmidhuber 1997, TFLite's ``keras.layers.LSTM`` conversion),
  then RESHAPE, FULLY_CONNECTED and SOFTMAX;
* ``dwmult``: depthwise convolutions with depth multiplier > 1 applied to a
  one-channel input (the TFLM ``micro_speech`` front layer, "tiny_conv" of the
  TensorFlow speech-commands tutorial) or inside a small CNN, flattened into a wide
  FULLY_CONNECTED with few outputs;
* every graph gets random I/O boundaries (:func:`jaxeff.gnn.int8.with_io_boundary`):
  int8, uint8 (QUANTIZE, optionally rescaling raw 0..255 data) or float32 (QUANTIZE /
  DEQUANTIZE), as the TFLite converter emits them.

The sampler returns the float graph; :func:`jaxeff.gnn.spaces.sample` quantizes it and
adds the boundaries named in ``meta["io"]``.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["edge", "io_choice"]


def io_choice(rng: np.random.Generator) -> tuple[str, str, float | None]:
    """Random (input dtype, output dtype, uint8 input scale or None)."""
    din = pick(rng, ("int8", "uint8", "float32"))
    dout = pick(rng, ("int8", "uint8", "float32"))
    scale = 1.0 if din == "uint8" and rng.random() < 0.5 else None
    return din, dout, scale


def _lstm(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    t = pick(rng, (8, 16, 28, 32, 49))
    f = pick(rng, (8, 10, 13, 20, 28, 40))
    x = b.input((1, t, f))
    layers = int(rng.integers(1, 3))
    h = 0
    for _ in range(layers):
        h = pick(rng, (16, 20, 32, 48, 64, 96, 128))
        x = b.lstm(x, h)
    x = b.reshape(x, (1, t * h))
    if rng.random() < 0.3:
        x = b.fc(x, pick(rng, (32, 64, 128)), "RELU")
    x = b.softmax(b.fc(x, pick(rng, (4, 10, 12, 35))))
    return x, {"kind": "lstm", "steps": t, "features": f, "layers": layers}


def _dwmult(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    if rng.random() < 0.5:  # spectrogram, flat input reshaped (micro_speech style)
        t, f = pick(rng, ((49, 40), (49, 10), (98, 40), (25, 20), (49, 20)))
        x = b.reshape(b.input((1, t * f)), (1, t, f, 1))
    else:  # small image
        r = pick(rng, (28, 32, 48, 64, 96))
        x = b.input((1, r, r, pick(rng, (1, 3))))
    mult = pick(rng, (2, 4, 8, 16))
    k = pick(rng, ((10, 8), (3, 3), (5, 5), (8, 10), (10, 4)))
    x = b.dwconv(x, k, pick(rng, (1, 2)), "RELU", mult=mult)
    for _ in range(int(rng.integers(0, 3))):
        m2 = pick(rng, (1, 2))
        x = b.dwconv(x, 3, pick(rng, (1, 2)), "RELU", mult=m2)
        if rng.random() < 0.5:
            x = b.conv(x, pick(rng, (8, 16, 32, 64)), 1, 1, "RELU")
    if rng.random() < 0.4:
        x = b.pool(x, pick(rng, ("avg", "max")), 2, 2)
    while np.prod(b.shape(x)) > 16384:  # Vela's FC needs a bounded input width
        x = b.pool(x, "max", 2, 2)
    _, hh, ww, c = b.shape(x)
    x = b.reshape(x, (1, hh * ww * c))
    x = b.softmax(b.fc(x, pick(rng, (2, 4, 10, 12))))
    return x, {"kind": "dwmult", "mult": mult}


def edge(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``edge`` space and its choices (module doc)."""
    b = NetBuilder(rng, "edge")
    out, meta = (_lstm if rng.random() < 0.5 else _dwmult)(b, rng)
    meta["io"] = io_choice(rng)
    return b.finish([out]), meta
