"""jaxeff.gnn.heldout_nets_lxxiv_a (held-out families LXXIV part a; session 44,
addendum 2, pre-registered): Tan and Le's EfficientNet-B1 (B0 at depth 1.1, 240 x 240)
and Han et al.'s TinyNet-A (B0 at r = 0.86, d = 1.2, 192 x 192): their stage repeats,
op counts and sequences, depthwise kernels, strides and map sizes, squeeze-excite
widths, the swish (LOGISTIC sharing its producer with the MUL) against the SE gates
(LOGISTIC its producer's only consumer), the pinned multiply-add and parameter counts
(by a hand formula, checked on B0's pinned count, and against the published ones),
registration, the int8 builds (slow) and the overlap with the training spaces (none
draws them exactly)."""

import inspect
import pathlib
from collections import Counter

import pytest

from jaxeff.gnn import heldout_nets_lxxiv_a as hl
from jaxeff.gnn.heldout_nets import efficientnet_b0
from jaxeff.gnn.spaces_families import EFFNET_B0
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

C, DW, LG, MU, ME, AD, FC, SM = ("CONV_2D", "DEPTHWISE_CONV_2D", "LOGISTIC", "MUL",
                                 "MEAN", "ADD", "FULLY_CONNECTED", "SOFTMAX")
NAMES = ("efficientnet_b1_240", "tinynet_a_192")

# -- EfficientNet-B1
B_IN, B_OUT = (1, 240, 240, 3), (1, 1000)
B_REPS = (2, 3, 3, 4, 4, 5, 2)
B_COUNTS = {C: 92, LG: 92, MU: 92, DW: 23, ME: 24, AD: 16, FC: 1, SM: 1}
B_SE = [8, 4, 4, 6, 6, 6, 10, 10, 10, 20, 20, 20, 20, 28, 28, 28, 28, 48, 48, 48, 48,
        48, 80]
B_DW_SIDES = [120] * 2 + [60] * 3 + [30] * 3 + [15] * 4 + [15] * 4 + [8] * 5 + [8] * 2

# -- TinyNet-A
T_IN, T_OUT = (1, 192, 192, 3), (1, 1000)
T_REPS = (1, 2, 2, 4, 4, 5, 1)
T_COUNTS = {C: 77, LG: 77, MU: 77, DW: 19, ME: 20, AD: 12, FC: 1, SM: 1}
T_SE = [8, 4, 6, 6, 10, 10, 20, 20, 20, 20, 28, 28, 28, 28, 48, 48, 48, 48, 48]
T_DW_SIDES = [96] + [48] * 2 + [24] * 2 + [12] * 4 + [12] * 4 + [6] * 5 + [6]


