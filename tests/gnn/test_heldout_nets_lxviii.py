"""jaxeff.gnn.heldout_nets_lxviii (held-out families LXVIII; session 41, addendum 4,
pre-registered; siblings of the read M18 / M34-res, said openly): M5 and M3 of Dai et
al. (arXiv 1610.00087, Table 1) with a VALID 1x80 / 4 stem straight on 32,000 raw
samples (7,981 outputs), ``m5_valid_32000`` (:func:`jaxeff.gnn.heldout_nets_xxxviii.m5`
with ``pad=False``; pools to 1,995, 498, 124, 31) and ``m3_valid_32000`` (a stem of
256, a pool to 1,995, one 1x3 SAME conv of 256, a pool to 498, MEAN, FC 10,
SOFTMAX). The default ``pad=True`` of ``m5`` keeps the registered ``m5_raw_32000``
byte for byte (sha256 pinned, float and int8); op counts and sequences, the stem,
the pools' widths, the convs' shapes, the MAC and parameter counts (by hand),
registration, the int8 builds (slow) and the overlap text."""

import hashlib
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxviii as hl
from jaxeff.gnn import heldout_nets_xxxviii as hx
from jaxeff.gnn.build import NetBuilder
from jaxeff.tflite.writer import write_tflite
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import M5_COUNTS, _fc_weights, _strides

C, MP, ME, FC, SM = "CONV_2D", "MAX_POOL_2D", "MEAN", "FULLY_CONNECTED", "SOFTMAX"
RAW_IN, RAW_OUT = (1, 1, 32000, 1), (1, 10)
NAMES = ("m5_valid_32000", "m3_valid_32000")
HEAD = [ME, FC, SM]


def _valid(n, k, s):
    """The length of a VALID window of ``k`` and stride ``s`` over ``n``."""
    return (n - k) // s + 1


#: the stem's width on the unpadded samples, then after each VALID pool of 4
STEM_W = _valid(32000, 80, 4)
WIDTHS = (_valid(STEM_W, 4, 4),)
for _ in range(3):
    WIDTHS += (_valid(WIDTHS[-1], 4, 4),)

# -- M5, VALID stem
M5V_COUNTS = {k: v for k, v in M5_COUNTS.items() if k != "PAD"}
M5V_TYPES = [C, MP] * 4 + HEAD
#: (output positions, C_in, C_out, taps): the stem, the three 1x3 convs (each at the
#: width of the pool before it), the FC on the 512 means
M5V_LAYERS = [(STEM_W, 1, 128, 80), (WIDTHS[0], 128, 128, 3),
              (WIDTHS[1], 128, 256, 3), (WIDTHS[2], 256, 512, 3), (1, 512, 10, 1)]

# -- M3
M3_COUNTS = {C: 2, MP: 2, ME: 1, FC: 1, SM: 1}
M3_TYPES = [C, MP, C, MP] + HEAD
M3_LAYERS = [(STEM_W, 1, 256, 80), (WIDTHS[0], 256, 256, 3), (1, 256, 10, 1)]


def _tflite(f):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return write_tflite(b.finish([f(b, b.input(RAW_IN))]))


def test_m5_default_pad_keeps_the_registered_raw_graph_byte_for_byte():
    # the sha256 of m5's float flatbuffer before ``pad`` was added (session 41,
    # commit 7e28980); ``pad=True`` is the default
    raw = _tflite(hx.m5)
    assert hashlib.sha256(raw).hexdigest() == (
        "523e5deaab68966a5b03a39b0bec31c1c983aa7730d77a611a87864a36f737d1")
    assert _tflite(lambda b, x: hx.m5(b, x, pad=True)) == raw
    assert _tflite(lambda b, x: hx.m5(b, x, pad=False)) == _tflite(hl.m5_valid) != raw


@pytest.mark.slow
def test_m5_raw_32000_int8_build_unchanged():
    # the sha256 of the registered m5_raw_32000's int8 build (commit 7e28980)
    from experiments import perfsage_heldout as ph

    assert hashlib.sha256(ph.build("m5_raw_32000")).hexdigest() == (
        "09ba47663db7eec204599a718df3a3bf2306be2ef4a05ca74d4eded862b96aad")


