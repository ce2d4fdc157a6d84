"""jaxeff's quantization methods on an imported TFLite model (issue 16, item 4).

A float model from :func:`jaxeff.tflite.to_flax` is a Flax module of ``nn.Conv`` /
``nn.Dense``, so the library's injection rules (:mod:`jaxeff.inject`, DESIGN.md
convention 4) apply to it unchanged. Two methods, by name (:data:`METHODS`):

* ``"w8a8"``: direct post-training W8A8, the form an int8 TFLite holds
  (:func:`jaxeff.tflite.flax_export.export_int8`): per-output-channel symmetric int8
  conv weights, per-tensor symmetric int8 dense weights, per-tensor asymmetric int8
  layer inputs, min-max calibrated (:func:`jaxeff.inject.quantize_model`).
* ``"winograd-f43"`` / ``"winograd-f63"``: every eligible conv (3x3, stride 1) runs
  as Winograd F(4,3) / F(6,3) with x, V, U, M quantized group-wise (8 bits, g = 64)
  and transform scales learned data-free on Gaussian noise, one set shared by all
  layers; the other convs run direct W8A8 with the same group-wise quantizer; dense
  layers stay float. The paper configuration of experiments.winograd (Pan et al.,
  "Data-Free Group-Wise Fully Quantized Winograd Convolution via Learnable Scales",
  arXiv 2412.19867, spec ``winograd.md`` §4-§6).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from jaxeff.inject import InjectedModel, InjectRule, inject, quantize_model
from jaxeff.nets.layers import LayerQuant
from jaxeff.nets.winograd import WinogradConfig
from jaxeff.ops.quant import QuantSpec
from jaxeff.ops.winograd_quant import WinogradQuant
from jaxeff.search.winograd_scales import ScaleTuneConfig, tune_scales
from jaxeff.types import Key

__all__ = ["METHODS", "W8A8_RULES", "quantize_imported"]

METHODS = ("w8a8", "winograd-f43", "winograd-f63")
_W_CHANNEL = QuantSpec(bits=8, signed=True, symmetric=True, granularity="channel",
                       axis=-1)
_W_TENSOR = QuantSpec(bits=8, signed=True, symmetric=True)
_A8 = QuantSpec(bits=8, signed=True)
#: direct W8A8 rules for a ``to_flax`` module (layer names ``dense_<i>``, ``conv_<i>``,
#: ``dwconv_<i>``): what :func:`~jaxeff.tflite.flax_export.export_int8` can write
W8A8_RULES = (InjectRule(pattern="dense_.*", quant=LayerQuant(weight=_W_TENSOR, act=_A8)),
              InjectRule(pattern=".*", quant=LayerQuant(weight=_W_CHANNEL, act=_A8)))


def quantize_imported(key: Key, module: Any, variables: dict[str, Any], method: str,
                      calib: np.ndarray, *, group_size: int = 64,
                      tune: ScaleTuneConfig | None = None,
                      ) -> tuple[InjectedModel, dict[str, Any], dict[str, Any]]:
    """``(qmodel, qvariables, info)`` of ``method`` (:data:`METHODS`) on a float model.

    Args:
      key: PRNG key (the Winograd scale tuning's noise).
      module, variables: a float Flax model (e.g. from :func:`jaxeff.tflite.to_flax`).
      method: ``"w8a8"`` or ``"winograd-f43"`` / ``"winograd-f63"`` (module doc).
      calib: float model inputs ``[N, ...]`` for W8A8 calibration (training data)
        and for listing the Winograd layers.
      group_size: Winograd rows' quantization group (paper: 64).
      tune: the data-free scale tuning settings (default ``ScaleTuneConfig()``).

    Returns:
      ``qmodel.apply(qvariables, x)`` is the quantized model; ``info`` has the
      number of Winograd layers and the learned scales' tuning loss history.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    calib = np.asarray(calib, np.float32)
    if method == "w8a8":
        qm, qv = quantize_model(module, variables, W8A8_RULES, [calib])
        return qm, qv, {}
    m = {"winograd-f43": 4, "winograd-f63": 6}[method]
    q = WinogradQuant(bits=8, granularity="group", group_size=group_size)
    probe = inject(module, (InjectRule(pattern=".*", winograd=WinogradConfig(m=m)),))
    kernels = probe.winograd_kernels(variables, calib[:1])
    if not kernels:
        raise ValueError("the model has no Winograd-eligible conv (3x3, stride 1)")
    scales, history = tune_scales(key, kernels, m, q, tune or ScaleTuneConfig())
    rule = InjectRule(pattern=".*", winograd=WinogradConfig(
        m=m, quant=q, direct_quant=q, scales=scales))
    return inject(module, (rule,)), variables, {
        "winograd_layers": len(kernels), "tune_loss_first_last": [
            float(history[0]), float(history[-1])] if history else []}
