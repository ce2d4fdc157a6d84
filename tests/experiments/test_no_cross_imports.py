"""Experiments are thin scripts on the library (issue 15 item 1): each imports
``jaxeff`` and the shared CLI helper ``experiments._cli``, never another experiment."""

import ast
import pathlib

import pytest

EXP = pathlib.Path(__file__).resolve().parents[2] / "experiments"
ALLOWED = {"experiments._cli"}


def experiment_imports(source: str) -> list[str]:
    """Every ``experiments.*`` module (or relative import) that ``source`` imports,
    and any dynamic import (``importlib`` / ``runpy`` / ``__import__``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for a in node.names:
                top = a.name.split(".")[0]
                if top == "experiments":
                    found.append(a.name)
                elif top in ("importlib", "runpy"):
                    found.append(f"dynamic import via {top}")
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:  # from . import x / from .x import y
                found += [f"experiments.{mod or a.name}" for a in node.names]
            elif mod == "experiments":
                found += [f"experiments.{a.name}" for a in node.names]
            elif mod.startswith("experiments."):
                found.append(mod)
            elif mod in ("importlib", "runpy"):
                found.append(f"dynamic import via {mod}")
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("import_module", "__import__", "run_module", "run_path"):
                found.append(f"dynamic import via {name}()")
    return [m for m in found if m not in ALLOWED]


def test_detector_catches_cross_imports():
    src = ("from experiments import evolq\nimport experiments.sesr\n"
           "from experiments.train_classifier import Config\nfrom . import fqvit\n"
           "from experiments._cli import preset_parser\nimport jaxeff\n"
           "import importlib\nimportlib.import_module('experiments.simd')\n")
    assert sorted(experiment_imports(src)) == sorted([
        "experiments.evolq", "experiments.sesr", "experiments.train_classifier",
        "experiments.fqvit", "dynamic import via importlib",
        "dynamic import via import_module()"])


@pytest.mark.parametrize("path", sorted(EXP.glob("*.py")), ids=lambda p: p.name)
def test_experiment_imports_no_other_experiment(path):
    assert experiment_imports(path.read_text()) == []
