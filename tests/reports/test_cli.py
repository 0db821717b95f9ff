"""`dgmm report`: exit codes, messages, files written, and the resumable batch."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from dgmm.cli.main import cli
from dgmm.reports.cycle import ReportCycle
from tests.reports.builders import SEED001_FRAMEWORK
from tests.reports.conftest import pdf_text, squash


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_one_agency_report(simulated: Path, tmp_path: Path) -> None:
    agency = ReportCycle.load(simulated).scored[0]["id"]
    code, out = run(
        "report", "agency", str(simulated), "--agency", agency, "-o", str(tmp_path / "a.pdf"), "--lang", "en"
    )
    assert code == 0, out
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "Recommendations" in pdf_text(tmp_path / "a.pdf")


def test_batch_renders_in_parallel_then_skips_up_to_date_reports(simulated: Path, tmp_path: Path) -> None:
    ids = [a["id"] for a in ReportCycle.load(simulated).scored[:6]]
    args = [
        "report",
        "agency",
        str(simulated),
        *[x for i in ids for x in ("--agency", i)],
        "-o",
        str(tmp_path),
        "-j",
        "2",
    ]
    code, out = run(*args)
    assert code == 0, out
    assert "rendered 6, up to date 0, failed 0" in out
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(f"{i}.pdf" for i in ids)
    code, out = run(*args)
    assert code == 0 and "rendered 0, up to date 6" in out
    # a newer results file makes every report out of date; --force renders anyway
    later = os.stat(simulated).st_mtime + 10
    for p in tmp_path.glob("*.pdf"):
        os.utime(p, (later - 20, later - 20))
    os.utime(simulated, (later, later))
    code, out = run(*args[:-2], "-j", "1")
    assert code == 0 and "rendered 6, up to date 0" in out
    code, out = run(*args, "--force")
    assert code == 0 and "rendered 6" in out


def test_command_line_errors(simulated: Path, tmp_path: Path) -> None:
    code, out = run("report", "agency", str(simulated), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and "--agency" in out
    code, out = run("report", "agency", str(simulated), "--agency", "nobody", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "'nobody' is not in" in out
    code, out = run(
        "report", "agency", str(tmp_path / "missing.json"), "--agency", "a", "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "file not found" in out


def test_province_letter_by_name_with_letter_file(seed003: ReportCycle, tmp_path: Path) -> None:
    letter = tmp_path / "letter.yaml"
    letter.write_text(
        "number: สพร 0001/2561\ndate: 2018-03-07\nsignatory: นายทดสอบ รายงาน\n", encoding="utf-8"
    )
    out_pdf = tmp_path / "letter.pdf"
    code, out = run(
        "report",
        "province",
        str(seed003.path),
        "--province",
        "ฉะเชิงเทรา",
        "--letter",
        str(letter),
        "-o",
        str(out_pdf),
        "--thai-digits",
    )
    assert code == 0, out
    text = squash(pdf_text(out_pdf))
    assert "๗มีนาคม๒๕๖๑" in text and "๓๒.๙" in text
    letter.write_text("colour: red\n", encoding="utf-8")
    code, out = run(
        "report",
        "province",
        str(seed003.path),
        "--province",
        "TH-24",
        "--letter",
        str(letter),
        "-o",
        str(out_pdf),
    )
    assert code == 1 and "unknown letter field(s) colour" in out


def test_national_deck(seed001: list[ReportCycle], tmp_path: Path) -> None:
    out_pdf = tmp_path / "deck.pdf"
    files = [str(c.path) for c in seed001]
    code, out = run("report", "national", *files, "-o", str(out_pdf))
    assert code == 1 and "survey-2562" in out  # the fixture's framework is not shipped: said so
    code, out = run("report", "national", *files, "--framework", str(SEED001_FRAMEWORK), "-o", str(out_pdf))
    assert code == 0, out
    assert "89.3%" in pdf_text(out_pdf)


def test_batch_refuses_a_missing_answers_file_before_rendering(simulated: Path, tmp_path: Path) -> None:
    import json
    import shutil

    copy = tmp_path / "cycle"
    shutil.copytree(simulated.parent, copy, ignore=shutil.ignore_patterns("previous"))
    doc = json.loads((copy / "results.json").read_text(encoding="utf-8"))
    doc["sources"]["previous"] = None
    (copy / "results.json").write_text(json.dumps(doc), encoding="utf-8")
    (copy / "answers.csv").unlink()
    code, out = run(
        "report", "agency", str(copy / "results.json"), "--all", "-o", str(tmp_path / "out"), "--quiet"
    )
    assert code == 1 and "answers.csv, which is missing" in out
    assert not list((tmp_path / "out").glob("*.pdf"))
    code, out = run(
        "report",
        "agency",
        str(copy / "results.json"),
        "--all",
        "-o",
        str(tmp_path / "out"),
        "--quiet",
        "--criteria-only",
        "-j",
        "1",
    )
    assert code == 0, out
