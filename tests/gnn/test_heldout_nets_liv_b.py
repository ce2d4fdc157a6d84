"""jaxeff.gnn.heldout_nets_liv_b (held-out families LIV, part B; session 37,
addendum 3, pre-registered): the published structure of Chambon et al. 2018's
sleep-staging CNN (a linear 2x1 VALID spatial conv of 2 across the EEG channels to a
one-row map, two 1x64 SAME RELU convs of 8 each followed by a 1-D max pool 1x16 /
16, a flatten, an FC to 5 and SOFTMAX), kernels, strides, paddings, output shapes,
activations, op counts per type, the pinned multiply-add and parameter counts (by
hand), registration, the int8 build (slow) and the overlap with the training spaces
(none draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_liv_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

IN, OUT = (1, 2, 3840, 1), (1, 5)
C, MP, R, FC, SM = "CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"
COUNTS = {C: 3, MP: 2, R: 1, FC: 1, SM: 1}
TYPES = [C, C, MP, C, MP, R, FC, SM]
#: (output frames, C_in, C_out, taps) of the spatial conv (2 taps across the
#: channels), the two temporal convs and the FC (one frame, 120 inputs)
LAYERS = [(3840, 1, 2, 2), (3840, 2, 8, 64), (240, 8, 8, 64), (1, 120, 5, 1)]


def test_chambon2018_spatial_conv_temporal_convs_pools_16_and_hand_counts():
    g = _graph(hl.chambon2018, IN, OUT, 8, COUNTS)
    assert (hl.CHAMBON_CH, hl.CHAMBON_LEN, hl.CHAMBON_SPATIAL, hl.CHAMBON_FILTERS,
            hl.CHAMBON_K, hl.CHAMBON_POOL, hl.CHAMBON_CLASSES) == (
        2, 3840, 2, 8, 64, 16, 5)
    assert g.op_types() == TYPES
    # convs: the 2x1 VALID spatial conv (linear), two 1x64 SAME RELU; stride 1
    assert _kernels(g, C) == [(2, 1), (1, 64), (1, 64)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert _opt(g, C, "padding") == ["VALID", "SAME", "SAME"]
    assert _acts(g, C) == ["NONE", "RELU", "RELU"]
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(1, 3840, 2), (1, 3840, 8), (1, 240, 8)]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == C] == [
        (2, 2, 1, 1), (8, 1, 64, 2), (8, 1, 64, 8)]
    # max pools: 1x16 VALID of stride (1, 16), 3840 -> 240 -> 15, each on a conv
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 16), (1, 16)]
    assert _strides(g, MP) == [(1, 16), (1, 16)]
    assert set(_opt(g, MP, "padding")) == {"VALID"}
    assert set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(1, 240, 8), (1, 15, 8)]
    assert [g.ops[i].type for i in (1, 3)] == [C, C]
    assert [pools[0].inputs[0], pools[1].inputs[0]] == [
        g.ops[1].outputs[0], g.ops[3].outputs[0]]
    # the head: flatten to [1, 120], FC to 5 (linear, [5, 120] weights), SOFTMAX
    rs, fc, sm = g.ops[-3:]
    assert rs.inputs[0] == pools[1].outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 120)
    assert fc.inputs[0] == rs.outputs[0] and g.tensors[fc.inputs[1]].shape == (5, 120)
    assert fc.options["fused_activation_function"] == "NONE"
    assert sm.inputs == fc.outputs and sm.options["beta"] == 1.0
    assert g.outputs == sm.outputs
    # MACs: spatial 3840 x 1 x 2 x 2 = 15,360; 3840 x 2 x 8 x 64 = 3,932,160; 240 x 8
    # x 8 x 64 = 983,040; FC 120 x 5 = 600
    assert [t * ci * co * k for t, ci, co, k in LAYERS] == [
        15_360, 3_932_160, 983_040, 600]
    assert 15_360 + 3_932_160 + 983_040 + 600 == 4_931_160
    # parameters (weights and biases): 2 x 2 + 2, 64 x 2 x 8 + 8, 64 x 8 x 8 + 8,
    # 120 x 5 + 5
    assert [ci * co * k + co for _, ci, co, k in LAYERS] == [6, 1_032, 4_104, 605]
    assert 6 + 1_032 + 4_104 + 605 == 5_747
    assert _hand_1d(LAYERS) == (4_931_160, 5_747)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (4_931_160, 5_747), (None, None), (None, None))


def test_no_training_space_draws_the_liv_b_model_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals and 2-D maps of
    other sizes (no 2 x 3840 input), one pool of stride at most 3 and FCs to 2, 4,
    10, 12 or 35 classes; tiny's pools are 2 or 3; no draw pools with a stride above
    3; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert 3840 not in spaces_longk.LENGTHS and 2 not in spaces_longk.SIDES
    assert 5 not in spaces_longk.CLASSES
    assert "min(pick(rng, (kk, 1, 2)), kk, 3)" in inspect.getsource(spaces_longk._pool)
    rng = np.random.default_rng(54)
    for name in ("longk", "tiny"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape != IN, name
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type == MP), name
    assert not _overlap_unnamed(ph.MODELS, {
        "chambon2018_2x3840": ("eegnet_8_2_64x128", "utime_4096", "wdcnn_2048")})


def test_family_liv_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37G == ("chambon2018_2x3840",)
    # after LIII's part B (SESSION37E; session 37's part F, SESSION37F, may sit
    # between where merged); every builder model once, registered
    _registered_after(ph, ph.SESSION37G, ph.SESSION37E)
    assert ph.MODELS["chambon2018_2x3840"][1].split()[0] == "longk"


@pytest.mark.slow
def test_family_liv_b_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the 1x16 / 16 pools and the 2x1 spatial conv
    g, ins, outs = _int8_io("chambon2018_2x3840")
    assert (ins, outs, g.op_types()) == ([IN], [OUT], TYPES)
    assert Counter(g.op_types()) == COUNTS
    assert _strides(g, MP) == [(1, 16), (1, 16)]
    assert _kernels(g, C) == [(2, 1), (1, 64), (1, 64)]
