"""Session 41 (issue 22, SRAM): velamem's default H2 against candidates S "_sact" (addendum 1) and S2 "_sact2" (addendum 3) on V41 (= the shared
models Vela maps fully + every registered held-out model Vela maps fully, runs/heldoutV41 -> runs/heldout_all), session
22's pre-registered rule (sram_v2.decide) and session 33's choice among the passing; plus the reproduction check of
section 0 (H2 on the V33 models named in session 39's sram_v33h.md, against its H2 row). The rules are named in full.

Usage (repo root, JAXEFF_DATA and JAXEFF_MAIN set, PYTHONPATH=src:.):
  python docs/evidence/perfsage-cpu-2026-12-07-s41/sram_v41.py OUT.md
"""
import os
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s33"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-06-s30"))
sys.path.insert(0, str(HERE.parent / "perfsage-cpu-2026-12-05-s22"))
from sram_v2 import PL, errors, summary, table  # noqa: E402
from sram_v14 import real_models  # noqa: E402
from sram_v20_s33 import choose, summary_rows  # noqa: E402

H2 = ("vorder_cat_smx_lin_split_u65buf_spslack_vslack_1xwh_dwc_bigact_wlive_vblk_dom_bdq_vis_1rd"
      "_spool_cb_rsz_ew1_lut_hpx")
#: S (addendum 1; sram_v41.md) and S2 (addendum 3; sram_v41b.md); SRAM_CANDS=S picks S alone
CANDS = {k: v for k, v in {"S": H2 + "_sact", "S2": H2 + "_sact2"}.items()
         if k in os.environ.get("SRAM_CANDS", "S,S2").split(",")}
V33H = HERE.parent / "perfsage-cpu-2026-12-07-s39" / "sram_v33h.md"


def main(out: pathlib.Path) -> None:
    os.chdir(os.environ.get("JAXEFF_MAIN", "/work/main"))
    if not os.path.lexists("runs/heldoutV41"):
        os.symlink("heldout_all", "runs/heldoutV41")
    models = real_models("heldoutV41")
    rules = {"default (H2)": H2, **CANDS}
    errs = {r: errors(models, r) for r in rules.values()}
    text = [f"# Velamem on V41 ({len(models)} models): the default H2 and candidate(s) {', '.join(CANDS)}", "",
            "V41 = shared models Vela maps fully + every registered held-out model Vela maps fully "
            "(runs/heldoutV41, rebuilt this session). Error = (velamem / Vela's \"Total SRAM used\" - 1) x 100. "
            "Made by `sram_v41.py` (this folder); the mechanism in PREREGISTERED.md addendum 1.", "", "## Summary", ""]
    text += summary_rows(errs, rules)
    lines, best = choose(errs, H2, CANDS)
    text += ["", "## Choice (addendum 1: session 22's rule per candidate, against H2)", ""] + lines + [""]
    text.append(f"**Passes and is best: {best} ({CANDS[best]})**." if best else "**None passes: H2 stays.**")
    changed = sorted({nm for (nm, pl) in errs[H2] if any(abs(errs[H2][(nm, pl)] - errs[r][(nm, pl)]) > 1e-9
                                                         for r in CANDS.values())})
    text += ["", "## Models whose prediction a candidate changes", "",
             "| model | " + " | ".join(f"{pl} Vela KiB | {pl} H2 %" + "".join(f" | {pl} {t} %" for t in CANDS)
                                      for pl in PL) + " |",
             "|---" * (1 + (2 + len(CANDS)) * len(PL)) + "|"]
    for nm in changed:
        cells = []
        for pl in PL:
            cells += [f"{models[nm][1][pl]:.1f}", f"{errs[H2][(nm, pl)]:+.1f}"]
            cells += [f"{errs[r][(nm, pl)]:+.1f}" for r in CANDS.values()]
        text.append(f"| {nm} | " + " | ".join(cells) + " |")
    text += ["", f"{len(changed)} of {len(models)} models change under a candidate.", ""]
    # reproduction check (section 0): H2 on the V33 models of sram_v33h.md
    names = set(re.findall(r"^\| (?:heldoutV33X|shared)/([^ |]+\.tflite) \|", V33H.read_text(), re.M))
    sub = {k: v for k, v in errs[H2].items() if k[0].split("/", 1)[1] in names}
    found = {k[0].split("/", 1)[1] for k in sub}
    text += ["## Reproduction check (section 0): H2 on the V33 models of session 39's sram_v33h.md", "",
             f"{len(found)} of {len(names)} V33 models found in V41 (missing: {sorted(names - found) or 'none'}). "
             "Session 39's H2 row: U55 / U65 within 10 % 257 / 239, median 0.41 / 0.50, max 92.2 / 93.9, "
             "mean 3.43 / 5.61, above 50 % 2 / 7.", "",
             "| platform | n | within 10 % | median | above 50 % | max | mean |", "|---|---|---|---|---|---|---|"]
    for pl in PL:
        s = summary(sub, pl)
        text.append(f"| {pl} | {s['n']} | {s['within10']} | {s['median']:.2f} | {s['above50']} | {s['max']:.1f} | "
                    f"{s['mean']:.2f} |")
    text += ["", *(table(models, errs[r], f"V41: {t} {r}", errs[H2]) for t, r in CANDS.items())]
    out.write_text("\n".join(text) + "\n")
    print("\n".join(text[:60]))


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
