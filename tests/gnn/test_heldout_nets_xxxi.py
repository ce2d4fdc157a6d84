"""jaxeff.gnn.heldout_nets_xxxi (held-out families XXXI, part a; session 28 addendum
1): the published structures, op counts per type, the pinned multiply-add and parameter
counts (by hand) with their published counterparts, registration, the overlap with the
training spaces and int8 builds."""

import pytest

from jaxeff.gnn import heldout_nets_xxxi as hx
from tests.gnn.test_heldout_nets import _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxx import BC_BLOCKS, _bc_hand

_BC_OPS = {"CONV_2D": 18, "DEPTHWISE_CONV_2D": 25, "MUL": 24, "ADD": 32, "MEAN": 13,
           "LOGISTIC": 12, "PAD": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}


@pytest.mark.parametrize("f,w,exact,release,published", [
    (hx.bc_resnet2, 2, (7_323_672, 28_924), 27_284, 27.3e3),
    (hx.bc_resnet3, 3, (14_524_548, 56_628), 54_168, 54.2e3)])
def test_bc_resnet_width_channels_and_published_params(f, w, exact, release, published):
    g = _graph(f, (1, 40, 101, 1), (1, 12), 127, _BC_OPS)
    # every channel count times w: stem, the blocks' outputs, the last 1x1 conv
    assert _out_shapes(g, "CONV_2D")[0] == (20, 101, 16 * w)
    assert [s[-1] for s in _out_shapes(g, "MEAN")[:12]] == [c * w for _, c, *_ in
                                                             BC_BLOCKS]
    assert _out_shapes(g, "CONV_2D")[-1] == (1, 101, 32 * w)
    # the kernels, strides and dilations are BC-ResNet-1's
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(3, 1), (1, 3)] * 12 + [(5, 5)]
    assert _opt(g, "DEPTHWISE_CONV_2D", "dilation_w_factor")[1::2][:12] == [
        d for *_, d in BC_BLOCKS]
    macs, par, rel = _bc_hand(w=w)
    assert (macs, par, rel) == (*exact, release)
    # published (Table 2, recalled): 27.3 K / 54.2 K = the release's, to the rounding
    assert abs(rel / published - 1) < 0.002
    _pinned(g, exact, (None, published), (None, 0.07))


def test_bc_resnet1_default_graph_unchanged():
    from jaxeff.gnn.heldout_nets_xxx import bc_resnet1

    g = _graph(bc_resnet1, (1, 40, 101, 1), (1, 12), 127, _BC_OPS)
    _pinned(g, (2_482_156, 10_052), (None, None), (None, None))


def test_tenet6_inverted_bottlenecks_and_release_params():
    g = _graph(hx.tenet6, (1, 101, 1, 40), (1, 12), 31, {
        "CONV_2D": 16, "DEPTHWISE_CONV_2D": 6, "ADD": 6, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # 3x1 stem; per strided block a 1x1/2 shortcut, 1x1 expand, 9x1 dw, 1x1 project
    assert _kernels(g, "CONV_2D") == [(3, 1)] + ([(1, 1)] * 3 + [(1, 1)] * 2) * 3
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(9, 1)] * 6
    assert _opt(g, "DEPTHWISE_CONV_2D", "stride_h") == [2, 1] * 3
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "stride_w")) == {1}
    assert _opt(g, "CONV_2D", "stride_h") == [1] + [2, 1, 1, 1, 1] * 3
    # expansion 3 (96), 32 channels; 101 -> 51 -> 26 -> 13 frames (SAME)
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == [32] + [32, 96, 32, 96,
                                                                  32] * 3
    assert _out_shapes(g, "ADD") == [(51, 1, 32)] * 2 + [(26, 1, 32)] * 2 + [
        (13, 1, 32)] * 2
    # RELU on the stem, expansions and dws; shortcuts, projections, ADDs linear
    assert _acts(g, "CONV_2D") == ["RELU"] + ["NONE", "RELU", "NONE", "RELU",
                                              "NONE"] * 3
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"RELU"}
    assert set(_acts(g, "ADD")) == {"NONE"}
    layers = [(101, 40, 32, 3)]
    for ti, to in ((101, 51), (51, 26), (26, 13)):
        layers += [(to, 32, 32, 1), (ti, 32, 96, 1), (to, 96, None, 9), (to, 96, 32, 1),
                   (to, 32, 96, 1), (to, 96, None, 9), (to, 96, 32, 1)]
    assert _hand_1d(layers + [(1, 32, 12, 1)]) == (2_012_160, 50_828)
    # the release: bias-free, one batch norm shift a normalised channel, FC bias-free
    assert _params(g) - 12 == 50_816
    # published (recalled, uncertain): about 54 K parameters (-6 %)
    _pinned(g, (2_012_160, 50_828), (None, 54e3), (None, 0.07))


