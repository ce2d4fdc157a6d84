"""Observers: calibration data -> ``QParams`` (pure functions).

* Min-max and percentile ranges, affine parameters of FQ-ViT ("FQ-ViT: Post-Training
  Quantization for Fully Quantized Vision Transformer", arXiv 2111.13824, Eq. 1) as
  used by Evol-Q (arXiv 2308.10814, spec §2): ``s = (hi - lo)/(qmax - qmin)``,
  ``z = clip(qmin - round(lo/s), qmin, qmax)``.
* OMSE: of the clipped ranges ``(1 - 0.01 i) [lo, hi]``, ``i = 0..89``, keep the one
  with the lowest mean squared error, after "Low-bit Quantization of Neural Networks
  for Efficient Inference" (OMSE, Choukroun et al., arXiv 1902.06822) and LAPQ's
  Lp-norm search (arXiv 1911.07190), as in FQ-ViT's ``OmseObserver``.
  ``observe_mse`` is the same search on a finer grid with any ``p``.
* PTF, the power-of-two factor of FQ-ViT §3.2 (Eq. 5-6) for LayerNorm inputs.
* Bias correction of "Post-training 4-bit quantization of convolution networks for
  rapid-deployment" (Banner et al., arXiv 1810.05723, §4.3): per output channel,
  match the mean and (unbiased) std of the quantized weights to the float ones.

Statistics are taken per parameter element of ``spec.param_shape(x.shape)``: the
whole tensor, each channel, or each group (x channel). Differences from the
reference code, each an option: ``include_zero=True`` widens ``[lo, hi]`` to contain
0 (FQ-ViT/Evol-Q do not; pass ``include_zero=False`` to match them); symmetric
scales divide by ``2^(b-1)-1`` (FQ-ViT divides by ``(qmax-qmin)/2``); a per-channel
OMSE picks the clip ratio per channel (FQ-ViT shares one ratio across channels).

Bad input raises an error naming the argument: non-float or empty data, a ``spec``
that is not a :class:`QuantSpec`, range arrays (``lo`` / ``hi``) whose shape does not
broadcast to ``spec.param_shape(x.shape)``, out-of-range options (``pct``,
``num_steps``, ``p``, ``eps``, ``bits``), and, for concrete (not traced) values,
non-finite data or ``lo > hi``.
"""

from __future__ import annotations

import dataclasses
import functools

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.ops.quant import QParams, QuantSpec, _concrete, fake_quant

__all__ = [
    "bias_correct",
    "minmax_qparams",
    "observe_minmax",
    "observe_mse",
    "observe_omse",
    "observe_percentile",
    "ptf_params",
    "reduce_minmax",
]

_OMSE_RATIOS = 1.0 - 0.01 * np.arange(90)


def _check_float(x: jax.Array, name: str = "x") -> None:
    """Calibration data: floating, non-empty, finite where the values are concrete."""
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"calibration data {name} must be floating, got dtype {x.dtype}")
    if x.size == 0:
        raise ValueError(f"calibration data {name} is empty (shape {x.shape})")
    v = _concrete(x)
    if v is not None and not np.all(np.isfinite(v)):
        raise ValueError(f"calibration data {name} holds {int(np.sum(~np.isfinite(v)))} "
                         "NaN / inf value(s)")


def _check_spec(spec: QuantSpec) -> None:
    if not isinstance(spec, QuantSpec):
        raise TypeError(f"spec must be a QuantSpec, got {type(spec).__name__}")


def _check_positive(v: float, name: str) -> None:
    if isinstance(v, bool) or not isinstance(v, (int, float, np.floating, np.integer)) \
            or not np.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {v!r}")


def _check_bounds(lo: jax.Array, hi: jax.Array, ps: tuple[int, ...] | None) -> None:
    """``lo`` / ``hi``: real, broadcastable to ``ps`` (if given), and concrete
    values finite with ``lo <= hi``."""
    for name, a in (("lo", lo), ("hi", hi)):
        if a.dtype == jnp.bool_ or not (jnp.issubdtype(a.dtype, jnp.floating)
                                        or jnp.issubdtype(a.dtype, jnp.integer)):
            raise TypeError(f"{name} must be a real array, got dtype {a.dtype}")
        if ps is not None:
            try:
                ok = np.broadcast_shapes(a.shape, ps) == tuple(ps)
            except ValueError:
                ok = False
            if not ok:
                raise ValueError(f"{name} shape {a.shape} does not broadcast to "
                                 f"spec.param_shape(x.shape)={ps}")
    cl, ch = _concrete(lo), _concrete(hi)
    for name, v in (("lo", cl), ("hi", ch)):
        if v is not None and not np.all(np.isfinite(v)):
            raise ValueError(f"{name} must be finite, got {v!r}")
    if cl is not None and ch is not None:
        try:
            bad = np.any(cl > ch)
        except ValueError:  # shapes that do not broadcast together
            raise ValueError(f"lo shape {cl.shape} and hi shape {ch.shape} do not "
                             "broadcast together") from None
        if bad:
            raise ValueError(f"lo must be <= hi, got lo={cl!r}, hi={ch!r}")


