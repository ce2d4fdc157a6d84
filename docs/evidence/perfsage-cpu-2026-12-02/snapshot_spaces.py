"""Before/after: features and written TFLite bytes of sampled space graphs."""
import hashlib, json, sys
import numpy as np
from experiments.perfsage_dataset import make_tflite
from jaxeff.gnn.graph import node_features
from jaxeff.gnn.tflite import read_main
out = {}
for sp in ("mbconv", "resnet", "dscnn", "sesr"):
    for seed in range(4):
        s, buf = make_tflite(sp, 1000 + seed)
        x, cat, _ = node_features(s.graph)
        x2, cat2, _ = node_features(read_main(buf))
        out[f"{sp}_{seed}"] = [hashlib.sha256(buf).hexdigest(), hashlib.sha256(x.tobytes() + cat.tobytes()).hexdigest(), hashlib.sha256(x2.tobytes() + cat2.tobytes()).hexdigest()]
json.dump(out, open(sys.argv[1], "w"), indent=1)
print(len(out))
