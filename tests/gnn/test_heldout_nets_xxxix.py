"""jaxeff.gnn.heldout_nets_xxxix (held-out families XXXIX; session 32, addendum 3):
the published structures, kernels, strides (RED-Net's transposed convs all of stride
1, VGG-F's 11x11/4 stem one VALID CONV_2D), paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand),
registration, int8 builds (all four: the Char-CNN's 71 M-weight FC and VGG-M's 96 M
FC weights build in seconds here) and the overlap with the training spaces (none
draws any of the four exactly)."""

import ast
from collections import Counter
from pathlib import Path

import pytest

from jaxeff.gnn import heldout_nets_xxxix as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides, _tconvs

REDNET_COUNTS = {"CONV_2D": 15, "TRANSPOSE_CONV": 15, "ADD": 7}
VGG_M_COUNTS = {"CONV_2D": 5, "MAX_POOL_2D": 3, "PAD": 1, "RESHAPE": 1,
                "FULLY_CONNECTED": 3, "SOFTMAX": 1}
VGG_F_COUNTS = {"CONV_2D": 5, "MAX_POOL_2D": 3, "RESHAPE": 1, "FULLY_CONNECTED": 3,
                "SOFTMAX": 1}
CHAR_CNN_COUNTS = {"CONV_2D": 6, "MAX_POOL_2D": 3, "RESHAPE": 1, "FULLY_CONNECTED": 3,
                   "SOFTMAX": 1}


def test_rednet30_stride_1_transposed_convs_and_mirrored_skips():
    g = _graph(hx.rednet30, (1, 64, 64, 1), (1, 64, 64, 1), 37, REDNET_COUNTS)
    t = g.op_types()
    assert t[:15] == ["CONV_2D"] * 15
    assert t[15:] == ["TRANSPOSE_CONV", "ADD", "TRANSPOSE_CONV"] * 7 + [
        "TRANSPOSE_CONV"]
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 15
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _kernels(g, "TRANSPOSE_CONV") == [(3, 3)] * 15
    # stride 1 on both axes, every one of the fifteen; linear where a skip follows
    assert set(_strides(g, "TRANSPOSE_CONV")) == {(1, 1)}
    assert _tconvs(g) == [(1, "SAME", "NONE", True), (1, "SAME", "RELU", True)] * 7 + [
        (1, "SAME", "NONE", True)]
    assert _out_shapes(g, "CONV_2D") == [(64, 64, 64)] * 15
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(64, 64, 64)] * 14 + [(64, 64, 1)]
    assert set(_acts(g, "ADD")) == {"RELU"}
    # ADD k (k = 0..6) sums transposed conv 2k + 1 with conv 14 - 2k (1-based)
    prod = {o: i for i, op in enumerate(g.ops) for o in op.outputs}
    conv_at = [i for i, op in enumerate(g.ops) if op.type == "CONV_2D"]
    tconv_at = [i for i, op in enumerate(g.ops) if op.type == "TRANSPOSE_CONV"]
    adds = [op for op in g.ops if op.type == "ADD"]
    assert [sorted(prod[x] for x in op.inputs) for op in adds] == [
        sorted((tconv_at[2 * k], conv_at[13 - 2 * k])) for k in range(7)]
    layers = [(4096, 1, 64, 9)] + [(4096, 64, 64, 9)] * 28 + [(4096, 64, 1, 9)]
    assert _hand_1d(layers) == (4_232_577_024, 1_035_201)
    # published: no count in the paper
    _pinned(g, (4_232_577_024, 1_035_201), (None, None), (None, None))


