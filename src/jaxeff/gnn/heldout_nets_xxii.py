"""Held-out families XXII (session 25, pre-registered before they were built; issue 22).

Four published networks built on channel shuffles and other TRANSPOSEs, written with
:class:`jaxeff.gnn.build.NetBuilder` (float32, seeded weights, batch norm folded into
each conv's bias, as a converted inference graph has it), named in
``docs/evidence/perfsage-cpu-2026-12-06-s25/PREREGISTERED.md`` section 3 for
candidate I's change (the ``shuffle`` space back in the training mix). Test models
only: no predictor or Vela run chose anything here. Counts: MACs as
:func:`jaxeff.gnn.graph.total_macs`, parameters = weights + biases of this graph.
Every shuffle is the 4-D RESHAPE / TRANSPOSE ``[0, 1, 3, 2]`` / RESHAPE of
:func:`jaxeff.gnn.spaces_shuffle.channel_shuffle` (2 groups) or
:func:`jaxeff.gnn.heldout_nets._shuffle_groups` (g groups).

* :func:`snet146_cem`: ThunderNet's SNet-146 backbone and context enhancement
  module at 320 (Qin et al., "ThunderNet: Towards Real-time Generic Object
  Detection", arXiv 1903.11752, Table 1 and Section 3; channel widths, unit counts,
  5x5 kernels and the CEM checked against the re-implementation github
  qinzheng93/ThunderNet, read). Stem 3x3/2 24 RELU, 3x3/2 max pool; stages of 4 / 8
  / 4 ShuffleNet-v2 units (:func:`jaxeff.gnn.spaces_shuffle.shuffle_unit` with 5x5
  depthwise convs, RELU on the 1x1 convs) to 132 / 264 / 528 channels (C3 40x40, C4
  20x20, C5 10x10), no conv5. CEM: 1x1 conv of C4 to 245, 1x1 conv of C5 to 245 and
  2x nearest up-sampling, MEAN of C5 (kept 1x1) and a 1x1 conv to 245, summed by two
  ADDs (the last broadcasting the 1x1 map, as the converter writes the broadcast).
  [U] the paper's units (both stride-2 branches to C / 2; CONCATENATION then shuffle
  in every unit) where the re-implementation has Megvii's (stage 2's first unit 24 +
  108 channels, even / odd split at the start of the stride-1 units; +2,822,400
  MACs, +1,764 parameters); stem conv / pool pad bottom / right (TFLite SAME; PyTorch
  pads 1 all round: same sizes); C5's conv before the up-sampling (the
  re-implementation's order; the paper's text leaves it open), nearest
  up-sampling, one MEAN over H and W (the re-implementation takes two); the RPN,
  spatial attention module and R-CNN subnet left out (the CEM map is the output).
  140 ops (39 CONV_2D, 19 DEPTHWISE_CONV_2D, 16 CONCATENATION, 13 SPLIT, 16
  TRANSPOSE, 32 RESHAPE, 2 ADD, MAX_POOL_2D, MEAN, RESIZE_NEAREST_NEIGHBOR),
  366,712,560 MACs (327,775,200 the backbone, 38,937,360 the CEM), 1,359,849
  parameters. The backbone at 224 counts 160,609,848 MACs, 161,137,848 with an
  ImageNet FC (Table 1, recalled: 146 MFLOPs, +10 %; counted alike, SNet-49 gives
  51.2 M for its 49 M and ShuffleNet-v2 1.0x 144.9 M for its 146 M).
* :func:`lite_hrnet18`: Lite-HRNet-18 for COCO pose at 256x192 (Yu et al.,
  "Lite-HRNet: A Lightweight High-Resolution Network", CVPR 2021, arXiv 2104.06403;
  the release HRNet/Lite-HRNet, ``models/backbones/litehrnet.py`` and
  ``litehrnet_18_coco_256x192.py``, read). Stem: 3x3/2 conv 32 RELU; SPLIT; one half
  1x1 32 RELU, 3x3/2 depthwise, 1x1 16 RELU, the other 3x3/2 depthwise, 1x1 16 RELU;
  CONCATENATION, shuffle (64x48x32). Transitions (3x3 depthwise, linear, then 1x1
  RELU; a new branch at stride 2 from the last one) to branches of 40 / 80 / 160 /
  320 channels at 64x48 ... 8x6; stages of 2 / 4 / 2 modules (:data:`LITE_HRNET18`)
  of two conditional channel weighting blocks (:func:`_ccw`: every branch SPLIT in
  halves; cross-resolution weighting of the second halves (:func:`_crw`: each
  average-pooled to the smallest branch's size, ONE CONCATENATION, 1x1 conv to
  ``int(C / 8)`` = 7 / 17 / 37 RELU, 1x1 conv back, LOGISTIC, SPLIT_V per branch,
  nearest resizing back, MUL); per branch a 3x3 depthwise (linear), spatial
  weighting (:func:`jaxeff.gnn.heldout_nets._gate`: MEAN, 1x1 to C / 4 RELU, 1x1,
  LOGISTIC, MUL), CONCATENATION with the kept half, shuffle) and the fuse layers of
  the release (:func:`_lite_fuse`: lower resolutions by 1x1 conv + nearest resize,
  higher ones by chains of 3x3/2 depthwise + 1x1 convs, RELU on all but the last).
  The release's fuse sums in place on its first branch (``y = out[0]; y += ...``),
  so, as traced: branch 0 is ADD(x0, x0) plus the other terms, its pre-activation
  sum s0 feeds the other outputs' branch-0 term, and that term is added twice (its
  two identical calls one after the converter's common-subexpression elimination:
  ADD(t, t)); RELU standalone on s0 (s0 has other consumers), fused into the last
  ADD elsewhere [U: the traced form; HRNet's own fuse sums each term once].
  Iterative head: from 8x6 up, x2 bilinear up-sampling + ADD, 3x3 depthwise + 1x1
  RELU to 160 / 80 / 40 / 40; 1x1 conv of 17 heatmaps at 64x48. [U] the adaptive
  average pools (factors 2, 4, 8) as cascades of 2x2/2 AVERAGE_POOL_2D (the same
  averages; Vela 5.2 takes pool strides <= 3, as PSPNet's pyramid in
  :mod:`jaxeff.gnn.heldout_nets`); the same-size nearest resize of the smallest
  branch's weights left out (an identity); the head's align_corners resizes as
  half-pixel x2 RESIZE_BILINEARs (no NPU form for (2n - 1) / (n - 1), as LEDNet);
  SAME stem padding; flip test and decoding left out. 986 ops (205 CONV_2D, 96
  DEPTHWISE_CONV_2D, 96 MUL, 79 ADD, 65 CONCATENATION, 64 LOGISTIC, 58
  RESIZE_NEAREST_NEIGHBOR, 52 AVERAGE_POOL_2D, 49 SPLIT, 49 TRANSPOSE, 98 RESHAPE, 48
  MEAN, 16 SPLIT_V, 8 RELU, 3 RESIZE_BILINEAR), 198,626,688 MACs and 1,114,569
  parameters (the release's README, read: 205.2 M FLOPs, -3.2 %; 1.1 M parameters,
  +1.3 %).
* :func:`igcv3_d`: IGCV3-D 1.0 at 224 (Sun et al., "IGCV3: Interleaved Low-Rank Group
  Convolutions for Efficient Deep Neural Networks", BMVC 2018, arXiv 1806.00178; the
  release homles11/IGCV3, ``symbols/igcv3.py``, read). MobileNet-v2's layout with the
  blocks doubled (:data:`IGCV3_D`: 1 / 4 / 6 / 8 / 6 / 6 / 1): stem 3x3/2 32 RELU6;
  per block (:func:`_igcv3_block`) a 2-group 1x1 expansion to ``t C_in``
  (:func:`jaxeff.gnn.heldout_nets._group_pw`: SPLIT, a CONV_2D a group,
  CONCATENATION; linear, also for ``t`` = 1), the 2-group permutation, 3x3 depthwise
  (the stride) RELU6, a 2-group 1x1 projection (linear) and the release's second
  permutation with C / 2 groups (the inverse of the 2-group one), residual ADD in
  every block but a sequence's first; 1x1 conv 1280 RELU6, MEAN, FC, SOFTMAX. [U]
  SAME stem padding (the release pads 1 all round: same sizes). 510 ops (130
  CONV_2D, 32 DEPTHWISE_CONV_2D, 64 SPLIT, 64 CONCATENATION, 64 TRANSPOSE, 128
  RESHAPE, 25 ADD, MEAN, FULLY_CONNECTED, SOFTMAX), 312,970,176 MACs and 3,459,416
  parameters (equal to a hand count from the table; README, read: 3.5 M parameters,
  -1.2 %; the paper's multiply-adds, recalled, not read: about 318 M, -1.6 %).
* :func:`shuffleseg`: ShuffleSeg at 512 x 256 (Gamal et al., "ShuffleSeg: Real-time
  Semantic Segmentation Network", arXiv 1803.03816; the release MSiam/TFSegmentation,
  ``models/fcn8s_shufflenet.py`` and its ShuffleNet encoder, read): the ShuffleNet-v1
  g = 3 encoder (:func:`jaxeff.gnn.heldout_nets._shufflenet_v1_stages`, the
  ShuffleNet-v1 test model's units) and the SkipNet decoder
  (:func:`jaxeff.gnn.heldout_nets._fcn8s_decoder`): 1x1 conv of stage 4 to the 20
  classes, 4x4/2 TRANSPOSE_CONV (no bias) ADDed to a 1x1 conv of stage 3, again with
  stage 2, x8 up-sampling to the input. [U] the release's learned 16x16/8
  deconvolution as one RESIZE_BILINEAR x8 (Vela maps TRANSPOSE_CONV at stride 2
  only; as FCN-8s: 209,715,200 MACs and 102,400 weights fewer); the stem conv and max
  pool SAME (the release: VALID conv, bottom / right zero pad, VALID pool: 63x127
  into stage 2, not 64x128; equal sizes from stage 2 on); the shuffle after the
  ungrouped first 1x1 of stage 2 kept (the helper's form; the release leaves it out,
  3 ops); SAME depthwise convs for the release's PAD + VALID; the mean / scale
  pre-processing left out; the 512 x 256 input (the pre-registered size). 249 ops (98
  CONV_2D, 16 DEPTHWISE_CONV_2D, 34 CONCATENATION, 31 SPLIT, 16 TRANSPOSE, 32 RESHAPE,
  15 ADD, 3 AVERAGE_POOL_2D, MAX_POOL_2D, 2 TRANSPOSE_CONV, RESIZE_BILINEAR),
  377,872,384 MACs (356,573,184 the encoder = 128 / 49 x the ShuffleNet-v1 test
  model's without its FC; 1,511,489,536 at 1024 x 512, 2,350,350,336 with the x8
  deconvolution; the paper, recalled, not read: 2.03 GFLOPs, at a resolution we do
  not recall), 938,948 parameters (no published count known to us).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (_fcn8s_decoder, _gate, _group_pw, _nearest_x2,
                                     _sep, _shuffle_groups, _shufflenet_v1_stages,
                                     _up2)
from jaxeff.gnn.spaces_shuffle import channel_shuffle, shuffle_unit

__all__ = ["igcv3_d", "lite_hrnet18", "shuffleseg", "snet146", "snet146_cem"]


# -- ThunderNet: SNet-146 and the context enhancement module

#: SNet-146 (ThunderNet Table 1): stage 2-4 output channels (4 / 8 / 4 units, no conv5)
SNET146 = (132, 264, 528)


def snet146(b: NetBuilder, x: int) -> tuple[int, int, int]:
    """SNet-146 on ``x``: stem, three stages of ShuffleNet-v2 units with 5x5 depthwise
    convs; returns the stage outputs ``(C3, C4, C5)`` (module doc)."""
    x = b.pool(b.conv(x, 24, 3, 2, "RELU"), "max", 3, 2, "SAME")
    feats = []
    for cout, reps in zip(SNET146, (4, 8, 4), strict=True):
        for j in range(reps):
            x = shuffle_unit(b, x, cout, 1 if j else 2, k=5)
        feats.append(x)
    return tuple(feats)


def snet146_cem(b: NetBuilder, x: int, width: int = 245) -> int:
    """SNet-146 and ThunderNet's context enhancement module on ``x`` (320x320 for the
    held-out model); returns the CEM output ``[1, H/16, W/16, width]`` (module doc)."""
    _, c4, c5 = snet146(b, x)
    y4, y5 = b.conv(c4, width, 1), _nearest_x2(b, b.conv(c5, width, 1))
    glb = b.conv(b.mean(c5, (1, 2), keep_dims=True), width, 1)
    return b.add(b.add(y4, y5), glb)


# -- Lite-HRNet-18

#: Lite-HRNet-18 (the release's ``litehrnet_18_coco_256x192.py``): per stage (modules,
#: branch widths); two conditional channel weighting blocks a module, reduce ratio 8
LITE_HRNET18 = ((2, (40, 80)), (4, (40, 80, 160)), (2, (40, 80, 160, 320)))


def _avg_to(b: NetBuilder, x: int, h: int) -> int:
    """Average pooling of ``x`` to height ``h`` as a cascade of 2x2/2 average pools."""
    while b.shape(x)[1] > h:
        x = b.pool(x, "avg", 2, 2)
    return x


def _crw(b: NetBuilder, xs: list[int], ratio: int = 8) -> list[int]:
    """Cross-resolution weighting of the branch maps ``xs`` (module doc)."""
    hm = b.shape(xs[-1])[1]
    chans = [b.shape(t)[-1] for t in xs]
    y = b.concat([_avg_to(b, t, hm) for t in xs[:-1]] + [xs[-1]])
    y = b.conv(y, sum(chans) // ratio, 1, 1, "RELU")
    ws = b.split_v(b.act(b.conv(y, sum(chans), 1), "LOGISTIC"), chans)
    return [b.mul(t, w if b.shape(t)[1] == hm else b.resize(w, b.shape(t)[1:3]))
            for t, w in zip(xs, ws, strict=True)]


def _ccw(b: NetBuilder, xs: list[int], ratio: int = 8) -> list[int]:
    """Conditional channel weighting block on the branches ``xs`` (module doc)."""
    halves = [b.split(t, 2) for t in xs]
    ys = [b.dwconv(t, 3) for t in _crw(b, [h[1] for h in halves], ratio)]
    ys = [_gate(b, t, b.shape(t)[-1] // 4) for t in ys]
    cats = [b.concat([h[0], t]) for h, t in zip(halves, ys, strict=True)]
    return [channel_shuffle(b, t) for t in cats]


def _down(b: NetBuilder, x: int, c: int, act: str = "RELU") -> int:
    """3x3/2 depthwise (linear), 1x1 conv to ``c`` with ``act``."""
    return b.conv(b.dwconv(x, 3, 2), c, 1, 1, act)


def _fuse_term(b: NetBuilder, x: int, i: int, j: int, ref: int) -> int:
    """Lite-HRNet fuse layer ``(i, j)`` on branch ``j``'s map ``x``, to the resolution
    and channels of ``ref`` (branch ``i``)."""
    _, h, w, c = b.shape(ref)
    if j > i:
        return b.resize(b.conv(x, c, 1), (h, w), "nearest")
    for n in range(i - j):
        last = n == i - j - 1
        x = _down(b, x, c if last else b.shape(x)[-1], "NONE" if last else "RELU")
    return x


def _lite_fuse(b: NetBuilder, xs: list[int]) -> list[int]:
    """The release's fuse layers (module doc): branch 0's pre-activation sum also
    feeds the other branches, whose branch-0 term is added twice."""
    n, outs = len(xs), []
    s0 = b.add(xs[0], xs[0])
    for j in range(1, n):
        s0 = b.add(s0, _fuse_term(b, xs[j], 0, j, xs[0]))
    outs.append(b.act(s0, "RELU"))
    for i in range(1, n):
        t = _fuse_term(b, s0, i, 0, xs[i])
        y = b.add(t, t)
        for j in range(1, n):
            term = xs[j] if j == i else _fuse_term(b, xs[j], i, j, xs[i])
            y = b.add(y, term, "RELU" if j == n - 1 else "NONE")
        outs.append(y)
    return outs


def lite_hrnet18(b: NetBuilder, x: int, joints: int = 17) -> int:
    """Lite-HRNet-18 on ``x`` (256x192 for the held-out model); returns the heatmaps
    ``[1, H/4, W/4, joints]`` (module doc)."""
    x = b.conv(x, 32, 3, 2, "RELU")
    x1, x2 = b.split(x, 2)
    x2 = b.conv(b.dwconv(b.conv(x2, 32, 1, 1, "RELU"), 3, 2), 16, 1, 1, "RELU")
    x = channel_shuffle(b, b.concat([_down(b, x1, 16), x2]))
    xs = [x]
    for modules, widths in LITE_HRNET18:
        if len(xs) == 1:  # the stem's 32 channels: both branches new
            xs = [_sep(b, x, widths[0], "RELU"), _down(b, x, widths[1])]
        else:
            xs = xs + [_down(b, xs[-1], widths[-1])]
        for _ in range(modules):
            xs = _lite_fuse(b, _ccw(b, _ccw(b, xs)))
    # IterativeHead: from the lowest resolution up, x2 up-sampling + ADD, separable conv
    y = None
    for t, c in zip(xs[::-1], (160, 80, 40, 40), strict=True):
        y = _sep(b, t if y is None else b.add(t, _up2(b, y)), c, "RELU")
    return b.conv(y, joints, 1)


# -- IGCV3-D

#: IGCV3-D 1.0 (the release's ``symbols/igcv3.py``): (expansion t, output channels c,
#: blocks n, stride s of the first block); MobileNet-v2's layout with n doubled
IGCV3_D = ((1, 16, 1, 1), (6, 24, 4, 2), (6, 32, 6, 2), (6, 64, 8, 2), (6, 96, 6, 1),
           (6, 160, 6, 2), (6, 320, 1, 1))


def _igcv3_block(b: NetBuilder, x: int, t: int, c: int, s: int, shortcut: bool) -> int:
    """IGCV3 block (module doc): 2-group 1x1 expansion (linear), permutation, 3x3
    depthwise RELU6, 2-group 1x1 projection (linear), inverse permutation, ADD."""
    h = _shuffle_groups(b, _group_pw(b, x, b.shape(x)[-1] * t, 2), 2)
    h = _group_pw(b, b.dwconv(h, 3, s, "RELU6"), c, 2)
    h = _shuffle_groups(b, h, c // 2)
    return b.add(x, h) if shortcut else h


def igcv3_d(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """IGCV3-D 1.0 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output (module
    doc)."""
    x = b.conv(x, 32, 3, 2, "RELU6")
    for t, c, n, s in IGCV3_D:
        for j in range(n):
            x = _igcv3_block(b, x, t, c, 1 if j else s, j > 0)
    x = b.conv(x, 1280, 1, 1, "RELU6")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))


# -- ShuffleSeg

def shuffleseg(b: NetBuilder, x: int, classes: int = 20, groups: int = 3) -> int:
    """ShuffleSeg on ``x`` (``[1, 256, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (module doc)."""
    _, h, w, _ = b.shape(x)
    s2, s3, s4 = _shufflenet_v1_stages(b, x, groups)
    return _fcn8s_decoder(b, b.conv(s4, classes, 1), (s3, s2), (h, w))
