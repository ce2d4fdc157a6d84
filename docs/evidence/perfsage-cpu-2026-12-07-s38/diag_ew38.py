"""Session 38, helper diag (issue 22, SRAM): which element-wise maps with a channel count C % 16 != 0 does Vela 5.2 keep
NHWC? (diag_sram38.md points 3 / 6, "mechanism E": velamem's layout rule keeps an ADD / SUB / MUL / MAXIMUM / MINIMUM /
SQUARED_DIFFERENCE output with C % 16 != 0 and the maps feeding it NHWC; dropping it fixes 20 V33 models but breaks
idn_x2_64.) Nothing here changes a number of velamem or chooses a rule.

Part 1: Vela 5.2 re-run (temporary folder, not kept; ``--verbose-allocation``, the accelerator / system config of
``jaxeff.gnn.labels.PLATFORMS``, ``--memory-mode Shared_Sram``; U55 and U65) on V33 models with element-wise operators
on C % 16 != 0 maps; per such operator (TFLite graph read with Vela's own flatbuffer classes): type, fused activation,
shapes, inputs (producer type, graph input, constant), readers, and the layout of each map in Vela's SRAM allocation
table against velamem's (``velamem.feature_map_live``'s layout, re-built from its source to return the per-map sizes).
Part 2: the layout Vela gives the outputs of the upscaling operators (TRANSPOSE_CONV, RESIZE_*), which are what feeds
IDN's final ADD.
Part 3: what-if rules (made in this process only, by exec of a modified copy of ``velamem.feature_map_live``'s
source) with ``velamem.DEFAULT_RULE`` on every V33 model (shared npu_full + runs/heldoutV33X npu_full), every model
each changes listed:

* E: the element-wise C % 16 NHWC rule dropped (both clauses), as in diag_sram38.py, now on the default with "_rsz".
* EU: E, but a TRANSPOSE_CONV / RESIZE_BILINEAR output read by an element-wise operator with C % 16 != 0 stays NHWC
  (the upscaling producers of part 2).
* E1: the rule narrowed to one channel: an element-wise operator's output with C == 1, and the maps feeding an
  element-wise operator whose output has C == 1, stay NHWC (IDN's and LapSRN's x2 residual ADDs, part 1).

Markdown on stdout. Deterministic. A few minutes (Vela on about 20 models, velamem on 284 models x 4 rules).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_ew38.py > tables.md
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import inspect
import os
import pathlib
import sys

import numpy as np
from ethosu.vela.tflite.BuiltinOperator import BuiltinOperator
from ethosu.vela.tflite.Model import Model

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL, _ITEMSIZE
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = os.environ.get("JAXEFF_MAIN", ".")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
from diag_sram38 import allocation, vela_text  # noqa: E402
from sram_v14 import real_models  # noqa: E402

PLATS = ("u55", "u65")
RULE = vm.DEFAULT_RULE
FOLDER = "heldoutV33X"
EW_MODELS = ("idn_x2_64", "lapsrn_x4_64", "res15_narrow_kws_101x40", "bc_resnet1_40x101", "bc_resnet3_40x101",
             "regnetx_200mf_224", "res8_narrow_kws_101x40", "blazeface_128", "ghostnet_1.0_224", "tcn_smnist_784",
             "tsception_28x512", "darts_v2_cifar_32", "densenet40_k12_cifar_32", "lite_hrnet18_256x192",
             "shuffleseg_512x256")
UP_MODELS = ("idn_x2_64", "lapsrn_x4_64", "acgan_gen_cifar_32", "dcgan_generator_64", "context_encoder_128",
             "superpoint_240x320", "espnet_512x256", "edsr_x2_48", "attention_unet_128", "wave_unet_16384",
             "deeplabv3_mnv2_513", "lite_hrnet18_256x192", "shuffleseg_512x256")
OPNAME = {v: k for k, v in BuiltinOperator.__dict__.items() if not k.startswith("_")}
ACT = {0: "", 1: "RELU", 2: "RELU_N1_TO_1", 3: "RELU6", 4: "TANH", 5: "SIGN_BIT", 6: "SIGMOID"}


# ---------------------------------------------------------------- the TFLite graph (Vela's flatbuffer classes)
def tflite_graph(path: str) -> dict:
    m = Model.GetRootAsModel(open(path, "rb").read(), 0)
    g = m.Subgraphs(0)
    tens = []
    for i in range(g.TensorsLength()):
        t = g.Tensors(i)
        b = m.Buffers(t.Buffer())
        tens.append({"name": t.Name().decode(), "shape": t.ShapeAsNumpy().tolist() if t.ShapeLength() else [],
                     "const": b is not None and b.DataLength() > 0})
    ops = []
    for i in range(g.OperatorsLength()):
        op = g.Operators(i)
        oc = m.OperatorCodes(op.OpcodeIndex())
        ops.append({"type": OPNAME[max(oc.BuiltinCode(), oc.DeprecatedBuiltinCode())],
                    "ins": [op.Inputs(j) for j in range(op.InputsLength()) if op.Inputs(j) >= 0],
                    "outs": [op.Outputs(j) for j in range(op.OutputsLength())]})
    prod = {o: i for i, op in enumerate(ops) for o in op["outs"]}
    readers: dict[int, list[int]] = {}
    for i, op in enumerate(ops):
        for t in op["ins"]:
            readers.setdefault(t, []).append(i)
    return {"t": tens, "ops": ops, "prod": prod, "readers": readers,
            "gin": {g.Inputs(i) for i in range(g.InputsLength())}, "gout": {g.Outputs(i) for i in range(g.OutputsLength())}}


# ---------------------------------------------------------------- velamem's layout per map
_FML = vm.feature_map_live


def _sizes_fn():
    """velamem.feature_map_live, stopped where the per-map sizes (its layout) are known: returns ``size``."""
    src = inspect.getsource(_FML)
    a = "    size = np.ceil(size / 16) * 16\n"
    assert src.count(a) == 1, "velamem.feature_map_live changed"
    ns = dict(vm.__dict__)
    exec(compile(src.replace(a, a + "    return size\n"), "<fml sizes>", "exec"), ns)  # noqa: S102
    return ns["feature_map_live"]


_FML_SIZES = _sizes_fn()


def velamem_layout(rec: dict) -> dict[int, str]:
    """Per operator output (record node = TFLite operator index): "NHWC" or "NHCWB16" as the default rule holds it
    (the layout does not depend on the order; the flags of the default rule)."""
    size = _FML_SIZES(rec, vm.CONCAT_IN_PLACE, True, True, True, True, True, True, True, False, True)
    x = np.asarray(rec["x"])
    out = {}
    for v in range(int(rec["n_ops"])):
        item = 1.0
        for d, b in _ITEMSIZE.items():
            if x[v, _COL[f"dtype_{d}"]] > 0.5:
                item = b
        nhwc = np.ceil(np.prod([int(round(x[v, _COL[f"shape{i}"]])) for i in range(4)]) * item / 16) * 16
        c16 = int(round(x[v, _COL["shape3"]])) % 16 == 0
        out[v] = "(C%16=0)" if c16 else "NHCWB16" if size[v] > nhwc + 0.5 else "NHWC"
    return out


def _build(name: str):
    """The what-if feature_map_live ``name`` ("E" / "EU") from velamem's own source."""
    src = inspect.getsource(_FML)
    a = "ops[c] in ELEMENTWISE and shape[c, 3] % 16) or ("
    b = "(ops[v] in ELEMENTWISE and shape[v, 3] % 16) or "
    assert src.count(a) == 1 and src.count(b) == 1, "velamem.feature_map_live changed; E no longer applies"
    new = {"E": "False) or (",
           "EU": "ops[c] in ELEMENTWISE and shape[c, 3] % 16 and ops[v] in ('TRANSPOSE_CONV', 'RESIZE_BILINEAR')) or (",
           "E1": "ops[c] in ELEMENTWISE and shape[c, 3] == 1) or ("}
    own = {"E": "", "EU": "", "E1": "(ops[v] in ELEMENTWISE and shape[v, 3] == 1) or "}
    src = src.replace(a, new[name]).replace(b, own[name])
    ns = dict(vm.__dict__)
    exec(compile(src, f"<feature_map_live {name}>", "exec"), ns)  # noqa: S102 (velamem's code, clauses changed)
    return ns["feature_map_live"]