def _hand(reps, r, classes=1000):
    """(MACs, parameters) of the EfficientNet skeleton by hand: B0's stages
    (:data:`EFFNET_B0`) with ``reps`` blocks each on an ``r x r x 3`` input; SAME
    maps (ceil halving), every conv and FC with a bias, SE of ``C_in // 4``."""
    h = -(-r // 2)
    macs, par, cin = h * h * 27 * 32, 27 * 32 + 32, 32  # stem
    for (e, k, s, c, _), n in zip(EFFNET_B0, reps, strict=True):
        for j in range(n):
            mid, se = cin * e, cin // 4
            if e > 1:  # 1x1 expansion at the input's size
                macs, par = macs + h * h * cin * mid, par + cin * mid + mid
            h = -(-h // (s if j == 0 else 1))
            macs += h * h * k * k * mid + 2 * mid * se + h * h * mid * c
            par += k * k * mid + mid + mid * se + se + se * mid + mid + mid * c + c
            cin = c
    macs += h * h * cin * 1280 + 1280 * classes
    return macs, par + cin * 1280 + 1280 + 1280 * classes + classes


def _se_widths(g):
    """The squeeze widths: the 1x1 convs on a MEAN's ``[1, 1, 1, C]`` output."""
    means = {op.outputs[0] for op in g.ops if op.type == ME}
    return [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
            if op.type == C and op.inputs[0] in means]


def _swish_and_gates(g):
    """(swish LOGISTICs, gate LOGISTICs): a swish LOGISTIC's producer also feeds the
    MUL that reads the LOGISTIC (two consumers); a gate's producer feeds only it."""
    prod = _producers(g)
    users = Counter(i for op in g.ops for i in op.inputs)
    swish = gate = 0
    for i, op in enumerate(g.ops):
        if op.type != LG:
            continue
        x = op.inputs[0]
        mul = next(o for o in g.ops if o.type == MU and op.outputs[0] in o.inputs)
        if users[x] == 2 and set(mul.inputs) == {x, op.outputs[0]}:
            swish += 1
        else:
            assert users[x] == 1 and prod[x].type == C, i
            assert g.tensors[x].shape[1:3] == (1, 1)
            gate += 1
    return swish, gate


def _check(g, reps, se, dw_sides, r):
    dws = [op for op in g.ops if op.type == DW]
    stage_k = [k for _, k, _, _, _ in EFFNET_B0]
    stage_s = [s for _, _, s, _, _ in EFFNET_B0]
    assert [kh for kh, _ in _kernels(g, DW)] == [
        k for k, n in zip(stage_k, reps) for _ in range(n)]
    assert _strides(g, DW) == [
        (s, s) if j == 0 else (1, 1) for s, n in zip(stage_s, reps) for j in range(n)]
    assert set(_opt(g, DW, "padding")) == {"SAME"} == set(_opt(g, C, "padding"))
    assert [g.tensors[op.outputs[0]].shape[1] for op in dws] == dw_sides
    assert _se_widths(g) == se
    # no fused activations: swish is LOGISTIC + MUL after the convs
    assert set(_acts(g, C)) == {"NONE"} == set(_acts(g, DW))
    blocks = sum(reps)
    assert _swish_and_gates(g) == (1 + (blocks - reps[0]) + 2 * blocks + 1, blocks)
    convs = _out_shapes(g, C)
    side = dw_sides[-1]
    assert convs[0] == (r // 2, r // 2, 32) and convs[-1] == (side, side, 1280)
    assert convs[-2] == (side, side, 320)  # the last projection
    assert _fc_weights(g) == [(1000, 1280)]
    assert g.op_types()[-4:] == [MU, ME, FC, SM]


def test_hand_formula_reproduces_the_pinned_b0():
    """The hand formula on B0's repeats at 224 gives the graph's pinned B0 count."""
    assert _hand((1, 2, 2, 3, 3, 4, 1), 224)[0] == 385_814_752
    g = _graph(efficientnet_b0, (1, 224, 224, 3), (1, 1000), 239, {
        C: 65, LG: 65, MU: 65, DW: 16, ME: 17, AD: 9, FC: 1, SM: 1})
    _pinned(g, _hand((1, 2, 2, 3, 3, 4, 1), 224), (None, None), (None, None))


def test_efficientnet_b1_stages_maps_and_published_counts():
    assert hl.EFFNET_B1 == (240, 1.0, 1.1)
    assert hl.efficientnet_stages(1.0, 1.1) == (
        (1, 3, 1, 16, 2, True), (6, 3, 2, 24, 3, True), (6, 5, 2, 40, 3, True),
        (6, 3, 2, 80, 4, True), (6, 5, 1, 112, 4, True), (6, 5, 2, 192, 5, True),
        (6, 3, 1, 320, 2, True))
    g = _graph(hl.efficientnet_b1, B_IN, B_OUT, 341, B_COUNTS)
    _check(g, B_REPS, B_SE, B_DW_SIDES, 240)
    # ADDs: every block but each stage's first (stride or width changes there)
    assert B_COUNTS[AD] == sum(B_REPS) - len(B_REPS)
    assert _hand(B_REPS, 240) == (686_802_832, 7_763_160)
    # Table 2: 0.70 B FLOPs (multiply-adds), 7.8 M parameters
    _pinned(g, (686_802_832, 7_763_160), (0.70e9, 7.8e6), (0.02, 0.01))


def test_tinynet_a_stages_maps_and_published_counts():
    from jaxeff.gnn.heldout_nets_xxxiii_b import tinynet_stages

    assert hl.TINYNET_A == (0.86, 1.0, 1.2) and int(224 * 0.86) == 192
    assert tinynet_stages(1.0, 1.2) == (
        (1, 3, 1, 16, 1, True), (6, 3, 2, 24, 2, True), (6, 5, 2, 40, 2, True),
        (6, 3, 2, 80, 4, True), (6, 5, 1, 112, 4, True), (6, 5, 2, 192, 5, True),
        (6, 3, 1, 320, 1, True))
    g = _graph(hl.tinynet_a, T_IN, T_OUT, 284, T_COUNTS)
    _check(g, T_REPS, T_SE, T_DW_SIDES, 192)
    assert T_COUNTS[AD] == sum(T_REPS) - len(T_REPS)
    assert _hand(T_REPS, 192) == (336_867_712, 6_161_972)
    # Table 3 (recalled): 339 M FLOPs (multiply-adds), 6.2 M parameters
    _pinned(g, (336_867_712, 6_161_972), (339e6, 6.2e6), (0.01, 0.01))
    # [U] round, not ceil: ceil(1.2 n) gives B1's repeats, 24 % above the published
    # multiply-adds and 25 % above the parameters
    ceil = _hand(B_REPS, 192)
    assert ceil == (419_153_280, 7_763_160)
    assert ceil[0] / 339e6 > 1.2 and ceil[1] / 6.2e6 > 1.2


def test_family_lxxiv_a_registered_and_overlap_text():
    """Registered after LXXIII part b (other families may sit between or follow); the
    overlap stated in ``models.json``: mbconv draws no swish and at most 160 px,
    silu's widths stop at 128 and its SE widths are multiples of 8, families' Lite
    has RELU6, no SE, depth at most 1.0; no space draws 240 px; the earlier models
    of the same kind are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_families, spaces_silu

    assert ph.SESSION44C == NAMES
    _registered_after(ph, ph.SESSION44C, ph.SESSION44B)
    assert [ph.MODELS[m][1].split()[0] for m in NAMES] == ["mbconv", "mbconv"]
    src = inspect.getsource(spaces.mbconv)
    assert '("RELU", "RELU6", "HARD_SWISH")' in src and "rng.integers(3, 7)" in src
    assert "(32, 48, 64, 96, 128, 160)" in src
    src = inspect.getsource(spaces_silu)
    assert "pick(n.rng, (1, 2, 4))" in src and "min(128," in src
    assert "_round8(cin / 4)" in src
    src = inspect.getsource(spaces_families._efficientnet_lite)
    assert '"depth": pick(rng, (0.5, 0.75, 1.0))' in src
    assert "(96, 128, 160, 192, 224)" in src
    assert "RELU6" in inspect.getsource(spaces_families.efficientnet_lite_net)
    assert "MUL" not in inspect.getsource(spaces_families.efficientnet_lite_net)
    # no space module names a 240-pixel side
    for f in pathlib.Path(spaces.__file__).parent.glob("spaces*.py"):
        assert "240" not in f.read_text(), f.name
    assert not _overlap_unnamed(ph.MODELS, {
        "efficientnet_b1_240": ("efficientnet_b0_224", "efficientnet_lite2_260",
                                "tinynet_e_106"),
        "tinynet_a_192": ("efficientnet_b0_224", "tinynet_e_106")})


@pytest.mark.slow
def test_family_lxxiv_a_int8():
    for name, (i, o, counts, reps) in {
            "efficientnet_b1_240": (B_IN, B_OUT, B_COUNTS, B_REPS),
            "tinynet_a_192": (T_IN, T_OUT, T_COUNTS, T_REPS)}.items():
        g, ins, outs = _int8_io(name)
        assert (ins, outs) == ([i], [o]), name
        assert Counter(g.op_types()) == counts, name
        assert len(_kernels(g, DW)) == sum(reps) and _fc_weights(g) == [(1000, 1280)]
