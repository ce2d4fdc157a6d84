"""Held-out families LXX, part C (session 43, pre-registered in section 4 of
``docs/evidence/perfsage-cpu-2026-12-08-s43/PREREGISTERED.md`` before being built):
two independently published image CNNs, Redmon's Tiny Darknet (an ImageNet
classifier of alternating 1x1 / 3x3 convs) and Zhang et al.'s multi-column crowd
counter MCNN (three columns of large, medium and small kernels, concatenated into a
density map). Built by a helper who prints only names and ``npu_full``; nothing is
chosen on them.

* :func:`tiny_darknet`: ``tiny_darknet_224`` on ``[1, 224, 224, 3]``: 16 CONV_2D
  (3x3 and 1x1, SAME, stride 1, linear), each but the last followed by a standalone
  LEAKY_RELU 0.1; four MAX_POOL_2D 2x2 / 2 (224 -> 112 -> 56 -> 28 -> 14); the last
  conv 1x1 of 1,000 (linear); MEAN over H and W; SOFTMAX; ``[1, 1000]``. 37 ops: 16
  CONV_2D, 15 LEAKY_RELU, 4 MAX_POOL_2D, MEAN, SOFTMAX.
* :func:`mcnn_crowd`: ``mcnn_crowd_384x512`` on ``[1, 384, 512, 3]``: three columns
  (large 9x9 16, pool, 7x7 32, pool, 7x7 16, 7x7 8; medium 7x7 20, pool, 5x5 40,
  pool, 5x5 20, 5x5 10; small 5x5 24, pool, 3x3 48, pool, 3x3 24, 3x3 12), every
  conv SAME + RELU, every pool MAX_POOL_2D 2x2 / 2 (384 x 512 -> 192 x 256 -> 96 x
  128); CONCATENATION of the three (8 + 10 + 12 = 30 channels); CONV_2D 1x1 to 1 +
  RELU (the density map); ``[1, 96, 128, 1]``. 20 ops: 13 CONV_2D, 6 MAX_POOL_2D,
  CONCATENATION.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias). Test models: no training space
draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxx_c.py``). Written from the papers' and the cfg's
definitions as recalled; no code was read. Choices the sources leave open, and
ours, are marked [U].

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["mcnn_crowd", "tiny_darknet"]


# -- Redmon 2016, Tiny Darknet

#: Tiny Darknet (``tiny.cfg``, recalled; the pre-registered definition): each entry
#: a conv (filters, kernel) or "M" (a 2x2 / 2 max pool); every conv followed by a
#: LEAKY_RELU 0.1, then the classifier conv
TINY_DARKNET = ((16, 3), "M", (32, 3), "M",
                (16, 1), (128, 3), (16, 1), (128, 3), "M",
                (32, 1), (256, 3), (32, 1), (256, 3), "M",
                (64, 1), (512, 3), (64, 1), (512, 3), (128, 1))
TINY_DARKNET_CLASSES, TINY_DARKNET_ALPHA = 1000, 0.1


def tiny_darknet(b: NetBuilder, x: int) -> int:
    """Tiny Darknet on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, 1000]``.

    Redmon, "Tiny Darknet" (pjreddie.com/darknet/tiny-darknet, 2016; the release's
    ``tiny.cfg``, recalled): an ImageNet classifier in the spirit of SqueezeNet's
    squeeze / expand, plain: a 3x3 conv of 16, max pool, 3x3 of 32, max pool; then
    pairs of a 1x1 "squeeze" conv and a 3x3 "expand" conv (16 / 128 twice, max pool;
    32 / 256 twice, max pool; 64 / 512 twice), a 1x1 conv of 128, the classifier 1x1
    conv of 1,000 (linear), global average pool, softmax; batch norm and leaky ReLU
    (0.1) after every conv but the classifier. Here (the pre-registered definition):
    :data:`TINY_DARKNET`, every conv CONV_2D SAME stride 1 with a bias (the batch
    norm folded) and no fused activation, followed by a standalone LEAKY_RELU 0.1 (as
    :func:`jaxeff.gnn.heldout_nets.darknet19`); MAX_POOL_2D 2x2 / 2 VALID (224 ->
    112 -> 56 -> 28 -> 14); CONV_2D 1x1 1,000 linear on 14 x 14; MEAN over H and W
    (``[1, 1000]``); SOFTMAX. 37 ops: 16 CONV_2D, 15 LEAKY_RELU, 4 MAX_POOL_2D, MEAN,
    SOFTMAX.

    This graph counts 491,524,096 MACs: 3x3 convs 21,676,032 (224^2 x 3 x 16 x 9),
    57,802,752 (112^2 x 16 x 32 x 9) and six more of 57,802,752 each (56^2 x 16 x
    128, 28^2 x 32 x 256, 14^2 x 64 x 512, x 9, twice each); 1x1 convs 1,605,632,
    6,422,528 (56^2 x 32 x 16, 56^2 x 128 x 16), 3,211,264, 6,422,528 (28^2 x 128 x
    32, 28^2 x 256 x 32), 3,211,264, 6,422,528, 12,845,056 (14^2 x 256 x 64, x 512 x
    64, x 512 x 128) and the classifier's 25,088,000 (14^2 x 128 x 1,000). It has
    1,039,912 parameters (1,036,720 weights and 3,192 biases; by hand in the test).
    Published (the page's table, recalled): "980 million" operations (Darknet's
    count, 2 x multiply-adds: 983,048,192 here, +0.3 %) and 4.0 MB of weights
    (float32: 4 x 1,039,912 bytes = 3.97 MiB, -0.8 %).

    [U] 224 x 224 x 3 (the cfg's training size); SAME padding (the cfg's pad=1 on
    3x3; 1x1 unpadded either way); VALID max pools of window = stride 2 (every side
    even: nothing floored); batch norms folded into the conv biases (the classifier
    keeps its own bias); the LEAKY_RELU standalone (TFLite fuses none; Vela folds it
    into the conv); the average pool a MEAN with ``keep_dims=False``; the softmax's
    temperature 1. Where the recollection of the cfg may differ from the release
    (the 1x1 of 128 before the classifier, four max pools rather than five): kept as
    pre-registered; the published operation count (980 M) agrees with this graph.
    """
    for v in TINY_DARKNET:
        if v == "M":
            x = b.pool(x, "max", 2, 2)
        else:
            x = b.leaky_relu(b.conv(x, v[0], v[1]), TINY_DARKNET_ALPHA)
    x = b.mean(b.conv(x, TINY_DARKNET_CLASSES, 1), (1, 2), keep_dims=False)
    return b.softmax(x)


# -- Zhang, Zhou, Chen, Gao and Ma 2016, MCNN

#: MCNN's three columns (CVPR 2016, Figure 2, recalled; the pre-registered
#: definition), large, medium, small: each four convs (kernel, filters), a 2x2 / 2
#: max pool after the first two
MCNN_COLUMNS = (((9, 16), (7, 32), (7, 16), (7, 8)),
                ((7, 20), (5, 40), (5, 20), (5, 10)),
                ((5, 24), (3, 48), (3, 24), (3, 12)))
MCNN_POOLED = 2


def mcnn_crowd(b: NetBuilder, x: int) -> int:
    """MCNN on ``x`` (``[1, 384, 512, 3]``); returns the density map ``[1, 96, 128,
    1]`` (one quarter of the input's side).

    Zhang, Zhou, Chen, Gao and Ma, "Single-Image Crowd Counting via Multi-Column
    Convolutional Neural Network", CVPR 2016 (recalled): three parallel columns of
    four convs each, with large (9x9, 7x7, 7x7, 7x7; 16, 32, 16, 8 filters), medium
    (7x7, 5x5, 5x5, 5x5; 20, 40, 20, 10) and small (5x5, 3x3, 3x3, 3x3; 24, 48, 24,
    12) receptive fields, ReLU after every conv, a 2x2 max pool after each column's
    first two convs; the three feature maps stacked and mapped to the density map by
    a 1x1 conv. Here (the pre-registered definition): :data:`MCNN_COLUMNS`, every
    conv CONV_2D SAME stride 1 + RELU fused, every pool MAX_POOL_2D 2x2 / 2 VALID
    (384 x 512 -> 192 x 256 -> 96 x 128), the columns built large, medium, small, each
    reading the graph input; CONCATENATION along channels (8 + 10 + 12 = 30); CONV_2D
    1x1 to 1 + RELU. 20 ops: 13 CONV_2D, 6 MAX_POOL_2D, CONCATENATION.

    This graph counts 5,274,279,936 MACs: large 764,411,904 (384 x 512 x 3 x 16 x
    81), 1,233,125,376 (192 x 256 x 16 x 32 x 49), 308,281,344 (96 x 128 x 32 x 16 x
    49), 77,070,336 (96 x 128 x 16 x 8 x 49); medium 578,027,520, 983,040,000,
    245,760,000, 61,440,000; small 353,894,400, 509,607,936, 127,401,984, 31,850,496;
    the 1x1 fusion 368,640 (96 x 128 x 30). It has 133,705 parameters (133,434
    weights and 271 biases): large 3,904, 25,120, 25,104, 6,280; medium 2,960,
    20,040, 20,020, 5,010; small 1,824, 10,416, 10,392, 2,604; fusion 31 (by hand in
    the test). Published (recalled from later papers' comparison tables, not the
    paper itself): 0.13 M parameters (+2.9 %).

    [U] the input 384 x 512 x 3 (RGB, pre-registered; the paper's experiments convert
    some data sets to grey); SAME convs (the density map exactly a quarter of the
    input); VALID max pools of window = stride 2 (every side divisible by 4: nothing
    floored); biases on every conv; the columns concatenated in the order large,
    medium, small; the RELU fused into the 1x1 fusion conv (pre-registered: a
    density map is non-negative); no batch norm (the paper uses none); the columns'
    separate pre-training irrelevant at inference.
    """
    cols = []
    for column in MCNN_COLUMNS:
        y = x
        for i, (k, filters) in enumerate(column):
            y = b.conv(y, filters, k, 1, "RELU", "SAME")
            if i < MCNN_POOLED:
                y = b.pool(y, "max", 2, 2)
        cols.append(y)
    return b.conv(b.concat(cols), 1, 1, 1, "RELU", "SAME")
