"""Held-out families XXVI, part b (session 26, pre-registered before they were built;
issue 22).

Four published networks written with :class:`jaxeff.gnn.build.NetBuilder` (float32,
seeded weights, batch norm folded into each conv's bias, dropout and training-only
heads left out): two real-time segmenters and two pose estimators. Test models only:
no predictor or Vela run chose anything here, and none was run on them. Counts: MACs
as :func:`jaxeff.gnn.graph.total_macs`, parameters = weights + biases (and PReLU
slopes) of this graph. Shared pieces: the ResNet stem and basic blocks and the
MobileNet-v1 body of :mod:`jaxeff.gnn.heldout_nets`, the STDC1 backbone of
:mod:`jaxeff.gnn.heldout_nets_xxv_b`.

Each function's docstring gives the structure, the paper and every [U] choice; op
counts, MACs and parameters of the held-out graphs (the tests pin them):

* :func:`enet` (``enet_512``, arXiv 1606.02147): 193 ops (86 CONV_2D, 67 PRELU, 27
  ADD, 3 MAX_POOL_2D, 3 CONCATENATION, 3 TRANSPOSE_CONV, 2 SPLIT_V, 2
  RESIZE_NEAREST_NEIGHBOR), 1,961,033,728 MACs, 359,567 parameters (the paper's
  Table 3, recalled: 0.37 M; -2.8 %).
* :func:`pp_liteseg_t` (``pp_liteseg_t_1024x512``, arXiv 2204.02681): 87 ops (44
  CONV_2D, 9 CONCATENATION, 7 MEAN, 5 AVERAGE_POOL_2D, 5 RESIZE_BILINEAR, 5 ADD, 3
  DEPTHWISE_CONV_2D, 3 LOGISTIC, 3 SUB, 3 MUL), 11,423,374,336 MACs, 8,022,046
  parameters (no published count recalled with confidence: none pinned).
* :func:`lw_openpose` (``lw_openpose_368``, arXiv 1811.12004): 64 ops (43 CONV_2D,
  14 DEPTHWISE_CONV_2D, 6 ADD, CONCATENATION), 8,881,647,616 MACs, 4,082,546
  parameters (the paper, recalled: 9 GFLOPs, 4.1 M; -1.3 % / -0.4 %).
* :func:`simplebaseline` (``simplebaseline_r18_256x192``, arXiv 1804.06208): 33
  ops (21 CONV_2D, 8 ADD, 3 TRANSPOSE_CONV, MAX_POOL_2D), 2,897,215,488 MACs,
  15,371,153 parameters (no ResNet-18 count published; the ResNet-50 variant,
  ``depth=50``: 5,426,380,800 MACs, 33,972,369 parameters against the 34.0 M and 8.9
  GFLOPs that HRNet's Table 1, arXiv 1902.09212, lists for it: -0.1 % and -39 %, the
  FLOPs counted otherwise there).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import (MOBILENET_V1, RESNET18_BLOCKS, RESNET50_BLOCKS,
                                     _basic_stages, _bottleneck_stages, _mbv1_body,
                                     _resize_steps, _resnet_stem, _up2)
from jaxeff.gnn.heldout_nets_xxv_b import stdc1_backbone

__all__ = ["enet", "lw_openpose", "pp_liteseg_t", "simplebaseline"]


# -- ENet

#: ENet stages 2 and 3 after bottleneck2.0 (arXiv 1606.02147 Table 1): (kind, rate)
#: with kind "conv" (3x3, dilation ``rate``) or "asym" (``rate`` x 1 then 1 x ``rate``)
ENET_STAGE = (("conv", 1), ("conv", 2), ("asym", 5), ("conv", 4), ("conv", 1),
              ("conv", 8), ("asym", 5), ("conv", 16))
#: ENet's bottleneck projection ratio (Section 3: internal width ``out / 4``)
ENET_RATIO = 4


def _prelu(b: NetBuilder, x: int) -> int:
    return b.act(x, "PRELU")


def _enet_bottleneck(b: NetBuilder, x: int, kind: str, rate: int) -> int:
    """An encoder bottleneck (Figure 2 (b)): 1x1 conv to ``C / 4`` PRELU, the middle
    conv (3x3 dilated by ``rate``, or ``rate`` x 1 then 1 x ``rate`` with no
    activation between) PRELU, 1x1 conv back to ``C``, ADD of the input, PRELU."""
    c = b.shape(x)[-1]
    h = _prelu(b, b.conv(x, c // ENET_RATIO, 1))
    if kind == "asym":
        h = b.conv(b.conv(h, c // ENET_RATIO, (rate, 1)), c // ENET_RATIO, (1, rate))
    else:
        h = b.conv(h, c // ENET_RATIO, 3, dilation=rate)
    return _prelu(b, b.add(b.conv(_prelu(b, h), c, 1), x))


def _enet_down(b: NetBuilder, x: int, cout: int) -> int:
    """A downsampling bottleneck: 2x2/2 conv to ``cout / 4`` PRELU, 3x3 conv PRELU,
    1x1 conv to ``cout``; the shortcut a 2x2/2 max pool zero-padded to ``cout``
    channels, written as the ADD of the pool onto the first ``C_in`` channels of the
    main branch (SPLIT_V, ADD, CONCATENATION; the same sum) [U]; PRELU."""
    cin = b.shape(x)[-1]
    h = _prelu(b, b.conv(x, cout // ENET_RATIO, 2, 2))
    h = b.conv(_prelu(b, b.conv(h, cout // ENET_RATIO, 3)), cout, 1)
    lo, hi = b.split_v(h, (cin, cout - cin))
    return _prelu(b, b.concat([b.add(lo, b.pool(x, "max", 2, 2)), hi]))


def _enet_up(b: NetBuilder, x: int, cout: int) -> int:
    """An upsampling bottleneck (decoder, RELU [U]): 1x1 conv to ``cout / 4``, 3x3/2
    TRANSPOSE_CONV, 1x1 conv to ``cout``; the shortcut a 1x1 conv to ``cout`` and
    the max-unpooling as a nearest x2 resize [U]; ADD, RELU fused."""
    h = b.conv(x, cout // ENET_RATIO, 1, 1, "RELU")
    h = b.conv(b.transpose_conv(h, cout // ENET_RATIO, 3, 2, "RELU"), cout, 1)
    short = b.conv(x, cout, 1)
    _, hh, ww, _ = b.shape(short)
    return b.add(h, b.resize(short, (2 * hh, 2 * ww), "nearest"), "RELU")


def _enet_dec(b: NetBuilder, x: int) -> int:
    """A regular decoder bottleneck: 1x1 to ``C / 4``, 3x3, 1x1 back, ADD; RELU."""
    c = b.shape(x)[-1]
    h = b.conv(b.conv(x, c // ENET_RATIO, 1, 1, "RELU"), c // ENET_RATIO, 3, 1, "RELU")
    return b.add(b.conv(h, c, 1), x, "RELU")


def enet(b: NetBuilder, x: int, classes: int = 19) -> int:
    """ENet on ``x`` (``[1, 512, 512, 3]`` for the held-out model); returns the
    per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Paszke et al., "ENet: A Deep Neural Network Architecture for Real-Time Semantic
    Segmentation", arXiv 1606.02147 (Table 1, Figure 2; the authors' Torch release
    recalled, not read). Initial block: CONCATENATION of a 3x3/2 conv of 13 channels
    and a 2x2/2 max pool of the input (16), PRELU. Stage 1: downsampling bottleneck
    to 64 (:func:`_enet_down`), four regular bottlenecks (:func:`_enet_bottleneck`);
    stage 2: downsampling to 128, then :data:`ENET_STAGE` (regular, dilated 2,
    asymmetric 5, dilated 4, regular, dilated 8, asymmetric 5, dilated 16); stage 3:
    :data:`ENET_STAGE` again; stage 4: upsampling bottleneck to 64
    (:func:`_enet_up`), two regular (:func:`_enet_dec`); stage 5: upsampling to 16,
    one regular; fullconv: 2x2/2 TRANSPOSE_CONV (VALID) to ``classes``.

    [U] 19 classes (Cityscapes; the paper also trains CamVid and SUN RGB-D); the
    max-unpooling of the upsampling bottlenecks (no TFLite op; Vela maps none) as a
    nearest x2 RESIZE_NEAREST_NEIGHBOR; the channel zero-padding of the downsampling
    shortcut as SPLIT_V / ADD / CONCATENATION (the same sum; Vela pads H and W
    only); the decoder with RELU, the encoder with PRELU (the release, recalled; the
    paper says PReLU throughout); the 3x3/2 transposed conv of the upsampling
    bottleneck SAME (the release's output padding 1); SAME padding; dropout left out;
    every conv with a bias (batch norm folded; the asymmetric pair's first conv has
    no batch norm in the release); the initial block's PRELU after the
    CONCATENATION.
    """
    h = _prelu(b, b.concat([b.conv(x, 13, 3, 2), b.pool(x, "max", 2, 2)]))
    h = _enet_down(b, h, 64)
    for _ in range(4):
        h = _enet_bottleneck(b, h, "conv", 1)
    h = _enet_down(b, h, 128)
    for kind, rate in ENET_STAGE + ENET_STAGE:
        h = _enet_bottleneck(b, h, kind, rate)
    h = _enet_dec(b, _enet_dec(b, _enet_up(b, h, 64)))
    h = _enet_dec(b, _enet_up(b, h, 16))
    return b.transpose_conv(h, classes, 2, 2, padding="VALID")


# -- PP-LiteSeg-T

#: PP-LiteSeg-T (PaddleSeg ``pp_liteseg_stdc1``, recalled): SPPM inner / output
#: width, UAFM output widths at 1/8, 1/16, 1/32, the segmentation head's middle width
PPLITESEG_SPPM, PPLITESEG_UAFM, PPLITESEG_HEAD = (128, 128), (32, 64, 128), 32


def _sppm(b: NetBuilder, x: int, inner: int, out: int) -> int:
    """The simple pyramid pooling module (Figure 4): average pools to 1x1 (MEAN),
    2x4 and 4x8 bins, each a 1x1 conv ``inner`` RELU, up-sampled to ``x``'s size
    (the 1x1 one broadcast), ADDed; 3x3 conv ``out`` RELU."""
    _, h, _, _ = b.shape(x)
    g = b.conv(b.mean(x, (1, 2), keep_dims=True), inner, 1, 1, "RELU")
    ups = [_resize_steps(b, b.conv(b.pool(x, "avg", k, k), inner, 1, 1, "RELU"),
                         b.shape(x)[1:3]) for k in (h // 2, h // 4)]
    return b.conv(b.add(b.add(ups[0], ups[1]), g), out, 3, 1, "RELU")


def _uafm(b: NetBuilder, low: int, high: int, out: int) -> int:
    """A unified attention fusion module, spatial attention (Figure 5 (b)): the
    low-level map through a 3x3 conv RELU to the high map's width, the high map
    bilinear x2 where it is smaller; the channel MEANs of both concatenated, 3x3
    conv 2 RELU, 3x3 conv 1, LOGISTIC ``a``; ``high + a (low - high)`` (= ``a low +
    (1 - a) high``: SUB, MUL, ADD); 3x3 conv ``out`` RELU."""
    x = b.conv(low, b.shape(high)[-1], 3, 1, "RELU")
    if b.shape(high)[1] < b.shape(x)[1]:
        high = _up2(b, high)
    a = b.concat([b.mean(x, (3,), keep_dims=True), b.mean(high, (3,), keep_dims=True)])
    a = b.act(b.conv(b.conv(a, 2, 3, 1, "RELU"), 1, 3), "LOGISTIC")
    y = b.add(high, b.mul(a, b.sub(x, high)))
    return b.conv(y, out, 3, 1, "RELU")


def pp_liteseg_t(b: NetBuilder, x: int, classes: int = 19) -> int:
    """PP-LiteSeg-T on ``x`` (``[1, 512, 1024, 3]`` for the held-out model); returns
    the per-pixel logits ``[1, H, W, classes]`` (no SOFTMAX).

    Peng et al., "PP-LiteSeg: A Superior Real-Time Semantic Segmentation Model",
    arXiv 2204.02681 (Figures 3-5; widths from PaddleSeg's ``pp_liteseg`` release,
    recalled, not read). Encoder: STDC1
    (:func:`jaxeff.gnn.heldout_nets_xxv_b.stdc1_backbone`; 256 / 512 / 1024 channels
    at 1/8, 1/16, 1/32). SPPM (:func:`_sppm`) on the 1/32 map (128). Flexible
    lightweight decoder: UAFMs (:func:`_uafm`) at 1/32, 1/16, 1/8 with outputs 128,
    64, 32 (:data:`PPLITESEG_UAFM`), each taking the previous one's output as the
    high map. Head: 3x3 conv 32 RELU, 1x1 conv ``classes``, bilinear x8 to the input.

    [U] the spatial attention's channel max left out (NetBuilder has no REDUCE_MAX):
    two channel MEANs (of the low and the high map) in, not four; the SPPM's 2x2 and
    4x4 bins as 2x4 and 4x8 on the 16 x 32 map (the release's adaptive pools give 2x2
    / 4x4 and x8 / x16 up-samplings with unequal factors; here x8 and x4, each one
    RESIZE_BILINEAR without half-pixel centres); the 1x1 bin broadcast-ADDed; the
    UAFM x2 with half-pixel centres (the release's ``align_corners=False``), the
    head's x8 one RESIZE_BILINEAR without them; the two auxiliary heads (training)
    left out; SAME padding, STDC1's 3x3/2 average pools excluding the padding; every
    conv with a bias (batch norm folded).
    """
    taps: list[int] = []
    f32 = stdc1_backbone(b, x, taps)
    y = _sppm(b, f32, *PPLITESEG_SPPM)
    for low, out in zip(reversed(taps), reversed(PPLITESEG_UAFM), strict=True):
        y = _uafm(b, low, y, out)
    y = b.conv(b.conv(y, PPLITESEG_HEAD, 3, 1, "RELU"), classes, 1)
    return _resize_steps(b, y, b.shape(x)[1:3])


# -- Lightweight OpenPose

#: the MobileNet-v1 blocks of Lightweight OpenPose's backbone after the stem up to
#: conv4_2 (the release: conv4_2's stride 1, 1/8 overall), then the dilated conv4_3 and
#: conv4_4 ... conv5_5 (512)
LW_OPENPOSE_BLOCKS = MOBILENET_V1[:5] + ((1, 512),)
#: CPM / stage width, refinement blocks, heatmaps (18 keypoints + background), PAFs
LW_OPENPOSE_WIDTH, LW_OPENPOSE_REFINE, LW_HEATMAPS, LW_PAFS = 128, 5, 19, 38


def _lw_branches(b: NetBuilder, x: int, mid: int) -> tuple[int, int]:
    """The two output branches of a stage: 1x1 conv ``mid`` RELU, 1x1 conv to the
    heatmaps; the same to the PAFs."""
    heat, paf = (b.conv(b.conv(x, mid, 1, 1, "RELU"), n, 1)
                 for n in (LW_HEATMAPS, LW_PAFS))
    return heat, paf


def lw_openpose(b: NetBuilder, x: int) -> tuple[int, int]:
    """Lightweight OpenPose (MobileNet-v1, one refinement stage) on ``x`` (``[1, 368,
    368, 3]`` for the held-out model); returns the refinement stage's heatmaps
    ``[1, H/8, W/8, 19]`` and PAFs ``[1, H/8, W/8, 38]``.

    Osokin, "Real-time 2D Multi-Person Pose Estimation on CPU: Lightweight
    OpenPose", arXiv 1811.12004 (Sections 3-4; the Daniil-Osokin release recalled,
    not read). Backbone: MobileNet-v1 (:func:`jaxeff.gnn.heldout_nets._mbv1_body`,
    RELU) to conv4_2 without its stride (:data:`LW_OPENPOSE_BLOCKS`), conv4_3 with
    the 3x3 depthwise dilated by 2, conv4_4 ... conv5_5 (512, 1/8). CPM: 1x1 conv
    128 RELU, three depthwise-separable 3x3 blocks (depthwise, 1x1), ADD, 3x3 conv
    128 RELU. Initial stage: three 3x3 convs 128 RELU, branches (1x1 512 RELU, 1x1
    to 19 / 38). Refinement stage on the CONCATENATION of the CPM output, the
    heatmaps and the PAFs (185): five blocks (1x1 conv 128 RELU; 3x3 conv RELU,
    3x3 conv dilation 2 RELU; ADD), branches (1x1 128 RELU, 1x1 to 19 / 38).

    [U] the CPM's ELUs as RELU (NetBuilder has no ELU); the initial stage's outputs
    are no graph outputs (the release returns them too, for training); the stem and
    backbone RELU, not RELU6 (the release's ``nn.ReLU``); SAME padding; every conv
    with a bias (batch norm folded; the release's CPM and stage convs have biases).
    """
    h = _mbv1_body(b, x, blocks=LW_OPENPOSE_BLOCKS, act_fn="RELU")[-1]
    for d in (2, 1, 1, 1, 1):
        h = b.conv(b.dwconv(h, 3, 1, "RELU", dilation=d), 512, 1, 1, "RELU")
    c = b.conv(h, LW_OPENPOSE_WIDTH, 1, 1, "RELU")
    t = c
    for _ in range(3):
        t = b.conv(b.dwconv(t, 3, 1, "RELU"), LW_OPENPOSE_WIDTH, 1, 1, "RELU")
    c = b.conv(b.add(c, t), LW_OPENPOSE_WIDTH, 3, 1, "RELU")
    t = c
    for _ in range(3):
        t = b.conv(t, LW_OPENPOSE_WIDTH, 3, 1, "RELU")
    heat, paf = _lw_branches(b, t, 512)
    t = b.concat([c, heat, paf])
    for _ in range(LW_OPENPOSE_REFINE):
        t = b.conv(t, LW_OPENPOSE_WIDTH, 1, 1, "RELU")
        r = b.conv(b.conv(t, LW_OPENPOSE_WIDTH, 3, 1, "RELU"), LW_OPENPOSE_WIDTH, 3, 1,
                   "RELU", dilation=2)
        t = b.add(t, r)
    return _lw_branches(b, t, LW_OPENPOSE_WIDTH)


# -- SimpleBaseline

#: SimpleBaseline's deconvolution head (arXiv 1804.06208 Section 2): layers, width,
#: kernel (stride 2)
SIMPLEBASELINE_DECONV = (3, 256, 4)


def simplebaseline(b: NetBuilder, x: int, depth: int = 18, joints: int = 17) -> int:
    """SimpleBaseline on a ResNet-``depth`` (18 or 50) on ``x`` (``[1, 256, 192, 3]``
    for the held-out model); returns the heatmaps ``[1, H/4, W/4, joints]``.

    Xiao, Wu and Wei, "Simple Baselines for Human Pose Estimation and Tracking",
    ECCV 2018, arXiv 1804.06208 (Section 2, Figure 1 (c)): the ResNet backbone
    without its head (:func:`jaxeff.gnn.heldout_nets._resnet_stem` and basic or
    bottleneck stages; 1/32), three 4x4/2 TRANSPOSE_CONVs of 256 channels RELU
    (:data:`SIMPLEBASELINE_DECONV`; 1/4), a 1x1 conv to ``joints`` (17 COCO
    keypoints).

    [U] the ResNet-18 backbone (the paper reports ResNet-50 / 101 / 152; the
    release's model zoo has none for 18, later toolboxes do); the transposed convs
    SAME (exactly x2: the release's padding 1, output padding 0); the bottleneck
    stride on the 3x3 conv (torchvision's layout) for ``depth=50``; every conv with
    a bias (batch norm folded).
    """
    h = _resnet_stem(b, x)
    if depth == 18:
        h = _basic_stages(b, h, RESNET18_BLOCKS)
    elif depth == 50:
        h = _bottleneck_stages(b, h, RESNET50_BLOCKS)
    else:
        raise ValueError(f"depth must be 18 or 50, got {depth!r}")
    n, width, k = SIMPLEBASELINE_DECONV
    for _ in range(n):
        h = b.transpose_conv(h, width, k, 2, "RELU")
    return b.conv(h, joints, 1)
