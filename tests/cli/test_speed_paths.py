"""The fast paths agree with the plain ones. The answers reader: same answers as the row-by-row
reader when a file is clean, the same problems (file, row, column, message) when it is not; small
chunks put agencies across chunk edges. The results writer: the bytes of a plain json.dumps and of
a CSV written a cell at a time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dgmm import (
    AnswerSet,
    Framework,
    InputFileError,
    ResultsError,
    load_framework,
    read_agencies,
    read_answers,
    score_cycle,
    tables,
    write_results,
)
from dgmm.answers import reader as answers_module
from dgmm.answers.reader import _read_rows
from dgmm.tables import DEFAULT_LIMITS
from tests.bench_support import FORMS, random_cycle, reference_files, simulated

TIERS = {
    "M1": "department",
    "D1": "department",
    "D2": "department",
    "D3": "department",
    "D4": "department",
    "P1": "pcio",
    "X1": "provincial",
}


def _pair(
    path: Path,
    fw: Framework,
    tiers: dict[str, str],
    *,
    fast_only: bool = True,
) -> tuple[AnswerSet, AnswerSet]:
    """What read_answers gives (its column-wise reading deciding alone unless `fast_only` is False) and
    what the row-by-row reader gives."""
    if not fast_only:
        return read_answers(path, fw, tiers), _read_rows(path, fw, tiers, DEFAULT_LIMITS)
    with pytest.MonkeyPatch.context() as mp:

        def refuse(*_: object) -> AnswerSet:
            raise AssertionError("a clean file was read row by row")

        mp.setattr(answers_module, "_read_rows", refuse)
        fast = read_answers(path, fw, tiers)
    return fast, _read_rows(path, fw, tiers, DEFAULT_LIMITS)


def _assert_same(fast: AnswerSet, slow: AnswerSet) -> None:
    assert (fast.rows, fast.ignored) == (slow.rows, slow.ignored)
    for mine, theirs in ((fast.own, slow.own), (fast.analyst, slow.analyst)):
        assert mine == theirs
        assert list(mine) == list(theirs)  # agencies in the order of their first answer
        assert [list(v) for v in mine.values()] == [list(v) for v in theirs.values()]  # inputs in row order


@pytest.fixture(params=[1, 3, 1024], ids=["chunk1", "chunk3", "chunk1024"])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(tables, "CHUNK_ROWS", request.param)
    return int(request.param)


CLEAN = """agency_id,input,value,source
D1,Q1,a|b|c,
D1,Q2,yes,agency
D1,Q3,,
D1,Q5,"1,5",
D2,Q1,,
D2,Q3,some,

D2,Q6,s1,
D1,Q4,high,
D3,Q2,,
D3,Q4,,
D4,Q3,,
D4,Q3,all,analyst
D4,Q2,yes,
X1,Q99,1,
X1,Q5,45,
P1,Q1,a,
P1,Q4,low,analyst
D1,Q4,mid,analyst


"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_clean_file_reads_the_same(tmp_path: Path, mini: Framework, chunk: int, newline: str) -> None:
    """Blank rows and lines, empty values, analyst rows, agencies in several runs, ignored rows."""
    p = tmp_path / "answers.csv"
    p.write_bytes(("\ufeff" + CLEAN).replace("\n", newline).encode("utf-8"))
    fast, slow = _pair(p, mini, TIERS)
    _assert_same(fast, slow)
    assert fast.ignored == 1 and "D3" not in fast.own and fast.own["D2"]["Q1"] == frozenset()
    assert list(fast.own) == ["D1", "D2", "D4", "X1", "P1"]


def test_extra_empty_cells_and_columns(tmp_path: Path, mini: Framework, chunk: int) -> None:
    p = tmp_path / "answers.csv"
    p.write_text("comment,agency_id,input,value\n,D1,Q1,a,\n,D1,Q2,no,\nx,D2,Q1,b, \n", encoding="utf-8")
    _assert_same(*_pair(p, mini, TIERS))


def test_an_agency_answered_only_after_blank_rows(tmp_path: Path, mini: Framework, chunk: int) -> None:
    p = tmp_path / "answers.csv"
    p.write_text("agency_id,input,value\nD1,Q3,\nD2,Q1,a\nD1,Q2,yes\nD3,Q4,\n", encoding="utf-8")
    fast, slow = _pair(p, mini, TIERS)
    _assert_same(fast, slow)
    assert list(fast.own) == ["D2", "D1"]


