"""jaxeff.gnn.heldout_nets_xliv (held-out families XLIV, part A; session 34, addendum
1): the published structures (VGGish's configuration-A stack on a 96 x 64 log-mel
patch and its 4096 / 4096 / 128 head, PANNs CNN6's four 5x5 conv + 2x2 average-pool
blocks and its mean-over-mel, max + mean over time pooling, the MTCNN O-Net's VALID
convs with standalone PRELU, its three pools and three heads), kernels, strides,
paddings, output shapes, activations, op counts per type, the pinned multiply-add and
parameter counts (by hand), registration, int8 builds (all three) and the overlap
with the training spaces (none draws any of the three exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xliv as hx
from jaxeff.gnn.build import NetBuilder
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

VGGISH_IN, CNN6_IN, ONET_IN = (1, 96, 64, 1), (1, 1001, 64, 1), (1, 48, 48, 3)
VGGISH_COUNTS = {"CONV_2D": 6, "MAX_POOL_2D": 4, "RESHAPE": 1, "FULLY_CONNECTED": 3}
CNN6_COUNTS = {"CONV_2D": 4, "AVERAGE_POOL_2D": 4, "MEAN": 2, "MAX_POOL_2D": 1,
               "ADD": 1, "FULLY_CONNECTED": 2, "LOGISTIC": 1}
ONET_COUNTS = {"CONV_2D": 4, "PRELU": 5, "MAX_POOL_2D": 3, "RESHAPE": 1,
               "FULLY_CONNECTED": 4, "SOFTMAX": 1}
ONET_OUTS = [(1, 2), (1, 4), (1, 10)]


def _pools(g, type_):
    """(window, stride, padding) of every ``type_`` pool."""
    return [((op.options["filter_height"], op.options["filter_width"]),
             (op.options["stride_h"], op.options["stride_w"]), op.options["padding"])
            for op in g.ops if op.type == type_]


def _axes(g, op):
    return g.tensors[op.inputs[1]].data.tolist()


def test_vggish_configuration_a_stack_4096_head_and_hand_counts():
    g = _graph(hx.vggish, VGGISH_IN, (1, 128), 14, VGGISH_COUNTS)
    c, p, f = "CONV_2D", "MAX_POOL_2D", "FULLY_CONNECTED"
    assert g.op_types() == [c, p, c, p, c, c, p, c, c, p, "RESHAPE", f, f, f]
    # configuration A's first four groups: 3x3 SAME stride-1 convs with RELU fused
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 6
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert _acts(g, "CONV_2D") == ["RELU"] * 6
    assert _out_shapes(g, "CONV_2D") == [(96, 64, 64), (48, 32, 128), (24, 16, 256),
                                         (24, 16, 256), (12, 8, 512), (12, 8, 512)]
    # 2x2 / 2 max pools: 96 x 64 -> 48 x 32 -> 24 x 16 -> 12 x 8 -> 6 x 4
    assert _pools(g, "MAX_POOL_2D") == [((2, 2), (2, 2), "VALID")] * 4
    assert _out_shapes(g, "MAX_POOL_2D") == [(48, 32, 64), (24, 16, 128),
                                             (12, 8, 256), (6, 4, 512)]
    # flatten 6 x 4 x 512 = 12,288 -> FC 4096 RELU -> FC 4096 RELU -> FC 128 linear
    prod = _producers(g)
    flat = next(op for op in g.ops if op.type == "RESHAPE")
    assert prod[flat.inputs[0]].type == "MAX_POOL_2D"
    assert g.tensors[flat.outputs[0]].shape == (1, 6 * 4 * 512) == (1, 12_288)
    assert _fc_weights(g) == [(4096, 12_288), (4096, 4096), (128, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    assert g.ops[-3].inputs[0] == flat.outputs[0]
    layers = [(96 * 64, 1, 64, 9), (48 * 32, 64, 128, 9), (24 * 16, 128, 256, 9),
              (24 * 16, 256, 256, 9), (12 * 8, 256, 512, 9), (12 * 8, 512, 512, 9),
              (1, 12_288, 4096, 1), (1, 4096, 4096, 1), (1, 4096, 128, 1)]
    # the convs 796,262,400 MACs and 4,499,712 parameters, the FCs 67,633,152 and
    # 67,641,472
    assert sum(t * ci * co * k for t, ci, co, k in layers[:6]) == 796_262_400
    assert sum(ci * co * k + co for _, ci, co, k in layers[:6]) == 4_499_712
    _by_hand(g, layers, (863_895_552, 72_141_184))
    # published (recalled): 72.1 M parameters
    assert abs(72_141_184 / 72.1e6 - 1) < 0.001


def test_panns_cnn6_conv_blocks_max_plus_mean_pooling_and_hand_counts():
    g = _graph(hx.panns_cnn6, CNN6_IN, (1, 527), 15, CNN6_COUNTS)
    assert g.op_types() == ["CONV_2D", "AVERAGE_POOL_2D"] * 4 + [
        "MEAN", "MAX_POOL_2D", "MEAN", "ADD", "FULLY_CONNECTED", "FULLY_CONNECTED",
        "LOGISTIC"]
    # four 5x5 SAME stride-1 convs of 64-512 with RELU (BN folded), each followed by
    # a 2x2 / 2 VALID average pool (1001 -> 500, 125 -> 62: floor)
    assert _kernels(g, "CONV_2D") == [(5, 5)] * 4
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"SAME"}
    assert _acts(g, "CONV_2D") == ["RELU"] * 4
    assert _out_shapes(g, "CONV_2D") == [(1001, 64, 64), (500, 32, 128),
                                         (250, 16, 256), (125, 8, 512)]
    assert _pools(g, "AVERAGE_POOL_2D") == [((2, 2), (2, 2), "VALID")] * 4
    assert _out_shapes(g, "AVERAGE_POOL_2D") == [(500, 32, 64), (250, 16, 128),
                                                 (125, 8, 256), (62, 4, 512)]
    # MEAN over the mel bins (axis 2) kept; from it the max over the whole time axis
    # (a 62 x 1 stride-1 VALID MAX_POOL_2D) and the MEAN over time (axis 1), ADDed
    prod = _producers(g)
    mel, tmean = (op for op in g.ops if op.type == "MEAN")
    assert (_axes(g, mel), _axes(g, tmean)) == ([2], [1])
    assert mel.options["keep_dims"] and tmean.options["keep_dims"]
    assert prod[mel.inputs[0]].type == "AVERAGE_POOL_2D"
    assert g.tensors[mel.outputs[0]].shape == (1, 62, 1, 512)
    tmax = next(op for op in g.ops if op.type == "MAX_POOL_2D")
    assert _pools(g, "MAX_POOL_2D") == [((62, 1), (1, 1), "VALID")]
    assert tmax.inputs[0] == tmean.inputs[0] == mel.outputs[0]
    add = next(op for op in g.ops if op.type == "ADD")
    assert add.inputs == (tmax.outputs[0], tmean.outputs[0])
    assert _acts(g, "ADD") == ["NONE"]
    assert _out_shapes(g, "ADD") == [(1, 1, 512)]
    # FC 512 RELU on the [1, 1, 1, 512] sum (no RESHAPE), FC 527, LOGISTIC
    fc1, fc2 = (op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert fc1.inputs[0] == add.outputs[0] and fc2.inputs[0] == fc1.outputs[0]
    assert _fc_weights(g) == [(512, 512), (527, 512)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    assert g.ops[-1].inputs == (fc2.outputs[0],)
    layers = [(1001 * 64, 1, 64, 25), (500 * 32, 64, 128, 25), (250 * 16, 128, 256, 25),
              (125 * 8, 256, 512, 25), (1, 512, 512, 1), (1, 512, 527, 1)]
    # blocks 2-4: 3,276,800,000 MACs each (the map quartered, the channels doubled)
    assert {t * ci * co * k for t, ci, co, k in layers[1:4]} == {3_276_800_000}
    _by_hand(g, layers, (9_933_434_368, 4_836_367))
    # published (Table 2, recalled): 4.8 M parameters
    assert abs(4_836_367 / 4.8e6 - 1) < 0.01


def test_mtcnn_onet_prelu_convs_pools_three_heads_and_hand_counts():
    g, outs = _graph_multi(hx.mtcnn_onet, ONET_IN)
    assert outs == ONET_OUTS and len(g.ops) == 18
    assert Counter(g.op_types()) == ONET_COUNTS
    c, r, p, f = "CONV_2D", "PRELU", "MAX_POOL_2D", "FULLY_CONNECTED"
    assert g.op_types() == [c, r, p] * 3 + [c, r, "RESHAPE", f, r, f, "SOFTMAX", f, f]
    # VALID stride-1 convs 3x3 32, 3x3 64, 3x3 64, 2x2 128, linear (PRELU after)
    assert _kernels(g, "CONV_2D") == [(3, 3)] * 3 + [(2, 2)]
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"NONE"}
    assert _out_shapes(g, "CONV_2D") == [(46, 46, 32), (21, 21, 64), (8, 8, 64),
                                         (3, 3, 128)]
    # 3x3 / 2 SAME (46 -> 23, the paper's), 3x3 / 2 VALID (21 -> 10), 2x2 / 2 (8 -> 4)
    assert _pools(g, "MAX_POOL_2D") == [((3, 3), (2, 2), "SAME"),
                                        ((3, 3), (2, 2), "VALID"),
                                        ((2, 2), (2, 2), "VALID")]
    assert _out_shapes(g, "MAX_POOL_2D") == [(23, 23, 32), (10, 10, 64), (4, 4, 64)]
    # PRELU after every conv (slopes [1, 1, C]) and after the FC 256 (slopes [256]),
    # each reading its layer; the slopes non-negative
    prod = _producers(g)
    prelus = [op for op in g.ops if op.type == "PRELU"]
    assert [prod[op.inputs[0]].type for op in prelus] == [c] * 4 + [f]
    assert [g.tensors[op.inputs[1]].shape for op in prelus] == [
        (1, 1, 32), (1, 1, 64), (1, 1, 64), (1, 1, 128), (256,)]
    assert all(g.tensors[op.inputs[1]].data.min() >= 0 for op in prelus)
    assert _out_shapes(g, "PRELU") == [(46, 46, 32), (21, 21, 64), (8, 8, 64),
                                       (3, 3, 128), (256,)]
    # flatten 3 x 3 x 128 = 1,152 -> FC 256; the three heads read the FC's PRELU
    flat = next(op for op in g.ops if op.type == "RESHAPE")
    assert prod[flat.inputs[0]] is prelus[3]
    assert g.tensors[flat.outputs[0]].shape == (1, 1152)
    fcs = [op for op in g.ops if op.type == "FULLY_CONNECTED"]
    assert fcs[0].inputs[0] == flat.outputs[0]
    assert prelus[4].inputs[0] == fcs[0].outputs[0]
    assert [op.inputs[0] for op in fcs[1:]] == [prelus[4].outputs[0]] * 3
    assert _fc_weights(g) == [(256, 1152), (2, 256), (4, 256), (10, 256)]
    assert set(_acts(g, "FULLY_CONNECTED")) == {"NONE"}
    # outputs: the face SOFTMAX of FC 2, then the linear box (4) and landmarks (10)
    soft = next(op for op in g.ops if op.type == "SOFTMAX")
    assert soft.inputs[0] == fcs[1].outputs[0]
    assert g.outputs == (soft.outputs[0], fcs[2].outputs[0], fcs[3].outputs[0])
    layers = [(46 * 46, 3, 32, 9), (21 * 21, 32, 64, 9), (8 * 8, 64, 64, 9),
              (3 * 3, 64, 128, 4), (1, 1152, 256, 1), (1, 256, 2, 1), (1, 256, 4, 1),
              (1, 256, 10, 1)]
    slopes = 32 + 64 + 64 + 128 + 256
    assert slopes == 544
    _by_hand(g, layers, (12_909_952, 388_496), slopes)


def test_no_training_space_draws_a_xliv_a_model_exactly():
    """The overlap stated in ``models.json``: tiny draws one-channel spectrograms and
    48 x 48 x 3 images under small conv stacks with flatten and FC heads, but at most
    12 ops (VGGish 14, CNN6 15, O-Net 18), 100 M MACs and 4 MB a FC, no 2x2 conv,
    pools of stride = window, no PRELU, ADD or LOGISTIC and one output; plain's vgg
    draws configuration A's first four groups but on a square 3-channel image with one
    FC; bcast's and longk's maps stop at 64 and 128 a side (no 1001 x 64 or 96 x 64,
    longk no 48), at 50 M MACs; sesr and ext draw PRELU only on 4-D maps, detect
    never; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_bcast as sb
    from jaxeff.gnn import spaces_detect as sd
    from jaxeff.gnn import spaces_ext as se
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_plain as spl
    from jaxeff.gnn import spaces_tiny as st

    sizes = {"vggish_96x64": (14, 863_895_552),
             "panns_cnn6_1001x64": (15, 9_933_434_368),
             "mtcnn_onet_48": (18, 12_909_952)}
    assert st.MAX_OPS < min(n for n, _ in sizes.values())
    assert st.MAX_MACS < sizes["vggish_96x64"][1]
    assert 2 not in st.KERNEL_H and 2 not in st.KERNEL_W  # O-Net's 2x2 conv
    assert "(kh, kw), (kh, kw)" in inspect.getsource(st._pool)  # stride = window
    for seed in range(12):
        g, _ = st.tiny(np.random.default_rng(seed))
        assert len(g.outputs) == 1 and not {"PRELU", "ADD", "LOGISTIC"} & set(
            g.op_types())
    # plain's vgg: a square 3-channel input and one FC (a flatten or MEAN before it)
    assert "b.input((1, res, res, 3))" in inspect.getsource(spl.vgg_net)
    for seed in range(10):
        rng = np.random.default_rng(seed)
        b = NetBuilder(rng, "vgg")
        out, meta = spl._vgg(b, rng)
        g = b.finish([out])
        res = meta["res"]
        assert g.tensors[g.inputs[0]].shape == (1, res, res, 3)
        assert g.op_types().count("FULLY_CONNECTED") == 1
    assert max(sb.IN_H) == 64 and max(sl.SIDES) == 128 and 48 not in sl.SIDES
    assert sb.MAX_MACS == sl.MAX_MACS == 50_000_000
    # PRELU: sesr's and ext's only on 4-D maps (slopes [1, 1, C]); none in detect
    for seed in range(6):
        for draw in (sp.sesr, se.ext):
            g, _ = draw(np.random.default_rng(seed))
            for op in (op for op in g.ops if op.type == "PRELU"):
                assert len(g.tensors[op.inputs[0]].shape) == 4
                assert g.tensors[op.inputs[1]].shape[:2] == (1, 1)
    assert "PRELU" not in inspect.getsource(sd)
    assert not _overlap_unnamed(ph.MODELS, {
        "vggish_96x64": ("vgg11_cifar", "vgg16_224", "envnet_v2_66650"),
        "panns_cnn6_1001x64": ("samplecnn_59049", "textcnn_kim_56x300",
                               "bc_resnet1_40x101"),
        "mtcnn_onet_48": ("mobilefacenet_112", "blazeface_128", "yunet_320")})


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xliv_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION34A == ("vggish_96x64", "panns_cnn6_1001x64", "mtcnn_onet_48")
    # after XLIII's part H (a SESSION34B, where merged, may follow); every builder
    # model once, every one registered
    _registered_after(ph, ph.SESSION34A, ph.SESSION33H)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION34A] == [
        "plain", "tiny", "tiny"]
    io = {"vggish_96x64": ([VGGISH_IN], [(1, 128)], VGGISH_COUNTS),
          "panns_cnn6_1001x64": ([CNN6_IN], [(1, 527)], CNN6_COUNTS),
          "mtcnn_onet_48": ([ONET_IN], ONET_OUTS, ONET_COUNTS)}
    gs = {}
    for name, (ins, outs, counts) in io.items():
        gs[name], got_ins, got_outs = _int8_io(name)
        assert (got_ins, got_outs) == (ins, outs), name
        assert Counter(gs[name].op_types()) == counts, name
    # the int8 graphs keep VGGish's 12,288-input FC, CNN6's whole-time-axis max pool
    # and its two kept MEANs, the O-Net's PRELU slopes and its SAME first pool
    assert _fc_weights(gs["vggish_96x64"])[0] == (4096, 12_288)
    g = gs["panns_cnn6_1001x64"]
    assert _pools(g, "MAX_POOL_2D") == [((62, 1), (1, 1), "VALID")]
    assert _out_shapes(g, "MEAN") == [(62, 1, 512), (1, 1, 512)]
    g = gs["mtcnn_onet_48"]
    assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "PRELU"] == [
        (1, 1, 32), (1, 1, 64), (1, 1, 64), (1, 1, 128), (256,)]
    assert _pools(g, "MAX_POOL_2D")[0] == ((3, 3), (2, 2), "SAME")