def _to_rows(x: jax.Array, spec: QuantSpec) -> jax.Array:
    xb = x.reshape(spec.block_shape(x.shape))
    red = spec.reduce_axes(x.shape)
    keep = tuple(i for i in range(xb.ndim) if i not in red)
    p = int(np.prod([xb.shape[i] for i in keep]))
    return jnp.transpose(xb, keep + red).reshape(p, -1)


def _param_col(v, spec: QuantSpec, shape) -> jax.Array:
    """Parameter-shaped (or broadcastable) ``v`` as a ``[P, 1]`` column."""
    ps = spec.param_shape(shape)
    v = jnp.asarray(v, jnp.float32)
    return jnp.broadcast_to(v, ps).reshape(-1, 1)


def _row_spec(spec: QuantSpec) -> QuantSpec:
    return dataclasses.replace(
        spec, granularity="channel", axis=0, group_size=None, channel_axis=None
    )


def reduce_minmax(x: jax.Array, spec: QuantSpec) -> tuple[jax.Array, jax.Array]:
    """Min and max of ``x`` per parameter element, each ``[param_shape]``."""
    _check_spec(spec)
    x = jnp.asarray(x)
    _check_float(x)
    rows = _to_rows(x, spec)
    ps = spec.param_shape(x.shape)
    return rows.min(axis=1).reshape(ps), rows.max(axis=1).reshape(ps)


def minmax_qparams(
    lo, hi, spec: QuantSpec, eps: float = 1e-8, *, include_zero: bool = True
) -> QParams:
    """Affine (or symmetric) parameters covering ``[lo, hi]``; scale >= ``eps``.

    Asymmetric: ``s = (hi - lo)/(qmax - qmin)``, ``z = clip(qmin - round(lo/s))``
    (unsigned: ``z = clip(-round(lo/s), 0, 2^b-1)``). Symmetric:
    ``s = max(|lo|, |hi|)/(2^(b-1)-1)`` if signed else ``/(2^b-1)``, ``z = 0``.
    With ``include_zero`` the range is first widened to contain 0.

    Args:
      lo, hi: range bounds, real arrays of one shape (or broadcastable), finite,
        ``lo <= hi``.
      spec: quantizer settings; ``eps``: the smallest scale, > 0.

    Returns:
      ``QParams`` float32 of the broadcast shape of ``lo`` and ``hi``.
    """
    _check_spec(spec)
    _check_positive(eps, "eps")
    lo, hi = jnp.asarray(lo), jnp.asarray(hi)
    _check_bounds(lo, hi, None)
    lo, hi = lo.astype(jnp.float32), hi.astype(jnp.float32)
    if include_zero:
        lo, hi = jnp.minimum(lo, 0.0), jnp.maximum(hi, 0.0)
    if spec.symmetric:
        qabs = 2 ** (spec.bits - 1) - 1 if spec.signed else 2**spec.bits - 1
        s = jnp.maximum(jnp.maximum(jnp.abs(lo), jnp.abs(hi)) / qabs, eps)
        return QParams(scale=s, zero_point=jnp.zeros_like(s))
    s = jnp.maximum((hi - lo) / float(spec.qmax - spec.qmin), eps)
    z = jnp.clip(spec.qmin - jnp.round(lo / s), spec.qmin, spec.qmax)
    return QParams(scale=s, zero_point=z)


def observe_minmax(x: jax.Array, spec: QuantSpec, *, include_zero: bool = True):
    """Min-max ``QParams`` of ``x`` (``[param_shape]`` float32)."""
    lo, hi = reduce_minmax(x, spec)
    return minmax_qparams(lo, hi, spec, include_zero=include_zero)


