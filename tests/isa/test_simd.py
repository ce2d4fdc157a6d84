"""The jitted asmmla kernel and its GEMM vs the scalar spec (arXiv 2008.00638).

Exact tier (DESIGN.md conventions 14 and 16): bit-exact against
``jaxeff.isa.reference``, exhaustive on the s8/u8 x s4 product domain.
"""

import itertools

import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.isa import pack, simd
from jaxeff.isa import reference as R


def _words(regs: np.ndarray) -> jnp.ndarray:
    return pack.bytes_to_words(jnp.asarray(regs))


def _bytes(words) -> np.ndarray:
    return np.asarray(pack.words_to_bytes(words))


def _one_hot_batch(a_signed: bool):
    """Registers for every (i, k, j, a, w): 2*8*4*256*16 = 262,144 instructions."""
    avals = np.arange(-128, 128) if a_signed else np.arange(256)
    grid = np.array(list(itertools.product(range(2), range(8), range(4))))
    i, k, j = (np.repeat(grid[:, c], 256 * 16) for c in range(3))
    a = np.tile(np.repeat(avals, 16), len(grid))
    w = np.tile(np.arange(-8, 8), len(grid) * 256)
    av = np.zeros((len(a), 16), np.int64)
    av[np.arange(len(a)), 8 * i + k] = a
    bv = np.zeros((len(a), 32), np.int64)
    bv[np.arange(len(a)), 8 * j + k] = w
    ar = pack.lanes_to_words(jnp.asarray(av, jnp.int32), 8)
    br = pack.lanes_to_words(jnp.asarray(bv, jnp.int32), 4)
    return ar, br, 4 * i + j, a * w


@pytest.mark.parametrize("a_signed", [True, False])
def test_exhaustive_products_and_layout(a_signed):
    """Every 8x4 product at every (i, k, j) changes only lane 4i+j, by a*w."""
    ar, br, lane, prod = _one_hot_batch(a_signed)
    c = jnp.zeros((len(prod), 4), jnp.uint32)
    out, flags = simd.asmmla(c, ar, br, a_signed=a_signed)
    got = np.asarray(pack.word_lanes(out, 16, signed=True))
    expect = np.zeros_like(got)
    expect[np.arange(len(prod)), lane] = prod
    assert np.array_equal(got, expect) and not np.asarray(flags).any()
    assert len(prod) == 262_144  # each of the 4,096 (a, w) pairs at all 64 positions


@pytest.mark.parametrize("mode", ["wrap", "saturate"])
@pytest.mark.parametrize("a_signed", [True, False])
def test_random_registers_match_reference(mode, a_signed):
    rng = np.random.default_rng(hash((mode, a_signed)) % 2**32)
    regs = rng.integers(0, 256, (5000, 3, 16), dtype=np.uint8)
    # half of the accumulators near the s16 limits, so wrap/saturate is exercised
    regs[::2, 0, 1::2] = rng.choice([0x7F, 0x80], (2500, 8)).astype(np.uint8)
    out, flags = simd.asmmla(_words(regs[:, 0]), _words(regs[:, 1]),
                             _words(regs[:, 2]), mode=mode, a_signed=a_signed)
    out, flags = _bytes(out), np.asarray(flags)
    ref = [R.asmmla(d, n, m, mode=mode, a_signed=a_signed) for d, n, m in regs]
    assert np.array_equal(out, np.stack([r[0] for r in ref]))
    assert np.array_equal(flags, np.stack([r[1] for r in ref]))
    assert 0.05 < flags.mean() < 0.5  # both outcomes are exercised


@pytest.mark.slow
def test_fuzz_1e5_instructions():
    rng = np.random.default_rng(7)
    regs = rng.integers(0, 256, (100_000, 3, 16), dtype=np.uint8)
    for mode, a_signed in itertools.product(("wrap", "saturate"), (True, False)):
        out, flags = simd.asmmla(_words(regs[:, 0]), _words(regs[:, 1]),
                                 _words(regs[:, 2]), mode=mode, a_signed=a_signed)
        ref = [R.asmmla(d, n, m, mode=mode, a_signed=a_signed) for d, n, m in regs]
        assert np.array_equal(_bytes(out), np.stack([r[0] for r in ref]))
        assert np.array_equal(np.asarray(flags), np.stack([r[1] for r in ref]))


def test_kernel_compiles_once():
    rng = np.random.default_rng(0)
    regs = rng.integers(0, 256, (10, 3, 64, 16), dtype=np.uint8)
    before = simd.asmmla._cache_size()
    for r in regs:
        simd.asmmla(_words(r[0]), _words(r[1]), _words(r[2]))
    assert simd.asmmla._cache_size() - before <= 1
    before = simd._gemm_regs._cache_size()
    for seed in range(4):
        a = np.random.default_rng(seed).integers(-128, 128, (6, 40))
        b = np.random.default_rng(seed).integers(-8, 8, (40, 8))
        simd.asmmla_gemm(a, b, widen_every=seed + 1)  # W is traced: no recompile
    assert simd._gemm_regs._cache_size() - before <= 1


def test_kernel_input_errors():
    w = jnp.zeros((3, 4), jnp.uint32)
    with pytest.raises(TypeError, match="uint32"):
        simd.asmmla(w.astype(jnp.int32), w, w)
    with pytest.raises(TypeError, match="128 bits"):
        simd.asmmla(w, w[:, :2], w)
    with pytest.raises(ValueError, match="mode"):
        simd.asmmla(w, w, w, mode="clamp")


