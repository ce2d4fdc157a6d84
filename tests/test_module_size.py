"""Issue 15: no module under src/ over about 400 lines without a reason at its top."""

from __future__ import annotations

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "jaxeff"
LIMIT = 420  # "about 400"


def test_long_modules_say_why_at_the_top():
    missing = []
    for f in sorted(SRC.rglob("*.py")):
        text = f.read_text()
        n = text.count("\n")
        if n <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if "Length (" not in doc and "400 lines" not in doc:
            missing.append(f"{f.relative_to(SRC)} ({n} lines)")
    assert not missing, ("modules over ~400 lines need a paragraph in their docstring "
                         f"('Length (...)' or '... over 400 lines ...') saying why they are not split: {missing}")
