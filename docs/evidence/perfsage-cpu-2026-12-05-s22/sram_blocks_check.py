"""Session 22: velamem.ofm_block (port of regor's block search) against the OFM block Vela 5.2
prints in --verbose-schedule, for every Conv2D / DepthwiseConv2D of the given models.

Usage: python .../sram_blocks_check.py OUT.md MODEL.tflite [...]
"""
import pathlib
import re
import subprocess
import sys
import tempfile

from jaxeff.gnn.labels import PLATFORMS
from jaxeff.gnn.velamem import ofm_block

OP = re.compile(r"^\t\d+: Operation (Conv2D|DepthwiseConv2D)\w*  - OFM 1, (\d+), (\d+), (\d+)")


def vela_ops(model, pl):
    accel, system = PLATFORMS[pl]
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["vela", str(model), "--output-dir", tmp, "--accelerator-config", accel,
                              "--system-config", system, "--memory-mode", "Shared_Sram",
                              "--verbose-schedule"], capture_output=True, text=True).stdout
    ops, cur = [], None
    for line in out.splitlines():
        m = OP.match(line)
        if m:
            cur = {"type": m.group(1), "ofm": tuple(map(int, m.groups()[1:]))}
            ops.append(cur)
        elif cur is not None:
            if "Kernel: size=" in line:
                k = re.search(r"size=(\d+),(\d+) stride=(\d+),(\d+), dilation=(\d+),(\d+)", line).groups()
                cur["kernel"], cur["stride"], cur["dil"] = (
                    (int(k[1]), int(k[0])), (int(k[3]), int(k[2])), (int(k[5]), int(k[4])))
            elif "Operator Config = OFM Block=" in line:
                cur["block"] = tuple(map(int, re.search(r"OFM Block=\[1, (\d+), (\d+), (\d+)\]", line).groups()))
                cur["acc"] = "Acc32" in line
            elif "IFM Stripe   =" in line:
                cur["ifm"] = tuple(map(int, re.search(r"\[1, (\d+), (\d+), (\d+)\]", line).groups()))
            elif line.startswith("\t") and "Operation" in line:
                cur = None
    return ops


if __name__ == "__main__":
    out, models = pathlib.Path(sys.argv[1]), sys.argv[2:]
    rows = ["| model | platform | conv ops | block equal | refetch count equal | misses (ofm, kernel, vela, ours) |",
            "|---|---|---|---|---|---|"]
    for m in models:
        for pl in ("u55", "u65"):
            ops = [o for o in vela_ops(m, pl) if "block" in o and o.get("acc")]
            eq = rf = 0
            miss = []
            for o in ops:
                # a stride-1 convolution with an OFM twice its IFM is a TRANSPOSE_CONV
                up = 2 if o["stride"] == (1, 1) and o["ofm"][0] >= 2 * o["ifm"][0] else 1
                b = ofm_block(pl, o["ofm"], o["ifm"], o["kernel"], o["stride"], o["dil"],
                              depthwise=o["type"].startswith("Depthwise"), upscale=up)
                eq += b == o["block"]
                n = lambda bl: -(-o["ofm"][0] // bl[0]) * -(-o["ofm"][1] // bl[1])  # noqa: E731
                rf += n(b) == n(o["block"])
                if b != o["block"] and len(miss) < 3:
                    miss.append(f"{o['ofm']} k{o['kernel']} s{o['stride']}: {o['block']} / {b}")
            rows.append(f"| {pathlib.Path(m).name} | {pl} | {len(ops)} | {eq} | {rf} | {'; '.join(miss)} |")
            print(rows[-1], flush=True)
    out.write_text("\n".join(rows) + "\n")
