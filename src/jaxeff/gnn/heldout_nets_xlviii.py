"""Held-out families XLVIII, part A (session 36, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
two published image-restoration networks, EDSR-baseline for x2 super-resolution and
FFDNet for grey-scale denoising -- plain stacks of 3x3 convs of 64 at one resolution,
EDSR with residual blocks and a pixel-shuffle up-sampler, FFDNet on a reversibly
down-sampled image with a noise-level map.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, RELUs fused into the conv before
them, SAME padding). The pixel shuffles and FFDNet's reversible down-sampling are
written in the NPU forms of the pre-registration's addendum 2, exact rewrites of the
same functions: Vela 5.2 runs DEPTH_TO_SPACE and SPACE_TO_DEPTH on the CPU, so each
depth-to-space of block 2 is :func:`jaxeff.nets.sesr_npu.npu_d2s` (a 2x2 / 2 VALID
TRANSPOSE_CONV with fixed one-hot shuffle weights, no bias, as the registry's
``edsr_x2_48`` and CARN-M write it) and FFDNet's space-to-depth 2 is
:func:`s2d_conv` (a 2x2 / 2 VALID CONV_2D with fixed 0 / 1 weights and a zero bias
putting each pixel of a 2x2 patch into its own channel, in TF's SPACE_TO_DEPTH order).
``npu=False`` builds the pre-registered operators themselves (DEPTH_TO_SPACE,
SPACE_TO_DEPTH with :meth:`NetBuilder.space_to_depth`): the reference the test checks
the rewrite against (equal outputs, float). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_xlviii.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`edsr_baseline_x2`: EDSR-baseline x2 (Lim, Son, Kim, Nah & Lee, arXiv
  1707.02921) on ``[1, 64, 64, 3]``: a 1x1 mean-shift conv, a 3x3 conv to 64, 16
  residual blocks (3x3 conv RELU, 3x3 conv, ADD), a 3x3 conv ADDed to the first
  conv's output, a 3x3 conv to 256, the x2 shuffle (TRANSPOSE_CONV), a 3x3 conv to
  3, a 1x1 mean-shift conv; ``[1, 128, 128, 3]``. 56 ops: 38 CONV_2D, 17 ADD,
  TRANSPOSE_CONV.
* :func:`ffdnet_gray`: FFDNet grey-scale (Zhang, Zuo & Zhang, arXiv 1710.04026) on
  ``[1, 128, 128, 1]`` and a noise-level map ``[1, 64, 64, 1]`` (a second graph
  input): the space-to-depth conv, CONCATENATION with the map, 15 3x3 convs of 64
  (RELU but the last, to 4), the x2 shuffle (TRANSPOSE_CONV); ``[1, 128, 128, 1]``.
  18 ops: 16 CONV_2D, CONCATENATION, TRANSPOSE_CONV.

The MAC and parameter counts are in the functions' docstrings and pinned in the test
(the fixed shuffle weights counted as every conv's: MACs and parameters). Vela
mapping (checked with ``npu_full`` and Vela's supported-operator list only, no Vela
figure read): as first built, with DEPTH_TO_SPACE and SPACE_TO_DEPTH, neither was
full (EDSR one op on the CPU, FFDNet two, neither operator in Vela 5.2's supported
operators); addendum 2 fixed the rewrite above before any Vela figure of the family
existed. Rewritten, Vela 5.2 maps both fully (``npu_full`` true, checked once).
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.sesr_npu import d2s_tconv_weights, npu_d2s

__all__ = ["edsr_baseline_x2", "ffdnet_gray", "s2d_conv"]


def s2d_conv(b: NetBuilder, x: int, block: int) -> int:
    """SPACE_TO_DEPTH ``block`` of ``x`` (``[N, H, W, C]``) as the NPU form of
    addendum 2: a ``block x block`` stride-``block`` VALID CONV_2D to ``block^2 C``
    with fixed 0 / 1 weights and a zero bias, linear. TF's order, ``out[h, w, (block i
    + j) C + c] = in[block h + i, block w + j, c]``: the weight of output channel
    ``(block i + j) C + c`` is 1 at tap ``(i, j)``, input channel ``c``, 0 elsewhere --
    each pixel of a patch in its own channel, one product by 1 and exact zeros, so
    exact (the kernel is :func:`jaxeff.nets.sesr_npu.d2s_tconv_weights` transposed).
    Draws nothing from ``b``'s generator."""
    n, h, w, c = b.shape(x)
    co = block * block * c
    wt = np.ascontiguousarray(d2s_tconv_weights(c, block).transpose(3, 1, 2, 0))
    return b._op("CONV_2D", (x, b.const(wt), b.const(np.zeros(co, np.float32))),
                 (n, h // block, w // block, co), padding="VALID", stride_h=block,
                 stride_w=block, fused_activation_function="NONE",
                 dilation_h_factor=1, dilation_w_factor=1)


# -- Lim et al.: EDSR-baseline

#: EDSR-baseline (arXiv 1707.02921, Section 3 and Table 1): the feature width, the
#: residual blocks, the scale and the up-sampler's conv width (width x scale^2)
EDSR_WIDTH, EDSR_BLOCKS, EDSR_SCALE = 64, 16, 2


def edsr_baseline_x2(b: NetBuilder, x: int, *, npu: bool = True) -> int:
    """EDSR-baseline x2 on ``x`` (``[1, 64, 64, 3]``, a low-resolution RGB patch);
    returns the x2 image ``[1, 128, 128, 3]``; ``npu=False``: the pixel shuffle a
    DEPTH_TO_SPACE (the pre-registered operator; the test's reference).

    Lim, Son, Kim, Nah & Lee, "Enhanced Deep Residual Networks for Single Image
    Super-Resolution", CVPRW 2017, arXiv 1707.02921 (Section 3.1-3.2, Figures 2-3,
    Table 1, recalled): the residual block of SRResNet with batch norm removed and no
    ReLU after the addition (conv - ReLU - conv, added to its input); the baseline
    model B = 16 residual blocks of F = 64 features, no residual scaling (0.1 only
    in the large EDSR of 32 blocks and 256 features); a 3x3 head conv, the body's
    blocks and a 3x3 conv with a global skip from the head conv's output; the
    up-sampler a conv to F s^2 and a pixel shuffle (one x2 shuffle for x2); a 3x3
    conv to RGB; the dataset's RGB mean subtracted at the input and added back at
    the output. Table 1 gives the baseline "1.5 M" parameters (recalled; the x4
    baseline's, whose up-sampler has two convs to 256). Here (the pre-registered
    definition): CONV_2D 1x1 3 -> 3 (the mean shift in, linear); CONV_2D 3x3 to 64
    (linear); 16 x (CONV_2D 3x3 64 RELU, CONV_2D 3x3 64 linear, ADD [block input,
    conv]); CONV_2D 3x3 64 (linear), ADD [head conv, conv]; CONV_2D 3x3 to 256
    (linear), the x2 pixel shuffle as :func:`~jaxeff.nets.sesr_npu.npu_d2s`, one
    2x2 / 2 VALID TRANSPOSE_CONV 256 -> 64 with fixed one-hot weights and no bias
    (128 x 128 x 64; addendum 2, for DEPTH_TO_SPACE 2); CONV_2D 3x3 to 3 (linear);
    CONV_2D 1x1 3 -> 3 (the mean shift out, linear). 56 ops: 38 CONV_2D, 17 ADD,
    TRANSPOSE_CONV. This graph counts 5,890,822,144 MACs (mean shift in 36,864; head
    7,077,888; 33 3x3 convs 64 -> 64 at 64 x 64, 150,994,944 each, 4,982,833,152;
    up-sampler conv 603,979,776; the shuffle 4,096 x 256 x 4 x 64 = 268,435,456; tail
    conv at 128 x 128 28,311,552; mean shift out 147,456) and 1,435,419 parameters
    (learned weights and biases 1,369,883: mean shifts 12 each, head 1,792, 33 convs
    36,928 each, 1,218,624, up-sampler 147,712, tail 1,731; the shuffle's fixed
    weights 64 x 2 x 2 x 256 = 65,536; by hand in the test). Published: "1.5 M"
    (Table 1, recalled, the x4 model's: 1,369,859 + 147,712 for its second
    up-sampling conv = 1,517,571); the learned 1,369,883 pinned within 10 % (-8.7 %).

    [U] the input 64 x 64 (the pre-registered size; the paper trains on 48 x 48
    low-resolution patches); the mean shifts as fixed 1x1 convs with a bias (the
    pre-registered choice; seeded weights here as every builder conv, the values
    not the shapes being fixed in the release as we recall it); RELU fused into the
    first conv of each block; ADD orders [block input, conv output] and [head conv
    output, body conv output]; biases on every conv; SAME zero padding;
    the pixel shuffle in TF's DCR channel order (PyTorch's pixel shuffle is CRD, a
    relabelling of the up-sampler conv's outputs; block 2 needs no channel
    permutation for :func:`~jaxeff.nets.sesr_npu.npu_d2s`).
    """
    x = b.conv(x, 3, 1)
    head = b.conv(x, EDSR_WIDTH, 3)
    y = head
    for _ in range(EDSR_BLOCKS):
        y = b.add(y, b.conv(b.conv(y, EDSR_WIDTH, 3, 1, "RELU"), EDSR_WIDTH, 3))
    y = b.add(head, b.conv(y, EDSR_WIDTH, 3))
    y = b.conv(y, EDSR_WIDTH * EDSR_SCALE * EDSR_SCALE, 3)
    y = npu_d2s(b, y, EDSR_SCALE) if npu else b.depth_to_space(y, EDSR_SCALE)
    return b.conv(b.conv(y, 3, 3), 3, 1)


# -- Zhang, Zuo & Zhang: FFDNet

#: FFDNet grey-scale (arXiv 1710.04026, Section 3.1 and Fig. 1): the convs, their
#: width and the reversible down-sampling factor
FFDNET_LAYERS, FFDNET_WIDTH, FFDNET_BLOCK = 15, 64, 2


def ffdnet_gray(b: NetBuilder, x: int, *, npu: bool = True) -> int:
    """FFDNet grey-scale on ``x`` (``[1, 128, 128, 1]``, a noisy grey image); adds a
    second graph input, the noise-level map ``[1, 64, 64, 1]``; returns the denoised
    image ``[1, 128, 128, 1]``; ``npu=False``: SPACE_TO_DEPTH and DEPTH_TO_SPACE (the
    pre-registered operators; the test's reference).

    Zhang, Zuo & Zhang, "FFDNet: Toward a Fast and Flexible Solution for CNN based
    Image Denoising", IEEE TIP 2018, arXiv 1710.04026 (Section 3.1, Fig. 1,
    recalled): the noisy image is reshaped by a reversible down-sampling into four
    sub-images of half the size, concatenated with a tunable noise-level map M of
    that size (one channel for grey images), fed to a plain CNN of 3x3 convs with
    zero padding -- the first Conv + ReLU, the middle Conv + BN + ReLU, the last Conv
    -- of 15 layers and 64 feature maps for grey images (12 and 96 for colour) that
    outputs four denoised sub-images, and an up-scaling (the inverse of the
    down-sampling) gives the full image; no residual learning. Here (the
    pre-registered definition, its two shuffles in addendum 2's NPU forms): the
    space-to-depth 2 as :func:`s2d_conv`, a 2x2 / 2 VALID CONV_2D 1 -> 4 with fixed 0
    / 1 weights and a zero bias (64 x 64 x 4), CONCATENATION [sub-images, map] (64 x
    64 x 5); CONV_2D 3x3 to 64 RELU; 13 x CONV_2D 3x3 64 RELU (batch norm folded into
    the conv's weights and bias); CONV_2D 3x3 to 4 (linear); the depth-to-space 2 as
    :func:`~jaxeff.nets.sesr_npu.npu_d2s`, a 2x2 / 2 VALID TRANSPOSE_CONV 4 -> 1 with
    fixed one-hot weights. 18 ops: 16 CONV_2D, CONCATENATION, TRANSPOSE_CONV. This
    graph counts 1,984,299,008 MACs (space-to-depth conv 4,096 x 4 x 4 = 65,536;
    first conv 11,796,480; 13 convs 64 -> 64 at 64 x 64, 150,994,944 each,
    1,962,934,272; last 9,437,184; the shuffle 4,096 x 4 x 4 x 1 = 65,536) and
    485,352 parameters (learned weights and biases 485,316: first 2,944, 13 x 36,928
    = 480,064, last 2,308; fixed: the space-to-depth conv's 16 weights and 4 zero
    biases, the shuffle's 16 weights; by hand in the test). No parameter count is
    pinned against a published one (none in the paper as we recall it).

    [U] the noise-level map a second graph input of the down-sampled size (the
    pre-registered choice; it is a constant map of sigma, built outside the
    network); the input 128 x 128 (our choice: the pre-registered size);
    concatenation order [sub-images, map]; the sub-images in TF's SPACE_TO_DEPTH
    channel order (the paper's order of the four sub-images a relabelling of the
    first conv's inputs and the last conv's outputs); batch norm folded into the
    conv before it (a bias on each of the 13 middle convs); biases on the first and
    last convs; RELU fused; SAME zero padding.
    """
    x = s2d_conv(b, x, FFDNET_BLOCK) if npu else b.space_to_depth(x, FFDNET_BLOCK)
    n, h, w, sub = b.shape(x)
    x = b.concat([x, b.input((n, h, w, 1))])
    for _ in range(FFDNET_LAYERS - 1):
        x = b.conv(x, FFDNET_WIDTH, 3, 1, "RELU")
    x = b.conv(x, sub, 3)
    return npu_d2s(b, x, FFDNET_BLOCK) if npu else b.depth_to_space(x, FFDNET_BLOCK)
