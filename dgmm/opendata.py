"""A published cycle as open data (docs/public-data.md): tables, files, a Frictionless Data Package and DCAT.

Everything here is made from the cycle's public aggregates (`dgmm.aggregates`) and, only when the cycle
publishes agency results, its results documents (the agency table). `tables` lays the aggregates out as
tidy tables; `csv_bytes` and `workbook_bytes` write them (every text cell through `dgmm.cells.inert`);
`datapackage` describes the CSV tables as a Frictionless Data Package (a table schema each, Thai and
English titles, the licence); `dcat_dataset` and `dcat_catalog` describe the files as DCAT (JSON-LD),
which a CKAN portal harvests; `package_files` gives every file of the package by name and `zip_bytes`
all of them in one archive.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dgmm.aggregates import tier_order
from dgmm.cells import append_row, inert

LICENSE: Mapping[str, str] = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
AGGREGATES_FILE = "aggregates.json"
PACKAGE_FILE = "datapackage.json"
WORKBOOK_FILE = "tables.xlsx"
ZIP_FILE = "package.zip"
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "yaml": "application/yaml",
    "zip": "application/zip",
}
DIGITS = 6  # decimals kept of a score in a CSV or XLSX cell (as results.csv keeps them)
# A package's name (Frictionless: lowercase letters, digits, '.', '-', '_'): also the folder of the zip.
NAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


def check_name(name: str) -> str:
    """`name` if it may name a package (`NAME_RE`), else ValueError saying what is expected."""
    if not NAME_RE.fullmatch(name):
        raise ValueError(
            f"package name {name!r}: expected 1 to 100 lowercase letters, digits, '.', '-' or '_', "
            "starting with a letter or digit"
        )
    return name


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean
    title_en: str
    title_th: str
    description_en: str = ""
    description_th: str = ""

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title_en}
        out["description"] = self.description_en or self.title_en
        out["title_th"] = self.title_th
        if self.description_th:
            out["description_th"] = self.description_th
        return out


@dataclass
class Table:
    name: str
    title_en: str
    title_th: str
    description_en: str
    description_th: str
    fields: list[Field]
    primary_key: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _f(name: str, type_: str, en: str, th: str, desc_en: str = "", desc_th: str = "") -> Field:
    return Field(name, type_, en, th, desc_en, desc_th)


TIER = _f("tier", "string", "Tier", "ระดับหน่วยงาน", "department, provincial, pcio or local")
SCOPE = _f("scope", "string", "Scope", "ขอบเขต", "overall, or the pillar's id", "overall = คะแนนรวม หรือรหัสมิติ")
STATS = [
    _f("count", "integer", "Agencies with a score", "จำนวนหน่วยงานที่มีคะแนน"),
    _f("mean", "number", "Mean score (0-100)", "คะแนนเฉลี่ย (0-100)"),
    _f("median", "number", "Median score", "มัธยฐานของคะแนน"),
    _f("min", "number", "Lowest score", "คะแนนต่ำสุด"),
    _f("max", "number", "Highest score", "คะแนนสูงสุด"),
]
CHANGE = [
    _f("previous_mean", "number", "Mean score of the previous cycle", "คะแนนเฉลี่ยรอบก่อน"),
    _f("change", "number", "Change since the previous cycle", "การเปลี่ยนแปลงจากรอบก่อน"),
]
NAMES = [
    _f("name_th", "string", "Name (Thai)", "ชื่อ (ไทย)"),
    _f("name_en", "string", "Name (English)", "ชื่อ (อังกฤษ)"),
]


def _num(v: Any) -> Any:
    return round(v, DIGITS) if isinstance(v, float) else v


def _stats(s: Mapping[str, Any] | None) -> list[Any]:
    s = s or {}
    return [s.get("count"), *(_num(s.get(k)) for k in ("mean", "median", "min", "max"))]


def _tiers(aggregates: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(aggregates["tiers"])


def _pillar_names(t: Mapping[str, Any]) -> dict[str, Mapping[str, str]]:
    return {p["id"]: p["name"] for p in t["framework"]["pillars"]}


def _response(aggregates: Mapping[str, Any]) -> Table:
    statuses = ("no_answers", "not_submitted", "returned", "not_approved")
    table = Table(
        "response",
        "Response by tier",
        "การตอบแบบสำรวจตามระดับหน่วยงาน",
        "Agencies invited, whose answers count and scored, and the response rate, per tier.",
        "จำนวนหน่วยงานที่สำรวจ ที่นับคำตอบ และที่มีผลการประเมิน พร้อมอัตราการตอบกลับ แยกตามระดับหน่วยงาน",
        [
            TIER,
            _f("invited", "integer", "Agencies invited", "หน่วยงานที่สำรวจ"),
            _f("counted", "integer", "Agencies whose answers count", "หน่วยงานที่นับคำตอบ"),
            _f("scored", "integer", "Agencies scored", "หน่วยงานที่มีผลการประเมิน"),
            _f("rate", "number", "Response rate (%)", "อัตราการตอบกลับ (%)", "scored / invited x 100"),
            _f("no_answers", "integer", "No answers", "ไม่มีคำตอบ"),
            _f("not_submitted", "integer", "Not submitted", "ไม่ได้ส่ง"),
            _f("returned", "integer", "Returned for correction", "ส่งกลับให้แก้ไข"),
            _f("not_approved", "integer", "Not approved", "ยังไม่อนุมัติ"),
        ],
        ["tier"],
    )
    for t in _tiers(aggregates):
        r = t["response"]
        table.rows.append(
            [
                t["tier"],
                r["invited"],
                r["counted"],
                r["scored"],
                _num(r["rate"]),
                *(r["by_status"].get(s, 0) for s in statuses),
            ]
        )
    return table


def _scores(aggregates: Mapping[str, Any]) -> Table:
    table = Table(
        "scores",
        "Scores by tier and pillar",
        "คะแนนตามระดับหน่วยงานและมิติ",
        "Overall and pillar scores of the scored agencies of each tier, with the change since the "
        "previous cycle (pillars: only under the same framework).",
        "คะแนนรวมและคะแนนรายมิติของหน่วยงานที่มีผลการประเมิน แยกตามระดับหน่วยงาน พร้อมการเปลี่ยนแปลงจากรอบก่อน",
        [TIER, SCOPE, *NAMES, *STATS, *CHANGE],
        ["tier", "scope"],
    )
    for t in _tiers(aggregates):
        s = t["scores"]
        table.rows.append(
            [t["tier"], "overall", "คะแนนรวม", "Overall", *_stats(s["overall"]), *_change(s, None)]
        )
        for pid, name in _pillar_names(t).items():
            table.rows.append(
                [
                    t["tier"],
                    pid,
                    name["th"],
                    name["en"],
                    *_stats(s["pillars"].get(pid)),
                    _num(s["previous_pillars"].get(pid)),
                    _num(s["pillar_changes"].get(pid)),
                ]
            )
    return table


def _change(s: Mapping[str, Any], _pid: None) -> list[Any]:
    return [_num(s.get("previous_overall")), _num(s.get("change"))]


def _levels(aggregates: Mapping[str, Any]) -> Table:
    table = Table(
        "levels",
        "Level distribution",
        "การกระจายตัวของระดับ",
        "Scored agencies per maturity level, overall and per pillar, per tier.",
        "จำนวนหน่วยงานในแต่ละระดับความพร้อม ทั้งภาพรวมและรายมิติ แยกตามระดับหน่วยงาน",
        [
            TIER,
            SCOPE,
            _f("level", "integer", "Level", "ระดับ"),
            _f("level_th", "string", "Level name (Thai)", "ชื่อระดับ (ไทย)"),
            _f("level_en", "string", "Level name (English)", "ชื่อระดับ (อังกฤษ)"),
            _f("agencies", "integer", "Agencies", "จำนวนหน่วยงาน"),
        ],
        ["tier", "scope", "level"],
    )
    for t in _tiers(aggregates):
        names = {lv["level"]: lv for lv in t["framework"]["levels"]}
        scopes = [("overall", t["levels"]["overall"]), *t["levels"]["pillars"].items()]
        for scope, dist in scopes:
            for level in sorted(names):
                n = names[level]
                table.rows.append([t["tier"], scope, level, n["th"], n["en"], int(dist.get(str(level), 0))])
    return table


def _breakdown(aggregates: Mapping[str, Any], key: str, name: str, what_en: str, what_th: str) -> Table:
    table = Table(
        name,
        f"Scores by {what_en}",
        f"คะแนนราย{what_th}",
        f"Overall and pillar scores per {what_en} and tier. A {what_en} with fewer scored agencies than "
        "the framework's small-group minimum shows no score (suppressed); so does a pillar fewer agencies "
        "have a score for.",
        f"คะแนนรวมและรายมิติของแต่ละ{what_th} {what_th}ที่มีหน่วยงานน้อยกว่าเกณฑ์กลุ่มเล็กจะไม่แสดงคะแนน",
        [
            TIER,
            _f("code", "string", f"{what_en.capitalize()} code", f"รหัส{what_th}"),
            *NAMES,
            _f("invited", "integer", "Agencies invited", "หน่วยงานที่สำรวจ"),
            _f("scored", "integer", "Agencies scored", "หน่วยงานที่มีผลการประเมิน"),
            _f("suppressed", "boolean", "Suppressed (small group)", "ไม่แสดงคะแนน (กลุ่มเล็ก)"),
            SCOPE,
            *STATS,
            *CHANGE,
        ],
        ["tier", "code", "scope"],
    )
    for t in _tiers(aggregates):
        for row in t[key]:
            head = [
                t["tier"],
                row["code"],
                row["name_th"],
                row["name_en"],
                row["invited"],
                row["scored"],
                row["suppressed"],
            ]
            table.rows.append(
                [
                    *head,
                    "overall",
                    *_stats(row["overall"]),
                    _num(row["previous_overall"]),
                    _num(row["change"]),
                ]
            )
            for pid, stats in row["pillars"].items():
                previous, change = row["previous_pillars"].get(pid), row["pillar_changes"].get(pid)
                table.rows.append([*head, pid, *_stats(stats), _num(previous), _num(change)])
    return table


def _grid(aggregates: Mapping[str, Any]) -> Table | None:
    tiers = [t for t in _tiers(aggregates) if t["grid"]]
    if not tiers:
        return None
    table = Table(
        "grid",
        "Performance/growth grid of the ministries",
        "ตารางผลการดำเนินงานและการเติบโตรายกระทรวง",
        "Each ministry's mean score and mean change since the previous cycle over its agencies scored "
        "in both cycles, and its quadrant (lines at the ministries' means).",
        "คะแนนเฉลี่ยและการเปลี่ยนแปลงเฉลี่ยของหน่วยงานในแต่ละกระทรวงที่มีผลทั้งสองรอบ และกลุ่มที่อยู่",
        [
            TIER,
            _f("code", "string", "Ministry code", "รหัสกระทรวง"),
            *NAMES,
            _f("agencies", "integer", "Agencies on the grid", "หน่วยงานที่อยู่ในตาราง"),
            _f("suppressed", "boolean", "Suppressed (small group)", "ไม่แสดง (กลุ่มเล็ก)"),
            _f("score", "number", "Mean score", "คะแนนเฉลี่ย"),
            _f("change", "number", "Mean change", "การเปลี่ยนแปลงเฉลี่ย"),
            _f(
                "quadrant",
                "string",
                "Quadrant",
                "กลุ่ม",
                "developed, maintain, rising_star or developing",
            ),
        ],
        ["tier", "code"],
    )
    for t in tiers:
        for u in t["grid"]["ministries"]["units"]:
            table.rows.append(
                [
                    t["tier"],
                    u["code"],
                    u["name_th"],
                    u["name_en"],
                    u["agencies"],
                    u["suppressed"],
                    _num(u["score"]),
                    _num(u["change"]),
                    u["quadrant"],
                ]
            )
    return table


QUESTION = [
    _f("question", "string", "Question (input code)", "รหัสคำถาม"),
    _f("question_th", "string", "Question (Thai)", "คำถาม (ไทย)"),
    _f("question_en", "string", "Question (English)", "คำถาม (อังกฤษ)"),
    _f("pillar", "string", "Pillar", "มิติ"),
    _f("respondents", "integer", "Respondents", "จำนวนผู้ตอบ"),
]


def _facts(aggregates: Mapping[str, Any]) -> list[Table]:
    tiers = [t for t in _tiers(aggregates) if t["facts"]]
    if not tiers:
        return []
    options = Table(
        "fact_options",
        "Fact finding: answers per option",
        "ข้อค้นพบ: จำนวนคำตอบแต่ละตัวเลือก",
        "Agencies whose answers count, per option of each choice question (a multiple-choice "
        "question's shares add up to more than 100).",
        "จำนวนหน่วยงานที่เลือกแต่ละตัวเลือกของคำถาม",
        [
            TIER,
            *QUESTION,
            _f("option", "string", "Option code", "รหัสตัวเลือก"),
            _f("option_th", "string", "Option (Thai)", "ตัวเลือก (ไทย)"),
            _f("option_en", "string", "Option (English)", "ตัวเลือก (อังกฤษ)"),
            _f("agencies", "integer", "Agencies", "จำนวนหน่วยงาน"),
            _f("share", "number", "Share of respondents (%)", "ร้อยละของผู้ตอบ"),
        ],
        ["tier", "question", "option"],
    )
    numbers = Table(
        "fact_numbers",
        "Fact finding: numeric answers",
        "ข้อค้นพบ: คำตอบที่เป็นตัวเลข",
        "Mean, median, lowest and highest answer of each numeric question (empty when fewer agencies "
        "than the small-group minimum answered).",
        "ค่าเฉลี่ย มัธยฐาน ค่าต่ำสุดและสูงสุดของคำตอบที่เป็นตัวเลข",
        [
            TIER,
            *QUESTION,
            _f("mean", "number", "Mean", "ค่าเฉลี่ย"),
            _f("median", "number", "Median", "มัธยฐาน"),
            _f("min", "number", "Lowest", "ต่ำสุด"),
            _f("max", "number", "Highest", "สูงสุด"),
        ],
        ["tier", "question"],
    )
    for t in tiers:
        for q in t["facts"]:
            head = [t["tier"], q["code"], q["label"]["th"], q["label"]["en"], q["pillar"], q["respondents"]]
            if q["options"] is not None:
                for o in q["options"]:
                    options.rows.append(
                        [*head, o["code"], o["label"]["th"], o["label"]["en"], o["count"], _num(o["share"])]
                    )
            else:
                n = q["numbers"] or {}
                numbers.rows.append([*head, *(_num(n.get(k)) for k in ("mean", "median", "min", "max"))])
    return [options, numbers]


def agency_table(aggregates: Mapping[str, Any], results: Sequence[Mapping[str, Any]]) -> Table:
    """Every agency of the results documents with its status, overall and pillar scores and levels,
    group and rank: the results' own figures (docs/results-format.md)."""
    pillars: dict[str, Mapping[str, str]] = {}
    for t in _tiers(aggregates):
        for pid, name in _pillar_names(t).items():
            pillars.setdefault(pid, name)
    fields = [
        TIER,
        _f("agency_id", "string", "Agency id", "รหัสหน่วยงาน"),
        *NAMES,
        _f("ministry", "string", "Ministry code", "รหัสกระทรวง"),
        _f("province", "string", "Province code", "รหัสจังหวัด"),
        _f(
            "status",
            "string",
            "Status",
            "สถานะ",
            "scored, no_answers, not_submitted, returned or not_approved",
        ),
        _f("overall_score", "number", "Overall score", "คะแนนรวม"),
        _f("overall_level", "integer", "Overall level", "ระดับรวม"),
        _f("group", "string", "Performance group", "กลุ่ม"),
        _f("rank", "integer", "Rank in the tier", "ลำดับ"),
    ]
    for pid, name in pillars.items():
        fields += [
            _f(f"{pid}_score", "number", f"{name['en']}: score", f"{name['th']}: คะแนน"),
            _f(f"{pid}_level", "integer", f"{name['en']}: level", f"{name['th']}: ระดับ"),
        ]
    table = Table(
        "agencies",
        "Results of every agency",
        "ผลการประเมินรายหน่วยงาน",
        "Every agency of the cycle with its status and, when scored, its overall and pillar scores and "
        "levels, performance group and rank.",
        "หน่วยงานทุกแห่งในรอบการสำรวจ พร้อมสถานะ คะแนนและระดับรวม รายมิติ กลุ่ม และลำดับ",
        fields,
        ["tier", "agency_id"],
    )
    for doc in sorted(results, key=tier_order):
        tier = (doc["cohort"].get("tiers") or [""])[0]
        for a in doc["agencies"]:
            ov = a.get("overall") or {}
            row = [
                tier,
                a["id"],
                a["name_th"],
                a["name_en"],
                a.get("ministry") or None,
                a.get("province") or None,
                a["status"],
                _num(ov.get("score")),
                ov.get("level"),
                a.get("group"),
                a.get("rank"),
            ]
            ps = a.get("pillars") or {}
            for pid in pillars:
                p = ps.get(pid) or {}
                row += [_num(p.get("score")), p.get("level")]
            table.rows.append(row)
    return table


