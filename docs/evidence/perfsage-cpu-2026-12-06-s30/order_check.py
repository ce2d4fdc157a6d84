"""Session 30 (issue 22, SRAM): does velamem.vela_order reproduce the order Vela 5.2 runs the operators in?

Reads the dump of vela_order_dump.py (Vela's printed schedule, U55) and, per model, compares the sequence of
CONV_2D / DEPTHWISE_CONV_2D operators (keyed by type and OFM shape) in Vela's order with the same operators in (a) the
TFLite order and (b) velamem.vela_order. A model is comparable when the two multisets agree (Vela maps those operators
one to one); on a comparable model an order "agrees" when the sequences are equal. On every model, a second measure
keeps only the convolutions whose (type, OFM shape) occurs exactly once on both sides and asks whether they come in
the same order. Prints one row per model where either order disagrees on either measure, and the counts.

Usage (repo root): python docs/evidence/perfsage-cpu-2026-12-06-s30/order_check.py DUMP.json
"""
import json
import os
import pathlib
import sys

import numpy as np

from jaxeff.gnn import velamem as vm
from jaxeff.gnn.bounds import _COL
from jaxeff.gnn.realeval import record_of

NAMES = {"CONV_2D": "Conv2D", "DEPTHWISE_CONV_2D": "DepthwiseConv2D"}
DATA = pathlib.Path(os.environ["JAXEFF_DATA"])
CONCAT_FIRST = os.environ.get("CONCAT_FIRST") == "1"  # velamem.vela_order(concat_first=...)


def path_of(key: str) -> pathlib.Path:
    folder, name = key.split("/")
    return DATA / "tflite" / name if folder == "data" else pathlib.Path("runs") / folder / "models" / name


def keyed(rec: dict, order) -> list:
    x = np.asarray(rec["x"])
    return [(NAMES[rec["ops"][v]], tuple(int(round(x[v, _COL[f"shape{i}"]])) for i in range(4)))
            for v in order if rec["ops"][v] in NAMES]


def main() -> None:
    dump = json.loads(pathlib.Path(sys.argv[1]).read_text())
    n = comp = a_tfl = a_vo = u_tfl = u_vo = 0
    rows = []
    yn = {True: "yes", False: "no", None: ""}
    for key, d in sorted(dump.items()):
        rec = record_of(path_of(key))
        vela = [(t, tuple(s)) for t, s in d["ops"] if t in NAMES.values()]
        tfl = keyed(rec, range(int(rec["n_ops"])))
        vo = keyed(rec, vm.vela_order(rec, concat_first=CONCAT_FIRST))
        n += 1
        once = {k for k in set(vela) if vela.count(k) == 1 and tfl.count(k) == 1}
        only = lambda seq: [k for k in seq if k in once]  # noqa: E731
        ut, uv = only(vela) == only(tfl), only(vela) == only(vo)
        u_tfl, u_vo = u_tfl + ut, u_vo + uv
        et = ev = None
        if sorted(vela) == sorted(tfl):
            comp += 1
            et, ev = vela == tfl, vela == vo
            a_tfl, a_vo = a_tfl + et, a_vo + ev
        if not (ut and uv) or et is False or ev is False:
            rows.append(f"| {key} | {len(vela)} | {yn[et]} | {yn[ev]} | {len(once)} | {yn[ut]} | {yn[uv]} |")
    print("| model (an order disagrees) | convolutions | all: TFLite order | all: vela_order | unique ones "
          "| unique: TFLite order | unique: vela_order |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\n{n} models; {comp} comparable (Vela runs their convolutions one to one); Vela's order equals the TFLite "
          f"order on {a_tfl} and velamem.vela_order on {a_vo}.\nOn the convolutions unique on both sides (all {n} "
          f"models): the TFLite order agrees on {u_tfl}, velamem.vela_order on {u_vo}.")


if __name__ == "__main__":
    main()
