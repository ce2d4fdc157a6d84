"""Held-out families XLI, part a (session 33, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-06-s33/PREREGISTERED.md`` before being built):
three one-dimensional networks on long 1 x W maps, a character-level text classifier
(the small Char-CNN) and two raw-waveform audio networks (SampleCNN 3^9, SoundNet-8).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the networks of
:mod:`jaxeff.gnn.heldout_nets_xl_b` (float32, seeded weights, every conv with a bias,
batch norms folded into the convs, dropout left out at inference, RELU fused where it
follows a conv). Each lays its sequence out along W (``[1, 1, T, C]``, as
:func:`jaxeff.gnn.heldout_nets_xxxix.char_cnn_large` and
:func:`jaxeff.gnn.heldout_nets_xl_b.demucs_encoder`) and every 1-D conv is a CONV_2D
of kernel height 1; every conv has a stride of at most 3 (no conv Vela splits per
output pixel). Test models: no training space draws any of them in its exact
configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xli.py``). Choices the sources leave open, and ours,
are marked [U].

* :func:`char_cnn_small`: the small character-level CNN (arXiv 1509.01626, Table 1)
  on 1,014 x 70 along W: six VALID 1-D convs of 256 (kernels 7, 7, 3, 3, 3, 3) RELU,
  1x3 max pools of stride 3 after the 1st, 2nd and 6th (34 frames), RESHAPE to
  8,704, FC 1024 RELU, FC 1024 RELU, FC 4, SOFTMAX; the builder of the large one
  (:func:`jaxeff.gnn.heldout_nets_xxxix.char_cnn`) at the small widths. 14 ops.
* :func:`samplecnn`: SampleCNN 3^9 (arXiv 1703.01789) on 59,049 samples: a 1x3
  conv of stride 3 to 128 RELU (19,683 frames), nine modules of a 1x3 SAME conv RELU
  and a 1x3 max pool of stride 3 (128, 128, 256, 256, 256, 256, 256, 256, 512
  channels; 6,561 ... 1 frames), a 1x1 conv of 512 RELU, RESHAPE to 512, FC 50,
  LOGISTIC. 23 ops.
* :func:`soundnet8`: SoundNet's 8-layer network (arXiv 1610.09001, Table 1) on
  220,500 samples: eight VALID 1-D convs of stride 2 (16 / 64, 32 / 32, 64 / 16,
  128 / 8, 256 / 4, 512 / 4, 1024 / 4, 1401 / 8 filters / taps), each but the last
  after an explicit PAD of half its taps on both ends of W and RELU fused, the last
  linear; 1x8 / 8, 1x8 / 8 and 1x4 / 4 max pools after convs 1, 2 and 5
  (110,251 -> 13,781, 6,891 -> 861, 109 -> 27 frames); ``[1, 1, 1, 1401]``. 18 ops.

[U], every model: the layout (time or characters along W, the channels the alphabet
or one audio channel, kernel height 1); batch norms folded into the conv biases;
dropout left out.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxix import char_cnn

__all__ = ["char_cnn_small", "samplecnn", "soundnet8"]


# -- Zhang, Zhao & LeCun: character-level CNN, small

#: the small Char-CNN (arXiv 1509.01626, Table 1 "small"): the convs' features and
#: the hidden FCs (input, kernels and pools as the large one's,
#: :data:`jaxeff.gnn.heldout_nets_xxxix.CHAR_CNN_TAPS`)
CHAR_SMALL_WIDTH, CHAR_SMALL_FC = 256, (1024, 1024)


def char_cnn_small(b: NetBuilder, x: int, classes: int = 4) -> int:
    """The small character-level CNN on ``x`` (``[1, 1, 1014, 70]``: 1,014 one-hot
    characters along W); returns the SOFTMAX output ``[1, classes]``.

    Zhang, Zhao & LeCun, "Character-level Convolutional Networks for Text
    Classification", NIPS 2015, arXiv 1509.01626 (Tables 1 and 2, recalled): an input
    of 1,014 characters quantised over a 70-character alphabet; six temporal convs of
    256 features (small; 1,024 large), kernels 7, 7, 3, 3, 3, 3, non-overlapping max
    pools of 3 after layers 1, 2 and 6, ReLU; (1014 - 96) / 27 = 34 frames after
    them; FCs of 1,024, 1,024 (small; dropout 0.5 between them) and one per class.
    Here: six 1xk VALID convs of 256 RELU (1014 -> 1008 -> 336 -> 330 -> 110 -> 108
    -> 106 -> 104 -> 102 -> 34 frames), 1x3 max pools of stride 3 VALID, RESHAPE to
    8,704, FC 1024 RELU, FC 1024 RELU, FC ``classes``, SOFTMAX. This graph counts
    370,372,608 MACs (convs 126,443,520, 151,388,160, 21,233,664, 20,840,448,
    20,447,232, 20,054,016; FCs 8,912,896, 1,048,576, 4,096) and 11,339,780
    parameters (convs 1,372,160, FCs 9,967,620; by hand in the test). Published: no
    count in the paper.

    [U] (as the large one) 4 classes (AG News); RELU fused; NHWC flatten
    (frame-major); SOFTMAX (as the other classifiers); dropout left out.
    """
    return char_cnn(b, x, CHAR_SMALL_WIDTH, CHAR_SMALL_FC, classes)


# -- Lee, Park, Kim & Nam: SampleCNN

#: SampleCNN 3^9 (arXiv 1703.01789, Table 1): the first (strided) conv's filters,
#: the taps of every conv and the pools (and the first conv's stride), the nine
#: modules' channels, the last (1-tap) conv, the tags
SAMPLECNN_STEM, SAMPLECNN_K = 128, 3
SAMPLECNN_WIDTHS = (128, 128, 256, 256, 256, 256, 256, 256, 512)
SAMPLECNN_LAST, SAMPLECNN_TAGS = 512, 50


def samplecnn(b: NetBuilder, x: int, tags: int = SAMPLECNN_TAGS) -> int:
    """SampleCNN 3^9 on ``x`` (``[1, 1, 59049, 1]``: 59,049 raw samples along W);
    returns the tag probabilities ``[1, tags]`` (LOGISTIC).

    Lee, Park, Kim & Nam, "Sample-level Deep Convolutional Neural Networks for Music
    Auto-tagging Using Raw Waveforms", SMC 2017, arXiv 1703.01789 (Section 3, Table
    1, recalled): the 3^9 model reads 59,049 samples (2,678 ms at 22,050 Hz); a conv
    of 3 taps, stride 3 and 128 filters; nine modules of a 3-tap conv of stride 1
    and a max pool of 3 (stride 3), 128, 128, 256, 256, 256, 256, 256, 256, 512
    filters, the length dividing by 3 at each (19,683 -> 1); a 1-tap conv of 512
    (dropout 0.5 after it); a sigmoid output of 50 tags (MagnaTagATune); batch norm
    and ReLU after every conv. Here: conv 128 1x3 stride (1, 3) VALID RELU (19,683),
    nine times conv 1x3 SAME RELU and max pool 1x3 stride (1, 3) VALID (6,561, 2,187,
    729, 243, 81, 27, 9, 3, 1 frames), conv 512 1x1 RELU, RESHAPE to 512, FC
    ``tags`` (linear), LOGISTIC. This graph counts 1,728,067,712 MACs (first conv
    7,558,272; modules 967,458,816, 322,486,272, 214,990,848, 143,327,232,
    47,775,744, 15,925,248, 5,308,416, 1,769,472, 1,179,648; 1x1 conv 262,144; FC
    25,600) and 1,863,986 parameters (by hand in the test). Published: no count
    pinned.

    [U] the last (1-tap) conv with batch norm and ReLU as the others (RELU fused);
    the first conv and the pools VALID (3 divides every length: SAME is the same
    graph); the modules' convs SAME (the length kept for the pool); the flatten of
    the 1 x 1 x 512 map a RESHAPE (Keras's Flatten) before the FC; the sigmoid a
    standalone LOGISTIC.
    """
    x = b.conv(x, SAMPLECNN_STEM, (1, SAMPLECNN_K), (1, SAMPLECNN_K), "RELU", "VALID")
    for c in SAMPLECNN_WIDTHS:
        x = b.conv(x, c, (1, SAMPLECNN_K), 1, "RELU")
        x = b.pool(x, "max", (1, SAMPLECNN_K), (1, SAMPLECNN_K))
    x = b.conv(x, SAMPLECNN_LAST, 1, 1, "RELU")
    x = b.reshape(x, (1, SAMPLECNN_LAST))
    return b.act(b.fc(x, tags), "LOGISTIC")


# -- Aytar, Vondrick & Torralba: SoundNet

#: SoundNet, 8 layers (arXiv 1610.09001, Table 1): (filters, taps, stride, pad on
#: each end) of conv1-conv8 (conv8: the 1,000-object and 401-scene heads as one conv
#: [U]); the max pools' (window = stride) after conv index i
SOUNDNET_CONVS = ((16, 64, 2, 32), (32, 32, 2, 16), (64, 16, 2, 8), (128, 8, 2, 4),
                  (256, 4, 2, 2), (512, 4, 2, 2), (1024, 4, 2, 2),
                  (1000 + 401, 8, 2, 0))
SOUNDNET_POOLS = {0: 8, 1: 8, 4: 4}


def soundnet8(b: NetBuilder, x: int) -> int:
    """SoundNet's 8-layer network on ``x`` (``[1, 1, 220500, 1]``: 10 s of 22,050 Hz
    audio along W); returns conv8's output ``[1, 1, 1, 1401]`` (1,000 object and 401
    scene logits).

    Aytar, Vondrick & Torralba, "SoundNet: Learning Sound Representations from
    Unlabeled Video", NIPS 2016, arXiv 1610.09001 (Section 3, Table 1, recalled): a
    1-D fully convolutional network on the raw waveform at 22,050 Hz; conv1 16
    filters of 64 taps, stride 2, pad 32; pool1 8, stride 8; conv2 32 / 32 / 2, pad
    16; pool2 8 / 8; conv3 64 / 16 / 2, pad 8; conv4 128 / 8 / 2, pad 4; conv5 256 /
    4 / 2, pad 2; pool5 4 / 4; conv6 512 / 4 / 2, pad 2; conv7 1024 / 4 / 2, pad 2;
    conv8 two heads of 8 taps, stride 2, no pad (1,000 ImageNet objects, 401 Places
    scenes), trained against the vision networks' softmax by KL divergence; batch
    norm and ReLU after conv1-conv7. Here, per conv: a PAD of ``pad`` zeros on both
    ends of W (none before conv8), the conv 1xk stride (1, 2) VALID (RELU fused for
    conv1-conv7, conv8 linear), the pools 1xk stride (1, k) VALID; frames 220,500 ->
    110,251 -> 13,781 -> 6,891 -> 861 -> 431 -> 216 -> 109 -> 27 -> 14 -> 8 -> 1.
    The pads as explicit PAD operators, never SAME: the table's symmetric pad of k / 2
    is not TFLite's SAME on any of these lengths (SAME pads k / 2 - 1 before and k / 2
    after an odd length, the same length shifted by one sample, and gives one frame
    fewer on an even one: 110,250, 108, 7). This graph counts 303,959,040 MACs
    (convs 112,897,024, 112,902,144, 14,123,008, 14,155,776, 14,286,848, 7,340,032,
    16,777,216, 11,476,992) and 14,348,649 parameters (1,040 + 16,416 + 32,832 +
    65,664 + 131,328 + 524,800 + 2,098,176 + 11,478,393; by hand in the test).
    Published: no count in the paper.

    [U] the input length (10 s = 220,500 samples; the network takes any length, one
    conv8 frame here); the two conv8 heads as one conv of 1,401 filters (the same
    weights and MACs; one op); no softmax after conv8 (the heads' logits; the
    softmaxes belong to the KL loss); the pools VALID (the table's pad 0).
    """
    for i, (c, k, s, p) in enumerate(SOUNDNET_CONVS):
        if p:
            x = b.pad(x, ((0, 0), (0, 0), (p, p), (0, 0)))
        last = i == len(SOUNDNET_CONVS) - 1
        x = b.conv(x, c, (1, k), (1, s), "NONE" if last else "RELU", "VALID")
        if i in SOUNDNET_POOLS:
            w = SOUNDNET_POOLS[i]
            x = b.pool(x, "max", (1, w), (1, w))
    return x
