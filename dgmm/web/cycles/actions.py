"""Operations on cycles, answers, submissions and evidence (check() then execute(), see dgmm.web.actions)."""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from dgmm import AnswerError, parse_answers
from dgmm.inheritance import Source, plan_for
from dgmm.web.actions import Action, ActionError, ActionPermissionError, ConflictError
from dgmm.web.cycles.audit import record, record_many
from dgmm.web.cycles.frameworks import get_framework
from dgmm.web.cycles.models import (
    Answer,
    AnswerSource,
    AuditEntry,
    Cycle,
    CycleFramework,
    CycleResult,
    CycleStatus,
    Evidence,
    Participation,
    ParticipationStatus,
    ScoringPolicy,
)
from dgmm.web.cycles.permissions import CyclePolicy
from dgmm.web.cycles.signals import answers_submitted
from dgmm.web.registry.models import Agency

# --- helpers shared by the actions -----------------------------------------------------------------


def framework_of(participation: Participation) -> Any:
    """The framework the participation's tier answers in its cycle; ActionError when the tier has none.

    Read once per participation object (a request's view and its action share it)."""
    ref = getattr(participation, "_framework_ref", None)
    if ref is None:
        refs = CycleFramework.objects.filter(cycle_id=participation.cycle_id, tier=participation.agency.tier)
        ref = next(iter(refs.values_list("framework", flat=True)[:1]), None)
        if ref is None:
            raise ActionError(_("This cycle has no framework for the agency's tier."), code="no_framework")
        participation._framework_ref = ref  # type: ignore[attr-defined]
    return get_framework(ref)


def set_status(
    participation: Participation,
    new: str,
    actor: Any,
    note: str = "",
    expected: tuple[str, ...] | None = None,
) -> None:
    """Change a participation's status (only from one of `expected`, checked in the UPDATE) and log it."""
    old = participation.status
    qs = Participation.objects.filter(pk=participation.pk)
    if expected is not None:
        qs = qs.filter(status__in=expected)
    fields: dict[str, Any] = {"status": new, "updated_at": timezone.now()}
    if new == ParticipationStatus.SUBMITTED:
        fields.update(submitted_at=timezone.now(), submitted_by=actor)
    if qs.update(**fields) != 1:
        raise ConflictError(_("The status changed meanwhile; reload the page."), code="status_conflict")
    participation.refresh_from_db()
    record(
        AuditEntry.Kind.STATUS,
        "status",
        actor=actor,
        cycle=participation.cycle,
        agency=participation.agency,
        old=old,
        new=new,
        note=note,
    )


def start_participations(participations: list[Participation], actor: Any, note: str = "") -> None:
    """Those of `participations` (of one cycle) still not started become in progress, each change logged.

    Call it in a transaction: the rows are locked while they are read and changed.
    """
    pks = [p.pk for p in participations if p.status == ParticipationStatus.NOT_STARTED]
    now = timezone.now()
    started: list[tuple[int, int]] = []
    for i in range(0, len(pks), 500):
        qs = Participation.objects.select_for_update().filter(
            pk__in=pks[i : i + 500], status=ParticipationStatus.NOT_STARTED
        )
        batch = list(qs.values_list("pk", "agency_id"))
        Participation.objects.filter(pk__in=[pk for pk, _a in batch]).update(
            status=ParticipationStatus.IN_PROGRESS, updated_at=now
        )
        started += batch
    for cycle_id in {p.cycle_id for p in participations}:
        record_many(
            AuditEntry.Kind.STATUS,
            [
                ("status", agency_id, ParticipationStatus.NOT_STARTED, ParticipationStatus.IN_PROGRESS)
                for _pk, agency_id in started
            ],
            actor=actor,
            cycle_id=cycle_id,
            note=note,
        )


def check_editable(participation: Participation) -> None:
    if participation.status not in (
        ParticipationStatus.NOT_STARTED,
        ParticipationStatus.IN_PROGRESS,
        ParticipationStatus.RETURNED,
    ):
        raise ActionError(
            _("The answers were submitted and are locked until an analyst reopens them."), code="locked"
        )
    if not participation.cycle.is_accepting_answers:
        raise ActionError(
            _("The cycle is not accepting answers (it is closed or the deadline has passed)."),
            code="cycle_closed",
        )


