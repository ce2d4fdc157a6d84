"""Held-out families XL, part b (session 33, pre-registered in section 1 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
two raw-waveform audio front ends (Conv-TasNet's encoder and one TCN repeat, Demucs's
first four encoder blocks), a character-level text classifier (VDCNN-9) and a plain
image classifier (PreAct ResNet-18 on CIFAR).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the networks of
:mod:`jaxeff.gnn.heldout_nets_xxxix` (float32, seeded weights, every conv with a bias,
dropout left out at inference, RELU fused where it follows a conv). The three 1-D
models lay their sequence out along W (``[1, 1, T, C]``, as
:func:`jaxeff.gnn.heldout_nets_xxxviii_b.wav2vec_encoder` and
:func:`jaxeff.gnn.heldout_nets_xxxix.char_cnn_large`) and every 1-D conv is a CONV_2D
(or DEPTHWISE_CONV_2D) of kernel height 1. Every conv of stride above 3 is one VALID
CONV_2D with no PAD operator before it (Vela maps such a conv only without padding).
Test models: no training space draws any of them in its exact configuration
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_xl_b.py``).
Choices the sources leave open, and ours, are marked [U].

* :func:`conv_tasnet_enc`: Conv-TasNet (arXiv 1809.07454; N = 512, L = 16, B = 128,
  H = 512, P = 3, X = 8) on 8,000 samples: conv 512 1x16 stride (1, 8) VALID RELU
  (999 frames), 1x1 conv to 128, eight 1-D conv blocks (1x1 to 512, PRELU, 1x3
  depthwise dilated 1 ... 128 SAME, PRELU, 1x1 to 128, residual ADD), PRELU, 1x1 conv
  to 1,024, LOGISTIC, SPLIT into two masks, each MULtiplied with the encoder output;
  two outputs ``[1, 1, 999, 512]``. 56 ops.
* :func:`demucs_encoder`: Demucs's encoder (arXiv 1911.13254), its first four
  blocks, on 4,096 stereo samples: per block a 1x8 VALID conv of stride (1, 4) to C
  RELU, a 1x1 conv to 2C, GLU (SPLIT, LOGISTIC, MUL); C = 64, 128, 256, 512 (1023,
  254, 62, 14 frames); ``[1, 1, 14, 512]``. 20 ops.
* :func:`vdcnn9`: VDCNN of depth 9 (arXiv 1606.01781, Table 2) on the 16-wide
  embedding of 1,024 characters: a 1x3 conv of 64, four conv blocks (two 1x3 convs
  RELU each) of 64, 128, 256, 512 with 1x3 max pools of stride 2 SAME between them,
  a 1x16 max pool of stride 16 (8 positions), RESHAPE to 4,096, FC 2048 RELU, FC
  2048 RELU, FC 4, SOFTMAX. 18 ops.
* :func:`preact_resnet18_cifar`: PreAct ResNet-18 (arXiv 1603.05027) on 32 x 32 x 3:
  a 3x3 conv of 64, four stages of two pre-activation basic blocks (64, 128, 256,
  512), each pre-activation batch norm on a block's input a per-channel MUL and ADD
  (RELU fused), the one between the two convs folded into the first (RELU fused),
  1x1 stride-2 projections, the final batch norm + ReLU as MUL and ADD, MEAN, FC 10,
  SOFTMAX. 49 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["conv_tasnet_enc", "demucs_encoder", "preact_resnet18_cifar", "vdcnn9"]


# -- Luo & Mesgarani: Conv-TasNet

#: Conv-TasNet's hyper-parameters (arXiv 1809.07454, Table 1 notation): encoder
#: filters N, their length L (stride L / 2), bottleneck B, block channels H, the
#: depthwise kernel P, the blocks of one repeat X (dilations 1, 2, ..., 2^(X - 1)),
#: the speakers (masks)
TASNET_N, TASNET_L, TASNET_B, TASNET_H, TASNET_P, TASNET_X = 512, 16, 128, 512, 3, 8
TASNET_SPEAKERS = 2


def conv_tasnet_enc(b: NetBuilder, x: int) -> tuple[int, int]:
    """Conv-TasNet's encoder, one TCN repeat and the mask head on ``x`` (``[1, 1,
    8000, 1]``: 1 s of 8 kHz audio along W); returns the two masked encoder outputs
    ``[1, 1, 999, 512]`` (one per speaker).

    Luo & Mesgarani, "Conv-TasNet: Surpassing Ideal Time-Frequency Magnitude Masking
    for Speech Separation", IEEE/ACM TASLP 27(8), 2019, arXiv 1809.07454 (Sections
    II-A - II-D, Fig. 1, recalled): an encoder of N = 512 filters of L = 16 samples
    with 50 % overlap (stride 8) and ReLU; a separation module of a layer
    normalisation, a 1x1 conv to B = 128 (bottleneck), R repeats of X = 8 1-D conv
    blocks with dilations 1, 2, ..., 128, each a 1x1 conv to H = 512, PReLU, norm, a
    depthwise conv of P = 3 taps (dilated), PReLU, norm, a 1x1 conv back to B (the
    residual path, ADDed to the block's input) and a second 1x1 conv (the skip path);
    then PReLU, a 1x1 conv to N x C masks (C = 2 speakers), sigmoid; each mask
    multiplied with the encoder output; a transposed-conv decoder (16 / 8) back to
    the waveform. Here: conv 512 1x16 stride (1, 8) VALID RELU ((8000 - 16) / 8 + 1 =
    999 frames), 1x1 conv to 128 (linear), eight blocks of 1x1 conv 128 -> 512
    (linear), PRELU, DEPTHWISE_CONV_2D 1x3 dilation (1, d) SAME (linear), PRELU, 1x1
    conv 512 -> 128 (linear), ADD of the block's input; PRELU (128), 1x1 conv to 1,024
    (linear), LOGISTIC, SPLIT of the channels into two 512s, two MULs with the
    encoder's output. This graph counts 1,264,398,336 MACs (encoder 8,183,808;
    bottleneck 65,470,464; per block 65,470,464 + 1,534,464 + 65,470,464; mask conv
    130,940,928) and 1,284,864 parameters (8,704 + 65,664 + 8 x (66,048 + 512 + 2,048
    + 512 + 65,664) + 128 + 132,096; by hand in the test). Published: 5.1 M
    parameters for the whole separator (R = 3, with skip paths and the decoder,
    recalled), not comparable; not pinned.

    [U] one repeat (R = 1; the brief's "one TCN repeat"); the normalisations (the
    global layer norms of the separator) folded: their per-sample statistics left
    out, their affine part taken into the next conv; the skip-connection paths left
    out (the mask head reads the last block's residual output instead of the skip
    sum); the PReLU before the mask conv kept; the masks' sigmoid as one LOGISTIC on
    the 1,024 channels, then one SPLIT (speaker 1 the first 512); the decoder (a
    stride-8 transposed conv, which Vela does not run on the NPU) left out, so the
    outputs are the masked representations; the layout (time along W, kernel height
    1; 1 s); VALID encoder without PAD (the paper's unpadded frames; 999 of them);
    SAME for the dilated depthwise convs (the paper's zero padding keeps the length);
    biases on every conv (NetBuilder's); one PReLU slope per channel.
    """
    enc = b.conv(x, TASNET_N, (1, TASNET_L), (1, TASNET_L // 2), "RELU", "VALID")
    y = b.conv(enc, TASNET_B, 1)
    for i in range(TASNET_X):
        h = b.act(b.conv(y, TASNET_H, 1), "PRELU")
        h = b.act(b.dwconv(h, (1, TASNET_P), dilation=(1, 2 ** i)), "PRELU")
        y = b.add(b.conv(h, TASNET_B, 1), y)
    m = b.act(b.conv(b.act(y, "PRELU"), TASNET_N * TASNET_SPEAKERS, 1), "LOGISTIC")
    masks = b.split(m, TASNET_SPEAKERS)
    return tuple(b.mul(mask, enc) for mask in masks)


# -- Defossez et al.: Demucs

#: Demucs's encoder (arXiv 1911.13254, Section 3 and Fig. 2): the blocks' widths
#: (C_1 = 64, doubling), the strided conv's kernel and stride
DEMUCS_WIDTHS, DEMUCS_K, DEMUCS_S = (64, 128, 256, 512), 8, 4


def demucs_encoder(b: NetBuilder, x: int) -> int:
    """Demucs's first four encoder blocks on ``x`` (``[1, 1, 4096, 2]``: 4,096 stereo
    samples along W); returns the fourth block's output ``[1, 1, 14, 512]``.

    Defossez, Usunier, Bottou & Bach, "Music Source Separation in the Waveform
    Domain", arXiv 1911.13254 (Section 3, Fig. 2, recalled): a U-Net over the stereo
    waveform; encoder block i is a 1-D conv of kernel 8 and stride 4 from C_{i-1} to
    C_i channels with ReLU, then a 1x1 conv to 2 C_i and a GLU (the first half of
    the channels times the sigmoid of the second); C_0 = 2 (stereo), C_1 = 64 and
    doubling; six blocks, a BiLSTM and a mirrored decoder. Here four blocks: conv C
    1x8 stride (1, 4) VALID RELU, 1x1 conv to 2C (linear), SPLIT of the channels in
    halves a, b, LOGISTIC of b, MUL a x sigmoid(b); 4096 -> 1023 -> 254 -> 62 -> 14
    frames at 64, 128, 256, 512 channels. This graph counts 80,796,672 MACs (convs
    1,047,552, 16,646,144, 16,252,928, 14,680,064; 1x1 convs 8,380,416, 8,323,072,
    8,126,464, 7,340,032) and 2,076,480 parameters (1,088 + 8,320 + 65,664 + 33,024 +
    262,400 + 131,584 + 1,049,088 + 525,312; by hand in the test). Published: no
    count for these blocks alone; not pinned.

    [U] the input length (4,096 samples; the model pads its input to a valid length,
    left out here) and the depth (four of the six blocks; no LSTM, no decoder); VALID
    convs without PAD (the paper's unpadded convs); the layout (time along W, kernel
    height 1); GLU as SPLIT, LOGISTIC, MUL (the gate the second half); the rescaled
    initialisation irrelevant (seeded weights).
    """
    for c in DEMUCS_WIDTHS:
        x = b.conv(x, c, (1, DEMUCS_K), (1, DEMUCS_S), "RELU", "VALID")
        a, gate = b.split(b.conv(x, 2 * c, 1), 2)
        x = b.mul(a, b.act(gate, "LOGISTIC"))
    return x


# -- Conneau, Schwenk, Barrault & LeCun: VDCNN

#: VDCNN (arXiv 1606.01781, Fig. 1 and Table 2): the characters, the embedding
#: width, the first conv's width, the stages' widths, the conv layers per stage at
#: depth 9 (one conv block of two), the taps, the pool (3 taps, stride 2), k of the
#: k-max pooling, the FCs
VDCNN_LEN, VDCNN_EMBED, VDCNN_STEM = 1024, 16, 64
VDCNN_WIDTHS, VDCNN_STAGE_CONVS, VDCNN_TAPS = (64, 128, 256, 512), 2, 3
VDCNN_POOL, VDCNN_POOL_STRIDE, VDCNN_KMAX = 3, 2, 8
VDCNN_FC = (2048, 2048)


def vdcnn9(b: NetBuilder, x: int, classes: int = 4) -> int:
    """VDCNN of depth 9 on ``x`` (``[1, 1, 1024, 16]``: the 16-wide character
    embeddings of 1,024 characters along W); returns the SOFTMAX output ``[1,
    classes]``.

    Conneau, Schwenk, Barrault & LeCun, "Very Deep Convolutional Networks for Text
    Classification", EACL 2017, arXiv 1606.01781 (Section 3, Fig. 1, Table 2,
    recalled): a lookup table of 16-dimensional character embeddings over 1,024
    characters; a temporal conv of 3 taps and 64 features; conv blocks (two temporal
    convs of 3 taps, each followed by batch norm and ReLU) at 64, 128, 256 and 512
    features, a pooling of 3 taps and stride 2 halving the length (max pooling the
    best of the paper's options) between the stages, the features doubling there;
    k-max pooling (k = 8); FCs of 2,048, 2,048 (ReLU) and one per class. The depth
    counts conv layers: Table 2 gives per stage 2, 2, 2, 2 conv layers at depth 9
    (4, 4, 4, 4 at 17; 10, 10, 4, 4 at 29; 16, 16, 10, 6 at 49), i.e. one block per
    stage here, and with the first conv 1 + 2 + 2 + 2 + 2 = 9 (the FCs not counted).
    Here: conv 64 1x3 SAME (linear), two convs 64 1x3 SAME RELU, max pool 1x3 stride
    (1, 2) SAME (512), two convs 128, pool (256), two convs 256, pool (128), two convs
    512, max pool 1x16 stride (1, 16) VALID (8 positions), RESHAPE to 4,096, FC 2048
    RELU, FC 2048 RELU, FC ``classes``, SOFTMAX. This graph counts 305,143,808 MACs
    (convs 3,145,728, 12,582,912, 12,582,912, 12,582,912, 25,165,824, 25,165,824,
    50,331,648, 50,331,648, 100,663,296; FCs 8,388,608, 4,194,304, 8,192) and
    14,173,124 parameters (convs 1,577,920, FCs 12,595,204; by hand in the test).
    Published: no count in the paper.

    [U] the lookup table left out (the input is the embedded map); the layout
    (characters along W, the embedding as 16 input channels, kernel height 1); the
    first conv linear (the figure shows no ReLU after it); the batch norms folded
    into the convs (RELU fused); no shortcuts (the paper's depth-9 model without);
    the pools SAME (1,024 -> 512 -> 256 -> 128); k-max pooling (k = 8) replaced by a
    max pool of 16 taps and stride 16 over the 128 positions (the maximum of each
    eighth, in order, not the 8 largest); 4 classes (AG News); NHWC flatten
    (position-major); SOFTMAX (as the other classifiers).
    """
    x = b.conv(x, VDCNN_STEM, (1, VDCNN_TAPS))
    for i, c in enumerate(VDCNN_WIDTHS):
        if i:
            x = b.pool(x, "max", (1, VDCNN_POOL), (1, VDCNN_POOL_STRIDE), "SAME")
        for _ in range(VDCNN_STAGE_CONVS):
            x = b.conv(x, c, (1, VDCNN_TAPS), 1, "RELU")
    w = b.shape(x)[2] // VDCNN_KMAX
    x = b.pool(x, "max", (1, w), (1, w))
    return _flatten_fc(b, x, tuple((f, "RELU") for f in VDCNN_FC), classes)


# -- He, Zhang, Ren & Sun: pre-activation ResNet-18

#: PreAct ResNet-18 for CIFAR: the stem's width, the stages' widths, the blocks per
#: stage
PREACT_STEM, PREACT_WIDTHS, PREACT_BLOCKS = 64, (64, 128, 256, 512), 2


def preact_resnet18_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """PreAct ResNet-18 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX
    output ``[1, classes]``.

    He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks", ECCV 2016,
    arXiv 1603.05027 (Section 4, Fig. 1(b) and 4(e), recalled): the full
    pre-activation residual unit, batch norm and ReLU before each conv and nothing
    after the addition; on ResNet-18's layout (arXiv 1512.03385, Table 1) at CIFAR
    scale: a 3x3 conv of 64, stages of two basic units at 64, 128, 256, 512 (stride
    2 at the first unit of stages 2-4 with a 1x1 projection shortcut there), a final
    batch norm and ReLU, global average pool, FC 10. Here: conv 64 3x3 SAME (linear);
    per unit: the input's batch norm + ReLU as MUL by a per-channel scale and ADD of a
    per-channel shift with RELU fused (:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`),
    conv 3x3 (stride s) with the second batch norm folded and RELU fused, conv 3x3
    (linear), the shortcut (the identity of the unit's input, or a 1x1 conv of stride
    2 on the pre-activated input), ADD (no activation); final MUL + ADD RELU, MEAN,
    FC ``classes``, SOFTMAX. 49 ops: 20 CONV_2D, 9 MUL, 17 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX. This graph counts 555,422,720 MACs (stem 1,769,472;
    stage 1 four of 37,748,736; stages 2-4 each 18,874,368 + three of 37,748,736 +
    2,097,152 (projection); FC 5,120) and 11,173,130 parameters (11,169,162 weights
    and biases, 3,968 scales and shifts of the 9 unfolded batch norms; by hand in
    the test). Published: no count for the CIFAR ResNet-18 in the paper.

    [U] a batch norm that precedes a conv and reads a map that the identity shortcut
    (or, for the first unit, the stem) also reads cannot fold (the shortcut needs the
    unnormalised map; an ADD output has no weights to fold into): it is a MUL + ADD
    with RELU fused, as the TFLite converter lowers it; the batch norm between a
    unit's two convs folds into the first (RELU fused); the projection shortcut on
    the pre-activated input (the activation before the split into the two paths, as
    the paper is recalled to do where a unit changes shape), the identity shortcut on
    the raw input; ResNet-18's widths on CIFAR
    (64-512 at 32 x 32; the paper's CIFAR nets are narrower and deeper); SAME padding;
    the stem with no batch norm after it (the first unit's does it); MEAN as the
    global pool; SOFTMAX (as the other classifiers); biases on every conv.
    """
    x = b.conv(x, PREACT_STEM, 3)
    for i, c in enumerate(PREACT_WIDTHS):
        for j in range(PREACT_BLOCKS):
            s = 2 if i and not j else 1
            a = bn_relu(b, x)
            h = b.conv(b.conv(a, c, 3, s, "RELU"), c, 3)
            x = b.add(h, b.conv(a, c, 1, s) if s == 2 else x)
    x = b.mean(bn_relu(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
