"""jaxeff.gnn.heldout_nets_lxxiii_b (held-out families LXXIII part b; session 44,
section 4, pre-registered): the published structures of Nagrani, Chung and
Zisserman's VoxCeleb VGG-M (a 512 x 300 spectrogram; 7x7 / 2 conv of 96, 3x3 / 2 max
pools, 5x5 / 2 conv of 256, 3x3 convs of 384, 256, 256, a 5x3 / (3, 2) max pool, fc6
as a 9x1 conv of 4,096, apool6 over time, FC 1,024, FC 1,251, SOFTMAX) and Johnson
and Zhang's DPCNN (256 tokens of 300-d embeddings; a 1x3 region embedding of 250,
pre-activation pairs of 1x3 convs of 250 with shortcut ADDs, seven 1x3 / 2 SAME max
pools, a final 1x2 max pool, FC 2): their kernels, strides, paddings, output shapes,
activations, op counts and sequences, the wiring of the shortcuts, the pinned
multiply-add and parameter counts (by hand), registration, the int8 builds (slow) and
the overlap with the training spaces (none draws them exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxxiii_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxiv_b import _chain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, AP, FC, SM, RE, AD = ("CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D",
                             "FULLY_CONNECTED", "SOFTMAX", "RELU", "ADD")
NAMES = ("voxceleb_vggm_512x300", "dpcnn_256x300")

# -- VoxCeleb VGG-M
V_IN, V_OUT = (1, 512, 300, 1), (1, 1251)
V_COUNTS = {C: 6, MP: 3, AP: 1, FC: 2, SM: 1}
V_TYPES = [C, MP, C, MP, C, C, C, MP, C, AP, FC, FC, SM]
V_KERNELS = [(7, 7), (5, 5), (3, 3), (3, 3), (3, 3), (9, 1)]
V_CONV = [(253, 147, 96), (61, 35, 256), (30, 17, 384), (30, 17, 256),
          (30, 17, 256), (1, 8, 4096)]
#: (output positions, C_in, C_out, kernel taps) of the convs, then fc7 and fc8
V_LAYERS = [(253 * 147, 1, 96, 49), (61 * 35, 96, 256, 25), (30 * 17, 256, 384, 9),
            (30 * 17, 384, 256, 9), (30 * 17, 256, 256, 9), (8, 256, 4096, 9),
            (1, 4096, 1024, 1), (1, 1024, 1251, 1)]

# -- DPCNN
D_IN, D_OUT = (1, 1, 256, 300), (1, 2)
D_COUNTS = {C: 17, RE: 16, AD: 8, MP: 8, FC: 1}
D_TYPES = [C] + [RE, C, RE, C, AD] + [MP, RE, C, RE, C, AD] * 7 + [MP, FC]
D_LENS = (256, 128, 64, 32, 16, 8, 4, 2)
D_LAYERS = ([(256, 300, 250, 3)] + [(t, 250, 250, 3) for t in D_LENS for _ in (0, 1)]
            + [(1, 250, 2, 1)])


def test_voxceleb_vggm_layers_maps_and_hand_counts():
    g = _graph(hl.voxceleb_vggm, V_IN, V_OUT, 13, V_COUNTS)
    assert (hl.VX_FREQ, hl.VX_FRAMES, hl.VX_CONVS, hl.VX_FC6, hl.VX_FC6_K, hl.VX_FC7,
            hl.VX_CLASSES) == (512, 300, ((96, 7, 2), (256, 5, 2), (384, 3, 1),
                                          (256, 3, 1), (256, 3, 1)),
                               4096, (9, 1), 1024, 1251)
    assert g.op_types() == V_TYPES
    _chain(g)
    assert _kernels(g, C) == V_KERNELS
    assert _strides(g, C) == [(2, 2), (2, 2), (1, 1), (1, 1), (1, 1), (1, 1)]
    # [U] VALID conv1, conv2 and fc6; SAME (padding 1) on the 3x3 convs
    assert _opt(g, C, "padding") == ["VALID", "VALID", "SAME", "SAME", "SAME", "VALID"]
    assert _acts(g, C) == ["RELU"] * 6
    assert _out_shapes(g, C) == V_CONV
    assert [g.tensors[op.inputs[1]].shape[3] for op in g.ops if op.type == C] == [
        1, 96, 256, 384, 256, 256]
    # the pools: 3x3 / 2, 3x3 / 2, 5x3 / (3, 2), all VALID; the paper's maps from
    # the first pool on (126 x 73, 30 x 17, 9 x 8)
    mp = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in mp] == [(3, 3), (3, 3), (5, 3)]
    assert _strides(g, MP) == [(2, 2), (2, 2), (3, 2)]
    assert _opt(g, MP, "padding") == ["VALID"] * 3
    assert _out_shapes(g, MP) == [(126, 73, 96), (30, 17, 256), (9, 8, 256)]
    # fc6 spans the 9 remaining frequency rows; apool6 the 8 remaining frames
    ap = next(op for op in g.ops if op.type == AP)
    assert (ap.options["filter_height"], ap.options["filter_width"]) == (1, 8)
    assert _strides(g, AP) == [(1, 1)] and _opt(g, AP, "padding") == ["VALID"]
    assert _out_shapes(g, AP) == [(1, 1, 4096)]
    # fc7 RELU, fc8 linear, on the [1, 1, 1, 4096] map (no RESHAPE), SOFTMAX
    assert _fc_weights(g) == [(1024, 4096), (1251, 1024)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert g.tensors[g.ops[-3].inputs[0]].shape == (1, 1, 1, 4096)
    # MACs by hand
    m = [t * ci * co * k for t, ci, co, k in V_LAYERS]
    assert m == [174_946_464, 1_311_744_000, 451_215_360, 451_215_360, 300_810_240,
                 75_497_472, 4_194_304, 1_281_024]
    assert (174_946_464 + 1_311_744_000 + 2 * 451_215_360 + 300_810_240 + 75_497_472
            + 4_194_304 + 1_281_024) == 2_770_904_224
    # parameters by hand (weights and biases)
    p = [ci * co * k + co for _, ci, co, k in V_LAYERS]
    assert p == [4_800, 614_656, 885_120, 884_992, 590_080, 9_441_280, 4_195_328,
                 1_282_275]
    assert (4_800 + 614_656 + 885_120 + 884_992 + 590_080 + 9_441_280 + 4_195_328
            + 1_282_275) == 17_898_531
    assert _hand_1d(V_LAYERS) == (2_770_904_224, 17_898_531)
    _pinned(g, (2_770_904_224, 17_898_531), (None, None), (None, None))


def test_dpcnn_preactivation_pyramid_and_hand_counts():
    g = _graph(hl.dpcnn, D_IN, D_OUT, 50, D_COUNTS)
    assert (hl.DP_TOKENS, hl.DP_EMBED, hl.DP_WIDTH, hl.DP_K, hl.DP_POOL,
            hl.DP_POOL_STRIDE, hl.DP_BLOCKS, hl.DP_CLASSES) == (256, 300, 250, 3, 3,
                                                                2, 7, 2)
    assert g.op_types() == D_TYPES
    assert _kernels(g, C) == [(1, 3)] * 17
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    # every conv linear; the pre-activations standalone RELUs; linear ADDs
    assert _acts(g, C) == ["NONE"] * 17 and _acts(g, AD) == ["NONE"] * 8
    assert _out_shapes(g, C) == [(1, 256, 250)] + [
        (1, t, 250) for t in D_LENS for _ in (0, 1)]
    assert [g.tensors[op.inputs[1]].shape[3] for op in g.ops if op.type == C] == [
        300] + [250] * 16
    # each RELU feeds the next op, a conv, and reads the previous op's output
    for i, op in enumerate(g.ops):
        if op.type == RE:
            assert g.ops[i + 1].type == C
            assert g.ops[i + 1].inputs[0] == op.outputs[0]
            assert op.inputs[0] == g.ops[i - 1].outputs[0]
    # the shortcuts: each ADD joins its pair's input (the region embedding, then the
    # pool's output) and the pair's second conv; the pools read the ADDs
    convs = [op for op in g.ops if op.type == C]
    adds = [op for op in g.ops if op.type == AD]
    pools = [op for op in g.ops if op.type == MP]
    starts = [convs[0].outputs[0]] + [p.outputs[0] for p in pools[:7]]
    for k, add in enumerate(adds):
        assert set(add.inputs) == {starts[k], convs[2 + 2 * k].outputs[0]}
        assert pools[k].inputs == (add.outputs[0],)
    # seven 1x3 / 2 SAME downsampling pools (256 -> 2), then 1x2 VALID to length 1
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 3)] * 7 + [(1, 2)]
    assert _strides(g, MP) == [(1, 2)] * 7 + [(1, 1)]
    assert _opt(g, MP, "padding") == ["SAME"] * 7 + ["VALID"]
    assert _out_shapes(g, MP) == [(1, t, 250) for t in D_LENS[1:]] + [(1, 1, 250)]
    # FC 2, linear, on the [1, 1, 1, 250] map (no RESHAPE), no SOFTMAX
    assert _fc_weights(g) == [(2, 250)] and _acts(g, FC) == ["NONE"]
    assert g.tensors[g.ops[-1].inputs[0]].shape == (1, 1, 1, 250)
    assert g.outputs == g.ops[-1].outputs
    # MACs by hand
    m = [t * ci * co * k for t, ci, co, k in D_LAYERS]
    assert m[0] == 57_600_000 and m[-1] == 500
    assert 250 * 250 * 3 == 187_500
    assert 2 * 256 + 2 * (128 + 64 + 32 + 16 + 8 + 4 + 2) == 1_020
    assert sum(m[1:-1]) == 1_020 * 187_500 == 191_250_000
    assert 57_600_000 + 191_250_000 + 500 == 248_850_500
    # parameters by hand (weights and biases)
    p = [ci * co * k + co for _, ci, co, k in D_LAYERS]
    assert p[0] == 225_250 and set(p[1:-1]) == {187_750} and p[-1] == 502
    assert 225_250 + 16 * 187_750 + 502 == 3_229_752
    assert _hand_1d(D_LAYERS) == (248_850_500, 3_229_752)
    _pinned(g, (248_850_500, 3_229_752), (None, None), (None, None))


def test_family_lxxiii_b_registered_and_overlap_text():
    """Registered after LXXII (other families may sit between or follow); the
    overlap stated in ``models.json``: longk's maps stop at 128 a side, tiny's at 12
    ops, dil's sequences have at most 64 channels and 128 filters; the earlier models
    of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_dil, spaces_longk, spaces_tiny

    assert ph.SESSION44B == NAMES
    _registered_after(ph, ph.SESSION44B, ph.SESSION43F)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "dil"]
    assert 512 not in spaces_longk.SIDES and 300 not in spaces_longk.SIDES
    assert max(spaces_longk.SIDES) == 128
    assert spaces_tiny.MAX_OPS == 12 and spaces_tiny.MAX_MACS == 100_000_000
    assert 256 in spaces_dil.LENGTHS and 300 not in spaces_dil.SEQ_C
    assert max(spaces_dil.WIDTHS) == 128 and 250 not in spaces_dil.WIDTHS
    assert spaces_dil.MAX_OPS == 40 and spaces_dil.MAX_MACS == 60_000_000
    assert not _overlap_unnamed(ph.MODELS, {
        "voxceleb_vggm_512x300": ("vgg_m_224", "vggish_96x64", "xvector_tdnn_200x30"),
        "dpcnn_256x300": ("vdcnn9_1024", "textcnn_kim_56x300", "wrn16_4_cifar")})


@pytest.mark.slow
def test_family_lxxiii_b_int8():
    g, ins, outs = _int8_io("voxceleb_vggm_512x300")
    assert (ins, outs) == ([V_IN], [V_OUT])
    assert Counter(g.op_types()) == V_COUNTS and g.op_types() == V_TYPES
    assert _kernels(g, C) == V_KERNELS and _out_shapes(g, C) == V_CONV
    assert _fc_weights(g) == [(1024, 4096), (1251, 1024)]
    g, ins, outs = _int8_io("dpcnn_256x300")
    assert (ins, outs) == ([D_IN], [D_OUT])
    assert Counter(g.op_types()) == D_COUNTS and g.op_types() == D_TYPES
    assert _kernels(g, C) == [(1, 3)] * 17
    assert _opt(g, MP, "padding") == ["SAME"] * 7 + ["VALID"]
    assert _fc_weights(g) == [(2, 250)]
