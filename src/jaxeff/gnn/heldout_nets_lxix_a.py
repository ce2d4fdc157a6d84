"""Held-out families LXIX, part A (session 42, section 4, pre-registered before being
built; ``docs/evidence/perfsage-cpu-2026-12-07-s42/PREREGISTERED.md``): two
independently published 1-D CNNs with stride-4 SAME convolutions, the WaveGAN
discriminator and Ribeiro et al.'s 12-lead ECG ResNet. Built by a helper who prints
only names and ``npu_full``; nothing is chosen on them.

Written with :class:`jaxeff.gnn.build.NetBuilder` (float32, seeded weights, every conv
and FC with a bias; time along W, one row, the channels / leads as C). Test models: no
training space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxix_a.py``). Written from the papers as recalled; no
code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`wavegan_disc`: ``wavegan_disc_16384``: five CONV_2D 1x25 stride (1, 4) SAME
  of 64, 128, 256, 512, 1,024 (4,096, 1,024, 256, 64, 16 outputs), each followed by a
  standalone LEAKY_RELU 0.2; RESHAPE flatten of 16,384; FULLY_CONNECTED 1; ``[1,
  1]``. 12 ops: 5 CONV_2D, 5 LEAKY_RELU, RESHAPE, FULLY_CONNECTED.
* :func:`ribeiro_ecg_resnet`: ``ribeiro_ecg_resnet_4096``: CONV_2D 1x16 SAME RELU of
  64 on the 4,096 x 12 record; four residual units of 128, 196, 256, 320 (4,096 ->
  1,024 -> 256 -> 64 -> 16), each: the skip MAX_POOL_2D 1x4 / 4 then a 1x1 CONV_2D
  to the new depth, the main path CONV_2D 1x16 SAME RELU then CONV_2D 1x16 stride (1,
  4) SAME linear, a linear ADD, then a batch norm + ReLU as MUL + ADD RELU on [1, 1,
  1, C] constants; RESHAPE flatten of 5,120; FULLY_CONNECTED 6; LOGISTIC; ``[1, 6]``.
  32 ops: 13 CONV_2D, 4 MAX_POOL_2D, 8 ADD, 4 MUL, RESHAPE, FULLY_CONNECTED,
  LOGISTIC.

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xlix import bn_relu_4d

__all__ = ["ribeiro_ecg_resnet", "wavegan_disc"]

#: WaveGAN's discriminator (ICLR 2019, d = 64, recalled): the convs' filters, taps,
#: stride along time; the LeakyReLU slope
WAVEGAN_FILTERS, WAVEGAN_TAPS, WAVEGAN_STRIDE, WAVEGAN_ALPHA = (
    (64, 128, 256, 512, 1024), 25, 4, 0.2)
#: Ribeiro et al.'s ECG ResNet (Nat. Commun. 11:1760, recalled): the first conv's
#: filters, the units' filters, the taps, each unit's down-sampling, the classes
RIBEIRO_STEM, RIBEIRO_UNITS, RIBEIRO_TAPS, RIBEIRO_DOWN, RIBEIRO_CLASSES = (
    64, (128, 196, 256, 320), 16, 4, 6)


def wavegan_disc(b: NetBuilder, x: int, padding: str = "SAME") -> int:
    """The WaveGAN discriminator on ``x`` (``[1, 1, 16384, 1]``: 16,384 samples along
    W); returns the FULLY_CONNECTED output ``[1, 1]`` (the critic's score).
    ``padding``: the five convs' padding; the default ``"SAME"`` is the registered
    ``wavegan_disc_16384`` described below, ``"VALID"`` the part-C sibling
    :func:`jaxeff.gnn.heldout_nets_lxix_c.wavegan_disc_valid` (the same draws in the
    same order; only the convs' padding, output widths and the FC's input width
    change).

    Donahue, McAuley and Puckette, "Adversarial Audio Synthesis", ICLR 2019 (the
    discriminator's table, recalled; d = 64): five 1-D convs of length 25, stride 4,
    to d, 2d, 4d, 8d, 16d channels (4,096, 1,024, 256, 64, 16 steps), each followed
    by LeakyReLU (alpha 0.2) and phase shuffle (n = 2) but the last; reshape to 256d;
    dense to 1. Here (the pre-registered definition): five CONV_2D 1x25 stride (1, 4)
    SAME (no activation fused) of 64, 128, 256, 512, 1,024, each followed by a
    standalone LEAKY_RELU 0.2; RESHAPE to ``[1, 16384]``; FULLY_CONNECTED 1 (linear).
    12 ops.

    This graph counts 845,430,784 MACs: 6,553,600 (4,096 x 64 x 25), then four of
    209,715,200 (1,024 x 128 x 25 x 64 = 256 x 256 x 25 x 128 = 64 x 512 x 25 x 256 =
    16 x 1,024 x 25 x 512), FC 16,384. It has 17,427,969 parameters (weights and
    biases): 1,664 + 204,928 + 819,456 + 3,277,312 + 13,108,224 (the last conv's 13.1
    M weights) + FC 16,385 (by hand in the test).

    [U] the layout (time along W, kernel height 1); SAME (the paper's code pads
    "same", recalled); phase shuffle absent (it is off at inference: an identity);
    the LEAKY_RELU after the fifth conv too (before the reshape); no output activation
    (a WGAN-GP critic); conv and FC biases; no normalisation.
    """
    for f in WAVEGAN_FILTERS:
        x = b.conv(x, f, (1, WAVEGAN_TAPS), (1, WAVEGAN_STRIDE), "NONE", padding)
        x = b.leaky_relu(x, WAVEGAN_ALPHA)
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    return b.fc(x, 1)


def ribeiro_ecg_resnet(b: NetBuilder, x: int) -> int:
    """Ribeiro et al.'s 12-lead ECG ResNet on ``x`` (``[1, 1, 4096, 12]``: 4,096
    samples along W, the 12 leads as C); returns the LOGISTIC output ``[1, 6]``.

    Ribeiro et al., "Automatic diagnosis of the 12-lead ECG using a deep neural
    network", Nature Communications 11:1760, 2020 (recalled): a conv of 64 filters of
    length 16, BN, ReLU; four residual units of 128, 196, 256, 320 filters, each
    down-sampling by 4 (4,096 -> 1,024 -> 256 -> 64 -> 16): conv (16, stride 1), BN,
    ReLU, dropout, conv (16, stride 4) added to the skip (max pool of 4, then a 1x1
    conv where the depth changes), then BN, ReLU, dropout; the sum (before its BN) is
    the next unit's skip input, the activated map its main input; flatten; dense 6
    with sigmoid (six abnormalities). Here (the pre-registered definition): CONV_2D
    1x16 SAME RELU of 64; per unit the skip MAX_POOL_2D 1x4 / (1, 4) VALID then a 1x1
    CONV_2D (linear) to the new depth (every unit changes depth), the main path
    CONV_2D 1x16 SAME RELU, CONV_2D 1x16 stride (1, 4) SAME linear, ADD (linear; the
    next unit's skip reads it), MUL by a positive per-channel scale ``[1, 1, 1, C]``
    and ADD of a per-channel shift ``[1, 1, 1, C]`` with RELU fused
    (:func:`jaxeff.gnn.heldout_nets_xlix.bn_relu_4d`; the next unit's main path and
    the head read it); RESHAPE to ``[1, 5120]``; FULLY_CONNECTED 6 (linear);
    LOGISTIC. 32 ops: 13 CONV_2D, 4 MAX_POOL_2D, 8 ADD, 4 MUL, RESHAPE,
    FULLY_CONNECTED, LOGISTIC.

    This graph counts 1,826,125,824 MACs: stem 50,331,648 (4,096 x 64 x 16 x 12);
    unit 1: skip 8,388,608 (1,024 x 64 x 128), 536,870,912 (4,096 x 128 x 16 x 64),
    268,435,456 (1,024 x 128 x 16 x 128); unit 2: 6,422,528, 411,041,792,
    157,351,936; unit 3: 3,211,264, 205,520,896, 67,108,864; unit 4: 1,310,720,
    83,886,080, 26,214,400; FC 30,720. It has 6,422,746 parameters: convs and FC
    6,420,946 (weights and biases: stem 12,352; units 401,792, 1,041,740, 1,902,336,
    3,032,000; FC 30,726) and the four batch norms' 1,800 scales and shifts (by hand
    in the test).

    [U] the layout (time along W, kernel height 1); SAME convs; the skip's pools
    VALID (the paper's "same" pads nothing: 4 divides every width); the batch norms
    after convs folded into their biases (RELU fused); the post-add batch norm as
    MUL + ADD RELU (it cannot fold: the ADD's output also feeds the next skip, and a
    RELU lies between it and the next conv), kept in every unit, the last one's output
    flattened; the 1x1 skip convs and the stride-4 convs with biases (the builder's;
    the paper's have none); the skip written before the main path (the paper's code
    order); dropout absent (inference); NHWC flatten; the sigmoid a standalone
    LOGISTIC after a linear FC.
    """
    x = b.conv(x, RIBEIRO_STEM, (1, RIBEIRO_TAPS), 1, "RELU", "SAME")
    y, s = x, RIBEIRO_DOWN
    for f in RIBEIRO_UNITS:
        y = b.pool(y, "max", (1, s), (1, s), "VALID")
        if b.shape(y)[-1] != f:
            y = b.conv(y, f, 1, 1, "NONE", "SAME")
        x = b.conv(x, f, (1, RIBEIRO_TAPS), 1, "RELU", "SAME")
        x = b.conv(x, f, (1, RIBEIRO_TAPS), (1, s), "NONE", "SAME")
        y = b.add(x, y)
        x = bn_relu_4d(b, y)
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    return b.act(b.fc(x, RIBEIRO_CLASSES), "LOGISTIC")