def tables(aggregates: Mapping[str, Any], results: Sequence[Mapping[str, Any]] | None = None) -> list[Table]:
    """The aggregates as tables; the agency table too when the cycle publishes agency results and its
    results documents are given (never otherwise)."""
    out = [
        _response(aggregates),
        _scores(aggregates),
        _levels(aggregates),
        _breakdown(aggregates, "by_ministry", "ministries", "ministry", "กระทรวง"),
        _breakdown(aggregates, "by_province", "provinces", "province", "จังหวัด"),
    ]
    grid = _grid(aggregates)
    if grid is not None:
        out.append(grid)
    out += _facts(aggregates)
    if aggregates.get("agency_results") and results:
        out.append(agency_table(aggregates, results))
    return out


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if v is True or v is False:
        return "true" if v else "false"
    return inert(v)


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV (no byte order mark), text cells made inert, empty cells for no value."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f.name for f in table.fields])
    w.writerows([_cell(v) for v in row] for row in table.rows)
    return buf.getvalue().encode("utf-8")


def workbook_bytes(all_tables: Sequence[Table]) -> bytes:
    """One sheet per table (its name), a header row of field names, cells through `append_row`."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for table in all_tables:
        ws = wb.create_sheet(table.name[:31])
        append_row(ws, [f.name for f in table.fields])
        for row in table.rows:
            append_row(ws, ["" if v is None else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class PackageInfo:
    """What names and describes a cycle's package: its id (a slug), titles, dates and licence."""

    name: str
    title_th: str
    title_en: str
    description_th: str = ""
    description_en: str = ""
    issued: str | None = None  # ISO 8601 date-time of publication
    modified: str | None = None
    license: Mapping[str, str] = field(default_factory=lambda: dict(LICENSE))
    publisher: str = ""
    base_url: str = ""  # where the package's files are downloaded from, ending in "/"
    landing_page: str = ""
    keywords: tuple[str, ...] = ("digital government", "maturity", "รัฐบาลดิจิทัล")


