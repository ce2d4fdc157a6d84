"""jaxeff.gnn.heldout_nets_xxxii (held-out families XXXII, part a; session 29): the
published structures, op counts per type, the pinned multiply-add and parameter counts
(by hand) with their published counterparts, registration, the overlap with the
training spaces and int8 builds."""

from jaxeff.gnn import heldout_nets_xxxii as hx
from tests.gnn.test_heldout_nets import _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt


def test_wdcnn_table1_output_widths_and_hand_counts():
    g = _graph(hx.wdcnn, (1, 2048, 1, 1), (1, 10), 14, {
        "CONV_2D": 5, "MAX_POOL_2D": 5, "RESHAPE": 1, "FULLY_CONNECTED": 2,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == ["CONV_2D", "MAX_POOL_2D"] * 5 + [
        "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    # the wide first-layer kernel 64x1/16, then 3x1/1; padded but the last
    assert _kernels(g, "CONV_2D") == [(64, 1)] + [(3, 1)] * 4
    assert _opt(g, "CONV_2D", "stride_h") == [16, 1, 1, 1, 1]
    assert _opt(g, "CONV_2D", "padding") == ["SAME"] * 4 + ["VALID"]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # Table 1's output widths x kernels: 128x16, 64x16, 64x32, 32x32, 32x64, 16x64,
    # 16x64, 8x64, 6x64, 3x64
    assert _out_shapes(g, "CONV_2D") == [(128, 1, 16), (64, 1, 32), (32, 1, 64),
                                         (16, 1, 64), (6, 1, 64)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(64, 1, 16), (32, 1, 32), (16, 1, 64),
                                             (8, 1, 64), (3, 1, 64)]
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {2}
    assert set(_opt(g, "MAX_POOL_2D", "stride_h")) == {2}
    assert [g.tensors[op.outputs[0]].shape for op in g.ops
            if op.type == "FULLY_CONNECTED"] == [(1, 100), (1, 10)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    layers = [(128, 1, 16, 64), (64, 16, 32, 3), (32, 32, 64, 3), (16, 64, 64, 3),
              (6, 64, 64, 3), (1, 192, 100, 1), (1, 100, 10, 1)]
    assert _hand_1d(layers) == (716_520, 53_830)
    # published: no total count recalled (not pinned)
    _pinned(g, (716_520, 53_830), (None, None), (None, None))


def test_m5_table1_output_lengths_and_published_params():
    g = _graph(hx.m5, (1, 32000, 1, 1), (1, 10), 11, {
        "CONV_2D": 4, "MAX_POOL_2D": 4, "MEAN": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    assert _kernels(g, "CONV_2D") == [(80, 1), (3, 1), (3, 1), (3, 1)]
    assert _opt(g, "CONV_2D", "stride_h") == [4, 1, 1, 1]
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {4}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    # Table 1: 2000 x 128, 500 x 128, 125 x 256, 31 x 512 after the pools
    assert _out_shapes(g, "MAX_POOL_2D") == [(2000, 1, 128), (500, 1, 128),
                                             (125, 1, 256), (31, 1, 512)]
    assert _out_shapes(g, "CONV_2D")[0] == (8000, 1, 128)
    layers = [(8000, 1, 128, 80), (2000, 128, 128, 3), (500, 128, 256, 3),
              (125, 256, 512, 3), (1, 512, 10, 1)]
    assert _hand_1d(layers) == (278_533_120, 557_066)
    assert _params(g) - (128 + 128 + 256 + 512 + 10) == 556_032  # without biases
    # published (Table 1, recalled): 0.5 M parameters (+11 %)
    _pinned(g, (278_533_120, 557_066), (None, 0.5e6), (None, 0.12))


def test_eegnet_8_2_table2_layers_elu_and_published_params():
    g = _graph(hx.eegnet_8_2, (1, 64, 128, 1), (1, 4), 11, {
        "CONV_2D": 2, "DEPTHWISE_CONV_2D": 2, "ELU": 2, "AVERAGE_POOL_2D": 2,
        "RESHAPE": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert [op.type for op in g.ops] == [
        "CONV_2D", "DEPTHWISE_CONV_2D", "ELU", "AVERAGE_POOL_2D", "DEPTHWISE_CONV_2D",
        "CONV_2D", "ELU", "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"]
    # temporal 1x64 SAME (F1 = 8); spatial 64x1 VALID depthwise, D = 2; separable
    # 1x16 depthwise SAME + 1x1 of F2 = 16; every conv linear (batch norm, then ELU)
    assert _kernels(g, "CONV_2D") == [(1, 64), (1, 1)]
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(64, 1), (1, 16)]
    assert _opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier") == [2, 1]
    assert _opt(g, "DEPTHWISE_CONV_2D", "padding") == ["VALID", "SAME"]
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "CONV_2D") + _acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert _out_shapes(g, "CONV_2D") == [(64, 128, 8), (1, 32, 16)]
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [(1, 128, 16), (1, 32, 16)]
    assert _out_shapes(g, "ELU") == [(1, 128, 16), (1, 32, 16)]
    assert _opt(g, "AVERAGE_POOL_2D", "filter_width") == [4, 8]
    assert _opt(g, "AVERAGE_POOL_2D", "stride_w") == [4, 8]
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(1, 32, 16), (1, 4, 16)]
    assert g.tensors[g.ops[-2].inputs[0]].shape == (1, 64)  # F2 x T / 32
    layers = [(64 * 128, 1, 8, 64), (128, 16, None, 64), (32, 16, None, 16),
              (32, 16, 16, 1), (1, 64, 4, 1)]
    assert _hand_1d(layers) == (4_342_016, 2_364)
    # Table 2's per-layer formulas (recalled; C = 64, T = 128, N = 4, no bias)
    c, t, n, f1, d, f2 = 64, 128, 4, 8, 2, 16
    table2 = (64 * f1 + 2 * f1 + c * d * f1 + 2 * d * f1 + 16 * d * f1 + f2 * d * f1
              + 2 * f2 + n * f2 * t // 32)
    assert table2 == 2_384
    # the graph: the batch norms' 80 scales / shifts become 60 biases
    assert table2 - 2 * (f1 + d * f1 + f2) + (f1 + 2 * d * f1 + f2 + n) == 2_364
    _pinned(g, (4_342_016, 2_364), (None, 2_384), (None, 0.01))


def test_tcn_smnist_dilated_causal_blocks_and_published_params():
    g = _graph(hx.tcn_smnist, (1, 784, 1, 1), (1, 10), 44, {
        "CONV_2D": 17, "PAD": 16, "ADD": 8, "STRIDED_SLICE": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    # the first block: 1x1 shortcut conv 1 -> 25, then (PAD, conv) x 2, ADD
    assert [op.type for op in g.ops[:6]] == ["CONV_2D", "PAD", "CONV_2D", "PAD",
                                             "CONV_2D", "ADD"]
    assert [op.type for op in g.ops[6:11]] == ["PAD", "CONV_2D", "PAD", "CONV_2D",
                                               "ADD"]
    assert [op.type for op in g.ops[-3:]] == ["STRIDED_SLICE", "FULLY_CONNECTED",
                                              "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(1, 1)] + [(7, 1)] * 16
    dil = [2 ** i for i in range(8) for _ in range(2)]
    assert _opt(g, "CONV_2D", "dilation_h_factor") == [1] + dil
    assert set(_opt(g, "CONV_2D", "dilation_w_factor")) == {1}
    assert _opt(g, "CONV_2D", "padding") == ["SAME"] + ["VALID"] * 16
    assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
    # causal: (k - 1) d = 6 d steps before the sequence, none after
    pads = [g.tensors[op.inputs[1]].data.tolist() for op in g.ops if op.type == "PAD"]
    assert pads == [[[0, 0], [6 * d, 0], [0, 0], [0, 0]] for d in dil]
    assert _out_shapes(g, "PAD") == [(784 + 6 * d, 1, c) for d, c in
                                     zip(dil, [1, 25] + [25] * 14, strict=True)]
    assert set(_out_shapes(g, "CONV_2D")) == {(784, 1, 25)}
    assert _acts(g, "CONV_2D") == ["NONE"] + ["RELU"] * 16
    assert set(_acts(g, "ADD")) == {"RELU"}
    sl = g.ops[-3]
    assert [g.tensors[i].data.tolist() for i in sl.inputs[1:]] == [
        [0, 783, 0, 0], [1, 784, 1, 25], [1, 1, 1, 1]]
    assert g.tensors[sl.outputs[0]].shape == (1, 1, 1, 25)
    layers = [(784, 1, 25, 7), (784, 25, 25, 7), (784, 1, 25, 1)] + [
        (784, 25, 25, 7)] * 14 + [(1, 25, 10, 1)]
    assert _hand_1d(layers) == (51_607_050, 66_510)
    # the release's weight norms add a gain per output channel of each causal conv
    assert 66_510 + 16 * 25 == 66_910
    # published (Table 1, recalled): seq. MNIST TCN about 70 K parameters (-5 %)
    _pinned(g, (51_607_050, 66_510), (None, 70e3), (None, 0.06))


def test_no_training_space_draws_a_xxxii_a_model_exactly():
    """The overlap stated in ``models.json``: each model misses every space's exact
    choices by the values named here."""
    from jaxeff.gnn import spaces_bcast as sb
    from jaxeff.gnn import spaces_tiny as st

    sensor_t = (64, 128, 187, 256)  # tiny's sensor windows (spaces_tiny._input)
    # WDCNN: 14 ops (tiny at most 12), 2048 samples, a 64-tap kernel, FC 100
    assert st.MAX_OPS < 14 and 2048 not in sensor_t
    assert max(st.KERNEL_H) < 64 and 100 not in st.FC_WIDTHS
    assert {16, 32, 64} <= set(st.FILTERS) and 10 in st.CLASSES
    # M5: 11 ops (drawable in number), but 32,000 samples, an 80-tap kernel, 256 / 512
    # filters and 279 M MACs (tiny's cap 100 M)
    assert st.MAX_OPS >= 11 and 32000 not in sensor_t
    assert max(st.KERNEL_H) < 80 and not {256, 512} & set(st.FILTERS)
    assert st.MAX_MACS < 278_533_120
    # EEGNet-8,2: a 1x64 kernel (tiny's widths stop at 8); ELU drawn by no space
    assert max(st.KERNEL_W) < 64
    import importlib
    import inspect
    import pkgutil

    import jaxeff.gnn as gnn
    srcs = {m.name: inspect.getsource(importlib.import_module(f"jaxeff.gnn.{m.name}"))
            for m in pkgutil.iter_modules(gnn.__path__) if m.name.startswith("spaces")}
    assert {"spaces", "spaces_tiny", "spaces_edge", "spaces_ext"} <= set(srcs)
    assert not [n for n, s in srcs.items() if '"ELU"' in s]
    # TCN: dilations to 128 (ext's kernels span at most 33 steps: 6 x 128 + 1 = 769),
    # 44 ops (bcast at most 40, tiny 12)
    assert "min(33, n)" in srcs["spaces_ext"] and 6 * 128 + 1 > 33
    assert sb.MAX_OPS < 44 and 25 not in sb.CHANNELS and 25 not in st.FILTERS
    from experiments import perfsage_heldout as ph
    for m in ph.SESSION29A:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]


def test_families_xxxii_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION29A == ("wdcnn_2048", "m5_32000", "eegnet_8_2_64x128",
                             "tcn_smnist_784")
    i, _ = _registered(ph.SESSION29A, ["tiny", "tiny", "tiny", "ext"], {})
    assert ph.BUILDER_MODELS[i - len(ph.SESSION28D):i] == ph.SESSION28D
    shapes = {"wdcnn_2048": ((1, 2048, 1, 1), (1, 10), 14),
              "m5_32000": ((1, 32000, 1, 1), (1, 10), 11),
              "eegnet_8_2_64x128": ((1, 64, 128, 1), (1, 4), 11),
              "tcn_smnist_784": ((1, 784, 1, 1), (1, 10), 44)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
        if name == "eegnet_8_2_64x128":
            assert g.op_types().count("ELU") == 2
            assert {g.tensors[op.outputs[0]].dtype for op in g.ops} == {"int8"}
        if name == "tcn_smnist_784":
            assert max(op.options.get("dilation_h_factor", 1) for op in g.ops) == 128
