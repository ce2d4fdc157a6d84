"""Held-out families XLII, part F (session 33, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
three CIFAR-size 2-D classifiers with wide 3x3 (and 5x5) convolutions -- ResNet-18 and
VGG-16 in their common CIFAR adaptations, and the CIFAR-10 Network in Network.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the CIFAR networks of
:func:`jaxeff.gnn.heldout_nets.vgg11_cifar`,
:func:`jaxeff.gnn.heldout_nets_xxx_b.resnet20_cifar_a` and
:func:`jaxeff.gnn.heldout_nets.nin` (float32, seeded weights, every conv with a bias,
batch norm folded into the preceding conv's weights and bias, RELU fused where it
follows a conv or an ADD, dropout left out at inference), on ``[1, 32, 32, 3]``.
Test models: no training space draws any of them in its exact configuration, but two
come close (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlii_b.py``): the ``resnet`` space can draw ResNet-18's
whole graph but the SOFTMAX, the ``plain`` space VGG-16's conv stack with a single FC.
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`resnet18_cifar`: ResNet-18 (He et al., arXiv 1512.03385, basic blocks) at
  CIFAR scale: a 3x3 conv of 64 RELU (no max pool), four stages of two basic blocks
  (64, 128, 256, 512; 3x3 conv RELU, 3x3 conv, ADD with RELU; stride 2 and a 1x1
  projection at the first block of stages 2-4), MEAN, FC 10, SOFTMAX. 31 ops.
* :func:`vgg16_cifar`: VGG-16 (configuration D of Simonyan & Zisserman, arXiv
  1409.1556) at 32 x 32: thirteen 3x3 SAME convs RELU (64, 64, 128, 128, 256 x 3,
  512 x 6) with five 2x2 / 2 max pools, RESHAPE to 512, FC 512 RELU, FC 10, SOFTMAX.
  22 ops.
* :func:`nin_cifar`: Network in Network for CIFAR-10 (Lin, Chen & Yan, arXiv
  1312.4400): mlpconv 1 (5x5 192, 1x1 160, 1x1 96), 3x3 / 2 SAME max pool, mlpconv 2
  (5x5 192, 1x1 192, 1x1 192), 3x3 / 2 SAME average pool, mlpconv 3 (3x3 192, 1x1
  192, 1x1 10), RELU fused into every conv, MEAN, SOFTMAX. 13 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (RESNET18_BLOCKS, VGG16, _basic_stages,
                                     _resnet_head)
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc

__all__ = ["nin_cifar", "resnet18_cifar", "vgg16_cifar"]


# -- He, Zhang, Ren & Sun: ResNet-18 at CIFAR scale

#: the 3x3 stem's width (ResNet-18's conv1 width, ImageNet's, on a 3x3 kernel)
RESNET18_CIFAR_STEM = 64


def resnet18_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """ResNet-18 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", CVPR 2016,
    arXiv 1512.03385 (Section 3, Fig. 2 and 3, Table 1's 18-layer column, recalled):
    the basic residual block (3x3 conv, batch norm, ReLU, 3x3 conv, batch norm, the
    shortcut added, ReLU), two per stage at 64, 128, 256, 512 filters, the first of
    stages conv3_x - conv5_x of stride 2 with a projection shortcut (option B: a 1x1
    conv of stride 2 and batch norm) there, identity shortcuts elsewhere; global
    average pooling, a 1000-way FC, softmax. The paper's CIFAR nets (Section 4.2) are
    narrower (16-64) and start from a 3x3 conv on the 32 x 32 image with no pooling;
    the common CIFAR ResNet-18 takes that stem to the ImageNet widths. Here: conv 64
    3x3 SAME RELU (BN folded), stages of :func:`jaxeff.gnn.heldout_nets._basic_stages`
    (3x3 conv RELU, 3x3 conv linear, the shortcut, ADD with RELU fused; 32, 16, 8, 4
    pixels), MEAN, FC ``classes``, SOFTMAX. 31 ops: 20 CONV_2D, 8 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 555,422,720 MACs (stem 1,769,472;
    stage 1 four of 37,748,736; stages 2-4 each 18,874,368 + three of 37,748,736 +
    2,097,152 (projection); FC 5,120) and 11,169,162 parameters (weights and biases;
    by hand in the test). Published: no count for this adaptation in the paper; the
    often-quoted 11.2 M parameters and 0.56 G multiply-adds (recalled, not pinned).

    [U] ImageNet's widths on the CIFAR layout (a 3x3 stem of 64 with batch norm and
    ReLU, stride 1, no max pool: 32 x 32 into stage 1; the pre-registered "common
    CIFAR adaptation"); the projection shortcut (option B) on the three stride-2
    blocks only; the stride on a block's first 3x3 conv; SAME padding (the paper's
    zero padding of 1); the batch norms folded into the convs, the block's last ReLU
    fused into the ADD; MEAN as the global average pool; 10 classes; SOFTMAX; biases
    on every conv (NetBuilder's; the batch norms' shifts fold into them).
    """
    x = b.conv(x, RESNET18_CIFAR_STEM, 3, 1, "RELU")
    return _resnet_head(b, _basic_stages(b, x, RESNET18_BLOCKS), classes)


# -- Simonyan & Zisserman: VGG-16 at CIFAR scale

#: the common CIFAR head: one hidden FC of 512 (RELU), then the classifier
VGG16_CIFAR_FC = 512


def vgg16_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """VGG-16 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
    Recognition", ICLR 2015, arXiv 1409.1556 (Section 2.1, Table 1 column D,
    recalled; :data:`jaxeff.gnn.heldout_nets.VGG16`, as
    :func:`jaxeff.gnn.heldout_nets.vgg16`): 3x3 convs of stride 1 and padding 1 with
    ReLU, 64, 64, max pool, 128, 128, max pool, 256 x 3, max pool, 512 x 3, max
    pool, 512 x 3, max pool (2x2, stride 2); FC 4096, FC 4096, FC 1000, softmax (on
    224 x 224). At 32 x 32 the five pools leave 1 x 1 x 512. Here: the thirteen
    convs 3x3 SAME RELU fused (batch norm folded), five MAX_POOL_2D 2x2 / 2 VALID
    (32 -> 16 -> 8 -> 4 -> 2 -> 1), RESHAPE to ``[1, 512]``, FC 512 RELU, FC
    ``classes``, SOFTMAX. 22 ops: 13 CONV_2D, 5 MAX_POOL_2D, RESHAPE, 2
    FULLY_CONNECTED, SOFTMAX. This graph counts 313,463,808
    MACs (convs 313,196,544: at 32 x 32 1,769,472 + 37,748,736, at 16 x 16 18,874,368
    + 37,748,736, at 8 x 8 18,874,368 + two of 37,748,736, at 4 x 4 18,874,368 + two
    of 37,748,736, at 2 x 2 three of 9,437,184; FCs 262,144 + 5,120) and 14,982,474
    parameters (convs 14,714,688, FCs 262,656 + 5,130; by hand in the test).
    Published: 138 M parameters for the ImageNet model (its FC head), not
    comparable; the often-quoted 15.0 M parameters and 0.31 G multiply-adds of the
    CIFAR form (recalled, not pinned).

    [U] the common CIFAR head (FC 512 + ReLU, FC 10; the pre-registered one) in place
    of the three FCs of 4,096, 4,096, 1,000; the batch norm after each conv (the
    CIFAR variant's, absent from the paper) folded into the conv, RELU fused; no
    dropout; SAME padding (the paper's padding of 1); VALID 2x2 pools; NHWC flatten
    (1 x 1 x 512: no order question); 10 classes; SOFTMAX; biases on every conv.
    """
    for v in VGG16:
        x = b.pool(x, "max", 2, 2) if v == "M" else b.conv(x, int(v), 3, 1, "RELU")
    return _flatten_fc(b, x, ((VGG16_CIFAR_FC, "RELU"),), classes)


# -- Lin, Chen & Yan: Network in Network for CIFAR-10

#: NIN for CIFAR-10 (arXiv 1312.4400, Section 4.2 and the authors' Caffe model,
#: recalled): per mlpconv block, (kernel, width) of its three convs (None: the
#: classes); the pools between the blocks (kind, size, stride)
NIN_CIFAR = (((5, 192), (1, 160), (1, 96)),
             ((5, 192), (1, 192), (1, 192)),
             ((3, 192), (1, 192), (1, None)))
NIN_CIFAR_POOLS = (("max", 3, 2), ("avg", 3, 2))


def nin_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """Network in Network on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the
    SOFTMAX output ``[1, classes]``.

    Lin, Chen & Yan, "Network In Network", ICLR 2014, arXiv 1312.4400 (Sections 3 and
    4.2, Fig. 2, recalled; the layer sizes from the authors' CIFAR-10 Caffe model, as
    recalled): three mlpconv layers, each a conv followed by a two-layer MLP shared
    over positions (two 1x1 convs), ReLU after each; a spatial pool between them
    (max after the first, average after the second), dropout after each pool; the last
    mlpconv ends in one map per class, averaged globally (global average pooling in
    place of FCs), softmax. mlpconv 1: 5x5 192 (padding 2), 1x1 160, 1x1 96; pool
    3x3 / 2; mlpconv 2: 5x5 192, 1x1 192, 1x1 192; pool 3x3 / 2; mlpconv 3: 3x3 192,
    1x1 192, 1x1 10; average pool 8x8 (global). Here: the nine convs SAME with RELU
    fused, MAX_POOL_2D 3x3 / 2 SAME (32 -> 16), AVERAGE_POOL_2D 3x3 / 2 SAME (16 ->
    8), MEAN over H and W, SOFTMAX. 13 ops: 9 CONV_2D, MAX_POOL_2D,
    AVERAGE_POOL_2D, MEAN, SOFTMAX. This graph counts 222,486,528 MACs (mlpconv 1
    14,745,600 + 31,457,280 + 15,728,640; mlpconv 2 117,964,800 + two of 9,437,184;
    mlpconv 3 21,233,664 + 2,359,296 + 122,880) and 966,986 parameters (14,592 +
    30,880 + 15,456; 460,992 + two of 37,056; 331,968 + 37,056 + 1,930; by hand in
    the test). Published: no count in the paper; the often-quoted 0.97 M parameters
    of NIN on CIFAR-10 (recalled) agree, not pinned.

    [U] the pools (the paper names max pooling; the reference Caffe model, recalled:
    MAX 3x3 / 2 after mlpconv 1, AVE 3x3 / 2 after mlpconv 2, Caffe's ceil-mode
    output size 16 and 8): written SAME, which gives the same sizes and the same
    values (the one padded row and column at the bottom / right is ignored by the
    max, and the average counts only the valid elements, as Caffe's clipped ceil-mode
    window does); the global 8x8 average pool as MEAN; RELU on the last 1x1 conv (the
    class maps) too, as the reference model's ReLU after it is recalled (and as
    :func:`jaxeff.gnn.heldout_nets.nin`); SAME padding of the convs (the model's
    padding 2 / 1); dropout left out; no batch norm (NIN has none); 10 classes;
    biases on every conv.
    """
    for i, block in enumerate(NIN_CIFAR):
        for k, c in block:
            x = b.conv(x, c or classes, k, 1, "RELU")
        if i < len(NIN_CIFAR_POOLS):
            kind, k, s = NIN_CIFAR_POOLS[i]
            x = b.pool(x, kind, k, s, "SAME")
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))
