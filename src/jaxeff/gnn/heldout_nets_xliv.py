"""Held-out families XLIV, part A (session 34, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-06-s34/PREREGISTERED.md`` before being built):
two audio CNNs on log-mel maps -- the VGGish AudioSet embedding network and the PANNs
CNN6 tagger -- and a multi-head face network with PReLU, the MTCNN O-Net.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norm folded into the
preceding conv's weights and bias, RELU fused where it follows a conv or an FC); the
log-mel maps laid out as PANNs and VGGish read them, time along H and the mel bins
along W with one channel (``[1, T, 64, 1]``). Test models: no training space draws
any of them in its exact configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xliv.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`vggish`: VGGish (Hershey et al., arXiv 1609.09430) on a 96 x 64 x 1 log-mel
  patch: 3x3 SAME convs of 64, 128, 256, 256, 512, 512 RELU with 2x2 / 2 max pools
  after the first, second, fourth and sixth, RESHAPE to 12,288, FC 4096 RELU, FC 4096
  RELU, FC 128 (the embedding, linear). 14 ops.
* :func:`panns_cnn6`: PANNs CNN6 (Kong et al., arXiv 1912.10211) on a 1001 x 64 x 1
  log-mel map: four blocks of a 5x5 SAME conv (64, 128, 256, 512) RELU and a 2x2 / 2
  VALID average pool, MEAN over the mel axis, the max over time (a MAX_POOL_2D over
  the whole time axis) ADDed to the MEAN over time, FC 512 RELU, FC 527, LOGISTIC.
  15 ops.
* :func:`mtcnn_onet`: MTCNN O-Net (Zhang et al., arXiv 1604.02878) on 48 x 48 x 3:
  VALID convs 3x3 32, 3x3 64, 3x3 64, 2x2 128 each followed by a standalone PRELU, 3x3
  / 2 (SAME), 3x3 / 2 (VALID) and 2x2 / 2 max pools between, RESHAPE to 1,152, FC 256
  PRELU, three heads: FC 2 + SOFTMAX, FC 4, FC 10 (three graph outputs). 18 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder

__all__ = ["mtcnn_onet", "panns_cnn6", "vggish"]


def _flatten(b: NetBuilder, x: int) -> int:
    """RESHAPE ``x`` to ``[1, H W C]`` (NHWC order)."""
    _, h, w, c = b.shape(x)
    return b.reshape(x, (1, h * w * c))


# -- Hershey et al.: VGGish

#: VGGish (arXiv 1609.09430; VGG configuration A without its fifth conv group): the
#: conv widths (0 = a 2x2 / 2 max pool), the hidden FCs and the embedding width
VGGISH_CONFIG = (64, 0, 128, 0, 256, 256, 0, 512, 512, 0)
VGGISH_FC, VGGISH_EMBEDDING = (4096, 4096), 128


def vggish(b: NetBuilder, x: int, embedding: int = VGGISH_EMBEDDING) -> int:
    """VGGish on ``x`` (``[1, 96, 64, 1]``: 96 frames of 64 log-mel bands, 0.96 s);
    returns the embedding ``[1, embedding]`` (linear).

    Hershey et al., "CNN Architectures for Large-Scale Audio Classification", ICASSP
    2017, arXiv 1609.09430 (Section 2 and the released AudioSet embedding model,
    recalled): VGG configuration A (Simonyan & Zisserman, arXiv 1409.1556) cut after
    its fourth conv group, on 96 x 64 log-mel patches: 3x3 convs of 64, 128, 256, 256,
    512, 512 with ReLU and 2x2 max pools of stride 2 after the 1st, 2nd, 4th and 6th
    (96 x 64 -> 48 x 32 -> 24 x 16 -> 12 x 8 -> 6 x 4), the 6 x 4 x 512 = 12,288 map
    flattened, two FCs of 4,096 with ReLU and an FC to the 128-wide embedding. Here:
    convs 3x3 SAME RELU, MAX_POOL_2D 2x2 / 2 VALID, RESHAPE to ``[1, 12288]``, FC 4096
    RELU, FC 4096 RELU, FC ``embedding``. 14 ops: 6 CONV_2D, 4 MAX_POOL_2D, RESHAPE, 3
    FULLY_CONNECTED. This graph counts 863,895,552 MACs (convs 3,538,944,
    113,246,208, 113,246,208, 226,492,416, 113,246,208, 226,492,416; FCs 50,331,648,
    16,777,216, 524,288) and 72,141,184 parameters (convs 4,499,712, FCs 67,641,472;
    weights and biases, by hand in the test). Published (recalled): 72.1 M parameters
    (+0.06 %); no multiply-add count pinned.

    [U] the embedding FC linear (the pre-registered choice; the paper does not give
    its activation); SAME padding (the paper's padding of 1 on the 3x3 convs); the
    pools VALID (every map even); the flatten a RESHAPE in NHWC order (the release is
    an NHWC TensorFlow model, recalled); no batch norm (none recalled); no PCA /
    quantisation post-processing of the embedding (outside the network).
    """
    for v in VGGISH_CONFIG:
        x = b.pool(x, "max", 2, 2) if v == 0 else b.conv(x, v, 3, 1, "RELU")
    x = _flatten(b, x)
    for n in VGGISH_FC:
        x = b.fc(x, n, "RELU")
    return b.fc(x, embedding)


# -- Kong et al.: PANNs CNN6

#: PANNs CNN6 (arXiv 1912.10211, Table 2): the conv widths of the four blocks, their
#: kernel and average pool, the hidden FC and the AudioSet classes
CNN6_WIDTHS, CNN6_KERNEL, CNN6_POOL = (64, 128, 256, 512), 5, 2
CNN6_FC, CNN6_CLASSES = 512, 527


def panns_cnn6(b: NetBuilder, x: int, classes: int = CNN6_CLASSES) -> int:
    """PANNs CNN6 on ``x`` (``[1, 1001, 64, 1]``: 1,001 frames of 64 log-mel bins, 10
    s at 32 kHz with a hop of 320); returns the clip-wise tag probabilities ``[1,
    classes]`` (LOGISTIC).

    Kong, Cao, Iqbal, Wang, Wang & Plumbley, "PANNs: Large-Scale Pretrained Audio
    Neural Networks for Audio Pattern Recognition", IEEE/ACM TASLP 2020, arXiv
    1912.10211 (Section 3, Table 2, recalled): the log-mel spectrogram (64 bins, 32
    kHz, hop 320, 10-s clips: 1,001 frames) through four conv blocks, each a 5x5 conv
    (64, 128, 256, 512) with batch norm and ReLU, then 2x2 average pooling; a global
    pooling that averages over frequency and then sums the max and the mean over
    time; an FC of 512 with ReLU and an FC to the 527 AudioSet classes with a sigmoid;
    dropout (training only). Here: per block conv ``k`` 5x5 SAME RELU (BN folded),
    AVERAGE_POOL_2D 2x2 / 2 VALID (1001 x 64 -> 500 x 32 -> 250 x 16 -> 125 x 8 -> 62
    x 4); MEAN over axis 2 (the mel bins) kept, ``[1, 62, 1, 512]``; MAX_POOL_2D 62 x
    1 VALID (stride 1) and MEAN over axis 1 (time) kept, both ``[1, 1, 1, 512]``; ADD
    (max + mean); FC 512 RELU; FC ``classes``; LOGISTIC. 15 ops: 4 CONV_2D, 4
    AVERAGE_POOL_2D, 2 MEAN, MAX_POOL_2D, ADD, 2 FULLY_CONNECTED, LOGISTIC. This
    graph counts 9,933,434,368 MACs (convs 102,502,400, 3,276,800,000, 3,276,800,000,
    3,276,800,000; FCs 262,144, 269,824) and 4,836,367 parameters (convs 4,303,360,
    FCs 533,007; weights and biases, by hand in the test). Published (Table 2,
    recalled): 4.8 M parameters (+0.8 %); the table's multiply-add figure not pinned
    (not recalled precisely enough to compare).

    [U] the input batch norm over the mel bins left out (a per-bin affine map on the
    input, foldable into the first conv only up to SAME's zero padding); the conv
    blocks' batch norms folded into the conv biases (NetBuilder's), RELU fused;
    SAME padding (the paper's padding of 2 on the 5x5 convs); the average pools VALID
    (PyTorch's floor: 1001 -> 500, 125 -> 62); the max over time as a MAX_POOL_2D
    whose window covers the whole time axis (62 x 1), stride 1 (NetBuilder has no
    REDUCE_MAX; a stride of 1 keeps the pool within the NPU's strides, the window
    giving one output either way); both reductions keep dims, so the ADD and the FC
    read ``[1, 1, 1, 512]`` (the FC flattens it; no RESHAPE); dropout left out; the
    sigmoid a standalone LOGISTIC (as SampleCNN's tags).
    """
    for c in CNN6_WIDTHS:
        x = b.conv(x, c, CNN6_KERNEL, 1, "RELU")
        x = b.pool(x, "avg", CNN6_POOL, CNN6_POOL)
    x = b.mean(x, (2,), keep_dims=True)
    t = b.shape(x)[1]
    x = b.add(b.pool(x, "max", (t, 1), 1), b.mean(x, (1,), keep_dims=True))
    return b.act(b.fc(b.fc(x, CNN6_FC, "RELU"), classes), "LOGISTIC")


# -- Zhang, Zhang, Li & Qiao: MTCNN O-Net

#: MTCNN O-Net (arXiv 1604.02878, Fig. 2): (filters, kernel) of the four VALID convs,
#: the max pool (window, stride, padding) after each of the first three, the FC, and
#: the heads' widths (face / not face, bounding box, five landmarks)
ONET_CONVS = ((32, 3), (64, 3), (64, 3), (128, 2))
ONET_POOLS = ((3, 2, "SAME"), (3, 2, "VALID"), (2, 2, "VALID"))
ONET_FC, ONET_HEADS = 256, (2, 4, 10)


def _prelu_vec(b: NetBuilder, x: int) -> int:
    """PRELU on an FC output ``[1, C]`` with one slope per unit, of shape ``[C]``
    (:meth:`NetBuilder.act`'s slopes are ``[1, 1, C]``, for 4-D maps: on a ``[1, C]``
    tensor they would broadcast it to ``[1, 1, C]``); the slopes drawn as that
    method draws them, ``|N(0, 0.25^2)|``."""
    c = b.shape(x)[-1]
    alpha = b.const(np.abs(b.rng.standard_normal(c) * 0.25).astype(np.float32))
    return b._op("PRELU", (x, alpha), b.shape(x))


def mtcnn_onet(b: NetBuilder, x: int) -> tuple[int, int, int]:
    """MTCNN O-Net on ``x`` (``[1, 48, 48, 3]``, a face candidate); returns the three
    heads: the face probability SOFTMAX ``[1, 2]``, the bounding-box regression ``[1,
    4]`` and the five landmarks ``[1, 10]`` (both linear).

    Zhang, Zhang, Li & Qiao, "Joint Face Detection and Alignment using Multi-task
    Cascaded Convolutional Networks", IEEE SPL 2016, arXiv 1604.02878 (Section II,
    Fig. 2, recalled): the third stage, O-Net, on a 48 x 48 x 3 crop: conv 3x3 of 32
    (46 x 46), max pool 3x3 stride 2 (23 x 23), conv 3x3 of 64 (21 x 21), max pool 3x3
    stride 2 (10 x 10), conv 3x3 of 64 (8 x 8), max pool 2x2 stride 2 (4 x 4), conv
    2x2 of 128 (3 x 3), an FC of 256, and three outputs: face classification (2, a
    softmax), bounding-box regression (4) and facial landmark localisation (10);
    PReLU after every conv and the FC. Here: convs VALID each followed by a
    standalone PRELU (one slope a channel, ``[1, 1, C]``), MAX_POOL_2D 3x3 / 2 SAME
    (46 -> 23), 3x3 / 2 VALID (21 -> 10), 2x2 / 2 VALID (8 -> 4), RESHAPE to ``[1,
    1152]``, FC 256, PRELU (slopes ``[256]``), FC 2, SOFTMAX, FC 4, FC 10. 18 ops: 4
    CONV_2D, 5 PRELU, 3 MAX_POOL_2D, RESHAPE, 4 FULLY_CONNECTED, SOFTMAX. This graph
    counts 12,909,952 MACs (convs 1,828,224, 8,128,512, 2,359,296, 294,912; FC
    294,912; heads 512, 1,024, 2,560) and 389,040 parameters (388,496 weights and
    biases, 544 PReLU slopes; by hand in the test). Published: no count recalled.

    [U] the first max pool SAME (Caffe's ceil-mode pooling gives the paper's 23 x 23;
    TFLite's SAME the same size, padding one row and column at the end), the second
    and third VALID (ceil and floor agree there); PReLU a standalone PRELU (TFLite has
    no fused PReLU; as MobileFaceNet); the FC's PReLU slopes a ``[256]`` constant (one
    per unit, the shape of a Keras PReLU's after a dense layer, recalled), written
    with :func:`_prelu_vec`; the flatten a RESHAPE in NHWC order (Caffe's is CHW:
    the same FC up to a permutation of its weights); the softmax on the face head
    only, the box and landmark heads linear; three graph outputs in the order face,
    box, landmarks (the registry's builder path takes a builder's tuple as the
    graph's outputs, as for YOLOv5n's three heads); no batch norm (none in the
    paper).
    """
    for i, (c, k) in enumerate(ONET_CONVS):
        x = b.act(b.conv(x, c, k, 1, "NONE", "VALID"), "PRELU")
        if i < len(ONET_POOLS):
            pk, ps, pad = ONET_POOLS[i]
            x = b.pool(x, "max", pk, ps, pad)
    h = _prelu_vec(b, b.fc(_flatten(b, x), ONET_FC))
    n_face, n_box, n_marks = ONET_HEADS
    face = b.softmax(b.fc(h, n_face))
    return face, b.fc(h, n_box), b.fc(h, n_marks)
