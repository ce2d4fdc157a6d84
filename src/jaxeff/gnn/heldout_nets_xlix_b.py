"""Held-out families XLIX, part E (session 36, pre-registered in addendum 3 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
ResUNet, the deep residual U-Net for road extraction -- a three-level U-Net whose
every stage is a pre-activation residual unit with a 1x1 conv shortcut, up-sampled
by nearest-neighbour resizes.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias). A batch norm that directly
follows a conv is folded into it (its ReLU fused); one on a residual unit's input
(the previous unit's sum, or a decoder stage's CONCATENATION) has no weights to
fold into and is a per-channel MUL + ADD with the RELU fused into the ADD
(:func:`jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`, as FC-DenseNet56 and PreAct
ResNet-18 write it), reused rather than copied. A test model: no training space
draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlix_b.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked
[U].

* :func:`resunet`: ResUNet (Zhang, Liu & Wang, arXiv 1711.10684) on ``[1, 224, 224,
  3]``: an encoder of residual units of 64 (conv first), 128 / 2 and 256 / 2, a
  bridge unit of 512 / 2 (224 -> 28), three decoder stages (RESIZE_NEAREST_NEIGHBOR
  x2, CONCATENATION with the encoder's sum of that size, a residual unit of 256,
  128, 64), a 1x1 conv to 1 and a LOGISTIC; ``[1, 224, 224, 1]``. 48 ops: 22
  CONV_2D, 6 MUL, 13 ADD, 3 RESIZE_NEAREST_NEIGHBOR, 3 CONCATENATION, LOGISTIC.

The MAC and parameter counts are in the function's docstring and pinned in the test.
Vela mapping (checked with ``npu_full`` only, no Vela figure read): Vela 5.2 maps it
fully (``npu_full`` true, checked once), the MUL + ADD batch norms and the nearest
resizes included, so no [U] replacement is used.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.heldout_nets_xxxii_b import bn_relu

__all__ = ["resunet"]


# -- Zhang, Liu & Wang: ResUNet

#: ResUNet (arXiv 1711.10684, Table 1): the encoder units' widths (the first conv
#: first, the others stride 2), the bridge's, the decoder units' and the output's
#: channels (one: road / not road)
RESUNET_ENC, RESUNET_BRIDGE, RESUNET_DEC, RESUNET_OUT = (64, 128, 256), 512, (
    256, 128, 64), 1


def _unit(b: NetBuilder, x: int, c: int, stride: int = 1, first: bool = False) -> int:
    """One residual unit of ``c`` on ``x``: unless ``first``, the input's batch norm
    and ReLU as MUL + ADD RELU (:func:`~jaxeff.gnn.heldout_nets_xxxii_b.bn_relu`); a
    3x3 conv of ``stride`` with the next batch norm folded and RELU fused; a 3x3 conv
    (linear); a 1x1 conv of ``stride`` on the unit's raw input ``x`` (the shortcut,
    its batch norm folded [U]); ADD (the main path first, linear)."""
    a = x if first else bn_relu(b, x)
    h = b.conv(b.conv(a, c, 3, stride, "RELU"), c, 3)
    return b.add(h, b.conv(x, c, 1, stride))


def resunet(b: NetBuilder, x: int) -> int:
    """ResUNet on ``x`` (``[1, 224, 224, 3]``, an RGB image patch); returns the
    per-pixel road probability ``[1, 224, 224, 1]`` (LOGISTIC).

    Zhang, Liu & Wang, "Road Extraction by Deep Residual U-Net", IEEE GRSL 2018,
    arXiv 1711.10684 (Section II, Fig. 2 and 3, Table 1, recalled): a residual unit
    is BN, ReLU, 3x3 conv, BN, ReLU, 3x3 conv with an identity mapping (a 1x1
    projection where the shape changes) added; seven levels on 224 x 224 x 3: the
    encoder's level 1 (64, stride 1; its first unit starts with the conv, not a
    batch norm), level 2 (128, the first conv stride 2), level 3 (256, stride 2);
    the bridge, level 4 (512, stride 2, 28 x 28); the decoder's levels 5-7 (256,
    128, 64), each preceded by a x2 up-sampling of the level below and a
    concatenation with the encoder's map of the same size; a 1x1 conv to one channel
    and a sigmoid (224 x 224 x 1); 15 conv layers; "7.8 M" parameters (recalled, as
    set against U-Net's 30.6 M).

    Here: unit 1 CONV_2D 3x3 to 64 RELU, CONV_2D 3x3 to 64 (linear), CONV_2D 1x1 of
    the image to 64, ADD; units 2-4 (128 / 2, 256 / 2, 512 / 2) MUL + ADD RELU of
    the previous sum, CONV_2D 3x3 / 2 RELU, CONV_2D 3x3 (linear), CONV_2D 1x1 / 2 of
    the previous sum, ADD; units 5-7 RESIZE_NEAREST_NEIGHBOR x2 of the previous sum,
    CONCATENATION [up-sampled, the encoder's sum] (56: 512 + 256 = 768, 112: 256 +
    128 = 384, 224: 128 + 64 = 192), MUL + ADD RELU, CONV_2D 3x3 RELU, CONV_2D 3x3
    (linear), CONV_2D 1x1 of the CONCATENATION, ADD (256, 128, 64); CONV_2D 1x1 to
    1 (linear), LOGISTIC. 48 ops: 22 CONV_2D, 6 MUL, 13 ADD, 3
    RESIZE_NEAREST_NEIGHBOR, 3 CONCATENATION, LOGISTIC. The six MUL + ADD pairs lie
    on 224 x 224 x 64, 112 x 112 x 128, 56 x 56 x 256 (the encoder's sums), 56 x 56
    x 768, 112 x 112 x 384 and 224 x 224 x 192 (the CONCATENATIONs). This graph
    counts 34,627,059,712 MACs (unit 1 86,704,128 + 1,849,688,064 + 9,633,792; units
    2-4 each 924,844,032 + 1,849,688,064 + 102,760,448; units 5-7 each
    5,549,064,192 + 1,849,688,064 + 616,562,688; head 3,211,264) and 8,218,177
    parameters (conv weights and biases 8,214,593, the six unfolded batch norms'
    scales and shifts 3,584 = 2 x (64 + 128 + 256 + 768 + 384 + 192); by hand in the
    test). Published: "7.8 M" parameters (pinned within 10 %: +5.4 %; the seven 1x1
    shortcut convs hold 431,680 of them, without which the count is 7,786,497,
    -0.2 %: said, not acted on -- the definition names the 1x1 shortcuts).

    [U] SAME padding; biases on every conv; the strided first 3x3 conv of units 2-4
    carries the stride (Table 1), the shortcut 1x1 conv the same stride; the
    shortcut on the unit's raw input (the paper's figure draws it from the unit's
    input, before the first batch norm), its batch norm folded; the ADD's operand
    order (main path first) and linear; RESIZE_NEAREST_NEIGHBOR (the pre-registered
    up-sampling; no align-corners or half-pixel centres); concatenation order
    [up-sampled, skip]; the up-sampled map the previous unit's sum as it is (the
    decoder unit's batch norm acts after the concatenation); the output conv linear
    and a standalone LOGISTIC; no input normalisation (outside the network).
    """
    ys = []
    for i, c in enumerate(RESUNET_ENC):
        x = _unit(b, x, c, 2 if i else 1, first=not i)
        ys.append(x)
    x = _unit(b, x, RESUNET_BRIDGE, 2)
    for c, skip in zip(RESUNET_DEC, reversed(ys), strict=True):
        x = b.concat([b.resize(x, b.shape(skip)[1:3]), skip])
        x = _unit(b, x, c)
    return b.act(b.conv(x, RESUNET_OUT, 1), "LOGISTIC")
