"""Batch-1 LSTM step latency: HMF vs dense, LMF, Kronecker and pruning, one run.

"Rank and run-time aware compression of NLP Applications" (arXiv 2010.03193)
claims HMF runs >2.32x faster than pruning at similar compression because it keeps
dense GEMVs. This times one deployed inference step of an LSTM cell (batch 1:
``g = W_x x + W_h h + b``, gate update) with both gate matrices compressed by the
same factor ``c`` (spec A2 budgets), every variant interleaved in the same loop on
the same inputs, median of ``--repeats``. Synthetic weights, h >= 512 (spec A6:
small GEMVs are overhead-bound). Kernels (spec A6 "name the kernel"):

* JAX (jitted, XLA CPU, 1 thread): dense, LMF, HMF, Kronecker, pruning as a
  dense-masked GEMV, pruning as ``jax.experimental.sparse`` BCOO matvec.
* NumPy/SciPy (host, 1 BLAS thread): dense, HMF (three ``np.dot``), pruning as
  ``scipy.sparse`` CSR matvec.

    python -m benchmarks.bench_hmf                       # h = n = 512, c = 2, 4, 8, 16
    python -m benchmarks.bench_hmf --hidden 1024 --factors 4
"""

from __future__ import annotations

import os

# one thread for XLA and BLAS (spec A5: "jit, 1 thread"); only effective when this
# module is the first to import jax / numpy (python -m benchmarks.bench_hmf).
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false "
                      "intra_op_parallelism_threads=1")
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse  # noqa: E402

from benchmarks._results import append_rows  # noqa: E402
from jaxeff.nets.rnn import cell_update  # noqa: E402
from jaxeff.ops import lowrank as lr  # noqa: E402


