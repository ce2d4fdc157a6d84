"""Held-out families XXXIV, part a (session 30, pre-registered before being built;
issue 22): four published networks that keep maps alive across many operators or
up-sample with transposed convolutions: the stacked hourglass with one stack, a 2-D
Attention U-Net, Light-Weight RefineNet on MobileNet-v2 and the DCGAN generator.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias where it can be, a bias on every conv). Test models: no
training space draws any of them in its exact configuration (each one's
distinguishing values are in ``models.json``'s overlap and pinned in
``tests/gnn/test_heldout_nets_xxxiv.py``). Choices the sources leave open are marked
[U]; "recalled" marks what is written from memory of the papers, "read" what was read
in the authors' releases.

* :func:`stacked_hourglass`: Newell, Yang & Deng (arXiv 1603.06937) with one stack on
  256 x 256 x 3: a 7x7/2 conv, pre-activation bottleneck residual modules, a depth-4
  hourglass (2x2 max pools, nearest x2 up-sampling, ADD of the skip branch), 1x1
  convs to 16 heatmaps at 64 x 64. 120 ops.
* :func:`attention_unet`: Oktay et al.'s Attention U-Net (arXiv 1804.03999) in 2-D on
  128 x 128 x 1: a 4-pool U-Net of 16-256 filters, additive attention gates on three
  skips (strided conv of x, 1x1 conv of g, ADD RELU, 1x1 conv to 1, LOGISTIC,
  bilinear x2, MUL), bilinear x2 up-sampling, CONCATENATION; SOFTMAX of 2. 53 ops.
* :func:`lw_refinenet_mnv2`: Light-Weight RefineNet (Nekrasov, Shen & Reid, arXiv
  1810.03272) on the MobileNet-v2 encoder at 256 x 256 x 3: 1x1 convs to 256 on six
  encoder stages, chained residual pooling (5x5/1 max pool, 1x1 conv, ADD; 4
  stages), bilinear x2 up-sampling, a 3x3 conv to 21 classes at 64 x 64. 128 ops.
* :func:`dcgan_generator`: the DCGAN generator (Radford, Metz & Chintala, arXiv
  1511.06434) from a 100-d code: FC to 4 x 4 x 1024, RESHAPE, four 5x5/2
  TRANSPOSE_CONVs to 64 x 64 x 3, TANH. 7 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test (the TRANSPOSE_CONVs count ``H_i W_i C_i
K_h K_w C_o``, :func:`jaxeff.gnn.graph.op_macs`).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import MOBILENET_V2, _nearest_x2, _up2
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["AUNET_FILTERS", "DCGAN_K", "DCGAN_SIDE", "DCGAN_WIDTHS", "DCGAN_Z",
           "HG_DEPTH", "HG_FEATS", "LW_CRP_STAGES", "LW_WIDTH", "attention_unet",
           "dcgan_generator", "lw_refinenet_mnv2", "stacked_hourglass"]


# -- Newell et al.: the stacked hourglass

#: the hourglass (arXiv 1603.06937, Section 3; the authors' ``pose-hg-train``
#: ``src/models/hg.lua``, read): recursion depth and features
HG_DEPTH, HG_FEATS = 4, 256


def _residual(b: NetBuilder, x: int, c: int) -> int:
    """Newell's residual module (``Residual.lua``, read): batch norm, ReLU, 1x1 conv
    to ``c / 2``, BN ReLU, 3x3 conv, BN ReLU, 1x1 conv to ``c``; ADD of the input (a 1x1
    conv where its width is not ``c``). The first batch norm (its input feeds the
    skip too) as MUL + ADD RELU; the others folded into the conv before them."""
    h = b.conv(bn_relu(b, x), c // 2, 1, 1, "RELU")
    h = b.conv(b.conv(h, c // 2, 3, 1, "RELU"), c, 1)
    return b.add(h, x if b.shape(x)[-1] == c else b.conv(x, c, 1))


def _hourglass(b: NetBuilder, x: int, n: int) -> int:
    """An hourglass of depth ``n`` on ``x``: a residual module at this scale (the
    upper branch); a 2x2 max pool, a module, the hourglass of depth ``n - 1`` (a module
    at ``n = 1``), a module, nearest x2 up-sampling; ADD of the two branches."""
    up = _residual(b, x, HG_FEATS)
    low = _residual(b, b.pool(x, "max", 2, 2), HG_FEATS)
    low = _hourglass(b, low, n - 1) if n > 1 else _residual(b, low, HG_FEATS)
    return b.add(up, _nearest_x2(b, _residual(b, low, HG_FEATS)))


def stacked_hourglass(b: NetBuilder, x: int, stacks: int = 1, joints: int = 16) -> int:
    """The stacked hourglass network on ``x`` (``[1, 256, 256, 3]``); returns the last
    stack's heatmaps ``[1, 64, 64, joints]``.

    Newell, Yang & Deng, "Stacked Hourglass Networks for Human Pose Estimation", ECCV
    2016, arXiv 1603.06937 (Section 3, Figures 3-4, recalled; the layers read in the
    release's ``hg.lua`` and ``Residual.lua``): a 7x7/2 conv of 64 (BN, ReLU), a
    residual module to 128, a 2x2 max pool, modules to 128 and 256 (64 x 64); per
    stack an hourglass of depth 4 (13 modules; 64 -> 4 pixels and back), a module,
    a 1x1 conv 256 (BN, ReLU), a 1x1 conv to the 16 MPII joints; between stacks 1x1
    convs of the features and of the heatmaps ADDed to the stack's input. Residual
    modules are pre-activation bottlenecks 256 -> 128 -> 128 -> 256. One stack: 17
    modules, 5,150,343,168 MACs and 3,417,616 parameters at 256 x 256 (by hand in the
    test). Published: no one-stack count; the 8-stack network (``stacks=8``) counts
    25,371,520 parameters against the 25.1 M quoted for it (HRNet, arXiv 1902.09212,
    Table 1, recalled: +1 %) and at 256 x 192 20,580,139,008 MACs against the 14.3
    GFLOPs quoted there (+44 %: not pinned, that count not reproduced here).

    [U] the pre-activation batch norms as per-channel MUL + ADD with RELU fused (17,
    one per module; the stem's, the two inside each module and the 1x1 head's folded
    into the conv before them, RELU fused); nearest x2 as RESIZE_NEAREST_NEIGHBOR;
    SAME for Torch's pad 3 / pad 1; only the last stack's heatmaps an output
    (intermediate supervision left out); 16 joints (MPII).
    """
    x = b.conv(x, 64, 7, 2, "RELU")
    x = b.pool(_residual(b, x, 128), "max", 2, 2)
    x = _residual(b, _residual(b, x, 128), HG_FEATS)
    for i in range(stacks):
        y = b.conv(_residual(b, _hourglass(b, x, HG_DEPTH), HG_FEATS), HG_FEATS, 1, 1,
                   "RELU")
        out = b.conv(y, joints, 1)
        if i < stacks - 1:
            x = b.add(b.add(x, b.conv(y, HG_FEATS, 1)), b.conv(out, HG_FEATS, 1))
    return out


# -- Oktay et al.: Attention U-Net

#: the U-Net of the release's ``unet_CT_single_att_dsv_3D`` (read): ``[64, 128, 256,
#: 512, 1024] / feature_scale 4``, four 2x2 max pools
AUNET_FILTERS = (16, 32, 64, 128, 256)


def _attention_gate(b: NetBuilder, x: int, g: int) -> int:
    """The additive attention gate (arXiv 1804.03999 Eq. 1-2, Fig. 2; the release's
    ``_GridAttentionBlockND._concatenation``, read) of skip ``x`` by the coarser ``g``:
    theta a 2x2/2 conv of ``x`` to its own width, phi a 1x1 conv of ``g``, ADD RELU,
    psi a 1x1 conv to 1, LOGISTIC, bilinear x2 back to ``x``'s grid, MUL with ``x``
    (broadcast over the channels)."""
    c = b.shape(x)[-1]
    q = b.add(b.conv(x, c, 2, 2, padding="VALID"), b.conv(g, c, 1), "RELU")
    return b.mul(x, _up2(b, b.act(b.conv(q, 1, 1), "LOGISTIC")))


def attention_unet(b: NetBuilder, x: int, classes: int = 2) -> int:
    """A 2-D Attention U-Net on ``x`` (``[1, 128, 128, 1]``); returns the per-pixel
    SOFTMAX ``[1, 128, 128, classes]``.

    Oktay, Schlemper, Le Folgoc, Lee, Heinrich, Misawa, Mori, McDonagh, Hammerla,
    Kainz, Glocker & Rueckert, "Attention U-Net: Learning Where to Look for the
    Pancreas", MIDL 2018, arXiv 1804.03999 (Figures 1-2, recalled; the layers read in
    the authors' ``Attention-Gated-Networks``): a U-Net of two 3x3 convs (BN, ReLU) a
    level, 2x2 max pools, filters :data:`AUNET_FILTERS`; attention gates on the skips
    of levels 2-4, each gated by the decoder map one level coarser (the bottom map
    for level 4); per decoder level bilinear x2 up-sampling, CONCATENATION ``[gated
    skip, up-sampled]``, two 3x3 convs; a 1x1 conv to the classes, softmax. This
    graph counts 890,036,224 MACs and 2,092,053 parameters (by hand in the test).
    Published: no 2-D count; the paper's 3-D U-Net of these filters (3x3x3 kernels)
    counts 5,884,050 parameters by hand, against 5.88 M in its Table (recalled; its
    Attention U-Net's 6.40 M fits the release's two gates a skip with output and
    combining convs, 6.47 M by hand: not built, not pinned).

    [U] 2-D, 128 x 128 x 1; one gate a skip as Eq. 1-2 (the release's output 1x1
    conv + BN, its combining 1x1 conv and its extra 1x1 gating conv on the bottom map
    left out), theta as the release's 2x2/2 conv (the paper's W_x a 1x1 linear map,
    recalled), F_int = the skip's width (the release's); bilinear x2 with half-pixel
    centres for the release's trilinear up-sampling (the form Vela maps); no deep
    supervision; 2 classes (pancreas / background), SAME convs.
    """
    skips = []
    for i, c in enumerate(AUNET_FILTERS):
        if i:
            x = b.pool(x, "max", 2, 2)
        x = b.conv(b.conv(x, c, 3, 1, "RELU"), c, 3, 1, "RELU")
        skips.append(x)
    for i in range(len(AUNET_FILTERS) - 2, -1, -1):
        skip, c = skips[i], AUNET_FILTERS[i]
        skip = _attention_gate(b, skip, x) if i else skip
        x = b.concat([skip, _up2(b, x)])
        x = b.conv(b.conv(x, c, 3, 1, "RELU"), c, 3, 1, "RELU")
    return b.softmax(b.conv(x, classes, 1))


# -- Nekrasov et al.: Light-Weight RefineNet, MobileNet-v2

#: the decoder's width and the CRP blocks' stages (the release's ``models/mobilenet.py``
#: and ``utils/layer_factory.py``, read)
LW_WIDTH, LW_CRP_STAGES = 256, 4


def _mbv2_stages(b: NetBuilder, x: int) -> list[int]:
    """The release's MobileNet-v2 encoder (``MBv2.layer1-8``): a 3x3/2 conv of 32 and
    the 17 inverted residual blocks of :data:`MOBILENET_V2` (RELU6), each with its 1x1
    expansion conv, at t = 1 too; returns the seven stages' outputs."""
    x = b.conv(x, 32, 3, 2, "RELU6")
    outs = []
    for t, c, n, s in MOBILENET_V2:
        for j in range(n):
            cin = b.shape(x)[-1]
            h = b.conv(x, cin * t, 1, 1, "RELU6")
            h = b.conv(b.dwconv(h, 3, s if j == 0 else 1, "RELU6"), c, 1)
            x = b.add(h, x) if (j or s == 1) and cin == c else h
        outs.append(x)
    return outs


