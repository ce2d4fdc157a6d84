"""Held-out families XXXII, part b (session 29, pre-registered before being built;
issue 22): four small published vision models (ESPCN x3 super-resolution at 100 x 100,
DenseNet-40 with k = 12 and the BinaryConnect / BinaryNet VGG-small on CIFAR-10,
TinyissimoYOLO at 88 x 88).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
into the convolution before it where one is, dropout left out at inference). Test
models. No training space (:mod:`jaxeff.gnn.spaces` and its siblings, ``plain``,
``tiny``, ``agg``, ``bcast``, ``sesr`` and ``upsample`` included) draws any of them in
its exact configuration; the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxii_b.py``. Choices the sources leave open are marked
[U].

* :func:`espcn_x3`: ESPCN (Shi et al., arXiv 1609.05158) for x3 on the luminance
  channel, 100 x 100 in, 300 x 300 out, the sub-pixel shuffle a DEPTH_TO_SPACE (Vela
  5.2 runs it on the CPU).
* :func:`densenet40_k12_cifar`: DenseNet (L = 40, k = 12) for CIFAR-10 (Huang et al.,
  arXiv 1608.06993), no bottleneck, no compression; each pre-activation batch norm a
  per-channel MUL and ADD (RELU fused).
* :func:`tinyissimo_yolo`: TinyissimoYOLO (Moosmann et al., arXiv 2306.00001) on 88 x
  88 x 3: five 3x3 convs with 2x2 max pools, two fully connected layers to a 4 x 4 x
  (2 x 5 + 3) YOLOv1-style output (the layer table recalled, uncertain).
* :func:`binarynet_vgg_cifar`: the CIFAR-10 VGG-small of BinaryConnect (arXiv
  1511.00363) / BinaryNet (arXiv 1602.02830), (2 x 128C3)-MP2-(2 x 256C3)-MP2-(2 x
  512C3)-MP2-(2 x 1024FC)-10, as a plain int8 network (not binarized [U]).

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import math

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["ESPCN_SCALE", "TINYISSIMO_GRID", "binarynet_vgg_cifar", "bn_relu",
           "densenet40_k12_cifar", "espcn_x3", "tinyissimo_yolo"]

#: ESPCN's upscaling factor r
ESPCN_SCALE = 3


def espcn_x3(b: NetBuilder, x: int) -> int:
    """ESPCN x3 on ``x`` (``[1, 100, 100, 1]``, the luminance channel); returns the
    DEPTH_TO_SPACE output ``[1, 300, 300, 1]``.

    Shi et al., arXiv 1609.05158, Section 3 (the network of the experiments, l = 3):
    conv 5x5 64, TANH; conv 3x3 32, TANH; conv 3x3 of r^2 = 9 channels (linear); the
    periodic shuffle (sub-pixel convolution layer) as DEPTH_TO_SPACE with block 3. 6
    ops: 3 CONV_2D, 2 TANH, DEPTH_TO_SPACE. This graph counts 226,240,000 MACs
    (10,000 LR pixels x 22,624) and 22,729 parameters (1,664 + 18,464 + 2,601). The
    paper states no parameter or MAC count (recalled); its weights are those of (f1,
    n1) = (5, 64), (f2, n2) = (3, 32), f3 = 3 at r = 3, exact by construction.

    [U] a 100 x 100 LR input (a 300 x 300 output: the keras.io ESPCN example's x3
    crops of BSDS500, 300 // 3 = 100; the paper's 17 x 17 training patches are too
    small, its 1080p videos too large for an Ethos-U test); SAME padding so the output
    is exactly 3x the input (the paper's padding is not stated); TANH as standalone
    ops after the convs (what the TFLite converter writes: its int8 kernels fuse only
    RELU-type activations); DEPTH_TO_SPACE in TF's DCR order (with one output channel
    the same as PyTorch's PixelShuffle); no clipping of the output.
    """
    r = ESPCN_SCALE
    y = b.act(b.conv(x, 64, 5), "TANH")
    y = b.act(b.conv(y, 32, 3), "TANH")
    return b.depth_to_space(b.conv(y, r * r * b.shape(x)[-1], 3), r)


#: DenseNet-40's layers per dense block ((L - 4) / 3) and growth rate k
DENSENET40_LAYERS, DENSENET40_GROWTH = 12, 12


def bn_relu(b: NetBuilder, x: int, shape4: bool = False) -> int:
    """A batch norm that cannot be folded (its input is a CONCATENATION), then RELU:
    MUL by a per-channel scale ``[C]``, ADD of a per-channel shift ``[C]`` with the
    RELU fused (the TFLite converter's lowering of an unfoldable batch norm). Scales
    positive (``|N(1, 0.2)|``), shifts ``N(0, 0.1)``; ``shape4``: the constants as
    ``[1, 1, 1, C]`` (the same draws)."""
    c = (1, 1, 1, b.shape(x)[-1]) if shape4 else b.shape(x)[-1]
    scale = np.abs(1 + 0.2 * b.rng.standard_normal(c)).astype(np.float32)
    shift = (0.1 * b.rng.standard_normal(c)).astype(np.float32)
    return b.add(b.mul(x, b.const(scale)), b.const(shift), "RELU")


def densenet40_k12_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """DenseNet-40 (k = 12) on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    Huang, Liu, van der Maaten & Weinberger, arXiv 1608.06993, Section 3 and the
    CIFAR implementation details (Section 4.2): conv 3x3 of 16; three dense blocks
    of 12 layers, each BN-ReLU-conv 3x3 of k = 12 whose output is concatenated onto
    the block's map (16 -> 160, 160 -> 304, 304 -> 448 channels at 32, 16, 8
    pixels); between blocks a transition BN-ReLU-conv 1x1 keeping the channels
    (no compression) and a 2x2 average pool; BN-ReLU, global average pool (MEAN), FC
    ``classes``, SOFTMAX. 40 layers: 1 + 36 + 2 convs and the FC. 158 ops: 39
    CONV_2D, 39 MUL, 39 ADD, 36 CONCATENATION, 2 AVERAGE_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 264,812,928 MACs and 1,020,634
    parameters: 997,136 conv weights, 4,490 FC, 18,096 batch-norm scales and shifts
    (the paper's model, 1,019,722) and 912 conv biases the builder adds. Published
    (Table 2): 1.0 M parameters (+2.1 %); Liu et al. (Network Slimming, arXiv
    1708.06519, Table 1, recalled): 1.02 M parameters and 5.33e8 FLOPs, i.e. 266.5 M
    multiply-adds (-0.6 %).

    [U] each pre-activation batch norm (on a CONCATENATION, so not foldable into the
    conv before it) as :func:`bn_relu`, a MUL and an ADD with the RELU fused, rather
    than folding its scale into the next conv (valid only for positive scales; the
    converter does not); the convs with a bias (the paper's have none; NetBuilder
    writes one); global pooling as MEAN; average pools VALID (even maps); dropout left
    out.
    """
    k = DENSENET40_GROWTH
    x = b.conv(x, 16, 3)
    for i in range(3):
        for _ in range(DENSENET40_LAYERS):
            x = b.concat([x, b.conv(bn_relu(b, x), k, 3)])
        if i < 2:
            x = b.pool(b.conv(bn_relu(b, x), b.shape(x)[-1], 1), "avg", 2, 2)
    x = b.mean(bn_relu(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))


#: TinyissimoYOLO's output: grid S, boxes per cell B, classes C [U]
TINYISSIMO_GRID = (4, 2, 3)


def tinyissimo_yolo(b: NetBuilder, x: int) -> int:
    """TinyissimoYOLO on ``x`` (``[1, 88, 88, 3]``); returns the YOLOv1-style output
    ``[1, S, S, B * 5 + C]`` = ``[1, 4, 4, 13]``.

    Moosmann, Giordano, Vogt & Magno, arXiv 2306.00001 (AICAS 2023), the network
    table as recalled: five 3x3 SAME convs of 16, 32, 64, 128 and 128 with RELU, each
    followed by a 2x2 / 2 max pool (88 -> 44 -> 22 -> 11 -> 5 -> 2), flatten (2 x 2 x
    128 = 512), FC 256 RELU, FC S x S x (5B + C) = 208 (linear), RESHAPE to the grid.
    14 ops: 5 CONV_2D, 5 MAX_POOL_2D, 2 RESHAPE, 2 FULLY_CONNECTED. This graph counts
    33,979,392 MACs and 429,808 parameters. Published (abstract): 422 k parameters
    (+1.8 %); no MAC count recalled (the abstract's 106 MAC / cycle at up to 180 fps
    on the MAX78000 puts it near 30 M).

    [U] the layer table is recalled, not read: the widths, the fifth conv, the hidden
    FC of 256 and the pools' count are the recall (they give the published 422 k
    within 2 %); S = 4, B = 2, C = 3 (the paper demonstrates up to 3 classes); RELU
    (the MAX78000 has no leaky ReLU); batch norm folded; floor pooling (11 -> 5); the
    output RESHAPEd to ``[1, S, S, 5B + C]`` (the FC's 208 values in that order).
    """
    s, nb, nc = TINYISSIMO_GRID
    for c in (16, 32, 64, 128, 128):
        x = b.pool(b.conv(x, c, 3, 1, "RELU"), "max", 2, 2)
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(b.fc(x, 256, "RELU"), s * s * (5 * nb + nc))
    return b.reshape(x, (1, s, s, 5 * nb + nc))


def binarynet_vgg_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The BinaryConnect / BinaryNet CIFAR-10 VGG-small on ``x`` (``[1, 32, 32, 3]``);
    returns the SOFTMAX output ``[1, classes]``.

    Courbariaux, Bengio & David, arXiv 1511.00363, Section 3.3 (and Courbariaux,
    Hubara et al., arXiv 1602.02830, Section 2.5): (2 x 128C3) - MP2 - (2 x 256C3) -
    MP2 - (2 x 512C3) - MP2 - (2 x 1024FC) - 10, 3x3 SAME convs, batch norm after
    every layer (folded), max pools after the second conv of each stage (32 -> 16 -> 8
    -> 4), flatten (4 x 4 x 512 = 8,192), FC 1024, FC 1024, FC ``classes``. 14 ops: 6
    CONV_2D, 3 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. This graph counts
    616,966,144 MACs (the convs 607,518,720, the FCs 9,447,424) and 14,025,866
    parameters (14,022,016 weights, 3,850 biases). Neither paper states a parameter or
    MAC count (recalled).

    [U] a plain int8 network, not binarized (weights and activations int8); RELU in
    place of the binary (sign / hard-tanh) activation, fused into the convs and the
    hidden FCs; the batch norm between a conv and its max pool folded into the conv
    (exact for positive scales); the output layer linear (BinaryConnect's L2-SVM
    output / BinaryNet's last batch norm folded) with a SOFTMAX; flatten in NHWC
    order.
    """
    for c in (128, 256, 512):
        x = b.conv(b.conv(x, c, 3, 1, "RELU"), c, 3, 1, "RELU")
        x = b.pool(x, "max", 2, 2)
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(b.fc(x, 1024, "RELU"), 1024, "RELU")
    return b.softmax(b.fc(x, classes))
