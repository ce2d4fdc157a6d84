"""Winograd injection: route a net's 3x3 stride-1 convs through Winograd F(m, 3).

"Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales"
(Pan et al., arXiv 2412.19867), spec ``winograd.md`` §4 "Eligible": 3x3 convs,
stride 1, dilation 1, groups 1; stride-2, 1x1 and grouped convs stay direct.

:class:`WinogradConv` is a drop-in ``conv`` factory (DESIGN.md convention 4): a
:class:`~jaxeff.nets.layers.QuantConv` that shares its scope (same parameter
names and paths, so float checkpoints load) and whose ``conv_general_dilated`` is
chosen per module path by a :class:`WinogradConfig` (a regex rule, first design
convention 6): eligible convs matching ``pattern`` run (quantized) Winograd with
the shared or per-layer transform scales; every other conv runs direct
(quantized with ``direct_quant`` if set).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from typing import Any

import flax.linen as nn
import jax
from jax import lax

from jaxeff.nets.layers import QuantConv, module_path
from jaxeff.ops.winograd import WinogradScales, winograd_conv
from jaxeff.ops.winograd_quant import (
    WinogradQuant,
    direct_quant_conv,
    quantized_winograd_conv,
)

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
    """

    m: int | None = 4
    pattern: str = ".*"
    quant: WinogradQuant | None = None
    direct_quant: WinogradQuant | None = None
    scales: WinogradScales | dict[str, WinogradScales] | None = None
    absmax: dict[str, dict[str, jax.Array]] | None = None

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as e:
            raise ValueError(f"invalid pattern {self.pattern!r}: {e}") from e

    def conv_for(self, path: str, kernel_size, strides) -> Callable[..., jax.Array]:
        """The ``conv_general_dilated`` for the conv at ``path``."""
        if self.m is not None and eligible(kernel_size, strides) and re.fullmatch(
                self.pattern, path):
            sc = self.scales.get(path) if isinstance(self.scales, dict) else self.scales
            if self.quant is None:
                return functools.partial(winograd_conv, m=self.m, scales=sc)
            am = (self.absmax or {}).get(path)
            return functools.partial(quantized_winograd_conv, m=self.m,
                                     quant=self.quant, scales=sc, absmax=am)
        if self.direct_quant is None:
            return lax.conv_general_dilated
        return functools.partial(direct_quant_conv, quant=self.direct_quant)


def eligible(kernel_size, strides) -> bool:
    """3x3 kernel and stride 1 (spec §4)."""
    ks = tuple(kernel_size)
    st = (1, 1) if strides is None else (
        (strides, strides) if isinstance(strides, int) else tuple(strides))
    return ks == (3, 3) and st == (1, 1)


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
    """One conv call: module path, kernel size, strides, eligibility, input."""

    path: str
    kernel_size: tuple[int, ...]
    strides: tuple[int, ...]
    eligible: bool
    input: jax.Array


def conv_layers(model: nn.Module, variables: Any, x: jax.Array) -> list[ConvInfo]:
    """Every ``nn.Conv`` / ``QuantConv`` call of ``model.apply(variables, x)``, in
    order, with its input (eager; for layer lists, calibration and SQNR tables)."""
    found: list[ConvInfo] = []

    def record(next_fun, args, kwargs, context):
        mod = context.module
        if context.method_name == "__call__" and isinstance(mod, nn.Conv | QuantConv):
            st = mod.strides or (1, 1)
            st = (st, st) if isinstance(st, int) else tuple(st)
            found.append(ConvInfo(module_path(mod), tuple(mod.kernel_size), st,
                                  eligible(mod.kernel_size, st), args[0]))
        return next_fun(*args, **kwargs)

    with nn.intercept_methods(record):
        model.apply(variables, x)
    return found
