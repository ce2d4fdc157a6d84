"""jaxeff.gnn.heldout_nets: the published structures and multiply-add counts."""

import numpy as np
import pytest

from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn import heldout_nets as hn


def _graph(f, *args):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return b.finish([f(b, b.input((1, 224, 224, 3)), *args)])


def _types(g):
    return [op.type for op in g.ops]


def test_squeezenet11_fire_modules():
    g = _graph(hn.squeezenet11)
    t = _types(g)
    # 8 fire modules (3 convs, 1 concat each), the stem and the classifier conv
    assert t.count("CONCATENATION") == 8 and t.count("CONV_2D") == 8 * 3 + 2
    assert t.count("MAX_POOL_2D") == 3
    assert total_macs(g) == 349_151_936  # hand count; the release: 2.4x below v1.0


def test_googlenet_inception_and_published_macs():
    g = _graph(hn.googlenet)
    t = _types(g)
    assert t.count("CONCATENATION") == 9  # 3a-b, 4a-e, 5a-b
    assert t.count("CONV_2D") == 3 + 9 * 6
    macs = total_macs(g)
    assert macs == 1_582_671_872
    assert abs(macs / 1.5e9 - 1) < 0.06  # "1.5 billion multiply-adds" (Sec. 5)


@pytest.mark.parametrize("size,published,se", [("small", 56e6, 9), ("large", 219e6, 8)])
def test_mobilenet_v3_published_madds(size, published, se):
    g = _graph(hn.mobilenet_v3, size)
    t = _types(g)
    # each SE gate: MEAN, 2 convs, hard sigmoid (ADD + RELU6 fused, MUL), MUL
    assert t.count("MEAN") == se + 1 and t.count("MUL") == 2 * se
    assert abs(total_macs(g) / published - 1) < 0.02  # Tables 3 / 4: 56 M / 219 M
    with pytest.raises(ValueError, match="size"):
        _graph(hn.mobilenet_v3, "tiny")


def _graph_at(f, shape):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    out = f(b, b.input(shape))
    return b.finish([out]), b.shape(out)


def test_densenet121_dense_blocks_and_published_flops():
    g, out = _graph_at(hn.densenet121, (1, 224, 224, 3))
    t = _types(g)
    # 58 dense layers (6 + 12 + 24 + 16), each two convs and one concat; 3 transitions;
    # the stem: 120 convolutions + 1 FC = the "121" layers
    assert t.count("CONCATENATION") == 58 and t.count("CONV_2D") == 120
    assert t.count("AVERAGE_POOL_2D") == 3 and out == (1, 1000)
    # the final block ends with 64 + 2 x ... channels: 1024 into the classifier
    fc = next(op for op in g.ops if op.type == "FULLY_CONNECTED")
    assert g.tensors[fc.inputs[1]].shape == (1000, 1024)
    macs = total_macs(g)
    assert macs == 2_834_161_664
    assert abs(macs / 2.87e9 - 1) < 0.02  # Fig. 3: 2.87 x 10^9 FLOPs (multiply-adds)


def test_vgg11_cifar_configuration_a():
    g, out = _graph_at(hn.vgg11_cifar, (1, 32, 32, 3))
    t = _types(g)
    assert t.count("CONV_2D") == 8 and t.count("MAX_POOL_2D") == 5 and out == (1, 10)
    assert total_macs(g) == 152_769_536  # hand count of configuration A at 32 x 32


def test_tiny_yolov2_published_flops():
    g, out = _graph_at(hn.tiny_yolov2, (1, 416, 416, 3))
    t = _types(g)
    assert t.count("LEAKY_RELU") == 8 and t.count("MAX_POOL_2D") == 6
    assert out == (1, 13, 13, 125)  # 5 anchors x (20 VOC classes + 5)
    alphas = {op.options["alpha"] for op in g.ops if op.type == "LEAKY_RELU"}
    assert alphas == {0.1}
    # the release's 6.97 BFLOPs at 416 = 2 x multiply-adds
    assert abs(2 * total_macs(g) / 6.97e9 - 1) < 0.001
