"""Dates as Thai readers expect them: Buddhist-era years in Thai, Common Era in English."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import formats, timezone
from django.utils.translation import get_language

from dgmm.reports.fmt import date_text

register = template.Library()


def _format(value: Any, fmt: str) -> str:
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if (get_language() or "th").startswith("th"):
        fmt = fmt.replace("Y", str(value.year + 543))  # digits are not format characters
    return formats.date_format(value, fmt)


@register.filter
def when(value: Any) -> str:
    """Date and time, e.g. 21 พ.ย. 2569 16:00."""
    return _format(value, "j M Y H:i")


@register.filter
def day(value: Any) -> str:
    """Date only, e.g. 21 พ.ย. 2569."""
    return _format(value, "j M Y")


@register.filter
def longday(value: Any) -> str:
    """Date as letters write it, month in full: 31 มีนาคม 2567 (Buddhist era) or 31 March 2024."""
    if not isinstance(value, date):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return date_text(value, "th" if (get_language() or "th").startswith("th") else "en")
