"""experiments.perfsage_dataset and the engine flags (issue 20 item 2): the run
directory is bound to the dataset, not to where it is labelled."""

import json
from dataclasses import replace

import pytest

from experiments import perfsage_dataset
from jaxeff.gnn.dataset import DatasetConfig, dataset_identity

pytest.importorskip("ethosu.vela")

TINY = DatasetConfig(spaces=("dscnn",), per_space=2, shard_size=1, workers=1,
                     host=False)


def test_scheduler_flag_and_default_worker_wait():
    cfg, _, _ = perfsage_dataset.parse(["--smoke", "--scheduler", "tcp://head:8786"])
    assert cfg.scheduler == "tcp://head:8786" and cfg.workers == 1
    cfg, _, _ = perfsage_dataset.parse(["--scheduler", "tcp://h:1", "--workers", "8"])
    assert cfg.workers == 8
    assert "scheduler" not in dataset_identity(cfg) and "workers" not in \
        dataset_identity(cfg)


def test_resume_on_another_engine_and_pre_issue_20_run_dir(tmp_path):
    card = perfsage_dataset.run(TINY, tmp_path, progress=False)
    assert card["total"] == 2 and card["engine"] == "in-process"
    assert json.loads((tmp_path / "config.json").read_text()) == dataset_identity(TINY)
    # finishing on another engine labels nothing (no cluster is started)
    again = perfsage_dataset.run(replace(TINY, workers=7), tmp_path, progress=False)
    assert again["graphs_built_this_run"] == 0 and again["total"] == 2
    # a run directory written before issue 20 recorded `workers` in its config
    (tmp_path / "config.json").write_text(json.dumps({**dataset_identity(TINY),
                                                      "workers": 2}))
    assert perfsage_dataset.run(TINY, tmp_path, progress=False)["total"] == 2
    with pytest.raises(FileExistsError):
        perfsage_dataset.run(replace(TINY, seed=3), tmp_path, progress=False)
    # --overwrite replaces the run directory, shards included
    other = perfsage_dataset.run(replace(TINY, seed=3), tmp_path, progress=False,
                                 overwrite=True)
    assert other["total"] == 2 and other["graphs_built_this_run"] == 2
