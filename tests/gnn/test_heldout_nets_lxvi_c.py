"""jaxeff.gnn.heldout_nets_lxvi with ``pad=False`` (held-out families LXVI, the
VALID-stem variants; session 40, addendum 3, named after Vela refused the PAD +
stride-4 stem of the registered ``m18_raw_32000`` and ``m34res_raw_32000``):
``m18_valid_32000`` and ``m34res_valid_32000``, the same graphs without the PAD (a
VALID 1x80 / 4 stem straight on the 32,000 samples; widths 7,981 -> 1,995 -> 498 ->
124 -> 31). The default ``pad=True`` keeps the registered graphs byte for byte
(sha256 pinned); op counts and sequences (no PAD), the stem, the pools' widths, the
convs' shapes, the MAC counts (by hand, at the new widths) and the parameter counts
(unchanged), registration, the int8 builds (slow) and the overlap text."""

import hashlib
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lxvi as hl
from jaxeff.gnn.build import NetBuilder
from jaxeff.tflite.writer import write_tflite
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_lxvi import (
    HEAD, M18_COUNTS, M18_TYPES, M34_CONV_ACTS, M34_COUNTS, M34_TYPES, RAW_IN, RAW_OUT,
    A, C, MP, P, _head_checks)
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

#: the stem's width on the unpadded samples, then after each VALID pool of 4
STEM_W = (32000 - 80) // 4 + 1
WIDTHS = (1995, 498, 124, 31)
NAMES = ("m18_valid_32000", "m34res_valid_32000")


def _no_pad(c):
    return {k: v for k, v in c.items() if k != P}


M18V_COUNTS, M34V_COUNTS = _no_pad(M18_COUNTS), _no_pad(M34_COUNTS)
M18V_TYPES, M34V_TYPES = M18_TYPES[1:], M34_TYPES[1:]

# the layers, as (output positions, C_in, C_out, taps), rebuilt at the new widths
M18V_LAYERS = [(STEM_W, 1, 64, 80)]
for _t, _ci, _co in zip(WIDTHS, (64, 64, 128, 256), (64, 128, 256, 512), strict=True):
    M18V_LAYERS += [(_t, _ci, _co, 3)] + [(_t, _co, _co, 3)] * 3
M18V_LAYERS += [(1, 512, 10, 1)]
M34V_CONVS = [(STEM_W, 1, 48, 80)]
for _t, _ci, _co, _n in zip(WIDTHS, (48, 48, 96, 192), (48, 96, 192, 384),
                            (3, 4, 6, 3), strict=True):
    M34V_CONVS += [(_t, _ci, _co, 3), (_t, _co, _co, 3)]
    M34V_CONVS += [(_t, _ci, _co, 1)] if _ci != _co else []
    M34V_CONVS += [(_t, _co, _co, 3)] * (2 * (_n - 1))
M34V_LAYERS = M34V_CONVS + [(1, 384, 10, 1)]


def _m18v(b, x):
    return hl.m18(b, x, pad=False)


def _m34v(b, x):
    return hl.m34res(b, x, pad=False)


def _tflite(f):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return write_tflite(b.finish([f(b, b.input(RAW_IN))]))


def test_default_pad_keeps_the_registered_raw_graphs_byte_for_byte():
    # the sha256 of m18 / m34res's flatbuffers before ``pad`` was added (session 40,
    # commit 2ddeb39); ``pad=True`` is the default
    for f, ref in ((hl.m18,
                    "2080dd12d729eb8015854e87cb74c4970ee8065a6ad84f33915c1c824dfef1ff"),
                   (hl.m34res,
                    "3375d9b9c8a409898d73eba4f90d2570c93c0c986f5ee6effc5f164e28a712b2")):
        raw = _tflite(f)
        assert hashlib.sha256(raw).hexdigest() == ref
        assert _tflite(lambda b, x, f=f: f(b, x, pad=True)) == raw
    assert _tflite(_m18v) != _tflite(hl.m18)


