"""Signals other apps listen to, sent by the cycle's actions."""

from __future__ import annotations

from django.dispatch import Signal

# An agency's answers were submitted (`SubmitParticipation`), inside its transaction: `participation`.
answers_submitted = Signal()
