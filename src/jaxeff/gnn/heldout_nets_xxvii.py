"""Held-out families XXVII, part a (session 26, pre-registered before being built;
issue 22): four small microcontroller networks, the MLPerf Tiny visual-wake-words and
image-classification reference models, LeNet-5 and TensorFlow Micro's ``tiny_conv``.

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout left out at inference). Test
models only: no training space draws them as built here, but the ``families`` space
(:mod:`jaxeff.gnn.spaces_families`) draws the first two's published configurations
with an AVERAGE_POOL_2D + RESHAPE head where these have MEAN (the brief's head) [U]:
they are held out in their head and their weights only. Choices the papers leave open
are marked [U].

* :func:`mobilenet_v1_025_96_vww`: MobileNet-v1 0.25 at 96 x 96 x 3 with 2 classes
  (the MLPerf Tiny visual-wake-words reference; Banbury et al., arXiv 2106.07597;
  Chowdhery et al., arXiv 1906.05721; Howard et al., arXiv 1704.04861): the
  :func:`jaxeff.gnn.heldout_nets.mobilenet_v1` body at width 0.25 with RELU, MEAN, FC
  2, SOFTMAX. 30 ops: 14 CONV_2D, 13 DEPTHWISE_CONV_2D, MEAN, FULLY_CONNECTED,
  SOFTMAX.
* :func:`resnet8_cifar`: the MLPerf Tiny image-classification ResNet-8 (arXiv
  2106.07597; He et al., arXiv 1512.03385) on 32 x 32 x 3: 3x3 conv 16, three basic
  blocks of 16 / 32 / 64 (strides 1 / 2 / 2, 1x1/2 projection shortcuts), MEAN, FC
  10, SOFTMAX. 15 ops: 9 CONV_2D, 3 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`lenet5`: LeNet-5 (LeCun et al., "Gradient-Based Learning Applied to
  Document Recognition", Proc. IEEE 86(11), 1998) on 32 x 32 x 1: 5x5 conv 6, 2x2
  max pool, 5x5 conv 16, 2x2 max pool, RESHAPE to 400, FC 120, FC 84, FC 10,
  SOFTMAX. 9 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`tiny_conv`: TensorFlow's speech-commands ``tiny_conv`` (Warden, "Speech
  Commands", arXiv 1804.03209; the TF ``speech_commands`` ``models.py`` and the TF
  Lite Micro ``micro_speech`` example) on 49 frames x 40 filterbank channels: one
  10x8/2 conv of 8 RELU, RESHAPE to 4000, FC 4, SOFTMAX. 4 ops: CONV_2D, RESHAPE,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxvii.py``.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _mbv1_body, _resnet_head, _shortcut

__all__ = ["lenet5", "mobilenet_v1_025_96_vww", "resnet8_cifar", "tiny_conv"]


def _flatten_head(b: NetBuilder, x: int, widths: tuple[int, ...], classes: int,
                  act: str = "NONE") -> int:
    """RESHAPE ``x`` to ``[1, H W C]`` (Keras's Flatten / TF's reshape), an FC of
    each of ``widths`` with ``act`` fused, FC ``classes`` (linear), SOFTMAX."""
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for n in widths:
        x = b.fc(x, n, act)
    return b.softmax(b.fc(x, classes))


# -- MLPerf Tiny visual wake words: MobileNet-v1 0.25 at 96


def mobilenet_v1_025_96_vww(b: NetBuilder, x: int, classes: int = 2) -> int:
    """MobileNet-v1 0.25 on ``x`` (``[1, 96, 96, 3]``); returns the SOFTMAX output
    ``[1, classes]`` (person / no person).

    Banbury et al., "MLPerf Tiny Benchmark", arXiv 2106.07597 (the visual-wake-words
    reference model); Chowdhery et al., "Visual Wake Words Dataset", arXiv
    1906.05721; Howard et al., arXiv 1704.04861 Table 1: 3x3/2 conv of ``int(0.25 x
    32) = 8``, 13 depthwise-separable blocks (3x3 depthwise, 1x1 pointwise to 16,
    32, 32, 64, 64, 128 x 6, 256, 256; strides as
    :data:`jaxeff.gnn.heldout_nets.MOBILENET_V1`, the twelfth's depthwise 2, the
    last's 1 as the releases), RELU on every conv, 96 -> 48 -> 24 -> 12 -> 6 -> 3;
    MEAN, FC ``classes``, SOFTMAX. This graph counts 7,489,664 MACs and 210,850
    parameters. Published (MLPerf Tiny, recalled): 7.5 M MACs (-0.1 %); "325 K",
    recalled, is the reference int8 model's size in bytes, not a parameter count
    (with batch norm unfolded, one more parameter a normalised channel, 213,586).

    [U] RELU (the MLPerf Tiny Keras reference, recalled; the TF-slim and Keras
    MobileNets have RELU6); the head's MEAN (the reference's AVERAGE_POOL_2D over the
    3x3 map and Flatten: the same map); the FC with a bias; SAME padding (TF's
    alignment at stride 2).
    """
    return _resnet_head(b, _mbv1_body(b, x, 0.25, act_fn="RELU")[-1], classes)


# -- MLPerf Tiny image classification: ResNet-8

#: MLPerf Tiny ResNet-8 (arXiv 2106.07597): the stem's channels and per stack
#: (channels, stride of its first 3x3 conv), one basic block each
RESNET8_STEM = 16
RESNET8 = ((16, 1), (32, 2), (64, 2))


def resnet8_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The MLPerf Tiny ResNet-8 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    Banbury et al., arXiv 2106.07597 (the image-classification reference; He et
    al., arXiv 1512.03385's CIFAR ResNet): 3x3 conv 16 RELU; three stacks of one
    basic block (:data:`RESNET8`): 3x3 conv RELU (carrying the stride), 3x3 conv,
    ADD with fused RELU of the block's input (identity in the first stack, a 1x1/2
    projection conv without activation in the other two); 32 -> 32 -> 16 -> 8;
    MEAN, FC ``classes``, SOFTMAX. This graph counts 12,501,632 MACs and 77,706
    parameters. Published (MLPerf Tiny, recalled): 12.5 M MACs (+0.01 %); "96 K",
    recalled, is the reference int8 model's size in bytes (Keras counts 78,666
    parameters with the seven batch norms' four a channel).

    [U] batch norm folded into each conv (the reference has none on the projection
    shortcut, recalled: that conv keeps its own bias); the head's MEAN (the
    reference's 8x8 AVERAGE_POOL_2D and Flatten); SAME padding.
    """
    x = b.conv(x, RESNET8_STEM, 3, 1, "RELU")
    for c, s in RESNET8:
        h = b.conv(b.conv(x, c, 3, s, "RELU"), c, 3)
        x = b.add(h, _shortcut(b, x, c, s), "RELU")
    return _resnet_head(b, x, classes)


