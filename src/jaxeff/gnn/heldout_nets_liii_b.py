"""Held-out families LIII, part B (session 37, addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md``, pre-registered before
it was built): FaceBoxes, a CPU-real-time face detector whose rapidly digested
convolutional layers (RDCL) shrink a 512 x 512 image by 32 in four layers with
C.ReLU (a MUL by -1, a CONCATENATION and a RELU), whose multiple-scale convolutional
layers (MSCL) are three Inception modules and two 1x1 - 3x3 / 2 pairs, and whose
first detection map carries 21 densified anchors a cell.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, batch norms folded). Test model:
no training space draws it exactly (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_liii_b.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked
[U].

* :func:`faceboxes`: FaceBoxes (Zhang, Zhu, Lei, Shi, Wang & Li, "FaceBoxes: A CPU
  Real-time Face Detector with High Accuracy", IJCB 2017, arXiv 1708.05234) on
  ``[1, 512, 512, 3]``; returns the class scores after SOFTMAX ``[1, 5456, 2]`` and
  the boxes ``[1, 5456, 4]``. 57 ops: 33 CONV_2D, 7 CONCATENATION, 6 RESHAPE, 5
  MAX_POOL_2D, 2 MUL, 2 RELU, 1 PAD, 1 SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _ssd_heads

__all__ = ["faceboxes"]


# -- Zhang et al.: FaceBoxes (arXiv 1708.05234)

#: RDCL (Fig. 1, recalled): (filters before C.ReLU, kernel, stride) of Conv1 and
#: Conv2, each followed by C.ReLU (twice the filters) and a 3x3 / 2 max pool
FACEBOXES_RDCL = ((24, 7, 4), (64, 5, 2))
#: the Inception module (Fig. 2, recalled): the width of every branch's output and
#: of the 1x1 reductions before the 3x3 convs; three modules
FACEBOXES_BRANCH, FACEBOXES_REDUCE, FACEBOXES_INCEPTIONS = 32, 24, 3
#: MSCL after the Inception modules: (1x1 filters, 3x3 / 2 filters) of Conv3 and Conv4
FACEBOXES_MSCL = ((128, 256), (128, 256))
#: anchors a cell on the three detection maps (Inception3, Conv3_2, Conv4_2): 21 on
#: the first (the densified 32 x 4 x 4, 64 x 2 x 2 and 128 anchors), 1 and 1 [U]
FACEBOXES_ANCHORS = (21, 1, 1)
#: the class and box widths of the heads: face / background, four box offsets
FACEBOXES_CLASSES, FACEBOXES_COORDS = 2, 4


def crelu(b: NetBuilder, x: int) -> int:
    """C.ReLU of ``x``: CONCATENATION of ``x`` and ``-x`` (a MUL by a ``[1, 1, 1,
    1]`` constant -1) on the channels, then a standalone RELU (NetBuilder's
    CONCATENATION fuses no activation) [U]."""
    neg = b.mul(x, b.const(np.full((1, 1, 1, 1), -1.0, np.float32)))
    return b.act(b.concat([x, neg]), "RELU")


def _inception(b: NetBuilder, x: int) -> int:
    """FaceBoxes' Inception module: four branches of 32 (1x1; 3x3 / 1 max pool -
    1x1; 1x1 24 - 3x3; 1x1 24 - 3x3 - 3x3), all RELU, CONCATENATED to 128 in that
    order."""
    c, r = FACEBOXES_BRANCH, FACEBOXES_REDUCE
    b1 = b.conv(x, c, 1, 1, "RELU")
    b2 = b.conv(b.pool(x, "max", 3, 1, "SAME"), c, 1, 1, "RELU")
    b3 = b.conv(b.conv(x, r, 1, 1, "RELU"), c, 3, 1, "RELU")
    b4 = b.conv(b.conv(b.conv(x, r, 1, 1, "RELU"), c, 3, 1, "RELU"), c, 3, 1, "RELU")
    return b.concat([b1, b2, b3, b4])


def faceboxes(b: NetBuilder, x: int) -> tuple[int, int]:
    """FaceBoxes on ``x`` (``[1, 512, 512, 3]``); returns the class scores after
    SOFTMAX ``[1, 5456, 2]`` and the boxes ``[1, 5456, 4]``.

    Zhang et al., "FaceBoxes: A CPU Real-time Face Detector with High Accuracy",
    arXiv 1708.05234 (Section 3, Fig. 1 and 2, recalled). RDCL: Conv1 7x7 / 4 of 24
    with C.ReLU (48 channels), Pool1 3x3 / 2 max, Conv2 5x5 / 2 of 64 with C.ReLU
    (128), Pool2 3x3 / 2 max (stride 32: 16 x 16 at 512); MSCL: three Inception
    modules (:func:`_inception`: four branches of 32 to 128 channels), Conv3_1 1x1
    128, Conv3_2 3x3 / 2 256 (8 x 8), Conv4_1 1x1 128, Conv4_2 3x3 / 2 256 (4 x 4);
    every conv with batch norm (folded) and ReLU (fused; C.ReLU's after the
    concatenation). Heads on Inception3, Conv3_2 and Conv4_2: a 3x3 conv (linear,
    SAME) to 2 x anchors class scores and one to 4 x anchors boxes, anchors 21, 1, 1
    (the anchor densification: 32 x 32 anchors 4 x 4 times, 64 x 64 2 x 2 times and
    128 x 128 once on the first map, 256 and 512 once on the others), each RESHAPEd
    to ``[1, H W A, n]`` and CONCATENATED over the maps
    (:func:`jaxeff.gnn.heldout_nets._ssd_heads`: the class conv first on each map);
    SOFTMAX over the 2 classes. N = 16 x 16 x 21 + 8 x 8 + 4 x 4 = 5,456 anchors.
    57 ops: PAD, then CONV_2D, MUL, CONCATENATION, RELU, MAX_POOL_2D twice (RDCL);
    per Inception module CONV_2D, MAX_POOL_2D, 6 CONV_2D, CONCATENATION; 4 CONV_2D;
    heads 6 CONV_2D, 6 RESHAPE, 2 CONCATENATION, SOFTMAX. This graph counts
    233,299,968 MACs (RDCL: Conv1 57,802,752, Conv2 78,643,200; the Inception
    modules 9,568,256 each; Conv3 23,068,672, Conv4 6,815,744; the heads 38,264,832)
    and 1,005,852 parameters (weights and biases 1,005,850: Conv1 3,552, Conv2
    76,864, the Inception modules 37,584 each, Conv3 311,680, Conv4 328,064, the
    heads 172,938; the two C.ReLU MULs' constants 2; by hand in the test).
    Published: the paper gives no MAC or parameter count we recall with confidence;
    not pinned.

    [U] the 512 x 512 input (the paper tests at 1024; pre-registered); Conv1 as a
    PAD of 3 on H and W (the paper's Caffe padding) and a VALID 7x7 / 4 conv (518 ->
    128: the stride-4 form the ``longk`` space documents Vela mapping), every other
    conv and pool SAME; C.ReLU as a MUL by a ``[1, 1, 1, 1]`` constant -1, a
    CONCATENATION ``[x, -x]`` and a standalone RELU (pre-registered; :func:`crelu`);
    the Inception reductions of 24 (recalled from Fig. 2) and the branches' order
    (1x1, pool, 3x3, double 3x3); the anchors 21, 1, 1 (pre-registered); the heads
    linear with biases, the class conv before the box conv on each map, the
    concatenation over the maps in order; the SOFTMAX on ``[1, N, 2]``; the
    prior-box decoding and non-maximum suppression left out.
    """
    (c1, k1, s1), (c2, k2, s2) = FACEBOXES_RDCL
    p = (k1 - 1) // 2
    x = b.conv(b.pad(x, ((0, 0), (p, p), (p, p), (0, 0))), c1, k1, s1, "NONE",
               "VALID")
    x = b.pool(crelu(b, x), "max", 3, 2, "SAME")
    x = b.pool(crelu(b, b.conv(x, c2, k2, s2)), "max", 3, 2, "SAME")
    for _ in range(FACEBOXES_INCEPTIONS):
        x = _inception(b, x)
    feats = [x]
    for c_in, c_out in FACEBOXES_MSCL:
        x = b.conv(b.conv(x, c_in, 1, 1, "RELU"), c_out, 3, 2, "RELU")
        feats.append(x)
    scores, boxes = _ssd_heads(b, feats, FACEBOXES_ANCHORS,
                               (FACEBOXES_CLASSES, FACEBOXES_COORDS),
                               lambda f, c: b.conv(f, c, 3))
    return b.softmax(scores), boxes
