"""Int8 export of MicroNets (arXiv 2010.11267 Sec. 5): float graph == Flax, TFLM == LiteRT."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.micronets import MicroNet, MicroNetSpec, cost_summary
from jaxeff.nets.micronets_export import export_int8, float_graph, quantize_input

pytest.importorskip("ai_edge_litert")
pytest.importorskip("tflite_micro")

from jaxeff.tflite import litert, read_main, tflm
from jaxeff.tflite.writer import write_tflite

SPEC = MicroNetSpec(input_hw=(49, 10), stem_kernel=(10, 4), stem_channels=12,
                    blocks=((16, 2), (8, 1)), num_classes=10)


@pytest.fixture(scope="module")
def trained():
    model = MicroNet(SPEC, batch_norm=True)
    x = jax.random.normal(jax.random.key(0), (64, 49, 10, 1))
    v = model.init(jax.random.key(1), x)
    # non-trivial BN: a few training-mode passes update the running statistics,
    # and random BN scales / shifts
    step = jax.jit(lambda v, x: model.apply(v, x, train=True, mutable=["batch_stats"])[1])
    for _ in range(3):
        v = {**v, **step(v, x * 1.5 + 0.3)}
    p = jax.tree_util.tree_map_with_path(
        lambda path, a: a * 0.5 + 1.0 if "scale" in str(path[-1]) else a, v["params"])
    v = {**v, "params": p}
    xs = np.asarray(jax.random.normal(jax.random.key(2), (40, 49, 10, 1)), np.float32)
    return model, v, xs


def test_float_graph_equals_flax(trained):
    model, v, xs = trained
    g = float_graph(SPEC, v)
    buf = write_tflite(g)
    ref = np.asarray(model.apply(v, jnp.asarray(xs[:5]))[0])
    got = np.concatenate([litert.run(buf, [x[None]])[0] for x in xs[:5]])
    np.testing.assert_allclose(got, ref, rtol=1e-4, atol=1e-4)


def test_int8_tflm_agrees_with_litert(trained):
    model, v, xs = trained
    buf = export_int8(SPEC, v, xs[:20])
    g = read_main(buf)
    tin = g.tensors[g.inputs[0]]
    tout = g.tensors[g.outputs[0]]
    assert tin.dtype == "int8" and tout.dtype == "int8"
    preds_tflm, preds_lrt, deq, arenas = [], [], [], []
    for x in xs[20:]:
        q = quantize_input(x[None], float(tin.scale[0]), int(tin.zero_point[0]))
        a = tflm.run(buf, [q])
        b = litert.run(buf, [q])[0]
        assert np.abs(a.outputs[0].astype(int) - b.astype(int)).max() <= 1
        preds_tflm.append(int(np.argmax(a.outputs[0])))
        preds_lrt.append(int(np.argmax(b)))
        deq.append((a.outputs[0].astype(np.float32) - tout.zero_point[0]) * tout.scale[0])
        arenas.append(a.arena_bytes)
    agree = np.mean(np.equal(preds_tflm, preds_lrt))
    assert agree >= 0.99
    # int8 stays close to float (held-out inputs, not the calibration ones)
    ref = np.asarray(model.apply(v, jnp.asarray(xs[20:]))[0])
    corr = np.corrcoef(np.concatenate(deq).ravel(), ref.ravel())[0, 1]
    assert corr > 0.98
    # the measured arena holds at least the SpArSe working memory
    assert min(arenas) >= cost_summary(SPEC)["wm"]


def test_export_rejects_bad_calibration(trained):
    _, v, _ = trained
    with pytest.raises(ValueError, match="calib must be"):
        export_int8(SPEC, v, np.zeros((3, 49, 10), np.float32))
