"""Held-out families XXVIII, part b (session 27, pre-registered before being built;
issue 22): six small vision and sensor models (two MNIST MLPs, two MNIST / CIFAR-10
Keras convnets, Caffe's CIFAR-10 quick net, a UCI-HAR 1-D CNN).

Six published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, dropout
left out at inference). Test models; the ``tiny`` training space
(:mod:`jaxeff.gnn.spaces_tiny`, session 27's rule K, as revised before any training)
holds two of them in their exact configuration, :func:`keras_mnist_convnet` and
:func:`keras_cifar10_cnn` (generic 3x3 conv + 2x2 max-pool stacks), which are
therefore left out of session 27's headline (PREREGISTERED.md s27, addendum 1); it
misses the other four by a value (784 inputs, FC 300 / 100, 3/2 pools). No other
space draws any (the ``kws`` space's ``dnn`` branch draws FC + RELU stacks on
250-3920 inputs with widths 64-436 and 12 classes; the ``plain`` space's VGG stacks
are all-SAME 3x3 convs on 3-channel inputs without a hidden FC). Choices
the sources leave open are marked [U]. As in
:mod:`jaxeff.gnn.heldout_nets_xxvii_b`, a 1-D conv over ``T`` samples is a CONV_2D
with a ``1 x k`` kernel on a ``[1, 1, T, C]`` map, and a Keras ``Flatten`` is a
RESHAPE to ``[1, N]``.

* :func:`lenet_300_100`: LeNet-300-100 on 784 pixels: FC 300 RELU, FC 100 RELU,
  FC 10, SOFTMAX. 4 ops: 3 FULLY_CONNECTED, SOFTMAX.
* :func:`keras_mnist_convnet`: the Keras "Simple MNIST convnet" on 28 x 28 x 1: conv
  32 3x3 VALID RELU, max pool 2, conv 64 3x3 VALID RELU, max pool 2, RESHAPE, FC 10,
  SOFTMAX. 7 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
* :func:`cifar10_quick`: Caffe's ``cifar10_quick`` on 32 x 32 x 3: conv 32 5x5
  (RELU fused), max pool 3/2, conv 32 5x5 RELU, avg pool 3/2, conv 64 5x5 RELU, avg
  pool 3/2, RESHAPE, FC 64, FC 10, SOFTMAX. 10 ops: 3 CONV_2D, MAX_POOL_2D,
  2 AVERAGE_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`keras_cifar10_cnn`: the Keras ``cifar10_cnn`` example on 32 x 32 x 3: conv
  32 SAME, conv 32 VALID, max pool 2, conv 64 SAME, conv 64 VALID, max pool 2 (3x3
  kernels, RELU), RESHAPE, FC 512 RELU, FC 10, SOFTMAX. 10 ops: 4 CONV_2D,
  2 MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`har_cnn1d`: a UCI-HAR 1-D CNN on 128 steps x 9 channels: 1-D conv 64 k3
  VALID RELU twice, max pool 2, RESHAPE, FC 100 RELU, FC 6, SOFTMAX. 7 ops:
  2 CONV_2D, MAX_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`keras_mnist_mlp`: the Keras ``mnist_mlp`` example on 784 pixels: FC 512
  RELU, FC 512 RELU, FC 10, SOFTMAX. 4 ops: 3 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxviii_b.py``.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["cifar10_quick", "har_cnn1d", "keras_cifar10_cnn", "keras_mnist_convnet",
           "keras_mnist_mlp", "lenet_300_100"]


def _mlp(b: NetBuilder, x: int, widths: tuple[int, ...], classes: int) -> int:
    """An FC with a fused RELU per ``widths``, a linear FC to ``classes``, SOFTMAX."""
    for n in widths:
        x = b.fc(x, n, "RELU")
    return b.softmax(b.fc(x, classes))


def _flatten(b: NetBuilder, x: int) -> int:
    """RESHAPE ``x`` to ``[1, N]`` (Keras's ``Flatten``, Caffe's implicit one)."""
    return b.reshape(x, (1, math.prod(b.shape(x)[1:])))


# -- MLPs on MNIST

#: LeNet-300-100's hidden widths (LeCun et al. 1998, Section III.C)
LENET_300_100 = (300, 100)
#: the Keras ``mnist_mlp`` example's hidden widths
KERAS_MNIST_MLP = (512, 512)


def lenet_300_100(b: NetBuilder, x: int, classes: int = 10) -> int:
    """LeNet-300-100 on ``x`` (``[1, 784]``: a 28 x 28 digit, flattened); returns the
    SOFTMAX output ``[1, classes]``.

    LeCun, Bottou, Bengio & Haffner, "Gradient-Based Learning Applied to Document
    Recognition", Proc. IEEE 86(11), 1998 (Section III.C, the 2-hidden-layer fully
    connected net with 300 and 100 units); the dense baseline Han et al. prune
    ("Learning both Weights and Connections", NIPS 2015, Table 1): FC 300 RELU, FC
    100 RELU, FC 10, SOFTMAX. This graph counts 266,200 MACs (784 x 300 + 300 x 100 +
    100 x 10) and 266,610 parameters (the MACs + 410 biases). Published (Han et al.
    Table 1, recalled): 267 K weights (-0.15 %).

    [U] RELU (the paper's sigmoid units, as the modern re-implementations and Han et
    al.); a SOFTMAX output (the paper's Euclidean / cross-entropy output layer); the
    input already flat (no RESHAPE op).
    """
    return _mlp(b, x, LENET_300_100, classes)


def keras_mnist_mlp(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The Keras ``mnist_mlp`` example on ``x`` (``[1, 784]``); returns the SOFTMAX
    output ``[1, classes]``.

    keras-team/keras ``examples/mnist_mlp.py`` (Keras 2; recalled): Dense 512 RELU,
    Dropout 0.2, Dense 512 RELU, Dropout 0.2, Dense 10 softmax. This graph counts
    668,672 MACs (784 x 512 + 512 x 512 + 512 x 10) and 669,706 parameters
    (401,920 + 262,656 + 5,130): the example's ``model.summary()`` total, 669,706
    (recalled; exact).

    [U] the dropouts left out (identity at inference); the input already flat.
    """
    return _mlp(b, x, KERAS_MNIST_MLP, classes)


# -- Keras simple MNIST convnet

#: the Keras "Simple MNIST convnet": the two 3x3 VALID convs' filters
KERAS_MNIST_CONVS = (32, 64)


def keras_mnist_convnet(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The Keras "Simple MNIST convnet" on ``x`` (``[1, 28, 28, 1]``); returns the
    SOFTMAX output ``[1, classes]``.

    keras.io ``examples/vision/mnist_convnet`` (Chollet, 2015 / 2020; recalled):
    Conv2D 32 3x3 RELU (VALID: 26 x 26), MaxPooling2D 2 (13), Conv2D 64 3x3 RELU
    (11), MaxPooling2D 2 (5, floor), Flatten (1,600), Dropout 0.5, Dense 10 softmax.
    This graph counts 2,440,960 MACs (194,688 + 2,230,272 + 16,000) and 34,826
    parameters (320 + 18,496 + 16,010): the example's ``model.summary()`` total,
    34,826 (recalled; exact).

    [U] the dropout left out (identity at inference).
    """
    for c in KERAS_MNIST_CONVS:
        x = b.pool(b.conv(x, c, 3, 1, "RELU", "VALID"), "max", 2, 2)
    return b.softmax(b.fc(_flatten(b, x), classes))


# -- Caffe cifar10_quick

#: Caffe ``cifar10_quick``: the three 5x5 convs' filters, the pool after each
#: ("max" / "ave", kernel 3 stride 2), the hidden FC (``ip1``)
CIFAR10_QUICK_CONVS = (32, 32, 64)
CIFAR10_QUICK_POOLS = ("max", "avg", "avg")
CIFAR10_QUICK_FC = 64


def cifar10_quick(b: NetBuilder, x: int, classes: int = 10) -> int:
    """Caffe's ``cifar10_quick`` on ``x`` (``[1, 32, 32, 3]``); returns the SOFTMAX
    output ``[1, classes]``.

    Jia et al., Caffe (``examples/cifar10/cifar10_quick_train_test.prototxt``,
    recalled), the CIFAR-10 net of the CMSIS-NN paper's example (Lai, Suda & Chandra,
    arXiv 1801.06601, Section 4): conv1 32 5x5 pad 2, pool1 max 3/2, relu1, conv2 32
    5x5 pad 2, relu2, pool2 ave 3/2, conv3 64 5x5 pad 2, relu3, pool3 ave 3/2, ip1 64
    (no RELU), ip2 10, softmax; maps 32 -> 16 -> 8 -> 4. This graph counts 12,354,176
    MACs (2,457,600 + 6,553,600 + 3,276,800 + 65,536 + 640) and 145,578 parameters
    (2,432 + 25,632 + 51,264 + 65,600 + 650; no published count recalled with
    confidence).

    [U] the pools SAME: Caffe's ceil-rounded pools with pad 0 give 16 / 8 / 4 as
    TFLite's SAME (the last window is cut at the border in both; Caffe's average
    divides by the window's in-map size there, as TFLite's SAME average); relu1 fused
    into conv1 before pool1 (max pooling and RELU commute); the convs' pad 2 as SAME;
    Caffe's CHW flatten order as NHWC (a permutation of ip1's weights, the same cost).
    Arm's ``arm_nnexamples_cifar10`` code may use narrower layers (recalled, not
    built).
    """
    for c, pool in zip(CIFAR10_QUICK_CONVS, CIFAR10_QUICK_POOLS, strict=True):
        x = b.pool(b.conv(x, c, 5, 1, "RELU"), pool, 3, 2, "SAME")
    x = b.fc(_flatten(b, x), CIFAR10_QUICK_FC)
    return b.softmax(b.fc(x, classes))


# -- Keras cifar10_cnn

#: the Keras ``cifar10_cnn`` example: per stage (filters, paddings of its two 3x3
#: convs), each stage ending in a 2x2 max pool; the hidden Dense
KERAS_CIFAR10_STAGES = ((32, ("SAME", "VALID")), (64, ("SAME", "VALID")))
KERAS_CIFAR10_FC = 512


def keras_cifar10_cnn(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The Keras ``cifar10_cnn`` example on ``x`` (``[1, 32, 32, 3]``); returns the
    SOFTMAX output ``[1, classes]``.

    keras-team/keras ``examples/cifar10_cnn.py`` (Keras 2; recalled): Conv2D 32 3x3
    SAME RELU (32), Conv2D 32 3x3 RELU (VALID: 30), MaxPooling2D 2 (15), Dropout 0.25,
    Conv2D 64 3x3 SAME RELU (15), Conv2D 64 3x3 RELU (13), MaxPooling2D 2 (6, floor),
    Dropout 0.25, Flatten (2,304), Dense 512 RELU, Dropout 0.5, Dense 10 softmax. This
    graph counts 20,741,120 MACs (884,736 + 8,294,400 + 4,147,200 + 6,230,016 +
    1,179,648 + 5,120) and 1,250,858 parameters (896 + 9,248 + 18,496 + 36,928 +
    1,180,160 + 5,130): the example's ``model.summary()`` total, 1,250,858
    (recalled; exact).

    [U] the three dropouts left out (identity at inference); RELU fused (the example's
    separate ``Activation`` layers, which the converter fuses).
    """
    for c, pads in KERAS_CIFAR10_STAGES:
        for pad in pads:
            x = b.conv(x, c, 3, 1, "RELU", pad)
        x = b.pool(x, "max", 2, 2)
    return _mlp(b, _flatten(b, x), (KERAS_CIFAR10_FC,), classes)


