"""Typst rendering: a report context (plain data) and a template file -> PDF bytes.

A `Renderer` holds one Typst compiler with the report font and a private working folder holding
the templates and the charts of the report being rendered; it is reused for every report a process
renders, so fonts are loaded once. Before compiling, every string of the context is checked against
the font (`fonts.uncovered`): text the font cannot draw is refused instead of printed as empty boxes.
After compiling, the text layer is mended so Thai copies and searches as shown (`textlayer`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from dgmm.reports import charts
from dgmm.reports.context.plan import PlanSource
from dgmm.reports.context.province import Letter
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.fonts import report_font, uncovered
from dgmm.reports.issuer import Issuer
from dgmm.reports.textlayer import close_mark_gaps

TEMPLATES = ("common.typ", "agency.typ", "province.typ", "national.typ", "plan.typ")


def template_dir() -> Path:
    return Path(str(resources.files("dgmm.reports") / "templates"))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _chart_slots(value: Any) -> Iterator[dict[str, Any]]:
    """Every dict of the context that carries a chart spec under "chart"."""
    if isinstance(value, dict):
        if isinstance(value.get("chart"), dict):
            yield value
        for v in value.values():
            yield from _chart_slots(v)
    elif isinstance(value, list):
        for v in value:
            yield from _chart_slots(v)


def check_coverage(ctx: dict[str, Any]) -> None:
    """ReportError naming every character of the context the report font cannot draw."""
    missing = uncovered("".join(_strings(ctx)))
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
        raise ReportError(
            f"the report font {report_font().family} has no glyph for {shown}; the report would "
            "print empty boxes there",
            code="glyph_missing",
        )


class Renderer:
    """A Typst compiler with the report font and templates, reused across the reports of a process."""

    def __init__(self) -> None:
        import typst

        font = report_font()
        self.font = font.family
        self.workdir = Path(tempfile.mkdtemp(prefix="dgmm-reports-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.workdir, True)
        for name in TEMPLATES:
            shutil.copyfile(template_dir() / name, self.workdir / name)
        (self.workdir / "charts").mkdir()
        (self.workdir / "assets").mkdir()
        fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font.regular.parent)]
        )
        self._compiler = typst.Compiler(root=str(self.workdir), font_paths=fonts)
        self._serial = itertools.count(1)  # next() is atomic: threads of a web server share a renderer
        self._kept: dict[bytes, Path] = {}
        self._lock = threading.Lock()  # one compile at a time: the data file is shared by every compile

    def close(self) -> None:
        self._cleanup()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def asset(self, path: Path) -> str:
        """An image (the issuer's logo) copied next to the templates: its path as a template names it.

        Typst reads files under its root only; the copy is named by its content, so a logo shared by
        every report of a batch is written once.
        """
        data = path.read_bytes()
        name = f"{hashlib.sha256(data).hexdigest()[:16]}{path.suffix.lower()}"
        target = self.workdir / "assets" / name
        if not target.exists():
            target.write_bytes(data)
        return f"/assets/{name}"

    def compile(self, template: str, ctx: dict[str, Any], *, timestamp: dt.datetime | None = None) -> bytes:
        """The PDF of `template` laid out with `ctx` as the engine writes it (charts already in place).

        The context goes to the templates as a file, `data.json` next to them, and not in Typst's
        `sys.inputs`: the inputs are part of the engine's library, so new inputs for every report would
        void everything the engine remembers from the reports before, while a changed file only voids
        what was made from its changed parts. Paragraphs, table cells and list items that come back
        unchanged (labels, level names, advice texts, the glossary) are then laid out once per process
        instead of once per report; breaking Thai lines into words is most of a report's cost.
        """
        import typst

        data = {"digits": list("0123456789"), **ctx, "font": self.font}
        stamp = timestamp or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        with self._lock:
            (self.workdir / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            try:
                pdf = self._compiler.compile(
                    input=str(self.workdir / template),
                    format="pdf",
                    sys_inputs={"data": "/data.json"},
                    timestamp=stamp,
                )
            except typst.TypstError as exc:
                raise ReportError(
                    f"template {template} failed: {exc.message}\n" + "\n".join(exc.hints),
                    code="template_error",
                ) from None
        assert isinstance(pdf, bytes)
        return pdf

    def render(self, template: str, ctx: dict[str, Any], *, timestamp: dt.datetime | None = None) -> bytes:
        """The PDF of `template` (e.g. "agency.typ") laid out with `ctx`."""
        check_coverage(ctx)
        serial = next(self._serial)
        written: list[Path] = []
        slots = list(_chart_slots(ctx))
        try:
            for i, slot in enumerate(slots):
                files = []
                for j, layer in enumerate(charts.draw(slot["chart"])):
                    path = self._kept.get(layer)  # a layer shared by many reports is written once
                    if path is None:
                        path = self.workdir / "charts" / f"{serial}-{i}-{j}.pdf"
                        path.write_bytes(layer)
                        if len(layer) and layer in charts.shared_layers():
                            self._kept[layer] = path
                        else:
                            written.append(path)
                    files.append(f"/charts/{path.name}")
                slot["chart_files"] = files
            pdf = self.compile(template, ctx, timestamp=timestamp)
        finally:
            for path in written:
                path.unlink(missing_ok=True)
            for slot in slots:
                slot.pop("chart_files", None)
        return close_mark_gaps(pdf)


_RENDERER: tuple[int, Renderer] | None = None


def shared_renderer() -> Renderer:
    """This process's renderer, made on first use (fonts and templates load once per process)."""
    global _RENDERER
    if _RENDERER is None or _RENDERER[0] != os.getpid():
        _RENDERER = (os.getpid(), Renderer())
    return _RENDERER[1]


def _finish(ctx: dict[str, Any], thai_digits: bool) -> dict[str, Any]:
    from dgmm.reports.context import with_thai_digits

    return with_thai_digits(ctx) if thai_digits else ctx


def _stamp(cycle: ReportCycle) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(cycle.doc.get("generated_at")))
    except ValueError:
        return None