def test_cnn_tstride2_time_striding_layers_and_published_counts():
    g = _graph(hx.cnn_tstride2, (1, 32, 40, 1), (1, 12), 8, {
        "CONV_2D": 2, "MAX_POOL_2D": 1, "RESHAPE": 1, "FULLY_CONNECTED": 3,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == ["CONV_2D", "MAX_POOL_2D", "CONV_2D",
                                         "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + [
                                             "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(16, 8), (9, 4)]
    assert _opt(g, "CONV_2D", "stride_h") == [2, 1]
    assert set(_opt(g, "CONV_2D", "stride_w")) == {1}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert _acts(g, "CONV_2D") == ["RELU", "RELU"]
    assert _out_shapes(g, "CONV_2D") == [(9, 33, 78), (1, 8, 78)]
    pool = g.ops[1]
    assert (pool.options["filter_height"], pool.options["filter_width"],
            pool.options["stride_w"]) == (1, 3, 3)
    assert _out_shapes(g, "MAX_POOL_2D") == [(9, 11, 78)]
    assert [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "FULLY_CONNECTED"] == [(1, 32), (1, 128), (1, 12)]
    assert _acts(g, "FULLY_CONNECTED") == ["NONE", "RELU", "NONE"]
    macs = 297 * 16 * 8 * 78 + 8 * 9 * 4 * 78 * 78 + 624 * 32 + 32 * 128 + 128 * 12
    par = (16 * 8 * 78 + 78 + 9 * 4 * 78 * 78 + 78 + 624 * 32 + 32 + 32 * 128 + 128
           + 128 * 12 + 12)
    assert (macs, par) == (4_743_040, 254_936)
    # published (recalled): the layers' 10.0 K, 219.0 K, 20.0 K parameters
    assert [round(v / 1e2) for v in (16 * 8 * 78, 9 * 4 * 78 * 78, 624 * 32)] == [
        100, 2190, 200]
    # on the paper's 4 outputs, without biases: 253,584 (about 254 K)
    assert par - 8 * 128 - 8 - (78 + 78 + 32 + 128 + 4) == 253_584
    _pinned(g, (4_743_040, 254_936), (None, 254e3), (None, 0.01))


def test_no_training_space_draws_a_xxxi_a_model_exactly():
    """The overlap stated in ``models.json``: each model misses every space's exact
    choices by the values named here."""
    from jaxeff.gnn import spaces_bcast as sb
    from jaxeff.gnn import spaces_tiny as st

    # BC-ResNet-2 / -3: 127 ops (bcast at most 40, tiny 12), a 40 x 101 input, and
    # BC-ResNet-3's 36 / 60 / 96 channels
    assert sb.MAX_OPS < 127 and st.MAX_OPS < 127
    assert 101 not in sb.IN_W and 40 not in sb.IN_H
    assert {16, 24, 32, 40, 64} <= set(sb.CHANNELS)
    assert not {36, 60, 96} & set(sb.CHANNELS)
    # TENet6: a 9-tap depthwise kernel (mbconv's 3 / 5 / 7, bcast's 3), 40-channel in
    assert 40 not in sb.IN_C and 9 not in st.KERNEL_H
    # cnn-tstride2: 78 filters, kernel heights 16 and 9 (widths 8, 4 drawn)
    assert 78 not in st.FILTERS and not {16, 9} & set(st.KERNEL_H)
    assert {8, 4} <= set(st.KERNEL_W) and {32, 128} <= set(st.FC_WIDTHS)
    from experiments import perfsage_heldout as ph
    for m in ph.SESSION28C:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]


def test_families_xxxi_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION28C == ("bc_resnet2_40x101", "bc_resnet3_40x101",
                             "tenet6_101x40", "cnn_tstride2_32x40")
    i, _ = _registered(ph.SESSION28C, ["bcast", "bcast", "mbconv", "tiny"], {})
    assert ph.BUILDER_MODELS[i - len(ph.SESSION28B):i] == ph.SESSION28B
    shapes = {"bc_resnet2_40x101": ((1, 40, 101, 1), 127),
              "bc_resnet3_40x101": ((1, 40, 101, 1), 127),
              "tenet6_101x40": ((1, 101, 1, 40), 31),
              "cnn_tstride2_32x40": ((1, 32, 40, 1), 8)}
    for name, (shape, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [(1, 12)] and len(g.ops) == n_ops, name
