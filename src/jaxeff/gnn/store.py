"""Data-only files for PerfSAGE artifacts: arrays in ``.npz`` plus one JSON header.

Predictors (parameters, scaler, targets, training config) and dataset shards are
stored as an uncompressed NumPy ``.npz`` archive read with ``allow_pickle=False``:
every member is a plain numeric array, and the non-array part (config, target
names, record fields) is a UTF-8 JSON document kept in the member ``__meta__``
(a ``uint8`` array). Loading therefore never executes code (issue 14 item 8: no
pickle), and a missing, truncated, corrupt or tampered file raises
:class:`ArtifactError` (a ``ValueError``) or ``FileNotFoundError`` naming the file.

Header: ``{"format": <kind>, "version": 1, ...}``; :func:`load_npz_json` checks the
kind, so a shard cannot be loaded as a predictor and vice versa.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import zipfile
from typing import Any

import numpy as np

from jaxeff.report import atomic_write, to_jsonable

FORMAT_VERSION = 1
_META = "__meta__"


class ArtifactError(ValueError):
    """A PerfSAGE artifact file is truncated, corrupt, tampered with or of the wrong
    kind; the message names the file."""


def save_npz_json(
    path: str | os.PathLike, kind: str, arrays: dict[str, np.ndarray], meta: dict,
    compress: bool = False,
) -> pathlib.Path:
    """Write ``arrays`` (name -> numeric ndarray) and the JSON ``meta`` atomically.

    ``kind`` names the artifact (e.g. ``"jaxeff.perfsage.predictor"``); object or
    string arrays are refused, so the file stays loadable with ``allow_pickle=False``.
    ``compress``: a deflated archive (``np.savez_compressed``; read the same way).
    """
    path = pathlib.Path(path)
    if _META in arrays:
        raise ValueError(f"array name {_META!r} is reserved")
    for k, a in arrays.items():
        if not isinstance(a, np.ndarray) or a.dtype.kind not in "biuf":
            raise TypeError(
                f"{path}: array {k!r} must be a numeric ndarray, got "
                f"{type(a).__name__} {getattr(a, 'dtype', '')}"
            )
    head = {"format": kind, "version": FORMAT_VERSION, **to_jsonable(meta)}
    blob = json.dumps(head, sort_keys=True, allow_nan=True).encode()
    buf = io.BytesIO()
    (np.savez_compressed if compress else np.savez)(
        buf, **arrays, **{_META: np.frombuffer(blob, np.uint8)})
    atomic_write(path, buf.getvalue())
    return path


def load_npz_json(
    path: str | os.PathLike, kind: str
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Read a file of :func:`save_npz_json`: ``(arrays, meta)``; never unpickles.

    Raises ``FileNotFoundError`` for a missing file and :class:`ArtifactError` for a
    file that is not a well-formed artifact of ``kind`` (message names ``path``).
    """
    path = pathlib.Path(path)
    what = kind.rsplit(".", 1)[-1].replace("_", " ")  # "predictor", "dataset shard"
    if not path.is_file():
        raise FileNotFoundError(f"{what} file {str(path)!r} does not exist")
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic != b"PK\x03\x04":  # np.load would try other formats (even pickle)
        raise ArtifactError(
            f"corrupt {what} file {str(path)!r}: not an .npz archive "
            f"(starts with {magic!r})"
        )
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as e:
        raise ArtifactError(
            f"corrupt {what} file {str(path)!r} (not a readable .npz archive: "
            f"{type(e).__name__}: {e})"
        ) from None
    except Exception as e:  # noqa: BLE001 - zlib/struct errors of a damaged archive
        raise ArtifactError(
            f"corrupt {what} file {str(path)!r} ({type(e).__name__}: {e})"
        ) from None
    raw = arrays.pop(_META, None)
    if raw is None or raw.dtype != np.uint8 or raw.ndim != 1:
        raise ArtifactError(f"corrupt {what} file {str(path)!r}: no JSON header")
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ArtifactError(
            f"corrupt {what} file {str(path)!r}: JSON header unreadable ({e})"
        ) from None
    if not isinstance(meta, dict) or meta.get("format") != kind:
        got = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise ArtifactError(f"{str(path)!r} is not a {what} file (format {got!r})")
    if meta.get("version") != FORMAT_VERSION:
        raise ArtifactError(
            f"{what} file {str(path)!r}: unsupported version {meta.get('version')!r} "
            f"(expected {FORMAT_VERSION})"
        )
    for k, a in arrays.items():
        if a.dtype.kind not in "biuf":
            raise ArtifactError(
                f"corrupt {what} file {str(path)!r}: array {k!r} has dtype {a.dtype}"
            )
    return arrays, meta


def flatten_tree(tree: Any, prefix: str = "") -> dict[str, np.ndarray]:
    """Nested dict of leaves -> ``{prefix + "a/b/c": leaf}`` (keys must not contain "/")."""
    out: dict[str, np.ndarray] = {}
    for k, v in tree.items():
        if "/" in str(k):
            raise ValueError(f"key {k!r} contains '/'")
        name = f"{prefix}{k}"
        if isinstance(v, dict) or hasattr(v, "items"):
            out.update(flatten_tree(v, name + "/"))
        else:
            out[name] = v
    return out


def unflatten_tree(flat: dict[str, np.ndarray], prefix: str) -> dict[str, Any]:
    """Inverse of :func:`flatten_tree` for the keys under ``prefix`` (e.g. ``"params/"``)."""
    tree: dict[str, Any] = {}
    for k, v in flat.items():
        if not k.startswith(prefix):
            continue
        *parents, leaf = k[len(prefix):].split("/")
        node = tree
        for p in parents:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                raise ValueError(f"array {k!r} clashes with a leaf of the same name")
        node[leaf] = v
    return tree
