"""Held-out families XXIX, part a (session 27 addendum 2, pre-registered before being
built; issue 22): four small published keyword-spotting networks on MFCC maps, the
smaller or deeper siblings of the session-26 test models of
:mod:`jaxeff.gnn.heldout_nets_xxvi_d`.

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout left out at inference), each
reusing the conventions and helpers of its session-26 sibling (Res15, TC-ResNet8,
MatchboxNet 3x1x64). Test models: no training space draws any of them in its exact
configuration (each one's distinguishing values are in ``models.json``'s overlap and
pinned in ``tests/gnn/test_heldout_nets_xxix.py``); the ``tiny`` space
(:mod:`jaxeff.gnn.spaces_tiny`) has no ADD and at most 12 operators. Choices the
papers leave open are marked [U]; every conv pads SAME [U]. As in
:mod:`jaxeff.gnn.heldout_nets_xxvi_d`, a 1-D temporal conv over ``T`` frames of ``F``
features is a CONV_2D (or DEPTHWISE_CONV_2D) with kernel height 1 on a ``[1, 1, T,
F]`` map.

* :func:`res8_kws`: Res8 (Tang & Lin, "Deep Residual Learning for Small-Footprint
  Keyword Spotting", arXiv 1710.10361, ICASSP 2018) on 101 frames x 40 MFCC: 3x3 conv
  45, 4x3 average pool (101 x 40 -> 25 x 13), three residual blocks of two 3x3 convs
  of 45 with identity ADDs, MEAN, FC 12, SOFTMAX. 14 ops: 7 CONV_2D, AVERAGE_POOL_2D,
  3 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`res8_narrow_kws`: Res8-narrow (the same paper): Res8 with 19 maps. 14 ops.
* :func:`tc_resnet14`: TC-ResNet14 (Choi et al., arXiv 1904.03814, Interspeech 2019)
  on 98 frames x 40 MFCC: 3x1 conv 16, six residual blocks of 9x1 convs (24, 24, 32,
  32, 48, 48; strides 2, 1, 2, 1, 2, 1; 1x1/2 projections on the strided blocks,
  identities on the others), MEAN, FC 12, SOFTMAX. 25 ops: 16 CONV_2D, 6 ADD, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`matchboxnet_3x2x64`: MatchboxNet 3x2x64 (Majumdar & Ginsburg, arXiv
  2004.08531, Interspeech 2020) on 128 frames x 64 MFCC: MatchboxNet 3x1x64 with two
  time-channel separable sub-blocks a block. 26 ops: 13 CONV_2D, 8
  DEPTHWISE_CONV_2D, 3 ADD, MEAN, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxix.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head
from jaxeff.gnn.heldout_nets_xxvi_d import (MATCHBOX_BLOCKS, MATCHBOX_DILATION,
                                            MATCHBOX_EPILOGUE, MATCHBOX_LAST,
                                            MATCHBOX_PROLOGUE, RES15_MAPS,
                                            TC_KERNELS, TC_RESNET8_STEM, _tcs_conv)

__all__ = ["matchboxnet_3x2x64", "res8_kws", "res8_narrow_kws", "tc_resnet14"]


# -- Res8 and Res8-narrow

#: Res8 (arXiv 1710.10361 Table 1): residual blocks (two 3x3 convs each), the
#: average pool after the first conv ((time, frequency) window = stride), the
#: narrow variant's feature maps (Res8's are Res15's 45)
RES8_BLOCKS, RES8_POOL, RES8_NARROW_MAPS = 3, (4, 3), 19


def res8_kws(b: NetBuilder, x: int, classes: int = 12, maps: int = RES15_MAPS, *,
             blocks: int = RES8_BLOCKS, pool: tuple[int, int] = RES8_POOL) -> int:
    """Res8 on ``x`` (``[1, 101, 40, 1]``: 101 frames x 40 MFCC, one channel);
    returns the SOFTMAX output ``[1, classes]``.

    Tang & Lin, arXiv 1710.10361 (Figure 1, Table 1; the castorini/honk release,
    recalled). 3x3 conv to ``maps`` (45) RELU; a 4x3 average pool (101 x 40 -> 25 x
    13); three residual blocks, each two 3x3 convs RELU (no dilation) and an ADD of
    the block's input after the second; MEAN, FC 12, SOFTMAX. This graph counts
    37,175,490 MACs (first conv 1,636,200 = 4,040 x 405; six convs at 25 x 13 x
    18,225 = 35,538,750; FC 540) and 110,622 parameters (450 + 6 x 18,270 + 552).
    Published (Table 1, recalled): 110 K parameters (+0.6 %; bias-free convs and
    affine-free batch norms as the release: 110,307, +0.3 %) and 30 M multiplies
    (+24 %; the six residual convs alone count 35.5 M at 25 x 13 with SAME padding:
    the table's count, as recalled, is not reproduced by this layer list, as for
    Res15's).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxvi_d.res15_kws`: batch norm folded as if
    it preceded the RELU, so each conv carries a bias and a fused RELU (the paper:
    conv, RELU, affine-free batch norm); the ADD of the RELU outputs without
    activation; the last batch norm folded into the FC. Here also: the pool's stride
    equal to its window, VALID (PyTorch's ``AvgPool2d`` default: 25 x 13); the first
    conv with a bias (the release's has none and no batch norm: 45 parameters more).
    ``blocks`` and ``pool`` (3 and 4x3 here) build Res26-narrow at 12 and 2x2
    (:func:`jaxeff.gnn.heldout_nets_lx.res26_narrow_kws`).
    """
    x = b.conv(x, maps, 3, 1, "RELU")
    x = old = b.pool(x, "avg", pool, pool)
    for i in range(2 * blocks):
        x = b.conv(x, maps, 3, 1, "RELU")
        if i % 2:
            x = old = b.add(x, old)
    return _resnet_head(b, x, classes)


def res8_narrow_kws(b: NetBuilder, x: int, classes: int = 12) -> int:
    """Res8-narrow on ``x`` (``[1, 101, 40, 1]``): :func:`res8_kws` with 19 feature
    maps; returns the SOFTMAX output ``[1, classes]``.

    Tang & Lin, arXiv 1710.10361 (Table 1, recalled). This graph counts 7,026,618
    MACs (690,840 + 6 x 325 x 3,249 = 6,335,550 + 228) and 20,038 parameters (190 +
    6 x 3,268 + 240). Published (recalled): 19.9 K parameters (+0.7 %; as the
    release, without the seven conv biases, 19,905: +0.03 %) and 5.65 M multiplies
    (+24 %, as Res8's).

    [U] as :func:`res8_kws`.
    """
    return res8_kws(b, x, classes, RES8_NARROW_MAPS)


# -- TC-ResNet14

#: TC-ResNet14 at width multiplier k = 1 (arXiv 1904.03814 Figure 2 / Section 3):
#: (channels, stride) of its six residual blocks (the first conv's 16 channels and
#: the kernel widths as TC-ResNet8's)
TC_RESNET14 = ((24, 2), (24, 1), (32, 2), (32, 1), (48, 2), (48, 1))


def tc_resnet14(b: NetBuilder, x: int, classes: int = 12, width: float = 1.0) -> int:
    """TC-ResNet14 on ``x`` (``[1, 1, 98, 40]``: 98 frames, 40 MFCC as channels);
    returns the SOFTMAX output ``[1, classes]``.

    Choi et al., arXiv 1904.03814 (Figure 2, Section 3; recalled). Temporal conv 3x1
    to ``16 k`` channels RELU; six residual blocks (:data:`TC_RESNET14`): 9x1/s conv
    RELU, 9x1 conv, ADD with fused RELU of the shortcut, a 1x1/2 conv RELU on the
    strided blocks (Figure 2 (b)), the block's input on the others (Figure 2 (a)); 98
    -> 49 -> 25 -> 13 frames; MEAN, FC, SOFTMAX. This graph counts 3,030,528 MACs
    (stem 188,160; blocks 442,176, 508,032, 422,400, 460,800, 469,248, 539,136; FC
    576) and 135,332 parameters. Published (Table 1, recalled): 137 K parameters
    (-1.2 %; with batch norm unfolded, one more parameter a normalised channel,
    135,868: -0.8 %); its FLOP count not recalled with confidence (this graph's
    6.06 M FLOPs at two a MAC).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxvi_d.tc_resnet8`: the first conv with
    batch norm and RELU; the projection shortcut's RELU; every conv with a bias
    (batch norm folded); SAME padding (13 frames after three strides, not 12);
    ``width`` scales every channel count, rounded down (k = 1 here).
    """
    k0, k = TC_KERNELS
    x = b.conv(x, int(TC_RESNET8_STEM * width), (1, k0), 1, "RELU")
    for c, s in ((int(c * width), s) for c, s in TC_RESNET14):
        h = b.conv(b.conv(x, c, (1, k), (1, s), "RELU"), c, (1, k))
        short = x if s == 1 and b.shape(x)[-1] == c else b.conv(x, c, 1, (1, s), "RELU")
        x = b.add(h, short, "RELU")
    return _resnet_head(b, x, classes)


# -- MatchboxNet 3x2x64

#: MatchboxNet B x R x C = 3 x 2 x 64 (arXiv 2004.08531 Table 1): the sub-blocks a
#: block (the kernels, channels, prologue and epilogue as 3x1x64's)
MATCHBOX_3X2_REPEAT = 2


def matchboxnet_3x2x64(b: NetBuilder, x: int, classes: int = 12,
                       prologue_stride: int = 2) -> int:
    """MatchboxNet 3x2x64 on ``x`` (``[1, 1, 128, 64]``: 128 frames, 64 MFCC as
    channels); returns the SOFTMAX output ``[1, classes]``.

    Majumdar & Ginsburg, arXiv 2004.08531 (Figure 1, Table 1; recalled). As
    :func:`jaxeff.gnn.heldout_nets_xxvi_d.matchboxnet_3x1x64` but each block B1-B3
    holds R = 2 sub-blocks: separable kernel 13 / 15 / 17 to 64 RELU (batch norm
    folded, the RELU fused into the pointwise conv), then the same separable conv
    without activation, the ADD of the residual (1x1 conv of the block's input) and
    the RELU (fused into the ADD). This graph counts 5,664,768 MACs (depthwise
    585,728, pointwise 5,079,040; no published count) and 90,060 parameters.
    Published (Table 2, recalled): 93 K parameters (-3.2 %; as the release holds
    them, no conv biases: 576 depthwise and 960 pointwise biases out, a batch norm's
    scale and shift on the 960 pointwise channels, 90,444: -2.7 %).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxvi_d.matchboxnet_3x1x64` (the prologue's
    stride 2, no bias nor activation on the depthwise convs, the residual from the
    block's input, SAME padding, the decoder's pool after its 1x1 conv); the first
    sub-block's RELU after its batch norm with no residual (QuartzNet's sub-block,
    recalled).
    """
    x = _tcs_conv(b, x, *MATCHBOX_PROLOGUE, stride=prologue_stride, act="RELU")
    for k, c in MATCHBOX_BLOCKS:
        h = x
        for _ in range(MATCHBOX_3X2_REPEAT - 1):
            h = _tcs_conv(b, h, k, c, act="RELU")
        x = b.add(_tcs_conv(b, h, k, c), b.conv(x, c, 1), "RELU")
    x = _tcs_conv(b, x, *MATCHBOX_EPILOGUE, dilation=MATCHBOX_DILATION, act="RELU")
    x = b.conv(b.conv(x, MATCHBOX_LAST, 1, 1, "RELU"), classes, 1)
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))
