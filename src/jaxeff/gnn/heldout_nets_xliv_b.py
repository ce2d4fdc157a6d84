"""Held-out families XLIV, part B (session 34, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-06-s34/PREREGISTERED.md`` before being built):
two published image-to-image networks -- FastDepth (a MobileNet-v1 encoder with a
depthwise-separable, nearest-neighbour up-sampling decoder and additive skips, for
monocular depth) and the CycleGAN generator with six residual blocks (7x7 convs, a
stride-2 down / TRANSPOSE_CONV up path around residual blocks of 256 channels).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the encoder-decoders and GAN
generators of the registry (float32, seeded weights, every conv with a bias, batch
norm folded into the preceding conv's weights and bias, RELU fused where it follows a
conv; a TANH output standalone, as :mod:`jaxeff.gnn.heldout_nets_xxxvi` and
:mod:`jaxeff.gnn.heldout_nets_xxxviii` write it); FastDepth's encoder is the
MobileNet-v1 body of :func:`jaxeff.gnn.heldout_nets.mobilenet_v1`
(:func:`jaxeff.gnn.heldout_nets._mbv1_body` with RELU) and its up-sampling
:func:`jaxeff.gnn.heldout_nets._nearest_x2`, reused rather than copied. Test models:
no training space draws either (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xliv_b.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`fastdepth`: FastDepth, MobileNet-NNConv5 with additive skips (Wofk et al.,
  arXiv 1903.03273) on ``[1, 224, 224, 3]``: the MobileNet-v1 1.0 encoder (3x3/2
  conv 32, 13 depthwise-separable blocks, RELU) to 7 x 7 x 1024; five decoder stages
  of a 5x5 depthwise conv RELU, a 1x1 conv RELU to 512 / 256 / 128 / 64 / 32 and a
  2x RESIZE_NEAREST_NEIGHBOR; ADDs of the encoder's last 14 x 14 x 512, 28 x 28 x 256
  and 56 x 56 x 128 maps after the first three up-samplings; a 1x1 conv to 1 RELU;
  ``[1, 224, 224, 1]``. 46 ops.
* :func:`cyclegan_generator_r6`: the CycleGAN generator with 6 residual blocks (Zhu
  et al., arXiv 1703.10593, appendix, 128 x 128 images) on ``[1, 128, 128, 3]``:
  c7s1-64, d128, d256 (convs RELU), six R256 (3x3 conv RELU, 3x3 conv, linear ADD),
  u128, u64 (3x3/2 TRANSPOSE_CONVs RELU), c7s1-3 and TANH; ``[1, 128, 128, 3]``. 25
  ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _mbv1_body, _nearest_x2

__all__ = ["cyclegan_generator_r6", "fastdepth"]


# -- Wofk, Ma, Yang, Karaman & Sze: FastDepth (MobileNet-NNConv5, additive skips)

#: FastDepth's decoder (arXiv 1903.03273, Section III, NNConv5): the depthwise
#: kernel of every stage and the stages' 1x1 output widths (each stage up-samples 2x)
FASTDEPTH_K, FASTDEPTH_DECODER = 5, (512, 256, 128, 64, 32)
#: the encoder map sizes whose last map is ADDed into the decoder map of that size
FASTDEPTH_SKIP_SIDES = (14, 28, 56)


def fastdepth(b: NetBuilder, x: int) -> int:
    """FastDepth on ``x`` (``[1, 224, 224, 3]``); returns the RELU depth map
    ``[1, 224, 224, 1]``.

    Wofk, Ma, Yang, Karaman & Sze, "FastDepth: Fast Monocular Depth Estimation on
    Embedded Systems", ICRA 2019, arXiv 1903.03273 (Section III, Fig. 2, Table I,
    recalled): an encoder-decoder; the encoder MobileNet (v1, width 1.0) without its
    classifier, 224 x 224 down to 7 x 7 x 1024; the decoder five up-sampling layers,
    each a 5x5 depthwise-separable convolution (depthwise then pointwise, reducing the
    channels to 512, 256, 128, 64, 32) followed by nearest-neighbour interpolation by
    2 (NNConv5), then a 1x1 convolution to the one-channel depth map; skip connections
    from the encoder to the decoder, additive (not concatenated, so the channels do
    not grow). Here (the pre-registered definition): the MobileNet-v1 body of
    :func:`jaxeff.gnn.heldout_nets.mobilenet_v1` with RELU fused (3x3/2 conv 32
    RELU, 13 blocks of a 3x3 depthwise conv RELU (stride 2 at blocks 2, 4, 6, 12) and
    a 1x1 conv RELU to 64, 128, 128, 256, 256, 512 x 6, 1024, 1024; no pool or FC);
    per decoder stage DEPTHWISE_CONV_2D 5x5 SAME RELU, CONV_2D 1x1 RELU to
    :data:`FASTDEPTH_DECODER`, RESIZE_NEAREST_NEIGHBOR 2x; after the up-samplings to
    14, 28 and 56 pixels an ADD (no activation) of the encoder's last map of that
    size (blocks 11, 5 and 3: 14 x 14 x 512, 28 x 28 x 256, 56 x 56 x 128; the
    channels match the decoder's there); CONV_2D 1x1 to 1 RELU at 224 x 224. 46 ops:
    20 CONV_2D, 18 DEPTHWISE_CONV_2D, 5 RESIZE_NEAREST_NEIGHBOR, 3 ADD. This graph
    counts 736,658,944 MACs (encoder 567,716,352, MobileNet-v1's 568,740,352 less its
    FC's 1,024,000; decoder 168,942,592: depthwise 1,254,400 + 2,508,800 + 5,017,600 +
    10,035,200 + 20,070,400, five pointwise of 25,690,112 each, the last 1x1 1,605,632)
    and 3,947,009 parameters (weights and biases: encoder 3,196,032, MobileNet-v1's
    3,185,088 conv weights and 10,944 biases; decoder 750,977; by hand in the
    test). Published (Table I, recalled): 0.74 G MACs for MobileNet-NNConv5 (-0.45
    %), before pruning; no parameter count recalled.

    [U] RELU where the paper's encoder may use ReLU6 (the pre-registered choice); the
    skips ADDed after the up-sampling of the decoder stage whose output size they
    have (the paper's figure draws three encoder-to-decoder skips; which decoder
    layer takes each is read as the first map of equal size), linear sums (no
    activation after the ADD); the decoder's batch norms folded, RELU fused after the
    depthwise and the pointwise conv; the depthwise convs stride 1, SAME, multiplier
    1; nearest up-sampling without align_corners or half-pixel centres; the final
    1x1 conv with a bias and RELU (depth is non-negative), no up-sampling after it;
    the encoder's last depthwise conv stride 1 (as the MobileNet-v1 builder and
    release); biases on every conv (NetBuilder's).
    """
    outs = _mbv1_body(b, x, act_fn="RELU")
    skips = {b.shape(t)[1]: t for t in outs}  # the last map of each size
    y = outs[-1]
    for c in FASTDEPTH_DECODER:
        y = b.conv(b.dwconv(y, FASTDEPTH_K, 1, "RELU"), c, 1, 1, "RELU")
        y = _nearest_x2(b, y)
        if b.shape(y)[1] in FASTDEPTH_SKIP_SIDES:
            y = b.add(y, skips[b.shape(y)[1]])
    return b.conv(y, 1, 1, 1, "RELU")


# -- Zhu, Park, Isola & Efros: the CycleGAN generator, 6 residual blocks

#: the CycleGAN generator for 128 x 128 images (arXiv 1703.10593, appendix 7.2):
#: c7s1-64's width and kernel, the widths of d128 / d256, the residual blocks (R256)
#: and u128 / u64, the output channels of c7s1-3
CYCLEGAN_STEM, CYCLEGAN_K = 64, 7
CYCLEGAN_DOWN, CYCLEGAN_BLOCKS, CYCLEGAN_UP, CYCLEGAN_OUT = (128, 256), 6, (128, 64), 3


def cyclegan_generator_r6(b: NetBuilder, x: int) -> int:
    """The CycleGAN generator with 6 residual blocks on ``x`` (``[1, 128, 128, 3]``);
    returns the TANH image ``[1, 128, 128, 3]``.

    Zhu, Park, Isola & Efros, "Unpaired Image-to-Image Translation using
    Cycle-Consistent Adversarial Networks", ICCV 2017, arXiv 1703.10593 (appendix
    7.2, recalled; the generator of Johnson et al.): c7s1-k a 7x7 stride-1
    convolution-InstanceNorm-ReLU of k filters, dk a 3x3 stride-2
    convolution-InstanceNorm-ReLU, Rk a residual block of two 3x3 convolutions of k
    filters, uk a 3x3 fractionally-strided (stride 1/2)
    convolution-InstanceNorm-ReLU; reflection padding; for 128 x 128 images
    c7s1-64, d128, d256, R256 x 6, u128, u64, c7s1-3, the last with tanh. Here: CONV_2D
    64 7x7 SAME RELU; CONV_2D 128 and 256 3x3/2 SAME RELU (128 -> 64 -> 32); six
    blocks of CONV_2D 256 3x3 RELU, CONV_2D 256 3x3 (linear), ADD of the block's input
    (no activation) at 32 x 32; TRANSPOSE_CONV 128 and 64 3x3/2 SAME RELU (32 -> 64 ->
    128); CONV_2D 3 7x7 SAME (linear), TANH. 25 ops: 16 CONV_2D, 6 ADD, 2
    TRANSPOSE_CONV, TANH. This graph counts 8,763,998,208 MACs (c7s1-64 and c7s1-3
    154,140,672 each; d128, d256, u128, u64 301,989,888 each (the transposed convs
    counted at their input); each of the 12 residual convs 603,979,776) and 7,837,699
    parameters (weights and biases; by hand in the test). Published: no count in the
    paper; the PyTorch release prints 11.378 M parameters for its 9-block generator
    (recalled; its convs carry biases, its instance norms none), which is this
    graph's count plus three blocks of 2 x 590,080 (11,378,179).

    [U] instance norm folded as a per-channel affine into the conv before it (its
    statistics are the image's at inference; a fixed scale and shift is the form a
    deployed int8 graph takes; no op); zero SAME padding in place of reflection
    padding (the builder has no MIRROR_PAD; the 7x7 convs' 3-pixel and the 3x3 convs'
    1-pixel borders then read zeros); the stride-2 3x3 convs SAME (TFLite pads 0
    before and 1 after an even map, the release 1 on each side: the same output
    size); the fractionally-strided convs as TRANSPOSE_CONV 3x3/2 SAME (output twice
    the input, as the release's padding 1 with output padding 1 gives); the residual
    block's second conv linear (its norm folded) and the sum linear (no ReLU after the
    ADD); the last conv without a norm, TANH standalone (not a fused activation TFLite
    writes); biases on every conv and transposed conv (NetBuilder's).
    """
    x = b.conv(x, CYCLEGAN_STEM, CYCLEGAN_K, 1, "RELU")
    for c in CYCLEGAN_DOWN:
        x = b.conv(x, c, 3, 2, "RELU")
    c = CYCLEGAN_DOWN[-1]
    for _ in range(CYCLEGAN_BLOCKS):
        x = b.add(b.conv(b.conv(x, c, 3, 1, "RELU"), c, 3), x)
    for c in CYCLEGAN_UP:
        x = b.transpose_conv(x, c, 3, 2, "RELU")
    return b.act(b.conv(x, CYCLEGAN_OUT, CYCLEGAN_K), "TANH")
