"""Held-out families LXIV, part A (session 40, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s40/PREREGISTERED.md`` before being built):
two tiny 1-D CNNs of Acharya et al.'s group on one-channel biosignals, time along W,
one row:

* :func:`acharya_arrhythmia_ecg`: the arrhythmia (heartbeat) ECG CNN on one beat of
  260 samples as ``acharya_arrhythmia_ecg_260``, a sibling of ``acharya_mi_ecg_651``
  (the same group, the same geometry: 1-D VALID convs, each with a standalone
  LEAKY_RELU and a max pool 1x2 / 2, a small FC head). ``[1, 1, 260, 1]``: three
  blocks of CONV_2D 1xk VALID (k 3, 4, 20; 5, 10, 20 filters), LEAKY_RELU 0.01,
  MAX_POOL_2D 1x2 / 2; RESHAPE to ``[1, 440]``; FULLY_CONNECTED 30, LEAKY_RELU,
  FULLY_CONNECTED 20, LEAKY_RELU, FULLY_CONNECTED 5, SOFTMAX; ``[1, 5]``. 16 ops: 3
  CONV_2D, 5 LEAKY_RELU, 3 MAX_POOL_2D, RESHAPE, 3 FULLY_CONNECTED, SOFTMAX.
* :func:`acharya_seizure_eeg`: the seizure EEG CNN on one segment of 4,097 samples as
  ``acharya_seizure_eeg_4097``. ``[1, 1, 4097, 1]``: five blocks of CONV_2D 1xk VALID
  with a fused RELU (k 6, 5, 4, 4, 4; 4, 4, 10, 10, 15 filters) and MAX_POOL_2D 1x2 /
  2; RESHAPE to ``[1, 1875]``; FULLY_CONNECTED 50 RELU, FULLY_CONNECTED 20 RELU,
  FULLY_CONNECTED 3, SOFTMAX; ``[1, 3]``. 15 ops: 5 CONV_2D, 5 MAX_POOL_2D, RESHAPE,
  3 FULLY_CONNECTED, SOFTMAX.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias). The samples lie along W,
one channel. Test models: no training space draws them (``models.json``'s overlap,
pinned in the test). Written from the papers' definitions as recalled; no code was
read. Choices the sources leave open, and ours, are marked [U].

The MAC and parameter counts are in the functions' docstrings and pinned in the test.
"""

from __future__ import annotations

import math

from jaxeff.gnn.build import NetBuilder

__all__ = ["acharya_arrhythmia_ecg", "acharya_seizure_eeg"]


# -- Acharya et al. 2017 (arrhythmia)

#: Acharya et al.'s arrhythmia CNN (Computers in Biology and Medicine 2017, recalled;
#: the pre-registered definition): the input (samples of one beat; one lead), the
#: convs' filters and taps, the max pools (window = stride), the FC widths, the
#: classes (the five AAMI heartbeat classes N, S, V, F, Q), the LeakyReLU slope [U]
ARR_LEN, ARR_LEADS = 260, 1
ARR_FILTERS, ARR_KERNELS = (5, 10, 20), (3, 4, 20)
ARR_POOL = 2
ARR_HIDDEN, ARR_CLASSES = (30, 20), 5
ARR_ALPHA = 0.01


def acharya_arrhythmia_ecg(b: NetBuilder, x: int) -> int:
    """Acharya et al.'s arrhythmia ECG CNN on ``x`` (``[1, 1, 260, 1]``: one beat of
    260 samples along W, one lead as the channel); returns the SOFTMAX output
    ``[1, 5]``.

    Acharya, Oh, Hagiwara, Tan, Adam, Gertych and Tan, "A deep convolutional neural
    network model to classify heartbeats", Computers in Biology and Medicine 89
    (2017) 389-396 (recalled): a 9-layer CNN on a beat of 260 samples (lead II);
    convolutions of 5 filters of 3 samples, 10 of 4 and 20 of 20, each followed by a
    max pool of 2 (stride 2); fully connected layers of 30, 20 and 5 neurons,
    softmax; LeakyReLU after the three convolutions and the first two fully
    connected layers. Here (the pre-registered definition): CONV_2D 1x3 VALID of 5
    to ``[1, 1, 258, 5]``, LEAKY_RELU, MAX_POOL_2D 1x2 / (1, 2) to ``[1, 1, 129,
    5]``; CONV_2D 1x4 of 10 to ``[1, 1, 126, 10]``, LEAKY_RELU, pool to ``[1, 1, 63,
    10]``; CONV_2D 1x20 of 20 to ``[1, 1, 44, 20]``, LEAKY_RELU, pool to ``[1, 1,
    22, 20]`` (every pool input even: nothing floored); RESHAPE to ``[1, 440]``;
    FULLY_CONNECTED 30, LEAKY_RELU; FULLY_CONNECTED 20, LEAKY_RELU; FULLY_CONNECTED
    5 (linear); SOFTMAX. 16 ops: 3 CONV_2D, 5 LEAKY_RELU, 3 MAX_POOL_2D, RESHAPE, 3
    FULLY_CONNECTED, SOFTMAX. This graph counts 218,970 MACs (convs 3,870 = 258 x 1
    x 5 x 3, 25,200 = 126 x 5 x 10 x 4 and 176,000 = 44 x 10 x 20 x 20; FCs 13,200
    = 440 x 30, 600 = 30 x 20 and 100 = 20 x 5) and 18,205 parameters (weights and
    biases: 20 + 210 + 4,020 + 13,230 + 620 + 105; by hand in the test). Published:
    no count recalled precisely enough; not pinned.

    [U] as its sibling :func:`jaxeff.gnn.heldout_nets_lxii_b.acharya_mi_ecg`: the
    LeakyReLU slope 0.01 (pre-registered; not recalled) as standalone LEAKY_RELU
    ops after the linear conv / FC; time along W, one row, one channel; VALID convs
    and pools (pre-registered; nothing to floor); NHWC flatten; no batch norm;
    biases everywhere; the last FC linear; dropout left out (inference).
    """
    return _conv_pool_head(b, x, ARR_FILTERS, ARR_KERNELS, ARR_POOL, ARR_HIDDEN,
                           ARR_CLASSES, ARR_ALPHA)


