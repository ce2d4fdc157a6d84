"""Int8 TFLite graphs of RAN-e blocks and networks, and their Vela cycle costs.

"Restructurable Activation Networks" (Bhardwaj et al., arXiv 2208.08562), spec
``micronets_ran.md`` §0 and §B2 (search step 1: NPU cycles of MBConv vs collapsed
block at every position). The hardware cost model is Arm's Vela compiler (Ethos-U55-
128 and U65-256 with the named system configs of :data:`jaxeff.gnn.labels.PLATFORMS`,
Shared_Sram), an estimate, not silicon.

Export path (ours, [Choice]): there is no Flax -> int8 TFLite converter in the
project, so the graphs are rebuilt from the same :func:`~jaxeff.nets.ran.block_plan`
as the Flax modules with the PerfSAGE graph builder (:class:`jaxeff.gnn.build.
NetBuilder`, seeded He-normal weights, not trained ones), calibrated in LiteRT on
N(0, 1) inputs and fully quantized (:mod:`jaxeff.gnn.int8`: int8 per-channel weights,
per-tensor activations). Inference forms (spec §B2): BN folded into conv biases;
MBConv = 1x1 (+act), dw kxk (+act), 1x1 (+ ADD); collapsed block = per-channel
affine of its leading BN (a 1x1 depthwise conv with bias, or MUL + ADD by constants,
which Vela runs as two slow elementwise passes), act, 3x3 conv(s) with BN folded
(+ ADD for the official input skip; nothing for a folded skip). ReLU6 is fused into
the conv, h-swish is a HARD_SWISH op.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import PLATFORMS, run_vela
from jaxeff.nets.ran import BlockPlan, StageSpec, block_plan, round_filters
from jaxeff.tflite.ir import OpGraph
from jaxeff.tflite.writer import write_tflite

__all__ = ["add_block", "block_costs", "block_graph", "int8_tflite", "network_graph", "vela_costs"]


def _act(nb: NetBuilder, x: int, act: str) -> int:
    return nb.act(x, "HARD_SWISH") if act == "hswish" else x


def _fused(act: str) -> str:
    if act not in ("hswish", "relu6", "relu"):
        raise ValueError(f"act must be 'hswish', 'relu6' or 'relu', got {act!r}")
    return {"hswish": "NONE", "relu6": "RELU6", "relu": "RELU"}[act]


def _ibn(nb: NetBuilder, x: int, cout: int, e: int, k: int, s: int, act: str) -> int:
    h = x
    if e != nb.shape(x)[-1]:
        h = _act(nb, nb.conv(h, e, 1, act=_fused(act)), act)
    h = _act(nb, nb.dwconv(h, k, s, act=_fused(act)), act)
    return nb.conv(h, cout, 1)


def add_block(nb: NetBuilder, x: int, p: BlockPlan, act: str = "hswish",
              skip: str = "input", affine: str = "dw") -> int:
    """Append one block (inference form) to ``nb``; returns its output tensor.
    ``affine``: how the collapsed block's leading BN is lowered, "dw" (a 1x1
    depthwise conv with bias) or "muladd" (MUL and ADD by per-channel constants)."""
    cin = nb.shape(x)[-1]
    if cin != p.cin:
        raise ValueError(f"block expects {p.cin} input channels, got {cin}")
    if p.kind == "mbconv":
        if p.bottleneck:
            y = _ibn(nb, x, p.cout // 2, 6 * p.cin, p.kernel, p.stride, act)
            y = _ibn(nb, y, p.cout, 6 * p.cout, p.kernel, 1, act)
        else:
            y = _ibn(nb, x, p.cout, p.t * p.cin, p.kernel, p.stride, act)
        return nb.add(y, x) if p.residual else y
    if p.kind != "collapsed":
        raise ValueError(f"block kind must be 'mbconv' or 'collapsed', got {p.kind!r}")
    if affine == "dw":
        h = _act(nb, nb.dwconv(x, 1, 1, act=_fused(act)), act)
    elif affine == "muladd":
        scale = nb.const((nb.rng.standard_normal(cin) * 0.2 + 1.0).astype(np.float32))
        shift = nb.const((nb.rng.standard_normal(cin) * 0.1).astype(np.float32))
        h = _act(nb, nb.add(nb.mul(x, scale), shift, act=_fused(act)), act)
    else:
        raise ValueError(f"affine must be 'dw' or 'muladd', got {affine!r}")
    if p.bottleneck:
        y = _act(nb, nb.conv(h, p.cout // 2, 3, p.stride, act=_fused(act)), act)
        y = nb.conv(y, p.cout, 3, 1)
    else:
        y = nb.conv(h, p.cout, 3, p.stride)
    return nb.add(y, x) if p.residual and skip == "input" else y


def block_graph(p: BlockPlan, hw: int, *, act: str = "hswish", skip: str = "input",
                affine: str = "dw", seed: int = 0) -> OpGraph:
    """Float graph of one block on a ``[1, hw, hw, cin]`` input."""
    nb = NetBuilder(np.random.default_rng(seed), "block")
    x = nb.input((1, hw, hw, p.cin))
    return nb.finish([add_block(nb, x, p, act, skip, affine)])


def network_graph(stages: Sequence[StageSpec], *, res: int = 224, width: float = 1.0,
                  stem_stride: int = 2, stem: int = 16, head: int = 1344,
                  act: str = "hswish", num_classes: int = 1000, lite: bool = False,
                  skip: str = "input", affine: str = "dw", seed: int = 0) -> OpGraph:
    """Float graph of a RAN-e network (``lite=False``: stem without BN/act, head 1x1 +
    dw 7x7) or EfficientNet-Lite (``lite=True``: stem with act, head 1x1 only)."""
    nb = NetBuilder(np.random.default_rng(seed), "ran_e")
    x = nb.input((1, res, res, 3))
    x = nb.conv(x, round_filters(stem, width), 3, stem_stride,
                act=_fused(act) if lite else "NONE")
    x = _act(nb, x, act) if lite else x
    for p in block_plan(stages, width, special_128=not lite):
        x = add_block(nb, x, p, act, skip, affine)
    x = _act(nb, nb.conv(x, round_filters(head, width), 1, act=_fused(act)), act)
    if not lite:
        x = _act(nb, nb.dwconv(x, 7, 1, act=_fused(act)), act)
    x = nb.fc(nb.mean(x, (1, 2), keep_dims=False), num_classes)
    return nb.finish([x])


def int8_tflite(g: OpGraph, seed: int = 0) -> bytes:
    """Full-int8 TFLite flatbuffer of a float graph (LiteRT-calibrated ranges)."""
    return write_tflite(quantize_int8(g, calibrate(g, seed=seed)))


def vela_costs(buf: bytes, platforms: Sequence[str] = ("u55", "u65")
               ) -> dict[str, dict[str, Any]]:
    """``{platform: {cycles, fps, latency_ms, cpu_ops, nn_macs}}`` from Vela."""
    out = {}
    for pf in platforms:
        if pf not in PLATFORMS:
            raise ValueError(f"platform must be one of {sorted(PLATFORMS)}, got {pf!r}")
        v = run_vela(buf, pf)
        out[pf] = {"cycles": v.cycles, "fps": 1e3 / v.latency_ms,
                   "latency_ms": v.latency_ms, "cpu_ops": v.cpu_ops,
                   "nn_macs": v.nn_macs}
    return out


def block_costs(stages: Sequence[StageSpec], *, res: int = 224, width: float = 1.0,
                stem_stride: int = 2, act: str = "hswish", skip: str = "input",
                affine: str = "dw", platforms: Sequence[str] = ("u55", "u65"),
                seed: int = 0
                ) -> list[dict[str, Any]]:
    """Search step 1 (spec §B2): Vela cycles of every block position as an MBConv
    (the stage's k and t) and as a collapsed block, at the position's input size.

    Returns one row per block: ``index, cin, cout, stride, hw, flag`` (the layout's
    collapse choice) and ``{platform}_{mbconv|collapsed}`` cycles, plus
    ``{platform}_saved`` = MBConv - collapsed cycles.
    """
    hw = -(-res // stem_stride)
    rows = []
    for i, p in enumerate(block_plan(stages, width)):
        row: dict[str, Any] = {"index": i, "cin": p.cin, "cout": p.cout,
                               "stride": p.stride, "hw": hw, "kernel": p.kernel,
                               "t": p.t, "flag": int(p.kind == "collapsed")}
        for kind in ("mbconv", "collapsed"):
            g = block_graph(dataclasses.replace(p, kind=kind), hw, act=act, skip=skip,
                            affine=affine, seed=seed + i)
            costs = vela_costs(int8_tflite(g, seed), platforms)
            for pf in platforms:
                row[f"{pf}_{kind}"] = costs[pf]["cycles"]
                row[f"{pf}_{kind}_cpu_ops"] = costs[pf]["cpu_ops"]
        for pf in platforms:
            row[f"{pf}_saved"] = row[f"{pf}_mbconv"] - row[f"{pf}_collapsed"]
        rows.append(row)
        hw = -(-hw // p.stride)
    return rows
