"""Probe: SESR-M5 x2 training curve (Set5/Set14 PSNR every K steps)."""
import sys, time, json
import numpy as np, jax, jax.numpy as jnp, optax
from jaxeff.nets.sesr import build_sr, export_sesr
from jaxeff.data.sr import sr_root, load_sr_pairs, load_training_pairs, sample_patches
from jaxeff.train_sr import make_sr_step, evaluate_sr

steps = int(sys.argv[1]); sched = sys.argv[2]; every = int(sys.argv[3])
lr0 = float(sys.argv[4]) if len(sys.argv) > 4 else 5e-4
patch = int(sys.argv[5]) if len(sys.argv) > 5 else 32
bs = int(sys.argv[6]) if len(sys.argv) > 6 else 16
seed = int(sys.argv[7]) if len(sys.argv) > 7 else 0
root = sr_root()
hr, lr = load_training_pairs(root / "T91", 2)
pairs = {s: load_sr_pairs(root / s / "HR", 2, root / s / "LR_bicubic" / "X2") for s in ("Set5", "Set14")}
model = build_sr("sesr_m5", 2)
v = model.init(jax.random.key(seed), jnp.zeros((1, patch, patch, 1)))
if sched == "cosine":
    sch = optax.cosine_decay_schedule(lr0, steps)
elif sched.startswith("const_then_cos"):  # constant then cosine over last frac
    frac = float(sched.split(":")[1])
    n2 = int(steps * frac)
    sch = optax.join_schedules([optax.constant_schedule(lr0), optax.cosine_decay_schedule(lr0, n2)], [steps - n2])
else:
    sch = lr0
tx = optax.amsgrad(sch)
tv = {"params": v["params"]}; fixed = {k: x for k, x in v.items() if k != "params"}
opt = tx.init(tv)
step = make_sr_step(model, tx)
t0 = time.time()
for t in range(steps):
    rng = np.random.default_rng([seed, t])
    xb, yb = sample_patches(rng, hr, lr, bs, patch, 2)
    tv, opt, m = step(tv, fixed, opt, xb, yb)
    if (t + 1) % every == 0:
        el = time.time() - t0
        inf, iv = export_sesr(model, {**fixed, **tv})
        fn = jax.jit(lambda x: inf.apply(iv, x)[0])
        r = {s: round(evaluate_sr(fn, p)["psnr"], 3) for s, p in pairs.items()}
        print(json.dumps({"step": t + 1, "train_s": round(el, 1), **r}), flush=True)
