"""jaxeff.gnn.heldout_nets_xlix_b (held-out families XLIX, part E; session 36,
addendum 3, pre-registered): ResUNet's published structure (residual units of 64
(conv first), 128 / 2, 256 / 2, a bridge of 512 / 2, each a MUL + ADD RELU batch norm
of its input, a 3x3 RELU conv, a linear 3x3 conv and a 1x1 conv shortcut of the raw
input ADDed; three decoder stages of RESIZE_NEAREST_NEIGHBOR x2, CONCATENATION
[up-sampled, skip] and a residual unit of 256, 128, 64; a 1x1 conv to 1 and a
LOGISTIC), kernels, strides, paddings, output shapes, activations, the MUL + ADD
pairs by map size, op counts per type, the pinned multiply-add and parameter counts
(by hand; the published 7.8 M parameters), registration, the int8 build (slow) and
the overlap with the training spaces (none draws it exactly)."""

import inspect

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlix_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

RU_IN, RU_OUT = (1, 224, 224, 3), (1, 224, 224, 1)
C, M, A, R, CAT = "CONV_2D", "MUL", "ADD", "RESIZE_NEAREST_NEIGHBOR", "CONCATENATION"
RU_COUNTS = {C: 22, M: 6, A: 13, R: 3, CAT: 3, "LOGISTIC": 1}
RU_TYPES = ([C, C, C, A] + [M, A, C, C, C, A] * 3 + [R, CAT, M, A, C, C, C, A] * 3
            + [C, "LOGISTIC"])
#: the units' (side, C_in, C_out, stride): encoder 1-3, bridge 4, decoder 5-7 (C_in
#: of a decoder unit the CONCATENATION's)
UNITS = [(224, 3, 64, 1), (112, 64, 128, 2), (56, 128, 256, 2), (28, 256, 512, 2),
         (56, 768, 256, 1), (112, 384, 128, 1), (224, 192, 64, 1)]
#: the six MUL + ADD RELU batch norms' maps (H, W, C): the encoder's sums 1-3, then
#: the decoder's CONCATENATIONs
BN_MAPS = [(224, 224, 64), (112, 112, 128), (56, 56, 256), (56, 56, 768),
           (112, 112, 384), (224, 224, 192)]


def _hand():
    """(MACs, parameters) of ResUNet by hand: per unit a 3x3 conv C_in -> C_out of
    the stride, a 3x3 conv C_out -> C_out and a 1x1 shortcut C_in -> C_out, at the
    unit's output pixels, each with a bias; the 1x1 head; two per channel for each
    unfolded batch norm."""
    convs = []
    for s, ci, co, _ in UNITS:
        convs += [(s * s, ci, co, 9), (s * s, co, co, 9), (s * s, ci, co, 1)]
    convs.append((224 * 224, 64, 1, 1))
    macs, params = _hand_1d(convs)
    return macs, params + 2 * sum(c for _, _, c in BN_MAPS)


