"""jaxeff.gnn.heldout_nets_lii_c (held-out families LII, part C; session 37, section
2, pre-registered): the published structures of DRRN B1U9 (MUL + ADD RELU on the
one-channel input, a linear 3x3 conv to 128 (H0), nine pre-activation residual units
of a [1, 1, 1, 128] MUL + ADD RELU, a 3x3 RELU and a linear 3x3 ADDed to H0, a MUL +
ADD RELU and a 3x3 conv to 1 ADDed to the input) and MemNet M6R6 (a linear 3x3 conv
to 64 on the pre-activated input; six memory blocks of six pre-activation residual
blocks, a gate CONCATENATION of 64 x (6 + m) channels under a MUL + ADD RELU and a
1x1 conv to 64; per block a reconstruction to one channel ADDed to the input, the six
averaged by MULs with [1, 1, 1, 1] constants), kernels, strides, paddings, output
shapes, activations, op counts per type, the MUL + ADD pairs by map size and
channels, the shared weights stored per unit, the pinned multiply-add and parameter
counts (by hand; the published 297 K and 677 K parameters, CARN's multiply-adds),
registration, the int8 build (slow) and the overlap with the training spaces (none
draws them exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lii_c as hc
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

IN = OUT = (1, 31, 31, 1)
P = 31 * 31
C, M, A, CAT = "CONV_2D", "MUL", "ADD", "CONCATENATION"
#: CARN (Ahn et al., ECCV 2018) counts multiply-adds on a 1280 x 720 output
HD = 1280 * 720

DRRN_COUNTS = {C: 20, M: 11, A: 21}
DRRN_TYPES = [M, A, C] + [M, A, C, C, A] * 9 + [M, A, C, A]
#: (map side, channels) of DRRN's batch norms: the input, the nine units', the last
DRRN_BN = [(31, 1)] + [(31, 128)] * 10

MEMNET_COUNTS = {C: 85, M: 54, A: 95, CAT: 6}
MEMNET_TYPES = [M, A, C] + [
    t for m in range(1, 7) for t in [M, A, C, C, A] * 6 + [CAT, M, A, C]
    + ([M, A, C, A, M] if m < 6 else [C, A, M]) + ([A] if m > 1 else [])]
#: (map side, channels) of MemNet's batch norms: the input; per block the six
#: residual blocks', the gate's on 64 x (6 + m) and the reconstruction's (not block
#: 6's: folded into its gate conv)
MEMNET_BN = [(31, 1)] + [
    s for m in range(1, 7)
    for s in [(31, 64)] * 6 + [(31, 64 * (6 + m))] + ([(31, 64)] if m < 6 else [])]


def _bn(g, positive=True):
    """The batch norms of ``g``: (MULs, ADDs), each ADD reading its MUL and a
    constant, with RELU fused; each MUL by a positive constant (``positive``: the
    float graph)."""
    prod = _producers(g)
    adds = [op for op in g.ops if op.type == A and prod.get(op.inputs[0]) is not None
            and prod[op.inputs[0]].type == M
            and g.tensors[op.inputs[1]].data is not None]
    muls = [prod[op.inputs[0]] for op in adds]
    assert {op.options["fused_activation_function"] for op in adds} == {"RELU"}
    assert not positive or all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    return muls, adds


def _bn_checked(g, bn_maps):
    """The batch norms of ``g`` (:func:`_bn`), checked: a MUL by a [1, 1, 1, C]
    scale and an ADD of a [1, 1, 1, C] shift per (side, C) of ``bn_maps``, in order,
    on a side x side x C map."""
    muls, adds = _bn(g)
    for ops in (muls, adds):
        assert [g.tensors[op.inputs[1]].shape for op in ops] == [
            (1, 1, 1, c) for _, c in bn_maps]
        assert [g.tensors[op.outputs[0]].shape[1:] for op in ops] == [
            (s, s, c) for s, c in bn_maps]
    return muls, adds


def _drrn_layers(units=9):
    """(output positions, C_in, C_out, taps) of DRRN's convs: the input conv, two
    3x3 of 128 per unit, the output conv."""
    return [(P, 1, 128, 9)] + [(P, 128, 128, 9)] * 2 * units + [(P, 128, 1, 9)]


def test_drrn_b1u9_recursive_block_mul_add_batch_norms_and_hand_counts():
    g = _graph(hc.drrn_b1u9, IN, OUT, 52, DRRN_COUNTS)
    assert (hc.DRRN_WIDTH, hc.DRRN_BLOCKS, hc.DRRN_UNITS) == (128, 1, 9)
    assert g.op_types() == DRRN_TYPES
    # 20 convs, all 3x3, stride 1, SAME; the input conv, each unit's second and the
    # output conv linear, each unit's first RELU (its batch norm folded)
    assert set(_kernels(g, C)) == {(3, 3)} and set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] + ["RELU", "NONE"] * 9 + ["NONE"]
    assert _out_shapes(g, C) == [(31, 31, 128)] * 19 + [(31, 31, 1)]
    # the 11 unfolded batch norms: [1, 1, 1, C] MUL + ADD RELU on 31 x 31 maps of 1
    # (the input) and 128 channels (the nine units' inputs, the last sum)
    muls, adds = _bn_checked(g, DRRN_BN)
    assert Counter(DRRN_BN) == {(31, 1): 1, (31, 128): 10}
    prod = _producers(g)
    x = g.inputs[0]
    assert muls[0].inputs[0] == x and prod[next(
        op for op in g.ops if op.type == C).inputs[0]] is adds[0]
    convs = [op for op in g.ops if op.type == C]
    h0 = convs[0].outputs[0]
    res = [op for op in g.ops if op.type == A and op not in adds]
    assert len(res) == 10
    # unit k: its batch norm reads H0 (k = 0) or the previous sum; the branch's
    # first conv reads it; the sum ADDs the branch's second conv and H0
    for k, add in enumerate(res[:9]):
        assert muls[k + 1].inputs[0] == (res[k - 1].outputs[0] if k else h0)
        first, second = convs[1 + 2 * k], convs[2 + 2 * k]
        assert prod[first.inputs[0]] is adds[k + 1]
        assert prod[second.inputs[0]] is first
        assert prod[add.inputs[0]] is second and add.inputs[1] == h0
        assert add.options["fused_activation_function"] == "NONE"
    # the global residual: the last batch norm on the ninth sum, a 3x3 conv to 1
    # ADDed to the input, the graph's output
    assert muls[-1].inputs[0] == res[8].outputs[0]
    assert prod[convs[-1].inputs[0]] is adds[-1]
    assert prod[res[-1].inputs[0]] is convs[-1] and res[-1].inputs[1] == x
    assert list(g.outputs) == [res[-1].outputs[0]]
    # the shared weights stored once per unit: the same shapes, separate constants
    ws = [g.tensors[op.inputs[1]] for op in convs[1:-1]]
    assert {w.shape for w in ws} == {(128, 3, 3, 128)}
    assert len({op.inputs[1] for op in convs}) == 20
    assert not np.array_equal(ws[0].data, ws[2].data)
    # MACs and weights + biases by hand: the input conv, the units, the output conv
    layers = _drrn_layers()
    assert [_hand_1d(layers[a:b]) for a, b in ((0, 1), (1, 19), (19, 20))] == [
        (1_107_072, 1_280), (2_550_693_888, 2_656_512), (1_107_072, 1_153)]
    assert _hand_1d(layers) == (2_552_908_032, 2_658_945)
    bn = 2 * sum(c for _, c in DRRN_BN)
    assert bn == 2_562
    _pinned(g, (2_552_908_032, 2_658_945 + bn), (None, None), (None, None))
    # published: 297 K parameters (the DRRN paper, recalled), the weights with the
    # units' shared convs counted once; CARN's 6,796.9 G multiply-adds for DRRN
    # B1U25 at 1280 x 720 (recalled) from the same per-pixel count with U = 25
    shared = 9 * 128 + 2 * 9 * 128 * 128 + 9 * 128
    assert shared == 297_216 and abs(shared / 297e3 - 1) < 0.01
    per_px = sum(ci * co * k for _, ci, co, k in _drrn_layers(25))
    assert abs(per_px * HD / 6_796.9e9 - 1) < 1e-4
    assert sum(ci * co * k for _, ci, co, k in layers) * P == 2_552_908_032


def _memnet_layers():
    """(output positions, C_in, C_out, taps) of MemNet's convs: the feature conv;
    per block m twelve 3x3 of 64, the 1x1 gate on 64 x (6 + m), the reconstruction
    to 1."""
    return [(P, 1, 64, 9)] + [
        s for m in range(1, 7)
        for s in [(P, 64, 64, 9)] * 12 + [(P, 64 * (6 + m), 64, 1), (P, 64, 1, 9)]]


def test_memnet_m6r6_memory_blocks_gate_concatenations_and_hand_counts():
    g = _graph(hc.memnet_m6r6, IN, OUT, 240, MEMNET_COUNTS)
    assert (hc.MEMNET_WIDTH, hc.MEMNET_BLOCKS, hc.MEMNET_RESBLOCKS) == (64, 6, 6)
    assert g.op_types() == MEMNET_TYPES
    # convs: the 3x3 feature conv; per block twelve 3x3, the 1x1 gate, the 3x3
    # reconstruction; stride 1, SAME; each residual block's first RELU (its batch
    # norm folded), block 6's gate RELU (the reconstruction's batch norm folded)
    assert _kernels(g, C) == [(3, 3)] + [
        k for _ in range(6) for k in [(3, 3)] * 12 + [(1, 1), (3, 3)]]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["NONE"] + [
        a for m in range(1, 7)
        for a in ["RELU", "NONE"] * 6 + ["RELU" if m == 6 else "NONE", "NONE"]]
    assert _out_shapes(g, C) == [(31, 31, 64)] + [
        s for _ in range(6) for s in [(31, 31, 64)] * 13 + [(31, 31, 1)]]
    # the 48 unfolded batch norms: [1, 1, 1, C] MUL + ADD RELU on 31 x 31 maps; the
    # gates' on the concatenations of 448 ... 768 channels
    muls, adds = _bn_checked(g, MEMNET_BN)
    assert Counter(c for _, c in MEMNET_BN) == {
        1: 1, 64: 41, 448: 1, 512: 1, 576: 1, 640: 1, 704: 1, 768: 1}
    prod = _producers(g)
    x = g.inputs[0]
    convs = [op for op in g.ops if op.type == C]
    cats = [op for op in g.ops if op.type == CAT]
    assert muls[0].inputs[0] == x and prod[convs[0].inputs[0]] is adds[0]
    longs, bi = [convs[0].outputs[0]], 1
    sums = []
    for m in range(1, 7):
        blk = convs[1 + 14 * (m - 1):1 + 14 * m]
        short, h = [], longs[-1]
        for r in range(6):
            first, second = blk[2 * r], blk[2 * r + 1]
            # residual block r: its batch norm on B_{m-1} or the previous sum, the
            # branch, the ADD of the branch and the block's input
            assert muls[bi].inputs[0] == h and prod[first.inputs[0]] is adds[bi]
            assert prod[second.inputs[0]] is first
            res = next(op for op in g.ops if op.type == A
                       and op.inputs == (second.outputs[0], h))
            assert res.options["fused_activation_function"] == "NONE"
            h = res.outputs[0]
            short.append(h)
            bi += 1
        # the gate: CONCATENATION [B0, ..., B_{m-1}, H_1, ..., H_6] on the channels,
        # its batch norm, a 1x1 conv to 64
        cat, gate, rec = cats[m - 1], blk[12], blk[13]
        assert list(cat.inputs) == longs + short and cat.options["axis"] in (-1, 3)
        assert g.tensors[cat.outputs[0]].shape == (1, 31, 31, 64 * (6 + m))
        assert muls[bi].inputs[0] == cat.outputs[0]
        assert prod[gate.inputs[0]] is adds[bi]
        bi += 1
        # the reconstruction: a batch norm on B_m (folded into block 6's gate), a 3x3
        # conv to 1 ADDed to the input, MUL by the block's weight
        if m < 6:
            assert muls[bi].inputs[0] == gate.outputs[0]
            assert prod[rec.inputs[0]] is adds[bi]
            bi += 1
        else:
            assert rec.inputs[0] == gate.outputs[0]
        y = next(op for op in g.ops
                 if op.type == A and op.inputs == (rec.outputs[0], x))
        wm = next(op for op in g.ops if op.type == M and op.inputs[0] == y.outputs[0])
        assert g.tensors[wm.inputs[1]].shape == (1, 1, 1, 1)
        sums.append(wm)
        longs.append(gate.outputs[0])
    assert bi == len(MEMNET_BN) == 48
    # the weighted average: six positive weights summing to 1, the products summed
    # in order (the running sum first)
    w = [float(g.tensors[op.inputs[1]].data.item()) for op in sums]
    assert min(w) > 0 and abs(sum(w) - 1) < 1e-5
    acc = sums[0].outputs[0]
    for wm in sums[1:]:
        add = next(op for op in g.ops if op.type == A and op.inputs == (
            acc, wm.outputs[0]))
        acc = add.outputs[0]
    assert list(g.outputs) == [acc]
    # the shared weights stored once per block: the same shapes, separate constants
    res_ws = [op.inputs[1] for m in range(6) for op in convs[1 + 14 * m:13 + 14 * m]]
    assert len(set(res_ws)) == 72 and {g.tensors[t].shape for t in res_ws} == {
        (64, 3, 3, 64)}
    # MACs and weights + biases by hand: the feature conv, the residual convs, the
    # gates, the reconstructions
    layers = _memnet_layers()
    feat, rest = layers[:1], layers[1:]
    resid = [s for s in rest if s[3] == 9 and s[2] == 64]
    gates = [s for s in rest if s[3] == 1]
    recs = [s for s in rest if s[2] == 1]
    assert [_hand_1d(part) for part in (feat, resid, gates, recs)] == [
        (553_536, 640), (2_550_693_888, 2_658_816), (224_366_592, 233_856),
        (3_321_216, 3_462)]
    assert _hand_1d(layers) == (2_778_935_232, 2_896_774)
    bn = 2 * sum(c for _, c in MEMNET_BN)
    assert bn == 12_546
    _pinned(g, (2_778_935_232, 2_896_774 + bn + 6), (None, None), (None, None))
    # published: 677 K parameters (recalled), the weights with each unit's shared
    # convs and one reconstruction counted once; CARN's 2,662.4 G multiply-adds at
    # 1280 x 720 (recalled; one reconstruction): ours a pixel +0.1 %, -0.002 %
    # without the five extra reconstructions
    shared = 9 * 64 + 6 * 2 * 9 * 64 * 64 + sum(
        64 * 64 * (6 + m) for m in range(1, 7)) + 9 * 64
    assert shared == 676_992 and abs(shared / 677e3 - 1) < 0.01
    per_px = 2_778_935_232 // P
    assert per_px * P == 2_778_935_232 and per_px == 2_891_712
    assert abs(per_px * HD / 2_662.4e9 - 1) < 0.01
    assert abs((per_px - 5 * 9 * 64) * HD / 2_662.4e9 - 1) < 1e-4


def test_no_training_space_draws_the_lii_c_models_exactly():
    """The overlap stated in ``models.json``: sesr draws one-channel SR nets of at
    most 13 convs of at most 32 filters on inputs of 32 x 32 and up, with no MUL or
    CONCATENATION; upsample's sr 16-56 features and at most 5 mapping convs; agg's,
    plain's (and sesr's, bcast's) CONCATENATIONs of at most 6 inputs (MemNet's gates
    read 7-12); bcast's constants on maps of at most 64 x 48 and 64 channels, in at
    most 40 ops and 50 M MACs; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_bcast, spaces_upsample

    se = inspect.getsource(spaces.sesr)
    assert "pick(rng, (8, 16, 24, 32))" in se and "int(rng.integers(1, 12))" in se
    assert "((32, 32), (64, 64), (90, 160), (180, 320))" in se
    assert ".mul(" not in se and ".concat(" not in se
    sr = inspect.getsource(spaces_upsample._sr)
    assert "pick(rng, (16, 32, 48, 56))" in sr and "int(rng.integers(1, 6))" in sr
    assert (spaces_bcast.MAX_OPS, spaces_bcast.MAX_MACS) == (40, 50_000_000)
    assert max(spaces_bcast.CHANNELS) == 64
    rng = np.random.default_rng(37)
    for name in ("sesr", "agg", "plain", "bcast"):
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert max((len(op.inputs) for op in g.ops if op.type == CAT),
                       default=0) <= 6, name
            if name == "bcast":
                shp = [g.tensors[op.outputs[0]].shape for op in g.ops]
                assert max(s[1] * s[2] for s in shp if len(s) == 4) <= 64 * 48
    assert not _overlap_unnamed(ph.MODELS, {
        "drrn_b1u9_31": ("vdsr_20_64x64", "dncnn_17_64x64", "preact_resnet34_224"),
        "memnet_m6r6_31": ("vdsr_20_64x64", "rdn_x2_32", "densenet161_224",
                           "preact_resnet34_224")})


