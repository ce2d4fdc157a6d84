"""Session 30 (issue 22, SRAM): dump the operator order Vela 5.2 prints (--verbose-schedule, U55, Shared_Sram).

For each model: the scheduled operations in Vela's order as (name, OFM shape), and Vela's "Total SRAM used". Written
as JSON (data only) so candidate orders can be compared without rerunning Vela.

Usage (repo root): python docs/evidence/perfsage-cpu-2026-12-06-s30/vela_order_dump.py OUT.json MODEL.tflite ...
(a model already in OUT.json is skipped: the dump resumes).
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile


def vela_schedule(model: str) -> dict:
    with tempfile.TemporaryDirectory() as out:
        log = subprocess.run(["vela", model, "--accelerator-config", "ethos-u55-128", "--system-config",
                              "Ethos_U55_High_End_Embedded", "--memory-mode", "Shared_Sram", "--output-dir", out,
                              "--verbose-schedule"], capture_output=True, text=True).stdout
    ops = [(m.group(1), [int(s) for s in m.group(2).split(",")])
           for m in re.finditer(r"\n\t\d+: Operation (\w+)\s+- OFM ([\d, ]+)", log)]
    m = re.search(r"Total SRAM used\s+([\d.]+) KiB", log)
    return {"ops": ops, "sram_kib": float(m.group(1)) if m else None}


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    done = json.loads(out.read_text()) if out.exists() else {}
    for f in sys.argv[2:]:
        key = f"{pathlib.Path(f).parent.parent.name}/{pathlib.Path(f).name}"
        if key in done:
            continue
        done[key] = vela_schedule(f)
        out.write_text(json.dumps(done))
        print(key, len(done[key]["ops"]), flush=True)


if __name__ == "__main__":
    main()
