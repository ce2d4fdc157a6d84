"""The shared int8 LSTM (test_data__keras_lstm_mnist_ptq) with its LSTM output exposed:
to_jax vs LiteRT BUILTIN_REF and default (XNNPACK) on the [1, 28, 20] int8 hidden
sequence and the uint8 softmax, 10 seeds.

    JAXEFF_DATA=/work/shared/data python docs/evidence/tflite-cpu-2026-12-03/lstm_hidden.py
"""
import os
import pathlib

import jax
import numpy as np

from jaxeff.tflite import write_tflite
from jaxeff.tflite.compare import match_stats, random_inputs, run_litert
from jaxeff.tflite.interpreter import input_specs, read_graph, to_jax

p = pathlib.Path(os.environ.get("JAXEFF_DATA", "data")) / "tflite" / "test_data__keras_lstm_mnist_ptq.tflite"
g = read_graph(p)
lstm = next(op for op in g.ops if op.type == "UNIDIRECTIONAL_SEQUENCE_LSTM")
g.outputs = (lstm.outputs[0], *g.outputs)
m = write_tflite(g)
fn, params = to_jax(m)
jf = jax.jit(fn)
tot = {"ref": [0, 0], "auto": [0, 0]}
for seed in range(10):
    x = random_inputs(input_specs(m), seed)
    ours = [np.asarray(v) for v in jf(params, *x)]
    for res in ("ref", "auto"):
        ref, _ = run_litert(m, x, res)
        st = [match_stats(a, b) for a, b in zip(ours, ref)]
        tot[res][0] += sum(int(round(s["identical"] * s["n"])) for s in st)
        tot[res][1] += sum(s["n"] for s in st)
        print(seed, res, "hidden:", st[0], "softmax:", st[1], "distinct hidden codes:",
              np.unique(ref[0]).size, flush=True)
for res, (same, n) in tot.items():
    print(f"{res}: {same}/{n} elements identical")