def test_vgg_m_table1_sizes_pad_and_hand_counts():
    g = _graph(hx.vgg_m, (1, 224, 224, 3), (1, 1000), 14, VGG_M_COUNTS)
    assert g.op_types() == [
        "CONV_2D", "MAX_POOL_2D", "PAD", "CONV_2D", "MAX_POOL_2D", "CONV_2D", "CONV_2D",
        "CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED",
        "FULLY_CONNECTED", "SOFTMAX"]
    assert g.tensors[g.ops[2].inputs[1]].data.tolist() == [[0, 0], [1, 1], [1, 1],
                                                           [0, 0]]
    assert _out_shapes(g, "PAD") == [(56, 56, 96)]
    assert _kernels(g, "CONV_2D") == [(7, 7), (5, 5), (3, 3), (3, 3), (3, 3)]
    assert _strides(g, "CONV_2D") == [(2, 2), (2, 2)] + [(1, 1)] * 3
    assert _opt(g, "CONV_2D", "padding") == ["VALID", "VALID"] + ["SAME"] * 3
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # the table's 109, 54, 26, 13, 13, 13, 6
    assert _out_shapes(g, "CONV_2D") == [(109, 109, 96), (26, 26, 256),
                                         (13, 13, 512), (13, 13, 512), (13, 13, 512)]
    assert _out_shapes(g, "MAX_POOL_2D") == [(54, 54, 96), (13, 13, 256), (6, 6, 512)]
    assert _opt(g, "MAX_POOL_2D", "padding") == ["VALID", "SAME", "VALID"]
    assert set(_strides(g, "MAX_POOL_2D")) == {(2, 2)}
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {3}
    assert _fc_weights(g) == [(4096, 18432), (4096, 4096), (1000, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(11881, 3, 96, 49), (676, 96, 256, 25), (169, 256, 512, 9),
              (169, 512, 512, 9), (169, 512, 512, 9), (1, 18432, 4096, 1),
              (1, 4096, 4096, 1), (1, 4096, 1000, 1)]
    assert _hand_1d(layers) == (1_676_172_320, 102_908_520)
    # published: no count in the paper
    _pinned(g, (1_676_172_320, 102_908_520), (None, None), (None, None))


def test_vgg_f_stride_4_valid_stem_without_pad_and_hand_counts():
    g = _graph(hx.vgg_f, (1, 224, 224, 3), (1, 1000), 13, VGG_F_COUNTS)
    assert g.op_types() == [
        "CONV_2D", "MAX_POOL_2D", "CONV_2D", "MAX_POOL_2D", "CONV_2D", "CONV_2D",
        "CONV_2D", "MAX_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED",
        "FULLY_CONNECTED", "SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(11, 11), (5, 5), (3, 3), (3, 3), (3, 3)]
    assert _strides(g, "CONV_2D") == [(4, 4)] + [(1, 1)] * 4
    assert _opt(g, "CONV_2D", "padding") == ["VALID"] + ["SAME"] * 4
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # the table's 54, 27, 27, 13, 13, 13, 6
    assert _out_shapes(g, "CONV_2D") == [(54, 54, 64), (27, 27, 256)] + [
        (13, 13, 256)] * 3
    assert _out_shapes(g, "MAX_POOL_2D") == [(27, 27, 64), (13, 13, 256), (6, 6, 256)]
    assert _opt(g, "MAX_POOL_2D", "padding") == ["SAME", "VALID", "VALID"]
    assert set(_strides(g, "MAX_POOL_2D")) == {(2, 2)}
    assert _fc_weights(g) == [(4096, 9216), (4096, 4096), (1000, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(2916, 3, 64, 121), (729, 64, 256, 25), (169, 256, 256, 9),
              (169, 256, 256, 9), (169, 256, 256, 9), (1, 9216, 4096, 1),
              (1, 4096, 4096, 1), (1, 4096, 1000, 1)]
    assert _hand_1d(layers) == (724_005_632, 60_834_536)
    # published: no count in the paper
    _pinned(g, (724_005_632, 60_834_536), (None, None), (None, None))


def _char_cnn_layout(g, width, fc):
    """``g`` is the Char-CNN of arXiv 1509.01626 (Tables 1-2) at conv ``width`` and
    hidden FC width ``fc``: the op order, 1xk kernels 7, 7, 3, 3, 3, 3 of stride 1
    VALID RELU, the frames, the 1x3 / 3 VALID pools, the flatten and the FCs."""
    assert g.op_types() == ["CONV_2D", "MAX_POOL_2D"] * 2 + ["CONV_2D"] * 4 + [
        "MAX_POOL_2D", "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    assert _kernels(g, "CONV_2D") == [(1, 7), (1, 7)] + [(1, 3)] * 4
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [(1, f, width) for f in (1008, 330, 108, 106,
                                                                 104, 102)]
    # (1014 - 96) / 27 = 34 frames
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, f, width) for f in (336, 110, 34)]
    assert set(_strides(g, "MAX_POOL_2D")) == {(1, 3)}
    assert set(_opt(g, "MAX_POOL_2D", "filter_width")) == {3}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "RESHAPE") == [(34 * width,)]
    assert _fc_weights(g) == [(fc, 34 * width), (fc, fc), (4, fc)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]


def test_char_cnn_large_tables_1_2_frames_and_hand_counts():
    g = _graph(hx.char_cnn_large, (1, 1, 1014, 70), (1, 4), 14, CHAR_CNN_COUNTS)
    _char_cnn_layout(g, 1024, 2048)
    layers = [(1008, 70, 1024, 7), (330, 1024, 1024, 7), (108, 1024, 1024, 3),
              (106, 1024, 1024, 3), (104, 1024, 1024, 3), (102, 1024, 1024, 3),
              (1, 34816, 2048, 1), (1, 2048, 2048, 1), (1, 2048, 4, 1)]
    assert _hand_1d(layers) == (4_324_696_064, 95_940_612)
    # published: no count in the paper
    _pinned(g, (4_324_696_064, 95_940_612), (None, None), (None, None))


def _space_call_args(method, pos, key, default):
    """The argument at position ``pos`` (after ``self``) or keyword ``key`` of every
    ``.method(...)`` call in the training spaces' sources (``spaces*.py``), literal;
    ``default`` where a call leaves it out."""
    vals = []
    for p in sorted(Path(hx.__file__).parent.glob("spaces*.py")):
        for node in ast.walk(ast.parse(p.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == method):
                kw = {k.arg: k.value for k in node.keywords}
                arg = node.args[pos] if len(node.args) > pos else kw.get(key)
                vals.append(ast.literal_eval(arg) if arg is not None else default)
    return vals


def _space_tconv_strides():
    """The stride argument of every ``transpose_conv`` call in the training spaces."""
    return _space_call_args("transpose_conv", 3, "stride", 2)


def test_no_training_space_draws_a_xxxix_model_exactly():
    """The overlap stated in ``models.json``: every training TRANSPOSE_CONV has stride
    2 (RED-Net's fifteen stride 1); tiny's FCs stop at 4 M weights (VGG-M's first FC
    holds 75.5 M, VGG-F's 37.7 M, the Char-CNN's 71.3 M) and its filters at 128; the
    earlier models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_tiny as st

    strides = _space_tconv_strides()
    assert strides and set(strides) == {2}
    assert min(18432 * 4096, 9216 * 4096, 34816 * 2048) > st.MAX_FC_WEIGHTS
    assert max(st.FILTERS) == 128 < 1024
    for m in ph.SESSION32C:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
    earlier = {"rednet30_64": ("dncnn_17_64x64", "vdsr_20_64x64"),
               "vgg_m_224": ("zfnet_224", "alexnet_owt_224", "vgg16_224"),
               "vgg_f_224": ("alexnet_owt_224", "zfnet_224"),
               "char_cnn_large_1014": ("textcnn_kim_56x300",)}
    for m, es in earlier.items():
        for e in es:
            assert e in ph.MODELS[m][1], (m, e)
    assert {"dncnn_17_64x64", "vdsr_20_64x64", "zfnet_224", "alexnet_owt_224",
            "vgg16_224", "textcnn_kim_56x300"} <= set(ph.MODELS)


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xxxix_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION32C == ("rednet30_64", "vgg_m_224", "vgg_f_224",
                             "char_cnn_large_1014")
    i = ph.BUILDER_MODELS.index(ph.SESSION32C[0])
    assert ph.BUILDER_MODELS[i - 2:i] == ph.SESSION32B
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION32C
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert set(ph.SESSION32C) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION32C] == [
        "sesr", "plain", "plain", "tiny"]
    io = {"rednet30_64": ((1, 64, 64, 1), (1, 64, 64, 1), REDNET_COUNTS),
          "vgg_m_224": ((1, 224, 224, 3), (1, 1000), VGG_M_COUNTS),
          "vgg_f_224": ((1, 224, 224, 3), (1, 1000), VGG_F_COUNTS),
          "char_cnn_large_1014": ((1, 1, 1014, 70), (1, 4), CHAR_CNN_COUNTS)}
    gs = {}
    for name, (shape, out, counts) in io.items():
        gs[name], ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out], name
        assert Counter(gs[name].op_types()) == counts, name
    # the int8 graphs keep the stride-1 TRANSPOSE_CONVs and VGG-F's single 11x11/4 stem
    assert set(_strides(gs["rednet30_64"], "TRANSPOSE_CONV")) == {(1, 1)}
    g = gs["vgg_f_224"]
    assert g.op_types()[0] == "CONV_2D" and _strides(g, "CONV_2D")[0] == (4, 4)
