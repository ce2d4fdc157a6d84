"""Held-out families XXXVIII (session 32, pre-registered before being built; see
``docs/evidence/perfsage-cpu-2026-12-06-s32/PREREGISTERED.md`` section 2): three GAN
generators (SNGAN's standard CNN, LSGAN's LSUN model, InfoGAN's MNIST model), the
SRGAN discriminator, ZFNet and the raw-waveform M5.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding layer's bias, dropout left out at inference); the generators follow
:func:`jaxeff.gnn.heldout_nets_xxxiv.dcgan_generator` (the projection as
FULLY_CONNECTED with RELU fused, RESHAPE, TRANSPOSE_CONVs with RELU fused, the output
activation standalone), the classifiers end in the flatten head of
:mod:`jaxeff.gnn.heldout_nets_xxviii`. Test models: no training space draws any of
them in its exact configuration (each one's distinguishing values are in
``models.json``'s overlap and pinned in ``tests/gnn/test_heldout_nets_xxxviii.py``).
Every conv of stride above 3 is VALID (Vela maps such a conv only without padding).
Choices the sources leave open, and ours, are marked [U].

* :func:`sngan_generator`: SNGAN generator, standard CNN (arXiv 1802.05957, Table 3)
  on z of 128: FC 8192 RELU, RESHAPE 4x4x512, three 4x4/2 TRANSPOSE_CONVs to 256 /
  128 / 64 RELU, conv 3x3 to 3, TANH; 32 x 32 x 3. 7 ops.
* :func:`lsgan_generator`: LSGAN generator for LSUN (arXiv 1611.04076, Fig. 3a) on z
  of 1024: FC 12544 RELU, RESHAPE 7x7x256, seven 3x3 TRANSPOSE_CONVs 256/2, 256/1,
  256/2, 256/1, 128/2, 64/2 RELU and 3/1, TANH; 112 x 112 x 3. 10 ops.
* :func:`infogan_generator`: InfoGAN generator for MNIST (arXiv 1606.03657, Table 1)
  on a 74-d input: FC 1024 RELU, FC 6272 RELU, RESHAPE 7x7x128, 4x4/2 TRANSPOSE_CONV
  64 RELU, 4x4/2 TRANSPOSE_CONV 1, LOGISTIC; 28 x 28 x 1. 6 ops.
* :func:`srgan_discriminator`: SRGAN discriminator (arXiv 1609.04802, Fig. 4) on 96 x
  96 x 3: eight 3x3 SAME convs 64/1, 64/2, 128/1, 128/2, 256/1, 256/2, 512/1, 512/2
  each followed by LEAKY_RELU 0.2, RESHAPE, FC 1024, LEAKY_RELU 0.2, FC 1, LOGISTIC.
  21 ops.
* :func:`zfnet`: ZFNet (arXiv 1311.2901, Fig. 3) at 224: PAD 1, conv 96 7x7/2 VALID
  RELU (110), max pool 3x3/2 SAME (55), conv 256 5x5/2 VALID RELU (26), max pool
  3x3/2 SAME (13), convs 384 / 384 / 256 3x3 SAME RELU, max pool 3x3/2 VALID (6),
  RESHAPE, FC 4096 RELU, FC 4096 RELU, FC 1000, SOFTMAX. 14 ops.
* :func:`m5`: M5 (arXiv 1610.00087, Table 1) on 32,000 samples laid out as ``[1, 1,
  32000, 1]`` (time along W): PAD 38 / 38 in time, conv 128 1x80 stride (1, 4) VALID
  RELU (8000), max pool 1x4, conv 128 1x3 SAME RELU, pool, conv 256, pool, conv 512,
  pool (31), MEAN, FC 10, SOFTMAX. 12 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc

__all__ = ["infogan_generator", "lsgan_generator", "m5", "sngan_generator",
           "srgan_discriminator", "zfnet"]


def _project(b: NetBuilder, x: int, side: int, c: int) -> int:
    """FULLY_CONNECTED of ``x`` to ``side * side * c`` with RELU fused (its batch norm
    folded per output), RESHAPEd to ``[1, side, side, c]`` (as the DCGAN generator)."""
    return b.reshape(b.fc(x, side * side * c, "RELU"), (1, side, side, c))


# -- Miyato et al.: SNGAN generator, standard CNN

#: SNGAN's standard-CNN generator (arXiv 1802.05957, Table 3): code size, projected
#: side and width, the 4x4/2 transposed convs' widths, the last conv's width
SNGAN_Z, SNGAN_SIDE, SNGAN_WIDTH, SNGAN_OUT = 128, 4, 512, 3
SNGAN_TCONVS = (256, 128, 64)


def sngan_generator(b: NetBuilder, x: int) -> int:
    """The SNGAN generator (standard CNN) on ``x`` (``[1, 128]``: the code z); returns
    the TANH image ``[1, 32, 32, 3]``.

    Miyato et al., "Spectral Normalization for Generative Adversarial Networks", ICLR
    2018, arXiv 1802.05957 (Table 3, recalled): dense to 4 x 4 x 512; 4x4 stride-2
    deconvolutions with batch norm and ReLU to 256, 128, 64; a 3x3 stride-1 conv to 3;
    tanh. This graph counts 103,481,344 MACs (FC 1,048,576; three TRANSPOSE_CONVs of
    33,554,432 each; conv 1,769,472) and 3,811,459 parameters (by hand in the test).
    Published: no count in the paper.

    [U] batch norm and ReLU after the dense layer (as the authors' chainer code,
    recalled), folded into the FC; batch norms folded into the TRANSPOSE_CONVs' biases,
    RELU fused; SAME transposed convs (output 2x the input); the 3x3 conv SAME; TANH
    standalone.
    """
    x = _project(b, x, SNGAN_SIDE, SNGAN_WIDTH)
    for c in SNGAN_TCONVS:
        x = b.transpose_conv(x, c, 4, 2, "RELU")
    return b.act(b.conv(x, SNGAN_OUT, 3), "TANH")


# -- Mao et al.: LSGAN generator (LSUN)

#: LSGAN's LSUN generator (arXiv 1611.04076, Fig. 3a): code size, projected side and
#: width, (width, stride) of the 3x3 transposed convs (the last one linear)
LSGAN_Z, LSGAN_SIDE, LSGAN_WIDTH = 1024, 7, 256
LSGAN_TCONVS = ((256, 2), (256, 1), (256, 2), (256, 1), (128, 2), (64, 2), (3, 1))


def lsgan_generator(b: NetBuilder, x: int) -> int:
    """The LSGAN generator for LSUN on ``x`` (``[1, 1024]``: the code z); returns the
    TANH image ``[1, 112, 112, 3]``.

    Mao et al., "Least Squares Generative Adversarial Networks", ICCV 2017, arXiv
    1611.04076 (Fig. 3a, recalled): z of 1024, fc 7 x 7 x 256, BN, ReLU; 3x3 deconvs
    256 / 2, 256 / 1, 256 / 2, 256 / 1, 128 / 2, 64 / 2, each BN and ReLU; 3x3 deconv
    3 / 1; tanh (7 -> 14 -> 14 -> 28 -> 28 -> 56 -> 112 -> 112). This graph counts
    1,219,477,504 MACs (FC 12,845,056; TRANSPOSE_CONVs, at their input, 28,901,376,
    115,605,504, 115,605,504, 462,422,016, 231,211,008, 231,211,008, 21,676,032) and
    15,588,483 parameters (by hand in the test). Published: no count in the paper.

    [U] the stride-1 layers as TRANSPOSE_CONV (as the figure's "deconv"), not CONV_2D;
    SAME transposed convs; batch norms folded (FC and TRANSPOSE_CONV biases), RELU
    fused; TANH standalone.
    """
    x = _project(b, x, LSGAN_SIDE, LSGAN_WIDTH)
    for i, (c, s) in enumerate(LSGAN_TCONVS):
        last = i == len(LSGAN_TCONVS) - 1
        x = b.transpose_conv(x, c, 3, s, "NONE" if last else "RELU")
    return b.act(x, "TANH")


# -- Chen et al.: InfoGAN generator (MNIST)

#: InfoGAN's MNIST generator (arXiv 1606.03657, Table 1): input size (62 noise, one
#: 10-way categorical, two continuous codes), hidden FC, projected side and width, the
#: 4x4/2 transposed convs' widths
INFOGAN_IN, INFOGAN_FC, INFOGAN_SIDE, INFOGAN_WIDTH = 74, 1024, 7, 128
INFOGAN_TCONVS = (64, 1)


def infogan_generator(b: NetBuilder, x: int) -> int:
    """The InfoGAN MNIST generator on ``x`` (``[1, 74]``); returns the LOGISTIC image
    ``[1, 28, 28, 1]``.

    Chen et al., "InfoGAN: Interpretable Representation Learning by Information
    Maximizing Generative Adversarial Nets", NIPS 2016, arXiv 1606.03657 (Table 1,
    recalled): input in R^74; FC 1024 RELU batchnorm; FC 7 x 7 x 128 RELU batchnorm;
    4x4 upconv 64 RELU stride 2 batchnorm; 4x4 upconv 1 channel. This graph counts
    13,121,536 MACs (FCs 75,776 and 6,422,528; TRANSPOSE_CONVs 6,422,528 and 200,704)
    and 6,637,761 parameters (by hand in the test). Published: no count in the paper.

    [U] the output activation: the table names none; the authors' code (openai/InfoGAN,
    recalled) reads the last upconv as the mean of a Bernoulli, i.e. a sigmoid, so a
    standalone LOGISTIC (not TANH); SAME transposed convs; batch norms folded, RELU
    fused.
    """
    x = b.fc(x, INFOGAN_FC, "RELU")
    x = _project(b, x, INFOGAN_SIDE, INFOGAN_WIDTH)
    x = b.transpose_conv(x, INFOGAN_TCONVS[0], 4, 2, "RELU")
    return b.act(b.transpose_conv(x, INFOGAN_TCONVS[1], 4, 2), "LOGISTIC")


# -- Ledig et al.: SRGAN discriminator

#: SRGAN's discriminator (arXiv 1609.04802, Fig. 4): (filters, stride) of the eight
#: 3x3 convs, the LEAKY_RELU slope, the hidden FC
SRGAN_D_CONVS = ((64, 1), (64, 2), (128, 1), (128, 2), (256, 1), (256, 2), (512, 1),
                 (512, 2))
SRGAN_D_LEAK, SRGAN_D_FC = 0.2, 1024


def srgan_discriminator(b: NetBuilder, x: int) -> int:
    """The SRGAN discriminator on ``x`` (``[1, 96, 96, 3]``); returns the LOGISTIC
    probability ``[1, 1]``.

    Ledig et al., "Photo-Realistic Single Image Super-Resolution Using a Generative
    Adversarial Network", CVPR 2017, arXiv 1609.04802 (Fig. 4, recalled): k3n64s1 and
    Leaky ReLU; seven blocks k3n64s2, k3n128s1, k3n128s2, k3n256s1, k3n256s2,
    k3n512s1, k3n512s2 each with BN and Leaky ReLU (alpha 0.2); Dense (1024), Leaky
    ReLU, Dense (1), Sigmoid; 96 x 96 -> 6 x 6 x 512. This graph counts 884,147,200
    MACs (convs 15,925,248, 84,934,656, 169,869,312, 84,934,656, 169,869,312,
    84,934,656, 169,869,312, 84,934,656; FCs 18,874,368 and 1,024) and 23,561,793
    parameters (by hand in the test). Published: no count in the paper.

    [U] SAME convs (the figure's sizes halve exactly); batch norms folded into the
    convs' biases; LEAKY_RELU standalone (TFLite fuses no leaky slope); NHWC flatten.
    """
    for c, s in SRGAN_D_CONVS:
        x = b.leaky_relu(b.conv(x, c, 3, s), SRGAN_D_LEAK)
    x = b.reshape(x, (1, b.shape(x)[1] * b.shape(x)[2] * b.shape(x)[3]))
    x = b.leaky_relu(b.fc(x, SRGAN_D_FC), SRGAN_D_LEAK)
    return b.act(b.fc(x, 1), "LOGISTIC")


# -- Zeiler & Fergus: ZFNet

#: ZFNet (arXiv 1311.2901, Fig. 3): (filters, kernel, stride, padding) of the five
#: convs; (padding) of the max pool after the first, second and fifth; the FCs
ZFNET_CONVS = ((96, 7, 2, "VALID"), (256, 5, 2, "VALID"), (384, 3, 1, "SAME"),
               (384, 3, 1, "SAME"), (256, 3, 1, "SAME"))
ZFNET_POOLS = {0: "SAME", 1: "SAME", 4: "VALID"}
ZFNET_FC = (4096, 4096)


def zfnet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ZFNet on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Zeiler & Fergus, "Visualizing and Understanding Convolutional Networks", ECCV
    2014, arXiv 1311.2901 (Fig. 3, recalled): 96 filters 7 x 7 stride 2 (-> 110),
    3x3 max pool stride 2 (-> 55), contrast normalisation; 256 filters 5 x 5 stride 2
    (-> 26), 3x3 max pool stride 2 (-> 13); 384, 384, 256 filters 3 x 3 (13); 3x3 max
    pool stride 2 (-> 6 x 6 x 256); FC 4096, FC 4096, C-way softmax. Here: PAD 1 on H
    and W (226), conv 96 7x7/2 VALID RELU (-> 110), max pool 3x3/2 SAME (-> 55), conv
    256 5x5/2 VALID RELU (-> 26), max pool 3x3/2 SAME (-> 13), convs 3x3 SAME RELU,
    max pool 3x3/2 VALID (-> 6), RESHAPE to 9,216, FC 4096 RELU, FC 4096 RELU, FC
    ``classes``, SOFTMAX: every size of the figure kept. This graph counts
    1,168,032,896 MACs (convs 170,755,200, 415,334,400, 149,520,384, 224,280,576,
    149,520,384; FCs 37,748,736, 16,777,216, 4,096,000) and 62,357,608 parameters (by
    hand in the test). Published: no count in the paper.

    [U] no local response (contrast) normalisation; the paddings: neither a VALID
    (109) nor a SAME (112) 7x7/2 conv on 224 gives the figure's 110, so one explicit
    PAD of 1 then VALID; the pools after conv 1 and 2 SAME (VALID gives 54 and 12),
    conv 2 VALID (26) and the last pool VALID (6); dense (one-group) convs 3-5 as the
    paper's single-GPU model; NHWC flatten; dropout left out.
    """
    x = b.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    for i, (c, k, s, pad) in enumerate(ZFNET_CONVS):
        x = b.conv(x, c, k, s, "RELU", pad)
        if i in ZFNET_POOLS:
            x = b.pool(x, "max", 3, 2, ZFNET_POOLS[i])
    return _flatten_fc(b, x, tuple((w, "RELU") for w in ZFNET_FC), classes)


# -- Dai et al.: M5 on raw waveforms

#: M5 (arXiv 1610.00087, Table 1): (filters, taps, stride) of the four 1-D convs, the
#: max pools' window (= stride), the PAD in time before the first conv
M5_CONVS = ((128, 80, 4), (128, 3, 1), (256, 3, 1), (512, 3, 1))
M5_POOL, M5_PAD = 4, (38, 38)


def m5(b: NetBuilder, x: int, classes: int = 10, *, pad: bool = True) -> int:
    """M5 on ``x`` (``[1, 1, 32000, 1]``: 32,000 waveform samples along W, as a Keras
    Conv1D converts); returns the SOFTMAX output ``[1, classes]``.

    Dai et al., "Very Deep Convolutional Neural Networks for Raw Waveforms", ICASSP
    2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 128], maxpool 4; [3, 128],
    maxpool 4; [3, 256], maxpool 4; [3, 512], maxpool 4; global average pooling;
    softmax; batch norm and ReLU after every conv; the first two layers reduce the
    time resolution by 16 (32000 -> 2000). Here: PAD 38 / 38 in time (32,076), conv
    128 1x80 stride (1, 4) VALID RELU (-> 8000), max pool 1x4 (-> 2000), convs 1x3
    SAME RELU each followed by max pool 1x4 (-> 500, 125, 31), MEAN over H and W, FC
    ``classes``, SOFTMAX. This graph counts 278,533,120 MACs (convs 81,920,000,
    98,304,000, 49,152,000, 49,152,000; FC 5,120) and 557,066 parameters (10,368 +
    49,280 + 98,560 + 393,728 + 5,130). Published (Table 1, recalled): 0.5 M
    parameters.

    [U] the layout (time along W, kernel height 1); the PAD that keeps the paper's 16x
    reduction with a VALID stride-4 conv (76 = 80 - 4 zeros, split evenly); the 1x3
    convs SAME; the pools VALID (125 -> 31); batch norms folded, RELU fused; MEAN as
    the global average pool; 10 classes (UrbanSound8k). The same network is already
    registered as ``m5_32000`` (:func:`jaxeff.gnn.heldout_nets_xxxii.m5`: ``[1, 32000,
    1, 1]``, the stride-4 conv SAME, no PAD); this one differs in layout and in the
    PAD + VALID stem, and has the same counts. (Corrected in session 41: an earlier
    version said the NPU needs that PAD with a stride above 3; Vela 5.2 instead folds it
    into the stem's padding and refuses the padded stride-4 conv, so this graph does
    not map fully.)

    ``pad=False`` (``m5_valid_32000``, session 41, addendum 4; built by
    :func:`jaxeff.gnn.heldout_nets_lxviii.m5_valid`): no PAD, the stem VALID on the
    32,000 samples (-> 7,981), pools to 1,995, 498, 124 and 31; 11 ops; 277,502,976
    MACs: stem 81,725,440 (7,981 x 128 x 80), 98,058,240 (1,995 x 128 x 128 x 3),
    48,955,392 (498 x 128 x 256 x 3), 48,758,784 (124 x 256 x 512 x 3); FC 5,120. The
    parameters (557,066) are unchanged. [U] the VALID stem without the PAD (what Vela
    maps). ``pad=True`` (the default) writes the registered ``m5_raw_32000`` graph
    byte for byte (its sha256 pinned in ``tests/gnn/test_heldout_nets_lxviii.py``).
    """
    if pad:
        x = b.pad(x, ((0, 0), (0, 0), M5_PAD, (0, 0)))
    for i, (c, k, s) in enumerate(M5_CONVS):
        x = b.conv(x, c, (1, k), (1, s), "RELU", "VALID" if i == 0 else "SAME")
        x = b.pool(x, "max", (1, M5_POOL), (1, M5_POOL))
    return b.softmax(b.fc(b.mean(x), classes))
