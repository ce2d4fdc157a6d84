"""Session 39, helper diag (issue 22, SRAM): why velamem's default (``velamem.DEFAULT_RULE``, E1) over-predicts the two
fresh models of families LXII (sram_LXII.md) on both NPUs: Acharya's MI ECG CNN (Vela 9.3 KiB, +46.7 %) and PAN x2
(Vela 1,210.4 KiB, +27.7 %). Nothing here changes a number of velamem or chooses a rule.

Part 1: per model and NPU, Vela 5.2's peak live set (--verbose-allocation; temporary folder, the accelerator / system
config of ``jaxeff.gnn.labels.PLATFORMS``, --memory-mode Shared_Sram; session 38's ``diag_lviii38.vela_text``) against
velamem's peak operator (``node_sram_bytes``, its ``feature_map_live`` and weight buffers in Vela's order).
Part 2: the tensors at both peaks, Vela's format / bytes against velamem's layout of the same TFLite tensor (velamem's
per-tensor sizes captured from ``feature_map_live`` re-built in this process with one line added).
Part 3: Vela's lowering of the operators involved (--verbose-schedule).
Part 4: the same situations on V33 (shared npu_full + runs/heldoutV33X npu_full, 284 models): every model with a
standalone LEAKY_RELU / TANH / LOGISTIC / HARD_SWISH on 0 < C < 8 channels and more than one position, or a
RESIZE_BILINEAR; Vela 5.2 (U55, --verbose-allocation) re-run on those models, the format Vela gives each such tensor.
Part 5: what-if rules (made in this process only: ``feature_map_live`` re-built from its own source with its
activation set and its own-layout test widened; src/ unchanged), on every V33 model and the two LXII models:

* L: a standalone LEAKY_RELU on 0 < C < 8 channels (more than one position) is treated as velamem's narrow clamp
  activation (session 31's "_lin"): its output and its feature input stay NHWC.
* Lx: the same for LEAKY_RELU, TANH, LOGISTIC and HARD_SWISH (Vela's LUT activations).
* H: a RESIZE_BILINEAR with half_pixel_centers whose output is exactly 2x its input on both axes has an NHWC output.
* L+H, Lx+H.

Markdown on stdout. Deterministic. A few minutes (Vela on 2 + ~25 models, velamem on 286 models x 6 rules).
Usage (repo root, venv on, PYTHONPATH=src:., JAXEFF_DATA set):
  python docs/evidence/perfsage-cpu-2026-12-07-s39/diag_sram39.py > docs/evidence/perfsage-cpu-2026-12-07-s39/diag_sram39.md
"""
from __future__ import annotations

import contextlib
import inspect
import json
import os
import pathlib
import sys

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from jaxeff.gnn.realeval import record_of

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
from diag_lviii38 import allocation, capture, peak_live, total_sram, vela_ops, vela_text  # noqa: E402
from sram_v14 import real_models  # noqa: E402

PLATS = ("u55", "u65")
RULE = vm.DEFAULT_RULE
MODELS = ("acharya_mi_ecg_651", "pan_x2_64")
FOLDER, V33 = "heldoutLXII", "heldoutV33X"
LUT_ACTS = ("LEAKY_RELU", "TANH", "LOGISTIC", "HARD_SWISH")

# ---------------------------------------------------------------- feature_map_live re-built (this process only)
_FML, _REO = vm.feature_map_live, vm._reordered
_src = inspect.getsource(_FML)
_a = "    size = np.ceil(size / 16) * 16\n"
_b = "        if unaligned_concat(v) or (ops[v] in ELEMENTWISE and ew_nhwc(v)) or narrow_act(v):\n"
_c = "    x, n, ops, cons, prods = _graph(rec)\n"
assert _src.count(_a) == 1 and _src.count(_b) == 1 and _src.count(_c) == 1, "velamem.feature_map_live changed"
assert _src.count("CLAMP_ACTIVATIONS") == 2, "velamem.feature_map_live changed"
_src = (_src.replace(_a, _a + "    _DIAG['sizes'].append(size.copy())\n")
        .replace(_b, _b[:-2] + " or (_DIAG['H'] and _hp is not None and bool(_hp[v])):\n")
        .replace(_c, _c + "    _hp = rec.get('diag_hp')\n")
        .replace("CLAMP_ACTIVATIONS", "(CLAMP_ACTIVATIONS | _DIAG['acts'])")
        .replace("def feature_map_live(", "def _diag_fml(", 1))