def _crp(b: NetBuilder, x: int) -> int:
    """Chained residual pooling: per stage a 5x5/1 SAME max pool of the chain, a 1x1
    conv, ADD onto the running sum."""
    top = x
    for _ in range(LW_CRP_STAGES):
        top = b.conv(b.pool(top, "max", 5, 1, "SAME"), LW_WIDTH, 1)
        x = b.add(top, x)
    return x


def lw_refinenet_mnv2(b: NetBuilder, x: int, classes: int = 21) -> int:
    """Light-Weight RefineNet on MobileNet-v2 on ``x`` (``[1, 256, 256, 3]``); returns
    the logits ``[1, 64, 64, classes]`` (stride 4).

    Nekrasov, Shen & Reid, "Light-Weight RefineNet for Real-Time Semantic
    Segmentation", BMVC 2018, arXiv 1810.03272 (Section 3, Figure 2, recalled; the
    layers read in the authors' release): the MobileNet-v2 encoder; 1x1 convs (no
    bias) to 256 on the outputs of stages 2-7 (24 ... 320 channels); from the bottom,
    per scale the 1x1 maps and the up-sampled coarser map summed (ReLU6), a CRP block
    of 4 stages (5x5/1 max pool, 1x1 conv, ADD), a 1x1 adapting conv, bilinear
    up-sampling to the next scale (8 -> 16 -> 32 -> 64 here; x/32 and x/16 each sum
    two stages' maps); a 3x3 conv to 21 PASCAL VOC classes on the x/4 map. This
    graph counts 2,145,968,128 MACs and 3,275,157 parameters (encoder 381,739,008 /
    1,796,992, decoder 1,764,229,120 / 1,478,165, by hand in the test). Published
    (recalled): 3.3 M parameters (-1 %) and 9.3 B FLOPs at 512 x 512 [U: the
    resolution] (this graph there 8,583,872,512 MACs, -8 %).

    [U] 256 x 256 (the pre-registered size; the paper quotes FLOPs at 512 x 512,
    recalled); a bias on the release's bias-free 1x1 convs (+6,400 parameters);
    bilinear x2 with half-pixel centres for the release's ``align_corners=True``
    (the form Vela maps); the output at stride 4 (the release up-samples in the
    loss); SAME convs and pools for its symmetric padding.
    """
    _, l3, l4, l5, l6, l7, l8 = _mbv2_stages(b, x)
    y = None
    for i, feats in enumerate(((l8, l7), (l6, l5), (l4,), (l3,))):
        parts = [b.conv(f, LW_WIDTH, 1) for f in feats] + ([y] if y is not None else [])
        y = parts[0]
        for j, p in enumerate(parts[1:], 2):
            y = b.add(y, p, "RELU6" if j == len(parts) else "NONE")
        y = _crp(b, y)
        if i < 3:
            y = _up2(b, b.conv(y, LW_WIDTH, 1))
    return b.conv(y, classes, 3)


