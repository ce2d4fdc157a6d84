"""jaxeff.gnn.heldout_nets_lix (held-out families LIX; session 38, addendum 5,
pre-registered): the structure of SwiftNet-RN18 on 512 x 1,024 x 3 (the ResNet-18
stem and basic blocks to a 16 x 32 x 512 map; spatial pyramid pooling: a 1x1 conv to
128, 2x2/2 average pools in a cascade to 8 x 16, 4 x 8 and 2 x 4, 1x1 convs to 42,
bilinear x2 / x4 / x8 back to 16 x 32, a CONCATENATION of 254, a 1x1 fuse conv to
128; three up-sampling modules: a 1x1 skip conv to 128, a bilinear x2, an ADD, a 3x3
conv of 128; a linear 1x1 conv to 19 and one bilinear x4 to 512 x 1,024), kernels,
strides, activations, output shapes, the resize factors and options, op counts per
type, the multiply-add and parameter counts (by hand), registration, the int8 build
(slow) and the overlap with the training spaces (none draws it exactly)."""

from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_lix as hl
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _strides

C, A, RB, AP, MP, CAT = ("CONV_2D", "ADD", "RESIZE_BILINEAR", "AVERAGE_POOL_2D",
                         "MAX_POOL_2D", "CONCATENATION")

SW_IN, SW_OUT = (1, 512, 1024, 3), (1, 512, 1024, 19)
SW_COUNTS = {C: 32, A: 11, RB: 7, AP: 3, MP: 1, CAT: 1}
#: the stem; stage 1 (two identity blocks); stages 2-4 (a block with a projection,
#: an identity block); the SPP; three up-sampling modules; the classifier
SW_TYPES = ([C, MP] + [C, C, A] * 2 + [C, C, C, A, C, C, A] * 3
            + [C] + [AP, C, RB] * 3 + [CAT, C] + [C, RB, A, C] * 3 + [C, RB])
#: the ResNet-18 encoder as (output positions, C_in, C_out, taps), in graph order
SW_ENCODER = ([(256 * 512, 3, 64, 49)] + [(128 * 256, 64, 64, 9)] * 4
              + [(64 * 128, 64, 128, 9), (64 * 128, 128, 128, 9), (64 * 128, 64, 128, 1),
                 (64 * 128, 128, 128, 9), (64 * 128, 128, 128, 9)]
              + [(32 * 64, 128, 256, 9), (32 * 64, 256, 256, 9), (32 * 64, 128, 256, 1),
                 (32 * 64, 256, 256, 9), (32 * 64, 256, 256, 9)]
              + [(16 * 32, 256, 512, 9), (16 * 32, 512, 512, 9), (16 * 32, 256, 512, 1),
                 (16 * 32, 512, 512, 9), (16 * 32, 512, 512, 9)])
#: the SPP: the 1x1 to 128 on 16 x 32, the levels' 1x1 to 42 on 8 x 16, 4 x 8, 2 x 4,
#: the 1x1 fuse of 254 to 128
SW_SPP = [(16 * 32, 512, 128, 1), (8 * 16, 128, 42, 1), (4 * 8, 128, 42, 1),
          (2 * 4, 128, 42, 1), (16 * 32, 254, 128, 1)]
#: the up-sampling modules: skip 1x1 to 128 and 3x3 blend at 1/16, 1/8, 1/4
SW_DECODER = [(32 * 64, 256, 128, 1), (32 * 64, 128, 128, 9),
              (64 * 128, 128, 128, 1), (64 * 128, 128, 128, 9),
              (128 * 256, 64, 128, 1), (128 * 256, 128, 128, 9)]
SW_HEAD = [(128 * 256, 128, 19, 1)]


@pytest.fixture(scope="module")
def sw_graph():
    return _graph(hl.swiftnet_rn18, SW_IN, SW_OUT, 55, SW_COUNTS)


def _factor(g, op):
    (_, hi, wi, _), (_, ho, wo, _) = (g.tensors[op.inputs[0]].shape,
                                      g.tensors[op.outputs[0]].shape)
    assert ho % hi == 0 and wo % wi == 0 and ho // hi == wo // wi
    return ho // hi


