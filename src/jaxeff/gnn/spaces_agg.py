"""The ``agg`` space: aggregation blocks, shared and in-place CONCATENATIONs (issue 22,
session 24).

Why it exists: on held-out models Vela 5.2 copies a CONCATENATION's inputs when they
are shared (each intermediate map of a VoVNet OSA module feeds both the next
convolution and the final CONCATENATION), while a CONCATENATION whose inputs have no
other consumer is written in place and costs about nothing; and a standalone
LEAKY_RELU after a convolution (RetinaFace, YOLO) makes that convolution cost more (Vela
folds the LEAKY_RELU into it and books 0 cycles on the LEAKY_RELU itself: all 251 of a
12-graph label check, session 24). The older
training graphs barely hold the shared-input CONCATENATION, so a graph model cannot
learn it. This space draws aggregation blocks whose intermediate maps feed both the
next layer and a CONCATENATION (VoVNet OSA, YOLOv7 ELAN, DLA aggregation nodes,
dense blocks), beside a control whose CONCATENATION inputs have no other consumer
(Inception-like parallel branches), SPP pools, and fused, standalone or SiLU
activations. Families XVII (a test set) showed the gap, so this space is chosen after
seeing it and says so.

Every choice set below is ours [U]:

* input ``r x r x 3``, r in {32, 48, 64, 96, 128, 160}; a 3x3 stem convolution, stride 2
  (stride 1 at r = 32), 8 / 16 / 24 / 32 channels;
* 3 ... 7 stages; a stage opens with a stride-2 downsampling (a 3x3 stride-2
  convolution to the stage's width or a 2x2 max pool, half each) while the map is at
  least 8 pixels wide; the width grows x {1, 1.5, 2} per stage, multiples of 8 from 8
  to 128 channels; one or two blocks per stage, all of one kind:

  - ``osa`` (VoVNet one-shot aggregation): 2 ... 5 chained 3x3 convolutions of a
    quarter or half the width, a CONCATENATION of the block input (half the time) and
    every intermediate map, a 1x1 convolution; a residual ADD (VoVNetV2) half the time
    when the shapes allow;
  - ``elan`` (YOLOv7-tiny ELAN): two 1x1 branches of half the width from the input,
    2 ... 4 3x3 convolutions chained on one, a CONCATENATION of both branches, the last
    chained map and each earlier one (all of them half the time, else each with
    probability 1/2), a 1x1 convolution;
  - ``dla`` (DLA aggregation node): two basic-block children (3x3, 3x3 linear, ADD of
    the input or its 1x1 projection, activation), a CONCATENATION of both children and
    (half the time) the block input as a root input, a linear 1x1 convolution, an ADD
    of the last child, activation;
  - ``dense`` (DenseNet block without bottlenecks): 2 ... 4 layers, each a 3x3
    convolution of growth 8 / 16 / 24 / 32 whose output is concatenated onto the
    running CONCATENATION, then a 1x1 transition convolution;
  - ``inplace`` (the control, Inception-like): 2 ... 4 parallel branches drawn from
    1x1, 1x1 then 3x3, 1x1 then 5x5 and a 3x3 stride-1 max pool then 1x1, whose outputs
    feed only the CONCATENATION (so Vela can write it in place), a 1x1 convolution;

* an SPP block with probability 0.3 at the end of the last stage: a 1x1 convolution to
  half the width, then max pools 5 / 9 / 13 stride 1 SAME in parallel (SPP, YOLOv4) or
  three chained 5x5 pools (SPPF, YOLOv5), a CONCATENATION with the pools' input, a 1x1
  convolution;
* the activation of a graph: ``leaky`` (a standalone LEAKY_RELU 0.1 after every
  activated convolution), ``relu`` (fused RELU), ``silu`` (``x * LOGISTIC(x)``,
  :func:`jaxeff.gnn.spaces_silu.swish`) or ``mixed`` (one of the three per
  convolution), with probabilities 1/3, 1/4, 1/6, 1/4;
* the head: a classifier (MEAN, FULLY_CONNECTED to 10 / 100 / 1000, SOFTMAX), a
  detection-style 1x1 convolution to 18 / 85 / 255 channels, or a plain 1x1
  convolution to 8 / 16 / 32 channels, a third each.

Blocks beyond the first of the first three stages are left out when a graph could
otherwise pass 200 nodes (operators and input nodes, i.e. the builder's tensors, weights
included): each optional block needs room for itself, for the first blocks of the
stages up to the third still to come, and for the SPP block and the head. Only
operators Vela 5.2 maps fully to the NPU are drawn (CONV_2D, MAX_POOL_2D, LEAKY_RELU,
LOGISTIC, MUL, ADD, CONCATENATION along channels, MEAN, FULLY_CONNECTED, SOFTMAX).
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.gnn.spaces_silu import _round8, stem, swish
from jaxeff.tflite.ir import OpGraph

__all__ = ["AGG_ACTS", "AGG_BLOCKS", "AGG_HEADS", "agg"]

#: 4 : 3 : 2 : 3 = 1/3, 1/4, 1/6, 1/4
AGG_ACTS = ("leaky",) * 4 + ("relu",) * 3 + ("silu",) * 2 + ("mixed",) * 3
AGG_BLOCKS = ("osa", "elan", "dla", "dense", "inplace")
AGG_HEADS = ("classifier", "detect", "conv")
#: the most graph nodes a stage-opening downsampling (5) and one block add (a SiLU
#: ``inplace`` block with all four branches: 37), the SPP block (14) and the head (6)
#: add, and the node limit
_BLOCK_MAX, _TAIL, _LIMIT = 42, 20, 200


class _Net:
    """The builder, the generator and the graph's activation rule."""

    def __init__(self, b: NetBuilder, rng: np.random.Generator, act: str):
        self.b, self.rng, self.act = b, rng, act

    def activated(self, make, act: bool = True) -> int:
        """``make(fused)`` then the graph's activation (``act=False``: linear):
        fused RELU, a standalone LEAKY_RELU 0.1 or SiLU as LOGISTIC and MUL."""
        kind = self.act if act else "none"
        if kind == "mixed":
            kind = pick(self.rng, ("leaky", "relu", "silu"))
        y = make("RELU" if kind == "relu" else "NONE")
        if kind == "leaky":
            return self.b.leaky_relu(y, 0.1)
        return swish(self.b, y) if kind == "silu" else y

    def cv(self, x: int, c: int, k: int, s: int = 1, act: bool = True) -> int:
        """CONV_2D followed by the graph's activation."""
        return self.activated(lambda a: self.b.conv(x, c, k, s, a), act)

    def add(self, x: int, y: int) -> int:
        """Residual ADD followed by the graph's activation."""
        return self.activated(lambda a: self.b.add(x, y, a))

    def width(self, x: int) -> int:
        return self.b.shape(x)[-1]


