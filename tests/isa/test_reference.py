"""The scalar spec of the asymmetric SIMD matmul (arXiv 2008.00638) and its baselines.

Exact tier (DESIGN.md convention 14): every check compares Python integers.
"""

import numpy as np
import pytest

from jaxeff.isa import reference as R

U8 = np.uint8


def _reg(values, width):
    return R.from_lanes(list(values), width)


def _one_hot(i, k, j, a, w, *, a_signed=True):
    """Registers with A[i][k] = a and B[k][j] = w, everything else 0."""
    av = [0] * 16
    av[8 * i + k] = a
    nib = [0] * 32
    nib[8 * j + k] = w
    return _reg([0] * 8, 16), _reg(av, 8), _reg(nib, 4)


def test_wrap_saturate_sign_extend_facts():
    assert R.wrap(32768, 16) == -32768 and R.wrap(-32769, 16) == 32767
    assert R.wrap(2**31, 32) == -(2**31) and R.wrap(65536 + 5, 16) == 5
    assert R.saturate(40000, 16) == 32767 and R.saturate(-40000, 16) == -32768
    assert [R.sign_extend(v, 4) for v in (0, 7, 8, 15)] == [0, 7, -8, -1]
    with pytest.raises(ValueError):
        R.sign_extend(16, 4)
    with pytest.raises(ValueError):
        R.wrap(0, 0)
    with pytest.raises(ValueError):
        R.saturate(0, 65)


def test_lane_layout_little_endian():
    reg = np.arange(16, dtype=U8)
    assert R.lanes(reg, 8, False) == list(range(16))
    assert R.lanes(reg, 16, False)[0] == 0x0100 and R.lanes(reg, 32, False)[1] == 0x07060504
    assert R.lanes(reg, 4, False)[:4] == [0, 0, 1, 0]  # low nibble first
    for width in (4, 8, 16, 32):
        vals = R.lanes(reg, width, signed=True)
        assert np.array_equal(R.from_lanes(vals, width), reg)
    with pytest.raises(ValueError):
        R.lanes(reg, 24, False)
    with pytest.raises(TypeError):
        R.lanes(np.arange(16, dtype=np.int32), 8, False)


@pytest.mark.parametrize("a_signed", [True, False])
def test_every_8x4_product(a_signed):
    """All 256 x 16 = 4,096 products, at A[1][7] x B[7][3] (lane 7)."""
    avals = range(-128, 128) if a_signed else range(256)
    for a in avals:
        for w in range(-8, 8):
            d, n, m = _one_hot(1, 7, 3, a, w)
            out, flags = R.asmmla(d, n, m, a_signed=a_signed)
            assert R.lanes(out, 16, True) == [0] * 7 + [a * w]
            assert not flags.any()


def test_layout_each_position_changes_only_its_lane():
    for i in range(2):
        for k in range(8):
            for j in range(4):
                d, n, m = _one_hot(i, k, j, -128, -7)
                out, _ = R.asmmla(d, n, m)
                expect = [0] * 8
                expect[4 * i + j] = 896
                assert R.lanes(out, 16, True) == expect, (i, k, j)


def test_constructed_overflow_wrap_and_saturate():
    """A = -128, B = -8: each instruction adds 8 * 1024 = 8192 (spec §B5)."""
    n, m = _reg([-128] * 16, 8), _reg([-8] * 32, 4)
    for mode, final in (("wrap", -32768), ("saturate", 32767)):
        d, events = _reg([0] * 8, 16), []
        for _ in range(4):
            d, flags = R.asmmla(d, n, m, mode=mode)
            events.append(int(flags.sum()))
        assert R.lanes(d, 16, True) == [final] * 8
        assert events == [0, 0, 0, 8]  # one event per lane, at the 4th instruction


def test_asmmla_input_errors():
    z = np.zeros(16, U8)
    with pytest.raises(ValueError, match="mode"):
        R.asmmla(z, z, z, mode="clip")
    with pytest.raises(ValueError, match="bytes"):
        R.asmmla(z, z[:8], z)
    with pytest.raises(TypeError, match="uint8"):
        R.asmmla(z.astype(np.int8), z, z)
    with pytest.raises(ValueError, match="shape"):
        R.asmmla(z, z, z, shape=(2, 3, 3))


def test_alternative_shape_4x4x8():
    """Multi-register accumulator form (4x4 . 4x8 -> 4x8 s16, 128 MACs)."""
    rng = np.random.default_rng(0)
    a, b = rng.integers(-128, 128, (4, 4)), rng.integers(-8, 8, (4, 8))
    out, _ = R.asmmla(_reg([0] * 32, 16), _reg(a.ravel(), 8), _reg(b.T.ravel(), 4),
                      shape=(4, 4, 8))
    assert np.array_equal(np.array(R.lanes(out, 16, True)).reshape(4, 8), a @ b)


def test_int32_baselines_at_the_limit():
    top = _reg([2**31 - 1] * 4, 32)
    one = _reg([1] + [0] * 15, 8)
    for fn in (R.smmla, R.sdot):
        out, flags = fn(top, one, one)
        assert R.lanes(out, 32, True)[0] == -(2**31) and flags[0] and not flags[1:].any()
    out, flags = R.vpdpbusd(top, one, one)
    assert R.lanes(out, 32, True)[0] == -(2**31) and flags[0]
    out, flags = R.vpdpbusd(top, one, one, saturate_result=True)
    assert R.lanes(out, 32, True)[0] == 2**31 - 1 and flags[0]


def test_baseline_semantics():
    rng = np.random.default_rng(1)
    a, b = rng.integers(-128, 128, 16), rng.integers(-128, 128, 16)
    ua = rng.integers(0, 256, 16)
    z = _reg([0] * 4, 32)
    out, _ = R.smmla(z, _reg(a, 8), _reg(b, 8))
    assert R.lanes(out, 32, True) == (a.reshape(2, 8) @ b.reshape(2, 8).T).ravel().tolist()
    out, _ = R.smmla(z, _reg(ua, 8), _reg(b, 8), a_signed=False)  # USMMLA
    assert R.lanes(out, 32, True) == (ua.reshape(2, 8) @ b.reshape(2, 8).T).ravel().tolist()
    out, _ = R.sdot(z, _reg(a, 8), _reg(b, 8))
    assert R.lanes(out, 32, True) == (a * b).reshape(4, 4).sum(1).tolist()
    out, _ = R.sdot(z, _reg(a, 8), _reg(b, 8), index=2)
    assert R.lanes(out, 32, True) == (a.reshape(4, 4) @ b[8:12]).tolist()
    out, _ = R.vpdpbusd(z, _reg(ua, 8), _reg(b, 8))
    assert R.lanes(out, 32, True) == (ua * b).reshape(4, 4).sum(1).tolist()
    with pytest.raises(ValueError, match="index"):
        R.sdot(z, z, z, index=4)


def test_reference_gemms_equal_int_matmul_without_overflow():
    rng = np.random.default_rng(2)
    a, b = rng.integers(-128, 128, (5, 21)), rng.integers(-8, 8, (21, 7))
    out, events = R.asmmla_gemm(a, b)  # K <= 31: no overflow possible (spec §B2)
    assert events == 0
    assert np.array_equal(out, a @ b) and np.array_equal(R.smmla_gemm(a, b), a @ b)
    with pytest.raises(ValueError, match=r"\[M, K\]"):
        R.asmmla_gemm(a, b.T)
