"""Held-out families XLVIII, part C (session 36, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
SRResNet x4, the generator of SRGAN trained with the MSE loss alone, a
super-resolution net of sixteen residual blocks with PReLU and two sub-pixel
up-sampling stages.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs;
PReLU a standalone PRELU with one slope per channel, NetBuilder's
:meth:`~jaxeff.gnn.build.NetBuilder.act`, as
:func:`jaxeff.gnn.heldout_nets.mobilefacenet`; the pixel shuffle a DEPTH_TO_SPACE,
as :func:`jaxeff.gnn.heldout_nets_xxxii_b.espcn_x3`). A test model: no training space
draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlviii_c.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`srresnet_x4`: SRResNet x4 (Ledig et al., arXiv 1609.04802) on a 32 x 32 x 3
  low-resolution image: a 9x9 conv to 64 + PRELU; 16 residual blocks (3x3 conv,
  PRELU, 3x3 conv, ADD of the block's input); a 3x3 conv ADDed to the first PRELU's
  output; two stages of a 3x3 conv to 256, DEPTH_TO_SPACE 2 and PRELU; a 9x9 conv to
  3; ``[1, 128, 128, 3]``. 75 ops: 37 CONV_2D, 19 PRELU, 17 ADD, 2 DEPTH_TO_SPACE.

The MAC and parameter counts are in the function's docstring and pinned in the
test. PRELU: NetBuilder writes it, and Vela 5.2 lists PRELU among the operators it
maps to the NPU (``ethosu/vela/tflite_supported_operators.py``, which rewrites a
per-channel PRELU as MUL / MAXIMUM or LEAKY_RELU), so no replacement is used.
DEPTH_TO_SPACE is the pre-registered definition's pixel shuffle, kept as it is, not a
[U] choice (Vela 5.2 runs DEPTH_TO_SPACE on the CPU, as noted for
``espcn_x3_100x100``). Vela mapping (checked once with ``npu_full`` only, no Vela
figure read): not full, so the pre-registration reports the model and does not score
it (the two DEPTH_TO_SPACEs are the expected cause; no per-op figure was read).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder

__all__ = ["srresnet_x4"]


# -- Ledig et al.: SRResNet (the SRGAN generator)

#: SRResNet x4 (arXiv 1609.04802, Fig. 4): the input side [U], the feature width, the
#: residual blocks, the up-sampling stages (each x2), the outer convs' kernel and the
#: up-sampling convs' width (4 x the features, shuffled to them)
SRRESNET_SIDE, SRRESNET_WIDTH, SRRESNET_BLOCKS = 32, 64, 16
SRRESNET_STAGES, SRRESNET_K, SRRESNET_UP = 2, 9, 256


def _res_block(b: NetBuilder, x: int) -> int:
    """One residual block: a 3x3 conv (batch norm folded), PRELU, a 3x3 conv (batch
    norm folded, linear), ADDed to the block's input ``x`` (the block first)."""
    c = b.shape(x)[3]
    y = b.conv(b.act(b.conv(x, c, 3), "PRELU"), c, 3)
    return b.add(y, x)


def srresnet_x4(b: NetBuilder, x: int) -> int:
    """SRResNet x4 on ``x`` (``[1, 32, 32, 3]``); returns the x4 image ``[1, 128,
    128, 3]`` (linear).

    Ledig et al., "Photo-Realistic Single Image Super-Resolution Using a Generative
    Adversarial Network", CVPR 2017, arXiv 1609.04802 (Section 2.2, Fig. 4, recalled):
    the generator (k9n64s1 conv, PReLU; B = 16 residual blocks of k3n64s1 conv, batch
    norm, PReLU, k3n64s1 conv, batch norm and an element-wise sum; k3n64s1 conv, batch
    norm, an element-wise sum with the first PReLU's output; two sub-pixel stages of
    k3n256s1 conv, pixel shuffler x2, PReLU; k9n3s1 conv), trained on the MSE as
    SRResNet. Here (the pre-registered definition): CONV_2D 9x9 SAME to 64 (linear),
    PRELU; per block CONV_2D 3x3 SAME to 64 (linear), PRELU, CONV_2D 3x3 SAME to 64
    (linear), ADD (the conv first, the block's input second); CONV_2D 3x3 SAME to 64
    (linear), ADD (the conv first, the first PRELU second); per stage CONV_2D 3x3 SAME
    to 256 (linear), DEPTH_TO_SPACE 2, PRELU of 64 channels (32 -> 64 -> 128); CONV_2D
    9x9 SAME to 3 (linear). 75 ops: 37 CONV_2D, 19 PRELU, 17 ADD, 2 DEPTH_TO_SPACE.
    This graph counts 2,271,412,224 MACs (first conv 15,925,248; the 32 block convs
    1,207,959,552, 37,748,736 each; the conv after the blocks 37,748,736; up-sampling
    convs 150,994,944 at 32 x 32 and 603,979,776 at 64 x 64; last conv 254,803,968)
    and 1,546,435 parameters (weights and biases 1,545,219: first 15,616, blocks 32 x
    36,928 = 1,181,696, after the blocks 36,928, up-sampling 2 x 147,712, last
    15,555; PRELU slopes 1,216 = 19 x 64; by hand in the test). Published: about
    1.5 M parameters (as SRResNet is listed in later super-resolution papers'
    comparisons, recalled); pinned within 5 % (3.1 % off; the figure is rounded to
    0.1 M), the batch norms' 4,224 scales and shifts (33 x 2 x 64) folded away here
    (1,550,659 with them, 3.4 % off).

    [U] the input 32 x 32 x 3 (the paper trains on 24 x 24 crops, 96 x 96 out);
    SAME zero padding; batch norms folded into the convs (each conv with a bias;
    the first and last convs, and the up-sampling convs, have no batch norm in the
    paper and a bias here too); PRELU per channel with NetBuilder's seeded slopes
    (no replacement: Vela 5.2 maps PRELU); the ADDs' operand order; no output
    activation (the definition names none; the last conv is linear).
    """
    c = SRRESNET_WIDTH
    first = b.act(b.conv(x, c, SRRESNET_K), "PRELU")
    y = first
    for _ in range(SRRESNET_BLOCKS):
        y = _res_block(b, y)
    y = b.add(b.conv(y, c, 3), first)
    for _ in range(SRRESNET_STAGES):
        y = b.act(b.depth_to_space(b.conv(y, SRRESNET_UP, 3), 2), "PRELU")
    return b.conv(y, 3, SRRESNET_K)
