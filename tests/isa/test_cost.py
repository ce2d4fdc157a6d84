"""Instruction-count model of the asymmetric SIMD matmul (arXiv 2008.00638, spec §B2):
hand counts for every instruction, the closed-form speed-up, and the argument checks."""

import pytest

from jaxeff.isa.cost import INSTRUCTIONS, gemm_cost, speedup_vs_smmla

M, K, N = 4, 64, 8


@pytest.mark.parametrize("instr, widen_every, want", [
    # ASMMLA tile (2, 8, 4): tiles = 2 * 2, steps = 64 / 8; widening 2 ops per
    # accumulator register per tile, once at the end or every W steps (ceil(8 / 3) = 3)
    ("asmmla", None, dict(instructions=4 * 8, widen_ops=2 * 1 * 4 * 1, unpack_ops=0)),
    ("asmmla", 3, dict(instructions=4 * 8, widen_ops=2 * 1 * 4 * 3, unpack_ops=0)),
    # 4x4x8 variant: tile (4, 4, 8), 4 accumulator registers: tiles = 1, steps = 16
    ("asmmla_4x4x8", None, dict(instructions=1 * 16, widen_ops=2 * 4 * 1 * 1, unpack_ops=0)),
    ("asmmla_4x4x8", 5, dict(instructions=1 * 16, widen_ops=2 * 4 * 1 * 4, unpack_ops=0)),
    # SMMLA tile (2, 8, 2): 2 * 4 tiles x 8 steps; int4 unpacking 2 ops per 32 weights
    ("smmla", None, dict(instructions=8 * 8, widen_ops=0, unpack_ops=2 * (64 * 8 // 32))),
    # dot forms, tile (1, 4, 4): 4 * 2 tiles x 16 steps
    ("sdot", None, dict(instructions=8 * 16, widen_ops=0, unpack_ops=32)),
    ("vpdpbusd", 7, dict(instructions=8 * 16, widen_ops=0, unpack_ops=32)),
])
def test_hand_counts(instr, widen_every, want):
    got = gemm_cost(M, K, N, instr, widen_every=widen_every)
    assert got == {**want, "total_ops": sum(want.values()), "macs": M * K * N}


def test_useful_macs_never_exceed_instruction_capacity():
    for name, info in INSTRUCTIONS.items():
        for m, k, n in ((1, 1, 1), (3, 17, 5), (8, 64, 8)):
            c = gemm_cost(m, k, n, name)
            assert c["macs"] <= c["instructions"] * info.macs
            assert c["instructions"] >= 1


@pytest.mark.parametrize("w", [2, 4, 8, 16])
def test_speedup_closed_form_equals_the_counts(w):
    """``2 / (1 + 2/W)`` = SMMLA instructions / ASMMLA ops (N % 4 = 0, W | K/8)."""
    k = 8 * 16
    s = gemm_cost(6, k, 8, "smmla")["instructions"]
    a = gemm_cost(6, k, 8, "asmmla", widen_every=w)
    assert s / (a["instructions"] + a["widen_ops"]) == pytest.approx(speedup_vs_smmla(w))
    assert speedup_vs_smmla(None) == 2.0


@pytest.mark.parametrize("mkn", [(0, 8, 8), (8, 0, 8), (8, 8, 0), (-1, 8, 8)])
def test_sizes_must_be_positive(mkn):
    with pytest.raises(ValueError, match="GEMM sizes must be positive"):
        gemm_cost(*mkn, "asmmla")


def test_smallest_gemm_and_bad_arguments():
    assert gemm_cost(1, 1, 1, "asmmla")["instructions"] == 1
    with pytest.raises(ValueError, match="widen_every must be >= 1 or None, got 0"):
        gemm_cost(8, 8, 8, "asmmla", widen_every=0)
    with pytest.raises(ValueError, match="unknown instruction 'nope'"):
        gemm_cost(8, 8, 8, "nope")
