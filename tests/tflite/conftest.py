"""Fixtures for the jaxeff.tflite tests."""

import os
import pathlib

import pytest


@pytest.fixture
def models() -> pathlib.Path:
    """``$JAXEFF_DATA/tflite`` (the 15 shared models); skips when it is absent."""
    root = os.environ.get("JAXEFF_DATA")
    if not root:
        pytest.skip("JAXEFF_DATA is unset (set it to ../shared/data for the real models)")
    d = pathlib.Path(root) / "tflite"
    if not (d / "MANIFEST.jsonl").is_file():
        pytest.skip(f"{d} has no MANIFEST.jsonl (the shared TFLite models)")
    return d
