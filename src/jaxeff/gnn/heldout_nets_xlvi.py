"""Held-out families XLVI, part A (session 35, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s35/PREREGISTERED.md`` before being built):
two small-input 2-D CNNs whose late maps are small -- Mini-Xception (a 48 x 48
grey face crop, four residual modules of depthwise-separable convs and 3x3 / 2 max
pools down to 3 x 3 x 128, a conv classifier and global average pool) and DroNet
(a 200 x 200 grey frame, the ResNet-8 of pre-activation blocks down to 7 x 7 x 128,
flatten and two one-unit FC heads).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias, batch norm folded into the
preceding conv's weights and bias); the separable conv a linear 3x3 DEPTHWISE_CONV_2D
and a 1x1 CONV_2D (:func:`jaxeff.gnn.heldout_nets._sep`, Xception's), a batch norm
that follows no conv a per-channel MUL + ADD with the RELU after it fused into the
ADD (:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`), the flatten the RESHAPE of
:func:`jaxeff.gnn.heldout_nets_xliv._flatten`, all reused rather than copied. Test
models: no training space draws either in its exact configuration (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_xlvi.py``). Written from the papers'
definitions as recalled; no code was read. Choices the sources leave open, and ours,
are marked [U].

* :func:`mini_xception`: Mini-Xception (Arriaga et al., arXiv 1710.07557, Fig. 4) on
  ``[1, 48, 48, 1]``: two 3x3 VALID convs of 8 + RELU (48 -> 46 -> 44); four residual
  modules (16, 32, 64, 128) of a 1x1 / 2 conv shortcut, two separable 3x3 convs (RELU
  after the first) and a 3x3 / 2 SAME MAX_POOL_2D, ADD (44 -> 22 -> 11 -> 6 -> 3); a
  3x3 conv to 7 classes, MEAN, SOFTMAX. 33 ops.
* :func:`dronet`: DroNet (Loquercio et al., IEEE RA-L 2018, Fig. 2) on ``[1, 200,
  200, 1]``: a 5x5 / 2 conv 32 (linear), a 3x3 / 2 VALID MAX_POOL_2D (100 -> 49);
  three pre-activation residual blocks (32, 64, 128) of BN-RELU (MUL + ADD), a 3x3 /
  2 conv (the second BN folded, RELU fused), a 3x3 conv (linear), a 1x1 / 2 conv
  shortcut of the block's input, ADD (49 -> 25 -> 13 -> 7); RESHAPE to 6,272, RELU;
  FC 1 (steering, linear) and FC 1 + LOGISTIC (collision probability), two graph
  outputs. 25 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets import _sep
from jaxeff.gnn.heldout_nets_xliv import _flatten
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["dronet", "mini_xception"]


# -- Arriaga, Valdenegro-Toro & Ploeger: Mini-Xception

#: Mini-Xception (arXiv 1710.07557, Fig. 4): the two stem convs' width, the four
#: residual modules' widths and the FER-2013 emotion classes
MINI_XCEPTION_STEM, MINI_XCEPTION_MODULES = 8, (16, 32, 64, 128)
MINI_XCEPTION_CLASSES = 7


def mini_xception(b: NetBuilder, x: int, classes: int = MINI_XCEPTION_CLASSES) -> int:
    """Mini-Xception on ``x`` (``[1, 48, 48, 1]``, a grey face crop); returns the
    SOFTMAX output ``[1, classes]``.

    Arriaga, Valdenegro-Toro & Ploeger, "Real-time Convolutional Neural Networks for
    Emotion and Gender Classification", arXiv 1710.07557 (Section 3, Fig. 4,
    recalled): a fully convolutional network for the 48 x 48 grey FER-2013 faces; two
    3x3 convs of 8 with batch norm and ReLU; four residual depthwise-separable modules
    of 16, 32, 64, 128 filters, each a 1x1 / 2 conv + BN shortcut beside two separable
    3x3 convs with BN (ReLU after the first) and a 3x3 / 2 max pool, the two added; a
    last conv to as many feature maps as classes (7 emotions), global average pooling
    and softmax; no fully connected layer; "approximately 60,000 parameters". Here:
    CONV_2D 3x3 VALID 8 (BN folded, RELU fused) twice, 48 -> 46 -> 44; per module
    CONV_2D 1x1 / 2 (the shortcut, BN folded, linear), DEPTHWISE_CONV_2D 3x3 (linear)
    + CONV_2D 1x1 (BN folded, RELU fused), DEPTHWISE_CONV_2D 3x3 + CONV_2D 1x1 (BN
    folded, linear), MAX_POOL_2D 3x3 / 2 SAME, ADD (pool, shortcut; linear): 44 -> 22
    -> 11 -> 6 -> 3; CONV_2D 3x3 SAME to ``classes`` (linear) at 3 x 3, MEAN over the
    map, SOFTMAX. 33 ops: 15 CONV_2D, 8 DEPTHWISE_CONV_2D, 4 MAX_POOL_2D, 4 ADD, MEAN,
    SOFTMAX. This graph counts 5,520,448 MACs (stem 152,352 and 1,115,136; the four
    modules 1,223,552, 1,014,464, 921,696 and 1,020,672; the classifier 72,576) and
    56,575 parameters (conv and depthwise weights and biases, batch norm folded into
    the biases; by hand in the test). Published: about 60,000 parameters (Section 3,
    pinned within 10 %: -5.7 %).

    [U] the stem convs VALID (48 -> 46 -> 44), as recalled from the authors' Keras
    release (the paper's figure gives no padding), every other conv and the pools
    SAME (the shortcut's 1x1 / 2 and the pool's 3x3 / 2 give the same sizes, 11 -> 6
    the third); the shortcut conv written before the separable convs (its place in
    the release as recalled; the graph is the same up to op order); the separable
    convs' depthwise biases (NetBuilder's; the release has none, the folded BN's shift
    sits in the pointwise conv's bias); biases on every conv; the global average
    pool a MEAN (as Xception's here); no input normalisation (x / 127.5 - 1, outside
    the network).
    """
    x = b.conv(x, MINI_XCEPTION_STEM, 3, 1, "RELU", "VALID")
    x = b.conv(x, MINI_XCEPTION_STEM, 3, 1, "RELU", "VALID")
    for c in MINI_XCEPTION_MODULES:
        sc = b.conv(x, c, 1, 2)
        h = _sep(b, _sep(b, x, c, "RELU"), c)
        x = b.add(b.pool(h, "max", 3, 2, "SAME"), sc)
    x = b.conv(x, classes, 3)
    return b.softmax(b.mean(x, (1, 2), keep_dims=False))


# -- Loquercio, Maqueda, del-Blanco & Scaramuzza: DroNet

#: DroNet (RA-L 2018, Fig. 2, the ResNet-8 backbone): the stem conv's width and the
#: three residual blocks' widths
DRONET_STEM, DRONET_BLOCKS = 32, (32, 64, 128)


def _dronet_block(b: NetBuilder, x: int, c: int) -> int:
    """A pre-activation residual block: BN-RELU (MUL + ADD, RELU fused) of the input,
    conv 3x3 / 2 to ``c`` (the second BN folded, RELU fused), conv 3x3 (linear); a 1x1
    / 2 conv of the block's input (linear); ADD, linear."""
    h = b.conv(bn_relu(b, x), c, 3, 2, "RELU")
    h = b.conv(h, c, 3)
    return b.add(h, b.conv(x, c, 1, 2))


def dronet(b: NetBuilder, x: int) -> tuple[int, int]:
    """DroNet on ``x`` (``[1, 200, 200, 1]``, a grey camera frame); returns the
    steering angle ``[1, 1]`` (linear) and the collision probability ``[1, 1]``
    (LOGISTIC), two graph outputs in that order.

    Loquercio, Maqueda, del-Blanco & Scaramuzza, "DroNet: Learning to Fly by
    Driving", IEEE Robotics and Automation Letters 3(2), 2018 (Section III, Fig. 2,
    recalled): a ResNet-8 on a 200 x 200 grey image; a 5x5 / 2 conv of 32 and a 3x3 /
    2 max pool; three residual blocks of 32, 64, 128 filters, each BN-ReLU-3x3 / 2
    conv, BN-ReLU-3x3 conv on the main path and a 1x1 / 2 conv on the shortcut,
    added; flatten, ReLU, dropout; two fully connected heads of one unit, steering
    (regression) and collision (sigmoid); "3.2 x 10^5 parameters" (Table I). Here:
    CONV_2D 5x5 / 2 SAME 32 (linear), 200 -> 100; MAX_POOL_2D 3x3 / 2 VALID, 100 ->
    49; per block MUL + ADD with RELU fused (the first BN, on the block's input),
    CONV_2D 3x3 / 2 (the second BN folded, RELU fused), CONV_2D 3x3 (linear), CONV_2D
    1x1 / 2 of the block's input (linear), ADD (linear): 49 -> 25 -> 13 -> 7; RESHAPE
    to ``[1, 6272]`` (7 x 7 x 128), RELU; FULLY_CONNECTED 1 (steering, linear),
    FULLY_CONNECTED 1 + LOGISTIC (collision). 25 ops: 10 CONV_2D, MAX_POOL_2D, 3 MUL,
    6 ADD (3 batch-norm shifts, 3 residual sums), RESHAPE, RELU, 2 FULLY_CONNECTED,
    LOGISTIC. This graph counts 41,103,104 MACs (stem 8,000,000; block convs 5,760,000
    x 2, 3,115,008, 6,230,016, 3,612,672 and 7,225,344; shortcuts 640,000, 346,112 and
    401,408; the two FCs 6,272 each) and 320,482 parameters (conv weights and biases
    307,680, FCs 12,546, batch-norm scales and shifts 256; by hand in the test).
    Published: 3.2 x 10^5 parameters (Table I, pinned within 1 %: +0.2 %).

    [U] the stem conv linear and SAME (as recalled from the authors' Keras release:
    no BN or ReLU before the pool); the max pool VALID (Keras' default, 100 -> 49; SAME
    would give 50, the same 25 -> 13 -> 7 after); the second BN of each block, which
    follows the block's first conv directly, folded into it with its ReLU fused (the
    held-out families' rule for a BN after a conv); the first, on the pool or ADD
    output that also feeds the shortcut, a per-channel MUL + ADD with the ReLU fused
    into the ADD (the pre-registered choice, "batch norms before a conv ... as a
    per-channel MUL + ADD"); SAME padding on every conv; biases on every conv and FC;
    the residual sum linear; the flatten a RESHAPE in NHWC order (as Keras writes
    it) and its ReLU a standalone RELU; dropout left out; the sigmoid a standalone
    LOGISTIC on the collision FC; no input normalisation (outside the network).
    """
    x = b.conv(x, DRONET_STEM, 5, 2)
    x = b.pool(x, "max", 3, 2, "VALID")
    for c in DRONET_BLOCKS:
        x = _dronet_block(b, x, c)
    x = b.act(_flatten(b, x), "RELU")
    return b.fc(x, 1), b.act(b.fc(x, 1), "LOGISTIC")
