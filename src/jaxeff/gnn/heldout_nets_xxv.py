"""Held-out families XXV, first half (session 26, pre-registered before being built;
issue 22).

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout and auxiliary heads left out
at inference). Test models only: no training space draws them. Choices the papers
leave open are marked [U]; every stride-2 conv and pool pads SAME (PyTorch pads
``(k - 1) / 2`` on both sides: the same output size, another alignment) [U]. Grouped
convs are SPLIT, one CONV_2D a group, CONCATENATION
(:func:`jaxeff.gnn.heldout_nets_xxiv._group_conv`): TFLite has no grouped CONV_2D
that Vela maps [U].

* :func:`resnext50_32x4d`: ResNeXt-50 32x4d (Xie et al., "Aggregated Residual
  Transformations for Deep Neural Networks", arXiv 1611.05431, Table 1): ResNet-50's
  stem, 3 / 4 / 6 / 3 bottlenecks and head (:func:`jaxeff.gnn.heldout_nets.resnet50`)
  with bottleneck widths 128 / 256 / 512 / 1024 and the 3x3 conv grouped in 32 (4 /
  8 / 16 / 32 channels a group), the stride on the 3x3 convs and the 1x1 projection
  shortcut (torchvision's layout). 601 ops: 549 CONV_2D (512 of one
  group), 16 SPLIT, 16 CONCATENATION, 16 ADD, MAX_POOL_2D, MEAN, FC, SOFTMAX.
* :func:`nasnet_a_mobile`: NASNet-A Mobile, 4 @ 1056 (Zoph et al., "Learning
  Transferable Architectures for Scalable Image Recognition", arXiv 1707.07012,
  Figure 4 and Table 2; the authors' TF-slim ``nasnet_mobile``, recalled): 3x3/2
  conv 32 VALID (111x111), two stem reduction cells of 11 and 22 filters, then 3
  stacks of 4 normal cells of 44 / 88 / 176 filters with a reduction cell before the
  second and the third (:func:`_normal_cell`, :func:`_reduction_cell`), RELU, MEAN,
  FC, SOFTMAX. A separable op is RELU, depthwise, 1x1 (RELU fused),
  depthwise, 1x1 (:func:`_sep_stack`). [U]: the release's TF-slim graph, not the
  paper's figure alone (which state feeds which op, the 1x1 / factorized-reduction
  adjustment of the previous state, the stem cells); each separable op's RELU is its
  own op (no sharing between ops reading one state), as are the two identical
  average / max pools of a cell; the factorized reduction's shift as PAD and
  STRIDED_SLICE, its 1x1/2 subsampling as an AVERAGE_POOL_2D 1x1/2 before the 1x1
  conv. 639 ops: 196 CONV_2D, 160 DEPTHWISE_CONV_2D, 112 RELU, 80 ADD, 52
  AVERAGE_POOL_2D, 8 MAX_POOL_2D, 20 CONCATENATION, 4 PAD, 4 STRIDED_SLICE, MEAN,
  FC, SOFTMAX.
* :func:`dpn68`: DPN-68 (Chen et al., "Dual Path Networks", arXiv 1707.01629, Table 1;
  the authors' MXNet ``dpn68`` as ported, recalled): 3x3/2 conv 10, 3x3/2 max pool;
  3 / 4 / 12 / 3 dual path blocks (:data:`DPN68`, :func:`_dual_path_block`) with
  residual widths 64 / 128 / 256 / 512, dense increments 16 / 32 / 32 / 64, 3x3 convs
  grouped in 32 of widths 128 / 256 / 512 / 1024; CONCATENATION, RELU, MEAN, FC,
  SOFTMAX. [U]: the pre-activation batch norms on the
  paths' CONCATENATION (and the head's) cannot fold into a conv: left out, their
  RELU kept standalone and shared by the block's two 1x1 convs; the paths split off
  a conv output by STRIDED_SLICEs (SPLIT takes equal parts only). 942 ops: 753
  CONV_2D (704 of one group), 66 CONCATENATION, 52 STRIDED_SLICE, 23 RELU, 22 SPLIT,
  22 ADD, MAX_POOL_2D, MEAN, FC, SOFTMAX.
* :func:`pfld`: PFLD 0.25X (Guo et al., "PFLD: A Practical Facial Landmark
  Detector", arXiv 1902.10859, Table 1, recalled) at 112x112: the backbone's widths
  times 0.25 (:data:`PFLD`), the multi-scale head (S1: the 14x14 map averaged, S2: a
  3x3/2 conv averaged, S3: a 7x7 VALID conv; flattened, concatenated) and an FC to 196
  = 98 landmarks x 2 (WFLW). [U] in :func:`pfld`. 58 ops: 29 CONV_2D, 14
  DEPTHWISE_CONV_2D, 10 ADD, 2 MEAN, RESHAPE, CONCATENATION, FC (no SOFTMAX).

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxv.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (RESNET50_BLOCKS, RESNET_WIDTHS, _resnet_head,
                                     _resnet_stem, _shortcut)
from jaxeff.gnn.heldout_nets_xxiv import _group_conv

__all__ = ["dpn68", "nasnet_a_mobile", "pfld", "resnext50_32x4d"]


#: ResNeXt-50 32x4d: cardinality, channels a group in the first stage (doubling by
#: stage)
RESNEXT_GROUPS, RESNEXT_GROUP_WIDTH = 32, 4


def resnext50_32x4d(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ResNeXt-50 32x4d on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. A block: 1x1 to ``w = 32 x 4 x planes / 64`` RELU, the grouped
    3x3 (SPLIT into 32, a CONV_2D of ``w / 32`` channels a group, carrying the
    stride, RELU, CONCATENATION), 1x1 to ``4 planes``, ADD with the shortcut
    (:func:`jaxeff.gnn.heldout_nets._shortcut`) with fused RELU. Published (Table 1,
    recalled): 25.0 M parameters, 4.2 GFLOPs (multiply-adds); this graph counts
    4,230,479,872 MACs (+0.7 %; torchvision's 4.23 G) and 24,994,792 parameters
    (-0.02 %); with batch norm unfolded 25,028,904: torchvision's
    ``resnext50_32x4d``.
    """
    x = _resnet_stem(b, x)
    for i, (n, planes) in enumerate(zip(RESNET50_BLOCKS, RESNET_WIDTHS, strict=True)):
        w = RESNEXT_GROUPS * RESNEXT_GROUP_WIDTH * planes // 64
        for j in range(n):
            s = 2 if i > 0 and j == 0 else 1
            h = _group_conv(b, b.conv(x, w, 1, 1, "RELU"), 3, s, RESNEXT_GROUPS, "RELU")
            x = b.add(b.conv(h, 4 * planes, 1), _shortcut(b, x, 4 * planes, s), "RELU")
    return _resnet_head(b, x, classes)


