"""Held-out families XLIII, part G (session 33, pre-registered in addendum 5 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
three published CIFAR-10 networks with small 2-D maps and wide convolutions --
ResNet-32, DenseNet-BC-100 (k = 12) and Wide ResNet-28-10.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the CIFAR networks of
:mod:`jaxeff.gnn.heldout_nets_xlii_b` (float32, seeded weights, every conv with a
bias, batch norm folded into the preceding conv's weights and bias where one
precedes it, RELU fused where it follows a conv or an ADD, dropout left out at
inference), on ``[1, 32, 32, 3]``; each reuses a builder or helper of the repository
rather than a copy: ResNet-32 the basic stages of
:func:`jaxeff.gnn.heldout_nets._basic_stages` at the CIFAR widths, DenseNet-BC-100
the unfoldable batch norm of :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu` (as
DenseNet-40, :func:`jaxeff.gnn.heldout_nets_xxxii_b.densenet40_k12_cifar`), WRN-28-10
:func:`jaxeff.gnn.heldout_nets.wide_resnet_cifar` (the builder of the earlier test
model WRN-16-4) at depth 28 and width 10. Test models: no training space draws any
of them in its exact configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xliii.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`resnet32_cifar`: ResNet-32 (He et al., arXiv 1512.03385, Section 4.2, n = 5):
  a 3x3 conv of 16 RELU, three stages of five basic blocks (16, 32, 64; stride 2 and
  a 1x1 projection at the first block of stages 2 and 3), MEAN, FC 10, SOFTMAX. 51
  ops.
* :func:`densenet_bc100_k12_cifar`: DenseNet-BC-100, k = 12 (Huang et al., arXiv
  1608.06993): a 3x3 conv of 24, three dense blocks of 16 bottleneck layers (MUL +
  ADD RELU, 1x1 conv 48 RELU, 3x3 conv 12, CONCATENATION), two compression-0.5
  transitions (MUL + ADD RELU, 1x1 conv to half, 2x2 / 2 average pool), MUL + ADD
  RELU, MEAN, FC 10, SOFTMAX. 254 ops.
* :func:`wrn28_10_cifar`: Wide ResNet-28-10 (Zagoruyko & Komodakis, arXiv
  1605.07146): a 3x3 conv of 16, three groups of four pre-activation basic blocks
  (160, 320, 640; stride 2 at the first block of groups 2 and 3, 1x1 projections
  where the width or stride changes), standalone pre-activation RELUs, MEAN, FC 10,
  SOFTMAX. 55 ops.

[U] common to the three: 10 classes and a SOFTMAX after the FC (the papers' softmax
classifiers); SAME padding (the papers' zero padding of 1 on the 3x3 convs); MEAN
over H and W as the global average pool (8 x 8 at the end); biases on every conv
(NetBuilder's; the batch norms' shifts fold into them). The MAC and parameter counts
of each graph are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _basic_stages, _resnet_head, wide_resnet_cifar
from jaxeff.gnn.heldout_nets_xxx_b import RESNET20_WIDTHS
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["densenet_bc100_k12_cifar", "resnet32_cifar", "wrn28_10_cifar"]


# -- He, Zhang, Ren & Sun: ResNet-32 for CIFAR-10

#: Section 4.2's n for 6n + 2 = 32 layers (the widths are ResNet-20's, 16, 32, 64)
RESNET32_N = 5


def resnet32_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """ResNet-32 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
    arXiv 1512.03385 (Section 4.2, recalled): the first layer a 3x3 conv of 16, then
    a stack of 6n 3x3 layers on maps of 32, 16 and 8 pixels with 16, 32 and 64
    filters (2n layers each), subsampling by convs of stride 2; basic residual blocks
    (two 3x3 convs, batch norm after each, ReLU after the first and after the
    addition); global average pool, a 10-way FC, softmax; n = 5 gives 6n + 2 = 32
    weighted layers. Identity shortcuts, option A (zero padding) where the dimensions
    grow. Here: conv 16 3x3 SAME RELU (BN folded), the stages of
    :func:`jaxeff.gnn.heldout_nets._basic_stages` with widths 16, 32, 64 and five
    blocks each (3x3 conv RELU, 3x3 conv linear, the shortcut, ADD with RELU fused;
    the stride on the first 3x3 of stages 2 and 3, a 1x1 stride-2 conv shortcut
    there), MEAN, FC ``classes``, SOFTMAX. 51 ops: 33 CONV_2D, 15 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 69,124,736 MACs (stem 442,368; stage
    1 ten of 2,359,296; stages 2 and 3 each 1,179,648 + nine of 2,359,296 + 131,072
    (projection); FC 640) and 465,674 parameters (weights and biases; by hand in the
    test). Published (Table 6): 0.46 M parameters (+1.2 %; the option-A model, whose
    shortcuts have none); 69 M multiply-adds as commonly quoted (recalled, not
    pinned).

    [U] option A's zero-padding shortcuts written as 1x1 stride-2 projections
    (option B; 544 + 2,112 parameters and 2 x 131,072 MACs more; the pre-registered
    choice: the space of the earlier ResNet-20 test model with projections); the
    batch norms folded into the convs, the block's last ReLU fused into the ADD; the
    stride on the block's first 3x3 conv.
    """
    x = b.conv(x, RESNET20_WIDTHS[0], 3, 1, "RELU")
    blocks = (RESNET32_N,) * len(RESNET20_WIDTHS)
    x = _basic_stages(b, x, blocks, widths=RESNET20_WIDTHS)
    return _resnet_head(b, x, classes)


# -- Huang, Liu, van der Maaten & Weinberger: DenseNet-BC-100 (k = 12)

#: DenseNet-BC-100's growth rate k, bottleneck layers per dense block ((100 - 4) /
#: 6), the bottleneck's width (4k) and the transitions' compression
DENSENET_BC100_GROWTH, DENSENET_BC100_LAYERS = 12, 16
DENSENET_BC_BOTTLENECK, DENSENET_BC_COMPRESSION = 4, 0.5


def densenet_bc100_k12_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """DenseNet-BC-100 (k = 12) on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    Huang, Liu, van der Maaten & Weinberger, "Densely Connected Convolutional
    Networks", CVPR 2017, arXiv 1608.06993 (Section 3 and the CIFAR implementation
    details, recalled): DenseNet-BC, the bottleneck layer BN-ReLU-conv 1x1 of 4k
    then BN-ReLU-conv 3x3 of k, its output concatenated onto the block's running
    map; compression theta = 0.5 at the transitions (BN-ReLU-conv 1x1 to
    floor(theta m) maps, 2x2 average pool); on CIFAR a first 3x3 conv of 2k
    channels, three dense blocks of equal size ((L - 4) / 6 = 16 bottleneck layers at
    L = 100), maps of 32, 16 and 8 pixels, a final BN-ReLU, global average pool,
    softmax classifier. Channels: 24 -> 216 (block 1), 108 -> 300 (block 2), 150 ->
    342 (block 3). Here: conv 24 3x3 SAME (linear); per layer the running map's batch
    norm and ReLU as :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu` (MUL by a
    per-channel scale, ADD of a per-channel shift with RELU fused), conv 48 1x1 with
    the second batch norm folded and RELU fused, conv 12 3x3 SAME (linear),
    CONCATENATION; per transition MUL + ADD RELU, conv 1x1 to half the channels
    (linear), AVERAGE_POOL_2D 2x2 / 2 VALID; final MUL + ADD RELU, MEAN, FC
    ``classes``, SOFTMAX. 100 layers: 1 + 96 + 2 convs and the FC. 254 ops: 99
    CONV_2D, 51 MUL, 51 ADD, 48 CONCATENATION, 2 AVERAGE_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 287,929,692 MACs (convs and FC; the
    MULs and ADDs of the batch norms not counted) and 767,716 parameters: 745,164
    conv and FC weights, 3,172 biases (the FC's 10 and the 99 convs' the builder
    adds), 19,380 scales and shifts of the 51 unfolded batch norms (by hand in the
    test). Published (Table 2): 0.8 M parameters (-4.0 %; the table rounds to 0.1
    M); no multiply-add count in the paper (the often-quoted 0.29 G for
    DenseNet-BC-100, recalled: -0.7 %, not pinned).

    [U] each pre-activation batch norm (on a CONCATENATION or the stem, whose map
    the later layers also read, so not foldable) as
    :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`, as in DenseNet-40; the batch
    norm between the bottleneck's 1x1 and 3x3 convs folded into the 1x1 (RELU
    fused); the stem conv with no batch norm after it (the first layer's does it);
    floor(0.5 m) at the transitions (216 and 300 are even); average pools VALID
    (even maps); dropout left out (the paper uses it only on the CIFAR runs without
    data augmentation).
    """
    k = DENSENET_BC100_GROWTH
    x = b.conv(x, 2 * k, 3)
    for i in range(3):
        for _ in range(DENSENET_BC100_LAYERS):
            h = b.conv(bn_relu(b, x), DENSENET_BC_BOTTLENECK * k, 1, 1, "RELU")
            x = b.concat([x, b.conv(h, k, 3)])
        if i < 2:
            c = int(b.shape(x)[-1] * DENSENET_BC_COMPRESSION)
            x = b.pool(b.conv(bn_relu(b, x), c, 1), "avg", 2, 2)
    x = b.mean(bn_relu(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))


# -- Zagoruyko & Komodakis: Wide ResNet-28-10

#: WRN-28-10: depth (N = (28 - 4) / 6 = 4 blocks per group) and widening factor
WRN28_DEPTH, WRN28_K = 28, 10


def wrn28_10_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """WRN-28-10 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Zagoruyko & Komodakis, "Wide Residual Networks", BMVC 2016, arXiv 1605.07146
    (Section 2, Table 1, recalled): conv1 3x3 16; groups conv2, conv3, conv4 of N =
    (28 - 4) / 6 = 4 pre-activation basic blocks B(3, 3) of width 16k, 32k, 64k =
    160, 320, 640 at 32, 16, 8 pixels (BN-ReLU-conv 3x3, BN-ReLU-conv 3x3, the
    shortcut added), stride 2 at the first block of conv3 and conv4, a 1x1 conv
    shortcut where the width or stride changes; BN-ReLU, 8x8 average pool, FC,
    softmax; dropout (between a block's convs) left out at inference. Here
    :func:`jaxeff.gnn.heldout_nets.wide_resnet_cifar` at depth 28, k = 10 (the
    builder of WRN-16-4, the same family): conv 16 3x3 SAME RELU (the first block's
    batch norm folded into it); per block a standalone RELU on its input (but the
    first block's), conv 3x3 (stride s) with the second batch norm folded and RELU
    fused, conv 3x3 (linear), the identity or a 1x1 conv (stride s) on the
    pre-activated input, ADD (no activation); standalone RELU, MEAN, FC ``classes``,
    SOFTMAX. 55 ops: 28 CONV_2D, 12 ADD, 12 RELU, MEAN, FULLY_CONNECTED, SOFTMAX.
    This graph counts 5,243,328,768 MACs (stem 442,368; group 1 23,592,960 +
    2,621,440 (projection) + seven of 235,929,600; groups 2 and 3 each 117,964,800 +
    13,107,200 + seven of 235,929,600; FC 6,400) and 36,471,338 parameters (weights
    and biases; by hand in the test). Published (Tables 4 and 5, recalled): 36.5 M
    parameters (-0.1 %); no multiply-add count in the paper (the often-quoted 5.25 G,
    recalled: -0.1 %, not pinned).

    [U] as WRN-16-4's builder: each pre-activation batch norm after an ADD (and the
    final one) left out, its ReLU a standalone RELU (not a MUL + ADD as DenseNet's
    here and PreAct ResNet-18's); the first block's batch norm folded into conv1
    (RELU fused); the batch norm between a block's convs folded into the first
    (RELU fused); the projection shortcut on the pre-activated input; the stride on
    the block's first 3x3 conv; dropout left out (WRN-28-10 is also published
    without).
    """
    return wide_resnet_cifar(b, x, WRN28_DEPTH, WRN28_K, classes)
