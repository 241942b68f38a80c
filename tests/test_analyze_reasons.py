"""Reason codes: every code is documented for the renderer and parameters are checked."""

from __future__ import annotations

import pytest

from generator.analyze import reasons
from generator.analyze.reasons import CODES, Reason


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_and_parameter_is_documented(code: str) -> None:
    lines = (reasons.__doc__ or "").splitlines()
    starts = [i for i, ln in enumerate(lines) if ln.strip().split(" ")[0] in CODES]
    mine = [i for i in starts if lines[i].strip().split(" ")[0] == code]
    assert len(mine) == 1, f"{code} is not documented once in reasons.py"
    following = [i for i in starts if i > mine[0]]
    end = following[0] if following else len(lines)
    # The code's entry runs to the next code or the blank line that ends its section.
    entry = lines[mine[0] : end]
    block = "\n".join(entry[: entry.index("")] if "" in entry else entry)
    for param in CODES[code]:
        assert f"{param}:" in block, f"{code}: parameter {param} is not documented"


def test_unknown_codes_and_wrong_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown reason code"):
        Reason("slipped", {})
    with pytest.raises(ValueError, match="takes"):
        Reason("risk_closed", {"risk": "x", "extra": 1})
    with pytest.raises(ValueError, match="takes"):
        Reason("spi_low", {"spi": 0.8})


def test_reasons_compare_and_hash_by_value() -> None:
    a = Reason("risk_closed", {"risk": "x"})
    assert a == Reason("risk_closed", {"risk": "x"})
    assert a != Reason("risk_closed", {"risk": "y"})
    assert len({a, Reason("risk_closed", {"risk": "x"})}) == 1
