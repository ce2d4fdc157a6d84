"""RAN-i and NN-Mass (arXiv 2208.08562 / 1910.00780, spec micronets_ran.md §B2, §B5)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import pytest

from jaxeff.nets.ran import count_macs, count_params
from jaxeff.nets.ran_i import (
    CONVNEXT,
    CONVNEXT_CIFAR,
    RAN_I,
    ConvNeXt,
    choose_multipliers,
    convnext_cost,
    nn_mass_cell,
    nn_mass_convnext,
    nn_mass_inverted_residual,
    nn_mass_resnet_basic,
    ran_i_layout,
)


def test_nn_mass_worked_examples():
    rho, mass = nn_mass_cell(8, 8, 10)
    assert rho == pytest.approx(58 / 168, rel=1e-12)
    assert round(mass, 3) == 22.095
    assert nn_mass_inverted_residual(24, 144) == pytest.approx(39.0, rel=1e-12)
    assert nn_mass_inverted_residual(24, 144, residual=False) == 0.0
    assert nn_mass_resnet_basic(64, 128) == 192
    assert nn_mass_cell(8, 2, 10) == (0.0, 0.0)  # no layer with L >= 2
    with pytest.raises(ValueError, match="w >= 1"):
        nn_mass_cell(0, 8, 10)


# spec §B5 table: GMACs, Mparams, NN-Mass
TABLE = {
    ("ConvNeXt", "T"): (4.46, 28.6, 13_248), ("ConvNeXt", "S"): (8.68, 50.2, 27_072),
    ("ConvNeXt", "B"): (15.35, 88.6, 36_096), ("RAN-i", "T"): (3.28, 20.8, 14_710),
    ("RAN-i", "S"): (4.58, 28.9, 17_420), ("RAN-i", "B"): (8.43, 52.9, 28_154),
}


@pytest.mark.parametrize("family,size", list(TABLE))
def test_ran_i_table(family, size):
    layout = CONVNEXT[size] if family == "ConvNeXt" else ran_i_layout(*RAN_I[size])
    macs, params = convnext_cost(*layout)
    g, p, mass = TABLE[(family, size)]
    assert round(macs / 1e9, 2) == g
    assert round(params / 1e6, 1) == p
    assert nn_mass_convnext(*layout) == mass


def test_ran_i_layouts_python_round():
    assert ran_i_layout(*RAN_I["T"]) == ((5, 5, 15, 5), (64, 128, 256, 511))
    assert ran_i_layout(*RAN_I["S"]) == ((5, 5, 15, 5), (76, 151, 303, 606))
    assert ran_i_layout(*RAN_I["B"]) == ((7, 7, 21, 7), (87, 175, 350, 699))
    assert ran_i_layout(0.5, 0.5, ((5,), (3,))) == ((2,), (2,))  # half to even


def test_flax_convnext_matches_cost_formula():
    for layout, res, patch, ncls in [(CONVNEXT["T"], 224, 4, 1000),
                                     (CONVNEXT_CIFAR, 32, 2, 10),
                                     (ran_i_layout(0.666, 1.65, CONVNEXT_CIFAR), 32, 2,
                                      10)]:
        m = ConvNeXt(*layout, num_classes=ncls, patch=patch)
        x = jnp.zeros((1, res, res, 3))
        v = jax.eval_shape(m.init, jax.random.key(0), x)
        assert (count_macs(m.apply, v, x), count_params(v["params"])) == convnext_cost(
            *layout, res=res, num_classes=ncls, patch=patch)


def test_cifar_convnext_runs_with_drop_path():
    m = ConvNeXt((1, 1), (8, 16), num_classes=10, patch=2, drop_path=0.5)
    x = jax.random.normal(jax.random.key(0), (2, 8, 8, 3))
    v = jax.jit(m.init)(jax.random.key(1), x)
    y, aux = jax.jit(lambda v, x: m.apply(v, x, train=True, rngs={
        "dropout": jax.random.key(2)}))(v, x)
    assert y.shape == (2, 10) and int(aux["nn_mass"]) == 2 * 8 + 2 * 16
    with pytest.raises(ValueError, match="argument x"):
        m.apply(v, x[..., :1])


def test_choose_multipliers():
    wms = [round(0.5 + 0.001 * i, 3) for i in range(501)]
    dms = [1.65]
    c = choose_multipliers(nn_mass_convnext(*CONVNEXT["T"]), wms, dms)
    # the minimum-MAC point meets the constraint, and one grid step narrower fails it
    assert c.nn_mass >= 13_248
    assert c.macs < convnext_cost(*ran_i_layout(*RAN_I["T"]))[0]
    narrower = ran_i_layout(round(c.wm - 0.001, 3), c.dm)
    assert nn_mass_convnext(*narrower) < 13_248
    # the published S does not reach ConvNeXt-S's NN-Mass at dm 1.65 (documented)
    with pytest.raises(ValueError, match="no \\(wm, dm\\)"):
        choose_multipliers(nn_mass_convnext(*CONVNEXT["S"]), wms, dms)
