"""Held-out families LII, part C (session 37, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s37/PREREGISTERED.md`` before being built):
DRRN B1U9 and MemNet M6R6, the two recursive grey-scale super-resolution networks of
Tai et al., whose pre-activation batch norms read a residual sum, a concatenation or
the input, so cannot fold and stay per-channel MUL + ADD operators on 31 x 31 maps.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); the batch norms as in ResNet-v2-50
and PreAct-ResNet-34 (:mod:`jaxeff.gnn.heldout_nets_xlix`,
:mod:`jaxeff.gnn.heldout_nets_li`): one that directly follows a conv whose output
nothing else reads folded into it (its RELU fused into the conv), one on anything
else (a sum, a concatenation, a conv output other ops read too, the input) a
per-channel MUL by a constant ``[1, 1, 1, C]`` and ADD of a constant ``[1, 1, 1, C]``
with the RELU fused into the ADD (:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`).
The batch norm on the one-channel input is kept, a MUL + ADD RELU on ``[1, 1, 1, 1]``
constants [U]. The recursive (shared) weights of both papers are stored once per
unit, separate constants of the same shapes [U: pre-registered]. Both take the
papers' 31 x 31 training patch, an interpolated low-resolution image at the output
size (no up-sampling in the graph). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lii_c.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`drrn_b1u9`: DRRN B1U9 (Tai, Yang & Liu, "Image Super-Resolution via Deep
  Recursive Residual Network", CVPR 2017) on ``[1, 31, 31, 1]``: MUL + ADD RELU on
  the input, a 3x3 conv to 128 (linear; the recursive block's first conv, H0); nine
  residual units, each MUL + ADD RELU on the unit's input (H0 or the previous sum),
  3x3 RELU, 3x3 linear, ADD of H0; MUL + ADD RELU, a 3x3 conv to 1, ADD of the input;
  ``[1, 31, 31, 1]``. 52 ops: 20 CONV_2D, 11 MUL, 21 ADD.
* :func:`memnet_m6r6`: MemNet M6R6 (Tai, Yang, Liu & Xu, "MemNet: A Persistent Memory
  Network for Image Restoration", ICCV 2017, arXiv 1708.02209) on ``[1, 31, 31,
  1]``: MUL + ADD RELU on the input, a 3x3 conv to 64 (B0, linear); six memory
  blocks, each six residual blocks (MUL + ADD RELU, 3x3 RELU, 3x3 linear, ADD of the
  block's input), the CONCATENATION of B0, the earlier blocks' outputs and the six
  residual outputs (64 x (6 + m) channels), the gate unit MUL + ADD RELU and a 1x1
  conv to 64 (B_m); per block a reconstruction (MUL + ADD RELU on B_m, a 3x3 conv to
  1, ADD of the input), MUL by its weight, the six summed; ``[1, 31, 31, 1]``. 240
  ops: 85 CONV_2D, 54 MUL, 95 ADD, 6 CONCATENATION.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import bn_relu_4d

__all__ = ["drrn_b1u9", "memnet_m6r6"]


# -- Tai, Yang & Liu: DRRN B1U9 (deep recursive residual network)

#: DRRN B1U9 (CVPR 2017): the features, the recursive blocks, the residual units per
#: block (depth (1 + 2U) B + 1 = 20)
DRRN_WIDTH, DRRN_BLOCKS, DRRN_UNITS = 128, 1, 9


def drrn_b1u9(b: NetBuilder, x: int) -> int:
    """DRRN B1U9 on ``x`` (``[1, 31, 31, 1]``, an interpolated grey-scale patch);
    returns the restored patch ``[1, 31, 31, 1]``.

    Tai, Yang & Liu, "Image Super-Resolution via Deep Recursive Residual Network",
    CVPR 2017 (Section 3, Fig. 2 and 4, recalled): every conv 3x3 with pre-activation
    (BN-ReLU-conv); one recursive block: a first conv to 128 (H0), then U = 9
    residual units H_u = G(G(H_{u-1})) + H0 (the local residual from the block's
    first conv output), G a BN-ReLU-conv 3x3 of 128, the units' weights shared; a
    BN-ReLU-conv 3x3 to 1 added to the input (the global residual); 20 conv layers.
    Here (the pre-registered definition): MUL by a per-channel scale and ADD of a
    per-channel shift with RELU fused on the input (``[1, 1, 1, 1]`` constants),
    CONV_2D 3x3 SAME 128 (linear: H0, which every unit reads); per unit MUL + ADD RELU
    (the batch norm on H0 or the previous sum), CONV_2D 3x3 RELU (the batch norm after
    it folded), CONV_2D 3x3 (linear), ADD of H0 (the branch first, no activation);
    MUL + ADD RELU on the last sum, CONV_2D 3x3 to 1 (linear), ADD of the input. 52
    ops: 20 CONV_2D, 11 MUL, 21 ADD; the 11 MUL + ADD pairs on 31 x 31 maps of 1
    channel (the input) and 128 (the nine units' and the reconstruction's). This graph
    counts 2,552,908,032 MACs (the input conv 1,107,072, the units' 18 convs
    2,550,693,888, the output conv 1,107,072; 2,656,512 a pixel) and 2,661,507
    parameters (weights and biases 2,658,945: the input conv 1,280, the units'
    convs 2,656,512, the output conv 1,153; the 11 unfolded batch norms' scales and
    shifts 2,562; by hand in the test). Published: 297 K parameters (the paper's
    table, recalled), the weights with the units' shared convs counted once: 297,216
    (pinned within 1 %); the same per-pixel count with U = 25 gives the 6,796.9 G
    multiply-adds Ahn et al. (CARN, ECCV 2018, Table, recalled) list for DRRN B1U25 at
    1280 x 720.

    [U] the 31 x 31 x 1 input (the paper's training patch, pre-registered); the batch
    norm on the input kept (MUL + ADD RELU on ``[1, 1, 1, 1]`` constants, a scalar
    scale and shift: the pre-registered "every conv with pre-activation BN-ReLU"; not
    folded, as the RELU after it stops a fold into the conv); the shared weights (and
    the units' batch norms) stored once per unit, separate constants (pre-registered);
    the batch norm after a unit's first conv folded (RELU fused); every other one on
    H0 (read by every unit's ADD too), a sum or the input a MUL + ADD with RELU fused
    on ``[1, 1, 1, C]`` constants; the input conv and every unit's second conv linear;
    SAME padding; biases on every conv; no clipping of the output.
    """
    h0 = b.conv(bn_relu_4d(b, x), DRRN_WIDTH, 3)
    h = h0
    for _ in range(DRRN_BLOCKS * DRRN_UNITS):
        g = b.conv(b.conv(bn_relu_4d(b, h), DRRN_WIDTH, 3, 1, "RELU"), DRRN_WIDTH, 3)
        h = b.add(g, h0)
    return b.add(b.conv(bn_relu_4d(b, h), b.shape(x)[-1], 3), x)


# -- Tai, Yang, Liu & Xu: MemNet M6R6 (persistent memory network)

#: MemNet M6R6 (arXiv 1708.02209): the features, the memory blocks (M), the residual
#: blocks of each block's recursive unit (R); depth 1 + M (2R + 1) + 1 = 80
MEMNET_WIDTH, MEMNET_BLOCKS, MEMNET_RESBLOCKS = 64, 6, 6


def memnet_m6r6(b: NetBuilder, x: int) -> int:
    """MemNet M6R6 on ``x`` (``[1, 31, 31, 1]``, an interpolated grey-scale patch);
    returns the weighted average of the six reconstructions ``[1, 31, 31, 1]``.

    Tai, Yang, Liu & Xu, "MemNet: A Persistent Memory Network for Image
    Restoration", ICCV 2017, arXiv 1708.02209 (Section 3, Fig. 2 and 3, recalled):
    every conv with pre-activation (BN-ReLU-conv); a feature extraction net (a 3x3
    conv to 64, B0); M = 6 memory blocks, block m a recursive unit of R = 6 residual
    building blocks H_r = F(H_{r-1}) + H_{r-1} (F two BN-ReLU-conv 3x3 of 64, the
    weights shared within the unit; H_0 = B_{m-1}) whose outputs (the short-term
    memory) are concatenated with B0 ... B_{m-1} (the long-term memory), 64 x (6 + m)
    channels, and a gate unit BN-ReLU-conv 1x1 to 64 gives B_m; multi-supervision: a
    reconstruction net (BN-ReLU-conv 3x3 to 1, added to the input) of every B_m, the
    output their weighted average; 80 conv layers (one reconstruction). Here (the
    pre-registered definition): MUL + ADD RELU on the input (``[1, 1, 1, 1]``
    constants), CONV_2D 3x3 SAME 64 (linear: B0, read by block 1 and every gate);
    per residual block MUL + ADD RELU (on the block's input: B_{m-1} or the previous
    sum), CONV_2D 3x3 RELU (the batch norm after it folded), CONV_2D 3x3 (linear),
    ADD of the block's input (the branch first, no activation); CONCATENATION [B0,
    ..., B_{m-1}, H_1, ..., H_6] (6 + m inputs), MUL + ADD RELU on it, CONV_2D 1x1 to
    64 (linear; RELU fused in block 6, whose output only its reconstruction's batch
    norm reads: folded); reconstruction: MUL + ADD RELU on B_m (not in block 6),
    CONV_2D 3x3 to 1 (linear), ADD of the input, MUL by a ``[1, 1, 1, 1]`` weight,
    ADD onto the running sum (from block 2). 240 ops: 85 CONV_2D, 54 MUL, 95 ADD, 6
    CONCATENATION; the 48 batch norms' MUL + ADD pairs on 31 x 31 maps of 1 channel
    (the input), 64 (the 36 residual blocks' and 5 reconstructions') and 64 x (6 + m)
    (the six gates': 448, 512, 576, 640, 704, 768). This graph counts 2,778,935,232
    MACs (the feature conv 553,536, the 72 residual convs 2,550,693,888, the gates
    224,366,592, the six reconstructions 3,321,216; 2,891,712 a pixel) and 2,909,326
    parameters (weights and biases 2,896,774: the feature conv 640, the residual
    convs 2,658,816, the gates 233,856, the reconstructions 3,462; the 48 unfolded
    batch norms' scales and shifts 12,546; the six weights; by hand in the test).
    Published: 677 K parameters (recalled), the weights with each unit's shared
    convs and one reconstruction counted once: 676,992 (pinned within 1 %);
    2,662.4 G multiply-adds at 1280 x 720 (Ahn et al., CARN, ECCV 2018, Table,
    recalled), 2,888,889 a pixel (one reconstruction): ours +0.1 % (pinned within 1
    %), -0.002 % without the five extra reconstructions.

    [U] the 31 x 31 x 1 input (pre-registered); the batch norm on the input kept
    (MUL + ADD RELU on ``[1, 1, 1, 1]`` constants); the residual blocks' shared
    weights, and the reconstruction net, stored per block, separate constants
    (pre-registered); the concatenation's order (long-term memory first, then the
    short-term, in order); the gate's batch norm a MUL + ADD on the concatenation;
    the batch norm after a residual block's first conv folded, and the one after
    block 6's gate conv (nothing else reads it), RELU fused; every other one (on B0,
    B1 ... B5, which later ops read too, a sum or the input) a MUL + ADD with RELU
    fused on ``[1, 1, 1, C]`` constants; the weighted average as a MUL of each
    reconstruction by a positive ``[1, 1, 1, 1]`` constant (the six summing to 1)
    and five ADDs (pre-registered); SAME padding; biases on every conv.
    """
    c, n = MEMNET_WIDTH, MEMNET_BLOCKS
    w = np.abs(1 + 0.2 * b.rng.standard_normal(n))
    w = (w / w.sum()).astype(np.float32)
    long, out = [b.conv(bn_relu_4d(b, x), c, 3)], None
    for m in range(1, n + 1):
        h, short = long[-1], []
        for _ in range(MEMNET_RESBLOCKS):
            h = b.add(b.conv(b.conv(bn_relu_4d(b, h), c, 3, 1, "RELU"), c, 3), h)
            short.append(h)
        last = m == n
        bm = b.conv(bn_relu_4d(b, b.concat(long + short)), c, 1, 1,
                    "RELU" if last else "NONE")
        rec = b.conv(bm if last else bn_relu_4d(b, bm), b.shape(x)[-1], 3)
        y = b.mul(b.add(rec, x), b.const(w[m - 1].reshape(1, 1, 1, 1)))
        out = y if out is None else b.add(out, y)
        long.append(bm)
    return out
