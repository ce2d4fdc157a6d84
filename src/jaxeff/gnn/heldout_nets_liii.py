"""Held-out families LIII, part D (session 37, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
the IRCNN denoiser, a chain of full 3x3 convs dilated 1, 2, 3, 4, 3, 2, 1 on a
128 x 128 grey-scale image whose residual is SUBtracted from the input, and IDN x2,
an information-distillation super-resolution network of grouped convs, channel
slices (SPLIT_V), CONCATENATIONs and standalone LEAKY_RELUs, up-sampled by a 17x17 /
2 TRANSPOSE_CONV ADDed to a bilinear x2 of the input.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); a batch norm that follows a conv
folded into it. :class:`~jaxeff.gnn.build.NetBuilder` has no fused leaky activation
(its fused ones are RELU, RELU_N1_TO_1, RELU6, TANH), so IDN's LeakyReLU (0.05) is a
standalone LEAKY_RELU op after each conv
(:meth:`~jaxeff.gnn.build.NetBuilder.leaky_relu`) [U]. A grouped conv (groups 4) is
a SPLIT into 4 equal channel groups, four CONV_2Ds and a CONCATENATION [U:
pre-registered]. Test models: no training space draws them (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_liii.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`ircnn`: the IRCNN denoiser (Zhang, Zuo, Gu & Zhang, "Learning Deep CNN
  Denoiser Prior for Image Restoration", CVPR 2017, arXiv 1704.03264) on ``[1, 128,
  128, 1]``: seven 3x3 CONV_2Ds dilated 1, 2, 3, 4, 3, 2, 1 (64 filters, the last to
  1; RELU fused in the first six, the batch norms of the middle five folded), the
  input minus the predicted residual (SUB); ``[1, 128, 128, 1]``. 8 ops: 7 CONV_2D,
  SUB.
* :func:`idn_x2`: IDN x2 (Hui, Wang & Gao, "Fast and Accurate Single Image
  Super-Resolution via Information Distillation Network", CVPR 2018, arXiv
  1803.09454) on ``[1, 64, 64, 1]``: two 3x3 convs of 64 (FBlock); four distillation
  blocks (an enhancement unit of 3x3 convs 48, 32 (groups 4), 64, a SPLIT_V into 16
  kept and 48, the kept 16 CONCATENATED to the block input, the 48 through 3x3 convs
  64, 48 (groups 4), 80, ADDed to the 80-channel concatenation; a 1x1 compression
  conv to 64); a 17x17 / 2 TRANSPOSE_CONV to 1 ADDed to a RESIZE_BILINEAR x2 of the
  input; ``[1, 128, 128, 1]``. 111 ops: 54 CONV_2D, 26 LEAKY_RELU, 8 SPLIT, 4
  SPLIT_V, 12 CONCATENATION, 5 ADD, TRANSPOSE_CONV, RESIZE_BILINEAR.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["grouped_conv", "idn_x2", "ircnn"]


# -- Zhang, Zuo, Gu & Zhang: IRCNN denoiser (dilated residual denoiser)

#: IRCNN denoiser (arXiv 1704.03264, Fig. 1): the features, the seven convs'
#: dilation factors
IRCNN_WIDTH, IRCNN_DILATIONS = 64, (1, 2, 3, 4, 3, 2, 1)


def ircnn(b: NetBuilder, x: int) -> int:
    """The IRCNN denoiser on ``x`` (``[1, 128, 128, 1]``, a noisy grey-scale image);
    returns the denoised image ``[1, 128, 128, 1]``.

    Zhang, Zuo, Gu & Zhang, "Learning Deep CNN Denoiser Prior for Image
    Restoration", CVPR 2017, arXiv 1704.03264 (Section 3.2, Fig. 1, recalled): seven
    layers, "Dilated Conv + ReLU", five "Dilated Conv + BNorm + ReLU", a "Dilated
    Conv"; 3x3 kernels dilated 1, 2, 3, 4, 3, 2, 1 (receptive field 33 x 33); 64
    feature maps; residual learning (the network predicts the noise). Here (the
    pre-registered definition): CONV_2D 3x3 SAME 64 RELU (dilation 1), five CONV_2D
    3x3 SAME 64 RELU dilated 2, 3, 4, 3, 2 (their batch norms folded), CONV_2D 3x3
    SAME to 1 (dilation 1, linear), SUB (the input minus the predicted noise). 8 ops:
    7 CONV_2D, SUB. This graph counts 3,038,773,248 MACs (the first conv 9,437,184,
    the five middle convs 3,019,898,880, the last 9,437,184; 185,472 a pixel) and
    185,857 parameters (weights and biases: the first conv 640, the middle convs
    184,640, the last 577; by hand in the test). Published: about 0.19 M parameters
    (as listed for IRCNN in later comparisons, e.g. Zhang et al.'s DPIR, arXiv
    2008.13751, recalled from memory; pinned within 3 %: -2.2 %).

    [U] the 128 x 128 x 1 input (pre-registered); the residual as a SUB from the
    graph input (pre-registered); the middle five batch norms folded into their
    convs (RELU fused); SAME padding (zero padding keeping 128 x 128 at every
    dilation); biases on every conv; no clipping of the output.
    """
    last = len(IRCNN_DILATIONS) - 1
    y = x
    for i, d in enumerate(IRCNN_DILATIONS):
        cout, act = (b.shape(x)[-1], "NONE") if i == last else (IRCNN_WIDTH, "RELU")
        y = b.conv(y, cout, 3, 1, act, dilation=d)
    return b.sub(x, y)


# -- Hui, Wang & Gao: IDN x2 (information distillation network)

#: IDN (arXiv 1803.09454): the FBlock's and the compression unit's width, the
#: distillation blocks, the slice kept (64 / s, s = 4), the enhancement unit's upper
#: and lower convs' widths (the middle of each grouped), the groups, the LeakyReLU
#: slope, the transposed conv's kernel
IDN_WIDTH, IDN_BLOCKS, IDN_SLICE = 64, 4, 16
IDN_UPPER, IDN_LOWER, IDN_GROUPS = (48, 32, 64), (64, 48, 80), 4
IDN_ALPHA, IDN_DECONV = 0.05, 17


def grouped_conv(b: NetBuilder, x: int, cout: int, k: int, groups: int) -> int:
    """A grouped ``k x k`` SAME conv of ``x`` to ``cout`` channels: SPLIT into
    ``groups`` equal channel groups, a CONV_2D of ``cout / groups`` filters on each
    (linear, with a bias), CONCATENATION in order [U: pre-registered]."""
    if cout % groups:
        raise ValueError(f"grouped_conv: {cout} filters not divisible by {groups}")
    return b.concat([b.conv(p, cout // groups, k) for p in b.split(x, groups)])


def _conv_lrelu(b: NetBuilder, x: int, cout: int, groups: int = 1) -> int:
    """A 3x3 SAME conv (grouped where ``groups`` > 1), then LEAKY_RELU (0.05)."""
    y = b.conv(x, cout, 3) if groups == 1 else grouped_conv(b, x, cout, 3, groups)
    return b.leaky_relu(y, IDN_ALPHA)


def idn_x2(b: NetBuilder, x: int) -> int:
    """IDN x2 on ``x`` (``[1, 64, 64, 1]``, a low-resolution grey-scale (Y) image);
    returns the x2 image ``[1, 128, 128, 1]``.

    Hui, Wang & Gao, "Fast and Accurate Single Image Super-Resolution via Information
    Distillation Network", CVPR 2018, arXiv 1803.09454 (Section 3, Fig. 2 and 3,
    recalled): a feature extraction block (FBlock: two 3x3 convs of 64, LeakyReLU);
    four distillation blocks (DBlock: an enhancement unit and a compression unit); a
    reconstruction block (RBlock: a 17 x 17 transposed conv, no activation) added to
    the bicubic up-sampled input. The enhancement unit: an upper module of three 3x3
    convs of 48, 32 (groups 4), 64; its output sliced, 64 / s = 16 channels
    concatenated with the unit's input (the distilled local long-path information
    kept), the other 48 through a lower module of three 3x3 convs of 64, 48 (groups
    4), 80, whose output is added to that concatenation (80 channels); each conv
    followed by LeakyReLU (slope 0.05); the compression unit a 1x1 conv to 64. Here
    (the pre-registered definition): FBlock CONV_2D 3x3 SAME 64, LEAKY_RELU, twice;
    per DBlock CONV_2D 3x3 48, LEAKY_RELU; SPLIT into 4 (12 channels each), four
    CONV_2D 3x3 to 8, CONCATENATION (32), LEAKY_RELU; CONV_2D 3x3 64, LEAKY_RELU;
    SPLIT_V into (16, 48); CONCATENATION [block input, the 16] (80); the 48: CONV_2D
    3x3 64, LEAKY_RELU; SPLIT into 4 (16 each), four CONV_2D 3x3 to 12,
    CONCATENATION (48), LEAKY_RELU; CONV_2D 3x3 80, LEAKY_RELU; ADD (the lower
    module first, linear) of the 80-channel concatenation; CONV_2D 1x1 to 64
    (linear); RBlock TRANSPOSE_CONV 17x17 / 2 SAME to 1 (128 x 128, linear),
    RESIZE_BILINEAR of the input to 128 x 128, ADD (the transposed conv first). 111
    ops: 54 CONV_2D, 26 LEAKY_RELU, 8 SPLIT, 4 SPLIT_V, 12 CONCATENATION, 5 ADD,
    TRANSPOSE_CONV, RESIZE_BILINEAR; everything before the RBlock on 64 x 64 maps.
    This graph counts 2,257,059,840 MACs (FBlock 153,354,240; the four DBlocks
    2,027,945,984, 506,986,496 each; the transposed conv 75,759,616 (4,096 x 64 x
    289); 551,040 a low-resolution pixel) and 552,769 parameters (weights and
    biases: FBlock 37,568, the DBlocks 496,704 (124,176 each), the transposed conv
    18,497; by hand in the test). Published (recalled from memory, as listed for IDN
    in later comparisons, e.g. IMDN's, arXiv 1909.11856): 553 K parameters (pinned
    within 1 %: -0.04 %) and 124.6 G multiply-adds for a 1280 x 720 x2 output (the
    per-pixel count above on 640 x 360: 126.96 G, pinned within 3 %: +1.9 %).

    [U] the 64 x 64 x 1 input (pre-registered); LeakyReLU as a standalone
    LEAKY_RELU op (NetBuilder fuses none); a grouped conv as SPLIT into 4, four
    CONV_2Ds and a CONCATENATION, its LEAKY_RELU after the CONCATENATION (one op on
    the grouped conv's output); the slice as SPLIT_V (pre-registered) with the first
    16 channels kept and the last 48 passed on; the concatenation's order [block
    input, kept slice]; the ADD's order (the lower module first); the compression
    unit linear (no activation); the transposed conv 17 x 17, stride 2, SAME, with a
    bias (pre-registered); the bicubic up-sampling as RESIZE_BILINEAR x2 without
    align_corners or half-pixel centres (pre-registered: bilinear); SAME padding;
    biases on every conv; no clipping of the output.
    """
    _, h, w, c = b.shape(x)
    y = _conv_lrelu(b, _conv_lrelu(b, x, IDN_WIDTH), IDN_WIDTH)
    for _ in range(IDN_BLOCKS):
        u = y
        for i, cout in enumerate(IDN_UPPER):
            u = _conv_lrelu(b, u, cout, IDN_GROUPS if i == 1 else 1)
        kept, rest = b.split_v(u, (IDN_SLICE, IDN_UPPER[-1] - IDN_SLICE))
        cat = b.concat([y, kept])
        for i, cout in enumerate(IDN_LOWER):
            rest = _conv_lrelu(b, rest, cout, IDN_GROUPS if i == 1 else 1)
        y = b.conv(b.add(rest, cat), IDN_WIDTH, 1)
    up = b.transpose_conv(y, c, IDN_DECONV, 2)
    return b.add(up, b.resize(x, (2 * h, 2 * w), "bilinear"))
