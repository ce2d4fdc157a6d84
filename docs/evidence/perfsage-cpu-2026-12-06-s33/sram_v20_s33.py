"""Session 33 (issue 22, SRAM): velamem's default "vorder_cat_smx_lin_split_u65buf" against the candidates of
PREREGISTERED.md section 2 -- C ("..._spslack"), A ("..._vcyc") and AC ("..._spslack_vcyc") -- and of its
addendum 1 -- A2 ("..._vslack") and A2C ("..._spslack_vslack"), against C -- on V20 (the 221 models
of ../perfsage-cpu-2026-12-06-s32/sram_v20.md, rebuilt this session: shared models Vela maps fully +
runs/heldoutV20), session 22's pre-registered rule (sram_v2.decide) for each, and the section-2 choice among those
that pass. With SRAM_SET=FOLDER (a folder of runs/ with models/ and labels.json) that folder's models are scored
instead and nothing is chosen (a fresh test set). Also writes the reproduction check of section 0 on V20: the
default's per-model errors against session 32's sram_v20.md.

Usage (repo root, JAXEFF_DATA set, PYTHONPATH=src:.): python docs/evidence/perfsage-cpu-2026-12-06-s33/sram_v20_s33.py OUT.md
"""
import os
import pathlib
import re
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, _folder, decide, errors, summary, table  # noqa: E402
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s32"))
from sram_v20 import v20_models  # noqa: E402

from jaxeff.gnn import velamem as vm  # noqa: E402

BASE = "vorder_cat_smx_lin_split_u65buf"
CANDS = {"C": BASE + "_spslack", "A": BASE + "_vcyc", "AC": BASE + "_spslack_vcyc"}
#: addendum 1 (after outcome 2): Vela's cycles only as the whole-fetch slack, against C (the default chosen in outcome 2)
CANDS1 = {"A2": BASE + "_vslack", "A2C": BASE + "_spslack_vslack"}
S32 = HERE.parent / "perfsage-cpu-2026-12-06-s32" / "sram_v20.md"


def s32_default_errors() -> dict:
    """(name, platform) -> session 32's default error % (the 'baseline' columns of sram_v20.md's table)."""
    out = {}
    for line in S32.read_text().splitlines():
        m = re.match(r"\| ((?:shared|heldoutV20)/\S+) \| [\d.]+ \| ([-+][\d.]+) \| ([-+][\d.]+) \| [\d.]+ \| "
                     r"([-+][\d.]+) \| ([-+][\d.]+) \|$", line)
        if m:
            out[(m[1], "u55")], out[(m[1], "u65")] = float(m[3]), float(m[5])
    return out


def summary_rows(errs: dict, rules: dict) -> list:
    rows = ["| rule | platform | n | within 10 % | median abs. error % | above 50 % | max abs. error % | "
            "mean abs. error % |", "|---|---|---|---|---|---|---|---|"]
    for tag, r in rules.items():
        for pl in PL:
            s = summary(errs[r], pl)
            rows.append(f"| {tag}: {r} | {pl} | {s['n']} | {s['within10']} | {s['median']:.2f} | {s['above50']} | "
                        f"{s['max']:.1f} | {s['mean']:.2f} |")
    return rows


def choose(errs: dict, base: str, cands: dict) -> tuple[list, str | None]:
    """Session 22's rule for each candidate against ``base``; of those that pass, the most within 10 % (then the
    lower mean absolute error over both platforms)."""
    lines, passed = [], []
    for tag, r in cands.items():
        ok, why = decide(errs[base], errs[r])
        lines.append(f"- **{tag}** ({r}): **{'pass' if ok else 'fail'}** ({why}).")
        if ok:
            w10 = sum(summary(errs[r], pl)["within10"] for pl in PL)
            passed.append((-w10, np.mean([summary(errs[r], pl)["mean"] for pl in PL]), tag))
    return lines, (min(passed)[2] if passed else None)


