"""Held-out families LXIII (session 39, addendum 5 of
``docs/evidence/perfsage-cpu-2026-12-07-s39/PREREGISTERED.md``, pre-registered before
being built): LR-ASPP on MobileNetV3-Small, a sibling of families XXIV's
:func:`jaxeff.gnn.heldout_nets_xxiv_b.lraspp_mnv3_large` built by that builder's
recipe on the registry's MobileNet-v3 Small bottlenecks
(:data:`jaxeff.gnn.heldout_nets.MBV3`), the helpers reused by import.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, SAME padding). Test model: no
training space draws it (``models.json``'s overlap). Choices the sources leave open,
and ours, are marked [U].

* :func:`lraspp_mnv3_small`: LR-ASPP MobileNetV3-Small (Howard et al., "Searching
  for MobileNetV3", ICCV 2019, arXiv 1905.02244, Section 6.3 and Figure 10: the
  LR-ASPP segmentation head on MobileNetV3-Small) on ``[1, 512, 512, 3]``;
  ``[1, 64, 64, 19]``. 121 ops: 45 CONV_2D, 19 MUL, 18 HARD_SWISH, 16 ADD,
  11 DEPTHWISE_CONV_2D, 10 MEAN, LOGISTIC, RESIZE_BILINEAR (one, x2 on both axes with
  half-pixel centres, 32x32 -> 64x64 on 128 channels); 633,487,360 MACs and 1,071,608
  parameters (a hand count; no published count for this configuration pinned).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import MBV3, MBV3_HEAD, _conv_act, _mbv3_block, _up2

__all__ = ["LRASPP_INTER", "LRASPP_LOW_BLOCK", "lraspp_mnv3_small"]

#: the LR-ASPP head's width (the paper's 128) and the index of the MobileNet-v3
#: Small row whose output is the 1/8 low-level feature (the first 1/8 block [U])
LRASPP_INTER, LRASPP_LOW_BLOCK = 128, 1


def lraspp_mnv3_small(b: NetBuilder, x: int, classes: int = 19,
                      inter: int = LRASPP_INTER) -> int:
    """LR-ASPP on MobileNetV3-Small on ``x`` (512x512 for the held-out model); returns
    the logits ``[1, H/8, W/8, classes]``.

    The recipe of :func:`jaxeff.gnn.heldout_nets_xxiv_b.lraspp_mnv3_large` on
    ``MBV3["small"]``: the stem 3x3/2 conv of 16, hard-swish; the eleven Small
    bottlenecks (:func:`jaxeff.gnn.heldout_nets._mbv3_block`) with the last stage's
    three 5x5 depthwise convs (rows 8-10, 96 channels) at stride 1, dilation 2
    (output stride 16, 32x32); the 1x1 conv to 576 (``MBV3_HEAD["small"][0]``),
    hard-swish (the high features). Head: 1x1 conv to 128 RELU (batch norm folded)
    times LOGISTIC of a 1x1 conv (with a bias) of the global MEAN (MUL, broadcast),
    bilinear x2 with half-pixel centres to 1/8 (:func:`_up2`), a 1x1 classifier of
    ``classes``, ADDed to a 1x1 classifier of the 1/8 low-level features.

    [U] (pre-registered) the low-level features: the output of the first block at
    1/8 (row 1, 24 channels; torchvision's stage rule ``stage_indices[-4]``, the
    Large builder's ``features[4]``); the last stage stride 1 with dilation 2 as the
    Large builder; the full-width tail (the paper's reduced-filter variant halves the
    last stage); the gate conv with a bias; output at 1/8 (the x8 up-sampling to the
    input left out).
    """
    x = _conv_act(b, x, 16, 3, 2, "HARD_SWISH")
    rows = MBV3["small"]
    for i, (k, exp, out, se, act, s) in enumerate(rows):
        dil = i >= len(rows) - 3  # the last stage: stride 1, dilation 2
        x = _mbv3_block(b, x, k, exp, out, se, act, 1 if dil else s, 2 if dil else 1)
        if i == LRASPP_LOW_BLOCK:
            low = x  # the first 1/8 block
    high = _conv_act(b, x, MBV3_HEAD["small"][0], 1, 1, "HARD_SWISH")
    gate = b.conv(b.mean(high, (1, 2), keep_dims=True), inter, 1)
    y = b.mul(b.conv(high, inter, 1, 1, "RELU"), b.act(gate, "LOGISTIC"))
    return b.add(b.conv(low, classes, 1), b.conv(_up2(b, y), classes, 1))
