"""Held-out families L, part H (session 36, pre-registered in addendum 4 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
the audio subnetwork of L3-Net ("Look, Listen and Learn"), a VGG-style stack of
3x3 convs on a one-channel log-spectrogram whose last map is max-pooled whole to a
512-d embedding.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, batch norms folded into the convs,
ReLU fused into them). A test model: no training space draws it (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_l_b.py``). Written from the paper's
definition as recalled; no code was read. Choices the source leaves open, and ours,
are marked [U].

* :func:`l3net_audio`: L3-Net's audio subnetwork (Arandjelovic & Zisserman, arXiv
  1705.08168) on ``[1, 257, 199, 1]``: four blocks of two 3x3 SAME RELU convs (64,
  128, 256, 512), a 2x2 / 2 VALID MAX_POOL_2D after each of the first three (257 x
  199 -> 128 x 99 -> 64 x 49 -> 32 x 24) and a MAX_POOL_2D over the whole 32 x 24
  map (stride 1); ``[1, 1, 1, 512]``. 12 ops: 8 CONV_2D, 4 MAX_POOL_2D.

The MAC and parameter counts are in the function's docstring and pinned in the test.
Vela mapping (checked with ``npu_full`` only, no Vela figure read): Vela 5.2 maps it
fully (``npu_full`` true, checked once), the 32 x 24 whole-map MAX_POOL_2D included,
so no [U] replacement of that pool is used.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["l3net_audio"]


# -- Arandjelovic & Zisserman: L3-Net, audio subnetwork

#: L3-Net (arXiv 1705.08168, Fig. 2): the four conv blocks' widths (two 3x3 convs a
#: block) and the 2x2 / 2 max pool after each block but the last (whose map is
#: max-pooled whole)
L3_WIDTHS, L3_CONVS, L3_POOL = (64, 128, 256, 512), 2, 2


def l3net_audio(b: NetBuilder, x: int) -> int:
    """L3-Net's audio subnetwork on ``x`` (``[1, 257, 199, 1]``, a log-spectrogram:
    257 frequency bands by 199 time frames of one second of audio); returns the
    512-d embedding ``[1, 1, 1, 512]``.

    Arandjelovic & Zisserman, "Look, Listen and Learn", ICCV 2017, arXiv 1705.08168
    (Section 3, Fig. 2, recalled): the audio subnetwork takes a 257 x 199 x 1
    log-spectrogram of a one-second clip; four blocks conv1-conv4 of two 3x3 convs
    each (64, 128, 256, 512 channels), each conv followed by batch norm and ReLU; a
    2x2 max pool after each of the first three blocks (pool1 128 x 99, pool2 64 x 49,
    pool3 32 x 24) and pool4 a 32 x 24 max pool over the whole remaining map, giving
    1 x 1 x 512 (fused with the vision subnetwork's 512-d vector by the
    correspondence head, left out here). A parameter count of about 4.7 M for the
    audio subnetwork is recalled only loosely (not as a table entry); no MAC count
    is recalled.

    Here: CONV_2D 3x3 SAME RELU 64, 64, MAX_POOL_2D 2x2 / 2 VALID, 128, 128,
    MAX_POOL_2D, 256, 256, MAX_POOL_2D, 512, 512, MAX_POOL_2D 32 x 24 VALID stride 1.
    12 ops: 8 CONV_2D, 4 MAX_POOL_2D. This graph counts 10,210,078,656 MACs (at 257 x
    199: 29,458,368 + 1,885,335,552; at 128 x 99: 934,281,216 + 1,868,562,432; at 64
    x 49: 924,844,032 + 1,849,688,064; at 32 x 24: 905,969,664 + 1,811,939,328; the
    pools none) and 4,684,224 parameters (640 + 36,928 + 73,856 + 147,584 + 295,168
    + 590,080 + 1,180,160 + 2,359,808; weights and biases, by hand in the test).
    Recalled loosely: about 4.7 M parameters (pinned within 1 %: -0.3 %).

    [U] the layout ``[1, 257, 199, 1]`` (frequency as H, time as W; the paper writes
    257 x 199 x 1); batch norms folded into the conv biases (NetBuilder's seeded
    biases), RELU fused; SAME padding (the paper's map sizes: the convs keep them);
    the 2x2 pools VALID (the floor: 257 -> 128, 199 -> 99, 49 -> 24, as the paper's
    pool sizes); the whole-map pool a single MAX_POOL_2D of 32 x 24 with stride 1
    (the window gives one output either way; NetBuilder has no REDUCE_MAX; the same
    form as PANNs CNN6's max over time), kept as ``[1, 1, 1, 512]`` (no RESHAPE to
    ``[1, 512]``); no input normalisation (outside the network).

    Vela 5.2 (checked once with ``npu_full``): see the module docstring.
    """
    for i, c in enumerate(L3_WIDTHS):
        for _ in range(L3_CONVS):
            x = b.conv(x, c, 3, 1, "RELU")
        if i < len(L3_WIDTHS) - 1:
            x = b.pool(x, "max", L3_POOL, L3_POOL)
    _, h, w, _ = b.shape(x)
    return b.pool(x, "max", (h, w), 1)
