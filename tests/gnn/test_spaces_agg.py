"""The ``agg`` space (session 24): CONCATENATIONs with shared inputs in the aggregation
blocks and in-place ones in the control, standalone LEAKY_RELU, the 200-node limit,
determinism per seed, the old spaces' order, and that the draws quantize, write TFLite
and map fully to the NPU in Vela 5.2."""

from __future__ import annotations

import collections

import numpy as np
import pytest
from gnn_graphs import assert_space_deterministic

from jaxeff.gnn import spaces
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.spaces_agg import _BLOCK, AGG_BLOCKS, AGG_HEADS, _Net, agg

OLD_SPACES = ("mbconv", "resnet", "dscnn", "sesr", "mobilenet", "kws", "edge",
              "upsample", "families", "detect", "recurrent", "shuffle", "plain", "ext",
              "silu")
NPU_OPS = {"CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "LEAKY_RELU",
           "LOGISTIC", "MUL", "ADD", "CONCATENATION", "MEAN", "FULLY_CONNECTED",
           "SOFTMAX", "RESHAPE"}
SHARING = ("osa", "elan", "dla", "dense")


def _draws(n: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [agg(rng) for _ in range(n)]


def concat_cases(g) -> tuple[int, int]:
    """(CONCATENATIONs with an input that has another consumer, CONCATENATIONs whose
    inputs feed only them)."""
    uses = collections.Counter(t for o in g.ops for t in o.inputs)
    shared = alone = 0
    for o in g.ops:
        if o.type == "CONCATENATION":
            if any(uses[t] > 1 for t in o.inputs):
                shared += 1
            else:
                alone += 1
    return shared, alone


@pytest.mark.parametrize("kind", AGG_BLOCKS)
def test_block_concatenations_are_shared_or_in_place(kind):
    for seed in range(12):
        rng = np.random.default_rng(seed)
        b = NetBuilder(rng)
        n = _Net(b, rng, ("leaky", "relu", "silu", "mixed")[seed % 4])
        x = b.input((1, 16, 16, 24))
        g = b.finish([_BLOCK[kind](n, x, int(rng.choice((16, 24, 48))))])
        shared, alone = concat_cases(g)
        if kind in SHARING:  # an intermediate map feeds the next layer and the concat
            assert shared >= 1, (kind, seed)
        else:  # the control: branches feed only the CONCATENATION
            assert (shared, alone) == (0, 1), seed


def test_draws_hold_every_choice_and_both_concatenation_cases():
    types, blocks, heads, acts, spps = set(), set(), set(), set(), set()
    shared_graphs = leaky_graphs = 0
    for g, m in _draws():
        types |= {o.type for o in g.ops}
        blocks |= set(m["blocks"])
        heads.add(m["head"])
        acts.add(m["act"])
        spps.add(m["spp"])
        shared, alone = concat_cases(g)
        shared_graphs += shared > 0
        if set(m["blocks"]) & set(SHARING) or m["spp"]:
            assert shared >= 1, m
        elif m["blocks"]:  # only the in-place control: nothing to copy
            assert shared == 0 and alone >= 1, m
        made = {t: o for o in g.ops for t in o.outputs}
        leaky = [o for o in g.ops if o.type == "LEAKY_RELU"]
        leaky_graphs += bool(leaky)
        for o in leaky:  # standalone, alpha 0.1, after a CONV_2D or a residual ADD
            assert o.options["alpha"] == pytest.approx(0.1)
            assert made[o.inputs[0]].type in ("CONV_2D", "ADD")
    assert types <= NPU_OPS, types - NPU_OPS
    assert {"CONV_2D", "MAX_POOL_2D", "LEAKY_RELU", "LOGISTIC", "MUL", "ADD",
            "CONCATENATION", "MEAN", "FULLY_CONNECTED", "SOFTMAX"} <= types
    assert blocks == set(AGG_BLOCKS) and heads == set(AGG_HEADS)
    assert acts == {"leaky", "relu", "silu", "mixed"} and spps == {None, "spp", "sppf"}
    assert shared_graphs >= 30 and leaky_graphs >= 10, (shared_graphs, leaky_graphs)


def test_within_200_nodes_and_shapes():
    for g, m in _draws():
        assert spaces.num_nodes(g) <= 200, m
        assert 3 <= m["stages"] == len(m["blocks"]) <= 7 and 32 <= m["res"] <= 160, m
        convs = [o for o in g.ops if o.type == "CONV_2D"]
        for o in convs[:-1]:  # widths 8 ... 128, multiples of 8 (not the head)
            c = g.tensors[o.outputs[0]].shape[-1]
            assert 8 <= c <= 128 and c % 8 == 0, c
        for o in g.ops:  # CONCATENATION along channels only
            if o.type == "CONCATENATION":
                assert o.options["axis"] in (-1, 3)


def test_deterministic_per_seed():
    assert_space_deterministic(agg)


def test_registered_after_the_old_spaces():
    assert spaces.SPACES[:len(OLD_SPACES)] == OLD_SPACES
    # agg right after them (a later space, session 27's tiny, is appended after it)
    assert spaces.SPACES[len(OLD_SPACES)] == "agg"
    assert set(spaces.SAMPLERS) == set(spaces.SPACES)
    assert "agg" in spaces.SAME_SCALE_CONCAT


def test_int8_tflite_and_vela_maps_the_draws_to_the_npu():
    from jaxeff.gnn.dataset import make_tflite
    from jaxeff.gnn.labels import run_vela
    from jaxeff.tflite import read_main
    from jaxeff.tflite.vela import vela_available

    for seed in (1000, 1001):
        s, tfl = make_tflite("agg", seed, 200)
        g = read_main(tfl)
        assert g.op_types() == s.graph.op_types() == s.float_graph.op_types()
        assert all(g.tensors[i].dtype == "int8" for i in g.inputs + g.outputs)
        if vela_available():
            assert run_vela(tfl, "u55").cpu_ops == 0, s.meta
