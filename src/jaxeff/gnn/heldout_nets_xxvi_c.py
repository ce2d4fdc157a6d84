"""Held-out families XXVI, part c (session 26, pre-registered before being built;
issue 22).

Four published detectors written with :class:`jaxeff.gnn.build.NetBuilder` as the
other held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights,
batch norm folded into the preceding conv as its bias, dropout left out at
inference, box decoding and NMS left out). Test models only: no training space
draws them, and no predictor or Vela run saw them before they were registered.
Choices the sources leave open are marked [U]; every stride-2 conv and pool pads
SAME (PyTorch and darknet pad ``(k - 1) / 2`` on both sides: the same output sizes,
another alignment) [U]. Shared pieces come from :mod:`jaxeff.gnn.heldout_nets`
(ResNet-50's stem and bottleneck stages, the MobileNet-v1 body, depthwise-separable
convs, nearest x2, the SSD head RESHAPE / CONCATENATION). Counts: MACs as
:func:`jaxeff.gnn.graph.total_macs`, parameters = weights + biases of this graph.

* :func:`retinanet_r50_fpn`: RetinaNet ResNet-50-FPN at 512 (Lin et al., arXiv
  1708.02002): ResNet-50 (C3-C5), FPN P3-P7 of 256 (P6 3x3/2 on C5, P7 3x3/2 on
  RELU(P6)), per level a class subnet (4 x 3x3 conv 256 RELU, 3x3 conv to 720) and
  a box subnet (to 36); ten outputs, class maps P3-P7 then box maps, logits (no
  sigmoid) [U]. 133 ops: 111 CONV_2D, 18 ADD, 2 RESIZE_NEAREST_NEIGHBOR,
  MAX_POOL_2D, RELU. 61,023,076,352 MACs (35.25 G the subnets); 63,795,012
  parameters, 37,942,132 with the subnets counted once as the paper shares them;
  with 91 classes, P6 on P5 and no backbone biases (frozen batch norm) exactly
  torchvision's ``retinanet_resnet50_fpn`` (34,014,999, recalled). The paper gives
  no MAC or parameter count.
* :func:`yolo_fastest_11`: YOLO-Fastest 1.1 at 320 (dog-qiuqiu's GitHub release,
  2021): 24 inverted residual blocks with standalone LEAKY_RELU 0.1, SPP, two heads
  of 5x5 depthwise + 1x1 convs (10x10 and 20x20, 255 channels). 162 ops: 56 CONV_2D,
  54 LEAKY_RELU, 28 DEPTHWISE_CONV_2D, 18 ADD, 3 MAX_POOL_2D, 2 CONCATENATION,
  RESIZE_NEAREST_NEIGHBOR. 125,437,600 MACs (the README's 0.252 BFlops = 2 x
  126 M: -0.5 %); 326,166 parameters (the README's 0.35 M matches the darknet
  weight file's values, 346,062 with batch norm's scale, mean and variance: -1.1 %).
* :func:`scrfd_500m`: SCRFD-500M at 640 (Guo et al., arXiv 2105.04714): a
  MobileNet-v1-style body (stem 16, 14 depthwise-separable convs to 288), PAFPN of
  16, per stride 8 / 16 / 32 two depthwise-separable convs of 64 and 3x3 score /
  box convs, 2 anchors; scores ``[1, 16800, 1]`` and boxes ``[1, 16800, 4]``. 71
  ops: 37 CONV_2D, 20 DEPTHWISE_CONV_2D, 6 RESHAPE, 4 ADD, 2
  RESIZE_NEAREST_NEIGHBOR, 2 CONCATENATION. 636,777,600 MACs (477,583,200 at the
  paper's 640 x 480: the paper's 0.5 GFLOPs, -4.5 %); 591,734 parameters
  (568,098 with the head counted once, as the release shares it over the strides:
  the paper's 0.57 M, -0.3 %).
* :func:`ultraface_rfb_320`: UltraFace RFB-320 at 320 x 240 (Linzaer's GitHub
  release, 2019): a depthwise-separable body of 16 ... 256 channels with one RFB
  module, an extra 5x4 map, SSD heads of separable convs on four maps (4420
  anchors); scores after SOFTMAX ``[1, 4420, 2]`` and boxes ``[1, 4420, 4]``. 65
  ops: 34 CONV_2D, 18 DEPTHWISE_CONV_2D, 8 RESHAPE, 3 CONCATENATION, ADD, SOFTMAX.
  100,418,560 MACs (the OpenVINO model zoo's 0.2106 GFLOPs = 2 x 105.3 M: -4.6 %;
  the README's "90~109 MFlops") and 273,888 parameters (276,292 with batch norm
  unfolded; the zoo's 0.3004 M: -8.0 %, not explained [U]).

The counts are pinned in ``tests/gnn/test_heldout_nets_xxvi_c.py``.
"""

