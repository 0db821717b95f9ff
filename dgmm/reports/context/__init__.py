"""Report data: core results -> every number, label and sentence a report prints (plain JSON-ready data)."""

from __future__ import annotations

from dgmm.reports.context.agency import agency_context
from dgmm.reports.context.common import Style, with_thai_digits
from dgmm.reports.context.national import national_context
from dgmm.reports.context.province import Letter, province_context

__all__ = ["Letter", "Style", "agency_context", "national_context", "province_context", "with_thai_digits"]
