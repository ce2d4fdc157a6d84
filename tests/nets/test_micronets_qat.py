"""Int8 QAT with learned ranges for MicroNets (arXiv 2010.11267 Sec. 5; LSQ arXiv
1902.08153): starts exactly at the post-training export, simulates the int8 model
LiteRT runs, learns every scale, exports the learned ranges."""

from __future__ import annotations

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.micronets import MicroNetSpec
from jaxeff.nets.micronets_export import export_int8, quantize_input
from jaxeff.nets.micronets_qat import QATConfig, export_qat, init_qat, qat_apply
from jaxeff.search.dnas_latency import random_variables

pytest.importorskip("ai_edge_litert")

from jaxeff.tflite import litert, read_main

SPEC = MicroNetSpec(input_hw=(49, 10), stem_kernel=(10, 4), stem_channels=8,
                    blocks=((12, 2), (8, 1)), num_classes=10)


@pytest.fixture(scope="module")
def trained():
    x = np.random.default_rng(0).standard_normal((24, 49, 10, 1)).astype(np.float32)
    v = random_variables(SPEC, np.random.default_rng(1))  # deployed form, no BN
    return v, x, init_qat(SPEC, v, x[:16])


def test_qat_starts_at_the_post_training_export(trained):
    v, x, st = trained
    g0, g1 = read_main(export_int8(SPEC, v, x[:16])), read_main(export_qat(SPEC, st))
    assert len(g0.tensors) == len(g1.tensors)
    for a, b in zip(g0.tensors, g1.tensors):
        if a.scale is not None:
            np.testing.assert_allclose(a.scale, b.scale, rtol=1e-6)
            np.testing.assert_array_equal(a.zero_point, b.zero_point)
        if a.data is not None:
            np.testing.assert_array_equal(a.data, b.data)


def test_fake_quant_model_matches_litert_int8(trained):
    _, x, st = trained
    buf = export_qat(SPEC, st)
    g = read_main(buf)
    tin, tout = g.tensors[g.inputs[0]], g.tensors[g.outputs[0]]
    sim = np.asarray(jax.jit(lambda x: qat_apply(SPEC, st, x))(jnp.asarray(x)))
    out = np.concatenate([
        (litert.run(buf, [quantize_input(xi[None], float(tin.scale[0]),
                                         int(tin.zero_point[0]))])[0].astype(np.float32)
         - tout.zero_point[0]) * tout.scale[0] for xi in x])
    # logits agree to one output step (integer requantization vs float rounding)
    assert np.abs(sim - out).max() <= 1.01 * float(tout.scale[0])
    assert np.array_equal(sim.argmax(1), out.argmax(1))


def test_gradients_reach_every_learned_scale(trained):
    _, x, st = trained
    y = jnp.arange(8) % 10

    def loss(ls):
        logits = qat_apply(SPEC, st, jnp.asarray(x[:8]), log_scales=ls)
        return -jnp.take_along_axis(jax.nn.log_softmax(logits), y[:, None], 1).mean()

    g = jax.jit(jax.grad(loss))(st.log_scales)
    for path, leaf in jax.tree_util.tree_flatten_with_path(g)[0]:
        if path[-1].key != "w":  # weight scales start at their cap (max|w| / 127)
            assert float(jnp.abs(leaf).max()) > 0, path


def test_export_clips_to_a_smaller_learned_weight_scale(trained):
    _, _, st = trained
    k = np.asarray(st.params["stem"]["kernel"])
    cap = np.abs(k).max(axis=(0, 1, 2)) / 127.0
    ls = dict(st.log_scales)
    ls["stem"] = {**ls["stem"], "w": jnp.log(jnp.asarray(cap * 0.5, jnp.float32))}
    g = read_main(export_qat(SPEC, dataclasses.replace(st, log_scales=ls)))
    w = g.tensors[g.ops[0].inputs[1]]
    np.testing.assert_allclose(w.scale, cap * 0.5, rtol=1e-5)
    assert np.abs(w.data.astype(int)).max() == 127  # clipped weights hit the grid end


def test_bad_config():
    with pytest.raises(ValueError, match="QAT config"):
        QATConfig(epochs=0)
