"""Held-out families XXXVI, part b (session 31, pre-registered before being built;
issue 22): four published networks of kinds not yet tested (SRCNN 9-1-5 and VDSR
super-resolution on 64 x 64 x 1, the fast OverFeat model at 231 and FlowNetSimple
optical flow on two stacked frames at 384 x 512).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch normalisation folded
where there is any (none of the four has it), dropout left out at inference). Test
models: no training space (:mod:`jaxeff.gnn.spaces` and its siblings) draws any of
them in its exact configuration; the values by which each misses are in
``experiments/perfsage_heldout.py``'s ``MODELS`` and pinned in
``tests/gnn/test_heldout_nets_xxxvi_b.py``. Choices the sources leave open, and
whatever is recalled rather than read, are marked [U]; all four are written from the
papers as recalled, no code was read.

* :func:`srcnn_915`: SRCNN 9-1-5 (Dong, Loy, He & Tang, arXiv 1501.00092): 9x9 conv
  64 RELU, 1x1 conv 32 RELU, 5x5 conv 1, SAME. 3 ops.
* :func:`vdsr`: VDSR (Kim, Lee & Lee, arXiv 1511.04587): 20 3x3 convs of 64 (RELU on
  the first 19, the last to 1 channel), ADD of the input. 21 ops.
* :func:`overfeat_fast`: OverFeat, fast model (Sermanet et al., arXiv 1312.6229):
  five convs (the first 11x11/4), three 2x2/2 max pools, three FULLY_CONNECTED,
  SOFTMAX. 13 ops.
* :func:`flownets`: FlowNetSimple (Dosovitskiy et al., arXiv 1504.06852): ten strided
  and plain convs with standalone LEAKY_RELU 0.1, then a refinement of four 4x4/2
  TRANSPOSE_CONV up-samplings of features and of the flow, CONCATENATED with the
  contracting part's maps, five 3x3 flow predictions; the last (1/4 resolution) is
  the output. 41 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["FLOWNETS_CONTRACT", "FLOWNETS_DECONV", "flownets", "overfeat_fast",
           "srcnn_915", "vdsr"]


def srcnn_915(b: NetBuilder, x: int) -> int:
    """SRCNN 9-1-5 on ``x`` (``[1, 64, 64, 1]``, the bicubic-upscaled luminance);
    returns the restored ``[1, 64, 64, 1]``.

    Dong, Loy, He & Tang, "Image Super-Resolution Using Deep Convolutional Networks",
    arXiv 1501.00092 (TPAMI 2016), Section 3 (recalled): patch extraction, a 9x9 conv
    of 64 filters with RELU; non-linear mapping, a 1x1 conv of 32 with RELU;
    reconstruction, a 5x5 conv to 1, linear. 3 CONV_2D. This graph counts 32,899,072
    MACs (4,096 pixels x 8,032) and 8,129 parameters (8,032 weights, 97 biases).
    Published: 8,032 parameters for 9-1-5 (the weights alone; exact).

    [U] 64 x 64 (pre-registered); SAME padding (the paper trains unpadded, VALID, and
    its output is 20 pixels smaller; SAME keeps the input's size, as its test-time
    use does); the convs with a bias (the paper's have one).
    """
    x = b.conv(x, 64, 9, 1, "RELU")
    x = b.conv(x, 32, 1, 1, "RELU")
    return b.conv(x, 1, 5)


def vdsr(b: NetBuilder, x: int, depth: int = 20, width: int = 64) -> int:
    """VDSR on ``x`` (``[1, 64, 64, 1]``, the interpolated luminance); returns the
    restored ``[1, 64, 64, 1]``.

    Kim, Lee & Lee, "Accurate Image Super-Resolution Using Very Deep Convolutional
    Networks", arXiv 1511.04587 (CVPR 2016), Section 3.1 (recalled): ``depth`` = 20
    layers of 3x3 convs, 64 filters each, zero-padded to keep the size, RELU after all
    but the last, which outputs the one-channel residual; the residual ADDed to the
    input (global residual learning). 21 ops: 20 CONV_2D, ADD. This graph counts
    2,722,627,584 MACs (4,096 pixels x 664,704) and 665,921 parameters (664,704
    weights, 1,217 biases). Published (recalled): about 665 K parameters (weights
    +0.0 %, with biases +0.1 %).

    [U] 64 x 64 (pre-registered); the convs with a bias; the ADD as the last op (the
    input plus the residual, no clipping).
    """
    y = x
    for i in range(depth - 1):
        y = b.conv(y, width, 3, 1, "RELU")
    return b.add(b.conv(y, b.shape(x)[-1], 3), x)


def overfeat_fast(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """OverFeat's fast model on ``x`` (``[1, 231, 231, 3]``); returns the SOFTMAX
    output ``[1, classes]``.

    Sermanet, Eigen, Zhang, Mathieu, Fergus & LeCun, "OverFeat: Integrated Recognition,
    Localization and Detection using Convolutional Networks", arXiv 1312.6229 (ICLR
    2014), Table 1 (recalled): conv 11x11/4 96 RELU (56 x 56), max pool 2x2/2 (28);
    conv 5x5 256 RELU (24), max pool 2x2/2 (12); conv 3x3 512, 3x3 1024, 3x3 1024, each
    zero-padded by 1 and RELU (12 x 12); max pool 2x2/2 (6 x 6); the flattened 6 x 6 x
    1024 map (RESHAPE) to FC 3072 RELU, FC 4096 RELU, FC 1000, SOFTMAX; dropout left
    out. 13 ops: 5 CONV_2D, 3 MAX_POOL_2D, 3 FULLY_CONNECTED, RESHAPE, SOFTMAX. This
    graph counts 2,801,403,904 MACs and 145,920,872 parameters (145,909,792 weights,
    11,080 biases). Published (Table 4, recalled): 145 M parameters (+0.6 %) and
    2,810 M connections (-0.3 %).

    [U] VALID padding for the first two convs and the pools, SAME for the three 3x3
    convs (the padding that gives Table 1's 56, 24, 12 and 6); the flatten in NHWC
    order (the release's is channel-major: the same weights permuted); the paper's
    spatial contrast normalisation left out (the fast model has none).
    """
    x = b.pool(b.conv(x, 96, 11, 4, "RELU", "VALID"), "max", 2, 2)
    x = b.pool(b.conv(x, 256, 5, 1, "RELU", "VALID"), "max", 2, 2)
    for c in (512, 1024, 1024):
        x = b.conv(x, c, 3, 1, "RELU")
    x = b.pool(x, "max", 2, 2)
    _, h, w, c = b.shape(x)
    x = b.fc(b.fc(b.reshape(x, (1, h * w * c)), 3072, "RELU"), 4096, "RELU")
    return b.softmax(b.fc(x, classes))


#: FlowNetS's contracting part (arXiv 1504.06852, Figure 2; the release's layer names):
#: (name, filters, kernel, stride)
FLOWNETS_CONTRACT = (("conv1", 64, 7, 2), ("conv2", 128, 5, 2), ("conv3", 256, 5, 2),
                     ("conv3_1", 256, 3, 1), ("conv4", 512, 3, 2),
                     ("conv4_1", 512, 3, 1), ("conv5", 512, 3, 2),
                     ("conv5_1", 512, 3, 1), ("conv6", 1024, 3, 2),
                     ("conv6_1", 1024, 3, 1))
#: the refinement's deconvolutions, deconv5 ... deconv2, and the map each joins
FLOWNETS_DECONV = ((512, "conv5_1"), (256, "conv4_1"), (128, "conv3_1"), (64, "conv2"))


def flownets(b: NetBuilder, x: int, leak: float = 0.1) -> int:
    """FlowNetSimple on ``x`` (``[1, 384, 512, 6]``, two RGB frames stacked on the
    channel axis); returns the flow at a quarter of the resolution, ``[1, 96, 128,
    2]``.

    Dosovitskiy, Fischer, Ilg, Haeusser, Hazirbas, Golkov, van der Smagt, Cremers &
    Brox, "FlowNet: Learning Optical Flow with Convolutional Networks", arXiv
    1504.06852 (ICCV 2015), Section 3 and Figures 2-3 (recalled): the contracting part
    :data:`FLOWNETS_CONTRACT` (7x7/2 64, 5x5/2 128, 5x5/2 256, 3x3 256, 3x3/2 512, 3x3
    512, 3x3/2 512, 3x3 512, 3x3/2 1024, 3x3 1024; 384 x 512 -> 6 x 8), each conv
    followed by a standalone LEAKY_RELU 0.1; the refinement, from conv6_1: a 3x3 conv
    to the 2-channel flow (predict_flow6), a 4x4/2 TRANSPOSE_CONV of the features
    (:data:`FLOWNETS_DECONV`: deconv5 of 512, then 256, 128, 64) with LEAKY_RELU, a
    4x4/2 TRANSPOSE_CONV of the flow (2 -> 2, linear), CONCATENATION of the
    contracting map of that size, the deconvolution and the up-sampled flow (1026,
    770, 386, 194 channels), predict_flow5 ... 3 from it, up to predict_flow2 (96 x
    128), the output. 41 ops: 15 CONV_2D, 14 LEAKY_RELU, 8 TRANSPOSE_CONV, 4
    CONCATENATION. This graph counts 15,787,782,912 MACs (TRANSPOSE_CONVs counted per
    input pixel) and 38,675,546 parameters (38,670,736 weights and the convs' 4,810
    biases). Published (recalled, as later flow papers tabulate it): 38.67 M
    parameters (weights exact; with biases +0.01 %); no multiply-add count recalled.

    [U] conv6_1 (3x3 1024 at 6 x 8): not in the paper's figure as recalled, but in the
    release and needed for the published 38.67 M (without it 29.2 M); LEAKY_RELU 0.1
    after every conv and deconvolution (recalled from the Caffe release; the paper
    says ReLU) and standalone (TFLite fuses no leaky activation); the TRANSPOSE_CONVs
    without bias and SAME (4x4/2 padded 1 doubles the size); the convs with a bias,
    SAME (the release's pads give the same sizes); only the last flow as output (the
    coarser predictions are training losses) and no bilinear up-sampling to full size
    nor flow scaling at the end; the frames' mean subtraction left out.
    """
    maps = {}
    for name, c, k, s in FLOWNETS_CONTRACT:
        x = maps[name] = b.leaky_relu(b.conv(x, c, k, s), leak)
    for c, skip in FLOWNETS_DECONV:
        flow = b.conv(x, 2, 3)
        up = b.leaky_relu(b.transpose_conv(x, c, 4, 2, bias=False), leak)
        flow_up = b.transpose_conv(flow, 2, 4, 2, bias=False)
        x = b.concat([maps[skip], up, flow_up])
    return b.conv(x, 2, 3)
