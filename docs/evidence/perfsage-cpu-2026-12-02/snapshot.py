"""Before/after check of read_tflite consumers on the 15 shared models (issue 25.5)."""
import hashlib, json, pathlib, sys, os
import numpy as np
from jaxeff.gnn.tflite import read_main
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
    try:
        gm = tflite_gemms(f, rows=16, seed=0)
        for gg in gm:
            gh.update(gg.name.encode()); gh.update(np.ascontiguousarray(gg.a).tobytes())
            gh.update(np.ascontiguousarray(np.asarray(gg.b)).tobytes()); gh.update(str((gg.full_rows if hasattr(gg,'full_rows') else None, gg.a_signed)).encode())
        ng = len(gm)
    except Exception as e:
        ng = f"error {type(e).__name__}: {e}"
    out[f.name] = {"features": h.hexdigest(), "x_shape": list(x.shape), "macs": int(total_macs(g)), "gemms": ng, "gemm_hash": gh.hexdigest()}
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(len(out), "models")
