"""Held-out families XXXV, part a (session 30 addendum 2, pre-registered before being
built; issue 22): four published networks: the original U-Net and PortraitNet,
which end in a per-pixel SOFTMAX over many positions, Kim's sentence CNN (a 2-class
SOFTMAX) and the YuNet face detector (LOGISTIC scores, 12 outputs).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias where it can be, dropout left out at inference). Test
models: no training space draws any of them in its exact configuration (each one's
distinguishing values are in ``models.json``'s overlap and pinned in
``tests/gnn/test_heldout_nets_xxxv.py``). Choices the sources leave open are marked
[U]; "recalled" marks what is written from memory of the papers and releases (none
of them was read for this module).

* :func:`unet_orig`: Ronneberger, Fischer & Brox's U-Net (arXiv 1505.04597) on 572 x
  572 x 1: two 3x3 VALID convs a level (64-1024 filters), 2x2 max pools, 2x2/2
  up-convolutions (TRANSPOSE_CONV), centre crops of the skips (STRIDED_SLICE),
  CONCATENATION, a 1x1 conv to 2 classes at 388 x 388, per-pixel SOFTMAX. 36 ops.
* :func:`portraitnet`: PortraitNet (Zhang et al., Computers & Graphics 2019) at 224 x
  224 x 3: the MobileNet-v2 encoder, five D-blocks (two depthwise-separable convs and
  a 1x1 shortcut conv, ADD RELU) each followed by a 4x4/2 TRANSPOSE_CONV, skip ADDs
  at 1/16, 1/8 and 1/4, a 3x3 conv to 2 classes, per-pixel SOFTMAX. 102 ops.
* :func:`textcnn_kim`: Kim's sentence CNN, CNN-static (arXiv 1408.5882), on the 56 x
  300 embedding matrix as a one-channel map: 3x300, 4x300 and 5x300 VALID convs of
  100 maps (RELU), max over time (MAX_POOL_2D), CONCATENATION, RESHAPE, FC to 2,
  SOFTMAX. 10 ops.
* :func:`yunet`: YuNet-n (Wu, Peng & Yu, Machine Intelligence Research 2023; the
  OpenCV Zoo ``face_detection_yunet_2023mar``) at 320 x 320 x 3: the 1x1 + 3x3
  depthwise units of its backbone, 2x2 max pools, the tiny FPN (bilinear x2, ADD)
  and per stride 8 / 16 / 32 a shared unit and four heads (class and objectness
  with LOGISTIC, box, 5 landmarks), each RESHAPEd to ``[1, H W, n]``: 12 outputs.
  85 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test (the TRANSPOSE_CONVs count ``H_i W_i C_i
K_h K_w C_o``, :func:`jaxeff.gnn.graph.op_macs`).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _up2
from jaxeff.gnn.heldout_nets_xxxiv import _mbv2_stages

__all__ = ["KIM_DIM", "KIM_HEIGHTS", "KIM_LEN", "KIM_MAPS", "PORTRAIT_DECODER",
           "UNET_FILTERS", "YUNET_OUT", "YUNET_POOL_AFTER", "YUNET_STAGES",
           "YUNET_STEM", "YUNET_WIDTH", "portraitnet", "textcnn_kim", "unet_orig",
           "yunet"]


# -- Ronneberger et al.: the original U-Net

#: the filters of the five levels (arXiv 1505.04597, Figure 1)
UNET_FILTERS = (64, 128, 256, 512, 1024)


def _centre_crop(b: NetBuilder, x: int, side: int) -> int:
    """The centre ``side x side`` window of ``x`` (STRIDED_SLICE; the Caffe release's
    ``Crop`` layer)."""
    _, h, _, c = b.shape(x)
    o = (h - side) // 2
    return b.strided_slice(x, (0, o, o, 0), (1, o + side, o + side, c))


def _valid_pair(b: NetBuilder, x: int, c: int) -> int:
    """Two 3x3 VALID convs of ``c`` filters, ReLU after each."""
    return b.conv(b.conv(x, c, 3, 1, "RELU", "VALID"), c, 3, 1, "RELU", "VALID")


def unet_orig(b: NetBuilder, x: int, classes: int = 2) -> int:
    """The original U-Net on ``x`` (``[1, 572, 572, 1]``); returns the per-pixel
    SOFTMAX ``[1, 388, 388, classes]``.

    Ronneberger, Fischer & Brox, "U-Net: Convolutional Networks for Biomedical Image
    Segmentation", MICCAI 2015, arXiv 1505.04597 (Section 2 and Figure 1,
    recalled): a contracting path of two unpadded 3x3 convs (ReLU) a level, 64 /
    128 / 256 / 512 / 1024 filters, 2x2 max pools of stride 2 (572 -> 568 -> 284 ...
    -> 32 -> 28); an expansive path of a 2x2 up-convolution halving the channels
    (28 -> 56, 52 -> 104, 100 -> 200, 196 -> 392), CONCATENATION with the centre
    crop of the contracting map of that level (64 -> 56, 136 -> 104, 280 -> 200,
    568 -> 392), two 3x3 VALID convs; a 1x1 conv to 2 classes at 388 x 388 and the
    pixel-wise soft-max of the energy function. This graph counts 150,428,424,448
    MACs (the four TRANSPOSE_CONVs 5,631,377,408) and 31,030,658 parameters (by hand
    in the test). Published: no count in the paper; 31.0 M parameters as quoted for
    it (recalled; +0.1 %).

    [U] the up-convolution as a linear 2x2/2 VALID TRANSPOSE_CONV with bias (the
    paper's text and Figure 1 put a ReLU only after the 3x3 convs, as the earlier
    test model ``unet_128``; the authors' Caffe prototxt may have a ``relu_u*a``
    after each ``upconv``, recalled, not built); CONCATENATION ``[cropped skip,
    up-sampled]``; the crops as STRIDED_SLICE; no dropout (the end of the
    contracting path's, training only); 2 classes. 23 convolutions, as Section 2
    counts.
    """
    skips = []
    for i, c in enumerate(UNET_FILTERS):
        if i:
            x = b.pool(x, "max", 2, 2)
        x = _valid_pair(b, x, c)
        skips.append(x)
    for skip, c in zip(skips[-2::-1], UNET_FILTERS[-2::-1], strict=True):
        up = b.transpose_conv(x, c, 2, 2, padding="VALID")
        x = _valid_pair(b, b.concat([_centre_crop(b, skip, b.shape(up)[1]), up]), c)
    return b.softmax(b.conv(x, classes, 1))


# -- Zhang et al.: PortraitNet

#: the decoder's D-block widths from the 1/32 map up (the release's ``transit1-5``,
#: recalled), each followed by a 4x4/2 transposed conv of that width
PORTRAIT_DECODER = (96, 32, 24, 16, 8)


def _d_block(b: NetBuilder, x: int, c: int) -> int:
    """PortraitNet's D-block (the release's ``ResidualBlock``, recalled): 3x3
    depthwise RELU, 1x1 to ``c`` RELU, 3x3 depthwise RELU, 1x1 linear; a 1x1 shortcut
    conv to ``c`` (every D-block changes the width); ADD RELU."""
    h = b.conv(b.dwconv(x, 3, 1, "RELU"), c, 1, 1, "RELU")
    h = b.conv(b.dwconv(h, 3, 1, "RELU"), c, 1)
    return b.add(h, b.conv(x, c, 1), "RELU")


def portraitnet(b: NetBuilder, x: int, classes: int = 2) -> int:
    """PortraitNet on ``x`` (``[1, 224, 224, 3]``); returns the per-pixel SOFTMAX mask
    ``[1, 224, 224, classes]``.

    Zhang, Dong, Li, Chen, Bi, Mu & Zhou, "PortraitNet: Real-time portrait
    segmentation network for mobile device", Computers & Graphics 82 (2019)
    (Section 3, Figure 2, recalled; the layers as recalled from the authors'
    ``model_mobilenetv2_seg_small.py``): the MobileNet-v2 encoder (a 3x3/2 conv of
    32, the 17 inverted residual blocks, 1/32 at 320 channels; no 1280 conv); the
    decoder from the 1/32 map: per level a D-block (:func:`_d_block`) to 96 / 32 /
    24 / 16 / 8 channels and a 4x4/2 transposed conv of that width (7 -> 14 -> 28
    -> 56 -> 112 -> 224), the first three results ADDed to the encoder's 1/16 (96),
    1/8 (32) and 1/4 (24) maps before the next D-block; a 3x3 conv to the 2 mask
    classes, softmax. This graph counts 361,237,408 MACs and 2,063,762 parameters
    (encoder 292,268,928 / 1,796,992, by hand in the test). Published (recalled):
    2.1 M parameters (-2 %); no MAC count pinned.

    [U] the boundary head (a second 3x3 conv on the last map, training only) left
    out; the encoder as :func:`jaxeff.gnn.heldout_nets_xxxiv._mbv2_stages` (its t =
    1 block with a 1x1 expansion conv, RELU6, the release's older MobileNet-v2 port,
    recalled); full (not grouped) transposed convs without bias, SAME (PyTorch's
    padding 1: 2x the input), no activation; no skip at 1/2; a bias on the mask conv.
    """
    _, l3, l4, _, l6, _, l8 = _mbv2_stages(b, x)
    y = l8
    for c, skip in zip(PORTRAIT_DECODER, (l6, l4, l3, None, None), strict=True):
        y = b.transpose_conv(_d_block(b, y, c), c, 4, 2, bias=False)
        if skip is not None:
            y = b.add(skip, y)
    return b.softmax(b.conv(y, classes, 3))


# -- Kim: the sentence CNN

#: the sentence length (the MR data's longest, 56, recalled), the word2vec width, the
#: filter heights and the feature maps per height (arXiv 1408.5882, Section 3)
KIM_LEN, KIM_DIM, KIM_HEIGHTS, KIM_MAPS = 56, 300, (3, 4, 5), 100


def textcnn_kim(b: NetBuilder, x: int, classes: int = 2) -> int:
    """Kim's CNN-static on ``x`` (``[1, 56, 300, 1]``: 56 words of 300-d embeddings);
    returns the class SOFTMAX ``[1, classes]``.

    Kim, "Convolutional Neural Networks for Sentence Classification", EMNLP 2014,
    arXiv 1408.5882 (Sections 2-3, recalled): per filter height h in 3 / 4 / 5, 100
    convolutions of an h x 300 window over the sentence matrix (ReLU), max-over-time
    pooling to one value a map; the 300 values concatenated; a fully connected
    soft-max layer (MR: 2 classes); dropout 0.5 (training only). This graph counts
    19,020,600 MACs and 360,902 parameters (by hand in the test). Published: no count.

    [U] the sentence matrix as a one-channel 56 x 300 map (the release's 2-D
    convolution of an h x 300 filter over it, recalled), so each filter is a plain
    VALID CONV_2D of a (h, 300) kernel; 56 words (the padded length); max over time
    as a (57 - h) x 1 MAX_POOL_2D; RESHAPE to ``[1, 300]`` before the FC; CNN-static:
    the embeddings are the input (no lookup).
    """
    _, t, d, _ = b.shape(x)
    pooled = [b.pool(b.conv(x, KIM_MAPS, (h, d), 1, "RELU", "VALID"), "max",
                     (t - h + 1, 1), 1) for h in KIM_HEIGHTS]
    z = b.reshape(b.concat(pooled), (1, len(KIM_HEIGHTS) * KIM_MAPS))
    return b.softmax(b.fc(z, classes))


# -- Wu et al.: YuNet

#: YuNet-n (the release's ``yunet_n`` config, recalled): the stem's (in, mid, out)
#: widths, the (in, out) widths of the five Conv4layerBlocks, the stages after which a
#: 2x2 max pool follows, the stages feeding the FPN (strides 8 / 16 / 32), the neck
#: and head width
YUNET_STEM = (3, 16, 16)
YUNET_STAGES = ((16, 64), (64, 64), (64, 64), (64, 64), (64, 64))
YUNET_POOL_AFTER, YUNET_OUT, YUNET_WIDTH = (0, 2, 3, 4), (3, 4, 5), 64
#: the heads (name, channels), in output order; LOGISTIC on class and objectness
_YUNET_HEADS = (("cls", 1), ("obj", 1), ("bbox", 4), ("kps", 10))


def _dp(b: NetBuilder, x: int, c: int, bn_relu: bool = True) -> int:
    """YuNet's ``ConvDPUnit``: a 1x1 conv to ``c``, a 3x3 depthwise conv; batch norm
    (folded) and ReLU after it where ``bn_relu``."""
    return b.dwconv(b.conv(x, c, 1), 3, 1, "RELU" if bn_relu else "NONE")


def yunet(b: NetBuilder, x: int) -> tuple[int, ...]:
    """YuNet-n on ``x`` (``[1, 320, 320, 3]``); returns 12 outputs: class scores,
    objectness (both after LOGISTIC), boxes ``[1, H W, 4]`` and landmarks ``[1, H W,
    10]`` at strides 8, 16, 32 each (``H W`` = 1600, 400, 100).

    Wu, Peng & Yu, "YuNet: A Tiny Millisecond-level Face Detector", Machine
    Intelligence Research 20 (2023) (Section 3, recalled; the layers as recalled from
    the ``libfacedetection.train`` release and the OpenCV Zoo ONNX): the stem
    (``Conv_head``: 3x3/2 conv 16 BN ReLU, a unit to 16); five ``Conv4layerBlock``s of
    two units each (16 -> 64, then 64 everywhere; a unit (:func:`_dp`) is a 1x1 conv
    and a 3x3 depthwise conv, BN ReLU); 2x2 max pools after the stem and blocks 2, 3,
    4 (160 -> 80 -> 40 -> 20 -> 10); blocks 3 / 4 / 5 feed the tiny FPN (``TFPN``:
    from the coarsest, a unit, bilinear x2 ADDed to the finer map, a unit on that);
    per stride a unit (``shared_stacked_convs`` = 1) and four units without BN ReLU
    to 1 class / 1 objectness / 4 box / 10 landmark channels. This graph counts
    135,598,400 MACs and 73,840 parameters; with the 1,008 batch norms' scale and
    shift (2,016) 75,856, the paper's count (recalled: exact).

    [U] the shared head unit per stride inferred from that count; 320 x 320 (the
    paper's timing size; the Zoo model takes any size); outputs in the Zoo's order
    (``cls_8 ... kps_32``), each RESHAPEd to ``[1, H W, n]`` and class / objectness
    through LOGISTIC (the export's sigmoid, recalled); the prior decoding left out;
    bilinear x2 with half-pixel centres (``align_corners=False``); SAME 3x3 convs for
    padding 1.
    """
    x = _dp(b, b.conv(x, YUNET_STEM[1], 3, 2, "RELU"), YUNET_STEM[2])
    feats = []
    for i in range(len(YUNET_STAGES) + 1):
        if i:
            cin, c = YUNET_STAGES[i - 1]
            x = _dp(b, _dp(b, x, cin), c)
        if i in YUNET_OUT:
            feats.append(x)
        if i in YUNET_POOL_AFTER:
            x = b.pool(x, "max", 2, 2)
    for i in range(len(feats) - 1, 0, -1):
        feats[i] = _dp(b, feats[i], YUNET_WIDTH)
        feats[i - 1] = b.add(feats[i - 1], _up2(b, feats[i]))
    feats[0] = _dp(b, feats[0], YUNET_WIDTH)
    outs: dict[str, list[int]] = {k: [] for k, _ in _YUNET_HEADS}
    for f in feats:
        f = _dp(b, f, YUNET_WIDTH)
        _, h, w, _ = b.shape(f)
        for k, n in _YUNET_HEADS:
            y = _dp(b, f, n, bn_relu=False)
            y = b.act(y, "LOGISTIC") if k in ("cls", "obj") else y
            outs[k].append(b.reshape(y, (1, h * w, n)))
    return tuple(t for k, _ in _YUNET_HEADS for t in outs[k])