def _valid_stem(g, c0, n_pools):
    """No PAD: the 1x80 / (1, 4) VALID RELU stem of ``c0`` reads the input (7,981
    outputs) with a bias; ``n_pools`` max pools 1x4 / (1, 4) VALID to 1,995, 498
    (124, 31)."""
    stem = g.ops[0]
    assert "PAD" not in g.op_types() and STEM_W == 7981
    assert 4 * 7980 + 80 == 32000
    assert stem.type == C and stem.inputs[0] == g.inputs[0] and len(stem.inputs) == 3
    assert g.tensors[stem.inputs[1]].shape == (c0, 1, 80, 1)
    assert g.tensors[stem.inputs[2]].shape == (c0,)
    assert stem.options["padding"] == "VALID" and stem.options["stride_w"] == 4
    assert stem.options["stride_h"] == 1
    assert g.tensors[stem.outputs[0]].shape == (1, 1, 7981, c0)
    assert WIDTHS == (1995, 498, 124, 31)
    assert _strides(g, MP) == [(1, 4)] * n_pools
    assert _opt(g, MP, "padding") == ["VALID"] * n_pools
    for op in (op for op in g.ops if op.type == MP):
        assert (op.options["filter_height"], op.options["filter_width"]) == (1, 4)
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS[:n_pools])


def _chain_biased_head(g, c):
    """A plain chain; every conv and FC with a bias of its output width; MEAN over H
    and W of the ``c``-channel map, FC 10 linear, SOFTMAX (the output)."""
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))
    for op in (op for op in g.ops if op.type in (C, FC)):
        assert len(op.inputs) == 3
        assert g.tensors[op.inputs[2]].shape == (g.tensors[op.inputs[1]].shape[0],)
    me, fc, sm = g.ops[-3:]
    assert g.tensors[me.inputs[1]].data.tolist() == [1, 2]
    assert _out_shapes(g, ME) == [(1, 1, c)]
    assert _fc_weights(g) == [(10, c)] and _acts(g, FC) == ["NONE"]
    assert sm.inputs == fc.outputs and g.outputs == sm.outputs


def test_m5_valid_no_pad_widths_and_hand_counts():
    g = _graph(hl.m5_valid, RAW_IN, RAW_OUT, 11, M5V_COUNTS)
    assert M5V_COUNTS == {C: 4, MP: 4, ME: 1, FC: 1, SM: 1}
    assert g.op_types() == M5V_TYPES
    assert (hx.M5_CONVS, hx.M5_POOL) == (((128, 80, 4), (128, 3, 1), (256, 3, 1),
                                          (512, 3, 1)), 4)
    _valid_stem(g, 128, 4)
    assert _kernels(g, C) == [(1, 80)] + [(1, 3)] * 3
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 3
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 3
    assert _acts(g, C) == ["RELU"] * 4
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M5V_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, 7981, 128), (1, 1995, 128), (1, 498, 256),
                                 (1, 124, 512)]
    assert _out_shapes(g, MP) == [(1, 1995, 128), (1, 498, 128), (1, 124, 256),
                                  (1, 31, 512)]
    _chain_biased_head(g, 512)
    # MACs by hand at the VALID widths
    assert [t * ci * co * k for t, ci, co, k in M5V_LAYERS] == [
        81_725_440, 98_058_240, 48_955_392, 48_758_784, 5_120]
    assert 7981 * 128 * 80 == 81_725_440 and 1995 * 128 * 128 * 3 == 98_058_240
    assert 498 * 128 * 256 * 3 == 48_955_392 and 124 * 256 * 512 * 3 == 48_758_784
    assert (81_725_440 + 98_058_240 + 48_955_392 + 48_758_784
            + 5_120) == 277_502_976
    # parameters by hand (m5_raw_32000's: no parameter depends on the widths)
    assert [ci * co * k + co for _, ci, co, k in M5V_LAYERS] == [
        10_368, 49_280, 98_560, 393_728, 5_130]
    assert 10_368 + 49_280 + 98_560 + 393_728 + 5_130 == 557_066
    assert _hand_1d(M5V_LAYERS) == (277_502_976, 557_066)
    # published (Table 1, recalled): 0.5 M parameters, as m5_raw_32000
    _pinned(g, (277_502_976, 557_066), (None, 0.5e6), (None, 0.12))


