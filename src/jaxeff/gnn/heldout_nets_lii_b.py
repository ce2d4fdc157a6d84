"""Held-out families LII, part B (session 37, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
RevNet-110, the CIFAR reversible residual network, whose units split the map in two
halves along the channels and keep the batch norms on each half (a slice of a
concatenation, or a residual sum) as per-channel MUL + ADD operators on maps of 32 x
32 down to 8 x 8.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); the batch norms as in ResNet-v2-50
(:func:`jaxeff.gnn.heldout_nets_xlix.resnet_v2_50`): one that directly follows a conv
folded into it (its RELU fused into the conv), one on anything else (a SPLIT half, a
residual sum, a CONCATENATION, the final one) a per-channel MUL by a constant ``[1,
1, 1, C]`` and ADD of a constant ``[1, 1, 1, C]`` with the RELU fused into the ADD
(:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`). A test model: no training space
draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lii_b.py``).
Written from the paper's definition as recalled; no code was read. Choices the source
leaves open, and ours, are marked [U].

* :func:`revnet110`: RevNet-110 (Gomez, Ren, Urtasun & Grosse, arXiv 1707.04585) on
  ``[1, 32, 32, 3]``: a 3x3 conv of 32 (linear); three stages of 9 units at 32, 64,
  128 channels on 32, 16, 8 pixels, a reversible unit SPLIT into halves x1, x2, y1 =
  F(x2) + x1, y2 = G(y1) + x2 (F, G: MUL + ADD RELU, 3x3 RELU, 3x3 linear on C / 2),
  CONCATENATION (y1, y2); the first unit of stages 2 and 3 a pre-activation basic
  unit (MUL + ADD RELU, 3x3 / 2 RELU, 3x3 linear, ADD of a 1x1 / 2 projection of the
  pre-activated input) doubling C; a final MUL + ADD RELU, MEAN, FC 10, SOFTMAX; ``[1,
  10]``. 318 ops: 107 CONV_2D, 53 MUL, 105 ADD, 25 SPLIT, 25 CONCATENATION, MEAN,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import bn_relu_4d

__all__ = ["revnet110", "revnet_cifar", "reversible_unit"]

#: RevNet-110 (arXiv 1707.04585, Table 1, recalled): the stem's width, the stages'
#: widths (a reversible unit's F and G work on half of them) and units per stage
REVNET110_STEM, REVNET110_WIDTHS, REVNET110_UNITS = 32, (32, 64, 128), (9, 9, 9)


def _residual_fn(b: NetBuilder, x: int) -> int:
    """F or G of a reversible unit on ``x``: MUL + ADD RELU (:func:`bn_relu_4d`),
    CONV_2D 3x3 RELU (its batch norm folded), CONV_2D 3x3 (linear), keeping C."""
    c = b.shape(x)[-1]
    return b.conv(b.conv(bn_relu_4d(b, x), c, 3, 1, "RELU"), c, 3)


def reversible_unit(b: NetBuilder, x: int) -> int:
    """A reversible residual unit on ``x`` (``[1, S, S, C]``): SPLIT into two halves
    along C, y1 = F(x2) + x1, y2 = G(y1) + x2 (linear ADDs, the branch first),
    CONCATENATION ``(y1, y2)`` along C."""
    x1, x2 = b.split(x, 2, axis=-1)
    y1 = b.add(_residual_fn(b, x2), x1)
    y2 = b.add(_residual_fn(b, y1), x2)
    return b.concat([y1, y2], axis=-1)


def revnet110(b: NetBuilder, x: int, classes: int = 10) -> int:
    """RevNet-110 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Gomez, Ren, Urtasun & Grosse, "The Reversible Residual Network: Backpropagation
    Without Storing Activations", NIPS 2017, arXiv 1707.04585 (Section 3, Eq. 3-4,
    Table 1, recalled): ResNet-110's layout with reversible units of two basic
    residual functions on half the channels each, 9 units a stage at 32, 64, 128
    channels; the units that down-sample or widen not reversible. Here (the
    pre-registered definition): CONV_2D 3x3 SAME 32 (linear); stage 1: 9 reversible
    units (:func:`reversible_unit`: SPLIT, F = MUL + ADD RELU, CONV_2D 3x3 RELU,
    CONV_2D 3x3, ADD x1; G likewise on y1, ADD x2; CONCATENATION) of 32 (halves of
    16) at 32 x 32; stages 2 and 3: a pre-activation basic unit (MUL + ADD RELU on the
    concatenation, CONV_2D 3x3 / 2 RELU of 2C, CONV_2D 3x3 (linear), a CONV_2D 1x1 /
    2 of 2C on the pre-activated map, linear ADD, the branch first), then 8
    reversible units, at 64 (16 x 16) and 128 (8 x 8); final MUL + ADD RELU, MEAN over
    H and W, FULLY_CONNECTED ``classes``, SOFTMAX. 318 ops: 107 CONV_2D, 53 MUL, 105
    ADD, 25 SPLIT, 25 CONCATENATION, MEAN, FULLY_CONNECTED, SOFTMAX; the 53 MUL + ADD
    pairs on maps of 32 x 32 (18 of 16 channels, 1 of 32), 16 x 16 (16 of 32, 1 of
    64) and 8 x 8 (16 of 64, 1 of 128, the final one). This graph counts
    266,175,744 MACs (stem 884,736; stage 1 (32 x 32) 84,934,656, stages 2 and 3
    90,177,536 each; FC 1,280) and 1,854,730 parameters (weights and biases
    1,850,634: stem 896, stages 83,520, 353,472 and 1,411,456, FC 1,290; the 53
    unfolded batch norms' scales and shifts 4,096; by hand in the test). Published:
    1.73 M parameters (Table 1, recalled, as ResNet-110's; pinned within 10 %: +7.2 %,
    the two full-width down-sampling units and the biases); no published MAC count
    pinned.

    [U] the stem conv linear, with a bias and no batch norm (the first unit's batch
    norms read its halves); the down-sampling units as pre-activation basic units
    with a 1x1 / 2 projection of the pre-activated map (pre-registered), the stride on
    the first 3x3; every batch norm not after a conv a MUL + ADD with RELU fused on
    ``[1, 1, 1, C]`` constants (pre-registered); the channel split a SPLIT in two
    (pre-registered), x1 the first half; y1 and y2 concatenated in that order; the
    ADDs the branch first, linear; SAME padding; MEAN as the global pool; SOFTMAX;
    biases on every conv.
    """
    return revnet_cifar(b, x, REVNET110_STEM, REVNET110_WIDTHS, REVNET110_UNITS,
                        classes)


def revnet_cifar(b: NetBuilder, x: int, stem: int, widths: tuple[int, ...],
                 units: tuple[int, ...], classes: int) -> int:
    """A CIFAR RevNet on ``x`` (``[1, 32, 32, 3]``); returns the SOFTMAX output ``[1,
    classes]``: CONV_2D 3x3 SAME ``stem`` (linear); per stage ``i`` ``units[i]``
    units of ``widths[i]`` channels, the first of every stage but the first a
    pre-activation basic unit (MUL + ADD RELU, CONV_2D 3x3 / 2 RELU, CONV_2D 3x3
    linear, ADD of a CONV_2D 1x1 / 2 of the pre-activated map, the branch first), the
    others :func:`reversible_unit`; a final MUL + ADD RELU, MEAN over H and W,
    FULLY_CONNECTED ``classes``, SOFTMAX. Shared by :func:`revnet110` and
    :func:`jaxeff.gnn.heldout_nets_lv.revnet38`."""
    x = b.conv(x, stem, 3)
    for i, (w, n) in enumerate(zip(widths, units, strict=True)):
        for j in range(n):
            if i and not j:
                a = bn_relu_4d(b, x)
                h = b.conv(b.conv(a, w, 3, 2, "RELU"), w, 3)
                x = b.add(h, b.conv(a, w, 1, 2))
            else:
                x = reversible_unit(b, x)
    x = b.mean(bn_relu_4d(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
