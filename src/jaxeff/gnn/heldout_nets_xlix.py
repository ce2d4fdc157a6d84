"""Held-out families XLIX, part D (session 36, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
ResNet-v2-50, the ImageNet pre-activation ResNet, whose batch norms on each unit's
input cannot fold into a conv and stay per-channel MUL + ADD operators on maps of
56 x 56 down to 7 x 7.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); a batch norm that directly follows
a conv folded into it (its RELU fused into the conv); one on a unit's input (the
residual sum, or the stem's max pool) a per-channel MUL by a constant ``[1, 1, 1,
C]`` and ADD of a constant ``[1, 1, 1, C]`` with the RELU fused into the ADD
(:func:`bn_relu_4d`: FC-DenseNet56's and PreAct ResNet-164's
:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu` with 4-D constants, as the ``bcast``
space and the probes of rule T write them). A test model: no training
space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlix.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`resnet_v2_50`: ResNet-v2-50 (He, Zhang, Ren & Sun, arXiv 1603.05027) on
  ``[1, 224, 224, 3]``: a 7x7 / 2 conv of 64 (linear), a 3x3 / 2 max pool; four
  stages of 3, 4, 6, 3 pre-activation bottleneck units of widths 64, 128, 256, 512
  (MUL + ADD RELU on the unit's input, 1x1 RELU, 3x3 RELU (stride 2 in the first
  unit of stages 2-4), 1x1 to 4 x the width, a linear ADD of the shortcut: a 1x1
  projection of the pre-activated input in each stage's first unit, else the unit's
  input); a final MUL + ADD RELU, MEAN, FC 1000, SOFTMAX; ``[1, 1000]``. 107 ops: 53
  CONV_2D, 17 MUL, 33 ADD, MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations


from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["bn_relu_4d", "resnet_v2_50"]


def bn_relu_4d(b: NetBuilder, x: int) -> int:
    """A batch norm that cannot fold, then ReLU, with 4-D constants: MUL by a
    per-channel scale ``[1, 1, 1, C]``, ADD of a per-channel shift ``[1, 1, 1, C]``
    with RELU fused (the pre-registered form; the same draws as
    :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`, whose constants are ``[C]``)."""
    return bn_relu(b, x, shape4=True)


# -- He, Zhang, Ren & Sun: ResNet-v2-50 (identity mappings, full pre-activation)

#: ResNet-v2-50 (arXiv 1603.05027, the 50-layer bottleneck ResNet of arXiv
#: 1512.03385, Table 1, with pre-activation units): the stem's width, the stages'
#: bottleneck widths (outputs four times them), the units per stage
RESNETV2_STEM, RESNETV2_WIDTHS, RESNETV2_UNITS = 64, (64, 128, 256, 512), (3, 4, 6, 3)


def resnet_v2_50(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNet-v2-50 on ``x`` (``[1, 224, 224, 3]``, ImageNet); returns the SOFTMAX
    output ``[1, classes]``.

    He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016,
    arXiv 1603.05027 (Section 4, Fig. 1 (b), Fig. 4 (e) and the ImageNet results,
    recalled; the 50-layer bottleneck network of arXiv 1512.03385, Table 1): conv1
    7x7 / 2 of 64, a 3x3 / 2 max pool (224 -> 56); conv2_x ... conv5_x of 3, 4, 6, 3
    bottleneck units of widths 64, 128, 256, 512 (outputs 256, 512, 1,024, 2,048),
    each unit BN-ReLU, 1x1 conv, BN-ReLU, 3x3 conv, BN-ReLU, 1x1 conv, added to the
    shortcut with nothing after the addition (the full pre-activation unit); an extra
    BN-ReLU after the last addition; global average pool, FC 1000, softmax. Here (the
    pre-registered definition): CONV_2D 7x7 / 2 SAME 64 (linear: the batch norm after
    it is the first unit's, on the pool), MAX_POOL_2D 3x3 / 2 SAME; per unit MUL by a
    per-channel scale and ADD of a per-channel shift with RELU fused (the batch norm
    on the unit's input: the max pool or the previous sum), CONV_2D 1x1 RELU and
    CONV_2D 3x3 (stride s) RELU (the batch norms after them folded), CONV_2D 1x1 to 4
    x the width (linear), the shortcut (a CONV_2D 1x1 of stride s, linear, on the
    pre-activated map -- the ADD RELU the residual branch reads too -- in each stage's
    first unit; the unit's input, the raw sum, elsewhere), ADD (the branch first, no
    activation); final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED
    ``classes``, SOFTMAX. 107 ops: 53 CONV_2D, 17 MUL, 33 ADD, MAX_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX; the 17 MUL + ADD pairs on maps of 56 x 56 (4: one of
    64 channels, three of 256), 28 x 28 (4, 512), 14 x 14 (6, 1,024) and 7 x 7 (3,
    2,048). This graph counts 4,089,184,256 MACs (stem 118,013,952; stage 1
    (56 x 56) 667,942,912, stage 2 1,027,604,480, stage 3 1,464,336,384, stage 4
    809,238,528; FC 2,048,000) and 25,560,808 parameters (weights and biases
    25,530,472: stem 9,472, the units' convs 23,472,000, FC 2,049,000; the 17
    unfolded batch norms' scales and shifts 30,336; by hand in the test).
    Published: 25.6 M parameters (recalled, as ResNet-50's; pinned within 1 %:
    -0.2 %) and 3.8 x 10^9 FLOPs, multiply-adds (arXiv 1512.03385, Table 1, with
    the stride on the first 1x1 conv; pinned within 10 %: +7.6 %).

    [U] the stride 2 on the 3x3 conv of the first unit of stages 2-4 (pre-registered;
    the projection shortcut 1x1 / 2 as well); the stem conv linear, with a bias and
    no batch norm or ReLU of its own (the first unit's batch norm reads the pool, the
    pre-registered definition); every batch norm on a unit's input (the pool output
    or a residual sum, which the identity shortcut needs unnormalised) and the final
    one a MUL + ADD with RELU fused (the pre-registered choice, as the TFLite
    converter lowers an unfoldable batch norm; scale and shift constants of shape
    ``[1, 1, 1, C]``, :func:`bn_relu_4d`); the batch norms after
    the first two convs of a unit folded (RELU fused); the projection on the
    pre-activated map, linear, with no batch norm after it; SAME padding on every
    conv and the max pool; MEAN as the global pool; SOFTMAX (as the other
    classifiers); biases on every conv.
    """
    x = b.pool(b.conv(x, RESNETV2_STEM, 7, 2), "max", 3, 2, "SAME")
    for i, (w, n) in enumerate(zip(RESNETV2_WIDTHS, RESNETV2_UNITS, strict=True)):
        for j in range(n):
            s = 2 if i and not j else 1
            a = bn_relu_4d(b, x)
            h = b.conv(b.conv(b.conv(a, w, 1, 1, "RELU"), w, 3, s, "RELU"), 4 * w, 1)
            x = b.add(h, b.conv(a, 4 * w, 1, s) if not j else x)
    x = b.mean(bn_relu_4d(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
