"""jaxeff.isa.systolic at its exact boundaries (mutation survivors of issue 26): the s16
lane of an int8x4 PE holds [-32768, 32767] without an overflow event and wraps one
step beyond; the input code ranges are inclusive and refused one step outside."""

import numpy as np
import pytest

from jaxeff.isa import systolic as S


def _column(total: int, sign: int) -> tuple[np.ndarray, np.ndarray]:
    """a [1, 129] u8 codes summing to ``total`` (<= 129*255), b = ``sign`` everywhere."""
    a = np.full(129, total // 129)
    a[: total % 129] += 1
    return a[None, :], np.full((129, 1), sign)


@pytest.mark.parametrize("total,sign,events,out", [
    (32767, 1, 0, 32767),      # s16 max: exact, no event
    (32768, 1, 1, -32768),     # one beyond: wraps, one event (at the last row)
    (32768, -1, 0, -32768),    # s16 min: exact, no event
    (32769, -1, 1, 32767),     # one below: wraps
])
def test_int8x4_lane_overflow_is_flagged_exactly_beyond_s16(total, sign, events, out):
    a, b = _column(total, sign)
    assert int(a.sum()) == total and a.max() <= 255
    # one tile of 129 rows: every partial sum stays in the PE column's s16 lane
    res = S.simulate(a, b, S.ArrayConfig(rows=129, cols=1, pe="int8x4"))
    assert res.events == events and int(res.out[0, 0]) == out
    # the int8 PE's 32-bit partial sums never wrap
    exact = S.simulate(a, b, S.ArrayConfig(rows=129, cols=1, pe="int8"))
    assert exact.events == 0 and int(exact.out[0, 0]) == sign * total


def test_code_ranges_are_inclusive_and_refused_one_step_outside():
    cfg = S.ArrayConfig(rows=2, cols=1)
    a, b = np.array([[-128, 255]]), np.array([[-8], [7]])
    assert int(S.simulate(a, b, cfg).out[0, 0]) == -128 * -8 + 255 * 7
    for bad_a in ([[-129, 0]], [[0, 256]]):
        with pytest.raises(ValueError, match="a must hold 8-bit codes"):
            S.simulate(np.array(bad_a), b, cfg)
    for bad_b in ([[-9], [0]], [[0], [8]]):
        with pytest.raises(ValueError, match=r"b must hold s4 codes in \[-8, 7\]"):
            S.simulate(a, np.array(bad_b), cfg)
    with pytest.raises(ValueError, match=r"rows and cols must be >= 1, got 3x0"):
        S.ArrayConfig(rows=3, cols=0)


def test_cycles_refuses_empty_gemms_naming_the_sizes():
    with pytest.raises(ValueError, match=r"GEMM sizes must be positive, got M=0 K=4 N=2"):
        S.cycles(0, 4, 2, S.ArrayConfig())
