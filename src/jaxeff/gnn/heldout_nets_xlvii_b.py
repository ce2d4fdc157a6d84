"""Held-out family XLVII, part D (session 35, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s35/PREREGISTERED.md`` before being built):
FC-DenseNet56, the smallest of the "One Hundred Layers Tiramisu" semantic-segmentation
networks -- a fully convolutional DenseNet whose down path of dense blocks and
max-pooled transitions is mirrored by an up path of 3x3 / 2 transposed convs, each
up-sampling only the feature maps the dense block before it produced and
concatenated with the down path's skip.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and transposed conv with a bias); every batch
norm, each on a CONCATENATION or a max pool (no weights to fold it into) or on the
stem conv (whose map the first CONCATENATION also reads), a per-channel MUL + ADD
with the RELU fused into the ADD (:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`,
as DenseNet-40 and DenseNet-BC-100 write it), reused rather than copied. Test
model: no training space draws it in its exact configuration (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_xlvii_b.py``). Written from the
paper's definition as recalled; no code was read. Choices the source leaves open,
and ours, are marked [U].

* :func:`fc_densenet56`: FC-DenseNet56 (Jegou, Drozdzal, Vazquez, Romero & Bengio,
  arXiv 1611.09326) on ``[1, 224, 224, 3]``: a 3x3 conv of 48; five dense blocks of
  4 layers of growth 12 (MUL + ADD RELU, 3x3 conv 12, CONCATENATION onto the running
  map; 48 -> 96 -> 144 -> 192 -> 240 -> 288 channels), each followed by a transition
  down (MUL + ADD RELU, 1x1 conv keeping the channels, 2x2 / 2 MAX_POOL_2D; 224 ->
  7); a bottleneck dense block of 4 layers at 7 x 7 whose 4 new maps (48 channels)
  are concatenated; five transitions up (3x3 / 2 SAME TRANSPOSE_CONV of the previous
  block's new maps to as many channels, CONCATENATION with the skip), each followed
  by a dense block of 4 layers (its 4 new maps, 48 channels, concatenated for the
  next transition up; the last block's whole running map, 192 channels, kept for the
  head); a 1x1 conv to 11 classes and a SOFTMAX per pixel; ``[1, 224, 224, 11]``.
  209 ops, 56 layers by the paper's count (the function's docstring says how).
  Addendum 2 said 15 bottleneck layers (FC-DenseNet103's); addendum 3 corrected it
  to the published 4 before the model was labelled.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["fc_densenet56"]


# -- Jegou, Drozdzal, Vazquez, Romero & Bengio: FC-DenseNet56

#: FC-DenseNet56 (arXiv 1611.09326, Section 4 and Table 2): the first conv's width,
#: the growth rate, the layers of each down / up dense block, the bottleneck's layers,
#: the transitions down (= up) and CamVid's 11 classes
FCD56_STEM, FCD56_GROWTH, FCD56_LAYERS, FCD56_BOTTLENECK = 48, 12, 4, 4
FCD56_POOLS, FCD56_CLASSES = 5, 11


def _dense_block(b: NetBuilder, x: int, layers: int, full: bool = True
                 ) -> tuple[int, list[int]]:
    """A dense block of ``layers`` layers on ``x``: each MUL + ADD RELU (batch norm
    and ReLU of the running map), a 3x3 SAME conv of :data:`FCD56_GROWTH` (linear),
    its output CONCATENATED after the running map. Returns the running map after the
    last layer (``full``; otherwise the last layer's CONCATENATION, which nothing
    reads, is not written and the map before it is returned) and the new maps."""
    new = []
    for i in range(layers):
        y = b.conv(bn_relu(b, x), FCD56_GROWTH, 3)
        new.append(y)
        if full or i < layers - 1:
            x = b.concat([x, y])
    return x, new


def fc_densenet56(b: NetBuilder, x: int, classes: int = FCD56_CLASSES) -> int:
    """FC-DenseNet56 on ``x`` (``[1, 224, 224, 3]``, an RGB crop); returns the
    per-pixel class probabilities ``[1, 224, 224, classes]`` (SOFTMAX over the
    channels).

    Jegou, Drozdzal, Vazquez, Romero & Bengio, "The One Hundred Layers Tiramisu: Fully
    Convolutional DenseNets for Semantic Segmentation", CVPRW 2017, arXiv 1611.09326
    (Section 3, Tables 1 and 2, recalled): a layer is BN, ReLU, 3x3 conv, dropout 0.2;
    a transition down (TD) BN, ReLU, 1x1 conv of as many maps as its input, dropout
    0.2, 2x2 max pool; a transition up (TU) a 3x3 transposed conv of stride 2. The
    down path: a 3x3 conv of 48, then per dense block of n layers (growth k) the
    block's input concatenated with all n new maps (m grows by n k), a TD after each.
    The bottleneck: a dense block whose n k new maps only (not its input) are
    up-sampled, "to avoid a feature explosion"; in the up path the TU up-samples only
    the new maps of the last dense block, concatenates them with the skip of the same
    resolution and feeds the next dense block; a 1x1 conv to the classes and a
    softmax. FC-DenseNet56: 4 layers per dense block, the bottleneck included, k = 12
    (FC-DenseNet67 5 layers and k = 16, FC-DenseNet103 4-5-7-10-12 and a bottleneck
    of 15, k = 16); 224 x 224 random crops in training; CamVid's 11 classes; "1.5 M"
    parameters (Table 3, the CamVid results, as recalled).

    Here: CONV_2D 3x3 SAME 48 (linear); per down block 4 x (MUL, ADD RELU, CONV_2D 3x3
    12, CONCATENATION [running map, new]) at 224, 112, 56, 28, 14 (48 -> 96, 96 ->
    144, 144 -> 192, 192 -> 240, 240 -> 288 channels), per TD MUL, ADD RELU, CONV_2D
    1x1 (channels kept, linear), MAX_POOL_2D 2x2 / 2 VALID; the bottleneck 4 layers
    at 7 x 7 on 288 channels (3 CONCATENATIONs of the running map) and one
    CONCATENATION of its 4 new maps (48); per TU TRANSPOSE_CONV 3x3 / 2 SAME to as
    many channels as it reads (48, linear) and CONCATENATION [up-sampled, skip] (14:
    48 + 288 = 336, 28: 48 + 240 = 288, 56: 48 + 192 = 240, 112: 48 + 144 = 192, 224:
    48 + 96 = 144), then a dense block of 4 layers: the first four up blocks write 3
    CONCATENATIONs of the running map and one of their 4 new maps (48), the last 4 of
    the running map (144 -> 192); CONV_2D 1x1 to ``classes`` (linear), SOFTMAX. 209
    ops: 51 CONV_2D, 49 MUL, 49 ADD, 49 CONCATENATION, 5 MAX_POOL_2D, 5
    TRANSPOSE_CONV, SOFTMAX; counting the stem, the dense layers, the TDs, the TUs and
    the head as the paper does, 1 + 20 + 5 + 4 + 20 + 5 + 1 = 56 layers. This graph
    counts 8,916,982,368 MACs (stem 65,028,096; down blocks 1,430,618,112,
    617,766,912, 219,469,824, 71,124,480 and 21,845,376; transitions down
    462,422,016, 260,112,384, 115,605,504, 45,158,400 and 16,257,024; the bottleneck
    6,477,408; transposed convs, at their input, 1,016,064, 4,064,256, 16,257,024,
    65,028,096 and 260,112,384; up blocks 29,973,888, 103,638,528, 349,526,016,
    1,137,991,680 and 3,511,517,184; head 105,971,712) and 1,376,795 parameters (conv
    weights and biases 1,249,584, transposed convs 103,920, head 2,123, the 49 batch
    norms' scales and shifts 21,168; by hand in the test). Published: "1.5 M"
    parameters (Table 3, pinned within 10 %: -8.2 %).

    Addendum 2 of the pre-registration gave the bottleneck 15 layers (FC-DenseNet103's,
    Table 2); addendum 3 corrected it to the published 4 before the model was
    labelled.

    [U] the input 224 x 224 (the paper's training crop); SAME padding on every conv;
    the transposed conv SAME, its output exactly twice its input (the paper's VALID
    output, 2H + 1, centre-cropped to the skip's size), linear (the paper gives it no
    BN or ReLU); biases on every conv and transposed conv; the stem conv linear (the
    first layer's BN-ReLU follows it); every batch norm a MUL + ADD with the RELU fused
    (the pre-registered choice; none can fold: each reads a CONCATENATION or a max
    pool, or the stem conv whose map the first CONCATENATION also reads);
    concatenation order [running map, new map] in a block and [up-sampled, skip] at
    a TU; the new maps of a block concatenated in one CONCATENATION; the head reads
    the last up block's whole running map (as the paper's table gives its width);
    the max pool VALID (even maps); dropout left out (inference); the softmax over
    the channels of the 4-D map; no input normalisation (outside the network).
    """
    x = b.conv(x, FCD56_STEM, 3)
    skips = []
    for _ in range(FCD56_POOLS):
        x, _ = _dense_block(b, x, FCD56_LAYERS)
        skips.append(x)
        x = b.pool(b.conv(bn_relu(b, x), b.shape(x)[-1], 1), "max", 2, 2)
    _, new = _dense_block(b, x, FCD56_BOTTLENECK, full=False)
    for i, skip in enumerate(reversed(skips)):
        up = b.concat(new)
        x = b.concat([b.transpose_conv(up, b.shape(up)[-1], 3, 2), skip])
        x, new = _dense_block(b, x, FCD56_LAYERS, full=i == FCD56_POOLS - 1)
    return b.softmax(b.conv(x, classes, 1))
