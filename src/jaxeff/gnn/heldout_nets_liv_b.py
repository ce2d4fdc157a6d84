"""Held-out families LIV, part B (session 37, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
the sleep-staging CNN of Chambon et al. 2018, a linear spatial filter across the EEG
channels, two 1-D convs with 1-D max pools of stride 16, a flatten and a 5-class
SOFTMAX, as ``chambon2018_2x3840``.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; RELU fused into the convs). The
EEG channels lie along H and time along W (``[1, 2, 3840, 1]``); after the spatial
conv (kernel 2 x 1 VALID) the map is one row, ``[1, 1, 3840, 2]``, every 1-D conv a
CONV_2D of kernel height 1 and every 1-D pool a MAX_POOL_2D of height 1 (the form of
:mod:`jaxeff.gnn.heldout_nets_xlix_c`). A test model: no training space draws it
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_liv_b.py``).
Written from the paper's definition as recalled; no code was read. Choices the
source leaves open, and ours, are marked [U].

* :func:`chambon2018`: Chambon, Galtier, Arnal, Wainrib & Gramfort, "A deep learning
  architecture for temporal sleep stage classification using multivariate and
  multimodal time series", IEEE TNSRE 2018, arXiv 1707.03321, on 2 EEG channels x 30
  s at 128 Hz, ``[1, 2, 3840, 1]``: CONV_2D 2x1 VALID of 2 (linear, the spatial
  filter), CONV_2D 1x64 SAME RELU of 8, MAX_POOL_2D 1x16 / 16, CONV_2D 1x64 SAME RELU
  of 8, MAX_POOL_2D 1x16 / 16, RESHAPE to ``[1, 120]``, FULLY_CONNECTED to 5,
  SOFTMAX; ``[1, 5]``. 8 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE, FULLY_CONNECTED,
  SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["chambon2018"]


# -- Chambon et al. 2018

#: Chambon et al. (arXiv 1707.03321, Section II and Fig. 1, recalled; the
#: pre-registered definition): the EEG channels and samples of the input (30 s at
#: 128 Hz), the spatial filters (as many as channels), the temporal convs' filters
#: and kernel, the max pools' window (= stride), the classes
CHAMBON_CH, CHAMBON_LEN = 2, 3840
CHAMBON_SPATIAL, CHAMBON_FILTERS, CHAMBON_K, CHAMBON_POOL = 2, 8, 64, 16
CHAMBON_CLASSES = 5


def chambon2018(b: NetBuilder, x: int) -> int:
    """Chambon et al.'s sleep-staging CNN on ``x`` (``[1, 2, 3840, 1]``: 2 EEG
    channels along H, 3,840 samples along W); returns the SOFTMAX output ``[1, 5]``.

    Chambon, Galtier, Arnal, Wainrib & Gramfort, "A deep learning architecture for
    temporal sleep stage classification using multivariate and multimodal time
    series", arXiv 1707.03321 (Section II, Fig. 1, recalled): a linear spatial
    filtering layer (C virtual channels, each a linear combination of the C input
    channels; no activation), then two blocks of a temporal conv of 8 filters of
    kernel 64 samples (0.5 s at 128 Hz) with ReLU and a max pool of 16 (stride 16);
    flatten, dropout (training only), a dense layer to the 5 sleep stages with a
    softmax. Here (the pre-registered definition): CONV_2D 2x1 VALID of 2 (linear) to
    ``[1, 1, 3840, 2]``; CONV_2D 1x64 SAME RELU of 8 to ``[1, 1, 3840, 8]``;
    MAX_POOL_2D 1x16 VALID of stride (1, 16) to ``[1, 1, 240, 8]``; CONV_2D 1x64 SAME
    RELU of 8; MAX_POOL_2D 1x16 / 16 to ``[1, 1, 15, 8]``; RESHAPE to ``[1, 120]``;
    FULLY_CONNECTED to 5 (linear); SOFTMAX. 8 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE,
    FULLY_CONNECTED, SOFTMAX. This graph counts 4,931,160 MACs (the spatial conv
    15,360 = 3,840 x 2 x 2; the first temporal conv 3,932,160 = 3,840 x 2 x 8 x 64;
    the second 983,040 = 240 x 8 x 8 x 64; the FC 600 = 120 x 5) and 5,747
    parameters (weights and biases: 6 + 1,032 + 4,104 + 605; by hand in the test).
    Published: no count recalled precisely enough; not pinned.

    [U] the layout (channels along H, time along W, one input channel); the spatial
    filter as a 2x1 VALID CONV_2D of 2 filters with a bias, linear (as the paper's
    linear spatial filtering, recalled), its output a one-row map whose 2 virtual
    channels are the temporal convs' input channels (the pre-registered
    ``[1, 1, 3840, 2]``; the paper's temporal convs, recalled, slide a 1 x 64 kernel
    over each virtual channel as a row of a C x T image, which would double the
    second conv's MACs and the flatten's length); SAME zero padding on the temporal
    convs; the pools VALID of stride equal to the window (3,840 and 240 divide by
    16); no batch norm; biases on every conv (NetBuilder's) and on the FC; the FC
    linear before the SOFTMAX; dropout left out (inference).
    """
    x = b.conv(x, CHAMBON_SPATIAL, (b.shape(x)[1], 1), 1, "NONE", "VALID")
    for _ in range(2):
        x = b.conv(x, CHAMBON_FILTERS, (1, CHAMBON_K), 1, "RELU")
        x = b.pool(x, "max", (1, CHAMBON_POOL), (1, CHAMBON_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    return b.softmax(b.fc(x, CHAMBON_CLASSES))
