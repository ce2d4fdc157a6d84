"""Held-out families XLVIII, part C (session 36, pre-registered in addendum 1 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
SRResNet x4, the generator of SRGAN trained with the MSE loss alone, a
super-resolution net of sixteen residual blocks with PReLU and two sub-pixel
up-sampling stages.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; batch norms folded into the convs;
PReLU a standalone PRELU with one slope per channel, NetBuilder's
:meth:`~jaxeff.gnn.build.NetBuilder.act`, as
:func:`jaxeff.gnn.heldout_nets.mobilefacenet`; each x2 pixel shuffle written in the
NPU form of the pre-registration's addendum 2, an exact rewrite of DEPTH_TO_SPACE 2,
which Vela 5.2 runs on the CPU: :func:`jaxeff.nets.sesr_npu.npu_d2s`, a 2x2 / 2 VALID
TRANSPOSE_CONV with fixed one-hot shuffle weights and no bias, as the registry's
``edsr_x2_48`` and CARN-M write it; ``npu=False`` builds DEPTH_TO_SPACE, the test's
reference). A test model: no training space
draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_xlviii_c.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked [U].

* :func:`srresnet_x4`: SRResNet x4 (Ledig et al., arXiv 1609.04802) on a 32 x 32 x 3
  low-resolution image: a 9x9 conv to 64 + PRELU; 16 residual blocks (3x3 conv,
  PRELU, 3x3 conv, ADD of the block's input); a 3x3 conv ADDed to the first PRELU's
  output; two stages of a 3x3 conv to 256, the x2 shuffle (TRANSPOSE_CONV) and PRELU;
  a 9x9 conv to 3; ``[1, 128, 128, 3]``. 75 ops: 37 CONV_2D, 19 PRELU, 17 ADD, 2
  TRANSPOSE_CONV.

The MAC and parameter counts are in the function's docstring and pinned in the
test (the fixed shuffle weights counted as every conv's: MACs and parameters).
PRELU: NetBuilder writes it, and Vela 5.2 lists PRELU among the operators it maps to
the NPU (``ethosu/vela/tflite_supported_operators.py``, which rewrites a
per-channel PRELU as MUL / MAXIMUM or LEAKY_RELU), so no replacement is used.
Vela mapping (checked with ``npu_full`` only, no Vela figure read): as first built,
with the pre-registered DEPTH_TO_SPACEs (Vela 5.2 runs DEPTH_TO_SPACE on the CPU, as
noted for ``espcn_x3_100x100``), not full; addendum 2 then fixed the rewrite above,
before any Vela figure of the family existed; rewritten, Vela maps it fully
(``npu_full`` true, checked once).
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.sesr_npu import npu_d2s

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


def srresnet_x4(b: NetBuilder, x: int, *, npu: bool = True) -> int:
    """SRResNet x4 on ``x`` (``[1, 32, 32, 3]``); returns the x4 image ``[1, 128,
    128, 3]`` (linear); ``npu=False``: the shuffles DEPTH_TO_SPACE 2 (the
    pre-registered operator; the test's reference).

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
    to 256 (linear), the x2 pixel shuffle as :func:`~jaxeff.nets.sesr_npu.npu_d2s`
    (addendum 2: a 2x2 / 2 VALID TRANSPOSE_CONV 256 -> 64, fixed one-hot weights, no
    bias), PRELU of 64 channels (32 -> 64 -> 128); CONV_2D 9x9 SAME to 3 (linear). 75
    ops: 37 CONV_2D, 19 PRELU, 17 ADD, 2 TRANSPOSE_CONV. This graph counts
    2,606,956,544 MACs (first conv 15,925,248; the 32 block convs 1,207,959,552,
    37,748,736 each; the conv after the blocks 37,748,736; up-sampling convs
    150,994,944 at 32 x 32 and 603,979,776 at 64 x 64; the shuffles 1,024 x 256 x 4 x
    64 = 67,108,864 and 4,096 x 256 x 4 x 64 = 268,435,456; last conv 254,803,968)
    and 1,677,507 parameters (learned 1,546,435: weights and biases 1,545,219, first
    15,616, blocks 32 x 36,928 = 1,181,696, after the blocks 36,928, up-sampling 2 x
    147,712, last 15,555, and PRELU slopes 1,216 = 19 x 64; the shuffles' fixed
    weights 2 x 65,536 = 131,072; by hand in the test). Published: about 1.5 M
    parameters (as SRResNet is listed in later super-resolution papers' comparisons,
    recalled); the learned 1,546,435 pinned within 5 % (3.1 % off; the figure is
    rounded to 0.1 M), the batch norms' 4,224 scales and shifts (33 x 2 x 64) folded
    away here (1,550,659 with them, 3.4 % off).

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
        y = b.conv(y, SRRESNET_UP, 3)
        y = b.act(npu_d2s(b, y, 2) if npu else b.depth_to_space(y, 2), "PRELU")
    return b.conv(y, 3, SRRESNET_K)
