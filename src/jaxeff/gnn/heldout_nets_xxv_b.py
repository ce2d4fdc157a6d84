"""Held-out families XXV, second half (session 26, pre-registered before they were
built; issue 22).

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` (float32,
seeded weights, batch norm folded into each conv's bias, as a converted inference
graph has it): three real-time / salient-object segmenters and a lightweight
super-resolver. Test models only: no predictor or Vela run chose anything here, and
none was run on them. Counts: MACs as :func:`jaxeff.gnn.graph.total_macs`,
parameters = weights + biases of this graph. Shared pieces come from
:mod:`jaxeff.gnn.heldout_nets` (BiSeNet's head, the resize helpers) and
:mod:`jaxeff.gnn.heldout_nets_xxiv` (the grouped 3x3 conv as SPLIT / CONV_2D /
CONCATENATION).

Each function's docstring gives the structure, the paper (arXiv id) and every [U]
choice; op counts, MACs and parameters of the held-out graphs (the tests pin them):

* :func:`bisenetv2` (``bisenetv2_1024x512``, arXiv 2004.02147): 85 ops (40 CONV_2D,
  16 DEPTHWISE_CONV_2D, 10 ADD, 9 CONCATENATION, 2 RESIZE_NEAREST_NEIGHBOR, 2
  LOGISTIC, 2 MUL, MAX_POOL_2D, MEAN, AVERAGE_POOL_2D, RESIZE_BILINEAR),
  24,603,312,128 MACs (9.82 G of them the head's 3x3 conv to 1024 and its 1x1),
  3,350,091 parameters (the paper, recalled: 3.4 M; -1.5 %).
* :func:`stdc1_seg` (``stdc1_seg_1024x512``, arXiv 2104.13188): 69 ops (38 CONV_2D,
  7 CONCATENATION, 4 MEAN, 3 DEPTHWISE_CONV_2D, 3 AVERAGE_POOL_2D, 3 LOGISTIC, 3 MUL,
  3 ADD, 3 RESIZE_BILINEAR, 2 RESIZE_NEAREST_NEIGHBOR), 16,863,133,696 MACs,
  8,269,459 parameters; the STDC1 backbone with the release's ImageNet head at 224
  counts 806,067,712 MACs and 8,437,928 parameters (the paper's Table, recalled: 813
  M FLOPs, 8.44 M; -0.8 % / -0.03 %).
* :func:`u2netp` (``u2netp_320``, arXiv 2005.09007): 255 ops (119 CONV_2D, 51
  CONCATENATION, 40 RESIZE_BILINEAR, 33 MAX_POOL_2D, 11 ADD, LOGISTIC),
  19,756,089,600 MACs, 1,125,485 parameters (the paper: 1.13 M; -0.4 %).
* :func:`carn_m` (``carn_m_x2_64``, arXiv 1803.08664): 159 ops (99 CONV_2D, 31
  CONCATENATION, 19 SPLIT, 9 ADD, TRANSPOSE_CONV), 1,889,271,808 MACs (1,620,836,352
  without the one-hot shuffle: x 230,400 / 4,096 = 91.17 G for a 1280 x 720 output,
  the paper's 91.2 G Mult-Adds), 458,883 parameters (65,536 of them the one-hot
  shuffle; with the residual blocks' weights shared as in the release and the
  release's x3 / x4 up-samplers, 414,787, 412,032 without biases: the paper's 412 K).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _bisenet_head, _resize_steps, _up2
from jaxeff.gnn.heldout_nets_xxiv import _group_conv
from jaxeff.gnn.heldout_nets_xxiv_b import _up_to
from jaxeff.nets.sesr_npu import npu_d2s

__all__ = ["bisenetv2", "carn_m", "stdc1_seg", "u2netp"]


# -- BiSeNet V2

#: BiSeNet V2 detail branch (arXiv 2004.02147 Table 1): per stage (channels, convs);
#: the first conv of a stage has stride 2
BISENETV2_DETAIL = ((64, 2), (64, 3), (128, 3))
#: semantic branch gather-and-expand stages after the stem (Table 1): (channels,
#: layers); the first layer of a stage has stride 2
BISENETV2_SEMANTIC = ((32, 2), (64, 2), (128, 4))
#: the expansion ratio e of the gather-and-expand layers (Table 1: e = 6)
BISENETV2_EXPAND = 6


def _expand_dw(b: NetBuilder, x: int, e: int, s: int) -> int:
    """A 3x3 depthwise conv with depth multiplier ``e`` (the GE layer's expansion) as
    a CONCATENATION of ``e`` copies of ``x`` and a DEPTHWISE_CONV_2D with multiplier 1:
    the same map up to an order of the output channels that the next 1x1 conv's
    weights absorb. Vela 5.2 maps a multiplier > 1 only on one input channel."""
    return b.dwconv(b.concat([x] * e), 3, s)


def _ge_layer(b: NetBuilder, x: int, c: int, s: int, e: int) -> int:
    """A gather-and-expand layer (Figure 5 (b) / (c)): 3x3 conv RELU, the expanding
    3x3 depthwise conv (with the stride; at stride 2 a second 3x3 depthwise conv),
    1x1 conv to ``c``, ADD of the input (at stride 2: of a 3x3/2 depthwise conv and a
    1x1 conv), RELU fused."""
    cin = b.shape(x)[-1]
    h = _expand_dw(b, b.conv(x, cin, 3, 1, "RELU"), e, s)
    if s == 2:
        h = b.dwconv(h, 3)
    h = b.conv(h, c, 1)
    short = x if s == 1 else b.conv(b.dwconv(x, 3, 2), c, 1)
    return b.add(h, short, "RELU")


def _bga(b: NetBuilder, d: int, s: int) -> int:
    """Bilateral guided aggregation (Figure 6) of the detail map ``d`` (1/8) and the
    semantic map ``s`` (1/32)."""
    c = b.shape(d)[-1]
    left1 = b.conv(b.dwconv(d, 3), c, 1)
    left2 = b.pool(b.conv(d, c, 3, 2), "avg", 3, 2, "SAME")
    right1 = _resize_steps(b, b.conv(s, c, 3), b.shape(d)[1:3], "nearest")
    right2 = b.conv(b.dwconv(s, 3), c, 1)
    left = b.mul(left1, b.act(right1, "LOGISTIC"))
    right = _resize_steps(b, b.mul(left2, b.act(right2, "LOGISTIC")), b.shape(d)[1:3],
                          "nearest")
    return b.conv(b.add(left, right), c, 3, 1, "RELU")


def bisenetv2(b: NetBuilder, x: int, classes: int = 19, head: int = 1024) -> int:
    """BiSeNet V2 on ``x`` (``[1, 512, 1024, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Yu et al., "BiSeNet V2: Bilateral Network with Guided Aggregation for Real-time
    Semantic Segmentation", arXiv 2004.02147 (Table 1, Figures 3-6; the
    CoinCheung/BiSeNet ``bisenetv2`` release recalled, not read, where the paper is
    silent). Detail branch (:data:`BISENETV2_DETAIL`): 3x3 convs RELU, 64 / 64 / 128
    channels, 1/8. Semantic branch: stem block (3x3/2 conv 16 RELU; a 1x1 conv 8
    RELU then 3x3/2 conv 16 RELU beside a 3x3/2 max pool; CONCATENATION, 3x3 conv 16
    RELU; 1/4), gather-and-expand layers (:data:`BISENETV2_SEMANTIC`, e = 6,
    :func:`_ge_layer`) to 128 channels at 1/32, context embedding block (MEAN, its
    batch norm folded into the 1x1 conv 128 RELU that follows, broadcast ADD onto the
    map, 3x3 conv 128 RELU). Aggregation (:func:`_bga`): detail -> 3x3 depthwise +
    1x1 conv and 3x3/2 conv + 3x3/2 average pool (1/32); semantic -> 3x3 conv x4
    up-sampled, and 3x3 depthwise + 1x1 conv; each pair multiplied through a
    LOGISTIC of its semantic side, the 1/32 product x4 up-sampled, ADD, 3x3 conv 128
    RELU. Segmentation head: 3x3 conv ``head`` RELU, 1x1 conv ``classes``, bilinear
    x8 to the input. The training-only booster heads left out.

    [U] the GE layers' depthwise expansion (multiplier 6) as a CONCATENATION of six
    copies + a multiplier-1 depthwise conv (:func:`_expand_dw`; Vela 5.2 maps a
    multiplier > 1 only on one channel); no RELU after the expanding depthwise convs
    (the paper's Figure 5; the release adds one after the last depthwise conv of a
    layer); the BGA's x4 up-samplings nearest-neighbour (the release's
    ``nn.Upsample`` default, recalled; the figure gives no mode); the head's middle
    width 1024 (the release's, recalled; the paper does not give it); the head's x8
    bilinear without half-pixel centres (one RESIZE_BILINEAR x8, the form Vela maps;
    the release uses ``align_corners=False``); SAME padding, the average pool
    excluding the padding (PyTorch counts it); every conv with a bias (batch norm
    folded).
    """
    d = x
    for c, n in BISENETV2_DETAIL:
        for j in range(n):
            d = b.conv(d, c, 3, 2 if j == 0 else 1, "RELU")
    s = b.conv(x, 16, 3, 2, "RELU")
    left = b.conv(b.conv(s, 8, 1, 1, "RELU"), 16, 3, 2, "RELU")
    s = b.conv(b.concat([left, b.pool(s, "max", 3, 2, "SAME")]), 16, 3, 1, "RELU")
    for c, n in BISENETV2_SEMANTIC:
        for j in range(n):
            s = _ge_layer(b, s, c, 2 if j == 0 else 1, BISENETV2_EXPAND)
    g = b.conv(b.mean(s, (1, 2), keep_dims=True), b.shape(s)[-1], 1, 1, "RELU")
    s = b.conv(b.add(s, g), b.shape(s)[-1], 3, 1, "RELU")
    y = b.conv(b.conv(_bga(b, d, s), head, 3, 1, "RELU"), classes, 1)
    return _resize_steps(b, y, b.shape(x)[1:3])


# -- STDC1-Seg

#: STDC1 (STDCNet813; arXiv 2104.13188 Table 1 / the release's ``STDCNet813``):
#: per stage 3-5 (output channels, STDC modules; the first with stride 2)
STDC1 = ((256, 2), (512, 2), (1024, 2))


def _stdc(b: NetBuilder, x: int, c: int, s: int) -> int:
    """An STDC module of 4 blocks (Figure 3): 1x1 conv to ``c / 2`` RELU; at stride 2
    a 3x3/2 depthwise conv on it (no activation); 3x3 convs RELU to ``c / 4``, ``c /
    8``, ``c / 8``, each on the previous; CONCATENATION of the first block (through a
    3x3/2 average pool at stride 2) and the three."""
    first = b.conv(x, c // 2, 1, 1, "RELU")
    h = b.dwconv(first, 3, 2) if s == 2 else first
    outs = []
    for cc in (c // 4, c // 8, c // 8):
        h = b.conv(h, cc, 3, 1, "RELU")
        outs.append(h)
    if s == 2:
        first = b.pool(first, "avg", 3, 2, "SAME")
    return b.concat([first, *outs])


def stdc1_backbone(b: NetBuilder, x: int, taps: list[int] | None = None) -> int:
    """STDC1's stages 1-5 (no ImageNet head): 3x3/2 conv 32 RELU, 3x3/2 conv 64
    RELU, then :data:`STDC1`; the 1/8, 1/16, 1/32 maps appended to ``taps``."""
    x = b.conv(b.conv(x, 32, 3, 2, "RELU"), 64, 3, 2, "RELU")
    for c, n in STDC1:
        for j in range(n):
            x = _stdc(b, x, c, 2 if j == 0 else 1)
        if taps is not None:
            taps.append(x)
    return x


def stdc1_seg(b: NetBuilder, x: int, classes: int = 19) -> int:
    """STDC1-Seg on ``x`` (``[1, 512, 1024, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Fan et al., "Rethinking BiSeNet For Real-time Semantic Segmentation", arXiv
    2104.13188 (Figures 3 and 4, Table 1; the MichaelFan01/STDC-Seg release recalled,
    not read, for the widths the paper leaves out). Backbone: STDC1
    (:func:`stdc1_backbone`, :func:`_stdc`: 1/2 32, 1/4 64, STDC stages of 256 /
    512 / 1024 channels at 1/8, 1/16, 1/32). Decoder: BiSeNet's
    (:func:`jaxeff.gnn.heldout_nets._bisenet_head`, as the release inherits it): the
    1/8 backbone map (256) is the spatial map; global context (MEAN, 1x1 conv 128
    RELU) ADDed to the attention refinement module of the 1/32 map (3x3 conv 128
    RELU, MEAN, 1x1 conv, LOGISTIC, MUL), nearest x2, 3x3 conv 128 RELU, ADD with
    the 1/16 ARM, nearest x2, 3x3 conv 128 RELU; feature fusion (CONCATENATION 384,
    1x1 conv 256 RELU, gate MEAN / 1x1 64 RELU / 1x1 256 / LOGISTIC, MUL, ADD);
    3x3 conv 256 RELU, 1x1 conv ``classes``, bilinear x8. The detail-guidance head
    and the two auxiliary heads (training only) left out.

    [U] the global context broadcast-ADDed (the release resizes the 1x1 map first);
    the x8 up-sampling as three half-pixel bilinear x2 steps (the release resizes
    once with ``align_corners=True``, which Vela 5.2 does not map); SAME padding, the
    STDC modules' 3x3/2 average pool excluding the padding (PyTorch counts it);
    every conv with a bias (batch norm folded; the release's ARM / FFM gate convs
    have none).
    """
    taps: list[int] = []
    stdc1_backbone(b, x, taps)
    return _bisenet_head(b, taps[0], taps[1], taps[2], classes)


# -- U^2-Net small (U2-NetP)

#: U2-NetP's encoder RSU heights, stage 1-6 (arXiv 2005.09007 Figure 5 / Table 1;
#: the last two are RSU-4F)
U2NET_HEIGHTS = (7, 6, 5, 4, 4, 4)
#: RSU-4F dilations of the encoder convs after the first, and of its bottom conv
RSU4F_DILATIONS = (2, 4, 8)


def _rebn(b: NetBuilder, x: int, c: int, d: int = 1) -> int:
    """REBNCONV: 3x3 conv (dilation ``d``), batch norm folded, RELU."""
    return b.conv(x, c, 3, 1, "RELU", dilation=d)


def _rsu(b: NetBuilder, x: int, height: int, mid: int, out: int,
         fine: bool = False) -> int:
    """A residual U-block RSU-``height`` (Figure 3): input conv to ``out``; an encoder
    of ``height - 1`` convs to ``mid`` with 2x2/2 max pools between them, a bottom
    conv of dilation 2; a decoder of ``height - 1`` convs on the CONCATENATION of the
    deeper output (bilinear x2 up-sampled) and the encoder map, the last to ``out``;
    ADD of the input conv. ``fine``: RSU-4F, pools and up-samplings replaced by
    dilations 1, 2, 4 (bottom 8) and back."""
    hin = _rebn(b, x, out)
    enc = [_rebn(b, hin, mid)]
    for i in range(1, height - 1):
        if fine:
            enc.append(_rebn(b, enc[-1], mid, RSU4F_DILATIONS[i - 1]))
        else:
            enc.append(_rebn(b, b.pool(enc[-1], "max", 2, 2, "SAME"), mid))
    y = _rebn(b, enc[-1], mid, RSU4F_DILATIONS[-1] if fine else 2)
    for i in range(height - 2, -1, -1):
        if not fine and i < height - 2:
            y = _up2(b, y)
        d = RSU4F_DILATIONS[i - 1] if fine and i else 1
        y = _rebn(b, b.concat([y, enc[i]]), mid if i else out, d)
    return b.add(y, hin)


def u2netp(b: NetBuilder, x: int, mid: int = 16, out: int = 64) -> int:
    """U2-NetP on ``x`` (``[1, 320, 320, 3]`` for the held-out model); returns the
    fused saliency map ``[1, H, W, 1]`` after its LOGISTIC.

    Qin et al., "U^2-Net: Going Deeper with Nested U-Structure for Salient Object
    Detection", arXiv 2005.09007 (Figures 3 and 5, Section 3.2 and Table 1's small
    version U2-NetP: every RSU with M = 16 middle and 64 output channels; the
    xuebinqin/U-2-Net ``U2NETP`` release recalled, not read). Encoder: RSU-7, -6,
    -5, -4, -4F, -4F (:func:`_rsu`) with 2x2/2 max pools between them (320 ... 10);
    decoder: RSU-4F, -4, -5, -6, -7 each on the CONCATENATION of the deeper output
    (bilinear x2) and the encoder stage's output; side outputs: a 3x3 conv to 1
    channel on each decoder stage and on the last encoder stage, up-sampled to the
    input; fusion: CONCATENATION of the six, 1x1 conv to 1, LOGISTIC.

    [U] only the fused map is an output: the six side maps' LOGISTICs (training
    supervision, also returned by the release) left out, the side convs and their
    up-samplings kept (the fusion takes them); bilinear x2 with half-pixel centres
    (PyTorch's ``align_corners=False``), the side outputs' x4 ... x32 as x8 / x4 /
    x2 chains without them (:func:`jaxeff.gnn.heldout_nets._resize_steps`, the
    factors Vela 5.2 maps); SAME max pools (the release's ``ceil_mode=True``: the
    same sizes here, all even).
    """
    size = b.shape(x)[1:3]
    enc = []
    for i, h in enumerate(U2NET_HEIGHTS):
        if i:
            x = b.pool(x, "max", 2, 2, "SAME")
        x = _rsu(b, x, h, mid, out, fine=i >= 4)
        enc.append(x)
    dec = [x]
    for i in range(len(U2NET_HEIGHTS) - 2, -1, -1):
        y = b.concat([_up2(b, dec[-1]), enc[i]])
        dec.append(_rsu(b, y, U2NET_HEIGHTS[i], mid, out, fine=i >= 4))
    sides = [_up_to(b, b.conv(t, 1, 3), size) for t in reversed(dec)]
    return b.act(b.conv(b.concat(sides), 1, 1), "LOGISTIC")


# -- CARN-M

def _eres_block(b: NetBuilder, x: int, groups: int) -> int:
    """CARN-M's efficient residual block (Figure 3 (c)): grouped 3x3 conv RELU
    (:func:`jaxeff.gnn.heldout_nets_xxiv._group_conv`: SPLIT, one CONV_2D a group,
    CONCATENATION), the same again, 1x1 conv, ADD of the input, RELU fused."""
    h = _group_conv(b, _group_conv(b, x, 3, 1, groups, "RELU"), 3, 1, groups, "RELU")
    return b.add(b.conv(h, b.shape(x)[-1], 1), x, "RELU")


def _cascade(b: NetBuilder, x: int, unit, n: int = 3) -> int:
    """Cascading connections (Figure 2): ``n`` times a unit on the last output, the
    CONCATENATION of everything so far and a 1x1 conv RELU back to the width."""
    c, o = x, x
    for _ in range(n):
        c = b.concat([c, unit(o)])
        o = b.conv(c, b.shape(x)[-1], 1, 1, "RELU")
    return o


def carn_m(b: NetBuilder, x: int, scale: int = 2, width: int = 64, groups: int = 4,
           shuffle: str = "tconv") -> int:
    """CARN-M on ``x`` (``[1, 64, 64, 3]`` for the held-out model); returns the
    ``scale``-times up-sampled RGB image ``[1, sH, sW, 3]``.

    Ahn et al., "Fast, Accurate, and Lightweight Super-Resolution with Cascading
    Residual Network", arXiv 1803.08664 (Figures 2-3, Section 3.3; the
    nmhkahn/CARN-pytorch ``carn_m`` release recalled, not read): entry 3x3 conv 64;
    three cascading blocks, each three efficient residual blocks (:func:`_eres_block`,
    groups 4) in local cascading (:func:`_cascade`: CONCATENATION, 1x1 conv RELU),
    the blocks in the same global cascading; up-sampler: grouped 3x3 conv to ``4 x
    64`` RELU (SPLIT, four CONV_2D 16 -> 64, CONCATENATION), pixel shuffle x2; exit
    3x3 conv to 3 channels.

    [U] the pixel shuffle as one stride-2 TRANSPOSE_CONV with one-hot weights, exactly
    TF's depth-to-space (:func:`jaxeff.nets.sesr_npu.npu_d2s`, the NPU form of the
    SESR / FSRCNN held-out models; Vela 5.2 runs DEPTH_TO_SPACE on the CPU;
    ``shuffle="d2s"`` writes DEPTH_TO_SPACE instead), the order of its input
    channels (PyTorch's pixel shuffle is CRD, TF's DCR) a relabelling of the grouped
    conv's outputs; the recursive weight sharing of the residual blocks within a
    cascading block (one set of weights used three times) as separate constants
    (the same ops); the RGB mean shift before the entry and after the exit convs
    left out (a constant per channel); the x2 up-sampler only (the release's
    multi-scale model also has x3 / x4 ones); SAME padding.
    """
    h = b.conv(x, width, 3)
    h = _cascade(b, h, lambda t: _cascade(b, t, lambda u: _eres_block(b, u, groups)))
    up = b.concat([b.conv(t, scale * scale * width // groups, 3, 1, "RELU")
                   for t in b.split(h, groups)])
    if shuffle == "tconv":
        up = npu_d2s(b, up, scale)
    elif shuffle == "d2s":
        up = b.depth_to_space(up, scale)
    else:
        raise ValueError(f"shuffle must be 'tconv' or 'd2s', got {shuffle!r}")
    return b.conv(up, 3, 3)
