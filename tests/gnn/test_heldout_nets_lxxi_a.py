"""jaxeff.gnn.heldout_nets_lxxi_a (held-out families LXXI, part A; session 43,
addendum 3, pre-registered): the published structures of Dong et al.'s ARCNN (four
SAME convs at 256 x 256 x 1: 9x9 64, 7x7 32, 1x1 16 RELU, 5x5 1 linear) and Kang et
al.'s CNNIQA (a 7x7 VALID conv of 50 on a 32 x 32 x 1 patch, global max and min
pools, the min as -max(-x), CONCATENATED, FC 800 RELU twice, FC 1): their kernels,
strides, paddings, output shapes, activations, op counts and sequences, the min
pool's wiring and value (the float reference), the pinned multiply-add and
parameter counts (by hand), registration, the int8 builds (slow) and the overlap with
the training spaces (none draws them exactly)."""

import dataclasses
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxxi_a as hl
from jaxeff.gnn.reference import reference
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, MU, CC, FC = ("CONV_2D", "MAX_POOL_2D", "MUL", "CONCATENATION",
                     "FULLY_CONNECTED")
NAMES = ("arcnn_gray_256", "cnniqa_32")

# -- ARCNN
AR_IN = AR_OUT = (1, 256, 256, 1)
AR_COUNTS = {C: 4}
#: (C_in, C_out, kernel) of the four convs
AR_LAYERS = [(1, 64, 9), (64, 32, 7), (32, 16, 1), (16, 1, 5)]

# -- CNNIQA
IQ_IN, IQ_OUT = (1, 32, 32, 1), (1, 1)
IQ_COUNTS = {C: 1, MP: 2, MU: 2, CC: 1, FC: 3}
IQ_TYPES = [C, MP, MU, MP, MU, CC, FC, FC, FC]


def _bias(g):
    """Every conv and FC has a bias of its output width."""
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        w = g.tensors[op.inputs[1]].shape
        assert g.tensors[op.inputs[2]].shape == (w[0],)


def test_arcnn_four_same_convs_full_resolution_and_hand_counts():
    g = _graph(hl.arcnn, AR_IN, AR_OUT, 4, AR_COUNTS)
    assert hl.ARCNN_SIDE == 256
    assert hl.ARCNN_LAYERS == ((64, 9), (32, 7), (16, 1), (1, 5))
    assert [(co, k) for _, co, k in AR_LAYERS] == list(hl.ARCNN_LAYERS)
    # a plain chain from the input to the output
    assert g.ops[0].inputs[0] == g.inputs[0] and g.outputs == g.ops[-1].outputs
    for a, b in zip(g.ops, g.ops[1:]):
        assert b.inputs[0] == a.outputs[0]
    _bias(g)
    assert _kernels(g, C) == [(9, 9), (7, 7), (1, 1), (5, 5)]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops] == [
        (co, k, k, ci) for ci, co, k in AR_LAYERS]
    assert _strides(g, C) == [(1, 1)] * 4 and _opt(g, C, "padding") == ["SAME"] * 4
    assert [_opt(g, C, k) for k in ("dilation_h_factor", "dilation_w_factor")] == [
        [1] * 4] * 2
    # RELU but the last (the reconstruction linear)
    assert _acts(g, C) == ["RELU", "RELU", "RELU", "NONE"]
    # every map at the input's size
    assert _out_shapes(g, C) == [(256, 256, co) for _, co, _ in AR_LAYERS]
    # MACs by hand: 65,536 pixels x K^2 C_in C_out
    px = 256 * 256
    macs = [px * k * k * ci * co for ci, co, k in AR_LAYERS]
    assert macs == [339_738_624, 6_576_668_672, 33_554_432, 26_214_400]
    assert sum(macs) == 6_976_176_128
    # parameters by hand (weights and biases)
    params = [k * k * ci * co + co for ci, co, k in AR_LAYERS]
    assert params == [5_248, 100_384, 528, 401] and sum(params) == 106_561
    # published (recalled): 106,448 weights, biases not counted
    assert sum(k * k * ci * co for ci, co, k in AR_LAYERS) == 106_448
    _pinned(g, (6_976_176_128, 106_561), (None, 106_448), (None, 0.01))


