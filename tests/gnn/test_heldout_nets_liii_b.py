"""jaxeff.gnn.heldout_nets_liii_b (held-out families LIII, part B; session 37,
addendum 2, pre-registered): the published structure of FaceBoxes at 512 x 512 (RDCL:
a PAD 3 and a VALID 7x7 / 4 conv of 24, C.ReLU as a MUL by a [1, 1, 1, 1] constant
-1, a CONCATENATION [x, -x] and a standalone RELU, a 3x3 / 2 max pool, a 5x5 / 2
conv of 64 with C.ReLU, a 3x3 / 2 max pool; MSCL: three Inception modules of four
32-channel branches, two 1x1 128 - 3x3 / 2 256 pairs; 3x3 class and box heads with
21, 1, 1 anchors RESHAPEd and CONCATENATED, SOFTMAX over two classes), kernels,
strides, paddings, output shapes, activations, op counts per type, the pinned
multiply-add and parameter counts (by hand), registration, the int8 build (slow)
and the overlap with the training spaces (none draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_liii_b as hf
from tests.gnn.test_heldout_nets import _graph_multi, _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

IN = (1, 512, 512, 3)
N = 16 * 16 * 21 + 8 * 8 + 4 * 4
OUTS = [(1, N, 2), (1, N, 4)]
C, M, CAT, R = "CONV_2D", "MUL", "CONCATENATION", "RELU"
MP, RS = "MAX_POOL_2D", "RESHAPE"
COUNTS = {C: 33, CAT: 7, RS: 6, MP: 5, M: 2, R: 2, "PAD": 1, "SOFTMAX": 1}
INCEPTION = [C, MP, C, C, C, C, C, C, CAT]
TYPES = (["PAD"] + [C, M, CAT, R, MP] * 2 + INCEPTION * 3 + [C] * 4
         + [C, RS] * 6 + [CAT, CAT, "SOFTMAX"])
#: kernels and output channels of an Inception module's convs, in graph order
INC_K = [1, 1, 1, 3, 1, 3, 3]
INC_C = [32, 32, 24, 32, 24, 32, 32]


def _layers():
    """(output positions, C_in, C_out, taps) of every conv, in graph order: Conv1
    (7x7 / 4 on 3), Conv2 (5x5 / 2 on the 48 C.ReLU channels); per Inception module
    1x1 32, pool - 1x1 32, 1x1 24 - 3x3 32, 1x1 24 - 3x3 32 - 3x3 32 on 16 x 16;
    Conv3 (1x1 128 on 16 x 16, 3x3 / 2 256), Conv4 (1x1 128 on 8 x 8, 3x3 / 2 256);
    per map the class conv (2 A) and the box conv (4 A), 3x3."""
    inc = [(256, 128, 32, 1), (256, 128, 32, 1), (256, 128, 24, 1), (256, 24, 32, 9),
           (256, 128, 24, 1), (256, 24, 32, 9), (256, 32, 32, 9)]
    return ([(128 * 128, 3, 24, 49), (32 * 32, 48, 64, 25)] + inc * 3
            + [(256, 128, 128, 1), (64, 128, 256, 9),
               (64, 256, 128, 1), (16, 128, 256, 9)]
            + [(256, 128, 42, 9), (256, 128, 84, 9), (64, 256, 2, 9),
               (64, 256, 4, 9), (16, 256, 2, 9), (16, 256, 4, 9)])


def test_faceboxes_rdcl_crelu_inception_heads_and_hand_counts():
    g, outs = _graph_multi(hf.faceboxes, IN)
    assert outs == OUTS and N == 5_456
    assert len(g.ops) == 57 and Counter(g.op_types()) == COUNTS
    assert g.op_types() == TYPES
    assert hf.FACEBOXES_ANCHORS == (21, 1, 1)
    assert (hf.FACEBOXES_BRANCH, hf.FACEBOXES_REDUCE, hf.FACEBOXES_INCEPTIONS) == (
        32, 24, 3)
    # convs: Conv1 7x7 / 4 VALID after a PAD of 3 (518 -> 128), Conv2 5x5 / 2, the
    # Inception convs, Conv3 / Conv4 1x1 then 3x3 / 2, six 3x3 heads; all SAME but
    # Conv1
    ks = [(k, k) for k in [7, 5] + INC_K * 3 + [1, 3, 1, 3] + [3] * 6]
    assert _kernels(g, C) == ks
    assert _strides(g, C) == [(4, 4), (2, 2)] + [(1, 1)] * 21 + [
        (1, 1), (2, 2), (1, 1), (2, 2)] + [(1, 1)] * 6
    assert _opt(g, C, "padding") == ["VALID"] + ["SAME"] * 32
    pad = next(op for op in g.ops if op.type == "PAD")
    assert g.tensors[pad.inputs[1]].data.tolist() == [[0, 0], [3, 3], [3, 3], [0, 0]]
    assert g.tensors[pad.outputs[0]].shape == (1, 518, 518, 3)
    # activations: the C.ReLU convs linear (the RELU after the CONCATENATION), every
    # MSCL conv RELU, the heads linear
    assert _acts(g, C) == ["NONE"] * 2 + ["RELU"] * 25 + ["NONE"] * 6
    assert _out_shapes(g, C) == [(128, 128, 24), (32, 32, 64)] + [
        (16, 16, c) for c in INC_C] * 3 + [
        (16, 16, 128), (8, 8, 256), (8, 8, 128), (4, 4, 256),
        (16, 16, 42), (16, 16, 84), (8, 8, 2), (8, 8, 4), (4, 4, 2), (4, 4, 4)]
    # max pools: 3x3 / 2 SAME in the RDCL (128 -> 64, 32 -> 16), 3x3 / 1 SAME in the
    # Inception modules
    assert _opt(g, MP, "filter_height") == [3] * 5
    assert _opt(g, MP, "stride_h") == [2, 2, 1, 1, 1]
    assert set(_opt(g, MP, "padding")) == {"SAME"}
    assert _out_shapes(g, MP) == [(64, 64, 48), (16, 16, 128)] + [(16, 16, 128)] * 3
    # C.ReLU: a MUL of the conv output by a [1, 1, 1, 1] constant -1, the
    # CONCATENATION [x, -x] on the channels, a standalone RELU
    prod = _producers(g)
    convs = [op for op in g.ops if op.type == C]
    muls = [op for op in g.ops if op.type == M]
    relus = [op for op in g.ops if op.type == R]
    cats = [op for op in g.ops if op.type == CAT]
    for conv, mul, cat, relu, side, c in zip(convs[:2], muls, cats[:2], relus,
                                             (128, 32), (24, 64), strict=True):
        k = g.tensors[mul.inputs[1]]
        assert mul.inputs[0] == conv.outputs[0]
        assert k.shape == (1, 1, 1, 1) and k.data.item() == -1.0
        assert mul.options["fused_activation_function"] == "NONE"
        assert list(cat.inputs) == [conv.outputs[0], mul.outputs[0]]
        assert cat.options["axis"] in (-1, 3)
        assert relu.inputs[0] == cat.outputs[0]
        assert g.tensors[relu.outputs[0]].shape == (1, side, side, 2 * c)
    assert prod[convs[0].inputs[0]] is pad and pad.inputs[0] == g.inputs[0]
    assert prod[convs[1].inputs[0]].type == MP
    # Inception modules: four branches CONCATENATED in order (1x1, pool - 1x1,
    # 1x1 - 3x3, 1x1 - 3x3 - 3x3), each reading the module input
    x = next(op for op in g.ops if op.type == MP and op.options["stride_h"] == 2
             and g.tensors[op.outputs[0]].shape[1] == 16).outputs[0]
    for i, cat in enumerate(cats[2:5]):
        cv = convs[2 + 7 * i:9 + 7 * i]
        pool = prod[cv[1].inputs[0]]
        assert pool.type == MP and pool.inputs[0] == x
        assert cv[0].inputs[0] == x and cv[2].inputs[0] == x and cv[4].inputs[0] == x
        assert prod[cv[3].inputs[0]] is cv[2] and prod[cv[5].inputs[0]] is cv[4]
        assert prod[cv[6].inputs[0]] is cv[5]
        assert list(cat.inputs) == [cv[j].outputs[0] for j in (0, 1, 3, 6)]
        assert g.tensors[cat.outputs[0]].shape == (1, 16, 16, 128)
        x = cat.outputs[0]
    # heads on Inception3, Conv3_2, Conv4_2: the class conv, then the box conv,
    # RESHAPEd to [1, H W A, n]; CONCATENATED over the maps; SOFTMAX on the classes
    maps = [cats[4].outputs[0], convs[24].outputs[0], convs[26].outputs[0]]
    heads = convs[27:]
    assert [h.inputs[0] for h in heads] == [m for m in maps for _ in (0, 1)]
    rs = [op for op in g.ops if op.type == RS]
    assert [prod[r.inputs[0]] for r in rs] == heads
    assert [g.tensors[r.outputs[0]].shape for r in rs] == [
        (1, 5376, 2), (1, 5376, 4), (1, 64, 2), (1, 64, 4), (1, 16, 2), (1, 16, 4)]
    assert list(cats[5].inputs) == [rs[i].outputs[0] for i in (0, 2, 4)]
    assert list(cats[6].inputs) == [rs[i].outputs[0] for i in (1, 3, 5)]
    assert {cats[5].options["axis"], cats[6].options["axis"]} == {1}
    sm = next(op for op in g.ops if op.type == "SOFTMAX")
    assert sm.inputs[0] == cats[5].outputs[0]
    assert list(g.outputs) == [sm.outputs[0], cats[6].outputs[0]]
    # MACs and weights + biases by hand: Conv1, Conv2, one Inception module, Conv3,
    # Conv4, the heads; the two C.ReLU constants
    layers = _layers()
    assert [_hand_1d(layers[a:b]) for a, b in (
        (0, 1), (1, 2), (2, 9), (23, 25), (25, 27), (27, 33))] == [
        (57_802_752, 3_552), (78_643_200, 76_864), (9_568_256, 37_584),
        (23_068_672, 311_680), (6_815_744, 328_064), (38_264_832, 172_938)]
    assert _hand_1d(layers) == (233_299_968, 1_005_850)
    assert 57_802_752 + 78_643_200 + 3 * 9_568_256 + 23_068_672 + 6_815_744 + (
        38_264_832) == 233_299_968
    _pinned(g, (233_299_968, 1_005_850 + 2), (None, None), (None, None))


def test_no_training_space_draws_faceboxes_exactly():
    """The overlap stated in ``models.json``: detect draws SSDLite heads (a 3x3
    depthwise then a 1x1 conv) with 3 / 4 / 6 anchors and LOGISTIC scores on inputs
    of 96-256, no SOFTMAX, no MUL; agg's Inception-like blocks have no double 3x3
    branch, inputs of at most 160; bcast's MUL constants sit on maps of at most 64 x
    48 and 64 channels; longk's first convs on 1-3 channels of at most 128 x 128,
    stride 4 only along W; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import (spaces, spaces_agg, spaces_bcast, spaces_detect,
                            spaces_longk, spaces_silu)

    hd = inspect.getsource(spaces_detect._heads)
    assert "pick(rng, (3, 4, 6))" in hd and "b.dwconv(f, 3, 1" in hd
    assert '"LOGISTIC"' in hd and "softmax" not in hd
    assert "(96, 128, 160, 192, 224, 256)" in inspect.getsource(spaces_detect.detect)
    ip = inspect.getsource(spaces_agg._inplace)
    assert '("1x1", "3x3", "5x5", "pool")' in ip
    assert "(32, 48, 64, 96, 128, 160)" in inspect.getsource(spaces_silu.stem)
    assert max(spaces_bcast.CHANNELS) == 64
    assert (max(spaces_bcast.IN_H), max(spaces_bcast.IN_W)) == (64, 48)
    assert max(spaces_longk.SIDES) == 128 and max(spaces_longk.IN_C) == 3
    assert "pick(rng, (1, 2, 3)) if h > 1" in inspect.getsource(spaces_longk._first)
    rng = np.random.default_rng(37)
    for _ in range(4):
        g, meta = spaces.SAMPLERS["detect"](rng)
        assert "SOFTMAX" not in g.op_types() and "MUL" not in g.op_types()
        assert meta["res"] <= 256 and meta["anchors"] <= 6
    assert not _overlap_unnamed(ph.MODELS, {
        "faceboxes_512": ("ultraface_rfb_320x240", "retinaface_mnet025_320",
                          "blazeface_128", "bn_inception_224", "alexnet_owt_224")})


def test_family_liii_b_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION37E == ("faceboxes_512",)
    # after LII's part C (session 37's part D, and later families, may sit between
    # or follow); every builder model once, registered
    _registered_after(ph, ph.SESSION37E, ph.SESSION37C)
    assert ph.MODELS["faceboxes_512"][1].split()[0] == "detect"


@pytest.mark.slow
def test_family_liii_b_int8():
    # int8 input and outputs, the float graph's op sequence; the C.ReLU MULs by a
    # [1, 1, 1, 1] constant kept, negative
    g, ins, outs = _int8_io("faceboxes_512")
    assert (ins, outs) == ([IN], OUTS)
    assert g.op_types() == TYPES
    ks = [g.tensors[op.inputs[1]] for op in g.ops if op.type == M]
    assert [k.shape for k in ks] == [(1, 1, 1, 1)] * 2
    assert all(float(np.asarray(k.data).item()) < 0 for k in ks)