def test_swiftnet_rn18_encoder_spp_decoder_shapes_and_hand_counts(sw_graph):
    g = sw_graph
    assert (hl.SWIFT_SPP, hl.SWIFT_LEVELS, hl.SWIFT_LEVEL_C, hl.SWIFT_FUSE, hl.SWIFT_UP,
            hl.SWIFT_CLASSES) == (128, (2, 4, 8), 42, 128, 128, 19)
    assert 128 // 3 == 42 and 128 + 3 * 42 == 254
    assert g.op_types() == SW_TYPES
    prod = _producers(g)
    ops = g.ops
    # the encoder: ResNet-18's 7x7/2 stem, 3x3/2 max pool, basic blocks (RELU, then
    # linear, ADD RELU; 1x1/2 linear projections), the four stage outputs
    assert _kernels(g, C)[:20] == [(7, 7)] + [(3, 3)] * 4 + (
        [(3, 3), (3, 3), (1, 1), (3, 3), (3, 3)] * 3)
    assert _strides(g, C)[:20] == [(2, 2)] + [(1, 1)] * 4 + (
        [(2, 2), (1, 1), (2, 2), (1, 1), (1, 1)] * 3)
    assert _acts(g, C)[:20] == ["RELU"] + ["RELU", "NONE"] * 2 + (
        ["RELU", "NONE", "NONE", "RELU", "NONE"] * 3)
    assert set(_acts(g, A)[:8]) == {"RELU"}
    assert ops[1].type == MP and _strides(g, MP) == [(2, 2)]
    assert g.tensors[ops[1].outputs[0]].shape == (1, 128, 256, 64)
    stage_outs = [op for op in ops[:29] if op.type == A][1::2]
    assert [g.tensors[op.outputs[0]].shape[1:] for op in stage_outs] == [
        (128, 256, 64), (64, 128, 128), (32, 64, 256), (16, 32, 512)]
    f4, f8, f16, f32 = (op.outputs[0] for op in stage_outs)
    # the SPP on the 1/32 map (16 x 32 x 512): 1x1 RELU to 128; a cascade of 2x2/2
    # VALID average pools (8 x 16, 4 x 8, 2 x 4: the 2x2/2, 4x4/4, 8x8/8 cells);
    # each a 1x1 RELU to 42 and a bilinear x2 / x4 / x8 back to 16 x 32
    spp = ops[29:41]
    assert spp[0].type == C and spp[0].inputs[0] == f32
    assert g.tensors[spp[0].outputs[0]].shape == (1, 16, 32, 128)
    pools = [op for op in spp if op.type == AP]
    assert _out_shapes(g, AP) == [(8, 16, 128), (4, 8, 128), (2, 4, 128)]
    assert [(op.options["filter_height"], op.options["filter_width"])
            for op in pools] == [(2, 2)] * 3
    assert _strides(g, AP) == [(2, 2)] * 3 and set(_opt(g, AP, "padding")) == {"VALID"}
    assert [p.inputs[0] for p in pools] == [spp[0].outputs[0], pools[0].outputs[0],
                                            pools[1].outputs[0]]
    rs = [op for op in spp if op.type == RB]
    assert [_factor(g, op) for op in rs] == [2, 4, 8]
    assert [g.tensors[op.outputs[0]].shape for op in rs] == [(1, 16, 32, 42)] * 3
    assert [prod[op.inputs[0]].inputs[0] for op in rs] == [p.outputs[0] for p in pools]
    cat, fuse = spp[-2:]
    assert cat.type == CAT and cat.inputs == (spp[0].outputs[0],
                                              *(op.outputs[0] for op in rs))
    assert g.tensors[cat.outputs[0]].shape == (1, 16, 32, 254)
    assert fuse.type == C and g.tensors[fuse.outputs[0]].shape == (1, 16, 32, 128)
    assert _acts(g, C)[20:25] == ["RELU"] * 5
    assert _kernels(g, C)[20:25] == [(1, 1)] * 5
    # three up-sampling modules: skip 1x1 RELU to 128, bilinear x2 of the coarser
    # map, ADD (no activation), 3x3 RELU of 128
    y = fuse.outputs[0]
    for i, (skip, hw) in enumerate(((f16, (32, 64)), (f8, (64, 128)), (f4, (128, 256)))):
        sc, up, add, blend = ops[41 + 4 * i:45 + 4 * i]
        assert sc.inputs[0] == skip and up.inputs[0] == y
        assert _factor(g, up) == 2
        assert add.inputs == (up.outputs[0], sc.outputs[0])
        assert add.options["fused_activation_function"] == "NONE"
        assert blend.inputs[0] == add.outputs[0]
        assert [g.tensors[op.outputs[0]].shape for op in (sc, up, blend)] == [
            (1, *hw, 128)] * 3
        y = blend.outputs[0]
    assert _kernels(g, C)[25:31] == [(1, 1), (3, 3)] * 3
    assert _acts(g, C)[25:31] == ["RELU"] * 6
    assert set(_strides(g, C)[20:]) == {(1, 1)}
    # the classifier: 1x1 linear to 19 at 128 x 256, ONE bilinear x4 to 512 x 1,024
    head, out = ops[-2:]
    assert head.inputs[0] == y and _acts(g, C)[-1] == "NONE"
    assert g.tensors[head.outputs[0]].shape == (1, 128, 256, 19)
    assert out.inputs[0] == head.outputs[0] and g.outputs == out.outputs
    assert _factor(g, out) == 4
    # every RESIZE_BILINEAR a single op without align_corners or half-pixel centres
    assert [_factor(g, op) for op in ops if op.type == RB] == [2, 4, 8, 2, 2, 2, 4]
    assert set(_opt(g, RB, "align_corners")) == {False}
    assert set(_opt(g, RB, "half_pixel_centers")) == {False}
    # every conv with a bias
    assert {len(op.inputs) for op in ops if op.type == C} == {3}
    # MACs and parameters by hand: the encoder 36,144 MACs a pixel of the input, as
    # ResNet-18 at 224 without its FC (1,813,561,344 = 36,144 x 50,176)
    enc, spp_c, dec, hd = (_hand_1d(x) for x in (SW_ENCODER, SW_SPP, SW_DECODER, SW_HEAD))
    assert enc == (18_949_865_472, 11_171_712)
    assert 1_814_073_344 - 512 * 1000 == 1_813_561_344 == 36_144 * 224 * 224
    assert enc[0] == 36_144 * 512 * 1024
    assert spp_c == (51_103_744, 114_558)
    assert 33_554_432 + 688_128 + 172_032 + 43_008 + 16_646_144 == 51_103_744
    assert 65_664 + 3 * 5_418 + 32_640 == 114_558
    assert dec == (6_811_549_696, 500_480)
    assert (67_108_864 + 301_989_888 + 134_217_728 + 1_207_959_552 + 268_435_456
            + 4_831_838_208) == 6_811_549_696
    assert hd == (79_691_776, 2_451)
    assert (18_949_865_472 + 51_103_744 + 6_811_549_696 + 79_691_776
            == 25_892_210_688)
    assert 11_171_712 + 114_558 + 500_480 + 2_451 == 11_789_201
    assert _hand_1d(SW_ENCODER + SW_SPP + SW_DECODER + SW_HEAD) == (
        25_892_210_688, 11_789_201)
    # published (recalled, not read): 104 GFLOPs (multiply-adds) at 2,048 x 1,024
    # (4 x the pixels) and 11.8 M parameters
    _pinned(g, (25_892_210_688, 11_789_201), (104e9 / 4, 11.8e6), (0.01, 0.005))