def observe_percentile(x: jax.Array, spec: QuantSpec, pct: float = 99.99) -> QParams:
    """Range ``[percentile(100 - pct), percentile(pct)]`` (linear interpolation).

    ``pct`` in ``[50, 100]``; ``x`` floating, any shape; ``QParams [param_shape]``.
    """
    _check_spec(spec)
    if isinstance(pct, bool) or not isinstance(pct, (int, float, np.number)) or not (
            50 <= pct <= 100):
        raise ValueError(f"pct must be a number in [50, 100], got {pct!r}")
    x = jnp.asarray(x)
    _check_float(x)
    rows = _to_rows(x, spec).astype(jnp.float32)
    lo, hi = jnp.percentile(rows, jnp.array([100.0 - pct, pct]), axis=1)
    ps = spec.param_shape(x.shape)
    return minmax_qparams(lo.reshape(ps), hi.reshape(ps), spec)


def _search(rows, lo, hi, ratios, spec, p, include_zero):
    """Per row, the ratio r of ``ratios`` minimizing mean |fq(x; r[lo,hi]) - x|^p.

    Ties keep the earlier ratio. Returns ``(QParams [P, 1], err [P, 1])``.
    """
    rspec = _row_spec(spec)

    def err(r):
        qp = minmax_qparams(lo * r, hi * r, spec, include_zero=include_zero)
        xh = fake_quant(rows, qp.scale, qp.zero_point, rspec)
        e = jnp.mean(jnp.abs(xh - rows) ** p, axis=1, keepdims=True)
        return qp, e

    def step(carry, r):
        qp, e = err(r)
        best_qp, best_e = carry
        better = e < best_e
        pick = functools.partial(jnp.where, better)
        return (jax.tree.map(pick, qp, best_qp), jnp.where(better, e, best_e)), None

    ratios = jnp.asarray(ratios, jnp.float32)
    (qp, e), _ = jax.lax.scan(step, err(ratios[0]), ratios[1:])
    return qp, e


def _check_search(x, spec, lo, hi) -> jax.Array:
    """Eager argument checks of the (jitted) search observers; returns ``x``."""
    _check_spec(spec)
    x = jnp.asarray(x)
    _check_float(x)
    if lo is not None or hi is not None:  # a missing bound defaults to x's
        _check_bounds(jnp.asarray(x.min() if lo is None else lo),
                      jnp.asarray(x.max() if hi is None else hi),
                      spec.param_shape(x.shape))
    return x


def _observe_search(x, spec, lo, hi, ratios, p, include_zero) -> QParams:
    rows = _to_rows(x, spec).astype(jnp.float32)
    if lo is None or hi is None:
        lo0, hi0 = rows.min(axis=1, keepdims=True), rows.max(axis=1, keepdims=True)
        lo = lo0 if lo is None else _param_col(lo, spec, x.shape)
        hi = hi0 if hi is None else _param_col(hi, spec, x.shape)
    else:
        lo, hi = _param_col(lo, spec, x.shape), _param_col(hi, spec, x.shape)
    qp, _ = _search(rows, lo, hi, ratios, spec, p, include_zero)
    ps = spec.param_shape(x.shape)
    return QParams(scale=qp.scale.reshape(ps), zero_point=qp.zero_point.reshape(ps))


@functools.partial(jax.jit, static_argnames=("spec", "num_steps", "p"))
def _observe_mse(x, spec, num_steps, p) -> QParams:
    ratios = 1.0 - np.arange(num_steps) / num_steps
    return _observe_search(x, spec, None, None, ratios, p, True)


def observe_mse(
    x: jax.Array, spec: QuantSpec, num_steps: int = 100, p: float = 2.0
) -> QParams:
    """Grid search of the clip ratio ``r = 1 - i/num_steps`` (i = 0..num_steps-1)
    for the lowest mean ``|x_hat - x|^p`` per parameter element (r = 1 is min-max).

    ``x`` floating, any shape; ``num_steps`` a positive int; ``p`` > 0. Returns
    ``QParams [param_shape]`` float32. Jitted (compiled per spec / num_steps / p).
    """
    x = _check_search(x, spec, None, None)
    if isinstance(num_steps, bool) or not isinstance(num_steps, int) or num_steps < 1:
        raise ValueError(f"num_steps must be a positive int, got {num_steps!r}")
    _check_positive(p, "p")
    return _observe_mse(x, spec, num_steps, float(p))


@functools.partial(jax.jit, static_argnames=("spec", "include_zero"))
def _observe_omse(x, spec, lo, hi, include_zero) -> QParams:
    return _observe_search(x, spec, lo, hi, _OMSE_RATIOS, 2.0, include_zero)


