"""Reports: the agency report, the province letter and the national results deck, as PDF (Typst).

    from dgmm.reports import ReportCycle, render_agency
    cycle = ReportCycle.load("results.json")
    pdf = render_agency(cycle, "commerce-38", lang="th")

The context package turns core results into every number, label and sentence a report prints;
Typst templates (templates/*.typ) only lay them out. See docs/reports.md.
"""

from __future__ import annotations

from dgmm.reports.context import Letter
from dgmm.reports.context.plan import PlanLine, PlanSource
from dgmm.reports.cycle import ReportCycle
from dgmm.reports.errors import ReportError
from dgmm.reports.issuer import Issuer
from dgmm.reports.render import render_agency, render_national, render_plan, render_province

__all__ = [
    "Issuer",
    "Letter",
    "PlanLine",
    "PlanSource",
    "ReportCycle",
    "ReportError",
    "render_agency",
    "render_national",
    "render_plan",
    "render_province",
]
