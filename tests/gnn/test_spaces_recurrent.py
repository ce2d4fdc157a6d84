"""Issue 22 item 3: the unrolled GRU cell (``NetBuilder.gru``, Keras ``reset_after``
form) and the ``recurrent`` space (``jaxeff.gnn.spaces_recurrent``)."""

import collections
import math

import numpy as np
import pytest
from ai_edge_litert.interpreter import Interpreter

from jaxeff.gnn import spaces
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import FEATURE_COLUMNS, node_features
from jaxeff.gnn.int8 import calibrate, quantize_int8
from jaxeff.gnn.labels import per_op_cycles, run_vela
from jaxeff.gnn.reference import reference
from jaxeff.gnn.spaces_recurrent import MAX_STEPS, recurrent
from jaxeff.tflite import write_tflite
from jaxeff.tflite.vela import vela_available

T, F, H = 5, 7, 6
COL = {c: i for i, c in enumerate(FEATURE_COLUMNS)}


def _sigmoid(v):
    return 1 / (1 + np.exp(-v))


def _numpy_gru(x, w, u, bx, bh, h, *, swap_zr=False, reset_after=True):
    """Keras GRU, gates z, r, n: ``h' = z h + (1 - z) n``; every step's h [T, H].
    ``swap_zr`` / ``reset_after=False``: the wrong variants the graph must not match."""
    out = []
    for xt in x[0]:
        gx, gh = xt @ w.T + bx, h @ u.T + bh
        z = _sigmoid(gx[:H] + gh[:H])
        r = _sigmoid(gx[H:2 * H] + gh[H:2 * H])
        if swap_zr:
            z, r = r, z
        if reset_after:
            n = np.tanh(gx[2 * H:] + r * gh[2 * H:])
        else:
            n = np.tanh(gx[2 * H:] + (r * h) @ u[2 * H:].T + bh[2 * H:])
        h = z * h + (1 - z) * n
        out.append(h)
    return np.stack(out)


def _cell(state, steps="split"):
    """One GRU layer on [1, T, F] returning every step; its weights and inputs."""
    b = NetBuilder(np.random.default_rng(0))
    x = b.input((1, T, F))
    h0 = b.input((1, H)) if state == "input" else None
    g = b.finish(b.gru(x, H, True, h0=h0, steps=steps))
    fcs = [op.inputs for op in g.ops if op.type == "FULLY_CONNECTED"]
    by_in = {g.tensors[i[1]].shape[1]: (g.tensors[i[1]].data, g.tensors[i[2]].data)
             for i in fcs}
    rng = np.random.default_rng(1)
    xs = [rng.standard_normal((1, T, F)).astype(np.float32)]
    if state == "input":
        xs.append(np.tanh(rng.standard_normal((1, H))).astype(np.float32))
    return g, by_in[F], by_in[H], xs


def _run(g, xs):
    it = Interpreter(model_content=write_tflite(g), num_threads=1)
    it.allocate_tensors()
    for d, v in zip(it.get_input_details(), xs, strict=True):
        it.set_tensor(d["index"], v)
    it.invoke()
    return [it.get_tensor(d["index"]) for d in it.get_output_details()]


@pytest.mark.parametrize("state,steps", [("input", "split"), ("zero", "slice")])
def test_gru_float_and_int8_match_a_numpy_gru(state, steps):
    g, (w, bx), (u, bh), xs = _cell(state, steps)
    h0 = xs[1][0] if state == "input" else np.zeros(H)
    want = _numpy_gru(xs[0].astype(np.float64), w, u, bx, bh, h0.astype(np.float64))
    got = np.stack([o[0] for o in _run(g, xs)])
    np.testing.assert_allclose(got, want, atol=1e-5)  # float32 LiteRT
    ref = np.stack([np.asarray(r)[0] for r in reference(g, xs)])
    np.testing.assert_allclose(ref, want, atol=1e-5)  # the JAX reference
    for wrong in ({"swap_zr": True}, {"reset_after": False}):  # the test discriminates
        bad = _numpy_gru(xs[0].astype(np.float64), w, u, bx, bh, h0, **wrong)
        assert np.abs(bad - want).max() > 0.05
    q = quantize_int8(g, calibrate(g, inputs=[xs]))
    qx = []
    for i, v in zip(q.inputs, xs, strict=True):
        t = q.tensors[i]
        qx.append(np.clip(np.round(v / t.scale[0]) + t.zero_point[0], -128, 127)
                  .astype(np.int8))
    for o, a, r in zip(q.outputs, _run(q, qx), want, strict=True):
        t = q.tensors[o]
        err = np.abs((a[0].astype(np.float64) - t.zero_point[0]) * t.scale[0] - r)
        # golden tier, in TANH output steps (1/128, n's code): ~14 int8 ops per step,
        # the error carried through the state; measured per step max 0.6-2.4 /
        # median 0.14-0.78 steps (< the 6.4 steps between right and wrong cells)
        assert err.max() <= 3 / 128 and np.median(err) <= 1 / 128


