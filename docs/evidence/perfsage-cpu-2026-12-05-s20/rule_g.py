"""Session 20, rule G (issue 22): velamem's weight-buffering rules "own" (v1) and "slack" (v2).

1. (b, L) of each rule by v1's grid on v1's 500 training graphs (mix12, random split seed 0,
   the first 500 of the training split), by SRAM MAPE per NPU.
2. Both rules (each with its constants) on the 11 validation models Vela maps fully
   (runs/psage_rs19b_s0/real_labels.json, the shared real models).
3. Reporting only (after rule G is decided by 1-2): every test set's SRAM error per model.

Usage: python docs/evidence/perfsage-cpu-2026-12-05-s20/rule_g.py {fit,val,test} [OUT.md]
"""
import itertools
import json
import pathlib
import sys

import numpy as np

from experiments.perfsage import Config, load_records, split
from jaxeff.gnn import velamem as vm
from jaxeff.gnn.realeval import real_dir, record_of


# ---- the "slack" rule (v2), kept here, out of the library: rule G did not adopt it ----
# It follows Vela's legacy Python scheduler (scheduler.propose_weight_buffering); Vela 5.2
# runs the C++ regor backend instead (RESULTS, session 20). Names as in jaxeff.gnn.velamem.
import dataclasses  # noqa: E402
from jaxeff.gnn.velamem import (  # noqa: E402  (shared with the library's refetch rule)
    SLICED, Buffering, _ceil16, _graph, _platform, encoded_weight_bytes, roofline_cycles,
    scheduled_ops)
from jaxeff.gnn.bounds import _COL  # noqa: E402

#: ``rule="slack"`` (session 20, rule G): refit by v1's grid on v1's 500 training graphs [U]
BUFFERING_SLACK = dict(vm.BUFFERING)


@dataclasses.dataclass(frozen=True)
class SlackSchedule:
    """Per operator ``[n_ops]`` (float64), Vela's weight buffering by its slack rule
    (:func:`slack_schedule`): ``buf`` the SRAM weight buffers it holds while it runs,
    ``pre`` the part of them fetched while the operator before it runs, ``slack`` the
    cycles the operator before it leaves for that fetch, ``extra`` the weight-transfer
    cycles not hidden (Vela's ``npu_performance``), and ``split`` whether the weights
    are cut into double-buffered depth slices."""

    buf: np.ndarray
    pre: np.ndarray
    slack: np.ndarray
    extra: np.ndarray
    split: np.ndarray


