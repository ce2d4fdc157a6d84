"""Session 38, helper diag (issue 22, SRAM): the largest U65 misses of velamem's default (``velamem.DEFAULT_RULE``,
E1 "..._rsz_ew1") on V33 (sram_v33e.md) where the U55 is close, and the two reverse ones. Nothing here changes a number
of velamem or chooses a rule.

Part 1: per model, Vela 5.2's U65 peak live set (--verbose-allocation; temporary folder, not kept; the accelerator /
system config of ``jaxeff.gnn.labels.PLATFORMS`` and --memory-mode Shared_Sram) against velamem's peak operator.
Part 2: every weighted operator, Vela's U65 schedule (OFM block, encoded weights, weight buffer, depth slices, cycles)
against velamem's (encoded W, block count r, buffer, pre-buffered slice, roofline c, Vela-shaped c_v) and the
op-cycle-dominance test ``c >= r W / 3.75`` with Vela's and with velamem's numbers.
Part 3: what-if rules on every V33 model (the shared models Vela maps fully + runs/heldoutV33X npu_full; not rules of
velamem; made in this process only, by wrapping ``velamem.encoded_weight_bytes`` or re-building
``velamem.refetch_buffers`` from its own source with a few lines added), every model each changes listed, and the summary
per platform:

* G65 ("compressed weights", the candidate for the most common mechanism): on the U65, velamem's encoded weight bytes
  ``W = int8 bytes + 10 C_out`` become ``KAPPA x int8 bytes + 10 C_out``, ``KAPPA`` = the encoded / int8 size that the
  installed Vela's own weight codec (``ethosu.mlw_codec``) gives a synthetic probe (512 x 3 x 3 x 256 standard-normal
  weights, per-channel symmetric int8, seed 0; computed here at start, 0.9126). G: the same on both NPUs.
* D ("dominated conv streamed"): on the U65, every CONV_2D / DEPTHWISE_CONV_2D / TRANSPOSE_CONV whose weights Vela
  re-reads per OFM block and that no whole buffer took buffers nothing when ``max(c, conv_ublock_cycles,
  depthwise_cycles) >= r W / WEIGHT_STREAM`` (the "_vblk_dom" test velamem applies to newly refetched small maps, applied
  to every refetched conv); the next operator keeps the whole cycles as slack. D2: the same on both NPUs.
* A ("read-once weights sliced"): on the U65, a convolution whose weights are read once (one OFM block) and that no whole
  buffer took goes to velamem's sliced branch when regor's ``refetches == 1`` test passes with velamem's numbers,
  ``W / 3.75 + 500 + W / 16 <= max(c_v, W / 3.75)``.

Part 4: an oracle check (diagnostic only): velamem on the ten models with Vela's printed encoded weight sizes put in.

Imports the Vela-output parsers and the capture helper of diag_lviii38.py (this folder; importing it also defines two
what-if functions of that diag in velamem's namespace, unused here). Markdown on stdout. About 3 minutes.
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_MAIN = the checkout holding runs/, JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s38/diag_u65_38.py > tables.md
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import inspect
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from jaxeff.gnn.labels import PLATFORMS
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
MAIN = os.environ.get("JAXEFF_MAIN", ".")
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
import diag_lviii38 as D  # noqa: E402
from sram_v14 import real_models  # noqa: E402

PLATS = ("u55", "u65")
RULE = vm.DEFAULT_RULE
V33 = "heldoutV33X"
MODELS = ("shared/ML-examples__cnn_m_quantized.tflite", "shared/ML-examples__cnn_s_quantized.tflite",
          f"{V33}/overfeat_fast_231.tflite", f"{V33}/vgg_m_224.tflite", f"{V33}/tc_resnet8_1.5_98x40.tflite",
          f"{V33}/vgg_s_224.tflite", f"{V33}/tiny_yolov2_416.tflite", f"{V33}/alexnet_224.tflite",
          f"{V33}/binarynet_vgg_cifar_32.tflite", f"{V33}/keras_mnist_autoencoder_784.tflite")


def path_of(nm: str) -> str:
    if nm.startswith("shared/"):
        return str(pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite" / nm.split("/", 1)[1])
    return os.path.join("runs", V33, "models", nm.split("/", 1)[1])


def vela_u65(path: str) -> str:
    acc, sysc = PLATFORMS["u65"]
    with tempfile.TemporaryDirectory() as out:
        return subprocess.run(["vela", path, "--accelerator-config", acc, "--system-config", sysc, "--memory-mode",
                               "Shared_Sram", "--output-dir", out, "--verbose-schedule", "--verbose-allocation"],
                              capture_output=True, check=True, text=True).stdout


# ---------------------------------------------------------------- what-if D
_RFB = vm.refetch_buffers
_EWB = vm.encoded_weight_bytes


def _build_d(both: bool):
    src = inspect.getsource(_RFB)
    a = "            stream = newly & (cv >= refetches * w / WEIGHT_STREAM[pl])\n"
    assert src.count(a) == 1, "velamem.refetch_buffers changed"
    cond = "True" if both else "pl in PREBUFFER"
    add = (a + f"            if {cond}:  # what-if D: every refetched conv, not only the newly refetched ones\n"
           "                _sl = np.asarray([o in SLICED for o in ops[:n]])\n"
           "                stream = stream | (_sl & ~one_block & (w > 0) & (cv >= refetches * w / WEIGHT_STREAM[pl]))\n")
    name = "_diag_rfb_d2" if both else "_diag_rfb_d"
    src = src.replace(a, add).replace("def refetch_buffers(", f"def {name}(", 1)
    exec(compile(src, f"<refetch_buffers {name}>", "exec"), vm.__dict__)  # noqa: S102 (this process only)
    return vm.__dict__[name]


def _build_a():
    """What-if A: on the U65, a convolution whose weights are read once (one OFM block) and which no whole buffer
    took goes to the sliced branch when regor's refetches == 1 test passes with velamem's numbers."""
    src = inspect.getsource(_RFB)
    a = "        if ops[v] not in SLICED or w[v] <= 0 or one_block[v]:\n"
    assert src.count(a) == 1, "velamem.refetch_buffers changed"
    add = ("        _ob = one_block[v]\n"
           "        if hide and visible and ops[v] in SLICED and w[v] > 0 and _ob and buf[v] == 0 and (\n"
           "                xfer[v] + w[v] / SRAM_WEIGHT_BYTES_PER_CYCLE <= max(vis_c[v], w[v] / WEIGHT_STREAM[pl])):\n"
           "            _ob = False  # what-if A: regor slices a read-once operator's weights too\n"
           "        if ops[v] not in SLICED or w[v] <= 0 or _ob:\n")
    src = src.replace(a, add).replace("def refetch_buffers(", "def _diag_rfb_a(", 1)
    exec(compile(src, "<refetch_buffers _diag_rfb_a>", "exec"), vm.__dict__)  # noqa: S102 (this process only)
    return vm.__dict__["_diag_rfb_a"]


WHATIF = {"D": _build_d(False), "D2": _build_d(True), "A": _build_a()}
CANDS = ("default", "G65", "G", "D", "D2", "A")

# ---------------------------------------------------------------- oracle W (diagnostic, not a rule)
_ORACLE: dict = {"enc": None}


def _ewb_oracle(rec: dict) -> np.ndarray:
    """velamem's encoded weight bytes with Vela's printed "Encoded Weights" put in, weighted operator by weighted
    operator in Vela's order (only where the counts agree)."""
    w = np.array(_EWB(rec), np.float64)
    enc = _ORACLE["enc"]
    idx = [i for i in range(int(rec["n_ops"])) if rec["ops"][i] in vm.WEIGHTED]
    if enc is not None and len(idx) == len(enc):
        w[idx] = enc
    return w


