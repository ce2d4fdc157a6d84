"""jaxeff.gnn.heldout_nets_xxxi_b (held-out families XXXI, part b; session 28
addendum 1): the published structures, op counts per type, the pinned multiply-add and
parameter counts with their published counterparts, registration, int8 builds and the
overlap facts against the ``mbconv``, ``families``, ``silu``, ``resnet``, ``bcast``
and ``agg`` spaces."""

import inspect

import numpy as np

from jaxeff.gnn import heldout_nets_xxxi_b as hx
from tests.gnn.test_heldout_nets import _int8_io, _pinned
from tests.gnn.test_heldout_nets_xxi import _out_shapes, _registered
from tests.gnn.test_heldout_nets_xxiii import _acts, _producers
from tests.gnn.test_heldout_nets_xxvi_d import _graph
from tests.gnn.test_heldout_nets_xxviii_b import _pools

IMG96 = (1, 96, 96, 3)


def _mb(hw_in, hw_out, cin, exp, out, k, mid, gate_consts=0):
    """(MACs, parameters) of one inverted residual: 1x1 expansion (when ``exp !=
    cin``), k x k depthwise, squeeze-excite of ``mid`` (two 1x1 convs on the pooled
    map, ``gate_consts`` scalar constants), 1x1 projection; every conv with a bias."""
    macs = (hw_in**2 * cin * exp if exp != cin else 0) + hw_out**2 * exp * k * k
    par = (cin * exp + exp if exp != cin else 0) + k * k * exp + exp
    if mid:
        macs += 2 * exp * mid
        par += 2 * exp * mid + mid + exp + gate_consts
    return macs + hw_out**2 * exp * out, par + exp * out + out


def _sum(rows, **kw):
    return tuple(map(sum, zip(*(_mb(*r, **kw) for r in rows), strict=True)))


def _gates(g):
    """The squeeze widths: outputs of convs on a MEAN's ``[1, 1, 1, C]`` map."""
    prod = _producers(g)
    return [g.tensors[op.outputs[0]].shape[-1] for op in g.ops if op.type == "CONV_2D"
            and getattr(prod.get(op.inputs[0]), "type", None) == "MEAN"]


def test_mobilenet_v3_small_050_widths_gates_and_published_params():
    g = _graph(hx.mobilenet_v3_small_050, IMG96, (1, 1000), 119, {
        "CONV_2D": 43, "DEPTHWISE_CONV_2D": 11, "HARD_SWISH": 19, "MEAN": 10,
        "ADD": 16, "MUL": 18, "RESHAPE": 1, "SOFTMAX": 1})
    assert _acts(g, "DEPTHWISE_CONV_2D") == ["RELU"] * 3 + ["NONE"] * 8  # then HS
    assert [s[-1] for s in _out_shapes(g, "DEPTHWISE_CONV_2D")] == [
        16, 40, 56, 64, 144, 144, 72, 72, 144, 288, 288]
    assert _gates(g) == [8, 16, 40, 40, 24, 24, 40, 72, 72, 1024]  # SEs, then head
    rows = [(48, 24, 16, 16, 8, 3, 8), (24, 12, 8, 40, 16, 3, 0),
            (12, 12, 16, 56, 16, 3, 0), (12, 6, 16, 64, 24, 5, 16)] + (
        [(6, 6, 24, 144, 24, 5, 40)] * 2 + [(6, 6, 24, 72, 24, 5, 24)] * 2
        + [(6, 3, 24, 144, 48, 5, 40)] + [(3, 3, 48, 288, 48, 5, 72)] * 2)
    body = _sum(rows, gate_consts=2)  # the hard sigmoid's 3 and 1/6
    macs = 48 * 48 * 16 * 27 + body[0] + 9 * 48 * 288 + 288 * 1024 + 1024 * 1000
    par = 448 + body[1] + 48 * 288 + 288 + 289 * 1024 + 1025 * 1000
    assert (macs, par) == (5_622_928, 1_589_994)
    # timm's mobilenetv3_small_050: 1.59 M parameters (recalled); no MACs at 96
    _pinned(g, (5_622_928, 1_589_994), (None, 1.59e6), (None, 0.01))


