"""Pure ops: quantization, calibration, low-rank (more families are added by their files)."""

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
