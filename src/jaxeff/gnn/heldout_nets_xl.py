"""Held-out families XL, part A (session 33, pre-registered in section 1 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
two classifiers with stride-3 max pools and FC heads of 96 M and 126 M weights
(VGG-S, the accurate OverFeat model) and two GAN generators whose large weights sit
in a projection FC and in 5x5 transposed convs (the TensorFlow tutorial's DCGAN,
AC-GAN for CIFAR-10).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the networks of
:mod:`jaxeff.gnn.heldout_nets_xxxix` (float32, seeded weights, batch norm folded into
the preceding layer's bias, local response normalisation and dropout left out at
inference, RELU fused); the classifiers end in the flatten head of
:mod:`jaxeff.gnn.heldout_nets_xxviii`, the generators follow
:mod:`jaxeff.gnn.heldout_nets_xxxviii` (the projection as FULLY_CONNECTED, RESHAPE,
TRANSPOSE_CONVs, the output activation standalone). Test models: no training space
draws any of them in its exact configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xl.py``). Every conv is of stride 1 or 2 and every
TRANSPOSE_CONV of stride 1 or 2 (the strides Vela maps). Written from the papers'
tables and the tutorial's definition as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`vgg_s`: VGG-S / CNN-S (arXiv 1405.3531, Table 1) at 224: conv 96 7x7/2
  VALID RELU (109), max pool 3x3/3 SAME (37), PAD 1, conv 256 5x5 VALID RELU (35),
  max pool 2x2/2 SAME (18), three convs 512 3x3 SAME RELU (18), max pool 3x3/3 VALID
  (6), RESHAPE, FC 4096 RELU, FC 4096 RELU, FC 1000, SOFTMAX. 14 ops.
* :func:`overfeat_accurate`: OverFeat's accurate model (arXiv 1312.6229, Table 3) at
  221: conv 96 7x7/2 VALID RELU (108), max pool 3x3/3 VALID (36), conv 256 7x7 VALID
  RELU (30), max pool 2x2/2 VALID (15), convs 512, 512, 1024, 1024 3x3 SAME RELU (15),
  max pool 3x3/3 VALID (5), RESHAPE, FC 4096 RELU, FC 4096 RELU, FC 1000, SOFTMAX.
  14 ops.
* :func:`dcgan_tutorial_generator`: the DCGAN generator of the TensorFlow tutorial on
  z of 100: FC 12544, LEAKY_RELU 0.3, RESHAPE 7x7x256, 5x5 TRANSPOSE_CONVs 128/1,
  64/2 (each LEAKY_RELU 0.3) and 1/2 without bias, TANH; 28 x 28 x 1. 9 ops.
* :func:`acgan_generator`: the AC-GAN CIFAR-10 generator (arXiv 1610.09585, appendix
  table) on 110 inputs: FC 6144 RELU, RESHAPE 4x4x384, 5x5/2 TRANSPOSE_CONVs 192, 96
  RELU and 3, TANH; 32 x 32 x 3. 6 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii import _flatten_fc
from jaxeff.gnn.heldout_nets_xxxviii import _project

__all__ = ["acgan_generator", "dcgan_tutorial_generator", "overfeat_accurate",
           "vgg_s"]


def _convs_pools(b: NetBuilder, x: int, convs, pads, pools, fcs,
                 classes: int) -> int:
    """Convs ``(filters, kernel, stride, padding)`` with RELU fused, a PAD of
    ``pads[i]`` on H and W before conv i, a max pool ``(kernel, stride, padding)`` of
    ``pools[i]`` after it, then the flatten head with RELU FCs ``fcs``."""
    for i, (c, k, s, pad) in enumerate(convs):
        if i in pads:
            x = b.pad(x, ((0, 0), (pads[i],) * 2, (pads[i],) * 2, (0, 0)))
        x = b.conv(x, c, k, s, "RELU", pad)
        if i in pools:
            x = b.pool(x, "max", *pools[i])
    return _flatten_fc(b, x, tuple((w, "RELU") for w in fcs), classes)


# -- Chatfield, Simonyan, Vedaldi & Zisserman: VGG-S

#: VGG-S (arXiv 1405.3531, Table 1): (filters, kernel, stride, padding) of the five
#: convs, the PAD before a conv (index: rows), the max pools (index: kernel, stride,
#: padding), the FCs
VGG_S_CONVS = ((96, 7, 2, "VALID"), (256, 5, 1, "VALID"), (512, 3, 1, "SAME"),
               (512, 3, 1, "SAME"), (512, 3, 1, "SAME"))
VGG_S_PADS = {1: 1}
VGG_S_POOLS = {0: (3, 3, "SAME"), 1: (2, 2, "SAME"), 4: (3, 3, "VALID")}
VGG_S_FC = (4096, 4096)


def vgg_s(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VGG-S (CNN-S) on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Chatfield, Simonyan, Vedaldi & Zisserman, "Return of the Devil in the Details:
    Delving Deep into Convolutional Nets", BMVC 2014, arXiv 1405.3531 (Table 1,
    recalled): conv1 96 x 7 x 7, st. 2, pad 0, LRN, x3 pool; conv2 256 x 5 x 5, st. 1,
    pad 1, x2 pool; conv3, conv4, conv5 512 x 3 x 3, st. 1, pad 1, x3 pool after
    conv5; full6 4096 dropout, full7 4096 dropout, full8 1000 softmax. Here: conv 96
    7x7/2 VALID RELU (-> 109), max pool 3x3/3 SAME (-> 37), PAD 1 on H and W (39),
    conv 256 5x5 VALID RELU (-> 35), max pool 2x2/2 SAME (-> 18), convs 512 3x3 SAME
    RELU (18), max pool 3x3/3 VALID (-> 6), RESHAPE to 18,432, FC 4096 RELU, FC 4096
    RELU, FC ``classes``, SOFTMAX: the sizes 109, 37, 35, 18, 18, 18, 18, 6 of the
    released (ceil-mode) model. This graph counts 2,927,705,120 MACs (convs
    167,664,672, 752,640,000, 382,205,952, 764,411,904, 764,411,904; FCs 75,497,472,
    16,777,216, 4,096,000) and 102,908,520 parameters (the same layer shapes as VGG-M;
    by hand in the test). Published: no count in the paper.

    [U] no local response normalisation; the pools' padding: the first two SAME (the
    ceil-mode 37 and 18; VALID gives 36 and 17), the last VALID (6 either way); conv
    2's pad of 1 as one explicit PAD then VALID (neither VALID, 33, nor SAME, 37, gives
    35); the 3x3 convs' pad of 1 as SAME; NHWC flatten; dropout left out.
    """
    return _convs_pools(b, x, VGG_S_CONVS, VGG_S_PADS, VGG_S_POOLS, VGG_S_FC, classes)


