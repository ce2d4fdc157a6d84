"""Held-out families LIX (session 38, addendum 5, pre-registered in
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built, in
the place of the dropped DDRNet-23-slim / BiSeNetV2): SwiftNet-RN18, a ResNet-18
encoder with spatial pyramid pooling and a ladder of bilinear up-sampling modules, on
a 512 x 1,024 x 3 image as ``swiftnet_rn18_512x1024`` (its last layer a single x4
RESIZE_BILINEAR to a full-resolution 19-class map: SRAM candidate R's domain; the
pyramid's x4 / x8 resizes too).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias), the encoder with
:mod:`jaxeff.gnn.heldout_nets`' ResNet-18 helpers (:func:`_resnet_stem`,
:func:`_basic_stages`, as ``resnet18_224`` and ``bisenet_r18_512x256``). Test model:
no training space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lix.py``). Written from the paper's definition as
recalled and the pre-registration; no code was read. Choices the sources leave open,
and ours, are marked [U].

* :func:`swiftnet_rn18`: SwiftNet-RN18 single scale (Orsic, Kreso, Bevandic & Segvic,
  CVPR 2019) on ``[1, 512, 1024, 3]``: the ResNet-18 stem and four stages of two
  basic blocks (1/4 ... 1/32, 16 x 32 x 512 at the end); SPP: 1x1 conv to 128, three
  2x2/2 AVERAGE_POOL_2Ds in a cascade (8 x 16, 4 x 8, 2 x 4), each a 1x1 conv to 42
  and a bilinear x2 / x4 / x8 back to 16 x 32, CONCATENATION (254), 1x1 conv to 128;
  three up-sampling modules (skip 1x1 conv to 128, bilinear x2 of the coarser map,
  ADD, 3x3 conv 128) to 1/4; 1x1 conv to 19 (linear); bilinear x4 to ``[1, 512,
  1024, 19]``. 55 ops: 32 CONV_2D, 11 ADD, 7 RESIZE_BILINEAR, 3 AVERAGE_POOL_2D,
  MAX_POOL_2D, CONCATENATION.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import RESNET18_BLOCKS, _basic_stages, _resnet_stem

__all__ = ["swiftnet_rn18"]


#: SwiftNet (Orsic et al., CVPR 2019, Section 3, recalled; the pre-registered
#: definition): the SPP's bottleneck width, its pyramid levels (average pools of
#: the 1/32 map to grids of 1/2, 1/4, 1/8 of its sides: 8 x 16, 4 x 8, 2 x 4 at 512
#: x 1,024) each convolved to 42 channels (128 / 3, floored [U]), the SPP fuse
#: width, the up-sampling modules' width, the classes (Cityscapes)
SWIFT_SPP, SWIFT_LEVELS, SWIFT_LEVEL_C = 128, (2, 4, 8), 42
SWIFT_FUSE, SWIFT_UP, SWIFT_CLASSES = 128, 128, 19


def swiftnet_rn18(b: NetBuilder, x: int, classes: int = SWIFT_CLASSES) -> int:
    """SwiftNet-RN18 on ``x`` (``[1, 512, 1024, 3]``: Cityscapes at half resolution);
    returns the per-pixel logits ``[1, 512, 1024, classes]`` (no SOFTMAX).

    Orsic, Kreso, Bevandic and Segvic, "In Defense of Pre-trained ImageNet
    Architectures for Real-time Semantic Segmentation of Road-driving Images", CVPR
    2019 (arXiv 1903.08469; the single-scale model, recalled, not read): a
    ResNet-18 encoder (ImageNet pre-trained); spatial pyramid pooling on its last map
    (a bottleneck 1x1 conv to 128, average pools to a pyramid of grids, each level a
    1x1 conv to 128 / 3 channels and bilinear up-sampling, concatenated with the
    bottleneck, a 1x1 fuse conv to 128); a lightweight decoder of up-sampling modules
    (the encoder's skip map of the next resolution through a 1x1 conv to 128, added to
    the bilinear x2 of the coarser map, a 3x3 blend conv of 128) to 1/4; a 1x1
    classifier and bilinear up-sampling to the input. Here (the pre-registered
    definition; every conv with its batch norm folded and RELU fused unless stated):
    the ResNet-18 of :func:`jaxeff.gnn.heldout_nets.resnet18` without its head
    (CONV_2D 7x7/2 RELU of 64 to 256 x 512, MAX_POOL_2D 3x3/2 SAME to 128 x 256,
    conv2_x ... conv5_x of two basic blocks each at 64 / 128 / 256 / 512 channels,
    ADD RELU, 1x1/2 projections; 1/4 128 x 256 x 64, 1/8 64 x 128 x 128, 1/16 32 x
    64 x 256, 1/32 16 x 32 x 512); SPP: CONV_2D 1x1 RELU of 128 (16 x 32); three
    AVERAGE_POOL_2D 2x2/2 VALID in a cascade to 8 x 16, 4 x 8, 2 x 4; each a CONV_2D
    1x1 RELU of 42 and a RESIZE_BILINEAR x2 / x4 / x8 back to 16 x 32;
    CONCATENATION of the 128-channel map and the three levels (254); CONV_2D 1x1 RELU
    of 128; three up-sampling modules (to 1/16, 1/8, 1/4): CONV_2D 1x1 RELU of 128 on
    the skip (the stage outputs of 256, 128, 64 channels), RESIZE_BILINEAR x2 of the
    coarser map, ADD (no activation), CONV_2D 3x3 RELU of 128; CONV_2D 1x1 of
    ``classes`` (linear) at 128 x 256; RESIZE_BILINEAR x4 (one op) to 512 x 1,024.
    Every RESIZE_BILINEAR without align_corners and half-pixel centres. 55 ops: 32
    CONV_2D (20 in the encoder, 5 in the SPP, 6 in the decoder, the classifier), 11
    ADD, 7 RESIZE_BILINEAR, 3 AVERAGE_POOL_2D, MAX_POOL_2D, CONCATENATION. This graph
    counts 25,892,210,688 MACs (the encoder 18,949,865,472 = 524,288 / 50,176 times
    the 1,813,561,344 of ResNet-18 at 224 without its FC, every map 10.45 x larger;
    the SPP 51,103,744; the decoder 6,811,549,696; the classifier 79,691,776; by hand
    in the test) and 11,789,201 parameters (weights and biases: the encoder
    11,171,712, the SPP 114,558, the decoder 500,480, the classifier 2,451; by hand
    in the test). Published (recalled, not read): 104 GFLOPs (multiply-adds)
    at 2,048 x 1,024 and 11.8 M parameters for SwiftNetRN-18 single scale; this graph
    at 4 x the pixels counts 103.6 G (-0.4 %), 11.79 M (-0.1 %).

    [U] the 512 x 1,024 input (Cityscapes at half resolution; the paper runs 2,048 x
    1,024); the pyramid's grids 8 x 16, 4 x 8, 2 x 4 as 2x2/2 average pools in a
    cascade (the same cell averages as 2x2/2, 4x4/4 and 8x8/8 pools of the 16 x 32
    map; Vela 5.2 takes pool strides <= 3, as PSPNet's pyramid in
    :mod:`jaxeff.gnn.heldout_nets`); 42 channels a level (128 / 3 floored); RELU on
    every SPP conv; the skip maps taken after the blocks' ADD + RELU (the release
    taps them before the last RELU, as recalled); the decoder's ADD without an
    activation (both terms are RELU outputs); post-activation (conv, BN, RELU) in
    place of the release's pre-activation BN-RELU-conv units, the batch norms folded
    into the convs; every RESIZE_BILINEAR a single op without align_corners or
    half-pixel centres (the final one x4 from 128 x 256, the pyramid's x2 / x4 / x8),
    the form Vela 5.2 maps; every conv with a bias; 19 classes; logits out (no
    SOFTMAX).
    """
    _, h, w, _ = b.shape(x)
    taps: list[int] = []
    _basic_stages(b, _resnet_stem(b, x), RESNET18_BLOCKS, taps)
    y = b.conv(taps[-1], SWIFT_SPP, 1, 1, "RELU")
    hw = b.shape(y)[1:3]
    levels, p = [y], y
    for _ in SWIFT_LEVELS:
        p = b.pool(p, "avg", 2, 2)
        levels.append(b.resize(b.conv(p, SWIFT_LEVEL_C, 1, 1, "RELU"), hw, "bilinear"))
    y = b.conv(b.concat(levels), SWIFT_FUSE, 1, 1, "RELU")
    for skip in reversed(taps[:-1]):
        s = b.conv(skip, SWIFT_UP, 1, 1, "RELU")
        y = b.add(b.resize(y, b.shape(s)[1:3], "bilinear"), s)
        y = b.conv(y, SWIFT_UP, 3, 1, "RELU")
    return b.resize(b.conv(y, classes, 1), (h, w), "bilinear")
