"""The ``dil`` search space: dilated convolutions (issue 22, session 29, rule O).

Session 29 read on validation (a temporal convolutional network) that every predictor
underestimates Vela's cost of dilated convolutions 2.5-4 x: Vela 5.2 runs a rate d > 2
by writing the kernel out densely at rate d / 2 (even d, the hardware's rate 2 doing
the rest) or d (odd), so at equal MACs its cost grows about linearly with d. The other
spaces hold few such forms (``ext``'s dilated kernels span at most 33 steps). This space
draws small networks of dilated CONV_2D / DEPTHWISE_CONV_2D at rates up to 128. One
graph, drawn uniformly per choice with the graph's generator (every choice set is ours
[U]):

* input (:data:`LAYOUTS`, 1-D along W twice as often: only there do rates reach 128):
  a sequence ``[1, T, 1, C]`` or ``[1, 1, T, C]`` (T {32, 50, 64, 100, 128, 200, 256,
  400, 500, 512, 1000, 1024, 2000, 2048}, :data:`LENGTHS`; C {1, 8, 16, 25, 32, 40, 64},
  :data:`SEQ_C`) or a map ``[1, H, W, C]`` (H, W {8, 12, 16, 20, 24, 28, 32, 40, 48, 56,
  64, 80, 96}, :data:`SIDES`; C {3, 8, 16, 21, 32, 64}, :data:`MAP_C`);
* a stem CONV_2D, SAME, kernel 1 or 3 (along time for 1-D; k x k or k x 1 for 2-D), to
  {8, 16, 24, 25, 32, 48, 64, 96, 128} filters (:data:`WIDTHS`), RELU or linear;
* a body of 2-10 layers (50 %) or 2-10 residual blocks (50 %). Each layer: a CONV_2D
  (70 %; to a width of :data:`WIDTHS`) or a DEPTHWISE_CONV_2D (30 %), kernel {2, 3, 5, 7}
  (:data:`KERNELS`) along time (1-D) or k x k, k x 1 or 1 x k (2-D), capped at the map,
  stride 1, rate (on the kernel's axes longer than 1) uniform among {1, 2, 4, 8, 16, 32,
  64, 128} (:data:`DILATIONS`) whose dilated extent (k - 1) d + 1 fits the map and Vela's
  limits (height <= 64, height x width <= 4,096; :func:`vela_extent_ok`); padding: a
  causal PAD (1-D only: (k - 1) d steps before the sequence) or a symmetric explicit PAD,
  then VALID, or SAME (uniform; the map's size is kept); RELU or linear, or (25 %) a
  gate TANH(conv) x LOGISTIC(conv) (two convolutions of that form, MUL), as WaveNet
  layers do. A residual stack fixes one kernel; block i has rate 2^i (restarting at 1
  past the largest that fits), its output width the input's (70 %) or one of
  :data:`WIDTHS`, and is ADDed to the block input (through a 1x1 CONV_2D where the
  widths differ);
* a head: MEAN over axes 1, 2 and a FULLY_CONNECTED to {2, 10, 12, 35} classes
  (:data:`CLASSES`), or (uniform with it) the last step (STRIDED_SLICE, RESHAPE to
  ``[1, C]``) and that FULLY_CONNECTED for 1-D, or a 1x1 CONV_2D to {10, 21} channels
  (:data:`DENSE_OUT`, a dense output) for 2-D; SOFTMAX (70 %).

A draw is redrawn (counted in ``meta["redraws"]``) while it has more than
:data:`MAX_OPS` operators or more than :data:`MAX_MACS` multiply-accumulates (Vela's
dense-kernel work at rates > 2 is not counted there). Vela 5.2 maps every form drawn
here to the Ethos-U55 and U65 NPUs, per-op cycles summing to the total (2 x 400 draws of
seeds 0 and 1 checked in session 29, 30 in ``tests/gnn/test_spaces_dil.py``); no form
had to be removed. Vela's dilated-kernel limits (height <= 64, height x width <= 4,096)
are kept by construction, so a rate of 128 is drawn on ``[1, 1, T, C]`` sequences only,
64 there and on 1 x k kernels of 2-D maps. 200 draws of seed 0 hold 5-40 operators (median 21) and at most 55 M MACs (median
8.5 M), with 76 redraws in all; 146 of them have a rate >= 8, 62 >= 32, 27 >= 64.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick, redraw_within
from jaxeff.tflite.ir import OpGraph

__all__ = ["CLASSES", "DENSE_OUT", "DILATIONS", "KERNELS", "LAYOUTS", "LENGTHS", "MAP_C", "MAX_MACS",
           "MAX_OPS", "SEQ_C", "SIDES", "WIDTHS", "dil", "vela_extent_ok"]

#: most operators of a draw
MAX_OPS = 40
#: most multiply-accumulates of a draw
MAX_MACS = 60_000_000
#: Vela 5.2's dilated kernel limits: height, height x width
EH_MAX, EHW_MAX = 64, 4096
#: 1-D along H (Vela caps the dilated height at 64) or W (rates up to 128), 2-D
LAYOUTS = ("1d_h", "1d_w", "1d_w", "2d")
LENGTHS = (32, 50, 64, 100, 128, 200, 256, 400, 500, 512, 1000, 1024, 2000, 2048)
SEQ_C = (1, 8, 16, 25, 32, 40, 64)
SIDES = (8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96)
MAP_C = (3, 8, 16, 21, 32, 64)
WIDTHS = (8, 16, 24, 25, 32, 48, 64, 96, 128)
KERNELS = (2, 3, 5, 7)
DILATIONS = (1, 2, 4, 8, 16, 32, 64, 128)
CLASSES = (2, 10, 12, 35)
DENSE_OUT = (10, 21)


def vela_extent_ok(k: tuple[int, int], d: tuple[int, int], h: int, w: int) -> bool:
    """The dilated kernel ``k`` at rate ``d`` fits an ``h x w`` map and Vela's limits."""
    eh, ew = (k[0] - 1) * d[0] + 1, (k[1] - 1) * d[1] + 1
    return eh <= min(h, EH_MAX) and ew <= w and eh * ew <= EHW_MAX


