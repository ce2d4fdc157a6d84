"""jaxeff.gnn.heldout_nets_xxx_b (held-out families XXX, part b; session 28): the
published structures, op counts per type, the pinned multiply-add and parameter counts
with their published counterparts, registration, int8 builds and the overlap facts
against the ``tiny`` and ``resnet`` spaces."""

from jaxeff.gnn import heldout_nets_xxx_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxix_b import _conv_weights
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxviii_b import _dense, _fc_weights, _pools, _reshaped


def test_caffe_lenet_linear_convs_max_pools_ip1_500_and_counts():
    g = _graph(hx.caffe_lenet_mnist, (1, 28, 28, 1), (1, 10), 8, {
        "CONV_2D": 2, "MAX_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 2,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == [
        "CONV_2D", "MAX_POOL_2D", "CONV_2D", "MAX_POOL_2D", "RESHAPE",
        "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    assert _conv_weights(g) == [(20, 5, 5, 1), (50, 5, 5, 20)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_opt(g, "CONV_2D", "stride_h")) == {1}
    assert _acts(g, "CONV_2D") == ["NONE", "NONE"]  # the prototxt: no conv ReLU
    assert _out_shapes(g, "CONV_2D") == [(24, 24, 20), (8, 8, 50)]
    assert _pools(g) == [((2, 2), (2, 2), "VALID")] * 2
    assert _reshaped(g) == (1, 800)
    assert _fc_weights(g) == [(500, 800), (10, 500)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    macs = 24 * 24 * 20 * 25 + 8 * 8 * 50 * 500 + 800 * 500 + 5000
    par = 520 + 25_000 + 50 + 400_500 + 5010
    assert (macs, par) == (2_293_000, 431_080)
    _pinned(g, (2_293_000, 431_080), (None, None), (None, None))


def test_resnet20_option_a_shortcuts_blocks_and_published_counts():
    g = _graph(hx.resnet20_cifar_a, (1, 32, 32, 3), (1, 10), 35, {
        "CONV_2D": 19, "ADD": 9, "STRIDED_SLICE": 2, "PAD": 2, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}  # no 1x1 projection (option A)
    assert _opt(g, "CONV_2D", "stride_h") == [1] * 7 + [2] + [1] * 5 + [2] + [1] * 5
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    outs = _out_shapes(g, "CONV_2D")
    assert outs[0] == (32, 32, 16) and outs[6] == (32, 32, 16)
    assert outs[7:13] == [(16, 16, 32)] * 6 and outs[13:] == [(8, 8, 64)] * 6
    assert _acts(g, "CONV_2D") == ["RELU"] + ["RELU", "NONE"] * 9
    assert set(_acts(g, "ADD")) == {"RELU"}
    prod = _producers(g)
    pads = [op for op in g.ops if op.type == "PAD"]
    for pad, (c, cout) in zip(pads, ((16, 32), (32, 64)), strict=True):
        sl = prod[pad.inputs[0]]
        assert sl.type == "STRIDED_SLICE" and prod[sl.inputs[0]].type == "ADD"
        assert g.tensors[sl.inputs[3]].data.tolist() == [1, 2, 2, 1]
        p = (cout - c) // 2
        assert g.tensors[pad.inputs[1]].data.tolist() == [[0, 0]] * 3 + [[p, p]]
        assert g.tensors[pad.outputs[0]].shape[-1] == cout
    assert _fc_weights(g) == [(10, 64)]
    per_conv = 2_359_296  # every 3x3 layer but the stem and the two strided ones
    assert per_conv == 32 * 32 * 16 * 144 == 16 * 16 * 32 * 288 == 8 * 8 * 64 * 576
    macs = 32 * 32 * 16 * 27 + 16 * per_conv + 2 * 1_179_648 + 640
    par = (448 + 6 * 2320 + 4640 + 5 * 9248 + 18_496 + 5 * 36_928 + 650)
    assert (macs, par) == (40_551_040, 269_034)
    # published: 0.27 M parameters (Table 6); 41 M FLOPs as commonly quoted
    _pinned(g, (40_551_040, 269_034), (41e6, 0.27e6), (0.02, 0.01))


def test_simard_mlp_800_logistic_hidden_units_and_counts():
    g = _graph(hx.simard_mlp_800, (1, 784), (1, 10), 4, {
        "FULLY_CONNECTED": 2, "LOGISTIC": 1, "SOFTMAX": 1})
    assert [op.type for op in g.ops] == [
        "FULLY_CONNECTED", "LOGISTIC", "FULLY_CONNECTED", "SOFTMAX"]
    assert _fc_weights(g) == [(800, 784), (10, 800)]
    assert _acts(g, "FULLY_CONNECTED") == ["NONE", "NONE"]  # [U] sigmoid standalone
    assert _dense((784, 800, 10)) == (635_200, 636_010)
    _pinned(g, (635_200, 636_010), (None, None), (None, None))


def test_keras_vae_encoder_mean_path_decoder_and_published_summary():
    g = _graph(hx.keras_vae_mnist, (1, 28, 28, 1), (1, 28, 28, 1), 11, {
        "CONV_2D": 2, "RESHAPE": 2, "FULLY_CONNECTED": 3, "TRANSPOSE_CONV": 3,
        "LOGISTIC": 1})
    assert [op.type for op in g.ops] == (
        ["CONV_2D"] * 2 + ["RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["RESHAPE"]
        + ["TRANSPOSE_CONV"] * 3 + ["LOGISTIC"])
    assert _conv_weights(g) == [(32, 3, 3, 1), (64, 3, 3, 32)]
    assert _opt(g, "CONV_2D", "stride_h") == [2, 2]
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert _out_shapes(g, "CONV_2D") == [(14, 14, 32), (7, 7, 64)]
    assert _fc_weights(g) == [(16, 3136), (2, 16), (3136, 2)]  # z_mean only
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE", "RELU"]
    reshapes = [g.tensors[op.outputs[0]].shape for op in g.ops if op.type == "RESHAPE"]
    assert reshapes == [(1, 3136), (1, 7, 7, 64)]
    assert _kernels(g, "TRANSPOSE_CONV") == [(3, 3)] * 3
    assert _opt(g, "TRANSPOSE_CONV", "stride_h") == [2, 2, 1]
    assert set(_opt(g, "TRANSPOSE_CONV", "padding")) == {"SAME"}
    assert _acts(g, "TRANSPOSE_CONV") == ["RELU", "RELU", "NONE"]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(14, 14, 64), (28, 28, 32),
                                                 (28, 28, 1)]
    macs = (14 * 14 * 32 * 9 + 7 * 7 * 64 * 288 + 3136 * 16 + 32 + 2 * 3136
            + 7 * 7 * 64 * 64 * 9 + 14 * 14 * 64 * 32 * 9 + 28 * 28 * 32 * 9)
    encoder = 320 + 18_496 + 50_192 + 34 + 34  # the example's summary: 69,076
    decoder = 9408 + 36_928 + 18_464 + 289  # 65,089
    assert (encoder, decoder) == (69_076, 65_089)
    assert macs == 6_660_896
    # the summaries (recalled), less z_log_var's Dense 2 (34): exact
    _pinned(g, (6_660_896, 134_131), (None, encoder + decoder - 34), (None, 1e-9))


def test_tf_fashion_mlp_flatten_logits_and_published_summary():
    g = _graph(hx.tf_fashion_mlp, (1, 28, 28), (1, 10), 3, {
        "RESHAPE": 1, "FULLY_CONNECTED": 2})
    assert [op.type for op in g.ops] == ["RESHAPE"] + ["FULLY_CONNECTED"] * 2
    assert _reshaped(g) == (1, 784)
    assert _fc_weights(g) == [(128, 784), (10, 128)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]  # logits, no SOFTMAX
    assert _dense((784, 128, 10)) == (101_632, 101_770)
    # the tutorial's model.summary() (recalled): 101,770, exact
    _pinned(g, (101_632, 101_770), (None, 101_770), (None, 1e-9))


def test_families_xxx_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION28B == ("caffe_lenet_mnist_28", "resnet20_cifar_32",
                             "simard_mlp_800_784", "keras_vae_mnist_28",
                             "tf_fashion_mlp_784")
    assert set(ph.SESSION28B) <= set(ph.BUILDER_MODELS)
    _registered(ph.SESSION28B, ["tiny", "resnet", "tiny", "tiny", "tiny"], {})
    same = [m for m in ph.SESSION28B if "same configuration" in ph.MODELS[m][1]]
    assert same == ["tf_fashion_mlp_784"]  # drawn by tiny: out of the headline
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION28B if m not in same)
    shapes = {"caffe_lenet_mnist_28": ((1, 28, 28, 1), (1, 10), 8),
              "resnet20_cifar_32": ((1, 32, 32, 3), (1, 10), 35),
              "simard_mlp_800_784": ((1, 784), (1, 10), 4),
              "keras_vae_mnist_28": ((1, 28, 28, 1), (1, 28, 28, 1), 11),
              "tf_fashion_mlp_784": ((1, 28, 28), (1, 10), 3)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("resnet20_cifar_32")  # the option-A shortcuts survive
    assert g.op_types().count("STRIDED_SLICE") == 2 and g.op_types().count("PAD") == 2
    g, _, _ = _int8_io("keras_vae_mnist_28")
    assert _opt(g, "TRANSPOSE_CONV", "stride_h") == [2, 2, 1]
    assert [op.type for op in g.ops][-1] == "LOGISTIC"


def test_tiny_space_overlap_with_xxx_b():
    """``models.json``'s overlaps: the ``tiny`` space's choice sets miss four models
    of part b by the value their overlap text names, and hold every choice of the
    Fashion-MNIST MLP (a 28 x 28 x 1 image, no conv, flatten, FC 128 RELU, FC 10
    without SOFTMAX)."""
    from jaxeff.gnn import spaces_tiny as st

    assert {5} <= set(st.KERNEL_H) & set(st.KERNEL_W) and 10 in st.CLASSES
    assert 20 not in st.FILTERS and 50 not in st.FILTERS  # Caffe's LeNet
    assert 500 not in st.FC_WIDTHS
    assert 784 not in st.FLAT_SIZES and 800 not in st.FC_WIDTHS  # Simard's MLP
    assert {32, 64} <= set(st.FILTERS) and 16 in st.FC_WIDTHS  # the VAE's encoder
    assert 2 not in st.FC_WIDTHS and 3136 not in st.FC_WIDTHS  # ... its z / decoder
    assert 128 in st.FC_WIDTHS  # the Fashion-MNIST MLP: drawn (same configuration)


def test_tiny_draws_the_fashion_mlp_and_resnet_space_misses_option_a():
    """A ``tiny`` draw of a 28 x 28 x 1 image with no conv, a flatten, FC 128 RELU
    and FC 10 without SOFTMAX has the Fashion-MNIST MLP's ops and weights; the
    ``resnet`` space's stride-2 shortcuts are always 1x1 convs (never a slice + PAD)."""
    import numpy as np

    from jaxeff.gnn import spaces
    from jaxeff.gnn import spaces_tiny as st
    from jaxeff.gnn.build import NetBuilder

    b = NetBuilder(np.random.default_rng(0), "t")
    x = b.reshape(b.input((1, 28, 28, 1)), (1, 784))  # the space's own steps
    d = b.finish([b.fc(b.fc(x, 128, "RELU"), 10)])
    f = _graph(hx.tf_fashion_mlp, (1, 28, 28), (1, 10), 3, {
        "RESHAPE": 1, "FULLY_CONNECTED": 2})
    assert d.op_types() == f.op_types() and _fc_weights(d) == _fc_weights(f)
    assert len(d.ops) <= st.MAX_OPS
    rng = np.random.default_rng(0)
    for _ in range(30):
        g, _ = spaces.resnet(rng)
        assert not {"STRIDED_SLICE", "PAD", "SOFTMAX"} & set(g.op_types())