def probe_kappa() -> float:
    """Vela's weight codec (``ethosu.mlw_codec``, the installed Vela's) on a synthetic probe: 512 output channels of
    3 x 3 x 256 standard-normal weights (seed 0), quantised per channel, symmetric, to int8 (TFLite's scheme); encoded
    bytes / int8 bytes."""
    from ethosu import mlw_codec
    w = np.random.default_rng(0).standard_normal((512, 3 * 3 * 256))
    q = np.clip(np.rint(w / np.abs(w).max(axis=1, keepdims=True) * 127), -127, 127).astype(int)
    return len(mlw_codec.encode(q.ravel().tolist())) / q.size


KAPPA = probe_kappa()
SCALE_BYTES = 10.0  # per output channel: velamem's encoded-size form (module doc), Vela's scale / shift / bias record


def _ewb_g(rec: dict) -> np.ndarray:
    """What-if G: the int8 part of velamem's encoded weights compressed by the probe's ratio ``KAPPA``."""
    w = np.array(_EWB(rec), np.float64)
    n = int(rec["n_ops"])
    cout = np.maximum(np.asarray(rec["x"], np.float64)[:n, _COL["shape3"]], 1.0)
    m = w > 0
    w[m] = KAPPA * np.maximum(w[m] - SCALE_BYTES * cout[m], 0.0) + SCALE_BYTES * cout[m]
    return w