vm.__dict__["_DIAG"] = {"sizes": [], "H": False, "acts": frozenset()}
exec(compile(_src, "<feature_map_live diag>", "exec"), vm.__dict__)  # noqa: S102
_FML_D = vm.__dict__["_diag_fml"]
DIAG = vm.__dict__["_DIAG"]


def _reo(rec: dict, order: np.ndarray) -> dict:
    out = _REO(rec, order)
    if "diag_hp" in rec:
        out["diag_hp"] = np.asarray(rec["diag_hp"])[order]
    return out


def half_pixel_x2(rec: dict) -> np.ndarray:
    """Per operator: a RESIZE_BILINEAR with half_pixel_centers and output exactly 2x its input on both axes."""
    x, n, ops, _, prods = vm._graph(rec)
    g = rec.get("graph")
    out = np.zeros(n, bool)
    for v in range(n):
        if ops[v] != "RESIZE_BILINEAR" or g is None or not g.ops[v].options.get("half_pixel_centers"):
            continue
        p = vm._feature_input(x, n, prods, v)
        if p is not None and all(col(x, v, f"shape{i}") == 2 * col(x, p, f"shape{i}") for i in (1, 2)):
            out[v] = True
    return out


CANDS = {"L": (("LEAKY_RELU",), False), "Lx": (LUT_ACTS, False), "H": ((), True),
         "L+H": (("LEAKY_RELU",), True), "Lx+H": (LUT_ACTS, True)}


@contextlib.contextmanager
def what_if(name: str):
    acts, h = CANDS.get(name, ((), False))
    DIAG.update(acts=frozenset(acts), H=h)
    vm.feature_map_live, vm._reordered = _FML_D, _reo
    try:
        yield
    finally:
        DIAG.update(acts=frozenset(), H=False)
        vm.feature_map_live, vm._reordered = _FML, _REO


def with_hp(rec: dict) -> dict:
    return {**rec, "diag_hp": half_pixel_x2(rec)}


def sizes(rec: dict, acts: tuple = (), h: bool = False) -> np.ndarray:
    """velamem's per-tensor bytes (layout included) under the default rule's feature-map flags (with what-if
    ``acts`` / ``h`` where given)."""
    DIAG["sizes"].clear()
    DIAG.update(acts=frozenset(acts), H=h)
    try:
        _FML_D(with_hp(rec) if h else rec, True, True, True, True, True, True, True, True, False, True, True)
    finally:
        DIAG.update(acts=frozenset(), H=False)
    return DIAG["sizes"][-1]


def col(x, v, c) -> int:
    return int(round(float(x[v, _COL[c]])))


def shp(x, v) -> str:
    return "x".join(str(col(x, v, f"shape{j}")) for j in (1, 2, 3))


def layout(x, v, b) -> str:
    h, w, c = (col(x, v, f"shape{j}") for j in (1, 2, 3))
    a, k = vm._ceil16(h * w * c), vm._ceil16(h * w * vm._ceil_to(c, 16))
    return "same" if a == k == b else "NHWC" if b == a else "NHCWB16" if b == k else "?"


