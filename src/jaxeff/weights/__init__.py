"""Pretrained weights shipped inside the package, each with a verified model card.

Not a paper method: the zoo's offline store (issue 24), in the spirit of timm /
big_vision pretrained checkpoints but with nothing downloaded at run time. Every
shipped model is two files in ``jaxeff/weights/files/``:

- ``<name>.msgpack``: the Flax variables (``flax.serialization`` msgpack: data only,
  never pickle);
- ``<name>.json``: its *model card*: ``kind`` (``"classifier"``, ``"sr"``,
  ``"sr-collapsed"`` or ``"diffusion"``: a rectified-flow net's EMA weights,
  :func:`jaxeff.flow.train_flow`), the exact cache ``key`` it answers (model, kwargs, data
  fingerprint, full recipe), ``data_sha256`` (the training data's content
  fingerprint), the training ``command``, ``commit``, ``device``, ``jax_version``,
  the ``metrics`` measured where it was trained, the training ``meta`` the zoo
  returns (history, params), and the file's ``sha256`` and ``bytes``.

:func:`load` checks size and sha256 before deserialising and refuses a mismatch with
:class:`WeightsError`. :mod:`jaxeff.zoo` calls :func:`find_card` with the key it
would cache under, so a shipped model is used only for exactly that configuration and
that copy of the data; otherwise the zoo trains (and caches) as before.
``use_shipped(False)`` (the experiments' ``--retrain``) turns the store off.

Command line: ``python -m jaxeff.weights`` lists the cards and verifies every file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pathlib
import sys
from collections.abc import Iterator
from typing import Any

__all__ = [
    "WEIGHTS_DIR",
    "WeightsError",
    "cards",
    "find_card",
    "load",
    "provenance",
    "sha256_file",
    "ship",
    "shipped_enabled",
    "use_shipped",
    "verify",
]

WEIGHTS_DIR = pathlib.Path(__file__).resolve().parent / "files"
KINDS = ("classifier", "sr", "sr-collapsed", "diffusion")
_ENABLED = [os.environ.get("JAXEFF_NO_SHIPPED", "") in ("", "0")]


class WeightsError(ValueError):
    """A shipped weights file is missing, has the wrong size or checksum, or its card
    is malformed."""


def shipped_enabled() -> bool:
    """Whether the zoo may load shipped weights (off under ``--retrain`` or with
    ``JAXEFF_NO_SHIPPED=1``)."""
    return _ENABLED[-1]


@contextlib.contextmanager
def use_shipped(enabled: bool) -> Iterator[None]:
    """Context manager: allow (``True``) or forbid (``False``) shipped weights."""
    _ENABLED.append(bool(enabled))
    try:
        yield
    finally:
        _ENABLED.pop()


def set_use_shipped(enabled: bool) -> None:
    """Process-wide switch (the experiments' ``--retrain`` sets it to ``False``)."""
    _ENABLED[0] = bool(enabled)
    del _ENABLED[1:]


def sha256_file(path: str | os.PathLike) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _canon(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"))


def cards(directory: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Every model card in ``directory`` (default :data:`WEIGHTS_DIR`), by name."""
    d = pathlib.Path(directory) if directory is not None else WEIGHTS_DIR
    out = []
    for f in sorted(d.glob("*.json")) if d.is_dir() else []:
        try:
            card = json.loads(f.read_text())
        except json.JSONDecodeError as e:
            raise WeightsError(f"model card {f} is not valid JSON: {e}") from e
        missing = [k for k in ("name", "kind", "file", "key", "sha256", "bytes")
                   if k not in card]
        if missing:
            raise WeightsError(f"model card {f} lacks {missing}")
        if card["kind"] not in KINDS:
            raise WeightsError(f"model card {f}: kind {card['kind']!r} not in {KINDS}")
        card["_dir"] = str(d)
        out.append(card)
    return out


def find_card(kind: str, key: dict[str, Any], *, data_sha256: str | None = None,
              directory: str | os.PathLike | None = None) -> dict[str, Any] | None:
    """The card of ``kind`` whose ``key`` equals ``key`` exactly (JSON-canonical), and,
    if given, whose ``data_sha256`` equals ``data_sha256``; ``None`` if there is none
    or shipped weights are turned off (:func:`use_shipped`)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    if not shipped_enabled():
        return None
    want = _canon(key)
    for card in cards(directory):
        if card["kind"] == kind and _canon(card["key"]) == want and (
                data_sha256 is None or card.get("data_sha256") == data_sha256):
            return card
    return None


def _verified_bytes(card: dict[str, Any]) -> tuple[pathlib.Path, bytes]:
    name = card["file"]
    if not isinstance(name, str) or pathlib.PurePath(name).name != name or name in (
            "", ".", ".."):
        raise WeightsError(f"card {card.get('name')!r}: file must be a bare file name "
                           f"in the card's folder, got {name!r}")
    path = pathlib.Path(card.get("_dir", WEIGHTS_DIR)) / name
    if not path.is_file():
        raise WeightsError(f"shipped weights {path} (card {card['name']!r}) are "
                           f"missing")
    data = path.read_bytes()  # read once: the bytes checked are the bytes loaded
    if len(data) != card["bytes"]:
        raise WeightsError(f"shipped weights {path} have {len(data)} bytes, the card "
                           f"says {card['bytes']}: the file was modified or truncated")
    digest = hashlib.sha256(data).hexdigest()
    if digest != card["sha256"]:
        raise WeightsError(f"shipped weights {path} fail their checksum: sha256 "
                           f"{digest}, the card says {card['sha256']}; refusing to "
                           f"load")
    return path, data


def verify(card: dict[str, Any]) -> pathlib.Path:
    """The card's weights file, after checking its size and sha256 (raises
    :class:`WeightsError` naming the file and both checksums on a mismatch, or when
    the card's ``file`` is not a bare file name)."""
    return _verified_bytes(card)[0]


def load(card: dict[str, Any]) -> dict[str, Any]:
    """The verified variables of ``card`` (msgpack, no code executed): the file is
    read once, and the bytes whose sha256 was checked are the bytes deserialized."""
    import flax.serialization

    path, data = _verified_bytes(card)
    print(f"jaxeff: using shipped weights {path} (sha256 verified; card "
          f"{card['name']}.json)", file=sys.stderr)
    try:
        out = flax.serialization.msgpack_restore(data)
    except Exception as e:  # checksum matched, so the card itself was made wrong
        raise WeightsError(f"shipped weights {path} are not msgpack: {e}") from e
    if not isinstance(out, dict) or "params" not in out:
        raise WeightsError(f"{path} is not a saved variables dict (no 'params')")
    return out


def provenance() -> dict[str, Any]:
    """Where a model is trained or shipped: the git commit of this checkout (``None``
    outside git), the jax device and version."""
    import platform
    import subprocess

    import jax

    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True,
                                text=True, check=True,
                                cwd=pathlib.Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    dev = jax.devices()[0]
    kind = (f"{platform.machine()} CPU, {os.cpu_count()} cores" if dev.platform == "cpu"
            else dev.device_kind)
    return {"commit": commit, "device": f"{dev.platform}: {kind}",
            "jax_version": jax.__version__}


def ship(name: str, kind: str, variables: dict[str, Any], key: dict[str, Any], *,
         metrics: dict[str, Any], command: str, meta: dict[str, Any] | None = None,
         data_sha256: str | None = None, directory: str | os.PathLike | None = None,
         overwrite: bool = False, **extra: Any) -> dict[str, Any]:
    """Write ``<name>.msgpack`` and its card (maintainers: ``tools/ship_weights.py``).

    Records :func:`provenance` (commit, device, jax version) of this call, where
    the ``metrics`` are measured, and ``meta["provenance"]`` (where the zoo trained
    the weights; ``None`` fields for models cached before it kept that), the size
    and sha256 of the written file. Refuses to replace an existing
    card unless ``overwrite``.
    """
    import datetime

    from jaxeff.report import atomic_write, to_jsonable
    from jaxeff.train import save_variables

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    d = pathlib.Path(directory) if directory is not None else WEIGHTS_DIR
    d.mkdir(parents=True, exist_ok=True)
    card_f, file_ = d / f"{name}.json", d / f"{name}.msgpack"
    if card_f.exists() and not overwrite:
        raise FileExistsError(f"{card_f} exists; pass overwrite=True to replace it")
    save_variables(file_, variables)
    meta = meta or {}
    trained = meta.get("provenance") or {"commit": None, "device": None,
                                         "jax_version": None}
    card = {"name": name, "kind": kind, "file": file_.name, "key": to_jsonable(key),
            "data_sha256": data_sha256, "command": command, "metrics": metrics,
            # where the metrics were measured and the card written
            **provenance(),
            # where the weights were trained (None: trained before the zoo kept it)
            "trained": trained,
            "created": datetime.datetime.now(datetime.UTC).strftime(
                "%Y-%m-%d %H:%M UTC"),
            **to_jsonable(extra), "meta": to_jsonable(meta),
            "sha256": sha256_file(file_), "bytes": file_.stat().st_size}
    atomic_write(card_f, json.dumps(card, indent=1) + "\n")
    return card


def main(argv: list[str] | None = None) -> int:
    """``python -m jaxeff.weights``: list the cards and verify every file."""
    bad = 0
    total = 0
    for card in cards():
        try:
            p = verify(card)
            total += p.stat().st_size
            status = "ok"
        except WeightsError as e:
            bad += 1
            status = f"FAILED: {e}"
        m = ", ".join(f"{k} {v}" for k, v in (card.get("metrics") or {}).items())
        print(f"{card['name']:40s} {card['kind']:13s} {card['bytes'] / 1e6:6.2f} MB  "
              f"{m}  [{status}]")
    print(f"{total / 1e6:.2f} MB shipped; {bad} failed")
    return 1 if bad else 0