@contextlib.contextmanager
def what_if(name: str, p: str = "u65"):
    vm.refetch_buffers = WHATIF.get(name, _RFB)
    if name == "G" or (name == "G65" and p == "u65"):
        vm.encoded_weight_bytes = _ewb_g
    try:
        yield
    finally:
        vm.refetch_buffers, vm.encoded_weight_bytes = _RFB, _EWB


# ---------------------------------------------------------------- parts 1-2
def part1(texts: dict, models: dict) -> None:
    print("## 1. Vela's U65 peak live set against velamem's U65 peak\n")
    print(f"Rule `{RULE}` (the default). Vela: the SRAM allocation table at the first time index of its largest live "
          "sum (WB_single / WB_double = weight buffers, with the scheduled operator number). velamem: the operator of "
          "its maximum `node_sram_bytes` (TFLite index), its feature maps (fm), own weight buffer (buf) and the rest "
          "(pre-buffered / held next weights).\n")
    print("| model | Vela total B | Vela peak time | Vela live set at the peak (name fmt bytes life) | velamem total B "
          "| velamem peak op | fm B | buf B | other B | error % |")
    print("|---|---:|---:|---|---:|---|---:|---:|---:|---:|")
    for nm in MODELS:
        t = texts[nm]
        t0, live = D.peak_live(D.allocation(t))
        rec = models[nm][0]
        n = int(rec["n_ops"])
        with D.capture() as cap:
            est = vm.node_sram_bytes(rec, "u65", rule=RULE)[:n]
        order = vm.vela_order(rec, concat_first=True)
        v = int(np.argmax(est))
        i = int(np.flatnonzero(order == v)[0])
        x = np.asarray(rec["x"])
        fm, buf = float(cap["fm"][i]), float(cap["buf"][i])
        lab = models[nm][1]["u65"] * 1024
        print(f"| {nm.split('/')[1].replace('.tflite', '')} | {D.total_sram(t)} | {t0} | " + "; ".join(
            f"{a['name'][:24]} {a['fmt']} {a['size']} {a['start']}-{a['end']}" for a in live)
            + f" | {int(est[v])} | {v} {rec['ops'][v]} {D.shp(x, v)} | {int(fm)} | {int(buf)} | "
              f"{int(est[v] - fm - buf)} | {(est[v] / lab - 1) * 100:+.1f} |")