def test_m3_valid_stem_of_256_one_1x3_conv_and_hand_counts():
    g = _graph(hl.m3, RAW_IN, RAW_OUT, 7, M3_COUNTS)
    assert (hl.M3_STEM, hl.M3_CONV, hl.POOL, hl.CLASSES) == ((256, 80, 4), (256, 3),
                                                             4, 10)
    assert g.op_types() == M3_TYPES
    _valid_stem(g, 256, 2)
    assert _kernels(g, C) == [(1, 80), (1, 3)]
    assert _strides(g, C) == [(1, 4), (1, 1)]
    assert _opt(g, C, "padding") == ["VALID", "SAME"]
    assert _acts(g, C) == ["RELU"] * 2
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M3_LAYERS[:-1]]
    assert _out_shapes(g, C) == [(1, 7981, 256), (1, 1995, 256)]
    assert _out_shapes(g, MP) == [(1, 1995, 256), (1, 498, 256)]
    _chain_biased_head(g, 256)
    # MACs by hand
    assert [t * ci * co * k for t, ci, co, k in M3_LAYERS] == [
        163_450_880, 392_232_960, 2_560]
    assert 7981 * 256 * 80 == 163_450_880 and 1995 * 256 * 256 * 3 == 392_232_960
    assert 163_450_880 + 392_232_960 + 256 * 10 == 555_686_400
    # parameters by hand
    assert [ci * co * k + co for _, ci, co, k in M3_LAYERS] == [20_736, 196_864, 2_570]
    assert 256 * 80 + 256 + 256 * 256 * 3 + 256 + 256 * 10 + 10 == 220_170
    assert _hand_1d(M3_LAYERS) == (555_686_400, 220_170)
    # published (Table 1, recalled): 0.2 M parameters
    _pinned(g, (555_686_400, 220_170), (None, 0.2e6), (None, 0.12))


def test_family_lxviii_registered_and_overlap_text():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION41B == NAMES
    _registered_after(ph, ph.SESSION41B, ph.SESSION41A)
    # right after LXVII (later families may follow)
    i = ph.BUILDER_MODELS.index(ph.SESSION41A[-1]) + 1
    assert ph.BUILDER_MODELS[i:i + 2] == NAMES
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "longk"]
    for m in NAMES:
        assert "refuses the PAD + stride-4 stem" in ph.MODELS[m][0]
        assert "siblings said openly" in ph.MODELS[m][1]
    assert "VALID-stem variant" in ph.MODELS["m5_valid_32000"][0]
    assert not _overlap_unnamed(ph.MODELS, {
        "m5_valid_32000": ("m5_raw_32000", "m5_32000", "m18_valid_32000",
                           "m34res_valid_32000", "m11_raw_32000"),
        "m3_valid_32000": ("m18_valid_32000", "m34res_valid_32000", "m5_raw_32000",
                           "m11_raw_32000")})


@pytest.mark.slow
def test_family_lxviii_int8():
    g, ins, outs = _int8_io("m5_valid_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M5V_COUNTS and g.op_types() == M5V_TYPES
    assert _kernels(g, C)[0] == (1, 80) and _strides(g, C)[0] == (1, 4)
    assert _opt(g, C, "padding")[0] == "VALID" and _acts(g, C) == ["RELU"] * 4
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M5V_LAYERS[:-1]]
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS)
    g, ins, outs = _int8_io("m3_valid_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M3_COUNTS and g.op_types() == M3_TYPES
    assert _kernels(g, C) == [(1, 80), (1, 3)] and _strides(g, C)[0] == (1, 4)
    assert _opt(g, C, "padding") == ["VALID", "SAME"] and _acts(g, C) == ["RELU"] * 2
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M3_LAYERS[:-1]]
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS[:2])
