"""jaxeff.gnn.heldout_nets_lxii_b (held-out families LXII, part B; session 39,
section 2, pre-registered): the published structure of Acharya et al.'s MI ECG CNN
(four 1-D VALID convs 1x102 of 3, 1x24, 1x11 and 1x9 of 10 on a 1 x 651 x 1 beat,
each with a standalone LEAKY_RELU 0.01 and a max pool 1x2 / 2, a flatten of 250, FC
30 and FC 10 with LEAKY_RELU, FC 2, SOFTMAX), its kernels, strides (the
narrow-input long-kernel conv pinned), paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand),
registration, the int8 build (slow) and the overlap with the training spaces (none
draws it exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxii_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, LR, MP, R, FC, SM = ("CONV_2D", "LEAKY_RELU", "MAX_POOL_2D", "RESHAPE",
                        "FULLY_CONNECTED", "SOFTMAX")

# -- Acharya et al. 2017
ACH_IN, ACH_OUT = (1, 1, 651, 1), (1, 2)
ACH_COUNTS = {C: 4, LR: 6, MP: 4, R: 1, FC: 3, SM: 1}
ACH_TYPES = [C, LR, MP] * 4 + [R, FC, LR, FC, LR, FC, SM]
#: the conv widths (VALID: W - k + 1) and the pool widths (VALID 1x2 / 2: floor(W /
#: 2); every conv width even, nothing floored)
ACH_CONV_W, ACH_POOL_W = (550, 252, 116, 50), (275, 126, 58, 25)
#: (output positions, C_in, C_out, taps): the convs, then the flatten of 25 x 10 =
#: 250 into the FCs
ACH_LAYERS = [(550, 1, 3, 102), (252, 3, 10, 24), (116, 10, 10, 11),
              (50, 10, 10, 9), (1, 250, 30, 1), (1, 30, 10, 1), (1, 10, 2, 1)]


def test_acharya_mi_ecg_valid_convs_leaky_pools_flatten_and_hand_counts():
    g = _graph(hl.acharya_mi_ecg, ACH_IN, ACH_OUT, 19, ACH_COUNTS)
    assert (hl.ACH_LEN, hl.ACH_LEADS, hl.ACH_FILTERS, hl.ACH_KERNELS, hl.ACH_POOL,
            hl.ACH_HIDDEN, hl.ACH_CLASSES, hl.ACH_ALPHA) == (
        651, 1, (3, 10, 10, 10), (102, 24, 11, 9), 2, (30, 10), 2, 0.01)
    assert g.op_types() == ACH_TYPES
    convs = [op for op in g.ops if op.type == C]
    # the convs: 1xk VALID, stride 1, linear (a standalone LEAKY_RELU after each),
    # with biases; the first on the input, 1 input channel (< 8) and 102 taps (>=
    # 16): rule Z's domain
    assert _kernels(g, C) == [(1, 102), (1, 24), (1, 11), (1, 9)]
    assert _strides(g, C) == [(1, 1)] * 4
    assert set(_opt(g, C, "padding")) == {"VALID"} and set(_acts(g, C)) == {"NONE"}
    assert {len(op.inputs) for op in convs} == {3}
    assert convs[0].inputs[0] == g.inputs[0]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (3, 1, 102, 1), (10, 1, 24, 3), (10, 1, 11, 10), (10, 1, 9, 10)]
    assert [g.tensors[op.inputs[2]].shape for op in convs] == [(3,), (10,), (10,),
                                                               (10,)]
    # VALID widths: 651 - 101 = 550, 275 - 23 = 252, 126 - 10 = 116, 58 - 8 = 50
    assert _out_shapes(g, C) == [(1, 550, 3), (1, 252, 10), (1, 116, 10),
                                 (1, 50, 10)]
    w = hl.ACH_LEN
    for k, cw, pw in zip(hl.ACH_KERNELS, ACH_CONV_W, ACH_POOL_W, strict=True):
        assert (w - k + 1, (w - k + 1 - 2) // 2 + 1) == (cw, pw) and cw % 2 == 0
        w = pw
    # LEAKY_RELU 0.01 after each conv and after FC 30 and FC 10; each pool on its
    # LEAKY_RELU
    lrs = [op for op in g.ops if op.type == LR]
    fcs = [op for op in g.ops if op.type == FC]
    assert _opt(g, LR, "alpha") == [0.01] * 6
    assert [op.inputs[0] for op in lrs] == [op.outputs[0] for op in convs + fcs[:2]]
    pools = [op for op in g.ops if op.type == MP]
    assert [p.inputs[0] for p in pools] == [op.outputs[0] for op in lrs[:4]]
    assert [op.inputs[0] for op in convs[1:]] == [p.outputs[0] for p in pools[:3]]
    # the max pools: 1x2 / (1, 2) VALID
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 2)] * 4
    assert _strides(g, MP) == [(1, 2)] * 4 and set(_opt(g, MP, "padding")) == {"VALID"}
    assert _out_shapes(g, MP) == [(1, 275, 3), (1, 126, 10), (1, 58, 10),
                                  (1, 25, 10)]
    # the head: flatten to [1, 250], FC 30, FC 10 (linear, then LEAKY_RELU), FC 2
    # linear, SOFTMAX
    rs = next(op for op in g.ops if op.type == R)
    assert rs.inputs[0] == pools[-1].outputs[0]
    assert g.tensors[rs.outputs[0]].shape == (1, 250) and 25 * 10 == 250
    assert _fc_weights(g) == [(30, 250), (10, 30), (2, 10)]
    assert _acts(g, FC) == ["NONE"] * 3
    assert [f.inputs[0] for f in fcs] == [rs.outputs[0], lrs[4].outputs[0],
                                          lrs[5].outputs[0]]
    sm = g.ops[-1]
    assert sm.inputs == fcs[2].outputs and g.outputs == sm.outputs
    # MACs: 550 x 1 x 3 x 102, 252 x 3 x 10 x 24, 116 x 10 x 10 x 11, 50 x 10 x 10
    # x 9, 250 x 30, 30 x 10, 10 x 2
    assert [t * ci * co * k for t, ci, co, k in ACH_LAYERS] == [
        168_300, 181_440, 127_600, 45_000, 7_500, 300, 20]
    assert 168_300 + 181_440 + 127_600 + 45_000 + 7_500 + 300 + 20 == 530_160
    assert [ci * co * k + co for _, ci, co, k in ACH_LAYERS] == [
        309, 730, 1_110, 910, 7_530, 310, 22]
    assert 309 + 730 + 1_110 + 910 + 7_530 + 310 + 22 == 10_921
    assert _hand_1d(ACH_LAYERS) == (530_160, 10_921)
    # published: no count recalled precisely enough; not pinned
    _pinned(g, (530_160, 10_921), (None, None), (None, None))


def test_no_training_space_draws_the_lxii_b_model_exactly():
    """The overlap stated in ``models.json``: longk draws 1-D signals of lengths
    without 651 and long kernels without 102 taps; tiny's sensor windows stop at 256
    samples; agg's and plain's LEAKY_RELU have slope 0.1; no draw takes the
    [1, 1, 651, 1] input; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_longk

    assert 651 not in spaces_longk.LENGTHS and 102 not in spaces_longk.KERNELS
    rng = np.random.default_rng(39)
    for name in ("longk", "tiny", "agg"):
        for _ in range(10):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape != ACH_IN, name
            assert all(op.options["alpha"] == pytest.approx(0.1)
                       for op in g.ops if op.type == LR), name
    assert not _overlap_unnamed(ph.MODELS, {
        "acharya_mi_ecg_651": ("ecg_cnn_187", "hannun_ecg_resnet_256",
                               "tsinalis2016_15000")})


def test_family_lxii_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION39B == ("acharya_mi_ecg_651",)
    # after LXI (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION39B, ph.SESSION38J)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION39B] == ["longk"]


@pytest.mark.slow
def test_family_lxii_b_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the standalone LEAKY_RELUs, the VALID widths and the narrow-input long-kernel
    # conv
    g, ins, outs = _int8_io("acharya_mi_ecg_651")
    assert (ins, outs) == ([ACH_IN], [ACH_OUT])
    assert Counter(g.op_types()) == ACH_COUNTS and g.op_types() == ACH_TYPES
    assert _kernels(g, C) == [(1, 102), (1, 24), (1, 11), (1, 9)]
    assert _out_shapes(g, C) == [(1, 550, 3), (1, 252, 10), (1, 116, 10),
                                 (1, 50, 10)]
    assert _out_shapes(g, MP) == [(1, 275, 3), (1, 126, 10), (1, 58, 10),
                                  (1, 25, 10)]
    assert _strides(g, MP) == [(1, 2)] * 4
    assert _fc_weights(g) == [(30, 250), (10, 30), (2, 10)]
