"""Session 14 GPU driver for issue 19 (one lent H200, which has no Vela or LiteRT).

Runs the training sections of ``experiments.rans`` directly; the Vela and LiteRT
sections need ethos-u-vela and ai-edge-litert, which the GPU image lacks. The
per-block Vela rows by which the search orders its candidates are computed on the
CPU beforehand (``rows``: the very call ``search_section`` makes, saved to
``block_rows.json``) and served from that file on the GPU. Every result lands in
the section caches under the workdir (``train/<net>.json``, ``search/<pattern>.json``,
``study/<i>.json``), which ``python -m experiments.rans`` with the same arguments
then reuses on the CPU to write the report (with Vela and LiteRT).

    python gpu_rans.py rows|train|search|study WORKDIR -- <experiments.rans args>
"""

from __future__ import annotations

import json
import logging
import pathlib
import sys
import time

import experiments.rans as R
from jaxeff.nets.ran import RAN_E_CONFIGS, all_mbconv

ROWS = pathlib.Path(__file__).with_name("block_rows.json")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    part, workdir, sep, *rest = sys.argv[1:]
    assert sep == "--", "usage: gpu_rans.py PART WORKDIR -- <experiments.rans args>"
    cfg, _, _ = R.parse(rest)
    wd = pathlib.Path(workdir)
    wd.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    if part == "rows":  # CPU, with Vela: exactly search_section's call
        base = all_mbconv(RAN_E_CONFIGS["C"])[:cfg.search_stages or None]
        rows = R.block_costs(base, res=32, width=0.5, stem_stride=1, affine=cfg.affine)
        ROWS.write_text(json.dumps({"affine": cfg.affine,
                                    "search_stages": cfg.search_stages, "rows": rows}))
        return
    if part == "train":
        out = R.train_section(cfg, wd, False, None)
    elif part == "search":  # the search, then train the searched net
        saved = json.loads(ROWS.read_text())
        assert (saved["affine"], saved["search_stages"]) == (cfg.affine,
                                                               cfg.search_stages)
        R.block_costs = lambda *a, **k: saved["rows"]
        sr = R.search_section(cfg, wd, False)
        (wd / "search_result.json").write_text(json.dumps(sr))
        print("searched pattern", sr["pattern"], flush=True)
        out = R.train_section(cfg, wd, False, sr["pattern"]) if cfg.nets else {}
    elif part == "study":
        out = R.study_section(cfg, wd, False)
    else:
        raise SystemExit(f"unknown part {part!r}")
    print(part, "done in", round(time.time() - t0), "s:",
          json.dumps(out, default=str)[:2000], flush=True)


if __name__ == "__main__":
    main()