def observe_omse(
    x: jax.Array, spec: QuantSpec, lo=None, hi=None, *, include_zero: bool = True
) -> QParams:
    """OMSE (FQ-ViT/Evol-Q): the best of ``(1 - 0.01 i)[lo, hi]``, i = 0..89, by MSE.

    Args:
      x: the batch the candidates are scored on (Evol-Q: the last calibration batch).
      spec: quantizer settings; any granularity (the choice is per parameter).
      lo, hi: ranges ``[param_shape]`` (e.g. running min/max over all calibration
        batches); default: the min/max of ``x``.

    i = 0 is min-max, so the chosen MSE on ``x`` never exceeds min-max's.
    Returns ``QParams [param_shape]`` float32; jitted.
    """
    x = _check_search(x, spec, lo, hi)
    return _observe_omse(x, spec, lo, hi, bool(include_zero))


def ptf_params(
    x: jax.Array,
    lo=None,
    hi=None,
    bits: int = 8,
    channel_axis: int = -1,
    eps: float = 1e-8,
) -> tuple[QParams, jax.Array]:
    """FQ-ViT power-of-two factor (PTF) for a LayerNorm input ``x [..., C]``.

    ``s8 = (max_t - min_t)/(2^b - 1)`` with ``min_t = min(lo)``, ``max_t = max(hi)``
    over all channels (default: of ``x``); one shared
    ``z = clip(-round(min_t/s8), 0, 2^b - 1)``; channel ``c`` gets
    ``s_c = (s8/8) 2^alpha_c`` with ``alpha_c in {0,1,2,3}`` of lowest MSE on ``x``
    (ties -> smaller alpha).

    Returns:
      ``(QParams(scale [param_shape] float32, zero_point [] float32), alpha [C]
      int32)``; use them with
      ``QuantSpec(bits=bits, granularity="channel", axis=channel_axis)``.
    """
    _check_positive(eps, "eps")
    x = jnp.asarray(x)
    _check_float(x)
    if x.ndim < 1:
        raise ValueError(f"ptf_params needs x [..., C], got a scalar of shape {x.shape}")
    spec = QuantSpec(bits=bits, granularity="channel", axis=channel_axis)
    ps = spec.param_shape(x.shape)
    if lo is not None or hi is not None:
        _check_bounds(jnp.asarray(x.min() if lo is None else lo),
                      jnp.asarray(x.max() if hi is None else hi), None)
    rows = _to_rows(x, spec).astype(jnp.float32)  # [C, M]
    lo_t = jnp.min(jnp.asarray(lo, jnp.float32)) if lo is not None else rows.min()
    hi_t = jnp.max(jnp.asarray(hi, jnp.float32)) if hi is not None else rows.max()
    s8 = jnp.maximum((hi_t - lo_t) / float(spec.qmax - spec.qmin), eps)
    z = jnp.clip(spec.qmin - jnp.round(lo_t / s8), spec.qmin, spec.qmax)
    s1 = s8 / 8.0
    tspec = QuantSpec(bits=bits)
    errs = jnp.stack(
        [
            jnp.mean((fake_quant(rows, s1 * 2.0**a, z, tspec) - rows) ** 2, axis=1)
            for a in range(4)
        ]
    )  # [4, C]
    alpha = jnp.argmin(errs, axis=0).astype(jnp.int32)
    scale = (s1 * jnp.exp2(alpha.astype(jnp.float32))).reshape(ps)
    return QParams(scale=scale, zero_point=z), alpha


def bias_correct(w_q: jax.Array, w: jax.Array, axis: int = -1) -> jax.Array:
    """Banner et al. bias correction per output channel ``axis`` over the fan-in.

    ``(w_q - mean w_q) * std(w) / (std(w_q) + 1e-8) + mean(w)``, unbiased std.
    """
    w_q, w = jnp.asarray(w_q), jnp.asarray(w)
    for name, a in (("w_q", w_q), ("w", w)):
        if not jnp.issubdtype(a.dtype, jnp.floating):
            raise TypeError(f"{name} must be floating, got dtype {a.dtype}")
    if w.ndim < 2:
        raise ValueError(f"bias_correct needs weights with >= 2 dims, got {w.shape}")
    if w_q.shape != w.shape:
        raise ValueError(f"w_q shape {w_q.shape} != w shape {w.shape}")
    ax = axis % w.ndim if -w.ndim <= axis < w.ndim else None
    if ax is None:
        raise ValueError(f"axis={axis} is out of range for weights of shape {w.shape}")
    red = tuple(i for i in range(w.ndim) if i != ax)
    mq, m = w_q.mean(red, keepdims=True), w.mean(red, keepdims=True)
    sq = w_q.std(red, ddof=1, keepdims=True)
    sw = w.std(red, ddof=1, keepdims=True)
    return (w_q - mq) * sw / (sq + 1e-8) + m
