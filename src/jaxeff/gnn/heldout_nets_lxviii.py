"""Held-out families LXVIII (session 41, addendum 4, pre-registered before being built;
``docs/evidence/perfsage-cpu-2026-12-07-s41/PREREGISTERED.md``): M5 and M3 of Dai et
al. with a VALID stride-4 stem straight on 32,000 raw samples. Said openly: these are
siblings of the read M18 / M34-res (``m18_valid_32000``, ``m34res_valid_32000``: the
same paper, the same stem layout), a weaker test than an independent family; they
differ in the stem's width (128 and 256 filters, 2x and 4x M18's map), which is what
the velamem candidate S2's added step scales with. Built by a helper who prints only
names and ``npu_full``; nothing is chosen on them.

Written with :class:`jaxeff.gnn.build.NetBuilder` in the layout of
:func:`jaxeff.gnn.heldout_nets_lxvi.m18` with ``pad=False`` (float32, seeded weights,
batch norm folded into each conv's bias, RELU fused; the samples along W; a VALID
1x80 / (1, 4) stem on the 32,000 samples, 7,981 outputs; 1x4 / 4 VALID max pools,
1x3 SAME convs, MEAN, FC 10, SOFTMAX). Test models: no training space draws them
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxviii.py``).
Written from the paper's definition as recalled; no code was read. Choices the source
leaves open, and ours, are marked [U].

* :func:`m5_valid`: ``m5_valid_32000``, the registered ``m5_raw_32000``
  (:func:`jaxeff.gnn.heldout_nets_xxxviii.m5`) with ``pad=False``: CONV_2D 1x80 / 4
  VALID RELU of 128 (7,981), then a MAX_POOL_2D 1x4 / 4 after it and after each of
  the 1x3 SAME RELU convs of 128, 256, 512 (1,995, 498, 124, 31); MEAN,
  FULLY_CONNECTED 10, SOFTMAX; ``[1, 10]``. 11 ops: 4 CONV_2D, 4 MAX_POOL_2D, MEAN,
  FULLY_CONNECTED, SOFTMAX.
* :func:`m3`: ``m3_valid_32000``: CONV_2D 1x80 / 4 VALID RELU of 256 (7,981),
  MAX_POOL_2D 1x4 / 4 (1,995), CONV_2D 1x3 SAME RELU of 256, MAX_POOL_2D 1x4 / 4
  (498), MEAN, FULLY_CONNECTED 10, SOFTMAX; ``[1, 10]``. 7 ops: 2 CONV_2D, 2
  MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxviii import m5

__all__ = ["m3", "m5_valid"]

#: M3 (arXiv 1610.00087, Table 1, recalled; the pre-registered definition): the
#: stem's (filters, taps, stride), the second conv's (filters, taps), the pools'
#: window = stride, the classes
M3_STEM = (256, 80, 4)
M3_CONV = (256, 3)
POOL, CLASSES = 4, 10


def m5_valid(b: NetBuilder, x: int, classes: int = CLASSES) -> int:
    """``m5_valid_32000``: :func:`jaxeff.gnn.heldout_nets_xxxviii.m5` with
    ``pad=False`` on ``x`` (``[1, 1, 32000, 1]``); returns the SOFTMAX output ``[1,
    classes]``. 11 ops; 277,502,976 MACs (stem 81,725,440 = 7,981 x 128 x 80;
    98,058,240 = 1,995 x 128 x 128 x 3; 48,955,392 = 498 x 128 x 256 x 3; 48,758,784 =
    124 x 256 x 512 x 3; FC 5,120) and 557,066 parameters (10,368 + 49,280 + 98,560 +
    393,728 + 5,130), as ``m5_raw_32000``'s. [U] as ``m5_raw_32000``'s, and the VALID
    stem without the PAD (what Vela maps)."""
    return m5(b, x, classes, pad=False)


def m3(b: NetBuilder, x: int, classes: int = CLASSES) -> int:
    """M3 on ``x`` (``[1, 1, 32000, 1]``: 32,000 waveform samples along W); returns
    the SOFTMAX output ``[1, classes]``.

    Dai, Dai, Qu, Li and Das, "Very Deep Convolutional Neural Networks for Raw
    Waveforms", ICASSP 2017, arXiv 1610.00087 (Table 1, recalled): [80/4, 256],
    maxpool 4; [3, 256], maxpool 4; global average pooling; softmax; batch norm and
    ReLU after every conv. Here (the pre-registered definition, addendum 4): CONV_2D
    256 1x80 stride (1, 4) VALID RELU on the 32,000 samples (-> ``[1, 1, 7981,
    256]``), MAX_POOL_2D 1x4 / (1, 4) VALID (-> 1,995), CONV_2D 256 1x3 SAME RELU
    (``[1, 1, 1995, 256]``), MAX_POOL_2D 1x4 / (1, 4) VALID (-> 498), MEAN over H and
    W (``[1, 1, 1, 256]``), FULLY_CONNECTED ``classes`` (linear), SOFTMAX. 7 ops: 2
    CONV_2D, 2 MAX_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

    This graph counts 555,686,400 MACs: stem 163,450,880 (7,981 x 256 x 80); conv 2
    392,232,960 (1,995 x 256 x 256 x 3); FC 2,560. It has 220,170 parameters (weights
    and biases): stem 20,736 (256 x 80 + 256); conv 2 196,864 (256 x 256 x 3 + 256);
    FC 2,570 (by hand in the test). Published (Table 1, recalled): 0.2 M parameters.

    [U] as M18's VALID variant: the layout (time along W, kernel height 1); the stem
    VALID without a PAD (7,981 outputs, not the paper's 8,000); the 1x3 conv SAME; the
    pools VALID; batch norms folded into the convs' biases, RELU fused; MEAN as the
    global average pool; the FC linear (10) before a standalone SOFTMAX; 10 classes
    (UrbanSound8k).
    """
    c0, k0, s0 = M3_STEM
    x = b.conv(x, c0, (1, k0), (1, s0), "RELU", "VALID")
    x = b.pool(x, "max", (1, POOL), (1, POOL))
    c1, k1 = M3_CONV
    x = b.conv(x, c1, (1, k1), 1, "RELU", "SAME")
    x = b.pool(x, "max", (1, POOL), (1, POOL))
    return b.softmax(b.fc(b.mean(x), classes))
