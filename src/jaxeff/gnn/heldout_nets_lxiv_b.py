"""Held-out families LXIV, part B (session 40, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s40/PREREGISTERED.md`` before being built):
two 1-D CNNs whose one-row convs on 16+ channels at a small output width lie in
W1's domain (Ronao's 2nd and 3rd, 1x9 on 96 / 192 channels at OW 42 / 14;
Yildirim's last three, 1x15 / 1x5 / 1x3 on 128-512 channels at OW 31 / 11 / 9), the
samples along W, one row.

* :func:`ronao_har_cnn`: Ronao and Cho's HAR convnet as ``ronao_har_cnn_128x6`` on
  ``[1, 1, 128, 6]`` (a window of 128 samples of a tri-axial accelerometer and
  gyroscope): three blocks of CONV_2D 1x9 SAME + RELU (96, 192, 192 filters) and a
  MAX_POOL_2D 1x3 / 3 VALID (128 -> 42 -> 14 -> 4, floored); RESHAPE to ``[1, 768]``;
  FULLY_CONNECTED 1000 RELU, FULLY_CONNECTED 6, SOFTMAX; ``[1, 6]``. 10 ops: 3
  CONV_2D, 3 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`yildirim_arrhythmia_ecg`: Yildirim et al.'s 16-layer arrhythmia CNN as
  ``yildirim_arrhythmia_ecg_3600`` on ``[1, 1, 3600, 1]`` (a 10 s ECG fragment at
  360 Hz, one lead): seven VALID CONV_2D + RELU (1x50 / 3 of 128 on one channel:
  rule Z's domain; 1x7 of 32, 1x10 of 32, 1x5 / 2 of 128, 1x15 of 256, 1x5 of 512,
  1x3 of 128) with four VALID MAX_POOL_2D 1x2 (strides 3, 2, 2, 2; floored);
  RESHAPE to ``[1, 1152]``; FULLY_CONNECTED 512 RELU, FULLY_CONNECTED 17, SOFTMAX;
  ``[1, 17]``. 15 ops: 7 CONV_2D, 4 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED,
  SOFTMAX.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, ReLU fused into the conv
or FC). Test models: no training space draws them (``models.json``'s overlap,
pinned in the test). Written from the papers' definitions as recalled; no code was
read. Choices the sources leave open, and ours, are marked [U].

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["ronao_har_cnn", "yildirim_arrhythmia_ecg"]


# -- Ronao and Cho 2016

#: Ronao and Cho's HAR convnet (recalled; the pre-registered definition): the input
#: (samples of one window; accelerometer and gyroscope axes), the convs' filters and
#: taps, the max pools (window = stride), the hidden FC, the classes (six activities)
RONAO_LEN, RONAO_AXES = 128, 6
RONAO_FILTERS, RONAO_K = (96, 192, 192), 9
RONAO_POOL = 3
RONAO_HIDDEN, RONAO_CLASSES = 1000, 6


def ronao_har_cnn(b: NetBuilder, x: int) -> int:
    """Ronao and Cho's HAR convnet on ``x`` (``[1, 1, 128, 6]``: a window of 128
    samples along W, the six sensor axes as channels); returns the SOFTMAX output
    ``[1, 6]``.

    Ronao and Cho, "Human activity recognition with smartphone sensors using deep
    learning neural networks", Expert Systems with Applications 59 (2016) 235-244
    (recalled): a 1-D convnet on windows of 128 samples (2.56 s at 50 Hz) of the
    tri-axial accelerometer and gyroscope; three convolutions of 96, 192 and 192
    filters of 9 samples, each with ReLU and a max pool of 3; a fully connected layer
    of 1000 with ReLU; softmax over six activities. Here (the pre-registered
    definition): CONV_2D 1x9 SAME of 96 + RELU to ``[1, 1, 128, 96]``, MAX_POOL_2D
    1x3 / (1, 3) VALID to ``[1, 1, 42, 96]`` (128 = 3 x 42 + 2: 2 floored); CONV_2D
    1x9 of 192 + RELU to ``[1, 1, 42, 192]``, pool to 14 (exact); CONV_2D 1x9 of 192
    + RELU to ``[1, 1, 14, 192]``, pool to 4 (14 = 3 x 4 + 2: 2 floored); RESHAPE to
    ``[1, 768]``; FULLY_CONNECTED 1000 + RELU; FULLY_CONNECTED 6 (linear); SOFTMAX.
    10 ops: 3 CONV_2D, 3 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX. This graph
    counts 13,049,712 MACs (convs 663,552 = 128 x 6 x 96 x 9, 6,967,296 = 42 x 96 x
    192 x 9 and 4,644,864 = 14 x 192 x 192 x 9; FCs 768,000 = 768 x 1000 and 6,000 =
    1000 x 6) and 1,278,334 parameters (weights and biases: 5,280 + 166,080 +
    331,968 + 769,000 + 6,006; by hand in the test). Published: no count recalled
    precisely enough; not pinned.

    [U] SAME convs (pre-registered: VALID would leave no width), VALID pools of
    stride equal to the window with floors (pre-registered); the layout (time along
    W, one row, the axes as channels); ReLU fused into the convs and the FC 1000; the
    flatten in NHWC order; no batch norm or local response normalisation; biases on
    every conv and FC; the last FC linear before the SOFTMAX; dropout left out
    (inference).
    """
    for filters in RONAO_FILTERS:
        x = b.conv(x, filters, (1, RONAO_K), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, RONAO_POOL), (1, RONAO_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(x, RONAO_HIDDEN, "RELU")
    return b.softmax(b.fc(x, RONAO_CLASSES))


# -- Yildirim, Plawiak, Tan and Acharya 2018

#: Yildirim et al.'s 16-layer arrhythmia CNN (recalled; the pre-registered
#: definition): the input (samples of a 10 s fragment at 360 Hz; one lead), the
#: convs as (filters, taps, stride), each followed by a max pool 1x2 of the given
#: stride or by none, the hidden FC, the classes (17 rhythm classes)
YIL_LEN, YIL_LEADS = 3600, 1
YIL_CONVS = ((128, 50, 3), (32, 7, 1), (32, 10, 1), (128, 5, 2), (256, 15, 1),
             (512, 5, 1), (128, 3, 1))
YIL_POOLS = (3, 2, None, 2, 2, None, None)
YIL_POOL = 2
YIL_HIDDEN, YIL_CLASSES = 512, 17


def yildirim_arrhythmia_ecg(b: NetBuilder, x: int) -> int:
    """Yildirim et al.'s arrhythmia CNN on ``x`` (``[1, 1, 3600, 1]``: a 10 s ECG
    fragment of 3,600 samples along W, one lead as the channel); returns the SOFTMAX
    output ``[1, 17]``.

    Yildirim, Plawiak, Tan and Acharya, "Arrhythmia detection using deep
    convolutional neural network with long duration ECG signals", Computers in
    Biology and Medicine 102 (2018) 411-420 (recalled): a 16-layer 1-D CNN on 10 s
    fragments (3,600 samples at 360 Hz, MIT-BIH lead MLII) classifying 17 rhythm
    classes. Here (the pre-registered definition, every layer detail as recalled):
    CONV_2D 1x50 / (1, 3) VALID of 128 + RELU to ``[1, 1, 1184, 128]`` (3,550 = 3 x
    1,183 + 1: 1 floored), MAX_POOL_2D 1x2 / (1, 3) VALID to ``[1, 1, 395, 128]``
    (1,182 = 3 x 394); CONV_2D 1x7 of 32 + RELU to ``[1, 1, 389, 32]``, MAX_POOL_2D
    1x2 / 2 to 194 (389 odd: 1 floored); CONV_2D 1x10 of 32 + RELU to ``[1, 1, 185,
    32]``; CONV_2D 1x5 / (1, 2) of 128 + RELU to ``[1, 1, 91, 128]`` (180 even:
    exact), pool to 45 (91 odd: 1 floored); CONV_2D 1x15 of 256 + RELU to ``[1, 1,
    31, 256]``, pool to 15 (31 odd: 1 floored); CONV_2D 1x5 of 512 + RELU to ``[1, 1,
    11, 512]``; CONV_2D 1x3 of 128 + RELU to ``[1, 1, 9, 128]``; RESHAPE to ``[1,
    1152]``; FULLY_CONNECTED 512 + RELU; FULLY_CONNECTED 17 (linear); SOFTMAX. 15
    ops: 7 CONV_2D, 4 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX. This graph
    counts 47,303,168 MACs (convs 7,577,600 = 1,184 x 1 x 128 x 50, 11,153,408 =
    389 x 128 x 32 x 7, 1,894,400 = 185 x 32 x 32 x 10, 1,863,680 = 91 x 32 x 128 x
    5, 15,237,120 = 31 x 128 x 256 x 15, 7,208,960 = 11 x 256 x 512 x 5 and
    1,769,472 = 9 x 512 x 128 x 3; FCs 589,824 = 1,152 x 512 and 8,704 = 512 x 17)
    and 2,009,553 parameters (weights and biases: 6,528 + 28,704 + 10,272 + 20,608 +
    491,776 + 655,872 + 196,736 + 590,336 + 8,721; by hand in the test). Published:
    no count recalled precisely enough; not pinned.

    [U] every layer detail as recalled (pre-registered); ReLU fused after every conv
    and the first FC; batch norm folded (absent at inference); VALID convs and pools
    with floors (pre-registered); the first pool's stride 3 over a window of 2 (as
    recalled); the layout (time along W, one row, one channel); the flatten a
    RESHAPE in NHWC order; biases on every conv and FC; the last FC linear before
    the SOFTMAX; dropout left out (inference).
    """
    for (filters, k, stride), pool in zip(YIL_CONVS, YIL_POOLS, strict=True):
        x = b.conv(x, filters, (1, k), (1, stride), "RELU", "VALID")
        if pool is not None:
            x = b.pool(x, "max", (1, YIL_POOL), (1, pool))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(x, YIL_HIDDEN, "RELU")
    return b.softmax(b.fc(x, YIL_CLASSES))
