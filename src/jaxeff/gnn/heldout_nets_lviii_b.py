"""Held-out families LVIII, part B (session 38, pre-registered in section 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built):
Ignatov's human-activity-recognition CNN on a window of 128 samples of 3
accelerometer axes as ``ignatov_har_128``, a narrow-input long-kernel conv (3 input
channels, 16 taps: the domain of rule Z) followed by a max pool of stride 4 (rule V).

The pre-registration's other part-B model, SampleCNN 3^9 (``samplecnn_59049``), is
not rebuilt here: the held-out set already holds it under that name (session 33,
:func:`jaxeff.gnn.heldout_nets_xli.samplecnn`, registered in ``SESSION33C``), and the
pre-registered definition is that graph op for op (pinned in
``tests/gnn/test_heldout_nets_lviii_b.py``).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias). The samples lie along W, the axes
as channels. Test model: no training space draws it (``models.json``'s overlap,
pinned in the test). Written from the paper's definition as recalled; no code was
read. Choices the source leaves open, and ours, are marked [U].

* :func:`ignatov_har`: Ignatov 2018 (Applied Soft Computing 62) on ``[1, 1, 128,
  3]``: CONV_2D 1x16 VALID RELU of 196, MAX_POOL_2D 1x4 / 4, RESHAPE to ``[1,
  5488]``, FULLY_CONNECTED 1024 RELU, FULLY_CONNECTED 6, SOFTMAX; ``[1, 6]``. 6 ops:
  CONV_2D, MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["ignatov_har"]


# -- Ignatov 2018

#: Ignatov's HAR CNN (Applied Soft Computing 2018, Section 3, recalled; the
#: pre-registered definition): the input (samples: UCI-HAR's 2.56 s at 50 Hz [U];
#: accelerometer axes), the conv's filters and taps, the max pool (window = stride),
#: the hidden FC, the activities
IGN_LEN, IGN_AXES = 128, 3
IGN_FILTERS, IGN_K, IGN_POOL = 196, 16, 4
IGN_HIDDEN, IGN_CLASSES = 1024, 6


def ignatov_har(b: NetBuilder, x: int) -> int:
    """Ignatov's HAR CNN on ``x`` (``[1, 1, 128, 3]``: 128 samples along W, the 3
    accelerometer axes as channels); returns the SOFTMAX output ``[1, 6]``.

    Ignatov, "Real-time human activity recognition from accelerometer data using
    Convolutional Neural Networks", Applied Soft Computing 62 (2018) 915-922
    (Section 3, Fig. 2, recalled): a window of accelerometer samples of the three
    axes; one convolutional layer of 196 filters of 16 samples with ReLU; a max pool
    of 4 (stride 4); the flattened maps concatenated with 40 statistical features of
    the window; a fully connected layer of 1,024 with ReLU and dropout; a softmax
    over the activities (6 on UCI-HAR). Here (the pre-registered definition):
    CONV_2D 1x16 VALID RELU of 196 to ``[1, 1, 113, 196]``; MAX_POOL_2D 1x4 VALID of
    stride (1, 4) to ``[1, 1, 28, 196]`` (113 floored: 1 sample dropped); RESHAPE to
    ``[1, 5488]``; FULLY_CONNECTED 1024 RELU; FULLY_CONNECTED 6 (linear); SOFTMAX. 6
    ops: CONV_2D, MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX. This graph counts
    6,688,960 MACs (conv 1,063,104 = 113 x 196 x 3 x 16; FCs 5,619,712 = 5,488 x
    1,024 and 6,144 = 1,024 x 6) and 5,636,490 parameters (weights and biases: 9,604
    + 5,620,736 + 6,150; by hand in the test; the first FC holds 99.7 %). Published:
    no count recalled precisely enough; not pinned.

    [U] the window of 128 samples (UCI-HAR's 2.56 s at 50 Hz; the pre-registered
    length); the layout (time along W, one row, the axes as channels); the 40
    statistical features concatenated before the hidden FC left out (the
    pre-registered choice: the FC reads the 5,488 conv features only); VALID conv
    and pool (pre-registered), the pool's remainder floored; the RELUs fused into the
    conv and the FC; the flatten in NHWC order; no batch norm; biases on the conv and
    every FC; the last FC linear before the SOFTMAX; dropout left out (inference).
    """
    x = b.conv(x, IGN_FILTERS, (1, IGN_K), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, IGN_POOL), (1, IGN_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(x, IGN_HIDDEN, "RELU")
    return b.softmax(b.fc(x, IGN_CLASSES))
