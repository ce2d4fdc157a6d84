"""Session 42 helper diag (issue 22, SRAM): why velamem's default rule (``velamem.DEFAULT_RULE``) predicts the fresh
model runs/heldoutLXIX/models/gpd_400x3.tflite (Generalized Phase Detection, 1x1x400x3) within +4.9 % on the U55 but
-22.0 % on the U65. Diagnosis only: nothing in src/ changes, no rule is chosen.

Vela 5.2 is run once per NPU (session 38's ``diag_lviii38.vela_text``: the accelerator / system config of
``jaxeff.gnn.labels.PLATFORMS``, --memory-mode Shared_Sram, --verbose-schedule --verbose-allocation, a temporary
output folder; one Vela at a time). velamem's per-operator breakdown is session 40's ``diag_xres40.run_traced`` with
"E (default)" (``velamem._node_sram`` under the default rule, with feature_map_live / refetch_buffers wrapped to read
their arrays and the trace of the decisive test). Then the sliced-buffer formula of ``velamem.refetch_buffers`` is
replayed for the peak operator with velamem's inputs swapped one at a time for Vela's, and velamem's OFM block search
(``velamem.ofm_block``) is compared with Vela's printed blocks, with two what-ifs of the U65 accumulator banks (this
process only).

Markdown on stdout (the whole of diag_gpd42.md). About 10 s. Usage (repo root, venv on, JAXEFF_DATA / JAXEFF_MAIN set):
  PYTHONPATH=src:. python docs/evidence/perfsage-cpu-2026-12-07-s42/diag_gpd42.py > docs/evidence/perfsage-cpu-2026-12-07-s42/diag_gpd42.md
"""
from __future__ import annotations

import inspect
import json
import os
import pathlib
import re
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
MAIN = pathlib.Path(os.environ.get("JAXEFF_MAIN", "."))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s40"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-07-s38"))
import diag_xres40 as X  # noqa: E402  (its what-if refetch_buffers is used only for the traced default "E (default)")
from diag_lviii38 import allocation, peak_live, total_sram, vela_text  # noqa: E402
from experiments.perfsage import record_of  # noqa: E402
from jaxeff.gnn import velamem as vm  # noqa: E402

PL = ("u55", "u65")
NAME = "gpd_400x3"
PATH = MAIN / "runs/heldoutLXIX/models" / f"{NAME}.tflite"


# ---------------------------------------------------------------- Vela's schedule
def parse(text: str) -> list[dict]:
    out = []
    for blk in re.split(r"\n\t(?=\d+: Operation)", text.split("Schedule:", 1)[1])[1:]:
        g = lambda pat: re.search(pat, blk)  # noqa: E731
        m = re.match(r"(\d+): Operation (\w+)\s+- OFM ([\d, ]+)", blk)
        w, e = g(r"Weight buffer = (\d+) bytes \((\w+)\)"), g(r"Encoded Weights = (\d+)")
        s, b = g(r"Depth slices = \[([\d, ]+)\]"), g(r"OFM Block=\[([\d, ]+)\]")
        cy = g(r"Cycles=(\d+)")
        mu = g(r"Memory Used: (\d+) bytes \(op=(\d+), buf=(\d+), ccd=(\d+), nl=(\d+)\)")
        out.append({"k": int(m.group(1)), "kind": m.group(2), "ofm": "x".join(m.group(3).replace(" ", "").split(",")[1:]),
                    "wbuf": int(w.group(1)) if w else 0, "mode": w.group(2) if w else "",
                    "enc": int(e.group(1)) if e else 0, "slices": s.group(1).replace(" ", "") if s else "",
                    "block": [int(v) for v in b.group(1).split(",")][1:] if b else [],
                    "cyc": int(cy.group(1)) if cy else 0,
                    "mem": [int(mu.group(j)) for j in range(1, 6)] if mu else [0] * 5})
    return out


