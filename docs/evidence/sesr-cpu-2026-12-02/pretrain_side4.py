"""Side process 4: the default preset's int8 QAT fine-tune (starts from the chosen
x2 model, waiting for the main run to finish training it)."""
import time
from experiments.sesr import Config, trained_sr

cfg = Config.default()
split = dict(val_images=cfg.val_images, val_seed=cfg.val_seed, val_tol_db=cfg.val_tol_db,
             progress=False)
t0 = time.time()
trained_sr(cfg.model, 2, cfg.qat, cfg.data_dir, qat_of=cfg.train_x2, **split)
print("qat", f"{time.time() - t0:.0f} s", flush=True)
