"""jaxeff.gnn.heldout_nets_xlv (held-out families XLV, part C; session 34, addendum
2): the published structures (SphereFace-20's four 3x3 / 2 stage convs and 1, 2, 4, 1
residual units of two 3x3 convs, PRELU after every conv, linear identity ADDs, the
7 x 6 x 512 flatten and FC 512; the ArcFace IResNet-18's 3x3 stem, its improved
residual units with the first batch norm as MUL + ADD, the stride on the second conv
and 1x1 / 2 projections, the MUL + ADD output block around the flatten and FC 512),
kernels, strides, paddings, output shapes, activations, op counts per type, the
pinned multiply-add and parameter counts (by hand), registration, int8 builds (both)
and the overlap with the training spaces (neither is drawn exactly)."""

import inspect
import pathlib
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlv as hx
from tests.gnn.test_heldout_nets import _int8_io
from tests.gnn.test_heldout_nets_xl_b import _by_hand
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

SPHERE_IN, IRES_IN = (1, 112, 96, 3), (1, 112, 112, 3)
SPHERE_COUNTS = {"CONV_2D": 20, "PRELU": 20, "ADD": 8, "RESHAPE": 1,
                 "FULLY_CONNECTED": 1}
IRES_COUNTS = {"CONV_2D": 21, "PRELU": 9, "MUL": 10, "ADD": 18, "RESHAPE": 1,
               "FULLY_CONNECTED": 1}


def _is_const(g, t):
    return g.tensors[t].data is not None


