"""jaxeff.ops.winograd_quant.WinogradQuant refuses a stages value that is not a tuple
of stage names, naming the argument (mutation survivor of issue 26)."""

import pytest

from jaxeff.ops.winograd_quant import STAGES, WinogradQuant


@pytest.mark.parametrize("stages", [["x", "V"], "xV", {"x"}, None])
def test_stages_must_be_a_tuple(stages):
    with pytest.raises(TypeError, match=r"stages must be a tuple of names from"):
        WinogradQuant(stages=stages)


def test_stages_tuple_of_known_names_is_accepted_and_unknown_names_are_named():
    assert WinogradQuant(stages=tuple(STAGES)).stages == tuple(STAGES)
    with pytest.raises(ValueError, match=r"unknown stages \['W'\]"):
        WinogradQuant(stages=("x", "W"))
