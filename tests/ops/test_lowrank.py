"""jaxeff.ops.lowrank: spec A5 formulas, HMF/LMF/Kronecker/pruning facts (arXiv 2010.03193)."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.ops import lowrank as lr

pytestmark = pytest.mark.usefixtures("rbg_keys")  # fast random init on CPU


@pytest.mark.parametrize("m,n,c,b,rl,p,r,params,bound", [
    (256, 256, 4, 16_384, 32, 32, 17, 16_352, 49),
    (1024, 256, 4, 65_536, 51, 128, 28, 65_024, 156),
])
def test_spec_table(m, n, c, b, rl, p, r, params, bound):
    assert lr.budget(m, n, c) == b
    assert lr.lmf_rank(m, n, b) == rl
    assert lr.hmf_split(m, n, b) == (p, r)
    f = lr.plan("hmf", m, n, c)
    assert (f.params, f.rank_bound, f.macs) == (params, bound, params)
    assert lr.plan("lmf", m, n, c).rank_bound == rl
    assert lr.plan("lmf", m, n, c).params == rl * (m + n)


@pytest.mark.parametrize("c", [2, 4, 8, 16])
def test_every_kind_within_budget(c):
    m, n = 512, 128
    b = lr.budget(m, n, c)
    for kind in ("lmf", "hmf", "prune"):
        assert lr.plan(kind, m, n, c, groups=4).params <= b
    assert lr.plan("prune", m, n, c).params == b
    assert lr.plan("prune", m, n, c).index_cost == b + m + 1
    k = lr.plan("kron", m, n, c)
    assert abs(k.params - b) <= 0.01 * b
    assert lr.plan("hmf", m, n, c).rank_bound > lr.plan("lmf", m, n, c).rank_bound


@pytest.mark.parametrize("kind", ["dense", "lmf", "hmf", "kron", "prune"])
def test_apply_matches_materialized(kind):
    f = lr.plan(kind, 48, 24, 4, groups=4)
    params = lr.init(jax.random.key(0), f)
    mask = lr.magnitude_mask(params["w"], 0.75) if kind == "prune" else None
    x = jax.random.normal(jax.random.key(1), (3, 24))
    w = lr.materialize(params, f, mask)
    assert w.shape == (48, 24)
    np.testing.assert_allclose(lr.apply(params, x, f, mask), x @ w.T, atol=1e-5)


def test_kron_vec_identity():
    a = np.random.default_rng(0).normal(size=(3, 4))
    b = np.random.default_rng(1).normal(size=(5, 2))
    x = np.random.default_rng(2).normal(size=(2, 4))  # X [n2, n1], column-major vec
    vec = lambda z: z.T.ravel()  # noqa: E731
    np.testing.assert_allclose(np.kron(a, b) @ vec(x), vec(b @ x @ a.T), atol=1e-12)
    f = lr.Factorization(kind="kron", m=15, n=8, kron=(3, 4, 5, 2))
    xr = x.T.ravel()[None]  # row-major vec of X^T [n1, n2]
    y = lr.apply({"a": jnp.asarray(a, jnp.float32), "b": jnp.asarray(b, jnp.float32)},
                 jnp.asarray(xr, jnp.float32), f)
    np.testing.assert_allclose(y[0], np.kron(a, b) @ xr[0], atol=1e-5)


def test_numerical_rank_at_init():
    for kind, groups in (("hmf", 1), ("hmf", 4), ("lmf", 1)):
        f = lr.plan(kind, 128, 64, 4, groups=groups)
        w = np.asarray(lr.materialize(lr.init(jax.random.key(3), f), f), np.float64)
        sv = np.linalg.svd(w, compute_uv=False)  # float32 factors: relative tol 1e-4
        assert int(np.sum(sv > 1e-4 * sv[0])) == f.rank_bound, (kind, groups)


def test_hmf_full_rank_is_dense():
    # all rows dense: the layer is the dense layer, bit for bit
    w = jax.random.normal(jax.random.key(0), (32, 16))
    x = jax.random.normal(jax.random.key(1), (5, 16))
    f = lr.Factorization(kind="hmf", m=32, n=16, dense_rows=32, rank=0, groups=4)
    params, _ = lr.from_dense(w, f)
    assert jnp.array_equal(lr.apply(params, x, f), x @ w.T)
    assert jnp.array_equal(lr.materialize(params, f), w)
    # p + r = n (full rank) from an SVD of a trained matrix reproduces it (float32)
    f = lr.Factorization(kind="hmf", m=32, n=16, dense_rows=8, rank=16, groups=4)
    params, _ = lr.from_dense(w, f)
    np.testing.assert_allclose(lr.materialize(params, f), w, atol=2e-5)
    np.testing.assert_allclose(lr.apply(params, x, f), x @ w.T, atol=1e-4)


def test_from_dense_truncated_svd_is_optimal():
    w = jax.random.normal(jax.random.key(0), (40, 30))
    s = np.linalg.svd(np.asarray(w), compute_uv=False)
    f = lr.Factorization(kind="lmf", m=40, n=30, rank=5)
    params, _ = lr.from_dense(w, f)
    err = np.linalg.norm(np.asarray(lr.materialize(params, f) - w))
    np.testing.assert_allclose(err, np.sqrt(np.sum(s[5:] ** 2)), rtol=1e-4)
    a, b = jax.random.normal(jax.random.key(1), (4, 6)), jnp.arange(6.0).reshape(2, 3)
    fk = lr.Factorization(kind="kron", m=8, n=18, kron=(4, 6, 2, 3))
    pk, _ = lr.from_dense(jnp.kron(a, b), fk)
    np.testing.assert_allclose(lr.materialize(pk, fk), jnp.kron(a, b), atol=1e-4)


def test_sparse_and_dense_pruning_paths_agree():
    f = lr.plan("prune", 64, 32, 8)
    w = jax.random.normal(jax.random.key(0), (64, 32))
    params, mask = lr.from_dense(w, f)
    assert int(mask.sum()) == f.nnz
    x = jax.random.normal(jax.random.key(1), (2, 7, 32))
    w_sp = lr.to_sparse(params["w"], mask, nnz=f.nnz)
    assert w_sp.nse == f.nnz
    dense = lr.apply(params, x, f, mask)
    np.testing.assert_allclose(jax.jit(lr.sparse_apply)(w_sp, x), dense, atol=1e-5)


def test_pruning_schedule_and_monotone_masks():
    assert float(lr.prune_sparsity(0, final=0.75, begin=10, end=50)) == 0.0
    assert float(lr.prune_sparsity(50, final=0.75, begin=10, end=50)) == 0.75
    assert float(lr.prune_sparsity(99, final=0.75, begin=10, end=50)) == 0.75
    w = jax.random.normal(jax.random.key(0), (16, 16))
    mask = jnp.ones_like(w)
    for t in range(0, 60, 5):
        s = lr.prune_sparsity(t, final=0.75, begin=10, end=50)
        new = lr.magnitude_mask(w * mask, s)
        assert bool(jnp.all(new <= mask))
        mask = new
        w = w + 0.1 * jax.random.normal(jax.random.key(t), w.shape)
    assert int((mask == 0).sum()) == 192


def test_bad_input_errors():
    with pytest.raises(ValueError, match="compression factor"):
        lr.budget(8, 8, 0.5)
    with pytest.raises(ValueError, match="below one rank-1"):
        lr.plan("lmf", 8, 8, 64)
    with pytest.raises(ValueError, match="LMF rank"):
        lr.Factorization(kind="lmf", m=8, n=4, rank=5)
    with pytest.raises(ValueError, match="HMF rank"):
        lr.Factorization(kind="hmf", m=8, n=4, dense_rows=4, rank=5)
    with pytest.raises(ValueError, match="groups"):
        lr.Factorization(kind="hmf", m=8, n=4, dense_rows=3, rank=1, groups=2)
    with pytest.raises(ValueError, match="unknown kind"):
        lr.plan("svd", 8, 8, 2)
    with pytest.raises(ValueError, match="Kronecker shape"):
        lr.Factorization(kind="kron", m=8, n=8, kron=(3, 3, 3, 3))
    with pytest.raises(ValueError, match="features"):
        f = lr.plan("lmf", 8, 8, 2)
        lr.apply(lr.init(jax.random.key(0), f), jnp.ones((1, 7)), f)
    with pytest.raises(ValueError, match="shape"):
        lr.from_dense(jnp.ones((4, 4)), lr.plan("lmf", 8, 8, 2))
    with pytest.raises(ValueError, match="end after"):
        lr.prune_sparsity(0, final=0.5, begin=5, end=5)
