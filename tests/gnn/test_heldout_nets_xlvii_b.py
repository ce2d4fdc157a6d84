"""jaxeff.gnn.heldout_nets_xlvii_b (held-out family XLVII, part D; session 35,
pre-registered): FC-DenseNet56's published structure (a linear 3x3 stem of 48, five
dense blocks of 4 layers of growth 12 with MUL + ADD + RELU batch norms and
[running map, new] CONCATENATIONs, transitions down of MUL + ADD + RELU, a 1x1 conv
keeping the channels and a 2x2 / 2 max pool, the 4-layer bottleneck, five linear 3x3
/ 2 SAME TRANSPOSE_CONVs of only the previous block's new maps concatenated with the
skips, the head's 1x1 conv on the last block's whole running map and a per-pixel
SOFTMAX), kernels, strides, paddings, output shapes, activations, op counts per type,
the pinned multiply-add and parameter counts (by hand, beside the published
parameter count and the name's 56 layers), registration, the int8 build and the
overlap with the training spaces (not drawn exactly)."""

import inspect
import pathlib
import re
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlvii_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

FCD_IN, FCD_OUT = (1, 224, 224, 3), (1, 224, 224, 11)
FCD_COUNTS = {"CONV_2D": 51, "MUL": 49, "ADD": 49, "CONCATENATION": 49,
              "MAX_POOL_2D": 5, "TRANSPOSE_CONV": 5, "SOFTMAX": 1}
SIDES = (224, 112, 56, 28, 14)  # the down blocks' maps; the bottleneck at 7
SKIPS = (96, 144, 192, 240, 288)  # the down blocks' outputs (48 + 4 x 12 each)
M, A, C, CAT = "MUL", "ADD", "CONV_2D", "CONCATENATION"


def _op_types(bottleneck=4):
    """The op sequence: a layer MUL, ADD (RELU), CONV_2D 3x3, CONCATENATION (left out
    after the last layer of the bottleneck and of the first four up blocks)."""
    layer = [M, A, C, CAT]
    seq = [C]
    for _ in range(5):
        seq += layer * 4 + [M, A, C, "MAX_POOL_2D"]
    seq += layer * (bottleneck - 1) + [M, A, C]
    for i in range(5):
        seq += [CAT, "TRANSPOSE_CONV", CAT]
        seq += layer * 4 if i == 4 else layer * 3 + [M, A, C]
    return seq + [C, "SOFTMAX"]


def _hand(bottleneck=4, k=12):
    """(MACs, parameters, layers) of FC-DenseNet56 with a ``bottleneck``-layer
    bottleneck, by hand: convs as (pixels, C_in, C_out, taps) with a bias, the
    transposed convs at their input pixels, two per channel for each batch norm;
    layers as the paper counts them (stem, dense layers, TDs, TUs, head)."""
    convs = [(224 * 224, 3, 48, 9)]
    bns, c, tconvs = [], 48, []
    for s in SIDES:
        for _ in range(4):
            convs.append((s * s, c, k, 9))
            bns.append(c)
            c += k
        convs.append((s * s, c, c, 1))  # TD: channels kept
        bns.append(c)
    for i in range(bottleneck):
        convs.append((49, c + i * k, k, 9))
        bns.append(c + i * k)
    new, side = bottleneck * k, 7
    for s, skip in zip(reversed(SIDES), reversed(SKIPS), strict=True):
        tconvs.append((side * side, new, new, 9))  # at the input, H_i W_i C_i 9 C_o
        c, side = new + skip, s
        for i in range(4):
            convs.append((s * s, c + i * k, k, 9))
            bns.append(c + i * k)
        new = 4 * k
    convs.append((224 * 224, c + 4 * k, 11, 1))
    macs, params = _hand_1d(convs + tconvs)
    layers = 1 + 20 + 5 + bottleneck + 20 + 5 + 1
    return macs, params + 2 * sum(bns), layers


