"""Side process 3: the default preset's FSRCNN x4 (same-budget baseline)."""
import time
from experiments.sesr import Config, trained_sr

cfg = Config.default()
split = dict(val_images=cfg.val_images, val_seed=cfg.val_seed, val_tol_db=cfg.val_tol_db,
             progress=False)
t0 = time.time()
trained_sr("fsrcnn", 4, cfg.compare, cfg.data_dir, **split)
print("fsrcnn x4", f"{time.time() - t0:.0f} s", flush=True)