from __future__ import annotations

from itertools import accumulate

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (RESNET50_BLOCKS, _bottleneck_stages, _dsconv,
                                     _mbv1_body, _nearest_x2, _resnet_stem,
                                     _ssd_heads)

__all__ = ["retinanet_r50_fpn", "scrfd_500m", "ultraface_rfb_320", "yolo_fastest_11"]

# -- RetinaNet (ResNet-50-FPN)

#: RetinaNet's FPN / subnet width, subnet depth, anchors a location
RETINANET_WIDTH, RETINANET_DEPTH, RETINANET_ANCHORS = 256, 4, 9


def _resnet50_c3_c5(b: NetBuilder, x: int) -> list[int]:
    """ResNet-50 without its head (:func:`jaxeff.gnn.heldout_nets._bottleneck_stages`
    on the stem); returns C3, C4, C5: the ADD closing the last block of stages 3-5,
    found among the ops the stages recorded."""
    start = len(b.ops)
    _bottleneck_stages(b, _resnet_stem(b, x), RESNET50_BLOCKS)
    adds = [op.outputs[0] for op in b.ops[start:] if op.type == "ADD"]
    return [adds[n - 1] for n in list(accumulate(RESNET50_BLOCKS))[1:]]


def _subnet(b: NetBuilder, f: int, out: int, width: int, depth: int) -> int:
    """A RetinaNet subnet on one level: ``depth`` 3x3 convs of ``width`` RELU, a 3x3
    conv to ``out`` (linear)."""
    for _ in range(depth):
        f = b.conv(f, width, 3, 1, "RELU")
    return b.conv(f, out, 3)


def retinanet_r50_fpn(b: NetBuilder, x: int, classes: int = 80,
                      anchors: int = RETINANET_ANCHORS, width: int = RETINANET_WIDTH,
                      depth: int = RETINANET_DEPTH) -> tuple[int, ...]:
    """RetinaNet with a ResNet-50-FPN backbone on ``x`` (512x512 for the held-out
    model); returns the class maps of P3-P7 (``anchors x classes`` channels), then
    their box maps (``4 anchors``).

    Lin et al., "Focal Loss for Dense Object Detection", arXiv 1708.02002 (Section 4
    and Figure 3). Backbone: ResNet-50 as torchvision's (stride on the 3x3), no head
    (:func:`_resnet50_c3_c5`: C3 / C4 / C5 of 512 / 1024 / 2048 channels at 1/8,
    1/16, 1/32). FPN (arXiv 1612.03144): 1x1 laterals to 256 on C3-C5, top-down
    nearest x2 up-sampling ADDed to the finer lateral, a 3x3 conv 256 on each sum
    (P3-P5); P6 a 3x3/2 conv on C5, P7 a 3x3/2 conv on RELU(P6) (the paper's
    choice: P6 from C5, not from P5). Subnets (:func:`_subnet`): per level a class
    subnet (4 x 3x3 conv 256 RELU, 3x3 conv to ``9 x 80 = 720``) and a box subnet
    (the same, to ``9 x 4 = 36``).

    [U] the subnets' weights, shared by the five levels in the paper, separate
    constants per level (the same ops; int8 biases depend on each level's input
    scale); the class maps' sigmoid, anchor decoding and NMS left out (the outputs
    are the logits); per-level maps as outputs, not RESHAPEd / concatenated; SAME
    padding of the stride-2 convs and pool (PyTorch pads symmetrically); batch norm
    folded; the lateral / output / P6 / P7 / subnet convs with biases (as the
    paper's).
    """
    c3, c4, c5 = _resnet50_c3_c5(b, x)
    lat = [b.conv(c, width, 1) for c in (c3, c4, c5)]
    for i in (1, 0):
        lat[i] = b.add(lat[i], _nearest_x2(b, lat[i + 1]))
    ps = [b.conv(t, width, 3) for t in lat]
    ps.append(b.conv(c5, width, 3, 2))
    ps.append(b.conv(b.act(ps[-1], "RELU"), width, 3, 2))
    return tuple([_subnet(b, p, anchors * classes, width, depth) for p in ps]
                 + [_subnet(b, p, anchors * 4, width, depth) for p in ps])


# -- YOLO-Fastest 1.1

