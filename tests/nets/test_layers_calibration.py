"""jaxeff.nets.layers (mutation survivors of issue 26): calibration of an ActQuant point
stores exactly what its observer computes (running min/max over the batches, the
observer on the last batch), the calibrated point fake-quantizes with it, and a
quantized layer without its 'quant' collection refuses to run with a message that
says exactly what to pass or call."""

import flax.linen as nn
import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.layers import ActQuant, LayerQuant, QuantConfig, QuantDense, QuantRule
from jaxeff.ops import calibrate as calib
from jaxeff.ops.quant import QuantSpec, fake_quant


class _Net(nn.Module):
    config: QuantConfig

    @nn.compact
    def __call__(self, x):
        return QuantDense(3, config=self.config, name="fc")(x)


def test_missing_quant_collection_message_names_layer_variable_and_remedies():
    cfg = QuantConfig((QuantRule("fc", LayerQuant(weight=QuantSpec(
        bits=4, granularity="channel"))),))
    net = _Net(cfg)
    x = jnp.ones((2, 5))
    params = net.init(jax.random.key(0), x)["params"]
    msg = ("QuantDense 'fc' has a quantization rule but no 'quant' variable 'w_scale': "
           "pass the calibrated collection (apply({'params': ..., 'quant': ...}), see "
           "jaxeff.ptq.calibrate), or run in float explicitly with "
           "jaxeff.ptq.float_model(qmodel) (quantize=False) or the original float model")
    with pytest.raises(ValueError) as e:
        net.apply({"params": params}, x)
    assert str(e.value) == msg


class _Act(nn.Module):
    config: QuantConfig

    @nn.compact
    def __call__(self, x):
        return ActQuant(config=self.config, name="act")(x)


def _expected(observer, spec, last, lo, hi):
    if observer == "ptf":
        return calib.ptf_params(last, lo, hi, bits=spec.bits)[0]
    if observer == "omse":
        return calib.observe_omse(last, spec, lo, hi)
    if observer == "percentile":
        return calib.observe_percentile(last, spec)
    if observer == "mse":
        return calib.observe_mse(last, spec)
    return calib.minmax_qparams(lo, hi, spec)


@pytest.mark.parametrize("observer", ["minmax", "omse", "percentile", "mse", "ptf"])
def test_act_calibration_stores_the_observer_of_the_running_range_and_last_batch(observer):
    spec = QuantSpec(bits=8)
    net = _Act(QuantConfig((QuantRule("act", LayerQuant(act=spec, observer=observer)),)))
    b1 = jax.random.normal(jax.random.key(1), (16, 6)) * 3.0
    b2 = jax.random.normal(jax.random.key(2), (16, 6)) + 1.0  # narrower range
    v = {}
    for b in (b1, b2):
        y, v = net.apply(v, b, mutable=["quant_stats", "quant"])
        np.testing.assert_array_equal(np.asarray(y), np.asarray(b))  # identity while calibrating
    lo, hi = jnp.minimum(b1.min(), b2.min()), jnp.maximum(b1.max(), b2.max())
    assert float(v["quant_stats"]["act"]["min"]) == float(lo)
    assert float(v["quant_stats"]["act"]["max"]) == float(hi)
    want = _expected(observer, spec, b2, lo, hi)
    got = v["quant"]["act"]
    np.testing.assert_array_equal(np.asarray(got["scale"]), np.asarray(want.scale))
    np.testing.assert_array_equal(np.asarray(got["zero_point"]), np.asarray(want.zero_point))
    # calibrated: fake-quant with the stored parameters (PTF: per channel, shared zero)
    out = net.apply({"quant": v["quant"]}, b1)
    if observer == "ptf":
        ref = fake_quant(b1, got["scale"], jnp.broadcast_to(got["zero_point"],
                         got["scale"].shape), QuantSpec(bits=8, granularity="channel"))
    else:
        ref = fake_quant(b1, got["scale"], got["zero_point"], spec)
    np.testing.assert_array_equal(np.asarray(out), np.asarray(ref))
    assert not np.array_equal(np.asarray(out), np.asarray(b1))


def test_per_channel_act_spec_is_kept_for_non_ptf_observers():
    # only PTF replaces the act spec's granularity; minmax keeps per-channel ranges
    spec = QuantSpec(bits=8, granularity="channel", axis=-1)
    net = _Act(QuantConfig((QuantRule("act", LayerQuant(act=spec, observer="minmax")),)))
    b = jax.random.normal(jax.random.key(3), (16, 6)) * jnp.arange(1.0, 7.0)
    _, v = net.apply({}, b, mutable=["quant_stats", "quant"])
    want = calib.minmax_qparams(b.min(0, keepdims=True), b.max(0, keepdims=True), spec)
    got = v["quant"]["act"]
    assert got["scale"].shape == (1, 6)
    np.testing.assert_array_equal(np.asarray(got["scale"]), np.asarray(want.scale))
    np.testing.assert_array_equal(np.asarray(got["zero_point"]), np.asarray(want.zero_point))
