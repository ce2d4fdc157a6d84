"""jaxeff.gnn.heldout_nets_xlii (held-out families XLII, part E; session 33, addendum
3): the published structures, kernels (MarbleNet's depthwise 1x11 ... 1x29, EnvNet-v2's
1x64 / 1x16 / 8x8 / 1x4 / 1x2, Abdoli's 1x64 ... 1x8), strides, dilations, paddings,
the axes swap (EnvNet-v2's TRANSPOSE), output shapes (frame lengths worked out by
hand), activations, op counts per type, the pinned multiply-add and parameter counts
(by hand) with the published one where there is any, registration, int8 builds (all
three) and the overlap with the training spaces (none draws any of the three
exactly)."""

import pytest

from jaxeff.gnn import heldout_nets_xlii as hx
from tests.gnn.test_heldout_nets import _dil, _pinned
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xli import (_frames, _int8_checked,
                                             _partly_and_earlier, _registered_after)
from tests.gnn.test_heldout_nets_xli_b import _inputs
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

MARBLE_COUNTS = {"CONV_2D": 13, "DEPTHWISE_CONV_2D": 8, "ADD": 3, "MEAN": 1,
                 "SOFTMAX": 1}
ENVNET_COUNTS = {"CONV_2D": 10, "MAX_POOL_2D": 5, "TRANSPOSE": 1, "RESHAPE": 1,
                 "FULLY_CONNECTED": 3, "SOFTMAX": 1}
ABDOLI_COUNTS = {"CONV_2D": 4, "MAX_POOL_2D": 2, "RESHAPE": 1, "FULLY_CONNECTED": 2,
                 "SOFTMAX": 1}
#: EnvNet-v2's (H, W) after each conv, worked out VALID from the table
ENVNET_MAPS = ((1, 33294), (1, 16640), (57, 253), (50, 246), (10, 79), (10, 76),
               (10, 37), (10, 36), (10, 17), (10, 16))
ENVNET_CHANS = (32, 64, 32, 32, 64, 64, 128, 128, 256, 256)
ENVNET_KERNELS = ((1, 64), (1, 16), (8, 8), (8, 8), (1, 4), (1, 4), (1, 2), (1, 2),
                  (1, 2), (1, 2))
#: Abdoli's frames after each conv (VALID, stride 2) and pool (window = stride = 8)
ABDOLI_FRAMES = (7969, 483, 23, 8)


def test_marblenet_3x2x64_table1_separable_blocks_stride1_and_published_params():
    g = _graph(hx.marblenet_3x2x64, (1, 1, 64, 64), (1, 2), 26, MARBLE_COUNTS)
    sep = ["DEPTHWISE_CONV_2D", "CONV_2D"]
    assert g.op_types() == sep + (sep * 2 + ["CONV_2D", "ADD"]) * 3 + sep + [
        "CONV_2D", "CONV_2D", "MEAN", "SOFTMAX"]
    # depthwise 1 x K along time: prologue 11, blocks 13 / 15 / 17 twice, epilogue 29
    ks = (11, 13, 13, 15, 15, 17, 17, 29)
    assert _kernels(g, "DEPTHWISE_CONV_2D") == [(1, k) for k in ks]
    # stride 1 everywhere (the 64 frames kept), the epilogue dilated 2, SAME
    assert set(_strides(g, "DEPTHWISE_CONV_2D")) == {(1, 1)}
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [_dil(op) for op in dws] == [(1, 1)] * 7 + [(1, 2)]
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "padding")) == {"SAME"}
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}
    assert set(_opt(g, "DEPTHWISE_CONV_2D", "depth_multiplier")) == {1}
    dw_c = (64, 128, 64, 64, 64, 64, 64, 64)
    assert _out_shapes(g, "DEPTHWISE_CONV_2D") == [(1, 64, c) for c in dw_c]
    assert set(_kernels(g, "CONV_2D")) == {(1, 1)}
    assert set(_strides(g, "CONV_2D")) == {(1, 1)}
    pw_c = (128,) + (64,) * 9 + (128, 128, 2)
    assert _out_shapes(g, "CONV_2D") == [(1, 64, c) for c in pw_c]
    assert _acts(g, "CONV_2D") == ["RELU"] + ["RELU", "NONE", "NONE"] * 3 + [
        "RELU", "RELU", "NONE"]
    # the residual: a 1x1 conv of the block input, ADDed before the second RELU
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == "ADD"]
    assert _acts(g, "ADD") == ["RELU"] * 3
    for k, add in enumerate(adds):
        main, short = (prod[t] for t in add.inputs)
        dw2 = prod[main.inputs[0]]
        pw1 = prod[dw2.inputs[0]]
        src = g.ops[1].outputs[0] if k == 0 else adds[k - 1].outputs[0]
        assert dw2.type == "DEPTHWISE_CONV_2D" and pw1.type == "CONV_2D"
        assert prod[pw1.inputs[0]].inputs[0] == src == short.inputs[0]
    mean = next(op for op in g.ops if op.type == "MEAN")
    assert g.tensors[mean.inputs[0]].shape == (1, 1, 64, 2)
    dw = [(64, c, None, k) for c, k in zip(dw_c, ks, strict=True)]
    pw = [(64, 64, 128, 1)]
    for cin in (128, 64, 64):
        pw += [(64, cin, 64, 1), (64, 64, 64, 1), (64, cin, 64, 1)]
    pw += [(64, 64, 128, 1), (64, 128, 128, 1), (64, 128, 2, 1)]
    assert _hand_1d(dw)[0] == 585_728 and _hand_1d(pw)[0] == 4_997_120
    assert _hand_1d(dw + pw) == (5_582_848, 88_770)
    # the release's count (recalled): no conv biases (576 depthwise, 960 pointwise
    # outside the decoder), a batch norm's scale and shift on those 960 channels
    assert sum(dw_c) == 576 and sum(pw_c[:-1]) == 960
    assert 88_770 - 576 - 960 + 2 * 960 == 89_154
    # published (Table 1, recalled): 88 K parameters
    _pinned(g, (5_582_848, 88_770), (None, 88e3), (None, 0.015))


