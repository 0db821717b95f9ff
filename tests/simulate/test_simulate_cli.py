"""`dgmm simulate` end to end."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dgmm.cli.main import cli

FIXTURE = str(Path(__file__).resolve().parent / "fixtures" / "sim-mini.yaml")


def test_simulate_writes_both_files(tmp_path: Path) -> None:
    out = tmp_path / "cycle"
    res = CliRunner().invoke(cli, ["simulate", FIXTURE, "--agencies", "40", "--seed", "3", "-o", str(out)])
    assert res.exit_code == 0, res.output
    agencies = (out / "agencies.csv").read_text(encoding="utf-8").splitlines()
    answers = (out / "answers.csv").read_text(encoding="utf-8").splitlines()
    assert len(agencies) == 41
    assert len(answers) > 40
    assert sorted(p.name for p in out.iterdir()) == ["agencies.csv", "answers.csv"]
    summary = res.stdout.strip().splitlines()
    assert len(summary) == 1 and "40 department agencies" in summary[0] and "seed 3" in summary[0]


def test_simulate_is_deterministic_through_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("a", "b"):
        res = runner.invoke(
            cli,
            [
                "simulate",
                FIXTURE,
                "-n",
                "60",
                "-s",
                "8",
                "--tier",
                "pcio",
                "--progress",
                "-o",
                str(tmp_path / name),
            ],
        )
        assert res.exit_code == 0, res.output
    for file in ("agencies.csv", "answers.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_default_size_is_the_tier_population(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["simulate", FIXTURE, "--tier", "pcio", "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "76 pcio agencies (+1 parent department)" in res.stdout


def test_unknown_framework_is_named(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["simulate", "no-such-framework", "-n", "5", "-o", str(tmp_path / "x")])
    assert res.exit_code == 1
    assert "no-such-framework" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "x").exists()


def test_tier_the_framework_lacks(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["simulate", FIXTURE, "--tier", "local", "-o", str(tmp_path)])
    assert res.exit_code == 1
    assert "no tier 'local'" in res.output


def test_bad_command_line(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["simulate", FIXTURE, "--agencies", "-3", "-o", str(tmp_path)])
    assert res.exit_code == 2
    res = CliRunner().invoke(cli, ["simulate", FIXTURE])
    assert res.exit_code == 2 and "--out" in res.output


def test_help_describes_the_command() -> None:
    res = CliRunner().invoke(cli, ["simulate", "--help"])
    assert res.exit_code == 0
    assert "agencies.csv" in res.output and "--seed" in res.output
