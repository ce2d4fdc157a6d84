"""Held-out families XXXI, part b (session 28 addendum 1, pre-registered before being
built; issue 22): four small published vision models with squeeze-excitation or small
inputs (MobileNetV3-Small 0.5 and MnasNet-A1 0.35 at 96 x 96, SE-ResNet-20 on CIFAR-10,
SqueezeNet 1.1 at 96 x 96 with 10 classes).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
into the convolution before it, dropout left out at inference), each by an existing
builder with a width, class-count or branch parameter (their default graphs
unchanged). Test models. No training space (:mod:`jaxeff.gnn.spaces` and its
siblings, ``bcast`` and ``families`` included) draws any of them in its exact
configuration; the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxi_b.py``. Choices the sources leave open are marked
[U].

* :func:`mobilenet_v3_small_050`: MobileNetV3-Small (Howard et al., "Searching for
  MobileNetV3", arXiv 1905.02244, Table 2) with width multiplier 0.5 (Keras / timm
  scaling) on 96 x 96 x 3, 1000 classes: :func:`jaxeff.gnn.heldout_nets.mobilenet_v3`.
* :func:`mnasnet_a1_035`: MnasNet-A1 (Tan et al., arXiv 1807.11626, Figure 7(a)) with
  depth multiplier 0.35 on 96 x 96 x 3 (the reference TF release's ``round_filters``,
  head 1280 kept): :func:`jaxeff.gnn.heldout_nets.mnasnet_a1`.
* :func:`se_resnet20_cifar`: ResNet-20 (He et al., arXiv 1512.03385, Section 4.2) with
  option-A shortcuts (:func:`jaxeff.gnn.heldout_nets_xxx_b.resnet20_cifar_a`) and a
  squeeze-excitation block (Hu et al., "Squeeze-and-Excitation Networks", arXiv
  1709.01507, Figure 3) on every residual branch before the ADD, reduction r = 16.
* :func:`squeezenet11_96`: SqueezeNet 1.1 (Iandola et al., arXiv 1602.07360; the v1.1
  layout of the authors' release) on 96 x 96 x 3 with 10 classes:
  :func:`jaxeff.gnn.heldout_nets.squeezenet11`.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import mnasnet_a1, mobilenet_v3, squeezenet11
from jaxeff.gnn.heldout_nets_xxx_b import resnet20_cifar_a

__all__ = ["SE_RATIO", "mnasnet_a1_035", "mobilenet_v3_small_050", "se_block",
           "se_resnet20_cifar", "squeezenet11_96"]


def mobilenet_v3_small_050(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNetV3-Small 0.5 on ``x`` (``[1, 96, 96, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Howard et al., arXiv 1905.02244, Table 2 (Small), with the width multiplier as
    Keras' ``MobileNetV3Small(alpha=0.5)`` and timm's ``mobilenetv3_small_050`` apply
    it: stem 3x3/2 16 HARD_SWISH (not scaled); 11 bottlenecks with outputs 8, 16, 16,
    24 x 5, 48 x 3 and expansions 16, 40, 56, 64, 144, 144, 72, 72, 144, 288, 288
    (RELU in the first three, HARD_SWISH after; 3x3 then 5x5 depthwise;
    squeeze-excite with a hard-sigmoid gate on blocks 1 and 4-11, ``_div8(exp / 4)``
    channels); residual ADDs where stride 1 and the channels are kept (blocks 3, 5, 6,
    7, 8, 10, 11: at 0.5 block 7 keeps 24 channels); last 1x1 288 HARD_SWISH, MEAN,
    1x1 1024 HARD_SWISH, 1x1 classes, RESHAPE, SOFTMAX. 119 ops: 43 CONV_2D, 11
    DEPTHWISE_CONV_2D, 19 HARD_SWISH, 10 MEAN, 16 ADD (9 gates, 7 residual), 18 MUL,
    RESHAPE, SOFTMAX. This graph counts 5,622,928 MACs and 1,589,994 parameters.
    Published: timm's ``mobilenetv3_small_050``, 1.59 M parameters (recalled; 0.0 %);
    no published MAC count at 96 (the paper and the TF-Slim / Keras tables stop at
    0.75; at 0.75 and 224 this builder gives 43.4 M MACs against their 44 M).

    [U] 1000 classes (ImageNet; not the 2 of visual wake words), as the builder's
    default; the paper's SE on the last 1x1 conv left out (as the builder and the
    releases); the hard sigmoid as ADD 3 + RELU6, MUL 1/6.
    """
    return mobilenet_v3(b, x, "small", classes, 0.5)


