"""SESR on Ethos-U (issue 21 items 2-3): depth-to-space as a one-hot TRANSPOSE_CONV."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from jaxeff.nets.sesr import FSRCNN, depth_to_space
from jaxeff.nets.sesr_npu import (
    d2s_channel_perm,
    d2s_tconv,
    d2s_tconv_weights,
    edsr_graph,
    frame_tiles,
    fsrcnn_graph,
    halo,
    int8_graph,
    net_weights,
    npu_d2s_perm,
    sesr_graph,
    vela,
)
from jaxeff.tflite import litert
from jaxeff.tflite.vela import vela_available

needs_vela = pytest.mark.skipif(not vela_available(), reason="needs ethos-u-vela")
pytest.importorskip("ai_edge_litert")


@pytest.mark.parametrize("shape", [(1, 3, 5, 4), (2, 4, 4, 16), (1, 7, 2, 12)])
def test_tconv_equals_depth_to_space_exactly(shape):
    x = jax.random.normal(jax.random.PRNGKey(sum(shape)), shape) * 1e3
    assert jnp.array_equal(d2s_tconv(x, 2), depth_to_space(x, 2))
    # x4 of SESR: two x2 shuffles, both as TCONVs
    if shape[-1] % 16 == 0:
        assert jnp.array_equal(d2s_tconv(d2s_tconv(x, 2), 2),
                               depth_to_space(depth_to_space(x, 2), 2))


def test_tconv_weights_one_hot():
    w = d2s_tconv_weights(3, 2)  # OHWI [C, 2, 2, 4C]
    assert w.shape == (3, 2, 2, 12)
    assert w.sum() == 12 and set(np.unique(w)) == {0.0, 1.0}
    assert (w.sum(axis=(0, 1, 2)) == 1).all()  # every input channel used once
    assert w[2, 1, 0, (2 * 1 + 0) * 3 + 2] == 1


def test_block4_as_two_x2_shuffles_after_perm():
    x = jax.random.normal(jax.random.PRNGKey(0), (1, 3, 2, 32))
    p = d2s_channel_perm(2, 4)
    assert sorted(p) == list(range(32))
    assert jnp.array_equal(depth_to_space(x, 4),
                           depth_to_space(depth_to_space(x[..., p], 2), 2))
    assert not jnp.array_equal(depth_to_space(x, 4),
                               depth_to_space(depth_to_space(x, 2), 2))


@pytest.mark.parametrize("block", [2, 4, 8])
def test_npu_d2s_perm_chain_of_x2_shuffles(block):
    # npu_d2s's log2(block) x2 shuffles of the permuted channels = one block shuffle
    x = jax.random.normal(jax.random.PRNGKey(block), (1, 2, 3, 2 * block * block))
    p = npu_d2s_perm(2, block)
    assert sorted(p) == list(range(2 * block * block))
    y = x[..., p]
    for _ in range(block.bit_length() - 1):
        y = d2s_tconv(y, 2)
    assert jnp.array_equal(y, depth_to_space(x, block))
    assert (block == 2) == (p == np.arange(p.size)).all()


def test_bad_inputs():
    with pytest.raises(ValueError, match="channels"):
        d2s_tconv(jnp.zeros((1, 2, 2, 6)), 2)
    with pytest.raises(ValueError, match="block"):
        d2s_channel_perm(1, 3)
    with pytest.raises(ValueError, match="block"):
        npu_d2s_perm(1, 6)
    with pytest.raises(ValueError, match="scale"):
        sesr_graph("M5", 3, (8, 8))
    with pytest.raises(ValueError, match="d2s"):
        sesr_graph("M5", 2, (8, 8), d2s="pixelshuffle")
    with pytest.raises(ValueError, match="act"):
        sesr_graph("M5", 2, (8, 8), act="gelu")
    with pytest.raises(ValueError, match="platform"):
        vela(b"", "u85")


def test_halo_and_counts():
    assert halo("M5", 2) == 9 and halo("M11", 4) == 15 and halo("XL", 2) == 15
    assert halo("fsrcnn", 2) == 9 and halo("fsrcnn", 4) == 8
    assert frame_tiles((1080, 1920), 120) == 144
    assert net_weights("M5", 2) == 13_520
    # FSRCNN sub-pixel form: the kernel FSRCNN itself builds
    v = FSRCNN(scale=4).init(jax.random.PRNGKey(0), jnp.zeros((1, 8, 8, 1)))
    n = sum(int(np.prod(a.shape)) for k, a in v["params"].items() if k.endswith("_w")
            and k != "deconv_w") + 5 * 5 * 56 * 16
    assert net_weights("fsrcnn", 4) == n
    g = edsr_graph((4, 4))  # EDSR-baseline x2: 1,367,424 conv weights (~1.37 M, P3)
    assert sum(g.tensors[op.inputs[1]].data.size for op in g.ops
               if op.type == "CONV_2D") == 1_367_424


def _litert_int8(buf, x8):
    return litert.run(buf, [x8])[0]


@pytest.mark.parametrize("scale", [2, 4])
def test_int8_tconv_graph_equals_depth_to_space_graph_in_litert(scale):
    """The int8 TCONV shuffle is bit-exact against TFLite's DEPTH_TO_SPACE."""
    bufs = [int8_graph(sesr_graph("tiny", scale, (6, 5), d2s=m, seed=3), seed=3,
                       out_range=(0.0, 1.0)) for m in ("d2s", "tconv")]
    x8 = np.random.default_rng(1).integers(-128, 128, (1, 6, 5, 1)).astype(np.int8)
    a, b = (_litert_int8(buf, x8) for buf in bufs)
    assert a.shape == b.shape == (1, 6 * scale, 5 * scale, 1) and a.dtype == np.int8
    assert np.array_equal(a, b)
    assert len(np.unique(a)) > 10  # not a constant output


@needs_vela
@pytest.mark.parametrize("net", ["M3", "fsrcnn"])
def test_vela_zero_cpu_ops_with_tconv_but_not_with_depth_to_space(net):
    for scale in (2, 4):
        def mk(m, scale=scale):
            return (fsrcnn_graph(scale, (16, 16), d2s=m) if net == "fsrcnn"
                    else sesr_graph(net, scale, (16, 16), d2s=m))
        v = vela(int8_graph(mk("tconv")), "u55-128")
        assert v.cpu_ops == 0 and all(la.target == "NPU" for la in v.layers)
        assert v.original_ops.count("TransposeConv2D") == (1 if scale == 2 else 2)
        d = vela(int8_graph(mk("d2s")), "u55-128")
        assert d.cpu_ops >= 1
        assert {la.original_op for la in d.layers if la.target == "CPU"} == {"DepthToSpace"}
    if net != "fsrcnn":  # ReLU (QAT mode) fused into the convs: no PRELU op, cheaper
        r = vela(int8_graph(sesr_graph(net, 2, (16, 16), act="relu")), "u55-128")
        p = vela(int8_graph(sesr_graph(net, 2, (16, 16))), "u55-128")
        assert r.cpu_ops == 0 and "Prelu" not in r.original_ops and r.cycles < p.cycles
