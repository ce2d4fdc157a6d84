"""The ``silu`` space: SiLU as ``x * LOGISTIC(x)`` (issue 22, session 23 addendum 3).

Why it exists: YOLOv5 / YOLOv8 / EfficientNet write SiLU (swish) as ``x * LOGISTIC(x)``,
so a convolution's output feeds both the LOGISTIC and the MUL. Vela 5.2 cannot fuse a
LOGISTIC whose producer has a second consumer and runs it as a full pass (25 % of
YOLOv5n's cycles), while a LOGISTIC that is its producer's only consumer (squeeze-excite
gates, sigmoid heads) is fused into it and costs nothing. Session 19 found no training
graph with the shared case (the swish-like blocks of the older spaces use HARD_SWISH);
this space draws both cases, in varied contexts, so that a graph model can learn that
the cost of a LOGISTIC depends on its producer's other consumers. Families XVII (a test
set) showed the gap, so this space is chosen after seeing it and says so.

Every choice set below is ours [U]:

* input ``r x r x 3``, r in {32, 48, 64, 96, 128, 160}; a 3x3 stem convolution, stride 2
  (stride 1 at r = 32);
* 3 ... 8 stages; a stage opens with a stride-2 block while the map is at least 8 pixels
  wide, widths multiples of 8 from 8 to 128 channels;
* a stage's blocks are of one kind: ``conv`` (CONV_2D k in {1, 3, 5}, then optionally a
  YOLO bottleneck: 1x1, 3x3 and a residual ADD), ``dw`` (MBConv: optional 1x1
  expansion x {1, 2, 4}, DEPTHWISE_CONV_2D k in {3, 5}, optional squeeze-excite, linear
  1x1 projection, residual ADD when the shapes allow) or ``csp`` (YOLOv5 C3 / CSP: a
  3x3 convolution, two 1x1 branches, 1 ... 3 bottlenecks on one, CONCATENATION, 1x1);
* the activation of a graph is ``silu`` (every convolution followed by a LOGISTIC and a
  MUL with the convolution's output), ``mixed`` (SiLU or a fused RELU per convolution,
  half each), ``relu`` (fused RELU) or ``none`` (no activation), with probabilities
  2/5, 1/5, 1/5, 1/5: so the SiLU LOGISTIC is in some graphs only;
* squeeze-excite (with probability 0.3 per ``dw`` block): MEAN, 1x1 convolution to a
  quarter of the block input's channels (a multiple of 8), the graph's activation, 1x1
  convolution, LOGISTIC as its producer's only consumer, MUL broadcast over the map
  (EfficientNet);
* the head: a classifier (MEAN, FULLY_CONNECTED to 10 / 100 / 1000, SOFTMAX), a sigmoid
  head (1x1 convolution to 1 / 3 / 18 / 85 channels, LOGISTIC as its only consumer: the
  YOLO objectness / class maps) or a plain 1x1 convolution, a third each.

Stages after the third, and second blocks, are left out once a graph holds 135 nodes
(operators and input nodes; the first three stages' blocks are kept room for), so
graphs stay within the 200-node limit. Only operators Vela 5.2 maps fully to the NPU
are drawn (CONV_2D, DEPTHWISE_CONV_2D, LOGISTIC, MUL, ADD, CONCATENATION, MEAN,
FULLY_CONNECTED, SOFTMAX).
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.tflite.ir import OpGraph

__all__ = ["SILU_ACTS", "SILU_BLOCKS", "SILU_HEADS", "silu", "stem", "swish"]

SILU_ACTS = ("silu", "silu", "mixed", "relu", "none")
SILU_BLOCKS = ("conv", "dw", "csp")
SILU_HEADS = ("classifier", "sigmoid", "conv")
#: graph nodes (operators + input nodes = the builder's tensors) before an optional
#: block; a block adds at most 54 (a SiLU CSP block with three bottlenecks), a head 6
_BUDGET, _BLOCK_MAX = 135, 54


def swish(b: NetBuilder, x: int) -> int:
    """SiLU / swish ``x * sigmoid(x)`` as LOGISTIC then MUL: ``x``'s producer gets a
    second consumer, so Vela cannot fuse the LOGISTIC into it."""
    return b.mul(x, b.act(x, "LOGISTIC"))


def stem(b: NetBuilder, rng: np.random.Generator, acts, heads, net):
    """The opening the ``silu`` and ``agg`` spaces share [U]: r in {32, ..., 160}, the
    graph's activation and head, the ``r x r x 3`` input and a 3x3 convolution of 8 / 16
    / 24 / 32 channels, stride 2 (1 at r = 32). ``net(b, rng, act)`` makes the space's
    convolution helper; returns ``(net, x, c, r, act, head)``."""
    r = pick(rng, (32, 48, 64, 96, 128, 160))
    act, head = pick(rng, acts), pick(rng, heads)
    n = net(b, rng, act)
    x = b.input((1, r, r, 3))
    c = pick(rng, (8, 16, 24, 32))
    return n, n.cv(x, c, 3, 1 if r == 32 else 2), c, r, act, head


def _round8(x: float) -> int:
    return int(min(128, max(8, round(x / 8) * 8)))


class _Net:
    """The builder, the generator and the graph's activation rule."""

    def __init__(self, b: NetBuilder, rng: np.random.Generator, act: str):
        self.b, self.rng, self.act = b, rng, act

    def cv(self, x: int, c: int, k: int, s: int = 1, act: bool = True) -> int:
        """CONV_2D followed by the graph's activation (``act=False``: linear)."""
        return self._after(lambda a: self.b.conv(x, c, k, s, a), act)

    def dw(self, x: int, k: int, s: int = 1) -> int:
        return self._after(lambda a: self.b.dwconv(x, k, s, a), True)

    def _after(self, make, act: bool) -> int:
        kind = self.act if act else "none"
        if kind == "mixed":
            kind = pick(self.rng, ("silu", "relu"))
        y = make("RELU" if kind == "relu" else "NONE")
        return swish(self.b, y) if kind == "silu" else y

    def bottleneck(self, x: int, e: float = 1.0) -> int:
        """YOLO bottleneck: 1x1, 3x3, residual ADD (Jocher et al., YOLOv5)."""
        c = self.b.shape(x)[-1]
        y = self.cv(self.cv(x, _round8(c * e), 1), c, 3)
        return self.b.add(x, y)

    def se(self, x: int, cin: int) -> int:
        """Squeeze-excite: MEAN, 1x1, activation, 1x1, fused LOGISTIC, broadcast MUL."""
        c = self.b.shape(x)[-1]
        g = self.cv(self.b.mean(x, (1, 2), keep_dims=True), _round8(cin / 4), 1)
        g = self.b.act(self.b.conv(g, c, 1), "LOGISTIC")
        return self.b.mul(x, g)


