"""Why was the earlier short CIFAR-10 run at chance? (issue 19)

Trains the all-MBConv CIFAR variant exactly as the stopped ``train_short`` run
(5,000 training images, SGD lr 0.05, wd 5e-5, batch 128, 2 epochs; spec BN momentum
0.99) but with the shifted depthwise conv, then evaluates the 5,000 validation
images twice: with the BN running averages (what ``evaluate`` does) and with
batch statistics (each batch of 500 normalised by its own mean/var). A large gap
means the running averages, not the weights, make the network look untrained.

    JAXEFF_DATA=... PYTHONPATH=src:. python docs/evidence/rans-cpu-2026-12-03/bn_diag.py [momentum]
"""
import dataclasses
import sys
import tempfile
import time

import jax
import jax.numpy as jnp
import numpy as np

from jaxeff.data.vision import Split, iterate_batches, load_vision
from jaxeff.nets.ran import ran_e
from jaxeff.train import TrainConfig, evaluate, fit

mom = float(sys.argv[1]) if len(sys.argv) > 1 else 0.99
d = load_vision("cifar10", None, val_size=5000, seed=0)
idx = np.sort(np.random.default_rng(0).permutation(len(d.train))[:5000])
d = dataclasses.replace(d, train=Split(d.train.images[idx], d.train.labels[idx]))
m = ran_e("mbconv", cifar=True, dropout=0.0, bn_momentum=mom)
tc = TrainConfig(epochs=2, batch_size=128, lr=0.05, weight_decay=5e-5, seed=0)
t0 = time.time()
with tempfile.TemporaryDirectory() as wd:
    v, hist = fit(m, d, tc, wd, progress=False)
print(f"bn momentum {mom}: train {time.time() - t0:.0f} s, history {hist}", flush=True)
print(f"val top-1, running averages: {evaluate(m, v, d.val, preprocess=d.preprocess):.2f}")
f = jax.jit(lambda v, x: m.apply(v, x, train=True, mutable=["batch_stats"])[0][0])
correct = 0
for b in iterate_batches(d.val, 500, preprocess=d.preprocess, shuffle=False,
                         drop_remainder=False):
    correct += int(jnp.sum(jnp.argmax(f(v, b["image"]), -1) == b["label"]))
print(f"val top-1, batch statistics: {100 * correct / len(d.val):.2f}")
