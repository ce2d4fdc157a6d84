"""Winograd injection: route a net's eligible convs through Winograd F(m, r).

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., arXiv 2412.19867), spec ``winograd.md`` §4 "Eligible": 3x3 convs,
stride 1, dilation 1, groups 1; stride-2, 1x1 and grouped convs stay direct. The
rule is :func:`~jaxeff.ops.winograd.check_eligible`, applied per call by the one
routing function :func:`~jaxeff.ops.winograd_route.winograd_or_direct`.

:class:`WinogradConv` is a drop-in ``conv`` factory (DESIGN.md convention 4): a
:class:`~jaxeff.nets.layers.QuantConv` that shares its scope (same parameter
names and paths, so float checkpoints load) and whose ``conv_general_dilated`` is
chosen per module path by a :class:`WinogradConfig` (a regex rule, first design
convention 6): eligible convs matching ``pattern`` run (quantized) Winograd with
the shared or per-layer transform scales; every other conv runs direct
(quantized with ``direct_quant`` if set). :meth:`WinogradConfig.conv_for` is also
the per-layer router for function-style models: it returns a
``lax.conv_general_dilated`` drop-in for a layer path.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

import flax.linen as nn
import jax

from jaxeff.nets.layers import QuantConv, module_path
from jaxeff.ops.winograd import WinogradScales, check_eligible
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.ops.winograd_route import WinogradRouter, winograd_or_direct

__all__ = ["ConvInfo", "WinogradConfig", "WinogradConv", "conv_layers",
           "winograd_model"]


@dataclasses.dataclass(frozen=True, kw_only=True, eq=False)
class WinogradConfig:
    """How a net's convolutions run.

    Attributes:
      m: Winograd F(m, 3) output tile (``None``: no Winograd, all direct).
      pattern: regex (``re.fullmatch``) over module paths of eligible convs that
        become Winograd.
      quant: quantization of the Winograd layers (``None``: float).
      direct_quant: quantization of the direct convs (``None``: float).
      scales: one :class:`WinogradScales` shared by all layers (the paper's
        choice), a ``{path: scales}`` dict (per layer), or ``None`` (standard).
      absmax: optional static per-layer ranges ``{path: {stage: array}}``.
      layer_convs: optional ``{path: conv_general_dilated drop-in}``: the eligible
        conv at ``path`` runs that function instead of the (quantized) Winograd
        path (per-layer baselines such as BQW or PAW+FSQ,
        :mod:`jaxeff.ops.winograd_baselines`); a path without an entry runs as
        configured above.
    """

    m: int | None = 4
    pattern: str = ".*"
    quant: WinogradQuant | None = None
    direct_quant: WinogradQuant | None = None
    scales: WinogradScales | dict[str, WinogradScales] | None = None
    absmax: dict[str, dict[str, jax.Array]] | None = None
    layer_convs: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as e:
            raise ValueError(f"invalid pattern {self.pattern!r}: {e}") from e

    def conv_for(self, path: str, kernel_size=None, strides=None) -> WinogradRouter:
        """The ``conv_general_dilated`` for the conv at module path ``path``.

        ``winograd_or_direct(m if pattern matches path else None, ...)``: each call
        is routed by :func:`~jaxeff.ops.winograd.check_eligible` on its real
        arguments (``kernel_size`` and ``strides`` are accepted for compatibility
        and not needed).
        """
        del kernel_size, strides
        m = self.m if self.m is not None and re.fullmatch(self.pattern, path) else None
        sc = self.scales.get(path) if isinstance(self.scales, dict) else self.scales
        am = (self.absmax or {}).get(path) if self.quant is not None else None
        fn = (self.layer_convs or {}).get(path) if m is not None else None
        return winograd_or_direct(m, quant=self.quant, direct_quant=self.direct_quant,
                                  scales=sc, absmax=am, winograd_fn=fn)


def _eligible(mod: nn.Module, strides) -> bool:
    """The module's conv passes :func:`~jaxeff.ops.winograd.check_eligible`."""
    return check_eligible(
        tuple(mod.kernel_size), strides, getattr(mod, "input_dilation", None),
        getattr(mod, "kernel_dilation", None),
        getattr(mod, "feature_group_count", 1)) is None


class WinogradConv(nn.Module):
    """``nn.Conv``-compatible conv routed by a :class:`WinogradConfig`.

    Same fields, parameter names and paths as ``QuantConv`` / ``nn.Conv``.
    """

    features: int
    kernel_size: tuple[int, int] = (3, 3)
    strides: tuple[int, int] = (1, 1)
    padding: str | tuple[tuple[int, int], ...] = "SAME"
    use_bias: bool = True
    wino: WinogradConfig = WinogradConfig()

    @nn.compact
    def __call__(self, x: jax.Array) -> jax.Array:
        fn = self.wino.conv_for(module_path(self), self.kernel_size, self.strides)
        conv = QuantConv(self.features, tuple(self.kernel_size), self.strides or (1, 1),
                         self.padding, self.use_bias, conv_general_dilated=fn,
                         name="conv")
        nn.share_scope(self, conv)
        return conv(x)


def winograd_model(model: nn.Module, config: WinogradConfig) -> nn.Module:
    """Clone ``model`` with its ``conv`` factory replaced by :class:`WinogradConv`."""
    if not hasattr(model, "conv"):
        raise TypeError(f"{type(model).__name__} has no 'conv' factory field")
    return model.clone(conv=functools.partial(WinogradConv, wino=config))


@dataclasses.dataclass(frozen=True)
class ConvInfo:
    """One conv call: module path, kernel size, strides, eligibility (for F(4,3)),
    input ``[N, H, W, C_in]``, HWIO kernel and padding (as the module has it)."""

    path: str
    kernel_size: tuple[int, ...]
    strides: tuple[int, ...]
    eligible: bool
    input: jax.Array
    kernel: jax.Array | None = None
    padding: Any = "SAME"


def conv_layers(model: nn.Module, variables: Any, x: jax.Array) -> list[ConvInfo]:
    """Every ``nn.Conv`` / ``QuantConv`` call of ``model.apply(variables, x)``, in
    order, with its input and kernel (eager; for layer lists, calibration and the
    per-layer SQNR tables of :mod:`jaxeff.ops.winograd_calib`)."""
    found: list[ConvInfo] = []

    def record(next_fun, args, kwargs, context):
        mod = context.module
        out = next_fun(*args, **kwargs)
        if context.method_name == "__call__" and isinstance(mod, nn.Conv | QuantConv):
            st = mod.strides or (1, 1)
            st = (st, st) if isinstance(st, int) else tuple(st)
            kernel = mod.variables.get("params", {}).get("kernel")
            found.append(ConvInfo(module_path(mod), tuple(mod.kernel_size), st,
                                  _eligible(mod, st), args[0], kernel, mod.padding))
        return out

    with nn.intercept_methods(record):
        model.apply(variables, x)
    return found
