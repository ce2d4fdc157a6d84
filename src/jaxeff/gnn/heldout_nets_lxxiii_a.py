"""Held-out families LXXIII, part A (session 44, pre-registered in section 4 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md`` before being built):
three independently published genomics CNNs on one-hot DNA, the bases along W, one
row, the four nucleotides (A, C, G, T) as channels. Built by a helper who prints only
names and ``npu_full``; nothing is chosen on them.

* :func:`deepbind`: Alipanahi, Delong, Weirauch and Frey's DeepBind as
  ``deepbind_101x4`` on ``[1, 1, 101, 4]`` (101 bp): CONV_2D 16 1x24 VALID + RELU
  (``[1, 1, 78, 16]``); a global max pool over the sequence as MAX_POOL_2D 1x78
  VALID (``[1, 1, 1, 16]``); FULLY_CONNECTED 32 + RELU; FULLY_CONNECTED 1 (the
  binding score); ``[1, 1]``. 4 ops: CONV_2D, MAX_POOL_2D, 2 FULLY_CONNECTED.
* :func:`deepsea`: Zhou and Troyanskaya's DeepSEA as ``deepsea_1000x4`` on ``[1, 1,
  1000, 4]`` (1 kbp): CONV_2D 320 1x8 VALID + RELU (993), MAX_POOL_2D 1x4 / 4 (248);
  CONV_2D 480 1x8 + RELU (241), MAX_POOL_2D 1x4 / 4 (60); CONV_2D 960 1x8 + RELU
  (53); RESHAPE to ``[1, 50880]``; FULLY_CONNECTED 925 + RELU; FULLY_CONNECTED 919,
  LOGISTIC (919 chromatin features); ``[1, 919]``. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D,
  RESHAPE, 2 FULLY_CONNECTED, LOGISTIC.
* :func:`basset`: Kelley, Snoek and Rinn's Basset as ``basset_600x4`` on ``[1, 1,
  600, 4]`` (600 bp): CONV_2D 300 1x19 SAME + RELU (600), MAX_POOL_2D 1x3 / 3 (200);
  CONV_2D 200 1x11 + RELU (200), MAX_POOL_2D 1x4 / 4 (50); CONV_2D 200 1x7 + RELU
  (50), MAX_POOL_2D 1x4 / 4 SAME (13, ceil); RESHAPE to ``[1, 2600]``;
  FULLY_CONNECTED 1,000 + RELU twice; FULLY_CONNECTED 164, LOGISTIC (164 cell types'
  accessibility); ``[1, 164]``. 11 ops: 3 CONV_2D, 3 MAX_POOL_2D, RESHAPE, 3
  FULLY_CONNECTED, LOGISTIC.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, ReLU fused into the conv or
FC). Test models: no training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxxiii_a.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked
[U]. Kept as published: nothing was changed to make any of them NPU-mappable.

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["basset", "deepbind", "deepsea"]

#: one-hot DNA: the four nucleotides as channels
BASES = 4


def _flatten(b: NetBuilder, x: int) -> int:
    """RESHAPE ``x`` to ``[1, H W C]`` (NHWC order)."""
    return b.reshape(x, (1, math.prod(b.shape(x)[1:])))


# -- Alipanahi, Delong, Weirauch and Frey 2015 (DeepBind)

#: DeepBind (recalled; the pre-registered definition): the sequence length (bp), the
#: motif detectors (filters) and their length, the hidden FC, the outputs (one score)
DB_LEN, DB_MOTIFS, DB_MOTIF_LEN, DB_HIDDEN, DB_OUT = 101, 16, 24, 32, 1


def deepbind(b: NetBuilder, x: int) -> int:
    """DeepBind on ``x`` (``[1, 1, 101, 4]``: 101 one-hot bases along W, the four
    nucleotides as channels); returns the binding score ``[1, 1]``.

    Alipanahi, Delong, Weirauch and Frey, "Predicting the sequence specificities of
    DNA- and RNA-binding proteins by deep learning", Nature Biotechnology 33 (2015)
    831-838 (recalled): a convolution of 16 motif detectors of length 24 over the
    one-hot sequence, a rectification with a learned threshold (the detector's
    bias), pooling over the whole sequence (max, or max and average, chosen per
    protein), a fully connected hidden layer of 32 ReLU units (or none, chosen per
    protein) with dropout, and a linear output giving the binding score. Here (the
    pre-registered definition): CONV_2D 16 1x24 VALID + RELU (``[1, 1, 78, 16]``,
    101 - 24 + 1 = 78); MAX_POOL_2D 1x78 / 1 VALID (``[1, 1, 1, 16]``);
    FULLY_CONNECTED 32 + RELU (``[1, 32]``, the 4-D map read as one row of 16);
    FULLY_CONNECTED 1 (linear). 4 ops: CONV_2D, MAX_POOL_2D, 2 FULLY_CONNECTED.

    This graph counts 120,352 MACs: conv 119,808 (78 x 4 x 16 x 24); FCs 512 (16 x
    32) and 32 (32 x 1). It has 2,129 parameters (weights and biases): conv 1,552 (24
    x 4 x 16 + 16); FCs 544 (16 x 32 + 32) and 33 (32 + 1) (by hand in the test).
    Published: no count recalled precisely enough; not pinned.

    [U] VALID conv (the paper pads the sequence by 23 bases of 0.25 on each side;
    left out, as pre-registered); max pooling only (the pre-registered choice); the
    hidden layer of 32 kept (the pre-registered choice); the global pool as one
    MAX_POOL_2D over the whole remaining length, stride 1; no RESHAPE before the FC;
    the layout (bases along W, one row, the nucleotides as channels); biases on the
    conv and both FCs; dropout left out (inference); the score linear (no LOGISTIC).
    """
    x = b.conv(x, DB_MOTIFS, (1, DB_MOTIF_LEN), 1, "RELU", "VALID")
    _, h, w, _ = b.shape(x)
    x = b.pool(x, "max", (h, w), 1, "VALID")
    return b.fc(b.fc(x, DB_HIDDEN, "RELU"), DB_OUT)


# -- Zhou and Troyanskaya 2015 (DeepSEA)

#: DeepSEA (recalled; the pre-registered definition): the sequence length (bp), the
#: convs (filters), their taps, the max pools' window (= stride), the hidden FC, the
#: outputs (919 chromatin features: TF binding, DNase I sensitivity, histone marks)
DS_LEN, DS_FILTERS, DS_K, DS_POOL = 1000, (320, 480, 960), 8, 4
DS_HIDDEN, DS_OUT = 925, 919


def deepsea(b: NetBuilder, x: int) -> int:
    """DeepSEA on ``x`` (``[1, 1, 1000, 4]``: 1,000 one-hot bases along W, the four
    nucleotides as channels); returns the LOGISTIC output ``[1, 919]``.

    Zhou and Troyanskaya, "Predicting effects of noncoding variants with deep
    learning-based sequence model", Nature Methods 12 (2015) 931-934 (recalled): 1
    kbp windows; three convolutional layers of 320, 480 and 960 kernels of window
    size 8 with ReLU, the first two followed by max pooling of window and step 4;
    dropout; a fully connected layer of 925 ReLU units; a sigmoid output layer of 919
    chromatin features. Here (the pre-registered definition): CONV_2D 320 1x8 VALID
    + RELU (993), MAX_POOL_2D 1x4 / (1, 4) VALID (248); CONV_2D 480 1x8 + RELU
    (241), MAX_POOL_2D (60); CONV_2D 960 1x8 + RELU (``[1, 1, 53, 960]``); RESHAPE
    to ``[1, 50880]``; FULLY_CONNECTED 925 + RELU; FULLY_CONNECTED 919 (linear);
    LOGISTIC. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, LOGISTIC.

    This graph counts 549,602,395 MACs: convs 10,168,320 (993 x 4 x 320 x 8),
    296,140,800 (241 x 320 x 480 x 8) and 195,379,200 (53 x 480 x 960 x 8); FCs
    47,064,000 (50,880 x 925) and 850,075 (925 x 919). It has 52,843,119 parameters
    (weights and biases): convs 10,560 (8 x 4 x 320 + 320), 1,229,280 (8 x 320 x 480
    + 480) and 3,687,360 (8 x 480 x 960 + 960); FCs 47,064,925 (50,880 x 925 + 925)
    and 850,994 (925 x 919 + 919) (by hand in the test). Published: about 52 M
    parameters recalled, not precisely enough to pin.

    [U] VALID convs (no padding; the flatten of 53 x 960 = 50,880 as recalled) and
    VALID pools with the remainders floored (993 -> 248, 241 -> 60); the layout
    (bases along W, one row, the nucleotides as channels); ReLU fused into every
    conv and the hidden FC; the flatten a RESHAPE in NHWC order; biases on every conv
    and FC; dropout left out (inference); the output FC linear before a standalone
    LOGISTIC.
    """
    for i, f in enumerate(DS_FILTERS):
        x = b.conv(x, f, (1, DS_K), 1, "RELU", "VALID")
        if i < len(DS_FILTERS) - 1:
            x = b.pool(x, "max", (1, DS_POOL), (1, DS_POOL), "VALID")
    x = b.fc(_flatten(b, x), DS_HIDDEN, "RELU")
    return b.act(b.fc(x, DS_OUT), "LOGISTIC")


# -- Kelley, Snoek and Rinn 2016 (Basset)

#: Basset (recalled; the pre-registered definition): the sequence length (bp), the
#: convs as (filters, taps), the max pools' window (= stride), the hidden FCs, the
#: outputs (DNase I hypersensitivity in 164 cell types)
BA_LEN = 600
BA_CONVS = ((300, 19), (200, 11), (200, 7))
BA_POOLS = (3, 4, 4)
BA_HIDDEN, BA_OUT = (1000, 1000), 164


def basset(b: NetBuilder, x: int) -> int:
    """Basset on ``x`` (``[1, 1, 600, 4]``: 600 one-hot bases along W, the four
    nucleotides as channels); returns the LOGISTIC output ``[1, 164]``.

    Kelley, Snoek and Rinn, "Basset: learning the regulatory code of the accessible
    genome with deep convolutional neural networks", Genome Research 26 (2016)
    990-999 (recalled): 600 bp; three convolutional layers of 300 filters of width
    19, 200 of width 11 and 200 of width 7, each with batch normalisation, ReLU and
    max pooling of width 3, 4 and 4; two fully connected layers of 1,000 units with
    ReLU and dropout; a sigmoid output over 164 cell types. Here (the pre-registered
    definition): CONV_2D 300 1x19 SAME + RELU (``[1, 1, 600, 300]``), MAX_POOL_2D
    1x3 / (1, 3) SAME (200); CONV_2D 200 1x11 + RELU (200), MAX_POOL_2D 1x4 / (1, 4)
    (50); CONV_2D 200 1x7 + RELU (50), MAX_POOL_2D 1x4 / (1, 4) (13, ceil(50 / 4));
    RESHAPE to ``[1, 2600]``; FULLY_CONNECTED 1,000 + RELU twice; FULLY_CONNECTED
    164 (linear); LOGISTIC. 11 ops: 3 CONV_2D, 3 MAX_POOL_2D, RESHAPE, 3
    FULLY_CONNECTED, LOGISTIC.

    This graph counts 163,444,000 MACs: convs 13,680,000 (600 x 4 x 300 x 19),
    132,000,000 (200 x 300 x 200 x 11) and 14,000,000 (50 x 200 x 200 x 7); FCs
    2,600,000 (2,600 x 1,000), 1,000,000 and 164,000 (1,000 x 164). It has 4,729,664
    parameters (weights and biases): convs 23,100 (19 x 4 x 300 + 300), 660,200 (11
    x 300 x 200 + 200) and 280,200 (7 x 200 x 200 + 200); FCs 2,601,000, 1,001,000
    and 164,164 (by hand in the test). Published: no count recalled precisely
    enough; not pinned.

    [U] SAME convs (the odd kernels padded by (k - 1) / 2 on each side, as recalled)
    and SAME pools (ceil; as recalled the flatten is 13 x 200 = 2,600: the first two
    pools divide their maps and pad nothing, the last pads 50 to 52, one column each
    side, where the source's ceil mode pads two at the end); batch norms folded into
    the convs' weights and biases; the layout (bases along W, one row, the
    nucleotides as channels); ReLU fused into every conv and the two hidden FCs; the
    flatten a RESHAPE in NHWC order; biases on every conv and FC; dropout left out
    (inference); the output FC linear before a standalone LOGISTIC.
    """
    for (f, k), p in zip(BA_CONVS, BA_POOLS, strict=True):
        x = b.conv(x, f, (1, k), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, p), (1, p), "SAME")
    x = _flatten(b, x)
    for n in BA_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.act(b.fc(x, BA_OUT), "LOGISTIC")