# --- answers -----------------------------------------------------------------------------------------


@dataclass
class SaveResult:
    answer: Answer | None
    changed: bool


class SaveAnswer(Action):
    """Save one input's raw value with a version check: a stale `expected_version` is a conflict.

    `expected_version` is the version the user last saw (0 when there was no answer). `raw` None
    clears the answer. Every change is written to the audit log.
    """

    def __init__(
        self,
        participation: Participation,
        user: Any,
        code: str,
        raw: str | None,
        expected_version: int,
        source: str = AnswerSource.AGENCY,
    ) -> None:
        self.participation = participation
        self.user = user
        self.code = code
        self.raw = raw
        self.expected_version = expected_version
        self.source = source
        self.policy = CyclePolicy(user)

    def check(self) -> None:
        p = self.participation
        fw = framework_of(p)
        inp = fw.inputs.get(self.code)
        if inp is None:
            raise ActionError(_("Unknown question %(code)s.") % {"code": self.code}, code="unknown_input")
        if self.source == AnswerSource.ANALYST:
            if not self.policy.can_review(p):
                raise ActionPermissionError(_("Only analysts record analyst checks."))
            if p.cycle.status not in (CycleStatus.OPEN,):
                raise ActionError(_("The cycle is not open."), code="cycle_closed")
        else:
            if not self.policy.can_edit_answers(p):
                raise ActionPermissionError(_("You may not answer for this agency."))
            if plan_for(fw, p.agency.parent_id is not None).source(inp.code) is not Source.OWN:
                raise ActionError(_("This question is not answered by the agency."), code="not_agency_input")
            check_editable(p)
        if self.raw is not None:
            try:
                parse_answers(fw, {self.code: self.raw})
            except AnswerError as exc:
                from dgmm.web.cycles.forms import invalid_answer_message

                raise ActionError(invalid_answer_message(inp, exc.problems), code="invalid_answer") from exc

    def _current(self) -> Answer | None:
        p = self.participation
        return Answer.objects.filter(
            cycle_id=p.cycle_id, agency_id=p.agency_id, code=self.code, source=self.source
        ).first()

    def _conflict(self, current: Answer | None) -> ConflictError:
        return ConflictError(
            _(
                "Someone else changed this answer meanwhile. Your input is kept below; check the saved value "
                "and save again."
            ),
            current_value=current.value if current else None,
            current_version=current.version if current else 0,
        )

    def _execute(self) -> SaveResult:
        # The version check lives in the write itself (UPDATE ... WHERE version = seen, or an INSERT
        # the unique constraint refuses), so the current answer is read before the transaction and
        # the write lock is held for the writes only: the UPDATE or INSERT and the audit entry.
        p = self.participation
        current = self._current()
        current_version = current.version if current else 0
        if self.expected_version != current_version:
            raise self._conflict(current)
        if current is None and self.raw is None:
            return SaveResult(None, False)
        if current is not None and current.value == self.raw:
            return SaveResult(current, False)
        now = timezone.now()
        try:
            with transaction.atomic():
                if current is None:
                    answer = Answer.objects.create(
                        cycle_id=p.cycle_id,
                        agency_id=p.agency_id,
                        code=self.code,
                        source=self.source,
                        value=self.raw,
                        version=1,
                        updated_at=now,
                        updated_by=self.user,
                    )
                    old = None
                else:
                    if (
                        Answer.objects.filter(pk=current.pk, version=current_version).update(
                            value=self.raw, version=F("version") + 1, updated_at=now, updated_by=self.user
                        )
                        != 1
                    ):
                        raise _Stale
                    old = current.value
                    current.value, current.version = self.raw, current_version + 1
                    current.updated_at, current.updated_by = now, self.user
                    answer = current
                target = self.code if self.source == AnswerSource.AGENCY else f"{self.code} (analyst)"
                record(
                    AuditEntry.Kind.ANSWER,
                    target,
                    actor=self.user,
                    cycle=p.cycle,
                    agency=p.agency,
                    old=old,
                    new=self.raw,
                )
                if self.source == AnswerSource.AGENCY and p.status == ParticipationStatus.NOT_STARTED:
                    with contextlib.suppress(ConflictError):  # another tab started it first
                        set_status(
                            p,
                            ParticipationStatus.IN_PROGRESS,
                            self.user,
                            expected=(ParticipationStatus.NOT_STARTED,),
                        )
        except (IntegrityError, _Stale):  # another save of the same answer committed first
            raise self._conflict(self._current()) from None
        return SaveResult(answer, True)


