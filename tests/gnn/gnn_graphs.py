"""Small float graphs and data-folder lookup shared by the PerfSAGE tests."""

import os
import pathlib

import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder


def tflite_dir() -> pathlib.Path:
    """``$JAXEFF_DATA/tflite``; skips when JAXEFF_DATA is unset or lacks it."""
    root = os.environ.get("JAXEFF_DATA")
    if not root:
        pytest.skip(
            "JAXEFF_DATA is unset (set it to ../shared/data for the real models)"
        )
    d = pathlib.Path(root) / "tflite"
    if not d.is_dir():
        pytest.skip(f"{d} does not exist")
    return d


def spec_graph():
    """Spec §5.4 test (3): float conv(3x3, 8)+bias -> ADD const -> MEAN -> FC."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 16, 16, 3))
    y = b.conv(x, 8, 3)
    y = b.add(y, b.const(np.full((1, 1, 1, 8), 0.5, np.float32)))
    y = b.mean(y, (1, 2), keep_dims=False)
    return b.finish([b.fc(y, 10)])


def all_ops_graph(depth_to_space: bool = True):
    """A float graph touching every op our search spaces emit."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, 16, 16, 3))
    y = b.conv(x, 8, 3, 1, "RELU6")
    y2 = b.dwconv(y, 5, 2, "RELU")
    y3 = b.act(b.conv(y2, 16, 1), "HARD_SWISH")
    se = b.act(b.conv(b.mean(y3), 4, 1), "RELU")
    se = b.act(b.conv(se, 16, 1), "LOGISTIC")
    y4 = b.add(b.mul(y3, se), b.conv(y2, 16, (1, 3)))
    p = b.pool(y4, "max", 3, 2, "SAME")
    c = b.concat([p, b.pool(p, "avg", 2, 1, "SAME")], -1)
    d = b.pad(c, [(0, 0), (1, 1), (1, 1), (0, 0)])
    if depth_to_space:
        d = b.depth_to_space(d, 2)
    d = b.act(b.act(d, "PRELU"), "RELU")
    m = b.reshape(b.mean(d, (1, 2), False), (1, d and b.shape(d)[-1]))
    return b.finish([b.softmax(b.fc(m, 10))])


def space_records(n: int = 12, seed: int = 0, max_nodes: int = 120) -> list[dict]:
    """``n`` records of random search-space graphs with made-up Vela-like labels:
    per-op cycles ``u55_op_cycles`` / ``u65_op_cycles`` (MAC-driven plus noise) and
    ``labels`` for the two latencies (their sums at 500 / 1000 MHz) and U55 SRAM."""
    from jaxeff.gnn import baselines, spaces
    from jaxeff.gnn.realeval import graph_record

    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        sp = spaces.SPACES[i % len(spaces.SPACES)]
        r = graph_record(spaces.sample(sp, rng, max_nodes=max_nodes).graph)
        macs = baselines.op_features(r)[:, 9]
        r["space"] = sp
        r["u55_op_cycles"] = 1e3 * macs + 50 + rng.uniform(0, 30, r["n_ops"])
        r["u65_op_cycles"] = 4e2 * macs + 80 + rng.uniform(0, 30, r["n_ops"])
        r["op_cycles"] = r["u55_op_cycles"]
        r["labels"] = {"u55_latency_ms": float(r["u55_op_cycles"].sum()) / 5e5,
                       "u65_latency_ms": float(r["u65_op_cycles"].sum()) / 1e6,
                       "u55_sram_kib": float(10 + macs.sum())}
        out.append(r)
    return out


def assert_space_deterministic(sampler, n: int = 5, seed: int = 7) -> None:
    """Two runs of a search space's ``sampler`` from one seed draw the same graphs:
    choices, operators and weights."""
    draws = [[sampler(rng) for _ in range(n)]
             for rng in (np.random.default_rng(seed), np.random.default_rng(seed))]
    for (ga, ma), (gb, mb) in zip(*draws, strict=True):
        assert ma == mb and ga.op_types() == gb.op_types()
        wa = [t.data for t in ga.tensors if t.data is not None]
        wb = [t.data for t in gb.tensors if t.data is not None]
        assert all(np.array_equal(x, y) for x, y in zip(wa, wb, strict=True))


def assert_vela_maps_fully(g, platforms=("u55", "u65")) -> None:
    """The float graph ``g``, quantized to int8, runs wholly on the NPU under Vela on
    each of ``platforms``, its per-op cycles summing to Vela's total."""
    import math

    from jaxeff.gnn.int8 import calibrate, quantize_int8
    from jaxeff.gnn.labels import per_op_cycles, run_vela
    from jaxeff.tflite import write_tflite

    q = quantize_int8(g, calibrate(g, samples=1))
    buf = write_tflite(q)
    for platform in platforms:
        v = run_vela(buf, platform)
        assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
        cycles = per_op_cycles(q, v.per_layer, v.original_ops).sum()
        assert math.isclose(cycles, v.cycles)


def run_litert(g, x: np.ndarray) -> list[np.ndarray]:
    """Outputs of the op graph ``g`` run by LiteRT (one thread) on the input ``x``."""
    from ai_edge_litert.interpreter import Interpreter

    from jaxeff.tflite import write_tflite

    it = Interpreter(model_content=write_tflite(g), num_threads=1)
    it.allocate_tensors()
    it.set_tensor(it.get_input_details()[0]["index"], x)
    it.invoke()
    return [it.get_tensor(d["index"]) for d in it.get_output_details()]


def assert_int8_copies_exactly(g, x: np.ndarray, numpy_fn) -> None:
    """Quantize ``g`` (calibrated on ``x``): every output keeps the input's scale and
    zero point, and LiteRT's int8 outputs equal ``numpy_fn`` of the int8 input."""
    from jaxeff.gnn.int8 import calibrate, quantize_int8

    q = quantize_int8(g, calibrate(g, inputs=[[x]]))
    ti = q.tensors[q.inputs[0]]
    for o in q.outputs:
        to = q.tensors[o]
        assert (to.scale[0], to.zero_point[0]) == (ti.scale[0], ti.zero_point[0])
    xq = np.clip(np.round(x / ti.scale[0]) + ti.zero_point[0], -128, 127)
    xq = xq.astype(np.int8)
    for a, n in zip(run_litert(q, xq), numpy_fn(xq), strict=True):
        np.testing.assert_array_equal(a, n)
