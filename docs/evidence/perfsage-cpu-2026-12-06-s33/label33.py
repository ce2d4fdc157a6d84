"""Vela-label every .tflite of a folder once (issue 22, session 33): session 24's label_all.py, except that a model
Vela refuses (a VelaError, e.g. AlexNet-OWT: "Non-passthrough operation could not run on NPU") is recorded as
{"npu_full": false, "vela_error": ...} instead of stopping the shard. Same files: labels_KofN.json, labels.json.

Usage: python label33.py FOLDER [K/N] [--quiet] | python label33.py FOLDER --merge N
(--quiet prints only the model name and npu_full: for a fresh test set.)
"""
import json
import pathlib
import sys

from jaxeff.gnn.realeval import label_real
from jaxeff.tflite.vela import VelaError

d = pathlib.Path(sys.argv[1])
args = [a for a in sys.argv[2:] if a != "--quiet"]
quiet = "--quiet" in sys.argv
if args[:1] == ["--merge"]:
    n = int(args[1])
    m = {}
    for k in range(n):
        m.update(json.loads((d / f"labels_{k}of{n}.json").read_text()))
    (d / "labels.json").write_text(json.dumps(m, indent=1, sort_keys=True))
    print(len(m), "models labelled")
    sys.exit(0)
k, n = (int(v) for v in (args[0] if args else "0/1").split("/"))
out = d / f"labels_{k}of{n}.json"
done = json.loads(out.read_text()) if out.exists() else {}
for p in sorted((d / "models").glob("*.tflite"))[k::n]:
    if p.name in done:
        continue
    try:
        done[p.name] = label_real(p)
    except VelaError as e:
        done[p.name] = {"npu_full": False, "vela_error": str(e)[-300:]}
    out.write_text(json.dumps(done, indent=1, sort_keys=True))
    print(p.name, done[p.name].get("npu_full"), "" if quiet else done[p.name].get("u55_latency_ms"), flush=True)
