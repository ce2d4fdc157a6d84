"""Held-out families LXXI, part A (session 43, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-08-s43/PREREGISTERED.md`` before being built):
two independently published image networks whose first layer is a few-channel,
large-kernel stride-1 conv on a 2-D map, a JPEG artifact remover and a no-reference
image quality estimator. Built by a helper who prints only names and ``npu_full``;
nothing is chosen on them.

* :func:`arcnn`: Dong, Deng, Loy and Tang's ARCNN as ``arcnn_gray_256`` on ``[1,
  256, 256, 1]`` (a gray image): four SAME convs at full resolution, 9x9 of 64
  (feature extraction), 7x7 of 32 (feature enhancement), 1x1 of 16 (mapping), 5x5
  of 1 (reconstruction), RELU fused into all but the last; ``[1, 256, 256, 1]``. 4
  ops: 4 CONV_2D.
* :func:`cnniqa`: Kang, Ye, Li and Doermann's CNN for no-reference image quality as
  ``cnniqa_32`` on ``[1, 32, 32, 1]`` (a gray patch): CONV_2D 7x7 of 50 VALID
  (linear, 26 x 26); the global max pool a MAX_POOL_2D 26x26 VALID; the global min
  pool as min(x) = -max(-x): MUL by a constant -1, MAX_POOL_2D 26x26 VALID, MUL by
  -1; CONCATENATION [max, min] to ``[1, 1, 1, 100]``; FULLY_CONNECTED 800 + RELU,
  FULLY_CONNECTED 800 + RELU, FULLY_CONNECTED 1 (linear; the quality score); ``[1,
  1]``. 9 ops: CONV_2D, 2 MAX_POOL_2D, 2 MUL, CONCATENATION, 3 FULLY_CONNECTED.

Vela 5.2 and the min pool: TFLite has no global MIN_POOL; the pre-registered
min(x) = -max(-x) is written with a MUL by a ``[1, 1, 1, 1]`` constant -1 (the
negation FaceBoxes' C.ReLU uses; NetBuilder and the float reference have no NEG),
which Vela 5.2 maps (the int8 build's ``npu_full``, checked once, no Vela figure
read). The paper's statistic, not a changed architecture.

Both use :class:`jaxeff.gnn.build.NetBuilder` like the earlier held-out networks:
float32 with seeded weights and a bias on every conv and FC; test models that no
training space draws (the overlap is stated in ``models.json`` and pinned with the
op, MAC and parameter counts of the docstrings below in
``tests/gnn/test_heldout_nets_lxxi_a.py``). Recalled from the papers, no code read;
[U] marks what the sources leave open and we chose.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["arcnn", "cnniqa"]


# -- Dong, Deng, Loy and Tang 2015 (ARCNN)

#: ARCNN's input side [U] and its four layers as (filters, kernel): feature
#: extraction, feature enhancement, mapping, reconstruction (one gray channel)
ARCNN_SIDE = 256
ARCNN_LAYERS = ((64, 9), (32, 7), (16, 1), (1, 5))


def arcnn(b: NetBuilder, x: int) -> int:
    """ARCNN on ``x`` (``[1, 256, 256, 1]``: a gray, JPEG-compressed image); returns
    the restored image ``[1, 256, 256, 1]``.

    Dong, Deng, Loy and Tang, "Compression artifacts reduction by a deep
    convolutional network", ICCV 2015 (recalled): SRCNN's three layers with a feature
    enhancement layer inserted, four convs on the Y channel, f1 = 9 with n1 = 64
    (feature extraction), f2 = 7 with n2 = 32 (feature enhancement), f3 = 1 with n3 =
    16 (mapping), f4 = 5 to one channel (reconstruction), ReLU after the first three,
    the last linear; no pooling, the output at the input's size. Here (the
    pre-registered definition): CONV_2D 9x9 64 SAME + RELU, CONV_2D 7x7 32 SAME +
    RELU, CONV_2D 1x1 16 SAME + RELU, CONV_2D 5x5 1 SAME (linear). 4 ops.

    This graph counts 6,976,176,128 MACs over 65,536 output pixels: 339,738,624 (81
    x 1 x 64), 6,576,668,672 (49 x 64 x 32), 33,554,432 (32 x 16) and 26,214,400 (25
    x 16 x 1). It has 106,561 parameters: 5,248, 100,384, 528 and 401 (weights and
    biases; by hand in the test). Published (recalled): 106,448 weights (the paper's
    parameter count, biases not counted; +0.1 %), pinned within 1 %.

    [U] 256 x 256 (pre-registered; the paper restores whole images of any size);
    one gray channel (the Y channel, pre-registered); SAME padding on every conv
    (the paper trains without padding, VALID, and pads at test time: pre-registered);
    conv biases; RELU fused (PReLU not used: the ICCV paper's ReLU as recalled);
    the last conv linear, no residual ADD of the input (ARCNN predicts the image,
    not a residual); no clipping of the output.
    """
    for i, (filters, k) in enumerate(ARCNN_LAYERS):
        act = "NONE" if i == len(ARCNN_LAYERS) - 1 else "RELU"
        x = b.conv(x, filters, k, 1, act, "SAME")
    return x


# -- Kang, Ye, Li and Doermann 2014 (CNNIQA)

#: CNNIQA's patch side, its conv (filters, kernel), the hidden FCs and the outputs
CNNIQA_PATCH, CNNIQA_CONV, CNNIQA_HIDDEN, CNNIQA_OUT = 32, (50, 7), (800, 800), 1


def _neg(b: NetBuilder, x: int) -> int:
    """``-x`` as a MUL by a ``[1, 1, 1, 1]`` constant -1 (broadcast) [U]."""
    return b.mul(x, b.const(np.full((1, 1, 1, 1), -1.0, np.float32)))


def cnniqa(b: NetBuilder, x: int) -> int:
    """CNNIQA on ``x`` (``[1, 32, 32, 1]``: a locally normalised gray patch); returns
    the patch's quality score ``[1, 1]``.

    Kang, Ye, Li and Doermann, "Convolutional neural networks for no-reference image
    quality assessment", CVPR 2014 (recalled): non-overlapping 32 x 32 patches of
    the gray image, locally contrast-normalised; one convolutional layer of 50 7x7
    kernels (26 x 26 x 50, no padding); per feature map one maximum and one minimum
    over the whole map (max and min pooling, 100 values); two fully connected layers
    of 800 nodes with ReLU; one linear output node (the patch's score, averaged over
    the image's patches outside the network). Here (the pre-registered definition):
    CONV_2D 7x7 50 VALID (linear) to ``[1, 26, 26, 50]``; MAX_POOL_2D 26x26 VALID
    (the max, ``[1, 1, 1, 50]``); MUL by -1, MAX_POOL_2D 26x26 VALID, MUL by -1 (the
    min as -max(-x)); CONCATENATION [max, min] on the channels to ``[1, 1, 1,
    100]``; FULLY_CONNECTED 800 + RELU, FULLY_CONNECTED 800 + RELU (NetBuilder
    flattens the ``[1, 1, 1, 100]`` input to one row), FULLY_CONNECTED 1 (linear). 9
    ops.

    This graph counts 2,377,000 MACs: conv 1,656,200 (676 x 49 x 50); FCs 80,000
    (100 x 800), 640,000 (800 x 800) and 800 (800 x 1); the pools and MULs count
    none. It has 724,903 parameters: conv 2,500, FCs 80,800, 640,800 and 801
    (weights and biases), the two constants -1 (by hand in the test). Published: no
    count recalled precisely enough; not pinned.

    [U] one gray channel (pre-registered; the paper's patches are gray); the local
    contrast normalisation left out (a front end, outside the network); the conv
    linear (no activation before the pools, as recalled); the pools as MAX_POOL_2D
    of the whole 26 x 26 map with stride 1 (not REDUCE_MAX or a MEAN-like op); min
    as -max(-x) with two MULs by a ``[1, 1, 1, 1]`` constant -1 (pre-registered;
    TFLite has no MIN_POOL, NEG unused: NetBuilder and the float reference have
    none); the CONCATENATION max first, one range (max and min share the int8
    scale); no RESHAPE before the first FC (FULLY_CONNECTED flattens); dropout
    left out (inference); conv and FC biases; the score linear, no activation.
    """
    filters, k = CNNIQA_CONV
    x = b.conv(x, filters, k, 1, "NONE", "VALID")
    side = b.shape(x)[1]
    mx = b.pool(x, "max", side, 1, "VALID")
    mn = _neg(b, b.pool(_neg(b, x), "max", side, 1, "VALID"))
    x = b.concat([mx, mn])
    for n in CNNIQA_HIDDEN:
        x = b.fc(x, n, "RELU")
    return b.fc(x, CNNIQA_OUT)
