"""jaxeff.gnn.heldout_nets_l (held-out families L, part G; session 36, addendum 4,
pre-registered): the published structure of RDN x2 (two 3x3 convs of 64; 16
residual dense blocks of eight 3x3 RELU convs of growth 64, each CONCATENATED after
the block's running map, a 1x1 local fusion to 64 and an ADD of the block's input; a
CONCATENATION of the 16 blocks, a 1x1 and a 3x3 conv ADDed to the first conv; a 3x3
conv to 256, the x2 pixel shuffle in addendum 2's NPU form (an npu_d2s
TRANSPOSE_CONV) and a 3x3 conv to 3), kernels, strides, paddings, output shapes,
activations, the CONCATENATIONs' inputs and widths, the skips, op counts per type,
the pinned multiply-add and parameter counts (by hand; the published 22 M
parameters), the rewrite's exactness, registration, the int8 build (slow) and the
overlap with the training spaces (none draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_l as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xlviii import _npu_d2s_x2
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

RDN_IN, RDN_OUT = (1, 32, 32, 3), (1, 64, 64, 3)
C, CAT, A, T = "CONV_2D", "CONCATENATION", "ADD", "TRANSPOSE_CONV"
RDN_COUNTS = {C: 150, CAT: 129, A: 17, T: 1}
RDN_TYPES = [C, C] + ([C, CAT] * 8 + [C, A]) * 16 + [CAT, C, C, A, C, T, C]
#: the CONCATENATIONs' widths: per block the running map after each dense layer
#: (64 + 64 i), then the 16 blocks' outputs
CAT_WIDTHS = [64 + 64 * i for i in range(1, 9)] * 16 + [1_024]


def test_rdn_x2_dense_blocks_fusions_subpixel_and_hand_counts():
    g = _graph(hl.rdn_x2, RDN_IN, RDN_OUT, 297, RDN_COUNTS)
    assert (hl.RDN_SIDE, hl.RDN_G0, hl.RDN_D, hl.RDN_C, hl.RDN_G, hl.RDN_SCALE,
            hl.RDN_UP) == (32, 64, 16, 8, 64, 2, 256)
    assert g.op_types() == RDN_TYPES
    # convs: two 3x3 shallow; per block 8 3x3 RELU dense layers and a 1x1 fusion;
    # global 1x1 and 3x3; the 3x3 up-sampling conv and the 3x3 last; stride 1, SAME,
    # RELU only in the dense layers, a bias each
    assert _kernels(g, C) == [(3, 3)] * 2 + ([(3, 3)] * 8 + [(1, 1)]) * 16 + [
        (1, 1), (3, 3), (3, 3), (3, 3)]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] * 2 + (["RELU"] * 8 + ["NONE"]) * 16 + ["NONE"] * 4
    assert set(_acts(g, A)) == {"NONE"} and set(_acts(g, CAT)) == {"NONE"}
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(32, 32, 64)] * 148 + [(32, 32, 256), (64, 64, 3)]
    # the dense connections: each layer reads the running map (the block's input,
    # then the last CONCATENATION) and is CONCATENATED after it along channels; the
    # fusion reads the 576-wide CONCATENATION; the block ADDs (fusion, input)
    assert _out_shapes(g, CAT) == [(32, 32, w) for w in CAT_WIDTHS]
    assert set(_opt(g, CAT, "axis")) == {-1}
    prod = _producers(g)
    ops = g.ops
    f_1, f_0 = ops[0], ops[1]
    assert f_0.inputs[0] == f_1.outputs[0] and f_1.inputs[0] == g.inputs[0]
    x, outs = f_0.outputs[0], []
    for d in range(16):
        blk = ops[2 + 18 * d:2 + 18 * (d + 1)]
        run = x
        for i in range(8):
            conv, cat = blk[2 * i], blk[2 * i + 1]
            assert conv.inputs[0] == run
            assert list(cat.inputs) == [run, conv.outputs[0]]
            run = cat.outputs[0]
        fuse, add = blk[16], blk[17]
        assert fuse.inputs[0] == run and g.tensors[fuse.inputs[1]].shape == (
            64, 1, 1, 576)
        assert list(add.inputs) == [fuse.outputs[0], x]
        x = add.outputs[0]
        outs.append(x)
    # global fusion: one CONCATENATION of the 16 block outputs in order, 1x1 to 64,
    # 3x3 to 64, ADD (the conv, F_-1); then the up-sampler
    gcat, g1, g3, gadd, up, d2s, last = ops[-7:]
    assert list(gcat.inputs) == outs and len(gcat.inputs) == 16
    assert g1.inputs[0] == gcat.outputs[0] and g3.inputs[0] == g1.outputs[0]
    assert g.tensors[g1.inputs[1]].shape == (64, 1, 1, 1_024)
    assert list(gadd.inputs) == [g3.outputs[0], f_1.outputs[0]]
    assert up.inputs[0] == gadd.outputs[0]
    _npu_d2s_x2(g, d2s, up.outputs[0], (32, 32), 64)
    assert prod[last.inputs[0]] == d2s and g.outputs == last.outputs
    # (output positions, C_in, C_out, taps): F_-1, F_0, a block's 8 dense layers and
    # fusion, global 1x1 and 3x3, up-sampling, last at 64 x 64
    n = 32 * 32
    block = [(n, 64 * c, 64, 9) for c in range(1, 9)] + [(n, 576, 64, 1)]
    head = [(n, 3, 64, 9), (n, 64, 64, 9)]
    tail = [(n, 1_024, 64, 1), (n, 64, 64, 9), (n, 64, 256, 9), (4 * n, 64, 3, 9)]
    assert _hand_1d(block) == (1_396_703_232, 1_364_544)
    assert _hand_1d(block[:8]) == (1_358_954_496, 1_327_616)
    assert n * 64 * 576 * 36 == 1_358_954_496 and 36_864 * 36 + 8 * 64 == 1_327_616
    assert [t * ci * co * k for t, ci, co, k in head + tail] == [
        1_769_472, 37_748_736, 67_108_864, 37_748_736, 150_994_944, 7_077_888]
    assert [ci * co * k + co for _, ci, co, k in head + tail] == [
        1_792, 36_928, 65_600, 36_928, 147_712, 1_731]
    layers = head + block * 16 + tail
    assert len(layers) == 150 and _hand_1d(layers) == (22_649_700_352, 22_123_395)
    assert 16 * 1_396_703_232 == 22_347_251_712 and 16 * 1_364_544 == 21_832_704
    # the shuffle's fixed weights, MACs and parameters as a conv's: 1,024 input
    # pixels x 256 x 2 x 2 x 64 MACs, 64 x 2 x 2 x 256 weights (no bias)
    assert n * 256 * 4 * 64 == 67_108_864 and 64 * 4 * 256 == 65_536
    assert 22_649_700_352 + 67_108_864 == 22_716_809_216
    assert 22_123_395 + 65_536 == 22_188_931
    _pinned(g, (22_716_809_216, 22_188_931), (None, None), (None, None))
    # published: about 22 M parameters; the learned 22,123,395 within 10 % (+0.6 %)
    assert abs(22_123_395 / 22e6 - 1) < 0.01


def test_rdn_x2_npu_shuffle_is_exact():
    """Addendum 2's rewrite is exact: RDN with the npu_d2s TRANSPOSE_CONV equals RDN
    with DEPTH_TO_SPACE (the same seeded weights) on a random 2 x 3 image, by the
    reference interpreter (float)."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.reference import reference

    def run(**kw):
        b = NetBuilder(np.random.default_rng(0))
        g = b.finish([hl.rdn_x2(b, b.input((1, 2, 3, 3)), **kw)])
        x = np.random.default_rng(1).standard_normal((1, 2, 3, 3)).astype(np.float32)
        return g, np.asarray(reference(g, [x])[0])

    (g, npu), (g0, ref) = run(), run(npu=False)
    assert g.op_types() == RDN_TYPES
    assert g0.op_types() == RDN_TYPES[:-2] + ["DEPTH_TO_SPACE", C]
    assert npu.shape == (1, 4, 6, 3)
    np.testing.assert_allclose(npu, ref, rtol=1e-4, atol=1e-4)


