"""Post-training quantization recipes: rules -> calibrated ``"quant"`` collection.

A recipe is a :class:`~jaxeff.nets.layers.QuantConfig` (ordered regex rules over
module paths, first match wins). :func:`quantize_model` injects QuantDense /
QuantConv / ActQuant into a net through its factory fields, and
:func:`calibrate` runs a few batches with the ``"quant_stats"`` and ``"quant"``
collections mutable (quantizers observe in float, as FQ-ViT calibrates), which
fills ``"quant"``. A rule that matches no module is an error.

:func:`fq_vit` is the FQ-ViT-style fully quantized ViT used as the Evol-Q
baseline ("FQ-ViT", arXiv 2111.13824; recipe of Evol-Q's ``config_fq.py``,
arXiv 2308.10814 §3 of our spec): per-output-channel asymmetric uint-W weights
with bias correction, uint8 per-tensor OMSE activations, power-of-two-factor
(PTF) LayerNorm inputs, float softmax / GELU / LayerNorm arithmetic.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

import flax.linen as nn
import jax
import jax.numpy as jnp
from flax.traverse_util import flatten_dict

from jaxeff.nets.layers import (
    ActQuant,
    Factory,
    LayerQuant,
    QuantConfig,
    QuantConv,
    QuantDense,
    QuantRule,
)
from jaxeff.ops.quant import QuantSpec
from jaxeff.types import Variables

log = logging.getLogger(__name__)

_VIT_WEIGHTS = r"(.*/)?(qkv|proj|fc1|fc2|head|patch_embed)"
_VIT_PTF = r"embed_sum|blocks_\d+/res[12]"
_VIT_ACTS = (r"patch_out|pos_embed_q|norm_out|logits_out|blocks_\d+/"
             r"(ln1_out|ln2_out|attn/(qkv_out|attn_logits|attn_probs|attn_v|proj_out)"
             r"|mlp/(gelu_out|fc2_out))")


def quantize_model(model: nn.Module, config: QuantConfig) -> nn.Module:
    """Clone ``model`` with quantized factories bound to ``config``.

    The model must expose ``dense``, ``conv`` and ``act_quant`` factory fields
    (ViT, ResNet). Parameter names are unchanged, so float variables load.
    """
    fields = {"dense": Factory(QuantDense, config=config),
              "conv": Factory(QuantConv, config=config),
              "act_quant": Factory(ActQuant, config=config)}
    missing = [f for f in fields if not hasattr(model, f)]
    if missing:
        raise TypeError(f"{type(model).__name__} has no factory field(s) {missing}; "
                        "quantization is injected through dense/conv/act_quant")
    return model.clone(**fields)


_QUANT_LAYERS = (QuantDense, QuantConv, ActQuant)


@functools.cache
def float_model(qmodel: nn.Module) -> nn.Module:
    """``qmodel`` with every quantizer explicitly off (``quantize=False``).

    A net from :func:`quantize_model` raises if its ``"quant"`` collection is
    missing; this clone runs the same variables in float (quantizers off: the
    float targets of Evol-Q), bit-identical to the original float model. For a
    :class:`jaxeff.inject.InjectedModel` it is the wrapped model without its rules.
    Memoised, so the clone is one jit static argument per ``qmodel``.
    """
    inner = getattr(qmodel, "model", None)
    if not isinstance(qmodel, nn.Module) and isinstance(inner, nn.Module) and hasattr(
            qmodel, "rules"):
        return inner  # a jaxeff.inject.InjectedModel: the model without its rules
    fields = {}
    for f in ("dense", "conv", "act_quant"):
        fac = getattr(qmodel, f, None)
        if isinstance(fac, partial) and fac.func in _QUANT_LAYERS:
            fields[f] = Factory(fac.func, *fac.args, **{**fac.keywords,
                                                        "quantize": False})
    if not fields:
        raise TypeError(f"{type(qmodel).__name__} is not a quantized model (no "
                        "QuantDense / QuantConv / ActQuant factories): build it with "
                        "quantize_model")
    return qmodel.clone(**fields)


def _paths(tree: Any) -> list[str]:
    """Module paths (``a/b/c``) that own at least one variable in ``tree``."""
    return sorted({"/".join(k[:-1]) for k in flatten_dict(tree)})


_INPUT_KEYS = ("image", "audio", "tokens")


def batch_inputs(batch: Any) -> jax.Array:
    """The model input of one calibration batch.

    Accepts an array ``[B, ...]``, a jaxeff batch dict (``{"image" | "audio" |
    "tokens", "label"}``, as :func:`jaxeff.data.iterate_batches` yields) or an
    ``(inputs, labels)`` tuple; anything else raises a ``ValueError`` that names the
    accepted formats.
    """
    if isinstance(batch, dict):
        keys = [k for k in _INPUT_KEYS if k in batch]
        if len(keys) != 1:
            raise ValueError(f"calib_batches: a batch dict needs exactly one of "
                             f"{_INPUT_KEYS} (jaxeff.data batches), got keys "
                             f"{sorted(batch)}")
        return jnp.asarray(batch[keys[0]])
    if isinstance(batch, tuple):
        if not batch:
            raise ValueError("calib_batches: empty tuple; expected (inputs, labels)")
        return jnp.asarray(batch[0])
    try:
        x = jnp.asarray(batch)
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"calib_batches: cannot use a {type(batch).__name__} as a batch; pass "
            f"arrays [B, ...], dicts with one of {_INPUT_KEYS} or (inputs, labels) "
            "tuples") from e
    if x.dtype == object or x.ndim == 0:
        raise ValueError(f"calib_batches: a batch must be an array [B, ...], got "
                         f"{type(batch).__name__} of shape {x.shape}")
    return x


def calibrate(model: nn.Module, variables: Variables, batches: Iterable[Any],
              *, check_rules: QuantConfig | None = None) -> Any:
    """Run calibration batches; return the filled ``"quant"`` collection.

    Args:
      model: a net built by :func:`quantize_model`.
      variables: float variables (``params`` and, if any, ``batch_stats``).
      batches: iterable of input arrays ``[B, ...]``, jaxeff batch dicts or
        ``(inputs, labels)`` tuples (:func:`batch_inputs`); ranges are running
        min/max over all of them, clip/PTF choices are scored on the last (FQ-ViT).
      check_rules: if given, raise if a rule matches no module of the net.
    """
    base = {k: v for k, v in variables.items() if k not in ("quant", "quant_stats")}

    # the float variables are an argument, not a closed-over constant: XLA would
    # otherwise constant-fold every weight reduction at compile time (minutes on a ViT)
    @jax.jit
    def step(base, stats, x):
        _, upd = model.apply({**base, **stats}, x, mutable=["quant_stats", "quant"])
        return dict(upd)

    stats: dict[str, Any] = {}
    n = 0
    for x in batches:
        stats = step(base, stats, batch_inputs(x))
        n += 1
    if n == 0:
        raise ValueError("calibrate() needs at least one batch")
    quant = stats.get("quant", {})
    if check_rules is not None:
        paths = _paths(quant)
        # weight-only rules own w_* variables, activation rules own scale/zero_point
        unused = check_rules.unused_rules(paths)
        unused = [u for u in unused if _rule_config(check_rules, u) is not None]
        if unused:
            raise ValueError(f"quantization rules matched no module: {unused}; "
                             f"module paths with quantizers: {paths[:20]}...")
    log.info("calibrated %d quantizers on %d batches", len(_paths(quant)), n)
    return quant


def _rule_config(cfg: QuantConfig, pattern: str) -> LayerQuant | None:
    return next(r.config for r in cfg.rules if r.pattern == pattern)


def fq_vit_config(w_bits: int = 8, a_bits: int = 8, *, ptf: bool = True,
                  observer: str = "omse", bias_correction: bool = True,
                  quant_input: bool = False) -> QuantConfig:
    """FQ-ViT / Evol-Q baseline rules (spec §3).

    Args:
      w_bits: weight bits (uint, per output channel, min-max, asymmetric).
      a_bits: activation bits (uint, per tensor, asymmetric).
      ptf: power-of-two factors on LayerNorm inputs (else plain per-tensor).
      observer: activation observer (``"omse"`` in FQ-ViT's e2e mode).
      bias_correction: Banner-style weight bias correction.
      quant_input: also quantize the input image (DeiT; not ViT-B).
    """
    wspec = QuantSpec(bits=w_bits, signed=False, granularity="channel", axis=-1)
    aspec = QuantSpec(bits=a_bits, signed=False)
    rules = [
        QuantRule(_VIT_WEIGHTS, LayerQuant(weight=wspec,
                                           bias_correction=bias_correction)),
        QuantRule(_VIT_PTF, LayerQuant(act=aspec, observer="ptf" if ptf else observer)),
        QuantRule(_VIT_ACTS, LayerQuant(act=aspec, observer=observer)),
    ]
    if quant_input:
        rules.append(QuantRule("input", LayerQuant(act=aspec, observer=observer)))
    return QuantConfig(tuple(rules))


def fq_vit(model: nn.Module, variables: Variables, calib_batches: Iterable[Any],
           *, w_bits: int = 8, a_bits: int = 8, **kw: Any) -> tuple[nn.Module, Variables]:
    """Fully quantize a float ViT after FQ-ViT; returns ``(qmodel, qvariables)``.

    ``qmodel.apply(qvariables, x)`` runs the quantized model; without ``"quant"`` it
    raises; ``float_model(qmodel).apply({"params": ...}, x)`` (or ``model.apply``)
    runs it in float, explicitly.
    ``calib_batches``: arrays ``[B, H, W, C]``, jaxeff batch dicts (``{"image",
    "label"}``) or ``(images, labels)`` tuples (:func:`batch_inputs`).
    Extra keyword arguments go to :func:`fq_vit_config`.
    """
    cfg = fq_vit_config(w_bits, a_bits, quant_input=getattr(model, "quant_input", False),
                        **kw)
    return ptq(model, variables, calib_batches, cfg)


def resnet_config(w_bits: int = 8, a_bits: int = 8, *, observer: str = "omse",
                  bias_correction: bool = False) -> QuantConfig:
    """Uniform CNN recipe: per-output-channel asymmetric uint-W conv/dense weights,
    uint-A per-tensor activations at every block input, block middle and the head.

    Activations after ReLU are non-negative, so unsigned grids lose nothing.
    """
    wspec = QuantSpec(bits=w_bits, signed=False, granularity="channel", axis=-1)
    aspec = QuantSpec(bits=a_bits, signed=False)
    return QuantConfig((
        QuantRule(r"(.*/)?(conv\w*|shortcut|head)",
                  LayerQuant(weight=wspec, bias_correction=bias_correction)),
        QuantRule(r"(blocks_\d+/(in_q|mid_q))|head_in_q",
                  LayerQuant(act=aspec, observer=observer)),
    ))


def ptq(model: nn.Module, variables: Variables, calib_batches: Iterable[Any],
        config: QuantConfig) -> tuple[nn.Module, Variables]:
    """Generic PTQ: inject ``config`` into ``model``, calibrate, return both."""
    qmodel = quantize_model(model, config)
    quant = calibrate(qmodel, variables, calib_batches, check_rules=config)
    return qmodel, {**{k: v for k, v in variables.items() if k != "quant"},
                    "quant": quant}
