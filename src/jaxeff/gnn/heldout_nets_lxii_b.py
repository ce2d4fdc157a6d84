"""Held-out families LXII, part B (session 39, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s39/PREREGISTERED.md`` before being built):
Acharya et al.'s myocardial-infarction ECG CNN on one beat of 651 samples as
``acharya_mi_ecg_651``, a narrow-input long-kernel conv (one input channel, 102 taps:
the domain of rule Z) followed by three more 1-D VALID convs on 3 and 10 channels,
each with a standalone LEAKY_RELU and a max pool 1x2 / 2, and a small FC head.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias). The samples lie along W,
one channel. Test model: no training space draws it (``models.json``'s overlap,
pinned in the test). Written from the paper's definition as recalled; no code was
read. Choices the source leaves open, and ours, are marked [U].

* :func:`acharya_mi_ecg`: Acharya et al. 2017 (Information Sciences 415-416) on
  ``[1, 1, 651, 1]``: four blocks of CONV_2D 1xk VALID (k 102, 24, 11, 9; 3, 10, 10,
  10 filters), LEAKY_RELU 0.01, MAX_POOL_2D 1x2 / 2; RESHAPE to ``[1, 250]``;
  FULLY_CONNECTED 30, LEAKY_RELU, FULLY_CONNECTED 10, LEAKY_RELU, FULLY_CONNECTED
  2, SOFTMAX; ``[1, 2]``. 19 ops: 4 CONV_2D, 6 LEAKY_RELU, 4 MAX_POOL_2D, RESHAPE,
  3 FULLY_CONNECTED, SOFTMAX.

The MAC and parameter counts are in the function's docstring and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["acharya_mi_ecg"]


# -- Acharya et al. 2017

#: Acharya et al.'s MI CNN (Information Sciences 2017, recalled; the pre-registered
#: definition): the input (samples of one beat; one lead), the convs' filters and
#: taps, the max pools (window = stride), the FC widths, the classes (normal, MI),
#: the LeakyReLU slope [U]
ACH_LEN, ACH_LEADS = 651, 1
ACH_FILTERS, ACH_KERNELS = (3, 10, 10, 10), (102, 24, 11, 9)
ACH_POOL = 2
ACH_HIDDEN, ACH_CLASSES = (30, 10), 2
ACH_ALPHA = 0.01


def acharya_mi_ecg(b: NetBuilder, x: int) -> int:
    """Acharya et al.'s MI ECG CNN on ``x`` (``[1, 1, 651, 1]``: one beat of 651
    samples along W, one lead as the channel); returns the SOFTMAX output ``[1, 2]``.

    Acharya, Fujita, Oh, Hagiwara, Tan and Adam, "Application of deep convolutional
    neural network for automated detection of myocardial infarction using ECG
    signals", Information Sciences 415-416 (2017) 190-198 (recalled): an 11-layer
    CNN on a beat of 651 samples (lead II); convolutions of 3 filters of 102
    samples, 10 of 24, 10 of 11 and 10 of 9, each followed by a max pool of 2
    (stride 2); fully connected layers of 30, 10 and 2 neurons, softmax; LeakyReLU
    after the four convolutions and the first two fully connected layers. Here (the
    pre-registered definition): CONV_2D 1x102 VALID of 3 to ``[1, 1, 550, 3]``,
    LEAKY_RELU, MAX_POOL_2D 1x2 / (1, 2) to ``[1, 1, 275, 3]``; CONV_2D 1x24 of 10
    to ``[1, 1, 252, 10]``, LEAKY_RELU, pool to 126; CONV_2D 1x11 of 10 to ``[1, 1,
    116, 10]``, LEAKY_RELU, pool to 58; CONV_2D 1x9 of 10 to ``[1, 1, 50, 10]``,
    LEAKY_RELU, pool to 25 (every pool input even: nothing floored); RESHAPE to
    ``[1, 250]``; FULLY_CONNECTED 30, LEAKY_RELU; FULLY_CONNECTED 10, LEAKY_RELU;
    FULLY_CONNECTED 2 (linear); SOFTMAX. 19 ops: 4 CONV_2D, 6 LEAKY_RELU, 4
    MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. This graph counts 530,160 MACs
    (convs 168,300 = 550 x 1 x 3 x 102, 181,440 = 252 x 3 x 10 x 24, 127,600 = 116 x
    10 x 10 x 11 and 45,000 = 50 x 10 x 10 x 9; FCs 7,500 = 250 x 30, 300 = 30 x 10
    and 20 = 10 x 2) and 10,921 parameters (weights and biases: 309 + 730 + 1,110 +
    910 + 7,530 + 310 + 22; by hand in the test). Published: no count recalled
    precisely enough; not pinned.

    [U] the LeakyReLU slope 0.01 (pre-registered; the common default, not recalled)
    as standalone LEAKY_RELU ops after the conv / FC (linear); the layout (time
    along W, one row, one channel); VALID convs and pools (pre-registered), pools of
    stride equal to the window (remainders would be floored; none arises); the
    flatten in NHWC order; no batch norm; biases on every conv and FC; the last FC
    linear before the SOFTMAX; dropout left out (inference).
    """
    for filters, k in zip(ACH_FILTERS, ACH_KERNELS, strict=True):
        x = b.conv(x, filters, (1, k), 1, "NONE", "VALID")
        x = b.leaky_relu(x, ACH_ALPHA)
        x = b.pool(x, "max", (1, ACH_POOL), (1, ACH_POOL))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for n in ACH_HIDDEN:
        x = b.leaky_relu(b.fc(x, n), ACH_ALPHA)
    return b.softmax(b.fc(x, ACH_CLASSES))
