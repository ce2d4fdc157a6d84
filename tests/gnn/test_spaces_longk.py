"""The ``longk`` space (issue 22, session 29, rule N): registered last, seeded, within
its size limits, drawing long kernels on inputs of few channels (pinned counts on seed
0), and mapped fully to the NPU by Vela on both platforms."""

import collections

import numpy as np
import pytest
from gnn_graphs import assert_vela_maps_fully

from jaxeff.gnn import spaces
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.spaces_longk import (KH_MAX, KHW_MAX, LAYERS, MAX_FC_INPUTS,
                                     MAX_FC_WEIGHTS, MAX_MACS, MAX_OPS, longk)
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available


def test_longk_registered_last():
    """Appended after bcast: every earlier space keeps its position (dataset seeds);
    it draws no CONCATENATION, so no same-scale concat."""
    assert spaces.SPACES[-4:] == ("tiny", "bcast", "longk", "dil")
    assert spaces.SAMPLERS["longk"] is longk and "longk" not in spaces.SAME_SCALE_CONCAT


def test_longk_space_is_seeded():
    a = spaces.sample("longk", np.random.default_rng(3))
    b = spaces.sample("longk", np.random.default_rng(3))
    assert write_tflite(a.graph) == write_tflite(b.graph) and a.meta == b.meta


def _long_kernel_counts(firsts) -> collections.Counter:
    """Counts over first layers ``(input (h, w, c), op type, kernel, stride)``."""
    n = collections.Counter()
    for (h, w, c), type_, (kh, kw), (sh, sw) in firsts:
        n["few_channels"] += c <= 3
        n["whole_axis"] += (kh == h > 1) or (kw == w > 1)
        n["k16"] += max(kh, kw) >= 16
        n["k32"] += max(kh, kw) >= 32
        n["stride3"] += 3 in (sh, sw)
        n["stride4"] += sw == 4
        n["depthwise"] += type_ == "DEPTHWISE_CONV_2D"
    return n


def _first(g) -> tuple:
    op = g.ops[0]
    _, h, w, c = g.tensors[op.inputs[0]].shape
    _, kh, kw, _ = g.tensors[op.inputs[1]].shape  # OHWI or [1, K_h, K_w, C m]
    return (h, w, c), op.type, (kh, kw), (op.options["stride_h"], op.options["stride_w"])


def test_longk_space_is_bounded_and_draws_long_kernels():
    rng = np.random.default_rng(0)
    firsts, seen = [], collections.defaultdict(set)
    types = collections.Counter()
    for _ in range(200):
        g, m = longk(rng)
        assert 3 <= len(g.ops) <= MAX_OPS and m["macs"] == total_macs(g) <= MAX_MACS
        for op in g.ops:
            if op.type == "FULLY_CONNECTED":
                n_out, n_in = g.tensors[op.inputs[1]].shape
                assert n_in <= MAX_FC_INPUTS and n_out * n_in <= MAX_FC_WEIGHTS
        assert (g.ops[-1].type == "SOFTMAX") == m["softmax"]
        f = _first(g)
        assert f[0] == m["input"] and f[2] == m["first"][1] and f[3] == m["first"][2]
        assert f[2][0] <= KH_MAX and f[2][0] * f[2][1] <= KHW_MAX  # Vela's limits
        if f[3][1] == 4:  # Vela folds W stride 4 into depth only for VALID, even W
            assert m["first"][3] == "VALID" and f[0][1] % 2 == 0
        firsts.append(f)
        types.update(g.op_types())
        seen["layout"].add(m["layout"])
        seen["head"].add(m["head"])
        seen["layer"].update(t.split(":")[0] for t in m["layers"])
        seen["n_layers"].add(len(m["layers"]))
        seen["pool"].add(m["pool"] and m["pool"][0])
    # concrete counts on seed 0 (200 draws): a 3x3 first layer would give 0 for the
    # kernel counts; every first layer reads 1-3 channels
    assert _long_kernel_counts(firsts) == {
        "few_channels": 200, "whole_axis": 77, "k16": 152, "k32": 117,
        "stride3": 79, "stride4": 15, "depthwise": 25}
    assert seen["layout"] == {"1d_h", "1d_w", "2d"} and seen["head"] == {"flatten", "mean"}
    assert seen["layer"] == set(LAYERS) and seen["n_layers"] == {0, 1, 2, 3, 4}
    assert seen["pool"] == {None, "max", "avg"}
    assert {"CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "RESHAPE",
            "MEAN", "FULLY_CONNECTED", "SOFTMAX"} == set(types)


def test_long_kernel_counts_can_fail():
    """The counting helper tells a 3x3 stem on 8 channels from a long kernel."""
    short = [((32, 40, 8), "CONV_2D", (3, 3), (1, 1))] * 4
    n = _long_kernel_counts(short)
    assert n["few_channels"] == n["whole_axis"] == n["k16"] == n["stride4"] == 0
    spanning = _long_kernel_counts([((32, 40, 1), "CONV_2D", (32, 8), (1, 4))])
    assert spanning["whole_axis"] == spanning["k16"] == spanning["stride4"] == 1


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
def test_vela_maps_longk_graphs_to_the_npu():
    rng = np.random.default_rng(11)
    for _ in range(40):
        assert_vela_maps_fully(longk(rng)[0])


def test_longk_misses_families_xxxii_by_the_named_values():
    """Session 29's overlap statement (PREREGISTERED.md, before families XXXII were
    labelled): ``longk`` draws none of the eight test models in its exact configuration,
    each one missing its choice sets by the values named here."""
    from jaxeff.gnn import spaces_longk as sl

    # WDCNN: 2048 samples, a 64-tap kernel at stride 16 (longk's strides stop at 4)
    assert 2048 not in sl.LENGTHS and 64 in sl.KERNELS
    # M5: 32,000 samples (longk's stop at 16,000), stride 4 along time only on W there
    assert max(sl.LENGTHS) < 32_000
    # EEGNet-8,2: the 1x64 SAME conv of 8 on 64 x 128 x 1 is a longk first layer, but its
    # 64x1 depthwise conv (multiplier 2, on 8 channels) and ELU are not drawn there
    assert {64, 128} <= set(sl.SIDES) and 8 in sl.FILTERS and "dw3" in sl.LAYERS
    src = open(sl.__file__).read()
    for absent in ('"ELU"', "dilation", "b.pad(", "concat", "depth_to_space", "add("):
        assert absent not in src, absent
    # ESPCN's 100 x 100, TinyissimoYOLO's 88 x 88 are not sides; VGG-small's 617 M MACs
    # exceed the limit; DenseNet-40's 158 operators the 30
    assert not {88, 100} & set(sl.SIDES) and sl.MAX_MACS < 617e6 and sl.MAX_OPS < 158