def test_gru_ops_and_macs_by_hand():
    per_step = {"FULLY_CONNECTED": 2, "SPLIT": 2, "ADD": 4, "LOGISTIC": 2, "TANH": 1,
                "MUL": 2, "SUB": 1}
    for state, folded in (("input", 0), ("zero", 1)):
        g, *_ = _cell(state)
        want = collections.Counter({k: T * v for k, v in per_step.items()})
        want["SPLIT"] += 1  # the time axis
        # zero state: step 0 has no recurrent FC / SPLIT and h_1 = n - z n (no ADD)
        want.subtract({"FULLY_CONNECTED": folded, "SPLIT": folded, "ADD": folded})
        assert collections.Counter(g.op_types()) == want
        x = node_features(g)[0][: len(g.ops)]
        fc = [k for k, op in enumerate(g.ops) if op.type == "FULLY_CONNECTED"]
        macs = np.rint(np.expm1(x[fc, COL["log_macs"]].astype(np.float64))).sum()
        assert macs == T * 3 * H * (F + H) - folded * 3 * H * H
        assert not np.expm1(np.delete(x[:, COL["log_macs"]], fc)).any()
    # the two FCs' weights and biases are shared by the steps (one input node each)
    g, *_ = _cell("input")
    assert len({op.inputs[1:] for op in g.ops if op.type == "FULLY_CONNECTED"}) == 2


def test_recurrent_space_is_seeded_bounded_and_varied():
    a = spaces.sample("recurrent", np.random.default_rng(5))
    b = spaces.sample("recurrent", np.random.default_rng(5))
    assert write_tflite(a.graph) == write_tflite(b.graph) and a.meta == b.meta
    rng = np.random.default_rng(0)
    seen = collections.defaultdict(set)
    for _ in range(120):
        g, m = recurrent(rng)
        assert spaces.num_nodes(g) <= 200 and m["steps"] * m["layers"] <= max(
            MAX_STEPS, m["steps"])
        for k in ("kind", "layers", "state", "step_op", "steps"):
            seen[k].add(m[k])
        fcs = [op for op in g.ops if op.type == "FULLY_CONNECTED"]
        assert len(fcs) >= 2 * m["steps"] * m["layers"] - m["layers"] + 1
        if m["kind"] == "crnn":
            assert g.ops[0].type == "CONV_2D" and g.ops[1].type == "RESHAPE"
            assert g.tensors[g.ops[1].outputs[0]].shape[1] == m["steps"]
        assert len(g.inputs) == 1 + (m["layers"] if m["state"] == "input" else 0)
    assert seen["kind"] == {"gru", "crnn"} and seen["layers"] == {1, 2}
    assert seen["state"] == {"zero", "input"} and seen["step_op"] == {"split", "slice"}
    assert seen["steps"] == {4, 5, 6, 8, 10}


def _draw(kind, layers):
    rng = np.random.default_rng(2)
    for _ in range(200):
        g, m = recurrent(rng)
        if m["kind"] == kind and m["layers"] == layers:
            return g
    raise AssertionError((kind, layers))


@pytest.mark.skipif(not vela_available(), reason="ethos-u-vela not installed")
@pytest.mark.parametrize("kind,layers", [("gru", 2), ("crnn", 1)])
def test_vela_maps_recurrent_graphs_to_the_npu(kind, layers):
    g = _draw(kind, layers)
    q = quantize_int8(g, calibrate(g, samples=1))
    v = run_vela(write_tflite(q), "u55")
    assert v.cpu_ops == 0 and {r[1] for r in v.per_layer} == {"NPU"}
    assert math.isclose(per_op_cycles(q, v.per_layer, v.original_ops).sum(), v.cycles)
