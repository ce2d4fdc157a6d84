"""Uniform affine quantization: quantize / dequantize / fake-quant with STE.

Quantizer of FQ-ViT ("FQ-ViT: Post-Training Quantization for Fully Quantized Vision
Transformer", arXiv 2111.13824) and Evol-Q (arXiv 2308.10814), spec §2:

    q = clip(round(x / s) + z, qmin, qmax),    x_hat = (q - z) * s,

with round half to even (as ``jnp.round`` and ``torch.round``). Gradients:

* w.r.t. ``x``: the clipped straight-through estimator (STE), 1 where
  ``qmin <= round(x/s) + z <= qmax`` and 0 elsewhere;
* w.r.t. ``s``: 0 by default, or with ``lsq=True`` the LSQ gradient of "Learned Step
  Size Quantization" (Esser et al., arXiv 1902.08153, Eq. 3): ``round(x/s) - x/s``
  inside the range, ``qmin - z`` / ``qmax - z`` where clipped. LSQ's optional
  gradient-scale factor ``g = 1/sqrt(N * qmax)`` (its Eq. 4) is NOT applied; scale the
  learning rate instead;
* w.r.t. ``z``: 0 (zero-points are frozen integers stored as floats).

Granularity: one scale per tensor, per channel along ``axis``, or per group of
``group_size`` consecutive elements along ``axis`` (optionally also per channel along
``channel_axis``). Scales are stored in ``QuantSpec.param_shape(x.shape)`` form: as
many dims as ``x`` with 1 everywhere except the parameter axes (``()`` for a tensor).

The STE is an explicit ``jax.custom_vjp`` (design convention 2). Argument checks on
shapes and dtypes are static, so everything jits and vmaps. Values are checked too:
``scale`` must be finite and > 0, ``zero_point`` a finite integer in
``[qmin, qmax]``. Concrete (eager) values that break this raise a ``ValueError``
naming the argument; traced values (under ``jit`` / ``vmap`` / ``grad``) cannot be
inspected, so :func:`fake_quant` and :func:`dequantize` return NaN wherever the
scale is bad (a documented poison that shows in any loss or metric, never a
plausible wrong number), and :func:`quantize` (integer codes cannot hold NaN) gives
the code ``qmin`` there: pair it with :func:`dequantize`, which poisons.

Length (about 450 lines): one quantizer (issue 15: "one group-wise quantizer") with
its custom VJP, granularities and value checks; splitting the checks from the
arithmetic they guard would make both harder to audit.
"""

from __future__ import annotations

import dataclasses
import functools

import flax.struct
import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

__all__ = [
    "QParams",
    "QuantSpec",
    "check_qparams",
    "dequantize",
    "expand_params",
    "fake_quant",
    "int_matmul",
    "quantize",
    "round_ste",
]

_GRANULARITIES = ("tensor", "channel", "group")


