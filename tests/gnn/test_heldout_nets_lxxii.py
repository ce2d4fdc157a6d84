"""jaxeff.gnn.heldout_nets_lxxii (held-out families LXXII; session 43, addendum 6,
pre-registered): the published structures of Boroumand, Chen and Fridrich's SRNet
(256 x 256 gray; 3x3 convs of 64 and 16, five residual blocks of 16, four blocks
downsampling through a 3x3 / 2 SAME average pool added to a 1x1 / 2 conv skip (16, 64,
128, 256), two 3x3 convs of 512, MEAN, FC 2, SOFTMAX) and Yedroudj, Comby and
Chaumont's Yedroudj-Net (a fixed 5x5 conv of 30 SRM kernels; 5x5 convs of 30 with ABS
and TLUs 3 and 2 as MAXIMUM / MINIMUM; 3x3 RELU convs of 32, 64, 128; three 5x5 / 2
SAME average pools, MEAN, FC 256, 1,024, 2, SOFTMAX): their kernels, strides,
paddings, output shapes, activations, op counts and sequences, the pinned
multiply-add and parameter counts (by hand), the fixed SRM weights, the TLUs' int8
quantization, registration, the int8 builds (slow) and the overlap with the training
spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxxii as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxiv_b import _chain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, AD, AP, ME, FC, SM = ("CONV_2D", "ADD", "AVERAGE_POOL_2D", "MEAN",
                         "FULLY_CONNECTED", "SOFTMAX")
AB, MX, MN = "ABS", "MAXIMUM", "MINIMUM"
NAMES = ("srnet_256", "yedroudj_net_256")
IN, OUT = (1, 256, 256, 1), (1, 2)

# -- SRNet
S_COUNTS = {C: 26, AD: 9, AP: 4, ME: 1, FC: 1, SM: 1}
S_TYPES = ([C, C] + [C, C, AD] * 5 + [C, C, AP, C, AD] * 4 + [C, C, ME, FC, SM])
S_KERNELS = ([(3, 3)] * 12 + [(3, 3), (3, 3), (1, 1)] * 4 + [(3, 3)] * 2)
#: (output positions, C_in, C_out, kernel taps) of the convs in graph order (type 3:
#: conv, conv, skip), then the FC
S_LAYERS = ([(65_536, 1, 64, 9), (65_536, 64, 16, 9)] + [(65_536, 16, 16, 9)] * 10
            + [(65_536, 16, 16, 9), (65_536, 16, 16, 9), (16_384, 16, 16, 1),
               (16_384, 16, 64, 9), (16_384, 64, 64, 9), (4_096, 16, 64, 1),
               (4_096, 64, 128, 9), (4_096, 128, 128, 9), (1_024, 64, 128, 1),
               (1_024, 128, 256, 9), (1_024, 256, 256, 9), (256, 128, 256, 1),
               (256, 256, 512, 9), (256, 512, 512, 9), (1, 512, 2, 1)])

# -- Yedroudj-Net
Y_COUNTS = {C: 6, AB: 1, MX: 2, MN: 2, AP: 3, ME: 1, FC: 3, SM: 1}
Y_TYPES = [C, C, AB, MX, MN, C, MX, MN, AP, C, AP, C, AP, C, ME, FC, FC, FC, SM]
Y_KERNELS = [(5, 5)] * 3 + [(3, 3)] * 3
Y_CONV = [(256, 256, 30), (256, 256, 30), (256, 256, 30), (128, 128, 32),
          (64, 64, 64), (32, 32, 128)]
Y_LAYERS = [(65_536, 1, 30, 25), (65_536, 30, 30, 25), (65_536, 30, 30, 25),
            (16_384, 30, 32, 9), (4_096, 32, 64, 9), (1_024, 64, 128, 9),
            (1, 128, 256, 1), (1, 256, 1024, 1), (1, 1024, 2, 1)]


def test_srnet_layer_types_and_hand_counts():
    g = _graph(hl.srnet, IN, OUT, 42, S_COUNTS)
    assert (hl.SR_SIDE, hl.SR_T1, hl.SR_T2, hl.SR_T3, hl.SR_T4, hl.SR_POOL,
            hl.SR_POOL_STRIDE, hl.SR_CLASSES) == (256, (64, 16), (16,) * 5,
                                                  (16, 64, 128, 256), 512, 3, 2, 2)
    assert g.op_types() == S_TYPES
    convs = [op for op in g.ops if op.type == C]
    assert _kernels(g, C) == S_KERNELS
    assert _strides(g, C) == [(1, 1)] * 12 + [(1, 1), (1, 1), (2, 2)] * 4 + [(1, 1)] * 2
    assert set(_opt(g, C, "padding")) == {"SAME"}
    # RELU on every type 1 conv (the first of each block), linear before the ADDs
    assert _acts(g, C) == (["RELU"] * 2 + ["RELU", "NONE"] * 5
                           + ["RELU", "NONE", "NONE"] * 4 + ["RELU", "NONE"])
    assert _acts(g, AD) == ["NONE"] * 9
    assert _out_shapes(g, C) == (
        [(256, 256, 64)] + [(256, 256, 16)] * 13 + [(128, 128, 16)]
        + [(128, 128, 64)] * 2 + [(64, 64, 64)] + [(64, 64, 128)] * 2
        + [(32, 32, 128)] + [(32, 32, 256)] * 2 + [(16, 16, 256)]
        + [(16, 16, 512)] * 2)
    assert [op.inputs[1] for op in convs] and [
        g.tensors[op.inputs[1]].shape[3] for op in convs] == [
        ci for _, ci, _, _ in S_LAYERS[:-1]]
    # type 2: the ADD joins the block input and the second conv
    adds = [op for op in g.ops if op.type == AD]
    for k, add in enumerate(adds[:5]):
        c2 = convs[3 + 2 * k]
        blk_in = convs[2 + 2 * k].inputs[0]
        assert set(add.inputs) == {blk_in, c2.outputs[0]}
    # type 3: the pool of the second conv, the 1x1 / 2 skip from the block input
    pools = [op for op in g.ops if op.type == AP]
    for k, add in enumerate(adds[5:]):
        c1, c2, sk = convs[12 + 3 * k:15 + 3 * k]
        assert pools[k].inputs == (c2.outputs[0],) and sk.inputs[0] == c1.inputs[0]
        assert set(add.inputs) == {pools[k].outputs[0], sk.outputs[0]}
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(3, 3)] * 4
    assert _strides(g, AP) == [(2, 2)] * 4 and _opt(g, AP, "padding") == ["SAME"] * 4
    assert _out_shapes(g, AP) == [(128, 128, 16), (64, 64, 64), (32, 32, 128),
                                  (16, 16, 256)]
    # the head: MEAN (no kept dims) of [1, 16, 16, 512], FC 2 linear, SOFTMAX
    mean = next(op for op in g.ops if op.type == ME)
    assert g.tensors[mean.inputs[1]].data.tolist() == [1, 2]
    assert mean.options["keep_dims"] is False
    assert g.tensors[mean.outputs[0]].shape == (1, 512)
    assert _fc_weights(g) == [(2, 512)] and _acts(g, FC) == ["NONE"]
    # MACs by hand, per layer
    m = [t * ci * co * k for t, ci, co, k in S_LAYERS]
    assert m[:2] == [37_748_736, 603_979_776] and set(m[2:12]) == {150_994_944}
    assert sum(m[12:15]) == 2 * 150_994_944 + 4_194_304 == 306_184_192
    assert sum(m[15:18]) == 150_994_944 + 603_979_776 + 4_194_304 == 759_169_024
    assert sum(m[18:21]) == sum(m[21:24]) == 914_358_272
    assert 301_989_888 + 603_979_776 + 8_388_608 == 914_358_272
    assert sum(m[24:26]) == 301_989_888 + 603_979_776 and m[26] == 1_024
    assert (37_748_736 + 603_979_776 + 10 * 150_994_944 + 306_184_192 + 759_169_024
            + 2 * 914_358_272 + 905_969_664 + 1_024) == 5_951_718_400
    # parameters by hand (weights and biases)
    p = [ci * co * k + co for _, ci, co, k in S_LAYERS]
    assert p[:2] == [640, 9_232] and set(p[2:12]) == {2_320}
    assert p[12:] == [2_320, 2_320, 272, 9_280, 36_928, 1_088, 73_856, 147_584, 8_320,
                      295_168, 590_080, 33_024, 1_180_160, 2_359_808, 1_026]
    assert 640 + 9_232 + 12 * 2_320 + 272 + 9_280 + 36_928 + 1_088 + 73_856 + (
        147_584 + 8_320 + 295_168 + 590_080 + 33_024 + 1_180_160 + 2_359_808
        + 1_026) == 4_774_306
    assert _hand_1d(S_LAYERS) == (5_951_718_400, 4_774_306)
    _pinned(g, (5_951_718_400, 4_774_306), (None, None), (None, None))


def test_srm_kernels_thirty_zero_sum_high_pass():
    k = hl.SRM_KERNELS
    assert k.shape == (30, 5, 5) and k.dtype == np.float32
    np.testing.assert_array_equal(k, hl.srm_kernels())
    # high-pass: every kernel sums to zero, all differ, centre magnitude 1
    assert np.abs(k.sum((1, 2))).max() < 1e-6
    assert len({kk.tobytes() for kk in k}) == 30
    np.testing.assert_allclose(np.abs(k[:, 2, 2]), 1.0)
    # 1st order: -1 at the centre, +1 at one of the 8 neighbours
    for kk, (dy, dx) in zip(k[:8], hl._DIRS, strict=True):
        assert kk[2, 2] == -1 and kk[2 + dy, 2 + dx] == 1 and (kk != 0).sum() == 2
    # 2nd order: [1, -2, 1] / 2 along 4 lines; 3rd order [1, -3, 3, -1] / 3
    assert [(kk != 0).sum() for kk in k[8:12]] == [3] * 4
    assert [(kk != 0).sum() for kk in k[12:20]] == [4] * 8
    np.testing.assert_allclose(k[8, 2], [0, 0.5, -1, 0.5, 0])
    np.testing.assert_allclose(3 * k[12, 2], [0, 1, -3, 3, -1])
    # SQUARE 3x3 (KB / 4, padded) and SQUARE 5x5 (KV = 12 x KV_KERNEL / 12)
    np.testing.assert_allclose(4 * k[20, 1:4, 1:4],
                               [[-1, 2, -1], [2, -4, 2], [-1, 2, -1]])
    assert not k[20][0].any() and not k[20][:, 4].any()
    np.testing.assert_array_equal(k[21], hl.KV_KERNEL)
    # EDGE 3x3 / 5x5: half kernels, four rotations each
    for base in (22, 26):
        for r in range(4):
            np.testing.assert_array_equal(k[base + r], np.rot90(k[base], r))
    assert not k[22][3].any() and not k[26][3:].any()


def test_yedroudj_net_blocks_srm_tlus_and_hand_counts():
    g = _graph(hl.yedroudj_net, IN, OUT, 19, Y_COUNTS)
    assert (hl.YE_SIDE, hl.YE_FILTERS, hl.YE_KERNELS, hl.YE_TLU, hl.YE_POOL,
            hl.YE_POOL_STRIDE, hl.YE_FCS, hl.YE_CLASSES) == (
        256, (30, 30, 32, 64, 128), (5, 5, 3, 3, 3), (3, 2), 5, 2, (256, 1024), 2)
    assert g.op_types() == Y_TYPES
    _chain(g)
    # the fixed SRM conv: 1 -> 30 channels, OHWI [30, 5, 5, 1], zero bias
    srm = g.ops[0]
    w = np.asarray(g.tensors[srm.inputs[1]].data)
    assert w.shape == (30, 5, 5, 1)
    np.testing.assert_array_equal(w[..., 0], hl.SRM_KERNELS)
    assert np.asarray(g.tensors[srm.inputs[2]].data).tolist() == [0.0] * 30
    assert _kernels(g, C) == Y_KERNELS and set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] * 3 + ["RELU"] * 3
    assert [g.tensors[op.inputs[1]].shape[3] for op in g.ops if op.type == C] == [
        1, 30, 30, 30, 32, 64]
    assert _out_shapes(g, C) == Y_CONV
    # the TLUs: MAXIMUM by -T then MINIMUM by T, scalar constants, no options
    tl = [op for op in g.ops if op.type in (MX, MN)]
    assert [(op.type, g.tensors[op.inputs[1]].data.tolist()) for op in tl] == [
        (MX, [-3.0]), (MN, [3.0]), (MX, [-2.0]), (MN, [2.0])]
    assert all(op.options == {} for op in tl)
    assert [g.tensors[op.outputs[0]].shape for op in tl] == [(1, 256, 256, 30)] * 4
    # the pools: 5x5 / 2 SAME average (overlapping), 256 -> 32
    pools = [op for op in g.ops if op.type == AP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(5, 5)] * 3
    assert _strides(g, AP) == [(2, 2)] * 3 and _opt(g, AP, "padding") == ["SAME"] * 3
    assert _out_shapes(g, AP) == [(128, 128, 30), (64, 64, 32), (32, 32, 64)]
    # the head: MEAN (no kept dims), FC 256 RELU, 1,024 RELU, 2 linear, SOFTMAX
    mean = next(op for op in g.ops if op.type == ME)
    assert mean.options["keep_dims"] is False
    assert g.tensors[mean.outputs[0]].shape == (1, 128)
    assert _fc_weights(g) == [(256, 128), (1024, 256), (2, 1024)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in Y_LAYERS] == [
        49_152_000, 1_474_560_000, 1_474_560_000, 141_557_760, 75_497_472,
        75_497_472, 32_768, 262_144, 2_048]
    assert (49_152_000 + 2 * 1_474_560_000 + 141_557_760 + 2 * 75_497_472 + 32_768
            + 262_144 + 2_048) == 3_291_121_664
    # parameters by hand (the SRM conv's 750 fixed weights and zero bias in), and
    # the TLUs' four scalar constants
    assert [ci * co * k + co for _, ci, co, k in Y_LAYERS] == [
        780, 22_530, 22_530, 8_672, 18_496, 73_856, 33_024, 263_168, 2_050]
    assert (780 + 2 * 22_530 + 8_672 + 18_496 + 73_856 + 33_024 + 263_168
            + 2_050) == 445_106
    assert _hand_1d(Y_LAYERS) == (3_291_121_664, 445_106)
    _pinned(g, (3_291_121_664, 445_106 + 4), (None, None), (None, None))


def test_fixed_srm_reads_no_generator():
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0), "t")
    x = hl._fixed_srm(b, b.input(IN))
    x = hl._tlu(b, x, 3.0)
    assert b.shape(x) == (1, 256, 256, 30)
    assert b.rng.bit_generator.state == np.random.default_rng(0).bit_generator.state


def test_tlu_int8_shares_the_input_quantization():
    """MAXIMUM / MINIMUM compare codes: the int8 writer gives their outputs and
    constants their data input's (scale, zero point), as the TFLite converter."""
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.int8 import SAME_QUANT_ALL, quantize_int8

    assert SAME_QUANT_ALL == ("MAXIMUM", "MINIMUM")
    b = NetBuilder(np.random.default_rng(0), "t")
    x = b.input((1, 4, 4, 2))
    y = hl._tlu(b, x, 2.0)
    g = b.finish([y])
    mx, mn = g.ops
    ranges = {x: (-8.0, 8.0), mx.outputs[0]: (-2.0, 8.0), y: (-2.0, 2.0)}
    q = quantize_int8(g, ranges)
    s, z = float(q.tensors[x].scale[0]), int(q.tensors[x].zero_point[0])
    for op in q.ops:
        for t in (op.inputs[1], op.outputs[0]):
            assert (float(q.tensors[t].scale[0]), int(q.tensors[t].zero_point[0])) == (
                s, z)
    codes = [int(q.tensors[op.inputs[1]].data.reshape(-1)[0]) for op in q.ops]
    assert codes == [round(-2.0 / s) + z, round(2.0 / s) + z]


