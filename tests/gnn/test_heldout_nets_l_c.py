"""jaxeff.gnn.heldout_nets_l_c (held-out families L, part I; session 36, addendum 4,
pre-registered): the published structure of SimpleNet as recalled (thirteen SAME
RELU convs of 64-512, 3x3 but two 1x1 of 2,048 and 256, 2x2 / 2 max pools after
convs 4, 7, 9, 10 and 12, the last 3x3 conv on a 1 x 1 map, a global MAX_POOL_2D,
RESHAPE, FC 10, SOFTMAX), kernels, strides, paddings, output shapes, activations, op
counts per type, the pinned multiply-add and parameter counts (by hand; the
published 5.48 M parameters), registration, the int8 build (slow) and the overlap
with the training spaces (none draws it exactly)."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_l_c as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xlii_b import _overlap_unnamed, _registered_after
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt
from tests.gnn.test_heldout_nets_xxxviii import _fc_weights, _strides

SN_IN, SN_OUT = (1, 32, 32, 3), (1, 10)
C, MP = "CONV_2D", "MAX_POOL_2D"
SN_COUNTS = {C: 13, MP: 6, "RESHAPE": 1, "FULLY_CONNECTED": 1, "SOFTMAX": 1}
SN_TYPES = [C] * 4 + [MP] + [C] * 3 + [MP] + [C] * 2 + [MP] + [C, MP] + [C] * 2 + [
    MP, C, MP, "RESHAPE", "FULLY_CONNECTED", "SOFTMAX"]
#: (map side, C_in, C_out, taps) of the 13 convs
CONVS = [(32, 3, 64, 9), (32, 64, 128, 9), (32, 128, 128, 9), (32, 128, 128, 9),
         (16, 128, 128, 9), (16, 128, 128, 9), (16, 128, 256, 9),
         (8, 256, 256, 9), (8, 256, 256, 9), (4, 256, 512, 9),
         (2, 512, 2048, 1), (2, 2048, 256, 1), (1, 256, 256, 9)]
LAYERS = [(s * s, ci, co, k) for s, ci, co, k in CONVS] + [(1, 256, 10, 1)]


def test_simplenet_3x3_stack_1x1_pair_five_pools_global_max_pool_and_hand_counts():
    g = _graph(hx.simplenet, SN_IN, SN_OUT, 22, SN_COUNTS)
    assert (hx.SIMPLENET_WIDTHS, hx.SIMPLENET_KERNELS, hx.SIMPLENET_POOLS) == (
        (64, 128, 128, 128, 128, 128, 256, 256, 256, 512, 2048, 256, 256),
        (3,) * 10 + (1, 1, 3), (4, 7, 9, 10, 12))
    assert g.op_types() == SN_TYPES
    # convs: 3x3 but layers 11 and 12 (1x1); stride 1, SAME, RELU (batch norm
    # folded), with bias; the last 3x3 on the 1 x 1 map
    assert _kernels(g, C) == [(3, 3)] * 10 + [(1, 1)] * 2 + [(3, 3)]
    assert set(_strides(g, C)) == {(1, 1)} and set(_opt(g, C, "padding")) == {"SAME"}
    assert set(_acts(g, C)) == {"RELU"}
    assert {len(op.inputs) for op in g.ops if op.type == C} == {3}
    assert _out_shapes(g, C) == [(s, s, co) for s, _, co, _ in CONVS]
    # the five 2x2 / 2 VALID max pools (32 -> 1), each on a conv; the global max pool
    # the whole 1 x 1 map, stride 1, VALID
    prod = _producers(g)
    pools = [op for op in g.ops if op.type == MP]
    assert [(op.options["filter_height"], op.options["filter_width"]) for op in pools
            ] == [(2, 2)] * 5 + [(1, 1)]
    assert _strides(g, MP) == [(2, 2)] * 5 + [(1, 1)]
    assert set(_opt(g, MP, "padding")) == {"VALID"} and set(_acts(g, MP)) == {"NONE"}
    assert _out_shapes(g, MP) == [(16, 16, 128), (8, 8, 256), (4, 4, 256),
                                  (2, 2, 512), (1, 1, 256), (1, 1, 256)]
    assert [prod[op.inputs[0]].type for op in pools] == [C] * 6
    assert prod[pools[-1].inputs[0]] is [op for op in g.ops if op.type == C][-1]
    # the head: RESHAPE [1, 256], FC 10, SOFTMAX
    rs, fc, soft = g.ops[-3:]
    assert rs.inputs[0] == pools[-1].outputs[0] and g.tensors[rs.outputs[0]].shape == (
        1, 256)
    assert fc.inputs[0] == rs.outputs[0] and soft.inputs == fc.outputs
    assert _fc_weights(g) == [(10, 256)] and soft.options["beta"] == 1.0
    assert g.outputs == soft.outputs
    # MACs by map: 32 x 32 1,769,472 + 75,497,472 + 2 x 150,994,944; 16 x 16; 8 x 8;
    # 4 x 4; 2 x 2 (the 1x1 pair 4,194,304 + 2,097,152); 1 x 1 (256 x 9 x 256, the
    # padded taps counted); FC 2,560
    by_map = [LAYERS[:4], LAYERS[4:7], LAYERS[7:9], LAYERS[9:10], LAYERS[10:12],
              LAYERS[12:13], LAYERS[13:]]
    assert [_hand_1d(x)[0] for x in by_map] == [
        379_256_832, 150_994_944, 75_497_472, 18_874_368, 6_291_456, 589_824, 2_560]
    # parameters: weights 5,484,736 (the 1x1 pair 1,048,576 + 524,288), biases 4,554
    assert sum(ci * co * k for _, ci, co, k in LAYERS) == 5_484_736
    assert sum(co for *_, co, _ in LAYERS) == 4_554
    assert _hand_1d(LAYERS) == (631_507_456, 5_489_290)
    # published: about 5.48 M parameters (recalled; +0.17 %); no MAC count recalled
    # precisely enough, not pinned
    _pinned(g, (631_507_456, 5_489_290), (None, 5.48e6), (None, 0.01))


def test_no_training_space_draws_the_l_c_model_exactly():
    """The overlap stated in ``models.json``: plain's vgg draws 3x3 convs only and
    skips a pool on a map under 2 x 2; no draw has a 3x3 conv on a 1 x 1 map or a
    max pool on one; the earlier models of the same kinds are named."""
    from experiments import perfsage_heldout as ph
    from jaxeff.gnn import spaces, spaces_plain

    src = inspect.getsource(spaces_plain.vgg_net)
    assert "b.conv(x, max(8, int(v * width)), 3, 1" in src
    assert 'b.pool(x, "max", 2, 2) if b.shape(x)[1] >= 2 else x' in src
    rng = np.random.default_rng(50)
    for name, draw in spaces.SAMPLERS.items():
        for _ in range(2):
            g, _ = draw(rng)
            ops = [(op, g.tensors[op.inputs[0]].shape[1:3]) for op in g.ops
                   if op.type in (C, MP)]
            assert not [op for op, s in ops if op.type == MP and s == (1, 1)], name
            assert not [op for op, s in ops if op.type == C and s == (1, 1)
                        and g.tensors[op.inputs[1]].shape[1:3] == (3, 3)], name
    assert not _overlap_unnamed(ph.MODELS, {
        "simplenet_cifar_32": ("vgg16_cifar_32", "vgg11_cifar", "nin_cifar_32")})


def test_family_l_c_registered():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION36I == ("simplenet_cifar_32",)
    assert ph.MODELS["simplenet_cifar_32"][1].split()[0] == "plain"
    # right after XLIX's part F or, where merged, L's part G or H (SESSION36G, 36H,
    # built beside it); every builder model once, registered
    _registered_after(ph, ph.SESSION36I, ph.SESSION36F)
    i = ph.BUILDER_MODELS.index("simplenet_cifar_32")
    assert ph.BUILDER_MODELS[i - 1] in sum(
        (getattr(ph, f"SESSION36{k}", ()) for k in "FGH"), ())


@pytest.mark.slow
def test_family_l_c_int8():
    # int8 input and output, the float graph's op sequence (so its counts); it keeps
    # the 1x1 global max pool and the 3x3 conv on the 1 x 1 map
    g, ins, outs = _int8_io("simplenet_cifar_32")
    assert (ins, outs, g.op_types()) == ([SN_IN], [SN_OUT], SN_TYPES)
    assert Counter(g.op_types()) == SN_COUNTS
    assert _out_shapes(g, MP)[-2:] == [(1, 1, 256)] * 2
    assert _kernels(g, C)[-1] == (3, 3) and _out_shapes(g, C)[-1] == (1, 1, 256)