def datapackage(
    info: PackageInfo,
    all_tables: Sequence[Table],
    extra: Sequence[tuple[str, str, str, str]] = (),
) -> dict[str, Any]:
    """The Frictionless Data Package descriptor: one tabular resource per CSV table with its schema,
    then `extra` files as plain resources ((path, format, title_en, title_th): the aggregates JSON, the
    workbook, the framework files)."""
    resources: list[dict[str, Any]] = []
    for t in all_tables:
        resources.append(
            {
                "name": t.name,
                "path": t.file,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": t.title_en,
                "title_th": t.title_th,
                "description": t.description_en,
                "description_th": t.description_th,
                "schema": {
                    "fields": [f.descriptor() for f in t.fields],
                    "primaryKey": t.primary_key,
                    "missingValues": [""],
                },
            }
        )
    for path, fmt, en, th in extra:
        resources.append(
            {
                "name": _resource_name(path),
                "path": path,
                "format": fmt,
                "mediatype": MEDIA_TYPES[fmt],
                "title": en,
                "title_th": th,
            }
        )
    out: dict[str, Any] = {
        "profile": "data-package",
        "name": info.name,
        "title": info.title_en,
        "title_th": info.title_th,
        "description": info.description_en,
        "description_th": info.description_th,
        "licenses": [dict(info.license)],
        "keywords": list(info.keywords),
        "resources": resources,
    }
    if info.issued:
        out["created"] = info.issued
    if info.landing_page:
        out["homepage"] = info.landing_page
    return out


