"""Held-out families XXI (session 24, pre-registered before they were built; issue 22).

Four published ImageNet classifiers (1x224x224x3 in, 1000 classes, SOFTMAX out),
written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias, dropout left out at inference). Test models only: no
training space draws them. Choices the papers leave open are marked [U].

* :func:`pp_lcnet`: PP-LCNet x1.0 (Cui et al., "PP-LCNet: A Lightweight CPU
  Convolutional Neural Network", arXiv 2109.15099, Table 1; the PaddleClas release's
  ``NET_CONFIG``): 3x3/2 stem of 16, 13 depthwise-separable blocks (kxk depthwise
  with the stride, 1x1 conv), every conv followed by a standalone HARD_SWISH; 5x5
  depthwise from the 2nd block of the 256-channel stage on (7 of 13);
  squeeze-excite between the depthwise and the 1x1 conv of the last two blocks
  (MEAN, 1x1 conv to C / 4 with RELU, 1x1 conv, hard sigmoid ``relu6(x + 3) / 6``
  written ADD (RELU6 fused), MUL [U], broadcast MUL); MEAN, the 1x1 conv of 1280
  written as a FULLY_CONNECTED on the pooled vector [U] with a standalone
  HARD_SWISH, FC, SOFTMAX. The release's head
  conv has no bias; here it has one (+1,280 parameters) [U].
* :func:`mobilenetv4_conv_small`: MobileNetV4-Conv-S (Qin et al., "MobileNetV4:
  Universal Models for the Mobile Ecosystem", arXiv 2404.10518, Table 11 and the
  TF Model Garden's block spec): 3x3/2 conv 32; two FusedIB blocks (3x3/2 conv to 32
  then 1x1 to 32; 3x3/2 conv to 96 then 1x1 to 64); 12 Universal Inverted
  Bottlenecks (:data:`MNV4_CONV_S`): optional start kxk depthwise (no activation;
  the stride sits on it only when there is no middle depthwise), 1x1 expansion to
  ``make_divisible(C_in e, 8)``, optional middle kxk depthwise carrying the stride,
  1x1 projection without activation, residual ADD when the stride is 1 and the
  channels are kept (ExtraDW: both depthwise convs; IB: middle only; ConvNext: start
  only); head 1x1 960, MEAN, the 1x1 conv of 1280 as a FULLY_CONNECTED on the pooled
  vector, FC, SOFTMAX. Every activation is a fused RELU, the FusedIB's 1x1 conv
  included (as the release's spec has it; the paper's table does not say) [U].
* :func:`ghostnetv2`: GhostNetV2 1.0x (Tang et al., "GhostNetV2: Enhance Cheap
  Operation with Long-Range Attention", arXiv 2211.12905; the GhostNet 1.0 layout of
  :data:`jaxeff.gnn.heldout_nets.GHOSTNET`, its ghost modules, squeeze-excite,
  shortcuts and head as :func:`jaxeff.gnn.heldout_nets.ghostnet`). The first ghost
  module of each bottleneck gets DFC attention from the third bottleneck on (the
  release's ``layer_id > 1``; 14 of 16 bottlenecks) [U]: on the module's input a 2x2
  stride-2 AVERAGE_POOL_2D (VALID, floor as PyTorch's), a 1x1 conv to the module's
  output channels, depthwise 1x5 and 5x1 convs (no activation), LOGISTIC,
  RESIZE_NEAREST_NEIGHBOR to the ghost output's size and a MUL with it. In the last
  four bottlenecks (7x7 input) the pooled map is 3x3 and the resize goes 3 -> 7,
  not x2 (the release's ``F.interpolate(size=...)``; 10 of the 14 resizes are x2)
  [U]. The session's plan put DFC "from the 2nd layer on"; the release starts at
  the 3rd [U].
* :func:`hrnet_w18_small`: HRNet-W18-Small-v1 classification (Wang et al., "Deep
  High-Resolution Representation Learning for Visual Recognition", arXiv 1908.07919;
  the release's ``w18_small_v1`` config, recalled and matched against a port's
  ``SMALL_CONFIG``): stem of two 3x3/2 convs of 64 (RELU); stage 1 one bottleneck
  (1x1 32, 3x3 32, 1x1 128, 1x1 projection shortcut, ADD with fused RELU);
  transitions (3x3 convs with RELU; a new branch is a 3x3/2 conv of the lowest
  resolution's map); stages 2 / 3 / 4 of one module each with 2 / 3 / 4 branches of
  16 / 32 / 64 / 128 channels, **two** basic blocks per branch (the config as
  recalled; the session's plan said one) [U], then fuse layers for every output
  resolution: lower resolutions through a 1x1 conv and one RESIZE_NEAREST_NEIGHBOR
  by 2, 4 or 8 [U] (PyTorch's single ``Upsample(scale_factor)``), higher ones through
  chains of 3x3/2 convs (RELU on all but the last), summed by ADDs, the last with
  fused RELU. Classification head: an "incre" bottleneck per branch to 128 / 256 /
  512 / 1024 channels (1x1 projection shortcuts), from the highest resolution down
  3x3/2 convs with RELU ADDed (no activation) to the next branch's incre output,
  1x1 conv to 2048 RELU, MEAN, FC, SOFTMAX.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxi.py``.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import GHOSTNET, _div4, _div8, _ghost_module, _se_hard

__all__ = ["ghostnetv2", "hrnet_w18_small", "mobilenetv4_conv_small", "pp_lcnet"]


def _head(b: NetBuilder, x: int, hidden: int, act: str, classes: int) -> int:
    """MEAN over H, W; the 1x1 conv of ``hidden`` as a FULLY_CONNECTED on the pooled
    vector with ``act`` (fused RELU, or a standalone HARD_SWISH); FC; SOFTMAX."""
    x = b.mean(x, (1, 2), keep_dims=False)
    if act == "HARD_SWISH":
        x = b.act(b.fc(x, hidden), act)
    else:
        x = b.fc(x, hidden, act)
    return b.softmax(b.fc(x, classes))


#: PP-LCNet depthwise-separable blocks (arXiv 2109.15099 Table 1, the release's
#: ``NET_CONFIG``): (depthwise kernel, output channels, stride, squeeze-excite)
PP_LCNET = (((3, 32, 1, False), (3, 64, 2, False), (3, 64, 1, False),
             (3, 128, 2, False), (3, 128, 1, False), (3, 256, 2, False))
            + ((5, 256, 1, False),) * 5 + ((5, 512, 2, True), (5, 512, 1, True)))


def pp_lcnet(b: NetBuilder, x: int, scale: float = 1.0, classes: int = 1000) -> int:
    """PP-LCNet on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    :data:`PP_LCNET` blocks at width ``scale`` (``make_divisible(c scale, 8)``; the
    head's 1280 not scaled), HARD_SWISH standalone after every conv (module
    docstring). Published (PP-LCNet-1x; recalled, not read): 2.96 M parameters,
    161 M FLOPs (multiply-adds); this graph counts 155,700,480 MACs (-3.3 %; SE and
    FCs included; the paper's counter likely adds element-wise ops) and 2,948,332
    parameters (-0.4 %; with batch norm unfolded and the head conv's bias left out,
    2,952,524, timm's ``lcnet_100``: 2.95 M, recalled).
    """
    hs = "HARD_SWISH"
    x = b.act(b.conv(x, _div8(16 * scale), 3, 2), hs)
    for k, c, s, se in PP_LCNET:
        x = b.act(b.dwconv(x, k, s), hs)
        if se:
            x = _se_hard(b, x, b.shape(x)[-1] // 4)
        x = b.act(b.conv(x, _div8(c * scale), 1), hs)
    return _head(b, x, 1280, hs, classes)


#: MobileNetV4-Conv-S Universal Inverted Bottlenecks (arXiv 2404.10518 Table 11; the
#: TF Model Garden spec): (start depthwise kernel or 0, middle depthwise kernel or 0,
#: stride, output channels, expansion ratio); 0 leaves that depthwise conv out
MNV4_CONV_S = ((5, 5, 2, 96, 3.0),) + ((0, 3, 1, 96, 2.0),) * 4 + (
    (3, 0, 1, 96, 4.0), (3, 3, 2, 128, 6.0), (5, 5, 1, 128, 4.0), (0, 5, 1, 128, 4.0),
    (0, 5, 1, 128, 3.0), (0, 3, 1, 128, 4.0), (0, 3, 1, 128, 4.0))


def _uib(b: NetBuilder, x: int, start: int, mid: int, s: int, out: int,
         e: float) -> int:
    """A Universal Inverted Bottleneck (module docstring)."""
    cin = b.shape(x)[-1]
    h = b.dwconv(x, start, 1 if mid else s) if start else x
    h = b.conv(h, _div8(cin * e), 1, 1, "RELU")
    if mid:
        h = b.dwconv(h, mid, s, "RELU")
    h = b.conv(h, out, 1)
    return b.add(h, x) if s == 1 and cin == out else h


def mobilenetv4_conv_small(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """MobileNetV4-Conv-S on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Stem, two FusedIB blocks, :data:`MNV4_CONV_S`, head (module docstring).
    Published (MNv4-Conv-S; recalled, not read): 3.8 M parameters, 0.2 G MACs; this
    graph counts 186,005,568 MACs (-7 % of the rounded 0.2 G; timm's
    ``mobilenetv4_conv_small``: 0.19 G, recalled) and 3,761,480 parameters (-1.0 %;
    3,772,744 with batch norm unfolded, timm: 3.77 M, recalled).
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    for c, out in ((32, 32), (96, 64)):  # FusedIB: 3x3/2 expansion, 1x1 projection
        x = b.conv(b.conv(x, c, 3, 2, "RELU"), out, 1, 1, "RELU")
    for blk in MNV4_CONV_S:
        x = _uib(b, x, *blk)
    return _head(b, b.conv(x, 960, 1, 1, "RELU"), 1280, "RELU", classes)


def _dfc_ghost(b: NetBuilder, x: int, out: int) -> int:
    """A ghost module (RELU) gated by DFC attention computed on its input ``x``."""
    a = b.conv(b.pool(x, "avg", 2, 2), out, 1)
    a = b.act(b.dwconv(b.dwconv(a, (1, 5)), (5, 1)), "LOGISTIC")
    y = _ghost_module(b, x, out, "RELU")
    _, h, w, _ = b.shape(y)
    return b.mul(y, b.resize(a, (h, w), "nearest"))


def ghostnetv2(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """GhostNetV2 1.0x on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    :func:`jaxeff.gnn.heldout_nets.ghostnet` at width 1 with DFC attention on the
    first ghost module of bottlenecks 3 ... 16 (module docstring). Published
    (GhostNetV2 1.0x): 167 M FLOPs (multiply-adds; the release's README), 6.1 M
    parameters (recalled); this graph counts 167,048,288 MACs (+0.03 %) and
    6,125,730 parameters (+0.4 %; 6,156,922 with batch norm unfolded, timm's
    ``ghostnetv2_100``: 6.16 M, recalled).
    """
    return _ghost_net(b, x, GHOSTNET, lambda i, x, c: _dfc_ghost(b, x, c) if i > 1
                      else _ghost_module(b, x, c, "RELU"),
                      lambda h, c: _ghost_module(b, h, c, "NONE"), classes)


def _ghost_net(b: NetBuilder, x: int, blocks: tuple, expand, project,
               classes: int) -> int:
    """GhostNet 1.0's skeleton (:func:`jaxeff.gnn.heldout_nets.ghostnet`) with its
    modules given: stem 3x3/2 16 RELU; per bottleneck ``(k, width, out, se, s)`` of
    ``blocks`` the expanding module ``expand(i, x, width)``, a kxk stride-2
    depthwise conv when ``s`` is 2, hard-sigmoid squeeze-excite where ``se``, the
    projecting module ``project(h, out)``, ADD with the identity or a kxk depthwise
    + 1x1 conv shortcut; head 1x1 960 RELU, :func:`_head` (1280 RELU). GhostNetV2
    and RepGhostNet (:mod:`jaxeff.gnn.heldout_nets_xxiii`)."""
    x = b.conv(x, 16, 3, 2, "RELU")
    for i, (k, exp, out, se, s) in enumerate(blocks):
        cin = b.shape(x)[-1]
        h = expand(i, x, exp)
        if s > 1:
            h = b.dwconv(h, k, s)
        if se:
            h = _se_hard(b, h, _div4(exp / 4))
        h = project(h, out)
        x = b.add(h, x if s == 1 and cin == out else b.conv(b.dwconv(x, k, s), out, 1))
    return _head(b, b.conv(x, 960, 1, 1, "RELU"), 1280, "RELU", classes)


def _basic(b: NetBuilder, x: int) -> int:
    """ResNet basic block keeping the channels: 3x3 RELU, 3x3, ADD with fused RELU."""
    c = b.shape(x)[-1]
    return b.add(b.conv(b.conv(x, c, 3, 1, "RELU"), c, 3), x, "RELU")


def _bottleneck(b: NetBuilder, x: int, planes: int) -> int:
    """ResNet bottleneck (stride 1) to ``4 planes`` channels; 1x1 projection shortcut
    when the channels change."""
    h = b.conv(b.conv(x, planes, 1, 1, "RELU"), planes, 3, 1, "RELU")
    h = b.conv(h, 4 * planes, 1)
    sc = x if b.shape(x)[-1] == 4 * planes else b.conv(x, 4 * planes, 1)
    return b.add(h, sc, "RELU")


def _transition(b: NetBuilder, xs: list[int], widths: tuple[int, ...]) -> list[int]:
    """HRNet transition to ``widths``: a kept branch as it is (or a 3x3 conv RELU when
    its channels change), a new one a 3x3/2 conv RELU of the lowest resolution."""
    out = []
    for i, c in enumerate(widths):
        if i >= len(xs):
            out.append(b.conv(xs[-1], c, 3, 2, "RELU"))
        elif b.shape(xs[i])[-1] != c:
            out.append(b.conv(xs[i], c, 3, 1, "RELU"))
        else:
            out.append(xs[i])
    return out


def _fuse(b: NetBuilder, xs: list[int]) -> list[int]:
    """HRNet fuse layers: every branch's map brought to every resolution and summed."""
    ys = []
    for i, xi in enumerate(xs):
        _, hi, wi, ci = b.shape(xi)
        terms = []
        for j, xj in enumerate(xs):
            t = xj
            if j > i:
                t = b.resize(b.conv(xj, ci, 1), (hi, wi), "nearest")
            for n in range(i - j):  # j < i: i - j stride-2 3x3 convs
                last = n == i - j - 1
                t = b.conv(t, ci if last else b.shape(xj)[-1], 3, 2,
                           "NONE" if last else "RELU")
            terms.append(t)
        y = terms[0]
        for n, t in enumerate(terms[1:], 2):
            y = b.add(y, t, "RELU" if n == len(terms) else "NONE")
        ys.append(y)
    return ys


def hrnet_w18_small(b: NetBuilder, x: int, blocks: int = 2, classes: int = 1000) -> int:
    """HRNet-W18-Small-v1 (classification) on ``x`` (224x224); returns the SOFTMAX
    output.

    Module docstring; ``blocks`` basic blocks per branch and stage (2 in the config
    as recalled). Published (the release's model table, recalled, not read): 13.2 M
    parameters, 1.49 GFLOPs (multiply-adds); this graph counts 1,601,508,352 MACs
    (+7.5 %; timm's ``hrnet_w18_small``: 1.61 GMACs, recalled) and 13,171,608
    parameters (-0.2 %; 13,183,624 with batch norm unfolded, timm: 13.19 M,
    recalled). With one block per branch: 1,471,452,160 MACs (-1.2 %) but
    12,659,320 parameters (-4.1 %): the parameters decide for two [U].
    """
    x = b.conv(b.conv(x, 64, 3, 2, "RELU"), 64, 3, 2, "RELU")
    xs = [_bottleneck(b, x, 32)]
    for widths in ((16, 32), (16, 32, 64), (16, 32, 64, 128)):
        xs = _transition(b, xs, widths)
        for i in range(len(xs)):  # branch by branch, as the release runs them
            for _ in range(blocks):
                xs[i] = _basic(b, xs[i])
        xs = _fuse(b, xs)
    y = _bottleneck(b, xs[0], 32)
    for t, planes in zip(xs[1:], (64, 128, 256), strict=True):
        y = b.add(_bottleneck(b, t, planes), b.conv(y, 4 * planes, 3, 2, "RELU"))
    x = b.conv(y, 2048, 1, 1, "RELU")
    return b.softmax(b.fc(b.mean(x, (1, 2), keep_dims=False), classes))
