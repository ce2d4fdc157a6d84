"""Held-out families XXXIII, part a (session 29 addendum 2, pre-registered before being
built; issue 22): four published sequence models with dilated or long 1-D
convolutions: the gated dilated keyword spotter of Coucke et al., Yu & Koltun's basic
context module, one stage of MS-TCN and Hannun et al.'s ECG ResNet.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the other held-out networks of
:mod:`jaxeff.gnn.heldout_nets` (float32, seeded weights, batch norm folded into the
preceding conv as its bias where it can be, dropout left out at inference). A 1-D
signal is a ``[1, T, 1, C]`` map (time along the height, [U]), so a k-tap conv is a
``k x 1`` CONV_2D and a dilation acts along the height. Test models: no training space
draws any of them in its exact configuration (each one's distinguishing values are in
``models.json``'s overlap and pinned in ``tests/gnn/test_heldout_nets_xxxiii.py``).
Choices the sources leave open are marked [U]; "recalled" marks what is written from
memory of the papers, not read.

* :func:`coucke_dilated_kws`: Coucke et al. (arXiv 1811.07684) on 182 frames of 20
  MFCCs: a causal 3-tap conv to 16, 24 gated residual layers (causal 3-tap convs
  dilated 1, 2, 4, 8 six times: TANH x LOGISTIC, 1x1 residual and skip convs), the
  skips summed, RELU, 1x1 conv 32 RELU, 1x1 conv 2, SOFTMAX per frame. 242 ops.
* :func:`dilated_context`: Yu & Koltun's basic context module (arXiv 1511.07122,
  Table 1) on a 64 x 64 x 21 map: 3x3 convs dilated 1, 1, 2, 4, 8, 16, 1 (RELU), a
  1x1 conv, 21 channels throughout. 8 ops.
* :func:`ms_tcn_stage`: a single stage of MS-TCN (Farha & Gall, arXiv 1903.01945) on
  512 frames of 2048-d I3D features: 1x1 conv to 64, 10 dilated residual layers
  (3-tap SAME conv dilated 2^l RELU, 1x1 conv, ADD), 1x1 conv to 48 classes, SOFTMAX.
  33 ops.
* :func:`hannun_ecg_resnet`: the 34-layer ECG network of Hannun et al. (Nature
  Medicine 25:65, 2019) on 256 samples: 33 16-tap convs (a stem and 16 pre-activation
  residual blocks of two, 32 2^k filters, k + 1 every 4 blocks, stride 2 every other
  block with a 2x1 max pool on the shortcut), FC 12, SOFTMAX. 94 ops.

The MAC and parameter counts of each graph against the published ones are in the
functions' docstrings and pinned in the test.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["coucke_dilated_kws", "dilated_context", "hannun_ecg_resnet", "ms_tcn_stage"]


# -- Coucke et al.: dilated, gated keyword spotting

#: the keyword spotter (arXiv 1811.07684, Section 2, recalled): taps, the dilation
#: cycle and its repeats (24 layers), residual, gated (per branch [U]) and skip
#: channels, the head's hidden 1x1 conv, classes [U]
KWS_K, KWS_DILATIONS, KWS_REPEATS = 3, (1, 2, 4, 8), 6
KWS_RES, KWS_GATE, KWS_SKIP, KWS_HIDDEN, KWS_CLASSES = 16, 64, 32, 32, 2


def _causal(b: NetBuilder, x: int, k: int, d: int) -> int:
    """PAD of ``(k - 1) d`` steps before the sequence (a causal conv's left pad)."""
    return b.pad(x, [(0, 0), ((k - 1) * d, 0), (0, 0), (0, 0)])


def coucke_dilated_kws(b: NetBuilder, x: int) -> int:
    """The gated dilated keyword spotter on ``x`` (``[1, 182, 1, 20]``: 182 frames of
    20 MFCCs along the height); returns the per-frame SOFTMAX ``[1, 182, 1, 2]``.

    Coucke, Chlieh, Gisselbrecht, Leroy, Poumeyrol & Lavril, "Efficient keyword
    spotting using dilated convolutions and gating", ICASSP 2019, arXiv 1811.07684
    (Section 2.2 and Figure 1, recalled): 20 MFCCs every 10 ms; an initial causal
    convolution (filter size 3); 24 layers of gated dilated causal convolutions
    (filter size 3, dilation rates 1, 2, 4, 8 repeated), each a WaveNet layer
    (tanh(W_f * x) . sigmoid(W_g * x), a 1x1 residual projection added to its input,
    a 1x1 skip projection); the skips summed and fed to a small DNN (here ReLU, 1x1
    conv 32, ReLU, 1x1 conv), softmax; residual channels 16 and skip channels 32
    (recalled); receptive field 182 frames (recalled; this graph's 3 + 2 x 90 = 183).
    This graph counts 40,441,856 MACs (initial conv 174,720; per gated layer
    1,118,208 gated + 372,736 skip and, the first 23, 186,368 residual; head
    186,368 + 11,648) and 226,466 parameters (976; 24 x (2 x 3,136 + 2,080); 23 x
    1,040; 1,056 + 66). Published (recalled): 222 K parameters (this graph +2 %).

    [U] 64 channels per gated branch (the paper's count of the gated convolutions'
    outputs not recalled; 64 is the width at which the recalled 16 / 32 / 222 K
    agree: 16 or 32 give 59 K or 115 K); the filter and gate as two CONV_2Ds on one
    shared causal PAD (a Keras pair of Conv1D, not one conv SPLIT); the causal pad as
    an explicit PAD (25) before a VALID conv; the initial conv linear; the last
    layer's residual conv and ADD left out (their output feeds nothing); the skip
    sum as a chain of 23 ADDs, the first ReLU fused into the last; 2 classes
    (keyword / not, the end-of-keyword labels), a softmax per frame; the input
    ``[1, 182, 1, 20]`` (one receptive field; no RESHAPE written).
    """
    x = b.conv(_causal(b, x, KWS_K, 1), KWS_RES, (KWS_K, 1), padding="VALID")
    n = KWS_REPEATS * len(KWS_DILATIONS)
    skip = None
    for i in range(n):
        d = KWS_DILATIONS[i % len(KWS_DILATIONS)]
        p = _causal(b, x, KWS_K, d)
        f = b.conv(p, KWS_GATE, (KWS_K, 1), 1, "NONE", "VALID", (d, 1))
        g = b.conv(p, KWS_GATE, (KWS_K, 1), 1, "NONE", "VALID", (d, 1))
        h = b.mul(b.act(f, "TANH"), b.act(g, "LOGISTIC"))
        s = b.conv(h, KWS_SKIP, 1)
        if i < n - 1:
            x = b.add(x, b.conv(h, KWS_RES, 1))
        skip = s if skip is None else b.add(skip, s, "RELU" if i == n - 1 else "NONE")
    y = b.conv(skip, KWS_HIDDEN, 1, 1, "RELU")
    return b.softmax(b.conv(y, KWS_CLASSES, 1))


# -- Yu & Koltun: the basic context module

#: the basic context module (arXiv 1511.07122, Table 1): the 3x3 layers' dilations,
#: then a 1x1 layer; C channels throughout
CONTEXT_DILATIONS, CONTEXT_C = (1, 1, 2, 4, 8, 16, 1), 21


def dilated_context(b: NetBuilder, x: int) -> int:
    """The basic context module on ``x`` (``[1, 64, 64, 21]``: C = 21 class maps);
    returns the 1x1 layer's output ``[1, 64, 64, 21]``.

    Yu & Koltun, "Multi-Scale Context Aggregation by Dilated Convolutions", ICLR 2016,
    arXiv 1511.07122 (Section 3, Table 1, recalled): layers 1-7 3x3 convolutions of
    C channels dilated 1, 1, 2, 4, 8, 16, 1 (receptive fields 3, 5, 9, 17, 33, 65,
    67), each followed by the truncation max(., 0); layer 8 a 1x1 convolution of C
    without truncation; C = 21 (Pascal VOC's classes); "the basic context module has
    64 C^2 parameters in total". This graph counts 115,605,504 MACs (7 x 16,257,024 +
    1,806,336) and 28,392 parameters (7 x 3,990 + 462); without biases 28,224 = 64 x
    21^2, the published count exactly.

    [U] the map 64 x 64 (the module is fully convolutional; the paper's front end
    gives 66 x 66 for a 500 x 500 crop after reflection padding); SAME padding (the
    paper pads the input, the convs then VALID: the same MACs within the border);
    the RELU fused into each 3x3 conv; the last 1x1 linear (Table 1's truncation
    "no", recalled); the identity initialisation irrelevant (random weights).
    """
    for d in CONTEXT_DILATIONS:
        x = b.conv(x, CONTEXT_C, 3, 1, "RELU", "SAME", d)
    return b.conv(x, CONTEXT_C, 1)


# -- MS-TCN: one stage

#: a single-stage TCN of MS-TCN (arXiv 1903.01945, Section 3.1): layers (dilation 2^l),
#: taps, channels; classes [U] (Breakfast's 48)
TCN_LAYERS, TCN_K, TCN_C, TCN_CLASSES = 10, 3, 64, 48


def ms_tcn_stage(b: NetBuilder, x: int) -> int:
    """One MS-TCN stage on ``x`` (``[1, 512, 1, 2048]``: 512 frames of 2048-d I3D
    features along the height); returns the per-frame SOFTMAX ``[1, 512, 1, 48]``.

    Farha & Gall, "MS-TCN: Multi-Stage Temporal Convolutional Network for Action
    Segmentation", CVPR 2019, arXiv 1903.01945 (Section 3.1, Figure 2, recalled and
    read against the authors' release as recalled): a 1x1 conv from the 2048-d
    features to 64; 10 dilated residual layers, layer l a 3-tap conv of 64 dilated by
    2^l (1 ... 512, acausal, padded by the dilation), ReLU, a 1x1 conv of 64, dropout,
    ADD of the layer's input; a 1x1 conv to the classes, softmax. This graph counts
    152,567,808 MACs (67,108,864; 10 x (6,291,456 + 2,097,152); 1,572,864) and
    299,376 parameters (131,136; 10 x (12,352 + 4,160); 3,120). Published: no
    per-stage count; the four-stage MS-TCN of these stages (later stages take the
    48 class probabilities: 171,376 each) counts 813,504, against about 0.8 M
    parameters quoted for MS-TCN (recalled from later papers' tables; +2 %).

    [U] 512 frames (Breakfast videos run to thousands at 15 fps); 48 classes
    (Breakfast; 50Salads has 19, GTEA 11); TF SAME for the release's padding = d (the
    same output for a 3-tap kernel); the residual ADD without activation (the
    release's); the RELU fused into the dilated conv; the softmax per frame as
    SOFTMAX (the release's logits go to the loss); dropout left out.
    """
    x = b.conv(x, TCN_C, 1)
    for layer in range(TCN_LAYERS):
        d = 2 ** layer
        h = b.conv(x, TCN_C, (TCN_K, 1), 1, "RELU", "SAME", (d, 1))
        x = b.add(x, b.conv(h, TCN_C, 1))
    return b.softmax(b.conv(x, TCN_CLASSES, 1))


# -- Hannun et al.: the ECG ResNet

#: the ECG network (Nature Medicine 2019, Methods, recalled, read against the
#: authors' ``ecg`` release config as recalled): taps, filters at the start, blocks,
#: blocks per doubling of the filters, stride 2 every other block (the odd ones),
#: classes
ECG_K, ECG_C0, ECG_BLOCKS, ECG_GROW, ECG_CLASSES = 16, 32, 16, 4, 12


def hannun_ecg_resnet(b: NetBuilder, x: int) -> int:
    """Hannun et al.'s ECG ResNet on ``x`` (``[1, 256, 1, 1]``: 256 single-lead
    samples at 200 Hz along the height); returns the SOFTMAX ``[1, 12]``.

    Hannun, Rajpurkar, Haghpanahi, Tison, Bourn, Turakhia & Ng, "Cardiologist-level
    arrhythmia detection and classification in ambulatory electrocardiograms using a
    deep neural network", Nature Medicine 25:65-69, 2019 (Methods and Extended Data
    Figure 1, recalled; arXiv 1707.01836's network): 34 layers; a conv, batch norm,
    ReLU; 16 residual blocks of two convs (filter length 16), 32 x 2^k filters with
    k = 0 at first and + 1 every 4th block; every other block subsamples by 2 (the
    first conv strided, a max pool on the shortcut); pre-activation (batch norm, ReLU
    before each conv but the first block's first; dropout between the two); channel
    growth by zero-padding the shortcut; a final batch norm, ReLU, a dense layer to
    the 12 rhythm classes per output step and softmax (one step per 256 samples).
    This graph counts 69,340,160 MACs and 10,464,300 parameters (33 convs
    10,457,376; the 16 unfolded batch norms' scales and shifts 3,840; FC 3,084; the
    per-layer sums in the test). Published: no total parameter or multiply count
    recalled; not pinned.

    [U] 256 samples (the paper's 30 s records at 200 Hz give 7,680; 256 gives exactly
    one output step: 8 subsamplings); the pre-activation batch norms after an ADD as
    per-channel MUL + ADD with RELU fused (16: 15 blocks' first and the final one;
    the others folded into the preceding conv with the RELU fused); the shortcut's
    channel doubling as a PAD of the channel axis (blocks 4, 8, 12: the release's
    zero concatenation); no MAX_POOL of size 1 on the non-subsampling shortcuts
    (identity); SAME convs, VALID 2x1/2 max pools; a single output step ([U]: the
    FC on the ``[1, 1, 1, 256]`` map, no RESHAPE), 12 classes; dropout left out.
    """
    x = b.conv(x, ECG_C0, (ECG_K, 1), 1, "RELU")
    for i in range(ECG_BLOCKS):
        c, s = ECG_C0 * 2 ** (i // ECG_GROW), 1 + i % 2
        short = b.pool(x, "max", (2, 1), (2, 1)) if s == 2 else x
        cin = b.shape(short)[-1]
        if c > cin:
            short = b.pad(short, [(0, 0), (0, 0), (0, 0), (0, c - cin)])
        h = x if i == 0 else bn_relu(b, x)
        h = b.conv(h, c, (ECG_K, 1), (s, 1), "RELU")
        x = b.add(short, b.conv(h, c, (ECG_K, 1)))
    return b.softmax(b.fc(bn_relu(b, x), ECG_CLASSES))