def _valid_stem_and_pools(g, c0):
    """No PAD: the 1x80 / (1, 4) VALID RELU stem of ``c0`` reads the input (7,981
    outputs), four max pools 1x4 / (1, 4) VALID to 1,995, 498, 124, 31."""
    stem = g.ops[0]
    assert P not in g.op_types() and STEM_W == 7981
    assert stem.type == C and stem.inputs[0] == g.inputs[0] and len(stem.inputs) == 3
    assert g.tensors[stem.inputs[1]].shape == (c0, 1, 80, 1)
    assert g.tensors[stem.inputs[2]].shape == (c0,)
    assert stem.options["padding"] == "VALID" and stem.options["stride_w"] == 4
    assert g.tensors[stem.outputs[0]].shape == (1, 1, 7981, c0)
    assert _strides(g, MP) == [(1, 4)] * 4 and _opt(g, MP, "padding") == ["VALID"] * 4
    for op in (op for op in g.ops if op.type == MP):
        assert (op.options["filter_height"], op.options["filter_width"]) == (1, 4)
    w, got = STEM_W, []
    for _ in range(4):
        w = (w - 4) // 4 + 1
        got.append(w)
    assert tuple(got) == WIDTHS
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS)


def test_m18_valid_no_pad_new_widths_and_hand_counts():
    g = _graph(_m18v, RAW_IN, RAW_OUT, 24, M18V_COUNTS)
    assert g.op_types() == M18V_TYPES and M18V_TYPES[-3:] == HEAD
    _valid_stem_and_pools(g, 64)
    assert _kernels(g, C) == [(1, 80)] + [(1, 3)] * 16
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 16
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 16
    assert _acts(g, C) == ["RELU"] * 17
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M18V_LAYERS[:-1]]
    assert _out_shapes(g, C)[1:] == ([(1, 1995, 64)] * 4 + [(1, 498, 128)] * 4
                                     + [(1, 124, 256)] * 4 + [(1, 31, 512)] * 4)
    assert all(b.inputs[0] == a.outputs[0] for a, b in zip(g.ops, g.ops[1:]))
    _head_checks(g, 512)
    # MACs by hand at the new widths
    assert [t * ci * co * k for t, ci, co, k in M18V_LAYERS] == (
        [40_862_720] + [24_514_560] * 4 + [12_238_848] + [24_477_696] * 3
        + [12_189_696] + [24_379_392] * 3 + [12_189_696] + [24_379_392] * 3
        + [5_120])
    assert 7981 * 64 * 80 == 40_862_720 and 1995 * 64 * 64 * 3 == 24_514_560
    assert 498 * 64 * 128 * 3 == 12_238_848 and 498 * 128 * 128 * 3 == 24_477_696
    assert 124 * 128 * 256 * 3 == 12_189_696 and 124 * 256 * 256 * 3 == 24_379_392
    assert 4 * 24_514_560 == 98_058_240
    assert 12_238_848 + 3 * 24_477_696 == 85_671_936
    assert 12_189_696 + 3 * 24_379_392 == 85_327_872
    assert (40_862_720 + 98_058_240 + 85_671_936 + 2 * 85_327_872
            + 5_120) == 395_253_760
    # parameters: unchanged (no parameter depends on the widths)
    assert _hand_1d(M18V_LAYERS) == (395_253_760, 3_675_978)
    _pinned(g, (395_253_760, 3_675_978), (None, 3.7e6), (None, 0.02))


