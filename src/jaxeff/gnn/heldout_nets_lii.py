"""Held-out families LII, part A (session 37, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
Residual Attention Network-56, the ImageNet network of attention modules whose
pre-activation bottleneck units keep their input batch norms as per-channel MUL + ADD
operators on small square maps (56 x 56 down to 7 x 7) and whose soft-mask branches
down-sample by max pools, up-sample bilinearly and gate the trunk by (1 + mask).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); the batch norms as in ResNet-v2-50
(:func:`jaxeff.gnn.heldout_nets_xlix.resnet_v2_50`): one that directly follows a conv
folded into it (its RELU fused into the conv), one on anything else (a unit's input: a
residual sum, the stem's max pool, a mask branch's max pool; the mask head's sum; the
final one) a per-channel MUL by a constant ``[1, 1, 1, C]`` and ADD of a constant
``[1, 1, 1, C]`` with the RELU fused into the ADD
(:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`). A test model: no training space
draws it (``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lii.py``).
Written from the paper's definition as recalled; no code was read. Choices the source
leaves open, and ours, are marked [U].

* :func:`attention56`: Residual Attention Network-56 (Wang et al., arXiv 1704.06904)
  on ``[1, 224, 224, 3]``: a 7x7 / 2 conv of 64 RELU, a 3x3 / 2 max pool; RU(256),
  attention module 1 (56 x 56 x 256, three mask levels), RU(512, 2), module 2 (28 x
  28 x 512, two levels), RU(1024, 2), module 3 (14 x 14 x 1,024, one level), RU(2048,
  2), RU(2048) x 2; a final MUL + ADD RELU, MEAN, FC 1000, SOFTMAX; ``[1, 1000]``. A
  pre-activation bottleneck unit RU(out, s): MUL + ADD RELU, 1x1 RELU of out / 4, 3x3
  / s RELU of out / 4, 1x1 linear of out, a linear ADD of the shortcut (a 1x1 / s
  conv of the pre-activated input where the shape changes, else the input). A module
  (p = 1, t = 2, r = 1): one RU; a trunk of two RUs; a soft-mask branch of max pools,
  RUs, RESIZE_BILINEAR x2 and ADDs, then MUL + ADD RELU, 1x1 RELU, 1x1 linear,
  LOGISTIC; ADD of the constant 1, MUL with the trunk; one RU. 248 ops: 110 CONV_2D,
  40 MUL, 79 ADD, 7 MAX_POOL_2D, 6 RESIZE_BILINEAR, 3 LOGISTIC, MEAN,
  FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import bn_relu_4d

__all__ = ["attention56", "residual_unit", "attention_module"]

#: Attention-56 (arXiv 1704.06904, Table 2, recalled): the stem's width; per stage
#: the residual unit's output width before the module and the mask branch's number of
#: down-up levels (the module's map: 56, 28, 14 pixels); the last stage's width
ATT56_STEM, ATT56_WIDTHS, ATT56_LEVELS, ATT56_LAST = (
    64, (256, 512, 1024), (3, 2, 1), 2048)


def residual_unit(b: NetBuilder, x: int, out: int, stride: int = 1) -> int:
    """A pre-activation bottleneck residual unit RU(out, stride) on ``x``: MUL + ADD
    RELU (the batch norm on the input, :func:`bn_relu_4d`), CONV_2D 1x1 ``out / 4``
    RELU, CONV_2D 3x3 / ``stride`` ``out / 4`` RELU (their batch norms folded),
    CONV_2D 1x1 ``out`` (linear), the shortcut (a CONV_2D 1x1 / ``stride`` of
    ``out``, linear, on the pre-activated input where the channels or the size
    change; else ``x``), ADD (the branch first, no activation)."""
    a = bn_relu_4d(b, x)
    h = b.conv(b.conv(b.conv(a, out // 4, 1, 1, "RELU"), out // 4, 3, stride, "RELU"),
               out, 1)
    proj = stride != 1 or b.shape(x)[-1] != out
    return b.add(h, b.conv(a, out, 1, stride) if proj else x)


def attention_module(b: NetBuilder, x: int, levels: int) -> int:
    """An attention module (p = 1, t = 2, r = 1) on ``x`` (``[1, S, S, C]``) whose
    soft-mask branch has ``levels`` down-up levels; returns ``[1, S, S, C]``.

    One RU; the trunk: two RUs; the mask branch from the first RU's output: per level a
    MAX_POOL_2D 3x3 / 2 SAME and one RU, a skip RU after it at every level but the
    last, one more RU at the last (two at the bottom); up: per level (deepest first)
    RESIZE_BILINEAR x2 (align_corners and half_pixel_centers off) ADDed (linear) to the
    level's skip, or at the top to the trunk's output, one RU between up-samplings;
    the mask head MUL + ADD RELU, CONV_2D 1x1 C RELU (its batch norm folded), CONV_2D
    1x1 C (linear), LOGISTIC; the output ADD of a constant 1 ``[1, 1, 1, 1]`` to the
    mask and MUL by the trunk ((1 + mask) x trunk), then one RU. Builds the first RU,
    the trunk, then the mask branch, the gate and the last RU, in that order."""
    c = b.shape(x)[-1]
    x = residual_unit(b, x, c)
    trunk = residual_unit(b, residual_unit(b, x, c), c)
    m, skips = x, []
    for i in range(levels):
        m = residual_unit(b, b.pool(m, "max", 3, 2, "SAME"), c)
        if i < levels - 1:
            skips.append(residual_unit(b, m, c))
    m = residual_unit(b, m, c)
    for i in reversed(range(levels)):
        side = b.shape(m)[1] * 2
        up = b.resize(m, (side, side), "bilinear")
        m = b.add(up, skips[i - 1] if i else trunk)
        if i:
            m = residual_unit(b, m, c)
    m = bn_relu_4d(b, m)
    m = b.act(b.conv(b.conv(m, c, 1, 1, "RELU"), c, 1), "LOGISTIC")
    g = b.mul(b.add(m, b.const(np.ones((1, 1, 1, 1), np.float32))), trunk)
    return residual_unit(b, g, c)


def attention56(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Residual Attention Network-56 on ``x`` (``[1, 224, 224, 3]``, ImageNet);
    returns the SOFTMAX output ``[1, classes]``.

    Wang, Jiang, Qian, Yang, Li, Zhang, Wang & Tang, "Residual Attention Network for
    Image Classification", CVPR 2017, arXiv 1704.06904 (Section 3, Fig. 2, Table 2,
    recalled): conv1 7x7 / 2 of 64, a 3x3 / 2 max pool (224 -> 56); a residual unit
    to 256, attention module 1 at 56 x 56; a residual unit to 512 / 2, module 2 at 28
    x 28; a unit to 1,024 / 2, module 3 at 14 x 14; three units of 2,048 (the first
    / 2) at 7 x 7; average pool, FC 1000, softmax. Pre-activation bottleneck units
    (:func:`residual_unit`); modules with p = 1, t = 2, r = 1 and 3, 2, 1 mask
    levels (:func:`attention_module`), the attention residual learning output (1 +
    M(x)) x T(x). Here (the pre-registered definition): CONV_2D 7x7 / 2 SAME 64 RELU
    (its batch norm folded), MAX_POOL_2D 3x3 / 2 SAME; RU(256), module (3 levels),
    RU(512, 2), module (2), RU(1024, 2), module (1), RU(2048, 2), RU(2048),
    RU(2048); final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED ``classes``,
    SOFTMAX. 248 ops: 110 CONV_2D, 40 MUL, 79 ADD, 7 MAX_POOL_2D, 6 RESIZE_BILINEAR,
    3 LOGISTIC, MEAN, FULLY_CONNECTED, SOFTMAX; 33 residual units (4 with a
    projection: RU(256) and the three strided ones), 12 / 9 / 6 in modules 1 / 2 / 3;
    37 MUL + ADD RELU batch-norm pairs (one per unit, one per mask head, the final
    one) on maps of 56 x 56 (1 of 64 channels, 6 of 256), 28 x 28 (3 of 256, 6 of
    512), 14 x 14 (3 of 256, 3 of 512, 6 of 1,024), 7 x 7 (2 of 256, 2 of 512, 2 of
    1,024, 3 of 2,048); 3 gate MULs of two maps and 3 ADDs of the constant 1. This
    graph counts 6,270,836,736 MACs and 31,825,387 parameters (weights and biases
    31,778,152: the convs 29,729,152, FC 2,049,000; the 37 unfolded batch norms'
    scales and shifts 47,232; the three constants 1; by hand in the test).
    Published: 31.9 M parameters and 6.2 x 10^9 FLOPs, multiply-adds (recalled;
    pinned within 1 %: -0.2 %, and 5 %: +1.1 %).

    [U] the stem conv with its batch norm and RELU folded (a conv directly followed
    by a batch norm); every batch norm not after a conv (a unit's input, the mask
    head's first, the final one) a MUL + ADD with RELU fused on ``[1, 1, 1, C]``
    constants (pre-registered); the projection on the pre-activated map, linear, only
    where the shape changes; the stride on the 3x3 conv; the bottom of a mask branch
    two RUs (the last level's one and one more); the up-sampled map ADDed to the
    level's skip alone (not also to the down path's map); RESIZE_BILINEAR x2 with
    half-pixel centres and align_corners off (pre-registered); the mask head's 1x1
    convs keep C channels; (1 + mask) x trunk as ADD of a ``[1, 1, 1, 1]`` constant 1
    and a MUL (pre-registered); SAME padding on every conv and max pool; MEAN as the
    global pool; SOFTMAX; biases on every conv.
    """
    x = b.pool(b.conv(x, ATT56_STEM, 7, 2, "RELU"), "max", 3, 2, "SAME")
    for i, (w, n) in enumerate(zip(ATT56_WIDTHS, ATT56_LEVELS, strict=True)):
        x = attention_module(b, residual_unit(b, x, w, 2 if i else 1), n)
    for j in range(3):
        x = residual_unit(b, x, ATT56_LAST, 1 if j else 2)
    x = b.mean(bn_relu_4d(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
