"""``ScaleTuneConfig`` rejects negative integer settings by name, and
``equalized_scales`` with real kernels (Pan et al., arXiv 2412.19867 spec §2
"Learnable scales": least squares on logs) returns recentred, finite scales that
depend on the kernels. Written for mutation-testing survivors of issue 26 (fresh
sample, 2026-12-03)."""

import jax
import numpy as np
import pytest

from jaxeff.search.winograd_scales import ScaleTuneConfig, equalized_scales


@pytest.mark.parametrize("kw, name", [({"steps": -1}, "steps must be an int >= 0"),
                                      ({"batch": 0}, "batch must be an int >= 1"),
                                      ({"layers_per_step": -3},
                                       "layers_per_step must be an int >= 1")])
def test_negative_int_settings_are_named(kw, name):
    with pytest.raises(ValueError, match=name):
        ScaleTuneConfig(**kw)


def test_equalized_scales_with_kernels():
    k = {"a": jax.random.normal(jax.random.key(0), (3, 3, 4, 6)),
         "b": 3.0 * jax.random.normal(jax.random.key(1), (3, 3, 4, 6))}
    s = equalized_scales(2, kernels=k)
    lb = np.asarray(s.log_b)
    assert lb.shape == (4,) and np.all(np.isfinite(lb))
    assert abs(lb.mean()) < 1e-6 and np.all(np.asarray(s.log_c) == 0)
    assert not np.allclose(lb, np.asarray(equalized_scales(2).log_b))
