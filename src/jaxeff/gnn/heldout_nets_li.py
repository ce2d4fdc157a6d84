"""Held-out families LI, part J (session 36, pre-registered in addendum 6 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
PreAct-ResNet-34, the ImageNet pre-activation ResNet of basic units, whose batch norms
on each unit's input cannot fold into a conv and stay per-channel MUL + ADD operators
on a map that the identity shortcut reads as well.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); the batch norms as in ResNet-v2-50
(:func:`jaxeff.gnn.heldout_nets_xlix.resnet_v2_50`): one that directly follows a conv
folded into it (its RELU fused into the conv), one on a unit's input (the residual
sum, or the stem's max pool) and the final one a per-channel MUL by a constant ``[1,
1, 1, C]`` and ADD of a constant ``[1, 1, 1, C]`` with the RELU fused into the ADD
(:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`). A test model: no training space
draws it (``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_li.py``).
Written from the paper's definition as recalled; no code was read. Choices the source
leaves open, and ours, are marked [U].

* :func:`preact_resnet34`: PreAct-ResNet-34 (He, Zhang, Ren & Sun, arXiv 1603.05027)
  on ``[1, 224, 224, 3]``: a 7x7 / 2 conv of 64 (linear), a 3x3 / 2 max pool; four
  stages of 3, 4, 6, 3 pre-activation basic units of 64, 128, 256, 512 (MUL + ADD
  RELU on the unit's input, 3x3 RELU (stride 2 in the first unit of stages 2-4), 3x3
  linear, a linear ADD of the shortcut: a 1x1 / 2 projection of the pre-activated
  input in the first unit of stages 2-4, else the unit's input); a final MUL + ADD
  RELU, MEAN, FC 1000, SOFTMAX; ``[1, 1000]``. 90 ops: 36 CONV_2D, 17 MUL, 33 ADD,
  MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import RESNETV2_STEM, RESNETV2_UNITS, bn_relu_4d

__all__ = ["preact_resnet34", "preact_basic_net"]

#: PreAct-ResNet-34 (arXiv 1603.05027, the 34-layer basic-block ResNet of arXiv
#: 1512.03385, Table 1, with pre-activation units): the stem's width, the stages'
#: widths (a basic unit's output is its width), the units per stage (ResNet-v2-50's)
PREACT34_STEM, PREACT34_WIDTHS, PREACT34_UNITS = (
    RESNETV2_STEM, (64, 128, 256, 512), RESNETV2_UNITS)


def preact_resnet34(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """PreAct-ResNet-34 on ``x`` (``[1, 224, 224, 3]``, ImageNet); returns the SOFTMAX
    output ``[1, classes]``.

    He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016,
    arXiv 1603.05027 (Fig. 1 (b), Fig. 4 (e), recalled; the 34-layer network of arXiv
    1512.03385, Table 1): conv1 7x7 / 2 of 64, a 3x3 / 2 max pool (224 -> 56); conv2_x
    ... conv5_x of 3, 4, 6, 3 basic units of 64, 128, 256, 512, each BN-ReLU, 3x3
    conv, BN-ReLU, 3x3 conv, added to the shortcut with nothing after the addition;
    an extra BN-ReLU after the last addition; global average pool, FC 1000, softmax.
    Here (the pre-registered definition): CONV_2D 7x7 / 2 SAME 64 (linear: the batch
    norm after it is the first unit's, on the pool), MAX_POOL_2D 3x3 / 2 SAME; per
    unit MUL by a per-channel scale and ADD of a per-channel shift with RELU fused
    (the batch norm on the unit's input: the max pool or the previous sum), CONV_2D
    3x3 (stride s) RELU (the batch norm after it folded), CONV_2D 3x3 (linear), the
    shortcut (a CONV_2D 1x1 of stride 2, linear, on the pre-activated map -- the ADD
    RELU the residual branch reads too -- in the first unit of stages 2-4; the unit's
    input, the raw sum or the pool, elsewhere), ADD (the branch first, no
    activation); final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED
    ``classes``, SOFTMAX. 90 ops: 36 CONV_2D, 17 MUL, 33 ADD, MAX_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX; the 17 MUL + ADD pairs on maps of 56 x 56 (4, 64
    channels: stage 1's three units' and stage 2's first), 28 x 28 (4, 128), 14 x 14
    (6, 256) and 7 x 7 (3, 512: two units' and the final one). This graph counts
    3,663,761,408 MACs (stem 118,013,952; stage 1 (56 x 56) 693,633,024, stage 2
    873,463,808, stage 3 1,335,885,824, stage 4 642,252,800; FC 512,000) and
    21,796,840 parameters (weights and biases 21,789,160: stem 9,472, the units'
    convs 21,266,688, FC 513,000; the 17 unfolded batch norms' scales and shifts
    7,680; by hand in the test). Published: 21.8 M parameters (ResNet-34's,
    recalled; pinned within 1 %: -0.01 %) and 3.6 x 10^9 FLOPs, multiply-adds (arXiv
    1512.03385, Table 1; pinned within 5 %: +1.8 %).

    [U] the stride 2 on the first 3x3 conv of the first unit of stages 2-4 (the
    projection shortcut 1x1 / 2 as well); the first unit of stage 1 (64 -> 64, stride
    1) with the identity shortcut, the unit's input (the pool output), as in
    ResNet-34, which projects only where the shape changes; the stem conv linear, with
    a bias and no batch norm or ReLU of its own (the pre-registered definition); every
    batch norm on a unit's input and the final one a MUL + ADD with RELU fused on
    ``[1, 1, 1, C]`` constants (pre-registered, as in ResNet-v2-50); the batch norm
    after a unit's first conv folded (RELU fused); the projection on the
    pre-activated map, linear, with no batch norm after it; SAME padding on every
    conv and the max pool; MEAN as the global pool; SOFTMAX (as the other
    classifiers); biases on every conv.
    """
    x = b.pool(b.conv(x, PREACT34_STEM, 7, 2), "max", 3, 2, "SAME")
    return preact_basic_net(b, x, PREACT34_WIDTHS, PREACT34_UNITS, classes)


def preact_basic_net(b: NetBuilder, x: int, widths: tuple[int, ...],
                     units: tuple[int, ...], classes: int) -> int:
    """The stages of pre-activation basic units and the head of a PreAct-ResNet on
    ``x`` (the stem's output): per stage ``i`` ``units[i]`` units of ``widths[i]``
    channels, each MUL + ADD RELU (:func:`bn_relu_4d`) on the unit's input, CONV_2D
    3x3 (stride 2 in the first unit of every stage but the first) RELU, CONV_2D 3x3
    (linear), a linear ADD (the branch first) of the shortcut: a CONV_2D 1x1 / 2
    (linear) of the pre-activated input in those strided units, else the unit's
    input; then a final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED
    ``classes``, SOFTMAX. Shared by :func:`preact_resnet34` and
    :func:`jaxeff.gnn.heldout_nets_lv.preact_resnet110`."""
    for i, (w, n) in enumerate(zip(widths, units, strict=True)):
        for j in range(n):
            s = 2 if i and not j else 1
            a = bn_relu_4d(b, x)
            h = b.conv(b.conv(a, w, 3, s, "RELU"), w, 3)
            x = b.add(h, b.conv(a, w, 1, s) if s == 2 else x)
    x = b.mean(bn_relu_4d(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
