"""Held-out families LXXI, part B (session 43, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-08-s43/PREREGISTERED.md`` before being built): an
image steganalysis CNN and an audio onset detector, both with few-channel stride-1
convs on 2-D maps. Built by a helper who prints only names and ``npu_full``; nothing
is chosen on them.

* :func:`xu_net`: Xu, Wu and Shi's steganalysis CNN (Xu-Net) as ``xu_net_256`` on
  ``[1, 256, 256, 1]`` (a gray image): a fixed 5x5 high-pass conv (the KV kernel) to
  one channel; group 1: CONV_2D 5x5 of 8, ABS, TANH, AVERAGE_POOL_2D 5x5 / 2; group
  2: CONV_2D 5x5 of 16, TANH, AVERAGE_POOL_2D 5x5 / 2; groups 3-5: CONV_2D 1x1 of 32,
  64 and 128 + RELU, the first two followed by AVERAGE_POOL_2D 5x5 / 2 (256 -> 128 ->
  64 -> 32 -> 16), the last by a global average pool (MEAN); FULLY_CONNECTED 2,
  SOFTMAX; ``[1, 2]``. 16 ops: 6 CONV_2D, ABS, 2 TANH, 4 AVERAGE_POOL_2D, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`schluter_onset`: Schlueter and Boeck's onset detection CNN as
  ``schluter_onset_15x80x3`` on ``[1, 15, 80, 3]`` (15 frames along H, 80 mel bands
  along W, three spectrograms of different window lengths as channels): CONV_2D 7x3
  of 10 VALID, TANH, MAX_POOL_2D 1x3 / (1, 3); CONV_2D 3x3 of 20 VALID, TANH,
  MAX_POOL_2D 1x3 / (1, 3) (``[1, 7, 8, 20]``); RESHAPE to ``[1, 1120]``,
  FULLY_CONNECTED 256, LOGISTIC, FULLY_CONNECTED 1, LOGISTIC; ``[1, 1]``. 11 ops: 2
  CONV_2D, 2 TANH, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, 2 LOGISTIC.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias; Xu-Net's high-pass conv with
fixed weights and a zero bias). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxxi_b.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
papers leave open, and ours, are marked [U]. Kept as published: nothing was changed
to make either model NPU-mappable (Xu-Net's ABS and the TANHs included).

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["KV_KERNEL", "fixed_conv", "schluter_onset", "xu_net"]


# -- Xu, Wu and Shi 2016 (Xu-Net)

#: the KV high-pass kernel of the steganalysis literature (Ker and Boehme's "KV"
#: residual filter, as recalled), times 1/12: Xu-Net's fixed preprocessing layer
KV_KERNEL = np.array([[-1, 2, -2, 2, -1],
                      [2, -6, 8, -6, 2],
                      [-2, 8, -12, 8, -2],
                      [2, -6, 8, -6, 2],
                      [-1, 2, -2, 2, -1]], np.float32) / 12.0
#: Xu-Net (recalled): the image side (ours: 256, the paper's 512 halved), the
#: filters of groups 1-5, their kernels, the average pools' window and stride and
#: the classes (cover / stego)
XU_SIDE = 256
XU_FILTERS, XU_KERNELS = (8, 16, 32, 64, 128), (5, 5, 1, 1, 1)
XU_POOL, XU_POOL_STRIDE, XU_CLASSES = 5, 2, 2


def _fixed_hpf(b: NetBuilder, x: int) -> int:
    """The fixed 5x5 high-pass CONV_2D of one channel to one (the KV kernel), SAME,
    zero bias, linear; draws nothing from ``b``'s generator."""
    return fixed_conv(b, x, KV_KERNEL.reshape(1, 5, 5, 1))


