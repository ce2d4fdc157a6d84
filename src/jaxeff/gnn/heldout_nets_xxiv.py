"""Held-out families XXIV, first half (session 25, pre-registered before being built;
issue 22).

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` as the other
held-out networks of :mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch
norm folded into the preceding conv as its bias, dropout left out at inference). Test
models only: no training space draws them. Choices the papers leave open are marked
[U]; every stride-2 conv and pool pads SAME (PyTorch pads ``(k - 1) / 2`` on both
sides: the same output size, another alignment; TFLite's SAME average pool leaves
the padding out of the mean, PyTorch's counts it) [U]. Grouped convs are SPLIT, one
CONV_2D a group, CONCATENATION (:func:`jaxeff.gnn.heldout_nets._group_pw`): TFLite
has no grouped CONV_2D that Vela maps [U].

* :func:`res2net50_26w4s`: Res2Net-50 26w4s (Gao et al., "Res2Net: A New Multi-scale
  Backbone Architecture", arXiv 1904.01169; the authors' ``res2net50_26w_4s``,
  recalled): ResNet-50's stem, 3 / 4 / 6 / 3 bottlenecks and head
  (:func:`jaxeff.gnn.heldout_nets.resnet50`), each 3x3
  conv replaced by 4 splits of ``26 planes / 64`` = 26 / 52 / 104 / 208 channels
  (SPLIT): hierarchical 3x3 convs with ADDs between consecutive splits,
  CONCATENATION, 1x1 (:func:`_res2net_block`). The first block of every stage
  (the release's ``stype='stage'``, layer 1 included at stride 1) has no ADD between
  the splits and average-pools (3x3, the block's stride) the last split; the stride
  sits on the 3x3 convs and the 1x1 projection shortcut (no v1b average-pool
  shortcut). 165 ops: 85 CONV_2D, 16 SPLIT, 16 CONCATENATION, 40 ADD (16 residual,
  24 hierarchical), 4 AVERAGE_POOL_2D, MAX_POOL_2D, MEAN, FC, SOFTMAX.
* :func:`regnetx_200mf`: RegNetX-200MF (Radosavovic et al., "Designing Network Design
  Spaces", arXiv 2003.13678; pycls' config, recalled): stem 3x3/2 32 RELU; stages
  of 1 / 1 / 4 / 7 X blocks of 24 / 56 / 152 / 368 channels (bottleneck ratio 1):
  1x1 RELU, 3x3 grouped conv of group width 8 (3 / 7 / 19 / 46 groups, stride 2 in
  each stage's first block) RELU, 1x1, ADD with the identity or a 1x1 projection
  with fused RELU; MEAN, FC, SOFTMAX. The grouped 3x3 conv is SPLIT into its groups,
  one CONV_2D of 8 -> 8 channels a group, CONCATENATION [U]: a converter could emit
  one grouped CONV_2D (TFLite's kernels take ``C_in`` a multiple of the filter's
  input depth), which Vela may not take. 481 ops: 439 CONV_2D (408 of one group),
  13 SPLIT, 13 CONCATENATION, 13 ADD, MEAN, FC, SOFTMAX.
* :func:`espnetv2`: ESPNetV2 1.0 classification (Mehta et al., "ESPNetv2: A
  Light-weight, Power Efficient, and General Purpose Convolutional Neural Network",
  arXiv 1811.11431; the authors' EdgeNets ``EESPNet`` with s = 1, recalled): 3x3/2
  conv 32 PRELU; strided EESP units to 64 / 128 / 256 / 512 channels, followed by
  0 / 3 / 7 / 3 EESP units (:data:`ESPNETV2`); 3x3 depthwise conv PRELU, grouped 1x1
  to 1024 PRELU, MEAN, FC, SOFTMAX. An EESP unit (:func:`_eesp`): grouped 1x1 (4
  groups) to ``C / 4`` PRELU, 4 parallel 3x3 depthwise convs dilated by the
  release's rates (1-4, 1-4, 1/1/2/3, 1/1/1/2 as the receptive-field limit falls,
  :func:`_eesp_dilations`), hierarchical ADDs, CONCATENATION, PRELU, grouped 1x1
  to ``C``, residual ADD, PRELU. The strided unit (:func:`_eesp_down`): a stride-2
  EESP unit (strided and dilated depthwise convs; its output before the residual)
  concatenated to a 3x3/2 average pool of the input, plus, at levels 2-4, the
  input reinforcement (the image average-pooled 2 / 3 / 4 times, 3x3 conv of 3
  PRELU, 1x1 conv), PRELU. [U]: the batch norm after each unit's CONCATENATION
  cannot fold into a conv (the hierarchical ADDs share its inputs): left out and
  its PRELU kept standalone (as :func:`jaxeff.gnn.heldout_nets.espnet`); the
  depthwise branches get a bias the release's (unnormalised) ones lack; the image
  pools are recomputed for each level, as the release's loop computes them; every
  dilation is kept (Vela's limit is a dilated kernel of 64, the largest here is 9).
  447 ops: 147 CONV_2D (136 of them grouped 1x1 parts), 69 DEPTHWISE_CONV_2D, 57
  PRELU, 67 ADD, 56 CONCATENATION, 35 SPLIT, 13 AVERAGE_POOL_2D, MEAN, FC, SOFTMAX.
* :func:`blazeface`: BlazeFace, the front-camera model (Bazarevsky et al.,
  "BlazeFace: Sub-millisecond Neural Face Detection on Mobile GPUs", arXiv
  1907.05047, Table 4 and Figure 1, recalled) at 128x128: 5x5/2 conv 24 RELU; 5
  single BlazeBlocks (24, 24, 48 /2, 48, 48) and 6 double BlazeBlocks (96 with a
  projection to 24; stride 2 in the first and the fourth) (:data:`BLAZEFACE`):
  5x5 depthwise convs, max-pool 2x2/2 shortcuts at stride 2 with the new channels
  zero-padded (PAD on the channel axis), ADD RELU; heads on the 16x16x96 map (after
  the third double block; 2 anchors a cell) and the 8x8x96 map (6 anchors): 1x1
  convs to 16 box values and 1 score an anchor, RESHAPEd and concatenated into the
  two outputs ``[1, 896, 16]`` and ``[1, 896, 1]`` (:func:`jaxeff.gnn.heldout_nets.
  _ssd_heads`), as the MediaPipe release outputs them. [U]: the paper's table, not
  the MediaPipe release's network (3x3 kernels, single blocks of 24 ... 96); a RELU
  after the double block's projection (the figure is silent); no LOGISTIC on the
  scores, no anchor decoding. 61 ops: 22 CONV_2D, 17 DEPTHWISE_CONV_2D, 11 ADD, 3
  MAX_POOL_2D, 2 PAD, 4 RESHAPE, 2 CONCATENATION.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxiv.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (RESNET50_BLOCKS, RESNET_WIDTHS, _conv_prelu,
                                     _group_pw, _input_injection, _resnet_head,
                                     _resnet_stem, _shortcut, _ssd_heads)

__all__ = ["blazeface", "espnetv2", "regnetx_200mf", "res2net50_26w4s"]


#: Res2Net-50 26w4s: the width of one split per 64 channels of the stage, the splits
RES2NET_WIDTH, RES2NET_SCALE = 26, 4


def _res2net_block(b: NetBuilder, x: int, planes: int, s: int, stage: bool) -> int:
    """A Res2Net bottleneck (the release's ``Bottle2neck``): 1x1 to ``4 w`` RELU,
    SPLIT into 4 of ``w = 26 planes / 64``; 3x3 convs RELU (carrying the stride) on
    the first three splits, each but the first on the ADD of its split and the
    previous 3x3's output (a ``stage`` block, the first of a stage: no ADD); the
    fourth split as is, or, in a ``stage`` block, through a 3x3 average pool with
    the block's stride; CONCATENATION, 1x1 to ``4 planes``, ADD with the shortcut
    (:func:`jaxeff.gnn.heldout_nets._shortcut`) with fused RELU."""
    w = RES2NET_WIDTH * planes // 64
    xs = b.split(b.conv(x, RES2NET_SCALE * w, 1, 1, "RELU"), RES2NET_SCALE)
    outs: list[int] = []
    for t in xs[:-1]:
        outs.append(b.conv(t if stage or not outs else b.add(outs[-1], t), w, 3, s,
                           "RELU"))
    last = b.pool(xs[-1], "avg", 3, s, "SAME") if stage else xs[-1]
    h = b.conv(b.concat([*outs, last]), 4 * planes, 1)
    return b.add(h, _shortcut(b, x, 4 * planes, s), "RELU")


def res2net50_26w4s(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """Res2Net-50 26w4s on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. Published (Res2Net-50 26w4s, recalled, not read): 4.2 GFLOPs
    (multiply-adds) and 25.7 M parameters (timm's ``res2net50_26w_4s``: 4.28 G,
    25.70 M); this graph counts 4,255,166,464 MACs (+1.3 % of 4.2 G, -0.6 % of
    4.28 G) and 25,669,374 parameters (-0.1 %); with batch norm unfolded 25,699,120:
    the 25.70 M.
    """
    x = _resnet_stem(b, x)
    for i, (n, planes) in enumerate(zip(RESNET50_BLOCKS, RESNET_WIDTHS, strict=True)):
        for j in range(n):
            x = _res2net_block(b, x, planes, 2 if i > 0 and j == 0 else 1, j == 0)
    return _resnet_head(b, x, classes)


#: RegNetX-200MF stages (arXiv 2003.13678; pycls' ``RegNetX-200MF`` config): (depth,
#: width); group width 8, bottleneck ratio 1, stride 2 on each stage's first block
REGNETX_200MF = ((1, 24), (1, 56), (4, 152), (7, 368))
REGNETX_GROUP_WIDTH = 8


def _group_conv(b: NetBuilder, x: int, k: int, s: int, groups: int, act: str) -> int:
    """A grouped kxk conv keeping the channels: SPLIT into ``groups``, one CONV_2D a
    group, CONCATENATION."""
    return b.concat([b.conv(t, b.shape(t)[-1], k, s, act) for t in b.split(x, groups)])


def regnetx_200mf(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """RegNetX-200MF on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. Published (RegNetX-200MF, recalled, not read): 0.2 GFLOPs
    (multiply-adds), 2.7 M parameters (timm's ``regnetx_002``: 2.68 M); this graph
    counts 199,039,872 MACs (-0.5 % of 200 M) and 2,674,368 parameters (-0.9 %);
    with batch norm unfolded 2,684,792: the 2.68 M.
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    for depth, w in REGNETX_200MF:
        for j in range(depth):
            s = 2 if j == 0 else 1
            h = _group_conv(b, b.conv(x, w, 1, 1, "RELU"), 3, s,
                            w // REGNETX_GROUP_WIDTH, "RELU")
            x = b.add(b.conv(h, w, 1), _shortcut(b, x, w, s), "RELU")
    return _resnet_head(b, x, classes)


#: ESPNetV2 1.0 (the release's ``EESPNet``, s = 1): (output channels, EESP units
#: after the strided one, receptive-field limit of the strided unit and of the
#: others, input reinforcement of the strided unit), levels 2 ... 5
ESPNETV2 = ((64, 0, 13, 13, True), (128, 3, 11, 9, True), (256, 7, 9, 7, True),
            (512, 3, 7, 5, False))
ESPNETV2_BRANCHES = 4


def _eesp_dilations(r_lim: int) -> tuple[int, ...]:
    """The release's dilation rates: kernels ``3 + 2 i`` (``i < 4``) above
    ``r_lim`` fall back to 3, sorted; a 3x3 kernel of receptive field ``k`` has
    dilation ``(k - 1) / 2``."""
    ks = sorted(k if k <= r_lim else 3 for k in range(3, 3 + 2 * ESPNETV2_BRANCHES, 2))
    return tuple((k - 1) // 2 for k in ks)


def _eesp(b: NetBuilder, x: int, cout: int, s: int, r_lim: int) -> int:
    """An EESP unit: grouped 1x1 (4 groups) to ``n = cout / 4`` with PRELU, 4 3x3
    depthwise convs of ``n`` (:func:`_eesp_dilations`, carrying the stride),
    hierarchical ADDs (each branch plus the previous sum), CONCATENATION, PRELU,
    grouped 1x1 (4 groups) to ``cout``; at stride 1 the residual ADD and PRELU."""
    r = b.act(_group_pw(b, x, cout // ESPNETV2_BRANCHES, ESPNETV2_BRANCHES), "PRELU")
    hff: list[int] = []
    for d in _eesp_dilations(r_lim):
        h = b.dwconv(r, 3, s, dilation=d)
        hff.append(b.add(h, hff[-1]) if hff else h)
    e = _group_pw(b, b.act(b.concat(hff), "PRELU"), cout, ESPNETV2_BRANCHES)
    return e if s == 2 else b.act(b.add(e, x), "PRELU")


def _eesp_down(b: NetBuilder, x: int, img: int, cout: int, r_lim: int,
               reinforce: bool) -> int:
    """The strided EESP unit (the release's ``DownSampler``): CONCATENATION of a 3x3/2
    average pool of ``x`` and a stride-2 EESP unit to ``cout - C_in``; with input
    reinforcement, ADD of the image pooled down to the same size (3x3/2 average
    pools, :func:`jaxeff.gnn.heldout_nets._input_injection`) through a 3x3 conv of 3
    with PRELU and a 1x1 conv to ``cout``; PRELU."""
    avg = b.pool(x, "avg", 3, 2, "SAME")
    y = b.concat([avg, _eesp(b, x, cout - b.shape(x)[-1], 2, r_lim)])
    if reinforce:
        times = (b.shape(img)[1] // b.shape(avg)[1]).bit_length() - 1
        inj = _conv_prelu(b, _input_injection(b, img, times), 3, 3)
        y = b.add(y, b.conv(inj, cout, 1))
    return b.act(y, "PRELU")


def espnetv2(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ESPNetV2 1.0 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. Published (ESPNetV2 s = 1.0, recalled, not read): 86 MFLOPs
    (multiply-adds), 1.67 M parameters; this graph counts 86,744,404 MACs (+0.9 %)
    and 1,655,485 parameters (-0.9 %); as the release holds them (batch norm
    unfolded, no depthwise biases, the batch norm after each CONCATENATION, and the
    2,650 parameters of level 5's input reinforcement, built but never called)
    1,669,592 (-0.02 %).
    """
    img, x = x, _conv_prelu(b, x, 32, 3, 2)
    for cout, n, r_down, r_lim, reinforce in ESPNETV2:
        x = _eesp_down(b, x, img, cout, r_down, reinforce)
        for _ in range(n):
            x = _eesp(b, x, cout, 1, r_lim)
    x = b.act(b.dwconv(x, 3), "PRELU")
    x = b.act(_group_pw(b, x, 1024, ESPNETV2_BRANCHES), "PRELU")
    return _resnet_head(b, x, classes)


#: BlazeFace feature extractor (arXiv 1907.05047 Table 4): (output channels, stride,
#: projection width of a double BlazeBlock, 0 for a single one)
BLAZEFACE = ((24, 1, 0), (24, 1, 0), (48, 2, 0), (48, 1, 0), (48, 1, 0),
             (96, 2, 24), (96, 1, 24), (96, 1, 24), (96, 2, 24), (96, 1, 24),
             (96, 1, 24))
#: anchors per cell of the 16x16 and 8x8 maps; box regressor values per anchor
BLAZEFACE_ANCHORS, BLAZEFACE_COORDS = (2, 6), 16


def _blaze_block(b: NetBuilder, x: int, cout: int, s: int, mid: int) -> int:
    """A single (``mid = 0``) or double BlazeBlock: 5x5 depthwise conv (carrying the
    stride), 1x1 conv to ``cout`` (a double block: 1x1 to ``mid`` with RELU, 5x5
    depthwise, 1x1 to ``cout``); shortcut: a 2x2/2 max pool at stride 2, the new
    channels zero-padded (PAD on the channel axis); ADD with fused RELU."""
    cin = b.shape(x)[-1]
    h = b.dwconv(x, 5, s)
    if mid:
        h = b.dwconv(b.conv(h, mid, 1, 1, "RELU"), 5)
    sc = b.pool(x, "max", 2, 2) if s == 2 else x
    if cout > cin:
        sc = b.pad(sc, ((0, 0), (0, 0), (0, 0), (0, cout - cin)))
    return b.add(b.conv(h, cout, 1), sc, "RELU")


def blazeface(b: NetBuilder, x: int) -> tuple[int, int]:
    """BlazeFace (front model) on ``x`` (128x128); returns the box regressors
    ``[1, 896, 16]`` and the face scores ``[1, 896, 1]`` (no LOGISTIC).

    Module docstring. The paper gives no MAC or parameter count (recalled); this
    graph counts 34,140,672 MACs and 71,176 parameters.
    """
    x, feats = b.conv(x, 24, 5, 2, "RELU"), []
    for i, (cout, s, mid) in enumerate(BLAZEFACE):
        x = _blaze_block(b, x, cout, s, mid)
        if i in (7, 10):
            feats.append(x)
    return _ssd_heads(b, feats, BLAZEFACE_ANCHORS, (BLAZEFACE_COORDS, 1),
                      lambda f, c: b.conv(f, c, 1))
