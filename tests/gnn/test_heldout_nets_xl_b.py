"""jaxeff.gnn.heldout_nets_xl_b (held-out families XL, part b; session 33): the
published structures, kernels, strides (the 1x16 / 8 and 1x8 / 4 convs single VALID
CONV_2Ds with no PAD), dilations (Conv-TasNet's 1 ... 128), paddings, output shapes,
activations, op counts per type, the pinned multiply-add and parameter counts (by
hand), registration, int8 builds (all four) and the overlap with the training spaces
(none draws any of the four exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xl_b as hx
from tests.gnn.test_heldout_nets import _dil, _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

TASNET_COUNTS = {"CONV_2D": 19, "PRELU": 17, "DEPTHWISE_CONV_2D": 8, "ADD": 8,
                 "LOGISTIC": 1, "SPLIT": 1, "MUL": 2}
DEMUCS_COUNTS = {"CONV_2D": 8, "SPLIT": 4, "LOGISTIC": 4, "MUL": 4}
VDCNN_COUNTS = {"CONV_2D": 9, "MAX_POOL_2D": 4, "RESHAPE": 1, "FULLY_CONNECTED": 3,
                "SOFTMAX": 1}
PREACT_COUNTS = {"CONV_2D": 20, "MUL": 9, "ADD": 17, "MEAN": 1, "FULLY_CONNECTED": 1,
                 "SOFTMAX": 1}


def _by_hand(g, layers, exact, extra=0):
    """The (MACs, weights and biases) of ``layers`` by hand (:func:`_hand_1d`) equal
    ``exact``, and the graph's counts equal them with ``extra`` parameters more (PRELU
    slopes, unfolded batch norms); no published count pinned (none in the papers for
    these graphs)."""
    assert _hand_1d(layers) == exact
    _pinned(g, (exact[0], exact[1] + extra), (None, None), (None, None))


def test_conv_tasnet_strided_encoder_dilated_blocks_and_mask_head():
    g, outs = _graph_multi(hx.conv_tasnet_enc, (1, 1, 8000, 1))
    assert outs == [(1, 1, 999, 512)] * 2 and len(g.ops) == 56
    assert Counter(g.op_types()) == TASNET_COUNTS
    assert g.op_types() == ["CONV_2D", "CONV_2D"] + [
        "CONV_2D", "PRELU", "DEPTHWISE_CONV_2D", "PRELU", "CONV_2D", "ADD"] * 8 + [
        "PRELU", "CONV_2D", "LOGISTIC", "SPLIT", "MUL", "MUL"]
    # the encoder: one VALID 1x16 conv of stride 8 along W, no PAD; (8000 - 16) / 8 + 1
    assert _kernels(g, "CONV_2D") == [(1, 16)] + [(1, 1)] * 18
    assert _strides(g, "CONV_2D") == [(1, 8)] + [(1, 1)] * 18
    assert _opt(g, "CONV_2D", "padding")[0] == "VALID"
    assert _acts(g, "CONV_2D") == ["RELU"] + ["NONE"] * 18
    assert _out_shapes(g, "CONV_2D") == [(1, 999, 512), (1, 999, 128)] + [
        (1, 999, 512), (1, 999, 128)] * 8 + [(1, 999, 1024)]
    # the depthwise 3-tap convs dilated 1, 2, ..., 128 along W, SAME, linear
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op) for op in dws] == [(1, 2 ** i) for i in range(8)]
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(1, 3)] * 8
    assert set(_strides(g, "DEPTHWISE_CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [(1, 999, 512)] * 8
    # one slope per channel: 16 PRELUs of 512, the mask head's of 128
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "PRELU"] == [
        (1, 1, 512)] * 16 + [(1, 1, 128)]
    # residual ADDs (linear) of the block's 1x1 output and the block's input
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    assert set(_acts(g, "ADD")) == {"NONE"}
    for k, add in enumerate(adds):
        a, x = (prod[t] for t in add.inputs)
        assert a.type == "CONV_2D" and x is (g.ops[1] if k == 0 else adds[k - 1])
    # the masks: LOGISTIC on 1,024 channels, SPLIT in two 512s, each times the encoder
    split = next(op for op in g.ops if op.type == "SPLIT")
    assert split.options["num_splits"] == 2
    assert [g.tensors[t].shape for t in split.outputs] == [(1, 1, 999, 512)] * 2
    muls = [op for op in g.ops if op.type == "MUL"]
    assert [op.inputs for op in muls] == [(split.outputs[0], g.ops[0].outputs[0]),
                                          (split.outputs[1], g.ops[0].outputs[0])]
    layers = [(999, 1, 512, 16), (999, 512, 128, 1)]
    layers += [(999, 128, 512, 1), (999, 512, None, 3), (999, 512, 128, 1)] * 8
    layers += [(999, 128, 1024, 1)]
    # plus the PRELU slopes: 16 x 512 + 128; published: 5.1 M parameters for the
    # whole separator (R = 3, skips, decoder): not this graph, not pinned
    _by_hand(g, layers, (1_264_398_336, 1_276_544), 16 * 512 + 128)


def test_demucs_encoder_stride_4_valid_convs_and_glu():
    g = _graph(hx.demucs_encoder, (1, 1, 4096, 2), (1, 1, 14, 512), 20, DEMUCS_COUNTS)
    assert g.op_types() == ["CONV_2D", "CONV_2D", "SPLIT", "LOGISTIC", "MUL"] * 4
    assert _kernels(g, "CONV_2D") == [(1, 8), (1, 1)] * 4
    assert _strides(g, "CONV_2D") == [(1, 4), (1, 1)] * 4
    assert set(_opt(g, "CONV_2D", "padding")[::2]) == {"VALID"}
    assert _acts(g, "CONV_2D") == ["RELU", "NONE"] * 4
    # (T - 8) // 4 + 1: 4096 -> 1023 -> 254 -> 62 -> 14 frames
    assert _out_shapes(g, "CONV_2D") == [
        (1, 1023, 64), (1, 1023, 128), (1, 254, 128), (1, 254, 256),
        (1, 62, 256), (1, 62, 512), (1, 14, 512), (1, 14, 1024)]
    # GLU: the first half times the sigmoid of the second
    prod = _producers(g)
    for mul in (op for op in g.ops if op.type == "MUL"):
        a, gate = mul.inputs
        split = prod[a]
        assert split.type == "SPLIT" and split.outputs[0] == a
        sig = prod[gate]
        assert sig.type == "LOGISTIC" and sig.inputs == (split.outputs[1],)
        assert prod[split.inputs[1]].type == "CONV_2D"
    assert _out_shapes(g, "MUL") == [(1, 1023, 64), (1, 254, 128), (1, 62, 256),
                                     (1, 14, 512)]
    layers = [(1023, 2, 64, 8), (1023, 64, 128, 1), (254, 64, 128, 8),
              (254, 128, 256, 1), (62, 128, 256, 8), (62, 256, 512, 1),
              (14, 256, 512, 8), (14, 512, 1024, 1)]
    # published: no count for these four blocks
    _by_hand(g, layers, (80_796_672, 2_076_480))


def test_vdcnn9_table2_depth_pools_and_hand_counts():
    g = _graph(hx.vdcnn9, (1, 1, 1024, 16), (1, 4), 18, VDCNN_COUNTS)
    pool2 = ["MAX_POOL_2D", "CONV_2D", "CONV_2D"]
    assert g.op_types() == ["CONV_2D"] * 3 + pool2 * 3 + [
        "MAX_POOL_2D", "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    # depth 9 = the first conv + 2 + 2 + 2 + 2 conv layers (Table 2); FCs not counted
    assert 1 + 4 * 2 == 9 == VDCNN_COUNTS["CONV_2D"]
    assert _kernels(g, "CONV_2D") == [(1, 3)] * 9
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert _acts(g, "CONV_2D") == ["NONE"] + ["RELU"] * 8
    assert _out_shapes(g, "CONV_2D") == [(1, 1024, 64)] * 3 + [(1, 512, 128)] * 2 + [
        (1, 256, 256)] * 2 + [(1, 128, 512)] * 2
    # three 1x3 / 2 SAME pools, then the k-max stand-in: 1x16 / 16 VALID, 8 positions
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 512, 64), (1, 256, 128),
                                             (1, 128, 256), (1, 8, 512)]
    assert _strides(g, "MAX_POOL_2D") == [(1, 2)] * 3 + [(1, 16)]
    assert _opt(g, "MAX_POOL_2D", "filter_width") == [3, 3, 3, 16]
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {1}
    assert _opt(g, "MAX_POOL_2D", "padding") == ["SAME"] * 3 + ["VALID"]
    assert _out_shapes(g, "RESHAPE") == [(4096,)]
    assert _fc_weights(g) == [(2048, 4096), (2048, 2048), (4, 2048)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    layers = [(1024, 16, 64, 3), (1024, 64, 64, 3), (1024, 64, 64, 3),
              (512, 64, 128, 3), (512, 128, 128, 3), (256, 128, 256, 3),
              (256, 256, 256, 3), (128, 256, 512, 3), (128, 512, 512, 3),
              (1, 4096, 2048, 1), (1, 2048, 2048, 1), (1, 2048, 4, 1)]
    # published: no count in the paper
    _by_hand(g, layers, (305_143_808, 14_173_124))


def test_preact_resnet18_pre_activation_order_projections_and_hand_counts():
    g = _graph(hx.preact_resnet18_cifar, (1, 32, 32, 3), (1, 10), 49, PREACT_COUNTS)
    unit = ["MUL", "ADD", "CONV_2D", "CONV_2D", "ADD"]
    proj = ["MUL", "ADD", "CONV_2D", "CONV_2D", "CONV_2D", "ADD"]
    assert g.op_types() == ["CONV_2D"] + unit * 2 + (proj + unit) * 3 + [
        "MUL", "ADD", "MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    convs = [(3, 3)] * 5 + ([(3, 3), (3, 3), (1, 1), (3, 3), (3, 3)]) * 3
    assert _kernels(g, "CONV_2D") == convs
    assert _strides(g, "CONV_2D") == [(1, 1)] * 5 + (
        [(2, 2), (1, 1), (2, 2), (1, 1), (1, 1)]) * 3
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    # the first conv of a unit RELU (its batch norm folded), the second and the
    # projection linear; the stem linear
    assert _acts(g, "CONV_2D") == ["NONE"] + ["RELU", "NONE"] * 2 + (
        ["RELU", "NONE", "NONE", "RELU", "NONE"]) * 3
    assert _out_shapes(g, "CONV_2D") == [(32, 32, 64)] * 5 + [
        (16, 16, 128)] * 5 + [(8, 8, 256)] * 5 + [(4, 4, 512)] * 5
    # unfolded batch norms: MUL by [C], ADD of [C] with RELU; residual ADDs linear
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == "MUL"]
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [
        (c,) for c in (64, 64, 64, 128, 128, 256, 256, 512, 512)]
    bn_adds = [op for op in g.ops
               if op.type == "ADD" and prod[op.inputs[0]].type == "MUL"]
    res_adds = [op for op in g.ops if op.type == "ADD" and op not in bn_adds]
    assert len(bn_adds) == 9 and len(res_adds) == 8
    assert set(_acts(g, "ADD")) == {"RELU", "NONE"}
    assert {op.options["fused_activation_function"] for op in bn_adds} == {"RELU"}
    assert {op.options["fused_activation_function"] for op in res_adds} == {"NONE"}
    # each unit's batch norm reads its input (the stem, then the previous sum); the
    # identity shortcut the raw input, the projection the pre-activated map
    ins = [g.ops[0]] + res_adds
    for k, add in enumerate(res_adds):
        bn_in = prod[muls[k].inputs[0]]
        assert bn_in is ins[k]
        main, short = (prod[t] for t in add.inputs)
        assert main.type == "CONV_2D" and g.tensors[main.inputs[1]].shape[1:3] == (3, 3)
        if k in (2, 4, 6):
            assert short.type == "CONV_2D" and prod[short.inputs[0]] is bn_adds[k]
        else:
            assert short is ins[k]
    assert prod[next(op for op in g.ops if op.type == "MEAN").inputs[0]] is bn_adds[-1]
    layers = [(1024, 3, 64, 9)] + [(1024, 64, 64, 9)] * 4
    for hw, ci, co in ((256, 64, 128), (64, 128, 256), (16, 256, 512)):
        layers += [(hw, ci, co, 9), (hw, co, co, 9), (hw, ci, co, 1),
                   (hw, co, co, 9), (hw, co, co, 9)]
    layers += [(1, 512, 10, 1)]
    # plus the 9 unfolded batch norms' scales and shifts (2 x 1,984 channels);
    # published: no count for the CIFAR ResNet-18 in the paper
    bn = 2 * (64 * 3 + 128 * 2 + 256 * 2 + 512 * 2)
    assert bn == 3_968
    _by_hand(g, layers, (555_422_720, 11_169_162), bn)


def test_no_training_space_draws_a_xl_b_model_exactly():
    """The overlap stated in ``models.json``: dil's widths stop at 128 and its MACs at
    60 M (Conv-TasNet's 512-channel dilated depthwise convs, 1.26 G); longk's strides
    stop at 4 and its lengths miss 4,096 (Demucs); tiny's filters stop at 128, its
    operators at 12 and its FCs at 4 M weights (VDCNN); resnet's ADDs all carry a RELU
    and it draws no MUL (PreAct ResNet-18's linear sums and MUL + ADD batch norms);
    the earlier models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_tiny as st

    assert max(sd.WIDTHS) == 128 and max(sd.SEQ_C) < 512 and 999 not in sd.LENGTHS
    assert sd.MAX_MACS < 1_264_398_336 and max(sd.DILATIONS) == 128
    assert max(sl.FILTERS) < 512 and 4096 not in sl.LENGTHS
    assert max(st.FILTERS) == 128 < 512 and st.MAX_OPS < 18
    assert st.MAX_FC_WEIGHTS < 4096 * 2048
    for seed in range(20):
        g, _ = sp.resnet(np.random.default_rng(seed))
        assert "MUL" not in g.op_types() and set(_acts(g, "ADD")) == {"RELU"}
    for m in ph.SESSION33B:
        assert "same configuration" not in ph.MODELS[m][1]
        assert "(partly" in ph.MODELS[m][1]
    earlier = {"conv_tasnet_enc_8000": ("ms_tcn_stage_512x2048", "tcn_smnist_784",
                                        "wav2vec_enc_16000"),
               "demucs_enc4_4096": ("wav2vec_enc_16000", "m5_raw_32000"),
               "vdcnn9_1024": ("char_cnn_large_1014",),
               "preact_resnet18_cifar_32": ("wrn16_4_cifar", "resnet20_cifar_32",
                                            "resnet18_224",
                                            "pyramidnet110_a48_cifar_32")}
    for m, es in earlier.items():
        for e in es:
            assert e in ph.MODELS[m][1], (m, e)
            assert e in ph.MODELS, e


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xl_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33B == ("conv_tasnet_enc_8000", "demucs_enc4_4096", "vdcnn9_1024",
                             "preact_resnet18_cifar_32")
    i = ph.BUILDER_MODELS.index(ph.SESSION33B[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION33B
    # after session 32's last tuple (a SESSION33A, where merged, may sit between)
    assert ph.BUILDER_MODELS.index(ph.SESSION32C[-1]) < i
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert set(ph.SESSION33B) <= set(ph.MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION33B] == [
        "dil", "longk", "tiny", "resnet"]
    io = {"conv_tasnet_enc_8000": ((1, 1, 8000, 1), [(1, 1, 999, 512)] * 2,
                                   TASNET_COUNTS),
          "demucs_enc4_4096": ((1, 1, 4096, 2), [(1, 1, 14, 512)], DEMUCS_COUNTS),
          "vdcnn9_1024": ((1, 1, 1024, 16), [(1, 4)], VDCNN_COUNTS),
          "preact_resnet18_cifar_32": ((1, 32, 32, 3), [(1, 10)], PREACT_COUNTS)}
    gs = {}
    for name, (shape, out, counts) in io.items():
        gs[name], ins, outs = _int8_io(name)
        assert ins == [shape] and outs == out, name
        assert Counter(gs[name].op_types()) == counts, name
    # no PAD: the strided 1-D convs stay single VALID CONV_2Ds of stride 8 / 4
    g = gs["conv_tasnet_enc_8000"]
    assert g.op_types()[0] == "CONV_2D" and _strides(g, "CONV_2D")[0] == (1, 8)
    assert [_dil(op)[1] for op in g.ops if op.type == "DEPTHWISE_CONV_2D"] == [
        2 ** i for i in range(8)]
    g = gs["demucs_enc4_4096"]
    assert _strides(g, "CONV_2D")[::2] == [(1, 4)] * 4
