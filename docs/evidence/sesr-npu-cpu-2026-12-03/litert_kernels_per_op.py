import numpy as np, warnings
from ai_edge_litert.interpreter import Interpreter, OpResolverType
from jaxeff import weights
from jaxeff.nets.sesr_export import *
from jaxeff.tflite.interpreter import read_graph
card = next(c for c in weights.cards() if c["name"] == "sesr_m5_x2_collapsed")
p = weights.load(card)["params"]
rng = np.random.default_rng(0)
yy, xx = np.mgrid[0:24, 0:20]
x = (np.round(np.clip(0.5 + 0.3*np.sin(yy/3.0)*np.cos(xx/4.0) + 0.05*rng.random((24,20)), 16/255, 235/255)*255)/255).astype(np.float32)
r = calibrate_sesr(p, [x]); buf = export_int8(p, (24, 20), r); q = quantize_input(buf, x)
g = read_graph(buf)
outs = {}
for kind in ("ref", "auto", "builtin"):
    it = Interpreter(model_content=buf, experimental_op_resolver_type={"ref": OpResolverType.BUILTIN_REF, "auto": OpResolverType.AUTO, "builtin": OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES}[kind], experimental_preserve_all_tensors=True)
    it.allocate_tensors(); it.set_tensor(it.get_input_details()[0]["index"], q); it.invoke()
    outs[kind] = {op.outputs[0]: it.get_tensor(op.outputs[0]).astype(int) for op in g.ops}
for op in g.ops:
    o = op.outputs[0]
    print(op.type, "auto", (outs["ref"][o] == outs["auto"][o]).mean().round(3), np.abs(outs["ref"][o]-outs["auto"][o]).max(),
          "builtin", (outs["ref"][o] == outs["builtin"][o]).mean().round(3), np.abs(outs["ref"][o]-outs["builtin"][o]).max())