def _np_lstm(g: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    i, f, gg, o = np.split(g, 4, -1)
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    c = sig(f) * c + sig(i) * np.tanh(gg)
    return c, sig(o) * np.tanh(c)


def variants(key: jax.Array, hidden: int, n_in: int, factor: float) -> dict[
        str, tuple[Callable, dict]]:
    """name -> (step function, info) for one LSTM cell at compression ``factor``."""
    m = 4 * hidden
    kx, kh, kb, kin = jax.random.split(key, 4)
    x = jax.random.normal(kin, (1, n_in))
    carry = (jnp.zeros((1, hidden)), jnp.ones((1, hidden)) * 0.1)
    bias = 0.1 * jax.random.normal(kb, (m,))
    dense = {"x": lr.init(kx, lr.plan("dense", m, n_in, 1)),
             "h": lr.init(kh, lr.plan("dense", m, hidden, 1))}
    out: dict[str, tuple[Callable, dict]] = {}

    def jax_step(apply_x, apply_h, wx, wh):
        """Weights are jit arguments (not baked-in constants XLA could fold)."""

        @jax.jit
        def step(wx, wh, x, carry):
            return cell_update("lstm", carry, apply_x(wx, x) + bias,
                               apply_h(wh, carry[1]))

        return lambda: jax.block_until_ready(step(wx, wh, x, carry))

    for kind in ("dense", "lmf", "hmf", "kron", "prune"):
        fx = lr.plan(kind, m, n_in, factor, groups=4)
        fh = lr.plan(kind, m, hidden, factor, groups=4)
        (px, mx), (ph, mh) = lr.from_dense(dense["x"]["w"], fx), \
            lr.from_dense(dense["h"]["w"], fh)
        info = {"weights": fx.params + fh.params, "macs": fx.macs + fh.macs,
                "index": fx.index_cost + fh.index_cost}
        name = "prune_masked" if kind == "prune" else kind
        # pruned weights are stored with zeros: "masked" is a dense GEMV on them
        out[name] = (jax_step(lambda p, v, f=fx: lr.apply(p, v, f),
                              lambda p, v, f=fh: lr.apply(p, v, f), px, ph), info)
        if kind == "prune":
            sx = lr.to_sparse(px["w"], mx, nnz=fx.nnz)
            sh = lr.to_sparse(ph["w"], mh, nnz=fh.nnz)
            out["prune_bcoo"] = (jax_step(lr.sparse_apply, lr.sparse_apply, sx, sh),
                                 info)
            cx = scipy.sparse.csr_matrix(np.asarray(px["w"] * mx))
            ch = scipy.sparse.csr_matrix(np.asarray(ph["w"] * mh))
            out["np_prune_csr"] = (_np_step(lambda v: cx @ v, lambda v: ch @ v, x,
                                            carry, bias), info)
        if kind == "hmf":
            d_x, u_x, v_x = (np.asarray(px[k]) for k in ("d", "u", "v"))
            d_h, u_h, v_h = (np.asarray(ph[k]) for k in ("d", "u", "v"))

            def np_hmf(v, d, u, w, f):
                lo = u @ (w @ v)
                return np.concatenate([d.dot(v).reshape(4, -1), lo.reshape(4, -1)],
                                      1).ravel()

            out["np_hmf"] = (_np_step(lambda v: np_hmf(v, d_x, u_x, v_x, fx),
                                      lambda v: np_hmf(v, d_h, u_h, v_h, fh),
                                      x, carry, bias), info)
        if kind == "dense":
            wx, wh = np.asarray(px["w"]), np.asarray(ph["w"])
            out["np_dense"] = (_np_step(lambda v: wx @ v, lambda v: wh @ v, x, carry,
                                        bias), info)
    return out


def _np_step(apply_x, apply_h, x, carry, bias) -> Callable:
    xv, c, h, b = (np.asarray(a, np.float32).ravel() for a in (x, *carry, bias))
    return lambda: _np_lstm(apply_x(xv) + apply_h(h) + b, c)


def time_all(fns: dict[str, Callable], repeats: int, inner: int) -> dict[str, float]:
    """Median seconds per call; variants interleaved in every repeat."""
    for fn in fns.values():
        fn()  # compile / warm up
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeats):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            for _ in range(inner):
                fn()
            times[k].append((time.perf_counter() - t0) / inner)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--input", type=int, default=512)
    p.add_argument("--factors", type=float, nargs="+", default=[2.0, 4.0, 8.0, 16.0])
    p.add_argument("--repeats", type=int, default=30)
    p.add_argument("--inner", type=int, default=20)
    p.add_argument("--out", default="benchmarks/RESULTS.md")
    a = p.parse_args(argv)
    res = {"hidden": a.hidden, "input": a.input, "device": jax.devices()[0].device_kind,
           "host": platform.machine(), "xla_flags": os.environ.get("XLA_FLAGS", ""),
           "factors": {}}
    lines = []
    for factor in a.factors:
        vs = variants(jax.random.key(0), a.hidden, a.input, factor)
        t = time_all({k: v[0] for k, v in vs.items()}, a.repeats, a.inner)
        us = {k: 1e6 * v for k, v in t.items()}
        ratios = {"hmf_vs_dense": t["dense"] / t["hmf"],
                  "hmf_vs_lmf": t["lmf"] / t["hmf"],
                  "hmf_vs_prune_bcoo": t["prune_bcoo"] / t["hmf"],
                  "hmf_vs_prune_masked": t["prune_masked"] / t["hmf"],
                  "hmf_vs_kron": t["kron"] / t["hmf"],
                  "np_hmf_vs_np_csr": t["np_prune_csr"] / t["np_hmf"],
                  "np_hmf_vs_np_dense": t["np_dense"] / t["np_hmf"]}
        res["factors"][f"{factor:g}"] = {"us": us, "ratios": ratios,
                                         "info": {k: v[1] for k, v in vs.items()}}
        lines.append(
            f"| bench_hmf | LSTM h{a.hidden} n{a.input} | c={factor:g}x, batch 1, one "
            f"step | HMF {us['hmf']:.1f} us (NumPy {us['np_hmf']:.1f}) | dense "
            f"{us['dense']:.1f}, LMF {us['lmf']:.1f}, Kron {us['kron']:.1f}, prune "
            f"BCOO {us['prune_bcoo']:.1f} / masked {us['prune_masked']:.1f} us; "
            f"SciPy CSR {us['np_prune_csr']:.1f}, NumPy dense {us['np_dense']:.1f} us | "
            f"**{ratios['hmf_vs_prune_bcoo']:.2f}x** vs BCOO, "
            f"{ratios['np_hmf_vs_np_csr']:.2f}x vs CSR, "
            f"{ratios['hmf_vs_dense']:.2f}x vs dense | {res['device']} |")
        print(lines[-1])
    append_rows(a.out, lines)
    return res


if __name__ == "__main__":
    main()
