"""Side process: train the default preset's fixed-budget comparison models into the
cache (same keys as `python -m experiments.sesr`), so the main run loads them."""
import time
from experiments.sesr import Config, trained_sr

cfg = Config.default()
split = dict(val_images=cfg.val_images, val_seed=cfg.val_seed, val_tol_db=cfg.val_tol_db,
             progress=False)
for name, s in [("fsrcnn", 2), ("sesr_m5", 2), ("fsrcnn", 4)]:
    t0 = time.time()
    trained_sr(name, s, cfg.compare, cfg.data_dir, **split)
    print(name, s, f"{time.time() - t0:.0f} s", flush=True)
