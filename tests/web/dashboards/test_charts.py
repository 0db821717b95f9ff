"""Server-side SVG charts: well-formed, named for screen readers, escaped, free of style attributes,
the same on every run, and each with its data table; the province map shows every province once."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation

from dgmm.simulate.registry import read_registry
from dgmm.web.dashboards.charts import KINDS, render
from dgmm.web.dashboards.charts.provinces import tiles
from tests.web.dashboards.charts_gallery import EVIL, specs

SVG = "{http://www.w3.org/2000/svg}"
REGISTRY = read_registry("dgmm/simulate/data/registry.yaml")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("spec", specs(), ids=lambda s: s["id"])
def test_every_chart_is_valid_svg_named_by_its_title_and_description(spec):
    svg, table = render(spec)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == ("group" if spec["kind"] == "map" else "img")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == spec["title"]
    assert desc is not None and desc.text == (spec.get("desc") or spec["title"])
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in svg  # the CSP blocks style attributes
    assert render(spec)[0] == svg  # the same spec, the same SVG
    assert table["caption"] == spec["title"]
    assert all(len(row) == len(table["head"]) for row in table["rows"])


def test_every_kind_has_a_spec_in_the_gallery():
    assert {s["kind"] for s in specs()} == set(KINDS)


def test_labels_are_escaped_in_the_svg_and_the_table():
    page = Template("{% load dgmm_charts %}{% for s in specs %}{% chart s %}{% endfor %}").render(
        Context({"specs": specs()})
    )
    assert "<script>" not in page
    assert (
        page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;") == 2
    )  # both tables
    assert page.count("กรม&lt;script&gt;") == 4  # and both charts (clipped to fit)
    # the escaped name still reads as the name
    grid = next(s for s in specs() if s["kind"] == "grid")
    root = parse(render(grid)[0])
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any(t.startswith("กรม<script>") for t in texts), texts
    assert EVIL in [row[0] for row in render(grid)[1]["rows"]]


def test_bars_draw_one_bar_per_valued_row_with_the_previous_marker_and_change():
    spec = specs()[0]
    svg, table = render(spec)
    root = parse(svg)
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 2  # the row without a value has no bar, and says so
    assert any("".join(t.itertext()) == "62.50 (+4.50)" for t in root.iter(f"{SVG}text"))
    assert table["rows"][1] == ["จังหวัด", "48.25", "50.00", "-1.75"]
    assert table["rows"][2][1] != "0.00"  # no value is never drawn or written as zero
    # widths follow the values (max 100)
    assert float(rects[0].get("width")) / float(rects[1].get("width")) == pytest.approx(
        62.5 / 48.25, rel=1e-3
    )


def test_the_stacked_chart_splits_each_row_by_its_counts_and_adds_the_total():
    spec = specs()[1]
    svg, table = render(spec)
    assert table["head"][-1] and table["rows"][0] == ["กรม", "3", "10", "25", "12", "4", "2", "56"]
    root = parse(svg)
    fills = [r.get("fill") for r in root.findall(f"{SVG}rect")]
    assert fills.count("#d0d4d9") == 3  # the legend swatch and one "not counted" segment per row with data


def test_the_chart_tag_puts_the_table_after_the_svg_for_everyone():
    html = Template("{% load dgmm_charts %}{% chart s %}").render(Context({"s": specs()[4]}))
    assert html.index("<svg") < html.index("<table")
    assert "<caption>คำตอบ: มีแผนพัฒนาดิจิทัลหรือไม่</caption>" in html
    assert '<th scope="row">มี</th><td class="num">120 (60.0%)</td>' in html
    assert "aria-hidden" not in html and "<details" not in html


def test_the_map_shows_each_of_the_77_provinces_once_and_every_registry_province():
    ids = [t["id"] for t in tiles()]
    assert len(ids) == 77 and len(set(ids)) == 77
    assert len({(t["x"], t["y"]) for t in tiles()}) == 77  # no two provinces on one tile
    registry = {p.id for p in REGISTRY.provinces}
    assert len(registry) == 76 and set(ids) == registry | {"TH-10"}  # and Bangkok
    spec = specs()[5]
    root = parse(render(spec)[0])
    drawn = [e.get("data-province") for e in root.iter() if e.get("data-province")]
    assert sorted(drawn) == sorted(ids)
    for pid in registry:
        assert drawn.count(pid) == 1, pid


def test_each_province_is_focusable_and_named_with_its_value_or_no_data():
    spec = specs()[5]
    with translation.override("en"):
        svg, table = render(spec)
    root = parse(svg)
    provinces = [e for e in root.iter() if e.get("data-province")]
    for e in provinces:
        assert (e.tag == f"{SVG}a" and e.get("href")) or e.get("tabindex") == "0", e.attrib
    first = provinces[0]
    assert first.tag == f"{SVG}a" and first.get("href") == "/public/?province=TH-57"
    chiang_rai = first.get("aria-label")
    assert chiang_rai == "Chiang Rai: 0.00"
    missing = [t["id"] for i, t in enumerate(tiles()) if i % 9 == 4]
    for e in provinces:
        if e.get("data-province") in missing:
            assert e.get("aria-label").endswith(": no data")
            assert e.find(f"{SVG}rect").get("fill") == "url(#province-map-hatch)"
        else:
            assert e.find(f"{SVG}rect").get("fill").startswith("#")
    assert table["rows"][0] == ["Chiang Rai", "0.00", "0–20"]
    assert sum(1 for r in table["rows"] if r[1] == "no data") == len(missing)


def test_map_names_and_words_follow_the_page_language():
    spec = specs()[6]
    with translation.override("th"):
        th = render(spec)[1]
    with translation.override("en"):
        en = render(spec)[1]
    assert [r[0] for r in th["rows"]][:2] == ["เชียงราย", "แม่ฮ่องสอน"]
    assert [r[0] for r in en["rows"]][:2] == ["Chiang Rai", "Mae Hong Son"]
    chiang_mai = next(r for r in en["rows"] if r[0] == "Chiang Mai")
    assert chiang_mai == ["Chiang Mai", "3", "Level 3"]


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown chart kind 'pie'"):
        render({"kind": "pie", "title": "x"})


def test_chart_colours_meet_contrast_on_white():
    """Text 4.5:1; bars, markers, series and the outline of every swatch and tile 3:1 (WCAG 1.4.11)."""
    from dgmm.web.dashboards import charts
    from tests.web.test_contrast import ratio

    for text in (charts.INK, charts.MUTED):
        assert ratio(text, "#ffffff") >= 4.5, text
    for shape in (charts.BRAND, charts.INK, *charts.SERIES_COLOURS):
        assert ratio(shape, "#ffffff") >= 3.0, shape
    # the light level classes are told apart by their ink outline, and the darkest from the lightest
    assert ratio(charts.LEVEL_COLOURS[-1], charts.LEVEL_COLOURS[0]) >= 3.0
    svg = render(specs()[1])[0]
    rects = parse(svg).findall(f"{SVG}rect")
    outlines = [r for r in rects if r.get("fill") == "none" and r.get("stroke") == charts.INK]
    assert len(outlines) == 2  # one around each bar with data
    swatches = [r for r in rects if r.get("width") == "12"]
    assert len(swatches) == 6 and all(r.get("stroke") == charts.INK for r in swatches)


def test_a_bar_without_a_value_says_why_when_told():
    spec = {
        "kind": "bars",
        "title": "Mean score by cycle",
        "label_header": "Cycle",
        "value_header": "Mean",
        "rows": [
            {"label": "2563", "value": None, "note": "fewer than 3 agencies: not shown"},
            {"label": "2566", "value": 61.0},
        ],
    }
    svg, table = render(spec)
    texts = ["".join(t.itertext()) for t in parse(svg).iter(f"{SVG}text")]
    assert "fewer than 3 agencies: not shown" in texts and "no data" not in texts
    assert table["rows"][0] == ["2563", "fewer than 3 agencies: not shown"]
    assert len(parse(svg).findall(f"{SVG}rect")) == 1  # nothing drawn for it, never a zero bar
