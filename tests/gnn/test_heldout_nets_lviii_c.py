"""jaxeff.gnn.heldout_nets_lviii_c (held-out families LVIII, part C; session 38,
addendum 1, pre-registered): the published structure of M11 (Dai et al., arXiv
1610.00087, Table 1) on 32,000 raw samples in M5's layout (a PAD of 38 / 38 in time, a
1x80 VALID conv of 64 of stride (1, 4) on one channel, four max pools 1x4 / 4, nine
1x3 SAME RELU convs of 64 / 64 / 128 / 128 / 256 x 3 / 512 x 2, MEAN, FC 10, SOFTMAX),
its kernels, strides (the stem's and the pools' above 3 and the single-channel
long-kernel stem pinned), paddings, output shapes, activations, op counts per type,
the pinned multiply-add and parameter counts (by hand, and against the published
1.8 M parameters), registration, the int8 build (slow) and the overlap with the
training spaces (none draws it exactly)."""

from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lviii_c as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lviii_b import _no_draw_pools_above_3
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

P, C, MP, ME, FC, SM = ("PAD", "CONV_2D", "MAX_POOL_2D", "MEAN", "FULLY_CONNECTED",
                        "SOFTMAX")

# -- Dai et al.: M11
M11_IN, M11_OUT = (1, 1, 32000, 1), (1, 10)
M11_COUNTS = {P: 1, C: 10, MP: 4, ME: 1, FC: 1, SM: 1}
M11_TYPES = ([P, C, MP, C, C, MP, C, C, MP, C, C, C, MP, C, C] + [ME, FC, SM])
#: (output positions, C_in, C_out, taps): the stem on 32,076 padded samples (8,000
#: outputs); after each pool of 4: 2,000, 500, 125, 31; the FC on the 512 means
M11_LAYERS = ([(8000, 1, 64, 80)] + [(2000, 64, 64, 3)] * 2
              + [(500, 64, 128, 3), (500, 128, 128, 3)]
              + [(125, 128, 256, 3)] + [(125, 256, 256, 3)] * 2
              + [(31, 256, 512, 3), (31, 512, 512, 3)] + [(1, 512, 10, 1)])


