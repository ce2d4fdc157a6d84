"""Held-out families XX (session 24, pre-registered before they were built; issue 22).

Four published networks, written with :class:`jaxeff.gnn.build.NetBuilder` (float32,
seeded weights, batch norm folded into each conv's bias, as a converted inference graph
has it), named in ``docs/evidence/perfsage-cpu-2026-12-05-s24/PREREGISTERED.md``
section 3 after the families XVII / XIX diagnoses (CONCATENATIONs of maps that also
feed other layers, standalone LEAKY_RELU). Test models only: no predictor or Vela run
chose anything here. Counts: MACs as :func:`jaxeff.gnn.graph.total_macs`, parameters
= weights + biases of this graph.

* :func:`yolov7_tiny`: YOLOv7-tiny at 416 (Wang, Bochkovskiy and Liao, arXiv
  2207.02696; the release's ``yolov7-tiny.yaml``, LeakyReLU 0.1). Every conv is
  followed by a standalone LEAKY_RELU 0.1. Backbone: 3x3/2 32, 3x3/2 64, then four
  ELAN-tiny blocks (:func:`_elan_tiny`: two 1x1 branches ``a``, ``h`` of ``c``, two
  3x3 convs chained on ``h``, ONE CONCATENATION of the four, 1x1 to ``2 c``; ``c`` =
  32 / 64 / 128 / 256) with a 2x2/2 max pool before the last three (P3 = 128 ch at
  1/8, P4 = 256 at 1/16). SPPCSPC-tiny: 1x1 256 (a) and 1x1 256 (s) of the 512-map,
  max pools 5 / 9 / 13 stride 1 SAME side by side on s, CONCATENATION ``[13, 9, 5,
  s]``, 1x1 256, CONCATENATION with a, 1x1 256 (h5). PAN: 1x1 128 of h5, 2x nearest
  up-sampling, CONCATENATION ``[1x1 128 of P4, up]``, ELAN 64 (h4); 1x1 64, up,
  CONCATENATION with a 1x1 64 of P3, ELAN 32 (out 3, 64 ch); 3x3/2 128,
  CONCATENATION with h4, ELAN 64 (out 4); 3x3/2 256, CONCATENATION with h5, ELAN 128
  (out 5); a 3x3 conv of 128 / 256 / 512 and a linear 1x1 head of 255 per level. [U]
  the stride-2 convs pad bottom / right (TFLite SAME; the release pads 1 all round:
  same sizes and MACs); IDetect's implicit add / multiply are folded into the head
  convs (as the release's fusing does) and the decoding is left out. 135 ops (58
  CONV_2D, 55 LEAKY_RELU, 14 CONCATENATION, 6 MAX_POOL_2D, 2 resizes), 2,894,275,072
  MACs at 416 (6,850,355,200 at 640 = 13.70 GFLOPs; paper Table 1's tiny-SiLU row,
  the same layers, recalled: 13.8 GFLOPs, 6.2 M parameters), 6,219,709 parameters.
* :func:`nanodet_m`: NanoDet-m at 320 (RangiLyu, github.com/RangiLyu/nanodet, 2020;
  ``nanodet-m.yml``). ShuffleNet-v2 1.0x (Ma et al., arXiv 1807.11164, Table 5)
  with the config's LeakyReLU 0.1 (standalone, after the stem and every 1x1 conv;
  the depthwise convs linear): 3x3/2 24, 3x3/2 max pool, stages of 4 / 8 / 4 units
  (:func:`jaxeff.gnn.spaces_shuffle.shuffle_unit`; SPLIT, CONCATENATION, the 2-group
  shuffle as RESHAPE / TRANSPOSE / RESHAPE of
  :func:`jaxeff.gnn.spaces_shuffle.channel_shuffle`) to 116 / 232 / 464 channels, no
  conv5. PAN (NanoDet's, no convs after the laterals):
  linear 1x1 laterals to 96; top-down bilinear x2 up-sampling + ADD; bottom-up
  bilinear x1/2 resizing + ADD (NanoDet interpolates both ways). Head per level
  (weights not shared): two depthwise-separable stacks (3x3 depthwise LEAKY_RELU, 1x1
  96 LEAKY_RELU) and a 1x1 conv of 80 + 4 x (7 + 1) = 112 (``share_cls_reg``). [U]
  the stride-2 conv / pool pad bottom / right; every RESIZE_BILINEAR has half-pixel
  centres (PyTorch ``align_corners=False``; the x1/2 one equals a 2x2/2 average pool
  but is written as the converter emits it); the class / box split, sigmoid and
  distribution decoding are left out. 207 ops (48 CONV_2D, 25 DEPTHWISE_CONV_2D, 48
  LEAKY_RELU, 16 CONCATENATION, 13 SPLIT, 16 TRANSPOSE, 4 RESIZE_BILINEAR, 4 ADD),
  342,223,200 MACs, 941,818 parameters (README: 0.72 GFLOPs, 0.95 M parameters).
* :func:`dla34`: DLA-34 at 224 (Yu et al., "Deep Layer Aggregation", arXiv
  1707.06484; the release's ``dla34``: levels 1, 1, 1, 2, 2, 1, channels 16 ... 512,
  basic blocks). Stem 7x7 16 and 3x3 16 at full resolution, 3x3/2 32; four trees
  (:func:`_tree`) to 64 / 128 / 256 / 512, each at a 2x2/2 max pool of its input.
  A basic block is two 3x3 convs, ADD of the residual (the pooled input, 1x1
  projected where the width changes), RELU. A root (aggregation node) is ONE
  CONCATENATION of the two blocks' outputs (the first also feeds the second), the
  earlier subtree's output and, at a level root (levels 3-5), the pooled tree
  input, then a 1x1 conv with RELU: the release's ``dla34`` has ``residual_root=
  False``, so no ADD in the roots (root residuals are for the deeper DLAs).
  Classifier: MEAN (the 7x7 average pool), a 1x1 conv of 1000, RESHAPE. [U] the
  release's never-used projection of the two-level trees is left out (timm does the
  same); the level-root max pool is computed once for the root and the first
  subtree (the release pools twice); SOFTMAX added as for the other classifiers. 63
  ops (38 CONV_2D, 12 ADD, 6 CONCATENATION of 2 / 2 / 4 / 2 / 4 / 3 maps, 4
  MAX_POOL_2D), 3,060,043,776 MACs, 15,734,360 parameters (timm's ``dla34``,
  recalled: 3.07 G MACs, 15,742,104 parameters = this count + one per batch-norm
  channel).
* :func:`pp_picodet_s`: PP-PicoDet-S at 320 (Yu et al., arXiv 2111.00902; the
  2021.10 release, ``picodet_s_320_coco.yml``, read). HARD_SWISH (standalone) after
  every conv but the SE convs, the heads' 1x1s and the ES blocks' first depthwise.
  ESNet-s (scale 0.75): 3x3/2 24, 3x3/2 max pool; stages of 3 / 7 / 3 ES blocks to
  96 / 192 / 384 channels with per-block middle widths from the config's channel
  ratios (:data:`ESNET_S`). Stride-2 block (:func:`_es_down`): depthwise 3x3/2 +
  1x1 || 1x1, depthwise 3x3/2, SE, 1x1; CONCATENATION; depthwise 3x3 + 1x1. Stride-1
  block (:func:`_es_block`): SPLIT, 1x1 on one half, its depthwise 3x3 and it in
  ONE CONCATENATION (ghost-like), SE, 1x1; CONCATENATION with the other half,
  shuffle. SE (:func:`jaxeff.gnn.heldout_nets._se_hard`): MEAN, 1x1 RELU to C / 4,
  1x1, hard sigmoid, MUL.
  CSP-PAN of 96 channels: 1x1 96 per input; top-down 2x nearest up-sampling,
  CONCATENATION, CSP layer (:func:`_csp`, one bottleneck of 1x1 and a 5x5
  depthwise-separable module); bottom-up 5x5/2 depthwise-separable down-sampling,
  CONCATENATION, CSP layer; a fourth level (stride 64) = ADD of 5x5/2 modules on the
  top input and the top output. Head per level (``share_cls_reg``, weights per
  level): two 5x5 depthwise + 1x1 stacks and a 1x1 of 80 + 4 x 8 = 112. [U] hard
  sigmoid as ADD 3 (fused RELU6) and MUL 1/6; shuffle as RESHAPE / TRANSPOSE /
  RESHAPE; stem conv / pool pad bottom / right; split, sigmoid and decoding left
  out. 347 ops (98 CONV_2D, 35 DEPTHWISE_CONV_2D, 87 HARD_SWISH, 31 CONCATENATION,
  13 MEAN, 10 SPLIT, 10 TRANSPOSE), 350,963,528 MACs, 983,917 parameters (legacy
  README, read: 0.73 GFLOPs, 0.99 M parameters).

NanoDet's and PicoDet's "FLOPs" match 2 x multiply-adds (-5 % / -4 %, the rest
presumably their counters' element-wise ops), YOLOv7's likewise; timm counts MACs.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (_conv_act, _conv_leaky, _div8, _dw_act, _nearest_x2,
                                     _se_hard, _up2)
from jaxeff.gnn.spaces_shuffle import channel_shuffle, shuffle_unit

__all__ = ["dla34", "nanodet_m", "pp_picodet_s", "yolov7_tiny"]

HS = "HARD_SWISH"


# -- YOLOv7-tiny

def _elan_tiny(b: NetBuilder, x: int, c: int) -> int:
    """ELAN-tiny: 1x1 convs ``a`` and ``h`` of ``c`` on ``x``, two 3x3 convs of ``c``
    chained on ``h``; ONE CONCATENATION ``[3x3 #2, 3x3 #1, h, a]``; 1x1 to ``2 c``
    (every conv with a standalone LEAKY_RELU 0.1)."""
    a, h = _conv_leaky(b, x, c, 1), _conv_leaky(b, x, c, 1)
    y1 = _conv_leaky(b, h, c, 3)
    y2 = _conv_leaky(b, y1, c, 3)
    return _conv_leaky(b, b.concat([y2, y1, h, a]), 2 * c, 1)


def _mp(b: NetBuilder, x: int) -> int:
    return b.pool(x, "max", 2, 2, "VALID")


def yolov7_tiny(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80
                ) -> tuple[int, int, int]:
    """YOLOv7-tiny on ``x`` (416x416 for the held-out model); returns the three head
    outputs ``[1, H/8, W/8, n]``, ``[1, H/16, W/16, n]``, ``[1, H/32, W/32, n]``,
    ``n = anchors (classes + 5)`` = 255 (module doc)."""
    n = anchors * (classes + 5)
    x = _conv_leaky(b, _conv_leaky(b, x, 32, 3, 2), 64, 3, 2)
    x = _elan_tiny(b, x, 32)
    p3 = _elan_tiny(b, _mp(b, x), 64)
    p4 = _elan_tiny(b, _mp(b, p3), 128)
    x = _elan_tiny(b, _mp(b, p4), 256)
    # SPPCSPC-tiny
    a, s = _conv_leaky(b, x, 256, 1), _conv_leaky(b, x, 256, 1)
    pools = [b.pool(s, "max", k, 1, "SAME") for k in (5, 9, 13)]
    y = _conv_leaky(b, b.concat([*pools[::-1], s]), 256, 1)
    h5 = _conv_leaky(b, b.concat([y, a]), 256, 1)
    # PAN: top-down (lateral 1x1 of the backbone map first in each CONCATENATION)
    u = _nearest_x2(b, _conv_leaky(b, h5, 128, 1))
    h4 = _elan_tiny(b, b.concat([_conv_leaky(b, p4, 128, 1), u]), 64)
    u = _nearest_x2(b, _conv_leaky(b, h4, 64, 1))
    o3 = _elan_tiny(b, b.concat([_conv_leaky(b, p3, 64, 1), u]), 32)
    # bottom-up
    o4 = _elan_tiny(b, b.concat([_conv_leaky(b, o3, 128, 3, 2), h4]), 64)
    o5 = _elan_tiny(b, b.concat([_conv_leaky(b, o4, 256, 3, 2), h5]), 128)
    return tuple(b.conv(_conv_leaky(b, o, c, 3), n, 1)
                 for o, c in ((o3, 128), (o4, 256), (o5, 512)))


# -- NanoDet-m

def _leaky(b: NetBuilder, x: int) -> int:
    return b.leaky_relu(x, 0.1)


def _down2(b: NetBuilder, x: int) -> int:
    """Bilinear x1/2 resizing with half-pixel centres (PyTorch ``interpolate(scale_
    factor=0.5, mode="bilinear")``)."""
    _, h, w, _ = b.shape(x)
    return b.resize(x, (h // 2, w // 2), "bilinear", half_pixel_centers=True)


def nanodet_m(b: NetBuilder, x: int, classes: int = 80, reg_max: int = 7
              ) -> tuple[int, int, int]:
    """NanoDet-m on ``x`` (320x320 for the held-out model); returns the three level
    outputs ``[1, H/8, W/8, n]``, ``[1, H/16, W/16, n]``, ``[1, H/32, W/32, n]``,
    ``n = classes + 4 (reg_max + 1)`` = 112 (module doc)."""
    x = b.pool(_leaky(b, b.conv(x, 24, 3, 2)), "max", 3, 2, "SAME")
    feats = []
    for cout, reps in ((116, 4), (232, 8), (464, 4)):
        for j in range(reps):
            x = shuffle_unit(b, x, cout, 1 if j else 2, _leaky)
        feats.append(x)
    lat = [b.conv(f, 96, 1) for f in feats]  # linear laterals, with bias
    lat[1] = b.add(lat[1], _up2(b, lat[2]))
    lat[0] = b.add(lat[0], _up2(b, lat[1]))
    lat[1] = b.add(lat[1], _down2(b, lat[0]))
    lat[2] = b.add(lat[2], _down2(b, lat[1]))
    n, outs = classes + 4 * (reg_max + 1), []
    for y in lat:
        for _ in range(2):
            y = _leaky(b, b.conv(_leaky(b, b.dwconv(y, 3)), 96, 1))
        outs.append(b.conv(y, n, 1))
    return tuple(outs)


# -- DLA-34

def _basic(b: NetBuilder, x: int, c: int, stride: int, residual: int) -> int:
    """A basic block: 3x3 conv (stride) RELU, 3x3 conv, ADD ``residual``, RELU."""
    return b.add(b.conv(b.conv(x, c, 3, stride, "RELU"), c, 3), residual, "RELU")


def _tree(b: NetBuilder, x: int, bottom: int, levels: int, c: int,
          children: list[int]) -> int:
    """A DLA tree of ``levels`` on ``x`` (``bottom``: ``x`` max-pooled to the tree's
    resolution, or ``x``); ``children`` join its last root CONCATENATION."""
    if levels > 1:
        x1 = _tree(b, x, bottom, levels - 1, c, [])
        return _tree(b, x1, x1, levels - 1, c, [*children, x1])
    stride = b.shape(x)[1] // b.shape(bottom)[1]
    res = bottom if b.shape(bottom)[-1] == c else b.conv(bottom, c, 1)
    x1 = _basic(b, x, c, stride, res)
    x2 = _basic(b, x1, c, 1, x1)
    return b.conv(b.concat([x2, x1, *children]), c, 1, 1, "RELU")


def dla34(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DLA-34 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output (module
    doc)."""
    x = b.conv(b.conv(x, 16, 7, 1, "RELU"), 16, 3, 1, "RELU")
    x = b.conv(x, 32, 3, 2, "RELU")
    for levels, c, level_root in ((1, 64, False), (2, 128, True), (2, 256, True),
                                  (1, 512, True)):
        bottom = b.pool(x, "max", 2, 2, "VALID")
        x = _tree(b, x, bottom, levels, c, [bottom] if level_root else [])
    y = b.conv(b.mean(x, (1, 2), keep_dims=True), classes, 1)
    return b.softmax(b.reshape(y, (1, classes)))


# -- PP-PicoDet-S

#: ESNet-s (PicoDet-S, scale 0.75): stage widths ``make_divisible(0.75 (128, 256,
#: 512), 16)``, 3 / 7 / 3 blocks, and per block the release's channel ratio
ESNET_S = ((96, (0.875, 0.5, 0.5)), (192, (0.5, 0.625, 0.5, 0.625, 0.5, 0.5, 0.5)),
           (384, (0.5, 0.5, 0.5)))


def _es_block(b: NetBuilder, x: int, mid: int) -> int:
    """ES block, stride 1: SPLIT in halves; on the second a 1x1 conv to ``mid / 2``
    HARD_SWISH, its linear 3x3 depthwise conv, CONCATENATION of the two (``mid``),
    SE, 1x1 conv to C / 2 HARD_SWISH; CONCATENATION with the first half, shuffle."""
    c = b.shape(x)[-1]
    keep, h = b.split(x, 2)
    h = _conv_act(b, h, mid // 2, 1, 1, HS)
    h = b.concat([h, b.dwconv(h, 3)])
    h = _se_hard(b, h, b.shape(h)[-1] // 4)
    return channel_shuffle(b, b.concat([keep, _conv_act(b, h, c // 2, 1, 1, HS)]))


def _es_down(b: NetBuilder, x: int, mid: int, cout: int) -> int:
    """ES block, stride 2: linear 3x3/2 depthwise, 1x1 to C / 2 HARD_SWISH || 1x1 to
    ``mid / 2`` HARD_SWISH, linear 3x3/2 depthwise, SE, 1x1 to C / 2 HARD_SWISH;
    CONCATENATION; 3x3 depthwise HARD_SWISH, 1x1 HARD_SWISH (no shuffle)."""
    a = _conv_act(b, b.dwconv(x, 3, 2), cout // 2, 1, 1, HS)
    h = b.dwconv(_conv_act(b, x, mid // 2, 1, 1, HS), 3, 2)
    h = _se_hard(b, h, b.shape(h)[-1] // 4)
    y = b.concat([a, _conv_act(b, h, cout // 2, 1, 1, HS)])
    return _conv_act(b, _dw_act(b, y, 3, 1, HS), cout, 1, 1, HS)


def _dp(b: NetBuilder, x: int, k: int = 5, s: int = 1) -> int:
    """CSP-PAN depthwise-pointwise module: k x k depthwise (stride ``s``) HARD_SWISH,
    1x1 HARD_SWISH."""
    return _conv_act(b, _dw_act(b, x, k, s, HS), b.shape(x)[-1], 1, 1, HS)


def _csp(b: NetBuilder, x: int, c: int) -> int:
    """CSP layer with one bottleneck and no identity: 1x1 to ``c / 2`` (short) and
    1x1 to ``c / 2`` -> 1x1 -> :func:`_dp` (main); CONCATENATION ``[main, short]``;
    1x1 to ``c``; HARD_SWISH after every conv."""
    m = c // 2
    short, main = _conv_act(b, x, m, 1, 1, HS), _conv_act(b, x, m, 1, 1, HS)
    main = _dp(b, _conv_act(b, main, m, 1, 1, HS))
    return _conv_act(b, b.concat([main, short]), c, 1, 1, HS)


def pp_picodet_s(b: NetBuilder, x: int, classes: int = 80, reg_max: int = 7,
                 width: int = 96) -> tuple[int, int, int, int]:
    """PP-PicoDet-S on ``x`` (320x320 for the held-out model); returns the four level
    outputs at strides 8, 16, 32, 64, each with ``classes + 4 (reg_max + 1)`` = 112
    channels (module doc)."""
    x = b.pool(_conv_act(b, x, 24, 3, 2, HS), "max", 3, 2, "SAME")
    feats = []
    for c, ratios in ESNET_S:
        for j, r in enumerate(ratios):
            mid = _div8(int(c * r))
            x = _es_block(b, x, mid) if j else _es_down(b, x, mid, c)
        feats.append(x)
    ins = [_conv_act(b, f, width, 1, 1, HS) for f in feats]
    inner = [ins[2]]
    for low in (ins[1], ins[0]):
        inner.insert(0, _csp(b, b.concat([_nearest_x2(b, inner[0]), low]), width))
    outs = [inner[0]]
    for high in inner[1:]:
        outs.append(_csp(b, b.concat([_dp(b, outs[-1], 5, 2), high]), width))
    outs.append(b.add(_dp(b, ins[2], 5, 2), _dp(b, outs[-1], 5, 2)))
    n, heads = classes + 4 * (reg_max + 1), []
    for y in outs:
        for _ in range(2):
            y = _dp(b, y)
        heads.append(b.conv(y, n, 1))
    return tuple(heads)
