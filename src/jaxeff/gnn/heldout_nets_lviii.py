"""Held-out families LVIII, part A (session 38, pre-registered in section 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built):
two environmental-sound CNNs, EnvNet on 24,014 raw samples as ``envnet_24014`` (a
max pool of stride 160: rule V; an 8x13 conv on the one-channel stacked map: rule Z)
and Piczak's ESC CNN on a 60 x 41 x 2 log-mel patch as ``piczak_esc_60x41`` (a
57x6 conv on two input channels, outside rule Z's domain: 144 output pixels, below its
1,000).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias). Test models: no training space
draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lviii.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`envnet`: EnvNet (Tokozume & Harada, ICASSP 2017) on ``[1, 1, 24014, 1]``:
  CONV_2D 1x8 VALID RELU of 40 twice, MAX_POOL_2D 1x160 / 160, TRANSPOSE to ``[1, 40,
  150, 1]`` (the 40 maps stacked as rows), CONV_2D 8x13 VALID RELU of 50, MAX_POOL_2D
  3x3 / 3, CONV_2D 1x5 VALID RELU of 50, MAX_POOL_2D 1x3 / 3, RESHAPE to ``[1,
  7700]``, FULLY_CONNECTED 4096 RELU twice, FULLY_CONNECTED 50, SOFTMAX; ``[1, 50]``.
  13 ops: 4 CONV_2D, 3 MAX_POOL_2D, TRANSPOSE, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`piczak_esc`: Piczak's ESC CNN (Piczak, MLSP 2015, long-segment variant) on
  ``[1, 60, 41, 2]``: CONV_2D 57x6 VALID RELU of 80, MAX_POOL_2D 4x3 of stride (1,
  3), CONV_2D 1x3 VALID RELU of 80, MAX_POOL_2D 1x3 / (1, 3), RESHAPE to ``[1,
  240]``, FULLY_CONNECTED 5000 RELU twice, FULLY_CONNECTED 50, SOFTMAX; ``[1, 50]``.
  9 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlii import _flat_fc_head

__all__ = ["envnet", "piczak_esc"]


# -- EnvNet

#: EnvNet (Tokozume & Harada, ICASSP 2017, Table 1, recalled; the pre-registered
#: definition): the input length (1.5 s at 16 kHz plus the two raw convs' receptive
#: field [U]), the raw convs (filters, taps), the raw max pool (window = stride), the
#: 2-D convs (filters, kernel (h, w)) each with its max pool (window, stride), the
#: hidden FCs, the classes (ESC-50)
ENVNET_LEN = 24014
ENVNET_RAW, ENVNET_RAW_POOL = ((40, 8), (40, 8)), 160
ENVNET_CONVS = ((50, (8, 13), ((3, 3), (3, 3))), (50, (1, 5), ((1, 3), (1, 3))))
ENVNET_FC, ENVNET_CLASSES = (4096, 4096), 50


def envnet(b: NetBuilder, x: int) -> int:
    """EnvNet on ``x`` (``[1, 1, 24014, 1]``: 24,014 raw samples along W); returns
    the SOFTMAX output ``[1, 50]``.

    Tokozume & Harada, "Learning environmental sounds with end-to-end convolutional
    neural network", ICASSP 2017 (Table 1, recalled): raw audio of about 1.5 s at 16
    kHz; conv1 and conv2 40 filters of (1, 8), ReLU; pool2 max (1, 160), stride 160;
    the 40 feature maps swapped into the height (a 40-row time-frequency-like map of
    one channel); conv3 50 filters of (8, 13), ReLU; pool3 max (3, 3), stride 3;
    conv4 50 filters of (1, 5), ReLU; pool4 max (1, 3), stride 3; fc5 and fc6 4,096
    with ReLU (dropout); fc7 to 50 classes (ESC-50); softmax. Here (the
    pre-registered definition): CONV_2D 1x8 VALID RELU of 40 to ``[1, 1, 24007,
    40]``; CONV_2D 1x8 VALID RELU of 40 to ``[1, 1, 24000, 40]``; MAX_POOL_2D 1x160
    VALID of stride (1, 160) to ``[1, 1, 150, 40]`` (exact: 24,000 / 160); TRANSPOSE
    by (0, 3, 2, 1) to ``[1, 40, 150, 1]``; CONV_2D 8x13 VALID RELU of 50 to ``[1,
    33, 138, 50]``; MAX_POOL_2D 3x3 / (3, 3) to ``[1, 11, 46, 50]`` (exact: 33 = 3 x
    11, 138 = 3 x 46); CONV_2D 1x5 VALID RELU of 50 to ``[1, 11, 42, 50]``;
    MAX_POOL_2D 1x3 / (1, 3) to ``[1, 11, 14, 50]`` (exact: 42 = 3 x 14); RESHAPE to
    ``[1, 7700]``; FULLY_CONNECTED 4096 RELU twice; FULLY_CONNECTED 50 (linear);
    SOFTMAX. 13 ops: 4 CONV_2D, 3 MAX_POOL_2D, TRANSPOSE, RESHAPE, 3 FULLY_CONNECTED,
    SOFTMAX. This graph counts 392,859,256 MACs (convs 7,682,240 = 24,007 x 40 x 8,
    307,200,000 = 24,000 x 40 x 40 x 8, 23,680,800 = 33 x 138 x 50 x 104 and
    5,775,000 = 11 x 42 x 50 x 50 x 5; FCs 31,539,200 = 7,700 x 4,096, 16,777,216 and
    204,800) and 48,560,458 parameters (weights and biases: 360 + 12,840 + 5,250 +
    12,550 + 31,543,296 + 16,781,312 + 204,850; by hand in the test; the FCs hold
    99.9 %). Published: no count recalled precisely enough; not pinned.

    [U] the input length 24,014 (1.5 s at 16 kHz = 24,000 samples after the two
    VALID 1x8 convs, so that pool2 gives 150 frames exactly); the layout (time along
    W, one row, one input channel); VALID convs and VALID pools; the stacking as one
    TRANSPOSE (0, 3, 2, 1) of the one-row map (no RESHAPE needed: the channel axis
    becomes H); batch norms (if any) folded into the conv biases; the ReLUs fused
    into the convs and hidden FCs; the flatten in NHWC order (the original is
    channel-major: the same FC up to a permutation of its weights); biases on every
    conv and FC; the last FC linear before the SOFTMAX; dropout left out (inference).
    """
    for c, k in ENVNET_RAW:
        x = b.conv(x, c, (1, k), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, ENVNET_RAW_POOL), (1, ENVNET_RAW_POOL))
    x = b.transpose(x, (0, 3, 2, 1))
    for c, k, (window, stride) in ENVNET_CONVS:
        x = b.conv(x, c, k, 1, "RELU", "VALID")
        x = b.pool(x, "max", window, stride)
    return _flat_fc_head(b, x, ENVNET_FC, ENVNET_CLASSES)


# -- Piczak's ESC CNN

#: Piczak (MLSP 2015, Section 2, long-segment variant, recalled; the pre-registered
#: definition): the input (60 mel bands x 41 frames, log-mel and deltas as two
#: channels), the first conv (filters, kernel) and max pool (window, stride), the
#: second conv and max pool, the hidden FCs, the classes (ESC-50)
PICZAK_IN = (60, 41, 2)
PICZAK_CONVS = ((80, (57, 6), ((4, 3), (1, 3))), (80, (1, 3), ((1, 3), (1, 3))))
PICZAK_FC, PICZAK_CLASSES = (5000, 5000), 50


def piczak_esc(b: NetBuilder, x: int) -> int:
    """Piczak's ESC CNN on ``x`` (``[1, 60, 41, 2]``: 60 mel bands along H, 41
    frames along W, log-mel and deltas as the channels); returns the SOFTMAX output
    ``[1, 50]``.

    Piczak, "Environmental sound classification with convolutional neural
    networks", MLSP 2015 (Section 2, recalled): long segments of 41 frames of 60
    mel bands with their deltas as a second channel; a first conv of 80 filters 57 x
    6 (bands x frames) with ReLU, a max pool of 4 x 3 with stride 1 x 3; a second
    conv of 80 filters 1 x 3 with ReLU, a max pool 1 x 3 with stride 1 x 3; two
    fully connected layers of 5,000 with ReLU (dropout); a softmax over the classes.
    Here (the pre-registered definition): CONV_2D 57x6 VALID RELU of 80 to ``[1, 4,
    36, 80]``; MAX_POOL_2D 4x3 VALID of stride (1, 3) to ``[1, 1, 12, 80]`` (the 4x3
    window fits the 4 x 36 map: (4 - 4) / 1 + 1 = 1 row, 36 = 3 x 12 exact);
    CONV_2D 1x3 VALID RELU of 80 to ``[1, 1, 10, 80]``; MAX_POOL_2D 1x3 / (1, 3) to
    ``[1, 1, 3, 80]`` ((10 - 3) / 3 floored: 1 frame dropped); RESHAPE to ``[1,
    240]``; FULLY_CONNECTED 5000 RELU twice; FULLY_CONNECTED 50 (linear); SOFTMAX. 9
    ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. This graph
    counts 34,521,680 MACs (convs 7,879,680 = 4 x 36 x 80 x 57 x 6 x 2 and 192,000 =
    10 x 80 x 80 x 3; FCs 1,200,000 = 240 x 5,000, 25,000,000 and 250,000) and
    26,534,130 parameters (weights and biases: 54,800 + 19,280 + 1,205,000 +
    25,005,000 + 250,050; by hand in the test; the second FC holds 94.2 %).
    Published: no count recalled precisely enough; not pinned.

    [U] the layout (mel bands along H, frames along W, log-mel and deltas as two
    input channels); VALID convs and VALID pools (remainders floored); the ReLUs
    fused into the convs and hidden FCs; no batch norm; the flatten in NHWC order;
    biases on every conv and FC; the last FC linear before the SOFTMAX; 50 classes
    (ESC-50); dropout left out (inference).
    """
    for c, k, (window, stride) in PICZAK_CONVS:
        x = b.conv(x, c, k, 1, "RELU", "VALID")
        x = b.pool(x, "max", window, stride)
    return _flat_fc_head(b, x, PICZAK_FC, PICZAK_CLASSES)
