"""Held-out families XXXIII, part b (session 29 addendum 2, pre-registered before being
built; issue 22): four published vision models (TinyNet-E at 106 x 106, RegNetY-200MF
at 224, EtinyNet-1.0 at 144, MobileNetV2 1.0 at 160).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
into the convolution before it, dropout left out at inference), reusing that module's
EfficientNet MBConv stages, MobileNet-v2 body and the grouped 3x3 convolution of
RegNetX-200MF (:mod:`jaxeff.gnn.heldout_nets_xxiv`). Test models. No training space
(:mod:`jaxeff.gnn.spaces` and its siblings) draws any of them in its exact
configuration; the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxiii_b.py``. Choices the sources leave open, and
whatever is recalled rather than read, are marked [U].

* :func:`tinynet_e`: TinyNet-E (Han et al., arXiv 2010.14819): EfficientNet-B0 at
  width 0.51, depth 0.6, resolution 106 (swish, squeeze-excite).
* :func:`regnety_200mf`: RegNetY-200MF (Radosavovic et al., arXiv 2003.13678): the
  RegNetX-200MF stages with a squeeze-excite gate in every block.
* :func:`etinynet_10`: EtinyNet-1.0 (Xu et al., AAAI 2022, arXiv 2204.08174 [U]):
  linear depthwise blocks (LB) and dense linear depthwise blocks (DLB).
* :func:`mobilenet_v2_keras`: MobileNetV2 1.0 (Sandler et al., arXiv 1801.04381) with
  the Keras head (MEAN, FC, SOFTMAX), here at 160 x 160.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (_div8, _gate, _mbv2_body, _resnet_head, _shortcut,
                                     _swish_net)
from jaxeff.gnn.heldout_nets_xxiv import REGNETX_200MF, REGNETX_GROUP_WIDTH, _group_conv
from jaxeff.gnn.spaces_families import EFFNET_B0, round_filters

__all__ = ["ETINYNET_10", "REGNETY_SE_RATIO", "TINYNET_E", "etinynet_10",
           "mobilenet_v2_keras", "regnety_200mf", "tinynet_e", "tinynet_stages"]

#: TinyNet-E's (resolution, width, depth) multipliers of EfficientNet-B0 (timm's
#: ``tinynet_e``, recalled [U]): 224 x 0.475 = 106 pixels
TINYNET_E = (0.475, 0.51, 0.60)


def tinynet_stages(width: float, depth: float) -> tuple:
    """EfficientNet-B0's MBConv stages (:data:`EFFNET_B0`) at ``width`` (EfficientNet's
    rounding to multiples of 8, :func:`round_filters`) and ``depth`` (each stage's
    repeats ``max(1, round(n depth))``, timm's ``depth_trunc='round'``), SE on."""
    return tuple((e, k, s, round_filters(c, width), max(1, round(n * depth)), True)
                 for e, k, s, c, n in EFFNET_B0)


def tinynet_e(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """TinyNet-E on ``x`` (``[1, 106, 106, 3]``); returns the SOFTMAX output.

    Han, Wang, Chen, Xu, Xu, Xu & Zhang, "Model Rubik's Cube: Twisting Resolution,
    Depth and Width for TinyNets", arXiv 2010.14819 (NeurIPS 2020), Table of TinyNet-A
    ... E: EfficientNet-B0 (:func:`jaxeff.gnn.heldout_nets.efficientnet_b0`: MBConv
    with squeeze-excite of ``C_in / 4`` channels, swish as LOGISTIC then MUL) shrunk by
    r = 0.475, w = 0.51, d = 0.6 (:data:`TINYNET_E`): stem 3x3/2 32 (kept, as the
    release's ``fix_stem``), 10 MBConv blocks of 8, 16, 24, 40 x 2, 56 x 2, 96 x 2, 160
    channels (repeats 1, 1, 1, 2, 2, 2, 1), head 1x1 1280 (``max(1280, 1280 w)``),
    MEAN, FC, SOFTMAX; 106 -> 53 -> 27 -> 14 -> 7 -> 4 pixels. 149 ops. This graph
    counts 24,356,848 MACs and 2,035,852 parameters (weights and biases, batch norm
    folded). Published (Table 3, recalled): 24 M FLOPs (multiply-adds) and 2.0 M
    parameters.

    [U] the multipliers are recalled from timm's ``tinynet_e`` (the brief's r = 0.51
    would give 114 pixels, not 106); the rounding of widths (EfficientNet's) and of
    depths (``round``, timm's ``depth_trunc='round'``) and the fixed 32-channel stem
    and 1280-channel head are the release's as recalled; SAME padding (TF-style).
    """
    return _swish_net(b, x, tinynet_stages(*TINYNET_E[1:]), classes)


#: RegNetY's squeeze-excite ratio (of the block's input width; pycls ``SE_R``)
REGNETY_SE_RATIO = 0.25


def regnety_200mf(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """RegNetY-200MF on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output.

    Radosavovic, Kosaraju, Girshick, He & Dollár, "Designing Network Design Spaces",
    arXiv 2003.13678 (RegNetY = RegNetX + squeeze-excite, Section 5; pycls'
    ``RegNetY-200MF``): stem 3x3/2 32 RELU; four stages of widths 24, 56, 152, 368 and
    depths 1, 1, 4, 7 (:data:`jaxeff.gnn.heldout_nets_xxiv.REGNETX_200MF`), stride 2
    on each stage's first block; each block a 1x1 conv RELU (bottleneck ratio 1), a
    grouped 3x3 conv of group width 8 RELU (3, 7, 19, 46 groups as SPLIT / CONV_2D /
    CONCATENATION, :func:`jaxeff.gnn.heldout_nets_xxiv._group_conv`), squeeze-excite
    (MEAN, 1x1 conv of ``round(0.25 w_in)`` RELU, 1x1 conv, LOGISTIC, MUL), 1x1 conv
    linear, ADD with the identity or a 1x1 projection, RELU fused; MEAN, FC, SOFTMAX.
    546 ops. This graph counts 199,514,080 MACs and 3,152,572 parameters (weights and
    biases, batch norm folded). Published (Figure / appendix table, recalled): 0.2
    GFLOPs (multiply-adds) and 3.2 M parameters (timm's ``regnety_002``: 3.16 M).

    [U] SE width from the block's input width ``w_in`` (pycls' ``w_se = round(w_in
    se_r)``, recalled: 8, 6, 14, 38, 38, 92 ...); grouped convs as SPLIT / CONV_2D /
    CONCATENATION (TFLite has no grouped CONV_2D that Vela maps); SAME padding; global
    pooling as MEAN.
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    for depth, w in REGNETX_200MF:
        for j in range(depth):
            s, w_in = (2 if j == 0 else 1), b.shape(x)[-1]
            h = _group_conv(b, b.conv(x, w, 1, 1, "RELU"), 3, s,
                            w // REGNETX_GROUP_WIDTH, "RELU")
            h = _gate(b, h, int(round(w_in * REGNETY_SE_RATIO)))
            x = b.add(b.conv(h, w, 1), _shortcut(b, x, w, s), "RELU")
    return _resnet_head(b, x, classes)


#: EtinyNet-1.0's stages (recalled [U]): (block kind, output channels of each block,
#: stride of the first block)
ETINYNET_10 = (("LB", (32, 32, 32, 32), 2), ("LB", (128, 128, 128, 128), 2),
               ("DLB", (192, 192, 192), 2), ("DLB", (256, 256, 512), 2))


def _lb(b: NetBuilder, x: int, cout: int, s: int) -> int:
    """A linear depthwise block: 3x3 depthwise (stride ``s``) without activation, 1x1
    pointwise to ``cout`` RELU, 3x3 depthwise RELU."""
    return b.dwconv(b.conv(b.dwconv(x, 3, s), cout, 1, 1, "RELU"), 3, 1, "RELU")


def _dlb(b: NetBuilder, x: int, cout: int, s: int) -> int:
    """A dense linear depthwise block: as :func:`_lb`, with the block input ADDed to the
    pointwise output (before its RELU) and to the output of the second depthwise conv
    together with the pointwise output (``RELU(dw(h) + h + x)``), where the shape is
    kept; else only ``RELU(dw(h) + h)`` [U]."""
    keep = s == 1 and b.shape(x)[-1] == cout
    h = b.conv(b.dwconv(x, 3, s), cout, 1, 1, "NONE" if keep else "RELU")
    if keep:
        h = b.add(h, x, "RELU")
    y = b.add(b.dwconv(h, 3), h, "NONE" if keep else "RELU")
    return b.add(y, x, "RELU") if keep else y


def etinynet_10(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EtinyNet-1.0 on ``x`` (``[1, 144, 144, 3]`` here); returns the SOFTMAX output.

    Xu, Li, Zhang & Wang (recalled), "EtinyNet: Extremely Tiny Network for TinyML",
    AAAI 2022 (arXiv 2204.08174 [U]), Table 1 as recalled (:data:`ETINYNET_10`): conv
    3x3/2 32 RELU; 4 LB of 32 (:func:`_lb`: depthwise linear - pointwise RELU -
    depthwise RELU), 4 LB of 128, 3 DLB of 192 (:func:`_dlb`), DLB of 256, 256, 512,
    each stage's first block carrying stride 2; MEAN, FC, SOFTMAX; 144 -> 72 -> 36 ->
    18 -> 9 -> 5 pixels. 58 ops. This graph counts 48,532,352 MACs (113,705,920 at 224
    x 224) and 957,544 parameters (weights and biases, batch norm folded). Published
    (recalled): 0.98 M parameters (-2.3 %) and 117 M multiply-adds, the latter at 224
    x 224 (this table gives 114 M there, -2.8 %).

    [U] the stage table is recalled, not read (widths, repeats, strides: they give the
    published parameters and, at 224, MACs within 3 %); the 144 x 144 input is the
    brief's (the published MACs fit 224); the dense connections of DLB (identity adds
    after the pointwise conv and around the second depthwise, none where the block
    changes shape, no projection shortcut); RELU (fused); global pooling as MEAN.
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    for kind, widths, stride in ETINYNET_10:
        for j, c in enumerate(widths):
            x = (_lb if kind == "LB" else _dlb)(b, x, c, stride if j == 0 else 1)
    return _resnet_head(b, x, classes)


def mobilenet_v2_keras(b: NetBuilder, x: int, width: float = 1.0,
                       classes: int = 1000) -> int:
    """MobileNetV2 with the Keras head on ``x`` (``[1, 160, 160, 3]`` for
    ``mobilenet_v2_1.0_160``); returns the SOFTMAX output.

    Sandler, Howard, Zhu, Zhmoginov & Chen, arXiv 1801.04381, Table 2: the stem and 17
    bottlenecks of :func:`jaxeff.gnn.heldout_nets._mbv2_body` (widths ``make_divisible``
    to 8; RELU6; linear projections; residual ADDs), conv 1x1 ``1280 max(1, width)``
    RELU6, then the Keras application's head: global average pooling (MEAN) and a
    dense layer of ``classes`` with softmax (FC, SOFTMAX) where
    :func:`jaxeff.gnn.heldout_nets.mobilenet_v2` writes Table 2's 1x1-conv classifier
    (equal MACs and parameters). 65 ops. At width 1 and 160 x 160 this graph counts
    154,083,200 MACs and 3,487,816 parameters (weights and biases, batch norm folded).
    Published (TF-slim MobileNet-v2 README, recalled): ``mobilenet_v2_1.0_160`` 154 M
    MACs and 3.47 M parameters (+0.5 %).

    [U] the Keras head rather than TF-slim's 1001-class 1x1 conv (1000 classes);
    SAME padding (Keras pads the strided convs with ZeroPadding2D and VALID, the same
    values on even maps).
    """
    x = b.conv(_mbv2_body(b, x, width)[0], _div8(1280 * max(1.0, width)), 1, 1, "RELU6")
    return _resnet_head(b, x, classes)
