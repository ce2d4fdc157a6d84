"""Injection into any Flax model: PTQ fake-quant and Winograd by method interception.

Quantization and Winograd enter a model that uses plain ``nn.Dense``,
``nn.DenseGeneral``, ``nn.Conv`` or ``nn.Einsum`` without editing it (DESIGN.md
convention 4): :func:`injection` installs a Flax method interceptor
(``nn.intercept_methods``, the mechanism google/qwix builds on) that, around each
such layer's ``__call__``, looks up the first :class:`InjectRule` whose regex
fullmatches the layer's module path (``"block_0/Conv_1"``; DESIGN.md convention 6)
and swaps two of the layer's own hooks for the duration of the call:

* ``promote_dtype`` -> the same promotion, then the layer input goes through the
  activation quantizer and the kernel through the weight quantizer of
  ``rule.quant`` (a :class:`~jaxeff.nets.layers.LayerQuant`: the FQ-ViT / Evol-Q
  quantizer, arXiv 2111.13824 / 2308.10814, with min-max or OMSE calibration);
* ``conv_general_dilated`` (``nn.Conv`` only) -> the per-layer router of
  ``rule.winograd`` (a :class:`~jaxeff.nets.winograd.WinogradConfig`): convs that
  pass the one eligibility rule :func:`~jaxeff.ops.winograd.check_eligible` (square
  kernel with Cook-Toom points, i.e. 3x3 by default, stride 1, no dilation, no
  groups: Pan et al., arXiv 2412.19867, spec ``winograd.md`` §4) run (quantized)
  Winograd F(m, r); all others stay direct (with the config's ``direct_quant``,
  float by default).

Both hooks live in one slot, so a rule with ``quant`` and ``winograd`` applies both
(PTQ-quantized input and kernel, then the Winograd algorithm); neither replaces
the other. Parameter names and paths are untouched, so float checkpoints load.
Calibrated scales are variables of the ``"quant"`` collection (``w_scale``,
``w_zero_point``, ``scale``, ``zero_point`` under each layer's path), so a search
can ``vmap`` over them (:func:`jaxeff.search.evolq.run_search`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import flax.linen as nn
import jax
from flax.traverse_util import flatten_dict
from jax import lax

from jaxeff.nets.layers import (
    LayerQuant,
    act_fake_quant,
    module_path,
    weight_fake_quant,
)
from jaxeff.nets.winograd import WinogradConfig
from jaxeff.ptq import batch_inputs, calibrate
from jaxeff.types import Variables

__all__ = ["InjectRule", "InjectedModel", "LayerInfo", "inject", "injection",
           "quantize_model"]

LAYERS = (nn.Dense, nn.DenseGeneral, nn.Conv, nn.Einsum)
"""The Flax layer classes that rules act on (subclasses included)."""
_NHWC = ("NHWC", "HWIO", "NHWC")


@dataclasses.dataclass(frozen=True, kw_only=True)
class InjectRule:
    """One rule: layers whose module path fullmatches ``pattern`` get ``quant``
    (weight / input fake-quant) and, if ``nn.Conv``, the ``winograd`` routing.

    Both ``None`` keeps matching layers in float (an exclusion rule before a
    broader one). Rules are ordered; the first match wins.
    """

    pattern: str
    quant: LayerQuant | None = None
    winograd: WinogradConfig | None = None

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as e:
            raise ValueError(f"invalid rule regex {self.pattern!r}: {e}") from e
        if self.quant is not None and not isinstance(self.quant, LayerQuant):
            raise TypeError(f"rule {self.pattern!r}: quant must be a LayerQuant, got "
                            f"{type(self.quant).__name__}")
        if self.winograd is not None and not isinstance(self.winograd, WinogradConfig):
            raise TypeError(f"rule {self.pattern!r}: winograd must be a WinogradConfig,"
                            f" got {type(self.winograd).__name__}")


@dataclasses.dataclass(frozen=True)
class LayerInfo:
    """One intercepted layer call: path, class name, kernel shape, the index of the
    rule that applied (``None``: no rule), and whether it ran as Winograd."""

    path: str
    kind: str
    kernel_shape: tuple[int, ...]
    rule: int | None
    winograd: bool


def _as_rules(rules: Sequence[InjectRule]) -> tuple[InjectRule, ...]:
    if isinstance(rules, InjectRule):
        rules = (rules,)
    rules = tuple(rules)
    for r in rules:
        if not isinstance(r, InjectRule):
            raise TypeError(f"rules must be InjectRule instances, got {r!r}")
    return rules


def _first_match(rules: Sequence[InjectRule], path: str) -> int | None:
    return next((i for i, r in enumerate(rules) if re.fullmatch(r.pattern, path)),
                None)


def _quant_promote(mod: nn.Module, cfg: LayerQuant, promote: Callable) -> Callable:
    """``promote_dtype`` followed by the input and kernel quantizers of ``cfg``."""

    def wrapped(inputs, kernel, *rest, **kw):
        inputs, kernel, *rest = promote(inputs, kernel, *rest, **kw)
        inputs = act_fake_quant(mod, cfg, inputs)
        shape = kernel.shape
        if isinstance(mod, nn.DenseGeneral):  # one output channel per feature tuple
            feats = mod.features if isinstance(mod.features, Sequence) else (
                mod.features,)
            kernel = kernel.reshape(-1, math.prod(shape[len(shape) - len(feats):]))
        kernel = weight_fake_quant(mod, cfg, kernel).reshape(shape)
        return (inputs, kernel, *rest)

    return wrapped


def _winograd_router(wc: WinogradConfig, path: str, ran: list[bool]) -> Callable:
    """``conv_general_dilated`` for a Flax ``nn.Conv``: eligible 2-D convs go
    through ``wc.conv_for`` (the library's per-layer router), the rest direct."""

    def conv(lhs, rhs, window_strides, padding, lhs_dilation=None, rhs_dilation=None,
             dimension_numbers=None, feature_group_count=1, batch_group_count=1,
             precision=None, preferred_element_type=None):
        kw = {"lhs_dilation": lhs_dilation, "rhs_dilation": rhs_dilation,
              "feature_group_count": feature_group_count,
              "batch_group_count": batch_group_count, "precision": precision,
              "preferred_element_type": preferred_element_type}
        if lhs.ndim != 4:  # 1-D / 3-D convs: never Winograd here
            ran.append(False)
            return lax.conv_general_dilated(lhs, rhs, window_strides, padding,
                                            dimension_numbers=dimension_numbers, **kw)
        if lax.conv_dimension_numbers(lhs.shape, rhs.shape, dimension_numbers) != \
                lax.conv_dimension_numbers(lhs.shape, rhs.shape, _NHWC):
            raise ValueError(f"{path}: expected Flax's NHWC/HWIO layout, got "
                             f"{dimension_numbers}")
        fn = wc.conv_for(path)  # the library's router: one eligibility rule
        ran.append(fn.why_direct(lhs.shape, rhs.shape, window_strides, lhs_dilation,
                                 rhs_dilation, _NHWC, feature_group_count,
                                 batch_group_count) is None)
        return fn(lhs, rhs, window_strides, padding, dimension_numbers=_NHWC, **kw)

    return conv


@contextlib.contextmanager
def _patched(mod: nn.Module, patches: dict[str, Any]) -> Iterator[None]:
    """Set fields of the bound layer ``mod`` for one call, then restore them."""
    old = {k: getattr(mod, k) for k in patches}
    try:
        for k, v in patches.items():
            object.__setattr__(mod, k, v)
        yield
    finally:
        for k, v in old.items():
            object.__setattr__(mod, k, v)


def _intercept(rules, record, next_fun, args, kwargs, context):
    mod = context.module
    if context.method_name != "__call__" or not isinstance(mod, LAYERS):
        return next_fun(*args, **kwargs)
    path = module_path(mod)
    idx = _first_match(rules, path)
    rule = None if idx is None else rules[idx]
    patches: dict[str, Any] = {}
    ran: list[bool] = []
    if rule is not None and rule.quant is not None:
        patches["promote_dtype"] = _quant_promote(mod, rule.quant, mod.promote_dtype)
    if rule is not None and rule.winograd is not None and isinstance(mod, nn.Conv):
        if mod.conv_general_dilated is not None or \
                mod.conv_general_dilated_cls is not None:
            raise ValueError(f"{path}: the layer already has its own "
                             "conv_general_dilated; a Winograd rule would replace it")
        patches["conv_general_dilated"] = _winograd_router(rule.winograd, path, ran)
    with _patched(mod, patches):
        y = next_fun(*args, **kwargs)
    if record is not None:
        kshape = tuple(mod.get_variable("params", "kernel").shape) if mod.has_variable(
            "params", "kernel") else ()
        record.append(LayerInfo(path, type(mod).__name__, kshape, idx, any(ran)))
    return y


@contextlib.contextmanager
def injection(rules: Sequence[InjectRule],
              record: list[LayerInfo] | None = None) -> Iterator[None]:
    """Context in which every ``model.apply`` / ``init`` runs with ``rules``.

    Args:
      rules: ordered :class:`InjectRule` s (first fullmatch of the module path wins).
      record: if given, a :class:`LayerInfo` is appended per intercepted layer call
        (at trace time under ``jit``).
    """
    rules = _as_rules(rules)
    with nn.intercept_methods(functools.partial(_intercept, rules, record)):
        yield


@dataclasses.dataclass(frozen=True)
class InjectedModel:
    """``model`` with ``rules`` injected; ``init`` / ``apply`` as ``nn.Module``'s.

    Hashable (a jit static argument, e.g. inside an Evol-Q adapter).
    """

    model: nn.Module
    rules: tuple[InjectRule, ...]

    def init(self, *args: Any, **kwargs: Any) -> Variables:
        with injection(self.rules):
            return self.model.init(*args, **kwargs)

    def apply(self, variables: Variables, *args: Any, **kwargs: Any) -> Any:
        with injection(self.rules):
            return self.model.apply(variables, *args, **kwargs)

    def layers(self, variables: Variables, *args: Any, **kwargs: Any) -> list[LayerInfo]:
        """Every intercepted layer call of ``apply(variables, *args)`` (abstract
        evaluation: no compute), in call order."""
        record: list[LayerInfo] = []
        # traced as a calibration pass: quantizers need no "quant" variables there
        kwargs = {"mutable": ["quant_stats", "quant"], **kwargs}
        with injection(self.rules, record):
            jax.eval_shape(functools.partial(self.model.apply, **kwargs), variables,
                           *args)
        return record

    def winograd_kernels(self, variables: Variables, *args: Any,
                         **kwargs: Any) -> dict[str, jax.Array]:
        """``{path: HWIO kernel [3, 3, C_in, C_out]}`` of the convs that run as
        Winograd (the layers :func:`jaxeff.search.winograd_scales.tune_scales`
        learns scales for)."""
        params = flatten_dict(variables["params"], sep="/")
        return {i.path: params[f"{i.path}/kernel"]
                for i in self.layers(variables, *args, **kwargs) if i.winograd}

    def check(self, variables: Variables, *args: Any, **kwargs: Any) -> list[LayerInfo]:
        """:meth:`layers`, raising ``ValueError`` if a rule applies to no layer
        (matches none, or only layers an earlier rule already took)."""
        found = self.layers(variables, *args, **kwargs)
        used = {info.rule for info in found}
        unused = [r.pattern for i, r in enumerate(self.rules) if i not in used]
        if unused:
            paths = sorted({info.path for info in found})
            raise ValueError(f"rules applied to no layer: {unused}; layer paths "
                             f"({len(paths)}): {paths[:20]}")
        return found


def inject(model: nn.Module, rules: Sequence[InjectRule]) -> InjectedModel:
    """Wrap ``model`` (any Flax module) so ``init`` / ``apply`` run with ``rules``."""
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a flax.linen Module, got {type(model).__name__}")
    rules = _as_rules(rules)
    if not rules:
        raise ValueError("rules is empty; pass at least one InjectRule")
    return InjectedModel(model, rules)


def quantize_model(model: nn.Module, variables: Variables,
                   rules: Sequence[InjectRule], calib_batches: Iterable[Any]
                   ) -> tuple[InjectedModel, Variables]:
    """Post-training quantization of any Flax model by rules; returns
    ``(qmodel, qvariables)``.

    Checks the rules on the first batch (each must apply to some layer), then runs
    every batch with ``"quant_stats"`` and ``"quant"`` mutable (weights: min-max per
    ``rule.quant.weight``; layer inputs: running min-max, then ``rule.quant.observer``)
    and returns ``variables`` with the filled ``"quant"`` collection.
    ``qmodel.apply(qvariables, x)`` is the fake-quantized (and Winograd-routed)
    model; without ``"quant"`` it raises (run float explicitly with ``qmodel.model``).

    Args:
      model: any ``flax.linen`` module using ``nn.Dense`` / ``nn.DenseGeneral`` /
        ``nn.Conv`` / ``nn.Einsum``.
      variables: its float variables (``params``, optionally ``batch_stats``).
      rules: ordered :class:`InjectRule` s.
      calib_batches: arrays ``[B, ...]``, jaxeff batch dicts (``{"image", "label"}``)
        or ``(inputs, labels)`` tuples (:func:`jaxeff.ptq.batch_inputs`).
    """
    qmodel = inject(model, rules)
    batches = [batch_inputs(b) for b in calib_batches]
    if not batches:
        raise ValueError("calib_batches is empty; pass at least one batch")
    base = {k: v for k, v in variables.items() if k not in ("quant", "quant_stats")}
    qmodel.check(base, batches[0])
    quant = calibrate(qmodel, base, batches)
    return qmodel, {**base, "quant": quant}
