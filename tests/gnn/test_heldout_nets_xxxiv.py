"""jaxeff.gnn.heldout_nets_xxxiv (held-out families XXXIV, part a; session 30): the
published structures, op counts per type, the pinned multiply-add and parameter counts
(by hand) with their published counterparts, registration, int8 builds and the
overlap with the training spaces."""

import inspect
from collections import Counter

import numpy as np
import pytest

from jaxeff.gnn import heldout_nets_xxxiv as hx
from jaxeff.gnn.heldout_nets import MOBILENET_V2
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph, _hand_1d, _opt


def _module(p, cin, c):
    """Newell's residual module at ``p`` pixels: (pixels, C_in, C_out, taps) layers."""
    return ([(p, cin, c // 2, 1), (p, c // 2, c // 2, 9), (p, c // 2, c, 1)]
            + ([(p, cin, c, 1)] if cin != c else []))


def _hourglass_hand(p, stacks):
    """(MACs, parameters) of :func:`hx.stacked_hourglass` whose features have ``p``
    pixels (64 x 64 at 256 x 256, 64 x 48 at 256 x 192): convs by :func:`_hand_1d`,
    plus the pre-activation MUL / ADD constants (2 C_in a module)."""
    mods = [(4 * p, 64, 128), (p, 128, 128), (p, 128, 256)]
    per_stack = [(p, 256, 256)] * 2 + [(p // 4 ** k, 256, 256) for k in (1, 2, 3, 4)
                                       for _ in range(3)]
    mods += per_stack * stacks
    layers = [(4 * p, 3, 64, 49)] + [lay for m in mods for lay in _module(*m)]
    layers += [(p, 256, 256, 1), (p, 256, 16, 1)] * stacks
    layers += [(p, 256, 256, 1), (p, 16, 256, 1)] * (stacks - 1)
    macs, par = _hand_1d(layers)
    return macs, par + sum(2 * cin for _, cin, _ in mods)


def test_stacked_hourglass_depth4_preactivation_modules_and_hand_counts():
    g = _graph(hx.stacked_hourglass, (1, 256, 256, 3), (1, 64, 64, 16), 120, {
        "CONV_2D": 56, "MUL": 17, "ADD": 38, "MAX_POOL_2D": 5,
        "RESIZE_NEAREST_NEIGHBOR": 4})
    # 17 modules (3 before the hourglass, 13 in it, 1 after) of 3 convs, 2 of them
    # with a 1x1 skip conv; the 7x7 stem; the 1x1 head's two convs
    assert _kernels(g, "CONV_2D").count((3, 3)) == 17
    assert _out_shapes(g, "MAX_POOL_2D") == [
        (64, 64, 128), (32, 32, 256), (16, 16, 256), (8, 8, 256), (4, 4, 256)]
    assert set(_opt(g, "MAX_POOL_2D", "filter_height")) == {2}
    ups = [op for op in g.ops if op.type == "RESIZE_NEAREST_NEIGHBOR"]
    assert [g.tensors[op.outputs[0]].shape[1] for op in ups] == [8, 16, 32, 64]
    prod = _producers(g)
    # each up-sampled map is ADDed (no activation) to the upper branch's module
    assert all(any(op.type == "ADD" and u.outputs[0] in op.inputs and op.options[
        "fused_activation_function"] == "NONE" for op in g.ops) for u in ups)
    # a module: MUL, ADD RELU (the pre-activation batch norm), 1x1 RELU, 3x3 RELU,
    # 1x1, [1x1 skip], ADD
    assert [op.type for op in g.ops[:9]] == [
        "CONV_2D", "MUL", "ADD", "CONV_2D", "CONV_2D", "CONV_2D", "CONV_2D", "ADD",
        "MAX_POOL_2D"]
    assert _acts(g, "ADD").count("RELU") == 17 and _acts(g, "ADD").count("NONE") == 21
    # the modules' inputs: the stem, the 5 max pools (r4 and each lower branch), and
    # 11 module outputs or branch sums
    assert Counter(prod[op.inputs[0]].type for op in g.ops if op.type == "MUL") == {
        "CONV_2D": 1, "MAX_POOL_2D": 5, "ADD": 11}
    assert _kernels(g, "CONV_2D")[0] == (7, 7)
    assert _opt(g, "CONV_2D", "stride_h")[0] == 2
    assert _acts(g, "CONV_2D")[-2:] == ["RELU", "NONE"]
    assert _hourglass_hand(64 * 64, 1) == (5_150_343_168, 3_417_616)
    # published: no one-stack count
    _pinned(g, (5_150_343_168, 3_417_616), (None, None), (None, None))


def test_stacked_hourglass_8_stacks_against_the_quoted_25m():
    g = _graph(lambda b, x: hx.stacked_hourglass(b, x, 8), (1, 256, 192, 3),
               (1, 64, 48, 16), 834, {
                   "CONV_2D": 378, "MUL": 115, "ADD": 276, "MAX_POOL_2D": 33,
                   "RESIZE_NEAREST_NEIGHBOR": 32})
    hand = _hourglass_hand(64 * 48, 8)
    assert hand == (20_580_139_008, 25_371_520)
    # quoted for the 8-stack network (HRNet, arXiv 1902.09212, Table 1, recalled):
    # 25.1 M parameters (+1 %); 14.3 GFLOPs at 256 x 192 (this graph +44 %: not
    # pinned)
    _pinned(g, hand, (None, 25.1e6), (None, 0.02))


def test_attention_unet_gates_on_three_skips_and_hand_counts():
    g = _graph(hx.attention_unet, (1, 128, 128, 1), (1, 128, 128, 2), 53, {
        "CONV_2D": 28, "MAX_POOL_2D": 4, "ADD": 3, "LOGISTIC": 3, "RESIZE_BILINEAR": 7,
        "MUL": 3, "CONCATENATION": 4, "SOFTMAX": 1})
    f = hx.AUNET_FILTERS
    assert f == (16, 32, 64, 128, 256)
    # a gate: theta 2x2/2 VALID of the skip, phi 1x1 of the coarser map, ADD RELU,
    # psi 1x1 to 1, LOGISTIC, bilinear x2, MUL (broadcast over the skip's channels)
    i = next(k for k, op in enumerate(g.ops) if op.type == "ADD")
    assert [op.type for op in g.ops[i - 2:i + 7]] == [
        "CONV_2D", "CONV_2D", "ADD", "CONV_2D", "LOGISTIC", "RESIZE_BILINEAR", "MUL",
        "RESIZE_BILINEAR", "CONCATENATION"]
    theta = [op for op in g.ops if op.type == "CONV_2D" and op.options["stride_h"] == 2]
    assert [g.tensors[op.inputs[1]].shape for op in theta] == [
        (128, 2, 2, 128), (64, 2, 2, 64), (32, 2, 2, 32)]
    assert {op.options["padding"] for op in theta} == {"VALID"}
    assert set(_acts(g, "ADD")) == {"RELU"}
    muls = [op for op in g.ops if op.type == "MUL"]
    assert [(g.tensors[op.inputs[0]].shape, g.tensors[op.inputs[1]].shape)
            for op in muls] == [((1, 16, 16, 128), (1, 16, 16, 1)),
                                ((1, 32, 32, 64), (1, 32, 32, 1)),
                                ((1, 64, 64, 32), (1, 64, 64, 1))]
    assert set(_opt(g, "RESIZE_BILINEAR", "half_pixel_centers")) == {True}
    assert not any(_opt(g, "RESIZE_BILINEAR", "align_corners"))
    # CONCATENATION [gated skip (the top one ungated), up-sampled]
    prod = _producers(g)
    cats = [op for op in g.ops if op.type == "CONCATENATION"]
    assert [prod[op.inputs[0]].type for op in cats] == ["MUL"] * 3 + ["CONV_2D"]
    assert _out_shapes(g, "CONCATENATION") == [
        (16, 16, 384), (32, 32, 192), (64, 64, 96), (128, 128, 48)]
    s = [128, 64, 32, 16, 8]
    layers, cin = [], 1
    for side, c in zip(s, f, strict=True):  # encoder
        layers += [(side * side, cin, c, 9), (side * side, c, c, 9)]
        cin = c
    for lev in (3, 2, 1):  # gates: theta, phi, psi at the coarser grid
        q = (s[lev] // 2) ** 2
        c, cg = f[lev], f[lev + 1]
        layers += [(q, c, c, 4), (q, cg, c, 1), (q, c, 1, 1)]
    for lev in (3, 2, 1, 0):  # decoder
        p = s[lev] ** 2
        layers += [(p, f[lev] + f[lev + 1], f[lev], 9), (p, f[lev], f[lev], 9)]
    layers.append((128 * 128, 16, 2, 1))
    assert _hand_1d(layers) == (890_036_224, 2_092_053)
    # published: no 2-D count; the paper's 3-D U-Net of these filters (3x3x3,
    # without the gates) by hand 5,884,050 against 5.88 M (Table, recalled)
    unet3d = [(1, ci, co, 27) for ci, co in zip((1,) + f[:-1], f, strict=True)]
    unet3d += [(1, c, c, 27) for c in f]
    unet3d += [(1, f[i] + f[i + 1], f[i], 27) for i in range(4)]
    unet3d += [(1, f[i], f[i], 27) for i in range(4)] + [(1, 16, 2, 1)]
    assert abs(_hand_1d(unet3d)[1] / 5.88e6 - 1) < 0.001
    _pinned(g, (890_036_224, 2_092_053), (None, None), (None, None))


def _mbv2_hand(r):
    """(MACs, parameters) of the release's MobileNet-v2 encoder on ``r x r``."""
    side = r // 2
    layers, cin = [(side * side, 3, 32, 9)], 32
    for t, c, n, s in MOBILENET_V2:
        for j in range(n):
            p_in = side * side
            side //= s if j == 0 else 1
            p = side * side
            e = cin * t
            layers += [(p_in, cin, e, 1), (p, e, None, 9), (p, e, c, 1)]
            cin = c
    return _hand_1d(layers)


def test_lw_refinenet_crp_chains_and_published_params():
    counts = {"CONV_2D": 61, "DEPTHWISE_CONV_2D": 17, "ADD": 31, "MAX_POOL_2D": 16,
              "RESIZE_BILINEAR": 3}
    g = _graph(hx.lw_refinenet_mnv2, (1, 256, 256, 3), (1, 64, 64, 21), 128, counts)
    # the release's t = 1 block keeps its 1x1 expansion conv (32 -> 32)
    assert [op.type for op in g.ops[:4]] == ["CONV_2D"] * 2 + ["DEPTHWISE_CONV_2D",
                                                               "CONV_2D"]
    assert _out_shapes(g, "CONV_2D")[1] == (128, 128, 32)
    # CRP: 5x5/1 SAME max pool, 1x1 conv, ADD onto the running sum; 4 stages a block
    pools = [op for op in g.ops if op.type == "MAX_POOL_2D"]
    assert {(op.options["filter_height"], op.options["stride_h"], op.options["padding"])
            for op in pools} == {(5, 1, "SAME")}
    assert [g.tensors[op.outputs[0]].shape[1] for op in pools] == [8] * 4 + [16] * 4 + [
        32] * 4 + [64] * 4
    prod = _producers(g)
    assert [prod[op.inputs[0]].type for op in pools][:4] == ["ADD", "CONV_2D",
                                                            "CONV_2D", "CONV_2D"]
    # the sums: l8 + l7, (l6 + l5) + up, l4 + up, l3 + up, ReLU6 on the last
    assert _acts(g, "ADD").count("RELU6") == 4 and _acts(g, "ADD").count("NONE") == 27
    ups = [op for op in g.ops if op.type == "RESIZE_BILINEAR"]
    assert [g.tensors[op.outputs[0]].shape[1:3] for op in ups] == [
        (16, 16), (32, 32), (64, 64)]
    assert set(_opt(g, "RESIZE_BILINEAR", "half_pixel_centers")) == {True}
    assert _kernels(g, "CONV_2D")[-1] == (3, 3)
    enc = _mbv2_hand(256)
    dec = [(64, 320, 256, 1), (64, 160, 256, 1)] + [(64, 256, 256, 1)] * 5
    dec += [(256, 96, 256, 1), (256, 64, 256, 1)] + [(256, 256, 256, 1)] * 5
    dec += [(1024, 32, 256, 1)] + [(1024, 256, 256, 1)] * 5
    dec += [(4096, 24, 256, 1)] + [(4096, 256, 256, 1)] * 4 + [(4096, 256, 21, 9)]
    dec = _hand_1d(dec)
    assert enc == (381_739_008, 1_796_992) and dec == (1_764_229_120, 1_478_165)
    # published (recalled): 3.3 M parameters (-1 %); 9.3 B FLOPs at 512 x 512 [U]
    _pinned(g, (2_145_968_128, 3_275_157), (None, 3.3e6), (None, 0.01))
    g512 = _graph(hx.lw_refinenet_mnv2, (1, 512, 512, 3), (1, 128, 128, 21), 128,
                  counts)
    _pinned(g512, (8_583_872_512, 3_275_157), (9.3e9, 3.3e6), (0.08, 0.01))


def test_dcgan_generator_projection_and_transposed_convs():
    g = _graph(hx.dcgan_generator, (1, 100), (1, 64, 64, 3), 7, {
        "FULLY_CONNECTED": 1, "RESHAPE": 1, "TRANSPOSE_CONV": 4, "TANH": 1})
    assert g.op_types() == ["FULLY_CONNECTED", "RESHAPE"] + ["TRANSPOSE_CONV"] * 4 + [
        "TANH"]
    assert g.tensors[g.ops[0].inputs[1]].shape == (16384, hx.DCGAN_Z)
    assert _out_shapes(g, "RESHAPE") == [(4, 4, 1024)]
    tcs = [op for op in g.ops if op.type == "TRANSPOSE_CONV"]
    assert [g.tensors[op.inputs[1]].shape for op in tcs] == [
        (512, 5, 5, 1024), (256, 5, 5, 512), (128, 5, 5, 256), (3, 5, 5, 128)]
    assert _out_shapes(g, "TRANSPOSE_CONV") == [
        (8, 8, 512), (16, 16, 256), (32, 32, 128), (64, 64, 3)]
    assert {(op.options["stride_h"], op.options["padding"]) for op in tcs} == {
        (2, "SAME")}
    assert _acts(g, "TRANSPOSE_CONV") == ["RELU"] * 3 + ["NONE"]
    assert _acts(g, "FULLY_CONNECTED") == ["RELU"]
    layers = [(1, 100, 16384, 1), (16, 1024, 512, 25), (64, 512, 256, 25),
              (256, 256, 128, 25), (1024, 128, 3, 25)]
    assert _hand_1d(layers) == (640_614_400, 18_868_483)
    # published: no count in the paper
    _pinned(g, (640_614_400, 18_868_483), (None, None), (None, None))


def test_no_training_space_draws_a_xxxiv_a_model_exactly():
    """The overlap stated in ``models.json``: each model misses every space's exact
    choices by the values named here."""
    from jaxeff.gnn import spaces, spaces_agg, spaces_bcast, spaces_detect, spaces_tiny
    from jaxeff.gnn import spaces_upsample as su

    # hourglass: resnet's inputs <= 128, post-activation (no MUL), 3x3/2 pool;
    # encdec 2-3 levels; 120 ops (bcast / dil at most 40)
    src = inspect.getsource(spaces.resnet)
    assert "(32, 64, 96, 128)" in src and '"max", 3, 2, "SAME"' in src
    assert "b.mul(" not in src and "b.add(h, sc, \"RELU\")" in src
    enc = inspect.getsource(su._encdec)
    assert "rng.integers(2, 4)" in enc and "b.input((1, r, r, 3))" in enc
    assert spaces_bcast.MAX_OPS < 120
    # Attention U-Net: encdec is RGB, one conv a level; bcast's activation gates are
    # same-shape or SE ([1, 1, 1, C])
    assert 'y = b.conv(y, c, 3, 1, "RELU")\n        skips.append(y)' in enc
    gate = inspect.getsource(spaces_bcast._gate_block)
    assert 'b.mean(x, (1, 2), keep_dims=True) if se else x, "LOGISTIC")' in gate
    # RefineNet: expansion 1 skipped in every MobileNet-v2 space; mobilenet's inputs
    # <= 224, detect's depth multipliers < 1; agg's 5x5/1 pools feed a CONCATENATION
    for f in (spaces.mobilenet, spaces_detect):
        assert "if t > 1 else x" in inspect.getsource(f)
    assert "(96, 128, 160, 192, 224)" in inspect.getsource(spaces.mobilenet)
    assert "(0.35, 0.5)" in inspect.getsource(spaces_detect)
    spp = inspect.getsource(spaces_agg._spp)
    assert "b.concat(" in spp and "b.add(" not in spp
    # DCGAN: tiny's flat inputs skip 100; sr's 5x5/2 TRANSPOSE_CONVs take 16-56
    # channels, at most two
    assert 100 not in spaces_tiny.FLAT_SIZES
    sr = inspect.getsource(su._sr)
    assert "(16, 32, 48, 56)" in sr and "pick(rng, (2, 4))" in sr
    # sampled: no space's TRANSPOSE_CONV takes more than 256 channels, no graph has
    # a 100-d input or MULs a map by a [1, H, W, 1] activation
    rng = np.random.default_rng(34)
    for name in spaces.SPACES:
        for _ in range(4):
            g, _ = spaces.SAMPLERS[name](rng)
            assert g.tensors[g.inputs[0]].shape != (1, 100), name
            for op in g.ops:
                shp = [g.tensors[t].shape for t in op.inputs]
                if op.type == "TRANSPOSE_CONV":
                    assert shp[2][-1] <= 256, name
                if op.type == "MUL" and len(shp[1]) == 4 and g.tensors[
                        op.inputs[1]].data is None:
                    assert not (shp[1][-1] == 1 < shp[0][-1]), name
    from experiments import perfsage_heldout as ph
    overlaps = [ph.MODELS[m][1] for m in ph.SESSION30A]
    assert all("(partly" in o and "same configuration" not in o for o in overlaps)


@pytest.mark.slow  # CI budget (session 35): the int8 build; the hand counts stay
def test_families_xxxiv_a_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION30A == ("stacked_hourglass_1_256", "attention_unet_128",
                             "lw_refinenet_mnv2_256", "dcgan_generator_64")
    i = ph.BUILDER_MODELS.index(ph.SESSION30A[0])
    assert (ph.BUILDER_MODELS[i - 4:i] == ph.SESSION29D
            and ph.BUILDER_MODELS[i:i + 4] == ph.SESSION30A)
    _registered(ph.SESSION30A, ["resnet", "upsample", "mobilenet", "upsample"], {})
    io = {"stacked_hourglass_1_256": ((1, 256, 256, 3), (1, 64, 64, 16), 120, {
              "RESIZE_NEAREST_NEIGHBOR": 4, "MUL": 17}),
          "attention_unet_128": ((1, 128, 128, 1), (1, 128, 128, 2), 53, {
              "LOGISTIC": 3, "RESIZE_BILINEAR": 7}),
          "lw_refinenet_mnv2_256": ((1, 256, 256, 3), (1, 64, 64, 21), 128, {
              "MAX_POOL_2D": 16, "DEPTHWISE_CONV_2D": 17}),
          "dcgan_generator_64": ((1, 100), (1, 64, 64, 3), 7, {
              "TRANSPOSE_CONV": 4, "TANH": 1})}
    for name, (shape, out, n_ops, kept) in io.items():
        g, ins, outs = _int8_io(name)
        assert (ins, outs, len(g.ops)) == ([shape], [out], n_ops), name
        assert {k: g.op_types().count(k) for k in kept} == kept, name
