"""Vela-label every .tflite of a folder once (issue 22, session 24): labels.json beside it.

Usage: python label_all.py FOLDER [K/N]  (shard K of N; shards merge with --merge N)
Resumable: a model already in the shard's json is skipped.
"""
import json
import pathlib
import sys

from jaxeff.gnn.realeval import label_real

d = pathlib.Path(sys.argv[1])
if sys.argv[2:3] == ["--merge"]:
    n = int(sys.argv[3])
    m = {}
    for k in range(n):
        m.update(json.loads((d / f"labels_{k}of{n}.json").read_text()))
    (d / "labels.json").write_text(json.dumps(m, indent=1, sort_keys=True))
    print(len(m), "models labelled")
    sys.exit(0)
k, n = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "0/1").split("/"))
out = d / f"labels_{k}of{n}.json"
done = json.loads(out.read_text()) if out.exists() else {}
files = sorted(p for p in (d / "models").glob("*.tflite"))[k::n]
for p in files:
    if p.name in done:
        continue
    done[p.name] = label_real(p)
    out.write_text(json.dumps(done, indent=1, sort_keys=True))
    print(p.name, done[p.name]["u55_latency_ms"], flush=True)