def test_family_lii_c_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37C == ("drrn_b1u9_31", "memnet_m6r6_31")
    # after LI's part K (later families, and session 37's parts A and B, may sit
    # between or follow); every builder model once, registered
    _registered_after(ph, ph.SESSION37C, ph.SESSION36K)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION37C] == ["sesr", "sesr"]


@pytest.mark.slow
def test_family_lii_c_int8():
    # int8 input and output, the float graph's op sequence; the [1, 1, 1, C] MUL +
    # ADD RELU batch norms kept (and MemNet's [1, 1, 1, 1] weights)
    for name, f, types, bn_maps in (
            ("drrn_b1u9_31", hc.drrn_b1u9, DRRN_TYPES, DRRN_BN),
            ("memnet_m6r6_31", hc.memnet_m6r6, MEMNET_TYPES, MEMNET_BN)):
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([IN], [OUT]), name
        assert g.op_types() == types, name
        muls, _ = _bn(g, positive=False)
        assert [g.tensors[op.inputs[1]].shape for op in muls] == [
            (1, 1, 1, c) for _, c in bn_maps], name
        fl = _graph(f, IN, OUT, len(types), Counter(types))
        assert [g.tensors[op.inputs[1]].shape for op in g.ops if op.type == M] == [
            fl.tensors[op.inputs[1]].shape for op in fl.ops if op.type == M], name