def test_envnet_v2_raw_convs_transpose_2d_convs_and_hand_counts():
    g = _graph(hx.envnet_v2, (1, 1, 66650, 1), (1, 50), 21, ENVNET_COUNTS)
    pair = ["CONV_2D", "CONV_2D", "MAX_POOL_2D"]
    assert g.op_types() == pair + ["TRANSPOSE"] + pair * 4 + [
        "RESHAPE"] + ["FULLY_CONNECTED"] * 3 + ["SOFTMAX"]
    assert _kernels(g, "CONV_2D") == list(ENVNET_KERNELS)
    assert _strides(g, "CONV_2D") == [(1, 2)] * 2 + [(1, 1)] * 8
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [
        (h, w, c) for (h, w), c in zip(ENVNET_MAPS, ENVNET_CHANS, strict=True)]
    # the raw part by hand: 66,650 -> 33,294 -> 16,640 -> 260 frames
    t1 = _frames(66650, 64, 2)
    t2 = _frames(t1, 16, 2)
    assert (t1, t2, t2 // 64) == (33294, 16640, 260)
    # the axes swap: the 64 channels become the height, one channel
    tr = next(op for op in g.ops if op.type == "TRANSPOSE")
    assert g.tensors[tr.inputs[1]].data.tolist() == [0, 3, 2, 1]
    assert g.tensors[tr.inputs[0]].shape == (1, 1, 260, 64)
    assert g.tensors[tr.outputs[0]].shape == (1, 64, 260, 1)
    assert _producers(g)[tr.inputs[0]].type == "MAX_POOL_2D"
    pools = [(1, 64), (5, 3), (1, 2), (1, 2), (1, 2)]
    assert _strides(g, "MAX_POOL_2D") == pools
    assert list(zip(_opt(g, "MAX_POOL_2D", "filter_height"),
                    _opt(g, "MAX_POOL_2D", "filter_width"))) == pools
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 260, 64), (10, 82, 32), (10, 38, 64),
                                             (10, 18, 128), (10, 8, 256)]
    assert _out_shapes(g, "RESHAPE") == [(20480,)]
    assert _fc_weights(g) == [(4096, 20480), (4096, 4096), (50, 4096)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "RELU", "NONE"]
    # after the swap conv3 reads one channel
    cins = (1, 32, 1) + ENVNET_CHANS[2:-1]
    layers = [(h * w, ci, co, kh * kw) for (h, w), ci, co, (kh, kw) in zip(
        ENVNET_MAPS, cins, ENVNET_CHANS, ENVNET_KERNELS, strict=True)]
    fcs = [(1, 20480, 4096, 1), (1, 4096, 4096, 1), (1, 4096, 50, 1)]
    assert _hand_1d(layers) == (1_517_967_360, 373_792)
    assert _hand_1d(fcs) == (100_868_096, 100_876_338)
    # published: no count recalled
    _by_hand(g, layers + fcs, (1_618_835_456, 101_250_130))


