"""Asymmetric-operand SIMD matmul (arXiv 2008.00638): spec, kernel, GEMM, models.

``reference`` is the scalar NumPy spec (asmmla and the SMMLA / SDOT / VPDPBUSD
baselines), ``pack`` the nibble / byte / word packing, ``simd`` the jitted integer
lax kernel and the GEMM built from it, ``cost`` the instruction-count model,
``systolic`` the cycle-level systolic array, ``workloads`` the overflow study's
int8 x int4 GEMMs.
"""

from jaxeff.isa import cost, pack, reference, systolic, workloads
from jaxeff.isa.simd import GemmResult, asmmla, asmmla_gemm

__all__ = ["GemmResult", "asmmla", "asmmla_gemm", "cost", "pack", "reference",
           "systolic", "workloads"]
