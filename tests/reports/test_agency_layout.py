"""The agency report as it is published: cover, one-page executive summary, and clean pages.

Rendered for simulated agencies (a department without a parent, a provincial CIO committee and a
provincial office with one) and read back with poppler: the cover and the summary carry the figures of
the context the rest of the report prints, the footer stays on one line on every page even for a very
long agency name, no page between the cover and the last holds only a few lines, the parent-department
column appears only where it applies, the overall score and the same-group average are printed in the
same unit, and an issuer file puts its name and logo on the cover (bad files are refused). Pages are
rendered to PNG into test-output/report-gallery/ for people to look at.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from dgmm.cli.main import cli as main
from dgmm.reports.context import Style, agency_context
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.issuer import LOGO_MAX_BYTES, Issuer
from dgmm.reports.render import render_agency
from tests.reports import builders
from tests.reports.conftest import need_poppler, pages, pdf_text, squash

GALLERY = Path(__file__).parents[2] / "test-output" / "report-gallery"
MIN_LINES = 8  # body lines of any page but the cover and the last
LONG_NAME = (
    "สำนักงานคณะกรรมการพัฒนาระบบราชการและการบริหารจัดการภาครัฐแบบบูรณาการเพื่อประชาชน"
    "ในส่วนภูมิภาคและส่วนท้องถิ่นตามแผนยุทธศาสตร์ชาติด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการภาครัฐ"
)


@pytest.fixture(scope="module")
def dept_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.simulated_cycle(tmp_path_factory.mktemp("dept"), "dept-2566", 30, with_previous=False)


@pytest.fixture(scope="module")
def pcio_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return builders.simulated_cycle(tmp_path_factory.mktemp("pcio"), "pcio-2566", 24, with_previous=False)


def _first(cycle: ReportCycle, *, parent: bool) -> str:
    return next(str(a["id"]) for a in cycle.scored if bool(a.get("parent_id")) == parent)


@pytest.fixture(scope="module")
def reports(dept_path: Path, pcio_path: Path, simulated: Path) -> dict[str, tuple[ReportCycle, str, bytes]]:
    """(cycle, agency id, PDF) of a department, a provincial CIO committee and a provincial office."""
    out = {}
    for name, path, parent in (
        ("department", dept_path, False),
        ("pcio", pcio_path, True),
        ("provincial-office", simulated, True),
    ):
        cycle = ReportCycle.load(path)
        agency_id = _first(cycle, parent=parent)
        out[name] = (cycle, agency_id, render_agency(cycle, agency_id, lang="th"))
    return out


def _context(cycle: ReportCycle, agency_id: str) -> dict[str, Any]:
    return agency_context(cycle, agency_id, Style(lang="th"))


# -- cover and executive summary ---------------------------------------------------------------------------
def test_cover_then_a_one_page_summary_with_the_contexts_figures(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    for name, (cycle, agency_id, pdf) in reports.items():
        ctx = _context(cycle, agency_id)
        # content order (-raw): the two columns of areas read one after the other
        cover, summary, overview = (squash(pdf_text(pdf, first=n, last=n)) for n in (1, 2, 3))
        for value in (ctx["cover"]["title"], ctx["agency"], ctx["cover"]["cycle"], ctx["cover"]["issuer"]):
            assert squash(value) in cover, (name, value)
        assert squash("สำนักงานพัฒนารัฐบาลดิจิทัล") in cover  # the default issuer: the survey office
        assert "หน้า" not in cover  # no footer on the cover
        brief = ctx["brief"]
        assert squash(brief["title"]) in summary
        figures = {f["label"]: f["value"] for f in brief["figures"]}
        tiles = {t["label"]: t["value"] for t in ctx["tiles"]}
        rec = cycle.agency(agency_id)
        for label, value in figures.items():
            assert value == tiles[label]  # the same figures as the overview's tiles
            assert squash(label) in summary and squash(value) in summary, (name, label, value)
        assert f"{rec['overall']['score']:.2f}"[:-1] in summary  # the score of the results file
        assert str(rec["rank"]) in figures["ลำดับโดยรวม"]
        assert len(brief["strong"]) == 3 and len(brief["weak"]) == 3, name
        # the simulated province-2563 answers leave most levels undetermined: nothing to step up from
        assert (1 if name != "provincial-office" else 0) <= len(brief["steps"]) <= 3, name
        assert squash(brief["steps_why"]) in summary  # the rule, or that there is no step
        for line in brief["strong"] + brief["weak"] + brief["steps"]:
            assert squash(line) in summary, (name, line)  # all of it on the one summary page
        assert squash(ctx["labels"]["a.overview.title"]) in overview  # the overview follows it


def test_strongest_and_weakest_areas_follow_the_sub_pillar_scores(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    cycle, agency_id, _ = reports["department"]
    ctx = _context(cycle, agency_id)
    rec = cycle.agency(agency_id)
    subs = [sp for p in cycle.framework.pillars for sp in p.sub_pillars if sp.in_model]
    scores = {sp.name_th: rec["sub_pillars"][sp.id]["score"] for sp in subs if sp.id in rec["sub_pillars"]}
    shown = [
        (line.split(" (Pillar")[0], float(re.search(r"(\d+\.\d\d)%", line).group(1)))  # type: ignore[union-attr]
        for line in ctx["brief"]["strong"] + ctx["brief"]["weak"]
    ]
    strong, weak = shown[:3], shown[3:]
    assert [v for _, v in strong] == sorted((v for _, v in strong), reverse=True)
    assert [v for _, v in weak] == sorted(v for _, v in weak)
    assert min(v for _, v in strong) >= max(v for _, v in weak)
    for sub_name, value in shown:
        assert abs(scores[sub_name] - value) < 0.006
    assert max(scores.values()) == pytest.approx(strong[0][1], abs=0.006)
    assert min(scores.values()) == pytest.approx(weak[0][1], abs=0.006)


def test_next_steps_are_the_lowest_levels_next_criteria(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    cycle, agency_id, _ = reports["department"]
    ctx = _context(cycle, agency_id)
    rec = cycle.agency(agency_id)
    steps = ctx["brief"]["steps"]
    levels = []
    for step in steps:
        sp = next(
            sp
            for p in cycle.framework.pillars
            for sp in p.sub_pillars
            if sp.in_model and step.startswith(sp.name_th + " (")
        )
        levels.append(rec["sub_pillars"][sp.id]["level"])
        assert "สู่ระดับ" in step  # a next-level criterion from the sub-pillar's recommendations
    assert levels == sorted(levels)
    own = [
        sub["level"]
        for sp_id, sub in rec["sub_pillars"].items()
        if sub.get("level") is not None and sub.get("inherited") != "full"
    ]
    assert levels[0] == min(own)


# -- page layout ------------------------------------------------------------------------------------------
def _bbox_pages(pdf: bytes) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Per page: its height and its text lines as (yMin, yMax, text), from pdftotext -bbox-layout."""
    need_poppler()
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ElementTree.fromstring(xml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    result = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = " ".join(w.text or "" for w in line.iterfind("x:word", ns))
            lines.append((float(line.get("yMin", 0)), float(line.get("yMax", 0)), words))
        result.append((float(page.get("height", 0)), lines))
    return result


FOOTER_ZONE = 60.0  # points from the bottom of the page: the bottom margin (1.8 cm = 51 pt) and a bit


def _footer_lines(height: float, lines: list[tuple[float, float, str]]) -> list[list[str]]:
    """The footer's text lines: line boxes in the bottom margin, grouped by their vertical position."""
    rows: list[tuple[float, float, list[str]]] = []
    for y0, y1, text in sorted(lines):
        if y0 < height - FOOTER_ZONE:
            continue
        if rows and y0 < rows[-1][1] - 1:  # overlaps the previous box vertically: the same line
            rows[-1][2].append(text)
        else:
            rows.append((y0, y1, [text]))
    return [r[2] for r in rows]


def test_footer_fits_on_one_line_on_every_page_even_for_a_long_name(dept_path: Path) -> None:
    cycle = ReportCycle.load(dept_path)
    agency_id = _first(cycle, parent=False)
    cycle.agency(agency_id)["name_th"] = LONG_NAME
    pdf = render_agency(cycle, agency_id, lang="th")
    bbox = _bbox_pages(pdf)
    assert len(bbox) > 10
    assert _footer_lines(*bbox[0]) == []  # the cover has no footer
    for n, (height, lines) in enumerate(bbox[1:], start=2):
        footer = _footer_lines(height, lines)
        assert len(footer) == 1, (n, footer)  # one line: the year never wraps onto a second line
        joined = squash(" ".join(footer[0]))
        assert joined.endswith(f"หน้า{n}"), (n, joined)
        assert "2566" in joined and "…" in joined  # the name is shortened, the cycle's year kept


def test_no_near_empty_pages(reports: dict[str, tuple[ReportCycle, str, bytes]]) -> None:
    for name, (_, _, pdf) in reports.items():
        bbox = _bbox_pages(pdf)
        for n, (height, lines) in enumerate(bbox[1:-1], start=2):
            body = [t for y0, _, t in lines if y0 < height - FOOTER_ZONE and t.strip()]
            assert len(body) >= MIN_LINES, (name, n, body)


def test_headings_are_never_the_last_line_of_a_page(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    for name, (cycle, agency_id, pdf) in reports.items():
        ctx = _context(cycle, agency_id)
        headings = {squash(p["title"]) for p in ctx["pillars"]} | {
            squash(p["readiness"]) for p in ctx["pillars"]
        }
        for n, (height, lines) in enumerate(_bbox_pages(pdf)[:-1], start=1):
            body = [t for y0, _, t in sorted(lines) if y0 < height - FOOTER_ZONE and t.strip()]
            if body:
                assert squash(body[-1]) not in headings, (name, n, body[-1])


def test_sub_pillar_table_splits_between_pillars_with_its_header_repeated(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    split = 0
    for name, (cycle, agency_id, pdf) in reports.items():
        ctx = _context(cycle, agency_id)
        texts = [squash(t) for t in pdf_text(pdf).split("\f")]
        title, end = squash(ctx["labels"]["a.subs.title"]), squash(ctx["labels"]["a.explain.title"])
        header = squash(ctx["labels"]["a.subs.col.sub_levels"])
        k = next(i for i, t in enumerate(texts) if title in t)
        e = next(i for i, t in enumerate(texts) if i >= k and end in t)
        parts = [texts[k][texts[k].index(title) :], *texts[k + 1 : e], texts[e][: texts[e].index(end)]]
        parts = [p for p in parts if p] if e > k else [texts[k][texts[k].index(title) : texts[k].index(end)]]
        for part in parts:
            assert header in part, (name, part[:80])  # the header row on every page the table is on
        for pillar in ctx["sub_overview"]:
            # a pillar's rows (its rowspan) are never cut by a page break
            where = [
                i for i, part in enumerate(parts) if all(squash(sp["name"]) in part for sp in pillar["subs"])
            ]
            assert len(where) == 1, (name, pillar["label"], where)
        split += len(parts) > 1
    assert split  # at least one report's table runs over two pages, so the rule was exercised


def test_page_counts_stay_compact(reports: dict[str, tuple[ReportCycle, str, bytes]]) -> None:
    # before the cover and summary were added, with a page break before every pillar and every
    # recommendations section, a department's report ran to 32 pages and a pcio's to 24
    counts = {name: len(_bbox_pages(pdf)) for name, (_, _, pdf) in reports.items()}
    assert counts["department"] <= 29, counts
    assert counts["pcio"] <= 22, counts


# -- comparators and units --------------------------------------------------------------------------------
PARENT_COLUMN = "คะแนนเฉลี่ยหน่วยงานภายใต้กรมต้นสังกัด"
PARENT_SHORT = "เฉลี่ยภายใต้ต้นสังกัด"


def _pillar_rows(pdf: bytes) -> list[list[str]]:
    lines = pdf_text(pdf, layout=True, first=3, last=3).splitlines()
    return [re.findall(r"\d+\.\d\d%|–", line) for line in lines if re.match(r"\s*Pillar \d+:", line)]


def test_parent_column_only_for_agencies_with_a_parent(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    _, _, dept = reports["department"]
    text = squash(pdf_text(dept))
    assert PARENT_COLUMN not in text and PARENT_SHORT not in text
    assert squash("ภายใต้กรมต้นสังกัดที่เปิดเผยได้") not in text  # no "cannot be shown" sentence either
    rows = _pillar_rows(dept)
    assert rows and all(len(r) == 3 for r in rows), rows  # agency, same group, No.1
    for name in ("pcio", "provincial-office"):
        _, _, pdf = reports[name]
        text = squash(pdf_text(pdf))
        assert PARENT_COLUMN in text and PARENT_SHORT in text, name
        rows = _pillar_rows(pdf)
        assert rows and all(len(r) == 4 for r in rows), (name, rows)


def test_overall_score_and_group_average_in_the_same_unit(
    reports: dict[str, tuple[ReportCycle, str, bytes]],
) -> None:
    for name, (cycle, agency_id, pdf) in reports.items():
        tiles = {t["label"]: t["value"] for t in _context(cycle, agency_id)["tiles"]}
        score = tiles["คะแนนโดยรวม"]
        average = next(v for k, v in tiles.items() if k.startswith("คะแนนเฉลี่ย"))
        assert re.fullmatch(r"\d+\.\d\d", score), (name, score)
        assert re.fullmatch(r"\d+\.\d\d|–", average), (name, average)  # no % sign: a score, like the score
        overview = squash(pages(pdf)[2])
        assert re.search(re.escape(average) + r"(?!%)", overview), name


# -- issuer -----------------------------------------------------------------------------------------------
def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (240, 120), (31, 95, 168)).save(path, format="PNG")
    return path


def test_issuer_file_puts_its_name_and_logo_on_the_cover(dept_path: Path, tmp_path: Path) -> None:
    need_poppler()
    _png(tmp_path / "logo.png")
    (tmp_path / "issuer.yaml").write_text(
        "name_th: สำนักงานสถิติทดสอบ\nname_en: Test Statistics Office\nlogo: logo.png\n"
        "address: [99 ถนนทดสอบ กรุงเทพฯ]\ncontact: [โทร 02 000 0000]\n",
        encoding="utf-8",
    )
    cycle = ReportCycle.load(dept_path)
    agency_id = _first(cycle, parent=False)
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "agency",
            str(dept_path),
            "--agency",
            agency_id,
            "-o",
            str(out),
            "--issuer",
            str(tmp_path / "issuer.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    cover = squash(pages(pdf)[0])
    for text in ("สำนักงานสถิติทดสอบ", "Test Statistics Office", "99 ถนนทดสอบ กรุงเทพฯ", "โทร 02 000 0000"):
        assert squash(text) in cover
    assert squash("สำนักงานพัฒนารัฐบาลดิจิทัล") not in cover
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True)
    pages_with_images = {line.split()[0] for line in images.stdout.splitlines()[2:] if line.strip()}
    assert pages_with_images == {"1"}  # the logo, on the cover only
    plain = render_agency(cycle, agency_id, lang="th")
    (tmp_path / "plain.pdf").write_bytes(plain)
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "plain.pdf")], capture_output=True, text=True, check=True
    )
    assert not [line for line in images.stdout.splitlines()[2:] if line.strip()]  # no emblem shipped