def fixed_conv(b: NetBuilder, x: int, wt: np.ndarray) -> int:
    """A stride-1 SAME CONV_2D of ``x`` with the fixed weights ``wt`` (OHWI), a zero
    bias, linear; draws nothing from ``b``'s generator."""
    n, h, w, _ = b.shape(x)
    return b._op("CONV_2D", (x, b.const(wt), b.const(np.zeros(wt.shape[0], np.float32))),
                 (n, h, w, wt.shape[0]), padding="SAME", stride_h=1, stride_w=1,
                 fused_activation_function="NONE", dilation_h_factor=1,
                 dilation_w_factor=1)


def xu_net(b: NetBuilder, x: int) -> int:
    """Xu-Net on ``x`` (``[1, 256, 256, 1]``, a gray image); returns the SOFTMAX
    output ``[1, 2]`` (cover / stego).

    Xu, Wu and Shi, "Structural design of convolutional neural networks for
    steganalysis", IEEE Signal Processing Letters 23(5), 2016 (recalled): a fixed
    high-pass filter layer (the 5x5 KV kernel) on a 512 x 512 gray image; five
    convolutional groups: group 1 a 5x5 conv of 8 whose output goes through an
    absolute-value (ABS) layer, batch norm and TanH, then an average pool 5x5 / 2;
    group 2 a 5x5 conv of 16, batch norm, TanH, average pool 5x5 / 2; groups 3-5 1x1
    convs of 32, 64 and 128, batch norm and ReLU, average pools 5x5 / 2 after groups
    3 and 4 and a global average pool after group 5; a fully connected layer to two
    classes and a softmax.

    Here: CONV_2D 1 5x5 SAME (fixed KV weights, zero bias; ``[1, 256, 256, 1]``);
    CONV_2D 8 5x5 SAME (``[1, 256, 256, 8]``), ABS, TANH, AVERAGE_POOL_2D 5x5 / 2
    SAME (``[1, 128, 128, 8]``); CONV_2D 16 5x5 SAME, TANH, AVERAGE_POOL_2D (``[1, 64,
    64, 16]``); CONV_2D 32 1x1 + RELU, AVERAGE_POOL_2D (``[1, 32, 32, 32]``); CONV_2D
    64 1x1 + RELU, AVERAGE_POOL_2D (``[1, 16, 16, 64]``); CONV_2D 128 1x1 + RELU
    (``[1, 16, 16, 128]``); MEAN over H and W (``[1, 128]``); FULLY_CONNECTED 2
    (linear), SOFTMAX. 16 ops: 6 CONV_2D, ABS, 2 TANH, 4 AVERAGE_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX.

    This graph counts 73,466,112 MACs: the high-pass conv 1,638,400 (65,536 x 25);
    group 1 13,107,200 (65,536 x 8 x 25); group 2 52,428,800 (16,384 x 16 x 8 x 25);
    groups 3-5 2,097,152 each (4,096 x 16 x 32, 1,024 x 32 x 64, 256 x 64 x 128); FC
    256. It has 14,684 parameters (weights and biases, the high-pass conv's 25 fixed
    weights and zero bias included): 26, 208, 3,216, 544, 2,112, 8,320 and the FC's
    258 (by hand in the test). No published count recalled precisely enough to pin.

    [U] 256 x 256 (the paper's 512 x 512 halved, as pre-registered; four pools of
    stride 2 leave 16 x 16 for group 5 instead of 32 x 32); the KV kernel's values
    (1/12 x the integer kernel above, as recalled) with a zero bias; SAME convs (the
    high-pass and 5x5 ones keep the map, as the paper's sizes); the pools SAME (pad
    2, ceil: 256 -> 128 -> 64 -> 32 -> 16, as the paper's halving; TFLite's SAME
    average leaves padding out of the count, Caffe's counts it); batch norms folded:
    groups 2-5's into their convs' weights and biases, group 1's (after ABS) with
    its scale in conv 1's weights (|s x| = s |x| for s > 0) and its shift left out
    (no op for it in the pre-registered op list); TANH standalone (as the TFLite
    converter writes a Keras activation), RELU fused; conv biases on the learned
    convs; the global average pool as MEAN without kept dims; FC linear before
    SOFTMAX.
    """
    x = _fixed_hpf(b, x)
    for i, (c, k) in enumerate(zip(XU_FILTERS, XU_KERNELS, strict=True)):
        if i == 0:
            x = b.act(b.act(b.conv(x, c, k), "ABS"), "TANH")
        elif i == 1:
            x = b.act(b.conv(x, c, k), "TANH")
        else:
            x = b.conv(x, c, k, act="RELU")
        if i < len(XU_FILTERS) - 1:
            x = b.pool(x, "avg", XU_POOL, XU_POOL_STRIDE, "SAME")
    x = b.mean(x, (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, XU_CLASSES))


