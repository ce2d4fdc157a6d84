"""jaxeff.gnn.heldout_nets_xli (held-out families XLI, part a; session 33, addendum
2): the published structures, kernels, strides (SampleCNN's 1x3 / 3 conv and pools,
SoundNet's stride-2 convs and 1x8 / 8 pools), paddings (SoundNet's explicit PADs, not
SAME), output shapes (frame lengths worked out by hand), activations, op counts per
type, the pinned multiply-add and parameter counts (by hand), registration, int8
builds (all three) and the overlap with the training spaces (none draws any of the
three exactly)."""

from collections import Counter

from jaxeff.gnn import heldout_nets_xli as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxix import _char_cnn_layout
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

CHAR_SMALL_COUNTS = {"CONV_2D": 6, "MAX_POOL_2D": 3, "RESHAPE": 1,
                     "FULLY_CONNECTED": 3, "SOFTMAX": 1}
SAMPLECNN_COUNTS = {"CONV_2D": 11, "MAX_POOL_2D": 9, "RESHAPE": 1,
                    "FULLY_CONNECTED": 1, "LOGISTIC": 1}
SOUNDNET_COUNTS = {"PAD": 7, "CONV_2D": 8, "MAX_POOL_2D": 3}
#: SoundNet's frames, worked out from Table 1: floor((T + 2 pad - k) / s) + 1 per
#: conv, floor(T / w) per pool
SOUNDNET_FRAMES = (110251, 6891, 431, 216, 109, 14, 8, 1)


def _frames(t, k, s, pad=0):
    return (t + 2 * pad - k) // s + 1


def test_char_cnn_small_table1_small_widths_frames_and_hand_counts():
    g = _graph(hx.char_cnn_small, (1, 1, 1014, 70), (1, 4), 14, CHAR_SMALL_COUNTS)
    # the large one's layout (the same builder), at 256 features and FCs of 1,024
    _char_cnn_layout(g, 256, 1024)
    assert _out_shapes(g, "RESHAPE") == [(8704,)]
    layers = [(1008, 70, 256, 7), (330, 256, 256, 7), (108, 256, 256, 3),
              (106, 256, 256, 3), (104, 256, 256, 3), (102, 256, 256, 3),
              (1, 8704, 1024, 1), (1, 1024, 1024, 1), (1, 1024, 4, 1)]
    assert _hand_1d(layers) == (370_372_608, 11_339_780)
    # published: no count in the paper
    _pinned(g, (370_372_608, 11_339_780), (None, None), (None, None))