# -- Acharya et al. 2018 (seizure)

#: Acharya et al.'s seizure CNN (Computers in Biology and Medicine 2018, recalled; the
#: pre-registered definition): the input (samples of one EEG segment; one channel),
#: the convs' filters and taps, the max pools (window = stride), the FC widths, the
#: classes (normal, preictal, seizure)
SEZ_LEN, SEZ_CHANNELS = 4097, 1
SEZ_FILTERS, SEZ_KERNELS = (4, 4, 10, 10, 15), (6, 5, 4, 4, 4)
SEZ_POOL = 2
SEZ_HIDDEN, SEZ_CLASSES = (50, 20), 3


def acharya_seizure_eeg(b: NetBuilder, x: int) -> int:
    """Acharya et al.'s seizure EEG CNN on ``x`` (``[1, 1, 4097, 1]``: one EEG
    segment of 4,097 samples along W, one channel); returns the SOFTMAX output
    ``[1, 3]``.

    Acharya, Oh, Hagiwara, Tan and Adeli, "Deep convolutional neural network for the
    automated detection and diagnosis of seizure using EEG signals", Computers in
    Biology and Medicine 100 (2018) 270-278 (recalled): a 13-layer CNN on a segment
    of 4,097 samples (the Bonn data set); five convolutions of 4 filters of 6
    samples, 4 of 5, 10 of 4, 10 of 4 and 15 of 4, each followed by a max pool of 2
    (stride 2); fully connected layers of 50, 20 and 3 neurons, softmax. Here (the
    pre-registered definition): CONV_2D 1x6 VALID of 4 RELU to ``[1, 1, 4092, 4]``,
    MAX_POOL_2D 1x2 / (1, 2) to ``[1, 1, 2046, 4]``; CONV_2D 1x5 of 4 to ``[1, 1,
    2042, 4]``, pool to 1,021; CONV_2D 1x4 of 10 to ``[1, 1, 1018, 10]``, pool to
    509; CONV_2D 1x4 of 10 to ``[1, 1, 506, 10]``, pool to 253; CONV_2D 1x4 of 15 to
    ``[1, 1, 250, 15]``, pool to ``[1, 1, 125, 15]`` (every pool input even: nothing
    floored); RESHAPE to ``[1, 1875]``; FULLY_CONNECTED 50 RELU; FULLY_CONNECTED 20
    RELU; FULLY_CONNECTED 3 (linear); SOFTMAX. 15 ops: 5 CONV_2D, 5 MAX_POOL_2D,
    RESHAPE, 3 FULLY_CONNECTED, SOFTMAX. This graph counts 871,658 MACs (convs
    98,208 = 4,092 x 1 x 4 x 6, 163,360 = 2,042 x 4 x 4 x 5, 162,880 = 1,018 x 4 x
    10 x 4, 202,400 = 506 x 10 x 10 x 4 and 150,000 = 250 x 10 x 15 x 4; FCs 93,750
    = 1,875 x 50, 1,000 = 50 x 20 and 60 = 20 x 3) and 96,190 parameters (weights
    and biases: 28 + 84 + 170 + 410 + 615 + 93,800 + 1,020 + 63; by hand in the
    test). Published: no count recalled precisely enough; not pinned.

    [U] ReLU fused into the five convs and the first two FCs (pre-registered; the
    activation not recalled); the layout (time along W, one row, one channel); VALID
    convs and pools (pre-registered), pools of stride equal to the window
    (remainders would be floored; none arises); the flatten in NHWC order; no batch
    norm; biases on every conv and FC; the last FC linear before the SOFTMAX;
    dropout left out (inference).
    """
    return _conv_pool_head(b, x, SEZ_FILTERS, SEZ_KERNELS, SEZ_POOL, SEZ_HIDDEN,
                           SEZ_CLASSES, None)


def _conv_pool_head(b: NetBuilder, x: int, filters: tuple[int, ...],
                    kernels: tuple[int, ...], pool: int, hidden: tuple[int, ...],
                    classes: int, alpha: float | None) -> int:
    """Both CNNs: per (filters, taps) a CONV_2D 1xk VALID and a MAX_POOL_2D 1xpool /
    pool; a flatten (NHWC); FCs of ``hidden`` widths; an FC to ``classes``; SOFTMAX.
    The activation after each conv and hidden FC: a standalone LEAKY_RELU of slope
    ``alpha`` after a linear op, or (``alpha`` None) a RELU fused into the op."""
    act = "RELU" if alpha is None else "NONE"

    def _act(t: int) -> int:
        return t if alpha is None else b.leaky_relu(t, alpha)

    for n, k in zip(filters, kernels, strict=True):
        x = _act(b.conv(x, n, (1, k), 1, act, "VALID"))
        x = b.pool(x, "max", (1, pool), (1, pool))
    x = b.reshape(x, (1, math.prod(b.shape(x)[1:])))
    for n in hidden:
        x = _act(b.fc(x, n, act))
    return b.softmax(b.fc(x, classes))