def test_resunet_residual_units_decoder_and_hand_counts():
    g = _graph(hx.resunet, RU_IN, RU_OUT, 48, RU_COUNTS)
    assert (hx.RESUNET_ENC, hx.RESUNET_BRIDGE, hx.RESUNET_DEC, hx.RESUNET_OUT) == (
        (64, 128, 256), 512, (256, 128, 64), 1)
    assert g.op_types() == RU_TYPES
    # convs per unit: 3x3 (the stride, RELU: its batch norm folded), 3x3 (linear),
    # 1x1 shortcut (the stride, linear); the 1x1 head; SAME, a bias each
    assert _kernels(g, C) == [(3, 3), (3, 3), (1, 1)] * 7 + [(1, 1)]
    assert _strides(g, C) == [(t, t) for *_, s in UNITS for t in (s, 1, s)] + [(1, 1)]
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert _acts(g, C) == ["RELU", "NONE", "NONE"] * 7 + ["NONE"]
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(s, s, co) for s, _, co, _ in UNITS
                                 for _ in range(3)] + [(224, 224, 1)]
    # every unfolded batch norm: MUL by a positive per-channel scale, ADD of a
    # per-channel shift with RELU fused, on the six maps; the residual ADDs linear
    prod = _producers(g)
    muls = [op for op in g.ops if op.type == M]
    assert _out_shapes(g, M) == BN_MAPS
    assert [g.tensors[op.inputs[1]].shape for op in muls] == [(c,) for *_, c in BN_MAPS]
    assert all(g.tensors[op.inputs[1]].data.min() > 0 for op in muls)
    bns = [op for op in g.ops if op.type == A and prod.get(op.inputs[0]) in muls]
    assert [prod[op.inputs[0]] for op in bns] == muls
    assert [g.tensors[op.inputs[1]].shape for op in bns] == [(c,) for *_, c in BN_MAPS]
    assert {g.tensors[op.inputs[1]].data is not None for op in bns} == {True}
    assert set(_acts(g, M)) == {"NONE"} and {op.options["fused_activation_function"]
                                             for op in bns} == {"RELU"}
    sums = [op for op in g.ops if op.type == A and op not in bns]
    assert len(sums) == 7 and {op.options["fused_activation_function"]
                               for op in sums} == {"NONE"}
    # the batch norms read the encoder's sums 1-3 (units 2-4) and the decoder's
    # CONCATENATIONs (units 5-7): never a conv's output (those fold)
    assert [prod[op.inputs[0]] for op in muls[:3]] == sums[:3]
    assert [prod[op.inputs[0]].type for op in muls[3:]] == [CAT] * 3
    # each unit: ADD(the linear 3x3 conv, the 1x1 shortcut of the unit's raw input);
    # the first 3x3 conv reads the batch norm's ADD (unit 1: the image)
    unit_in = [g.inputs[0]] + [op.outputs[0] for op in sums[:3]] + [
        op.outputs[0] for op in g.ops if op.type == CAT]
    for i, (op, x) in enumerate(zip(sums, unit_in, strict=True)):
        conv2, short = prod[op.inputs[0]], prod[op.inputs[1]]
        conv1 = prod[conv2.inputs[0]]
        assert (conv2.type, short.type, conv1.type) == (C, C, C)
        assert short.inputs[0] == x
        assert conv1.inputs[0] == (x if i == 0 else bns[i - 1].outputs[0])
    # the decoder: RESIZE_NEAREST_NEIGHBOR x2 of the previous sum (no align corners,
    # no half-pixel centres), CONCATENATION [up-sampled, the encoder's sum]
    rs = [op for op in g.ops if op.type == R]
    assert [prod[op.inputs[0]] for op in rs] == sums[3:6]
    assert [tuple(g.tensors[op.inputs[1]].data) for op in rs] == [
        (56, 56), (112, 112), (224, 224)]
    assert _out_shapes(g, R) == [(56, 56, 512), (112, 112, 256), (224, 224, 128)]
    assert {(op.options["align_corners"], op.options["half_pixel_centers"])
            for op in rs} == {(False, False)}
    cats = [op for op in g.ops if op.type == CAT]
    assert [list(op.inputs) for op in cats] == [
        [r.outputs[0], s.outputs[0]] for r, s in zip(rs, sums[2::-1], strict=True)]
    assert _out_shapes(g, CAT) == BN_MAPS[3:]
    # the head: a 1x1 conv to 1 on the last sum, LOGISTIC; the graph's output
    assert prod[g.ops[-2].inputs[0]] == sums[-1]
    assert g.ops[-1].inputs[0] == g.ops[-2].outputs[0]
    assert g.outputs == g.ops[-1].outputs
    # counts by hand: unit 1 50,176 x (27 + 576 + 3) x 64; units 2-4 each 924,844,032
    # + 1,849,688,064 + 102,760,448 (e.g. 12,544 x (576 + 1,152 + 64) x 128); units
    # 5-7 each 5,549,064,192 + 1,849,688,064 + 616,562,688 (e.g. 3,136 x (6,912 +
    # 2,304 + 768) x 256); head 50,176 x 64
    assert 50_176 * 606 * 64 == 86_704_128 + 1_849_688_064 + 9_633_792
    assert 12_544 * 1_792 * 128 == 924_844_032 + 1_849_688_064 + 102_760_448
    assert 3_136 * 9_984 * 256 == 5_549_064_192 + 1_849_688_064 + 616_562_688
    assert 1_946_025_984 + 3 * 2_877_292_544 + 3 * 8_015_314_944 + 3_211_264 == (
        34_627_059_712)
    # parameters: conv weights and biases 8,214,593 (the seven 1x1 shortcuts
    # 431,680 of them), the six batch norms' scales and shifts 2 x 1,792
    shortcuts = sum(ci * co + co for _, ci, co, _ in UNITS)
    assert shortcuts == 431_680 and 2 * sum(c for *_, c in BN_MAPS) == 3_584
    assert _hand() == (34_627_059_712, 8_214_593 + 3_584)
    # published: "7.8 M" parameters: +5.4 %, pinned within 10 % (without the 1x1
    # shortcuts 7,786,497, -0.2 %: said, not acted on)
    _pinned(g, (34_627_059_712, 8_218_177), (None, 7.8e6), (None, 0.1))
    assert abs((8_218_177 - shortcuts) / 7.8e6 - 1) < 0.005


