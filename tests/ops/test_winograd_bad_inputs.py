"""Property-based bad inputs to ``winograd_conv`` and the quantized Winograd conv:
each gives a clear error naming the argument, never a silent result or an XLA trace.

All cases fail in argument checks before any computation, so examples are cheap.
"""

import functools

import jax.numpy as jnp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaxeff.ops.winograd import winograd_conv
from jaxeff.ops.winograd_quant import WinogradQuant, quantized_winograd_conv
from jaxeff.ops.winograd_route import winograd_or_direct

DN = ("NHWC", "HWIO", "NHWC")
CONVS = {
    "winograd_conv": winograd_conv,
    "quantized_winograd_conv": functools.partial(quantized_winograd_conv,
                                                 quant=WinogradQuant()),
}
SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
conv_names = st.sampled_from(sorted(CONVS))


def _ok():
    return jnp.ones((1, 6, 6, 2), jnp.float32), jnp.ones((3, 3, 2, 3), jnp.float32)


@SETTINGS
@given(name=conv_names, which=st.sampled_from(["lhs", "rhs"]),
       rank=st.integers(0, 6).filter(lambda r: r != 4))
def test_wrong_rank_names_the_arrays(name, which, rank):
    x, w = _ok()
    bad = jnp.ones((2,) * rank, jnp.float32)
    args = (bad, w) if which == "lhs" else (x, bad)
    with pytest.raises(ValueError, match=r"4-D.*lhs\.shape=.*rhs\.shape="):
        CONVS[name](*args, (1, 1), "SAME", dimension_numbers=DN)


@SETTINGS
@given(name=conv_names, stride=st.tuples(st.integers(1, 4), st.integers(1, 4)).filter(
    lambda s: s != (1, 1)))
def test_forced_stride_is_refused(name, stride):
    with pytest.raises(ValueError, match="window_strides"):
        CONVS[name](*_ok(), stride, "SAME", dimension_numbers=DN)


@SETTINGS
@given(name=conv_names, which=st.sampled_from(["lhs_dilation", "rhs_dilation"]),
       d=st.tuples(st.integers(1, 3), st.integers(1, 3)).filter(lambda s: s != (1, 1)))
def test_forced_dilation_is_refused(name, which, d):
    with pytest.raises(ValueError, match=which):
        CONVS[name](*_ok(), (1, 1), "SAME", dimension_numbers=DN, **{which: d})


@SETTINGS
@given(name=conv_names, groups=st.integers(2, 4),
       which=st.sampled_from(["feature_group_count", "batch_group_count"]))
def test_forced_groups_are_refused(name, groups, which):
    with pytest.raises(ValueError, match=which):
        CONVS[name](*_ok(), (1, 1), "SAME", dimension_numbers=DN, **{which: groups})


@SETTINGS
@given(name=conv_names, which=st.sampled_from(["lhs", "rhs"]),
       dtype=st.sampled_from([jnp.int8, jnp.int16, jnp.int32, jnp.uint8, jnp.bool_]))
def test_integer_dtype_names_the_argument(name, which, dtype):
    x, w = _ok()
    args = (x.astype(dtype), w) if which == "lhs" else (x, w.astype(dtype))
    with pytest.raises(TypeError, match=rf"{which}\.dtype="):
        CONVS[name](*args, (1, 1), "SAME", dimension_numbers=DN)


@SETTINGS
@given(c_in=st.integers(1, 6), c_k=st.integers(1, 6))
def test_mismatched_channels_name_both(c_in, c_k):
    if c_in == c_k:
        return
    x = jnp.ones((1, 6, 6, c_in), jnp.float32)
    w = jnp.ones((3, 3, c_k, 2), jnp.float32)
    for f in CONVS.values():
        with pytest.raises(ValueError, match=rf"{c_in} input channels.*C_in={c_k}"):
            f(x, w, (1, 1), "SAME", dimension_numbers=DN)


@SETTINGS
@given(bits=st.one_of(st.integers(-4, 40).filter(lambda b: not (2 <= b <= 8 or b == 16)),
                      st.just(True), st.floats(2.5, 7.5), st.just("8")))
def test_bad_bits(bits):
    with pytest.raises(ValueError, match="bits"):
        WinogradQuant(bits=bits)


@SETTINGS
@given(g=st.one_of(st.integers(-64, 0), st.just(True), st.just(False),
                   st.floats(0.5, 64.0), st.just("64"), st.none()))
def test_bad_group_size(g):
    with pytest.raises(ValueError, match="group_size"):
        WinogradQuant(group_size=g)


@SETTINGS
@given(field=st.sampled_from(["granularity", "m_groups"]),
       value=st.text(min_size=1, max_size=8).filter(
           lambda v: v not in ("tensor", "channel", "position", "group", "pixel")))
def test_bad_layout_names(field, value):
    with pytest.raises(ValueError, match=field):
        WinogradQuant(**{field: value})


def test_bad_quant_object_and_router_arguments():
    with pytest.raises(TypeError, match="quant must be a WinogradQuant"):
        quantized_winograd_conv(*_ok(), (1, 1), "SAME", dimension_numbers=DN,
                                quant={"bits": 8})
    with pytest.raises(ValueError, match="m must be"):
        winograd_or_direct(0)
    with pytest.raises(ValueError, match="direct_quant"):
        winograd_or_direct(4, direct_quant="int8")
    with pytest.raises(ValueError, match="absmax"):
        winograd_or_direct(4, absmax={"x": jnp.ones(1)})
    with pytest.raises(ValueError, match="dimension_numbers"):
        winograd_conv(*_ok(), (1, 1), "SAME", dimension_numbers=("NHWC", "HWIO"))
    with pytest.raises(TypeError, match="stages"):
        WinogradQuant(stages="xVUM")
