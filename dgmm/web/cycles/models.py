"""Survey cycles, who takes part, their answers, evidence files, the audit log and frozen results.

Answers are stored one row per (cycle, agency, input code, source) with the raw value string in the
core's long-format form (docs/framework-format.md, "Answer values") and a version counter that every
save increments: a save that names an older version is refused as a conflict.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dgmm.web.labels import label_fields, label_plural
from dgmm.web.registry.models import Agency, Tier


def days_to(deadline: datetime, now: datetime | None = None) -> int:
    """Whole calendar days from today to the deadline's day, in local time: 0 on the deadline's day,
    negative once it has passed. The one count of days left that pages, e-mails and confirmations show."""
    return (timezone.localtime(deadline).date() - timezone.localtime(now or timezone.now()).date()).days


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed and scored")
    PUBLISHED = "published", _("Published")


class ScoringPolicy(models.TextChoices):
    """Whose answers count when the cycle is scored (DECISIONS §28, ``dgmm.cohort.counting.POLICIES``)."""

    SUBMITTED = "submitted", _("Submitted and approved answers count (official results)")
    APPROVED = "approved", _("Only approved answers count")
    ALL = "all", _("Every stored answer, drafts included: a trial run, not for official results")


class Cycle(models.Model):
    """One survey round: a year, a framework per tier, dates, and the agencies that take part."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    year = models.PositiveIntegerField(_("year (Buddhist era)"))
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    status = models.CharField(
        _("status"), max_length=20, choices=CycleStatus.choices, default=CycleStatus.DRAFT
    )
    publish_agency_results = models.BooleanField(
        _("publish agency results"),
        default=False,
        help_text=_("When published, show each agency's results to the public, not only aggregates."),
    )
    scoring_policy = models.CharField(
        _("scoring policy"),
        max_length=20,
        choices=ScoringPolicy.choices,
        default=ScoringPolicy.SUBMITTED,
        help_text=_("Chosen when the cycle is closed; recorded with its results."),
    )
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en"):
            return self.name_en or self.name_th
        return self.name_th or self.name_en

    @property
    def is_accepting_answers(self) -> bool:
        """Open, and the deadline has not passed."""
        now = timezone.now()
        return self.status == CycleStatus.OPEN and self.opens_at <= now < self.closes_at

    @property
    def has_results(self) -> bool:
        return self.status in (CycleStatus.CLOSED, CycleStatus.PUBLISHED)


class CycleFramework(models.Model):
    """The framework a tier of a cycle answers: a shipped framework id or a framework file path."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="frameworks")
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    framework = models.CharField(_("framework"), max_length=500)

    class Meta:
        verbose_name = _("cycle framework")
        constraints = [models.UniqueConstraint(fields=["cycle", "tier"], name="cycle_framework_per_tier")]

    def __str__(self) -> str:
        return f"{self.cycle.code} {self.tier}: {self.framework}"


label_fields(CycleFramework, cycle=_("cycle"))


class ParticipationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


class ResultStatus(models.TextChoices):
    """An agency's status in a cycle's results (docs/results-format.md; DECISIONS §27, §28)."""

    SCORED = "scored", _("Scored")
    NO_ANSWERS = "no_answers", _("No answers")
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    RETURNED = "returned", _("Returned for correction")
    NOT_APPROVED = "not_approved", _("Submitted, not yet approved")


def result_status_label(status: str) -> str:
    """The words for a results status (the code itself when unknown)."""
    try:
        return str(ResultStatus(status).label)
    except ValueError:
        return status


EDITABLE_STATUSES = (
    ParticipationStatus.NOT_STARTED,
    ParticipationStatus.IN_PROGRESS,
    ParticipationStatus.RETURNED,
)


class Participation(models.Model):
    """An agency taking part in a cycle: its submission and review status."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="participations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="participations")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.NOT_STARTED,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="one_participation_per_cycle")
        ]
        ordering = ["cycle", "agency__code"]

    def __str__(self) -> str:
        return f"{self.cycle.code} / {self.agency.code}"

    @property
    def tier(self) -> str:
        return self.agency.tier

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES and self.cycle.is_accepting_answers


label_fields(Participation, cycle=_("cycle"), agency=_("agency"), submitted_by=_("submitted by"))


class AnswerSource(models.TextChoices):
    AGENCY = "agency", _("Agency")
    ANALYST = "analyst", _("Analyst")