def vela_to_tflite(ops: list[dict], rec: dict) -> dict[int, int]:
    """Vela operation k -> TFLite operator v: the CONV / POOL / FC operations in order (the RESHAPE runs no Vela
    operation); every operation after the last FullyConnected belongs to the SOFTMAX (Vela lowers it to 28)."""
    tfl = [v for v in range(int(rec["n_ops"])) if rec["ops"][v] != "RESHAPE"]
    kinds = {"Conv2D": "CONV_2D", "MaxPool": "MAX_POOL_2D", "FullyConnected": "FULLY_CONNECTED"}
    out, j = {}, 0
    for o in ops:
        if j < len(tfl) and kinds.get(o["kind"]) == rec["ops"][tfl[j]]:
            out[o["k"]] = tfl[j]
            j += 1
        else:
            assert rec["ops"][tfl[j]] == "SOFTMAX", (o, j)
            out[o["k"]] = tfl[j]
    return out


# ---------------------------------------------------------------- the sliced-buffer formula of refetch_buffers
def sliced(w: float, d: int, sp: float, t: float, c: float, bd: int) -> tuple[list[int], float]:
    """velamem.refetch_buffers' sliced branch: p = max(16, floor16(d sp / t)) (d when t <= sp), q = max(16,
    ceil16(p c / t)) rounded up to the block depth bd ("_bdq"), double buffer = largest even + largest odd slice."""
    if t <= sp:
        return [0, d], float(vm._ceil16(w))
    p = max(16, int(d * sp / t // 16) * 16)
    if p >= d:
        return [0, d], float(vm._ceil16(w))
    q = vm._ceil_to(max(16, vm._ceil16(p * c / t)), bd)
    edges = [0, *range(p, d, q), d]
    sizes = [vm._ceil16(w * (hi - lo) / d) for lo, hi in zip(edges[:-1], edges[1:])]
    return edges, float(max(sizes[0::2]) + (max(sizes[1::2]) if len(sizes) > 1 else 0))


# ---------------------------------------------------------------- what-if OFM block search (this process only)
_src = inspect.getsource(vm.ofm_block)
_acc = "acc_banks = _ceil_to(-(-(h * w * _ceil_to(depth, 8) * 4) // 1024) * 2,"
_ifm = "ifm_banks = _ceil_to(-(-(ib_h * ib_w * _ceil_to(ib_d * ifm_bits // 8, 8)) // 1024)"
assert _src.count(_acc) == 1 and _src.count(_ifm) == 1, "velamem.ofm_block changed"
_ns = dict(vm.__dict__)
exec(compile(_src.replace(_acc, "acc_banks = _ceil_to(-(-(h * w * _ceil_to(depth, 8) * 4) // 1024) * _ACCX,")
             .replace("def ofm_block(", "def _ob_acc1(", 1), "<ofm_block acc1>", "exec"), _ns)  # noqa: S102
exec(compile(_src.replace(_acc, "acc_banks = _ceil_to(-(-(h * w * _ceil_to(depth, 8) * 4) // 2048) * 2,")
             .replace(_ifm, "ifm_banks = _ceil_to(-(-(ib_h * ib_w * _ceil_to(ib_d * ifm_bits // 8, 8)) // 2048)")
             .replace("def ofm_block(", "def _ob_bank2k(", 1), "<ofm_block bank2k>", "exec"), _ns)  # noqa: S102


def ob_acc1(*a):
    _ns["_ACCX"] = 1
    return _ns["_ob_acc1"](*a)


# ---------------------------------------------------------------- text
FINDING = """\
## Finding

Both NPUs peak at the same place: Vela operation 4 / TFLite op 4, the CONV_2D 1x100x64 -> 1x100x128 (1x11, 85,280 B encoded weights), which runs right after the MAX_POOL 1x100x64. Its feature maps match, 19,200 B on both sides (the pool output 6,400 B and the conv output 12,800 B). **The whole U65 gap is this conv's depth-sliced weight double buffer: Vela 64,000 B (WB_double 21,312 + WB_double2 42,688, depth slices [0,32,96,128]) against velamem's 45,696 B (2 x 22,848, slices [0,16,48,80,112,128]).** The difference, 18,304 B (17.9 KiB), is exactly 83,200 - 64,896. The branch that decides it is velamem.refetch_buffers' sliced branch (the op is refetched: 2 OFM blocks; the u65buf whole test fails, xfer 24,871 > s 1,200, and would fail with Vela's slack too), through p = max(16, floor16(D*s/T)) and q = ceil16(p*c/T), rounded up to the block depth ("_bdq").
- **Cause 1: the slack.** s is the previous MAX_POOL's roofline, 1,200 cycles (its vela_cycles is 1,600). Vela prints 7,270 cycles for that pool (all four U65 pools on these 1-high maps take 7,254-7,586: 4.5-4.7x velamem's vela_cycles, 6.0-6.3x its roofline; on the U55 they are 2.0-2.2x vela_cycles).
- **Cause 2: the weight-copy time T.** The branch uses BUFFERING_SLICED (W/5 B/cycle = 18,278 cycles). The U65's DRAM copy that the u65buf test uses is W/3.75 + 500 = 24,871.
- **What each fix does in the replay (table 5).** With T = W/3.75 + 500 and the slack of Vela's pool cycles, velamem's formula gives Vela's slices on this conv ([0,32,96,128]; also on conv 2: [0,48,64]). Its own W then gives 68,544 B, a total of 87,744 B (+5.5 %, the same +7 % weight overestimate as the U55). Either fix alone does not: T alone leaves 45,696 B, and the slack alone (T = W/5) gives [0,48,128], 91,392 B (+32.9 %). Vela's block depth alone (64, with p = 16) gives 79,968 B (+19.2 %).
- **The U55 is right because p is clamped there.** On the U55, p clamps at 16 with either slack, and velamem's slices equal Vela's. Its +4.9 % is the weight estimate, 91,392 vs 85,296 B.
- **Not the cause:** the FC 6400->200 (1.13 MB, None in Vela, no buffer in velamem), the RESHAPE, the pools' layouts and the 1x9 conv of 275 KB (None on both sides).
- **Proposal (not implemented):** in the U65 sliced branch, size p and q with the PREBUFFER copy T = W/3.75 + 500, and give the slack a U65 MAX_POOL cycle estimate near Vela's for 1-high maps. p = 32 with velamem's W needs 6,218 <= s < 9,327, about 3.9-5.8x vela_cycles. Both parts still have to be checked on V33 / the scored fresh models."""

UNCERTAIN = """\
## Uncertain

- **Which slack regor uses is inferred, not read.** With Vela's own weights, slack = Vela's printed pool cycles (7,270) and T = W_enc/3.75 + 500 reproduce both sliced convs' first slices (conv 4: 40.0 -> 32; conv 2: 55.6 -> 48). But T = W_enc/5 with a slack in [4,426, 5,901) would also fit both. Regor's source was not available, so "slack = previous op cycles, T = DRAM copy with 500-cycle latency" is a fit to 2 operators, not read code.
- **Why Vela's U65 MAX_POOL costs about 7,270 cycles on 1x400 -> 1x25 maps is not traced.** It is 4.5-4.7x velamem's vela_cycles, against 2.0-2.2x on the U55. The cause could be the 2x2 micro-block on one-row maps, regor's pooling model, or something else. Whether velamem's pool cycles are also short on 2-D maps was not checked here.
- **The block depth is not decisive here, but it is also wrong.** velamem's block search gives depth 32 on the U65 convs 2 / 4 / 6, while Vela prints 64 (table 6).
  - The what-if "accumulator banks not doubled" gives Vela's four U65 blocks. It breaks the U55's three (64 where Vela prints 32), so it could only be U65-only.
  - The what-if "2 KiB banks" gets the depth but not the width (64 vs 56).
  - On conv 4, once p = 32, q = 48 rounds up to 64 with either block depth, so it changes nothing. With velamem's p = 16, block depth 64 alone overshoots (79,968 B), so a block fix must not come without the slack / T fix.
  - Neither what-if was checked on other models.
- **The formula is velamem's, not regor's.** Fed all of Vela's inputs, it gives Vela's slices on both U65 convs and on U55 conv 4. On U55 conv 2 it gives [0,16,64] against Vela's [0,16,48,64] (q = 48 -> 64). velamem's own inputs get that one right.
- **The proposal was not scored on V33 or other fresh models.** The U65 pool cycles also feed the u65buf whole test's slack, so a larger pool slack could turn sliced buffers into whole ones elsewhere (more SRAM).
- **Vela's slice sizes come from its own codec.** 21,312 B for 32 channels and 42,688 B for 64; velamem splits W evenly by depth. The replay's Vela-weights row uses the even split (63,968 B vs Vela's 64,000)."""


def main() -> None:
    os.chdir(MAIN)
    labs = json.load(open(MAIN / "runs/heldoutLXIX/labels.json"))[f"{NAME}.tflite"]
    texts = {p: vela_text(str(PATH), p) for p in PL}  # one Vela at a time
    rec = record_of(PATH)
    n = int(rec["n_ops"])
    x = np.asarray(rec["x"])
    ops_v = {p: parse(texts[p]) for p in PL}
    caps = {p: X.run_traced(rec, p, "E (default)") for p in PL}
    for p in PL:  # the traced default is velamem's default exactly; Vela's order is TFLite's on this model
        assert np.array_equal(vm.vela_order(rec, concat_first=True), np.arange(n))
        assert np.allclose(caps[p]["tot"], vm.node_sram_bytes(rec, p)[:n])
        assert abs(float(np.max(caps[p]["tot"])) - vm.sram_bytes(rec, p)) < 0.5
    w = vm.encoded_weight_bytes(rec)
    vmap = vela_to_tflite(ops_v["u65"], rec)
    assert vmap == vela_to_tflite(ops_v["u55"], rec)
    est = {p: float(vm.sram_bytes(rec, p)) for p in PL}
    vt = {p: total_sram(texts[p]) for p in PL}

    # numbers the Finding quotes
    k4 = {p: next(o for o in ops_v[p] if o["k"] == 4) for p in PL}
    assert (k4["u65"]["wbuf"], k4["u65"]["slices"], k4["u65"]["enc"]) == (64000, "0,32,96,128", 85280)
    assert caps["u65"]["buf"][4] == 45696 and caps["u65"]["fm"][4] == 19200 and vt["u65"] == 83200
    assert est["u65"] == 64896 and caps["u65"]["tr"][4]["edges"] == [0, 16, 48, 80, 112, 128]
    assert caps["u65"]["tr"][4]["br"] == "sliced" and next(o for o in ops_v["u65"] if o["k"] == 3)["cyc"] == 7270

    print(f"# diag_gpd42: {NAME} (runs/heldoutLXIX), velamem rule `{vm.DEFAULT_RULE}` vs Vela 5.2\n")
    print("**Diagnosis only.** Nothing in src/, tests/, experiments/ was edited; no rule was changed. Vela 5.2 was run "
          "once per NPU (labels' accelerator / system configs, Shared_Sram, --verbose-schedule --verbose-allocation). "
          "velamem's per-operator arrays come from session 40's `diag_xres40.run_traced` with the default rule (checked "
          "equal to `velamem.node_sram_bytes`). Reproduce: `PYTHONPATH=src:. python "
          "docs/evidence/perfsage-cpu-2026-12-07-s42/diag_gpd42.py > docs/evidence/perfsage-cpu-2026-12-07-s42/diag_gpd42.md`.\n")
    print(FINDING + "\n")
    print(UNCERTAIN + "\n")

    # 1. summary
    print("## 1. Totals and peaks\n")
    print("| NPU | label KiB | Vela total B | velamem B | error % | Vela peak (op, Memory Used) | velamem peak (op: fm + buf + held/under) |")
    print("|---|---:|---:|---:|---:|---|---|")
    for p in PL:
        c = caps[p]
        kv = max(ops_v[p], key=lambda o: (o["mem"][0], -o["k"]))
        i = int(np.argmax(c["tot"]))
        print(f"| {p} | {labs[f'{p}_sram_kib']:.2f} | {vt[p]} | {est[p]:.0f} | {(est[p] / vt[p] - 1) * 100:+.1f} | "
              f"k{kv['k']} {kv['kind']} {kv['ofm']}: {kv['mem'][0]} (op {kv['mem'][1]}, buf {kv['mem'][2]}, nl {kv['mem'][4]}) | "
              f"v{i} {rec['ops'][i]} {X.shp(x, i)}: {c['fm'][i]:.0f} + {c['buf'][i]:.0f} + {c['held'][i] + c['under'][i]:.0f} "
              f"= {c['tot'][i]:.0f} |")

    # 2. Vela's live set at its peak
    print("\n## 2. Vela's SRAM live set at its peak (--verbose-allocation)\n")
    print("Vela time index t: operation k runs at 2k and 2k+1. `WB_<mode>_<bytes>_op<k>`: weight buffer of operation k.\n")
    print("| NPU | peak time | entry | format | bytes | life |")
    print("|---|---:|---|---|---:|---|")
    for p in PL:
        t0, live = peak_live(allocation(texts[p]))
        for a in live:
            print(f"| {p} | {t0} | {a['name']} | {a['fmt']} | {a['size']} | {a['start']}-{a['end']} |")
        print(f"| {p} | {t0} | **sum** | | **{sum(a['size'] for a in live)}** | |")

    # 3. per operator
    print("\n## 3. Per operator: Vela's 'Memory Used' against velamem's `node_sram_bytes`\n")
    print("Vela: Memory Used (op = its feature maps, buf = its weight buffer, nl = live feature maps of other "
          "operations), weight buffer mode. velamem: fm = live feature maps, buf = own weight buffer, pre = its pre-buffered "
          "part, held+under = bytes of the next operator fetched under it, total. SOFTMAX: Vela's 28 operations, the "
          "largest shown.\n")
    print("| v | TFLite op | OFM | NPU | Vela k | Vela mem (op, buf, nl) | Vela buffer | velamem fm | buf | pre | held+under | total | diff B |")
    print("|---:|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|")
    for v in range(n):
        for p in PL:
            ks = [o for o in ops_v[p] if vmap[o["k"]] == v]
            c = caps[p]
            if ks:
                o = max(ks, key=lambda o: o["mem"][0])
                kk = f"{ks[0]['k']}" + (f"-{ks[-1]['k']}" if len(ks) > 1 else "")
                vm_ = f"{o['mem'][0]} ({o['mem'][1]}, {o['mem'][2]}, {o['mem'][4]})"
                vb = f"{o['wbuf']} {o['mode']}" if o["enc"] else ""
                diff = f"{c['tot'][v] - o['mem'][0]:+.0f}"
            else:
                kk, vm_, vb, diff = "-", "(no operation)", "", ""
            print(f"| {v} | {rec['ops'][v]} | {X.shp(x, v)} | {p} | {kk} | {vm_} | {vb} | {c['fm'][v]:.0f} | {c['buf'][v]:.0f} | "
                  f"{c['pre'][v]:.0f} | {c['held'][v] + c['under'][v]:.0f} | {c['tot'][v]:.0f} | {diff} |")

    # 4. weighted operators
    print("\n## 4. Weighted operators: Vela's schedule against velamem's decisive test\n")
    print("Vela: encoded weights, buffer, depth slices, OFM block (H,W,C), printed cycles of it and of the operation "
          "before it. velamem: W (`encoded_weight_bytes`), branch, slices, block depth of `ofm_block` (bd), s = previous "
          "roofline cycles, vs = previous `vela_cycles`, c = own cycles, T = W / `BUFFERING_SLICED` (+ latency), "
          "xfer = W/3.75+500 (the u65buf whole test), test = `diag_xres40.explain`.\n")
    print("| NPU | v | OFM | Vela W_enc | Vela buffer | Vela slices | Vela block | Vela cyc | prev cyc | velamem W | buf | branch | slices | bd | s | vs | c | T | test |")
    print("|---|---:|---|---:|---|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|")
    for p in PL:
        _, bd = vm._conv_blocks(rec, p)
        for o in ops_v[p]:
            if not o["enc"] or vmap[o["k"]] >= n:
                continue
            v = vmap[o["k"]]
            prev = next((q for q in ops_v[p] if q["k"] == o["k"] - 1), None)
            tr = caps[p]["tr"].get(v, {})
            t = tr.get("t", "")
            print(f"| {p} | {v} | {o['ofm']} | {o['enc']} | {o['wbuf']} {o['mode']} | [{o['slices']}] | "
                  f"{','.join(map(str, o['block']))} | {o['cyc']} | {prev['cyc'] if prev else ''} | {w[v]:.0f} | "
                  f"{caps[p]['buf'][v]:.0f} | {tr.get('br', '')} | {tr.get('edges', '')} | {bd[v]:.0f} | {tr.get('s', 0):.0f} | "
                  f"{tr.get('vs', 0):.0f} | {tr.get('c', 0):.0f} | {t if t == '' else f'{t:.0f}'} | {X.explain(tr) if tr else ''} |")

    # pools
    print("\n### The pools' cycles (the slack of the conv after each)\n")
    print("| NPU | v | OFM | Vela block | Vela cyc | velamem roofline c | velamem `vela_cycles` | Vela / vela_cycles |")
    print("|---|---:|---|---|---:|---:|---:|---:|")
    for p in PL:
        rc, vc = vm.roofline_cycles(rec, p), vm.vela_cycles(rec, p)
        for o in ops_v[p]:
            v = vmap[o["k"]]
            if o["kind"] == "MaxPool" and v < n and rec["ops"][v] == "MAX_POOL_2D":
                print(f"| {p} | {v} | {o['ofm']} | {','.join(map(str, o['block']))} | {o['cyc']} | {rc[v]:.0f} | "
                      f"{vc[v]:.0f} | {o['cyc'] / vc[v]:.2f} |")

    # 5. replay
    print("\n## 5. Replay of velamem's sliced formula with velamem's inputs swapped for Vela's\n")
    print("p = max(16, floor16(D s / T)), q = ceil16(p c / T) rounded up to the block depth bd, buffer = largest even + "
          "largest odd slice (`refetch_buffers`, \"_bdq\"). T5 = W/5 (U65 `BUFFERING_SLICED`), T375 = W/3.75 + 500 "
          "(U65 `PREBUFFER`, the u65buf whole test); U55: T = W/1.25 + 256. Total = buffer + velamem's 19,200 B feature maps.\n")
    print("| NPU | v | case | W | s | T | c | bd | slices | buffer B | buffer vs Vela's % | total B (fm 19,200 + buffer) | Vela slices / buffer |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|")
    for p, v in (("u65", 4), ("u65", 2), ("u55", 4), ("u55", 2)):
        o = next(q for q in ops_v[p] if vmap[q["k"]] == v and q["enc"])
        prev = next(q for q in ops_v[p] if q["k"] == o["k"] - 1)
        tr = caps[p]["tr"][v]
        d = int(round(x[v, X._COL["shape3"]]))
        bdv = int(vm._conv_blocks(rec, p)[1][v])
        vbd = o["block"][2]
        if p == "u65":
            t5 = lambda W: W / vm.BUFFERING_SLICED["u65"].bytes_per_cycle + vm.BUFFERING_SLICED["u65"].latency  # noqa: E731
            t375 = lambda W: W / vm.PREBUFFER["u65"].bytes_per_cycle + vm.PREBUFFER["u65"].latency  # noqa: E731
            cases = [("velamem as is", w[v], tr["s"], t5(w[v]), tr["c"], bdv),
                     ("s = Vela prev cyc", w[v], prev["cyc"], t5(w[v]), tr["c"], bdv),
                     ("T = T375", w[v], tr["s"], t375(w[v]), tr["c"], bdv),
                     ("T = T375, s = vela_cycles (1,600)", w[v], tr["vs"], t375(w[v]), tr["c"], bdv),
                     ("bd = Vela's", w[v], tr["s"], t5(w[v]), tr["c"], vbd),
                     ("s = Vela prev cyc, T = T375", w[v], prev["cyc"], t375(w[v]), tr["c"], bdv),
                     ("s = Vela prev cyc, T = T375, bd = Vela's", w[v], prev["cyc"], t375(w[v]), tr["c"], vbd),
                     ("all Vela's: W_enc, s, c, bd, T375", o["enc"], prev["cyc"], t375(o["enc"]), o["cyc"], vbd),
                     ("all Vela's but T5", o["enc"], prev["cyc"], t5(o["enc"]), o["cyc"], vbd)]
        else:
            tb = lambda W: W / vm.BUFFERING_SLICED["u55"].bytes_per_cycle + vm.BUFFERING_SLICED["u55"].latency  # noqa: E731
            cases = [("velamem as is", w[v], tr["s"], tb(w[v]), tr["c"], bdv),
                     ("s = Vela prev cyc", w[v], prev["cyc"], tb(w[v]), tr["c"], bdv),
                     ("all Vela's: W_enc, s, c, bd", o["enc"], prev["cyc"], tb(o["enc"]), o["cyc"], vbd)]
        for nm, W, s, t, c, bd in cases:
            edges, b = sliced(W, d, s, t, c, bd)
            tot = b + 19200
            print(f"| {p} | {v} | {nm} | {W:.0f} | {s:.0f} | {t:.0f} | {c:.0f} | {bd} | {edges} | {b:.0f} | "
                  f"{(b / o['wbuf'] - 1) * 100:+.1f} | {tot:.0f}{f' ({(tot / vt[p] - 1) * 100:+.1f} % of Vela total)' if v == 4 else ''} | "
                  f"[{o['slices']}] {o['wbuf']} |")
        if (p, v) == ("u65", 4):
            assert sliced(w[v], d, tr["s"], t5(w[v]), tr["c"], bdv) == ([0, 16, 48, 80, 112, 128], 45696.0)
            assert sliced(w[v], d, prev["cyc"], t375(w[v]), tr["c"], bdv) == ([0, 32, 96, 128], 68544.0)
            assert sliced(w[v], d, prev["cyc"], t5(w[v]), tr["c"], bdv)[1] == 91392.0
            assert sliced(w[v], d, tr["s"], t375(w[v]), tr["c"], bdv)[1] == 45696.0
            fr = np.diff([0, 32, 96, 128]) / d
            vis_c = max(tr["c"], float(vm.vela_cycles(rec, p)[v]), float(vm.conv_ublock_cycles(rec, p)[v]),
                        float(vm.depthwise_cycles(rec, p)[v]))
            drop = vm._slices_visible(fr, w[v], vis_c, prev["cyc"], vm._conv_blocks(rec, p)[0][v],
                                      vm.WEIGHT_STREAM[p], vm.PREBUFFER["u65"].latency)
            print(f"| {p} | {v} | (\"_vis\" test on [0,32,96,128] with s = Vela prev cyc: "
                  f"{'drops' if drop else 'keeps'} the buffer) | | | | | | | | | | |")
    print("\nThe slack s that gives Vela's first slice p with Vela's W_enc (p <= D s / T < p + 16, and s < T for p + 16 = D; "
          "Vela's printed previous-pool cycles are 7,270 for both convs):\n")
    print("| v | D | Vela p | T | s range |")
    print("|---:|---:|---:|---|---|")
    for v, pv in ((4, 32), (2, 48)):
        o = next(q for q in ops_v["u65"] if vmap[q["k"]] == v and q["enc"])
        D = int(round(x[v, X._COL["shape3"]]))
        for tn, t in (("T375", o["enc"] / 3.75 + 500), ("T5", o["enc"] / 5)):
            lo, hi = pv * t / D, min(pv + 16, D) * t / D
            print(f"| {v} | {D} | {pv} | {tn} = {t:.0f} | [{lo:,.0f}, {hi:,.0f}) |")

    # 6. block search
    print("\n## 6. OFM blocks: Vela's printed against velamem's `ofm_block` and two U65 what-ifs\n")
    print("acc x1: accumulator banks not doubled; 2 KiB: SHRAM banks of 2 KiB for IFM and accumulators (both what-ifs "
          "in this process only, applied to both NPUs). (H, W, C) of the OFM block.\n")
    print("| NPU | v | OFM | kernel | Vela | velamem | acc x1 | 2 KiB |")
    print("|---|---:|---|---|---|---|---|---|")
    for p in PL:
        for o in ops_v[p]:
            v = vmap[o["k"]]
            if o["kind"] != "Conv2D":
                continue
            ifm = [q for q in range(v) if rec["ops"][q] != "RESHAPE"][-1] if v else None
            oh, ow, od = (int(round(x[v, X._COL[f"shape{j}"]])) for j in (1, 2, 3))
            ish = (1, 400, 3) if ifm is None else tuple(int(round(x[ifm, X._COL[f"shape{j}"]])) for j in (1, 2, 3))
            ker = (int(round(x[v, X._COL["kernel_h"]])), int(round(x[v, X._COL["kernel_w"]])))
            a = (p, (oh, ow, od), ish, ker)
            print(f"| {p} | {v} | {o['ofm']} | {ker[0]}x{ker[1]} | {tuple(o['block'])} | {vm.ofm_block(*a)} | "
                  f"{ob_acc1(*a)} | {_ns['_ob_bank2k'](*a)} |")


if __name__ == "__main__":
    main()
