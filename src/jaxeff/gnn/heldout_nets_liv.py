"""Held-out families LIV (session 37, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
two published 1-D sleep-staging CNNs on a 30-s single-channel EEG epoch at 100 Hz,
whose graphs hold max pools of stride 8 and 4 (rule V's domain), their sequence
learners replaced by a dense head.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs,
RELU fused into them; dropout left out at inference). The epoch lies along W (``[1,
1, 3000, 1]``, as :func:`jaxeff.gnn.heldout_nets_xlix_c.utime`); every 1-D conv is a
CONV_2D of kernel height 1 and every 1-D pool a MAX_POOL_2D of height 1. The first
conv of each branch has a stride above 3 (6, 50): it is written as a PAD along W of
the amounts SAME pads (22 / 22, 175 / 175) and a VALID CONV_2D of that stride, the
same values and output length as a SAME conv (500, 60 frames), as
``m5_raw_32000`` and FaceBoxes' RDCL (Vela runs a stride above 3 only without
padding) [U]; the convs of stride 1 are SAME. Test models: no training space draws
them (``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_liv.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`tinysleepnet_cnn`: TinySleepNet's CNN part (Supratak & Guo, "TinySleepNet:
  An Efficient Deep Learning Model for Sleep Stage Scoring based on Raw
  Single-Channel EEG", EMBC 2020) on ``[1, 1, 3000, 1]``: PAD, conv 128 1x50 / 6
  RELU (500 frames), max pool 1x8 / 8 (62), three convs 128 1x8 RELU, max pool 1x4
  / 4 (15), RESHAPE to 1,920, FC 5, SOFTMAX; ``[1, 5]``. 10 ops: 4 CONV_2D, 2
  MAX_POOL_2D, PAD, RESHAPE, FULLY_CONNECTED, SOFTMAX.
* :func:`deepsleepnet_cnn`: DeepSleepNet's representation-learning part (Supratak,
  Dong, Wu & Guo, "DeepSleepNet: a Model for Automatic Sleep Stage Scoring based on
  Raw Single-Channel EEG", arXiv 1703.04046) on ``[1, 1, 3000, 1]``: a small-filter
  branch (PAD, conv 64 1x50 / 6, max pool 1x8 / 8, three convs 128 1x8, max pool
  1x4 / 4: 15 x 128) and a large-filter branch (PAD, conv 64 1x400 / 50, max pool
  1x4 / 4, three convs 128 1x6, max pool 1x2 / 2: 7 x 128), each RESHAPEd flat and
  CONCATENATED (2,816), FC 5, SOFTMAX; ``[1, 5]``. 19 ops: 8 CONV_2D, 4
  MAX_POOL_2D, 2 PAD, 2 RESHAPE, CONCATENATION, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["deepsleepnet_cnn", "tinysleepnet_cnn"]

#: the input (a 30-s epoch at 100 Hz along W, one EEG channel) and the classes (W,
#: N1, N2, N3, REM)
SLEEP_LEN, SLEEP_CLASSES = 3000, 5
#: TinySleepNet (EMBC 2020, Fig. 1, recalled): the filters, the first conv's kernel
#: (Fs / 2) and stride (Fs / 16), the first pool, the three convs' kernel, the last
#: pool
TINY_FILTERS, TINY_K1, TINY_S1, TINY_POOL1, TINY_K, TINY_POOL2 = 128, 50, 6, 8, 8, 4
#: DeepSleepNet (arXiv 1703.04046, Fig. 1, recalled): per branch (small, large
#: filter) the first conv's filters, kernel and stride, the first pool, the three
#: convs' filters and kernel, the last pool
DSN_BRANCHES = ((64, 50, 6, 8, 128, 8, 4), (64, 400, 50, 4, 128, 6, 2))


def _same_pad(n: int, k: int, s: int) -> tuple[int, int]:
    """The (before, after) zero padding a SAME conv of kernel ``k`` and stride ``s``
    puts on an axis of length ``n`` (TensorFlow's: the odd one after)."""
    total = max((-(-n // s) - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def _branch(b: NetBuilder, x: int, c1: int, k1: int, s1: int, p1: int, c: int,
            k: int, p2: int) -> int:
    """One 1-D CNN branch on ``[1, 1, T, 1]``: PAD (SAME's amounts along W) and a
    VALID conv ``c1`` 1x``k1`` / ``s1`` RELU, max pool 1x``p1`` / ``p1`` VALID, three
    SAME convs ``c`` 1x``k`` RELU, max pool 1x``p2`` / ``p2`` VALID; flattened to
    ``[1, T' c]`` by a RESHAPE."""
    lo, hi = _same_pad(b.shape(x)[2], k1, s1)
    x = b.pad(x, ((0, 0), (0, 0), (lo, hi), (0, 0)))
    x = b.conv(x, c1, (1, k1), (1, s1), "RELU", "VALID")
    x = b.pool(x, "max", (1, p1), (1, p1))
    for _ in range(3):
        x = b.conv(x, c, (1, k), 1, "RELU")
    x = b.pool(x, "max", (1, p2), (1, p2))
    _, h, w, ch = b.shape(x)
    return b.reshape(x, (1, h * w * ch))


def tinysleepnet_cnn(b: NetBuilder, x: int) -> int:
    """TinySleepNet's CNN part on ``x`` (``[1, 1, 3000, 1]``: a 30-s EEG epoch at 100
    Hz along W); returns the class probabilities ``[1, 5]``.

    Supratak & Guo, "TinySleepNet: An Efficient Deep Learning Model for Sleep Stage
    Scoring based on Raw Single-Channel EEG", EMBC 2020 (Section II, Fig. 1,
    recalled): a representation learner of four convs and two max pools (conv 128,
    filter Fs / 2 = 50, stride Fs / 16 = 6; max pool 8, stride 8; dropout; three
    convs 128, filter 8, stride 1; max pool 4, stride 4; dropout), each conv with
    batch norm and ReLU, followed by one LSTM of 128 units and a softmax over the 5
    stages. Here (the pre-registered definition): PAD 22 / 22 along W, CONV_2D 1x50
    VALID of stride (1, 6) to 128 RELU (500 frames, as SAME), MAX_POOL_2D 1x8 VALID of
    stride (1, 8) (62), three CONV_2D 1x8 SAME to 128 RELU, MAX_POOL_2D 1x4 VALID of
    stride (1, 4) (15), RESHAPE to ``[1, 1920]``, FULLY_CONNECTED to 5 (linear),
    SOFTMAX. 10 ops: 4 CONV_2D, 2 MAX_POOL_2D, PAD, RESHAPE, FULLY_CONNECTED,
    SOFTMAX. This graph counts 27,588,992 MACs (the first conv 500 x 50 x 128 =
    3,200,000; the three 1x8 convs 3 x 62 x 8 x 128 x 128 = 24,379,392; the FC 1,920
    x 5 = 9,600) and 409,733 parameters (weights and biases: 6,528, 3 x 131,200 =
    393,600, 9,605; by hand in the test). Published: the whole model with its LSTM
    about 1.3 M parameters (recalled, not precisely); not pinned.

    [U] the LSTM replaced by an FC to 5 classes on the flattened features and a
    SOFTMAX (pre-registered); the [1, 1, T, 1] layout (time along W, kernel height
    1); the batch norms folded into the convs and RELU fused; SAME convs, the
    stride-6 one written as PAD 22 / 22 + VALID (Vela runs a stride above 3 only
    without padding; the same output); VALID pools (500 -> 62 -> 15; SAME would give
    63 -> 16); dropout left out; biases on every conv (NetBuilder's); the flatten in
    NHWC order.
    """
    x = _branch(b, x, TINY_FILTERS, TINY_K1, TINY_S1, TINY_POOL1, TINY_FILTERS,
                TINY_K, TINY_POOL2)
    return b.softmax(b.fc(x, SLEEP_CLASSES))


def deepsleepnet_cnn(b: NetBuilder, x: int) -> int:
    """DeepSleepNet's representation-learning part on ``x`` (``[1, 1, 3000, 1]``: a
    30-s EEG epoch at 100 Hz along W); returns the class probabilities ``[1, 5]``.

    Supratak, Dong, Wu & Guo, "DeepSleepNet: a Model for Automatic Sleep Stage
    Scoring based on Raw Single-Channel EEG", IEEE TNSRE 2017, arXiv 1703.04046
    (Section II-A, Fig. 1, recalled): two CNN branches on the raw epoch, a
    small-filter one (conv 64, filter Fs / 2 = 50, stride Fs / 16 = 6; max pool 8 /
    8; dropout; three convs 128, filter 8, stride 1; max pool 4 / 4) and a
    large-filter one (conv 64, filter Fs x 4 = 400, stride Fs / 2 = 50; max pool 4 /
    4; dropout; three convs 128, filter 6, stride 1; max pool 2 / 2), each conv with
    batch norm and ReLU; their outputs flattened and concatenated, then dropout and
    the sequence residual learner (two bidirectional LSTMs and a shortcut FC) and a
    softmax. Here (the pre-registered definition): the small-filter branch (PAD 22 /
    22 along W, CONV_2D 1x50 VALID of stride (1, 6) to 64 RELU (500 frames, as SAME),
    MAX_POOL_2D 1x8 / 8 VALID (62), three CONV_2D 1x8 SAME to 128 RELU, MAX_POOL_2D
    1x4 / 4 VALID (15), RESHAPE to ``[1, 1920]``), then the large-filter branch (PAD
    175 / 175, CONV_2D 1x400 VALID of stride (1, 50) to 64 RELU (60 frames, as SAME),
    MAX_POOL_2D 1x4 / 4 VALID (15), three CONV_2D 1x6 SAME to 128 RELU, MAX_POOL_2D
    1x2 / 2 VALID (7), RESHAPE to ``[1, 896]``), CONCATENATION (small first, 2,816),
    FULLY_CONNECTED to 5 (linear), SOFTMAX. 19 ops: 8 CONV_2D, 4 MAX_POOL_2D, 2 PAD,
    2 RESHAPE, CONCATENATION, FULLY_CONNECTED, SOFTMAX. This graph counts 27,152,640
    MACs (small branch 21,916,160: 500 x 50 x 64 = 1,600,000, 62 x 8 x 64 x 128 =
    4,063,232, 2 x 62 x 8 x 128 x 128 = 16,252,928; large branch 5,222,400: 60 x 400
    x 64 = 1,536,000, 15 x 6 x 64 x 128 = 737,280, 2 x 15 x 6 x 128 x 128 =
    2,949,120; the FC 2,816 x 5 = 14,080) and 617,221 parameters (weights and
    biases: small branch 331,328, large branch 271,808, the FC 14,085; by hand in the
    test). Published: the whole model with its bidirectional LSTMs about 21 M
    parameters (recalled, not precisely); not pinned.

    [U] the sequence residual learner replaced by an FC to 5 classes on the
    concatenated flattened features and a SOFTMAX (pre-registered); the [1, 1, T, 1]
    layout; the batch norms folded and RELU fused; SAME convs (pre-registered), the
    stride-6 and stride-50 ones written as PAD + VALID (Vela runs a stride above 3 only
    without padding; the same output); VALID pools (SAME would give 63 -> 16 and 15
    -> 8); the small-filter branch first in the graph and in the CONCATENATION;
    dropout left out; biases on every conv; the flatten in NHWC order.
    """
    flat = [_branch(b, x, *br) for br in DSN_BRANCHES]
    return b.softmax(b.fc(b.concat(flat), SLEEP_CLASSES))
