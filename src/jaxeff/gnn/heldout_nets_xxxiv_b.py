"""Held-out families XXXIV, part b (session 30, pre-registered before being built;
issue 22): four published vision models (DnCNN-S on 64 x 64, FSRCNN x2 on 64 x 64, the
DARTS (second order) CIFAR-10 network at 32 and SqueezeDet at 384 x 1248).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
into the convolution before it, dropout and drop-path left out at inference), reusing
that module's fire module. Test models. No training space (:mod:`jaxeff.gnn.spaces`
and its siblings) draws any of them in its exact configuration except FSRCNN, which
the ``upsample`` space's ``sr`` kind draws exactly (and whose sub-pixel form is the
earlier validation model ``fsrcnn_x2_64``); the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxiv_b.py``. Choices the sources leave open, and
whatever is recalled rather than read, are marked [U].

* :func:`dncnn_s`: DnCNN-S (Zhang et al., arXiv 1608.03981): 17 3x3 convolutions of
  64, residual learning (the input minus the predicted noise, SUB). 18 ops.
* :func:`fsrcnn`: FSRCNN (Dong et al., arXiv 1608.00367) with d = 56, s = 12, m = 4:
  PRELU after every convolution, the 9x9 stride-2 deconvolution as TRANSPOSE_CONV.
  15 ops.
* :func:`darts_v2_cifar`: the DARTS (second order) CIFAR-10 network (Liu et al.,
  arXiv 1806.09055): 20 cells of the ``DARTS_V2`` genotype, 36 initial channels,
  separable and dilated convolutions, FactorizedReduce (a STRIDED_SLICE shift), max
  pools, 4-way CONCATENATIONs. 605 ops.
* :func:`squeezedet`: SqueezeDet (Wu et al., arXiv 1612.01051): the SqueezeNet-v1.1
  fire modules 2-9, fire10 / fire11 and the ConvDet layer (3x3 conv to 9 x (3 + 1 +
  4) = 72 channels for KITTI's 3 classes). 45 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _fire

__all__ = ["DARTS_V2_NORMAL", "DARTS_V2_REDUCE", "SQUEEZEDET_FIRE", "darts_v2_cifar",
           "dncnn_s", "fsrcnn", "squeezedet"]


def dncnn_s(b: NetBuilder, x: int, depth: int = 17, width: int = 64) -> int:
    """DnCNN-S on ``x`` (``[1, 64, 64, 1]`` here); returns the denoised image (SUB).

    Zhang, Zuo, Chen, Meng & Zhang, "Beyond a Gaussian Denoiser: Residual Learning of
    Deep CNN for Image Denoising", arXiv 1608.03981 (IEEE TIP 2017), Section III-A
    (recalled): depth 17 for DnCNN-S (known noise level): conv 3x3 64 RELU; 15 x (conv
    3x3 64, batch norm (folded), RELU); conv 3x3 to 1 channel, the residual (noise)
    estimate; the output is the input minus it (residual learning; SUB). SAME padding
    keeps 64 x 64 throughout. 18 ops: 17 CONV_2D, SUB. This graph counts 2,269,642,752
    MACs (4,096 pixels x (576 + 15 x 36,864 + 576)) and 555,137 parameters (640 + 15 x
    36,928 + 577; weights and biases, batch norm folded). Published (recalled, the usual
    tables of later papers): 0.56 M parameters (556 K); no MAC count at 64 x 64.

    [U] the 64 x 64 input (pre-registered; the paper trains on 40 x 40 patches and tests
    on whole images); the paper's zero padding as SAME; the convs with a bias (folded
    batch norm; the paper's middle convs have none).
    """
    y = b.conv(x, width, 3, 1, "RELU")
    for _ in range(depth - 2):
        y = b.conv(y, width, 3, 1, "RELU")
    return b.sub(x, b.conv(y, b.shape(x)[-1], 3))


def fsrcnn(b: NetBuilder, x: int, d: int = 56, s: int = 12, m: int = 4,
           scale: int = 2) -> int:
    """FSRCNN(d, s, m) on ``x`` (``[1, 64, 64, 1]`` here, the luminance); returns the
    TRANSPOSE_CONV output ``[1, 64 scale, 64 scale, 1]``.

    Dong, Loy & Tang, "Accelerating the Super-Resolution Convolutional Neural
    Network", arXiv 1608.00367 (ECCV 2016), Section 3.2 / Figure 2: feature extraction
    conv 5x5 d, shrinking conv 1x1 s, m mapping convs 3x3 s, expanding conv 1x1 d, each
    followed by a PReLU (standalone PRELU, one alpha per channel), then the 9x9
    deconvolution of stride ``scale`` to 1 channel (TRANSPOSE_CONV, SAME, with bias).
    15 ops: 7 CONV_2D, 7 PRELU, TRANSPOSE_CONV. At (56, 12, 4) x2 on 64 x 64 this graph
    counts 51,052,544 MACs and 12,809 parameters (12,464 weights, 173 biases, 172 PReLU
    slopes). Published (Section 3.3, recalled): 12,464 parameters (weights only) and a
    complexity of (9 m s^2 + 2 s d + 106 d) S_LR = 12,464 x 4,096 multiply-adds, equal
    to this graph's MACs (TRANSPOSE_CONV counted per input pixel).

    [U] the 64 x 64 input (pre-registered); SAME padding for the deconvolution, so
    the output is exactly twice the input (how the release pads and crops it is not
    recalled); PReLU as standalone PRELU ops (TFLite fuses none); the deconvolution
    with a bias.
    """
    y = b.act(b.conv(x, d, 5), "PRELU")
    for c, k in ((s, 1),) + ((s, 3),) * m + ((d, 1),):
        y = b.act(b.conv(y, c, k), "PRELU")
    return b.transpose_conv(y, b.shape(x)[-1], 9, scale)


#: DARTS_V2's cells (arXiv 1806.09055 Figure 4 / the release's ``genotypes.py``,
#: recalled): per intermediate node two (operation, input state); states 0 and 1 are
#: the two preprocessed cell inputs, node i is state i + 2; nodes 2-5 concatenated
DARTS_V2_NORMAL = (("sep_conv_3x3", 0), ("sep_conv_3x3", 1), ("sep_conv_3x3", 0),
                   ("sep_conv_3x3", 1), ("sep_conv_3x3", 1), ("skip_connect", 0),
                   ("skip_connect", 0), ("dil_conv_3x3", 2))
DARTS_V2_REDUCE = (("max_pool_3x3", 0), ("max_pool_3x3", 1), ("skip_connect", 2),
                   ("max_pool_3x3", 1), ("max_pool_3x3", 0), ("skip_connect", 2),
                   ("skip_connect", 2), ("max_pool_3x3", 1))


class _Darts:
    """The builder and the weightless ops already written (a standalone RELU or a
    stride-2 MAX_POOL_2D per input tensor): equal pure ops on one tensor are one op,
    as the converter's common-subexpression elimination leaves them, and a conv whose
    every reader takes its ReLU carries it fused [U]."""

    def __init__(self, b: NetBuilder):
        self.b, self.memo = b, {}

    def conv1x1(self, x: int, c: int, relu_fused: bool) -> int:
        """ReLU + 1x1 conv (+ batch norm folded; ReLUConvBN), with the ReLU of its
        readers fused (``relu_fused``: no operation reads it raw)."""
        y = self.b.conv(self.relu(x), c, 1, 1, "RELU" if relu_fused else "NONE")
        if relu_fused:
            self.memo["relu", y] = y
        return y

    def relu(self, x: int) -> int:
        if ("relu", x) not in self.memo:
            self.memo["relu", x] = self.b.act(x, "RELU")
        return self.memo["relu", x]

    def maxpool(self, x: int) -> int:
        if ("max", x) not in self.memo:
            self.memo["max", x] = self.b.pool(x, "max", 3, 2, "SAME")
        return self.memo["max", x]

    def factorized_reduce(self, x: int, c: int) -> int:
        """ReLU, two 1x1 stride-2 convs of ``c / 2`` (the second on the input shifted
        by one pixel, STRIDED_SLICE ``[1:, 1:]``), CONCATENATION (batch norm folded)."""
        b, r = self.b, self.relu(x)
        n, h, w, ci = b.shape(r)
        shifted = b.strided_slice(r, (0, 1, 1, 0), (n, h, w, ci))
        return b.concat([b.conv(r, c // 2, 1, 2, padding="VALID"),
                         b.conv(shifted, c // 2, 1, 2, padding="VALID")])

    def op(self, name: str, x: int, c: int, stride: int) -> int:
        """One DARTS operation on state ``x`` (``c`` channels out, batch norm folded):
        sep_conv_3x3 = (ReLU, dw 3x3, 1x1) twice, the first stride ``stride``, the
        inner ReLU fused into the first 1x1; dil_conv_3x3 = ReLU, dw 3x3 dilation 2,
        1x1; max_pool_3x3; skip_connect = identity, or FactorizedReduce at stride 2."""
        b = self.b
        if name == "sep_conv_3x3":
            h = b.conv(b.dwconv(self.relu(x), 3, stride), b.shape(x)[-1], 1, 1, "RELU")
            return b.conv(b.dwconv(h, 3), c, 1)
        if name == "dil_conv_3x3":
            return b.conv(b.dwconv(self.relu(x), 3, stride, dilation=2), c, 1)
        if name == "max_pool_3x3":
            return self.maxpool(x) if stride == 2 else b.pool(x, "max", 3, 1, "SAME")
        if name == "skip_connect":
            return x if stride == 1 else self.factorized_reduce(x, c)
        raise ValueError(f"unknown DARTS operation {name!r}")

    def cell(self, s0: int, s1: int, c: int, reduction: bool,
             reduction_prev: bool) -> int:
        """One cell: preprocess ``s0`` (FactorizedReduce after a reduction, else ReLU
        + 1x1 conv) and ``s1`` (ReLU + 1x1 conv) to ``c`` channels; four nodes, each
        the ADD of two operations (stride 2 on the cell inputs of a reduction cell);
        CONCATENATION of the four nodes (``4 c`` channels). A preprocessed input
        that no max pool or identity reads raw carries its readers' ReLU fused."""
        b = self.b
        genotype = DARTS_V2_REDUCE if reduction else DARTS_V2_NORMAL
        raw = {j for name, j in genotype if name == "max_pool_3x3" or (
            name == "skip_connect" and not (reduction and j < 2))}
        p0 = (self.factorized_reduce(s0, c) if reduction_prev
              else self.conv1x1(s0, c, 0 not in raw))
        states = [p0, self.conv1x1(s1, c, 1 not in raw)]
        for i in range(0, len(genotype), 2):
            h = [self.op(name, states[j], c, 2 if reduction and j < 2 else 1)
                 for name, j in genotype[i:i + 2]]
            states.append(b.add(*h))
        return b.concat(states[2:])


