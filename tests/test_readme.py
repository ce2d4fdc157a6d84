"""The README tells the truth: every number quoted in its methods table
("headline result" column) appears in docs/RESULTS.md (issue 14 item 10).

A number is a run of digits with optional decimals (``36.72``) or thousands
separators (``2,000``). Digits that belong to a name are not numbers: those right
after a letter, digit, ``_`` or ``.`` (``W8A8``, ``x2``, ``Set5``, ``s16``) or after a
letter followed by ``-`` or ``(`` (``ResNet-20``, ``F(6,3)``, ``top-1``). Signs are
ignored (``+2.51`` in the README matches ``2.51`` in RESULTS); decimals must match as
written (``2.0`` is not ``2.00``), so a rounded or stale number fails.
"""

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
_NUM = re.compile(r"\d+(?:[.,]\d+)*")


def _canon(tok: str) -> str:
    """``2,000`` -> ``2000`` (thousands separators); other text unchanged."""
    return tok.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok) \
        else tok


def quoted_numbers(text: str) -> list[str]:
    """The numbers of ``text`` that are not part of a name (module docstring)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # drop link targets
    text = re.sub(r"`[^`]*`", "", text)  # and code spans (module / command names)
    out = []
    for m in _NUM.finditer(text):
        s = m.start()
        before = text[max(0, s - 2):s]
        if before[-1:].isalnum() or before[-1:] in ("_", "."):
            continue
        if len(before) == 2 and before[1] in "-(" and before[0].isalpha():
            continue
        out.append(_canon(m.group()))
    return out


def all_numbers(text: str) -> set[str]:
    """Every digit run of ``text`` (with and without thousands separators)."""
    toks = set()
    for m in _NUM.finditer(text):
        toks.add(_canon(m.group()))
        toks.update(m.group().split(","))
    return toks


def methods_rows(readme: str) -> list[tuple[str, str]]:
    """``(method, headline result)`` of every row of the README's methods table."""
    sec = readme.split("\n## Methods", 1)
    assert len(sec) == 2, "README has no '## Methods' section"
    lines = [ln for ln in sec[1].split("\n## ", 1)[0].splitlines()
             if ln.startswith("|")]
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    col = next(i for i, c in enumerate(head) if c.startswith("headline"))
    rows = []
    for ln in lines[2:]:
        cells = [c.strip() for c in ln.strip().strip("|").split("|")]
        rows.append((cells[0], cells[col]))
    return rows


def test_quoted_numbers_parsing():
    t = ("ResNet-20 W8A8 g64, F(6,3) 10.95 → 86.00; +2.51, −0.11 ± 0.25; 2,000 "
         "images, 7.06x on H100, top-1 36.72/32.41 dB, Set5 x2, `--epochs 14`, "
         "[details](docs/RESULTS.md)")
    assert quoted_numbers(t) == ["10.95", "86.00", "2.51", "0.11", "0.25", "2000",
                                 "7.06", "36.72", "32.41"]
    assert {"2000", "2", "000", "86.00"} <= all_numbers("2,000 and 86.00")


def test_readme_methods_numbers_are_in_results():
    readme = (ROOT / "README.md").read_text()
    results = all_numbers((ROOT / "docs" / "RESULTS.md").read_text())
    rows = methods_rows(readme)
    assert len(rows) >= 5
    missing = {m: [n for n in quoted_numbers(cell) if n not in results]
               for m, cell in rows}
    missing = {m: v for m, v in missing.items() if v}
    assert not missing, f"README numbers absent from docs/RESULTS.md: {missing}"


@pytest.mark.parametrize("name", ["MicroNets", "RANs", "PerfSAGE", "SESR", "HMF", "Evol-Q",
                                  "Winograd", "TFLite"])
def test_readme_names_only_existing_methods(name):
    """A method named in the intro has its own section in docs/RESULTS.md."""
    intro = (ROOT / "README.md").read_text().split("\n## ", 1)[0]
    headings = [line for line in (ROOT / "docs" / "RESULTS.md").read_text().splitlines()
                if line.startswith("## ")]
    if name in intro:
        assert any(name in h for h in headings), f"{name} advertised without a RESULTS section"
