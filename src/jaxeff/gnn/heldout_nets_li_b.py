"""Held-out families LI, part K (session 36, pre-registered in addendum 6 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
DenseNet-161, the widest ImageNet DenseNet-BC (k = 48), whose pre-activation batch
norms read a CONCATENATION (or a dense block's input) that the later layers read
too, so cannot fold and stay per-channel MUL + ADD operators on maps of 56 x 56 down
to 7 x 7.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias); a batch norm that directly follows
a conv folded into it (its RELU fused into the conv); one on a concatenation, a dense
block's input (the stem's max pool or a transition's average pool) or the last
block's output a per-channel MUL by a constant ``[1, 1, 1, C]`` and ADD of a
constant ``[1, 1, 1, C]`` with the RELU fused into the ADD
(:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`); the dense connections two-input
CONCATENATIONs growing the running map, as FC-DenseNet56
(:mod:`jaxeff.gnn.heldout_nets_xlvii_b`) and RDN (:mod:`jaxeff.gnn.heldout_nets_l`)
write them. A test model: no training space draws it (``models.json``'s overlap,
pinned in ``tests/gnn/test_heldout_nets_li_b.py``). Written from the paper's
definition as recalled; no code was read. Choices the source leaves open, and ours,
are marked [U].

* :func:`densenet161`: DenseNet-161 (Huang, Liu, van der Maaten & Weinberger, arXiv
  1608.06993) on ``[1, 224, 224, 3]``: a 7x7 / 2 conv of 96 RELU, a 3x3 / 2 max pool;
  dense blocks of 6, 12, 36, 24 bottleneck layers (MUL + ADD RELU on the running
  map, 1x1 of 192 RELU, 3x3 of 48, CONCATENATION onto the running map), a
  transition after each of the first three (MUL + ADD RELU, 1x1 to half the
  channels, 2x2 / 2 average pool); a final MUL + ADD RELU, MEAN, FC 1000, SOFTMAX;
  ``[1, 1000]``. 409 ops: 160 CONV_2D, 82 MUL, 82 ADD, 78 CONCATENATION,
  MAX_POOL_2D, 3 AVERAGE_POOL_2D, MEAN, FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import bn_relu_4d

__all__ = ["densenet161"]


# -- Huang, Liu, van der Maaten & Weinberger: DenseNet-161 (DenseNet-BC, k = 48)

#: DenseNet-161 (arXiv 1608.06993, Table 1, the k = 48 ImageNet DenseNet-BC): the
#: stem's width (2k), the growth rate, the bottleneck's width (4k), the layers per
#: dense block and the transitions' compression
DENSENET161_STEM, DENSENET161_GROWTH, DENSENET161_BOTTLENECK = 96, 48, 192
DENSENET161_BLOCKS, DENSENET161_COMPRESSION = (6, 12, 36, 24), 0.5


def densenet161(b: NetBuilder, x: int, classes: int = 1000) -> int:
    """DenseNet-161 on ``x`` (``[1, 224, 224, 3]``, ImageNet); returns the SOFTMAX
    output ``[1, classes]``.

    Huang, Liu, van der Maaten & Weinberger, "Densely Connected Convolutional
    Networks", CVPR 2017, arXiv 1608.06993 (Section 3, Table 1 and the ImageNet
    results, recalled): DenseNet-BC with growth rate k = 48; a 7x7 / 2 conv of 2k =
    96 with batch norm and ReLU, a 3x3 / 2 max pool (224 -> 56); four dense blocks of
    6, 12, 36, 24 bottleneck layers (BN-ReLU-conv 1x1 of 4k = 192, BN-ReLU-conv 3x3
    of k = 48, its output concatenated onto the block's running map) on maps of 56,
    28, 14 and 7; a transition after each of the first three (BN-ReLU-conv 1x1 to
    floor(0.5 m) maps, 2x2 / 2 average pool); a final BN-ReLU, global average pool,
    FC 1000, softmax. Channels: 96 -> 384 (block 1), 192 -> 768 (block 2), 384 ->
    2,112 (block 3), 1,056 -> 2,208 (block 4). Here (the pre-registered definition):
    CONV_2D 7x7 / 2 SAME 96 RELU (its batch norm folded), MAX_POOL_2D 3x3 / 2 SAME;
    per layer MUL by a per-channel scale and ADD of a per-channel shift with RELU
    fused (the batch norm on the running map: the block's input or the previous
    CONCATENATION), CONV_2D 1x1 192 RELU (the batch norm after it folded), CONV_2D
    3x3 SAME 48 (linear), CONCATENATION [running map, new map]; per transition MUL +
    ADD RELU, CONV_2D 1x1 to half the channels (linear), AVERAGE_POOL_2D 2x2 / 2
    VALID; final MUL + ADD RELU, MEAN over H and W, FULLY_CONNECTED ``classes``,
    SOFTMAX. 161 layers: 1 + 156 + 3 convs and the FC. 409 ops: 160 CONV_2D, 82
    MUL, 82 ADD, 78 CONCATENATION, MAX_POOL_2D, 3 AVERAGE_POOL_2D, MEAN,
    FULLY_CONNECTED, SOFTMAX; the 82 MUL + ADD pairs on maps of 56 x 56 (7: six
    layers and the first transition), 28 x 28 (13), 14 x 14 (37) and 7 x 7 (25: 24
    layers and the final one). This graph counts 7,727,907,072 MACs (stem
    177,020,928; block 1 with its transition (56 x 56) 2,572,222,464, block 2 with
    its transition 1,835,237,376, block 3 with its transition 2,680,602,624, block 4
    460,615,680; FC 2,208,000) and 28,671,304 parameters (weights and biases
    28,481,512: stem 14,208, the layers' convs 23,657,760, the transitions' convs
    2,600,544, FC 2,209,000; the 82 unfolded batch norms' scales and shifts 189,792;
    by hand in the test). Published: 28.7 M parameters (torchvision's 28,681,000,
    recalled; pinned within 1 %: -0.03 %) and 7.7 x 10^9 FLOPs, multiply-adds (as
    commonly quoted, recalled; pinned within 5 %: +0.4 %).

    [U] every batch norm on a running map (a block's input or a CONCATENATION, which
    the later layers read unnormalised), on a transition's input and the final one a
    MUL + ADD with RELU fused (the pre-registered choice; scale and shift constants of
    shape ``[1, 1, 1, C]``, :func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`); the
    stem's batch norm and the one between a layer's 1x1 and 3x3 folded (RELU fused);
    the 3x3 and the transitions' 1x1 linear (their batch norms are the next layer's,
    on the concatenation or the pool); floor(0.5 m) at the transitions (384, 768 and
    2,112 are even); concatenation order [running map, new map], one two-input
    CONCATENATION per layer; SAME padding on every conv and the max pool, the
    average pools VALID (even maps); MEAN as the global pool; SOFTMAX (as the other
    classifiers); biases on every conv; dropout left out.
    """
    k = DENSENET161_GROWTH
    x = b.pool(b.conv(x, DENSENET161_STEM, 7, 2, "RELU"), "max", 3, 2, "SAME")
    for i, layers in enumerate(DENSENET161_BLOCKS):
        for _ in range(layers):
            h = b.conv(bn_relu_4d(b, x), DENSENET161_BOTTLENECK, 1, 1, "RELU")
            x = b.concat([x, b.conv(h, k, 3)])
        if i < len(DENSENET161_BLOCKS) - 1:
            c = int(b.shape(x)[-1] * DENSENET161_COMPRESSION)
            x = b.pool(b.conv(bn_relu_4d(b, x), c, 1), "avg", 2, 2)
    x = b.mean(bn_relu_4d(b, x), (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, classes))