def _conv_block(n: _Net, x: int, c: int, s: int) -> int:
    k = pick(n.rng, (1, 3, 5)) if s == 1 else pick(n.rng, (3, 5))
    x = n.cv(x, c, k, s)
    if n.rng.random() < 0.5:
        x = n.bottleneck(x, pick(n.rng, (0.5, 1.0)))
    return x


def _dw_block(n: _Net, x: int, c: int, s: int) -> int:
    cin = n.b.shape(x)[-1]
    e = pick(n.rng, (1, 2, 4))
    y = n.cv(x, _round8(cin * e), 1) if e > 1 else x
    y = n.dw(y, pick(n.rng, (3, 5)), s)
    if n.rng.random() < 0.3:
        y = n.se(y, cin)
    y = n.cv(y, c, 1, act=False)
    return n.b.add(x, y) if s == 1 and cin == c else y


def _csp_block(n: _Net, x: int, c: int, s: int) -> int:
    x = n.cv(x, c, 3, s)
    h = _round8(c / 2)
    a, p = n.cv(x, h, 1), n.cv(x, h, 1)
    for _ in range(int(n.rng.integers(1, 4))):
        a = n.bottleneck(a) if n.rng.random() < 0.7 else n.cv(n.cv(a, h, 1), h, 3)
    return n.cv(n.b.concat([a, p]), c, 1)


_BLOCK = {"conv": _conv_block, "dw": _dw_block, "csp": _csp_block}


def _head(n: _Net, x: int, head: str) -> int:
    b = n.b
    if head == "classifier":
        return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False),
                              pick(n.rng, (10, 100, 1000))))
    y = b.conv(x, pick(n.rng, (1, 3, 18, 85)) if head == "sigmoid" else
               pick(n.rng, (8, 16, 32)), 1)
    return b.act(y, "LOGISTIC") if head == "sigmoid" else y


def silu(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``silu`` space and its choices (module doc)."""
    b = NetBuilder(rng, "silu")
    n, x, c, r, act, head = stem(b, rng, SILU_ACTS, SILU_HEADS, _Net)
    stages, kinds = int(rng.integers(3, 9)), []
    for i in range(stages):
        if i >= 3 and len(b.tensors) > _BUDGET:
            break
        kind = pick(rng, SILU_BLOCKS)
        kinds.append(kind)
        c = _round8(c * pick(rng, (1.0, 1.5, 2.0)))
        for j in range(int(rng.integers(1, 3))):
            # a second block only with room left for the first blocks of stages 1 ... 3
            if j > 0 and len(b.tensors) + _BLOCK_MAX * max(0, 2 - i) > _BUDGET:
                break
            s = 2 if j == 0 and min(b.shape(x)[1:3]) >= 8 else 1
            x = _BLOCK[kind](n, x, c, s)
    out = _head(n, x, head)
    return b.finish([out]), {"res": r, "act": act, "head": head, "stages": len(kinds),
                             "blocks": tuple(kinds)}