# -- LeNet-5

#: LeNet-5 (LeCun et al. 1998, Section II.B): C1 and C3 feature maps (5x5 VALID
#: convs, each followed by a 2x2/2 pool), then the C5 / F6 widths
LENET5_CONVS, LENET5_FCS = (6, 16), (120, 84)


def lenet5(b: NetBuilder, x: int, classes: int = 10) -> int:
    """LeNet-5 on ``x`` (``[1, 32, 32, 1]``: a 28 x 28 digit padded to 32); returns
    the SOFTMAX output ``[1, classes]``.

    LeCun, Bottou, Bengio & Haffner, "Gradient-Based Learning Applied to Document
    Recognition", Proc. IEEE 86(11):2278-2324, 1998 (Section II.B, Figure 2): C1
    5x5 VALID conv 6 (32 -> 28), S2 2x2/2 pool (14), C3 5x5 conv 16 (10), S4 2x2/2
    pool (5), C5 120 (a 5x5 conv on the 5x5 map: here RESHAPE to 400 and an FC),
    F6 FC 84, an output layer of ``classes``, SOFTMAX. This graph counts 416,520
    MACs and 61,706 parameters. Published (Section II.B): "about 60,000 trainable
    parameters" (+2.8 %; the layer-by-layer counts of Section II.B, 156 + 12 + 1,516
    + 32 + 48,120 + 10,164 + 840 = 60,840: +1.4 %, the full C3 and the FC biases
    above the partial table and the RBF units) and 340,908 connections (no MAC
    count; with the partial C3 table, 151,600 connections instead of this graph's
    240,000 MACs there).

    [U] RELU instead of the paper's scaled tanh ``1.7159 tanh(2 a / 3)``, and 2x2
    max pools instead of its trainable subsampling (a sum of four times a
    coefficient plus a bias, through the sigmoid): what modern exports (Keras and
    PyTorch LeNets) use; C3 fully connected to S2's six maps (the paper's Table I
    connects each C3 map to 3-6 of them: 1,516 parameters, here 2,416); C5 as
    Flatten (RESHAPE) and FC (the same map on a 5x5 input); the output layer's 84 x
    10 Euclidean RBF units as an FC with bias and a SOFTMAX.
    """
    for c in LENET5_CONVS:
        x = b.pool(b.conv(x, c, 5, 1, "RELU", "VALID"), "max", 2, 2)
    return _flatten_head(b, x, LENET5_FCS, classes, "RELU")


