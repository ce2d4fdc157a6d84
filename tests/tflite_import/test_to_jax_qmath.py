"""Fixed-point helpers of jaxeff.tflite.qmath against plain int64 NumPy definitions."""

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.tflite import qmath as Q

EDGE = np.array([Q.INT32_MIN, Q.INT32_MIN + 1, -(2**30), -65537, -65536, -2, -1, 0, 1, 2,
                 65535, 65536, 2**30, 2**31 - 2, Q.INT32_MAX], np.int32)


def _pairs(n=50_000, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.integers(Q.INT32_MIN, Q.INT32_MAX, n, dtype=np.int64, endpoint=True)
    b = rng.integers(Q.INT32_MIN, Q.INT32_MAX, n, dtype=np.int64, endpoint=True)
    a = np.concatenate([a.astype(np.int32), np.repeat(EDGE, EDGE.size)])
    b = np.concatenate([b.astype(np.int32), np.tile(EDGE, EDGE.size)])
    return a, b


def test_oracle_hand_values():
    # SRDHM: high half of 2ab; the C nudge then truncation rounds ties toward +inf
    # (1.5 -> 2, -1.5 -> -1); INT32_MIN^2 saturates
    assert Q.np_srdhm(np.int32(Q.INT32_MIN), np.int32(Q.INT32_MIN)) == Q.INT32_MAX
    assert Q.np_srdhm(np.int32(2**30), np.int32(2**30)) == 2**29
    assert Q.np_srdhm(np.int32(3), np.int32(2**30)) == 2  # 1.5 -> 2
    assert Q.np_srdhm(np.int32(-3), np.int32(2**30)) == -1  # -1.5 -> -1
    assert Q.np_srdhm(np.int32(-5), np.int32(2**30)) == -2  # -2.5 -> -2
    assert Q.np_srdhm(np.int32(-7), np.int32(2**29)) == -2  # -1.75 -> -2
    assert Q.np_srdhm(np.int32(1), np.int32(2**30)) == 1  # 0.5 -> 1
    # RoundingDivideByPOT: ties away from zero
    np.testing.assert_array_equal(
        Q.np_rounding_divide_by_pot(np.array([5, -5, 6, -6, 7, -7], np.int32), 1),
        [3, -3, 3, -3, 4, -4])
    # single rounding: ties up (toward +inf)
    assert Q.np_mbqm_single(np.int32(-3), np.int32(2**30), np.int32(0)) == -1  # -1.5
    assert Q.np_mbqm_single(np.int32(3), np.int32(2**30), np.int32(0)) == 2  # 1.5
    # a case met in dnn_s (x*M = 0.4958): double rounding gives 31.73 -> 32, 32/64 -> 1
    assert Q.np_mbqm(np.int32(36), np.int32(1892665042), np.int32(-6)) == 1
    assert Q.np_mbqm_single(np.int32(36), np.int32(1892665042), np.int32(-6)) == 0


def test_srdhm_exact_vs_int64():
    a, b = _pairs()
    got = np.asarray(Q.srdhm(jnp.asarray(a), jnp.asarray(b)))
    np.testing.assert_array_equal(got, Q.np_srdhm(a, b))


def test_rounding_divide_by_pot_exact():
    a, _ = _pairs(seed=1)
    e = np.random.default_rng(2).integers(0, 32, a.size).astype(np.int32)
    got = np.asarray(Q.rounding_divide_by_pot(jnp.asarray(a), jnp.asarray(e)))
    np.testing.assert_array_equal(got, Q.np_rounding_divide_by_pot(a, e))


def test_mbqm_double_exact():
    a, b = _pairs(seed=3)
    q = np.abs(b.astype(np.int64)).clip(2**30, 2**31 - 1).astype(np.int32)
    s = np.random.default_rng(4).integers(-31, 8, a.size).astype(np.int32)
    got = np.asarray(Q.mbqm(jnp.asarray(a), jnp.asarray(q), jnp.asarray(s)))
    np.testing.assert_array_equal(got, Q.np_mbqm(a, q, s))


def test_mbqm_single_exact():
    a, b = _pairs(seed=5)
    q = np.abs(b.astype(np.int64)).clip(2**30, 2**31 - 1).astype(np.int32)
    s = np.random.default_rng(6).integers(-31, 31, a.size).astype(np.int32)
    ref = ((a.astype(np.int64) * q + (np.int64(1) << (30 - s.astype(np.int64))))
           >> (31 - s.astype(np.int64)))
    fits = (ref >= Q.INT32_MIN) & (ref <= Q.INT32_MAX)  # the C code DCHECKs this range
    assert fits.mean() > 0.4
    got = np.asarray(Q.mbqm_single(jnp.asarray(a), jnp.asarray(q), jnp.asarray(s)))
    np.testing.assert_array_equal(got[fits], ref[fits])
    np.testing.assert_array_equal(Q.np_mbqm_single(a, q, s)[fits], ref[fits])


@pytest.mark.parametrize("m,want", [(0.0, (0, 0)), (0.5, (2**30, 0)), (1.0, (2**30, 1)),
                                    (0.75, (3 * 2**29, 0)), (2.0**-40, (0, 0))])
def test_quantize_multiplier_values(m, want):
    assert Q.quantize_multiplier(m) == want


def test_quantize_multiplier_roundtrip_and_errors():
    rng = np.random.default_rng(7)
    for m in rng.uniform(1e-6, 4.0, 200):
        q, s = Q.quantize_multiplier(float(m))
        assert 2**30 <= q < 2**31
        assert abs(q * 2.0 ** (s - 31) - m) <= 2.0 ** (s - 32)
    with pytest.raises(ValueError, match="multiplier"):
        Q.quantize_multiplier(-1.0)


def test_activation_range():
    assert Q.activation_range("RELU6", "uint8", 6 / 255, 0) == (0, 255)
    assert Q.activation_range("RELU", "int8", 0.1, -5) == (-5, 127)
    assert Q.activation_range(None, "int8", 0.1, 3) == (-128, 127)
    assert Q.activation_range("RELU6", "int8", 0.1, -128) == (-128, -68)
