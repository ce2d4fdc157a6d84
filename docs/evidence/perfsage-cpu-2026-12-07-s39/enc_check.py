"""Session 39 section 1, development check (not a choice): velamem's encoded weight bytes, the estimate
(`encoded_weight_bytes`) and candidate C1's codec size (`codec_weight_bytes`), against the "Encoded Weights" Vela 5.2
prints per weighted operator (--verbose-schedule; temporary folder, not kept), on a few V33 models.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-07-s39/enc_check.py OUT.md
"""
import os
import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
from diag_lviii38 import vela_ops, vela_text  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402
from jaxeff.gnn.realeval import record_of  # noqa: E402

D = pathlib.Path(os.environ.get("JAXEFF_DATA", "/work/shared/data")) / "tflite"
R = pathlib.Path(os.environ.get("JAXEFF_MAIN", ".")) / "runs" / "heldoutV33X" / "models"
MODELS = [D / "ML-examples__cnn_m_quantized.tflite", D / "ML-examples__cnn_s_quantized.tflite",
          D / "ML-examples__ds_cnn_l_quantized.tflite", D / "test_data__mobilenet_v1_0.25_128_quant.tflite",
          D / "ML-examples__dnn_l_quantized.tflite",
          R / "vgg_s_224.tflite", R / "tiny_yolov2_416.tflite", R / "lenet5_32.tflite", R / "crnn_kws_49x10.tflite",
          R / "quartznet5x5_64x256.tflite"]
KINDS = ("Conv2D", "FullyConnected", "DepthwiseConv2D", "Conv2DBackpropInputSwitchedBias")


def main(out: pathlib.Path) -> None:
    lines = ["# Candidate C1's codec size against Vela's printed encoded weights (development check)", "",
             "Per weighted operator: Vela 5.2's \"Encoded Weights\" (--verbose-schedule, its chosen depth slices), "
             "velamem's estimate (`encoded_weight_bytes`) and C1's codec size (`codec_weight_bytes`, one slice). "
             "Made by `enc_check.py` (this folder). Not a choice: no rule is chosen on it.", "",
             "| model | NPU | weighted ops | Vela total B | estimate total B | codec total B | estimate median abs % | "
             "codec median abs % | codec max abs % |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in MODELS:
        if not p.exists():
            continue
        rec = record_of(p)
        order = vm.vela_order(rec, concat_first=True)
        for pl in ("u55", "u65"):
            ops = [o for o in vela_ops(vela_text(str(p), pl)) if o["kind"] in KINDS and o["enc"] > 0]
            est = vm.encoded_weight_bytes(rec)[order]
            cod = vm.codec_weight_bytes(rec, pl)[order]
            kinds = [rec["ops"][v] for v in order]
            mine = [i for i, k in enumerate(kinds) if k in vm.WEIGHTED]
            if len(ops) != len(mine):
                lines.append(f"| {p.stem} | {pl} | {len(ops)} Vela / {len(mine)} velamem: not matched | | | | | | |")
                continue
            v = np.array([o["enc"] for o in ops], float)
            e, c = est[mine], cod[mine]
            ea, ca = np.abs(e / v - 1) * 100, np.abs(c / v - 1) * 100
            lines.append(f"| {p.stem} | {pl} | {len(mine)} | {v.sum():.0f} | {e.sum():.0f} | {c.sum():.0f} | "
                         f"{np.median(ea):.1f} | {np.median(ca):.1f} | {ca.max():.1f} |")
            print(lines[-1], flush=True)
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
