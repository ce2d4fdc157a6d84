"""Asymmetric-operand SIMD matmul (arXiv 2008.00638): spec, kernel, GEMM, models.

``reference`` is the scalar NumPy spec (asmmla and the SMMLA / SDOT / VPDPBUSD
baselines), ``pack`` the nibble / byte / word packing, ``simd`` the jitted integer
lax kernel and the GEMM built from it, ``cost`` the instruction-count model,
``systolic`` the cycle-level systolic array, ``workloads`` the overflow study's
int8 x int4 GEMMs, ``network`` whole W4A8 networks with the asmmla GEMM in the loop.
"""

from jaxeff.isa import cost, network, pack, reference, systolic, workloads
from jaxeff.isa.network import simd_apply
from jaxeff.isa.simd import GemmResult, asmmla, asmmla_gemm, asmmla_gemm_checked

__all__ = ["GemmResult", "asmmla", "asmmla_gemm", "asmmla_gemm_checked", "cost",
           "network", "pack", "reference", "simd_apply", "systolic", "workloads"]
