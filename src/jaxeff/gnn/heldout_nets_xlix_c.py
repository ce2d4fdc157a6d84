"""Held-out families XLIX, part F (session 36, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
U-Time, a fully convolutional 1-D encoder-decoder for sleep staging (max-pool
down-sampling, nearest up-sampling back, concatenated skips, a dense 5-class SOFTMAX
averaged per epoch), in the definition's fallback form ``utime_4096``.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs,
RELU fused into them). The EEG lies along W (``[1, 1, T, C]``, as
:func:`jaxeff.gnn.heldout_nets_xlvi_b.wave_unet`); every 1-D conv is a CONV_2D of
kernel height 1, every 1-D pool a MAX_POOL_2D or AVERAGE_POOL_2D of height 1 and
every 1-D up-sampling a RESIZE_NEAREST_NEIGHBOR of the one-row map along W (the form
rule U reads). A test model: no training space draws it (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_xlix_c.py``). Written from the paper's
definition as recalled; no code was read. Choices the source leaves open, and ours,
are marked [U].

* :func:`utime`: U-Time (Perslev et al., arXiv 1910.11162) on two epochs of 2,048
  samples of two-channel EEG, ``[1, 1, 4096, 2]``: four encoder blocks (two 1x5
  SAME convs dilated (1, 2) with RELU, of 16, 32, 64, 128 filters, a MAX_POOL_2D
  1x8, 1x4, 1x4, 1x2 of the same stride), a bottom block of two such convs of 256
  on 16 samples; four decoder blocks (RESIZE_NEAREST_NEIGHBOR by 2, 4, 4, 8 along
  W, a 1x4 SAME conv RELU, a CONCATENATION with the encoder map of that length, two
  1x5 SAME convs RELU of 128, 64, 32, 16 filters); a 1x1 conv to 5, SOFTMAX, an
  AVERAGE_POOL_2D 1x2048 / 2048 per epoch; ``[1, 1, 2, 5]``. 37 ops: 23 CONV_2D, 4
  MAX_POOL_2D, 4 RESIZE_NEAREST_NEIGHBOR, 4 CONCATENATION, SOFTMAX,
  AVERAGE_POOL_2D.

The MAC and parameter counts are in the function's docstring and pinned in the
test. Vela mapping (checked with ``npu_full`` only, no Vela figure read; the CPU
operators named from Vela's per-operator placement messages): the pre-registered
``utime_3840`` (the paper's pools 10, 8, 6, 4 and up-sampling 4, 6, 8, 10 on T =
3,840 = 1,920 x 2) is not mapped fully -- Vela 5.2 keeps two RESIZE_NEAREST_NEIGHBORs
on the CPU, the up-sampling by 6 and by 10 (a one-row resize must scale by 2, 4 or
8; the pools of 10, 8, 6, 4 and the resize by 4 and 8 are mapped). So the
definition's stated fallback is built and registered: pools 8, 4, 4, 2 and
up-sampling 2, 4, 4, 8 on T = 4,096, which Vela maps fully (``npu_full`` true,
checked once). The dilation 2 is kept (Vela maps it: no warning on a conv in either
build). ``utime_3840`` stays buildable (:data:`UTIME_PAPER_POOLS`), unregistered.
"""

from __future__ import annotations

from collections.abc import Sequence

from jaxeff.gnn.build import NetBuilder

__all__ = ["utime"]


# -- Perslev et al.: U-Time

#: U-Time (arXiv 1910.11162, Section 3 and Fig. 1; the pre-registered definition's
#: fallback): the samples (two epochs of 2,048 [U]) and channels of the input, the
#: encoder's filters (the bottom's last), the pooling factors (the decoder
#: up-samples by them reversed), the convs' kernel and dilation, the up-sampling
#: conv's kernel, the classes and the samples of an epoch
UTIME_LEN, UTIME_CH = 4096, 2
UTIME_FILTERS = (16, 32, 64, 128, 256)
UTIME_POOLS = (8, 4, 4, 2)
UTIME_K, UTIME_DIL, UTIME_UPK = 5, 2, 4
UTIME_CLASSES, UTIME_EPOCH = 5, 2048
#: the paper's pools and input (two 30-s epochs of 1,920 samples at 64 Hz), the
#: pre-registered ``utime_3840``: built (``utime(b, x, pools=UTIME_PAPER_POOLS,
#: epoch=UTIME_PAPER_EPOCH)`` on ``[1, 1, 3840, 2]``) but not registered, as Vela 5.2
#: does not map its up-sampling by 6 and 10 (see the module's docstring)
UTIME_PAPER_LEN, UTIME_PAPER_POOLS, UTIME_PAPER_EPOCH = 3840, (10, 8, 6, 4), 1920


def _block(b: NetBuilder, x: int, c: int, d: int) -> int:
    """Two 1xK SAME convs of ``c`` filters dilated (1, ``d``), RELU fused (batch
    norms folded)."""
    for _ in range(2):
        x = b.conv(x, c, (1, UTIME_K), 1, "RELU", "SAME", (1, d))
    return x


