"""Held-out families L, part G (session 36, pre-registered in addendum 4 of
``docs/evidence/perfsage-cpu-2026-12-07-s36/PREREGISTERED.md`` before being built):
RDN x2, the residual dense network for super-resolution -- sixteen residual dense
blocks of eight densely connected 3x3 convs each, fused locally and globally by 1x1
convs, and a sub-pixel x2 up-sampler.

Written with :class:`jaxeff.gnn.build.NetBuilder` as the earlier held-out networks
(float32, seeded weights, every conv with a bias; no batch norm in the network). The
dense connections as the registry's other dense blocks write them
(:func:`jaxeff.gnn.heldout_nets_xlvii_b.fc_densenet56`, the ``agg`` space's ``dense``
block): each layer's output CONCATENATED after the block's running map [U]. The x2
pixel shuffle in the NPU form of the pre-registration's addendum 2, an exact rewrite
of DEPTH_TO_SPACE 2, which Vela 5.2 runs on the CPU:
:func:`jaxeff.nets.sesr_npu.npu_d2s`, a 2x2 / 2 VALID TRANSPOSE_CONV with fixed
one-hot shuffle weights and no bias, as SRResNet x4
(:mod:`jaxeff.gnn.heldout_nets_xlviii_c`) writes it (``npu=False`` builds
DEPTH_TO_SPACE, the test's reference).
A test model: no training space draws it (``models.json``'s overlap, pinned in
``tests/gnn/test_heldout_nets_l.py``). Written from the paper's definition as
recalled; no code was read. Choices the source leaves open, and ours, are marked
[U].

* :func:`rdn_x2`: RDN x2 (Zhang et al., arXiv 1802.08797) on a 32 x 32 x 3
  low-resolution image: two 3x3 convs of 64 (shallow features); 16 residual dense
  blocks (8 layers of a 3x3 RELU conv of growth 64 on the running CONCATENATION of
  64 ... 512 channels, the CONCATENATION of all 576, a 1x1 local fusion to 64, an ADD
  of the block's input); a CONCATENATION of the 16 block outputs (1,024), a 1x1 conv
  to 64, a 3x3 conv to 64, ADDed to the first shallow conv's output; a 3x3 conv to
  256, the x2 shuffle (TRANSPOSE_CONV), a 3x3 conv to 3; ``[1, 64, 64, 3]``. 297
  ops: 150 CONV_2D, 129 CONCATENATION, 17 ADD, 1 TRANSPOSE_CONV.

The MAC and parameter counts are in the function's docstring and pinned in the
test (the fixed shuffle weights counted as every conv's: MACs and parameters).
Vela mapping (checked with ``npu_full`` only, no Vela figure read): written with
the NPU shuffle from the start (addendum 2), Vela 5.2 maps it fully (``npu_full``
true, checked once), the 16-input CONCATENATION included, so no further [U]
replacement is used.
"""

from __future__ import annotations

from jaxeff.gnn.build import NetBuilder
from jaxeff.nets.sesr_npu import npu_d2s

__all__ = ["rdn_x2"]


# -- Zhang et al.: RDN (residual dense network)

#: RDN (arXiv 1802.08797, Section 3 and 5.1): the input side [U], the feature width
#: G0, the residual dense blocks D, the conv layers a block C, the growth G, the
#: scale and the up-sampling conv's width (G0 x scale^2, shuffled to G0)
RDN_SIDE, RDN_G0, RDN_D, RDN_C, RDN_G = 32, 64, 16, 8, 64
RDN_SCALE, RDN_UP = 2, 256


def _rdb(b: NetBuilder, x: int) -> int:
    """One residual dense block on ``x`` (``G0`` channels): :data:`RDN_C` layers,
    each a 3x3 SAME conv of :data:`RDN_G` with RELU fused reading the running map,
    its output CONCATENATED after it ([running, new]); a 1x1 conv of the last
    CONCATENATION (``G0 + C G`` = 576) to ``G0`` (local feature fusion, linear);
    ADD (the fusion first, the block's input second; local residual learning)."""
    cat = x
    for _ in range(RDN_C):
        cat = b.concat([cat, b.conv(cat, RDN_G, 3, 1, "RELU")])
    return b.add(b.conv(cat, b.shape(x)[3], 1), x)