def test_m34res_valid_no_pad_new_widths_and_hand_counts():
    g = _graph(_m34v, RAW_IN, RAW_OUT, 59, M34V_COUNTS)
    assert g.op_types() == M34V_TYPES and len(M34V_CONVS) == 36
    _valid_stem_and_pools(g, 48)
    assert _kernels(g, C) == [(1, k) for *_, k in M34V_CONVS]
    assert _strides(g, C) == [(1, 4)] + [(1, 1)] * 35
    assert _acts(g, C) == M34_CONV_ACTS and _acts(g, A) == ["RELU"] * 16
    convs = [op for op in g.ops if op.type == C]
    assert [g.tensors[op.inputs[1]].shape for op in convs] == [
        (co, 1, k, ci) for _, ci, co, k in M34V_CONVS]
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M34V_CONVS]
    assert _out_shapes(g, A) == ([(1, 1995, 48)] * 3 + [(1, 498, 96)] * 4
                                 + [(1, 124, 192)] * 6 + [(1, 31, 384)] * 3)
    # the pools: after the stem (1), 3 plain blocks, a widening block and 3 plain,
    # a widening block and 5 plain (the raw graph's indices less the PAD)
    assert [i for i, op in enumerate(g.ops) if op.type == MP] == [1, 11, 25, 45]
    _head_checks(g, 384)
    # MACs by hand, per stage, at the new widths
    stage_convs = [M34V_CONVS[1:7], M34V_CONVS[7:16], M34V_CONVS[16:29],
                   M34V_CONVS[29:36]]
    assert [sum(t * ci * co * k for t, ci, co, k in s) for s in stage_convs] == [
        82_736_640, 105_560_064, 159_989_760, 77_709_312]
    assert 7981 * 48 * 80 == 30_647_040
    assert 6 * (1995 * 48 * 48 * 3) == 6 * 13_789_440 == 82_736_640
    assert (498 * 48 * 96 * 3, 498 * 96 * 96 * 3, 498 * 48 * 96) == (
        6_884_352, 13_768_704, 2_294_784)
    assert 6_884_352 + 13_768_704 + 2_294_784 + 3 * 2 * 13_768_704 == 105_560_064
    assert (124 * 96 * 192 * 3, 124 * 192 * 192 * 3, 124 * 96 * 192) == (
        6_856_704, 13_713_408, 2_285_568)
    assert 6_856_704 + 13_713_408 + 2_285_568 + 5 * 2 * 13_713_408 == 159_989_760
    assert (31 * 192 * 384 * 3 + 31 * 384 * 384 * 3 + 31 * 192 * 384
            + 2 * 2 * 31 * 384 * 384 * 3) == 77_709_312
    assert (30_647_040 + 82_736_640 + 105_560_064 + 159_989_760 + 77_709_312
            + 3_840) == 456_646_656
    assert _hand_1d(M34V_LAYERS) == (456_646_656, 4_064_506)
    _pinned(g, (456_646_656, 4_064_506), (None, 4.0e6), (None, 0.02))


def test_family_lxvi_valid_registered_and_overlap_text():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION40F == NAMES
    _registered_after(ph, ph.SESSION40F, ph.SESSION40E)
    # right after LXVI part B (later families, LXVII on, follow)
    i = ph.BUILDER_MODELS.index(ph.SESSION40E[-1]) + 1
    assert ph.BUILDER_MODELS[i:i + 2] == NAMES
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["longk", "longk"]
    for m in NAMES:
        assert "VALID-stem variant" in ph.MODELS[m][0]
        assert "refuses the PAD + stride-4 stem" in ph.MODELS[m][0]
    assert not _overlap_unnamed(ph.MODELS, {
        "m18_valid_32000": ("m18_raw_32000", "m11_raw_32000", "m5_raw_32000",
                            "m5_32000"),
        "m34res_valid_32000": ("m34res_raw_32000", "m11_raw_32000", "m5_raw_32000",
                               "resnet_ts_500", "hannun_ecg_resnet_256")})


@pytest.mark.slow
def test_family_lxvi_valid_int8():
    g, ins, outs = _int8_io("m18_valid_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M18V_COUNTS and g.op_types() == M18V_TYPES
    assert _kernels(g, C)[0] == (1, 80) and _strides(g, C)[0] == (1, 4)
    assert _opt(g, C, "padding")[0] == "VALID"
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M18V_LAYERS[:-1]]
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS)
    g, ins, outs = _int8_io("m34res_valid_32000")
    assert (ins, outs) == ([RAW_IN], [RAW_OUT])
    assert Counter(g.op_types()) == M34V_COUNTS and g.op_types() == M34V_TYPES
    assert _acts(g, C) == M34_CONV_ACTS and _acts(g, A) == ["RELU"] * 16
    assert _out_shapes(g, C) == [(1, t, co) for t, _, co, _ in M34V_CONVS]
    assert [s[1] for s in _out_shapes(g, MP)] == list(WIDTHS)
