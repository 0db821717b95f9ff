"""`dgmm whatif` and `dgmm plan` end to end on a simulated PCIO cycle: output, JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dgmm import load_framework, read_results
from dgmm.cli.main import cli
from dgmm.inheritance import plan_for


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("whatif-cli")
    run = CliRunner()
    res = run.invoke(cli, ["simulate", "pcio-2566", "--agencies", "30", "--seed", "4", "-o", str(d)])
    assert res.exit_code == 0, res.output
    out = d / "results.json"
    res = run.invoke(
        cli,
        [
            "score",
            "pcio-2566",
            "--agencies",
            str(d / "agencies.csv"),
            "--answers",
            str(d / "answers.csv"),
            "-o",
            str(out),
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    return out


def scored(results: Path) -> dict[str, Any]:
    return next(r for r in read_results(results)["agencies"] if r["status"] == "scored" and r["parent_id"])


def own_number(fw_id: str = "pcio-2566") -> tuple[str, str]:
    """A whole-number input the agency answers itself, and a value it accepts."""
    fw = load_framework(fw_id)
    plan = plan_for(fw, True)
    code, inp = next((c, i) for c, i in fw.inputs.items() if i.type == "integer" and not plan.is_inherited(c))
    return code, str(int(inp.bounds[1]) if inp.bounds[1] is not None else 1)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_whatif_prints_now_and_projected(results: Path) -> None:
    rec = scored(results)
    code, value = own_number()
    res = invoke("whatif", str(results), rec["id"], "--set", f"{code}={value}")
    assert res.exit_code == 0, res.output
    assert res.output.startswith(rec["id"])
    assert "Overall: " in res.output and "→" in res.output and "Rank: " in res.output
    data = json.loads(invoke("whatif", str(results), rec["id"], "--set", f"{code}={value}", "--json").output)
    assert data["overall"]["score"] == rec["overall"]["score"]
    assert (data["group"], data["rank"]) == (rec["group"], rec["rank"])
    assert data["changes"] == {code: int(value)}
    th = invoke("whatif", str(results), rec["id"], "--set", f"{code}={value}", "--lang", "th")
    assert th.exit_code == 0 and "ภาพรวม" in th.output and "ลำดับ" in th.output


def test_whatif_refuses_bad_values_inherited_inputs_and_unknown_agencies(results: Path) -> None:
    rec = scored(results)
    code, _ = own_number()
    bad = invoke("whatif", str(results), rec["id"], "--set", f"{code}=many")
    assert bad.exit_code == 1
    assert f"Error: input {code}: expected a whole number" in bad.output
    fw = load_framework("pcio-2566")
    inherited = next(c for c in fw.inputs if plan_for(fw, True).is_inherited(c))
    res = invoke("whatif", str(results), rec["id"], "--set", f"{inherited}=1")
    assert res.exit_code == 1 and "not the agency's to change" in res.output
    res = invoke("whatif", str(results), "nobody", "--set", f"{code}=1")
    assert res.exit_code == 1 and "agency 'nobody' is not in these results" in res.output
    res = invoke("whatif", str(results), rec["id"], "--set", "P1=")
    assert res.exit_code == 1 and "unknown input code" in res.output
    res = invoke("whatif", str(results), rec["id"], "--set", code)
    assert res.exit_code == 2 and "expected INPUT=VALUE" in res.output
    res = invoke("whatif", str(results), rec["id"])
    assert res.exit_code == 2


def test_plan_lists_change_sets_that_reach_the_target(results: Path) -> None:
    rec = scored(results)
    level = rec["overall"]["level"]
    target = f"overall={min(level + 1, 5)}"
    res = invoke("plan", str(results), rec["id"], "--target", target, "--max", "2", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["target"] == {"node": "overall", "kind": "overall", "level": min(level + 1, 5)}
    for s in data["sets"]:
        assert s["projection"]["overall"]["projected_level"] >= min(level + 1, 5)
        assert s["size"] == len(s["changes"]) > 0
    text = invoke("plan", str(results), rec["id"], "--target", target, "--max", "2")
    assert text.exit_code == 0
    assert "Target: Overall level" in text.output
    assert ("Option 1:" in text.output) == bool(data["sets"])
    th = invoke("plan", str(results), rec["id"], "--target", target, "--max", "1", "--lang", "th")
    assert th.exit_code == 0 and "เป้าหมาย" in th.output


def test_plan_says_when_no_change_of_the_agency_reaches_the_target(results: Path) -> None:
    fw = load_framework("pcio-2566")
    inherited = [t.id for t in fw.iter_topics() if t.from_parent]
    # an agency and a topic its parent answers that is below the top level (the simulated cycle has many)
    rec, topic_id = next(
        (r, t)
        for r in read_results(results)["agencies"]
        if r["status"] == "scored" and r["parent_id"]
        for t in inherited
        if (r["topics"][t]["level"] or 0) < 5
    )
    now = rec["topics"][topic_id]["level"] or 0
    res = invoke("plan", str(results), rec["id"], "--target", f"{topic_id}={now + 1}")
    assert res.exit_code == 0, res.output
    assert "No set of answer changes found that reaches this target." in res.output
    done = invoke("plan", str(results), rec["id"], "--target", f"overall={rec['overall']['level']}")
    assert "The agency is at this level already." in done.output


@pytest.mark.parametrize(
    ("target", "expected"),
    [("P4", "expected NODE=LEVEL"), ("P4=9", "must be 1 to 5"), ("PX=3", "no topic, sub-pillar or pillar")],
)
def test_plan_names_what_a_target_should_be(results: Path, target: str, expected: str) -> None:
    res = invoke("plan", str(results), scored(results)["id"], "--target", target)
    assert res.exit_code == 1 and expected in res.output