def darts_v2_cifar(b: NetBuilder, x: int, c: int = 36, layers: int = 20,
                   classes: int = 10) -> int:
    """The DARTS (second order) CIFAR-10 network on ``x`` (``[1, 32, 32, 3]``);
    returns the SOFTMAX output ``[1, classes]``.

    Liu, Simonyan & Yang, "DARTS: Differentiable Architecture Search", arXiv 1806.09055
    (ICLR 2019), Section 3.2 / Figure 4, as the release's ``NetworkCIFAR`` (recalled):
    stem conv 3x3 of 3 c = 108 (batch norm folded, no activation of its own) whose
    output is both inputs of the first cell; ``layers`` = 20 cells, each taking the
    outputs of the two before it; reduction cells (channels doubled, stride 2) at depth
    1/3 and 2/3 (cells 6 and 13); cells of c = 36, 72, 144 (outputs 4 c = 144, 288, 576
    at 32, 16, 8 pixels) in the ``DARTS_V2`` genotype (:data:`DARTS_V2_NORMAL`,
    :data:`DARTS_V2_REDUCE`; :class:`_Darts`; the reduction cells' skip_connects all
    read node 2 at stride 1, so are identities, and FactorizedReduce is only the
    preprocessing of cells 7 and 14); global average pool (MEAN), FC 10, SOFTMAX. No
    auxiliary head and no drop path (inference). 605 ops: 241 CONV_2D, 198
    DEPTHWISE_CONV_2D, 80 ADD, 55 RELU, 20 + 2 CONCATENATION (cells, FactorizedReduce),
    4 MAX_POOL_2D, 2 STRIDED_SLICE, MEAN, FULLY_CONNECTED, SOFTMAX. This graph counts
    528,359,040 MACs and 3,345,778 parameters (weights and biases, batch norm folded).
    Published: 3.3 M parameters (Table 1; the release counts the auxiliary head out;
    +1.4 %); the paper gives no CIFAR multiply-adds, later papers' tables 528 M
    (recalled).

    [U] the genotype recalled from the release's ``genotypes.DARTS_V2``; every conv with
    a bias (NetBuilder's; the paper's convs have none, the depthwise convs no batch norm
    either); SAME padding throughout (the stride-2 max pools of PyTorch pad 1 on both
    sides, SAME 0 / 1: the same shapes); FactorizedReduce's shift as a STRIDED_SLICE and
    its 1x1 convs VALID; one RELU (and one stride-2 max pool) per tensor however many
    operations read it (a converter's CSE), standalone where the tensor is read raw too,
    else fused into the conv that makes it (the stem and each normal cell's second
    preprocessing conv; the ReLU inside a separable conv into its first 1x1 conv); no
    ReLU before the global pool (as the release); a SOFTMAX head as the other held-out
    classifiers (the release returns logits).
    """
    net = _Darts(b)
    s0 = s1 = b.conv(x, 3 * c, 3, 1, "RELU")  # every reader takes its ReLU
    net.memo["relu", s0] = s0
    reduction_prev = False
    for i in range(layers):
        reduction = i in (layers // 3, 2 * layers // 3)
        c_cell = c * (2 ** ((i >= layers // 3) + (i >= 2 * layers // 3)))
        s0, s1 = s1, net.cell(s0, s1, c_cell, reduction, reduction_prev)
        reduction_prev = reduction
    return b.softmax(b.fc(b.mean(s1, (1, 2), keep_dims=False), classes))


#: SqueezeDet's fire modules (the release's ``squeezeDet.py``, recalled): fire2 ...
#: fire11 as (squeeze 1x1, expand 1x1 = expand 3x3); 0 = 3x3 / 2 max pool
SQUEEZEDET_FIRE = ((16, 64), (16, 64), 0, (32, 128), (32, 128), 0, (48, 192),
                   (48, 192), (64, 256), (64, 256), (96, 384), (96, 384))


def squeezedet(b: NetBuilder, x: int, anchors: int = 9, classes: int = 3) -> int:
    """SqueezeDet on ``x`` (``[1, 384, 1248, 3]``, KITTI); returns the ConvDet output
    ``[1, 24, 78, anchors (classes + 1 + 4)]``.

    Wu, Iandola, Jin & Keutzer, "SqueezeDet: Unified, Small, Low Power Fully
    Convolutional Neural Networks for Real-Time Object Detection for Autonomous
    Driving", arXiv 1612.01051 (CVPRW 2017), Section 3 and the release's
    ``squeezeDet.py`` (recalled): conv1 3x3/2 64 RELU, max pool 3x3/2, fire2 / fire3,
    max pool, fire4 / fire5, max pool, fire6 ... fire9 (SqueezeNet v1.1's), the two
    extra fire modules fire10 / fire11 of squeeze 96, expand 384 + 384
    (:data:`SQUEEZEDET_FIRE`; a fire module is a 1x1 squeeze RELU, parallel 1x1 and
    3x3 expands RELU, CONCATENATION: :func:`jaxeff.gnn.heldout_nets._fire`), dropout
    (left out), ConvDet: conv 3x3 to K (C + 1 + 4) = 9 x 8 = 72 channels, linear; 384
    x 1248 -> 192 x 624 -> 96 x 312 -> 48 x 156 -> 24 x 78. 45 ops: 32 CONV_2D, 3
    MAX_POOL_2D, 10 CONCATENATION. This graph counts 5,283,053,568 MACs and 2,082,120
    parameters (weights and biases). Published (Table 2, recalled): a 7.9 MB model
    (32-bit weights: 2.07 M parameters at 2^20 bytes per MB, +0.5 %; 1.98 M at 10^6)
    and 9.7 G FLOPs (this graph's 10.6 G at 2 FLOPs a MAC, +9 %; the recalled figure's
    convention and input size are not known).

    [U] the backbone as SqueezeNet v1.1 (the release's pretrained model, recalled);
    SAME padding on conv1, the pools and ConvDet (the release's); the ConvDet
    interpretation (box deltas, confidence, class softmax, non-maximum suppression)
    left out, as a converted graph leaves it to the host; 3 KITTI classes.
    """
    x = b.pool(b.conv(x, 64, 3, 2, "RELU"), "max", 3, 2, "SAME")
    for f in SQUEEZEDET_FIRE:
        x = b.pool(x, "max", 3, 2, "SAME") if f == 0 else _fire(b, x, *f)
    return b.conv(x, anchors * (classes + 1 + 4), 3)
