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
import mutation  # noqa: E402  (tests/mutation.py, the driver)

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
