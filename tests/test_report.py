"""Facts about jaxeff.report: run directories bound to one config, metric logs,
results, markdown tables, config hashes, and plots (all exact)."""

import dataclasses
import json

import numpy as np
import pytest

from jaxeff.report import (
    RunDir,
    atomic_write,
    config_hash,
    markdown_table,
    plot_curves,
    to_jsonable,
)


@dataclasses.dataclass(frozen=True)
class _Cfg:
    lr: float = 0.1
    sizes: tuple = (1, 2)


def test_rundir_writes_config(tmp_path):
    run = RunDir(tmp_path / "run", _Cfg())
    assert json.loads((tmp_path / "run" / "config.json").read_text()) == {
        "lr": 0.1, "sizes": [1, 2]}
    assert run.metrics() == [] and run.read_results() is None


def test_rundir_refuses_other_config_and_resumes_same(tmp_path):
    run = RunDir(tmp_path, _Cfg())
    run.log(step=1, loss=0.5)
    run.write_results({"acc": 1.0})
    with pytest.raises(FileExistsError, match="different configuration"):
        RunDir(tmp_path, _Cfg(lr=0.2))
    again = RunDir(tmp_path, _Cfg())  # same config: resume, keep what is there
    assert [m["step"] for m in again.metrics()] == [1]
    assert again.read_results() == {"acc": 1.0}
    # overwrite=True rebinds the folder and drops the old run's outputs
    other = RunDir(tmp_path, _Cfg(lr=0.2), overwrite=True)
    assert other.metrics() == [] and other.read_results() is None
    assert json.loads((tmp_path / "config.json").read_text())["lr"] == 0.2


def test_rundir_corrupt_config(tmp_path):
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ValueError, match="corrupt"):
        RunDir(tmp_path, _Cfg())


def test_metrics_append_and_read(tmp_path):
    run = RunDir(tmp_path, {"a": 1})
    run.log(epoch=1, loss=np.float32(2.5), acc=np.array([1, 2]))
    run.log(epoch=2, loss=1.5)
    recs = run.metrics()
    assert [r["epoch"] for r in recs] == [1, 2]
    assert recs[0]["loss"] == 2.5 and recs[0]["acc"] == [1, 2]
    assert all(isinstance(r["time"], float) for r in recs)
    assert len((tmp_path / "metrics.jsonl").read_text().splitlines()) == 2
    assert RunDir(tmp_path, {"a": 1}).metrics() == recs


def test_results_and_report_roundtrip(tmp_path):
    run = RunDir(tmp_path, {"a": 1})
    res = {"top1": 91.25, "params": 1382, "per_bits": {8: 0.1, 4: 0.5},
           "shape": (2, 3), "arr": np.arange(3), "none": None}
    out = run.write_results(res)
    assert out == tmp_path / "results.json"
    assert run.read_results() == {"top1": 91.25, "params": 1382,
                                  "per_bits": {"8": 0.1, "4": 0.5}, "shape": [2, 3],
                                  "arr": [0, 1, 2], "none": None}
    assert run.write_report("# hi\n").read_text() == "# hi\n"


def test_to_jsonable():
    assert to_jsonable(_Cfg()) == {"lr": 0.1, "sizes": [1, 2]}
    assert to_jsonable(np.int64(3)) == 3 and to_jsonable(object).startswith("<class")


def test_markdown_table():
    t = markdown_table(["model", "top-1", "params"],
                       [["resnet20", 91.256, 272474], ["vit", 80.0, None]])
    assert t.splitlines() == [
        "| model | top-1 | params |",
        "|---|---|---|",
        "| resnet20 | 91.26 | 272474 |",
        "| vit | 80.00 | None |",
    ]


def test_config_hash():
    h = config_hash(_Cfg())
    assert len(h) == 16 and int(h, 16) >= 0
    assert config_hash(_Cfg()) == h  # stable
    assert config_hash({"lr": 0.1, "sizes": [1, 2]}) == h  # same JSON, same hash
    assert config_hash({"sizes": [1, 2], "lr": 0.1}) == h  # key order irrelevant
    assert config_hash(_Cfg(lr=0.2)) != h  # sensitive
    assert config_hash(_Cfg(sizes=(2, 1))) != h
    # pinned: a hash change would orphan every cached model
    assert config_hash({"a": 1}) == "f9d86028c6e0d64e"


def test_atomic_write_and_plot(tmp_path):
    atomic_write(tmp_path / "x.txt", "abc")
    atomic_write(tmp_path / "x.txt", b"def")
    assert (tmp_path / "x.txt").read_bytes() == b"def"
    plot_curves(tmp_path / "c.png", {"a": [1.0, 2.0], "b": [2.0, 1.0]}, title="t")
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.png", "x.txt"]