# ---------------------------------------------------------------- parts 1-3
def part1(texts: dict, labs: dict, recs: dict) -> None:
    print("## 1. Vela's peak live set against velamem's peak\n")
    print(f"Rule `{RULE}` (the default). Vela: the SRAM allocation table at the first time index of its largest live "
          "sum. velamem: the operator of its maximum `node_sram_bytes` (TFLite index), its feature maps (fm), weight "
          "buffer (buf) and the rest, in Vela's order.\n")
    print("| model | NPU | Vela total B | Vela peak time | Vela live set at the peak (name fmt bytes life) | velamem total B "
          "| velamem peak op | fm B | buf B | other B | error % |")
    print("|---|---|---:|---:|---|---:|---|---:|---:|---:|---:|")
    for m in MODELS:
        for p in PLATS:
            t = texts[(m, p)]
            t0, live = peak_live(allocation(t))
            rec = recs[m]
            n = int(rec["n_ops"])
            with capture() as cap:
                est = vm.node_sram_bytes(rec, p, rule=RULE)[:n]
            order = vm.vela_order(rec, concat_first=True)
            v = int(np.argmax(est))
            i = int(np.flatnonzero(order == v)[0])
            x = np.asarray(rec["x"])
            fm, buf = float(cap["fm"][i]), float(cap["buf"][i])
            lab = labs[m][p + "_sram_kib"] * 1024
            print(f"| {m} | {p} | {total_sram(t)} | {t0} | " + "; ".join(
                f"{a['name']} {a['fmt']} {a['size']} {a['start']}-{a['end']}" for a in live)
                + f" | {int(est[v])} | {v} {rec['ops'][v]} {shp(x, v)} | {int(fm)} | {int(buf)} | "
                  f"{int(est[v] - fm - buf)} | {(est[v] / lab - 1) * 100:+.1f} |")


def part1b(recs: dict) -> None:
    print("\n### velamem per operator (Vela's order) around its peak, default rule\n")
    print("| model | NPU | pos | op | kind | OFM | fm B | buf B | pre B | node_sram_bytes B |")
    print("|---|---|---:|---:|---|---|---:|---:|---:|---:|")
    for m in MODELS:
        rec = recs[m]
        n = int(rec["n_ops"])
        x = np.asarray(rec["x"])
        order = vm.vela_order(rec, concat_first=True)
        for p in PLATS:
            with capture() as cap:
                est = vm.node_sram_bytes(rec, p, rule=RULE)[:n]
            k = int(np.flatnonzero(order == int(np.argmax(est)))[0])
            rows = range(0, 5) if m.startswith("acharya") else list(range(0, 3)) + list(range(k - 4, n))
            for i in rows:
                v = int(order[i])
                print(f"| {m} | {p} | {i} | {v} | {rec['ops'][v]} | {shp(x, v)} | {cap['fm'][i]:.0f} | "
                      f"{cap['buf'][i]:.0f} | {cap['pre'][i]:.0f} | {est[v]:.0f} |")


def part2(texts: dict, recs: dict) -> None:
    print("\n## 2. The tensors at the two peaks: Vela's format and bytes against velamem's layout (U55; U65 identical)\n")
    print("Every feature map Vela holds at its peak or velamem holds at its peak operator, by TFLite tensor name. "
          "velamem bytes: its `feature_map_live` size of that tensor under the default rule (layout read off the "
          "bytes). Vela: every allocation entry of that name (format, bytes, life).\n")
    print("| model | tensor | op | kind | shape | Vela entries (fmt bytes life) | velamem B | velamem layout | "
          "velamem - Vela B |")
    print("|---|---|---:|---|---|---|---:|---|---:|")
    for m in MODELS:
        rec = recs[m]
        x = np.asarray(rec["x"])
        al = allocation(texts[(m, "u55")])
        sz = sizes(rec)
        pick = {"acharya_mi_ecg_651": (0, 1, 2, 3, 4), "pan_x2_64": (252, 240, 242, 243, 244, 251, 253)}[m]
        g = rec["graph"]
        for v in pick:
            nm = g.tensors[g.ops[v].outputs[0]].name
            ent = [a for a in al if a["name"] == nm]
            big = max((a["size"] for a in ent), default=0)
            print(f"| {m} | {nm} | {v} | {rec['ops'][v]} | {shp(x, v)} | "
                  + "; ".join(f"{a['fmt']} {a['size']} {a['start']}-{a['end']}" for a in ent)
                  + f" | {sz[v]:.0f} | {layout(x, v, sz[v])} | {f'{sz[v] - big:+.0f}' if ent else '- (no entry)'} |")


