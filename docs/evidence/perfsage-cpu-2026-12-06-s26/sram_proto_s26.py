"""Addendum 4 (issue 22, session 26): a U65 SRAM rule tried on V8 (validation) only, not adopted.

Rule "stream" (a prototype, not in the library): as "refetch", plus a FULLY_CONNECTED that buffers nothing buffers its
whole weights (single) when the copy W / b + L fits under the previous scheduled operator's time, that time counting its own
weight stream W_prev / b when it is not buffered (read off Vela's U65 schedules of GRU-KWS / CRNN / cnn_s: FC weights
buffered Single after a slow, weight-streaming FC). Usage (repo root): python docs/evidence/perfsage-cpu-2026-12-06-s26/sram_proto_s26.py
"""
import json
import os
import pathlib

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import record_of

def stream_buffers(rec, pl, factor=1.0):
    """refetch buffers + a non-sliced weighted op buffers its whole weights (single) when its copy
    fits under the previous scheduled op's time, that op's time counting its own weight stream when
    it is not buffered."""
    buf, pre = vm.refetch_buffers(rec, pl)
    b = vm.BUFFERING[vm._platform(pl)]
    c = vm.roofline_cycles(rec, pl)
    w = vm.encoded_weight_bytes(rec)
    _, _, ops, _, _ = vm._graph(rec)
    prev = None
    for v in vm.scheduled_ops(rec):
        if prev is not None and w[v] > 0 and buf[v] == 0 and ops[v] == "FULLY_CONNECTED":
            s = c[prev] if buf[prev] > 0 else max(c[prev], factor * w[prev] / b.bytes_per_cycle)
            if w[v] / b.bytes_per_cycle + b.latency <= s:
                buf[v] = pre[v] = np.ceil(w[v] / 16) * 16
        prev = v
    return buf, pre

def sram(rec, pl, proto):
    n = int(rec["n_ops"])
    if not proto or pl == "u55":
        return vm.sram_bytes(rec, pl, rule="refetch")  # the default when this ran
    fm = vm.feature_map_live(rec, vm.CONCAT_IN_PLACE)
    buf, pre = stream_buffers(rec, pl)
    return float(np.max(vm._in_use(fm, buf, pre)))

items = []
h = pathlib.Path("runs/heldoutV8"); lab = json.load(open(h / "labels.json"))
items += [(k, h / "models" / k, v) for k, v in lab.items() if v.get("npu_full")]
lab = json.load(open("runs/psage_rs26j8_s0/real_labels.json")); d = pathlib.Path(os.environ["JAXEFF_DATA"]) / "tflite"
items += [(k, d / k, v) for k, v in lab.items() if v.get("npu_full")]
for proto in (False, True):
    e = []
    for k, p, v in items:
        r = record_of(p)
        y = v["u65_sram_kib"]; e.append((sram(r, "u65", proto) / 1024 / y - 1) * 100)
    e = np.abs(e)
    print("proto" if proto else "refetch", "u65 n", len(e), "median %.2f mean %.2f max %.1f >50: %d" % (np.median(e), e.mean(), e.max(), (e > 50).sum()))
    if proto:
        big = sorted(zip(e, [k for k, _, _ in items]))[-8:]
        print(big)
