"""Held-out families XXVIII, part a (session 27, pre-registered before being built;
issue 22): six small published speech models, four of TensorFlow's
``speech_commands`` tutorial and two of Sainath & Parada's keyword spotters, plus
Edge Impulse's default 1-D keyword-spotting CNN.

Six published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, dropout
left out at inference). Test models: the ``tiny`` training space
(:mod:`jaxeff.gnn.spaces_tiny`, session 27's rule K) as revised before any training
(PREREGISTERED.md s27, addendum 1) draws none of them in its exact configuration. Its
first version drew :func:`low_latency_conv` and :func:`single_fc` exactly, which these
helpers' overlap check found; the revision dropped the whole-axis kernel, the 186 / 94
filters and the flat 1,960 input. ``tiny`` also strides 1 or 2 only (here 8 and 4),
has no kernel height 21, square VALID pools only (here 2x3 and SAME 1 x 2) and no flat
650 input; the ``kws`` space's ``cnn`` kind has 10x4 kernels only and its ``dnn`` kind
two to four hidden RELU FCs. Choices the sources leave open are marked [U]. As in
:mod:`jaxeff.gnn.heldout_nets_xxvii_b`, a 1-D conv over ``T`` frames is a CONV_2D
with kernel height 1 on a ``[1, 1, T, C]`` map (what the TFLite converter writes for a
Keras ``Conv1D``, less its EXPAND_DIMS / RESHAPE pair); a flatten is a RESHAPE to
``[1, N]``.

* :func:`low_latency_conv`: ``speech_commands`` ``low_latency_conv`` (Warden, arXiv
  1804.03209) on 49 frames x 40: conv 186 49x8 VALID RELU, RESHAPE, FC 128, FC 128
  (both linear), FC 12, SOFTMAX. 6 ops: CONV_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`tiny_embedding_conv`: ``speech_commands`` ``tiny_embedding_conv`` on 49 x
  40: conv 8 10x8/2 SAME RELU, conv 8 10x8/8 SAME RELU, RESHAPE, FC 12, SOFTMAX.
  5 ops: 2 CONV_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
* :func:`single_fc`: ``speech_commands`` ``single_fc`` on the flat 1960-value
  fingerprint: FC 12, SOFTMAX. 2 ops.
* :func:`cnn_one_fstride4`: cnn-one-fstride4 (Sainath & Parada, Interspeech 2015,
  Table 4) on 32 frames x 40 log-mel: conv 186 32x8 stride 1x4 VALID RELU, RESHAPE,
  linear FC 128, FC 128 RELU, FC 12, SOFTMAX. 6 ops: CONV_2D, RESHAPE,
  3 FULLY_CONNECTED, SOFTMAX.
* :func:`cnn_tpool2`: cnn-tpool2 (the same paper, Table 5) on 32 x 40: conv 94 21x8
  RELU, max pool 2x3, conv 94 6x4 RELU, RESHAPE, linear FC 32, FC 128 RELU, FC 12,
  SOFTMAX. 8 ops: 2 CONV_2D, MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`ei_kws_conv1d`: Edge Impulse's default keyword-spotting 1-D CNN on 650 MFCC
  values (50 frames x 13): RESHAPE, conv 8 k3 SAME RELU, max pool 2 SAME, conv 16 k3
  SAME RELU, max pool 2 SAME, RESHAPE, FC 4, SOFTMAX. 8 ops: 2 RESHAPE, 2 CONV_2D,
  2 MAX_POOL_2D, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxviii.py``.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["cnn_one_fstride4", "cnn_tpool2", "ei_kws_conv1d", "low_latency_conv",
           "single_fc", "tiny_embedding_conv"]


def _flatten_fc(b: NetBuilder, x: int, widths: tuple[tuple[int, str], ...],
                classes: int) -> int:
    """RESHAPE ``x`` to ``[1, N]`` (TF's reshape / Keras's Flatten), one
    FULLY_CONNECTED per (width, activation) of ``widths``, an FC to ``classes``
    (linear), SOFTMAX."""
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for w, act in widths:
        x = b.fc(x, w, act)
    return b.softmax(b.fc(x, classes))


# -- TensorFlow speech_commands: low_latency_conv

#: ``low_latency_conv`` (TF ``speech_commands/models.py``, recalled): the conv's
#: filters, width in frequency (its height is the whole time axis), stride; the FCs
LOW_LATENCY_FILTERS, LOW_LATENCY_WIDTH, LOW_LATENCY_FC = 186, 8, (128, 128)


def low_latency_conv(b: NetBuilder, x: int, classes: int = 12) -> int:
    """``low_latency_conv`` on ``x`` (``[1, T, 40, 1]``, here T = 49 frames of 40
    filterbank channels); returns the SOFTMAX output ``[1, classes]``.

    Warden, "Speech Commands", arXiv 1804.03209, and TensorFlow's ``speech_commands``
    ``models.py`` ``create_low_latency_conv_model`` (recalled; its docstring calls it
    "roughly" cnn-one-fstride4): one conv of 186 filters spanning the whole time axis
    (T x 8), stride 1 x 1, VALID, with a bias and RELU (49 x 40 -> 1 x 33 x 186),
    dropout (left out), reshape to 6,138, FC 128 and FC 128, both with a bias and no
    activation (the script's MatMul + BiasAdd, dropout between), FC ``classes``,
    SOFTMAX (``freeze.py``'s ``labels_softmax``). This graph counts 3,209,680 MACs
    (conv 2,406,096 = 33 x 186 x 392; FCs 785,664 + 16,384 + 1,536) and 876,950
    parameters (73,098 + 785,792 + 16,512 + 1,548); no published count recalled.

    [U] 49 frames (the 20 ms stride of ``micro_speech``; the script's default 10 ms
    stride gives 98, and a 98 x 8 filter); 12 classes (ten words, silence, unknown);
    the input as the ``[1, 49, 40, 1]`` map (the script reshapes a flat ``[1, 1960]``
    fingerprint first: one RESHAPE left out, as ``tiny_conv`` of
    :mod:`jaxeff.gnn.heldout_nets_xxvii`); frequency stride 1 (the script's, not the
    paper's 4).
    """
    t = b.shape(x)[1]
    x = b.conv(x, LOW_LATENCY_FILTERS, (t, LOW_LATENCY_WIDTH), 1, "RELU", "VALID")
    return _flatten_fc(b, x, tuple((w, "NONE") for w in LOW_LATENCY_FC), classes)


# -- TensorFlow speech_commands: tiny_embedding_conv

#: ``tiny_embedding_conv`` (``models.py``, recalled): (filters, kernel (time,
#: frequency), stride) of its two SAME convs
TINY_EMBEDDING_CONVS = ((8, (10, 8), 2), (8, (10, 8), 8))


def tiny_embedding_conv(b: NetBuilder, x: int, classes: int = 12) -> int:
    """``tiny_embedding_conv`` on ``x`` (``[1, 49, 40, 1]``); returns the SOFTMAX
    output ``[1, classes]``.

    TensorFlow's ``speech_commands`` ``models.py`` ``create_tiny_embedding_conv_model``
    (recalled): conv 8 filters 10 x 8 stride 2 x 2 SAME with a bias and RELU (49 x 40
    -> 25 x 20 x 8), dropout (left out), conv 8 filters 10 x 8 stride 8 x 8 SAME with
    a bias and RELU (-> 4 x 3 x 8), dropout, reshape to 96, FC ``classes`` with a
    bias, SOFTMAX. This graph counts 382,592 MACs (320,000 + 61,440 + 1,152) and 6,940
    parameters (648 + 5,128 + 1,164); no published count recalled.

    [U] 49 frames and 12 classes (as :func:`low_latency_conv`); the input as the
    ``[1, 49, 40, 1]`` map (the script's flat fingerprint's RESHAPE left out); a
    CONV_2D for the first conv (the converter may write a one-channel conv as a
    DEPTHWISE_CONV_2D of depth multiplier 8, as ``tiny_conv``'s).
    """
    for c, k, s in TINY_EMBEDDING_CONVS:
        x = b.conv(x, c, k, s, "RELU")
    return _flatten_fc(b, x, (), classes)


# -- TensorFlow speech_commands: single_fc


def single_fc(b: NetBuilder, x: int, classes: int = 12) -> int:
    """``single_fc`` on ``x`` (``[1, 1960]``: the flat fingerprint of 49 frames x 40
    channels); returns the SOFTMAX output ``[1, classes]``.

    TensorFlow's ``speech_commands`` ``models.py`` ``create_single_fc_model``
    (recalled; "useful for sanity testing"): one MatMul + BiasAdd from the flat
    fingerprint to the labels, then ``freeze.py``'s SOFTMAX. This graph counts 23,520
    MACs and 23,532 parameters; no published count.

    [U] 49 x 40 (1,960 values) and 12 classes (as :func:`low_latency_conv`); the
    input flat, as the script feeds it (no RESHAPE).
    """
    return b.softmax(b.fc(x, classes))


# -- Sainath & Parada: cnn-one-fstride4

#: cnn-one-fstride4 (Interspeech 2015 Table 4): filters, (time, frequency) kernel
#: height (the whole context) by 8, (time, frequency) stride; the linear low-rank
#: layer; the DNN layer
CNN_ONE_FILTERS, CNN_ONE_WIDTH, CNN_ONE_STRIDE = 186, 8, (1, 4)
CNN_ONE_LIN, CNN_ONE_DNN = 128, 128


def cnn_one_fstride4(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-one-fstride4 on ``x`` (``[1, 32, 40, 1]``: 23 left, 8 right context frames
    and the current one, 40 log-mel); returns the SOFTMAX output ``[1, classes]``.

    Sainath & Parada, "Convolutional Neural Networks for Small-footprint Keyword
    Spotting", Interspeech 2015 (Table 4, recalled): one conv layer of n = 186 maps
    whose filter spans the whole time context (m = 32) by r = 8 in frequency, stride
    s = 1 in time and v = 4 in frequency, RELU (32 x 40 -> 1 x 9 x 186); a linear
    low-rank layer of 128; a DNN layer of 128 RELU; softmax. This graph counts
    660,736 MACs (conv 428,544 = 9 x 47,616; FCs 214,272 + 16,384 + 1,536) and
    280,262 parameters (47,802 + 214,400 + 16,512 + 1,548). Published (Table 4,
    recalled, uncertain): the conv layer's 47.6 K parameters and 428.5 K
    multiplies (this graph's, to the rounding, without the 186 biases).

    [U] VALID (the paper's counts need it); 12 classes (the TF speech-commands
    setting; the paper has 4 outputs: two keywords, "ok google" and "filler"; with
    4, 659,712 MACs and 279,230 parameters); the linear layer with a bias and no
    activation; dropout left out.
    """
    x = b.conv(x, CNN_ONE_FILTERS, (b.shape(x)[1], CNN_ONE_WIDTH), CNN_ONE_STRIDE,
               "RELU", "VALID")
    return _flatten_fc(b, x, ((CNN_ONE_LIN, "NONE"), (CNN_ONE_DNN, "RELU")), classes)


# -- Sainath & Parada: cnn-tpool2

#: cnn-tpool2 (Interspeech 2015 Table 5): (filters, (time, frequency) kernel) of
#: the two convs, the max pool after the first (p = 2 in time, q = 3 in frequency),
#: the linear low-rank layer, the DNN layer
CNN_TPOOL2_CONVS = ((94, (21, 8)), (94, (6, 4)))
CNN_TPOOL2_POOL, CNN_TPOOL2_LIN, CNN_TPOOL2_DNN = (2, 3), 32, 128


def cnn_tpool2(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-tpool2 on ``x`` (``[1, 32, 40, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (Table 5, recalled): conv n = 94 maps of m x r
    = 21 x 8 (time x frequency) RELU (32 x 40 -> 12 x 33 x 94), max pool p x q = 2 x 3
    (-> 6 x 11 x 94), conv 94 maps of 6 x 4 RELU (-> 1 x 8 x 94), a linear low-rank
    layer of 32, a DNN layer of 128 RELU, softmax. This graph counts 7,979,840 MACs
    (6,253,632 + 1,696,512 + 24,064 + 4,096 + 1,536) and 257,912 parameters (15,886 +
    212,158 + 24,096 + 4,224 + 1,548); on the paper's 4 outputs 7,978,816 MACs and
    256,880 parameters (256,528 without the biases; the paper kept cnn-tpool2 near
    cnn-trad-fpool3's budget, 244.2 K parameters and 9.7 M multiplies, recalled: no
    count of its own recalled).

    [U] VALID convs (as cnn-trad-fpool3 in
    :mod:`jaxeff.gnn.heldout_nets_xxvii_b`); the pool's stride equal to its window
    (non-overlapping, VALID); 12 classes; the linear layer with a bias and no
    activation; dropout left out.
    """
    (c0, k0), (c1, k1) = CNN_TPOOL2_CONVS
    x = b.conv(x, c0, k0, 1, "RELU", "VALID")
    x = b.pool(x, "max", CNN_TPOOL2_POOL, CNN_TPOOL2_POOL)
    x = b.conv(x, c1, k1, 1, "RELU", "VALID")
    return _flatten_fc(b, x, ((CNN_TPOOL2_LIN, "NONE"), (CNN_TPOOL2_DNN, "RELU")),
                       classes)


# -- Edge Impulse keyword spotting: the default 1-D conv

#: Edge Impulse's default KWS classifier (recalled): MFCC coefficients a frame, the
#: (filters, taps) of its two 1-D convs, the max pool (window = stride)
EI_COEFFS, EI_CONVS, EI_POOL = 13, ((8, 3), (16, 3)), 2


def ei_kws_conv1d(b: NetBuilder, x: int, classes: int = 4) -> int:
    """Edge Impulse's default keyword-spotting 1-D CNN on ``x`` (``[1, 650]``: 50
    frames x 13 MFCC coefficients, one second at a 20 ms frame stride); returns the
    SOFTMAX output ``[1, classes]``.

    Edge Impulse Studio's default "1D convolutional" classifier for audio (MFCC)
    (documentation and the Studio's generated Keras code, recalled): Reshape to (50,
    13); Conv1D 8 k3 SAME RELU; MaxPooling1D 2 (stride 2, SAME); Dropout 0.25 (left
    out); Conv1D 16 k3 SAME RELU; MaxPooling1D 2 SAME; Dropout; Flatten (208); Dense
    ``classes`` SOFTMAX. Here the Conv1Ds are CONV_2D with 1 x 3 kernels on a ``[1, 1,
    50, 13]`` map (module doc), the pools 1 x 2 (50 -> 25 -> 13). This graph counts
    26,032 MACs (15,600 + 9,600 + 832) and 1,556 parameters (320 + 400 + 836); no
    published count recalled.

    [U] 4 classes (e.g. two keywords, noise, unknown); the layer list recalled, not
    read; one RESHAPE straight to ``[1, 1, 50, 13]`` (the converter writes a RESHAPE
    to (50, 13) and an EXPAND_DIMS or RESHAPE before each Conv1D); the pools with SAME
    padding (Edge Impulse's, recalled: 25 -> 13, VALID would give 12).
    """
    x = b.reshape(x, (1, 1, b.shape(x)[-1] // EI_COEFFS, EI_COEFFS))
    for c, k in EI_CONVS:
        x = b.conv(x, c, (1, k), 1, "RELU")
        x = b.pool(x, "max", (1, EI_POOL), (1, EI_POOL), "SAME")
    return _flatten_fc(b, x, (), classes)
