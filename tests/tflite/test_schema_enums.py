"""Enum options of the TFLite schema (``ai_edge_litert``'s generated schema): the
codes of the published enums (``Padding``: SAME 0, VALID 1;
``ActivationFunctionType``: NONE 0, RELU 1, RELU_N1_TO_1 2, RELU6 3, TANH 4), both
directions inverse of each other, and errors that name the field, the enum and the
allowed names. Written for mutation-testing survivors of issue 26 (2026-12-03)."""

import re
import sys

import pytest

from jaxeff.tflite import option_code, option_name
from jaxeff.tflite.schema import op_name

pytest.importorskip("ai_edge_litert")

KNOWN = {("padding", "SAME"): 0, ("padding", "VALID"): 1,
         ("fused_activation_function", "NONE"): 0,
         ("fused_activation_function", "RELU"): 1,
         ("fused_activation_function", "RELU_N1_TO_1"): 2,
         ("fused_activation_function", "RELU6"): 3,
         ("fused_activation_function", "TANH"): 4}


def test_published_enum_codes_both_ways():
    for (field, name), code in KNOWN.items():
        assert option_code(field, name) == code
        assert option_name(field, code) == name


@pytest.mark.parametrize("value", ["same", 0, None])
def test_option_code_error_names_field_enum_and_choices(value):
    with pytest.raises(ValueError, match=r"option padding must be one of \['SAME', "
                       r"'VALID'\] \(a Padding name\), got " + re.escape(repr(value))):
        option_code("padding", value)


def test_option_name_error_names_field_and_code():
    with pytest.raises(ValueError, match=r"option padding: 7 is not a Padding value"):
        option_name("padding", 7)


def test_op_name_of_an_unknown_code_is_marked():
    assert op_name(254) == "UNKNOWN_254"
    assert op_name(3) == "CONV_2D" and op_name(3, 0) == "CONV_2D"


def test_missing_litert_names_the_purpose_and_the_extra(monkeypatch):
    from jaxeff._extras import MissingExtraError
    from jaxeff.tflite.schema import schema_module

    monkeypatch.setitem(sys.modules, "ai_edge_litert.schema_py_generated",
                        None)  # as if LiteRT were not installed
    with pytest.raises(MissingExtraError, match=r"'ai_edge_litert\.schema_py_generated' "
                       r"is needed for the TFLite schema .*pip install 'jaxeff\[tflite\]'"):
        schema_module()
