"""Issue 22, session 37 addendum 4: synthetic Vela probes of pools whose output is one pixel (global pools), against
rule V's formula with the constants fitted on probe_pool.jsonl. Call (repo root): PYTHONPATH=src:. python THIS"""
import sys, json, importlib.util
spec = importlib.util.spec_from_file_location("p", "docs/evidence/perfsage-cpu-2026-12-07-s37/probe_s37.py"); p = importlib.util.module_from_spec(spec); spec.loader.exec_module(p)
for it in [("avg",7,7,1024,7,7),("avg",7,7,256,7,7),("avg",14,14,256,14,14),("max",7,7,512,7,7),("avg",4,4,64,4,4),("avg",1,2048,8,1,2048),("avg",10,10,64,10,10),("avg",1,64,32,1,64), ("avg",6,6,128,6,6)]:
    r = p.probe_pool(*it); f = it[4]*it[5]*-(-it[3]//8); px=r["oh"]*r["ow"]
    print(json.dumps(r), "V55=%.0f V65=%.0f" % (px*(73.04+5.9089*f), px*(68.61+5.4533*f)), flush=True)
