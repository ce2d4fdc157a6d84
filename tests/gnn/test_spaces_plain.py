"""The ``plain`` space (session 19): its builders at the published settings give the
published networks, and its draws cover what the space promises."""

import collections

import numpy as np

from jaxeff.gnn import heldout_nets as hn
from jaxeff.gnn import spaces
from jaxeff.gnn.build import NetBuilder
from jaxeff.gnn.graph import total_macs
from jaxeff.gnn.spaces_plain import VGG_CONFIGS, darknet_net, densenet_net, plain, vgg_net


def _built(f, **kw):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return b.finish([f(b, **kw)])


def _held(f, res):
    b = NetBuilder(np.random.default_rng(0), "t", share_consts=True)
    return b.finish([f(b, b.input((1, res, res, 3)))])


def _same(g, h):
    return ([o.type for o in g.ops] == [o.type for o in h.ops]
            and [t.shape for t in g.tensors] == [t.shape for t in h.tensors])


def test_vgg_a_at_32_is_the_held_out_vgg11():
    g = _built(vgg_net, config=VGG_CONFIGS["A"], res=32)
    assert _same(g, _held(hn.vgg11_cifar, 32)) and total_macs(g) == 152_769_536


def test_darknet_defaults_are_tiny_yolov2():
    g = _built(darknet_net)
    assert _same(g, _held(hn.tiny_yolov2, 416))
    assert abs(2 * total_macs(g) / 6.97e9 - 1) < 0.001  # the release's 6.97 GFLOPs
    assert [o.options.get("alpha") for o in g.ops if o.type == "LEAKY_RELU"] == [0.1] * 8


def test_densenet_at_121_settings_is_densenet121():
    g = _built(densenet_net, blocks=(6, 12, 24, 16), growth=32, res=224, classes=1000)
    assert _same(g, _held(hn.densenet121, 224)) and total_macs(g) == 2_834_161_664


def test_draws_cover_the_promised_structures():
    rng, kinds, types, weights = np.random.default_rng(0), collections.Counter(), set(), []
    for _ in range(60):
        g, m = plain(rng)
        kinds[m["kind"]] += 1
        types |= {o.type for o in g.ops}
        weights.append(sum(t.nbytes for t in g.tensors if t.data is not None) / 4)
    assert set(kinds) == {"vgg", "darknet", "densenet"} and min(kinds.values()) >= 10
    assert {"RELU", "RELU6", "LEAKY_RELU", "CONCATENATION", "MAX_POOL_2D",
            "AVERAGE_POOL_2D", "MEAN", "FULLY_CONNECTED"} <= types
    assert max(weights) > 8e6  # int8 weights of megabytes: beyond the other spaces
    assert "plain" in spaces.SPACES and "plain" in spaces.SAME_SCALE_CONCAT
