"""Mutation testing of one jaxeff module at a time against its own tests (docs/TESTING.md).

Not a test module (pytest collects ``test_*.py`` only). Usage, from the repository root::

    python tests/mutation.py ops/quant.py [search/evolq.py ...] [--max-children 1]
    python tests/mutation.py gnn/graph.py --only 'jaxeff.gnn.graph.x_op_macs__mutmut_*'
    python tests/mutation.py --list

For each module (a path under ``src/jaxeff``) this copies ``src/`` and ``tests/`` into
``.mutation/<module>/``, writes a ``pyproject.toml`` whose ``[tool.mutmut]`` mutates only
that module and selects only the test files that ``[tool.jaxeff.mutation]`` in the
repository's pyproject maps it to, runs ``mutmut run`` there, and prints one summary
line (also written to ``.mutation/<module>/summary.json``). The mutants' sources and
diffs stay in that folder: ``cd .mutation/<module> && mutmut show NAME``.

Score = (killed + timeout) / (killed + timeout + survived + suspicious + no tests);
mutants listed as equivalent in docs/TESTING.md are subtracted by hand there.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutation"
DETECTED = ("killed", "timeout")
MISSED = ("survived", "suspicious", "no tests")


def module_map(root: Path = ROOT) -> dict[str, list[str]]:
    """``[tool.jaxeff.mutation]`` of ``root/pyproject.toml``: module -> test files."""
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    return dict(data["tool"]["jaxeff"]["mutation"])


def _toml_list(items: list[str]) -> str:
    return json.dumps(list(items))  # a JSON array of strings is a TOML array


def prepare(module: str, tests: list[str], *, root: Path = ROOT,
            work: Path = WORK, tag: str = "") -> Path:
    """Fresh work folder for ``module`` with its own mutmut configuration."""
    src = root / "src" / "jaxeff" / module
    if not src.is_file():
        raise FileNotFoundError(f"module {module!r}: {src} does not exist")
    present = [t for t in tests if (root / t).exists()]
    if not present:
        raise FileNotFoundError(f"module {module!r}: none of its test files exist: {tests}")
    d = work / (module.replace("/", "__").removesuffix(".py") + tag)
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "src", d / "src", ignore=ignore)
    shutil.copytree(root / "tests", d / "tests", ignore=ignore)
    pytest_cfg = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    ini = pytest_cfg["ini_options"]
    (d / "pyproject.toml").write_text(
        "[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = {_toml_list(['src/jaxeff/' + module])}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(present)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
        'process_isolation = "forkserver"\n\n'
        "[tool.pytest.ini_options]\n"
        f"markers = {_toml_list(ini.get('markers', []))}\n"
        f"addopts = {json.dumps(ini.get('addopts', ''))}\n",
        "utf-8",
    )
    return d


def _env() -> dict[str, str]:
    """The caller's environment without ``src`` folders on PYTHONPATH (mutmut puts its
    mutated copy first and must not find the original), with a persistent XLA cache."""
    env = dict(os.environ)
    keep = [p for p in env.get("PYTHONPATH", "").split(os.pathsep)
            if p and Path(p).name != "src"]
    env["PYTHONPATH"] = os.pathsep.join(keep)
    # every mutant is a fresh process: reuse the XLA programs its mutation did not change
    env.setdefault("JAX_COMPILATION_CACHE_DIR", str(WORK / "jax_cache"))
    env.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0.05")
    return env


def results(d: Path) -> dict[str, str]:
    """``mutant name -> status`` from ``mutmut results --all true`` in work folder ``d``."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                         cwd=d, env=_env(), capture_output=True, text=True, check=True)
    status = {}
    for line in out.stdout.splitlines():
        name, sep, st = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            status[name] = st
    return status


def summarize(status: dict[str, str]) -> dict[str, object]:
    """Counts per status and the score (detected / (detected + missed))."""
    counts = collections.Counter(status.values())
    det = sum(counts[s] for s in DETECTED)
    missed = sum(counts[s] for s in MISSED)
    return {"counts": dict(counts), "total": len(status), "detected": det,
            "missed": missed, "score": round(det / (det + missed), 4) if det + missed else None,
            "not_detected": sorted(n for n, s in status.items() if s in MISSED)}


def run(module: str, tests: list[str], *, max_children: int = 1,
        names: list[str] | None = None, root: Path = ROOT, work: Path = WORK,
        tag: str = "") -> dict:
    """Mutate ``module``, run its tests on every mutant; returns the summary dict."""
    d = prepare(module, tests, root=root, work=work, tag=tag)
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children",
                           str(max_children), *(names or [])], cwd=d, env=_env())
    summary = {"module": module, "tests": tests, "returncode": proc.returncode,
               "seconds": round(time.time() - t0, 1), **summarize(results(d))}
    (d / "summary.json").write_text(json.dumps(summary, indent=1), "utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="paths under src/jaxeff, e.g. ops/quant.py")
    ap.add_argument("--max-children", type=int, default=1)
    ap.add_argument("--list", action="store_true", help="print the module -> tests map")
    ap.add_argument("--tests", nargs="+", help="override the mapped test files "
                    "(e.g. to measure the score before new tests)")
    ap.add_argument("--tag", default="", help="suffix of the work folder name")
    ap.add_argument("--only", nargs="+", help="mutant-name globs to run, e.g. "
                    "'jaxeff.gnn.graph.x_op_macs__mutmut_*' (others stay 'not checked')")
    args = ap.parse_args(argv)
    mapping = module_map()
    if args.list or not args.modules:
        for m, t in mapping.items():
            print(f"{m}: {' '.join(t)}")
        return 0
    rc = 0
    for m in args.modules:
        if m not in mapping:
            ap.error(f"module {m!r} has no entry in [tool.jaxeff.mutation]")
        s = run(m, args.tests or mapping[m], max_children=args.max_children, tag=args.tag,
                names=args.only)
        print(f"MUTATION {m}: score {s['score']} detected {s['detected']} missed "
              f"{s['missed']} total {s['total']} {s['counts']} in {s['seconds']} s",
              flush=True)
        rc |= int(s["returncode"] != 0)
    return rc


if __name__ == "__main__":
    sys.exit(main())
