"""`dgmm whatif` and `dgmm plan`: an agency's projected results with planned answer changes, and the
smallest sets of changes that reach a target level (dgmm.whatif)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dgmm.answers import AnswerSet, read_answers
from dgmm.errors import ResultsError
from dgmm.framework.schema import Framework, Text
from dgmm.loading import load_framework
from dgmm.registry import read_agencies
from dgmm.results import agency, counting_of, read_results, source_path
from dgmm.rounding import display
from dgmm.whatif import LIMIT, MAX_SETS, OVERALL, ChangeSet, NodeChange, Projection, WhatIf, change_words

WORDS: dict[str, dict[str, str]] = {
    "overall": {"en": "Overall", "th": "ภาพรวม"},
    "level": {"en": "level", "th": "ระดับ"},
    "group": {"en": "Group", "th": "กลุ่ม"},
    "rank": {"en": "Rank", "th": "ลำดับ"},
    "of": {"en": "of", "th": "จาก"},
    "changed": {"en": "Changed", "th": "ที่เปลี่ยน"},
    "nothing": {"en": "No level or score changes.", "th": "ไม่มีระดับหรือคะแนนใดเปลี่ยน"},
    "not_scored": {
        "en": "With these changes the agency answers nothing itself, so it would not be scored.",
        "th": "เมื่อเปลี่ยนแล้ว หน่วยงานไม่มีคำตอบของตนเอง จึงจะไม่มีผลการประเมิน",
    },
    "target": {"en": "Target", "th": "เป้าหมาย"},
    "now": {"en": "now", "th": "ปัจจุบัน"},
    "reached": {"en": "The agency is at this level already.", "th": "หน่วยงานอยู่ในระดับนี้แล้ว"},
    "none": {
        "en": "No set of answer changes found that reaches this target.",
        "th": "ไม่พบชุดการเปลี่ยนคำตอบที่ทำให้ถึงเป้าหมายนี้",
    },
    "cut": {
        "en": "The search stopped at its limit ({tried} projections): smaller or other sets may exist.",
        "th": "การค้นหาหยุดเมื่อถึงขีดจำกัด ({tried} ครั้ง) อาจมีชุดที่เล็กกว่าหรือชุดอื่นอีก",
    },
    "set": {"en": "Option {n}: {size} answer change(s)", "th": "ทางเลือกที่ {n}: เปลี่ยนคำตอบ {size} ข้อ"},
    "answers": {"en": "Answers to change:", "th": "คำตอบที่ต้องเปลี่ยน:"},
    "steps": {"en": "What to do:", "th": "สิ่งที่ต้องทำ:"},
    "gives": {"en": "Gives", "th": "ผลที่ได้"},
}


def word(key: str, lang: str, **params: Any) -> str:
    return WORDS[key][lang].format(**params)


def _source(doc: dict[str, Any], key: str) -> Path:
    path = source_path(doc, key)
    if path is None:
        raise ResultsError(f"the results file does not name its {key} file; score it again with `dgmm score`")
    return path


def load_cycle(results: Path, answers_file: Path | None, sheet: str | None) -> tuple[WhatIf, dict[str, Any]]:
    """The cycle of a results file, with the answers it was scored from (or `answers_file`)."""
    doc = read_results(results)
    fw = load_framework(_source(doc, "framework"))
    agencies = read_agencies(_source(doc, "agencies"))
    path = answers_file if answers_file is not None else _source(doc, "answers")
    answers: AnswerSet = read_answers(path, fw, {a.id: a.tier for a in agencies}, sheet=sheet)
    return WhatIf(fw, answers, doc, counting_of(doc)), doc


def _names(fw: Framework) -> dict[str, Text]:
    out: dict[str, Text] = {}
    for p in fw.pillars:
        out[p.id] = p.name
        for sp in p.sub_pillars:
            out[sp.id] = sp.name
            for t in sp.topics:
                out[t.id] = t.name
                out.update((st.id, st.name) for st in t.sub_topics)
    return out


def _level(n: int | None) -> str:
    return "-" if n is None else str(n)


def node_line(n: NodeChange, name: Text | None, lang: str) -> str:
    label = word("overall", lang) if n.id == OVERALL else f"{n.id} {name.get(lang) if name else ''}".strip()
    lv = word("level", lang)
    return (
        f"{label}: {display(n.score)} ({lv} {_level(n.level)}) → "
        f"{display(n.projected_score)} ({lv} {_level(n.projected_level)})"
    )


def projection_lines(p: Projection, fw: Framework, lang: str, indent: str = "  ") -> list[str]:
    names = _names(fw)
    groups = {g.id: g.name for g in fw.aggregation.groups}

    def group(g: str | None) -> str:
        return "-" if g is None else groups[g].get(lang) if g in groups else g

    out = [indent + node_line(p.overall, None, lang)]
    if not p.scored:
        out.append(indent + word("not_scored", lang))
    out.append(f"{indent}{word('group', lang)}: {group(p.group)} → {group(p.projected_group)}")
    out.append(
        f"{indent}{word('rank', lang)}: {_level(p.rank)} → {_level(p.projected_rank)} "
        f"{word('of', lang)} {p.cohort}"
    )
    changed = [n for n in p.changed_nodes() if n.id != OVERALL]
    if not changed:
        out.append(indent + word("nothing", lang))
        return out
    out.append(f"{indent}{word('changed', lang)}:")
    for kind in ("pillar", "sub_pillar", "topic"):
        out += [f"{indent}  {node_line(n, names.get(n.id), lang)}" for n in changed if n.kind == kind]
    return out


def _pairs(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        code, sep, value = v.partition("=")
        if not sep or not code.strip():
            raise click.BadParameter(f"{v!r}: expected INPUT=VALUE, e.g. P1.1.a=yes", param_hint="--set")
        if code.strip() in out:
            raise click.BadParameter(f"input {code.strip()} is set twice", param_hint="--set")
        out[code.strip()] = value
    return out


_COMMON = [
    click.argument("results", type=click.Path(dir_okay=False, path_type=Path)),
    click.argument("agency_id"),
    click.option(
        "--answers",
        "answers_file",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Answers file to read instead of the one named in RESULTS.",
    ),
    click.option(
        "--sheet", help="Sheet of the answers workbook, when it was scored with `dgmm score --sheet`."
    ),
    click.option(
        "--lang", type=click.Choice(["th", "en"]), default="en", show_default=True, help="Language."
    ),
    click.option("--json", "as_json", is_flag=True, help="Print JSON."),
]


def _common(f: Any) -> Any:
    for deco in reversed(_COMMON):
        f = deco(f)
    return f


@click.command("whatif")
@_common
@click.option(
    "--set",
    "sets",
    multiple=True,
    required=True,
    metavar="INPUT=VALUE",
    help="A planned answer (repeatable).",
)
def whatif(
    results: Path,
    agency_id: str,
    answers_file: Path | None,
    sheet: str | None,
    lang: str,
    as_json: bool,
    sets: tuple[str, ...],
) -> None:
    """Project an agency's levels, score, group and rank if it changed some answers.

    Values are written as in an answers file. The other agencies' scores and the cycle's cut-offs stay
    as RESULTS has them.
    """
    planned = _pairs(sets)
    w, doc = load_cycle(results, answers_file, sheet)
    rec = agency(doc, agency_id)
    p = w.project(agency_id, w.parse(agency_id, planned))
    if as_json:
        click.echo(json.dumps(p.as_dict(), ensure_ascii=False, indent=2))
        return
    name = rec["name_th"] if lang == "th" else (rec["name_en"] or rec["name_th"])
    click.echo(f"{agency_id} {name}")
    for line in projection_lines(p, w.framework, lang):
        click.echo(line)


@click.command("plan")
@_common
@click.option("--target", "target_text", required=True, metavar="NODE=LEVEL", help="e.g. P4=4, overall=4.")
@click.option(
    "--max", "max_sets", type=click.IntRange(1, 20), default=MAX_SETS, show_default=True, help="Change sets."
)
@click.option(
    "--limit",
    type=click.IntRange(10, 50_000),
    default=LIMIT,
    show_default=True,
    help="Projections the search may make.",
)
def plan(
    results: Path,
    agency_id: str,
    answers_file: Path | None,
    sheet: str | None,
    lang: str,
    as_json: bool,
    target_text: str,
    max_sets: int,
    limit: int,
) -> None:
    """The smallest sets of answer changes that take a topic, pillar or the overall to a level.

    Each set is checked by projection: it reaches the target, and no strict subset of it does.
    """
    w, doc = load_cycle(results, answers_file, sheet)
    rec = agency(doc, agency_id)
    target = w.target(target_text)
    search = w.targets(agency_id, target, max_sets=max_sets, limit=limit)
    if as_json:
        click.echo(json.dumps(search.as_dict(), ensure_ascii=False, indent=2))
        return
    name = rec["name_th"] if lang == "th" else (rec["name_en"] or rec["name_th"])
    names = _names(w.framework)
    node = (
        word("overall", lang) if target.node == OVERALL else f"{target.node} {names[target.node].get(lang)}"
    )
    click.echo(f"{agency_id} {name}")
    click.echo(
        f"{word('target', lang)}: {node} {word('level', lang)} {target.level} "
        f"({word('now', lang)}: {_level(search.level)})"
    )
    if search.reached:
        click.echo(word("reached", lang))
        return
    if not search.sets:
        click.echo(word("none", lang))
    for i, cs in enumerate(search.sets, start=1):
        click.echo("")
        click.secho(word("set", lang, n=i, size=cs.size), bold=True)
        for line in change_set_lines(cs, w.framework, lang):
            click.echo(line)
    if search.cut:
        click.echo("\n" + word("cut", lang, tried=search.tried))


def change_set_lines(cs: ChangeSet, fw: Framework, lang: str) -> list[str]:
    out = [f"  {word('answers', lang)}"]
    for code, after in cs.changes.items():
        out.append(f"    - {change_words(fw.inputs, code, cs.before.get(code), after).get(lang)}")
    if cs.steps:
        out.append(f"  {word('steps', lang)}")
        out += [f"    - {s.text.get(lang)}" for s in cs.steps]
    out.append(f"  {word('gives', lang)}:")
    out += projection_lines(cs.projection, fw, lang, indent="    ")
    return out
