"""Held-out family LXV (session 40, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-07-s40/PREREGISTERED.md`` before being built):
one 1-D bottleneck ResNet whose stage-3 and stage-4 1x5 convs (256 / 512 channels at
OW 63 / 32, stride 1) lie in W1's domain and are weight-stream bound, the samples
along W, one row.

* :func:`xresnet1d50`: Strodthoff et al.'s xresnet1d50 as
  ``xresnet1d50_ptbxl_1000x12`` on ``[1, 1, 1000, 12]`` (a 10 s, 100 Hz, 12-lead
  PTB-XL record, the leads as channels): a stem of three CONV_2D 1x5 SAME + RELU (32
  / 2, 32, 64) and a MAX_POOL_2D 1x3 / 2 SAME (1000 -> 500 -> 250); four stages of
  bottleneck blocks [3, 4, 6, 3] (1x1 RELU, 1x5 RELU, 1x1 linear; mid channels 64 /
  128 / 256 / 512, out four times that; the stride 2 on the 1x5 of the first block of
  stages 2-4: 250 -> 125 -> 63 -> 32), the shortcut an AVERAGE_POOL_2D 1x2 / 2 SAME
  then a 1x1 conv where the stride changes, a 1x1 conv alone where only the width
  changes (stage 1's first block), identity elsewhere; ADD with RELU fused; the head
  the concat of a global max pool (MAX_POOL_2D 1x32 VALID) and a global average
  (MEAN over axes 1 and 2), ``[1, 1, 1, 4096]``, FULLY_CONNECTED 128 RELU,
  FULLY_CONNECTED 71 (the logits); ``[1, 71]``. 80 ops: 55 CONV_2D, 2 MAX_POOL_2D, 3
  AVERAGE_POOL_2D, 16 ADD, MEAN, CONCATENATION, 2 FULLY_CONNECTED.
* :func:`xresnet1d`: the same network with any number of blocks per stage (added in
  session 40 for xresnet1d101, :mod:`jaxeff.gnn.heldout_nets_lxvi_b`; xresnet1d50's
  graph unchanged).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norm folded into the
preceding conv's or the following FC's weights and bias, RELU fused into the conv,
the ADD or the FC). Test model: no training space draws it (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_lxv.py``). Written from the
pre-registered definition and the fastai xResNet as recalled; no code was read.
Choices the sources leave open, and ours, are marked [U].

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["xresnet1d", "xresnet1d50"]


#: Strodthoff et al.'s xresnet1d50 (the pre-registered definition): the input
#: (samples of a 10 s record at 100 Hz; the 12 leads), the stem's filters (the first
#: of stride 2) and taps, the stem's max pool (window, stride), the blocks per
#: stage, the stages' mid channels, the bottleneck expansion, the blocks' middle
#: taps, the shortcut's average pool (window = stride), the hidden FC, the classes
#: (71 PTB-XL statements)
XR_LEN, XR_LEADS = 1000, 12
XR_STEM, XR_STEM_K = (32, 32, 64), 5
XR_STEM_POOL = (3, 2)
XR_BLOCKS, XR_MID, XR_EXPANSION = (3, 4, 6, 3), (64, 128, 256, 512), 4
XR_K = 5
XR_SC_POOL = 2
XR_HIDDEN, XR_CLASSES = 128, 71


def _bottleneck(b: NetBuilder, x: int, mid: int, stride: int) -> int:
    """One xResNet bottleneck (ResNet-D): 1x1 RELU, 1x5 / ``stride`` RELU, 1x1
    linear to ``4 mid``; the shortcut an AVERAGE_POOL_2D 1x2 / 2 SAME (ceil) then a
    1x1 linear conv where the stride is 2, a 1x1 conv where only the width changes,
    the input elsewhere; ADD with RELU fused."""
    cin, cout = b.shape(x)[-1], mid * XR_EXPANSION
    h = b.conv(x, mid, 1, 1, "RELU")
    h = b.conv(h, mid, (1, XR_K), (1, stride), "RELU", "SAME")
    h = b.conv(h, cout, 1)
    sc = x
    if stride != 1:
        sc = b.pool(sc, "avg", (1, XR_SC_POOL), (1, XR_SC_POOL), "SAME")
    if stride != 1 or cin != cout:
        sc = b.conv(sc, cout, 1)
    return b.add(h, sc, "RELU")


def xresnet1d(b: NetBuilder, x: int, blocks: tuple[int, ...]) -> int:
    """The 1-D xResNet of :func:`xresnet1d50` with ``blocks`` bottlenecks in its four
    stages (mid channels :data:`XR_MID`), every other choice the same: the stem, the
    max pool, the bottlenecks (the stride 2 on the 1x5 of the first block of stages
    2-4), the ResNet-D shortcuts and the concat-pooling head; ``blocks`` =
    :data:`XR_BLOCKS` is xresnet1d50 (its graph)."""
    for i, filters in enumerate(XR_STEM):
        x = b.conv(x, filters, (1, XR_STEM_K), (1, 2 if i == 0 else 1), "RELU", "SAME")
    k, s = XR_STEM_POOL
    x = b.pool(x, "max", (1, k), (1, s), "SAME")
    for i, (n, mid) in enumerate(zip(blocks, XR_MID, strict=True)):
        for j in range(n):
            x = _bottleneck(b, x, mid, 2 if i > 0 and j == 0 else 1)
    w = b.shape(x)[2]
    x = b.concat([b.pool(x, "max", (1, w), 1, "VALID"),
                  b.mean(x, (1, 2), keep_dims=True)])
    x = b.fc(x, XR_HIDDEN, "RELU")
    return b.fc(x, XR_CLASSES)


def xresnet1d50(b: NetBuilder, x: int) -> int:
    """Strodthoff et al.'s xresnet1d50 on ``x`` (``[1, 1, 1000, 12]``: a 10 s
    record of 1,000 samples along W, the 12 leads as channels); returns the
    FULLY_CONNECTED logits ``[1, 71]``.

    Strodthoff, Wagner, Schaeffter and Samek, "Deep learning for ECG analysis:
    benchmarks and insights from PTB-XL", IEEE Journal of Biomedical and Health
    Informatics 25(5) (2021) 1519-1528 (recalled): the fastai xResNet-50 (He et al.
    2019, "Bag of tricks for image classification", ResNet-D) in 1-D, their best or
    near-best convolutional model on PTB-XL's statements at 100 Hz; a concat-pooling
    head of FC 128. Here (the pre-registered definition): stem CONV_2D 1x5 / (1, 2)
    of 32 + RELU to ``[1, 1, 500, 32]``, CONV_2D 1x5 of 32 + RELU, CONV_2D 1x5 of 64 +
    RELU (``[1, 1, 500, 64]``), MAX_POOL_2D 1x3 / (1, 2) SAME to ``[1, 1, 250, 64]``;
    stage 1: 3 blocks at OW 250 (mid 64, out 256; the first block's shortcut a 1x1
    conv 64 -> 256) to ``[1, 1, 250, 256]``; stage 2: 4 blocks (mid 128, out 512),
    the first 1x5 of stride 2 and its shortcut AVERAGE_POOL_2D 1x2 / 2 + 1x1 256 ->
    512, to ``[1, 1, 125, 512]``; stage 3: 6 blocks (mid 256, out 1024) to ``[1, 1,
    63, 1024]`` (125 -> 63: ceil); stage 4: 3 blocks (mid 512, out 2048) to ``[1, 1,
    32, 2048]`` (63 -> 32: ceil); head: MAX_POOL_2D 1x32 VALID and MEAN over axes
    (1, 2) kept, both ``[1, 1, 1, 2048]``, CONCATENATION (max first) to ``[1, 1, 1,
    4096]``, FULLY_CONNECTED 128 + RELU, FULLY_CONNECTED 71 (linear). 80 ops: 55
    CONV_2D (3 stem, 48 in the blocks, 4 shortcut), 2 MAX_POOL_2D, 3
    AVERAGE_POOL_2D, 16 ADD, MEAN, CONCATENATION, 2 FULLY_CONNECTED.

    This graph counts 921,696,640 MACs: stem 8,640,000 (500 x 12 x 32 x 5 =
    960,000, 500 x 32 x 32 x 5 = 2,560,000, 500 x 32 x 64 x 5 = 5,120,000); stage 1
    40,960,000 (block 1 14,336,000 = 1,024,000 + 5,120,000 + 4,096,000 + shortcut
    4,096,000; blocks 2-3 13,312,000 each); stage 2 122,880,000 (block 1 43,008,000
    = 8,192,000 + 10,240,000 + 8,192,000 + 16,384,000; blocks 2-4 26,624,000 each);
    stage 3 354,942,976 (block 1 86,573,056 = 16,384,000 + 20,643,840 + 16,515,072 +
    33,030,144; blocks 2-6 53,673,984 each); stage 4 393,740,288 (block 1
    175,636,480 = 33,030,144 + 41,943,040 + 33,554,432 + 67,108,864; blocks 2-3
    109,051,904 each); FCs 524,288 = 4,096 x 128 and 9,088 = 128 x 71. It has
    18,993,095 parameters (weights and biases): stem 17,408 (1,952 + 5,152 +
    10,304); stages 165,248, 953,856, 5,515,264 and 11,807,744; FCs 524,416 and
    9,159 (by hand in the test). Stage 3's 1x5 convs (256 -> 256 at OW 63, 327,680
    weights) and stage 4's (512 -> 512 at OW 32, 1,310,720 weights) are the
    pre-registered W1-domain convs. Published: no count recalled precisely enough;
    not pinned.

    [U] batch norm folded (into the preceding conv; the head's two batch norms into
    the FC after each); SAME padding for the convs (PyTorch's padding of 2 on the
    1x5s: the same widths, the stride-2 convs on an even width padded 1 / 2 rather
    than 2 / 2); the stem's max pool SAME (PyTorch's padding of 1: the same 250); the
    shortcut's average pool SAME (PyTorch's ceil mode without padding: the
    overhanging window averages the samples it covers, as TFLite's SAME); ReLU
    placement as the fastai xResNet (after every stem conv, after the bottleneck's
    first two convs, none on its third or on the shortcut conv, after the ADD); the
    global max pool a MAX_POOL_2D of the whole width (1x32 VALID, stride 1;
    NetBuilder has no REDUCE_MAX; the form of PANNs CNN6's max over time), the
    global average a MEAN over axes (1, 2), both kept as ``[1, 1, 1, 2048]`` (the FC
    flattens; no RESHAPE); the concat order max then average (fastai's
    AdaptiveConcatPool); 71 PTB-XL statements; the output the FC 71 logits (no
    SOFTMAX: multi-label; no LOGISTIC: the pre-registered graph ends at FC 71, the
    sigmoid sits in the training loss); biases on every conv and FC; dropout left
    out (inference); the layout (time along W, one row, the leads as channels).
    """
    return xresnet1d(b, x, XR_BLOCKS)
