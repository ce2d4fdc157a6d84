"""Held-out families XXIII (session 25, pre-registered before being built; issue 22).

Four published ImageNet classifiers (1x224x224x3 in, 1000 classes, SOFTMAX out),
written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias, dropout left out at inference, every re-parameterisable
branch folded as the deployed models have it). Test models only: no training space
draws them. Choices the papers leave open are marked [U]; every stride-2 conv pads
SAME (PyTorch pads 1 on both sides: the same output size, another alignment) [U].

* :func:`repvgg_a0`: RepVGG-A0 in its deployed form (Ding et al., "RepVGG: Making
  VGG-style ConvNets Great Again", arXiv 2101.03697; RepVGG-A's layers with a =
  0.75, b = 2.5, recalled): each block's 3x3, 1x1 and identity branches and batch norms folded into
  one 3x3 conv with bias and fused RELU; stages of 1 / 2 / 4 / 14 / 1 convs of
  ``min(64, 64 a)`` = 48 / 48 / 96 / 192 / 1280, the first conv of each stage with
  stride 2 (:data:`REPVGG_A0`); MEAN, FC, SOFTMAX. No ADD, no pool but the MEAN.
* :func:`mobilenext`: MobileNeXt 1.0 (Zhou et al., "Rethinking Bottleneck Structure
  for Efficient Mobile Network Design", arXiv 2007.02269, the sandglass table of
  :data:`MOBILENEXT`; the authors' release code, read in a public copy where the
  block is ``I2RBlock``): 3x3/2 conv 32 RELU6; 20 sandglass blocks: 3x3 depthwise RELU6 on the
  block's input, 1x1 conv reducing to ``C_in / t`` (no activation), 1x1 conv
  expanding to ``C_out`` with RELU6, 3x3 depthwise (no activation) carrying the
  stride, identity ADD (all channels: the release's ``identity_div`` 1) when the
  stride is 1 and the channels are kept; MEAN, FC, SOFTMAX. The release's block
  variants [U]: where the channels change, the first depthwise conv is left out
  (and the last one too at stride 1: 288 -> 384, 576 -> 960), except in the first
  block (t = 2) and in single-block stride-1 stages (``keep_3x3``: 96 -> 144,
  960 -> 1280); the reduced width is at least ``make_divisible(ceil(C_out / 6),
  16)`` (:func:`_sandglass_hidden`). The paper draws every block with both
  depthwise convs and ``C_in / t`` reduced channels (recalled); that uniform form
  is ``release=False``.
* :func:`repghostnet`: RepGhostNet 1.0x in its deployed form (Chen et al.,
  "RepGhost: A Hardware-Efficient Ghost Module via Re-parameterization", arXiv
  2211.06088; the block table of timm's ``repghost.py``, read, :data:`REPGHOST`):
  GhostNet's bottleneck (:func:`jaxeff.gnn.heldout_nets.ghostnet`) with RepGhost
  modules: a 1x1 conv to the module's width ``C`` and a 3x3 depthwise conv of ``C``
  channels (the re-parameterised cheap operation: its batch-norm identity branch,
  the ADD that replaces GhostNet's CONCATENATION, folded into the depthwise conv's
  centre tap), both with RELU in the expanding module, neither in the projecting
  one; so the widths are half GhostNet's expansion (8 ... 480, and 100 / 120 / 120
  where GhostNet has 200 / 184 / 184). A kxk depthwise stride-2 conv in the
  strided bottlenecks; squeeze-excite where the table has it, with GhostNet's hard
  sigmoid (:func:`jaxeff.gnn.heldout_nets._se_hard`, ``make_divisible(C / 4, 4)``
  channels, the gate ``relu6(x + 3) / 6`` as ADD with fused RELU6 and MUL [U]);
  shortcut identity or a kxk depthwise + 1x1 conv, ADD; head 1x1 960 RELU, MEAN,
  the 1x1 conv of 1280 with RELU as a FULLY_CONNECTED on the pooled vector, FC,
  SOFTMAX (:func:`jaxeff.gnn.heldout_nets_xxi._ghost_net`, GhostNetV2's skeleton).
* :func:`rexnet`: ReXNet 1.0x (Han et al., "Rethinking Channel Dimensions for
  Efficient Model Design", arXiv 2007.00992; the release's ``ReXNetV1`` as timm's
  ``rexnet.py`` has it, read): 3x3/2 conv 32 with SiLU; 16 inverted bottlenecks
  whose output channels grow linearly, ``round(16 + 180 i / 16)`` = 16, 27, 38,
  ..., 174, 185 (:data:`REXNET_CHANNELS`), strides 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1,
  2, 1, 1, 1, 1: 1x1 expansion x6 with SiLU (not in the first block), 3x3 depthwise
  carrying the stride, squeeze-excite from the 4th block on (MEAN, 1x1 conv to
  ``C / 12`` with RELU, its batch norm folded, 1x1 conv, LOGISTIC gate, broadcast
  MUL: :func:`jaxeff.gnn.heldout_nets._gate`), RELU6 (fused into the depthwise conv,
  or into the SE's MUL [U], as a converter fuses it), linear 1x1 projection; the
  partial residual of every stride-1 block but the first, ``x[:, :C_in] +=
  input``, written as the converter writes the release's ``cat([x[:, :C_in] +
  input, x[:, C_in:]])``: two STRIDED_SLICEs, ADD, CONCATENATION [U]; head 1x1
  1280 SiLU, MEAN, FC, SOFTMAX. SiLU is written ``x * LOGISTIC(x)``
  (:func:`jaxeff.gnn.spaces_silu.swish`).

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in ``tests/gnn/test_heldout_nets_xxiii.py``.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import GHOSTNET, _gate, _resnet_head
from jaxeff.gnn.heldout_nets_xxi import _ghost_net
from jaxeff.gnn.spaces_silu import swish as _swish

__all__ = ["mobilenext", "repghostnet", "repvgg_a0", "rexnet"]


#: RepVGG-A0 stages (arXiv 2101.03697, a = 0.75, b = 2.5; recalled): (3x3 convs,
#: channels); the first conv of each stage has stride 2
REPVGG_A0 = ((1, 48), (2, 48), (4, 96), (14, 192), (1, 1280))


def repvgg_a0(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """RepVGG-A0 (deployed) on ``x`` (224x224 for ImageNet); returns the SOFTMAX
    output.

    22 3x3 convs with fused RELU (:data:`REPVGG_A0`), MEAN, FC, SOFTMAX (module
    docstring). Published (RepVGG-A0, recalled, not read): 8.30 M parameters in the
    deployed form (9.11 M training-time), 1.4 GFLOPs (multiply-adds); this graph
    counts 1,361,451,008 MACs (-2.8 % of the rounded 1.4 G) and 8,309,384 parameters
    (+0.1 %); with each block's 1x1 branch and its batch norms (weight and
    bias per channel) put back, 9,108,968: the training-time 9.11 M.
    """
    for n, c in REPVGG_A0:
        for i in range(n):
            x = b.conv(x, c, 3, 2 if i == 0 else 1, "RELU")
    return _resnet_head(b, x, classes)


#: MobileNeXt 1.0 sandglass stages (arXiv 2007.02269; the release's ``cfgs``):
#: (reduction ratio t, output channels, blocks, stride of the first block)
MOBILENEXT = ((2, 96, 1, 2), (6, 144, 1, 1), (6, 192, 3, 2), (6, 288, 3, 2),
              (6, 384, 4, 1), (6, 576, 4, 2), (6, 960, 3, 1), (6, 1280, 1, 1))


def _sandglass_hidden(cin: int, cout: int, t: int) -> int:
    """The release's reduced width: ``C_in // t``, raised to ``make_divisible(
    ceil(C_out / 6), 16)`` where it is below ``C_out / 6``."""
    h = cin // t
    if h < cout / 6:
        v = math.ceil(cout / 6)
        h = max(16, int(v + 8) // 16 * 16)
        h += 16 if h < 0.9 * v else 0
    return h


def _sandglass(b: NetBuilder, x: int, cout: int, s: int, full: bool, hidden: int
               ) -> int:
    """A sandglass block (module docstring); ``full`` keeps the first depthwise
    conv (and the last one at stride 1)."""
    cin = b.shape(x)[-1]
    h = b.dwconv(x, 3, 1, "RELU6") if full else x
    h = b.conv(b.conv(h, hidden, 1), cout, 1, 1, "RELU6")
    if full or s > 1:
        h = b.dwconv(h, 3, s)
    return b.add(h, x) if s == 1 and cin == cout else h


def mobilenext(b: NetBuilder, x: int, release: bool = True, classes: int = 1000
               ) -> int:
    """MobileNeXt 1.0 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Stem, :data:`MOBILENEXT` sandglass blocks (module docstring), MEAN, FC, SOFTMAX;
    ``release=False``: every block with both depthwise convs and ``C_in // t``
    reduced channels (the paper's figure) [U]. Published (MobileNeXt-1.0, recalled,
    not read): 3.4 M parameters, 300 M MAdds; this graph counts 311,342,592 MACs
    (+3.8 %) and 3,508,904 parameters (+3.2 %; 3,535,416 with batch norm unfolded).
    The uniform form: 274,594,944 MACs (-8.5 %) and 3,276,480 parameters (-3.6 %);
    the release's block variants are kept, closer on MACs [U].
    """
    x = b.conv(x, 32, 3, 2, "RELU6")
    for t, c, n, s in MOBILENEXT:
        for i in range(n):
            cin = b.shape(x)[-1]
            keep = n == 1 and s == 1  # the release's keep_3x3
            full = not release or t == 2 or keep or cin == c
            hidden = _sandglass_hidden(cin, c, t) if release else cin // t
            x = _sandglass(b, x, c, s if i == 0 else 1, full, hidden)
    return _resnet_head(b, x, classes)


#: RepGhostNet 1.0x bottlenecks (timm's ``repghost.py`` cfgs, read) in the layout of
#: :data:`jaxeff.gnn.heldout_nets.GHOSTNET` (depthwise kernel, module width, output
#: channels, squeeze-excite, stride): GhostNet's with half its expansion widths, but
#: 120 where GhostNet has 184
REPGHOST = tuple((k, 120 if exp == 184 else exp // 2, out, se, s)
                 for k, exp, out, se, s in GHOSTNET)


def _repghost_module(b: NetBuilder, x: int, out: int, act: str) -> int:
    """A deployed RepGhost module: 1x1 conv to ``out``, 3x3 depthwise conv, both
    with ``act``."""
    return b.dwconv(b.conv(x, out, 1, 1, act), 3, 1, act)


def repghostnet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """RepGhostNet 1.0x (deployed) on ``x`` (224x224 for ImageNet); returns the
    SOFTMAX output.

    Stem 3x3/2 16 RELU, :data:`REPGHOST` bottlenecks, head (module docstring).
    Published (RepGhostNet 1.0x, recalled, not read): 4.1 M parameters, 142 M
    FLOPs (multiply-adds); this graph counts 142,394,128 MACs (+0.3 %) and
    4,051,662 parameters (-1.2 %); with batch norm unfolded 4,063,730, and with the
    training-time identity batch norm of every module (two per channel) 4,073,618:
    timm's ``repghostnet_100``, 4.07 M (recalled).
    """
    return _ghost_net(b, x, REPGHOST, lambda i, x, c: _repghost_module(b, x, c, "RELU"),
                      lambda h, c: _repghost_module(b, h, c, "NONE"), classes)


#: ReXNet 1.0x blocks: output channels ``round(16 + 180 i / 16)`` (the release's
#: linear schedule, Python's rounding), strides, squeeze-excite from block 4
REXNET_CHANNELS = tuple(round(16 + 180 * i / 16) for i in range(16))
REXNET_STRIDES = (1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1)


def _partial_residual(b: NetBuilder, h: int, x: int) -> int:
    """``h[..., :C_x] + x`` joined to ``h[..., C_x:]``: two STRIDED_SLICEs, ADD,
    CONCATENATION (the converter's form of ReXNet's ``torch.cat``)."""
    n, hh, ww, c = b.shape(h)
    cin = b.shape(x)[-1]
    head = b.strided_slice(h, (0, 0, 0, 0), (n, hh, ww, cin))
    tail = b.strided_slice(h, (0, 0, 0, cin), (n, hh, ww, c))
    return b.concat([b.add(head, x), tail])


def rexnet(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """ReXNet 1.0x on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Module docstring. Published (ReXNet-1.0x, recalled, not read): 4.8 M
    parameters, 0.40 GFLOPs (multiply-adds); this graph counts 398,370,392 MACs
    (-0.4 %) and 4,775,497 parameters (-0.5 %); with batch norm unfolded 4,795,499,
    and with the SE reductions' batch norms (two per channel: those convs keep
    their bias) 4,796,873: timm's ``rexnet_100``, 4.80 M (recalled).
    """
    x = _swish(b, b.conv(x, 32, 3, 2))
    for i, (cout, s) in enumerate(zip(REXNET_CHANNELS, REXNET_STRIDES, strict=True)):
        cin = b.shape(x)[-1]
        h = x if i == 0 else _swish(b, b.conv(x, 6 * cin, 1))
        if i >= 3:
            h = _gate(b, b.dwconv(h, 3, s), b.shape(h)[-1] // 12, "RELU6")
        else:
            h = b.dwconv(h, 3, s, "RELU6")
        h = b.conv(h, cout, 1)
        x = _partial_residual(b, h, x) if s == 1 and cin <= cout else h
    return _resnet_head(b, _swish(b, b.conv(x, 1280, 1)), classes)
