"""Evaluate the default preset's models that are in the cache, one scale at a time
(same `experiments.sesr.run` as the full command; only `scales` / `baseline` differ)."""
import dataclasses
import sys

from experiments.sesr import Config, run, table

scale = int(sys.argv[1])
over = {"scales": (scale,)}
if scale == 4 and "--no-baseline" in sys.argv:
    over["baseline"] = None
cfg = dataclasses.replace(Config.default(), **over)
res = run(cfg, f"runs/sesr_default_x{scale}", progress=False)
print(table(res))
