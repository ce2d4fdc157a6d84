"""Held-out families LXI (session 38, addendum 7, pre-registered in
``docs/evidence/perfsage-cpu-2026-12-07-s38/PREREGISTERED.md`` before being built):
two ImageNet classifiers at width multiplier 0.75 whose residual ADDs run on maps of
C % 16 in 1..8 channels (24, 72, 120; 24, 88, 120), each a narrower sibling of a
registered test model from the same paper, built with that sibling's builder at the
new width so that the graphs differ from theirs only in channel counts.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, batch norm folded into the preceding conv as its bias).
Test models: no training space draws them exactly (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_lxi.py``). The width rule is the reference
implementations' (TF-slim / Keras): every channel count ``_make_divisible(v x 0.75,
8)`` -- the nearest multiple of 8, at least 8 and never below 90 % of ``v x 0.75``
(:func:`jaxeff.gnn.heldout_nets._div8`) -- with the exceptions the references make
for widths below 1, noted below. Choices the sources leave open are marked [U].

* :func:`mobilenet_v2_075_224`: MobileNet-v2 0.75 (Sandler et al., "MobileNetV2:
  Inverted Residuals and Linear Bottlenecks", arXiv 1801.04381) on ``[1, 224, 224,
  3]``: :func:`jaxeff.gnn.heldout_nets_xxxiii_b.mobilenet_v2_keras` (the builder of
  ``mobilenet_v2_1.0_160``) at width 0.75: stem 24, bottleneck outputs 16, 24 x 2,
  24 x 3 (32 x 0.75), 48 x 4, 72 x 3, 120 x 3, 240 (expansions 6 x the block input, not
  rounded again), the last 1x1 conv 1280 (``1280 max(1, width)``: kept below 1),
  MEAN, FC 1000, SOFTMAX. 65 ops: 35 CONV_2D, 17 DEPTHWISE_CONV_2D, 10 ADD, MEAN,
  FULLY_CONNECTED, SOFTMAX. This graph counts 209,069,792 MACs and 2,623,104
  parameters. Published (TF-slim MobileNet-v2 README, recalled):
  ``mobilenet_v2_0.75_224`` 209 M MACs (+0.03 %), 2.61 M parameters (+0.5 %).
* :func:`mobilenet_v3_large_075_224`: MobileNet-v3-Large 0.75 (Howard et al.,
  "Searching for MobileNetV3", arXiv 1905.02244, Table 1 and Table 3's Large 0.75) on
  ``[1, 224, 224, 3]``: :func:`jaxeff.gnn.heldout_nets.mobilenet_v3` (the builder of
  ``mobilenet_v3_large_224``) at width 0.75: stem 16 (``_div8(12)`` = 16 as well),
  block outputs 16, 24, 24, 32 x 3, 64 x 4, 88 x 2, 120 x 3, expansions
  ``_div8(C_in x ratio)`` of the actual input (64, 72, 72, 96, 96, 192, 160, 144,
  144, 384, 528, 528, 720, 720), squeeze-excite ``_div8(expansion / 4)``, the last
  1x1 conv ``_div8(960 x 0.75)`` = 720, the head's 1x1 of 1280 kept (not scaled
  below 1, as Keras' ``last_point_ch`` and TF-slim's), 1x1 1000, RESHAPE, SOFTMAX.
  130 ops: 49 CONV_2D, 15 DEPTHWISE_CONV_2D, 21 HARD_SWISH, 18 ADD (10 residual, 8
  hard-sigmoid), 16 MUL, 9 MEAN, RESHAPE, SOFTMAX. This graph counts 154,560,624
  MACs and 3,984,000 parameters. Published (TF-slim MobileNet-v3 README and the
  paper's Table 3, recalled): Large 0.75, 155 M MACs (-0.3 %), 4.0 M parameters
  (-0.4 %).

[U] (both) 1000 classes; the siblings' conventions (MobileNet-v2: the Keras head
MEAN + FC, SAME strided depthwise convs; MobileNet-v3: the hard sigmoid as ADD 3 +
RELU6, MUL 1/6, no SE on the last 1x1 conv, the head's 1x1 convs on the pooled map
with a bias and no batch norm); the MobileNet-v3 stem left at 16 (Keras does not
scale it; TF-slim's ``_make_divisible(12, 8)`` gives 16 too).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import mobilenet_v3
from jaxeff.gnn.heldout_nets_xxxiii_b import mobilenet_v2_keras

__all__ = ["LXI_WIDTH", "mobilenet_v2_075_224", "mobilenet_v3_large_075_224"]

#: the width multiplier of both models (addendum 7)
LXI_WIDTH = 0.75


def mobilenet_v2_075_224(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNet-v2 0.75 on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]`` (module doc: 65 ops, 209,069,792 MACs, 2,623,104 parameters)."""
    return mobilenet_v2_keras(b, x, LXI_WIDTH, classes)


def mobilenet_v3_large_075_224(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNet-v3-Large 0.75 on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX
    output ``[1, classes]`` (module doc: 130 ops, 154,560,624 MACs, 3,984,000
    parameters)."""
    return mobilenet_v3(b, x, "large", classes, LXI_WIDTH)
