"""Light core install (issue 15 item 6): the core modules import with every extra
absent, and a function that needs an extra names the extra to install."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from jaxeff._extras import EXTRAS, MissingExtraError, require

_BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys
    BLOCKED = {blocked!r}
    class _Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked for the test: {{name}}")
            return None
    sys.meta_path.insert(0, _Block())
    """
)

CORE_MODULES = [
    "jaxeff", "jaxeff.ops", "jaxeff.ops.quant", "jaxeff.ops.calibrate",
    "jaxeff.ops.winograd", "jaxeff.ops.winograd_quant", "jaxeff.ops.collapse",
    "jaxeff.ops.lowrank", "jaxeff.ops.attacks", "jaxeff.nets", "jaxeff.search",
    "jaxeff.ptq", "jaxeff.inject", "jaxeff.train", "jaxeff.zoo", "jaxeff.isa",
    "jaxeff.data", "jaxeff.gnn", "jaxeff.report", "jaxeff.tflite",
    "jaxeff.gnn.dataset", "jaxeff.gnn.shards", "jaxeff.gnn.distributed",
]


def _run(body: str) -> subprocess.CompletedProcess:
    code = _BLOCKER.format(blocked=sorted(EXTRAS)) + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )


def test_core_imports_without_extras():
    r = _run(
        f"""
        import importlib
        for m in {CORE_MODULES!r}:
            importlib.import_module(m)
        for top in {sorted(EXTRAS)!r}:
            assert top not in sys.modules, top
        print("OK")
        """
    )
    assert r.returncode == 0 and "OK" in r.stdout, r.stderr[-3000:]


@pytest.mark.parametrize(
    "call, extra",
    [
        ("from jaxeff.data import load_vision; load_vision('digits')", "data"),
        (r"from jaxeff.tflite import read_tflite; "
         r"read_tflite(b'\x10\x00\x00\x00TFL3' + bytes(64))", "tflite"),
        (r"from jaxeff.tflite import vela; "
         r"vela.compile_model(b'\x10\x00\x00\x00TFL3' + bytes(64))", "tflite"),
        ("from jaxeff.report import plot_curves; plot_curves('x.png', {'a': [1.0]})",
         "plots"),
        (("import tempfile; from jaxeff.gnn.dataset import DatasetConfig, build_dataset; "
          "build_dataset(DatasetConfig(workers=2), tempfile.mkdtemp(), progress=False)"),
         "dist"),
    ],
)
def test_missing_extra_is_named(call, extra):
    r = _run(
        f"""
        from jaxeff._extras import MissingExtraError
        try:
            {call}
        except MissingExtraError as e:
            print("NAMED:", e)
        """
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"jaxeff[{extra}]" in r.stdout, r.stdout + r.stderr[-2000:]


def test_require_unknown_and_present():
    with pytest.raises(KeyError):
        require("not_a_declared_extra")
    assert require("PIL.Image").__name__ == "PIL.Image"
    assert issubclass(MissingExtraError, ImportError)
