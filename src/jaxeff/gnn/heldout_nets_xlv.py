"""Held-out families XLV, part C (session 34, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-06-s34/PREREGISTERED.md`` before being built):
two face-recognition embedding networks with PReLU and residual units whose last
stage runs 3x3 convs of 512 channels on maps of 42 and 49 pixels -- SphereFace-20
(plain 3x3 convs, identity ADDs, no batch norm) and the ArcFace IResNet-18 (the
improved residual unit BN-conv-BN-PReLU-conv-BN, 1x1 stride-2 projections, the
BN-flatten-FC-BN output block).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norm folded into the
preceding conv's weights and bias); PReLU a standalone PRELU with one slope a channel
(``[1, 1, C]``, as MobileFaceNet and the MTCNN O-Net); a batch norm that follows no
conv a per-channel MUL + ADD (:func:`jaxeff.gnn.heldout_nets_xxxv_b._bn`, the linear
form of :func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`), the flatten the RESHAPE
of :func:`jaxeff.gnn.heldout_nets_xliv._flatten`, both reused rather than copied.
Test models: no training space draws either in its exact configuration
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_xlv.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`sphereface20`: SphereFace-20 (Liu et al., arXiv 1704.08063, Table 2) on
  ``[1, 112, 96, 3]``: four stages of a 3x3 / 2 conv (64, 128, 256, 512) + PRELU and
  1, 2, 4, 1 residual units of two 3x3 convs + PRELU with an identity ADD (112 x 96
  -> 56 x 48 -> 28 x 24 -> 14 x 12 -> 7 x 6), RESHAPE to 21,504, FC 512 (the
  embedding, linear). 50 ops.
* :func:`arcface_iresnet18`: ArcFace IResNet-18 (Deng et al., arXiv 1801.07698) on
  ``[1, 112, 112, 3]``: a 3x3 conv 64 (BN folded) + PRELU at 112 x 112; four stages
  of two improved residual units (64, 128, 256, 512; the first of each with the
  stride 2 on its second conv and a 1x1 / 2 conv projection, BN folded), the unit's
  first BN a MUL + ADD; the output block's BN as MUL + ADD, RESHAPE to 25,088, FC
  512, the feature BN as MUL + ADD. 60 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xliv import _flatten
from jaxeff.gnn.heldout_nets_xxxv_b import _bn

__all__ = ["arcface_iresnet18", "sphereface20"]


# -- Liu, Wen, Yu, Li, Raj & Song: SphereFace-20

#: SphereFace-20 (arXiv 1704.08063, Table 2, the 20-layer CNN): (width, residual
#: units) of the four stages (each opened by a 3x3 / 2 conv) and the embedding width
SPHEREFACE20_STAGES = ((64, 1), (128, 2), (256, 4), (512, 1))
SPHEREFACE_EMBEDDING = 512


def _conv_prelu(b: NetBuilder, x: int, c: int, stride: int = 1) -> int:
    """A 3x3 SAME conv of ``c`` (linear) and a standalone PRELU (slopes ``[1, 1,
    c]``)."""
    return b.act(b.conv(x, c, 3, stride), "PRELU")


def sphereface20(b: NetBuilder, x: int, embedding: int = SPHEREFACE_EMBEDDING) -> int:
    """SphereFace-20 on ``x`` (``[1, 112, 96, 3]``, an aligned face crop); returns the
    embedding ``[1, embedding]`` (linear).

    Liu, Wen, Yu, Li, Raj & Song, "SphereFace: Deep Hypersphere Embedding for Face
    Recognition", CVPR 2017, arXiv 1704.08063 (Section 4.1, Table 2, recalled): faces
    aligned and cropped to 112 x 96 RGB; the 20-layer CNN of Table 2 in four stages
    Conv1.x-Conv4.x of 64, 128, 256, 512 filters, each a 3x3 conv of stride 2 (S2)
    followed by 1, 2, 4, 1 residual units of two 3x3 convs (stride 1) and an identity
    shortcut; PReLU after every conv; no batch norm; FC1 of 512, the face feature
    (the A-Softmax layer on top of it is the training loss). The paper's layer count
    is that of the convs (its 4-layer CNN is four S2 convs and FC1): 4 stage convs +
    2 x (1 + 2 + 4 + 1) = 16 unit convs = 20; with FC1, 21 weight layers. Here: per
    stage CONV_2D 3x3 / 2 SAME (linear) + PRELU, per unit CONV_2D 3x3 + PRELU, CONV_2D
    3x3 + PRELU, ADD of the unit's input (no activation); 112 x 96 -> 56 x 48 -> 28 x
    24 -> 14 x 12 -> 7 x 6; RESHAPE to ``[1, 21504]`` (7 x 6 x 512); FC
    ``embedding``. 50 ops: 20 CONV_2D, 20 PRELU, 8 ADD, RESHAPE, FULLY_CONNECTED.
    This graph counts 1,749,737,472 MACs (stage convs 4,644,864 and 49,545,216 x 3;
    each of the 16 unit convs 99,090,432; FC 11,010,048) and 22,670,656 parameters
    (conv weights and biases 11,655,424, FC 11,010,560, PReLU slopes 4,672; by hand
    in the test). Published: no count pinned (none recalled precisely enough).

    [U] SAME padding (the paper's, as recalled from its Caffe release, is 1 on every
    3x3 conv: the same output sizes, 112 -> 56 etc.; on the stride-2 convs TFLite's
    SAME pads 0 before and 1 after an even map where Caffe pads 1 on each side, so
    the taps sit one pixel later); PReLU a standalone PRELU with one slope a channel
    (TFLite has no fused PReLU); the residual sum linear (no activation after the
    ADD: each branch ends in its PReLU); biases on every conv (NetBuilder's); the
    flatten a RESHAPE in NHWC order (Caffe's is CHW: the same FC up to a permutation
    of its weights); the embedding FC linear (the pre-registered choice; no PReLU or
    normalisation after it); the A-Softmax classifier left out (training only).
    """
    for c, units in SPHEREFACE20_STAGES:
        x = _conv_prelu(b, x, c, 2)
        for _ in range(units):
            x = b.add(_conv_prelu(b, _conv_prelu(b, x, c), c), x)
    return b.fc(_flatten(b, x), embedding)


# -- Deng, Guo, Xue & Zafeiriou: ArcFace IResNet-18

#: ArcFace IResNet-18 (arXiv 1801.07698, Section 3.2, the improved residual unit,
#: input setting "L" and output setting "E"): the stem width, the four stages'
#: widths, the units a stage and the embedding width
IRESNET_STEM, IRESNET_WIDTHS, IRESNET_UNITS = 64, (64, 128, 256, 512), 2
IRESNET_EMBEDDING = 512


def _ir_unit(b: NetBuilder, x: int, c: int, stride: int) -> int:
    """The improved residual unit: BN (MUL + ADD, reading the unit's input), conv 3x3
    to ``c`` (BN folded) + PRELU, conv 3x3 / ``stride`` (BN folded, linear); plus the
    input itself, or (stride 2) a 1x1 / 2 conv of it (BN folded); ADD, linear."""
    h = b.act(b.conv(_bn(b, x), c, 3), "PRELU")
    h = b.conv(h, c, 3, stride)
    sc = b.conv(x, c, 1, stride) if stride != 1 or b.shape(x)[-1] != c else x
    return b.add(h, sc)


def arcface_iresnet18(b: NetBuilder, x: int, embedding: int = IRESNET_EMBEDDING) -> int:
    """ArcFace IResNet-18 on ``x`` (``[1, 112, 112, 3]``, an aligned face crop);
    returns the embedding ``[1, embedding]`` (after its batch norm, linear).

    Deng, Guo, Xue & Zafeiriou, "ArcFace: Additive Angular Margin Loss for Deep Face
    Recognition", CVPR 2019, arXiv 1801.07698 (Section 3.2 of the first versions,
    "network settings", recalled): 112 x 112 crops; input setting "L", the first 7x7
    / 2 conv and max pool replaced by a 3x3 / 1 conv, so the last map is 7 x 7; the
    improved residual unit BN-conv-BN-PReLU-conv-BN plus a shortcut, the stride on
    the unit's second conv; output setting "E", BN-dropout-FC-BN on the last map to
    the 512-d feature; ResNet depths (18: two units in each of four stages of 64,
    128, 256, 512). Here: CONV_2D 3x3 64 (BN folded) + PRELU at 112 x 112; per unit
    MUL + ADD (the first BN, on the unit's input), CONV_2D 3x3 (BN folded) + PRELU,
    CONV_2D 3x3, stride 2 in each stage's first unit (BN folded, linear), in the
    first unit CONV_2D 1x1 / 2 of the unit's input (BN folded, linear), ADD
    (linear): 112 -> 56 -> 28 -> 14 -> 7; the output block MUL + ADD (BN on 7 x 7 x
    512), RESHAPE to ``[1, 25088]``, FC ``embedding``, MUL + ADD (the feature BN,
    constants ``[embedding]``). 60 ops: 21 CONV_2D, 9 PRELU, 10 MUL, 18 ADD (8
    residual sums, 10 batch-norm shifts), RESHAPE, FULLY_CONNECTED. This graph counts
    2,609,954,816 MACs (stem 21,676,032; each stage's first conv 462,422,016 at 112 x
    112, then 231,211,008 x 3; the other 12 unit convs 115,605,504 each;
    projections 12,845,056 and 6,422,528 x 3; FC 12,845,056) and 24,020,736
    parameters (conv weights and biases 11,168,192, FC 12,845,568, PReLU slopes
    1,984, batch-norm scales and shifts 4,992; by hand in the test). Published: no
    count pinned (none in the paper for this depth).

    [U] the stride on each stage's first unit's second conv (the pre-registered
    choice, the paper's unit as recalled), so that unit's first conv runs at the
    stage's input size (at 112 x 112 for the first stage); a projection (1x1 / 2
    conv + BN, folded) in every stage's first unit, the first stage's too (its
    stride is 2); the unit's first BN, on the previous unit's ADD output (the stem's
    PRELU for the first), a per-channel MUL + ADD (it follows no conv; foldable into
    the next conv only up to SAME's zero padding, and the shortcut reads the input
    before it); the second and third BNs, the stem's and the projection's folded into
    their convs (biases on every conv, NetBuilder's); PReLU a standalone PRELU, one
    slope a channel; the residual sum linear (no activation after the ADD); the
    output block's BN a MUL + ADD before the flatten (exactly foldable into the FC,
    but the pre-registered rule folds only into a conv before it), dropout left out,
    the flatten a RESHAPE in NHWC order (PyTorch's is CHW: the same FC up to a
    permutation of its weights); the feature BN a MUL + ADD on ``[1, 512]`` with
    ``[512]`` constants (the pre-registered definition); SAME padding (stride-2 3x3
    convs pad 0 before and 1 after an even map where the paper's pad 1 on each side;
    the same output sizes); no input normalisation ((x - 127.5) / 128, outside the
    network).
    """
    x = b.act(b.conv(x, IRESNET_STEM, 3), "PRELU")
    for c in IRESNET_WIDTHS:
        for j in range(IRESNET_UNITS):
            x = _ir_unit(b, x, c, 2 if j == 0 else 1)
    x = b.fc(_flatten(b, _bn(b, x)), embedding)
    return _bn(b, x)