def render_agency(
    cycle: ReportCycle,
    agency_id: str,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    criteria_only: bool = False,
    issuer: Issuer | None = None,
    renderer: Renderer | None = None,
) -> bytes:
    """The agency report of one agency, as PDF bytes; its cover names `issuer` (default: the survey
    office, text only)."""
    from dgmm.reports.context import Style, agency_context

    ctx = agency_context(cycle, agency_id, Style(lang=lang), criteria_only=criteria_only, issuer=issuer)
    r = renderer or shared_renderer()
    ctx = _finish(ctx, thai_digits)
    if issuer is not None and issuer.logo is not None:
        ctx["cover"]["logo"] = r.asset(issuer.logo)  # after _finish: a file name keeps its digits
    return r.render("agency.typ", ctx, timestamp=_stamp(cycle))


def render_province(
    cycle: ReportCycle,
    province: str,
    letter: Letter,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    digits: int = 1,
    renderer: Renderer | None = None,
) -> bytes:
    """The letter to one province with its result sheet and the national overview, as PDF bytes."""
    from dgmm.reports.context import Style, province_context

    ctx = province_context(cycle, province, Style(lang=lang, digits=digits), letter)
    return (renderer or shared_renderer()).render(
        "province.typ", _finish(ctx, thai_digits), timestamp=_stamp(cycle)
    )


def render_national(
    cycles: list[ReportCycle],
    *,
    lang: str = "th",
    thai_digits: bool = False,
    renderer: Renderer | None = None,
    top: int = 10,
) -> bytes:
    """The national results deck over one results file per tier, as a landscape PDF."""
    from dgmm.reports.context import Style, national_context

    ctx = national_context(cycles, Style(lang=lang), top=top)
    return (renderer or shared_renderer()).render(
        "national.typ", _finish(ctx, thai_digits), timestamp=_stamp(cycles[0])
    )


def render_plan(
    src: PlanSource,
    *,
    lang: str = "th",
    thai_digits: bool = False,
    renderer: Renderer | None = None,
    timestamp: dt.datetime | None = None,
) -> bytes:
    """An agency's improvement plan (its projection and items by PMQA 4.0 category), as PDF bytes."""
    from dgmm.reports.context import Style
    from dgmm.reports.context.plan import plan_context

    ctx = _finish(plan_context(src, Style(lang=lang)), thai_digits)
    r = renderer or shared_renderer()
    if src.issuer.logo is not None:
        ctx["cover"]["logo"] = r.asset(src.issuer.logo)
    return r.render("plan.typ", ctx, timestamp=timestamp)
