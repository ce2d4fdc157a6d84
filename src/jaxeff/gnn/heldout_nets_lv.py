"""Held-out families LV (session 37, pre-registered in addendum 6 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
PreAct-ResNet-110 and RevNet-38, CIFAR networks whose batch norms that cannot fold
into a conv stay per-channel MUL + ADD operators, many of them on 16-channel 32 x 32
maps. Siblings of earlier test models (``preact_resnet164_cifar_32``,
``revnet110_cifar_32``), not independent architectures.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); the batch norms as in ResNet-v2-50
(:func:`jaxeff.gnn.heldout_nets_xlix.resnet_v2_50`): one that directly follows a conv
folded into it (its RELU fused into the conv), any other a per-channel MUL by a
constant ``[1, 1, 1, C]`` and ADD of a constant ``[1, 1, 1, C]`` with the RELU fused
into the ADD (:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`). The code paths are
shared: PreAct-ResNet-110 is :func:`jaxeff.gnn.heldout_nets_li.preact_basic_net`
(PreAct-ResNet-34's units) behind a 3x3 stem, RevNet-38 is
:func:`jaxeff.gnn.heldout_nets_lii_b.revnet_cifar` (RevNet-110's) with other widths
and depths. Test models: no training space draws them (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_lv.py``). Written from the papers'
definitions as recalled; no code was read. Choices the sources leave open, and ours,
are marked [U].

* :func:`preact_resnet110`: PreAct-ResNet-110 (He et al., arXiv 1603.05027) on ``[1,
  32, 32, 3]``: a 3x3 conv of 16 (linear); three stages of 18 pre-activation basic
  units at 16, 32, 64 channels on 32, 16, 8 pixels (MUL + ADD RELU, 3x3 RELU (stride
  2 in the first unit of stages 2 and 3), 3x3 linear, a linear ADD of the shortcut: a
  1x1 / 2 projection of the pre-activated input in those units, else the unit's
  input); a final MUL + ADD RELU, MEAN, FC 10, SOFTMAX; ``[1, 10]``. 278 ops: 111
  CONV_2D, 55 MUL, 109 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`revnet38`: RevNet-38 (Gomez et al., arXiv 1707.04585) on ``[1, 32, 32,
  3]``: RevNet-110's layout (:func:`jaxeff.gnn.heldout_nets_lii_b.revnet110`) with 3
  units a stage at 32, 64, 112 channels: a 3x3 conv of 32 (linear); 3 reversible
  units at 32; a pre-activation basic unit (3x3 / 2, 1x1 / 2 projection) then 2
  reversible units at 64 and at 112; a final MUL + ADD RELU, MEAN, FC 10, SOFTMAX;
  ``[1, 10]``. 102 ops: 35 CONV_2D, 17 MUL, 33 ADD, 7 SPLIT, 7 CONCATENATION, MEAN,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_li import preact_basic_net
from jaxeff.gnn.heldout_nets_lii_b import revnet_cifar

__all__ = ["preact_resnet110", "revnet38"]

#: PreAct-ResNet-110 (arXiv 1603.05027, the CIFAR ResNet-110 of arXiv 1512.03385,
#: Section 4.2, 6n + 2 layers with n = 18, recalled): the stem's width, the stages'
#: widths (a basic unit's output is its width), the units per stage
PREACT110_STEM, PREACT110_WIDTHS, PREACT110_UNITS = 16, (16, 32, 64), (18, 18, 18)
#: RevNet-38 (arXiv 1707.04585, Table 1, recalled [U]): the stem's width, the stages'
#: widths (a reversible unit's F and G work on half of them), the units per stage
REVNET38_STEM, REVNET38_WIDTHS, REVNET38_UNITS = 32, (32, 64, 112), (3, 3, 3)


def preact_resnet110(b: NetBuilder, x: int, classes: int = 10) -> int:
    """PreAct-ResNet-110 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX
    output ``[1, classes]``.

    He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016,
    arXiv 1603.05027 (Fig. 1 (b), Fig. 4 (e), Table 3, recalled; the CIFAR ResNet-110
    of arXiv 1512.03385, Section 4.2): a 3x3 conv of 16; three stages of 18 basic
    units at 16, 32, 64 filters on 32, 16, 8 pixels, each BN-ReLU, 3x3 conv, BN-ReLU,
    3x3 conv, added to the shortcut with nothing after the addition; an extra BN-ReLU
    after the last addition; global average pool, FC 10, softmax. Here (the
    pre-registered definition): CONV_2D 3x3 SAME 16 (linear); per unit (the units of
    :func:`jaxeff.gnn.heldout_nets_li.preact_basic_net`) MUL by a per-channel scale
    and ADD of a per-channel shift with RELU fused on the unit's input, CONV_2D 3x3
    (stride 2 in the first unit of stages 2 and 3) RELU (its batch norm folded),
    CONV_2D 3x3 (linear), the shortcut (a CONV_2D 1x1 / 2, linear, of the
    pre-activated map in those two units; the unit's input elsewhere), ADD (the branch
    first, no activation); final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED
    ``classes``, SOFTMAX. 278 ops: 111 CONV_2D, 55 MUL, 109 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX; the 55 MUL + ADD pairs on maps of 32 x 32 x 16 (19:
    stage 1's 18 units' and stage 2's first), 16 x 16 x 32 (18) and 8 x 8 x 64 (18,
    the final one among them). This graph counts 253,149,824 MACs (stem 442,368;
    stage 1 (32 x 32) 84,934,656, stages 2 and 3 83,886,080 each; FC 640) and
    1,730,634 parameters (weights and biases 1,726,570: stem 448, stages 83,520,
    328,864 and 1,313,088, FC 650; the 55 unfolded batch norms' scales and shifts
    4,064; by hand in the test). Published: 1.7 M parameters (ResNet-110's, arXiv
    1512.03385 Table 6 and arXiv 1603.05027 Table 3, from memory; pinned within 5 %:
    +1.8 %, the biases and the projections); no published MAC count pinned.

    [U] the stem conv linear, with a bias and no batch norm or ReLU of its own
    (pre-registered; its output is the first unit's identity shortcut, so the first
    unit's batch norm cannot fold into it); the down-sampling units with the stride 2
    on the first 3x3 and a 1x1 / 2 projection of the pre-activated input
    (pre-registered; the paper's CIFAR ResNets may use identity shortcuts with zero
    padding instead); identity shortcuts elsewhere; every batch norm not after a conv
    a MUL + ADD with RELU fused on ``[1, 1, 1, C]`` constants (pre-registered, as in
    ResNet-v2-50); the projection linear, with no batch norm; SAME padding; MEAN as
    the global pool; SOFTMAX (as the other classifiers); biases on every conv.
    """
    x = b.conv(x, PREACT110_STEM, 3)
    return preact_basic_net(b, x, PREACT110_WIDTHS, PREACT110_UNITS, classes)


def revnet38(b: NetBuilder, x: int, classes: int = 10) -> int:
    """RevNet-38 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Gomez, Ren, Urtasun & Grosse, "The Reversible Residual Network: Backpropagation
    Without Storing Activations", NIPS 2017, arXiv 1707.04585 (Section 3, Table 1,
    recalled): ResNet-32's counterpart, 3 units a stage at 32, 64, 112 channels,
    reversible units of two basic residual functions on half the channels each. Here
    (the pre-registered definition, as RevNet-110, one code path:
    :func:`jaxeff.gnn.heldout_nets_lii_b.revnet_cifar`): CONV_2D 3x3 SAME 32
    (linear); stage 1: 3 reversible units
    (:func:`jaxeff.gnn.heldout_nets_lii_b.reversible_unit`: SPLIT, F = MUL + ADD
    RELU, CONV_2D 3x3 RELU, CONV_2D 3x3, ADD x1; G likewise on y1, ADD x2;
    CONCATENATION) of 32 (halves of 16) at 32 x 32; stages 2 and 3: a pre-activation
    basic unit (MUL + ADD RELU on the concatenation, CONV_2D 3x3 / 2 RELU of C,
    CONV_2D 3x3 (linear), a CONV_2D 1x1 / 2 of C on the pre-activated map, linear
    ADD, the branch first), then 2 reversible units, at 64 (16 x 16) and 112 (8 x 8,
    halves of 56); final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED
    ``classes``, SOFTMAX. 102 ops: 35 CONV_2D, 17 MUL, 33 ADD, 7 SPLIT, 7
    CONCATENATION, MEAN, FULLY_CONNECTED, SOFTMAX; the 17 MUL + ADD pairs on maps of
    32 x 32 (6 of 16 channels, 1 of 32), 16 x 16 (4 of 32, 1 of 64) and 8 x 8 (4 of
    56, 1 of 112, the final one). This graph counts 89,015,392 MACs (stem 884,736;
    stage 1 (32 x 32) 28,311,552, stage 2 33,554,432, stage 3 26,263,552; FC 1,120)
    and 573,850 parameters (weights and biases 572,538: stem 896, stages 27,840,
    131,520 and 411,152, FC 1,130; the 17 unfolded batch norms' scales and shifts
    1,312; by hand in the test). Published: 0.46 M parameters (Table 1, from memory,
    as ResNet-32's, which RevNet-38 was sized to match; pinned within 30 %: +24.8 %,
    the two full-width down-sampling units, 242 k of them, and the biases; the 0.66 M
    of the brief is not what we recall); no published MAC count pinned.

    [U] the widths 32, 64, 112 (pre-registered: the paper's as recalled); the stem
    conv linear, with a bias and no batch norm; the down-sampling units as
    pre-activation basic units with a 1x1 / 2 projection of the pre-activated map, the
    stride on the first 3x3, counted among the 3 units of their stage (as RevNet-110's
    among its 9); every batch norm not after a conv a MUL + ADD with RELU fused on
    ``[1, 1, 1, C]`` constants; the channel split a SPLIT in two, x1 the first half;
    y1 and y2 concatenated in that order; the ADDs the branch first, linear; SAME
    padding; MEAN as the global pool; SOFTMAX; biases on every conv (all as
    RevNet-110).
    """
    return revnet_cifar(b, x, REVNET38_STEM, REVNET38_WIDTHS, REVNET38_UNITS, classes)
