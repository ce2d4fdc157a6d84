"""Held-out families LXXIV, part b (session 44, addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md``, pre-registered before
being built): two published networks with swish written ``x * LOGISTIC(x)`` (the
LOGISTIC's producer shared with the MUL) and whole-map pools, siblings of registered
test models at unseen sizes. Built by a helper who prints only names and
``npu_full``; nothing is chosen on them.

* :func:`yolov5s`: Ultralytics YOLOv5 release v6.0 (Jocher et al., 2021; no paper),
  ``yolov5s`` as ``yolov5s_320`` on ``[1, 320, 320, 3]``: the YOLOv5n skeleton of
  :func:`jaxeff.gnn.heldout_nets.yolov5n` (depth multiple 0.33) at width multiple
  0.50 (channels 32 ... 512); three head outputs ``[1, 40, 40, 255]``, ``[1, 20, 20,
  255]``, ``[1, 10, 10, 255]``. 199 ops: 60 CONV_2D, 57 LOGISTIC, 57 MUL, 13
  CONCATENATION, 7 ADD, 3 MAX_POOL_2D, 2 RESIZE_NEAREST_NEIGHBOR. 2,054,195,200 MACs,
  7,225,885 parameters.
* :func:`mixnet_m`: Tan and Le, "MixConv: Mixed Depthwise Convolutional Kernels",
  BMVC 2019, arXiv 1907.09595, MixNet-M (Figure 8(b)) as ``mixnet_m_224`` on ``[1,
  224, 224, 3]``: the MixNet-S machinery of :func:`jaxeff.gnn.heldout_nets.mixnet_s`
  (MixConv as SPLIT / one DEPTHWISE_CONV_2D a kernel / CONCATENATION, grouped 1x1
  convs as SPLIT / CONV_2D / CONCATENATION, squeeze-excite, RELU in the first stages
  and swish after) with MixNet-M's block table :data:`MIXNET_M` and a stem of 24;
  ``[1, 1000]``. 398 ops: 96 CONV_2D, 59 DEPTHWISE_CONV_2D, 64 LOGISTIC, 64 MUL, 41
  SPLIT, 41 CONCATENATION, 17 MEAN, 14 ADD, FULLY_CONNECTED, SOFTMAX. 339,172,672
  MACs, 4,993,526 parameters.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, batch norms folded, every conv and FC with a bias) by
reusing the registered siblings' builders (YOLOv5n's width parameter; MixNet-S's
``blocks`` and ``stem`` parameters, added for this family without changing
MixNet-S's graph). Test models: no training space draws them (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_lxxiv_b.py``). Written from the
published definitions as recalled; no code was read. Choices the sources leave open,
and ours, are marked [U]. Kept as published: nothing was changed to make either
model NPU-mappable.

The MAC and parameter counts are in the functions' docstrings and checked in the
test against an arithmetic count from the layer tables (independent of the
builders) and against the published figures.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import mixnet_s, yolov5n

__all__ = ["MIXNET_M", "mixnet_m", "yolov5s"]


# -- Ultralytics YOLOv5 v6.0, "s"

#: YOLOv5s's depth and width multiples (the release's ``yolov5s.yaml``, recalled)
YOLOV5S_DEPTH, YOLOV5S_WIDTH = 0.33, 0.50


def yolov5s(b: NetBuilder, x: int, anchors: int = 3, classes: int = 80
            ) -> tuple[int, int, int]:
    """YOLOv5s (v6.0) on ``x`` (``[1, 320, 320, 3]`` for the held-out model); returns
    the three head outputs ``[1, H/8, W/8, n]``, ``[1, H/16, W/16, n]``, ``[1, H/32,
    W/32, n]`` with ``n = anchors x (classes + 5)`` = 255.

    Ultralytics YOLOv5, release v6.0 (Jocher et al., 2021; no paper), ``yolov5s``:
    the v6.0 layout of :func:`jaxeff.gnn.heldout_nets.yolov5n` at depth multiple 0.33
    (C3 repeats 1 / 2 / 3 / 1 in the backbone, 1 in the neck) and width multiple
    0.50 (channels ``c x 0.5`` rounded up to a multiple of 8). Every ``Conv`` is
    conv, batch norm folded, SiLU as ``x * LOGISTIC(x)``. Backbone: 6x6/2 32 (160 x
    160); 3x3/2 64 + C3 64 (1 bottleneck, 80 x 80); 3x3/2 128 + C3 128 (2, P3 at 40 x
    40); 3x3/2 256 + C3 256 (3, P4 at 20 x 20); 3x3/2 512 + C3 512 (1, 10 x 10); SPPF
    512 (1x1 256, three chained 5x5/1 max pools, CONCATENATION of four, 1x1 512).
    PAN neck: 1x1 256 (h5), 2x nearest up-sampling, CONCATENATION with P4, C3 256 (no
    shortcut, as all neck C3s), 1x1 128 (h4), up-sampling, CONCATENATION with P3, C3
    128 (out 3); 3x3/2 128, CONCATENATION with h4, C3 256 (out 4); 3x3/2 256,
    CONCATENATION with h5, C3 512 (out 5); one 1x1 conv of 255 (linear, with bias) per
    output.

    199 ops: 60 CONV_2D (57 ``Conv`` + 3 heads), 57 LOGISTIC, 57 MUL (SiLU), 13
    CONCATENATION (8 C3s' two halves, SPPF's four, 4 neck routes), 7 ADD (the
    backbone bottlenecks' shortcuts), 3 MAX_POOL_2D, 2 RESIZE_NEAREST_NEIGHBOR.

    This graph counts 2,054,195,200 MACs at 320 (4 x = 8.22 G MACs = 16.43 GFLOPs at
    640) and 7,225,885 parameters (weights and biases). Published (the v6.0 README,
    recalled, not read): 7.2 M parameters and 16.5 GFLOPs (2 x multiply-adds) at 640
    (-0.4 %); the release's fused model summary, 7,225,885 parameters (recalled; the
    same count).

    [U] as YOLOv5n: the 6x6/2 stem SAME (the release pads 2 all round: same sizes);
    the stride-2 3x3 convs SAME, padding bottom / right only (PyTorch pads 1 all
    round: same sizes and multiply-adds); the Detect decoding (sigmoid, grid and
    anchor arithmetic) left out; 80 COCO classes and 3 anchors a level.
    """
    return yolov5n(b, x, anchors, classes, YOLOV5S_DEPTH, YOLOV5S_WIDTH)


# -- Tan and Le 2019, MixNet-M

#: MixNet-M blocks (arXiv 1907.09595, Figure 8(b), recalled; the grouping of the 1x1
#: convs as in the reference implementation's block strings, recalled) in the layout
#: of :data:`jaxeff.gnn.heldout_nets.MIXNET_S`: (expansion, depthwise kernels,
#: stride, output channels, repeats, expansion groups, projection groups, SE ratio of
#: the input channels, swish)
MIXNET_M = ((1, (3,), 1, 24, 1, 1, 1, 0.0, False),
            (6, (3, 5, 7), 2, 32, 1, 2, 2, 0.0, False),
            (3, (3,), 1, 32, 1, 2, 2, 0.0, False),
            (6, (3, 5, 7, 9), 2, 40, 1, 1, 1, 0.5, True),
            (6, (3, 5), 1, 40, 3, 2, 2, 0.5, True),
            (6, (3, 5, 7), 2, 80, 1, 1, 1, 0.25, True),
            (6, (3, 5, 7, 9), 1, 80, 3, 2, 2, 0.25, True),
            (6, (3,), 1, 120, 1, 1, 1, 0.5, True),
            (3, (3, 5, 7, 9), 1, 120, 3, 2, 2, 0.5, True),
            (6, (3, 5, 7, 9), 2, 200, 1, 1, 1, 0.5, True),
            (6, (3, 5, 7, 9), 1, 200, 3, 1, 2, 0.5, True))
#: MixNet-M's stem conv channels (MixNet-S: 16) and the head 1x1 conv's (as -S)
MIXNET_M_STEM, MIXNET_HEAD = 24, 1536


def mixnet_m(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MixNet-M on ``x`` (``[1, 224, 224, 3]`` for ImageNet); returns the SOFTMAX
    output ``[1, 1000]``.

    Tan and Le, "MixConv: Mixed Depthwise Convolutional Kernels", BMVC 2019, arXiv
    1907.09595, Figure 8(b) (MixNet-M; :data:`MIXNET_M`): stem 3x3/2 24 RELU (112 x
    112); 19 MBConv blocks whose depthwise conv is a MixConv (the channels SPLIT into
    equal groups, one depthwise conv of kernel 3, 5, 7 or 9 a group, CONCATENATION)
    and whose 1x1 expansion / projection convs are grouped (2 groups: SPLIT, one
    CONV_2D a group, CONCATENATION) in some blocks; RELU fused in the first three
    blocks (24 / 32 channels at 112 and 56), swish ``x * LOGISTIC(x)`` after the
    expansion, the MixConv and the SE reduction from the 40-channel stage on; squeeze-
    excite there (MEAN, 1x1 conv of ``int(r C_in)`` channels, swish, 1x1 conv,
    LOGISTIC, broadcast MUL; r = 0.5, 0.25 in the 80-channel stage); linear
    projection, residual ADD where the shape is kept; head 1x1 1536 RELU, MEAN, FC
    1000, SOFTMAX (:func:`jaxeff.gnn.heldout_nets.mixnet_s` with ``blocks`` =
    :data:`MIXNET_M`, ``stem`` = 24). Stages: 24 at 112 (1 block), 32 at 56 (2), 40
    at 28 (4), 80 at 14 (4), 120 at 14 (4), 200 at 7 (4).

    398 ops: 96 CONV_2D, 59 DEPTHWISE_CONV_2D, 64 LOGISTIC and 64 MUL (16 swish blocks
    x 3 swishes + 16 SE gates), 41 SPLIT and 41 CONCATENATION (MixConvs of 2-4 groups
    and grouped 1x1 convs; all equal splits), 17 MEAN (16 SE + the head), 14 ADD,
    FULLY_CONNECTED, SOFTMAX.

    This graph counts 339,172,672 MACs and 4,993,526 parameters (weights and
    biases). Published (Table 2 / Figure 1, recalled, not read): 360 M FLOPs
    (multiply-adds) and 5.0 M parameters; -5.8 % and -0.1 % (MixNet-S's graph is
    -6.6 % and +0.5 % of its 256 M and 4.1 M, so the gap is the machinery's, not the
    table's: the paper's counter may count some grouped 1x1 convs in full; counting
    the two 32-channel blocks' in full gives 377.7 M, +4.9 %).

    [U] The block table recalled: kernels and repeats from Figure 8(b), the 1x1
    groups (2 where listed) and SE ratios from the reference block strings; swish
    as ``x * LOGISTIC(x)`` and grouped 1x1 convs as SPLIT / CONV_2D / CONCATENATION
    (both as MixNet-S); the head's RELU; batch norms folded; SAME padding.
    """
    return mixnet_s(b, x, classes, MIXNET_M, MIXNET_M_STEM)