@pytest.mark.parametrize("shape", [(2, 8, 4), (5, 21, 7), (3, 31, 9), (16, 200, 12)])
def test_gemm_equals_int32_without_overflow(shape):
    m, k, n = shape
    rng = np.random.default_rng(m * k * n)
    a, b = rng.integers(-128, 128, (m, k)), rng.integers(-8, 8, (k, n))
    ua = rng.integers(0, 256, (m, k))
    # W = 1 can never overflow: one instruction adds at most 8 * 255 * 8 = 16,320
    for aa, signed in ((a, True), (ua, False)):
        res = simd.asmmla_gemm(aa, b, widen_every=1, a_signed=signed)
        assert np.array_equal(np.asarray(res.out), aa @ b)
        assert int(res.events.sum()) == 0
    assert res.instructions == -(-m // 2) * -(-n // 4) * -(-k // 8)
    if k <= 31:  # safe accumulation length for s8 x s4 (spec §B2 table)
        res = simd.asmmla_gemm(a, b, widen_every=None)
        assert np.array_equal(np.asarray(res.out), a @ b)


def test_gemm_matches_reference_gemm_with_overflow():
    rng = np.random.default_rng(3)
    a = rng.integers(100, 128, (4, 160))  # biased: running sums drift past -32768
    b = rng.choice([-8, -7, -6, 7], (160, 8), p=[0.3, 0.3, 0.3, 0.1])
    for w, mode in itertools.product((None, 2, 4), ("wrap", "saturate")):
        res = simd.asmmla_gemm(a, b, widen_every=w, mode=mode)
        ref, events = R.asmmla_gemm(a, b, widen_every=w, mode=mode)
        assert np.array_equal(np.asarray(res.out), ref)
        assert int(res.events.sum()) == events
    wrapped = simd.asmmla_gemm(a, b)
    assert int(wrapped.events.sum()) > 0 and not np.array_equal(wrapped.out, a @ b)


def test_gemm_constructed_overflow_detected():
    """A = -128, B = -8, K = 32: 4 instructions of +8192 reach 32768 (spec §B5)."""
    a, b = np.full((2, 32), -128), np.full((32, 4), -8)
    res = simd.asmmla_gemm(a, b)  # no widening before the end
    assert np.all(np.asarray(res.out) == -32768) and np.all(np.asarray(res.events) == 1)
    sat = simd.asmmla_gemm(a, b, mode="saturate")
    assert np.all(np.asarray(sat.out) == 32767)
    ok = simd.asmmla_gemm(a, b, widen_every=3)  # 3 * 8192 fits: exact
    assert np.all(np.asarray(ok.out) == 32768) and int(ok.events.sum()) == 0
    assert ok.widenings == 2 and res.widenings == 1 and res.instructions == 4


def test_gemm_input_errors():
    a, b = np.zeros((2, 8), np.int32), np.zeros((8, 4), np.int32)
    with pytest.raises(TypeError, match="integer"):
        simd.asmmla_gemm(a.astype(np.float32), b)
    with pytest.raises(ValueError, match=r"\[K, N\]"):
        simd.asmmla_gemm(a, b.T)
    with pytest.raises(ValueError, match=r"\[-8, 7\]"):
        simd.asmmla_gemm(a, b + 8)
    with pytest.raises(ValueError, match=r"\[0, 255\]"):
        simd.asmmla_gemm(a - 1, b, a_signed=False)
    with pytest.raises(ValueError, match="widen_every"):
        simd.asmmla_gemm(a, b, widen_every=0)


@pytest.mark.parametrize("seed", range(3))
def test_gemm_lanes_impl_identical_to_registers(seed):
    """impl="lanes" (unpacked lanes, exact float32 partial sums) gives the register
    path's outputs, flags and counts, with and without overflow, both modes, s8 / u8."""
    rng = np.random.default_rng(seed)
    m, k, n = 5 + seed, 150 + 7 * seed, 6 + seed
    cases = [(rng.integers(100, 128, (m, k)), True),  # biased: overflows
             (rng.integers(-128, 128, (m, k)), True), (rng.integers(0, 256, (m, k)), False)]
    b = rng.choice([-8, -7, -6, 7], (k, n), p=[0.3, 0.3, 0.3, 0.1])
    for (a, signed), w, mode in itertools.product(cases, (None, 1, 3), ("wrap", "saturate")):
        reg = simd.asmmla_gemm(a, b, widen_every=w, mode=mode, a_signed=signed)
        lan = simd.asmmla_gemm(a, b, widen_every=w, mode=mode, a_signed=signed, impl="lanes")
        assert np.array_equal(np.asarray(lan.out), np.asarray(reg.out))
        assert np.array_equal(np.asarray(lan.events), np.asarray(reg.events))
        assert (lan.instructions, lan.widenings) == (reg.instructions, reg.widenings)
    assert int(simd.asmmla_gemm(cases[0][0], b, impl="lanes").events.sum()) > 0
    # unchecked out-of-range codes are taken mod 2^8 / 2^4 (the docstring's contract)
    a, bb = rng.integers(-300, 300, (4, 16)), rng.integers(-20, 20, (16, 4))
    lan = simd.asmmla_gemm(a, bb, checked=False, impl="lanes")
    red = simd.asmmla_gemm((a + 128) % 256 - 128, (bb + 8) % 16 - 8, impl="lanes")
    assert np.array_equal(np.asarray(lan.out), np.asarray(red.out))
    with pytest.raises(ValueError, match="impl"):
        simd.asmmla_gemm(a, bb, impl="fast")
