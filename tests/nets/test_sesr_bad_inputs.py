"""Bad inputs to the SR nets and the upscale path give clear errors naming the
argument (issue 14 item 9): integer images are refused, never saturated silently
by the final clip to [0, 1]; wrong rank / channels are refused before XLA."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jaxeff.nets.sesr import FSRCNN, build_sr, calibrate_act_scales, export_sesr
from jaxeff.train_sr import upscale_rgb, upscale_y

pytestmark = pytest.mark.usefixtures("rbg_keys")

SETTINGS = settings(max_examples=15, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
INT_DTYPES = st.sampled_from([np.uint8, np.int8, np.int16, np.int32, np.uint16,
                              np.bool_])
X0 = jnp.zeros((1, 8, 8, 1), jnp.float32)


def _nets():
    """(label, apply(x)) for every SR entry point: SESR collapsed / expanded / QAT,
    its exported inference module, FSRCNN; eager and jitted."""
    out = []
    for label, kw in [("SESR", {}), ("SESR", {"collapsed": False}),
                      ("SESR", {"qat": True})]:
        m = build_sr("sesr_tiny", 2, **kw)
        v = m.init(jax.random.key(0), X0)
        if kw.get("qat"):  # as the QAT recipe: scales calibrated on the float net
            vf = build_sr("sesr_tiny", 2).init(jax.random.key(0), X0)
            v = {**v, "quant": calibrate_act_scales(m, vf, X0 + 0.5)}
        out.append((label, lambda x, m=m, v=v: m.apply(v, x)))
        if not kw:
            inf, iv = export_sesr(m, v)
            out.append(("CollapsedSESR", lambda x, inf=inf, iv=iv: inf.apply(iv, x)))
            out.append(("SESR", jax.jit(lambda x, m=m, v=v: m.apply(v, x))))
    f = FSRCNN(scale=2, d=4, s=2, m=1)
    fv = f.init(jax.random.key(0), X0)
    out.append(("FSRCNN", lambda x: f.apply(fv, x)))
    return out


NETS = _nets()


@SETTINGS
@given(dtype=INT_DTYPES, n=st.integers(1, 2), h=st.integers(1, 9), w=st.integers(1, 9),
       i=st.integers(0, len(NETS) - 1))
def test_integer_images_are_refused(dtype, n, h, w, i):
    label, apply = NETS[i]
    x = np.full((n, h, w, 1), 200, dtype=np.uint8).astype(dtype)
    with pytest.raises(TypeError, match=rf"{label}: argument x must be a floating "
                                        r"array of Y values in \[0, 1\]"):
        apply(x)


@SETTINGS
@given(shape=st.lists(st.integers(1, 5), min_size=0, max_size=6).filter(
    lambda s: len(s) != 4), i=st.integers(0, len(NETS) - 1))
def test_wrong_rank_is_refused(shape, i):
    label, apply = NETS[i]
    with pytest.raises(ValueError, match=rf"{label}: argument x must be Y images "
                                         r"\[N, H, W, 1\], got shape"):
        apply(jnp.zeros(shape, jnp.float32))


@SETTINGS
@given(c=st.integers(2, 6), i=st.integers(0, len(NETS) - 1))
def test_wrong_channels_are_refused(c, i):
    label, apply = NETS[i]
    with pytest.raises(ValueError, match=rf"{label}: argument x must be Y images .*"
                                         rf"got shape \(1, 6, 6, {c}\)"):
        apply(jnp.zeros((1, 6, 6, c), jnp.float32))


def test_qat_without_scales_is_refused():
    m = build_sr("sesr_tiny", 2, qat=True)
    v = m.init(jax.random.key(0), X0)  # init makes no scales
    assert "quant" not in v
    with pytest.raises(ValueError, match="SESR\\(qat=True\\): variables have no 'quant'"):
        m.apply(v, X0)


def test_empty_and_non_array_inputs_are_refused():
    label, apply = NETS[0]
    with pytest.raises(ValueError, match="SESR: argument x has an empty dimension"):
        apply(jnp.zeros((0, 4, 4, 1), jnp.float32))
    with pytest.raises(TypeError, match="SESR: argument x must be an array"):
        apply([[[[0.5]]]])


@pytest.mark.parametrize("dtype", [jnp.float32, jnp.float16, jnp.bfloat16])
def test_float_inputs_still_work(dtype):
    # positive control: the checks do not reject what the nets take; the uint8 image
    # divided by 255 gives the same output as the float32 image
    for label, apply in NETS:
        x = (jnp.arange(64, dtype=jnp.float32).reshape(1, 8, 8, 1) / 63.0).astype(dtype)
        out, _ = apply(x)
        assert out.shape == (1, 16, 16, 1), label
        assert bool(jnp.all((out >= 0) & (out <= 1))), label


@SETTINGS
@given(dtype=st.sampled_from([np.float32, np.float64, np.int32, np.uint16, np.bool_]))
def test_upscale_rgb_takes_uint8_only(dtype):
    lr = np.full((6, 5, 3), 0.5).astype(dtype)
    with pytest.raises(TypeError, match=r"upscale_rgb: argument lr must be a uint8 image"):
        upscale_rgb(None, lr, 2)


@SETTINGS
@given(shape=st.sampled_from([(6,), (6, 5, 4), (6, 5, 2), (1, 6, 5, 3), (0, 5, 3),
                              (6, 0)]))
def test_upscale_rgb_wrong_shape(shape):
    with pytest.raises(ValueError, match=r"upscale_rgb: argument lr must be \[H, W, 3\]"):
        upscale_rgb(None, np.zeros(shape, np.uint8), 2)


def test_upscale_y_converts_explicitly_and_refuses_the_rest():
    label, apply = NETS[3]  # CollapsedSESR

    def fn(x):
        return apply(x)[0]

    y8 = np.arange(48, dtype=np.uint8).reshape(6, 8) * 5
    # uint8 on [0, 255] and the same values as float are the same image
    np.testing.assert_array_equal(upscale_y(fn, y8), upscale_y(fn, y8.astype(np.float64)))
    with pytest.raises(TypeError, match="upscale_y: argument y must be uint8 or float"):
        upscale_y(fn, y8.astype(np.int32))
    with pytest.raises(ValueError, match=r"upscale_y: argument y must be a Y image \[H, W\]"):
        upscale_y(fn, y8[..., None])
