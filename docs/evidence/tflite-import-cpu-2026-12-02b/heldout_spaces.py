"""Evidence: to_jax vs LiteRT BUILTIN_REF on random full-INT8 graphs of the PerfSAGE spaces."""
import collections, numpy as np, jax
from jaxeff.gnn.dataset import make_tflite
from jaxeff.tflite.interpreter import to_jax, input_specs, UnsupportedOpsError
from jaxeff.tflite.compare import run_litert, random_inputs, match_stats
unsup = collections.Counter(); n_ok = n_exact = n_tol = 0; worst = 1.0; elems = 0
for space in ("mbconv", "resnet", "dscnn", "sesr"):
    for seed in range(2000, 2008):
        try:
            _, b = make_tflite(space, seed, max_nodes=60)
        except RuntimeError as e:  # the space sampler found no small enough graph
            print(space, seed, 'no graph:', e); continue
        try:
            fn, p = to_jax(b)
        except UnsupportedOpsError as e:
            unsup[(space, tuple(l.split(' (')[0].split(' x')[0].strip() for l in str(e).splitlines()[1:-1]))] += 1
            continue
        x = random_inputs(input_specs(b), seed)
        ours = [np.asarray(v) for v in jax.jit(fn)(p, *x)]
        ref, _ = run_litert(b, x, 'ref')
        st = [match_stats(a, r) for a, r in zip(ours, ref)]
        n_ok += 1; elems += sum(s['n'] for s in st)
        worst = min(worst, min(s['identical'] for s in st))
        n_exact += all(s['identical'] == 1.0 for s in st)
        n_tol += all(s['identical'] >= 0.999 and s['max_lsb'] <= 1 for s in st)
        print(space, seed, st, flush=True)
print(f"graphs run: {n_ok}, bit-exact: {n_exact}, within issue tolerance: {n_tol}, output elements: {elems}, worst identical fraction: {worst}")
print("unsupported graphs:", dict(unsup))
