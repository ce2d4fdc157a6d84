"""Vela cycles of one SESR-M5 tile (138 x 138 LR) with random vs shipped trained weights."""
from jaxeff.nets.sesr_export import calibrate_sesr, export_int8
from jaxeff.nets.sesr_export import shipped_collapsed as _shipped
from jaxeff.nets.sesr_export import t91_calibration as _calib
from jaxeff.nets.sesr_npu import NPU_PLATFORMS, int8_graph, sesr_graph, vela

for scale in (2, 4):
    _, v = _shipped(scale)
    trained = export_int8(v["params"], (138, 138), calibrate_sesr(v["params"], _calib(scale, 8, None)))
    rand = int8_graph(sesr_graph("M5", scale, (138, 138)), out_range=(0.0, 1.0))
    for pf in NPU_PLATFORMS:
        a, b = vela(rand, pf), vela(trained, pf)
        print(f"x{scale} {pf}: random {a.cycles} trained {b.cycles} ratio {b.cycles / a.cycles:.4f} "
              f"cpu_ops {a.cpu_ops}/{b.cpu_ops} flash_bytes {a.flash_bytes}/{b.flash_bytes}")
