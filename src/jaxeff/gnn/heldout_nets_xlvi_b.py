"""Held-out families XLVI, part B (session 35, pre-registered in section 2 of
``docs/evidence/perfsage-cpu-2026-12-07-s35/PREREGISTERED.md`` before being built):
two published 1-D waveform networks -- Wave-U-Net (an encoder-decoder of 1-D convs
with LeakyReLU, decimation down, linear up-sampling up and concatenated skips, the
input concatenated before a TANH source head) and a small WaveNet (causal dilated
2-tap convs, gated tanh x sigmoid units, residual and skip 1x1 convs, a 256-way
SOFTMAX per sample).

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias, RELU fused where it follows a
conv or an ADD; LeakyReLU a standalone LEAKY_RELU, TANH and LOGISTIC standalone).
Both lay their waveform out along W (``[1, 1, T, C]``, as
:func:`jaxeff.gnn.heldout_nets_xlv_b.segan_generator`); every 1-D conv is a CONV_2D
of kernel height 1. Test models: no training space draws either (``models.json``'s
overlap, pinned in ``tests/gnn/test_heldout_nets_xlvi_b.py``). Written from the
papers' definitions as recalled; no code was read. Choices the sources leave open,
and ours, are marked [U].

* :func:`wave_unet`: Wave-U-Net (Stoller, Ewert & Dixon, arXiv 1806.03185), M4-like
  at our length, on ``[1, 1, 16384, 1]``: twelve down-sampling blocks (a 1x15 SAME
  conv of 24 i filters, LEAKY_RELU, a STRIDED_SLICE of stride (1, 2) along W), a
  1x15 conv of 312 with LEAKY_RELU at 4 samples, twelve up-sampling blocks (a
  RESIZE_BILINEAR 2x along W, a CONCATENATION with the down block's map of that
  length, a 1x5 SAME conv of 24 i, LEAKY_RELU), a CONCATENATION with the input, a
  1x1 conv to 2 sources, TANH; ``[1, 1, 16384, 2]``. 89 ops.
* :func:`wavenet`: WaveNet (van den Oord et al., arXiv 1609.03499) in a small
  configuration on ``[1, 1, 4096, 1]``: a causal PAD + 1x2 VALID conv to 32, two
  stacks of ten layers dilated 1 ... 512 (PAD on the left, 1x2 VALID dilated conv to
  64, SPLIT, TANH x LOGISTIC, 1x1 skip conv to 128, 1x1 residual conv to 32 + ADD),
  the skips summed (RELU fused into the last ADD), 1x1 conv 128 RELU, 1x1 conv 256,
  SOFTMAX; ``[1, 1, 4096, 256]``. 202 ops.

The MAC and parameter counts of each graph are in the functions' docstrings and
pinned in the test. Vela mapping (checked once with ``npu_full`` only, no Vela
figure read): both fallbacks the pre-registration allows were left unused -- the
decimation is the STRIDED_SLICE of stride 2 and the dilations run to 512 uncapped,
as Vela maps both models fully.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["wave_unet", "wavenet"]


# -- Stoller, Ewert & Dixon: Wave-U-Net

#: Wave-U-Net (arXiv 1806.03185, Section 3 and Table 1; M4's settings): the
#: waveform's samples, the blocks L, the filters F_c per level, the down and up
#: kernels f_d and f_u, the sources K and the LeakyReLU slope
WUN_LEN, WUN_LEVELS, WUN_FC, WUN_FD, WUN_FU = 16384, 12, 24, 15, 5
WUN_SOURCES, WUN_ALPHA = 2, 0.2


def wave_unet(b: NetBuilder, x: int) -> int:
    """Wave-U-Net on ``x`` (``[1, 1, 16384, 1]``: a mono mixture of 16,384 samples
    along W); returns the source estimates ``[1, 1, 16384, 2]`` (TANH).

    Stoller, Ewert & Dixon, "Wave-U-Net: A Multi-Scale Neural Network for End-to-End
    Audio Source Separation", ISMIR 2018, arXiv 1806.03185 (Section 3, Table 1,
    recalled): L = 12 down-sampling blocks, block i a 1-D conv of F_c i = 24 i
    filters of size f_d = 15 with LeakyReLU whose output is kept for the skip, then
    decimation (every other time step discarded); a bottom 1-D conv of F_c (L + 1) =
    312 filters of size 15; L up-sampling blocks, each a 2x up-sampling by linear
    interpolation (a learned-weight variant is also studied; not recalled
    precisely which variants use it, plain linear here), a
    concatenation with the kept map of the down block of the same resolution and a
    1-D conv of F_c i filters of size f_u = 5 with LeakyReLU; the input mixture
    concatenated and a 1x1 conv to the K sources with tanh. Here (the pre-registered
    definition): per down block CONV_2D 1x15 SAME (linear), LEAKY_RELU, STRIDED_SLICE
    ``[0, 0, 0, 0] : [1, 1, W, C] : [1, 1, 2, 1]`` (16384 -> 8192 ... 8 -> 4); CONV_2D
    1x15 SAME to 312 and LEAKY_RELU at 4 samples; per up block (i = 12 ... 1)
    RESIZE_BILINEAR to ``(1, 2 W)``, CONCATENATION (the down block's LEAKY_RELU
    output first, the up-sampled map second), CONV_2D 1x5 SAME to 24 i (linear),
    LEAKY_RELU; CONCATENATION (the input first, 24 + 1 channels); CONV_2D 1x1 to 2;
    TANH. 89 ops: 26 CONV_2D, 25 LEAKY_RELU, 12 STRIDED_SLICE, 12 RESIZE_BILINEAR,
    13 CONCATENATION, TANH. This graph counts 2,443,612,160 MACs (down 1,125,642,240:
    5,898,240, 141,557,760, 212,336,640 twice, 176,947,200, 132,710,400, 92,897,280,
    61,931,520, 39,813,120, 24,883,200, 15,206,400, 9,123,840; bottom 5,391,360; up
    1,311,759,360; head 819,200) and 10,263,028 parameters (weights and biases; by
    hand in the test). Published: no count recalled precisely enough; not pinned.

    [U] the layout (time along W, kernel height 1; the mixture mono, one channel);
    SAME padding throughout and a 16,384-sample input that gives 16,384 outputs (the
    paper pads VALID with a longer input and crops the skips); decimation a
    STRIDED_SLICE of stride (1, 2) keeping the even samples (Vela maps it: no
    replacement needed); the up-sampling RESIZE_BILINEAR with align_corners and
    half_pixel_centers off (TFLite's 2x linear interpolation, the last sample
    repeated at the edge; the paper's, VALID, gives 2 W - 1 samples between
    neighbours; learned interpolation weights left out); a LEAKY_RELU after the bottom conv as after every other hidden conv;
    the LeakyReLU slope 0.2 (TensorFlow's default, recalled as the release's); the
    skip first in each concatenation and the input first in the last; two sources
    (e.g. vocals and accompaniment) with tanh, no difference-output layer; biases on
    every conv (NetBuilder's).
    """
    mix, skips = x, []
    for i in range(1, WUN_LEVELS + 1):
        x = b.leaky_relu(b.conv(x, WUN_FC * i, (1, WUN_FD)), WUN_ALPHA)
        skips.append(x)
        n, h, w, c = b.shape(x)
        x = b.strided_slice(x, (0, 0, 0, 0), (n, h, w, c), (1, 1, 2, 1))
    x = b.leaky_relu(b.conv(x, WUN_FC * (WUN_LEVELS + 1), (1, WUN_FD)), WUN_ALPHA)
    for i in range(WUN_LEVELS, 0, -1):
        skip = skips[i - 1]
        x = b.resize(x, b.shape(skip)[1:3], "bilinear")
        x = b.concat([skip, x])
        x = b.leaky_relu(b.conv(x, WUN_FC * i, (1, WUN_FU)), WUN_ALPHA)
    x = b.conv(b.concat([mix, x]), WUN_SOURCES, 1)
    return b.act(x, "TANH")


# -- van den Oord et al.: WaveNet

#: WaveNet (arXiv 1609.03499, Sections 2.1-2.4), the small configuration [U]: the
#: waveform's samples, the stacks, the layers a stack (dilations 1 ... 2^9), the
#: residual, skip and output channels and the largest dilation
WN_LEN, WN_STACKS, WN_LAYERS = 4096, 2, 10
WN_RES, WN_SKIP, WN_OUT = 32, 128, 256
WN_MAX_DIL = 512


def _causal(b: NetBuilder, x: int, c: int, d: int) -> int:
    """A causal 2-tap conv: PAD of ``d`` samples before the signal (along W), then a
    1x2 VALID conv of ``c`` dilated by ``d`` along W (linear)."""
    x = b.pad(x, [(0, 0), (0, 0), (d, 0), (0, 0)])
    return b.conv(x, c, (1, 2), 1, "NONE", "VALID", (1, d))


def wavenet(b: NetBuilder, x: int) -> int:
    """WaveNet on ``x`` (``[1, 1, 4096, 1]``: 4,096 samples along W); returns the
    per-sample distribution over 256 mu-law levels ``[1, 1, 4096, 256]`` (SOFTMAX).

    van den Oord et al., "WaveNet: A Generative Model for Raw Audio", arXiv
    1609.03499 (Sections 2.1-2.4, Figs. 3-4, recalled): a causal conv on the input,
    then stacks of dilated causal convs whose dilation doubles each layer up to a
    limit and repeats (1, 2, ..., 512, 1, 2, ..., 512); every layer a gated
    activation unit z = tanh(W_f * x) . sigma(W_g * x), a 1x1 conv of z added to the
    layer's input (residual) and a 1x1 conv of z to the skip connections; the skips
    summed, ReLU, 1x1 conv, ReLU, 1x1 conv, softmax over the 256 mu-law levels.
    Here (the pre-registered small configuration): PAD (1 before) and CONV_2D 1x2
    VALID to 32 (linear); per layer (two stacks, dilation d = 1 ... 512) PAD (d
    before), CONV_2D 1x2 VALID dilated (1, d) to 64 (linear), SPLIT into 32 + 32 on
    the channels, TANH of the first, LOGISTIC of the second, MUL, CONV_2D 1x1 to 128
    (the skip) and, but in the last layer, CONV_2D 1x1 to 32 and ADD to the layer's
    input; the skips summed by ADDs in layer order (RELU fused into the last);
    CONV_2D 1x1 to 128 RELU; CONV_2D 1x1 to 256 (linear); SOFTMAX over the channels.
    202 ops: 62 CONV_2D, 21 PAD, 20 SPLIT, 20 TANH, 20 LOGISTIC, 20 MUL, 38 ADD,
    SOFTMAX. This graph counts 952,369,152 MACs (causal conv 262,144; dilated convs
    20 of 16,777,216; skips 20 of 16,777,216; residuals 19 of 4,194,304; head
    67,108,864 + 134,217,728) and 237,376 parameters (weights and biases: 96; 20 of
    4,160; 20 of 4,224; 19 of 1,056; 16,512; 33,024; by hand in the test). Published:
    no count for this configuration (the paper gives none).

    [U] the configuration (two stacks of ten, 32 residual, 64 gate, 128 skip and 256
    output channels at 4,096 samples: the paper's sizes are not given); one input
    channel in place of the 256-way mu-law one-hot (the first conv then 2 x 32
    weights); the layout (time along W); causal padding a PAD on the left before a
    VALID conv (one PAD a layer, 21 in all); the filter and gate one conv to 64 split
    (the first 32 the filter), not two convs; the last layer's residual 1x1 conv and
    ADD left out (their output feeds nothing); the skips summed in layer order
    starting from the first; the first ReLU fused into the last skip ADD; no
    conditioning (global or local); dilations 1 ... 512 uncapped (Vela maps the 1x2
    conv dilated 512 -- a dilated kernel 513 wide -- so the pre-registered cap was
    not needed); biases on every conv (NetBuilder's).
    """
    x = _causal(b, x, WN_RES, 1)
    skip = None
    last = WN_STACKS * WN_LAYERS - 1
    for j in range(WN_STACKS * WN_LAYERS):
        d = min(2 ** (j % WN_LAYERS), WN_MAX_DIL)
        filt, gate = b.split(_causal(b, x, 2 * WN_RES, d), 2)
        z = b.mul(b.act(filt, "TANH"), b.act(gate, "LOGISTIC"))
        s = b.conv(z, WN_SKIP, 1)
        skip = s if skip is None else b.add(skip, s, "RELU" if j == last else "NONE")
        if j < last:
            x = b.add(b.conv(z, WN_RES, 1), x)
    x = b.conv(skip, WN_SKIP, 1, 1, "RELU")
    return b.softmax(b.conv(x, WN_OUT, 1))
