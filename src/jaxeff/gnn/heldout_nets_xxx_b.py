"""Held-out families XXX, part b (session 28, pre-registered before being built;
issue 22): five small published vision models (Caffe's MNIST LeNet, the CIFAR-10
ResNet-20 with the paper's zero-padding shortcuts, Simard et al.'s 800-unit MLP, the
Keras convolutional VAE and the TensorFlow Fashion-MNIST tutorial MLP).

Five published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
normalisation folded into the convolution before it, dropout left out at inference).
Test models. The ``tiny`` space (:mod:`jaxeff.gnn.spaces_tiny`) draws one of them in
its exact configuration up to the input's trailing unit axis,
:func:`tf_fashion_mlp` (a 28 x 28 x 1 image with no conv, flatten, FC 128 RELU, FC 10
without SOFTMAX; the tutorial's input is ``[1, 28, 28]``), which therefore leaves the
headline. It misses the others by a value: 20 / 50 filters and an FC of 500 (Caffe's
LeNet), an FC of 800 on 784 inputs (Simard's MLP), FCs of 2 / 3,136, the RESHAPE back
to a map and the TRANSPOSE_CONVs (the VAE). The ``resnet`` space draws ResNet-20's
body, but with 1x1 projection shortcuts (the earlier test model ``resnet20_cifar``);
the option-A shortcuts here (STRIDED_SLICE + channel PAD) and the SOFTMAX it never
draws. Choices the sources leave open are marked [U]; a flatten is a RESHAPE to
``[1, N]`` (:func:`jaxeff.gnn.heldout_nets_xxviii_b._flatten`).

* :func:`caffe_lenet_mnist`: Caffe's ``examples/mnist/lenet.prototxt`` on 28 x 28 x 1:
  conv 20 5x5 VALID (linear), max pool 2/2, conv 50 5x5 VALID (linear), max pool 2/2,
  RESHAPE, FC 500 RELU, FC 10, SOFTMAX. 8 ops: 2 CONV_2D, 2 MAX_POOL_2D, RESHAPE,
  2 FULLY_CONNECTED, SOFTMAX.
* :func:`resnet20_cifar_a`: ResNet-20 on 32 x 32 x 3: 3x3 conv 16, 3 x 3 basic blocks
  (16, 32, 64; stride 2 first in stages 2 and 3; ADD + RELU), option-A shortcuts
  (STRIDED_SLICE 2 and a channel PAD), MEAN, FC 10, SOFTMAX. 35 ops: 19 CONV_2D,
  9 ADD, 2 STRIDED_SLICE, 2 PAD, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`simard_mlp_800`: Simard, Steinkraus & Platt's MLP on 784 pixels: FC 800,
  LOGISTIC, FC 10, SOFTMAX. 4 ops: 2 FULLY_CONNECTED, LOGISTIC, SOFTMAX.
* :func:`keras_vae_mnist`: the keras.io VAE on 28 x 28 x 1, encoder then decoder on
  ``z_mean``: conv 32 3x3/2 SAME RELU, conv 64 3x3/2 SAME RELU, RESHAPE, FC 16 RELU,
  FC 2, FC 3136 RELU, RESHAPE to 7 x 7 x 64, TRANSPOSE_CONV 64 3x3/2 RELU, 32 3x3/2
  RELU, 1 3x3/1, LOGISTIC. 11 ops: 2 CONV_2D, 2 RESHAPE, 3 FULLY_CONNECTED,
  3 TRANSPOSE_CONV, LOGISTIC.
* :func:`tf_fashion_mlp`: the TensorFlow Fashion-MNIST tutorial on 28 x 28: RESHAPE,
  FC 128 RELU, FC 10 (logits). 3 ops: RESHAPE, 2 FULLY_CONNECTED.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxx_b.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii_b import _flatten, _mlp

__all__ = ["caffe_lenet_mnist", "keras_vae_mnist", "resnet20_cifar_a",
           "simard_mlp_800", "tf_fashion_mlp"]


# -- Caffe's MNIST LeNet

#: lenet.prototxt: the two 5x5 convs' outputs and the hidden FC (ip1)
CAFFE_LENET_CONVS, CAFFE_LENET_FC = (20, 50), 500


def caffe_lenet_mnist(b: NetBuilder, x: int, classes: int = 10) -> int:
    """Caffe's MNIST LeNet on ``x`` (``[1, 28, 28, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    BVLC Caffe, ``examples/mnist/lenet.prototxt`` (and ``lenet_train_test.prototxt``;
    the "Training LeNet on MNIST with Caffe" tutorial): conv1 20 5x5 stride 1 (no
    padding, no activation), pool1 MAX 2 stride 2, conv2 50 5x5 (no activation), pool2
    MAX 2/2, ip1 500, relu1, ip2 10, prob SOFTMAX. Maps 24 x 24 x 20, 12 x 12 x 20, 8 x
    8 x 50, 4 x 4 x 50 (800). This graph counts 2,293,000 MACs (288,000 + 1,600,000 +
    400,000 + 5,000) and 431,080 parameters (520 + 25,050 + 400,500 + 5,010): the
    ``lenet_iter_10000.caffemodel`` blob sizes (exact by construction; no published
    total recalled).

    [U] the flatten in NHWC order (Caffe flattens C, H, W: the same FC, its weight
    rows permuted); the input's 1/256 scale (a data-layer transform) left out.
    """
    for c in CAFFE_LENET_CONVS:  # no RELU after either conv, as the prototxt
        x = b.pool(b.conv(x, c, 5, 1, "NONE", "VALID"), "max", 2, 2)
    return _mlp(b, _flatten(b, x), (CAFFE_LENET_FC,), classes)


# -- CIFAR-10 ResNet-20, option A

#: He et al., Section 4.2: n = 3 blocks per stage, stage widths
RESNET20_N, RESNET20_WIDTHS = 3, (16, 32, 64)


def _shortcut_a(b: NetBuilder, x: int, cout: int) -> int:
    """Option A: subsample by 2 (STRIDED_SLICE ``[:, ::2, ::2, :]``) and zero-pad the
    channels to ``cout``, half before and half after [U]."""
    _, h, w, c = b.shape(x)
    x = b.strided_slice(x, (0, 0, 0, 0), (1, h, w, c), (1, 2, 2, 1))
    p = (cout - c) // 2
    return b.pad(x, ((0, 0), (0, 0), (0, 0), (p, cout - c - p)))


def resnet20_cifar_a(b: NetBuilder, x: int, classes: int = 10,
                     branch: Callable[[NetBuilder, int], int] | None = None) -> int:
    """ResNet-20 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX output
    ``[1, classes]``.

    He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", arXiv
    1512.03385, Section 4.2: a 3x3 conv of 16, then 6n 3x3 layers on maps of 32, 16,
    8 with 16, 32, 64 filters (n = 3: 20 weighted layers), subsampling by stride-2
    convs, "the network ends with a global average pooling, a 10-way fully-connected
    layer, and softmax"; identity shortcuts everywhere, option A (zero-padding, no
    extra parameter) where the dimensions grow. This graph counts 40,551,040 MACs
    (442,368 + 6 x 2,359,296 + 1,179,648 + 5 x 2,359,296 + 1,179,648 + 5 x 2,359,296
    + 640) and 269,034 parameters (448 + 13,920 + 50,880 + 203,136 + 650). Published
    (Table 6): 0.27 M parameters (-0.4 %); 41 M FLOPs as commonly quoted (recalled,
    -1 %).

    [U] option A as a STRIDED_SLICE by 2 and a PAD of the channels, 8 / 16 zero maps
    before and after (as common reimplementations pad; the paper does not say where);
    batch norm folded into the convs; RELU fused into the first conv of a block and
    into the ADD; the global average as MEAN over H, W. ``branch(b, y)``, where given,
    acts on each block's residual branch before the ADD (SE-ResNet-20,
    :mod:`jaxeff.gnn.heldout_nets_xxxi_b`).
    """
    x = b.conv(x, RESNET20_WIDTHS[0], 3, 1, "RELU")
    for stage, width in enumerate(RESNET20_WIDTHS):
        for i in range(RESNET20_N):
            s = 2 if stage and not i else 1
            y = b.conv(b.conv(x, width, 3, s, "RELU"), width, 3)
            y = branch(b, y) if branch else y
            x = b.add(y, _shortcut_a(b, x, width) if s == 2 else x, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


# -- Simard et al.'s MLP

#: the MLP's hidden width (Simard, Steinkraus & Platt 2003, Table 1)
SIMARD_HIDDEN = 800


def simard_mlp_800(b: NetBuilder, x: int, classes: int = 10) -> int:
    """Simard et al.'s 2-layer MLP on ``x`` (``[1, 784]``: a 28 x 28 digit,
    flattened); returns the SOFTMAX output ``[1, classes]``.

    Simard, Steinkraus & Platt, "Best Practices for Convolutional Neural Networks
    Applied to Visual Document Analysis", ICDAR 2003 (Table 1, recalled): a fully
    connected network of 800 hidden units trained with cross-entropy (0.7 % error with
    elastic distortions). This graph counts 635,200 MACs (627,200 + 8,000) and 636,010
    parameters (628,000 + 8,010; no published count recalled).

    [U] the hidden activation a logistic sigmoid (the paper's squashing units,
    recalled, not read), a standalone LOGISTIC after the FC as the converter writes it;
    the cross-entropy output as a SOFTMAX.
    """
    x = b.act(b.fc(x, SIMARD_HIDDEN), "LOGISTIC")
    return b.softmax(b.fc(x, classes))


# -- keras.io convolutional VAE

#: the keras.io VAE: encoder convs, the dense width, the latent size, the decoder's
#: 7 x 7 x 64 map and its transposed convs (filters, stride)
VAE_CONVS, VAE_DENSE, VAE_LATENT = (32, 64), 16, 2
VAE_MAP, VAE_TCONVS = (7, 7, 64), ((64, 2), (32, 2))


def keras_vae_mnist(b: NetBuilder, x: int) -> int:
    """The keras.io "Variational AutoEncoder" on ``x`` (``[1, 28, 28, 1]``), the
    decoder applied to the encoder's ``z_mean``; returns the sigmoid image ``[1, 28,
    28, 1]``.

    fchollet, keras.io ``examples/generative/vae`` (2020, last modified 2024): encoder
    Conv2D 32 3 strides 2 SAME RELU, Conv2D 64 3 strides 2 SAME RELU, Flatten, Dense
    16 RELU, Dense 2 ``z_mean`` (and Dense 2 ``z_log_var``, a Sampling layer); decoder
    Dense 7 * 7 * 64 RELU, Reshape (7, 7, 64), Conv2DTranspose 64 3 strides 2 SAME
    RELU, Conv2DTranspose 32 3 strides 2 SAME RELU, Conv2DTranspose 1 3 SAME sigmoid.
    11 ops: 2 CONV_2D, 2 RESHAPE, 3 FULLY_CONNECTED, 3 TRANSPOSE_CONV, LOGISTIC. This
    graph counts 6,660,896 MACs (56,448 + 903,168 + 50,176 + 32 + 6,272 + 1,806,336 +
    3,612,672 + 225,792; transposed convs counted per input pixel) and 134,131
    parameters: the example's ``summary()`` totals, encoder 69,076 and decoder 65,089
    (recalled; exact), less ``z_log_var``'s 34.

    [U] deterministic inference on the mean path (decoder(``z_mean``); ``z_log_var``
    and the sampling left out, as a converter prunes an unused head); one graph,
    encoder then decoder; RELU fused into the transposed convs; the sigmoid a
    standalone LOGISTIC.
    """
    for c in VAE_CONVS:
        x = b.conv(x, c, 3, 2, "RELU", "SAME")
    z = b.fc(b.fc(_flatten(b, x), VAE_DENSE, "RELU"), VAE_LATENT)
    h, w, c = VAE_MAP
    x = b.reshape(b.fc(z, h * w * c, "RELU"), (1, h, w, c))
    for c, s in VAE_TCONVS:
        x = b.transpose_conv(x, c, 3, s, "RELU", "SAME")
    return b.act(b.transpose_conv(x, 1, 3, 1, "NONE", "SAME"), "LOGISTIC")


# -- TensorFlow Fashion-MNIST tutorial

#: the tutorial's hidden width
FASHION_HIDDEN = 128


def tf_fashion_mlp(b: NetBuilder, x: int, classes: int = 10) -> int:
    """The TensorFlow "Basic classification: Classify images of clothing" model on
    ``x`` (``[1, 28, 28]``: a Fashion-MNIST image); returns the logits ``[1,
    classes]``.

    tensorflow.org ``tutorials/keras/classification``: Flatten(input_shape=(28, 28)),
    Dense 128 RELU, Dense 10 (logits: the loss takes ``from_logits=True``; a
    Softmax is only appended afterwards for a separate probability model). This graph
    counts 101,632 MACs (100,352 + 1,280) and 101,770 parameters (100,480 + 1,290): the
    tutorial's ``model.summary()`` total, 101,770 (recalled; exact).

    No [U] choice (the logits model, without the probability model's SOFTMAX).
    """
    x = b.fc(_flatten(b, x), FASHION_HIDDEN, "RELU")
    return b.fc(x, classes)
