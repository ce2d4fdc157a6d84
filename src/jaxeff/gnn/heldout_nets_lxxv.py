"""Held-out families LXXV (session 44, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md`` before being built):
two independently published genomics CNNs on one-hot DNA with large fully connected
layers, siblings of DeepSEA (:mod:`jaxeff.gnn.heldout_nets_lxxiii_a`), the bases
along W, one row, the four nucleotides (A, C, G, T) as channels. Built by a helper
who prints only names and ``npu_full``; nothing is chosen on them.

* :func:`deepsea_beluga`: Zhou et al.'s ExPecto "Beluga" DeepSEA as
  ``deepsea_beluga_2000x4`` on ``[1, 1, 2000, 4]`` (2 kbp): CONV_2D 320 1x8 VALID +
  RELU twice (1,993, 1,986), MAX_POOL_2D 1x4 / 4 (496); CONV_2D 480 1x8 + RELU twice
  (489, 482), MAX_POOL_2D 1x4 / 4 (120); CONV_2D 640 1x8 + RELU twice (113, 106);
  RESHAPE to ``[1, 67840]``; FULLY_CONNECTED 2,003 + RELU; FULLY_CONNECTED 2,002,
  LOGISTIC (2,002 chromatin profiles); ``[1, 2002]``. 12 ops: 6 CONV_2D, 2
  MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, LOGISTIC.
* :func:`deepstarr`: de Almeida et al.'s DeepSTARR as ``deepstarr_249x4`` on ``[1,
  1, 249, 4]`` (249 bp): CONV_2D 256 1x7 SAME + RELU (249), MAX_POOL_2D 1x2 / 2
  (124); CONV_2D 60 1x3 + RELU (124), MAX_POOL_2D (62); CONV_2D 60 1x5 + RELU (62),
  MAX_POOL_2D (31); CONV_2D 120 1x3 + RELU (31), MAX_POOL_2D (15, floor); RESHAPE to
  ``[1, 1800]``; FULLY_CONNECTED 256 + RELU twice; FULLY_CONNECTED 2 (developmental
  and housekeeping enhancer activity, linear); ``[1, 2]``. 12 ops: 4 CONV_2D, 4
  MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, ReLU fused into the conv or
FC). Test models: no training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxxv.py``). Written from the papers' definitions as
recalled (the pre-registered ones); no code was read. Choices the sources leave
open, and ours, are marked [U]. Kept as published: nothing was changed to make
either NPU-mappable.

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["deepsea_beluga", "deepstarr"]

#: one-hot DNA: the four nucleotides as channels
BASES = 4


def _flatten(b: NetBuilder, x: int) -> int:
    """RESHAPE ``x`` to ``[1, H W C]`` (NHWC order)."""
    return b.reshape(x, (1, math.prod(b.shape(x)[1:])))


# -- Zhou, Theesfeld, Yao, Chen, Wong and Troyanskaya 2018 (ExPecto's Beluga)

#: Beluga (recalled; the pre-registered definition): the sequence length (bp), the
#: conv stages' filters (two convs a stage), their taps, the max pools' window (=
#: stride), the hidden FC, the outputs (2,002 chromatin profiles)
BE_LEN, BE_FILTERS, BE_K, BE_POOL = 2000, (320, 480, 640), 8, 4
BE_HIDDEN, BE_OUT = 2003, 2002


def deepsea_beluga(b: NetBuilder, x: int) -> int:
    """ExPecto's Beluga DeepSEA on ``x`` (``[1, 1, 2000, 4]``: 2,000 one-hot bases
    along W, the four nucleotides as channels); returns the LOGISTIC output ``[1,
    2002]``.

    Zhou, Theesfeld, Yao, Chen, Wong and Troyanskaya, "Deep learning sequence-based
    ab initio prediction of variant effects on expression and disease risk", Nature
    Genetics 50 (2018) 1171-1179 (recalled): a deeper DeepSEA on 2 kbp windows
    predicting 2,002 chromatin profiles; three stages of two convolutions of window
    8 (320, 480 and 640 kernels) with ReLU, the first two stages followed by max
    pooling of window and step 4; dropout; a fully connected layer of 2,003 ReLU
    units; a sigmoid output of 2,002. Here (the pre-registered definition): CONV_2D
    320 1x8 VALID + RELU (1,993), CONV_2D 320 1x8 + RELU (1,986), MAX_POOL_2D 1x4 /
    (1, 4) VALID (496); CONV_2D 480 1x8 + RELU (489), CONV_2D 480 1x8 + RELU (482),
    MAX_POOL_2D (120); CONV_2D 640 1x8 + RELU (113), CONV_2D 640 1x8 + RELU (``[1, 1,
    106, 640]``); RESHAPE to ``[1, 67840]``; FULLY_CONNECTED 2,003 + RELU;
    FULLY_CONNECTED 2,002 (linear); LOGISTIC. 12 ops: 6 CONV_2D, 2 MAX_POOL_2D,
    RESHAPE, 2 FULLY_CONNECTED, LOGISTIC.

    This graph counts 3,901,588,246 MACs: convs 20,408,320 (1,993 x 4 x 320 x 8),
    1,626,931,200 (1,986 x 320 x 320 x 8), 600,883,200 (489 x 320 x 480 x 8),
    888,422,400 (482 x 480 x 480 x 8), 277,708,800 (113 x 480 x 640 x 8) and
    347,340,800 (106 x 640 x 640 x 8); FCs 135,883,520 (67,840 x 2,003) and
    4,010,006 (2,003 x 2,002). It has 149,536,251 parameters (weights and biases):
    convs 10,560 (8 x 4 x 320 + 320), 819,520 (8 x 320 x 320 + 320), 1,229,280 (8 x
    320 x 480 + 480), 1,843,680 (8 x 480 x 480 + 480), 2,458,240 (8 x 480 x 640 +
    640) and 3,277,440 (8 x 640 x 640 + 640); FCs 135,885,523 (67,840 x 2,003 +
    2,003) and 4,012,008 (2,003 x 2,002 + 2,002) (by hand in the test). Published:
    no count recalled precisely enough; not pinned.

    [U] no batch norm (as pre-registered); VALID convs (no padding; the flatten of
    106 x 640 = 67,840 follows) and VALID pools with the remainders floored (1,986 ->
    496, 482 -> 120); the layout (bases along W, one row, the nucleotides as
    channels); ReLU fused into every conv and the hidden FC; the flatten a RESHAPE in
    NHWC order; biases on every conv and FC; dropout left out (inference); the output
    FC linear before a standalone LOGISTIC.
    """
    for i, f in enumerate(BE_FILTERS):
        x = b.conv(x, f, (1, BE_K), 1, "RELU", "VALID")
        x = b.conv(x, f, (1, BE_K), 1, "RELU", "VALID")
        if i < len(BE_FILTERS) - 1:
            x = b.pool(x, "max", (1, BE_POOL), (1, BE_POOL), "VALID")
    x = b.fc(_flatten(b, x), BE_HIDDEN, "RELU")
    return b.act(b.fc(x, BE_OUT), "LOGISTIC")


# -- de Almeida, Reiter, Pagani, Vlasova and Stark 2022 (DeepSTARR)

#: DeepSTARR (recalled; the pre-registered definition): the sequence length (bp), the
#: convs as (filters, taps), the max pools' window (= stride), the hidden FCs, the
#: outputs (developmental and housekeeping enhancer activity)
ST_LEN = 249
ST_CONVS = ((256, 7), (60, 3), (60, 5), (120, 3))
ST_POOL = 2
ST_HIDDEN, ST_OUT = (256, 256), 2


def deepstarr(b: NetBuilder, x: int) -> int:
    """DeepSTARR on ``x`` (``[1, 1, 249, 4]``: 249 one-hot bases along W, the four
    nucleotides as channels); returns the two enhancer activities ``[1, 2]``.

    de Almeida, Reiter, Pagani, Vlasova and Stark, "DeepSTARR predicts enhancer
    activity from DNA sequence and enables the de novo design of synthetic
    enhancers", Nature Genetics 54 (2022) 613-624 (recalled): 249 bp; four
    convolutional layers of 256 filters of width 7, 60 of width 3, 60 of width 5 and
    120 of width 3, each with batch normalisation, ReLU and max pooling of 2; two
    fully connected layers of 256 units with batch normalisation, ReLU and dropout;
    two linear outputs (developmental and housekeeping enhancer activity). Here (the
    pre-registered definition): CONV_2D 256 1x7 SAME + RELU (``[1, 1, 249, 256]``),
    MAX_POOL_2D 1x2 / (1, 2) VALID (124); CONV_2D 60 1x3 + RELU (124), MAX_POOL_2D
    (62); CONV_2D 60 1x5 + RELU (62), MAX_POOL_2D (31); CONV_2D 120 1x3 + RELU (31),
    MAX_POOL_2D (15, floor(31 / 2)); RESHAPE to ``[1, 1800]``; FULLY_CONNECTED 256 +
    RELU twice; FULLY_CONNECTED 2 (linear). 12 ops: 4 CONV_2D, 4 MAX_POOL_2D,
    RESHAPE, 3 FULLY_CONNECTED.

    This graph counts 9,811,200 MACs: convs 1,784,832 (249 x 4 x 256 x 7),
    5,713,920 (124 x 256 x 60 x 3), 1,116,000 (62 x 60 x 60 x 5) and 669,600 (31 x
    60 x 120 x 3); FCs 460,800 (1,800 x 256), 65,536 (256 x 256) and 512 (256 x 2).
    It has 620,706 parameters (weights and biases): convs 7,424 (7 x 4 x 256 + 256),
    46,140 (3 x 256 x 60 + 60), 18,060 (5 x 60 x 60 + 60) and 21,720 (3 x 60 x 120 +
    120); FCs 461,056 (1,800 x 256 + 256), 65,792 (256 x 256 + 256) and 514 (256 x 2
    + 2) (by hand in the test). Published: no count recalled precisely enough (the
    batch norms' own parameters are folded away here); not pinned.

    [U] SAME convs (the odd kernels padded by (k - 1) / 2 on each side) and VALID
    pools with the remainder floored (31 -> 15); batch norms folded into the convs'
    and FCs' weights and biases; the layout (bases along W, one row, the nucleotides
    as channels); ReLU fused into every conv and the two hidden FCs; the flatten a
    RESHAPE in NHWC order; biases on every conv and FC; dropout left out (inference);
    the two outputs as one FULLY_CONNECTED of 2 (linear).
    """
    for f, k in ST_CONVS:
        x = b.conv(x, f, (1, k), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, ST_POOL), (1, ST_POOL), "VALID")
    x = _flatten(b, x)
    for n in ST_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.fc(x, ST_OUT)