class _Stale(Exception):
    """The answer's version changed between reading it and writing it."""


class SubmitParticipation(Action):
    """Submit an agency's answers: every required agency input answered, before the deadline. Locks them."""

    def __init__(self, participation: Participation, user: Any) -> None:
        self.participation = participation
        self.user = user
        self.incomplete: list[Any] = []

    def check(self) -> None:
        from dgmm.web.cycles.progress import incomplete_topics

        p = self.participation
        if not CyclePolicy(self.user).can_edit_answers(p):
            raise ActionPermissionError(_("You may not submit for this agency."))
        check_editable(p)
        self.incomplete = incomplete_topics(framework_of(p), p)
        if self.incomplete:
            raise ActionError(
                _("%(count)d topics still have unanswered questions.") % {"count": len(self.incomplete)},
                code="incomplete",
            )

    def _execute(self) -> None:
        set_status(
            self.participation,
            ParticipationStatus.SUBMITTED,
            self.user,
            expected=(
                ParticipationStatus.NOT_STARTED,
                ParticipationStatus.IN_PROGRESS,
                ParticipationStatus.RETURNED,
            ),
        )
        answers_submitted.send(sender=Participation, participation=self.participation)


# --- evidence ----------------------------------------------------------------------------------------


def clean_file_name(name: str) -> str:
    """The name a file is shown and downloaded under: its last path part, without control characters,
    at most 255 characters, the extension kept."""
    base = "".join(ch for ch in Path(name.replace("\\", "/")).name if ch.isprintable()).strip() or "file"
    if len(base) > 255:
        suffix = Path(base).suffix[:16]
        base = base[: 255 - len(suffix)] + suffix
    return base


MAGIC = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}


