"""Frame FPS (1920x1080 LR, x2) vs LR tile core size: SESR-M5, SESR-XL, FSRCNN (Vela)."""
from jaxeff.nets.sesr_npu import NPU_PLATFORMS, tile_fps

for net in ("M5", "XL", "fsrcnn"):
    for core in (30, 60, 120, 240):
        r = tile_fps(net, 2, tuple(NPU_PLATFORMS), core=core)
        print(f"{net} x2 core {core} tile {r['tile']} tiles {r['tiles']}: " + ", ".join(
            f"{pf} {r[pf]['fps']:.3g} fps" for pf in NPU_PLATFORMS), flush=True)