def test_no_training_space_draws_swiftnet_exactly():
    """The overlap stated in ``models.json``: resnet's inputs stop at 128; no space
    takes a 512 x 1,024 input or resizes by 8 without align_corners (upsample and
    ext resize by 2 or 4); the earlier models of the same kinds are named."""
    import inspect

    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces

    src = inspect.getsource(spaces.resnet)
    assert "pick(rng, (32, 64, 96, 128))" in src and "width = c * 2**i" in src
    rng = np.random.default_rng(59)
    for name in spaces.SPACES:
        for _ in range(6):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape[1:3] != (512, 1024), name
            for op in g.ops:
                if op.type.startswith("RESIZE") and not op.options["align_corners"]:
                    assert _factor(g, op) in (2, 4), name
    assert not _overlap_unnamed(ph.MODELS, {
        "swiftnet_rn18_512x1024": (
            "resnet18_224", "linknet_512x256", "bisenet_r18_512x256",
            "ddrnet23_slim_1024x512", "pspnet_mnv2_512", "fast_scnn_1024x512",
            "contextnet14_1024x512")})


def test_family_lix_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION38F == ("swiftnet_rn18_512x1024",)
    # after LVIII (later families may follow); every builder model once, registered
    _registered_after(ph, ph.SESSION38F, ph.SESSION38C)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION38F] == ["resnet"]


@pytest.mark.slow
def test_family_lix_int8():
    # int8 input and output, the float graph's op sequence (so its counts); the
    # resizes keep their factors and options
    g, ins, outs = _int8_io("swiftnet_rn18_512x1024")
    assert (ins, outs) == ([SW_IN], [SW_OUT])
    assert Counter(g.op_types()) == SW_COUNTS and g.op_types() == SW_TYPES
    assert [_factor(g, op) for op in g.ops if op.type == RB] == [2, 4, 8, 2, 2, 2, 4]
    assert set(_opt(g, RB, "align_corners")) == {False}
    assert set(_opt(g, RB, "half_pixel_centers")) == {False}
    assert _out_shapes(g, AP) == [(8, 16, 128), (4, 8, 128), (2, 4, 128)]
