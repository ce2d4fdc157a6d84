"""Held-out families XXIV, second half (session 25, pre-registered before they were
built; issue 22).

Four published dense-prediction networks written with
:class:`jaxeff.gnn.build.NetBuilder` (float32, seeded weights, batch norm folded into
each conv's bias, as a converted inference graph has it), named in
``docs/evidence/perfsage-cpu-2026-12-06-s25/PREREGISTERED.md`` section 2b. Test
models only: no predictor or Vela run chose anything here, and none was run on them.
Counts: MACs as :func:`jaxeff.gnn.graph.total_macs`, parameters = weights + biases of
this graph. Shared pieces come from
:mod:`jaxeff.gnn.heldout_nets` (ResNet-18's stem and basic stages, MobileNet-v3's
bottleneck, EfficientNet-B0's MBConv stages, separable convs, resizes).

* :func:`centernet_r18`: CenterNet with ResNet-18 at 512 (Zhou et al., "Objects as
  Points", arXiv 1904.07850; the release xingyizhou/CenterNet ``resnet_dcn.py``,
  recalled): ResNet-18 without its head (C5 16x16x512), three up-convolution stages
  (:data:`CENTERNET_UP`: 3x3 conv RELU, 4x4/2 TRANSPOSE_CONV RELU, to 256 / 128 / 64
  channels, 128x128), heads of 3x3 64 RELU + 1x1 for 80 heatmaps, 2 sizes and 2
  offsets (three outputs). [U] the release's deformable 3x3 convs (DCNv2) as plain
  3x3 convs (the same kernel weights; the offset / mask convs left out); the heatmap
  sigmoid, 3x3 max-pool peak extraction and decoding left out; SAME padding of the
  stem and stride-2 convs (PyTorch pads symmetrically: same sizes); batch norm folded
  (the up-convolutions get a bias). 41 ops (29 CONV_2D, 8 ADD, 3 TRANSPOSE_CONV,
  MAX_POOL_2D), 13,086,228,480 MACs (9,474,932,736 the backbone = ResNet-18's at 512
  less its FC; 1,813,905,408 the heads at 128x128), 14,213,396 parameters (equal to a
  hand count; no published count read: the paper gives speed and AP, not MACs).
* :func:`ddrnet23_slim`: DDRNet-23-slim at 1024 x 512 (Hong et al., "Deep
  Dual-resolution Networks for Real-time and Accurate Semantic Segmentation of Road
  Scenes", arXiv 2101.06085; the release ydhongHIT/DDRNet ``DDRNet_23_slim.py``,
  recalled): stem 3x3/2 32 RELU, 3x3/2 32 RELU; layer1 / layer2 of two basic blocks
  (32, 64 at 1/8); then two branches, low (layer3 128 at 1/16, layer4 256 at 1/32)
  and high (layer3_ / layer4_ of 64 at 1/8), each layer's last block without its
  RELU (the release's ``no_relu``); after each pair a bilateral fusion: low += 3x3/2
  conv of RELU(high) (two strided convs, 128 RELU then 256, after layer4), high +=
  bilinear up-sampling (x2 / x4) of a 1x1 conv to 64 of RELU(low), both ADDs with a
  fused RELU (every consumer takes the RELU); layer5_ (bottleneck, expansion 2, 128)
  and layer5 (bottleneck /2, 512 at 1/64, 8x16); DAPPM (:func:`_dappm`: a 1x1 conv
  to 128, four pooled scales (average pools to 4x8, 2x4, 1x2 and a MEAN), each a
  1x1 conv to 128, up-sampled and ADDed to the previous scale's output (fused RELU)
  into a 3x3 conv, ONE CONCATENATION of the five, RELU, 1x1 conv to 128, ADD of a 1x1
  shortcut conv); x8 up-sampling to 1/8, ADD (RELU) with layer5_, seg head 3x3 64
  RELU, 1x1 of 19 classes (64x128). [U] the pre-activation batch norms of DAPPM and
  the head left out (no conv to fold them into; their RELUs kept where the map can be
  negative, dropped on the non-negative pooled maps of the RELU'd layer5); the 9x9/4
  and 17x17/8 pools as a cascade of 5x5/2 SAME average pools (the same output sizes,
  windows of 13 / 29 pixels; Vela 5.2 takes pool strides <= 3), padding excluded from
  the averages (TFLite SAME; PyTorch counts it); bilinear x2 with half-pixel centres
  (PyTorch's align_corners=False), x4 / x8 without (the factors Vela maps,
  :func:`jaxeff.gnn.heldout_nets._resize_steps`), the 1x1 scale broadcast by a
  RESIZE_BILINEAR; the final x8 up-sampling to the input and the training-only
  auxiliary head left out; SAME padding of the stride-2 convs. 96 ops (55 CONV_2D,
  24 ADD, 7 RESIZE_BILINEAR, 5 RELU, 3 AVERAGE_POOL_2D, MEAN, CONCATENATION),
  9,070,379,008 MACs (x4 = 36.28 G at 2048 x 1024; the paper, recalled: 36.3 GFLOPs,
  -0.05 %) and 5,683,059 parameters (the paper, recalled: 5.7 M, -0.3 %).
* :func:`lraspp_mnv3_large`: LR-ASPP on MobileNetV3-Large at 512 (Howard et al.,
  "Searching for MobileNetV3", arXiv 1905.02244, Section 6.3 and Figure 10; layout as
  torchvision's ``lraspp_mobilenet_v3_large``, recalled): the MobileNet-v3 Large
  bottlenecks (:data:`jaxeff.gnn.heldout_nets.MBV3`,
  :func:`jaxeff.gnn.heldout_nets._mbv3_block`) with the last stage's three 5x5
  depthwise convs at stride 1, dilation 2 (output stride 16, 32x32), the 1x1 conv to
  960 hard-swish; head: 1x1 to 128 RELU (batch norm folded) times LOGISTIC of a 1x1
  conv of the MEAN (MUL, broadcast), bilinear x2 (half-pixel), 1x1 classifier of 19
  ADDed to a 1x1 classifier of the 1/8 feature (40 channels). [U] the 1/8 tap after
  the first 40-channel block (torchvision's ``features[4]``; the paper's figure does
  not name the block); the full-width tail (the paper's reduced-filter variant halves
  the last stage); the gate conv with a bias (torchvision's has none); output at 1/8
  (the x8 up-sampling to the input left out). 133 ops (51 CONV_2D, 20 HARD_SWISH, 19
  ADD, 17 MUL, 15 DEPTHWISE_CONV_2D, 9 MEAN, LOGISTIC, RESIZE_BILINEAR),
  1,973,288,832 MACs (torchvision's table, recalled: 2.09 GFLOPs at 520, 2.026 G
  scaled to 512: -2.6 %) and 3,209,014 parameters (torchvision, recalled: 3,221,538
  with 21 classes and batch-norm weights: -0.4 %).
* :func:`efficientdet_d0`: EfficientDet-D0 at 512 (Tan et al., "EfficientDet:
  Scalable and Efficient Object Detection", arXiv 1911.09070, Section 3 and Table 1;
  the release google/automl ``efficientdet``, recalled): EfficientNet-B0 without its
  head (:func:`jaxeff.gnn.heldout_nets._mbconv_stages`; P3 / P4 / P5 = the 40 / 112 /
  320-channel stages at 64 / 32 / 16); P6 = 3x3/2 SAME max pool of a 1x1 conv of P5
  to 64, P7 = max pool of P6; three BiFPN layers of 64 channels (:func:`_bifpn`: top
  down P6 ... P3 with nearest x2 up-sampling, bottom up P4 ... P7 with 3x3/2 max
  pools; each node (:func:`_fuse`) MULs its inputs by the fusion weights and ADDs
  them, swish (``x * LOGISTIC(x)``), separable conv (3x3 depthwise, 1x1 64); in the
  first layer a backbone map gets its own 1x1 conv to 64 each time a node takes it,
  five in all, as the release resamples per node); class and box nets (3 separable
  convs with swish, a separable conv to 9 x 90 = 810 / 9 x 4 = 36) on each of the
  five levels: ten outputs, class maps P3-P7 then box maps. [U] the fast normalised
  fusion weights ``relu(w_i) / (sum_j relu(w_j) + 1e-4)`` folded to constants at
  their initial value (w = 1: 1 / (n + 1e-4)); the heads' weights, shared across
  levels in the release, separate constants per level (the ops are per level in
  both); depthwise convs with a bias (the release folds batch norm into the pointwise
  ones only); anchors, box decoding and NMS left out. Nothing needed a change for
  Vela (all ops of kinds it maps). 591 ops (175 MUL, 134 CONV_2D, 118 LOGISTIC, 80
  DEPTHWISE_CONV_2D, 42 ADD, 16 MEAN, 14 MAX_POOL_2D, 12 RESIZE_NEAREST_NEIGHBOR),
  2,492,331,520 MACs (1,901,490,688 the backbone = B0's at 512 less its 1x1 1280 and
  FC, 136,203,264 P6 and the BiFPN, 454,637,568 the heads; the paper's Table 2: 2.5 B
  FLOPs (multiply-adds), -0.3 %) and 4,194,954 parameters (3,861,642 with the head
  kernels counted once, as shared in the release: Table 2's 3.9 M, -1.0 %).
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (MBV3, RESNET18_BLOCKS, _basic_stages, _conv_act,
                                     _mbconv_stages, _mbv3_block, _nearest_x2,
                                     _resize_steps, _resnet_stem, _sep, _shortcut,
                                     _swish, _up2)
from jaxeff.gnn.spaces_families import EFFNET_B0

__all__ = ["centernet_r18", "ddrnet23_slim", "efficientdet_d0", "lraspp_mnv3_large"]


# -- CenterNet (ResNet-18)

#: CenterNet's up-convolution widths (the release's ``resnet_dcn.py``)
CENTERNET_UP = (256, 128, 64)


def centernet_r18(b: NetBuilder, x: int, classes: int = 80, head: int = 64
                  ) -> tuple[int, int, int]:
    """CenterNet-ResNet-18 on ``x`` (512x512 for the held-out model); returns the
    heatmaps, sizes and offsets at ``H/4 x W/4`` (module doc)."""
    x = _basic_stages(b, _resnet_stem(b, x), RESNET18_BLOCKS)
    for c in CENTERNET_UP:
        x = b.transpose_conv(b.conv(x, c, 3, 1, "RELU"), c, 4, 2, "RELU")
    return tuple(b.conv(b.conv(x, head, 3, 1, "RELU"), n, 1) for n in (classes, 2, 2))


# -- DDRNet-23-slim

def _up_to(b: NetBuilder, x: int, size: tuple[int, int]) -> int:
    """Bilinear up-sampling to ``size``: broadcast from 1x1, half-pixel x2
    (:func:`jaxeff.gnn.heldout_nets._up2`) or a plain x4 / x8 (module doc)."""
    _, h, w, _ = b.shape(x)
    if (h, w) == (1, 1):
        return b.resize(x, size, "bilinear")
    return _up2(b, x) if size[0] == 2 * h else _resize_steps(b, x, size)


def _ddr_layer(b: NetBuilder, x: int, c: int, s: int, relu: bool) -> int:
    """Two DDRNet basic blocks (the first with the stride and a 1x1 projection where
    the shape changes); the last one's RELU only with ``relu`` (the release's
    ``no_relu``, taken by a standalone RELU where a consumer needs it)."""
    for j in range(2):
        st = s if j == 0 else 1
        h = b.conv(b.conv(x, c, 3, st, "RELU"), c, 3)
        x = b.add(h, _shortcut(b, x, c, st), "RELU" if j == 0 or relu else "NONE")
    return x


def _ddr_bottleneck(b: NetBuilder, x: int, planes: int, s: int) -> int:
    """DDRNet bottleneck (expansion 2): 1x1 RELU, 3x3 (stride) RELU, 1x1 to
    ``2 planes``, ADD of the (projected) input, RELU."""
    h = b.conv(b.conv(x, planes, 1, 1, "RELU"), planes, 3, s, "RELU")
    return b.add(b.conv(h, 2 * planes, 1), _shortcut(b, x, 2 * planes, s), "RELU")


def _dappm(b: NetBuilder, x: int, branch: int, out: int) -> int:
    """Deep aggregation pyramid pooling module on ``x`` (module doc)."""
    size = b.shape(x)[1:3]
    p1 = b.pool(x, "avg", 5, 2, "SAME")
    p2 = b.pool(p1, "avg", 5, 2, "SAME")
    p3 = b.pool(p2, "avg", 5, 2, "SAME")
    ys = [b.conv(x, branch, 1)]
    for p in (p1, p2, p3, b.mean(x, (1, 2), keep_dims=True)):
        y = b.add(_up_to(b, b.conv(p, branch, 1), size), ys[-1], "RELU")
        ys.append(b.conv(y, branch, 3))
    return b.add(b.conv(b.act(b.concat(ys), "RELU"), out, 1), b.conv(x, out, 1))


def ddrnet23_slim(b: NetBuilder, x: int, classes: int = 19, planes: int = 32,
                  spp: int = 128, head: int = 64) -> int:
    """DDRNet-23-slim on ``x`` (``[1, 512, 1024, 3]`` for the held-out model);
    returns the logits ``[1, H/8, W/8, classes]`` (module doc)."""
    x = b.conv(b.conv(x, planes, 3, 2, "RELU"), planes, 3, 2, "RELU")
    x = _ddr_layer(b, _ddr_layer(b, x, planes, 1, True), 2 * planes, 2, True)
    hi_size = b.shape(x)[1:3]
    lo = _ddr_layer(b, x, 4 * planes, 2, False)
    hi = _ddr_layer(b, x, 2 * planes, 1, False)
    for n in range(2):  # bilateral fusion after layer3 / layer3_ and layer4 / layer4_
        down = b.act(hi, "RELU")
        if n:
            down = b.conv(down, 4 * planes, 3, 2, "RELU")
        down = b.conv(down, b.shape(lo)[-1], 3, 2)
        up = _up_to(b, b.conv(b.act(lo, "RELU"), 2 * planes, 1), hi_size)
        lo, hi = b.add(lo, down, "RELU"), b.add(hi, up, "RELU")
        if not n:
            lo = _ddr_layer(b, lo, 8 * planes, 2, False)
            hi = _ddr_layer(b, hi, 2 * planes, 1, False)
    hi = _ddr_bottleneck(b, hi, 2 * planes, 1)
    lo = _dappm(b, _ddr_bottleneck(b, lo, 8 * planes, 2), spp, 4 * planes)
    y = b.add(_up_to(b, lo, hi_size), hi, "RELU")
    return b.conv(b.conv(y, head, 3, 1, "RELU"), classes, 1)


# -- LR-ASPP on MobileNetV3-Large

def lraspp_mnv3_large(b: NetBuilder, x: int, classes: int = 19, inter: int = 128
                      ) -> int:
    """LR-ASPP on MobileNetV3-Large on ``x`` (512x512 for the held-out model);
    returns the logits ``[1, H/8, W/8, classes]`` (module doc)."""
    x = _conv_act(b, x, 16, 3, 2, "HARD_SWISH")
    for i, (k, exp, out, se, act, s) in enumerate(MBV3["large"]):
        dil = i >= len(MBV3["large"]) - 3  # the last stage: stride 1, dilation 2
        x = _mbv3_block(b, x, k, exp, out, se, act, 1 if dil else s, 2 if dil else 1)
        if i == 3:
            low = x  # the first 1/8 block (torchvision's features[4])
    high = _conv_act(b, x, 960, 1, 1, "HARD_SWISH")
    gate = b.conv(b.mean(high, (1, 2), keep_dims=True), inter, 1)
    y = b.mul(b.conv(high, inter, 1, 1, "RELU"), b.act(gate, "LOGISTIC"))
    return b.add(b.conv(low, classes, 1), b.conv(_up2(b, y), classes, 1))


# -- EfficientDet-D0

def _fuse(b: NetBuilder, xs: list[int], width: int) -> int:
    """A BiFPN node: fast normalised fusion with the weights folded to constants
    (``1 / (n + 1e-4)``, the release's initial ones: MUL each input, ADD), swish,
    separable conv (module doc)."""
    w = b.const(np.full((1, 1, 1, 1), 1 / (len(xs) + 1e-4), np.float32))
    y = b.mul(xs[0], w)
    for t in xs[1:]:
        y = b.add(y, b.mul(t, w))
    return _sep(b, _swish(b, y), width)


def _bifpn(b: NetBuilder, ps: list[int], width: int) -> list[int]:
    """One BiFPN layer on P3-P7 (module doc); a backbone map gets its own 1x1 conv
    each time a node takes it."""
    def inp(i: int) -> int:
        return ps[i] if b.shape(ps[i])[-1] == width else b.conv(ps[i], width, 1)

    td = [None] * 4 + [ps[4]]
    for i in (3, 2, 1, 0):
        td[i] = _fuse(b, [inp(i), _nearest_x2(b, td[i + 1])], width)
    outs = [td[0]]
    for i in (1, 2, 3, 4):
        mid = [td[i]] if i < 4 else []
        down = b.pool(outs[-1], "max", 3, 2, "SAME")
        outs.append(_fuse(b, [inp(i), *mid, down], width))
    return outs


def _box_class_head(b: NetBuilder, feats: list[int], out: int, width: int,
                    depth: int = 3) -> list[int]:
    """EfficientDet's class / box net on every level: ``depth`` separable convs with
    swish, a separable conv to ``out`` (weights shared across levels in the release,
    separate ops here)."""
    res = []
    for f in feats:
        for _ in range(depth):
            f = _swish(b, _sep(b, f, width))
        res.append(_sep(b, f, out))
    return res


def efficientdet_d0(b: NetBuilder, x: int, classes: int = 90, anchors: int = 9,
                    width: int = 64, layers: int = 3) -> tuple[int, ...]:
    """EfficientDet-D0 on ``x`` (512x512 for the held-out model); returns the class
    maps of P3-P7, then their box maps (module doc)."""
    taps: list[int] = []
    stages = tuple((e, k, s, c, n, True) for e, k, s, c, n in EFFNET_B0)
    _mbconv_stages(b, _swish(b, b.conv(x, 32, 3, 2)), stages, taps=taps)
    p6 = b.pool(b.conv(taps[-1], width, 1), "max", 3, 2, "SAME")
    ps = [taps[2], taps[4], taps[6], p6, b.pool(p6, "max", 3, 2, "SAME")]
    for _ in range(layers):
        ps = _bifpn(b, ps, width)
    return tuple(_box_class_head(b, ps, anchors * classes, width)
                 + _box_class_head(b, ps, anchors * 4, width))
