"""One-off: rewrite dataset shards built by the old (pickle) writer in the data-only
.npz + JSON format of jaxeff.gnn.dataset.save_shard (issue 14 item 8).

Run once on shards this session built itself (trusted): the records are unchanged,
only the container differs. usage: python convert_shards.py DATASET_DIR
"""
import pathlib
import pickle  # noqa: S403 - trusted, self-built files only; the library never unpickles
import sys

from jaxeff.gnn.dataset import load_shard, save_shard

d = pathlib.Path(sys.argv[1]) / "shards"
for f in sorted(d.glob("*.pkl")):
    blob = pickle.loads(f.read_bytes())  # noqa: S301
    out = f.with_suffix(".npz")
    save_shard(out, blob["records"], blob["seconds"])
    back = load_shard(out)
    assert len(back) == len(blob["records"])
    for a, b in zip(blob["records"], back, strict=True):
        assert (a["x"] == b["x"]).all() and a["labels"] == b["labels"]
    f.unlink()
    print(out.name, len(back))
