"""jaxeff.gnn.heldout_nets_xxxiii_b (held-out families XXXIII, part b; session 29
addendum 2): the published structures, op counts per type, the pinned multiply-add and
parameter counts (by hand where short) with their published counterparts,
registration, int8 builds and the overlap facts against the ``mbconv``, ``silu``,
``families``, ``resnet`` and ``mobilenet`` spaces (``mobilenet`` draws MobileNetV2 1.0
at 160 exactly)."""

import inspect

import numpy as np

from jaxeff.gnn import heldout_nets_xxxiii_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _kernels, _out_shapes
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph


def _sep_hand(layers):
    """(MACs, parameters) of (output pixels, C_in, C_out, kind) with kind ``"dw"`` (3x3
    depthwise of C_in = C_out), ``k`` (a kxk conv), biased."""
    macs = par = 0
    for p, ci, co, kind in layers:
        w = 9 * ci if kind == "dw" else kind * kind * ci * co
        macs, par = macs + p * w, par + w + co
    return macs, par


def test_tinynet_e_scaled_efficientnet_b0_and_published_counts():
    g = _graph(hx.tinynet_e, (1, 106, 106, 3), (1, 1000), 149, {
        "CONV_2D": 41, "LOGISTIC": 41, "MUL": 41, "DEPTHWISE_CONV_2D": 10, "MEAN": 11,
        "ADD": 3, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert hx.TINYNET_E == (0.475, 0.51, 0.60) and round(224 * 0.475) == 106
    assert hx.tinynet_stages(0.51, 0.6) == (
        (1, 3, 1, 8, 1, True), (6, 3, 2, 16, 1, True), (6, 5, 2, 24, 1, True),
        (6, 3, 2, 40, 2, True), (6, 5, 1, 56, 2, True), (6, 5, 2, 96, 2, True),
        (6, 3, 1, 160, 1, True))
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    assert [g.tensors[op.outputs[0]].shape[1] for op in dws] == [
        53, 27, 14, 7, 7, 7, 7, 4, 4, 4]
    assert [_kernels(g, "DEPTHWISE_CONV_2D")[i][0] for i in range(10)] == [
        3, 3, 5, 3, 3, 5, 5, 5, 5, 3]
    # SE squeeze widths C_in / 4 (the stem's 32 -> 8, then 8, 16, 24, 40, ...)
    se = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
          and g.tensors[op.inputs[0]].shape[1:3] == (1, 1)][::2]
    assert se == [8, 2, 4, 6, 10, 10, 14, 14, 24, 24]
    assert set(_acts(g, "DEPTHWISE_CONV_2D")) == {"NONE"}  # swish standalone
    assert _out_shapes(g, "CONV_2D")[-1] == (4, 4, 1280)
    # Table 3 (recalled): 24 M FLOPs (multiply-adds), 2.0 M parameters
    _pinned(g, (24_356_848, 2_035_852), (24e6, 2.0e6), (0.02, 0.02))


def test_regnety_200mf_grouped_convs_se_and_published_counts():
    g = _graph(hx.regnety_200mf, (1, 224, 224, 3), (1, 1000), 546, {
        "CONV_2D": 465, "SPLIT": 13, "CONCATENATION": 13, "MEAN": 14, "LOGISTIC": 13,
        "MUL": 13, "ADD": 13, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert [op.options["num_splits"] for op in g.ops if op.type == "SPLIT"] == (
        [3, 7] + [19] * 4 + [46] * 7)
    means = [op for op in g.ops if op.type == "MEAN"][:-1]
    prod = _producers(g)
    assert all(prod[m.inputs[0]].type == "CONCATENATION" for m in means)
    squeeze = [g.tensors[op.outputs[0]].shape[-1] for op in g.ops
               if op.type == "CONV_2D" and prod.get(op.inputs[0]) in means]
    assert squeeze == [8, 6, 14, 38, 38, 38, 38, 92, 92, 92, 92, 92, 92]
    assert hx.REGNETY_SE_RATIO == 0.25
    assert set(_acts(g, "ADD")) == {"RELU"} and set(_acts(g, "MUL")) == {"NONE"}
    assert _out_shapes(g, "CONCATENATION")[-1] == (7, 7, 368)
    # published (recalled): 0.2 GF (multiply-adds), 3.2 M (timm regnety_002: 3.16 M)
    _pinned(g, (199_514_080, 3_152_572), (200e6, 3.16e6), (0.01, 0.01))


def test_etinynet_lb_dlb_structure_and_hand_counts():
    g = _graph(hx.etinynet_10, (1, 144, 144, 3), (1, 1000), 58, {
        "CONV_2D": 15, "DEPTHWISE_CONV_2D": 28, "ADD": 12, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    dws = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"]
    prod = _producers(g)
    # LB: depthwise linear -> pointwise RELU -> depthwise RELU
    assert [op.options["fused_activation_function"] for op in dws[:16]] == [
        "NONE", "RELU"] * 8
    assert all(prod[op.inputs[0]].type == "DEPTHWISE_CONV_2D" for op in dws[2:16:2])
    assert [g.tensors[op.outputs[0]].shape[1:] for op in dws[1::2]] == (
        [(36, 36, 32)] * 4 + [(18, 18, 128)] * 4 + [(9, 9, 192)] * 3
        + [(5, 5, 256)] * 2 + [(5, 5, 512)])
    # DLB: 2 identity blocks of 192, 1 of 256, each 3 ADDs; 3 shape-changing, 1 ADD
    assert set(_acts(g, "DEPTHWISE_CONV_2D")[16:]) == {"NONE"}
    layers = [(72 * 72, 3, 32, 3)]
    cin = 32
    for (kind, widths, _), hw in zip(hx.ETINYNET_10, (36, 18, 9, 5), strict=True):
        for c in widths:
            p = hw * hw
            layers += [(p, cin, cin, "dw"), (p, cin, c, 1), (p, c, c, "dw")]
            cin = c
    macs, par = _sep_hand(layers)
    assert (macs + 512_000, par + 513_000) == (48_532_352, 957_544)
    # published (recalled): 0.98 M parameters; 117 M multiply-adds at 224
    _pinned(g, (48_532_352, 957_544), (None, 0.98e6), (None, 0.03))
    g224 = _graph(hx.etinynet_10, (1, 224, 224, 3), (1, 1000), 58, {
        "CONV_2D": 15, "DEPTHWISE_CONV_2D": 28, "ADD": 12, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    _pinned(g224, (113_705_920, 957_544), (117e6, 0.98e6), (0.03, 0.03))


def test_mobilenet_v2_keras_160_and_default_graphs_unchanged():
    from jaxeff.gnn.build import NetBuilder
    from jaxeff.gnn.heldout_nets import mobilenet_v2

    g = _graph(hx.mobilenet_v2_keras, (1, 160, 160, 3), (1, 1000), 65, {
        "CONV_2D": 35, "DEPTHWISE_CONV_2D": 17, "ADD": 10, "MEAN": 1,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert g.op_types()[-3:] == ["MEAN", "FULLY_CONNECTED", "SOFTMAX"]
    assert _out_shapes(g, "CONV_2D")[-1] == (5, 5, 1280)
    # TF-slim README (recalled): mobilenet_v2_1.0_160 154 M MACs, 3.47 M parameters
    _pinned(g, (154_083_200, 3_487_816), (154e6, 3.47e6), (0.01, 0.01))
    # the Table 2 builder (1x1-conv classifier) untouched: same counts at 224
    b = NetBuilder(np.random.default_rng(0))
    ref = b.finish([mobilenet_v2(b, b.input((1, 224, 224, 3)), 1.0)])
    _pinned(ref, (300_774_272, 3_487_816), (None, None), (None, None))
    assert ref.op_types()[-4:] == ["AVERAGE_POOL_2D", "CONV_2D", "RESHAPE", "SOFTMAX"]


def test_families_xxxiii_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION29D == ("tinynet_e_106", "regnety_200mf_224", "etinynet_1.0_144",
                             "mobilenet_v2_1.0_160")
    i = ph.BUILDER_MODELS.index(ph.SESSION29D[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION29D
    assert len(set(ph.BUILDER_MODELS)) == len(ph.BUILDER_MODELS)
    assert [ph.MODELS[m][1].split()[0] for m in ph.SESSION29D] == [
        "mbconv", "resnet", "mobilenet", "mobilenet"]
    assert [m for m in ph.SESSION29D if "same configuration" in ph.MODELS[m][1]] == [
        "mobilenet_v2_1.0_160"]
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION29D[:3])
    shapes = {"tinynet_e_106": (106, 149), "regnety_200mf_224": (224, 546),
              "etinynet_1.0_144": (144, 58), "mobilenet_v2_1.0_160": (160, 65)}
    for name, (r, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [(1, r, r, 3)] and outs == [(1, 1000)], name
        assert len(g.ops) == n_ops, name


def test_spaces_miss_xxxiii_b_by_the_named_values_and_mobilenet_draws_mnv2():
    """``MODELS``' overlaps: mbconv draws no swish and 3-6 stages; silu's expansions
    are 1 / 2 / 4, its widths at most 128 and SE at least 8; families' Lite has
    RELU6, no SE, widths 0.5-1.4; no image space draws 106 or 144 pixels, a
    depthwise conv fed by a depthwise conv or a SPLIT into more than 2; resnet draws
    no SE and at most 128 pixels; mobilenet's v2 branch draws MobileNetV2 1.0 at 160
    with the MEAN + FC head exactly."""
    from jaxeff.gnn import spaces, spaces_families, spaces_silu

    src = inspect.getsource(spaces.mbconv)
    assert '("RELU", "RELU6", "HARD_SWISH")' in src and "rng.integers(3, 7)" in src
    assert "(32, 48, 64, 96, 128, 160)" in src
    src = inspect.getsource(spaces_silu)
    assert "pick(n.rng, (1, 2, 4))" in src and "min(128," in src
    assert "(32, 48, 64, 96, 128, 160)" in src
    src = inspect.getsource(spaces_families._efficientnet_lite)
    assert "(0.5, 0.75, 1.0, 1.1, 1.2, 1.4)" in src
    assert "(96, 128, 160, 192, 224)" in src
    assert "(32, 64, 96, 128)" in inspect.getsource(spaces.resnet)
    rng = np.random.default_rng(33)
    for name in spaces.SPACES:
        for _ in range(6):
            g, _ = spaces.SAMPLERS[name](rng)
            shp = g.tensors[g.inputs[0]].shape
            if len(shp) == 4 and shp[-1] == 3:
                assert shp[1] not in (106, 144) and shp[2] not in (106, 144), name
                prod = _producers(g)
                assert not any(op.type == "DEPTHWISE_CONV_2D" and getattr(
                    prod.get(op.inputs[0]), "type", None) == "DEPTHWISE_CONV_2D"
                    for op in g.ops), name
            if name == "resnet":
                assert "MUL" not in g.op_types() and "LOGISTIC" not in g.op_types()
            if name != "recurrent":  # GRU gates split in 3
                assert all(len(op.outputs) <= 2 for op in g.ops if op.type == "SPLIT")
    src = inspect.getsource(spaces.mobilenet)
    for s in ('("v1", "v2")', "(96, 128, 160, 192, 224)", "0.75, 1.0))",
              "(0.0, 0.2)", "(6, 160, 3, 2), (6, 320, 1, 1)",
              "n + int(rng.integers(-1, 1))",
              "1280 * max(1.0, alpha)", "(10, 100, 1000, 1001)",
              "b.fc(b.mean(x, (1, 2), keep_dims=False), classes)"):
        assert s in src, s