# -- Radford et al.: the DCGAN generator

#: the generator (arXiv 1511.06434, Figure 1): code size, the projected map's side
#: and width, the transposed convs' widths, kernel
DCGAN_Z, DCGAN_SIDE, DCGAN_WIDTHS, DCGAN_K = 100, 4, (1024, 512, 256, 128, 3), 5


def dcgan_generator(b: NetBuilder, x: int) -> int:
    """The DCGAN generator on ``x`` (``[1, 100]``: the code z); returns the TANH image
    ``[1, 64, 64, 3]``.

    Radford, Metz & Chintala, "Unsupervised Representation Learning with Deep
    Convolutional Generative Adversarial Networks", ICLR 2016, arXiv 1511.06434
    (Section 3 and Figure 1, recalled): z of 100 projected by a matrix product and
    reshaped to 4 x 4 x 1024; four fractionally-strided convolutions (5x5, stride 2)
    to 8 x 8 x 512, 16 x 16 x 256, 32 x 32 x 128 and 64 x 64 x 3; batch norm and ReLU
    after every layer but the last, tanh at the output. This graph counts 640,614,400
    MACs (FC 1,638,400; three TRANSPOSE_CONVs of 209,715,200; the last 9,830,400) and
    18,868,483 parameters (by hand in the test). Published: no count in the paper.

    [U] the projection as FULLY_CONNECTED (RELU fused, its batch norm folded per
    output) then RESHAPE; the batch norms folded into the TRANSPOSE_CONVs as biases,
    RELU fused; SAME transposed convs (output 2x the input); TANH standalone.
    """
    c0 = DCGAN_WIDTHS[0]
    x = b.reshape(b.fc(x, DCGAN_SIDE * DCGAN_SIDE * c0, "RELU"),
                  (1, DCGAN_SIDE, DCGAN_SIDE, c0))
    for c in DCGAN_WIDTHS[1:-1]:
        x = b.transpose_conv(x, c, DCGAN_K, 2, "RELU")
    return b.act(b.transpose_conv(x, DCGAN_WIDTHS[-1], DCGAN_K, 2), "TANH")
