"""Held-out families LXIX, part B (session 42, pre-registered in section 4 of
``docs/evidence/perfsage-cpu-2026-12-07-s42/PREREGISTERED.md`` before being built):
two independently published seismic 1-D CNNs on three-component waveforms, the
samples along W, one row, the three components as channels. Built by a helper who
prints only names and ``npu_full``; nothing is chosen on them.

* :func:`convnetquake`: Perol, Gharbi and Denolle's ConvNetQuake as
  ``convnetquake_1000x3`` on ``[1, 1, 1000, 3]`` (10 s at 100 Hz): eight CONV_2D 1x3
  / (1, 2) SAME + RELU of 32 filters (500, 250, 125, 63, 32, 16, 8, 4; the odd
  widths 125 and 63 are the pre-registered candidate O2's domain); RESHAPE to ``[1,
  128]``; FULLY_CONNECTED 7 (six clusters and noise), SOFTMAX; ``[1, 7]``. 11 ops: 8
  CONV_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
* :func:`gpd`: Ross, Meier, Hauksson and Heaton's Generalized Phase Detection as
  ``gpd_400x3`` on ``[1, 1, 400, 3]`` (4 s at 100 Hz): four blocks of CONV_2D SAME +
  RELU (32 x 1x21, 64 x 1x15, 128 x 1x11, 256 x 1x9) and a MAX_POOL_2D 1x2 / 2 VALID
  (400 -> 200 -> 100 -> 50 -> 25); RESHAPE to ``[1, 6400]``; FULLY_CONNECTED 200 RELU,
  FULLY_CONNECTED 200 RELU, FULLY_CONNECTED 3 (P, S, noise), SOFTMAX; ``[1, 3]``. 13
  ops: 4 CONV_2D, 4 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. Neutral (neither
  pre-registered candidate's domain): a no-harm check.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, ReLU fused into the conv or
FC). Test models: no training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxix_b.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked
[U].

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["convnetquake", "gpd"]


# -- Perol, Gharbi and Denolle 2018

#: ConvNetQuake (recalled; the pre-registered definition): the input (samples of a
#: 10 s window at 100 Hz; three components), the conv layers, their filters, taps
#: and stride along time, the classes (six clusters + noise)
CNQ_LEN, CNQ_COMPONENTS = 1000, 3
CNQ_LAYERS, CNQ_FILTERS, CNQ_K, CNQ_STRIDE = 8, 32, 3, 2
CNQ_CLASSES = 7


def convnetquake(b: NetBuilder, x: int) -> int:
    """ConvNetQuake on ``x`` (``[1, 1, 1000, 3]``: 1,000 samples along W, the three
    components as channels); returns the SOFTMAX output ``[1, 7]``.

    Perol, Gharbi and Denolle, "Convolutional neural network for earthquake
    detection and location", Science Advances 4 (2018) e1700578 (recalled): 10 s
    three-component windows at 100 Hz; eight convolutional layers of 32 filters of
    size 3 with stride 2 and ReLU, no pooling, the time axis halved by each; the
    last feature map (4 x 32) flattened to 128 features; one fully connected layer to
    6 geographic clusters + 1 noise class; softmax. Here (the pre-registered
    definition): eight CONV_2D 32 1x3 / (1, 2) SAME + RELU to widths 500, 250, 125,
    63, 32, 16, 8, 4 (ceil(W / 2)); RESHAPE to ``[1, 128]``; FULLY_CONNECTED 7
    (linear); SOFTMAX. 11 ops: 8 CONV_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.

    This graph counts 1,674,752 MACs: conv 1 144,000 (500 x 3 x 32 x 3); convs 2-8
    W x 32 x 32 x 3 = W x 3,072 at W = 250, 125, 63, 32, 16, 8, 4 (768,000, 384,000,
    193,536, 98,304, 49,152, 24,576, 12,288; 1,529,856 in all); FC 896 (128 x 7). It
    has 22,951 parameters (weights and biases): conv 1 320 (3 x 3 x 32 + 32); convs
    2-8 3,104 each (3 x 32 x 32 + 32; 21,728); FC 903 (128 x 7 + 7) (by hand in the
    test). Published: no count recalled precisely enough; not pinned.

    [U] SAME padding (the widths 125 -> 63 -> 32 are ceilings, as pre-registered);
    the layout (time along W, one row, the components as channels); ReLU fused into
    every conv; no batch norm; biases on every conv and the FC; the flatten a RESHAPE
    in NHWC order; the FC linear before a standalone SOFTMAX; the input normalisation
    left out (a per-window scaling before the network).
    """
    for _ in range(CNQ_LAYERS):
        x = b.conv(x, CNQ_FILTERS, (1, CNQ_K), (1, CNQ_STRIDE), "RELU", "SAME")
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    return b.softmax(b.fc(x, CNQ_CLASSES))


# -- Ross, Meier, Hauksson and Heaton 2018

#: Generalized Phase Detection (recalled; the pre-registered definition): the input
#: (samples of a 4 s window at 100 Hz; three components), the convs as (filters,
#: taps), the max pools (window = stride), the hidden FCs, the classes (P, S, noise)
GPD_LEN, GPD_COMPONENTS = 400, 3
GPD_CONVS = ((32, 21), (64, 15), (128, 11), (256, 9))
GPD_POOL = 2
GPD_HIDDEN, GPD_CLASSES = (200, 200), 3


def gpd(b: NetBuilder, x: int) -> int:
    """Generalized Phase Detection on ``x`` (``[1, 1, 400, 3]``: 400 samples along W,
    the three components as channels); returns the SOFTMAX output ``[1, 3]``.

    Ross, Meier, Hauksson and Heaton, "Generalized seismic phase detection with deep
    learning", Bulletin of the Seismological Society of America 108(5A) (2018)
    2894-2901 (recalled): 4 s three-component windows at 100 Hz; four convolutional
    layers of 32, 64, 128 and 256 filters with kernels of 21, 15, 11 and 9 samples,
    each with batch normalisation, ReLU and a max pool of 2; two fully connected
    layers of 200 with batch normalisation and ReLU; softmax over P, S and noise.
    Here (the pre-registered definition): CONV_2D 32 1x21 SAME + RELU (``[1, 1, 400,
    32]``), MAX_POOL_2D 1x2 / (1, 2) VALID (200); CONV_2D 64 1x15 (200), pool (100);
    CONV_2D 128 1x11 (100), pool (50); CONV_2D 256 1x9 (50), pool (25); RESHAPE to
    ``[1, 6400]``; FULLY_CONNECTED 200 + RELU, FULLY_CONNECTED 200 + RELU,
    FULLY_CONNECTED 3 (linear); SOFTMAX. 13 ops: 4 CONV_2D, 4 MAX_POOL_2D, RESHAPE, 3
    FULLY_CONNECTED, SOFTMAX.

    This graph counts 32,027,800 MACs: convs 806,400 (400 x 3 x 32 x 21), 6,144,000
    (200 x 32 x 64 x 15), 9,011,200 (100 x 64 x 128 x 11) and 14,745,600 (50 x 128 x
    256 x 9); FCs 1,280,000 (6,400 x 200), 40,000 (200 x 200) and 600 (200 x 3). It
    has 1,739,243 parameters (weights and biases): convs 2,048 (21 x 3 x 32 + 32),
    30,784 (15 x 32 x 64 + 64), 90,240 (11 x 64 x 128 + 128) and 295,168 (9 x 128 x
    256 + 256); FCs 1,280,200, 40,200 and 603 (by hand in the test). Published: no
    count recalled precisely enough; not pinned.

    [U] batch norms folded into the convs' and FCs' biases (pre-registered); SAME
    convs (pre-registered), VALID pools of stride equal to the window (every width
    even: nothing floored); the layout (time along W, one row, the components as
    channels); ReLU fused into every conv and the two hidden FCs; the flatten a
    RESHAPE in NHWC order; biases on every conv and FC; the last FC linear before a
    standalone SOFTMAX; dropout left out (inference).
    """
    for filters, k in GPD_CONVS:
        x = b.conv(x, filters, (1, k), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, GPD_POOL), (1, GPD_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for n in GPD_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.softmax(b.fc(x, GPD_CLASSES))
