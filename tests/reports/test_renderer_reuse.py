"""One renderer makes every report of a process, and what the engine keeps from one report (paragraphs
already laid out, kept between compiles) never changes the next: a report made after others is the
same file, byte for byte, as the same report made by a fresh renderer, and it names its own agency
only."""

from __future__ import annotations

from pathlib import Path

from dgmm.reports.cycle import ReportCycle
from dgmm.reports.render import Renderer, render_agency
from tests.reports.conftest import pdf_text, squash


def test_a_report_after_others_is_the_report_a_fresh_renderer_makes(simulated: Path) -> None:
    cycle = ReportCycle.load(simulated)
    first, second = (str(a["id"]) for a in cycle.scored[:2])
    names = {str(a["id"]): str(a["name_th"]) for a in cycle.scored[:2]}
    assert names[first] != names[second]
    with Renderer() as shared:
        before = render_agency(cycle, first, lang="th", renderer=shared)
        after = render_agency(cycle, second, lang="th", renderer=shared)
        digits = render_agency(cycle, second, lang="th", thai_digits=True, renderer=shared)
        again = render_agency(cycle, first, lang="th", renderer=shared)
    with Renderer() as fresh:
        alone = render_agency(cycle, second, lang="th", renderer=fresh)
    with Renderer() as fresh:
        alone_digits = render_agency(cycle, second, lang="th", thai_digits=True, renderer=fresh)
    assert after == alone
    assert digits == alone_digits
    assert again == before
    text = squash(pdf_text(after))
    assert squash(names[second]) in text
    assert squash(names[first]) not in text
    assert squash(names[first]) in squash(pdf_text(again))


def test_threads_sharing_a_renderer_each_get_their_own_report(simulated: Path) -> None:
    """A web server's threads share the process's renderer: reports made at the same time are the
    reports made one after the other, byte for byte (each with its own charts, drawn one at a time)."""
    from concurrent.futures import ThreadPoolExecutor

    cycle = ReportCycle.load(simulated)
    ids = [str(a["id"]) for a in cycle.scored[:4]]
    with Renderer() as shared:
        alone = {i: render_agency(cycle, i, lang="th", renderer=shared) for i in ids}
        with ThreadPoolExecutor(max_workers=4) as pool:
            together = list(pool.map(lambda i: (i, render_agency(cycle, i, renderer=shared)), ids * 2))
    assert len(together) == 8
    assert [i for i, pdf in together if pdf != alone[i]] == []
