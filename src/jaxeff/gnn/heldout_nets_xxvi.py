"""Held-out families XXVI, part a (session 26, pre-registered before they were built;
issue 22).

Four published classifiers written with :class:`jaxeff.gnn.build.NetBuilder` (float32,
seeded weights, batch norm folded into each conv's bias, dropout left out, as a
converted inference graph has it). Test models only: no predictor or Vela run chose
anything here, and none was run on them. Counts: MACs as
:func:`jaxeff.gnn.graph.total_macs`, parameters = weights + biases of this graph.
Shared pieces come from :mod:`jaxeff.gnn.heldout_nets` (the Inception conv helpers
``_cbr`` / ``_chain`` / ``_avg_proj``, VoVNet's ``_osa``, HarDNet's ``_hard_block``
and the MEAN / FC / SOFTMAX head). Every stride-2 conv and pool written SAME pads as
TF does (PyTorch pads ``(k - 1) / 2`` on both sides: the same output size, another
alignment) [U].

Each function's docstring gives the structure, the paper and every [U] choice; op
counts, MACs and parameters of the held-out graphs (the tests pin them):

* :func:`inception_resnet_v2` (``inception_resnet_v2_299``, arXiv 1602.07261): 185
  ops (134 CONV_2D, 23 CONCATENATION, 20 ADD, 4 MAX_POOL_2D, AVERAGE_POOL_2D, MEAN, FC,
  SOFTMAX), 8,506,795,616 MACs, 33,764,632 parameters (5 / 10 / 5 blocks, no
  published count); the release's 10 / 20 / 10: 335 ops, 13,155,794,016 MACs (the
  quoted 13.2 G, -0.3 %), 55,813,192 parameters (Keras's trainable count exactly;
  with batch norm statistics 55,873,736, its total).
* :func:`selecsls42b` (``selecsls42b_224``, arXiv 1907.00837): 50 ops (41 CONV_2D,
  6 CONCATENATION, MEAN, FC, SOFTMAX), 2,971,924,480 MACs (timm's 2.98 G, recalled:
  -0.3 %), 32,448,424 parameters (32,458,248 with batch norm unfolded: timm's
  32.46 M).
* :func:`vovnet39` (``vovnet39_224``, arXiv 1904.09730): 51 ops (39 CONV_2D, 6
  CONCATENATION, 3 MAX_POOL_2D, MEAN, FC, SOFTMAX), 7,072,227,328 MACs (timm's
  7.09 G, recalled: -0.25 %), 22,590,088 parameters (22,600,296 unfolded: timm's
  22.6 M).
* :func:`hardnet39ds` (``hardnet39ds_224``, arXiv 1909.00948): 97 ops (38 CONV_2D,
  36 DEPTHWISE_CONV_2D, 20 CONCATENATION, MEAN, FC, SOFTMAX), 429,471,474 MACs (the
  paper's 0.44 G, recalled: -2.4 %), 3,479,820 parameters (3.5 M: -0.6 %).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (_avg_proj, _cbr, _chain, _hard_block, _osa,
                                     _resnet_head)

__all__ = ["hardnet39ds", "inception_resnet_v2", "selecsls42b", "vovnet39"]


# -- Inception-ResNet-v2

#: Inception-ResNet-A / -B / -C repeats: the paper's Figure 15 (5 / 10 / 5, the
#: pre-registered model) and the TF-slim / Keras release's (10 / 20 / 10)
IRV2_REPEATS, IRV2_RELEASE_REPEATS = (5, 10, 5), (10, 20, 10)
#: residual scales of the A / B / C blocks (the release's; the paper: 0.1 to 0.3)
IRV2_SCALES = (0.17, 0.1, 0.2)


def _scaled_residual(b: NetBuilder, x: int, h: int, scale: float,
                     act: str = "RELU") -> int:
    """The up-projection of an Inception-ResNet block: a linear 1x1 conv of ``h`` to
    ``x``'s width with its weights and bias multiplied by ``scale`` (the residual
    scaling folded in [U]), ADD of ``x`` with ``act`` fused."""
    up = b.conv(h, b.shape(x)[-1], 1)
    for t in b.ops[-1].inputs[1:]:
        data = b.tensors[t].data
        assert data is not None
        data *= scale
    return b.add(x, up, act)


def inception_resnet_v2(b: NetBuilder, x: int, classes: int = 1000,
                        repeats: tuple[int, int, int] = IRV2_REPEATS) -> int:
    """Inception-ResNet-v2 on ``x`` (299x299 for ImageNet); returns the SOFTMAX
    output.

    Szegedy, Ioffe, Vanhoucke and Alemi, "Inception-v4, Inception-ResNet and the
    Impact of Residual Connections on Learning", arXiv 1602.07261 (Figures 15-19)
    with the widths of the TF-slim / Keras ``InceptionResNetV2`` release (recalled,
    not read; batch norm folded, RELU fused into every conv but the up-projections;
    "V" convs and pools VALID, the rest SAME): stem 3x3/2 32 V, 3x3 32 V, 3x3 64,
    3x3/2 max pool V, 1x1 80 V, 3x3 192 V, 3x3/2 max pool V (35x35x192); mixed_5b
    (1x1 96 | 1x1 48 -> 5x5 64 | 1x1 64 -> 3x3 96 -> 3x3 96 | 3x3/1 average pool ->
    1x1 64; 320); ``repeats[0]`` x Inception-ResNet-A (1x1 32 | 1x1 32 -> 3x3 32 |
    1x1 32 -> 3x3 48 -> 3x3 64; CONCATENATION 128, :func:`_scaled_residual` to 320,
    scale 0.17); Reduction-A (3x3/2 384 V | 1x1 256 -> 3x3 256 -> 3x3/2 384 V | 3x3/2
    max pool V; 17x17x1088); ``repeats[1]`` x Inception-ResNet-B (1x1 192 | 1x1 128
    -> 1x7 160 -> 7x1 192; 384 -> 1088, scale 0.1); Reduction-B (1x1 256 -> 3x3/2 384
    V | 1x1 256 -> 3x3/2 288 V | 1x1 256 -> 3x3 288 -> 3x3/2 320 V | 3x3/2 max pool
    V; 8x8x2080); ``repeats[2]`` x Inception-ResNet-C (1x1 192 | 1x1 192 -> 1x3 224
    -> 3x1 256; 448 -> 2080, scale 0.2; the last with scale 1 and no RELU after its
    ADD, as the release); 1x1 1536 (conv_7b); MEAN, FC, SOFTMAX.

    [U] the release's widths, not the paper's Figures 16-18 (stem output 320 from
    mixed_5b where the paper has Inception-v4's 384-channel stem; up-projections to
    320 / 1088 / 2080 where the figures give 384 / 1154 / 2048) and its conv_7b;
    5 / 10 / 5 blocks (the paper's Figure 15, as pre-registered) where the release
    stacks 10 / 20 / 10 (``repeats=IRV2_RELEASE_REPEATS`` builds that); the residual
    scaling folded into the up-projection conv's weights and bias (one CONV_2D and
    one ADD, no MUL); the auxiliary head left out. Published (the release, recalled):
    55.8 M parameters and about 13.2 G multiply-adds at 299 for 10 / 20 / 10: see
    the tests for this graph's counts at both depths.
    """
    x = _cbr(b, _cbr(b, x, 32, 3, 2, "VALID"), 32, 3, 1, "VALID")
    x = b.pool(_cbr(b, x, 64, 3), "max", 3, 2)
    x = _cbr(b, _cbr(b, x, 80, 1, 1, "VALID"), 192, 3, 1, "VALID")
    x = b.pool(x, "max", 3, 2)
    x = b.concat([_cbr(b, x, 96, 1), _chain(b, x, ((48, 1), (64, 5))),
                  _chain(b, x, ((64, 1), (96, 3), (96, 3))), _avg_proj(b, x, 64)])
    for _ in range(repeats[0]):
        h = b.concat([_cbr(b, x, 32, 1), _chain(b, x, ((32, 1), (32, 3))),
                      _chain(b, x, ((32, 1), (48, 3), (64, 3)))])
        x = _scaled_residual(b, x, h, IRV2_SCALES[0])
    x = b.concat([_cbr(b, x, 384, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((256, 1), (256, 3))), 384, 3, 2, "VALID"),
                  b.pool(x, "max", 3, 2)])
    for _ in range(repeats[1]):
        h = b.concat([_cbr(b, x, 192, 1),
                      _chain(b, x, ((128, 1), (160, (1, 7)), (192, (7, 1))))])
        x = _scaled_residual(b, x, h, IRV2_SCALES[1])
    x = b.concat([_cbr(b, _cbr(b, x, 256, 1), 384, 3, 2, "VALID"),
                  _cbr(b, _cbr(b, x, 256, 1), 288, 3, 2, "VALID"),
                  _cbr(b, _chain(b, x, ((256, 1), (288, 3))), 320, 3, 2, "VALID"),
                  b.pool(x, "max", 3, 2)])
    for i in range(repeats[2]):
        last = i == repeats[2] - 1
        h = b.concat([_cbr(b, x, 192, 1),
                      _chain(b, x, ((192, 1), (224, (1, 3)), (256, (3, 1))))])
        x = _scaled_residual(b, x, h, 1.0 if last else IRV2_SCALES[2],
                             "NONE" if last else "RELU")
    return _resnet_head(b, _cbr(b, x, 1536, 1), classes)


# -- SelecSLS-42B

#: SelecSLS-42 modules (the release's ``selecsls42`` feature config): (skip
#: channels, mid channels, output channels, first of a pair, stride)
SELECSLS42 = ((0, 64, 64, True, 2), (64, 64, 128, False, 1),
              (0, 144, 144, True, 2), (144, 144, 288, False, 1),
              (0, 304, 304, True, 2), (304, 304, 480, False, 1))
#: SelecSLS-42B head convs (the release's ``selecsls42b``): (channels, kernel, stride)
SELECSLS42B_HEAD = ((960, 3, 2), (1024, 3, 1), (1280, 3, 2), (1024, 1, 1))


def _sls_module(b: NetBuilder, x: int, skip: int | None, mid: int, out: int,
                s: int) -> int:
    """A SelecSLS module (arXiv 1907.00837 Figure 3): 3x3 conv ``mid`` (carrying the
    stride), 1x1 ``mid`` -> 3x3 ``mid / 2``, 1x1 ``mid`` -> 3x3 ``mid / 2``, each on
    the previous; CONCATENATION of the three 3x3 outputs (and ``skip``, the output of
    the pair's first module, in the second), 1x1 conv to ``out``; RELU throughout."""
    d1 = b.conv(x, mid, 3, s, "RELU")
    d2 = _chain(b, d1, ((mid, 1), (mid // 2, 3)))
    d3 = _chain(b, d2, ((mid, 1), (mid // 2, 3)))
    return b.conv(b.concat([d1, d2, d3] + ([] if skip is None else [skip])), out, 1,
                  1, "RELU")


def selecsls42b(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """SelecSLS-42B on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Mehta et al., "XNect: Real-time Multi-Person 3D Motion Capture with a Single RGB
    Camera", arXiv 1907.00837 (Section 4.1, Figure 3; the ImageNet model of the
    release's ``selecsls42b`` config, recalled, not read): 3x3/2 conv 32 RELU; six
    SelecSLS modules in three pairs (:data:`SELECSLS42`, :func:`_sls_module`; the
    first of a pair strided and without skip input, the second concatenating the
    first's output: 56x56x128, 28x28x288, 14x14x480); head 3x3/2 960, 3x3 1024,
    3x3/2 1280, 1x1 1024 (:data:`SELECSLS42B_HEAD`, RELU; 4x4); MEAN, FC, SOFTMAX.

    [U] the module widths and the head are the release's (the paper gives the
    module design, not every width); the head's second 3x3/2 on the 7x7 map SAME (4x4,
    as PyTorch's padding 1 gives); RELU everywhere (the release's ``conv_bn``).
    Published (recalled): timm's ``selecsls42b`` 32.5 M parameters, 2.98 G MACs; the
    paper gives no ImageNet counts.
    """
    x = b.conv(x, 32, 3, 2, "RELU")
    for _, mid, out, first, s in SELECSLS42:  # the second's skip: the first's output
        x = _sls_module(b, x, None if first else x, mid, out, s)
    for c, k, s in SELECSLS42B_HEAD:
        x = b.conv(x, c, k, s, "RELU")
    return _resnet_head(b, x, classes)


# -- VoVNet-39

#: VoVNet-39 (arXiv 1904.09730 Table 1): per stage 2-5 (channels of the five 3x3
#: convs of an OSA module, the module's 1x1 output channels, modules)
VOVNET39 = ((128, 256, 1), (160, 512, 1), (192, 768, 2), (224, 1024, 2))


def vovnet39(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """VoVNet-39 on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Lee et al., "An Energy and GPU-Computation Efficient Backbone Network for
    Real-Time Object Detection", arXiv 1904.09730 (CVPRW 2019), Table 1 (VoVNet-39
    column; batch norm folded, RELU fused into every conv): stem 3x3/2 64, 3x3 64,
    3x3/2 128 (56x56); stages 2-5 of 1 / 1 / 2 / 2 OSA modules
    (:func:`jaxeff.gnn.heldout_nets._osa`, :data:`VOVNET39`: five chained 3x3 convs
    of 128 / 160 / 192 / 224, ONE CONCATENATION of the module input and the five,
    1x1 conv to 256 / 512 / 768 / 1024), a 3x3/2 max pool before stages 3-5; MEAN,
    FC, SOFTMAX.

    [U] SAME max pools (the release's ``ceil_mode``: the same 28 / 14 / 7); the
    classifier head ours as in the VoVNet-27-slim test model (Table 1 is a detection
    backbone; the release's ImageNet model has this MEAN + FC); no identity shortcut
    (VoVNet-v1; VoVNetV2 adds one). Published (recalled): timm's ``vovnet39a``
    22.6 M parameters, 7.09 G MACs.
    """
    x = b.conv(b.conv(x, 64, 3, 2, "RELU"), 64, 3, 1, "RELU")
    x = b.conv(x, 128, 3, 2, "RELU")
    for i, (c, out, n) in enumerate(VOVNET39):
        for j in range(n):
            x = _osa(b, b.pool(x, "max", 3, 2, "SAME") if i and not j else x, c, out)
    return _resnet_head(b, x, classes)


# -- HarDNet-39DS

#: HarDNet-39DS (arXiv 1909.00948 Table 1; the release's ``arch=39``): per harmonic
#: dense block (growth rate k, layers, transition 1x1 channels, a depthwise 3x3/2
#: after the transition); m = 1.6
HARDNET39DS = ((16, 4, 96, True), (20, 16, 320, True), (64, 8, 640, True),
               (160, 4, 1024, False))
HARDNET39DS_M = 1.6
#: stem widths (3x3/2 conv, 1x1 conv)
HARDNET39DS_STEM = (24, 48)


def hardnet39ds(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """HarDNet-39DS on ``x`` (224x224 for ImageNet); returns the SOFTMAX output.

    Chao et al., "HarDNet: A Low Memory Traffic Network", arXiv 1909.00948 (ICCV
    2019), Table 1 (the 39DS column) and Section 3.2 (the release's ``HarDNet(arch=39,
    depth_wise=True)`` recalled, not read): stem 3x3/2 conv 24 RELU6, 1x1 conv 48
    RELU6, 3x3/2 depthwise conv (linear; 56x56); four harmonic dense blocks
    (:func:`jaxeff.gnn.heldout_nets._hard_block`, :data:`HARDNET39DS`: growth 16 /
    20 / 64 / 160, 4 / 16 / 8 / 4 layers, m = 1.6), each layer a 1x1 conv RELU6 and
    a 3x3 depthwise conv (linear) on the CONCATENATION of its harmonic links; a 1x1
    transition conv RELU6 of 96 / 320 / 640 / 1024, after the first three a 3x3/2
    depthwise conv (linear; 56 -> 28 -> 14 -> 7); MEAN, FC, SOFTMAX (dropout left
    out).

    [U] RELU6 and the linear depthwise convs are the release's (the paper names
    depthwise-separable convs only); the even rounding of the widths the release's;
    the depthwise down-sampling SAME. Published (Table 1 / 4, recalled): 3.5 M
    parameters, 0.44 G MACs.
    """
    x = b.conv(x, HARDNET39DS_STEM[0], 3, 2, "RELU6")
    x = b.dwconv(b.conv(x, HARDNET39DS_STEM[1], 1, 1, "RELU6"), 3, 2)

    def unit(h: int, c: int) -> int:
        return b.dwconv(b.conv(h, c, 1, 1, "RELU6"), 3)

    for growth, layers, out, down in HARDNET39DS:
        x = b.conv(_hard_block(b, x, growth, layers, HARDNET39DS_M, unit), out, 1, 1,
                   "RELU6")
        if down:
            x = b.dwconv(x, 3, 2)
    return _resnet_head(b, x, classes)
