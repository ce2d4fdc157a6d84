"""The documentation runs as written: README.md's "Using the library" snippet and
every snippet of docs/USAGE.md are executed verbatim (issue 15 "must show", issue 25
item 6). Each USAGE section is one test; its python blocks run in order in a copy
of the namespace the setup section leaves. A section whose first line says ``needs $JAXEFF_DATA/<path>`` is
skipped when that file or folder is absent.
"""

import os
import pathlib
import re

import jax.numpy as jnp
import numpy as np
import pytest

pytestmark = pytest.mark.usefixtures("rbg_keys")

ROOT = pathlib.Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _sections(text: str, level: str) -> dict[str, str]:
    """``{heading: body}`` of the ``level`` ("## ", "### ") headings of ``text``."""
    parts = re.split(rf"^{level}(.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def _run(body: str, where: str, ns: dict | None = None) -> dict:
    blocks = _BLOCK.findall(body)
    assert blocks, f"{where}: no python block"
    ns = {"__name__": "__snippet__"} if ns is None else ns
    for code in blocks:
        exec(compile(code, where, "exec"), ns)  # noqa: S102 - our own documentation
    return ns


def test_readme_snippet_runs_verbatim():
    readme = (ROOT / "README.md").read_text()
    ns = _run(_sections(readme, "## ")["Using the library"], "README.md")
    logits, logits_fp = np.asarray(ns["logits"]), np.asarray(ns["logits_fp"])
    assert logits.shape == (32, 10) and np.isfinite(logits).all()
    assert not np.allclose(logits, logits_fp)  # W4A8 differs from float
    assert "quant" in ns["qvars"]


USAGE = (ROOT / "docs" / "USAGE.md").read_text()
SECTIONS = {k: v for k, v in _sections(USAGE, "## ").items() if _BLOCK.search(v)}
SETUP = next(k for k in SECTIONS if k.startswith("Setup"))


@pytest.fixture(scope="module")
def setup_ns(rbg_keys):
    """The namespace after USAGE.md's setup section (every section starts from it)."""
    return _run(SECTIONS[SETUP], f"docs/USAGE.md: {SETUP}")


def test_readme_links_usage():
    readme = (ROOT / "README.md").read_text()
    assert "docs/USAGE.md" in _sections(readme, "## ")["Using the library"]


# Snippets whose facts the default run pins elsewhere (learned scales: tests/test_outside_user.py
# and tests/nets/test_winograd_net.py; per-layer SQNR: tests/ops/test_winograd_api.py)
# run in the slow tier (~25 s and ~11 s on 2 cores; CI budget).
_SLOW_SNIPPETS = {"Winograd F(4,3) with learned scales",
                  "Layer-by-layer SQNR and the tap-wise baseline"}


@pytest.mark.parametrize("name", [
    pytest.param(k, marks=pytest.mark.slow) if k in _SLOW_SNIPPETS else k
    for k in SECTIONS if k != SETUP])
def test_usage_snippet_runs(name, setup_ns):
    body = SECTIONS[name]
    need = re.search(r"needs `?\$JAXEFF_DATA/([\w./-]+)`?", body.split("```")[0])
    if need:
        data = os.environ.get("JAXEFF_DATA")
        if not data or not (pathlib.Path(data) / need.group(1)).exists():
            pytest.skip(f"needs $JAXEFF_DATA/{need.group(1)}")
    ns = _run(body, f"docs/USAGE.md: {name}", dict(setup_ns))
    for key, value in ns.get("checks", {}).items():  # facts the snippet states
        assert bool(jnp.all(jnp.asarray(value))), f"{name}: check {key!r} failed"
