"""Held-out families LVIII, part C (session 38, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built, in
the place of SampleCNN 3^9, which the held-out set already held): M11 of Dai et al.,
the deepest plain network of the paper whose M5 is a validation model (said openly in
the addendum: a sibling of a validation model), on 32,000 raw samples as
``m11_raw_32000``: a single-channel long-kernel conv of stride 4 (1 input channel, 80
taps: the domain of rule Z) and four max pools of stride 4 (rule V).

Written with :class:`jaxeff.gnn.build.NetBuilder` in the layout of
:func:`jaxeff.gnn.heldout_nets_xxxviii.m5` (``m5_raw_32000``: float32, seeded
weights, batch norm folded into each conv's bias, RELU fused; the samples along W, a
PAD of 38 / 38 in time then a VALID stride-4 stem). Correction (session 41): an earlier
version said the NPU needs that PAD with a stride above 3; it is the opposite. Vela 5.2
folds the PAD into the stem's padding and refuses a padded stride-4 conv ("Non-passthrough
operation (Conv2D) could not run on NPU"), so this graph does not map fully; a VALID stem
without the PAD does (``m18_valid_32000``, session 40). Test model: no training space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lviii_c.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`m11`: M11 (arXiv 1610.00087, Table 1) on ``[1, 1, 32000, 1]``: PAD 38 / 38
  in time (32,076), CONV_2D 1x80 stride (1, 4) VALID RELU of 64 (8000), MAX_POOL_2D
  1x4 / 4 (2000), two CONV_2D 1x3 SAME RELU of 64, pool (500), two of 128, pool
  (125), three of 256, pool (31), two of 512, MEAN over H and W, FULLY_CONNECTED 10,
  SOFTMAX; ``[1, 10]``. 18 ops: PAD, 10 CONV_2D, 4 MAX_POOL_2D, MEAN,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxviii import M5_PAD, M5_POOL

__all__ = ["m11"]


# -- Dai et al.: M11 on raw waveforms

#: M11 (arXiv 1610.00087, Table 1, recalled; the pre-registered definition): the
#: stem's (filters, taps, stride); per stage after each max pool, (filters, convs) of
#: the 1x3 SAME convs (the last stage has no pool after it); the max pools' window (=
#: stride) and the PAD in time before the stem, as M5's; the classes
M11_STEM = (64, 80, 4)
M11_STAGES = ((64, 2), (128, 2), (256, 3), (512, 2))
M11_POOL, M11_PAD, M11_CLASSES = M5_POOL, M5_PAD, 10


def m11(b: NetBuilder, x: int, classes: int = M11_CLASSES) -> int:
    """M11 on ``x`` (``[1, 1, 32000, 1]``: 32,000 waveform samples along W); returns
    the SOFTMAX output ``[1, classes]``.

    Dai, Dai, Qu, Li and Das, "Very Deep Convolutional Neural Networks for Raw
    Waveforms", ICASSP 2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 64],
    maxpool 4; [3, 64] x 2, maxpool 4; [3, 128] x 2, maxpool 4; [3, 256] x 3, maxpool
    4; [3, 512] x 2; global average pooling; softmax; batch norm and ReLU after every
    conv. Here (the pre-registered definition): PAD 38 / 38 in time (32,076), CONV_2D
    64 1x80 stride (1, 4) VALID RELU (-> 8000), MAX_POOL_2D 1x4 / (1, 4) VALID (->
    2000), two CONV_2D 64 1x3 SAME RELU, pool (-> 500), two CONV_2D 128, pool (->
    125), three CONV_2D 256, pool (-> 31, 125 floored), two CONV_2D 512, MEAN over H
    and W, FULLY_CONNECTED ``classes`` (linear), SOFTMAX. 18 ops: PAD, 10 CONV_2D, 4
    MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX. This graph counts 224,990,208 MACs
    (convs 40,960,000 = 8,000 x 64 x 80; 24,576,000 x 2 at 2,000; 12,288,000 and
    24,576,000 at 500; 12,288,000, 24,576,000 x 2 at 125; 12,189,696 and 24,379,392
    at 31; FC 5,120) and 1,781,962 parameters (weights and biases: 5,184; 12,352 x 2;
    24,704, 49,280; 98,560, 196,864 x 2; 393,728, 786,944; 5,130; by hand in the
    test). Published (Table 1, recalled): 1.8 M parameters.

    [U] the layout (time along W, kernel height 1; as ``m5_raw_32000``); the PAD that
    keeps the paper's 16x reduction (32000 -> 2000) with a VALID stride-4 conv (76 =
    80 - 4 zeros, split evenly); the 1x3 convs SAME; the pools VALID (125 -> 31);
    batch norms folded into the convs' biases, RELU fused; MEAN as the global average
    pool; the FC linear before a standalone SOFTMAX; 10 classes (UrbanSound8k).
    """
    c0, k0, s0 = M11_STEM
    x = b.pad(x, ((0, 0), (0, 0), M11_PAD, (0, 0)))
    x = b.conv(x, c0, (1, k0), (1, s0), "RELU", "VALID")
    for i, (c, n) in enumerate(M11_STAGES):
        x = b.pool(x, "max", (1, M11_POOL), (1, M11_POOL))
        for _ in range(n):
            x = b.conv(x, c, (1, 3), 1, "RELU", "SAME")
    return b.softmax(b.fc(b.mean(x), classes))
