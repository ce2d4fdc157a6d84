"""jaxeff.gnn.heldout_nets_xxiii (held-out families XXIII): structures, counts."""

from jaxeff.gnn import heldout_nets_xxiii as hx
from tests.gnn.test_heldout_nets import _graph_multi, _pinned
from tests.gnn.test_heldout_nets_xxi import (_IMAGENET, _classifier, _counted,
                                             _kernels, _out_shapes, _registered)


def _producers(g):
    return {o: op for op in g.ops for o in op.outputs}


def _acts(g, type_):
    return [op.options["fused_activation_function"] for op in g.ops if op.type == type_]


def test_repvgg_a0_plain_stack_hand_counts_and_published_counts():
    # 22 3x3 convs with fused RELU, no ADD (every branch folded), no pool but MEAN
    g = _classifier(hx.repvgg_a0, 25, {"CONV_2D": 22, "MEAN": 1, "FULLY_CONNECTED": 1,
                                       "SOFTMAX": 1})
    assert set(_kernels(g, "CONV_2D")) == {(3, 3)}
    assert set(_acts(g, "CONV_2D")) == {"RELU"}
    convs = [op for op in g.ops if op.type == "CONV_2D"]
    assert [op.options["stride_h"] for op in convs] == (
        [2] + [2, 1] + [2, 1, 1, 1] + [2] + [1] * 13 + [2])
    assert [s for op, s in zip(convs, _out_shapes(g, "CONV_2D")) if op.options[
        "stride_h"] == 2] == [(112, 112, 48), (56, 56, 48), (28, 28, 96),
                              (14, 14, 192), (7, 7, 1280)]
    # by hand: (output side, C_in, C_out, stride) per conv
    layers = ([(112, 3, 48, 2), (56, 48, 48, 2), (56, 48, 48, 1), (28, 48, 96, 2)]
              + [(28, 96, 96, 1)] * 3 + [(14, 96, 192, 2)] + [(14, 192, 192, 1)] * 13
              + [(7, 192, 1280, 2)])
    macs = sum(h * h * 9 * ci * co for h, ci, co, _ in layers) + 1280 * 1000
    params = sum(9 * ci * co + co for _, ci, co, _ in layers) + 1280 * 1000 + 1000
    assert (macs, params) == (1_361_451_008, 8_309_384)
    # training time: + the 1x1 branch (no bias) and three batch norms (weight and
    # bias: 3x3, 1x1, identity where the shape is kept), less the folded bias
    train = params + sum(ci * co + 3 * co + (2 * ci if s == 1 and ci == co else 0)
                         for _, ci, co, s in layers)
    assert train == 9_108_968  # the paper's 9.11 M (recalled)
    # RepVGG-A0 (recalled, not read): 8.30 M deployed parameters, 1.4 GFLOPs
    _pinned(g, (macs, params), (1.4e9, 8.30e6), (0.03, 0.002))


