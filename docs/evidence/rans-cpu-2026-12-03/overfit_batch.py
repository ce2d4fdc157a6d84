"""Can the CIFAR-variant nets fit ONE batch? (issue 19 chance-accuracy diagnosis)

SGD (momentum 0.9, no warm-up) on a fixed batch of 64 CIFAR-10 training images,
BN in training mode; prints the loss every 5 steps. A healthy net drives the loss
far below ln(10) = 2.30 within a few dozen steps.

    PYTHONPATH=src:. python docs/evidence/rans-cpu-2026-12-03/overfit_batch.py NET LR [steps] [key=value ...]
"""
import sys
import time

import jax
import optax

from jaxeff.data.vision import iterate_batches, load_vision
from jaxeff.nets.ran import ran_e

net, lr = sys.argv[1], float(sys.argv[2])
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 40
kw = dict(a.split("=") for a in sys.argv[4:])
kw = {k: (float(v) if k == "bn_momentum" else v) for k, v in kw.items()}
d = load_vision("cifar10", None, val_size=5000, seed=0)
b = next(iterate_batches(d.train, 64, preprocess=d.preprocess, shuffle=False))
if net == "lite0_hswish":
    m = ran_e("lite0", cifar=True, dropout=0.0, act="hswish", **kw)
else:
    m = ran_e(net, cifar=True, dropout=0.0, **kw)
v = m.init(jax.random.key(0), b["image"][:1])
tx = optax.sgd(lr, 0.9)
p, st, o = v["params"], {"batch_stats": v["batch_stats"]}, tx.init(v["params"])


@jax.jit
def step(p, st, o):
    def loss_fn(p):
        (lg, _), new = m.apply({"params": p, **st}, b["image"], train=True,
                               mutable=["batch_stats"])
        return optax.softmax_cross_entropy_with_integer_labels(lg, b["label"]).mean(), new
    (l, new), g = jax.value_and_grad(loss_fn, has_aux=True)(p)
    u, o = tx.update(g, o, p)
    gn = optax.global_norm(g)
    return optax.apply_updates(p, u), new, o, l, gn


t0 = time.time()
for i in range(steps):
    p, st, o, l, gn = step(p, st, o)
    if i % 5 == 0 or i == steps - 1:
        print(f"{net} lr {lr} {kw} step {i:3d} loss {float(l):.3f} |grad| {float(gn):.3g}"
              f" ({time.time() - t0:.0f} s)", flush=True)
