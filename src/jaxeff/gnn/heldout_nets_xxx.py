"""Held-out families XXX, part a (session 28, pre-registered before being built; issue
22): five small published audio and sensor models: BC-ResNet-1, Sainath & Parada's
cnn-one-fpool3, Res15-narrow, TC-ResNet8-1.5 and the STM32 model zoo's IGN activity
recogniser.

Five published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout left out at inference), the
three siblings reusing the builders of :mod:`jaxeff.gnn.heldout_nets_xxvi_d` and
:mod:`jaxeff.gnn.heldout_nets_xxviii`. Test models: no training space draws any of
them in its exact configuration (each one's distinguishing values are in
``models.json``'s overlap and pinned in ``tests/gnn/test_heldout_nets_xxx.py``); the
``tiny`` space (:mod:`jaxeff.gnn.spaces_tiny`) has no ADD, at most 12 operators, no
54 / 19 / 24 / 36 filters, no kernel height 16 or 32 and no 24-sample window; no
space takes a MEAN over one axis. Choices the sources leave open are marked [U].

* :func:`bc_resnet1`: BC-ResNet-1 (Kim, Chang, Lee & Sung, "Broadcasted Residual
  Learning for Efficient Keyword Spotting", arXiv 2106.04140, Interspeech 2021) on 40
  mel x 101 frames: 5x5/(2,1) conv 16, twelve BC-ResBlocks (8, 8; 12, 12; 16 x 4; 20
  x 4), PAD + 5x5 depthwise VALID in frequency, 1x1 conv 32, MEAN, FC 12, SOFTMAX.
  127 ops: 18 CONV_2D, 25 DEPTHWISE_CONV_2D, 12 LOGISTIC, 24 MUL, 32 ADD, 13 MEAN,
  PAD, FULLY_CONNECTED, SOFTMAX.
* :func:`cnn_one_fpool3`: cnn-one-fpool3 (Sainath & Parada, Interspeech 2015, Table
  3) on 32 frames x 40 log-mel: conv 54 32x8 VALID RELU, max pool 1x3, RESHAPE,
  linear FC 32, FC 128 RELU x 2, FC 12, SOFTMAX. 8 ops.
* :func:`res15_narrow_kws`: Res15-narrow (Tang & Lin, arXiv 1710.10361) on 101 x 40
  MFCC: :func:`jaxeff.gnn.heldout_nets_xxvi_d.res15_kws` with 19 maps. 23 ops.
* :func:`tc_resnet8_15`: TC-ResNet8-1.5 (Choi et al., arXiv 1904.03814) on 98 x 40
  MFCC: :func:`jaxeff.gnn.heldout_nets_xxvi_d.tc_resnet8` at width 1.5 (24; 36, 48,
  72). 16 ops.
* :func:`stm32_har_ign`: the STM32 model zoo's IGN human-activity model on a 24 x 3
  accelerometer window: conv 24 16x1 VALID RELU, max pool 3x1, RESHAPE, FC 12, FC 4,
  SOFTMAX. 6 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxx.py``.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _resnet_head
from jaxeff.gnn.heldout_nets_xxvi_d import res15_kws, tc_resnet8
from jaxeff.gnn.heldout_nets_xxviii import CNN_ONE_WIDTH, _flatten_fc
from jaxeff.gnn.heldout_nets_xxviii_b import _flatten
from jaxeff.gnn.heldout_nets_xxix import RES8_NARROW_MAPS
from jaxeff.gnn.spaces_silu import swish

__all__ = ["bc_resnet1", "cnn_one_fpool3", "res15_narrow_kws", "stm32_har_ign",
           "tc_resnet8_15"]


# -- BC-ResNet-1

#: BC-ResNet at tau = 1 (arXiv 2106.04140 Table 1; the Qualcomm-AI-research/bcresnet
#: release's ``BCResNets(base_c=8)``): the stem's channels, then per stage (blocks,
#: channels, frequency stride of its first block); the last 1x1 conv's channels; the
#: SubSpectralNorm's sub-bands
BCRESNET_STEM = 16
BCRESNET_STAGES = ((2, 8, 1), (2, 12, 2), (4, 16, 2), (4, 20, 1))
BCRESNET_LAST, SSN_BANDS = 32, 5


def _subspectral_norm(b: NetBuilder, x: int) -> int:
    """SubSpectralNorm at inference: a per-(sub-band, channel) affine, written as a MUL
    and an ADD by ``[1, F, 1, C]`` constants (each band's scale and shift repeated over
    its ``F / 5`` frequency rows)."""
    _, f, _, c = b.shape(x)
    rows = f // SSN_BANDS
    band = b.rng.standard_normal((2, SSN_BANDS, c)).astype(np.float32)
    scale, shift = (np.repeat(v, rows, axis=0).reshape(1, f, 1, c)
                    for v in (1.0 + 0.1 * band[0], 0.1 * band[1]))
    return b.add(b.mul(x, b.const(scale)), b.const(shift))


def _bc_res_block(b: NetBuilder, x: int, c: int, stride: int, dilation: int) -> int:
    """One BC-ResBlock (Figure 2): f2 = [1x1 conv RELU on a transition] 3x1 frequency
    depthwise conv (stride ``(stride, 1)``) and SubSpectralNorm; f1 = MEAN over
    frequency, 1x3 temporal depthwise conv (dilation ``dilation``, batch norm folded),
    swish, 1x1 conv; the broadcast ADD f1 + f2 (+ the block's input on a normal
    block), RELU fused into the last ADD."""
    short, transition = x, b.shape(x)[-1] != c
    if transition:
        x = b.conv(x, c, 1, 1, "RELU")
    aux = _subspectral_norm(b, b.dwconv(x, (3, 1), (stride, 1)))
    h = b.dwconv(b.mean(aux, (1,), keep_dims=True), (1, 3), dilation=(1, dilation))
    h = b.conv(swish(b, h), c, 1)
    if transition:
        return b.add(h, aux, "RELU")
    return b.add(b.add(h, aux), short, "RELU")


def bc_resnet1(b: NetBuilder, x: int, classes: int = 12, width: int = 1) -> int:
    """BC-ResNet-1 (BC-ResNet-``width``: every channel count times ``width``) on ``x`` (``[1, 40, 101, 1]``: 40 mel bins (height) x 101 frames
    (width), one channel); returns the SOFTMAX output ``[1, classes]``.

    Kim et al., arXiv 2106.04140 (Table 1, Figure 2), read against the authors'
    release (``bcresnet.py``): 5x5 conv 16 stride (2, 1) RELU (40 -> 20 bins); four
    stages of 2, 2, 4, 4 BC-ResBlocks (:func:`_bc_res_block`) of 8, 12, 16, 20
    channels, the first block of a stage a transition (a 1x1 conv, no identity
    shortcut), stages 2 and 3 halving the frequency (20 -> 10 -> 5), the temporal
    dilation 1, 2, 4, 8 by stage; the classifier: 5x5 depthwise conv without frequency
    padding (5 -> 1 bins), 1x1 conv 32 RELU, global average (MEAN), 1x1 conv to 12.
    This graph counts 2,482,156 MACs (stem 808,000; stages 373,296, 303,000, 413,696,
    468,640; classifier 115,524) and 10,052 parameters. Published (Table 2,
    recalled): 9.2 K parameters, the release's 9,232 (weights and batch norm
    affines, reproduced by hand in the test); this graph's +9 % are the folded
    biases and the SubSpectralNorm's per-band constants repeated over each band's 4 /
    2 / 1 rows; the published multiply count (3.6 M, recalled, uncertain; this
    layer list counts 2.48 M) is not pinned.

    [U] the SubSpectralNorm (5 sub-bands, after the frequency depthwise conv) as a MUL
    and an ADD by ``[1, F, 1, C]`` constants (it does not fold into the depthwise
    conv: its scale varies along the axis the 3x1 kernel slides over; the depthwise
    conv's own bias is kept, absorbed by the ADD); the classifier's time padding as a
    PAD then a VALID depthwise conv (TFLite pads SAME on both axes or neither; the
    PyTorch-to-TFLite converters write the same PAD); swish as LOGISTIC + MUL; SAME
    for the strided 3x1 conv (PyTorch pads 1 / 1, TF 0 / 1: the same 10 and 5 bins);
    biases on every conv (batch norm folded; the release's convs are bias-free, and
    its 1x1 of f1 and the classifier's depthwise conv have no batch norm); the last
    1x1 conv on the pooled ``1 x 1`` map as a FULLY_CONNECTED; a SOFTMAX appended (the
    release returns logits); dropout left out.
    """
    x = b.conv(x, BCRESNET_STEM * width, 5, (2, 1), "RELU")
    for stage, (n, c, s) in enumerate(BCRESNET_STAGES):
        for i in range(n):
            x = _bc_res_block(b, x, c * width, s if i == 0 else 1, 2 ** stage)
    x = b.pad(x, ((0, 0), (0, 0), (2, 2), (0, 0)))
    x = b.dwconv(x, 5, 1, padding="VALID")
    return _resnet_head(b, b.conv(x, BCRESNET_LAST * width, 1, 1, "RELU"), classes)


# -- Sainath & Parada: cnn-one-fpool3

#: cnn-one-fpool3 (Interspeech 2015 Table 3; castorini/honk's config): filters, the
#: frequency max pool (q = 3), the linear low-rank layer, the two DNN layers (the
#: filter's width in frequency, 8, as cnn-one-fstride4's)
CNN_FPOOL3_FILTERS, CNN_FPOOL3_POOL = 54, 3
CNN_FPOOL3_LIN, CNN_FPOOL3_DNN = 32, (128, 128)


def cnn_one_fpool3(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-one-fpool3 on ``x`` (``[1, 32, 40, 1]``: 23 left, 8 right context frames
    and the current one, 40 log-mel); returns the SOFTMAX output ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (Table 3, recalled; castorini/honk's
    ``cnn-one-fpool3`` config read: 54 maps, a whole-time-axis x 8 filter, pool
    (1, 3), stride 1, a linear layer of 32, DNN 128 and 128): one conv layer of n = 54
    maps, m x r = 32 x 8, stride 1, RELU (32 x 40 -> 1 x 33 x 54), non-overlapping max
    pool q = 3 in frequency (-> 1 x 11 x 54), a linear low-rank layer of 32, two DNN
    layers of 128 RELU, softmax. This graph counts 497,216 MACs (conv 456,192 = 33 x
    54 x 256; FCs 19,008 + 4,096 + 16,384 + 1,536) and 55,202 parameters (13,878 +
    19,040 + 4,224 + 16,512 + 1,548). Published (Table 3, recalled): the conv
    layer's 13.8 K parameters and 456.2 K multiplies (this graph's, without the 54
    biases); on the paper's 4 outputs 496,192 MACs and 54,170 parameters (53,824
    without the biases: about 54 K, recalled).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxviii.cnn_one_fstride4` (VALID, 12
    classes, the linear layer with a bias and no activation); the pool's stride equal
    to its window, VALID (33 -> 11); RELU on both DNN layers (the paper's DNN layers).
    """
    t = b.shape(x)[1]
    x = b.conv(x, CNN_FPOOL3_FILTERS, (t, CNN_ONE_WIDTH), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, CNN_FPOOL3_POOL), (1, CNN_FPOOL3_POOL))
    widths = ((CNN_FPOOL3_LIN, "NONE"),) + tuple((w, "RELU") for w in CNN_FPOOL3_DNN)
    return _flatten_fc(b, x, widths, classes)


# -- Res15-narrow and TC-ResNet8-1.5


def res15_narrow_kws(b: NetBuilder, x: int, classes: int = 12) -> int:
    """Res15-narrow on ``x`` (``[1, 101, 40, 1]``): Res15
    (:func:`jaxeff.gnn.heldout_nets_xxvi_d.res15_kws`) with 19 feature maps (Res8-
    narrow's); returns the SOFTMAX output ``[1, classes]``.

    Tang & Lin, arXiv 1710.10361 (Table 1, recalled; castorini/honk's
    ``res15-narrow`` config read: 13 layers, dilation, 19 maps). This graph counts
    171,328,548 MACs (690,840 + 13 x 4,040 x 3,249 = 170,637,480 + 228) and 42,914
    parameters (190 + 13 x 3,268 + 240). Published (recalled): 42.6 K parameters
    (+0.7 %; without the 14 conv biases, as the release, 42,648: +0.1 %) and 160 M
    multiplies (+7 %, as Res15's 894 M: the dilated layers alone count 170.6 M).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxvi_d.res15_kws`.
    """
    return res15_kws(b, x, classes, RES8_NARROW_MAPS)


#: TC-ResNet8-1.5's width multiplier (arXiv 1904.03814 Table 1)
TC_RESNET8_15_WIDTH = 1.5


def tc_resnet8_15(b: NetBuilder, x: int, classes: int = 12) -> int:
    """TC-ResNet8-1.5 on ``x`` (``[1, 1, 98, 40]``): TC-ResNet8
    (:func:`jaxeff.gnn.heldout_nets_xxvi_d.tc_resnet8`) at k = 1.5: the first conv 24,
    the blocks 36, 48, 72; returns the SOFTMAX output ``[1, classes]``.

    Choi et al., arXiv 1904.03814 (Table 1, recalled). This graph counts 3,284,208
    MACs (stem 282,240; blocks 994,896, 950,400, 1,055,808; FC 864) and 143,784
    parameters. Published (recalled): 145 K parameters (-0.8 %; with batch norm
    unfolded, one more parameter a normalised channel, 144,276: -0.5 %) and 6.6 M
    FLOPs (this graph's 6.57 M at two a MAC, -0.5 %).

    [U] as :func:`jaxeff.gnn.heldout_nets_xxvi_d.tc_resnet8` (k = 1.5 gives whole
    channel counts: no rounding).
    """
    return tc_resnet8(b, x, classes, TC_RESNET8_15_WIDTH)


# -- STM32 model zoo: IGN human activity recognition

#: the model zoo's ``get_ign``: filters and (time, axis) kernel of its VALID conv, the
#: (time, axis) max pool (stride = window), the hidden Dense
IGN_FILTERS, IGN_KERNEL, IGN_POOL, IGN_FC = 24, (16, 1), (3, 1), 12


def stm32_har_ign(b: NetBuilder, x: int, classes: int = 4) -> int:
    """The STM32 model zoo's IGN human-activity model on ``x`` (``[1, 24, 3, 1]``: a
    24-sample window of a 3-axis accelerometer, ``ign_wl_24``); returns the SOFTMAX
    output ``[1, classes]``.

    STMicroelectronics ``stm32ai-modelzoo``, ``human_activity_recognition``
    (``src/models/ign.py`` and ``ign/README.md``, read), after Ignatov, "Real-time
    human activity recognition from accelerometer data using Convolutional Neural
    Networks" (Applied Soft Computing 2018): Conv2D 24 (16, 1) VALID, ReLU (24 x 3 ->
    9 x 3), MaxPooling2D (3, 1) (-> 3 x 3), Flatten (216), Dense 12 (linear), Dropout
    (left out), Dense 4 softmax (WISDM's 4 classes: stationary, walking, jogging,
    stairs). This graph counts 13,008 MACs (10,368 + 2,592 + 48) and 3,064
    parameters (408 + 2,604 + 52): the README's 3,064 (exact).

    [U] RELU fused into the conv (Keras's separate Activation, fused by the
    converter); the pool VALID (Keras's default).
    """
    x = b.conv(x, IGN_FILTERS, IGN_KERNEL, 1, "RELU", "VALID")
    x = _flatten(b, b.pool(x, "max", IGN_POOL, IGN_POOL))
    return b.softmax(b.fc(b.fc(x, IGN_FC), classes))
