"""PerfSAGE dataset shards: data-only files, their checks and the label digest.

PerfSAGE: "Generalized Inference Performance Predictor for Arbitrary Deep Learning
Models on Edge Devices" (arXiv 2301.10999); the dataset is the stand-in of spec
perfsage.md §5.3-5.4 built by :func:`jaxeff.gnn.dataset.build_dataset`. A shard
``<folder>/shards/<space>_<k>.npz`` is arrays in ``.npz`` plus a JSON header
(:mod:`jaxeff.gnn.store`, never pickle), written atomically; its header holds the
records' non-array fields, the dataset identity, the workers and tool versions.

Issue 20 (resumable, placement-independent labelling):

* ``shards/manifest.json`` holds the dataset identity (the configuration without
  where it runs); :func:`check_manifest` refuses a folder of another identity
  (``FileExistsError``), so it is never written to.
* :func:`shard_state` keeps a shard that reads back whole, with that identity and
  the planned number of records; an unreadable (half-written, truncated) one is
  rebuilt; one of another identity, or of unknown identity (written before issue
  20) with the wrong record count, raises.
* :func:`labels_digest` is the SHA-256 of everything in the records except the
  host-latency labels: the part that must not depend on the number or placement
  of workers.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pathlib
from typing import Any

import numpy as np

from jaxeff.gnn.store import ArtifactError, load_npz_json, save_npz_json
from jaxeff.report import atomic_write, to_jsonable

log = logging.getLogger(__name__)
#: the shard-header ``versions`` key of :data:`jaxeff.gnn.labels.PER_OP_ATTRIBUTION`
ATTRIBUTION_KEY = "jaxeff-per-op-attribution"

__all__ = [
    "ARRAY_FIELDS",
    "MANIFEST",
    "SHARD_KIND",
    "check_manifest",
    "fingerprint",
    "labels_digest",
    "load_dataset",
    "load_shard",
    "read_shard",
    "save_shard",
    "shard_state",
]

MANIFEST = "manifest.json"
# per-record fields that depend on the machine that timed them
_HOST_FIELDS = ("host_repeat_ms", "host_timed_by")

SHARD_KIND = "jaxeff.perfsage.dataset_shard"
# array fields of a record: name -> (dtype kind, ndim)
ARRAY_FIELDS = {
    "x": ("f", 2),
    "cat": ("i", 1),
    "senders": ("i", 1),
    "receivers": ("i", 1),
    "u55_op_cycles": ("f", 1),
    "u65_op_cycles": ("f", 1),
}


def save_shard(path: str | pathlib.Path, recs: list[dict[str, Any]], seconds: float,
               info: dict[str, Any] | None = None) -> None:
    """Write dataset records as one data-only shard (arrays in ``.npz``, the rest
    JSON); ``info`` (e.g. the dataset identity, workers) joins the JSON header."""
    arrays, meta = {}, []
    for i, r in enumerate(recs):
        for k in ARRAY_FIELDS:
            arrays[f"{i}/{k}"] = np.asarray(r[k])
        meta.append({k: v for k, v in r.items() if k not in ARRAY_FIELDS})
    head = {**(info or {}), "records": meta, "seconds": seconds}
    save_npz_json(path, SHARD_KIND, arrays, head)


def load_shard(path: str | pathlib.Path) -> list[dict[str, Any]]:
    """Records of one shard, checked: arrays of the right kind and rank, node counts
    consistent, edge indices in range; :class:`ArtifactError` names the file."""
    return read_shard(path)[0]


def read_shard(path: str | pathlib.Path) -> tuple[list[dict[str, Any]], dict]:
    """``(records, header)`` of one shard, checked as by :func:`load_shard`."""
    arrays, meta = load_npz_json(path, SHARD_KIND)
    recs = []
    try:
        for i, m in enumerate(meta["records"]):
            if not isinstance(m, dict) or not isinstance(m.get("labels"), dict):
                raise TypeError(f"record {i} has no labels")
            r = dict(m)
            for k, (kind, ndim) in ARRAY_FIELDS.items():
                a = arrays[f"{i}/{k}"]
                if a.dtype.kind not in (kind + ("u" if kind == "i" else "")) or a.ndim != ndim:
                    raise ValueError(f"record {i} {k}: {a.dtype}{list(a.shape)}")
                r[k] = a
            n = len(r["x"])
            if len(r["cat"]) != n or len(r["senders"]) != len(r["receivers"]):
                raise ValueError(f"record {i}: inconsistent node / edge counts")
            for k in ("senders", "receivers"):
                if len(r[k]) and not (0 <= r[k].min() and r[k].max() < n):
                    raise ValueError(f"record {i}: {k} out of range [0, {n})")
            recs.append(r)
    except (KeyError, TypeError, ValueError) as e:
        raise ArtifactError(
            f"corrupt dataset shard {str(path)!r}: {type(e).__name__}: {e}"
        ) from None
    return recs, meta


def load_dataset(path: str | pathlib.Path) -> list[dict[str, Any]]:
    """All records of a dataset folder (``shards/*.npz``), in shard order."""
    d = pathlib.Path(path)
    files = sorted((d / "shards").glob("*.npz"))
    if not files:
        raise FileNotFoundError(
            f"no dataset shards under {d / 'shards'}; build one "
            "with python -m experiments.perfsage_dataset"
        )
    from jaxeff.gnn.labels import PER_OP_ATTRIBUTION

    recs, old = [], []
    for f in files:
        part, head = read_shard(f)
        recs += part
        versions = head.get("versions")
        if not isinstance(versions, dict) or versions.get(ATTRIBUTION_KEY) != str(
                PER_OP_ATTRIBUTION):
            old.append(f.name)
    if old:  # graph totals are right; per-op labels of in-place writers are not
        log.warning("%d of %d shards under %s carry per-op labels of an older attribution "
                    "than version %d (operators written in place into a CONCATENATION "
                    "have their cycles on it or on one of them; graph totals are "
                    "unaffected), e.g. %s; relabel them as docs/evidence/"
                    "perfsage-cpu-2026-12-05-s23/reattribute.py does",
                    len(old), len(files), d, PER_OP_ATTRIBUTION, old[0])
    return recs



def fingerprint(ident: dict[str, Any]) -> str:
    """First 16 hex digits of the SHA-256 of ``ident`` (names the engine tasks)."""
    return hashlib.sha256(json.dumps(ident, sort_keys=True).encode()).hexdigest()[:16]


def check_manifest(out: pathlib.Path, ident: dict[str, Any]) -> None:
    """Write ``out/manifest.json`` (``ident``) or check it; ``FileExistsError`` when
    the folder holds another dataset."""
    f = out / MANIFEST
    if not f.exists():
        atomic_write(f, json.dumps(ident, indent=2, sort_keys=True))
        return
    try:
        old = json.loads(f.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"corrupt dataset manifest {str(f)!r}: {e}") from None
    if old != ident:
        diff = sorted(k for k in set(old) | set(ident) if old.get(k) != ident.get(k))
        raise FileExistsError(
            f"{out} holds shards of another dataset configuration (differs in "
            f"{diff}); build into another folder (--workdir) or delete it"
        )


def shard_state(path: pathlib.Path, ident: dict[str, Any], n: int) -> str:
    """``"missing"``, ``"done"`` (whole, of ``ident``, ``n`` records) or ``"redo"``
    (unreadable: half-written or damaged). Raises ``FileExistsError`` for a shard
    of another configuration, which is never overwritten."""
    if not path.exists():
        return "missing"
    try:
        recs, head = read_shard(path)
    except ArtifactError as e:
        log.warning("rebuilding unreadable shard %s (%s)", path, e)
        return "redo"
    if head.get("dataset", ident) != ident or (
        "dataset" not in head and len(recs) != n
    ):
        raise FileExistsError(
            f"shard {str(path)!r} was built with another configuration; "
            "build into another folder or delete it"
        )
    if len(recs) != n:
        log.warning("rebuilding shard %s: %d of %d records", path, len(recs), n)
        return "redo"
    return "done"


def labels_digest(recs: list[dict[str, Any]]) -> str:
    """SHA-256 of every record's content except host-latency labels: the part that
    must not depend on the number or placement of workers (exact bytes of every
    array and the exact JSON of every label, Vela's included)."""
    h = hashlib.sha256()
    for r in recs:
        meta = {
            k: v for k, v in r.items() if k not in ARRAY_FIELDS and k not in _HOST_FIELDS
        }
        meta["labels"] = {
            k: v for k, v in r["labels"].items() if not k.startswith("host_")
        }
        h.update(json.dumps(to_jsonable(meta), sort_keys=True).encode())
        for k in sorted(ARRAY_FIELDS):
            a = np.ascontiguousarray(r[k])
            h.update(f"{k}:{a.dtype.str}:{a.shape}".encode() + a.tobytes())
    return h.hexdigest()
