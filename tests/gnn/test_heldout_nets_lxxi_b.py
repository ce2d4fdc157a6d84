"""jaxeff.gnn.heldout_nets_lxxi_b (held-out families LXXI, part B; session 43,
addendum 3, pre-registered): the published structures of Xu, Wu and Shi's
steganalysis CNN (Xu-Net: a fixed 5x5 KV high-pass conv on a 256 x 256 gray image; a
5x5 conv of 8, ABS, TANH; a 5x5 conv of 16, TANH; 1x1 RELU convs of 32, 64, 128; four
5x5 / 2 average pools, MEAN, FC 2, SOFTMAX) and Schlueter and Boeck's onset detection
CNN (15 frames x 80 bands x 3 spectrograms; a 7x3 VALID conv of 10 and a 3x3 VALID
conv of 20, each with TANH and a 1x3 / (1, 3) max pool; flatten, FC 256 LOGISTIC, FC 1
LOGISTIC): their kernels, strides, paddings, output shapes, activations, op counts and
sequences, the pinned multiply-add and parameter counts (by hand), the fixed
high-pass weights, registration, the int8 builds (slow) and the overlap with the
training spaces (none draws them exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxxi_b as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxiv_b import _chain
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, AB, T, AP, ME, FC, SM = ("CONV_2D", "ABS", "TANH", "AVERAGE_POOL_2D", "MEAN",
                            "FULLY_CONNECTED", "SOFTMAX")
MP, R, LG = "MAX_POOL_2D", "RESHAPE", "LOGISTIC"
NAMES = ("xu_net_256", "schluter_onset_15x80x3")

# -- Xu-Net
X_IN, X_OUT = (1, 256, 256, 1), (1, 2)
X_COUNTS = {C: 6, AB: 1, T: 2, AP: 4, ME: 1, FC: 1, SM: 1}
X_TYPES = [C, C, AB, T, AP, C, T, AP, C, AP, C, AP, C, ME, FC, SM]
X_KERNELS = [(5, 5)] * 3 + [(1, 1)] * 3
X_CONV = [(256, 256, 1), (256, 256, 8), (128, 128, 16), (64, 64, 32), (32, 32, 64),
          (16, 16, 128)]
#: (output positions, C_in, C_out, kernel taps) of the convs (the high-pass one
#: first), then the FC
X_LAYERS = [(256 * 256, 1, 1, 25), (256 * 256, 1, 8, 25), (128 * 128, 8, 16, 25),
            (64 * 64, 16, 32, 1), (32 * 32, 32, 64, 1), (16 * 16, 64, 128, 1),
            (1, 128, 2, 1)]

# -- onset CNN
O_IN, O_OUT = (1, 15, 80, 3), (1, 1)
O_COUNTS = {C: 2, T: 2, MP: 2, R: 1, FC: 2, LG: 2}
O_TYPES = [C, T, MP, C, T, MP, R, FC, LG, FC, LG]
O_LAYERS = [(9 * 78, 3, 10, 7 * 3), (7 * 24, 10, 20, 3 * 3), (1, 1120, 256, 1),
            (1, 256, 1, 1)]


def test_xu_net_groups_fixed_high_pass_and_hand_counts():
    g = _graph(hl.xu_net, X_IN, X_OUT, 16, X_COUNTS)
    assert (hl.XU_SIDE, hl.XU_FILTERS, hl.XU_KERNELS, hl.XU_POOL, hl.XU_POOL_STRIDE,
            hl.XU_CLASSES) == (256, (8, 16, 32, 64, 128), (5, 5, 1, 1, 1), 5, 2, 2)
    assert g.op_types() == X_TYPES
    _chain(g)
    # the fixed KV high-pass conv: 1 -> 1 channel, the kernel x 1/12, zero bias;
    # symmetric, zero-sum (a high-pass residual)
    hpf = g.ops[0]
    w = np.asarray(g.tensors[hpf.inputs[1]].data)
    assert w.shape == (1, 5, 5, 1)
    np.testing.assert_array_equal(w[0, :, :, 0], hl.KV_KERNEL)
    k = 12 * hl.KV_KERNEL
    assert k.tolist() == [[-1, 2, -2, 2, -1], [2, -6, 8, -6, 2], [-2, 8, -12, 8, -2],
                          [2, -6, 8, -6, 2], [-1, 2, -2, 2, -1]]
    assert k.sum() == 0 and (k == k.T).all() and (k == k[::-1]).all()
    assert np.asarray(g.tensors[hpf.inputs[2]].data).tolist() == [0.0]
    # the convs: SAME, stride 1, linear before ABS / TANH, RELU on the 1x1s
    assert _kernels(g, C) == X_KERNELS and set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] * 3 + ["RELU"] * 3
    assert [g.tensors[op.inputs[1]].shape[3] for op in g.ops if op.type == C] == [
        1, 1, 8, 16, 32, 64]
    assert _out_shapes(g, C) == X_CONV
    # the pools: 5x5 / 2 SAME average (overlapping), halving 256 -> 16
    pools = [op for op in g.ops if op.type == AP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(5, 5)] * 4
    assert _strides(g, AP) == [(2, 2)] * 4 and _opt(g, AP, "padding") == ["SAME"] * 4
    assert _out_shapes(g, AP) == [(128, 128, 8), (64, 64, 16), (32, 32, 32),
                                  (16, 16, 64)]
    # the head: MEAN over H and W (no kept dims), FC 2 linear, SOFTMAX
    mean = next(op for op in g.ops if op.type == ME)
    assert g.tensors[mean.inputs[1]].data.tolist() == [1, 2]
    assert mean.options["keep_dims"] is False
    assert g.tensors[mean.outputs[0]].shape == (1, 128)
    assert _fc_weights(g) == [(2, 128)] and _acts(g, FC) == ["NONE"]
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in X_LAYERS] == [
        1_638_400, 13_107_200, 52_428_800, 2_097_152, 2_097_152, 2_097_152, 256]
    assert 65_536 * 25 == 1_638_400 and 16_384 * 16 * 8 * 25 == 52_428_800
    assert (1_638_400 + 13_107_200 + 52_428_800 + 3 * 2_097_152 + 256) == 73_466_112
    # parameters by hand (the high-pass conv's 25 fixed weights and zero bias in)
    assert [ci * co * k + co for _, ci, co, k in X_LAYERS] == [
        26, 208, 3_216, 544, 2_112, 8_320, 258]
    assert 26 + 208 + 3_216 + 544 + 2_112 + 8_320 + 258 == 14_684
    assert _hand_1d(X_LAYERS) == (73_466_112, 14_684)
    _pinned(g, (73_466_112, 14_684), (None, None), (None, None))


def test_xu_net_high_pass_reads_no_generator():
    """The fixed high-pass conv draws nothing: the learned weights equal those of a
    builder that starts at the first learned conv."""
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0), "t")
    x = hl._fixed_hpf(b, b.input(X_IN))
    assert b.shape(x) == X_IN
    assert b.rng.bit_generator.state == np.random.default_rng(0).bit_generator.state


def test_schluter_onset_convs_pools_head_and_hand_counts():
    g = _graph(hl.schluter_onset, O_IN, O_OUT, 11, O_COUNTS)
    assert (hl.ONSET_FRAMES, hl.ONSET_BANDS, hl.ONSET_CHANNELS, hl.ONSET_CONVS,
            hl.ONSET_POOL, hl.ONSET_HIDDEN) == (15, 80, 3, ((7, 3, 10), (3, 3, 20)),
                                                (1, 3), 256)
    assert g.op_types() == O_TYPES
    _chain(g)
    # the convs: 7x3 (7 frames x 3 bands) and 3x3, VALID, stride 1, linear (TANH
    # standalone)
    assert _kernels(g, C) == [(7, 3), (3, 3)] and set(_strides(g, C)) == {(1, 1)}
    assert _opt(g, C, "padding") == ["VALID"] * 2 and _acts(g, C) == ["NONE"] * 2
    assert [g.tensors[op.inputs[1]].shape[3] for op in g.ops if op.type == C] == [
        3, 10]
    assert _out_shapes(g, C) == [(9, 78, 10), (7, 24, 20)]
    # the pools: over frequency only, 1x3 / (1, 3), VALID
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(1, 3)] * 2
    assert _strides(g, MP) == [(1, 3)] * 2 and _opt(g, MP, "padding") == ["VALID"] * 2
    assert _out_shapes(g, MP) == [(9, 26, 10), (7, 8, 20)]
    assert (15 - 7 + 1, 80 - 3 + 1, 78 // 3, 9 - 2, 26 - 2, 24 // 3) == (
        9, 78, 26, 7, 24, 8)
    # the head: flatten 7 x 8 x 20 = 1,120, FC 256, LOGISTIC, FC 1, LOGISTIC
    rs = next(op for op in g.ops if op.type == R)
    assert g.tensors[rs.outputs[0]].shape == (1, 1120) and 7 * 8 * 20 == 1120
    assert _fc_weights(g) == [(256, 1120), (1, 256)]
    assert _acts(g, FC) == ["NONE"] * 2
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in O_LAYERS] == [
        442_260, 302_400, 286_720, 256]
    assert 702 * 630 == 442_260 and 168 * 1800 == 302_400
    assert 442_260 + 302_400 + 286_720 + 256 == 1_031_636
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in O_LAYERS] == [640, 1_820, 286_976,
                                                                 257]
    assert 640 + 1_820 + 286_976 + 257 == 289_693
    assert _hand_1d(O_LAYERS) == (1_031_636, 289_693)
    _pinned(g, (1_031_636, 289_693), (None, None), (None, None))


def test_family_lxxi_b_registered_and_overlap_text():
    """Registered after LXX part C (other families, LXXI parts A and others, may sit
    between or follow); the overlap stated in ``models.json``: longk's maps stop at
    128 a side, its first-conv extents skip 7, its filters 10, its layer filters 20;
    tiny's kernel heights skip 7; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk, spaces_tiny

    assert ph.SESSION43E == NAMES
    _registered_after(ph, ph.SESSION43E, ph.SESSION43C)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "longk"]
    assert 256 not in spaces_longk.SIDES and max(spaces_longk.SIDES) == 128
    assert 80 in spaces_longk.SIDES and 15 not in spaces_longk.SIDES
    assert 5 in spaces_longk.KERNELS and 7 not in spaces_longk.KERNELS
    assert 8 in spaces_longk.FILTERS and 10 not in spaces_longk.FILTERS
    assert 20 not in spaces_longk.LAYER_FILTERS and 3 in spaces_longk.IN_C
    assert 7 not in spaces_tiny.KERNEL_H and 256 in spaces_tiny.FC_WIDTHS
    assert not _overlap_unnamed(ph.MODELS, {
        "xu_net_256": ("lenet1_28", "cifar10_quick_32", "dcgan_generator_64"),
        "schluter_onset_15x80x3": ("piczak_esc_60x41", "cnn_tstride4_32x40",
                                   "cnn_tpool2_32x40")})


