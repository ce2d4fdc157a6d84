"""Held-out families XLII, part E (session 33, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
three audio networks on long 1 x W maps, a voice-activity detector on MFCC frames
(MarbleNet 3x2x64) and two raw-waveform environmental-sound classifiers (EnvNet-v2,
the 16,000-sample 1-D CNN of Abdoli et al.).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the 1-D networks of
:mod:`jaxeff.gnn.heldout_nets_xli` and :mod:`jaxeff.gnn.heldout_nets_xli_b`
(float32, seeded weights, every conv with a bias, batch norms folded into the convs,
dropout left out at inference, RELU fused where it follows a conv or an FC): each
lays its sequence out along W (``[1, 1, T, C]``) and every 1-D conv is a CONV_2D (or
DEPTHWISE_CONV_2D) of kernel height 1; every conv has a stride of at most 3 (no conv
Vela splits per output pixel) and no PAD precedes a strided conv. Test models: no
training space draws any of them in its exact configuration (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_xlii.py``). Written from the
papers' definitions as recalled; no code was read. Choices the sources leave open,
and ours, are marked [U].

* :func:`marblenet_3x2x64`: MarbleNet 3x2x64 (Jia, Majumdar & Ginsburg, arXiv
  2010.13886) on 64 MFCC x 64 frames: the graph of
  :func:`jaxeff.gnn.heldout_nets_xxix.matchboxnet_3x2x64` with a stride-1 prologue
  (separable 1x11 to 128), three blocks of two separable sub-blocks (1x13, 1x15, 1x17
  depthwise, 1x1 to 64) and a 1x1 residual ADDed with RELU, the epilogue (separable
  1x29 dilated 2 to 128, 1x1 128, 1x1 to 2), MEAN, SOFTMAX. 26 ops.
* :func:`envnet_v2`: EnvNet-v2 (Tokozume, Ushiku & Harada, arXiv 1711.10282) on
  66,650 samples: 1x64 / 2 and 1x16 / 2 VALID convs of 32 and 64 RELU, a 1x64 / 64
  max pool (260 frames), a TRANSPOSE of the 64 channels into the height (``[1, 64,
  260, 1]``), two 8x8 VALID convs of 32, a 5x3 / (5, 3) max pool, pairs of 1x4, 1x2,
  1x2 VALID convs of 64, 128, 256 each with a 1x2 / 2 max pool, RESHAPE to 20,480,
  FC 4096 RELU, FC 4096 RELU, FC 50, SOFTMAX. 21 ops.
* :func:`abdoli_esc`: the end-to-end 1-D CNN of Abdoli, Cardinal & Koerich (arXiv
  1904.08990) on 16,000 samples: VALID stride-2 convs of 16 / 64 taps, 32 / 32, 64 /
  16 and 128 / 8 RELU, 1x8 / 8 max pools after the first two (7,969 -> 996, 483 ->
  60 frames; 23 and 8 after the last two), RESHAPE to 1,024, FC 64 RELU, FC 10,
  SOFTMAX. 10 ops.

[U], every model: the layout (time along W, the MFCC or the one audio channel as the
channels, kernel height 1); batch norms folded into the conv biases; dropout left
out; every conv and FC with a bias.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxix import matchboxnet_3x2x64

__all__ = ["abdoli_esc", "envnet_v2", "marblenet_3x2x64"]


# -- Jia, Majumdar & Ginsburg: MarbleNet

#: MarbleNet 3x2x64 (arXiv 2010.13886, Table 1): the classes (speech, background)
#: and the prologue's stride (the kernels, widths, sub-blocks, dilation and epilogue
#: are MatchboxNet 3x2x64's, :mod:`jaxeff.gnn.heldout_nets_xxvi_d`)
MARBLENET_CLASSES, MARBLENET_STRIDE = 2, 1


def marblenet_3x2x64(b: NetBuilder, x: int, classes: int = MARBLENET_CLASSES) -> int:
    """MarbleNet 3x2x64 on ``x`` (``[1, 1, 64, 64]``: 64 frames of 64 MFCC, time
    along W); returns the SOFTMAX output ``[1, classes]`` (speech, background).

    Jia, Majumdar & Ginsburg, "MarbleNet: Deep 1D Time-Channel Separable
    Convolutional Neural Network for Voice Activity Detection", ICASSP 2021, arXiv
    2010.13886 (Section 2, Fig. 1, Table 1, recalled): MatchboxNet's architecture
    (B x R x C = 3 x 2 x 64) for frame-segment speech / non-speech classification of
    0.63 s segments of 64 MFCC; prologue Conv1 a time-channel separable conv (1-D
    depthwise over time, pointwise over channels) of kernel 11 to 128, batch norm,
    ReLU; blocks B1-B3 of kernels 13, 15, 17 and 64 channels, each two sub-blocks of
    separable conv, batch norm, ReLU, the residual (pointwise conv and batch norm of
    the block input) added before the last sub-block's ReLU; epilogue Conv2
    separable kernel 29, dilation 2, 128 channels, Conv3 kernel 1 to 128, Conv4
    kernel 1 to the classes; about 88 K parameters. Here:
    :func:`jaxeff.gnn.heldout_nets_xxix.matchboxnet_3x2x64` with the prologue of
    stride 1 and ``classes`` outputs: DEPTHWISE_CONV_2D 1x11 SAME, 1x1 conv to 128
    RELU; per block DEPTHWISE_CONV_2D 1xK, 1x1 conv to 64 RELU, DEPTHWISE_CONV_2D
    1xK, 1x1 conv to 64 (linear), a 1x1 conv of the block input to 64 (linear), ADD
    with RELU fused; DEPTHWISE_CONV_2D 1x29 dilation (1, 2), 1x1 conv to 128 RELU,
    1x1 conv to 128 RELU, 1x1 conv to ``classes`` (linear), MEAN over the 64 frames,
    SOFTMAX; every map 64 frames. 26 ops: 13 CONV_2D, 8 DEPTHWISE_CONV_2D, 3 ADD,
    MEAN, SOFTMAX. This graph counts 5,582,848 MACs (depthwise 585,728, pointwise
    4,997,120) and 88,770 parameters (by hand in the test). Published (Table 1,
    recalled): 88 K parameters (+0.9 %; as the release is recalled to hold them, no
    conv biases and a batch norm's scale and shift on the 960 pointwise channels
    outside the decoder, 89,154: +1.3 %). No published MAC count pinned.

    [U] 64 frames (0.63 s at a 10 ms hop is 63 frames; 64 as pre-registered); the
    prologue's stride 1 (no stride in the table as recalled; the frames kept); 2
    classes; the decoder a global average pool (MEAN) of the 1x1 conv's output and a
    SOFTMAX (one label a segment; the release pools, then applies a linear layer:
    the same map, both linear); SAME padding over time; the depthwise convs linear
    with a bias (NetBuilder's; the release's have none, its one batch norm after the
    pointwise conv, folded into it); the rest as
    :func:`jaxeff.gnn.heldout_nets_xxix.matchboxnet_3x2x64`.
    """
    return matchboxnet_3x2x64(b, x, classes, prologue_stride=MARBLENET_STRIDE)


# -- Tokozume, Ushiku & Harada: EnvNet-v2

#: EnvNet-v2 (arXiv 1711.10282, the EnvNet-v2 table): the two 1-D convs on the raw
#: waveform (filters, taps, stride) and the max pool after them (window = stride)
ENVNET2_RAW = ((32, 64, 2), (64, 16, 2))
ENVNET2_RAW_POOL = 64
#: the 2-D part after the axes swap: (filters, kernel (h, w)) of each conv pair and
#: the max pool (window = stride) after the pair
ENVNET2_PAIRS = ((32, (8, 8), (5, 3)), (64, (1, 4), (1, 2)), (128, (1, 2), (1, 2)),
                 (256, (1, 2), (1, 2)))
#: the hidden FCs and the classes (ESC-50)
ENVNET2_FC, ENVNET2_CLASSES = (4096, 4096), 50


def envnet_v2(b: NetBuilder, x: int, classes: int = ENVNET2_CLASSES) -> int:
    """EnvNet-v2 on ``x`` (``[1, 1, 66650, 1]``: 66,650 raw samples along W);
    returns the SOFTMAX output ``[1, classes]``.

    Tokozume, Ushiku & Harada, "Learning from Between-class Examples for Deep Sound
    Recognition", ICLR 2018, arXiv 1711.10282 (the EnvNet-v2 configuration table,
    recalled): an input of 66,650 samples (about 1.5 s at 44.1 kHz); conv1 32 filters
    of (1, 64), stride (1, 2); conv2 64 of (1, 16), stride (1, 2); pool2 max (1, 64),
    stride (1, 64); the axes swapped (the 64 channels become the height, one
    channel); conv3 and conv4 32 of (8, 8); pool4 max (5, 3), stride (5, 3); conv5 and
    conv6 64 of (1, 4); pool6 max (1, 2); conv7 and conv8 128 of (1, 2); pool8 max (1,
    2); conv9 and conv10 256 of (1, 2); pool10 max (1, 2); fc11 and fc12 4,096
    (dropout 0.5); fc13 to the 50 classes of ESC-50; ReLU after every conv and the
    hidden FCs, batch norm on the convs. Here: conv 32 1x64 stride (1, 2) VALID RELU
    (33,294 frames), conv 64 1x16 stride (1, 2) VALID RELU (16,640), max pool 1x64 /
    64 (260), TRANSPOSE perm (0, 3, 2, 1) (``[1, 1, 260, 64] -> [1, 64, 260, 1]``),
    convs 32 8x8 VALID RELU (57 x 253, 50 x 246), max pool 5x3 / (5, 3) (10 x 82),
    convs 64 1x4 (10 x 79, 10 x 76), max pool 1x2 / 2 (10 x 38), convs 128 1x2 (37,
    36), pool (18), convs 256 1x2 (17, 16), pool (10 x 8 x 256), RESHAPE to 20,480,
    FC 4096 RELU, FC 4096 RELU, FC ``classes``, SOFTMAX. 21 ops: 10 CONV_2D, 5
    MAX_POOL_2D, TRANSPOSE, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. This graph counts
    1,618,835,456 MACs (convs 68,186,112, 545,259,520, 29,534,208, 806,092,800,
    6,471,680, 12,451,840, 6,062,080, 11,796,480, 11,141,120, 20,971,520; FCs
    83,886,080, 16,777,216, 204,800) and 101,250,130 parameters (convs 373,792, FCs
    100,876,338; by hand in the test). Published: no count recalled.

    [U] VALID padding throughout (the sizes the table is recalled to give: 260 frames
    after pool2, 10 x 8 x 256 before fc11); the axes swap as a TRANSPOSE (NetBuilder
    has one; a RESHAPE would not move the data); batch norm on every conv folded into
    its bias, none on the FCs; the flatten of the 10 x 8 x 256 map a RESHAPE in NHWC
    order (frame-major; the original is channel-major: the same FC up to a
    permutation of its weights); SOFTMAX; 50 classes (ESC-50).
    """
    for c, k, s in ENVNET2_RAW:
        x = b.conv(x, c, (1, k), (1, s), "RELU", "VALID")
    x = b.pool(x, "max", (1, ENVNET2_RAW_POOL), (1, ENVNET2_RAW_POOL))
    x = b.transpose(x, (0, 3, 2, 1))
    for c, k, p in ENVNET2_PAIRS:
        for _ in range(2):
            x = b.conv(x, c, k, 1, "RELU", "VALID")
        x = b.pool(x, "max", p, p)
    return _flat_fc_head(b, x, ENVNET2_FC, classes)


def _flat_fc_head(b: NetBuilder, x: int, hidden: tuple[int, ...], classes: int) -> int:
    """RESHAPE ``x`` to ``[1, H W C]``, hidden FCs RELU, an FC to ``classes``,
    SOFTMAX."""
    _, h, w, c = b.shape(x)
    x = b.reshape(x, (1, h * w * c))
    for n in hidden:
        x = b.fc(x, n, "RELU")
    return b.softmax(b.fc(x, classes))


# -- Abdoli, Cardinal & Koerich: end-to-end 1-D CNN for environmental sounds

#: the 16,000-sample model (arXiv 1904.08990, Section 3, its layer table): (filters,
#: taps) of the four stride-2 convs, the max pools' window (= stride) after convs 1
#: and 2, the hidden FC and the classes (UrbanSound8K)
ABDOLI_CONVS = ((16, 64), (32, 32), (64, 16), (128, 8))
ABDOLI_STRIDE, ABDOLI_POOL, ABDOLI_POOLED = 2, 8, (0, 1)
ABDOLI_FC, ABDOLI_CLASSES = (64,), 10


def abdoli_esc(b: NetBuilder, x: int, classes: int = ABDOLI_CLASSES) -> int:
    """The end-to-end 1-D environmental-sound CNN on ``x`` (``[1, 1, 16000, 1]``:
    16,000 raw samples along W); returns the SOFTMAX output ``[1, classes]``.

    Abdoli, Cardinal & Koerich, "End-to-End Environmental Sound Classification using
    a 1D Convolutional Neural Network", Expert Systems with Applications 136, 2019,
    arXiv 1904.08990 (Section 3, the architecture table for a 16,000-sample input,
    recalled): 1 s of audio at 16 kHz; conv1 16 filters of 64 taps, stride 2; pool1
    max 8, stride 8; conv2 32 of 32, stride 2; pool2 max 8 / 8; conv3 64 of 16,
    stride 2; conv4 128 of 8, stride 2; batch norm and ReLU after each conv; fully
    connected layers (dropout 0.5) and a softmax over the 10 classes of UrbanSound8K.
    Here: conv 16 1x64 stride (1, 2) VALID RELU (7,969 frames), max pool 1x8 / 8
    (996), conv 32 1x32 / 2 (483), max pool 1x8 / 8 (60), conv 64 1x16 / 2 (23), conv
    128 1x8 / 2 (8), RESHAPE to 1,024, FC 64 RELU, FC ``classes``, SOFTMAX. 10 ops: 4
    CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX. This graph counts
    17,417,856 MACs (convs 8,160,256, 7,913,472, 753,664, 524,288; FCs 65,536, 640)
    and 182,202 parameters (convs 115,952, FCs 66,250; by hand in the test).
    Published: no count pinned.

    [U] the hidden FCs: one FC of 64 RELU as pre-registered (the paper's head is
    recalled only loosely, possibly FCs of 128 and 64); VALID padding (the frame
    counts the table is recalled to give: 7,969, 996, 483, 60, 23, 8); the flatten
    of the 8 x 128 map a RESHAPE (frame-major); the batch norms folded into the conv
    biases; SOFTMAX; 10 classes.
    """
    for i, (c, k) in enumerate(ABDOLI_CONVS):
        x = b.conv(x, c, (1, k), (1, ABDOLI_STRIDE), "RELU", "VALID")
        if i in ABDOLI_POOLED:
            x = b.pool(x, "max", (1, ABDOLI_POOL), (1, ABDOLI_POOL))
    return _flat_fc_head(b, x, ABDOLI_FC, classes)
