"""Fixtures for the Evol-Q search tests (arXiv 2308.10814).

Tiny setting: ViT "tiny/2" (D 32, depth 2, 2 heads) on random 8x8x1 inputs,
FQ-ViT W4A8 baseline calibrated on 2 batches of 16 (min-max activation observer,
PTF kept, only to keep the fixture fast).
"""

import jax
import pytest

from jaxeff.nets.vit import vit
from jaxeff.ptq import fq_vit

N = 16  # images per batch


@pytest.fixture(scope="session")
def setup():
    model = vit("tiny/2", 10)
    x = jax.random.normal(jax.random.key(0), (4, N, 8, 8, 1))
    variables = model.init(jax.random.key(1), x[0])
    qmodel, qvars = fq_vit(model, variables, list(x[:2]), w_bits=4, observer="minmax")
    return dict(model=qmodel, qvars=qvars, calib=x[:2], sel=x[2:])
