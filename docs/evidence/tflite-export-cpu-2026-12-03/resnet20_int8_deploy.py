"""Issue 16 item 3 on the real model: the int8 ResNet-20 TFLite that
``python -m experiments.tflite_run ... --quantize w8a8 --export`` wrote runs in
TensorFlow Lite Micro exactly as in LiteRT's reference kernels (and ``to_jax``), and
Vela compiles it for Ethos-U55-128 and U65-256 with no CPU op. 32 validation images.

    JAXEFF_DATA=/work/shared/data python docs/evidence/tflite-export-cpu-2026-12-03/resnet20_int8_deploy.py \
        runs/tflite_export/resnet20_int8.tflite
"""

import sys

import jax
import numpy as np

from jaxeff.data.vision import load_vision, normalize
from jaxeff.tflite import read_main, tflm, to_jax, vela
from jaxeff.tflite.compare import run_litert

path = sys.argv[1]
g = read_main(path)
print(f"{path}: {len(g.ops)} ops {sorted(set(g.op_types()))}; activations "
      f"{sorted({t.dtype for t in g.tensors if t.data is None})}")
data = load_vision("cifar10")
tin = g.tensors[g.inputs[0]]
x = normalize(data.val.images[:32], data.mean, data.std)
q = np.clip(np.round(x / tin.scale[0]) + tin.zero_point[0], -128, 127).astype(np.int8)
ref = run_litert(path, [q], "ref")[0][0]
auto = run_litert(path, [q], "auto")[0][0]
fn, params = to_jax(path)
ours = np.asarray(jax.jit(fn)(params, q)[0])
micro = np.concatenate([tflm.run(path, [q[i:i + 1]]).outputs[0] for i in range(len(q))])
for name, v in (("to_jax", ours), ("TFLM", micro), ("LiteRT default (XNNPACK)", auto)):
    d = np.abs(v.astype(int) - ref.astype(int))
    print(f"{name} vs LiteRT BUILTIN_REF: {100 * np.mean(d == 0):.2f}% of {d.size} "
          f"output codes identical, max {d.max()} LSB, same top-1 "
          f"{100 * np.mean(v.argmax(1) == ref.argmax(1)):.1f}%")
r = tflm.run(path, [q[:1]])
print(f"TFLM arena {r.arena_bytes} bytes")
for acc, system in (("ethos-u55-128", "Ethos_U55_High_End_Embedded"),
                    ("ethos-u65-256", "Ethos_U65_High_End")):
    v = vela.compile_model(path, accelerator_config=acc, system_config=system)
    print(f"Vela {acc} ({system}, Shared_Sram): CPU ops {v.cpu_ops}, NPU ops "
          f"{sum(1 for t in v.layers if t.target != 'CPU')}, {v.cycles} cycles = "
          f"{v.latency_ms:.3f} ms, {v.nn_macs} MACs, SRAM {v.sram_kib:.1f} KiB, "
          f"flash {v.flash_kib:.1f} KiB")