@pytest.mark.parametrize(
    ("content", "files", "message"),
    [
        ("name_th: x\nseal: logo.png\n", {}, "unknown issuer field(s) seal"),
        ("logo: missing.png\n", {}, "does not exist"),
        ("logo: logo.gif\n", {"logo.gif": b"GIF89a"}, "must be a .png, .jpg, .jpeg or .svg"),
        ("logo: logo.png\n", {"logo.png": b"not a png at all"}, "is not a PNG image"),
        ("logo: logo.svg\n", {"logo.svg": b"<html></html>"}, "is not a SVG image"),
        ("logo: big.png\n", {"big.png": b"\x89PNG\r\n\x1a\n" + b"0" * LOGO_MAX_BYTES}, "at most 2097152"),
        ("- a list\n", {}, "must be a mapping"),
        ("name_th: [a, b]\n", {}, "name_th must be a text"),
        ("name_en: " + "x" * 201 + "\n", {}, "at most 200 expected"),
        ("contact: [a, b, c, d, e, f, g]\n", {}, "contact has 7 lines"),
        ("name_th: 'unclosed\n", {}, "cannot read the issuer file"),
    ],
)
def test_bad_issuer_files_are_refused(
    tmp_path: Path, content: str, files: dict[str, bytes], message: str
) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    path = tmp_path / "issuer.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError, match=re.escape(message)) as err:
        Issuer.load(path)
    assert err.value.code == "bad_issuer" and str(path) in str(err.value)