def _resource_name(path: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in path.lower())


def _lang(th: str, en: str) -> list[dict[str, str]]:
    return [{"@language": "th", "@value": th}, {"@language": "en", "@value": en or th}]


DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def dcat_dataset(info: PackageInfo, files: Sequence[tuple[str, str, str, str, int | None]]) -> dict[str, Any]:
    """A dcat:Dataset with one dcat:Distribution per file ((path, format, title_en, title_th, bytes)),
    download URLs under `info.base_url`."""
    licence = {"@id": info.license.get("path") or info.license.get("name", "")}
    ds: dict[str, Any] = {
        "@id": info.base_url + PACKAGE_FILE if info.base_url else info.name,
        "@type": "dcat:Dataset",
        "dct:identifier": info.name,
        "dct:title": _lang(info.title_th, info.title_en),
        "dct:description": _lang(info.description_th, info.description_en),
        "dct:license": licence,
        "dcat:keyword": list(info.keywords),
        "dcat:distribution": [],
    }
    if info.issued:
        ds["dct:issued"] = {"@type": "xsd:dateTime", "@value": info.issued}
    if info.modified:
        ds["dct:modified"] = {"@type": "xsd:dateTime", "@value": info.modified}
    if info.publisher:
        ds["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": info.publisher}
    if info.landing_page:
        ds["dcat:landingPage"] = {"@id": info.landing_page}
    for path, fmt, en, th, size in files:
        url = info.base_url + path
        dist: dict[str, Any] = {
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": _lang(th, en),
            "dcat:downloadURL": {"@id": url},
            "dcat:accessURL": {"@id": url},
            "dcat:mediaType": MEDIA_TYPES[fmt],
            "dct:format": fmt.upper(),
            "dct:license": licence,
        }
        if size is not None:
            dist["dcat:byteSize"] = {"@type": "xsd:nonNegativeInteger", "@value": str(size)}
        if info.issued:
            dist["dct:issued"] = {"@type": "xsd:dateTime", "@value": info.issued}
        ds["dcat:distribution"].append(dist)
    return ds