def test_no_training_space_draws_abs():
    """Xu-Net's ABS is new to every training space (their sources name no ABS)."""
    import pathlib

    import jaxeff.gnn as gnn

    src = pathlib.Path(gnn.__file__).parent
    assert not [p.name for p in src.glob("spaces*.py") if '"ABS"' in p.read_text()]


@pytest.mark.slow
def test_family_lxxi_b_int8():
    g, ins, outs = _int8_io("xu_net_256")
    assert (ins, outs) == ([X_IN], [X_OUT])
    assert Counter(g.op_types()) == X_COUNTS and g.op_types() == X_TYPES
    assert _kernels(g, C) == X_KERNELS and _out_shapes(g, C) == X_CONV
    assert _opt(g, AP, "padding") == ["SAME"] * 4
    assert _fc_weights(g) == [(2, 128)]
    g, ins, outs = _int8_io("schluter_onset_15x80x3")
    assert (ins, outs) == ([O_IN], [O_OUT])
    assert Counter(g.op_types()) == O_COUNTS and g.op_types() == O_TYPES
    assert _kernels(g, C) == [(7, 3), (3, 3)]
    assert _out_shapes(g, MP) == [(9, 26, 10), (7, 8, 20)]
    assert _fc_weights(g) == [(256, 1120), (1, 256)]
