"""Held-out families XXXVII (session 31 addendum 2, pre-registered before being built;
issue 22): three more of Sainath & Parada's keyword-spotting CNNs (cnn-one-fstride8,
cnn-tstride4, cnn-tstride8) and AlexNet in Krizhevsky's one-tower "one weird trick"
layout with its 11x11/4 stem written as one strided conv.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, dropout left out at
inference), every one ending in the flatten head of
:mod:`jaxeff.gnn.heldout_nets_xxviii`. Test models: no training space draws any of
them in its exact configuration (each one's distinguishing values are in
``models.json``'s overlap and pinned in ``tests/gnn/test_heldout_nets_xxxvii.py``).
Every conv of stride above 3 is VALID (Vela maps such a conv only without padding).
Choices the sources leave open are marked [U].

* :func:`cnn_one_fstride8`: cnn-one-fstride8 (Sainath & Parada, "Convolutional Neural
  Networks for Small-footprint Keyword Spotting", Interspeech 2015, the frequency
  striding table) on 32 frames x 40 log-mel: conv 336 32x8 stride (1, 8) VALID RELU,
  RESHAPE, linear FC 128, FC 128 RELU, FC 12, SOFTMAX. 6 ops.
* :func:`cnn_tstride4`: cnn-tstride4 (the time-striding table) on 32 x 40: conv 100
  16x8 stride (4, 1) VALID RELU, max pool 1x3, conv 78 5x4 VALID RELU, RESHAPE, linear
  FC 32, FC 128 RELU, FC 12, SOFTMAX. 8 ops.
* :func:`cnn_tstride8`: cnn-tstride8 on 32 x 40: conv 126 16x8 stride (8, 1) VALID
  RELU (3 rows), max pool 1x3, PAD of one row above and below, conv 78 5x4 VALID RELU,
  RESHAPE, linear FC 32, FC 128 RELU, FC 12, SOFTMAX. 9 ops.
* :func:`alexnet_owt`: AlexNet, one tower (Krizhevsky, "One weird trick for
  parallelizing convolutional neural networks", arXiv 1404.5997; torchvision's
  layout) at 224: PAD 2, conv 64 11x11/4 VALID RELU, max pool 3x3/2, conv 192 5x5
  RELU, max pool, convs 384 / 256 / 256 3x3 RELU, max pool, RESHAPE, FC 4096 RELU, FC
  4096 RELU, FC 1000, SOFTMAX. 14 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxviii import (CNN_ONE_DNN, CNN_ONE_LIN, CNN_ONE_WIDTH,
                                            _flatten_fc)
from jaxeff.gnn.heldout_nets_xxxi import (CNN_TSTRIDE2_DNN, CNN_TSTRIDE2_LIN,
                                          CNN_TSTRIDE2_POOL)

__all__ = ["alexnet_owt", "cnn_one_fstride8", "cnn_tstride4", "cnn_tstride8"]


# -- Sainath & Parada: cnn-one-fstride8

#: cnn-one-fstride8 (Interspeech 2015, the frequency-striding table; castorini/honk's
#: config): the conv's filters and stride (its 32 x 8 filter is cnn-one-fstride4's)
CNN_ONE_FSTRIDE8_FILTERS, CNN_ONE_FSTRIDE8_STRIDE = 336, (1, 8)


def cnn_one_fstride8(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-one-fstride8 on ``x`` (``[1, 32, 40, 1]``: 23 left, 8 right context frames
    and the current one, 40 log-mel); returns the SOFTMAX output ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (the frequency-striding table, recalled): one
    conv layer of n = 336 maps whose filter spans the whole time context (m = 32) by r
    = 8 in frequency, stride s = 1 in time and v = 8 in frequency, RELU (32 x 40 -> 1
    x 5 x 336); a linear low-rank layer of 128; a DNN layer of 128 RELU; softmax (as
    :func:`jaxeff.gnn.heldout_nets_xxviii.cnn_one_fstride4`, which has 186 maps and v
    = 4). This graph counts 663,040 MACs (conv 430,080 = 5 x 86,016; FCs 215,040 +
    16,384 + 1,536) and 319,580 parameters (86,352 + 215,168 + 16,512 + 1,548).
    Published (recalled): the conv layer's 86.0 K parameters and 430.1 K multiplies
    (this graph's, to the rounding, without the 336 biases), the table keeping the
    multiplies of cnn-one-fstride4 (428.5 K).

    [U] VALID (the paper's counts need it); 336 maps (recalled; honk's config names
    the same); 12 classes (the paper has 4 outputs); the linear layer with a bias and
    no activation; dropout left out.
    """
    x = b.conv(x, CNN_ONE_FSTRIDE8_FILTERS, (b.shape(x)[1], CNN_ONE_WIDTH),
               CNN_ONE_FSTRIDE8_STRIDE, "RELU", "VALID")
    return _flatten_fc(b, x, ((CNN_ONE_LIN, "NONE"), (CNN_ONE_DNN, "RELU")), classes)