def dcat_catalog(
    url: str, title_th: str, title_en: str, datasets: Sequence[Mapping[str, Any]], *, publisher: str = ""
) -> dict[str, Any]:
    """A dcat:Catalog (JSON-LD) of the datasets (`dcat_dataset`)."""
    out: dict[str, Any] = {
        "@context": DCAT_CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "dct:title": _lang(title_th, title_en),
        "dcat:dataset": list(datasets),
    }
    if publisher:
        out["dct:publisher"] = {"@type": "foaf:Organization", "foaf:name": publisher}
    return out


@dataclass
class Package:
    """Every file of a cycle's package, by name (bytes), in the order they are listed."""

    info: PackageInfo
    files: dict[str, bytes]
    formats: dict[str, tuple[str, str, str]]  # name -> (format, title_en, title_th)

    def dataset(self) -> dict[str, Any]:
        """The DCAT dataset: every file, then the zip of all of them (`ZIP_FILE`, beside them)."""
        files: list[tuple[str, str, str, str, int | None]] = [
            (name, *self.formats[name], len(data)) for name, data in self.files.items()
        ]
        files.append((ZIP_FILE, "zip", "Every file (zip archive)", "ทุกไฟล์ (zip)", None))
        return dcat_dataset(self.info, files)


def package_files(
    info: PackageInfo,
    aggregates: Mapping[str, Any],
    results: Sequence[Mapping[str, Any]] | None = None,
    frameworks: Mapping[str, bytes] | None = None,
) -> Package:
    """The whole package: the CSV tables, the workbook, the aggregates JSON, the framework files
    (`frameworks`: file name -> bytes, e.g. ``framework-dept-2566.yaml``) and datapackage.json."""
    all_tables = tables(aggregates, results)
    files: dict[str, bytes] = {}
    formats: dict[str, tuple[str, str, str]] = {}
    for t in all_tables:
        files[t.file] = csv_bytes(t)
        formats[t.file] = ("csv", t.title_en, t.title_th)
    extra = [
        (WORKBOOK_FILE, "xlsx", "All tables (Excel workbook)", "ตารางทั้งหมด (ไฟล์ Excel)"),
        (AGGREGATES_FILE, "json", "Aggregates (JSON)", "ข้อมูลสรุป (JSON)"),
    ]
    files[WORKBOOK_FILE] = workbook_bytes(all_tables)
    files[AGGREGATES_FILE] = json.dumps(aggregates, ensure_ascii=False, indent=1).encode("utf-8")
    for name, data in (frameworks or {}).items():
        extra.append((name, "yaml", "Framework file (maturity model)", "ไฟล์กรอบการประเมิน"))
        files[name] = data
    for path, fmt, en, th in extra:
        formats[path] = (fmt, en, th)
    descriptor = datapackage(info, all_tables, extra)
    files[PACKAGE_FILE] = json.dumps(descriptor, ensure_ascii=False, indent=1).encode("utf-8")
    formats[PACKAGE_FILE] = ("json", "Data package descriptor (Frictionless)", "คำอธิบายชุดข้อมูล (Frictionless)")
    return Package(info, files, formats)


def zip_bytes(package: Package) -> bytes:
    """Every file of the package in one zip archive, in a folder named after the package."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in package.files.items():
            zf.writestr(f"{package.info.name}/{name}", data)
    return buf.getvalue()


def frameworks_of(results: Sequence[Mapping[str, Any]], read: Callable[[str], bytes]) -> dict[str, bytes]:
    """framework-<id>.yaml -> the bytes `read(framework_id)` gives, once per framework of the results."""
    out: dict[str, bytes] = {}
    for doc in results:
        fid = doc["framework"]["id"]
        name = f"framework-{fid}.yaml"
        if name not in out:
            out[name] = read(fid)
    return out
