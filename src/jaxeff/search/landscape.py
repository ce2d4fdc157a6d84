"""Loss landscape of one block's quantization scales, and its roughness.

"Jumping through Local Minima: Quantization in the Loss Landscape of Vision
Transformers" (Frumkin, Gope, Marculescu; ICCV 2023; arXiv 2308.10814): its Fig. 1
and §3 show that the quantized ViT's loss is jagged under small perturbations of
the quantization scales (~1e-4 moves top-1 by about ±1%), which is its argument for
evolutionary search over gradient descent. Spec ``evolq.md`` §5 claim 3: sweep one
block's scales along a random direction on a grid of steps and plot the losses.

* :func:`random_directions`: seeded unit-RMS Gaussian directions in scale space
  (optionally relative: coordinate ``j`` times ``|s0_j|``).
* :func:`line_points` / :func:`plane_points`: ``s0 + t d`` on a 1-D grid, and
  ``s0 + a d1 + b d2`` on a 2-D grid (the paper's surface plots).
* :func:`sweep`: evaluate named fitness functions (``[P, d] -> [P]``, e.g.
  :func:`jaxeff.search.fitness.make_fitness` + ``vector_fitness`` with infoNCE,
  MSE, or :class:`Top1` on labelled data) on those points, in fixed-size chunks
  (one compiled shape).
* :func:`line_sweep` / :func:`plane_sweep`: the two studies end to end.
* :func:`roughness`: total variation of the slope per unit step, its scale-free
  ratio, and the count of strict local minima along a line: all exactly 0 on a
  linear (affine) function, positive on a jagged one.

Test accuracy is recorded for the figures only; nothing here chooses anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.types import Key

__all__ = ["LineSweep", "PlaneSweep", "Roughness", "Top1", "line_points",
           "line_sweep", "plane_points", "plane_sweep", "random_directions",
           "roughness", "sweep"]


# ----------------------------------------------------------------------------- roughness


@dataclasses.dataclass(frozen=True)
class Roughness:
    """Roughness of a function sampled on an even grid (see :func:`roughness`).

    Attributes:
      tv: total variation of the finite-difference slope ``Δf/h`` per unit step,
        ``sum_i |f[i+1] - 2 f[i] + f[i-1]| / (h (n - 2))`` (units of ``f`` per unit
        of the grid variable).
      tv_ratio: ``sum |Δ²f| / sum |Δf|`` in ``[0, 2]``, scale-free (0 if ``f`` is
        constant); ``2 (n-2)/(n-1)`` for a zig-zag of ``n`` points.
      minima: strict interior local minima, ``f[i] < f[i-1]`` and ``f[i] < f[i+1]``.
    """

    tv: float
    tv_ratio: float
    minima: int


def roughness(values: np.ndarray | jax.Array, step: float) -> Roughness:
    """Roughness of ``values [n]`` sampled every ``step`` along a line.

    All three measures are exactly 0 for an affine function (``Δ²f = 0``, no
    strict minimum) and positive for a jagged one (arXiv 2308.10814 Fig. 1: the
    jaggedness is what the paper says defeats gradient descent). A smooth bowl gives
    a small ``tv`` (its curvature) and one minimum.

    Args:
      values: 1-D float array, ``n >= 3``, finite.
      step: grid spacing ``h > 0``.

    Raises:
      ValueError naming ``values`` (not 1-D, fewer than 3 points, non-finite) or
      ``step`` (not a finite positive number).
    """
    f = np.asarray(values, dtype=np.float64)
    if f.ndim != 1 or f.size < 3:
        raise ValueError(f"values must be 1-D with at least 3 points, got shape "
                         f"{f.shape}")
    if not np.all(np.isfinite(f)):
        raise ValueError("values must be finite (got nan or inf)")
    if isinstance(step, bool) or not (isinstance(step, (int, float, np.floating))
                                      and 0 < step < np.inf):
        raise ValueError(f"step must be a finite number > 0, got {step!r}")
    d1 = np.diff(f)
    d2 = np.diff(f, 2)
    tv1, tv2 = float(np.sum(np.abs(d1))), float(np.sum(np.abs(d2)))
    minima = int(np.sum((f[1:-1] < f[:-2]) & (f[1:-1] < f[2:])))
    return Roughness(tv=tv2 / (float(step) * (f.size - 2)),
                     tv_ratio=tv2 / tv1 if tv1 > 0 else 0.0, minima=minima)


# ----------------------------------------------------------------------------- points


def _flat(s0: jax.Array, name: str = "s0") -> jax.Array:
    s0 = jnp.asarray(s0)
    if s0.ndim != 1 or s0.size == 0:
        raise ValueError(f"{name} must be a non-empty flat vector [d], got shape "
                         f"{s0.shape}")
    if not jnp.issubdtype(s0.dtype, jnp.floating):
        raise TypeError(f"{name} must be floating, got dtype {s0.dtype}")
    return s0.astype(jnp.float32)


def random_directions(key: Key, s0: jax.Array, n: int, *,
                      relative: bool = True) -> jax.Array:
    """``n`` seeded random directions ``[n, d]`` float32 around scales ``s0 [d]``.

    Each is a standard Gaussian draw rescaled to unit root-mean-square, so a step
    ``t`` moves a scale by ``t`` on average (RMS); if ``relative``, coordinate ``j``
    is then multiplied by ``|s0_j|`` (a step ``t`` is a relative change of ``t``,
    comparable across bit-widths whose scales differ by ``2^Δbits``).
    """
    s0 = _flat(s0)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be an int >= 1, got {n!r}")
    g = jax.random.normal(key, (n, s0.size), jnp.float32)
    g = g / jnp.sqrt(jnp.mean(g * g, axis=1, keepdims=True))
    return g * jnp.abs(s0) if relative else g


def _grid(ts: np.ndarray | jax.Array, name: str = "ts") -> jax.Array:
    t = jnp.asarray(ts, jnp.float32)
    if t.ndim != 1 or t.size < 1 or not bool(jnp.all(jnp.isfinite(t))):
        raise ValueError(f"{name} must be a non-empty finite 1-D grid, got shape "
                         f"{t.shape}")
    return t


def line_points(s0: jax.Array, direction: jax.Array, ts: np.ndarray | jax.Array
                ) -> jax.Array:
    """``s0 + t d`` for every ``t`` in ``ts [m]``: ``[m, d]`` float32."""
    s0 = _flat(s0)
    d = _flat(direction, "direction")
    if d.shape != s0.shape:
        raise ValueError(f"direction must have shape {s0.shape}, got {d.shape}")
    return s0[None] + _grid(ts)[:, None] * d[None]


def plane_points(s0: jax.Array, d1: jax.Array, d2: jax.Array,
                 ts: np.ndarray | jax.Array) -> jax.Array:
    """``s0 + a d1 + b d2`` for ``a, b`` in ``ts [m]``: ``[m*m, d]``, row-major
    (index ``i*m + j`` is ``a = ts[i]``, ``b = ts[j]``)."""
    s0 = _flat(s0)
    d1, d2 = _flat(d1, "d1"), _flat(d2, "d2")
    if d1.shape != s0.shape or d2.shape != s0.shape:
        raise ValueError(f"d1 and d2 must have shape {s0.shape}, got {d1.shape} and "
                         f"{d2.shape}")
    t = _grid(ts)
    a, b = jnp.meshgrid(t, t, indexing="ij")
    return (s0[None] + a.reshape(-1, 1) * d1[None] + b.reshape(-1, 1) * d2[None])


# ----------------------------------------------------------------------------- sweeps


@dataclasses.dataclass(frozen=True)
class Top1:
    """Top-1 accuracy (%) as a block "loss" ``(zq [N, C], onehot [N, C]) -> []``.

    Pass one-hot labels as the ``targets`` of
    :func:`jaxeff.search.fitness.make_fitness` to record the test accuracy along a
    sweep with the same compiled suffix as the losses. Higher is better: use it to
    *record* only (arXiv 2308.10814 Fig. 1 plots it), never as a fitness.
    """

    def __call__(self, zq: jax.Array, onehot: jax.Array) -> jax.Array:
        if zq.ndim != 2 or zq.shape != onehot.shape:
            raise ValueError(f"Top1 needs zq and onehot of the same shape [N, C], got "
                             f"{zq.shape} and {onehot.shape}")
        hit = jnp.argmax(zq, axis=-1) == jnp.argmax(onehot, axis=-1)
        return 100.0 * jnp.mean(hit.astype(jnp.float32))


def sweep(fitnesses: Mapping[str, Callable[[jax.Array], jax.Array]],
          points: jax.Array, *, chunk: int = 16) -> dict[str, np.ndarray]:
    """Every named fitness on every point: ``{name: [M] float64}``.

    ``points [M, d]`` are evaluated in chunks of ``chunk`` (the last one padded by
    repeating its first row, then cut), so each fitness compiles for one shape.
    Deterministic: the same points give the same values.
    """
    pts = jnp.asarray(points, jnp.float32)
    if pts.ndim != 2 or pts.shape[0] == 0:
        raise ValueError(f"points must be [M, d] with M >= 1, got shape {pts.shape}")
    if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
        raise ValueError(f"chunk must be an int >= 1, got {chunk!r}")
    if not fitnesses:
        raise ValueError("fitnesses is empty: pass at least one name -> fitness")
    m = pts.shape[0]
    pad = (-m) % chunk
    if pad:
        pts = jnp.concatenate([pts, jnp.repeat(pts[-1:], pad, axis=0)])
    out = {}
    for name, fit in fitnesses.items():
        vals = [np.asarray(fit(pts[i:i + chunk]), np.float64)
                for i in range(0, pts.shape[0], chunk)]
        out[name] = np.concatenate(vals)[:m]
    return out


@dataclasses.dataclass
class LineSweep:
    """Result of :func:`line_sweep`.

    Attributes:
      ts: ``[m]`` steps; directions: ``[n, d]``; values: ``{name: [n, m]}``;
      rough: ``{name: [Roughness per direction, None where not finite]}``.
    """

    ts: np.ndarray
    directions: np.ndarray
    values: dict[str, np.ndarray]
    rough: dict[str, list[Roughness | None]]


@dataclasses.dataclass
class PlaneSweep:
    """Result of :func:`plane_sweep`: ``ts [m]``, ``values {name: [m, m]}`` (rows:
    first direction)."""

    ts: np.ndarray
    directions: np.ndarray
    values: dict[str, np.ndarray]


def _steps(radius: float, steps: int) -> np.ndarray:
    if not (isinstance(radius, (int, float)) and 0 < radius < np.inf):
        raise ValueError(f"radius must be a finite number > 0, got {radius!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 3:
        raise ValueError(f"steps must be an int >= 3, got {steps!r}")
    return np.linspace(-radius, radius, steps)


def line_sweep(key: Key, fitnesses: Mapping[str, Callable[[jax.Array], jax.Array]],
               s0: jax.Array, *, n_dirs: int, radius: float, steps: int,
               relative: bool = True, chunk: int = 16) -> LineSweep:
    """1-D landscape: ``n_dirs`` random directions, ``steps`` points in
    ``[-radius, radius]`` (arXiv 2308.10814 Fig. 1; spec §5 claim 3).

    Returns the values of every fitness and their :func:`roughness` per direction
    (``None`` for a direction where the fitness is not finite, e.g. a scale crossing
    0: recorded, not fatal after the whole sweep).
    """
    ts = _steps(radius, steps)
    dirs = random_directions(key, s0, n_dirs, relative=relative)
    pts = jnp.concatenate([line_points(s0, d, ts) for d in dirs])
    vals = {k: v.reshape(n_dirs, steps) for k, v in sweep(fitnesses, pts,
                                                          chunk=chunk).items()}
    h = float(ts[1] - ts[0])
    rough = {k: [roughness(row, h) if np.isfinite(row).all() else None for row in v]
             for k, v in vals.items()}
    return LineSweep(ts, np.asarray(dirs), vals, rough)


def plane_sweep(key: Key, fitnesses: Mapping[str, Callable[[jax.Array], jax.Array]],
                s0: jax.Array, *, radius: float, steps: int, relative: bool = True,
                chunk: int = 16) -> PlaneSweep:
    """2-D landscape on the plane of two seeded random directions (the paper's
    surface plots), ``steps x steps`` points in ``[-radius, radius]^2``."""
    ts = _steps(radius, steps)
    d = random_directions(key, s0, 2, relative=relative)
    vals = sweep(fitnesses, plane_points(s0, d[0], d[1], ts), chunk=chunk)
    return PlaneSweep(ts, np.asarray(d),
                      {k: v.reshape(steps, steps) for k, v in vals.items()})
