"""Mutation testing of one jaxeff module at a time against its own tests (docs/TESTING.md).

Not a test module (pytest collects ``test_*.py`` only). Usage, from the repository root::

    python tests/mutation.py ops/quant.py [search/evolq.py ...] [--max-children 1]
    python tests/mutation.py gnn/graph.py --only 'jaxeff.gnn.graph.x_op_macs__mutmut_*'
    python tests/mutation.py ops/winograd.py --sample 40 --seed 0
    python tests/mutation.py --list

For each module (a path under ``src/jaxeff``) this copies ``src/`` and ``tests/`` into
``.mutation/<module>/``, writes a ``pyproject.toml`` whose ``[tool.mutmut]`` mutates only
that module and selects only the test files that ``[tool.jaxeff.mutation]`` in the
repository's pyproject maps it to, runs ``mutmut run`` there, and prints one summary
line (also written to ``.mutation/<module>/summary.json``). The mutants' sources and
diffs stay in that folder: ``cd .mutation/<module> && mutmut show NAME``.

Score = (killed + timeout) / (killed + timeout + survived + suspicious + no tests);
mutants listed as equivalent in docs/TESTING.md are subtracted by hand there.

``--sample N --seed S`` generates every mutant of the module first (mutmut's own
generator, no test run), then draws N of them uniformly without replacement with
``random.Random(S)`` from the sorted names, and runs only those: the score is then an
*estimate* of the module's score, reported with a 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import collections
import fnmatch
import json
import math
import os
import random
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
# imported once by mutmut's fork server; none of them starts an XLA backend (checked:
# jax._src.xla_bridge._backends stays empty), unlike several test modules
PRELOAD = ["numpy", "pytest", "jax", "jax.numpy", "flax.linen", "optax", "jaxeff"]


def module_map(root: Path = ROOT) -> dict[str, list[str]]:
    """``[tool.jaxeff.mutation]`` of ``root/pyproject.toml``: module -> test files."""
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    return dict(data["tool"]["jaxeff"]["mutation"])


def _toml_list(items: list[str]) -> str:
    return json.dumps(list(items))  # a JSON array of strings is a TOML array


def prepare(module: str | list[str], tests: list[str], *, root: Path = ROOT,
            work: Path = WORK, tag: str = "") -> Path:
    """Fresh work folder for ``module`` (or several modules, mutated together: folder
    ``batch<tag>``) with its own mutmut configuration."""
    modules = [module] if isinstance(module, str) else list(module)
    for m in modules:
        src = root / "src" / "jaxeff" / m
        if not src.is_file():
            raise FileNotFoundError(f"module {m!r}: {src} does not exist")
    present = [t for t in dict.fromkeys(tests) if (root / t).exists()]
    if not present:
        raise FileNotFoundError(f"module {module!r}: none of its test files exist: {tests}")
    name = (modules[0].replace("/", "__").removesuffix(".py") if len(modules) == 1
            else "batch")
    d = work / (name + tag)
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
        f"only_mutate = {_toml_list(['src/jaxeff/' + m for m in modules])}\n"
        f"pytest_add_cli_args_test_selection = {_toml_list(present)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
        'process_isolation = "forkserver"\n'
        # the default warm-up imports the test modules, and some build arrays at import:
        # that starts XLA's thread pools in the fork server, and every forked mutant then
        # deadlocks (a false "timeout"). Import only what starts no backend.
        'forkserver_warmup = "import"\n'
        f"preload_modules_file = {json.dumps(str(d / 'preload.txt'))}\n\n"
        "[tool.pytest.ini_options]\n"
        f"markers = {_toml_list(ini.get('markers', []))}\n"
        f"addopts = {json.dumps(ini.get('addopts', ''))}\n",
        "utf-8",
    )
    (d / "preload.txt").write_text("\n".join(
        PRELOAD + ["jaxeff." + m.removesuffix(".py").replace("/", ".") for m in modules]),
        "utf-8")
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


_GENERATE = """
import os
from mutmut.__main__ import create_file_mutants
from mutmut.mutation.trampoline import set_mutant_under_test
from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths
from mutmut.utils.file_utils import walk_source_files
set_mutant_under_test("mutant_generation")
os.makedirs("mutants", exist_ok=True)
copy_src_dir()
copy_also_copy_files()
setup_source_paths()
for path in walk_source_files():
    r = create_file_mutants(path)
    if r.error:
        raise r.error