# -- Schlueter and Boeck 2014 (onset detection CNN)

#: the onset CNN (recalled): frames of context, mel bands, spectrogram channels (window
#: lengths 23, 46 and 93 ms), the two convs as (frames, bands, filters), the
#: frequency-only max pool and the hidden FC
ONSET_FRAMES, ONSET_BANDS, ONSET_CHANNELS = 15, 80, 3
ONSET_CONVS = ((7, 3, 10), (3, 3, 20))
ONSET_POOL, ONSET_HIDDEN = (1, 3), 256


def schluter_onset(b: NetBuilder, x: int) -> int:
    """The onset detection CNN on ``x`` (``[1, 15, 80, 3]``: 15 frames along H, 80
    mel bands along W, three spectrograms as channels); returns the LOGISTIC output
    ``[1, 1]`` (the onset probability of the centre frame).

    Schlueter and Boeck, "Improved musical onset detection with convolutional neural
    networks", ICASSP 2014 (recalled): an input of 15 frames of three log-mel
    spectrograms (80 bands; STFT windows of 23, 46 and 93 ms) as three channels; a
    conv of 10 filters of 7 frames x 3 bands, tanh, max pooling over 3 bands (not
    over time); a conv of 20 filters of 3 x 3, tanh, max pooling over 3 bands (a 20 x
    7 x 8 map); a fully connected layer of 256 sigmoid units and one sigmoid output.

    Here: CONV_2D 10 7x3 VALID (``[1, 9, 78, 10]``), TANH, MAX_POOL_2D 1x3 / (1, 3)
    VALID (``[1, 9, 26, 10]``); CONV_2D 20 3x3 VALID (``[1, 7, 24, 20]``), TANH,
    MAX_POOL_2D 1x3 / (1, 3) (``[1, 7, 8, 20]``); RESHAPE to ``[1, 1120]``;
    FULLY_CONNECTED 256, LOGISTIC; FULLY_CONNECTED 1, LOGISTIC. 11 ops: 2 CONV_2D, 2
    TANH, 2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, 2 LOGISTIC.

    This graph counts 1,031,636 MACs: convs 442,260 (702 x 3 x 10 x 21) and 302,400
    (168 x 10 x 20 x 9); FCs 286,720 (1,120 x 256) and 256. It has 289,693
    parameters: 640, 1,820, 286,976 and 257 (by hand in the test). No published
    count recalled precisely enough to pin.

    [U] the layout (time along H: 15, frequency along W: 80, the three spectrograms
    as channels); VALID convs (the paper's 7 x 8 map); pools of stride 3 along
    frequency, 1 along time (non-overlapping, VALID: 78 and 24 divide by 3); TANH
    and LOGISTIC standalone (as the TFLite converter writes Keras activations);
    NHWC flatten; conv and FC biases; no batch norm or dropout at inference.
    """
    for kh, kw, c in ONSET_CONVS:
        x = b.act(b.conv(x, c, (kh, kw), padding="VALID"), "TANH")
        x = b.pool(x, "max", ONSET_POOL, ONSET_POOL, "VALID")
    _, h, w, c = b.shape(x)
    x = b.reshape(x, (1, h * w * c))
    x = b.act(b.fc(x, ONSET_HIDDEN), "LOGISTIC")
    return b.act(b.fc(x, 1), "LOGISTIC")
