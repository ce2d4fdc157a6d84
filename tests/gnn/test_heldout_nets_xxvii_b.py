"""jaxeff.gnn.heldout_nets_xxvii_b (held-out families XXVII, part b; session 26): the
published structures, op counts per type, the pinned multiply-add and parameter counts
with their published counterparts, registration and int8 builds."""

from jaxeff.gnn import heldout_nets_xxvii_b as hx
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _params, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt


def _pools(g):
    """(window, stride, padding) of each MAX_POOL_2D."""
    return [((op.options["filter_height"], op.options["filter_width"]),
             (op.options["stride_h"], op.options["stride_w"]), op.options["padding"])
            for op in g.ops if op.type == "MAX_POOL_2D"]


def _fc_widths(g):
    return [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
            if op.type == "FULLY_CONNECTED"]


def _reshaped(g):
    """The output shape of the one RESHAPE (the Keras ``Flatten``)."""
    (op,) = [op for op in g.ops if op.type == "RESHAPE"]
    return g.tensors[op.outputs[0]].shape


def test_magic_wand_conv_pool_fc_stack_and_counts():
    g = _graph(hx.magic_wand, (1, 128, 3, 1), (1, 4), 8, {
        "CONV_2D": 2, "MAX_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 2,
        "SOFTMAX": 1})
    assert [op.type for op in g.ops] == [
        "CONV_2D", "MAX_POOL_2D", "CONV_2D", "MAX_POOL_2D", "RESHAPE",
        "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(4, 3), (4, 1)]
    assert _out_shapes(g, "CONV_2D") == [(128, 3, 8), (42, 1, 16)]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # 3x3/3 VALID: 128 x 3 -> 42 x 1; 3x1/3 SAME: 42 -> 14 [U]
    assert _pools(g) == [((3, 3), (3, 3), "VALID"), ((3, 1), (3, 1), "SAME")]
    assert _reshaped(g) == (1, 224)
    assert _fc_widths(g) == [16, 4] and _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    macs = 128 * 3 * 8 * 12 + 42 * 16 * 4 * 8 + 224 * 16 + 16 * 4
    par = 12 * 8 + 8 + 32 * 16 + 16 + 224 * 16 + 16 + 16 * 4 + 4
    assert (macs, par) == (62_016, 4_300)
    # no published count recalled (Keras's summary of these layers reads 4,300)
    _pinned(g, (62_016, 4_300), (None, None), (None, None))


def test_ecg_cnn_residual_blocks_pools_and_counts():
    g = _graph(hx.ecg_cnn, (1, 1, 187, 1), (1, 5), 26, {
        "CONV_2D": 11, "ADD": 5, "MAX_POOL_2D": 5, "RESHAPE": 1,
        "FULLY_CONNECTED": 3, "SOFTMAX": 1})
    # 1-D convs over time (kernel height 1), all k5 stride 1, 32 channels
    assert set(_kernels(g, "CONV_2D")) == {(1, 5)}
    assert set(_opt(g, "CONV_2D", "stride_w")) == {1}
    assert {s[-1] for s in _out_shapes(g, "CONV_2D")} == {32}
    assert _acts(g, "CONV_2D") == ["NONE"] + ["RELU", "NONE"] * 5
    assert _acts(g, "ADD") == ["RELU"] * 5
    # max pool 1x5 stride 2 VALID [U]: 187 -> 92 -> 44 -> 20 -> 8 -> 2
    assert _pools(g) == [((1, 5), (1, 2), "VALID")] * 5
    assert [s[1] for s in _out_shapes(g, "MAX_POOL_2D")] == [92, 44, 20, 8, 2]
    # each ADD: the block's second conv + the block's input (the first conv, then
    # the previous block's pool); each pool reads its block's ADD
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    for j, add in enumerate(adds):
        main, skip = (prod[t] for t in add.inputs)
        assert main.type == "CONV_2D" and prod[main.inputs[0]].type == "CONV_2D"
        assert skip is (prod[adds[0].inputs[1]] if j == 0 else pools[j - 1])
        assert prod[pools[j].inputs[0]] is add
    assert prod[adds[0].inputs[1]].type == "CONV_2D"
    assert _reshaped(g) == (1, 64)
    assert _fc_widths(g) == [32, 32, 5]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE", "NONE"]
    layers = 187 + 2 * 32 * (187 + 92 + 44 + 20 + 8)
    macs = 5 * 32 * layers + 64 * 32 + 32 * 32 + 32 * 5
    par = 5 * 32 + 32 + 10 * (5 * 32 * 32 + 32) + 64 * 32 + 32 + 32 * 32 + 32 + 165
    assert (macs, par) == (3_627_392, 55_013)
    # no published count recalled (arXiv 1805.00794 gives none, as recalled)
    _pinned(g, (3_627_392, 55_013), (None, None), (None, None))


def test_fomo_mnv2_cut_at_block_6_expand_and_per_cell_softmax():
    g = _graph(hx.fomo_mnv2, (1, 96, 96, 3), (1, 12, 12, 2), 25, {
        "CONV_2D": 15, "DEPTHWISE_CONV_2D": 6, "ADD": 3, "SOFTMAX": 1})
    # MobileNet-v2 0.35 blocks 0-5: depthwise 3x3, strides 1, 2, 1, 2, 1, 1
    assert set(_kernels(g, "DEPTHWISE_CONV_2D")) == {(3, 3)}
    assert _opt(g, "DEPTHWISE_CONV_2D", "stride_h") == [1, 2, 1, 2, 1, 1]
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [
        (48, 48, 16), (24, 24, 48), (24, 24, 48), (12, 12, 48), (12, 12, 96),
        (12, 12, 96)]
    # stem 16; block 0 project 8; blocks 1-2 expand 48, project 8; block 3 expand
    # 48, project 16; blocks 4-5 expand 96, project 16; the cut (block 6 expand,
    # 96 at alpha 0.35, as Edge Impulse's forum table); head 32, classes 2
    assert [s[-1] for s in _out_shapes(g, "CONV_2D")] == [
        16, 8, 48, 8, 48, 8, 48, 16, 96, 16, 96, 16, 96, 32, 2]
    assert set(_kernels(g, "CONV_2D")[1:]) == {(1, 1)}
    assert _kernels(g, "CONV_2D")[0] == (3, 3)
    assert _acts(g, "CONV_2D") == ["RELU6", "NONE"] + ["RELU6", "NONE"] * 5 + [
        "RELU6", "RELU", "NONE"]
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"RELU6"}
    assert _out_shapes(g, "ADD") == [(24, 24, 8), (12, 12, 16), (12, 12, 16)]
    # the cut: a RELU6 1x1 expansion at 1/8 resolution feeds the head
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    prod = _producers(g)
    assert prod[convs[-2].inputs[0]] is convs[-3]
    assert g.tensors[convs[-3].outputs[0]].shape == (1, 12, 12, 96)
    assert prod[g.ops[-1].inputs[0]] is convs[-1]  # SOFTMAX over the channels
    # no published count (Edge Impulse gives RAM and frame rates only)
    _pinned(g, (5_868_288, 18_138), (None, None), (None, None))


