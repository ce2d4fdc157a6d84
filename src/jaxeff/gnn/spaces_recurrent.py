"""The ``recurrent`` search space: GRU keyword spotters and CRNNs, the GRU cell unrolled
into primitive TFLite ops (issue 22 item 3: "LSTM and GRU cells").

TFLite has no GRU builtin: a Keras ``GRU`` (Cho et al., arXiv 1406.1078; Keras'
``reset_after=True`` form) converted with unrolling becomes, per time step, two
FULLY_CONNECTED projections, SPLITs into the z / r / n gates, LOGISTIC / TANH and the
elementwise ADD / MUL / SUB of ``h' = n + z (h - n)`` (:meth:`NetBuilder.gru
<jaxeff.gnn.build.NetBuilder.gru>`). The LSTM of the ``edge`` space is a single
UNIDIRECTIONAL_SEQUENCE_LSTM op; this space adds the unrolled cells. One graph, drawn
uniformly per choice (all choice sets ours [U]):

* ``gru``: keyword-spotting classifiers on MFCC-like frames ``[1, T, F]``, T {4, 5, 6,
  8, 10}, F {10, 13, 20, 40};
* ``crnn``: "Hello Edge" CRNNs (Zhang et al., arXiv 1711.07128): a 10x4 VALID
  CONV_2D (RELU) on a ``[1, 49, F, 1]`` spectrogram, F {10, 20}, stride (4 | 5 | 8 in
  time, 1 | 2 in frequency), C {16, 32, 48} channels, RESHAPE to ``[1, T', F' C]``;
* then 1-2 GRU layers, H {16, 32, 48, 64, 96, 128} each, two only while ``T x layers
  <= 10`` (each step is ~14 ops, so a graph stays under the 200 graph nodes of
  :func:`jaxeff.gnn.spaces.sample`); the steps taken by one SPLIT on the time axis or
  by one STRIDED_SLICE each; a zero initial state (step 0's recurrent projection
  folded to constants) or the states as graph inputs (streaming models with external
  state);
* the last state, an optional FULLY_CONNECTED (RELU) {32, 64, 128}, then
  FULLY_CONNECTED to {4, 10, 12, 35} classes and SOFTMAX;
* random I/O boundaries (:func:`jaxeff.gnn.spaces_edge.io_choice`), as in ``edge``.

Vela 5.2 maps every op drawn here to the Ethos-U55 NPU.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.gnn.spaces_edge import io_choice
from jaxeff.tflite.ir import OpGraph

__all__ = ["recurrent"]

#: most unrolled steps over all layers (T x layers) of a two-layer draw
MAX_STEPS = 10


def _frames(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    t, f = pick(rng, (4, 5, 6, 8, 10)), pick(rng, (10, 13, 20, 40))
    return b.input((1, t, f)), {"kind": "gru", "input": (t, f)}


def _crnn_front(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    f = pick(rng, (10, 20))
    stride = (pick(rng, (4, 5, 8)), pick(rng, (1, 2)))
    c = pick(rng, (16, 32, 48))
    x = b.conv(b.input((1, 49, f, 1)), c, (10, 4), stride, "RELU", "VALID")
    _, t, w, _ = b.shape(x)
    return b.reshape(x, (1, t, w * c)), {"kind": "crnn", "input": (49, f),
                                         "stride": stride, "channels": c}


def recurrent(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``recurrent`` space and its choices (module doc)."""
    b = NetBuilder(rng, "recurrent")
    x, meta = (_frames if rng.random() < 0.5 else _crnn_front)(b, rng)
    t = b.shape(x)[1]
    layers = int(rng.integers(1, 3))
    layers = layers if t * layers <= MAX_STEPS else 1
    state, steps = pick(rng, ("zero", "input")), pick(rng, ("split", "slice"))
    hidden = [pick(rng, (16, 32, 48, 64, 96, 128)) for _ in range(layers)]
    seq: int | list[int] = x
    for i, h in enumerate(hidden):
        h0 = b.input((1, h)) if state == "input" else None
        seq = b.gru(seq, h, i < layers - 1, h0=h0, steps=steps)
    y = seq
    if rng.random() < 0.3:
        y = b.fc(y, pick(rng, (32, 64, 128)), "RELU")
    y = b.softmax(b.fc(y, pick(rng, (4, 10, 12, 35))))
    meta.update(steps=t, layers=layers, hidden=tuple(hidden), state=state,
                step_op=steps, io=io_choice(rng))
    return b.finish([y]), meta