"""


def generate(d: Path) -> list[str]:
    """Generate every mutant in work folder ``d`` without running a test (the first
    step of ``mutmut run``, mutmut 3.8); returns their names, sorted."""
    subprocess.run([sys.executable, "-c", _GENERATE], cwd=d, env=_env(), check=True,
                   stdout=subprocess.DEVNULL)
    return sorted(results(d))


def draw(names: list[str], n: int, seed: int, only: list[str] | None = None) -> list[str]:
    """``n`` names drawn uniformly without replacement (``random.Random(seed)``) from the
    sorted ``names`` that match one of the ``only`` globs (all if ``only`` is None)."""
    if n < 1:
        raise ValueError(f"sample: n must be >= 1, got {n}")
    pool = sorted(x for x in names if not only or any(fnmatch.fnmatch(x, g) for g in only))
    if not pool:
        raise ValueError(f"sample: no mutant matches {only}")
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))))


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    """Wilson score interval (Wilson 1927) of a proportion ``k / n``; 95% by default.
    Unlike ``p +- z sqrt(p(1-p)/n)`` it stays in [0, 1] and is not empty at ``k = n``."""
    if not 0 <= k <= n:
        raise ValueError(f"wilson: need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return None
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (round(max(0.0, mid - half), 4), round(min(1.0, mid + half), 4))


def summarize(status: dict[str, str]) -> dict[str, object]:
    """Counts per status and the score (detected / (detected + missed))."""
    counts = collections.Counter(status.values())
    det = sum(counts[s] for s in DETECTED)
    missed = sum(counts[s] for s in MISSED)
    return {"counts": dict(counts), "total": len(status), "detected": det,
            "missed": missed, "score": round(det / (det + missed), 4) if det + missed else None,
            "wilson95": wilson(det, det + missed),
            "not_detected": sorted(n for n, s in status.items() if s in MISSED)}


def run(module: str, tests: list[str], *, max_children: int = 1,
        names: list[str] | None = None, root: Path = ROOT, work: Path = WORK,
        tag: str = "", sample: int | None = None, seed: int = 0) -> dict:
    """Mutate ``module``, run its tests on every mutant (or on ``sample`` of them, drawn
    with ``seed`` among those matching ``names``); returns the summary dict."""
    d = prepare(module, tests, root=root, work=work, tag=tag)
    t0 = time.time()
    extra: dict[str, object] = {}
    if sample is not None:
        every = generate(d)
        picked = draw(every, sample, seed, names)
        extra = {"sample": {"n": len(picked), "seed": seed, "only": names,
                            "module_mutants": len(every), "names": picked}}
        names = picked
    proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children",
                           str(max_children), *(names or [])], cwd=d, env=_env(),
                          check=False)
    status = results(d)
    if sample is not None:
        status = {k: v for k, v in status.items() if k in set(names or [])}
    summary = {"module": module, "tests": tests, "returncode": proc.returncode,
               "seconds": round(time.time() - t0, 1), **extra, **summarize(status)}
    (d / "summary.json").write_text(json.dumps(summary, indent=1), "utf-8")
    return summary


def _prefix(module: str) -> str:
    """Mutant-name glob of every mutant of ``module`` (``ops/quant.py`` ->
    ``jaxeff.ops.quant.x*``)."""
    return "jaxeff." + module.removesuffix(".py").replace("/", ".") + ".x*"


def run_together(modules: list[str], mapping: dict[str, list[str]], *,
                 sample: int | None = None, seed: int = 0, only: list[str] | None = None,
                 max_children: int = 1, root: Path = ROOT, work: Path = WORK,
                 tag: str = "") -> dict:
    """Several modules in one mutmut run (one test-mapping pass instead of one per
    module): ``sample`` mutants drawn per module (stratified, same ``seed``), or the
    mutants matching the ``only`` globs (e.g. the survivors of a sampled run, to
    recheck them), each run against the tests, among the union of the modules' mapped
    files, that execute its function. Returns ``{module: summary}`` (also in
    ``batch<tag>/summary.json``)."""
    if (sample is None) == (only is None):
        raise ValueError("run_together needs exactly one of sample and only")
    tests = [t for m in modules for t in mapping[m]]
    d = prepare(modules, tests, root=root, work=work, tag=tag)
    t0 = time.time()
    every = generate(d)
    if sample is not None:
        picked = {m: draw(every, sample, seed, [_prefix(m)]) for m in modules}
    else:
        picked = {m: [n for n in every if fnmatch.fnmatch(n, _prefix(m))
                      and any(fnmatch.fnmatch(n, g) for g in only)] for m in modules}
    names = [n for m in modules for n in picked[m]]
    if not names:  # an empty list would make mutmut run every mutant
        raise ValueError(f"no mutant of {modules} matches {only}")
    proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children",
                           str(max_children), *names], cwd=d, env=_env(),
                          check=False)
    status = results(d)
    out = {}
    for m in modules:
        total = sum(fnmatch.fnmatch(n, _prefix(m)) for n in every)
        out[m] = {"module": m, "tests": sorted(set(tests)), "returncode": proc.returncode,
                  "seconds_all_modules": round(time.time() - t0, 1),
                  "sample": {"n": len(picked[m]), "seed": seed if only is None else None,
                             "only": only, "module_mutants": total,
                             "stratified_with": modules, "names": picked[m]},
                  **summarize({k: status[k] for k in picked[m]})}
    (d / "summary.json").write_text(json.dumps(out, indent=1), "utf-8")
    return out


_APPLY = """
import sys
from mutmut.mutation.diff_apply import apply_mutant
apply_mutant(sys.argv[1])
"""

_SAME_FUNCTION = """
import sys
import libcst as cst
from mutmut.mutation.diff_apply import find_top_level_function_or_method
from mutmut.utils.format_utils import orig_function_and_class_names_from_key
name = orig_function_and_class_names_from_key(sys.argv[1])[0].rpartition(".")[-1]
a, b = (find_top_level_function_or_method(cst.parse_module(open(f).read()), name)
        for f in sys.argv[2:4])