class Answer(models.Model):
    """One input's answer: the raw long-format value string (NULL = cleared) and its version."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="answers")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="answers")
    code = models.CharField(_("input code"), max_length=60)
    source = models.CharField(
        _("source"), max_length=10, choices=AnswerSource.choices, default=AnswerSource.AGENCY
    )
    value = models.TextField(_("value"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agency", "code", "source"], name="one_answer_per_input_and_source"
            )
        ]
        indexes = [models.Index(fields=["cycle", "agency", "source"])]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.code}={self.value!r} v{self.version}"

    @property
    def is_answered(self) -> bool:
        return self.value is not None


label_fields(Answer, cycle=_("cycle"), agency=_("agency"), updated_by=_("updated by"))


class EvidenceStorage(FileSystemStorage):
    """Files under settings.EVIDENCE_ROOT (read at each use), outside the web root, with no public URL."""

    @property
    def base_location(self) -> str:
        return str(settings.EVIDENCE_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("evidence files have no public URL; use the cycles:evidence-download view")


def evidence_storage() -> FileSystemStorage:
    return EvidenceStorage()


def evidence_path(instance: Evidence, filename: str) -> str:
    return (
        f"{instance.cycle.code}/{instance.agency.code}/{timezone.now():%Y%m%d%H%M%S}-{instance.sha256[:12]}"
    )


class Evidence(models.Model):
    """A file an agency attaches to a topic (or to a `file` input). Stored outside the web root."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="evidence")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="evidence")
    topic_id = models.CharField(_("topic"), max_length=60)
    input_code = models.CharField(_("input code"), max_length=60, blank=True)
    file = models.FileField(upload_to=evidence_path, storage=evidence_storage, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    is_removed = models.BooleanField(default=False)
    # When it was removed: its file is kept for a grace period after that (`purge`), then deleted.
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


label_fields(
    Evidence,
    cycle=_("cycle"),
    agency=_("agency"),
    file=_("file"),
    content_type=_("content type"),
    sha256=_("SHA-256 checksum"),
    uploaded_by=_("uploaded by"),
    is_removed=_("removed by the agency"),
)


class AuditLogError(Exception):
    """Something tried to change or delete a record that is
    only ever added to (audit entries, review comments)."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Rows are added, never changed or deleted: ``update()`` and ``delete()`` refuse.

    Loading a backup (``loaddata``) inserts rows with ``save_base`` and is not affected; removing an
    account sets the author or actor to NULL through the database layer (the name stays written).
    """

    def update(self, **kwargs: Any) -> int:
        raise AuditLogError(f"{self.model._meta.verbose_name_plural} are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogError(f"{self.model._meta.verbose_name_plural} are never deleted")


class AppendOnly(models.Model):
    """A model whose rows the application adds and never changes or deletes."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or kwargs.get("force_update"):
            raise AuditLogError(f"{self._meta.verbose_name_plural} are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogError(f"{self._meta.verbose_name_plural} are never deleted")


class AuditEntry(AppendOnly):
    """One change: who, when, what, old value, new value. Never updated or deleted by the application."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer")
        STATUS = "status", _("Status")
        REVIEW = "review", _("Review")
        EVIDENCE = "evidence", _("Evidence")
        CYCLE = "cycle", _("Cycle")
        REGISTRY = "registry", _("Registry")
        ACCOUNT = "account", _("Account")
        EXPORT = "export", _("Export or download")

    # A cycle or agency with a history cannot be deleted: its entries stay.
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, null=True, blank=True, related_name="audit")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The actor's user name when the entry was written: kept even if the account is later removed.
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    # The API token the change was made with (None on the site); tokens are revoked, never deleted.
    token = models.ForeignKey(
        "api.ApiToken",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("API token"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target = models.CharField(_("what"), max_length=120)
    old_value = models.TextField(_("old value"), null=True, blank=True)
    new_value = models.TextField(_("new value"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def who(self) -> str:
        """The actor; the name as written when the account
        is gone; "–" for the system or an anonymous visitor."""
        if self.actor is not None:
            return str(self.actor)
        return self.actor_name or "–"

    @property
    def token_label(self) -> str:
        """ "dgmm_AbCdEfG… (created by admin)" when the change was made through the API, else ""."""
        if self.token is None:
            return ""
        creator = self.token.created_by.get_username() if self.token.created_by else _("the command line")
        return _("%(prefix)s… (created by %(creator)s)") % {"prefix": self.token.prefix, "creator": creator}

    @property
    def actor_label(self) -> str:
        """The user name as written, kept when the account is gone; empty for the system."""
        return self.actor.get_username() if self.actor is not None else self.actor_name


class CycleResult(models.Model):
    """The frozen results of one tier of a closed cycle: the core's results document, as written."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="results")
    tier = models.CharField(_("tier"), max_length=20, choices=Tier.choices)
    framework = models.CharField(_("framework"), max_length=500)
    document = models.JSONField(_("results document"))
    generated_at = models.DateTimeField(_("generated"), auto_now_add=True)

    class Meta:
        verbose_name = _("cycle result")
        constraints = [models.UniqueConstraint(fields=["cycle", "tier"], name="one_result_per_tier")]

    def __str__(self) -> str:
        return f"{self.cycle} / {self.get_tier_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A row written again gets a new `generated_at`: the key under which its parsed document is
        kept (dgmm.web.cycles.frozen), so no process answers with the document it had before."""
        if not self._state.adding and self.pk is not None:
            self.generated_at = timezone.now()
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "generated_at"}
        super().save(*args, **kwargs)


label_fields(AuditEntry, cycle=_("cycle"), agency=_("agency"), actor=_("actor account"))
label_fields(CycleResult, cycle=_("cycle"))
label_plural(CycleResult, _("cycle results"))
label_plural(CycleFramework, _("cycle frameworks"))