FMLS = {"default": _FML, "E": _build("E"), "EU": _build("EU"), "E1": _build("E1")}


@contextlib.contextmanager
def what_if(name: str):
    vm.feature_map_live = FMLS[name]
    try:
        yield
    finally:
        vm.feature_map_live = _FML


# ---------------------------------------------------------------- part 1
EW = vm.ELEMENTWISE


def shp(s) -> str:
    return "x".join(map(str, s[1:])) if len(s) > 1 else ("x".join(map(str, s)) or "scalar")


def vela_formats(path: str) -> dict[str, dict[str, str]]:
    out = {}
    for p in PLATS:
        f: dict[str, str] = {}
        for a in allocation(vela_text(path, p)):
            f.setdefault(a["name"], a["fmt"])
        out[p] = f
    return out


def fmt_of(fm: dict, name: str) -> str:
    """Vela's layout of a map on both NPUs ("-": not in the SRAM table, e.g. written into a concatenation)."""
    a, b = fm["u55"].get(name, "-"), fm["u65"].get(name, "-")
    return a if a == b else f"{a}/{b}"


def part1(runs: dict) -> None:
    print("## 1. Element-wise operators on C % 16 != 0 maps: Vela's layout against velamem's (default rule)\n")
    print("Every ADD / SUB / MUL / MAXIMUM / MINIMUM / SQUARED_DIFFERENCE whose output or a map input has C % 16 != 0. "
          "Vela: the map's format in its SRAM allocation table (U55 and U65 agree unless shown as U55/U65; \"-\": the "
          "map has no buffer of its own, e.g. written into a CONCATENATION); velamem: the layout the default rule "
          "gives it. Inputs: name [producer] shape Vela / velamem; `IN` a graph input, `const` a constant. "
          "act: fused activation. readers: the output's reader types (`OUT`: a graph output).\n")
    print("| model | op | type | act | output shape | Vela out | velamem out | readers | inputs |")
    print("|---|---:|---|---|---|---|---|---|---|")
    summ = []
    for m in EW_MODELS:
        g, fm, lay = runs[m]["g"], runs[m]["fmt"], runs[m]["lay"]
        T, ops = g["t"], g["ops"]
        k = {"ops": 0, "vela_out_nhwc": 0, "vm_out_nhwc": 0, "vela_in_nhwc": 0, "vm_in_nhwc": 0, "maps_in": 0}
        for i, op in enumerate(ops):
            if op["type"] not in EW:
                continue
            o = op["outs"][0]
            chans = [T[t]["shape"][-1] for t in [o] + op["ins"] if T[t]["shape"] and not T[t]["const"]]
            if all(c % 16 == 0 for c in chans):
                continue
            k["ops"] += 1
            vo = fmt_of(fm, T[o]["name"])
            k["vela_out_nhwc"] += vo.startswith("NHWC")
            k["vm_out_nhwc"] += lay[i] == "NHWC"
            ins = []
            for t in op["ins"]:
                if T[t]["const"]:
                    ins.append(f"const {shp(T[t]['shape'])}")
                    continue
                if t in g["gin"]:
                    ins.append(f"{T[t]['name']} [IN] {shp(T[t]['shape'])} {fmt_of(fm, T[t]['name'])} / NHWC")
                    k["maps_in"] += 1
                    continue
                p = g["prod"][t]
                vi = fmt_of(fm, T[t]["name"])
                k["maps_in"] += 1
                k["vela_in_nhwc"] += vi.startswith("NHWC")
                k["vm_in_nhwc"] += lay[p] == "NHWC"
                ins.append(f"{T[t]['name']} [{ops[p]['type']}] {shp(T[t]['shape'])} {vi} / {lay[p]}")
            x = np.asarray(runs[m]["rec"]["x"])
            act = ACT.get(int(round(x[i, _COL["fused_activation_function"]])), "?")
            rd = [ops[r]["type"] for r in g["readers"].get(o, [])] + (["OUT"] if o in g["gout"] else [])
            print(f"| {m} | {i} | {op['type']} | {act} | {shp(T[o]['shape'])} | {vo} | {lay[i]} | {', '.join(rd)} | "
                  + "; ".join(ins) + " |")
        summ.append((m, k))
    print("\n### Summary per model (element-wise operators of the table above)\n")
    print("| model | ops | outputs NHWC in Vela | outputs NHWC in velamem | map inputs | inputs NHWC in Vela "
          "| inputs NHWC in velamem |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m, k in summ:
        print(f"| {m} | {k['ops']} | {k['vela_out_nhwc']} | {k['vm_out_nhwc']} | {k['maps_in']} | {k['vela_in_nhwc']} "
              f"| {k['vm_in_nhwc']} |")


def part2(runs: dict) -> None:
    print("\n## 2. Vela's layout of the upscaling operators' outputs (TRANSPOSE_CONV, RESIZE_*)\n")
    print("| model | op | type | output shape | C % 16 | graph output | readers | Vela | velamem |")
    print("|---|---:|---|---|---:|---|---|---|---|")
    for m in UP_MODELS:
        g, fm, lay = runs[m]["g"], runs[m]["fmt"], runs[m]["lay"]
        for i, op in enumerate(g["ops"]):
            if op["type"] not in ("TRANSPOSE_CONV", "RESIZE_BILINEAR", "RESIZE_NEAREST_NEIGHBOR"):
                continue
            o = op["outs"][0]
            s = g["t"][o]["shape"]
            rd = [g["ops"][r]["type"] for r in g["readers"].get(o, [])]
            print(f"| {m} | {i} | {op['type']} | {shp(s)} | {s[-1] % 16} | {'yes' if o in g['gout'] else ''} | "
                  f"{', '.join(rd)} | {fmt_of(fm, g['t'][o]['name'])} | {lay[i]} |")


# ---------------------------------------------------------------- part 3
def part3() -> None:
    models = real_models(FOLDER)
    names = sorted(models)
    cands = ("E", "EU", "E1")
    err = {}
    for c in ("default",) + cands:
        with what_if(c):
            for nm in names:
                rec, y = models[nm]
                for p in PLATS:
                    err[(c, nm, p)] = (vm.sram_bytes(rec, p, rule=RULE) / 1024 / y[p] - 1) * 100
    print(f"\n## 3. What-if rules on V33 ({len(names)} models: shared npu_full + runs/{FOLDER} npu_full), "
          f"rule `{RULE}`\n")
    print("| rule | NPU | n | within 10 % | median abs. % | mean abs. % | above 50 % | max abs. % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in ("default",) + cands:
        for p in PLATS:
            a = np.abs([err[(c, nm, p)] for nm in names])
            print(f"| {c} | {p} | {len(a)} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} |")
    for c in cands:
        ch = [nm for nm in names if any(abs(err[(c, nm, p)] - err[("default", nm, p)]) > 1e-9 for p in PLATS)]
        print(f"\n### Models {c} changes ({len(ch)} of {len(names)})\n")
        print("| model | U55 Vela KiB | U55 default % | U55 " + c + " % | U65 Vela KiB | U65 default % | U65 " + c + " % |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for nm in ch:
            y = models[nm][1]
            print(f"| {nm} | " + " | ".join(f"{y[p]:.1f} | {err[('default', nm, p)]:+.1f} | {err[(c, nm, p)]:+.1f}"
                                            for p in PLATS) + " |")


def main() -> None:
    os.chdir(MAIN)
    ms = sorted(set(EW_MODELS) | set(UP_MODELS))
    paths = {m: os.path.join("runs", FOLDER, "models", m + ".tflite") for m in ms}
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        fut = {m: ex.submit(vela_formats, paths[m]) for m in ms}
        fmts = {m: f.result() for m, f in fut.items()}
    runs = {}
    for m in ms:
        rec = record_of(paths[m])
        g = tflite_graph(paths[m])
        assert list(rec["ops"]) == [op["type"] for op in g["ops"]], m  # record node i = TFLite operator i
        runs[m] = {"g": g, "fmt": fmts[m], "rec": rec, "lay": velamem_layout(rec)}
    part1(runs)
    part2(runs)
    part3()


if __name__ == "__main__":
    main()
