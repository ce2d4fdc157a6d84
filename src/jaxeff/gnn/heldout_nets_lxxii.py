"""Held-out families LXXII (session 43, pre-registered in addendum 6 of
``docs/evidence/perfsage-cpu-2026-12-08-s43/PREREGISTERED.md`` before being built): two
image steganalysis CNNs, siblings of the read Xu-Net (:mod:`heldout_nets_lxxi_b`).
Built by a helper who prints only names and ``npu_full``; nothing is chosen on them.

* :func:`srnet`: Boroumand, Chen and Fridrich's SRNet as ``srnet_256`` on ``[1, 256,
  256, 1]`` (a gray image): 12 layers of 3x3 convs, two of type 1 (CONV_2D + RELU, 64
  then 16 filters), five of type 2 (residual: CONV_2D 16 + RELU, CONV_2D 16, ADD), four
  of type 3 (CONV_2D + RELU, CONV_2D, AVERAGE_POOL_2D 3x3 / 2 SAME; a 1x1 / 2 CONV_2D
  skip; ADD; 16, 64, 128, 256 filters; 256 -> 128 -> 64 -> 32 -> 16) and one of type 4
  (CONV_2D 512 + RELU, CONV_2D 512, a global average pool as MEAN);
  FULLY_CONNECTED 2, SOFTMAX; ``[1, 2]``. 42 ops: 26 CONV_2D, 9 ADD, 4
  AVERAGE_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.
* :func:`yedroudj_net`: Yedroudj, Comby and Chaumont's Yedroudj-Net as
  ``yedroudj_net_256`` on ``[1, 256, 256, 1]``: a fixed 5x5 CONV_2D of 30 SRM
  high-pass filters; block 1 CONV_2D 5x5 of 30, ABS, TLU 3 (MAXIMUM -3, MINIMUM 3);
  block 2 CONV_2D 5x5 of 30, TLU 2, AVERAGE_POOL_2D 5x5 / 2 SAME; blocks 3-5 CONV_2D
  3x3 of 32, 64, 128 + RELU, the first two followed by AVERAGE_POOL_2D 5x5 / 2, the
  last by MEAN (256 -> 128 -> 64 -> 32); FULLY_CONNECTED 256 + RELU, 1,024 + RELU, 2,
  SOFTMAX; ``[1, 2]``. 19 ops: 6 CONV_2D, ABS, 2 MAXIMUM, 2 MINIMUM, 3
  AVERAGE_POOL_2D, MEAN, 3 FULLY_CONNECTED, SOFTMAX.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every learned conv and FC with a bias; the SRM conv with
fixed weights and a zero bias). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxxii.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
papers leave open, and ours, are marked [U]. Kept as published: nothing was changed
to make either model NPU-mappable (ABS, the TLUs' MAXIMUM / MINIMUM included). The
int8 writer gives a MAXIMUM / MINIMUM's output and constant its data input's
quantization (:data:`jaxeff.gnn.int8.SAME_QUANT_ALL`), as the TFLite converter does.

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_lxxi_b import KV_KERNEL, fixed_conv

__all__ = ["SRM_KERNELS", "srm_kernels", "srnet", "yedroudj_net"]


# -- Boroumand, Chen and Fridrich 2019 (SRNet)

#: SRNet (recalled): the image side (ours: 256, as the paper's BOSSbase crops), the
#: filters of layers 1-2 (type 1), 3-7 (type 2), 8-11 (type 3) and 12 (type 4), the
#: type 3 pools' window and stride, the classes (cover / stego)
SR_SIDE = 256
SR_T1, SR_T2, SR_T3, SR_T4 = (64, 16), (16,) * 5, (16, 64, 128, 256), 512
SR_POOL, SR_POOL_STRIDE, SR_CLASSES = 3, 2, 2


def srnet(b: NetBuilder, x: int) -> int:
    """SRNet on ``x`` (``[1, 256, 256, 1]``, a gray image); returns the SOFTMAX
    output ``[1, 2]`` (cover / stego).

    Boroumand, Chen and Fridrich, "Deep residual network for steganalysis of digital
    images", IEEE Trans. Information Forensics and Security 14(5), 2019 (recalled):
    no fixed preprocessing; 12 layers of 3x3 convs with batch norm. Type 1: conv, BN,
    ReLU (layers 1-2, 64 and 16 filters). Type 2 (layers 3-7, 16 filters): a type 1
    layer, conv, BN, added to the layer's input. Type 3 (layers 8-11, 16, 64, 128,
    256 filters): a type 1 layer, conv, BN, a 3x3 average pool of stride 2; the
    input through a 1x1 conv of stride 2 and BN; the two added. Type 4 (layer 12,
    512 filters): a type 1 layer, conv, BN, a global average pool. A fully connected
    layer to two classes and a softmax.

    Here: CONV_2D 64 3x3 + RELU, CONV_2D 16 + RELU (``[1, 256, 256, 16]``); five times
    CONV_2D 16 + RELU, CONV_2D 16, ADD; for 16, 64, 128, 256: CONV_2D + RELU, CONV_2D,
    AVERAGE_POOL_2D 3x3 / 2 SAME, CONV_2D 1x1 / 2 (the skip, from the block input),
    ADD (``[1, 128, 128, 16]`` ... ``[1, 16, 16, 256]``); CONV_2D 512 + RELU,
    CONV_2D 512 (``[1, 16, 16, 512]``), MEAN over H and W (``[1, 512]``);
    FULLY_CONNECTED 2 (linear), SOFTMAX. 42 ops: 26 CONV_2D, 9 ADD, 4
    AVERAGE_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

    This graph counts 5,951,718,400 MACs: layer 1 37,748,736 (65,536 x 64 x 9);
    layer 2 603,979,776; layers 3-7 150,994,944 per conv; layer 8 150,994,944 x 2 +
    4,194,304; layer 9 150,994,944 + 603,979,776 + 4,194,304; layers 10 and 11
    301,989,888 + 603,979,776 + 8,388,608 each; layer 12 301,989,888 + 603,979,776;
    FC 1,024. It has 4,774,306 parameters (weights and biases, by hand in the
    test). No published count recalled precisely enough to pin.

    [U] 256 x 256 (the paper's BOSSbase / BOWS2 images resized to 256); batch norms
    folded into the convs' weights and biases (conv biases on every conv); SAME 3x3
    convs, RELU fused; no activation after the residual ADDs (as recalled); the
    type 3 pools SAME (pad 1, 256 -> 128; TFLite's SAME average leaves padding out
    of the count); the 1x1 / 2 skip conv SAME (VALID gives the same map), written
    after the main path's pool; the global average pool as MEAN without kept dims;
    FC linear before SOFTMAX.
    """
    for c in SR_T1:
        x = b.conv(x, c, 3, act="RELU")
    for c in SR_T2:
        y = b.conv(b.conv(x, c, 3, act="RELU"), c, 3)
        x = b.add(x, y)
    for c in SR_T3:
        y = b.conv(b.conv(x, c, 3, act="RELU"), c, 3)
        y = b.pool(y, "avg", SR_POOL, SR_POOL_STRIDE, "SAME")
        x = b.add(b.conv(x, c, 1, SR_POOL_STRIDE), y)
    x = b.conv(b.conv(x, SR_T4, 3, act="RELU"), SR_T4, 3)
    x = b.mean(x, (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, SR_CLASSES))


# -- Yedroudj, Comby and Chaumont 2018 (Yedroudj-Net)

def _pad5(k) -> np.ndarray:
    """``k`` (3x3 or 5x5) centred in a 5x5 kernel."""
    k = np.asarray(k, np.float32)
    o = (5 - k.shape[0]) // 2
    out = np.zeros((5, 5), np.float32)
    out[o:o + k.shape[0], o:o + k.shape[1]] = k
    return out


#: the eight directions (row, column offsets) of the SRM's 1st and 3rd order residuals
_DIRS = ((0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1))
#: KB, the SRM's "SQUARE 3x3" kernel
_KB = np.array([[-1, 2, -1], [2, -4, 2], [-1, 2, -1]], np.float32)


def _line(coeffs: dict[int, float], d: tuple[int, int]) -> np.ndarray:
    """A 5x5 kernel with ``coeffs[t]`` at the centre + t x ``d``."""
    k = np.zeros((5, 5), np.float32)
    for t, v in coeffs.items():
        k[2 + t * d[0], 2 + t * d[1]] = v
    return k


def srm_kernels() -> np.ndarray:
    """The 30 basic SRM high-pass kernels (Fridrich and Kodovsky's rich model, as
    recalled), each 5x5 and divided by the magnitude of its centre coefficient,
    ``[30, 5, 5]``: 8 1st order ([-1, 1] along the 8 directions), 4 2nd order ([1,
    -2, 1] horizontal, vertical, both diagonals), 8 3rd order ([1, -3, 3, -1], the -3
    at the centre, along the 8 directions), SQUARE 3x3 (KB), SQUARE 5x5 (KV), 4 EDGE
    3x3 (KB's upper two rows, rotated by 0, 90, 180, 270 degrees), 4 EDGE 5x5 (KV's
    upper three rows, rotated). Every kernel sums to zero. [U] the construction, its
    order and the normalisation (deterministic, no values copied)."""
    ks = [_line({0: -1, 1: 1}, d) for d in _DIRS]
    ks += [_line({-1: 1, 0: -2, 1: 1}, d) / 2 for d in _DIRS[:4]]
    ks += [_line({-1: 1, 0: -3, 1: 3, 2: -1}, d) / 3 for d in _DIRS]
    ks += [_pad5(_KB) / 4, KV_KERNEL.copy()]
    e3 = _KB.copy()
    e3[2] = 0
    e5 = 12 * KV_KERNEL
    e5[3:] = 0
    ks += [np.rot90(_pad5(e3), r) / 4 for r in range(4)]
    ks += [np.rot90(e5, r) / 12 for r in range(4)]
    return np.stack(ks).astype(np.float32)


#: the 30 fixed SRM kernels of Yedroudj-Net's preprocessing conv
SRM_KERNELS = srm_kernels()
#: Yedroudj-Net (recalled): the image side, the blocks' filters, kernels and TLU
#: thresholds (None: RELU), the average pools' window and stride, the FCs
YE_SIDE = 256
YE_FILTERS, YE_KERNELS, YE_TLU = (30, 30, 32, 64, 128), (5, 5, 3, 3, 3), (3, 2)
YE_POOL, YE_POOL_STRIDE, YE_FCS, YE_CLASSES = 5, 2, (256, 1024), 2


def _fixed_srm(b: NetBuilder, x: int) -> int:
    """The fixed 5x5 CONV_2D of one channel to the 30 SRM residuals, SAME, zero bias,
    linear; draws nothing from ``b``'s generator."""
    return fixed_conv(b, x, SRM_KERNELS.reshape(30, 5, 5, 1))


def _tlu(b: NetBuilder, x: int, t: float) -> int:
    """TLU(T) = clip(x, -T, T): MAXIMUM by -T, then MINIMUM by T (constants of shape
    ``[1]``, broadcast; the ops carry no options)."""
    x = b._op("MAXIMUM", (x, b.const(np.full(1, -t, np.float32))), b.shape(x))
    return b._op("MINIMUM", (x, b.const(np.full(1, t, np.float32))), b.shape(x))


def yedroudj_net(b: NetBuilder, x: int) -> int:
    """Yedroudj-Net on ``x`` (``[1, 256, 256, 1]``, a gray image); returns the SOFTMAX
    output ``[1, 2]`` (cover / stego).

    Yedroudj, Comby and Chaumont, "Yedroudj-Net: an efficient CNN for spatial
    steganalysis", ICASSP 2018 (recalled): a preprocessing conv of the 30 basic SRM
    high-pass filters (5x5, fixed); block 1 a 5x5 conv of 30, an absolute value,
    batch norm + scale, a truncation (TLU, T = 3); block 2 a 5x5 conv of 30, BN +
    scale, TLU (T = 2), an average pool 5x5 / 2; blocks 3-5 3x3 convs of 32, 64 and
    128, BN + scale, ReLU, average pools 5x5 / 2 after blocks 3 and 4, a global
    average pool after block 5; fully connected layers of 256 and 1,024 (ReLU) and 2,
    a softmax.

    Here: CONV_2D 30 5x5 SAME (fixed SRM weights, zero bias; ``[1, 256, 256, 30]``);
    CONV_2D 30 5x5, ABS, MAXIMUM -3, MINIMUM 3; CONV_2D 30 5x5, MAXIMUM -2, MINIMUM
    2, AVERAGE_POOL_2D 5x5 / 2 SAME (``[1, 128, 128, 30]``); CONV_2D 32 3x3 + RELU,
    AVERAGE_POOL_2D (``[1, 64, 64, 32]``); CONV_2D 64 3x3 + RELU, AVERAGE_POOL_2D
    (``[1, 32, 32, 64]``); CONV_2D 128 3x3 + RELU (``[1, 32, 32, 128]``), MEAN over H
    and W (``[1, 128]``); FULLY_CONNECTED 256 + RELU, 1,024 + RELU, 2, SOFTMAX. 19
    ops: 6 CONV_2D, ABS, 2 MAXIMUM, 2 MINIMUM, 3 AVERAGE_POOL_2D, MEAN, 3
    FULLY_CONNECTED, SOFTMAX.

    This graph counts 3,291,121,664 MACs: SRM 49,152,000 (65,536 x 30 x 25); blocks
    1 and 2 1,474,560,000 each (65,536 x 30 x 30 x 25); block 3 141,557,760 (16,384 x
    30 x 32 x 9); blocks 4 and 5 75,497,472 each (4,096 x 32 x 64 x 9, 1,024 x 64 x
    128 x 9); FCs 32,768, 262,144 and 2,048. It has 445,106 weights and biases (the SRM
    conv's 750 fixed weights and zero bias included): 780, 22,530, 22,530, 8,672,
    18,496, 73,856, 33,024, 263,168 and 2,050 (by hand in the test), and the TLUs' 4
    scalar constants: 445,110 constants in all. No published count recalled
    precisely enough to pin.

    [U] 256 x 256 (BOSSbase resized, as the paper); the 30 SRM kernels as built by
    :func:`srm_kernels` (a deterministic construction, values as recalled, each
    divided by its centre's magnitude) with a zero bias; SAME convs; the pools SAME
    (pad 2, ceil: 256 -> 128 -> 64 -> 32); batch norms and scales folded: blocks 2-5
    into their convs' weights and biases, block 1's (after ABS) with its scale in
    conv 1's weights (|s x| = s |x| for s > 0) and its shift left out (no op for it
    in the pre-registered op list, as Xu-Net's); TLU(T) as MAXIMUM by -T then
    MINIMUM by T with constants; RELU fused into the convs and the two hidden FCs;
    conv and FC biases; the global average pool as MEAN without kept dims; the last
    FC linear before SOFTMAX.
    """
    x = _fixed_srm(b, x)
    for i, (c, k) in enumerate(zip(YE_FILTERS, YE_KERNELS, strict=True)):
        if i == 0:
            x = _tlu(b, b.act(b.conv(x, c, k), "ABS"), YE_TLU[0])
            continue
        if i == 1:
            x = _tlu(b, b.conv(x, c, k), YE_TLU[1])
        else:
            x = b.conv(x, c, k, act="RELU")
        if i < len(YE_FILTERS) - 1:
            x = b.pool(x, "avg", YE_POOL, YE_POOL_STRIDE, "SAME")
    x = b.mean(x, (1, 2), keep_dims=False)
    for n in YE_FCS:
        x = b.fc(x, n, act="RELU")
    return b.softmax(b.fc(x, YE_CLASSES))
