"""Held-out families LXXIII, part b (session 44, pre-registered in section 4 of
``docs/evidence/perfsage-cpu-2026-12-08-s44/PREREGISTERED.md`` before being built): a
speaker-identification CNN on a spectrogram and a deep text CNN on word embeddings.
Built by a helper who prints only names and ``npu_full``; nothing is chosen on them.

* :func:`voxceleb_vggm`: Nagrani, Chung and Zisserman's VGG-M for VoxCeleb speaker
  identification as ``voxceleb_vggm_512x300`` on ``[1, 512, 300, 1]`` (512 frequency
  bins x 300 frames): CONV_2D 96 7x7 / 2 + RELU, MAX_POOL_2D 3x3 / 2; CONV_2D 256 5x5 /
  2 + RELU, MAX_POOL_2D 3x3 / 2; CONV_2D 384, 256, 256 3x3 SAME + RELU; MAX_POOL_2D
  5x3 / (3, 2) (``[1, 9, 8, 256]``); fc6 as a 9x1 CONV_2D 4,096 + RELU (``[1, 1, 8,
  4096]``); apool6 AVERAGE_POOL_2D 1x8 (``[1, 1, 1, 4096]``); FULLY_CONNECTED 1,024 +
  RELU, 1,251; SOFTMAX; ``[1, 1251]``. 13 ops: 6 CONV_2D, 3 MAX_POOL_2D,
  AVERAGE_POOL_2D, 2 FULLY_CONNECTED, SOFTMAX.
* :func:`dpcnn`: Johnson and Zhang's deep pyramid CNN as ``dpcnn_256x300`` on ``[1, 1,
  256, 300]`` (256 tokens of 300-d embeddings as a 1 x 256 map of 300 channels): a
  region embedding CONV_2D 250 1x3; a block of two pre-activation 1x3 convs (RELU,
  CONV_2D 250, RELU, CONV_2D 250) ADDed to its input; seven downsampling blocks
  (MAX_POOL_2D 1x3 / 2 SAME, the same two pre-activation convs, ADD to the pool's
  output; 256 -> 128 -> ... -> 2); the final pooling, MAX_POOL_2D 1x2 over the two
  remaining positions (``[1, 1, 1, 250]``); FULLY_CONNECTED 2; ``[1, 2]``. 50 ops: 17
  CONV_2D, 16 RELU, 8 ADD, 8 MAX_POOL_2D, FULLY_CONNECTED.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv and FC with a bias). Test models: no training
space draws them (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_lxxiii_b.py``). Written from the papers' definitions as
recalled; no code was read. Choices the papers leave open, and ours, are marked [U].
Kept as published: nothing was changed to make either model NPU-mappable.

The MAC and parameter counts are in the functions' docstrings and pinned in the
test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["dpcnn", "voxceleb_vggm"]


# -- Nagrani, Chung and Zisserman 2017 (VoxCeleb, VGG-M)

#: VoxCeleb VGG-M (recalled): the spectrogram (frequency bins, frames), conv1-conv5
#: (filters, kernel, stride), the pools after conv1, conv2 and conv5 (window,
#: stride), fc6 (filters, kernel over the remaining frequency axis), fc7, the
#: speakers (VoxCeleb1 identification)
VX_FREQ, VX_FRAMES = 512, 300
VX_CONVS = ((96, 7, 2), (256, 5, 2), (384, 3, 1), (256, 3, 1), (256, 3, 1))
VX_POOLS = {0: ((3, 3), (2, 2)), 1: ((3, 3), (2, 2)), 4: ((5, 3), (3, 2))}
VX_FC6, VX_FC6_K, VX_FC7, VX_CLASSES = 4096, (9, 1), 1024, 1251


def voxceleb_vggm(b: NetBuilder, x: int) -> int:
    """VoxCeleb VGG-M on ``x`` (``[1, 512, 300, 1]``: a magnitude spectrogram of 512
    frequency bins as H and 300 frames as W); returns the SOFTMAX output ``[1, 1251]``
    (the VoxCeleb1 speakers).

    Nagrani, Chung and Zisserman, "VoxCeleb: a large-scale speaker identification
    dataset", Interspeech 2017 (recalled): VGG-M adapted to spectrograms of 512 x 300
    (3 s of audio): conv1 96 7x7 / 2, max pool 3x3 / 2; conv2 256 5x5 / 2, max pool
    3x3 / 2; conv3 384, conv4 256, conv5 256 3x3 (padding 1); mpool5 5x3 / (3, 2);
    fc6 a 9x1 conv of 4,096 spanning the frequency axis (a 1 x n map); apool6 an
    average pool over the n time steps (1 x 1); fc7 1,024; fc8 1,251; softmax. Batch
    norm after the convs, ReLU.

    Here: CONV_2D 96 7x7 / 2 VALID + RELU (``[1, 253, 147, 96]``), MAX_POOL_2D 3x3 / 2
    VALID (``[1, 126, 73, 96]``); CONV_2D 256 5x5 / 2 VALID + RELU (``[1, 61, 35,
    256]``), MAX_POOL_2D 3x3 / 2 VALID (``[1, 30, 17, 256]``); CONV_2D 384, 256, 256
    3x3 SAME + RELU (``[1, 30, 17, *]``); MAX_POOL_2D 5x3 / (3, 2) VALID (``[1, 9, 8,
    256]``); CONV_2D 4,096 9x1 VALID + RELU (fc6, ``[1, 1, 8, 4096]``);
    AVERAGE_POOL_2D 1x8 VALID (apool6, ``[1, 1, 1, 4096]``); FULLY_CONNECTED 1,024 +
    RELU, FULLY_CONNECTED 1,251 (linear), SOFTMAX. 13 ops: 6 CONV_2D, 3 MAX_POOL_2D,
    AVERAGE_POOL_2D, 2 FULLY_CONNECTED, SOFTMAX.

    This graph counts 2,770,904,224 MACs: conv1 174,946,464 (37,191 x 96 x 49);
    conv2 1,311,744,000 (2,135 x 96 x 256 x 25); conv3 and conv4 451,215,360 each
    (510 x 256 x 384 x 9); conv5 300,810,240 (510 x 256 x 256 x 9); fc6 75,497,472
    (8 x 256 x 4,096 x 9); fc7 4,194,304; fc8 1,281,024. It has 17,898,531 weights
    and biases: 4,800, 614,656, 885,120, 884,992, 590,080, 9,441,280, 4,195,328 and
    1,282,275 (by hand in the test). No published count recalled precisely enough to
    pin.

    [U] VALID on conv1, conv2 and every pool (the pre-registered choice; the paper's
    table, as recalled, has conv1 at 254 x 148 and conv2 at 62 x 36, i.e. padding 1,
    but VALID reaches the same 126 x 73 and 30 x 17 after the pools, so every later
    map is the paper's), SAME (padding 1) on conv3-conv5; fc6 VALID; batch norms
    folded into the convs' weights and biases; RELU fused; apool6 as a 1x8
    AVERAGE_POOL_2D of stride 1 (the whole remaining time axis); fc7 and fc8 as
    FULLY_CONNECTED on the ``[1, 1, 1, 4096]`` map without a RESHAPE (the paper's 1x1
    convs); fc8 linear before SOFTMAX; conv and FC biases.
    """
    for i, (c, k, s) in enumerate(VX_CONVS):
        x = b.conv(x, c, k, s, "RELU", "SAME" if s == 1 else "VALID")
        if i in VX_POOLS:
            win, st = VX_POOLS[i]
            x = b.pool(x, "max", win, st, "VALID")
    x = b.conv(x, VX_FC6, VX_FC6_K, 1, "RELU", "VALID")
    x = b.pool(x, "avg", (1, b.shape(x)[2]), 1, "VALID")
    x = b.fc(x, VX_FC7, "RELU")
    return b.softmax(b.fc(x, VX_CLASSES))


# -- Johnson and Zhang 2017 (DPCNN)

#: DPCNN (recalled): the tokens, the embedding size, the feature maps of every conv
#: (region embedding included), the kernel along the text, the downsampling pool
#: (window, stride), the downsampling blocks (ours, [U]), the classes
DP_TOKENS, DP_EMBED, DP_WIDTH, DP_K = 256, 300, 250, 3
DP_POOL, DP_POOL_STRIDE, DP_BLOCKS, DP_CLASSES = 3, 2, 7, 2


def _preact_pair(b: NetBuilder, x: int) -> int:
    """Two pre-activation 1x3 convs of 250 (RELU, CONV_2D, RELU, CONV_2D; SAME,
    linear) ADDed to ``x`` (the shortcut)."""
    y = x
    for _ in range(2):
        y = b.conv(b.act(y, "RELU"), DP_WIDTH, (1, DP_K))
    return b.add(x, y)


def dpcnn(b: NetBuilder, x: int) -> int:
    """DPCNN on ``x`` (``[1, 1, 256, 300]``: 256 tokens of 300-d word embeddings as a
    1 x 256 map of 300 channels); returns the FULLY_CONNECTED output ``[1, 2]``.

    Johnson and Zhang, "Deep pyramid convolutional neural networks for text
    categorization", ACL 2017 (recalled): a region embedding (a conv over 3 tokens
    to 250 maps); a pair of 3-wide convs of 250 with pre-activation (ReLU before
    each conv) and a shortcut adding the pair's input; then blocks of a max pool of
    size 3 and stride 2 (halving the length, "the pyramid") followed by the same
    pre-activated pair with its shortcut from the pool's output, repeated; a final
    max pooling aggregating each document into one vector; a linear output layer.
    The number of feature maps stays 250 throughout.

    Here: CONV_2D 250 1x3 SAME (linear, the region embedding; ``[1, 1, 256, 250]``);
    RELU, CONV_2D 250 1x3, RELU, CONV_2D 250 1x3, ADD with the region embedding;
    seven times MAX_POOL_2D 1x3 / (1, 2) SAME, RELU, CONV_2D, RELU, CONV_2D, ADD with
    the pool's output (``[1, 1, 128, 250]`` ... ``[1, 1, 2, 250]``); MAX_POOL_2D 1x2
    VALID (``[1, 1, 1, 250]``); FULLY_CONNECTED 2 (linear). 50 ops: 17 CONV_2D, 16
    RELU, 8 ADD, 8 MAX_POOL_2D, FULLY_CONNECTED.

    This graph counts 248,850,500 MACs: the region embedding 57,600,000 (256 x 300 x
    250 x 3); the 16 convs of 250 -> 250 187,500 per output position (250 x 250 x 3)
    over 1,020 positions (2 x 256 + 2 x (128 + 64 + 32 + 16 + 8 + 4 + 2)),
    191,250,000; FC 500. It has 3,229,752 weights and biases: 225,250, 16 x 187,750
    and 502 (by hand in the test). No published count recalled precisely enough to
    pin.

    [U] 256 tokens, 300-d embeddings given as the input (no lookup), 2 classes;
    [1, 1, T, C] (tokens as W); seven downsampling blocks (the pre-registered count;
    256 -> 2), then the paper's final max pooling as a 1x2 VALID MAX_POOL_2D over the
    two remaining positions, which gives the pre-registered length 1 (eight
    halvings are needed from 256, the seven blocks giving seven); SAME convs and
    pools (TFLite's SAME max pool pads with -inf, as the paper's pooling); the
    region embedding linear; every RELU a standalone op before its conv (as TFLite
    exports a pre-activation); linear convs and ADDs; conv and FC biases; no
    dropout; the output linear without SOFTMAX; the FC on the ``[1, 1, 1, 250]`` map
    without a RESHAPE.
    """
    x = _preact_pair(b, b.conv(x, DP_WIDTH, (1, DP_K)))
    for _ in range(DP_BLOCKS):
        x = _preact_pair(b, b.pool(x, "max", (1, DP_POOL), (1, DP_POOL_STRIDE),
                                   "SAME"))
    x = b.pool(x, "max", (1, b.shape(x)[2]), 1, "VALID")
    return b.fc(x, DP_CLASSES)