def test_cells_with_spaces_are_read_as_the_row_by_row_reader_reads_them(
    tmp_path: Path, mini: Framework, chunk: int
) -> None:
    p = tmp_path / "answers.csv"
    p.write_text("agency_id,input,value,source\n D1 ,Q1 , a ,\nD1,Q2,yes, analyst\n", encoding="utf-8")
    fast, slow = _pair(p, mini, TIERS, fast_only=False)
    _assert_same(fast, slow)
    assert fast.own == {"D1": {"Q1": frozenset({"a"})}} and fast.analyst == {"D1": {"Q2": True}}


@pytest.mark.parametrize(
    "body",
    [
        "D1,Q1,a\nD9,Q1,a\n",  # unknown agency
        "D1,Q1,a\nD2,Q42,a\n",  # unknown input of an agency in the framework's tiers
        "D1,Q1,a|zz\nD1,Q2,maybe\n",  # bad values
        "D1,Q1,a\nD2,Q1,a\nD1,Q1,b\n",  # duplicate, the agency in two runs
        "D1,Q1,a\nD1,Q2,yes\nD1,Q1,\n",  # duplicate of a blank
        "D1,Q3,\nD1,Q3,\n",  # duplicate blanks
        "D1,Q1,a\nD1,Q5,12,5\n",  # stray cell
        "D1,Q1,a\nD2\n",  # short row
        "D1,Q1,a\nX1,Q42,1\nX1,Q42,2\nD5,Q1,a\n",  # ignored rows, then an unknown agency
    ],
)
def test_problems_are_those_of_the_row_by_row_reader(
    tmp_path: Path, mini: Framework, chunk: int, body: str
) -> None:
    p = tmp_path / "answers.csv"
    p.write_text("agency_id,input,value\n" + body, encoding="utf-8")
    tiers = {**TIERS, "D5": "department"} if "D5" in body and "D9" in body else TIERS
    with pytest.raises(InputFileError) as fast:
        read_answers(p, mini, tiers)
    with pytest.raises(InputFileError) as slow:
        _read_rows(p, mini, tiers, DEFAULT_LIMITS)
    assert fast.value.problems == slow.value.problems
    assert str(fast.value) == str(slow.value)
    assert all(pr.file == str(p) and pr.line >= 2 for pr in fast.value.problems)


def test_bad_source_is_a_problem(tmp_path: Path, mini: Framework, chunk: int) -> None:
    p = tmp_path / "answers.csv"
    p.write_text("agency_id,input,value,source\nD1,Q1,a,agency\nD1,Q2,yes,reviewer\n", encoding="utf-8")
    with pytest.raises(InputFileError) as exc:
        read_answers(p, mini, TIERS)
    assert [(pr.line, pr.where, pr.code) for pr in exc.value.problems] == [(3, "source", "bad_source")]


def test_text_that_is_not_utf8_names_its_row(tmp_path: Path, mini: Framework) -> None:
    p = tmp_path / "answers.csv"
    p.write_bytes(b"agency_id,input,value\n" + b"D1,Q1,a\n" * 5000 + b"D1,Q7,\xff\xfe\n")
    with pytest.raises(InputFileError) as fast:
        read_answers(p, mini, TIERS)
    with pytest.raises(InputFileError) as slow:
        _read_rows(p, mini, TIERS, DEFAULT_LIMITS)
    assert fast.value.problems == slow.value.problems
    assert fast.value.problems[0].code == "not_utf8"


def test_xlsx_reads_as_csv(tmp_path: Path, mini: Framework, chunk: int) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for line in CLEAN.splitlines():
        if line:
            ws.append(line.split(",") if '"' not in line else ["D1", "Q5", "1,5", ""])
    wb.save(tmp_path / "answers.xlsx")
    fast, slow = _pair(tmp_path / "answers.xlsx", mini, TIERS)
    _assert_same(fast, slow)
    assert fast.own["D1"]["Q5"] == 15


