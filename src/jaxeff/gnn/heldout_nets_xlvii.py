"""Held-out families XLVII, part C (session 35, pre-registered in addendum 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s35/PREREGISTERED.md`` before being built):
the MelGAN generator, a non-autoregressive mel-spectrogram-to-waveform vocoder of 1-D
transposed convs (up-sampling 256x in four stages) and dilated residual stacks, with
LeakyReLU throughout and a TANH waveform output.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and transposed conv with a bias; LeakyReLU a
standalone LEAKY_RELU, as :func:`jaxeff.gnn.heldout_nets_xlvi_b.wave_unet`; TANH
standalone). The spectrogram's frames and the waveform lie along W (``[1, 1, T, C]``,
as :func:`jaxeff.gnn.heldout_nets_xlv_b.segan_generator`); every 1-D conv is a
CONV_2D and every 1-D transposed conv a TRANSPOSE_CONV of kernel height 1. A test
model: no training space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlvii.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`melgan_generator`: the MelGAN generator (Kumar et al., arXiv 1910.06711) on
  32 frames of an 80-band mel spectrogram ``[1, 1, 32, 80]``: a 1x7 conv to 512;
  four stages (LEAKY_RELU, a TRANSPOSE_CONV 1x16 / (1, 8) to 256, 1x16 / (1, 8) to
  128, 1x4 / (1, 2) to 64, 1x4 / (1, 2) to 32, then three residual blocks dilated 1,
  3, 9); LEAKY_RELU, a 1x7 conv to 1, TANH; ``[1, 1, 8192, 1]``. 84 ops: 38
  CONV_2D, 4 TRANSPOSE_CONV, 29 LEAKY_RELU, 12 ADD, TANH.

The MAC and parameter counts are in the function's docstring and pinned in the
test. Vela mapping (checked once with ``npu_full`` and the CPU-op count only, no
Vela figure read): not full -- two ops on the CPU for both the U55 and the U65, the
two stride-(1, 8) TRANSPOSE_CONVs by Vela 5.2's constraint (a TRANSPOSE_CONV's
stride 1x1, 2x2, or 2 along W on a map and kernel of height 1, so the two stride-(1,
2) ones map). The strides are the pre-registered definition, not a [U] choice (no
layout gives a stride Vela takes), so they are kept as they are.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["melgan_generator"]


# -- Kumar et al.: the MelGAN generator

#: the MelGAN generator (arXiv 1910.06711, Section 2.1 and Appendix A): the frames
#: [U] and mel bands of the input, the first conv's width, the up-sampling ratios
#: (each a transposed conv of kernel 2 r and stride r halving the channels), the
#: residual blocks' dilations, the pre and post convs' kernel and the LeakyReLU slope
MELGAN_FRAMES, MELGAN_MELS, MELGAN_WIDTH = 32, 80, 512
MELGAN_RATIOS = (8, 8, 2, 2)
MELGAN_DILATIONS = (1, 3, 9)
MELGAN_K, MELGAN_ALPHA = 7, 0.2


def _res_block(b: NetBuilder, x: int, d: int) -> int:
    """One residual block of width C = ``x``'s channels: a 1x1 conv shortcut of
    ``x`` ADDed to LEAKY_RELU, a 1x3 SAME conv dilated (1, ``d``), LEAKY_RELU and a
    1x1 conv (all linear)."""
    c = b.shape(x)[3]
    short = b.conv(x, c, 1)
    y = b.conv(b.leaky_relu(x, MELGAN_ALPHA), c, (1, 3), 1, "NONE", "SAME", (1, d))
    y = b.conv(b.leaky_relu(y, MELGAN_ALPHA), c, 1)
    return b.add(short, y)


def melgan_generator(b: NetBuilder, x: int) -> int:
    """The MelGAN generator on ``x`` (``[1, 1, 32, 80]``: 32 frames of an 80-band mel
    spectrogram along W, hop 256); returns the waveform ``[1, 1, 8192, 1]`` (TANH).

    Kumar et al., "MelGAN: Generative Adversarial Networks for Conditional Waveform
    Synthesis", NeurIPS 2019, arXiv 1910.06711 (Section 2.1, Fig. 1, Appendix A,
    recalled): a fully convolutional feed-forward generator from the mel spectrogram
    (hop 256) to the raw waveform; a 7-wide conv to 512 channels, then up-sampling
    by 8, 8, 2 and 2 (256 in all) with transposed convs of kernel twice the stride,
    the channels halved each time (512 -> 256 -> 128 -> 64 -> 32), each preceded by
    a LeakyReLU (slope 0.2) and followed by a residual stack of three blocks whose
    3-wide convs are dilated 1, 3 and 9 (receptive field growing exponentially); a
    LeakyReLU, a 7-wide conv to one channel and tanh; weight normalisation on every
    layer, reflection padding, no noise input. Here (the pre-registered
    definition): CONV_2D 1x7 SAME to 512 (linear); per stage LEAKY_RELU,
    TRANSPOSE_CONV 1x(2 r) stride (1, r) SAME to half the channels (linear; 32 ->
    256 -> 2048 -> 4096 -> 8192 samples), and per block (dilation 1, 3, 9) CONV_2D
    1x1 of the block's input (the shortcut), LEAKY_RELU of the input, CONV_2D 1x3
    SAME dilated (1, d), LEAKY_RELU, CONV_2D 1x1, ADD (shortcut first); LEAKY_RELU,
    CONV_2D 1x7 SAME to 1 (linear), TANH. 84 ops: 38 CONV_2D, 4 TRANSPOSE_CONV, 29
    LEAKY_RELU, 12 ADD, TANH. This graph counts 1,445,462,016 MACs (pre conv
    9,175,040; transposed convs counted at their input 67,108,864, 134,217,728,
    67,108,864, 33,554,432; residual stacks 251,658,240, 503,316,480, 251,658,240,
    125,829,120; post conv 1,835,008) and 4,260,257 parameters (weights and biases:
    pre 287,232; transposed 2,097,408, 524,416, 32,832, 8,224; stacks 985,344,
    246,912, 62,016, 15,648; post 225; by hand in the test). Published: about 4.26 M
    parameters (the paper's comparison table, recalled); pinned within 0.5 % (0.006 %
    off): the figure is rounded to 10 k, and the weight norms' gains (one a weight
    norm's channel, 5,793 by our count: 512 + 9 x 480 + 1 on the convs' outputs, 960
    on the transposed convs' inputs) are folded away here (4,266,050 with them, 0.14 %
    off).

    [U] the input: 32 frames (an 8,192-sample, about 0.37 s, chunk at 22.05 kHz) as
    ``[1, 1, 32, 80]`` (frames along W, the bands the channels); the layout (time
    along W, kernel height 1); weight normalisation folded into plain weights;
    zero SAME padding in place of reflection padding (the pre and post convs pad 3
    a side, the dilated convs d, as the release; the transposed convs' SAME gives
    r x the input, padding r / 2 a side, as the release's r // 2 + r % 2 for even
    r); the residual block's 1x1 conv shortcut (as we recall the authors' release;
    the paper's figure shows an identity); the shortcut conv written first and
    first in the ADD (the release sums shortcut(x) + block(x)); linear convs, each
    LeakyReLU standalone (slope 0.2); biases on every conv and transposed conv
    (NetBuilder's); TANH standalone.
    """
    x = b.conv(x, MELGAN_WIDTH, (1, MELGAN_K))
    c = MELGAN_WIDTH
    for r in MELGAN_RATIOS:
        c //= 2
        x = b.transpose_conv(b.leaky_relu(x, MELGAN_ALPHA), c, (1, 2 * r), (1, r))
        for d in MELGAN_DILATIONS:
            x = _res_block(b, x, d)
    x = b.conv(b.leaky_relu(x, MELGAN_ALPHA), 1, (1, MELGAN_K))
    return b.act(x, "TANH")