# -- Sainath & Parada: cnn-tstride4 and cnn-tstride8

#: cnn-tstride4 / cnn-tstride8 (Interspeech 2015, the time-striding table, recalled;
#: castorini/honk's configs): (filters, (time, frequency) kernel, stride) of the two
#: convs; the 1x3 pool, linear layer of 32 and DNN layer of 128 are cnn-tstride2's
CNN_TSTRIDE4_CONVS = ((100, (16, 8), (4, 1)), (78, (5, 4), (1, 1)))
CNN_TSTRIDE8_CONVS = ((126, (16, 8), (8, 1)), (78, (5, 4), (1, 1)))


def _cnn_tstride(b: NetBuilder, x: int, convs, classes: int) -> int:
    """The time-striding model of ``convs``: conv VALID RELU, max pool 1x3 (stride =
    window), zero rows added evenly in time where the map is shorter than the second
    kernel (PAD), conv VALID RELU, the flatten head (linear FC 32, FC 128 RELU, FC
    ``classes``, SOFTMAX)."""
    (c0, k0, s0), (c1, k1, s1) = convs
    x = b.conv(x, c0, k0, s0, "RELU", "VALID")
    x = b.pool(x, "max", CNN_TSTRIDE2_POOL, CNN_TSTRIDE2_POOL)
    short = k1[0] - b.shape(x)[1]
    if short > 0:
        x = b.pad(x, ((0, 0), (short // 2, short - short // 2), (0, 0), (0, 0)))
    x = b.conv(x, c1, k1, s1, "RELU", "VALID")
    return _flatten_fc(b, x, ((CNN_TSTRIDE2_LIN, "NONE"), (CNN_TSTRIDE2_DNN, "RELU")),
                       classes)


def cnn_tstride4(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-tstride4 on ``x`` (``[1, 32, 40, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (the time-striding table, recalled; honk's
    ``cnn-tstride4`` config: 100 maps 16x8 stride (4, 1), pool (1, 3), 78 maps 5x4):
    conv n = 100 maps of 16 x 8, stride s = 4 in time, RELU (32 x 40 -> 5 x 33 x
    100), max pool q = 3 in frequency (-> 5 x 11 x 100), conv 78 maps of 5 x 4 RELU
    (-> 1 x 8 x 78), a linear low-rank layer of 32, a DNN layer of 128 RELU, softmax.
    This graph counts 3,385,600 MACs (conv 2,112,000 = 165 x 12,800; conv 1,248,000 =
    8 x 156,000; FCs 19,968 + 4,096 + 1,536) and 194,750 parameters (12,900 + 156,078
    + 20,000 + 4,224 + 1,548). Published (recalled, uncertain): the convs' 12.8 K and
    156.0 K parameters (this graph's, without the biases).

    [U] the second conv's 5 x 4 kernel and 78 maps (recalled, as honk's); VALID; the
    pool's stride equal to its window; one DNN layer of 128 (as cnn-tstride2); the
    linear layer with a bias; 12 classes; dropout left out.
    """
    return _cnn_tstride(b, x, CNN_TSTRIDE4_CONVS, classes)


def cnn_tstride8(b: NetBuilder, x: int, classes: int = 12) -> int:
    """cnn-tstride8 on ``x`` (``[1, 32, 40, 1]``); returns the SOFTMAX output
    ``[1, classes]``.

    Sainath & Parada, Interspeech 2015 (the time-striding table, recalled; honk's
    ``cnn-tstride8`` config: 126 maps 16x8 stride (8, 1), pool (1, 3), 78 maps 5x4):
    conv n = 126 maps of 16 x 8, stride s = 8 in time, RELU (32 x 40 -> 3 x 33 x
    126), max pool q = 3 in frequency (-> 3 x 11 x 126), one zero row above and one
    below (PAD -> 5 x 11 x 126), conv 78 maps of 5 x 4 RELU (-> 1 x 8 x 78), a linear
    low-rank layer of 32, a DNN layer of 128 RELU, softmax. This graph counts
    3,194,752 MACs (conv 1,596,672 = 99 x 16,128; conv 1,572,480 = 8 x 196,560; FCs
    25,600) and 238,664 parameters (16,254 + 196,638 + 20,000 + 4,224 + 1,548).
    Published (recalled, uncertain): the convs' 16.1 K and 196.6 K parameters (this
    graph's, without the biases).

    [U] the PAD: at 32 frames a stride of 8 leaves 3 rows, fewer than the second
    kernel's 5 (honk runs 101 frames: 11 rows); the paper's padding is not recalled,
    so the map is zero-padded in time to 5 rows (1 above, 1 below) and the conv stays
    VALID, keeping the paper's kernel and the siblings' 1 x 8 x 78 output. Otherwise
    as :func:`cnn_tstride4`.
    """
    return _cnn_tstride(b, x, CNN_TSTRIDE8_CONVS, classes)


# -- AlexNet, one weird trick (one tower)

#: AlexNet one-tower (arXiv 1404.5997, torchvision's ``alexnet``): (filters, kernel,
#: stride) of the five convs, the max pool after the first, second and fifth, the FCs
ALEXNET_OWT_CONVS = ((64, 11, 4), (192, 5, 1), (384, 3, 1), (256, 3, 1), (256, 3, 1))
ALEXNET_OWT_POOLED, ALEXNET_OWT_FC = (0, 1, 4), (4096, 4096)


def alexnet_owt(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """AlexNet one-tower on ``x`` (``[1, 224, 224, 3]``); returns the SOFTMAX output
    ``[1, classes]``.

    Krizhevsky, arXiv 1404.5997 (the one-tower "one weird trick" model, 64-192-384-
    256-256 filters, no local response normalisation), in torchvision's layout: PAD
    2 on H and W (228), conv 64 11x11 stride 4 VALID RELU (-> 55 x 55), max pool
    3x3/2 (-> 27), conv 192 5x5 SAME RELU, max pool (-> 13), convs 384, 256, 256 3x3
    SAME RELU, max pool (-> 6 x 6 x 256), RESHAPE to 9,216, FC 4096 RELU, FC 4096
    RELU, FC ``classes``, SOFTMAX. Unlike :func:`jaxeff.gnn.heldout_nets.alexnet` (the
    same network with the stem as space-to-depth and a 3x3 conv), the 11x11/4 conv is
    one CONV_2D. This graph counts 714,188,480 MACs (convs 70,276,800, 223,948,800,
    112,140,288, 149,520,384, 99,680,256; FCs 37,748,736, 16,777,216, 4,096,000) and
    61,100,840 parameters. Published (torchvision's ``alexnet``): 61,100,840
    parameters (equal), 0.71 G multiply-adds.

    [U] NHWC flatten order; torchvision's adaptive 6 x 6 average pool left out (the
    identity at 224); pools VALID; dropout left out.
    """
    x = b.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0)))
    for i, (c, k, s) in enumerate(ALEXNET_OWT_CONVS):
        x = b.conv(x, c, k, s, "RELU", "VALID" if s > 1 else "SAME")
        if i in ALEXNET_OWT_POOLED:
            x = b.pool(x, "max", 3, 2)
    return _flatten_fc(b, x, tuple((w, "RELU") for w in ALEXNET_OWT_FC), classes)