def _rates(k: tuple[int, int], h: int, w: int) -> list[int]:
    """The rates of :data:`DILATIONS` (on the kernel's axes longer than 1) that fit."""
    def dd(d):
        return (d if k[0] > 1 else 1, d if k[1] > 1 else 1)
    return [d for d in DILATIONS if vela_extent_ok(k, dd(d), h, w)]


def _input(b: NetBuilder, rng: np.random.Generator) -> tuple[int, dict]:
    layout = pick(rng, LAYOUTS)
    if layout == "2d":
        h, w, c = pick(rng, SIDES), pick(rng, SIDES), pick(rng, MAP_C)
    else:
        t, c = pick(rng, LENGTHS), pick(rng, SEQ_C)
        h, w = (t, 1) if layout == "1d_h" else (1, t)
    return b.input((1, h, w, c)), {"layout": layout, "input": (h, w, c)}


def _along(layout: str, k: int, shape: str = "kxk") -> tuple[int, int]:
    """A kernel of extent ``k`` along the time axis (1-D) or ``shape`` (2-D)."""
    if layout == "1d_h":
        return (k, 1)
    if layout == "1d_w":
        return (1, k)
    return {"kxk": (k, k), "kx1": (k, 1), "1xk": (1, k)}[shape]


def _stem(b: NetBuilder, rng: np.random.Generator, x: int, layout: str) -> tuple[int, tuple]:
    k = pick(rng, (1, 3))
    kk = _along(layout, k, pick(rng, ("kxk", "kx1")))
    f, act = pick(rng, WIDTHS), pick(rng, ("RELU", "NONE"))
    return b.conv(x, f, kk, 1, act), (kk, f, act)


class _Unit:
    """One dilated layer's choices: op type, kernel, rates, padding, activation."""

    def __init__(self, rng, layout, k, d, cout, res):
        self.dw = bool(rng.random() < 0.3)
        self.k, self.d, self.cout = k, d, cout
        self.pad = pick(rng, ("causal", "explicit", "same") if layout != "2d"
                        else ("explicit", "same"))
        self.gated = bool(rng.random() < 0.25)
        self.act = "NONE" if self.gated else pick(rng, ("RELU", "NONE"))
        self.layout, self.res = layout, res

    def tag(self) -> tuple:
        return ("dw" if self.dw else "conv", self.k, self.d, self.pad,
                "gated" if self.gated else self.act, self.res)


