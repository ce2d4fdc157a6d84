"""Profile one jitted SGD train step of a CIFAR-variant RAN-e network (issue 19).

Compile time and median run time (batch 128) with the depthwise convs lowered as
XLA's grouped conv ("lax") vs shifted multiply-adds ("shifted", jaxeff.ops.depthwise);
plus an ablation: the same step with every activation / BN kept but the network
reduced to only 1x1 convs is not needed -- the per-op split is done by timing the
depthwise layers alone (fwd+grad of one [128, H, W, C] layer per shape of the net).

    python docs/evidence/rans-cpu-2026-12-03/profile_step.py [net] [reps]
"""
import sys
import time

import jax
import jax.numpy as jnp
import optax
from jax import lax

from jaxeff.nets.ran import ran_e
from jaxeff.ops.depthwise import depthwise_conv


def step_fn(m, tx):
    def loss_fn(p, st, x, y):
        (logits, _), new = m.apply({"params": p, **st}, x, train=True,
                                   mutable=["batch_stats"])
        return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean(), new

    @jax.jit
    def step(p, st, o, x, y):
        (l, new), g = jax.value_and_grad(loss_fn, has_aux=True)(p, st, x, y)
        u, o = tx.update(g, o, p)
        return optax.apply_updates(p, u), new, o, l
    return step


def time_it(f, args, reps):
    t0 = time.perf_counter()
    out = f(*args)
    jax.block_until_ready(out)
    first = time.perf_counter() - t0
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        jax.block_until_ready(f(*args))
        ts.append(time.perf_counter() - t0)
    return first, sorted(ts)[len(ts) // 2]


def main():
    net = sys.argv[1] if len(sys.argv) > 1 else "mbconv"
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    x = jax.random.normal(jax.random.key(0), (128, 32, 32, 3))
    y = jnp.arange(128) % 10
    tx = optax.sgd(0.05, 0.9)
    res = {}
    for impl in ("shifted", "lax"):
        m = ran_e(net, cifar=True, dropout=0.0, depthwise=impl)
        v = m.init(jax.random.key(0), x[:1])
        p, st = v["params"], {"batch_stats": v["batch_stats"]}
        first, med = time_it(step_fn(m, tx), (p, st, tx.init(p), x, y), reps)
        res[impl] = med
        print(f"{net} {impl:8s} first call (compile+run) {first:7.2f} s, "
              f"step median {med:7.3f} s = {128 / med:7.1f} img/s", flush=True)
    print(f"{net} step ratio lax/shifted {res['lax'] / res['shifted']:.1f}x")
    # per-layer: one depthwise layer, fwd + grads, both lowerings
    for (h, c, k, s) in [(32, 48, 3, 1), (16, 144, 3, 2), (8, 240, 5, 1),
                         (4, 480, 7, 1)]:
        xx = jax.random.normal(jax.random.key(1), (128, h, h, c))
        ww = jax.random.normal(jax.random.key(2), (k, k, 1, c))

        def lx(a, b, s=s):
            return lax.conv_general_dilated(a, b, (s, s), "SAME", dimension_numbers=(
                "NHWC", "HWIO", "NHWC"), feature_group_count=a.shape[-1])

        def sh(a, b, s=s):
            return depthwise_conv(a, b, s)
        for name, f in (("lax", lx), ("shifted", sh)):
            g = jax.jit(jax.grad(lambda a, b, f=f: jnp.sum(f(a, b) ** 2), (0, 1)))
            _, med = time_it(g, (xx, ww), reps)
            print(f"  dw layer [128,{h},{h},{c}] k{k} s{s} {name:8s} fwd+grad "
                  f"{1e3 * med:8.1f} ms", flush=True)


if __name__ == "__main__":
    main()
