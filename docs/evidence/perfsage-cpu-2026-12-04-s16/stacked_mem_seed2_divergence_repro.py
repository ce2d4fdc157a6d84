import dataclasses, numpy as np, time, sys
from experiments import perfsage as P
from jaxeff.gnn.fit import fit, FitConfig
cfg, _, _ = P.parse(["--dataset", "runs/mix12", "--real-study", "--epochs", "2", "--no-prior-variant", "--model-seed", "2"])
recs, n = P.load_records(cfg.dataset, cfg)
tr, va, te = P.split(recs, cfg.split_seed)
tg = cfg.targets
t0 = time.time()
fb = P._forests(cfg, tr, tg)
oof = P._out_of_fold(cfg, tr, tg)
print("bases", time.time() - t0, flush=True)
np.savez("/tmp/oof_s2.npz", *oof)
fc = P._variant_fit(cfg, "stacked_mem")
fbm = dataclasses.replace(fb, memory=True, _cache={})
tb = [P._with_memory(b, r, tg) for b, r in zip(oof, tr)]
for b in tb:
    if not np.all(np.isfinite(b)): print("nonfinite base", flush=True); break
print("base ranges", np.min([b.min() for b in tb]), np.max([b.max() for b in tb]))
p = fit(tr, va, tg, fc, node_base=fbm, train_base=tb, on_epoch=lambda r: print(r, flush=True))