# -- UCI-HAR 1-D CNN

#: the UCI-HAR 1-D CNN: the two VALID convs' (filters, taps), the max pool, the
#: hidden Dense
HAR_CONVS = ((64, 3), (64, 3))
HAR_POOL, HAR_FC = 2, 100


def har_cnn1d(b: NetBuilder, x: int, classes: int = 6) -> int:
    """The UCI-HAR 1-D CNN on ``x`` (``[1, 1, 128, 9]``: 128 samples of 2.56 s at 50
    Hz, 9 inertial channels); returns the SOFTMAX output ``[1, classes]`` (the six
    activities).

    Brownlee's Keras tutorial "1D Convolutional Neural Network Models for Human
    Activity Recognition" (machinelearningmastery.com, 2018; recalled) on the UCI-HAR
    dataset of Anguita et al. (ESANN 2013): Conv1D 64 k3 RELU (VALID: 126), Conv1D 64
    k3 RELU (124), Dropout 0.5, MaxPooling1D 2 (62), Flatten (3,968), Dense 100 RELU,
    Dense 6 softmax. This graph counts 2,138,840 MACs (217,728 + 1,523,712 + 396,800
    + 600) and 411,650 parameters (1,792 + 12,352 + 396,900 + 606; Keras's count of
    the same layers; no published count recalled).

    [U] the 1-D layout ``[1, 1, T, C]`` with ``1 x 3`` kernels and a ``1 x 2`` pool
    (as :func:`jaxeff.gnn.heldout_nets_xxvii_b.ecg_cnn`; the ``[1, T, 1, C]`` layout
    the TFLite converter writes for Conv1D has the same MACs and weights); the
    dropout left out (identity at inference).
    """
    for c, k in HAR_CONVS:
        x = b.conv(x, c, (1, k), 1, "RELU", "VALID")
    x = b.pool(x, "max", (1, HAR_POOL), (1, HAR_POOL))
    return _mlp(b, _flatten(b, x), (HAR_FC,), classes)