def test_mnasnet_a1_035_round_filters_se_and_published_counts():
    g = _graph(hx.mnasnet_a1_035, IMG96, (1, 1000), 101, {
        "CONV_2D": 49, "DEPTHWISE_CONV_2D": 16, "ADD": 9, "MEAN": 9, "LOGISTIC": 8,
        "MUL": 8, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert _out_shapes(g, "CONV_2D")[0] == (48, 48, 16)  # round_filters(32 x 0.35)
    assert _out_shapes(g, "CONV_2D")[-1] == (3, 3, 1280)  # the head not scaled
    assert _gates(g) == [2, 4, 4, 8, 10, 10, 14, 14]  # max(1, int(C_in / 4))
    rows = ([(48, 48, 16, 16, 8, 3, 0), (48, 24, 8, 48, 8, 3, 0),
             (24, 24, 8, 48, 8, 3, 0), (24, 12, 8, 24, 16, 5, 2)]
            + [(12, 12, 16, 48, 16, 5, 4)] * 2 + [(12, 6, 16, 96, 32, 3, 0)]
            + [(6, 6, 32, 192, 32, 3, 0)] * 3
            + [(6, 6, 32, 192, 40, 3, 8), (6, 6, 40, 240, 40, 3, 10),
               (6, 3, 40, 240, 56, 5, 10)] + [(3, 3, 56, 336, 56, 5, 14)] * 2
            + [(3, 3, 56, 336, 112, 3, 0)])
    body = _sum(rows)
    macs = 48 * 48 * 16 * 27 + body[0] + 9 * 112 * 1280 + 1280 * 1000
    par = 448 + body[1] + 113 * 1280 + 1281 * 1000
    assert (macs, par) == (12_400_640, 1_740_010)
    # tensorflow/tpu mnasnet README, 96 / 0.35: 12.7 M multiply-adds, 1.7 M parameters
    _pinned(g, (12_400_640, 1_740_010), (12.7e6, 1.7e6), (0.03, 0.03))


def test_se_resnet20_se_on_each_branch_before_the_add_and_counts():
    g = _graph(hx.se_resnet20_cifar, (1, 32, 32, 3), (1, 10), 80, {
        "CONV_2D": 37, "MEAN": 10, "LOGISTIC": 9, "MUL": 9, "ADD": 9,
        "STRIDED_SLICE": 2, "PAD": 2, "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    assert hx.SE_RATIO == 16
    assert _gates(g) == [1] * 3 + [2] * 3 + [4] * 3  # C // 16: 16, 32, 64 channels
    prod = _producers(g)
    for add in (op for op in g.ops if op.type == "ADD"):
        mul = prod[add.inputs[0]]  # the residual branch, gated
        assert mul.type == "MUL" and prod[mul.inputs[0]].type == "CONV_2D"
        sig = prod[mul.inputs[1]]
        assert sig.type == "LOGISTIC" and g.tensors[sig.outputs[0]].shape[1:3] == (1, 1)
        up = prod[sig.inputs[0]]
        down = prod[up.inputs[0]]
        assert (up.type, down.type, prod[down.inputs[0]].type) == (
            "CONV_2D", "CONV_2D", "MEAN")
        assert down.options["fused_activation_function"] == "RELU"
        assert prod[prod[down.inputs[0]].inputs[0]] is prod[mul.inputs[0]]
    se = 3 * (2 * 16 * 1) + 3 * (2 * 32 * 2) + 3 * (2 * 64 * 4)
    se_par = 3 * (16 + 1 + 16 + 16) + 3 * (64 + 2 + 64 + 32) + 3 * (256 + 4 + 256 + 64)
    assert (40_551_040 + se, 269_034 + se_par) == (40_553_056, 271_407)
    _pinned(g, (40_553_056, 271_407), (None, None), (None, None))


def test_squeezenet11_96_fires_pools_ten_classes_and_published_params():
    g = _graph(hx.squeezenet11_96, IMG96, (1, 10), 39, {
        "CONV_2D": 26, "CONCATENATION": 8, "MAX_POOL_2D": 3, "MEAN": 1, "SOFTMAX": 1})
    outs = _out_shapes(g, "CONV_2D")
    assert outs[0] == (47, 47, 64) and outs[-1] == (5, 5, 10)
    assert _out_shapes(g, "MAX_POOL_2D") == [(23, 23, 64), (11, 11, 128), (5, 5, 256)]
    assert _pools(g) == [((3, 3), (2, 2), "VALID")] * 3
    assert [s[-1] for s in _out_shapes(g, "CONCATENATION")] == [
        128, 128, 256, 256, 384, 384, 512, 512]
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    fires = [(23, 64, 16, 64), (23, 128, 16, 64), (11, 128, 32, 128),
             (11, 256, 32, 128), (5, 256, 48, 192), (5, 384, 48, 192),
             (5, 384, 64, 256), (5, 512, 64, 256)]
    macs = 47 * 47 * 64 * 27 + sum(h * h * (c * s + 10 * s * e)
                                   for h, c, s, e in fires) + 25 * 512 * 10
    par = 1792 + sum(c * s + s + 10 * s * e + 2 * e for _, c, s, e in fires) + 5130
    assert (macs, par) == (42_804_928, 727_626)
    # torchvision squeezenet1_1: 1,235,496 parameters; conv10 of 10 for 1000 classes
    _pinned(g, (42_804_928, 727_626), (None, 1_235_496 - 513_000 + 5130), (None, 1e-9))


def test_families_xxxi_b_registered_and_int8():
    from experiments import perfsage_heldout as ph

    assert ph.SESSION28D == ("mobilenet_v3_small_0.5_96", "mnasnet_a1_0.35_96",
                             "se_resnet20_cifar_32", "squeezenet1.1_96")
    i = ph.BUILDER_MODELS.index(ph.SESSION28D[0])
    assert ph.BUILDER_MODELS[i:i + 4] == ph.SESSION28D
    _registered(ph.SESSION28D, ["mbconv", "mbconv", "resnet", "agg"], {})
    assert not [m for m in ph.SESSION28D if "same configuration" in ph.MODELS[m][1]]
    assert all("(partly" in ph.MODELS[m][1] for m in ph.SESSION28D)
    shapes = {"mobilenet_v3_small_0.5_96": (IMG96, (1, 1000), 119),
              "mnasnet_a1_0.35_96": (IMG96, (1, 1000), 101),
              "se_resnet20_cifar_32": ((1, 32, 32, 3), (1, 10), 80),
              "squeezenet1.1_96": (IMG96, (1, 10), 39)}
    for name, (shape, out, n_ops) in shapes.items():
        g, ins, outs = _int8_io(name)
        assert ins == [shape] and outs == [out] and len(g.ops) == n_ops, name
    g, _, _ = _int8_io("se_resnet20_cifar_32")  # the 1-unit SE convs survive
    assert g.op_types().count("LOGISTIC") == 9 and g.op_types().count("PAD") == 2


def test_spaces_miss_xxxi_b_by_the_named_values():
    """``MODELS``' overlaps: the ``mbconv`` space holds every choice of MnasNet-A1
    0.35 at 96 but its 7 stages and its stage widths 16 / 32 / 40; MobileNet-v3
    mixes RELU and HARD_SWISH and gates with a hard sigmoid; ``families`` and
    ``resnet`` draw no gate; ``bcast`` gates without convs in at most 40 ops; ``agg``
    stems have at most 32 channels and its SOFTMAX follows an FC."""
    from jaxeff.gnn import spaces, spaces_agg, spaces_bcast, spaces_families, spaces_silu

    src = inspect.getsource(spaces.mbconv)
    assert "(16, 24, 32, 64, 96, 160, 320)" in src and "rng.integers(3, 7)" in src
    assert [spaces._round8(0.35 * c) for c in (16, 24, 32, 64, 96, 160, 320)] == [
        8, 8, 8, 24, 32, 56, 112]  # MnasNet-A1 0.35: 8, 8, 16, 32, 40, 56, 112
    assert "(1, 2, 4)" in inspect.getsource(spaces_silu._dw_block)  # not 3, 6
    rng = np.random.default_rng(31)
    for _ in range(40):
        g, meta = spaces.mbconv(rng)
        t = set(g.op_types())
        assert meta["stages"] <= 6 and "RESHAPE" not in t and "RELU6" not in t
        fused = {op.options.get("fused_activation_function") for op in g.ops
                 if op.type in ("CONV_2D", "DEPTHWISE_CONV_2D")}
        assert not ("HARD_SWISH" in t and "RELU" in fused)  # one act a graph
        assert t.isdisjoint({"PAD", "STRIDED_SLICE"})
    assert spaces_families.FAMILIES == ("efficientnet_lite", "resnet8", "vww")
    for space in (spaces_families.families, spaces.resnet):
        for _ in range(15):
            g, _ = space(rng)
            assert set(g.op_types()).isdisjoint({"MUL", "LOGISTIC", "HARD_SWISH",
                                                  "PAD"})
    assert spaces_bcast.MAX_OPS == 40  # SE-ResNet-20: 80 ops
    for _ in range(40):
        g, _ = spaces_bcast.bcast(rng)
        prod = _producers(g)
        for op in (o for o in g.ops if o.type == "CONV_2D"):
            mean = prod.get(op.inputs[0])
            if getattr(mean, "type", None) == "MEAN":  # the pool block: one axis
                assert g.tensors[mean.inputs[1]].shape == (1,)
    for _ in range(15):
        g, _ = spaces_agg.agg(rng)
        first = next(op for op in g.ops if op.type == "CONV_2D")
        assert g.tensors[first.outputs[0]].shape[-1] <= 32  # SqueezeNet's: 64
        if "SOFTMAX" in g.op_types():
            assert "FULLY_CONNECTED" in g.op_types()  # SqueezeNet: conv10 + MEAN
