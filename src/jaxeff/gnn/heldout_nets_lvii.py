"""Held-out families LVII (session 37, pre-registered in addendum 8 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
two EEG CNNs whose graphs hold both narrow-input long-kernel convs (fewer than 8
input channels, at least 16 taps: the domain of rule Z) and pools with a stride above
3 (rule V), TSception on a 28-channel window of 512 samples as ``tsception_28x512``
and the sleep CNN of Tsinalis et al. 2016 on 15,000 samples as
``tsinalis2016_15000``.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias). The EEG channels lie along H and
time along W. Test models: no training space draws them (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_lvii.py``). Written from the papers'
definitions as recalled; no code was read. Choices the sources leave open, and ours,
are marked [U].

* :func:`tsception`: TSception (Ding et al., arXiv 2104.02935) on ``[1, 28, 512,
  1]``: three temporal CONV_2D 1x64, 1x32, 1x16 VALID of 15, each with a LEAKY_RELU
  and an AVERAGE_POOL_2D 1x8 / 8, CONCATENATION along W, a batch norm (MUL + ADD);
  two spatial CONV_2D 28x1 and 14x1 / (14, 1) VALID of 15, each with a LEAKY_RELU
  and an AVERAGE_POOL_2D 1x2 / 2, CONCATENATION along H, a batch norm (MUL + ADD);
  a fusion CONV_2D 3x1 VALID of 15, LEAKY_RELU, AVERAGE_POOL_2D 1x4 / 4; MEAN,
  FULLY_CONNECTED 32 RELU, FULLY_CONNECTED 2, SOFTMAX; ``[1, 2]``. 28 ops: 6 CONV_2D,
  6 LEAKY_RELU, 6 AVERAGE_POOL_2D, 2 CONCATENATION, 2 MUL, 2 ADD, MEAN, 2
  FULLY_CONNECTED, SOFTMAX.
* :func:`tsinalis2016`: Tsinalis et al. 2016 (arXiv 1610.01683) on ``[1, 1, 15000,
  1]``: CONV_2D 1x200 VALID RELU of 20, MAX_POOL_2D 1x20 / 10, TRANSPOSE to ``[1, 20,
  1479, 1]`` (the 20 maps stacked as rows), CONV_2D 20x30 VALID RELU of 400,
  MAX_POOL_2D 1x10 / 2, RESHAPE to ``[1, 288400]``, FULLY_CONNECTED 500 RELU,
  FULLY_CONNECTED 500 RELU, FULLY_CONNECTED 5, SOFTMAX; ``[1, 5]``. 10 ops: 2
  CONV_2D, 2 MAX_POOL_2D, TRANSPOSE, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import math

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["tsception", "tsinalis2016"]


def bn_4d(b: NetBuilder, x: int) -> int:
    """A batch norm with no activation that cannot fold (its input is a
    CONCATENATION), with 4-D constants: MUL by a per-channel scale ``[1, 1, 1, C]``,
    ADD of a per-channel shift ``[1, 1, 1, C]``, linear (the draws of
    :func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`, without its RELU)."""
    c = (1, 1, 1, b.shape(x)[-1])
    scale = np.abs(1 + 0.2 * b.rng.standard_normal(c)).astype(np.float32)
    shift = (0.1 * b.rng.standard_normal(c)).astype(np.float32)
    return b.add(b.mul(x, b.const(scale)), b.const(shift))


# -- TSception

#: TSception (arXiv 2104.02935, Section III and Fig. 1, recalled; the pre-registered
#: definition): the input (EEG channels, samples: 4 s at 128 Hz), the temporal
#: kernels (0.5, 0.25, 0.125 s), the filters of every conv, the temporal, spatial
#: and fusion pools (window = stride), the spatial kernels' heights and strides (all
#: channels, stride 1; one hemisphere, stride 14), the fusion kernel, the hidden FC,
#: the classes, the LeakyReLU slope [U]
TSC_IN = (28, 512)
TSC_T_KERNELS, TSC_FILTERS = (64, 32, 16), 15
TSC_T_POOL, TSC_S_POOL, TSC_F_POOL = 8, 2, 4
TSC_S_KERNELS, TSC_S_STRIDES = (28, 14), (1, 14)
TSC_F_KERNEL, TSC_HIDDEN, TSC_CLASSES = 3, 32, 2
TSC_ALPHA = 0.01


def tsception(b: NetBuilder, x: int) -> int:
    """TSception on ``x`` (``[1, 28, 512, 1]``: 28 EEG channels along H, 512 samples
    along W); returns the SOFTMAX output ``[1, 2]``.

    Ding, Robinson, Zhang, Zeng & Guan, "TSception: Capturing Temporal Dynamics and
    Spatial Asymmetry from EEG for Emotion Recognition", arXiv 2104.02935 (Section
    III, Fig. 1, recalled): a dynamic temporal layer of three multi-scale 1-D convs
    (kernels 0.5, 0.25 and 0.125 of the sampling rate: 64, 32, 16 at 128 Hz) of T
    filters each with LeakyReLU and average pooling, concatenated along time, a batch
    norm; an asymmetric spatial layer of a global kernel (all channels) and a
    hemisphere kernel (half the channels, stride half), each with LeakyReLU and
    average pooling, concatenated along the channel-row axis, a batch norm; a
    high-level fusion conv with LeakyReLU and average pooling; global average
    pooling, a hidden dense layer with ReLU and dropout, the output layer. Here (the
    pre-registered definition): CONV_2D 1x64 / 1x32 / 1x16 VALID of 15 to ``[1, 28,
    449 / 481 / 497, 15]``, each a LEAKY_RELU and an AVERAGE_POOL_2D 1x8 VALID of
    stride (1, 8) to ``[1, 28, 56 / 60 / 62, 15]`` (449, 481 and 497 floored: 1
    sample dropped each); CONCATENATION along W to ``[1, 28, 178, 15]``; MUL + ADD
    (batch norm, linear); CONV_2D 28x1 VALID of 15 to ``[1, 1, 178, 15]`` and CONV_2D
    14x1 VALID of stride (14, 1) of 15 to ``[1, 2, 178, 15]``, each a LEAKY_RELU and
    an AVERAGE_POOL_2D 1x2 / (1, 2) to ``[1, 1 / 2, 89, 15]`` (exact);
    CONCATENATION along H to ``[1, 3, 89, 15]``; MUL + ADD; CONV_2D 3x1 VALID of 15
    to ``[1, 1, 89, 15]``, LEAKY_RELU, AVERAGE_POOL_2D 1x4 / (1, 4) to ``[1, 1, 22,
    15]`` (89 floored: 1 dropped); MEAN over H and W to ``[1, 1, 1, 15]``;
    FULLY_CONNECTED 32 RELU; FULLY_CONNECTED 2 (linear); SOFTMAX. 28 ops: 6 CONV_2D,
    6 LEAKY_RELU, 6 AVERAGE_POOL_2D, 2 CONCATENATION, 2 MUL, 2 ADD, MEAN, 2
    FULLY_CONNECTED, SOFTMAX. This graph counts 24,177,019 MACs (temporal convs
    12,069,120 = 28 x 449 x 15 x 64, 6,464,640 = 28 x 481 x 15 x 32 and 3,339,840 =
    28 x 497 x 15 x 16; spatial convs 1,121,400 = 178 x 15 x 15 x 28 and 1,121,400 =
    2 x 178 x 15 x 15 x 14; fusion 60,075 = 89 x 15 x 15 x 3; FCs 480 and 64) and
    12,533 parameters (975 + 495 + 255 + 30 + 6,315 + 3,165 + 30 + 690 + 512 + 66:
    conv and FC weights and biases, the two batch norms' scales and shifts; by hand
    in the test). Published: no count recalled precisely enough; not pinned.

    [U] the layout (channels along H, time along W, one input channel; the 28
    channels as the pre-registered count, their order not modelled); VALID convs
    (pre-registered) and VALID pools of stride equal to the window, remainders
    floored; the temporal branches concatenated along W (their time lengths differ;
    the pre-registered choice); the LeakyReLU slope 0.01 (the common default; not
    recalled) as standalone LEAKY_RELU ops; the batch norms as MUL + ADD on ``[1, 1,
    1, C]`` constants, linear (they follow a CONCATENATION and cannot fold); the
    hemisphere kernel 14x1 of stride 14 on the 28 rows giving two rows (the channel
    order as left / right hemispheres not modelled); the fusion conv 3x1 VALID over
    the three rows; global average pooling as MEAN (keep_dims); biases on every conv
    and FC; the last FC linear before the SOFTMAX; dropout left out (inference).
    """
    ts = []
    for k in TSC_T_KERNELS:
        y = b.conv(x, TSC_FILTERS, (1, k), 1, "NONE", "VALID")
        y = b.leaky_relu(y, TSC_ALPHA)
        ts.append(b.pool(y, "avg", (1, TSC_T_POOL), (1, TSC_T_POOL)))
    x = bn_4d(b, b.concat(ts, axis=2))
    ss = []
    for k, stride in zip(TSC_S_KERNELS, TSC_S_STRIDES, strict=True):
        y = b.conv(x, TSC_FILTERS, (k, 1), (stride, 1), "NONE", "VALID")
        y = b.leaky_relu(y, TSC_ALPHA)
        ss.append(b.pool(y, "avg", (1, TSC_S_POOL), (1, TSC_S_POOL)))
    x = bn_4d(b, b.concat(ss, axis=1))
    x = b.conv(x, TSC_FILTERS, (TSC_F_KERNEL, 1), 1, "NONE", "VALID")
    x = b.leaky_relu(x, TSC_ALPHA)
    x = b.mean(b.pool(x, "avg", (1, TSC_F_POOL), (1, TSC_F_POOL)))
    x = b.fc(x, TSC_HIDDEN, "RELU")
    return b.softmax(b.fc(x, TSC_CLASSES))


# -- Tsinalis et al. 2016

#: Tsinalis et al. (arXiv 1610.01683, Section 2 and Table 1, recalled; the
#: pre-registered definition): the input (5 x 30-s epochs at 100 Hz), the first
#: conv's filters and kernel, the first max pool (window, stride), the second conv's
#: filters and kernel (rows = the first conv's filters), the second max pool, the
#: hidden FCs, the sleep stages
TSI_LEN = 15000
TSI_F1, TSI_K1, TSI_P1 = 20, 200, (20, 10)
TSI_F2, TSI_K2, TSI_P2 = 400, 30, (10, 2)
TSI_HIDDEN, TSI_CLASSES = (500, 500), 5


def tsinalis2016(b: NetBuilder, x: int) -> int:
    """Tsinalis et al.'s sleep CNN on ``x`` (``[1, 1, 15000, 1]``: one EEG channel,
    15,000 samples along W); returns the SOFTMAX output ``[1, 5]``.

    Tsinalis, Matthews, Guo & Zafeiriou, "Automatic Sleep Stage Scoring with
    Single-Channel EEG Using Convolutional Neural Networks", arXiv 1610.01683
    (Section 2, Table 1, recalled): the target 30-s epoch with two epochs either side
    (150 s at 100 Hz, 15,000 samples); a 1-D conv of 20 filters of 200 samples with
    ReLU; a max pool of 20, stride 10; the 20 feature maps stacked into a 20-row 2-D
    map; a 2-D conv of 400 filters 20 x 30 with ReLU; a max pool of 10, stride 2; two
    fully connected layers of 500 with ReLU; a 5-way softmax. Here (the
    pre-registered definition): CONV_2D 1x200 VALID RELU of 20 to ``[1, 1, 14801,
    20]``; MAX_POOL_2D 1x20 VALID of stride (1, 10) to ``[1, 1, 1479, 20]`` ((14,801
    - 20) / 10 floored: 1 sample dropped); TRANSPOSE by (0, 3, 2, 1) to ``[1, 20,
    1479, 1]``; CONV_2D 20x30 VALID RELU of 400 to ``[1, 1, 1450, 400]``; MAX_POOL_2D
    1x10 / (1, 2) to ``[1, 1, 721, 400]`` (exact: (1,450 - 10) / 2 = 720); RESHAPE to
    ``[1, 288400]``; FULLY_CONNECTED 500 RELU twice; FULLY_CONNECTED 5 (linear);
    SOFTMAX. 10 ops: 2 CONV_2D, 2 MAX_POOL_2D, TRANSPOSE, RESHAPE, 3 FULLY_CONNECTED,
    SOFTMAX. This graph counts 551,656,500 MACs (convs 59,204,000 = 14,801 x 20 x 200
    and 348,000,000 = 1,450 x 400 x 20 x 30; FCs 144,200,000 = 288,400 x 500, 250,000
    and 2,500) and 144,697,925 parameters (weights and biases: 4,020 + 240,400 +
    144,200,500 + 250,500 + 2,505; by hand in the test; the first FC holds 99.7 %).
    Published: no count recalled precisely enough; not pinned.

    [U] the layout (time along W, one row, one input channel); VALID convs and VALID
    pools (remainders floored); the stacking as one TRANSPOSE (0, 3, 2, 1) of the
    one-row map (no RESHAPE needed: the channel axis becomes H); the second conv
    spanning all 20 rows (VALID, to one row); the ReLUs fused into the convs and FCs;
    the flatten in NHWC order; no batch norm; biases on every conv and FC; the last FC
    linear before the SOFTMAX; dropout left out (inference).
    """
    x = b.conv(x, TSI_F1, (1, TSI_K1), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, TSI_P1[0]), (1, TSI_P1[1]))
    x = b.transpose(x, (0, 3, 2, 1))
    x = b.conv(x, TSI_F2, (TSI_F1, TSI_K2), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, TSI_P2[0]), (1, TSI_P2[1]))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for n in TSI_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.softmax(b.fc(x, TSI_CLASSES))