def mnasnet_a1_035(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MnasNet-A1 0.35 on ``x`` (``[1, 96, 96, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Tan et al., arXiv 1807.11626, Figure 7(a), with depth multiplier 0.35 as the
    reference TF implementation (``mnasnet_model.round_filters``) applies it: stem
    3x3/2 16 RELU, SepConv to 8, MBConv stages of 8 (x2), 16 (x3, SE), 32 (x4), 40
    (x2, SE), 56 (x3, SE), 112 (x1); squeeze-excite of ``max(1, int(C_in / 4))``
    channels of the block's input (2 and 4 in the 16 stage), LOGISTIC gate; head 1x1
    1280 RELU (not scaled), MEAN, FC, SOFTMAX. 101 ops: 49 CONV_2D, 16
    DEPTHWISE_CONV_2D, 9 ADD, 9 MEAN, 8 LOGISTIC, 8 MUL, FULLY_CONNECTED, SOFTMAX.
    This graph counts 12,400,640 MACs and 1,740,010 parameters. Published
    (tensorflow/tpu ``models/official/mnasnet`` README, MnasNet-A1 at 96 with
    multiplier 0.35): 12.7 M multiply-adds (-2.4 %) and 1.7 M parameters (+2.4 %;
    at 224: 61.7 M against 63.2 M).

    [U] none beyond :func:`jaxeff.gnn.heldout_nets.mnasnet_a1`'s (batch norm folded,
    the SE gate a standalone LOGISTIC).
    """
    return mnasnet_a1(b, x, classes, 0.35)


#: the SE reduction ratio r of :func:`se_resnet20_cifar` (Hu et al.'s default) [U]
SE_RATIO = 16


def se_block(b: NetBuilder, x: int, ratio: int = SE_RATIO) -> int:
    """Squeeze-excitation (Hu et al., Figure 3) on ``x`` (``[1, H, W, C]``): MEAN over
    H, W kept as ``[1, 1, 1, C]``, 1x1 conv of ``max(1, C // ratio)`` with RELU, 1x1
    conv of C, LOGISTIC, MUL of ``x`` by the broadcast gate."""
    c = b.shape(x)[-1]
    g = b.conv(b.mean(x, (1, 2), keep_dims=True), max(1, c // ratio), 1, 1, "RELU")
    return b.mul(x, b.act(b.conv(g, c, 1), "LOGISTIC"))


def se_resnet20_cifar(b: NetBuilder, x: int, classes: int = 10) -> int:
    """SE-ResNet-20 on ``x`` (``[1, 32, 32, 3]``, CIFAR-10); returns the SOFTMAX
    output ``[1, classes]``.

    Hu, Shen, Albanie, Sun & Wu, arXiv 1709.01507 (SE-ResNet module, Figure 3: the SE
    block on the residual branch, before the summation with the identity), on He et
    al.'s CIFAR ResNet-20 with option-A shortcuts
    (:func:`jaxeff.gnn.heldout_nets_xxx_b.resnet20_cifar_a`): each of the 9 blocks'
    branch (3x3 conv RELU, 3x3 conv) is followed by :func:`se_block` (r = 16: 1, 2
    and 4 hidden units in the stages of 16, 32 and 64 channels). 80 ops: 37 CONV_2D,
    10 MEAN, 9 LOGISTIC, 9 MUL, 9 ADD, 2 STRIDED_SLICE, 2 PAD, FULLY_CONNECTED,
    SOFTMAX. This graph
    counts 40,553,056 MACs (ResNet-20's 40,551,040 + 2,016 for the SE convs) and
    271,407 parameters (269,034 + 2,373). No published count recalled (the paper
    reports CIFAR errors, not SE-ResNet-20's size).

    [U] r = 16 (the paper's default and the common CIFAR port's, e.g. senet.pytorch's
    ``se_resnet20``, reduction 16): in the first stage 16 // 16 = 1 hidden unit, a
    rank-one gate but a valid graph (a 1-channel 1x1 conv), kept rather than r = 4;
    the two FCs as 1x1 convs on the kept ``[1, 1, 1, C]`` map (no RESHAPE), with
    biases; sigmoid a standalone LOGISTIC; shortcuts as ResNet-20 option A.
    """
    return resnet20_cifar_a(b, x, classes, branch=se_block)


def squeezenet11_96(b: NetBuilder, x: int, classes: int = 10) -> int:
    """SqueezeNet 1.1 on ``x`` (``[1, 96, 96, 3]``) with ``classes`` (10) outputs;
    returns the SOFTMAX output ``[1, classes]``.

    Iandola et al., arXiv 1602.07360, v1.1 of the authors' release (``SqueezeNet_v1.1``
    prototxt; :func:`jaxeff.gnn.heldout_nets.squeezenet11`): conv 3x3/2 64 VALID RELU
    (47 x 47), max pool 3/2 (23), fire 16/64 x 2, pool (11), fire 32/128 x 2, pool (5),
    fire 48/192 x 2, fire 64/256 x 2, conv10 1x1 classes RELU, MEAN, SOFTMAX (dropout
    left out). 39 ops: 26 CONV_2D, 8 CONCATENATION, 3 MAX_POOL_2D, MEAN, SOFTMAX. This
    graph counts 42,804,928 MACs and 727,626 parameters: the release's 1,235,496
    (torchvision's ``squeezenet1_1``, exact) less conv10's 513,000 plus 5,130 for 10
    classes (exact by construction).

    [U] 10 classes (CIFAR-10-like); the VALID pools of the builder (Caffe's ceil mode
    gives the same sizes here: 47, 23, 11 are odd).
    """
    return squeezenet11(b, x, classes)
