"""Held-out families XLVIII, part B (session 36, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
SuperPoint, a self-supervised interest-point detector and descriptor whose shared
VGG-style encoder feeds a per-cell 65-way keypoint softmax (re-arranged to a
full-resolution heatmap) and an L2-normalised 256-d descriptor map; and CSRNet, a
crowd-counting network of VGG-16's first ten convs and a back end of dilated 3x3
convs writing a density map.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, batch norms folded into the convs,
ReLU fused into them). SuperPoint's depth-to-space 8 is written in the NPU form of
the pre-registration's addendum 2, an exact rewrite of the same function (Vela 5.2
runs DEPTH_TO_SPACE on the CPU): :func:`jaxeff.nets.sesr_npu.npu_d2s`, three 2x2 / 2
VALID TRANSPOSE_CONVs with fixed one-hot shuffle weights and no bias, after the point
head's 1x1 conv's first 64 output channels (weights and biases) are permuted by
:func:`jaxeff.nets.sesr_npu.npu_d2s_perm` (:func:`permute_out_channels`; the SOFTMAX
and the dust-bin slice commute with it), so the heatmap equals the DEPTH_TO_SPACE
8 one for the same seeded weights (``npu=False`` builds that form, the test's
reference). Test models: no training space draws either in its exact
configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlviii_b.py``). Written from the papers' definitions as
recalled; no code was read. Choices the sources leave open, and ours, are marked [U].

* :func:`superpoint`: SuperPoint (DeTone, Malisiewicz & Rabinovich, arXiv 1712.07629)
  on a grey image ``[1, 240, 320, 1]``: eight 3x3 RELU convs (64, 64, 64, 64, 128,
  128, 128, 128) with a 2x2 / 2 MAX_POOL_2D after each pair but the last (240 x 320
  -> 30 x 40); the interest-point head a 3x3 RELU conv 256, a 1x1 conv 65, SOFTMAX,
  the dust-bin dropped by a STRIDED_SLICE to 64 channels and the depth-to-space 8 as
  three x2 TRANSPOSE_CONVs to ``[1, 240, 320, 1]``; the descriptor head a 3x3 RELU
  conv 256, a 1x1 conv 256 and the L2 normalisation written as a RESHAPE to one row
  of 1,200 pixels, MUL (x x), MEAN over the channels, RSQRT, a broadcast MUL and a
  RESHAPE back (Vela 5.2 maps neither L2_NORMALIZATION nor a MEAN over the channels
  of a 30 x 40 map), ``[1, 30, 40, 256]``. Two graph outputs (heatmap,
  descriptors). 26 ops: 12 CONV_2D, 3 MAX_POOL_2D, SOFTMAX, STRIDED_SLICE, 3
  TRANSPOSE_CONV, 2 RESHAPE, 2 MUL, MEAN, RSQRT.
* :func:`csrnet_b`: CSRNet configuration B (Li, Zhang & Chen, arXiv 1802.10062) on
  ``[1, 256, 256, 3]``: VGG-16's first ten 3x3 RELU convs with three 2x2 / 2 max
  pools (64, 64, M, 128, 128, M, 256 x 3, M, 512 x 3; 256 -> 32), six 3x3 RELU convs
  dilated 2 (512, 512, 512, 256, 128, 64) and a 1x1 conv to the density map
  ``[1, 32, 32, 1]``. 20 ops: 17 CONV_2D, 3 MAX_POOL_2D.

The MAC and parameter counts are in the functions' docstrings and pinned in the test
(the fixed shuffle weights counted as every conv's: MACs and parameters). Vela
mapping (checked with ``npu_full`` and Vela's operator support report only, no Vela
figure read): CSRNet full. SuperPoint as first built not full: one op on the CPU, the
DEPTH_TO_SPACE (Vela 5.2 has no DEPTH_TO_SPACE); addendum 2 then fixed the rewrite
above, before any Vela figure of the family existed; rewritten, Vela maps it fully
(``npu_full`` true, checked once). The first build's MEAN over the channels of
``[1, 30, 40, 256]`` also ran on the CPU ("reduction over depth is only supported if
any of h, w, c == 1"); the L2 normalisation's stated [U] replacement therefore
reshapes the map to one row first (:func:`l2_normalise`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.sesr_npu import npu_d2s, npu_d2s_perm

__all__ = ["csrnet_b", "permute_out_channels", "superpoint"]


def permute_out_channels(b: NetBuilder, y: int, perm: Sequence[int]) -> None:
    """Relabel the first ``len(perm)`` output channels of the CONV_2D writing ``y``:
    its new channel ``k`` is its old channel ``perm[k]`` (weights and bias permuted in
    place), so ``y`` becomes ``y[..., perm + the rest]``. Draws nothing from ``b``'s
    generator."""
    op = next(op for op in b.ops if op.outputs == (y,))
    if op.type != "CONV_2D":
        raise ValueError(f"tensor {y} is written by {op.type}, not CONV_2D")
    p = np.asarray(perm)
    for t in op.inputs[1:3]:
        data = b.tensors[t].data
        data[:p.size] = data[p]


# -- DeTone, Malisiewicz & Rabinovich: SuperPoint

#: SuperPoint (arXiv 1712.07629, Section 3 and Figure 3): the encoder's conv widths
#: (a 2x2 max pool after each pair but the last), the heads' width, the cell size
#: (8 x 8 pixels a cell: 64 positions and a dust-bin) and the descriptor's length
SP_ENCODER = (64, 64, 64, 64, 128, 128, 128, 128)
SP_HEAD, SP_CELL, SP_DESC = 256, 8, 256


def l2_normalise(b: NetBuilder, x: int) -> int:
    """``x`` (``[1, H, W, C]``) L2-normalised over its channels, in ops Vela 5.2 maps
    (it does not map L2_NORMALIZATION, nor a MEAN over the channels of a map whose H,
    W and C all exceed 1): RESHAPE to ``[1, 1, H W, C]``, MUL ``x x``, MEAN over the
    channel axis (kept), RSQRT, MUL of ``x`` by it (broadcast over the channels),
    RESHAPE back. ``x rsqrt(mean_c x^2) = sqrt(C) x / ||x||``: the unit vector scaled
    by the constant ``sqrt(C)`` (16 for 256 channels), which the int8 output scale
    absorbs and no descriptor match (a dot product or nearest neighbour) sees."""
    n, h, w, c = b.shape(x)
    x = b.reshape(x, (n, 1, h * w, c))
    ms = b.mean(b.mul(x, x), axes=(3,), keep_dims=True)
    return b.reshape(b.mul(x, b.act(ms, "RSQRT")), (n, h, w, c))


def superpoint(b: NetBuilder, x: int, *, npu: bool = True) -> tuple[int, int]:
    """SuperPoint on ``x`` (``[1, 240, 320, 1]``, a grey image); returns the
    interest-point heatmap ``[1, 240, 320, 1]`` and the descriptor map ``[1, 30, 40,
    256]`` (L2-normalised up to the constant ``sqrt(256)``, see :func:`l2_normalise`);
    ``npu=False``: the depth-to-space a DEPTH_TO_SPACE 8 and no channel permutation
    (the pre-registered operator; the test's reference).

    DeTone, Malisiewicz & Rabinovich, "SuperPoint: Self-Supervised Interest Point
    Detection and Description", CVPRW 2018, arXiv 1712.07629 (Section 3, recalled): a
    VGG-style shared encoder of 3x3 convs with ReLU (and batch norm) and three 2x2
    max pools, 64-64-64-64-128-128-128-128, so an H x W image gives an H/8 x W/8 x 128
    map; the interest-point decoder a 3x3 conv of 256 and a 1x1 conv to 65 channels
    (the 64 pixels of an 8 x 8 cell and a "no interest point" dust-bin), a channel
    softmax, the dust-bin removed and a reshape of the 64 channels to the 8 x 8 cell
    (a sub-pixel / depth-to-space) for the H x W heatmap; the descriptor decoder a 3x3
    conv of 256 and a 1x1 conv to 256, bicubically up-sampled and L2-normalised. The
    paper runs it on 240 x 320 (its timings: 70 FPS on a Titan X).

    Here: CONV_2D 3x3 SAME RELU 64, 64, MAX_POOL_2D, 64, 64, MAX_POOL_2D, 128, 128,
    MAX_POOL_2D, 128, 128 (240 x 320 -> 30 x 40); the point head CONV_2D 3x3 RELU 256,
    CONV_2D 1x1 65 (linear; its first 64 channels permuted by
    :func:`~jaxeff.nets.sesr_npu.npu_d2s_perm`, a relabelling), SOFTMAX,
    STRIDED_SLICE channels 0-63, the depth-to-space 8 as
    :func:`~jaxeff.nets.sesr_npu.npu_d2s` (addendum 2): TRANSPOSE_CONVs 2x2 / 2 VALID
    64 -> 16 (60 x 80), 16 -> 4 (120 x 160), 4 -> 1 (240 x 320), fixed one-hot
    weights, no bias; the descriptor head CONV_2D 3x3 RELU 256, CONV_2D 1x1 256
    (linear) and :func:`l2_normalise` (RESHAPE, MUL, MEAN, RSQRT, MUL, RESHAPE). 26
    ops. This graph counts 6,519,398,400 MACs (encoder 44,236,800 + 2,831,155,200 at
    240 x 320, 2 x 707,788,800 at 120 x 160, 353,894,400 + 707,788,800 at 60 x 80, 2
    x 176,947,200 at 30 x 40; point head 353,894,400 + 19,968,000 and the shuffles
    1,200 x 64 x 4 x 16 = 4,915,200, 4,800 x 16 x 4 x 4 = 1,228,800, 19,200 x 4 x 4
    x 1 = 307,200; descriptor head 353,894,400 + 78,643,200) and 1,305,233
    parameters (learned 1,300,865: encoder 640 + 3 x 36,928 + 73,856 + 3 x 147,584 =
    628,032; point head 295,168 + 16,705; descriptor head 295,168 + 65,792; the
    shuffles' fixed weights 4,096 + 256 + 16 = 4,368; by hand in the test). The
    paper gives no parameter or MAC count.

    [U] (where the source leaves a choice, or where we replace an operator): the
    dust-bin dropped by a STRIDED_SLICE of channels 0-63 (the pre-registered first
    choice); the L2 normalisation as :func:`l2_normalise` (RESHAPE to ``[1, 1,
    1200, 256]``, MUL, MEAN over the channels, RSQRT, MUL, RESHAPE back: Vela 5.2
    maps no L2_NORMALIZATION, and no MEAN over the channels of a map whose H, W and C
    all exceed 1 -- the first build's MEAN on ``[1, 30, 40, 256]`` ran on the CPU;
    no epsilon); the
    depth-to-space in TF's DCR order (the 1x1 conv's seeded channels relabelled);
    its NPU form's channel permutation applied to the 1x1 conv's seeded weights (so
    the seeded draws are the DEPTH_TO_SPACE form's);
    batch norms folded into the convs; SAME padding; the bicubic descriptor
    up-sampling and the heatmap's thresholding and non-maximum suppression left out
    (outside the network, as the pre-registration says); the outputs in the order
    heatmap, descriptors.

    Vela 5.2 (checked once with ``npu_full`` and its operator support report): see
    the module docstring.
    """
    for i, w in enumerate(SP_ENCODER):
        x = b.conv(x, w, 3, 1, "RELU")
        if i % 2 and i < len(SP_ENCODER) - 1:
            x = b.pool(x, "max", 2, 2)
    n, h, w, _ = b.shape(x)
    cells = SP_CELL * SP_CELL
    p = b.conv(b.conv(x, SP_HEAD, 3, 1, "RELU"), cells + 1, 1)
    if npu:
        permute_out_channels(b, p, npu_d2s_perm(1, SP_CELL))
    p = b.strided_slice(b.softmax(p), (0, 0, 0, 0), (n, h, w, cells))
    p = npu_d2s(b, p, SP_CELL) if npu else b.depth_to_space(p, SP_CELL)
    d = l2_normalise(b, b.conv(b.conv(x, SP_HEAD, 3, 1, "RELU"), SP_DESC, 1))
    return p, d


# -- Li, Zhang & Chen: CSRNet

#: CSRNet (arXiv 1802.10062, Table 3): the front end (VGG-16's first ten convs, 0 a
#: 2x2 max pool) and configuration B's back end (3x3 convs dilated 2)
CSR_FRONT = (64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512)
CSR_BACK, CSR_DILATION = (512, 512, 512, 256, 128, 64), 2


def csrnet_b(b: NetBuilder, x: int) -> int:
    """CSRNet configuration B on ``x`` (``[1, 256, 256, 3]``, an RGB image); returns
    the density map ``[1, 32, 32, 1]`` (1/8 of the input).

    Li, Zhang & Chen, "CSRNet: Dilated Convolutional Neural Networks for
    Understanding the Highly Congested Scenes", CVPR 2018, arXiv 1802.10062 (Section
    3.1, Table 3, recalled): the front end VGG-16's first ten 3x3 convs with three of
    its max pools (an output stride of 8), the back end six 3x3 convs (configuration
    A dilation 1, B 2, C 2 and 4, D 4; B the one the paper adopts) of 512, 512, 512,
    256, 128, 64 channels, ReLU throughout, and a 1x1 conv to the one-channel
    density map; "16.26 M" parameters (Table 2's comparison, as recalled).

    Here: CONV_2D 3x3 SAME RELU 64, 64, MAX_POOL_2D 2x2 / 2, 128, 128, MAX_POOL_2D,
    256, 256, 256, MAX_POOL_2D, 512, 512, 512 (256 -> 32); CONV_2D 3x3 SAME RELU
    dilated 2: 512, 512, 512, 256, 128, 64; CONV_2D 1x1 1 (linear). 20 ops. This graph
    counts 27,065,909,248 MACs (front end 113,246,208 + 2,415,919,104 at 256 x 256,
    1,207,959,552 + 2,415,919,104 at 128, 1,207,959,552 + 2 x 2,415,919,104 at 64,
    1,207,959,552 + 2 x 2,415,919,104 at 32; back end 3 x 2,415,919,104 +
    1,207,959,552 + 301,989,888 + 75,497,472; head 65,536) and 16,263,489 parameters
    (front end 7,635,264, back end 8,628,160, head 65; by hand in the test).
    Published: "16.26 M" parameters (pinned within 1 %: +0.02 %).

    [U] the input 256 x 256 (the pre-registered size; the paper trains on crops of
    varying scenes); SAME padding (the dilated convs pad 2); the 1x1 output conv
    linear (a density map); no input normalisation (outside the network).

    Vela 5.2 (checked once with ``npu_full`` and its operator support report): see
    the module docstring.
    """
    for w in CSR_FRONT:
        x = b.conv(x, w, 3, 1, "RELU") if w else b.pool(x, "max", 2, 2)
    for w in CSR_BACK:
        x = b.conv(x, w, 3, 1, "RELU", dilation=CSR_DILATION)
    return b.conv(x, 1, 1)
