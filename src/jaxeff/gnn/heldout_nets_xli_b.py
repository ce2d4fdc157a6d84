"""Held-out families XLI, part b (session 33, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
two univariate time-series classifiers (InceptionTime, the ResNet of Wang et al.) and
a speech-recognition acoustic model on mel features (QuartzNet 5x5), all three long
1 x W maps.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the 1-D networks of
:mod:`jaxeff.gnn.heldout_nets_xl_b` and
:func:`jaxeff.gnn.heldout_nets_xxix_b.keras_timeseries_fcn` (float32, seeded
weights, every conv with a bias, batch norm folded into the preceding conv's weights
and bias, RELU fused where it follows a conv or an ADD): the sequence lies along W
(``[1, 1, T, C]``) and every 1-D conv is a CONV_2D (or DEPTHWISE_CONV_2D) of kernel
height 1; the global average pool is a MEAN over H and W.
Test models: no training space draws any of them in its exact configuration
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_xli_b.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`inception_time`: one InceptionTime network (Ismail Fawaz et al., arXiv
  1909.04939) on 1,000 samples: six inception modules (a 1x1 bottleneck to 32, linear,
  left out where the input has one channel; 1x39, 1x19, 1x9 SAME convs of 32 on it; a
  1x3 stride-1 SAME max pool of the module input and a 1x1 conv of 32; RELU fused, BN
  folded; CONCATENATION to 128), a 1x1 conv shortcut (BN folded) ADDed with RELU after
  modules 3 and 6, MEAN, FC 10, SOFTMAX. 48 ops.
* :func:`resnet_ts`: the time-series ResNet (Wang, Yan & Oates, arXiv 1611.06455) on
  500 samples: three residual blocks of 1x8, 1x5, 1x3 SAME convs (RELU, RELU, linear;
  BN folded) of 64, 128, 128 channels, the shortcut a 1x1 conv (BN folded) where the
  width changes and the identity otherwise, ADD with RELU, MEAN, FC 2, SOFTMAX.
  17 ops.
* :func:`quartznet5x5`: QuartzNet 5x5 (Kriman et al., arXiv 1910.10261, Table 1) on 64
  mel features x 256 frames: C1 a 1x33 depthwise conv of stride 2 and a 1x1 conv to
  256 (RELU); blocks B1-B5 of five (1xK depthwise, 1x1 conv to C, RELU) with (K, C) =
  (33, 256), (39, 256), (51, 512), (63, 512), (75, 512), the last RELU after the ADD of
  a 1x1 conv residual of the block input; C2 a 1x87 depthwise conv of dilation 2 and a
  1x1 conv to 512 (RELU); C3 a 1x1 conv to 1,024 (RELU); C4 a 1x1 conv to 29 (linear);
  ``[1, 1, 128, 29]``. 66 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head
from jaxeff.gnn.heldout_nets_xxvi_d import _tcs_conv

__all__ = ["inception_time", "quartznet5x5", "resnet_ts"]

# -- Ismail Fawaz et al.: InceptionTime

#: InceptionTime (arXiv 1909.04939, Section 3 and Fig. 1): the modules, the bottleneck
#: and branch width, the three convs' lengths (the pre-registered odd lengths), the
#: max pool's width, the residual period (a shortcut every third module)
ITIME_DEPTH, ITIME_F, ITIME_KERNELS, ITIME_POOL, ITIME_RES = 6, 32, (39, 19, 9), 3, 3


def _inception_module(b: NetBuilder, x: int) -> int:
    """One InceptionTime module: bottleneck (where the input has more than one
    channel), three long convs on it and the max pool + 1x1 branch on the input, each
    RELU (BN folded), CONCATENATED."""
    z = b.conv(x, ITIME_F, 1) if b.shape(x)[-1] > 1 else x
    branches = [b.conv(z, ITIME_F, (1, k), 1, "RELU") for k in ITIME_KERNELS]
    p = b.pool(x, "max", (1, ITIME_POOL), 1, "SAME")
    return b.concat(branches + [b.conv(p, ITIME_F, 1, 1, "RELU")])


def inception_time(b: NetBuilder, x: int, classes: int = 10) -> int:
    """One InceptionTime network on ``x`` (``[1, 1, 1000, 1]``: a univariate series
    of 1,000 steps along W); returns the SOFTMAX output ``[1, classes]``.

    Ismail Fawaz, Lucas, Forestier, Pelletier, Schmidt, Weber, Webb, Idoumghar, Muller
    & Petitjean, "InceptionTime: Finding AlexNet for Time Series Classification", Data
    Mining and Knowledge Discovery 34, 2020, arXiv 1909.04939 (Section 3, Fig. 1 and
    2, recalled): a network of two residual blocks of three Inception modules each; a
    module applies a bottleneck (m = 32 filters of length 1, linear) to its input,
    then three convs of 32 filters of different lengths to the bottleneck's output,
    and in parallel a max pool of width 3 (stride 1) on the module input followed by
    a bottleneck conv of 32; the four outputs concatenated (128 channels), batch
    norm, ReLU; each residual block's input added (through a 1x1 conv and batch norm
    to 128 channels) to its output, ReLU; global average pooling; a softmax FC; the
    ensemble of five such networks. Here: per module a 1x1 conv to 32 (linear; not
    in the first module, whose input has one channel), 1x39, 1x19, 1x9 SAME convs of
    32 RELU (BN folded), a 1x3 SAME max pool of stride 1 and a 1x1 conv of 32 RELU,
    CONCATENATION to 128 (in that order); after modules 3 and 6 a 1x1 conv of the
    residual block's input to 128 (linear, BN folded) ADDed to the module output with
    RELU fused; MEAN, FC ``classes``, SOFTMAX. 48 ops: 31 CONV_2D, 6 MAX_POOL_2D, 6
    CONCATENATION, 2 ADD, MEAN, FULLY_CONNECTED, SOFTMAX. This graph counts
    402,689,280 MACs (module 1 2,176,000; modules 2-6 76,800,000 each; shortcuts
    128,000 and 16,384,000; FC 1,280) and 405,162 parameters (2,304 + 5 x 76,960 +
    256 + 16,512 + 1,290; by hand in the test). Published: no count recalled for one
    network; not pinned.

    [U] one network, not the ensemble of five; a univariate input of 1,000 steps and
    10 classes; the convs' lengths 39, 19, 9 as pre-registered (the paper's lengths
    are recalled as 40, 20, 10; odd lengths centre a SAME window); no bottleneck on a
    one-channel input (the reference design's rule, recalled); the batch norm after
    the CONCATENATION folded into the four branch convs (each of its channels comes
    from one conv) and its ReLU fused into them (ReLU commutes with the
    concatenation); the ReLU of module 3 and 6 before the ADD kept (fused into the
    branches), a second RELU fused into the ADD; the shortcut of the second residual
    block a 1x1 conv although its widths match (128 -> 128; the reference design's
    projection, recalled); biases on every conv (NetBuilder's; the paper's convs have
    none, the batch norms' shifts fold into them); the layout (time along W, kernel
    height 1); MEAN as the global average pool.
    """
    res = x
    for d in range(ITIME_DEPTH):
        x = _inception_module(b, x)
        if d % ITIME_RES == ITIME_RES - 1:
            x = res = b.add(x, b.conv(res, b.shape(x)[-1], 1), "RELU")
    return _resnet_head(b, x, classes)


# -- Wang, Yan & Oates: ResNet for time series classification

#: the time-series ResNet (arXiv 1611.06455, Section II-C): the blocks' widths and
#: the three convs' lengths of every block (the FCN's)
RESNET_TS_WIDTHS, RESNET_TS_KERNELS = (64, 128, 128), (8, 5, 3)


def resnet_ts(b: NetBuilder, x: int, classes: int = 2) -> int:
    """The time-series ResNet on ``x`` (``[1, 1, 500, 1]``: a univariate series of
    500 steps along W); returns the SOFTMAX output ``[1, classes]``.

    Wang, Yan & Oates, "Time Series Classification from Scratch with Deep Neural
    Networks: A Strong Baseline", IJCNN 2017, arXiv 1611.06455 (Section II, Fig. 1,
    recalled): the FCN's convolutional block (a 1-D conv, batch norm, ReLU) with
    lengths 8, 5 and 3 stacked into a residual block ``y = h_3 + x``, ReLU after the
    sum; three residual blocks of 64, 128 and 128 filters; global average pooling; a
    softmax FC. Here: per block 1x8, 1x5, 1x3 SAME convs of the block's width (BN
    folded; RELU fused into the first two, the third linear), the shortcut a 1x1 conv
    (BN folded, linear) of the block input where the width changes (blocks 1 and 2:
    1 -> 64, 64 -> 128) and the block input itself in block 3 (128 -> 128), ADD with
    RELU fused; MEAN, FC ``classes``, SOFTMAX. 17 ops: 11 CONV_2D, 3 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 250,144,256 MACs (blocks 16,672,000,
    102,400,000, 131,072,000; FC 256) and 501,698 parameters (33,600 + 205,312 +
    262,528 + 258; by hand in the test). Published: no count in the paper.

    [U] a univariate input of 500 steps (FordA's length) and 2 classes; the third
    conv's ReLU moved after the sum (the residual form ``ReLU(h + x)``, as the
    reference design does); the shortcut: a 1x1 conv with its batch norm folded where
    the width changes, the identity where it does not (block 3) -- the reference
    design is recalled to put a batch norm on that identity path (a per-channel
    affine that cannot fold into a conv), left out here; SAME padding; biases on every
    conv; the layout (time along W, kernel height 1); MEAN as the global average
    pool.
    """
    for c in RESNET_TS_WIDTHS:
        h = x
        for i, k in enumerate(RESNET_TS_KERNELS):
            last = i == len(RESNET_TS_KERNELS) - 1
            h = b.conv(h, c, (1, k), 1, "NONE" if last else "RELU")
        short = x if b.shape(x)[-1] == c else b.conv(x, c, 1)
        x = b.add(h, short, "RELU")
    return _resnet_head(b, x, classes)


# -- Kriman et al.: QuartzNet 5x5

#: QuartzNet 5x5 (arXiv 1910.10261, Table 1): C1's kernel, stride and width; the
#: blocks' (kernel, width); the sub-blocks per block (R); C2's kernel, dilation and
#: width; C3's width; the output labels (28 characters and the CTC blank)
QN_C1 = (33, 2, 256)
QN_BLOCKS = ((33, 256), (39, 256), (51, 512), (63, 512), (75, 512))
QN_REPEAT = 5
QN_C2 = (87, 2, 512)
QN_C3, QN_LABELS = 1024, 29


def quartznet5x5(b: NetBuilder, x: int) -> int:
    """QuartzNet 5x5 on ``x`` (``[1, 1, 256, 64]``: 256 frames of 64 mel features,
    time along W); returns the per-frame logits ``[1, 1, 128, 29]``.

    Kriman, Beliaev, Ginsburg, Huang, Kuchaiev, Lavrukhin, Leary, Li & Zhang,
    "QuartzNet: Deep Automatic Speech Recognition with 1D Time-Channel Separable
    Convolutions", ICASSP 2020, arXiv 1910.10261 (Section 2, Fig. 1, Table 1,
    recalled): 64 mel-filterbank features per 10 ms frame; C1 a time-channel
    separable conv (a 1-D depthwise conv over time per channel, then a pointwise
    conv over channels) of kernel 33, stride 2, 256 channels, batch norm, ReLU;
    blocks B1-B5 (B x R = 5 x 5: each block once, R = 5 repeated modules) of kernels
    33, 39, 51, 63, 75 and 256, 256, 512, 512, 512 channels, each module separable
    conv, batch norm, ReLU, a residual from the block input through a pointwise conv
    and batch norm added before the last module's ReLU; C2 separable, kernel 87,
    dilation 2, 512 channels; C3 kernel 1, 1,024 channels; C4 kernel 1 (dilation 2)
    to the labels; CTC. Here: DEPTHWISE_CONV_2D 1x33 stride (1, 2) SAME (256 -> 128
    frames), 1x1 conv to 256 RELU; per block five DEPTHWISE_CONV_2D 1xK SAME
    (linear), each followed by a 1x1 conv to C (BN folded; RELU fused except the
    fifth's; the separable pair of
    :func:`jaxeff.gnn.heldout_nets_xxvi_d.matchboxnet_3x1x64`), a 1x1 conv of the
    block input to C (linear, BN folded) and an ADD with RELU fused;
    DEPTHWISE_CONV_2D 1x87 dilation (1, 2) SAME, 1x1 conv to 512 RELU;
    1x1 conv to 1,024 RELU; 1x1 conv to 29 (linear). 66 ops: 34 CONV_2D, 27
    DEPTHWISE_CONV_2D, 5 ADD. This graph counts 855,678,976 MACs (C1 2,367,488; B1
    55,738,368; B2 56,721,408; B3 182,812,672; B4 221,970,432; B5 225,902,592; C2
    39,256,064; C3 67,108,864; C4 3,801,088) and 6,709,661 parameters (by hand in the
    test). Published (Table 2, recalled): 6.7 M parameters (+0.1 %).

    [U] 256 frames (2.56 s) of 64 features; the layout (time along W, the mel
    features as 64 input channels, kernel height 1); 29 labels (the English letters,
    space, apostrophe and the CTC blank); C4's dilation dropped (a 1x1 conv has no
    taps to dilate); the log-softmax of the CTC loss left out (the output is the
    logits); SAME padding everywhere (the length kept, halved by C1's stride);
    every batch norm folded into the pointwise conv it follows and its ReLU fused;
    the depthwise convs linear with a bias (NetBuilder's; the paper's separable convs
    carry their bias in the batch norm); C2-C4 with their batch norm folded and ReLU
    (C4 none); dropout left out.
    """
    k, s, c = QN_C1
    x = _tcs_conv(b, x, k, c, stride=s, act="RELU")
    for k, c in QN_BLOCKS:
        h = x
        for _ in range(QN_REPEAT - 1):
            h = _tcs_conv(b, h, k, c, act="RELU")
        x = b.add(_tcs_conv(b, h, k, c), b.conv(x, c, 1), "RELU")
    k, d, c = QN_C2
    x = _tcs_conv(b, x, k, c, dilation=d, act="RELU")
    x = b.conv(x, QN_C3, 1, 1, "RELU")
    return b.conv(x, QN_LABELS, 1)