def test_no_training_space_draws_resunet_exactly():
    """The overlap stated in ``models.json``: upsample's encdec draws 2-3 level UNets
    of 8-32 base channels with one RELU conv a level, every RESIZE followed by a 1x1
    conv; ext's one RESIZE into a CONCATENATION is bilinear; resnet fuses RELU into
    every ADD; bcast's per-channel constants lie on maps of at most 64 x 48 and 64
    channels; no sampled graph feeds a nearest RESIZE to a CONCATENATION; the earlier
    models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_bcast, spaces_ext, spaces_upsample

    enc = inspect.getsource(spaces_upsample._encdec)
    assert "int(rng.integers(2, 4))" in enc and "pick(rng, (8, 16, 24, 32))" in enc
    assert 'y = b.conv(_resize2(b, rng, y, hw, up), cs, 1, 1, "RELU")' in enc
    assert "pick(rng, (64, 96, 128, 160, 192, 224))" in enc
    ext = inspect.getsource(spaces_ext)
    assert ext.count("b.concat([b.resize(") == 1
    assert 'b.concat([b.resize(p, (fh, fw), "bilinear", True)' in ext
    assert 'b.add(h, sc, "RELU")' in inspect.getsource(spaces.resnet)
    assert (max(spaces_bcast.IN_H), max(spaces_bcast.IN_W),
            max(spaces_bcast.CHANNELS)) == (64, 48, 64)
    rng = np.random.default_rng(49)
    for name in ("upsample", "ext", "resnet", "bcast"):
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            prod = _producers(g)
            assert not any(op.type == CAT and any(
                prod.get(t) is not None and prod[t].type == R for t in op.inputs)
                for op in g.ops), name
            assert not any(op.type == A and op.options["fused_activation_function"]
                           == "RELU" and prod.get(op.inputs[0]) is not None
                           and prod[op.inputs[0]].type == M
                           and np.prod(g.tensors[op.outputs[0]].shape[1:3]) > 3_072
                           for op in g.ops), name
    assert not _overlap_unnamed(ph.MODELS, {
        "resunet_224": ("unet_128", "attention_unet_128", "pix2pix_unet_256",
                        "preact_resnet18_cifar_32", "fc_densenet56_224")})


def test_family_xlix_e_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36E == ("resunet_224",)
    # after XLVIII's part C (XLIX's part D, SESSION36D, where merged, sits between);
    # every builder model once, registered
    _registered_after(ph, ph.SESSION36E, ph.SESSION36C)
    reg = ph.BUILDER_MODELS
    before = reg[reg.index("resunet_224") - 1]
    assert before in ph.SESSION36C + getattr(ph, "SESSION36D", ())
    assert ph.MODELS["resunet_224"][1].split()[0] == "upsample"


@pytest.mark.slow
def test_family_xlix_e_int8():
    """The int8 graph (int8 input and output) keeps the float graph's op sequence,
    the six MUL + ADD RELU batch norms on their maps, the nearest x2 resizes and the
    LOGISTIC head."""
    g, ins, outs = _int8_io("resunet_224")
    assert ins + outs == [RU_IN, RU_OUT] and g.op_types() == RU_TYPES
    assert (_out_shapes(g, M), _out_shapes(g, R)) == (
        BN_MAPS, [(56, 56, 512), (112, 112, 256), (224, 224, 128)])
    assert set(_acts(g, M)) == {"NONE"} and _acts(g, A).count("RELU") == 6
