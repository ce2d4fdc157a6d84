"""Vela cycles of one SESR tile (core 120 + halo), PReLU (float model) vs ReLU (QAT mode)."""
from jaxeff.nets.sesr_npu import NPU_PLATFORMS, halo, int8_graph, sesr_graph, vela

for net in ("M3", "M5", "M11", "XL"):
    for scale in (2, 4):
        t = 120 + 2 * halo(net, scale)
        row = []
        for pf in NPU_PLATFORMS:
            c = {a: vela(int8_graph(sesr_graph(net, scale, (t, t), act=a), out_range=(0.0, 1.0)), pf)
                 for a in ("prelu", "relu")}
            row.append(f"{pf} {c['prelu'].cycles} -> {c['relu'].cycles} "
                       f"({c['prelu'].cycles / c['relu'].cycles:.2f}x, cpu {c['relu'].cpu_ops})")
        print(f"{net} x{scale} tile {t}: " + "; ".join(row), flush=True)