def test_sphereface20_table2_stages_prelu_units_and_hand_counts():
    g = _graph(hx.sphereface20, SPHERE_IN, (1, 512), 50, SPHERE_COUNTS)
    assert hx.SPHEREFACE20_STAGES == ((64, 1), (128, 2), (256, 4), (512, 1))
    c, p = "CONV_2D", "PRELU"
    unit = [c, p, c, p, "ADD"]
    assert g.op_types() == ([c, p] + unit + [c, p] + unit * 2 + [c, p] + unit * 4
                            + [c, p] + unit + ["RESHAPE", "FULLY_CONNECTED"])
    # 20 convs (the paper's layer count): 4 stage convs 3x3 / 2, 16 unit convs 3x3
    assert 4 + 2 * (1 + 2 + 4 + 1) == 20
    assert _kernels(g, c) == [(3, 3)] * 20
    assert _strides(g, c) == ([(2, 2)] + [(1, 1)] * 2 + [(2, 2)] + [(1, 1)] * 4
                              + [(2, 2)] + [(1, 1)] * 8 + [(2, 2)] + [(1, 1)] * 2)
    assert set(_opt(g, c, "padding")) == {"SAME"}
    # no batch norm, no fused activation: a standalone PRELU after every conv
    assert set(_acts(g, c)) == {"NONE"}
    sides = [(56, 48, 64)] * 3 + [(28, 24, 128)] * 5 + [(14, 12, 256)] * 9 + [
        (7, 6, 512)] * 3
    assert _out_shapes(g, c) == _out_shapes(g, p) == sides
    prod = _producers(g)
    prelus = [op for op in g.ops if op.type == p]
    assert all(prod[op.inputs[0]].type == c for op in prelus)
    assert [g.tensors[op.inputs[1]].shape for op in prelus] == [
        (1, 1, s[-1]) for s in sides]
    assert all(g.tensors[op.inputs[1]].data.min() >= 0 for op in prelus)
    # identity units: ADD(PRELU(conv(PRELU(conv(x)))), x), linear; x the stage
    # conv's PRELU or the previous unit's ADD
    adds = [op for op in g.ops if op.type == "ADD"]
    assert _acts(g, "ADD") == ["NONE"] * 8
    for add in adds:
        second = prod[prod[add.inputs[0]].inputs[0]]
        first = prod[prod[second.inputs[0]].inputs[0]]
        assert second.type == first.type == c
        assert first.inputs[0] == add.inputs[1]
        assert prod[add.inputs[1]].type in ("PRELU", "ADD")
    assert _out_shapes(g, "ADD") == [(56, 48, 64)] + [(28, 24, 128)] * 2 + [
        (14, 12, 256)] * 4 + [(7, 6, 512)]
    # flatten 7 x 6 x 512 = 21,504 -> FC 512, linear: the graph's output
    flat = next(op for op in g.ops if op.type == "RESHAPE")
    assert flat.inputs[0] == adds[-1].outputs[0]
    assert g.tensors[flat.outputs[0]].shape == (1, 7 * 6 * 512) == (1, 21_504)
    assert _fc_weights(g) == [(512, 21_504)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    assert g.ops[-1].inputs[0] == flat.outputs[0] and g.outputs == g.ops[-1].outputs
    # (output pixels, C_in, C_out, taps)
    layers, (h, w), cin = [], (112, 96), 3
    for ch, units in hx.SPHEREFACE20_STAGES:
        h, w = h // 2, w // 2
        layers += [(h * w, cin, ch, 9)] + [(h * w, ch, ch, 9)] * (2 * units)
        cin = ch
    layers.append((1, 21_504, 512, 1))
    # stage convs: 56 * 48 * 3 * 64 * 9 = 4,644,864; the other three 49,545,216
    # each (672 * 64 * 128 * 9 = 168 * 128 * 256 * 9 = 42 * 256 * 512 * 9); every
    # unit conv 99,090,432 (2688 * 64^2 * 9 = 672 * 128^2 * 9 = 168 * 256^2 * 9 = 42
    # * 512^2 * 9); FC 21,504 * 512 = 11,010,048
    assert 56 * 48 * 3 * 64 * 9 == 4_644_864
    assert {t * ci * co * k for t, ci, co, k in layers if co != ci and ci > 3
            and k == 9} == {49_545_216}
    assert {t * ci * co * k for t, ci, co, k in layers if co == ci} == {99_090_432}
    assert 4_644_864 + 3 * 49_545_216 + 16 * 99_090_432 + 11_010_048 == 1_749_737_472
    # parameters: stage convs 1,792 + 73,856 + 295,168 + 1,180,160; unit convs 2 x
    # 36,928 + 4 x 147,584 + 8 x 590,080 + 2 x 2,359,808; FC 11,010,560; PReLU
    # slopes one a channel after each conv: 64 x 3 + 128 x 5 + 256 x 9 + 512 x 3
    convs = (1_792 + 73_856 + 295_168 + 1_180_160 + 2 * 36_928 + 4 * 147_584
             + 8 * 590_080 + 2 * 2_359_808)
    assert convs == 11_655_424 and 21_504 * 512 + 512 == 11_010_560
    slopes = 64 * 3 + 128 * 5 + 256 * 9 + 512 * 3
    assert slopes == 4_672
    _by_hand(g, layers, (1_749_737_472, 11_655_424 + 11_010_560), slopes)
    assert 11_655_424 + 11_010_560 + slopes == 22_670_656


def test_arcface_iresnet18_improved_units_mul_add_bns_and_hand_counts():
    g = _graph(hx.arcface_iresnet18, IRES_IN, (1, 512), 60, IRES_COUNTS)
    assert (hx.IRESNET_STEM, hx.IRESNET_WIDTHS, hx.IRESNET_UNITS) == (
        64, (64, 128, 256, 512), 2)
    c, p, m, a = "CONV_2D", "PRELU", "MUL", "ADD"
    first = [m, a, c, p, c, c, a]  # BN, conv + PRELU, conv / 2, projection, ADD
    second = [m, a, c, p, c, a]
    assert g.op_types() == [c, p] + (first + second) * 4 + [
        m, a, "RESHAPE", "FULLY_CONNECTED", m, a]
    # stem 3x3 / 1; per stage the first unit's 3x3 / 1, 3x3 / 2, 1x1 / 2 projection,
    # then the second unit's two 3x3 / 1
    assert _kernels(g, c) == [(3, 3)] + [(3, 3), (3, 3), (1, 1), (3, 3), (3, 3)] * 4
    assert _strides(g, c) == [(1, 1)] + [(1, 1), (2, 2), (2, 2), (1, 1), (1, 1)] * 4
    assert set(_opt(g, c, "padding")) == {"SAME"}
    # BN folded into every conv, none with a fused activation
    assert set(_acts(g, c)) == {"NONE"}
    outs = [(112, 112, 64)]
    for side, ch in ((112, 64), (56, 128), (28, 256), (14, 512)):
        outs += [(side, side, ch)] + [(side // 2, side // 2, ch)] * 4
    assert _out_shapes(g, c) == outs
    # PRELU after the stem and each unit's first conv, one slope a channel
    prod = _producers(g)
    prelus = [op for op in g.ops if op.type == p]
    assert [prod[op.inputs[0]].type for op in prelus] == [c] * 9
    assert [g.tensors[op.inputs[1]].shape[-1] for op in prelus] == [
        64, 64, 64, 128, 128, 256, 256, 512, 512]
    assert {g.tensors[op.inputs[1]].shape[:2] for op in prelus} == {(1, 1)}
    # batch norms that follow no conv: MUL by a positive [C] scale, ADD of a [C]
    # shift; the eight units' first BNs, the output block's and the feature's
    muls = [op for op in g.ops if op.type == m]
    assert all(_is_const(g, op.inputs[1]) for op in muls)
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [
        (64,), (64,), (64,), (128,), (128,), (256,), (256,), (512,), (512,), (512,)]
    adds = [op for op in g.ops if op.type == a]
    shifts = [op for op in adds if _is_const(g, op.inputs[1])]
    assert [prod[op.inputs[0]] for op in shifts] == muls
    assert [g.tensors[op.inputs[1]].shape for op in shifts] == [
        g.tensors[op.inputs[1]].shape for op in muls]
    assert _out_shapes(g, m) == [(112, 112, 64), (56, 56, 64), (56, 56, 64),
                                 (28, 28, 128), (28, 28, 128), (14, 14, 256),
                                 (14, 14, 256), (7, 7, 512), (7, 7, 512), (512,)]
    # each unit: its first conv reads the BN of the unit input, the projection (if
    # any) the unit input itself; the residual ADD (second conv, shortcut), linear
    res = [op for op in adds if not _is_const(g, op.inputs[1])]
    assert len(res) == 8 and set(_acts(g, a)) == {"NONE"}
    convs = [op for op in g.ops if op.type == c]
    x = prelus[0].outputs[0]
    for k, add in enumerate(res):
        main = prod[add.inputs[0]]
        conv1 = prod[prod[main.inputs[0]].inputs[0]]
        assert main.type == conv1.type == c
        bn_add = prod[conv1.inputs[0]]
        assert bn_add is shifts[k] and prod[bn_add.inputs[0]].inputs[0] == x
        if k % 2 == 0:
            proj = prod[add.inputs[1]]
            assert proj.type == c and proj.inputs[0] == x
            assert g.tensors[proj.inputs[1]].shape[1:3] == (1, 1)
        else:
            assert add.inputs[1] == x
        x = add.outputs[0]
    assert _out_shapes(g, a)[-3:] == [(7, 7, 512), (7, 7, 512), (512,)]
    # the output block: BN (MUL + ADD) on 7 x 7 x 512, flatten to 25,088, FC 512
    # (linear), BN (MUL + ADD) on [1, 512]: the graph's output
    flat = next(op for op in g.ops if op.type == "RESHAPE")
    assert prod[flat.inputs[0]] is shifts[8] and muls[8].inputs[0] == res[-1].outputs[0]
    assert g.tensors[flat.outputs[0]].shape == (1, 7 * 7 * 512) == (1, 25_088)
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert fc.inputs[0] == flat.outputs[0] and muls[9].inputs[0] == fc.outputs[0]
    assert _fc_weights(g) == [(512, 25_088)] and _acts(g, "FULLY_CONNECTED") == ["NONE"]
    assert g.outputs == shifts[9].outputs and g.ops[-1] is shifts[9]
    assert len(convs) == 21
    # (output pixels, C_in, C_out, taps)
    layers, side, cin = [(112 * 112, 3, 64, 9)], 112, 64
    for ch in hx.IRESNET_WIDTHS:
        half = (side // 2) ** 2
        layers += [(side * side, cin, ch, 9), (half, ch, ch, 9), (half, cin, ch, 1)]
        layers += [(half, ch, ch, 9)] * 2
        side, cin = side // 2, ch
    layers.append((1, 25_088, 512, 1))
    mac = [t * ci * co * k for t, ci, co, k in layers]
    # stem 12,544 * 3 * 64 * 9 = 21,676,032; the first stage's first conv at 112 x
    # 112: 12,544 * 64 * 64 * 9 = 462,422,016; the other stages' first convs
    # 231,211,008 (3,136 * 64 * 128 * 9 = 784 * 128 * 256 * 9 = 196 * 256 * 512 * 9);
    # the other twelve 3x3s 115,605,504 (3,136 * 64^2 * 9 = 784 * 128^2 * 9 = 196 *
    # 256^2 * 9 = 49 * 512^2 * 9); projections 3,136 * 64 * 64 = 12,845,056 and
    # 6,422,528 (784 * 64 * 128 = 196 * 128 * 256 = 49 * 256 * 512); FC 25,088 * 512
    assert mac[:2] == [21_676_032, 462_422_016]
    assert mac[6:17:5] == [231_211_008] * 3
    assert [mac[i] for i in (2, 4, 5, 7, 9, 10, 12, 14, 15, 17, 19, 20)] == [
        115_605_504] * 12
    assert [mac[i] for i in (3, 8, 13, 18)] == [12_845_056] + [6_422_528] * 3
    assert mac[-1] == 12_845_056
    total = (21_676_032 + 462_422_016 + 3 * 231_211_008 + 12 * 115_605_504
             + 12_845_056 + 3 * 6_422_528 + 12_845_056)
    assert total == 2_609_954_816
    # parameters: stem 1,792; stage 1 4 x 36,928 + 4,160; stage 2 73,856 + 3 x
    # 147,584 + 8,320; stage 3 295,168 + 3 x 590,080 + 33,024; stage 4 1,180,160 + 3
    # x 2,359,808 + 131,584; FC 25,088 * 512 + 512
    convs_p = (1_792 + 4 * 36_928 + 4_160 + 73_856 + 3 * 147_584 + 8_320 + 295_168
               + 3 * 590_080 + 33_024 + 1_180_160 + 3 * 2_359_808 + 131_584)
    assert convs_p == 11_168_192 and 25_088 * 512 + 512 == 12_845_568
    # PReLU slopes: stem 64, the units' 2 x (64 + 128 + 256 + 512); batch-norm
    # scales and shifts: the units' inputs 2 x (3 x 64 + 2 x 128 + 2 x 256 + 512),
    # the output block's 2 x 512 and the feature's 2 x 512
    slopes = 64 + 2 * (64 + 128 + 256 + 512)
    bns = 2 * (3 * 64 + 2 * 128 + 2 * 256 + 512) + 2 * 512 + 2 * 512
    assert (slopes, bns) == (1_984, 4_992)
    _by_hand(g, layers, (2_609_954_816, 11_168_192 + 12_845_568), slopes + bns)
    assert 11_168_192 + 12_845_568 + slopes + bns == 24_020_736


def test_no_training_space_draws_a_xlv_c_model_exactly():
    """The overlap stated in ``models.json``: only sesr (``spaces.py``), ext and
    upsample draw a PRELU, and none of them an FC (both models end in an FC after
    PRELUs); resnet fuses RELU into every ADD (both models' sums are linear), draws
    no PRELU or MUL and square inputs of 32-128 (SphereFace's is 112 x 96); bcast's
    per-channel MUL / ADD constants sit on maps of at most 64 a side; the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces as sp
    from jaxeff.gnn import spaces_bcast as sb
    from jaxeff.gnn import spaces_ext, spaces_upsample

    src = {q.stem: q.read_text() for q in pathlib.Path(sp.__file__).parent.glob(
        "spaces*.py")}
    assert {k for k, s in src.items() if "PRELU" in s} == {
        "spaces", "spaces_ext", "spaces_upsample"}
    assert ".fc(" not in src["spaces_ext"] and ".fc(" not in src["spaces_upsample"]
    own = {n for n, f in inspect.getmembers(sp, inspect.isfunction)
           if f.__module__ == sp.__name__ and '"PRELU"' in inspect.getsource(f)}
    assert own == {"_act", "sesr"} and ".fc(" not in inspect.getsource(sp.sesr)
    for seed in range(6):
        for draw in (sp.sesr, spaces_ext.ext, spaces_upsample.upsample):
            types = set(draw(np.random.default_rng(seed))[0].op_types())
            assert not {"PRELU", "FULLY_CONNECTED"} <= types
    assert "pick(rng, (32, 64, 96, 128))" in inspect.getsource(sp.resnet)
    for seed in range(10):
        g, _ = sp.resnet(np.random.default_rng(seed))
        assert set(_acts(g, "ADD")) == {"RELU"}
        assert not {"PRELU", "MUL"} & set(g.op_types())
        _, h, w, _ = g.tensors[g.inputs[0]].shape
        assert h == w and h <= 128
    assert max(sb.IN_H) == 64 and max(sb.IN_W) <= 64
    assert not _overlap_unnamed(ph.MODELS, {
        "sphereface20_112x96": ("mobilefacenet_112", "mtcnn_onet_48", "resnet34_224"),
        "arcface_iresnet18_112": ("preact_resnet18_cifar_32", "resnet18_224",
                                  "mobilefacenet_112")})


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xlv_c_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION34C == ("sphereface20_112x96", "arcface_iresnet18_112")
    # after XLIV's part B (a SESSION34D, where merged, may follow); every builder
    # model once, every one registered
    _registered_after(ph, ph.SESSION34C, ph.SESSION34B)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION34C] == ["resnet", "resnet"]
    built = {m: _int8_io(m) for m in ph.SESSION34C}
    assert {m: (ins, outs) for m, (_, ins, outs) in built.items()} == {
        "sphereface20_112x96": ([SPHERE_IN], [(1, 512)]),
        "arcface_iresnet18_112": ([IRES_IN], [(1, 512)])}
    gs = {m: g for m, (g, _, _) in built.items()}
    assert [Counter(g.op_types()) for g in gs.values()] == [SPHERE_COUNTS, IRES_COUNTS]
    # the int8 graphs keep the per-channel PRELU slopes, the 3x3 convs of 512 on
    # the 7 x 6 / 7 x 7 maps, the flatten FCs and IResNet's [512] MUL + ADD feature BN
    g = gs["sphereface20_112x96"]
    assert _out_shapes(g, "CONV_2D")[-3:] == [(7, 6, 512)] * 3
    assert _fc_weights(g) == [(512, 21_504)]
    assert {g.tensors[op.inputs[1]].shape for op in g.ops if op.type == "PRELU"} == {
        (1, 1, 64), (1, 1, 128), (1, 1, 256), (1, 1, 512)}
    g = gs["arcface_iresnet18_112"]
    assert _out_shapes(g, "CONV_2D")[-2:] == [(7, 7, 512)] * 2
    assert _fc_weights(g) == [(512, 25_088)]
    assert g.op_types()[-2:] == ["MUL", "ADD"]
    assert _out_shapes(g, "MUL")[-1] == (512,)
