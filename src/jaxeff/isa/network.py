"""A whole network run with the asymmetric SIMD GEMM in the loop (arXiv 2008.00638).

Spec ``hmf_simd.md`` §B5 asks for the accuracy of W4A8 networks when every
conv / dense GEMM accumulates in the 16-bit lanes of ``asmmla`` (wrap or saturate,
widening every W instructions), against the exact int32 GEMM. :func:`simd_apply`
runs ``model.apply`` with a Flax method interceptor that replaces every plain
``nn.Conv`` / ``nn.Dense`` call by

    x -> im2col -> 8-bit codes (per-tensor min-max, symmetric; u8 after ReLU, else s8)
      -> GEMM with s4 codes of the kernel (symmetric per output channel)
      -> int32 result * s_x * s_w[n] + bias

where the GEMM is :func:`jaxeff.isa.simd.asmmla_gemm` (``gemm="asmmla"``) or the exact
int32 matmul (``gemm="int32"``). Everything else (BatchNorm, ReLU, pooling, residual
adds) stay float. Activation scales are static when ``act_ranges`` is given (the
deployed setting): per layer, the min-max range of its input over calibration images,
recorded by :func:`calibrate_acts` on the float net; test inputs outside it are
clipped, and one image's result does not depend on the others in its batch. Without
``act_ranges`` they are dynamic: min-max over the whole batch passed in (the rule of
the overflow study's captured workloads), so an image's codes depend on its
neighbours. The quantizers are the plain min-max ones of :mod:`jaxeff.isa.workloads`,
so "int32" is a W4A8 PTQ baseline without calibration refinements; the comparison
that matters is asmmla against int32 at the same codes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.isa.simd import asmmla_gemm, check_mode, check_widen
from jaxeff.isa.workloads import (
    Layer,
    patches,
    quantize_acts_range,
    quantize_acts_scaled,
    quantize_w4_scaled,
)
from jaxeff.ops.quant import int_matmul

__all__ = ["LayerStats", "calibrate_acts", "simd_apply"]

GEMMS = ("asmmla", "int32")


@dataclasses.dataclass(frozen=True)
class LayerStats:
    """One conv / dense call: GEMM shape and the 16-bit accumulator outcome.

    ``events``: lane-instruction overflow flags; ``wrong``: outputs that differ from
    the exact int32 GEMM (0 for ``gemm="int32"``); ``outputs = rows * N``.
    """

    name: str
    rows: int
    k: int
    n: int
    a_signed: bool
    events: int
    wrong: int

    @property
    def outputs(self) -> int:
        return self.rows * self.n

    @property
    def lane_instr(self) -> int:
        """Output lanes x K-steps of 8 MACs: the denominator of the event rate."""
        return self.outputs * -(-self.k // 8)


def _check_conv(mod: nn.Conv) -> None:
    bad = {k: getattr(mod, k, 1) for k in ("feature_group_count", "kernel_dilation",
                                             "input_dilation")}
    bad = {k: v for k, v in bad.items() if v not in (1, None, (1, 1), [1, 1])}
    if bad:
        raise NotImplementedError(
            f"simd_apply: conv {'/'.join(map(str, mod.scope.path))} has {bad}; only "
            "dense (groups = 1), undilated 2-D convolutions are lowered to a GEMM")
    if isinstance(mod.padding, str) and mod.padding not in ("SAME", "VALID"):
        raise NotImplementedError(f"simd_apply: padding {mod.padding!r} is not supported "
                                  "(SAME, VALID or explicit pairs)")


def _name(mod: nn.Module) -> str:
    return "/".join(str(p) for p in mod.scope.path)


def calibrate_acts(model: nn.Module, variables: dict,
                   batches: Iterable[jax.typing.ArrayLike],
                   **apply_kwargs: Any) -> dict[str, tuple[float, float]]:
    """Static activation ranges for :func:`simd_apply`: per ``nn.Conv`` / ``nn.Dense``
    call, ``(min, max)`` of its input over all calibration ``batches`` (float forward,
    ``model.apply(variables, x, **apply_kwargs)``), keyed by module path.

    Calibrate on training images, never on the images evaluated.
    """
    ranges: dict[str, tuple[float, float]] = {}

    def spy(next_fun, args, kwargs, context):
        mod = context.module
        if context.method_name == "__call__" and type(mod) in (nn.Conv, nn.Dense):
            v = np.asarray(args[0], np.float32)
            lo, hi = float(v.min()), float(v.max())
            old = ranges.get(_name(mod), (lo, hi))
            ranges[_name(mod)] = (min(old[0], lo), max(old[1], hi))
        return next_fun(*args, **kwargs)

    n = 0
    with nn.intercept_methods(spy):
        for x in batches:
            model.apply(variables, jnp.asarray(x), **apply_kwargs)
            n += 1
    if n == 0:
        raise ValueError("calibrate_acts needs at least one batch")
    if not ranges:
        raise ValueError("calibrate_acts found no nn.Conv / nn.Dense call in the model")
    return ranges


def simd_apply(model: nn.Module, variables: dict, x: jax.typing.ArrayLike, *,
               gemm: str = "asmmla", widen_every: int | None = None,
               mode: str = "wrap",
               act_ranges: Mapping[str, tuple[float, float]] | None = None,
               **apply_kwargs: Any) -> tuple[Any, list[LayerStats]]:
    """``model.apply(variables, x, **apply_kwargs)`` with every Conv / Dense GEMM in
    W4A8 integer arithmetic (see the module doc).

    Args:
      model, variables: a float Flax model whose convs are ``nn.Conv`` (2-D, NHWC,
        groups 1) and whose dense layers are ``nn.Dense``.
      x: the input batch.
      gemm: ``"asmmla"`` (16-bit lanes, :func:`jaxeff.isa.simd.asmmla_gemm`) or
        ``"int32"`` (exact).
      widen_every: asmmla widening interval W in instructions (None: only at the end).
      mode: ``"wrap"`` or ``"saturate"`` (asmmla only).
      act_ranges: static per-layer input ranges from :func:`calibrate_acts` (every
        lowered layer must have one); None: dynamic min-max over ``x`` (each
        image's codes then depend on the rest of the batch).
      **apply_kwargs: passed to ``model.apply`` (e.g. ``train=False``).

    Returns:
      ``(model output, per-call LayerStats)``.
    """
    if gemm not in GEMMS:
        raise ValueError(f"gemm must be one of {GEMMS}, got {gemm!r}")
    check_mode(mode)
    check_widen(widen_every)
    stats: list[LayerStats] = []

    def lowered(next_fun, args, kwargs, context):
        mod = context.module
        kind = type(mod)
        if context.method_name != "__call__" or kind not in (nn.Conv, nn.Dense):
            return next_fun(*args, **kwargs)
        inp = np.asarray(args[0], np.float32)
        params = mod.variables["params"]
        kernel = np.asarray(params["kernel"], np.float32)
        name = _name(mod)
        if kind is nn.Conv:
            _check_conv(mod)
            if kernel.ndim != 4 or inp.ndim != 4:
                raise NotImplementedError(f"simd_apply: conv {name} is not 2-D NHWC "
                                          f"(input {inp.shape}, kernel {kernel.shape})")
            st = mod.strides or 1
            pad = mod.padding
            layer = Layer(name, inp, kernel, (st, st) if isinstance(st, int) else tuple(st),
                          ((pad, pad), (pad, pad)) if isinstance(pad, int) else pad)
        else:
            layer = Layer(name, inp, kernel)
        pat, wmat = patches(layer)
        cols = pat.reshape(-1, wmat.shape[0])
        if act_ranges is None:
            a, signed, s_a = quantize_acts_scaled(cols)
        elif name not in act_ranges:
            raise ValueError(f"act_ranges has no range for layer {name!r} (calibrate "
                             "with calibrate_acts on the same model)")
        else:
            a, signed, s_a = quantize_acts_range(cols, *act_ranges[name])
        b, s_w = quantize_w4_scaled(wmat)
        exact = np.asarray(int_matmul(jnp.asarray(a), jnp.asarray(b)))
        if gemm == "asmmla":
            res = asmmla_gemm(a, b, widen_every=widen_every, mode=mode, a_signed=signed)
            acc = np.asarray(res.out)
            events = int(jnp.sum(res.events))
        else:
            acc, events = exact, 0
        stats.append(LayerStats(name, a.shape[0], a.shape[1], b.shape[1], signed, events,
                                int(np.sum(acc != exact))))
        y = acc.astype(np.float32) * (np.float32(s_a) * s_w[None, :])
        if getattr(mod, "use_bias", False) and "bias" in params:
            y = y + np.asarray(params["bias"], np.float32)[None, :]
        return jnp.asarray(y.reshape(*pat.shape[:-1], wmat.shape[1]),
                           getattr(args[0], "dtype", jnp.float32))

    with nn.intercept_methods(lowered):
        out = model.apply(variables, jnp.asarray(x), **apply_kwargs)
    return out, stats
