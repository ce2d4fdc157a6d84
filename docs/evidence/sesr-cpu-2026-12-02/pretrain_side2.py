"""Side process 2: the default preset's x4 SESR (starts from the chosen x2 model,
waiting for the main run to finish training it)."""
import time
from experiments.sesr import Config, trained_sr

cfg = Config.default()
split = dict(val_images=cfg.val_images, val_seed=cfg.val_seed, val_tol_db=cfg.val_tol_db,
             progress=False)
t0 = time.time()
trained_sr(cfg.model, 4, cfg.train_x4, cfg.data_dir, init_from=(cfg.model, cfg.train_x2),
           **split)
print("x4", f"{time.time() - t0:.0f} s", flush=True)
