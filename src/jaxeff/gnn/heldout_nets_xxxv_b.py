"""Held-out families XXXV, part b (session 30 addendum 2, pre-registered before being
built; issue 22): four published vision models (the additive PyramidNet-110 with alpha
48 on CIFAR-10, FractalNet with B = 5, C = 4 on CIFAR-10, LiteSeg on MobileNet-v2 at 360
x 640 and ESNet at 512 x 1024).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
into the convolution before it, dropout and drop-path left out at inference), reusing
that module's MobileNet-v2 body and the unfoldable batch norm of
:mod:`jaxeff.gnn.heldout_nets_xxxii_b`. Test models: no training space
(:mod:`jaxeff.gnn.spaces` and its siblings) draws any of them in its exact
configuration; the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxv_b.py``. Choices the sources leave open, and
whatever is recalled rather than read, are marked [U]. The two segmentation networks
return their 19-class logits, as the releases do; ``softmax=True`` adds a per-pixel
SOFTMAX head, which the registered models do not have (the pre-registration's
``PREREGISTERED.md``, addendum 2, count of four models of families XXXV ending in a
SOFTMAX over many positions was in error: two do, U-Net and PortraitNet).

* :func:`pyramidnet_cifar`: additive PyramidNet (Han, Kim & Kim, arXiv 1610.02915),
  depth 110, alpha 48: 54 basic pyramidal units (batch norm as MUL + ADD, 3x3 conv
  RELU, 3x3 conv), widths growing by 48 / 54 a unit from 16 to 64, zero-padded
  identity shortcuts (PAD of the channel axis; a 2x2 average pool where the map
  halves). 326 ops.
* :func:`fractalnet_cifar`: FractalNet (Larsson, Maire & Shakhnarovich, arXiv
  1605.07648) with B = 5 blocks of C = 4 columns (40 layers deep, 75 convolutions),
  joins as element-wise means (ADDs, MUL by 1 / n), 2x2 max pools. 138 ops.
* :func:`liteseg_mnv2`: LiteSeg-MobileNet (Emara, Abd El Munim & Abbas, arXiv
  1912.06683): the MobileNet-v2 encoder at output stride 32, the deeper ASPP of
  separable convolutions (rates 1, 3, 6, 9, image pooling) CONCATENATED with its
  input, a decoder concatenating the stride-4 features, bilinear up-sampling. 90 ops.
* :func:`esnet`: ESNet (Wang et al., arXiv 1906.09826): ERFNet-style downsampling
  units, factorized convolution units (FCU, 3x1 / 1x3 or 5x1 / 1x5), parallel
  factorized convolution units (PFCU, three branches dilated 2, 5, 9, summed),
  TRANSPOSE_CONV up-sampling. 93 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _mbv2_body
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["ESNET", "FRACTAL_WIDTHS", "LITESEG_RATES", "esnet", "fractalnet_cifar",
           "liteseg_mnv2", "pyramid_widths", "pyramidnet_cifar"]


# -- Han et al.: additive PyramidNet

def pyramid_widths(depth: int = 110, alpha: int = 48, start: int = 16) -> list[int]:
    """The output widths of the ``3 N`` units (``N = (depth - 2) / 6`` a group):
    ``round(start + alpha k / (3 N))`` for unit k = 1 ... 3 N (the release adds
    ``alpha / 3N`` a unit and rounds; 8 k / 9 never lies near a half at 110 / 48)."""
    n = 3 * ((depth - 2) // 6)
    return [int(round(start + alpha * k / n)) for k in range(1, n + 1)]


def _bn(b: NetBuilder, x: int) -> int:
    """A batch norm with no activation that cannot fold (its input also feeds the
    shortcut): MUL by a per-channel scale, ADD of a per-channel shift (the form of
    :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`, linear)."""
    c = b.shape(x)[-1]
    scale = np.abs(1 + 0.2 * b.rng.standard_normal(c)).astype(np.float32)
    shift = (0.1 * b.rng.standard_normal(c)).astype(np.float32)
    return b.add(b.mul(x, b.const(scale)), b.const(shift))


def pyramidnet_cifar(b: NetBuilder, x: int, depth: int = 110, alpha: int = 48,
                     classes: int = 10) -> int:
    """Additive PyramidNet on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX
    output ``[1, classes]``.

    Han, Kim & Kim, "Deep Pyramidal Residual Networks", arXiv 1610.02915 (CVPR 2017),
    Sections 3-4 and the authors' PyTorch release (recalled): conv 3x3 16 (batch norm
    folded, no ReLU); three groups of N = (depth - 2) / 6 = 18 basic pyramidal units on
    32, 16, 8 pixels, unit k widening to :func:`pyramid_widths` (16 + 48 k / 54,
    rounded: 17, 18, 19, 20, 20, ... 64); a unit is batch norm (MUL + ADD: :func:`_bn`),
    conv 3x3 (stride 2 at the first unit of groups 2 and 3) with batch norm folded and
    RELU fused, conv 3x3 with batch norm folded, linear; ADD of the shortcut, no ReLU
    after it. The shortcut is the identity, 2x2/2 average pooled where the map halves,
    its channels zero-padded at the end (PAD of the channel axis) where the width grows
    (48 of the 54 units); a final batch norm + ReLU (MUL + ADD RELU:
    :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`), global average pool (MEAN), FC 10,
    SOFTMAX. 326 ops: 109 CONV_2D, 109 ADD, 55 MUL, 48 PAD, 2 AVERAGE_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 403,813,504 MACs and 1,768,322
    parameters (1,759,528 weights, the biases and the 110 MUL / ADD constant vectors).
    Published (the CIFAR table, recalled): 1.7 M parameters (+4.0 %; weights alone +3.5
    %); no multiply-add count recalled.

    [U] the unfoldable batch norms as per-channel MUL + ADD (the one before each unit's
    first conv reads the map that the shortcut reads too); the zero channels after the
    shortcut's own (the release's CONCATENATION of zeros); SAME padding; the convs with
    a bias (NetBuilder's; the release's have none); the global pool as MEAN.
    """
    x = b.conv(x, 16, 3)
    n = (depth - 2) // 6
    for k, c in enumerate(pyramid_widths(depth, alpha)):
        s = 2 if k in (n, 2 * n) else 1
        h = b.conv(b.conv(_bn(b, x), c, 3, s, "RELU"), c, 3)
        sc = b.pool(x, "avg", 2, 2) if s == 2 else x
        cin = b.shape(sc)[-1]
        if c > cin:
            sc = b.pad(sc, ((0, 0), (0, 0), (0, 0), (0, c - cin)))
        x = b.add(h, sc)
    x = b.mean(bn_relu(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))


# -- Larsson et al.: FractalNet

#: FractalNet's filters per block on CIFAR (arXiv 1605.07648, Section 4.1)
FRACTAL_WIDTHS = (64, 128, 256, 512, 512)


def _join(b: NetBuilder, xs: list[int]) -> int:
    """FractalNet's join, the element-wise mean: a chain of ADDs, then a MUL by the
    one-element constant ``1 / n`` [U: as a converter leaves Keras's ``Average``]."""
    y = xs[0]
    for t in xs[1:]:
        y = b.add(y, t)
    return b.mul(y, b.const(np.asarray([1.0 / len(xs)], np.float32)))


def _fractal_block(b: NetBuilder, x: int, c: int, columns: int) -> int:
    """A fractal block of ``columns`` columns: column j holds ``2^j`` 3x3 convs of
    ``c`` (batch norm folded, RELU fused), the deepest ``2^(C - 1)``; every column
    whose conv ends at depth d joins there (the expansion f_{C+1} = join(f_C o f_C,
    conv), the joins of one depth merged into one, as in the paper's Figure 1), and
    the joined columns go on from the join. At C = 4: 15 convs, joins of 2, 3, 2, 4."""
    depth, heads, y = 2 ** (columns - 1), [x] * columns, x
    for d in range(1, depth + 1):
        cols = [j for j in range(columns) if d % (depth >> j) == 0]
        outs = [b.conv(heads[j], c, 3, 1, "RELU") for j in cols]
        y = _join(b, outs) if len(outs) > 1 else outs[0]
        for j in cols:
            heads[j] = y
    return y


def fractalnet_cifar(b: NetBuilder, x: int, columns: int = 4, classes: int = 10) -> int:
    """FractalNet on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Larsson, Maire & Shakhnarovich, "FractalNet: Ultra-Deep Neural Networks without
    Residuals", arXiv 1605.07648 (ICLR 2017), Sections 2 and 4 (recalled): B = 5 fractal
    blocks (:func:`_fractal_block`) of C = ``columns`` columns, filters
    :data:`FRACTAL_WIDTHS` (64, 128, 256, 512, 512), 3x3 conv + batch norm + ReLU as the
    unit, joins as element-wise means (:func:`_join`), a 2x2/2 max pool after each
    block (32 -> 1 pixel), the prediction layer as an FC on the flattened 1 x 1 x 512
    map (RESHAPE), SOFTMAX. At C = 4 the deepest path holds 5 x 8 = 40 convs. 138 ops:
    75 CONV_2D, 35 ADD, 20 MUL, 5 MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX. This
    graph counts 2,036,077,568 MACs and 76,084,574 parameters (weights, biases and the
    20 one-element join constants). Published (Table 1, recalled): 38.6 M parameters
    for the 20-layer (C = 3) network, whose form here counts 33,714,324 (-12.7 %), and
    22.9 M for the 40-layer one: this graph is 3.3 x that, so the 40-layer network of
    the table cannot have these widths (a narrower form, not recalled); no multiply-add
    count.

    [U] the join as ADDs and a MUL (the Caffe release's mean join, not read); the
    block's last join before its pool (the paper swaps them "for convenience", as a
    re-implementation quotes it); no drop-path or dropout (inference); the prediction
    layer an FC; SAME padding; the convs with a bias.
    """
    for c in FRACTAL_WIDTHS:
        x = b.pool(_fractal_block(b, x, c, columns), "max", 2, 2)
    x = b.reshape(x, (1, b.shape(x)[-1] * b.shape(x)[1] * b.shape(x)[2]))
    return b.softmax(b.fc(x, classes))


# -- Emara et al.: LiteSeg on MobileNet-v2

#: the deeper ASPP's rates (the release's ``rates``: rate 1 a 1x1 branch)
LITESEG_RATES = (1, 3, 6, 9)


def _sep(b: NetBuilder, x: int, c: int, k: int, act: str = "NONE", d: int = 1) -> int:
    """The release's ``SeparableConv2d`` then its batch norm (folded): a depthwise
    ``k x k`` conv dilated ``d`` (linear; no batch norm between), a 1x1 conv to ``c``
    with ``act`` fused."""
    return b.conv(b.dwconv(x, k, dilation=d), c, 1, 1, act)


def liteseg_mnv2(b: NetBuilder, x: int, classes: int = 19, width: int = 96,
                 softmax: bool = False) -> int:
    """LiteSeg-MobileNet on ``x`` (``[1, 360, 640, 3]``); returns the per-pixel logits
    ``[1, 360, 640, classes]`` (their SOFTMAX with ``softmax``).

    Emara, Abd El Munim & Abbas, "LiteSeg: A Novel Lightweight ConvNet for Semantic
    Segmentation", arXiv 1912.06683 (DICTA 2019), Section III / Figure 1, as the
    authors' release ``liteseg_mobilenet.py`` (read): the MobileNet-v2 1.0 stem, 17
    bottlenecks (:func:`jaxeff.gnn.heldout_nets._mbv2_body`, output stride 32) and
    its 1x1 conv of 1280 (RELU6), 12 x 20 at 360 x 640; the low-level features are
    the output of the second 24-channel bottleneck (stride 4, 90 x 160 x 24). The
    deeper ASPP (DASPP): per rate of :data:`LITESEG_RATES` a separable conv of the
    1280-channel map to 96 (:func:`_sep`; rate 1: kernel 1, linear; rates 3, 6, 9: a
    dilated 3x3, linear, then a second separable 3x3 to 96 with RELU); image pooling
    (MEAN, 1x1 conv 96 RELU, bilinear up-sampling of the 1 x 1 map); CONCATENATION of
    the backbone map and the five branches (1280 + 480 = 1760: the short residual);
    a separable 1x1 conv to 96 RELU; bilinear up-sampling to ceil(H / 4) x ceil(W / 4)
    (x 7.5 / x 8); CONCATENATION with the low-level features (no 1x1 reduction, as
    the release: 120 channels); two separable 3x3 convs to 96 RELU; a 1x1 conv to
    ``classes``; bilinear up-sampling to the input size (x4); every RESIZE_BILINEAR
    with align_corners (the release's). 90 ops: 47 CONV_2D, 27 DEPTHWISE_CONV_2D, 10
    ADD, 3 RESIZE_BILINEAR, 2 CONCATENATION, MEAN. This graph counts
    1,937,598,720 MACs and 3,090,979 parameters (weights and biases). Published
    (recalled): 4.38 M parameters, which the release's count gives (4,382,707: its
    convs without bias, 2 per channel for each batch norm, and the unused ImageNet
    classifier of its MobileNet-v2, 1,281,000, included; +0.06 %), and 4.9 G FLOPs
    (the release measures at 1024 x 512, where this graph counts 4,305,379,328 MACs,
    -12 % at a MAC a FLOP; the convention is not known).

    [U] 360 x 640 (pre-registered; the paper's Cityscapes timing size); SAME padding
    (PyTorch's pad 1 at stride 2 gives the same sizes); the depthwise convs (linear, no
    batch norm after them in the release) with a bias; the rate-1 branch's 1x1
    depthwise conv kept (a per-channel scale a converter may not fold); 19 Cityscapes
    classes.
    """
    _, h, w, _ = b.shape(x)
    start = len(b.ops)
    y, _ = _mbv2_body(b, x, 1.0)
    low_shape = (1, -(-h // 4), -(-w // 4), 24)
    low = [o.outputs[0] for o in b.ops[start:]
           if b.shape(o.outputs[0]) == low_shape][-1]
    y = b.conv(y, 1280, 1, 1, "RELU6")
    _, fh, fw, _ = b.shape(y)
    branches = [y]
    for r in LITESEG_RATES:
        if r == 1:
            branches.append(_sep(b, y, width, 1))
        else:
            branches.append(_sep(b, _sep(b, y, width, 3, d=r), width, 3, "RELU"))
    p = b.conv(b.mean(y, (1, 2), keep_dims=True), width, 1, 1, "RELU")
    branches.append(b.resize(p, (fh, fw), "bilinear", True))
    y = _sep(b, b.concat(branches), width, 1, "RELU")
    y = b.concat([b.resize(y, low_shape[1:3], "bilinear", True), low])
    y = _sep(b, _sep(b, y, width, 3, "RELU"), width, 3, "RELU")
    y = b.resize(b.conv(y, classes, 1), (h, w), "bilinear", True)
    return b.softmax(y) if softmax else y


# -- Wang et al.: ESNet

#: ESNet (arXiv 1906.09826, its architecture table, recalled): ("down", channels),
#: ("fcu", kernel), ("pfcu", 0), ("up", channels)
ESNET = ((("down", 16),) + (("fcu", 3),) * 3 + (("down", 64),) + (("fcu", 5),) * 2
         + (("down", 128),) + (("pfcu", 0),) * 3 + (("up", 64),) + (("fcu", 5),) * 2
         + (("up", 16),) + (("fcu", 3),) * 2)
#: the PFCU's dilation rates
ESNET_PFCU_RATES = (2, 5, 9)


def _fcu(b: NetBuilder, x: int, k: int) -> int:
    """Factorized convolution unit: k x 1 RELU, 1 x k (batch norm folded) RELU, k x 1
    RELU, 1 x k (batch norm folded), ADD with the input, RELU fused (undilated)."""
    c = b.shape(x)[-1]
    h = b.conv(b.conv(x, c, (k, 1), 1, "RELU"), c, (1, k), 1, "RELU")
    h = b.conv(b.conv(h, c, (k, 1), 1, "RELU"), c, (1, k))
    return b.add(h, x, "RELU")


def _pfcu(b: NetBuilder, x: int) -> int:
    """Parallel factorized convolution unit: 3x1 RELU, 1x3 (batch norm folded) RELU;
    three branches of a 3x1 dilated (d, 1) RELU and a 1x3 dilated (1, d) (batch norm
    folded) for d in 2, 5, 9; the input plus the three branches, summed in that order
    (three ADDs, the last with RELU fused [U: the order of the sum, recalled])."""
    c = b.shape(x)[-1]
    h = b.conv(b.conv(x, c, (3, 1), 1, "RELU"), c, (1, 3), 1, "RELU")
    outs = [b.conv(b.conv(h, c, (3, 1), 1, "RELU", dilation=(d, 1)), c, (1, 3),
                   dilation=(1, d)) for d in ESNET_PFCU_RATES]
    return b.add(b.add(b.add(x, outs[0]), outs[1]), outs[2], "RELU")


def esnet(b: NetBuilder, x: int, classes: int = 19, softmax: bool = False) -> int:
    """ESNet on ``x`` (``[1, 512, 1024, 3]``); returns the per-pixel logits
    ``[1, 512, 1024, classes]`` (their SOFTMAX with ``softmax``).

    Wang, Zhou, Lu, Liu & Latecki, "ESNet: An Efficient Symmetric Network for Real-time
    Semantic Segmentation", arXiv 1906.09826 (PRCV 2019), the architecture table and
    figures 2-3 (recalled, :data:`ESNET`): encoder: downsampling unit to 16 (ERFNet's:
    CONCATENATION of a 3x3/2 conv to ``out - in`` channels and a 2x2/2 max pool of the
    input, then RELU), 3 FCUs with 3x1 / 1x3 kernels (:func:`_fcu`), downsampling unit
    to 64, 2 FCUs with 5x1 / 1x5 kernels, downsampling unit to 128, 3 PFCUs
    (:func:`_pfcu`, rates 2, 5, 9) at 64 x 128; decoder (symmetric): upsampling unit to
    64 (3x3/2 TRANSPOSE_CONV, SAME, batch norm folded, RELU), 2 FCUs (K = 5), upsampling
    unit to 16, 2 FCUs (K = 3), and a 2x2/2 TRANSPOSE_CONV (VALID) to ``classes``;
    dropout left out. 93 ops: 63 CONV_2D, 18 ADD, 3 MAX_POOL_2D, 3 CONCATENATION, 3
    RELU, 3 TRANSPOSE_CONV. This graph counts 24,054,202,368 MACs
    (TRANSPOSE_CONVs counted per input pixel) and 1,655,615 parameters (weights and
    biases). Published (recalled): 1.66 M parameters (-0.3 %); no multiply-add count
    recalled.

    [U] 512 x 1024 (pre-registered; the paper's Cityscapes training size); the
    downsampling unit's batch norm left out (it cannot fold into the pool's half) and
    its RELU standalone, as the ERFNet held-out model; the FCUs undilated and their
    kernels per stage (3, 5, 5, 3) recalled; the last layer a 2x2/2 deconvolution (as
    ERFNet's release); 19 Cityscapes classes.
    """
    for kind, v in ESNET:
        if kind == "down":
            c = b.conv(x, v - b.shape(x)[-1], 3, 2)
            x = b.act(b.concat([c, b.pool(x, "max", 2, 2)]), "RELU")
        elif kind == "fcu":
            x = _fcu(b, x, v)
        elif kind == "pfcu":
            x = _pfcu(b, x)
        else:
            x = b.transpose_conv(x, v, 3, 2, "RELU")
    y = b.transpose_conv(x, classes, 2, 2, padding="VALID")
    return b.softmax(y) if softmax else y