def test_mobilenext_sandglass_shortcuts_and_published_counts():
    # stem + 20 x (reduce, expand); depthwise: 15 blocks with both, 3 strided
    # transitions with the last only (two stride-1 transitions have none)
    g = _classifier(hx.mobilenext, 89, {"CONV_2D": 41, "DEPTHWISE_CONV_2D": 33,
                                        "ADD": 12, "MEAN": 1, "FULLY_CONNECTED": 1,
                                        "SOFTMAX": 1})
    assert _acts(g, "DEPTHWISE_CONV_2D").count("RELU6") == 15
    reduce = [s[-1] for a, s in zip(_acts(g, "CONV_2D"), _out_shapes(g, "CONV_2D"))
              if a == "NONE"]  # linear 1x1 reductions (floor of ceil(C_out / 6))
    assert reduce == [16, 32, 32, 32, 32, 48, 48, 48, 64, 64, 64, 64, 96, 96, 96, 96,
                      160, 160, 160, 208]
    # the shortcut joins the wide ends: a linear depthwise conv's output and the
    # block's input, which feeds the block's first (RELU6) depthwise conv
    prod, skip = _producers(g), []
    for op in (op for op in g.ops if op.type == "ADD"):
        last, x = (prod[t] for t in op.inputs)
        assert last.type == "DEPTHWISE_CONV_2D"
        assert last.options["fused_activation_function"] == "NONE"
        first = next(c for c in g.ops if c.inputs[0] == op.inputs[1])
        assert first.type == "DEPTHWISE_CONV_2D" and first.options[
            "fused_activation_function"] == "RELU6"
        skip.append(x.type[0])
    # what the first block of a stage gets: a strided transition's last depthwise
    # conv (D), the stride-1 transitions' RELU6 expansion (C: 384, 960), else ADD
    assert "".join(skip) == "DADACAADAACA"
    assert _out_shapes(g, "ADD") == ([(28, 28, 192)] * 2 + [(14, 14, 288)] * 2
                                     + [(14, 14, 384)] * 3 + [(7, 7, 576)] * 3
                                     + [(7, 7, 960)] * 2)
    # MobileNeXt-1.0 (recalled, not read): 3.4 M parameters, 300 M MAdds
    _counted(g, (311_342_592, 3_508_904), (300e6, 3.4e6), (0.04, 0.035), 3_535_416)
    g1, _ = _graph_multi(lambda b, x: hx.mobilenext(b, x, release=False), _IMAGENET)
    assert sum(op.type == "DEPTHWISE_CONV_2D" for op in g1.ops) == 40
    _pinned(g1, (274_594_944, 3_276_480), (300e6, 3.4e6), (0.09, 0.04))


def test_repghostnet_deployed_modules_and_published_counts():
    # convs: stem, 32 module 1x1s, 7 x 2 SE, 5 shortcuts, head; depthwise: 32
    # re-parameterised cheap ops, 4 strided, 5 shortcuts; no CONCATENATION
    g = _classifier(hx.repghostnet, 142, {
        "CONV_2D": 1 + 32 + 14 + 5 + 1, "DEPTHWISE_CONV_2D": 32 + 4 + 5,
        "ADD": 16 + 7, "MEAN": 8, "MUL": 14, "FULLY_CONNECTED": 2, "SOFTMAX": 1})
    prod = _producers(g)
    cheap = [op for op in g.ops if op.type == "DEPTHWISE_CONV_2D"
             and prod[op.inputs[0]].type == "CONV_2D"]
    widths = [g.tensors[op.outputs[0]].shape[-1] for op in cheap]
    # module widths: GhostNet's expansions halved, 120 for its 184 (timm, read)
    assert widths[0::2] == [8, 24, 36, 36, 60, 120, 100, 120, 120, 240, 336, 336,
                            480, 480, 480, 480]
    assert widths[1::2] == [16, 24, 24, 40, 40] + [80] * 4 + [112] * 2 + [160] * 5
    assert {(op.options["stride_h"], *g.tensors[op.inputs[1]].shape[1:3])
            for op in cheap} == {(1, 3, 3)}
    assert [op.options["fused_activation_function"] for op in cheap] == (
        ["RELU", "NONE"] * 16)
    assert _acts(g, "ADD").count("RELU6") == 7  # hard-sigmoid gates
    # RepGhostNet 1.0x (recalled, not read): 4.1 M, 142 M FLOPs; with each module's
    # training-time identity batch norm (2 per channel) timm's repghostnet_100,
    # 4.07 M (recalled)
    _counted(g, (142_394_128, 4_051_662), (142e6, 4.1e6), (0.005, 0.015), 4_063_730)
    assert 4_063_730 + 2 * sum(widths) == 4_073_618