def test_family_lxxii_registered_and_overlap_text():
    """Registered after LXXI part B; the overlap stated in ``models.json``: resnet's
    inputs are RGB of sides up to 128, longk's maps stop at 128 a side; no space draws
    ABS, MAXIMUM or MINIMUM; the earlier models of the same kinds are named."""
    import pathlib

    import jaxeff.gnn as gnn
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk

    assert ph.SESSION43F == NAMES
    _registered_after(ph, ph.SESSION43F, ph.SESSION43E)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["resnet", "longk"]
    assert 256 not in spaces_longk.SIDES and max(spaces_longk.SIDES) == 128
    assert 5 in spaces_longk.KERNELS and 30 in spaces_longk.FILTERS
    src = pathlib.Path(gnn.__file__).parent
    for op in ("ABS", "MAXIMUM", "MINIMUM"):
        assert not [p.name for p in src.glob("spaces*.py")
                    if f'"{op}"' in p.read_text()]
    assert not _overlap_unnamed(ph.MODELS, {
        "srnet_256": ("xu_net_256", "resnet20_cifar", "resnet18_224"),
        "yedroudj_net_256": ("xu_net_256", "arcnn_gray_256", "cifar10_quick_32")})


@pytest.mark.slow
def test_family_lxxii_int8():
    g, ins, outs = _int8_io("srnet_256")
    assert (ins, outs) == ([IN], [OUT])
    assert Counter(g.op_types()) == S_COUNTS and g.op_types() == S_TYPES
    assert _kernels(g, C) == S_KERNELS
    assert _opt(g, AP, "padding") == ["SAME"] * 4
    assert _fc_weights(g) == [(2, 512)]
    g, ins, outs = _int8_io("yedroudj_net_256")
    assert (ins, outs) == ([IN], [OUT])
    assert Counter(g.op_types()) == Y_COUNTS and g.op_types() == Y_TYPES
    assert _kernels(g, C) == Y_KERNELS and _out_shapes(g, C) == Y_CONV
    assert _fc_weights(g) == [(256, 128), (1024, 256), (2, 1024)]
    # the TLUs keep their input's quantization (Vela maps them only so)
    for op in g.ops:
        if op.type in (MX, MN):
            qs = {(float(g.tensors[t].scale[0]), int(g.tensors[t].zero_point[0]))
                  for t in (*op.inputs, *op.outputs)}
            assert len(qs) == 1