def slack_schedule(rec: dict, platform: str, cycles: np.ndarray | None = None,
                   buffering: Buffering | None = None,
                   mask: np.ndarray | None = None) -> SlackSchedule:
    """Vela 5.2's weight buffering (``scheduler.propose_weight_buffering``, Shared_Sram,
    an arena that holds the max schedule), per operator. Every CONV_2D,
    DEPTHWISE_CONV_2D and TRANSPOSE_CONV gets a buffer (a FULLY_CONNECTED reads its
    weights in place). With ``T = W / b + L`` (``W`` :func:`encoded_weight_bytes`,
    ``(b, L)`` ``buffering``, default :data:`BUFFERING_SLACK`) and ``s`` the slack of
    the scheduled operator before it (:func:`scheduled_ops`; that operator's cycles,
    or its last depth slice's share of them when it was split; 0 for the first):

    * ``T <= s``: the whole weights in one buffer, all fetched under the previous
      operator; this operator's slack is its cycles ``c``.
    * otherwise depth slices ``[0, p, p + q, ..., D]``, ``p = max(16, floor16(D s / T))``
      output channels fetched under the previous operator and ``q = max(16,
      ceil16(p c / T))`` (block depth 16 [U]), double-buffered: two buffers of the
      largest even- and odd-numbered slice (``W`` shared in proportion to depth, 16-byte
      aligned), the first fetched under the previous operator; the slack is the last
      slice's share of ``c``. When ``p >= D`` one slice holds all: a single buffer.

    ``extra``: ``max(0, T - s)`` for a single buffer, ``max(T - s + tail, c + max(T_0 -
    s, 0)) - c`` for a double buffer (``T_0`` the first buffer's transfer, ``tail`` the
    last slice's cycles), Vela's ``npu_performance`` weight-DMA terms. ``cycles``:
    per-operator cycles (default: :func:`roofline_cycles`)."""
    pl = _platform(platform)
    bb = BUFFERING_SLACK[pl] if buffering is None else buffering
    n = int(rec["n_ops"])
    c = roofline_cycles(rec, pl) if cycles is None else np.asarray(cycles, np.float64)
    if c.shape != (n,):
        raise ValueError(f"cycles must have shape ({n},) (one per operator), got {c.shape}")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError("cycles must be finite and non-negative")
    _, _, ops, _, _ = _graph(rec)
    w = encoded_weight_bytes(rec)
    x = np.asarray(rec["x"], np.float64)
    depth = np.maximum(np.rint(x[:n, _COL["shape3"]]), 1.0)
    buf, pre, slack, extra, split = (np.zeros(n) for _ in range(5))
    prev_slack = 0.0
    for v in scheduled_ops(rec):
        slack[v] = prev_slack
        prev_slack = c[v]
        if ops[v] not in SLICED or w[v] <= 0 or (mask is not None and not mask[v]):
            continue  # (rule K: ``mask`` False = another rule buffers this operator)
        t = w[v] / bb.bytes_per_cycle + bb.latency
        d = int(depth[v])
        s = slack[v]
        p = max(16, int(d * s / t // 16) * 16) if t > s else d
        if p >= d:  # one slice: a single buffer of the whole weights
            buf[v] = pre[v] = _ceil16(w[v])
            extra[v] = max(0.0, t - s)
            continue
        q = max(16, _ceil16(p * c[v] / t))
        edges = [0, *range(p, d, q), d]
        sizes = [_ceil16(w[v] * (b - a) / d) for a, b in zip(edges[:-1], edges[1:])]
        b0, b1 = max(sizes[0::2]), max(sizes[1::2])
        buf[v], pre[v], split[v] = b0 + b1, b0, 1.0
        tail = c[v] * (edges[-1] - edges[-2]) / d
        t0 = b0 / bb.bytes_per_cycle + bb.latency
        extra[v] = max(t - s + tail, c[v] + max(t0 - s, 0.0)) - c[v]
        prev_slack = tail
    return SlackSchedule(buf, pre, slack, extra, split)



B_GRID = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.75, 5.0)
L_GRID = (0.0, 32.0, 64.0, 128.0, 256.0, 500.0)
PL = ("u55", "u65")


_FM: dict[int, np.ndarray] = {}


def est(rec, pl, rule, bl):
    """``vm.sram_bytes(rec, pl, rule=rule)`` / 1024 with the constants ``bl``; the
    feature-map term (which does not depend on them) cached per record."""
    n = int(rec["n_ops"])
    if n == 0:
        return 0.0
    fm = _FM.get(id(rec))
    if fm is None:
        fm = _FM[id(rec)] = vm.feature_map_live(rec)
    table = vm.BUFFERING if rule == "own" else BUFFERING_SLACK
    old = table[pl]
    table[pl] = vm.Buffering(*bl)
    try:
        if rule == "own":
            buf, pre = vm.weight_buffers(rec, pl)
        else:
            sch = slack_schedule(rec, pl)
            buf, pre = sch.buf, sch.pre
    finally:
        table[pl] = old
    return float(np.max(vm._in_use(fm, buf, pre))) / 1024


def err(p, y):
    return 100 * abs(p - y) / y


def training_graphs():
    """v1's 500 training graphs: the first 500 of mix12's training split (random, seed 0)."""
    cfg = Config()
    cfg = Config(targets=tuple(t for t in cfg.targets if t != "host_latency_ms"))
    recs, _ = load_records("runs/mix12", cfg)  # the study's records (no host labels)
    return split(recs, 0, "random")[0][:500]


def fit():
    cfg = Config()
    cfg = Config(targets=tuple(t for t in cfg.targets if t != "host_latency_ms"))
    recs, _ = load_records("runs/mix12", cfg)  # the study's records (no host labels)
    train = split(recs, 0, "random")[0][:500]
    best = {}
    for rule, pl in itertools.product(("own", "slack"), PL):
        y = [r["labels"][f"{pl}_sram_kib"] for r in train]
        res = []
        for bl in itertools.product(B_GRID, L_GRID):
            e = [err(est(r, pl, rule, bl), t) for r, t in zip(train, y)]
            res.append((float(np.mean(e)), float(np.median(e)), bl))
        res.sort()
        best[f"{rule}/{pl}"] = res[0]
        print(rule, pl, "best MAPE / median / (b, L):", res[0], "next:", res[1:3], flush=True)
    return best


def val_models():
    lab = json.load(open("runs/psage_rs19b_s0/real_labels.json"))
    d = real_dir()
    return {k: (record_of(d / k), v) for k, v in lab.items() if v.get("npu_full")}


def table(models, consts, title):
    rows = [f"## {title}", "", "| model | " + " | ".join(
        f"{pl} label KiB | {pl} own % | {pl} slack %" for pl in PL) + " |",
        "|---" * (1 + 3 * len(PL)) + "|"]
    errs = {(r, pl): [] for r in ("own", "slack") for pl in PL}
    for name, (rec, lab) in sorted(models.items()):
        cells = []
        for pl in PL:
            y = lab[f"{pl}_sram_kib"]
            cells.append(f"{y:.1f}")
            for rule in ("own", "slack"):
                e = (est(rec, pl, rule, consts[f"{rule}/{pl}"]) - y) / y * 100
                errs[(rule, pl)].append(abs(e))
                cells.append(f"{e:+.1f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    rows += ["", "| rule | " + " | ".join(f"{pl} median / MAPE / max" for pl in PL) + " |",
             "|---|---|---|"]
    for rule in ("own", "slack"):
        rows.append(f"| {rule} | " + " | ".join(
            "{:.1f} / {:.1f} / {:.1f}".format(np.median(errs[(rule, pl)]),
                                              np.mean(errs[(rule, pl)]),
                                              np.max(errs[(rule, pl)])) for pl in PL) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    what = sys.argv[1]
    out = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else None
    cfile = pathlib.Path("docs/evidence/perfsage-cpu-2026-12-05-s20/rule_g_constants.json")
    if what == "fit":
        best = fit()
        cfile.write_text(json.dumps({k: list(v[2]) for k, v in best.items()}, indent=1))
        text = "\n".join(f"- {k}: MAPE {v[0]:.2f} %, median {v[1]:.2f} %, (b, L) = {v[2]}"
                         for k, v in best.items()) + "\n"
    else:
        consts = {k: tuple(v) for k, v in json.loads(cfile.read_text()).items()}
        if what == "val":
            text = table(val_models(), consts, "Validation: the 11 shared real models Vela maps fully")
        else:  # test: folder with labels.json + models/
            folder = pathlib.Path(sys.argv[3])
            lab = json.load(open(folder / "labels.json"))
            models = {k: (record_of(folder / "models" / k), v) for k, v in lab.items()
                      if v.get("npu_full") and (len(sys.argv) < 5 or k.removesuffix(".tflite") in sys.argv[4:])}
            text = table(models, consts, f"Test models in {folder}")
    print(text)
    if out:
        out.write_text(text)
