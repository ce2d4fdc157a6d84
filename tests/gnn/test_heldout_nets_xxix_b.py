"""jaxeff.gnn.heldout_nets_xxix_b (held-out families XXIX, part b; session 27 addendum
2): the published structures, op counts per type, the pinned multiply-add and
parameter counts with their published counterparts, registration, int8 builds and the
overlap facts against the ``tiny`` space."""

from jaxeff.gnn import heldout_nets_xxix_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxviii_b import _dense, _fc_weights, _pools, _reshaped


def _conv_weights(g):
    return [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "CONV_2D"]


def test_hello_world_sine_mlp_and_published_summary():
    g = _graph(hx.hello_world_sine, (1, 1), (1, 1), 3, {"FULLY_CONNECTED": 3})
    assert _fc_weights(g) == [(16, 1), (16, 16), (1, 16)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    assert _dense((1, 16, 16, 1)) == (288, 321)
    # the book's model.summary() (recalled): 321, exact
    _pinned(g, (288, 321), (None, 321), (None, 1e-9))


def test_lenet1_valid_5x5_convs_average_pools_and_counts():
    g = _graph(hx.lenet1, (1, 28, 28, 1), (1, 10), 7, {
        "CONV_2D": 2, "AVERAGE_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 1,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == [
        "CONV_2D", "AVERAGE_POOL_2D", "CONV_2D", "AVERAGE_POOL_2D", "RESHAPE",
        "FULLY_CONNECTED", "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(5, 5)] * 2
    assert _conv_weights(g) == [(4, 5, 5, 1), (12, 5, 5, 4)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}  # [U] for the original's tanh
    assert _out_shapes(g, "CONV_2D") == [(24, 24, 4), (8, 8, 12)]
    assert _pools(g, "AVERAGE_POOL_2D") == [((2, 2), (2, 2), "VALID")] * 2
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(12, 12, 4), (4, 4, 12)]
    assert _reshaped(g) == (1, 192)
    assert _fc_weights(g) == [(10, 192)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    macs = 24 * 24 * 4 * 25 + 8 * 8 * 12 * 100 + 1920
    par = 25 * 4 + 4 + 100 * 12 + 12 + 1930
    assert (macs, par) == (136_320, 3_246)
    # published (recalled): about 2,600 free parameters (+25 %: sparse 2nd layer)
    _pinned(g, (136_320, 3_246), (None, 2_600), (None, 0.3))


def test_lenet4_valid_convs_fc_120_and_counts():
    g = _graph(hx.lenet4, (1, 32, 32, 1), (1, 10), 8, {
        "CONV_2D": 2, "AVERAGE_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 2,
        "SOFTMAX": 1})
    assert _conv_weights(g) == [(4, 5, 5, 1), (16, 5, 5, 4)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [(28, 28, 4), (10, 10, 16)]
    assert _pools(g, "AVERAGE_POOL_2D") == [((2, 2), (2, 2), "VALID")] * 2
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(14, 14, 4), (5, 5, 16)]
    assert _reshaped(g) == (1, 400)
    assert _fc_weights(g) == [(120, 400), (10, 120)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    macs = 28 * 28 * 4 * 25 + 10 * 10 * 16 * 100 + 400 * 120 + 1200
    par = 104 + 1600 + 16 + 48_120 + 1210
    assert (macs, par) == (287_600, 51_050)
    # published (recalled): about 260,000 connections (+11 %); its "about 17,000
    # parameters" is below the 48,000 weights of the FC of 400 x 120: not pinned
    _pinned(g, (287_600, 51_050), (260e3, None), (0.12, None))


def test_all_cnn_c_strided_convs_valid_1x1_mean_and_published_params():
    g = _graph(hx.all_cnn_c, (1, 32, 32, 3), (1, 10), 11, {
        "CONV_2D": 9, "MEAN": 1, "SOFTMAX": 1})
    assert [op.type for op in g.ops] == ["CONV_2D"] * 9 + ["MEAN", "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 7 + [(1, 1)] * 2
    assert _opt(g, "CONV_2D", "stride_h") == [1, 1, 2, 1, 1, 2, 1, 1, 1]
    assert _opt(g, "CONV_2D", "padding")[:7] == ["SAME"] * 6 + ["VALID"]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}  # Table 2: the 1x1 of 10 too [U]
    assert _out_shapes(g, "CONV_2D") == [
        (32, 32, 96), (32, 32, 96), (16, 16, 96), (16, 16, 192), (16, 16, 192),
        (8, 8, 192), (6, 6, 192), (6, 6, 192), (6, 6, 10)]
    (mean,) = [op for op in g.ops if op.type == "MEAN"]
    assert g.tensors[mean.outputs[0]].shape == (1, 10)
    assert _producers(g)[mean.inputs[0]].type == "CONV_2D"
    macs = (1024 * 96 * 27 + 1024 * 96 * 864 + 256 * 96 * 864 + 256 * 192 * 864
            + 256 * 192 * 1728 + 64 * 192 * 1728 + 36 * 192 * 1728 + 36 * 192 * 192
            + 36 * 10 * 192)
    par = (27 * 96 + 96 + 2 * (864 * 96 + 96) + 864 * 192 + 192
           + 3 * (1728 * 192 + 192) + 192 * 192 + 192 + 1930)
    assert (macs, par) == (270_798_336, 1_369_738)
    # published (Table 3, recalled): about 1.3 M parameters (+5 %)
    _pinned(g, (270_798_336, 1_369_738), (None, 1.3e6), (None, 0.1))


def test_keras_timeseries_fcn_1d_convs_as_1xk_mean_and_counts():
    g = _graph(hx.keras_timeseries_fcn, (1, 1, 500, 1), (1, 2), 6, {
        "CONV_2D": 3, "MEAN": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert [op.type for op in g.ops] == ["CONV_2D"] * 3 + [
        "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    # 1-D convs over time as 1 x 3 CONV_2D on [1, 1, T, C] (the HAR CNN's layout)
    assert _conv_weights(g) == [(64, 1, 3, 1), (64, 1, 3, 64), (64, 1, 3, 64)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_opt(g, "CONV_2D", "stride_w")) == {1}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}  # BatchNorm folded, RELU fused
    assert _out_shapes(g, "CONV_2D") == [(1, 500, 64)] * 3
    assert _fc_weights(g) == [(2, 64)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    macs = 500 * 64 * 3 + 2 * 500 * 64 * 192 + 128
    par = 3 * 64 + 64 + 2 * (192 * 64 + 64) + 130
    assert (macs, par) == (12_384_128, 25_090)
    # no published count recalled (Keras with the 3 BatchNorms: 25,090 + 768)
    _pinned(g, (12_384_128, 25_090), (None, None), (None, None))


def test_keras_mnist_autoencoder_fc_logistic_and_published_summary():
    g = _graph(hx.keras_mnist_autoencoder, (1, 784), (1, 784), 3, {
        "FULLY_CONNECTED": 2, "LOGISTIC": 1})
    assert [op.type for op in g.ops] == ["FULLY_CONNECTED"] * 2 + ["LOGISTIC"]
    assert _fc_weights(g) == [(32, 784), (784, 32)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    assert _dense((784, 32, 784)) == (50_176, 50_992)
    # the blog's model.summary() (recalled): 50,992, exact
    _pinned(g, (50_176, 50_992), (None, 50_992), (None, 1e-9))


def test_families_xxix_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION27D == ("hello_world_sine_1", "lenet1_28", "lenet4_32",
                             "all_cnn_c_32", "keras_timeseries_fcn_500",
                             "keras_mnist_autoencoder_784")
    assert set(ph.SESSION27D) <= set(ph.BUILDER_MODELS)
    _registered(ph.SESSION27D, ["tiny", "tiny", "tiny", "plain", "tiny", "tiny"], {})
    assert not any("same configuration" in ph.MODELS[m][1] for m in ph.SESSION27D)
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION27D)
    shapes = {"hello_world_sine_1": ((1, 1), (1, 1), 3),
              "lenet1_28": ((1, 28, 28, 1), (1, 10), 7),
              "lenet4_32": ((1, 32, 32, 1), (1, 10), 8),
              "all_cnn_c_32": ((1, 32, 32, 3), (1, 10), 11),
              "keras_timeseries_fcn_500": ((1, 1, 500, 1), (1, 2), 6),
              "keras_mnist_autoencoder_784": ((1, 784), (1, 784), 3)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("keras_mnist_autoencoder_784")  # the LOGISTIC stays standalone
    assert [op.type for op in g.ops][-1] == "LOGISTIC"
    g, _, _ = _int8_io("all_cnn_c_32")  # the strides survive the writer
    assert _opt(g, "CONV_2D", "stride_h") == [1, 1, 2, 1, 1, 2, 1, 1, 1]


def test_tiny_space_overlap_with_xxix_b():
    """``models.json``'s overlaps: the ``tiny`` space's choice sets miss each model of
    part b by the value its overlap text names (none is drawn in its exact
    configuration)."""
    from jaxeff.gnn import spaces_tiny as st

    assert 1 not in st.FLAT_SIZES and 1 not in st.CLASSES  # hello_world
    assert 16 in st.FC_WIDTHS  # ... whose hidden widths it does draw
    assert {4, 16} <= set(st.FILTERS) and 5 in st.KERNEL_H and 5 in st.KERNEL_W
    assert 10 in st.CLASSES and 2 in st.CLASSES
    assert 12 not in st.FILTERS  # LeNet-1's second conv
    assert 120 not in st.FC_WIDTHS  # LeNet-4's hidden FC
    assert 96 not in st.FILTERS and 192 not in st.FILTERS  # All-CNN-C
    assert 270_798_336 > st.MAX_MACS  # All-CNN-C (and 9 convs; the space draws <= 4)
    assert 64 in st.FILTERS and 3 in st.KERNEL_W  # the FCN's convs ...
    assert 784 not in st.FLAT_SIZES and 784 not in st.CLASSES  # the autoencoder
    assert 32 in st.FC_WIDTHS


def test_sensor_lengths_and_plain_vgg_miss_xxix_b():
    """The ``tiny`` sensor windows skip the FCN's 500 steps; the ``plain`` VGG stacks
    hold only stride-1 3x3 convs (All-CNN-C's strided, VALID and 1x1 convs new)."""
    import numpy as np

    from jaxeff.gnn import spaces_plain as sp
    from jaxeff.gnn import spaces_tiny as st
    from jaxeff.gnn.build import NetBuilder

    rng = np.random.default_rng(0)
    lengths = set()
    for _ in range(200):
        _, meta = st._draw(rng)
        if meta["input"] == "sensor":
            lengths.add(meta["shape"][0])
    assert 500 not in lengths and lengths <= {64, 128, 187, 256}
    for cfg in sp.VGG_CONFIGS.values():  # every VGG stack, at its smallest width
        b = NetBuilder(rng, "vgg", share_consts=True)
        g = b.finish([sp.vgg_net(b, cfg, 0.125, 32, head="mean")])
        assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
        assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
        assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