def test_rexnet_linear_channels_partial_residual_and_published_counts():
    assert hx.REXNET_CHANNELS == (16, 27, 38, 50, 61, 72, 84, 95, 106, 117, 128, 140,
                                  151, 162, 174, 185)
    # convs: stem, 15 expansions, 13 x 2 SE, 16 projections, head; SiLU (LOGISTIC,
    # MUL) x 17, SE gates (LOGISTIC, MUL) x 13; 11 partial residuals
    g = _classifier(hx.rexnet, 195, {
        "CONV_2D": 1 + 15 + 26 + 16 + 1, "DEPTHWISE_CONV_2D": 16, "LOGISTIC": 30,
        "MUL": 30, "MEAN": 14, "STRIDED_SLICE": 22, "ADD": 11, "CONCATENATION": 11,
        "FULLY_CONNECTED": 1, "SOFTMAX": 1})
    prod = _producers(g)
    # partial residual: CONCATENATION(ADD(slice [:C_in], input), slice [C_in:])
    pairs = []
    for cat in (op for op in g.ops if op.type == "CONCATENATION"):
        add, tail = (prod[t] for t in cat.inputs)
        assert add.type == "ADD" and tail.type == "STRIDED_SLICE"
        assert prod[add.inputs[0]].type == "STRIDED_SLICE"
        assert prod[add.inputs[0]].inputs[0] == tail.inputs[0]  # one projection
        assert prod[tail.inputs[0]].type == "CONV_2D"
        pairs.append((g.tensors[add.outputs[0]].shape[-1],
                      g.tensors[cat.outputs[0]].shape[-1]))
    assert pairs == [(27, 38), (50, 61), (72, 84), (84, 95), (95, 106), (106, 117),
                     (117, 128), (140, 151), (151, 162), (162, 174), (174, 185)]
    # RELU6 fused into the depthwise conv (blocks 1-3) or the SE's MUL (4-16)
    assert _acts(g, "DEPTHWISE_CONV_2D") == ["RELU6"] * 3 + ["NONE"] * 13
    assert _acts(g, "MUL").count("RELU6") == 13
    se = [op for op in g.ops if op.type == "CONV_2D"
          and g.tensors[op.inputs[0]].shape[1] == 1
          and op.options["fused_activation_function"] == "RELU"]
    mids = [g.tensors[op.outputs[0]].shape[-1] for op in se]
    assert mids == [19, 25, 30, 36, 42, 47, 53, 58, 64, 70, 75, 81, 87]  # 6 C_in // 12
    # ReXNet-1.0x (recalled, not read): 4.8 M, 0.40 GFLOPs; + the SE reductions'
    # batch norms (2 per channel), timm's rexnet_100 4.80 M (recalled)
    _counted(g, (398_370_392, 4_775_497), (0.40e9, 4.8e6), (0.01, 0.01), 4_795_499)
    assert 4_795_499 + 2 * sum(mids) == 4_796_873


def test_families_xxiii_registered_and_int8_io():
    """The held-out dispatch knows the four at 224, after families XXI; their int8
    graphs keep the partial residuals, the SE gates and the plain stack."""
    from experiments import perfsage_heldout as ph

    assert ph.SESSION25B == ("repvgg_a0_224", "mobilenext_1.0_224",
                             "repghostnet_1.0_224", "rexnet_1.0_224")
    i, q = _registered(ph.SESSION25B, ["plain", "mbconv", "mbconv", "mbconv"], {
        "repvgg_a0_224": {"CONV_2D": 22, "ADD": 0},
        "mobilenext_1.0_224": {"DEPTHWISE_CONV_2D": 33, "ADD": 12},
        "repghostnet_1.0_224": {"DEPTHWISE_CONV_2D": 41, "CONCATENATION": 0,
                                "MUL": 14},
        "rexnet_1.0_224": {"STRIDED_SLICE": 22, "CONCATENATION": 11, "LOGISTIC": 30}})
    assert i > ph.BUILDER_MODELS.index(ph.SESSION24B[-1])
    assert [op.options.get("fused_activation_function") for op in q[
        "rexnet_1.0_224"].ops if op.type == "MUL"].count("RELU6") == 13
