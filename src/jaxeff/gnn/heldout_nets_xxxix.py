"""Held-out families XXXIX (session 32, pre-registered in Addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-06-s32/PREREGISTERED.md`` before being built):
networks chosen for holding stride-1 transposed convolutions (RED-Net-30) and large
fully connected layers (VGG-M, VGG-F, the large character-level CNN).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the networks of
:mod:`jaxeff.gnn.heldout_nets_xxxviii` (float32, seeded weights, normalisation left
out, dropout left out at inference, RELU fused); the classifiers end in the flatten
head of :mod:`jaxeff.gnn.heldout_nets_xxviii`. Test models: no training space draws
any of them in its exact configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xxxix.py``). Every conv of stride above 3 is one VALID
CONV_2D with no PAD operator before it (Vela maps such a conv only without padding).
Choices the sources leave open, and ours, are marked [U].

* :func:`rednet30`: RED-Net-30 (arXiv 1603.09056) on 64 x 64 x 1: fifteen 3x3 SAME
  convs of 64 RELU, fifteen 3x3 stride-1 SAME TRANSPOSE_CONVs (fourteen of 64, the
  last to 1 channel), seven skip ADDs (RELU fused) from convs 14, 12, ..., 2 onto
  transposed convs 1, 3, ..., 13; ``[1, 64, 64, 1]``. 37 ops.
* :func:`vgg_m`: VGG-M (arXiv 1405.3531, Table 1) at 224: conv 96 7x7/2 VALID RELU
  (109), max pool 3x3/2 VALID (54), PAD 1, conv 256 5x5/2 VALID RELU (26), max pool
  3x3/2 SAME (13), three convs 512 3x3 SAME RELU (13), max pool 3x3/2 VALID (6),
  RESHAPE, FC 4096 RELU, FC 4096 RELU, FC 1000, SOFTMAX. 14 ops.
* :func:`vgg_f`: VGG-F (same table) at 224: conv 64 11x11/4 VALID RELU (54), max
  pool 3x3/2 SAME (27), conv 256 5x5 SAME RELU (27), max pool 3x3/2 VALID (13),
  three convs 256 3x3 SAME RELU (13), max pool 3x3/2 VALID (6), RESHAPE, FC 4096
  RELU, FC 4096 RELU, FC 1000, SOFTMAX. 13 ops.
* :func:`char_cnn_large`: the large character-level CNN (arXiv 1509.01626, Tables 1
  and 2) on 1,014 characters of a 70-letter alphabet laid out as ``[1, 1, 1014,
  70]``: six VALID 1-D convs of 1,024 (kernels 7, 7, 3, 3, 3, 3) RELU, 1x3 max pools
  of stride 3 after the 1st, 2nd and 6th (34 frames), RESHAPE to 34,816, FC 2048
  RELU, FC 2048 RELU, FC 4, SOFTMAX. 14 ops. Built by :func:`char_cnn` at the large
  widths (the small ones: :func:`jaxeff.gnn.heldout_nets_xli.char_cnn_small`).

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc

__all__ = ["char_cnn", "char_cnn_large", "rednet30", "vgg_f", "vgg_m"]


# -- Mao, Shen & Yang: RED-Net-30

#: RED-Net-30 (arXiv 1603.09056): convs (and transposed convs) per half, their width,
#: the kernel, the skip period (every two layers), the output channels
REDNET_LAYERS, REDNET_WIDTH, REDNET_K, REDNET_SKIP, REDNET_OUT = 15, 64, 3, 2, 1


def rednet30(b: NetBuilder, x: int) -> int:
    """RED-Net-30 on ``x`` (``[1, 64, 64, 1]``: a grey-level patch); returns the
    restored image ``[1, 64, 64, 1]``.

    Mao, Shen & Yang, "Image Restoration Using Very Deep Convolutional Encoder-Decoder
    Networks with Symmetric Skip Connections", NIPS 2016, arXiv 1603.09056 (recalled):
    15 convolutional and 15 deconvolutional layers, 3x3 kernels, 64 feature maps,
    ReLU; skip connections every two layers from a convolutional layer to its
    mirrored deconvolutional layer, the two added element-wise and passed through a
    ReLU; the convs unpadded and the deconvs restoring the size. Here: convs 1-15
    3x3 SAME RELU (1 -> 64, then 64 -> 64); TRANSPOSE_CONVs 1-15 3x3 stride 1 SAME
    (64 -> 64, the 15th 64 -> 1); transposed conv j (j = 1, 3, ..., 13) linear, its
    output ADDed (RELU fused) to conv 15 - j's output (the map of the same depth from
    the other end: convs 14, 12, ..., 2); transposed convs 2, 4, ..., 14 RELU fused;
    the 15th linear. Every map 64 x 64. This graph counts 4,232,577,024 MACs (conv 1
    and transposed conv 15 2,359,296 each; 28 layers 64 -> 64 of 150,994,944) and
    1,035,201 parameters (640 + 28 x 36,928 + 577; by hand in the test). Published:
    no count in the paper.

    [U] the input size (64 x 64 x 1); SAME padding (the paper pads no conv and lets
    the deconvs restore the size; SAME keeps every map 64 x 64, the same layer
    shapes give the same weights); the skips' placement (as above: the first skip
    from conv 14 onto transposed conv 1, none from the input, no global residual);
    the transposed convs receiving a skip linear with the RELU after the ADD; the
    last transposed conv linear; stride 1 throughout (the restoration networks); conv
    and transposed-conv biases.
    """
    skips = []
    for i in range(1, REDNET_LAYERS + 1):
        x = b.conv(x, REDNET_WIDTH, REDNET_K, 1, "RELU")
        if i % REDNET_SKIP == 0:
            skips.append(x)
    for j in range(1, REDNET_LAYERS + 1):
        last = j == REDNET_LAYERS
        skip = j % REDNET_SKIP == 1 and not last
        x = b.transpose_conv(x, REDNET_OUT if last else REDNET_WIDTH, REDNET_K, 1,
                             "NONE" if skip or last else "RELU")
        if skip:
            x = b.add(x, skips.pop(), "RELU")
    return x


# -- Chatfield, Simonyan, Vedaldi & Zisserman: VGG-M and VGG-F

#: VGG-M (arXiv 1405.3531, Table 1): (filters, kernel, stride, padding) of the five
#: convs, the PAD before a conv (index: rows), the max pools (index: padding), the FCs
VGG_M_CONVS = ((96, 7, 2, "VALID"), (256, 5, 2, "VALID"), (512, 3, 1, "SAME"),
               (512, 3, 1, "SAME"), (512, 3, 1, "SAME"))
VGG_M_PADS = {1: 1}
VGG_M_POOLS = {0: "VALID", 1: "SAME", 4: "VALID"}
#: VGG-F (same table): as VGG-M
VGG_F_CONVS = ((64, 11, 4, "VALID"), (256, 5, 1, "SAME"), (256, 3, 1, "SAME"),
               (256, 3, 1, "SAME"), (256, 3, 1, "SAME"))
VGG_F_PADS: dict[int, int] = {}
VGG_F_POOLS = {0: "SAME", 1: "VALID", 4: "VALID"}
VGG_FC = (4096, 4096)


def _vgg_cs(b: NetBuilder, x: int, convs, pads, pools, classes: int) -> int:
    """The CNN-F / M layout: ``convs`` with RELU fused, a PAD of ``pads[i]`` before
    conv i, a 3x3/2 max pool of padding ``pools[i]`` after it, the flatten head."""
    for i, (c, k, s, pad) in enumerate(convs):
        if i in pads:
            x = b.pad(x, ((0, 0), (pads[i],) * 2, (pads[i],) * 2, (0, 0)))
        x = b.conv(x, c, k, s, "RELU", pad)
        if i in pools:
            x = b.pool(x, "max", 3, 2, pools[i])
    return _flatten_fc(b, x, tuple((w, "RELU") for w in VGG_FC), classes)


def vgg_m(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VGG-M (CNN-M) on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Chatfield, Simonyan, Vedaldi & Zisserman, "Return of the Devil in the Details:
    Delving Deep into Convolutional Nets", BMVC 2014, arXiv 1405.3531 (Table 1,
    recalled): conv1 96 x 7 x 7, st. 2, pad 0, LRN, x2 pool; conv2 256 x 5 x 5, st. 2,
    pad 1, LRN, x2 pool; conv3, conv4, conv5 512 x 3 x 3, st. 1, pad 1, x2 pool after
    conv5; full6 4096 dropout, full7 4096 dropout, full8 1000 softmax. Here: conv 96
    7x7/2 VALID RELU (-> 109), max pool 3x3/2 VALID (-> 54), PAD 1 on H and W (56),
    conv 256 5x5/2 VALID RELU (-> 26), max pool 3x3/2 SAME (-> 13), convs 512 3x3
    SAME RELU (13), max pool 3x3/2 VALID (-> 6), RESHAPE to 18,432, FC 4096 RELU, FC
    4096 RELU, FC ``classes``, SOFTMAX: the sizes 109, 54, 26, 13, 13, 13, 6 of the
    Caffe model. This graph counts 1,676,172,320 MACs (convs 167,664,672, 415,334,400,
    199,360,512, 398,721,024, 398,721,024; FCs 75,497,472, 16,777,216, 4,096,000)
    and 102,908,520 parameters (by hand in the test). Published: no count in the
    paper.

    [U] no local response normalisation; the pools 3x3 of stride 2 (the table's "x2
    pool"); conv 2's pad of 1 as one explicit PAD then VALID (neither a VALID, 25,
    nor a SAME, 27, 5x5/2 conv on 54 gives the table's 26); the pool after conv 2
    SAME (Caffe's ceil-mode 13; VALID gives 12); NHWC flatten; dropout left out.
    """
    return _vgg_cs(b, x, VGG_M_CONVS, VGG_M_PADS, VGG_M_POOLS, classes)


