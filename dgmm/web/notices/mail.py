"""E-mails to the people of the survey: Thai first, then English, in one message; sent once saved.

Every e-mail is written from three templates under ``notices/email/``: ``<name>_subject.txt``,
``<name>.txt`` and ``<name>.html``, each rendered in Thai and then in English (dates through the
``longday`` filter: ``31 มีนาคม 2567`` in Thai, ``31 March 2024`` in English). The plain-text part and
the HTML part say the same; the HTML is plain (no style, no image, no script).

Links point at ``settings.DGMM_SITE_URL`` (the address people use, not the one a request came in
on: reminders are sent by a command, outside any request). The sender is ``DEFAULT_FROM_EMAIL``.

`send_on_commit` sends when the surrounding transaction commits: an action that rolls back sends
nothing. A message that cannot be delivered (the mail server refuses or is down) is logged and
counted in the `Delivery`, never raised into the action that already saved its work.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

log = logging.getLogger("dgmm.web.notices")

LANGUAGES = ("th", "en")  # the order of the parts of every e-mail
SUBJECT_MAX_CHARS = 250
SEPARATOR = "\n\n" + "—" * 30 + "\n\n"


def site_url(path: str) -> str:
    """An absolute link to a page of the site, for an e-mail."""
    return str(settings.DGMM_SITE_URL).rstrip("/") + path


def page_url(name: str, **kwargs: Any) -> str:
    return site_url(reverse(name, kwargs=kwargs or None))


def compose(name: str, context: Mapping[str, Any], to: Sequence[str]) -> EmailMultiAlternatives:
    """The e-mail `name` to `to`: subject, text and HTML, each Thai then English."""
    subjects: list[str] = []
    texts: list[str] = []
    parts: list[tuple[str, str]] = []
    ctx = dict(context)
    for lang in LANGUAGES:
        with translation.override(lang):
            subjects.append(" ".join(render_to_string(f"notices/email/{name}_subject.txt", ctx).split()))
            texts.append(render_to_string(f"notices/email/{name}.txt", ctx).strip())
            parts.append((lang, mark_safe(render_to_string(f"notices/email/{name}.html", ctx))))
    subject = " / ".join(subjects)
    if len(subject) > SUBJECT_MAX_CHARS:
        subject = subject[: SUBJECT_MAX_CHARS - 1] + "…"
    with translation.override(LANGUAGES[0]):
        html = render_to_string("notices/email/letter.html", {"subject": subject, "parts": parts})
    message = EmailMultiAlternatives(
        subject, SEPARATOR.join(texts) + "\n", settings.DEFAULT_FROM_EMAIL, list(to)
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class Delivery:
    """What became of the e-mails of one action (filled in when its transaction commits)."""

    messages: int
    sent: int = 0
    failed: int = 0


def send_now(
    messages: Iterable[EmailMultiAlternatives], delivery: Delivery | None = None, connection: Any = None
) -> Delivery:
    """Send over one connection; a message the server refuses is logged and counted, the rest go on.

    `connection`: an open one to reuse (left open), else one is opened for these messages and closed.
    """
    batch = list(messages)
    delivery = delivery or Delivery(len(batch))
    if not batch:
        return delivery
    if connection is not None:
        _deliver(connection, batch, delivery)
        return delivery
    try:
        connection = get_connection()
        connection.open()
    except OSError as exc:  # smtplib's errors are OSErrors
        log.warning("e-mail not sent (no connection to the mail server): %s", exc)
        delivery.failed += len(batch)
        return delivery
    try:
        _deliver(connection, batch, delivery)
    finally:
        with contextlib.suppress(OSError):
            connection.close()
    return delivery


def _deliver(connection: Any, batch: list[EmailMultiAlternatives], delivery: Delivery) -> None:
    for message in batch:
        try:
            delivery.sent += connection.send_messages([message]) or 0
        except OSError as exc:
            log.warning("e-mail %r to %s not sent: %s", message.subject, ", ".join(message.to), exc)
            delivery.failed += 1


def send_on_commit(messages: Iterable[EmailMultiAlternatives]) -> Delivery:
    """Send once the current transaction commits (at once outside one); nothing if it rolls back."""
    batch = [m for m in messages if m.to]
    delivery = Delivery(len(batch))
    if batch:
        transaction.on_commit(lambda: send_now(batch, delivery))
    return delivery
