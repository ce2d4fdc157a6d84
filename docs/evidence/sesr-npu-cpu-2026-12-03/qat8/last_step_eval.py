"""Set5 / Set14 of the LAST int8-QAT checkpoint of a `qat` run (not the one chosen on
validation): shows that a QAT-trained model's forward, to_jax int8 and LiteRT agree.

    python docs/evidence/sesr-npu-cpu-2026-12-03/qat8/last_step_eval.py runs/sesr_qat8_x2 2000
"""
import json
import pathlib
import sys

from experiments.sesr_npu import int8_psnr, psnr_table
from jaxeff.nets.sesr_qat8 import Int8SESR, act_names
from jaxeff.train import load_variables
from jaxeff.train_sr import snapshot_path

wd, step = pathlib.Path(sys.argv[1]), int(sys.argv[2])
res = json.loads((wd / "results.json").read_text())
scale, rng = res["scale"], res["train"]["ranges"]
model = Int8SESR(scale=scale, m=5, f=16, ranges=tuple(tuple(rng[n]) for n in act_names(5)))
v = load_variables(snapshot_path(wd / "train", step))
out = int8_psnr(scale, qat=(model, v))
out["step"] = step
print(psnr_table(out, scale))
(wd / f"results_step{step}.json").write_text(json.dumps(out, indent=1, default=float))
