"""The ``bcast`` search space: element-wise operators whose operands broadcast
(issue 22, session 28, rule M).

Session 28 read on validation that our predictors badly underestimate Vela's cost of
element-wise operators whose two operands differ in shape, as keyword-spotting
networks such as BC-ResNet write them (a frequency-pooled ``[1, H, 1, C]`` map ADDed
back onto ``[1, H, W, C]``, a per-channel or per-row MUL): the other training spaces
hold almost only same-shape ADD / MUL / SUB. This space draws small convolutional
networks made of such broadcasts between real layers. One graph, drawn uniformly per
choice with the graph's generator (every choice set is ours [U]):

* input: a feature map ``[1, H, W, C]``, H {8, 12, 16, 24, 32, 48, 64}, W {4, 6, 10,
  16, 24, 32, 48}, C {1, 3, 8, 16};
* a stem: CONV_2D 3x3 SAME, stride {1, 2} per axis, to C1 {4, 6, 8, 10, 12, 16, 24,
  32, 40, 48, 64} (:data:`CHANNELS`) channels, RELU or linear;
* 2-8 blocks, each one of (uniform):

  - ``const``: ADD, MUL or SUB of the map ``[1, h, w, c]`` (first operand) and a
    float constant (second operand, quantized per tensor) of shape ``[1, 1, 1, c]``,
    ``[1, h, 1, c]``, ``[1, 1, w, c]``, ``[1, h, w, 1]`` or ``[1, h, w, c]``
    (:data:`CONST_SHAPES`);
  - ``pool``: MEAN over axis 1 or axis 2 (keep dims); then (50 %) a depthwise 3x1 /
    1x3 (along the kept axis) or a 1x1 CONV_2D (c channels) on the pooled map, SAME;
    then (50 %) a LOGISTIC; then ADD or MUL of the map (first) and the pooled map
    (second): a broadcast binary op between two activations;
  - ``gate``: LOGISTIC of the map, or (SE-like) of its MEAN over axes 1 and 2 kept as
    ``[1, 1, 1, c]``; then MUL of the map and the gate;
  - ``layer``: a 3x3 DEPTHWISE_CONV_2D, or a 1x1 or 3x3 CONV_2D to a channel count
    of :data:`CHANNELS`; stride 1, or 2 along H or along W where that axis is at
    least 4 (uniform over the allowed of the three); RELU or linear;

  with probability 0.3 a residual ADD of the block's input when its shape is the
  block output's;
* a head: MEAN over axes 1 and 2 (no kept dims), FULLY_CONNECTED to {2, 4, 10, 12,
  35} classes, SOFTMAX (70 %).

A draw is redrawn (counted in ``meta["redraws"]``) while it has more than
:data:`MAX_OPS` operators or more than :data:`MAX_MACS` multiply-accumulates (200 draws
of seed 0 held at most 28 operators and 18 M MACs: no redraw). Vela 5.2 maps every form
drawn here, every broadcast included, to the Ethos-U55 and U65 NPUs, per-op cycles
summing to the total (200 draws checked in session 28, 40 in
``tests/gnn/test_spaces_bcast.py``); no form had to be removed.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick, redraw_within
from jaxeff.tflite.ir import OpGraph

__all__ = ["BLOCKS", "CHANNELS", "CLASSES", "CONST_SHAPES", "IN_C", "IN_H", "IN_W",
           "MAX_MACS", "MAX_OPS", "bcast"]

#: most operators of a draw
MAX_OPS = 40
#: most multiply-accumulates of a draw
MAX_MACS = 50_000_000
IN_H = (8, 12, 16, 24, 32, 48, 64)
IN_W = (4, 6, 10, 16, 24, 32, 48)
IN_C = (1, 3, 8, 16)
CHANNELS = (4, 6, 8, 10, 12, 16, 24, 32, 40, 48, 64)
CLASSES = (2, 4, 10, 12, 35)
BLOCKS = ("const", "pool", "gate", "layer")
#: constant shapes of a ``const`` block: which of h, w, c the constant spans
CONST_SHAPES = ("11C", "H1C", "1WC", "HW1", "HWC")


def _act(rng: np.random.Generator) -> str:
    return pick(rng, ("RELU", "NONE"))


def _binary(b: NetBuilder, op: str, x: int, y: int) -> int:
    return {"ADD": b.add, "MUL": b.mul, "SUB": b.sub}[op](x, y)


def _const_block(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    _, h, w, c = b.shape(x)
    form = pick(rng, CONST_SHAPES)
    size = {"H": h, "W": w, "C": c}
    shape = (1, *(size[a] if a in form else 1 for a in "HWC"))
    op = pick(rng, ("ADD", "MUL", "SUB"))
    k = b.const(b.rng.standard_normal(shape).astype(np.float32))
    return _binary(b, op, x, k), f"const:{op}:{form}"


def _pool_block(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    c = b.shape(x)[3]
    axis = pick(rng, (1, 2))
    y = b.mean(x, (axis,), keep_dims=True)
    tag = f"pool:{axis}"
    if rng.random() < 0.5:
        if pick(rng, ("dw", "1x1")) == "dw":  # along the axis the MEAN kept
            y, tag = b.dwconv(y, (1, 3) if axis == 1 else (3, 1)), tag + ":dw"
        else:
            y, tag = b.conv(y, c, 1), tag + ":1x1"
    if rng.random() < 0.5:
        y, tag = b.act(y, "LOGISTIC"), tag + ":sig"
    op = pick(rng, ("ADD", "MUL"))
    return _binary(b, op, x, y), f"{tag}:{op}"


def _gate_block(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    se = bool(rng.random() < 0.5)
    g = b.act(b.mean(x, (1, 2), keep_dims=True) if se else x, "LOGISTIC")
    return b.mul(x, g), "gate:" + ("se" if se else "map")


def _layer_block(b: NetBuilder, rng: np.random.Generator, x: int) -> tuple[int, str]:
    _, h, w, _ = b.shape(x)
    strides = [(1, 1)] + [(2, 1)] * (h >= 4) + [(1, 2)] * (w >= 4)
    stride, act = pick(rng, strides), _act(rng)
    kind = pick(rng, ("dw3", "conv1", "conv3"))
    if kind == "dw3":
        y = b.dwconv(x, 3, stride, act)
    else:
        y = b.conv(x, pick(rng, CHANNELS), 1 if kind == "conv1" else 3, stride, act)
    return y, f"layer:{kind}:s{stride[0]}{stride[1]}"


_BLOCK = {"const": _const_block, "pool": _pool_block, "gate": _gate_block,
          "layer": _layer_block}


def _draw(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    b = NetBuilder(rng, "bcast")
    h, w, c = pick(rng, IN_H), pick(rng, IN_W), pick(rng, IN_C)
    stride = (pick(rng, (1, 2)), pick(rng, (1, 2)))
    c1 = pick(rng, CHANNELS)
    x = b.conv(b.input((1, h, w, c)), c1, 3, stride, _act(rng))
    blocks = []
    for _ in range(int(rng.integers(2, 9))):
        y, tag = _BLOCK[pick(rng, BLOCKS)](b, rng, x)
        if b.shape(y) == b.shape(x) and rng.random() < 0.3:
            y, tag = b.add(y, x), tag + "+res"
        x = y
        blocks.append(tag)
    y = b.fc(b.mean(x, (1, 2), keep_dims=False), pick(rng, CLASSES))
    softmax = bool(rng.random() < 0.7)
    if softmax:
        y = b.softmax(y)
    meta = {"input": (h, w, c), "stem": (stride, c1), "blocks": tuple(blocks),
            "softmax": softmax}
    return b.finish([y]), meta


def bcast(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``bcast`` space and its choices (module doc)."""
    return redraw_within("bcast", rng, _draw, MAX_OPS, MAX_MACS)