#: YOLO-Fastest 1.1 backbone stages (``yolo-fastest-1.1.cfg``): (expansion of the
#: first block, expansion of the others, output channels, blocks, stride of the
#: first); the first block of a stage has no shortcut, the others ADD their input
YOLO_FASTEST_11 = ((8, 8, 4, 2, 1), (24, 32, 8, 3, 2), (32, 48, 8, 3, 2),
                   (48, 96, 16, 5, 1), (96, 136, 24, 5, 2), (136, 224, 48, 6, 2))
#: SPP max-pool sizes (stride 1) and the heads' widths (10x10, 20x20)
YOLO_FASTEST_SPP, YOLO_FASTEST_HEADS = (3, 5, 9), (96, 120)


def _leaky(b: NetBuilder, x: int) -> int:
    """Darknet's ``leaky``: a standalone LEAKY_RELU 0.1."""
    return b.leaky_relu(x, 0.1)


def _fastest_block(b: NetBuilder, x: int, e: int, c: int, s: int) -> int:
    """1x1 conv to ``e`` leaky, 3x3 depthwise (stride ``s``) leaky, 1x1 conv to ``c``
    linear; ADD of the input where the shape is kept (the cfg's ``shortcut``)."""
    h = _leaky(b, b.dwconv(_leaky(b, b.conv(x, e, 1)), 3, s))
    h = b.conv(h, c, 1)
    return b.add(h, x) if b.shape(h) == b.shape(x) else h


def _fastest_head(b: NetBuilder, x: int, c: int, n: int) -> int:
    """Two (5x5 depthwise leaky, 1x1 conv to ``c`` linear), a 1x1 conv to ``n``."""
    for _ in range(2):
        x = b.conv(_leaky(b, b.dwconv(x, 5)), c, 1)
    return b.conv(x, n, 1)


def yolo_fastest_11(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80
                    ) -> tuple[int, int]:
    """YOLO-Fastest 1.1 on ``x`` (320x320 for COCO); returns the two YOLO maps
    ``[1, 10, 10, n]`` and ``[1, 20, 20, n]``, ``n = anchors x (classes + 5) =
    255``.

    dog-qiuqiu, "Yolo-Fastest" (GitHub release, ModelZoo ``yolo-fastest-1.1_coco``,
    2021; no paper; Zenodo DOI 10.5281/zenodo.5131532), the
    ``yolo-fastest-1.1.cfg`` read for the widths: 3x3/2 conv 8 leaky; inverted
    residual blocks (:data:`YOLO_FASTEST_11`, :func:`_fastest_block`) to 4 / 8 / 8
    / 16 / 24 / 48 channels at 1/2 ... 1/32; SPP (max pools 9, 5, 3 at stride 1
    SAME and the input, CONCATENATION, 192); head 1: 1x1 conv 96 leaky, then
    :func:`_fastest_head` (96); head 2: that 1x1 conv's output nearest x2
    (RESIZE_NEAREST_NEIGHBOR) CONCATENATED with the 20x20 stage's output (the cfg's
    ``route -1, 80``: 96 + 24 = 120), :func:`_fastest_head` (120). Batch norm
    folded; the YOLO decoding left out.

    [U] the dropout layers (training only) left out; darknet's leaky as standalone
    LEAKY_RELU 0.1 ops (TFLite fuses no leaky activation); darknet's ``pad=1``
    padding (``size / 2`` each side) as SAME, the same for the stride-2 depthwise
    convs (darknet pads 1 on both sides: the same sizes); depthwise convs with a
    bias (batch norm folded).
    """
    x = _leaky(b, b.conv(x, 8, 3, 2))
    tap = x
    for i, (e0, e, c, n, s) in enumerate(YOLO_FASTEST_11):
        for j in range(n):
            x = _fastest_block(b, x, e if j else e0, c, 1 if j else s)
        if i == len(YOLO_FASTEST_11) - 2:
            tap = x
    pools = [b.pool(x, "max", k, 1, "SAME") for k in reversed(YOLO_FASTEST_SPP)]
    x = b.concat([*pools, x])
    out = anchors * (classes + 5)
    c1, c2 = YOLO_FASTEST_HEADS
    route = _leaky(b, b.conv(x, c1, 1))
    y1 = _fastest_head(b, route, c1, out)
    y2 = _fastest_head(b, b.concat([_nearest_x2(b, route), tap]), c2, out)
    return y1, y2


# -- SCRFD-500M