def part3(texts: dict) -> None:
    print("\n## 3. Vela's lowering of the operators involved (--verbose-schedule, U55)\n")
    print("| model | Vela op | kind | OFM | kernel | time | OFM block | weight buffer | sub-operations | Memory Used B |")
    print("|---|---:|---|---|---|---:|---|---|---|---:|")
    for m in MODELS:
        ops = vela_ops(texts[(m, "u55")])
        sub = {}
        for blk in texts[(m, "u55")].split("Schedule:", 1)[1].split("\n\t")[1:]:
            if ": Operation" in blk:
                k = int(blk.split(":", 1)[0])
                s = [ln for ln in blk.splitlines() if "sub-operations:" in ln]
                sub[k] = s[0].split(":", 1)[1].strip() if s else ""
        keep = range(0, 5) if m.startswith("acharya") else [0, 1, 2, 3, 4, 5, 6] + list(range(len(ops) - 16, len(ops)))
        for i in keep:
            o = ops[i]
            print(f"| {m} | {o['i']} | {o['kind']} | {o['ofm']} | {o['kernel']} | {o['t']} | {o['block']} | {o['wbuf']} | "
                  f"{sub.get(o['i'], '')} | {o['used']} |")


# ---------------------------------------------------------------- part 4
def part4(models: dict) -> dict:
    print("\n## 4. The same situations on V33: Vela's format of each such tensor (U55, re-run)\n")
    print("Rows: every standalone LUT activation (LEAKY_RELU / TANH / LOGISTIC / HARD_SWISH) on 0 < C < 8 channels and "
          "more than one position (its output and its feature input), and every RESIZE_BILINEAR output (hp = "
          "half_pixel_centers, ac = align_corners, x = output / input size). Vela fmt: the formats of the allocation "
          "entries of that tensor name ('-' none: written in place into another buffer or not in SRAM). velamem: its "
          "layout under the default rule ('same': C % 16 == 0, both layouts the same bytes); velamem Lx+H: under the "
          "what-if Lx+H of part 5.\n")
    print("| model | op | kind | shape | tensor | role | hp | ac | x | Vela fmt | velamem | velamem Lx+H | readers |")
    print("|---|---:|---|---|---|---|---|---|---|---|---|---|---|")
    stats = {"lut": [], "rz": []}
    nlut = nrz = 0
    for nm in sorted(models):
        rec = models[nm][0]
        x, n, ops, cons, prods = vm._graph(rec)
        g = rec["graph"]
        lut = [v for v in range(n) if ops[v] in LUT_ACTS and 0 < col(x, v, "shape3") < 8
               and col(x, v, "shape1") * col(x, v, "shape2") > 1]
        rz = [v for v in range(n) if ops[v] == "RESIZE_BILINEAR"]
        if not lut and not rz:
            continue
        nlut += bool(lut)
        nrz += bool(rz)
        d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
        path = d / nm.split("/", 1)[1] if nm.startswith("shared/") else pathlib.Path("runs") / nm.replace(
            V33 + "/", V33 + "/models/", 1)
        try:
            al = allocation(vela_text(str(path), "u55"))
        except Exception as e:  # noqa: BLE001
            print(f"| {nm} | Vela failed: {type(e).__name__} |")
            continue
        sz = sizes(rec)
        sw = sizes(rec, LUT_ACTS, True)
        fmts = {}
        for a in al:
            fmts.setdefault(a["name"], set()).add(a["fmt"])

        def row(v, role, hp="", ac="", fac=""):
            t = g.tensors[g.ops[v].outputs[0]].name
            f = "/".join(sorted(fmts.get(t, {"-"})))
            rd = ",".join(sorted({ops[c] for c in cons[v]})) or "(graph output)"
            print(f"| {nm} | {v} | {ops[v]} | {shp(x, v)} | {t} | {role} | {hp} | {ac} | {fac} | {f} | "
                  f"{layout(x, v, sz[v])} | {layout(x, v, sw[v])} | {rd} |")
            return f

        for v in lut:
            p = vm._feature_input(x, n, prods, v)
            fo = row(v, "LUT act output")
            fi = row(p, "its input") if p is not None and p < n else "-"
            stats["lut"].append((nm, ops[v], fo, fi, layout(x, v, sz[v]), layout(x, p, sz[p]) if p is not None and p < n
                                 else "-", layout(x, v, sw[v]), layout(x, p, sw[p]) if p is not None and p < n else "-"))
        for v in rz:
            o = g.ops[v].options
            p = vm._feature_input(x, n, prods, v)
            fac = (f"{col(x, v, 'shape1') / max(col(x, p, 'shape1'), 1):g}/{col(x, v, 'shape2') / max(col(x, p, 'shape2'), 1):g}"
                   if p is not None else "")
            hp, ac = bool(o.get("half_pixel_centers")), bool(o.get("align_corners"))
            f = row(v, "resize output", "y" if hp else "n", "y" if ac else "n", fac)
            stats["rz"].append((nm, hp, ac, fac, f, layout(x, v, sz[v]), bool(cons[v]), layout(x, v, sw[v])))
    print(f"\n{nlut} V33 models with such a LUT activation, {nrz} with a RESIZE_BILINEAR.")
    print("\n### Summary: Vela's format of these tensors\n")
    print("Tensors of one layout in both cases (C % 16 == 0) are counted under 'same' for velamem.\n")
    print("| what | n | Vela NHWC only | Vela NHCWB16 only | both | none ('-') | velamem NHWC / NHCWB16 / same | "
          "velamem Lx+H NHWC / NHCWB16 / same | velamem disagrees with Vela (default / Lx+H) |")
    print("|---|---:|---:|---:|---:|---:|---|---|---|")

    def line(lab, fs, vs, ws):
        def k3(a):
            return f"{sum(v == 'NHWC' for v in a)} / {sum(v == 'NHCWB16' for v in a)} / {sum(v == 'same' for v in a)}"

        def bad(a):
            return sum(f in ("NHWC", "NHCWB16") and v not in (f, "same") for f, v in zip(fs, a, strict=True))
        print(f"| {lab} | {len(fs)} | {sum(f == 'NHWC' for f in fs)} | {sum(f == 'NHCWB16' for f in fs)} | "
              f"{sum('/' in f for f in fs)} | {sum(f == '-' for f in fs)} | {k3(vs)} | {k3(ws)} | {bad(vs)} / {bad(ws)} |")
    for k in LUT_ACTS:
        s = [r for r in stats["lut"] if r[1] == k]
        if s:
            line(f"{k} output (C < 8)", [r[2] for r in s], [r[4] for r in s], [r[6] for r in s])
            line(f"{k} feature input (C < 8)", [r[3] for r in s], [r[5] for r in s], [r[7] for r in s])
    for lab, f in (("RESIZE_BILINEAR hp, x2 exactly, read by an operator", lambda r: r[1] and r[3] == "2/2" and r[6]),
                   ("RESIZE_BILINEAR hp, x2 exactly, graph output", lambda r: r[1] and r[3] == "2/2" and not r[6]),
                   ("RESIZE_BILINEAR not hp, read by an operator", lambda r: not r[1] and r[6]),
                   ("RESIZE_BILINEAR not hp, graph output", lambda r: not r[1] and not r[6]),
                   ("RESIZE_BILINEAR hp, other factor", lambda r: r[1] and r[3] != "2/2")):
        s = [r for r in stats["rz"] if f(r)]
        if s:
            line(lab, [r[4] for r in s], [r[5] for r in s], [r[7] for r in s])
    return stats


