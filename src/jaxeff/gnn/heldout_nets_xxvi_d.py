"""Held-out families XXVI, part d (session 26, pre-registered before being built;
issue 22): three keyword-spotting networks on MFCC maps and the MLPerf Tiny anomaly
detection autoencoder.

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv or FC as its bias, dropout left out at inference).
Test models only: no training space draws them. Choices the papers leave open are
marked [U]; every conv pads SAME (TF's alignment at stride 2) [U]. A 1-D temporal conv
over ``T`` frames of ``F`` features is a CONV_2D (or DEPTHWISE_CONV_2D) with kernel
height 1 on a ``[1, 1, T, F]`` map: time on the width axis, the features the channels.

* :func:`tc_resnet8`: TC-ResNet8 (Choi et al., "Temporal Convolution for Real-time
  Keyword Spotting on Mobile Devices", arXiv 1904.03814, Interspeech 2019) on 98
  frames x 40 MFCC: 3x1 conv 16, three residual blocks of 9x1 convs (24 / 32 / 48,
  stride 2, 1x1/2 projection shortcuts), MEAN, FC 12, SOFTMAX. 16 ops: 10 CONV_2D,
  3 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`matchboxnet_3x1x64`: MatchboxNet 3x1x64 (Majumdar & Ginsburg, arXiv
  2004.08531, Interspeech 2020) on 128 frames x 64 MFCC: separable prologue (kernel
  11, stride 2, 128), three blocks of one time-channel separable sub-block (kernels
  13 / 15 / 17, 64 channels) with a 1x1 residual, epilogue (separable kernel 29
  dilated 2 to 128, 1x1 to 128), 1x1 to 12, MEAN, SOFTMAX. 20 ops: 10 CONV_2D, 5
  DEPTHWISE_CONV_2D, 3 ADD, MEAN, SOFTMAX.
* :func:`res15_kws`: Res15 (Tang & Lin, "Deep Residual Learning for Small-Footprint
  Keyword Spotting", arXiv 1710.10361, ICASSP 2018) on 101 frames x 40 MFCC: 3x3
  conv 45, six residual blocks of two 3x3 convs dilated ``2^floor(i/3)``, the 13th
  3x3 conv (dilation 16), MEAN, FC 12, SOFTMAX. 23 ops: 14 CONV_2D, 6 ADD, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`ad_autoencoder`: the MLPerf Tiny anomaly-detection model (Banbury et al.,
  "MLPerf Tiny Benchmark", arXiv 2106.07597; the DCASE 2020 task 2 baseline FC
  autoencoder) on 640 = 5 frames x 128 log-mel: FC 128 RELU x 4, FC 8 RELU, FC 128
  RELU x 4, FC 640. 10 ops: 10 FULLY_CONNECTED.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxvi_d.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head

__all__ = ["ad_autoencoder", "matchboxnet_3x1x64", "res15_kws", "tc_resnet8"]


# -- TC-ResNet8

#: TC-ResNet8 at width multiplier k = 1 (arXiv 1904.03814 Figure 2 / Section 3): the
#: first conv's channels (16 k), then one residual block per entry (channels)
TC_RESNET8_STEM, TC_RESNET8 = 16, (24, 32, 48)
#: TC-ResNet's temporal kernel widths: first conv, the blocks' convs
TC_KERNELS = (3, 9)


def tc_resnet8(b: NetBuilder, x: int, classes: int = 12, width: float = 1.0) -> int:
    """TC-ResNet8 on ``x`` (``[1, 1, 98, 40]``: 98 frames, 40 MFCC as channels);
    returns the SOFTMAX output ``[1, classes]``.

    Choi et al., arXiv 1904.03814 (Figure 2, Section 3; recalled). Temporal conv
    3x1 to ``16 k`` channels RELU; three residual blocks (Figure 2 (b), all of stride
    2 in TC-ResNet8): 9x1/2 conv RELU, 9x1 conv, shortcut 1x1/2 conv RELU, ADD with
    fused RELU, 98 -> 49 -> 25 -> 13 frames; MEAN, FC, SOFTMAX. Published (Table 1,
    recalled): 66 K parameters, 3.0 M FLOPs; this graph counts 1,522,560 MACs (3.05 M
    FLOPs at two a MAC, +1.5 %) and 64,852 parameters (-1.7 %; with batch norm
    unfolded, one more parameter a normalised channel, 65,180: -1.2 %).

    [U] the first conv with batch norm and RELU (the figure draws only the conv;
    the authors' TF-slim graph, recalled, puts both on every conv); the shortcut's
    RELU after its batch norm (Figure 2 (b), recalled); every conv with a bias (batch
    norm folded); ``width`` scales every channel count, rounded down (k = 1 here).
    """
    k0, k = TC_KERNELS
    x = b.conv(x, int(TC_RESNET8_STEM * width), (1, k0), 1, "RELU")
    for c in (int(c * width) for c in TC_RESNET8):
        h = b.conv(b.conv(x, c, (1, k), (1, 2), "RELU"), c, (1, k))
        x = b.add(h, b.conv(x, c, 1, (1, 2), "RELU"), "RELU")
    return _resnet_head(b, x, classes)


# -- MatchboxNet 3x1x64

#: MatchboxNet B x R x C = 3 x 1 x 64 (arXiv 2004.08531 Table 1): (kernel, channels)
#: of the prologue, the three blocks and the epilogue's separable conv; the
#: epilogue's dilation and its last 1x1 conv's channels
MATCHBOX_PROLOGUE, MATCHBOX_BLOCKS = (11, 128), ((13, 64), (15, 64), (17, 64))
MATCHBOX_EPILOGUE, MATCHBOX_DILATION, MATCHBOX_LAST = (29, 128), 2, 128


def _tcs_conv(b: NetBuilder, x: int, k: int, c: int, stride: int = 1,
              dilation: int = 1, act: str = "NONE") -> int:
    """A 1-D time-channel separable conv: a 1 x ``k`` DEPTHWISE_CONV_2D over time
    (carrying the stride and the dilation; no batch norm, no activation), a 1x1
    CONV_2D to ``c`` with the batch norm folded and ``act`` fused."""
    h = b.dwconv(x, (1, k), (1, stride), dilation=(1, dilation))
    return b.conv(h, c, 1, 1, act)


def matchboxnet_3x1x64(b: NetBuilder, x: int, classes: int = 12,
                       prologue_stride: int = 2) -> int:
    """MatchboxNet 3x1x64 on ``x`` (``[1, 1, 128, 64]``: 128 frames, 64 MFCC as
    channels); returns the SOFTMAX output ``[1, classes]``.

    Majumdar & Ginsburg, arXiv 2004.08531 (Figure 1, Table 1; recalled). Prologue
    Conv1: separable (:func:`_tcs_conv`) kernel 11, stride ``prologue_stride``, 128
    channels, RELU (128 -> 64 frames); blocks B1-B3, one sub-block each: separable
    kernel 13 / 15 / 17 to 64, ADD of the residual (1x1 conv of the block's input,
    batch norm folded) before the RELU (fused into the ADD); epilogue Conv2:
    separable kernel 29, dilation 2, 128 RELU, Conv3: 1x1 128 RELU; decoder Conv4:
    1x1 to ``classes``, global average pool (MEAN), SOFTMAX. Published (Table 2,
    recalled): 77 K parameters; this graph counts 4,694,016 MACs (no published
    count) and 74,508 parameters (-3.2 %; as the release holds them, no conv biases,
    two batch norm parameters on each of the 768 pointwise channels and the
    decoder's bias, 74,892: -2.7 %).

    [U] the prologue's stride 2 (QuartzNet's C1 stride as the brief gives it; the
    paper's table, as recalled, lists no strides and NeMo's speech-commands configs
    may use 1: ``prologue_stride=1`` builds that); no bias nor activation on the
    depthwise convs (NeMo's separable conv: depthwise and pointwise without bias,
    one batch norm after the pointwise); the residual's 1x1 conv taken from the
    block's input (QuartzNet's dense residual, recalled); SAME padding over time
    (NeMo pads ``dilation (k - 1) / 2``: the same at stride 1, one frame's
    alignment at stride 2); every 1x1 conv with a bias (batch norm folded); the
    decoder's average pool after the 1x1 conv (the release pools then applies a
    linear layer: the same map, the order exchanged as both are linear).
    """
    x = _tcs_conv(b, x, *MATCHBOX_PROLOGUE, stride=prologue_stride, act="RELU")
    for k, c in MATCHBOX_BLOCKS:
        x = b.add(_tcs_conv(b, x, k, c), b.conv(x, c, 1), "RELU")
    x = _tcs_conv(b, x, *MATCHBOX_EPILOGUE, dilation=MATCHBOX_DILATION, act="RELU")
    x = b.conv(b.conv(x, MATCHBOX_LAST, 1, 1, "RELU"), classes, 1)
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))


# -- Res15

#: Res15 (arXiv 1710.10361 Table 1): feature maps, residual blocks (two 3x3 convs
#: each), the dilation base (layer i dilated by 2^floor(i / RES15_STEP))
RES15_MAPS, RES15_BLOCKS, RES15_STEP = 45, 6, 3


def res15_dilation(i: int) -> int:
    """The dilation of Res15's conv layer ``i`` (0-based over the 13 layers after the
    first conv): ``2^floor(i / 3)`` (1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16)."""
    return 2 ** (i // RES15_STEP)


def res15_kws(b: NetBuilder, x: int, classes: int = 12, maps: int = RES15_MAPS) -> int:
    """Res15 on ``x`` (``[1, 101, 40, 1]``: 101 frames x 40 MFCC, one channel);
    returns the SOFTMAX output ``[1, classes]``.

    Tang & Lin, arXiv 1710.10361 (Figure 1, Table 1; the castorini/honk release,
    recalled). 3x3 conv to 45 RELU; six residual blocks, each two 3x3 convs RELU of
    dilations :func:`res15_dilation` (layers 0-11) and an ADD of the block's input
    after the second; a 13th 3x3 conv RELU of dilation 16 (Table 1's last conv, no
    residual); MEAN, FC 12, SOFTMAX. No pooling: every map 101 x 40. Published
    (Table 1, recalled): 238 K parameters, 894 M multiplies; this graph counts
    238,512 parameters (+0.2 %: the folded batch norms' biases; the release's bias-
    free convs and affine-free batch norms hold 237,882, -0.05 %) and 958,813,740
    MACs (+7 %: 13 x 101 x 40 x 405 x 45 = 957 M in the dilated layers alone; the
    table's count, as recalled, cannot be matched by this layer list).

    [U] batch norm folded as if it preceded the RELU (the paper has conv, RELU,
    batch norm without affine parameters; a batch norm after a RELU does not fold
    into the conv, so each conv here carries a bias and fused RELU instead); the
    residual ADD of the RELU outputs (the release adds after the RELU, before the
    batch norm) without activation; the last batch norm folded into the FC (exact:
    MEAN is linear). ``maps`` (45 here) builds Res15-narrow at 19
    (:func:`jaxeff.gnn.heldout_nets_xxx.res15_narrow_kws`).
    """
    x = old = b.conv(x, maps, 3, 1, "RELU")
    for i in range(2 * RES15_BLOCKS + 1):
        x = b.conv(x, maps, 3, 1, "RELU", dilation=res15_dilation(i))
        if i % 2 and i < 2 * RES15_BLOCKS:
            x = old = b.add(x, old)
    return _resnet_head(b, x, classes)


# -- MLPerf Tiny anomaly detection (DCASE 2020 task 2 baseline)

#: the FC autoencoder's hidden widths (the DCASE 2020 task 2 baseline's Keras model)
AD_HIDDEN = (128, 128, 128, 128, 8, 128, 128, 128, 128)


def ad_autoencoder(b: NetBuilder, x: int) -> int:
    """The MLPerf Tiny anomaly-detection autoencoder on ``x`` (``[1, 640]``: 5 frames
    x 128 log-mel bins); returns the reconstruction ``[1, 640]`` (no activation).

    Banbury et al., "MLPerf Tiny Benchmark", arXiv 2106.07597 (Table 1; the DCASE
    2020 task 2 baseline, Koizumi et al., arXiv 2006.05822): FC 128 RELU x 4, FC 8
    RELU (the bottleneck), FC 128 RELU x 4, FC 640. Published (MLPerf Tiny Table 1,
    recalled): 270 K parameters, 0.264 M MACs; this graph counts 264,192 MACs
    (exact) and 265,864 parameters (-1.5 %; with the nine batch norms' four
    parameters a unit, as Keras counts them, 269,992: -0.003 %).

    [U] batch norm folded into each hidden FC's bias (the baseline's Dense, batch
    norm, RELU); the MSE against the input (the anomaly score) is not part of the
    graph.
    """
    n_in = b.shape(x)[-1]
    for n in AD_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.fc(x, n_in)