#: SCRFD-500M backbone (``scrfd_500m.py``: ``stage_blocks=(2, 3, 2, 6)``,
#: ``stage_planes=[16, 16, 40, 72, 152, 288]``): stem width, (stride, channels) of
#: the stem's depthwise-separable conv and of every stage's blocks
SCRFD_500M_STEM = 16
SCRFD_500M = ((1, 16),) + tuple(
    (2 if j == 0 else 1, c) for n, c in zip((2, 3, 2, 6), (40, 72, 152, 288),
                                            strict=True) for j in range(n))
#: SCRFD-500M's neck width, head width, head depth, anchors a location
SCRFD_NECK, SCRFD_FEAT, SCRFD_STACKED, SCRFD_ANCHORS = 16, 64, 2, 2


def _pafpn(b: NetBuilder, feats: list[int], width: int) -> list[int]:
    """mmdet's PAFPN without activations: 1x1 laterals to ``width``, top-down
    nearest x2 + ADD, 3x3 convs; bottom-up 3x3/2 convs ADDed to the next level, 3x3
    convs on the levels after the first."""
    lat = [b.conv(f, width, 1) for f in feats]
    for i in range(len(lat) - 1, 0, -1):
        lat[i - 1] = b.add(lat[i - 1], _nearest_x2(b, lat[i]))
    inter = [b.conv(t, width, 3) for t in lat]
    for i in range(len(inter) - 1):
        inter[i + 1] = b.add(inter[i + 1], b.conv(inter[i], width, 3, 2))
    return [inter[0]] + [b.conv(t, width, 3) for t in inter[1:]]


def scrfd_500m(b: NetBuilder, x: int) -> tuple[int, int]:
    """SCRFD-500M (no keypoints) on ``x`` (640x640 for the held-out model); returns
    the face scores ``[1, N, 1]`` (logits) and box distances ``[1, N, 4]`` over the
    ``N`` anchors of strides 8 / 16 / 32 (16,800 at 640).

    Guo et al., "Sample and Computation Redistribution for Efficient Face
    Detection", arXiv 2105.04714 (SCRFD-0.5GF; the widths of the insightface
    release's ``scrfd_500m.py`` as public ports quote them, read). Backbone:
    MobileNet-v1-style (:func:`jaxeff.gnn.heldout_nets._mbv1_body`, RELU): 3x3/2
    conv 16, a
    depthwise-separable conv 16, stages of 2 / 3 / 2 / 6 depthwise-separable convs
    to 40 / 72 / 152 / 288 channels (1/4 ... 1/32), the first of each with stride
    2; the 72 / 152 / 288 maps feed the neck. Neck: PAFPN of 16 channels
    (:func:`_pafpn`). Head per level: two depthwise-separable convs (3x3 depthwise
    RELU, 1x1 to 64 RELU; shared by score and box, ``cls_reg_share``), a 3x3 conv
    to ``2 x 1`` scores and one to ``2 x 4`` box distances, each RESHAPEd to ``[1,
    H W 2, n]`` and CONCATENATED over the levels
    (:func:`jaxeff.gnn.heldout_nets._ssd_heads`).

    [U] the head's group norms (``scrfd_500m.py``; the ``_bnkps`` releases use batch
    norm) as batch norm folded into the convs (GroupNorm has no TFLite op and does
    not fold); the head's weights, shared by the three strides in the release
    (``strides_share``), separate constants per level; the per-stride ``Scale`` of
    the box output folded into its conv; the score sigmoid, the distance-to-box
    decoding and NMS left out; outputs concatenated over the strides (the release's
    ONNX export keeps one score and one box output per stride); SAME padding of the
    stride-2 convs; depthwise convs with a bias (batch norm folded).
    """
    outs = _mbv1_body(b, x, blocks=SCRFD_500M, stem=SCRFD_500M_STEM, act_fn="RELU")
    ends = list(accumulate((1, 2, 3, 2, 6)))
    feats = _pafpn(b, [outs[i - 1] for i in ends[2:]], SCRFD_NECK)
    towers = []
    for f in feats:
        for _ in range(SCRFD_STACKED):
            f = _dsconv(b, f, SCRFD_FEAT)
        towers.append(f)
    score, box = _ssd_heads(b, towers, (SCRFD_ANCHORS,) * 3, (1, 4),
                            lambda f, c: b.conv(f, c, 3))
    return score, box


# -- Ultra-Light-Fast-Generic-Face-Detector (RFB-320)

#: UltraFace's base channel count and its backbone after the 3x3/2 stem conv:
#: (stride, channels) of the depthwise-separable convs before and after the RFB
ULTRAFACE_BASE = 16
ULTRAFACE_PRE = ((1, 32), (2, 32), (1, 32), (2, 64), (1, 64), (1, 64))
ULTRAFACE_POST = ((2, 128), (1, 128), (1, 128), (2, 256), (1, 256))
#: anchors a location on the four maps (``min_boxes`` 3 / 2 / 2 / 3 sizes)
ULTRAFACE_ANCHORS = (3, 2, 2, 3)


