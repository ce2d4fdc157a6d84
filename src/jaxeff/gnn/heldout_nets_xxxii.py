"""Held-out families XXXII, part a (session 29, pre-registered before being built;
issue 22): four published signal models: WDCNN, M5, EEGNet-8,2 and the generic TCN
of Bai et al. on sequential MNIST.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias, weight norm folded into the weights, dropout left out at
inference). A 1-D signal is a ``[1, T, 1, C]`` map (time along the height, [U]), so a
k-tap conv is a ``k x 1`` CONV_2D. Test models: no training space draws any of them in
its exact configuration (each one's distinguishing values are in ``models.json``'s
overlap and pinned in ``tests/gnn/test_heldout_nets_xxxii.py``). Choices the sources
leave open are marked [U].

* :func:`wdcnn`: WDCNN (Zhang, Peng, Li, Chen & Zhang, Sensors 17(2):425, 2017) on
  2048 vibration samples: a wide 64x1/16 conv of 16, four 3x1 convs (32, 64, 64, 64),
  each conv RELU then a 2x1 max pool, flatten, FC 100 RELU, FC 10, SOFTMAX. 14 ops.
* :func:`m5`: M5 (Dai, Dai, Qu, Li & Das, ICASSP 2017, arXiv 1610.00087, Table 1) on
  32,000 samples (8 kHz): an 80x1/4 conv of 128, 4x1 max pools after each of four
  convs (128, 128, 256, 512), MEAN, FC 10, SOFTMAX. 11 ops.
* :func:`eegnet_8_2`: EEGNet-8,2 (Lawhern et al., arXiv 1611.08024, Table 2) on 64
  electrodes x 128 samples: a 1x64 conv of 8, a 64x1 depthwise conv (multiplier 2),
  ELU, 1x4 average pool, a separable conv (1x16 depthwise + 1x1 of 16), ELU, 1x8
  average pool, flatten, FC 4, SOFTMAX. 11 ops, two of them standalone ELUs.
* :func:`tcn_smnist`: the generic TCN (Bai, Kolter & Koltun, arXiv 1803.01271) for
  sequential MNIST: 784 x 1 pixels, 8 residual blocks of two dilated causal 7x1
  convs of 25 (dilations 1 ... 128; PAD on the left + VALID conv), a 1x1 conv on the
  first block's residual path, ADD + RELU, the last step's 25 features, FC 10,
  SOFTMAX. 44 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc

__all__ = ["eegnet_8_2", "m5", "tcn_smnist", "wdcnn"]


# -- WDCNN

#: WDCNN (Sensors 2017, Table 1, recalled: kernel / stride, kernels, output width,
#: padding): the convs as (filters, taps, stride, padding), a 2x1/2 max pool after
#: each; FC 100, 10 classes
WDCNN_CONVS = ((16, 64, 16, "SAME"), (32, 3, 1, "SAME"), (64, 3, 1, "SAME"),
               (64, 3, 1, "SAME"), (64, 3, 1, "VALID"))
WDCNN_POOL, WDCNN_FC = 2, 100


def wdcnn(b: NetBuilder, x: int, classes: int = 10) -> int:
    """WDCNN on ``x`` (``[1, 2048, 1, 1]``: 2048 vibration samples along the height);
    returns the SOFTMAX output ``[1, classes]``.

    Zhang et al., "A New Deep Learning Model for Fault Diagnosis with Good Anti-Noise
    and Domain Adaptation Ability on Raw Vibration Signals", Sensors 17(2):425, 2017
    (Table 1, recalled): conv 64x1/16 of 16 with padding (2048 -> 128), pool 2x1/2
    (64); conv 3x1 of 32 padded (64), pool (32); conv 3x1 of 64 padded (32), pool
    (16); conv 3x1 of 64 padded (16), pool (8); conv 3x1 of 64 without padding (6),
    pool (3); FC 100; softmax 10. Batch norm after every conv and the FC (folded),
    RELU. The output widths of the table (128, 64, 64, 32, 32, 16, 16, 8, 6, 3) are
    matched. This graph counts 716,520 MACs (convs 131,072, 98,304, 196,608,
    196,608, 73,728; FCs 19,200, 1,000) and 53,830 parameters (1,040 + 1,568 + 6,208
    + 12,352 + 12,352 + 19,300 + 1,010); the paper's batch norms add 2 x 340 (scale
    and shift) less the folded biases. Published: no total parameter or multiply
    count recalled; not pinned.

    [U] the layout ``[1, 2048, 1, 1]`` (time along the height; no RESHAPE written);
    TF SAME for the table's "padding: yes" (the 64-tap conv pads 24 each side); the
    FC 100 RELU (batch norm + RELU as after the convs); the flatten in NHWC order (a
    Keras Flatten of ``[3, 64]``); 10 classes (the paper's CWRU setting); AdaBN and
    dropout left out (inference).
    """
    for c, k, s, pad in WDCNN_CONVS:
        x = b.conv(x, c, (k, 1), (s, 1), "RELU", pad)
        x = b.pool(x, "max", (WDCNN_POOL, 1), (WDCNN_POOL, 1))
    return _flatten_fc(b, x, ((WDCNN_FC, "RELU"),), classes)


# -- M5

#: M5 (arXiv 1610.00087, Table 1): the convs as (filters, taps, stride), a 4x1 max
#: pool after each
M5_CONVS = ((128, 80, 4), (128, 3, 1), (256, 3, 1), (512, 3, 1))
M5_POOL = 4


def m5(b: NetBuilder, x: int, classes: int = 10) -> int:
    """M5 on ``x`` (``[1, 32000, 1, 1]``: 4 s of 8 kHz audio along the height);
    returns the SOFTMAX output ``[1, classes]``.

    Dai, Dai, Qu, Li & Das, "Very Deep Convolutional Neural Networks for Raw
    Waveforms", ICASSP 2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 128], max
    pool 4x1 (output 2000 x 128); [3, 128], max pool 4x1 (500 x 128); [3, 256], max
    pool 4x1 (125 x 256); [3, 512], max pool 4x1 (31 x 512); global average pooling
    (1 x 512); softmax (the FC of 10). Batch norm after every conv (folded), RELU.
    This graph counts 278,533,120 MACs (convs 81,920,000, 98,304,000, 49,152,000,
    49,152,000; FC 5,120) and 557,066 parameters (10,368 + 49,280 + 98,560 + 393,728
    + 5,130; 556,032 without biases). Published (Table 1, recalled): 0.5 M
    parameters (this graph +11 %: the table's figure is rounded down or truncated,
    the layers it lists hold 0.56 M); the multiply count is not pinned.

    [U] the layout ``[1, 32000, 1, 1]``; SAME convs (the table's 2000 after the first
    pool needs 8000 conv outputs: VALID would give 7981) and VALID pools (125 -> 31,
    the table's); MEAN for the global average pool; the FC with a bias; 10 classes
    (UrbanSound8K).
    """
    for c, k, s in M5_CONVS:
        x = b.conv(x, c, (k, 1), (s, 1), "RELU")
        x = b.pool(x, "max", (M5_POOL, 1), (M5_POOL, 1))
    return _resnet_head(b, x, classes)


# -- EEGNet-8,2

#: EEGNet-8,2 (arXiv 1611.08024, Table 2): F1, D, F2, the temporal kernel (half the
#: 128 Hz sampling rate), the separable conv's kernel, the two average pools
EEG_F1, EEG_D, EEG_F2, EEG_K1, EEG_K2 = 8, 2, 16, 64, 16
EEG_POOLS = (4, 8)


def eegnet_8_2(b: NetBuilder, x: int, classes: int = 4) -> int:
    """EEGNet-8,2 on ``x`` (``[1, 64, 128, 1]``: C = 64 electrodes x T = 128 samples,
    the release's ``(Chans, Samples, 1)``); returns the SOFTMAX output ``[1, classes]``.

    Lawhern et al., "EEGNet: A Compact Convolutional Neural Network for EEG-based
    Brain-Computer Interfaces", arXiv 1611.08024 (Table 2, recalled, read against the
    authors' ``EEGModels.py``): Conv2D F1 = 8 of (1, 64) SAME, batch norm;
    DepthwiseConv2D (C, 1) = (64, 1) VALID, depth multiplier D = 2, batch norm, ELU,
    AveragePool2D (1, 4); SeparableConv2D F2 = 16 of (1, 16) SAME (a 1x16 depthwise
    conv, then a 1x1 conv of 16), batch norm, ELU, AveragePool2D (1, 8); Flatten
    (F2 x T / 32 = 64); Dense N = 4; softmax. This graph counts 4,342,016 MACs (conv
    4,194,304; depthwise 131,072; separable 8,192 + 8,192; FC 256) and 2,364
    parameters (520 + 1,040 + 272 + 272 + 260). Published (Table 2's per-layer
    formulas, recalled: 64 F1 + 2 F1 + C D F1 + 2 D F1 + (16 D F1 + F2 D F1) + 2 F2
    + N F2 T / 32, no bias anywhere): 2,384 (this graph -0.8 %: folded biases instead
    of the batch norms' scales and shifts, and the FC's bias).

    [U] the batch norms folded as conv biases (the first into the 1x64 conv, which
    the release writes bias-free; the separable conv's into its 1x1 conv), a bias on
    the separable depthwise conv as NetBuilder writes every conv (16 parameters the
    release lacks); ELU as a standalone ELU op (TFLite's builtin; the paper's
    activation, no RELU substitute); 4 classes (the paper's SMR / BCI IV-2a
    setting) at T = 128 (the task's 128 samples; Table 2's T is generic); the
    max-norm constraints and dropout left out (training only).
    """
    x = b.conv(x, EEG_F1, (1, EEG_K1))
    x = b.dwconv(x, (b.shape(x)[1], 1), 1, padding="VALID", mult=EEG_D)
    x = b.act(x, "ELU")
    x = b.pool(x, "avg", (1, EEG_POOLS[0]), (1, EEG_POOLS[0]))
    x = b.conv(b.dwconv(x, (1, EEG_K2)), EEG_F2, 1)
    x = b.act(x, "ELU")
    x = b.pool(x, "avg", (1, EEG_POOLS[1]), (1, EEG_POOLS[1]))
    return _flatten_fc(b, x, (), classes)


# -- TCN (Bai, Kolter & Koltun) on sequential MNIST

#: the sequential-MNIST TCN (arXiv 1803.01271; the authors' ``mnist_pixel`` settings,
#: recalled: ``--levels 8 --ksize 7 --nhid 25``): levels, kernel, channels; level i
#: is dilated by 2^i
TCN_LEVELS, TCN_K, TCN_C = 8, 7, 25


def _tcn_causal_conv(b: NetBuilder, x: int, c: int, d: int) -> int:
    """A dilated causal conv: PAD of ``(k - 1) d`` steps before the sequence, then a
    ``k x 1`` VALID conv of ``c`` dilated by ``d`` in time, RELU (the release's
    symmetric padding and Chomp1d, written as the left pad it amounts to)."""
    x = b.pad(x, [(0, 0), ((TCN_K - 1) * d, 0), (0, 0), (0, 0)])
    return b.conv(x, c, (TCN_K, 1), 1, "RELU", "VALID", (d, 1))


def tcn_smnist(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The generic TCN on ``x`` (``[1, 784, 1, 1]``: the 784 pixels of an MNIST digit
    as a sequence along the height); returns the SOFTMAX output ``[1, classes]``.

    Bai, Kolter & Koltun, "An Empirical Evaluation of Generic Convolutional and
    Recurrent Networks for Sequence Modeling", arXiv 1803.01271 (Section 3, Figure 1;
    the sequential-MNIST settings of the authors' release, recalled: 8 levels, kernel
    7, 25 hidden channels): per level i (dilation 2^i = 1 ... 128) a residual block of
    two dilated causal convs of 25 (each RELU; weight norm and dropout between), a 1x1
    conv on the residual path where the channels change (the first block's 1 -> 25),
    ADD, RELU; the last time step's 25 features, a linear layer to 10 classes, (log)
    softmax. This graph counts 51,607,050 MACs (the first block 137,200 + 3,430,000 +
    19,600; seven blocks of 2 x 3,430,000; FC 250) and 66,510 parameters (200 + 4,400
    + 50 + 7 x 8,800 + 260); the release with its weight norms' gains 66,910.
    Published (Table 1, recalled: the seq. MNIST TCN's model size "about 70 K"):
    this graph -5 %.

    [U] the layout ``[1, 784, 1, 1]``; the causal pad as an explicit PAD per conv (16
    PADs) before a VALID dilated conv; weight norm folded into the weights; the
    block's ADD with a fused RELU; the last step taken by a STRIDED_SLICE
    ``[1, 1, 1, 25]`` (no shrink mask; the FC flattens it, no RESHAPE); SOFTMAX for the
    release's log-softmax (TFLite's LOG_SOFTMAX would be one more op kind);
    dropout left out.
    """
    for i in range(TCN_LEVELS):
        d = 2 ** i
        res = x if b.shape(x)[-1] == TCN_C else b.conv(x, TCN_C, 1)
        h = _tcn_causal_conv(b, _tcn_causal_conv(b, x, TCN_C, d), TCN_C, d)
        x = b.add(h, res, "RELU")
    n, t, w, c = b.shape(x)
    x = b.strided_slice(x, (0, t - 1, 0, 0), (n, t, w, c))
    return b.softmax(b.fc(x, classes))
