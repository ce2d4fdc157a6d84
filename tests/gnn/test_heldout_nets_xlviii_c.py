"""jaxeff.gnn.heldout_nets_xlviii_c (held-out families XLVIII, part C; session 36,
addendum 1, pre-registered): the published structure of SRResNet x4 (a 9x9 conv to
64 + PRELU; 16 residual blocks of a 3x3 conv, PRELU, a 3x3 conv and an ADD of the
block's input; a 3x3 conv ADDed to the first PRELU; two stages of a 3x3 conv to 256,
the x2 pixel shuffle in addendum 2's NPU form (an npu_d2s TRANSPOSE_CONV) and PRELU; a
9x9 conv to 3), kernels, strides, paddings, output
shapes, activations, PRELU slopes, the skips, op counts per type, the pinned
multiply-add and parameter counts (by hand; the published 1.5 M parameters),
registration, the int8 build (slow) and the overlap with the training spaces (none
draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xlviii_c as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xlviii import _npu_d2s_x2
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

SR_IN, SR_OUT = (1, 32, 32, 3), (1, 128, 128, 3)
SR_COUNTS = {"CONV_2D": 37, "PRELU": 19, "ADD": 17, "TRANSPOSE_CONV": 2}
C, P, A, D = "CONV_2D", "PRELU", "ADD", "TRANSPOSE_CONV"
SR_TYPES = [C, P] + [C, P, C, A] * 16 + [C, A] + [C, D, P] * 2 + [C]


def test_srresnet_x4_residual_blocks_subpixel_stages_and_hand_counts():
    g = _graph(hx.srresnet_x4, SR_IN, SR_OUT, 75, SR_COUNTS)
    assert (hx.SRRESNET_SIDE, hx.SRRESNET_WIDTH, hx.SRRESNET_BLOCKS,
            hx.SRRESNET_STAGES, hx.SRRESNET_K, hx.SRRESNET_UP) == (
        32, 64, 16, 2, 9, 256)
    assert g.op_types() == SR_TYPES
    # convs: 9x9, 32 + 1 3x3 of 64, two 3x3 to 256, 9x9 to 3; stride 1, SAME, linear
    assert _kernels(g, C) == [(9, 9)] + [(3, 3)] * 35 + [(9, 9)]
    assert set(_strides(g, C)) == {(1, 1)}
    assert set(_opt(g, C, "padding")) == {"SAME"}
    assert set(_acts(g, C)) == {"NONE"} and set(_acts(g, A)) == {"NONE"}
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(32, 32, 64)] * 34 + [
        (32, 32, 256), (64, 64, 256), (128, 128, 3)]
    # PRELU: one slope per channel (64), standalone after the first conv, the first
    # conv of each block and each shuffle; none above 1
    prod = _producers(g)
    ps = [op for op in g.ops if op.type == P]
    assert [g.tensors[op.inputs[1]].shape for op in ps] == [(1, 1, 64)] * 19
    assert max(float(g.tensors[op.inputs[1]].data.max()) for op in ps) < 1
    assert [prod[op.inputs[0]].type for op in ps] == [C] * 17 + [D] * 2
    assert _out_shapes(g, P) == [(32, 32, 64)] * 17 + [(64, 64, 64), (128, 128, 64)]
    # the pixel shuffles (npu_d2s, addendum 2): one-hot 2x2 / 2 TRANSPOSE_CONVs 256 ->
    # 64, each reading a 3x3 conv to 256
    ds = [op for op in g.ops if op.type == D]
    for op, hw in zip(ds, [(32, 32), (64, 64)], strict=True):
        _npu_d2s_x2(g, op, op.inputs[2], hw, 64)
    assert _out_shapes(g, D) == [(64, 64, 64), (128, 128, 64)]
    assert [g.tensors[prod[op.inputs[2]].inputs[1]].shape for op in ds] == [
        (256, 3, 3, 64)] * 2
    # skips: each block ADDs (its second conv, its input); the input is the first
    # PRELU, then the previous ADD; the long skip ADDs (the 3x3 conv, the first PRELU)
    adds = [op for op in g.ops if op.type == A]
    first = ps[0].outputs[0]
    ins = [first] + [op.outputs[0] for op in adds[:15]]
    for i, op in enumerate(adds[:16]):
        conv2, x = prod[op.inputs[0]], op.inputs[1]
        assert conv2.type == C and x == ins[i]
        act = prod[conv2.inputs[0]]
        conv1 = prod[act.inputs[0]]
        assert (act.type, conv1.type, conv1.inputs[0]) == (P, C, ins[i])
    long = adds[16]
    assert prod[long.inputs[0]].inputs[0] == adds[15].outputs[0]
    assert long.inputs[1] == first
    assert prod[ds[0].inputs[2]].inputs[0] == long.outputs[0]
    assert g.ops[-1].inputs[0] == ps[-1].outputs[0] and g.outputs == g.ops[-1].outputs
    # (output positions, C_in, C_out, taps): first, 32 block convs, after the
    # blocks, up-sampling at 32 x 32 and 64 x 64, last at 128 x 128
    n = 32 * 32
    layers = ([(n, 3, 64, 81)] + [(n, 64, 64, 9)] * 33
              + [(n, 64, 256, 9), (4 * n, 64, 256, 9), (16 * n, 64, 3, 81)])
    assert [t * ci * co * k for t, ci, co, k in layers[:2] + layers[-3:]] == [
        15_925_248, 37_748_736, 150_994_944, 603_979_776, 254_803_968]
    assert 33 * 37_748_736 == 1_207_959_552 + 37_748_736
    # weights and biases: first 15,616, a 3x3 64 -> 64 36,928, up-sampling 147,712,
    # last 15,555; 1,216 PRELU slopes (19 x 64) besides
    assert [ci * co * k + co for _, ci, co, k in layers[:2] + layers[-2:]] == [
        15_616, 36_928, 147_712, 15_555]
    assert 15_616 + 33 * 36_928 + 2 * 147_712 + 15_555 == 1_545_219
    assert _hand_1d(layers) == (2_271_412_224, 1_545_219)
    # the shuffles' fixed weights, MACs and parameters as a conv's: input pixels x
    # 256 x 2 x 2 x 64 MACs, 64 x 2 x 2 x 256 weights each (no bias)
    assert [t * 256 * 4 * 64 for t in (n, 4 * n)] == [67_108_864, 268_435_456]
    assert 2_271_412_224 + 67_108_864 + 268_435_456 == 2_606_956_544
    assert 1_545_219 + 19 * 64 + 2 * 65_536 == 1_677_507
    _pinned(g, (2_606_956_544, 1_677_507), (None, None), (None, None))
    # published: about 1.5 M parameters (rounded to 0.1 M; 33 batch norms' 4,224
    # scales and shifts folded away here): the learned 1,546,435 (weights, biases,
    # PRELU slopes) within 5 %
    assert 1_677_507 - 2 * 65_536 == 1_546_435
    assert abs(1_546_435 / 1.5e6 - 1) < 0.05
    assert abs((1_546_435 + 33 * 2 * 64) / 1.5e6 - 1) < 0.05


def test_no_training_space_draws_the_xlviii_c_model_exactly():
    """The overlap stated in ``models.json``: no training space calls
    ``depth_to_space`` or draws a 9x9 CONV_2D; upsample's sr draws 16-56 features, a
    3x3 / 5x5 first conv and at most 5 mapping convs, up-sampling by TRANSPOSE_CONV
    (as the model's NPU shuffles, addendum 2);
    sesr one-channel inputs and at most 32 filters; resnet fuses RELU into every ADD;
    the earlier models of the same kinds are named."""
    import pathlib

    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_upsample

    src = {p.stem: p.read_text() for p in pathlib.Path(spaces.__file__).parent.glob(
        "spaces*.py")}
    assert src and not any(".depth_to_space(" in s for s in src.values())
    sr = inspect.getsource(spaces_upsample._sr)
    assert "pick(rng, (16, 32, 48, 56))" in sr and "int(rng.integers(1, 6))" in sr
    assert "y = _conv(b, x, d, pick(rng, (3, 5)), act)" in sr
    assert ".depth_to_space(" not in sr and sr.count("b.add(") == 1
    sesr = inspect.getsource(spaces.sesr)
    assert "b.input((1, h, w, 1))" in sesr and "pick(rng, (8, 16, 24, 32))" in sesr
    assert 'b.add(h, sc, "RELU")' in inspect.getsource(spaces.resnet)
    rng = np.random.default_rng(48)
    for name in ("upsample", "sesr", "resnet"):
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert "DEPTH_TO_SPACE" not in g.op_types(), name
            assert (9, 9) not in _kernels(g, C), name
    assert not _overlap_unnamed(ph.MODELS, {
        "srresnet_x4_32": ("edsr_x2_48", "espcn_x3_100x100", "srcnn_915_64x64",
                           "carn_m_x2_64", "mobilefacenet_112",
                           "cyclegan_gen_r6_128")})


def test_family_xlviii_c_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36C == ("srresnet_x4_32",)
    # after XLVII's part D (a SESSION36A or SESSION36B, where merged, may sit
    # between); every builder model once, registered
    _registered_after(ph, ph.SESSION36C, ph.SESSION35D)
    assert ph.MODELS["srresnet_x4_32"][1].split()[0] == "upsample"


@pytest.mark.slow
def test_family_xlviii_c_int8():
    # int8 input and output, the float graph's op sequence
    g, ins, outs = _int8_io("srresnet_x4_32")
    assert (ins, outs) == ([SR_IN], [SR_OUT])
    assert Counter(g.op_types()) == SR_COUNTS and g.op_types() == SR_TYPES
    # the int8 graph keeps the per-channel PRELU slopes and the NPU shuffles
    assert {g.tensors[op.inputs[1]].shape for op in g.ops if op.type == P} == {
        (1, 1, 64)}
    assert _out_shapes(g, D) == [(64, 64, 64), (128, 128, 64)]