def _osa(n: _Net, x: int, c: int) -> int:
    m = _round8(c * pick(n.rng, (0.25, 0.5)))
    keep_input = n.rng.random() < 0.5
    ys, y = [], x
    for _ in range(int(n.rng.integers(2, 6))):
        y = n.cv(y, m, 3)
        ys.append(y)
    out = n.cv(n.b.concat(([x] if keep_input else []) + ys), c, 1)
    if n.width(x) == c and n.rng.random() < 0.5:  # VoVNetV2 identity
        out = n.b.add(out, x)
    return out


def _elan(n: _Net, x: int, c: int) -> int:
    h = _round8(c / 2)
    a, p = n.cv(x, h, 1), n.cv(x, h, 1)
    chain, y = [], p
    for _ in range(int(n.rng.integers(2, 5))):
        y = n.cv(y, h, 3)
        chain.append(y)
    every = n.rng.random() < 0.5
    picked = [t for t in chain[:-1] if every or n.rng.random() < 0.5]
    return n.cv(n.b.concat([chain[-1], *picked[::-1], p, a]), c, 1)


def _basic(n: _Net, x: int, c: int) -> int:
    y = n.cv(n.cv(x, c, 3), c, 3, act=False)
    sc = x if n.width(x) == c else n.b.conv(x, c, 1)
    return n.add(y, sc)


