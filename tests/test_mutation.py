"""The mutation-testing setup (docs/TESTING.md, issue 26): the module -> tests map stays
in sync with src/ and tests/, the per-module configuration is what mutmut reads, and
(slow) mutmut really runs and kills mutants of a small module."""

import importlib.util
import json
import sys
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import mutation  # tests/mutation.py, the driver (after the sys.path insert)

ROOT = Path(__file__).resolve().parents[1]


def test_every_mapped_module_and_at_least_one_of_its_tests_exist():
    mapping = mutation.module_map()
    assert "ops/attacks.py" in mapping and "gnn/graph.py" in mapping
    for module, tests in mapping.items():
        assert (ROOT / "src" / "jaxeff" / module).is_file(), module
        assert any((ROOT / t).is_file() for t in tests), (module, tests)
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    for sel in cfg["pytest_add_cli_args_test_selection"]:
        assert (ROOT / sel).exists(), sel


def test_prepare_writes_a_config_for_one_module_and_its_tests(tmp_path):
    d = mutation.prepare("ops/attacks.py", ["tests/ops/test_attacks.py", "tests/nope.py"],
                         work=tmp_path)
    cfg = tomllib.loads((d / "pyproject.toml").read_text())
    assert cfg["tool"]["mutmut"]["only_mutate"] == ["src/jaxeff/ops/attacks.py"]
    assert cfg["tool"]["mutmut"]["pytest_add_cli_args_test_selection"] == [
        "tests/ops/test_attacks.py"]  # missing files are dropped
    assert "not slow" in cfg["tool"]["pytest"]["ini_options"]["addopts"]
    assert (d / "src" / "jaxeff" / "ops" / "attacks.py").is_file()
    with pytest.raises(FileNotFoundError, match="nope.py"):
        mutation.prepare("nope.py", ["tests/ops/test_attacks.py"], work=tmp_path)
    with pytest.raises(FileNotFoundError, match="none of its test files"):
        mutation.prepare("ops/attacks.py", ["tests/nope.py"], work=tmp_path)


def test_summary_score_counts_timeouts_as_detected_and_no_tests_as_missed():
    s = mutation.summarize({"a__mutmut_1": "killed", "a__mutmut_2": "timeout",
                            "a__mutmut_3": "survived", "a__mutmut_4": "no tests",
                            "a__mutmut_5": "skipped"})
    assert (s["detected"], s["missed"], s["total"], s["score"]) == (2, 2, 5, 0.5)
    assert s["not_detected"] == ["a__mutmut_3", "a__mutmut_4"]


@pytest.mark.slow
def test_mutmut_runs_and_kills_mutants_of_one_small_function(tmp_path):
    if importlib.util.find_spec("mutmut") is None:
        pytest.skip("mutmut is not installed (pip install -e '.[mutation]')")
    s = mutation.run("ops/attacks.py", ["tests/ops/test_attacks.py"],
                     names=["jaxeff.ops.attacks.x__check__mutmut_*"], work=tmp_path)
    assert s["returncode"] == 0, s
    checked = {k: v for k, v in json.loads(
        (tmp_path / "ops__attacks" / "summary.json").read_text())["counts"].items()
        if k != "not checked"}
    assert s["detected"] >= 3 and sum(checked.values()) >= 3, s


def test_wilson_interval_matches_hand_values_and_its_boundaries():
    # 36/40: p = 0.9, z = 1.96: centre (0.9 + 0.048) / 1.096, hand-computed bounds
    lo, hi = mutation.wilson(36, 40)
    assert (lo, hi) == pytest.approx((0.7695, 0.9604), abs=1e-4)
    assert mutation.wilson(40, 40)[1] == 1.0 and mutation.wilson(40, 40)[0] == pytest.approx(
        40 / (40 + 1.959964 ** 2), abs=1e-4)  # k = n: lower bound n / (n + z^2)
    assert mutation.wilson(0, 10)[0] == 0.0
    assert mutation.wilson(0, 0) is None
    with pytest.raises(ValueError, match="k=5, n=4"):
        mutation.wilson(5, 4)


def test_draw_is_seeded_uniform_without_replacement_and_respects_globs():
    names = [f"m.x_f__mutmut_{i}" for i in range(50)] + [f"m.x_g__mutmut_{i}" for i in range(50)]
    a = mutation.draw(names, 10, 3)
    assert a == mutation.draw(list(reversed(names)), 10, 3)  # order of input irrelevant
    assert len(set(a)) == 10 and a != mutation.draw(names, 10, 4)
    only_g = mutation.draw(names, 80, 0, ["m.x_g__*"])
    assert len(only_g) == 50 and all("x_g_" in n for n in only_g)  # capped at the pool
    with pytest.raises(ValueError, match="n must be >= 1"):
        mutation.draw(names, 0, 0)
    with pytest.raises(ValueError, match="no mutant matches"):
        mutation.draw(names, 3, 0, ["zzz*"])
    # each name is drawn with probability n / N: frequency over many seeds
    hits = sum("m.x_f__mutmut_0" in mutation.draw(names, 20, s) for s in range(2000))
    assert abs(hits / 2000 - 0.2) < 0.03


def test_map_and_mutmut_only_mutate_cover_the_same_modules():
    """``mutmut run`` (all at once) and ``tests/mutation.py`` (per module) mutate the
    same files: every non-``__init__`` file ``[tool.mutmut] only_mutate`` selects has
    test files in the map, and every mapped module is selected."""
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    selected = {p.relative_to(ROOT / "src" / "jaxeff").as_posix()
                for g in cfg["mutmut"]["only_mutate"] for p in ROOT.glob(g)
                if p.name != "__init__.py"}
    assert selected == set(mutation.module_map())
    for issue_module in ("search/strategy.py", "search/landscape.py", "tflite/interpreter.py",
                         "tflite/qmath.py", "ops/winograd_route.py"):
        assert issue_module in selected, issue_module
