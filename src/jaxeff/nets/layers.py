"""Quantization-injected layers: QuantDense, QuantConv, ActQuant.

Quantization enters a network by injection (DESIGN.md convention 4): nets expose
``dense`` / ``conv`` / ``act_quant`` factory fields and a recipe (``jaxeff.ptq``)
swaps in the classes below, bound to a :class:`QuantConfig` of ordered regex
rules over module paths (first match wins).

Variables live in three collections:

* ``"params"``: the float weights, named exactly as ``nn.Dense`` / ``nn.Conv``
  (``kernel``, ``bias``), so a float checkpoint loads unchanged.
* ``"quant_stats"``: running min/max of activations during calibration.
* ``"quant"``: the quantization parameters (``scale``, ``zero_point`` for
  activations; ``w_scale``, ``w_zero_point`` for weights). An evolutionary search
  vmaps ``model.apply`` over a population of ``"quant"`` trees.

A module whose rule enables a quantizer decides what to do from the collections it
is given: ``"quant_stats"`` mutable -> calibrate (observe, output stays float); its
``"quant"`` variables present -> fake-quantize; missing -> a ``ValueError`` naming
the module and the variable (a quantized net never runs in float by accident).
Running in float is an explicit choice: the module attribute ``quantize=False``
(quantizers off, as for the float targets of Evol-Q), set on a whole net by
:func:`jaxeff.ptq.float_model`; or simply apply the original float model.

Weights follow FQ-ViT / Evol-Q (arXiv 2111.13824, 2308.10814): per-output-channel
min-max, optional bias correction after Banner et al. (arXiv 1810.05723),
recomputed from the fake-quantized weights at every forward.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from jax import lax

from jaxeff.ops import calibrate as calib
from jaxeff.ops.quant import QuantSpec, fake_quant

OBSERVERS = ("minmax", "omse", "percentile", "mse", "ptf")


class Factory(functools.partial):
    """A layer factory (``functools.partial``) that compares and hashes by value:
    ``func``, ``args`` and ``keywords``.

    Plain partials compare by identity, so two identically quantized clones of a
    model were different ``jax.jit`` static arguments and every new clone (for
    example one per Evol-Q seed) recompiled every jitted function.
    """

    def _key(self) -> tuple:
        return self.func, self.args, tuple(sorted(self.keywords.items()))

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


@dataclasses.dataclass(frozen=True, kw_only=True)
class LayerQuant:
    """Quantization settings for one module path.

    Attributes:
      weight: spec for a QuantDense/QuantConv kernel (None: float weights).
      act: spec for an ActQuant point (None: float).
      observer: activation observer, one of ``OBSERVERS``. ``"ptf"`` is FQ-ViT's
        power-of-two factor for LayerNorm inputs (per channel, shared zero point).
      bias_correction: Banner-style per-channel bias correction of the weights.
      lsq: the weight scale receives the LSQ straight-through gradient (Esser et
        al., arXiv 1902.08153; :func:`jaxeff.ops.quant.fake_quant`); forward values
        are unchanged. Used by the gradient baseline of the Evol-Q studies.
    """

    weight: QuantSpec | None = None
    act: QuantSpec | None = None
    observer: str = "minmax"
    bias_correction: bool = False
    lsq: bool = False

    def __post_init__(self) -> None:
        if self.observer not in OBSERVERS:
            raise ValueError(
                f"unknown observer {self.observer!r}; expected one of {OBSERVERS}"
            )


@dataclasses.dataclass(frozen=True)
class QuantRule:
    """``pattern`` (regex, ``re.fullmatch`` on ``"a/b/c"`` paths) -> settings.

    ``config=None`` keeps matching modules in float.
    """

    pattern: str
    config: LayerQuant | None

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as e:
            raise ValueError(f"invalid rule regex {self.pattern!r}: {e}") from e


@dataclasses.dataclass(frozen=True)
class QuantConfig:
    """Ordered rules; the first rule whose pattern fullmatches a path wins."""

    rules: tuple[QuantRule, ...] = ()

    def resolve(self, path: str) -> LayerQuant | None:
        for rule in self.rules:
            if re.fullmatch(rule.pattern, path):
                return rule.config
        return None

    def unused_rules(self, paths: list[str]) -> list[str]:
        """Patterns that match none of ``paths`` (a configuration error)."""
        return [
            r.pattern
            for r in self.rules
            if not any(re.fullmatch(r.pattern, p) for p in paths)
        ]


def module_path(module: nn.Module) -> str:
    """``"blocks_0/attn/qkv"`` style path of a bound module."""
    return "/".join(str(p) for p in module.scope.path)


def _missing(mod: nn.Module, name: str) -> ValueError:
    return ValueError(
        f"{type(mod).__name__} {module_path(mod)!r} has a quantization rule but no "
        f"'quant' variable {name!r}: pass the calibrated collection "
        "(apply({'params': ..., 'quant': ...}), see jaxeff.ptq.calibrate), or run in "
        "float explicitly with jaxeff.ptq.float_model(qmodel) (quantize=False) or "
        "the original float model")


def _weight_fake_quant(mod: nn.Module, kernel: jax.Array) -> jax.Array:
    """Shared weight path of QuantDense / QuantConv (output channel = last axis)."""
    cfg = mod.config.resolve(module_path(mod)) if mod.config else None
    return weight_fake_quant(mod, cfg, kernel)


def weight_fake_quant(mod: nn.Module, cfg: LayerQuant | None,
                      kernel: jax.Array) -> jax.Array:
    """Weight quantizer of the bound module ``mod`` under settings ``cfg``.

    Calibrates (``"quant_stats"`` mutable: per-``cfg.weight`` min-max written to
    ``"quant"`` as ``w_scale`` / ``w_zero_point``), fake-quantizes (a ``w_scale``
    present), raises if ``w_scale`` is missing (never a silent float run), or passes
    ``kernel`` through when there is no rule or ``mod.quantize`` is False (explicit
    float). Used by QuantDense / QuantConv and by :mod:`jaxeff.inject` on plain Flax
    layers.
    """
    if cfg is None or cfg.weight is None or not getattr(mod, "quantize", True):
        return kernel
    spec = cfg.weight
    if mod.is_mutable_collection("quant_stats"):
        lo, hi = calib.reduce_minmax(kernel, spec)
        qp = calib.minmax_qparams(lo, hi, spec)
        if mod.is_mutable_collection("quant"):
            mod.put_variable("quant", "w_scale", qp.scale)
            mod.put_variable("quant", "w_zero_point", qp.zero_point)
        return kernel
    for name in ("w_scale", "w_zero_point"):
        if not mod.has_variable("quant", name):
            raise _missing(mod, name)
    scale = mod.get_variable("quant", "w_scale")
    zp = mod.get_variable("quant", "w_zero_point")
    wq = fake_quant(kernel, scale, zp, spec, lsq=cfg.lsq)
    if cfg.bias_correction:
        wq = calib.bias_correct(wq, kernel, axis=-1)
    return wq


class QuantDense(nn.Module):
    """``nn.Dense`` with fake-quantized kernel; same parameter names and init.

    ``quantize=False`` runs in float whatever the rules (explicit quantizers off).
    """

    features: int
    use_bias: bool = True
    config: QuantConfig | None = None
    quantize: bool = True
    kernel_init: Callable[..., Any] = nn.initializers.lecun_normal()
    bias_init: Callable[..., Any] = nn.initializers.zeros_init()

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        kernel = self.param(
            "kernel", self.kernel_init, (x.shape[-1], self.features), jnp.float32
        )
        kernel = _weight_fake_quant(self, kernel)
        y = lax.dot_general(x, kernel, (((x.ndim - 1,), (0,)), ((), ())))
        if self.use_bias:
            y = y + self.param("bias", self.bias_init, (self.features,), jnp.float32)
        return y


class QuantConv(nn.Module):
    """NHWC/HWIO ``nn.Conv`` with fake-quantized kernel; same parameter names.

    ``conv_general_dilated`` may be swapped (e.g. for Winograd convolution).
    ``quantize=False`` runs in float whatever the rules (explicit quantizers off).
    """

    features: int
    kernel_size: tuple[int, int] = (3, 3)
    strides: tuple[int, int] = (1, 1)
    padding: str | tuple[tuple[int, int], ...] = "SAME"
    use_bias: bool = True
    config: QuantConfig | None = None
    quantize: bool = True
    kernel_init: Callable[..., Any] = nn.initializers.lecun_normal()
    bias_init: Callable[..., Any] = nn.initializers.zeros_init()
    conv_general_dilated: Callable[..., jax.Array] = lax.conv_general_dilated

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        ks = tuple(self.kernel_size)
        strides = tuple(self.strides) if self.strides else (1, 1)
        kernel = self.param(
            "kernel", self.kernel_init, (*ks, x.shape[-1], self.features), jnp.float32
        )
        kernel = _weight_fake_quant(self, kernel)
        y = self.conv_general_dilated(
            x,
            kernel,
            window_strides=strides,
            padding=self.padding,
            dimension_numbers=("NHWC", "HWIO", "NHWC"),
        )
        if self.use_bias:
            y = y + self.param("bias", self.bias_init, (self.features,), jnp.float32)
        return y


def _act_qparams(cfg: LayerQuant, x: jax.Array, lo: jax.Array, hi: jax.Array):
    spec = cfg.act
    if cfg.observer == "ptf":
        qp, _alpha = calib.ptf_params(x, lo, hi, bits=spec.bits)
        return qp
    if cfg.observer == "omse":
        return calib.observe_omse(x, spec, lo, hi)
    if cfg.observer == "percentile":
        return calib.observe_percentile(x, spec)
    if cfg.observer == "mse":
        return calib.observe_mse(x, spec)
    return calib.minmax_qparams(lo, hi, spec)


class ActQuant(nn.Module):
    """An activation quantization point (identity unless a rule enables it).

    Calibration keeps running per-tensor (or PTF per-channel range over all
    channels) min/max in ``"quant_stats"`` and scores clip / PTF choices on the
    current (in the end: the last) batch, as FQ-ViT's code does.
    ``quantize=False``: identity whatever the rules (explicit quantizers off).
    """

    config: QuantConfig | None = None
    quantize: bool = True

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        cfg = self.config.resolve(module_path(self)) if self.config else None
        return act_fake_quant(self, cfg, x)


def act_fake_quant(mod: nn.Module, cfg: LayerQuant | None, x: jax.Array) -> jax.Array:
    """Activation quantizer of the bound module ``mod`` under settings ``cfg``.

    Calibration (``"quant_stats"`` mutable) keeps running ``min`` / ``max`` there and
    writes ``scale`` / ``zero_point`` to ``"quant"``; with those present ``x`` is
    fake-quantized; missing, a ``ValueError`` (never a silent float run); no rule or
    ``mod.quantize`` False (explicit float): ``x`` unchanged. Used by ActQuant and
    by :mod:`jaxeff.inject` (the input of a plain Flax layer).
    """
    if cfg is None or cfg.act is None or not getattr(mod, "quantize", True):
        return x
    spec = cfg.act
    if cfg.observer == "ptf":
        spec = dataclasses.replace(spec, granularity="tensor")
    if mod.is_mutable_collection("quant_stats"):
        blo, bhi = calib.reduce_minmax(x, spec)
        first = not mod.has_variable("quant_stats", "min")
        lo_v = mod.variable("quant_stats", "min", lambda: blo)
        hi_v = mod.variable("quant_stats", "max", lambda: bhi)
        if not first:
            lo_v.value = jnp.minimum(lo_v.value, blo)
            hi_v.value = jnp.maximum(hi_v.value, bhi)
        if mod.is_mutable_collection("quant"):
            qp = _act_qparams(cfg, x, lo_v.value, hi_v.value)
            mod.put_variable("quant", "scale", qp.scale)
            mod.put_variable("quant", "zero_point", qp.zero_point)
        return x
    for name in ("scale", "zero_point"):
        if not mod.has_variable("quant", name):
            raise _missing(mod, name)
    scale = mod.get_variable("quant", "scale")
    zp = mod.get_variable("quant", "zero_point")
    if cfg.observer == "ptf":
        spec = dataclasses.replace(spec, granularity="channel", axis=-1)
        zp = jnp.broadcast_to(zp, scale.shape)
    return fake_quant(x, scale, zp, spec)


def maybe_quant(factory: Callable[..., nn.Module] | None, name: str, x: jax.Array):
    """Apply ``factory(name=name)`` if a quantization point factory is set."""
    if factory is None:
        return x
    return factory(name=name)(x)
