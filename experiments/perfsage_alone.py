"""Context-free kernel labels for a PerfSAGE dataset (issue 22, session 21).

For every graph of a dataset folder (``shards/*.npz``, built by
``experiments.perfsage_dataset``) the graph is regenerated from its seed and every
kernel is compiled alone with Vela (:func:`jaxeff.gnn.labels.alone_cycles`). The
per-op result, ``<platform>_alone_cycles``, is written per shard as JSON under
``--out`` (default ``<dataset>/alone``): a run resumes shard by shard and never
rewrites a shard file it did not start. A graph whose regenerated operator list
differs from its record, or with a kernel Vela cannot compile alone, is listed
under ``skipped`` with the reason, never guessed.

    python -m experiments.perfsage_alone runs/mix14 [--part 0/2] [--smoke]

``jaxeff.gnn.labels.attach_alone(records, folder)`` adds the labels to loaded
records (the stacked PerfSAGE's ``--forest-base alone``, rule M of session 21).
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time


def label_shard(path: pathlib.Path, limit: int | None = None) -> dict:
    """``{"format", "shard", "graphs": {"space:seed": {p: [...]}}, "skipped": {...}}``."""
    from jaxeff.gnn.dataset import regenerate
    from jaxeff.gnn.labels import ALONE_FORMAT, alone_cycles
    from jaxeff.gnn.shards import read_shard

    recs, meta = read_shard(path)
    max_nodes = int(meta["dataset"]["max_nodes"])
    out: dict = {"format": ALONE_FORMAT, "shard": path.name, "graphs": {}, "skipped": {}}
    for r in recs[:limit]:
        key = f"{r['space']}:{r['seed']}"
        try:
            a = alone_cycles(regenerate(r, max_nodes)[0].graph)
        except ValueError as e:
            out["skipped"][key] = str(e)[:300]
            continue
        out["graphs"][key] = {p: v.tolist() for p, v in a.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m experiments.perfsage_alone",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", help="dataset folder with shards/*.npz")
    ap.add_argument("--out", default=None, help="output folder (default DATASET/alone)")
    ap.add_argument("--part", default="0/1", help="K/N: this process labels shards K, K+N, ...")
    ap.add_argument("--smoke", action="store_true", help="2 graphs of the first shard")
    a = ap.parse_args(argv)
    d = pathlib.Path(a.dataset)
    files = sorted((d / "shards").glob("*.npz"))
    if not files:
        ap.error(f"no shards/*.npz under {d}")
    try:
        k, n = (int(v) for v in a.part.split("/"))
        if not 0 <= k < n:
            raise ValueError
    except ValueError:
        ap.error(f"--part must be K/N with 0 <= K < N, got {a.part!r}")
    out = pathlib.Path(a.out) if a.out else d / "alone"
    out.mkdir(parents=True, exist_ok=True)
    mine = files[:1] if a.smoke else files[k::n]
    t0 = time.perf_counter()
    for i, f in enumerate(mine):
        dst = out / (f.stem + ".json")
        if dst.exists():
            continue
        res = label_shard(f, 2 if a.smoke else None)
        tmp = dst.with_suffix(".part")
        tmp.write_text(json.dumps(res))
        tmp.replace(dst)
        print(f"[{i + 1}/{len(mine)}] {f.name}: {len(res['graphs'])} graphs, "
              f"{len(res['skipped'])} skipped, {time.perf_counter() - t0:.0f} s",
              file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