def test_bad_issuer_file_fails_the_command_before_any_report(dept_path: Path, tmp_path: Path) -> None:
    (tmp_path / "issuer.yaml").write_text("name: x\n", encoding="utf-8")
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "agency",
            str(dept_path),
            "--all",
            "-o",
            str(tmp_path / "all"),
            "--issuer",
            str(tmp_path / "issuer.yaml"),
        ],
    )
    assert result.exit_code == 1 and "unknown issuer field(s) name" in result.output
    assert not out.exists() and not (tmp_path / "all").exists()


def test_svg_and_jpeg_logos_are_accepted(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (10, 10)).save(tmp_path / "l.jpg", format="JPEG")
    (tmp_path / "l.svg").write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    for name in ("l.jpg", "l.svg"):
        issuer = Issuer.from_mapping({"logo": name}, base=tmp_path)
        assert issuer.logo == (tmp_path / name).resolve()
        assert issuer.name("th") == "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)"  # the default name


# -- agencies whose answers do not count ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "words"), [("returned", "returned for correction"), ("not_submitted", "not submitted")]
)
def test_an_agency_whose_answers_do_not_count_is_refused(dept_path: Path, status: str, words: str) -> None:
    cycle = ReportCycle.load(dept_path)
    agency_id = _first(cycle, parent=False)
    rec = cycle.agency(agency_id)
    rec.update(status=status, overall={"score": None, "level": None}, rank=None, group=None)
    with pytest.raises(ReportError, match=words) as err:
        render_agency(cycle, agency_id, lang="th")
    assert err.value.code == "not_scored" and "no score, level or rank" in str(err.value)


# -- gallery ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gallery() -> Iterator[Path]:
    GALLERY.mkdir(parents=True, exist_ok=True)
    yield GALLERY


def test_gallery_of_pages(reports: dict[str, tuple[ReportCycle, str, bytes]], gallery: Path) -> None:
    """The first pages and the last of a department's and a provincial office's report, as PNG."""
    need_poppler()
    for name in ("department", "provincial-office"):
        _, _, pdf = reports[name]
        src = gallery / f"{name}.pdf"
        src.write_bytes(pdf)
        for old in gallery.glob(f"{name}-*.png"):
            old.unlink()
        total = len(pages(pdf)) - (1 if pages(pdf)[-1].strip() == "" else 0)
        for first, last in ((1, 4), (total, total)):
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "40",
                    "-png",
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    str(src),
                    str(gallery / name),
                ],
                check=True,
                capture_output=True,
            )
        made = sorted(gallery.glob(f"{name}-*.png"))
        assert len(made) == 5, made
        assert all(p.stat().st_size > 2000 for p in made)  # a drawn page, not a blank one
