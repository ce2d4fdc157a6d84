"""Held-out families LXXVI (session 44, pre-registered in addendum 5 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md`` before being built):
two independently published genomics CNNs on one-hot DNA whose max pools stride by
more than 3 and feed a convolution, relatives of DeepSEA
(:mod:`jaxeff.gnn.heldout_nets_lxxiii_a`), the bases along W, one row, the four
nucleotides (A, C, G, T) as channels. Built by a helper who prints only names and
``npu_full``; nothing is chosen on them.

* :func:`deepcpg_dna`: Angermueller et al.'s DeepCpG DNA module as
  ``deepcpg_dna_1001x4`` on ``[1, 1, 1001, 4]`` (1,001 bp centred on a CpG site):
  CONV_2D 128 1x11 VALID + RELU (991), MAX_POOL_2D 1x4 / 4 VALID (247, floor);
  CONV_2D 256 1x3 VALID + RELU (245), MAX_POOL_2D 1x2 / 2 (122, floor); RESHAPE to
  ``[1, 31232]``; FULLY_CONNECTED 128 + RELU; FULLY_CONNECTED 1; LOGISTIC (the
  methylation probability); ``[1, 1]``. 8 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2
  FULLY_CONNECTED, LOGISTIC. 33,663,616 MACs, 4,102,273 parameters.
* :func:`xpresso`: Agarwal and Shendure's Xpresso as ``xpresso_10500x4`` on ``[1,
  1, 10500, 4]`` (10.5 kbp around a transcription start site): CONV_2D 128 1x6
  VALID + RELU (10,495), MAX_POOL_2D 1x30 / 30 VALID (349, floor); CONV_2D 32 1x9
  VALID + RELU (341), MAX_POOL_2D 1x10 / 10 (34, floor); RESHAPE to ``[1, 1088]``;
  FULLY_CONNECTED 64 + RELU; FULLY_CONNECTED 2 + RELU; FULLY_CONNECTED 1 (the
  expression level, linear); ``[1, 1]``. 8 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE,
  3 FULLY_CONNECTED. 44,881,026 MACs, 109,925 parameters.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, ReLU fused into the conv or
FC). Test models: no training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxxvi.py``). Written from the papers' definitions as
recalled (the pre-registered ones); no code was read. Choices the sources leave
open, and ours, are marked [U]. Kept as published: nothing was changed to make
either NPU-mappable.

The MAC and parameter counts are worked out in the functions' docstrings and pinned
in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_lxxv import _flatten

__all__ = ["deepcpg_dna", "xpresso"]


def _conv_pool_stages(b: NetBuilder, x: int, stages) -> int:
    """Each ``(filters, taps, pool)`` of ``stages``: a 1 x taps VALID RELU CONV_2D of
    ``filters``, then a VALID MAX_POOL_2D 1 x pool of stride (1, pool) (remainders
    floored)."""
    for f, k, p in stages:
        x = b.conv(x, f, (1, k), 1, "RELU", "VALID")
        x = b.pool(x, "max", (1, p), (1, p), "VALID")
    return x


# -- Angermueller, Lee, Reik and Stegle 2017 (DeepCpG)

#: DeepCpG's DNA module (recalled; the pre-registered definition): the window (bp),
#: the conv / pool stages as (filters, taps, pool window = stride), the hidden FC, the
#: outputs (one methylation state)
CPG_LEN = 1001
CPG_STAGES = ((128, 11, 4), (256, 3, 2))
CPG_HIDDEN, CPG_OUT = 128, 1


def deepcpg_dna(b: NetBuilder, x: int) -> int:
    """DeepCpG's DNA module on ``x`` (``[1, 1, 1001, 4]``: 1,001 one-hot bases along
    W, the four nucleotides as channels); returns the LOGISTIC output ``[1, 1]``.

    Angermueller, Lee, Reik and Stegle, "DeepCpG: accurate prediction of single-cell
    DNA methylation states using deep learning", Genome Biology 18 (2017) 67
    (recalled): the DNA module reads a 1,001 bp window centred on the target CpG
    site with a convolutional layer of 128 filters of length 11 and ReLU, max
    pooling of 4, a second convolutional layer of 256 filters of length 3 and ReLU,
    max pooling of 2, and a fully connected layer of 128 ReLU units (dropout in
    training); trained alone (DeepCpG DNA) it ends in a sigmoid output per cell.
    Here (the pre-registered definition): CONV_2D 128 1x11 VALID + RELU (``[1, 1,
    991, 128]``), MAX_POOL_2D 1x4 / (1, 4) VALID (247, floor(991 / 4)); CONV_2D 256
    1x3 VALID + RELU (245), MAX_POOL_2D 1x2 / (1, 2) VALID (122, floor(245 / 2));
    RESHAPE to ``[1, 31232]`` (122 x 256); FULLY_CONNECTED 128 + RELU;
    FULLY_CONNECTED 1 (linear); LOGISTIC. 8 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE,
    2 FULLY_CONNECTED, LOGISTIC.

    This graph counts 33,663,616 MACs: convs 5,581,312 (991 x 4 x 128 x 11) and
    24,084,480 (245 x 128 x 256 x 3); FCs 3,997,696 (31,232 x 128) and 128 (128 x
    1). It has 4,102,273 parameters (weights and biases): convs 5,760 (11 x 4 x 128 +
    128) and 98,560 (3 x 128 x 256 + 256); FCs 3,997,824 (31,232 x 128 + 128) and
    129 (128 x 1 + 1) (by hand in the test). Published: no count recalled precisely
    enough; not pinned.

    [U] VALID convs and pools (as pre-registered; remainders floored: 991 -> 247,
    245 -> 122); the layout (bases along W, one row, the nucleotides as channels);
    ReLU fused into both convs and the hidden FC; the flatten a RESHAPE in NHWC
    order; biases on every conv and FC; dropout left out (inference); one cell's
    output (FC 1) linear before a standalone LOGISTIC.
    """
    x = _conv_pool_stages(b, x, CPG_STAGES)
    x = b.fc(_flatten(b, x), CPG_HIDDEN, "RELU")
    return b.act(b.fc(x, CPG_OUT), "LOGISTIC")


# -- Agarwal and Shendure 2020 (Xpresso)

#: Xpresso (recalled; the pre-registered definition): the window (bp), the conv /
#: pool stages as (filters, taps, pool window = stride), the hidden FCs (both ReLU),
#: the output (the expression level)
XP_LEN = 10500
XP_STAGES = ((128, 6, 30), (32, 9, 10))
XP_HIDDEN, XP_OUT = (64, 2), 1


def xpresso(b: NetBuilder, x: int) -> int:
    """Xpresso on ``x`` (``[1, 1, 10500, 4]``: 10,500 one-hot bases along W, the four
    nucleotides as channels); returns the expression level ``[1, 1]``.

    Agarwal and Shendure, "Predicting mRNA abundance directly from genomic sequence
    using deep convolutional neural networks", Cell Reports 31 (2020) 107663
    (recalled): the promoter window of 10.5 kbp around the transcription start site
    (7 kbp upstream, 3.5 kbp downstream) under a convolution of 128 filters of width
    6 with ReLU, max pooling of 30, a convolution of 32 filters of width 9 with ReLU,
    max pooling of 10; the flattened map concatenated with mRNA half-life features
    into fully connected layers of 64 and 2 ReLU units (dropout in training) and one
    linear output (the median log expression). Here (the pre-registered
    definition): CONV_2D 128 1x6 VALID + RELU (``[1, 1, 10495, 128]``), MAX_POOL_2D
    1x30 / (1, 30) VALID (349, floor(10,495 / 30)); CONV_2D 32 1x9 VALID + RELU
    (341), MAX_POOL_2D 1x10 / (1, 10) VALID (34, floor(341 / 10)); RESHAPE to ``[1,
    1088]`` (34 x 32); FULLY_CONNECTED 64 + RELU; FULLY_CONNECTED 2 + RELU;
    FULLY_CONNECTED 1 (linear). 8 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 3
    FULLY_CONNECTED.

    This graph counts 44,881,026 MACs: convs 32,240,640 (10,495 x 4 x 128 x 6) and
    12,570,624 (341 x 128 x 32 x 9); FCs 69,632 (1,088 x 64), 128 (64 x 2) and 2 (2
    x 1). It has 109,925 parameters (weights and biases): convs 3,200 (6 x 4 x 128 +
    128) and 36,896 (9 x 128 x 32 + 32); FCs 69,696 (1,088 x 64 + 64), 130 (64 x 2 +
    2) and 3 (2 x 1 + 1) (by hand in the test). Published: no count recalled
    precisely enough; not pinned.

    [U] the half-life features left out (as pre-registered: the sequence alone feeds
    the first FC, which takes 1,088 inputs instead of 1,088 plus the features); VALID
    convs and pools (remainders floored: 10,495 -> 349, 341 -> 34); the layout (bases
    along W, one row, the nucleotides as channels); ReLU fused into both convs and
    the two hidden FCs; the flatten a RESHAPE in NHWC order; biases on every conv and
    FC; dropout left out (inference); the output linear.
    """
    x = _flatten(b, _conv_pool_stages(b, x, XP_STAGES))
    for n in XP_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.fc(x, XP_OUT)
