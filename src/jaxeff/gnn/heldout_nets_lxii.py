"""Held-out families LXII, part A (session 39, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s39/PREREGISTERED.md`` before being built): PAN
x2, a lightweight RGB super-resolution network of pixel-attention blocks on 20- and
40-channel maps (3x3 convs on depths 40 / 20 / 24: C mod 16 in 1..8).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, SAME padding, LeakyReLU as a
standalone LEAKY_RELU 0.2). Test model: no training space draws it (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_lxii.py``). Choices the sources leave
open, and ours, are marked [U].

* :func:`pan_x2`: PAN x2 (Zhao, Kong, He, Qiao & Dong, "Efficient Image
  Super-Resolution Using Pixel Attention", ECCV Workshops 2020, arXiv 2010.01073;
  the authors' release, ``PAN_arch.py`` and ``test_PANx2.yml``: nf 40, unf 24, nb 16)
  on ``[1, 64, 64, 3]``; ``[1, 128, 128, 3]``. 254 ops: 118 CONV_2D, 66 LEAKY_RELU,
  18 ADD, 17 LOGISTIC, 17 MUL, 16 CONCATENATION, 2 RESIZE_BILINEAR; 1,253,670,912
  MACs and 263,643 parameters (261,403 of them the release's learned ones; the
  paper's "261K" for x2).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["PAN_BLOCKS", "PAN_NF", "PAN_SCALE", "PAN_SLOPE", "PAN_UNF", "pan_x2",
           "pixel_attention"]

#: PAN x2 (the release's ``test_PANx2.yml``): the trunk width nf, the up-sampler
#: width unf, the SC-PA blocks nb, the scale and the LeakyReLU slope
PAN_NF, PAN_UNF, PAN_BLOCKS, PAN_SCALE, PAN_SLOPE = 40, 24, 16, 2, 0.2


def pixel_attention(b: NetBuilder, x: int, v: int | None = None) -> int:
    """Pixel attention (PAN's PA): ``v * LOGISTIC(conv1x1(x))`` with the 1x1 conv
    C -> C (a bias) on ``x``; ``v`` the map gated (``x`` itself when None: PA; a
    3x3 conv of ``x`` in SC-PA's PAConv). MUL [v, gate]."""
    gate = b.act(b.conv(x, b.shape(x)[-1], 1), "LOGISTIC")
    return b.mul(x if v is None else v, gate)


def _scpa(b: NetBuilder, x: int) -> int:
    """One SC-PA block on ``x`` (``[1, H, W, nf]``): two 1x1 convs nf -> nf/2, each
    LeakyReLU; branch a a 3x3 conv, LeakyReLU; branch b PAConv (the 3x3 conv k3 of its
    input times LOGISTIC of the 1x1 conv k2 of it, then the 3x3 conv k4), LeakyReLU;
    CONCATENATION [a, b], the 1x1 conv nf, ADD [block input, conv]."""
    nf = b.shape(x)[-1]
    gw = nf // 2
    a = b.leaky_relu(b.conv(x, gw, 1), PAN_SLOPE)
    u = b.leaky_relu(b.conv(x, gw, 1), PAN_SLOPE)
    a = b.leaky_relu(b.conv(a, gw, 3), PAN_SLOPE)
    u = b.leaky_relu(b.conv(pixel_attention(b, u, b.conv(u, gw, 3)), gw, 3), PAN_SLOPE)
    return b.add(x, b.conv(b.concat([a, u]), nf, 1))


def pan_x2(b: NetBuilder, x: int) -> int:
    """PAN x2 on ``x`` (``[1, 64, 64, 3]``, a low-resolution RGB patch); returns the
    x2 image ``[1, 128, 128, 3]``.

    The authors' release (``codes/models/archs/PAN_arch.py``, ``PAN(in_nc=3,
    out_nc=3, nf=40, unf=24, nb=16, scale=2)``): ``fea = conv_first(x)`` (3x3 3 ->
    40); 16 SC-PA blocks (:func:`_scpa`; reduction 2: branches of 20); ``fea = fea +
    trunk_conv(blocks)`` (3x3 40 -> 40); U-PA: nearest x2 up-sampling, ``upconv1``
    (3x3 40 -> 24), ``lrelu(att1(.))`` (PA 24: 1x1 24 -> 24, LOGISTIC, MUL),
    ``lrelu(HRconv1(.))`` (3x3 24 -> 24); ``conv_last`` (3x3 24 -> 3); ``out +
    interpolate(x, x2, bilinear, align_corners=False)``. Here: the up-sampling
    RESIZE_BILINEAR x2 with half-pixel centres (Vela 5.2 has no
    RESIZE_NEAREST_NEIGHBOR in its supported operators; pre-registered [U]); the
    image's bilinear x2 RESIZE_BILINEAR with half-pixel centres (PyTorch's
    ``align_corners=False``); ADD [conv_last, resized image].

    254 ops: 118 CONV_2D (1 + 16 x 7 + 5), 66 LEAKY_RELU (16 x 4 + 2), 18 ADD (16 + 2),
    17 LOGISTIC, 17 MUL, 16 CONCATENATION, 2 RESIZE_BILINEAR. This graph counts
    1,253,670,912 MACs (conv_first 4,096 x 1,080 = 4,423,680; per SC-PA block at 64
    x 64: two 1x1 40 -> 20 3,276,800 each, three 3x3 20 -> 20 14,745,600 each, the
    PA 1x1 20 -> 20 1,638,400, the 1x1 40 -> 40 6,553,600: 58,982,400, 16 blocks
    943,718,400; trunk 58,982,400; at 128 x 128: upconv1 141,557,760, PA 1x1 24 -> 24
    9,437,184, HRconv1 84,934,656, conv_last 10,616,832; the convs' only: the
    element-wise ops and resizes count none) and 263,643 parameters (with a bias on
    every conv; the release's 261,403 leave out the 2,240 biases of the SC-PA convs
    other than the PA 1x1's). Published: "261K" for x2 (Table, recalled).

    [U] the input 64 x 64 (pre-registered: the tile of the registry's SR models);
    biases on every conv (the release has none
    on SC-PA's 1x1 convs, k1, k3, k4 and conv3; a seeded bias costs the NPU what a
    zero one does); CONCATENATION [branch a (the plain 3x3), branch b (PAConv)] and
    MUL [map, gate] and the ADDs [conv_first, trunk_conv], [conv_last, resized
    image] in the release's orders, the blocks' ADD [block input, conv] (the
    release's ``out += residual``, commuted as EDSR's here); LeakyReLU 0.2 after the PA
    of U-PA as the release (``lrelu(att1(.))``; the pre-registered text lists only
    the one after HRconv1); SAME zero padding; the nearest x2 as RESIZE_BILINEAR x2
    with half-pixel centres (pre-registered).
    """
    _, h, w, _ = b.shape(x)
    hr = (PAN_SCALE * h, PAN_SCALE * w)
    fea = b.conv(x, PAN_NF, 3)
    y = fea
    for _ in range(PAN_BLOCKS):
        y = _scpa(b, y)
    fea = b.add(fea, b.conv(y, PAN_NF, 3))
    # U-PA: nearest x2 (as bilinear, half-pixel centres [U]), conv, PA, conv
    y = b.conv(b.resize(fea, hr, "bilinear", half_pixel_centers=True), PAN_UNF, 3)
    y = b.leaky_relu(pixel_attention(b, y), PAN_SLOPE)
    y = b.leaky_relu(b.conv(y, PAN_UNF, 3), PAN_SLOPE)
    out = b.conv(y, 3, 3)
    return b.add(out, b.resize(x, hr, "bilinear", half_pixel_centers=True))
