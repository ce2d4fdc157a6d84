"""jaxeff.gnn.heldout_nets: the published structures and multiply-add counts."""

import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.heldout_nets import googlenet, mobilenet_v3, squeezenet11


def _graph(f, *args):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return b.finish([f(b, b.input((1, 224, 224, 3)), *args)])


def _types(g):
    return [op.type for op in g.ops]


def test_squeezenet11_fire_modules():
    g = _graph(squeezenet11)
    t = _types(g)
    # 8 fire modules (3 convs, 1 concat each), the stem and the classifier conv
    assert t.count("CONCATENATION") == 8 and t.count("CONV_2D") == 8 * 3 + 2
    assert t.count("MAX_POOL_2D") == 3
    assert total_macs(g) == 349_151_936  # hand count; the release: 2.4x below v1.0


def test_googlenet_inception_and_published_macs():
    g = _graph(googlenet)
    t = _types(g)
    assert t.count("CONCATENATION") == 9  # 3a-b, 4a-e, 5a-b
    assert t.count("CONV_2D") == 3 + 9 * 6
    macs = total_macs(g)
    assert macs == 1_582_671_872
    assert abs(macs / 1.5e9 - 1) < 0.06  # "1.5 billion multiply-adds" (Sec. 5)


@pytest.mark.parametrize("size,published,se", [("small", 56e6, 9), ("large", 219e6, 8)])
def test_mobilenet_v3_published_madds(size, published, se):
    g = _graph(mobilenet_v3, size)
    t = _types(g)
    # each SE gate: MEAN, 2 convs, hard sigmoid (ADD + RELU6 fused, MUL), MUL
    assert t.count("MEAN") == se + 1 and t.count("MUL") == 2 * se
    assert abs(total_macs(g) / published - 1) < 0.02  # Tables 3 / 4: 56 M / 219 M
    with pytest.raises(ValueError, match="size"):
        _graph(mobilenet_v3, "tiny")