def test_samplecnn_3_9_strided_stem_nine_modules_and_hand_counts():
    g = _graph(hx.samplecnn, (1, 1, 59049, 1), (1, 50), 23, SAMPLECNN_COUNTS)
    assert g.op_types() == ["CONV_2D"] + ["CONV_2D", "MAX_POOL_2D"] * 9 + [
        "CONV_2D", "RESHAPE", "FULLY_CONNECTED", "LOGISTIC"]
    assert _kernels(g, "CONV_2D") == [(1, 3)] * 10 + [(1, 1)]
    assert _strides(g, "CONV_2D") == [(1, 3)] + [(1, 1)] * 10
    assert _opt(g, "CONV_2D", "padding") == ["VALID"] + ["SAME"] * 10
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    # 3^10 samples: 3^9 frames after the stem, a third after each module's pool
    assert 59049 == 3 ** 10
    widths = (128, 128, 256, 256, 256, 256, 256, 256, 512)
    assert _out_shapes(g, "CONV_2D") == [(1, 3 ** 9, 128)] + [
        (1, 3 ** (9 - i), c) for i, c in enumerate(widths)] + [(1, 1, 512)]
    assert _out_shapes(g, "MAX_POOL_2D") == [
        (1, 3 ** (8 - i), c) for i, c in enumerate(widths)]
    assert set(_strides(g, "MAX_POOL_2D")) == {(1, 3)}
    assert set(_opt(g, "MAX_POOL_2D", "filter_width")) == {3}
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {1}
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    # the multi-label head: FC to 50 tags, linear, then a standalone sigmoid
    assert _out_shapes(g, "RESHAPE") == [(512,)]
    assert _fc_weights(g) == [(50, 512)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    prod = _producers(g)
    assert prod[g.ops[-1].inputs[0]].type == "FULLY_CONNECTED"
    cins = (128,) + widths[:-1]
    layers = [(3 ** 9, 1, 128, 3)] + [
        (3 ** (9 - i), ci, co, 3) for i, (ci, co) in enumerate(zip(cins, widths))] + [
        (1, 512, 512, 1), (1, 512, 50, 1)]
    assert _hand_1d(layers) == (1_728_067_712, 1_863_986)
    # published: no count pinned
    _pinned(g, (1_728_067_712, 1_863_986), (None, None), (None, None))


def test_soundnet8_table1_pads_strides_pools_and_hand_counts():
    g = _graph(hx.soundnet8, (1, 1, 220500, 1), (1, 1, 1, 1401), 18, SOUNDNET_COUNTS)
    assert g.op_types() == ["PAD", "CONV_2D", "MAX_POOL_2D"] * 2 + [
        "PAD", "CONV_2D"] * 3 + ["MAX_POOL_2D"] + ["PAD", "CONV_2D"] * 2 + ["CONV_2D"]
    taps = (64, 32, 16, 8, 4, 4, 4, 8)
    assert _kernels(g, "CONV_2D") == [(1, k) for k in taps]
    assert set(_strides(g, "CONV_2D")) == {(1, 2)}
    assert set(_opt(g, "CONV_2D", "padding")) == {"VALID"}
    assert _acts(g, "CONV_2D") == ["RELU"] * 7 + ["NONE"]
    chans = (16, 32, 64, 128, 256, 512, 1024, 1401)
    assert _out_shapes(g, "CONV_2D") == [
        (1, t, c) for t, c in zip(SOUNDNET_FRAMES, chans, strict=True)]
    # the table's pads: k / 2 zeros on both ends of W, none before conv8
    pads = [g.tensors[op.inputs[1]].data.tolist() for op in g.ops if op.type == "PAD"]
    assert pads == [[[0, 0], [0, 0], [k // 2] * 2, [0, 0]] for k in taps[:-1]]
    # the frames by hand: 220,500 -> 110,251 / 8 -> 13,781 -> 6,891 / 8 -> 861 -> ...
    t, pools, got = 220500, {0: 8, 1: 8, 4: 4}, []
    for i, k in enumerate(taps):
        t = _frames(t, k, 2, k // 2 if i < 7 else 0)
        got.append(t)
        t = t // pools[i] if i in pools else t
    assert tuple(got) == SOUNDNET_FRAMES
    # SAME is not the table's pad on any of these inputs: a length one frame short on
    # an even input, the window shifted by one sample (pad k / 2 - 1 before) on an odd
    ins = [220500, 13781, 861, 431, 216, 27, 14]
    for n, k, out in zip(ins, taps, SOUNDNET_FRAMES, strict=False):
        same = -(-n // 2)
        before = max((same - 1) * 2 + k - n, 0) // 2
        assert same != out or before != k // 2, n
    assert _out_shapes(g, "MAX_POOL_2D") == [(1, 13781, 16), (1, 861, 32),
                                             (1, 27, 256)]
    assert _strides(g, "MAX_POOL_2D") == [(1, 8), (1, 8), (1, 4)]
    assert _opt(g, "MAX_POOL_2D", "filter_width") == [8, 8, 4]
    assert set(_opt(g, "MAX_POOL_2D", "padding")) == {"VALID"}
    layers = [(t, ci, co, k) for t, ci, co, k in zip(
        SOUNDNET_FRAMES, (1,) + chans[:-1], chans, taps, strict=True)]
    # the two heads as one conv: 1,000 objects + 401 scenes
    assert _hand_1d(layers[-1:]) == _hand_1d([(1, 1024, 1000, 8), (1, 1024, 401, 8)])
    assert _hand_1d(layers) == (303_959_040, 14_348_649)
    # published: no count in the paper
    _pinned(g, (303_959_040, 14_348_649), (None, None), (None, None))


def _partly_and_earlier(ph, keys, earlier):
    """Every key's overlap says "(partly" (no space draws it in the same
    configuration) and names the earlier test models ``earlier[key]``, registered."""
    for m in keys:
        text = ph.MODELS[m][1]
        assert "(partly" in text and "same configuration" not in text, m
        missing = [e for e in earlier[m] if e not in text or e not in ph.MODELS]
        assert not missing, (m, missing)


def test_no_training_space_draws_a_xli_a_model_exactly():
    """The overlap stated in ``models.json``: tiny's filters stop at 128, its kernel
    widths miss 7, its sensor windows stop at 256 frames, its FCs at 4 M weights and
    its MACs at 100 M (the small Char-CNN); longk's lengths stop at 16,000, its
    layers' filters at 128, its MACs at 50 M and its pool strides at 3 (SampleCNN,
    SoundNet); the earlier models of the same paper or layouts are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces_longk as sl
    from jaxeff.gnn import spaces_tiny as st

    assert max(st.FILTERS) == 128 < 256 and 7 not in st.KERNEL_W
    assert st.MAX_FC_WEIGHTS < 8704 * 1024 and st.MAX_MACS < 370_372_608
    assert max(sl.LENGTHS) == 16000 < 59049 < 220500
    assert max(sl.LAYER_FILTERS) == 128 and max(sl.FILTERS) < 256
    assert sl.MAX_MACS < 303_959_040
    _partly_and_earlier(ph, ph.SESSION33C, {
        "char_cnn_small_1014": ("char_cnn_large_1014", "vdcnn9_1024"),
        "samplecnn_59049": ("m5_raw_32000", "wav2letter_raw_16000"),
        "soundnet8_220500": ("m5_raw_32000", "wav2letter_raw_16000",
                             "wav2vec_enc_16000")})


def _registered_after(ph, tup, before, spaces):
    """``tup`` stands in ``BUILDER_MODELS`` right after ``before`` (a later tuple may
    follow it), each model once and in ``MODELS``, its overlap led by ``spaces``."""
    i = ph.BUILDER_MODELS.index(tup[0])
    assert ph.BUILDER_MODELS[i - len(before):i + len(tup)] == before + tup
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in tup] == list(spaces)


def _int8_checked(name, shape, out, counts):
    """The int8 graph of ``name``, its input ``shape``, its output ``out`` and op
    ``counts`` checked."""
    g, ins, outs = _int8_io(name)
    assert (ins, outs, Counter(g.op_types())) == ([shape], [out], counts), name
    return g


def test_families_xli_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION33C == ("char_cnn_small_1014", "samplecnn_59049",
                             "soundnet8_220500")
    _registered_after(ph, ph.SESSION33C, ph.SESSION33B, ("tiny", "longk", "longk"))
    io = {"char_cnn_small_1014": ((1, 1, 1014, 70), (1, 4), CHAR_SMALL_COUNTS),
          "samplecnn_59049": ((1, 1, 59049, 1), (1, 50), SAMPLECNN_COUNTS),
          "soundnet8_220500": ((1, 1, 220500, 1), (1, 1, 1, 1401), SOUNDNET_COUNTS)}
    gs = {name: _int8_checked(name, *v) for name, v in io.items()}
    # the int8 graphs keep SampleCNN's stride-3 stem and SoundNet's PADs, stride-2
    # VALID convs and stride-8 pools
    assert _strides(gs["samplecnn_59049"], "CONV_2D")[0] == (1, 3)
    g = gs["soundnet8_220500"]
    assert g.op_types()[:3] == ["PAD", "CONV_2D", "MAX_POOL_2D"]
    assert set(_strides(g, "CONV_2D")) == {(1, 2)}
    assert _strides(g, "MAX_POOL_2D") == [(1, 8), (1, 8), (1, 4)]