def _dconv(b: NetBuilder, u: _Unit, x: int, act: str) -> int:
    if u.dw:
        return b.dwconv(x, u.k, 1, act, "SAME" if u.pad == "same" else "VALID",
                        dilation=u.d)
    return b.conv(x, u.cout, u.k, 1, act, "SAME" if u.pad == "same" else "VALID",
                  dilation=u.d)


def _emit(b: NetBuilder, u: _Unit, x: int) -> int:
    """The unit's layer on ``x`` (the map's size kept): PAD + VALID or SAME, then one
    dilated conv (fused activation) or a gate TANH(conv) * LOGISTIC(conv)."""
    eh, ew = (u.k[0] - 1) * u.d[0] + 1, (u.k[1] - 1) * u.d[1] + 1
    if u.pad == "causal":
        ph, pw = ((eh - 1, 0), (0, 0)) if u.layout == "1d_h" else ((0, 0), (ew - 1, 0))
        x = b.pad(x, ((0, 0), ph, pw, (0, 0)))
    elif u.pad == "explicit":
        x = b.pad(x, ((0, 0), ((eh - 1) // 2, eh // 2), ((ew - 1) // 2, ew // 2), (0, 0)))
    if not u.gated:
        return _dconv(b, u, x, u.act)
    return b.mul(b.act(_dconv(b, u, x, "NONE"), "TANH"),
                 b.act(_dconv(b, u, x, "NONE"), "LOGISTIC"))


def _rate(rng, k, h, w) -> tuple[int, int]:
    d = pick(rng, _rates(k, h, w))
    return (d if k[0] > 1 else 1, d if k[1] > 1 else 1)


def _body(b: NetBuilder, rng: np.random.Generator, x: int, layout: str) -> tuple[int, dict]:
    _, h, w, _ = b.shape(x)
    stack = bool(rng.random() < 0.5)
    n = int(rng.integers(2, 11))
    units = []
    if stack:  # residual blocks whose rate doubles (1, 2, 4, ...), restarting at 1
        k = _along(layout, pick(rng, KERNELS), pick(rng, ("kxk", "kx1", "1xk")))
        k = (min(k[0], h), min(k[1], w))
        rates, i = _rates(k, h, w), 0
        for _ in range(n):
            if i >= len(rates):
                i = 0
            d = (rates[i] if k[0] > 1 else 1, rates[i] if k[1] > 1 else 1)
            c = b.shape(x)[-1]
            cout = c if rng.random() < 0.7 else pick(rng, WIDTHS)
            u = _Unit(rng, layout, k, d, cout, True)
            y = _emit(b, u, x)
            if b.shape(y)[-1] != c:
                x = b.conv(x, b.shape(y)[-1], 1)
            x = b.add(x, y)
            units.append(u.tag())
            i += 1
    else:
        for _ in range(n):
            k = _along(layout, pick(rng, KERNELS), pick(rng, ("kxk", "kx1", "1xk")))
            k = (min(k[0], h), min(k[1], w))
            cout = pick(rng, WIDTHS)
            u = _Unit(rng, layout, k, _rate(rng, k, h, w), cout, False)
            x = _emit(b, u, x)
            units.append(u.tag())
    return x, {"stack": stack, "layers": tuple(units)}


def _head(b: NetBuilder, rng: np.random.Generator, x: int, layout: str) -> tuple[int, dict]:
    _, h, w, c = b.shape(x)
    head = pick(rng, ("mean", "dense" if layout == "2d" else "last"))
    if head == "dense":
        y = b.conv(x, pick(rng, DENSE_OUT), 1)
    else:
        if head == "mean":
            x = b.mean(x, (1, 2), keep_dims=False)
        else:
            x = b.strided_slice(x, (0, h - 1, w - 1, 0), (1, h, w, c))
            x = b.reshape(x, (1, c))
        y = b.fc(x, pick(rng, CLASSES))
    softmax = bool(rng.random() < 0.7)
    if softmax:
        y = b.softmax(y)
    return y, {"head": head, "softmax": softmax}


def _draw(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    b = NetBuilder(rng, "dil")
    x, meta = _input(b, rng)
    x, meta["stem"] = _stem(b, rng, x, meta["layout"])
    x, body = _body(b, rng, x, meta["layout"])
    y, head = _head(b, rng, x, meta["layout"])
    return b.finish([y]), {**meta, **body, **head}


def dil(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """One float graph of the ``dil`` space and its choices (module doc)."""
    return redraw_within("dil", rng, _draw, MAX_OPS, MAX_MACS)
