"""Held-out families XXXVI, part a (session 31, pre-registered before being built;
issue 22): four published networks: the pix2pix U-Net-256 generator and the Context
Encoder (4x4/2 convs with LEAKY_RELU 0.2, 4x4/2 TRANSPOSE_CONV decoders ending in
TANH), PointNet's classifier without T-Nets (shared 1x1 MLPs over 1,024 points and a
global max pool) and LapSRN x4 (two Laplacian pyramid levels of 3x3 convs with
LEAKY_RELU 0.2 and TRANSPOSE_CONV up-sampling).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias, dropout left out at inference). Test models: no training
space draws any of them in its exact configuration (each one's distinguishing values
are in ``models.json``'s overlap and pinned in ``tests/gnn/test_heldout_nets_xxxvi.py``;
no space draws a LEAKY_RELU of alpha 0.2 or a max pool wider than 8). Choices the
sources leave open are marked [U]; "recalled" marks what is written from memory of
the papers and releases (none of them was read for this module).

* :func:`pix2pix_unet`: the pix2pix U-Net-256 generator (arXiv 1611.07004) on 256 x
  256 x 3: eight 4x4/2 convs (64-512) with LEAKY_RELU 0.2, seven 4x4/2
  TRANSPOSE_CONVs (RELU) each CONCATENATED with the mirrored encoder map, a last
  4x4/2 TRANSPOSE_CONV to 3 and TANH. 31 ops.
* :func:`context_encoder`: the Context Encoder (arXiv 1604.07379) for the centre
  region on 128 x 128 x 3: five 4x4/2 convs (64-512) with LEAKY_RELU 0.2, a 4x4 VALID
  conv to the 1 x 1 x 4000 bottleneck, a 4x4 VALID TRANSPOSE_CONV back to 4 x 4 x 512,
  four 4x4/2 TRANSPOSE_CONVs to 64 x 64 x 3, TANH. 18 ops.
* :func:`pointnet_cls`: PointNet's classifier without T-Nets (arXiv 1612.00593) on
  1,024 points as ``[1, 1024, 1, 3]``: 1x1 convs 64-64-64-128-1024 (RELU), a 1024 x
  1 MAX_POOL_2D, RESHAPE, FC 512-256 (RELU), FC 40, SOFTMAX. 11 ops.
* :func:`lapsrn_x4`: LapSRN x4 (arXiv 1704.03505) on 64 x 64 x 1: an input conv, per
  level ten 3x3 convs of 64 and a 4x4/2 TRANSPOSE_CONV of 64 (LEAKY_RELU 0.2 after
  each), a 3x3 conv to the residual, the image's 4x4/2 TRANSPOSE_CONV ADDed to it;
  the x4 output ``[1, 256, 256, 1]``. 52 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test (the TRANSPOSE_CONVs count ``H_i W_i C_i
K_h K_w C_o``, :func:`jaxeff.gnn.graph.op_macs`).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["CE_BOTTLENECK", "CE_DECODER", "CE_ENCODER", "LAPSRN_DEPTH", "LAPSRN_LEVELS",
           "LAPSRN_WIDTH", "LEAK", "PIX2PIX_DECODER", "PIX2PIX_ENCODER",
           "POINTNET_FC", "POINTNET_MLP", "context_encoder", "lapsrn_x4",
           "pix2pix_unet", "pointnet_cls"]

#: the LeakyReLU slope of pix2pix, the Context Encoder and LapSRN
LEAK = 0.2


def _down(b: NetBuilder, x: int, c: int) -> int:
    """A 4x4/2 SAME conv to ``c`` (batch norm folded), standalone LEAKY_RELU 0.2."""
    return b.leaky_relu(b.conv(x, c, 4, 2), LEAK)


# -- Isola et al.: the pix2pix U-Net-256 generator

#: the encoder's C64-C128-C256-C512-C512-C512-C512-C512 and the decoder's
#: CD512-CD512-CD512-C512-C256-C128-C64 (arXiv 1611.07004, Section 6.1.1)
PIX2PIX_ENCODER = (64, 128, 256, 512, 512, 512, 512, 512)
PIX2PIX_DECODER = (512, 512, 512, 512, 256, 128, 64)


def pix2pix_unet(b: NetBuilder, x: int) -> int:
    """The pix2pix U-Net-256 generator on ``x`` (``[1, 256, 256, 3]``); returns the
    TANH image ``[1, 256, 256, 3]``.

    Isola, Zhu, Zhou & Efros, "Image-to-Image Translation with Conditional Adversarial
    Networks", CVPR 2017, arXiv 1611.07004 (Section 6.1.1, recalled): Ck a 4x4 conv
    of stride 2, batch norm, ReLU (leaky with slope 0.2 in the encoder, no batch norm
    on C64); CDk the same with dropout 0.5 (training and test time in the paper; left
    out here); the U-Net's skips concatenate encoder layer i with decoder layer n - i;
    a last conv to the 3 output channels and tanh. 256 -> 1 in eight steps and back.
    This graph counts 6,048,186,368 MACs (the eight TRANSPOSE_CONVs 4,030,726,144)
    and 54,409,603 parameters (by hand in the test). Published (recalled): 54.414 M
    parameters printed by the authors' PyTorch release for ``unet_256`` (batch norm
    scale and shift counted, conv biases only on the outermost layers; -0.01 %); no
    MAC count.

    [U] the innermost conv (1 x 1 x 512) with a fused RELU (the decoder's ReLU on its
    input; no LEAKY_RELU there); each LEAKY_RELU as a standalone op after its conv, its
    output the skip; the decoder's ReLU fused into each TRANSPOSE_CONV (batch norm
    folded as its bias) and not repeated on the concatenated skip; CONCATENATION
    ``[up-sampled, skip]`` (the Torch release's order, recalled); SAME padding for
    padding 1 (output 2x the input); TANH standalone.
    """
    cin, skips = b.shape(x)[-1], []
    for i, c in enumerate(PIX2PIX_ENCODER):
        if i < len(PIX2PIX_ENCODER) - 1:
            x = _down(b, x, c)
            skips.append(x)
        else:
            x = b.conv(x, c, 4, 2, "RELU")
    for c, skip in zip(PIX2PIX_DECODER, skips[::-1], strict=True):
        x = b.concat([b.transpose_conv(x, c, 4, 2, "RELU"), skip])
    return b.act(b.transpose_conv(x, cin, 4, 2), "TANH")


# -- Pathak et al.: the Context Encoder

#: the encoder widths (4x4/2 convs), the bottleneck and the decoder widths (4x4/2
#: transposed convs after the 4x4 VALID one back to 512), the Torch release's
#: ``nef = ngf = 64``, ``nBottleneck = 4000`` (recalled)
CE_ENCODER, CE_BOTTLENECK, CE_DECODER = (64, 64, 128, 256, 512), 4000, (256, 128, 64, 3)


def context_encoder(b: NetBuilder, x: int) -> int:
    """The Context Encoder on ``x`` (``[1, 128, 128, 3]``); returns the TANH centre
    ``[1, 64, 64, 3]``.

    Pathak, Krähenbühl, Donahue, Darrell & Efros, "Context Encoders: Feature Learning
    by Inpainting", CVPR 2016, arXiv 1604.07379 (Section 3 and the centre-region
    model of the Torch release, recalled): 4x4/2 convs 128 -> 64 -> 32 -> 16 -> 8 ->
    4 of 64 / 64 / 128 / 256 / 512 filters with batch norm and LeakyReLU 0.2 (none on
    the first), a 4x4 conv to the 4000-d bottleneck; the decoder a 4x4 full
    convolution from 1 x 1 x 4000 to 4 x 4 x 512 and 4x4/2 ones to 8 x 8 x 256, 16 x
    16 x 128, 32 x 32 x 64 and 64 x 64 x 3, batch norm and ReLU but on the last,
    tanh. This graph counts 349,700,096 MACs and 71,118,691 parameters (by hand in
    the test). Published: no parameter count recalled.

    [U] the 64 x 64 x 3 output (the centre region, as pre-registered); the bottleneck
    conv followed by LEAKY_RELU 0.2 (as the encoder's convs); the channel-wise fully
    connected layer of the paper's AlexNet version not used (the release's
    bottleneck variant); each LEAKY_RELU standalone; RELU fused into the
    TRANSPOSE_CONVs (batch norm folded as their biases); SAME 4x4/2 layers, VALID 4x4
    bottleneck layers; TANH standalone.
    """
    for c in CE_ENCODER:
        x = _down(b, x, c)
    x = b.leaky_relu(b.conv(x, CE_BOTTLENECK, 4, 1, padding="VALID"), LEAK)
    x = b.transpose_conv(x, CE_ENCODER[-1], 4, 1, "RELU", "VALID")
    for c in CE_DECODER[:-1]:
        x = b.transpose_conv(x, c, 4, 2, "RELU")
    return b.act(b.transpose_conv(x, CE_DECODER[-1], 4, 2), "TANH")


# -- Qi et al.: PointNet classification

#: the shared MLPs (64, 64) and (64, 128, 1024) and the classifier's FC widths
#: (arXiv 1612.00593, Figure 2)
POINTNET_MLP, POINTNET_FC = (64, 64, 64, 128, 1024), (512, 256)


def pointnet_cls(b: NetBuilder, x: int, classes: int = 40) -> int:
    """PointNet's classifier without T-Nets on ``x`` (``[1, 1024, 1, 3]``: 1,024 points
    of x, y, z); returns the class SOFTMAX ``[1, classes]``.

    Qi, Su, Mo & Guibas, "PointNet: Deep Learning on Point Sets for 3D Classification
    and Segmentation", CVPR 2017, arXiv 1612.00593 (Figure 2, Section 4 and
    Supplementary C, recalled): shared MLPs (64, 64) and (64, 128, 1024) on each
    point (1x1 convs, batch norm, ReLU), max pooling over the points, an MLP (512,
    256) with batch norm and ReLU (dropout 0.7 keep, training only) and 40 ModelNet40
    scores. This graph counts 151,857,152 MACs and 815,400 parameters (by hand in the
    test). Published (recalled, Table 6, "PointNet (vanilla)", no input or feature
    transform): 0.8 M parameters (+1.9 %) and 148 M FLOPs a sample (+2.6 %).

    [U] no input or feature T-Net (as pre-registered); the points along the height
    axis of a one-column map (as :func:`jaxeff.gnn.heldout_nets_xxxii.wdcnn` lays
    out its signal), the shared MLPs as 1x1 CONV_2Ds with RELU fused; the max over
    points as one 1024 x 1 MAX_POOL_2D (as Kim's max over time); RESHAPE to ``[1,
    1024]``; the FCs' batch norms folded; SOFTMAX on the scores.
    """
    for c in POINTNET_MLP:
        x = b.conv(x, c, 1, 1, "RELU")
    _, n, w, c = b.shape(x)
    x = b.reshape(b.pool(x, "max", (n, w), 1), (1, c))
    for c in POINTNET_FC:
        x = b.fc(x, c, "RELU")
    return b.softmax(b.fc(x, classes))


# -- Lai et al.: LapSRN

#: the pyramid levels of x4, the conv layers a level (d = 10) and the feature width
LAPSRN_LEVELS, LAPSRN_DEPTH, LAPSRN_WIDTH = 2, 10, 64


def lapsrn_x4(b: NetBuilder, x: int) -> int:
    """LapSRN x4 on ``x`` (``[1, 64, 64, 1]``: the low-resolution Y channel); returns
    the x4 image ``[1, 256, 256, 1]``.

    Lai, Huang, Ahuja & Yang, "Deep Laplacian Pyramid Networks for Fast and Accurate
    Super-Resolution", CVPR 2017, arXiv 1704.03505 (Section 3 and Figure 3,
    recalled): a conv from the input to 64 features; per level (two for x4) a
    feature extraction branch of d = 10 3x3 convs of 64 filters and a 4x4/2
    transposed conv, LeakyReLU 0.2 after each, a 3x3 conv predicting the residual
    image; an image reconstruction branch that up-samples the level's input image by
    a 4x4/2 transposed conv (bilinear initialised) and adds the residual; the next
    level continues from the up-sampled features and the reconstructed image. This
    graph counts 8,941,797,376 MACs (the four TRANSPOSE_CONVs 1,342,504,960) and
    871,588 parameters (by hand in the test). Published (recalled): 812 K parameters
    (+7 %, likely another d or kernel count; not pinned tighter); no MAC count.

    [U] 64 x 64 input; the x4 output only (the x2 side output left out of the graph,
    as pre-registered); each LeakyReLU a standalone LEAKY_RELU; biases on every conv
    and transposed conv (MatConvNet's defaults, recalled), the image's transposed
    conv 1 -> 1 channel; SAME padding (output 2x the input); ADD ``[up-sampled image,
    residual]``, linear.
    """
    img = x
    f = b.leaky_relu(b.conv(x, LAPSRN_WIDTH, 3), LEAK)
    for _ in range(LAPSRN_LEVELS):
        for _ in range(LAPSRN_DEPTH):
            f = b.leaky_relu(b.conv(f, LAPSRN_WIDTH, 3), LEAK)
        f = b.leaky_relu(b.transpose_conv(f, LAPSRN_WIDTH, 4, 2), LEAK)
        res = b.conv(f, b.shape(img)[-1], 3)
        img = b.add(b.transpose_conv(img, b.shape(img)[-1], 4, 2), res)
    return img
