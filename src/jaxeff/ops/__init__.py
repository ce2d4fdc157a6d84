"""Pure ops: quantization, calibration, low-rank, collapse, attacks (more families are added by
their files)."""

from jaxeff.ops.attacks import bpda, cross_entropy_loss, fgsm, pgd

from jaxeff.ops.calibrate import (
    bias_correct,
    minmax_qparams,
    observe_minmax,
    observe_mse,
    observe_omse,
    observe_percentile,
    ptf_params,
    reduce_minmax,
)
from jaxeff.ops.lowrank import Factorization, plan
from jaxeff.ops.collapse import (
    collapse_bias,
    collapse_block,
    conv2d,
    delta_collapse,
    expanded_block,
    residual_kernel,
)
from jaxeff.ops.quant import (
    QParams,
    QuantSpec,
    dequantize,
    expand_params,
    fake_quant,
    int_matmul,
    quantize,
    round_ste,
)

__all__ = [
    "Factorization",
    "bpda",
    "collapse_bias",
    "collapse_block",
    "conv2d",
    "cross_entropy_loss",
    "delta_collapse",
    "expanded_block",
    "fgsm",
    "pgd",
    "residual_kernel",
    "QParams",
    "QuantSpec",
    "bias_correct",
    "dequantize",
    "expand_params",
    "fake_quant",
    "int_matmul",
    "minmax_qparams",
    "observe_minmax",
    "observe_mse",
    "observe_omse",
    "observe_percentile",
    "plan",
    "ptf_params",
    "quantize",
    "reduce_minmax",
    "round_ste",
]
