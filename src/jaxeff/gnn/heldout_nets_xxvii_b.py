"""Held-out families XXVII, part b (session 26, pre-registered before being built;
issue 22): four small microcontroller models (gesture, ECG, keyword spotting,
centroid detection).

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout left out at inference). Test
models only: no training space draws them. Choices the sources leave open are marked
[U]. A 1-D conv over ``T`` samples is a CONV_2D with kernel height 1 on a
``[1, 1, T, C]`` map; a Keras ``Flatten`` is a RESHAPE to ``[1, N]``.

* :func:`magic_wand`: the TensorFlow Lite Micro magic-wand gesture model (Warden &
  Situnayake, "TinyML", O'Reilly 2019, chapter 11; the TFLM ``magic_wand`` example)
  on 128 accelerometer samples x 3 axes: conv 8 4x3 RELU, max pool 3x3, conv 16
  4x1 RELU, max pool 3x1, RESHAPE, FC 16 RELU, FC 4, SOFTMAX. 8 ops: 2 CONV_2D,
  2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`ecg_cnn`: the ECG heartbeat classifier of Kachuee et al. ("ECG Heartbeat
  Classification: A Deep Transferable Representation", arXiv 1805.00794, IEEE ICHI
  2018) on 187 samples: 1-D conv 32 k5, five residual blocks (two k5 convs of 32,
  ADD, RELU, max pool k5/2), RESHAPE, FC 32 RELU, FC 32, FC 5, SOFTMAX. 26 ops:
  11 CONV_2D, 5 ADD, 5 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`fomo_mnv2`: Edge Impulse FOMO ("Faster Objects, More Objects", Edge Impulse
  documentation and blog, 2022) on MobileNet-v2 0.35 at 96: the backbone cut at
  ``block_6_expand_relu`` (1/8 resolution, 96 channels), 1x1 conv 32 RELU, 1x1 conv
  to 2 classes, SOFTMAX over the channels; a 12 x 12 x 2 heat map. 25 ops:
  15 CONV_2D, 6 DEPTHWISE_CONV_2D, 3 ADD, SOFTMAX.
* :func:`cnn_trad_fpool3`: cnn-trad-fpool3 (Sainath & Parada, "Convolutional Neural
  Networks for Small-footprint Keyword Spotting", Interspeech 2015, Table 1) on 98
  frames x 40 log-mel: conv 64 20x8 RELU, max pool 1x3 in frequency, conv 64 10x4
  RELU, RESHAPE, linear low-rank FC 32, FC 128 RELU, FC 12, SOFTMAX. 8 ops:
  2 CONV_2D, MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxvii_b.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import MOBILENET_V2, _div8

__all__ = ["cnn_trad_fpool3", "ecg_cnn", "fomo_mnv2", "magic_wand"]


def _flatten_fc(b: NetBuilder, x: int, widths: tuple[tuple[int, str], ...],
                classes: int) -> int:
    """RESHAPE ``x`` to ``[1, N]`` (Keras's ``Flatten``), one FULLY_CONNECTED per
    (width, activation) of ``widths``, an FC to ``classes``, SOFTMAX."""
    n = 1
    for s in b.shape(x)[1:]:
        n *= s
    x = b.reshape(x, (1, n))
    for w, act in widths:
        x = b.fc(x, w, act)
    return b.softmax(b.fc(x, classes))


# -- TFLM magic wand

#: the magic-wand CNN (TFLM example, recalled): (channels, kernel) of the two convs,
#: the max pools after them (window = stride), the hidden FC's width
MAGIC_WAND_CONVS = ((8, (4, 3)), (16, (4, 1)))
MAGIC_WAND_POOLS = (((3, 3), "VALID"), ((3, 1), "SAME"))
MAGIC_WAND_FC = 16


def magic_wand(b: NetBuilder, x: int, classes: int = 4) -> int:
    """The magic-wand gesture CNN on ``x`` (``[1, 128, 3, 1]``: 128 accelerometer
    samples x 3 axes); returns the SOFTMAX output ``[1, classes]`` (wing, ring, slope,
    unknown).

    Warden & Situnayake, "TinyML", O'Reilly 2019, chapter 11, and the TFLM
    ``magic_wand`` example's training script (recalled): conv 8 4x3 SAME RELU
    (128 x 3 x 8), max pool 3x3 (stride 3, VALID: 42 x 1), conv 16 4x1 SAME RELU, max
    pool 3x1 (stride 3, SAME: 14 x 1), flatten (224), FC 16 RELU, FC 4, SOFTMAX.
    This graph counts 62,016 MACs and 4,300 parameters (Keras's count of the same
    layers; no published count recalled).

    [U] the whole layer list is recalled, not read (the brief's list); the pools'
    paddings (the first VALID, the second SAME as the script, recalled); the three
    dropouts (0.1) left out (identity at inference).
    """
    for (c, k), (pk, pad) in zip(MAGIC_WAND_CONVS, MAGIC_WAND_POOLS, strict=True):
        x = b.pool(b.conv(x, c, k, 1, "RELU"), "max", pk, pk, pad)
    return _flatten_fc(b, x, ((MAGIC_WAND_FC, "RELU"),), classes)


# -- Kachuee et al. ECG CNN

#: Kachuee et al. (arXiv 1805.00794 Figure 2): conv channels and kernel, residual
#: blocks, the blocks' max pool (kernel, stride), the FC widths before the classifier
ECG_CHANNELS, ECG_KERNEL, ECG_BLOCKS = 32, 5, 5
ECG_POOL, ECG_FC = (5, 2), (32, 32)


def ecg_cnn(b: NetBuilder, x: int, classes: int = 5) -> int:
    """The ECG heartbeat CNN on ``x`` (``[1, 1, 187, 1]``: one heartbeat of 187
    samples at 125 Hz); returns the SOFTMAX output ``[1, classes]`` (the five AAMI
    classes N, S, V, F, Q).

    Kachuee, Fazeli & Sarrafzadeh, arXiv 1805.00794 (Figure 2, Section III;
    recalled): 1-D conv 32 k5; five residual blocks, each conv k5 32 RELU, conv k5 32,
    ADD of the block's input with the RELU fused, max pool k5 stride 2 (187 -> 92 ->
    44 -> 20 -> 8 -> 2 samples); flatten (64), FC 32 RELU, FC 32, FC 5, SOFTMAX. This
    graph counts 3,627,392 MACs and 55,013 parameters (no published count recalled).

    [U] SAME padding on the convs and VALID on the pools (the paper gives neither:
    the usual Keras re-implementation); the first conv without an activation (the
    figure draws none before the first block); the second FC 32 linear (the figure's
    "FC 32" before the softmax layer, read as a hidden layer followed by an FC to the
    5 classes, as the brief has it); no batch norm.
    """
    k, c = (1, ECG_KERNEL), ECG_CHANNELS
    pk, ps = ECG_POOL
    x = b.conv(x, c, k)
    for _ in range(ECG_BLOCKS):
        h = b.conv(b.conv(x, c, k, 1, "RELU"), c, k)
        x = b.pool(b.add(h, x, "RELU"), "max", (1, pk), (1, ps))
    h0, h1 = ECG_FC
    return _flatten_fc(b, x, ((h0, "RELU"), (h1, "NONE")), classes)


# -- Edge Impulse FOMO

#: FOMO's default cut: the MobileNet-v2 stages kept whole (Table 2 rows t=1 .. the
#: 32-channel stage: blocks 0-5), then block 6's 1x1 expansion (``block_6_expand_relu``)
FOMO_STAGES = 3
#: FOMO's classifier: the hidden 1x1 conv's channels
FOMO_HEAD = 32


def fomo_mnv2(b: NetBuilder, x: int, classes: int = 2, width: float = 0.35) -> int:
    """FOMO on ``x`` (``[1, 96, 96, 3]``); returns the per-cell class SOFTMAX
    ``[1, 12, 12, classes]`` (background and one object class).

    Edge Impulse, "FOMO: Object detection for constrained devices" (documentation
    and blog, 2022): MobileNet-v2 (Sandler et al., arXiv 1801.04381, Table 2) at
    ``width`` 0.35 cut at ``block_6_expand_relu``: conv 3x3/2 16 RELU6; block 0
    (depthwise 3x3 RELU6, 1x1 to 8); blocks 1-2 (1x1 to 48 RELU6, depthwise 3x3,
    stride 2 on block 1, RELU6, 1x1 to 8, ADD on block 2); blocks 3-5 (48 / 96 / 96,
    stride 2 on block 3, to 16, ADD on blocks 4-5); block 6's expansion 1x1 to 96
    RELU6 (12 x 12 x 96, the cut; 96 channels at alpha 0.35 as the documentation's
    forum answer lists); the classifier 1x1 conv 32 RELU, 1x1 conv to ``classes``,
    SOFTMAX over the channels. Widths rounded as :func:`jaxeff.gnn.heldout_nets._div8`.
    This graph counts 5,868,288 MACs and 18,138 parameters (no published count: the
    documentation gives RAM and frame rates only).

    [U] SAME padding at stride 2 (Keras's release pads explicitly, one pixel's
    alignment); 3 input channels (Edge Impulse also trains grayscale FOMO); the 1x1
    classifier convs with biases; 2 classes.
    """
    x = b.conv(x, _div8(32 * width), 3, 2, "RELU6")
    for t, c, n, stride in MOBILENET_V2[:FOMO_STAGES]:
        for j in range(n):
            h = x if t == 1 else b.conv(x, b.shape(x)[-1] * t, 1, 1, "RELU6")
            h = b.dwconv(h, 3, stride if j == 0 else 1, "RELU6")
            h = b.conv(h, _div8(c * width), 1)
            x = b.add(x, h) if b.shape(h) == b.shape(x) else h
    x = b.conv(x, b.shape(x)[-1] * MOBILENET_V2[FOMO_STAGES][0], 1, 1, "RELU6")
    x = b.conv(x, FOMO_HEAD, 1, 1, "RELU")
    return b.softmax(b.conv(x, classes, 1))


# -- cnn-trad-fpool3

#: cnn-trad-fpool3 (Interspeech 2015 Table 1): (filters, time x frequency kernel) of
#: the two convs, the frequency max pool, the low-rank linear layer, the DNN layer
CNN_TRAD_CONVS = ((64, (20, 8)), (64, (10, 4)))
CNN_TRAD_POOL, CNN_TRAD_LIN, CNN_TRAD_DNN = (1, 3), 32, 128


def cnn_trad_fpool3(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-trad-fpool3 on ``x`` (``[1, 98, 40, 1]``: 98 frames x 40 log-mel); returns
    the SOFTMAX output ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (Table 1, recalled): conv 64 filters 20x8
    (time x frequency) RELU, max pool 1x3 in frequency only, conv 64 filters 10x4
    RELU, a linear low-rank layer of 32, DNN 128 RELU, softmax. Published (Table 1 /
    Table 2, recalled) on 32 frames x 40 and 4 outputs: 244.2 K parameters and 9.7 M
    multiplies; this builder at that input (``[1, 32, 40, 1]``, ``classes=4``) counts
    9,705,984 MACs (+0.06 %: the table rounds) and 244,516 parameters (+0.1 %: the
    biases; 244,224 without them); on 98 frames and 12 classes 119,598,592 MACs and
    1,326,892 parameters (the linear layer reads 70 x 8 x 64).

    [U] VALID convs (the paper's counts need them); the pool's stride 3 (q = 3,
    non-overlapping, read as window = stride); the linear layer with a bias and no
    activation; 98 frames and 12 classes (the TF speech-commands setting, not the
    paper's 32 frames, 4 outputs); dropout left out.
    """
    (c0, k0), (c1, k1) = CNN_TRAD_CONVS
    x = b.conv(x, c0, k0, 1, "RELU", "VALID")
    x = b.pool(x, "max", CNN_TRAD_POOL, CNN_TRAD_POOL)
    x = b.conv(x, c1, k1, 1, "RELU", "VALID")
    return _flatten_fc(b, x, ((CNN_TRAD_LIN, "NONE"), (CNN_TRAD_DNN, "RELU")), classes)