def part2(texts: dict, models: dict) -> None:
    print("\n## 2. U65 weighted operators: Vela's schedule against velamem (default rule)\n")
    print("Vela: --verbose-schedule. velamem: `encoded_weight_bytes` W, `weight_refetches` r, its buffer / pre-buffered "
          "slice (pre, or the whole next buffer it holds), roofline c and c_v = max(c, `conv_ublock_cycles`, "
          "`depthwise_cycles`). Dominated: op cycles >= r W / 3.75 (vela.ini DRAM rate; regor's op-cycle dominance), "
          "with Vela's cycles and encoded W (r from velamem's port of Vela's block search) and with velamem's c_v and W.\n")
    print("| model | op | kind | OFM | Vela block | Vela W | Vela buffer | Vela slices | Vela cycles | Vela dominated | "
          "velamem W | r | buf | pre | c | c_v | velamem dominated |")
    print("|---|---:|---|---|---|---:|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for nm in MODELS:
        rec = models[nm][0]
        with D.capture() as cap:
            vm.node_sram_bytes(rec, "u65", rule=RULE)
        rr = cap["rec"]
        x = np.asarray(rr["x"])
        w = vm.encoded_weight_bytes(rr)
        r = vm.weight_refetches(rr, "u65")
        c = vm.roofline_cycles(rr, "u65")
        cv = np.maximum.reduce([c, vm.conv_ublock_cycles(rr, "u65"), vm.depthwise_cycles(rr, "u65")])
        wops = [o for o in D.vela_ops(texts[nm]) if o["kind"] in ("Conv2D", "FullyConnected", "DepthwiseConv2D",
                                                                   "TransposeConv2D")]
        mine = [i for i in range(int(rr["n_ops"])) if rr["ops"][i] in vm.WEIGHTED]
        if len(wops) != len(mine):
            print(f"| {nm} | (Vela {len(wops)} weighted operations, velamem {len(mine)}: not paired) |")
            continue
        for o, i in zip(wops, mine, strict=True):
            rv = max(float(r[i]), 1.0)
            dv = "-" if rr["ops"][i] == "FULLY_CONNECTED" else ("yes" if o["cycles"] >= rv * o["enc"] / 3.75 else "no")
            dm = "-" if rr["ops"][i] == "FULLY_CONNECTED" else ("yes" if cv[i] >= rv * w[i] / 3.75 else "no")
            print(f"| {nm.split('/')[1].replace('.tflite', '')} | {i} | {rr['ops'][i]} | {D.shp(x, i)} | {o['block']} | "
                  f"{o['enc']} | {o['wbuf']} | {o['slices']} | {o['cycles']} | {dv} | {w[i]:.0f} | {r[i]:.0f} | "
                  f"{cap['buf'][i]:.0f} | {cap['pre'][i]:.0f} | {c[i]:.0f} | {cv[i]:.0f} | {dm} |")


# ---------------------------------------------------------------- part 3
def errors(models: dict, names: list) -> dict:
    err = {}
    for c in CANDS:
        for p in PLATS:
            with what_if(c, p):
                for nm in names:
                    rec, y = models[nm]
                    err[(c, nm, p)] = (vm.sram_bytes(rec, p, rule=RULE) / 1024 / y[p] - 1) * 100
    return err


def part3(models: dict, err: dict) -> None:
    names = sorted(models)
    print(f"\n## 3. What-if G65 / G / D / D2 / A on V33 ({len(names)} models: shared npu_full + runs/{V33} npu_full)\n")
    print("| rule | NPU | n | within 10 % | median abs. % | mean abs. % | above 50 % | max abs. % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in CANDS:
        for p in PLATS:
            a = np.abs([err[(c, nm, p)] for nm in names])
            print(f"| {c} | {p} | {len(a)} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} |")
    for c in CANDS[1:]:
        ch = [nm for nm in names if any(abs(err[(c, nm, p)] - err[("default", nm, p)]) > 1e-9 for p in PLATS)]
        print(f"\n### Models {c} changes ({len(ch)} of {len(names)})\n")
        print("| model | U55 Vela KiB | U55 default % | U55 " + c + " % | U65 Vela KiB | U65 default % | U65 " + c + " % |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for nm in ch:
            y = models[nm][1]
            print(f"| {nm} | " + " | ".join(f"{y[p]:.1f} | {err[('default', nm, p)]:+.1f} | {err[(c, nm, p)]:+.1f}"
                                            for p in PLATS) + " |")


def part4(texts: dict, models: dict) -> None:
    print("\n## 4. Oracle check: velamem with Vela's own encoded weight sizes (U65; diagnostic only)\n")
    print("velamem's default rule with `encoded_weight_bytes` replaced, weighted operator by weighted operator in Vela's "
          "order, by Vela's printed \"Encoded Weights\" of the same U65 compilation (where Vela and velamem count the same "
          "weighted operators; cycles stay velamem's). Shows how much of each miss is the encoded-size margin.\n")
    print("| model | Vela KiB | default % | oracle-W % | velamem W / Vela W (sum) |")
    print("|---|---:|---:|---:|---:|")
    for nm in MODELS:
        rec, y = models[nm]
        enc = [o["enc"] for o in D.vela_ops(texts[nm]) if o["kind"] in ("Conv2D", "FullyConnected", "DepthwiseConv2D",
                                                                         "TransposeConv2D")]
        n = int(rec["n_ops"])
        idx = [i for i in range(n) if rec["ops"][i] in vm.WEIGHTED]
        base = (vm.sram_bytes(rec, "u65", rule=RULE) / 1024 / y["u65"] - 1) * 100
        if len(idx) != len(enc):
            print(f"| {nm.split('/')[1].replace('.tflite', '')} | {y['u65']:.1f} | {base:+.1f} | (Vela {len(enc)} weighted "
                  f"operations, velamem {len(idx)}) | - |")
            continue
        ratio = float(np.sum(_EWB(rec)[idx])) / max(sum(enc), 1)
        _ORACLE["enc"] = np.asarray(enc, np.float64)
        vm.encoded_weight_bytes = _ewb_oracle
        try:
            est = vm.sram_bytes(rec, "u65", rule=RULE)
        finally:
            vm.encoded_weight_bytes, _ORACLE["enc"] = _EWB, None
        print(f"| {nm.split('/')[1].replace('.tflite', '')} | {y['u65']:.1f} | {base:+.1f} | "
              f"{(est / 1024 / y['u65'] - 1) * 100:+.1f} | {ratio:.3f} |")


def main() -> None:
    os.chdir(MAIN)
    models = real_models(V33)
    assert all(m in models for m in MODELS)
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        fut = {m: ex.submit(vela_u65, path_of(m)) for m in MODELS}
        texts = {m: f.result() for m, f in fut.items()}
    for m in MODELS:
        assert abs(D.total_sram(texts[m]) - models[m][1]["u65"] * 1024) < 8, m
    part1(texts, models)
    part2(texts, models)
    err = errors(models, sorted(models))
    part3(models, err)
    part4(texts, models)


if __name__ == "__main__":
    main()
