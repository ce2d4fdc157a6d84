"""Learning-rate probe for the CIFAR-variant nets (issue 19 chance-accuracy diagnosis).

SGD (Nesterov momentum 0.9, constant lr, no warm-up, no weight decay) on
``steps`` distinct batches of 64 CIFAR-10 training images (no augmentation), one
jit compile for all learning rates (the lr is an argument). After training, top-1
on the first 1,000 validation images with BN running averages (momentum 0.9).

    PYTHONPATH=src:. python docs/evidence/rans-cpu-2026-12-03/lr_probe.py NET STEPS LR...
"""
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np
import optax

from jaxeff.data.vision import iterate_batches, load_vision
from jaxeff.nets.ran import ran_e

net, steps, lrs = sys.argv[1], int(sys.argv[2]), [float(a) for a in sys.argv[3:]]
d = load_vision("cifar10", None, val_size=5000, seed=0)
bs = [b for b, _ in zip(iterate_batches(d.train, 64, preprocess=d.preprocess,
                                        rng=np.random.default_rng(0)), range(steps))]
vb = next(iterate_batches(d.val, 1000, preprocess=d.preprocess, shuffle=False))
kw = {"act": "hswish"} if net == "lite0" else {}
m = ran_e(net, cifar=True, dropout=0.0, bn_momentum=0.9, **kw)
v0 = m.init(jax.random.key(0), bs[0]["image"][:1])
tx = optax.sgd(1.0, 0.9, nesterov=True)


@jax.jit
def step(p, st, o, b, lr):
    def loss_fn(p):
        (lg, _), new = m.apply({"params": p, **st}, b["image"], train=True,
                               mutable=["batch_stats"])
        return optax.softmax_cross_entropy_with_integer_labels(lg, b["label"]).mean(), (
            new, jnp.mean(jnp.argmax(lg, -1) == b["label"]))
    (l, (new, acc)), g = jax.value_and_grad(loss_fn, has_aux=True)(p)
    u, o = tx.update(g, o, p)
    return optax.apply_updates(p, jax.tree.map(lambda x: lr * x, u)), new, o, l, acc


ev = jax.jit(lambda v, x: jnp.argmax(m.apply(v, x)[0], -1))
for lr in lrs:
    t0 = time.time()
    p, st, o = v0["params"], {"batch_stats": v0["batch_stats"]}, tx.init(v0["params"])
    ls, accs = [], []
    for b in bs:
        p, st, o, l, a = step(p, st, o, b, lr)
        ls.append(float(l))
        accs.append(float(a))
    val = 100 * float(jnp.mean(ev({"params": p, **st}, vb["image"]) == vb["label"]))
    k = max(1, steps // 4)
    print(f"{net} lr {lr}: train loss first/last {k} steps {np.mean(ls[:k]):.3f} / "
          f"{np.mean(ls[-k:]):.3f}, train acc last {k} {100 * np.mean(accs[-k:]):.1f} %,"
          f" val top-1 (1k) {val:.1f} % ({time.time() - t0:.0f} s)", flush=True)
