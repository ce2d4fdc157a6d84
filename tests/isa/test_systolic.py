"""Systolic-array model and instruction-count model (arXiv 2008.00638)."""

import numpy as np
import pytest

from jaxeff.isa import cost, simd
from jaxeff.isa import systolic as S


@pytest.mark.parametrize("pe", ["int8", "int8x4"])
@pytest.mark.parametrize("shape", [(1, 1, 1), (5, 20, 7), (40, 64, 40), (3, 100, 33)])
def test_simulation_exact_and_cycles_closed_form(pe, shape):
    m, k, n = shape
    rng = np.random.default_rng(m + k + n)
    a, b = rng.integers(-128, 128, (m, k)), rng.integers(-8, 8, (k, n))
    for rows, cols in ((8, 8), (16, 4)):
        cfg = S.ArrayConfig(rows=rows, cols=cols, pe=pe)
        res = S.simulate(a, b, cfg)
        assert np.array_equal(res.out, a @ b) and res.events == 0  # rows <= 31
        assert res.cycles == S.cycles(m, k, n, cfg)


def test_asymmetric_pe_doubles_throughput_and_wraps_like_the_gemm():
    m, k, n = 256, 64, 64
    sym, asym = S.ArrayConfig(pe="int8"), S.ArrayConfig(pe="int8x4")
    # 4 x 4 = 16 weight tiles vs 4 x 2 = 8: half the streaming passes
    assert S.cycles(m, k, n, sym) == 16 + 15 * 256 + 256 + 30
    assert S.cycles(m, k, n, asym) == 16 + 7 * 256 + 256 + 30
    assert S.utilization(m, k, n, asym) == pytest.approx(
        S.utilization(m, k, n, sym) * S.cycles(m, k, n, sym) / (2 * S.cycles(m, k, n, asym)))
    rng = np.random.default_rng(0)
    a = rng.integers(100, 128, (4, 160))
    b = rng.choice([-8, -7, -6, 7], (160, 8), p=[0.3, 0.3, 0.3, 0.1])
    res = S.simulate(a, b, S.ArrayConfig(rows=64, cols=2, pe="int8x4"))
    gemm = simd.asmmla_gemm(a, b, widen_every=8)  # 64 rows = 8 instructions of K=8
    assert res.events > 0 and not np.array_equal(res.out, a @ b)
    assert np.array_equal(res.out, np.asarray(gemm.out))


def test_systolic_errors():
    with pytest.raises(ValueError, match="pe"):
        S.ArrayConfig(pe="int4")
    with pytest.raises(ValueError, match="rows"):
        S.ArrayConfig(rows=0)
    with pytest.raises(ValueError, match=r"\[-8, 7\]"):
        S.simulate(np.zeros((2, 2), int), np.full((2, 2), 9), S.ArrayConfig())
    with pytest.raises(TypeError, match="integer"):
        S.simulate(np.zeros((2, 2)), np.zeros((2, 2), int), S.ArrayConfig())


def test_instruction_model_pins_the_2x():
    ins = cost.INSTRUCTIONS
    assert ins["asmmla"].macs == 2 * ins["smmla"].macs == 4 * ins["sdot"].macs == 64
    assert ins["vpdpbusd"].macs == 16
    # same register traffic (2 sources + 1 accumulator, read; 1 written)
    assert ins["asmmla"].macs_per_port_bit == 2 * ins["smmla"].macs_per_port_bit
    # 4 accumulator registers: 2x the MACs for 2.5x the port traffic
    assert ins["asmmla_4x4x8"].macs_per_port_bit == pytest.approx(
        0.8 * ins["asmmla"].macs_per_port_bit)
    m, k, n = 64, 256, 64
    a = cost.gemm_cost(m, k, n, "asmmla")
    s = cost.gemm_cost(m, k, n, "smmla")
    assert s["instructions"] == 2 * a["instructions"] == 32 * 32 * 32
    assert a["instructions"] == simd.asmmla_gemm(np.zeros((m, k), int),
                                                 np.zeros((k, n), int)).instructions
    for w in (1, 2, 4, 8, 16):  # closed form 2 / (1 + 2/W) when K/8 is a multiple of W
        aw = cost.gemm_cost(m, k, n, "asmmla", widen_every=w)
        assert s["instructions"] / (aw["instructions"] + aw["widen_ops"]) == \
            pytest.approx(cost.speedup_vs_smmla(w))
    assert s["unpack_ops"] == 2 * k * n // 32 and a["unpack_ops"] == 0
    with pytest.raises(ValueError, match="unknown"):
        cost.gemm_cost(1, 1, 1, "vnni")
    with pytest.raises(ValueError, match="positive"):
        cost.gemm_cost(0, 1, 1, "asmmla")