#: NASNet-A Mobile (the TF-slim ``mobile_imagenet_config``): stem filters, filters of
#: the first stack's cells, normal cells a stack, stacks
NASNET_STEM, NASNET_FILTERS, NASNET_CELLS, NASNET_STACKS = 32, 44, 4, 3


def _sep_stack(b: NetBuilder, x: int, c: int, k: int, s: int) -> int:
    """NASNet's separable op (``separable_kxk_2``): RELU, kxk depthwise (carrying the
    stride), 1x1 to ``c`` with the RELU that follows its batch norm fused, kxk
    depthwise, 1x1 to ``c``."""
    h = b.conv(b.dwconv(b.act(x, "RELU"), k, s), c, 1, 1, "RELU")
    return b.conv(b.dwconv(h, k), c, 1)


def _factorized_reduction(b: NetBuilder, x: int, c: int) -> int:
    """TF-slim's ``factorized_reduction`` at stride 2: CONCATENATION of a 1x1/2 average
    pool and 1x1 conv to ``c / 2``, and the same on the map shifted by one pixel (PAD
    bottom / right by one, STRIDED_SLICE from (1, 1))."""
    n, h, w, cin = b.shape(x)
    p1 = b.conv(b.pool(x, "avg", 1, 2), c // 2, 1)
    shifted = b.strided_slice(b.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0))), (0, 1, 1, 0),
                              (n, h + 1, w + 1, cin))
    return b.concat([p1, b.conv(b.pool(shifted, "avg", 1, 2), c - c // 2, 1)])


def _cell_inputs(b: NetBuilder, net: int, prev: int | None, c: int) -> tuple[int, int]:
    """A cell's two hidden states (TF-slim's ``_cell_base``): ``h`` = RELU and 1x1 to
    ``c`` of ``net``; ``p`` = ``prev`` (``net`` itself in the first stem cell) made
    ``c`` channels at ``net``'s size: RELU and :func:`_factorized_reduction` where it is
    twice as large, RELU and a 1x1 conv where only the channels differ."""
    if prev is None:
        p = net
    elif b.shape(prev)[1] != b.shape(net)[1]:
        p = _factorized_reduction(b, b.act(prev, "RELU"), c)
    else:
        p = b.conv(b.act(prev, "RELU"), c, 1) if b.shape(prev)[-1] != c else prev
    return b.conv(b.act(net, "RELU"), c, 1), p


def _normal_cell(b: NetBuilder, net: int, prev: int | None, c: int) -> int:
    """The NASNet-A normal cell (arXiv 1707.07012 Figure 4, left): five ADDs of
    sep5x5(h) + sep3x3(p), sep5x5(p) + sep3x3(p), avg3x3(h) + p, avg3x3(p) +
    avg3x3(p), sep3x3(h) + h; CONCATENATION of ``p`` and the five (``6 c``)."""
    h, p = _cell_inputs(b, net, prev, c)
    x1 = b.add(_sep_stack(b, h, c, 5, 1), _sep_stack(b, p, c, 3, 1))
    x2 = b.add(_sep_stack(b, p, c, 5, 1), _sep_stack(b, p, c, 3, 1))
    x3 = b.add(b.pool(h, "avg", 3, 1, "SAME"), p)
    x4 = b.add(b.pool(p, "avg", 3, 1, "SAME"), b.pool(p, "avg", 3, 1, "SAME"))
    x5 = b.add(_sep_stack(b, h, c, 3, 1), h)
    return b.concat([p, x1, x2, x3, x4, x5])


def _reduction_cell(b: NetBuilder, net: int, prev: int | None, c: int) -> int:
    """The NASNet-A reduction cell (Figure 4, right), stride 2 on ``h`` and ``p``:
    x1 = sep5x5(h) + sep7x7(p), x2 = max3x3(h) + sep7x7(p), x3 = avg3x3(h) +
    sep5x5(p), x4 = x2 + avg3x3/1(x1), x5 = sep3x3/1(x1) + max3x3(h);
    CONCATENATION of x2 ... x5 (``4 c``)."""
    h, p = _cell_inputs(b, net, prev, c)
    x1 = b.add(_sep_stack(b, h, c, 5, 2), _sep_stack(b, p, c, 7, 2))
    x2 = b.add(b.pool(h, "max", 3, 2, "SAME"), _sep_stack(b, p, c, 7, 2))
    x3 = b.add(b.pool(h, "avg", 3, 2, "SAME"), _sep_stack(b, p, c, 5, 2))
    x4 = b.add(x2, b.pool(x1, "avg", 3, 1, "SAME"))
    x5 = b.add(_sep_stack(b, x1, c, 3, 1), b.pool(h, "max", 3, 2, "SAME"))
    return b.concat([x2, x3, x4, x5])


def nasnet_a_mobile(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """NASNet-A Mobile (4 @ 1056) on ``x`` (224x224 for ImageNet); returns the SOFTMAX
    output.

    Module docstring. Each cell takes the last cell's output and the one before it
    (the stem conv for the second stem cell; the first stem cell has only the stem
    conv); the filters double at each reduction (11, 22 in the stem cells).
    Published
    (Table 2, recalled): 5.3 M parameters, 564 M multiply-adds; this graph counts
    563,638,816 MACs (-0.06 %) and 5,286,962 parameters (-0.2 %; the FC's 1,057,000
    included).
    """
    net = b.conv(x, NASNET_STEM, 3, 2, padding="VALID")  # conv0, batch norm, no RELU
    outs: list[int | None] = [None, net]
    for c in (NASNET_FILTERS // 4, NASNET_FILTERS // 2):
        outs.append(net := _reduction_cell(b, net, outs[-2], c))
    for stack in range(NASNET_STACKS):
        c = NASNET_FILTERS * 2 ** stack
        if stack:
            outs.append(net := _reduction_cell(b, net, outs[-2], c))
        for _ in range(NASNET_CELLS):
            outs.append(net := _normal_cell(b, net, outs[-2], c))
    return _resnet_head(b, b.act(net, "RELU"), classes)


#: DPN-68 stages (arXiv 1707.01629 Table 1; the release's ``k_sec``, ``inc_sec``,
#: ``k_r = 128``, ``bw_factor = 1``): (blocks, residual width, dense increment,
#: width of the grouped 3x3)
DPN68 = ((3, 64, 16, 128), (4, 128, 32, 256), (12, 256, 32, 512), (3, 512, 64, 1024))
DPN68_STEM, DPN68_GROUPS = 10, 32


def _channels(b: NetBuilder, x: int, lo: int, hi: int) -> int:
    """Channels ``lo ... hi - 1`` of ``x`` (STRIDED_SLICE)."""
    n, h, w, _ = b.shape(x)
    return b.strided_slice(x, (0, 0, 0, lo), (n, h, w, hi))


def _dual_path_block(b: NetBuilder, x: int, paths: tuple[int, int] | None, bw: int,
                     inc: int, r: int, s: int) -> tuple[int, int]:
    """A dual path block on ``x`` (the CONCATENATION of the residual and the dense
    path ``paths``, or the stem): RELU (the pre-activation batch norm left out [U]),
    1x1 to ``r`` RELU, the grouped 3x3 (32 groups, carrying the stride) RELU, 1x1 to
    ``bw + inc``; its first ``bw`` channels ADDed to the residual path, the other
    ``inc`` concatenated to the dense path (two STRIDED_SLICEs). A projection block
    (``paths`` None: a stage's first) takes both paths from a 1x1 conv (carrying the
    stride) of the same RELU to ``bw + 2 inc``, sliced at ``bw``; returns the new
    (residual, dense) paths."""
    a = b.act(x, "RELU")
    if paths is None:
        proj = b.conv(a, bw + 2 * inc, 1, s)
        paths = _channels(b, proj, 0, bw), _channels(b, proj, bw, bw + 2 * inc)
    h = _group_conv(b, b.conv(a, r, 1, 1, "RELU"), 3, s, DPN68_GROUPS, "RELU")
    h = b.conv(h, bw + inc, 1)
    return (b.add(paths[0], _channels(b, h, 0, bw)),
            b.concat([paths[1], _channels(b, h, bw, bw + inc)]))


def dpn68(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DPN-68 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. The stride 2 of stages 3-5 sits on the first block's grouped
    3x3 and its projection; every block after the first reads the CONCATENATION of
    the two paths, as does the head (its batch norm left out [U], RELU, MEAN, FC for
    the release's 1x1 conv classifier). Published (Table 2, recalled): 12.8 M
    parameters, 2.5 GFLOPs; this graph counts 2,326,163,456 MACs (-7 %; timm lists
    2.35 G for ``dpn68``, recalled) and 12,575,056 parameters (-1.8 %); as the
    release holds them (no conv biases, a batch norm of two parameters a channel on
    every conv's input, the classifier's bias) 12,611,602: timm's 12.61 M.
    """
    x = b.pool(b.conv(x, DPN68_STEM, 3, 2, "RELU"), "max", 3, 2, "SAME")
    paths: tuple[int, int] | None = None
    for i, (n, bw, inc, r) in enumerate(DPN68):
        for j in range(n):
            x = x if paths is None else b.concat(list(paths))
            paths = _dual_path_block(b, x, paths if j else None, bw, inc, r,
                                     2 if i and not j else 1)
    assert paths is not None
    return _resnet_head(b, b.act(b.concat(list(paths)), "RELU"), classes)


#: PFLD backbone (arXiv 1902.10859 Table 1) after the 3x3/2 conv 64 and the 3x3
#: depthwise conv: MobileNet-v2 bottlenecks (expansion t, channels c at 1X, repeats
#: n, stride s of the first); then the 3x3/2 conv 32 and the 7x7 conv 128
PFLD = ((2, 64, 5, 2), (2, 128, 1, 2), (4, 128, 6, 1), (2, 16, 1, 1))
PFLD_HEAD = (64, 32, 128)


def pfld(b: NetBuilder, x: int, width: float = 0.25, landmarks: int = 98) -> int:
    """PFLD on ``x`` (112x112) at ``width`` (0.25: PFLD 0.25X); returns the landmark
    coordinates ``[1, 2 landmarks]`` (no activation).

    Module docstring. Every channel count of Table 1 times ``width``, unrounded
    (stem 16, bottlenecks 16 / 32 / 32 / 4, S2 8, S3 32) [U]; bottlenecks as
    MobileNet-v2's (1x1 expansion RELU, 3x3 depthwise RELU, 1x1 linear, ADD where
    the stride is 1 and the channels are kept: all six of the t = 4 stage) [U];
    RELU, not RELU6 [U]; the table's "depthwise conv 3x3" a depthwise conv [U]. S1
    and S2 are MEANs, S3 the 7x7 VALID conv (RELU) RESHAPEd to ``[1, C]``;
    CONCATENATION, FC. Published (recalled): model files of 2.1 MB (0.25X) and
    12.5 MB (1X), no parameter or MAC count; this graph counts 20,400,464 MACs and
    91,984 parameters (0.37 MB float32; at width 1: 272,791,232 and 1,218,676, 4.9
    MB): the published sizes are not matched (their format is not stated) [U].
    """
    stem, s2c, s3c = (int(c * width) for c in PFLD_HEAD)
    x = b.dwconv(b.conv(x, stem, 3, 2, "RELU"), 3, 1, "RELU")
    for t, c, n, stride in PFLD:
        for j in range(n):
            s, cin, cout = (stride if j == 0 else 1), b.shape(x)[-1], int(c * width)
            h = b.dwconv(b.conv(x, cin * t, 1, 1, "RELU"), 3, s, "RELU")
            h = b.conv(h, cout, 1)
            x = b.add(x, h) if s == 1 and cin == cout else h
    y = b.conv(x, s2c, 3, 2, "RELU")
    s3 = b.reshape(b.conv(y, s3c, 7, 1, "RELU", "VALID"), (1, s3c))
    feats = [b.mean(x, (1, 2), keep_dims=False), b.mean(y, (1, 2), keep_dims=False), s3]
    return b.fc(b.concat(feats), 2 * landmarks)
