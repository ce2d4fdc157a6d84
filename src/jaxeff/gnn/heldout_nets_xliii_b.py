"""Held-out families XLIII, part H (session 33, pre-registered in addendum 5 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
two deep CIFAR-10 bottleneck networks on small 2-D maps with wide convolutions --
ResNeXt-29 8x64d (grouped 3x3 convs of up to 2,048 channels at 8 x 8) and the
pre-activation ResNet-164 (54 bottleneck units).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the CIFAR networks of
:mod:`jaxeff.gnn.heldout_nets_xlii_b` (float32, seeded weights, every conv with a
bias, batch norm folded into the preceding conv's weights and bias, RELU fused where
it follows a conv or an ADD), on ``[1, 32, 32, 3]``; the grouped convs as
:func:`jaxeff.gnn.heldout_nets_xxv.resnext50_32x4d` writes them (SPLIT, one CONV_2D
a group, CONCATENATION: :func:`jaxeff.gnn.heldout_nets_xxiv._group_conv`), the batch
norms that cannot fold as :func:`jaxeff.gnn.heldout_nets_xl_b.preact_resnet18_cifar`
writes them (a per-channel MUL and ADD with RELU fused:
:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`). Test models: no training space
draws either (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xliii_b.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`resnext29_8x64d_cifar`: ResNeXt-29, 8x64d (Xie et al., arXiv 1611.05431,
  Section 5, CIFAR): a 3x3 conv of 64 RELU, three stages of three bottleneck blocks
  (1x1 to 512 / 1,024 / 2,048 RELU, the 3x3 grouped in 8 as SPLIT / 8 CONV_2D of 64 /
  128 / 256 channels RELU / CONCATENATION, 1x1 to 256 / 512 / 1,024, ADD with RELU;
  stride 2 on the grouped 3x3 of the first block of stages 2 and 3, a 1x1 projection
  at the first block of every stage), MEAN, FC 10, SOFTMAX. 124 ops.
* :func:`preact_resnet164_cifar`: PreAct ResNet-164 (He et al., arXiv 1603.05027):
  a 3x3 conv of 16 RELU (the first unit's batch norm and ReLU folded), three stages
  of 18 pre-activation bottleneck units (a per-channel MUL + ADD RELU on the unit's
  input, 1x1 to 16 / 32 / 64 RELU, 3x3 RELU (stride 2 at the first unit of stages 2
  and 3), 1x1 to 64 / 128 / 256, linear residual ADD; a 1x1 projection of the
  pre-activated map at the first unit of every stage), the final batch norm + ReLU
  as MUL + ADD, MEAN, FC 10, SOFTMAX. 331 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head, _shortcut
from jaxeff.gnn.heldout_nets_xxiv import _group_conv
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["preact_resnet164_cifar", "resnext29_8x64d_cifar"]


# -- Xie, Girshick, Dollar, Tu & He: ResNeXt-29 for CIFAR

#: ResNeXt-29 8x64d (arXiv 1611.05431, Section 5): the stem's width, the stages'
#: output widths, the blocks per stage, the cardinality C and the bottleneck width d
#: of a group in stage 1 (doubling by stage)
RESNEXT29_STEM, RESNEXT29_WIDTHS, RESNEXT29_BLOCKS = 64, (256, 512, 1024), 3
RESNEXT29_GROUPS, RESNEXT29_D = 8, 64


def resnext29_8x64d_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """ResNeXt-29, 8x64d on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    Xie, Girshick, Dollar, Tu & He, "Aggregated Residual Transformations for Deep
    Neural Networks", CVPR 2017, arXiv 1611.05431 (Section 3, Fig. 3 (c), Section 5
    "Experiments on CIFAR", Table 7, recalled): the aggregated transformation as a
    bottleneck block whose 3x3 conv is grouped (C groups of d channels), batch norm
    after every conv, ReLU after each but the last, where the ReLU follows the
    addition of the shortcut; for CIFAR a 3x3 conv of 64 on the 32 x 32 image, three
    stages of three blocks with output widths 256, 512, 1024 (the feature maps
    halved, by stride 2, at the first block of stages 2 and 3), the bottleneck width
    C x d = 8 x 64 = 512 in stage 1 and doubling with the output width (1,024,
    2,048), global average pooling and a fully-connected classifier: 29 layers (1 +
    9 x 3 + 1). Here: conv 64 3x3 SAME RELU (BN folded); per block a 1x1 conv to the
    bottleneck width RELU, SPLIT of its channels into 8, eight 3x3 SAME CONV_2Ds of
    64 / 128 / 256 channels (each keeping its group's width, carrying the block's
    stride) RELU, CONCATENATION, a 1x1 conv to the output width (linear), ADD of the
    shortcut (:func:`jaxeff.gnn.heldout_nets._shortcut`: a 1x1 conv of the block's
    stride at the first block of a stage, where the width changes, else the block's
    input) with RELU fused; MEAN, FC ``classes``, SOFTMAX. 124 ops: 94 CONV_2D, 9
    SPLIT, 9 CONCATENATION, 9 ADD, MEAN, FULLY_CONNECTED, SOFTMAX. This graph counts
    5,387,266,048 MACs (stem 1,769,472; stage 1 (32 x 32) 486,539,264 (with the
    projection) + two of 570,425,344; stages 2 and 3 each 738,197,504 (the first
    1x1 at the input's size, then the halved size, with the projection) + two of
    570,425,344; each block's grouped 3x3 301,989,888; FC 10,240) and 34,397,962
    parameters (weights and biases; by hand in the test). Published (Table 7,
    recalled): 34.4 M parameters (-0.01 %); no multiply-add count for CIFAR.

    [U] the grouped 3x3 conv written as SPLIT + 8 CONV_2D + CONCATENATION, the form
    of the ResNeXt-50 builder (TFLite has no grouped CONV_2D that Vela maps, as that
    builder records; the paper gives the forms (a)-(c) of Fig. 3 as equivalent); the
    stride on the grouped 3x3 conv (not the first 1x1) of the first block of stages
    2 and 3; the shortcut a 1x1 projection (option B, batch norm folded) where the
    width or the size changes (the first block of each stage, stage 1's too: 64 ->
    256), the identity elsewhere; SAME padding (the paper's padding of 1); the
    batch norms folded, the stem's RELU fused; MEAN as the global average pool; 10
    classes; SOFTMAX (as the other classifiers); biases on every conv
    (NetBuilder's).
    """
    x = b.conv(x, RESNEXT29_STEM, 3, 1, "RELU")
    for i, cout in enumerate(RESNEXT29_WIDTHS):
        w = RESNEXT29_GROUPS * RESNEXT29_D * 2 ** i
        for j in range(RESNEXT29_BLOCKS):
            s = 2 if i and not j else 1
            h = _group_conv(b, b.conv(x, w, 1, 1, "RELU"), 3, s, RESNEXT29_GROUPS,
                            "RELU")
            x = b.add(b.conv(h, cout, 1), _shortcut(b, x, cout, s), "RELU")
    return _resnet_head(b, x, classes)


# -- He, Zhang, Ren & Sun: pre-activation ResNet-164 for CIFAR

#: PreAct ResNet-164 (arXiv 1603.05027, the 9n + 2 bottleneck ResNet with n = 18):
#: the stem's width, the stages' bottleneck widths (outputs four times them), the
#: units per stage
PREACT164_STEM, PREACT164_WIDTHS, PREACT164_UNITS = 16, (16, 32, 64), 18


def preact_resnet164_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """PreAct ResNet-164 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016,
    arXiv 1603.05027 (Section 4, Fig. 1 (b), Fig. 4 (e), Table 3 and the appendix,
    recalled; the bottleneck CIFAR ResNet of arXiv 1512.03385, Section 4.2, with 9n
    + 2 = 164 layers, n = 18): a 3x3 conv of 16 on the 32 x 32 image; three stages of
    18 bottleneck units at 32, 16, 8 pixels, each unit BN-ReLU-1x1 conv to 16 / 32 /
    64, BN-ReLU-3x3 conv, BN-ReLU-1x1 conv to 64 / 128 / 256, the shortcut added, no
    activation after the addition (the full pre-activation unit); the first unit
    following the stand-alone conv takes its activation right after that conv, before
    the split into the two paths, and the last unit an extra BN-ReLU after its
    addition; global average pool, FC 10, softmax. Here: conv 16 3x3 SAME with the
    first unit's batch norm folded and RELU fused; per unit: the input's batch norm
    + ReLU as MUL by a per-channel scale and ADD of a per-channel shift with RELU
    fused (:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`; not in the first unit,
    which reads the activated stem), 1x1 conv RELU and 3x3 conv (stride s) RELU with
    the following batch norms folded, 1x1 conv to four times the width (linear), the
    shortcut (a 1x1 conv of stride s on the pre-activated map at the first unit of
    each stage, where the width changes; the unit's raw input elsewhere), ADD (no
    activation); final MUL + ADD RELU, MEAN, FC ``classes``, SOFTMAX. 331 ops: 166
    CONV_2D, 54 MUL, 108 ADD, MEAN, FULLY_CONNECTED, SOFTMAX. This graph counts
    247,646,720 MACs (stem 442,368; stage 1 (32 x 32) 80,478,208: the first unit
    262,144 + 2,359,296 + 1,048,576 + 1,048,576 (projection), then 17 of 4,456,448;
    stages 2 and 3 each 83,361,792: the first unit 2,097,152 + 2,359,296 + 1,048,576
    + 2,097,152 (projection), then 17 of 4,456,448; FC 2,560) and 1,707,722
    parameters (1,691,594 weights and biases, 16,128 scales and shifts of the 53 + 1
    unfolded batch norms; by hand in the test). Published (Table 3, recalled): 1.7 M
    parameters (+0.5 %); no multiply-add count.

    [U] a batch norm that reads an ADD output (every unit's but the first's, and the
    final one) cannot fold into a conv (a sum has no weights to fold into, and the
    identity shortcut needs the unnormalised sum): it is a MUL +
    ADD with RELU fused, as the TFLite converter lowers it (as
    preact_resnet18_cifar_32); the first unit's batch norm and ReLU folded into the
    stem conv (both of that unit's paths read the activated map, the appendix's
    special case); the batch norms inside a unit folded into the conv before them
    (RELU fused); the projection shortcut on the pre-activated map at the first unit
    of every stage (a 1x1 conv of the unit's stride with no batch norm after it: it
    adds into the linear sum); the stride on the 3x3 conv of the first unit of
    stages 2 and 3 (the pre-registered placement; the paper does not state it, a
    stride on the first 1x1 conv, as in the original ImageNet bottleneck, the
    alternative); SAME padding; MEAN as the global pool; 10 classes; SOFTMAX (as the
    other classifiers); biases on every conv.
    """
    x = b.conv(x, PREACT164_STEM, 3, 1, "RELU")
    for i, w in enumerate(PREACT164_WIDTHS):
        for j in range(PREACT164_UNITS):
            s = 2 if i and not j else 1
            a = bn_relu(b, x) if i or j else x
            h = b.conv(b.conv(b.conv(a, w, 1, 1, "RELU"), w, 3, s, "RELU"), 4 * w, 1)
            x = b.add(h, x if j else b.conv(a, 4 * w, 1, s))
    x = b.mean(bn_relu(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
