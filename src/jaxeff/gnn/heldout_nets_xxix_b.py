"""Held-out families XXIX, part b (session 27 addendum 2, pre-registered before being
built; issue 22): six small vision and sensor models (TFLM's hello_world sine model,
LeNet-1 and LeNet-4, All-CNN-C, the Keras FordA time-series FCN and the Keras blog's
simple MNIST autoencoder).

Six published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
normalisation folded into the convolution before it, dropout left out at inference).
Test models; no training space draws any of them in its exact configuration. The
``tiny`` space (:mod:`jaxeff.gnn.spaces_tiny`) misses each by a value: a 1-wide flat
input and a 1-wide output (hello_world), 12 filters (LeNet-1), an FC of 120 (LeNet-4),
96 / 192 filters, 9 convolutions and 271 M MACs (All-CNN-C), 500 time steps (the
FCN), a 784 input and a LOGISTIC output (the autoencoder). The ``plain`` space's VGG
stacks (3x3 SAME stride-1 convs with 2x2 max pools) hold no strided or 1x1 conv; the
``kws`` space's ``dnn`` branch draws FC + RELU stacks on 250-3920 inputs with 12
classes. Choices the sources leave open are marked [U]. As in
:mod:`jaxeff.gnn.heldout_nets_xxviii_b`, a 1-D conv over ``T`` samples is a CONV_2D
with a ``1 x k`` kernel on a ``[1, 1, T, C]`` map, and a flatten is a RESHAPE to
``[1, N]``.

* :func:`hello_world_sine`: TFLM hello_world on ``[1, 1]``: FC 16 RELU, FC 16 RELU,
  FC 1. 3 ops: 3 FULLY_CONNECTED.
* :func:`lenet1`: LeNet-1 on 28 x 28 x 1: conv 4 5x5 VALID RELU, avg pool 2, conv 12
  5x5 VALID RELU, avg pool 2, RESHAPE, FC 10, SOFTMAX. 7 ops: 2 CONV_2D,
  2 AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
* :func:`lenet4`: LeNet-4 on 32 x 32 x 1: conv 4 5x5 VALID RELU, avg pool 2, conv 16
  5x5 VALID RELU, avg pool 2, RESHAPE, FC 120 RELU, FC 10, SOFTMAX. 8 ops: 2 CONV_2D,
  2 AVERAGE_POOL_2D, RESHAPE, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`all_cnn_c`: All-CNN-C on 32 x 32 x 3: 3x3 convs 96, 96, 96/2, 192, 192,
  192/2 (SAME), 3x3 192 VALID, 1x1 192, 1x1 10 (all RELU), MEAN, SOFTMAX. 11 ops:
  9 CONV_2D, MEAN, SOFTMAX.
* :func:`keras_timeseries_fcn`: the Keras FordA FCN on 500 steps x 1 channel: three
  1-D convs 64 k3 SAME RELU, MEAN over time, FC 2, SOFTMAX. 6 ops: 3 CONV_2D, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`keras_mnist_autoencoder`: the Keras blog's simple autoencoder on 784 pixels:
  FC 32 RELU, FC 784, LOGISTIC. 3 ops: 2 FULLY_CONNECTED, LOGISTIC.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxix_b.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii_b import _flatten

__all__ = ["all_cnn_c", "hello_world_sine", "keras_mnist_autoencoder",
           "keras_timeseries_fcn", "lenet1", "lenet4"]


# -- TFLM hello_world

#: the hello_world sine model's two hidden widths
HELLO_WORLD = (16, 16)


def hello_world_sine(b: NetBuilder, x: int) -> int:
    """TensorFlow Lite Micro's hello_world sine model on ``x`` (``[1, 1]``: one value
    in [0, 2 pi]); returns the linear regression output ``[1, 1]`` (its sine).

    Warden & Situnayake, "TinyML", O'Reilly 2019, chapters 4-5, and the
    ``tensorflow/tflite-micro`` ``hello_world`` example (recalled): Dense 16 RELU,
    Dense 16 RELU, Dense 1. This graph counts 288 MACs (16 + 256 + 16) and 321
    parameters (32 + 272 + 17): the book's ``model.summary()`` total, 321 (recalled;
    exact).

    No [U] choice (no softmax: a regression).
    """
    for n in HELLO_WORLD:
        x = b.fc(x, n, "RELU")
    return b.fc(x, 1)


# -- LeNet-1 and LeNet-4

#: LeNet-1: the two 5x5 VALID convs' filters; LeNet-4: also the hidden FC
LENET1_CONVS = (4, 12)
LENET4_CONVS, LENET4_FC = (4, 16), 120


def _lenet_body(b: NetBuilder, x: int, convs: tuple[int, ...]) -> int:
    """Per ``convs``: a 5x5 VALID conv with a fused RELU [U], a 2x2 average pool."""
    for c in convs:
        x = b.pool(b.conv(x, c, 5, 1, "RELU", "VALID"), "avg", 2, 2)
    return _flatten(b, x)


def lenet1(b: NetBuilder, x: int, classes: int = 10) -> int:
    """LeNet-1 on ``x`` (``[1, 28, 28, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    LeCun et al., "Comparison of learning algorithms for handwritten digit
    recognition" (ICANN 1995) and "Gradient-Based Learning Applied to Document
    Recognition" (Proc. IEEE 1998, Section III.C; recalled): a 28 x 28 input, 4 5x5
    feature maps (24 x 24), 2x2 subsampling (12 x 12), 12 5x5 feature maps (8 x 8),
    2x2 subsampling (4 x 4), 10 outputs fully connected to the 192 units. This graph
    counts 136,320 MACs (57,600 + 76,800 + 1,920) and 3,246 parameters (104 + 1,212
    + 1,930). Published (recalled): about 2,600 free parameters (+25 %: the second
    layer of the original connects each of its 12 maps to a subset of the 4).

    [U] RELU fused into the convs (the original's scaled tanh squashing; a fused
    TANH is not among the fused activations TFLite writes); the second conv fully
    connected to the 4 maps; the subsampling as a plain 2x2 average pool (the
    original's trainable coefficient and bias, and its squashing, left out); a SOFTMAX
    output (the original's Euclidean output units).
    """
    return b.softmax(b.fc(_lenet_body(b, x, LENET1_CONVS), classes))


def lenet4(b: NetBuilder, x: int, classes: int = 10) -> int:
    """LeNet-4 on ``x`` (``[1, 32, 32, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    LeCun, Bottou, Bengio & Haffner, Proc. IEEE 1998, Section III.C (recalled): a 32 x
    32 input, 4 5x5 feature maps (28), subsampling (14), 16 5x5 feature maps (10),
    subsampling (5), FC 120, 10 outputs. This graph counts 287,600 MACs (78,400 +
    160,000 + 48,000 + 1,200) and 51,050 parameters (104 + 1,616 + 48,120 + 1,210).
    Published (recalled): about 260,000 connections (+11 %) and about 17,000 free
    parameters (x 3: the FC of 400 x 120 alone holds 48,000 weights, so the recalled
    figure is either wrong or the original's maps / connections are sparser than this
    layer list; not pinned).

    [U] RELU fused into the convs and the FC of 120 (the original's tanh); VALID
    convs; one plain 2x2 average pool per map (the paper's eight subsampling maps,
    two per first-layer map, recalled, built as the 4 pooled maps); the second conv
    fully connected to them; a SOFTMAX output.
    """
    x = b.fc(_lenet_body(b, x, LENET4_CONVS), LENET4_FC, "RELU")
    return b.softmax(b.fc(x, classes))


# -- All-CNN-C

#: All-CNN-C (arXiv 1412.6806, Table 2, model C): (filters, kernel, stride, padding)
ALL_CNN_C = ((96, 3, 1, "SAME"), (96, 3, 1, "SAME"), (96, 3, 2, "SAME"),
             (192, 3, 1, "SAME"), (192, 3, 1, "SAME"), (192, 3, 2, "SAME"),
             (192, 3, 1, "VALID"), (192, 1, 1, "VALID"), (10, 1, 1, "VALID"))


def all_cnn_c(b: NetBuilder, x: int) -> int:
    """All-CNN-C on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, 10]``.

    Springenberg, Dosovitskiy, Brox & Riedmiller, "Striving for Simplicity: The All
    Convolutional Net", arXiv 1412.6806 (ICLR 2015 workshop), Table 2, model C
    (recalled): 3x3 conv 96 RELU, 3x3 conv 96 RELU, 3x3 conv 96 stride 2 (in place of
    the max pool; 16 x 16), 3x3 conv 192 RELU twice, 3x3 conv 192 stride 2 (8 x 8),
    3x3 conv 192 VALID (6 x 6), 1x1 conv 192, 1x1 conv 10, global averaging over 6 x
    6, 10-way softmax. This graph counts 270,798,336 MACs (2,654,208 + 84,934,656 +
    21,233,664 + 42,467,328 + 84,934,656 + 21,233,664 + 11,943,936 + 1,327,104 +
    69,120) and 1,369,738 parameters (2,688 + 2 x 83,040 + 166,080 + 3 x 331,968 +
    37,056 + 1,930). Published (Table 3, recalled): about 1.3 M parameters (+5 %).

    [U] SAME padding for the paper's pad 1 (the stride-2 convs: TFLite pads 0 / 1
    instead of 1 / 1, the same 16 and 8 outputs and MACs); RELU fused into every conv,
    the 1x1 of 10 included (Table 2 lists it with a ReLU); the global average as MEAN
    over H, W (keep_dims false); the input dropout and the dropouts after the strided
    convs left out (identity at inference).
    """
    for c, k, s, pad in ALL_CNN_C:
        x = b.conv(x, c, k, s, "RELU", pad)
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))


# -- Keras timeseries FCN

#: the Keras FordA FCN: three 1-D convs of (filters, taps), SAME, each with a folded
#: BatchNorm and a RELU
FCN_CONVS = ((64, 3), (64, 3), (64, 3))


def keras_timeseries_fcn(b: NetBuilder, x: int, classes: int = 2) -> int:
    """The Keras "Timeseries classification from scratch" FCN on ``x`` (``[1, 1,
    500, 1]``: a FordA engine-noise window of 500 samples); returns the SOFTMAX output
    ``[1, classes]``.

    keras.io ``examples/timeseries/timeseries_classification_from_scratch`` (Ismail
    Fawaz, 2020; recalled), after the FCN of Wang, Yan & Oates, "Time Series
    Classification from Scratch with Deep Neural Networks: A Strong Baseline"
    (IJCNN 2017): three blocks of Conv1D 64 k3 SAME, BatchNormalization, ReLU, then
    GlobalAveragePooling1D and Dense 2 softmax. This graph counts 12,384,128 MACs
    (96,000 + 6,144,000 + 6,144,000 + 128) and 25,090 parameters (256 + 12,352 +
    12,352 + 130). Keras counts the same layers with the BatchNorms (4 x 64 each, half
    non-trainable): 25,858 (+768; no published count recalled).

    [U] the 1-D layout ``[1, 1, T, C]`` with ``1 x 3`` kernels (as
    :func:`jaxeff.gnn.heldout_nets_xxviii_b.har_cnn1d`); BatchNorm folded into the
    conv weights and bias (as the TFLite converter does); RELU fused; the global
    average as MEAN over H, W.
    """
    for c, k in FCN_CONVS:
        x = b.conv(x, c, (1, k), 1, "RELU", "SAME")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


# -- Keras blog autoencoder

#: the Keras blog's simple autoencoder: the code width and the reconstruction width
AE_CODE, AE_OUT = 32, 784


def keras_mnist_autoencoder(b: NetBuilder, x: int) -> int:
    """The Keras blog's simplest autoencoder on ``x`` (``[1, 784]``: a flattened
    MNIST digit); returns the sigmoid reconstruction ``[1, 784]``.

    Chollet, "Building Autoencoders in Keras", blog.keras.io, 2016 (recalled): Dense 32
    RELU (the encoding), Dense 784 sigmoid (the decoding). This graph counts 50,176
    MACs (2 x 25,088) and 50,992 parameters (25,120 + 25,872): the autoencoder's
    ``model.summary()`` total, 50,992 (recalled; exact).

    [U] the sigmoid as a FULLY_CONNECTED followed by a standalone LOGISTIC (TFLite
    has no fused sigmoid; the converter writes it so); the input already flat.
    """
    x = b.fc(x, AE_CODE, "RELU")
    return b.act(b.fc(x, AE_OUT), "LOGISTIC")
