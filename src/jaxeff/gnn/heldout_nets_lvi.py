"""Held-out families LVI (session 37, pre-registered in addendum 7 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
two audio CNNs whose graphs hold max pools with a stride above 3 (the domain of rule
V and of the SRAM candidate N1), SB-CNN on a 128 x 128 log-mel patch (max pools 4 x 2
/ 4 x 2) as ``sbcnn_128`` and FCN-4 on a 96 x 1,366 mel-spectrogram (max pools (2,
4), (4, 5), (3, 8), (4, 8), stride = size) as ``fcn4_96x1366``.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs,
RELU fused). Test models: no training space draws them (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_lvi.py``). Written from the papers'
definitions as recalled; no code was read. Choices the sources leave open, and ours,
are marked [U].

* :func:`sbcnn`: SB-CNN (Salamon & Bello, arXiv 1608.04363) on ``[1, 128, 128, 1]``
  (time along H, mel bands along W): CONV_2D 5x5 VALID RELU of 24, MAX_POOL_2D 4x2 /
  (4, 2), CONV_2D 5x5 VALID RELU of 48, MAX_POOL_2D 4x2 / (4, 2), CONV_2D 5x5 VALID
  RELU of 48, RESHAPE to ``[1, 2400]``, FULLY_CONNECTED 64 RELU, FULLY_CONNECTED 10,
  SOFTMAX; ``[1, 10]``. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED,
  SOFTMAX.
* :func:`fcn4`: FCN-4 (Choi, Fazekas & Sandler, arXiv 1606.00298) on ``[1, 96, 1366,
  1]`` (mel bins along H, frames along W): four CONV_2D 3x3 SAME RELU of 128, 384,
  768, 2,048, each followed by a MAX_POOL_2D VALID of (2, 4), (4, 5), (3, 8), (4, 8)
  (stride = size; 96 -> 48 -> 12 -> 4 -> 1 along H, 1,366 -> 341 -> 68 -> 8 -> 1
  along W, floored), a CONV_2D 1x1 of 50 (linear), LOGISTIC; ``[1, 1, 1, 50]``. 10
  ops: 5 CONV_2D, 4 MAX_POOL_2D, LOGISTIC.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["fcn4", "sbcnn"]


# -- SB-CNN

#: SB-CNN (arXiv 1608.04363, Section 3.1, recalled; the pre-registered definition):
#: the input patch (frames, mel bands), the three convs' filters and kernel, the
#: max pools' window (= stride; time, frequency), the hidden FC, the classes
SBCNN_IN = (128, 128)
SBCNN_FILTERS, SBCNN_K, SBCNN_POOL = (24, 48, 48), 5, (4, 2)
SBCNN_HIDDEN, SBCNN_CLASSES = 64, 10


def sbcnn(b: NetBuilder, x: int) -> int:
    """SB-CNN on ``x`` (``[1, 128, 128, 1]``: 128 frames along H, 128 mel bands along
    W); returns the SOFTMAX output ``[1, 10]``.

    Salamon & Bello, "Deep Convolutional Neural Networks and Data Augmentation for
    Environmental Sound Classification", IEEE SPL 2017, arXiv 1608.04363 (Section
    3.1, recalled): a 128 x 128 log-mel patch (3 s, 128 bands); a conv of 24 filters
    5 x 5, a (4, 2) max pool (time, frequency), ReLU; a conv of 48 5 x 5, a (4, 2)
    max pool, ReLU; a conv of 48 5 x 5, ReLU; flatten, dropout (training only), a
    dense layer of 64 with ReLU, dropout, a dense layer of 10 (UrbanSound8K's
    classes) with softmax. Here (the pre-registered definition): CONV_2D 5x5 VALID
    RELU of 24 to ``[1, 124, 124, 24]``; MAX_POOL_2D 4x2 VALID of stride (4, 2) to
    ``[1, 31, 62, 24]``; CONV_2D 5x5 VALID RELU of 48 to ``[1, 27, 58, 48]``;
    MAX_POOL_2D 4x2 / (4, 2) to ``[1, 6, 29, 48]`` (27 frames floored to 6 pools,
    the last 3 rows dropped); CONV_2D 5x5 VALID RELU of 48 to ``[1, 2, 25, 48]``;
    RESHAPE to ``[1, 2400]``; FULLY_CONNECTED 64 RELU; FULLY_CONNECTED 10 (linear);
    SOFTMAX. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
    This graph counts 57,360,640 MACs (convs 9,225,600 = 124 x 124 x 24 x 25,
    45,100,800 = 27 x 58 x 48 x 24 x 25 and 2,880,000 = 2 x 25 x 48 x 48 x 25; FCs
    153,600 = 2,400 x 64 and 640) and 241,434 parameters (weights and biases: 624 +
    28,848 + 57,648 + 153,664 + 650; by hand in the test). Published: no count
    recalled precisely enough; not pinned.

    [U] the layout (time along H, frequency along W, so the pools' stride 4 runs
    along H; the paper's (4, 2) as recalled, time first); VALID convs (pre-registered;
    the paper's padding not recalled) and VALID pools of stride equal to the window
    (odd remainders dropped); the ReLU fused into each conv (a max pool commutes with
    a ReLU, so conv-pool-ReLU equals conv-ReLU-pool); no batch norm (none recalled;
    none to fold); the flatten in NHWC order; biases on every conv and FC; the last
    FC linear before the SOFTMAX; dropout left out (inference).
    """
    for i, f in enumerate(SBCNN_FILTERS):
        x = b.conv(x, f, SBCNN_K, 1, "RELU", "VALID")
        if i < 2:
            x = b.pool(x, "max", SBCNN_POOL, SBCNN_POOL)
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(x, SBCNN_HIDDEN, "RELU")
    return b.softmax(b.fc(x, SBCNN_CLASSES))


# -- FCN-4

#: FCN-4 (arXiv 1606.00298, Table 1, recalled; the pre-registered definition): the
#: input (mel bins, frames: 29.1 s at 12 kHz, hop 256), the four convs' filters (3x3
#: SAME), the max pools after them ((frequency, time), stride = size), the tags
FCN4_IN = (96, 1366)
FCN4_FILTERS = (128, 384, 768, 2048)
FCN4_POOLS = ((2, 4), (4, 5), (3, 8), (4, 8))
FCN4_TAGS = 50


def fcn4(b: NetBuilder, x: int) -> int:
    """FCN-4 on ``x`` (``[1, 96, 1366, 1]``: 96 mel bins along H, 1,366 frames along
    W); returns the LOGISTIC output ``[1, 1, 1, 50]``.

    Choi, Fazekas & Sandler, "Automatic Tagging Using Deep Convolutional Neural
    Networks", ISMIR 2016, arXiv 1606.00298 (Section 3, Table 1, recalled): a 96 x
    1,366 log-amplitude mel-spectrogram (29.1 s of audio at 12 kHz); four layers of a
    3 x 3 conv (128, 384, 768, 2,048 filters) with batch normalisation and ReLU and a
    max pool of (2, 4), (4, 5), (3, 8), (4, 8), reducing the map to 1 x 1; an output
    layer of 50 sigmoid units (the MagnaTagATune top-50 tags). Here (the
    pre-registered definition): CONV_2D 3x3 SAME RELU of 128 (batch norm folded) to
    ``[1, 96, 1366, 128]``; MAX_POOL_2D 2x4 VALID of stride (2, 4) to ``[1, 48, 341,
    128]`` (1,366 frames floored: the last 2 dropped); CONV_2D 3x3 SAME RELU of 384;
    MAX_POOL_2D 4x5 / (4, 5) to ``[1, 12, 68, 384]`` (341 floored: 1 dropped);
    CONV_2D 3x3 SAME RELU of 768; MAX_POOL_2D 3x8 / (3, 8) to ``[1, 4, 8, 768]`` (68
    floored: 4 dropped); CONV_2D 3x3 SAME RELU of 2,048; MAX_POOL_2D 4x8 / (4, 8) to
    ``[1, 1, 1, 2048]`` (exactly: 4 / 4 and 8 / 8); CONV_2D 1x1 of 50 (linear);
    LOGISTIC. 10 ops: 5 CONV_2D, 4 MAX_POOL_2D, LOGISTIC. This graph counts
    10,010,669,056 MACs (convs 151,068,672 = 96 x 1,366 x 128 x 9, 7,240,679,424 = 48
    x 341 x 384 x 128 x 9, 2,165,833,728 = 12 x 68 x 768 x 384 x 9, 452,984,832 = 4 x
    8 x 2,048 x 768 x 9; the output conv 102,400 = 2,048 x 50) and 17,359,282
    parameters (weights and biases: 1,280 + 442,752 + 2,654,976 + 14,157,824 +
    102,450; by hand in the test). Published: no count recalled precisely enough;
    not pinned.

    [U] the layout (mel bins along H, frames along W; the pools' first size on the
    frequency axis, as recalled); SAME convs (pre-registered); VALID pools of stride
    equal to the window, the remainders along W floored (2, 1 and 4 frames dropped;
    the final pool covers the 4 x 8 map exactly, so no choice is needed there); each
    batch norm folded into its conv, the ReLU fused; no input normalisation (a batch
    norm on the input, if the paper has one, left out); the output layer a 1x1
    CONV_2D of 50 with a bias on the 1 x 1 map (pre-registered, rather than a
    RESHAPE and FULLY_CONNECTED: the same MACs and weights), linear, then a
    standalone LOGISTIC; the output kept ``[1, 1, 1, 50]`` (no RESHAPE); dropout
    left out (inference).
    """
    for f, p in zip(FCN4_FILTERS, FCN4_POOLS, strict=True):
        x = b.conv(x, f, 3, 1, "RELU")
        x = b.pool(x, "max", p, p)
    return b.act(b.conv(x, FCN4_TAGS, 1), "LOGISTIC")
