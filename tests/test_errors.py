"""The "did you mean" of messages about mistyped ids and codes."""

from __future__ import annotations

import pytest

from dgmm.errors import closest, did_you_mean


@pytest.mark.parametrize(
    ("value", "choices", "expected"),
    [
        ("dept-2556", ["dept-2566", "pcio-2566", "province-2563"], "dept-2566"),
        ("P1.1.misison", ["P1.1.mission", "P1.1", "P2.1.steps"], "P1.1.mission"),
        ("opm-opz", ["opm-ops", "mod-ops"], "opm-ops"),
        (" opm-ops ", ["opm-ops", "mod-ops"], "opm-ops"),
        ("zzzz", ["opm-ops", "mod-ops"], None),
        ("", ["opm-ops"], None),
    ],
)
def test_closest(value, choices, expected):
    assert closest(value, choices) == expected


def test_did_you_mean_follows_the_value_in_a_message():
    assert did_you_mean("Q42", ["Q4", "Q1"]) == " (did you mean 'Q4'?)"
    assert did_you_mean("ZZZ", ["Q4", "Q1"]) == ""
