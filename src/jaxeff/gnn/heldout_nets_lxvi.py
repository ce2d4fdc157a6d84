"""Held-out families LXVI, part A (session 40, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s40/PREREGISTERED.md`` before being built):
M18 and M34-res of Dai et al., siblings of the registered M5 (a validation model) and
M11 (said openly in the addendum), on 32,000 raw samples, whose late stages hold
one-row 1x3 convs of 256-512 channels at OW 125 / 31 with MB-sized weights (W1's
domain): a single-channel long-kernel stem of stride 4 (1 input channel, 80 taps:
rule Z's domain) and four max pools of stride 4 (rule V).

Written with :class:`jaxeff.gnn.build.NetBuilder` in the layout of
:func:`jaxeff.gnn.heldout_nets_lviii_c.m11` (``m11_raw_32000``: float32, seeded
weights, batch norm folded into each conv's bias, RELU fused; the samples along W, a
PAD of 38 / 38 in time then a VALID stride-4 stem, 1x4 / 4 VALID max pools, 1x3 SAME
convs, MEAN, FC 10, SOFTMAX). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxvi.py``).
Written from the paper's definition as recalled; no code was read. Choices the
source leaves open, and ours, are marked [U].

* :func:`m18`: M18 (arXiv 1610.00087, Table 1) as ``m18_raw_32000`` on ``[1, 1,
  32000, 1]``: PAD, CONV_2D 1x80 / 4 VALID RELU of 64 (8000), then four stages, each
  a MAX_POOL_2D 1x4 / 4 (2000, 500, 125, 31) and four CONV_2D 1x3 SAME RELU of 64,
  128, 256, 512; MEAN, FULLY_CONNECTED 10, SOFTMAX; ``[1, 10]``. 25 ops: PAD, 17
  CONV_2D, 4 MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`m34res`: M34-res as ``m34res_raw_32000`` on ``[1, 1, 32000, 1]``: PAD,
  CONV_2D 1x80 / 4 VALID RELU of 48 (8000), then four stages, each a MAX_POOL_2D 1x4 /
  4 and residual blocks of two CONV_2D 1x3 SAME (RELU, then linear) ADDed (RELU fused)
  to the block's input or to a 1x1 linear CONV_2D of it where the width changes: 3 x
  48 (2000), 4 x 96 (500), 6 x 192 (125), 3 x 384 (31); MEAN, FULLY_CONNECTED 10,
  SOFTMAX; ``[1, 10]``. 60 ops: PAD, 36 CONV_2D, 4 MAX_POOL_2D, 16 ADD, MEAN,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.

Found on labelling (structure only): Vela 5.2 refuses both int8 graphs on U55 and
U65 ("Non-passthrough operation (Conv2D) could not run on NPU"), as it refuses
``m11_raw_32000`` and ``m5_raw_32000`` in the same layout: it folds the PAD into the
stem's padding, and a stride-4 conv with padding does not map; the same graphs
without the PAD (a VALID stem on the 32,000 samples) map fully on both.

Added after that (addendum 3 of the pre-registration, decided on ``npu_full`` and
Vela's error only): ``m18_valid_32000`` and ``m34res_valid_32000``, :func:`m18` and
:func:`m34res` with ``pad=False``: the same graphs without the PAD, the VALID 1x80
stride-4 stem straight on the 32,000 samples (7,981 outputs), then pools to 1,995,
498, 124 and 31 [U]. The op counts lose the PAD (24 and 59 ops); the parameters are
unchanged; the MACs are in the functions' docstrings. ``pad=True`` (the default)
writes the registered ``_raw_`` graphs byte for byte (their sha256 pinned in the
test).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_lviii_c import M11_CLASSES, M11_PAD, M11_POOL

__all__ = ["m18", "m34res"]


#: M18 and M34-res (arXiv 1610.00087, Table 1, recalled; the pre-registered
#: definition): the stem's (filters, taps, stride) and per stage after each max pool
#: (filters, convs) for M18, (filters, residual blocks of two 1x3 convs) for M34-res;
#: the pools, the PAD and the classes are M11's
M18_STEM = (64, 80, 4)
M18_STAGES = ((64, 4), (128, 4), (256, 4), (512, 4))
M34_STEM = (48, 80, 4)
M34_STAGES = ((48, 3), (96, 4), (192, 6), (384, 3))
POOL, PAD, CLASSES = M11_POOL, M11_PAD, M11_CLASSES


def _stem(b: NetBuilder, x: int, stem: tuple[int, int, int], pad: bool = True) -> int:
    """M11's stem: PAD 38 / 38 in time (left out where ``pad`` is false), CONV_2D
    1x``taps`` / (1, stride) VALID RELU."""
    c0, k0, s0 = stem
    if pad:
        x = b.pad(x, ((0, 0), (0, 0), PAD, (0, 0)))
    return b.conv(x, c0, (1, k0), (1, s0), "RELU", "VALID")


def _head(b: NetBuilder, x: int, classes: int) -> int:
    """MEAN over H and W, FULLY_CONNECTED ``classes`` (linear), SOFTMAX."""
    return b.softmax(b.fc(b.mean(x), classes))


def m18(b: NetBuilder, x: int, classes: int = CLASSES, *, pad: bool = True) -> int:
    """M18 on ``x`` (``[1, 1, 32000, 1]``: 32,000 waveform samples along W); returns
    the SOFTMAX output ``[1, classes]``.

    Dai, Dai, Qu, Li and Das, "Very Deep Convolutional Neural Networks for Raw
    Waveforms", ICASSP 2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 64],
    maxpool 4; [3, 64] x 4, maxpool 4; [3, 128] x 4, maxpool 4; [3, 256] x 4,
    maxpool 4; [3, 512] x 4; global average pooling; softmax; batch norm and ReLU
    after every conv. Here (the pre-registered definition, M11's layout): PAD 38 / 38
    in time (32,076), CONV_2D 64 1x80 stride (1, 4) VALID RELU (-> ``[1, 1, 8000,
    64]``), MAX_POOL_2D 1x4 / (1, 4) VALID (-> 2000), four CONV_2D 64 1x3 SAME RELU
    (``[1, 1, 2000, 64]``), pool (-> 500), four CONV_2D 128 (``[1, 1, 500, 128]``),
    pool (-> 125), four CONV_2D 256 (``[1, 1, 125, 256]``), pool (-> 31, 125
    floored), four CONV_2D 512 (``[1, 1, 31, 512]``), MEAN over H and W (``[1, 1, 1,
    512]``), FULLY_CONNECTED ``classes`` (linear), SOFTMAX. 25 ops: PAD, 17 CONV_2D, 4
    MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

    This graph counts 396,628,992 MACs: stem 40,960,000 (8,000 x 64 x 80); stage 1
    98,304,000 (4 x 24,576,000 = 2,000 x 64 x 64 x 3); stage 2 86,016,000
    (12,288,000 = 500 x 64 x 128 x 3, 3 x 24,576,000); stage 3 86,016,000
    (12,288,000 = 125 x 128 x 256 x 3, 3 x 24,576,000); stage 4 85,327,872
    (12,189,696 = 31 x 256 x 512 x 3, 3 x 24,379,392); FC 5,120. It has 3,675,978
    parameters (weights and biases): stem 5,184; stages 49,408 (4 x 12,352), 172,544
    (24,704 + 3 x 49,280), 689,152 (98,560 + 3 x 196,864) and 2,754,560 (393,728 + 3
    x 786,944); FC 5,130 (by hand in the test). Stage 4's 512 -> 512 convs (786,432
    weights each, at OW 31) are the W1-domain convs. Published (Table 1, recalled):
    3.7 M parameters.

    [U] as M11's: the layout (time along W, kernel height 1); the PAD that keeps the
    paper's 16x reduction (32000 -> 2000) with a VALID stride-4 stem; the 1x3 convs
    SAME; the pools VALID (125 -> 31); batch norms folded into the convs' biases, RELU
    fused; MEAN as the global average pool; the FC linear before a standalone
    SOFTMAX; 10 classes (UrbanSound8k).

    ``pad=False`` (``m18_valid_32000``, addendum 3): no PAD, the stem VALID on the
    32,000 samples (-> 7,981), pools to 1,995, 498, 124 and 31; 24 ops; 395,253,760
    MACs: stem 40,862,720 (7,981 x 64 x 80); stage 1 98,058,240 (4 x 24,514,560 =
    1,995 x 64 x 64 x 3); stage 2 85,671,936 (12,238,848 = 498 x 64 x 128 x 3, 3 x
    24,477,696); stage 3 85,327,872 (12,189,696 = 124 x 128 x 256 x 3, 3 x
    24,379,392); stage 4 85,327,872 (as above, at 31); FC 5,120. The parameters
    (3,675,978) are unchanged. [U] the VALID stem without the PAD (what Vela maps).
    """
    x = _stem(b, x, M18_STEM, pad)
    for c, n in M18_STAGES:
        x = b.pool(x, "max", (1, POOL), (1, POOL))
        for _ in range(n):
            x = b.conv(x, c, (1, 3), 1, "RELU", "SAME")
    return _head(b, x, classes)


def _basic(b: NetBuilder, x: int, c: int) -> int:
    """One residual block: CONV_2D 1x3 SAME RELU, CONV_2D 1x3 SAME linear; the
    shortcut a 1x1 linear CONV_2D where the width changes, the input elsewhere; ADD
    with RELU fused."""
    h = b.conv(x, c, (1, 3), 1, "RELU", "SAME")
    h = b.conv(h, c, (1, 3), 1, "NONE", "SAME")
    sc = x if b.shape(x)[-1] == c else b.conv(x, c, 1)
    return b.add(h, sc, "RELU")


def m34res(b: NetBuilder, x: int, classes: int = CLASSES, *, pad: bool = True) -> int:
    """M34-res on ``x`` (``[1, 1, 32000, 1]``: 32,000 waveform samples along W);
    returns the SOFTMAX output ``[1, classes]``.

    Dai et al. 2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 48], maxpool 4;
    [3, 48; 3, 48] x 3, maxpool 4; [3, 96; 3, 96] x 4, maxpool 4; [3, 192; 3, 192] x
    6, maxpool 4; [3, 384; 3, 384] x 3; global average pooling; softmax; residual
    blocks of two convs, batch norm after each, ReLU after the first and after the
    sum. Here (the pre-registered definition, M11's layout): PAD 38 / 38 (32,076),
    CONV_2D 48 1x80 stride (1, 4) VALID RELU (-> ``[1, 1, 8000, 48]``), MAX_POOL_2D
    1x4 / (1, 4) VALID (-> 2000); three blocks of 48 (identity shortcuts;
    ``[1, 1, 2000, 48]``); pool (-> 500), four blocks of 96 (the first's shortcut a
    1x1 conv 48 -> 96; ``[1, 1, 500, 96]``); pool (-> 125), six blocks of 192 (1x1
    96 -> 192 on the first; ``[1, 1, 125, 192]``); pool (-> 31, 125 floored), three
    blocks of 384 (1x1 192 -> 384 on the first; ``[1, 1, 31, 384]``); MEAN over H
    and W (``[1, 1, 1, 384]``), FULLY_CONNECTED ``classes`` (linear), SOFTMAX. A
    block: CONV_2D 1x3 SAME RELU, CONV_2D 1x3 SAME linear, (the shortcut's 1x1
    CONV_2D,) ADD RELU. 60 ops: PAD, 36 CONV_2D (stem, 32 in the blocks, 3
    shortcut), 4 MAX_POOL_2D, 16 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.

    This graph counts 458,641,152 MACs: stem 30,720,000 (8,000 x 48 x 80); stage 1
    82,944,000 (6 x 13,824,000 = 2,000 x 48 x 48 x 3); stage 2 105,984,000 (block 1
    23,040,000 = 6,912,000 (500 x 48 x 96 x 3) + 13,824,000 (500 x 96 x 96 x 3) +
    shortcut 2,304,000 (500 x 48 x 96); blocks 2-4 27,648,000 each); stage 3
    161,280,000 (block 1 23,040,000 = 6,912,000 + 13,824,000 + 2,304,000 at 125;
    blocks 2-6 27,648,000 each); stage 4 77,709,312 (block 1 22,855,680 = 6,856,704
    (31 x 192 x 384 x 3) + 13,713,408 (31 x 384 x 384 x 3) + 2,285,568 (31 x 192 x
    384); blocks 2-3 27,426,816 each); FC 3,840. It has 4,064,506 parameters (weights
    and biases): stem 3,888; stage 1 41,760 (6 x 6,960); stage 2 212,832 (13,920 +
    7 x 27,744 + shortcut 4,704); stage 3 1,292,736 (55,488 + 11 x 110,784 + 18,624);
    stage 4 2,509,440 (221,568 + 5 x 442,752 + 74,112); FC 3,850 (by hand in the
    test). Stage 4's 384 -> 384 convs (442,368 weights each, at OW 31) are the
    W1-domain convs. Published (Table 1, recalled): 4.0 M parameters (3,967,066
    without the three 1x1 shortcut convs; either way within 2 %).

    [U] as M11's (layout, PAD + VALID stem, SAME 1x3 convs, VALID pools with the
    floor, batch norms folded, RELU fused, MEAN, FC linear before SOFTMAX, 10
    classes); the shortcut where the width changes (at the first block of stages 2-4,
    after the pool) a 1x1 stride-1 linear conv with a bias (batch norm folded), the
    input elsewhere; the block's second conv linear, RELU fused into the ADD; the
    shortcut conv after the block's two convs in graph order; the pools outside the
    blocks (before each stage, as M11's).

    ``pad=False`` (``m34res_valid_32000``, addendum 3): no PAD, the stem VALID on the
    32,000 samples (-> 7,981), pools to 1,995, 498, 124 and 31; 59 ops; MACs in
    the docstring's layout: stem 30,647,040 (7,981 x 48 x 80); stage 1 82,736,640 (6
    x 13,789,440 = 1,995 x 48 x 48 x 3); stage 2 105,560,064 (block 1 22,947,840 =
    6,884,352 + 13,768,704 + 2,294,784 at 498; blocks 2-4 27,537,408 each); stage 3
    159,989,760 (block 1 22,855,680 at 124; blocks 2-6 27,426,816 each); stage 4
    77,709,312 (as above, at 31); FC 3,840; 456,646,656 in all. The parameters
    (4,064,506) are unchanged. [U] the VALID stem without the PAD (what Vela maps).
    """
    x = _stem(b, x, M34_STEM, pad)
    for c, n in M34_STAGES:
        x = b.pool(x, "max", (1, POOL), (1, POOL))
        for _ in range(n):
            x = _basic(b, x, c)
    return _head(b, x, classes)
