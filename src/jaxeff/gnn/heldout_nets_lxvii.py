"""Held-out families LXVII (session 41, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s41/PREREGISTERED.md`` before being built):
three independently published raw-waveform CNNs whose first convolution has a stride
above 3 and a fused activation (the domain of SRAM candidate S: Vela splits such a
conv per output pixel and runs the activation apart), the samples along W, one row.

* :func:`panns_wavegram`: the front end of the Wavegram branch of PANNs (Kong et al.
  2020) as ``panns_wavegram_32000`` on ``[1, 1, 32000, 1]`` (1 s at 32 kHz): CONV_2D
  1x11 / (1, 5) VALID RELU of 64 (6,398); three blocks of two CONV_2D 1x3 SAME RELU
  (64, 128, 128) each followed by a MAX_POOL_2D 1x4 / 4 VALID (1,599, 399, 99);
  MEAN over time, FULLY_CONNECTED 527, LOGISTIC; ``[1, 527]``. 13 ops: 7 CONV_2D, 3
  MAX_POOL_2D, MEAN, FULLY_CONNECTED, LOGISTIC.
* :func:`wavemsnet`: WaveMsNet (Zhu et al. 2018) as ``wavemsnet_44100`` on ``[1, 1,
  44100, 1]`` (1 s at 44.1 kHz): three branches, each a CONV_2D VALID RELU of 32
  (1x11 / 1, 1x51 / 5, 1x101 / 10: 44,090, 8,810, 4,400), a CONV_2D 1x11 SAME RELU
  of 32 and a MAX_POOL_2D (1x150 / 150, 1x30 / 30, 1x15 / 15) to 293 steps;
  CONCATENATION on channels (96); CONV_2D 1x3 SAME RELU of 128, MAX_POOL_2D 1x4 / 4
  (73), CONV_2D 1x3 SAME RELU of 256, MAX_POOL_2D 1x4 / 4 (18), MEAN, FULLY_CONNECTED
  50, SOFTMAX; ``[1, 50]``. 17 ops: 8 CONV_2D, 5 MAX_POOL_2D, CONCATENATION, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`dieleman_e2e`: Dieleman and Schrauwen's end-to-end music tagger (2014) as
  ``dieleman_e2e_48000`` on ``[1, 1, 48000, 1]`` (3 s at 16 kHz): the strided front
  end CONV_2D 1x256 / (1, 256) VALID RELU of 32 (187); CONV_2D 1x8 VALID RELU of 32
  (180), MAX_POOL_2D 1x4 / 4 (45); CONV_2D 1x8 VALID RELU of 32 (38), MAX_POOL_2D
  1x4 / 4 (9); RESHAPE to ``[1, 288]`` (the flatten); FULLY_CONNECTED 100 RELU,
  FULLY_CONNECTED 50, LOGISTIC; ``[1, 50]``. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D,
  RESHAPE, 2 FULLY_CONNECTED, LOGISTIC.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, batch norm folded into each conv's bias, RELU fused into
the conv or FC; every conv and FC with a bias; the int8 export of every registered
model). Stems VALID [U] (a padded stride-4+ stem does not map on Vela 5.2). Test
models: no training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxvii.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked
[U].

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["dieleman_e2e", "panns_wavegram", "wavemsnet"]


# -- PANNs Wavegram front end (Kong et al. 2020)

#: the Wavegram branch's front end (recalled; the pre-registered definition): the
#: input (1 s at 32 kHz), the stem's (filters, taps, stride), the blocks' filters
#: (two 1x3 convs each), the max pool after each block (window = stride), the
#: AudioSet classes
PANNS_LEN = 32000
PANNS_STEM = (64, 11, 5)
PANNS_BLOCKS = (64, 128, 128)
PANNS_POOL = 4
PANNS_CLASSES = 527


def panns_wavegram(b: NetBuilder, x: int) -> int:
    """The PANNs Wavegram front end on ``x`` (``[1, 1, 32000, 1]``: 1 s of 32 kHz
    audio along W, one channel); returns the LOGISTIC output ``[1, 527]``.

    Kong, Cao, Iqbal, Wang, Wang and Plumbley, "PANNs: Large-Scale Pretrained Audio
    Neural Networks for Audio Pattern Recognition", arXiv 1912.10211 (2020),
    Wavegram-CNN14 (recalled): a 1-D conv of kernel 11 and stride 5 with 64 filters
    on the waveform, then three 1-D conv blocks (two convs of kernel 3 with batch
    norm and ReLU, 64, 128, 128 channels) each followed by a max pool of 4, giving a
    wavegram that is reshaped into a 2-D map and fed to the CNN14 body; 527 AudioSet
    classes with a sigmoid. Here (the pre-registered definition): CONV_2D 64 1x11
    stride (1, 5) VALID RELU (-> ``[1, 1, 6398, 64]``: (32,000 - 11) // 5 + 1, 4
    floored); two CONV_2D 64 1x3 SAME RELU (``[1, 1, 6398, 64]``), MAX_POOL_2D 1x4 /
    (1, 4) VALID (-> 1,599; 2 floored); CONV_2D 128 and CONV_2D 128 (``[1, 1, 1599,
    128]``), pool (-> 399; 3 floored); two CONV_2D 128 (``[1, 1, 399, 128]``), pool
    (-> 99; 3 floored); MEAN over H and W (``[1, 1, 1, 128]``); FULLY_CONNECTED 527
    (linear); LOGISTIC. 13 ops: 7 CONV_2D, 3 MAX_POOL_2D, MEAN, FULLY_CONNECTED,
    LOGISTIC.

    This graph counts 318,923,264 MACs: stem 4,504,192 (6,398 x 64 x 11); block 1
    157,237,248 (2 x 78,618,624 = 6,398 x 64 x 64 x 3); block 2 117,891,072
    (39,297,024 = 1,599 x 64 x 128 x 3, 78,594,048 = 1,599 x 128 x 128 x 3); block
    3 39,223,296 (2 x 19,611,648 = 399 x 128 x 128 x 3); FC 67,456 (128 x 527). It
    has 265,999 parameters (weights and biases): stem 768; block 1 24,704 (2 x
    12,352); block 2 73,984 (24,704 + 49,280); block 3 98,560 (2 x 49,280); FC
    67,983 (by hand in the test). Published: Wavegram-CNN14's 81 M parameters hold
    the CNN14 body left out here; not pinned.

    [U] the layout (time along W, one row, one channel); the stem VALID
    (pre-registered: a padded stride-5 stem does not map on Vela 5.2); the 1x3 convs
    SAME; the pools VALID with floors; batch norms folded into the convs' biases,
    RELU fused; the reshape to a 2-D wavegram and the CNN14 body left out
    (pre-registered), MEAN over time as the head's pooling; the FC linear before a
    standalone LOGISTIC; dropout left out (inference).
    """
    c0, k0, s0 = PANNS_STEM
    x = b.conv(x, c0, (1, k0), (1, s0), "RELU", "VALID")
    for c in PANNS_BLOCKS:
        for _ in range(2):
            x = b.conv(x, c, (1, 3), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, PANNS_POOL), (1, PANNS_POOL))
    return b.act(b.fc(b.mean(x), PANNS_CLASSES), "LOGISTIC")


# -- WaveMsNet (Zhu et al. 2018)

#: WaveMsNet (recalled; the pre-registered definition): the input (1 s at 44.1 kHz
#: [U]), per branch the first conv's (taps, stride) and the max pool (window =
#: stride) that brings it to 293 steps [U], the branches' filters and second conv's
#: taps, the convs after the CONCATENATION (each followed by a max pool of 4), the
#: ESC-50 classes
WMS_LEN = 44100
WMS_BRANCHES = ((11, 1, 150), (51, 5, 30), (101, 10, 15))
WMS_FILTERS, WMS_K2 = 32, 11
WMS_BACK = (128, 256)
WMS_POOL = 4
WMS_CLASSES = 50


def wavemsnet(b: NetBuilder, x: int) -> int:
    """WaveMsNet on ``x`` (``[1, 1, 44100, 1]``: 1 s of 44.1 kHz audio along W, one
    channel); returns the SOFTMAX output ``[1, 50]``.

    Zhu, Fan, Ye, Ding and Zhao, "Learning environmental sounds with multi-scale
    convolutional neural network", arXiv 1803.10219 (2018) (recalled): a
    multi-scale front end of three parallel 1-D conv branches on the waveform with
    short, middle and long kernels and strides, each followed by a second conv and a
    max pool to one common frame rate; the three branches concatenated on channels
    into a 2-D backbone; environmental sound classes (ESC-50). Here (the
    pre-registered definition): branch 1: CONV_2D 32 1x11 / (1, 1) VALID RELU (->
    ``[1, 1, 44090, 32]``), CONV_2D 32 1x11 SAME RELU, MAX_POOL_2D 1x150 / (1, 150)
    VALID (-> 293: 44,090 = 150 x 293 + 140, floored); branch 2: CONV_2D 32 1x51 / (1,
    5) VALID RELU (-> 8,810: (44,100 - 51) // 5 + 1, 4 floored), CONV_2D 32 1x11 SAME
    RELU, MAX_POOL_2D 1x30 / 30 (-> 293: 8,810 = 30 x 293 + 20); branch 3: CONV_2D 32
    1x101 / (1, 10) VALID RELU (-> 4,400: (44,100 - 101) // 10 + 1, 9 floored),
    CONV_2D 32 1x11 SAME RELU, MAX_POOL_2D 1x15 / 15 (-> 293: 4,400 = 15 x 293 + 5);
    CONCATENATION on channels (``[1, 1, 293, 96]``); CONV_2D 128 1x3 SAME RELU,
    MAX_POOL_2D 1x4 / 4 (-> 73; 1 floored); CONV_2D 256 1x3 SAME RELU, MAX_POOL_2D
    1x4 / 4 (-> 18; 1 floored); MEAN over H and W (``[1, 1, 1, 256]``);
    FULLY_CONNECTED 50 (linear); SOFTMAX. 17 ops: 8 CONV_2D, 5 MAX_POOL_2D,
    CONCATENATION, MEAN, FULLY_CONNECTED, SOFTMAX.

    This graph counts 707,535,744 MACs: branch 1 512,149,440 (15,519,680 = 44,090 x
    32 x 11, 496,629,760 = 44,090 x 32 x 32 x 11); branch 2 113,613,760 (14,377,920 =
    8,810 x 32 x 51, 99,235,840 = 8,810 x 32 x 32 x 11); branch 3 63,782,400
    (14,220,800 = 4,400 x 32 x 101, 49,561,600 = 4,400 x 32 x 32 x 11); backbone
    17,977,344 (10,801,152 = 293 x 96 x 128 x 3, 7,176,192 = 73 x 128 x 256 x 3); FC
    12,800 (256 x 50). It has 187,602 parameters (weights and biases): branches
    11,680 (384 + 11,296), 12,960 (1,664 + 11,296) and 14,560 (3,264 + 11,296);
    backbone 135,552 (36,992 + 98,560); FC 12,850 (by hand in the test). Published:
    the paper's parameter count holds its 2-D backbone, replaced here; not pinned.

    [U] 1 s at 44.1 kHz; the layout (time along W, one row, one channel); the first
    convs VALID (pre-registered); the second convs SAME; the pools' sizes chosen so
    that the three lengths agree at 293 (pre-registered), VALID with floors; the
    branches in graph order (each branch's three ops, then the next); the 2-D
    backbone replaced by two 1x3 SAME RELU convs of 128 and 256 each with a max pool
    of 4 (pre-registered); batch norms folded, RELU fused; MEAN as the global pool;
    the FC linear before a standalone SOFTMAX; dropout left out (inference).
    """
    outs = []
    for k, s, p in WMS_BRANCHES:
        y = b.conv(x, WMS_FILTERS, (1, k), (1, s), "RELU", "VALID")
        y = b.conv(y, WMS_FILTERS, (1, WMS_K2), 1, "RELU", "SAME")
        outs.append(b.pool(y, "max", (1, p), (1, p)))
    x = b.concat(outs, -1)
    for c in WMS_BACK:
        x = b.conv(x, c, (1, 3), 1, "RELU", "SAME")
        x = b.pool(x, "max", (1, WMS_POOL), (1, WMS_POOL))
    return b.softmax(b.fc(b.mean(x), WMS_CLASSES))


# -- Dieleman and Schrauwen 2014

#: the end-to-end music tagger (recalled; the pre-registered definition): the input
#: (3 s at 16 kHz [U]), the strided front end's (filters [U], taps, stride), the
#: later convs' (filters, taps) [U] each followed by a max pool of 4 [U], the hidden
#: FC, the tags (MagnaTagATune's top 50)
DIEL_LEN = 48000
DIEL_STEM = (32, 256, 256)
DIEL_CONVS = ((32, 8), (32, 8))
DIEL_POOL = 4
DIEL_HIDDEN, DIEL_TAGS = 100, 50


def dieleman_e2e(b: NetBuilder, x: int) -> int:
    """Dieleman and Schrauwen's end-to-end tagger on ``x`` (``[1, 1, 48000, 1]``: 3 s
    of 16 kHz audio along W, one channel); returns the LOGISTIC output ``[1, 50]``.

    Dieleman and Schrauwen, "End-to-end learning for music audio", ICASSP 2014
    (recalled): a strided 1-D convolution on the raw audio (window and stride 256,
    the learned analogue of a spectrogram's frames) with a nonlinearity, then two
    1-D conv layers of 32 filters of length 8 with max pooling of 4, a fully
    connected layer of 100 and 50 sigmoid outputs (MagnaTagATune's top tags). Here
    (the pre-registered definition): CONV_2D 32 1x256 stride (1, 256) VALID RELU (->
    ``[1, 1, 187, 32]``: (48,000 - 256) // 256 + 1, 128 samples floored); CONV_2D 32
    1x8 VALID RELU (-> 180), MAX_POOL_2D 1x4 / (1, 4) VALID (-> 45, exact); CONV_2D
    32 1x8 VALID RELU (-> 38), MAX_POOL_2D 1x4 / 4 (-> 9; 2 floored); RESHAPE to
    ``[1, 288]`` (9 x 32, the flatten); FULLY_CONNECTED 100 RELU; FULLY_CONNECTED 50
    (linear); LOGISTIC. 9 ops: 3 CONV_2D, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED,
    LOGISTIC.

    This graph counts 3,351,560 MACs: stem 1,531,904 (187 x 1 x 32 x 256); convs
    1,474,560 (180 x 32 x 32 x 8) and 311,296 (38 x 32 x 32 x 8); FCs 28,800 (288 x
    100) and 5,000 (100 x 50). It has 58,622 parameters (weights and biases): 8,224
    (32 x 256 + 32) for each of the three convs, FCs 28,900 and 5,050 (by hand in the
    test). Published: no count recalled precisely enough; not pinned.

    [U] 3 s at 16 kHz; the front end's 32 filters and RELU (pre-registered); the
    later convs' sizes, VALID, and their pools (pre-registered); the layout (time
    along W, one row, one channel); batch norm folded (absent at inference), RELU
    fused into the convs and the FC 100; the flatten a RESHAPE in NHWC order (as
    the registered Ronao and Yildirim models); the last FC linear before a
    standalone LOGISTIC; biases on every conv and FC; dropout left out (inference).
    """
    c0, k0, s0 = DIEL_STEM
    x = b.conv(x, c0, (1, k0), (1, s0), "RELU", "VALID")
    for c, k in DIEL_CONVS:
        x = b.conv(x, c, (1, k), 1, "RELU", "VALID")
        x = b.pool(x, "max", (1, DIEL_POOL), (1, DIEL_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    x = b.fc(x, DIEL_HIDDEN, "RELU")
    return b.act(b.fc(x, DIEL_TAGS), "LOGISTIC")