def test_cnniqa_valid_conv_max_min_pools_fcs_and_hand_counts():
    g = _graph(hl.cnniqa, IQ_IN, IQ_OUT, 9, IQ_COUNTS)
    assert (hl.CNNIQA_PATCH, hl.CNNIQA_CONV, hl.CNNIQA_HIDDEN, hl.CNNIQA_OUT) == (
        32, (50, 7), (800, 800), 1)
    assert g.op_types() == IQ_TYPES
    _bias(g)
    # the conv: 7x7 of 50 on one channel, VALID, stride 1, linear -> 26 x 26 x 50
    conv, mx, neg1, mn, neg2, cat = g.ops[:6]
    assert conv.inputs[0] == g.inputs[0]
    assert g.tensors[conv.inputs[1]].shape == (50, 7, 7, 1)
    assert _strides(g, C) == [(1, 1)] and _opt(g, C, "padding") == ["VALID"]
    assert _acts(g, C) == ["NONE"] and _out_shapes(g, C) == [(26, 26, 50)]
    # the pools: MAX_POOL_2D of the whole 26 x 26 map, VALID, stride 1, one pixel
    for pool in (mx, mn):
        assert (pool.options["filter_height"], pool.options["filter_width"]) == (26, 26)
        assert (pool.options["stride_h"], pool.options["stride_w"]) == (1, 1)
        assert pool.options["padding"] == "VALID"
        assert g.tensors[pool.outputs[0]].shape == (1, 1, 1, 50)
    # the max reads the conv; the min is -max(-x): MUL by -1, pool, MUL by -1
    x = conv.outputs[0]
    assert mx.inputs == (x,)
    assert neg1.inputs[0] == x and mn.inputs == (neg1.outputs[0],)
    assert neg2.inputs[0] == mn.outputs[0]
    for neg in (neg1, neg2):
        c = g.tensors[neg.inputs[1]]
        assert c.shape == (1, 1, 1, 1) and np.asarray(c.data).tolist() == [[[[-1.0]]]]
    assert _acts(g, MU) == ["NONE", "NONE"]
    assert "NEG" not in g.op_types() and "MINIMUM" not in g.op_types()
    # CONCATENATION [max, min] on the channels -> [1, 1, 1, 100]
    assert cat.inputs == (mx.outputs[0], neg2.outputs[0])
    assert g.tensors[cat.outputs[0]].shape == (1, 1, 1, 100)
    # the head: FC 800 RELU, FC 800 RELU, FC 1 linear (no RESHAPE, no SOFTMAX)
    assert g.ops[6].inputs[0] == cat.outputs[0]
    assert _fc_weights(g) == [(800, 100), (800, 800), (1, 800)]
    assert _acts(g, FC) == ["RELU", "RELU", "NONE"]
    assert g.outputs == g.ops[-1].outputs
    # the value: per channel the max and min over the 26 x 26 map (float reference)
    g2 = dataclasses.replace(g, outputs=(x, cat.outputs[0]))
    v = np.random.default_rng(1).standard_normal(IQ_IN).astype(np.float32)
    f, st = (np.asarray(o) for o in reference(g2, [v]))
    f = f.reshape(26 * 26, 50)
    want = np.concatenate([f.max(0), f.min(0)])
    np.testing.assert_allclose(st.reshape(-1), want, rtol=1e-6, atol=1e-6)
    # MACs by hand: conv 676 x 49 x 50, FCs 100 x 800, 800 x 800, 800 x 1
    macs = [26 * 26 * 49 * 50, 100 * 800, 800 * 800, 800]
    assert macs == [1_656_200, 80_000, 640_000, 800] and sum(macs) == 2_377_000
    # parameters by hand (weights and biases; the two constants -1 counted)
    params = [49 * 50 + 50, 100 * 800 + 800, 800 * 800 + 800, 800 + 1]
    assert params == [2_500, 80_800, 640_800, 801] and sum(params) == 724_901
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (2_377_000, 724_901 + 2), (None, None), (None, None))


def test_family_lxxi_a_registered_and_overlap_text():
    """Registered after LXX part C (the other LXXI parts may follow); the overlap
    stated in ``models.json``: upsample's sr always up-samples, longk's first convs
    reach at most 128 x 128 and draw no 7 or 9 kernel, its pools at most 8 wide and
    FCs at most 128; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION43D == NAMES
    _registered_after(ph, ph.SESSION43D, ph.SESSION43C)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["upsample", "longk"]
    assert max(spaces_longk.SIDES) == 128 and 32 in spaces_longk.SIDES
    assert 50 in spaces_longk.FILTERS and 1 in spaces_longk.IN_C
    assert not {7, 9} & set(spaces_longk.KERNELS)
    assert max(spaces_longk.HIDDEN) == 128 and 1 not in spaces_longk.CLASSES
    assert max(spaces_tiny.FC_WIDTHS) == 512 and 1 not in spaces_tiny.CLASSES
    assert not _overlap_unnamed(ph.MODELS, {
        "arcnn_gray_256": ("srcnn_915_64x64", "mcnn_crowd_384x512"),
        "cnniqa_32": ("lenet5_32", "simplenet_cifar_32", "faceboxes_512")})


@pytest.mark.slow
def test_family_lxxi_a_int8():
    g, ins, outs = _int8_io("arcnn_gray_256")
    assert (ins, outs) == ([AR_IN], [AR_OUT])
    assert Counter(g.op_types()) == AR_COUNTS
    assert _kernels(g, C) == [(9, 9), (7, 7), (1, 1), (5, 5)]
    assert _opt(g, C, "padding") == ["SAME"] * 4
    assert _out_shapes(g, C)[-1] == (256, 256, 1)
    g, ins, outs = _int8_io("cnniqa_32")
    assert (ins, outs) == ([IQ_IN], [IQ_OUT])
    assert Counter(g.op_types()) == IQ_COUNTS and g.op_types() == IQ_TYPES
    assert _kernels(g, C) == [(7, 7)] and _out_shapes(g, C) == [(26, 26, 50)]
    assert _out_shapes(g, MP) == [(1, 1, 50)] * 2
    assert _fc_weights(g) == [(800, 100), (800, 800), (1, 800)]
