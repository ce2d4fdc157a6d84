"""jaxeff.gnn.heldout_nets_lviii_b (held-out families LVIII, part B; session 38,
section 3, pre-registered): the published structure of Ignatov's HAR CNN (a 1x16
VALID RELU conv of 196 on a 1 x 128 x 3 accelerometer window, a max pool 1x4 / 4, a
flatten of 5,488, FC 1024 RELU, FC 6, SOFTMAX), its kernel, strides (the pool's above
3 and the narrow-input long-kernel conv pinned), paddings, output shapes,
activations, op counts per type, the pinned multiply-add and parameter counts (by
hand), registration, the int8 build (slow) and the overlap with the training spaces
(none draws it exactly); and that the pre-registered SampleCNN 3^9 is the graph the
held-out set already holds as ``samplecnn_59049`` (session 33), so it is not
registered twice."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lviii_b as hl
from jaxeff.gnn import heldout_nets_xli
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, MP, R, FC, SM, LG = ("CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED",
                        "SOFTMAX", "LOGISTIC")

# -- Ignatov 2018
IGN_IN, IGN_OUT = (1, 1, 128, 3), (1, 6)
IGN_COUNTS = {C: 1, MP: 1, R: 1, FC: 2, SM: 1}
IGN_TYPES = [C, MP, R, FC, FC, SM]
#: (output positions, C_in, C_out, taps): 128 - 15 = 113 samples; the flatten of 28
#: x 196 = 5,488 into the FCs
IGN_LAYERS = [(113, 3, 196, 16), (1, 5488, 1024, 1), (1, 1024, 6, 1)]


def test_ignatov_har_long_kernel_pool_stride_4_flatten_and_hand_counts():
    g = _graph(hl.ignatov_har, IGN_IN, IGN_OUT, 6, IGN_COUNTS)
    assert (hl.IGN_LEN, hl.IGN_AXES, hl.IGN_FILTERS, hl.IGN_K, hl.IGN_POOL,
            hl.IGN_HIDDEN, hl.IGN_CLASSES) == (128, 3, 196, 16, 4, 1024, 6)
    assert g.op_types() == IGN_TYPES
    c1, p1, rs, f1, f2, sm = g.ops
    # the conv: 1x16 VALID RELU, stride 1, with a bias, on the input; 3 input
    # channels (< 8) and 16 taps (>= 16): rule Z's domain
    assert _kernels(g, C) == [(1, 16)]
    assert _strides(g, C) == [(1, 1)]
    assert _opt(g, C, "padding") == ["VALID"] and _acts(g, C) == ["RELU"]
    assert len(c1.inputs) == 3 and c1.inputs[0] == g.inputs[0]
    assert g.tensors[c1.inputs[1]].shape == (196, 1, 16, 3)
    assert g.tensors[c1.inputs[2]].shape == (196,)
    assert _out_shapes(g, C) == [(1, 113, 196)]
    # the max pool: 1x4 / (1, 4) VALID (stride 4 above 3; 113 floored, 1 dropped)
    assert (p1.options["filter_height"], p1.options["filter_width"]) == (1, 4)
    assert _strides(g, MP) == [(1, 4)] and _opt(g, MP, "padding") == ["VALID"]
    assert _out_shapes(g, MP) == [(1, 28, 196)]
    assert (113 - 4) // 4 + 1 == 28 and 113 % 4 == 1
    assert p1.inputs[0] == c1.outputs[0]
    # the head: flatten to [1, 5488], FC 1024 RELU, FC 6 linear, SOFTMAX
    assert rs.inputs[0] == p1.outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 5488) and 28 * 196 == 5488
    assert _fc_weights(g) == [(1024, 5488), (6, 1024)]
    assert _acts(g, FC) == ["RELU", "NONE"]
    assert (f1.inputs[0], f2.inputs[0]) == (rs.outputs[0], f1.outputs[0])
    assert sm.inputs == f2.outputs and g.outputs == sm.outputs
    # MACs: 113 x 3 x 196 x 16, 5,488 x 1,024, 1,024 x 6
    assert [t * ci * co * k for t, ci, co, k in IGN_LAYERS] == [
        1_063_104, 5_619_712, 6_144]
    assert 1_063_104 + 5_619_712 + 6_144 == 6_688_960
    assert [ci * co * k + co for _, ci, co, k in IGN_LAYERS] == [
        9_604, 5_620_736, 6_150]
    assert 9_604 + 5_620_736 + 6_150 == 5_636_490
    assert _hand_1d(IGN_LAYERS) == (6_688_960, 5_636_490)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (6_688_960, 5_636_490), (None, None), (None, None))


def test_preregistered_samplecnn_is_the_session_33_graph():
    """Section 3's SampleCNN 3^9 (a 1x3 / 3 VALID RELU conv of 128 on 59,049 samples,
    nine modules of a 1x3 SAME RELU conv and a max pool 1x3 / 3 of 128, 128, 256,
    256, 256, 256, 256, 256, 512, a 1x1 RELU conv of 512, a flatten, FC 50,
    LOGISTIC) is :func:`jaxeff.gnn.heldout_nets_xli.samplecnn` op for op, registered
    once as ``samplecnn_59049`` in SESSION33C (not again in SESSION38B)."""
    from experiments import perfsage_heldout as ph

    hx = heldout_nets_xli
    assert (hx.SAMPLECNN_STEM, hx.SAMPLECNN_K, hx.SAMPLECNN_WIDTHS, hx.SAMPLECNN_LAST,
            hx.SAMPLECNN_TAGS) == (
        128, 3, (128, 128, 256, 256, 256, 256, 256, 256, 512), 512, 50)
    g = _graph(hx.samplecnn, (1, 1, 59049, 1), (1, 50), 23,
               {C: 11, MP: 9, R: 1, FC: 1, LG: 1})
    assert g.op_types() == [C] + [C, MP] * 9 + [C, R, FC, LG]
    assert _kernels(g, C) == [(1, 3)] * 10 + [(1, 1)]
    assert _strides(g, C) == [(1, 3)] + [(1, 1)] * 10
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 10
    assert set(_acts(g, C)) == {"RELU"} and _acts(g, FC) == ["NONE"]
    assert set(_strides(g, MP)) == {(1, 3)}
    assert _out_shapes(g, R) == [(512,)] and _fc_weights(g) == [(50, 512)]
    _pinned(g, (1_728_067_712, 1_863_986), (None, None), (None, None))
    assert "samplecnn_59049" in ph.SESSION33C
    assert "samplecnn_59049" not in ph.SESSION38B
    assert ph.BUILDER_MODELS.count("samplecnn_59049") == 1


def _no_draw_pools_above_3(names, seed=58, draws=10):
    """``draws`` graphs of each training space of ``names`` (one generator of
    ``seed``) pool with strides of at most 3 (max and average pools)."""
    from jaxeff.gnn import spaces

    rng = np.random.default_rng(seed)
    for name in names:
        for _ in range(draws):
            g, _ = spaces.SAMPLERS[name](rng)
            assert all(max(op.options["stride_h"], op.options["stride_w"]) <= 3
                       for op in g.ops if op.type in (MP, "AVERAGE_POOL_2D")), name


def test_no_training_space_draws_the_lviii_b_model_exactly():
    """The overlap stated in ``models.json``: longk draws [1, 1, 128, 3] signals
    under 1 x 16 convs, but of at most 192 filters, pools of stride at most 3, hidden
    FCs of at most 128 and FCs of at most 2 M weights; no draw pools with a stride
    above 3; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk

    assert 128 in spaces_longk.LENGTHS and 3 in spaces_longk.IN_C
    assert 16 in spaces_longk.KERNELS and max(spaces_longk.FILTERS) == 192 < 196
    assert max(spaces_longk.HIDDEN) == 128 < 1024 and 6 not in spaces_longk.CLASSES
    assert spaces_longk.MAX_FC_WEIGHTS == 2_000_000 < 5488 * 1024
    _no_draw_pools_above_3(("longk", "tiny"))
    assert not _overlap_unnamed(ph.MODELS, {
        "ignatov_har_128": ("har_cnn1d_128x9", "tsinalis2016_15000")})


def test_family_lviii_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION38B == ("ignatov_har_128",)
    # after LVII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION38B, ph.SESSION37J)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION38B] == ["longk"]


@pytest.mark.slow
def test_family_lviii_b_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the pool of stride 4 and the narrow-input long-kernel conv
    g, ins, outs = _int8_io("ignatov_har_128")
    assert (ins, outs) == ([IGN_IN], [IGN_OUT])
    assert Counter(g.op_types()) == IGN_COUNTS and g.op_types() == IGN_TYPES
    assert _strides(g, MP) == [(1, 4)]
    assert _kernels(g, C) == [(1, 16)]