def _dla(n: _Net, x: int, c: int) -> int:
    c1 = _basic(n, x, c)
    c2 = _basic(n, c1, c)
    root = [c2, c1] + ([x] if n.rng.random() < 0.5 else [])
    return n.add(n.b.conv(n.b.concat(root), c, 1), c2)


def _dense(n: _Net, x: int, c: int) -> int:
    g, cat = pick(n.rng, (8, 16, 24, 32)), x
    for _ in range(int(n.rng.integers(2, 5))):
        cat = n.b.concat([cat, n.cv(cat, g, 3)])
    return n.cv(cat, c, 1)


def _inplace(n: _Net, x: int, c: int) -> int:
    kinds = ("1x1", "3x3", "5x5", "pool")
    chosen = [k for k in kinds if n.rng.random() < 0.6]
    while len(chosen) < 2:
        chosen = sorted({*chosen, pick(n.rng, kinds)}, key=kinds.index)
    w = _round8(c / len(chosen))
    outs = []
    for kind in chosen:
        if kind == "pool":
            outs.append(n.cv(n.b.pool(x, "max", 3, 1, "SAME"), w, 1))
        elif kind == "1x1":
            outs.append(n.cv(x, w, 1))
        else:
            outs.append(n.cv(n.cv(x, _round8(w / 2), 1), w, 3 if kind == "3x3" else 5))
    return n.cv(n.b.concat(outs), c, 1)


_BLOCK = {"osa": _osa, "elan": _elan, "dla": _dla, "dense": _dense, "inplace": _inplace}


def _spp(n: _Net, x: int, c: int, kind: str) -> int:
    y = n.cv(x, _round8(c / 2), 1)
    if kind == "spp":
        pools = [n.b.pool(y, "max", k, 1, "SAME") for k in (5, 9, 13)]
    else:
        pools, p = [], y
        for _ in range(3):
            p = n.b.pool(p, "max", 5, 1, "SAME")
            pools.append(p)
    return n.cv(n.b.concat([y, *pools]), c, 1)


def _head(n: _Net, x: int, head: str) -> int:
    b = n.b
    if head == "classifier":
        return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False),
                              pick(n.rng, (10, 100, 1000))))
    return b.conv(x, pick(n.rng, (18, 85, 255) if head == "detect" else (8, 16, 32)), 1)


def agg(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``agg`` space and its choices (module doc)."""
    b = NetBuilder(rng, "agg")
    n, x, c, r, act, head = stem(b, rng, AGG_ACTS, AGG_HEADS, _Net)
    spp = pick(rng, ("spp", "sppf")) if rng.random() < 0.3 else None
    stages, kinds = int(rng.integers(3, 8)), []
    for i in range(stages):
        # an optional stage (after the third) only with room for one block and the tail
        if i >= 3 and len(b.tensors) + _BLOCK_MAX + _TAIL > _LIMIT:
            break
        kind = pick(rng, AGG_BLOCKS)
        kinds.append(kind)
        c = _round8(c * pick(rng, (1.0, 1.5, 2.0)))
        if min(b.shape(x)[1:3]) >= 8:
            x = (n.cv(x, c, 3, 2) if rng.random() < 0.5 else
                 b.pool(x, "max", 2, 2, "VALID"))
        for j in range(int(rng.integers(1, 3))):
            # a second block only with room left for the first blocks of stages 1 ... 3
            need = _BLOCK_MAX * (1 + max(0, 2 - i)) + _TAIL
            if j > 0 and len(b.tensors) + need > _LIMIT:
                break
            x = _BLOCK[kind](n, x, c)
    if spp:
        x = _spp(n, x, c, spp)
    out = _head(n, x, head)
    return b.finish([out]), {"res": r, "act": act, "head": head, "stages": len(kinds),
                             "blocks": tuple(kinds), "spp": spp}
