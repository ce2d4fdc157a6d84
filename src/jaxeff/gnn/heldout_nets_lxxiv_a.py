"""Held-out families LXXIV, part a (session 44, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md`` before being built):
two published scalings of EfficientNet-B0 with swish (``x * LOGISTIC(x)``) and
squeeze-excite. Built by a helper who prints only names and ``npu_full``; nothing is
chosen on them.

* :func:`efficientnet_b1`: Tan and Le, "EfficientNet: Rethinking Model Scaling for
  Convolutional Neural Networks", ICML 2019 (arXiv 1905.11946), EfficientNet-B1
  (width 1.0, depth 1.1, 240 x 240) as ``efficientnet_b1_240`` on ``[1, 240, 240,
  3]``: B0's stages (:data:`jaxeff.gnn.spaces_families.EFFNET_B0`) with every
  stage's repeats ``ceil(1.1 n)`` (2, 3, 3, 4, 4, 5, 2: 23 MBConv blocks), channels
  as B0; ``[1, 1000]``. 341 ops: 92 CONV_2D, 92 LOGISTIC, 92 MUL, 23
  DEPTHWISE_CONV_2D, 24 MEAN, 16 ADD, FULLY_CONNECTED, SOFTMAX.
* :func:`tinynet_a`: Han, Wang, Chen, Xu, Xu, Xu and Zhang, "Model Rubik's Cube:
  Twisting Resolution, Depth and Width for TinyNets", NeurIPS 2020 (arXiv
  2010.14819), TinyNet-A (EfficientNet-B0 at r = 0.86, w = 1.0, d = 1.2) as
  ``tinynet_a_192`` on ``[1, 192, 192, 3]``: B0's stages with each stage's repeats
  ``round(1.2 n)`` (1, 2, 2, 4, 4, 5, 1: 19 MBConv blocks; the TinyNet-E stages of
  :func:`jaxeff.gnn.heldout_nets_xxxiii_b.tinynet_stages`), channels as B0;
  ``[1, 1000]``. 284 ops: 77 CONV_2D, 77 LOGISTIC, 77 MUL, 19 DEPTHWISE_CONV_2D, 20
  MEAN, 12 ADD, FULLY_CONNECTED, SOFTMAX.

Both reuse :func:`jaxeff.gnn.heldout_nets._swish_net` (the EfficientNet-B0 skeleton of
:func:`jaxeff.gnn.heldout_nets.efficientnet_b0`: stem 3x3 / 2 of 32 with swish; MBConv
blocks of a 1x1 expansion conv with swish (left out at expansion 1), a kxk depthwise
conv with swish carrying the stage's stride on its first block, squeeze-excite of
``int(C_in / 4)`` channels (MEAN, 1x1 conv with swish, 1x1 conv, LOGISTIC, broadcast
MUL), a linear 1x1 projection and a residual ADD where the stride is 1 and the
channels are kept; head 1x1 1280 with swish, MEAN, FC 1000, SOFTMAX), written with
:class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks (float32,
seeded weights, batch norm folded into the conv before it, dropout and drop-connect
left out at inference, SAME padding). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxxiv_a.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
papers leave open, and ours, are marked [U]. Kept as published: nothing was changed
to make either model NPU-mappable.

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _swish_net
from jaxeff.gnn.heldout_nets_xxxiii_b import tinynet_stages
from jaxeff.gnn.spaces_families import EFFNET_B0, round_filters

__all__ = ["EFFNET_B1", "TINYNET_A", "efficientnet_b1", "efficientnet_stages",
           "tinynet_a"]

#: EfficientNet-B1's (resolution, width, depth) of B0 (Tan and Le, Table 2 and the
#: release's coefficients, recalled): 240 pixels, width 1.0, depth 1.1
EFFNET_B1 = (240, 1.0, 1.1)
#: TinyNet-A's (resolution, width, depth) multipliers of EfficientNet-B0 (Han et al.,
#: recalled): r = 0.86 (224 x 0.86 = 192.6 -> 192 pixels), w = 1.0, d = 1.2
TINYNET_A = (0.86, 1.0, 1.2)


def efficientnet_stages(width: float, depth: float) -> tuple:
    """EfficientNet-B0's MBConv stages (:data:`EFFNET_B0`) scaled as the EfficientNet
    B1-B7 are, in the :data:`jaxeff.gnn.heldout_nets.MNASNET_A1` layout: widths ``c
    width`` (EfficientNet's rounding to multiples of 8, :func:`round_filters`) and
    every stage's repeats ``ceil(depth n)`` (the first and last stages included,
    unlike EfficientNet-Lite's :func:`jaxeff.gnn.heldout_nets._lite_stages`), SE on."""
    return tuple((e, k, s, round_filters(c, width), math.ceil(depth * n), True)
                 for e, k, s, c, n in EFFNET_B0)


def efficientnet_b1(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """EfficientNet-B1 on ``x`` (``[1, 240, 240, 3]``); returns the SOFTMAX output.

    Tan and Le, arXiv 1905.11946, Table 2's B1: B0 (:func:`jaxeff.gnn.heldout_nets.
    efficientnet_b0`) at width 1.0 and depth 1.1 (:data:`EFFNET_B1`,
    :func:`efficientnet_stages`): stem 3x3 / 2 32 swish; 23 MBConv blocks in 7 stages
    of 2 / 3 / 3 / 4 / 4 / 5 / 2 blocks (expansion 1, 6, 6, 6, 6, 6, 6; kernels 3, 3,
    5, 3, 5, 5, 3; strides 1, 2, 2, 2, 1, 2, 1; 16, 24, 40, 80, 112, 192, 320
    channels), squeeze-excite of ``int(C_in / 4)`` channels (8, 4, 4, 6, 6, 6, 10, 10,
    10, 20, 20, 20, 20, 28, 28, 28, 28, 48, 48, 48, 48, 48, 80); head 1x1 1280 swish,
    MEAN, FC 1000, SOFTMAX; 240 -> 120 -> 60 -> 30 -> 15 -> 8 pixels (SAME). Ops
    (341): CONV_2D 92 (stem, 21 expansions, 46 SE convs, 23 projections, head),
    LOGISTIC 92 and MUL 92 (69 swishes: stem, expansions, depthwise, SE reductions,
    head; 23 SE gates), DEPTHWISE_CONV_2D 23, MEAN 24, ADD 16, FULLY_CONNECTED 1,
    SOFTMAX 1. This graph counts 686,802,832 MACs and 7,763,160 parameters (weights
    and biases, batch norm folded). Published (Table 2): 0.70 B FLOPs (multiply-adds)
    and 7.8 M parameters.

    [U] depth rounding ceil on every stage (the release's ``round_repeats``, as
    recalled), the 32-channel stem and 1280-channel head unscaled (width 1.0), SE of
    ``int(0.25 C_in)`` (the block's input), SAME padding (TF-style).
    """
    return _swish_net(b, x, efficientnet_stages(*EFFNET_B1[1:]), classes)


def tinynet_a(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """TinyNet-A on ``x`` (``[1, 192, 192, 3]``); returns the SOFTMAX output.

    Han et al., arXiv 2010.14819, TinyNet-A: EfficientNet-B0 (:func:`jaxeff.gnn.
    heldout_nets.efficientnet_b0`) at r = 0.86, w = 1.0, d = 1.2 (:data:`TINYNET_A`;
    the stages of :func:`jaxeff.gnn.heldout_nets_xxxiii_b.tinynet_stages`, as for
    TinyNet-E): stem 3x3 / 2 32 swish; 19 MBConv blocks in 7 stages of 1 / 2 / 2 / 4
    / 4 / 5 / 1 blocks (B0's expansions, kernels, strides and 16, 24, 40, 80, 112,
    192, 320 channels), squeeze-excite of ``int(C_in / 4)`` channels (8, 4, 6, 6, 10,
    10, 20, 20, 20, 20, 28, 28, 28, 28, 48, 48, 48, 48, 48); head 1x1 1280 swish,
    MEAN, FC 1000, SOFTMAX; 192 -> 96 -> 48 -> 24 -> 12 -> 6 pixels. Ops (284):
    CONV_2D 77 (stem, 18 expansions, 38 SE convs, 19 projections, head), LOGISTIC 77
    and MUL 77 (58 swishes, 19 SE gates), DEPTHWISE_CONV_2D 19, MEAN 20, ADD 12,
    FULLY_CONNECTED 1, SOFTMAX 1. This graph counts 336,867,712 MACs and 6,161,972
    parameters (weights and biases, batch norm folded). Published (Table 3,
    recalled): 339 M FLOPs (multiply-adds) and 6.2 M parameters.

    [U] depth rounding ``round(1.2 n)`` (timm's ``depth_trunc='round'`` for TinyNets,
    recalled), not ``ceil``: ceil gives 2 / 3 / 3 / 4 / 4 / 5 / 2 blocks, 419 M MACs
    and 7.76 M parameters (B1's stages), far from the published 339 M and 6.2 M,
    while round fits both within 1 %; 224 x 0.86 = 192.6 taken as 192 (the release's
    input size); the 32-channel stem and 1280-channel head kept (width 1.0); SAME.
    """
    return _swish_net(b, x, tinynet_stages(*TINYNET_A[1:]), classes)