# -- TensorFlow Micro speech: tiny_conv

#: ``tiny_conv`` (TF ``speech_commands/models.py``): the one conv's filters, kernel
#: (time, frequency) and stride
TINY_CONV_FILTERS, TINY_CONV_KERNEL, TINY_CONV_STRIDE = 8, (10, 8), 2


def tiny_conv(b: NetBuilder, x: int, classes: int = 4) -> int:
    """``tiny_conv`` on ``x`` (``[1, 49, 40, 1]``: 49 frames of 40 filterbank
    channels, 30 ms windows every 20 ms over one second); returns the SOFTMAX
    output ``[1, classes]``.

    Warden, "Speech Commands: A Dataset for Limited-Vocabulary Speech Recognition",
    arXiv 1804.03209, and TensorFlow's ``speech_commands`` ``models.py``
    ``create_tiny_conv_model`` as the TF Lite Micro ``micro_speech`` example trains
    it (recalled): a 10 x 8 conv (10 frames by 8 channels) of 8 filters, stride 2 x
    2, SAME, with a bias and RELU (49 x 40 -> 25 x 20 x 8), dropout (left out),
    reshape to 4000, FC ``classes`` with a bias, SOFTMAX (``freeze.py``'s
    ``labels_softmax``). This graph counts 336,000 MACs and 16,652 parameters; no
    published count (the example's int8 model is about 18.7 KB, recalled).

    [U] 4 classes, ``micro_speech``'s silence / unknown / "yes" / "no" (the
    ``speech_commands`` default, ten words plus two, gives 12); the input as the
    ``[1, 49, 40, 1]`` map (the example's model takes ``[1, 1960]`` and RESHAPEs
    it first); a CONV_2D where the TFLite converter, recalled, writes a conv with
    one input channel as DEPTHWISE_CONV_2D of depth multiplier 8 (the example's op
    resolver registers DEPTHWISE_CONV_2D, FULLY_CONNECTED, SOFTMAX and RESHAPE):
    the same arithmetic, without the depth multiplier > 1 Vela handles less well.
    """
    x = b.conv(x, TINY_CONV_FILTERS, TINY_CONV_KERNEL, TINY_CONV_STRIDE, "RELU")
    return _flatten_head(b, x, (), classes)