sys.exit(0 if a is not None and b is not None and a.deep_equals(b) else 3)
"""


def recheck(d: Path, names: list[str], mapping: dict[str, list[str]], *,
            root: Path = ROOT, timeout: float = 900.0) -> dict[str, str]:
    """Rerun mutants of the work folder ``d`` against the repository's *current*
    library and tests, one at a time, without a new mutmut run: ``d/src`` is refreshed
    from ``src/``, each mutant written into it (``mutmut apply``: the mutated function
    replaces the current one of that name), the module's mapped test files run with
    ``pytest -x`` and that copy first on the path, and the file is restored. A failing
    run (or one past ``timeout`` seconds) is ``killed``, a passing one ``survived``; a
    mutant whose function changed since the run is ``stale`` and not run."""
    # the mutants are applied to the *current* library (the tests may need it), so the
    # run's copy of each module is kept aside to flag modules changed since the run
    run_src = d / "src_run"
    if not run_src.exists():
        shutil.copytree(d / "src", run_src)
    shutil.rmtree(d / "src")
    shutil.copytree(root / "src", d / "src", ignore=shutil.ignore_patterns("__pycache__"))
    out = {}
    for name in names:
        mod = next((m for m in mapping if fnmatch.fnmatch(name, _prefix(m))), None)
        if mod is None:
            raise ValueError(f"{name} belongs to no module of [tool.jaxeff.mutation]")
        path = d / "src" / "jaxeff" / mod
        orig = path.read_text("utf-8")
        if (run_src / "jaxeff" / mod).read_text("utf-8") != orig and subprocess.run(
                [sys.executable, "-c", _SAME_FUNCTION, name, str(run_src / "jaxeff" / mod),
                 str(path)], cwd=d, env=_env(), check=False).returncode:
            # the mutant carries the run's version of the function: applying it would
            # also revert the later change, and a test of that change would "kill" it
            out[name] = "stale"
            print(f"RECHECK {name}: stale (its function changed since the run)", flush=True)
            continue
        try:
            subprocess.run([sys.executable, "-c", _APPLY, name], cwd=d, env=_env(),
                           check=True, capture_output=True)
            if path.read_text("utf-8") == orig:
                raise RuntimeError(f"mutmut apply {name} changed nothing")
            env = _env()
            env["PYTHONPATH"] = os.pathsep.join([str(d / "src"), str(root)])
            # files added after the run first (they are listed last): -x stops early
            tests = [t for t in reversed(mapping[mod]) if (root / t).exists()]
            try:
                rc = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                                     "no:cacheprovider", *tests], cwd=root, env=env,
                                    capture_output=True, timeout=timeout,
                                    check=False).returncode
                out[name] = "survived" if rc == 0 else "killed"
            except subprocess.TimeoutExpired:
                out[name] = "timeout"
        finally:
            path.write_text(orig, "utf-8")
        print(f"RECHECK {name}: {out[name]}", flush=True)
    return out


def _line(m: str, s: dict) -> str:
    smp = (f" SAMPLE {s['sample']['n']} of {s['sample']['module_mutants']} seed "
           f"{s['sample']['seed']}" if "sample" in s else "")
    secs = s.get("seconds", s.get("seconds_all_modules"))
    return (f"MUTATION {m}: score {s['score']} 95% {s['wilson95']} detected "
            f"{s['detected']} missed {s['missed']} total {s['total']} {s['counts']}{smp} "
            f"in {secs} s")


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
    ap.add_argument("--sample", type=int, help="run only N mutants drawn uniformly at "
                    "random (the score is then an estimate, with a 95%% Wilson interval)")
    ap.add_argument("--seed", type=int, default=0, help="seed of --sample (default 0)")
    ap.add_argument("--together", action="store_true", help="with --sample or --only: "
                    "all the modules in one mutmut run (one test-mapping pass), union of "
                    "their tests")
    ap.add_argument("--recheck", metavar="WORKDIR", help="rerun the --only mutant names "
                    "of an earlier run's work folder against the current tests")
    ap.add_argument("--timeout", type=float, default=900.0, help="with --recheck: "
                    "seconds before a mutant's test run counts as a timeout (default 900)")
    args = ap.parse_args(argv)
    mapping = module_map()
    if args.recheck:
        if not args.only:
            ap.error("--recheck needs --only with exact mutant names")
        d = Path(args.recheck).resolve()
        st = recheck(d, args.only, mapping, timeout=args.timeout)
        (d / f"recheck{args.tag}.json").write_text(json.dumps(
            {"names": st, "counts": dict(collections.Counter(st.values()))}, indent=1),
            "utf-8")
        return 0
    if args.list or not args.modules:
        for m, t in mapping.items():
            print(f"{m}: {' '.join(t)}")
        return 0
    for m in args.modules:
        if m not in mapping:
            ap.error(f"module {m!r} has no entry in [tool.jaxeff.mutation]")
    if args.together:
        if (args.sample is None) == (args.only is None) or args.tests:
            ap.error("--together needs one of --sample / --only, and takes no --tests")
        out = run_together(args.modules, mapping, sample=args.sample, seed=args.seed,
                           only=args.only, max_children=args.max_children, tag=args.tag)
        for m, s in out.items():
            print(_line(m, s), flush=True)
        return int(any(s["returncode"] != 0 for s in out.values()))
    rc = 0
    for m in args.modules:
        if m not in mapping:
            ap.error(f"module {m!r} has no entry in [tool.jaxeff.mutation]")
        s = run(m, args.tests or mapping[m], max_children=args.max_children, tag=args.tag,
                names=args.only, sample=args.sample, seed=args.seed)
        print(_line(m, s), flush=True)
        rc |= int(s["returncode"] != 0)
    return rc


if __name__ == "__main__":
    sys.exit(main())