def test_abdoli_esc_16000_strided_convs_pools_and_hand_counts():
    g = _graph(hx.abdoli_esc, (1, 1, 16000, 1), (1, 10), 10, ABDOLI_COUNTS)
    assert g.op_types() == ["CONV_2D", "MAX_POOL_2D"] * 2 + ["CONV_2D"] * 2 + [
        "RESHAPE", "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX"]
    taps, chans = (64, 32, 16, 8), (16, 32, 64, 128)
    assert _kernels(g, "CONV_2D") == [(1, k) for k in taps]
    assert set(_strides(g, "CONV_2D")) == {(1, 2)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    assert _out_shapes(g, "CONV_2D") == [
        (1, t, c) for t, c in zip(ABDOLI_FRAMES, chans, strict=True)]
    # the frames by hand: floor((T - k) / 2) + 1 per conv, floor(T / 8) per pool
    t, got = 16000, []
    for i, k in enumerate(taps):
        t = _frames(t, k, 2)
        got.append(t)
        t = t // 8 if i < 2 else t
    assert tuple(got) == ABDOLI_FRAMES
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 996, 16), (1, 60, 32)]
    assert set(_strides(g, "MAX_POOL_2D")) == {(1, 8)}
    assert set(_opt(g, "MAX_POOL_2D", "filter_width")) == {8}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    assert _out_shapes(g, "RESHAPE") == [(1024,)]
    assert _fc_weights(g) == [(64, 1024), (10, 64)]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU", "NONE"]
    layers = [(t, ci, co, k) for t, ci, co, k in zip(
        ABDOLI_FRAMES, (1,) + chans[:-1], chans, taps, strict=True)]
    fcs = [(1, 1024, 64, 1), (1, 64, 10, 1)]
    assert _hand_1d(layers) == (17_351_680, 115_952)
    assert _hand_1d(fcs) == (66_176, 66_250)
    # published: no count pinned
    _by_hand(g, layers + fcs, (17_417_856, 182_202))


def test_no_training_space_draws_a_xlii_e_model_exactly():
    """The overlap stated in ``models.json``: dscnn's depthwise kernels are 3x3 and
    mbconv's and dil's stop at 7 (MarbleNet's 11-29); longk's lengths stop at 16,000
    (EnvNet-v2's 66,650), its pools' strides at 3 (EnvNet-v2's 1x64 / 64 and 5x3 /
    (5, 3), Abdoli's 1x8 / 8), its later layers are SAME of at most 16 taps (Abdoli's
    VALID 1x32 / 2), its FCs stop at 2 M weights (EnvNet-v2's 83.9 M); the earlier
    models of the same layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_dil as sd
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_tiny as st

    assert max(sd.KERNELS) == 7 < 11
    assert max(sl.LENGTHS) == 16000 < 66650 and 16000 in sl.LENGTHS
    assert sl.MAX_FC_WEIGHTS < 4096 * 20480 and st.MAX_FC_WEIGHTS < 4096 * 20480
    assert sl.MAX_MACS < 1_618_835_456
    # longk's draws: at most one pool, of stride at most 3; every conv after the
    # first SAME (Abdoli's and EnvNet-v2's later convs VALID)
    for _, g in _inputs(sl.longk):
        assert len(_strides(g, "MAX_POOL_2D")) <= 1
        assert all(max(s) <= 3 for s in _strides(g, "MAX_POOL_2D"))
        assert set(_opt(g, "CONV_2D", "padding")[1:]) <= {"SAME"}
    _partly_and_earlier(ph, ph.SESSION33E, {
        "marblenet_3x2x64": ("matchboxnet_3x2x64", "quartznet5x5_64x256"),
        "envnet_v2_66650": ("alexnet_owt_224", "soundnet8_220500", "m5_raw_32000"),
        "abdoli_esc_16000": ("m5_raw_32000", "soundnet8_220500",
                             "wav2letter_raw_16000")})


@pytest.mark.slow  # CI budget: 10-38 s on 2 cores (session 34); the hand-count tests stay
def test_families_xlii_e_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33E == ("marblenet_3x2x64", "envnet_v2_66650", "abdoli_esc_16000")
    _registered_after(ph, ph.SESSION33E, ph.SESSION33D, ("kws", "longk", "longk"))
    io = {"marblenet_3x2x64": ((1, 1, 64, 64), (1, 2), MARBLE_COUNTS),
          "envnet_v2_66650": ((1, 1, 66650, 1), (1, 50), ENVNET_COUNTS),
          "abdoli_esc_16000": ((1, 1, 16000, 1), (1, 10), ABDOLI_COUNTS)}
    gs = {name: _int8_checked(name, *v) for name, v in io.items()}
    # the int8 graphs keep MarbleNet's dilation, EnvNet-v2's TRANSPOSE and wide
    # pools, Abdoli's stride-2 VALID convs and 1x8 / 8 pools
    g = gs["marblenet_3x2x64"]
    assert _dil([op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"][-1]) == (1, 2)
    g = gs["envnet_v2_66650"]
    assert g.op_types()[3] == "TRANSPOSE"
    assert _strides(g, "MAX_POOL_2D")[:2] == [(1, 64), (5, 3)]
    g = gs["abdoli_esc_16000"]
    assert set(_strides(g, "CONV_2D")) == {(1, 2)}
    assert _strides(g, "MAX_POOL_2D") == [(1, 8), (1, 8)]