def test_no_training_space_draws_rdn_exactly():
    """The overlap stated in ``models.json``: upsample's sr draws 16-56 features and
    at most 5 mapping convs with no CONCATENATION; agg's dense blocks 2-4 layers of
    growth 8-32 with no residual ADD, its osa blocks one CONCATENATION of 2-5 chained
    convs (and the input); plain's DenseNet-BC 2-8 layers of growth 12-32; no
    sampled graph holds a CONCATENATION of more than 6 inputs (RDN's global fusion
    reads 16); the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_agg, spaces_plain, spaces_upsample

    sr = inspect.getsource(spaces_upsample._sr)
    assert "pick(rng, (16, 32, 48, 56))" in sr and "int(rng.integers(1, 6))" in sr
    assert ".concat(" not in sr
    dense = inspect.getsource(spaces_agg._dense)
    assert "pick(n.rng, (8, 16, 24, 32))" in dense
    assert "int(n.rng.integers(2, 5))" in dense and ".add(" not in dense
    assert "for _ in range(int(n.rng.integers(2, 6))):" in inspect.getsource(
        spaces_agg._osa)
    pl = inspect.getsource(spaces_plain._densenet)
    assert "int(rng.integers(2, 9))" in pl and "pick(rng, (12, 16, 24, 32))" in pl
    assert not _overlap_unnamed(ph.MODELS, {
        "rdn_x2_32": ("edsr_x2_48", "srresnet_x4_32", "carn_m_x2_64",
                      "densenet40_k12_cifar_32", "fc_densenet56_224")})
    rng = np.random.default_rng(50)
    for name in ("upsample", "agg", "plain"):
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert max((len(op.inputs) for op in g.ops if op.type == CAT),
                       default=0) <= 6, name


def test_family_l_g_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36G == ("rdn_x2_32",)
    # right after XLIX's part F; every builder model once, registered
    _registered_after(ph, ph.SESSION36G, ph.SESSION36F)
    reg = ph.BUILDER_MODELS
    assert reg[reg.index("rdn_x2_32") - 1] == ph.SESSION36F[-1]
    assert ph.MODELS["rdn_x2_32"][1].split()[0] == "upsample"


@pytest.mark.slow
def test_family_l_g_int8():
    """The int8 graph (int8 input and output) keeps the float graph's op sequence
    (so its counts), the CONCATENATIONs' widths, the 16-input global fusion and the
    NPU shuffle."""
    g, ins, outs = _int8_io("rdn_x2_32")
    assert ins + outs == [RDN_IN, RDN_OUT] and g.op_types() == RDN_TYPES
    assert Counter(g.op_types()) == RDN_COUNTS
    cats = [op for op in g.ops if op.type == CAT]
    assert [g.tensors[op.outputs[0]].shape[3] for op in cats] == CAT_WIDTHS
    assert [len(op.inputs) for op in cats] == [2] * 128 + [16]
    assert _out_shapes(g, T) == [(64, 64, 64)]
