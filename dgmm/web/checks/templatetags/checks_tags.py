"""Warnings of the consistency checks on the respondent's pages, computed on demand from the answers."""

from __future__ import annotations

from typing import Any

from django import template

from dgmm.checks import Flag, checks_for
from dgmm.web.checks.evaluation import live_flags
from dgmm.web.checks.models import CheckFlag, FlagStatus
from dgmm.web.cycles.actions import framework_of

register = template.Library()


def _flags(participation: Any) -> list[Flag]:
    """The participation's flags now, computed once per participation object (one request)."""
    cached: list[Flag] | None = getattr(participation, "_check_flags", None)
    if cached is None:
        cached = live_flags(participation)
        participation._check_flags = cached
    return cached


@register.simple_tag
def participation_flags(participation: Any) -> list[Flag]:
    return _flags(participation)


@register.simple_tag
def topic_flags(participation: Any, topic_id: str) -> list[Flag]:
    """The flags that concern a topic (or one of its sub-topics)."""
    return [
        f
        for f in _flags(participation)
        if any(t == topic_id or t.startswith(f"{topic_id}.") for t in f.topics)
    ]


@register.simple_tag
def open_flag_count(participation: Any) -> int | None:
    """Open flags stored for a participation (the analysts' queue); None when its framework has no checks."""
    if not checks_for(framework_of(participation)).checks:
        return None
    return CheckFlag.objects.filter(
        participation=participation, is_current=True, status=FlagStatus.OPEN
    ).count()


@register.filter
def flag_message(flag: Flag, lang: str) -> str:
    return flag.message.get("en" if (lang or "th").startswith("en") else "th")