class UploadEvidence(Action):
    """Attach a file to a topic (and, for a `file` question, answer it with the file's name)."""

    def __init__(
        self,
        participation: Participation,
        user: Any,
        topic_id: str,
        upload: UploadedFile[Any],
        input_code: str = "",
    ) -> None:
        self.participation = participation
        self.user = user
        self.topic_id = topic_id
        self.upload = upload
        self.input_code = input_code

    def check(self) -> None:
        p = self.participation
        if not CyclePolicy(self.user).can_edit_answers(p):
            raise ActionPermissionError(_("You may not attach files for this agency."))
        check_editable(p)
        fw = framework_of(p)
        if self.topic_id not in fw.topics:
            raise ActionError(_("Unknown topic."), code="unknown_topic")
        if self.input_code and (
            self.input_code not in fw.inputs or fw.inputs[self.input_code].type != "file"
        ):
            raise ActionError(_("Unknown file question."), code="unknown_input")
        plan = plan_for(fw, p.agency.parent_id is not None)
        if plan.topic_inherited(self.topic_id) or (
            self.input_code and plan.source(self.input_code) is not Source.OWN
        ):
            raise ActionError(
                _("This topic is answered by the parent department: its files are attached there."),
                code="not_agency_input",
            )
        ext = Path(self.upload.name or "").suffix.lower()
        allowed = settings.EVIDENCE_TYPES
        if ext not in allowed:
            raise ActionError(
                _("Files of this type are not accepted. Accepted: %(types)s")
                % {"types": ", ".join(sorted(allowed))},
                code="bad_file_type",
            )
        if self.upload.size is None or self.upload.size > settings.EVIDENCE_MAX_BYTES:
            raise ActionError(
                _("The file is larger than %(mb)d MB.")
                % {"mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)},
                code="file_too_large",
            )
        if self.upload.size == 0:
            raise ActionError(_("The file is empty."), code="empty_file")
        self._check_quota(self.upload.size)
        head = self.upload.read(8)
        self.upload.seek(0)
        if ext in MAGIC and not any(head.startswith(m) for m in MAGIC[ext]):
            raise ActionError(_("The file's content does not match its type."), code="bad_file_type")
        if ext in (".csv", ".txt") and b"\x00" in head:
            raise ActionError(_("The file's content does not match its type."), code="bad_file_type")

    def _check_quota(self, size: int) -> None:
        """An agency's files in a cycle stay within a count and a total size (files removed excluded)."""
        p = self.participation
        kept = Evidence.objects.filter(cycle=p.cycle, agency=p.agency, is_removed=False).aggregate(
            n=Count("id"), total=Sum("size")
        )
        if kept["n"] >= settings.EVIDENCE_MAX_FILES_PER_AGENCY:
            raise ActionError(
                _(
                    "This agency already has %(n)d files attached in this cycle, the most allowed; "
                    "remove one before attaching another."
                )
                % {"n": kept["n"]},
                code="too_many_files",
            )
        if (kept["total"] or 0) + size > settings.EVIDENCE_MAX_BYTES_PER_AGENCY:
            raise ActionError(
                _(
                    "The files attached for this agency would exceed %(mb)d MB in this cycle; "
                    "remove files no longer needed first."
                )
                % {"mb": settings.EVIDENCE_MAX_BYTES_PER_AGENCY // (1024 * 1024)},
                code="quota_exceeded",
            )

    def _execute(self) -> Evidence:
        p = self.participation
        digest = hashlib.sha256()
        for chunk in self.upload.chunks():
            digest.update(chunk)
        self.upload.seek(0)
        ext = Path(self.upload.name or "").suffix.lower()
        ctype = settings.EVIDENCE_TYPES[ext][0]
        ev = Evidence(
            cycle=p.cycle,
            agency=p.agency,
            topic_id=self.topic_id,
            input_code=self.input_code,
            original_name=clean_file_name(self.upload.name or ""),
            content_type=ctype,
            size=self.upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=self.user,
        )
        ev.file.save(ev.sha256[:16] + ext, self.upload, save=False)
        ev.save()
        record(
            AuditEntry.Kind.EVIDENCE,
            self.input_code or self.topic_id,
            actor=self.user,
            cycle=p.cycle,
            agency=p.agency,
            new=ev.original_name,
            note=f"sha256 {ev.sha256}",
        )
        if self.input_code:
            current = Answer.objects.filter(
                cycle=p.cycle, agency=p.agency, code=self.input_code, source=AnswerSource.AGENCY
            ).first()
            SaveAnswer(
                p, self.user, self.input_code, ev.original_name, current.version if current else 0
            ).execute()
        return ev


class RemoveEvidence(Action):
    def __init__(self, evidence: Evidence, participation: Participation, user: Any) -> None:
        self.evidence = evidence
        self.participation = participation
        self.user = user

    def check(self) -> None:
        if not CyclePolicy(self.user).can_edit_answers(self.participation):
            raise ActionPermissionError(_("You may not remove files for this agency."))
        check_editable(self.participation)

    def _execute(self) -> None:
        Evidence.objects.filter(pk=self.evidence.pk).update(is_removed=True, removed_at=timezone.now())
        record(
            AuditEntry.Kind.EVIDENCE,
            self.evidence.input_code or self.evidence.topic_id,
            actor=self.user,
            cycle=self.participation.cycle,
            agency=self.participation.agency,
            old=self.evidence.original_name,
            new=None,
            note="removed",
        )


# --- cycles ------------------------------------------------------------------------------------------


class _StaffAction(Action):
    def __init__(self, cycle: Cycle, user: Any) -> None:
        self.cycle = cycle
        self.user = user

    def check(self) -> None:
        if not CyclePolicy(self.user).can_manage():
            raise ActionPermissionError(_("Only analysts manage cycles."))


class SaveCycleFrameworks(_StaffAction):
    """Set the framework of each tier (tiers left out stop taking part)."""

    def __init__(self, cycle: Cycle, user: Any, tier_frameworks: dict[str, str]) -> None:
        super().__init__(cycle, user)
        self.tier_frameworks = tier_frameworks

    def check(self) -> None:
        super().check()
        if self.cycle.status != CycleStatus.DRAFT and self.cycle.frameworks.exists():
            current = {cf.tier: cf.framework for cf in self.cycle.frameworks.all()}
            if current != self.tier_frameworks:
                raise ActionError(
                    _("Frameworks can only change while the cycle is a draft."), code="not_draft"
                )

    def _execute(self) -> None:
        with transaction.atomic():
            before = {cf.tier: cf.framework for cf in self.cycle.frameworks.all()}
            if before == self.tier_frameworks:
                return
            self.cycle.frameworks.exclude(tier__in=list(self.tier_frameworks)).delete()
            for tier, ref in self.tier_frameworks.items():
                CycleFramework.objects.update_or_create(
                    cycle=self.cycle, tier=tier, defaults={"framework": ref}
                )
            record(
                AuditEntry.Kind.CYCLE,
                "frameworks",
                actor=self.user,
                cycle=self.cycle,
                old=_tiers(before) or None,
                new=_tiers(self.tier_frameworks),
            )


def _tiers(frameworks: dict[str, str]) -> str:
    return ", ".join(f"{t}={r}" for t, r in sorted(frameworks.items()))


class AddParticipants(_StaffAction):
    """Invite agencies of the registry to a cycle (agencies of tiers without a framework are refused)."""

    def __init__(self, cycle: Cycle, user: Any, agencies: Any) -> None:
        super().__init__(cycle, user)
        self.agencies = list(agencies)

    def check(self) -> None:
        super().check()
        if self.cycle.has_results:
            raise ActionError(_("The cycle is closed."), code="cycle_closed")
        tiers = set(self.cycle.frameworks.values_list("tier", flat=True))
        wrong = [a.code for a in self.agencies if a.tier not in tiers]
        if wrong:
            raise ActionError(
                _("These agencies' tiers have no framework in this cycle: %(ids)s")
                % {"ids": ", ".join(wrong[:10])},
                code="tier_without_framework",
            )

    def _execute(self) -> int:
        existing = set(Participation.objects.filter(cycle=self.cycle).values_list("agency_id", flat=True))
        new = [Participation(cycle=self.cycle, agency=a) for a in self.agencies if a.pk not in existing]
        Participation.objects.bulk_create(new, batch_size=500)
        if new:
            record(
                AuditEntry.Kind.CYCLE,
                "participants",
                actor=self.user,
                cycle=self.cycle,
                new=str(len(new)),
                note="agencies added",
            )
        return len(new)


class RemoveParticipants(_StaffAction):
    """Take agencies out of a cycle that has no results yet. All or nothing: an agency with stored
    answers or evidence, or the parent department of an agency that stays, is refused (its answers
    or its children's inherited topics would be lost), and nothing is removed."""

    def __init__(self, cycle: Cycle, user: Any, codes: list[str]) -> None:
        super().__init__(cycle, user)
        self.codes = list(dict.fromkeys(codes))
        self.participations: list[Participation] = []

    def check(self) -> None:
        super().check()
        if self.cycle.has_results:
            raise ActionError(_("The cycle is closed."), code="cycle_closed")
        parts = {
            p.agency.code: p
            for p in Participation.objects.filter(
                cycle=self.cycle, agency__code__in=self.codes
            ).select_related("agency")
        }
        unknown = [c for c in self.codes if c not in parts]
        if unknown:
            raise ActionError(
                _("These agencies do not take part in this cycle: %(ids)s")
                % {"ids": ", ".join(unknown[:10])},
                code="not_participating",
            )
        ids = {p.agency_id for p in parts.values()}
        answered = set(
            Answer.objects.filter(cycle=self.cycle, agency_id__in=ids).values_list("agency__code", flat=True)
        )
        answered |= set(
            Evidence.objects.filter(cycle=self.cycle, agency_id__in=ids).values_list(
                "agency__code", flat=True
            )
        )
        if answered:
            raise ActionError(
                _("These agencies already have answers or evidence and stay in the cycle: %(ids)s")
                % {"ids": ", ".join(sorted(answered)[:10])},
                code="has_answers",
            )
        parents = set(
            Participation.objects.filter(cycle=self.cycle, agency__parent_id__in=ids)
            .exclude(agency_id__in=ids)
            .values_list("agency__parent__code", flat=True)
        )
        if parents:
            raise ActionError(
                _("Agencies that stay in the cycle inherit answers from these departments: %(ids)s")
                % {"ids": ", ".join(sorted(parents)[:10])},
                code="parent_of_participants",
            )
        self.participations = [parts[c] for c in self.codes]

    def _execute(self) -> int:
        with transaction.atomic():
            # an answer saved since check() keeps its agency in the cycle: then nothing is removed
            unanswered = Participation.objects.filter(pk__in=[p.pk for p in self.participations]).exclude(
                Exists(Answer.objects.filter(cycle_id=OuterRef("cycle_id"), agency_id=OuterRef("agency_id")))
            )
            removed = unanswered.delete()[0]
            if removed != len(self.participations):
                raise ConflictError(
                    _("An agency answered meanwhile; reload the page."), code="answered_meanwhile"
                )
            record(
                AuditEntry.Kind.CYCLE,
                "participants",
                actor=self.user,
                cycle=self.cycle,
                old=", ".join(self.codes),
                new=None,
                note="agencies removed",
            )
        return removed


REASON_MAX = 500  # characters of a reason given for reopening or withdrawing


def _reason(value: str) -> str:
    """A required reason, bounded; ActionError naming what is expected otherwise."""
    reason = (value or "").strip()
    if not reason:
        raise ActionError(_("Give the reason: it is kept in the audit log."), code="reason_required")
    if len(reason) > REASON_MAX:
        raise ActionError(
            _("The reason is %(length)d characters long; at most %(max)d are kept.")
            % {"length": len(reason), "max": REASON_MAX},
            code="reason_too_long",
        )
    return reason


class _Transition(_StaffAction):
    """A change of the cycle's status: allowed only from `source`, audited with a note."""

    source: tuple[str, ...] = ()
    target = ""

    def check(self) -> None:
        super().check()
        if self.cycle.status not in self.source:
            raise ActionError(
                _("This cannot be done while the cycle is “%(status)s”.")
                % {"status": self.cycle.get_status_display()},
                code="wrong_status",
            )

    def _move(self, note: str = "", **fields: Any) -> None:
        old = self.cycle.status
        updated = Cycle.objects.filter(pk=self.cycle.pk, status=old).update(status=self.target, **fields)
        if updated != 1:
            raise ConflictError(_("The cycle changed meanwhile; reload the page."))
        self.cycle.refresh_from_db()
        record(
            AuditEntry.Kind.CYCLE,
            "status",
            actor=self.user,
            cycle=self.cycle,
            old=old,
            new=self.target,
            note=note,
        )


class _ReasonedTransition(_Transition):
    """A change of status that needs a reason (required, at most REASON_MAX characters), kept in its
    audit note."""

    def __init__(self, cycle: Cycle, user: Any, reason: str) -> None:
        super().__init__(cycle, user)
        self.raw_reason = reason
        self.reason = ""

    def check(self) -> None:
        super().check()
        self.reason = _reason(self.raw_reason)


class OpenCycle(_Transition):
    source = (CycleStatus.DRAFT,)
    target = CycleStatus.OPEN

    def check(self) -> None:
        super().check()
        if not self.cycle.frameworks.exists():
            raise ActionError(_("Choose a framework for at least one tier first."), code="no_framework")
        for cf in self.cycle.frameworks.all():
            get_framework(cf.framework)  # FrameworkError surfaces now, not when respondents open it

    def _execute(self) -> None:
        self._move()


class CloseCycle(_Transition):
    """Close the cycle: score every tier with the core (dgmm.score_cycle) and freeze the results.

    `policy` (a ``ScoringPolicy``; None: the cycle's recorded one) says whose answers count
    (DECISIONS §28): it is recorded on the cycle and in the audit log, and the participations'
    statuses go to the core, which lists the agencies whose answers do not count with no score or rank.
    A stored value that no longer fits its input never stops the close: the topics reading it are
    undetermined (reason invalid_value) and `invalid` lists them ("agency:input: why") for the report."""

    source = (CycleStatus.OPEN,)
    target = CycleStatus.CLOSED

    def __init__(self, cycle: Cycle, user: Any, policy: str | None = None) -> None:
        super().__init__(cycle, user)
        self.policy = policy or cycle.scoring_policy
        self.invalid: list[str] = []

    def check(self) -> None:
        super().check()
        if self.policy not in ScoringPolicy.values:
            raise ActionError(
                _("Choose whose answers count: %(choices)s.") % {"choices": ", ".join(ScoringPolicy.values)},
                code="unknown_policy",
            )

    def _execute(self) -> list[CycleResult]:
        from dgmm.web.cycles.scoring import score_tier

        out = []
        with transaction.atomic():
            before = self.cycle.scoring_policy
            if before != self.policy:
                Cycle.objects.filter(pk=self.cycle.pk).update(scoring_policy=self.policy)
                self.cycle.scoring_policy = self.policy
                record(
                    AuditEntry.Kind.CYCLE,
                    "scoring_policy",
                    actor=self.user,
                    cycle=self.cycle,
                    old=before,
                    new=self.policy,
                )
            for cf in self.cycle.frameworks.all():
                doc, invalid = score_tier(self.cycle, cf.tier, cf.framework)
                self.invalid.extend(invalid)
                res, _created = CycleResult.objects.update_or_create(
                    cycle=self.cycle, tier=cf.tier, defaults={"framework": cf.framework, "document": doc}
                )
                out.append(res)
            self._move(scored_at=timezone.now(), note=_counted_note(self.policy, out))
        return out


def _counted_note(policy: str, results: list[CycleResult]) -> str:
    """The audit note of a close: the policy and, per tier, the agencies listed per status."""
    parts = [f"policy={policy}"]
    for r in results:
        statuses = r.document["cohort"].get("statuses") or {}
        parts.append(f"{r.tier}: " + ", ".join(f"{k}={v}" for k, v in statuses.items()))
    return "; ".join(parts)


class ReopenCycle(_ReasonedTransition):
    """Open a closed, unpublished cycle again, with a reason (audited).

    The results are **discarded**, not kept as superseded: they were computed from answers that may
    now change, so a kept copy could be read, exported or published as if it were the cycle's results.
    The audit entry keeps what was discarded (the policy and the agencies per status of each tier), and
    closing again scores the cycle afresh (under the policy then chosen). Participations keep their
    statuses: a submitted agency stays submitted; one returned for correction can correct its answers
    until the closing date (if that date has passed, the analyst moves it by editing the cycle)."""

    source = (CycleStatus.CLOSED,)
    target = CycleStatus.OPEN

    def _execute(self) -> int:
        with transaction.atomic():
            results = list(self.cycle.results.all())
            discarded = _counted_note(self.cycle.scoring_policy, results)
            self.cycle.results.all().delete()
            self._move(scored_at=None, note=f"{self.reason} (results discarded: {discarded})")
        for r in results:  # the files of the discarded results go too (a new close writes them afresh)
            for suffix in (".json", ".csv"):
                with contextlib.suppress(OSError):
                    (Path(settings.RESULTS_DIR) / self.cycle.code / f"{r.tier}{suffix}").unlink()
        return len(results)


class PublishCycle(_Transition):
    """Publish the results: agencies see their own, and the public sees the aggregates (and each
    agency's results when the cycle says so). Results scored with drafts included are never published.
    The public aggregates (docs/public-data.md) are made in the same transaction."""

    source = (CycleStatus.CLOSED,)
    target = CycleStatus.PUBLISHED

    def check(self) -> None:
        super().check()
        if self.cycle.scoring_policy == ScoringPolicy.ALL:
            raise ActionError(
                _(
                    "These results count unsubmitted drafts, so they cannot be published. Reopen the "
                    "cycle and close it again with submitted or approved answers only."
                ),
                code="drafts_counted",
            )

    def _execute(self) -> None:
        from dgmm.web.dashboards.public import publish_aggregates

        what = "agency results and aggregates" if self.cycle.publish_agency_results else "aggregates only"
        with transaction.atomic():  # the public aggregates are made with the publication, or neither is
            self._move(published_at=timezone.now(), note=f"public: {what}")
            publish_aggregates(self.cycle)


class WithdrawPublication(_ReasonedTransition):
    """Take published results back (the cycle is closed again, its results kept), with a reason (audited).
    The public and the agencies no longer see them until the cycle is published again."""

    source = (CycleStatus.PUBLISHED,)
    target = CycleStatus.CLOSED

    def _execute(self) -> None:
        from dgmm.web.dashboards.public import withdraw_aggregates

        with transaction.atomic():  # the public aggregates and open data go with the publication
            self._move(published_at=None, note=self.reason)
            withdraw_aggregates(self.cycle)


def participants_query(tiers: list[str], ministry: str = "", province: str = "") -> Any:
    qs = Agency.objects.filter(tier__in=tiers, is_active=True)
    if ministry:
        qs = qs.filter(ministry__code=ministry)
    if province:
        qs = qs.filter(province__code=province)
    return qs