# -- Sermanet et al.: OverFeat, accurate model

#: OverFeat's accurate model (arXiv 1312.6229, Table 3): as VGG-S's tables
OVERFEAT_A_CONVS = ((96, 7, 2, "VALID"), (256, 7, 1, "VALID"), (512, 3, 1, "SAME"),
                    (512, 3, 1, "SAME"), (1024, 3, 1, "SAME"), (1024, 3, 1, "SAME"))
OVERFEAT_A_POOLS = {0: (3, 3, "VALID"), 1: (2, 2, "VALID"), 5: (3, 3, "VALID")}
OVERFEAT_A_FC = (4096, 4096)


def overfeat_accurate(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """OverFeat's accurate model on ``x`` (``[1, 221, 221, 3]``); returns the SOFTMAX
    output ``[1, classes]``.

    Sermanet, Eigen, Zhang, Mathieu, Fergus & LeCun, "OverFeat: Integrated
    Recognition, Localization and Detection using Convolutional Networks", arXiv
    1312.6229 (ICLR 2014), Table 3 (recalled): conv 7x7/2 96 (108 x 108), max pool
    3x3/3 (36); conv 7x7 256 (30), max pool 2x2/2 (15); convs 3x3 512, 512, 1024,
    1024, each zero-padded by 1 (15); max pool 3x3/3 (5 x 5); full 4096, full 4096,
    full 1000; ReLU after every conv and hidden full layer. Here: the same, the convs
    RELU fused, RESHAPE of the 5 x 5 x 1024 map to 25,600, SOFTMAX. This graph counts
    5,355,446,784 MACs (convs 164,602,368, 1,083,801,600, 265,420,800, 530,841,600,
    1,061,683,200, 2,123,366,400; FCs 104,857,600, 16,777,216, 4,096,000) and
    144,656,488 parameters (by hand in the test). Published (Table 4, recalled): 144 M
    parameters (+0.5 %) and 5,369 M connections (-0.3 %).

    [U] VALID padding for the first two convs and the three pools, SAME for the 3x3
    convs (the padding that gives Table 3's 108, 36, 30, 15 and 5); the flatten in
    NHWC order (the release's is channel-major: the same weights permuted); dropout
    left out; no contrast normalisation (the table has none).
    """
    return _convs_pools(b, x, OVERFEAT_A_CONVS, {}, OVERFEAT_A_POOLS, OVERFEAT_A_FC,
                        classes)


# -- TensorFlow tutorial: DCGAN generator (MNIST)

#: the tutorial's generator: code size, projected side and width, (width, stride) of
#: the 5x5 transposed convs, Keras's default LeakyReLU slope
DCGAN_TF_Z, DCGAN_TF_SIDE, DCGAN_TF_WIDTH, DCGAN_TF_K = 100, 7, 256, 5
DCGAN_TF_TCONVS = ((128, 1), (64, 2), (1, 2))
DCGAN_TF_LEAK = 0.3


def dcgan_tutorial_generator(b: NetBuilder, x: int) -> int:
    """The DCGAN generator of the TensorFlow tutorial on ``x`` (``[1, 100]``: the code
    z); returns the TANH image ``[1, 28, 28, 1]``.

    TensorFlow, "Deep Convolutional Generative Adversarial Network" tutorial
    (tensorflow.org/tutorials/generative/dcgan, ``make_generator_model``, recalled):
    Dense 7 * 7 * 256 without bias, BatchNormalization, LeakyReLU; Reshape to 7 x 7 x
    256; Conv2DTranspose 128 5x5 stride 1 same without bias, BN, LeakyReLU;
    Conv2DTranspose 64 5x5 stride 2 same without bias, BN, LeakyReLU;
    Conv2DTranspose 1 5x5 stride 2 same without bias, tanh (7 -> 7 -> 14 -> 28). Here:
    FC 12,544 (its BN folded into a bias), LEAKY_RELU 0.3, RESHAPE, TRANSPOSE_CONV 128
    5x5/1 SAME (BN folded), LEAKY_RELU, TRANSPOSE_CONV 64 5x5/2 SAME (BN folded),
    LEAKY_RELU, TRANSPOSE_CONV 1 5x5/2 SAME without bias, TANH. This graph counts
    51,744,000 MACs (FC 1,254,400; TRANSPOSE_CONVs, at their input, 40,140,800,
    10,035,200, 313,600) and 2,292,736 parameters (2,280,000 weights, the folded
    biases 12,544 + 128 + 64; by hand in the test). Published: no count in the
    tutorial (the Keras model holds the same 2,280,000 weights and 50,944 BN values).

    [U] the batch norms folded into biases (the FC and the first two transposed convs
    carry one the tutorial's layers lack; the last keeps none); LEAKY_RELU standalone
    at Keras's default slope 0.3 (TFLite fuses no leaky slope); the stride-1 layer as
    TRANSPOSE_CONV (as Keras's Conv2DTranspose converts); TANH standalone.
    """
    x = b.leaky_relu(b.fc(x, DCGAN_TF_SIDE * DCGAN_TF_SIDE * DCGAN_TF_WIDTH),
                     DCGAN_TF_LEAK)
    x = b.reshape(x, (1, DCGAN_TF_SIDE, DCGAN_TF_SIDE, DCGAN_TF_WIDTH))
    for c, s in DCGAN_TF_TCONVS[:-1]:
        x = b.leaky_relu(b.transpose_conv(x, c, DCGAN_TF_K, s), DCGAN_TF_LEAK)
    c, s = DCGAN_TF_TCONVS[-1]
    return b.act(b.transpose_conv(x, c, DCGAN_TF_K, s, bias=False), "TANH")


# -- Odena, Olah & Shlens: AC-GAN generator (CIFAR-10)

#: AC-GAN's CIFAR-10 generator (arXiv 1610.09585, appendix table): input size (100
#: noise, a 10-way class one-hot), projected side and width, the 5x5/2 transposed
#: convs' widths
ACGAN_IN, ACGAN_SIDE, ACGAN_WIDTH, ACGAN_K = 110, 4, 384, 5
ACGAN_TCONVS = (192, 96, 3)


def acgan_generator(b: NetBuilder, x: int) -> int:
    """The AC-GAN CIFAR-10 generator on ``x`` (``[1, 110]``); returns the TANH image
    ``[1, 32, 32, 3]``.

    Odena, Olah & Shlens, "Conditional Image Synthesis with Auxiliary Classifier GANs",
    ICML 2017, arXiv 1610.09585 (appendix, the CIFAR-10 generator table, recalled):
    input 110 x 1 x 1; linear to 384 feature maps, ReLU, no BN; transposed
    convolutions 5x5 stride 2 to 192 and 96, BN and ReLU; a transposed convolution
    5x5 stride 2 to 3, tanh. Here: FC 6,144 RELU, RESHAPE 4 x 4 x 384, TRANSPOSE_CONVs
    192 and 96 5x5/2 SAME RELU (BN folded), TRANSPOSE_CONV 3 5x5/2 SAME, TANH (4 -> 8
    -> 16 -> 32). This graph counts 61,501,440 MACs (FC 675,840; TRANSPOSE_CONVs, at
    their input, 29,491,200, 29,491,200, 1,843,200) and 2,993,475 parameters (by hand
    in the test). Published: no count in the paper.

    [U] the linear layer's 384 maps read as 4 x 4 x 384 (an FC to 6,144, RESHAPEd
    NHWC; three stride-2 layers then give 32); the linear layer and the transposed
    convs with a bias; SAME transposed convs (output 2x the input); batch norms folded,
    RELU fused; TANH standalone; dropout (0.0 in the table) absent.
    """
    x = _project(b, x, ACGAN_SIDE, ACGAN_WIDTH)
    for c in ACGAN_TCONVS[:-1]:
        x = b.transpose_conv(x, c, ACGAN_K, 2, "RELU")
    return b.act(b.transpose_conv(x, ACGAN_TCONVS[-1], ACGAN_K, 2), "TANH")