def test_m11_pad_valid_stride4_stem_pools_of_4_and_hand_and_published_counts():
    g = _graph(hl.m11, M11_IN, M11_OUT, 18, M11_COUNTS)
    assert (hl.M11_STEM, hl.M11_STAGES, hl.M11_POOL, hl.M11_PAD, hl.M11_CLASSES) == (
        (64, 80, 4), ((64, 2), (128, 2), (256, 3), (512, 2)), 4, (38, 38), 10)
    assert g.op_types() == M11_TYPES
    pad, stem = g.ops[0], g.ops[1]
    # the PAD: 38 / 38 zeros in time (76 = 80 - 4), on the input
    assert pad.inputs[0] == g.inputs[0]
    assert g.tensors[pad.inputs[1]].data.tolist() == [[0, 0], [0, 0], [38, 38],
                                                      [0, 0]]
    assert _out_shapes(g, P) == [(1, 32076, 1)] and 32000 + 76 == 32076
    # the stem: 1x80 stride (1, 4) VALID RELU of 64 on one channel (rule Z's domain:
    # < 8 input channels, >= 16 taps), with a bias; (32076 - 80) / 4 + 1 = 8000
    assert stem.inputs[0] == pad.outputs[0] and len(stem.inputs) == 3
    assert g.tensors[stem.inputs[1]].shape == (64, 1, 80, 1)
    assert g.tensors[stem.inputs[2]].shape == (64,)
    assert (32076 - 80) // 4 + 1 == 8000
    # the convs: stem, then 2 + 2 + 3 + 2 1x3 SAME RELU stride 1
    assert _kernels(g, C) == [(1, 80)] + [(1, 3)] * 9
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 9
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 9
    assert _acts(g, C) == ["RELU"] * 10
    assert _out_shapes(g, C) == ([(1, 8000, 64)] + [(1, 2000, 64)] * 2
                                 + [(1, 500, 128)] * 2 + [(1, 125, 256)] * 3
                                 + [(1, 31, 512)] * 2)
    # the max pools: 1x4 / (1, 4) VALID (stride 4 above 3: rule V; 125 floored to 31)
    for op in (op for op in g.ops if op.type == MP):
        assert (op.options["filter_height"], op.options["filter_width"]) == (1, 4)
    assert _strides(g, MP) == [(1, 4)] * 4
    assert _opt(g, MP, "padding") == ["VALID"] * 4
    assert _out_shapes(g, MP) == [(1, 2000, 64), (1, 500, 64), (1, 125, 128),
                                  (1, 31, 256)]
    assert 125 // 4 == 31 and 125 % 4 == 1
    # every op reads the one before it (a plain chain)
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))
    # the head: MEAN over H and W, FC 10 linear, SOFTMAX
    me, fc, sm = g.ops[-3:]
    assert g.tensors[me.inputs[1]].data.tolist() == [1, 2]
    assert _out_shapes(g, ME) == [(1, 1, 512)]
    assert _fc_weights(g) == [(10, 512)] and _acts(g, FC) == ["NONE"]
    assert sm.inputs == fc.outputs and g.outputs == sm.outputs
    # MACs: positions x C_in x C_out x taps per layer
    assert [t * ci * co * k for t, ci, co, k in M11_LAYERS] == [
        40_960_000, 24_576_000, 24_576_000, 12_288_000, 24_576_000, 12_288_000,
        24_576_000, 24_576_000, 12_189_696, 24_379_392, 5_120]
    assert (40_960_000 + 2 * 24_576_000 + 12_288_000 + 24_576_000 + 12_288_000
            + 2 * 24_576_000 + 12_189_696 + 24_379_392 + 5_120) == 224_990_208
    assert [ci * co * k + co for _, ci, co, k in M11_LAYERS] == [
        5_184, 12_352, 12_352, 24_704, 49_280, 98_560, 196_864, 196_864, 393_728,
        786_944, 5_130]
    assert (5_184 + 2 * 12_352 + 24_704 + 49_280 + 98_560 + 2 * 196_864 + 393_728
            + 786_944 + 5_130) == 1_781_962
    assert _hand_1d(M11_LAYERS) == (224_990_208, 1_781_962)
    # published (Table 1, recalled): 1.8 M parameters; no MAC count
    _pinned(g, (224_990_208, 1_781_962), (None, 1.8e6), (None, 0.02))


def test_no_training_space_draws_the_lviii_c_model_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals under a 1 x 80
    VALID conv of stride 4, but of at most 16,000 samples, one pool of stride at most
    3, later convs of at most 128 filters and at most 50 M MACs; tiny's filters stop
    at 128, its ops at 12, its MACs at 100 M; no draw pools with a stride above 3;
    the earlier M5 test models are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert 80 in spaces_longk.KERNELS and 1 in spaces_longk.IN_C
    assert max(spaces_longk.LENGTHS) == 16000 < 32000
    assert max(spaces_longk.LAYER_FILTERS) == 128 < 512
    assert spaces_longk.MAX_MACS == 50_000_000 < 224_990_208
    assert max(spaces_tiny.FILTERS) == 128 and spaces_tiny.MAX_OPS == 12 < 18
    assert spaces_tiny.MAX_MACS == 100_000_000 < 224_990_208
    _no_draw_pools_above_3(("longk", "tiny"))
    assert not _overlap_unnamed(ph.MODELS, {
        "m11_raw_32000": ("m5_raw_32000", "m5_32000")})


def test_family_lviii_c_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION38C == ("m11_raw_32000",)
    # after part B (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION38C, ph.SESSION38B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION38C] == ["longk"]
    assert ph.BUILDER_MODELS.count("m11_raw_32000") == 1


@pytest.mark.slow
def test_family_lviii_c_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the PAD + VALID stride-4 stem on one channel and the four pools of stride 4
    g, ins, outs = _int8_io("m11_raw_32000")
    assert (ins, outs) == ([M11_IN], [M11_OUT])
    assert Counter(g.op_types()) == M11_COUNTS and g.op_types() == M11_TYPES
    assert _strides(g, MP) == [(1, 4)] * 4
    assert _kernels(g, C)[0] == (1, 80) and _strides(g, C)[0] == (1, 4)
