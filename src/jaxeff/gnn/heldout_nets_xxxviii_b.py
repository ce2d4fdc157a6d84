"""Held-out families XXXVIII, part b (session 32, pre-registered in Addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-06-s32/PREREGISTERED.md`` before being built, in
place of M5, which is not fresh): two published raw-waveform front ends whose first
conv has a stride above 3.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the networks of
:mod:`jaxeff.gnn.heldout_nets_xxxviii` (float32, seeded weights, normalisation left
out or folded, RELU fused). 1 s of 16 kHz audio, 16,000 samples, is laid out as
``[1, 1, 16000, 1]`` (time along W, as :func:`jaxeff.gnn.heldout_nets_xxxviii.m5`)
and every 1-D conv is a CONV_2D of kernel height 1. Each conv of stride above 3 is
one VALID CONV_2D with that stride and no PAD operator before it (Vela maps such a
conv only without padding). Test models: no training space draws either in its exact
configuration (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xxxviii_b.py``). Choices the sources leave open, and
ours, are marked [U].

* :func:`wav2letter_raw`: Wav2Letter, raw-waveform variant (arXiv 1609.03193):
  conv 250 1x250 stride (1, 160) VALID RELU (99 frames), conv 250 1x48 stride (1, 2)
  SAME RELU (50), seven convs 250 1x7 SAME RELU, conv 2000 1x32 SAME RELU, conv 2000
  1x1 RELU, conv 40 1x1 linear; ``[1, 1, 50, 40]``. 12 ops.
* :func:`wav2vec_encoder`: the wav2vec feature encoder (arXiv 1904.05862): five
  VALID convs of 512, kernels 1x10, 1x8, 1x4, 1x4, 1x4, strides (1, 5), (1, 4), (1,
  2), (1, 2), (1, 2), RELU (3199, 798, 398, 198, 98 frames); ``[1, 1, 98, 512]``.
  5 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["wav2letter_raw", "wav2vec_encoder"]


# -- Collobert et al.: Wav2Letter on the raw waveform

#: Wav2Letter (arXiv 1609.03193, Fig. 1, raw-waveform variant): (filters, taps,
#: stride) of the convs, the first on the waveform, the last the 40 letters (linear)
WAV2LETTER_CONVS = ((250, 250, 160), (250, 48, 2)) + ((250, 7, 1),) * 7 + (
    (2000, 32, 1), (2000, 1, 1), (40, 1, 1))


def wav2letter_raw(b: NetBuilder, x: int) -> int:
    """Wav2Letter (raw waveform) on ``x`` (``[1, 1, 16000, 1]``: 1 s of 16 kHz audio
    along W); returns the letter scores ``[1, 1, 50, 40]``.

    Collobert, Puhrsch & Synnaeve, "Wav2Letter: an End-to-End ConvNet-based Speech
    Recognition System", arXiv 1609.03193 (Fig. 1, recalled): on raw 16 kHz samples a
    first conv kw = 250, dw = 160, 1 -> 250 (10 ms frames), then the MFCC network:
    kw 48 dw 2 250 -> 250; seven kw 7, 250 -> 250; kw 32, 250 -> 2000; kw 1, 2000 ->
    2000; kw 1, 2000 -> 40 letters, scored by a criterion (ASG / CTC). Here: conv 250
    1x250 stride (1, 160) VALID RELU ((16000 - 250) / 160 + 1 = 99 frames), conv 250
    1x48 stride (1, 2) SAME RELU (50), seven 1x7 SAME RELU, 1x32 SAME RELU to 2000,
    1x1 RELU 2000, 1x1 to 40 linear. This graph counts 1,313,312,500 MACs (convs
    6,187,500, 150,000,000, seven of 21,875,000, 800,000,000, 200,000,000, 4,000,000)
    and 26,211,290 parameters (62,750 + 3,000,250 + 7 x 437,750 + 16,002,000 +
    4,002,000 + 80,040; by hand in the test). Published: no count in the paper.

    [U] the layout (time along W, kernel height 1; the input length, 1 s); the first
    conv VALID, one CONV_2D of stride 160 with no PAD (torchaudio's reimplementation,
    recalled, pads it by 45); SAME padding after it (the figure gives no padding;
    torchaudio, recalled, pads 23 / 3 / 15-16, i.e. about SAME); RELU after every conv
    but the last (the paper's non-linearity is not recalled with certainty; torchaudio's
    reimplementation, recalled, uses ReLU, also after the last); the last conv linear
    and no SOFTMAX (its output goes to the ASG / CTC criterion); no normalisation
    layer; dropout left out.
    """
    last = len(WAV2LETTER_CONVS) - 1
    for i, (c, k, s) in enumerate(WAV2LETTER_CONVS):
        x = b.conv(x, c, (1, k), (1, s), "NONE" if i == last else "RELU",
                   "VALID" if i == 0 else "SAME")
    return x


# -- Schneider et al.: the wav2vec feature encoder

#: wav2vec's encoder network (arXiv 1904.05862, Sec. 2): (taps, stride) of the five
#: convs, their width
WAV2VEC_CONVS = ((10, 5), (8, 4), (4, 2), (4, 2), (4, 2))
WAV2VEC_WIDTH = 512


def wav2vec_encoder(b: NetBuilder, x: int) -> int:
    """The wav2vec feature encoder on ``x`` (``[1, 1, 16000, 1]``: 1 s of 16 kHz audio
    along W); returns the representations z ``[1, 1, 98, 512]``.

    Schneider, Baevski, Collobert & Auli, "wav2vec: Unsupervised Pre-training for
    Speech Recognition", Interspeech 2019, arXiv 1904.05862 (Sec. 2, recalled): the
    encoder network is five causal convolutions of kernel sizes (10, 8, 4, 4, 4) and
    strides (5, 4, 2, 2, 2), 512 channels each, group normalisation and ReLU; receptive
    field 465 samples (30 ms), one z every 10 ms (total stride 160). Here: five VALID
    convs 1xk of 512, RELU fused (16000 -> 3199 -> 798 -> 398 -> 198 -> 98 frames).
    This graph counts 2,417,617,920 MACs (convs 16,378,880, 1,673,527,296,
    417,333,248, 207,618,048, 102,760,448) and 5,250,560 parameters (5,632 +
    2,097,664 + 3 x 1,049,088; by hand in the test). Published: no count for the
    encoder alone in the paper.

    [U] the layout (time along W, kernel height 1; the input length, 1 s); VALID
    padding (the convolutions unpadded, as the causal convolutions of the paper's
    encoder and fairseq's, recalled: no padding, 98 frames for 1 s); group
    normalisation left out (per-sample statistics do not fold into the weights); RELU
    fused; no context network (z is the output).
    """
    for k, s in WAV2VEC_CONVS:
        x = b.conv(x, WAV2VEC_WIDTH, (1, k), (1, s), "RELU", "VALID")
    return x