def test_fc_densenet56_dense_blocks_transitions_and_hand_counts():
    g = _graph(hx.fc_densenet56, FCD_IN, FCD_OUT, 209, FCD_COUNTS)
    assert (hx.FCD56_STEM, hx.FCD56_GROWTH, hx.FCD56_LAYERS, hx.FCD56_BOTTLENECK,
            hx.FCD56_POOLS, hx.FCD56_CLASSES) == (48, 12, 4, 4, 5, 11)
    assert g.op_types() == _op_types()
    # convs: the 3x3 stem; 3x3 dense layers (20 down, 4 bottleneck, 20 up), 1x1 TDs
    # after each down block, the 1x1 head; every conv stride 1, SAME, linear
    assert Counter(_kernels(g, C)) == {(3, 3): 1 + 44, (1, 1): 5 + 1}
    assert _kernels(g, C)[:6] == [(3, 3)] * 5 + [(1, 1)]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert set(_acts(g, C)) == {"NONE"}
    # every batch norm: MUL by a positive [C] scale, ADD of a [C] shift, RELU fused
    muls = [op for op in g.ops if op.type == M]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [
        (s[-1],) for s in _out_shapes(g, M)]
    assert set(_acts(g, A)) == {"RELU"}
    prod = _producers(g)
    assert [prod[op.inputs[0]] for op in g.ops if op.type == A] == muls
    # the BNs read the stem conv, CONCATENATIONs, or the pools (the first layer of
    # the next block): never a map that nothing else reads
    assert Counter(prod[op.inputs[0]].type for op in muls) == {
        C: 1, CAT: 43, "MAX_POOL_2D": 5}
    # down path: 224 -> 7, the running map 48 + 4 x 12 a block; TDs keep channels
    assert _out_shapes(g, "MAX_POOL_2D") == [(s // 2, s // 2, c)
                                            for s, c in zip(SIDES, SKIPS, strict=True)]
    assert {(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
            for op in g.ops if op.type == "MAX_POOL_2D"} == {(2, 2, "VALID")}
    tds = [op for op in g.ops if op.type == C and prod.get(op.inputs[0])
           and prod[op.inputs[0]].type == A and _kernels_of(g, op) == (1, 1)]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in tds] == [
        (s, s, c) for s, c in zip(SIDES, SKIPS, strict=True)]
    # up path: each TRANSPOSE_CONV 3x3 / 2 SAME, linear, reads the CONCATENATION of
    # the previous block's new maps only (4 3x3 convs of 12 each), to as many
    # channels; its output first, then the skip (the down block's last CONCATENATION)
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert {g.tensors[op.inputs[1]].shape[1:3] for op in tcs} == {(3, 3)}
    assert set(_strides(g, "TRANSPOSE_CONV")) == {(2, 2)}
    assert set(_opt(g, "TRANSPOSE_CONV", "padding")) == {"SAME"}
    assert set(_acts(g, "TRANSPOSE_CONV")) == {"NONE"}
    assert _out_shapes(g, "TRANSPOSE_CONV") == [(s, s, 48) for s in (14, 28, 56, 112,
                                                                   224)]
    assert [g.tensors[op.inputs[2]].shape[1:] for op in tcs] == [
        (s, s, 48) for s in (7, 14, 28, 56, 112)]
    skips = [prod[prod[op.inputs[0]].inputs[0]].inputs[0] for op in tds]
    assert {prod[t].type for t in skips} == {CAT}
    tus = [g.ops[g.ops.index(tc) + 1] for tc in tcs]
    for n, (tc, tu) in enumerate(zip(tcs, tus, strict=True)):
        src = prod[tc.inputs[2]]
        assert src.type == CAT and len(src.inputs) == 4
        assert {prod[t].type for t in src.inputs} == {C}
        assert {g.tensors[t].shape[-1] for t in src.inputs} == {12}
        assert {_kernels_of(g, prod[t]) for t in src.inputs} == {(3, 3)}
        assert tu.type == CAT and list(tu.inputs) == [tc.outputs[0], skips[4 - n]]
    assert [g.tensors[tu.outputs[0]].shape[-1] for tu in tus] == [336, 288, 240, 192,
                                                                  144]
    # dense-block CONCATENATIONs: [running map, the new 12-channel map]
    dense = [op for op in g.ops if op.type == CAT and len(op.inputs) == 2
             and g.tensors[op.inputs[1]].shape[-1] == 12]
    assert len(dense) == 20 + 3 + 3 * 4 + 4
    assert all(prod[op.inputs[1]].type == C for op in dense)
    # the head: a 1x1 conv to 11 on the last block's whole running map (192), SOFTMAX
    head = g.ops[-2]
    assert prod[head.inputs[0]].type == CAT
    assert g.tensors[head.inputs[0]].shape == (1, 224, 224, 192)
    assert g.ops[-1].type == "SOFTMAX" and g.outputs == g.ops[-1].outputs
    # counts by hand: stem 50,176 * 3 * 48 * 9 = 65,028,096; the first dense layer
    # 50,176 * 48 * 12 * 9 = 260,112,384; the first TD 50,176 * 96 * 96 = 462,422,016;
    # the bottleneck 49 * (288 + 300 + 312 + 324) * 108 = 6,477,408; the first
    # transposed conv 49 * 48 * 9 * 48 = 1,016,064; the first up block 196 * (336 +
    # 348 + 360 + 372) * 108 = 29,973,888; the last up block 50,176 * (144 + 156 + 168
    # + 180) * 108 = 3,511,517,184; head 50,176 * 192 * 11
    assert 50_176 * 3 * 48 * 9 == 65_028_096 and 50_176 * 48 * 108 == 260_112_384
    assert 50_176 * 96 * 96 == 462_422_016 and 49 * 1_224 * 108 == 6_477_408
    assert 49 * 48 * 9 * 48 == 1_016_064 and 196 * 1_416 * 108 == 29_973_888
    assert 50_176 * 648 * 108 == 3_511_517_184 and 50_176 * 192 * 11 == 105_971_712
    # parameters: stem 1,344; 44 dense layers 108 x (sum of their inputs: down 3,240,
    # bottleneck 1,224, up 1,416 + 1,224 + 1,032 + 840 + 648; 9,624) + 528 biases;
    # TDs 96^2 + 144^2 + 192^2 + 240^2 + 288^2 + 960; transposed convs 5 x (9 x 48^2
    # + 48); head 2,123; batch norms 2 x (9,624 + 960)
    assert 3_240 + 1_224 + 1_416 + 1_224 + 1_032 + 840 + 648 == 9_624
    assert 1_344 + 108 * 9_624 + 528 + 207_360 + 960 == 1_249_584
    assert 5 * (9 * 48**2 + 48) == 103_920
    assert 1_249_584 + 103_920 + 2_123 + 2 * (9_624 + 960) == 1_376_795
    # the name's 56 layers: stem, 20 dense layers down, 5 TDs, the 4-layer
    # bottleneck, 20 up, 5 TUs, the head
    assert _hand() == (8_916_982_368, 1_376_795, 56)
    # published: "1.5 M" parameters (Table 3): -8.2 %, pinned within 10 %
    _pinned(g, (8_916_982_368, 1_376_795), (None, 1.5e6), (None, 0.1))


def _kernels_of(g, op):
    return g.tensors[op.inputs[1]].shape[1:3]


def test_no_training_space_draws_fc_densenet56_exactly():
    """The overlap stated in ``models.json``: only upsample and ext write a
    TRANSPOSE_CONV, and neither a SOFTMAX or a MUL; upsample's encdec draws 2-3
    levels of plain 3x3 convs with RELU transposed convs, ext's factorised dense
    CONCATENATIONs of k x 1 / 1 x k convs on inputs of at most 128 x 256 with RELU
    3x3 / 2 transposed convs; plain's densenet has standalone RELUs and an FC head,
    never a MUL or a TRANSPOSE_CONV; the earlier models of the same kinds are
    named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_ext as se
    from jaxeff.gnn import spaces_plain as spl
    from jaxeff.gnn import spaces_upsample as su

    src = {q.stem: q.read_text() for q in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    tconv = {k for k, s in src.items() if re.search(r"\.transpose_conv\(", s)}
    assert tconv == {"spaces_ext", "spaces_upsample"}
    assert not any(re.search(r"\.(softmax|mul)\(", src[k]) for k in tconv)
    assert "int(rng.integers(2, 4))" in inspect.getsource(su._encdec)
    assert "(128, 256)))" in inspect.getsource(se._factorised)
    assert 'transpose_conv(x, c, 3, 2, "RELU")' in inspect.getsource(se._up)
    for seed in range(30):
        g, meta = su.upsample(np.random.default_rng(seed))
        if meta["kind"] == "encdec":
            assert g.op_types().count("TRANSPOSE_CONV") <= 3
        g, _ = se.ext(np.random.default_rng(seed))
        assert "SOFTMAX" not in g.op_types() and "MUL" not in g.op_types()
        g, meta = spl.plain(np.random.default_rng(seed))
        if meta["kind"] == "densenet":
            assert "MUL" not in g.op_types() and "TRANSPOSE_CONV" not in g.op_types()
            assert g.op_types()[-2:] == ["FULLY_CONNECTED", "SOFTMAX"]
    assert not _overlap_unnamed(ph.MODELS, {
        "fc_densenet56_224": ("densenet40_k12_cifar_32", "densenet_bc100_k12_cifar_32",
                              "densenet121_224", "unet_128", "erfnet_512x256",
                              "segnet_basic_360x480")})


@pytest.mark.slow
def test_family_xlvii_d_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION35D == ("fc_densenet56_224",)
    # after XLVI's part B (a SESSION35C, where merged, may sit between); every
    # builder model once, registered
    _registered_after(ph, ph.SESSION35D, ph.SESSION35B)
    g, ins, outs = _int8_io("fc_densenet56_224")
    assert (ins, outs) == ([FCD_IN], [FCD_OUT])
    assert Counter(g.op_types()) == FCD_COUNTS and g.op_types() == _op_types()
    # the int8 graph keeps the linear 3x3 / 2 SAME transposed convs, the MUL + ADD +
    # RELU batch norms and the per-pixel SOFTMAX
    assert _out_shapes(g, "TRANSPOSE_CONV")[0] == (14, 14, 48)
    assert set(_acts(g, "TRANSPOSE_CONV")) == {"NONE"}
    assert set(_acts(g, A)) == {"RELU"}
    assert g.op_types()[-1] == "SOFTMAX"
