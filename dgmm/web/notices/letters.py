"""The e-mails the survey sends, one function each: an invitation, a correction request, an approval and
a deadline reminder. Each returns the messages to send (`dgmm.web.notices.mail.send_on_commit`).

Review and reminder e-mails go to the agency's respondents: active accounts with the respondent
role for that agency and an e-mail address, all in one message (they are colleagues of one agency).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from dgmm.web.accounts.models import Invitation, Role, User
from dgmm.web.notices.mail import compose, page_url, send_on_commit


def respondents(agency: Any) -> list[str]:
    """The e-mail addresses of the agency's active respondents, each once, in a stable order."""
    return respondents_of([agency.pk]).get(agency.pk, [])


def respondents_of(agency_ids: Iterable[int]) -> dict[int, list[str]]:
    """`respondents` of many agencies in one query: agency id -> addresses."""
    ids = list(agency_ids)
    found: dict[int, list[str]] = {}
    rows = (
        User.objects.filter(role=Role.RESPONDENT, agency_id__in=ids, is_active=True)
        .exclude(email="")
        .order_by("agency_id", "email")
        .values_list("agency_id", "email")
    )
    for agency_id, email in rows.iterator(chunk_size=2000):
        address = email.strip()
        if address and agency_id is not None and address not in found.setdefault(agency_id, []):
            found[agency_id].append(address)
    return found


def invitation(inv: Invitation, token: str) -> EmailMultiAlternatives:
    link = page_url("accounts:accept", token=token)
    return compose(
        "invitation",
        {"invitation": inv, "link": link, "expires": inv.expires_at, "agency": inv.agency},
        [inv.email],
    )


def _participation_context(participation: Any) -> dict[str, Any]:
    cycle = participation.cycle
    return {
        "cycle": cycle,
        "agency": participation.agency,
        "deadline": cycle.closes_at,
        "home": page_url("cycles:participation", cycle=cycle.code, agency=participation.agency.code),
    }


def correction(participation: Any, comments: list[tuple[str, str]]) -> list[EmailMultiAlternatives]:
    """The submission was returned: each of the analyst's comments ((topic id or "", text)), with a
    link to the topic it concerns (the agency's start page for a comment on the whole submission)."""
    to = respondents(participation.agency)
    if not to:
        return []
    ctx = _participation_context(participation)
    rows = [
        {
            "topic_id": topic_id,
            "comment": text,
            "link": page_url(
                "cycles:topic",
                cycle=participation.cycle.code,
                agency=participation.agency.code,
                topic_id=topic_id,
            )
            if topic_id
            else ctx["home"],
        }
        for topic_id, text in comments
    ]
    ctx |= {"comments": rows, "at": timezone.now()}
    return [compose("correction", ctx, to)]


def approval(participation: Any, comment: str = "") -> list[EmailMultiAlternatives]:
    to = respondents(participation.agency)
    if not to:
        return []
    ctx = _participation_context(participation) | {"comment": comment, "at": timezone.now()}
    return [compose("approval", ctx, to)]


def reminder(participation: Any, days_left: int, to: list[str]) -> EmailMultiAlternatives:
    ctx = _participation_context(participation) | {"days_left": days_left, "status": participation}
    return compose("reminder", ctx, to)


def notify_correction(participation: Any, comments: list[tuple[str, str]]) -> None:
    send_on_commit(correction(participation, comments))


def notify_approval(participation: Any, comment: str = "") -> None:
    send_on_commit(approval(participation, comment))
