"""jaxeff.nets.layers: a quantized layer without its calibrated 'quant' collection
refuses to run, and the message says exactly what to pass or call (mutation survivor
of issue 26)."""

import flax.linen as nn
import jax
import jax.numpy as jnp
import pytest

from jaxeff.nets.layers import LayerQuant, QuantConfig, QuantDense, QuantRule
from jaxeff.ops.quant import QuantSpec


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