def test_cnn_trad_fpool3_table1_layers_and_published_counts():
    g = _graph(hx.cnn_trad_fpool3, (1, 98, 40, 1), (1, 12), 8, {
        "CONV_2D": 2, "MAX_POOL_2D": 1, "RESHAPE": 1, "FULLY_CONNECTED": 3,
        "SOFTMAX": 1})
    # Table 1: m x r = 20 x 8 and 10 x 4 (time x frequency), n = 64, VALID [U]
    assert _kernels(g, "CONV_2D") == [(20, 8), (10, 4)]
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "CONV_2D") == [(79, 33, 64), (70, 8, 64)]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # pooling in frequency only, q = 3 (stride 3 [U]): 33 -> 11
    assert _pools(g) == [((1, 3), (1, 3), "VALID")]
    assert _out_shapes(g, "MAX_POOL_2D") == [(79, 11, 64)]
    # linear low-rank 32, DNN 128 RELU, softmax
    assert _reshaped(g) == (1, 70 * 8 * 64)
    assert _fc_widths(g) == [32, 128, 12]
    assert _acts(g, "FULLY_CONNECTED") == ["NONE", "RELU", "NONE"]
    _pinned(g, (119_598_592, 1_326_892), (None, None), (None, None))
    # the paper's setting (32 frames x 40, 4 outputs): published (Table 1 / 2,
    # recalled) 244.2 K parameters and 9.7 M multiplies; +0.06 % MACs (the table
    # rounds), +0.1 % parameters (this graph's biases: 244,224 without)
    g32, outs = _graph_multi(lambda b, x: hx.cnn_trad_fpool3(b, x, 4), (1, 32, 40, 1))
    assert outs == [(1, 4)]
    assert _out_shapes(g32, "CONV_2D") == [(13, 33, 64), (4, 8, 64)]
    _pinned(g32, (9_705_984, 244_516), (9.7e6, 244.2e3), (0.001, 0.002))
    assert _params(g32) - (64 + 64 + 32 + 128 + 4) == 244_224


def test_families_xxvii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION26H == ("magic_wand_128x3", "ecg_cnn_187", "fomo_mnv2_0.35_96",
                             "cnn_trad_fpool3_98x40")
    _registered(ph.SESSION26H, ["kws", "kws", "detect", "kws"], {})
    shapes = {"magic_wand_128x3": ((1, 128, 3, 1), (1, 4), 8),
              "ecg_cnn_187": ((1, 1, 187, 1), (1, 5), 26),
              "fomo_mnv2_0.35_96": ((1, 96, 96, 3), (1, 12, 12, 2), 25),
              "cnn_trad_fpool3_98x40": ((1, 98, 40, 1), (1, 12), 8)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("ecg_cnn_187")  # the 1-D pools survive the writer
    assert _pools(g) == [((1, 5), (1, 2), "VALID")] * 5