def vgg_f(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VGG-F (CNN-F) on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Chatfield et al., arXiv 1405.3531 (Table 1, recalled): conv1 64 x 11 x 11, st. 4,
    pad 0, LRN, x2 pool; conv2 256 x 5 x 5, st. 1, pad 2, LRN, x2 pool; conv3, conv4,
    conv5 256 x 3 x 3, st. 1, pad 1, x2 pool after conv5; full6 4096, full7 4096,
    full8 1000 softmax. Here: conv 64 11x11/4 VALID RELU (-> 54; one CONV_2D, no
    PAD), max pool 3x3/2 SAME (-> 27), conv 256 5x5 SAME RELU (27), max pool 3x3/2
    VALID (-> 13), convs 256 3x3 SAME RELU (13), max pool 3x3/2 VALID (-> 6), RESHAPE
    to 9,216, FC 4096 RELU, FC 4096 RELU, FC ``classes``, SOFTMAX. This graph counts
    724,005,632 MACs (convs 67,744,512, 298,598,400, three of 99,680,256; FCs
    37,748,736, 16,777,216, 4,096,000) and 60,834,536 parameters (by hand in the
    test). Published: no count in the paper.

    [U] no local response normalisation; the pools 3x3 of stride 2; the pool after
    conv 1 SAME (Caffe's ceil-mode 27; VALID gives 26); conv 2's pad of 2 and the
    3x3 convs' pad of 1 as SAME (the same sizes); NHWC flatten; dropout left out.
    """
    return _vgg_cs(b, x, VGG_F_CONVS, VGG_F_PADS, VGG_F_POOLS, classes)


# -- Zhang, Zhao & LeCun: character-level CNN, large

#: the large Char-CNN (arXiv 1509.01626, Tables 1-2): the input length and alphabet,
#: the convs' features and taps, the convs followed by a max pool of 3 (stride 3),
#: the FCs
CHAR_CNN_LEN, CHAR_CNN_ALPHABET, CHAR_CNN_WIDTH = 1014, 70, 1024
CHAR_CNN_TAPS = (7, 7, 3, 3, 3, 3)
CHAR_CNN_POOLED, CHAR_CNN_POOL = (0, 1, 5), 3
CHAR_CNN_FC = (2048, 2048)


def char_cnn_large(b: NetBuilder, x: int, classes: int = 4) -> int:
    """The large character-level CNN on ``x`` (``[1, 1, 1014, 70]``: 1,014 one-hot
    characters along W); returns the SOFTMAX output ``[1, classes]``.

    Zhang, Zhao & LeCun, "Character-level Convolutional Networks for Text
    Classification", NIPS 2015, arXiv 1509.01626 (Tables 1 and 2, recalled): an input
    of 1,014 characters quantised over a 70-character alphabet; six temporal convs of
    1,024 features (large), kernels 7, 7, 3, 3, 3, 3, pools of 3 after layers 1, 2
    and 6, ReLU; the frame length after them (1014 - 96) / 27 = 34; FCs of 2,048,
    2,048 (dropout 0.5) and one per class. Here: six 1xk VALID convs of 1,024 RELU
    (1014 -> 1008 -> 336 -> 330 -> 110 -> 108 -> 106 -> 104 -> 102 -> 34 frames),
    1x3 max pools of stride 3 VALID, RESHAPE to 34,816, FC 2048 RELU (71.3 M
    weights), FC 2048 RELU, FC ``classes``, SOFTMAX. This graph counts 4,324,696,064
    MACs (convs 505,774,080, 2,422,210,560, 339,738,624, 333,447,168, 327,155,712,
    320,864,256; FCs 71,303,168, 4,194,304, 8,192) and 95,940,612 parameters (by
    hand in the test). Published: no count in the paper.

    [U] the layout (characters along W, the alphabet as 70 input channels, kernel
    height 1); 4 classes (AG News); RELU fused; NHWC flatten (frame-major); SOFTMAX
    (as the other classifiers); dropout left out.
    """
    return char_cnn(b, x, CHAR_CNN_WIDTH, CHAR_CNN_FC, classes)


def char_cnn(b: NetBuilder, x: int, width: int, fc: tuple[int, ...],
             classes: int = 4) -> int:
    """The character-level CNN of arXiv 1509.01626 (Table 1) at conv ``width``
    (1,024 large, 256 small) and FC widths ``fc`` ((2048, 2048) large, (1024, 1024)
    small) on ``x`` (``[1, 1, 1014, 70]``): six 1xk VALID convs RELU (kernels
    :data:`CHAR_CNN_TAPS`), 1x3 max pools of stride 3 after convs 1, 2 and 6, the
    flatten head (FCs RELU, FC ``classes``, SOFTMAX)."""
    for i, k in enumerate(CHAR_CNN_TAPS):
        x = b.conv(x, width, (1, k), 1, "RELU", "VALID")
        if i in CHAR_CNN_POOLED:
            x = b.pool(x, "max", (1, CHAR_CNN_POOL), (1, CHAR_CNN_POOL))
    return _flatten_fc(b, x, tuple((w, "RELU") for w in fc), classes)
