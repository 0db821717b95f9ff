"""A parent department's rows in a file read for its children's framework: only what they inherit.

dept-2566 and pcio-2566 share input codes whose options differ (P5.1.basic: hr, budget, … for a
department; 1–5 for a PCIO committee). A department's own answer to such an input answers its own
framework and is left alone when the PCIO framework reads the file; what the committees inherit
from it (P2.8.1) is read and checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dgmm import AnswerError, load_framework, read_answers
from dgmm.inheritance import Source, plan_for

TIERS = {"moi-ops": "department", "pcio-11": "pcio"}


def _file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text("agency_id,input,value\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("fast", [True, False], ids=["column-wise", "row by row"])
def test_a_parents_own_answer_is_left_to_its_framework_and_what_children_inherit_is_read(tmp_path, fast):
    pcio, dept = load_framework("pcio-2566"), load_framework("dept-2566")
    assert "P2.8.1" in plan_for(pcio, True).codes(Source.PARENT)
    assert "P5.1.basic" not in plan_for(pcio, True).codes(Source.PARENT)
    assert dept.inputs["P5.1.basic"].option_codes != pcio.inputs["P5.1.basic"].option_codes
    # a stray space sends the file to the row-by-row reader
    pcio_row = "pcio-11,P5.1.basic,1|2" if fast else "pcio-11,P5.1.basic, 1|2"
    path = _file(tmp_path, "moi-ops,P5.1.basic,hr|budget", "moi-ops,P2.8.1,daily", pcio_row)
    got = read_answers(path, pcio, TIERS)
    assert got.ignored == 1 and "P5.1.basic" not in got.of("moi-ops")
    assert got.of("moi-ops")["P2.8.1"] is not None and got.of("pcio-11")["P5.1.basic"]
    assert read_answers(path, dept, TIERS).of("moi-ops")["P5.1.basic"] == frozenset({"hr", "budget"})


def test_what_children_inherit_is_still_checked(tmp_path):
    path = _file(tmp_path, "moi-ops,P2.8.1,every now and then", "pcio-11,P5.1.basic,1")
    with pytest.raises(AnswerError) as exc:
        read_answers(path, load_framework("pcio-2566"), TIERS)
    assert [(p.line, p.where) for p in exc.value.problems] == [(2, "value")]