def utime(b: NetBuilder, x: int, *, pools: Sequence[int] = UTIME_POOLS,
          epoch: int = UTIME_EPOCH, dil: int = UTIME_DIL) -> int:
    """U-Time on ``x`` (``[1, 1, 4096, 2]``: 4,096 samples along W, two EEG
    channels); returns the per-epoch class confidences ``[1, 1, 2, 5]`` (the dense
    SOFTMAX averaged over each epoch of 2,048 samples). ``pools`` and ``epoch``: the
    paper's 10, 8, 6, 4 and 1,920 on ``[1, 1, 3840, 2]`` build the pre-registered
    ``utime_3840`` (not registered: Vela 5.2 does not map its up-sampling by 6 and
    10).

    Perslev et al., "U-Time: A Fully Convolutional Network for Time Series
    Segmentation Applied to Sleep Staging", NeurIPS 2019, arXiv 1910.11162 (Section
    3, Fig. 1, recalled): an encoder of four blocks, each two convs of kernel 5
    dilated 2, each with ReLU and batch norm, then a max pool (10, 8, 6, 4: the
    input shrinks 1,920-fold); a bottom block of two such convs; a decoder of four
    blocks, each a nearest-neighbour up-sampling by the matching factor (4, 6, 8,
    10), a conv of kernel 4 with ReLU and batch norm, a concatenation with the
    encoder block's output of the same length and two convs of kernel 5 with ReLU
    and batch norm; a point-wise conv to the classes with a softmax gives a dense
    segmentation (one score vector a sample), which the segment classifier averages
    over each 30-s epoch. Here (the pre-registered definition, its fallback
    factors): per encoder block CONV_2D 1x5 SAME dilated (1, 2) RELU twice (16, 32,
    64, 128 filters), MAX_POOL_2D 1xp VALID of stride (1, p), p = 8, 4, 4, 2 (4096
    -> 512 -> 128 -> 32 -> 16); the bottom block the same at 256 on 16 samples; per
    decoder block (up-sampling u = 2, 4, 4, 8) RESIZE_NEAREST_NEIGHBOR to ``(1, u
    W)``, CONV_2D 1x4 SAME RELU of the block's filters (128, 64, 32, 16),
    CONCATENATION (the encoder block's last conv, before its pool, first; the
    up-sampled conv second), CONV_2D 1x5 SAME RELU twice; CONV_2D 1x1 to 5
    (linear), SOFTMAX over the classes, AVERAGE_POOL_2D 1x2048 VALID of stride (1,
    2048). 37 ops: 23 CONV_2D, 4 MAX_POOL_2D, 4 RESIZE_NEAREST_NEIGHBOR, 4
    CONCATENATION, SOFTMAX, AVERAGE_POOL_2D. This graph counts 86,179,840 MACs
    (encoder 17,694,720; bottom 7,864,320; decoder 60,293,120; head 327,680) and
    1,156,517 parameters (weights and biases: encoder 163,200, bottom 492,032,
    decoder 501,200, head 85; by hand in the test); ``utime_3840`` 51,417,088 MACs,
    the same parameters. Published: no count recalled precisely enough; not pinned.

    [U] the fallback factors 8, 4, 4, 2 on T = 4,096 (the definition's, as Vela 5.2 does
    not map a one-row resize by 6 or 10); two epochs of 2,048 samples (30-s epochs of
    1,920 at 64 Hz, two, in ``utime_3840``); the layout (time along W, kernel height 1);
    the filters 16 ... 256 doubling (the paper scales its filters by a complexity
    factor, not recalled exactly); the dilation 2 on the encoder's and the bottom's
    convs only (Vela maps it), the decoder's undilated; the batch norms folded into the
    convs (the paper orders ReLU before batch norm; folded all the same) and RELU fused;
    SAME zero padding; the pools VALID of stride equal to the factor;
    RESIZE_NEAREST_NEIGHBOR with align_corners and half_pixel_centers off; the encoder
    map first in each CONCATENATION; the 1x1 head linear before the SOFTMAX; the segment
    classifier the average pool alone (as the definition; no further point-wise conv);
    biases on every conv (NetBuilder's).
    """
    filters, skips = UTIME_FILTERS, []
    for c, p in zip(filters[:-1], pools, strict=True):
        x = _block(b, x, c, dil)
        skips.append(x)
        x = b.pool(x, "max", (1, p), (1, p))
    x = _block(b, x, filters[-1], dil)
    for c, skip in zip(reversed(filters[:-1]), reversed(skips), strict=True):
        x = b.resize(x, b.shape(skip)[1:3], "nearest")
        x = b.conv(x, c, (1, UTIME_UPK), 1, "RELU")
        x = _block(b, b.concat([skip, x]), c, 1)
    x = b.softmax(b.conv(x, UTIME_CLASSES, 1))
    return b.pool(x, "avg", (1, epoch), (1, epoch))
