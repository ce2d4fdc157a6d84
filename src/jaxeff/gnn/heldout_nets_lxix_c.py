"""Held-out families LXIX, part C (session 42, addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-07-s42/PREREGISTERED.md``, named before being
built): two more fresh models for the pre-registered candidate Qe (VALID convs of a
stride above 3, which Vela splits), the WaveGAN discriminator with VALID convs and
Trockman and Kolter's ConvMixer-768/32. Built by a helper who prints only names and
``npu_full``; nothing is chosen on them.

* :func:`wavegan_disc_valid`: ``wavegan_disc_valid_16384`` on ``[1, 1, 16384, 1]``:
  :func:`jaxeff.gnn.heldout_nets_lxix_a.wavegan_disc` with its five CONV_2D 1x25
  stride (1, 4) VALID (4,090, 1,017, 249, 57, 9 outputs of 64, 128, 256, 512, 1,024),
  each followed by a standalone LEAKY_RELU 0.2; RESHAPE flatten of 9,216;
  FULLY_CONNECTED 1; ``[1, 1]``. 12 ops: 5 CONV_2D, 5 LEAKY_RELU, RESHAPE,
  FULLY_CONNECTED. [U, ours] the VALID padding (the published model pads "same";
  a sibling of the unscored ``wavegan_disc_16384``, said openly).
* :func:`convmixer_768_32`: ``convmixer_768_32_224`` on ``[1, 224, 224, 3]``: the
  patch embedding CONV_2D 7x7 / 7 VALID RELU of 768 (32 x 32) and a batch norm as MUL
  + ADD; 32 blocks of [DEPTHWISE_CONV_2D 7x7 SAME RELU, MUL + ADD batch norm, residual
  ADD of the block's input; CONV_2D 1x1 RELU of 768, MUL + ADD batch norm]; MEAN over
  H and W; FULLY_CONNECTED 1000; SOFTMAX; ``[1, 1000]``. 230 ops: 33 CONV_2D, 32
  DEPTHWISE_CONV_2D, 65 MUL, 97 ADD, MEAN, FULLY_CONNECTED, SOFTMAX.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias). Test models: no training
space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxix_c.py``). Written from the papers as recalled; no
code was read. Choices the sources leave open, and ours, are marked [U].

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_lxix_a import wavegan_disc

__all__ = ["bn_4d", "convmixer_768_32", "wavegan_disc_valid"]


# -- Donahue, McAuley and Puckette 2019, with VALID convs (ours)

def wavegan_disc_valid(b: NetBuilder, x: int) -> int:
    """The WaveGAN discriminator with VALID convs on ``x`` (``[1, 1, 16384, 1]``);
    returns the FULLY_CONNECTED output ``[1, 1]``.

    :func:`jaxeff.gnn.heldout_nets_lxix_a.wavegan_disc` (d = 64; its docstring gives
    the paper's model) with ``padding="VALID"`` (addendum 1's definition): five
    CONV_2D 1x25 stride (1, 4) VALID (no activation fused) of 64, 128, 256, 512, 1,024
    to widths 4,090, 1,017, 249, 57, 9 (floor((W - 25) / 4) + 1), each followed by a
    standalone LEAKY_RELU 0.2; RESHAPE to ``[1, 9216]`` (9 x 1,024); FULLY_CONNECTED
    1 (linear). 12 ops.

    This graph counts 723,558,016 MACs: 6,544,000 (4,090 x 64 x 25), 208,281,600
    (1,017 x 128 x 25 x 64), 203,980,800 (249 x 256 x 25 x 128), 186,777,600 (57 x
    512 x 25 x 256), 117,964,800 (9 x 1,024 x 25 x 512), FC 9,216. It has 17,420,801
    parameters (weights and biases): the convs' 17,411,584 as in
    ``wavegan_disc_16384`` (1,664 + 204,928 + 819,456 + 3,277,312 + 13,108,224) and FC
    9,217 (by hand in the test).

    [U, ours] VALID padding (the paper's code pads "same", recalled: the variant Vela
    maps, as the VALID M-nets of sessions 40-41); every other choice as
    ``wavegan_disc_16384``'s [U] (layout, phase shuffle absent, the fifth
    LEAKY_RELU, no output activation, biases, no normalisation, NHWC flatten).
    """
    return wavegan_disc(b, x, padding="VALID")


# -- Trockman and Kolter 2022

#: ConvMixer-768/32 (TMLR 2022, "Patches Are All You Need?", recalled): the width h,
#: the depth d, the patch size p (the stem's kernel and stride), the depthwise kernel
#: k, the classes
CONVMIXER_DIM, CONVMIXER_DEPTH, CONVMIXER_PATCH, CONVMIXER_K, CONVMIXER_CLASSES = (
    768, 32, 7, 7, 1000)


def bn_4d(b: NetBuilder, x: int) -> int:
    """A batch norm that cannot fold (it follows a ReLU), no activation after it: MUL
    by a per-channel scale ``[1, 1, 1, C]``, ADD of a per-channel shift ``[1, 1, 1,
    C]`` (linear). The same draws as
    :func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d` (scales ``|N(1, 0.2)|``, shifts
    ``N(0, 0.1)``), without its fused RELU."""
    c = (1, 1, 1, b.shape(x)[-1])
    scale = np.abs(1 + 0.2 * b.rng.standard_normal(c)).astype(np.float32)
    shift = (0.1 * b.rng.standard_normal(c)).astype(np.float32)
    return b.add(b.mul(x, b.const(scale)), b.const(shift))


def convmixer_768_32(b: NetBuilder, x: int) -> int:
    """ConvMixer-768/32 (ReLU) on ``x`` (``[1, 224, 224, 3]``, ImageNet); returns the
    SOFTMAX output ``[1, 1000]``.

    Trockman and Kolter, "Patches Are All You Need?", TMLR 2022 (recalled): a patch
    embedding conv of h = 768 filters, kernel and stride p = 7, then the activation and
    a batch norm; d = 32 ConvMixer layers of the same shape (32 x 32 x 768), each a
    depthwise conv of kernel 7 ("same" padding), activation, batch norm, added to the
    layer's input (a residual), then a pointwise (1x1) conv of 768, activation, batch
    norm; global average pool, a linear classifier; the ReLU model of the paper's
    ImageNet table (the others use GELU). Here (the pre-registered definition):
    CONV_2D 7x7 / (7, 7) VALID RELU of 768 (``[1, 32, 32, 768]``), :func:`bn_4d`
    (MUL, ADD); per block DEPTHWISE_CONV_2D 7x7 / 1 SAME RELU (depth multiplier 1),
    MUL, ADD (the batch norm), ADD of the block's input (the branch first, linear),
    CONV_2D 1x1 RELU of 768, MUL, ADD (the batch norm; the next block's input); MEAN
    over H and W (no kept dims: ``[1, 768]``), FULLY_CONNECTED 1000 (linear),
    SOFTMAX. 230 ops: 33 CONV_2D, 32 DEPTHWISE_CONV_2D, 65 MUL, 97 ADD, MEAN,
    FULLY_CONNECTED, SOFTMAX.

    This graph counts 20,676,851,712 MACs: the stem 115,605,504 (1,024 x 768 x 7 x 7
    x 3); per block 642,514,944 (depthwise 38,535,168 = 1,024 x 768 x 49, pointwise
    603,979,776 = 1,024 x 768 x 768; 20,560,478,208 in all); FC 768,000. It has
    21,110,248 parameters: the convs' and FC's 21,010,408 (weights and biases: stem
    113,664; per block 38,400 + 590,592; FC 769,000) and the 65 batch norms' 99,840
    scales and shifts (by hand in the test). Published (the paper's ImageNet table,
    recalled): 21.1 M parameters (+0.05 %); no MAC count recalled.

    [U] each batch norm after a ReLU as a per-channel MUL + ADD on ``[1, 1, 1, C]``
    constants (it cannot fold into the conv before it, a ReLU lying between; folding
    it into the next conv is not what the converter does, and the residual reads it),
    as Ribeiro's in part A but linear (the order here is conv, ReLU fused, MUL, ADD);
    the depthwise conv's and the pointwise conv's biases (the paper's code keeps
    PyTorch's default biases, recalled); the stem VALID (224 = 32 x 7: nothing
    dropped); the residual ADD with the branch as its first operand; global pooling
    as MEAN without kept dims (as ``resnet_v2_50_224``'s); the classifier linear
    before a standalone SOFTMAX.
    """
    h, p = CONVMIXER_DIM, CONVMIXER_PATCH
    x = bn_4d(b, b.conv(x, h, p, p, "RELU", "VALID"))
    for _ in range(CONVMIXER_DEPTH):
        y = bn_4d(b, b.dwconv(x, CONVMIXER_K, 1, "RELU", "SAME"))
        x = b.add(y, x)
        x = bn_4d(b, b.conv(x, h, 1, 1, "RELU", "SAME"))
    x = b.mean(x, (1, 2), keep_dims=False)
    return b.softmax(b.fc(x, CONVMIXER_CLASSES))