# ---------------------------------------------------------------- part 5
def errors(models: dict, names: list) -> dict:
    err = {}
    for c in ("default",) + tuple(CANDS):
        with what_if(c):
            for nm in names:
                rec, y = models[nm]
                r = with_hp(rec) if c != "default" else rec
                for p in PLATS:
                    err[(c, nm, p)] = (vm.sram_bytes(r, p, rule=RULE) / 1024 / y[p] - 1) * 100
    return err


def part5(models: dict, err: dict, fresh: dict, ferr: dict) -> None:
    names = sorted(models)
    print(f"\n## 5. What-if rules on V33 ({len(names)} models: shared npu_full + runs/{V33} npu_full)\n")
    print("| rule | NPU | n | within 10 % | median abs. % | mean abs. % | above 50 % | max abs. % |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for c in ("default",) + tuple(CANDS):
        for p in PLATS:
            a = np.abs([err[(c, nm, p)] for nm in names])
            print(f"| {c} | {p} | {len(a)} | {int(np.sum(a <= 10))} | {np.median(a):.2f} | {np.mean(a):.2f} | "
                  f"{int(np.sum(a > 50))} | {np.max(a):.1f} |")
    print(f"\n### The two LXII models under each what-if (runs/{FOLDER})\n")
    print("| model | rule | U55 Vela KiB | U55 % | U65 Vela KiB | U65 % |")
    print("|---|---|---:|---:|---:|---:|")
    for nm in sorted(fresh):
        y = fresh[nm][1]
        for c in ("default",) + tuple(CANDS):
            print(f"| {nm} | {c} | " + " | ".join(f"{y[p]:.1f} | {ferr[(c, nm, p)]:+.1f}" for p in PLATS) + " |")
    for c in CANDS:
        ch = [nm for nm in names if any(abs(err[(c, nm, p)] - err[("default", nm, p)]) > 1e-9 for p in PLATS)]
        print(f"\n### Models {c} changes ({len(ch)} of {len(names)})\n")
        if not ch:
            continue
        print("| model | U55 Vela KiB | U55 default % | U55 " + c + " % | U65 Vela KiB | U65 default % | U65 " + c + " % |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for nm in ch:
            y = models[nm][1]
            print(f"| {nm} | " + " | ".join(f"{y[p]:.1f} | {err[('default', nm, p)]:+.1f} | {err[(c, nm, p)]:+.1f}"
                                            for p in PLATS) + " |")


FINDING = """## Finding

1. **Two mechanisms, one per model, both feature-map layout; no weight-buffer or liveness error at either peak.**
   Both models read the same on the U55 and the U65 (Vela's allocation is identical; velamem's peak too).
2. **Acharya (Vela 9,564 B, velamem 14,032 B, +46.7 %): mechanism L, a LEAKY_RELU on 3 channels is not fused.**
   Vela's peak (time 6) is the second CONV_2D (1 x 24 kernel, 3 -> 10 channels): `max_pool_2d_5` NHCWB16 4,400 +
   `WB_single_1136_op3` 1,136 + `leaky_relu_9` NHCWB16 4,032. velamem's peak is the first MAX_POOL_2D (op 2,
   1x275x3): fm 13,200 = the first conv's output / LEAKY_RELU map 1x550x3 held **NHCWB16, 8,800 B** + the pool
   output 4,400, + 832 pre-buffered. Vela holds that map **NHWC, 1,664 B** (`conv_2d_3` and `leaky_relu_4`, one
   buffer, life 0-5): the first Conv2D has no fused activation ("sub-operations: -") and the LEAKY_RELU runs alone as a
   LUT operation on the map reshaped to 1x11x5x30, in place (part 3). The 10-channel LEAKY_RELUs are fused into their
   convs ("sub-operations: [ LUT ]", NHCWB16). This is session 31's "_lin" behaviour (an activation on fewer than 8
   channels is run unfused on the reshaped NHWC map), but velamem's `narrow_linear` clause only lists the clamp
   activations (RELU / RELU6 / RELU_N1_TO_1, `CLAMP_ACTIVATIONS`). Excess: 8,800 - 1,664 = 7,136 B at the pool, where
   Vela holds 1,664 + 4,400 (Memory Used 6,064). Not involved: the pools on one-row maps (4,400 B brick in both), the
   FCs, SOFTMAX.
3. **What-if L** (a standalone LEAKY_RELU on 0 < C < 8 channels and more than one position is treated as a narrow
   clamp activation: its output and its feature input NHWC): Acharya +46.7 -> **-3.2 %** on both NPUs (9,264 B: the
   peak moves to the second conv, 4,400 + 4,032 + its buffer 832). The -304 B left is that buffer: velamem's encoded
   size 832 vs Vela's 1,136 for a C_in = 3 conv (the narrow-input encoding of session 38's diag_lviii38, candidate X).
4. **PAN x2 (Vela 1,239,429 B, velamem 1,582,576 B, +27.7 %): mechanism H, Vela writes a half-pixel x2
   RESIZE_BILINEAR's output NHWC.** Vela's peak (time 331) is the first 128x128 conv (3x3, 40 -> 24):
   `resize_bilinear_490` (the input resized x2, 128x128x3, read by the final ADD, life 10-341) **NHWC 49,152** +
   `resize_bilinear_473` (128x128x40) **NHWC 655,360** + `conv_2d_476` NHCWB16 524,288 + buffers 9,696 + 928.
   velamem's peak is the same operator (op 244) with the same maps, but both resize outputs NHCWB16: 262,144
   (+212,992) and 786,432 (+131,072); +344,064 B in all (its buffers 8,880 + 832 are 912 B below Vela's). Vela lowers
   each RESIZE_BILINEAR (half_pixel_centers, x2) into MemoryCopy operations that build an edge-padded (H+2) x (W+2) x C
   NHWC copy (66x66x40 = 174,240 B; 66x66x3 = 13,072 B) and four 2x2 DepthwiseConv2D (448 / 48 B of weights), each
   writing one output phase (OFM stripe 127x127 of 128x128) with a strided write, so the output is NHWC (part 3).
5. **What-if H** (a RESIZE_BILINEAR with half_pixel_centers whose output is exactly 2x its input on both axes has an
   NHWC output): PAN +27.7 -> **-0.1 %** on both NPUs (1,238,512 B).
6. **Other differences in PAN, not at either peak** (no what-if written): the final ADD (128x128x3, the graph output)
   takes `conv_2d_489`'s buffer in place and both are NHWC 49,152 B in Vela; velamem holds `conv_2d_489` NHCWB16
   262,144 B (E1 keeps only one-channel element-wise maps NHWC, and its in-place test needs equal sizes): velamem's op
   251 is 1,049,264 B against Vela's 623,504 there. While the resize runs Vela holds the 174,240 B padded copy (not
   modelled). PAN's LEAKY_RELU / LOGISTIC / MUL maps are 20 / 24 / 40 channels (fused or in place, brick in both), and
   its CONCATENATIONs of two 20-channel maps are NHWC in both (`concatenation_28` 163,840 B).
7. **V33 (part 4; Vela re-run on every V33 model with such an operator).**
   - L's exact domain (standalone LEAKY_RELU, 0 < C < 8, more than one position): **0 of 284 models**. L changes no
     V33 model.
   - The same situation with the other LUT activations (Lx: TANH, LOGISTIC, HARD_SWISH too): 22 activations in
     15 models (GAN / VAE / U-Net output heads, YuNet's 1-channel heads). Vela holds **every one of their 22 feature
     inputs NHWC** (velamem: NHCWB16, 22 of 22); Lx makes all 22 NHWC, but none is at a peak: Lx changes **0 models**.
     So the rule "an activation on < 8 channels runs unfused on the NHWC map" holds for LUT activations on V33 too
     (TRANSPOSE_CONV, CONV_2D and DEPTHWISE_CONV_2D producers), not only for LEAKY_RELU.
   - H's domain (half_pixel_centers, exactly x2): **33 RESIZE_BILINEAR outputs in 10 models**; Vela holds **all 33
     NHWC** (4 are graph outputs); velamem holds 13 of them NHCWB16 under the default and none under H. The other
     resizes (align_corners, or neither flag, any factor): Vela NHCWB16 on 41 of the 42 read by an operator (IDN's
     one-channel one NHWC, E1's case) and NHWC on the 8 graph outputs. So the half-pixel x2 lowering is the condition;
     the factor alone is not (non-half-pixel x2, x4, x8, x33 resizes read by an operator are brick). Aside, outside
     both mechanisms: 6 of Wave-U-Net's width-only x2 resizes (C = 312 ... 72, C % 16 == 8) feed an unaligned
     CONCATENATION; velamem holds them NHWC by its concat clause, Vela NHCWB16 (not at its peak; not traced).
   - The LUT activations' own outputs: Vela NHWC or no buffer on all 22; velamem disagrees on 3 (Attention U-Net's
     1-channel LOGISTICs read by a RESIZE_BILINEAR, held NHCWB16), none under Lx.
   - What-if H on V33 changes **2 models**: bisenet_r18_512x256 +11.3 -> +0.1 % (U55) / +1.1 % (U65), lednet_512x256
     +12.4 -> -0.0 % (both); within 10 % 255 / 237 -> 257 / 239 (U55 / U65), median abs. 0.44 / 0.51 -> 0.41 / 0.50 %,
     mean abs. 3.51 / 5.69 -> 3.43 / 5.61 %; above 50 % (2 / 7) and max (92.2 / 93.9 %) unchanged. No model gets
     worse. L+H and Lx+H give exactly H's numbers on V33.
8. Not checked: HARD_SWISH and LEAKY_RELU on < 8 channels elsewhere than Acharya (none on V33), a half-pixel resize
   by other factors (Vela 5.2 maps half-pixel resizes only by 2, `heldout_nets._bilinear_x8`), RESIZE_NEAREST_NEIGHBOR,
   the padded copy's bytes, the graph-output element-wise case of point 6 (2 V33 models have an element-wise graph
   output on 1 < C, C % 16 != 0: lraspp_mnv3_large_512, snet146_320; not traced). Both LXII models are post-outcome:
   nothing here is a test of L or H.
"""


def main() -> None:
    labs = json.load(open(os.path.join("runs", FOLDER, "labels.json")))
    labs = {m: labs[m + ".tflite"] for m in MODELS}
    paths = {m: os.path.join("runs", FOLDER, "models", m + ".tflite") for m in MODELS}
    recs = {m: record_of(paths[m]) for m in MODELS}
    texts = {(m, p): vela_text(paths[m], p) for m in MODELS for p in PLATS}
    for m in MODELS:
        for p in PLATS:
            assert abs(total_sram(texts[(m, p)]) - labs[m][p + "_sram_kib"] * 1024) < 8, (m, p)
    print("# Diag (session 39 helper, issue 22 SRAM): velamem's over-prediction of Acharya's MI ECG CNN and PAN x2\n")
    print("Made by `diag_sram39.py` (this folder; Vela 5.2 re-run in a temporary folder with `--verbose-schedule "
          "--verbose-allocation`, `--accelerator-config` / `--system-config` of `jaxeff.gnn.labels.PLATFORMS`, "
          f"`--memory-mode Shared_Sram`; rule `velamem.DEFAULT_RULE` = \"{RULE}\", E1). Nothing in src/ changed; no "
          "rule chosen. Post-outcome diagnosis: both models were read after their outcome (sram_LXII.md).\n")
    print(FINDING)
    part1(texts, labs, recs)
    part1b(recs)
    part2(texts, recs)
    part3(texts)
    models = real_models(V33)
    part4(models)
    names = sorted(models)
    err = errors(models, names)
    fresh = {f"{FOLDER}/{m}.tflite": (recs[m], {p: labs[m][p + "_sram_kib"] for p in PLATS}) for m in MODELS}
    ferr = errors(fresh, sorted(fresh))
    part5(models, err, fresh, ferr)


if __name__ == "__main__":
    main()