def _norm_axis(axis: int, ndim: int, what: str) -> int:
    if not -ndim <= axis < ndim:
        raise ValueError(f"{what}={axis} is out of range for an array of rank {ndim}")
    return axis % ndim


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuantSpec:
    """Static quantizer settings (hashable; usable as a jit static argument).

    Attributes:
      bits: bit-width, 2..8 or 16.
      signed: grid ``[-2^(b-1), 2^(b-1)-1]`` if True, else ``[0, 2^b-1]``.
      symmetric: zero-point always 0 (used by the observers).
      granularity: ``"tensor"``, ``"channel"`` or ``"group"``.
      axis: channel axis (``"channel"``) or the grouped axis (``"group"``).
      group_size: elements per group along ``axis``; required iff ``"group"``.
      channel_axis: for ``"group"``, optionally also one parameter per index of this
        axis (e.g. groups along fan-in, per output channel).
    """

    bits: int = 8
    signed: bool = False
    symmetric: bool = False
    granularity: str = "tensor"
    axis: int = -1
    group_size: int | None = None
    channel_axis: int | None = None

    def __post_init__(self):
        for name in ("signed", "symmetric"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be a bool, got {getattr(self, name)!r}")
        for name in ("axis", "channel_axis"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise TypeError(f"{name} must be an int, got {v!r}")
        if isinstance(self.bits, bool) or not isinstance(self.bits, int):
            raise ValueError(f"bits must be an int in 2..8 or 16, got {self.bits!r}")
        if not (2 <= self.bits <= 8 or self.bits == 16):
            raise ValueError(f"bits must be in 2..8 or 16, got bits={self.bits}")
        if self.granularity not in _GRANULARITIES:
            raise ValueError(
                f"granularity must be one of {_GRANULARITIES}, got {self.granularity!r}"
            )
        if self.granularity == "group":
            g = self.group_size
            if isinstance(g, bool) or not isinstance(g, int) or g <= 0:
                raise ValueError(
                    "granularity='group' needs a positive int group_size, got "
                    f"group_size={self.group_size!r}"
                )
        elif self.group_size is not None:
            raise ValueError(
                f"group_size={self.group_size} is only valid with granularity='group'"
                f" (got granularity={self.granularity!r})"
            )
        if self.channel_axis is not None and self.granularity != "group":
            raise ValueError("channel_axis is only valid with granularity='group'")

    @property
    def qmin(self) -> int:
        return -(2 ** (self.bits - 1)) if self.signed else 0

    @property
    def qmax(self) -> int:
        return 2 ** (self.bits - 1) - 1 if self.signed else 2**self.bits - 1

    def _axes(self, shape: tuple[int, ...]) -> tuple[int | None, int | None]:
        """Normalized (axis, channel_axis); validates them against ``shape``."""
        ndim = len(shape)
        if self.granularity == "tensor":
            return None, None
        axis = _norm_axis(self.axis, ndim, "axis")
        cax = None
        if self.channel_axis is not None:
            cax = _norm_axis(self.channel_axis, ndim, "channel_axis")
            if cax == axis:
                raise ValueError(
                    f"channel_axis={self.channel_axis} and axis={self.axis} name the "
                    f"same dimension of shape {shape}"
                )
        if self.granularity == "group" and shape[axis] % self.group_size:
            raise ValueError(
                f"group_size={self.group_size} does not divide x.shape[{self.axis}]"
                f"={shape[axis]} (x.shape={shape})"
            )
        return axis, cax

    def param_shape(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """Shape of scale / zero-point for an input of ``shape`` (``()`` per tensor)."""
        shape = tuple(shape)
        axis, cax = self._axes(shape)
        if axis is None:
            return ()
        out = [1] * len(shape)
        if self.granularity == "channel":
            out[axis] = shape[axis]
        else:
            out[axis] = shape[axis] // self.group_size
            if cax is not None:
                out[cax] = shape[cax]
        return tuple(out)

    def block_shape(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """``shape`` with the grouped axis split into ``(groups, group_size)``.

        Equal to ``shape`` unless ``granularity == "group"``.
        """
        shape = tuple(shape)
        axis, _ = self._axes(shape)
        if self.granularity != "group":
            return shape
        g = self.group_size
        return shape[:axis] + (shape[axis] // g, g) + shape[axis + 1 :]

    def reduce_axes(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """Axes of ``x.reshape(block_shape(shape))`` reduced for one parameter.

        Reducing with ``keepdims=True`` and reshaping to ``param_shape(shape)`` gives
        the per-parameter statistic.
        """
        shape = tuple(shape)
        axis, cax = self._axes(shape)
        if axis is None:
            return tuple(range(len(shape)))
        if self.granularity == "channel":
            return tuple(i for i in range(len(shape)) if i != axis)
        keep = {axis} | ({cax + (cax > axis)} if cax is not None else set())
        return tuple(i for i in range(len(shape) + 1) if i not in keep)


@flax.struct.dataclass
class QParams:
    """Traced quantizer parameters, both ``float32 [param_shape]``."""

    scale: jax.Array
    zero_point: jax.Array  # float array holding integer values


def _full_shape(spec: QuantSpec, shape: tuple[int, ...]) -> tuple[int, ...]:
    ps = spec.param_shape(shape)
    return ps if ps else (1,) * len(shape)


def _check_param(p: jax.Array, spec: QuantSpec, shape, name: str) -> None:
    full = _full_shape(spec, shape)
    pshape = jnp.shape(p)
    ok = len(pshape) <= len(full)
    if ok:
        try:
            ok = jnp.broadcast_shapes(pshape, full) == full
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(
            f"{name} shape {pshape} does not match spec.param_shape(x.shape)="
            f"{spec.param_shape(shape)} for x.shape={tuple(shape)} "
            f"(granularity={spec.granularity!r})"
        )


def expand_params(p: jax.typing.ArrayLike, spec: QuantSpec, shape) -> jax.Array:
    """Scale or zero-point broadcastable to ``x`` of ``shape`` (groups repeated)."""
    _check_spec(spec)
    shape = tuple(shape)
    p = jnp.asarray(p)
    _check_param(p, spec, shape, "parameter")
    if spec.granularity != "group":
        return p
    full = jnp.broadcast_to(p, _full_shape(spec, shape))
    axis, _ = spec._axes(shape)
    return jnp.repeat(full, spec.group_size, axis=axis)


def _concrete(a: jax.Array) -> np.ndarray | None:
    """``a`` as NumPy if its values are known now, else None (traced)."""
    try:
        return np.asarray(a)
    except (jax.errors.TracerArrayConversionError, jax.errors.ConcretizationTypeError):
        return None


def _check_spec(spec: QuantSpec) -> None:
    if not isinstance(spec, QuantSpec):
        raise TypeError(f"spec must be a QuantSpec, got {type(spec).__name__}")


def _real(a: jax.typing.ArrayLike, name: str) -> jax.Array:
    a = jnp.asarray(a)
    if a.dtype == jnp.bool_ or not (jnp.issubdtype(a.dtype, jnp.floating)
                                    or jnp.issubdtype(a.dtype, jnp.integer)):
        raise TypeError(f"{name} must be a real (float or int) array, got dtype {a.dtype}")
    return a


def check_qparams(scale: jax.Array, zero_point: jax.Array, spec: QuantSpec) -> None:
    """Raise ``ValueError`` if concrete ``scale`` / ``zero_point`` values are invalid.

    ``scale`` must be finite and > 0; ``zero_point`` finite, integer-valued and in
    ``[spec.qmin, spec.qmax]``. Traced values are not checked here (see the module
    doc: the ops poison their output with NaN instead).
    """
    s = _concrete(scale)
    if s is not None and s.size and not np.all(np.isfinite(s) & (s > 0)):
        bad = s[~(np.isfinite(s) & (s > 0))]
        raise ValueError(f"scale must be finite and > 0, got {bad.size} bad value(s), "
                         f"e.g. scale={bad.flat[0]!r}")
    z = _concrete(zero_point)
    if z is not None and z.size:
        ok = np.isfinite(z)
        ok &= np.where(ok, z, 0) == np.round(np.where(ok, z, 0))
        ok &= (z >= spec.qmin) & (z <= spec.qmax)
        if not np.all(ok):
            raise ValueError(
                f"zero_point must hold finite integers in [qmin, qmax] = [{spec.qmin}, "
                f"{spec.qmax}] (bits={spec.bits}, signed={spec.signed}), got "
                f"zero_point={z[~ok].flat[0]!r}")


def _scale_ok(s: jax.Array) -> jax.Array:
    """Traced poison mask: True where the (expanded) scale is finite and > 0."""
    return jnp.isfinite(s) & (s > 0)


def _prepare(x, scale, zero_point, spec: QuantSpec):
    _check_spec(spec)
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"x must be a floating array, got dtype {x.dtype}")
    ct = jnp.promote_types(x.dtype, jnp.float32)
    scale = _real(scale, "scale")
    zero_point = _real(zero_point, "zero_point")
    _check_param(scale, spec, x.shape, "scale")
    _check_param(zero_point, spec, x.shape, "zero_point")
    check_qparams(scale, zero_point, spec)
    s = expand_params(scale.astype(ct), spec, x.shape)
    z = expand_params(zero_point.astype(ct), spec, x.shape)
    return x, s, z, ct


def quantize(x, scale, zero_point, spec: QuantSpec) -> jax.Array:
    """Integer codes ``clip(round(x/s) + z, qmin, qmax)``, ``int32 [x.shape]``.

    Args:
      x: floating array, any shape.
      scale: ``spec.param_shape(x.shape)`` (or broadcast-compatible), finite, > 0.
      zero_point: same shape rules; integers in ``[qmin, qmax]`` stored as floats.
      spec: static quantizer settings.

    Raises ``TypeError`` / ``ValueError`` naming the bad argument (dtype, shape, or
    concrete values); under tracing a bad scale gives the code ``qmin``.
    """
    x, s, z, ct = _prepare(x, scale, zero_point, spec)
    q = jnp.clip(jnp.round(x.astype(ct) / s) + z, spec.qmin, spec.qmax)
    q = jnp.where(_scale_ok(s), q, spec.qmin)
    return q.astype(jnp.int32)


def dequantize(q, scale, zero_point, spec: QuantSpec, dtype=jnp.float32) -> jax.Array:
    """``(q - z) * s`` in ``dtype`` (a floating dtype), ``[q.shape]``.

    ``q`` is an integer array of codes; ``scale`` / ``zero_point`` follow
    :func:`quantize`'s rules. Traced bad scales give NaN (module doc).
    """
    _check_spec(spec)
    q = jnp.asarray(q)
    if not jnp.issubdtype(q.dtype, jnp.integer):
        raise TypeError(f"q must hold integer codes, got dtype {q.dtype}")
    if not jnp.issubdtype(jnp.dtype(dtype), jnp.floating):
        raise TypeError(f"dtype must be a floating dtype, got {jnp.dtype(dtype)}")
    ct = jnp.promote_types(dtype, jnp.float32)
    scale, zero_point = _real(scale, "scale"), _real(zero_point, "zero_point")
    _check_param(scale, spec, q.shape, "scale")
    _check_param(zero_point, spec, q.shape, "zero_point")
    check_qparams(scale, zero_point, spec)
    s = expand_params(scale.astype(ct), spec, q.shape)
    z = expand_params(zero_point.astype(ct), spec, q.shape)
    out = jnp.where(_scale_ok(s), (q.astype(ct) - z) * s, jnp.nan)
    return out.astype(dtype)


def _sum_to_shape(g: jax.Array, shape: tuple[int, ...]) -> jax.Array:
    """Sums ``g`` over the dims that were broadcast from ``shape``."""
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(
        lead + i for i, d in enumerate(shape) if d == 1 and g.shape[lead + i] != 1
    )
    return jnp.sum(g, axis=axes).reshape(shape) if axes else g.reshape(shape)


def _fq_core(x, s, z, qmin, qmax):
    r = x / s
    rq = jnp.round(r)
    v = rq + z
    return r, rq, v, (jnp.clip(v, qmin, qmax) - z) * s


@functools.partial(jax.custom_vjp, nondiff_argnums=(3, 4, 5))
def _fake_quant(x, s, z, qmin: int, qmax: int, lsq: bool):
    return _fq_core(x, s, z, qmin, qmax)[3]


def _fake_quant_fwd(x, s, z, qmin, qmax, lsq):
    return _fq_core(x, s, z, qmin, qmax)[3], (x, s, z)


def _fake_quant_bwd(qmin, qmax, lsq, res, g):
    x, s, z = res
    r, rq, v, _ = _fq_core(x, s, z, qmin, qmax)
    lo, hi = v < qmin, v > qmax
    inside = jnp.logical_not(lo | hi)
    dx = jnp.where(inside, g, jnp.zeros_like(g))
    if lsq:
        ds_el = jnp.where(lo, qmin - z, jnp.where(hi, qmax - z, rq - r))
        ds = _sum_to_shape(g * ds_el, s.shape)
    else:
        ds = jnp.zeros_like(s)
    return dx.astype(x.dtype), ds.astype(s.dtype), jnp.zeros_like(z)


_fake_quant.defvjp(_fake_quant_fwd, _fake_quant_bwd)


def fake_quant(x, scale, zero_point, spec: QuantSpec, *, lsq: bool = False):
    """Quantize-dequantize ``x`` in float, with a straight-through gradient.

    Args:
      x: floating array, any shape.
      scale: ``spec.param_shape(x.shape)`` (or broadcast-compatible), finite, > 0.
      zero_point: same shape rules as ``scale``; integers in ``[qmin, qmax]``
        stored as floats.
      spec: static quantizer settings.
      lsq: if True the scale receives the LSQ gradient (no grad-scale factor).

    Returns:
      ``x_hat`` with ``x``'s shape and dtype (computed in at least float32), equal
      to ``dequantize(quantize(x))``.

    Raises:
      TypeError / ValueError naming the argument for a bad dtype, shape, spec, or
      concrete scale / zero-point value. Traced bad scales give NaN (module doc).
    """
    x, s, z, ct = _prepare(x, scale, zero_point, spec)
    out = _fake_quant(x.astype(ct), s, z, spec.qmin, spec.qmax, bool(lsq))
    out = jnp.where(_scale_ok(s), out, jnp.nan)
    return out.astype(x.dtype)


@jax.custom_vjp
def round_ste(x: jax.Array) -> jax.Array:
    """``jnp.round`` (half to even) with an identity gradient."""
    return jnp.round(x)


def _round_ste_fwd(x):
    return jnp.round(x), None


def _round_ste_bwd(_, g):
    return (g,)


round_ste.defvjp(_round_ste_fwd, _round_ste_bwd)


def int_matmul(qa: jax.Array, qb: jax.Array) -> jax.Array:
    """``qa @ qb`` of integer codes with int32 accumulation.

    Args:
      qa: ``[..., K]`` integer codes (zero-point already subtracted if any).
      qb: ``[K, N]`` integer codes.

    Returns:
      ``int32 [..., N]``.
    """
    qa, qb = jnp.asarray(qa), jnp.asarray(qb)
    for name, a in (("qa", qa), ("qb", qb)):
        if not jnp.issubdtype(a.dtype, jnp.integer):
            raise TypeError(
                f"int_matmul needs integer codes, got {name}.dtype={a.dtype}"
            )
    if qb.ndim != 2 or qa.ndim < 1 or qa.shape[-1] != qb.shape[0]:
        raise ValueError(
            f"int_matmul needs qa [..., K] and qb [K, N], got {qa.shape} and {qb.shape}"
        )
    if qa.dtype != qb.dtype or jnp.issubdtype(qa.dtype, jnp.unsignedinteger):
        qa, qb = qa.astype(jnp.int32), qb.astype(jnp.int32)
    dims = (((qa.ndim - 1,), (0,)), ((), ()))
    return lax.dot_general(qa, qb, dims, preferred_element_type=jnp.int32)
