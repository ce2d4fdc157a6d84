"""Held-out families LX (session 38, addendum 6, pre-registered in
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built):
two keyword-spotting residual networks whose residual ADDs run on maps of C % 16 != 0
channels (19; 36 and 72), each a deeper sibling of registered test models from the
same paper, built with its siblings' builder and conventions so that the graphs
differ from theirs only where the papers' configurations do.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, batch norm folded into the preceding conv as its bias,
every conv with a bias, SAME padding). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lx.py``). Written
from the papers' definitions as recalled; no code was read beyond the siblings' own
builders. Choices the sources leave open, and ours, are marked [U].

* :func:`res26_narrow_kws`: Res26-narrow (Tang & Lin, "Deep Residual Learning for
  Small-Footprint Keyword Spotting", arXiv 1710.10361, ICASSP 2018) on ``[1, 101, 40,
  1]`` (101 frames x 40 MFCC): 3x3 conv 19, 2x2 average pool (101 x 40 -> 50 x 20),
  twelve residual blocks of two 3x3 convs of 19 with identity ADDs, MEAN, FC 12,
  SOFTMAX (:func:`jaxeff.gnn.heldout_nets_xxix.res8_kws` at 19 maps, 12 blocks, a 2x2
  pool). 41 ops: 25 CONV_2D, AVERAGE_POOL_2D, 12 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`tc_resnet14_15`: TC-ResNet14-1.5 (Choi et al., "Temporal Convolution for
  Real-time Keyword Spotting on Mobile Devices", arXiv 1904.03814, Interspeech 2019)
  on ``[1, 1, 98, 40]`` (98 frames along W, 40 MFCC as channels): 3x1 conv 24, six
  residual blocks of 9x1 convs (36, 36, 48, 48, 72, 72; strides 2, 1, 2, 1, 2, 1; 1x1/2
  projections on the strided blocks, identities on the others), MEAN, FC 12, SOFTMAX
  (:func:`jaxeff.gnn.heldout_nets_xxix.tc_resnet14` at k = 1.5). 25 ops: 16 CONV_2D, 6
  ADD, MEAN, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxix import RES8_NARROW_MAPS, res8_kws, tc_resnet14

__all__ = ["res26_narrow_kws", "tc_resnet14_15"]


# -- Res26-narrow

#: Res26 (arXiv 1710.10361 Table 1): residual blocks (two 3x3 convs each: 24 layers
#: after the first conv) and the average pool after the first conv ((time,
#: frequency) window = stride); the narrow variant's maps are Res8-narrow's 19
RES26_BLOCKS, RES26_POOL = 12, (2, 2)


def res26_narrow_kws(b: NetBuilder, x: int, classes: int = 12) -> int:
    """Res26-narrow on ``x`` (``[1, 101, 40, 1]``: 101 frames x 40 MFCC, one
    channel); returns the SOFTMAX output ``[1, classes]``.

    Tang & Lin, arXiv 1710.10361 (Figure 1, Table 1; recalled): Res26 is Res8 with
    a 2 x 2 average pool and twelve residual blocks (24 conv layers after the first,
    no dilation), the narrow variant 19 feature maps. Here (the pre-registered
    definition, with Res8-narrow's conventions): CONV_2D 3x3 SAME RELU of 19 to ``[1,
    101, 40, 19]``; AVERAGE_POOL_2D 2x2 / 2 VALID to ``[1, 50, 20, 19]`` (101 / 2
    floored: one frame dropped); twelve blocks of CONV_2D 3x3 RELU of 19 twice and an
    ADD (no activation) of the block's input; MEAN over (1, 2); FULLY_CONNECTED 12;
    SOFTMAX. 41 ops: 25 CONV_2D, AVERAGE_POOL_2D, 12 ADD, MEAN, FULLY_CONNECTED,
    SOFTMAX. This graph counts 78,667,068 MACs (first conv 690,840 = 4,040 x 171; 24
    convs at 50 x 20 x 3,249 = 77,976,000; FC 228) and 78,862 parameters (190 + 24 x
    3,268 + 240; by hand in the test). Published (Table 1, recalled): 78.4 K
    parameters (+0.6 %; without the 25 conv biases, as the release, 78,387: -0.02
    %) and 68.5 M multiplies (+15 %; Res26's 380 M against this layer list's 439 M
    at 45 maps, as Res8's and Res15's: the table's count, as recalled, is not
    reproduced).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxix.res8_kws` (Res8-narrow's builder):
    batch norm folded as if it preceded the RELU, so every conv carries a bias and a
    fused RELU (the paper: conv, RELU, affine-free batch norm); the ADD of the RELU
    outputs without activation (the release adds after the RELU; addendum 6's wording
    "ReLU after the sum" is not followed, so that the graph differs from Res8-narrow's
    only in depth and pool); the last batch norm folded into the FC; the pool's
    stride equal to its window, VALID (PyTorch's ``AvgPool2d`` default: 50 x 20); the
    first conv with a bias; MEAN for the global average pool.
    """
    return res8_kws(b, x, classes, RES8_NARROW_MAPS, blocks=RES26_BLOCKS,
                    pool=RES26_POOL)


# -- TC-ResNet14-1.5

#: TC-ResNet14-1.5's width multiplier (arXiv 1904.03814 Table 1)
TC_RESNET14_15_WIDTH = 1.5


def tc_resnet14_15(b: NetBuilder, x: int, classes: int = 12) -> int:
    """TC-ResNet14-1.5 on ``x`` (``[1, 1, 98, 40]``: 98 frames, 40 MFCC as
    channels); returns the SOFTMAX output ``[1, classes]``.

    Choi et al., arXiv 1904.03814 (Figure 2, Section 3, Table 1; recalled):
    TC-ResNet14 (:func:`jaxeff.gnn.heldout_nets_xxix.tc_resnet14`) at k = 1.5: the
    first conv 24, the blocks 36, 36, 48, 48, 72, 72 (16, 24, 24, 32, 32, 48, 48 x
    1.5). Here: CONV_2D 1x3 RELU of 24 to ``[1, 1, 98, 24]``; six residual blocks,
    each CONV_2D 1x9 of stride (1, s) RELU, CONV_2D 1x9 (linear), ADD with fused RELU
    of the shortcut: a CONV_2D 1x1 / (1, 2) RELU on the strided blocks, the block's
    input on the others; 98 -> 49 -> 25 -> 13 frames (SAME); MEAN over (1, 2);
    FULLY_CONNECTED 12; SOFTMAX. 25 ops: 16 CONV_2D, 6 ADD, MEAN, FULLY_CONNECTED,
    SOFTMAX. This graph counts 6,677,136 MACs (stem 282,240; blocks 994,896,
    1,143,072, 950,400, 1,036,800, 1,055,808, 1,213,056; FC 864) and 302,208
    parameters (by hand in the test). Published (Table 1, recalled): 305 K
    parameters (-0.9 %; with batch norm unfolded, one more parameter a normalised
    channel, 303,012: -0.7 %) and 13.4 M FLOPs (this graph's 13.35 M at two a MAC,
    -0.3 %).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxix.tc_resnet14` and
    :func:`jaxeff.gnn.heldout_nets_xxx.tc_resnet8_15` (TC-ResNet14's and
    TC-ResNet8-1.5's builders): the layout ``[1, 1, 98, 40]`` (time along W, as the
    registry's ``tc_resnet8_1.5_98x40``; addendum 6's ``[1, 98, 1, 40]`` names that
    sibling's layout in error); the first conv with batch norm and RELU; the
    projection shortcut's RELU; every conv with a bias (batch norm folded); SAME
    padding (13 frames after three strides, not 12); k = 1.5 gives whole channel
    counts (no rounding); MEAN for the global average pool.
    """
    return tc_resnet14(b, x, classes, TC_RESNET14_15_WIDTH)