@pytest.mark.parametrize("framework_id", ["dept-2566", "pcio-2566"])
def test_simulated_cycles_read_the_same(tmp_path: Path, framework_id: str) -> None:
    fw = load_framework(framework_id)
    d = simulated(fw, 300, 3, tmp_path)
    tiers = {a.id: a.tier for a in read_agencies(d / "agencies.csv")}
    fast, slow = _pair(d / "answers.csv", fw, tiers)
    _assert_same(fast, slow)
    assert fast.rows > 300 * 20


def _written(
    doc: dict[str, Any], fw: Framework, out: Path, sources: dict[str, Path | None]
) -> tuple[bytes, bytes]:
    json_path, csv_path = write_results(doc, out, fw, sources=sources)
    return json_path.read_bytes(), csv_path.read_bytes()


def test_results_files_are_the_plain_encoding(tmp_path: Path) -> None:
    fw = load_framework(FORMS)
    agencies, answers = random_cycle(fw, 300, 9)
    (tmp_path / "in.csv").write_text("x\n", encoding="utf-8")
    doc = score_cycle(fw, agencies, answers)
    doc["agencies"][0]["overall"]["score"] = -0.0  # formatted apart from 0.0
    doc["agencies"][1]["overall"]["score"] = 1e-05
    doc["agencies"][2]["overall"]["score"] = 2  # an int where a float usually is
    scored = [a for a in doc["agencies"] if a["status"] == "scored"]
    del scored[0]["sub_pillars"]["A.2"]  # entries missing or empty: empty cells
    scored[1]["pillars"]["B"] = {}
    sources: dict[str, Path | None] = {"answers": tmp_path / "in.csv", "previous": None}
    text, table = _written(doc, fw, tmp_path / "out" / "results.json", sources)
    stamp = json.loads(text)
    doc.update(dgmm_version=stamp["dgmm_version"], generated_at=stamp["generated_at"])
    ref_text, ref_table = reference_files(doc, fw, tmp_path / "out" / "results.json", sources)
    assert table == ref_table
    # the JSON holds the same values in the same order (-0.0 apart from 0.0); numbers may be spelled
    # differently (orjson writes 1e-5 where json.dumps writes 1e-05), which any JSON reader reads alike
    assert canonical(text) == canonical(ref_text)
    assert b",-0.0," in table and b",0.0," in table and b",1e-05," in table


def canonical(text: bytes) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_a_score_that_is_not_a_number_stops_the_writing_naming_the_agency(tmp_path: Path, bad: float) -> None:
    fw = load_framework(FORMS)
    agencies, answers = random_cycle(fw, 20, 9)
    doc = score_cycle(fw, agencies, answers)
    scored = next(a for a in doc["agencies"] if a["status"] == "scored")
    topic = next(iter(scored["topics"]))
    scored["topics"][topic]["score"] = bad
    with pytest.raises(ResultsError, match=rf"agency {scored['id']}: score of {re.escape(topic)} is"):
        write_results(doc, tmp_path / "out" / "results.json", fw, sources={})
    assert not (tmp_path / "out" / "results.json").exists()


def test_a_missing_source_file_writes_nothing(tmp_path: Path) -> None:
    fw = load_framework(FORMS)
    agencies, answers = random_cycle(fw, 20, 9)
    doc = score_cycle(fw, agencies, answers)
    with pytest.raises(FileNotFoundError):
        write_results(doc, tmp_path / "out" / "results.json", fw, sources={"answers": tmp_path / "gone.csv"})
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_problems_are_met_in_the_plain_order(tmp_path: Path) -> None:
    """Sources are hashed first, then the CSV is made, then the JSON: a document with several problems
    fails on the one that order meets first, as with one plain pass."""
    fw = load_framework(FORMS)
    agencies, answers = random_cycle(fw, 100, 2)
    doc = score_cycle(fw, agencies, answers)
    doc["agencies"][5]["topics"]["A.1.T1"]["score"] = object()  # not JSON
    with pytest.raises(FileNotFoundError):
        write_results(doc, tmp_path / "r.json", fw, sources={"answers": tmp_path / "gone.csv"})
    doc["cohort"]["all"] = {1j}  # not JSON, and before the agencies
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        write_results(doc, tmp_path / "r.json", fw)
    del doc["agencies"][90]["status"]  # the CSV needs it
    with pytest.raises(KeyError, match="status"):
        write_results(doc, tmp_path / "r.json", fw)
    assert not (tmp_path / "r.json").exists()
