"""Held-out families LXVI, part B (session 40, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s40/PREREGISTERED.md`` before being built):
one 1-D bottleneck ResNet, said openly a sibling of family LXV's xresnet1d50, whose
stage-3 and stage-4 1x5 convs (256 / 512 channels at OW 63 / 32, stride 1) lie in
W1's domain and are weight-stream bound, the samples along W, one row.

* :func:`xresnet1d101`: Strodthoff et al.'s xresnet1d101 as
  ``xresnet1d101_ptbxl_1000x12`` on ``[1, 1, 1000, 12]`` (a 10 s, 100 Hz, 12-lead
  PTB-XL record, the leads as channels): LXV's builder
  (:func:`jaxeff.gnn.heldout_nets_lxv.xresnet1d`) with bottleneck blocks [3, 4, 23,
  3] in place of [3, 4, 6, 3], every other choice the same (the stem, the max pool,
  mid channels 64-512 with expansion 4, the stride 2 on the 1x5, the ResNet-D
  shortcuts, the concat-pooling head into FC 128 RELU, FC 71 logits); ``[1, 71]``.
  148 ops: 106 CONV_2D, 2 MAX_POOL_2D, 3 AVERAGE_POOL_2D, 33 ADD, MEAN,
  CONCATENATION, 2 FULLY_CONNECTED.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norm folded, RELU
fused into the conv, the ADD or the FC). Test model: no training space draws it
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_lxvi_b.py``).
Choices the sources leave open, and ours, are marked [U] (those of xresnet1d50,
:func:`jaxeff.gnn.heldout_nets_lxv.xresnet1d50`, all kept).

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_lxv import xresnet1d

__all__ = ["xresnet1d101"]


#: xresnet1d101's bottleneck blocks per stage (the torchvision / fastai ResNet-101
#: layout); everything else is LXV's (:mod:`jaxeff.gnn.heldout_nets_lxv`)
XR101_BLOCKS = (3, 4, 23, 3)


def xresnet1d101(b: NetBuilder, x: int) -> int:
    """Strodthoff et al.'s xresnet1d101 on ``x`` (``[1, 1, 1000, 12]``: a 10 s
    record of 1,000 samples along W, the 12 leads as channels); returns the
    FULLY_CONNECTED logits ``[1, 71]``.

    Strodthoff, Wagner, Schaeffter and Samek, "Deep learning for ECG analysis:
    benchmarks and insights from PTB-XL", IEEE Journal of Biomedical and Health
    Informatics 25(5) (2021) 1519-1528 (recalled): the fastai xResNet-101 (ResNet-D)
    in 1-D, benchmarked beside xresnet1d50 on PTB-XL at 100 Hz. Here (the
    pre-registered definition): xresnet1d50 (:func:`jaxeff.gnn.heldout_nets_lxv.
    xresnet1d50`) with stage 3 of 23 blocks (mid 256, out 1024, at OW 63) instead of
    6: stem to ``[1, 1, 250, 64]``; stage 1: 3 blocks to ``[1, 1, 250, 256]``; stage
    2: 4 blocks to ``[1, 1, 125, 512]``; stage 3: 23 blocks to ``[1, 1, 63, 1024]``;
    stage 4: 3 blocks to ``[1, 1, 32, 2048]``; head as xresnet1d50's. 148 ops: 106
    CONV_2D (3 stem, 99 in the blocks, 4 shortcut), 2 MAX_POOL_2D, 3
    AVERAGE_POOL_2D, 33 ADD, MEAN, CONCATENATION, 2 FULLY_CONNECTED.

    This graph counts 1,834,154,368 MACs: xresnet1d50's 921,696,640 plus 17 more
    stage-3 blocks of 53,673,984 (1,024 -> 256 1x1 16,515,072, 256 -> 256 1x5
    20,643,840, 256 -> 1,024 1x1 16,515,072 at OW 63); stage 3 1,267,400,704 =
    86,573,056 + 22 x 53,673,984 (the others as xresnet1d50's: stem 8,640,000,
    stages 1, 2, 4 40,960,000, 122,880,000 and 393,740,288, FCs 533,376). It has
    33,502,663 parameters (weights and biases): xresnet1d50's 18,993,095 plus 17 x
    853,504 (262,400 + 327,936 + 263,168); stage 3 20,024,832 (by hand in the test).
    The 22 stride-1 1x5 convs of stage 3 (256 -> 256 at OW 63, 327,680 weights
    each) and stage 4's two (512 -> 512 at OW 32, 1,310,720 weights each) are the
    W1-domain convs. Published: no count recalled precisely enough; not pinned.

    [U] every choice of xresnet1d50 kept (its docstring): batch norm folded, SAME
    convs and pools, ReLU placement as the fastai xResNet, the whole-width
    MAX_POOL_2D and MEAN concat head (max first), 71 logits (no SOFTMAX / LOGISTIC),
    biases on every conv and FC, dropout left out, time along W; [U] the blocks
    [3, 4, 23, 3] as ResNet-101's (the pre-registered definition; not checked
    against the authors' code).
    """
    return xresnet1d(b, x, XR101_BLOCKS)
