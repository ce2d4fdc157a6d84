"""The ``silu`` space (session 23 addendum 3): both LOGISTIC cases (a producer shared
with the SiLU MUL, and a LOGISTIC that is its producer's only consumer), the 200-node
limit, determinism per seed, the old spaces' order, and that Vela 5.2 maps the draws
fully to the NPU."""

from __future__ import annotations

import collections

import numpy as np
import pytest
from gnn_graphs import assert_space_deterministic

from jaxeff.gnn import spaces
from jaxeff.gnn.spaces_silu import SILU_BLOCKS, SILU_HEADS, silu

OLD_SPACES = ("mbconv", "resnet", "dscnn", "sesr", "mobilenet", "kws", "edge",
              "upsample", "families", "detect", "recurrent", "shuffle", "plain", "ext")


def _draws(n: int = 30, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [silu(rng) for _ in range(n)]


def logistic_cases(g) -> tuple[int, int]:
    """(LOGISTICs whose producer has another consumer, LOGISTICs that are their
    producer's only consumer)."""
    uses = collections.Counter(t for o in g.ops for t in o.inputs)
    made = {t: o for o in g.ops for t in o.outputs}
    shared = fused = 0
    for o in g.ops:
        if o.type == "LOGISTIC":
            assert o.inputs[0] in made  # always after an operator, never the input
            if uses[o.inputs[0]] > 1:
                shared += 1
            else:
                fused += 1
    return shared, fused


def test_draws_hold_both_logistic_cases():
    shared = fused = without = 0
    types, blocks, heads = set(), set(), set()
    for g, m in _draws():
        s, f = logistic_cases(g)
        shared, fused, without = shared + (s > 0), fused + (f > 0), without + (s == 0)
        types |= {o.type for o in g.ops}
        blocks |= set(m["blocks"])
        heads.add(m["head"])
        if s:  # the second consumer of a SiLU LOGISTIC's producer is the MUL
            uses = collections.defaultdict(list)
            for o in g.ops:
                for t in o.inputs:
                    uses[t].append(o.type)
            for o in g.ops:
                if o.type == "LOGISTIC" and len(uses[o.inputs[0]]) > 1:
                    assert "MUL" in uses[o.inputs[0]]
    assert shared >= 5 and fused >= 5 and without >= 3, (shared, fused, without)
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "LOGISTIC", "MUL", "ADD", "CONCATENATION",
            "MEAN", "FULLY_CONNECTED", "SOFTMAX"} <= types
    assert blocks == set(SILU_BLOCKS) and heads == set(SILU_HEADS)


def test_within_200_nodes_and_shapes():
    for g, m in _draws():
        assert spaces.num_nodes(g) <= 200, m
        assert 3 <= len(m["blocks"]) <= 8 and 32 <= m["res"] <= 160, m
        convs = [o for o in g.ops if o.type in ("CONV_2D", "DEPTHWISE_CONV_2D")]
        for o in convs[:-1]:  # widths 8 ... 128, multiples of 8 (not the head)
            c = g.tensors[o.outputs[0]].shape[-1]
            assert 8 <= c <= 128 and c % 8 == 0, (o.type, c)

def test_deterministic_per_seed():
    assert_space_deterministic(silu)


def test_registered_after_the_old_spaces():
    assert spaces.SPACES[:len(OLD_SPACES)] == OLD_SPACES
    assert spaces.SPACES[len(OLD_SPACES)] == "silu"  # later spaces follow it (agg)
    assert set(spaces.SAMPLERS) == set(spaces.SPACES)
    assert "silu" in spaces.SAME_SCALE_CONCAT


def test_vela_maps_the_draws_to_the_npu():
    pytest.importorskip("ethosu.vela")
    from jaxeff.gnn.dataset import make_tflite
    from jaxeff.gnn.labels import run_vela

    shared = 0
    for seed in (1000, 1001):
        s, tfl = make_tflite("silu", seed, 200)
        shared += logistic_cases(s.graph)[0] > 0
        assert run_vela(tfl, "u55").cpu_ops == 0, s.meta
    assert shared >= 1