def main(out: pathlib.Path) -> None:
    assert vm.DEFAULT_RULE == BASE or vm.DEFAULT_RULE.startswith(CANDS1["A2C"])  # A2C, then A2C + "_1xwh"
    fresh = os.environ.get("SRAM_SET")
    models = _folder(fresh) if fresh else v20_models()
    rules = {"default": BASE, **CANDS, **CANDS1}
    errs = {r: errors(models, r) for r in rules.values()}
    where = (f"runs/{fresh} (npu_full; a fresh set: nothing is chosen)" if fresh else
             "V20 = shared models Vela maps fully + runs/heldoutV20 (npu_full), rebuilt in session 33")
    text = [f"# Velamem on {fresh or 'V20'} ({len(models)} models): the default and candidates C, A, AC", "",
            f"{where}. Error = (velamem / Vela's \"Total SRAM used\" - 1) x 100. Made by `sram_v20_s33.py` "
            "(this folder).", "", "## Summary", ""]
    text += summary_rows(errs, rules)
    if not fresh:
        text += ["", "## Choice (PREREGISTERED.md section 2, session 22's rule per candidate, against the default)", ""]
        lines, best = choose(errs, BASE, CANDS)
        text += lines + [""]
        text.append(f"**Chosen: {best} ({CANDS[best]})**." if best else "**None passes: the default stays.**")
        base1 = CANDS[best] if best else BASE
        text += ["", f"## Choice (addendum 1, the same rule, against {base1})", ""]
        lines, best1 = choose(errs, base1, CANDS1)
        text += lines + [""]
        text.append(f"**Chosen: {best1} ({CANDS1[best1]})**." if best1 else f"**None passes: {base1} stays.**")
        old = s32_default_errors()
        same = [k for k in old if k in errs[BASE] and abs(round(errs[BASE][k], 1) - old[k]) <= 0.05 + 1e-9]
        diff = sorted(k for k in old if k in errs[BASE] and k not in same)
        text += ["", "## Reproduction check (section 0; decides nothing)", "",
                 f"The default's error, rounded to 0.1 %, equals session 32's sram_v20.md on {len(same)} of "
                 f"{len(old)} (model, platform) pairs; models in one and not the other: "
                 f"{sorted(set(n for n, _ in old) ^ set(models))}.", ""]
        for k in diff:
            text.append(f"- {k[0]} {k[1]}: session 32 {old[k]:+.1f} %, rebuilt {errs[BASE][k]:+.1f} %")
    changed = sorted({name for (name, pl) in errs[BASE]
                      if any(abs(errs[BASE][(name, pl)] - errs[r][(name, pl)]) > 1e-9
                             for r in {**CANDS, **CANDS1}.values())})
    text += ["", "## Models whose prediction any candidate changes", "",
             "| model | split | " + " | ".join(f"{pl} Vela KiB | {pl} default % | " +
                                                " | ".join(f"{pl} {t} %" for t in {**CANDS, **CANDS1})
                                                for pl in PL) + " |",
             "|---" * (2 + (2 + len(CANDS) + len(CANDS1)) * len(PL)) + "|"]
    for name in changed:
        cells = [str(int(vm.split_convs(models[name][0]).sum()))]
        for pl in PL:
            cells += [f"{models[name][1][pl]:.1f}", f"{errs[BASE][(name, pl)]:+.1f}"]
            cells += [f"{errs[r][(name, pl)]:+.1f}" for r in {**CANDS, **CANDS1}.values()]
        text.append(f"| {name} | " + " | ".join(cells) + " |")
    text += ["", f"{len(changed)} of {len(models)} models change under some candidate.", ""]
    for tag, r in {**CANDS, **CANDS1}.items():
        text.append(table(models, errs[r], f"{tag}: {r}", errs[BASE]))
    text = "\n".join(text) + "\n"
    print("\n".join(text.splitlines()[:60]))
    out.write_text(text)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
