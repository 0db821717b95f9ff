"""Files are written whole or not at all, with the mode an
ordinary new file gets (not the temporary file's 0600)."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from dgmm.atomic import atomic_open, umask, write_atomic
from dgmm.cli.main import cli


@pytest.fixture
def group_readable_umask():
    old = os.umask(0o027)
    try:
        yield 0o640
    finally:
        os.umask(old)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_the_umask_is_read_without_changing_it(group_readable_umask):
    assert umask() == 0o027 and umask() == 0o027


def test_a_written_file_gets_the_usual_mode_and_its_content(tmp_path, group_readable_umask):
    target = tmp_path / "sub" / "results.json"
    write_atomic(target, [b"{", b"}"])
    assert target.read_bytes() == b"{}" and mode(target) == group_readable_umask
    with atomic_open(tmp_path / "answers.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("agency_id,input,value\r\n")
    assert mode(tmp_path / "answers.csv") == group_readable_umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "results.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as fh:
        fh.write(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json"]


def test_results_files_are_readable_by_the_group(tmp_path, group_readable_umask):
    """The whole path a user takes: simulate, then score."""

    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["simulate", "dept-2566", "--agencies", "5", "--seed", "1", "-o", str(tmp_path)]
        ).exit_code
        == 0
    )
    out = tmp_path / "results.json"
    result = runner.invoke(
        cli,
        [
            "score",
            "dept-2566",
            "--agencies",
            str(tmp_path / "agencies.csv"),
            "--answers",
            str(tmp_path / "answers.csv"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    written = [p for p in tmp_path.iterdir() if p.is_file()]
    assert {p.name for p in written} >= {"agencies.csv", "answers.csv", "results.json"}
    assert all(mode(p) == group_readable_umask for p in written), {p.name: oct(mode(p)) for p in written}
