"""``{% audit_rows entries as rows %}``: audit entries with readable labels (dgmm.web.review.labels)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from dgmm.web.cycles.models import AuditEntry
from dgmm.web.review.labels import Row, readable

register = template.Library()


@register.simple_tag
def audit_rows(entries: Iterable[AuditEntry]) -> list[Row]:
    return readable(entries)