def _basic_rfb(b: NetBuilder, x: int, reduce: int = 8) -> int:
    """UltraFace's BasicRFB (stride 1, ``vision = 1``): three branches on ``x`` (``c``
    channels, ``m = c / 8``): 1x1 to ``m``, 3x3 to ``2 m`` RELU, 3x3 dilated 2;
    1x1 to ``m``, 3x3 to ``2 m`` RELU, 3x3 dilated 3; 1x1 to ``m``, 3x3 to ``3 m /
    2`` RELU, 3x3 to ``2 m`` RELU, 3x3 dilated 5 (linear where no RELU is named);
    CONCATENATION (``6 m``), 1x1 conv to ``c``, ADD of a 1x1 shortcut conv, RELU
    fused."""
    c = b.shape(x)[-1]
    m = c // reduce
    branches = []
    for mids, d in (((2 * m,), 2), ((2 * m,), 3), ((m // 2 * 3, 2 * m), 5)):
        h = b.conv(x, m, 1)
        for k in mids:
            h = b.conv(h, k, 3, 1, "RELU")
        branches.append(b.conv(h, 2 * m, 3, dilation=d))
    return b.add(b.conv(b.concat(branches), c, 1), b.conv(x, c, 1), "RELU")


def ultraface_rfb_320(b: NetBuilder, x: int, classes: int = 2) -> tuple[int, int]:
    """Ultra-Light-Fast-Generic-Face-Detector-1MB, version RFB, on ``x`` (``[1, 240,
    320, 3]``); returns the scores ``[1, 4420, 2]`` (after SOFTMAX) and the box
    offsets ``[1, 4420, 4]``.

    Linzaer, "Ultra-Light-Fast-Generic-Face-Detector-1MB" (GitHub release, 2019;
    ``vision/ssd/mb_tiny_RFB_fd.py`` and ``vision/nn/mb_tiny_RFB.py``, recalled, not
    read). Backbone (``Mb_Tiny_RFB``, base 16 channels): 3x3/2 conv 16 RELU,
    depthwise-separable convs (3x3 depthwise RELU, 1x1 RELU; :data:`ULTRAFACE_PRE`)
    to 64 channels at 1/8 (40x30), the RFB module (:func:`_basic_rfb`), more
    depthwise-separable convs (:data:`ULTRAFACE_POST`) to 128 at 1/16 (20x15) and
    256 at 1/32 (10x8); an extra layer (1x1 conv 64 RELU, 3x3/2 depthwise RELU, 1x1
    256 RELU: 5x4). SSD heads on the four maps (the RFB output, the 128 and 256
    maps, the extra one) with 3 / 2 / 2 / 3 anchors: a separable conv (3x3
    depthwise RELU, 1x1 linear) each for the class scores and the boxes on the
    first three maps, a plain 3x3 conv on the last; RESHAPE to ``[1, H W A, n]``,
    CONCATENATION over the maps (:func:`jaxeff.gnn.heldout_nets._ssd_heads`), SOFTMAX
    over the two classes (the release's test mode and ONNX export). Batch norm
    folded.

    [U] the RFB's branch widths and dilations (2 / 3 / 5 for ``vision = 1``) and
    its ``scale`` of 1.0 (no MUL) recalled; the prior-box decoding of the boxes
    (the release's ONNX has it) left out; SAME padding (PyTorch pads 1 on both
    sides: the same sizes, 15 -> 8 -> 4 rows as ``ceil``); depthwise convs with a
    bias (batch norm folded).
    """
    feats = [_mbv1_body(b, x, blocks=ULTRAFACE_PRE, stem=ULTRAFACE_BASE,
                        act_fn="RELU")[-1]]
    feats[0] = h = _basic_rfb(b, feats[0])
    for i, (s, c) in enumerate(ULTRAFACE_POST):
        h = _dsconv(b, h, c, s)
        if i in (2, 4):
            feats.append(h)
    extra = b.conv(h, 64, 1, 1, "RELU")
    feats.append(_dsconv(b, extra, 256, 2))

    def predict(f: int, c: int) -> int:
        if f == feats[-1]:
            return b.conv(f, c, 3)
        return b.conv(b.dwconv(f, 3, 1, "RELU"), c, 1)

    scores, boxes = _ssd_heads(b, feats, ULTRAFACE_ANCHORS, (classes, 4), predict)
    return b.softmax(scores), boxes
