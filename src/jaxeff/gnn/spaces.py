"""Four search spaces of random INT8 networks, emitted as TFLite op graphs.

PerfSAGE (arXiv 2301.10999) trains on EdgeDLPerf, DNNs sampled from task search
spaces (not public); spec perfsage.md §5.3 fixes four small stand-ins, sampled
uniformly per choice (the exact choice sets are our design [U]):

* ``mbconv``: MobileNetV2 / EfficientNet inverted residuals with optional SE;
* ``resnet``: basic or bottleneck residual blocks;
* ``dscnn``: DS-CNN keyword spotting (ARM-software/ML-KWS-for-MCU anchors);
* ``sesr``: collapsed SESR-like super-resolution (no DEPTH_TO_SPACE, CPU-only on
  Ethos-U).

Issue 22 adds two families of published architectures with random multipliers (our
choice sets [U]), to cover structures real models use and the four spaces lack:

* ``mobilenet``: MobileNet-v1 (arXiv 1704.04861) / v2 (arXiv 1801.04381) with random
  width multiplier, resolution and depth, explicit PAD before some stride-2 depthwise
  convolutions, two-branch CONCATENATION blocks, and either the v1 head (AVERAGE_POOL,
  1x1 logits conv, RESHAPE, SOFTMAX) or MEAN + FULLY_CONNECTED;
* ``kws``: the ML-KWS-for-MCU keyword-spotting family (arXiv 1711.07128): DNN (stacked
  FULLY_CONNECTED), CNN (two convolutions, RESHAPE, linear + dense FC layers) and DS-CNN,
  on a flat MFCC input reshaped to T x F, with random widths.

Issue 22 item 2 adds ``edge`` (:mod:`jaxeff.gnn.spaces_edge`): integer LSTMs, depthwise
multipliers > 1 and QUANTIZE / DEQUANTIZE boundaries with uint8 / float32 I/O, and
``upsample`` (:mod:`jaxeff.gnn.spaces_upsample`): super-resolution nets with
TRANSPOSE_CONV and UNet-like encoder-decoders with RESIZE_NEAREST / BILINEAR.
``families`` (:mod:`jaxeff.gnn.spaces_families`) draws EfficientNet-Lite, the MLPerf
Tiny ResNet-8 and the visual-wake-words MobileNet-v1 with random multipliers;
``detect`` (:mod:`jaxeff.gnn.spaces_detect`) SSDLite heads on MobileNet-v2 /
ShuffleNet-v2 backbones (RESHAPE to boxes, CONCATENATION, SPLIT, STRIDED_SLICE crops);
``recurrent`` (:mod:`jaxeff.gnn.spaces_recurrent`) GRU keyword spotters and CRNNs (GRU
cells unrolled into FULLY_CONNECTED, SPLIT, LOGISTIC / TANH, ADD / MUL / SUB).
``shuffle`` (:mod:`jaxeff.gnn.spaces_shuffle`): ShuffleNet-v2 classifiers with the
channel shuffle (RESHAPE, TRANSPOSE, RESHAPE), random width, resolution, depth and I/O.
``plain`` (:mod:`jaxeff.gnn.spaces_plain`, session 19): VGG, Darknet / Tiny-YOLO and
DenseNet-BC stacks with megabytes of weights, standalone RELU / RELU6 / LEAKY_RELU and
CONCATENATION chains.
``silu`` (:mod:`jaxeff.gnn.spaces_silu`, session 23 addendum 3): SiLU written
``x * LOGISTIC(x)`` (a LOGISTIC whose producer has a second consumer, unfused in Vela)
beside squeeze-excite gates and sigmoid heads (a LOGISTIC fused into its only producer).
``agg`` (:mod:`jaxeff.gnn.spaces_agg`, session 24): VoVNet OSA, ELAN, DLA and dense
aggregation blocks whose intermediate maps feed both the next layer and a CONCATENATION
(inputs Vela copies) beside Inception-like branches that feed only theirs (written in
place), SPP pools, and fused RELU, standalone LEAKY_RELU or SiLU activations.
``tiny`` (:mod:`jaxeff.gnn.spaces_tiny`, session 27, rule K): microcontroller networks
of 1-12 operators (single-channel spectrogram / image / sensor convolutions, flatten and
FULLY_CONNECTED heads, MLPs on flat vectors).
``bcast`` (:mod:`jaxeff.gnn.spaces_bcast`, session 28, rule M): ADD / MUL / SUB whose
operands broadcast (per-channel, per-row, per-column and per-position constants, axis
MEANs added or multiplied back, LOGISTIC and squeeze-excite gates) between convolutions.
``longk`` (:mod:`jaxeff.gnn.spaces_longk`, session 29, rule N): long-kernel first
convolutions (up to a whole axis, strides up to 4) on 1-D signals and 2-D maps of 1-3
channels, optional one-axis pools, a few ordinary layers and flatten / MEAN heads.
``dil`` (:mod:`jaxeff.gnn.spaces_dil`, session 29, rule O): dilated CONV_2D and
DEPTHWISE_CONV_2D at rates up to 128 on 1-D sequences and 2-D maps (causal / explicit PAD
or SAME, residual stacks whose rate doubles, WaveNet-like TANH x LOGISTIC gates).

:func:`sample` draws one float graph, calibrates it in LiteRT and returns the
INT8 graph; graphs with more than ``max_nodes`` graph nodes (ops + input nodes,
the faithful readout's 200 slots) are resampled and the rejections counted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from jaxeff.gnn.build import NetBuilder, pick
from jaxeff.gnn.graph import node_features
from jaxeff.gnn.int8 import calibrate, quantize_int8, with_io_boundary
from jaxeff.gnn.spaces_agg import agg
from jaxeff.gnn.spaces_bcast import bcast
from jaxeff.gnn.spaces_detect import detect
from jaxeff.gnn.spaces_dil import dil
from jaxeff.gnn.spaces_edge import edge
from jaxeff.gnn.spaces_families import families
from jaxeff.gnn.spaces_plain import plain
from jaxeff.gnn.spaces_recurrent import recurrent
from jaxeff.gnn.spaces_shuffle import shuffle
from jaxeff.gnn.spaces_silu import silu
from jaxeff.gnn.spaces_ext import ext
from jaxeff.gnn.spaces_longk import longk
from jaxeff.gnn.spaces_tiny import tiny
from jaxeff.gnn.spaces_upsample import upsample
from jaxeff.tflite.ir import OpGraph

#: spaces quantized with one range per CONCATENATION (``quantize_int8``'s
#: ``same_scale_concat``; the older spaces keep their published graphs)
SAME_SCALE_CONCAT = ("upsample", "detect", "shuffle", "plain", "ext", "silu", "agg")
SPACES = ("mbconv", "resnet", "dscnn", "sesr", "mobilenet", "kws", "edge", "upsample",
          "families", "detect", "recurrent", "shuffle", "plain", "ext", "silu", "agg",
          "tiny", "bcast", "longk", "dil")


def _round8(x: float) -> int:
    return max(8, int(round(x / 8)) * 8)


def _act(b: NetBuilder, x: int, act: str) -> int:
    return b.act(x, act) if act in ("HARD_SWISH", "PRELU") else x


def _fused(act: str) -> str:
    return act if act in ("RELU", "RELU6") else "NONE"


def mbconv(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """MobileNetV2 / EfficientNet-like classifier (spec §5.3 row 1)."""
    b = NetBuilder(rng, "mbconv")
    res = pick(rng, (32, 48, 64, 96, 128, 160))
    act = pick(rng, ("RELU", "RELU6", "HARD_SWISH"))
    w = pick(rng, (0.25, 0.35, 0.5, 0.75, 1.0))
    x = b.input((1, res, res, 3))
    c = pick(rng, (8, 16, 24, 32))
    x = _act(b, b.conv(x, c, 3, 2, _fused(act)), act)
    n_stages = int(rng.integers(3, 7))
    for i in range(n_stages):
        cout = _round8(w * (16, 24, 32, 64, 96, 160, 320)[i])
        stride = pick(rng, (1, 2))
        for j in range(int(rng.integers(1, 5))):
            s = stride if j == 0 else 1
            e, k = pick(rng, (1, 3, 4, 6)), pick(rng, (3, 5, 7))
            h = x
            if e > 1:
                h = _act(b, b.conv(h, c * e, 1, 1, _fused(act)), act)
            h = _act(b, b.dwconv(h, k, s, _fused(act)), act)
            if rng.random() < 0.3:  # squeeze-and-excitation
                se = b.mean(h, (1, 2), keep_dims=True)
                se = _act(b, b.conv(se, max(1, int(c * 0.25)), 1, 1, _fused(act)), act)
                se = b.act(b.conv(se, c * e, 1), "LOGISTIC")
                h = b.mul(h, se)
            h = b.conv(h, cout, 1)
            x = b.add(x, h) if s == 1 and c == cout else h
            c = cout
    head = pick(rng, (256, 512, 1024, 1280))
    x = _act(b, b.conv(x, head, 1, 1, _fused(act)), act)
    x = b.mean(x, (1, 2), keep_dims=False)
    x = b.softmax(b.fc(x, pick(rng, (10, 100, 1000))))
    return b.finish([x]), {"res": res, "act": act, "width": w, "stages": n_stages}


def resnet(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """ResNet-like classifier with basic or bottleneck blocks (spec §5.3 row 2)."""
    b = NetBuilder(rng, "resnet")
    res = pick(rng, (32, 64, 96, 128))
    x = b.input((1, res, res, 3))
    c = pick(rng, (8, 16, 32, 64))
    if res <= 64:
        x = b.conv(x, c, 3, 1, "RELU")
    else:
        x = b.pool(b.conv(x, c, 7, 2, "RELU"), "max", 3, 2, "SAME")
    block = pick(rng, ("basic", "bottleneck"))
    n_stages = int(rng.integers(2, 5))
    cin = c
    for i in range(n_stages):
        width = c * 2**i
        for j in range(int(rng.integers(1, 5))):
            s = 2 if (i > 0 and j == 0) else 1
            cout = width * (4 if block == "bottleneck" else 1)
            if block == "basic":
                h = b.conv(b.conv(x, width, 3, s, "RELU"), width, 3)
            else:
                h = b.conv(x, width, 1, 1, "RELU")
                h = b.conv(b.conv(h, width, 3, s, "RELU"), cout, 1)
            sc = b.conv(x, cout, 1, s) if (s != 1 or cin != cout) else x
            x, cin = b.add(h, sc, "RELU"), cout
    x = b.mean(x, (1, 2), keep_dims=False)
    x = b.fc(x, pick(rng, (10, 100, 200)))
    return b.finish([x]), {"res": res, "block": block, "stages": n_stages}


def dscnn(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """DS-CNN keyword-spotting network (spec §5.3 row 3)."""
    b = NetBuilder(rng, "dscnn")
    t, f = (
        (49, 10)
        if rng.random() < 0.5
        else (pick(rng, (25, 49, 98)), pick(rng, (10, 20, 40)))
    )
    x = b.input((1, t, f, 1))
    k = pick(rng, ((10, 4), (3, 3), (5, 5)))
    s = pick(rng, ((2, 2), (2, 1), (1, 1)))
    c = pick(rng, (32, 64, 96, 128, 172, 276))
    x = b.conv(x, c, k, s, "RELU")
    n = int(rng.integers(1, 7))
    first = pick(rng, (1, 2))
    for i in range(n):
        x = b.dwconv(x, 3, first if i == 0 else 1, "RELU")
        x = b.conv(x, c, 1, 1, "RELU")
    _, h, w, _ = b.shape(x)
    x = b.pool(x, "avg", (h, w), 1, "VALID")
    x = b.softmax(b.fc(x, 12))
    return b.finish([x]), {"input": (t, f), "channels": c, "blocks": n}


def sesr(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """Collapsed SESR-like super-resolution network (spec §5.3 row 4)."""
    b = NetBuilder(rng, "sesr")
    h, w = pick(rng, ((32, 32), (64, 64), (90, 160), (180, 320)))
    scale, m = pick(rng, (2, 4)), int(rng.integers(1, 12))
    f, act = pick(rng, (8, 16, 24, 32)), pick(rng, ("RELU", "PRELU"))
    k1, k2 = pick(rng, (3, 5)), pick(rng, (3, 5))
    x = b.input((1, h, w, 1))
    first = _act(b, b.conv(x, f, k1, 1, _fused(act)), act)
    y = first
    for _ in range(m):
        y = _act(b, b.conv(y, f, 3, 1, _fused(act)), act)
    y = b.add(y, first)
    y = b.conv(y, scale * scale, k2)
    y = b.add(y, x)  # broadcast the LR input over the s^2 channels
    return b.finish([y]), {"lr": (h, w), "scale": scale, "m": m, "f": f, "act": act}


def _branch_concat(b: NetBuilder, x: int, c: int) -> int:
    """Two-branch block: 1x1 conv || (3x3 depthwise, 1x1 conv), concatenated to ``c``
    channels (``c >= 16``, a multiple of 8)."""
    half = _round8(c / 2)
    a = b.conv(x, half, 1, 1, "RELU6")
    d = b.conv(b.dwconv(x, 3, 1, "RELU6"), c - half, 1, 1, "RELU6")
    return b.concat([a, d], -1)


def _dw_stride(b: NetBuilder, rng: np.random.Generator, x: int, s: int) -> int:
    """3x3 depthwise (RELU6); stride 2 with an explicit PAD + VALID half the time."""
    if s == 2 and rng.random() < 0.5:
        x = b.pad(x, [(0, 0), (0, 1), (0, 1), (0, 0)])
        return b.dwconv(x, 3, 2, "RELU6", padding="VALID")
    return b.dwconv(x, 3, s, "RELU6")


def mobilenet(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """MobileNet-v1 / v2 family with random multipliers (module doc)."""
    b = NetBuilder(rng, "mobilenet")
    version = pick(rng, ("v1", "v2"))
    res = pick(rng, (96, 128, 160, 192, 224))
    alpha = pick(rng, (0.25, 0.35, 0.5, 0.75, 1.0))
    x = b.input((1, res, res, 3))
    c = _round8(32 * alpha)
    x = b.conv(x, c, 3, 2, "RELU6")
    p_cat = pick(rng, (0.0, 0.2))
    if version == "v1":
        mid = int(rng.integers(1, 6))  # the 512-channel stride-1 blocks (5 in v1)
        plan = ([(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
                + [(512, 1)] * mid + [(1024, 2), (1024, 1)])
        for cout, s in plan:
            co = _round8(alpha * cout)
            if s == 1 and co >= 16 and rng.random() < p_cat:
                x = _branch_concat(b, x, co)
            else:
                x = b.conv(_dw_stride(b, rng, x, s), co, 1, 1, "RELU6")
            c = co
    else:
        for t, cout, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                              (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)):
            co = _round8(alpha * cout)
            for j in range(max(1, n + int(rng.integers(-1, 1)))):
                st = s if j == 0 else 1
                if st == 1 and j > 0 and co >= 16 and rng.random() < p_cat:
                    h = _branch_concat(b, x, co)
                else:
                    h = b.conv(x, c * t, 1, 1, "RELU6") if t > 1 else x
                    h = b.conv(_dw_stride(b, rng, h, st), co, 1, 1)
                x = b.add(x, h) if st == 1 and c == co else h
                c = co
        x = b.conv(x, _round8(1280 * max(1.0, alpha)), 1, 1, "RELU6")
    classes = pick(rng, (10, 100, 1000, 1001))
    _, h, w, _ = b.shape(x)
    if rng.random() < 0.5:  # v1 head
        x = b.conv(b.pool(x, "avg", (h, w), 1, "VALID"), classes, 1)
        x = b.reshape(x, (1, classes))
    else:
        x = b.fc(b.mean(x, (1, 2), keep_dims=False), classes)
    x = b.softmax(x)
    return b.finish([x]), {"version": version, "res": res, "alpha": alpha}


def kws(rng: np.random.Generator) -> tuple[OpGraph, dict]:
    """ML-KWS-for-MCU DNN / CNN / DS-CNN family with random widths (module doc)."""
    b = NetBuilder(rng, "kws")
    kind = pick(rng, ("dnn", "cnn", "dscnn"))
    t, f = (49, 10) if rng.random() < 0.6 else (pick(rng, (25, 49, 98)), pick(rng, (10, 20, 40)))
    x = b.input((1, t * f))
    if kind == "dnn":
        for _ in range(int(rng.integers(2, 5))):
            x = b.fc(x, pick(rng, (64, 128, 144, 256, 436)), "RELU")
    elif kind == "cnn":
        x = b.reshape(x, (1, t, f, 1))
        x = b.conv(x, pick(rng, (28, 32, 48, 60, 64)), (10, 4), 1, "RELU", "VALID")
        x = b.conv(x, pick(rng, (16, 30, 40, 64, 76)), (10, 4), pick(rng, (1, 2)), "RELU",
                   "VALID")
        _, h, w, c = b.shape(x)
        x = b.reshape(x, (1, h * w * c))
        x = b.fc(x, pick(rng, (16, 32, 58, 64)))
        x = b.fc(x, pick(rng, (64, 128, 256)), "RELU")
    else:
        x = b.reshape(x, (1, t, f, 1))
        c = pick(rng, (64, 128, 172, 276))
        x = b.conv(x, c, (10, 4), pick(rng, ((2, 2), (1, 1))), "RELU")
        for _ in range(int(rng.integers(2, 6))):
            x = b.conv(b.dwconv(x, 3, 1, "RELU"), c, 1, 1, "RELU")
        _, h, w, _ = b.shape(x)
        x = b.reshape(b.pool(x, "avg", (h, w), 1, "VALID"), (1, c))
    x = b.softmax(b.fc(x, 12))
    return b.finish([x]), {"kind": kind, "input": (t, f)}


SAMPLERS: dict[str, Callable[[np.random.Generator], tuple[OpGraph, dict]]] = {
    "mbconv": mbconv,
    "resnet": resnet,
    "dscnn": dscnn,
    "sesr": sesr,
    "mobilenet": mobilenet,
    "kws": kws,
    "edge": edge,
    "upsample": upsample,
    "families": families,
    "detect": detect,
    "recurrent": recurrent,
    "shuffle": shuffle,
    "plain": plain,
    "ext": ext,
    "silu": silu,
    "agg": agg,
    "tiny": tiny,
    "bcast": bcast,
    "longk": longk,
    "dil": dil,
}


@dataclasses.dataclass
class Sample:
    """One sampled network: int8 and float graphs, its choices, rejected draws."""

    space: str
    graph: OpGraph
    float_graph: OpGraph
    meta: dict
    rejected: int


def num_nodes(g: OpGraph) -> int:
    """Graph nodes PerfSAGE sees: ops plus input nodes (spec §2.1)."""
    return len(node_features(g)[2]) + len(g.ops)


def sample(
    space: str,
    rng: np.random.Generator,
    *,
    max_nodes: int = 200,
    max_tries: int = 100,
    calib_seed: int = 0,
) -> Sample:
    """Draw one INT8 network of ``space`` with at most ``max_nodes`` nodes."""
    if space not in SAMPLERS:
        raise ValueError(f"unknown search space {space!r}; choose from {SPACES}")
    for tries in range(max_tries):
        g, meta = SAMPLERS[space](rng)
        if num_nodes(g) <= max_nodes:
            q = quantize_int8(g, calibrate(g, seed=calib_seed, samples=1),
                              same_scale_concat=space in SAME_SCALE_CONCAT)
            if "io" in meta:  # the edge space's I/O boundaries (spaces_edge)
                q = with_io_boundary(q, *meta["io"])
            return Sample(space, q, g, meta, tries)
    raise RuntimeError(
        f"{space}: no graph with <= {max_nodes} nodes in {max_tries} draws"
    )
