"""Issue 16 round trip on the shipped CIFAR-10 ResNet-20 (trained by jaxeff): Flax ->
``resnet_graph`` -> float TFLite (jaxeff's writer) -> ``to_jax`` / LiteRT / ``to_flax``
give the Flax model's logits. Checked on 256 validation images (not test).

    JAXEFF_DATA=/work/shared/data python docs/evidence/tflite-export-cpu-2026-12-03/resnet20_float.py \
        runs/tflite_export/resnet20_float.tflite
"""

import pathlib
import sys

import jax
import numpy as np

from jaxeff.data.vision import normalize
from jaxeff.nets.resnet_export import resnet_graph
from jaxeff.tflite import save_tflite, to_flax, to_jax
from jaxeff.tflite.compare import run_litert
from jaxeff.zoo import float_base, trained_model

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "resnet20_float.tflite")
out.parent.mkdir(parents=True, exist_ok=True)
model, variables, data, meta = trained_model(float_base("resnet20", "cifar10"),
                                             progress=False)
save_tflite(resnet_graph(model, variables), out)
print(f"wrote {out} ({out.stat().st_size} bytes); cached model test top-1 "
      f"{meta['test_top1']:.2f}%")
x = normalize(data.val.images[:256], data.mean, data.std)
want = np.asarray(jax.jit(lambda v, x: model.apply(v, x)[0])(variables, x))
fn, params = to_jax(out)
jfn = jax.jit(fn)
got = {"to_jax": np.concatenate([np.asarray(jfn(params, x[i:i + 1])[0])
                                 for i in range(len(x))]),
       "LiteRT BUILTIN_REF": run_litert(out, [x], "ref")[0][0],
       "LiteRT default": run_litert(out, [x], "auto")[0][0]}
module, fv = to_flax(out)
got["to_flax"] = np.asarray(jax.jit(lambda v, x: module.apply(v, x)[0])(fv, x))
scale = np.abs(want).max()
for k, v in got.items():
    d = np.abs(v - want).max()
    print(f"{k} vs Flax: max abs {d:.2e}, max rel {d / scale:.2e} (|logit| max "
          f"{scale:.1f}), same top-1 {100 * np.mean(v.argmax(1) == want.argmax(1)):.1f}%")
    assert d / scale < 1e-4, k
