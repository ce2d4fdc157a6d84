"""Fixtures for the PerfSAGE tests."""

import pytest
from gnn_graphs import spec_graph


@pytest.fixture
def spec_g():
    return spec_graph()
