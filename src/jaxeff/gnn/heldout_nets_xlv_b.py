"""Held-out families XLV, part D (session 34, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-06-s34/PREREGISTERED.md`` before being built):
two published encoder-decoders -- the SEGAN generator (a raw-waveform U-Net of 1-D
strided convs with PReLU, a latent code concatenated at its bottleneck, 1-D
transposed convs and concatenated skips; a second graph input) and SegNet-Basic (7x7
convs of 64 with max pools down and nearest up-sampling up, a per-pixel softmax over
the CamVid classes).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and transposed conv with a bias, batch norm
folded into the preceding conv's weights and bias, RELU fused where it follows a
conv; PReLU a standalone PRELU with one slope a channel, as
:func:`jaxeff.gnn.heldout_nets_xliv.mtcnn_onet` and
:func:`jaxeff.gnn.heldout_nets_xl_b.conv_tasnet_enc` write it; a TANH output
standalone, as :func:`jaxeff.gnn.heldout_nets_xliv_b.cyclegan_generator_r6`). The
1-D model lays its waveform out along W (``[1, 1, T, C]``, as
:func:`jaxeff.gnn.heldout_nets_xli.samplecnn` and
:func:`jaxeff.gnn.heldout_nets_xl_b.demucs_encoder`); every 1-D conv is a CONV_2D or
TRANSPOSE_CONV of kernel height 1. Test models: no training space draws either
(``models.json``'s overlap, pinned in ``tests/gnn/test_heldout_nets_xlv_b.py``).
Written from the papers' definitions as recalled; no code was read. Choices the
sources leave open, and ours, are marked [U].

* :func:`segan_generator`: the SEGAN generator (Pascual, Bonafonte & Serra, arXiv
  1703.09452) on 16,384 samples ``[1, 1, 16384, 1]`` and the latent z ``[1, 1, 8,
  1024]`` (a second graph input): eleven 1x31 stride-(1, 2) SAME convs of 16, 32,
  32, 64, 64, 128, 128, 256, 256, 512, 1024 each followed by a PRELU (8 x 1024),
  CONCATENATION with z (8 x 2048), eleven 1x31 stride-(1, 2) SAME TRANSPOSE_CONVs to
  512, 256, 256, 128, 128, 64, 64, 32, 32, 16, 1, each but the last followed by a
  PRELU and a CONCATENATION with the encoder map of its length, TANH; ``[1, 1,
  16384, 1]``. 55 ops.
* :func:`segnet_basic`: SegNet-Basic (Badrinarayanan, Kendall & Cipolla, arXiv
  1511.00561) on ``[1, 360, 480, 3]``: four 7x7 SAME convs of 64 RELU (BN folded) each
  followed by a 2x2 / 2 VALID max pool (360 x 480 -> 22 x 30), four nearest RESIZEs
  back to the encoder's sizes (45 x 60, 90 x 120, 180 x 240, 360 x 480) each followed
  by a 7x7 SAME conv of 64 (BN folded, linear), a 1x1 conv to 11 classes and a
  SOFTMAX over them per pixel; ``[1, 360, 480, 11]``. 18 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["segan_generator", "segnet_basic"]


# -- Pascual, Bonafonte & Serra: the SEGAN generator

#: the SEGAN generator (arXiv 1703.09452, Section 4 and Fig. 2): the waveform's
#: samples, the kernel of every (transposed) conv (stride 2), the encoder's widths,
#: the decoder's output widths and the latent code's channels
SEGAN_LEN, SEGAN_K = 16384, 31
SEGAN_ENC = (16, 32, 32, 64, 64, 128, 128, 256, 256, 512, 1024)
SEGAN_DEC = (512, 256, 256, 128, 128, 64, 64, 32, 32, 16, 1)
SEGAN_Z = 1024


def segan_generator(b: NetBuilder, x: int, z: int | None = None) -> int:
    """The SEGAN generator on ``x`` (``[1, 1, 16384, 1]``: 16,384 samples of 16 kHz
    speech along W, about 1 s) and ``z`` (``[1, 1, 8, 1024]``; None: a second graph
    input of that shape, recorded after the encoder); returns the enhanced waveform
    ``[1, 1, 16384, 1]`` (TANH).

    Pascual, Bonafonte & Serra, "SEGAN: Speech Enhancement Generative Adversarial
    Network", Interspeech 2017, arXiv 1703.09452 (Section 4, Fig. 2, recalled): a
    fully convolutional encoder-decoder on raw 16-kHz waveform chunks of 16,384
    samples; the encoder eleven 1-D strided convs (filter width 31, stride 2) with
    parametric ReLUs, 16384 x 1 -> 8192 x 16 -> 4096 x 32 -> 2048 x 32 -> 1024 x 64
    -> 512 x 64 -> 256 x 128 -> 128 x 128 -> 64 x 256 -> 32 x 256 -> 16 x 512 -> 8 x
    1024 (the thought vector c); a latent z of 8 x 1024 drawn from N(0, I)
    concatenated with c; the decoder mirrors the encoder with fractionally-strided
    (transposed) convs of the same width and stride, each output concatenated with
    the encoder map of the same length (skip connections), the channels doubling
    there, to 16384 x 1 with a tanh. Here (the pre-registered definition): per
    encoder layer CONV_2D 1x31 stride (1, 2) SAME (linear) and a standalone PRELU
    (slopes ``[1, 1, C]``); CONCATENATION of c and z on the channels (``[1, 1, 8,
    2048]``); per decoder layer TRANSPOSE_CONV 1x31 stride (1, 2) SAME (linear; 8 ->
    16 -> ... -> 16384) to :data:`SEGAN_DEC`, for all but the last a PRELU and a
    CONCATENATION of it and the encoder's PRELU output of its length (16 x 512 with
    16 x 512 ... 8192 x 16 with 8192 x 16: the decoder's inputs 2048, 1024, 512, 512,
    256, 256, 128, 128, 64, 64, 32 channels); TANH. 55 ops: 11 CONV_2D, 21 PRELU, 11
    CONCATENATION, 11 TRANSPOSE_CONV, TANH. This graph counts 2,157,576,192 MACs
    (encoder 719,192,064: 4,063,232, nine of 65,011,712, 130,023,424; decoder
    1,438,384,128, the transposed convs counted at their input: 260,046,848, nine of
    130,023,424, 8,126,464) and 73,100,049 parameters (weights and biases: encoder
    24,366,528, decoder 48,729,521; 4,000 PReLU slopes; by hand in the test).
    Published: no count recalled; not pinned.

    [U] the layout (time along W, kernel height 1; the waveform one channel); z a
    second graph input ``[1, 1, 8, 1024]`` (the registry's builder path takes the
    inputs a builder records: the waveform first, z second), concatenated after c
    (c's channels first); SAME padding for the convs (the paper's padding keeps
    length / 2; TFLite pads 14 before and 15 after an even map for a 31-tap stride-2
    conv) and the transposed convs (output twice the input); a decoder layer's PReLU
    before its skip concatenation, the decoder map first, the encoder map second;
    the skip the encoder layer's PReLU output; one PReLU slope a channel (the
    slopes drawn |N(0, 0.25^2)|, :meth:`NetBuilder.act`); biases on every conv and
    transposed conv (NetBuilder's); no normalisation in the generator (none
    recalled; virtual batch norm is the discriminator's); the transposed convs'
    stride (1, 2), along W only (a 1-D map; the NPU forms of
    :meth:`NetBuilder.transpose_conv` are strides 1x1 and 2x2, so Vela may leave
    these on the CPU; not checked); TANH standalone.
    """
    skips = []
    for c in SEGAN_ENC:
        x = b.act(b.conv(x, c, (1, SEGAN_K), (1, 2)), "PRELU")
        skips.append(x)
    if z is None:
        z = b.input((1, 1, b.shape(x)[2], SEGAN_Z))
    x = b.concat([x, z])
    last = len(SEGAN_DEC) - 1
    for i, c in enumerate(SEGAN_DEC):
        x = b.transpose_conv(x, c, (1, SEGAN_K), (1, 2))
        if i < last:
            x = b.concat([b.act(x, "PRELU"), skips[last - 1 - i]])
    return b.act(x, "TANH")


# -- Badrinarayanan, Kendall & Cipolla: SegNet-Basic

#: SegNet-Basic (arXiv 1511.00561, Section 4): the stages (encoders = decoders),
#: the width and kernel of every conv, the pool (2x2 / 2) and the CamVid classes
SEGNET_STAGES, SEGNET_WIDTH, SEGNET_K, SEGNET_POOL = 4, 64, 7, 2
SEGNET_CLASSES = 11


def segnet_basic(b: NetBuilder, x: int, classes: int = SEGNET_CLASSES) -> int:
    """SegNet-Basic on ``x`` (``[1, 360, 480, 3]``, a CamVid frame); returns the
    per-pixel class probabilities ``[1, 360, 480, classes]`` (SOFTMAX over the
    channels).

    Badrinarayanan, Kendall & Cipolla, "SegNet: A Deep Convolutional Encoder-Decoder
    Architecture for Image Segmentation", IEEE TPAMI 2017, arXiv 1511.00561 (Section
    4, recalled): the smaller variant SegNet-Basic, four encoders and four decoders;
    every encoder a 7x7 conv of 64 features with batch norm and ReLU and a 2x2 max
    pool of stride 2 whose indices are stored; every decoder up-samples its input
    with the stored indices of the matching encoder's pool (max-unpooling) and
    convolves it with a 7x7 conv of 64 features and batch norm, no ReLU in the
    decoder; a soft-max classifier over the 11 CamVid classes at the input's 360 x
    480. Here (the pre-registered definition): per encoder CONV_2D 7x7 SAME RELU
    (BN folded) and MAX_POOL_2D 2x2 / 2 VALID (360 x 480 -> 180 x 240 -> 90 x 120 ->
    45 x 60 -> 22 x 30); per decoder RESIZE_NEAREST_NEIGHBOR to the matching
    encoder conv's size (22 x 30 -> 45 x 60, then 90 x 120, 180 x 240, 360 x 480) and
    CONV_2D 7x7 SAME (BN folded, linear); CONV_2D 1x1 to ``classes`` (linear);
    SOFTMAX. 18 ops: 9 CONV_2D, 4 MAX_POOL_2D, 4 RESIZE_NEAREST_NEIGHBOR, SOFTMAX.
    This graph counts 59,188,838,400 MACs (encoder 1,625,702,400, 8,670,412,800,
    2,167,603,200, 541,900,800; decoder 541,900,800, 2,167,603,200, 8,670,412,800,
    34,681,651,200; classifier 121,651,200) and 1,415,563 parameters (weights and
    biases: 9,472, seven of 200,768, 715; by hand in the test). Published: no count
    pinned (the paper's SegNet-Basic size not recalled precisely enough).

    [U] max-unpooling with the pool indices (no TFLite builtin) replaced by
    RESIZE_NEAREST_NEIGHBOR (every unpooled pixel of a 2x2 cell the pooled value,
    not three zeros and the maximum at its index; align_corners and half-pixel
    centres off); the pools VALID, so 45 floors to 22, and the first decoder resizes
    22 x 30 back to the encoder's 45 x 60 (a non-integer factor along H) rather than
    to 44 x 60; the decoder convs linear (the basic version); the batch norms folded
    (biases on every conv, NetBuilder's; the paper's convs have none, its norms a
    shift); SAME padding (the paper's padding of 3 on the 7x7 convs); the classifier
    a 1x1 conv (linear) and the soft-max one SOFTMAX over the channels of the 4-D
    map; no local contrast normalisation of the input (outside the network); class
    balancing a loss weight (training only).
    """
    sizes = []
    for _ in range(SEGNET_STAGES):
        x = b.conv(x, SEGNET_WIDTH, SEGNET_K, 1, "RELU")
        sizes.append(b.shape(x)[1:3])
        x = b.pool(x, "max", SEGNET_POOL, SEGNET_POOL)
    for hw in reversed(sizes):
        x = b.conv(b.resize(x, hw), SEGNET_WIDTH, SEGNET_K)
    return b.softmax(b.conv(x, classes, 1))
