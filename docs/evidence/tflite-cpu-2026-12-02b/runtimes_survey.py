"""LiteRT vs TensorFlow Lite Micro on the 15 shared models through jaxeff.tflite
(issue 15.2): seeded inputs (seed 1), max |LiteRT - TFLM| over the outputs, the
arena TFLM reported, or TFLM's refusal. Run: PYTHONPATH=src python THIS_FILE."""
import os
import pathlib

import numpy as np

from jaxeff.tflite import litert, tflm

D = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
print("| model | outputs | max abs diff LiteRT vs TFLM | TFLM arena bytes (head + tail) |")
print("|---|---|---|---|")
for f in sorted(D.glob("*.tflite")):
    a = litert.run(f, seed=1)
    try:
        r = tflm.run(f, seed=1)
    except tflm.TFLMError as e:
        msg = str(e).split("):", 1)[-1].strip().splitlines()[0]
        print(f"| {f.name} | {[x.dtype.name for x in a]} | - | TFLM refuses: {msg} |")
        continue
    d = max(float(np.abs(x.astype(np.float64) - y.astype(np.float64)).max())
            for x, y in zip(a, r.outputs, strict=True))
    print(f"| {f.name} | {[x.dtype.name for x in a]} | {d:.3g} | "
          f"{r.arena_bytes} ({r.arena_head_bytes} + {r.arena_tail_bytes}) |")
