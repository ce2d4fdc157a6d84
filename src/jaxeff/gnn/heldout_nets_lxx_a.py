"""Held-out families LXX, part A (session 43, pre-registered in section 4 of
``docs/evidence/perfsage-cpu-2026-12-08-s43/PREREGISTERED.md`` before being built):
two independently published audio networks, an AudioSet event tagger on a log-mel
patch and a speaker-embedding TDNN on MFCC frames. Built by a helper who prints only
names and ``npu_full``; nothing is chosen on them.

* :func:`yamnet`: Plakal and Ellis's YAMNet as ``yamnet_96x64`` on ``[1, 96, 64, 1]``
  (96 log-mel frames x 64 mel bands, one channel): MobileNet-v1 1.0, a CONV_2D 3x3 /
  2 SAME + RELU of 32 (48 x 32), 13 depthwise-separable layers (DEPTHWISE_CONV_2D 3x3
  SAME + RELU, CONV_2D 1x1 + RELU; :data:`YAMNET_LAYERS`, strides as MobileNet-v1:
  48 x 32 -> 24 x 16 -> 12 x 8 -> 6 x 4 -> 3 x 2, 1,024 channels), MEAN over H and W,
  FULLY_CONNECTED 521, LOGISTIC; ``[1, 521]``. 30 ops: 14 CONV_2D, 13
  DEPTHWISE_CONV_2D, MEAN, FULLY_CONNECTED, LOGISTIC.
* :func:`xvector_tdnn`: Snyder et al.'s x-vector network as ``xvector_tdnn_200x30``
  on ``[1, 1, 200, 30]`` (200 frames along W, one row, 30 MFCCs as channels): five
  frame layers as CONV_2D + RELU, VALID (1x5 of 512; 1x3 dilated 2 of 512; 1x3
  dilated 3 of 512; 1x1 of 512; 1x1 of 1,500; 200 -> 196 -> 192 -> 186 frames), the
  statistics pooling (MEAN over time; the standard deviation as sqrt(mean(x^2) -
  mean(x)^2) written with ops Vela 5.2 maps: MUL, MEAN, MUL, SUB + RELU, ADD of a
  floor, RSQRT, MUL; CONCATENATION of mean and standard deviation to ``[1, 3000]``),
  FULLY_CONNECTED 512 + RELU, FULLY_CONNECTED 512 + RELU, FULLY_CONNECTED 7,000,
  SOFTMAX; ``[1, 7000]``. 18 ops: 5 CONV_2D, 2 MEAN, 3 MUL, SUB, ADD, RSQRT,
  CONCATENATION, 3 FULLY_CONNECTED, SOFTMAX.

Vela 5.2 and the square root (checked before the build, on a small graph of our own,
reading only its CPU-operator count): SQRT stays on the CPU (Vela 5.2 has no NPU
SQRT), RSQRT runs on the NPU (int8). The pre-registered standard deviation is
therefore written as ``v x RSQRT(v)`` (= sqrt(v) for v > 0), the paper's statistic,
not a changed architecture.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norms folded into the
convs and FCs, ReLU fused). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxx_a.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["xvector_tdnn", "yamnet"]


# -- Plakal and Ellis 2020 (YAMNet)

#: YAMNet's input patch (frames of 10 ms, mel bands), stem width, classes (AudioSet)
YAMNET_FRAMES, YAMNET_MELS, YAMNET_STEM, YAMNET_CLASSES = 96, 64, 32, 521
#: the 13 depthwise-separable layers as (stride of the depthwise conv, pointwise
#: filters): MobileNet-v1 1.0 (Howard et al., Table 1)
YAMNET_LAYERS = ((1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512),
                 (1, 512), (1, 512), (1, 512), (1, 512), (1, 512), (2, 1024),
                 (1, 1024))


def yamnet(b: NetBuilder, x: int) -> int:
    """YAMNet on ``x`` (``[1, 96, 64, 1]``: 96 log-mel frames x 64 mel bands, one
    channel); returns the LOGISTIC output ``[1, 521]``.

    Plakal and Ellis, YAMNet (TensorFlow Model Garden, research/audioset/yamnet, 2020;
    recalled): the MobileNet-v1 (1.0) architecture (Howard et al., arXiv 1704.04861)
    on a 0.96 s patch of 96 frames x 64 log-mel bands; a 3x3 / 2 conv of 32, then 13
    depthwise-separable layers (3x3 depthwise, 1x1 pointwise, each with batch norm and
    ReLU), strides 1, 2, 1, 2, 1, 2, 1 x 5, 2, 1 and widths 64, 128, 128, 256, 256,
    512 x 6, 1,024, 1,024; global average pooling; a dense layer of 521 AudioSet
    classes with a sigmoid (multi-label). Published: 3.7 M weights and 69.2 M
    multiply-adds per patch. Here (the pre-registered definition): CONV_2D 32 3x3 /
    2 SAME + RELU (``[1, 48, 32, 32]``); per layer DEPTHWISE_CONV_2D 3x3 / s SAME +
    RELU and CONV_2D 1x1 + RELU (48 x 32 at 64; 24 x 16 at 128, 128; 12 x 8 at 256,
    256; 6 x 4 at 512 x 6; 3 x 2 at 1,024, 1,024); MEAN over axes 1, 2 (not kept) to
    ``[1, 1024]``; FULLY_CONNECTED 521 (linear); LOGISTIC. 30 ops.

    This graph counts 69,165,056 MACs: stem 442,368 (48 x 32 x 9 x 32); depthwise
    2,128,896 (H W x 9 x C_in per layer); pointwise 66,060,288 (H W x C_in x C_out:
    3,145,728 at five layers, 6,291,456 at eight); FC 533,504 (1,024 x 521). It has
    3,729,481 parameters (weights and biases): stem 320, depthwise 49,600 (10 C_in
    per layer, C_in summing to 4,960), pointwise 3,145,536, FC 534,025 (by hand in the
    test). Published (recalled): 3.7 M weights (+0.8 %) and 69.2 M multiply-adds
    (-0.05 %), pinned within 2 %.

    [U] batch norms folded into the convs' biases; plain RELU (as recalled of the
    release; not MobileNet's RELU6) fused into every conv; SAME padding (TF's
    asymmetric stride-2 padding is TFLite SAME); the global average pool a MEAN (not
    kept dims) rather than AVERAGE_POOL_2D + RESHAPE; the dense layer linear before a
    standalone LOGISTIC; the log-mel front end (STFT, mel filterbank, log, framing
    into patches) left out, outside the network.
    """
    x = b.conv(x, YAMNET_STEM, 3, 2, "RELU", "SAME")
    for stride, filters in YAMNET_LAYERS:
        x = b.dwconv(x, 3, stride, "RELU", "SAME")
        x = b.conv(x, filters, 1, 1, "RELU", "SAME")
    x = b.mean(x, (1, 2), keep_dims=False)
    return b.act(b.fc(x, YAMNET_CLASSES), "LOGISTIC")


# -- Snyder, Garcia-Romero, Sell, Povey and Khudanpur 2018 (x-vectors)

#: x-vector input (frames, MFCCs); frame layers as (filters, taps, dilation); the
#: segment layers; the speakers (classes)
XV_FRAMES, XV_MFCC = 200, 30
XV_FRAME_LAYERS = ((512, 5, 1), (512, 3, 2), (512, 3, 3), (512, 1, 1), (1500, 1, 1))
XV_SEGMENT, XV_SPEAKERS = (512, 512), 7000
#: the variance floor added before the square root [U]
XV_VAR_FLOOR = 1e-5


def xvector_tdnn(b: NetBuilder, x: int) -> int:
    """The x-vector network on ``x`` (``[1, 1, 200, 30]``: 200 frames along W, one
    row, 30 MFCCs as channels); returns the SOFTMAX output ``[1, 7000]``.

    Snyder, Garcia-Romero, Sell, Povey and Khudanpur, "X-vectors: robust DNN
    embeddings for speaker recognition", ICASSP 2018 (recalled): five frame-level
    TDNN layers with ReLU and batch norm, frame1 context [t-2, t+2] of 512, frame2
    {t-2, t, t+2} of 512, frame3 {t-3, t, t+3} of 512, frame4 {t} of 512, frame5 {t}
    of 1,500; statistics pooling (mean and standard deviation of frame5 over all
    frames, 3,000); segment6 and segment7 of 512 with ReLU and batch norm; a softmax
    over the training speakers. Here (the pre-registered definition): the TDNN
    layers as CONV_2D along W, VALID (the contexts consume the sequence's edges as
    Kaldi's do): 1x5 of 512 (196 frames), 1x3 dilated (1, 2) of 512 (192), 1x3
    dilated (1, 3) of 512 (186), 1x1 of 512, 1x1 of 1,500 (186), RELU fused; the
    statistics: MEAN over axes 1, 2 (not kept) to ``[1, 1500]`` (the mean m), MUL
    x x, MEAN (E[x^2]), MUL m m, SUB E[x^2] - m^2 + RELU (the variance, clamped at
    0), ADD of :data:`XV_VAR_FLOOR`, RSQRT, MUL v x RSQRT(v) (the standard
    deviation: Vela 5.2 runs SQRT on the CPU, RSQRT on the NPU), CONCATENATION
    [mean, std] to ``[1, 3000]``; FULLY_CONNECTED 512 + RELU, FULLY_CONNECTED 512 +
    RELU, FULLY_CONNECTED 7,000 (linear); SOFTMAX. 18 ops.

    This graph counts 509,313,024 MACs: frame layers 15,052,800 (196 x 5 x 30 x 512),
    150,994,944 (192 x 3 x 512 x 512), 146,276,352 (186 x 3 x 512 x 512), 48,758,784
    (186 x 512 x 512) and 142,848,000 (186 x 512 x 1,500); FCs 1,536,000 (3,000 x
    512), 262,144 (512 x 512) and 3,584,000 (512 x 7,000); the statistics' element-wise
    ops count no MACs. It has 8,073,525 parameters: frame layers 77,312, 786,944,
    786,944, 262,656 and 769,500; FCs 1,536,512, 262,656 and 3,591,000 (weights and
    biases); the variance floor 1 (by hand in the test). Published: no count recalled
    precisely enough; not pinned.

    [U] the speakers 7,000 (pre-registered; the paper's training sets hold some
    thousands); 30 MFCCs (pre-registered; the paper's front end differs by
    experiment); the layout (time along W, one row, the features as channels); VALID
    frame layers (no padding: 14 frames of context lost); batch norms folded into the
    convs' and FCs' biases (inference; the paper's ReLU-then-batch-norm order is not
    kept by the fold), ReLU fused into every frame layer and hidden FC; the standard deviation as sqrt(E[x^2] - E[x]^2) written
    v x RSQRT(v) with the variance clamped at 0 (RELU fused into the SUB) and a floor
    of 1e-5 ADDed (Kaldi floors the variance too; its value ours), one range per
    CONCATENATION (mean and deviation share the int8 scale); the statistics over
    every frame (no mask); the output FC linear before a standalone SOFTMAX; the
    embedding (segment6's affine output) a tensor of this graph, not a second output.
    """
    for filters, k, d in XV_FRAME_LAYERS:
        x = b.conv(x, filters, (1, k), 1, "RELU", "VALID", (1, d))
    mean = b.mean(x, (1, 2), keep_dims=False)
    sq = b.mean(b.mul(x, x), (1, 2), keep_dims=False)
    var = b.sub(sq, b.mul(mean, mean), "RELU")
    var = b.add(var, b.const(np.full((1,), XV_VAR_FLOOR, np.float32)))
    std = b.mul(var, b.act(var, "RSQRT"))
    x = b.concat([mean, std])
    for n in XV_SEGMENT:
        x = b.fc(x, n, "RELU")
    return b.softmax(b.fc(x, XV_SPEAKERS))