def rdn_x2(b: NetBuilder, x: int, *, npu: bool = True) -> int:
    """RDN x2 on ``x`` (``[1, 32, 32, 3]``); returns the x2 image ``[1, 64, 64, 3]``
    (linear); ``npu=False``: the shuffle DEPTH_TO_SPACE 2 (the paper's operator; the
    test's reference).

    Zhang, Tian, Kong, Zhong & Fu, "Residual Dense Network for Image
    Super-Resolution", CVPR 2018, arXiv 1802.08797 (Section 3, Fig. 2 and 3, Section
    5.1, recalled): shallow feature extraction by two 3x3 convs (F_-1, F_0); D
    residual dense blocks, in block d the c-th conv (3x3, ReLU, G feature maps)
    reads the concatenation of the block's input F_{d-1} and the outputs of convs
    1 ... c-1 (contiguous memory); local feature fusion, a 1x1 conv of the
    concatenation of F_{d-1} and all C outputs to G0; local residual learning, F_d =
    F_{d-1} + the fusion; global feature fusion, a 1x1 and a 3x3 conv of the
    concatenation of F_1 ... F_D; global residual learning, that + F_-1; the
    up-sampling net of ESPCN (a conv to G0 x r^2 and a pixel shuffle); a 3x3 conv to
    3. D = 16, C = 8, G = G0 = 64, 3x3 kernels but the 1x1 fusions; about 22 M
    parameters (recalled, as RDN is listed in later super-resolution papers'
    comparisons). Here (the pre-registered definition): CONV_2D 3x3 SAME to 64
    (linear, F_-1), CONV_2D 3x3 SAME to 64 (linear, F_0); per block 8 x (CONV_2D 3x3
    SAME to 64 RELU of the running map, CONCATENATION [running, new]: 128, 192, ...,
    576 channels), CONV_2D 1x1 of the 576 to 64 (linear), ADD (the fusion, the
    block's input); CONCATENATION of the 16 ADDs (1,024, in block order), CONV_2D 1x1
    to 64 (linear), CONV_2D 3x3 SAME to 64 (linear), ADD (the conv, F_-1); CONV_2D 3x3
    SAME to 256 (linear), the x2 pixel shuffle as
    :func:`~jaxeff.nets.sesr_npu.npu_d2s` (addendum 2: a 2x2 / 2 VALID
    TRANSPOSE_CONV 256 -> 64, fixed one-hot weights, no bias); CONV_2D 3x3 SAME to 3
    (linear). 297 ops: 150 CONV_2D, 129 CONCATENATION, 17 ADD, 1 TRANSPOSE_CONV. This
    graph counts 22,716,809,216 MACs (F_-1 1,769,472, F_0 37,748,736; per block
    1,396,703,232 = the 8 dense convs 1,358,954,496 (1,024 x 64 x 576 x (1 + ... +
    8)) + the fusion 37,748,736, the 16 blocks 22,347,251,712; global fusion 1x1
    67,108,864 and 3x3 37,748,736; the up-sampling conv 150,994,944; the shuffle
    1,024 x 256 x 4 x 64 = 67,108,864; the last conv at 64 x 64 7,077,888) and
    22,188,931 parameters (learned 22,123,395: F_-1 1,792, F_0 36,928, per block
    1,364,544 = the dense convs 36,864 x 36 + 8 x 64 = 1,327,616 + the fusion 36,928,
    the 16 blocks 21,832,704; global fusion 65,600 and 36,928; up-sampling 147,712;
    last 1,731; the shuffle's fixed weights 65,536; by hand in the test).
    Published: about 22 M parameters; the learned 22,123,395 pinned within 10 %
    (+0.6 %).

    [U] the input 32 x 32 x 3 (the paper trains on 32 x 32 low-resolution patches;
    this size fixed by the pre-registration); SAME zero padding; biases on every
    conv; the shallow, fusion, up-sampling and last convs linear (the paper puts
    ReLU only in the dense layers); each dense layer's output CONCATENATED after the
    running map, two inputs a CONCATENATION (the registry's dense blocks; one
    CONCATENATION of all earlier maps per layer is the same function); the
    concatenation orders ([running, new]; the blocks in order); the ADDs' operand
    order; no mean shift and no output activation (the definition names neither).
    """
    c = RDN_G0
    f_1 = b.conv(x, c, 3)
    y = b.conv(f_1, c, 3)
    outs = []
    for _ in range(RDN_D):
        y = _rdb(b, y)
        outs.append(y)
    y = b.conv(b.conv(b.concat(outs), c, 1), c, 3)
    y = b.conv(b.add(y, f_1), RDN_UP, 3)
    y = npu_d2s(b, y, RDN_SCALE) if npu else b.depth_to_space(y, RDN_SCALE)
    return b.conv(y, 3, 3)
