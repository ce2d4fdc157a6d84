"""Before/after check of the TFLite package move (issue 15.2) on the 15 shared models."""
import hashlib, json, pathlib, sys, os
import numpy as np
try:
    from jaxeff.tflite import read_main, write_tflite
except ImportError:
    from jaxeff.gnn.tflite import read_main, write_tflite
from jaxeff.gnn.graph import node_features, edges, total_macs
from jaxeff.isa.workloads import tflite_gemms
out = {}
for f in sorted((pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite").glob("*.tflite")):
    g = read_main(f)
    x, cat, inp = node_features(g)
    s, r = edges(g, "forward")
    h = hashlib.sha256()
    for a in (x, cat, np.asarray(inp), s, r):
        h.update(np.ascontiguousarray(a).tobytes())
    gh = hashlib.sha256()
    gm = tflite_gemms(f, rows=16, seed=0)
    for gg in gm:
        gh.update(gg.name.encode()); gh.update(np.ascontiguousarray(gg.a).tobytes())
        gh.update(np.ascontiguousarray(np.asarray(gg.b)).tobytes()); gh.update(str((gg.full_rows, gg.a_signed)).encode())
    wb = write_tflite(g)
    out[f.name] = {"features": h.hexdigest(), "x_shape": list(x.shape), "macs": int(total_macs(g)),
                   "gemms": len(gm), "gemm_hash": gh.hexdigest(),
                   "rewrite_sha256": hashlib.sha256(wb).hexdigest()}
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(len(out), "models")
