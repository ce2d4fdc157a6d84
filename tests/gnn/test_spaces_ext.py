"""The ``ext`` space (session 22): the structures it promises, the Vela-mappable forms
it is limited to, and that Vela 5.2 maps its draws fully to the NPU."""

from __future__ import annotations

import collections

import numpy as np
import pytest

from jaxeff.gnn import spaces
from jaxeff.gnn.spaces_ext import EXT_KINDS, ext


def _draws(n: int = 60, seed: int = 0):
    rng = np.random.default_rng(seed)
    return [ext(rng) for _ in range(n)]


def test_draws_cover_the_promised_structures():
    kinds, types = collections.Counter(), set()
    factorised = dilated_dw = prelu_wide = False
    for g, m in _draws():
        kinds[m["kind"]] += 1
        types |= {o.type for o in g.ops}
        for o in g.ops:
            shape = g.tensors[o.inputs[1]].shape if len(o.inputs) > 1 else None
            if o.type == "CONV_2D" and shape[1] != shape[2] and (
                    o.options["dilation_h_factor"] > 1 or o.options["dilation_w_factor"] > 1):
                factorised = True
            if o.type == "DEPTHWISE_CONV_2D" and o.options["dilation_h_factor"] > 1:
                dilated_dw = True
            if o.type == "PRELU" and g.tensors[o.outputs[0]].shape[-1] >= 128:
                prelu_wide = True
    assert set(kinds) == set(EXT_KINDS) and min(kinds.values()) >= 10
    assert {"PRELU", "CONCATENATION", "RESIZE_BILINEAR", "TRANSPOSE_CONV",
            "DEPTHWISE_CONV_2D", "MEAN", "MAX_POOL_2D", "ADD"} <= types
    assert factorised and dilated_dw and prelu_wide
    assert "ext" in spaces.SPACES and "ext" in spaces.SAME_SCALE_CONCAT


def test_only_vela_mappable_forms():
    for g, _ in _draws(40, seed=1):
        for o in g.ops:
            if o.type in ("CONV_2D", "DEPTHWISE_CONV_2D"):
                _, kh, kw, _ = g.tensors[o.inputs[1]].shape
                dh, dw = o.options["dilation_h_factor"], o.options["dilation_w_factor"]
                assert (kh - 1) * dh + 1 <= 33 or dh == 1, (kh, dh)
                assert (kw - 1) * dw + 1 <= 33 or dw == 1, (kw, dw)
                if o.type == "DEPTHWISE_CONV_2D" and max(dh, dw) > 1:
                    assert o.options["stride_h"] == o.options["stride_w"] == 1
            if o.type.startswith("RESIZE"):
                ih, oh = g.tensors[o.inputs[0]].shape[1], g.tensors[o.outputs[0]].shape[1]
                assert ih == 1 or oh in (2 * ih, 4 * ih, 4 * ih - 3), (ih, oh)


def test_vela_maps_the_draws_to_the_npu():
    pytest.importorskip("ethosu.vela")
    from jaxeff.gnn.dataset import make_tflite
    from jaxeff.gnn.labels import run_vela

    seen = set()
    for seed in range(6):
        s, tfl = make_tflite("ext", 1000 + seed)
        seen.add(s.meta["kind"])
        assert run_vela(tfl, "u55").cpu_ops == 0, s.meta
    assert seen == set(EXT_KINDS)
