"""``make_fitness`` / ``as_loss`` (Evol-Q block fitness, arXiv 2308.10814 spec §2)
reject bad inputs with errors that name them before any compile, and a one-device
``"pop"`` mesh gives the same fitness as no mesh. Written for mutation-testing
survivors of issue 26 (2026-12-03)."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from flax.traverse_util import flatten_dict
from jax.sharding import Mesh

from jaxeff.ops.losses import LOSSES
from jaxeff.search.fitness import FullForward, ViTBlocks, as_loss, make_fitness


def test_unknown_loss_lists_the_choices():
    with pytest.raises(ValueError, match="^unknown loss 'nope'; choose from "
                       + re.escape(str(list(LOSSES))) + "$"):
        as_loss("nope")


@pytest.mark.parametrize("targets", [(3, 4, 10), (2, 5, 10)])
def test_batches_and_targets_must_agree_on_batches_and_n(targets):
    with pytest.raises(ValueError, match=r"batches \[n_batches, N, \.\.\.\] and targets "
                       r"\[n_batches, N, C\] disagree"):
        make_fitness(FullForward(None, 1), {"quant": {}}, jnp.zeros((2, 4, 3)),
                     jnp.zeros(targets), 0)


def test_one_device_pop_mesh_equals_no_mesh(setup):
    qv = setup["qvars"]
    ad = ViTBlocks(setup["model"])
    tg = jnp.zeros(setup["calib"].shape[:2] + (10,)).at[..., 0].set(1.0)
    flat = flatten_dict(qv["quant"], sep="/")
    p = "blocks_1/attn/qkv/w_scale"
    pop = {p: jnp.stack([flat[p], 1.01 * flat[p], 0.99 * flat[p]])}
    plain = make_fitness(ad, qv, setup["calib"], tg, 1, "mse")(pop)
    mesh = Mesh(np.array(jax.devices()[:1]), ("pop",))
    meshed = make_fitness(ad, qv, setup["calib"], tg, 1, "mse", mesh=mesh)(pop)
    np.testing.assert_allclose(np.asarray(meshed), np.asarray(plain), rtol=1e-6)


def test_chunked_population_equals_vmap_and_checks_chunk(setup):
    """make_fitness(chunk=c): the same fitness in chunks of c (3 = 2 + a padded 1)."""
    qv = setup["qvars"]
    ad = ViTBlocks(setup["model"])
    tg = jnp.zeros(setup["calib"].shape[:2] + (10,)).at[..., 0].set(1.0)
    flat = flatten_dict(qv["quant"], sep="/")
    p = "blocks_1/attn/qkv/w_scale"
    pop = {p: jnp.stack([flat[p], 1.5 * flat[p], 0.5 * flat[p]])}
    plain = np.asarray(make_fitness(ad, qv, setup["calib"], tg, 1, "mse")(pop))
    chunked = np.asarray(make_fitness(ad, qv, setup["calib"], tg, 1, "mse", chunk=2)(pop))
    np.testing.assert_allclose(chunked, plain, rtol=1e-5)
    assert len(set(plain.round(6).tolist())) == 3  # the candidates differ
    for bad in (0, 1.5, True):
        with pytest.raises(ValueError, match="chunk must be"):
            make_fitness(ad, qv, setup["calib"], tg, 1, "mse", chunk=bad)
